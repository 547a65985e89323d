//! The seven charts rendered to SVG (the same drawing code the page runs on a canvas), read back:
//! every number a chart should show is in the picture, derived and illustrative values are
//! marked as such, the source line is there, no text runs off a 320 px phone, the tooltip of a
//! mark is its record's, and a golden SVG per chart catches accidental layout changes
//! (`UPDATE_SNAPSHOTS=1 cargo test --test charts` rewrites them after a deliberate change).

use plotters::prelude::*;
use sx_explainer::charts::{
    draw, table, text_width, Annualise, ChartId, ChartInput, ChartLayout, ChartOptions, PlanPoint,
    Projection, Theme,
};
use sx_explainer::format::Lang;
use sx_explainer::rules::Destination;

fn render_opts(
    id: ChartId,
    w: u32,
    opts: ChartOptions,
    input: &ChartInput,
) -> (String, ChartLayout, u32) {
    let h = (f64::from(w) * id.aspect(f64::from(w))).round() as u32;
    let mut svg = String::new();
    let layout;
    {
        let area = SVGBackend::with_string(&mut svg, (w, h)).into_drawing_area();
        layout = draw(id, &area, &opts, input).expect("the chart draws");
    }
    (svg, layout, h)
}

fn render(id: ChartId, w: u32, lang: Lang, input: &ChartInput) -> (String, ChartLayout, u32) {
    render_opts(
        id,
        w,
        ChartOptions {
            lang,
            css_width: f64::from(w),
            ..ChartOptions::default()
        },
        input,
    )
}

fn plan() -> ChartInput {
    ChartInput {
        plan_points: vec![
            PlanPoint {
                capped: true,
                days: 7,
                cost_per_person_fen: 450_000,
                destination: Destination::InProvince,
                label_zh: "第1批".into(),
                label_en: "Batch 1".into(),
            },
            PlanPoint {
                capped: true,
                days: 5,
                cost_per_person_fen: 560_000,
                destination: Destination::OutOfProvince,
                label_zh: "第2批".into(),
                label_en: "Batch 2".into(),
            },
        ],
        ..ChartInput::default()
    }
}

fn point(days: u32, yuan: i64, destination: Destination, n: usize) -> PlanPoint {
    PlanPoint {
        capped: true,
        days,
        cost_per_person_fen: yuan * 100,
        destination,
        label_zh: format!("第{n}批"),
        label_en: format!("Batch {n}"),
    }
}

/// The plan the page starts from (the rule engine's example): 7 days at ¥4,500 in the province,
/// 6 days at ¥5,800 out of it.
fn plan_example() -> ChartInput {
    use Destination::*;
    ChartInput {
        plan_points: vec![
            point(7, 4_500, InProvince, 1),
            point(6, 5_800, OutOfProvince, 2),
        ],
        ..ChartInput::default()
    }
}

/// Plan points at the edges: 1, 7 and 10 days; ¥0, ¥4,500, ¥6,000 and ¥12,000; both
/// destinations; several on one spot and on the lines and their labels.
fn extreme_plans() -> Vec<(&'static str, Vec<PlanPoint>)> {
    use Destination::*;
    vec![
        (
            "edges",
            vec![
                point(1, 0, InProvince, 1),
                point(7, 4_500, InProvince, 2),
                point(10, 6_000, OutOfProvince, 3),
                point(10, 12_000, OutOfProvince, 4),
                point(1, 12_000, InProvince, 5),
            ],
        ),
        (
            "same-spot",
            vec![
                point(7, 4_500, InProvince, 1),
                point(7, 4_500, InProvince, 2),
                point(7, 4_500, OutOfProvince, 3),
                point(6, 6_000, OutOfProvince, 4),
                point(6, 6_000, InProvince, 5),
            ],
        ),
        (
            "on-lines",
            vec![
                point(1, 4_500, OutOfProvince, 1),
                point(10, 6_000, InProvince, 2),
                point(10, 0, InProvince, 3),
                point(7, 6_000, OutOfProvince, 4),
                point(6, 5_000, InProvince, 6),
                point(5, 4_500, OutOfProvince, 7),
            ],
        ),
    ]
}

/// The projection at the ends of its slider, both ways of making a year.
fn extreme_projections() -> Vec<(&'static str, f64, Annualise)> {
    vec![
        ("minus50-linear", -50.0, Annualise::LinearPace),
        ("minus50-eight", -50.0, Annualise::EightMonthsOnly),
        ("plus100-linear", 100.0, Annualise::LinearPace),
        ("plus100-eight", 100.0, Annualise::EightMonthsOnly),
    ]
}

/// One `<text>` of the SVG: anchor x, y, text-anchor, the style's font size (SVG writes size/1.24), text.
struct SvgText {
    x: f64,
    y: f64,
    anchor: String,
    size: f64,
    text: String,
}

fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let i = tag.find(&key)? + key.len();
    let j = tag[i..].find('"')? + i;
    Some(&tag[i..j])
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

fn texts(svg: &str) -> Vec<SvgText> {
    let mut out = Vec::new();
    let mut rest = svg;
    while let Some(i) = rest.find("<text") {
        rest = &rest[i..];
        let Some(close) = rest.find('>') else { break };
        let tag = &rest[..close];
        let Some(end) = rest.find("</text>") else {
            break;
        };
        let text = unescape(rest[close + 1..end].trim());
        let num = |n| {
            attr(tag, n)
                .and_then(|v| v.parse::<f64>().ok())
                .unwrap_or(f64::NAN)
        };
        out.push(SvgText {
            x: num("x"),
            y: num("y"),
            anchor: attr(tag, "text-anchor").unwrap_or("start").to_string(),
            size: num("font-size") * 1.24,
            text,
        });
        rest = &rest[end..];
    }
    out
}

fn all_text(svg: &str) -> String {
    texts(svg)
        .into_iter()
        .map(|t| t.text)
        .collect::<Vec<_>>()
        .join("\n")
}

/// What each chart must show, in Chinese and in English.
fn expected(id: ChartId, lang: Lang) -> Vec<&'static str> {
    match (id, lang) {
        (ChartId::Output, Lang::Zh) => vec![
            "410.5亿元",
            "347.3亿元",
            "155.6亿元",
            "133亿元",
            "254.9亿元",
            "214.3亿元",
            "18.2%",
            "17%",
            "约19%（推算）",
        ],
        (ChartId::Output, Lang::En) => vec![
            "¥41.05bn",
            "¥34.73bn",
            "¥15.56bn",
            "¥13.3bn",
            "¥25.49bn",
            "¥21.43bn",
            "+18.2%",
            "+17%",
            "up about 19% (our calc.)",
        ],
        (ChartId::Growth, Lang::Zh) => vec!["18.2%", "17%", "约19%", "10.8%"],
        (ChartId::Growth, Lang::En) => vec!["18.2%", "17%", "about 19%", "10.8%"],
        (ChartId::Tiers, Lang::Zh) => vec!["10个", "30个以上", "82个", "5个", "38个"],
        (ChartId::Tiers, Lang::En) => vec!["10", "30+", "82", "5", "38"],
        (ChartId::Targets, Lang::Zh) => vec![
            "10个",
            "30个以上",
            "6.5个",
            "8个以上",
            "155.6亿元",
            "100亿级",
            "300亿级",
            "65个",
        ],
        (ChartId::Targets, Lang::En) => vec![
            "10",
            "30+",
            "6.5",
            "8+",
            "¥15.56bn",
            "¥10bn class",
            "¥30bn class",
            "65",
        ],
        (ChartId::Projection, Lang::Zh) => vec![
            "155.6亿元",
            "233.4亿元",
            "273.1亿元",
            "319.5亿元",
            "300亿级目标",
            "17%",
            "13.4%",
        ],
        (ChartId::Projection, Lang::En) => vec![
            "¥15.56bn",
            "¥23.34bn",
            "¥27.31bn",
            "¥31.95bn",
            "¥30bn target",
            "17%",
            "13.4%",
        ],
        (ChartId::Money, Lang::Zh) => vec![
            "1亿元",
            "2亿元",
            "12亿元",
            "4.1亿元",
            "23亿元",
            "每1元中央资金拉动投资5.61元（推算）",
        ],
        (ChartId::Money, Lang::En) => vec![
            "¥100m",
            "¥200m",
            "¥1.2bn",
            "¥410m",
            "¥2.3bn",
            "¥5.61 of investment per ¥1 (our calc.)",
        ],
        (ChartId::Budget, Lang::Zh) => vec![
            "一般每人不超过5000元，平均每人每天不超过900元",
            "一般每人不超过6000元，平均每人每天不超过1000元",
            "900元",
            "5000元",
            "1000元",
            "6000元",
            "5.56天",
            "6天",
            "超过7天",
            "第1批",
            "第2批（省外，超出）",
        ],
        (ChartId::Budget, Lang::En) => vec![
            "generally at most ¥5,000 a person, ¥900 a day on average",
            "generally at most ¥6,000 a person, ¥1,000 a day on average",
            "¥900",
            "¥5,000",
            "¥1,000",
            "¥6,000",
            "5.56 days",
            "6 days",
            "> 7 days",
            "Batch 1",
            "Batch 2 (out, over)",
        ],
    }
}

/// The legend words that mark derived, target and illustrative values, when the chart has them.
fn marked(id: ChartId, lang: Lang) -> Vec<&'static str> {
    let (derived, target, illustration) = match lang {
        Lang::Zh => ("推算", "目标", "示意"),
        Lang::En => ("Our calculation", "Target", "Illustration"),
    };
    match id {
        ChartId::Output | ChartId::Growth => vec![derived],
        ChartId::Tiers => vec![target],
        ChartId::Targets => vec![derived, target],
        ChartId::Projection => vec![illustration],
        ChartId::Money => vec![],
        ChartId::Budget => vec![lang.pick("示意", "(illustration)")],
    }
}

#[test]
fn every_chart_shows_its_numbers_in_both_languages_and_widths() {
    for id in ChartId::ALL {
        for lang in [Lang::Zh, Lang::En] {
            for w in [360, 1024] {
                let (svg, layout, _) = render(id, w, lang, &plan());
                let text = all_text(&svg);
                let squeeze =
                    |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
                for want in expected(id, lang) {
                    // A sentence may be wrapped over lines.
                    assert!(
                        text.contains(want) || squeeze(&text).contains(&squeeze(want)),
                        "{id:?} {lang:?} {w}px lacks {want:?}:\n{text}"
                    );
                }
                for word in marked(id, lang) {
                    assert!(
                        text.contains(word),
                        "{id:?} {lang:?} {w}px: no legend {word:?}"
                    );
                }
                assert!(
                    squeeze(&text).contains(&squeeze(id.title(lang))),
                    "{id:?} {lang:?} {w}px: no title"
                );
                let source = lang.pick("来源：", "Source: ");
                assert!(
                    texts(&svg).iter().any(|t| t.text.starts_with(source)),
                    "{id:?} {lang:?} {w}px: no source line"
                );
                assert!(!layout.hits.is_empty(), "{id:?}: no marks for tooltips");
            }
        }
    }
}

/// Chart 7's kinks, where the per-day cap gives way to the per-person one, are our calculation
/// (¥5,000 ÷ ¥900 = 5.56 days; ¥6,000 ÷ ¥1,000 = 6): the note under the chart works them out and
/// says so at every width, a label at a kink (wide plots only) says so too, and the lines above the
/// plot and the caption give the caps as the article words them, with its "generally" and without
/// a derived day count.
#[test]
fn the_budget_charts_day_counts_are_marked_as_ours() {
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    for lang in [Lang::Zh, Lang::En] {
        let mark = lang.pick("（推算）", "(our calc.)");
        let note = lang.pick(
            "折线在按人封顶处拐弯：省内5.56天（5000元÷900元），省外6天（6000元÷1000元），为本报推算。",
            "The lines bend where the per-person cap takes over, at 5.56 days in the province (¥5,000 ÷ ¥900) and 6 days out of it (¥6,000 ÷ ¥1,000): our calculation.",
        );
        for w in [280, 360, 640, 1024] {
            let (svg, _, _) = render(ChartId::Budget, w, lang, &plan());
            let texts = texts(&svg);
            let all = squeeze(
                &texts
                    .iter()
                    .map(|t| t.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
            );
            assert!(all.contains(&squeeze(note)), "{lang:?} {w}px: no kink note");
            // Outside the note, a text with a day count of the kinks is a kink label.
            let labels: Vec<&str> = texts
                .iter()
                .map(|t| t.text.as_str())
                .filter(|t| t.contains(lang.pick("天起按人封顶", "capped from")))
                .collect();
            for t in &labels {
                assert!(t.contains(mark), "{lang:?} {w}px: {t:?} is unmarked");
            }
            if w >= 640 {
                assert_eq!(labels.len(), 2, "{lang:?} {w}px: {labels:?}");
            }
            let above: Vec<&str> = texts
                .iter()
                .map(|t| t.text.as_str())
                .filter(|t| t.contains(lang.pick("不超过", "a day on average")))
                .collect();
            assert!(
                !above.is_empty() && above.iter().all(|t| !t.contains("5.56")),
                "{lang:?} {w}px: {above:?}"
            );
        }
        let caption = ChartId::Budget.caption(lang);
        assert!(!caption.contains("5.56"), "{caption}");
        assert!(
            caption.contains(lang.pick("一般", "generally")),
            "{caption}"
        );
    }
}

#[test]
fn derived_and_illustrative_marks_look_different() {
    // Outlined (fill="none") rectangles are derived or target bars; hatching is many thin lines.
    for id in [
        ChartId::Output,
        ChartId::Growth,
        ChartId::Targets,
        ChartId::Projection,
    ] {
        let (svg, _, _) = render(id, 640, Lang::Zh, &ChartInput::default());
        let outlined =
            svg.matches("<rect").filter(|_| true).count() > 0 && svg.contains("fill=\"none\"");
        let hatch = svg.matches("stroke-width=\"1\"").count();
        assert!(
            outlined || id == ChartId::Projection,
            "{id:?}: no outlined bar"
        );
        assert!(hatch > 20, "{id:?}: no hatching ({hatch} thin lines)");
    }
    // The reported bars of chart 1 are filled; the implied 2022 ones are not.
    let (svg, _, _) = render(ChartId::Output, 640, Lang::Zh, &ChartInput::default());
    assert!(
        svg.contains("fill=\"#0072B2\""),
        "reported bars are filled in the primary colour"
    );
    assert!(
        svg.contains("fill=\"none\" stroke=\"#D55E00\""),
        "implied 2022 bars are outlined"
    );
}

#[test]
fn no_text_runs_off_a_320px_phone() {
    for id in ChartId::ALL {
        for lang in [Lang::Zh, Lang::En] {
            let (svg, _, h) = render(id, 320, lang, &plan());
            for t in texts(&svg) {
                let w = text_width(&t.text, t.size);
                let left = match t.anchor.as_str() {
                    "middle" => t.x - w / 2.0,
                    "end" => t.x - w,
                    _ => t.x,
                };
                assert!(
                    left >= -0.5 && left + w <= 320.5,
                    "{id:?} {lang:?}: {:?} spans {left:.0}..{:.0}",
                    t.text,
                    left + w
                );
                assert!(
                    t.y >= 0.0 && t.y <= f64::from(h),
                    "{id:?} {lang:?}: {:?} at y {}",
                    t.text,
                    t.y
                );
            }
        }
    }
}

#[test]
fn the_source_line_is_whole_at_every_width() {
    for w in [320, 360, 640, 1024, 1200] {
        let (svg, _, _) = render(ChartId::Output, w, Lang::Zh, &ChartInput::default());
        let text = all_text(&svg);
        assert!(text.contains("省政府新闻办发布会"), "{w}px: {text}");
        assert!(text.contains("2023年9月21日"), "{w}px");
        let (svg, _, _) = render(ChartId::Budget, w, Lang::Zh, &ChartInput::default());
        assert!(all_text(&svg).contains("省总工会"), "{w}px budget source");
    }
}

fn centre(layout: &ChartLayout, record: &str) -> (i32, i32) {
    let hit = layout
        .hits
        .iter()
        .find(|h| h.record_id == Some(record))
        .unwrap_or_else(|| panic!("no mark for {record}"));
    ((hit.x0 + hit.x1) / 2, (hit.y0 + hit.y1) / 2)
}

#[test]
fn the_tooltip_of_a_bar_is_its_record() {
    let (_, layout, _) = render(ChartId::Output, 640, Lang::Zh, &ChartInput::default());
    let (x, y) = centre(&layout, "ten_towns_output");
    assert_eq!(layout.hit(x, y), Some("ten_towns_output"));
    let tip = layout.tooltip(x, y, Lang::Zh).unwrap_or_default();
    for want in ["410.5亿元", "2023年1-8月", "发布数", "第3段"] {
        assert!(tip.contains(want), "{tip}");
    }
    let (x, y) = centre(&layout, "fenjiu_output_2022_implied");
    let tip = layout.tooltip(x, y, Lang::En).unwrap_or_default();
    assert!(
        tip.contains("¥13.3bn") && tip.contains("our calculation") && tip.contains("Jan-Aug 2022"),
        "{tip}"
    );
    assert_eq!(
        layout.tooltip(1, 1, Lang::Zh),
        None,
        "nothing in the corner"
    );

    // At devicePixelRatio 2 the marks are in backend pixels: twice as far.
    let opts = ChartOptions {
        scale: 2.0,
        css_width: 640.0,
        ..ChartOptions::default()
    };
    let h = (640.0 * ChartId::Output.aspect(640.0) * 2.0).round() as u32;
    let mut svg = String::new();
    let layout2 = {
        let area = SVGBackend::with_string(&mut svg, (1280, h)).into_drawing_area();
        draw(ChartId::Output, &area, &opts, &ChartInput::default()).unwrap()
    };
    let (x2, y2) = centre(&layout2, "ten_towns_output");
    let (x1, y1) = centre(&layout, "ten_towns_output");
    assert!((x2 - 2 * x1).abs() <= 2 && (y2 - 2 * y1).abs() <= 2);
}

#[test]
fn projection_and_plan_points_have_tooltips_of_their_own() {
    let (_, layout, _) = render(ChartId::Projection, 640, Lang::Zh, &ChartInput::default());
    let tips: Vec<String> = layout
        .hits
        .iter()
        .filter(|h| h.record_id.is_none())
        .filter_map(|h| layout.tooltip((h.x0 + h.x1) / 2, (h.y0 + h.y1) / 2, Lang::Zh))
        .collect();
    assert!(
        tips.iter()
            .any(|t| t.contains("319.5亿元") && t.contains("示意")),
        "{tips:?}"
    );
    let en: Vec<String> = layout
        .hits
        .iter()
        .filter(|h| h.record_id.is_none())
        .filter_map(|h| layout.tooltip((h.x0 + h.x1) / 2, (h.y0 + h.y1) / 2, Lang::En))
        .collect();
    assert!(
        en.iter()
            .any(|t| t.contains("¥31.95bn") && t.contains("illustration")),
        "{en:?}"
    );
    let (x, y) = centre(&layout, "target_scale_300yi");
    assert!(layout
        .tooltip(x, y, Lang::Zh)
        .unwrap_or_default()
        .contains("300亿元"));

    let (_, layout, _) = render(ChartId::Budget, 640, Lang::En, &plan());
    let tips: Vec<String> = layout
        .hits
        .iter()
        .filter_map(|h| h.note.as_ref().map(|n| n.1.clone()))
        .collect();
    assert!(
        tips.iter()
            .any(|t| t.contains("Batch 2") && t.contains("over the cap")),
        "{tips:?}"
    );
    assert!(tips
        .iter()
        .any(|t| t.contains("Batch 1") && t.contains("within the cap")));
    assert!(
        tips.iter()
            .any(|t| t.contains("5 days: at most ¥4,500") && t.contains("paragraph 5")),
        "{tips:?}"
    );
}

#[test]
fn the_reader_moves_the_projection() {
    let slow = ChartInput {
        projection: Projection {
            growth_percent: 5.0,
            annualise: Annualise::LinearPace,
        },
        ..ChartInput::default()
    };
    let text = all_text(&render(ChartId::Projection, 640, Lang::Zh, &slow).0);
    assert!(
        text.contains("257.3亿元") && text.contains("不到300亿元"),
        "{text}"
    );
    let cautious = ChartInput {
        projection: Projection {
            growth_percent: 17.0,
            annualise: Annualise::EightMonthsOnly,
        },
        ..ChartInput::default()
    };
    let text = all_text(&render(ChartId::Projection, 640, Lang::En, &cautious).0);
    assert!(
        text.contains("Jan-Aug 2025") && text.contains("38.9%") && !text.contains("¥23.34bn"),
        "{text}"
    );
}

#[test]
fn tables_carry_the_same_numbers_as_the_charts() {
    for id in [
        ChartId::Output,
        ChartId::Growth,
        ChartId::Tiers,
        ChartId::Money,
    ] {
        for lang in [Lang::Zh, Lang::En] {
            let t = table(id, lang, &ChartInput::default());
            assert_eq!(t.caption, id.title(lang));
            assert!(!t.rows.is_empty());
            let text = all_text(&render(id, 1024, lang, &ChartInput::default()).0);
            for row in &t.rows {
                assert_eq!(row.len(), t.headers.len());
                assert!(
                    text.contains(&row[1]),
                    "{id:?} {lang:?}: table value {:?} not in the chart",
                    row[1]
                );
            }
        }
    }
    let t = table(ChartId::Output, Lang::Zh, &ChartInput::default());
    assert!(t
        .rows
        .iter()
        .any(|r| r[1] == "347.3亿元" && r[3].contains("推算")));
    let t = table(ChartId::Projection, Lang::Zh, &ChartInput::default());
    assert!(t
        .rows
        .iter()
        .any(|r| r[1] == "319.5亿元" && r[3].contains("示意")));
    let t = table(ChartId::Budget, Lang::Zh, &plan());
    assert_eq!(t.rows.len(), 10);
    assert_eq!(t.rows[4][1], "4500元（按天）");
    assert_eq!(t.rows[5][1], "5000元（按人封顶）");
    assert_eq!(t.rows[5][2], "6000元（按人封顶）");
    assert!(t.note.unwrap_or_default().contains("第2批"));
    let t = table(ChartId::Targets, Lang::En, &ChartInput::default());
    assert!(t
        .rows
        .iter()
        .any(|r| r[1] == "6.5" && r[3].contains("our calculation")));
}

#[test]
fn captions_name_the_key_numbers() {
    assert!(ChartId::Output.caption(Lang::Zh).contains("410.5亿元"));
    assert!(ChartId::Growth.caption(Lang::En).contains("10.8%"));
    assert!(ChartId::Projection.caption(Lang::Zh).contains("示意"));
    assert!(ChartId::Budget.caption(Lang::Zh).contains("5000元"));
    let slugs: Vec<&str> = ChartId::ALL.iter().map(|c| c.slug()).collect();
    assert_eq!(
        slugs,
        [
            "output",
            "growth",
            "tiers",
            "targets",
            "projection",
            "money",
            "budget"
        ]
    );
}

#[test]
fn narrow_screens_get_taller_charts() {
    for id in ChartId::ALL {
        let (narrow, wide) = (id.aspect(320.0), id.aspect(1200.0));
        assert!(
            narrow > wide,
            "{id:?}: {narrow} at 320 px, {wide} at 1200 px"
        );
        assert!((0.2..=3.0).contains(&narrow) && (0.2..=3.0).contains(&wide));
        assert!(id.aspect(f64::NAN).is_finite() && id.aspect(-5.0).is_finite());
    }
}

#[test]
fn odd_input_never_panics() {
    let odd = ChartInput {
        projection: Projection {
            growth_percent: f64::NAN,
            annualise: Annualise::EightMonthsOnly,
        },
        plan_points: vec![
            PlanPoint {
                capped: true,
                days: 0,
                cost_per_person_fen: -5,
                destination: Destination::InProvince,
                label_zh: String::new(),
                label_en: String::new(),
            },
            PlanPoint {
                capped: true,
                days: u32::MAX,
                cost_per_person_fen: i64::MAX,
                destination: Destination::OutOfProvince,
                label_zh: "一个很长很长很长很长很长很长的标签".into(),
                label_en: "a very long label indeed, longer than any".into(),
            },
        ],
    };
    for id in ChartId::ALL {
        for (w, h, scale) in [
            (10u32, 10u32, 1.0),
            (320, 900, 1.0),
            (900, 200, 3.0),
            (400, 400, f64::NAN),
            (400, 400, 0.0),
        ] {
            let mut svg = String::new();
            let area = SVGBackend::with_string(&mut svg, (w, h)).into_drawing_area();
            let opts = ChartOptions {
                scale,
                css_width: f64::INFINITY,
                theme: Theme::Dark,
                ..ChartOptions::default()
            };
            assert!(draw(id, &area, &opts, &odd).is_ok(), "{id:?} at {w}x{h}");
        }
        let _ = table(id, Lang::En, &odd);
    }
    let big = ChartInput {
        projection: Projection {
            growth_percent: 1e9,
            annualise: Annualise::LinearPace,
        },
        ..ChartInput::default()
    };
    let text = all_text(&render(ChartId::Projection, 360, Lang::Zh, &big).0);
    assert!(text.contains("100%"), "growth is clamped to 100%: {text}");
}

#[test]
fn dark_theme_uses_the_dark_palette() {
    let opts = ChartOptions {
        theme: Theme::Dark,
        css_width: 640.0,
        ..ChartOptions::default()
    };
    let (svg, _, _) = render_opts(ChartId::Growth, 640, opts, &ChartInput::default());
    assert!(svg.contains("fill=\"#18181B\""), "dark background");
    assert!(svg.contains("#56B4E9"), "dark primary");
}

#[test]
fn golden_snapshots() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots");
    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some();
    let mut failed = Vec::new();
    for id in ChartId::ALL {
        let (svg, _, _) = render(id, 640, Lang::Zh, &plan());
        let path = dir.join(format!("{}.svg", id.slug()));
        if update {
            std::fs::create_dir_all(&dir).expect("snapshot dir");
            std::fs::write(&path, &svg).expect("write snapshot");
            continue;
        }
        match std::fs::read_to_string(&path) {
            Ok(golden) if golden == svg => {}
            Ok(_) => failed.push(format!("{} differs", path.display())),
            Err(_) => failed.push(format!("{} is missing", path.display())),
        }
    }
    assert!(
        failed.is_empty(),
        "{}\nIf the change is deliberate, look at the charts and run UPDATE_SNAPSHOTS=1 cargo test --test charts",
        failed.join("\n")
    );
}

/// Writes every chart at 320, 360, 768 and 1024 px, both languages and themes, with the default
/// and extreme inputs, to the folder named by `CHART_GALLERY`, for looking at (in a browser, scale each `font-size` by 1.24
/// to see the text at the size the canvas draws it). Ignored: run it with
/// `CHART_GALLERY=/tmp/gallery cargo test --test charts gallery -- --ignored`.
#[test]
#[ignore]
fn gallery() {
    let Some(dir) = std::env::var_os("CHART_GALLERY") else {
        return;
    };
    let dir = std::path::PathBuf::from(dir);
    std::fs::create_dir_all(&dir).expect("gallery dir");
    let mut cases: Vec<(ChartId, &str, ChartInput)> = ChartId::ALL
        .iter()
        .map(|&id| (id, "default", ChartInput::default()))
        .collect();
    cases.push((ChartId::Budget, "example", plan_example()));
    for (name, pts) in extreme_plans() {
        cases.push((
            ChartId::Budget,
            name,
            ChartInput {
                plan_points: pts,
                ..ChartInput::default()
            },
        ));
    }
    for (name, growth, annualise) in extreme_projections() {
        cases.push((
            ChartId::Projection,
            name,
            ChartInput {
                projection: Projection {
                    growth_percent: growth,
                    annualise,
                },
                ..ChartInput::default()
            },
        ));
    }
    for (id, name, input) in &cases {
        for lang in [Lang::Zh, Lang::En] {
            for theme in [Theme::Light, Theme::Dark] {
                for w in [320, 360, 768, 1024] {
                    let opts = ChartOptions {
                        lang,
                        theme,
                        css_width: f64::from(w),
                        ..ChartOptions::default()
                    };
                    let (svg, _, _) = render_opts(*id, w, opts, input);
                    let t = if theme == Theme::Dark {
                        "dark"
                    } else {
                        "light"
                    };
                    let file = dir.join(format!(
                        "{}-{name}-{}-{t}-{w}.svg",
                        id.slug(),
                        lang.pick("zh", "en")
                    ));
                    std::fs::write(file, svg).expect("write svg");
                }
            }
        }
    }
}

/// The inputs each chart is checked with: the default, and for charts 5 and 7 the extremes.
fn inputs(id: ChartId) -> Vec<(String, ChartInput)> {
    match id {
        ChartId::Budget => std::iter::once(("example".to_string(), plan_example()))
            .chain(std::iter::once(("plan".to_string(), plan())))
            .chain(extreme_plans().into_iter().map(|(n, pts)| {
                (
                    n.to_string(),
                    ChartInput {
                        plan_points: pts,
                        ..ChartInput::default()
                    },
                )
            }))
            .collect(),
        ChartId::Projection => std::iter::once(("default".to_string(), ChartInput::default()))
            .chain(
                extreme_projections()
                    .into_iter()
                    .map(|(n, growth_percent, annualise)| {
                        (
                            n.to_string(),
                            ChartInput {
                                projection: Projection {
                                    growth_percent,
                                    annualise,
                                },
                                ..ChartInput::default()
                            },
                        )
                    }),
            )
            .collect(),
        _ => vec![("default".to_string(), ChartInput::default())],
    }
}

fn meets(a: &[f64; 4], b: &[f64; 4]) -> bool {
    a[0] < b[2] - 0.5 && b[0] < a[2] - 0.5 && a[1] < b[3] - 0.5 && b[1] < a[3] - 0.5
}

/// Whether a line `width` wide from `p` to `q` passes through box `b`.
fn crosses(p: (f64, f64), q: (f64, f64), width: f64, b: &[f64; 4]) -> bool {
    let half = width / 2.0;
    let n = ((q.0 - p.0).hypot(q.1 - p.1)).ceil().max(1.0) as usize;
    (0..=n).any(|i| {
        let t = i as f64 / n as f64;
        let (x, y) = (p.0 + (q.0 - p.0) * t, p.1 + (q.1 - p.1) * t);
        x + half > b[0] + 0.5
            && x - half < b[2] - 0.5
            && y + half > b[1] + 0.5
            && y - half < b[3] - 0.5
    })
}

#[test]
fn no_label_covers_another_or_a_line_or_a_marker() {
    let mut bad = Vec::new();
    for id in ChartId::ALL {
        for (name, input) in inputs(id) {
            for lang in [Lang::Zh, Lang::En] {
                for w in [320u32, 360, 1024] {
                    let h = f64::from(w) * id.aspect(f64::from(w));
                    let opts = ChartOptions {
                        lang,
                        css_width: f64::from(w),
                        ..ChartOptions::default()
                    };
                    let placed =
                        sx_explainer::charts::placed(id, &opts, &input, f64::from(w), h.round());
                    let at = format!("{id:?} {name} {lang:?} {w}px");
                    for (i, (a, ba)) in placed.texts.iter().enumerate() {
                        for (b, bb) in placed.texts.iter().skip(i + 1) {
                            if meets(ba, bb) {
                                bad.push(format!("{at}: {a:?} overlaps {b:?}"));
                            }
                        }
                        for m in placed.markers.iter().filter(|m| meets(ba, m)) {
                            bad.push(format!("{at}: {a:?} covers a marker at {m:?}"));
                        }
                        // The budget chart's lines (2.5 px envelopes; not the thin grid, hatching or leaders).
                        if id == ChartId::Budget {
                            for (pts, width) in placed.lines.iter().filter(|l| l.1 >= 2.0) {
                                if pts.windows(2).any(|s| crosses(s[0], s[1], *width, ba)) {
                                    bad.push(format!("{at}: {a:?} sits on a line"));
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    assert!(
        bad.is_empty(),
        "{} overlaps:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

#[test]
fn plan_labels_are_on_the_chart() {
    // The example plan's labels are placed, with their destination, at a phone's width and a desktop's.
    for w in [320u32, 360, 1024] {
        for lang in [Lang::Zh, Lang::En] {
            let h = f64::from(w) * ChartId::Budget.aspect(f64::from(w));
            let opts = ChartOptions {
                lang,
                css_width: f64::from(w),
                ..ChartOptions::default()
            };
            let placed = sx_explainer::charts::placed(
                ChartId::Budget,
                &opts,
                &plan_example(),
                f64::from(w),
                h.round(),
            );
            let texts: Vec<&str> = placed.texts.iter().map(|t| t.0.as_str()).collect();
            for want in [
                lang.pick("第1批（省内）", "Batch 1 (in)"),
                lang.pick("第2批（省外）", "Batch 2 (out)"),
                lang.pick("天", "days"),
            ] {
                assert!(
                    texts.iter().any(|t| t.contains(want)),
                    "{lang:?} {w}px: no {want:?} in {texts:?}"
                );
            }
        }
    }
}

#[test]
fn the_budget_chart_holds_only_the_provincial_unions_trips_to_its_caps() {
    // The caps are stated for trips the provincial union organises: another body's batch over
    // them is drawn hollow and never marked over.
    let over = |capped| ChartInput {
        plan_points: vec![PlanPoint {
            capped,
            ..point(7, 9000, Destination::InProvince, 1)
        }],
        ..ChartInput::default()
    };
    for lang in [Lang::Zh, Lang::En] {
        let own = all_text(&render(ChartId::Budget, 640, lang, &over(true)).0);
        let other = all_text(&render(ChartId::Budget, 640, lang, &over(false)).0);
        let (over_word, not_apply) = match lang {
            Lang::Zh => ("超出", "不受此标准约束"),
            Lang::En => ("over)", "caps do not apply"),
        };
        assert!(own.contains(over_word), "{own}");
        assert!(!other.contains(over_word), "{other}");
        assert!(other.contains(not_apply), "{other}");
        assert!(ChartId::Budget
            .title(lang)
            .contains(lang.pick("省总工会", "provincial union")));
    }
}

#[test]
fn the_budget_chart_reads_its_day_limit_from_the_limits_table() {
    // The shaded band and its words follow the table's 7, not a typed "7天".
    let l = sx_explainer::data::limit(sx_explainer::data::LimitId::BatchDays);
    let days = l.numerator / l.denominator;
    let text = all_text(&render(ChartId::Budget, 640, Lang::Zh, &plan()).0);
    assert!(text.contains(&format!("超过{days}天")), "{text}");
    let src = include_str!("../src/charts/budget.rs");
    assert!(!src.contains("超过7天\""), "a typed 7 in the budget chart");
}

#[test]
fn every_mark_can_be_reached_by_keyboard_and_says_what_it_is() {
    use sx_explainer::charts::Step;
    for id in ChartId::ALL {
        let (_, layout, _) = render(id, 640, Lang::Zh, &plan());
        let n = layout.hits.len();
        assert!(n > 0, "{id:?} has no marks");
        // Right through every series, then down to the next: every mark is visited.
        let mut seen = std::collections::BTreeSet::new();
        let mut at = layout.step(None, Step::First);
        for _ in 0..n * 4 {
            let i = at.expect("a mark");
            seen.insert(i);
            let next = layout.step(Some(i), Step::Next);
            at = if next == Some(i) {
                // The end of a series: the first of the next one.
                let down = layout.step(Some(i), Step::NextSeries);
                if down == Some(i) {
                    break;
                }
                let mut j = down;
                while let Some(p) = j.and_then(|j| layout.step(Some(j), Step::Prev)) {
                    if Some(p) == j {
                        break;
                    }
                    j = Some(p);
                }
                j
            } else {
                next
            };
        }
        assert_eq!(seen.len(), n, "{id:?}: {} of {n} marks reached", seen.len());
        assert_eq!(layout.step(Some(0), Step::Last), Some(n - 1));
        assert_eq!(layout.step(Some(n - 1), Step::First), Some(0));
        for i in 0..n {
            let a = layout.announce(i, Lang::Zh).expect("words");
            assert!(a.ends_with('。') && !a.contains('\n'), "{a}");
        }
    }
    // A point of ours says it is our calculation; a reported one names its paragraph.
    let (_, layout, _) = render(ChartId::Output, 640, Lang::Zh, &ChartInput::default());
    let say = |id: &str| {
        let i = layout
            .hits
            .iter()
            .position(|h| h.record_id == Some(id))
            .expect("mark");
        layout.announce(i, Lang::Zh).unwrap_or_default()
    };
    assert!(say("fenjiu_output").contains("155.6亿元") && say("fenjiu_output").contains("第3段"));
    assert!(say("other_nine_output_2022_implied").contains("推算"));
    let (_, layout, _) = render(ChartId::Output, 640, Lang::En, &ChartInput::default());
    let i = layout.step(None, Step::First).expect("a mark");
    assert!(layout
        .announce(i, Lang::En)
        .unwrap_or_default()
        .contains("paragraph"));
}

/// A canvas the loader painted from a paint list keeps its pixels when the wasm takes it over:
/// the wasm then only lays the chart out (`layout_sized`), which must tell the page exactly what
/// drawing it would have (`draw_sized`): every mark where the drawing puts it, at every ratio.
/// And the paint list's name for the picture is the one the wasm compares with: the chart, the
/// language, the palette and the width; none for a page's own palette or a fractional width.
#[test]
fn a_pre_rendered_chart_is_laid_out_as_drawn_and_named_as_painted() {
    use sx_explainer::charts::{css_height, draw_sized, layout_sized, paint_key, paint_list};
    for id in ChartId::ALL {
        for (css_width, scale) in [(280.0, 1.0), (392.0, 2.625), (616.0, 2.0), (760.0, 3.0)] {
            for lang in [Lang::Zh, Lang::En] {
                let opts = ChartOptions {
                    lang,
                    scale,
                    css_width,
                    ..ChartOptions::default()
                };
                let ch = css_height(id, css_width);
                let size = (
                    (css_width * scale).round() as u32,
                    (ch * scale).round() as u32,
                );
                let mut svg = String::new();
                let drawn = {
                    let area = SVGBackend::with_string(&mut svg, size).into_drawing_area();
                    draw_sized(id, &area, &opts, &ChartInput::default(), ch).expect("draws")
                };
                let laid = layout_sized(id, &opts, &ChartInput::default(), ch);
                assert_eq!(
                    laid, drawn,
                    "{id:?} at {css_width} px, ratio {scale}, {lang:?}"
                );
                assert!(!laid.hits.is_empty(), "{id:?}: a layout with marks");
            }
        }
    }
    let opts = |lang, theme, css_width| ChartOptions {
        lang,
        theme,
        css_width,
        ..ChartOptions::default()
    };
    let key = |o: ChartOptions| paint_key(ChartId::Output, &o, &ChartInput::default());
    assert_eq!(
        key(opts(Lang::Zh, Theme::Light, 392.0)).as_deref(),
        Some("output-zh-light-392")
    );
    assert_eq!(
        key(opts(Lang::En, Theme::Dark, 616.0)).as_deref(),
        Some("output-en-dark-616")
    );
    let custom = Theme::Custom(Theme::Light.palette());
    assert_eq!(key(opts(Lang::Zh, custom, 392.0)), None);
    assert_eq!(key(opts(Lang::Zh, Theme::Light, 392.5)), None);
    assert_eq!(key(opts(Lang::Zh, Theme::Light, f64::NAN)), None);
    // The paint list carries its name; with a reader's input it has none (never pre-rendered).
    let list = |input: &ChartInput| {
        let v: serde_json::Value = serde_json::from_str(&paint_list(
            ChartId::Projection,
            &opts(Lang::En, Theme::Dark, 392.0),
            input,
        ))
        .unwrap();
        v["key"].clone()
    };
    assert_eq!(list(&ChartInput::default()), "projection-en-dark-392");
    let moved = ChartInput {
        projection: Projection {
            growth_percent: 30.0,
            annualise: Annualise::LinearPace,
        },
        ..ChartInput::default()
    };
    assert!(list(&moved).is_null());
    let light = opts(Lang::En, Theme::Light, 392.0);
    assert_eq!(paint_key(ChartId::Projection, &light, &moved), None);
}
