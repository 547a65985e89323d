//! Chart 1: the ten provincial key towns' output in the first eight months of 2023 against the
//! implied figure for the same months of 2022 (our calculation, drawn as an outline).

use super::{ChartError, ChartLayout, ChartOptions, Hit};
use crate::data;
use crate::format::{self, Lang};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Draws the output chart onto `area`.
///
/// # Errors
/// [`ChartError`] when the backend fails to draw.
///
/// ```
/// use plotters::prelude::*;
/// let mut svg = String::new();
/// {
///     let area = SVGBackend::with_string(&mut svg, (640, 360)).into_drawing_area();
///     sx_explainer::charts::draw_output(&area, &Default::default()).unwrap();
/// }
/// assert!(svg.contains("410.5亿元"));
/// ```
pub fn draw_output<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    opts: &ChartOptions,
) -> Result<ChartLayout, ChartError> {
    let pal = opts.palette();
    let lang = opts.lang;
    area.fill(&pal.background)?;
    let (_, h) = area.dim_in_pixel();
    let title = lang.pick("十大重点专业镇前8个月产值", "Ten key towns' output, Jan-Aug");
    area.draw(&Text::new(title, (opts.px(12.0), opts.px(8.0)), opts.text(16.0)))?;

    let bars = [
        ("ten_towns_output_2022_implied", lang.pick("2022年同期（推算）", "2022 (our calc.)")),
        ("ten_towns_output", lang.pick("2023年", "2023")),
    ];
    let max = bars.iter().map(|(id, _)| data::value(id)).fold(0.0_f64, f64::max) * 1.15;
    let plot = area.margin(opts.px(40.0), opts.px(40.0), opts.px(16.0), opts.px(16.0));
    let mut chart = ChartBuilder::on(&plot)
        .build_cartesian_2d(0.0..bars.len() as f64, 0.0..max.max(1.0))
        .map_err(|e| ChartError(e.to_string()))?;
    let mut hits = Vec::new();
    for (i, (id, label)) in bars.iter().enumerate() {
        let Some(rec) = data::get(id) else { continue };
        let x0 = i as f64 + 0.2;
        let x1 = i as f64 + 0.8;
        let derived = rec.kind == data::Kind::Derived;
        let style = if derived {
            pal.secondary.stroke_width(opts.px(2.0) as u32)
        } else {
            pal.primary.filled()
        };
        chart.draw_series(std::iter::once(Rectangle::new([(x0, 0.0), (x1, rec.value)], style)))?;
        let (px0, py0) = chart.backend_coord(&(x0, rec.value));
        let (px1, py1) = chart.backend_coord(&(x1, 0.0));
        hits.push(Hit { x0: px0, y0: py0, x1: px1, y1: py1, record_id: rec.id });
        let value = format::yi_yuan(rec.value, lang);
        let cx = (px0 + px1) / 2;
        let above = opts.text(13.0).pos(Pos::new(HPos::Center, VPos::Bottom));
        area.draw(&Text::new(value, (cx, py0 - opts.px(6.0)), above))?;
        let below = opts.text(12.0).pos(Pos::new(HPos::Center, VPos::Top));
        area.draw(&Text::new(*label, (cx, py1 + opts.px(6.0)), below))?;
    }
    let source = match lang {
        Lang::Zh => format!("来源：{}", data::ARTICLE_ZH),
        Lang::En => format!("Source: {}", data::ARTICLE_EN),
    };
    area.draw(&Text::new(source, (opts.px(12.0), h as i32 - opts.px(16.0)), opts.text(10.0).color(&pal.muted)))?;
    area.present()?;
    Ok(ChartLayout { hits })
}
