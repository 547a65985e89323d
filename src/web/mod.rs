//! The browser shell, compiled for wasm32 only: the one place that touches wasm-bindgen and
//! web-sys. It mounts an explainer into an element (inside a Shadow DOM so styles neither leak
//! out nor in), draws the charts on canvases sized by the device pixel ratio, and wires the
//! rest-trip form to the rule engine. Every exported function returns `Result<_, JsError>`;
//! nothing a reader does reaches a panic.

use crate::charts::{self, ChartOptions, Theme};
use crate::format::Lang;
use crate::rules;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlCanvasElement, ShadowRoot, ShadowRootInit, ShadowRootMode};

fn js_err(what: &str) -> JsError {
    JsError::new(what)
}

/// The widget kinds an embed may ask for with `data-explainer`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Explainer {
    Towns,
    RestTrip,
}

/// Mounts the explainer `kind` (`towns` or `rest-trip`) into `host`, in `lang` (`zh` or `en`).
/// `css_href` is the widget's stylesheet, loaded inside the shadow root. On success the host
/// carries `data-ready="true"`.
///
/// # Errors
/// An unknown kind, or a page without a document.
#[wasm_bindgen]
pub fn mount(host: Element, kind: &str, lang: &str, css_href: &str) -> Result<(), JsError> {
    let explainer = match kind {
        "towns" => Explainer::Towns,
        "rest-trip" => Explainer::RestTrip,
        other => return Err(js_err(&format!("unknown explainer {other:?}: use \"towns\" or \"rest-trip\""))),
    };
    let lang = Lang::parse(lang);
    let root = shadow_root(&host)?;
    let title = match explainer {
        Explainer::Towns => lang.pick("特色专业镇：前8个月产值", "Specialty towns: output, Jan-Aug 2023"),
        Explainer::RestTrip => lang.pick("这份劳模疗休养方案符合规定吗？", "Does this rest-trip plan meet the rules?"),
    };
    root.set_inner_html(&format!(
        "<link rel=\"stylesheet\" href=\"{}\"><section class=\"sx\" lang=\"{}\"><h2>{}</h2><div class=\"body\"></div></section>",
        escape(css_href),
        lang.pick("zh-CN", "en"),
        escape(title)
    ));
    let body = root.query_selector(".body").map_err(|_| js_err("no body"))?.ok_or_else(|| js_err("no body"))?;
    match explainer {
        Explainer::Towns => mount_towns(&body, lang)?,
        Explainer::RestTrip => mount_rest_trip(&body, lang)?,
    }
    host.set_attribute("data-ready", "true").map_err(|_| js_err("cannot mark ready"))?;
    Ok(())
}

fn shadow_root(host: &Element) -> Result<ShadowRoot, JsError> {
    if let Some(root) = host.shadow_root() {
        return Ok(root);
    }
    host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))
        .map_err(|_| js_err("this element cannot host the explainer (attachShadow failed)"))
}

fn mount_towns(body: &Element, lang: Lang) -> Result<(), JsError> {
    let doc = body.owner_document().ok_or_else(|| js_err("no document"))?;
    let canvas: HtmlCanvasElement = doc
        .create_element("canvas")
        .map_err(|_| js_err("cannot create canvas"))?
        .dyn_into()
        .map_err(|_| js_err("not a canvas"))?;
    canvas.set_attribute("role", "img").ok();
    canvas.set_attribute("aria-label", lang.pick("十大重点专业镇产值柱状图", "Bar chart of the ten key towns' output")).ok();
    body.append_child(&canvas).map_err(|_| js_err("cannot add canvas"))?;
    draw_on(&canvas, body.client_width().max(280) as f64, lang)
}

/// Sizes the canvas backing store by the device pixel ratio and draws the output chart on it.
fn draw_on(canvas: &HtmlCanvasElement, css_width: f64, lang: Lang) -> Result<(), JsError> {
    let dpr = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio()).max(1.0);
    let css_height = (css_width * 0.6).clamp(240.0, 420.0);
    canvas.set_width((css_width * dpr).round() as u32);
    canvas.set_height((css_height * dpr).round() as u32);
    // CSSOM, not a style attribute: a strict CSP (style-src 'self') blocks inline styles.
    let style = canvas.style();
    style.set_property("width", &format!("{css_width}px")).ok();
    style.set_property("height", &format!("{css_height}px")).ok();
    let backend = CanvasBackend::with_canvas_object(canvas.clone()).ok_or_else(|| js_err("no 2d context"))?;
    let area = backend.into_drawing_area();
    let opts = ChartOptions { lang, theme: Theme::Light, scale: dpr };
    charts::draw_output(&area, &opts).map_err(|e| js_err(&e.to_string()))?;
    Ok(())
}

fn mount_rest_trip(body: &Element, lang: Lang) -> Result<(), JsError> {
    let example = r#"{"organizer":"provincial_union","batches":[{"participants":80,"start":"2024-05-06","end":"2024-05-12","cost_per_person":4500,"destination":"in_province","venue":"national_base","cross_province_activities":false,"lodging_changes":0}]}"#;
    let report = rules::check_json(example);
    let verdict = match report.verdict {
        rules::Verdict::Meets => lang.pick("符合规定", "Meets the rules"),
        rules::Verdict::DoesNotMeet => lang.pick("不符合一般规定", "Does not meet the general limits"),
        rules::Verdict::Ineligible => lang.pick("有人不符合参加条件", "Someone is not eligible"),
        rules::Verdict::Invalid => lang.pick("方案有误", "The plan has errors"),
    };
    let mut html = format!("<p class=\"verdict\" role=\"status\">{}</p><ul>", escape(verdict));
    for c in &report.checks {
        html.push_str(&format!("<li>{}</li>", escape(lang.pick(&c.message_zh, &c.message_en))));
    }
    html.push_str("</ul>");
    body.set_inner_html(&html);
    Ok(())
}

/// Escapes text for HTML.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
