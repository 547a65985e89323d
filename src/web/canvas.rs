//! Charts on canvases: the backing store sized by the device pixel ratio (plotters-canvas does not
//! do it), redrawn when a chart's width changes, tooltips mapped from CSS pixels to backend pixels,
//! the table alternative, and the two downloads (PNG at 2x, the dataset as CSV).

use super::chart_api::ChartLayout;
use super::chart_api::{self as api, ChartId, ChartInput, ChartOptions, ChartTheme, Table};
use super::html::H;
use super::{js_err, Act, Ctx};
use crate::format::Lang;
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

/// Sizes the canvas (backing store = CSS size x dpr, CSS size through CSSOM: a strict CSP blocks
/// style attributes) and draws the chart.
fn draw_into(
    canvas: &HtmlCanvasElement,
    id: ChartId,
    css_width: f64,
    dpr: f64,
    lang: Lang,
    theme: ChartTheme,
    input: &ChartInput,
) -> Result<ChartLayout, JsError> {
    let css_width = css_width.clamp(200.0, 4000.0).round();
    let dpr = if dpr.is_finite() {
        dpr.clamp(1.0, 4.0)
    } else {
        1.0
    };
    let css_height = (css_width * id.aspect(css_width))
        .round()
        .clamp(160.0, 2000.0);
    canvas.set_width((css_width * dpr).round() as u32);
    canvas.set_height((css_height * dpr).round() as u32);
    let style = canvas.style();
    style.set_property("width", &format!("{css_width}px")).ok();
    style
        .set_property("height", &format!("{css_height}px"))
        .ok();
    let backend =
        CanvasBackend::with_canvas_object(canvas.clone()).ok_or_else(|| js_err("no 2d context"))?;
    let area = backend.into_drawing_area();
    let opts = ChartOptions {
        lang,
        theme,
        scale: dpr,
        css_width,
    };
    api::draw(id, &area, &opts, input).map_err(|e| js_err(&e.to_string()))
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
    /// Download file names start with this.
    file_prefix: &'static str,
}

impl Charts {
    pub fn new(ids: &[ChartId], file_prefix: &'static str) -> Charts {
        Charts {
            ids: ids.to_vec(),
            drawn: ids.iter().map(|_| None).collect(),
            open: vec![false; ids.len()],
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
        // The chart draws its title, subtitle and notes itself; its caption (key numbers) is the
        // canvas's accessible name. Charts the reader changes are described by their table.
        let cap = match id {
            ChartId::Projection | ChartId::Budget => String::new(),
            _ => format!("{}{}", lang.pick("。", ". "), id.caption(lang)),
        };
        let label = format!(
            "{}{}{}",
            id.title(lang),
            cap,
            lang.pick(
                "（同样的数字见数据表）",
                " (the same numbers are in the data table)"
            )
        );
        h.o(
            "canvas",
            &[
                ("id", &ctx.uid(&format!("{s}-c"))),
                ("data-chart", s),
                ("role", "img"),
                ("aria-label", &label),
            ],
        )
        .c("canvas");
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
            let width = match plot.client_width() {
                w if w > 0 => f64::from(w),
                _ => 320.0,
            };
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
        let width = ctx
            .by_uid(&format!("{}-p", id.slug()))
            .map_or(320, |p| p.client_width());
        let width = if width > 0 { f64::from(width) } else { 320.0 };
        self.draw_one(ctx, i, width, device_pixel_ratio(), input);
        if let Some(t) = ctx.by_uid(&format!("{}-t", id.slug())) {
            let mut h = H::default();
            table_markup(&mut h, &api::table(id, ctx.lang, input));
            t.set_inner_html(&h.0);
        }
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
            (Some(t), Some(m)) => {
                tip.set_text_content(Some(&t));
                tip.remove_attribute("hidden").ok();
                if let Some(tip) = tip.dyn_ref::<HtmlElement>() {
                    let plot_w = f64::from(target.client_width());
                    let x = f64::from(m.offset_x());
                    let style = tip.style();
                    // Keep the tooltip inside the chart: flip to the left on the right half.
                    if x > plot_w / 2.0 {
                        style.set_property("left", "auto").ok();
                        style
                            .set_property("right", &format!("{}px", (plot_w - x + 8.0).max(0.0)))
                            .ok();
                    } else {
                        style.set_property("right", "auto").ok();
                        style.set_property("left", &format!("{}px", x + 8.0)).ok();
                    }
                    style
                        .set_property("top", &format!("{}px", f64::from(m.offset_y()) + 12.0))
                        .ok();
                }
            }
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
