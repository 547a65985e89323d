//! The share link (`src/rules/link.rs`), natively: every draft the form can hold comes back from
//! its link exactly, wrong values included (a property test over arbitrary drafts); the largest
//! plan the form makes fits in 2,000 characters; links of the first format still open; damaged
//! links are errors, never panics.
#![cfg(not(target_arch = "wasm32"))]

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use proptest::prelude::*;
use sx_explainer::rules::draft::{Cell, Draft, Edit, Problem, MAX_PROBLEMS, MAX_TEXT};
use sx_explainer::rules::field::{BatchField, FieldPath, ListId, PersonField};
use sx_explainer::rules::link::{base64url, decode, encode, from_base64url, max_len, LinkError};
use sx_explainer::rules::{check_draft, read, Verdict};

/// Text a reader could type: canonical values (which the link stores as numbers) and anything
/// else, full-width, Chinese, emoji, spaces, long.
fn typed() -> impl Strategy<Value = Cell> {
    prop_oneof![
        (0i64..200_000).prop_map(|n| Cell::text(&n.to_string())),
        (-5i64..5).prop_map(|n| Cell::text(&format!("{n:03}"))),
        (0u32..40_000).prop_map(|d| {
            let y = 2000 + d / 400;
            let m = 1 + (d / 31) % 12;
            let day = 1 + d % 31;
            Cell::text(&format!("{y}-{m:02}-{day:02}"))
        }),
        (0i64..200_000_000).prop_map(|f| Cell::text(&format!("{}.{:02}", f / 100, f % 100))),
        prop::sample::select(vec![
            "in_province",
            "out_of_province",
            "national_base",
            "other",
            "city",
            "none",
            "may_day_medal",
            "provincial_union",
            "abroad",
            "１２０",
            "4500,50",
            "1，000",
            " 80 ",
        ])
        .prop_map(Cell::text),
        "\\PC{0,50}".prop_map(|s| Cell::text(&s)),
    ]
}

fn cell() -> impl Strategy<Value = Cell> {
    prop_oneof![
        2 => Just(Cell::Empty),
        2 => any::<bool>().prop_map(Cell::Flag),
        6 => typed(),
        1 => "\\PC{1,50}".prop_map(|s| Cell::Wrong(s.chars().take(MAX_TEXT).collect())),
    ]
}

fn row<const N: usize>() -> impl Strategy<Value = [Cell; N]> {
    prop::collection::vec(cell(), N).prop_map(|v| v.try_into().unwrap_or_else(|_| unreachable!()))
}

fn problem() -> impl Strategy<Value = Problem> {
    let list = prop::sample::select(ListId::ALL.to_vec());
    let key = "\\PC{1,40}".prop_map(|s| s.chars().take(MAX_TEXT).collect::<String>());
    prop_oneof![
        Just(Problem::NotAnObject),
        key.clone().prop_map(|k| Problem::Unknown(None, k)),
        (list.clone(), key).prop_flat_map(
            |(l, k)| (0..l.cap()).prop_map(move |i| Problem::Unknown(Some((l, i)), k.clone()))
        ),
        list.clone().prop_map(Problem::NotAList),
        (list.clone(), 0usize..100_000).prop_map(|(l, n)| Problem::TooLong(l, n)),
        list.prop_flat_map(|l| (0..l.cap()).prop_map(move |i| Problem::RowNotAnObject(l, i))),
    ]
}

fn draft() -> impl Strategy<Value = Draft> {
    (
        row::<2>(),
        prop::collection::vec(row::<8>(), 0..=ListId::Batches.cap()),
        prop::collection::vec(row::<7>(), 0..=40),
        prop::collection::vec(row::<2>(), 0..=ListId::Trips.cap()),
        prop::collection::vec(problem(), 0..=3),
    )
        .prop_map(|(top, batches, people, trips, problems)| Draft {
            top,
            batches,
            people,
            trips,
            problems,
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn every_draft_comes_back_from_its_link(d in draft()) {
        let link = encode(&d);
        prop_assert!(link.len() <= max_len());
        prop_assert!(link.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
        prop_assert_eq!(decode(&link), Ok(d));
    }

    #[test]
    fn our_base64url_agrees_with_the_base64_crate(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        let ours = base64url(&bytes);
        prop_assert_eq!(&ours, &URL_SAFE_NO_PAD.encode(&bytes));
        prop_assert_eq!(from_base64url(&ours), Some(bytes.clone()));
        let standard = base64::engine::general_purpose::STANDARD.encode(&bytes);
        prop_assert_eq!(from_base64url(&standard), Some(bytes));
    }

    #[test]
    fn no_text_makes_the_reader_panic(s in "\\PC{0,300}") {
        let _ = decode(&s);
        let _ = decode(&URL_SAFE_NO_PAD.encode(s.as_bytes()));
        let mut bytes = s.into_bytes();
        bytes.insert(0, 2);
        let _ = decode(&URL_SAFE_NO_PAD.encode(&bytes));
    }
}

fn full_form() -> Draft {
    let mut d = Draft::example();
    for list in ListId::ALL {
        while !d.at_cap(list) {
            d.apply(Edit::Add(list)).unwrap();
        }
    }
    d
}

#[test]
fn the_largest_plan_the_form_holds_fits_in_2000_characters() {
    let d = full_form();
    assert_eq!(
        (d.batches.len(), d.people.len(), d.trips.len()),
        (100, 200, 50)
    );
    let link = encode(&d);
    assert!(link.len() <= 2000, "{} characters", link.len());
    assert_eq!(decode(&link).as_ref(), Ok(&d));
    // The same plan with a wrong value in every batch still round-trips, and stays invalid.
    let mut wrong = d.clone();
    for i in 0..100 {
        wrong
            .apply(Edit::Set(
                FieldPath::Batch(i, BatchField::Participants),
                Cell::text("abc"),
            ))
            .unwrap();
    }
    let back = decode(&encode(&wrong)).unwrap();
    assert_eq!(back, wrong);
    assert_eq!(check_draft(&back).verdict, Verdict::Invalid);
    assert_eq!(check_draft(&back).errors.len(), 100);
}

#[test]
fn a_varied_full_plan_also_fits() {
    // Every batch and person different, as a reader filling the form by hand would make them.
    let mut d = full_form();
    for i in 0..100 {
        let set = |d: &mut Draft, f, v: String| {
            d.apply(Edit::Set(FieldPath::Batch(i, f), Cell::text(&v)))
                .unwrap();
        };
        set(
            &mut d,
            BatchField::Participants,
            (40 + i * 7 % 60).to_string(),
        );
        let start = jiff::civil::date(2024, 1, 1)
            .checked_add(jiff::Span::new().days(i as i64 * 3))
            .unwrap();
        set(&mut d, BatchField::Start, start.to_string());
        let end = start
            .checked_add(jiff::Span::new().days(4 + i as i64 % 3))
            .unwrap();
        set(&mut d, BatchField::End, end.to_string());
        set(
            &mut d,
            BatchField::CostPerPerson,
            (3000 + i * 37).to_string(),
        );
    }
    for i in 0..200 {
        d.apply(Edit::Set(
            FieldPath::Person(i, PersonField::Age),
            Cell::text(&(30 + i % 35).to_string()),
        ))
        .unwrap();
        d.apply(Edit::Set(
            FieldPath::Person(i, PersonField::KeyRole),
            Cell::Flag(i % 3 == 0),
        ))
        .unwrap();
    }
    let link = encode(&d);
    assert!(link.len() <= 2000, "{} characters", link.len());
    assert_eq!(decode(&link), Ok(d));
}

/// A link of the first format: base64url of the plan's JSON with short keys and words.
fn v1(json: &str) -> String {
    URL_SAFE_NO_PAD.encode(json.as_bytes())
}

#[test]
fn links_of_the_first_format_still_open() {
    let link = v1(
        r#"{"o":"pu","m":1000,"b":[{"p":80,"s":"2024-05-06","e":"2024-05-12","c":4500,"d":"in","v":"pb","l":0},{"p":100,"s":"2024-09-09","e":"2024-09-14","c":5800,"d":"out","v":"nb","l":0}],"r":[{"h":"ci","t":"mw","a":58,"f":true},{"h":"pr","t":"aw","a":61,"f":true,"i":true},{"h":"na","t":"md","a":45,"f":true,"w":true,"k":true},{"h":"pr","t":"tr","a":63}],"tw":[{"y":2022,"p":300},{"y":2023,"p":360}]}"#,
    );
    let d = decode(&link).unwrap();
    assert_eq!(read(&d).plan, read(&Draft::example()).plan);
    // What the reader had typed wrong stays wrong, where it was typed.
    let d = decode(&v1(
        r#"{"o":"other","b":[{"p":"abc","s":"2024-01-02","e":"2024-01-03","c":"4,500.50","d":"in","v":"nb"}]}"#,
    ))
    .unwrap();
    assert_eq!(
        d.cell(&FieldPath::Batch(0, BatchField::Participants)),
        Some(&Cell::Text("abc".into()))
    );
    let r = read(&d);
    assert_eq!(
        r.errors.iter().map(|e| e.field()).collect::<Vec<_>>(),
        ["batches.0.participants"]
    );
    // Full names, as a hand-written link might use, read the same.
    let d = decode(&v1(
        r#"{"organizer":"other","batches":[{"participants":7,"start":"2024-01-02","end":"2024-01-02","cost_per_person":100,"destination":"in_province","venue":"national_base"}]}"#,
    ))
    .unwrap();
    assert!(read(&d).plan.is_some());
    // An unknown key is an error there too, naming the nearest field.
    let d = decode(&v1(
        r#"{"o":"other","model_workers_under65":3,"b":[{"p":7}]}"#,
    ))
    .unwrap();
    assert!(check_draft(&d)
        .errors
        .iter()
        .any(|e| e.field() == "model_workers_under65"
            && e.message_en
                .contains("did you mean `model_workers_under_65`")));
}

#[test]
fn damaged_links_say_why() {
    assert_eq!(decode("%%%broken"), Err(LinkError::Damaged));
    assert_eq!(decode(&v1("this is not json")), Err(LinkError::Damaged));
    assert_eq!(decode(&v1("[1,2,3]")), Err(LinkError::Damaged));
    assert_eq!(decode(&"A".repeat(max_len() + 1)), Err(LinkError::TooLong));
    let good = encode(&Draft::example());
    // Cut short anywhere: an error, never a panic, never a different plan.
    for n in 0..good.len() {
        let cut = decode(&good[..n]);
        assert!(
            cut.is_err() || cut.as_ref().ok() == Some(&Draft::example()),
            "{n}"
        );
    }
    // A plan with problems keeps them: the reader still sees why it is invalid.
    let mut d = Draft::example();
    d.problems.push(Problem::Unknown(None, "colour".into()));
    assert_eq!(decode(&encode(&d)), Ok(d));
    // Problems are bounded like everything else in a draft.
    d = Draft::example();
    d.problems = vec![Problem::NotAList(ListId::People); MAX_PROBLEMS];
    assert_eq!(decode(&encode(&d)), Ok(d.clone()));
    d.problems.push(Problem::NotAList(ListId::Trips));
    assert_eq!(decode(&encode(&d)), Err(LinkError::Damaged));
}
