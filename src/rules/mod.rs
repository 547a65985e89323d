//! The rest-trip rule engine: checks a reader's hypothetical plan against the provincial trade
//! union's rules on model workers' rest trips, explains every verdict in Chinese and English, and
//! says concretely what would pass. Pure Rust with no browser types; thresholds come only from
//! [`crate::data::limits`].
//!
//! Entry points: [`check_json`] (a plan as JSON text, the shape of the JS API and the share URL)
//! and [`check_value`]. Neither panics on any input: bad input is a report with verdict `invalid`.

mod budget;
mod plan;
mod report;

pub use budget::{budget, caps_fen, Budget, Cap};
pub use plan::{Batch, Destination, Plan, PlanError};
pub use report::{Check, Report, RuleId, Status, Verdict};

use crate::data::{limit, LimitId};

/// Checks a plan given as JSON text.
///
/// Bad JSON, a wrong type, a value out of range or a date that does not exist give a report with
/// verdict `invalid` and one error per field; nothing panics.
///
/// ```
/// use sx_explainer::rules::{check_json, Verdict};
/// let ok = r#"{"organizer":"provincial_union","batches":[{"participants":100,"start":"2024-05-06",
///   "end":"2024-05-12","cost_per_person":4500,"destination":"in_province","venue":"national_base",
///   "cross_province_activities":false,"lodging_changes":0}]}"#;
/// assert_eq!(check_json(ok).verdict, Verdict::Meets);
/// let big = ok.replace("\"participants\":100", "\"participants\":101");
/// assert_eq!(check_json(&big).verdict, Verdict::DoesNotMeet);
/// ```
pub fn check_json(json: &str) -> Report {
    match serde_json::from_str::<serde_json::Value>(json) {
        Ok(v) => check_value(&v),
        Err(e) => Report::invalid(vec![PlanError::bad_json(&e.to_string())]),
    }
}

/// Checks a plan given as a parsed JSON value.
pub fn check_value(value: &serde_json::Value) -> Report {
    match Plan::from_value(value) {
        Ok(plan) => check(&plan),
        Err(errors) => Report::invalid(errors),
    }
}

/// Checks a valid plan.
pub fn check(plan: &Plan) -> Report {
    let mut checks = Vec::new();
    for (i, batch) in plan.batches.iter().enumerate() {
        checks.push(batch_size(i, batch));
    }
    Report::from_checks(checks)
}

/// `batch_size`: 每批一般不超过100人.
fn batch_size(index: usize, batch: &Batch) -> Check {
    let l = limit(LimitId::BatchSize);
    let max = l.numerator / l.denominator;
    let n = i64::from(batch.participants);
    let mut c = Check::from_limit(RuleId::BatchSize, Some(index), l, n, max);
    if n <= max {
        c.message_zh = format!("第{}批{}人，不超过一般上限{}人（余{}人）。", index + 1, n, max, max - n);
        c.message_en = format!("Batch {} has {} people, within the general limit of {} ({} to spare).", index + 1, n, max, max - n);
    } else {
        let parts = (n + max - 1) / max;
        let sizes = split_sizes(n, parts);
        c.status = Status::Fails;
        c.message_zh = format!("第{}批{}人，超过一般上限{}人{}人。", index + 1, n, max, n - max);
        c.message_en = format!("Batch {} has {} people, {} over the general limit of {}.", index + 1, n, n - max, max);
        c.suggestion_zh = Some(format!("分成{}批：{}人。", parts, sizes.join("/")));
        c.suggestion_en = Some(format!("Split into {} batches of {}.", parts, sizes.join("/")));
    }
    c
}

/// Splits `n` people into `parts` batches as evenly as possible, larger batches first (230 in 3
/// gives 77/77/76).
fn split_sizes(n: i64, parts: i64) -> Vec<String> {
    let base = n / parts;
    let extra = n % parts;
    (0..parts).map(|i| (base + i64::from(i < extra)).to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_evenly() {
        assert_eq!(split_sizes(230, 3), ["77", "77", "76"]);
        assert_eq!(split_sizes(200, 2), ["100", "100"]);
    }
}
