//! The browser shell, compiled for wasm32 only: the one place that touches wasm-bindgen and
//! web-sys. It mounts an explainer into an element (inside a Shadow DOM so styles neither leak
//! out nor in), draws the charts on canvases sized by the device pixel ratio, and shows the
//! rest-trip form as a view of the core's plan draft.
//!
//! # Containment
//!
//! Each mounted widget is a numbered entry in a registry owned by Rust. Every event, timer and
//! observer callback goes through [`dispatch`]: it takes the widget out of the registry (so no
//! registry borrow is ever held while a handler runs or calls into JS), runs the handler through
//! a JavaScript `try`/`catch` ([`guarded`]), and puts the widget back. A JS exception in one
//! handler is reported in that widget, which keeps working; the other widgets are untouched. A
//! Rust panic ends the module (`panic = "abort"`), so a panic hook first marks every widget with
//! a message and a Reload link, saves each plan to the address bar, and logs the panic.
//!
//! Optional browser APIs (`ResizeObserver`, with the window's `resize` event in its place;
//! `matchMedia`; the clipboard; `requestIdleCallback`, with zero timeouts in its place) are
//! feature-checked before use: web-sys types them as always present. `tests/e2e/contain.mjs`
//! takes each away in turn.

mod a11y;
mod batch;
mod canvas;
mod chart_api;
#[cfg(feature = "rest-trip")]
mod rest;
mod towns;

pub(crate) use crate::markup as html;
pub use crate::markup::escape;
pub use canvas::{device_pixel_ratio, draw_chart_at};

use crate::format::Lang;
#[cfg(feature = "rest-trip")]
use crate::rules::ListId;
use chart_api::ChartTheme;
use std::cell::{Cell, RefCell};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, ResizeObserver, ShadowRoot, ShadowRootInit, ShadowRootMode};

pub(crate) fn js_err(what: &str) -> JsError {
    JsError::new(what)
}

/// Whether `obj` has a property `name` that is not `undefined` (a feature check: web-sys types
/// optional APIs as always present).
pub(crate) fn has(obj: &JsValue, name: &str) -> bool {
    js_sys::Reflect::get(obj, &JsValue::from_str(name)).is_ok_and(|v| !v.is_undefined())
}

/// `window.matchMedia(query).matches`, false where `matchMedia` is missing.
pub(crate) fn media_matches(query: &str) -> bool {
    media(query).is_some_and(|m| m.matches())
}

fn media(query: &str) -> Option<web_sys::MediaQueryList> {
    let w = web_sys::window()?;
    if !has(&w, "matchMedia") {
        return None;
    }
    w.match_media(query).ok().flatten()
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
    #[cfg_attr(not(feature = "rest-trip"), allow(dead_code))]
    pub host: Element,
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

    /// The canvas palette: `auto` follows `prefers-color-scheme`; forced colours and
    /// `prefers-contrast: more` adjust it ([`a11y::chart_theme`]).
    pub fn chart_theme(&self) -> ChartTheme {
        let dark = match self.theme {
            ThemePref::Light => false,
            ThemePref::Dark => true,
            ThemePref::Auto => media_matches("(prefers-color-scheme: dark)"),
        };
        a11y::chart_theme(
            self,
            if dark {
                ChartTheme::Dark
            } else {
                ChartTheme::Light
            },
        )
    }

    pub fn pick<'a>(&self, zh: &'a str, en: &'a str) -> &'a str {
        self.lang.pick(zh, en)
    }
}

/// What a button does (`data-act`), parsed once from the DOM and matched exhaustively.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Act {
    /// Switch the widget's language.
    Lang,
    /// Show or hide a chart's table (`data-chart` names it).
    Table,
    /// Download a chart as an image.
    Png,
    /// Download the dataset as CSV.
    Csv,
    /// Copy the share link.
    #[cfg(feature = "rest-trip")]
    Copy,
    /// Scroll to the rule-by-rule list.
    #[cfg(feature = "rest-trip")]
    Why,
    /// Add a row at the end of a list.
    #[cfg(feature = "rest-trip")]
    Add(ListId),
    /// Duplicate row `data-i` of a list.
    #[cfg(feature = "rest-trip")]
    Dup(ListId),
    /// Remove row `data-i` of a list.
    #[cfg(feature = "rest-trip")]
    Del(ListId),
    /// Back to the example plan.
    #[cfg(feature = "rest-trip")]
    Reset,
    /// Forget the problems of the JSON a link held (unknown keys, ...).
    #[cfg(feature = "rest-trip")]
    DropProblems,
}

#[cfg(feature = "rest-trip")]
const LIST_ACTS: [(ListId, [&str; 3]); 3] = [
    (ListId::Batches, ["add-batch", "dup-batch", "del-batch"]),
    (ListId::People, ["add-person", "dup-person", "del-person"]),
    (ListId::Trips, ["add-trip", "dup-trip", "del-trip"]),
];

impl Act {
    /// The `data-act` value.
    pub fn name(self) -> &'static str {
        match self {
            Act::Lang => "lang",
            Act::Table => "table",
            Act::Png => "png",
            Act::Csv => "csv",
            #[cfg(feature = "rest-trip")]
            Act::Copy => "copy",
            #[cfg(feature = "rest-trip")]
            Act::Why => "why",
            #[cfg(feature = "rest-trip")]
            Act::Reset => "reset",
            #[cfg(feature = "rest-trip")]
            Act::DropProblems => "drop-problems",
            #[cfg(feature = "rest-trip")]
            Act::Add(l) | Act::Dup(l) | Act::Del(l) => {
                let k = match self {
                    Act::Add(_) => 0,
                    Act::Dup(_) => 1,
                    _ => 2,
                };
                LIST_ACTS
                    .iter()
                    .find(|(x, _)| *x == l)
                    .map_or("", |(_, names)| names[k])
            }
        }
    }

    /// Every action (for parsing and the tests).
    pub fn all() -> Vec<Act> {
        #[allow(unused_mut)]
        let mut v = vec![Act::Lang, Act::Table, Act::Png, Act::Csv];
        #[cfg(feature = "rest-trip")]
        {
            v.extend([Act::Copy, Act::Why, Act::Reset, Act::DropProblems]);
            for l in ListId::ALL {
                v.extend([Act::Add(l), Act::Dup(l), Act::Del(l)]);
            }
        }
        v
    }

    pub fn parse(s: &str) -> Option<Act> {
        Act::all().into_iter().find(|a| a.name() == s)
    }
}

pub(crate) enum State {
    Towns(towns::Towns),
    #[cfg(feature = "rest-trip")]
    Rest(Box<rest::Rest>),
}

/// A Rust callback for a DOM event.
type EventCallback = Closure<dyn FnMut(Event)>;
/// An event listener the widget added, to remove when it goes.
type Listener = (web_sys::EventTarget, &'static str, EventCallback);

/// What reaches a widget: a DOM event, or one of its own callbacks.
pub(crate) enum Msg {
    Event(&'static str, Event),
    /// The animation frame after a resize or the stylesheet's arrival.
    Frame,
    /// The stylesheet arrived.
    Css,
    /// The colour scheme changed.
    Scheme,
    /// Time to insert the next part of the widget (idle time after the first part).
    Stage,
    /// The URL fragment changed (a link pasted into an open tab).
    #[cfg(feature = "rest-trip")]
    Hash,
    /// The reader paused: write the plan to the address bar.
    #[cfg(feature = "rest-trip")]
    LinkTimer,
}

struct Widget {
    ctx: Ctx,
    state: State,
    /// Listeners on the shadow root (and the window), removed and dropped with the widget.
    listeners: Vec<Listener>,
    observer: Option<ResizeObserver>,
    _on_resize: Closure<dyn FnMut()>,
    /// One animation-frame callback per widget, reused for every redraw; the pending request is
    /// cancelled when the widget goes.
    on_frame: Closure<dyn FnMut()>,
    frame: Option<i32>,
    /// Listens for the colour scheme to change when the theme is `auto`.
    scheme: Option<(web_sys::MediaQueryList, EventCallback)>,
    /// Test hook: the next event throws a JS exception inside the handler.
    fault_next: bool,
    /// The parts of the widget not inserted yet, by number ([`Widget::render`]); each part's
    /// markup is built when it goes in.
    pending: std::ops::Range<usize>,
    /// The callback that inserts the next part, and its pending request (`true`: an idle
    /// callback, `false`: a timeout), cancelled when the widget goes.
    on_stage: Closure<dyn FnMut()>,
    stage: Option<(bool, i32)>,
    /// The height the loader reserved, kept as the widget's minimum until every part is in.
    reserved: Option<i32>,
    /// The loader's pre-rendered first chart, until the first render puts it in place of its own
    /// canvas ([`Widget::render`]).
    pre: Option<web_sys::HtmlCanvasElement>,
    /// The charts of the part inserted last are still to be drawn, at the next stage: building
    /// a part's markup and laying out and drawing its charts are two short tasks, not one long
    /// one. At mount, the towns' pre-rendered chart (the same pixels) shows meanwhile; the
    /// rest-trip form's budget chart follows its checked plan.
    draw_next: bool,
    /// With a pre-rendered first chart: that chart's table (its box and its content, taken out
    /// at mount), which goes back in with the chart's stage ([`Widget::next_stage`]).
    held_table: Option<(Element, Vec<web_sys::Node>)>,
}

thread_local! {
    static WIDGETS: RefCell<Vec<Option<Widget>>> = const { RefCell::new(Vec::new()) };
    /// Every mounted widget's host, shadow root and language, for the panic hook (which must not
    /// touch the registry: a handler may hold the widget).
    static HOSTS: RefCell<Vec<(usize, Element, ShadowRoot, Lang)>> = const { RefCell::new(Vec::new()) };
    /// Each rest-trip widget's share-link value as last computed, for the panic hook to save.
    static LINKS: RefCell<Vec<(usize, String, String)>> = const { RefCell::new(Vec::new()) };
    /// The module panicked: every entry point refuses from then on.
    static DEAD: Cell<bool> = const { Cell::new(false) };
    /// The closure [`guarded`] runs, while it runs.
    static CURRENT: Cell<Option<*mut (dyn FnMut() + 'static)>> = const { Cell::new(None) };
    /// The JS function that runs [`CURRENT`]; called through `Function.prototype.call`, whose
    /// wasm-bindgen import catches exceptions.
    static TRAMPOLINE: Closure<dyn Fn()> = Closure::new(|| {
        if let Some(f) = CURRENT.with(Cell::take) {
            // SAFETY: `guarded` stores a pointer to a closure on its own stack frame and calls
            // this function at once, before that frame returns; the pointer is taken (cleared)
            // before use, so it is used once, by this call only.
            unsafe { (*f)() }
        }
    });
}

/// Runs `f` inside a JavaScript `try`/`catch`: a JS exception thrown anywhere inside (a missing
/// browser API, a failed DOM call without a `Result`) comes back as `Err` instead of unwinding
/// through the caller, whose state is then intact.
fn guarded<R>(f: impl FnOnce() -> R) -> Result<R, JsValue> {
    let mut out: Option<R> = None;
    let mut f = Some(f);
    let mut run = || {
        if let Some(f) = f.take() {
            out = Some(f());
        }
    };
    let ptr: *mut (dyn FnMut() + '_) = &mut run;
    // SAFETY: only the lifetime is erased. The pointer is used by TRAMPOLINE during the call
    // below, while `run` lives on this frame, and cleared right after.
    let ptr: *mut (dyn FnMut() + 'static) = unsafe { std::mem::transmute(ptr) };
    CURRENT.with(|c| c.set(Some(ptr)));
    let result = TRAMPOLINE.with(|t| {
        t.as_ref()
            .unchecked_ref::<js_sys::Function>()
            .call0(&JsValue::UNDEFINED)
    });
    CURRENT.with(|c| c.set(None));
    result.and_then(|_| out.ok_or_else(|| JsValue::from_str("the handler did not run")))
}

fn dead() -> bool {
    DEAD.with(Cell::get)
}

/// Delivers `msg` to widget `id`: takes the widget out of the registry, runs its handler guarded,
/// puts it back, and reports a failure in that widget. A message for a widget that is gone, or
/// busy with another message (a re-entrant event), is dropped.
pub(crate) fn dispatch(id: usize, msg: Msg) {
    if dead() {
        return;
    }
    let taken = WIDGETS.with(|r| {
        r.try_borrow_mut()
            .ok()
            .and_then(|mut reg| reg.get_mut(id).and_then(Option::take))
    });
    let Some(mut w) = taken else { return };
    let outcome = guarded(|| w.handle(msg));
    let problem = match outcome {
        Ok(Ok(())) => None,
        Ok(Err(e)) => Some(JsValue::from(e)),
        Err(exception) => Some(exception),
    };
    if let Some(p) = &problem {
        web_sys::console::error_2(&JsValue::from_str("explainer:"), p);
        let text = js_sys::Reflect::get(p, &JsValue::from_str("message"))
            .ok()
            .and_then(|m| m.as_string())
            .or_else(|| p.as_string())
            .unwrap_or_default();
        let _ = guarded(|| w.show_fault(&text));
    }
    WIDGETS.with(|r| {
        if let Ok(mut reg) = r.try_borrow_mut() {
            if let Some(slot @ None) = reg.get_mut(id) {
                *slot = Some(w);
            }
        }
    });
}

/// Runs `f` on widget `id` outside any handler (tests, the JS API); `None` if it is gone or busy.
fn with_widget<R>(id: usize, f: impl FnOnce(&mut Widget) -> R) -> Option<R> {
    let mut w = WIDGETS.with(|r| {
        r.try_borrow_mut()
            .ok()
            .and_then(|mut reg| reg.get_mut(id).and_then(Option::take))
    })?;
    let out = f(&mut w);
    WIDGETS.with(|r| {
        if let Ok(mut reg) = r.try_borrow_mut() {
            if let Some(slot @ None) = reg.get_mut(id) {
                *slot = Some(w);
            }
        }
    });
    Some(out)
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

/// Records a User Timing mark (`sx:chart:output` when a chart is first drawn, `sx:first-chart`
/// for a widget's first chart).
pub(crate) fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        p.mark(name).ok();
    }
}

/// The widget's words when the module has stopped: what happened, that the plan is kept, and
/// a way out. Plain HTML with a link, so it works with the module gone.
fn dead_markup(lang: Lang, has_plan: bool) -> String {
    let mut h = html::H::default();
    h.o("div", &[("class", "dead"), ("role", "alert")]);
    h.e(
        "strong",
        &[],
        lang.pick(
            "解读组件出错，已停止工作。",
            "The explainer hit an internal error and has stopped.",
        ),
    );
    h.t(" ");
    if has_plan {
        h.t(lang.pick(
            "你的方案已保存在地址栏的链接里，重新加载后会恢复。",
            "Your plan is saved in the link in the address bar and comes back when you reload.",
        ));
        h.t(" ");
    }
    h.e(
        "a",
        &[("href", ""), ("class", "reload")],
        lang.pick("重新加载 / Reload", "Reload / 重新加载"),
    );
    h.c("div");
    h.0
}

/// What the panic hook does, apart from logging: saves each plan's link to the address bar and
/// marks every widget with a message, a Reload link and `data-error`. Touches no registry (a
/// handler may hold a widget): only the hosts list and the last links, borrowed if free.
#[doc(hidden)]
pub fn on_panic(message: &str) {
    DEAD.with(|d| d.set(true));
    web_sys::console::error_1(&JsValue::from_str(&format!(
        "explainer panicked: {message}"
    )));
    let links: Vec<(usize, String, String)> =
        LINKS.with(|l| l.try_borrow().map(|l| l.clone()).unwrap_or_default());
    if let Some(w) = web_sys::window() {
        let mut hash = w.location().hash().unwrap_or_default();
        for (_, key, value) in &links {
            hash = crate::rules::link::set(&hash, key, value);
        }
        if !links.is_empty() {
            if let Ok(history) = w.history() {
                let state = history.state().unwrap_or(JsValue::NULL);
                history.replace_state_with_url(&state, "", Some(&hash)).ok();
            }
        }
    }
    let hosts: Vec<(usize, Element, ShadowRoot, Lang)> =
        HOSTS.with(|h| h.try_borrow().map(|h| h.clone()).unwrap_or_default());
    for (id, host, root, lang) in hosts {
        let has_plan = links.iter().any(|(w, _, _)| *w == id);
        let div = root
            .owner_document()
            .and_then(|d| d.create_element("div").ok());
        if let Some(div) = div {
            div.set_inner_html(&dead_markup(lang, has_plan));
            if let Some(first) = div.first_element_child() {
                root.prepend_with_node_1(&first).ok();
            }
        }
        if let Some(section) = root.query_selector("section.sx").ok().flatten() {
            section.set_attribute("inert", "").ok();
        }
        host.set_attribute("data-error", "panic").ok();
    }
}

/// Test hook: undoes [`on_panic`]'s stop (the browser tests call the hook's work directly and
/// then go on in the same module).
#[doc(hidden)]
pub fn revive_for_test() {
    DEAD.with(|d| d.set(false));
}

fn install_panic_hook() {
    thread_local!(static INSTALLED: Cell<bool> = const { Cell::new(false) });
    if INSTALLED.with(|i| i.replace(true)) {
        return;
    }
    // Not chained to the default hook: `on_panic` logs the message, and the default hook would
    // bring std's stderr machinery into the wasm.
    std::panic::set_hook(Box::new(|info| on_panic(&info.to_string())));
}

/// Mounts the explainer `kind` (`towns` or `rest-trip`) into `host`, in `lang` (`zh` or `en`).
/// `css_href` is the widget's stylesheet, loaded inside the shadow root by a `<link>`; empty when
/// the caller has already adopted it into the host's shadow root (as `embed.js` does). The host's `data-theme`
/// (`light`, `dark`, `auto`; default `auto`) picks the colours. On success the host carries
/// `data-ready="true"` and `data-widget` (the widget's number). Mounting a host again replaces
/// its widget.
///
/// # Errors
/// An unknown kind (the host then shows a message), a host that cannot hold a shadow root, or a
/// module that stopped after an internal error.
#[wasm_bindgen]
pub fn mount(host: Element, kind: &str, lang: &str, css_href: &str) -> Result<(), JsError> {
    install_panic_hook();
    if dead() {
        return Err(js_err(
            "the explainer stopped after an internal error; reload the page",
        ));
    }
    mark("sx:mount");
    let is_towns = match kind {
        "towns" => true,
        #[cfg(feature = "rest-trip")]
        "rest-trip" => false,
        other => {
            return Err(js_err(&format!(
                "unknown explainer \"{}\": use \"towns\" or \"rest-trip\"",
                other.chars().take(40).collect::<String>()
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
    // The loader's placeholder holds the widget's expected height: the widget keeps it as its
    // minimum until its last part is in, so the page below does not move meanwhile. (Read
    // before anything is inserted: the layout is still clean.)
    let reserved = (root.child_element_count() > 0 && host.get_attribute("data-widget").is_none())
        .then(|| host.client_height())
        .filter(|h| *h > 0);
    let mut h = html::H::default();
    // embed.js adopts the stylesheet into the shadow root before mounting (it is applied at the
    // first layout) and passes no `css_href`; where constructable stylesheets are missing, a link.
    if !css_href.is_empty() {
        h.o("link", &[("rel", "stylesheet"), ("href", css_href)]);
    }
    h.o("section", &[("class", "sx")]).c("section");
    // The loader's pre-rendered first chart (a towns widget's), kept to stand in for the
    // widget's own until that is drawn.
    let pre = root
        .query_selector("section.sx .plot canvas")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<web_sys::HtmlCanvasElement>().ok())
        .filter(|c| is_towns && c.width() > 0 && c.height() > 0);
    root.set_inner_html(&h.0);
    let ctx = Ctx {
        id,
        host: host.clone(),
        root: root.clone(),
        lang: Lang::parse(lang),
        theme,
    };
    let state = if is_towns {
        State::Towns(towns::Towns::new())
    } else {
        #[cfg(feature = "rest-trip")]
        {
            State::Rest(Box::new(rest::Rest::new(&ctx)))
        }
        #[cfg(not(feature = "rest-trip"))]
        unreachable!("rest-trip is refused above in this build")
    };

    let mut listeners: Vec<Listener> = Vec::new();
    for ty in [
        "input",
        "change",
        "click",
        "keydown",
        "focusin",
        "focusout",
        "pointermove",
        "pointerdown",
        "pointerout",
    ] {
        let cb =
            Closure::<dyn FnMut(Event)>::new(move |ev: Event| dispatch(id, Msg::Event(ty, ev)));
        root.add_event_listener_with_callback(ty, cb.as_ref().unchecked_ref())
            .map_err(|_| js_err("cannot listen to events"))?;
        listeners.push((root.clone().into(), ty, cb));
    }
    // The stylesheet changes the layout when it arrives: measure again then.
    if let Some(link) = root.query_selector("link").ok().flatten() {
        let cb = Closure::<dyn FnMut(Event)>::new(move |_ev: Event| dispatch(id, Msg::Css));
        link.add_event_listener_with_callback("load", cb.as_ref().unchecked_ref())
            .ok();
        listeners.push((link.into(), "load", cb));
    }
    #[cfg(feature = "rest-trip")]
    if !is_towns {
        if let Some(w) = web_sys::window() {
            let cb = Closure::<dyn FnMut(Event)>::new(move |_ev: Event| dispatch(id, Msg::Hash));
            w.add_event_listener_with_callback("hashchange", cb.as_ref().unchecked_ref())
                .ok();
            listeners.push((w.into(), "hashchange", cb));
        }
    }

    let on_resize = Closure::<dyn FnMut()>::new(move || {
        dispatch(id, Msg::Css);
    });
    let observer = web_sys::window()
        .filter(|w| has(w, "ResizeObserver"))
        .and_then(|_| ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok());
    if let Some(o) = &observer {
        o.observe(&host);
    } else if let Some(w) = web_sys::window() {
        // Without ResizeObserver (browsers before 2020), a change of the window's size (a phone
        // turned, a desktop window resized) still lays the charts out at the new width.
        let cb = Closure::<dyn FnMut(Event)>::new(move |_ev: Event| dispatch(id, Msg::Css));
        w.add_event_listener_with_callback("resize", cb.as_ref().unchecked_ref())
            .ok();
        listeners.push((w.into(), "resize", cb));
    }
    let on_frame = Closure::<dyn FnMut()>::new(move || dispatch(id, Msg::Frame));
    let on_stage = Closure::<dyn FnMut()>::new(move || dispatch(id, Msg::Stage));
    let scheme = if theme == ThemePref::Auto {
        media("(prefers-color-scheme: dark)").map(|mql| {
            let cb = Closure::<dyn FnMut(Event)>::new(move |_ev: Event| dispatch(id, Msg::Scheme));
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
        frame: None,
        scheme,
        fault_next: false,
        pending: 0..0,
        on_stage,
        stage: None,
        reserved,
        pre,
        draw_next: false,
        held_table: None,
    };
    match guarded(|| widget.render()) {
        Ok(Ok(())) => {}
        Ok(Err(e)) => return Err(e),
        Err(e) => {
            return Err(js_err(&format!(
                "the explainer could not be drawn: {}",
                e.as_string().unwrap_or_default()
            )))
        }
    }
    WIDGETS.with(|w| w.borrow_mut().push(Some(widget)));
    HOSTS.with(|h| {
        h.borrow_mut()
            .push((id, host.clone(), root, Lang::parse(lang)))
    });
    host.set_attribute("data-widget", &id.to_string()).ok();
    host.remove_attribute("data-error").ok();
    host.set_attribute("data-ready", "true")
        .map_err(|_| js_err("cannot mark ready"))?;
    Ok(())
}

/// Removes the widget mounted in `host`: its listeners, its observers, its pending callbacks and
/// its state.
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
    HOSTS.with(|h| {
        if let Ok(mut h) = h.try_borrow_mut() {
            h.retain(|(w, ..)| *w != id);
        }
    });
    LINKS.with(|l| {
        if let Ok(mut l) = l.try_borrow_mut() {
            l.retain(|(w, ..)| *w != id);
        }
    });
    if let Some(mut w) = old {
        for (target, ty, cb) in &w.listeners {
            target
                .remove_event_listener_with_callback(ty, cb.as_ref().unchecked_ref())
                .ok();
        }
        if let Some(o) = &w.observer {
            o.disconnect();
        }
        if let (Some(f), Some(win)) = (w.frame.take(), web_sys::window()) {
            win.cancel_animation_frame(f).ok();
        }
        w.cancel_stage();
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

/// Puts `old` (the loader's pre-rendered first chart) in place of the first canvas in `section`,
/// with that canvas's attributes and its own pixels, CSS size and the loader's `data-pre` (the
/// name of the picture it painted, which the wasm's first drawing of it reads). Returns whether
/// it did.
fn stand_in(section: &Element, old: &web_sys::HtmlCanvasElement) -> bool {
    // Its own: the bitmap's size (setting or removing either attribute clears the canvas) and
    // the loader's mark.
    const KEEP: [&str; 3] = ["width", "height", "data-pre"];
    let Some(new) = section.query_selector(".plot canvas").ok().flatten() else {
        return false;
    };
    let style = old.style();
    let (w, h) = (
        style.get_property_value("width").unwrap_or_default(),
        style.get_property_value("height").unwrap_or_default(),
    );
    let names = old.get_attribute_names();
    for i in 0..names.length() {
        if let Some(n) = names
            .get(i)
            .as_string()
            .filter(|n| !KEEP.contains(&n.as_str()))
        {
            old.remove_attribute(&n).ok();
        }
    }
    let names = new.get_attribute_names();
    for i in 0..names.length() {
        let Some(n) = names
            .get(i)
            .as_string()
            .filter(|n| !KEEP.contains(&n.as_str()))
        else {
            continue;
        };
        if let Some(v) = new.get_attribute(&n) {
            old.set_attribute(&n, &v).ok();
        }
    }
    style.set_property("width", &w).ok();
    style.set_property("height", &h).ok();
    new.replace_with_with_node_1(old).is_ok()
}

/// Test hook: inserts at once every part of the widget in `host` that is still waiting for
/// idle time (a page gets them within about 200 ms).
#[doc(hidden)]
pub fn settle(host: &Element) {
    let Some(id) = host
        .get_attribute("data-widget")
        .and_then(|s| s.parse::<usize>().ok())
    else {
        return;
    };
    while with_widget(id, |w| {
        w.cancel_stage();
        w.next_stage().ok();
        w.staging()
    }) == Some(true)
    {}
}

/// Test hook: the next event the widget in `host` handles throws a JS exception from inside its
/// handler (what a missing browser API does), to test that it is contained.
#[doc(hidden)]
pub fn inject_fault(host: &Element) {
    if let Some(id) = host
        .get_attribute("data-widget")
        .and_then(|s| s.parse::<usize>().ok())
    {
        with_widget(id, |w| w.fault_next = true);
    }
}

/// Records widget `id`'s current share-link value for the panic hook.
#[cfg(feature = "rest-trip")]
pub(crate) fn remember_link(id: usize, key: &str, value: &str) {
    LINKS.with(|l| {
        if let Ok(mut l) = l.try_borrow_mut() {
            match l.iter_mut().find(|(w, _, _)| *w == id) {
                Some(e) => {
                    e.1 = key.to_string();
                    e.2 = value.to_string();
                }
                None => l.push((id, key.to_string(), value.to_string())),
            }
        }
    });
}

/// The JS API: checks a plan given as a plain object (the JSON shape of the CLI) and returns the
/// report as a plain object. An unknown key is an error that names the nearest field.
///
/// # Errors
/// A value that cannot be read as JSON data at all (a function, a cycle).
#[cfg(feature = "rest-trip")]
#[wasm_bindgen]
pub fn check(plan: JsValue) -> Result<JsValue, JsError> {
    use serde::Serialize;
    let value: serde_json::Value = serde_wasm_bindgen::from_value(plan)
        .map_err(|e| js_err(&format!("the plan is not JSON data: {e}")))?;
    let report = crate::rules::check_value(&value);
    report
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| js_err(&e.to_string()))
}

/// The JS API: every record of the dataset (the same array as `cargo run --example dataset`).
/// In the full build only, with [`check`]: the towns-only build stays without the serialiser.
///
/// # Errors
/// None in practice.
#[cfg(feature = "rest-trip")]
#[wasm_bindgen]
pub fn records() -> Result<JsValue, JsError> {
    use serde::Serialize;
    crate::data::records()
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| js_err(&e.to_string()))
}

impl Widget {
    fn section(&self) -> Result<Element, JsError> {
        self.ctx
            .q("section.sx")
            .ok_or_else(|| js_err("widget markup missing"))
    }

    /// Renders the whole widget in its current language.
    fn render(&mut self) -> Result<(), JsError> {
        self.cancel_stage();
        self.held_table = None;
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
        let kind = match self.state {
            State::Towns(_) => "towns",
            #[cfg(feature = "rest-trip")]
            State::Rest(_) => "rest-trip",
        };
        crate::markup::top(
            &mut h,
            kind,
            ctx.lang,
            &|s| ctx.uid(s),
            Some(Act::Lang.name()),
        );
        // The first part (the top of the widget, its first chart or its form) is built and goes
        // in now, and is drawn at once; the rest are built and follow one part per idle period
        // ([`Widget::next_stage`]), so no task is long and the first chart reaches the screen
        // first.
        let count = self.part_count();
        if count > 0 {
            h.0.push_str(&self.part(0));
        }
        section.set_inner_html(&h.0);
        self.pending = 1.min(count)..count;
        // At mount, with a pre-rendered first chart: it takes the place of the new canvas, and
        // the drawing (a layout and the chart) waits for the next task, so the mount's task
        // stays short. There the wasm lays the chart out and leaves the canvas's pixels as they
        // are when they are the picture it would draw (`draw_into`), or draws it.
        // The rest-trip form's budget chart is drawn in the next task too (after its plan is
        // checked and shown in this one).
        let stood_in = self.pre.take().is_some_and(|old| stand_in(&section, &old));
        // Its table (a text alternative, visually hidden until asked for) follows in that next
        // task too: the first layout of its cells, text in glyphs the page has not shown yet,
        // would double the layout after the mount (about 8 ms here, 35 ms at 4x CPU).
        if stood_in {
            self.held_table = section
                .query_selector("figure.chart .tbl")
                .ok()
                .flatten()
                .map(|tbl| {
                    let mut content = Vec::new();
                    while let Some(n) = tbl.first_child() {
                        tbl.remove_child(&n).ok();
                        content.push(n);
                    }
                    (tbl, content)
                });
        }
        self.draw_next = match self.state {
            State::Towns(_) => stood_in,
            #[cfg(feature = "rest-trip")]
            State::Rest(_) => true,
        };
        if let Some(px) = self.reserved.filter(|_| !self.pending.is_empty()) {
            if let Some(el) = section.dyn_ref::<web_sys::HtmlElement>() {
                el.style()
                    .set_property("min-height", &format!("{px}px"))
                    .ok();
            }
        }
        let ctx = &self.ctx;
        match &mut self.state {
            State::Towns(t) if !self.draw_next => t.after_render(ctx)?,
            State::Towns(_) => {}
            #[cfg(feature = "rest-trip")]
            State::Rest(r) => r.after_render(ctx)?,
        }
        self.schedule_stage();
        Ok(())
    }

    /// Draws the charts inserted since the last drawing (those not drawn yet).
    fn draw_new_charts(&mut self) -> Result<(), JsError> {
        let ctx = &self.ctx;
        match &mut self.state {
            State::Towns(t) => t.after_part(ctx),
            #[cfg(feature = "rest-trip")]
            State::Rest(r) => r.redraw_chart(ctx, false),
        }
    }

    fn part_count(&self) -> usize {
        match &self.state {
            State::Towns(t) => t.part_count(),
            #[cfg(feature = "rest-trip")]
            State::Rest(r) => r.part_count(),
        }
    }

    /// The markup of part `i` of the widget, built now.
    fn part(&self, i: usize) -> String {
        match &self.state {
            State::Towns(t) => t.part(&self.ctx, i),
            #[cfg(feature = "rest-trip")]
            State::Rest(r) => r.part(&self.ctx, i),
        }
    }

    /// Inserts the next part of the widget and draws what it brought.
    fn next_stage(&mut self) -> Result<(), JsError> {
        self.stage = None;
        let did = if self.draw_next {
            self.draw_next = false;
            let drawn = self.draw_new_charts();
            // After the drawing's layout read: the table's layout waits for the next frame.
            if let Some((tbl, content)) = self.held_table.take() {
                if !tbl.has_child_nodes() {
                    for n in &content {
                        tbl.append_child(n).ok();
                    }
                }
            }
            drawn?;
            true
        } else if let Some(i) = self.pending.next() {
            let part = self.part(i);
            let section = self.section()?;
            section
                .insert_adjacent_html("beforeend", &part)
                .map_err(|_| js_err("cannot insert the widget's markup"))?;
            match &mut self.state {
                State::Towns(t) => {
                    t.size_new(&self.ctx);
                    self.draw_next = true;
                }
                #[cfg(feature = "rest-trip")]
                State::Rest(r) => r.after_part(&self.ctx),
            }
            if self.pending.is_empty() {
                self.reserved = None;
                if let Some(el) = section.dyn_ref::<web_sys::HtmlElement>() {
                    el.style().remove_property("min-height").ok();
                }
            }
            true
        } else {
            false
        };
        if did && !self.staging() {
            mark("sx:mounted");
        }
        self.schedule_stage();
        Ok(())
    }

    /// Whether some of the widget is still to be inserted or drawn.
    fn staging(&self) -> bool {
        !self.pending.is_empty() || self.draw_next
    }

    /// Asks for the next part in the browser's next idle period (within 200 ms), or after a
    /// zero timeout where `requestIdleCallback` is missing.
    fn schedule_stage(&mut self) {
        if !self.staging() || self.stage.is_some() {
            return;
        }
        let Some(w) = web_sys::window() else { return };
        let f = self.on_stage.as_ref().unchecked_ref();
        // The first part's drawing (no other part is in yet) goes first, in the next task (a zero
        // timeout); the rest wait for idle time.
        let first = self.draw_next && self.pending.start <= 1;
        self.stage = if has(&w, "requestIdleCallback") && !first {
            let opts = web_sys::IdleRequestOptions::new();
            opts.set_timeout(200);
            w.request_idle_callback_with_options(f, &opts)
                .ok()
                .map(|h| (true, h as i32))
        } else {
            w.set_timeout_with_callback_and_timeout_and_arguments_0(f, 0)
                .ok()
                .map(|h| (false, h))
        };
    }

    fn cancel_stage(&mut self) {
        if let (Some((idle, handle)), Some(w)) = (self.stage.take(), web_sys::window()) {
            if idle {
                w.cancel_idle_callback(handle as u32);
            } else {
                w.clear_timeout_with_handle(handle);
            }
        }
    }

    /// Says in the widget that an action failed, and that the rest still works.
    fn show_fault(&self, detail: &str) {
        if let Some(p) = self.ctx.by_uid("fault") {
            let text = match self.ctx.lang {
                Lang::Zh => format!(
                    "刚才的操作没有完成（浏览器报错：{detail}）。其他功能照常可用，你的方案没有丢失。"
                ),
                Lang::En => format!(
                    "That action did not complete (the browser said: {detail}). Everything else still works and your plan is kept."
                ),
            };
            p.set_text_content(Some(&text));
            p.remove_attribute("hidden").ok();
        }
    }

    fn handle(&mut self, msg: Msg) -> Result<(), JsError> {
        if std::mem::take(&mut self.fault_next) {
            wasm_bindgen::throw_str("injected fault (test hook)");
        }
        match msg {
            Msg::Event(ty, ev) => self.on_event(ty, &ev),
            Msg::Css => {
                self.schedule_frame();
                Ok(())
            }
            Msg::Frame => {
                self.frame = None;
                self.resize()
            }
            Msg::Scheme => self.redraw_all(),
            Msg::Stage => self.next_stage(),
            #[cfg(feature = "rest-trip")]
            Msg::Hash => match &mut self.state {
                State::Rest(r) => r.on_hash(&self.ctx),
                State::Towns(_) => Ok(()),
            },
            #[cfg(feature = "rest-trip")]
            Msg::LinkTimer => match &mut self.state {
                State::Rest(r) => r.flush_link(&self.ctx),
                State::Towns(_) => Ok(()),
            },
        }
    }

    fn on_event(&mut self, ty: &str, ev: &Event) -> Result<(), JsError> {
        let Some(target) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
            return Ok(());
        };
        match ty {
            "click" => {
                let Some(button) = target.closest("[data-act]").ok().flatten() else {
                    return Ok(());
                };
                let Some(act) = button
                    .get_attribute("data-act")
                    .as_deref()
                    .and_then(Act::parse)
                else {
                    return Ok(());
                };
                if act == Act::Lang {
                    self.ctx.lang = match self.ctx.lang {
                        Lang::Zh => Lang::En,
                        Lang::En => Lang::Zh,
                    };
                    HOSTS.with(|h| {
                        if let Ok(mut h) = h.try_borrow_mut() {
                            for e in h.iter_mut().filter(|e| e.0 == self.ctx.id) {
                                e.3 = self.ctx.lang;
                            }
                        }
                    });
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
                match &mut self.state {
                    State::Towns(t) => t.on_click(&self.ctx, act, &button),
                    #[cfg(feature = "rest-trip")]
                    State::Rest(r) => r.on_click(&self.ctx, act, &button),
                }
            }
            "input" | "change" => {
                let ctx = &self.ctx;
                match &mut self.state {
                    State::Towns(t) => timed("sx:chart-input", || t.on_input(ctx, &target)),
                    #[cfg(feature = "rest-trip")]
                    State::Rest(r) => timed("sx:form-update", || r.on_input(ctx, &target, ty)),
                }
            }
            "keydown" => {
                let key = ev
                    .dyn_ref::<web_sys::KeyboardEvent>()
                    .map(web_sys::KeyboardEvent::key)
                    .unwrap_or_default();
                let used = match &mut self.state {
                    State::Towns(t) => t.charts.on_key(&self.ctx, &key, &target, &t.input),
                    #[cfg(feature = "rest-trip")]
                    State::Rest(r) => r.on_chart_key(&self.ctx, &key, &target),
                };
                if used {
                    ev.prevent_default();
                }
                Ok(())
            }
            "focusin" => {
                a11y::clear_of_sticky(&self.ctx, &target);
                Ok(())
            }
            "focusout" => {
                match &mut self.state {
                    State::Towns(t) => t.charts.on_blur(&self.ctx, &target, &t.input),
                    #[cfg(feature = "rest-trip")]
                    State::Rest(r) => r.on_chart_blur(&self.ctx, &target),
                }
                Ok(())
            }
            _ => {
                // Pointer events on a chart: the tooltip.
                let leave = ty == "pointerout";
                match &mut self.state {
                    State::Towns(t) => t.charts.on_pointer(&self.ctx, ev, &target, leave),
                    #[cfg(feature = "rest-trip")]
                    State::Rest(r) => r.charts.on_pointer(&self.ctx, ev, &target, leave),
                }
                Ok(())
            }
        }
    }

    fn schedule_frame(&mut self) {
        if self.frame.is_some() {
            return;
        }
        if let Some(w) = web_sys::window() {
            self.frame = w
                .request_animation_frame(self.on_frame.as_ref().unchecked_ref())
                .ok();
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
