//! Browser tests (`wasm-pack test --headless --chrome -- --test web`): what only a browser has,
//! mounting into the DOM, canvases sized by the device pixel ratio, resizing, tooltips, events on
//! the rest-trip form, the share link in the URL fragment, language switching.
#![cfg(target_arch = "wasm32")]

use sx_explainer::web;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{
    Element, Event, EventInit, HtmlCanvasElement, HtmlElement, HtmlInputElement, ShadowRoot,
};

wasm_bindgen_test_configure!(run_in_browser);

fn window() -> web_sys::Window {
    web_sys::window().unwrap()
}

fn host(kind: &str, width: u32) -> Element {
    let doc = window().document().unwrap();
    let el = doc.create_element("div").unwrap();
    el.set_attribute("data-explainer", kind).unwrap();
    doc.body().unwrap().append_child(&el).unwrap();
    el.dyn_ref::<HtmlElement>()
        .unwrap()
        .style()
        .set_property("width", &format!("{width}px"))
        .unwrap();
    el
}

fn mounted(kind: &str, lang: &str) -> (Element, ShadowRoot) {
    let el = host(kind, 600);
    web::mount(el.clone(), kind, lang, "explainer.css").unwrap();
    let root = el.shadow_root().expect("mounted inside a shadow root");
    (el, root)
}

fn done(el: Element) {
    web::unmount(el.clone()).unwrap();
    el.remove();
}

fn set_hash(h: &str) {
    window()
        .history()
        .unwrap()
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&format!("#{h}")))
        .unwrap();
}

fn text(root: &ShadowRoot, sel: &str) -> String {
    root.query_selector(sel)
        .unwrap()
        .unwrap_or_else(|| panic!("no {sel}"))
        .text_content()
        .unwrap_or_default()
}

fn input(root: &ShadowRoot, path: &str) -> HtmlInputElement {
    root.query_selector(&format!("[data-f=\"{path}\"]"))
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap()
}

/// Types `value` into the input at `path` as a reader would: sets it and fires `input`.
fn type_into(root: &ShadowRoot, path: &str, value: &str) {
    let i = input(root, path);
    i.set_value(value);
    let init = EventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    i.dispatch_event(&Event::new_with_event_init_dict("input", &init).unwrap())
        .unwrap();
}

fn click(root: &ShadowRoot, sel: &str) {
    root.query_selector(sel)
        .unwrap()
        .unwrap()
        .dyn_into::<HtmlElement>()
        .unwrap()
        .click();
}

fn inked(canvas: &HtmlCanvasElement) -> usize {
    let ctx: web_sys::CanvasRenderingContext2d = canvas
        .get_context("2d")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    let pixels = ctx
        .get_image_data(0.0, 0.0, canvas.width() as f64, canvas.height() as f64)
        .unwrap()
        .data();
    pixels
        .chunks(4)
        .filter(|p| p[3] > 0 && (p[0] < 200 || p[1] < 200 || p[2] < 200))
        .count()
}

async fn sleep(ms: i32) {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(p).await.unwrap();
}

#[wasm_bindgen_test]
fn towns_widget_mounts_and_draws_on_a_canvas() {
    let (el, root) = mounted("towns", "zh");
    assert_eq!(el.get_attribute("data-ready").as_deref(), Some("true"));
    let canvas: HtmlCanvasElement = root
        .query_selector("canvas[data-chart=output]")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    assert!(canvas.width() >= 280, "backing store {}", canvas.width());
    assert!(inked(&canvas) > 500, "only {} pixels drawn", inked(&canvas));
    // Every chart has a real table alternative in the DOM, with a caption and header cells.
    let tables = root
        .query_selector_all("figure table caption")
        .unwrap()
        .length();
    let figures = root.query_selector_all("figure.chart").unwrap().length();
    assert!(
        figures >= 6 && tables == figures,
        "{figures} figures, {tables} tables"
    );
    assert!(root.query_selector("th[scope=col]").unwrap().is_some());
    assert!(text(&root, ".lead").contains("410.5亿元"));
    done(el);
}

#[wasm_bindgen_test]
fn rest_trip_widget_mounts_with_a_verdict() {
    set_hash("");
    let (el, root) = mounted("rest-trip", "en");
    let verdict = text(&root, "[role=status]");
    assert!(verdict.contains("Meets the rules"), "{verdict}");
    assert_eq!(el.get_attribute("data-ready").as_deref(), Some("true"));
    assert!(root.query_selector(".checks li").unwrap().is_some());
    assert!(root
        .query_selector("canvas[data-chart=budget]")
        .unwrap()
        .is_some());
    done(el);
}

#[wasm_bindgen_test]
fn unknown_kind_is_an_error_not_a_panic() {
    let el = host("nonsense", 600);
    assert!(web::mount(el.clone(), "nonsense", "zh", "explainer.css").is_err());
    assert_eq!(el.get_attribute("data-ready"), None);
    el.remove();
}

#[wasm_bindgen_test]
fn backing_store_is_css_size_times_the_device_pixel_ratio() {
    let doc = window().document().unwrap();
    let canvas: HtmlCanvasElement = doc.create_element("canvas").unwrap().dyn_into().unwrap();
    doc.body().unwrap().append_child(&canvas).unwrap();
    let (w, h) = web::draw_chart_at(&canvas, "output", 300.0, 2.0, "zh").unwrap();
    assert_eq!(w, 600);
    let css_h = canvas.get_bounding_client_rect().height();
    assert_eq!(canvas.get_bounding_client_rect().width(), 300.0);
    assert!((f64::from(h) - 2.0 * css_h).abs() < 1.0, "{h} vs {css_h}");
    let (w1, _) = web::draw_chart_at(&canvas, "output", 300.0, 1.0, "zh").unwrap();
    assert_eq!(w1, 300);
    // The page uses the real ratio.
    assert_eq!(
        web::device_pixel_ratio(),
        window().device_pixel_ratio().max(1.0)
    );
    canvas.remove();
}

#[wasm_bindgen_test]
async fn a_resize_redraws_the_charts() {
    let (el, root) = mounted("towns", "zh");
    let canvas: HtmlCanvasElement = root
        .query_selector("canvas[data-chart=output]")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    let before = canvas.width();
    el.dyn_ref::<HtmlElement>()
        .unwrap()
        .style()
        .set_property("width", "360px")
        .unwrap();
    sleep(200).await;
    let after = canvas.width();
    let css = canvas.get_bounding_client_rect().width();
    assert!(after < before, "backing store {before} -> {after}");
    assert!(
        (f64::from(after) - css * web::device_pixel_ratio()).abs() <= 2.0,
        "{after} for {css} CSS px"
    );
    assert!(inked(&canvas) > 500);
    done(el);
}

#[wasm_bindgen_test]
fn the_tooltip_names_the_record_under_the_pointer() {
    let (el, root) = mounted("towns", "zh");
    let canvas: HtmlCanvasElement = root
        .query_selector("canvas[data-chart=output]")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    let (cx, cy) =
        web::mark_centre(&el, "output", "ten_towns_output").expect("the 2023 bar is drawn");
    let rect = canvas.get_bounding_client_rect();
    let init = web_sys::PointerEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_client_x((rect.left() + cx) as i32);
    init.set_client_y((rect.top() + cy) as i32);
    let ev = web_sys::PointerEvent::new_with_event_init_dict("pointermove", &init).unwrap();
    canvas.dispatch_event(&ev).unwrap();
    let tip = root
        .query_selector(".tip:not([hidden])")
        .unwrap()
        .expect("tooltip shown");
    let t = tip.text_content().unwrap();
    assert!(t.contains("410.5亿元"), "{t}");
    // Off the marks, no tooltip.
    init.set_client_x(rect.left() as i32 + 1);
    init.set_client_y(rect.top() as i32 + 1);
    canvas
        .dispatch_event(
            &web_sys::PointerEvent::new_with_event_init_dict("pointermove", &init).unwrap(),
        )
        .unwrap();
    assert!(root.query_selector(".tip:not([hidden])").unwrap().is_none());
    done(el);
}

#[wasm_bindgen_test]
async fn two_embeds_on_one_page_do_not_interfere() {
    set_hash("");
    let (a, ra) = mounted("rest-trip", "zh");
    let (b, rb) = mounted("rest-trip", "zh");
    assert_ne!(
        input(&ra, "batches.0.participants").id(),
        input(&rb, "batches.0.participants").id(),
        "ids are unique per widget"
    );
    type_into(&ra, "batches.0.participants", "120");
    assert!(
        text(&ra, "[role=status]").contains("不符合一般规定"),
        "{}",
        text(&ra, "[role=status]")
    );
    assert_eq!(text(&rb, "[role=status] strong"), "符合规定");
    assert_eq!(input(&rb, "batches.0.participants").value(), "80");
    // Each keeps its own share key in the fragment (written once the reader pauses).
    sleep(400).await;
    let hash = window().location().hash().unwrap();
    assert!(
        hash.contains("plan=") && !hash.contains("plan2="),
        "only the changed plan is in the URL: {hash}"
    );
    done(a);
    done(b);
}

#[wasm_bindgen_test]
fn wrong_input_gets_a_message_next_to_its_field() {
    set_hash("");
    let (el, root) = mounted("rest-trip", "zh");
    type_into(&root, "batches.0.participants", "abc");
    let i = input(&root, "batches.0.participants");
    assert_eq!(i.get_attribute("aria-invalid").as_deref(), Some("true"));
    let described = i
        .get_attribute("aria-describedby")
        .expect("described by its error");
    let msg = root.get_element_by_id(&described).unwrap();
    assert!(!msg.has_attribute("hidden"));
    assert!(!msg.text_content().unwrap().is_empty());
    // The error sits right after its input, in the same field.
    assert_eq!(msg.parent_element().unwrap(), i.parent_element().unwrap());
    assert!(text(&root, "[role=status]").contains("有误"));
    // Fixing it clears the message.
    type_into(&root, "batches.0.participants", "90");
    assert_eq!(i.get_attribute("aria-invalid"), None);
    assert!(root
        .get_element_by_id(&described)
        .unwrap()
        .has_attribute("hidden"));
    assert!(text(&root, "[role=status]").contains("符合规定"));
    // In English too.
    click(&root, "button.lang");
    type_into(&root, "batches.0.participants", "-3");
    let i = input(&root, "batches.0.participants");
    let msg = root
        .get_element_by_id(&i.get_attribute("aria-describedby").unwrap())
        .unwrap()
        .text_content()
        .unwrap();
    assert!(msg.is_ascii() && !msg.is_empty(), "{msg}");
    done(el);
}

#[wasm_bindgen_test]
fn batches_can_be_added_duplicated_and_removed() {
    set_hash("");
    let (el, root) = mounted("rest-trip", "en");
    let batches = || root.query_selector_all("fieldset.batch").unwrap().length();
    let n = batches();
    click(&root, "[data-act=dup-batch]");
    assert_eq!(batches(), n + 1);
    assert_eq!(
        input(&root, "batches.1.participants").value(),
        input(&root, "batches.0.participants").value()
    );
    click(&root, "[data-act=add-batch]");
    assert_eq!(batches(), n + 2);
    click(&root, "[data-act=del-batch]");
    assert_eq!(batches(), n + 1);
    // The optional sections: a reader who opened one keeps it open while adding and removing rows.
    let people = || root.query_selector_all("fieldset.person").unwrap().length();
    let n = people();
    root.query_selector("details.roster")
        .unwrap()
        .unwrap()
        .set_attribute("open", "")
        .unwrap();
    click(&root, "[data-act=add-person]");
    assert_eq!(people(), n + 1);
    assert!(
        root.query_selector("details.roster[open]")
            .unwrap()
            .is_some(),
        "the roster closed"
    );
    assert!(root
        .query_selector(&format!("[data-f=\"people.{n}.age\"]"))
        .unwrap()
        .is_some());
    click(&root, "[data-act=del-person]");
    assert_eq!(people(), n);
    let trips = || root.query_selector_all("div.trip").unwrap().length();
    let t = trips();
    root.query_selector("details.trips")
        .unwrap()
        .unwrap()
        .set_attribute("open", "")
        .unwrap();
    click(&root, "[data-act=add-trip]");
    assert_eq!(trips(), t + 1);
    assert!(
        root.query_selector("details.trips[open]")
            .unwrap()
            .is_some(),
        "the years closed"
    );
    click(&root, "[data-act=del-trip]");
    assert_eq!(trips(), t);
    done(el);
}

#[wasm_bindgen_test]
async fn the_share_link_round_trips_the_plan() {
    set_hash("");
    let (el, root) = mounted("rest-trip", "zh");
    type_into(&root, "batches.0.participants", "120");
    // The share field follows at once; the address bar once the reader pauses.
    let field = root
        .query_selector("input[id$=\"-link\"]")
        .unwrap()
        .unwrap()
        .dyn_into::<HtmlInputElement>()
        .unwrap()
        .value();
    assert!(field.contains("#plan="), "{field}");
    assert!(
        !window().location().hash().unwrap().contains("plan="),
        "the address bar was written on the keystroke"
    );
    sleep(400).await;
    let hash = window().location().hash().unwrap();
    assert!(
        field.ends_with(&hash),
        "the field {field} and the address bar {hash} differ"
    );
    let value = web::share::get(&hash, "plan")
        .expect("plan in the fragment")
        .to_string();
    done(el);
    // A reader opening the link sees the same plan.
    set_hash(&format!("plan={value}"));
    let (el, root) = mounted("rest-trip", "zh");
    assert_eq!(input(&root, "batches.0.participants").value(), "120");
    assert!(text(&root, "[role=status]").contains("不符合一般规定"));
    assert!(root.query_selector(".notice").unwrap().is_none());
    done(el);
    let plan = serde_json::json!({"batches": [{"participants": 7, "start": "2024-01-02", "cross_province_activities": false,
        "venue": "national_base", "destination": "in_province"}], "organizer": "other",
        "people": [{"honor": "city", "title": "treatment", "age": "x", "frontline": true, "high_intensity": false,
        "hard_environment": false, "key_role": false}]});
    let link = web::share::encode_plan(&plan);
    assert_eq!(web::share::decode_plan(&link).unwrap(), plan);
    // Links with the full field names (or a hand-written plan) read the same.
    assert_eq!(
        web::share::decode_plan(&web::share::encode(plan.to_string().as_bytes())).unwrap(),
        plan
    );
    let long = web::share::encode(plan.to_string().as_bytes()).len();
    assert!(
        link.len() * 10 < long * 7,
        "the link is short: {} vs {long}",
        link.len()
    );
}

#[wasm_bindgen_test]
fn hostile_fragments_fall_back_to_the_example_with_a_message() {
    let huge = "A".repeat(1_000_000);
    let cases = [
        "!!!not-base64!!!".to_string(),
        web::share::encode(b"this is not json"),
        huge,
        web::share::encode(br#"{"batches":"many"}"#),
        web::share::encode(br#"[1,2,3]"#),
        web::share::encode(br#"{"batches":[{"participants":{"a":1}}]}"#),
        web::share::encode(&[0xff, 0xfe, 0x00]),
    ];
    for (n, c) in cases.iter().enumerate() {
        set_hash(&format!("plan={c}"));
        let (el, root) = mounted("rest-trip", if n % 2 == 0 { "zh" } else { "en" });
        let notice = root
            .query_selector(".notice")
            .unwrap()
            .unwrap_or_else(|| panic!("case {n}: no message"));
        assert!(!notice.text_content().unwrap().is_empty());
        assert_eq!(
            input(&root, "batches.0.participants").value(),
            "80",
            "case {n}"
        );
        assert!(!text(&root, "[role=status]").is_empty());
        done(el);
    }
    set_hash("");
}

#[wasm_bindgen_test]
fn the_language_toggle_re_renders_in_the_other_language() {
    set_hash("");
    let (el, root) = mounted("rest-trip", "zh");
    assert_eq!(
        root.query_selector("section")
            .unwrap()
            .unwrap()
            .get_attribute("lang")
            .as_deref(),
        Some("zh-CN")
    );
    type_into(&root, "batches.0.participants", "101");
    click(&root, "button.lang");
    assert_eq!(
        root.query_selector("section")
            .unwrap()
            .unwrap()
            .get_attribute("lang")
            .as_deref(),
        Some("en")
    );
    assert!(text(&root, "h2").contains("rest-trip"));
    // The plan survives the switch.
    assert_eq!(input(&root, "batches.0.participants").value(), "101");
    assert!(text(&root, "[role=status]").contains("Does not meet"));
    click(&root, "button.lang");
    assert!(text(&root, "h2").contains("疗休养"));
    done(el);
    let (el, root) = mounted("towns", "en");
    assert!(
        text(&root, ".lead").contains("¥41.05bn"),
        "{}",
        text(&root, ".lead")
    );
    click(&root, "button.lang");
    assert!(text(&root, ".lead").contains("410.5亿元"));
    done(el);
}

#[wasm_bindgen_test]
fn the_table_toggle_shows_the_table_without_removing_it() {
    let (el, root) = mounted("towns", "zh");
    let table = root
        .query_selector("[data-chart=output] .tbl")
        .unwrap()
        .unwrap();
    assert!(
        table.get_attribute("class").unwrap().contains("vh"),
        "visually hidden, still in the DOM"
    );
    click(&root, "button[data-act=table][data-chart=output]");
    assert!(!table.get_attribute("class").unwrap().contains("vh"));
    let b = root
        .query_selector("button[data-act=table][data-chart=output]")
        .unwrap()
        .unwrap();
    assert_eq!(b.get_attribute("aria-expanded").as_deref(), Some("true"));
    done(el);
}

#[wasm_bindgen_test]
fn who_may_go_answers_for_one_person() {
    let (el, root) = mounted("rest-trip", "zh");
    assert!(!text(&root, ".who-out").is_empty());
    done(el);
}

/// The pixels of a canvas, to tell whether it was redrawn differently.
fn pixels(canvas: &HtmlCanvasElement) -> Vec<u8> {
    let ctx: web_sys::CanvasRenderingContext2d = canvas
        .get_context("2d")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    ctx.get_image_data(0.0, 0.0, canvas.width() as f64, canvas.height() as f64)
        .unwrap()
        .data()
        .to_vec()
}

#[wasm_bindgen_test]
fn the_budget_chart_moves_the_plan_point_when_cost_or_days_change() {
    set_hash("");
    let (el, root) = mounted("rest-trip", "zh");
    let canvas: HtmlCanvasElement = root
        .query_selector("canvas[data-chart=budget]")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    let before = pixels(&canvas);
    // People do not move a point (days × cost per person): the chart looks the same.
    type_into(&root, "batches.0.participants", "90");
    assert!(
        pixels(&canvas) == before,
        "redrawn differently for a change that moves no point"
    );
    // A cost over the cap moves the first batch's point up, and the chart says so.
    type_into(&root, "batches.0.cost_per_person", "5800");
    assert!(
        pixels(&canvas) != before,
        "the point did not move after a cost change"
    );
    let after_cost = pixels(&canvas);
    type_into(&root, "batches.0.end", "2024-05-09");
    assert!(
        pixels(&canvas) != after_cost,
        "the point did not move after a date change"
    );
    done(el);
}

#[wasm_bindgen_test]
fn numbers_are_read_as_a_reader_types_them() {
    set_hash("");
    let (el, root) = mounted("rest-trip", "zh");
    let invalid =
        |root: &ShadowRoot, path: &str| input(root, path).get_attribute("aria-invalid").is_some();
    // Full-width digits (a Chinese input method) and thousands separators are read as numbers.
    type_into(&root, "batches.0.participants", "１２０");
    assert!(!invalid(&root, "batches.0.participants"));
    assert!(text(&root, "[role=status]").contains("不符合一般规定"));
    type_into(&root, "batches.0.cost_per_person", "4,500.50");
    assert!(!invalid(&root, "batches.0.cost_per_person"));
    // Decimals and exponents are numbers; hex, inf and words are not.
    type_into(&root, "batches.0.cost_per_person", "4.5e3");
    assert!(!invalid(&root, "batches.0.cost_per_person"));
    for bad in ["0x10", "inf", "NaN", "12abc", "1.2.3", "e5"] {
        type_into(&root, "batches.0.cost_per_person", bad);
        assert!(
            invalid(&root, "batches.0.cost_per_person"),
            "{bad} was read as a number"
        );
    }
    type_into(&root, "batches.0.cost_per_person", "4500");
    type_into(&root, "batches.0.participants", "80");
    assert!(text(&root, "[role=status]").contains("符合规定"));
    done(el);
}
