//! ADAPTER (temporary): the chart registry API that `src/charts` is growing (`ChartId`,
//! `ChartInput`, `draw`, `table`, tooltips), written here against what exists so the shell can be
//! built now. When `crate::charts` exports these names, this file shrinks to re-exports.

use crate::charts::{self as c, ChartError, ChartLayout, Theme};
use crate::data;
use crate::format::{self, Lang};
use plotters::coord::Shift;
use plotters::prelude::*;

pub use crate::charts::Theme as ChartTheme;

/// The charts, in reading order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChartId {
    Output,
    Growth,
    Tiers,
    Targets,
    Projection,
    Money,
    Budget,
}

impl ChartId {
    pub const ALL: [ChartId; 7] = [
        ChartId::Output,
        ChartId::Growth,
        ChartId::Tiers,
        ChartId::Targets,
        ChartId::Projection,
        ChartId::Money,
        ChartId::Budget,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            ChartId::Output => "output",
            ChartId::Growth => "growth",
            ChartId::Tiers => "tiers",
            ChartId::Targets => "targets",
            ChartId::Projection => "projection",
            ChartId::Money => "money",
            ChartId::Budget => "budget",
        }
    }

    pub fn title(self, lang: Lang) -> &'static str {
        match self {
            ChartId::Output => lang.pick("十大重点专业镇前8个月产值", "Ten key towns' output, Jan-Aug"),
            ChartId::Growth => lang.pick("增速对比", "Growth side by side"),
            ChartId::Tiers => lang.pick("专业镇梯队", "The tiers of towns"),
            ChartId::Targets => lang.pick("2025年目标进度", "Progress to the 2025 targets"),
            ChartId::Projection => lang.pick("汾酒镇2025年能到300亿吗？", "Could the Fenjiu town reach ¥30bn by 2025?"),
            ChartId::Money => lang.pick("资金与带动投资", "Funding and the investment it drew"),
            ChartId::Budget => lang.pick("每人费用上限与天数", "Most cost per person by days"),
        }
    }

    pub fn caption(self, _lang: Lang) -> &'static str {
        ""
    }

    /// Height over width at a CSS width.
    pub fn aspect(self, css_width: f64) -> f64 {
        if css_width < 480.0 { 0.8 } else { 0.56 }
    }
}

/// How eight months become a year in the projection.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Annualise {
    #[default]
    Linear,
    SameShare,
}

impl Annualise {
    pub const ALL: [Annualise; 2] = [Annualise::Linear, Annualise::SameShare];
    pub fn slug(self) -> &'static str {
        match self {
            Annualise::Linear => "linear",
            Annualise::SameShare => "same_share",
        }
    }
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Annualise::Linear => lang.pick("按月平均：前8个月×12/8", "Even months: Jan-Aug × 12/8"),
            Annualise::SameShare => lang.pick("前8个月占全年比例不变", "Jan-Aug keeps its share of the year"),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Projection {
    pub growth_percent: f64,
    pub annualise: Annualise,
}

impl Default for Projection {
    fn default() -> Self {
        Projection { growth_percent: 17.0, annualise: Annualise::Linear }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct PlanPoint {
    pub days: u32,
    pub cost_per_person_fen: i64,
    pub destination: crate::rules::Destination,
    pub label_zh: String,
    pub label_en: String,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ChartInput {
    pub projection: Projection,
    pub plan_points: Vec<PlanPoint>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ChartOptions {
    pub lang: Lang,
    pub theme: Theme,
    pub scale: f64,
    pub css_width: f64,
}

/// Draws chart `id`.
pub fn draw<DB: DrawingBackend>(
    id: ChartId,
    area: &DrawingArea<DB, Shift>,
    opts: &ChartOptions,
    _input: &ChartInput,
) -> Result<ChartLayout, ChartError> {
    let o = c::ChartOptions { lang: opts.lang, theme: opts.theme, scale: opts.scale, css_width: opts.css_width };
    match id {
        ChartId::Output => c::draw_output(area, &o),
        _ => Err(ChartError("not drawn yet".into())),
    }
}

/// A chart's numbers as a table.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    pub caption: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub note: Option<String>,
}

pub fn table(id: ChartId, lang: Lang, _input: &ChartInput) -> Table {
    let ids: &[&str] = match id {
        ChartId::Output => &["ten_towns_output_2022_implied", "ten_towns_output", "fenjiu_output"],
        ChartId::Growth => &["ten_towns_growth", "fenjiu_growth"],
        _ => &[],
    };
    let rows = ids
        .iter()
        .filter_map(|i| data::get(i))
        .map(|r| {
            vec![
                lang.pick(r.label_zh, r.label_en).to_string(),
                value_text(r, lang),
                r.period.to_string(),
                r.source.cite(lang),
            ]
        })
        .collect();
    Table {
        caption: id.title(lang).to_string(),
        headers: [lang.pick("项目", "Item"), lang.pick("数值", "Value"), lang.pick("时期", "Period"), lang.pick("来源", "Source")]
            .iter()
            .map(|s| s.to_string())
            .collect(),
        rows,
        note: None,
    }
}

fn value_text(r: &data::Record, lang: Lang) -> String {
    match r.unit {
        data::Unit::YiYuan => format::yi_yuan(r.value, lang),
        data::Unit::Percent => format::percent(r.value, 1),
        _ => format::count(r.value, lang),
    }
}

/// The tooltip for a point in backend pixels.
pub fn tooltip(layout: &ChartLayout, x: i32, y: i32, lang: Lang) -> Option<String> {
    let r = data::get(layout.hit(x, y)?)?;
    Some(format!("{}：{}（{}，{}）", lang.pick(r.label_zh, r.label_en), value_text(r, lang), r.period, r.source.cite(lang)))
}

/// The dataset as CSV with a byte-order mark.
pub fn to_csv() -> String {
    crate::data::export::to_csv()
}
