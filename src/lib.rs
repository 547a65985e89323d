//! An interactive explainer of two stories from one Shanxi newspaper page (22 September 2023):
//! the province's specialty towns programme (特色专业镇) and the provincial trade union's rules for
//! model workers' rest-and-recuperation trips (劳模疗休养).
//!
//! The crate is a pure core with one thin browser shell:
//! - [`data`]: every figure of the article as typed records with provenance, and the rest-trip limits;
//! - [`rules`]: the rule engine that checks a reader's rest-trip plan and explains each verdict;
//! - [`charts`]: plotters drawings, generic over the drawing backend (SVG in tests, canvas in the page);
//! - [`format`]: numbers, money and dates written the way a Chinese (or English) reader expects;
//! - [`loader`]: what `embed.js` knows before the wasm arrives (kinds, words, heights to reserve,
//!   the first chart pre-rendered);
//! - [`markup`]: HTML building, and the top of each widget, shared by the page and the pre-render;
//! - [`num`]: small numeric helpers that keep the wasm lean;
//! - `web` (wasm32 only): the only module that touches wasm-bindgen and web-sys.

pub mod charts;
pub mod data;
pub mod format;
pub mod loader;
pub mod markup;
pub mod num;
pub mod rules;

#[cfg(target_arch = "wasm32")]
pub mod web;

/// The wasm's allocator: talc instead of Rust's default dlmalloc, which is larger. The module
/// runs on the page's one thread (no `atomics`), which talc's single-threaded cell relies on.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
