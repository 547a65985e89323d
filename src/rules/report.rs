//! The report the engine returns: a verdict, input errors per field, and one check per rule with
//! the figures behind it, the strength of the wording, the source and what would pass.

use super::plan::PlanError;
use crate::data::{Limit, Source, Strength, Unit};
use serde::Serialize;

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
#[derive(Clone, Debug, PartialEq, Serialize)]
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
    pub message_zh: String,
    pub message_en: String,
    pub suggestion_zh: Option<String>,
    pub suggestion_en: Option<String>,
}

impl Check {
    /// A check built from a limit row, with status `ok`; callers set the status and the words.
    pub fn from_limit(rule: RuleId, batch: Option<usize>, l: &Limit, observed: i64, max: i64) -> Check {
        Check::of(rule, batch, l).figures(observed as f64, max as f64, (max - observed) as f64)
    }

    /// A check of `rule` from the limit row `l` (its strength and source), status `ok`, no
    /// figures yet.
    pub(crate) fn of(rule: RuleId, batch: Option<usize>, l: &Limit) -> Check {
        Check {
            rule,
            batch,
            person: None,
            status: Status::Ok,
            observed: None,
            limit: None,
            unit: None,
            margin: None,
            strength: l.strength,
            source: l.source,
            message_zh: String::new(),
            message_en: String::new(),
            suggestion_zh: None,
            suggestion_en: None,
        }
        .unit(l.unit)
    }

    fn unit(mut self, unit: Unit) -> Check {
        self.unit = Some(unit);
        self
    }

    /// Sets what the plan has, the limit, and the margin (negative when the rule is broken).
    pub(crate) fn figures(mut self, observed: f64, limit: f64, margin: f64) -> Check {
        self.observed = Some(observed);
        self.limit = Some(limit);
        self.margin = Some(margin);
        self
    }

    /// A check without figures (venue, eligibility): no unit either.
    pub(crate) fn no_figures(mut self) -> Check {
        self.unit = None;
        self
    }

    /// Sets the status and the message.
    pub(crate) fn say(mut self, status: Status, zh: String, en: String) -> Check {
        self.status = status;
        self.message_zh = zh;
        self.message_en = en;
        self
    }

    /// Sets what would pass.
    pub(crate) fn suggest(mut self, zh: String, en: String) -> Check {
        self.suggestion_zh = Some(zh);
        self.suggestion_en = Some(en);
        self
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
        Report { verdict: Verdict::Invalid, errors, checks: Vec::new(), priority_order: Vec::new() }
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
        Report { verdict, errors: Vec::new(), checks, priority_order: Vec::new() }
    }
}
