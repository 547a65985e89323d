//! The dataset's integrity rules as one function, [`validate`], so that the tests can run it on
//! the real records (it must find nothing) and on deliberately broken copies (it must find the
//! defect). It runs at test time only; nothing in the page calls it.

use super::towns::derivation;
use super::{Kind, Record, Unit};
use std::fmt;

/// One broken rule, on the record with this id.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    pub id: &'static str,
    pub rule: Rule,
}

/// The integrity rules. Each has a test in `tests/data.rs` that breaks it on purpose.
#[derive(Clone, Debug, PartialEq)]
pub enum Rule {
    /// Ids are lowercase snake_case (`ten_towns_output`), stable for charts and the export.
    IdNotSnakeCase,
    /// Two records share this id.
    DuplicateId,
    /// The source paragraph is 0 or past the end of its section.
    NoSuchParagraph { paragraph: u8, paragraphs: u8 },
    /// The unit is not one of [`Unit::ALL`].
    UnitNotListed,
    /// The value is NaN or infinite (a derived value whose input id does not exist, say).
    NotFinite,
    /// `label_zh` or `label_en` is empty.
    MissingLabel,
    /// The period is not `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or a range `start..end` of those.
    BadPeriod,
    /// A reported figure or target without the article's words (`quote_zh`).
    MissingQuote,
    /// A derived record that claims the article's words: derived figures are ours.
    QuoteOnDerived,
    /// A derived record without its formula.
    DerivedWithoutFormula,
    /// A reported figure or target with a formula: it would read as our calculation.
    FormulaOnNonDerived,
    /// A derived record with no derivation in `towns::DERIVATIONS`: a derived number typed in.
    NotComputed,
    /// The id has a derivation but the record says reported or target: our number as theirs.
    ComputedButNotDerived,
    /// The formula names this id, which is not a reported figure or target.
    UnknownInput(String),
    /// The derived value no longer matches its formula applied to the reported figures.
    Stale { expected: f64 },
    /// A derived record's source paragraph is not the source of any figure its formula uses.
    SourceNotAnInput,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let id = self.id;
        match &self.rule {
            Rule::IdNotSnakeCase => write!(f, "{id}: id is not snake_case"),
            Rule::DuplicateId => write!(f, "{id}: duplicate id"),
            Rule::NoSuchParagraph {
                paragraph,
                paragraphs,
            } => {
                write!(
                    f,
                    "{id}: source paragraph {paragraph} does not exist (section has {paragraphs})"
                )
            }
            Rule::UnitNotListed => write!(f, "{id}: unit is not in the list"),
            Rule::NotFinite => write!(f, "{id}: value is not a finite number"),
            Rule::MissingLabel => write!(f, "{id}: missing label"),
            Rule::BadPeriod => write!(f, "{id}: period is not YYYY[-MM[-DD]] or a range of those"),
            Rule::MissingQuote => write!(f, "{id}: reported figure without the article's words"),
            Rule::QuoteOnDerived => write!(f, "{id}: derived figure quotes the article"),
            Rule::DerivedWithoutFormula => write!(f, "{id}: derived figure without a formula"),
            Rule::FormulaOnNonDerived => {
                write!(f, "{id}: reported figure or target with a formula")
            }
            Rule::NotComputed => write!(f, "{id}: derived figure typed in, not computed"),
            Rule::ComputedButNotDerived => {
                write!(f, "{id}: computed figure marked as reported or target")
            }
            Rule::UnknownInput(input) => {
                write!(f, "{id}: formula names {input}, not a reported figure")
            }
            Rule::Stale { expected } => write!(
                f,
                "{id}: derived value does not match its formula ({expected})"
            ),
            Rule::SourceNotAnInput => write!(f, "{id}: source is not the paragraph of any input"),
        }
    }
}

/// Checks every integrity rule on `records` and returns what is broken (empty when all hold).
///
/// ```
/// use sx_explainer::data::{records, validate};
/// assert!(validate(records()).is_empty());
///
/// let mut broken = records().to_vec();
/// broken[0].source.paragraph = 99;
/// assert_eq!(validate(&broken).len(), 1);
/// ```
pub fn validate(records: &[Record]) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut bad = |id, rule| problems.push(Problem { id, rule });
    for (i, r) in records.iter().enumerate() {
        if !is_snake_case(r.id) {
            bad(r.id, Rule::IdNotSnakeCase);
        }
        if records[..i].iter().any(|o| o.id == r.id) {
            bad(r.id, Rule::DuplicateId);
        }
        let paragraphs = r.source.section.paragraphs();
        if r.source.paragraph == 0 || r.source.paragraph > paragraphs {
            bad(
                r.id,
                Rule::NoSuchParagraph {
                    paragraph: r.source.paragraph,
                    paragraphs,
                },
            );
        }
        if !Unit::ALL.contains(&r.unit) {
            bad(r.id, Rule::UnitNotListed);
        }
        if !r.value.is_finite() {
            bad(r.id, Rule::NotFinite);
        }
        if r.label_zh.trim().is_empty() || r.label_en.trim().is_empty() {
            bad(r.id, Rule::MissingLabel);
        }
        if !is_period(r.period) {
            bad(r.id, Rule::BadPeriod);
        }
        let computed = derivation(r.id);
        if r.kind == Kind::Derived {
            check_derived(r, records, &mut bad);
        } else {
            if r.quote_zh.trim().is_empty() {
                bad(r.id, Rule::MissingQuote);
            }
            if r.formula.is_some() {
                bad(r.id, Rule::FormulaOnNonDerived);
            }
            if computed.is_some() {
                bad(r.id, Rule::ComputedButNotDerived);
            }
        }
    }
    problems
}

fn check_derived(r: &Record, records: &[Record], bad: &mut impl FnMut(&'static str, Rule)) {
    if !r.quote_zh.is_empty() {
        bad(r.id, Rule::QuoteOnDerived);
    }
    match r.formula {
        None => bad(r.id, Rule::DerivedWithoutFormula),
        Some(formula) => {
            let mut sources = Vec::new();
            for input in formula_ids(formula) {
                match records
                    .iter()
                    .find(|o| o.id == input && o.kind != Kind::Derived)
                {
                    Some(o) => sources.push(o.source),
                    None => bad(r.id, Rule::UnknownInput(input.to_string())),
                }
            }
            if !sources.is_empty() && !sources.contains(&r.source) {
                bad(r.id, Rule::SourceNotAnInput);
            }
        }
    }
    match derivation(r.id) {
        None => bad(r.id, Rule::NotComputed),
        Some(d) => {
            let expected = d.value_from(records);
            // Both sides went through the same rounding; a real change differs by 0.01 or more.
            // Written so that a NaN on either side counts as a mismatch.
            let matches = (expected - r.value).abs() < 1e-9;
            if !matches {
                bad(r.id, Rule::Stale { expected });
            }
        }
    }
}

/// The ids a formula names: its words made of lowercase letters, digits and underscores that
/// contain an underscore (`ten_towns_output`); plain words and numbers are not ids.
pub fn formula_ids(formula: &str) -> impl Iterator<Item = &str> {
    formula
        .split(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'))
        .filter(|w| w.contains('_') && w.starts_with(|c: char| c.is_ascii_lowercase()))
}

fn is_snake_case(id: &str) -> bool {
    id.starts_with(|c: char| c.is_ascii_lowercase())
        && !id.ends_with('_')
        && !id.contains("__")
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, or `start..end` of those with start before end.
fn is_period(p: &str) -> bool {
    match p.split_once("..") {
        Some((a, b)) => is_date(a) && is_date(b) && a < b,
        None => is_date(p),
    }
}

fn is_date(s: &str) -> bool {
    let mut parts = s.split('-');
    let num = |p: Option<&str>, len: usize, lo: u32, hi: u32| {
        p.filter(|p| p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|p| p.parse::<u32>().ok())
            .is_some_and(|n| (lo..=hi).contains(&n))
    };
    if !num(parts.next(), 4, 1900, 2100) {
        return false;
    }
    match parts.next() {
        None => true,
        Some(m) if num(Some(m), 2, 1, 12) => match parts.next() {
            None => true,
            Some(d) => num(Some(d), 2, 1, 31) && parts.next().is_none(),
        },
        Some(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods() {
        for ok in [
            "2025",
            "2023-09",
            "2023-09-21",
            "2023-01..2023-08",
            "2023-09-21..2025",
        ] {
            assert!(is_period(ok), "{ok}");
        }
        for bad in [
            "",
            "25",
            "2023-13",
            "2023-9",
            "2023-09-32",
            "2023-08..2023-01",
            "2023..",
            "2023-09-21-1",
            "Q3 2023",
        ] {
            assert!(!is_period(bad), "{bad}");
        }
    }

    #[test]
    fn snake_case() {
        assert!(is_snake_case("ten_towns_output_2022_implied"));
        for bad in [
            "",
            "TenTowns",
            "ten-towns",
            "_ten",
            "ten_",
            "ten__towns",
            "2022_output",
            "ten towns",
        ] {
            assert!(!is_snake_case(bad), "{bad}");
        }
    }

    #[test]
    fn formula_ids_are_the_snake_case_words() {
        let ids: Vec<_> = formula_ids(
            "fenjiu_output ÷ fenjiu_share_of_fenyang_industry%: the share is 60% or more",
        )
        .collect();
        assert_eq!(ids, ["fenjiu_output", "fenjiu_share_of_fenyang_industry"]);
    }
}
