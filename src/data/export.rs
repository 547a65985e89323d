//! The dataset as a file: a JSON array (`cargo run --example dataset`) and the widget's
//! "下载数据 / Get the data" CSV. Hand-written CSV, because this code ships in the wasm and a CSV
//! crate would cost more than these few lines.

use super::{records, Record, Strength};
use crate::format::{self, Lang};

/// The CSV's columns, in order. `source_zh`/`source_en` cite the paragraph for a reader.
pub const CSV_COLUMNS: [&str; 14] = [
    "id",
    "label_zh",
    "label_en",
    "value",
    "unit",
    "period",
    "kind",
    "qualifier",
    "source_section",
    "source_paragraph",
    "source_zh",
    "source_en",
    "formula",
    "strength",
];

/// Every record as a pretty-printed JSON array with the fields `id`, `label_zh`, `label_en`,
/// `value`, `unit`, `period`, `kind`, `qualifier`, `source` (`{section, paragraph}`), `formula`
/// and `strength` (`null` where they do not apply).
///
/// ```
/// let json = sx_explainer::data::export::to_json();
/// assert!(json.starts_with('[') && json.contains("\"id\": \"ten_towns_output\""));
/// ```
pub fn to_json() -> String {
    // Plain structs with string keys cannot fail to serialize; "[]" keeps this panic-free.
    serde_json::to_string_pretty(records()).unwrap_or_else(|_| String::from("[]"))
}

/// Every record as CSV: UTF-8 with a byte-order mark (so Excel reads the Chinese), a header row
/// of [`CSV_COLUMNS`], one row per record, CRLF line ends and RFC 4180 quoting.
///
/// ```
/// let csv = sx_explainer::data::export::to_csv();
/// assert!(csv.starts_with("\u{FEFF}id,label_zh,label_en,value,"));
/// ```
pub fn to_csv() -> String {
    let mut out = String::from("\u{FEFF}");
    push_row(&mut out, CSV_COLUMNS.iter().copied());
    for r in records() {
        push_row(&mut out, csv_fields(r).iter().map(String::as_str));
    }
    out
}

fn csv_fields(r: &Record) -> [String; 14] {
    [
        r.id.to_string(),
        r.label_zh.to_string(),
        r.label_en.to_string(),
        // 10, 410.5, 347.29: the shortest form (tests/data.rs checks it against `to_string`),
        // written without Rust's float printing, which would weigh on the wasm.
        format::decimal(r.value, 6),
        r.unit.as_str().to_string(),
        r.period.to_string(),
        r.kind.as_str().to_string(),
        r.qualifier.map_or("", |q| q.as_str()).to_string(),
        r.source.section.as_str().to_string(),
        r.source.paragraph.to_string(),
        r.source.cite(Lang::Zh),
        r.source.cite(Lang::En),
        r.formula.unwrap_or("").to_string(),
        r.strength.map_or("", strength_str).to_string(),
    ]
}

fn strength_str(s: Strength) -> &'static str {
    match s {
        Strength::Generally => "generally",
        Strength::InPrinciple => "in_principle",
        Strength::Hard => "hard",
    }
}

fn push_row<'a>(out: &mut String, fields: impl Iterator<Item = &'a str>) {
    for (i, f) in fields.enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_field(out, f);
    }
    out.push_str("\r\n");
}

/// One CSV field: quoted when it holds a comma, a quote or a line break, with quotes doubled.
pub fn push_field(out: &mut String, field: &str) {
    if field.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&field.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(field);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(s: &str) -> String {
        let mut out = String::new();
        push_field(&mut out, s);
        out
    }

    #[test]
    fn quotes_only_what_needs_it() {
        assert_eq!(field("410.5"), "410.5");
        assert_eq!(field("太原、忻州"), "太原、忻州");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(
            field("the \"8 or more\" target"),
            "\"the \"\"8 or more\"\" target\""
        );
        assert_eq!(field("two\nlines"), "\"two\nlines\"");
    }

    #[test]
    fn strength_words_agree_with_serde() {
        for s in [Strength::Generally, Strength::InPrinciple, Strength::Hard] {
            assert_eq!(
                serde_json::to_string(&s).ok(),
                Some(format!("\"{}\"", strength_str(s)))
            );
        }
    }
}
