//! The dataset's integrity, checked against the article itself.
//!
//! - Every reported figure and target agrees with the article's words that its record keeps:
//!   its value in those words as printed (410.5, 十, 1.5万, 五分之一) and its qualifier in the same
//!   words (超, 以上, 余, 不超过). This needs nothing but the repository.
//! - When the article itself is present, those words are found in their source paragraph too.
//!   Its path is `$SX_ARTICLE`, by default `../shared/source/000_c42a2dc98e3e15dd.txt` beside
//!   the repository. A plain clone without it skips these tests (and says so);
//!   `SX_REQUIRE_ARTICLE=1` (set by `.ci/run`) makes a missing article a failure.
//! - Every derived figure is recomputed here, independently of `src/data/towns.rs`.
//! - Each rule of `data::validate` has a test that breaks it on purpose and sees it caught.

use std::collections::BTreeSet;
use sx_explainer::data::named::{Tier, NAMED, NAMED_TOWNS};
use sx_explainer::data::towns::DERIVATIONS;
use sx_explainer::data::{
    export, get, records, validate, Kind, Problem, Qualifier, Record, Rule, Section, Source, Unit,
    LIMITS, STATEMENTS,
};

// ---------------------------------------------------------------------------------------------
// The article
// ---------------------------------------------------------------------------------------------

const DEFAULT_ARTICLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/source/000_c42a2dc98e3e15dd.txt"
);

/// The article's text, or `None` on a plain clone without it (unless `SX_REQUIRE_ARTICLE=1`,
/// which makes that a failure).
fn article() -> Option<String> {
    let path = std::env::var("SX_ARTICLE").unwrap_or_else(|_| DEFAULT_ARTICLE.to_string());
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(e) if std::env::var("SX_REQUIRE_ARTICLE").as_deref() == Ok("1") => {
            panic!("the source article must be at {path} (SX_REQUIRE_ARTICLE=1): {e}")
        }
        Err(_) => {
            eprintln!(
                "skipped: the comparison with the article needs it at {path} (set SX_ARTICLE)"
            );
            None
        }
    }
}

/// The section's paragraphs as printed: chunks between blank lines after its headline, up to the
/// next headline; a chunk that does not end a sentence was split by the page layout and joins the
/// next one; the byline in parentheses is not a paragraph.
fn paragraphs(text: &str, section: Section) -> Vec<String> {
    let mut lines = text
        .lines()
        .skip_while(|l| l.trim_start_matches('#').trim() != section.headline_zh());
    assert!(
        lines.next().is_some(),
        "headline of {section:?} not found in the article"
    );
    let mut chunks: Vec<String> = Vec::new();
    let mut current = String::new();
    for line in lines.take_while(|l| !l.starts_with('#')).chain([""]) {
        if line.trim().is_empty() {
            if !current.is_empty() {
                chunks.push(std::mem::take(&mut current));
            }
        } else {
            current.push_str(line.trim());
        }
    }
    let mut out: Vec<String> = Vec::new();
    for chunk in chunks {
        let byline = (chunk.starts_with('(') || chunk.starts_with('（'))
            && (chunk.ends_with(')') || chunk.ends_with('）'));
        if byline {
            continue;
        }
        match out.last_mut() {
            Some(prev) if !prev.ends_with(['。', '！', '？', '”', ')', '）']) => {
                prev.push_str(&chunk)
            }
            _ => out.push(chunk),
        }
    }
    out
}

/// Punctuation width varies between the print text and our quotes; compare without it.
fn normalize(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '，' => ',',
            '（' => '(',
            '）' => ')',
            '：' => ':',
            '；' => ';',
            c => c,
        })
        .collect()
}

fn paragraph(text: &str, source: Source) -> String {
    let paras = paragraphs(text, source.section);
    let i = usize::from(source.paragraph);
    assert!(
        i >= 1 && i <= paras.len(),
        "{source:?} is not a paragraph of the article"
    );
    normalize(&paras[i - 1])
}

#[test]
fn the_article_is_there_and_paragraph_counts_match() {
    let Some(text) = article() else { return };
    for s in Section::ALL {
        let paras = paragraphs(&text, s);
        assert_eq!(
            paras.len(),
            usize::from(s.paragraphs()),
            "{s:?}: {paras:#?}"
        );
        assert!(
            paras[0].contains("本报讯"),
            "{s:?}: paragraph 1 is the 本报讯 paragraph"
        );
    }
    // The page layout splits these paragraphs; they must read as one.
    let overview = paragraphs(&text, Section::TownsOverview);
    assert!(overview[2].contains("提效。今年前8个月"));
    assert!(paragraphs(&text, Section::Targets2025)[2].contains("科研机构"));
}

// ---------------------------------------------------------------------------------------------
// Figure by figure against the article
// ---------------------------------------------------------------------------------------------

const CN_DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

fn chinese(n: u32) -> String {
    let d = |k: u32| CN_DIGITS[k as usize].to_string();
    match n {
        0..=9 => d(n),
        10 => "十".into(),
        11..=19 => format!("十{}", d(n - 10)),
        _ if n % 10 == 0 => format!("{}十", d(n / 10)),
        _ => format!("{}十{}", d(n / 10), d(n % 10)),
    }
}

/// The ways the article may print this value: 410.5, 十 (for 10), 1.5万 (for 15000), 五分之一 (for 20%).
fn written_forms(r: &Record) -> Vec<String> {
    let v = r.value;
    let mut forms = vec![v.to_string()];
    if v.fract() == 0.0 && (1.0..100.0).contains(&v) {
        forms.push(chinese(v as u32));
    }
    if v >= 10_000.0 {
        forms.push(format!("{}万", v / 10_000.0));
    }
    if r.unit == Unit::Percent && v > 0.0 && (100.0 / v).fract() == 0.0 {
        forms.push(format!("{}分之一", chinese((100.0 / v) as u32)));
    }
    forms
}

/// Whether `form` occurs in `text` as a whole number (not the "1" of "100", nor the 十 of 十二).
fn occurs_whole(text: &str, form: &str) -> bool {
    let numeric = |c: char| {
        c.is_ascii_digit() || c == '.' || CN_DIGITS.contains(&c) || "十百千万两".contains(c)
    };
    text.match_indices(form).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + form.len()..].chars().next();
        !before.is_some_and(numeric) && !after.is_some_and(|c| numeric(c) && !form.ends_with('万'))
    })
}

/// The qualifiers the article's words express: 超/余/逾/多 more than, 以上 at least, 近/约 about,
/// 不超过/以下 at most, 不足/不到 less than.
fn qualifiers_in(words: &str) -> BTreeSet<&'static str> {
    let mut found = BTreeSet::new();
    let rest = words.replace("不超过", "");
    if rest.contains(['超', '余', '逾', '多']) {
        found.insert("more_than");
    }
    if words.contains("以上") {
        found.insert("at_least");
    }
    if words.contains(['近', '约']) {
        found.insert("about");
    }
    if words.contains("不超过") || words.contains("以下") {
        found.insert("at_most");
    }
    if words.contains("不足") || words.contains("不到") {
        found.insert("less_than");
    }
    found
}

/// Whether `quote` is in `text`, its parts in order where `……` marks words left out.
fn in_order(text: &str, quote: &str) -> bool {
    let mut rest = text;
    for part in quote.split("……") {
        match rest.find(part) {
            Some(i) => rest = &rest[i + part.len()..],
            None => return false,
        }
    }
    true
}

#[test]
fn every_limit_and_statement_of_the_rest_trip_story_is_quoted_exactly() {
    let Some(text) = article() else { return };
    let mut wrong = Vec::new();
    let quotes = LIMITS
        .iter()
        .map(|l| (l.quote_zh, l.source))
        .chain(STATEMENTS.iter().map(|s| (s.quote_zh, s.source)));
    for (quote, source) in quotes {
        if !in_order(&paragraph(&text, source), &normalize(quote)) {
            wrong.push(format!("{quote:?} not in {source:?}"));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
    // The cost caps keep the 一般 that governs the whole cost standard.
    for l in LIMITS.iter().filter(|l| l.unit == Unit::Yuan) {
        assert!(l.quote_zh.starts_with("一般"), "{}", l.quote_zh);
    }
}

#[test]
fn an_elided_quote_must_keep_its_order() {
    assert!(in_order(
        "一般省外每人不超过6000元，省内每人不超过5000元",
        "一般……省内每人不超过5000元"
    ));
    assert!(!in_order(
        "省内每人不超过5000元，一般省外",
        "一般……省内每人不超过5000元"
    ));
}

/// What is wrong with a reported figure or target when read against the article (empty: nothing):
/// its words must be in its paragraph, and agree with it (see [`against_own_words`]).
fn against_article(text: &str, r: &Record) -> Vec<String> {
    let mut wrong = Vec::new();
    let paras = paragraphs(text, r.source.section);
    let Some(para) = paras.get(usize::from(r.source.paragraph).wrapping_sub(1)) else {
        return vec![format!("{}: no paragraph {:?}", r.id, r.source)];
    };
    let quote = normalize(r.quote_zh);
    if quote.is_empty() || !in_order(&normalize(para), &quote) {
        wrong.push(format!(
            "{}: words {:?} not in {:?}",
            r.id, r.quote_zh, r.source
        ));
    }
    wrong.extend(against_own_words(r));
    wrong
}

/// What is wrong with a reported figure or target against the article's words its record keeps:
/// the value must be in them as printed, and their qualifier must be the record's.
fn against_own_words(r: &Record) -> Vec<String> {
    let mut wrong = Vec::new();
    let quote = normalize(r.quote_zh);
    if !written_forms(r).iter().any(|f| occurs_whole(&quote, f)) {
        wrong.push(format!(
            "{}: value {} ({:?}) not in the words {:?}",
            r.id,
            r.value,
            written_forms(r),
            r.quote_zh
        ));
    }
    let expected: BTreeSet<&str> = r.qualifier.map(|q| q.as_str()).into_iter().collect();
    if qualifiers_in(&quote) != expected {
        wrong.push(format!(
            "{}: words {:?} say {:?}, record says {:?}",
            r.id,
            r.quote_zh,
            qualifiers_in(&quote),
            expected
        ));
    }
    wrong
}

#[test]
fn every_reported_figure_and_target_agrees_with_its_own_words() {
    // Needs no article: the words each record keeps must hold its value and its qualifier.
    let wrong: Vec<String> = records()
        .iter()
        .filter(|r| r.kind != Kind::Derived)
        .flat_map(against_own_words)
        .collect();
    assert!(wrong.is_empty(), "{wrong:#?}");
    let mut r = get("ten_towns_output").cloned().expect("record");
    r.value = 401.5;
    assert_eq!(against_own_words(&r).len(), 1, "a mistyped value");
    let mut r = get("fenjiu_share_of_fenyang_industry")
        .cloned()
        .expect("record");
    r.qualifier = None;
    assert_eq!(against_own_words(&r).len(), 1, "超60% is not 60%");
}

#[test]
fn every_reported_figure_and_target_is_in_its_paragraph_as_printed() {
    let Some(text) = article() else { return };
    let wrong: Vec<String> = records()
        .iter()
        .filter(|r| r.kind != Kind::Derived)
        .flat_map(|r| against_article(&text, r))
        .collect();
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn the_check_against_the_article_catches_a_wrong_figure() {
    let Some(text) = article() else { return };
    let good = |id: &str| get(id).cloned().unwrap_or_else(|| panic!("no record {id}"));
    let mut r = good("ten_towns_output");
    r.value = 401.5;
    assert_eq!(against_article(&text, &r).len(), 1, "a mistyped value");
    let mut r = good("funding_lvliang");
    r.value = 1.0;
    assert_eq!(
        against_article(&text, &r).len(),
        1,
        "Lvliang's 2亿 read as Taiyuan's 1亿"
    );
    let mut r = good("ten_towns_output");
    r.source.paragraph = 4;
    assert!(
        !against_article(&text, &r).is_empty(),
        "the wrong paragraph"
    );
    let mut r = good("fenjiu_share_of_fenyang_industry");
    r.qualifier = None;
    assert_eq!(against_article(&text, &r).len(), 1, ">60% is not 60%");
    let mut r = good("target_provincial_key_towns");
    r.qualifier = Some(Qualifier::MoreThan);
    assert_eq!(against_article(&text, &r).len(), 1, "以上 is at least");
    let mut r = good("craft_exhibition_area");
    r.value = 1.5;
    assert_eq!(against_article(&text, &r).len(), 1, "1.5万 is 15000");
    let mut r = good("work_teams");
    r.quote_zh = "十二个工作专班";
    assert_eq!(
        against_article(&text, &r).len(),
        2,
        "words not in the article, and 十 of 十二 is not 10"
    );
}

#[test]
fn named_towns_and_items_are_in_their_paragraphs() {
    let Some(text) = article() else { return };
    for t in &NAMED_TOWNS {
        assert!(paragraph(&text, t.source).contains(t.name_zh), "{}", t.id);
        assert!(t.name_zh.contains(t.product_zh), "{}", t.id);
    }
    for n in &NAMED {
        assert!(paragraph(&text, n.source).contains(n.name_zh), "{}", n.id);
    }
    let ids: BTreeSet<&str> = NAMED_TOWNS
        .iter()
        .map(|t| t.id)
        .chain(NAMED.iter().map(|n| n.id))
        .collect();
    assert_eq!(
        ids.len(),
        NAMED_TOWNS.len() + NAMED.len(),
        "named ids are unique"
    );
}

#[test]
fn the_article_never_names_more_than_it_counts() {
    let v = |id: &str| get(id).map_or(f64::NAN, |r| r.value);
    let tier = |t: Tier| NAMED_TOWNS.iter().filter(|n| n.tiers.contains(&t)).count() as f64;
    assert_eq!(
        tier(Tier::ProvincialAgri),
        v("agri_towns_provincial"),
        "all five provincial agri towns are named"
    );
    assert!(tier(Tier::CityAgri) <= v("agri_towns_city"));
    assert!(tier(Tier::ProvincialKey) <= v("provincial_key_towns_first_batch"));
    for n in &NAMED {
        if let Some(id) = n.counted_in {
            let named = NAMED.iter().filter(|o| o.counted_in == Some(id)).count() as f64;
            assert!(
                get(id).is_some(),
                "{}: counted in unknown record {id}",
                n.id
            );
            assert!(named <= v(id), "{id}: {named} named, {} counted", v(id));
        }
    }
    // Lists the article gives in full.
    for id in [
        "trading_platforms",
        "capability_actions",
        "craft_key_industries",
    ] {
        assert_eq!(
            NAMED.iter().filter(|o| o.counted_in == Some(id)).count() as f64,
            v(id),
            "{id}"
        );
    }
    // The article's own total agrees with its parts.
    assert_eq!(
        v("agri_towns_provincial") + v("agri_towns_city"),
        v("agri_towns_total")
    );
}

// ---------------------------------------------------------------------------------------------
// Derived figures, recomputed independently
// ---------------------------------------------------------------------------------------------

fn r2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// A reported figure or target (never a derived one).
fn v(id: &str) -> f64 {
    match get(id) {
        Some(r) if r.kind != Kind::Derived => r.value,
        _ => panic!("{id} is not a reported figure or target"),
    }
}

fn before(output: &str, growth: &str) -> f64 {
    v(output) / (1.0 + v(growth) / 100.0)
}

/// id, value recomputed here from the reported figures, the qualifier it must carry.
fn expected_derived() -> Vec<(&'static str, f64, Option<Qualifier>)> {
    use Qualifier::*;
    let ten_2022 = before("ten_towns_output", "ten_towns_growth");
    let fenjiu_2022 = before("fenjiu_output", "fenjiu_growth");
    let nine = v("ten_towns_output") - v("fenjiu_output");
    let towns = v("provincial_key_towns_first_batch");
    let per_town = v("service_platforms") / towns;
    vec![
        ("ten_towns_output_2022_implied", r2(ten_2022), None),
        ("fenjiu_output_2022_implied", r2(fenjiu_2022), None),
        (
            "ten_towns_output_increase",
            r2(v("ten_towns_output") - ten_2022),
            None,
        ),
        (
            "fenjiu_output_increase",
            r2(v("fenjiu_output") - fenjiu_2022),
            None,
        ),
        ("other_nine_output", r2(nine), None),
        (
            "other_nine_output_2022_implied",
            r2(ten_2022 - fenjiu_2022),
            None,
        ),
        (
            "other_nine_growth",
            r2((nine / (ten_2022 - fenjiu_2022) - 1.0) * 100.0),
            // From figures rounded to 0.1 and a growth rate rounded to 1 point: about 19%.
            Some(Qualifier::About),
        ),
        (
            "fenjiu_share_of_ten_towns",
            r2(v("fenjiu_output") / v("ten_towns_output") * 100.0),
            None,
        ),
        (
            "fenjiu_share_of_increase",
            r2((v("fenjiu_output") - fenjiu_2022) / (v("ten_towns_output") - ten_2022) * 100.0),
            None,
        ),
        (
            "ten_towns_average_output",
            r2(v("ten_towns_output") / towns),
            None,
        ),
        ("other_nine_average_output", r2(nine / (towns - 1.0)), None),
        (
            "fenyang_industrial_output_upper_bound",
            r2(v("fenjiu_output") * 100.0 / v("fenjiu_share_of_fenyang_industry")),
            Some(LessThan),
        ),
        (
            "city_funding_total",
            r2(v("funding_taiyuan") + v("funding_xinzhou") + v("funding_lvliang")),
            None,
        ),
        ("platforms_per_provincial_town", r2(per_town), None),
        (
            "platforms_gap_to_target",
            r2(v("target_platforms_per_provincial_town") - per_town),
            Some(AtLeast),
        ),
        (
            "platforms_2025_min",
            r2(v("target_provincial_key_towns") * v("target_platforms_per_provincial_town")),
            Some(AtLeast),
        ),
        (
            "platforms_to_build_by_2025_min",
            r2(
                v("target_provincial_key_towns") * v("target_platforms_per_provincial_town")
                    - v("service_platforms"),
            ),
            Some(AtLeast),
        ),
        (
            "key_towns_to_add_by_2025",
            r2(v("target_provincial_key_towns") - towns),
            Some(AtLeast),
        ),
        (
            "agri_processing_revenue_2022_implied",
            r2(before("agri_processing_revenue", "agri_processing_growth")),
            None,
        ),
        (
            "leading_enterprises_not_provincial",
            r2(v("leading_enterprises_county_up") - v("leading_enterprises_provincial")),
            None,
        ),
        (
            "provincial_share_of_leading_enterprises",
            r2(v("leading_enterprises_provincial") / v("leading_enterprises_county_up") * 100.0),
            None,
        ),
        (
            "leading_enterprises_per_agri_town",
            r2(v("leading_enterprises_county_up") / v("agri_towns_total")),
            None,
        ),
        (
            "central_funds_leverage",
            r2(v("investment_drawn") / v("central_funds")),
            None,
        ),
    ]
}

#[test]
fn every_derived_value_matches_an_independent_recomputation() {
    let expected = expected_derived();
    let derived: Vec<&Record> = records()
        .iter()
        .filter(|r| r.kind == Kind::Derived)
        .collect();
    let ids: BTreeSet<&str> = derived.iter().map(|r| r.id).collect();
    let checked: BTreeSet<&str> = expected.iter().map(|e| e.0).collect();
    assert_eq!(
        ids, checked,
        "every derived record is recomputed here, and only those"
    );
    for (id, value, qualifier) in expected {
        let r = get(id).unwrap_or_else(|| panic!("no record {id}"));
        assert!(
            (r.value - value).abs() < 1e-9,
            "{id}: {} in the data, {value} recomputed",
            r.value
        );
        assert_eq!(r.qualifier, qualifier, "{id}");
        assert!(
            r.formula.is_some_and(|f| !f.is_empty()),
            "{id} has its formula"
        );
    }
    // Pinned to the printed figures (410.5亿元, 18.2%): if the article is ever corrected, this
    // line changes with the source text, on purpose.
    let ten_2022 = get("ten_towns_output_2022_implied").map(|r| r.value);
    assert_eq!(ten_2022, Some(r2(410.5 / 1.182)));
}

#[test]
fn no_derived_number_appears_as_reported() {
    for d in &DERIVATIONS {
        assert_eq!(get(d.id).map(|r| r.kind), Some(Kind::Derived), "{}", d.id);
    }
    for r in records() {
        assert_eq!(
            r.formula.is_some(),
            r.kind == Kind::Derived,
            "{}: formula if and only if derived",
            r.id
        );
        assert_eq!(
            r.quote_zh.is_empty(),
            r.kind == Kind::Derived,
            "{}: the article's words if and only if not derived",
            r.id
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Shape of the data: ids, units, sources, the rest-trip limits
// ---------------------------------------------------------------------------------------------

#[test]
fn the_real_dataset_breaks_no_rule() {
    let problems = validate(records());
    assert!(
        problems.is_empty(),
        "{}",
        problems
            .iter()
            .map(|p| p.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn units_are_exactly_the_issues_list() {
    let words: Vec<&str> = Unit::ALL.iter().map(|u| u.as_str()).collect();
    assert_eq!(
        words,
        [
            "yi_yuan",
            "yuan",
            "percent",
            "count",
            "square_meters",
            "people",
            "days"
        ]
    );
    // Unit is an enum, so a record cannot carry a unit outside the list unless Unit::ALL misses
    // a variant; this exhaustive match stops compiling when a variant is added.
    for r in records() {
        let listed = match r.unit {
            Unit::YiYuan
            | Unit::Yuan
            | Unit::Percent
            | Unit::Count
            | Unit::SquareMeters
            | Unit::People
            | Unit::Days => Unit::ALL.contains(&r.unit),
        };
        assert!(listed, "{}", r.id);
    }
}

#[test]
fn the_ids_the_charts_rely_on_exist() {
    let ids = [
        "provincial_key_towns_first_batch",
        "work_teams",
        "ten_towns_output",
        "ten_towns_growth",
        "fenjiu_output",
        "fenjiu_growth",
        "fenjiu_share_of_fenyang_industry",
        "city_level_towns",
        "funding_taiyuan",
        "funding_xinzhou",
        "funding_lvliang",
        "town_policy_documents",
        "service_platforms",
        "major_exhibitions",
        "promotion_events",
        "industry_colleges",
        "agri_towns_provincial",
        "agri_towns_city",
        "trading_platforms",
        "strong_agri_counties",
        "national_leading_enterprises",
        "agri_towns_total",
        "leading_enterprises_county_up",
        "leading_enterprises_provincial",
        "agri_processing_revenue",
        "agri_processing_growth",
        "capability_actions",
        "agri_funds",
        "central_funds",
        "investment_drawn",
        "craft_key_industries",
        "national_ich_crafts",
        "provincial_ich_crafts",
        "unesco_badges",
        "craft_expos",
        "craft_exhibition_area",
        "target_provincial_key_towns",
        "target_platforms_per_provincial_town",
        "target_platforms_per_city_town",
        "target_towns_300yi",
        "target_towns_100yi",
        "target_scale_300yi",
        "target_scale_100yi",
        "ten_towns_output_2022_implied",
        "fenjiu_output_2022_implied",
        "other_nine_output",
        "other_nine_output_2022_implied",
        "other_nine_growth",
        "fenjiu_share_of_ten_towns",
        "platforms_per_provincial_town",
        "platforms_gap_to_target",
        "city_funding_total",
        "central_funds_leverage",
        "agri_processing_revenue_2022_implied",
        "fenyang_industrial_output_upper_bound",
    ];
    for id in ids {
        assert!(get(id).is_some(), "{id}");
    }
    let q = |id: &str| get(id).and_then(|r| r.qualifier);
    assert_eq!(
        q("fenjiu_share_of_fenyang_industry"),
        Some(Qualifier::MoreThan)
    );
    assert_eq!(q("craft_exhibition_area"), Some(Qualifier::MoreThan));
    assert_eq!(q("target_provincial_key_towns"), Some(Qualifier::AtLeast));
}

#[test]
fn the_rest_trip_limits_are_records_built_from_the_limits_table() {
    let limit_records: Vec<&Record> = records()
        .iter()
        .filter(|r| r.source.section == Section::RestTrip)
        .collect();
    assert_eq!(
        limit_records.len(),
        8,
        "100 people, 7 days, 1/5, age 65, 6000/1000, 5000/900"
    );
    for r in &limit_records {
        assert!(
            r.id.starts_with("rest_") && r.id.ends_with("_max"),
            "{}",
            r.id
        );
        assert_eq!(r.qualifier, Some(Qualifier::AtMost), "{}", r.id);
        assert_eq!(r.kind, Kind::Reported);
        let l = LIMITS
            .iter()
            .find(|l| l.label_zh == r.label_zh)
            .unwrap_or_else(|| panic!("{} has no LIMITS row", r.id));
        assert_eq!(r.strength, Some(l.strength));
        assert_eq!(r.source, l.source);
        let value = if l.denominator == 1 {
            l.numerator as f64
        } else {
            100.0 * l.numerator as f64 / l.denominator as f64
        };
        assert_eq!(r.value, value, "{}", r.id);
    }
    let v = |id: &str| get(id).map(|r| (r.value, r.unit));
    assert_eq!(v("rest_batch_size_max"), Some((100.0, Unit::People)));
    assert_eq!(v("rest_batch_days_max"), Some((7.0, Unit::Days)));
    assert_eq!(v("rest_annual_share_max"), Some((20.0, Unit::Percent)));
    assert_eq!(
        v("rest_out_of_province_per_person_max"),
        Some((6000.0, Unit::Yuan))
    );
    assert_eq!(
        v("rest_out_of_province_per_day_max"),
        Some((1000.0, Unit::Yuan))
    );
    assert_eq!(
        v("rest_in_province_per_person_max"),
        Some((5000.0, Unit::Yuan))
    );
    assert_eq!(v("rest_in_province_per_day_max"), Some((900.0, Unit::Yuan)));
    assert!(records()
        .iter()
        .all(|r| r.strength.is_some() == (r.source.section == Section::RestTrip)));
}

// ---------------------------------------------------------------------------------------------
// The export
// ---------------------------------------------------------------------------------------------

#[test]
fn json_export_has_exactly_the_issues_fields() {
    let json: serde_json::Value =
        serde_json::from_str(&export::to_json()).unwrap_or_else(|e| panic!("not JSON: {e}"));
    let rows = json.as_array().unwrap_or_else(|| panic!("not an array"));
    assert_eq!(rows.len(), records().len());
    let fields: BTreeSet<&str> = [
        "id",
        "label_zh",
        "label_en",
        "value",
        "unit",
        "period",
        "kind",
        "qualifier",
        "source",
        "formula",
        "strength",
    ]
    .into();
    for (row, r) in rows.iter().zip(records()) {
        let obj = row.as_object().unwrap_or_else(|| panic!("not an object"));
        assert_eq!(
            obj.keys().map(String::as_str).collect::<BTreeSet<_>>(),
            fields,
            "{}",
            r.id
        );
        assert_eq!(row["id"], r.id);
        assert_eq!(row["value"].as_f64(), Some(r.value), "{}", r.id);
        assert_eq!(row["unit"], r.unit.as_str());
        assert_eq!(row["kind"], r.kind.as_str());
        assert_eq!(row["qualifier"].as_str(), r.qualifier.map(|q| q.as_str()));
        assert_eq!(row["source"]["section"], r.source.section.as_str());
        assert_eq!(row["source"]["paragraph"], u64::from(r.source.paragraph));
        assert_eq!(row["formula"].as_str(), r.formula);
    }
}

/// A strict RFC 4180 reader, for checking the export.
fn parse_csv(s: &str) -> Vec<Vec<String>> {
    let mut rows = vec![];
    let (mut row, mut field, mut quoted, mut chars) =
        (vec![], String::new(), false, s.chars().peekable());
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => assert_eq!(chars.next(), Some('\n'), "CRLF line ends"),
            (false, '\n') => panic!("bare LF"),
            (false, c) => field.push(c),
        }
        if !quoted && c == '\r' {
            row.push(std::mem::take(&mut field));
            rows.push(std::mem::take(&mut row));
        }
    }
    assert!(
        field.is_empty() && row.is_empty(),
        "the last row ends with CRLF"
    );
    rows
}

#[test]
fn csv_export_opens_in_excel_and_holds_every_record() {
    let csv = export::to_csv();
    assert!(
        csv.as_bytes().starts_with(&[0xEF, 0xBB, 0xBF]),
        "UTF-8 byte-order mark"
    );
    let rows = parse_csv(csv.trim_start_matches('\u{FEFF}'));
    assert_eq!(rows[0], export::CSV_COLUMNS);
    assert_eq!(rows.len(), records().len() + 1);
    for (row, r) in rows[1..].iter().zip(records()) {
        assert_eq!(row.len(), export::CSV_COLUMNS.len(), "{}", r.id);
        assert_eq!(row[0], r.id);
        assert_eq!(row[1], r.label_zh);
        assert_eq!(row[2], r.label_en);
        assert_eq!(row[3].parse::<f64>().ok(), Some(r.value), "{}", r.id);
        assert_eq!(row[3], r.value.to_string(), "{}: the shortest form", r.id);
        assert_eq!(row[6], r.kind.as_str());
        assert_eq!(row[12], r.formula.unwrap_or(""));
    }
    // Labels with commas and formulas with quotes survive the round trip.
    assert!(records().iter().any(|r| r.label_en.contains(',')));
    assert!(records()
        .iter()
        .any(|r| r.formula.is_some_and(|f| f.contains('"'))));
}

// ---------------------------------------------------------------------------------------------
// Each rule of validate() catches its defect
// ---------------------------------------------------------------------------------------------

/// The problems after changing one record of a copy of the dataset.
fn broken(id: &str, change: impl FnOnce(&mut Record)) -> Vec<Problem> {
    let mut copy = records().to_vec();
    let r = copy
        .iter_mut()
        .find(|r| r.id == id)
        .unwrap_or_else(|| panic!("no record {id}"));
    change(r);
    validate(&copy)
}

fn caught(problems: &[Problem], id: &str, rule: Rule) {
    assert!(
        problems.iter().any(|p| p.id == id && p.rule == rule),
        "{rule:?} on {id} not caught: {problems:?}"
    );
}

#[test]
fn rule_id_not_snake_case() {
    caught(
        &broken("press_conference_number", |r| r.id = "PressConference"),
        "PressConference",
        Rule::IdNotSnakeCase,
    );
}

#[test]
fn rule_duplicate_id() {
    caught(
        &broken("work_teams", |r| r.id = "press_conference_number"),
        "press_conference_number",
        Rule::DuplicateId,
    );
}

#[test]
fn rule_no_such_paragraph() {
    let p = broken("industry_colleges", |r| r.source.paragraph = 9);
    caught(
        &p,
        "industry_colleges",
        Rule::NoSuchParagraph {
            paragraph: 9,
            paragraphs: 8,
        },
    );
    let p = broken("unesco_badges", |r| r.source.paragraph = 0);
    caught(
        &p,
        "unesco_badges",
        Rule::NoSuchParagraph {
            paragraph: 0,
            paragraphs: 3,
        },
    );
    let p = broken("craft_expos", |r| {
        r.source = Source {
            section: Section::Targets2025,
            paragraph: 5,
        }
    });
    caught(
        &p,
        "craft_expos",
        Rule::NoSuchParagraph {
            paragraph: 5,
            paragraphs: 4,
        },
    );
}

#[test]
fn rule_not_finite() {
    caught(
        &broken("press_conference_number", |r| r.value = f64::NAN),
        "press_conference_number",
        Rule::NotFinite,
    );
}

#[test]
fn rule_missing_label() {
    caught(
        &broken("work_teams", |r| r.label_en = " "),
        "work_teams",
        Rule::MissingLabel,
    );
}

#[test]
fn rule_bad_period() {
    caught(
        &broken("ten_towns_output", |r| r.period = "Jan-Aug 2023"),
        "ten_towns_output",
        Rule::BadPeriod,
    );
}

#[test]
fn rule_missing_quote() {
    caught(
        &broken("promotion_events", |r| r.quote_zh = ""),
        "promotion_events",
        Rule::MissingQuote,
    );
}

#[test]
fn rule_quote_on_derived() {
    caught(
        &broken("other_nine_output", |r| r.quote_zh = "254.9亿元"),
        "other_nine_output",
        Rule::QuoteOnDerived,
    );
}

#[test]
fn rule_derived_without_formula() {
    caught(
        &broken("other_nine_output", |r| r.formula = None),
        "other_nine_output",
        Rule::DerivedWithoutFormula,
    );
}

#[test]
fn rule_formula_on_non_derived() {
    let p = broken("ten_towns_output", |r| {
        r.formula = Some("sum of the ten towns")
    });
    caught(&p, "ten_towns_output", Rule::FormulaOnNonDerived);
}

#[test]
fn rule_not_computed() {
    let mut copy = records().to_vec();
    copy.push(Record {
        id: "typed_in_total",
        kind: Kind::Derived,
        value: 566.1,
        formula: Some("ten_towns_output + fenjiu_output"),
        quote_zh: "",
        source: Source {
            section: Section::TownsOverview,
            paragraph: 3,
        },
        ..copy[0].clone()
    });
    let p = validate(&copy);
    caught(&p, "typed_in_total", Rule::NotComputed);
    assert_eq!(p.len(), 1, "{p:?}");
}

#[test]
fn rule_computed_but_not_derived() {
    let p = broken("other_nine_output", |r| {
        r.kind = Kind::Reported;
        r.formula = None;
        r.quote_zh = "254.9";
    });
    caught(&p, "other_nine_output", Rule::ComputedButNotDerived);
    assert_eq!(p.len(), 1, "{p:?}");
}

#[test]
fn rule_unknown_input() {
    let p = broken("other_nine_output", |r| {
        r.formula = Some("ten_town_output − fenjiu_output")
    });
    caught(
        &p,
        "other_nine_output",
        Rule::UnknownInput("ten_town_output".into()),
    );
    // A derived id is not an input: derived values rest on reported ones only.
    let p = broken("other_nine_output", |r| {
        r.formula = Some("other_nine_output_2022_implied × 1.19")
    });
    caught(
        &p,
        "other_nine_output",
        Rule::UnknownInput("other_nine_output_2022_implied".into()),
    );
}

#[test]
fn rule_stale_derived_value() {
    // A derived value edited by hand.
    let p = broken("other_nine_output", |r| r.value = 255.0);
    caught(
        &p,
        "other_nine_output",
        Rule::Stale {
            expected: r2(v("ten_towns_output") - v("fenjiu_output")),
        },
    );
    // A reported figure corrected in a copy whose derived records were not rebuilt.
    let p = broken("fenjiu_output", |r| r.value = 156.6);
    assert!(
        p.iter()
            .any(|p| p.id == "other_nine_output" && matches!(p.rule, Rule::Stale { .. })),
        "{p:?}"
    );
    assert!(
        p.iter()
            .any(|p| p.id == "fenjiu_output_2022_implied" && matches!(p.rule, Rule::Stale { .. })),
        "{p:?}"
    );
}

#[test]
fn rule_source_not_an_input() {
    let p = broken("central_funds_leverage", |r| {
        r.source = Source {
            section: Section::ArtsCrafts,
            paragraph: 1,
        }
    });
    caught(&p, "central_funds_leverage", Rule::SourceNotAnInput);
    assert_eq!(p.len(), 1, "{p:?}");
}

#[test]
fn every_figure_of_the_towns_sections_is_on_the_page() {
    // A chart or an "also in the article" card shows every figure the article reports or sets
    // as a target; none stays in the CSV alone.
    use sx_explainer::charts::{record_ids, ChartId};
    use sx_explainer::data::cards::GROUPS;
    let mut shown: BTreeSet<&str> = ChartId::ALL.iter().flat_map(|c| record_ids(*c)).collect();
    shown.extend(GROUPS.iter().flat_map(|g| g.cards.iter().map(|c| c.record)));
    let missing: Vec<&str> = records()
        .iter()
        .filter(|r| r.kind != Kind::Derived && !shown.contains(r.id))
        .map(|r| r.id)
        .collect();
    assert!(missing.is_empty(), "not on the page: {missing:?}");
    // And every item the article names is listed with a card, except the towns (on the tiers).
    let listed: BTreeSet<&str> = GROUPS
        .iter()
        .flat_map(|g| {
            g.cards
                .iter()
                .flat_map(|c| c.named().into_iter().map(|n| n.id))
        })
        .collect();
    let unlisted: Vec<&str> = NAMED
        .iter()
        .map(|n| n.id)
        .filter(|id| !listed.contains(id))
        .collect();
    assert!(unlisted.is_empty(), "named but not listed: {unlisted:?}");
}
