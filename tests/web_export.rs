//! The exported charts are the page's charts (`wasm-pack test --headless --chrome -- --test
//! web_export`). Each chart is drawn twice in Chromium at the WeChat column's width: on a canvas
//! by the page's own `web::draw_chart_at`, with the 2D context's drawing calls recorded, and as
//! the exporter's SVG (`examples/export/svg.rs`, the same file the export uses). The two must
//! draw the same texts (string, position, size, weight, alignment, colour), the same rectangles,
//! paths, polygons and circles, in the same order. Chromium must also parse and render every SVG.
#![cfg(target_arch = "wasm32")]

#[allow(dead_code)]
#[path = "../examples/export/svg.rs"]
mod svg;

use js_sys::{Function, Promise, Reflect};
use serde_json::Value;
use sx_explainer::charts::ChartId;
use sx_explainer::data;
use sx_explainer::format::Lang;
use sx_explainer::web;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::HtmlCanvasElement;

wasm_bindgen_test_configure!(run_in_browser);

/// Wraps CanvasRenderingContext2D's drawing methods so that a canvas with a `__sxOps` array
/// records what is drawn on it, as the list `ops_of_svg` makes from an SVG. Colours become
/// `[r, g, b, alpha]`.
const RECORDER: &str = r#"
const P = CanvasRenderingContext2D.prototype;
if (P.__sxRecorder) return;
P.__sxRecorder = true;
const rgba = (s) => {
  if (s.startsWith('#')) return [1, 3, 5].map((i) => parseInt(s.slice(i, i + 2), 16)).concat([1]);
  const m = s.match(/rgba?\(([^)]*)\)/);
  if (!m) return [s];
  const v = m[1].split(',').map(Number);
  return [v[0], v[1], v[2], v.length > 3 ? Math.round(v[3] * 100) / 100 : 1];
};
const wrap = (name, record) => {
  const orig = P[name];
  P[name] = function (...a) {
    const ops = this.canvas.__sxOps;
    if (ops) record.call(this, ops, a);
    return orig.apply(this, a);
  };
};
// A path is a list of subpaths (each moveTo starts one): several straight strokes batched into
// one path (src/web/batch.rs) are recorded as the separate lines they draw.
const path = (ctx) => (ctx.__sxPath = ctx.__sxPath || { subs: [], arc: null });
const last = (p) => (p.subs.length ? p.subs[p.subs.length - 1] : (p.subs.push([]), p.subs[0]));
wrap('beginPath', function () { this.__sxPath = { subs: [], arc: null }; });
wrap('moveTo', function (ops, a) { path(this).subs.push([[a[0], a[1]]]); });
wrap('lineTo', function (ops, a) { last(path(this)).push([a[0], a[1]]); });
wrap('arc', function (ops, a) { path(this).arc = [a[0], a[1], a[2]]; });
wrap('stroke', function (ops) {
  const p = path(this);
  if (p.arc) ops.push({ t: 'circle', fill: false, x: p.arc[0], y: p.arc[1], r: p.arc[2], c: rgba(this.strokeStyle), lw: this.lineWidth });
  else for (const pts of p.subs) ops.push({ t: 'path', pts, c: rgba(this.strokeStyle), lw: this.lineWidth });
});
wrap('fill', function (ops) {
  const p = path(this);
  if (p.arc) ops.push({ t: 'circle', fill: true, x: p.arc[0], y: p.arc[1], r: p.arc[2], c: rgba(this.fillStyle) });
  else ops.push({ t: 'poly', pts: p.subs.flat(), c: rgba(this.fillStyle) });
});
wrap('fillRect', function (ops, a) {
  ops.push({ t: 'rect', fill: true, x: a[0], y: a[1], w: a[2], h: a[3], c: rgba(this.fillStyle) });
});
wrap('strokeRect', function (ops, a) {
  ops.push({ t: 'rect', fill: false, x: a[0], y: a[1], w: a[2], h: a[3], c: rgba(this.strokeStyle) });
});
wrap('fillText', function (ops, a) {
  const size = Number((this.font.match(/([\d.]+)px/) || [])[1]);
  const bold = /\b(bold|700)\b/.test(this.font);
  const align = { start: 'start', left: 'start', end: 'end', right: 'end', center: 'middle' }[this.textAlign];
  const base = { top: 'top', middle: 'middle', bottom: 'bottom' }[this.textBaseline] || this.textBaseline;
  ops.push({ t: 'text', s: a[0], x: a[1], y: a[2], size: Math.round(size * 1000) / 1000, bold, align, base, c: rgba(this.fillStyle) });
});
"#;

/// Parses an SVG with the browser's DOMParser into the recorder's list of operations; throws
/// when Chromium cannot parse it.
const SVG_OPS: &str = r#"
const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
if (doc.querySelector('parsererror')) throw new Error('SVG does not parse: ' + doc.querySelector('parsererror').textContent);
const hex = (s, op) => {
  const a = op === null ? 1 : Math.round(Number(op) * 100) / 100;
  return [1, 3, 5].map((i) => parseInt(s.slice(i, i + 2), 16)).concat([a]);
};
const num = (e, k) => Number(e.getAttribute(k));
const pts = (e) => e.getAttribute('points').trim().split(/\s+/).map((p) => p.split(',').map(Number));
const ops = [];
for (const e of doc.documentElement.children) {
  const fill = e.getAttribute('fill');
  const stroke = e.getAttribute('stroke');
  const op = e.getAttribute('opacity');
  switch (e.localName) {
    case 'title': case 'desc': break;
    case 'rect':
      if (fill && fill !== 'none') ops.push({ t: 'rect', fill: true, x: num(e, 'x'), y: num(e, 'y'), w: num(e, 'width'), h: num(e, 'height'), c: hex(fill, op) });
      else ops.push({ t: 'rect', fill: false, x: num(e, 'x'), y: num(e, 'y'), w: num(e, 'width'), h: num(e, 'height'), c: hex(stroke, op) });
      break;
    case 'polyline':
      ops.push({ t: 'path', pts: pts(e), c: hex(stroke, op), lw: num(e, 'stroke-width') });
      break;
    case 'polygon':
      ops.push({ t: 'poly', pts: pts(e), c: hex(fill, op) });
      break;
    case 'circle':
      if (fill && fill !== 'none') ops.push({ t: 'circle', fill: true, x: num(e, 'cx'), y: num(e, 'cy'), r: num(e, 'r'), c: hex(fill, op) });
      else ops.push({ t: 'circle', fill: false, x: num(e, 'cx'), y: num(e, 'cy'), r: num(e, 'r'), c: hex(stroke, op), lw: num(e, 'stroke-width') });
      break;
    case 'text': {
      const base = { '0.76em': 'top', '0.5ex': 'middle', '-0.5ex': 'bottom' }[e.getAttribute('dy')];
      ops.push({ t: 'text', s: e.textContent.trim(), x: num(e, 'x'), y: num(e, 'y'),
        size: Math.round(num(e, 'font-size') * 1000) / 1000, bold: e.getAttribute('font-weight') === 'bold',
        align: e.getAttribute('text-anchor'), base, c: hex(fill, op) });
      break;
    }
    default: ops.push({ t: 'unknown', name: e.localName });
  }
}
return JSON.stringify(ops);
"#;

/// Loads an SVG as an image, as a browser shows the file, draws it on a canvas and returns
/// `[naturalWidth, naturalHeight, dark pixels]`; rejects when Chromium cannot render it.
const SVG_RENDER: &str = r#"
return (async () => {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.naturalWidth; c.height = img.naturalHeight;
    const ctx = c.getContext('2d');
    ctx.drawImage(img, 0, 0);
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    let dark = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 0 && (d[i] < 200 || d[i + 1] < 200 || d[i + 2] < 200)) dark++;
    return [img.naturalWidth, img.naturalHeight, dark];
  } finally { URL.revokeObjectURL(url); }
})();
"#;

fn js(args: &str, body: &str) -> Function {
    Function::new_with_args(args, body)
}

fn canvas_ops(id: ChartId, lang: Lang) -> (Vec<Value>, (u32, u32)) {
    js("", RECORDER).call0(&JsValue::NULL).expect("recorder");
    let doc = web_sys::window().unwrap().document().unwrap();
    let canvas: HtmlCanvasElement = doc.create_element("canvas").unwrap().dyn_into().unwrap();
    doc.body().unwrap().append_child(&canvas).unwrap();
    let ops = js_sys::Array::new();
    Reflect::set(&canvas, &"__sxOps".into(), &ops).unwrap();
    let size = web::draw_chart_at(
        &canvas,
        id.slug(),
        f64::from(svg::COLUMN),
        1.0,
        lang.pick("zh", "en"),
    )
    .expect("the page draws the chart");
    canvas.remove();
    let text = js_sys::JSON::stringify(&ops).unwrap().as_string().unwrap();
    (serde_json::from_str(&text).unwrap(), size)
}

fn svg_ops(doc: &str) -> Vec<Value> {
    let text = js("svg", SVG_OPS)
        .call1(&JsValue::NULL, &doc.into())
        .expect("Chromium parses the SVG")
        .as_string()
        .unwrap();
    serde_json::from_str(&text).unwrap()
}

#[wasm_bindgen_test]
fn the_exported_svg_draws_what_the_canvas_draws() {
    for lang in [Lang::Zh, Lang::En] {
        for id in ChartId::ALL {
            let what = format!("{} {lang:?}", id.slug());
            let (doc, _) = svg::chart(id, lang, svg::COLUMN).expect("the SVG draws");
            let (canvas, size) = canvas_ops(id, lang);
            assert_eq!(size, svg::chart_size(id, svg::COLUMN), "{what}: size");
            let file = svg_ops(&doc);
            assert!(
                !file.iter().any(|o| o["t"] == "unknown"),
                "{what}: an SVG element the comparison does not know: {file:?}"
            );
            assert_eq!(
                canvas.len(),
                file.len(),
                "{what}: number of drawing operations"
            );
            for (i, (c, f)) in canvas.iter().zip(&file).enumerate() {
                assert_eq!(c, f, "{what}: operation {i} differs (canvas, then SVG)");
            }
            // The comparison covered what matters: the title as text, and the marks.
            let texts: Vec<&str> = canvas
                .iter()
                .filter(|o| o["t"] == "text")
                .filter_map(|o| o["s"].as_str())
                .collect();
            assert!(
                texts.join(" ").contains(id.title(lang)),
                "{what}: {texts:?}"
            );
            let rects = canvas.iter().filter(|o| o["t"] == "rect").count();
            assert!(rects >= 3, "{what}: {rects} rectangles");
        }
    }
}

/// The bars of the output chart carry the dataset's values in both files, at the same places.
#[wasm_bindgen_test]
fn the_output_bars_and_their_labels_match() {
    let (canvas, _) = canvas_ops(ChartId::Output, Lang::Zh);
    let (doc, layout) = svg::chart(ChartId::Output, Lang::Zh, svg::COLUMN).expect("SVG");
    let file = svg_ops(&doc);
    for label in ["410.5亿元", "155.6亿元", "增长18.2%"] {
        let find = |ops: &[Value]| {
            ops.iter()
                .find(|o| o["t"] == "text" && o["s"] == label)
                .map(|o| (o["x"].clone(), o["y"].clone()))
        };
        assert!(find(&canvas).is_some(), "{label} on the canvas");
        assert_eq!(find(&canvas), find(&file), "{label}");
    }
    // The 2023 bars of the ten towns and of the Fenjiu town: on both, the opaque filled
    // rectangle inside the mark the layout reports, as long as the values say.
    let bar = |ops: &[Value], record: &str| -> Value {
        let hit = layout
            .hits
            .iter()
            .find(|h| h.record_id == Some(record))
            .unwrap_or_else(|| panic!("no mark for {record}"));
        let inside = |o: &Value, k: &str, lo: i32, hi: i32| {
            o[k].as_i64()
                .is_some_and(|v| (i64::from(lo.min(hi))..=i64::from(lo.max(hi))).contains(&v))
        };
        ops.iter()
            .find(|o| {
                o["t"] == "rect"
                    && o["fill"] == true
                    && o["c"][3] == 1
                    && o["c"] != serde_json::json!([255, 255, 255, 1])
                    && inside(o, "x", hit.x0, hit.x1)
                    && inside(o, "y", hit.y0, hit.y1)
            })
            .cloned()
            .unwrap_or_else(|| panic!("no bar inside {hit:?}"))
    };
    let width = |o: &Value| o["w"].as_f64().unwrap_or(f64::NAN);
    let (ten, fenjiu) = (
        bar(&canvas, "ten_towns_output"),
        bar(&canvas, "fenjiu_output"),
    );
    assert_eq!(ten, bar(&file, "ten_towns_output"));
    assert_eq!(fenjiu, bar(&file, "fenjiu_output"));
    let drawn = width(&ten) / width(&fenjiu);
    let data = data::value("ten_towns_output") / data::value("fenjiu_output");
    assert!(
        (drawn / data - 1.0).abs() < 0.01,
        "bars {drawn} vs values {data}"
    );
}

#[wasm_bindgen_test]
async fn chromium_renders_every_exported_svg() {
    for lang in [Lang::Zh, Lang::En] {
        for id in ChartId::ALL {
            let (doc, _) = svg::chart(id, lang, svg::COLUMN).expect("SVG");
            let promise: Promise = js("svg", SVG_RENDER)
                .call1(&JsValue::NULL, &doc.into())
                .unwrap()
                .dyn_into()
                .unwrap();
            let got = JsFuture::from(promise)
                .await
                .unwrap_or_else(|e| panic!("{} {lang:?} does not render: {e:?}", id.slug()));
            let got: Vec<f64> = numbers(&got);
            let (w, h) = svg::chart_size(id, svg::COLUMN);
            assert_eq!(
                (got[0], got[1]),
                (f64::from(w), f64::from(h)),
                "{}",
                id.slug()
            );
            assert!(
                got[2] > f64::from(w * h) * 0.02,
                "{}: {} dark pixels",
                id.slug(),
                got[2]
            );
        }
    }
}

/// A JS array of numbers as a Vec.
fn numbers(v: &JsValue) -> Vec<f64> {
    js_sys::Array::from(v)
        .iter()
        .map(|x| x.as_f64().unwrap_or(f64::NAN))
        .collect()
}
