//! The share link: a plan lives in the URL fragment as `#plan=` + base64url of its compact JSON.
//! Reading a fragment is defensive: too long, bad base64, not UTF-8, not JSON or the wrong shape
//! each give a [`ShareError`] that the widget shows (in both languages) while it falls back to the
//! example plan.

use crate::format::Lang;
use crate::rules::{BATCH_FIELDS, PERSON_FIELDS, TRIP_FIELDS};
use serde_json::{Map, Value};

/// The longest fragment value we read or write (a plan of a few batches is a few hundred).
pub const MAX_LEN: usize = 8000;
const MAX_BATCHES: usize = 100;
const MAX_PEOPLE: usize = 200;
const MAX_TRIPS: usize = 50;

/// Why a shared plan could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShareError {
    TooLong,
    BadBase64,
    NotJson,
    WrongShape,
}

impl ShareError {
    /// The message shown above the form.
    pub fn message(self, lang: Lang) -> &'static str {
        match self {
            ShareError::TooLong => lang.pick(
                "链接里的方案太长，无法读取，已改用示例方案。",
                "The plan in the link is too long to read; showing the example plan instead.",
            ),
            ShareError::BadBase64 | ShareError::NotJson => lang.pick(
                "链接里的方案已损坏，无法读取，已改用示例方案。",
                "The plan in the link is damaged and cannot be read; showing the example plan instead.",
            ),
            ShareError::WrongShape => lang.pick(
                "链接里的方案格式不对，已改用示例方案。",
                "The plan in the link is not in the right shape; showing the example plan instead.",
            ),
        }
    }
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// base64url without padding.
pub fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk.first().copied().unwrap_or(0),
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        let chars = chunk.len() + 1;
        for i in 0..chars {
            let idx = ((n >> (18 - 6 * i)) & 63) as usize;
            out.push(char::from(ALPHABET.get(idx).copied().unwrap_or(b'A')));
        }
    }
    out
}

/// Decodes base64url (also accepts `+`, `/` and trailing `=`).
///
/// # Errors
/// [`ShareError::BadBase64`] for any other character or an impossible length.
pub fn decode(text: &str) -> Result<Vec<u8>, ShareError> {
    let text = text.trim_end_matches('=');
    if text.len() % 4 == 1 {
        return Err(ShareError::BadBase64);
    }
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut acc = 0u32;
    let mut bits = 0;
    for c in text.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            _ => return Err(ShareError::BadBase64),
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Ok(out)
}

/// Field names and select values in the link, shortened (`participants` → `p`) to keep a shared
/// URL short; `false` flags are left out and restored on reading.
const KEYS: [(&str, &str); 21] = [
    ("organizer", "o"),
    ("model_workers_under_65", "m"),
    ("batches", "b"),
    ("participants", "p"),
    ("start", "s"),
    ("end", "e"),
    ("cost_per_person", "c"),
    ("destination", "d"),
    ("venue", "v"),
    ("cross_province_activities", "x"),
    ("lodging_changes", "l"),
    ("people", "r"),
    ("honor", "h"),
    ("title", "t"),
    ("age", "a"),
    ("frontline", "f"),
    ("high_intensity", "i"),
    ("hard_environment", "w"),
    ("key_role", "k"),
    ("technical_worker_trips", "tw"),
    ("year", "y"),
];
const VALUES: [(&str, &str); 14] = [
    ("provincial_union", "pu"),
    ("in_province", "in"),
    ("out_of_province", "out"),
    ("national_base", "nb"),
    ("provincial_base", "pb"),
    ("union_sanatorium", "us"),
    ("model_worker", "mw"),
    ("advanced_worker", "aw"),
    ("treatment", "tr"),
    ("may_day_medal", "md"),
    ("national", "na"),
    ("provincial", "pr"),
    ("city", "ci"),
    ("county", "co"),
];
const SELECTS: [&str; 5] = ["organizer", "destination", "venue", "honor", "title"];
const FLAGS: [&str; 5] = [
    "cross_province_activities",
    "frontline",
    "high_intensity",
    "hard_environment",
    "key_role",
];

fn rename(v: &Value, short: bool) -> Value {
    let swap = |table: &[(&'static str, &'static str)], x: &str| -> Option<&'static str> {
        table
            .iter()
            .find(|(f, s)| if short { *f == x } else { *s == x })
            .map(|(f, s)| if short { *s } else { *f })
    };
    match v {
        Value::Array(items) => Value::Array(items.iter().map(|i| rename(i, short)).collect()),
        Value::Object(obj) => {
            let mut out = Map::new();
            for (k, x) in obj {
                let full = if short {
                    k.as_str()
                } else {
                    swap(&KEYS, k).unwrap_or(k)
                };
                if short && x == &Value::Bool(false) && FLAGS.contains(&full) {
                    continue;
                }
                let x = match x {
                    Value::String(t) if SELECTS.contains(&full) => {
                        Value::String(swap(&VALUES, t).unwrap_or(t).to_string())
                    }
                    x => rename(x, short),
                };
                let key = if short {
                    swap(&KEYS, k).unwrap_or(k)
                } else {
                    full
                };
                out.insert(key.to_string(), x);
            }
            if !short {
                let is_batch = out.contains_key("participants") && out.contains_key("start");
                let is_person = out.contains_key("honor");
                for f in FLAGS {
                    if (is_batch && f == "cross_province_activities")
                        || (is_person && f != "cross_province_activities")
                    {
                        out.entry(f.to_string()).or_insert(Value::Bool(false));
                    }
                }
            }
            Value::Object(out)
        }
        x => x.clone(),
    }
}

/// The fragment value for a plan.
pub fn encode_plan(plan: &Value) -> String {
    encode(rename(plan, true).to_string().as_bytes())
}

/// Reads a plan from a fragment value: decoded, parsed and reduced to the fields the form knows.
///
/// # Errors
/// See [`ShareError`].
pub fn decode_plan(text: &str) -> Result<Value, ShareError> {
    if text.len() > MAX_LEN {
        return Err(ShareError::TooLong);
    }
    let bytes = decode(text)?;
    let json = String::from_utf8(bytes).map_err(|_| ShareError::BadBase64)?;
    let value: Value = serde_json::from_str(&json).map_err(|_| ShareError::NotJson)?;
    sanitize(&rename(&value, false))
}

fn scalar(v: &Value) -> bool {
    !(v.is_array() || v.is_object())
}

/// Keeps the known fields of `item` (each must be a scalar).
fn pick(item: &Value, keys: &[&str]) -> Result<Value, ShareError> {
    let obj = item.as_object().ok_or(ShareError::WrongShape)?;
    let mut out = Map::new();
    for k in keys {
        if let Some(v) = obj.get(*k) {
            if !scalar(v) {
                return Err(ShareError::WrongShape);
            }
            out.insert((*k).to_string(), v.clone());
        }
    }
    Ok(Value::Object(out))
}

fn list(v: Option<&Value>, max: usize, keys: &[&str]) -> Result<Option<Value>, ShareError> {
    match v {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Array(items)) if items.len() <= max => Ok(Some(Value::Array(
            items
                .iter()
                .map(|i| pick(i, keys))
                .collect::<Result<_, _>>()?,
        ))),
        Some(_) => Err(ShareError::WrongShape),
    }
}

/// Reduces a shared value to a plan the form can show: an object with at least one batch, every
/// field a scalar (the rule engine then judges the values), lists of bounded length.
///
/// # Errors
/// [`ShareError::WrongShape`].
pub fn sanitize(v: &Value) -> Result<Value, ShareError> {
    let obj = v.as_object().ok_or(ShareError::WrongShape)?;
    let mut out = Map::new();
    for k in ["organizer", "model_workers_under_65"] {
        match obj.get(k) {
            Some(Value::Null) | None => {}
            Some(x) if scalar(x) => {
                out.insert(k.to_string(), x.clone());
            }
            Some(_) => return Err(ShareError::WrongShape),
        }
    }
    match list(obj.get("batches"), MAX_BATCHES, &BATCH_FIELDS)? {
        Some(Value::Array(b)) if !b.is_empty() => {
            out.insert("batches".into(), Value::Array(b));
        }
        _ => return Err(ShareError::WrongShape),
    }
    if let Some(p) = list(obj.get("people"), MAX_PEOPLE, &PERSON_FIELDS)? {
        out.insert("people".into(), p);
    }
    if let Some(t) = list(obj.get("technical_worker_trips"), MAX_TRIPS, &TRIP_FIELDS)? {
        out.insert("technical_worker_trips".into(), t);
    }
    Ok(Value::Object(out))
}

/// The value of `key` in a fragment like `#a=1&plan=xyz`.
pub fn get<'a>(hash: &'a str, key: &str) -> Option<&'a str> {
    hash.trim_start_matches('#')
        .split('&')
        .find_map(|part| part.strip_prefix(key)?.strip_prefix('='))
}

/// The fragment with `key` set to `value` (other parts kept).
pub fn set(hash: &str, key: &str, value: &str) -> String {
    let mut parts: Vec<&str> = hash
        .trim_start_matches('#')
        .split('&')
        .filter(|p| {
            !p.is_empty()
                && p.strip_prefix(key)
                    .is_none_or(|rest| !rest.starts_with('='))
        })
        .collect();
    let own = format!("{key}={value}");
    parts.push(&own);
    format!("#{}", parts.join("&"))
}
