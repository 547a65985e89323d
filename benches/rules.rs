//! How long the rule engine takes on the largest plan it accepts: 100 batches, 200 people and 20
//! years (every batch over a limit somewhere, so there is a message and a suggestion for most
//! checks), from JSON and from the form's draft (what one keystroke costs).
//! Checking only decides; the words are written when the report is turned into JSON (or a
//! check's `message`/`suggestion` is asked for), so both are timed. Prints the median of
//! repeated runs in microseconds, the issue-7 line first. `cargo bench --bench rules`.

use std::time::Instant;
use sx_explainer::rules::{
    check_draft, check_json, check_value, example_plan_json, Draft, ListId, Origin, Plan, Verdict,
};

fn plan_json() -> String {
    let batches: Vec<String> = (0..100)
        .map(|i| {
            let month = i % 12 + 1;
            format!(
                r#"{{"participants":{},"start":"{}-{:02}-03","end":"{}-{:02}-{:02}","cost_per_person":{}.{:02},"destination":"{}","venue":"{}","cross_province_activities":{},"lodging_changes":{}}}"#,
                60 + i % 60,
                2020 + i / 12,
                month,
                2020 + i / 12,
                month,
                8 + i % 3,
                4000 + i * 37,
                i % 100,
                if i % 2 == 0 { "in_province" } else { "out_of_province" },
                ["national_base", "provincial_base", "union_sanatorium", "other"][i % 4],
                i % 5 == 0,
                i % 3
            )
        })
        .collect();
    let honors = ["national", "provincial", "city", "county", "none"];
    let titles = [
        "model_worker",
        "advanced_worker",
        "treatment",
        "may_day_medal",
    ];
    let people: Vec<String> = (0..ListId::People.cap())
        .map(|i| {
            format!(
                r#"{{"honor":"{}","title":"{}","age":{},"frontline":{},"high_intensity":{},"hard_environment":{},"key_role":{}}}"#,
                honors[i % 5],
                titles[i % 4],
                30 + i % 40,
                i % 2 == 0,
                i % 3 == 0,
                i % 5 == 0,
                i % 7 == 0
            )
        })
        .collect();
    let years: Vec<String> = (0..20)
        .map(|i| {
            format!(
                r#"{{"year":{},"participants":{}}}"#,
                2005 + i,
                300 + (i * 37) % 50
            )
        })
        .collect();
    format!(
        r#"{{"organizer":"provincial_union","model_workers_under_65":2500,"batches":[{}],"people":[{}],"technical_worker_trips":[{}]}}"#,
        batches.join(","),
        people.join(","),
        years.join(",")
    )
}

fn median_us(mut f: impl FnMut(), runs: usize) -> f64 {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1e6
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times.get(runs / 2).copied().unwrap_or(f64::NAN)
}

fn main() {
    let json = plan_json();
    let report = check_json(&json);
    assert_eq!(report.errors, []);
    assert_eq!(report.verdict, Verdict::Ineligible);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap_or_default();
    let black = std::hint::black_box::<&serde_json::Value>;

    // Issue 7's budget, printed first (the benchmark script reads the first "median" line): the
    // 100 batches without the roster as the form holds them (a draft), read and checked
    // natively (no text built): what one keystroke costs the engine.
    let batches_only: serde_json::Value = {
        let mut v = value.clone();
        if let Some(o) = v.as_object_mut() {
            o.remove("people");
        }
        v
    };
    let small_report = check_value(&batches_only);
    let batches_draft = Draft::from_json(&batches_only, Origin::Api);
    let hundred = median_us(
        || {
            drop(std::hint::black_box(check_draft(std::hint::black_box(
                &batches_draft,
            ))))
        },
        2001,
    );
    println!("rules: 100-batch plan checked natively: median {hundred:.1} µs");
    let from_json = median_us(
        || drop(std::hint::black_box(check_value(black(&batches_only)))),
        2001,
    );
    println!("  the same from parsed JSON (CLI, JS API): {from_json:.1} µs");
    let hundred_read = median_us(
        || drop(std::hint::black_box(Plan::from_value(black(&batches_only)))),
        2001,
    );
    let hundred_text = median_us(
        || drop(std::hint::black_box(serde_json::to_string(&small_report))),
        501,
    );
    println!("  of which reading the JSON plan:  {hundred_read:>9.1} µs");
    println!(
        "  its report to JSON (all text):   {hundred_text:>9.1} µs  ({} checks)",
        small_report.checks.len()
    );

    let runs = 201;
    let parsed = median_us(
        || drop(std::hint::black_box(check_value(black(&value)))),
        runs,
    );
    let text = median_us(
        || {
            drop(std::hint::black_box(check_json(std::hint::black_box(
                &json,
            ))))
        },
        runs,
    );
    let read = median_us(
        || drop(std::hint::black_box(Plan::from_value(black(&value)))),
        runs,
    );
    let out = median_us(
        || drop(std::hint::black_box(serde_json::to_string(&report))),
        runs,
    );
    let full = median_us(
        || {
            drop(std::hint::black_box(serde_json::to_string(&check_json(
                std::hint::black_box(&json),
            ))))
        },
        runs,
    );
    println!(
        "rules: 100 batches, 200 people, {} checks, {} KB of plan JSON ({runs} runs, medians)",
        report.checks.len(),
        json.len() / 1024
    );
    println!("  check_value (already parsed):    {parsed:>9.0} µs");
    println!("  check_json (parse + check):      {text:>9.0} µs");
    println!("  of which reading the plan:       {read:>9.0} µs");
    println!("  report to JSON (all text):       {out:>9.0} µs");
    println!("  check_json + report to JSON:     {full:>9.0} µs");
    // What the form does on a keystroke: read its draft and check it.
    let draft = Draft::from_json(&value, Origin::Api);
    let form = median_us(
        || {
            drop(std::hint::black_box(check_draft(std::hint::black_box(
                &draft,
            ))))
        },
        runs,
    );
    println!("  the form's draft, read + check:  {form:>9.0} µs");
    let example = example_plan_json();
    let small = median_us(
        || {
            drop(std::hint::black_box(check_json(std::hint::black_box(
                &example,
            ))))
        },
        1001,
    );
    println!("rules: the example plan (2 batches, 4 people), check_json: {small:.1} µs");
}
