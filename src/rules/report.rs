//! The report the engine returns: a verdict, input errors per field, and one check per rule with
//! the figures behind it, the strength of the wording, the source and what would pass (its words
//! written only when asked for).

use super::plan::{Destination, Honor, PlanError, TechnicalYear, Title, Venue};
use crate::data::{Limit, Source, Strength, Unit};
use crate::format::Lang;
use jiff::civil::Date;
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};
use std::fmt;

/// The overall verdict, from worst to best: `invalid` > `ineligible` > `does_not_meet` > `meets`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Meets,
    DoesNotMeet,
    Ineligible,
    Invalid,
}

/// A check's outcome.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Ok,
    Fails,
    NotEligible,
    NotApplicable,
    /// Advice that does not fail a plan.
    Note,
}

/// The rules, one id each.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleId {
    BatchSize,
    Duration,
    CostPerPerson,
    CostPerDay,
    Venue,
    CrossProvince,
    Lodging,
    AnnualScale,
    Eligibility,
    TechnicalWorkerTrend,
}

/// One rule applied to one batch, one person, or the whole plan.
///
/// Deciding and explaining are apart: the figures, the status and [`Why`] (the few numbers,
/// dates and words the text needs) are set when the plan is checked, without building any text;
/// [`Check::message`] and [`Check::suggestion`] write the words in the one language asked for,
/// and serialising a check writes both languages straight into the output (the JSON keys
/// `message_zh`, `message_en`, `suggestion_zh`, `suggestion_en`, after the figures).
#[derive(Clone, Debug, PartialEq)]
pub struct Check {
    pub rule: RuleId,
    pub batch: Option<usize>,
    pub person: Option<usize>,
    pub status: Status,
    /// What the plan has, in `unit` (yuan may have two decimals).
    pub observed: Option<f64>,
    pub limit: Option<f64>,
    pub unit: Option<Unit>,
    /// `limit - observed`: negative when over. For the one floor (the technical workers' yearly
    /// rise) it is `observed - limit`, so a negative margin always means the rule is broken.
    pub margin: Option<f64>,
    pub strength: Strength,
    pub source: Source,
    /// What the message and the suggestion are built from.
    pub why: Why,
}

/// What a check's words need beyond its figures, one variant per kind of message. Numbers are
/// the plan's own (people, days, fen); the batch and person index come from the [`Check`].
/// Small and allocation-free, except the rising technical-worker trend, whose message lists
/// every year (one check per report).
#[derive(Clone, Debug, PartialEq)]
pub enum Why {
    /// `batch_size`: the batch's participants and the most per batch.
    BatchSize { participants: i64, max: i64 },
    /// `duration`: arrival and return day, the days counted (both included) and the most.
    Duration {
        start: Date,
        end: Date,
        days: i64,
        max: i64,
    },
    /// `cost_per_person`: the cost and the cap in fen, and the days the budget is counted for.
    CostPerPerson {
        destination: Destination,
        days: i64,
        cost_fen: i64,
        cap_fen: i64,
    },
    /// `cost_per_day`: the cost and the per-day cap in fen, over `days` days.
    CostPerDay {
        destination: Destination,
        days: i64,
        cost_fen: i64,
        cap_fen: i64,
    },
    /// A cost check of a plan that another body organises.
    CostNotApplicable,
    /// `venue`.
    Venue(Venue),
    /// `cross_province` (the status says whether there are such activities).
    CrossProvince,
    /// `lodging`: how many times the lodging changes.
    Lodging { changes: i64 },
    /// `annual_scale` for one year: its batches and people, the model workers under 65 and the
    /// most the year may have.
    AnnualScale {
        year: i16,
        batches: u32,
        workers: u32,
        total: i64,
        max: i64,
    },
    /// `annual_scale` without the number of model workers under 65.
    AnnualScaleUnknown { year: i16, batches: u32, total: i64 },
    /// `eligibility` of one person.
    Eligibility { honor: Honor, title: Title },
    /// `technical_worker_trend` rising every year: the years in order and the smallest rise.
    TrendRises {
        years: Box<[TechnicalYear]>,
        rise: i64,
    },
    /// `technical_worker_trend` not rising from `from` to `to` (the worst pair of years).
    TrendFalls {
        from: TechnicalYear,
        to: TechnicalYear,
    },
    /// `technical_worker_trend` with fewer than two years.
    TrendUnknown,
}

impl Check {
    /// A check of `rule` decided from the limit row `l` (its strength, source and unit): its
    /// status, its figures (`[observed, limit, margin]`, with the row's unit; `None` for a check
    /// without figures, which has no unit either) and what its words are built from. Built in
    /// one go: this runs for every batch and every person.
    pub(crate) fn new(
        rule: RuleId,
        batch: Option<usize>,
        l: &Limit,
        status: Status,
        figures: Option<[f64; 3]>,
        why: Why,
    ) -> Check {
        let [observed, limit, margin] = match figures {
            Some(f) => f.map(Some),
            None => [None; 3],
        };
        Check {
            rule,
            batch,
            person: None,
            status,
            observed,
            limit,
            unit: figures.map(|_| l.unit),
            margin,
            strength: l.strength,
            source: l.source,
            why,
        }
    }

    /// The message: what the plan has against the rule, quoting its figures.
    pub fn message(&self, lang: Lang) -> String {
        Words {
            check: self,
            lang,
            suggestion: false,
        }
        .to_string()
    }

    /// What would pass, when the check fails, is not eligible or is a note.
    pub fn suggestion(&self, lang: Lang) -> Option<String> {
        self.has_suggestion().then(|| {
            Words {
                check: self,
                lang,
                suggestion: true,
            }
            .to_string()
        })
    }

    /// Whether [`Check::suggestion`] has something to say.
    pub fn has_suggestion(&self) -> bool {
        super::has_suggestion(self)
    }
}

/// A check's message or suggestion in one language, written on demand (to a `String`, or
/// straight into the JSON output).
struct Words<'a> {
    check: &'a Check,
    lang: Lang,
    suggestion: bool,
}

impl fmt::Display for Words<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.suggestion {
            super::write_suggestion(f, self.check, self.lang)
        } else {
            super::write_message(f, self.check, self.lang)
        }
    }
}

impl Serialize for Words<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl Serialize for Check {
    /// The shape: the figures, then `message_zh`, `message_en`, `suggestion_zh` and
    /// `suggestion_en` (`null` when there is nothing to suggest).
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let words = |lang, suggestion| Words {
            check: self,
            lang,
            suggestion,
        };
        let fix = self.has_suggestion();
        let mut st = s.serialize_struct("Check", 14)?;
        st.serialize_field("rule", &self.rule)?;
        st.serialize_field("batch", &self.batch)?;
        st.serialize_field("person", &self.person)?;
        st.serialize_field("status", &self.status)?;
        st.serialize_field("observed", &self.observed)?;
        st.serialize_field("limit", &self.limit)?;
        st.serialize_field("unit", &self.unit)?;
        st.serialize_field("margin", &self.margin)?;
        st.serialize_field("strength", &self.strength)?;
        st.serialize_field("source", &self.source)?;
        st.serialize_field("message_zh", &words(Lang::Zh, false))?;
        st.serialize_field("message_en", &words(Lang::En, false))?;
        st.serialize_field("suggestion_zh", &fix.then(|| words(Lang::Zh, true)))?;
        st.serialize_field("suggestion_en", &fix.then(|| words(Lang::En, true)))?;
        st.end()
    }
}

/// The whole answer for one plan.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    pub verdict: Verdict,
    pub errors: Vec<PlanError>,
    pub checks: Vec<Check>,
    pub priority_order: Vec<usize>,
}

impl Report {
    /// The report for a plan that could not be read.
    pub fn invalid(errors: Vec<PlanError>) -> Report {
        Report {
            verdict: Verdict::Invalid,
            errors,
            checks: Vec::new(),
            priority_order: Vec::new(),
        }
    }

    /// The report for a valid plan, its verdict decided by the checks: `ineligible` if anyone is
    /// not eligible, else `does_not_meet` if any check fails, else `meets` (`note` and
    /// `not_applicable` never fail a plan).
    pub fn from_checks(checks: Vec<Check>) -> Report {
        let verdict = if checks.iter().any(|c| c.status == Status::NotEligible) {
            Verdict::Ineligible
        } else if checks.iter().any(|c| c.status == Status::Fails) {
            Verdict::DoesNotMeet
        } else {
            Verdict::Meets
        };
        Report {
            verdict,
            errors: Vec::new(),
            checks,
            priority_order: Vec::new(),
        }
    }
}
