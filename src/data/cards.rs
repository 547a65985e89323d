//! "文章还提到 / Also in the article": the figures the charts do not compare, as compact cards
//! grouped by subject, each with the items the article names beside it. With the charts, they
//! put every figure of the specialty-town sections on the page; `tests/data.rs` checks that none
//! is left out. Each card's record carries its own source paragraph.

use super::named::{Category, Named, NAMED};
use super::{get, Record};

/// One card: a record, and the kinds of named items listed with it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Card {
    pub record: &'static str,
    /// Named items shown under the figure ("其中有……"): those of these categories that the
    /// article counts in this record, or names beside it.
    pub names: &'static [Category],
}

/// A group of cards under one heading.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Group {
    pub title_zh: &'static str,
    pub title_en: &'static str,
    pub cards: &'static [Card],
}

const fn card(record: &'static str, names: &'static [Category]) -> Card {
    Card { record, names }
}

/// The groups, in the article's order.
pub static GROUPS: [Group; 6] = [
    Group {
        title_zh: "工作机制与政策",
        title_en: "How the programme works",
        cards: &[
            card("press_conference_number", &[]),
            card("work_teams", &[]),
            card("town_policy_documents", &[]),
            card("service_platforms", &[Category::ServicePlatform]),
            card("fenjiu_share_of_fenyang_industry", &[]),
        ],
    },
    Group {
        title_zh: "展会与推介",
        title_en: "Fairs and promotion",
        cards: &[
            card("major_exhibitions", &[Category::TradeFair]),
            card("promotion_events", &[Category::NationalFair]),
        ],
    },
    Group {
        title_zh: "产学研合作",
        title_en: "Colleges and new products",
        cards: &[card(
            "industry_colleges",
            &[Category::IndustryCollege, Category::NewProduct],
        )],
    },
    Group {
        title_zh: "特优农业专业镇",
        title_en: "Agricultural specialty towns",
        cards: &[
            card("agri_towns_total", &[]),
            card("trading_platforms", &[Category::TradingPlatform]),
            card("strong_agri_counties", &[Category::StrongCounty]),
            card("capability_actions", &[Category::CapabilityAction]),
            card("national_leading_enterprises", &[]),
            card("leading_enterprises_county_up", &[]),
            card("leading_enterprises_provincial", &[]),
            card("agri_processing_revenue", &[]),
            card("investment_drawn", &[Category::NationalProject]),
        ],
    },
    Group {
        title_zh: "工艺美术（特色轻工）",
        title_en: "Arts and crafts",
        cards: &[
            card("craft_key_industries", &[Category::CraftIndustry]),
            card("national_ich_crafts", &[]),
            card("provincial_ich_crafts", &[]),
            card("unesco_badges", &[]),
            card("craft_expos", &[]),
            card("craft_exhibition_area", &[]),
        ],
    },
    Group {
        title_zh: "2025年目标",
        title_en: "The 2025 targets",
        cards: &[
            card("target_platforms_per_city_town", &[]),
            card("target_towns_300yi", &[]),
            card("target_towns_100yi", &[]),
        ],
    },
];

impl Card {
    /// The card's record (every card names an existing one: tested).
    pub fn record(&self) -> Option<&'static Record> {
        get(self.record)
    }

    /// The named items listed with the card: the article's items of its categories from the
    /// record's section.
    pub fn named(&self) -> Vec<&'static Named> {
        let section = self.record().map(|r| r.source.section);
        NAMED
            .iter()
            .filter(|n| self.names.contains(&n.category) && Some(n.source.section) == section)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_card_names_a_record_and_its_items() {
        for g in &GROUPS {
            for c in g.cards {
                assert!(c.record().is_some(), "{}", c.record);
                if !c.names.is_empty() {
                    assert!(!c.named().is_empty(), "{} lists no names", c.record);
                }
            }
        }
    }
}
