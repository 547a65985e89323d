//! The charts as SVG files, drawn by the same `charts::draw` the page runs on its canvas, at the
//! same size the page would give them. Pure plotters (no raster code), so the browser test
//! (`tests/web_export.rs`) compiles this file too and compares it with the canvas.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters_backend::{
    text_anchor, BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind,
    FontFamily, FontStyle, FontTransform,
};
use sx_explainer::charts::{self, ChartError, ChartId, ChartInput, ChartLayout, ChartOptions};
use sx_explainer::format::Lang;

/// The width of a WeChat public-account article column, in CSS pixels: the width the files are
/// laid out at. The PNGs are rendered at [`PNG_SCALE`] times it.
pub const COLUMN: u32 = 677;
/// Pixels per CSS pixel of the PNGs (a phone's screen).
pub const PNG_SCALE: u32 = 2;

/// The chart's size in CSS pixels at `css_width`, computed exactly as the page sizes its canvas
/// (`web::draw_chart_at`): the chart's own aspect, rounded, between 160 and 2000 px tall.
pub fn chart_size(id: ChartId, css_width: u32) -> (u32, u32) {
    let w = f64::from(css_width);
    let h = (w * id.aspect(w)).round().clamp(160.0, 2000.0);
    (css_width, h as u32)
}

/// plotters' SVG backend writes a font size as `size / 1.24` (its notion of line height), while
/// its canvas backend writes `size` px. This backend passes everything to the SVG backend and
/// scales text sizes by 1.24 first, so a text in the file is as large as on the page.
pub struct PageSvg<'a> {
    inner: SVGBackend<'a>,
}

impl<'a> PageSvg<'a> {
    pub fn with_string(buf: &'a mut String, size: (u32, u32)) -> Self {
        PageSvg {
            inner: SVGBackend::with_string(buf, size),
        }
    }
}

/// The factor plotters-svg divides font sizes by.
const SVG_FONT_SHRINK: f64 = 1.24;

/// The font list the files name: longer than the page's `charts::FONT` (which the canvas
/// resolves for every text), since a file is opened on machines we do not know (a printer's
/// Inkscape, Windows, Linux desktops) and the PNGs are rendered with WenQuanYi Micro Hei.
pub const FILE_FONT: &str = "system-ui, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', sans-serif";

struct CanvasSized<'s, S>(&'s S);

impl<S: BackendTextStyle> BackendTextStyle for CanvasSized<'_, S> {
    type FontError = S::FontError;
    fn color(&self) -> BackendColor {
        self.0.color()
    }
    fn size(&self) -> f64 {
        self.0.size() * SVG_FONT_SHRINK
    }
    fn transform(&self) -> FontTransform {
        self.0.transform()
    }
    fn style(&self) -> FontStyle {
        self.0.style()
    }
    fn anchor(&self) -> text_anchor::Pos {
        self.0.anchor()
    }
    fn family(&self) -> FontFamily<'_> {
        match self.0.family() {
            FontFamily::Name(n) if n == charts::FONT => FontFamily::Name(FILE_FONT),
            other => other,
        }
    }
    fn layout_box(&self, text: &str) -> Result<((i32, i32), (i32, i32)), Self::FontError> {
        self.0.layout_box(text)
    }
    fn draw<E, F: FnMut(i32, i32, BackendColor) -> Result<(), E>>(
        &self,
        text: &str,
        pos: BackendCoord,
        draw: F,
    ) -> Result<Result<(), E>, Self::FontError> {
        self.0.draw(text, pos, draw)
    }
}

type SvgError = <SVGBackend<'static> as DrawingBackend>::ErrorType;

impl DrawingBackend for PageSvg<'_> {
    type ErrorType = SvgError;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }
    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<SvgError>> {
        self.inner.ensure_prepared()
    }
    fn present(&mut self) -> Result<(), DrawingErrorKind<SvgError>> {
        self.inner.present()
    }
    fn draw_pixel(
        &mut self,
        point: BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<SvgError>> {
        self.inner.draw_pixel(point, color)
    }
    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<SvgError>> {
        self.inner.draw_line(from, to, style)
    }
    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<SvgError>> {
        self.inner.draw_rect(upper_left, bottom_right, style, fill)
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<SvgError>> {
        self.inner.draw_path(path, style)
    }
    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<SvgError>> {
        self.inner.draw_circle(center, radius, style, fill)
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<SvgError>> {
        self.inner.fill_polygon(vert, style)
    }
    fn draw_text<T: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &T,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<SvgError>> {
        self.inner.draw_text(text, &CanvasSized(style), pos)
    }
    fn estimate_text_size<T: BackendTextStyle>(
        &self,
        text: &str,
        style: &T,
    ) -> Result<(u32, u32), DrawingErrorKind<SvgError>> {
        self.inner.estimate_text_size(text, &CanvasSized(style))
    }
    fn blit_bitmap(
        &mut self,
        pos: BackendCoord,
        (iw, ih): (u32, u32),
        src: &[u8],
    ) -> Result<(), DrawingErrorKind<SvgError>> {
        self.inner.blit_bitmap(pos, (iw, ih), src)
    }
}

/// Draws `draw` on a `size` SVG and returns the document: an XML declaration, then the `<svg>`
/// with `lang`, a `<title>` and a `<desc>` (what a screen reader or a file browser shows).
///
/// # Errors
/// [`ChartError`] when plotters fails to draw.
pub fn document<F>(
    size: (u32, u32),
    lang: Lang,
    title: &str,
    desc: &str,
    draw: F,
) -> Result<String, ChartError>
where
    F: FnOnce(&DrawingArea<PageSvg<'_>, Shift>) -> Result<(), ChartError>,
{
    let mut body = String::new();
    {
        let area = PageSvg::with_string(&mut body, size).into_drawing_area();
        draw(&area)?;
        area.present()?;
    }
    // plotters writes `<svg width=.. height=.. viewBox=.. xmlns=..>` first; add the language and
    // the accessible name right after it.
    let open_end = body
        .find('>')
        .ok_or_else(|| ChartError("the SVG backend wrote no <svg> element".into()))?;
    let lang_attr = lang.pick("zh-CN", "en");
    let mut out = String::with_capacity(body.len() + title.len() + desc.len() + 160);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&body[..open_end]);
    out.push_str(&format!(
        " xml:lang=\"{lang_attr}\" lang=\"{lang_attr}\" role=\"img\">\n"
    ));
    out.push_str(&format!(
        "<title>{}</title>\n<desc>{}</desc>",
        escape_text(title),
        escape_text(desc)
    ));
    out.push_str(&body[open_end + 1..]);
    Ok(out)
}

/// Chart `id` as an SVG document at `css_width` CSS pixels (one backend pixel each), in `lang`,
/// with the default reader input (the 17% projection, no plan points), light theme; and where
/// its marks went.
///
/// # Errors
/// [`ChartError`] when plotters fails to draw.
pub fn chart(id: ChartId, lang: Lang, css_width: u32) -> Result<(String, ChartLayout), ChartError> {
    let size = chart_size(id, css_width);
    let opts = ChartOptions {
        lang,
        css_width: f64::from(css_width),
        ..ChartOptions::default()
    };
    let mut layout = ChartLayout::default();
    let doc = document(size, lang, id.title(lang), &id.caption(lang), |area| {
        layout = charts::draw(id, area, &opts, &ChartInput::default())?;
        Ok(())
    })?;
    Ok((doc, layout))
}

/// Escapes text for XML and HTML element content (not for attribute values).
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}
