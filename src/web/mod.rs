//! The browser shell, compiled for wasm32 only: the one place that touches wasm-bindgen and
//! web-sys. It mounts an explainer into an element (inside a Shadow DOM so styles neither leak
//! out nor in), draws the charts on canvases sized by the device pixel ratio, and wires the
//! rest-trip form to the rule engine.
//!
//! Each mounted widget is a numbered entry in a registry owned by Rust; its event listeners are
//! attached once to its shadow root (delegation) and live exactly as long as the widget, so no
//! closure is leaked per keystroke, and two embeds on one page share nothing but the wasm
//! instance. Every exported function returns `Result<_, JsError>`; nothing a reader does reaches
//! a panic.

mod canvas;
mod chart_api;
mod html;
#[cfg(feature = "rest-trip")]
mod rest;
#[cfg(feature = "rest-trip")]
pub mod share;
mod towns;

pub use canvas::{device_pixel_ratio, draw_chart_at};
pub use html::escape;

use crate::format::Lang;
use chart_api::ChartTheme;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, ResizeObserver, ShadowRoot, ShadowRootInit, ShadowRootMode};

pub(crate) fn js_err(what: &str) -> JsError {
    JsError::new(what)
}

/// The reader's colour preference for one widget (`data-theme`).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum ThemePref {
    Light,
    Dark,
    Auto,
}

/// What every part of a widget needs to know: its number, where it lives, its language.
pub(crate) struct Ctx {
    pub id: usize,
    pub root: ShadowRoot,
    pub lang: Lang,
    pub theme: ThemePref,
}

impl Ctx {
    /// An element id unique on the page: `w3-output`.
    pub fn uid(&self, suffix: &str) -> String {
        format!("w{}-{}", self.id, suffix)
    }

    /// The first element of the widget matching `selector`.
    pub fn q(&self, selector: &str) -> Option<Element> {
        self.root.query_selector(selector).ok().flatten()
    }

    /// The element with id `w{n}-{suffix}`.
    pub fn by_uid(&self, suffix: &str) -> Option<Element> {
        self.root.get_element_by_id(&self.uid(suffix))
    }

    /// The canvas palette: `auto` follows `prefers-color-scheme`.
    pub fn chart_theme(&self) -> ChartTheme {
        let dark = match self.theme {
            ThemePref::Light => false,
            ThemePref::Dark => true,
            ThemePref::Auto => web_sys::window()
                .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
                .is_some_and(|m| m.matches()),
        };
        if dark {
            ChartTheme::Dark
        } else {
            ChartTheme::Light
        }
    }

    pub fn pick<'a>(&self, zh: &'a str, en: &'a str) -> &'a str {
        self.lang.pick(zh, en)
    }
}

pub(crate) enum State {
    Towns(towns::Towns),
    #[cfg(feature = "rest-trip")]
    Rest(rest::Rest),
}

struct Widget {
    ctx: Ctx,
    state: State,
    /// Listeners on the shadow root, removed and dropped with the widget.
    listeners: Vec<(&'static str, Closure<dyn FnMut(Event)>)>,
    observer: Option<ResizeObserver>,
    _on_resize: Closure<dyn FnMut()>,
    /// One animation-frame callback per widget, reused for every redraw.
    on_frame: Closure<dyn FnMut()>,
    frame_pending: bool,
    /// Listens for the colour scheme to change when the theme is `auto`.
    scheme: Option<(web_sys::MediaQueryList, Closure<dyn FnMut(Event)>)>,
}

thread_local! {
    static WIDGETS: RefCell<Vec<Option<Widget>>> = const { RefCell::new(Vec::new()) };
}

/// Runs `f` on widget `id`; `None` if it is gone or busy (an event fired while another of its
/// handlers runs is dropped, never a double borrow).
fn with_widget<R>(id: usize, f: impl FnOnce(&mut Widget) -> R) -> Option<R> {
    WIDGETS.with(|w| {
        let mut reg = w.try_borrow_mut().ok()?;
        let widget = reg.get_mut(id)?.as_mut()?;
        Some(f(widget))
    })
}

/// Runs `f` and records it as a User Timing measure called `name` (`sx:form-update`,
/// `sx:resize`, ...), visible in the browser's performance panel and read by the benchmark.
pub(crate) fn timed<R>(name: &str, f: impl FnOnce() -> R) -> R {
    let perf = web_sys::window().and_then(|w| w.performance());
    if let Some(p) = &perf {
        p.mark("sx:start").ok();
    }
    let out = f();
    if let Some(p) = perf {
        p.mark("sx:end").ok();
        p.measure_with_start_mark_and_end_mark(name, "sx:start", "sx:end")
            .ok();
        p.clear_marks_with_mark_name("sx:start");
        p.clear_marks_with_mark_name("sx:end");
    }
    out
}

/// Records a User Timing mark (`sx:chart:output` when a chart is first drawn).
pub(crate) fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        p.mark(name).ok();
    }
}

fn warn(e: JsError) {
    web_sys::console::warn_1(&JsValue::from(e));
}

/// Mounts the explainer `kind` (`towns` or `rest-trip`) into `host`, in `lang` (`zh` or `en`).
/// `css_href` is the widget's stylesheet, loaded inside the shadow root. The host's `data-theme`
/// (`light`, `dark`, `auto`; default `auto`) picks the colours. On success the host carries
/// `data-ready="true"` and `data-widget` (the widget's number). Mounting a host again replaces
/// its widget.
///
/// # Errors
/// An unknown kind, or a page without a document.
#[wasm_bindgen]
pub fn mount(host: Element, kind: &str, lang: &str, css_href: &str) -> Result<(), JsError> {
    mark("sx:mount");
    let is_towns = match kind {
        "towns" => true,
        "rest-trip" => false,
        other => {
            return Err(js_err(&format!(
                "unknown explainer \"{other}\": use \"towns\" or \"rest-trip\""
            )))
        }
    };
    if let Some(old) = host
        .get_attribute("data-widget")
        .and_then(|s| s.parse().ok())
    {
        drop_widget(old);
    }
    let root = match host.shadow_root() {
        Some(r) => r,
        None => host
            .attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))
            .map_err(|_| js_err("this element cannot host the explainer (attachShadow failed)"))?,
    };
    let theme = match host.get_attribute("data-theme").as_deref() {
        Some("light") => ThemePref::Light,
        Some("dark") => ThemePref::Dark,
        _ => ThemePref::Auto,
    };
    let id = WIDGETS.with(|w| w.borrow().len());
    let mut h = html::H::default();
    h.o("link", &[("rel", "stylesheet"), ("href", css_href)]);
    h.o("section", &[("class", "sx")]).c("section");
    root.set_inner_html(&h.0);
    let ctx = Ctx {
        id,
        root: root.clone(),
        lang: Lang::parse(lang),
        theme,
    };
    let state = if is_towns {
        State::Towns(towns::Towns::new())
    } else {
        #[cfg(feature = "rest-trip")]
        {
            let ordinal = WIDGETS.with(|w| {
                w.borrow()
                    .iter()
                    .flatten()
                    .filter(|w| matches!(w.state, State::Rest(_)))
                    .count()
            });
            State::Rest(rest::Rest::new(&ctx, ordinal))
        }
        #[cfg(not(feature = "rest-trip"))]
        return Err(js_err("this build has only the towns explainer"));
    };

    let mut listeners = Vec::new();
    for ty in ["input", "click", "pointermove", "pointerdown", "pointerout"] {
        let cb = Closure::<dyn FnMut(Event)>::new(move |ev: Event| {
            if let Some(Err(e)) = with_widget(id, |w| w.handle(ty, &ev)) {
                warn(e);
            }
        });
        root.add_event_listener_with_callback(ty, cb.as_ref().unchecked_ref())
            .map_err(|_| js_err("cannot listen to events"))?;
        listeners.push((ty, cb));
    }
    // The stylesheet changes the layout when it arrives: measure again then.
    let on_css = Closure::<dyn FnMut(Event)>::new(move |_ev: Event| {
        with_widget(id, Widget::schedule_frame);
    });
    if let Some(link) = root.query_selector("link").ok().flatten() {
        link.add_event_listener_with_callback("load", on_css.as_ref().unchecked_ref())
            .ok();
    }
    listeners.push(("load", on_css));

    let on_resize = Closure::<dyn FnMut()>::new(move || {
        with_widget(id, Widget::schedule_frame);
    });
    let observer = ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok();
    if let Some(o) = &observer {
        o.observe(&host);
    }
    let on_frame = Closure::<dyn FnMut()>::new(move || {
        if let Some(Err(e)) = with_widget(id, |w| {
            w.frame_pending = false;
            w.resize()
        }) {
            warn(e);
        }
    });
    let scheme = if theme == ThemePref::Auto {
        web_sys::window()
            .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
            .map(|mql| {
                let cb = Closure::<dyn FnMut(Event)>::new(move |_ev: Event| {
                    if let Some(Err(e)) = with_widget(id, |w| w.redraw_all()) {
                        warn(e);
                    }
                });
                mql.add_event_listener_with_callback("change", cb.as_ref().unchecked_ref())
                    .ok();
                (mql, cb)
            })
    } else {
        None
    };

    let mut widget = Widget {
        ctx,
        state,
        listeners,
        observer,
        _on_resize: on_resize,
        on_frame,
        frame_pending: false,
        scheme,
    };
    widget.render()?;
    WIDGETS.with(|w| w.borrow_mut().push(Some(widget)));
    host.set_attribute("data-widget", &id.to_string()).ok();
    host.set_attribute("data-ready", "true")
        .map_err(|_| js_err("cannot mark ready"))?;
    Ok(())
}

/// Removes the widget mounted in `host`: its listeners, its resize observer and its state.
///
/// # Errors
/// None in practice; an element without a widget is left as it is.
#[wasm_bindgen]
pub fn unmount(host: Element) -> Result<(), JsError> {
    if let Some(id) = host
        .get_attribute("data-widget")
        .and_then(|s| s.parse().ok())
    {
        drop_widget(id);
    }
    if let Some(root) = host.shadow_root() {
        root.set_inner_html("");
    }
    host.remove_attribute("data-widget").ok();
    host.remove_attribute("data-ready").ok();
    Ok(())
}

fn drop_widget(id: usize) {
    let old = WIDGETS.with(|w| {
        w.try_borrow_mut()
            .ok()
            .and_then(|mut reg| reg.get_mut(id).and_then(Option::take))
    });
    if let Some(w) = old {
        for (ty, cb) in &w.listeners {
            w.ctx
                .root
                .remove_event_listener_with_callback(ty, cb.as_ref().unchecked_ref())
                .ok();
        }
        if let Some(o) = &w.observer {
            o.disconnect();
        }
        if let Some((mql, cb)) = &w.scheme {
            mql.remove_event_listener_with_callback("change", cb.as_ref().unchecked_ref())
                .ok();
        }
    }
}

/// Test hook: the centre, in CSS pixels from the canvas's corner, of the mark of chart `slug`
/// that shows `record`.
#[doc(hidden)]
pub fn mark_centre(host: &Element, slug: &str, record: &str) -> Option<(f64, f64)> {
    let id: usize = host.get_attribute("data-widget")?.parse().ok()?;
    with_widget(id, |w| match &w.state {
        State::Towns(t) => t.charts.mark_centre(slug, record),
        #[cfg(feature = "rest-trip")]
        State::Rest(r) => r.charts.mark_centre(slug, record),
    })
    .flatten()
}

impl Widget {
    fn section(&self) -> Result<Element, JsError> {
        self.ctx
            .q("section.sx")
            .ok_or_else(|| js_err("widget markup missing"))
    }

    /// Renders the whole widget in its current language.
    fn render(&mut self) -> Result<(), JsError> {
        let section = self.section()?;
        let ctx = &self.ctx;
        let theme = match ctx.theme {
            ThemePref::Light => "sx t-light",
            ThemePref::Dark => "sx t-dark",
            ThemePref::Auto => "sx t-auto",
        };
        section.set_attribute("class", theme).ok();
        section.set_attribute("lang", ctx.pick("zh-CN", "en")).ok();
        section.set_attribute("aria-labelledby", &ctx.uid("h")).ok();
        let mut h = html::H::default();
        let title = match self.state {
            State::Towns(_) => ctx.pick(
                "特色专业镇：一年成绩单与2025年目标",
                "Specialty towns: a year's results and the 2025 targets",
            ),
            #[cfg(feature = "rest-trip")]
            State::Rest(_) => ctx.pick(
                "这份劳模疗休养方案符合规定吗？",
                "Does this rest-trip plan meet the rules?",
            ),
        };
        h.o("div", &[("class", "top")]);
        h.e("h2", &[("id", &ctx.uid("h"))], title);
        let other = match ctx.lang {
            Lang::Zh => ("English", "en", "Read in English"),
            Lang::En => ("中文", "zh-CN", "切换到中文"),
        };
        h.e(
            "button",
            &[
                ("type", "button"),
                ("class", "lang"),
                ("data-act", "lang"),
                ("lang", other.1),
                ("aria-label", other.2),
            ],
            other.0,
        );
        h.c("div");
        match &self.state {
            State::Towns(t) => t.markup(ctx, &mut h),
            #[cfg(feature = "rest-trip")]
            State::Rest(r) => r.markup(ctx, &mut h),
        }
        section.set_inner_html(&h.0);
        match &mut self.state {
            State::Towns(t) => t.after_render(ctx),
            #[cfg(feature = "rest-trip")]
            State::Rest(r) => r.after_render(ctx),
        }
    }

    fn handle(&mut self, ty: &str, ev: &Event) -> Result<(), JsError> {
        let Some(target) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
            return Ok(());
        };
        if ty == "click" {
            let Some(button) = target.closest("[data-act]").ok().flatten() else {
                return Ok(());
            };
            let act = button.get_attribute("data-act").unwrap_or_default();
            if act == "lang" {
                self.ctx.lang = match self.ctx.lang {
                    Lang::Zh => Lang::En,
                    Lang::En => Lang::Zh,
                };
                self.render()?;
                if let Some(b) = self
                    .ctx
                    .q("button.lang")
                    .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    b.focus().ok();
                }
                return Ok(());
            }
            return match &mut self.state {
                State::Towns(t) => t.on_click(&self.ctx, &act, &button),
                #[cfg(feature = "rest-trip")]
                State::Rest(r) => r.on_click(&self.ctx, &act, &button),
            };
        }
        if ty == "input" {
            let ctx = &self.ctx;
            return match &mut self.state {
                State::Towns(t) => timed("sx:chart-input", || t.on_input(ctx, &target)),
                #[cfg(feature = "rest-trip")]
                State::Rest(r) => timed("sx:form-update", || r.on_input(ctx, &target)),
            };
        }
        // Pointer events on a chart: the tooltip.
        let leave = ty == "pointerout";
        match &mut self.state {
            State::Towns(t) => t.charts.on_pointer(&self.ctx, ev, &target, leave),
            #[cfg(feature = "rest-trip")]
            State::Rest(r) => r.charts.on_pointer(&self.ctx, ev, &target, leave),
        }
        Ok(())
    }

    fn schedule_frame(&mut self) {
        if self.frame_pending {
            return;
        }
        if let Some(w) = web_sys::window() {
            if w.request_animation_frame(self.on_frame.as_ref().unchecked_ref())
                .is_ok()
            {
                self.frame_pending = true;
            }
        }
    }

    /// Redraws the charts whose width changed.
    fn resize(&mut self) -> Result<(), JsError> {
        let ctx = &self.ctx;
        timed("sx:resize", || match &mut self.state {
            State::Towns(t) => t.charts.redraw(ctx, false, &t.input),
            #[cfg(feature = "rest-trip")]
            State::Rest(r) => r.redraw_chart(ctx, false),
        })
    }

    fn redraw_all(&mut self) -> Result<(), JsError> {
        match &mut self.state {
            State::Towns(t) => t.charts.redraw(&self.ctx, true, &t.input),
            #[cfg(feature = "rest-trip")]
            State::Rest(r) => r.redraw_chart(&self.ctx, true),
        }
    }
}
