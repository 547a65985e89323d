//! Writes every file of the export for one language and describes each in `manifest.json`.

use crate::raster::{self, Font};
use crate::{card, noscript, svg};
use serde_json::{json, Value};
use std::path::Path;
use sx_explainer::charts::{record_ids, ChartId};
use sx_explainer::data::{self, cards};
use sx_explainer::format::Lang;

/// One written file, as the manifest lists it.
pub struct Entry {
    /// The file name inside the language's folder.
    pub file: String,
    /// `chart` (an SVG or PNG of one chart), `card` or `noscript`.
    pub kind: &'static str,
    /// The chart's slug (the card's chart for the card).
    pub chart: Option<&'static str>,
    pub title: String,
    /// The caption, used as alt text.
    pub alt: String,
    /// Pixel size, for images.
    pub size_px: Option<(u32, u32)>,
    pub bytes: usize,
    /// The article and the paragraphs the file's figures come from.
    pub paragraphs: Vec<String>,
}

/// The folder name of a language.
pub fn lang_dir(lang: Lang) -> &'static str {
    lang.pick("zh", "en")
}

/// The paragraphs of the records chart `id` shows (`charts::record_ids`: its marks', and the
/// rest-trip limits for the budget envelope), each once, in the order of first use.
fn paragraphs(id: ChartId, lang: Lang) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for cite in record_ids(id)
        .into_iter()
        .filter_map(data::get)
        .map(|r| r.source.cite(lang))
    {
        if !out.contains(&cite) {
            out.push(cite);
        }
    }
    out
}

fn write(dir: &Path, file: &str, bytes: &[u8]) -> Result<usize, String> {
    let path = dir.join(file);
    std::fs::write(&path, bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(bytes.len())
}

/// Fails when the font has no glyph for a character of `doc` (it would print as a box).
fn check_glyphs(font: &Font, doc: &str, what: &str) -> Result<(), String> {
    let missing = font.missing_glyphs(doc);
    if missing.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{what}: {} has no glyph for {:?}",
            raster::FAMILY,
            missing
        ))
    }
}

/// Writes the seven charts as SVG and PNG, the card, the fallback and the manifest into
/// `out/<lang>/`, and returns the entries (the manifest's files).
///
/// # Errors
/// A chart that cannot be drawn, a character without a glyph, a file that cannot be written.
pub fn export(out: &Path, lang: Lang, font: &Font) -> Result<Vec<Entry>, String> {
    let dir = out.join(lang_dir(lang));
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let code = lang.pick("zh-CN", "en");
    let mut entries = Vec::new();
    for id in ChartId::ALL {
        let (doc, _) = svg::chart(id, lang, svg::COLUMN).map_err(|e| e.to_string())?;
        check_glyphs(font, &doc, id.slug())?;
        let (w, h) = svg::chart_size(id, svg::COLUMN);
        let paragraphs = paragraphs(id, lang);
        let file = format!("{}.svg", id.slug());
        let bytes = write(&dir, &file, doc.as_bytes())?;
        entries.push(Entry {
            file,
            kind: "chart",
            chart: Some(id.slug()),
            title: id.title(lang).into(),
            alt: id.caption(lang),
            size_px: Some((w, h)),
            bytes,
            paragraphs: paragraphs.clone(),
        });
        let png = font.png(&doc, svg::PNG_SCALE as f32, code)?;
        let file = format!("{}.png", id.slug());
        let bytes = write(&dir, &file, &png)?;
        entries.push(Entry {
            file,
            kind: "chart",
            chart: Some(id.slug()),
            title: id.title(lang).into(),
            alt: id.caption(lang),
            size_px: Some((w * svg::PNG_SCALE, h * svg::PNG_SCALE)),
            bytes,
            paragraphs,
        });
    }

    let words = card::words(lang).map_err(|e| e.to_string())?;
    let doc = card::svg(lang).map_err(|e| e.to_string())?;
    check_glyphs(font, &doc, "card")?;
    let png = font.png(&doc, 1.0, code)?;
    let bytes = write(&dir, "card.png", &png)?;
    entries.push(Entry {
        file: "card.png".into(),
        kind: "card",
        chart: Some(card::CHART.slug()),
        title: words.label.clone(),
        alt: words.alt(lang),
        size_px: Some(card::SIZE),
        bytes,
        paragraphs: paragraphs(card::CHART, lang),
    });

    let html = noscript::html(lang);
    let bytes = write(&dir, "noscript.html", html.as_bytes())?;
    let mut paragraphs: Vec<String> = Vec::new();
    let cites = noscript::CHARTS
        .iter()
        .flat_map(|&id| self::paragraphs(id, lang))
        .chain(
            cards::GROUPS
                .iter()
                .flat_map(|g| g.cards)
                .filter_map(|c| c.record().map(|r| r.source.cite(lang))),
        )
        .chain(noscript::rules().into_iter().map(|l| l.source.cite(lang)));
    for cite in cites {
        if !paragraphs.contains(&cite) {
            paragraphs.push(cite);
        }
    }
    entries.push(Entry {
        file: "noscript.html".into(),
        kind: "noscript",
        chart: None,
        title: lang
            .pick("不用JavaScript时显示的要点", "What readers without JavaScript see")
            .into(),
        alt: lang
            .pick(
                "五张图表的数据表、文章还提到的数字和疗休养规定要点，每项注明原文段落",
                "The tables of five charts, the other figures of the article and the rest-trip rules, each with its paragraph",
            )
            .into(),
        size_px: None,
        bytes,
        paragraphs,
    });

    let manifest = manifest(lang, font, &entries);
    let text = serde_json::to_string_pretty(&manifest).map_err(|e| e.to_string())?;
    write(&dir, "manifest.json", format!("{text}\n").as_bytes())?;
    Ok(entries)
}

/// What `.ci/build` puts into `embed.js` and beside it, into `out/loader/`: `loader.json` (the
/// kinds, words and heights of `sx_explainer::loader`), `embed.css` (the host page's stylesheet
/// that reserves each embed's height before `embed.js` runs), `pre/` (the first chart of each
/// pre-rendered kind as a paint list, per language, palette and width) and, for each kind and
/// language,
/// `fallback-<kind>-<lang>.html`, the text the loader shows in a box whose widget could not load.
/// Not editors' files, so not in the manifests. Returns the number of files written.
///
/// # Errors
/// A file that cannot be written.
pub fn loader(out: &Path) -> Result<usize, String> {
    let dir = out.join("loader");
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    write(&dir, "loader.json", sx_explainer::loader::json().as_bytes())?;
    write(
        &dir,
        "embed.css",
        sx_explainer::loader::reserve_css().as_bytes(),
    )?;
    let mut n = 2;
    // The first chart of each pre-rendered kind at every width, language and palette.
    use sx_explainer::loader::{self as ld, CHART_STEP, PRE_FROM, PRE_KINDS, PRE_TO};
    let pre = dir.join("pre");
    std::fs::create_dir_all(&pre).map_err(|e| format!("cannot create {}: {e}", pre.display()))?;
    for kind in PRE_KINDS {
        for lang in [Lang::Zh, Lang::En] {
            for dark in [false, true] {
                for width in (PRE_FROM..=PRE_TO).step_by(CHART_STEP as usize) {
                    let list = ld::prerender_chart(kind, lang, dark, width)
                        .ok_or_else(|| format!("no pre-render for {kind}"))?;
                    write(
                        &pre,
                        &ld::prerender_file(kind, lang, dark, width),
                        list.as_bytes(),
                    )?;
                    n += 1;
                }
            }
        }
    }
    for kind in sx_explainer::loader::KINDS {
        for lang in [Lang::Zh, Lang::En] {
            let html = noscript::for_kind(kind.id, lang)
                .ok_or_else(|| format!("no fallback for the explainer {}", kind.id))?;
            write(
                &dir,
                &format!("fallback-{}-{}.html", kind.id, lang_dir(lang)),
                html.as_bytes(),
            )?;
            n += 1;
        }
    }
    Ok(n)
}

/// `manifest.json`: what was made, with which font, and each file.
pub fn manifest(lang: Lang, font: &Font, entries: &[Entry]) -> Value {
    let files: Vec<Value> = entries
        .iter()
        .map(|e| {
            json!({
                "file": e.file,
                "kind": e.kind,
                "chart": e.chart,
                "title": e.title,
                "alt": e.alt,
                "width_px": e.size_px.map(|s| s.0),
                "height_px": e.size_px.map(|s| s.1),
                "bytes": e.bytes,
                "source": {
                    "article": lang.pick(data::ARTICLE_ZH, data::ARTICLE_EN),
                    "paragraphs": e.paragraphs,
                },
            })
        })
        .collect();
    json!({
        "lang": lang_dir(lang),
        "generated_by": "cargo run --release --example export -- --out DIR",
        "column_css_px": svg::COLUMN,
        "png_scale": svg::PNG_SCALE,
        "font": {
            "family": raster::FAMILY,
            "debian_package": raster::PACKAGE,
            "file": font.path.file_name().map(|f| f.to_string_lossy().into_owned()),
            "used_for": "the PNGs; the SVGs name svg_font_family's list (text stays text)",
        },
        "svg_font_family": svg::FILE_FONT,
        "files": files,
    })
}
