//! The words of the charts: values with their unit and qualifier, periods, kinds, tooltips,
//! source lines, captions and the tables of record charts. Numbers go through
//! [`crate::format`], so a figure reads the same here as anywhere on the page.

use super::{ChartId, ChartInput, Table};
use crate::data::{self, Kind, Qualifier, Record, Unit};
use crate::format::{self, Lang};

/// How a mark looks, by what kind of number it shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Look {
    /// Reported by the press conference: filled.
    Reported,
    /// Our calculation from reported figures: outlined and hatched.
    Derived,
    /// A target: dashed outline.
    Target,
    /// Our illustration (an assumption, not a figure): dashed outline, back-hatched.
    Illustration,
}

impl Look {
    pub fn of(kind: Kind) -> Look {
        match kind {
            Kind::Reported => Look::Reported,
            Kind::Derived => Look::Derived,
            Kind::Target => Look::Target,
        }
    }

    /// The kind in words, as the legend and the tooltips say it.
    pub fn word(self, lang: Lang) -> &'static str {
        match self {
            Look::Reported => lang.pick("发布数", "reported"),
            Look::Derived => lang.pick(
                "推算（本报据发布数计算）",
                "our calculation from reported figures",
            ),
            Look::Target => lang.pick("目标", "target"),
            Look::Illustration => lang.pick(
                "示意（本报假设，非发布数）",
                "illustration (our assumption, not reported)",
            ),
        }
    }

    /// The legend's words for the look.
    pub fn legend(self, lang: Lang) -> String {
        match self {
            Look::Reported => lang.pick("发布数", "Reported").into(),
            Look::Derived => lang
                .pick("推算：本报据发布数计算", "Our calculation")
                .into(),
            Look::Target => lang.pick("目标", "Target").into(),
            Look::Illustration => lang
                .pick("示意：本报假设，非发布数", "Illustration, not reported")
                .into(),
        }
    }
}

/// A number in a unit, without qualifier: "410.5亿元", "18.2%", "82个".
pub fn number(value: f64, unit: Unit, lang: Lang) -> String {
    format::in_unit(value, unit, lang)
}

/// A number with the source's qualifier: "30个以上", "超60%", "at least 30".
pub fn qualified(text: String, q: Option<Qualifier>, lang: Lang) -> String {
    match (q, lang) {
        (None, _) => text,
        (Some(Qualifier::MoreThan), Lang::Zh) => format!("超{text}"),
        (Some(Qualifier::AtLeast), Lang::Zh) => format!("{text}以上"),
        (Some(Qualifier::About), Lang::Zh) => format!("约{text}"),
        (Some(Qualifier::AtMost), Lang::Zh) => format!("不超过{text}"),
        (Some(Qualifier::LessThan), Lang::Zh) => format!("不到{text}"),
        (Some(Qualifier::MoreThan), Lang::En) => format!("over {text}"),
        (Some(Qualifier::AtLeast), Lang::En) => format!("{text}+"),
        (Some(Qualifier::About), Lang::En) => format!("about {text}"),
        (Some(Qualifier::AtMost), Lang::En) => format!("at most {text}"),
        (Some(Qualifier::LessThan), Lang::En) => format!("under {text}"),
    }
}

/// The measure word the article counts a figure with (17份, 146场, 939家, 44项, 17枚, 3届),
/// read from the record's own words: the character after the number. `None` when the words
/// have none there (then 个).
fn measure_word(rec: &Record) -> Option<char> {
    const MEASURES: &str = "个份场家项枚届批名";
    if rec.unit != Unit::Count || rec.value.fract() != 0.0 {
        return None;
    }
    let n = format::decimal(rec.value, 0);
    let (i, _) = rec.quote_zh.match_indices(n.as_str()).next()?;
    let next = rec.quote_zh.get(i + n.len()..)?.chars().next()?;
    MEASURES.contains(next).then_some(next)
}

/// A record's value as the charts write it.
pub fn value(rec: &Record, lang: Lang) -> String {
    // An "about" figure of ours (derived from rounded figures) is shown to a whole percent:
    // 约19%, not 18.93% or 18.9%, which would claim precision the inputs do not have.
    let text = match (rec.qualifier, rec.unit, lang) {
        (Some(Qualifier::About), Unit::Percent, _) => format::percent(rec.value, 0),
        // An ordinal as the article prints it: 第十二场 is the 12th, not 12 of anything.
        (_, Unit::Count, Lang::Zh) if rec.quote_zh.starts_with('第') => {
            let m = rec
                .quote_zh
                .chars()
                .last()
                .filter(|c| "场次届批".contains(*c));
            format!("第{}{}", format::count(rec.value, lang), m.unwrap_or('个'))
        }
        (_, Unit::Count, Lang::En) if rec.quote_zh.starts_with('第') => {
            let n = format::count(rec.value, lang);
            let suffix = match rec.value as i64 % 100 {
                11..=13 => "th",
                v => match v % 10 {
                    1 => "st",
                    2 => "nd",
                    3 => "rd",
                    _ => "th",
                },
            };
            format!("{n}{suffix}")
        }
        (_, Unit::Count, Lang::Zh) => match measure_word(rec) {
            Some(m) => format!("{}{m}", format::count(rec.value, lang)),
            None => number(rec.value, rec.unit, lang),
        },
        _ => number(rec.value, rec.unit, lang),
    };
    qualified(text, rec.qualifier, lang)
}

/// A record's value by id, or a dash when the record is missing.
pub fn value_of(id: &str, lang: Lang) -> String {
    data::get(id).map_or_else(|| "–".to_string(), |r| value(r, lang))
}

/// The record's label in the language.
pub fn label(rec: &Record, lang: Lang) -> &'static str {
    lang.pick(rec.label_zh, rec.label_en)
}

/// A period of the dataset in words: `2023-01..2023-08` is "2023年1-8月" / "Jan-Aug 2023",
/// `2025` is "2025年" / "2025", `2023-09-21` is "截至2023年9月21日" / "as of 21 Sep 2023".
pub fn period(p: &str, lang: Lang) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let ym = |s: &str| -> Option<(i16, i8)> {
        let (y, m) = s.split_once('-')?;
        Some((y.parse().ok()?, m.parse().ok()?))
    };
    if let Some((a, b)) = p.split_once("..") {
        if let (Some((y0, m0)), Some((y1, m1))) = (ym(a), ym(b)) {
            let mon = |m: i8| {
                MONTHS
                    .get((m as usize).wrapping_sub(1))
                    .copied()
                    .unwrap_or("?")
            };
            if y0 == y1 {
                return match lang {
                    Lang::Zh => format!("{y0}年{m0}-{m1}月"),
                    Lang::En => format!("{}-{} {y0}", mon(m0), mon(m1)),
                };
            }
        }
        return p.to_string();
    }
    let parts: Vec<&str> = p.split('-').collect();
    match parts.as_slice() {
        [y] => match (y.parse::<i16>(), lang) {
            (Ok(y), Lang::Zh) => format!("{y}年"),
            (Ok(y), Lang::En) => y.to_string(),
            _ => p.to_string(),
        },
        [y, m, d] => match (y.parse::<i16>(), m.parse::<i8>(), d.parse::<i8>()) {
            (Ok(y), Ok(m), Ok(d)) => {
                let date = format::date(y, m, d, lang, true);
                match lang {
                    Lang::Zh => format!("截至{date}"),
                    Lang::En => format!("as of {date}"),
                }
            }
            _ => p.to_string(),
        },
        _ => p.to_string(),
    }
}

/// The tooltip of a record: value, period and kind, source; then the mark's own note.
pub fn record_tooltip(rec: &Record, lang: Lang, note: Option<&str>) -> String {
    let sep = lang.pick("：", ": ");
    let mut out = format!("{}{sep}{}", label(rec, lang), value(rec, lang));
    out.push('\n');
    out.push_str(&period(rec.period, lang));
    out.push_str(" · ");
    out.push_str(Look::of(rec.kind).word(lang));
    out.push('\n');
    out.push_str(lang.pick("来源：", "Source: "));
    out.push_str(&rec.source.cite(lang));
    if let Some(n) = note {
        out.push('\n');
        out.push_str(n);
    }
    out
}

/// The source lines of the town charts, longest first.
pub fn towns_source(lang: Lang) -> Vec<String> {
    match lang {
        Lang::Zh => vec![
            "来源：2023年9月21日省政府新闻办发布会（2023年9月22日报道）".into(),
            "来源：省政府新闻办发布会，2023年9月21日".into(),
        ],
        Lang::En => vec![
            "Source: Shanxi government press conference, 21 Sep 2023 (reported 22 Sep 2023)".into(),
            "Source: Shanxi government press conference, 21 Sep 2023".into(),
        ],
    }
}

/// The source lines of the rest-trip chart, longest first.
#[cfg(feature = "rest-trip")]
pub fn rest_trip_source(lang: Lang) -> Vec<String> {
    match lang {
        Lang::Zh => vec![
            "来源：省总工会《关于进一步加强和规范劳模疗休养工作的实施意见》（2023年9月19日印发，9月22日报道）".into(),
            "来源：省总工会劳模疗休养实施意见，2023年9月19日印发".into(),
        ],
        Lang::En => vec![
            "Source: Shanxi Federation of Trade Unions, implementing opinions on model workers' rest trips (issued 19 Sep 2023, reported 22 Sep 2023)".into(),
            "Source: Shanxi trade unions' rest-trip rules, 19 Sep 2023".into(),
        ],
    }
}

/// The table of a chart whose marks are records: one row per record.
pub fn record_table(id: ChartId, lang: Lang, ids: &[&'static str], notes: &[String]) -> Table {
    let headers = match lang {
        Lang::Zh => ["项目", "数值", "时期", "类型", "来源"],
        Lang::En => ["Item", "Value", "Period", "Kind", "Source"],
    };
    let mut seen: Vec<&str> = Vec::new();
    let rows = ids
        .iter()
        .filter(|id| {
            let fresh = !seen.contains(id);
            seen.push(id);
            fresh
        })
        .filter_map(|id| data::get(id))
        .map(|r| {
            vec![
                label(r, lang).to_string(),
                value(r, lang),
                period(r.period, lang),
                Look::of(r.kind).word(lang).to_string(),
                r.source.cite(lang),
            ]
        })
        .collect();
    let note = if notes.is_empty() {
        None
    } else {
        Some(notes.join(lang.pick("", " ")))
    };
    Table {
        caption: id.title(lang).to_string(),
        headers: headers.iter().map(|h| h.to_string()).collect(),
        rows,
        note,
    }
}

/// The sentence under each chart (its caption and accessible description).
pub fn caption(id: ChartId, lang: Lang, input: &ChartInput) -> String {
    let v = |i: &str| value_of(i, lang);
    match (id, lang) {
        (ChartId::Output, Lang::Zh) => format!(
            "2023年前8个月，首批省级十大重点专业镇产值{}，增长{}；其中杏花村汾酒专业镇{}，增长{}。2022年同期数和其余九镇的数字是本报据此推算的。",
            v("ten_towns_output"), v("ten_towns_growth"), v("fenjiu_output"), v("fenjiu_growth")
        ),
        (ChartId::Output, Lang::En) => format!(
            "In January-August 2023 the ten provincial key towns produced {}, up {}; the Fenjiu liquor town alone {}, up {}. The 2022 figures and the other nine towns are our calculation from these.",
            v("ten_towns_output"), v("ten_towns_growth"), v("fenjiu_output"), v("fenjiu_growth")
        ),
        (ChartId::Growth, Lang::Zh) => format!(
            "2023年前8个月十大重点专业镇产值增长{}，汾酒专业镇增长{}，其余九镇{}（推算）；农业专业镇所在县农产品加工业销售收入增长{}。",
            v("ten_towns_growth"), v("fenjiu_growth"), v("other_nine_growth"), v("agri_processing_growth")
        ),
        (ChartId::Growth, Lang::En) => format!(
            "In January-August the ten key towns' output grew {}, the Fenjiu town's {}, the other nine's {} (our calculation); farm-produce processing sales in the agricultural towns' counties grew {}.",
            v("ten_towns_growth"), v("fenjiu_growth"), v("other_nine_growth"), v("agri_processing_growth")
        ),
        (ChartId::Tiers, Lang::Zh) => format!(
            "首批省级重点专业镇{}，2025年目标{}；各市认定市级专业镇{}；涉农专业镇中省级{}、市级{}（与前两级有重叠）。",
            v("provincial_key_towns_first_batch"), v("target_provincial_key_towns"), v("city_level_towns"),
            v("agri_towns_provincial"), v("agri_towns_city")
        ),
        (ChartId::Tiers, Lang::En) => format!(
            "{} provincial key towns in the first batch, {} by 2025 (target); {} city-level towns; among agricultural towns, {} provincial and {} city-level (overlapping the tiers above).",
            v("provincial_key_towns_first_batch"), v("target_provincial_key_towns"), v("city_level_towns"),
            v("agri_towns_provincial"), v("agri_towns_city")
        ),
        (ChartId::Targets, Lang::Zh) => format!(
            "到2025年：省级重点专业镇{}（首批{}）；每个省级镇公共服务平台{}（现平均{}，推算）；打造{}300亿级、{}100亿级产业名镇（汾酒专业镇前8个月{}）。",
            v("target_provincial_key_towns"), v("provincial_key_towns_first_batch"), v("target_platforms_per_provincial_town"),
            v("platforms_per_provincial_town"), v("target_towns_300yi"), v("target_towns_100yi"), v("fenjiu_output")
        ),
        (ChartId::Targets, Lang::En) => format!(
            "By 2025: {} provincial key towns (first batch: {}); {} service platforms in each (now {} on average, our calculation); {} town of ¥30bn and {} of ¥10bn (the Fenjiu town: {} in Jan-Aug 2023).",
            v("target_provincial_key_towns"), v("provincial_key_towns_first_batch"), v("target_platforms_per_provincial_town"),
            v("platforms_per_provincial_town"), v("target_towns_300yi"), v("target_towns_100yi"), v("fenjiu_output")
        ),
        (ChartId::Projection, _) => super::projection::caption(lang, &input.projection),
        (ChartId::Money, Lang::Zh) => format!(
            "太原、忻州各列支{}、吕梁统筹{}支持专业镇；涉农专业镇整合资金{}，争取中央财政资金{}，拉动投资{}。",
            v("funding_taiyuan"), v("funding_lvliang"), v("agri_funds"), v("central_funds"), v("investment_drawn")
        ),
        (ChartId::Money, Lang::En) => format!(
            "Taiyuan and Xinzhou set aside {} each and Lvliang pooled {} for the towns; for the agricultural towns {} was pooled and {} of central funds drew {} of investment.",
            v("funding_taiyuan"), v("funding_lvliang"), v("agri_funds"), v("central_funds"), v("investment_drawn")
        ),
        #[cfg(feature = "rest-trip")]
        (ChartId::Budget, _) => super::budget::caption(lang),
    }
}
