//! What the shell does for the reader's settings and assistive technology, beyond the markup:
//! chart colours for forced colours (Windows high contrast) and `prefers-contrast: more`, live
//! regions written only when their words change, and the sticky verdict's height, which the
//! stylesheet keeps focused controls clear of.

use super::chart_api::ChartTheme;
use super::{media_matches, Ctx};
use crate::charts::{Palette, SystemColors};
use plotters::style::RGBColor;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

/// The chart colours for the reader's settings: when the browser forces colours, the reader's
/// system colours (a canvas is a picture, which the browser does not recolour); with
/// `prefers-contrast: more`, `base` with stronger secondary text and grid lines; else `base`.
pub(crate) fn chart_theme(ctx: &Ctx, base: ChartTheme) -> ChartTheme {
    if media_matches("(forced-colors: active)") {
        if let Some(c) = system_colors(ctx) {
            return ChartTheme::Custom(Palette::forced(&c));
        }
    }
    if media_matches("(prefers-contrast: more)") {
        return ChartTheme::Custom(base.palette().more_contrast());
    }
    base
}

/// The system colours as this browser resolves them, read from a hidden probe in the widget
/// (`forced-color-adjust: none`, so that what is read is the colour named, not a forced one).
fn system_colors(ctx: &Ctx) -> Option<SystemColors> {
    let doc = ctx.root.owner_document()?;
    let window = web_sys::window()?;
    let probe: HtmlElement = doc.create_element("span").ok()?.dyn_into().ok()?;
    probe.set_attribute("hidden", "").ok();
    probe.set_attribute("aria-hidden", "true").ok();
    ctx.root.append_child(&probe).ok()?;
    let style = probe.style();
    style.set_property("forced-color-adjust", "none").ok();
    let read = |name: &str| -> Option<RGBColor> {
        style.set_property("color", name).ok()?;
        let css = window
            .get_computed_style(&probe)
            .ok()
            .flatten()?
            .get_property_value("color")
            .ok()?;
        parse_rgb(&css)
    };
    let colors = (|| {
        Some(SystemColors {
            canvas: read("Canvas")?,
            canvas_text: read("CanvasText")?,
            gray_text: read("GrayText")?,
            highlight: read("Highlight")?,
            link_text: read("LinkText")?,
        })
    })();
    probe.remove();
    colors
}

/// `rgb(r, g, b)` or `rgba(r, g, b, a)` as the browser serialises a computed colour.
fn parse_rgb(css: &str) -> Option<RGBColor> {
    let inner = css.split_once('(')?.1.trim_end_matches(')');
    let mut n = inner
        .split([',', ' ', '/'])
        .filter(|s| !s.is_empty())
        .map(channel);
    Some(RGBColor(n.next()??, n.next()??, n.next()??))
}

/// One channel of a computed colour ("255", "127.5"), rounded, read through integers: Rust's
/// float parser would bring about 15 KB gzip of tables into the towns wasm.
fn channel(s: &str) -> Option<u8> {
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    let v: u32 = int.parse().ok()?;
    let up = u32::from(
        frac.as_bytes()
            .first()
            .is_some_and(|d| (b'5'..=b'9').contains(d)),
    );
    Some((v + up).min(255) as u8)
}

/// A colour as CSS, for what the shell draws on a canvas itself (the keyboard's ring).
pub(crate) fn css(c: RGBColor) -> String {
    format!("rgb({},{},{})", c.0, c.1, c.2)
}

/// Puts `text` into `el` (a live region) only when it differs from what is there, so a screen
/// reader hears each change once and never the same words again. Returns whether it wrote.
pub(crate) fn say_once(el: Option<Element>, text: &str) -> bool {
    match el {
        Some(el) if el.text_content().as_deref() != Some(text) => {
            el.set_text_content(Some(text));
            true
        }
        _ => false,
    }
}

/// Sets `--sticky` on the widget to the sticky verdict's height plus a little room: the
/// stylesheet gives every focusable element that `scroll-margin-top`, so a control reached by
/// Tab or Shift+Tab is scrolled clear of the verdict, never under it (WCAG 2.4.11).
#[cfg(feature = "rest-trip")]
pub(crate) fn sticky_room(ctx: &Ctx, verdict: Option<Element>) {
    let (Some(v), Some(section)) = (
        verdict.and_then(|v| v.dyn_into::<HtmlElement>().ok()),
        ctx.q("section.sx")
            .and_then(|s| s.dyn_into::<HtmlElement>().ok()),
    ) else {
        return;
    };
    let room = format!("{}px", v.offset_height() + 12);
    let style = section.style();
    if style.get_property_value("--sticky").ok().as_deref() != Some(room.as_str()) {
        style.set_property("--sticky", &room).ok();
    }
}

/// A control that gets focus under the sticky verdict is scrolled clear of it. The stylesheet's
/// scroll-margin covers the controls the browser scrolls into view itself, but not a date box,
/// whose year, month and day fields the browser brings into view on their own, without the
/// box's margin. (Such a box never matches `:focus-visible`, so this holds for a click too: a
/// box clicked half under the verdict comes out from under it.)
pub(crate) fn clear_of_sticky(ctx: &Ctx, target: &Element) {
    let Some(verdict) = ctx.by_uid("verdict") else {
        return;
    };
    if verdict.contains(Some(target)) {
        return;
    }
    let (v, t) = (
        verdict.get_bounding_client_rect(),
        target.get_bounding_client_rect(),
    );
    let room = v.bottom() + 12.0;
    if t.top() < room && t.bottom() > v.top() {
        if let Some(w) = web_sys::window() {
            w.scroll_by_with_x_and_y(0.0, t.top() - room);
        }
    }
}
