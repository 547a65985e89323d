//! Small numeric helpers that keep the wasm lean. `f64::clamp` asserts `min <= max` with a
//! message that prints both bounds with `Debug`; at opt-level "z" it stays a function of its own,
//! so that message brings Rust's float printing (about 20 KB before compression) into the wasm.

/// `x` limited to `lo..=hi`: `f64::clamp` without its panic path. A NaN `x` gives `lo`, and
/// `lo > hi` gives `hi` rather than a panic.
///
/// ```
/// use sx_explainer::num::clamp;
/// assert_eq!(clamp(5.0, 0.0, 1.0), 1.0);
/// assert_eq!(clamp(-5.0, 0.0, 1.0), 0.0);
/// assert_eq!(clamp(0.25, 0.0, 1.0), 0.25);
/// assert_eq!(clamp(f64::NAN, 0.0, 1.0), 0.0);
/// ```
#[inline]
pub fn clamp(x: f64, lo: f64, hi: f64) -> f64 {
    x.max(lo).min(hi)
}

/// A CSS length in pixels (`"412px"`, `"37.5px"`), rounded to 2 decimals and written through
/// integer formatting: `{}` on an `f64` would bring Rust's float printing into the wasm.
///
/// ```
/// use sx_explainer::num::px;
/// assert_eq!(px(412.0), "412px");
/// assert_eq!(px(37.5), "37.5px");
/// assert_eq!(px(-0.004), "0px");
/// ```
pub fn px(v: f64) -> String {
    let mut s = crate::format::decimal(v, 2);
    s.push_str("px");
    s
}
