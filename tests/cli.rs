//! The `check_plan` example behaves like a Unix tool: `--help`, a quiet end when its output is
//! closed (`| head`), a stated input limit, a byte-order mark accepted, UTF-16 named, and a
//! misspelt key reported with the nearest field. Runs the binary that `cargo test` builds for
//! these tests.
#![cfg(not(target_arch = "wasm32"))]

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_check_plan"))
}

fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(binary())
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("check_plan runs");
    let mut input = child.stdin.take().expect("stdin");
    let bytes = stdin.to_vec();
    // Write from a thread: the tool may stop reading (and close its end) before the end.
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&bytes);
    });
    let out = child.wait_with_output().expect("check_plan ends");
    let _ = writer.join();
    out
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn example() -> Vec<u8> {
    let out = run(&["--example"], b"");
    assert!(out.status.success());
    out.stdout
}

#[test]
fn help_prints_usage_and_succeeds() {
    for flag in ["--help", "-h"] {
        let out = run(&[flag], b"");
        assert_eq!(out.status.code(), Some(0), "{flag}");
        assert!(
            text(&out.stdout).starts_with("usage: check_plan"),
            "{}",
            text(&out.stdout)
        );
    }
    let out = run(&["--nonsense"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("unknown option --nonsense"));
}

#[test]
fn a_closed_output_ends_quietly() {
    // check_plan --example | check_plan - | head -c 10
    let mut child = Command::new(binary())
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("check_plan runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(&example())
        .expect("written");
    let mut stdout = child.stdout.take().expect("stdout");
    let mut first = [0u8; 10];
    stdout.read_exact(&mut first).expect("ten bytes");
    drop(stdout);
    let mut err = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut err)
        .expect("stderr");
    let status = child.wait().expect("ends");
    // 0, or 141 (SIGPIPE) in a shell; never 134 (an abort) or 101 (a panic).
    assert!(
        matches!(status.code(), Some(0) | Some(141)),
        "{status:?} {err}"
    );
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn input_over_16_mb_is_refused_with_a_message() {
    let mut big = b"{\"batches\": [".to_vec();
    big.resize(16 * 1024 * 1024 + 10, b' ');
    let out = run(&["-"], &big);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("larger than 16 MB"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn a_byte_order_mark_is_fine_and_utf16_is_named() {
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend(example());
    let out = run(&["-"], &bom);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        text(&out.stdout).contains("\"verdict\": \"meets\""),
        "{}",
        text(&out.stdout)
    );

    let utf16: Vec<u8> = String::from_utf8(example())
        .expect("utf-8")
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    for input in [[vec![0xFF, 0xFE], utf16.clone()].concat(), utf16] {
        let out = run(&["-"], &input);
        assert_eq!(out.status.code(), Some(2));
        assert!(
            text(&out.stderr).contains("UTF-16"),
            "{}",
            text(&out.stderr)
        );
    }
    let out = run(&["-"], &[b'{', 0xC3, b'}']);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("not UTF-8"));
}

#[test]
fn a_misspelt_key_is_invalid_with_a_suggestion() {
    let plan = text(&example()).replace("model_workers_under_65", "model_workers_under65");
    let out = run(&["-"], plan.as_bytes());
    assert_eq!(out.status.code(), Some(0));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON report");
    assert_eq!(report["verdict"], "invalid");
    assert_eq!(report["errors"][0]["field"], "model_workers_under65");
    assert_eq!(
        report["errors"][0]["message_en"],
        "unknown field `model_workers_under65`; did you mean `model_workers_under_65`?"
    );
}

#[test]
fn a_missing_file_is_an_error() {
    let out = run(&["/nonexistent/plan.json"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("cannot read /nonexistent/plan.json"));
}
