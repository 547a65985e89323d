//! plotters-canvas with straight strokes batched: consecutive two-point paths of one colour and
//! width (hatching, dashes, grid lines and ticks; about 260 of chart 1's 300 shapes) become one
//! canvas path stroked once, instead of one `stroke()` each. Every other drawing call flushes the
//! batch and goes to plotters-canvas as it is, so the drawing order is kept.
//!
//! `paint` in `src/web/embed.js` batches a pre-rendered chart the same way, so the two still
//! draw the same pixels (`tests/e2e/contain.mjs` compares them).

use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};
use plotters_canvas::CanvasBackend;
use web_sys::CanvasRenderingContext2d;

type Error = <CanvasBackend as DrawingBackend>::ErrorType;

struct Batch {
    rgb: (u8, u8, u8),
    alpha: f64,
    width: u32,
    segments: Vec<(BackendCoord, BackendCoord)>,
}

/// A [`CanvasBackend`] whose straight strokes are batched.
pub struct Batched {
    inner: CanvasBackend,
    ctx: CanvasRenderingContext2d,
    batch: Option<Batch>,
}

impl Batched {
    pub fn new(inner: CanvasBackend, ctx: CanvasRenderingContext2d) -> Batched {
        Batched {
            inner,
            ctx,
            batch: None,
        }
    }

    /// Strokes the batch, with the colour string plotters-canvas writes.
    fn flush(&mut self) {
        let Some(b) = self.batch.take() else { return };
        let (r, g, bl) = b.rgb;
        // The alpha as plotters-canvas (patched, vendor/) writes it: through integers, since `{}`
        // on an f64 would bring Rust's float printing into the wasm.
        let a = crate::format::decimal(b.alpha, 6);
        self.ctx
            .set_stroke_style_str(&format!("rgba({r},{g},{bl},{a})"));
        self.ctx.set_line_width(f64::from(b.width));
        self.ctx.begin_path();
        for (from, to) in &b.segments {
            self.ctx.move_to(f64::from(from.0), f64::from(from.1));
            self.ctx.line_to(f64::from(to.0), f64::from(to.1));
        }
        self.ctx.stroke();
    }
}

impl DrawingBackend for Batched {
    type ErrorType = Error;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Error>> {
        self.inner.ensure_prepared()
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<Error>> {
        self.flush();
        self.inner.present()
    }

    fn draw_pixel(
        &mut self,
        point: BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<Error>> {
        self.flush();
        self.inner.draw_pixel(point, color)
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Error>> {
        self.flush();
        self.inner.draw_line(from, to, style)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Error>> {
        self.flush();
        self.inner.draw_rect(upper_left, bottom_right, style, fill)
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Error>> {
        let points: Vec<BackendCoord> = path.into_iter().collect();
        let c = style.color();
        if points.len() != 2 || c.alpha == 0.0 {
            self.flush();
            return self.inner.draw_path(points, style);
        }
        let width = style.stroke_width();
        let same = self.batch.as_ref().is_some_and(|b| {
            b.rgb == c.rgb && b.alpha.to_bits() == c.alpha.to_bits() && b.width == width
        });
        if !same {
            self.flush();
            self.batch = Some(Batch {
                rgb: c.rgb,
                alpha: c.alpha,
                width,
                segments: Vec::new(),
            });
        }
        if let Some(b) = &mut self.batch {
            b.segments.push((points[0], points[1]));
        }
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Error>> {
        self.flush();
        self.inner.fill_polygon(vert, style)
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Error>> {
        self.flush();
        self.inner.draw_circle(center, radius, style, fill)
    }

    fn draw_text<TStyle: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &TStyle,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<Error>> {
        self.flush();
        self.inner.draw_text(text, style, pos)
    }
}

impl Drop for Batched {
    fn drop(&mut self) {
        self.flush();
    }
}
