//! A valid plan as the rule engine checks it, and the closed vocabularies of its words. Each
//! vocabulary is one table ([`Vocab::WORDS`]) holding the JSON word, the Chinese and English
//! labels the form shows, and the short code of the first share-link format; the JSON, the form,
//! the link and the messages all read that one table.
//!
//! Plans are not read here: [`super::draft::Draft`] holds what a reader typed and
//! [`super::read`] turns it into a [`Plan`] plus one error per wrong field. Money is held in
//! integer fen.

use super::field::FieldPath;
use jiff::civil::Date;
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

/// Fen in a yuan.
pub(crate) const FEN: i64 = 100;

/// One word of a closed vocabulary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Word {
    /// The word in the plan JSON (`provincial_union`).
    pub json: &'static str,
    /// What a Chinese reader sees (`省总工会`).
    pub zh: &'static str,
    /// What an English reader sees.
    pub en: &'static str,
    /// The word's short code in the first share links (`pu`); the current links store the
    /// word's position in [`Vocab::WORDS`].
    pub v1: &'static str,
}

/// A closed vocabulary: an enum whose every value has one [`Word`].
pub trait Vocab: Copy + PartialEq + 'static {
    /// Every value, in the order of [`Vocab::WORDS`] (the order the form lists them).
    const ALL: &'static [Self];
    /// The words, one per value of [`Vocab::ALL`], at the same position.
    const WORDS: &'static [Word];

    /// The value's position in the table.
    fn index(self) -> usize {
        Self::ALL.iter().position(|v| *v == self).unwrap_or(0)
    }

    /// The value's word.
    fn word(self) -> &'static Word {
        let i = self.index();
        Self::WORDS.get(i).unwrap_or(&NO_WORD)
    }

    /// The value at a position of the table.
    fn from_index(i: usize) -> Option<Self> {
        Self::ALL.get(i).copied()
    }

    /// The value whose JSON word is `s`.
    fn from_json(s: &str) -> Option<Self> {
        Self::WORDS
            .iter()
            .position(|w| w.json == s)
            .and_then(Self::from_index)
    }
}

const NO_WORD: Word = Word {
    json: "",
    zh: "",
    en: "",
    v1: "",
};

/// Serialises a vocabulary value as its JSON word.
macro_rules! vocab_serialize {
    ($($t:ty),*) => {$(
        impl Serialize for $t {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.word().json)
            }
        }
    )*};
}
vocab_serialize!(Organizer, Destination, Venue, Honor, Title);

/// Who organises the trip. The cost standard is stated for the provincial union's trips.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Organizer {
    ProvincialUnion,
    Other,
}

impl Vocab for Organizer {
    const ALL: &'static [Self] = &[Organizer::ProvincialUnion, Organizer::Other];
    const WORDS: &'static [Word] = &[
        Word {
            json: "provincial_union",
            zh: "省总工会",
            en: "Shanxi Federation of Trade Unions",
            v1: "pu",
        },
        Word {
            json: "other",
            zh: "其他工会组织",
            en: "Another trade-union body",
            v1: "other",
        },
    ];
}

/// Where a batch goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Destination {
    InProvince,
    OutOfProvince,
}

impl Vocab for Destination {
    const ALL: &'static [Self] = &[Destination::InProvince, Destination::OutOfProvince];
    const WORDS: &'static [Word] = &[
        Word {
            json: "in_province",
            zh: "省内",
            en: "Within Shanxi",
            v1: "in",
        },
        Word {
            json: "out_of_province",
            zh: "省外",
            en: "Outside Shanxi",
            v1: "out",
        },
    ];
}

/// Where a batch stays.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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

impl Vocab for Venue {
    const ALL: &'static [Self] = &[
        Venue::NationalBase,
        Venue::ProvincialBase,
        Venue::UnionSanatorium,
        Venue::Other,
    ];
    const WORDS: &'static [Word] = &[
        Word {
            json: "national_base",
            zh: "全国劳模疗休养基地",
            en: "National rest base for model workers",
            v1: "nb",
        },
        Word {
            json: "provincial_base",
            zh: "省级劳模疗休养基地",
            en: "Provincial rest base for model workers",
            v1: "pb",
        },
        Word {
            json: "union_sanatorium",
            zh: "工会系统其他疗休养院所",
            en: "Another trade-union sanatorium",
            v1: "us",
        },
        Word {
            json: "other",
            zh: "其他地点",
            en: "Somewhere else",
            v1: "other",
        },
    ];
}

/// The level of the body that honoured a person.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Honor {
    None,
    County,
    City,
    Provincial,
    National,
}

impl Vocab for Honor {
    const ALL: &'static [Self] = &[
        Honor::National,
        Honor::Provincial,
        Honor::City,
        Honor::County,
        Honor::None,
    ];
    const WORDS: &'static [Word] = &[
        Word {
            json: "national",
            zh: "全国级",
            en: "National",
            v1: "na",
        },
        Word {
            json: "provincial",
            zh: "省级",
            en: "Provincial",
            v1: "pr",
        },
        Word {
            json: "city",
            zh: "市级",
            en: "City",
            v1: "ci",
        },
        Word {
            json: "county",
            zh: "县级",
            en: "County",
            v1: "co",
        },
        Word {
            json: "none",
            zh: "未获表彰",
            en: "None",
            v1: "none",
        },
    ];
}

/// What a person was honoured as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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

impl Vocab for Title {
    const ALL: &'static [Self] = &[
        Title::ModelWorker,
        Title::AdvancedWorker,
        Title::Treatment,
        Title::MayDayMedal,
    ];
    const WORDS: &'static [Word] = &[
        Word {
            json: "model_worker",
            zh: "劳动模范",
            en: "Model worker",
            v1: "mw",
        },
        Word {
            json: "advanced_worker",
            zh: "先进工作者",
            en: "Advanced worker",
            v1: "aw",
        },
        Word {
            json: "treatment",
            zh: "享受劳模待遇者",
            en: "Receives model-worker benefits",
            v1: "tr",
        },
        Word {
            json: "may_day_medal",
            zh: "五一劳动奖章获得者",
            en: "May Day Labour Medal holder",
            v1: "md",
        },
    ];
}

/// An input problem, shown next to its field: the field's path (`batches.0.end`; the whole plan
/// for a problem that belongs to no field) and what is wrong, in Chinese and English.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlanError {
    pub path: FieldPath,
    pub message_zh: String,
    pub message_en: String,
}

impl PlanError {
    pub(crate) fn new(path: FieldPath, zh: impl Into<String>, en: impl Into<String>) -> PlanError {
        PlanError {
            path,
            message_zh: zh.into(),
            message_en: en.into(),
        }
    }

    /// The field's path as text: `batches.0.end`, `people.2.age`, `model_workers_under_65`, or
    /// the empty string for the whole plan.
    pub fn field(&self) -> String {
        self.path.to_string()
    }

    /// The error for text that is not JSON, saying where the parser stopped.
    pub(crate) fn from_json(e: &serde_json::Error) -> PlanError {
        PlanError::new(
            FieldPath::Whole,
            format!(
                "方案不是有效的JSON（第{}行第{}列附近出错）。",
                e.line(),
                e.column()
            ),
            format!("The plan is not valid JSON: {e}."),
        )
    }
}

impl Serialize for PlanError {
    /// `{"field": "batches.0.end", "message_zh": …, "message_en": …}`.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("PlanError", 3)?;
        st.serialize_field("field", &self.path)?;
        st.serialize_field("message_zh", &self.message_zh)?;
        st.serialize_field("message_en", &self.message_en)?;
        st.end()
    }
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

/// `YYYY-MM-DD`, written by hand rather than with jiff's printer (which would bring its
/// formatting code into the wasm).
pub(crate) fn date_text(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

fn ser_date<S: Serializer>(d: &Date, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&date_text(*d))
}

/// An amount in fen as yuan: whole yuan as an integer, else with its decimals (`4500.5`).
pub(crate) fn yuan_text(fen: i64) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    let (y, f) = (fen.unsigned_abs() / 100, fen.unsigned_abs() % 100);
    match (f, f % 10) {
        (0, _) => format!("{sign}{y}"),
        (_, 0) => format!("{sign}{y}.{}", f / 10),
        _ => format!("{sign}{y}.{f:02}"),
    }
}

fn ser_yuan<S: Serializer>(fen: &i64, s: S) -> Result<S::Ok, S::Error> {
    if fen % FEN == 0 {
        s.serialize_i64(fen / FEN)
    } else {
        s.serialize_f64(*fen as f64 / FEN as f64)
    }
}

impl Plan {
    /// The plan as JSON text in the shape.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_table<T: Vocab + std::fmt::Debug + Serialize>() {
        assert_eq!(T::ALL.len(), T::WORDS.len());
        for (i, v) in T::ALL.iter().enumerate() {
            assert_eq!(v.index(), i, "{v:?} appears twice");
            assert_eq!(T::from_json(v.word().json), Some(*v));
            assert_eq!(
                serde_json::to_string(v).unwrap_or_default(),
                format!("\"{}\"", v.word().json)
            );
        }
    }

    #[test]
    fn every_vocabulary_has_one_word_per_value() {
        check_table::<Organizer>();
        check_table::<Destination>();
        check_table::<Venue>();
        check_table::<Honor>();
        check_table::<Title>();
    }

    #[test]
    fn yuan_text_is_the_shortest_exact_amount() {
        assert_eq!(yuan_text(450_000), "4500");
        assert_eq!(yuan_text(450_050), "4500.5");
        assert_eq!(yuan_text(450_005), "4500.05");
        assert_eq!(yuan_text(7), "0.07");
    }
}
