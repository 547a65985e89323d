//! The budget envelope of the provincial union's cost standard: for a destination and a number of
//! days, the most one person's trip may cost and which cap binds (the per-day cap times the days,
//! or the per-person cap). The budget chart plots it; the cost checks use it for suggestions.

use super::plan::Destination;
use crate::data::{limit, Limit, LimitId};
use serde::Serialize;

/// Which cap sets the most a person may cost.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Cap {
    /// The per-day cap times the days is lower.
    PerDay,
    /// The per-person cap is lower.
    PerPerson,
    /// Both give the same amount.
    Both,
}

/// The most one person may cost for `days` days.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Budget {
    pub days: u32,
    /// Per-day cap in fen.
    pub per_day_fen: i64,
    /// Per-person cap in fen.
    pub per_person_fen: i64,
    /// `min(per_day × days, per_person)` in fen.
    pub max_fen: i64,
    pub binding: Cap,
}

/// The caps for a destination, in fen: (per person, per day).
pub fn caps_fen(destination: Destination) -> (i64, i64) {
    let (person, day) = match destination {
        Destination::InProvince => (LimitId::InPerPerson, LimitId::InPerDay),
        Destination::OutOfProvince => (LimitId::OutPerPerson, LimitId::OutPerDay),
    };
    (cap_fen(limit(person)), cap_fen(limit(day)))
}

/// A cost cap's row in fen.
pub(crate) fn cap_fen(l: &Limit) -> i64 {
    l.numerator * super::plan::FEN / l.denominator
}

/// The most one person may cost on a trip of `days` days (arrival and return days included).
///
/// ```
/// use sx_explainer::rules::{budget, Cap, Destination};
/// let b = budget(Destination::InProvince, 5);
/// assert_eq!((b.max_fen, b.binding), (450_000, Cap::PerDay)); // 900 × 5 binds before 5,000
/// let b = budget(Destination::InProvince, 7);
/// assert_eq!((b.max_fen, b.binding), (500_000, Cap::PerPerson));
/// assert_eq!(budget(Destination::OutOfProvince, 6).binding, Cap::Both);
/// ```
pub fn budget(destination: Destination, days: u32) -> Budget {
    let (per_person_fen, per_day_fen) = caps_fen(destination);
    let by_day = per_day_fen.saturating_mul(i64::from(days));
    let binding = match by_day.cmp(&per_person_fen) {
        std::cmp::Ordering::Less => Cap::PerDay,
        std::cmp::Ordering::Greater => Cap::PerPerson,
        std::cmp::Ordering::Equal => Cap::Both,
    };
    Budget {
        days,
        per_day_fen,
        per_person_fen,
        max_fen: by_day.min(per_person_fen),
        binding,
    }
}
