//! The rest-trip rule engine, one named case per rule and boundary. Each case names the paragraph
//! of 《省总工会印发〈实施意见〉 进一步加强和规范劳模疗休养工作》 it implements (paragraph 1 is
//! the 本报讯 paragraph).

use serde::Serialize;
use serde_json::{json, Value};
use sx_explainer::data::Strength;
use sx_explainer::format::Lang;
use sx_explainer::rules::{
    check, check_json, check_value, eligibility, example_plan, example_plan_json, Check, Honor,
    Person, Plan, Report, RuleId, Status, Title, Verdict,
};

/// One batch of 80 in the province, 7 days, ¥4,500, at a national base: meets every rule.
fn base() -> Value {
    json!({
        "organizer": "provincial_union",
        "batches": [{
            "participants": 80, "start": "2024-05-06", "end": "2024-05-12",
            "cost_per_person": 4500, "destination": "in_province", "venue": "national_base",
            "cross_province_activities": false, "lodging_changes": 0
        }]
    })
}

/// `base()` with `batches[0].key = value`.
fn with_batch(key: &str, value: Value) -> Value {
    let mut v = base();
    v["batches"][0][key] = value;
    v
}

fn find(r: &Report, rule: RuleId) -> &Check {
    r.checks
        .iter()
        .find(|c| c.rule == rule)
        .unwrap_or_else(|| panic!("no {rule:?} in {r:#?}"))
}

fn status(v: &Value, rule: RuleId) -> Status {
    find(&check_value(v), rule).status
}

fn fields(v: &Value) -> Vec<String> {
    let r = check_value(v);
    assert_eq!(r.verdict, Verdict::Invalid, "{r:#?}");
    r.errors.into_iter().map(|e| e.field()).collect()
}

// --- batch_size: paragraph 3, "每批一般不超过100人" ---

#[test]
fn batch_of_exactly_100_meets() {
    let r = check_value(&with_batch("participants", json!(100)));
    let c = find(&r, RuleId::BatchSize);
    assert_eq!(
        (c.status, c.observed, c.limit, c.margin),
        (Status::Ok, Some(100.0), Some(100.0), Some(0.0))
    );
    assert_eq!(c.strength, Strength::Generally);
    assert_eq!(c.source.paragraph, 3);
    assert_eq!(r.verdict, Verdict::Meets);
}

#[test]
fn batch_of_101_does_not_meet_and_splits() {
    let r = check_value(&with_batch("participants", json!(101)));
    let c = find(&r, RuleId::BatchSize);
    assert_eq!((c.status, c.margin), (Status::Fails, Some(-1.0)));
    assert_eq!(
        c.suggestion(Lang::En).as_deref(),
        Some("Split it into 2 batches of 51/50.")
    );
    assert_eq!(r.verdict, Verdict::DoesNotMeet);
}

#[test]
fn batch_of_230_splits_77_77_76() {
    let c = check_value(&with_batch("participants", json!(230)))
        .checks
        .remove(0);
    assert_eq!(
        c.suggestion(Lang::Zh).as_deref(),
        Some("分成3批，每批77/77/76人。")
    );
    assert!(
        c.message(Lang::Zh).contains("230人"),
        "{}",
        c.message(Lang::Zh)
    );
    assert!(
        c.message(Lang::En)
            .contains("130 over \"each batch generally no more than 100 people\""),
        "{}",
        c.message(Lang::En)
    );
}

// --- duration: paragraph 3, "每批疗休养一般不超过7天（含报到日和返程日）" ---

fn dates(start: &str, end: &str) -> Value {
    let mut v = base();
    v["batches"][0]["start"] = json!(start);
    v["batches"][0]["end"] = json!(end);
    v
}

#[test]
fn seven_days_across_a_month_end_meets() {
    let r = check_value(&dates("2024-04-28", "2024-05-04"));
    let c = find(&r, RuleId::Duration);
    assert_eq!((c.status, c.observed), (Status::Ok, Some(7.0)), "{c:#?}");
}

#[test]
fn seven_days_across_the_leap_day_meets() {
    // 26, 27, 28, 29 February and 1, 2, 3 March 2024.
    let c = check_value(&dates("2024-02-26", "2024-03-03"))
        .checks
        .remove(1);
    assert_eq!(
        (c.rule, c.status, c.observed),
        (RuleId::Duration, Status::Ok, Some(7.0))
    );
    // The same dates in 2023 (no 29 February) make 6 days.
    let c = check_value(&dates("2023-02-26", "2023-03-03"))
        .checks
        .remove(1);
    assert_eq!(c.observed, Some(6.0));
}

#[test]
fn eight_days_does_not_meet_and_says_when_to_end() {
    let r = check_value(&dates("2024-05-06", "2024-05-13"));
    let c = find(&r, RuleId::Duration);
    assert_eq!(
        (c.status, c.observed, c.margin),
        (Status::Fails, Some(8.0), Some(-1.0))
    );
    assert_eq!(
        c.suggestion(Lang::En).as_deref(),
        Some("End by 12 May 2024 (7 days counting the arrival day).")
    );
    assert_eq!(
        c.suggestion(Lang::Zh).as_deref(),
        Some("在2024年5月12日或之前结束（从报到日算起共7天）。")
    );
}

#[test]
fn one_day_trip_counts_one_day() {
    let c = check_value(&dates("2024-05-06", "2024-05-06"))
        .checks
        .remove(1);
    assert_eq!(c.observed, Some(1.0));
}

// --- cost_per_day and cost_per_person: paragraph 5, the provincial union's cost standard ---

#[test]
fn exactly_900_a_day_meets() {
    let v = dates("2024-05-06", "2024-05-10"); // 5 days, ¥4,500
    let c = find(&check_value(&v), RuleId::CostPerDay).clone();
    assert_eq!(
        (c.status, c.observed, c.limit, c.margin),
        (Status::Ok, Some(900.0), Some(900.0), Some(0.0))
    );
    assert_eq!(c.strength, Strength::Generally);
    assert_eq!(c.source.paragraph, 5);
}

#[test]
fn one_fen_over_900_a_day_does_not_meet() {
    let mut v = dates("2024-05-06", "2024-05-10");
    v["batches"][0]["cost_per_person"] = json!(4500.01);
    let r = check_value(&v);
    let c = find(&r, RuleId::CostPerDay);
    // ¥4,500.01 ÷ 5 = ¥900.002, shown rounded up to the fen.
    assert_eq!(
        (c.status, c.observed, c.margin),
        (Status::Fails, Some(900.01), Some(-0.01))
    );
    assert_eq!(
        c.suggestion(Lang::En).as_deref(),
        Some(
            "At most ¥4,500 per person for this batch (¥900 × 5 days, which binds before ¥5,000)."
        )
    );
    assert_eq!(find(&r, RuleId::CostPerPerson).status, Status::Ok);
    assert_eq!(r.verdict, Verdict::DoesNotMeet);
}

#[test]
fn exactly_5000_per_person_in_province_meets_and_one_fen_over_fails() {
    let v = with_batch("cost_per_person", json!(5000));
    assert_eq!(status(&v, RuleId::CostPerPerson), Status::Ok);
    let v = with_batch("cost_per_person", json!(5000.01));
    let r = check_value(&v);
    let c = find(&r, RuleId::CostPerPerson);
    assert_eq!((c.status, c.margin), (Status::Fails, Some(-0.01)));
    // 7 days: ¥900 × 7 = ¥6,300, so the per-person cap binds.
    assert_eq!(
        c.suggestion(Lang::En).as_deref(),
        Some("At most ¥5,000 per person for this batch (the per-person cap, which binds before ¥900 × 7 days = ¥6,300).")
    );
}

#[test]
fn exactly_6000_out_of_province_in_6_days_meets_both_caps() {
    let mut v = dates("2024-09-09", "2024-09-14");
    v["batches"][0]["destination"] = json!("out_of_province");
    v["batches"][0]["cost_per_person"] = json!(6000);
    let r = check_value(&v);
    assert_eq!(find(&r, RuleId::CostPerPerson).limit, Some(6000.0));
    assert_eq!(find(&r, RuleId::CostPerDay).limit, Some(1000.0));
    assert_eq!(r.verdict, Verdict::Meets, "{r:#?}");
    v["batches"][0]["cost_per_person"] = json!(6000.01);
    let r = check_value(&v);
    assert_eq!(find(&r, RuleId::CostPerPerson).status, Status::Fails);
    assert_eq!(find(&r, RuleId::CostPerDay).status, Status::Fails);
    assert!(find(&r, RuleId::CostPerDay)
        .suggestion(Lang::En)
        .as_deref()
        .unwrap_or("")
        .contains("the same as the per-person cap"));
}

#[test]
fn cost_is_not_applicable_when_organizer_is_other() {
    let mut v = with_batch("cost_per_person", json!(99999));
    v["organizer"] = json!("other");
    let r = check_value(&v);
    for rule in [RuleId::CostPerPerson, RuleId::CostPerDay] {
        let c = find(&r, rule);
        assert_eq!((c.status, c.observed), (Status::NotApplicable, None));
        assert!(
            c.message(Lang::En)
                .contains("Shanxi Federation of Trade Unions organises"),
            "{}",
            c.message(Lang::En)
        );
        assert!(
            c.message(Lang::Zh).contains("省总工会组织"),
            "{}",
            c.message(Lang::Zh)
        );
    }
    assert_eq!(r.verdict, Verdict::Meets);
}

// --- annual_scale: paragraph 3, "每年疗休养总规模原则上不超过65岁以下劳模总数的五分之一" ---

fn two_batches(a: u32, b: u32, workers: Value) -> Value {
    let mut v = base();
    let second = v["batches"][0].clone();
    if let Some(l) = v["batches"].as_array_mut() {
        l.push(second);
    }
    v["batches"][0]["participants"] = json!(a);
    v["batches"][1]["participants"] = json!(b);
    v["batches"][1]["start"] = json!("2024-09-09");
    v["batches"][1]["end"] = json!("2024-09-15");
    v["model_workers_under_65"] = workers;
    v
}

#[test]
fn yearly_total_of_exactly_one_fifth_meets() {
    let r = check_value(&two_batches(100, 100, json!(1000)));
    let c = find(&r, RuleId::AnnualScale);
    assert_eq!(
        (c.status, c.observed, c.limit, c.margin, c.batch),
        (Status::Ok, Some(200.0), Some(200.0), Some(0.0), None)
    );
    assert_eq!(c.strength, Strength::InPrinciple);
}

#[test]
fn yearly_total_one_over_one_fifth_does_not_meet() {
    let r = check_value(&two_batches(100, 100, json!(999)));
    let c = find(&r, RuleId::AnnualScale);
    assert_eq!(
        (c.status, c.limit, c.margin),
        (Status::Fails, Some(199.0), Some(-1.0))
    );
    let r = check_value(&two_batches(100, 100, json!(1004)));
    assert_eq!(find(&r, RuleId::AnnualScale).status, Status::Ok);
}

#[test]
fn yearly_suggestion_says_at_most_200_of_1003() {
    let r = check_value(&two_batches(100, 100, json!(1003)));
    assert_eq!(find(&r, RuleId::AnnualScale).status, Status::Ok);
    let r = check_value(&two_batches(100, 130, json!(1003)));
    let c = find(&r, RuleId::AnnualScale);
    assert_eq!(
        c.suggestion(Lang::En).as_deref(),
        Some("The 2024 total may be at most 200 person-trips (one fifth of 1,003): take 30 fewer, or move a batch to another year.")
    );
}

#[test]
fn yearly_rule_groups_by_the_start_year() {
    // 150 in 2024 (the second batch starts 30 December and ends in 2025) and 150 in 2025.
    let mut v = two_batches(100, 50, json!(750));
    v["batches"][1]["start"] = json!("2024-12-30");
    v["batches"][1]["end"] = json!("2025-01-05");
    let third = v["batches"][0].clone();
    if let Some(l) = v["batches"].as_array_mut() {
        l.push(third);
    }
    v["batches"][2]["participants"] = json!(150);
    v["batches"][2]["start"] = json!("2025-03-01");
    v["batches"][2]["end"] = json!("2025-03-07");
    let r = check_value(&v);
    let years: Vec<_> = r
        .checks
        .iter()
        .filter(|c| c.rule == RuleId::AnnualScale)
        .map(|c| (c.observed, c.status))
        .collect();
    assert_eq!(
        years,
        [(Some(150.0), Status::Ok), (Some(150.0), Status::Ok)]
    );
}

#[test]
fn yearly_rule_is_not_applicable_without_the_number_of_workers() {
    assert_eq!(
        status(&two_batches(100, 100, Value::Null), RuleId::AnnualScale),
        Status::NotApplicable
    );
}

// --- venue, cross_province, lodging: paragraph 3 ---

#[test]
fn venue_national_or_provincial_base_meets() {
    assert_eq!(
        status(
            &with_batch("venue", json!("provincial_base")),
            RuleId::Venue
        ),
        Status::Ok
    );
}

#[test]
fn union_sanatorium_is_a_note_not_a_failure() {
    let r = check_value(&with_batch("venue", json!("union_sanatorium")));
    let c = find(&r, RuleId::Venue);
    assert_eq!(
        (c.status, c.strength),
        (Status::Note, Strength::InPrinciple)
    );
    assert!(c.suggestion(Lang::En).is_some());
    assert_eq!(r.verdict, Verdict::Meets);
}

#[test]
fn venue_outside_the_union_system_does_not_meet() {
    let r = check_value(&with_batch("venue", json!("other")));
    assert_eq!(find(&r, RuleId::Venue).status, Status::Fails);
    assert_eq!(r.verdict, Verdict::DoesNotMeet);
}

#[test]
fn activities_in_another_province_do_not_meet() {
    let r = check_value(&with_batch("cross_province_activities", json!(true)));
    let c = find(&r, RuleId::CrossProvince);
    assert_eq!(
        (c.status, c.strength, c.margin),
        (Status::Fails, Strength::InPrinciple, Some(-1.0))
    );
}

#[test]
fn lodging_must_stay_the_same() {
    assert_eq!(status(&base(), RuleId::Lodging), Status::Ok);
    let r = check_value(&with_batch("lodging_changes", json!(1)));
    let c = find(&r, RuleId::Lodging);
    assert_eq!(
        (c.status, c.observed, c.margin),
        (Status::Fails, Some(1.0), Some(-1.0))
    );
}

// --- eligibility and priority: paragraph 2 ---

fn person(honor: Honor, title: Title, age: u8) -> Person {
    Person {
        honor,
        title,
        age,
        frontline: false,
        high_intensity: false,
        hard_environment: false,
        key_role: false,
    }
}

#[test]
fn city_level_and_above_are_eligible_for_every_title() {
    for honor in [Honor::City, Honor::Provincial, Honor::National] {
        for title in [
            Title::ModelWorker,
            Title::AdvancedWorker,
            Title::Treatment,
            Title::MayDayMedal,
        ] {
            let c = eligibility(&person(honor, title, 50));
            assert_eq!(
                (c.status, c.strength, c.source.paragraph),
                (Status::Ok, Strength::Hard, 2)
            );
        }
    }
}

#[test]
fn county_or_no_honor_is_not_eligible_even_with_the_may_day_medal() {
    for honor in [Honor::County, Honor::None] {
        for title in [Title::ModelWorker, Title::MayDayMedal] {
            let c = eligibility(&person(honor, title, 50));
            assert_eq!(c.status, Status::NotEligible);
            assert!(c.suggestion(Lang::Zh).is_some());
        }
    }
}

#[test]
fn an_ineligible_person_makes_the_plan_ineligible() {
    let mut v = with_batch("participants", json!(101)); // also fails batch_size
    v["people"] = json!([
        { "honor": "city", "title": "model_worker", "age": 58 },
        { "honor": "county", "title": "advanced_worker", "age": 40 }
    ]);
    let r = check_value(&v);
    assert_eq!(r.verdict, Verdict::Ineligible);
    let e: Vec<_> = r
        .checks
        .iter()
        .filter(|c| c.rule == RuleId::Eligibility)
        .map(|c| (c.person, c.status))
        .collect();
    assert_eq!(e, [(Some(0), Status::Ok), (Some(1), Status::NotEligible)]);
}

#[test]
fn priority_eligible_then_named_groups_then_older_then_roster_order() {
    // Paragraph 2: "面向基层一线，优先安排劳动强度高、工作环境艰苦、发挥骨干作用的和符合条件的年龄
    // 较大的劳模". The front line is the whole programme's orientation, not a rank.
    let mut v = base();
    v["people"] = json!([
        { "honor": "city", "title": "model_worker", "age": 50 },
        { "honor": "city", "title": "model_worker", "age": 50, "frontline": true, "key_role": true },
        { "honor": "city", "title": "model_worker", "age": 60, "high_intensity": true },
        { "honor": "city", "title": "model_worker", "age": 55, "hard_environment": true, "key_role": true },
        { "honor": "city", "title": "model_worker", "age": 60, "frontline": true },
        { "honor": "county", "title": "model_worker", "age": 64, "high_intensity": true, "hard_environment": true }
    ]);
    assert_eq!(check_value(&v).priority_order, [3, 2, 1, 4, 0, 5]);
}

// --- technical_worker_trend: paragraph 1, "优秀技术工人疗休养活动实现组织人次逐年稳步提升" ---

fn trend(years: Value) -> Check {
    let mut v = base();
    v["technical_worker_trips"] = years;
    find(&check_value(&v), RuleId::TechnicalWorkerTrend).clone()
}

#[test]
fn technical_trips_rising_every_year_meet() {
    let c = trend(
        json!([{ "year": 2023, "participants": 360 }, { "year": 2022, "participants": 300 }, { "year": 2024, "participants": 361 }]),
    );
    assert_eq!(
        (c.status, c.observed, c.strength, c.source.paragraph),
        (Status::Ok, Some(1.0), Strength::Hard, 1)
    );
}

#[test]
fn technical_trips_flat_do_not_meet() {
    let c = trend(
        json!([{ "year": 2022, "participants": 300 }, { "year": 2023, "participants": 300 }]),
    );
    assert_eq!((c.status, c.margin), (Status::Fails, Some(-1.0)));
    assert_eq!(
        c.suggestion(Lang::En).as_deref(),
        Some(
            "Plan at least 301 person-trips in 2023 so that the number rises over the year before."
        )
    );
}

#[test]
fn technical_trips_falling_do_not_meet() {
    let c = trend(
        json!([{ "year": 2022, "participants": 300 }, { "year": 2023, "participants": 360 }, { "year": 2024, "participants": 340 }]),
    );
    assert_eq!((c.status, c.observed), (Status::Fails, Some(-20.0)));
    assert!(
        c.message(Lang::En)
            .contains("2024 has 340, 20 below 2023 (360)"),
        "{}",
        c.message(Lang::En)
    );
}

#[test]
fn technical_trend_needs_two_years() {
    assert_eq!(
        trend(json!([{ "year": 2022, "participants": 300 }])).status,
        Status::NotApplicable
    );
    assert_eq!(trend(Value::Null).status, Status::NotApplicable);
}

// --- verdict order and input errors ---

#[test]
fn invalid_beats_everything() {
    let mut v = with_batch("participants", json!(0));
    v["people"] = json!([{ "honor": "county", "title": "model_worker", "age": 40 }]);
    let r = check_value(&v);
    assert_eq!(r.verdict, Verdict::Invalid);
    assert!(r.checks.is_empty());
    assert_eq!(fields(&v), ["batches.0.participants"]);
}

#[test]
fn every_wrong_field_gets_its_own_error() {
    let v = json!({
        "organizer": "city_union",
        "model_workers_under_65": -1,
        "batches": [
            { "participants": "80", "start": "2023-02-29", "end": "2024-05-12", "cost_per_person": 4500.005,
              "destination": "abroad", "venue": "hotel", "cross_province_activities": "no", "lodging_changes": 0 },
            { "participants": 80, "start": "2024-05-12", "end": "2024-05-06", "cost_per_person": 4500,
              "destination": "in_province", "venue": "national_base", "unknown_key": 1 }
        ],
        "people": [{ "honor": "city", "title": "model_worker", "age": 58 }, 3,
                   { "honor": "city", "title": "model_worker", "age": 15 }],
        "technical_worker_trips": [{ "year": 1999, "participants": 1 }, { "year": 2022, "participants": 2 },
                                   { "year": 2022, "participants": 3 }]
    });
    assert_eq!(
        fields(&v),
        [
            "organizer",
            "model_workers_under_65",
            "batches.0.participants",
            "batches.0.start",
            "batches.0.cost_per_person",
            "batches.0.destination",
            "batches.0.venue",
            "batches.0.cross_province_activities",
            "batches.1.end",
            "batches.1.unknown_key",
            "people.1",
            "people.2.age",
            "technical_worker_trips.0.year",
            "technical_worker_trips.2.year",
        ]
    );
}

#[test]
fn error_messages_say_what_is_allowed_in_both_languages() {
    let r = check_value(&with_batch("start", json!("2023-02-29")));
    let e = &r.errors[0];
    assert!(
        e.message_zh.contains("2023-02-29") && e.message_zh.contains("YYYY-MM-DD"),
        "{}",
        e.message_zh
    );
    assert!(
        e.message_en.contains("real date") && e.message_en.contains("2000 to 2100"),
        "{}",
        e.message_en
    );
    let r = check_value(&with_batch("cost_per_person", json!(1.234)));
    assert!(r.errors[0].message_en.contains("at most two decimals"));
    let r = check_value(&with_batch("venue", json!("hotel")));
    for word in [
        "national_base",
        "provincial_base",
        "union_sanatorium",
        "other",
    ] {
        assert!(
            r.errors[0].message_en.contains(word),
            "{}",
            r.errors[0].message_en
        );
    }
    // A Chinese reader is told the choices in Chinese, not in JSON words.
    assert!(
        r.errors[0].message_zh.contains("全国劳模疗休养基地")
            && !r.errors[0].message_zh.contains("national_base"),
        "{}",
        r.errors[0].message_zh
    );
}

#[test]
fn missing_fields_and_empty_batches_are_invalid() {
    assert_eq!(
        fields(&json!({ "organizer": "other", "batches": [] })),
        ["batches"]
    );
    assert_eq!(fields(&json!({ "batches": [{}] })).len(), 7);
    assert_eq!(fields(&json!([1, 2])), [""]);
    assert_eq!(fields(&json!(null)), [""]);
}

#[test]
fn more_than_100_batches_or_200_people_are_invalid() {
    let mut v = base();
    let b = v["batches"][0].clone();
    v["batches"] = Value::Array(vec![b; 100]);
    assert_ne!(check_value(&v).verdict, Verdict::Invalid);
    let b = v["batches"][0].clone();
    if let Some(l) = v["batches"].as_array_mut() {
        l.push(b);
    }
    assert_eq!(fields(&v), ["batches"]);
    let mut v = base();
    v["people"] = Value::Array(vec![
        json!({ "honor": "city", "title": "model_worker", "age": 40 });
        200
    ]);
    assert_ne!(check_value(&v).verdict, Verdict::Invalid);
    if let Some(l) = v["people"].as_array_mut() {
        l.push(json!({ "honor": "city", "title": "model_worker", "age": 40 }));
    }
    assert_eq!(fields(&v), ["people"]);
    // The same caps hold for a plan built in Rust.
    let mut plan = example_plan();
    let b = plan.batches[0].clone();
    plan.batches.resize(101, b);
    assert_eq!(
        check(&plan)
            .errors
            .iter()
            .map(|e| e.field())
            .collect::<Vec<_>>(),
        ["batches"]
    );
}

// --- misspelt keys: an error that names the nearest field, never a silent default ---

#[test]
fn a_misspelt_key_is_an_error_naming_the_nearest_field() {
    // With the right key and 10 model workers, 80 people in 2024 break the yearly share ...
    let mut right = base();
    right["model_workers_under_65"] = json!(10);
    assert_eq!(check_value(&right).verdict, Verdict::DoesNotMeet);
    // ... so a misspelt key must not quietly make the plan meet.
    let mut typo = base();
    typo["model_workers_under65"] = json!(10);
    let r = check_value(&typo);
    assert_eq!(r.verdict, Verdict::Invalid);
    assert_eq!(r.errors[0].field(), "model_workers_under65");
    assert_eq!(
        r.errors[0].message_en,
        "unknown field `model_workers_under65`; did you mean `model_workers_under_65`?"
    );
    assert!(r.errors[0].message_zh.contains("model_workers_under_65"));
    let r = check_value(&with_batch("cross_province_activity", json!(true)));
    assert_eq!(r.verdict, Verdict::Invalid);
    assert_eq!(r.errors[0].field(), "batches.0.cross_province_activity");
    assert!(r.errors[0]
        .message_en
        .ends_with("did you mean `cross_province_activities`?"));
}

#[test]
fn bad_json_is_an_invalid_report() {
    for text in ["", "{", "not json", "{\"batches\": [1,]}"] {
        let r = check_json(text);
        assert_eq!((r.verdict, r.errors.len()), (Verdict::Invalid, 1), "{text}");
    }
}

#[test]
fn whole_numbers_may_arrive_as_floats() {
    assert_eq!(
        check_value(&with_batch("participants", json!(80.0))).verdict,
        Verdict::Meets
    );
    assert_eq!(
        fields(&with_batch("participants", json!(80.5))),
        ["batches.0.participants"]
    );
}

#[test]
fn a_plan_built_in_rust_is_validated_too() {
    let mut plan = example_plan();
    if let Some(b) = plan.batches.first_mut() {
        std::mem::swap(&mut b.start, &mut b.end);
    }
    let r = check(&plan);
    assert_eq!(r.verdict, Verdict::Invalid);
    assert_eq!(r.errors[0].field(), "batches.0.end");
}

#[test]
fn plan_json_round_trips_in_the_issue_shape() {
    let json = example_plan_json();
    assert!(json.contains("\"start\":\"2024-05-06\""), "{json}");
    assert!(json.contains("\"cost_per_person\":4500,"), "{json}");
    let plan: Plan = serde_json::from_str(&json).expect("example reads back");
    assert_eq!(plan, example_plan());
    let mut v = base();
    v["batches"][0]["cost_per_person"] = json!(4500.5);
    let plan: Plan = serde_json::from_str(&v.to_string()).expect("reads");
    assert!(serde_json::to_string(&plan)
        .unwrap_or_default()
        .contains("\"cost_per_person\":4500.5"));
    assert!(serde_json::from_str::<Plan>("{\"batches\":[]}").is_err());
}

#[test]
fn the_example_plan_meets_every_rule() {
    let r = check(&example_plan());
    assert_eq!(r.verdict, Verdict::Meets);
    assert!(r.checks.iter().all(|c| c.status == Status::Ok), "{r:#?}");
    let json = serde_json::to_value(&r).expect("serialises");
    assert_eq!(
        json["checks"][0]["source"],
        json!({ "section": "rest_trip", "paragraph": 3 })
    );
    assert_eq!(json["checks"][0]["strength"], json!("generally"));
    assert_eq!(json["checks"][0]["person"], Value::Null);
}

// --- the report JSON, word for word ---

/// Plans that between them reach every rule and every kind of message and suggestion: each
/// status, each binding cost cap, singular and plural words, grouped figures, a leap day, a year
/// boundary, every honour and title, the three technical trends, input errors and bad JSON.
fn snapshot_plans() -> Vec<(&'static str, Value)> {
    let b = |participants: u32,
             start: &str,
             end: &str,
             cost: f64,
             destination: &str,
             venue: &str,
             cross: bool,
             lodging: u32| {
        json!({ "participants": participants, "start": start, "end": end, "cost_per_person": cost,
                "destination": destination, "venue": venue, "cross_province_activities": cross,
                "lodging_changes": lodging })
    };
    let honors = ["national", "provincial", "city", "county", "none"];
    let titles = [
        "model_worker",
        "advanced_worker",
        "treatment",
        "may_day_medal",
    ];
    let roster: Vec<Value> = (0..20)
        .map(|i: usize| {
            json!({ "honor": honors[i / 4], "title": titles[i % 4], "age": 30 + (i * 7) % 40,
                    "frontline": i % 2 == 0, "high_intensity": i % 3 == 0, "hard_environment": i % 5 == 0,
                    "key_role": i % 7 == 0 })
        })
        .collect();
    vec![
        (
            "every_rule",
            json!({
                "organizer": "provincial_union",
                "model_workers_under_65": 1003,
                "batches": [
                    b(230, "2024-05-06", "2024-05-13", 5000.01, "in_province", "national_base", false, 0),
                    b(100, "2024-02-27", "2024-03-02", 4500.01, "in_province", "provincial_base", true, 1),
                    b(1, "2025-01-01", "2025-01-01", 0.07, "out_of_province", "union_sanatorium", false, 2),
                    b(80, "2025-09-09", "2025-09-14", 6000.01, "out_of_province", "other", false, 0),
                    b(80, "2025-12-30", "2026-01-05", 6000.0, "out_of_province", "national_base", false, 1000),
                    b(100000, "2026-01-01", "2026-03-31", 123456.78, "in_province", "other", true, 0)
                ],
                "people": roster,
                "technical_worker_trips": [
                    { "year": 2023, "participants": 360 }, { "year": 2022, "participants": 300 },
                    { "year": 2024, "participants": 340 }
                ]
            }),
        ),
        (
            "other_organiser_rising_trend",
            json!({
                "organizer": "other",
                "batches": [b(120, "2024-05-06", "2024-05-12", 99999.0, "out_of_province", "national_base", false, 0)],
                "people": [{ "honor": "city", "title": "model_worker", "age": 58 }],
                "technical_worker_trips": [
                    { "year": 2022, "participants": 900 }, { "year": 2023, "participants": 1200 },
                    { "year": 2024, "participants": 1201 }
                ]
            }),
        ),
        (
            "no_workers_flat_trend",
            json!({
                "organizer": "provincial_union",
                "model_workers_under_65": 0,
                "batches": [b(80, "2024-05-06", "2024-05-10", 4500.0, "in_province", "national_base", false, 0),
                            b(80, "2024-09-09", "2024-09-15", 6300.0, "out_of_province", "provincial_base", false, 0)],
                "technical_worker_trips": [{ "year": 2022, "participants": 300 }, { "year": 2023, "participants": 300 }]
            }),
        ),
        (
            "yearly_unknown_one_trend_year",
            json!({
                "organizer": "provincial_union",
                "batches": [b(80, "2024-05-06", "2024-05-12", 4500.0, "in_province", "national_base", false, 0),
                            b(80, "2024-09-09", "2024-09-15", 4500.0, "in_province", "national_base", false, 0),
                            b(10, "2025-09-09", "2025-09-15", 1000.0, "in_province", "national_base", false, 0)],
                "technical_worker_trips": [{ "year": 2022, "participants": 3000 }]
            }),
        ),
        (
            "invalid_fields",
            json!({
                "organizer": "city_union",
                "model_workers_under_65": -1,
                "batches": [
                    { "participants": "80", "start": "2023-02-29", "end": "2024-05-12", "cost_per_person": 4500.005,
                      "destination": "abroad", "venue": "hotel", "cross_province_activities": "no" },
                    { "participants": 80, "start": "2024-05-12", "end": "2024-05-06", "cost_per_person": 4500,
                      "destination": "in_province", "venue": "national_base" }
                ],
                "people": [3, { "honor": "city", "title": "model_worker", "age": 15 }],
                "technical_worker_trips": [{ "year": 2022, "participants": 2 }, { "year": 2022, "participants": 3 }]
            }),
        ),
        ("no_batches", json!({ "organizer": "other", "batches": [] })),
    ]
}

/// One snapshot entry: a plan (or, for bad JSON, its text) and its report.
#[derive(Serialize)]
struct Entry {
    name: &'static str,
    plan: Value,
    report: Report,
}

/// Every snapshot plan with its report, and one person checked alone, as pretty JSON.
fn snapshot_text() -> String {
    #[derive(Serialize)]
    struct Snapshot {
        plans: Vec<Entry>,
        person_alone: Check,
    }
    let mut plans: Vec<Entry> = snapshot_plans()
        .into_iter()
        .map(|(name, plan)| Entry {
            name,
            report: check_value(&plan),
            plan,
        })
        .collect();
    let bad = "{\"batches\": [1,]}";
    plans.push(Entry {
        name: "bad_json",
        plan: Value::String(bad.to_string()),
        report: check_json(bad),
    });
    let p = Person {
        honor: Honor::County,
        title: Title::MayDayMedal,
        age: 50,
        frontline: true,
        high_intensity: false,
        hard_environment: false,
        key_role: false,
    };
    let snapshot = Snapshot {
        plans,
        person_alone: eligibility(&p),
    };
    serde_json::to_string_pretty(&snapshot).unwrap_or_default() + "\n"
}

/// The report JSON (keys, order, figures and every word of both languages) matches the golden
/// file `tests/snapshots/rules-report.json`, saved before the text was made lazy
/// (`UPDATE_SNAPSHOTS=1 cargo test --test rules` rewrites it after a deliberate change).
#[test]
fn report_json_matches_the_snapshot() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/rules-report.json");
    let text = snapshot_text();
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, &text).expect("write snapshot");
        return;
    }
    let saved = std::fs::read_to_string(&path).unwrap_or_default();
    if saved != text {
        let line = saved
            .lines()
            .zip(text.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(0);
        panic!(
            "the report JSON differs from {} at line {}:\n  saved: {}\n  now:   {}\nIf the change is deliberate, run UPDATE_SNAPSHOTS=1 cargo test --test rules",
            path.display(),
            line + 1,
            saved.lines().nth(line).unwrap_or(""),
            text.lines().nth(line).unwrap_or("")
        );
    }
}

#[test]
fn message_and_suggestion_agree_with_the_report_json() {
    let r = check_value(&snapshot_plans()[0].1);
    let json = serde_json::to_value(&r).expect("serialises");
    for (c, j) in r
        .checks
        .iter()
        .zip(json["checks"].as_array().into_iter().flatten())
    {
        assert_eq!(j["message_zh"], json!(c.message(Lang::Zh)));
        assert_eq!(j["message_en"], json!(c.message(Lang::En)));
        assert_eq!(j["suggestion_zh"], json!(c.suggestion(Lang::Zh)));
        assert_eq!(j["suggestion_en"], json!(c.suggestion(Lang::En)));
        assert_eq!(c.has_suggestion(), c.suggestion(Lang::En).is_some());
    }
}
