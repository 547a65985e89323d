//! A laid-out chart as a paint list: plain JSON that `embed.js` paints on a canvas before the
//! wasm has arrived, so the first chart is on screen early (see `src/web/embed.js`, `paint`).
//!
//! The list is the [`Scene`] in CSS pixels, not canvas calls: `embed.js` scales it to the
//! reader's device pixel ratio exactly as [`super::scene::render`] does (`round(v × ratio)`,
//! half away from zero) and then draws each shape as plotters and plotters-canvas draw it, so
//! the pre-rendered chart is pixel for pixel the one the wasm draws on the same spot
//! (`tests/e2e/contain.mjs` compares the two at several ratios).
//!
//! `key` names the picture ([`super::paint_key`]); `embed.js` marks the canvas with it, so that
//! the wasm can tell that the canvas already holds what it would draw.
//!
//! ```text
//! { "key": name or null, "w": css width, "h": css height, "bg": [r, g, b], "font": family list,
//!   "c": [[r, g, b, alpha], ...],                       colours, referred to by index
//!   "o": [                                               shapes, in drawing order
//!     [0, x0, y0, x1, y1, colour, filled 0|1, stroke width],      rectangle
//!     [1, colour, stroke width, x, y, x, y, ...],                   polyline
//!     [2, colour, x, y, x, y, ...],                                 filled polygon
//!     [3, x, y, radius, colour, filled 0|1, stroke width],          circle
//!     [4, text, x, y, size, colour, h 0|1|2, v 0|1|2, bold 0|1] ] } text (left|centre|right,
//!                                                                    top|centre|bottom)
//! ```
//! Numbers are written as Rust prints an `f64` (the shortest form that reads back as the same
//! number), so `embed.js` computes with exactly the values the wasm computes with.

use super::scene::{Prim, Scene};
use super::FONT;
use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::RGBAColor;
use std::fmt::Write;

/// `sc` at `w` × `h` CSS pixels as a paint list (the format above), named `key`.
pub fn list(sc: &Scene, w: f64, h: f64, key: Option<&str>) -> String {
    let mut colours: Vec<RGBAColor> = Vec::new();
    let mut colour = |c: &RGBAColor| -> usize {
        match colours
            .iter()
            .position(|k| (k.0, k.1, k.2) == (c.0, c.1, c.2) && k.3.to_bits() == c.3.to_bits())
        {
            Some(i) => i,
            None => {
                colours.push(*c);
                colours.len() - 1
            }
        }
    };
    let flag = |b: bool| u8::from(b);
    let mut ops: Vec<String> = Vec::with_capacity(sc.prims.len());
    for prim in &sc.prims {
        let mut o = String::new();
        match prim {
            Prim::Rect {
                r,
                color,
                fill,
                width,
            } => {
                let _ = write!(
                    o,
                    "[0,{},{},{},{},{},{},{}]",
                    r[0],
                    r[1],
                    r[2],
                    r[3],
                    colour(color),
                    flag(*fill),
                    width
                );
            }
            Prim::Path { pts, color, width } => {
                let _ = write!(o, "[1,{},{}", colour(color), width);
                for (x, y) in pts {
                    let _ = write!(o, ",{x},{y}");
                }
                o.push(']');
            }
            Prim::Poly { pts, color } => {
                let _ = write!(o, "[2,{}", colour(color));
                for (x, y) in pts {
                    let _ = write!(o, ",{x},{y}");
                }
                o.push(']');
            }
            Prim::Circle {
                x,
                y,
                r,
                color,
                fill,
                width,
            } => {
                let _ = write!(
                    o,
                    "[3,{x},{y},{r},{},{},{width}]",
                    colour(color),
                    flag(*fill)
                );
            }
            Prim::Text {
                s,
                x,
                y,
                size,
                color,
                h,
                v,
                bold,
            } => {
                let h = match h {
                    HPos::Left => 0,
                    HPos::Center => 1,
                    HPos::Right => 2,
                };
                let v = match v {
                    VPos::Top => 0,
                    VPos::Center => 1,
                    VPos::Bottom => 2,
                };
                let _ = write!(
                    o,
                    "[4,{},{x},{y},{size},{},{h},{v},{}]",
                    serde_json::Value::from(s.as_str()),
                    colour(color),
                    flag(*bold)
                );
            }
        }
        ops.push(o);
    }
    let bg = sc.pal.background;
    let colours: Vec<String> = colours
        .iter()
        .map(|c| format!("[{},{},{},{}]", c.0, c.1, c.2, c.3))
        .collect();
    format!(
        "{{\"key\":{},\"w\":{w},\"h\":{h},\"bg\":[{},{},{}],\"font\":{},\"c\":[{}],\"o\":[{}]}}",
        key.map_or(serde_json::Value::Null, serde_json::Value::from),
        bg.0,
        bg.1,
        bg.2,
        serde_json::Value::from(FONT),
        colours.join(","),
        ops.join(",")
    )
}

#[cfg(test)]
mod tests {
    use crate::charts::{paint_list, ChartId, ChartInput, ChartOptions};
    use crate::format::Lang;

    #[test]
    fn a_paint_list_is_json_with_every_shape_and_text_of_the_chart() {
        let opts = ChartOptions {
            lang: Lang::Zh,
            css_width: 360.0,
            ..ChartOptions::default()
        };
        let list = paint_list(ChartId::Output, &opts, &ChartInput::default());
        let v: serde_json::Value = serde_json::from_str(&list).unwrap();
        assert_eq!(v["w"], 360.0);
        let ops = v["o"].as_array().unwrap();
        let texts: Vec<&str> = ops
            .iter()
            .filter(|o| o[0] == 4)
            .filter_map(|o| o[1].as_str())
            .collect();
        assert!(texts.iter().any(|t| t.contains("410.5")), "{texts:?}");
        assert!(ops.iter().any(|o| o[0] == 0));
        // Every colour index points into the table.
        let n = v["c"].as_array().unwrap().len() as u64;
        for o in ops {
            let i = match o[0].as_u64().unwrap() {
                0 => o[5].as_u64(),
                1 | 2 => o[1].as_u64(),
                3 => o[4].as_u64(),
                _ => o[5].as_u64(),
            };
            assert!(i.unwrap() < n);
        }
    }
}
