//! The explainer's dataset, compiled into the wasm: every figure of the article's specialty-town
//! sections as a typed [`Record`] with its unit, period, kind, qualifier and source paragraph;
//! the rest-trip limits as named [`Limit`] rows that the rule engine reads (and that the export
//! also lists as records); and the towns, platforms and fairs the article names ([`named`]).
//!
//! # Correcting a figure (for editors)
//!
//! Every number is typed exactly once:
//! - a figure of the specialty-town sections: its row in `REPORTED` in `src/data/towns.rs`
//!   (`value`, and `quote_zh`, the article's own words, if the printed text changed too);
//! - a rest-trip limit: its row in `LIMITS` in `src/data/limits.rs`.
//!
//! Derived figures (the implied 2022 output, the other nine towns, platforms per town, ...) are
//! computed from those rows when the table is first used, so they follow a correction by
//! themselves; never type one in. Then run `cargo test`: [`validate`] and `tests/data.rs` catch a
//! record without a source paragraph, a duplicate id, a derived value that no longer matches its
//! formula, a unit outside the list, and a figure whose words are not in the article.

pub mod cards;
pub mod check;
pub mod export;
pub mod limits;
pub mod named;
pub mod towns;

use serde::{Serialize, Serializer};
use std::sync::OnceLock;

pub use check::{validate, Problem, Rule};
pub use limits::{limit, Limit, LimitId, Statement, Strength, LIMITS, STATEMENTS};

/// The article every figure comes from.
pub const ARTICLE_ZH: &str =
    "山西省政府新闻办“培育打造特色专业镇”专场发布会（2023年9月21日），报纸2023年9月22日刊";
/// The article every figure comes from, in English.
pub const ARTICLE_EN: &str =
    "Shanxi provincial government press conference on specialty towns (21 Sep 2023), newspaper of 22 Sep 2023";
/// The file of the article's text that the figures were checked against (in `../shared/source/`).
pub const SOURCE_FILE: &str = "000_c42a2dc98e3e15dd.txt";

/// The unit a value is counted in. The export uses exactly these snake_case words.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// 亿元, hundred million yuan.
    YiYuan,
    Yuan,
    Percent,
    Count,
    SquareMeters,
    People,
    Days,
}

impl Unit {
    /// Every unit, in the order of the list above (the integrity tests check against it).
    pub const ALL: [Unit; 7] = [
        Unit::YiYuan,
        Unit::Yuan,
        Unit::Percent,
        Unit::Count,
        Unit::SquareMeters,
        Unit::People,
        Unit::Days,
    ];

    /// The export's word for the unit (`yi_yuan`, `percent`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            Unit::YiYuan => "yi_yuan",
            Unit::Yuan => "yuan",
            Unit::Percent => "percent",
            Unit::Count => "count",
            Unit::SquareMeters => "square_meters",
            Unit::People => "people",
            Unit::Days => "days",
        }
    }
}

/// Whether the article reports a figure, sets it as a target, or we derived it ourselves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Reported,
    Target,
    /// Our calculation from reported figures; always has a formula and is marked as ours.
    Derived,
}

impl Kind {
    /// The export's word for the kind.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Reported => "reported",
            Kind::Target => "target",
            Kind::Derived => "derived",
        }
    }
}

/// How the source words a figure that is not exact: "超/余" (more than), "以上" (at least),
/// "近/约" (about), "不超过/以下" (at most). `>60%` is not `60%`. `LessThan` is ours: a bound we
/// derive from a "more than" figure (if a share is more than 60%, the whole is less than ...).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    MoreThan,
    AtLeast,
    About,
    AtMost,
    LessThan,
}

impl Qualifier {
    /// The export's word for the qualifier.
    pub fn as_str(self) -> &'static str {
        match self {
            Qualifier::MoreThan => "more_than",
            Qualifier::AtLeast => "at_least",
            Qualifier::About => "about",
            Qualifier::AtMost => "at_most",
            Qualifier::LessThan => "less_than",
        }
    }
}

/// The article's sections that the explainer draws on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    /// 特色专业镇成为“山西实践样板” (the press conference overview).
    TownsOverview,
    /// 做好「土特产」文章 (agricultural towns).
    AgriTowns,
    /// 推动工艺美术高质量发展 (arts and crafts).
    ArtsCrafts,
    /// 2025年省级重点专业镇将超30个 (the 2025 targets).
    Targets2025,
    /// 省总工会印发《实施意见》 进一步加强和规范劳模疗休养工作 (the rest-trip rules).
    RestTrip,
}

impl Section {
    /// Every section, in the article's order.
    pub const ALL: [Section; 5] = [
        Section::TownsOverview,
        Section::AgriTowns,
        Section::ArtsCrafts,
        Section::Targets2025,
        Section::RestTrip,
    ];

    /// The export's word for the section.
    pub fn as_str(self) -> &'static str {
        match self {
            Section::TownsOverview => "towns_overview",
            Section::AgriTowns => "agri_towns",
            Section::ArtsCrafts => "arts_crafts",
            Section::Targets2025 => "targets2025",
            Section::RestTrip => "rest_trip",
        }
    }

    /// How many paragraphs the section has as printed (a paragraph the page layout splits in two
    /// counts once; the byline is not a paragraph). `tests/data.rs` checks these against the text.
    pub fn paragraphs(self) -> u8 {
        match self {
            Section::TownsOverview => 8,
            Section::AgriTowns => 5,
            Section::ArtsCrafts => 3,
            Section::Targets2025 => 4,
            Section::RestTrip => 5,
        }
    }

    /// The section's headline as printed.
    pub fn headline_zh(self) -> &'static str {
        match self {
            Section::TownsOverview => "特色专业镇成为“山西实践样板”",
            Section::AgriTowns => "做好「土特产」文章",
            Section::ArtsCrafts => "推动工艺美术高质量发展",
            Section::Targets2025 => "2025年省级重点专业镇将超30个",
            Section::RestTrip => "省总工会印发《实施意见》 进一步加强和规范劳模疗休养工作",
        }
    }

    /// Our English rendering of the headline.
    pub fn headline_en(self) -> &'static str {
        match self {
            Section::TownsOverview => "Specialty towns become a 'Shanxi model'",
            Section::AgriTowns => "Agricultural specialty towns",
            Section::ArtsCrafts => "Arts and crafts",
            Section::Targets2025 => "More than 30 provincial key towns by 2025",
            Section::RestTrip => "Provincial trade union's rules on model workers' rest trips",
        }
    }
}

/// Where a figure comes from: a section of the article and the paragraph within it (1 is the
/// paragraph that opens with 本报讯).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Source {
    pub section: Section,
    pub paragraph: u8,
}

impl Source {
    /// "《特色专业镇成为“山西实践样板”》第3段" / "\"Specialty towns ...\", paragraph 3" (double
    /// quotes outside, as the headlines quote with single ones).
    pub fn cite(self, lang: crate::format::Lang) -> String {
        match lang {
            crate::format::Lang::Zh => {
                // Title marks inside title marks become 〈〉: 《省总工会印发〈实施意见〉 …》.
                let headline = self
                    .section
                    .headline_zh()
                    .replace('《', "〈")
                    .replace('》', "〉");
                format!("《{headline}》第{}段", self.paragraph)
            }
            crate::format::Lang::En => format!(
                "\"{}\", paragraph {}",
                self.section.headline_en(),
                self.paragraph
            ),
        }
    }
}

/// One figure of the dataset. The JSON export has exactly these fields (plus `strength` on the
/// rest-trip limits, `null` elsewhere); `quote_zh` stays inside the crate.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Record {
    /// Stable snake_case id, used by the charts, the tooltips and the export.
    pub id: &'static str,
    pub label_zh: &'static str,
    pub label_en: &'static str,
    #[serde(serialize_with = "whole_as_integer")]
    pub value: f64,
    pub unit: Unit,
    /// `2023-01..2023-08`, `2025`, `2023-09-21` (as of the press conference), ...
    pub period: &'static str,
    pub kind: Kind,
    pub qualifier: Option<Qualifier>,
    pub source: Source,
    /// For derived records, the formula in words, naming the ids of the reported figures it uses;
    /// `None` for reported figures and targets.
    pub formula: Option<&'static str>,
    /// For the rest-trip limits, how binding the wording is; `None` for everything else.
    pub strength: Option<Strength>,
    /// The article's own words for a reported figure or a target, exactly as printed (up to the
    /// width of punctuation); empty for derived records. The tests find these words in the
    /// source paragraph and the value in these words.
    #[serde(skip)]
    pub quote_zh: &'static str,
}

/// Writes 10.0 as `10` and 410.5 as `410.5`, so counts read as counts in the JSON.
fn whole_as_integer<S: Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        s.serialize_i64(*v as i64)
    } else {
        s.serialize_f64(*v)
    }
}

/// Every record: the specialty-town figures (reported and targets), the ones derived from them,
/// and the rest-trip limits, in that order. Built once, on first use.
pub fn records() -> &'static [Record] {
    static RECORDS: OnceLock<Vec<Record>> = OnceLock::new();
    RECORDS.get_or_init(|| {
        let mut all = towns::REPORTED.to_vec();
        let derived: Vec<Record> = towns::DERIVATIONS.iter().map(|d| d.record(&all)).collect();
        all.extend(derived);
        all.extend(LIMITS.iter().filter_map(limit_record));
        all
    })
}

/// The date of the trade union's document, the period of the rest-trip limits.
pub const RULES_ISSUED: &str = "2023-09-19";

/// The export's record for a rest-trip limit that states a number, built from its [`LIMITS`]
/// row (so the number is typed once). Rows without a figure of their own in the article (the
/// venue, the eligibility, ...) are rules, not figures, and stay out of the dataset. A share
/// (the yearly one fifth) is exported in percent. All are "不超过/以下": at most. (以下 includes
/// the number itself in Chinese legal drafting, so "65岁以下" is "65 or younger".)
pub fn limit_record(l: &Limit) -> Option<Record> {
    let id = match l.id {
        LimitId::BatchSize => "rest_batch_size_max",
        LimitId::BatchDays => "rest_batch_days_max",
        LimitId::AnnualShare => "rest_annual_share_max",
        LimitId::AnnualShareAge => "rest_annual_share_age_max",
        LimitId::OutPerPerson => "rest_out_of_province_per_person_max",
        LimitId::OutPerDay => "rest_out_of_province_per_day_max",
        LimitId::InPerPerson => "rest_in_province_per_person_max",
        LimitId::InPerDay => "rest_in_province_per_day_max",
        #[allow(unreachable_patterns)]
        _ => return None,
    };
    let (value, unit) = if l.denominator == 1 {
        (l.numerator as f64, l.unit)
    } else {
        (
            l.numerator as f64 * 100.0 / l.denominator as f64,
            Unit::Percent,
        )
    };
    Some(Record {
        id,
        label_zh: l.label_zh,
        label_en: l.label_en,
        value,
        unit,
        period: RULES_ISSUED,
        kind: Kind::Reported,
        qualifier: Some(Qualifier::AtMost),
        source: l.source,
        formula: None,
        strength: Some(l.strength),
        quote_zh: l.quote_zh,
    })
}

/// The record with this id, if there is one.
pub fn get(id: &str) -> Option<&'static Record> {
    records().iter().find(|r| r.id == id)
}

/// The value of the record with this id, or NaN when there is none (charts then skip it).
pub fn value(id: &str) -> f64 {
    get(id).map_or(f64::NAN, |r| r.value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json<T: Serialize>(v: T) -> String {
        serde_json::to_string(&v).unwrap_or_default()
    }

    #[test]
    fn export_words_agree_with_serde() {
        for u in Unit::ALL {
            assert_eq!(json(u), format!("\"{}\"", u.as_str()));
        }
        for k in [Kind::Reported, Kind::Target, Kind::Derived] {
            assert_eq!(json(k), format!("\"{}\"", k.as_str()));
        }
        for q in [
            Qualifier::MoreThan,
            Qualifier::AtLeast,
            Qualifier::About,
            Qualifier::AtMost,
            Qualifier::LessThan,
        ] {
            assert_eq!(json(q), format!("\"{}\"", q.as_str()));
        }
        for s in Section::ALL {
            assert_eq!(json(s), format!("\"{}\"", s.as_str()));
        }
    }

    #[test]
    fn whole_values_serialize_as_integers() {
        let value = |id: &str| get(id).map(json).unwrap_or_default();
        assert!(value("provincial_key_towns_first_batch").contains("\"value\":10,"));
        assert!(value("ten_towns_output").contains("\"value\":410.5,"));
    }

    #[test]
    fn a_source_is_cited_with_its_headline_and_paragraph() {
        use crate::format::Lang;
        let s = Source {
            section: Section::TownsOverview,
            paragraph: 3,
        };
        assert_eq!(s.cite(Lang::Zh), "《特色专业镇成为“山西实践样板”》第3段");
        // The English headline quotes with single quotes, so the citation uses double ones.
        assert_eq!(
            s.cite(Lang::En),
            "\"Specialty towns become a 'Shanxi model'\", paragraph 3"
        );
        let r = Source {
            section: Section::RestTrip,
            paragraph: 5,
        };
        assert_eq!(
            r.cite(Lang::Zh),
            "《省总工会印发〈实施意见〉 进一步加强和规范劳模疗休养工作》第5段"
        );
    }
}
