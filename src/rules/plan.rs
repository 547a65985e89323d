//! The plan a reader builds, read field by field from JSON so that every wrong field gets its own
//! message in Chinese and English.

use serde::Serialize;
use serde_json::Value;

/// An input problem, shown next to its field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PlanError {
    /// The field's path: `batches[0].end`, `model_workers_under_65`, or `` for the whole plan.
    pub field: String,
    pub message_zh: String,
    pub message_en: String,
}

impl PlanError {
    fn new(field: impl Into<String>, zh: impl Into<String>, en: impl Into<String>) -> PlanError {
        PlanError { field: field.into(), message_zh: zh.into(), message_en: en.into() }
    }

    /// The error for text that is not JSON at all.
    pub fn bad_json(detail: &str) -> PlanError {
        PlanError::new("", format!("方案不是有效的JSON：{detail}"), format!("The plan is not valid JSON: {detail}"))
    }
}

/// Where a batch goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Destination {
    InProvince,
    OutOfProvince,
}

/// One batch of a plan.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Batch {
    pub participants: u32,
}

/// A valid plan.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Plan {
    pub batches: Vec<Batch>,
}

impl Plan {
    /// Reads a plan, collecting one error per wrong field.
    ///
    /// # Errors
    /// Every field that is missing, of the wrong type or out of range, as a [`PlanError`].
    pub fn from_value(v: &Value) -> Result<Plan, Vec<PlanError>> {
        let mut errors = Vec::new();
        let mut batches = Vec::new();
        match v.get("batches").and_then(Value::as_array) {
            Some(list) if !list.is_empty() => {
                for (i, b) in list.iter().enumerate() {
                    let field = format!("batches[{i}].participants");
                    match b.get("participants").and_then(Value::as_u64) {
                        Some(n @ 1..=100_000) => batches.push(Batch { participants: n as u32 }),
                        _ => errors.push(PlanError::new(
                            field,
                            "人数须为1到100000之间的整数。",
                            "Participants must be a whole number from 1 to 100,000.",
                        )),
                    }
                }
            }
            _ => errors.push(PlanError::new("batches", "方案至少要有一批。", "A plan needs at least one batch.")),
        }
        if errors.is_empty() {
            Ok(Plan { batches })
        } else {
            Err(errors)
        }
    }
}
