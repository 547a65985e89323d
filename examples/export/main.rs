//! Every chart as a file, from the same drawing code as the page: for print (SVG), WeChat (PNG
//! at 2x a 677 px column), link previews (a 1200 x 630 card), readers without JavaScript
//! (`noscript.html`), with a `manifest.json` describing each file.
//!
//! ```sh
//! cargo run --release --example export -- --out www/export   # writes www/export/zh/ and en/
//! ```
//!
//! The PNGs are rendered from the SVGs by resvg with one named font (WenQuanYi Micro Hei, Debian's
//! `fonts-wqy-microhei`); the export fails, rather than print boxes, when the font is missing or
//! lacks a glyph. Exit status: 0 when every file was written, 1 on a failure, 2 on a usage error.

#[cfg(not(target_arch = "wasm32"))]
mod card;
#[cfg(not(target_arch = "wasm32"))]
mod files;
#[cfg(not(target_arch = "wasm32"))]
mod noscript;
#[cfg(not(target_arch = "wasm32"))]
mod raster;
#[cfg(not(target_arch = "wasm32"))]
mod svg;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    use std::process::ExitCode;
    use std::time::Instant;
    use sx_explainer::format::Lang;

    const USAGE: &str = "usage: export --out DIR\n       export --pages WWW\n\nWrites DIR/zh/ and DIR/en/: the seven charts as SVG and PNG (1354 px wide), card.png\n(1200 x 630), noscript.html and manifest.json, and DIR/loader/ (what embed.js carries and
shows when a widget cannot load). With --pages, rewrites the generated\n<noscript> fallback of WWW/index.html and WWW/frame.html instead.";
    let args: Vec<String> = std::env::args().skip(1).collect();
    let out = match args.as_slice() {
        [flag, dir] if flag == "--out" => std::path::PathBuf::from(dir),
        [flag, dir] if flag == "--pages" => {
            for (name, langs) in noscript::PAGES {
                let path = std::path::Path::new(dir).join(name);
                let page = match std::fs::read_to_string(&path) {
                    Ok(p) => p,
                    Err(e) => {
                        eprintln!("export: cannot read {}: {e}", path.display());
                        return ExitCode::FAILURE;
                    }
                };
                let Some(fresh) = noscript::with_block(&page, langs) else {
                    eprintln!("export: {} has no fallback markers", path.display());
                    return ExitCode::FAILURE;
                };
                if let Err(e) = std::fs::write(&path, fresh) {
                    eprintln!("export: cannot write {}: {e}", path.display());
                    return ExitCode::FAILURE;
                }
                eprintln!("[export] {}: fallback written", path.display());
            }
            return ExitCode::SUCCESS;
        }
        [flag] if flag == "--help" || flag == "-h" => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let start = Instant::now();
    let font = match raster::Font::system() {
        Ok(f) => f,
        Err(e) => {
            eprintln!("export: {e}");
            return ExitCode::FAILURE;
        }
    };
    for lang in [Lang::Zh, Lang::En] {
        let t = Instant::now();
        match files::export(&out, lang, &font) {
            Ok(entries) => {
                let bytes: usize = entries.iter().map(|e| e.bytes).sum();
                eprintln!(
                    "[export] {}/{}: {} files, {} KB, {} ms",
                    out.display(),
                    files::lang_dir(lang),
                    entries.len() + 1,
                    bytes / 1024,
                    t.elapsed().as_millis()
                );
            }
            Err(e) => {
                eprintln!("export: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    match files::loader(&out) {
        Ok(n) => eprintln!("[export] {}/loader: {n} files", out.display()),
        Err(e) => {
            eprintln!("export: {e}");
            return ExitCode::FAILURE;
        }
    }
    eprintln!(
        "[export] done in {} ms with the font {} ({})",
        start.elapsed().as_millis(),
        raster::FAMILY,
        font.path.display()
    );
    ExitCode::SUCCESS
}

/// The exporter is a native tool; on wasm32 (`cargo test --target wasm32-unknown-unknown` builds
/// the examples too) it is empty.
#[cfg(target_arch = "wasm32")]
fn main() {}
