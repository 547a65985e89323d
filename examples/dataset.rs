//! Prints the dataset: every record as a JSON array (the default), or as the widget's CSV.
//!
//! ```sh
//! cargo run --example dataset            # JSON array of all records
//! cargo run --example dataset -- --csv   # CSV, UTF-8 with a BOM (what "下载数据" downloads)
//! cargo run --example dataset -- --named # the towns, platforms and fairs the article names
//! cargo run --example dataset -- --check # the integrity problems (none: exit 0)
//! ```

use std::process::ExitCode;
use sx_explainer::data::{export, named, records, validate};

fn main() -> ExitCode {
    let arg = std::env::args().nth(1).unwrap_or_default();
    match arg.as_str() {
        "" | "--json" => println!("{}", export::to_json()),
        "--csv" => print!("{}", export::to_csv()),
        "--named" => {
            let both =
                serde_json::json!({ "towns": &named::NAMED_TOWNS[..], "other": &named::NAMED[..] });
            println!(
                "{}",
                serde_json::to_string_pretty(&both).unwrap_or_default()
            );
        }
        "--check" => {
            let problems = validate(records());
            for p in &problems {
                eprintln!("{p}");
            }
            if !problems.is_empty() {
                return ExitCode::FAILURE;
            }
            eprintln!("{} records, no problems", records().len());
        }
        other => {
            eprintln!("unknown option {other}; use --json (default), --csv, --named or --check");
            return ExitCode::from(2);
        }
    }
    ExitCode::SUCCESS
}
