//! The export (`cargo run --release --example export -- --out DIR`), run once into
//! `target/tmp/export-test/` and read back: every file per language, PNGs 1354 px wide and not
//! blank, Chinese drawn as glyphs (not boxes) in the PNGs, the card's size and figures, every SVG
//! well-formed with its chart's title and a CJK-capable font list, the fallback built from the
//! dataset, and a manifest that lists every file as it is on disk.
#![cfg(not(target_arch = "wasm32"))]

#[allow(dead_code)]
#[path = "../examples/export/card.rs"]
mod card;
#[allow(dead_code)]
#[path = "../examples/export/files.rs"]
mod files;
#[allow(dead_code)]
#[path = "../examples/export/noscript.rs"]
mod noscript;
#[allow(dead_code)]
#[path = "../examples/export/raster.rs"]
mod raster;
#[allow(dead_code)]
#[path = "../examples/export/svg.rs"]
mod svg;

use resvg::tiny_skia::Pixmap;
use resvg::usvg::roxmltree;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use sx_explainer::charts::{record_ids, record_value, ChartId};
use sx_explainer::data::{self, LIMITS};
use sx_explainer::format::Lang;

const LANGS: [Lang; 2] = [Lang::Zh, Lang::En];

fn font() -> &'static raster::Font {
    static FONT: OnceLock<raster::Font> = OnceLock::new();
    FONT.get_or_init(|| raster::Font::system().expect("the exporter's font is installed"))
}

/// The export, made once for all the tests of this file.
fn out() -> &'static Path {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("export-test");
        let _ = std::fs::remove_dir_all(&dir);
        for lang in LANGS {
            files::export(&dir, lang, font()).expect("the export succeeds");
        }
        dir
    })
}

fn path(lang: Lang, file: &str) -> PathBuf {
    out().join(files::lang_dir(lang)).join(file)
}

fn read(lang: Lang, file: &str) -> String {
    std::fs::read_to_string(path(lang, file)).expect("file is there")
}

fn png(lang: Lang, file: &str) -> Pixmap {
    Pixmap::load_png(path(lang, file)).expect("a PNG")
}

fn manifest(lang: Lang) -> serde_json::Value {
    serde_json::from_str(&read(lang, "manifest.json")).expect("manifest.json is JSON")
}

fn dark(c: &resvg::tiny_skia::PremultipliedColorU8) -> bool {
    c.red() < 200 || c.green() < 200 || c.blue() < 200
}

/// The pixels of `rows`.
fn band(p: &Pixmap, rows: std::ops::Range<u32>) -> &[resvg::tiny_skia::PremultipliedColorU8] {
    let w = p.width() as usize;
    let end = (rows.end.min(p.height()) as usize) * w;
    &p.pixels()[(rows.start as usize * w).min(end)..end]
}

/// Pixels that are not (nearly) the white background.
fn ink(p: &Pixmap, rows: std::ops::Range<u32>) -> usize {
    band(p, rows).iter().filter(|c| dark(c)).count()
}

/// Pixels that differ clearly between two images of one size, within `rows`.
fn differing(a: &Pixmap, b: &Pixmap, rows: std::ops::Range<u32>) -> usize {
    assert_eq!((a.width(), a.height()), (b.width(), b.height()));
    let far = |x: u8, y: u8| x.abs_diff(y) > 40;
    band(a, rows.clone())
        .iter()
        .zip(band(b, rows))
        .filter(|(x, y)| {
            far(x.red(), y.red()) || far(x.green(), y.green()) || far(x.blue(), y.blue())
        })
        .count()
}

#[test]
fn each_language_has_seven_svgs_seven_pngs_the_card_the_fallback_and_the_manifest() {
    for lang in LANGS {
        let dir = out().join(files::lang_dir(lang));
        let found: BTreeSet<String> = std::fs::read_dir(&dir)
            .expect("the language's folder")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        let mut expected: BTreeSet<String> = ChartId::ALL
            .iter()
            .flat_map(|id| [format!("{}.svg", id.slug()), format!("{}.png", id.slug())])
            .collect();
        expected.extend(["card.png", "noscript.html", "manifest.json"].map(String::from));
        assert_eq!(found, expected, "{}", dir.display());
    }
}

#[test]
fn pngs_are_twice_the_column_wide_twice_the_svg_tall_and_not_blank() {
    for lang in LANGS {
        for id in ChartId::ALL {
            let p = png(lang, &format!("{}.png", id.slug()));
            let (w, h) = svg::chart_size(id, svg::COLUMN);
            assert_eq!(p.width(), 1354, "{}", id.slug());
            assert_eq!((p.width(), p.height()), (2 * w, 2 * h), "{}", id.slug());
            // Bars, axes and labels: a few percent of the picture at least, not a blank page
            // and not a flood of one colour either.
            let share = ink(&p, 0..p.height()) as f64 / f64::from(p.width() * p.height());
            assert!(
                (0.02..0.6).contains(&share),
                "{} {lang:?}: {share:.3} of the pixels are ink",
                id.slug()
            );
            assert!(p.pixels().iter().all(|c| c.alpha() == 255), "opaque");
        }
    }
}

/// The rows of the PNG (at 2x) where the SVG draws `text`, from its `<text>` element.
fn rows_of_text(svg_doc: &str, text: &str) -> std::ops::Range<u32> {
    let doc = roxmltree::Document::parse(svg_doc).expect("XML");
    let node = doc
        .descendants()
        .find(|n| n.has_tag_name("text") && n.text().map(str::trim) == Some(text))
        .unwrap_or_else(|| panic!("no <text> {text}"));
    let y: f64 = node.attribute("y").and_then(|v| v.parse().ok()).expect("y");
    let size: f64 = node
        .attribute("font-size")
        .and_then(|v| v.parse().ok())
        .expect("size");
    let s = f64::from(svg::PNG_SCALE);
    ((y - 0.3 * size) * s).max(0.0) as u32..((y + 1.3 * size) * s).ceil() as u32
}

/// The zh title in output.png is ink of real CJK glyphs: it differs from the same document
/// rendered with every CJK character replaced by one the font lacks (a "tofu" box or nothing),
/// and from the same document with every CJK character replaced by one character (boxes would
/// all look alike, so distinct characters must give distinct ink).
#[test]
fn the_zh_title_is_drawn_in_cjk_glyphs_not_boxes() {
    let lang = Lang::Zh;
    let title = ChartId::Output.title(lang);
    let doc = read(lang, "output.svg");
    let rows = rows_of_text(&doc, title);
    let real = png(lang, "output.png");
    let title_ink = ink(&real, rows.clone());
    assert!(
        title_ink > 1500,
        "the title rows have {title_ink} ink pixels"
    );

    let no_glyph = '\u{10FFFD}';
    assert_eq!(font().missing_glyphs(&no_glyph.to_string()), vec![no_glyph]);
    let replace = |by: char| -> Pixmap {
        let swapped: String = doc
            .chars()
            .map(|c| if (c as u32) >= 0x2E80 { by } else { c })
            .collect();
        let bytes = font()
            .png(&swapped, svg::PNG_SCALE as f32, "zh-CN")
            .expect("renders");
        Pixmap::decode_png(&bytes).expect("PNG")
    };
    let tofu = replace(no_glyph);
    let same = replace('口');
    let cjk_chars = title.chars().filter(|&c| (c as u32) >= 0x2E80).count();
    let vs_tofu = differing(&real, &tofu, rows.clone());
    let vs_same = differing(&real, &same, rows.clone());
    // At 2x a 16 px CJK glyph has a few hundred pixels; ask for a good part of each.
    assert!(
        vs_tofu > 60 * cjk_chars,
        "only {vs_tofu} pixels differ from boxes"
    );
    assert!(
        vs_same > 40 * cjk_chars,
        "only {vs_same} pixels differ from one repeated glyph"
    );
    // The English title in the same place is Latin, so the check above is about CJK.
    assert!(ink(&png(Lang::En, "output.png"), rows) > 500);
}

#[test]
fn the_font_check_finds_a_missing_glyph_and_every_export_has_none() {
    assert!(font()
        .missing_glyphs("十大重点专业镇 410.5亿元 ¥41.05bn ÷ − × · “”《》")
        .is_empty());
    assert_eq!(font().missing_glyphs("a\u{10FFFD}b"), vec!['\u{10FFFD}']);
    for lang in LANGS {
        for id in ChartId::ALL {
            let doc = read(lang, &format!("{}.svg", id.slug()));
            assert!(font().missing_glyphs(&doc).is_empty(), "{}", id.slug());
        }
    }
}

#[test]
fn the_card_is_1200_by_630_with_the_headline_figures_from_the_dataset() {
    for lang in LANGS {
        let p = png(lang, "card.png");
        assert_eq!((p.width(), p.height()), (1200, 630));
        let share = ink(&p, 0..630) as f64 / (1200.0 * 630.0);
        assert!((0.03..0.5).contains(&share), "{share}");
        let doc = card::svg(lang).expect("card");
        let texts: Vec<String> = roxmltree::Document::parse(&doc)
            .expect("XML")
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .filter_map(|n| n.text().map(|t| t.trim().to_string()))
            .collect();
        let (figure, growth) = match lang {
            Lang::Zh => ("410.5亿元", "+18.2%"),
            Lang::En => ("¥41.05bn", "+18.2%"),
        };
        assert!(texts.iter().any(|t| t == figure), "{texts:?}");
        assert!(texts.iter().any(|t| t == growth), "{texts:?}");
        // The small chart is the page's chart (its title and its bars' values), and the card
        // names its source.
        let all = texts.join(" ");
        assert!(all.contains(ChartId::Output.title(lang)), "{all}");
        assert!(texts
            .iter()
            .any(|t| t.contains(lang.pick("155.6亿元", "¥15.56bn"))));
        let article = lang
            .pick(data::ARTICLE_ZH, data::ARTICLE_EN)
            .replace(' ', "");
        assert!(all.replace(' ', "").contains(&article), "{all}");
    }
}

#[test]
fn every_svg_is_xml_with_its_title_text_and_a_cjk_font_list() {
    for lang in LANGS {
        for id in ChartId::ALL {
            let text = read(lang, &format!("{}.svg", id.slug()));
            let doc = roxmltree::Document::parse(&text)
                .unwrap_or_else(|e| panic!("{} {lang:?}: {e}", id.slug()));
            let root = doc.root_element();
            assert_eq!(root.tag_name().name(), "svg");
            assert_eq!(
                root.tag_name().namespace(),
                Some("http://www.w3.org/2000/svg")
            );
            let (w, h) = svg::chart_size(id, svg::COLUMN);
            assert_eq!(root.attribute("width"), Some(w.to_string().as_str()));
            assert_eq!(root.attribute("height"), Some(h.to_string().as_str()));
            let child = |name: &str| {
                root.children()
                    .find(|n| n.has_tag_name(name))
                    .and_then(|n| n.text())
                    .map(str::to_string)
            };
            assert_eq!(child("title").as_deref(), Some(id.title(lang)));
            assert_eq!(child("desc"), Some(id.caption(lang)));
            let texts: Vec<_> = doc
                .descendants()
                .filter(|n| n.has_tag_name("text"))
                .collect();
            // The chart draws its title as text (not as paths; wrapped in lines where it is
            // long), in the page's font list.
            let lines: Vec<&str> = texts
                .iter()
                .filter_map(|n| n.text())
                .map(str::trim)
                .collect();
            assert!(
                lines.join(" ").contains(id.title(lang)),
                "{} {lang:?}: title not drawn as text: {lines:?}",
                id.slug()
            );
            for n in &texts {
                let family = n.attribute("font-family").unwrap_or_default();
                assert_eq!(family, svg::FILE_FONT);
                assert!(family.contains("'Noto Sans CJK SC'") && family.contains(raster::FAMILY));
                assert!(family.ends_with("sans-serif"));
            }
        }
    }
}

/// The texts of the SVG are as large as the canvas draws them (the charts' 16 px title), not
/// plotters-svg's size / 1.24.
#[test]
fn svg_texts_have_the_canvas_sizes() {
    let text = read(Lang::Zh, "output.svg");
    let doc = roxmltree::Document::parse(&text).expect("XML");
    let title = doc
        .descendants()
        .find(|n| {
            n.has_tag_name("text")
                && n.text().map(str::trim) == Some(ChartId::Output.title(Lang::Zh))
        })
        .expect("title");
    let size: f64 = title
        .attribute("font-size")
        .and_then(|s| s.parse().ok())
        .expect("size");
    assert!((size - 16.0).abs() < 1e-6, "{size}");
}

#[test]
fn the_fallback_has_the_key_figures_and_every_rule_with_its_paragraph() {
    for lang in LANGS {
        let html = read(lang, "noscript.html");
        // Well-formed (a fragment of elements, no void tags), so it can be checked as XML.
        let body = html.split_once("-->").map_or(html.as_str(), |(_, b)| b);
        let doc = roxmltree::Document::parse(body.trim()).expect("well-formed fragment");
        let text: String = doc
            .descendants()
            .filter_map(|n| n.text())
            .collect::<Vec<_>>()
            .concat();
        for k in lang
            .pick("410.5亿元 18.2% 155.6亿元", "¥41.05bn 18.2% ¥15.56bn")
            .split(' ')
        {
            assert!(text.contains(k), "{lang:?} fallback lacks {k}");
        }
        // Every figure of the five charts and of the "Also in the article" cards, with its
        // label, as the page writes it.
        let shown = noscript::CHARTS
            .iter()
            .flat_map(|&id| record_ids(id))
            .chain(
                data::cards::GROUPS
                    .iter()
                    .flat_map(|g| g.cards)
                    .map(|c| c.record),
            );
        for id in shown {
            let r = data::get(id).expect("a record");
            let (label, value) = (lang.pick(r.label_zh, r.label_en), record_value(r, lang));
            assert!(text.contains(label), "{lang:?} fallback lacks {label}");
            assert!(
                text.contains(&value),
                "{lang:?} fallback lacks {value} ({id})"
            );
        }
        assert_eq!(
            doc.descendants()
                .filter(|n| n.has_tag_name("table"))
                .count(),
            noscript::CHARTS.len()
        );
        // Every rule, in the article's words and with its paragraph.
        let rules = noscript::rules();
        assert_eq!(
            rules.len(),
            LIMITS.len() - 1,
            "only the age of the yearly share is folded in"
        );
        let rules_list = doc
            .descendants()
            .rfind(|n| n.has_tag_name("ul"))
            .expect("the rules list");
        let items: Vec<String> = rules_list
            .children()
            .filter(|n| n.has_tag_name("li"))
            .map(|n| n.descendants().filter_map(|d| d.text()).collect::<String>())
            .collect();
        assert_eq!(items.len(), rules.len());
        for (item, rule) in items.iter().zip(&rules) {
            assert!(
                item.contains(lang.pick(rule.quote_zh, rule.quote_en)),
                "{item}"
            );
            assert!(item.contains(&rule.source.cite(lang)), "{item}");
        }
        // Every row of a figure cites its paragraph.
        for row in doc.descendants().filter(|n| n.has_tag_name("tr")).skip(1) {
            let cells: Vec<_> = row.children().filter(|c| c.is_element()).collect();
            if cells
                .iter()
                .any(|c| c.has_tag_name("th") && c.attribute("scope") == Some("col"))
            {
                continue;
            }
            let last = cells.last().and_then(|c| c.text()).unwrap_or_default();
            assert!(
                last.contains(lang.pick("段", "paragraph")),
                "row without a paragraph: {last}"
            );
        }
    }
}

#[test]
fn the_manifest_lists_every_file_as_it_is_on_disk() {
    for lang in LANGS {
        let m = manifest(lang);
        assert_eq!(m["font"]["family"], raster::FAMILY);
        let listed = m["files"].as_array().expect("files");
        let dir = out().join(files::lang_dir(lang));
        let on_disk: BTreeSet<String> = std::fs::read_dir(&dir)
            .expect("dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .filter(|f| f != "manifest.json")
            .collect();
        let names: BTreeSet<String> = listed
            .iter()
            .map(|f| f["file"].as_str().expect("file").to_string())
            .collect();
        assert_eq!(names, on_disk);
        for f in listed {
            let name = f["file"].as_str().unwrap_or_default();
            let meta = std::fs::metadata(dir.join(name)).expect("listed file exists");
            assert_eq!(f["bytes"].as_u64(), Some(meta.len()), "{name}");
            assert!(
                !f["title"].as_str().unwrap_or_default().is_empty(),
                "{name}"
            );
            assert!(
                f["alt"].as_str().unwrap_or_default().chars().count() > 20,
                "{name}"
            );
            let paragraphs = f["source"]["paragraphs"].as_array().expect("paragraphs");
            assert!(!paragraphs.is_empty(), "{name} has no source paragraph");
            assert_eq!(
                f["source"]["article"],
                lang.pick(data::ARTICLE_ZH, data::ARTICLE_EN)
            );
            if name.ends_with(".png") {
                let p = Pixmap::load_png(dir.join(name)).expect("PNG");
                assert_eq!(f["width_px"].as_u64(), Some(u64::from(p.width())), "{name}");
                assert_eq!(
                    f["height_px"].as_u64(),
                    Some(u64::from(p.height())),
                    "{name}"
                );
            }
            if let Some(slug) = name.strip_suffix(".svg") {
                let id = ChartId::ALL
                    .into_iter()
                    .find(|c| c.slug() == slug)
                    .expect("a chart");
                assert_eq!(f["chart"], slug);
                assert_eq!(f["title"], id.title(lang));
                assert_eq!(f["alt"], id.caption(lang));
                let (w, h) = svg::chart_size(id, svg::COLUMN);
                assert_eq!(
                    (f["width_px"].as_u64(), f["height_px"].as_u64()),
                    (Some(u64::from(w)), Some(u64::from(h)))
                );
            }
        }
        // The output chart's paragraph is the one its records cite.
        let output = listed
            .iter()
            .find(|f| f["file"] == "output.svg")
            .expect("output.svg");
        let cite = data::get("ten_towns_output")
            .expect("record")
            .source
            .cite(lang);
        assert_eq!(output["source"]["paragraphs"], serde_json::json!([cite]));
    }
}

/// The demo article names the zh card as its link preview, at a path the export writes (relative
/// to www/, where .ci/build puts the export), with the card's size.
#[test]
fn index_html_names_the_card_as_its_link_preview() {
    let html =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("www/index.html"))
            .expect("www/index.html");
    let meta = |attr: &str, key: &str| -> String {
        let needle = format!("<meta {attr}=\"{key}\" content=\"");
        let start = html.find(&needle).unwrap_or_else(|| panic!("no {key}")) + needle.len();
        let end = html[start..].find('"').expect("closing quote") + start;
        html[start..end].to_string()
    };
    let image = meta("property", "og:image");
    assert_eq!(meta("name", "twitter:image"), image);
    assert_eq!(meta("name", "twitter:card"), "summary_large_image");
    let file = image.strip_prefix("export/").expect("under export/");
    assert!(
        out().join(file).is_file(),
        "{file} is not written by the export"
    );
    assert_eq!(file, "zh/card.png");
    let size = (
        meta("property", "og:image:width"),
        meta("property", "og:image:height"),
    );
    assert_eq!(size, (card::SIZE.0.to_string(), card::SIZE.1.to_string()));
}

#[test]
fn our_pages_noscript_is_the_generated_fallback() {
    // index.html and frame.html carry the fallback the exporter generates from the dataset, so
    // no figure or rule in them is typed by hand; after a change to the data, regenerate with
    // `cargo run --release --example export -- --pages www`.
    for (name, langs) in noscript::PAGES {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("www").join(name);
        let page = std::fs::read_to_string(&path).expect("page");
        let fresh = noscript::with_block(&page, langs).expect("fallback markers");
        assert!(
            fresh == page,
            "{name}'s fallback is stale: run cargo run --release --example export -- --pages www"
        );
        let inside = &page[page.find("<noscript>").expect("noscript")..];
        assert!(inside.find(noscript::BEGIN) < inside.find("</noscript>"));
    }
}

#[test]
fn our_pages_have_a_main_landmark_a_heading_and_a_description() {
    let www = Path::new(env!("CARGO_MANIFEST_DIR")).join("www");
    for name in ["index.html", "embed.html", "frame.html"] {
        let page = std::fs::read_to_string(www.join(name)).expect("page");
        assert!(
            page.contains("<main>") && page.contains("</main>"),
            "{name}: no <main>"
        );
        assert!(page.contains("<h1"), "{name}: no <h1>");
        let desc = page
            .split("<meta name=\"description\" content=\"")
            .nth(1)
            .and_then(|d| d.split('"').next())
            .unwrap_or_default();
        assert!(desc.chars().count() > 40, "{name}: no meta description");
    }
    // The iframe page's <h1> is generated (with_block keeps it fresh, see above): every kind's
    // heading in both languages, from the core.
    let frame = std::fs::read_to_string(www.join("frame.html")).expect("frame.html");
    assert!(frame.contains(noscript::HEADING_BEGIN));
    for k in sx_explainer::loader::KINDS {
        for lang in [Lang::Zh, Lang::En] {
            assert!(
                frame.contains(&format!(">{}</span>", k.heading(lang))),
                "{} {lang:?}",
                k.id
            );
        }
    }
}
