//! A chart laid out as a list of shapes and texts in CSS pixels, with no backend in sight, and
//! the one generic function that paints such a list on a plotters backend.
//!
//! Also the frame every chart shares: the title on top, the legend under it, the notes and the
//! source line at the bottom, each wrapped to the width rather than cut off.

use super::fmt::{self, Look};
use super::{
    text_width, ChartError, ChartId, ChartLayout, ChartOptions, Hit, Palette, Table, FONT,
};
use crate::format::Lang;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{FontDesc, FontFamily, FontStyle, RGBAColor};

/// Outer padding, in CSS pixels.
pub const PAD: f64 = 12.0;
pub const TITLE: f64 = 16.0;
pub const LABEL: f64 = 12.5;
pub const SMALL: f64 = 11.5;
pub const SOURCE: f64 = 11.0;

/// One shape or text, in CSS pixels.
#[derive(Clone)]
pub enum Prim {
    Rect {
        r: [f64; 4],
        color: RGBAColor,
        fill: bool,
        width: f64,
    },
    Path {
        pts: Vec<(f64, f64)>,
        color: RGBAColor,
        width: f64,
    },
    /// (Drawn by the budget chart only, which a towns-only build leaves out.)
    #[cfg_attr(not(feature = "rest-trip"), allow(dead_code))]
    Poly {
        pts: Vec<(f64, f64)>,
        color: RGBAColor,
    },
    Circle {
        x: f64,
        y: f64,
        r: f64,
        color: RGBAColor,
        fill: bool,
        width: f64,
    },
    Text {
        s: String,
        x: f64,
        y: f64,
        size: f64,
        color: RGBAColor,
        h: HPos,
        v: VPos,
        bold: bool,
    },
}

/// A mark for tooltips, in CSS pixels.
#[derive(Clone, Debug)]
pub struct Mark {
    pub r: [f64; 4],
    pub record: Option<&'static str>,
    pub note: Option<(String, String)>,
    /// The series (a group of bars, a row, a line) the mark belongs to, for keyboard
    /// exploration: left and right move within a series, up and down between series.
    pub series: u16,
}

/// A laid-out chart.
pub struct Scene {
    pub h: f64,
    pub lang: Lang,
    pub pal: Palette,
    pub prims: Vec<Prim>,
    pub marks: Vec<Mark>,
    /// The series the next marks belong to ([`Scene::next_series`]).
    pub series: u16,
}

pub fn rgba(c: RGBColor) -> RGBAColor {
    c.to_rgba()
}

impl Scene {
    pub fn new(opts: &ChartOptions, h: f64) -> Scene {
        Scene {
            h,
            lang: opts.lang,
            pal: opts.palette(),
            prims: Vec::new(),
            marks: Vec::new(),
            series: 0,
        }
    }

    /// Starts a new series of marks (a new group of bars, row or line).
    pub fn next_series(&mut self) {
        if self.marks.last().is_some_and(|m| m.series == self.series) {
            self.series += 1;
        }
    }

    pub fn rect(&mut self, r: [f64; 4], color: RGBAColor, fill: bool, width: f64) {
        self.prims.push(Prim::Rect {
            r,
            color,
            fill,
            width,
        });
    }

    pub fn line(&mut self, pts: Vec<(f64, f64)>, color: RGBAColor, width: f64) {
        self.prims.push(Prim::Path { pts, color, width });
    }

    /// A dashed straight line (dash and gap in CSS pixels).
    pub fn dashed(
        &mut self,
        a: (f64, f64),
        b: (f64, f64),
        color: RGBAColor,
        width: f64,
        dash: f64,
        gap: f64,
    ) {
        let len = ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt();
        if len <= 0.0 || !len.is_finite() {
            return;
        }
        let (dx, dy) = ((b.0 - a.0) / len, (b.1 - a.1) / len);
        let mut t = 0.0;
        while t < len {
            let e = (t + dash).min(len);
            self.line(
                vec![(a.0 + dx * t, a.1 + dy * t), (a.0 + dx * e, a.1 + dy * e)],
                color,
                width,
            );
            t += dash + gap;
        }
    }

    /// Diagonal hatching inside `r`: `/` lines (forward) or `\` lines.
    pub fn hatch(&mut self, r: [f64; 4], color: RGBAColor, spacing: f64, forward: bool) {
        let [x0, y0, x1, y1] = r;
        if x1 - x0 < 1.0 || y1 - y0 < 1.0 {
            return;
        }
        // Lines x + y = c (forward, "/") or x - y = c ("\"), clipped to the rectangle.
        let (cmin, cmax) = if forward {
            (x0 + y0, x1 + y1)
        } else {
            (x0 - y1, x1 - y0)
        };
        let mut c = cmin + spacing / 2.0;
        while c < cmax {
            let pts = if forward {
                let xa = x0.max(c - y1);
                let xb = x1.min(c - y0);
                ((xa, c - xa), (xb, c - xb))
            } else {
                let xa = x0.max(c + y0);
                let xb = x1.min(c + y1);
                ((xa, xa - c), (xb, xb - c))
            };
            if pts.1 .0 > pts.0 .0 {
                self.line(vec![pts.0, pts.1], color, 1.0);
            }
            c += spacing;
        }
    }

    /// A bar (or swatch) in the look of its kind: reported filled, derived outlined and hatched,
    /// target a dashed outline, illustration a dashed outline with back-hatching.
    pub fn bar(&mut self, r: [f64; 4], color: RGBColor, look: Look) {
        let c = rgba(color);
        let [x0, y0, x1, y1] = r;
        match look {
            Look::Reported => self.rect(r, c, true, 0.0),
            Look::Derived => {
                self.rect(r, color.mix(0.12), true, 0.0);
                self.hatch(r, c, 5.0, true);
                self.rect(r, c, false, 1.5);
            }
            Look::Target | Look::Illustration => {
                if look == Look::Illustration {
                    self.rect(r, color.mix(0.10), true, 0.0);
                    self.hatch(r, color.mix(0.8), 6.0, false);
                }
                for (a, b) in [
                    ((x0, y0), (x1, y0)),
                    ((x1, y0), (x1, y1)),
                    ((x1, y1), (x0, y1)),
                    ((x0, y1), (x0, y0)),
                ] {
                    self.dashed(a, b, c, 1.5, 4.0, 3.0);
                }
            }
        }
    }

    /// Text in the regular weight.
    #[allow(clippy::too_many_arguments)]
    pub fn text(
        &mut self,
        s: impl Into<String>,
        x: f64,
        y: f64,
        size: f64,
        color: RGBColor,
        h: HPos,
        v: VPos,
    ) {
        self.put_text(s.into(), (x, y), size, color, (h, v), false);
    }

    /// Text in bold.
    #[allow(clippy::too_many_arguments)]
    pub fn bold(
        &mut self,
        s: impl Into<String>,
        x: f64,
        y: f64,
        size: f64,
        color: RGBColor,
        h: HPos,
        v: VPos,
    ) {
        self.put_text(s.into(), (x, y), size, color, (h, v), true);
    }

    fn put_text(
        &mut self,
        s: String,
        (x, y): (f64, f64),
        size: f64,
        color: RGBColor,
        (h, v): (HPos, VPos),
        bold: bool,
    ) {
        self.prims.push(Prim::Text {
            s,
            x,
            y,
            size,
            color: rgba(color),
            h,
            v,
            bold,
        });
    }

    pub fn mark(
        &mut self,
        r: [f64; 4],
        record: Option<&'static str>,
        note: Option<(String, String)>,
    ) {
        let series = self.series;
        self.marks.push(Mark {
            r,
            record,
            note,
            series,
        });
    }

    /// The marks in backend pixels.
    pub fn layout(&self, s: f64) -> ChartLayout {
        let p = |v: f64| (v * s).round() as i32;
        ChartLayout {
            hits: self
                .marks
                .iter()
                .map(|m| Hit {
                    x0: p(m.r[0]),
                    y0: p(m.r[1]),
                    x1: p(m.r[2]),
                    y1: p(m.r[3]),
                    record_id: m.record,
                    note: m.note.clone(),
                    series: m.series,
                })
                .collect(),
        }
    }
}

/// The box a text takes in CSS pixels, by the same estimate the layout uses everywhere
/// ([`text_width`], bold a little wider; the height of the em box and a little).
pub fn text_box(s: &str, x: f64, y: f64, size: f64, h: HPos, v: VPos, bold: bool) -> [f64; 4] {
    let (w, hh) = (
        text_width(s, if bold { size * 1.06 } else { size }),
        size * 1.2,
    );
    let x0 = match h {
        HPos::Left => x,
        HPos::Center => x - w / 2.0,
        HPos::Right => x - w,
    };
    let y0 = match v {
        VPos::Top => y,
        VPos::Center => y - hh / 2.0,
        VPos::Bottom => y - hh,
    };
    [x0, y0, x0 + w, y0 + hh]
}

/// Whether two boxes overlap, with `gap` pixels to spare.
#[cfg(feature = "rest-trip")]
pub fn overlaps(a: &[f64; 4], b: &[f64; 4], gap: f64) -> bool {
    a[0] < b[2] + gap && b[0] < a[2] + gap && a[1] < b[3] + gap && b[1] < a[3] + gap
}

/// Every text of a laid-out chart with its box, and its lines (points and width) and its
/// markers (circles and polygons, as boxes), in CSS pixels: what the tests check for overlaps.
#[doc(hidden)]
#[derive(Clone, Debug, Default)]
pub struct Placed {
    pub texts: Vec<(String, [f64; 4])>,
    pub lines: Vec<(Vec<(f64, f64)>, f64)>,
    pub markers: Vec<[f64; 4]>,
}

impl Scene {
    #[doc(hidden)]
    pub fn placed(&self) -> Placed {
        let mut out = Placed::default();
        for prim in &self.prims {
            match prim {
                Prim::Text {
                    s,
                    x,
                    y,
                    size,
                    h,
                    v,
                    bold,
                    ..
                } => out
                    .texts
                    .push((s.clone(), text_box(s, *x, *y, *size, *h, *v, *bold))),
                Prim::Path { pts, width, .. } => out.lines.push((pts.clone(), *width)),
                Prim::Circle { x, y, r, .. } => out.markers.push([x - r, y - r, x + r, y + r]),
                Prim::Poly { pts, .. } => out.markers.push(
                    pts.iter()
                        .fold([f64::MAX, f64::MAX, f64::MIN, f64::MIN], |b, &(x, y)| {
                            [b[0].min(x), b[1].min(y), b[2].max(x), b[3].max(y)]
                        }),
                ),
                // Small filled squares are markers (out-of-province days on the budget chart).
                Prim::Rect { r, fill: true, .. } if r[2] - r[0] <= 8.0 && r[3] - r[1] <= 8.0 => {
                    out.markers.push(*r)
                }
                Prim::Rect { .. } => {}
            }
        }
        out
    }
}

/// Paints a scene on `area` at `s` backend pixels per CSS pixel.
pub fn render<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    sc: &Scene,
    s: f64,
) -> Result<(), ChartError> {
    area.fill(&sc.pal.background)?;
    let p = |v: f64| (v * s).round() as i32;
    let pt = |(x, y): (f64, f64)| (p(x), p(y));
    let sw = |w: f64| (w * s).round().max(1.0) as u32;
    for prim in &sc.prims {
        match prim {
            Prim::Rect {
                r,
                color,
                fill,
                width,
            } => {
                let style = ShapeStyle {
                    color: *color,
                    filled: *fill,
                    stroke_width: sw(*width),
                };
                area.draw(&Rectangle::new(
                    [(p(r[0]), p(r[1])), (p(r[2]), p(r[3]))],
                    style,
                ))?;
            }
            Prim::Path { pts, color, width } => {
                let style = ShapeStyle {
                    color: *color,
                    filled: false,
                    stroke_width: sw(*width),
                };
                area.draw(&PathElement::new(
                    pts.iter().map(|&q| pt(q)).collect::<Vec<_>>(),
                    style,
                ))?;
            }
            Prim::Poly { pts, color } => {
                area.draw(&Polygon::new(
                    pts.iter().map(|&q| pt(q)).collect::<Vec<_>>(),
                    color.filled(),
                ))?;
            }
            Prim::Circle {
                x,
                y,
                r,
                color,
                fill,
                width,
            } => {
                let style = ShapeStyle {
                    color: *color,
                    filled: *fill,
                    stroke_width: sw(*width),
                };
                area.draw(&Circle::new((p(*x), p(*y)), p(*r).max(1), style))?;
            }
            Prim::Text {
                s: text,
                x,
                y,
                size,
                color,
                h,
                v,
                bold,
            } => {
                let weight = if *bold {
                    FontStyle::Bold
                } else {
                    FontStyle::Normal
                };
                let style = FontDesc::new(FontFamily::Name(FONT), size * s, weight)
                    .color(color)
                    .pos(Pos::new(*h, *v));
                area.draw(&Text::new(text.as_str(), (p(*x), p(*y)), style))?;
            }
        }
    }
    area.present()?;
    Ok(())
}

/// Splits a text into lines no wider than `max` CSS pixels at `size`: between words in English,
/// between characters in Chinese, never inside a number or before closing punctuation.
pub fn wrap(text: &str, size: f64, max: f64) -> Vec<String> {
    let mut tokens: Vec<String> = Vec::new();
    let mut glue_next = false;
    for c in text.chars() {
        let cjk = (c as u32) >= 0x2E80;
        let closing = "，。、：；）》”！？%".contains(c);
        let opening = "（《“".contains(c);
        let attach = match tokens.last() {
            None => false,
            Some(_) if glue_next => true,
            Some(_) if closing => true,
            Some(last) => {
                let lc = last.chars().last().unwrap_or(' ');
                !cjk && c != ' ' && lc != ' ' && (lc as u32) < 0x2E80
            }
        };
        glue_next = opening;
        match tokens.last_mut() {
            Some(last) if attach => last.push(c),
            _ => tokens.push(c.to_string()),
        }
    }
    let mut lines: Vec<String> = Vec::new();
    let mut cur = String::new();
    for t in tokens {
        let candidate = format!("{cur}{t}");
        if cur.trim().is_empty() || text_width(candidate.trim_end(), size) <= max {
            cur = candidate;
        } else {
            lines.push(cur.trim_end().to_string());
            cur = t.trim_start().to_string();
        }
    }
    if !cur.trim().is_empty() {
        lines.push(cur.trim_end().to_string());
    }
    lines
}

/// A legend entry: a swatch and its words.
#[derive(Clone, Debug)]
pub struct Legend {
    pub swatch: Swatch,
    pub text: String,
}

#[derive(Clone, Copy, Debug)]
pub enum Swatch {
    Bar(Look),
    Line {
        dashed: bool,
    },
    /// (The dot, ring and shade keys are the budget chart's, which a towns-only build leaves out.)
    #[cfg_attr(not(feature = "rest-trip"), allow(dead_code))]
    Dot,
    /// A hollow marker (a point a limit does not apply to).
    #[cfg_attr(not(feature = "rest-trip"), allow(dead_code))]
    Ring,
    /// A light shaded area.
    #[cfg_attr(not(feature = "rest-trip"), allow(dead_code))]
    Shade,
}

/// The parts around the plot.
pub struct Frame {
    pub title: String,
    pub legend: Vec<Legend>,
    pub notes: Vec<String>,
    /// The source line, longest first: the first one that fits in one line is used, otherwise
    /// the last is wrapped.
    pub source: Vec<String>,
}

/// Where the frame's parts go at a width.
pub struct FrameLayout {
    title: Vec<String>,
    legend: Vec<Vec<(usize, f64)>>,
    notes: Vec<String>,
    source: Vec<String>,
    pub top: f64,
    pub bottom: f64,
}

const SWATCH: f64 = 14.0;
const LEGEND_LINE: f64 = 19.0;

impl Frame {
    pub fn lay_out(&self, w: f64) -> FrameLayout {
        let inner = (w - 2.0 * PAD).max(40.0);
        let title = wrap(&self.title, TITLE * 1.06, inner);
        let mut legend: Vec<Vec<(usize, f64)>> = Vec::new();
        let mut x = 0.0;
        for (i, item) in self.legend.iter().enumerate() {
            let iw = SWATCH + 5.0 + text_width(&item.text, SMALL);
            if legend.is_empty() || (x > 0.0 && x + iw > inner) {
                legend.push(Vec::new());
                x = 0.0;
            }
            if let Some(row) = legend.last_mut() {
                row.push((i, x));
            }
            x += iw + 14.0;
        }
        let notes: Vec<String> = self
            .notes
            .iter()
            .flat_map(|n| wrap(n, SMALL, inner))
            .collect();
        let source = match self.source.iter().find(|s| text_width(s, SOURCE) <= inner) {
            Some(s) => vec![s.clone()],
            None => self
                .source
                .last()
                .map(|s| wrap(s, SOURCE, inner))
                .unwrap_or_default(),
        };
        let top = PAD + title.len() as f64 * 21.0 + 4.0 + legend.len() as f64 * LEGEND_LINE + 8.0;
        let bottom = 8.0 + notes.len() as f64 * 16.0 + source.len() as f64 * 15.0 + PAD - 2.0;
        FrameLayout {
            title,
            legend,
            notes,
            source,
            top,
            bottom,
        }
    }

    pub fn draw(&self, sc: &mut Scene, fl: &FrameLayout) {
        let pal = sc.pal;
        let mut y = PAD;
        for line in &fl.title {
            sc.bold(line.clone(), PAD, y, TITLE, pal.text, HPos::Left, VPos::Top);
            y += 21.0;
        }
        y += 4.0;
        for row in &fl.legend {
            for &(i, x) in row {
                let Some(item) = self.legend.get(i) else {
                    continue;
                };
                let (x0, y0) = (PAD + x, y + 2.0);
                let r = [x0, y0, x0 + SWATCH, y0 + SWATCH - 2.0];
                match item.swatch {
                    Swatch::Bar(look) => sc.bar(r, pal.muted, look),
                    Swatch::Shade => {
                        sc.rect(r, pal.grid.mix(0.45), true, 0.0);
                        sc.rect(r, pal.grid.to_rgba(), false, 1.0);
                    }
                    Swatch::Line { dashed: false } => sc.line(
                        vec![(x0, y0 + 6.0), (x0 + SWATCH, y0 + 6.0)],
                        rgba(pal.muted),
                        2.0,
                    ),
                    Swatch::Line { dashed: true } => sc.dashed(
                        (x0, y0 + 6.0),
                        (x0 + SWATCH, y0 + 6.0),
                        rgba(pal.muted),
                        2.0,
                        3.0,
                        2.0,
                    ),
                    Swatch::Dot | Swatch::Ring => sc.prims.push(Prim::Circle {
                        x: x0 + SWATCH / 2.0,
                        y: y0 + 6.0,
                        r: 4.0,
                        color: rgba(pal.muted),
                        fill: matches!(item.swatch, Swatch::Dot),
                        width: 2.0,
                    }),
                }
                sc.text(
                    item.text.clone(),
                    x0 + SWATCH + 5.0,
                    y0 + 6.0,
                    SMALL,
                    pal.text,
                    HPos::Left,
                    VPos::Center,
                );
            }
            y += LEGEND_LINE;
        }
        let mut y = sc.h - fl.bottom + 8.0;
        for n in &fl.notes {
            sc.text(n.clone(), PAD, y, SMALL, pal.muted, HPos::Left, VPos::Top);
            y += 16.0;
        }
        for s in &fl.source {
            sc.text(s.clone(), PAD, y, SOURCE, pal.muted, HPos::Left, VPos::Top);
            y += 15.0;
        }
    }
}

/// A chart before layout: its frame and its body.
pub struct Spec {
    pub frame: Frame,
    pub body: Body,
}

pub enum Body {
    Bars(super::bars::Bars),
    Progress(super::targets::Progress),
    Projection(super::projection::ProjectionBody),
    #[cfg(feature = "rest-trip")]
    Budget(super::budget::BudgetBody),
}

impl Spec {
    pub fn natural_height(&self, w: f64, lang: Lang) -> f64 {
        let fl = self.frame.lay_out(w);
        let inner = w - 2.0 * PAD;
        let body = match &self.body {
            Body::Bars(b) => b.natural_height(inner),
            Body::Progress(p) => p.natural_height(inner),
            Body::Projection(p) => p.natural_height(inner, lang),
            #[cfg(feature = "rest-trip")]
            Body::Budget(b) => b.natural_height(inner),
        };
        fl.top + body + fl.bottom
    }

    pub fn lay_out(&self, opts: &ChartOptions, w: f64, h: f64, _s: f64) -> Scene {
        let mut sc = Scene::new(opts, h);
        if w < 60.0 || h < 60.0 {
            return sc;
        }
        let fl = self.frame.lay_out(w);
        self.frame.draw(&mut sc, &fl);
        let r = [PAD, fl.top, w - PAD, (h - fl.bottom).max(fl.top + 20.0)];
        match &self.body {
            Body::Bars(b) => b.draw(&mut sc, r),
            Body::Progress(p) => p.draw(&mut sc, r),
            Body::Projection(p) => p.draw(&mut sc, r),
            #[cfg(feature = "rest-trip")]
            Body::Budget(b) => b.draw(&mut sc, r),
        }
        sc
    }

    /// The dataset records the chart's marks show (none for the charts of the reader's input).
    pub fn record_ids(&self) -> Vec<&'static str> {
        match &self.body {
            Body::Bars(b) => b.record_ids(),
            Body::Progress(p) => p.record_ids(),
            _ => Vec::new(),
        }
    }

    /// The table of a chart whose marks are dataset records.
    pub fn record_table(&self, id: ChartId, lang: Lang) -> Table {
        fmt::record_table(id, lang, &self.record_ids(), &self.frame.notes)
    }
}
