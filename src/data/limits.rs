//! The rest-trip limits of the provincial trade union's implementing opinions (19 September 2023),
//! one named row each with its value, unit, how binding the wording is and its source paragraph.
//! The rule engine reads its thresholds only from here, so a verdict and its explanation come
//! from the same row.

use super::{Section, Source, Unit};
use serde::Serialize;

/// How binding the source's wording is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Strength {
    /// "一般": generally. Breaking it "does not meet the general limit".
    Generally,
    /// "原则上": in principle.
    InPrinciple,
    /// A condition (eligibility): not met means not eligible.
    Hard,
}

/// The named limits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LimitId {
    /// 每批一般不超过100人.
    BatchSize,
    /// 每批疗休养一般不超过7天（含报到日和返程日）.
    BatchDays,
    /// 每年疗休养总规模原则上不超过65岁以下劳模总数的五分之一.
    AnnualShare,
    /// The age up to which model workers count for the yearly share (65: 以下 includes it).
    AnnualShareAge,
    /// 一般省外每人不超过6000元.
    OutPerPerson,
    /// 省外平均每人每天不超过1000元.
    OutPerDay,
    /// 省内每人不超过5000元.
    InPerPerson,
    /// 省内平均每人每天不超过900元.
    InPerDay,
    /// 地点原则上应为工会系统的疗休养院所，以全国或省级劳模疗休养基地为主 (no number: the row
    /// carries the wording, strength and source of the venue rule).
    Venue,
    /// 原则上不得跨省开展活动: at most 0 activities in another province.
    CrossProvince,
    /// 住宿地点不变: at most 0 changes of lodging (read as under the same 原则上 as the clause
    /// before it in that sentence).
    LodgingChanges,
    /// 市级及以上 … 及五一劳动奖章获得者: who may take part (no number; a hard condition).
    Eligibility,
    /// 优秀技术工人疗休养活动实现组织人次逐年稳步提升: each year at least 1 more than the year
    /// before. Stated as an explicit requirement (明确要求) without 一般 or 原则上, hence `Hard`.
    TechnicalTrend,
}

/// One limit. The value is the fraction `numerator / denominator` of `unit` (denominator 1 for
/// whole numbers; the yearly share is 1/5 of the model workers under 65).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Limit {
    pub id: LimitId,
    pub numerator: i64,
    pub denominator: i64,
    pub unit: Unit,
    pub strength: Strength,
    pub source: Source,
    /// The source's words, quoted exactly; `……` marks words left out (the cost caps keep the
    /// 一般 that governs the whole cost standard).
    pub quote_zh: &'static str,
    /// Our English rendering of the quote (the article has no English).
    pub quote_en: &'static str,
    pub label_zh: &'static str,
    pub label_en: &'static str,
}

/// Every limit, in the order the article states them.
pub static LIMITS: [Limit; 13] = [
    Limit {
        id: LimitId::BatchSize,
        numerator: 100,
        denominator: 1,
        unit: Unit::People,
        strength: Strength::Generally,
        source: Source { section: Section::RestTrip, paragraph: 3 },
        quote_zh: "每批一般不超过100人",
        quote_en: "each batch generally no more than 100 people",
        label_zh: "每批人数上限",
        label_en: "Most people per batch",
    },
    Limit {
        id: LimitId::BatchDays,
        numerator: 7,
        denominator: 1,
        unit: Unit::Days,
        strength: Strength::Generally,
        source: Source { section: Section::RestTrip, paragraph: 3 },
        quote_zh: "每批疗休养一般不超过7天（含报到日和返程日）",
        quote_en: "each batch generally no more than 7 days (arrival and return days included)",
        label_zh: "每批天数上限（含报到日和返程日）",
        label_en: "Most days per batch (arrival and return days included)",
    },
    Limit {
        id: LimitId::AnnualShare,
        numerator: 1,
        denominator: 5,
        unit: Unit::People,
        strength: Strength::InPrinciple,
        source: Source { section: Section::RestTrip, paragraph: 3 },
        quote_zh: "每年疗休养总规模原则上不超过65岁以下劳模总数的五分之一",
        quote_en: "the yearly total in principle no more than one fifth of the model workers aged 65 or under",
        label_zh: "每年总规模占65岁以下劳模总数的上限",
        label_en: "Yearly total as a share of model workers aged 65 or under, at most",
    },
    Limit {
        id: LimitId::AnnualShareAge,
        numerator: 65,
        denominator: 1,
        unit: Unit::Count,
        strength: Strength::InPrinciple,
        source: Source { section: Section::RestTrip, paragraph: 3 },
        quote_zh: "65岁以下劳模总数",
        quote_en: "the model workers aged 65 or under",
        label_zh: "计入年度基数的年龄（65岁以下）",
        label_en: "Model workers count for the yearly share up to this age (65 or under)",
    },
    Limit {
        id: LimitId::OutPerPerson,
        numerator: 6000,
        denominator: 1,
        unit: Unit::Yuan,
        strength: Strength::Generally,
        source: Source { section: Section::RestTrip, paragraph: 5 },
        quote_zh: "一般省外每人不超过6000元",
        quote_en: "generally no more than 6,000 yuan per person outside the province",
        label_zh: "省外每人费用上限",
        label_en: "Most cost per person, outside the province",
    },
    Limit {
        id: LimitId::OutPerDay,
        numerator: 1000,
        denominator: 1,
        unit: Unit::Yuan,
        strength: Strength::Generally,
        source: Source { section: Section::RestTrip, paragraph: 5 },
        quote_zh: "一般省外……平均每人每天不超过1000元",
        quote_en: "generally no more than 1,000 yuan per person per day on average outside the province",
        label_zh: "省外平均每人每天费用上限",
        label_en: "Most average cost per person per day, outside the province",
    },
    Limit {
        id: LimitId::InPerPerson,
        numerator: 5000,
        denominator: 1,
        unit: Unit::Yuan,
        strength: Strength::Generally,
        source: Source { section: Section::RestTrip, paragraph: 5 },
        quote_zh: "一般……省内每人不超过5000元",
        quote_en: "generally no more than 5,000 yuan per person within the province",
        label_zh: "省内每人费用上限",
        label_en: "Most cost per person, within the province",
    },
    Limit {
        id: LimitId::InPerDay,
        numerator: 900,
        denominator: 1,
        unit: Unit::Yuan,
        strength: Strength::Generally,
        source: Source { section: Section::RestTrip, paragraph: 5 },
        quote_zh: "一般……省内……平均每人每天不超过900元",
        quote_en: "generally no more than 900 yuan per person per day on average within the province",
        label_zh: "省内平均每人每天费用上限",
        label_en: "Most average cost per person per day, within the province",
    },
    Limit {
        id: LimitId::Venue,
        numerator: 0,
        denominator: 1,
        unit: Unit::Count,
        strength: Strength::InPrinciple,
        source: Source { section: Section::RestTrip, paragraph: 3 },
        quote_zh: "地点原则上应为工会系统的疗休养院所，以全国劳模疗休养基地或省级劳模疗休养基地为主",
        quote_en: "the venue in principle a trade-union sanatorium, mainly a national or provincial rest base for model workers",
        label_zh: "疗休养地点",
        label_en: "Venue",
    },
    Limit {
        id: LimitId::CrossProvince,
        numerator: 0,
        denominator: 1,
        unit: Unit::Count,
        strength: Strength::InPrinciple,
        source: Source { section: Section::RestTrip, paragraph: 3 },
        quote_zh: "疗休养期间原则上不得跨省（自治区、直辖市）开展活动",
        quote_en: "in principle no activities in another province (autonomous region, municipality) during the trip",
        label_zh: "跨省活动",
        label_en: "Activities in another province",
    },
    Limit {
        id: LimitId::LodgingChanges,
        numerator: 0,
        denominator: 1,
        unit: Unit::Count,
        strength: Strength::InPrinciple,
        source: Source { section: Section::RestTrip, paragraph: 3 },
        quote_zh: "住宿地点不变",
        quote_en: "the same lodging throughout",
        label_zh: "更换住宿地点次数",
        label_en: "Changes of lodging",
    },
    Limit {
        id: LimitId::Eligibility,
        numerator: 0,
        denominator: 1,
        unit: Unit::Count,
        strength: Strength::Hard,
        source: Source { section: Section::RestTrip, paragraph: 2 },
        quote_zh: "参加对象为经主管部门批准表彰的市级及以上劳动模范和先进工作者（含享受待遇者）及五一劳动奖章获得者",
        quote_en: "participants: model workers and advanced workers at city level or above honoured with the approval of the competent department (including those receiving their benefits), and May Day Labour Medal holders",
        label_zh: "参加对象",
        label_en: "Who may take part",
    },
    Limit {
        id: LimitId::TechnicalTrend,
        numerator: 1,
        denominator: 1,
        unit: Unit::People,
        strength: Strength::Hard,
        source: Source { section: Section::RestTrip, paragraph: 1 },
        quote_zh: "优秀技术工人疗休养活动实现组织人次逐年稳步提升",
        quote_en: "the person-trips of the excellent technical workers' programme rising steadily year by year",
        label_zh: "优秀技术工人疗休养人次每年至少增加",
        label_en: "Technical workers' trips: least yearly rise",
    },
];

/// Something the rest-trip story says that is not a limit: quoted exactly, with our English
/// rendering and its paragraph, so the page can show the whole story, not only its numbers.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Statement {
    pub id: &'static str,
    pub quote_zh: &'static str,
    /// Our English rendering (the article has no English).
    pub quote_en: &'static str,
    pub source: Source,
}

const fn rest(paragraph: u8) -> Source {
    Source {
        section: Section::RestTrip,
        paragraph,
    }
}

/// The rest-trip story's statements beyond its limits, in the article's order.
pub static STATEMENTS: [Statement; 6] = [
    Statement {
        id: "documents",
        quote_zh: "省总工会印发《关于进一步加强和规范劳模疗休养工作的实施意见》和《关于深入开展优秀技术工人疗休养活动的实施意见》",
        quote_en: "the Shanxi Federation of Trade Unions issued implementing opinions on further strengthening and regulating R&R trips for model workers, and on R&R trips for excellent technical workers",
        source: rest(1),
    },
    Statement {
        id: "priority",
        quote_zh: "劳模疗休养面向基层一线，优先安排劳动强度高、工作环境艰苦、发挥骨干作用的和符合条件的年龄较大的劳模",
        quote_en: "R&R trips for model workers are oriented to the front line, giving priority to model workers with high work intensity, hard working conditions or a key role, and to eligible older model workers",
        source: rest(2),
    },
    Statement {
        id: "levels_and_batches",
        quote_zh: "劳模疗休养每年应分级、分批进行",
        quote_en: "R&R trips take place every year by level and in batches",
        source: rest(3),
    },
    Statement {
        id: "counts_as_attendance",
        quote_zh: "在职劳模参加疗休养按出勤对待",
        quote_en: "for model workers in employment, an R&R trip counts as attendance at work",
        source: rest(3),
    },
    Statement {
        id: "activities",
        quote_zh: "劳模疗休养期间，将开展体检、理疗等，帮助劳模放松身心；通过精心安排形势报告、专题讲座等，帮助劳模拓展视野、把握时势；采用劳模座谈、事迹报告等形式，增进劳模彼此了解、互学互鉴；创造同行交流、短期培训等机会，促进劳模互相启发，共同提高",
        quote_en: "during the trips there will be health checks and physiotherapy to help model workers relax; briefings on current affairs and lectures to broaden their horizons; discussions and talks about their work so they get to know and learn from each other; and exchanges with peers and short training courses so they inspire each other and improve together",
        source: rest(4),
    },
    Statement {
        id: "cost_standard",
        quote_zh: "省总工会组织的劳模疗休养费用标准一般省外每人不超过6000元、平均每人每天不超过1000元，省内每人不超过5000元、平均每人每天不超过900元",
        quote_en: "the cost standard for R&R trips the Shanxi Federation of Trade Unions organises is generally no more than 6,000 yuan per person and 1,000 yuan per person per day on average outside the province, and no more than 5,000 yuan per person and 900 yuan per person per day on average within it",
        source: rest(5),
    },
];

/// The row for `id`.
pub fn limit(id: LimitId) -> &'static Limit {
    // LIMITS holds one row per LimitId (tested below), so the search always succeeds; the
    // fallback keeps this function total without a panic path.
    LIMITS.iter().find(|l| l.id == id).unwrap_or(&LIMITS[0])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_row_per_id() {
        let ids = [
            LimitId::BatchSize,
            LimitId::BatchDays,
            LimitId::AnnualShare,
            LimitId::AnnualShareAge,
            LimitId::OutPerPerson,
            LimitId::OutPerDay,
            LimitId::InPerPerson,
            LimitId::InPerDay,
            LimitId::Venue,
            LimitId::CrossProvince,
            LimitId::LodgingChanges,
            LimitId::Eligibility,
            LimitId::TechnicalTrend,
        ];
        for id in ids {
            assert_eq!(LIMITS.iter().filter(|l| l.id == id).count(), 1, "{id:?}");
            assert_eq!(limit(id).id, id);
        }
    }
}
