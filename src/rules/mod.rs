//! The rest-trip rule engine: checks a reader's hypothetical plan against the provincial trade
//! union's rules on model workers' rest trips, explains every verdict in Chinese and English, and
//! says concretely what would pass. Pure Rust with no browser types; thresholds come only from
//! [`crate::data::limits`], so a decision and its explanation come from the same row.
//!
//! Deciding and explaining are apart. Checking a plan sets each [`Check`]'s status, figures and
//! [`Why`] (the few numbers, dates and words its text needs) without building any text, so a
//! 100-batch plan is checked in tens of microseconds; [`Check::message`] and
//! [`Check::suggestion`] write the words in the one language asked for, and serialising a
//! report writes both languages straight into the JSON. Each rule's decision and its words sit
//! together below, and the limit rules share one phrase builder (`judge`).
//!
//! Entry points: [`check_json`] (a plan as JSON text, the shape of the JS API and the share URL),
//! [`check_value`] and [`check`]. None panics on any input: bad input is a report with verdict
//! `invalid` and one error per wrong field. Days count the arrival and the return day; money is
//! integer fen; the yearly share compares `total × denominator ≤ workers × numerator` in integers.

mod budget;
pub mod draft;
pub mod field;
pub mod link;
pub mod number;
mod people;
mod plan;
pub mod read;
mod report;

pub use budget::{budget, caps_fen, Budget, Cap};
pub use draft::{Cell, Draft, Edit, EditError, Origin};
pub use field::{FieldPath, ListId};
pub use people::{eligibility, priorities, priority_order, Priority};
pub use plan::{
    Batch, Destination, Honor, Organizer, Person, Plan, PlanError, TechnicalYear, Title, Venue,
    Vocab, Word,
};
pub use read::{read, Reading};
pub use report::{Check, Report, RuleId, Status, Verdict, Why};

use crate::data::{limit, Limit, LimitId};
use crate::format::{self, grouped, Lang};
use jiff::civil::{date, Date};
use jiff::SignedDuration;
use plan::FEN;
use std::fmt::{self, Arguments};

/// Checks a plan given as JSON text.
///
/// Bad JSON, a wrong type, a value out of range or a date that does not exist give a report with
/// verdict `invalid` and one error per field; nothing panics.
///
/// ```
/// use sx_explainer::format::Lang;
/// use sx_explainer::rules::{check_json, Verdict};
/// let ok = r#"{"organizer":"provincial_union","batches":[{"participants":100,"start":"2024-05-06",
///   "end":"2024-05-12","cost_per_person":4500,"destination":"in_province","venue":"national_base",
///   "cross_province_activities":false,"lodging_changes":0}]}"#;
/// assert_eq!(check_json(ok).verdict, Verdict::Meets);
/// // 101 people in one batch is over the general limit of 100.
/// let big = ok.replace("\"participants\":100", "\"participants\":101");
/// let report = check_json(&big);
/// assert_eq!(report.verdict, Verdict::DoesNotMeet);
/// assert_eq!(report.checks[0].suggestion(Lang::En).as_deref(), Some("Split it into 2 batches of 51/50."));
/// // 2023-02-29 does not exist.
/// let bad = ok.replace("2024-05-06", "2023-02-29");
/// assert_eq!(check_json(&bad).errors[0].field(), "batches.0.start");
/// // A misspelt key is an error that names the nearest field, not a silent default.
/// let typo = ok.replace("\"organizer\"", "\"organiser\"");
/// assert_eq!(check_json(&typo).verdict, Verdict::Invalid);
/// ```
pub fn check_json(json: &str) -> Report {
    match serde_json::from_str::<serde_json::Value>(json) {
        Ok(v) => check_value(&v),
        Err(e) => Report::invalid(vec![PlanError::from_json(&e)]),
    }
}

/// Checks a plan given as a parsed JSON value (what the JS API hands over): numbers must be JSON
/// numbers, and an unknown key is an error.
pub fn check_value(value: &serde_json::Value) -> Report {
    check_draft(&Draft::from_json(value, Origin::Api))
}

/// Checks a draft (what the form holds).
pub fn check_draft(draft: &Draft) -> Report {
    check_reading(&read(draft))
}

/// Checks what reading a draft gave: the plan's checks when it is valid, else its errors.
pub fn check_reading(reading: &Reading) -> Report {
    match &reading.plan {
        Some(plan) => check_valid(plan),
        None => Report::invalid(reading.errors.clone()),
    }
}

/// Checks a plan built in Rust. It is read back through the one reader first, so a value that
/// a reader could not enter (an end before its start, 101 batches, a negative cost) gives the
/// same `invalid` report as it would from the form or JSON.
pub fn check(plan: &Plan) -> Report {
    check_draft(&Draft::from_plan(plan))
}

impl Plan {
    /// Reads a plan from JSON (the CLI's and the JS API's shape).
    ///
    /// # Errors
    /// One [`PlanError`] per wrong field or unknown key, with its path.
    pub fn from_value(v: &serde_json::Value) -> Result<Plan, Vec<PlanError>> {
        let r = read(&Draft::from_json(v, Origin::Api));
        r.plan.ok_or(r.errors)
    }
}

impl<'de> serde::Deserialize<'de> for Plan {
    /// Reads the plan through [`Plan::from_value`]; the error names the first wrong field.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Plan, D::Error> {
        let v = serde_json::Value::deserialize(d)?;
        Plan::from_value(&v).map_err(|errors| match errors.first() {
            Some(e) => serde::de::Error::custom(format_args!("{}: {}", e.path, e.message_en)),
            None => serde::de::Error::custom("invalid plan"),
        })
    }
}

impl Person {
    /// Reads one person (the "Who may go?" check), with the same rules as a roster entry.
    ///
    /// # Errors
    /// Every wrong field.
    pub fn from_cells(cells: &[Cell]) -> Result<Person, Vec<PlanError>> {
        read::read_person(cells)
    }
}

/// A plan that meets every rule, for the widget to start from: the provincial union, 1,000 model
/// workers under 65, two batches in 2024 (180 people, within 200), a roster of four and two years
/// of technical workers' trips.
pub fn example_plan() -> Plan {
    const MAY_6: Date = date(2024, 5, 6);
    const MAY_12: Date = date(2024, 5, 12);
    const SEP_9: Date = date(2024, 9, 9);
    const SEP_14: Date = date(2024, 9, 14);
    let person =
        |honor, title, age, frontline, high_intensity, hard_environment, key_role| Person {
            honor,
            title,
            age,
            frontline,
            high_intensity,
            hard_environment,
            key_role,
        };
    Plan {
        organizer: Organizer::ProvincialUnion,
        model_workers_under_65: Some(1000),
        batches: vec![
            Batch {
                participants: 80,
                start: MAY_6,
                end: MAY_12,
                cost_fen: 450_000,
                destination: Destination::InProvince,
                venue: Venue::ProvincialBase,
                cross_province_activities: false,
                lodging_changes: 0,
            },
            Batch {
                participants: 100,
                start: SEP_9,
                end: SEP_14,
                cost_fen: 580_000,
                destination: Destination::OutOfProvince,
                venue: Venue::NationalBase,
                cross_province_activities: false,
                lodging_changes: 0,
            },
        ],
        people: vec![
            person(
                Honor::City,
                Title::ModelWorker,
                58,
                true,
                false,
                false,
                false,
            ),
            person(
                Honor::Provincial,
                Title::AdvancedWorker,
                61,
                true,
                true,
                false,
                false,
            ),
            person(
                Honor::National,
                Title::MayDayMedal,
                45,
                true,
                false,
                true,
                true,
            ),
            person(
                Honor::Provincial,
                Title::Treatment,
                63,
                false,
                false,
                false,
                false,
            ),
        ],
        technical_worker_trips: vec![
            TechnicalYear {
                year: 2022,
                participants: 300,
            },
            TechnicalYear {
                year: 2023,
                participants: 360,
            },
        ],
    }
}

/// [`example_plan`] as JSON text in the issue's shape.
pub fn example_plan_json() -> String {
    example_plan().to_json()
}

/// Checks a plan that the reader accepted. Only decides: no text is built here (see
/// [`Check::message`]).
fn check_valid(plan: &Plan) -> Report {
    // Seven checks per batch, at most one yearly check per batch, one per person, the trend.
    let mut checks = Vec::with_capacity(plan.batches.len() * 8 + plan.people.len() + 1);
    let cost_applies = plan.organizer == Organizer::ProvincialUnion;
    let rows = Rows::new();
    for (i, b) in plan.batches.iter().enumerate() {
        let x = Ctx {
            i,
            b,
            days: days(b),
            rows: &rows,
        };
        checks.push(batch_size(&x));
        checks.push(duration(&x));
        checks.extend(costs(&x, cost_applies));
        checks.push(venue(&x));
        checks.push(cross_province(&x));
        checks.push(lodging(&x));
    }
    annual_scale(plan, &mut checks);
    for (i, p) in plan.people.iter().enumerate() {
        checks.push(people::eligibility_at(p, Some(i)));
    }
    checks.push(technical_trend(&plan.technical_worker_trips));
    let mut report = Report::from_checks(checks);
    report.priority_order = priority_order(&plan.people);
    report
}

/// `ok` when `ok`, else `fails`.
fn ok_if(ok: bool) -> Status {
    if ok {
        Status::Ok
    } else {
        Status::Fails
    }
}

/// The figures of a count against its most: observed, limit, and the margin `max - observed`
/// (negative when over).
fn counts(observed: i64, max: i64) -> Option<[f64; 3]> {
    Some([observed as f64, max as f64, (max - observed) as f64])
}

/// One batch and its index.
struct Ctx<'a> {
    i: usize,
    b: &'a Batch,
    /// Arrival and return days included.
    days: i64,
    rows: &'a Rows,
}

/// The limit rows of the per-batch rules, looked up once per plan.
struct Rows {
    size: &'static Limit,
    days: &'static Limit,
    venue: &'static Limit,
    cross: &'static Limit,
    lodging: &'static Limit,
    /// Per person and per day, in the province.
    cost_in: (&'static Limit, &'static Limit),
    /// Per person and per day, outside the province.
    cost_out: (&'static Limit, &'static Limit),
}

impl Rows {
    fn new() -> Rows {
        Rows {
            size: limit(LimitId::BatchSize),
            days: limit(LimitId::BatchDays),
            venue: limit(LimitId::Venue),
            cross: limit(LimitId::CrossProvince),
            lodging: limit(LimitId::LodgingChanges),
            cost_in: (limit(LimitId::InPerPerson), limit(LimitId::InPerDay)),
            cost_out: (limit(LimitId::OutPerPerson), limit(LimitId::OutPerDay)),
        }
    }
}

/// Days from arrival to return, both included (2024-05-06 to 2024-05-12 is 7).
fn days(b: &Batch) -> i64 {
    day_count(b.start, b.end)
}

/// Days from `start` to `end`, both included: the one day count of the engine, the form and the
/// budget chart.
pub fn day_count(start: Date, end: Date) -> i64 {
    // Civil dates have no time zone, so every day is 24 hours: a plain duration, not a calendar
    // span, keeps jiff's span machinery (and its size) out of the wasm.
    end.duration_since(start).as_hours() / 24 + 1
}

fn ymd(d: Date, lang: Lang) -> String {
    format::date(d.year(), d.month(), d.day(), lang, true)
}

fn yuan(fen: i64, lang: Lang) -> String {
    format::yuan_fen(fen, lang)
}

fn yuan_f(fen: i64) -> f64 {
    fen as f64 / FEN as f64
}

fn days_en(n: i64) -> String {
    format!("{} day{}", grouped(n), if n == 1 { "" } else { "s" })
}

/// "第3批" / "Batch 3" for the batch at index `i`.
struct BatchLabel(Option<usize>, Lang);

impl fmt::Display for BatchLabel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.0.unwrap_or(0) + 1;
        match self.1 {
            Lang::Zh => write!(f, "第{n}批"),
            Lang::En => write!(f, "Batch {n}"),
        }
    }
}

/// "五分之一" / "one fifth": a fraction of the limits table in words.
fn fraction(num: i64, den: i64, lang: Lang) -> String {
    const ZH: [&str; 11] = [
        "零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
    ];
    const EN: [&str; 11] = [
        "", "", "half", "third", "quarter", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
    ];
    let (n, d) = (usize::try_from(num).ok(), usize::try_from(den).ok());
    match (lang, n.and_then(|n| ZH.get(n)), d.and_then(|d| ZH.get(d))) {
        (Lang::Zh, Some(n), Some(d)) => format!("{d}分之{n}"),
        (Lang::En, _, _) if num == 1 && (2..=10).contains(&den) => {
            format!("one {}", d.and_then(|d| EN.get(d)).copied().unwrap_or(""))
        }
        _ => format!("{num}/{den}"),
    }
}

/// The one message builder of the limit rules: the subject, then the article's own words for
/// the limit, quoted, and by how much the plan is within or over it. "第1批130人，超出“每批一般
/// 不超过100人”30人。" The status label before the message says how binding those words are.
fn judge(
    f: &mut fmt::Formatter<'_>,
    c: &Check,
    lang: Lang,
    subject: Arguments,
    diff: Arguments,
) -> fmt::Result {
    let l = limit(c.row);
    let exact = c.margin == Some(0.0);
    match (c.status == Status::Ok, exact, lang) {
        (true, true, Lang::Zh) => write!(f, "{subject}，正好达到“{}”的上限。", l.quote_zh),
        (true, false, Lang::Zh) => write!(f, "{subject}，未超出“{}”（余{diff}）。", l.quote_zh),
        (false, _, Lang::Zh) => write!(f, "{subject}，超出“{}”{diff}。", l.quote_zh),
        (true, true, Lang::En) => {
            write!(f, "{subject}: exactly at the limit of \"{}\".", l.quote_en)
        }
        (true, false, Lang::En) => {
            write!(f, "{subject}: within \"{}\" ({diff} to spare).", l.quote_en)
        }
        (false, _, Lang::En) => write!(f, "{subject}: {diff} over \"{}\".", l.quote_en),
    }
}

/// Writes a check's message in `lang` (the words of each rule sit next to the rule below).
pub(crate) fn write_message(f: &mut fmt::Formatter<'_>, c: &Check, lang: Lang) -> fmt::Result {
    let label = BatchLabel(c.batch, lang);
    match &c.why {
        Why::BatchSize { participants, max } => batch_size_words(f, c, lang, label, *participants, *max),
        Why::Duration { start, end, days, max } => duration_words(f, c, lang, label, (*start, *end), *days, *max),
        Why::CostPerPerson { destination, cost_fen, cap_fen, .. } => {
            cost_per_person_words(f, c, lang, label, *destination, *cost_fen, *cap_fen)
        }
        Why::CostPerDay { destination, days, cost_fen, cap_fen } => {
            cost_per_day_words(f, c, lang, label, *destination, *days, *cost_fen, *cap_fen)
        }
        Why::CostNotApplicable => f.write_str(lang.pick(
            "原文的费用标准是“省总工会组织的劳模疗休养费用标准”；本方案由其他工会组织，这一标准不适用。",
            "The article's cost standard is for R&R trips the Shanxi Federation of Trade Unions organises; this plan has another organiser, so it does not apply.",
        )),
        Why::Venue(v) => venue_words(f, lang, label, *v),
        Why::CrossProvince => cross_province_words(f, c, lang, label),
        Why::Lodging { changes } => lodging_words(f, c, lang, label, *changes),
        Why::AnnualScale { year, batches, workers, total, max } => {
            annual_scale_words(f, c, lang, (*year, *batches, *total), Some((i64::from(*workers), *max)))
        }
        Why::AnnualScaleUnknown { year, batches, total } => annual_scale_words(f, c, lang, (*year, *batches, *total), None),
        Why::Eligibility { honor, title } => people::eligibility_words(f, c, lang, *honor, *title),
        Why::TrendRises { years, rise } => trend_rises_words(f, lang, years, *rise),
        Why::TrendFalls { from, to } => trend_falls_words(f, lang, *from, *to),
        Why::TrendUnknown => f.write_str(lang.pick(
            "优秀技术工人疗休养人次至少需要两年的数字，才能看出是否逐年提升；这一项未核对。",
            "At least two years of the technical workers' person-trips are needed to see whether they rise year on year; not checked.",
        )),
    }
}

/// Whether a check has a suggestion: every check that fails, is not eligible or is a note has
/// one (the batch size one when there is a size to split into, the duration one when the last
/// allowed day exists).
pub(crate) fn has_suggestion(c: &Check) -> bool {
    matches!(c.status, Status::Fails | Status::NotEligible | Status::Note)
        && match &c.why {
            Why::BatchSize { max, .. } => *max > 0,
            Why::Duration { start, max, .. } => last_day(*start, *max).is_some(),
            _ => true,
        }
}

/// Writes what would pass in `lang`; nothing when [`has_suggestion`] is false.
pub(crate) fn write_suggestion(f: &mut fmt::Formatter<'_>, c: &Check, lang: Lang) -> fmt::Result {
    if !has_suggestion(c) {
        return Ok(());
    }
    match &c.why {
        Why::BatchSize { participants, max } => batch_size_fix(f, lang, *participants, *max),
        Why::Duration { start, max, .. } => duration_fix(f, lang, *start, *max),
        Why::CostPerPerson {
            destination, days, ..
        }
        | Why::CostPerDay {
            destination, days, ..
        } => budget_words(
            f,
            lang,
            &budget(*destination, u32::try_from(*days).unwrap_or(u32::MAX)),
        ),
        Why::Venue(_) => f.write_str(lang.pick(
            "改在全国或省级劳模疗休养基地。",
            "Use a national or provincial model workers' rest base.",
        )),
        Why::CrossProvince => f.write_str(lang.pick(
            "把活动安排在疗休养地所在的省份内。",
            "Keep the activities within the province where the batch stays.",
        )),
        Why::Lodging { .. } => f.write_str(lang.pick(
            "整批住在同一个地方。",
            "Stay in one place for the whole batch.",
        )),
        Why::AnnualScale {
            year,
            workers,
            total,
            max,
            ..
        } => annual_scale_fix(f, lang, *year, i64::from(*workers), *total, *max),
        Why::Eligibility { .. } => people::eligibility_fix(f, lang),
        Why::TrendFalls { from, to } => trend_fix(f, lang, *from, *to),
        Why::CostNotApplicable
        | Why::AnnualScaleUnknown { .. }
        | Why::TrendRises { .. }
        | Why::TrendUnknown => Ok(()),
    }
}

/// `batch_size` (paragraph 3): "每批一般不超过100人".
fn batch_size(x: &Ctx) -> Check {
    let l = x.rows.size;
    let max = l.numerator / l.denominator;
    let n = i64::from(x.b.participants);
    Check::new(
        RuleId::BatchSize,
        Some(x.i),
        l,
        ok_if(n <= max),
        counts(n, max),
        Why::BatchSize {
            participants: n,
            max,
        },
    )
}

fn batch_size_words(
    f: &mut fmt::Formatter<'_>,
    c: &Check,
    lang: Lang,
    label: BatchLabel,
    n: i64,
    max: i64,
) -> fmt::Result {
    let (n, diff) = (grouped(n), grouped((max - n).abs()));
    match lang {
        Lang::Zh => judge(
            f,
            c,
            lang,
            format_args!("{label}{n}人"),
            format_args!("{diff}人"),
        ),
        Lang::En => judge(
            f,
            c,
            lang,
            format_args!("{label} has {n} people"),
            format_args!("{diff}"),
        ),
    }
}

fn batch_size_fix(f: &mut fmt::Formatter<'_>, lang: Lang, n: i64, max: i64) -> fmt::Result {
    let Some(parts) = (n + max - 1).checked_div(max) else {
        return Ok(());
    };
    let sizes = split_sizes(n, parts);
    match lang {
        Lang::Zh => write!(f, "分成{parts}批，每批{sizes}人。"),
        Lang::En => write!(f, "Split it into {parts} batches of {sizes}."),
    }
}

/// Splits `n` people into `parts` batches as evenly as possible, larger batches first (230 in 3
/// gives "77/77/76").
fn split_sizes(n: i64, parts: i64) -> String {
    let (base, extra) = (n / parts, n % parts);
    let sizes: Vec<String> = (0..parts)
        .map(|i| (base + i64::from(i < extra)).to_string())
        .collect();
    sizes.join("/")
}

/// `duration` (paragraph 3): "每批疗休养一般不超过7天（含报到日和返程日）".
fn duration(x: &Ctx) -> Check {
    let l = x.rows.days;
    let max = l.numerator / l.denominator;
    let why = Why::Duration {
        start: x.b.start,
        end: x.b.end,
        days: x.days,
        max,
    };
    Check::new(
        RuleId::Duration,
        Some(x.i),
        l,
        ok_if(x.days <= max),
        counts(x.days, max),
        why,
    )
}

/// The last day a batch starting on `start` may end on, to last `max` days.
fn last_day(start: Date, max: i64) -> Option<Date> {
    start
        .checked_add(SignedDuration::from_hours((max - 1).saturating_mul(24)))
        .ok()
}

fn duration_words(
    f: &mut fmt::Formatter<'_>,
    c: &Check,
    lang: Lang,
    label: BatchLabel,
    (start, end): (Date, Date),
    days: i64,
    max: i64,
) -> fmt::Result {
    let diff = (max - days).abs();
    let (start, end) = (ymd(start, lang), ymd(end, lang));
    match lang {
        Lang::Zh => judge(
            f,
            c,
            lang,
            format_args!("{label}从{start}到{end}共{days}天"),
            format_args!("{diff}天"),
        ),
        Lang::En => judge(
            f,
            c,
            lang,
            format_args!(
                "{label} runs {} from {start} to {end}, arrival and return days counted",
                days_en(days)
            ),
            format_args!("{}", days_en(diff)),
        ),
    }
}

fn duration_fix(f: &mut fmt::Formatter<'_>, lang: Lang, start: Date, max: i64) -> fmt::Result {
    let Some(last) = last_day(start, max) else {
        return Ok(());
    };
    match lang {
        Lang::Zh => write!(
            f,
            "在{}或之前结束（从报到日算起共{}天）。",
            ymd(last, lang),
            max
        ),
        Lang::En => write!(
            f,
            "End by {} ({} counting the arrival day).",
            ymd(last, lang),
            days_en(max)
        ),
    }
}

/// `cost_per_person` and `cost_per_day` (paragraph 5): "省外每人不超过6000元、平均每人每天不超过
/// 1000元，省内每人不超过5000元、平均每人每天不超过900元", stated for trips the provincial union
/// organises. The daily average is compared exactly (`cost ≤ per_day × days` in fen); the
/// `observed` figure shown is rounded up to the fen, so it is over the limit exactly when the
/// check fails.
fn costs(x: &Ctx, applies: bool) -> [Check; 2] {
    let (pp, pd) = match x.b.destination {
        Destination::InProvince => x.rows.cost_in,
        Destination::OutOfProvince => x.rows.cost_out,
    };
    if !applies {
        let na = |rule, l| {
            Check::new(
                rule,
                Some(x.i),
                l,
                Status::NotApplicable,
                None,
                Why::CostNotApplicable,
            )
        };
        return [na(RuleId::CostPerPerson, pp), na(RuleId::CostPerDay, pd)];
    }
    let (cap_pp, cap_pd) = (budget::cap_fen(pp), budget::cap_fen(pd));
    let (destination, cost_fen) = (x.b.destination, x.b.cost_fen);
    let days = x.days.max(1);
    let avg = average_fen(cost_fen, days);
    [
        Check::new(
            RuleId::CostPerPerson,
            Some(x.i),
            pp,
            ok_if(cost_fen <= cap_pp),
            Some([yuan_f(cost_fen), yuan_f(cap_pp), yuan_f(cap_pp - cost_fen)]),
            Why::CostPerPerson {
                destination,
                days,
                cost_fen,
                cap_fen: cap_pp,
            },
        ),
        Check::new(
            RuleId::CostPerDay,
            Some(x.i),
            pd,
            ok_if(cost_fen <= cap_pd.saturating_mul(days)),
            Some([yuan_f(avg), yuan_f(cap_pd), yuan_f(cap_pd - avg)]),
            Why::CostPerDay {
                destination,
                days,
                cost_fen,
                cap_fen: cap_pd,
            },
        ),
    ]
}

/// The daily average of `cost` over `days` days, rounded up to the fen.
fn average_fen(cost: i64, days: i64) -> i64 {
    (cost + days - 1) / days.max(1)
}

/// "省内"/"within the province".
fn where_words(d: Destination, lang: Lang) -> &'static str {
    match d {
        Destination::InProvince => lang.pick("省内", "within the province"),
        Destination::OutOfProvince => lang.pick("省外", "outside the province"),
    }
}

fn cost_per_person_words(
    f: &mut fmt::Formatter<'_>,
    c: &Check,
    lang: Lang,
    label: BatchLabel,
    d: Destination,
    cost: i64,
    cap: i64,
) -> fmt::Result {
    let (w, over, cost) = (
        where_words(d, lang),
        yuan((cost - cap).abs(), lang),
        yuan(cost, lang),
    );
    match lang {
        Lang::Zh => judge(
            f,
            c,
            lang,
            format_args!("{label}{w}每人{cost}"),
            format_args!("{over}"),
        ),
        Lang::En => judge(
            f,
            c,
            lang,
            format_args!("{label} costs {cost} per person {w}"),
            format_args!("{over}"),
        ),
    }
}

#[allow(clippy::too_many_arguments)]
fn cost_per_day_words(
    f: &mut fmt::Formatter<'_>,
    c: &Check,
    lang: Lang,
    label: BatchLabel,
    d: Destination,
    days: i64,
    cost: i64,
    cap: i64,
) -> fmt::Result {
    let avg = average_fen(cost, days);
    let (w, over, avg, cost) = (
        where_words(d, lang),
        yuan((avg - cap).abs(), lang),
        yuan(avg, lang),
        yuan(cost, lang),
    );
    match lang {
        Lang::Zh => judge(
            f,
            c,
            lang,
            format_args!("{label}{w}平均每人每天{avg}（{cost} ÷ {days}天）"),
            format_args!("{over}"),
        ),
        Lang::En => judge(
            f,
            c,
            lang,
            format_args!(
                "{label} averages {avg} per person per day {w} ({cost} ÷ {})",
                days_en(days)
            ),
            format_args!("{over}"),
        ),
    }
}

/// The most a person may cost, and which cap binds: "¥4,500 (¥900 × 5 days, which binds before
/// ¥5,000)".
fn budget_words(f: &mut fmt::Formatter<'_>, lang: Lang, b: &Budget) -> fmt::Result {
    let (max, day, person, n) = (
        yuan(b.max_fen, lang),
        yuan(b.per_day_fen, lang),
        yuan(b.per_person_fen, lang),
        b.days,
    );
    match (lang, b.binding) {
        (Lang::Zh, Cap::PerDay) => write!(
            f,
            "这一批每人最多{max}（{day} × {n}天，比每人{person}的上限更紧）。"
        ),
        (Lang::Zh, Cap::PerPerson) => {
            let by_day = yuan(b.per_day_fen.saturating_mul(i64::from(n)), lang);
            write!(
                f,
                "这一批每人最多{max}（每人上限；按天计{day} × {n}天 = {by_day}，更宽）。"
            )
        }
        (Lang::Zh, Cap::Both) => write!(
            f,
            "这一批每人最多{max}（{day} × {n}天，恰好等于每人上限）。"
        ),
        (Lang::En, Cap::PerDay) => {
            write!(f, "At most {max} per person for this batch ({day} × {}, which binds before {person}).", days_en(n.into()))
        }
        (Lang::En, Cap::PerPerson) => {
            let by_day = yuan(b.per_day_fen.saturating_mul(i64::from(n)), lang);
            write!(f, "At most {max} per person for this batch (the per-person cap, which binds before {day} × {} = {by_day}).", days_en(n.into()))
        }
        (Lang::En, Cap::Both) => {
            write!(f, "At most {max} per person for this batch ({day} × {}, the same as the per-person cap).", days_en(n.into()))
        }
    }
}

/// `venue` (paragraph 3): "地点原则上应为工会系统的疗休养院所，以全国劳模疗休养基地或省级劳模
/// 疗休养基地为主". A union sanatorium that is not such a base is allowed, so it gets a `note`.
fn venue(x: &Ctx) -> Check {
    let status = match x.b.venue {
        Venue::NationalBase | Venue::ProvincialBase => Status::Ok,
        Venue::UnionSanatorium => Status::Note,
        Venue::Other => Status::Fails,
    };
    Check::new(
        RuleId::Venue,
        Some(x.i),
        x.rows.venue,
        status,
        None,
        Why::Venue(x.b.venue),
    )
}

fn venue_words(f: &mut fmt::Formatter<'_>, lang: Lang, label: BatchLabel, v: Venue) -> fmt::Result {
    match (v, lang) {
        (Venue::NationalBase | Venue::ProvincialBase, Lang::Zh) => {
            let k = if v == Venue::NationalBase { "全国" } else { "省级" };
            write!(f, "{label}安排在{k}劳模疗休养基地，符合以全国或省级基地为主的要求。")
        }
        (Venue::NationalBase | Venue::ProvincialBase, Lang::En) => {
            let k = if v == Venue::NationalBase { "national" } else { "provincial" };
            write!(f, "{label} stays at a {k} model workers' rest base, the kind of venue the rules put first.")
        }
        (Venue::UnionSanatorium, Lang::Zh) => write!(f, "{label}安排在工会系统的疗休养院所，可以；但原文说“以全国劳模疗休养基地或省级劳模疗休养基地为主”。"),
        (Venue::UnionSanatorium, Lang::En) => write!(
            f,
            "{label} stays at a trade-union sanatorium, which is allowed, but the article says trips should mainly use national or provincial rest bases for model workers."
        ),
        (Venue::Other, Lang::Zh) => write!(f, "{label}不在工会系统的疗休养院所，而原文是“地点原则上应为工会系统的疗休养院所”。"),
        (Venue::Other, Lang::En) => write!(f, "{label} is not at a trade-union sanatorium, while the article says the venue should in principle be one."),
    }
}

/// `cross_province` (paragraph 3): "疗休养期间原则上不得跨省（自治区、直辖市）开展活动".
fn cross_province(x: &Ctx) -> Check {
    let l = x.rows.cross;
    let n = i64::from(x.b.cross_province_activities);
    Check::new(
        RuleId::CrossProvince,
        Some(x.i),
        l,
        ok_if(n <= l.numerator),
        counts(n, l.numerator),
        Why::CrossProvince,
    )
}

fn cross_province_words(
    f: &mut fmt::Formatter<'_>,
    c: &Check,
    lang: Lang,
    label: BatchLabel,
) -> fmt::Result {
    match (c.status == Status::Ok, lang) {
        (true, Lang::Zh) => write!(f, "{label}期间不跨省开展活动。"),
        (true, Lang::En) => write!(f, "{label} holds no activities in another province."),
        (false, Lang::Zh) => write!(f, "{label}期间安排了跨省活动，而原文是“疗休养期间原则上不得跨省（自治区、直辖市）开展活动”。"),
        (false, Lang::En) => write!(f, "{label} holds activities in another province, while the article says that during a trip there should in principle be none."),
    }
}

/// `lodging` (paragraph 3): "住宿地点不变".
fn lodging(x: &Ctx) -> Check {
    let l = x.rows.lodging;
    let n = i64::from(x.b.lodging_changes);
    Check::new(
        RuleId::Lodging,
        Some(x.i),
        l,
        ok_if(n <= l.numerator),
        counts(n, l.numerator),
        Why::Lodging { changes: n },
    )
}

fn lodging_words(
    f: &mut fmt::Formatter<'_>,
    c: &Check,
    lang: Lang,
    label: BatchLabel,
    n: i64,
) -> fmt::Result {
    match (c.status == Status::Ok, lang) {
        (true, Lang::Zh) => write!(f, "{label}住宿地点不变。"),
        (true, Lang::En) => write!(f, "{label} keeps the same lodging throughout."),
        (false, Lang::Zh) => write!(
            f,
            "{label}更换住宿地点{}次，而原文是“住宿地点不变”（与前半句同受“原则上”限定）。",
            grouped(n)
        ),
        (false, Lang::En) => {
            let times = match n {
                1 => "once".to_string(),
                2 => "twice".to_string(),
                n => format!("{} times", grouped(n)),
            };
            write!(
                f,
                "{label} changes lodging {times}, while the article says the lodging stays the same (read, like the clause before it, as in principle)."
            )
        }
    }
}

/// The yearly share from the limits table: (numerator, denominator, the age below which model
/// workers count).
fn annual_share() -> (i64, i64, i64) {
    let l = limit(LimitId::AnnualShare);
    (
        l.numerator,
        l.denominator,
        limit(LimitId::AnnualShareAge).numerator,
    )
}

/// `annual_scale` (paragraph 3): "每年疗休养总规模原则上不超过65岁以下劳模总数的五分之一", one
/// check per calendar year of the batches' start dates, compared in integers.
fn annual_scale(plan: &Plan, checks: &mut Vec<Check>) {
    let l = limit(LimitId::AnnualShare);
    let (num, den, _) = annual_share();
    // (year, people, batches) per start year, in year order; a plan has at most 100 batches.
    let mut years: Vec<(i16, i64, u32)> = Vec::new();
    for b in &plan.batches {
        let y = b.start.year();
        match years.iter_mut().find(|e| e.0 == y) {
            Some(e) => {
                e.1 += i64::from(b.participants);
                e.2 += 1;
            }
            None => years.push((y, i64::from(b.participants), 1)),
        }
    }
    years.sort_unstable_by_key(|e| e.0);
    for (year, total, batches) in years {
        let Some(workers) = plan.model_workers_under_65 else {
            let why = Why::AnnualScaleUnknown {
                year,
                batches,
                total,
            };
            checks.push(Check::new(
                RuleId::AnnualScale,
                None,
                l,
                Status::NotApplicable,
                None,
                why,
            ));
            continue;
        };
        let w = i64::from(workers);
        let max = w * num / den;
        let why = Why::AnnualScale {
            year,
            batches,
            workers,
            total,
            max,
        };
        checks.push(Check::new(
            RuleId::AnnualScale,
            None,
            l,
            ok_if(total * den <= w * num),
            counts(total, max),
            why,
        ));
    }
}

/// The yearly message; `known` is the number of model workers under 65 and the most the year
/// may have.
fn annual_scale_words(
    f: &mut fmt::Formatter<'_>,
    c: &Check,
    lang: Lang,
    (year, nb, total): (i16, u32, i64),
    known: Option<(i64, i64)>,
) -> fmt::Result {
    let (num, den, age) = annual_share();
    let share = fraction(num, den, lang);
    let people = grouped(total);
    // A sum over batches counts person-trips (人次): someone may go twice.
    let subject = match lang {
        Lang::Zh => format!("{year}年{nb}批共{people}人次"),
        Lang::En => format!(
            "In {year}, {nb} batch{} make {people} person-trips",
            if nb == 1 { "" } else { "es" }
        ),
    };
    let Some((w, max)) = known else {
        return match lang {
            Lang::Zh => write!(f, "{subject}；没有填写{age}岁以下劳模总数，年度总规模（原则上不超过其{share}）未核对。"),
            Lang::En => write!(
                f,
                "{subject}; without the number of model workers aged {age} or under, the yearly total (in principle at most {share} of them) is not checked."
            ),
        };
    };
    let (diff, max, w) = (grouped((max - total).abs()), grouped(max), grouped(w));
    match lang {
        Lang::Zh => judge(
            f,
            c,
            lang,
            format_args!("{subject}（{age}岁以下劳模{w}人的{share}是{max}人次）"),
            format_args!("{diff}人次"),
        ),
        Lang::En => judge(
            f,
            c,
            lang,
            format_args!(
                "{subject} ({share} of the {w} model workers aged {age} or under is {max})"
            ),
            format_args!("{diff}"),
        ),
    }
}

fn annual_scale_fix(
    f: &mut fmt::Formatter<'_>,
    lang: Lang,
    year: i16,
    w: i64,
    total: i64,
    max: i64,
) -> fmt::Result {
    let (num, den, _) = annual_share();
    let share = fraction(num, den, lang);
    let (fewer, max, w) = (grouped(total - max), grouped(max), grouped(w));
    match lang {
        Lang::Zh => write!(f, "{year}年总规模最多{max}人次（{w}人的{share}）：减少{fewer}人次，或把部分批次移到其他年份。"),
        Lang::En => write!(f, "The {year} total may be at most {max} person-trips ({share} of {w}): take {fewer} fewer, or move a batch to another year."),
    }
}

/// The smallest yearly rise of the technical workers' trips, from the limits table.
fn min_rise() -> i64 {
    let l = limit(LimitId::TechnicalTrend);
    l.numerator / l.denominator
}

/// `technical_worker_trend` (paragraph 1): the companion document requires "优秀技术工人疗休养
/// 活动实现组织人次逐年稳步提升". Each listed year must have at least one participant more than
/// the year listed before it (a flat year is not a rise). The article calls this an explicit
/// requirement (明确要求) with no 一般 or 原则上, so the row's strength is `hard`; a year that
/// does not rise makes the check `fails` (it is about the programme, not a person's eligibility).
/// Not applicable with fewer than two years.
fn technical_trend(trips: &[TechnicalYear]) -> Check {
    let l = limit(LimitId::TechnicalTrend);
    let min_rise = min_rise();
    let mut ys = trips.to_vec();
    ys.sort_unstable_by_key(|t| t.year);
    let worst = ys
        .windows(2)
        .filter_map(|w| match w {
            [a, b] => Some((
                i64::from(b.participants) - i64::from(a.participants),
                *a,
                *b,
            )),
            _ => None,
        })
        .min_by_key(|w| w.0);
    let Some((rise, from, to)) = worst else {
        return Check::new(
            RuleId::TechnicalWorkerTrend,
            None,
            l,
            Status::NotApplicable,
            None,
            Why::TrendUnknown,
        );
    };
    // A floor, so the margin is `observed - limit` (negative when broken).
    let figures = Some([rise as f64, min_rise as f64, (rise - min_rise) as f64]);
    let (status, why) = if rise >= min_rise {
        (
            Status::Ok,
            Why::TrendRises {
                years: ys.into_boxed_slice(),
                rise,
            },
        )
    } else {
        (Status::Fails, Why::TrendFalls { from, to })
    };
    Check::new(RuleId::TechnicalWorkerTrend, None, l, status, figures, why)
}

fn trend_rises_words(
    f: &mut fmt::Formatter<'_>,
    lang: Lang,
    years: &[TechnicalYear],
    rise: i64,
) -> fmt::Result {
    f.write_str(lang.pick(
        "优秀技术工人疗休养人次逐年提升（",
        "The technical workers' person-trips rise every year (",
    ))?;
    for (i, t) in years.iter().enumerate() {
        let n = grouped(t.participants.into());
        match (lang, i) {
            (Lang::Zh, 0) => write!(f, "{}年{n}人次", t.year)?,
            (Lang::Zh, _) => write!(f, "、{}年{n}人次", t.year)?,
            (Lang::En, 0) => write!(f, "{n} in {}", t.year)?,
            (Lang::En, _) => write!(f, ", {n} in {}", t.year)?,
        }
    }
    match lang {
        Lang::Zh => write!(f, "），每年至少多{}人次。", grouped(rise))?,
        Lang::En => write!(f, "); the smallest rise is {}.", grouped(rise))?,
    }
    f.write_str(programme_note(lang))
}

/// The technical workers' rule is about the programme year by year, not about a batch.
fn programme_note(lang: Lang) -> &'static str {
    lang.pick(
        "这是另一份文件《关于深入开展优秀技术工人疗休养活动的实施意见》对整个活动逐年组织人次的要求，不针对某一批。",
        " This is a requirement of a separate document, on the excellent technical workers' trips, about the programme's person-trips year by year, not about any one batch.",
    )
}

fn trend_falls_words(
    f: &mut fmt::Formatter<'_>,
    lang: Lang,
    a: TechnicalYear,
    b: TechnicalYear,
) -> fmt::Result {
    let (pa, pb) = (i64::from(a.participants), i64::from(b.participants));
    let rise = pb - pa;
    let (pa, pb) = (grouped(pa), grouped(pb));
    match (lang, rise == 0) {
        (Lang::Zh, true) => write!(
            f,
            "优秀技术工人疗休养人次未做到逐年提升：{}年{pb}人次，与{}年的{pa}人次相比持平。",
            b.year, a.year
        )?,
        (Lang::Zh, false) => write!(
            f,
            "优秀技术工人疗休养人次未做到逐年提升：{}年{pb}人次，比{}年的{pa}人次少{}人次。",
            b.year,
            a.year,
            grouped(-rise)
        )?,
        (Lang::En, true) => write!(
            f,
            "The technical workers' person-trips do not rise every year: {} has {pb}, the same as {} ({pa}).",
            b.year, a.year
        )?,
        (Lang::En, false) => write!(
            f,
            "The technical workers' person-trips do not rise every year: {} has {pb}, {} below {} ({pa}).",
            b.year,
            grouped(-rise),
            a.year
        )?,
    }
    f.write_str(programme_note(lang))
}

fn trend_fix(
    f: &mut fmt::Formatter<'_>,
    lang: Lang,
    a: TechnicalYear,
    b: TechnicalYear,
) -> fmt::Result {
    let at_least = grouped(i64::from(a.participants) + min_rise());
    match lang {
        Lang::Zh => write!(
            f,
            "{}年至少安排{at_least}人次，才比上一年有所提升。",
            b.year
        ),
        Lang::En => write!(
            f,
            "Plan at least {at_least} person-trips in {} so that the number rises over the year before.",
            b.year
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_evenly() {
        assert_eq!(split_sizes(230, 3), "77/77/76");
        assert_eq!(split_sizes(200, 2), "100/100");
    }

    #[test]
    fn a_check_is_small_and_holds_no_text() {
        // The words are built on demand: a check carries figures and a few numbers only.
        assert!(
            std::mem::size_of::<Why>() <= 32,
            "{}",
            std::mem::size_of::<Why>()
        );
        assert!(
            std::mem::size_of::<Check>() <= 120,
            "{}",
            std::mem::size_of::<Check>()
        );
    }

    #[test]
    fn example_plan_meets_and_round_trips() {
        let r = check(&example_plan());
        assert_eq!(r.verdict, Verdict::Meets, "{r:#?}");
        // Two named priority groups, then one; then the older first (面向基层一线 ranks no one).
        assert_eq!(r.priority_order, [2, 1, 3, 0]);
        let back =
            Plan::from_value(&serde_json::from_str(&example_plan_json()).unwrap_or_default());
        assert_eq!(back, Ok(example_plan()));
        assert_eq!(read(&Draft::example()).plan, Some(example_plan()));
    }
}
