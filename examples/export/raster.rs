//! SVG to PNG with resvg, with one named CJK font from the system (found through fontdb), so the
//! PNGs look the same on every machine that has that font and Chinese comes out as glyphs.
//! Native only: nothing here reaches the wasm.

use resvg::tiny_skia::{Pixmap, Transform};
use resvg::usvg::{self, fontdb};
use std::path::PathBuf;
use std::sync::Arc;

/// The font every PNG is rendered with: WenQuanYi Micro Hei (Debian's `fonts-wqy-microhei`,
/// which `.ci/setup` installs). It has Latin and CJK glyphs, so one font draws every label. It is
/// in `svg::FILE_FONT`'s list, so the SVGs name it too.
pub const FAMILY: &str = "WenQuanYi Micro Hei";
/// The Debian package that has [`FAMILY`].
pub const PACKAGE: &str = "fonts-wqy-microhei";

/// The font, loaded once: a font database that holds only [`FAMILY`]'s file, so no other font
/// installed on the machine can change a PNG.
pub struct Font {
    /// The font file (a TrueType collection for WenQuanYi).
    pub path: PathBuf,
    db: Arc<fontdb::Database>,
    face: fontdb::ID,
}

impl Font {
    /// Finds [`FAMILY`] among the system's fonts.
    ///
    /// # Errors
    /// When the font is not installed (names the package to install).
    pub fn system() -> Result<Font, String> {
        let mut all = fontdb::Database::new();
        all.load_system_fonts();
        let missing = || {
            format!("the font \"{FAMILY}\" is not installed (Debian: apt-get install {PACKAGE}; .ci/setup does it)")
        };
        let path = all
            .faces()
            .filter(|f| f.families.iter().any(|(name, _)| name == FAMILY))
            .find_map(|f| match &f.source {
                fontdb::Source::File(p) => Some(p.clone()),
                _ => None,
            })
            .ok_or_else(missing)?;
        // Held in memory: a file source would be read again for every text the SVGs hold.
        let bytes =
            std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let mut db = fontdb::Database::new();
        db.load_font_data(bytes);
        // Every generic family is this font, so `sans-serif` at the end of the font list (or any
        // family the SVG names that is not installed) lands on it.
        db.set_sans_serif_family(FAMILY);
        db.set_serif_family(FAMILY);
        db.set_monospace_family(FAMILY);
        let face = db
            .query(&fontdb::Query {
                families: &[fontdb::Family::Name(FAMILY)],
                ..fontdb::Query::default()
            })
            .ok_or_else(missing)?;
        Ok(Font {
            path,
            db: Arc::new(db),
            face,
        })
    }

    /// The characters of `text` the font has no glyph for (they would print as boxes).
    pub fn missing_glyphs(&self, text: &str) -> Vec<char> {
        let mut missing: Vec<char> = self
            .db
            .with_face_data(self.face, |data, index| {
                let Ok(face) = ttf_parser::Face::parse(data, index) else {
                    return text.chars().collect();
                };
                text.chars()
                    .filter(|c| !c.is_whitespace() && face.glyph_index(*c).is_none())
                    .collect::<Vec<char>>()
            })
            .unwrap_or_else(|| text.chars().collect());
        missing.sort_unstable();
        missing.dedup();
        missing
    }

    /// Renders an SVG document to PNG bytes at `scale` pixels per SVG pixel.
    ///
    /// # Errors
    /// When the SVG cannot be parsed, is empty, or the PNG cannot be encoded.
    pub fn png(&self, svg: &str, scale: f32, lang: &str) -> Result<Vec<u8>, String> {
        let opts = usvg::Options {
            font_family: FAMILY.to_string(),
            languages: vec![lang.to_string()],
            fontdb: Arc::clone(&self.db),
            ..usvg::Options::default()
        };
        let tree = usvg::Tree::from_str(svg, &opts).map_err(|e| format!("bad SVG: {e}"))?;
        let size = tree
            .size()
            .to_int_size()
            .scale_by(scale)
            .ok_or("the SVG has no size")?;
        let mut pixmap =
            Pixmap::new(size.width(), size.height()).ok_or("the PNG would be empty")?;
        resvg::render(
            &tree,
            Transform::from_scale(scale, scale),
            &mut pixmap.as_mut(),
        );
        encode_rgb(&pixmap)
    }
}

/// Encodes a pixmap as an 8-bit RGB PNG, best compression. The charts paint an opaque
/// background, so the alpha channel resvg renders into carries nothing; dropping it and
/// compressing harder makes the files four to six times smaller than tiny-skia's RGBA encoding
/// (the output chart: 62 KB instead of 380 KB).
///
/// # Errors
/// When a pixel is not opaque (an SVG without a background), or the encoder fails.
fn encode_rgb(pixmap: &Pixmap) -> Result<Vec<u8>, String> {
    let mut rgb = Vec::with_capacity(pixmap.data().len() / 4 * 3);
    for px in pixmap.pixels() {
        if px.alpha() != 255 {
            return Err("the image has transparent pixels; draw a background first".into());
        }
        rgb.extend_from_slice(&[px.red(), px.green(), px.blue()]);
    }
    let mut out = Vec::new();
    let mut enc = png::Encoder::new(&mut out, pixmap.width(), pixmap.height());
    enc.set_color(png::ColorType::Rgb);
    enc.set_depth(png::BitDepth::Eight);
    enc.set_compression(png::Compression::Best);
    enc.set_adaptive_filter(png::AdaptiveFilterType::Adaptive);
    let mut writer = enc
        .write_header()
        .map_err(|e| format!("PNG encoding: {e}"))?;
    writer
        .write_image_data(&rgb)
        .map_err(|e| format!("PNG encoding: {e}"))?;
    writer.finish().map_err(|e| format!("PNG encoding: {e}"))?;
    Ok(out)
}
