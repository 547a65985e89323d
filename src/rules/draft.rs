//! The plan as a reader holds it: a typed draft that keeps exactly what was typed or picked,
//! wrong values included, so "abc" stays in its box with its error and a share link gives it
//! back. The form, the share link, the JSON reader (CLI and JS API) and the engine all hold a
//! plan as a [`Draft`]; [`super::read`] turns one into a [`super::Plan`] plus one error per field.
//!
//! A draft changes only through [`Draft::apply`] and its typed [`Edit`]s, capped by the lists'
//! one set of caps ([`ListId::cap`]).

use super::field::{nearest, Field, FieldDef, FieldKind, FieldPath, ListId, TopField, TripField};
use super::plan::{date_text, yuan_text, Plan, PlanError, Vocab};
use serde_json::Value;
use smol_str::SmolStr;

/// The longest text a cell keeps, in characters (a date has 10, the largest cost 12). Longer
/// text is cut here, so a draft, and so a share link, stays bounded whatever is pasted.
pub const MAX_TEXT: usize = 40;

/// One field's value as entered.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Cell {
    /// Nothing: an empty box, an absent key, or `null`.
    #[default]
    Empty,
    /// What a reader typed or picked. Numbers in it are read the way a Chinese reader types them
    /// (full-width digits, thousands separators).
    Text(SmolStr),
    /// A checkbox, or a JSON boolean.
    Flag(bool),
    /// A JSON value of the wrong type for its field (a string where a number belongs, an
    /// object, ...), kept as its JSON text so the error can quote it.
    Wrong(SmolStr),
}

/// `s` without surrounding white space (full-width spaces included), cheaply when there is none.
pub(crate) fn trimmed(s: &str) -> &str {
    // Only a space, a control character or a non-ASCII character can be white space.
    let edge = |b: Option<&u8>| b.is_some_and(|b| *b <= b' ' || *b >= 0x80);
    let b = s.as_bytes();
    if edge(b.first()) || edge(b.last()) {
        s.trim()
    } else {
        s
    }
}

/// `s` cut to [`MAX_TEXT`] characters.
fn bounded(s: &str) -> SmolStr {
    // Up to MAX_TEXT bytes is up to MAX_TEXT characters: copy without counting.
    if s.len() <= MAX_TEXT {
        return SmolStr::new(s);
    }
    s.chars().take(MAX_TEXT).collect()
}

/// A JSON number's text: integers without the formatting machinery (most numbers of a plan are
/// whole), other numbers in serde_json's shortest form (`4500.5`).
fn number_text(n: &serde_json::Number) -> SmolStr {
    match n.as_u64() {
        Some(mut v) => {
            let mut digits = [0u8; 20];
            let mut i = digits.len();
            loop {
                i -= 1;
                digits[i] = b'0' + (v % 10) as u8;
                v /= 10;
                if v == 0 {
                    break;
                }
            }
            digits
                .get(i..)
                .and_then(|d| std::str::from_utf8(d).ok())
                .map_or_else(SmolStr::default, SmolStr::new)
        }
        None => bounded(&n.to_string()),
    }
}

impl Cell {
    /// Typed text: empty (or only spaces) is [`Cell::Empty`]; longer than [`MAX_TEXT`] is cut.
    pub fn text(s: &str) -> Cell {
        if trimmed(s).is_empty() {
            Cell::Empty
        } else {
            Cell::Text(bounded(s))
        }
    }

    /// The text a form box shows for the cell.
    pub fn shown(&self) -> &str {
        match self {
            Cell::Empty | Cell::Flag(_) => "",
            Cell::Text(s) | Cell::Wrong(s) => s,
        }
    }
}

/// A batch's cells, in [`BatchField::ALL`] order.
pub type BatchRow = [Cell; 8];
/// A roster person's cells, in [`PersonField::ALL`] order.
pub type PersonRow = [Cell; 7];
/// A technical workers' year's cells, in [`TripField::ALL`] order.
pub type TripRow = [Cell; 2];

/// A plan as entered.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Draft {
    /// In [`TopField::ALL`] order.
    pub top: [Cell; 2],
    pub batches: Vec<BatchRow>,
    pub people: Vec<PersonRow>,
    pub trips: Vec<TripRow>,
    /// What was wrong with the shape of the JSON the draft was read from: unknown keys, a list
    /// that is not a list or is too long, a row that is not an object. The form cannot show
    /// these in a field, so they stay until the reader drops them ([`Edit::DropProblems`]).
    pub problems: Vec<Problem>,
}

/// The most [`Draft::problems`] a draft keeps (more unknown keys add nothing a reader needs).
pub const MAX_PROBLEMS: usize = 20;

/// A problem with the shape of a plan's JSON, which no form field can show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// The plan is not a JSON object.
    NotAnObject,
    /// A key the plan does not know, at the top or in a row.
    Unknown(Option<(ListId, usize)>, String),
    /// A list that is not a list.
    NotAList(ListId),
    /// A list longer than its cap (how long it was; the draft keeps the first rows).
    TooLong(ListId, usize),
    /// A row that is not an object (the draft keeps an empty row in its place).
    RowNotAnObject(ListId, usize),
}

impl Problem {
    /// Where the problem is.
    pub fn path(&self) -> FieldPath {
        match self {
            Problem::NotAnObject => FieldPath::Whole,
            Problem::Unknown(at, key) => FieldPath::Unknown(*at, key.clone()),
            Problem::NotAList(l) | Problem::TooLong(l, _) => FieldPath::List(*l),
            Problem::RowNotAnObject(l, i) => FieldPath::Row(*l, *i),
        }
    }

    /// The problem as an input error, in both languages; an unknown key names the nearest
    /// known one.
    pub fn error(&self) -> PlanError {
        match self {
            Problem::NotAnObject => PlanError::new(
                FieldPath::Whole,
                "方案应为JSON对象（{…}）。",
                "The plan must be a JSON object ({…}).",
            ),
            Problem::Unknown(at, key) => {
                let near = match at {
                    None => nearest(
                        key,
                        TopField::ALL
                            .iter()
                            .map(|f| f.def().key)
                            .chain(ListId::ALL.iter().map(|l| l.key())),
                    ),
                    Some((l, _)) => nearest(key, l.defs().iter().map(|d| d.key)),
                };
                let (zh, en) = match near {
                    Some(k) => (
                        format!("未知字段“{key}”；是不是“{k}”？"),
                        format!("unknown field `{key}`; did you mean `{k}`?"),
                    ),
                    None => (
                        format!("未知字段“{key}”。"),
                        format!("unknown field `{key}`."),
                    ),
                };
                PlanError::new(self.path(), zh, en)
            }
            Problem::NotAList(l) => list_problem(*l, None),
            Problem::TooLong(l, n) => list_problem(*l, Some(*n)),
            Problem::RowNotAnObject(..) => {
                PlanError::new(self.path(), "应为对象（{…}）。", "Must be an object ({…}).")
            }
        }
    }
}

/// A change to a draft.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Edit {
    /// Sets one field.
    Set(FieldPath, Cell),
    /// Adds a row at the end of a list: a copy of the last batch, a new person, the next year.
    Add(ListId),
    /// Inserts a copy of a row right after it.
    Duplicate(ListId, usize),
    /// Removes a row (a plan keeps at least one batch).
    Remove(ListId, usize),
    /// Forgets the problems of the JSON the draft came from.
    DropProblems,
}

/// Why an edit was refused. The form prevents each of these (disabled buttons); the draft
/// refuses them anyway.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EditError {
    /// The list has [`ListId::cap`] rows already.
    AtCap(ListId),
    /// The plan's only batch cannot go.
    LastBatch,
    /// No such row or field.
    NoSuchField,
}

/// Where a JSON plan comes from, which decides how a string in a numeric field reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// The JSON API and the CLI: numbers must be JSON numbers (`"80"` is an error).
    Api,
    /// A share link of the first format, which stored what the reader typed as strings.
    Link,
}

fn text(s: &str) -> Cell {
    Cell::Text(SmolStr::new(s))
}

/// A new batch when the plan has none to copy: 80 people, a week in May 2024 in the province.
pub fn template_batch() -> BatchRow {
    [
        text("80"),
        text("2024-05-06"),
        text("2024-05-12"),
        text("4500"),
        text("in_province"),
        text("provincial_base"),
        Cell::Flag(false),
        text("0"),
    ]
}

/// A new person on the roster: a city-level model worker of 58 on the front line.
pub fn template_person() -> PersonRow {
    [
        text("city"),
        text("model_worker"),
        text("58"),
        Cell::Flag(true),
        Cell::Flag(false),
        Cell::Flag(false),
        Cell::Flag(false),
    ]
}

/// The first year of technical workers' trips when there is none before it.
pub fn template_trip() -> TripRow {
    [text("2022"), text("300")]
}

impl Draft {
    /// The draft of a valid plan (every value in its canonical text).
    pub fn from_plan(p: &Plan) -> Draft {
        let word = |w: &'static str| Cell::Text(SmolStr::new_static(w));
        let num = |n: i64| Cell::Text(n.to_string().into());
        Draft {
            top: [
                word(p.organizer.word().json),
                p.model_workers_under_65
                    .map_or(Cell::Empty, |w| num(w.into())),
            ],
            batches: p
                .batches
                .iter()
                .map(|b| {
                    [
                        num(b.participants.into()),
                        Cell::Text(date_text(b.start).into()),
                        Cell::Text(date_text(b.end).into()),
                        Cell::Text(yuan_text(b.cost_fen).into()),
                        word(b.destination.word().json),
                        word(b.venue.word().json),
                        Cell::Flag(b.cross_province_activities),
                        num(b.lodging_changes.into()),
                    ]
                })
                .collect(),
            people: p
                .people
                .iter()
                .map(|x| {
                    [
                        word(x.honor.word().json),
                        word(x.title.word().json),
                        num(x.age.into()),
                        Cell::Flag(x.frontline),
                        Cell::Flag(x.high_intensity),
                        Cell::Flag(x.hard_environment),
                        Cell::Flag(x.key_role),
                    ]
                })
                .collect(),
            trips: p
                .technical_worker_trips
                .iter()
                .map(|t| [num(t.year.into()), num(t.participants.into())])
                .collect(),
            problems: Vec::new(),
        }
    }

    /// The rule engine's example plan as a draft.
    pub fn example() -> Draft {
        Draft::from_plan(&super::example_plan())
    }

    /// How many rows a list has.
    pub fn len(&self, list: ListId) -> usize {
        match list {
            ListId::Batches => self.batches.len(),
            ListId::People => self.people.len(),
            ListId::Trips => self.trips.len(),
        }
    }

    /// Whether the list is at its cap (the form disables its Add button).
    pub fn at_cap(&self, list: ListId) -> bool {
        self.len(list) >= list.cap()
    }

    /// The cell at a field's path.
    pub fn cell(&self, path: &FieldPath) -> Option<&Cell> {
        match path {
            FieldPath::Top(f) => self.top.get(f.index()),
            FieldPath::Batch(i, f) => self.batches.get(*i)?.get(f.index()),
            FieldPath::Person(i, f) => self.people.get(*i)?.get(f.index()),
            FieldPath::Trip(i, f) => self.trips.get(*i)?.get(f.index()),
            _ => None,
        }
    }

    fn cell_mut(&mut self, path: &FieldPath) -> Option<&mut Cell> {
        match path {
            FieldPath::Top(f) => self.top.get_mut(f.index()),
            FieldPath::Batch(i, f) => self.batches.get_mut(*i)?.get_mut(f.index()),
            FieldPath::Person(i, f) => self.people.get_mut(*i)?.get_mut(f.index()),
            FieldPath::Trip(i, f) => self.trips.get_mut(*i)?.get_mut(f.index()),
            _ => None,
        }
    }

    /// Applies an edit.
    ///
    /// # Errors
    /// [`EditError`] when the edit would pass a cap, remove the last batch, or names a field or
    /// row the draft does not have; the draft is then unchanged.
    ///
    /// ```
    /// use sx_explainer::rules::draft::{Cell, Draft, Edit, EditError};
    /// use sx_explainer::rules::field::{BatchField, FieldPath, ListId};
    /// let mut d = Draft::example();
    /// d.apply(Edit::Set(FieldPath::Batch(0, BatchField::Participants), Cell::text("abc"))).unwrap();
    /// assert_eq!(d.batches[0][0], Cell::Text("abc".into()));
    /// for _ in d.batches.len()..100 { d.apply(Edit::Add(ListId::Batches)).unwrap(); }
    /// assert_eq!(d.apply(Edit::Add(ListId::Batches)), Err(EditError::AtCap(ListId::Batches)));
    /// ```
    pub fn apply(&mut self, edit: Edit) -> Result<(), EditError> {
        match edit {
            Edit::Set(path, mut cell) => {
                if let Cell::Text(s) | Cell::Wrong(s) = &mut cell {
                    if s.len() > MAX_TEXT && s.chars().count() > MAX_TEXT {
                        *s = bounded(s);
                    }
                }
                *self.cell_mut(&path).ok_or(EditError::NoSuchField)? = cell;
            }
            Edit::Add(list) => {
                if self.at_cap(list) {
                    return Err(EditError::AtCap(list));
                }
                match list {
                    ListId::Batches => {
                        let row = self.batches.last().cloned().unwrap_or_else(template_batch);
                        self.batches.push(row);
                    }
                    ListId::People => self.people.push(template_person()),
                    ListId::Trips => {
                        let next = self.trips.last().map_or_else(template_trip, next_year);
                        self.trips.push(next);
                    }
                }
            }
            Edit::Duplicate(list, i) => {
                if self.at_cap(list) {
                    return Err(EditError::AtCap(list));
                }
                fn dup<T: Clone>(v: &mut Vec<T>, i: usize) -> Result<(), EditError> {
                    let row = v.get(i).cloned().ok_or(EditError::NoSuchField)?;
                    v.insert(i + 1, row);
                    Ok(())
                }
                match list {
                    ListId::Batches => dup(&mut self.batches, i)?,
                    ListId::People => dup(&mut self.people, i)?,
                    ListId::Trips => dup(&mut self.trips, i)?,
                }
            }
            Edit::Remove(list, i) => {
                if i >= self.len(list) {
                    return Err(EditError::NoSuchField);
                }
                match list {
                    ListId::Batches if self.batches.len() <= 1 => return Err(EditError::LastBatch),
                    ListId::Batches => {
                        self.batches.remove(i);
                    }
                    ListId::People => {
                        self.people.remove(i);
                    }
                    ListId::Trips => {
                        self.trips.remove(i);
                    }
                }
            }
            Edit::DropProblems => self.problems.clear(),
        }
        Ok(())
    }

    /// Reads a plan from JSON into a draft. Every known field becomes a cell, whatever its
    /// value; what cannot be a cell (an unknown key, a list that is not a list or is too long,
    /// a row that is not an object) becomes one of the draft's [`Draft::problems`]. Unknown keys
    /// name the nearest known one.
    pub fn from_json(v: &Value, origin: Origin) -> Draft {
        let mut d = Draft::default();
        let Some(obj) = v.as_object() else {
            d.problem(Problem::NotAnObject);
            return d;
        };
        for (key, value) in obj {
            if let Some(f) = TopField::from_key(key) {
                d.top[f.index()] = cell_from_json(value, f.def(), origin);
            } else if let Some(list) = ListId::ALL.into_iter().find(|l| l.key() == key) {
                d.read_list(list, value, origin);
            } else {
                d.problem(Problem::Unknown(None, bounded(key).into()));
            }
        }
        d
    }

    /// Records a problem, up to [`MAX_PROBLEMS`].
    fn problem(&mut self, p: Problem) {
        push_problem(&mut self.problems, p);
    }

    fn read_list(&mut self, list: ListId, value: &Value, origin: Origin) {
        let defs = list.defs();
        let items = match value {
            Value::Null => return,
            Value::Array(items) => items,
            _ => {
                self.problem(Problem::NotAList(list));
                return;
            }
        };
        if items.len() > list.cap() {
            self.problem(Problem::TooLong(list, items.len()));
        }
        let n = items.len().min(list.cap());
        match list {
            ListId::Batches => self.batches.reserve(n),
            ListId::People => self.people.reserve(n),
            ListId::Trips => self.trips.reserve(n),
        }
        for (i, item) in items.iter().take(n).enumerate() {
            // Each row is filled where it lies in its list: a row is a few hundred bytes.
            match list {
                ListId::Batches => {
                    self.batches.push(Default::default());
                    let row = self.batches.last_mut().map(|r| &mut r[..]);
                    fill_row(row, &mut self.problems, list, i, item, defs, origin);
                }
                ListId::People => {
                    self.people.push(Default::default());
                    let row = self.people.last_mut().map(|r| &mut r[..]);
                    fill_row(row, &mut self.problems, list, i, item, defs, origin);
                }
                ListId::Trips => {
                    self.trips.push(Default::default());
                    let row = self.trips.last_mut().map(|r| &mut r[..]);
                    fill_row(row, &mut self.problems, list, i, item, defs, origin);
                }
            }
        }
    }

    /// Whether the draft's JSON had a problem with this row as a whole (it was not an object);
    /// such a row is not read field by field.
    pub fn row_is_broken(&self, list: ListId, i: usize) -> bool {
        self.problems.contains(&Problem::RowNotAnObject(list, i))
    }
}

/// Records a problem, up to [`MAX_PROBLEMS`].
fn push_problem(problems: &mut Vec<Problem>, p: Problem) {
    if problems.len() < MAX_PROBLEMS {
        problems.push(p);
    }
}

/// Fills a row of a JSON list with its cells (an item that is not an object leaves it empty and
/// is a problem).
fn fill_row(
    row: Option<&mut [Cell]>,
    problems: &mut Vec<Problem>,
    list: ListId,
    i: usize,
    item: &Value,
    defs: &[FieldDef],
    origin: Origin,
) {
    let Some(row) = row else { return };
    let Some(o) = item.as_object() else {
        push_problem(problems, Problem::RowNotAnObject(list, i));
        return;
    };
    for (key, value) in o {
        // Lengths first: most keys differ in length.
        match defs
            .iter()
            .position(|d| d.key.len() == key.len() && d.key == key)
        {
            Some(j) => {
                if let (Some(slot), Some(d)) = (row.get_mut(j), defs.get(j)) {
                    *slot = cell_from_json(value, d, origin);
                }
            }
            None => push_problem(
                problems,
                Problem::Unknown(Some((list, i)), bounded(key).into()),
            ),
        }
    }
}

/// The next year after a row: its year plus one, the same participants.
fn next_year(last: &TripRow) -> TripRow {
    let mut row = last.clone();
    if let Cell::Text(y) = &last[TripField::Year.index()] {
        if let Ok(y) = trimmed(y).parse::<i64>() {
            row[TripField::Year.index()] = Cell::Text((y + 1).to_string().into());
        }
    }
    row
}

/// A JSON value as the cell of a field of `def`'s kind (see [`Origin`]).
fn cell_from_json(v: &Value, def: &FieldDef, origin: Origin) -> Cell {
    let wrong = || Cell::Wrong(bounded(&v.to_string()));
    match (v, def.kind) {
        (Value::Null, _) => Cell::Empty,
        (Value::Bool(b), FieldKind::Flag) => Cell::Flag(*b),
        (_, FieldKind::Flag) => wrong(),
        (Value::Number(n), FieldKind::Int { .. } | FieldKind::Money) => Cell::Text(number_text(n)),
        (Value::String(s), FieldKind::Int { .. } | FieldKind::Money) if origin == Origin::Link => {
            Cell::text(s)
        }
        (Value::String(s), FieldKind::Date | FieldKind::Word(_)) => Cell::Text(bounded(s)),
        _ => wrong(),
    }
}

fn list_problem(list: ListId, has: Option<usize>) -> PlanError {
    let cap = crate::format::grouped(list.cap() as i64);
    let (least_zh, least_en) = if list.required() {
        ("，至少1项", ", at least one")
    } else {
        ("", "")
    };
    let (has_zh, has_en) = match has {
        Some(n) => (
            format!("现有{}项。", crate::format::grouped(n as i64)),
            format!(" It has {}.", crate::format::grouped(n as i64)),
        ),
        None => (String::new(), String::new()),
    };
    PlanError::new(
        FieldPath::List(list),
        format!("应为列表，最多{cap}项{least_zh}。{has_zh}"),
        format!("Must be a list of at most {cap} items{least_en}.{has_en}"),
    )
}

/// A list's rows as slices of cells, for code that treats the three lists alike.
pub fn rows(d: &Draft, list: ListId) -> Vec<&[Cell]> {
    match list {
        ListId::Batches => d.batches.iter().map(|r| &r[..]).collect(),
        ListId::People => d.people.iter().map(|r| &r[..]).collect(),
        ListId::Trips => d.trips.iter().map(|r| &r[..]).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::field::BatchField;
    use serde_json::json;

    #[test]
    fn a_wrong_value_stays_as_typed() {
        let mut d = Draft::example();
        let p = FieldPath::Batch(1, BatchField::CostPerPerson);
        d.apply(Edit::Set(p.clone(), Cell::text("4500,50")))
            .unwrap();
        assert_eq!(d.cell(&p), Some(&Cell::Text("4500,50".into())));
        d.apply(Edit::Set(p.clone(), Cell::text(&"9".repeat(500))))
            .unwrap();
        assert_eq!(
            d.cell(&p).map(|c| c.shown().chars().count()),
            Some(MAX_TEXT)
        );
    }

    #[test]
    fn caps_hold_for_every_list() {
        let mut d = Draft::example();
        for list in ListId::ALL {
            while !d.at_cap(list) {
                d.apply(Edit::Add(list)).unwrap();
            }
            assert_eq!(d.len(list), list.cap());
            assert_eq!(d.apply(Edit::Add(list)), Err(EditError::AtCap(list)));
            assert_eq!(
                d.apply(Edit::Duplicate(list, 0)),
                Err(EditError::AtCap(list))
            );
        }
        let mut one = Draft::example();
        one.apply(Edit::Remove(ListId::Batches, 0)).unwrap();
        assert_eq!(
            one.apply(Edit::Remove(ListId::Batches, 0)),
            Err(EditError::LastBatch)
        );
        assert_eq!(
            one.apply(Edit::Remove(ListId::People, 99)),
            Err(EditError::NoSuchField)
        );
    }

    #[test]
    fn adding_a_year_continues_the_years() {
        let mut d = Draft::example();
        d.apply(Edit::Add(ListId::Trips)).unwrap();
        assert_eq!(d.trips[2][0], Cell::Text("2024".into()));
    }

    #[test]
    fn json_strings_in_numeric_fields_are_wrong_only_from_the_api() {
        let v = json!({"model_workers_under_65": "1000"});
        assert_eq!(
            Draft::from_json(&v, Origin::Api).top[1],
            Cell::Wrong("\"1000\"".into())
        );
        assert_eq!(
            Draft::from_json(&v, Origin::Link).top[1],
            Cell::Text("1000".into())
        );
    }

    #[test]
    fn unknown_keys_are_problems_with_a_suggestion() {
        let v =
            json!({"model_workers_under65": 10, "batches": [{"cross_province_activity": true}]});
        let d = Draft::from_json(&v, Origin::Api);
        let msgs: Vec<String> = d.problems.iter().map(|p| p.error().message_en).collect();
        assert!(
            msgs.contains(
                &"unknown field `model_workers_under65`; did you mean `model_workers_under_65`?"
                    .to_string()
            ),
            "{msgs:?}"
        );
        assert!(msgs.contains(&"unknown field `cross_province_activity`; did you mean `cross_province_activities`?".to_string()), "{msgs:?}");
        assert!(d
            .problems
            .iter()
            .any(|p| p.path().to_string() == "batches.0.cross_province_activity"));
    }
}
