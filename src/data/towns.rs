//! The specialty-town figures. Reported values and targets are typed once, in [`REPORTED`];
//! derived values are computed from them by [`DERIVATIONS`] (each with its formula in words) when
//! the table is first used, and rounded by one rule, [`round2`].
//!
//! # Correcting a figure (for editors)
//!
//! Find the row by its id in [`REPORTED`] and change `value`. If the printed text changed too,
//! change `quote_zh` (the article's words around the number) so that the check against the
//! article still finds it. The derived figures that use it follow by themselves. Run
//! `cargo test`.
//!
//! Periods: output figures are January to August 2023 ([`JAN_AUG_2023`]); running totals and
//! counts are as of the press conference ([`AS_OF`]); targets are for 2025.

use super::Kind::{self, Derived, Reported, Target};
use super::Qualifier::{self, About, AtLeast, LessThan, MoreThan};
use super::Section::{self, AgriTowns, ArtsCrafts, Targets2025, TownsOverview};
use super::Unit::{self, Count, Percent, SquareMeters, YiYuan, Yuan};
use super::{Record, Source};

/// The first eight months of 2023, the period of the output figures.
pub const JAN_AUG_2023: &str = "2023-01..2023-08";
/// The same period of 2022, for the implied figures.
pub const JAN_AUG_2022: &str = "2022-01..2022-08";
/// Running totals and counts, as of the press conference of 21 September 2023.
pub const AS_OF: &str = "2023-09-21";
/// The year of the targets.
pub const BY_2025: &str = "2025";

/// How many decimals a derived value keeps (the one rounding rule of the dataset).
pub const DERIVED_DECIMALS: i32 = 2;

/// Rounds a derived value to [`DERIVED_DECIMALS`] decimals, the precision the explainer shows.
/// Derived values are computed from the reported figures unrounded and rounded once, here.
///
/// ```
/// assert_eq!(sx_explainer::data::towns::round2(347.29272), 347.29);
/// ```
pub fn round2(v: f64) -> f64 {
    let scale = 10f64.powi(DERIVED_DECIMALS);
    (v * scale).round() / scale
}

/// The implied figure of the previous year from a value and its growth rate in percent.
pub fn implied_previous(value: f64, growth_percent: f64) -> f64 {
    value / (1.0 + growth_percent / 100.0)
}

#[allow(clippy::too_many_arguments)]
const fn fig(
    kind: Kind,
    id: &'static str,
    label_zh: &'static str,
    label_en: &'static str,
    value: f64,
    unit: Unit,
    period: &'static str,
    qualifier: Option<Qualifier>,
    (section, paragraph): (Section, u8),
    quote_zh: &'static str,
) -> Record {
    Record {
        id,
        label_zh,
        label_en,
        value,
        unit,
        period,
        kind,
        qualifier,
        source: Source { section, paragraph },
        formula: None,
        strength: None,
        quote_zh,
    }
}

/// Every figure the specialty-town sections report or set as a target, in the article's order.
/// The last field is the article's words, which the tests find in the source paragraph.
#[rustfmt::skip]
pub static REPORTED: [Record; 44] = [
    // 特色专业镇成为“山西实践样板”
    fig(Reported, "press_conference_number", "“山西加快转型发展”系列发布会场次（第几场）", "Number of this press conference in the 'Shanxi accelerates transformation' series",
        12.0, Count, AS_OF, None, (TownsOverview, 1), "第十二场"),
    fig(Reported, "provincial_key_towns_first_batch", "首批省级重点专业镇", "Provincial key towns, first batch",
        10.0, Count, AS_OF, None, (TownsOverview, 2), "首批省级十大重点专业镇"),
    fig(Reported, "work_teams", "工作专班（一镇一专班）", "Work teams (one per town)",
        10.0, Count, AS_OF, None, (TownsOverview, 2), "十个工作专班"),
    fig(Reported, "ten_towns_output", "首批省级十大重点专业镇产值", "Output of the ten provincial key towns",
        410.5, YiYuan, JAN_AUG_2023, None, (TownsOverview, 3), "实现产值410.5亿元"),
    fig(Reported, "ten_towns_growth", "首批省级十大重点专业镇产值增速", "Output growth of the ten provincial key towns",
        18.2, Percent, JAN_AUG_2023, None, (TownsOverview, 3), "增速18.2%"),
    fig(Reported, "fenjiu_output", "杏花村汾酒专业镇产值", "Output of the Xinghuacun Fenjiu liquor town",
        155.6, YiYuan, JAN_AUG_2023, None, (TownsOverview, 3), "实现产值155.6亿元"),
    fig(Reported, "fenjiu_growth", "杏花村汾酒专业镇产值同比增长", "Year-on-year output growth of the Fenjiu town",
        17.0, Percent, JAN_AUG_2023, None, (TownsOverview, 3), "同比增长17%"),
    fig(Reported, "fenjiu_share_of_fenyang_industry", "汾酒专业镇产值占汾阳市工业总产值比重", "Fenjiu town's share of Fenyang's industrial output",
        60.0, Percent, JAN_AUG_2023, Some(MoreThan), (TownsOverview, 3), "比重超60%"),
    fig(Reported, "city_level_towns", "市级专业镇", "City-level specialty towns",
        82.0, Count, AS_OF, None, (TownsOverview, 4), "认定82个市级专业镇"),
    fig(Reported, "funding_taiyuan", "太原市列支资金", "Funds set aside by Taiyuan",
        1.0, YiYuan, AS_OF, None, (TownsOverview, 4), "太原、忻州分别列支1亿元"),
    fig(Reported, "funding_xinzhou", "忻州市列支资金", "Funds set aside by Xinzhou",
        1.0, YiYuan, AS_OF, None, (TownsOverview, 4), "太原、忻州分别列支1亿元"),
    fig(Reported, "funding_lvliang", "吕梁市统筹资金", "Funds pooled by Lvliang",
        2.0, YiYuan, AS_OF, None, (TownsOverview, 4), "吕梁统筹2亿元"),
    fig(Reported, "town_policy_documents", "省级重点专业镇印发的政策规划文件", "Policy and planning documents issued for the provincial key towns",
        17.0, Count, AS_OF, None, (TownsOverview, 5), "政策规划文件17份"),
    fig(Reported, "service_platforms", "省级重点专业镇累计建设的公共服务平台", "Public service platforms built in the provincial key towns (total)",
        65.0, Count, AS_OF, None, (TownsOverview, 6), "公共服务平台65个"),
    fig(Reported, "major_exhibitions", "举办的大型展会", "Major trade fairs held",
        30.0, Count, AS_OF, None, (TownsOverview, 7), "等30场"),
    fig(Reported, "promotion_events", "累计举办的推介会", "Promotion events held (total)",
        146.0, Count, AS_OF, None, (TownsOverview, 7), "累计举办各类推介会146场"),
    fig(Reported, "industry_colleges", "认定的省级现代产业学院", "Provincial modern industry colleges recognised",
        10.0, Count, AS_OF, None, (TownsOverview, 8), "等10个省级现代产业学院"),
    // 做好「土特产」文章
    fig(Reported, "agri_towns_provincial", "省级涉农专业镇", "Provincial agriculture-related specialty towns",
        5.0, Count, AS_OF, None, (AgriTowns, 1), "等5个省级涉农专业镇"),
    fig(Reported, "agri_towns_city", "市级特优农业专业镇", "City-level specialty agriculture towns",
        38.0, Count, AS_OF, None, (AgriTowns, 1), "等38个市级特优农业专业镇"),
    fig(Reported, "trading_platforms", "农产品交易平台（南果、中粮、北肉、东药材、西干果）", "Farm-produce trading platforms (fruit, grain, meat, herbs, dried fruit)",
        5.0, Count, AS_OF, None, (AgriTowns, 2), "五大交易平台"),
    fig(Reported, "strong_agri_counties", "布局建设的特优农业强县", "Specialty agriculture counties being built up",
        12.0, Count, AS_OF, None, (AgriTowns, 2), "等12个特优农业强县"),
    fig(Reported, "capability_actions", "龙头企业能力提升行动", "Capability programmes for leading enterprises",
        5.0, Count, AS_OF, None, (AgriTowns, 3), "五大能力提升行动"),
    fig(Reported, "national_leading_enterprises", "入选农业产业化国家重点龙头企业", "Enterprises named national key leaders in agro-industry",
        5.0, Count, AS_OF, None, (AgriTowns, 3), "汾酒集团等5家入选"),
    fig(Reported, "agri_towns_total", "农业专业镇", "Agricultural specialty towns",
        43.0, Count, AS_OF, None, (AgriTowns, 3), "43个农业专业镇"),
    fig(Reported, "leading_enterprises_county_up", "农业专业镇培育的县级及以上龙头企业", "Leading enterprises at county level or above in the agricultural towns",
        939.0, Count, AS_OF, None, (AgriTowns, 3), "龙头企业939家"),
    fig(Reported, "leading_enterprises_provincial", "其中省级龙头企业", "Of which provincial-level leading enterprises",
        328.0, Count, AS_OF, None, (AgriTowns, 3), "省级龙头企业328家"),
    fig(Reported, "agri_processing_revenue", "农业专业镇所在县农产品加工业销售收入", "Farm-produce processing sales in the counties of the agricultural towns",
        1183.6, YiYuan, JAN_AUG_2023, None, (AgriTowns, 3), "销售收入1183.6亿元"),
    fig(Reported, "agri_processing_growth", "农产品加工业销售收入增幅", "Growth of farm-produce processing sales",
        10.8, Percent, JAN_AUG_2023, None, (AgriTowns, 3), "增幅10.8%"),
    fig(Reported, "agri_funds", "整合的产业发展资金和乡村振兴衔接资金", "Industry and rural-revitalisation funds pooled for the towns",
        12.0, YiYuan, AS_OF, None, (AgriTowns, 4), "衔接资金12亿元"),
    fig(Reported, "central_funds", "争取的中央财政资金", "Central government funds obtained",
        4.1, YiYuan, AS_OF, None, (AgriTowns, 4), "争取中央财政资金4.1亿元"),
    fig(Reported, "investment_drawn", "中央财政资金拉动的投资", "Investment drawn in by the central funds",
        23.0, YiYuan, AS_OF, None, (AgriTowns, 4), "拉动投资23亿元"),
    // 推动工艺美术高质量发展
    fig(Reported, "craft_key_industries", "工艺美术重点产业", "Key arts-and-crafts industries",
        10.0, Count, AS_OF, None, (ArtsCrafts, 2), "等十大产业"),
    fig(Reported, "national_ich_crafts", "列入国家级非物质文化遗产的手工技艺", "Crafts on the national intangible cultural heritage list",
        44.0, Count, AS_OF, None, (ArtsCrafts, 2), "44项手工技艺列入国家级非物质文化遗产"),
    fig(Reported, "provincial_ich_crafts", "列入山西省级非物质文化遗产的手工技艺", "Crafts on Shanxi's provincial intangible cultural heritage list",
        181.0, Count, AS_OF, None, (ArtsCrafts, 2), "181项列入山西省级非物质文化遗产"),
    fig(Reported, "unesco_badges", "联合国教科文组织杰出手工艺品徽章", "UNESCO awards of excellence for handicrafts",
        17.0, Count, AS_OF, None, (ArtsCrafts, 2), "17枚联合国教科文组织颁发的杰出手工艺品徽章"),
    fig(Reported, "craft_expos", "连续举办的山西工艺美术产品博览交易会", "Editions of the Shanxi arts-and-crafts expo held so far",
        3.0, Count, AS_OF, None, (ArtsCrafts, 3), "连续举办3届"),
    fig(Reported, "craft_exhibition_area", "工艺美术展会展览面积", "Exhibition space of the arts-and-crafts shows",
        15_000.0, SquareMeters, AS_OF, Some(MoreThan), (ArtsCrafts, 3), "展览面积1.5万余平方米"),
    // 2025年省级重点专业镇将超30个
    fig(Target, "target_provincial_key_towns", "2025年省级重点专业镇数量目标", "Provincial key towns by 2025 (target)",
        30.0, Count, BY_2025, Some(AtLeast), (Targets2025, 2), "省级重点专业镇达到30个以上"),
    fig(Target, "target_platforms_per_provincial_town", "2025年每个省级重点专业镇公共服务平台目标", "Service platforms per provincial key town by 2025 (target)",
        8.0, Count, BY_2025, Some(AtLeast), (Targets2025, 3), "公共服务平台达8个以上"),
    fig(Target, "target_platforms_per_city_town", "2025年每个市级专业镇公共服务平台目标", "Service platforms per city-level town by 2025 (target)",
        3.0, Count, BY_2025, Some(AtLeast), (Targets2025, 3), "公共服务平台达3个以上"),
    fig(Target, "target_towns_300yi", "2025年打造的300亿级产业名镇", "Industry towns of the 30-billion-yuan class by 2025 (target)",
        1.0, Count, BY_2025, None, (Targets2025, 4), "打造1个300亿级"),
    fig(Target, "target_scale_300yi", "产业名镇规模等级：300亿级", "Scale class of the largest target town: 30 billion yuan",
        300.0, YiYuan, BY_2025, None, (Targets2025, 4), "1个300亿级"),
    fig(Target, "target_towns_100yi", "2025年打造的100亿级产业名镇", "Industry towns of the 10-billion-yuan class by 2025 (target)",
        3.0, Count, BY_2025, None, (Targets2025, 4), "3个100亿级的产业名镇"),
    fig(Target, "target_scale_100yi", "产业名镇规模等级：100亿级", "Scale class of the other target towns: 10 billion yuan",
        100.0, YiYuan, BY_2025, None, (Targets2025, 4), "3个100亿级"),
];

/// Running from the press conference to the 2025 targets, for the gaps to a target.
pub const AS_OF_TO_2025: &str = "2023-09-21..2025";

/// Computes a derived value; `v(id)` is a reported figure or target (NaN if unknown).
pub type Compute = fn(v: &dyn Fn(&str) -> f64) -> f64;

/// How one derived record is computed: what it is, its formula in words (naming the reported
/// figures by id), and the function that computes it from them.
pub struct Derivation {
    pub id: &'static str,
    pub label_zh: &'static str,
    pub label_en: &'static str,
    pub unit: Unit,
    pub period: &'static str,
    /// Carried over honestly from the inputs: a total bounded by a "more than" share is
    /// `LessThan`; a gap to an "at least" target is `AtLeast`.
    pub qualifier: Option<Qualifier>,
    /// The paragraph of one of its inputs (the check verifies that).
    pub source: Source,
    pub formula: &'static str,
    /// Computes the unrounded value from the reported figures and targets.
    pub compute: Compute,
}

impl Derivation {
    /// The value computed from the reported figures and targets among `records`, rounded once
    /// by [`round2`]. Derived records in `records` are ignored, so no derived value rests on
    /// another, already rounded one.
    pub fn value_from(&self, records: &[Record]) -> f64 {
        let v = |id: &str| {
            records
                .iter()
                .find(|r| r.id == id && r.kind != Derived)
                .map_or(f64::NAN, |r| r.value)
        };
        round2((self.compute)(&v))
    }

    /// The derived record, computed from `records`.
    pub fn record(&self, records: &[Record]) -> Record {
        Record {
            id: self.id,
            label_zh: self.label_zh,
            label_en: self.label_en,
            value: self.value_from(records),
            unit: self.unit,
            period: self.period,
            kind: Derived,
            qualifier: self.qualifier,
            source: self.source,
            formula: Some(self.formula),
            strength: None,
            quote_zh: "",
        }
    }
}

/// The derivation of the record with this id, if it is a derived one.
pub fn derivation(id: &str) -> Option<&'static Derivation> {
    DERIVATIONS.iter().find(|d| d.id == id)
}

#[allow(clippy::too_many_arguments)]
const fn der(
    id: &'static str,
    label_zh: &'static str,
    label_en: &'static str,
    unit: Unit,
    period: &'static str,
    qualifier: Option<Qualifier>,
    (section, paragraph): (Section, u8),
    formula: &'static str,
    compute: Compute,
) -> Derivation {
    Derivation {
        id,
        label_zh,
        label_en,
        unit,
        period,
        qualifier,
        source: Source { section, paragraph },
        formula,
        compute,
    }
}

/// Every derived record: our calculations, never the article's. Each formula names the reported
/// figures it uses by id; `tests/data.rs` recomputes every one independently.
#[rustfmt::skip]
pub static DERIVATIONS: [Derivation; 23] = [
    der("ten_towns_output_2022_implied", "十大重点专业镇2022年同期产值（推算）", "Ten towns' output in Jan-Aug 2022 (our calculation)",
        YiYuan, JAN_AUG_2022, None, (TownsOverview, 3),
        "ten_towns_output ÷ (1 + ten_towns_growth%): this year's output without its growth",
        |v| implied_previous(v("ten_towns_output"), v("ten_towns_growth"))),
    der("fenjiu_output_2022_implied", "汾酒专业镇2022年同期产值（推算）", "Fenjiu town's output in Jan-Aug 2022 (our calculation)",
        YiYuan, JAN_AUG_2022, None, (TownsOverview, 3),
        "fenjiu_output ÷ (1 + fenjiu_growth%): this year's output without its growth",
        |v| implied_previous(v("fenjiu_output"), v("fenjiu_growth"))),
    der("ten_towns_output_increase", "十大重点专业镇产值同比增加额（推算）", "Ten towns' output increase on a year earlier (our calculation)",
        YiYuan, JAN_AUG_2023, None, (TownsOverview, 3),
        "ten_towns_output − ten_towns_output ÷ (1 + ten_towns_growth%): this year's output minus last year's",
        |v| v("ten_towns_output") - implied_previous(v("ten_towns_output"), v("ten_towns_growth"))),
    der("fenjiu_output_increase", "汾酒专业镇产值同比增加额（推算）", "Fenjiu town's output increase on a year earlier (our calculation)",
        YiYuan, JAN_AUG_2023, None, (TownsOverview, 3),
        "fenjiu_output − fenjiu_output ÷ (1 + fenjiu_growth%): this year's output minus last year's",
        |v| v("fenjiu_output") - implied_previous(v("fenjiu_output"), v("fenjiu_growth"))),
    der("other_nine_output", "其余九个重点专业镇产值（推算）", "Output of the other nine key towns (our calculation)",
        YiYuan, JAN_AUG_2023, None, (TownsOverview, 3),
        "ten_towns_output − fenjiu_output: the ten towns without the Fenjiu town",
        |v| v("ten_towns_output") - v("fenjiu_output")),
    der("other_nine_output_2022_implied", "其余九镇2022年同期产值（推算）", "Other nine towns' output in Jan-Aug 2022 (our calculation)",
        YiYuan, JAN_AUG_2022, None, (TownsOverview, 3),
        "ten_towns_output ÷ (1 + ten_towns_growth%) − fenjiu_output ÷ (1 + fenjiu_growth%): the ten towns' 2022 output without the Fenjiu town's",
        |v| implied_previous(v("ten_towns_output"), v("ten_towns_growth")) - implied_previous(v("fenjiu_output"), v("fenjiu_growth"))),
    // From figures printed to 0.1 and growth rates to 0.1 and 1 point: about 19%, no finer.
    der("other_nine_growth", "其余九镇产值增速（推算）", "Output growth of the other nine towns (our calculation)",
        Percent, JAN_AUG_2023, Some(About), (TownsOverview, 3),
        "(ten_towns_output − fenjiu_output) ÷ (ten_towns_output ÷ (1 + ten_towns_growth%) − fenjiu_output ÷ (1 + fenjiu_growth%)) − 1, in percent: the nine towns' output this year over last year's",
        |v| {
            let now = v("ten_towns_output") - v("fenjiu_output");
            let before = implied_previous(v("ten_towns_output"), v("ten_towns_growth")) - implied_previous(v("fenjiu_output"), v("fenjiu_growth"));
            (now / before - 1.0) * 100.0
        }),
    der("fenjiu_share_of_ten_towns", "汾酒专业镇占十镇产值比重（推算）", "Fenjiu town's share of the ten towns' output (our calculation)",
        Percent, JAN_AUG_2023, None, (TownsOverview, 3),
        "fenjiu_output ÷ ten_towns_output, in percent",
        |v| v("fenjiu_output") / v("ten_towns_output") * 100.0),
    der("fenjiu_share_of_increase", "汾酒专业镇占十镇产值增加额比重（推算）", "Fenjiu town's share of the ten towns' output increase (our calculation)",
        Percent, JAN_AUG_2023, None, (TownsOverview, 3),
        "(fenjiu_output − fenjiu_output ÷ (1 + fenjiu_growth%)) ÷ (ten_towns_output − ten_towns_output ÷ (1 + ten_towns_growth%)), in percent: the Fenjiu town's increase over the ten towns'",
        |v| {
            let fenjiu = v("fenjiu_output") - implied_previous(v("fenjiu_output"), v("fenjiu_growth"));
            let ten = v("ten_towns_output") - implied_previous(v("ten_towns_output"), v("ten_towns_growth"));
            fenjiu / ten * 100.0
        }),
    der("ten_towns_average_output", "十大重点专业镇平均每镇产值（推算）", "Average output per key town (our calculation)",
        YiYuan, JAN_AUG_2023, None, (TownsOverview, 3),
        "ten_towns_output ÷ provincial_key_towns_first_batch: output per town",
        |v| v("ten_towns_output") / v("provincial_key_towns_first_batch")),
    der("other_nine_average_output", "其余九镇平均每镇产值（推算）", "Average output of the other nine towns (our calculation)",
        YiYuan, JAN_AUG_2023, None, (TownsOverview, 3),
        "(ten_towns_output − fenjiu_output) ÷ (provincial_key_towns_first_batch − 1): output per town without the Fenjiu town",
        |v| (v("ten_towns_output") - v("fenjiu_output")) / (v("provincial_key_towns_first_batch") - 1.0)),
    der("fenyang_industrial_output_upper_bound", "汾阳市工业总产值上限（推算）", "Upper bound of Fenyang's industrial output (our calculation)",
        YiYuan, JAN_AUG_2023, Some(LessThan), (TownsOverview, 3),
        "fenjiu_output ÷ fenjiu_share_of_fenyang_industry%: the share is more than 60%, so the whole is less than this",
        |v| v("fenjiu_output") / (v("fenjiu_share_of_fenyang_industry") / 100.0)),
    der("city_funding_total", "太原、忻州、吕梁三市支持资金合计（推算）", "Funds of Taiyuan, Xinzhou and Lvliang together (our calculation)",
        YiYuan, AS_OF, None, (TownsOverview, 4),
        "funding_taiyuan + funding_xinzhou + funding_lvliang: the three cities the article names",
        |v| v("funding_taiyuan") + v("funding_xinzhou") + v("funding_lvliang")),
    der("platforms_per_provincial_town", "平均每个省级重点专业镇公共服务平台数（推算）", "Service platforms per provincial key town (our calculation)",
        Count, AS_OF, None, (TownsOverview, 6),
        "service_platforms ÷ provincial_key_towns_first_batch: platforms per town today",
        |v| v("service_platforms") / v("provincial_key_towns_first_batch")),
    der("platforms_gap_to_target", "平均每镇距2025年平台目标的差距（推算）", "Platforms per key town still needed for the 2025 target (our calculation)",
        Count, AS_OF_TO_2025, Some(AtLeast), (Targets2025, 3),
        "target_platforms_per_provincial_town − service_platforms ÷ provincial_key_towns_first_batch: the target is \"8 or more\", so the gap is at least this",
        |v| v("target_platforms_per_provincial_town") - v("service_platforms") / v("provincial_key_towns_first_batch")),
    der("platforms_2025_min", "2025年省级重点专业镇公共服务平台总数下限（推算）", "Service platforms in all provincial key towns by 2025, at least (our calculation)",
        Count, BY_2025, Some(AtLeast), (Targets2025, 3),
        "target_provincial_key_towns × target_platforms_per_provincial_town: both targets are \"or more\"",
        |v| v("target_provincial_key_towns") * v("target_platforms_per_provincial_town")),
    der("platforms_to_build_by_2025_min", "到2025年还需新建的平台下限（推算）", "Platforms still to be built by 2025, at least (our calculation)",
        Count, AS_OF_TO_2025, Some(AtLeast), (Targets2025, 3),
        "target_provincial_key_towns × target_platforms_per_provincial_town − service_platforms: if today's platforms all count towards the target",
        |v| v("target_provincial_key_towns") * v("target_platforms_per_provincial_town") - v("service_platforms")),
    der("key_towns_to_add_by_2025", "到2025年需新增的省级重点专业镇（推算）", "Provincial key towns to be added by 2025, at least (our calculation)",
        Count, AS_OF_TO_2025, Some(AtLeast), (Targets2025, 2),
        "target_provincial_key_towns − provincial_key_towns_first_batch: the target is \"30 or more\"",
        |v| v("target_provincial_key_towns") - v("provincial_key_towns_first_batch")),
    der("agri_processing_revenue_2022_implied", "农产品加工业2022年同期销售收入（推算）", "Farm-produce processing sales in Jan-Aug 2022 (our calculation)",
        YiYuan, JAN_AUG_2022, None, (AgriTowns, 3),
        "agri_processing_revenue ÷ (1 + agri_processing_growth%): this year's sales without their growth",
        |v| implied_previous(v("agri_processing_revenue"), v("agri_processing_growth"))),
    der("leading_enterprises_not_provincial", "县级以上龙头企业中的非省级企业（推算）", "Leading enterprises other than provincial-level ones (our calculation)",
        Count, AS_OF, None, (AgriTowns, 3),
        "leading_enterprises_county_up − leading_enterprises_provincial: county and city level (and any national ones the article does not count as provincial)",
        |v| v("leading_enterprises_county_up") - v("leading_enterprises_provincial")),
    der("provincial_share_of_leading_enterprises", "省级龙头企业占比（推算）", "Provincial-level share of the leading enterprises (our calculation)",
        Percent, AS_OF, None, (AgriTowns, 3),
        "leading_enterprises_provincial ÷ leading_enterprises_county_up, in percent",
        |v| v("leading_enterprises_provincial") / v("leading_enterprises_county_up") * 100.0),
    der("leading_enterprises_per_agri_town", "平均每个农业专业镇的龙头企业（推算）", "Leading enterprises per agricultural town (our calculation)",
        Count, AS_OF, None, (AgriTowns, 3),
        "leading_enterprises_county_up ÷ agri_towns_total: enterprises per town",
        |v| v("leading_enterprises_county_up") / v("agri_towns_total")),
    der("central_funds_leverage", "每1元中央财政资金拉动的投资（推算）", "Investment drawn per yuan of central funds (our calculation)",
        Yuan, AS_OF, None, (AgriTowns, 4),
        "investment_drawn ÷ central_funds: yuan of investment per yuan of central funds",
        |v| v("investment_drawn") / v("central_funds")),
];
