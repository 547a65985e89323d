//! The social preview card (1200 × 630, what WeChat, Weibo and other sites show for a shared link):
//! the headline figure and its growth from the dataset, the output chart drawn by `charts::draw`,
//! and the source, in the explainer's colours and font.

use crate::svg;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{FontDesc, FontFamily, FontStyle};
use sx_explainer::charts::{
    self, text_width, ChartError, ChartId, ChartInput, ChartOptions, Palette, FONT,
};
use sx_explainer::data::{self, Record};
use sx_explainer::format::{self, Lang};

/// The card's size in pixels (the Open Graph size).
pub const SIZE: (u32, u32) = (1200, 630);
/// The record of the headline figure and of its growth.
pub const HEADLINE: &str = "ten_towns_output";
pub const GROWTH: &str = "ten_towns_growth";
/// The chart on the card.
pub const CHART: ChartId = ChartId::Output;

const PAD: i32 = 56;
/// The chart's CSS width; it is drawn enlarged to fill its box (the card is seen small).
const CHART_CSS: f64 = 400.0;

/// The card's words: also its alt text in the manifest.
pub struct Words {
    pub kicker: String,
    pub label: String,
    pub figure: String,
    pub growth: String,
    pub growth_label: String,
    /// The article.
    pub source: String,
    /// The paragraph of the headline figure.
    pub paragraph: String,
}

fn record(id: &str) -> Result<&'static Record, ChartError> {
    data::get(id).ok_or_else(|| ChartError(format!("no record {id} in the dataset")))
}

/// The card's words in `lang`, every number from the dataset.
///
/// # Errors
/// When a record the card shows is missing from the dataset.
pub fn words(lang: Lang) -> Result<Words, ChartError> {
    let out = record(HEADLINE)?;
    let growth = record(GROWTH)?;
    let sign = if growth.value > 0.0 { "+" } else { "" };
    Ok(Words {
        kicker: lang
            .pick(
                "山西特色专业镇 · 互动解读",
                "Shanxi's specialty towns · explainer",
            )
            .into(),
        label: CHART.title(lang).into(),
        figure: format::in_unit(out.value, out.unit, lang),
        growth: format!("{sign}{}", format::in_unit(growth.value, growth.unit, lang)),
        growth_label: lang.pick("同比增长", "year on year").into(),
        source: format!(
            "{}{}",
            lang.pick("来源：", "Source: "),
            lang.pick(data::ARTICLE_ZH, data::ARTICLE_EN)
        ),
        paragraph: format!(
            "{}{}",
            out.source.cite(lang),
            lang.pick(
                "；图中2022年同期数为本报推算",
                "; the 2022 bars are our calculation"
            )
        ),
    })
}

impl Words {
    /// One sentence for the alt text.
    pub fn alt(&self, lang: Lang) -> String {
        match lang {
            Lang::Zh => format!(
                "{}：{}，{}{}。附产值图表。{}，{}。",
                self.label,
                self.figure,
                self.growth_label,
                self.growth,
                self.source,
                self.paragraph
            ),
            Lang::En => format!(
                "{}: {}, {} {}. With the output chart. {}, {}.",
                self.label,
                self.figure,
                self.growth,
                self.growth_label,
                self.source,
                self.paragraph
            ),
        }
    }
}

/// Splits `text` into lines no wider than `max` pixels at `size` (estimated with
/// [`text_width`], as the charts do): at spaces in English, between characters in Chinese.
pub fn wrap(text: &str, size: f64, max: f64) -> Vec<String> {
    let mut lines = Vec::new();
    let mut cur = String::new();
    let mut word = String::new();
    let flush_word = |cur: &mut String, word: &mut String, lines: &mut Vec<String>| {
        let candidate = format!("{cur}{word}");
        if !cur.trim().is_empty() && text_width(candidate.trim_end(), size) > max {
            lines.push(cur.trim_end().to_string());
            *cur = word.trim_start().to_string();
        } else {
            *cur = candidate;
        }
        word.clear();
    };
    let mut glue = false;
    for c in text.chars() {
        let cjk = (c as u32) >= 0x2E80;
        // Closing punctuation stays with the character before it, opening with the one after.
        let closing = "，。、：；）》”".contains(c);
        if ((cjk && !closing) || c == ' ') && !glue {
            flush_word(&mut cur, &mut word, &mut lines);
        }
        glue = "（《“".contains(c);
        word.push(c);
    }
    flush_word(&mut cur, &mut word, &mut lines);
    if !cur.trim().is_empty() {
        lines.push(cur.trim_end().to_string());
    }
    lines
}

/// The card as an SVG document, 1200 × 630.
///
/// # Errors
/// [`ChartError`] when a record is missing or plotters fails to draw.
pub fn svg(lang: Lang) -> Result<String, ChartError> {
    let w = words(lang)?;
    let pal = Palette::LIGHT;
    let (cw, ch) = SIZE;
    let (cw, ch) = (cw as i32, ch as i32);
    // The source at the bottom, and a rule above it.
    let source = format!("{}{}{}", w.source, lang.pick("；", "; "), w.paragraph);
    let source_lines = wrap(&source, 20.0, f64::from(cw - 2 * PAD));
    let source_y = ch - PAD + 8 - 28 * source_lines.len() as i32;
    let rule_y = source_y - 18;
    // The chart's box: the right half, between the kicker and the rule.
    let chart_css_h = f64::from(svg::chart_size(CHART, CHART_CSS as u32).1);
    let (box_w, box_top, box_bottom) = (520.0, 104, rule_y - 20);
    let scale = (box_w / CHART_CSS).min(f64::from(box_bottom - box_top) / chart_css_h);
    let (chart_w, chart_h) = (
        (CHART_CSS * scale).round() as i32,
        (chart_css_h * scale).round() as i32,
    );
    let chart_x = cw - PAD - chart_w;
    let chart_y = box_top + ((box_bottom - box_top - chart_h) / 2).max(0);
    let left_w = f64::from(chart_x - PAD - 32);

    svg::document(SIZE, lang, &w.label, &w.alt(lang), |area| {
        area.fill(&pal.background)?;
        // The explainer's top rule (3 px in the widget, doubled at this size).
        area.draw(&Rectangle::new([(0, 0), (cw, 6)], pal.text.filled()))?;
        let text = |s: &str, x: i32, y: i32, size: f64, color: &RGBColor, bold: bool| {
            let style = FontDesc::new(
                FontFamily::Name(FONT),
                size,
                if bold {
                    FontStyle::Bold
                } else {
                    FontStyle::Normal
                },
            )
            .color(color)
            .pos(Pos::new(HPos::Left, VPos::Top));
            area.draw(&Text::new(s.to_string(), (x, y), style))
        };
        text(&w.kicker, PAD, 40, 26.0, &pal.muted, false)?;

        // Left: the label, the figure, the growth.
        let mut y = 128;
        for line in wrap(&w.label, 34.0, left_w) {
            text(&line, PAD, y, 34.0, &pal.text, true)?;
            y += 46;
        }
        y += 18;
        let figure_size = (left_w / text_width(&w.figure, 1.0)).min(104.0);
        text(&w.figure, PAD, y, figure_size, &pal.text, true)?;
        y += (figure_size * 1.25) as i32;
        text(&w.growth, PAD, y, 64.0, &pal.primary, true)?;
        let gx = PAD + text_width(&w.growth, 64.0).ceil() as i32 + 16;
        text(&w.growth_label, gx, y + 28, 30.0, &pal.muted, false)?;

        // Bottom: a rule and the source.
        area.draw(&Rectangle::new(
            [(PAD, rule_y), (cw - PAD, rule_y + 1)],
            RGBColor(201, 201, 201).filled(),
        ))?;
        for (i, line) in source_lines.iter().enumerate() {
            text(line, PAD, source_y + 28 * i as i32, 20.0, &pal.muted, false)?;
        }

        // Right: the chart, as the page draws it, enlarged. Drawn last: `charts::draw` presents
        // the backend, which closes the SVG document.
        let chart_area = area
            .clone()
            .shrink((chart_x, chart_y), (chart_w as u32, chart_h as u32));
        let opts = ChartOptions {
            lang,
            scale,
            css_width: CHART_CSS,
            ..ChartOptions::default()
        };
        charts::draw(CHART, &chart_area, &opts, &ChartInput::default())?;
        Ok(())
    })
}
