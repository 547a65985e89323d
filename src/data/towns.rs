//! The specialty-town figures: reported values and targets typed once here, derived values
//! computed from them (with the formula in words) when the table is first used.

use super::{Kind, Qualifier, Record, Section, Source, Unit};
use std::sync::OnceLock;

/// The first eight months of 2023, the period of the output figures.
pub const JAN_AUG_2023: &str = "2023-01..2023-08";
/// The same period of 2022, for the implied figures.
pub const JAN_AUG_2022: &str = "2022-01..2022-08";

const fn src(section: Section, paragraph: u8) -> Source {
    Source { section, paragraph }
}

#[allow(clippy::too_many_arguments)]
fn fact(
    id: &'static str,
    label_zh: &'static str,
    label_en: &'static str,
    value: f64,
    unit: Unit,
    period: &'static str,
    kind: Kind,
    qualifier: Option<Qualifier>,
    source: Source,
) -> Record {
    Record { id, label_zh, label_en, value, unit, period, kind, qualifier, source, formula: None }
}

/// Rounds a derived value to two decimals, the precision the explainer shows.
pub fn round2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

/// The implied figure of the previous year from a value and its growth rate in percent.
pub fn implied_previous(value: f64, growth_percent: f64) -> f64 {
    value / (1.0 + growth_percent / 100.0)
}

fn build() -> Vec<Record> {
    use Kind::*;
    use Section::*;
    use Unit::*;
    let mut r = vec![
        fact(
            "ten_towns_output",
            "首批省级十大重点专业镇产值",
            "Output of the ten provincial key towns",
            410.5,
            YiYuan,
            JAN_AUG_2023,
            Reported,
            None,
            src(TownsOverview, 3),
        ),
        fact(
            "ten_towns_growth",
            "首批省级十大重点专业镇产值增速",
            "Output growth of the ten provincial key towns",
            18.2,
            Percent,
            JAN_AUG_2023,
            Reported,
            None,
            src(TownsOverview, 3),
        ),
        fact(
            "fenjiu_output",
            "杏花村汾酒专业镇产值",
            "Output of the Xinghuacun Fenjiu liquor town",
            155.6,
            YiYuan,
            JAN_AUG_2023,
            Reported,
            None,
            src(TownsOverview, 3),
        ),
        fact(
            "fenjiu_growth",
            "杏花村汾酒专业镇产值同比增长",
            "Year-on-year output growth of the Fenjiu town",
            17.0,
            Percent,
            JAN_AUG_2023,
            Reported,
            None,
            src(TownsOverview, 3),
        ),
    ];
    let v = |r: &[Record], id: &str| r.iter().find(|x| x.id == id).map_or(f64::NAN, |x| x.value);
    let ten_2022 = round2(implied_previous(v(&r, "ten_towns_output"), v(&r, "ten_towns_growth")));
    r.push(Record {
        formula: Some("410.5亿元 ÷ (1 + 18.2%): ten_towns_output ÷ (1 + ten_towns_growth/100)"),
        ..fact(
            "ten_towns_output_2022_implied",
            "十大重点专业镇2022年同期产值（推算）",
            "Ten towns' output in the same period of 2022 (our calculation)",
            ten_2022,
            YiYuan,
            JAN_AUG_2022,
            Derived,
            None,
            src(TownsOverview, 3),
        )
    });
    r
}

/// Every record, reported, target and derived, built once.
pub fn records() -> &'static [Record] {
    static RECORDS: OnceLock<Vec<Record>> = OnceLock::new();
    RECORDS.get_or_init(build)
}

/// The record with this id, if there is one.
pub fn get(id: &str) -> Option<&'static Record> {
    records().iter().find(|r| r.id == id)
}

/// The value of the record with this id, or NaN when there is none (charts then skip it).
pub fn value(id: &str) -> f64 {
    get(id).map_or(f64::NAN, |r| r.value)
}
