//! The share link: a [`Draft`] in the URL fragment (`#plan=…`), so that every plan the form can
//! hold, wrong values included, comes back exactly when the link is opened.
//!
//! # Format (version 2)
//!
//! base64url (no padding) of bytes: the version byte `2`; the two top cells; then each list as
//! its row count followed by its rows; then the draft's problems. A row starts with a byte whose
//! bit `j` says cell `j` differs from the same cell of the row before (the first row compares
//! with [`template_batch`] and its kin), and holds only the cells that differ. A cell is a varint
//! whose two low bits are its tag:
//!
//! | tag | cell | payload (the varint's other bits) |
//! |---|---|---|
//! | 0 | empty, no, yes | 0, 1, 2 |
//! | 1 | a value in its canonical text (`80`, `2024-05-06`, `4500.5`, `in_province`) | a word's position in its vocabulary; for numbers and dates the zigzag difference from a base: the same field of the row before, or for a return day the row's arrival day |
//! | 2 | other text | its length in bytes, then the UTF-8 bytes |
//! | 3 | a JSON value of the wrong type | its length, then its JSON text |
//!
//! So a plan built with the Add buttons costs about one byte per row: 100 batches, 200 people
//! and 50 years fit in well under 2,000 characters. The first format (`#plan=` + base64url of
//! JSON with short keys) still opens: its bytes start with `{`.

use super::draft::{
    rows, template_batch, template_person, template_trip, Cell, Draft, Origin, Problem,
    MAX_PROBLEMS, MAX_TEXT,
};
use super::field::{BatchField, Field, FieldDef, FieldKind, ListId, TopField};
use super::plan::{date_text, yuan_text};
use super::read::parse_date;
use jiff::civil::{date, Date};
use jiff::SignedDuration;
use serde_json::{Map, Value};

/// The format version this module writes.
pub const VERSION: u8 = 2;

/// Why a link could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkError {
    /// Longer than any plan the form can hold ([`max_len`]).
    TooLong,
    /// Not base64url, cut short, or bytes that are not a plan of any known version.
    Damaged,
    /// A first-format link whose JSON is not a plan object.
    NotAPlan,
}

impl LinkError {
    /// What the reader is told, in both languages. The link stays in the address bar until the
    /// reader edits the plan, so it can still be repaired.
    pub fn message(self) -> (&'static str, &'static str) {
        match self {
            LinkError::TooLong => (
                "链接里的方案比任何可填写的方案都长，无法读取。下面是示例方案；地址栏里的链接在你修改方案之前保持不变。",
                "The plan in the link is longer than any plan the form can hold, so it cannot be read. Below is the example plan; the link stays in the address bar until you edit the plan.",
            ),
            LinkError::Damaged => (
                "链接里的方案已损坏（可能复制不完整），无法读取。下面是示例方案；地址栏里的链接在你修改方案之前保持不变。",
                "The plan in the link is damaged (perhaps not copied in full) and cannot be read. Below is the example plan; the link stays in the address bar until you edit the plan.",
            ),
            LinkError::NotAPlan => (
                "链接里的内容不是一份疗休养方案。下面是示例方案；地址栏里的链接在你修改方案之前保持不变。",
                "The link does not hold a rest-trip plan. Below is the example plan; the link stays in the address bar until you edit the plan.",
            ),
        }
    }
}

/// The longest link value any draft can give (every cell holding [`MAX_TEXT`] four-byte
/// characters, every list at its cap, every problem at its longest): the reader accepts
/// links up to this length, so no link the form writes is ever refused.
pub const fn max_len() -> usize {
    let cell = 3 + 4 * MAX_TEXT;
    let rows = ListId::Batches.cap() * (1 + 8 * cell)
        + ListId::People.cap() * (1 + 7 * cell)
        + ListId::Trips.cap() * (1 + 2 * cell);
    let problems = 2 + MAX_PROBLEMS * (1 + 3 + 3 + cell);
    let bytes = 1 + 2 * cell + 3 * 3 + rows + problems;
    bytes.div_ceil(3) * 4
}

/// The first day a date in a link counts from.
const EPOCH: Date = date(2000, 1, 1);

fn day_number(d: Date) -> i64 {
    d.duration_since(EPOCH).as_hours().div_euclid(24)
}

fn from_day_number(n: i64) -> Option<Date> {
    let d = EPOCH
        .checked_add(SignedDuration::from_hours(n.checked_mul(24)?))
        .ok()?;
    // Only dates the reader accepts are written as numbers.
    parse_date(&date_text(d)).filter(|x| *x == d)
}

/// The value of a text cell when the text is exactly the canonical text of a value of `kind`
/// (then the link stores the value, and gives back the same text).
fn canonical(cell: &Cell, kind: FieldKind) -> Option<i64> {
    let Cell::Text(s) = cell else { return None };
    match kind {
        FieldKind::Int { .. } => s.parse::<i64>().ok().filter(|n| n.to_string() == *s),
        FieldKind::Money => {
            let fen = super::number::parse(s).ok()?.scaled(2)?;
            let fen = Some(fen).filter(|f| *f >= 0)?;
            (yuan_text(fen) == *s).then_some(fen)
        }
        FieldKind::Date => parse_date(s)
            .filter(|d| date_text(*d) == *s)
            .map(day_number),
        FieldKind::Word(words) => words
            .iter()
            .position(|w| w.json == s)
            .and_then(|i| i64::try_from(i).ok()),
        FieldKind::Flag => None,
    }
}

/// The canonical text of a value of `kind`.
fn canonical_text(v: i64, kind: FieldKind) -> Option<String> {
    match kind {
        FieldKind::Int { .. } => Some(v.to_string()),
        FieldKind::Money => (v >= 0).then(|| yuan_text(v)),
        FieldKind::Date => from_day_number(v).map(date_text),
        FieldKind::Word(words) => usize::try_from(v)
            .ok()
            .and_then(|i| words.get(i))
            .map(|w| w.json.to_string()),
        FieldKind::Flag => None,
    }
}

fn zigzag(v: i64) -> u64 {
    ((v << 1) ^ (v >> 63)) as u64
}

fn unzigzag(v: u64) -> i64 {
    ((v >> 1) as i64) ^ -((v & 1) as i64)
}

/// The base a number or date is written against: the row's arrival day for its return day,
/// else the same field of the row before.
fn base(defs: &[FieldDef], j: usize, row: &[Cell], prev: &[Cell]) -> i64 {
    let kind = |i: usize| defs.get(i).map_or(FieldKind::Flag, |d| d.kind);
    let from = |c: Option<&Cell>, i: usize| c.and_then(|c| canonical(c, kind(i)));
    let (start, end) = (BatchField::Start.index(), BatchField::End.index());
    let is_end = defs.len() == BatchField::ALL.len() && j == end;
    let own_start = if is_end {
        from(row.get(start), start)
    } else {
        None
    };
    own_start.or_else(|| from(prev.get(j), j)).unwrap_or(0)
}

struct Writer(Vec<u8>);

impl Writer {
    fn varint(&mut self, mut v: u64) {
        loop {
            let byte = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                self.0.push(byte);
                return;
            }
            self.0.push(byte | 0x80);
        }
    }

    fn bytes(&mut self, tag: u64, s: &str) {
        self.varint(((s.len() as u64) << 2) | tag);
        self.0.extend_from_slice(s.as_bytes());
    }

    fn cell(&mut self, cell: &Cell, kind: FieldKind, base: i64) {
        match cell {
            Cell::Empty => self.varint(0),
            Cell::Flag(false) => self.varint(1 << 2),
            Cell::Flag(true) => self.varint(2 << 2),
            Cell::Text(s) => match canonical(cell, kind) {
                Some(v) => {
                    let payload = match kind {
                        FieldKind::Word(_) => v as u64,
                        _ => zigzag(v.wrapping_sub(base)),
                    };
                    self.varint((payload << 2) | 1);
                }
                None => self.bytes(2, s),
            },
            Cell::Wrong(s) => self.bytes(3, s),
        }
    }

    fn rows(&mut self, defs: &[FieldDef], rows: &[&[Cell]], template: &[Cell]) {
        self.varint(rows.len() as u64);
        let mut prev = template;
        for row in rows {
            let mask = row
                .iter()
                .zip(prev)
                .enumerate()
                .filter(|(_, (a, b))| a != b)
                .fold(0u8, |m, (j, _)| m | (1 << j));
            self.0.push(mask);
            for (j, (cell, def)) in row.iter().zip(defs).enumerate() {
                if mask & (1 << j) != 0 {
                    self.cell(cell, def.kind, base(defs, j, row, prev));
                }
            }
            prev = row;
        }
    }

    fn problem(&mut self, p: &Problem) {
        let list = |l: ListId| l as u64;
        match p {
            Problem::NotAnObject => self.varint(0),
            Problem::Unknown(None, key) => {
                self.varint(1);
                self.bytes(2, key);
            }
            Problem::Unknown(Some((l, i)), key) => {
                self.varint(2);
                self.varint(list(*l));
                self.varint(*i as u64);
                self.bytes(2, key);
            }
            Problem::NotAList(l) => {
                self.varint(3);
                self.varint(list(*l));
            }
            Problem::TooLong(l, n) => {
                self.varint(4);
                self.varint(list(*l));
                self.varint(*n as u64);
            }
            Problem::RowNotAnObject(l, i) => {
                self.varint(5);
                self.varint(list(*l));
                self.varint(*i as u64);
            }
        }
    }
}

/// The link value (what follows `plan=`) of a draft.
///
/// ```
/// use sx_explainer::rules::draft::{Cell, Draft, Edit};
/// use sx_explainer::rules::field::{BatchField, FieldPath};
/// use sx_explainer::rules::link::{decode, encode};
/// let mut d = Draft::example();
/// d.apply(Edit::Set(FieldPath::Batch(0, BatchField::Participants), Cell::text("abc"))).unwrap();
/// assert_eq!(decode(&encode(&d)), Ok(d));
/// ```
pub fn encode(d: &Draft) -> String {
    let mut w = Writer(vec![VERSION]);
    for (cell, f) in d.top.iter().zip(TopField::ALL) {
        w.cell(cell, f.def().kind, 0);
    }
    for (list, template) in [
        (ListId::Batches, &template_batch()[..]),
        (ListId::People, &template_person()[..]),
        (ListId::Trips, &template_trip()[..]),
    ] {
        w.rows(list.defs(), &rows(d, list), template);
    }
    w.varint(d.problems.len() as u64);
    for p in &d.problems {
        w.problem(p);
    }
    base64url(&w.0)
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// base64url without padding (RFC 4648 §5). Written here, in a few lines, because the
/// `base64` crate's engine added 6.5 KB to the wasm; the tests check these two functions
/// against that crate.
pub fn base64url(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = |i: usize| u32::from(chunk.get(i).copied().unwrap_or(0));
        let n = (b(0) << 16) | (b(1) << 8) | b(2);
        for i in 0..=chunk.len() {
            let six = (n >> (18 - 6 * i)) & 63;
            out.push(char::from(ALPHABET[six as usize]));
        }
    }
    out
}

/// Reads base64url (also the standard alphabet's `+` and `/`, and `=` padding at the end).
///
/// # Errors
/// `None` for any other character or a length no encoder gives.
pub fn from_base64url(text: &str) -> Option<Vec<u8>> {
    let text = text.trim_end_matches('=');
    if text.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in text.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    // Leftover bits must be zero, as every encoder writes them.
    (acc == 0).then_some(out)
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

type R<T> = Result<T, LinkError>;

impl Reader<'_> {
    fn byte(&mut self) -> R<u8> {
        let b = *self.bytes.get(self.at).ok_or(LinkError::Damaged)?;
        self.at += 1;
        Ok(b)
    }

    fn varint(&mut self) -> R<u64> {
        let mut v: u64 = 0;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(LinkError::Damaged)
    }

    fn small(&mut self, max: usize) -> R<usize> {
        usize::try_from(self.varint()?)
            .ok()
            .filter(|n| *n <= max)
            .ok_or(LinkError::Damaged)
    }

    fn text(&mut self, len: u64) -> R<String> {
        let len = usize::try_from(len)
            .ok()
            .filter(|n| *n <= 4 * MAX_TEXT)
            .ok_or(LinkError::Damaged)?;
        let end = self.at.checked_add(len).ok_or(LinkError::Damaged)?;
        let raw = self.bytes.get(self.at..end).ok_or(LinkError::Damaged)?;
        self.at = end;
        let s = std::str::from_utf8(raw).map_err(|_| LinkError::Damaged)?;
        if s.chars().count() > MAX_TEXT {
            return Err(LinkError::Damaged);
        }
        Ok(s.to_string())
    }

    fn cell(&mut self, kind: FieldKind, base: i64) -> R<Cell> {
        let v = self.varint()?;
        let payload = v >> 2;
        Ok(match v & 3 {
            0 => match payload {
                0 => Cell::Empty,
                1 => Cell::Flag(false),
                2 => Cell::Flag(true),
                _ => return Err(LinkError::Damaged),
            },
            1 => {
                let value = match kind {
                    FieldKind::Word(_) => i64::try_from(payload).map_err(|_| LinkError::Damaged)?,
                    _ => base.wrapping_add(unzigzag(payload)),
                };
                Cell::Text(
                    canonical_text(value, kind)
                        .ok_or(LinkError::Damaged)?
                        .into(),
                )
            }
            2 => Cell::Text(self.text(payload)?.into()).non_empty()?,
            _ => Cell::Wrong(self.text(payload)?.into()),
        })
    }

    fn rows<const N: usize>(&mut self, list: ListId, template: [Cell; N]) -> R<Vec<[Cell; N]>> {
        let defs = list.defs();
        let n = self.small(list.cap())?;
        let mut out: Vec<[Cell; N]> = Vec::with_capacity(n);
        for _ in 0..n {
            let prev = out.last().cloned().unwrap_or_else(|| template.clone());
            let mask = self.byte()?;
            if N < 8 && mask >> N != 0 {
                return Err(LinkError::Damaged);
            }
            let mut row = prev.clone();
            for j in 0..N {
                if mask & (1 << j) != 0 {
                    let kind = defs.get(j).map_or(FieldKind::Flag, |d| d.kind);
                    let b = base(defs, j, &row, &prev);
                    let cell = self.cell(kind, b)?;
                    if cell == prev[j] {
                        // A set bit means a change: the same cell again is not this format.
                        return Err(LinkError::Damaged);
                    }
                    row[j] = cell;
                }
            }
            out.push(row);
        }
        Ok(out)
    }

    fn list(&mut self) -> R<ListId> {
        ListId::ALL
            .get(self.small(2)?)
            .copied()
            .ok_or(LinkError::Damaged)
    }

    fn problem(&mut self) -> R<Problem> {
        Ok(match self.varint()? {
            0 => Problem::NotAnObject,
            1 => {
                let n = self.key_len()?;
                Problem::Unknown(None, self.text(n)?)
            }
            2 => {
                let l = self.list()?;
                let i = self.small(l.cap())?;
                let n = self.key_len()?;
                Problem::Unknown(Some((l, i)), self.text(n)?)
            }
            3 => Problem::NotAList(self.list()?),
            4 => {
                let l = self.list()?;
                Problem::TooLong(l, self.small(usize::MAX)?)
            }
            5 => {
                let l = self.list()?;
                Problem::RowNotAnObject(l, self.small(l.cap())?)
            }
            _ => return Err(LinkError::Damaged),
        })
    }

    fn key_len(&mut self) -> R<u64> {
        let v = self.varint()?;
        if v & 3 != 2 {
            return Err(LinkError::Damaged);
        }
        Ok(v >> 2)
    }
}

impl Cell {
    /// Text cells are never empty ([`Cell::text`]); a link that says otherwise is damaged.
    fn non_empty(self) -> R<Cell> {
        match &self {
            Cell::Text(s) if super::draft::trimmed(s).is_empty() => Err(LinkError::Damaged),
            _ => Ok(self),
        }
    }
}

/// Reads a link value (what follows `plan=`): the current format, or the first one.
///
/// # Errors
/// [`LinkError`] for a value longer than [`max_len`], damaged, or not a plan.
pub fn decode(text: &str) -> Result<Draft, LinkError> {
    if text.len() > max_len() {
        return Err(LinkError::TooLong);
    }
    let bytes = from_base64url(text).ok_or(LinkError::Damaged)?;
    match bytes.first() {
        Some(&VERSION) => decode_v2(&bytes),
        Some(b'{') => decode_v1(&bytes),
        _ => Err(LinkError::Damaged),
    }
}

fn decode_v2(bytes: &[u8]) -> Result<Draft, LinkError> {
    let mut r = Reader { bytes, at: 1 };
    let mut d = Draft::default();
    for (slot, f) in d.top.iter_mut().zip(TopField::ALL) {
        *slot = r.cell(f.def().kind, 0)?;
    }
    d.batches = r.rows(ListId::Batches, template_batch())?;
    d.people = r.rows(ListId::People, template_person())?;
    d.trips = r.rows(ListId::Trips, template_trip())?;
    let n = r.small(MAX_PROBLEMS)?;
    for _ in 0..n {
        let p = r.problem()?;
        d.problems.push(p);
    }
    if r.at != bytes.len() {
        return Err(LinkError::Damaged);
    }
    Ok(d)
}

/// The first format: JSON with short keys and short words, `false` flags left out.
fn decode_v1(bytes: &[u8]) -> Result<Draft, LinkError> {
    let json = std::str::from_utf8(bytes).map_err(|_| LinkError::Damaged)?;
    let v: Value = serde_json::from_str(json).map_err(|_| LinkError::Damaged)?;
    let Value::Object(top) = v else {
        return Err(LinkError::NotAPlan);
    };
    let mut out = Map::new();
    for (k, v) in top {
        if let Some(f) = TopField::ALL.iter().find(|f| f.def().v1 == k) {
            out.insert(f.def().key.into(), long_word(v, f.def()));
        } else if let Some(l) = ListId::ALL.into_iter().find(|l| l.v1() == k) {
            let rows = match v {
                Value::Array(items) => Value::Array(
                    items
                        .into_iter()
                        .map(|item| long_row(item, l.defs()))
                        .collect(),
                ),
                other => other,
            };
            out.insert(l.key().into(), rows);
        } else {
            out.insert(k, v);
        }
    }
    let d = Draft::from_json(&Value::Object(out), Origin::Link);
    if d.problems.contains(&Problem::NotAnObject) {
        return Err(LinkError::NotAPlan);
    }
    Ok(d)
}

/// A short word of the first format as its JSON word.
fn long_word(v: Value, def: &FieldDef) -> Value {
    match (&v, def.kind) {
        (Value::String(s), FieldKind::Word(words)) => words
            .iter()
            .find(|w| w.v1 == s)
            .map_or(v.clone(), |w| Value::String(w.json.into())),
        _ => v,
    }
}

/// A row of the first format with its keys and words made long (other keys kept as they are:
/// links with the full names read the same).
fn long_row(item: Value, defs: &[FieldDef]) -> Value {
    let Value::Object(o) = item else { return item };
    let mut out = Map::new();
    for (k, v) in o {
        match defs.iter().find(|d| d.v1 == k) {
            Some(d) => {
                out.insert(d.key.into(), long_word(v, d));
            }
            None => {
                let v = match defs.iter().find(|d| d.key == k) {
                    Some(d) => long_word(v, d),
                    None => v,
                };
                out.insert(k, v);
            }
        }
    }
    Value::Object(out)
}

/// The value of `key` in a fragment like `#a=1&plan=xyz`.
pub fn get<'a>(hash: &'a str, key: &str) -> Option<&'a str> {
    hash.trim_start_matches('#')
        .split('&')
        .find_map(|part| part.strip_prefix(key)?.strip_prefix('='))
}

/// The fragment with `key` set to `value`, every other part kept in its place (a new key goes
/// last).
pub fn set(hash: &str, key: &str, value: &str) -> String {
    let own = format!("{key}={value}");
    let mut found = false;
    let mut parts: Vec<&str> = Vec::new();
    for p in hash
        .trim_start_matches('#')
        .split('&')
        .filter(|p| !p.is_empty())
    {
        let is_key = p
            .strip_prefix(key)
            .is_some_and(|rest| rest.starts_with('='));
        if is_key {
            if !found {
                parts.push(&own);
                found = true;
            }
        } else {
            parts.push(p);
        }
    }
    if !found {
        parts.push(&own);
    }
    format!("#{}", parts.join("&"))
}

#[cfg(test)]
mod tests {
    use super::*;
    // The largest plan the form makes, and varied ones, are in tests/link.rs.

    #[test]
    fn fragments_keep_their_other_parts() {
        assert_eq!(set("#a=1&plan=x&b=2", "plan", "y"), "#a=1&plan=y&b=2");
        assert_eq!(set("", "plan", "y"), "#plan=y");
        assert_eq!(set("#plan2=z", "plan", "y"), "#plan2=z&plan=y");
        assert_eq!(get("#plan2=z&plan=y", "plan"), Some("y"));
        assert_eq!(get("#plan2=z&plan=y", "plan2"), Some("z"));
    }

    #[test]
    fn damaged_links_are_errors_not_panics() {
        let good = encode(&Draft::example());
        for n in 0..good.len() {
            let _ = decode(&good[..n]);
        }
        assert_eq!(decode("!!!"), Err(LinkError::Damaged));
        assert_eq!(decode(&"A".repeat(max_len() + 1)), Err(LinkError::TooLong));
        assert_eq!(decode(&base64url(b"[1,2]")), Err(LinkError::Damaged));
        assert_eq!(
            decode(&base64url(b"{\"b\":\"x\"}")).map(|d| d.problems),
            Ok(vec![Problem::NotAList(ListId::Batches)])
        );
    }
}
