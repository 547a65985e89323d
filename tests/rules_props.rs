//! Property tests of the rule engine's invariants (native only):
//! - more people, more days or more money never turns a failing check into `ok` (with one honest
//!   exception: more days at the same total cost lowers the daily average, so `cost_per_day` may
//!   pass; at the same or a higher daily spend it may not);
//! - no input, however malformed, panics: every JSON value and every string gives a report, and
//!   the report is `invalid` exactly when it has errors;
//! - a valid plan survives the trip to JSON and back (the share URL).
#![cfg(not(target_arch = "wasm32"))]

use jiff::civil::{date, Date};
use jiff::Span;
use proptest::prelude::*;
use serde_json::Value;
use sx_explainer::format::Lang;
use sx_explainer::rules::{
    check, check_json, check_value, example_plan_json, Batch, Destination, Honor, Organizer,
    Person, Plan, Report, RuleId, Status, TechnicalYear, Title, Venue, Verdict,
};

fn day(year: i16, offset: i64) -> Date {
    date(year, 1, 1)
        .checked_add(Span::new().days(offset))
        .unwrap_or(date(year, 1, 1))
}

fn batch() -> impl Strategy<Value = Batch> {
    (
        1u32..=250,
        2020i16..=2026,
        0i64..=364,
        0i64..=11,
        0i64..=1_500_000,
        any::<bool>(),
        0usize..4,
        any::<bool>(),
        0u32..3,
    )
        .prop_map(
            |(participants, year, offset, extra, cost_fen, out, venue, cross, lodging)| {
                let start = day(year, offset);
                Batch {
                    participants,
                    start,
                    end: start.checked_add(Span::new().days(extra)).unwrap_or(start),
                    cost_fen,
                    destination: if out {
                        Destination::OutOfProvince
                    } else {
                        Destination::InProvince
                    },
                    venue: [
                        Venue::NationalBase,
                        Venue::ProvincialBase,
                        Venue::UnionSanatorium,
                        Venue::Other,
                    ][venue],
                    cross_province_activities: cross,
                    lodging_changes: lodging,
                }
            },
        )
}

fn person() -> impl Strategy<Value = Person> {
    (0usize..5, 0usize..4, 16u8..=120, any::<[bool; 4]>()).prop_map(|(h, t, age, f)| Person {
        honor: [
            Honor::National,
            Honor::Provincial,
            Honor::City,
            Honor::County,
            Honor::None,
        ][h],
        title: [
            Title::ModelWorker,
            Title::AdvancedWorker,
            Title::Treatment,
            Title::MayDayMedal,
        ][t],
        age,
        frontline: f[0],
        high_intensity: f[1],
        hard_environment: f[2],
        key_role: f[3],
    })
}

fn plan() -> impl Strategy<Value = Plan> {
    (
        any::<bool>(),
        proptest::option::of(0u32..=2_000),
        proptest::collection::vec(batch(), 1..5),
        proptest::collection::vec(person(), 0..5),
        proptest::collection::btree_map(2015i16..=2030, 0u32..=500, 0..5),
    )
        .prop_map(|(other, workers, batches, people, years)| Plan {
            organizer: if other {
                Organizer::Other
            } else {
                Organizer::ProvincialUnion
            },
            model_workers_under_65: workers,
            batches,
            people,
            technical_worker_trips: years
                .into_iter()
                .map(|(year, participants)| TechnicalYear { year, participants })
                .collect(),
        })
}

fn bad(s: Status) -> bool {
    matches!(s, Status::Fails | Status::NotEligible)
}

fn rank(v: Verdict) -> u8 {
    match v {
        Verdict::Meets => 0,
        Verdict::DoesNotMeet => 1,
        Verdict::Ineligible => 2,
        Verdict::Invalid => 3,
    }
}

/// Every check that failed before still fails (or is at least not `ok`) after, check by check
/// (the changes below keep the list's shape), except the rules in `skip`.
fn never_better(before: &Report, after: &Report, skip: &[RuleId]) -> Result<(), TestCaseError> {
    prop_assert_ne!(before.verdict, Verdict::Invalid);
    prop_assert_ne!(after.verdict, Verdict::Invalid);
    prop_assert_eq!(before.checks.len(), after.checks.len());
    for (b, a) in before.checks.iter().zip(&after.checks) {
        prop_assert_eq!((b.rule, b.batch, b.person), (a.rule, a.batch, a.person));
        if bad(b.status) && !skip.contains(&b.rule) {
            prop_assert!(
                a.status != Status::Ok,
                "{:?} turned ok: {} -> {}",
                b.rule,
                b.message(Lang::En),
                a.message(Lang::En)
            );
        }
    }
    if skip.is_empty() {
        prop_assert!(rank(after.verdict) >= rank(before.verdict));
    }
    Ok(())
}

fn arbitrary_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        (-2_000_000.0f64..2_000_000.0).prop_map(Value::from),
        "[a-z_0-9\\-\\.]{0,12}".prop_map(Value::String),
        prop_oneof![
            Just("2024-02-29"),
            Just("2023-02-29"),
            Just("2024-05-06"),
            Just("provincial_union"),
            Just("in_province"),
            Just("national_base"),
            Just("city")
        ]
        .prop_map(|s| Value::String(s.to_string())),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        let keys = prop_oneof![
            Just("organizer".to_string()),
            Just("batches".to_string()),
            Just("people".to_string()),
            Just("participants".to_string()),
            Just("start".to_string()),
            Just("end".to_string()),
            Just("cost_per_person".to_string()),
            Just("technical_worker_trips".to_string()),
            Just("year".to_string()),
            "[a-z_]{1,8}",
        ];
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::btree_map(keys, inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn well_formed(r: &Report) -> Result<(), TestCaseError> {
    prop_assert_eq!(r.verdict == Verdict::Invalid, !r.errors.is_empty());
    prop_assert!(serde_json::to_string(r).is_ok());
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn more_participants_never_help(p in plan(), which in 0usize..5, more in 1u32..300) {
        let before = check(&p);
        let mut q = p.clone();
        let i = which % q.batches.len();
        q.batches[i].participants += more;
        never_better(&before, &check(&q), &[])?;
    }

    #[test]
    fn more_cost_never_helps(p in plan(), which in 0usize..5, more in 1i64..500_000) {
        let before = check(&p);
        let mut q = p.clone();
        let i = which % q.batches.len();
        q.batches[i].cost_fen += more;
        never_better(&before, &check(&q), &[])?;
    }

    #[test]
    fn more_days_never_help_except_the_daily_average(p in plan(), which in 0usize..5, more in 1i64..20) {
        let before = check(&p);
        let mut q = p.clone();
        let i = which % q.batches.len();
        let b = &mut q.batches[i];
        b.end = b.end.checked_add(Span::new().days(more)).unwrap_or(b.end);
        never_better(&before, &check(&q), &[RuleId::CostPerDay])?;
    }

    #[test]
    fn more_days_at_the_same_daily_spend_never_help(p in plan(), which in 0usize..5, more in 1i64..20) {
        let before = check(&p);
        let mut q = p.clone();
        let i = which % q.batches.len();
        let b = &mut q.batches[i];
        let days = b.start.until(b.end).map(|s| i64::from(s.get_days())).unwrap_or(0) + 1;
        b.end = b.end.checked_add(Span::new().days(more)).unwrap_or(b.end);
        // Keep the daily average at least as high: cost × (days + more) / days, rounded up.
        b.cost_fen = (b.cost_fen * (days + more) + days - 1) / days;
        never_better(&before, &check(&q), &[])?;
    }

    #[test]
    fn more_people_on_the_roster_never_help(p in plan(), extra in person()) {
        let before = check(&p);
        let mut q = p.clone();
        q.people.push(extra);
        let after = check(&q);
        let new = Some(p.people.len());
        let kept: Vec<_> = after.checks.iter().filter(|c| c.person != new).cloned().collect();
        prop_assert_eq!(&kept, &before.checks);
        prop_assert!(rank(after.verdict) >= rank(before.verdict));
    }

    #[test]
    fn valid_plans_round_trip_through_json(p in plan()) {
        let json = serde_json::to_string(&p).expect("serialises");
        let back: Plan = serde_json::from_str(&json).expect("reads back");
        prop_assert_eq!(&back, &p);
        let r = check(&p);
        well_formed(&r)?;
        prop_assert_eq!(r.priority_order.len(), p.people.len());
    }

    #[test]
    fn arbitrary_json_values_give_a_report(v in arbitrary_json()) {
        well_formed(&check_value(&v))?;
    }

    #[test]
    fn arbitrary_text_gives_a_report(s in "\\PC{0,200}") {
        well_formed(&check_json(&s))?;
    }

    #[test]
    fn any_field_of_a_good_plan_replaced_by_junk_gives_a_report(
        v in arbitrary_json(),
        path in prop_oneof![
            Just("/organizer"), Just("/model_workers_under_65"), Just("/batches"), Just("/batches/0"),
            Just("/batches/0/participants"), Just("/batches/0/start"), Just("/batches/1/end"),
            Just("/batches/1/cost_per_person"), Just("/batches/0/destination"), Just("/batches/0/venue"),
            Just("/batches/1/cross_province_activities"), Just("/batches/1/lodging_changes"),
            Just("/people"), Just("/people/2"), Just("/people/0/honor"), Just("/people/1/age"),
            Just("/people/3/key_role"), Just("/technical_worker_trips"), Just("/technical_worker_trips/0/year"),
            Just("/technical_worker_trips/1/participants"),
        ],
    ) {
        let mut plan: Value = serde_json::from_str(&example_plan_json()).expect("example is JSON");
        if let Some(slot) = plan.pointer_mut(path) {
            *slot = v;
        }
        well_formed(&check_value(&plan))?;
        well_formed(&check_json(&plan.to_string()))?;
    }

    #[test]
    fn truncated_plan_text_gives_a_report(cut in 0usize..600) {
        let text = example_plan_json();
        let cut = cut.min(text.len());
        if let Some(prefix) = text.get(..cut) {
            well_formed(&check_json(prefix))?;
        }
    }
}
