//! The one reader of a plan: turns a [`Draft`] into a [`Plan`] plus one error per wrong field,
//! in Chinese and English, with the field's path. It also gives partial results: every batch's
//! fields that could be read ([`BatchParts`]), so the budget chart plots the batches that are
//! readable, and only those, while the reader fixes another one.
//!
//! Messages are built only for wrong fields, so reading a large valid plan builds no text.

use super::draft::{Cell, Draft, Problem};
use super::field::{
    BatchField, Field, FieldDef, FieldKind, FieldPath, ListId, PersonField, TopField, TripField,
    MAX_YUAN, YEARS,
};
use super::number::{self, NumError};
use super::plan::{
    Batch, Destination, Honor, Organizer, Person, Plan, PlanError, TechnicalYear, Title, Venue,
    Vocab, Word, FEN,
};
use crate::format::grouped;
use jiff::civil::Date;

/// What reading a draft gives.
#[derive(Clone, Debug, PartialEq)]
pub struct Reading {
    /// The plan, when no field is wrong.
    pub plan: Option<Plan>,
    /// Every batch's readable fields, wrong plan or not.
    pub batches: Vec<BatchParts>,
    /// One error per wrong field, in the order of the plan.
    pub errors: Vec<PlanError>,
}

/// The fields of one batch that could be read (`None` where the field is wrong or empty).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BatchParts {
    pub participants: Option<u32>,
    pub start: Option<Date>,
    pub end: Option<Date>,
    pub cost_fen: Option<i64>,
    pub destination: Option<Destination>,
    pub venue: Option<Venue>,
    pub cross_province_activities: Option<bool>,
    pub lodging_changes: Option<u32>,
}

impl BatchParts {
    /// Days from arrival to return, both counted, when both dates are read and in order.
    pub fn days(&self) -> Option<i64> {
        let (s, e) = (self.start?, self.end?);
        (e >= s).then(|| super::day_count(s, e))
    }

    fn batch(&self) -> Option<Batch> {
        Some(Batch {
            participants: self.participants?,
            start: self.start?,
            end: self.end?,
            cost_fen: self.cost_fen?,
            destination: self.destination?,
            venue: self.venue?,
            cross_province_activities: self.cross_province_activities?,
            lodging_changes: self.lodging_changes?,
        })
    }
}

/// A message in both languages.
type Msg = (String, String);

fn range_msg(min: i64, max: i64) -> Msg {
    let (lo, hi) = (grouped(min), grouped(max));
    (
        format!("应为{lo}到{hi}之间的整数。"),
        format!("Must be a whole number from {lo} to {hi}."),
    )
}

fn money_msg() -> Msg {
    let hi = grouped(MAX_YUAN);
    (
        format!("应为0到{hi}元之间的金额，最多两位小数。"),
        format!("Must be an amount from 0 to {hi} yuan with at most two decimals."),
    )
}

fn date_msg() -> Msg {
    (
        format!(
            "应为实际存在的日期，写作YYYY-MM-DD，年份在{}到{}之间。",
            YEARS.0, YEARS.1
        ),
        format!(
            "Must be a real date written YYYY-MM-DD, in the years {} to {}.",
            YEARS.0, YEARS.1
        ),
    )
}

fn word_msg(words: &[Word]) -> Msg {
    let zh: Vec<&str> = words.iter().map(|w| w.zh).collect();
    let en: Vec<String> = words
        .iter()
        .map(|w| format!("{} ({})", w.json, w.en))
        .collect();
    (
        format!("应为以下之一：{}。", zh.join("、")),
        format!("Must be one of: {}.", en.join(", ")),
    )
}

fn flag_msg() -> Msg {
    (
        "应为是或否（true或false）。".into(),
        "Must be true or false.".into(),
    )
}

fn comma_msg() -> Msg {
    (
        "逗号只能用来分隔千位（如4,500）；小数请用小数点（如4500.50）。".into(),
        "A comma may only separate thousands (4,500); write decimals with a point (4500.50)."
            .into(),
    )
}

/// What a field of this kind must be, in both languages.
fn kind_msg(kind: FieldKind) -> Msg {
    match kind {
        FieldKind::Int { min, max } => range_msg(min, max),
        FieldKind::Money => money_msg(),
        FieldKind::Date => date_msg(),
        FieldKind::Word(words) => word_msg(words),
        FieldKind::Flag => flag_msg(),
    }
}

/// What a field got, quoted, before what it must be.
fn quoted(got: &str, (zh, en): Msg) -> Msg {
    let got: String = got.chars().take(24).collect();
    (
        format!("“{got}”不符合要求：{zh}"),
        format!("\"{got}\" is not accepted. {en}"),
    )
}

/// A JSON value of the wrong type.
fn wrong_type(json: &str, kind: FieldKind) -> Msg {
    let (zh, en) = match kind {
        FieldKind::Flag => (String::new(), String::new()),
        _ => kind_msg(kind),
    };
    let want = match kind {
        FieldKind::Int { .. } | FieldKind::Money => ("数字（JSON数值）", "a JSON number"),
        FieldKind::Date | FieldKind::Word(_) => ("文字（JSON字符串）", "a JSON string"),
        FieldKind::Flag => ("true或false", "true or false"),
    };
    let got: String = json.chars().take(24).collect();
    (
        format!("应为{}，收到的是{got}。{zh}", want.0),
        format!("Must be {}, not {got}. {en}", want.1)
            .trim_end()
            .to_string(),
    )
}

/// A value read from one cell: `Ok(None)` for an empty optional field.
fn cell_value<T>(
    cell: &Cell,
    def: &FieldDef,
    parse: impl FnOnce(&str) -> Result<T, Msg>,
) -> Result<Option<T>, Msg> {
    match cell {
        Cell::Empty if def.required => {
            let (zh, en) = kind_msg(def.kind);
            Err((format!("缺少此项。{zh}"), format!("Required. {en}")))
        }
        Cell::Empty => Ok(None),
        Cell::Text(s) => parse(s).map(Some),
        Cell::Flag(_) => Err(kind_msg(def.kind)),
        Cell::Wrong(j) => Err(wrong_type(j, def.kind)),
    }
}

fn number_error(e: NumError, got: &str, kind: FieldKind) -> Msg {
    match e {
        NumError::Comma => quoted(got, comma_msg()),
        NumError::NotANumber => quoted(got, kind_msg(kind)),
    }
}

/// A whole number in the field's range.
fn int(cell: &Cell, def: &FieldDef) -> Result<Option<i64>, Msg> {
    let FieldKind::Int { min, max } = def.kind else {
        return Err(kind_msg(def.kind));
    };
    cell_value(cell, def, |s| {
        let d = number::parse(s).map_err(|e| number_error(e, s, def.kind))?;
        d.whole()
            .filter(|n| (min..=max).contains(n))
            .ok_or_else(|| quoted(s, range_msg(min, max)))
    })
}

/// An amount of yuan with at most two decimals, as fen.
fn money(cell: &Cell, def: &FieldDef) -> Result<Option<i64>, Msg> {
    cell_value(cell, def, |s| {
        let d = number::parse(s).map_err(|e| number_error(e, s, def.kind))?;
        d.scaled(2)
            .filter(|f| (0..=MAX_YUAN * FEN).contains(f))
            .ok_or_else(|| quoted(s, money_msg()))
    })
}

/// Parses `YYYY-MM-DD` (exactly that shape, surrounding spaces ignored) into a date that
/// exists, in the allowed years.
pub(crate) fn parse_date(s: &str) -> Option<Date> {
    let b = super::draft::trimmed(s).as_bytes();
    let shape = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        });
    if !shape {
        return None;
    }
    // Every digit is ASCII (checked above): read them without `str::parse`.
    let num = |r: std::ops::Range<usize>| {
        b.get(r)
            .map(|ds| ds.iter().fold(0i16, |n, c| n * 10 + i16::from(c - b'0')))
    };
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    if !(YEARS.0..=YEARS.1).contains(&i64::from(y)) {
        return None;
    }
    Date::new(y, i8::try_from(m).ok()?, i8::try_from(d).ok()?).ok()
}

fn date(cell: &Cell, def: &FieldDef) -> Result<Option<Date>, Msg> {
    cell_value(cell, def, |s| {
        parse_date(s).ok_or_else(|| quoted(s, date_msg()))
    })
}

fn word<T: Vocab>(cell: &Cell, def: &FieldDef) -> Result<Option<T>, Msg> {
    cell_value(cell, def, |s| {
        T::from_json(super::draft::trimmed(s)).ok_or_else(|| quoted(s, word_msg(T::WORDS)))
    })
}

fn flag(cell: &Cell, def: &FieldDef) -> Result<bool, Msg> {
    match cell {
        Cell::Empty => Ok(false),
        Cell::Flag(b) => Ok(*b),
        Cell::Text(s) => Err(quoted(s, flag_msg())),
        Cell::Wrong(j) => Err(wrong_type(j, def.kind)),
    }
}

/// Collects the errors while the fields are read.
struct Reader<'d> {
    draft: &'d Draft,
    errors: Vec<PlanError>,
}

impl Reader<'_> {
    /// The result of reading one field, its error recorded at `path`.
    fn keep<T>(&mut self, path: FieldPath, r: Result<T, Msg>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err((zh, en)) => {
                self.errors.push(PlanError::new(path, zh, en));
                None
            }
        }
    }

    fn top(&mut self) -> (Option<Organizer>, Option<Option<u32>>) {
        let d = self.draft;
        let (o, w) = (TopField::Organizer, TopField::ModelWorkersUnder65);
        let organizer = word::<Organizer>(&d.top[o.index()], o.def());
        let organizer = self.keep(FieldPath::Top(o), organizer).flatten();
        let workers = int(&d.top[w.index()], w.def());
        let workers = self
            .keep(FieldPath::Top(w), workers)
            .map(|n| n.and_then(|n| u32::try_from(n).ok()));
        (organizer, workers)
    }

    fn batch(&mut self, i: usize, row: &[Cell]) -> BatchParts {
        use BatchField as F;
        let cell = |f: F| row.get(f.index()).unwrap_or(&Cell::Empty);
        let p = |f: F| FieldPath::Batch(i, f);
        let n = int(cell(F::Participants), F::Participants.def());
        let participants = self.keep(p(F::Participants), n).flatten();
        let start = date(cell(F::Start), F::Start.def());
        let start = self.keep(p(F::Start), start).flatten();
        let end = date(cell(F::End), F::End.def());
        let mut end = self.keep(p(F::End), end).flatten();
        if let (Some(s), Some(e)) = (start, end) {
            if e < s {
                let s = super::plan::date_text(s);
                self.errors.push(PlanError::new(
                    p(F::End),
                    format!("返程日不能早于报到日（{s}）。"),
                    format!("Must not be before the arrival day ({s})."),
                ));
                end = None;
            }
        }
        let cost = money(cell(F::CostPerPerson), F::CostPerPerson.def());
        let cost_fen = self.keep(p(F::CostPerPerson), cost).flatten();
        let dest = word::<Destination>(cell(F::Destination), F::Destination.def());
        let destination = self.keep(p(F::Destination), dest).flatten();
        let venue = word::<Venue>(cell(F::Venue), F::Venue.def());
        let venue = self.keep(p(F::Venue), venue).flatten();
        let cross = flag(
            cell(F::CrossProvinceActivities),
            F::CrossProvinceActivities.def(),
        );
        let cross_province_activities = self.keep(p(F::CrossProvinceActivities), cross);
        let lodging = int(cell(F::LodgingChanges), F::LodgingChanges.def());
        let lodging_changes = self
            .keep(p(F::LodgingChanges), lodging)
            .map(|n| n.map_or(0, |n| u32::try_from(n).unwrap_or(u32::MAX)));
        BatchParts {
            participants: participants.and_then(|n| u32::try_from(n).ok()),
            start,
            end,
            cost_fen,
            destination,
            venue,
            cross_province_activities,
            lodging_changes,
        }
    }

    fn person(&mut self, i: usize, row: &[Cell]) -> Option<Person> {
        use PersonField as F;
        let cell = |f: F| row.get(f.index()).unwrap_or(&Cell::Empty);
        let p = |f: F| FieldPath::Person(i, f);
        let honor = word::<Honor>(cell(F::Honor), F::Honor.def());
        let honor = self.keep(p(F::Honor), honor).flatten();
        let title = word::<Title>(cell(F::Title), F::Title.def());
        let title = self.keep(p(F::Title), title).flatten();
        let age = int(cell(F::Age), F::Age.def());
        let age = self.keep(p(F::Age), age).flatten();
        let mut flags = [false; 4];
        for (slot, f) in flags.iter_mut().zip([
            F::Frontline,
            F::HighIntensity,
            F::HardEnvironment,
            F::KeyRole,
        ]) {
            let v = flag(cell(f), f.def());
            *slot = self.keep(p(f), v).unwrap_or(false);
        }
        let [frontline, high_intensity, hard_environment, key_role] = flags;
        Some(Person {
            honor: honor?,
            title: title?,
            age: u8::try_from(age?).ok()?,
            frontline,
            high_intensity,
            hard_environment,
            key_role,
        })
    }

    fn trips(&mut self) -> Option<Vec<TechnicalYear>> {
        use TripField as F;
        let d = self.draft;
        let mut years: Vec<(usize, Option<i64>, Option<i64>)> = Vec::new();
        for (i, row) in d.trips.iter().enumerate() {
            if d.row_is_broken(ListId::Trips, i) {
                years.push((i, None, None));
                continue;
            }
            let y = int(&row[F::Year.index()], F::Year.def());
            let y = self.keep(FieldPath::Trip(i, F::Year), y).flatten();
            let n = int(&row[F::Participants.index()], F::Participants.def());
            let n = self.keep(FieldPath::Trip(i, F::Participants), n).flatten();
            years.push((i, y, n));
        }
        // A year given twice: the later entry is the wrong one.
        let mut seen: Vec<(i64, usize)> = years
            .iter()
            .filter_map(|(i, y, _)| Some(((*y)?, *i)))
            .collect();
        seen.sort_unstable();
        for w in seen.windows(2) {
            if let [(a, _), (b, i)] = w {
                if a == b {
                    self.errors.push(PlanError::new(
                        FieldPath::Trip(*i, F::Year),
                        format!("{b}年重复出现，每年只能填一次。"),
                        format!("{b} appears more than once; give each year once."),
                    ));
                }
            }
        }
        years
            .into_iter()
            .map(|(_, y, n)| {
                Some(TechnicalYear {
                    year: i16::try_from(y?).ok()?,
                    participants: u32::try_from(n?).ok()?,
                })
            })
            .collect()
    }
}

/// Reads a draft: the plan when every field is right, every batch's readable fields, and one
/// error per wrong field (plus the draft's own [`Draft::problems`]), in the plan's order.
///
/// ```
/// use sx_explainer::rules::draft::{Cell, Draft, Edit};
/// use sx_explainer::rules::field::{BatchField, FieldPath};
/// use sx_explainer::rules::read::read;
/// let mut d = Draft::example();
/// d.apply(Edit::Set(FieldPath::Batch(0, BatchField::Participants), Cell::text("abc"))).unwrap();
/// let r = read(&d);
/// assert!(r.plan.is_none());
/// assert_eq!(r.errors[0].field(), "batches.0.participants");
/// // The batch still has its dates and cost: the budget chart can plot it.
/// assert_eq!(r.batches[0].days(), Some(7));
/// ```
pub fn read(d: &Draft) -> Reading {
    if d.problems.contains(&Problem::NotAnObject) {
        // Nothing else can be said of a plan that is not an object.
        return Reading {
            plan: None,
            batches: Vec::new(),
            errors: vec![Problem::NotAnObject.error()],
        };
    }
    let mut r = Reader {
        draft: d,
        errors: Vec::new(),
    };
    let (organizer, workers) = r.top();
    if d.batches.is_empty()
        && !d
            .problems
            .iter()
            .any(|p| p.path() == FieldPath::List(ListId::Batches))
    {
        let (zh, en) = (
            format!(
                "缺少批次：应为列表，最多{}项，至少1项。",
                ListId::Batches.cap()
            ),
            format!(
                "Required. Must be a list of at most {} items, at least one.",
                ListId::Batches.cap()
            ),
        );
        r.errors
            .push(PlanError::new(FieldPath::List(ListId::Batches), zh, en));
    }
    for list in ListId::ALL {
        let n = d.len(list);
        let flagged = d.problems.iter().any(|p| p.path() == FieldPath::List(list));
        if n > list.cap() && !flagged {
            let cap = grouped(list.cap() as i64);
            r.errors.push(PlanError::new(
                FieldPath::List(list),
                format!("最多{cap}项，现有{}项。", grouped(n as i64)),
                format!("At most {cap} items; it has {}.", grouped(n as i64)),
            ));
        }
    }
    let mut batches = Vec::with_capacity(d.batches.len());
    for (i, row) in d.batches.iter().enumerate() {
        batches.push(if d.row_is_broken(ListId::Batches, i) {
            BatchParts::default()
        } else {
            r.batch(i, row)
        });
    }
    let mut people = Vec::with_capacity(d.people.len());
    for (i, row) in d.people.iter().enumerate() {
        people.push(if d.row_is_broken(ListId::People, i) {
            None
        } else {
            r.person(i, row)
        });
    }
    let trips = r.trips();
    let mut errors = r.errors;
    errors.extend(d.problems.iter().map(|p| p.error()));
    errors.sort_by_key(|e| e.path.sort_key());
    let plan = if errors.is_empty() {
        (|| {
            Some(Plan {
                organizer: organizer?,
                model_workers_under_65: workers?,
                batches: batches
                    .iter()
                    .map(BatchParts::batch)
                    .collect::<Option<_>>()?,
                people: people.into_iter().collect::<Option<_>>()?,
                technical_worker_trips: trips?,
            })
        })()
    } else {
        None
    };
    let errors = match (&plan, errors.is_empty()) {
        // Every field read, yet no plan: cannot happen, but never call such a plan valid.
        (None, true) => vec![PlanError::new(
            FieldPath::Whole,
            "方案有误。",
            "The plan is not valid.",
        )],
        _ => errors,
    };
    Reading {
        plan,
        batches,
        errors,
    }
}

/// Reads one person (the "Who may go?" check) with the same rules as a roster entry; errors
/// have the paths of roster person 0.
///
/// # Errors
/// Every wrong field.
pub fn read_person(row: &[Cell]) -> Result<Person, Vec<PlanError>> {
    let draft = Draft::default();
    let mut r = Reader {
        draft: &draft,
        errors: Vec::new(),
    };
    match r.person(0, row) {
        Some(p) if r.errors.is_empty() => Ok(p),
        _ => Err(r.errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::draft::Edit;

    fn cost(s: &str) -> Result<Option<i64>, Msg> {
        money(&Cell::text(s), BatchField::CostPerPerson.def())
    }

    #[test]
    fn money_is_exact_with_at_most_two_decimals() {
        assert_eq!(cost("4500.01"), Ok(Some(450_001)));
        assert_eq!(cost("0.07"), Ok(Some(7)));
        assert_eq!(cost("999999.99"), Ok(Some(99_999_999)));
        assert!(cost("4500.005").is_err());
        assert!(cost("-0.01").is_err());
        assert!(cost("1000000.01").is_err());
        let (zh, en) = cost("4500,50").unwrap_err();
        assert!(
            zh.contains("逗号只能用来分隔千位") && en.contains("comma"),
            "{zh} {en}"
        );
    }

    #[test]
    fn dates_must_exist_and_have_the_shape() {
        assert!(parse_date("2024-02-29").is_some());
        assert!(parse_date("2023-02-29").is_none());
        assert!(parse_date("2024-2-29").is_none());
        assert!(parse_date("1999-12-31").is_none());
        assert!(parse_date("2101-01-01").is_none());
        assert!(parse_date("2100-12-31").is_some());
        assert!(parse_date("２０２４-01-01").is_none());
    }

    #[test]
    fn partial_results_keep_readable_batches() {
        let mut d = Draft::example();
        d.apply(Edit::Set(
            FieldPath::Batch(1, BatchField::Destination),
            Cell::text("abroad"),
        ))
        .unwrap();
        let r = read(&d);
        assert!(r.plan.is_none());
        assert_eq!(r.batches[0].days(), Some(7));
        assert_eq!(r.batches[1].destination, None);
        assert_eq!(r.batches[1].days(), Some(6));
    }
}
