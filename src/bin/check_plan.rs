//! Checks one rest-trip plan and prints the report as JSON.
//!
//! ```sh
//! cargo run --bin check_plan -- plan.json
//! echo '{"organizer":"other","batches":[]}' | cargo run --bin check_plan -- -
//! cargo run --bin check_plan -- --example   # print the example plan instead
//! cargo run --bin check_plan -- --help
//! ```
//!
//! Exits 0 for every plan it could read, also an invalid one or text that is not JSON (the
//! report says `"verdict": "invalid"`); 2 when the input cannot be read (no such file, more than
//! 16 MB, UTF-16 or other text that is not UTF-8) or the arguments are wrong. A closed output
//! (`| head`) ends it quietly.

use std::io::{ErrorKind, Read, Write};
use std::process::ExitCode;
use sx_explainer::rules::{check_json, example_plan_json};

/// The most input read, in bytes: a plan at every cap is about 60 KB of JSON.
const LIMIT: u64 = 16 * 1024 * 1024;

const USAGE: &str = "\
usage: check_plan [FILE | -]     check the plan in FILE (or stdin) and print the report as JSON
       check_plan --example      print the example plan
       check_plan --help         print this help

The plan is UTF-8 JSON (a byte-order mark is fine) in the shape of the README's \"The rules\",
at most 16 MB. Exit status: 0 when a report was printed (also for an invalid plan: see its
\"verdict\" and \"errors\"), 2 when the input could not be read or the arguments are wrong.
";

/// Writes `text` and a newline to stdout. `false` when stdout is closed: the reader has seen
/// enough (`| head`), which is not an error.
fn print(text: &str) -> Result<(), ExitCode> {
    let mut out = std::io::stdout().lock();
    match writeln!(out, "{text}").and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == ErrorKind::BrokenPipe => Err(ExitCode::SUCCESS),
        Err(e) => {
            eprintln!("check_plan: cannot write the report: {e}");
            Err(ExitCode::from(2))
        }
    }
}

fn fail(message: &str) -> ExitCode {
    eprintln!("check_plan: {message}");
    ExitCode::from(2)
}

/// The input as text: at most [`LIMIT`] bytes, UTF-8 with or without a byte-order mark.
fn text(name: &str, bytes: Vec<u8>) -> Result<String, String> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(format!(
            "{name} is UTF-16 text; save it as UTF-8 (for example: iconv -f UTF-16 -t UTF-8)"
        ));
    }
    // UTF-16 without a byte-order mark: ASCII text has a zero byte beside every character, and
    // JSON in UTF-8 never has one.
    let head = &bytes[..bytes.len().min(128)];
    if head.len() >= 2 && head.iter().filter(|b| **b == 0).count() * 4 >= head.len() {
        return Err(format!(
            "{name} looks like UTF-16 text (zero bytes between the characters); save it as UTF-8"
        ));
    }
    let bytes = bytes
        .strip_prefix(&[0xEF, 0xBB, 0xBF])
        .map(<[u8]>::to_vec)
        .unwrap_or(bytes);
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "{name} is not UTF-8 text (invalid byte at offset {}); save it as UTF-8",
            e.utf8_error().valid_up_to()
        )
    })
}

fn read_input(arg: &str) -> Result<Vec<u8>, String> {
    let (name, source): (String, Box<dyn Read>) = if arg == "-" {
        ("stdin".into(), Box::new(std::io::stdin().lock()))
    } else {
        match std::fs::File::open(arg) {
            Ok(f) => (arg.to_string(), Box::new(f)),
            Err(e) => return Err(format!("cannot read {arg}: {e}")),
        }
    };
    let mut bytes = Vec::new();
    source
        .take(LIMIT + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read {name}: {e}"))?;
    if bytes.len() as u64 > LIMIT {
        return Err(format!(
            "{name} is larger than 16 MB; a plan at every cap is about 60 KB"
        ));
    }
    Ok(bytes)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = match args.as_slice() {
        [] => "-",
        [a] => a.as_str(),
        _ => return fail(&format!("one input at most, got {}\n\n{USAGE}", args.len())),
    };
    match arg {
        "-h" | "--help" => {
            return print(USAGE.trim_end()).err().unwrap_or(ExitCode::SUCCESS);
        }
        "--example" => {
            return print(&example_plan_json())
                .err()
                .unwrap_or(ExitCode::SUCCESS);
        }
        a if a.starts_with('-') && a != "-" => {
            return fail(&format!("unknown option {a}\n\n{USAGE}"));
        }
        _ => {}
    }
    let name = if arg == "-" { "stdin" } else { arg };
    let json = match read_input(arg).and_then(|b| text(name, b)) {
        Ok(t) => t,
        Err(e) => return fail(&e),
    };
    let report = check_json(&json);
    match serde_json::to_string_pretty(&report) {
        Ok(out) => print(&out).err().unwrap_or(ExitCode::SUCCESS),
        Err(e) => fail(&format!("cannot write the report: {e}")),
    }
}
