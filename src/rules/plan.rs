//! The plan a reader builds, read field by field from JSON so that every wrong field gets its own
//! message in Chinese and English, and written back in the same JSON shape (the share URL).
//!
//! Money is held in integer fen. A JSON number has already become an `f64` when we see it (we do
//! not turn on serde_json's `arbitrary_precision`, which would change number handling for the
//! whole crate), so a cost is accepted when `fen = round(yuan × 100)` gives back the very same
//! `f64` (`fen / 100.0 == yuan`). Both sides are the correctly rounded `f64` of the same decimal,
//! so every amount written with at most two decimals passes and every amount with a third
//! significant decimal fails; only a number whose extra decimals are below `f64` precision
//! (`4500.0000000000000001`) reads as its two-decimal value.

use jiff::civil::Date;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

/// Fen in a yuan.
pub(crate) const FEN: i64 = 100;
/// Most batches a plan may have.
pub const MAX_BATCHES: usize = 100;
/// Most people a roster may have.
pub const MAX_PEOPLE: usize = 10_000;
const PARTICIPANTS: (i64, i64) = (1, 100_000);
const COST_YUAN: (i64, i64) = (0, 1_000_000);
const YEARS: (i64, i64) = (2000, 2100);
const WORKERS: (i64, i64) = (0, 10_000_000);
const AGE: (i64, i64) = (16, 120);
/// Lodging changes per batch (the issue sets no bound; a thousand is far past any real trip).
const LODGING: (i64, i64) = (0, 1_000);
const TECH_PARTICIPANTS: (i64, i64) = (0, 10_000_000);

/// An input problem, shown next to its field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PlanError {
    /// The field's path: `batches[0].end`, `people[2].age`, `model_workers_under_65`, or `` for
    /// the whole plan.
    pub field: String,
    pub message_zh: String,
    pub message_en: String,
}

impl PlanError {
    fn new(field: impl Into<String>, zh: impl Into<String>, en: impl Into<String>) -> PlanError {
        PlanError {
            field: field.into(),
            message_zh: zh.into(),
            message_en: en.into(),
        }
    }

    /// The error for text that is not JSON at all.
    pub fn bad_json(detail: &str) -> PlanError {
        PlanError::new(
            "",
            format!("方案不是有效的JSON：{detail}"),
            format!("The plan is not valid JSON: {detail}"),
        )
    }

    /// The error for text that is not JSON, saying where the parser stopped.
    pub(crate) fn from_json(e: &serde_json::Error) -> PlanError {
        PlanError::new(
            "",
            format!(
                "方案不是有效的JSON（第{}行第{}列附近出错）。",
                e.line(),
                e.column()
            ),
            format!("The plan is not valid JSON: {e}."),
        )
    }
}

/// Who organises the trip. The cost standard is stated for the provincial union's trips.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Organizer {
    ProvincialUnion,
    Other,
}

/// Where a batch goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Destination {
    InProvince,
    OutOfProvince,
}

/// Where a batch stays.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Venue {
    /// 全国劳模疗休养基地.
    NationalBase,
    /// 省级劳模疗休养基地.
    ProvincialBase,
    /// Another sanatorium of the trade-union system.
    UnionSanatorium,
    /// Anywhere else.
    Other,
}

/// The level of the body that honoured a person.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Honor {
    None,
    County,
    City,
    Provincial,
    National,
}

/// What a person was honoured as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Title {
    /// 劳动模范.
    ModelWorker,
    /// 先进工作者.
    AdvancedWorker,
    /// 享受劳模待遇者: enjoys model-worker treatment.
    Treatment,
    /// 五一劳动奖章获得者.
    MayDayMedal,
}

/// One batch of a plan.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Batch {
    pub participants: u32,
    /// Arrival day.
    #[serde(serialize_with = "ser_date")]
    pub start: Date,
    /// Return day (inclusive).
    #[serde(serialize_with = "ser_date")]
    pub end: Date,
    /// Cost per person in fen; `cost_per_person` in yuan in the JSON.
    #[serde(rename = "cost_per_person", serialize_with = "ser_yuan")]
    pub cost_fen: i64,
    pub destination: Destination,
    pub venue: Venue,
    pub cross_province_activities: bool,
    pub lodging_changes: u32,
}

/// One person of the roster.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Person {
    pub honor: Honor,
    pub title: Title,
    pub age: u8,
    /// 面向基层一线.
    pub frontline: bool,
    /// 劳动强度高.
    pub high_intensity: bool,
    /// 工作环境艰苦.
    pub hard_environment: bool,
    /// 发挥骨干作用.
    pub key_role: bool,
}

/// Participants of the excellent technical workers' trips in one year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct TechnicalYear {
    pub year: i16,
    pub participants: u32,
}

/// A valid plan.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Plan {
    pub organizer: Organizer,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub model_workers_under_65: Option<u32>,
    pub batches: Vec<Batch>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<Person>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub technical_worker_trips: Vec<TechnicalYear>,
}

fn ser_date<S: Serializer>(d: &Date, s: S) -> Result<S::Ok, S::Error> {
    // Written by hand rather than with jiff's printer, which would bring its formatting code.
    s.collect_str(&format_args!(
        "{:04}-{:02}-{:02}",
        d.year(),
        d.month(),
        d.day()
    ))
}

fn ser_yuan<S: Serializer>(fen: &i64, s: S) -> Result<S::Ok, S::Error> {
    if fen % FEN == 0 {
        s.serialize_i64(fen / FEN)
    } else {
        s.serialize_f64(*fen as f64 / FEN as f64)
    }
}

impl<'de> Deserialize<'de> for Plan {
    /// Reads the plan through [`Plan::from_value`]; the error names the first wrong field.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Plan, D::Error> {
        let v = Value::deserialize(d)?;
        Plan::from_value(&v).map_err(first_error)
    }
}

impl<'de> Deserialize<'de> for Person {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Person, D::Error> {
        let v = Value::deserialize(d)?;
        Person::from_value(&v).map_err(first_error)
    }
}

fn first_error<E: serde::de::Error>(errors: Vec<PlanError>) -> E {
    match errors.first() {
        Some(e) => E::custom(format_args!("{}: {}", e.field, e.message_en)),
        None => E::custom("invalid plan"),
    }
}

const ORGANIZERS: [&str; 2] = ["provincial_union", "other"];
const DESTINATIONS: [&str; 2] = ["in_province", "out_of_province"];
const VENUES: [&str; 4] = [
    "national_base",
    "provincial_base",
    "union_sanatorium",
    "other",
];
const HONORS: [&str; 5] = ["national", "provincial", "city", "county", "none"];
const TITLES: [&str; 4] = [
    "model_worker",
    "advanced_worker",
    "treatment",
    "may_day_medal",
];

/// Collects the errors while the fields are read.
#[derive(Default)]
struct Reader {
    errors: Vec<PlanError>,
}

/// Where a field sits: at the top (`list` empty) or in item `index` of a list. The path text is
/// built only for an error.
#[derive(Clone, Copy)]
struct At {
    list: &'static str,
    index: usize,
}

const TOP: At = At { list: "", index: 0 };

/// `key`, `list[index]` or `list[index].key`.
fn path(at: At, key: &str) -> String {
    match (at.list.is_empty(), key.is_empty()) {
        (true, _) => key.to_string(),
        (false, true) => format!("{}[{}]", at.list, at.index),
        (false, false) => format!("{}[{}].{key}", at.list, at.index),
    }
}

fn range_msg((lo, hi): (i64, i64)) -> (String, String) {
    let (lo, hi) = (crate::format::grouped(lo), crate::format::grouped(hi));
    (
        format!("应为{lo}到{hi}之间的整数。"),
        format!("Must be a whole number from {lo} to {hi}."),
    )
}

fn word_msg(words: &[&str]) -> (String, String) {
    let list = words.join(", ");
    (
        format!("应为以下之一：{list}。"),
        format!("Must be one of: {list}."),
    )
}

fn date_msg() -> (String, String) {
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

fn money_msg() -> (String, String) {
    let (lo, hi) = (
        crate::format::grouped(COST_YUAN.0),
        crate::format::grouped(COST_YUAN.1),
    );
    (
        format!("应为{lo}到{hi}元之间的金额，最多两位小数。"),
        format!("Must be an amount from {lo} to {hi} yuan with at most two decimals."),
    )
}

/// A field of an object: its name and its value (`None` when absent or `null`).
#[derive(Clone, Copy)]
struct Field<'v> {
    key: &'static str,
    value: Option<&'v Value>,
}

/// A batch's fields in the plan JSON, in the order of issue 4's shape.
pub const BATCH_FIELDS: [&str; 8] = [
    "participants",
    "start",
    "end",
    "cost_per_person",
    "destination",
    "venue",
    "cross_province_activities",
    "lodging_changes",
];
/// A roster person's fields in the plan JSON.
pub const PERSON_FIELDS: [&str; 7] = [
    "honor",
    "title",
    "age",
    "frontline",
    "high_intensity",
    "hard_environment",
    "key_role",
];
/// A technical workers' year's fields in the plan JSON.
pub const TRIP_FIELDS: [&str; 2] = ["year", "participants"];

/// The fields `names` of `map`, found in one pass over its keys (unknown keys are ignored). The
/// reader then takes each field from the array, instead of searching the JSON map field by field
/// comparing strings: this runs for every batch and every person of a plan.
fn fields<'v, const N: usize>(
    map: &'v Map<String, Value>,
    names: [&'static str; N],
) -> [Field<'v>; N] {
    let mut out = names.map(|key| Field { key, value: None });
    for (k, v) in map {
        // Lengths first, inline: most names differ in length.
        if let Some(f) = out
            .iter_mut()
            .find(|f| f.key.len() == k.len() && f.key == k)
        {
            f.value = Some(v).filter(|v| !v.is_null());
        }
    }
    out
}

impl Reader {
    /// Records an error; `missing` prefixes "required". Messages are built only here, on the
    /// error path, so reading a large valid plan allocates no message text.
    fn fail(&mut self, at: At, key: &str, missing: bool, (zh, en): (String, String)) {
        let (mz, me) = if missing {
            ("缺少此项。", "Required. ")
        } else {
            ("", "")
        };
        self.errors.push(PlanError::new(
            path(at, key),
            format!("{mz}{zh}"),
            format!("{me}{en}"),
        ));
    }

    /// The value of a required field, or an error saying what is allowed.
    fn need<'v>(
        &mut self,
        f: Field<'v>,
        at: At,
        msg: fn(&[&str]) -> (String, String),
        words: &[&str],
    ) -> Option<&'v Value> {
        if f.value.is_none() {
            self.fail(at, f.key, true, msg(words));
        }
        f.value
    }

    fn int(
        &mut self,
        Field { key, value }: Field,
        at: At,
        range: (i64, i64),
        required: bool,
    ) -> Option<i64> {
        let Some(v) = value else {
            if required {
                self.fail(at, key, true, range_msg(range));
            }
            return None;
        };
        // A whole number may arrive as 80.0 (from a JavaScript form); accept it as 80.
        let n = v.as_i64().or_else(|| {
            v.as_f64()
                .filter(|f| f.fract() == 0.0 && f.abs() < 1e15)
                .map(|f| f as i64)
        });
        match n {
            Some(n) if (range.0..=range.1).contains(&n) => Some(n),
            _ => {
                self.fail(at, key, false, range_msg(range));
                None
            }
        }
    }

    fn flag(&mut self, Field { key, value }: Field, at: At) -> bool {
        match value {
            None => false,
            Some(Value::Bool(b)) => *b,
            Some(_) => {
                self.fail(
                    at,
                    key,
                    false,
                    ("应为true或false。".into(), "Must be true or false.".into()),
                );
                false
            }
        }
    }

    /// The index in `words` of the field's word.
    fn word(&mut self, f: Field, at: At, words: &[&str]) -> Option<usize> {
        let (v, key) = (self.need(f, at, word_msg, words)?, f.key);
        let found = v.as_str().and_then(|s| words.iter().position(|w| *w == s));
        if found.is_none() {
            self.fail(at, key, false, word_msg(words));
        }
        found
    }

    fn date(&mut self, f: Field, at: At) -> Option<Date> {
        let (v, key) = (self.need(f, at, |_| date_msg(), &[])?, f.key);
        let d = v.as_str().and_then(parse_date);
        if d.is_none() {
            let (zh, en) = date_msg();
            let got: String = v.as_str().unwrap_or("").chars().take(24).collect();
            let msg = if got.is_empty() {
                (zh, en)
            } else {
                (
                    format!("“{got}”不是有效日期：{zh}"),
                    format!("\"{got}\" is not a valid date. {en}"),
                )
            };
            self.fail(at, key, false, msg);
        }
        d
    }

    /// Money in yuan with at most two decimals, as fen (see the module notes).
    fn fen(&mut self, f: Field, at: At) -> Option<i64> {
        let (v, key) = (self.need(f, at, |_| money_msg(), &[])?, f.key);
        let (lo, hi) = COST_YUAN;
        let fen = v
            .as_f64()
            .filter(|y| *y >= lo as f64 && *y <= hi as f64)
            .and_then(|y| {
                let fen = (y * FEN as f64).round() as i64;
                (fen as f64 / FEN as f64 == y).then_some(fen)
            });
        if fen.is_none() {
            self.fail(at, key, false, money_msg());
        }
        fen
    }

    /// The field's list of objects (each with its path prefix), at most `max` long.
    fn list<'v>(
        &mut self,
        Field { key, value }: Field<'v>,
        max: usize,
        required: bool,
    ) -> Vec<(At, &'v Map<String, Value>)> {
        let msg = |n: Option<usize>| {
            let m = crate::format::grouped(max as i64);
            let (least_zh, least_en) = if required {
                ("，至少1项", ", at least one")
            } else {
                ("", "")
            };
            let (has_zh, has_en) = match n {
                Some(n) => (format!("现有{n}项。"), format!(" It has {n}.")),
                None => (String::new(), String::new()),
            };
            (
                format!("应为列表，最多{m}项{least_zh}。{has_zh}"),
                format!("Must be a list of at most {m} items{least_en}.{has_en}"),
            )
        };
        let mut out = Vec::new();
        let Some(v) = value else {
            if required {
                self.fail(TOP, key, true, msg(None));
            }
            return out;
        };
        match v.as_array() {
            Some(items) if items.len() <= max && !(required && items.is_empty()) => {
                out.reserve(items.len());
                for (i, item) in items.iter().enumerate() {
                    let at = At {
                        list: key,
                        index: i,
                    };
                    match item.as_object() {
                        Some(obj) => out.push((at, obj)),
                        None => self.fail(
                            at,
                            "",
                            false,
                            (
                                "应为对象（{…}）。".into(),
                                "Must be an object ({…}).".into(),
                            ),
                        ),
                    }
                }
            }
            Some(items) if !items.is_empty() => self.fail(TOP, key, false, msg(Some(items.len()))),
            _ => self.fail(TOP, key, false, msg(None)),
        }
        out
    }

    fn batch(&mut self, at: At, o: &Map<String, Value>) -> Option<Batch> {
        let [participants, start, end, cost, destination, venue, cross, lodging] =
            fields(o, BATCH_FIELDS);
        let participants = self.int(participants, at, PARTICIPANTS, true);
        let start = self.date(start, at);
        let end = self.date(end, at);
        let cost_fen = self.fen(cost, at);
        let destination = self.word(destination, at, &DESTINATIONS);
        let venue = self.word(venue, at, &VENUES);
        let cross_province_activities = self.flag(cross, at);
        let lodging_changes = self.int(lodging, at, LODGING, false).unwrap_or(0);
        let (start, end) = (start?, end?);
        if end < start {
            self.fail(
                at,
                "end",
                false,
                (
                    format!("结束日期不能早于开始日期（{start}）。"),
                    format!("Must not be before the start date ({start})."),
                ),
            );
            return None;
        }
        Some(Batch {
            participants: u32::try_from(participants?).ok()?,
            start,
            end,
            cost_fen: cost_fen?,
            destination: [Destination::InProvince, Destination::OutOfProvince]
                .get(destination?)
                .copied()?,
            venue: [
                Venue::NationalBase,
                Venue::ProvincialBase,
                Venue::UnionSanatorium,
                Venue::Other,
            ]
            .get(venue?)
            .copied()?,
            cross_province_activities,
            lodging_changes: u32::try_from(lodging_changes).ok()?,
        })
    }

    fn person(&mut self, at: At, o: &Map<String, Value>) -> Option<Person> {
        let [honor, title, age, frontline, high_intensity, hard_environment, key_role] =
            fields(o, PERSON_FIELDS);
        let honor = self.word(honor, at, &HONORS);
        let title = self.word(title, at, &TITLES);
        let age = self.int(age, at, AGE, true);
        let frontline = self.flag(frontline, at);
        let high_intensity = self.flag(high_intensity, at);
        let hard_environment = self.flag(hard_environment, at);
        let key_role = self.flag(key_role, at);
        Some(Person {
            honor: [
                Honor::National,
                Honor::Provincial,
                Honor::City,
                Honor::County,
                Honor::None,
            ]
            .get(honor?)
            .copied()?,
            title: [
                Title::ModelWorker,
                Title::AdvancedWorker,
                Title::Treatment,
                Title::MayDayMedal,
            ]
            .get(title?)
            .copied()?,
            age: u8::try_from(age?).ok()?,
            frontline,
            high_intensity,
            hard_environment,
            key_role,
        })
    }

    /// Turns what was read into a result: `Ok` only when no field was wrong.
    fn finish<T>(self, value: Option<T>) -> Result<T, Vec<PlanError>> {
        match value {
            Some(v) if self.errors.is_empty() => Ok(v),
            _ if self.errors.is_empty() => Err(vec![PlanError::new(
                "",
                "方案有误。",
                "The plan is not valid.",
            )]),
            _ => Err(self.errors),
        }
    }
}

/// Parses `YYYY-MM-DD` (exactly that shape) into a date that exists, in the allowed years.
fn parse_date(s: &str) -> Option<Date> {
    let b = s.as_bytes();
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

fn object<'v>(
    v: &'v Value,
    what_zh: &str,
    what_en: &str,
) -> Result<&'v Map<String, Value>, Vec<PlanError>> {
    v.as_object().ok_or_else(|| {
        vec![PlanError::new(
            "",
            format!("{what_zh}应为JSON对象（{{…}}）。"),
            format!("The {what_en} must be a JSON object ({{…}})."),
        )]
    })
}

impl Plan {
    /// Reads a plan, collecting one error per wrong field (unknown keys are ignored; `null`
    /// counts as absent).
    ///
    /// # Errors
    /// Every field that is missing, of the wrong type, an unknown word, out of range, a date
    /// that does not exist or an end before its start, as a [`PlanError`] with the field's path.
    pub fn from_value(v: &Value) -> Result<Plan, Vec<PlanError>> {
        let [organizer, workers, batches, people, trips] = fields(
            object(v, "方案", "plan")?,
            [
                "organizer",
                "model_workers_under_65",
                "batches",
                "people",
                "technical_worker_trips",
            ],
        );
        let mut r = Reader::default();
        let organizer = r.word(organizer, TOP, &ORGANIZERS);
        let workers = r.int(workers, TOP, WORKERS, false);
        let batches: Vec<Option<Batch>> = r
            .list(batches, MAX_BATCHES, true)
            .into_iter()
            .map(|(at, b)| r.batch(at, b))
            .collect();
        let people: Vec<Option<Person>> = r
            .list(people, MAX_PEOPLE, false)
            .into_iter()
            .map(|(at, b)| r.person(at, b))
            .collect();
        let max_years = usize::try_from(YEARS.1 - YEARS.0 + 1).unwrap_or(0);
        let mut years = Vec::new();
        for (p, t) in r.list(trips, max_years, false) {
            let [year, participants] = fields(t, TRIP_FIELDS);
            let year = r.int(year, p, YEARS, true);
            let participants = r.int(participants, p, TECH_PARTICIPANTS, true);
            years.push((p, year, participants));
        }
        // A year given twice: the later entry is the wrong one.
        let mut seen: Vec<(i64, usize)> = years
            .iter()
            .enumerate()
            .filter_map(|(i, y)| Some((y.1?, i)))
            .collect();
        seen.sort_unstable();
        for w in seen.windows(2) {
            if let [(a, _), (b, i)] = w {
                if a == b {
                    if let Some((at, _, _)) = years.get(*i) {
                        r.fail(
                            *at,
                            "year",
                            false,
                            (
                                format!("{b}年重复出现，每年只能填一次。"),
                                format!("{b} appears more than once; give each year once."),
                            ),
                        );
                    }
                }
            }
        }
        let plan = (|| {
            Some(Plan {
                organizer: [Organizer::ProvincialUnion, Organizer::Other]
                    .get(organizer?)
                    .copied()?,
                model_workers_under_65: match workers {
                    Some(w) => Some(u32::try_from(w).ok()?),
                    None => None,
                },
                batches: batches.into_iter().collect::<Option<Vec<_>>>()?,
                people: people.into_iter().collect::<Option<Vec<_>>>()?,
                technical_worker_trips: years
                    .into_iter()
                    .map(|(_, y, n)| {
                        Some(TechnicalYear {
                            year: i16::try_from(y?).ok()?,
                            participants: u32::try_from(n?).ok()?,
                        })
                    })
                    .collect::<Option<Vec<_>>>()?,
            })
        })();
        r.finish(plan)
    }

    /// The plan as JSON text in the shape (what the share URL carries).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

impl Person {
    /// Reads one person (the "Who may go?" form), with the same rules as a roster entry.
    ///
    /// # Errors
    /// Every wrong field, with paths `honor`, `title`, `age`, ….
    pub fn from_value(v: &Value) -> Result<Person, Vec<PlanError>> {
        let o = object(v, "人员", "person")?;
        let mut r = Reader::default();
        let p = r.person(TOP, o);
        r.finish(p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn money_has_at_most_two_decimals() {
        let read = |v: Value| {
            let mut r = Reader::default();
            let o: Map<String, Value> = [("c".to_string(), v)].into_iter().collect();
            let [c] = fields(&o, ["c"]);
            r.fen(c, TOP)
        };
        assert_eq!(read(serde_json::json!(4500.01)), Some(450_001));
        assert_eq!(read(serde_json::json!(0.07)), Some(7));
        assert_eq!(read(serde_json::json!(999_999.99)), Some(99_999_999));
        assert_eq!(read(serde_json::json!(4500.005)), None);
        assert_eq!(read(serde_json::json!(-0.01)), None);
        assert_eq!(read(serde_json::json!(1_000_000.01)), None);
        assert_eq!(read(serde_json::json!("4500")), None);
    }
}
