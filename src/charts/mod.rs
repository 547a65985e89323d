//! The explainer's seven charts, drawn with plotters and generic over its `DrawingBackend`: the
//! page draws them on a canvas (plotters-canvas, in `web`), the tests render the same functions to
//! SVG and read the picture back.
//!
//! Each chart is laid out once, without any backend, as a list of shapes and texts in CSS pixels
//! (`scene`); [`draw`] then paints that list on the backend at the device pixel ratio. So the
//! layout code is compiled once, whatever the backend, and nothing measures text through the
//! browser (plotters' text measuring on wasm inserts a styled `<span>`, which a strict CSP
//! blocks): widths are estimated with [`text_width`] and texts are drawn at explicit anchors.
//!
//! [`draw`] returns a [`ChartLayout`]: the rectangles of the marks in backend pixels with the
//! record (or the note) each shows, so a pointer position maps back to an exact value
//! ([`ChartLayout::tooltip`]). [`table`] gives the same numbers as a table for screen readers.

mod bars;
#[cfg(feature = "rest-trip")]
mod budget;
mod fmt;
mod paint;
mod projection;
mod scene;

#[doc(hidden)]
pub use scene::Placed;
mod targets;

pub use projection::{Annualise, Projection};

use crate::data;
use crate::format::Lang;
use crate::rules::Destination;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::RGBColor;

/// The font stack, short because the canvas resolves it for every text: the system's UI font
/// (Latin letters and digits), then the CJK fonts of iOS and macOS, Windows, Android and Linux,
/// then generic sans-serif. A CJK font named in the list is found at once; one reached only
/// through the generic family is looked up glyph by glyph, which made chart 1's first draw 3–5×
/// slower on Debian with WenQuanYi (README, "First paint"). No web fonts are downloaded.
pub const FONT: &str = "system-ui, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', \
     'WenQuanYi Micro Hei', sans-serif";

/// The seven charts, in the order the page shows them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ChartId {
    /// 1. Output of the first eight months: the ten towns, the 汾酒 town and the other nine,
    ///    2023 against the implied 2022 figure.
    Output,
    /// 2. Growth rates side by side.
    Growth,
    /// 3. The tiers: provincial key towns (and the 2025 target), city-level towns, agricultural towns.
    Tiers,
    /// 4. The 2025 targets as progress.
    Targets,
    /// 5. "Could 汾酒 reach 300亿 by 2025?": the reader's projection (an illustration).
    Projection,
    /// 6. The money: city funds, agricultural funds, central funds and the investment they drew.
    Money,
    /// 7. The rest-trip budget envelope, with the reader's plan points (only in a build with the
    ///    rest-trip widget: the towns-only build leaves its code out).
    #[cfg(feature = "rest-trip")]
    Budget,
}

impl ChartId {
    /// The towns charts, in reading order: every chart but the rest-trip widget's budget chart.
    pub const TOWNS: [ChartId; 6] = [
        ChartId::Output,
        ChartId::Growth,
        ChartId::Tiers,
        ChartId::Targets,
        ChartId::Projection,
        ChartId::Money,
    ];

    /// Every chart, in page order: the towns charts, then the budget chart.
    #[cfg(feature = "rest-trip")]
    pub const ALL: [ChartId; 7] = {
        let mut all = [ChartId::Budget; 7];
        let mut i = 0;
        while i < Self::TOWNS.len() {
            all[i] = Self::TOWNS[i];
            i += 1;
        }
        all
    };
    /// Every chart, in page order (a towns-only build has no budget chart).
    #[cfg(not(feature = "rest-trip"))]
    pub const ALL: [ChartId; 6] = Self::TOWNS;

    /// A stable ASCII name (element ids, file names of downloads): `output`, `growth`, ...
    pub fn slug(self) -> &'static str {
        match self {
            ChartId::Output => "output",
            ChartId::Growth => "growth",
            ChartId::Tiers => "tiers",
            ChartId::Targets => "targets",
            ChartId::Projection => "projection",
            ChartId::Money => "money",
            #[cfg(feature = "rest-trip")]
            ChartId::Budget => "budget",
        }
    }

    /// The chart's title. The chart draws it itself (so a downloaded image carries it); the page
    /// can use it for the accessible name and the table caption.
    pub fn title(self, lang: Lang) -> &'static str {
        match self {
            ChartId::Output => lang.pick(
                "十大重点专业镇前8个月产值",
                "Output of the ten key towns, Jan-Aug 2023",
            ),
            ChartId::Growth => lang.pick("前8个月增速对比", "Growth rates, Jan-Aug 2023"),
            ChartId::Tiers => lang.pick("专业镇培育梯队", "The tiers of specialty towns"),
            ChartId::Targets => lang.pick(
                "2025年目标：走到哪一步了",
                "The 2025 targets: how far along",
            ),
            ChartId::Projection => lang.pick(
                "汾酒专业镇2025年能到300亿吗？",
                "Could the Fenjiu town reach ¥30bn by 2025?",
            ),
            ChartId::Money => lang.pick("支持专业镇的资金", "The money behind the towns"),
            #[cfg(feature = "rest-trip")]
            ChartId::Budget => lang.pick(
                "省总工会组织的劳模疗休养：每人费用上限",
                "R&R trips the provincial union organises: the most one person may cost",
            ),
        }
    }

    /// One or two sentences saying what the chart shows, with its key numbers (for the
    /// `aria-label` of the canvas and the figure caption). Numbers come from the dataset.
    pub fn caption(self, lang: Lang) -> String {
        fmt::caption(self, lang, &ChartInput::default())
    }

    /// The height-to-width ratio the chart wants at `css_width` CSS pixels, so that every label
    /// fits in either language (narrow screens get relatively taller charts).
    pub fn aspect(self, css_width: f64) -> f64 {
        let w = if css_width.is_finite() {
            crate::num::clamp(css_width, 240.0, 4000.0)
        } else {
            640.0
        };
        let input = ChartInput::default();
        let h = [Lang::Zh, Lang::En]
            .iter()
            .map(|&lang| {
                let opts = ChartOptions {
                    lang,
                    css_width: w,
                    ..ChartOptions::default()
                };
                build_spec(self, &opts, &input, w).natural_height(w, lang)
            })
            .fold(0.0_f64, f64::max);
        crate::num::clamp(h.ceil() / w, 0.2, 3.0)
    }
}

/// What the reader controls: the projection of chart 5 and the plan points of chart 7.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartInput {
    pub projection: Projection,
    pub plan_points: Vec<PlanPoint>,
}

impl Default for ChartInput {
    /// The reported 17% growth, the linear pace (×12/8), no plan points.
    fn default() -> Self {
        ChartInput {
            projection: Projection::default(),
            plan_points: Vec::new(),
        }
    }
}

/// One batch of the reader's rest-trip plan, drawn on the budget envelope (chart 7).
#[derive(Clone, Debug, PartialEq)]
pub struct PlanPoint {
    pub days: u32,
    pub cost_per_person_fen: i64,
    pub destination: Destination,
    /// Whether the provincial union's cost caps apply: they are stated for the trips it
    /// organises, so a plan another body organises is drawn hollow and never "over the cap".
    pub capped: bool,
    pub label_zh: String,
    pub label_en: String,
}

impl PlanPoint {
    /// The batches of a plan that the budget chart can place, as read by the rule engine's one
    /// reader: those whose dates (in order), cost and destination were read. A batch with one of
    /// those wrong is left out, never guessed (a wrong destination is not "in the province").
    ///
    /// ```
    /// use sx_explainer::charts::PlanPoint;
    /// use sx_explainer::rules::{read, Cell, Draft, Edit, FieldPath};
    /// use sx_explainer::rules::field::BatchField;
    /// let mut d = Draft::example();
    /// d.apply(Edit::Set(FieldPath::Batch(1, BatchField::Destination), Cell::text("abroad"))).unwrap();
    /// let points = PlanPoint::from_batches(&read(&d).batches, true);
    /// assert_eq!(points.len(), 1);
    /// assert_eq!((points[0].days, points[0].label_en.as_str()), (7, "Batch 1"));
    /// ```
    pub fn from_batches(
        batches: &[crate::rules::read::BatchParts],
        capped: bool,
    ) -> Vec<PlanPoint> {
        batches
            .iter()
            .enumerate()
            .filter_map(|(i, b)| {
                Some(PlanPoint {
                    days: u32::try_from(b.days()?).ok()?,
                    cost_per_person_fen: b.cost_fen?,
                    destination: b.destination?,
                    capped,
                    label_zh: format!("第{}批", i + 1),
                    label_en: format!("Batch {}", i + 1),
                })
            })
            .collect()
    }
}

/// Light or dark colours, or colours the page chose for the reader's settings.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    #[default]
    Light,
    Dark,
    /// A palette resolved by the page: the reader's system colours when the browser forces
    /// colours (Windows high contrast), or [`Palette::more_contrast`] for `prefers-contrast: more`.
    Custom(Palette),
}

impl Theme {
    /// The colours of the theme.
    pub fn palette(self) -> Palette {
        match self {
            Theme::Light => Palette::LIGHT,
            Theme::Dark => Palette::DARK,
            Theme::Custom(p) => p,
        }
    }
}

/// How to draw a chart.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ChartOptions {
    pub lang: Lang,
    pub theme: Theme,
    /// Backend pixels per CSS pixel (the device pixel ratio on a canvas, 1 in SVG tests).
    pub scale: f64,
    /// The chart's width in CSS pixels; labels shorten or wrap to fit it. 0 (the default) means
    /// "the drawing area's width divided by `scale`".
    pub css_width: f64,
}

impl Default for ChartOptions {
    fn default() -> Self {
        ChartOptions {
            lang: Lang::Zh,
            theme: Theme::Light,
            scale: 1.0,
            css_width: 0.0,
        }
    }
}

impl ChartOptions {
    /// A length in CSS pixels as backend pixels.
    pub fn px(&self, css: f64) -> i32 {
        (css * self.safe_scale()).round() as i32
    }

    /// The scale, or 1 when it is not a positive finite number.
    pub fn safe_scale(&self) -> f64 {
        if self.scale.is_finite() && self.scale > 0.0 {
            self.scale.min(8.0)
        } else {
            1.0
        }
    }

    /// The colours for the theme.
    pub fn palette(&self) -> Palette {
        self.theme.palette()
    }

    /// A text style at `size` CSS pixels in the theme's text colour.
    pub fn text(&self, size: f64) -> TextStyle<'static> {
        (FONT, size * self.safe_scale())
            .into_font()
            .color(&self.palette().text)
    }
}

/// Colours from the Okabe-Ito colour-blind-safe palette, checked for contrast against the
/// background of each theme. Colour never carries meaning alone: every mark is labelled, and
/// derived, target and illustrative values also differ by pattern (hatching, dashed outline).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Palette {
    pub background: RGBColor,
    pub text: RGBColor,
    pub muted: RGBColor,
    pub grid: RGBColor,
    /// Reported figures of 2023.
    pub primary: RGBColor,
    /// Comparison figures (2022, derived).
    pub secondary: RGBColor,
    pub accent: RGBColor,
    /// The ring around the point the keyboard is on (the page's focus colour).
    pub focus: RGBColor,
}

impl Palette {
    pub const LIGHT: Palette = Palette {
        background: RGBColor(255, 255, 255),
        text: RGBColor(26, 26, 26),
        muted: RGBColor(85, 85, 85),
        grid: RGBColor(221, 221, 221),
        primary: RGBColor(0, 114, 178),
        secondary: RGBColor(213, 94, 0),
        accent: RGBColor(0, 158, 115),
        focus: RGBColor(0, 101, 160),
    };
    pub const DARK: Palette = Palette {
        background: RGBColor(24, 24, 27),
        text: RGBColor(240, 240, 240),
        muted: RGBColor(180, 180, 180),
        grid: RGBColor(70, 70, 76),
        primary: RGBColor(86, 180, 233),
        secondary: RGBColor(230, 159, 0),
        accent: RGBColor(0, 190, 140),
        focus: RGBColor(124, 196, 240),
    };

    /// The palette for `prefers-contrast: more`: secondary text and axis labels in the text
    /// colour, grid lines as strong as secondary text was.
    ///
    /// ```
    /// use sx_explainer::charts::Palette;
    /// let p = Palette::LIGHT.more_contrast();
    /// assert_eq!((p.muted, p.grid), (Palette::LIGHT.text, Palette::LIGHT.muted));
    /// ```
    pub fn more_contrast(self) -> Palette {
        Palette {
            muted: self.text,
            grid: self.muted,
            ..self
        }
    }

    /// The palette for forced colours (Windows high contrast), from the reader's system colours
    /// as the browser resolves them: the background is `Canvas`; text, secondary text and the
    /// third series are `CanvasText`; grid lines `GrayText`; the two main series `Highlight`
    /// and `LinkText`, the pairs a high-contrast theme keeps apart from `Canvas`; the keyboard's
    /// ring `Highlight`. Patterns and labels, not colours, still tell the kinds of figure apart.
    ///
    /// ```
    /// use plotters::style::RGBColor;
    /// use sx_explainer::charts::{Palette, SystemColors};
    /// let black = SystemColors {
    ///     canvas: RGBColor(0, 0, 0),
    ///     canvas_text: RGBColor(255, 255, 255),
    ///     gray_text: RGBColor(63, 242, 63),
    ///     highlight: RGBColor(26, 235, 255),
    ///     link_text: RGBColor(255, 255, 0),
    /// };
    /// let p = Palette::forced(&black);
    /// assert_eq!((p.background, p.text, p.primary), (black.canvas, black.canvas_text, black.highlight));
    /// ```
    pub fn forced(c: &SystemColors) -> Palette {
        Palette {
            background: c.canvas,
            text: c.canvas_text,
            muted: c.canvas_text,
            grid: c.gray_text,
            primary: c.highlight,
            secondary: c.link_text,
            accent: c.canvas_text,
            focus: c.highlight,
        }
    }
}

/// The CSS system colours a forced-colours palette is made of, as the browser resolves them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SystemColors {
    pub canvas: RGBColor,
    pub canvas_text: RGBColor,
    pub gray_text: RGBColor,
    pub highlight: RGBColor,
    pub link_text: RGBColor,
}

/// A chart could not be drawn (the backend failed); the page shows the table instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChartError(pub String);

impl std::fmt::Display for ChartError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "chart could not be drawn: {}", self.0)
    }
}

impl std::error::Error for ChartError {}

impl<E: std::error::Error + Send + Sync> From<DrawingAreaErrorKind<E>> for ChartError {
    fn from(e: DrawingAreaErrorKind<E>) -> Self {
        ChartError(e.to_string())
    }
}

/// One mark of a chart in backend pixels: the record it shows, or a note of its own (a
/// projected value, a plan point, a limit), or both.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    pub x0: i32,
    pub y0: i32,
    pub x1: i32,
    pub y1: i32,
    /// The dataset record the mark shows, if it shows one.
    pub record_id: Option<&'static str>,
    /// Text of the mark's own (Chinese, English): for marks that are not records, the whole
    /// tooltip; for records, a line added after the record's.
    pub note: Option<(String, String)>,
    /// The series it belongs to (a group of bars, a row, a line), for keyboard exploration.
    pub series: u16,
}

/// A key that moves through a chart's marks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// The next mark of the series.
    Next,
    /// The previous mark of the series.
    Prev,
    /// The same place in the next series.
    NextSeries,
    /// The same place in the previous series.
    PrevSeries,
    First,
    Last,
}

impl Hit {
    fn contains(&self, x: i32, y: i32) -> bool {
        (self.x0.min(self.x1)..=self.x0.max(self.x1)).contains(&x)
            && (self.y0.min(self.y1)..=self.y0.max(self.y1)).contains(&y)
    }
}

/// What a drawn chart tells the page: where its marks are.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ChartLayout {
    pub hits: Vec<Hit>,
}

impl ChartLayout {
    /// The mark a key moves to from mark `from` (or, from nowhere, the first mark): arrow keys
    /// move along a series (right, left) and between series (down, up), keeping the position
    /// within the series where the next one is long enough; Home and End go to the first and
    /// last mark. Stays put at an end. `None` for a chart without marks.
    ///
    /// ```
    /// use plotters::prelude::*;
    /// use sx_explainer::charts::{draw, ChartId, ChartInput, ChartOptions, Step};
    /// let mut svg = String::new();
    /// let layout = {
    ///     let area = SVGBackend::with_string(&mut svg, (640, 700)).into_drawing_area();
    ///     draw(ChartId::Output, &area, &ChartOptions::default(), &ChartInput::default()).unwrap()
    /// };
    /// let first = layout.step(None, Step::First).unwrap();
    /// let next = layout.step(Some(first), Step::Next).unwrap();
    /// assert_ne!(layout.hits[first].record_id, layout.hits[next].record_id);
    /// ```
    pub fn step(&self, from: Option<usize>, key: Step) -> Option<usize> {
        if self.hits.is_empty() {
            return None;
        }
        let last = self.hits.len() - 1;
        let Some(i) = from.filter(|i| *i <= last) else {
            return Some(if key == Step::Last { last } else { 0 });
        };
        let series = |s: u16| -> Vec<usize> {
            (0..self.hits.len())
                .filter(|j| self.hits.get(*j).is_some_and(|h| h.series == s))
                .collect()
        };
        let here = self.hits.get(i).map_or(0, |h| h.series);
        let mine = series(here);
        let pos = mine.iter().position(|j| *j == i).unwrap_or(0);
        let mut ids: Vec<u16> = self.hits.iter().map(|h| h.series).collect();
        ids.dedup();
        ids.sort_unstable();
        ids.dedup();
        let at = ids.iter().position(|s| *s == here).unwrap_or(0);
        let to_series = |k: Option<usize>| -> usize {
            let Some(s) = k.and_then(|k| ids.get(k)) else {
                return i;
            };
            let other = series(*s);
            other
                .get(pos.min(other.len().saturating_sub(1)))
                .copied()
                .unwrap_or(i)
        };
        Some(match key {
            Step::Next => mine.get(pos + 1).copied().unwrap_or(i),
            Step::Prev => pos
                .checked_sub(1)
                .and_then(|p| mine.get(p))
                .copied()
                .unwrap_or(i),
            Step::NextSeries => to_series(Some(at + 1)),
            Step::PrevSeries => to_series(at.checked_sub(1)),
            Step::First => 0,
            Step::Last => last,
        })
    }

    /// What a screen reader says for mark `i`: its tooltip as one sentence ("汾酒专业镇产值：
    /// 155.6亿元，2023年1-8月，发布数，来源：…"). A calculation of ours says so.
    pub fn announce(&self, i: usize, lang: Lang) -> Option<String> {
        let h = self.hits.get(i)?;
        let x = (h.x0 + h.x1) / 2;
        let y = (h.y0 + h.y1) / 2;
        let text = match (h.record_id.and_then(data::get), &h.note) {
            (Some(rec), note) => {
                fmt::record_tooltip(rec, lang, note.as_ref().map(|(zh, en)| lang.pick(zh, en)))
            }
            (None, Some((zh, en))) => lang.pick(zh, en).to_string(),
            (None, None) => self.tooltip(x, y, lang)?,
        };
        let sep = lang.pick("，", ", ");
        let joined: Vec<&str> = text
            .lines()
            .map(|l| l.trim_end_matches(['。', '.']))
            .filter(|l| !l.is_empty())
            .collect();
        Some(format!("{}{}", joined.join(sep), lang.pick("。", ".")))
    }

    /// The mark under a point in backend pixels: the smallest one, when marks nest.
    pub fn mark(&self, x: i32, y: i32) -> Option<&Hit> {
        self.hits
            .iter()
            .filter(|h| h.contains(x, y))
            .min_by_key(|h| i64::from((h.x1 - h.x0).abs()) * i64::from((h.y1 - h.y0).abs()))
    }

    /// The record under a point in backend pixels, if any.
    pub fn hit(&self, x: i32, y: i32) -> Option<&'static str> {
        self.mark(x, y).and_then(|h| h.record_id)
    }

    /// The tooltip of the mark under a point in backend pixels: exact value, unit, period, kind
    /// (reported, target, our calculation, illustration) and source paragraph, one per line.
    pub fn tooltip(&self, x: i32, y: i32, lang: Lang) -> Option<String> {
        let hit = self.mark(x, y)?;
        let note = hit
            .note
            .as_ref()
            .map(|(zh, en)| lang.pick(zh, en).to_string());
        match (hit.record_id.and_then(data::get), note) {
            (Some(rec), note) => Some(fmt::record_tooltip(rec, lang, note.as_deref())),
            (None, Some(note)) => Some(note),
            (None, None) => None,
        }
    }
}

/// The text alternative of a chart: a table with the same numbers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    pub caption: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// Formulas, assumptions and caveats, in a sentence or two.
    pub note: Option<String>,
}

/// An estimate of a text's width in CSS pixels: CJK characters are one em, others about half.
/// Used to decide when labels must shorten, the same way on every backend.
pub fn text_width(text: &str, size: f64) -> f64 {
    text.chars()
        .map(|c| if (c as u32) >= 0x2E80 { 1.0 } else { 0.56 })
        .sum::<f64>()
        * size
}

fn build_spec(id: ChartId, opts: &ChartOptions, input: &ChartInput, w: f64) -> scene::Spec {
    let lang = opts.lang;
    match id {
        ChartId::Output => bars::output(lang),
        ChartId::Growth => bars::growth(lang),
        ChartId::Tiers => bars::tiers(lang),
        ChartId::Money => bars::money(lang),
        ChartId::Targets => targets::spec(lang),
        ChartId::Projection => projection::spec(lang, &input.projection, w),
        #[cfg(feature = "rest-trip")]
        ChartId::Budget => budget::spec(lang, &input.plan_points, w),
    }
}

/// Draws chart `id` onto `area`, filling it.
///
/// Size the area with [`ChartId::aspect`] so every label fits. Records missing from the dataset
/// are left out, never a panic; reader input (growth rate, plan points) is clamped to what the
/// chart can show.
///
/// # Errors
/// [`ChartError`] when the backend fails to draw.
///
/// ```
/// use plotters::prelude::*;
/// use sx_explainer::charts::{draw, ChartId, ChartInput, ChartOptions};
/// let mut svg = String::new();
/// {
///     let area = SVGBackend::with_string(&mut svg, (640, 400)).into_drawing_area();
///     draw(ChartId::Output, &area, &ChartOptions::default(), &ChartInput::default()).unwrap();
/// }
/// assert!(svg.contains("410.5亿元"));
/// ```
pub fn draw<DB: DrawingBackend>(
    id: ChartId,
    area: &DrawingArea<DB, Shift>,
    opts: &ChartOptions,
    input: &ChartInput,
) -> Result<ChartLayout, ChartError> {
    draw_sized(id, area, opts, input, 0.0)
}

/// [`draw`], laid out at exactly `opts.css_width` × `css_height` CSS pixels (the page's canvas
/// size) rather than at the backing store's size divided by the scale, which differs from it by
/// a fraction of a pixel at a device pixel ratio such as 2.625. The layout then depends on the
/// CSS size alone, so a chart pre-rendered at build time ([`paint_list`]) paints the same at
/// every ratio. With `css_height` 0 it is [`draw`].
///
/// # Errors
/// [`ChartError`] when the backend fails to draw.
pub fn draw_sized<DB: DrawingBackend>(
    id: ChartId,
    area: &DrawingArea<DB, Shift>,
    opts: &ChartOptions,
    input: &ChartInput,
    css_height: f64,
) -> Result<ChartLayout, ChartError> {
    let s = opts.safe_scale();
    let (pw, ph) = area.dim_in_pixel();
    let sc = scene_at(
        id,
        opts,
        input,
        f64::from(pw) / s,
        f64::from(ph) / s,
        css_height,
    );
    scene::render(area, &sc, s)?;
    Ok(sc.layout(s))
}

/// What [`draw_sized`] returns for a canvas of `opts.css_width` × `css_height` CSS pixels at
/// `opts.scale`, without drawing: for a canvas that already holds the chart, painted by
/// `embed.js` from its paint list ([`paint_key`]).
pub fn layout_sized(
    id: ChartId,
    opts: &ChartOptions,
    input: &ChartInput,
    css_height: f64,
) -> ChartLayout {
    let s = opts.safe_scale();
    let w = (opts.css_width * s).round() / s;
    let h = (css_height * s).round() / s;
    scene_at(id, opts, input, w, h, css_height).layout(s)
}

/// The name of the picture [`paint_list`] gives for chart `id` with `opts` and `input`: the
/// chart, the language, the palette and the CSS width (`output-zh-light-392`). `embed.js` marks
/// a canvas it painted from a paint list with it, and the wasm, about to draw the same chart on
/// that canvas, leaves the pixels as they are when its own name for what it would draw is the
/// same (and the canvas's backing store has the size it would give it). `None` for a reader's
/// input, a palette of the page's ([`Theme::Custom`]) or a width that is not a whole number of
/// pixels: never pre-rendered.
pub fn paint_key(id: ChartId, opts: &ChartOptions, input: &ChartInput) -> Option<String> {
    if *input != ChartInput::default() {
        return None;
    }
    let palette = match opts.theme {
        Theme::Light => "light",
        Theme::Dark => "dark",
        Theme::Custom(_) => return None,
    };
    let w = opts.css_width;
    if !(w.is_finite() && w > 0.0 && w <= 10_000.0 && w.fract() == 0.0) {
        return None;
    }
    Some(format!(
        "{}-{}-{palette}-{}",
        id.slug(),
        opts.lang.pick("zh", "en"),
        w as u32
    ))
}

/// The chart laid out, in CSS pixels: at the area's size (`w` × `h`), or at the CSS size when
/// both `opts.css_width` and `css_height` are given.
fn scene_at(
    id: ChartId,
    opts: &ChartOptions,
    input: &ChartInput,
    w: f64,
    h: f64,
    css_height: f64,
) -> scene::Scene {
    let sized = |v: f64| v.is_finite() && v > 0.0;
    let (w, h) = if sized(opts.css_width) && sized(css_height) {
        (opts.css_width, css_height)
    } else {
        (w, h)
    };
    let cw = if sized(opts.css_width) {
        opts.css_width.min(w)
    } else {
        w
    };
    build_spec(id, opts, input, cw).lay_out(opts, w, h, opts.safe_scale())
}

/// The canvas size of chart `id` at `css_width` CSS pixels, as the page sizes it: the chart's own
/// aspect, rounded, between 160 and 2000 px tall.
pub fn css_height(id: ChartId, css_width: f64) -> f64 {
    crate::num::clamp((css_width * id.aspect(css_width)).round(), 160.0, 2000.0)
}

/// Chart `id` at `opts.css_width` CSS pixels (and [`css_height`]) as a paint list: the scene that
/// [`draw_sized`] paints, as JSON for `embed.js` to paint on a canvas before the wasm has
/// arrived (`paint` in `src/web/embed.js` does what plotters and plotters-canvas do with it).
/// See [`paint::list`].
pub fn paint_list(id: ChartId, opts: &ChartOptions, input: &ChartInput) -> String {
    let (sc, h) = scene_css(id, opts, input);
    let key = paint_key(id, opts, input);
    paint::list(&sc, opts.css_width, h, key.as_deref())
}

/// Chart `id` laid out at `opts.css_width` CSS pixels and [`css_height`], and that height: the
/// scene of a pre-rendered chart ([`paint_list`], [`texts`]).
fn scene_css(id: ChartId, opts: &ChartOptions, input: &ChartInput) -> (scene::Scene, f64) {
    let h = css_height(id, opts.css_width);
    (scene_at(id, opts, input, opts.css_width, h, h), h)
}

/// The texts chart `id` draws at `opts.css_width` CSS pixels (and [`css_height`]), as
/// [`paint_list`] has them: each text with its size in CSS pixels and whether it is bold, in
/// drawing order. `embed.js` warms the chart's fonts with them while a pre-rendered chart is on
/// its way ([`crate::loader::prerender_warm`]).
pub fn texts(id: ChartId, opts: &ChartOptions, input: &ChartInput) -> Vec<(String, f64, bool)> {
    scene_css(id, opts, input)
        .0
        .prims
        .into_iter()
        .filter_map(|p| match p {
            scene::Prim::Text { s, size, bold, .. } => Some((s, size, bold)),
            _ => None,
        })
        .collect()
}

/// Lays chart `id` out at `w` × `h` CSS pixels without drawing it and returns where its texts,
/// lines and markers went (for the tests' overlap checks).
#[doc(hidden)]
pub fn placed(
    id: ChartId,
    opts: &ChartOptions,
    input: &ChartInput,
    w: f64,
    h: f64,
) -> scene::Placed {
    let cw = if opts.css_width.is_finite() && opts.css_width > 0.0 {
        opts.css_width.min(w)
    } else {
        w
    };
    build_spec(id, opts, input, cw)
        .lay_out(opts, w, h, 1.0)
        .placed()
}

/// What a screen reader hears before a chart: what it shows and its main finding (its
/// caption, written from the data), and the range of its values.
///
/// ```
/// use sx_explainer::charts::{summary, ChartId, ChartInput};
/// use sx_explainer::format::Lang;
/// let s = summary(ChartId::Output, Lang::Zh, &ChartInput::default());
/// assert!(s.contains("410.5亿元") && s.contains("133亿元到410.5亿元"));
/// ```
pub fn summary(id: ChartId, lang: Lang, input: &ChartInput) -> String {
    let caption = fmt::caption(id, lang, input);
    let recs: Vec<&data::Record> = match id {
        ChartId::Projection => Vec::new(),
        #[cfg(feature = "rest-trip")]
        ChartId::Budget => Vec::new(),
        _ => record_ids(id).into_iter().filter_map(data::get).collect(),
    };
    // The range of the values on the chart's axis: those in the unit of its first mark.
    let unit = recs.first().map(|r| r.unit);
    let on_axis: Vec<&&data::Record> = recs.iter().filter(|r| Some(r.unit) == unit).collect();
    let lo = on_axis.iter().min_by(|a, b| a.value.total_cmp(&b.value));
    let hi = on_axis.iter().max_by(|a, b| a.value.total_cmp(&b.value));
    match (lo, hi) {
        (Some(lo), Some(hi)) if lo.value < hi.value => {
            let (lo, hi) = (
                fmt::number(lo.value, lo.unit, lang),
                fmt::number(hi.value, hi.unit, lang),
            );
            match lang {
                Lang::Zh => format!("{caption}图中数值从{lo}到{hi}。"),
                Lang::En => format!("{caption} Values range from {lo} to {hi}."),
            }
        }
        _ => caption,
    }
}

/// A record's value as the page writes it: its unit, the article's measure word and its
/// qualifier ("17份", "超60%", "30个以上", "约19%").
pub fn record_value(rec: &data::Record, lang: Lang) -> String {
    fmt::value(rec, lang)
}

/// The dataset records chart `id` shows: its marks', and for the projection the reported
/// figures and the target it starts from. (The budget chart shows the rest-trip limits.)
pub fn record_ids(id: ChartId) -> Vec<&'static str> {
    match id {
        ChartId::Projection => vec!["fenjiu_output", "fenjiu_growth", "target_scale_300yi"],
        #[cfg(feature = "rest-trip")]
        ChartId::Budget => data::LIMITS
            .iter()
            .filter_map(data::limit_record)
            .map(|r| r.id)
            .collect(),
        _ => build_spec(id, &ChartOptions::default(), &ChartInput::default(), 640.0).record_ids(),
    }
}

/// The table with the same numbers as chart `id` (for screen readers and "show the data").
pub fn table(id: ChartId, lang: Lang, input: &ChartInput) -> Table {
    match id {
        ChartId::Projection => projection::table(lang, &input.projection),
        #[cfg(feature = "rest-trip")]
        ChartId::Budget => budget::table(lang, &input.plan_points),
        _ => {
            let spec = build_spec(
                id,
                &ChartOptions {
                    lang,
                    ..ChartOptions::default()
                },
                input,
                640.0,
            );
            spec.record_table(id, lang)
        }
    }
}
