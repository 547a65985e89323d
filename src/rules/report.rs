//! The report the engine returns: a verdict, input errors per field, and one check per rule with
//! the figures behind it, the strength of the wording, the source and what would pass (its words
//! written only when asked for).

use super::plan::{Destination, Honor, PlanError, TechnicalYear, Title, Venue};
use crate::data::{Limit, LimitId, Source, Strength, Unit};
use crate::format::Lang;
use jiff::civil::Date;
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};
use std::fmt;

/// The overall verdict, from worst to best: `invalid` > `ineligible` > `does_not_meet` > `meets`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Meets,
    DoesNotMeet,
    Ineligible,
    Invalid,
}

/// A check's outcome.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Ok,
    Fails,
    NotEligible,
    NotApplicable,
    /// Advice that does not fail a plan.
    Note,
}

/// The rules, one id each.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleId {
    BatchSize,
    Duration,
    CostPerPerson,
    CostPerDay,
    Venue,
    CrossProvince,
    Lodging,
    AnnualScale,
    Eligibility,
    TechnicalWorkerTrend,
}

/// One rule applied to one batch, one person, or the whole plan.
///
/// Deciding and explaining are apart: the figures, the status and [`Why`] (the few numbers,
/// dates and words the text needs) are set when the plan is checked, without building any text;
/// [`Check::message`] and [`Check::suggestion`] write the words in the one language asked for,
/// and serialising a check writes both languages straight into the output (the JSON keys
/// `message_zh`, `message_en`, `suggestion_zh`, `suggestion_en`, after the figures).
#[derive(Clone, Debug, PartialEq)]
pub struct Check {
    pub rule: RuleId,
    pub batch: Option<usize>,
    pub person: Option<usize>,
    pub status: Status,
    /// What the plan has, in `unit` (yuan may have two decimals).
    pub observed: Option<f64>,
    pub limit: Option<f64>,
    pub unit: Option<Unit>,
    /// `limit - observed`: negative when over. For the one floor (the technical workers' yearly
    /// rise) it is `observed - limit`, so a negative margin always means the rule is broken.
    pub margin: Option<f64>,
    pub strength: Strength,
    pub source: Source,
    /// The row of the limits table the check was decided by (its quote is in the words).
    pub row: LimitId,
    /// What the message and the suggestion are built from.
    pub why: Why,
}

/// What a check's words need beyond its figures, one variant per kind of message. Numbers are
/// the plan's own (people, days, fen); the batch and person index come from the [`Check`].
/// Small and allocation-free, except the rising technical-worker trend, whose message lists
/// every year (one check per report).
#[derive(Clone, Debug, PartialEq)]
pub enum Why {
    /// `batch_size`: the batch's participants and the most per batch.
    BatchSize { participants: i64, max: i64 },
    /// `duration`: arrival and return day, the days counted (both included) and the most.
    Duration {
        start: Date,
        end: Date,
        days: i64,
        max: i64,
    },
    /// `cost_per_person`: the cost and the cap in fen, and the days the budget is counted for.
    CostPerPerson {
        destination: Destination,
        days: i64,
        cost_fen: i64,
        cap_fen: i64,
    },
    /// `cost_per_day`: the cost and the per-day cap in fen, over `days` days.
    CostPerDay {
        destination: Destination,
        days: i64,
        cost_fen: i64,
        cap_fen: i64,
    },
    /// A cost check of a plan that another body organises.
    CostNotApplicable,
    /// `venue`.
    Venue(Venue),
    /// `cross_province` (the status says whether there are such activities).
    CrossProvince,
    /// `lodging`: how many times the lodging changes.
    Lodging { changes: i64 },
    /// `annual_scale` for one year: its batches and people, the model workers under 65 and the
    /// most the year may have.
    AnnualScale {
        year: i16,
        batches: u32,
        workers: u32,
        total: i64,
        max: i64,
    },
    /// `annual_scale` without the number of model workers under 65.
    AnnualScaleUnknown { year: i16, batches: u32, total: i64 },
    /// `eligibility` of one person.
    Eligibility { honor: Honor, title: Title },
    /// `technical_worker_trend` rising every year: the years in order and the smallest rise.
    TrendRises {
        years: Box<[TechnicalYear]>,
        rise: i64,
    },
    /// `technical_worker_trend` not rising from `from` to `to` (the worst pair of years).
    TrendFalls {
        from: TechnicalYear,
        to: TechnicalYear,
    },
    /// `technical_worker_trend` with fewer than two years.
    TrendUnknown,
}

impl Check {
    /// A check of `rule` decided from the limit row `l` (its strength, source and unit): its
    /// status, its figures (`[observed, limit, margin]`, with the row's unit; `None` for a check
    /// without figures, which has no unit either) and what its words are built from. Built in
    /// one go: this runs for every batch and every person.
    pub(crate) fn new(
        rule: RuleId,
        batch: Option<usize>,
        l: &Limit,
        status: Status,
        figures: Option<[f64; 3]>,
        why: Why,
    ) -> Check {
        let [observed, limit, margin] = match figures {
            Some(f) => f.map(Some),
            None => [None; 3],
        };
        Check {
            rule,
            batch,
            person: None,
            status,
            observed,
            limit,
            unit: figures.map(|_| l.unit),
            margin,
            strength: l.strength,
            source: l.source,
            row: l.id,
            why,
        }
    }

    /// The words before a check's message, by its status and, for a check that fails, by how
    /// binding the article's wording is: 一般 is a general limit, 原则上 an in-principle rule,
    /// and a requirement without either is hard.
    pub fn label(&self, lang: Lang) -> &'static str {
        match (self.status, self.strength) {
            (Status::Ok, _) => lang.pick("符合", "Within the limit"),
            (Status::Fails, Strength::Generally) => {
                lang.pick("超出一般标准", "Over a general limit")
            }
            (Status::Fails, Strength::InPrinciple) => {
                lang.pick("与原则性要求不符", "Not in line with an in-principle rule")
            }
            (Status::Fails, Strength::Hard) => lang.pick("不符合要求", "Fails a requirement"),
            (Status::NotEligible, _) => lang.pick("不符合参加条件", "Not eligible"),
            (Status::NotApplicable, _) if self.unchecked().is_some() => {
                lang.pick("未核对", "Not checked")
            }
            (Status::NotApplicable, _) => lang.pick("不适用", "Does not apply"),
            (Status::Note, _) => lang.pick("提示", "Advice"),
        }
    }

    /// A mark that says the status without colour: ✓ ✗ ⊘ – ？ ℹ.
    pub fn mark(&self) -> &'static str {
        match self.status {
            Status::Ok => "✓",
            Status::Fails => "✗",
            Status::NotEligible => "⊘",
            Status::NotApplicable if self.unchecked().is_some() => "?",
            Status::NotApplicable => "–",
            Status::Note => "ℹ",
        }
    }

    /// Why this check could not be made, if that is what it is.
    pub fn unchecked(&self) -> Option<Unchecked> {
        match self.why {
            Why::AnnualScaleUnknown { .. } => Some(Unchecked::NoWorkerCount),
            Why::TrendUnknown => Some(Unchecked::TooFewYears),
            _ => None,
        }
    }

    /// The message: what the plan has against the rule, quoting its figures.
    pub fn message(&self, lang: Lang) -> String {
        Words {
            check: self,
            lang,
            suggestion: false,
        }
        .to_string()
    }

    /// What would pass, when the check fails, is not eligible or is a note.
    pub fn suggestion(&self, lang: Lang) -> Option<String> {
        self.has_suggestion().then(|| {
            Words {
                check: self,
                lang,
                suggestion: true,
            }
            .to_string()
        })
    }

    /// Whether [`Check::suggestion`] has something to say.
    pub fn has_suggestion(&self) -> bool {
        super::has_suggestion(self)
    }
}

/// A check's message or suggestion in one language, written on demand (to a `String`, or
/// straight into the JSON output).
struct Words<'a> {
    check: &'a Check,
    lang: Lang,
    suggestion: bool,
}

impl fmt::Display for Words<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.suggestion {
            super::write_suggestion(f, self.check, self.lang)
        } else {
            super::write_message(f, self.check, self.lang)
        }
    }
}

impl Serialize for Words<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl Serialize for Check {
    /// The issue's shape: the figures, then `message_zh`, `message_en`, `suggestion_zh` and
    /// `suggestion_en` (`null` when there is nothing to suggest).
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let words = |lang, suggestion| Words {
            check: self,
            lang,
            suggestion,
        };
        let fix = self.has_suggestion();
        let mut st = s.serialize_struct("Check", 14)?;
        st.serialize_field("rule", &self.rule)?;
        st.serialize_field("batch", &self.batch)?;
        st.serialize_field("person", &self.person)?;
        st.serialize_field("status", &self.status)?;
        st.serialize_field("observed", &self.observed)?;
        st.serialize_field("limit", &self.limit)?;
        st.serialize_field("unit", &self.unit)?;
        st.serialize_field("margin", &self.margin)?;
        st.serialize_field("strength", &self.strength)?;
        st.serialize_field("source", &self.source)?;
        st.serialize_field("message_zh", &words(Lang::Zh, false))?;
        st.serialize_field("message_en", &words(Lang::En, false))?;
        st.serialize_field("suggestion_zh", &fix.then(|| words(Lang::Zh, true)))?;
        st.serialize_field("suggestion_en", &fix.then(|| words(Lang::En, true)))?;
        st.end()
    }
}

/// A rule the plan could not be checked against, and why.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unchecked {
    /// No count of model workers aged 65 or under: the yearly total is not checked.
    NoWorkerCount,
    /// No roster: who may go is not checked.
    NoRoster,
    /// Fewer than two years of technical workers' trips: the yearly rise is not checked.
    TooFewYears,
}

impl Unchecked {
    /// The rule that was not checked.
    pub fn rule(self) -> RuleId {
        match self {
            Unchecked::NoWorkerCount => RuleId::AnnualScale,
            Unchecked::NoRoster => RuleId::Eligibility,
            Unchecked::TooFewYears => RuleId::TechnicalWorkerTrend,
        }
    }

    /// Why, in a few words (for the headline).
    pub fn reason(self, lang: Lang) -> &'static str {
        match self {
            Unchecked::NoWorkerCount => lang.pick(
                "未填65岁以下劳模总数",
                "no count of model workers aged 65 or under",
            ),
            Unchecked::NoRoster => lang.pick("未填参加人员名单", "no roster"),
            Unchecked::TooFewYears => lang.pick(
                "优秀技术工人疗休养人次不足两年",
                "fewer than two years of technical workers' person-trips",
            ),
        }
    }
}

impl Serialize for Unchecked {
    /// `{"rule": …, "reason": …, "reason_zh": …, "reason_en": …}`.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        #[serde(rename_all = "snake_case")]
        enum Reason {
            NoWorkerCount,
            NoRoster,
            TooFewYears,
        }
        let reason = match self {
            Unchecked::NoWorkerCount => Reason::NoWorkerCount,
            Unchecked::NoRoster => Reason::NoRoster,
            Unchecked::TooFewYears => Reason::TooFewYears,
        };
        let mut st = s.serialize_struct("Unchecked", 4)?;
        st.serialize_field("rule", &self.rule())?;
        st.serialize_field("reason", &reason)?;
        st.serialize_field("reason_zh", self.reason(Lang::Zh))?;
        st.serialize_field("reason_en", self.reason(Lang::En))?;
        st.end()
    }
}

/// The whole answer for one plan. Serialised with its headline in both languages
/// (`headline_zh`, `headline_en`, after the verdict).
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    pub verdict: Verdict,
    pub errors: Vec<PlanError>,
    pub checks: Vec<Check>,
    /// The rules the plan could not be checked against, and why (a `meets` verdict covers only
    /// the rules checked).
    pub unchecked: Vec<Unchecked>,
    pub priority_order: Vec<usize>,
}

impl Serialize for Report {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Report", 7)?;
        st.serialize_field("verdict", &self.verdict)?;
        st.serialize_field("headline_zh", &self.headline(Lang::Zh))?;
        st.serialize_field("headline_en", &self.headline(Lang::En))?;
        st.serialize_field("errors", &self.errors)?;
        st.serialize_field("checks", &self.checks)?;
        st.serialize_field("unchecked", &self.unchecked)?;
        st.serialize_field("priority_order", &self.priority_order)?;
        st.end()
    }
}

impl Report {
    /// The report for a plan that could not be read.
    pub fn invalid(errors: Vec<PlanError>) -> Report {
        Report {
            verdict: Verdict::Invalid,
            errors,
            checks: Vec::new(),
            unchecked: Vec::new(),
            priority_order: Vec::new(),
        }
    }

    /// The verdict in words, claiming no more than was checked: "未超出所列标准（1项未核对：
    /// 未填65岁以下劳模总数）", "2项不符：1项超出一般标准，1项与原则性要求不符".
    ///
    /// ```
    /// use sx_explainer::format::Lang;
    /// use sx_explainer::rules::{check, example_plan};
    /// let mut plan = example_plan();
    /// plan.model_workers_under_65 = None;
    /// assert_eq!(
    ///     check(&plan).headline(Lang::Zh),
    ///     "未超出所列标准（1项未核对：未填65岁以下劳模总数）"
    /// );
    /// assert_eq!(check(&example_plan()).headline(Lang::En), "Within every limit listed");
    /// ```
    pub fn headline(&self, lang: Lang) -> String {
        let n = |s: Status, st: Option<Strength>| {
            self.checks
                .iter()
                .filter(|c| c.status == s && st.is_none_or(|x| c.strength == x))
                .count()
        };
        match self.verdict {
            Verdict::Invalid => lang
                .pick(
                    "方案填写有误，请按提示修改",
                    "The plan has input errors: see the fields marked",
                )
                .to_string(),
            Verdict::Ineligible => {
                let k = n(Status::NotEligible, None);
                match lang {
                    Lang::Zh => format!("名单上有{k}人不符合参加条件"),
                    Lang::En => format!(
                        "{k} {} on the roster not eligible",
                        if k == 1 { "person" } else { "people" }
                    ),
                }
            }
            Verdict::DoesNotMeet => {
                let mut parts = Vec::new();
                for (st, zh, en) in [
                    (Strength::Generally, "超出一般标准", "over a general limit"),
                    (
                        Strength::InPrinciple,
                        "与原则性要求不符",
                        "not in line with an in-principle rule",
                    ),
                    (Strength::Hard, "不符合要求", "failing a requirement"),
                ] {
                    let k = n(Status::Fails, Some(st));
                    if k > 0 {
                        parts.push(match lang {
                            Lang::Zh => format!("{k}项{zh}"),
                            Lang::En => format!("{k} {en}"),
                        });
                    }
                }
                let total = n(Status::Fails, None);
                match lang {
                    Lang::Zh => format!("有{total}项不符：{}", parts.join("，")),
                    Lang::En => format!(
                        "{total} {} outside the rules: {}",
                        if total == 1 { "check" } else { "checks" },
                        parts.join(", ")
                    ),
                }
            }
            Verdict::Meets if self.unchecked.is_empty() => lang
                .pick("未超出所列标准", "Within every limit listed")
                .to_string(),
            Verdict::Meets => {
                let k = self.unchecked.len();
                let why: Vec<&str> = self.unchecked.iter().map(|u| u.reason(lang)).collect();
                match lang {
                    Lang::Zh => format!("未超出所列标准（{k}项未核对：{}）", why.join("；")),
                    Lang::En => format!(
                        "Within the limits checked ({k} not checked: {})",
                        why.join("; ")
                    ),
                }
            }
        }
    }

    /// How many checks there were and how they came out: "共20项检查，18项符合，2项提示。"
    pub fn tally(&self, lang: Lang) -> String {
        if self.verdict == Verdict::Invalid {
            return match lang {
                Lang::Zh => format!("共{}处需要修改。", self.errors.len()),
                Lang::En => format!("{} to fix.", self.errors.len()),
            };
        }
        let count = |s: Status| self.checks.iter().filter(|c| c.status == s).count();
        let mut d = match lang {
            Lang::Zh => format!("共{}项检查，{}项符合", self.checks.len(), count(Status::Ok)),
            Lang::En => format!("{} checks, {} met", self.checks.len(), count(Status::Ok)),
        };
        for (s, zh, en) in [
            (Status::Fails, "不符", "not met"),
            (Status::NotEligible, "不符合参加条件", "not eligible"),
            (Status::Note, "提示", "advice"),
        ] {
            let k = count(s);
            if k > 0 {
                d.push_str(&match lang {
                    Lang::Zh => format!("，{k}项{zh}"),
                    Lang::En => format!(", {k} {en}"),
                });
            }
        }
        d.push_str(lang.pick("。", "."));
        d
    }

    /// The report for a valid plan, its verdict decided by the checks: `ineligible` if anyone is
    /// not eligible, else `does_not_meet` if any check fails, else `meets` (`note` and
    /// `not_applicable` never fail a plan).
    pub fn from_checks(checks: Vec<Check>) -> Report {
        let verdict = if checks.iter().any(|c| c.status == Status::NotEligible) {
            Verdict::Ineligible
        } else if checks.iter().any(|c| c.status == Status::Fails) {
            Verdict::DoesNotMeet
        } else {
            Verdict::Meets
        };
        let mut unchecked: Vec<Unchecked> = Vec::new();
        for u in checks.iter().filter_map(Check::unchecked) {
            if !unchecked.contains(&u) {
                unchecked.push(u);
            }
        }
        if !checks.iter().any(|c| c.rule == RuleId::Eligibility) {
            unchecked.push(Unchecked::NoRoster);
        }
        unchecked.sort_by_key(|u| u.rule() as u8);
        Report {
            verdict,
            errors: Vec::new(),
            checks,
            unchecked,
            priority_order: Vec::new(),
        }
    }
}
