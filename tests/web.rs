//! Browser tests (`wasm-pack test --headless --chrome -- --test web`): what only a browser has,
//! mounting into the DOM, canvases sized by the device pixel ratio, the exported JS API.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlCanvasElement};

wasm_bindgen_test_configure!(run_in_browser);

fn host(kind: &str) -> Element {
    let doc = web_sys::window().unwrap().document().unwrap();
    let el = doc.create_element("div").unwrap();
    el.set_attribute("data-explainer", kind).unwrap();
    el.set_attribute("style", "width:600px").unwrap();
    doc.body().unwrap().append_child(&el).unwrap();
    el
}

#[wasm_bindgen_test]
fn towns_widget_mounts_and_draws_on_a_canvas() {
    let el = host("towns");
    sx_explainer::web::mount(el.clone(), "towns", "zh", "explainer.css").unwrap();
    assert_eq!(el.get_attribute("data-ready").as_deref(), Some("true"));
    let root = el.shadow_root().expect("mounted inside a shadow root");
    let canvas: HtmlCanvasElement = root.query_selector("canvas").unwrap().unwrap().dyn_into().unwrap();
    assert!(canvas.width() >= 280, "backing store {}", canvas.width());
    let ctx: web_sys::CanvasRenderingContext2d = canvas.get_context("2d").unwrap().unwrap().dyn_into().unwrap();
    let pixels = ctx.get_image_data(0.0, 0.0, canvas.width() as f64, canvas.height() as f64).unwrap().data();
    let inked = pixels.chunks(4).filter(|p| p[0] < 200 || p[1] < 200 || p[2] < 200).count();
    assert!(inked > 500, "only {inked} pixels drawn");
}

#[wasm_bindgen_test]
fn rest_trip_widget_mounts_with_a_verdict() {
    let el = host("rest-trip");
    sx_explainer::web::mount(el.clone(), "rest-trip", "en", "explainer.css").unwrap();
    let root = el.shadow_root().unwrap();
    let verdict = root.query_selector("[role=status]").unwrap().unwrap().text_content().unwrap();
    assert!(!verdict.is_empty());
    assert_eq!(el.get_attribute("data-ready").as_deref(), Some("true"));
}

#[wasm_bindgen_test]
fn unknown_kind_is_an_error_not_a_panic() {
    let el = host("nonsense");
    assert!(sx_explainer::web::mount(el.clone(), "nonsense", "zh", "explainer.css").is_err());
    assert_eq!(el.get_attribute("data-ready"), None);
}
