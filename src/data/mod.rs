//! The explainer's dataset, compiled into the wasm: every figure of the article's specialty-town
//! sections as a typed [`Record`] with its unit, period, kind and source paragraph, and the
//! rest-trip limits as named [`Limit`] rows that the rule engine reads.
//!
//! Derived figures (the implied 2022 output, the other nine towns, ...) are computed from the
//! reported ones in [`towns`], never typed in, and carry the formula that derives them.
//!
//! To correct a figure, change it in one place: the reported value in `towns.rs` or the limit in
//! `limits.rs`. The tests in `tests/data.rs` catch a record without a source, a duplicate id, a
//! derived value that no longer matches its formula, or a unit outside the list.

pub mod limits;
pub mod towns;

use serde::Serialize;

pub use limits::{limit, Limit, LimitId, Strength, LIMITS};
pub use towns::{get, records, value};

/// The article every figure comes from.
pub const ARTICLE_ZH: &str = "山西省政府新闻办“培育打造特色专业镇”专场发布会（2023年9月21日），报纸2023年9月22日刊";
/// The article every figure comes from, in English.
pub const ARTICLE_EN: &str =
    "Shanxi provincial government press conference on specialty towns (21 Sep 2023), newspaper of 22 Sep 2023";

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

/// How the source words a figure that is not exact: "超" (more than), "以上" (at least),
/// "近/约/余" (about), "不超过" (at most). `>60%` is not `60%`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    MoreThan,
    AtLeast,
    About,
    AtMost,
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
    /// "《特色专业镇成为“山西实践样板”》第3段" / "'Specialty towns ...', paragraph 3".
    pub fn cite(self, lang: crate::format::Lang) -> String {
        match lang {
            crate::format::Lang::Zh => format!("《{}》第{}段", self.section.headline_zh(), self.paragraph),
            crate::format::Lang::En => format!("'{}', paragraph {}", self.section.headline_en(), self.paragraph),
        }
    }
}

/// One figure of the dataset.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Record {
    /// Stable id, used by the charts, the tooltips and the export.
    pub id: &'static str,
    pub label_zh: &'static str,
    pub label_en: &'static str,
    pub value: f64,
    pub unit: Unit,
    /// `2023-01..2023-08`, `2025`, `2023-09-21` (as of the press conference), ...
    pub period: &'static str,
    pub kind: Kind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<Qualifier>,
    pub source: Source,
    /// For derived records, the formula in words; `None` for reported figures and targets.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub formula: Option<&'static str>,
}
