//! The plan's fields, one definition each: the JSON key, the key of the first share-link format,
//! the form's labels in Chinese and English, what kind of value it takes and whether it is
//! required. And [`FieldPath`], the one type of a field's address: it prints the engine's path
//! (`batches.0.participants`, also the form field's `data-f`) and parses it back.
//!
//! The lists share one set of caps ([`ListId::cap`]): the engine, the form and the share link
//! all read them here.

use super::plan::{Destination, Honor, Organizer, Title, Venue, Vocab, Word};
use serde::{Serialize, Serializer};
use std::fmt;

/// What kind of value a field takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldKind {
    /// A whole number in `min..=max`.
    Int { min: i64, max: i64 },
    /// An amount of yuan with at most two decimals, from 0 to [`MAX_YUAN`].
    Money,
    /// A real date `YYYY-MM-DD` in the years [`YEARS`].
    Date,
    /// One word of a closed vocabulary.
    Word(&'static [Word]),
    /// Yes or no (absent is no).
    Flag,
}

/// The years a date or a technical workers' year may have.
pub const YEARS: (i64, i64) = (2000, 2100);
/// The most a cost per person may be, in yuan.
pub const MAX_YUAN: i64 = 1_000_000;

/// One field of the plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldDef {
    /// The key in the plan JSON.
    pub key: &'static str,
    /// The key in the first share-link format (short JSON keys).
    pub v1: &'static str,
    /// The form's label.
    pub zh: &'static str,
    pub en: &'static str,
    pub kind: FieldKind,
    /// A required field that is empty is an error; an optional one reads as absent (a flag as
    /// no, the lodging changes as 0).
    pub required: bool,
}

const fn def(
    key: &'static str,
    v1: &'static str,
    (zh, en): (&'static str, &'static str),
    kind: FieldKind,
    required: bool,
) -> FieldDef {
    FieldDef {
        key,
        v1,
        zh,
        en,
        kind,
        required,
    }
}

const fn int(min: i64, max: i64) -> FieldKind {
    FieldKind::Int { min, max }
}

/// A field of one of the plan's parts, with its definition.
pub trait Field: Copy + PartialEq + fmt::Debug + 'static {
    /// Every field, in the order of the plan JSON (also the form's order).
    const ALL: &'static [Self];
    /// The definitions, at the same positions as [`Field::ALL`].
    const DEFS: &'static [FieldDef];

    /// The field's position.
    fn index(self) -> usize {
        Self::ALL.iter().position(|f| *f == self).unwrap_or(0)
    }

    /// The field's definition.
    fn def(self) -> &'static FieldDef {
        Self::DEFS.get(self.index()).unwrap_or(&TOP_DEFS[0])
    }

    /// The field whose JSON key is `key`.
    fn from_key(key: &str) -> Option<Self> {
        Self::DEFS
            .iter()
            .position(|d| d.key == key)
            .and_then(|i| Self::ALL.get(i).copied())
    }
}

/// The fields at the top of a plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TopField {
    Organizer,
    ModelWorkersUnder65,
}

/// Model workers counted for the yearly total (`0..=10,000,000`).
const WORKERS: FieldKind = int(0, 10_000_000);

static TOP_DEFS: [FieldDef; 2] = [
    def(
        "organizer",
        "o",
        ("组织方", "Organised by"),
        FieldKind::Word(Organizer::WORDS),
        true,
    ),
    def(
        "model_workers_under_65",
        "m",
        (
            "65岁以下劳模总数（可不填）",
            "Model workers aged 65 or under (optional)",
        ),
        WORKERS,
        false,
    ),
];

impl Field for TopField {
    fn index(self) -> usize {
        // Fieldless, in the order of ALL (tested below).
        self as usize
    }

    const ALL: &'static [Self] = &[TopField::Organizer, TopField::ModelWorkersUnder65];
    const DEFS: &'static [FieldDef] = &TOP_DEFS;
}

/// The fields of a batch.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BatchField {
    Participants,
    Start,
    End,
    CostPerPerson,
    Destination,
    Venue,
    CrossProvinceActivities,
    LodgingChanges,
}

static BATCH_DEFS: [FieldDef; 8] = [
    def(
        "participants",
        "p",
        ("人数", "People"),
        int(1, 100_000),
        true,
    ),
    def(
        "start",
        "s",
        ("报到日", "Arrival day"),
        FieldKind::Date,
        true,
    ),
    def("end", "e", ("返程日", "Return day"), FieldKind::Date, true),
    def(
        "cost_per_person",
        "c",
        ("每人费用（元）", "Cost per person (yuan)"),
        FieldKind::Money,
        true,
    ),
    def(
        "destination",
        "d",
        ("去向", "Where"),
        FieldKind::Word(Destination::WORDS),
        true,
    ),
    def(
        "venue",
        "v",
        ("地点", "Venue"),
        FieldKind::Word(Venue::WORDS),
        true,
    ),
    def(
        "cross_province_activities",
        "x",
        ("到外省开展活动", "Activities in another province"),
        FieldKind::Flag,
        false,
    ),
    // The article sets no bound; a thousand is far past any real trip.
    def(
        "lodging_changes",
        "l",
        ("更换住宿次数", "Changes of lodging"),
        int(0, 1_000),
        false,
    ),
];

impl Field for BatchField {
    fn index(self) -> usize {
        // Fieldless, in the order of ALL (tested below).
        self as usize
    }

    const ALL: &'static [Self] = &[
        BatchField::Participants,
        BatchField::Start,
        BatchField::End,
        BatchField::CostPerPerson,
        BatchField::Destination,
        BatchField::Venue,
        BatchField::CrossProvinceActivities,
        BatchField::LodgingChanges,
    ];
    const DEFS: &'static [FieldDef] = &BATCH_DEFS;
}

/// The fields of a roster person.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PersonField {
    Honor,
    Title,
    Age,
    Frontline,
    HighIntensity,
    HardEnvironment,
    KeyRole,
}

static PERSON_DEFS: [FieldDef; 7] = [
    def(
        "honor",
        "h",
        ("表彰级别", "Honour"),
        FieldKind::Word(Honor::WORDS),
        true,
    ),
    def(
        "title",
        "t",
        ("称号", "Title"),
        FieldKind::Word(Title::WORDS),
        true,
    ),
    def("age", "a", ("年龄", "Age"), int(16, 120), true),
    def(
        "frontline",
        "f",
        ("基层一线", "Front line"),
        FieldKind::Flag,
        false,
    ),
    def(
        "high_intensity",
        "i",
        ("劳动强度高", "High work intensity"),
        FieldKind::Flag,
        false,
    ),
    def(
        "hard_environment",
        "w",
        ("工作环境艰苦", "Hard working conditions"),
        FieldKind::Flag,
        false,
    ),
    def(
        "key_role",
        "k",
        ("发挥骨干作用", "Key role"),
        FieldKind::Flag,
        false,
    ),
];

impl Field for PersonField {
    fn index(self) -> usize {
        // Fieldless, in the order of ALL (tested below).
        self as usize
    }

    const ALL: &'static [Self] = &[
        PersonField::Honor,
        PersonField::Title,
        PersonField::Age,
        PersonField::Frontline,
        PersonField::HighIntensity,
        PersonField::HardEnvironment,
        PersonField::KeyRole,
    ];
    const DEFS: &'static [FieldDef] = &PERSON_DEFS;
}

/// The fields of a year of technical workers' trips.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TripField {
    Year,
    Participants,
}

static TRIP_DEFS: [FieldDef; 2] = [
    def("year", "y", ("年份", "Year"), int(YEARS.0, YEARS.1), true),
    def(
        "participants",
        "p",
        ("人次", "Person-trips"),
        int(0, 10_000_000),
        true,
    ),
];

impl Field for TripField {
    fn index(self) -> usize {
        // Fieldless, in the order of ALL (tested below).
        self as usize
    }

    const ALL: &'static [Self] = &[TripField::Year, TripField::Participants];
    const DEFS: &'static [FieldDef] = &TRIP_DEFS;
}

/// The plan's three lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ListId {
    Batches,
    People,
    Trips,
}

impl ListId {
    pub const ALL: [ListId; 3] = [ListId::Batches, ListId::People, ListId::Trips];

    /// The key in the plan JSON.
    pub fn key(self) -> &'static str {
        match self {
            ListId::Batches => "batches",
            ListId::People => "people",
            ListId::Trips => "technical_worker_trips",
        }
    }

    /// The key in the first share-link format.
    pub fn v1(self) -> &'static str {
        match self {
            ListId::Batches => "b",
            ListId::People => "r",
            ListId::Trips => "tw",
        }
    }

    /// The most rows the list may have: one cap for the engine, the form and the link.
    pub const fn cap(self) -> usize {
        match self {
            ListId::Batches => 100,
            ListId::People => 200,
            ListId::Trips => 50,
        }
    }

    /// Whether a plan needs at least one row.
    pub fn required(self) -> bool {
        self == ListId::Batches
    }

    /// The fields of a row.
    pub fn defs(self) -> &'static [FieldDef] {
        match self {
            ListId::Batches => &BATCH_DEFS,
            ListId::People => &PERSON_DEFS,
            ListId::Trips => &TRIP_DEFS,
        }
    }

    fn from_key(key: &str) -> Option<ListId> {
        ListId::ALL.into_iter().find(|l| l.key() == key)
    }

    /// The path of field `i` (a position in [`ListId::defs`]) of row `row`.
    pub fn field(self, row: usize, i: usize) -> Option<FieldPath> {
        Some(match self {
            ListId::Batches => FieldPath::Batch(row, *BatchField::ALL.get(i)?),
            ListId::People => FieldPath::Person(row, *PersonField::ALL.get(i)?),
            ListId::Trips => FieldPath::Trip(row, *TripField::ALL.get(i)?),
        })
    }

    /// A row's name for a reader: "第3批" / "Batch 3".
    pub fn row_name(self, row: usize, zh: bool) -> String {
        let n = row + 1;
        match (self, zh) {
            (ListId::Batches, true) => format!("第{n}批"),
            (ListId::Batches, false) => format!("Batch {n}"),
            (ListId::People, true) => format!("第{n}人"),
            (ListId::People, false) => format!("Person {n}"),
            (ListId::Trips, true) => format!("第{n}行"),
            (ListId::Trips, false) => format!("Row {n}"),
        }
    }
}

/// The address of a field, a row or a list of a plan.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum FieldPath {
    /// The plan as a whole (text that is not JSON, a plan that is not an object).
    Whole,
    Top(TopField),
    /// A list as a whole (not a list, too long, empty).
    List(ListId),
    /// A row as a whole (not an object).
    Row(ListId, usize),
    Batch(usize, BatchField),
    Person(usize, PersonField),
    Trip(usize, TripField),
    /// A key the plan does not know, at the top or in a row.
    Unknown(Option<(ListId, usize)>, String),
}

impl FieldPath {
    /// The list and row the path is in, if any.
    pub fn row(&self) -> Option<(ListId, usize)> {
        match self {
            FieldPath::Row(l, i) => Some((*l, *i)),
            FieldPath::Batch(i, _) => Some((ListId::Batches, *i)),
            FieldPath::Person(i, _) => Some((ListId::People, *i)),
            FieldPath::Trip(i, _) => Some((ListId::Trips, *i)),
            FieldPath::Unknown(at, _) => *at,
            _ => None,
        }
    }

    /// The field's definition, for a path to a field.
    pub fn def(&self) -> Option<&'static FieldDef> {
        match self {
            FieldPath::Top(f) => Some(f.def()),
            FieldPath::Batch(_, f) => Some(f.def()),
            FieldPath::Person(_, f) => Some(f.def()),
            FieldPath::Trip(_, f) => Some(f.def()),
            _ => None,
        }
    }

    /// An order for listing errors: the whole plan, the top fields, then each list row by row,
    /// each row's fields in the plan's order and its unknown keys last.
    pub fn sort_key(&self) -> (u8, usize, usize) {
        let list = |l: ListId| 2 + l as u8;
        match self {
            FieldPath::Whole => (0, 0, 0),
            FieldPath::Top(f) => (1, 0, f.index()),
            FieldPath::Unknown(None, _) => (1, 0, 99),
            FieldPath::List(l) => (list(*l), 0, 0),
            FieldPath::Row(l, i) => (list(*l), i + 1, 0),
            FieldPath::Batch(i, f) => (list(ListId::Batches), i + 1, f.index() + 1),
            FieldPath::Person(i, f) => (list(ListId::People), i + 1, f.index() + 1),
            FieldPath::Trip(i, f) => (list(ListId::Trips), i + 1, f.index() + 1),
            FieldPath::Unknown(Some((l, i)), _) => (list(*l), i + 1, 99),
        }
    }

    /// Reads a path printed by `Display` (`batches.0.participants`); `None` for anything else.
    /// Unknown keys do not parse: only the plan's own fields have a form field.
    pub fn parse(s: &str) -> Option<FieldPath> {
        if s.is_empty() {
            return Some(FieldPath::Whole);
        }
        let mut parts = s.split('.');
        let head = parts.next()?;
        let (row, field) = (parts.next(), parts.next());
        if parts.next().is_some() {
            return None;
        }
        if let Some(f) = TopField::from_key(head) {
            return row.is_none().then_some(FieldPath::Top(f));
        }
        let list = ListId::from_key(head)?;
        let Some(row) = row else {
            return Some(FieldPath::List(list));
        };
        // Only plain decimal indices (no sign, no leading zeros) print back the same.
        if row.is_empty() || (row.len() > 1 && row.starts_with('0')) {
            return None;
        }
        if !row.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let i: usize = row.parse().ok()?;
        let Some(field) = field else {
            return Some(FieldPath::Row(list, i));
        };
        match list {
            ListId::Batches => BatchField::from_key(field).map(|f| FieldPath::Batch(i, f)),
            ListId::People => PersonField::from_key(field).map(|f| FieldPath::Person(i, f)),
            ListId::Trips => TripField::from_key(field).map(|f| FieldPath::Trip(i, f)),
        }
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FieldPath::Whole => Ok(()),
            FieldPath::Top(t) => f.write_str(t.def().key),
            FieldPath::List(l) => f.write_str(l.key()),
            FieldPath::Row(l, i) => write!(f, "{}.{i}", l.key()),
            FieldPath::Batch(i, b) => write!(f, "batches.{i}.{}", b.def().key),
            FieldPath::Person(i, p) => write!(f, "people.{i}.{}", p.def().key),
            FieldPath::Trip(i, t) => write!(f, "technical_worker_trips.{i}.{}", t.def().key),
            FieldPath::Unknown(None, k) => f.write_str(k),
            FieldPath::Unknown(Some((l, i)), k) => write!(f, "{}.{i}.{k}", l.key()),
        }
    }
}

impl Serialize for FieldPath {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// The known key nearest to an unknown one, if it is close enough to be a typo (edit distance at
/// most a third of its length, and at most 4).
pub fn nearest<'a>(unknown: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let len = unknown.chars().count();
    let limit = (len / 3).clamp(1, 4);
    known
        .into_iter()
        .map(|k| (strsim::levenshtein(unknown, k), k))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_paths() -> Vec<FieldPath> {
        let mut v = vec![FieldPath::Whole];
        v.extend(TopField::ALL.iter().map(|f| FieldPath::Top(*f)));
        for l in ListId::ALL {
            v.push(FieldPath::List(l));
            for row in [0, 7, 99] {
                v.push(FieldPath::Row(l, row));
                for i in 0..l.defs().len() {
                    v.extend(l.field(row, i));
                }
            }
        }
        v
    }

    #[test]
    fn every_path_prints_and_parses_back() {
        for p in all_paths() {
            assert_eq!(FieldPath::parse(&p.to_string()), Some(p.clone()), "{p}");
        }
        assert_eq!(
            FieldPath::Batch(0, BatchField::End).to_string(),
            "batches.0.end"
        );
        for bad in [
            "batches.00.end",
            "batches.-1.end",
            "batches.x.end",
            "nope",
            "batches.0.nope",
            "organizer.0",
            "a.b.c.d",
        ] {
            assert_eq!(FieldPath::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn definitions_line_up_with_their_fields() {
        for l in ListId::ALL {
            for (i, d) in l.defs().iter().enumerate() {
                let p = l.field(0, i).expect("a field at every position");
                assert_eq!(p.def(), Some(d));
            }
        }
        fn in_order<F: Field>() {
            for (i, f) in F::ALL.iter().enumerate() {
                assert_eq!(f.index(), i, "{f:?}");
            }
        }
        in_order::<TopField>();
        in_order::<BatchField>();
        in_order::<PersonField>();
        in_order::<TripField>();
        assert_eq!(BatchField::ALL.len(), BATCH_DEFS.len());
        assert_eq!(PersonField::ALL.len(), PERSON_DEFS.len());
        assert_eq!(TripField::ALL.len(), TRIP_DEFS.len());
    }

    #[test]
    fn typos_find_their_field() {
        let top = ["organizer", "model_workers_under_65", "batches"];
        assert_eq!(
            nearest("model_workers_under65", top),
            Some("model_workers_under_65")
        );
        assert_eq!(
            nearest("cross_province_activity", BATCH_DEFS.iter().map(|d| d.key)),
            Some("cross_province_activities")
        );
        assert_eq!(nearest("colour", top), None);
    }
}
