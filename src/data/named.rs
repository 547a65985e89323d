//! What the specialty-town sections name rather than count: the towns (with the product each is
//! known for and its tier), and the platforms, fairs, colleges, counties and programmes the
//! article lists. `counted_in` links an item to the record that counts its kind, so the tests
//! can check that the article never names more than it counts.
//!
//! To correct a name, change its row here; the tests find every `name_zh` in its paragraph.

use super::Section::{self, AgriTowns, ArtsCrafts, TownsOverview};
use super::Source;
use serde::Serialize;

/// A town's tier in the programme, as the article places it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Tier {
    /// 首批省级十大重点专业镇 (first batch of provincial key towns).
    ProvincialKey,
    /// 省级涉农专业镇 (provincial agriculture-related towns).
    ProvincialAgri,
    /// 市级特优农业专业镇 (city-level specialty agriculture towns).
    CityAgri,
}

/// A specialty town the article names.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct NamedTown {
    pub id: &'static str,
    /// As printed: place and product ("清徐老陈醋").
    pub name_zh: &'static str,
    pub name_en: &'static str,
    pub product_zh: &'static str,
    pub product_en: &'static str,
    /// Every tier the article puts it in (杏花村汾酒 is a provincial key town and one of the
    /// provincial agriculture-related towns).
    pub tiers: &'static [Tier],
    /// The paragraph that first names it.
    pub source: Source,
}

const fn src(section: Section, paragraph: u8) -> Source {
    Source { section, paragraph }
}

/// The towns the article names, in the order it names them.
#[rustfmt::skip]
pub static NAMED_TOWNS: [NamedTown; 9] = [
    NamedTown { id: "dingxiang_flange", name_zh: "定襄法兰", name_en: "Dingxiang flanges", product_zh: "法兰", product_en: "flanges",
        tiers: &[Tier::ProvincialKey], source: src(TownsOverview, 2) },
    NamedTown { id: "xinghuacun_fenjiu", name_zh: "杏花村汾酒", name_en: "Xinghuacun Fenjiu liquor", product_zh: "汾酒", product_en: "Fenjiu liquor",
        tiers: &[Tier::ProvincialKey, Tier::ProvincialAgri], source: src(TownsOverview, 3) },
    NamedTown { id: "pingyao_beef", name_zh: "平遥牛肉", name_en: "Pingyao beef", product_zh: "牛肉", product_en: "beef",
        tiers: &[Tier::ProvincialAgri], source: src(AgriTowns, 1) },
    NamedTown { id: "qingxu_vinegar", name_zh: "清徐老陈醋", name_en: "Qingxu mature vinegar", product_zh: "老陈醋", product_en: "mature vinegar",
        tiers: &[Tier::ProvincialAgri], source: src(AgriTowns, 1) },
    NamedTown { id: "shangdang_herbs", name_zh: "上党中药材", name_en: "Shangdang medicinal herbs", product_zh: "中药材", product_en: "Chinese medicinal herbs",
        tiers: &[Tier::ProvincialAgri], source: src(AgriTowns, 1) },
    NamedTown { id: "daizhou_rice_wine", name_zh: "代州黄酒", name_en: "Daizhou yellow wine", product_zh: "黄酒", product_en: "yellow rice wine",
        tiers: &[Tier::ProvincialAgri], source: src(AgriTowns, 1) },
    NamedTown { id: "datong_daylily", name_zh: "大同黄花", name_en: "Datong daylilies", product_zh: "黄花", product_en: "daylilies",
        tiers: &[Tier::CityAgri], source: src(AgriTowns, 1) },
    NamedTown { id: "shanyin_dairy", name_zh: "山阴乳业", name_en: "Shanyin dairy", product_zh: "乳业", product_en: "dairy",
        tiers: &[Tier::CityAgri], source: src(AgriTowns, 1) },
    NamedTown { id: "xixian_pear", name_zh: "隰县玉露香梨", name_en: "Xi County Yuluxiang pears", product_zh: "玉露香梨", product_en: "Yuluxiang pears",
        tiers: &[Tier::CityAgri], source: src(AgriTowns, 1) },
];

/// What kind of thing a [`Named`] item is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    ServicePlatform,
    TradeFair,
    /// National fairs the towns went to together (广交会, 糖酒会).
    NationalFair,
    IndustryCollege,
    NewProduct,
    TradingPlatform,
    StrongCounty,
    CapabilityAction,
    NationalProject,
    CraftIndustry,
}

/// A platform, fair, college, county or programme the article names.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Named {
    pub id: &'static str,
    pub category: Category,
    /// As printed.
    pub name_zh: &'static str,
    pub name_en: &'static str,
    pub source: Source,
    /// The record that counts this kind of item, when the article says the item is among them.
    pub counted_in: Option<&'static str>,
}

const fn item(
    id: &'static str,
    category: Category,
    name_zh: &'static str,
    name_en: &'static str,
    source: Source,
    counted_in: Option<&'static str>,
) -> Named {
    Named {
        id,
        category,
        name_zh,
        name_en,
        source,
        counted_in,
    }
}

use Category::*;

/// Everything else the article names, in its order.
#[rustfmt::skip]
pub static NAMED: [Named; 41] = [
    item("flange_forging_base", ServicePlatform, "法兰锻造产业智能制造创新服务基地", "Flange forging smart-manufacturing innovation service base", src(TownsOverview, 6), Some("service_platforms")),
    item("vinegar_testing_platform", ServicePlatform, "国家级食醋产品检测认证平台", "National vinegar testing and certification platform", src(TownsOverview, 6), Some("service_platforms")),
    item("glassware_ecommerce_platform", ServicePlatform, "玻璃器皿电商服务平台", "Glassware e-commerce service platform", src(TownsOverview, 6), Some("service_platforms")),
    item("towns_showroom", ServicePlatform, "山西特色专业镇展销中心", "Shanxi specialty towns showroom", src(TownsOverview, 6), Some("service_platforms")),
    // The first towns expo "led" the 30 fairs; the article does not say it is one of them.
    item("towns_expo", TradeFair, "首届山西特色专业镇投资贸易博览会", "First Shanxi Specialty Towns Investment and Trade Expo", src(TownsOverview, 7), None),
    item("malleable_iron_expo", TradeFair, "中国玛钢铸造产业投资交易博览会", "China Malleable Iron Casting Investment and Trade Expo", src(TownsOverview, 7), Some("major_exhibitions")),
    item("xinghuacun_liquor_expo", TradeFair, "中国杏花村国际酒业博览会", "China Xinghuacun International Liquor Expo", src(TownsOverview, 7), Some("major_exhibitions")),
    item("canton_fair", NationalFair, "广交会", "Canton Fair", src(TownsOverview, 7), None),
    item("food_drinks_fair", NationalFair, "糖酒会", "China Food and Drinks Fair", src(TownsOverview, 7), None),
    item("xinghuacun_college", IndustryCollege, "山西大学杏花村学院", "Xinghuacun College of Shanxi University", src(TownsOverview, 8), Some("industry_colleges")),
    item("dingxiang_flange_college", IndustryCollege, "定襄法兰产业学院", "Dingxiang Flange Industry College", src(TownsOverview, 8), Some("industry_colleges")),
    item("hot_bent_glass", NewProduct, "热弯玻璃", "Hot-bent glass", src(TownsOverview, 8), None),
    item("antibacterial_porcelain", NewProduct, "抗菌瓷", "Antibacterial porcelain", src(TownsOverview, 8), None),
    item("functional_yellow_wine", NewProduct, "功能性黄酒", "Functional yellow rice wine", src(TownsOverview, 8), None),
    item("southern_fruit", TradingPlatform, "南果", "Fruit (south)", src(AgriTowns, 2), Some("trading_platforms")),
    item("central_grain", TradingPlatform, "中粮", "Grain (centre)", src(AgriTowns, 2), Some("trading_platforms")),
    item("northern_meat", TradingPlatform, "北肉", "Meat (north)", src(AgriTowns, 2), Some("trading_platforms")),
    item("eastern_herbs", TradingPlatform, "东药材", "Medicinal herbs (east)", src(AgriTowns, 2), Some("trading_platforms")),
    item("western_dried_fruit", TradingPlatform, "西干果", "Dried fruit (west)", src(AgriTowns, 2), Some("trading_platforms")),
    item("datong_daylily_county", StrongCounty, "大同黄花", "Datong daylilies", src(AgriTowns, 2), Some("strong_agri_counties")),
    item("shangdang_herbs_county", StrongCounty, "上党药材", "Shangdang medicinal herbs", src(AgriTowns, 2), Some("strong_agri_counties")),
    item("huairen_sheep_county", StrongCounty, "怀仁肉羊", "Huairen meat sheep", src(AgriTowns, 2), Some("strong_agri_counties")),
    item("innovation_action", CapabilityAction, "创新发展", "Innovation", src(AgriTowns, 3), Some("capability_actions")),
    item("processing_action", CapabilityAction, "加工转化", "Processing", src(AgriTowns, 3), Some("capability_actions")),
    item("marketing_action", CapabilityAction, "市场营销", "Marketing", src(AgriTowns, 3), Some("capability_actions")),
    item("branding_action", CapabilityAction, "品牌拓展", "Brand building", src(AgriTowns, 3), Some("capability_actions")),
    item("integration_action", CapabilityAction, "融合发展", "Integrated development", src(AgriTowns, 3), Some("capability_actions")),
    // Printed 早作高粱; probably 旱作 (dryland) sorghum. Kept as printed.
    item("sorghum_project", NationalProject, "早作高粱", "Sorghum (printed 早作, probably dryland 旱作)", src(AgriTowns, 4), None),
    item("herbs_project", NationalProject, "道地药材", "Authentic regional medicinal herbs", src(AgriTowns, 4), None),
    item("apple_project", NationalProject, "晋南苹果", "Southern Shanxi apples", src(AgriTowns, 4), None),
    item("millet_project", NationalProject, "山西谷子", "Shanxi millet", src(AgriTowns, 4), None),
    item("glass_ceramics", CraftIndustry, "玻璃陶瓷", "Glass and ceramics", src(ArtsCrafts, 2), Some("craft_key_industries")),
    item("lacquerware", CraftIndustry, "漆器工艺", "Lacquerware", src(ArtsCrafts, 2), Some("craft_key_industries")),
    item("metalwork", CraftIndustry, "金属工艺", "Metalwork", src(ArtsCrafts, 2), Some("craft_key_industries")),
    item("jewellery", CraftIndustry, "珠宝首饰", "Jewellery", src(ArtsCrafts, 2), Some("craft_key_industries")),
    item("shanxi_furniture", CraftIndustry, "晋作家具", "Shanxi-style furniture", src(ArtsCrafts, 2), Some("craft_key_industries")),
    item("weaving_clothing", CraftIndustry, "织造服饰", "Weaving and clothing", src(ArtsCrafts, 2), Some("craft_key_industries")),
    item("paper_packaging", CraftIndustry, "纸艺包装", "Paper craft and packaging", src(ArtsCrafts, 2), Some("craft_key_industries")),
    item("study_treasures", CraftIndustry, "文房四宝", "The four treasures of the study", src(ArtsCrafts, 2), Some("craft_key_industries")),
    item("folk_crafts", CraftIndustry, "民间工艺", "Folk crafts", src(ArtsCrafts, 2), Some("craft_key_industries")),
    item("carving_sculpture", CraftIndustry, "雕刻雕塑", "Carving and sculpture", src(ArtsCrafts, 2), Some("craft_key_industries")),
];
