/*!
   The Plotters HTML5 Canvas backend.

   This backend allows Plotters operates the HTML5 Canvas when targeted to Webassembly.

   See the documentation for [CanvasBackend](struct.CanvasBackend.html) for more details.
*/
// sx-explainer's copy: web-sys deprecated `set_fill_style(&JsValue)`; upstream 0.3.1 still calls it.
#![allow(deprecated)]
mod canvas;

pub use canvas::CanvasBackend;
