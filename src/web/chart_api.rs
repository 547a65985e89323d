//! The chart registry as the shell uses it: `crate::charts` under one name, plus the two small
//! things the shell adds (the tooltip as a function, the CSV of the dataset).

pub use crate::charts::{
    css_height, draw_sized, layout_sized, paint_key, table, Annualise, ChartId, ChartInput,
    ChartLayout, ChartOptions, Table, Theme as ChartTheme,
};
use crate::format::Lang;

/// The tooltip for a point in backend pixels.
pub fn tooltip(layout: &ChartLayout, x: i32, y: i32, lang: Lang) -> Option<String> {
    layout.tooltip(x, y, lang)
}

/// The dataset as CSV with a byte-order mark.
pub fn to_csv() -> String {
    crate::data::export::to_csv()
}
