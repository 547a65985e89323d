//! Charts on canvases: the backing store sized by the device pixel ratio (plotters-canvas does not
//! do it), redrawn when a chart's width changes, tooltips mapped from CSS pixels to backend pixels,
//! the table alternative, and the two downloads (PNG at 2x, the dataset as CSV).

use super::chart_api::ChartLayout;
use super::chart_api::{self as api, ChartId, ChartInput, ChartOptions, ChartTheme, Table};
use super::html::H;
use super::{js_err, Act, Ctx};
use crate::charts::Step;
use crate::format::Lang;
use crate::num::px;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, HtmlCanvasElement, HtmlElement, MouseEvent};

/// The device pixel ratio of the reader's screen (at least 1).
pub fn device_pixel_ratio() -> f64 {
    web_sys::window()
        .map_or(1.0, |w| w.device_pixel_ratio())
        .max(1.0)
}

/// Draws chart `slug` onto `canvas` at `css_width` CSS pixels and `dpr` backend pixels per CSS
/// pixel, in `lang`; returns the backing store's size. The page passes the real device pixel
/// ratio; tests pass any.
///
/// # Errors
/// An unknown chart, or a canvas that cannot draw.
pub fn draw_chart_at(
    canvas: &HtmlCanvasElement,
    slug: &str,
    css_width: f64,
    dpr: f64,
    lang: &str,
) -> Result<(u32, u32), JsError> {
    let id = ChartId::ALL
        .into_iter()
        .find(|c| c.slug() == slug)
        .ok_or_else(|| js_err("unknown chart"))?;
    draw_into(
        canvas,
        id,
        css_width,
        dpr,
        Lang::parse(lang),
        ChartTheme::Light,
        &ChartInput::default(),
    )?;
    Ok((canvas.width(), canvas.height()))
}

/// The width a chart is drawn at in a plot `plot_width` CSS pixels wide: rounded down to a
/// multiple of [`crate::loader::CHART_STEP`], the widths at which `embed.js` has the first chart
/// pre-rendered (and at which the backing store is a whole number of pixels at ratios such as
/// 2.625); 320 when the plot has no width yet.
fn chart_width(plot_width: i32) -> f64 {
    let step = f64::from(crate::loader::CHART_STEP);
    match plot_width {
        w if w > 0 => (f64::from(w) / step).floor() * step,
        _ => 320.0,
    }
}

/// Gives the canvas of chart `id` its CSS size at `css_width` (through CSSOM: a strict CSP blocks
/// style attributes), the size it is drawn at; returns it.
fn size_css(canvas: &HtmlElement, id: ChartId, css_width: f64) -> (f64, f64) {
    let css_width = crate::num::clamp(css_width, 200.0, 4000.0).round();
    let css_height = api::css_height(id, css_width);
    let style = canvas.style();
    style.set_property("width", &px(css_width)).ok();
    style.set_property("height", &px(css_height)).ok();
    (css_width, css_height)
}

/// Sizes the canvas (backing store = CSS size x dpr) and draws the chart; or, on a canvas the
/// loader painted with this very picture (its `data-pre`), only lays it out.
fn draw_into(
    canvas: &HtmlCanvasElement,
    id: ChartId,
    css_width: f64,
    dpr: f64,
    lang: Lang,
    theme: ChartTheme,
    input: &ChartInput,
) -> Result<ChartLayout, JsError> {
    let dpr = if dpr.is_finite() {
        crate::num::clamp(dpr, 1.0, 4.0)
    } else {
        1.0
    };
    // The loader's mark on a canvas it painted from a paint list: the name of the picture. Read
    // once, here: any later drawing of this canvas paints.
    let painted = canvas.get_attribute("data-pre");
    if painted.is_some() {
        canvas.remove_attribute("data-pre").ok();
    }
    let (css_width, css_height) = size_css(canvas, id, css_width);
    let (w, h) = (
        (css_width * dpr).round() as u32,
        (css_height * dpr).round() as u32,
    );
    let opts = ChartOptions {
        lang,
        theme,
        scale: dpr,
        css_width,
    };
    // The canvas already holds this very picture (the loader painted the same paint list the
    // build made from this chart code, at this size: tests/e2e/contain.mjs checks the pixels):
    // only its layout is needed. (Setting the backing store's size would clear it.)
    if painted.is_some()
        && painted == api::paint_key(id, &opts, input)
        && (canvas.width(), canvas.height()) == (w, h)
    {
        return Ok(api::layout_sized(id, &opts, input, css_height));
    }
    canvas.set_width(w);
    canvas.set_height(h);
    let backend =
        CanvasBackend::with_canvas_object(canvas.clone()).ok_or_else(|| js_err("no 2d context"))?;
    let ctx2d = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
        .ok_or_else(|| js_err("no 2d context"))?;
    let area = super::batch::Batched::new(backend, ctx2d).into_drawing_area();
    api::draw_sized(id, &area, &opts, input, css_height).map_err(|e| js_err(&e.to_string()))
}

struct Drawn {
    width: f64,
    scale: f64,
    layout: Option<ChartLayout>,
}

/// The charts of one widget.
pub(crate) struct Charts {
    ids: Vec<ChartId>,
    drawn: Vec<Option<Drawn>>,
    open: Vec<bool>,
    /// The mark the keyboard is on, per chart.
    focus: Vec<Option<usize>>,
    /// Download file names start with this.
    file_prefix: &'static str,
}

impl Charts {
    pub fn new(ids: &[ChartId], file_prefix: &'static str) -> Charts {
        Charts {
            ids: ids.to_vec(),
            drawn: ids.iter().map(|_| None).collect(),
            open: vec![false; ids.len()],
            focus: vec![None; ids.len()],
            file_prefix,
        }
    }

    fn index(&self, slug: &str) -> Option<usize> {
        self.ids.iter().position(|c| c.slug() == slug)
    }

    /// The figure for chart `id`; `controls` adds the chart's own inputs above the canvas.
    pub fn figure(
        &self,
        ctx: &Ctx,
        h: &mut H,
        id: ChartId,
        input: &ChartInput,
        controls: impl FnOnce(&mut H),
    ) {
        let s = id.slug();
        let lang = ctx.lang;
        let open = self
            .index(s)
            .and_then(|i| self.open.get(i).copied())
            .unwrap_or(false);
        h.o(
            "figure",
            &[
                ("class", "chart"),
                ("data-chart", s),
                ("aria-labelledby", &ctx.uid(&format!("{s}-h"))),
            ],
        );
        // The chart draws its own title (so a downloaded image carries it): the heading is for
        // screen readers and heading navigation only.
        h.e(
            "h3",
            &[("id", &ctx.uid(&format!("{s}-h"))), ("class", "vh")],
            id.title(lang),
        );
        controls(h);
        h.o(
            "div",
            &[("class", "plot"), ("id", &ctx.uid(&format!("{s}-p")))],
        );
        // One Tab stop per chart: its name, a summary written from the data before it, and the
        // keys that explore it; a live region says each point the keys land on.
        let sum_id = ctx.uid(&format!("{s}-sum"));
        h.e(
            "p",
            &[("class", "vh"), ("id", &sum_id)],
            &summary_words(id, lang, input),
        );
        h.o(
            "canvas",
            &[
                ("id", &ctx.uid(&format!("{s}-c"))),
                ("data-chart", s),
                ("tabindex", "0"),
                ("role", "application"),
                (
                    "aria-roledescription",
                    lang.pick("可用键盘查看的图表", "chart you can explore by keyboard"),
                ),
                ("aria-label", id.title(lang)),
                ("aria-describedby", &sum_id),
            ],
        )
        .c("canvas");
        h.e(
            "p",
            &[
                ("class", "vh"),
                ("id", &ctx.uid(&format!("{s}-say"))),
                ("aria-live", "polite"),
            ],
            "",
        );
        h.e(
            "div",
            &[
                ("class", "tip"),
                ("id", &ctx.uid(&format!("{s}-tip"))),
                ("aria-hidden", "true"),
                ("hidden", ""),
            ],
            "",
        );
        h.c("div");
        h.e(
            "p",
            &[
                ("class", "fail"),
                ("id", &ctx.uid(&format!("{s}-f"))),
                ("hidden", ""),
            ],
            lang.pick(
                "这张图未能绘制，下面是它的数据表。",
                "This chart could not be drawn; here is its table.",
            ),
        );
        h.o("div", &[("class", "acts")]);
        let tid = ctx.uid(&format!("{s}-t"));
        h.e(
            "button",
            &[
                ("type", "button"),
                ("data-act", Act::Table.name()),
                ("data-chart", s),
                ("aria-expanded", if open { "true" } else { "false" }),
                ("aria-controls", &tid),
            ],
            table_label(lang, open),
        );
        h.e(
            "button",
            &[
                ("type", "button"),
                ("data-act", Act::Png.name()),
                ("data-chart", s),
            ],
            lang.pick("下载图片", "Download image"),
        );
        h.e(
            "button",
            &[("type", "button"), ("data-act", Act::Csv.name())],
            lang.pick("下载数据", "Get the data"),
        );
        h.c("div");
        h.o(
            "div",
            &[("class", if open { "tbl" } else { "tbl vh" }), ("id", &tid)],
        );
        table_markup(h, &api::table(id, lang, input));
        h.c("div");
        h.c("figure");
    }

    /// Gives the canvases inserted but not drawn yet the size they will be drawn at, the width of
    /// a chart already drawn (the plots are as wide): drawing them a stage later then moves
    /// nothing, also for a reader whose Tab reached one in between. (Reads no layout.)
    pub fn size_new(&self, ctx: &Ctx) {
        let Some(width) = self.drawn.iter().flatten().map(|d| d.width).next() else {
            return;
        };
        for (i, &id) in self.ids.iter().enumerate() {
            if !matches!(self.drawn.get(i), Some(None)) {
                continue;
            }
            if let Some(canvas) = ctx
                .by_uid(&format!("{}-c", id.slug()))
                .and_then(|c| c.dyn_into::<HtmlElement>().ok())
            {
                size_css(&canvas, id, width);
            }
        }
    }

    /// Forgets what was drawn (after the markup was replaced).
    pub fn reset(&mut self) {
        for d in &mut self.drawn {
            *d = None;
        }
    }

    /// Draws every chart whose width changed since its last drawing (every chart if `force`).
    pub fn redraw(&mut self, ctx: &Ctx, force: bool, input: &ChartInput) -> Result<(), JsError> {
        let dpr = device_pixel_ratio();
        for i in 0..self.ids.len() {
            let Some(&id) = self.ids.get(i) else { continue };
            let Some(plot) = ctx.by_uid(&format!("{}-p", id.slug())) else {
                continue;
            };
            let width = chart_width(plot.client_width());
            let same =
                matches!(self.drawn.get(i), Some(Some(d)) if d.width == width && d.scale == dpr);
            if same && !force {
                continue;
            }
            self.draw_one(ctx, i, width, dpr, input);
        }
        Ok(())
    }

    /// Redraws chart `id` at its current width (its input changed).
    pub fn redraw_id(&mut self, ctx: &Ctx, id: ChartId, input: &ChartInput) {
        let Some(i) = self.index(id.slug()) else {
            return;
        };
        let width = chart_width(
            ctx.by_uid(&format!("{}-p", id.slug()))
                .map_or(0, |p| p.client_width()),
        );
        self.draw_one(ctx, i, width, device_pixel_ratio(), input);
        if let Some(t) = ctx.by_uid(&format!("{}-t", id.slug())) {
            let mut h = H::default();
            table_markup(&mut h, &api::table(id, ctx.lang, input));
            t.set_inner_html(&h.0);
        }
        // The summary before the chart follows its input too (it is read, not announced).
        super::a11y::say_once(
            ctx.by_uid(&format!("{}-sum", id.slug())),
            &summary_words(id, ctx.lang, input),
        );
    }

    fn draw_one(&mut self, ctx: &Ctx, i: usize, width: f64, dpr: f64, input: &ChartInput) {
        let Some(&id) = self.ids.get(i) else { return };
        let s = id.slug();
        let Some(canvas) = ctx
            .by_uid(&format!("{s}-c"))
            .and_then(|c| c.dyn_into::<HtmlCanvasElement>().ok())
        else {
            return;
        };
        let result = draw_into(&canvas, id, width, dpr, ctx.lang, ctx.chart_theme(), input);
        let ok = result.is_ok();
        // A chart that fails shows its table instead, and says so.
        set_hidden(ctx.by_uid(&format!("{s}-f")), ok);
        set_hidden(Some(canvas.into()), !ok);
        if !ok {
            self.set_open(ctx, i, true);
        }
        if ok && matches!(self.drawn.get(i), Some(None)) {
            super::mark(&format!("sx:chart:{s}"));
            // The widget's first chart on screen (the benchmark's measure; embed.js sets the same
            // mark when it paints a pre-rendered chart first).
            if i == 0 {
                super::mark("sx:first-chart");
            }
        }
        if let Some(slot) = self.drawn.get_mut(i) {
            *slot = Some(Drawn {
                width,
                scale: dpr,
                layout: result.ok(),
            });
        }
    }

    fn set_open(&mut self, ctx: &Ctx, i: usize, open: bool) {
        let Some(&id) = self.ids.get(i) else { return };
        if let Some(o) = self.open.get_mut(i) {
            *o = open;
        }
        let s = id.slug();
        if let Some(t) = ctx.by_uid(&format!("{s}-t")) {
            t.set_attribute("class", if open { "tbl" } else { "tbl vh" })
                .ok();
        }
        if let Some(b) = ctx.q(&format!(
            "button[data-act={}][data-chart={s}]",
            Act::Table.name()
        )) {
            b.set_attribute("aria-expanded", if open { "true" } else { "false" })
                .ok();
            b.set_text_content(Some(table_label(ctx.lang, open)));
        }
    }

    /// Handles the chart buttons; `Ok(false)` if `act` is not one of them.
    pub fn on_click(
        &mut self,
        ctx: &Ctx,
        act: Act,
        button: &Element,
        input: &ChartInput,
    ) -> Result<bool, JsError> {
        let slug = button.get_attribute("data-chart").unwrap_or_default();
        match act {
            Act::Table => {
                if let Some(i) = self.index(&slug) {
                    let open = !self.open.get(i).copied().unwrap_or(false);
                    self.set_open(ctx, i, open);
                }
            }
            Act::Png => {
                let Some(i) = self.index(&slug) else {
                    return Ok(true);
                };
                let Some(&id) = self.ids.get(i) else {
                    return Ok(true);
                };
                let width = match self.drawn.get(i) {
                    Some(Some(d)) => d.width,
                    _ => 640.0,
                };
                let doc = ctx
                    .root
                    .owner_document()
                    .ok_or_else(|| js_err("no document"))?;
                let off: HtmlCanvasElement = doc
                    .create_element("canvas")
                    .map_err(|_| js_err("no canvas"))?
                    .dyn_into()
                    .map_err(|_| js_err("no canvas"))?;
                draw_into(&off, id, width, 2.0, ctx.lang, ctx.chart_theme(), input)?;
                let url = off
                    .to_data_url()
                    .map_err(|_| js_err("cannot export the image"))?;
                download(
                    ctx,
                    &url,
                    &format!("{}-{}.png", self.file_prefix, id.slug()),
                )?;
            }
            Act::Csv => {
                let parts = js_sys::Array::of1(&JsValue::from_str(&api::to_csv()));
                let opts = web_sys::BlobPropertyBag::new();
                opts.set_type("text/csv;charset=utf-8");
                let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts)
                    .map_err(|_| js_err("no blob"))?;
                let url = web_sys::Url::create_object_url_with_blob(&blob)
                    .map_err(|_| js_err("no blob url"))?;
                download(ctx, &url, "shanxi-specialty-towns-2023.csv")?;
                // Revoke once the download has started; a one-shot closure is freed when it runs.
                if let Some(w) = web_sys::window() {
                    let revoke = Closure::once_into_js(move || {
                        web_sys::Url::revoke_object_url(&url).ok();
                    });
                    w.set_timeout_with_callback_and_timeout_and_arguments_0(
                        revoke.unchecked_ref(),
                        10_000,
                    )
                    .ok();
                }
            }
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// The keyboard on a chart: arrow keys, Home and End move through its marks (the mark is
    /// drawn highlighted, its tooltip shown and its words announced); Escape leaves the chart.
    /// Returns whether the key was the chart's (then the page does not scroll).
    pub fn on_key(&mut self, ctx: &Ctx, key: &str, target: &Element, input: &ChartInput) -> bool {
        let Some(slug) = target
            .get_attribute("data-chart")
            .filter(|_| target.tag_name() == "CANVAS")
        else {
            return false;
        };
        let Some(i) = self.index(&slug) else {
            return false;
        };
        let step = match key {
            "ArrowRight" => Step::Next,
            "ArrowLeft" => Step::Prev,
            "ArrowDown" => Step::NextSeries,
            "ArrowUp" => Step::PrevSeries,
            "Home" => Step::First,
            "End" => Step::Last,
            "Escape" => {
                self.leave(ctx, i, input);
                // Leave the chart: on to its first control below.
                if let Some(b) = ctx
                    .q(&format!(
                        "button[data-act={}][data-chart={slug}]",
                        Act::Table.name()
                    ))
                    .and_then(|b| b.dyn_into::<HtmlElement>().ok())
                {
                    b.focus().ok();
                }
                return true;
            }
            _ => return false,
        };
        let from = self.focus.get(i).copied().flatten();
        let Some(to) = self.layout(i).and_then(|l| l.step(from, step)) else {
            return true;
        };
        if let Some(f) = self.focus.get_mut(i) {
            *f = Some(to);
        }
        self.show_focus(ctx, i, input);
        true
    }

    /// Focus left a chart: forget its point and redraw it plain.
    pub fn on_blur(&mut self, ctx: &Ctx, target: &Element, input: &ChartInput) {
        if target.tag_name() != "CANVAS" {
            return;
        }
        if let Some(i) = target
            .get_attribute("data-chart")
            .and_then(|s| self.index(&s))
        {
            self.leave(ctx, i, input);
        }
    }

    fn layout(&self, i: usize) -> Option<&ChartLayout> {
        self.drawn.get(i)?.as_ref()?.layout.as_ref()
    }

    fn leave(&mut self, ctx: &Ctx, i: usize, input: &ChartInput) {
        if self.focus.get(i).copied().flatten().is_none() {
            return;
        }
        if let Some(f) = self.focus.get_mut(i) {
            *f = None;
        }
        if let Some(&id) = self.ids.get(i) {
            set_hidden(ctx.by_uid(&format!("{}-tip", id.slug())), true);
            self.redraw_id(ctx, id, input);
        }
    }

    /// Draws chart `i` with its keyboard point highlighted, shows the point's tooltip beside it
    /// and puts its words in the live region.
    fn show_focus(&mut self, ctx: &Ctx, i: usize, input: &ChartInput) {
        let Some(&id) = self.ids.get(i) else { return };
        let s = id.slug();
        let width = match self.drawn.get(i) {
            Some(Some(d)) => d.width,
            _ => 320.0,
        };
        self.draw_one(ctx, i, width, device_pixel_ratio(), input);
        let Some(point) = self.focus.get(i).copied().flatten() else {
            return;
        };
        let Some(d) = self.drawn.get(i).and_then(Option::as_ref) else {
            return;
        };
        let Some(hit) = d.layout.as_ref().and_then(|l| l.hits.get(point)) else {
            return;
        };
        let Some(canvas) = ctx
            .by_uid(&format!("{s}-c"))
            .and_then(|c| c.dyn_into::<HtmlCanvasElement>().ok())
        else {
            return;
        };
        // The highlight: a ring around the mark in the accent colour, on top of the chart.
        if let Some(c2) = canvas
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
        {
            let pad = 3.0 * d.scale;
            c2.set_stroke_style_str(&super::a11y::css(ctx.chart_theme().palette().focus));
            c2.set_line_width(3.0 * d.scale);
            c2.stroke_rect(
                f64::from(hit.x0.min(hit.x1)) - pad,
                f64::from(hit.y0.min(hit.y1)) - pad,
                f64::from((hit.x1 - hit.x0).abs()) + 2.0 * pad,
                f64::from((hit.y1 - hit.y0).abs()) + 2.0 * pad,
            );
        }
        let (x, y) = (
            f64::from(hit.x0.max(hit.x1)) / d.scale,
            f64::from((hit.y0 + hit.y1) / 2) / d.scale,
        );
        let layout = d.layout.as_ref();
        let tip =
            layout.and_then(|l| l.tooltip((hit.x0 + hit.x1) / 2, (hit.y0 + hit.y1) / 2, ctx.lang));
        let say = layout.and_then(|l| l.announce(point, ctx.lang));
        if let Some(t) = tip {
            show_tip(ctx, s, &t, x, y, f64::from(canvas.client_width()));
        }
        if let (Some(live), Some(words)) = (ctx.by_uid(&format!("{s}-say")), say) {
            live.set_text_content(Some(&words));
        }
    }

    /// Shows (or hides) the tooltip of the mark under the pointer.
    pub fn on_pointer(&mut self, ctx: &Ctx, ev: &Event, target: &Element, leave: bool) {
        let Some(slug) = target.get_attribute("data-chart") else {
            return;
        };
        if target.tag_name() != "CANVAS" {
            return;
        }
        let Some(tip) = ctx.by_uid(&format!("{slug}-tip")) else {
            return;
        };
        let text = match (leave, ev.dyn_ref::<MouseEvent>(), self.index(&slug)) {
            (false, Some(m), Some(i)) => self.tooltip(
                i,
                target,
                f64::from(m.offset_x()),
                f64::from(m.offset_y()),
                ctx.lang,
            ),
            _ => None,
        };
        match (text, ev.dyn_ref::<MouseEvent>()) {
            (Some(t), Some(m)) => show_tip(
                ctx,
                &slug,
                &t,
                f64::from(m.offset_x()),
                f64::from(m.offset_y()),
                f64::from(target.client_width()),
            ),
            _ => {
                tip.set_attribute("hidden", "").ok();
            }
        }
    }

    /// The tooltip at a CSS offset on chart `i`: CSS pixels times the backing store's scale are
    /// the backend pixels the layout is in.
    fn tooltip(
        &self,
        i: usize,
        canvas: &Element,
        css_x: f64,
        css_y: f64,
        lang: Lang,
    ) -> Option<String> {
        let d = self.drawn.get(i)?.as_ref()?;
        let layout = d.layout.as_ref()?;
        let rect_w = canvas.get_bounding_client_rect().width();
        let canvas = canvas.dyn_ref::<HtmlCanvasElement>()?;
        let scale = if rect_w > 0.0 {
            f64::from(canvas.width()) / rect_w
        } else {
            d.scale
        };
        api::tooltip(
            layout,
            (css_x * scale).round() as i32,
            (css_y * scale).round() as i32,
            lang,
        )
    }

    /// Test hook: the centre, in CSS pixels from the canvas's corner, of the mark showing `record`.
    pub fn mark_centre(&self, slug: &str, record: &str) -> Option<(f64, f64)> {
        let d = self.drawn.get(self.index(slug)?)?.as_ref()?;
        let hit = d
            .layout
            .as_ref()?
            .hits
            .iter()
            .find(|h| h.record_id == Some(record))?;
        Some((
            f64::from(hit.x0 + hit.x1) / 2.0 / d.scale,
            f64::from(hit.y0 + hit.y1) / 2.0 / d.scale,
        ))
    }
}

/// Shows chart `slug`'s tooltip with `text` near (`x`, `y`) CSS pixels, inside the chart: on the
/// left of the point on the chart's right half.
fn show_tip(ctx: &Ctx, slug: &str, text: &str, x: f64, y: f64, plot_w: f64) {
    let Some(tip) = ctx.by_uid(&format!("{slug}-tip")) else {
        return;
    };
    tip.set_text_content(Some(text));
    tip.remove_attribute("hidden").ok();
    if let Some(tip) = tip.dyn_ref::<HtmlElement>() {
        let style = tip.style();
        if x > plot_w / 2.0 {
            style.set_property("left", "auto").ok();
            style
                .set_property("right", &px((plot_w - x + 8.0).max(0.0)))
                .ok();
        } else {
            style.set_property("right", "auto").ok();
            style.set_property("left", &px(x + 8.0)).ok();
        }
        style.set_property("top", &px(y + 12.0)).ok();
    }
}

/// What a screen reader hears on reaching a chart: the summary written from the data, then the
/// keys that explore it.
fn summary_words(id: ChartId, lang: Lang, input: &ChartInput) -> String {
    format!(
        "{}{}",
        crate::charts::summary(id, lang, input),
        lang.pick(
            "用方向键逐个查看数据点（左右键在同一组内，上下键换一组），Home、End到第一个和最后一个，Esc离开图表。",
            " Use the arrow keys to go through the data points (left and right within a group, up and down between groups), Home and End for the first and last, Escape to leave the chart."
        )
    )
}

fn table_label(lang: Lang, open: bool) -> &'static str {
    if open {
        lang.pick("隐藏数据表", "Hide table")
    } else {
        lang.pick("显示数据表", "Show table")
    }
}

fn set_hidden(el: Option<Element>, hidden: bool) {
    if let Some(el) = el {
        if hidden {
            el.set_attribute("hidden", "").ok();
        } else {
            el.remove_attribute("hidden").ok();
        }
    }
}

/// A real table: caption, column headers, the first cell of each row as its row header.
fn table_markup(h: &mut H, t: &Table) {
    h.o("div", &[("class", "scroll")]).o("table", &[]);
    h.e("caption", &[], &t.caption);
    h.o("thead", &[]).o("tr", &[]);
    for head in &t.headers {
        h.e("th", &[("scope", "col")], head);
    }
    h.c("tr").c("thead").o("tbody", &[]);
    for row in &t.rows {
        h.o("tr", &[]);
        for (j, cell) in row.iter().enumerate() {
            if j == 0 {
                h.e("th", &[("scope", "row")], cell);
            } else {
                h.e("td", &[], cell);
            }
        }
        h.c("tr");
    }
    h.c("tbody").c("table").c("div");
    if let Some(note) = &t.note {
        h.e("p", &[("class", "note")], note);
    }
}

/// Saves `url` as `filename` through a temporary link (never added to the page).
fn download(ctx: &Ctx, url: &str, filename: &str) -> Result<(), JsError> {
    let doc = ctx
        .root
        .owner_document()
        .ok_or_else(|| js_err("no document"))?;
    let a: web_sys::HtmlAnchorElement = doc
        .create_element("a")
        .map_err(|_| js_err("no link"))?
        .dyn_into()
        .map_err(|_| js_err("no link"))?;
    a.set_href(url);
    a.set_download(filename);
    a.click();
    Ok(())
}
