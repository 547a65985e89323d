//! The explainer's charts, drawn with plotters and generic over its `DrawingBackend`: the page
//! draws them on a canvas (plotters-canvas, in `web`), the tests render the same functions to SVG
//! and read the picture back.
//!
//! Every chart takes [`ChartOptions`] (language, theme, scale for the device pixel ratio, CSS width
//! for responsive labels) and returns a [`ChartLayout`]: the rectangles of its marks in backend
//! pixels with the record each one shows, so a pointer position maps back to a data record.

mod output;

pub use output::draw_output;

use crate::format::Lang;
use plotters::prelude::*;
use plotters::style::RGBColor;

/// The font stack: the reader's own system CJK font first, then generic sans-serif. No web fonts
/// are downloaded.
pub const FONT: &str =
    "system-ui, -apple-system, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', sans-serif";

/// Light or dark colours.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    #[default]
    Light,
    Dark,
}

/// How to draw a chart.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ChartOptions {
    pub lang: Lang,
    pub theme: Theme,
    /// Backend pixels per CSS pixel (the device pixel ratio on a canvas, 1 in SVG tests).
    pub scale: f64,
}

impl Default for ChartOptions {
    fn default() -> Self {
        ChartOptions { lang: Lang::Zh, theme: Theme::Light, scale: 1.0 }
    }
}

impl ChartOptions {
    /// A length in CSS pixels as backend pixels.
    pub fn px(&self, css: f64) -> i32 {
        (css * self.scale).round() as i32
    }

    /// The colours for the theme.
    pub fn palette(&self) -> Palette {
        match self.theme {
            Theme::Light => Palette::LIGHT,
            Theme::Dark => Palette::DARK,
        }
    }

    /// A text style at `size` CSS pixels in the theme's text colour.
    pub fn text(&self, size: f64) -> TextStyle<'static> {
        (FONT, size * self.scale).into_font().color(&self.palette().text)
    }
}

/// Colours from the Okabe-Ito colour-blind-safe palette, checked for contrast against the
/// background of each theme.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Palette {
    pub background: RGBColor,
    pub text: RGBColor,
    pub muted: RGBColor,
    pub grid: RGBColor,
    /// Reported figures of 2023.
    pub primary: RGBColor,
    /// Comparison figures (2022, derived).
    pub secondary: RGBColor,
    pub accent: RGBColor,
}

impl Palette {
    pub const LIGHT: Palette = Palette {
        background: RGBColor(255, 255, 255),
        text: RGBColor(26, 26, 26),
        muted: RGBColor(85, 85, 85),
        grid: RGBColor(221, 221, 221),
        primary: RGBColor(0, 114, 178),
        secondary: RGBColor(213, 94, 0),
        accent: RGBColor(0, 158, 115),
    };
    pub const DARK: Palette = Palette {
        background: RGBColor(24, 24, 27),
        text: RGBColor(240, 240, 240),
        muted: RGBColor(180, 180, 180),
        grid: RGBColor(70, 70, 76),
        primary: RGBColor(86, 180, 233),
        secondary: RGBColor(230, 159, 0),
        accent: RGBColor(0, 190, 140),
    };
}

/// A chart could not be drawn (the backend failed); the page shows the table instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChartError(pub String);

impl std::fmt::Display for ChartError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "chart could not be drawn: {}", self.0)
    }
}

impl std::error::Error for ChartError {}

impl<E: std::error::Error + Send + Sync> From<DrawingAreaErrorKind<E>> for ChartError {
    fn from(e: DrawingAreaErrorKind<E>) -> Self {
        ChartError(e.to_string())
    }
}

/// One mark of a chart in backend pixels, and the record it shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    pub x0: i32,
    pub y0: i32,
    pub x1: i32,
    pub y1: i32,
    pub record_id: &'static str,
}

/// What a drawn chart tells the page: where its marks are.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ChartLayout {
    pub hits: Vec<Hit>,
}

impl ChartLayout {
    /// The record under a point in backend pixels, if any.
    pub fn hit(&self, x: i32, y: i32) -> Option<&'static str> {
        self.hits
            .iter()
            .find(|h| (h.x0.min(h.x1)..=h.x0.max(h.x1)).contains(&x) && (h.y0.min(h.y1)..=h.y0.max(h.y1)).contains(&y))
            .map(|h| h.record_id)
    }
}

/// An estimate of a text's width in CSS pixels: CJK characters are one em, others about half.
/// Used to decide when labels must shorten, the same way on every backend.
pub fn text_width(text: &str, size: f64) -> f64 {
    text.chars().map(|c| if (c as u32) >= 0x2E80 { 1.0 } else { 0.56 }).sum::<f64>() * size
}
