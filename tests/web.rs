//! Browser tests (`wasm-pack test --headless --chrome -- --test web`): what only a browser has,
//! mounting into the DOM, canvases sized by the device pixel ratio, resizing, tooltips, events on
//! the rest-trip form, the share link in the URL fragment, language switching.
#![cfg(target_arch = "wasm32")]

use base64::Engine;
use sx_explainer::rules::field::{BatchField, FieldPath};
use sx_explainer::rules::{link, Cell, Draft, Edit};
use sx_explainer::web;
use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;
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
    // A failed assertion in an earlier test ran the explainer's panic hook, which stops the
    // module as it must on a reader's page; here the next test starts afresh.
    web::revive_for_test();
    let el = host(kind, 600);
    web::mount(el.clone(), kind, lang, "explainer.css").unwrap();
    web::settle(&el);
    let root = el.shadow_root().expect("mounted inside a shadow root");
    (el, root)
}

fn done(el: Element) {
    web::unmount(el.clone()).unwrap();
    el.remove();
}

/// Sets the URL fragment. An empty one starts a test afresh: widgets a failed test left on the
/// page are removed first, since a rest-trip widget's fragment key follows its place among them.
fn set_hash(h: &str) {
    if h.is_empty() {
        let doc = window().document().unwrap();
        let stale = doc.query_selector_all("body > [data-explainer]").unwrap();
        for i in 0..stale.length() {
            let el: Element = stale.get(i).unwrap().dyn_into().unwrap();
            done(el);
        }
    }
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

/// Fires `input` at `target` as the browser does when a reader changes a control: bubbling,
/// and out of the shadow root.
fn fire_input(target: &web_sys::EventTarget) {
    let init = EventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    target
        .dispatch_event(&Event::new_with_event_init_dict("input", &init).unwrap())
        .unwrap();
}

/// Types `value` into the input at `path` as a reader would: sets it and fires `input`.
fn type_into(root: &ShadowRoot, path: &str, value: &str) {
    let i = input(root, path);
    i.set_value(value);
    fire_input(&i);
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
async fn the_widget_arrives_in_parts_its_first_chart_first() {
    web::revive_for_test();
    let el = host("towns", 600);
    web::mount(el.clone(), "towns", "zh", "explainer.css").unwrap();
    let root = el.shadow_root().unwrap();
    // The mount's own task: the lead and the first chart, drawn.
    let figures = |root: &ShadowRoot| root.query_selector_all("figure.chart").unwrap().length();
    assert_eq!(figures(&root), 1);
    let first: HtmlCanvasElement = root
        .query_selector("canvas[data-chart=output]")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    assert!(inked(&first) > 500);
    assert!(root.query_selector(".also").unwrap().is_none());
    // The rest arrive in idle time, one part per task, each chart drawn as it comes.
    for _ in 0..40 {
        if root.query_selector(".also").unwrap().is_some() {
            break;
        }
        sleep(50).await;
    }
    assert_eq!(figures(&root), 6);
    assert!(root.query_selector(".also").unwrap().is_some());
    for c in root.query_selector_all("canvas").unwrap().values() {
        let c: HtmlCanvasElement = c.unwrap().dyn_into().unwrap();
        assert!(
            inked(&c) > 500,
            "{:?} not drawn",
            c.get_attribute("data-chart")
        );
    }
    done(el);
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
    assert!(verdict.contains("Within every limit listed"), "{verdict}");
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
        text(&ra, "[role=status]").contains("超出一般标准"),
        "{}",
        text(&ra, "[role=status]")
    );
    assert_eq!(text(&rb, "[role=status] strong"), "未超出所列标准");
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
    assert!(text(&root, "[role=status]").contains("未超出所列标准"));
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
    let trips = || root.query_selector_all("fieldset.trip").unwrap().length();
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
    type_into(&root, "batches.1.cost_per_person", "abc");
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
    let value = link::get(&hash, "plan")
        .expect("plan in the fragment")
        .to_string();
    done(el);
    // A reader opening the link sees the same plan, the wrong value included, with its error.
    set_hash(&format!("plan={value}"));
    let (el, root) = mounted("rest-trip", "zh");
    assert_eq!(input(&root, "batches.0.participants").value(), "120");
    assert_eq!(input(&root, "batches.1.cost_per_person").value(), "abc");
    assert_eq!(
        input(&root, "batches.1.cost_per_person")
            .get_attribute("aria-invalid")
            .as_deref(),
        Some("true")
    );
    assert!(hidden(&root, ".notice"));
    done(el);
    set_hash("");
}

/// Whether the first element matching `sel` is hidden (or absent).
fn hidden(root: &ShadowRoot, sel: &str) -> bool {
    root.query_selector(sel)
        .unwrap()
        .is_none_or(|e| e.has_attribute("hidden"))
}

#[wasm_bindgen_test]
fn damaged_links_show_the_example_with_a_message_and_stay_in_the_address_bar() {
    set_hash("");
    let huge = "A".repeat(1_000_000);
    let b64 = |b: &[u8]| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(b);
    let cases = [
        "!!!not-base64!!!".to_string(),
        b64(b"this is not json"),
        huge,
        b64(br#"[1,2,3]"#),
        b64(&[0xff, 0xfe, 0x00]),
        b64(&[2, 0xff]),
    ];
    for (n, c) in cases.iter().enumerate() {
        set_hash(&format!("plan={c}"));
        let (el, root) = mounted("rest-trip", if n % 2 == 0 { "zh" } else { "en" });
        assert!(!hidden(&root, ".notice"), "case {n}: no message");
        assert!(!text(&root, ".notice").is_empty());
        assert_eq!(
            input(&root, "batches.0.participants").value(),
            "80",
            "case {n}"
        );
        assert!(!text(&root, "[role=status]").is_empty());
        // The link stays as it was, so the reader can still repair it.
        assert_eq!(
            window().location().hash().unwrap(),
            format!("#plan={c}"),
            "case {n}"
        );
        done(el);
    }
    set_hash("");
}

#[wasm_bindgen_test]
async fn a_damaged_link_is_kept_until_the_reader_edits_and_the_notice_clears() {
    set_hash("plan=%%%broken");
    let (el, root) = mounted("rest-trip", "zh");
    assert!(!hidden(&root, ".notice"));
    sleep(700).await;
    assert_eq!(window().location().hash().unwrap(), "#plan=%%%broken");
    type_into(&root, "batches.0.participants", "81");
    assert!(hidden(&root, ".notice"), "the notice stays after an edit");
    sleep(400).await;
    let hash = window().location().hash().unwrap();
    let d = link::decode(link::get(&hash, "plan").unwrap()).unwrap();
    assert_eq!(d.batches[0][0], Cell::text("81"));
    done(el);
    set_hash("");
}

#[wasm_bindgen_test]
fn links_with_the_wrong_shape_show_their_errors() {
    set_hash("");
    let b64 = |b: &[u8]| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(b);
    for c in [
        b64(br#"{"batches":"many"}"#),
        b64(br#"{"o":"other","b":[{"p":{"a":1}}]}"#),
        b64(br#"{"o":"other","model_workers_under65":3,"b":[{"p":7}]}"#),
    ] {
        set_hash(&format!("plan={c}"));
        let (el, root) = mounted("rest-trip", "en");
        assert!(text(&root, "[role=status]").contains("input errors"), "{c}");
        done(el);
    }
    // The misspelt key is named, with the field it is close to, and can be dropped.
    let (el, root) = mounted("rest-trip", "en");
    assert!(
        text(&root, ".errs").contains("did you mean `model_workers_under_65`"),
        "{}",
        text(&root, ".errs")
    );
    click(&root, "[data-act=drop-problems]");
    assert!(!text(&root, ".errs").contains("model_workers_under65"));
    done(el);
    set_hash("");
}

#[wasm_bindgen_test]
async fn a_link_pasted_into_an_open_tab_is_followed() {
    set_hash("");
    let (el, root) = mounted("rest-trip", "zh");
    let mut d = Draft::example();
    d.apply(Edit::Set(
        FieldPath::Batch(0, BatchField::Participants),
        Cell::text("130"),
    ))
    .unwrap();
    // A new fragment fires `hashchange` (as pasting a link with only a new fragment does).
    window()
        .location()
        .set_hash(&format!("plan={}", link::encode(&d)))
        .unwrap();
    sleep(100).await;
    assert_eq!(input(&root, "batches.0.participants").value(), "130");
    done(el);
    set_hash("");
}

#[wasm_bindgen_test]
async fn the_host_pages_history_state_is_kept() {
    set_hash("");
    let state = js_sys::Object::new();
    js_sys::Reflect::set(&state, &"spa".into(), &"route-7".into()).unwrap();
    window()
        .history()
        .unwrap()
        .replace_state_with_url(&state, "", None)
        .unwrap();
    let (el, root) = mounted("rest-trip", "zh");
    type_into(&root, "batches.0.participants", "99");
    sleep(400).await;
    assert!(window().location().hash().unwrap().contains("plan="));
    let kept = window().history().unwrap().state().unwrap();
    assert_eq!(
        js_sys::Reflect::get(&kept, &"spa".into()).unwrap(),
        JsValue::from_str("route-7")
    );
    done(el);
    set_hash("");
}

#[wasm_bindgen_test]
async fn two_widgets_edited_in_quick_succession_both_keep_their_edit() {
    set_hash("");
    let (a, ra) = mounted("rest-trip", "zh");
    let (b, rb) = mounted("rest-trip", "zh");
    type_into(&ra, "batches.0.participants", "91");
    sleep(100).await;
    type_into(&rb, "batches.0.participants", "92");
    sleep(500).await;
    let hash = window().location().hash().unwrap();
    let first = link::decode(link::get(&hash, "plan").expect("plan")).unwrap();
    let second = link::decode(link::get(&hash, "plan2").expect("plan2")).unwrap();
    assert_eq!(first.batches[0][0], Cell::text("91"));
    assert_eq!(second.batches[0][0], Cell::text("92"));
    done(a);
    done(b);
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
    assert!(text(&root, "h2").contains("R&R trip plan"));
    // The plan survives the switch.
    assert_eq!(input(&root, "batches.0.participants").value(), "101");
    assert!(text(&root, "[role=status]").contains("outside the rules"));
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
    assert!(text(&root, "[role=status]").contains("超出一般标准"));
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
    assert!(text(&root, "[role=status]").contains("未超出所列标准"));
    done(el);
}

#[wasm_bindgen_test]
fn adding_and_removing_a_row_changes_that_row_only() {
    set_hash("");
    let (el, root) = mounted("rest-trip", "en");
    root.query_selector("details.roster")
        .unwrap()
        .unwrap()
        .set_attribute("open", "")
        .unwrap();
    // The inputs already on the page stay the same elements.
    let first = input(&root, "batches.0.participants");
    let person0 = input(&root, "people.0.age");
    click(&root, "[data-act=dup-batch]");
    click(&root, "[data-act=add-person]");
    assert!(first.is_connected() && person0.is_connected());
    assert_eq!(first, input(&root, "batches.0.participants"));
    // Removing person 1 renumbers the people after it: person 2 is now person 1.
    let person2 = input(&root, "people.2.age");
    let buttons = root.query_selector_all("[data-act=del-person]").unwrap();
    buttons
        .get(1)
        .unwrap()
        .dyn_into::<HtmlElement>()
        .unwrap()
        .click();
    assert!(person2.is_connected());
    assert_eq!(
        person2.get_attribute("data-f").as_deref(),
        Some("people.1.age")
    );
    let legend = person2
        .closest("fieldset")
        .unwrap()
        .unwrap()
        .query_selector("legend")
        .unwrap()
        .unwrap();
    assert_eq!(legend.text_content().as_deref(), Some("Person 2"));
    // An error on the renumbered person lands next to that person's field.
    type_into(&root, "people.1.age", "7");
    assert_eq!(
        person2.get_attribute("aria-invalid").as_deref(),
        Some("true")
    );
    done(el);
}

#[wasm_bindgen_test]
fn at_the_cap_the_add_button_is_disabled_and_says_why() {
    set_hash("");
    let (el, root) = mounted("rest-trip", "zh");
    let add = || {
        root.query_selector("[data-act=add-batch]")
            .unwrap()
            .unwrap()
    };
    while root.query_selector_all("fieldset.batch").unwrap().length() < 100 {
        click(&root, "[data-act=add-batch]");
    }
    assert!(add().has_attribute("disabled"));
    let hint = root.query_selector("[id$=\"-b-cap\"]").unwrap().unwrap();
    assert!(!hint.has_attribute("hidden"));
    assert!(hint.text_content().unwrap().contains("100"));
    assert_eq!(
        add().get_attribute("aria-describedby").as_deref(),
        Some(hint.id().as_str())
    );
    click(&root, "[data-act=del-batch]");
    assert!(!add().has_attribute("disabled"));
    assert!(hint.has_attribute("hidden"));
    done(el);
}

#[wasm_bindgen_test]
fn the_verdict_is_rewritten_only_when_its_text_changes() {
    set_hash("");
    let (el, root) = mounted("rest-trip", "zh");
    let verdict = root.query_selector("[role=status]").unwrap().unwrap();
    let node = verdict.first_child().expect("verdict content");
    // 80 → 81 people: still meets, the same words: the region is left alone.
    type_into(&root, "batches.0.participants", "81");
    assert!(verdict.first_child().unwrap().is_same_node(Some(&node)));
    // 120 people: the verdict changes, and is rewritten.
    type_into(&root, "batches.0.participants", "120");
    assert!(!verdict.first_child().unwrap().is_same_node(Some(&node)));
    done(el);
}

#[wasm_bindgen_test]
fn a_wrong_value_stays_in_its_box_with_its_error() {
    set_hash("");
    let (el, root) = mounted("rest-trip", "en");
    type_into(&root, "batches.0.cost_per_person", "4500,50");
    let i = input(&root, "batches.0.cost_per_person");
    assert_eq!(i.value(), "4500,50");
    let msg = root
        .get_element_by_id(&i.get_attribute("aria-describedby").unwrap())
        .unwrap()
        .text_content()
        .unwrap();
    assert!(msg.contains("comma"), "{msg}");
    // A full-width comma where it separates thousands is fine.
    type_into(&root, "batches.0.cost_per_person", "4，500");
    assert_eq!(i.get_attribute("aria-invalid"), None);
    done(el);
}

/// Replaces `navigator.clipboard` with `undefined` (a plain-http page, some in-app browsers)
/// until the returned guard is dropped.
struct NoClipboard;

impl NoClipboard {
    fn new() -> NoClipboard {
        let nav = window().navigator();
        let desc = js_sys::Object::new();
        js_sys::Reflect::set(&desc, &"value".into(), &JsValue::UNDEFINED).unwrap();
        js_sys::Reflect::set(&desc, &"configurable".into(), &JsValue::TRUE).unwrap();
        js_sys::Object::define_property(&nav, &"clipboard".into(), &desc);
        NoClipboard
    }
}

impl Drop for NoClipboard {
    fn drop(&mut self) {
        js_sys::Reflect::delete_property(&window().navigator(), &"clipboard".into()).unwrap();
    }
}

#[wasm_bindgen_test]
fn copy_without_a_clipboard_selects_the_link_and_says_how() {
    set_hash("");
    let _no = NoClipboard::new();
    let (el, root) = mounted("rest-trip", "en");
    click(&root, "[data-act=copy]");
    let hint = text(&root, "[id$=\"-copied\"]");
    assert!(hint.contains("Ctrl+C"), "{hint}");
    // The widget still answers.
    type_into(&root, "batches.0.participants", "120");
    assert!(text(&root, "[role=status]").contains("outside the rules"));
    assert!(hidden(&root, ".fault"));
    done(el);
}

#[wasm_bindgen_test]
fn an_exception_in_one_widget_is_reported_there_and_nothing_else_stops() {
    set_hash("");
    let (a, ra) = mounted("rest-trip", "zh");
    let (b, rb) = mounted("rest-trip", "zh");
    web::inject_fault(&a);
    type_into(&ra, "batches.0.participants", "120");
    // Widget A says so, in words, and keeps working.
    assert!(!hidden(&ra, ".fault"));
    assert!(text(&ra, ".fault").contains("没有完成"));
    type_into(&ra, "batches.0.participants", "120");
    assert!(text(&ra, "[role=status]").contains("不符"));
    // Widget B was never touched.
    type_into(&rb, "batches.0.participants", "130");
    assert!(text(&rb, "[role=status]").contains("不符"));
    assert!(hidden(&rb, ".fault"));
    // And a new widget still mounts.
    let (c, rc) = mounted("towns", "zh");
    assert!(rc.query_selector("canvas").unwrap().is_some());
    done(a);
    done(b);
    done(c);
}

#[wasm_bindgen_test]
fn the_panic_hook_marks_every_widget_with_a_way_out() {
    // What the hook does, without ending the test module: the message, the Reload link and
    // data-error on every widget (the hook itself only adds logging).
    set_hash("");
    let (a, ra) = mounted("towns", "zh");
    let (b, rb) = mounted("rest-trip", "en");
    web::on_panic("test");
    for (el, root) in [(&a, &ra), (&b, &rb)] {
        assert_eq!(el.get_attribute("data-error").as_deref(), Some("panic"));
        let dead = root.query_selector(".dead[role=alert]").unwrap().unwrap();
        assert!(dead.query_selector("a.reload").unwrap().is_some());
    }
    assert!(text(&rb, ".dead").contains("saved in the link"));
    web::revive_for_test();
    done(a);
    done(b);
    set_hash("");
}

#[wasm_bindgen_test]
fn the_js_api_checks_a_plain_object_and_lists_the_records() {
    let plan = js_sys::JSON::parse(&sx_explainer::rules::example_plan_json()).unwrap();
    let report = web::check(plan).unwrap();
    assert_eq!(
        js_sys::Reflect::get(&report, &"verdict".into()).unwrap(),
        JsValue::from_str("meets")
    );
    let typo = js_sys::JSON::parse(
        &sx_explainer::rules::example_plan_json()
            .replace("model_workers_under_65", "model_workers_under65"),
    )
    .unwrap();
    let report = web::check(typo).unwrap();
    assert_eq!(
        js_sys::Reflect::get(&report, &"verdict".into()).unwrap(),
        JsValue::from_str("invalid")
    );
    let errors: js_sys::Array = js_sys::Reflect::get(&report, &"errors".into())
        .unwrap()
        .into();
    let first = errors.get(0);
    let msg = js_sys::Reflect::get(&first, &"message_en".into()).unwrap();
    assert_eq!(
        msg.as_string().unwrap(),
        "unknown field `model_workers_under65`; did you mean `model_workers_under_65`?"
    );
    let records: js_sys::Array = web::records().unwrap().into();
    assert!(records.length() > 50);
    let first = records.get(0);
    assert!(js_sys::Reflect::get(&first, &"id".into())
        .unwrap()
        .is_string());
}

#[wasm_bindgen_test]
fn the_growth_box_shows_the_rate_the_chart_uses() {
    let (el, root) = mounted("towns", "en");
    let boxed = |t: &str| -> HtmlInputElement {
        root.query_selector(&format!("input[data-f=growth][type={t}]"))
            .unwrap()
            .unwrap()
            .dyn_into()
            .unwrap()
    };
    let number = boxed("number");
    number.set_value("999");
    fire_input(&number);
    // The chart is clamped to 100%, and so are both controls.
    assert_eq!(number.value(), "100");
    assert_eq!(boxed("range").value(), "100");
    assert_eq!(number.max(), boxed("range").max());
    let table = text(&root, "[data-chart=projection] table");
    assert!(table.contains("100%"), "{table}");
    done(el);
}

#[wasm_bindgen_test]
fn the_growth_slider_says_its_value_and_the_projection_is_announced_once() {
    let (el, root) = mounted("towns", "zh");
    let slider: HtmlInputElement = root
        .query_selector("input[data-f=growth][type=range]")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    assert_eq!(
        slider.get_attribute("aria-valuetext").as_deref(),
        Some("每年增长17%")
    );
    let live = root
        .query_selector("[id$=\"-proj-say\"]")
        .unwrap()
        .expect("the projection's live region");
    assert_eq!(live.get_attribute("aria-live").as_deref(), Some("polite"));
    // Nothing is said before the reader moves a control.
    assert_eq!(live.text_content().unwrap_or_default(), "");
    let slide = |v: &str| {
        slider.set_value(v);
        fire_input(&slider);
    };
    slide("10");
    assert_eq!(
        slider.get_attribute("aria-valuetext").as_deref(),
        Some("每年增长10%")
    );
    let said = live.text_content().unwrap_or_default();
    assert!(said.contains("亿元") && said.contains("不到"), "{said}");
    // The same rate again: the region's text node is not replaced, so nothing is said again.
    let node = live.first_child().expect("the words");
    slide("10");
    assert!(live.first_child().is_some_and(|n| n == node));
    slide("-5");
    assert_eq!(
        slider.get_attribute("aria-valuetext").as_deref(),
        Some("每年下降5%")
    );
    click(&root, "button.lang");
    // The other language is built again in parts, as at mount.
    web::settle(&el);
    let slider = root
        .query_selector("input[data-f=growth][type=range]")
        .unwrap()
        .unwrap();
    assert_eq!(
        slider.get_attribute("aria-valuetext").as_deref(),
        Some("-5% a year")
    );
    done(el);
}

/// Picks `value` in the select at `path` as a reader would.
fn pick(root: &ShadowRoot, path: &str, value: &str) {
    let s: web_sys::HtmlSelectElement = root
        .query_selector(&format!("[data-f=\"{path}\"]"))
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    s.set_value(value);
    fire_input(&s);
}

#[wasm_bindgen_test]
fn the_headline_names_what_was_not_checked() {
    set_hash("");
    let (el, root) = mounted("rest-trip", "zh");
    type_into(&root, "model_workers_under_65", "");
    let v = text(&root, "[role=status] strong");
    assert_eq!(v, "未超出所列标准（1项未核对：未填65岁以下劳模总数）");
    click(&root, "button.lang");
    let v = text(&root, "[role=status] strong");
    assert!(
        v.starts_with(
            "Within the limits checked (1 not checked: no count of model workers aged 65 or under"
        ),
        "{v}"
    );
    done(el);
}

#[wasm_bindgen_test]
fn another_organisers_plan_is_not_over_the_provincial_unions_caps() {
    set_hash("");
    let (el, root) = mounted("rest-trip", "zh");
    type_into(&root, "batches.0.cost_per_person", "9000");
    assert!(text(&root, "[data-chart=budget] .tbl").contains("超出上限"));
    pick(&root, "organizer", "other");
    let table = text(&root, "[data-chart=budget] .tbl");
    assert!(!table.contains("超出上限"), "{table}");
    assert!(table.contains("费用标准不适用"), "{table}");
    assert!(text(&root, "[role=status] strong").starts_with("未超出所列标准"));
    done(el);
}

#[wasm_bindgen_test]
fn every_figure_of_the_towns_sections_is_on_the_page_in_both_languages() {
    use sx_explainer::charts::record_value;
    use sx_explainer::data::{records, Kind, Section};
    for lang in ["zh", "en"] {
        let (el, root) = mounted("towns", lang);
        // Tables (visually hidden until opened) and the "also in the article" cards.
        let page = root.text_content().unwrap_or_default();
        let l = sx_explainer::format::Lang::parse(lang);
        let missing: Vec<String> = records()
            .iter()
            .filter(|r| r.kind != Kind::Derived && r.source.section != Section::RestTrip)
            .map(|r| record_value(r, l))
            .filter(|v| !page.contains(v.as_str()))
            .collect();
        assert!(missing.is_empty(), "{lang}: not on the page: {missing:?}");
        assert!(root.query_selector(".also .card cite").unwrap().is_some());
        done(el);
    }
}

/// Presses `key` on `el` as a keyboard does (a `keydown` that bubbles out of the shadow root).
fn press(el: &Element, key: &str) -> bool {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_cancelable(true);
    let ev = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    el.dispatch_event(&ev).unwrap();
    ev.default_prevented()
}

#[wasm_bindgen_test]
fn a_chart_is_explored_by_keyboard_and_each_point_is_announced() {
    let (el, root) = mounted("towns", "zh");
    let canvas: HtmlElement = root
        .query_selector("canvas[data-chart=output]")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    assert_eq!(canvas.get_attribute("tabindex").as_deref(), Some("0"));
    let summary = root
        .get_element_by_id(&canvas.get_attribute("aria-describedby").unwrap())
        .unwrap()
        .text_content()
        .unwrap();
    assert!(
        summary.contains("410.5亿元") && summary.contains("方向键"),
        "{summary}"
    );
    canvas.focus().unwrap();
    let before = pixels(canvas.unchecked_ref());
    let live = || text(&root, "[id$=\"-output-say\"]");
    let mut said = Vec::new();
    for _ in 0..3 {
        assert!(
            press(&canvas, "ArrowRight"),
            "the arrow key scrolled the page"
        );
        said.push(live());
    }
    said.dedup();
    assert_eq!(said.len(), 3, "three different points: {said:?}");
    assert!(
        said.iter().all(|s| s.contains("亿元") || s.contains('%')),
        "{said:?}"
    );
    // The point is drawn highlighted, and its tooltip is the mouse's.
    assert!(pixels(canvas.unchecked_ref()) != before);
    assert!(root
        .query_selector("[data-chart=output] .tip:not([hidden])")
        .unwrap()
        .is_some());
    // Down to the next group, Home and End.
    press(&canvas, "ArrowDown");
    assert!(live().contains("汾酒"), "{}", live());
    press(&canvas, "End");
    let end = live();
    press(&canvas, "Home");
    assert_ne!(live(), end);
    // Escape leaves the chart: the highlight and the tooltip go, focus moves on.
    assert!(press(&canvas, "Escape"));
    assert!(root
        .query_selector("[data-chart=output] .tip:not([hidden])")
        .unwrap()
        .is_none());
    assert!(pixels(canvas.unchecked_ref()) == before);
    let focused = root.active_element().unwrap();
    assert_eq!(focused.get_attribute("data-act").as_deref(), Some("table"));
    // Other keys are the page's.
    assert!(!press(&canvas, "a"));
    done(el);
}

#[wasm_bindgen_test]
fn the_check_lines_follow_every_edit_in_order() {
    // Lines are patched, not rebuilt: after each edit the two lists must still be exactly the
    // engine's checks for the plan in the share link, in order, each line once.
    set_hash("");
    let (el, root) = mounted("rest-trip", "zh");
    root.query_selector("details.roster")
        .unwrap()
        .unwrap()
        .set_attribute("open", "")
        .unwrap();
    let check_lists = || {
        let link = root
            .query_selector("input[id$=\"-link\"]")
            .unwrap()
            .unwrap()
            .dyn_into::<HtmlInputElement>()
            .unwrap()
            .value();
        let value = link.split("plan=").nth(1).unwrap().to_string();
        let report = sx_explainer::rules::check_draft(&link::decode(&value).unwrap());
        let lines = |sel: &str| -> Vec<String> {
            let all = root.query_selector_all(sel).unwrap();
            (0..all.length())
                .map(|i| all.get(i).unwrap().text_content().unwrap())
                .collect()
        };
        let (attn, met) = (lines("[id$=\"-attn\"] > li"), lines("[id$=\"-met\"] > li"));
        let want = |ok: bool| -> Vec<String> {
            report
                .checks
                .iter()
                .filter(|c| (c.status == sx_explainer::rules::Status::Ok) == ok)
                .map(|c| c.message(sx_explainer::format::Lang::Zh))
                .collect()
        };
        for (got, want) in [(attn, want(false)), (met, want(true))] {
            assert_eq!(got.len(), want.len(), "{got:#?}\n{want:#?}");
            for (g, w) in got.iter().zip(&want) {
                assert!(g.contains(w.as_str()), "{g} / {w}");
            }
        }
    };
    check_lists();
    click(&root, "[data-act=add-person]");
    check_lists();
    type_into(&root, "batches.0.participants", "120");
    check_lists();
    click(&root, "[data-act=dup-batch]");
    check_lists();
    let del = root.query_selector_all("[data-act=del-person]").unwrap();
    del.get(0)
        .unwrap()
        .dyn_into::<HtmlElement>()
        .unwrap()
        .click();
    check_lists();
    pick(&root, "people.0.honor", "county");
    check_lists();
    type_into(&root, "batches.0.participants", "80");
    click(&root, "[data-act=del-batch]");
    check_lists();
    done(el);
}
