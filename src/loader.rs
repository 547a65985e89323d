//! What `embed.js` knows before the wasm arrives: the explainer kinds and which build each needs,
//! the words of the placeholder and of the failure panel in both languages, and the height to
//! reserve for each kind, language and width so that the page does not jump when the widget
//! mounts.
//!
//! `cargo run --release --example export` writes [`json`] to `loader.json`; `.ci/build` puts it
//! into `www/embed.js`. So the loader has no vocabulary of its own: a kind the core does not list
//! is refused before anything heavy loads, and every word it shows is here.

use crate::format::Lang;

/// An explainer a host element can ask for with `data-explainer`.
#[derive(Debug, Clone, Copy)]
pub struct Kind {
    /// The `data-explainer` value.
    pub id: &'static str,
    /// The build it needs: `pkg` (both explainers) or `pkg-towns` (the towns charts only, about a
    /// third smaller).
    pub build: &'static str,
    /// The kind in a sentence ("正在载入{title}……" / "Loading {title}…").
    pub title_zh: &'static str,
    pub title_en: &'static str,
    /// The kind as a heading in English (the Chinese heading is [`Kind::title_zh`]): the iframe
    /// page's `<h1>`.
    pub heading_en: &'static str,
}

impl Kind {
    /// The kind as a heading: the iframe page's `<h1>`, which names the one widget it holds.
    pub fn heading(&self, lang: Lang) -> &'static str {
        lang.pick(self.title_zh, self.heading_en)
    }
}

/// Every kind, in the order the editors' page lists them.
pub const KINDS: [Kind; 2] = [
    Kind {
        id: "towns",
        build: "pkg-towns",
        title_zh: "特色专业镇图表",
        title_en: "the specialty-towns charts",
        heading_en: "Specialty-towns charts",
    },
    Kind {
        id: "rest-trip",
        build: "pkg",
        title_zh: "劳模疗休养方案检查",
        title_en: "the rest-trip plan checker",
        heading_en: "Rest-trip plan checker",
    },
];

/// The kind named `id`, if the core has one.
pub fn kind(id: &str) -> Option<&'static Kind> {
    KINDS.iter().find(|k| k.id == id)
}

/// The loader's words in one language. `{title}` is the kind's title, `{name}` the value of an
/// unknown `data-explainer`, `{reason}` what failed: one of the `why_*` when `embed.js` can tell
/// which (the browser's own message stays in `data-error` and the console), else that message.
#[derive(Debug, Clone, Copy)]
pub struct Words {
    pub loading: &'static str,
    pub slow: &'static str,
    pub failed: &'static str,
    pub reason: &'static str,
    /// A download failed: the network, the server, or something on the way (an ad blocker).
    pub why_network: &'static str,
    /// The host page's Content-Security-Policy does not allow WebAssembly (no Retry: it would
    /// fail again).
    pub why_csp: &'static str,
    /// The browser has no WebAssembly, or has it turned off (no Retry).
    pub why_no_wasm: &'static str,
    pub plan_kept: &'static str,
    pub retry: &'static str,
    pub retrying: &'static str,
    pub figures: &'static str,
    pub figures_missing: &'static str,
    pub unknown: &'static str,
    pub no_shadow: &'static str,
}

/// The loader's words in `lang`.
pub fn words(lang: Lang) -> Words {
    match lang {
        Lang::Zh => Words {
            loading: "正在载入{title}……",
            slow: "网络较慢，仍在载入。",
            failed: "{title}没能载入。",
            reason: "原因：{reason}",
            why_network: "文件没能下载（网络或服务器的问题）。",
            why_csp: "本页的安全策略（CSP）不允许 WebAssembly：script-src 需加 'wasm-unsafe-eval'。",
            why_no_wasm: "浏览器关闭了 WebAssembly（如 iPhone 的锁定模式），请换浏览器或设备。",
            plan_kept: "地址栏的链接里保存着你的方案，重试或重新加载后会恢复。",
            retry: "重试 / Retry",
            retrying: "正在重试……",
            figures: "先看文字版：",
            figures_missing: "文字版也没能载入，请检查网络后重试。",
            unknown: "这里无法显示：没有名为“{name}”的解读组件。可用的名称是 towns（特色专业镇图表）和 rest-trip（劳模疗休养方案检查）。",
            no_shadow: "无法在这个元素里显示解读组件：请把 data-explainer 放在一个空的 <div> 上。",
        },
        Lang::En => Words {
            loading: "Loading {title}…",
            slow: "The network is slow; still loading.",
            failed: "{title} could not be loaded.",
            reason: "Reason: {reason}",
            why_network: "a file did not download (network or server).",
            why_csp: "the page's CSP forbids WebAssembly: script-src needs 'wasm-unsafe-eval'.",
            why_no_wasm: "WebAssembly is off in this browser (as in iPhone's Lockdown Mode); try another browser or device.",
            plan_kept: "Your plan is kept in the link in the address bar and comes back when you retry or reload.",
            retry: "Retry / 重试",
            retrying: "Retrying…",
            figures: "Meanwhile, in text:",
            figures_missing: "The text version could not be loaded either. Check the network and retry.",
            unknown: "Nothing to show here: there is no explainer called \"{name}\". The names are towns (the specialty-towns charts) and rest-trip (the rest-trip plan checker).",
            no_shadow: "The explainer cannot be shown inside this element: put data-explainer on an empty <div>.",
        },
    }
}

/// The first width of [`HEIGHTS`], in CSS pixels.
pub const HEIGHT_FROM: u32 = 280;
/// The step between the widths of [`HEIGHTS`].
pub const HEIGHT_STEP: u32 = 40;

/// The widget's height (CSS px) at widths 280, 320, …, 1280 px, per kind and language, measured
/// in Chromium with the example plan, a 16 px root font and WenQuanYi Micro Hei.
/// `tests/e2e/contain.mjs` measures the widget again and fails when a row is off by more than
/// its tolerance; `node tests/e2e/contain.mjs --heights` prints fresh rows to paste here.
pub const HEIGHTS: [(&str, Lang, [u32; 26]); 4] = [
    (
        "towns",
        Lang::Zh,
        [
            8121, 7457, 7082, 6876, 6754, 6216, 6057, 5998, 5686, 5595, 5524, 5323, 5255, 5210,
            5210, 5187, 5062, 5309, 5309, 5241, 5241, 5202, 5186, 4978, 4978, 4911,
        ],
    ),
    (
        "towns",
        Lang::En,
        [
            9584, 8992, 8513, 8151, 7496, 7536, 7056, 6837, 6751, 6542, 6328, 6293, 6061, 5992,
            5878, 5832, 5786, 6056, 5896, 5850, 5804, 5758, 5719, 5719, 5537, 5555,
        ],
    ),
    (
        "rest-trip",
        Lang::Zh,
        [
            3818, 3439, 3296, 3221, 3191, 3054, 3035, 2991, 2968, 3012, 2927, 2906, 2118, 2118,
            2118, 2092, 2092, 1942, 1899, 1899, 1899, 1899, 1899, 1899, 1942, 1942,
        ],
    ),
    (
        "rest-trip",
        Lang::En,
        [
            4383, 3914, 3648, 3450, 3377, 3202, 3150, 3149, 3072, 3093, 3077, 3033, 2177, 2131,
            2131, 2105, 2105, 2022, 1976, 1950, 1950, 1950, 1881, 1881, 1973, 1927,
        ],
    ),
];

/// The height to reserve for `kind` in `lang` at `width`: linear between the two nearest
/// measured widths, the end rows beyond them. `embed.js` computes the same from [`json`].
pub fn height(kind: &str, lang: Lang, width: f64) -> Option<f64> {
    let (_, _, row) = HEIGHTS.iter().find(|(k, l, _)| *k == kind && *l == lang)?;
    let at = ((width - f64::from(HEIGHT_FROM)) / f64::from(HEIGHT_STEP)).max(0.0);
    let i = (at.floor() as usize).min(row.len() - 1);
    let j = (i + 1).min(row.len() - 1);
    let f = crate::num::clamp(at - i as f64, 0.0, 1.0);
    Some(f64::from(row[i]) + (f64::from(row[j]) - f64::from(row[i])) * f)
}

/// `embed.css`, for the host page's `<head>`: it reserves each embed's height before `embed.js`
/// has run (a deferred script runs after the first paint, so without it the text below an embed
/// jumps once). Each rule gives the host a `::before` whose `padding-top` (a percentage of the
/// host's width) follows the lower convex hull of the kind's [`HEIGHTS`] row: `max()` of one
/// `calc(a + b%)` per hull edge. The hull never reserves more than the widget needs; `embed.js`
/// then reserves the interpolated height exactly, and the rule stops once the host is busy
/// (`aria-busy`), mounted (`data-ready`) or has failed (`data-error`).
pub fn reserve_css() -> String {
    let mut css = String::from(
        "/* Written by `cargo run --release --example export` from sx_explainer::loader::HEIGHTS: the \
         height each explainer needs at the host's width, reserved until embed.js takes over. */\n",
    );
    for (kind, lang, row) in &HEIGHTS {
        let points: Vec<(f64, f64)> = row
            .iter()
            .enumerate()
            .map(|(i, h)| {
                (
                    f64::from(HEIGHT_FROM + HEIGHT_STEP * i as u32),
                    f64::from(*h),
                )
            })
            .collect();
        let terms: Vec<String> = lower_hull(&points)
            .windows(2)
            .map(|e| {
                let ((x1, y1), (x2, y2)) = (e[0], e[1]);
                let slope = (y2 - y1) / (x2 - x1);
                let (a, b) = (y1 - slope * x1, slope * 100.0);
                let sign = if b < 0.0 { '-' } else { '+' };
                format!("calc({a:.1}px {sign} {:.2}%)", b.abs())
            })
            .chain(std::iter::once(format!(
                "{}px",
                row.iter().min().copied().unwrap_or(0)
            )))
            .collect();
        let who = match lang {
            Lang::Zh => format!("[data-explainer=\"{kind}\"]"),
            Lang::En => format!(
                "[data-explainer=\"{kind}\"]:is([data-lang^=\"en\"], :not([data-lang]):lang(en))"
            ),
        };
        css.push_str(&format!(
            "{who}:not([aria-busy], [data-ready], [data-error])::before {{ content: \"\"; display: block; padding-top: max({}); }}\n",
            terms.join(", ")
        ));
    }
    css
}

/// The lower convex hull of `points` (sorted by x), left to right.
fn lower_hull(points: &[(f64, f64)]) -> Vec<(f64, f64)> {
    let mut hull: Vec<(f64, f64)> = Vec::new();
    for &p in points {
        while hull.len() >= 2 {
            let (o, a) = (hull[hull.len() - 2], hull[hull.len() - 1]);
            let cross = (a.0 - o.0) * (p.1 - o.1) - (a.1 - o.1) * (p.0 - o.0);
            if cross <= 0.0 {
                hull.pop();
            } else {
                break;
            }
        }
        hull.push(p);
    }
    hull
}

/// Charts are drawn at their plot's width rounded down to a multiple of this (CSS pixels).
pub const CHART_STEP: u32 = 8;
/// The chart widths at which the first chart is pre-rendered: phones and small tablets, where
/// the first paint waits longest for the wasm. Wider charts are drawn by the wasm only.
pub const PRE_FROM: u32 = 280;
pub const PRE_TO: u32 = 760;
/// The kinds whose first chart is pre-rendered: the towns (the rest-trip widget opens on its
/// form, which needs the wasm, and its chart shows the reader's plan).
pub const PRE_KINDS: [&str; 1] = ["towns"];

/// What `embed.js` shows in a pre-rendered kind's box before the wasm arrives: the widget's
/// section up to its first chart (the title row, the lead and the first figure with an empty
/// canvas), built by the same code as the widget itself, so that the chart sits where the
/// widget will draw it. `None` for a kind that is not pre-rendered.
pub fn prerender_head(kind: &str, lang: Lang) -> Option<String> {
    use crate::markup::{self, H};
    if !PRE_KINDS.contains(&kind) {
        return None;
    }
    let mut h = H::default();
    markup::top(&mut h, kind, lang, &|s| format!("sx-pre-{s}"), None);
    markup::towns_lead(&mut h, lang);
    h.o("figure", &[("class", "chart")])
        .o("div", &[("class", "plot")])
        .o("canvas", &[("aria-hidden", "true")])
        .c("canvas")
        .c("div")
        .c("figure");
    Some(h.0)
}

/// The first chart of `kind` in `lang` at `width` CSS pixels as a paint list
/// ([`crate::charts::paint_list`]), in the dark or the light palette. `None` for a kind that is
/// not pre-rendered.
pub fn prerender_chart(kind: &str, lang: Lang, dark: bool, width: u32) -> Option<String> {
    use crate::charts::{paint_list, ChartId, ChartInput};
    let opts = prerender_opts(kind, lang, dark, width)?;
    Some(paint_list(ChartId::Output, &opts, &ChartInput::default()))
}

/// The options the first chart of `kind` is pre-rendered with, `None` for a kind that is not.
fn prerender_opts(
    kind: &str,
    lang: Lang,
    dark: bool,
    width: u32,
) -> Option<crate::charts::ChartOptions> {
    use crate::charts::{ChartOptions, Theme};
    PRE_KINDS.contains(&kind).then(|| ChartOptions {
        lang,
        theme: if dark { Theme::Dark } else { Theme::Light },
        css_width: f64::from(width),
        ..ChartOptions::default()
    })
}

/// What `embed.js` warms while a pre-rendered kind's paint list is on its way: every font chart
/// 1 draws in `lang` at any width the build covers (its size in CSS pixels and whether it is
/// bold, each once, in the order first drawn) and every character it draws (each once, in the
/// order first drawn). Measuring that text once in each font on the chart's canvas makes the
/// browser find the fonts and their fallbacks (the CJK ones, on most systems) while the page
/// waits for the network anyway, so that painting the chart no longer starts with cold fonts.
/// `None` for a kind that is not pre-rendered.
pub fn prerender_warm(kind: &str, lang: Lang) -> Option<(Vec<(f64, bool)>, String)> {
    use crate::charts::{texts, ChartId, ChartInput};
    let mut fonts: Vec<(f64, bool)> = Vec::new();
    let mut chars = String::new();
    for width in (PRE_FROM..=PRE_TO).step_by(CHART_STEP as usize) {
        // The texts are the same in either palette.
        let opts = prerender_opts(kind, lang, false, width)?;
        for (text, size, bold) in texts(ChartId::Output, &opts, &ChartInput::default()) {
            if !fonts
                .iter()
                .any(|&(z, b)| z.to_bits() == size.to_bits() && b == bold)
            {
                fonts.push((size, bold));
            }
            for c in text.chars() {
                if !chars.contains(c) {
                    chars.push(c);
                }
            }
        }
    }
    Some((fonts, chars))
}

/// The file name of a pre-rendered chart, under the build's pre-render directory.
pub fn prerender_file(kind: &str, lang: Lang, dark: bool, width: u32) -> String {
    format!(
        "{kind}-{}-{}-{width}.json",
        lang.pick("zh", "en"),
        if dark { "dark" } else { "light" }
    )
}

/// Everything above as the JSON object `embed.js` carries:
/// `{ kinds: [{ id, build, title: { zh, en } }], words: { zh: {…}, en: {…} },
///    heights: { from, step, rows: { "<kind>": { zh: [...], en: [...] } } },
///    pre: { from, to, step, font, head: { "<kind>": { zh, en } },
///           warm: { "<kind>": { zh: { fonts: [[size, bold 0|1], …], text }, en: … } } } }`
/// (the pre-rendered charts themselves are files, [`prerender_file`]).
pub fn json() -> String {
    use serde_json::{json, Map, Value};
    let kinds: Vec<Value> = KINDS
        .iter()
        .map(|k| json!({ "id": k.id, "build": k.build, "title": { "zh": k.title_zh, "en": k.title_en } }))
        .collect();
    let words = |lang| {
        let w = words(lang);
        json!({
            "loading": w.loading, "slow": w.slow, "failed": w.failed, "reason": w.reason,
            "why_network": w.why_network, "why_csp": w.why_csp, "why_no_wasm": w.why_no_wasm,
            "plan_kept": w.plan_kept, "retry": w.retry, "retrying": w.retrying,
            "figures": w.figures, "figures_missing": w.figures_missing,
            "unknown": w.unknown, "no_shadow": w.no_shadow,
        })
    };
    let mut rows = Map::new();
    for (kind, lang, row) in &HEIGHTS {
        let entry = rows
            .entry(kind.to_string())
            .or_insert_with(|| Value::Object(Map::new()));
        if let Value::Object(m) = entry {
            m.insert(lang.pick("zh", "en").to_string(), json!(row.to_vec()));
        }
    }
    let mut pre = Map::new();
    let mut warm = Map::new();
    for kind in PRE_KINDS {
        pre.insert(
            kind.to_string(),
            json!({ "zh": prerender_head(kind, Lang::Zh), "en": prerender_head(kind, Lang::En) }),
        );
        let warmed = |lang| {
            prerender_warm(kind, lang).map(|(fonts, text)| {
                let fonts: Vec<Value> = fonts
                    .iter()
                    .map(|&(size, bold)| json!([size, u8::from(bold)]))
                    .collect();
                json!({ "fonts": fonts, "text": text })
            })
        };
        warm.insert(
            kind.to_string(),
            json!({ "zh": warmed(Lang::Zh), "en": warmed(Lang::En) }),
        );
    }
    json!({
        "kinds": kinds,
        "words": { "zh": words(Lang::Zh), "en": words(Lang::En) },
        "heights": { "from": HEIGHT_FROM, "step": HEIGHT_STEP, "rows": rows },
        "pre": {
            "from": PRE_FROM, "to": PRE_TO, "step": CHART_STEP, "font": crate::charts::FONT,
            "head": pre, "warm": warm,
        },
    })
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_a_height_row_in_both_languages() {
        for k in KINDS {
            for lang in [Lang::Zh, Lang::En] {
                assert!(height(k.id, lang, 360.0).is_some(), "{} {lang:?}", k.id);
            }
        }
        assert_eq!(HEIGHTS.len(), KINDS.len() * 2);
    }

    #[test]
    fn heights_interpolate_between_measured_widths_and_hold_beyond_them() {
        let row = HEIGHTS[0].2.map(f64::from);
        assert_eq!(HEIGHTS[0].0, "towns");
        // 280 and 320 px are measured: halfway is their mean.
        assert_eq!(height("towns", Lang::Zh, 280.0), Some(row[0]));
        assert_eq!(
            height("towns", Lang::Zh, 300.0),
            Some((row[0] + row[1]) / 2.0)
        );
        assert_eq!(height("towns", Lang::Zh, 100.0), Some(row[0]));
        assert_eq!(height("towns", Lang::Zh, 4000.0), Some(row[25]));
        assert_eq!(height("nope", Lang::Zh, 360.0), None);
    }

    #[test]
    fn the_json_carries_kinds_words_and_heights() {
        let v: serde_json::Value = serde_json::from_str(&json()).unwrap();
        assert_eq!(v["kinds"][1]["id"], "rest-trip");
        assert_eq!(v["kinds"][0]["build"], "pkg-towns");
        assert_eq!(v["heights"]["rows"]["towns"]["en"][0], HEIGHTS[1].2[0]);
        assert!(v["pre"]["head"]["towns"]["zh"]
            .as_str()
            .unwrap()
            .contains("410.5亿元"));
        assert!(v["words"]["zh"]["unknown"]
            .as_str()
            .unwrap()
            .contains("{name}"));
        // The reasons a failure panel gives in plain words, both languages; the CSP one names
        // the source the README's Deploying section asks for.
        for lang in ["zh", "en"] {
            for key in ["why_network", "why_csp", "why_no_wasm"] {
                let w = v["words"][lang][key].as_str().unwrap_or_default();
                assert!(w.chars().count() > 10, "{lang} {key}: {w:?}");
            }
            let csp = v["words"][lang]["why_csp"].as_str().unwrap_or_default();
            assert!(csp.contains("'wasm-unsafe-eval'"), "{csp}");
        }
    }

    /// The fonts and characters `embed.js` warms are those of the pre-rendered charts
    /// themselves, read back from their paint lists (the files it paints), at every width the
    /// build covers, in both palettes and languages: each font and each character once.
    #[test]
    fn the_warmed_fonts_and_text_are_those_of_every_pre_rendered_chart() {
        for lang in [Lang::Zh, Lang::En] {
            let (fonts, text) = prerender_warm("towns", lang).unwrap();
            let mut used = Vec::new();
            for width in (PRE_FROM..=PRE_TO).step_by(CHART_STEP as usize) {
                for dark in [false, true] {
                    let list = prerender_chart("towns", lang, dark, width).unwrap();
                    let v: serde_json::Value = serde_json::from_str(&list).unwrap();
                    assert_eq!(v["font"], crate::charts::FONT);
                    for o in v["o"].as_array().unwrap() {
                        if o[0] != 4 {
                            continue;
                        }
                        let font = (o[4].as_f64().unwrap(), o[8] == 1);
                        if !used.contains(&font) {
                            used.push(font);
                        }
                        for c in o[1].as_str().unwrap().chars() {
                            assert!(text.contains(c), "{lang:?} {width} {c:?} not warmed");
                        }
                    }
                }
            }
            used.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            let mut warmed = fonts.clone();
            warmed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            assert_eq!(warmed, used, "{lang:?}");
            let mut chars: Vec<char> = text.chars().collect();
            chars.sort_unstable();
            chars.dedup();
            assert_eq!(
                chars.len(),
                text.chars().count(),
                "{lang:?}: a character twice"
            );
        }
        assert!(prerender_warm("rest-trip", Lang::Zh).is_none());
        let v: serde_json::Value = serde_json::from_str(&json()).unwrap();
        assert_eq!(v["pre"]["font"], crate::charts::FONT);
        assert!(v["pre"]["warm"]["towns"]["zh"]["text"]
            .as_str()
            .unwrap()
            .contains('镇'));
        assert!(v["pre"]["warm"]["towns"]["en"]["fonts"][0][0].is_number());
    }

    /// The height the CSS reserves at `width`: its `max()` evaluated.
    fn reserved(rule: &str, width: f64) -> f64 {
        let inner = &rule[rule.find("max(").unwrap() + 4..rule.rfind(')').unwrap()];
        inner
            .split(", ")
            .map(|t| {
                if let Some(lin) = t.strip_prefix("calc(") {
                    let (a, rest) = lin.trim_end_matches("%)").split_once("px ").unwrap();
                    let (sign, b) = rest.split_once(' ').unwrap();
                    let b: f64 = b.parse().unwrap();
                    let b = if sign == "-" { -b } else { b };
                    a.parse::<f64>().unwrap() + b / 100.0 * width
                } else {
                    t.trim_end_matches("px").parse().unwrap()
                }
            })
            .fold(f64::MIN, f64::max)
    }

    #[test]
    fn the_css_reserves_no_more_than_the_widget_needs_and_close_to_it() {
        let css = reserve_css();
        let rules: Vec<&str> = css.lines().filter(|l| l.contains("::before")).collect();
        assert_eq!(rules.len(), HEIGHTS.len());
        for ((kind, lang, row), rule) in HEIGHTS.iter().zip(&rules) {
            assert!(rule.contains(kind));
            for (i, &h) in row.iter().enumerate() {
                let w = f64::from(HEIGHT_FROM + HEIGHT_STEP * i as u32);
                let r = reserved(rule, w);
                // Never more than needed (1 px for the rounding of the printed numbers)...
                assert!(r <= f64::from(h) + 1.0, "{kind} {lang:?} at {w}: {r} > {h}");
                // ... and never less than two thirds of it, so a viewport below the embed's top
                // stays covered on every screen.
                assert!(
                    r >= f64::from(h) * 2.0 / 3.0,
                    "{kind} {lang:?} at {w}: {r} << {h}"
                );
            }
        }
    }

    #[test]
    fn every_build_named_is_one_the_site_has() {
        for k in KINDS {
            assert!(matches!(k.build, "pkg" | "pkg-towns"), "{}", k.build);
        }
        // The rest-trip widget needs the full build: the towns-only one leaves it out.
        assert_eq!(kind("rest-trip").map(|k| k.build), Some("pkg"));
    }
}
