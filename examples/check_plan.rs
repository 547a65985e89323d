//! Checks one rest-trip plan and prints the report as JSON.
//!
//! ```sh
//! cargo run --example check_plan -- plan.json
//! echo '{"organizer":"other","batches":[]}' | cargo run --example check_plan -- -
//! cargo run --example check_plan -- --example   # print the example plan instead
//! ```
//!
//! Exits 0 for every plan, also an invalid one or text that is not JSON (the report says
//! `"verdict": "invalid"`); exits 2 only when the file cannot be read.

use std::io::Read;
use std::process::ExitCode;
use sx_explainer::rules::{check_json, example_plan_json};

fn main() -> ExitCode {
    let arg = std::env::args().nth(1).unwrap_or_else(|| "-".to_string());
    if arg == "--example" {
        println!("{}", example_plan_json());
        return ExitCode::SUCCESS;
    }
    let mut bytes = Vec::new();
    let read = if arg == "-" {
        std::io::stdin().read_to_end(&mut bytes).map(|_| ())
    } else {
        std::fs::read(&arg).map(|b| bytes = b)
    };
    if let Err(e) = read {
        eprintln!("check_plan: cannot read {arg}: {e}");
        return ExitCode::from(2);
    }
    let report = check_json(&String::from_utf8_lossy(&bytes));
    match serde_json::to_string_pretty(&report) {
        Ok(json) => println!("{json}"),
        Err(e) => eprintln!("check_plan: {e}"),
    }
    ExitCode::SUCCESS
}
