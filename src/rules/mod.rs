//! The rest-trip rule engine: checks a reader's hypothetical plan against the provincial trade
//! union's rules on model workers' rest trips, explains every verdict in Chinese and English, and
//! says concretely what would pass. Pure Rust with no browser types; thresholds come only from
//! [`crate::data::limits`], so a decision and its explanation come from the same row.
//!
//! Entry points: [`check_json`] (a plan as JSON text, the shape of the JS API and the share URL),
//! [`check_value`] and [`check`]. None panics on any input: bad input is a report with verdict
//! `invalid` and one error per wrong field. Days count the arrival and the return day; money is
//! integer fen; the yearly share compares `total × denominator ≤ workers × numerator` in integers.

mod budget;
mod people;
mod plan;
mod report;

pub use budget::{budget, caps_fen, Budget, Cap};
pub use people::{eligibility, priority_order};
pub use plan::{Batch, Destination, Honor, Organizer, Person, Plan, PlanError, TechnicalYear, Title, Venue, MAX_BATCHES, MAX_PEOPLE};
pub use report::{Check, Report, RuleId, Status, Verdict};

use crate::data::{limit, LimitId, Strength};
use crate::format::{self, grouped, Lang};
use jiff::civil::{date, Date};
use jiff::SignedDuration;
use plan::FEN;
use std::collections::BTreeMap;

/// Checks a plan given as JSON text.
///
/// Bad JSON, a wrong type, a value out of range or a date that does not exist give a report with
/// verdict `invalid` and one error per field; nothing panics.
///
/// ```
/// use sx_explainer::rules::{check_json, Verdict};
/// let ok = r#"{"organizer":"provincial_union","batches":[{"participants":100,"start":"2024-05-06",
///   "end":"2024-05-12","cost_per_person":4500,"destination":"in_province","venue":"national_base",
///   "cross_province_activities":false,"lodging_changes":0}]}"#;
/// assert_eq!(check_json(ok).verdict, Verdict::Meets);
/// // 101 people in one batch is over the general limit of 100.
/// let big = ok.replace("\"participants\":100", "\"participants\":101");
/// let report = check_json(&big);
/// assert_eq!(report.verdict, Verdict::DoesNotMeet);
/// assert_eq!(report.checks[0].suggestion_en.as_deref(), Some("Split it into 2 batches of 51/50."));
/// // 2023-02-29 does not exist.
/// let bad = ok.replace("2024-05-06", "2023-02-29");
/// assert_eq!(check_json(&bad).errors[0].field, "batches[0].start");
/// ```
pub fn check_json(json: &str) -> Report {
    match serde_json::from_str::<serde_json::Value>(json) {
        Ok(v) => check_value(&v),
        Err(e) => Report::invalid(vec![PlanError::from_json(&e)]),
    }
}

/// Checks a plan given as a parsed JSON value (what the JS API hands over).
pub fn check_value(value: &serde_json::Value) -> Report {
    match Plan::from_value(value) {
        Ok(plan) => check_valid(&plan),
        Err(errors) => Report::invalid(errors),
    }
}

/// Checks a plan built in Rust. It is read back through the JSON reader first, so a value that
/// JSON input could not carry (an end before its start, 101 batches, a negative cost) gives the
/// same `invalid` report as it would from JSON.
pub fn check(plan: &Plan) -> Report {
    match serde_json::to_value(plan) {
        Ok(v) => check_value(&v),
        Err(e) => Report::invalid(vec![PlanError::bad_json(&e.to_string())]),
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
    let person = |honor, title, age, frontline, high_intensity, hard_environment, key_role| Person {
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
            person(Honor::City, Title::ModelWorker, 58, true, false, false, false),
            person(Honor::Provincial, Title::AdvancedWorker, 61, true, true, false, false),
            person(Honor::National, Title::MayDayMedal, 45, true, false, true, true),
            person(Honor::Provincial, Title::Treatment, 63, false, false, false, false),
        ],
        technical_worker_trips: vec![
            TechnicalYear { year: 2022, participants: 300 },
            TechnicalYear { year: 2023, participants: 360 },
        ],
    }
}

/// [`example_plan`] as JSON text in the issue's shape.
pub fn example_plan_json() -> String {
    example_plan().to_json()
}

/// Checks a plan that the reader accepted.
fn check_valid(plan: &Plan) -> Report {
    let mut checks = Vec::new();
    let cost_applies = plan.organizer == Organizer::ProvincialUnion;
    for (i, b) in plan.batches.iter().enumerate() {
        let x = Ctx { i, b, days: days(b), zh: format!("第{}批", i + 1), en: format!("Batch {}", i + 1) };
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

/// One batch and its labels.
struct Ctx<'a> {
    i: usize,
    b: &'a Batch,
    /// Arrival and return days included.
    days: i64,
    zh: String,
    en: String,
}

/// Days from arrival to return, both included (2024-05-06 to 2024-05-12 is 7).
fn days(b: &Batch) -> i64 {
    // Civil dates have no time zone, so every day is 24 hours: a plain duration, not a calendar
    // span, keeps jiff's span machinery (and its size) out of the wasm.
    b.end.duration_since(b.start).as_hours() / 24 + 1
}

fn ymd(d: Date, lang: Lang) -> String {
    format::date(d.year(), d.month(), d.day(), lang, true)
}

fn yuan(fen: i64) -> String {
    format::yuan_fen(fen, Lang::Zh)
}

fn yuan_f(fen: i64) -> f64 {
    fen as f64 / FEN as f64
}

fn days_en(n: i64) -> String {
    format!("{} day{}", grouped(n), if n == 1 { "" } else { "s" })
}

/// "一般"/"general", "原则上的"/"in-principle": how the article words a limit.
fn strength_words(s: Strength) -> (&'static str, &'static str) {
    match s {
        Strength::Generally => ("一般", "general"),
        Strength::InPrinciple => ("原则上的", "in-principle"),
        Strength::Hard => ("", "required"),
    }
}

/// The one message builder of the limit rules: the subject, then "within the general limit of X
/// (Y to spare)" or "Y over the general limit of X", in both languages. Sets the status.
fn judge(c: Check, ok: bool, subject: (&str, &str), limit: (&str, &str), diff: (&str, &str)) -> Check {
    let (sz, se) = strength_words(c.strength);
    let (s, l, d) = (subject, limit, diff);
    if ok {
        let zh = format!("{}，未超过{}上限{}（余{}）。", s.0, sz, l.0, d.0);
        let en = format!("{}, within the {} limit of {} ({} to spare).", s.1, se, l.1, d.1);
        c.say(Status::Ok, zh, en)
    } else {
        let zh = format!("{}，超过{}上限{}，多出{}。", s.0, sz, l.0, d.0);
        let en = format!("{}: {} over the {} limit of {}.", s.1, d.1, se, l.1);
        c.say(Status::Fails, zh, en)
    }
}

/// `batch_size` (paragraph 3): "每批一般不超过100人".
fn batch_size(x: &Ctx) -> Check {
    let l = limit(LimitId::BatchSize);
    let max = l.numerator / l.denominator;
    let n = i64::from(x.b.participants);
    let c = Check::from_limit(RuleId::BatchSize, Some(x.i), l, n, max);
    let diff = grouped((max - n).abs());
    let c = judge(
        c,
        n <= max,
        (&format!("{}{}人", x.zh, grouped(n)), &format!("{} has {} people", x.en, grouped(n))),
        (&format!("每批{}人", grouped(max)), &format!("{} per batch", grouped(max))),
        (&format!("{diff}人"), &diff),
    );
    match (n + max - 1).checked_div(max) {
        Some(parts) if n > max => {
            let sizes = split_sizes(n, parts);
            c.suggest(format!("分成{parts}批，每批{sizes}人。"), format!("Split it into {parts} batches of {sizes}."))
        }
        _ => c,
    }
}

/// Splits `n` people into `parts` batches as evenly as possible, larger batches first (230 in 3
/// gives "77/77/76").
fn split_sizes(n: i64, parts: i64) -> String {
    let (base, extra) = (n / parts, n % parts);
    let sizes: Vec<String> = (0..parts).map(|i| (base + i64::from(i < extra)).to_string()).collect();
    sizes.join("/")
}

/// `duration` (paragraph 3): "每批疗休养一般不超过7天（含报到日和返程日）".
fn duration(x: &Ctx) -> Check {
    let l = limit(LimitId::BatchDays);
    let max = l.numerator / l.denominator;
    let c = Check::from_limit(RuleId::Duration, Some(x.i), l, x.days, max);
    let diff = (max - x.days).abs();
    let c = judge(
        c,
        x.days <= max,
        (
            &format!("{}从{}到{}，共{}天（含报到日和返程日）", x.zh, ymd(x.b.start, Lang::Zh), ymd(x.b.end, Lang::Zh), x.days),
            &format!(
                "{} runs {} from {} to {}, arrival and return days included",
                x.en,
                days_en(x.days),
                ymd(x.b.start, Lang::En),
                ymd(x.b.end, Lang::En)
            ),
        ),
        (&format!("{max}天"), &days_en(max)),
        (&format!("{diff}天"), &days_en(diff)),
    );
    let last = x.b.start.checked_add(SignedDuration::from_hours((max - 1) * 24)).ok();
    match last {
        Some(last) if x.days > max => c.suggest(
            format!("在{}或之前结束（从报到日算起共{}天）。", ymd(last, Lang::Zh), max),
            format!("End by {} ({} counting the arrival day).", ymd(last, Lang::En), days_en(max)),
        ),
        _ => c,
    }
}

/// `cost_per_person` and `cost_per_day` (paragraph 5): "省外每人不超过6000元、平均每人每天不超过
/// 1000元，省内每人不超过5000元、平均每人每天不超过900元", stated for trips the provincial union
/// organises. The daily average is compared exactly (`cost ≤ per_day × days` in fen); the
/// `observed` figure shown is rounded up to the fen, so it is over the limit exactly when the
/// check fails.
fn costs(x: &Ctx, applies: bool) -> [Check; 2] {
    let (pp_id, pd_id, dz, de) = match x.b.destination {
        Destination::InProvince => (LimitId::InPerPerson, LimitId::InPerDay, "省内", "within the province"),
        Destination::OutOfProvince => (LimitId::OutPerPerson, LimitId::OutPerDay, "省外", "outside the province"),
    };
    let (pp, pd) = (Check::of(RuleId::CostPerPerson, Some(x.i), limit(pp_id)), Check::of(RuleId::CostPerDay, Some(x.i), limit(pd_id)));
    if !applies {
        let na = |c: Check| {
            c.no_figures().say(
                Status::NotApplicable,
                "费用标准是针对省总工会组织的劳模疗休养规定的；本方案由其他单位组织，此项不适用。".to_string(),
                "The cost standard is stated for rest trips the provincial union organises; this plan has another organiser, so it does not apply.".to_string(),
            )
        };
        return [na(pp), na(pd)];
    }
    let (cap_pp, cap_pd) = caps_fen(x.b.destination);
    let cost = x.b.cost_fen;
    let days = x.days.max(1);
    let avg = (cost + days - 1) / days; // rounded up to the fen
    let b = budget(x.b.destination, u32::try_from(days).unwrap_or(u32::MAX));
    let (sug_zh, sug_en) = budget_words(&b);

    let over = (cost - cap_pp).abs();
    let pp = judge(
        pp.figures(yuan_f(cost), yuan_f(cap_pp), yuan_f(cap_pp - cost)),
        cost <= cap_pp,
        (&format!("{}{}每人{}", x.zh, dz, yuan(cost)), &format!("{} costs {} per person {}", x.en, yuan(cost), de)),
        (&format!("每人{}", yuan(cap_pp)), &format!("{} per person", yuan(cap_pp))),
        (&yuan(over), &yuan(over)),
    );
    let ok_pd = cost <= cap_pd.saturating_mul(days);
    let over = (avg - cap_pd).abs();
    let pd = judge(
        pd.figures(yuan_f(avg), yuan_f(cap_pd), yuan_f(cap_pd - avg)),
        ok_pd,
        (
            &format!("{}{}平均每人每天{}（{} ÷ {}天）", x.zh, dz, yuan(avg), yuan(cost), days),
            &format!("{} averages {} per person per day {} ({} ÷ {})", x.en, yuan(avg), de, yuan(cost), days_en(days)),
        ),
        (&format!("每人每天{}", yuan(cap_pd)), &format!("{} per person per day", yuan(cap_pd))),
        (&yuan(over), &yuan(over)),
    );
    let fix = |c: Check, ok: bool| if ok { c } else { c.suggest(sug_zh.clone(), sug_en.clone()) };
    [fix(pp, cost <= cap_pp), fix(pd, ok_pd)]
}

/// The most a person may cost, and which cap binds: "¥4,500 (¥900 × 5 days, which binds before
/// ¥5,000)".
fn budget_words(b: &Budget) -> (String, String) {
    let (max, day, person, n) = (yuan(b.max_fen), yuan(b.per_day_fen), yuan(b.per_person_fen), b.days);
    let by_day = yuan(b.per_day_fen.saturating_mul(i64::from(n)));
    let (why_zh, why_en) = match b.binding {
        Cap::PerDay => (format!("{day} × {n}天，比每人{person}的上限更紧"), format!("{day} × {}, which binds before {person}", days_en(n.into()))),
        Cap::PerPerson => (
            format!("每人上限；按天计{day} × {n}天 = {by_day}，更宽"),
            format!("the per-person cap, which binds before {day} × {} = {by_day}", days_en(n.into())),
        ),
        Cap::Both => (format!("{day} × {n}天，恰好等于每人上限"), format!("{day} × {}, the same as the per-person cap", days_en(n.into()))),
    };
    (format!("这一批每人最多{max}（{why_zh}）。"), format!("At most {max} per person for this batch ({why_en})."))
}

/// `venue` (paragraph 3): "地点原则上应为工会系统的疗休养院所，以全国劳模疗休养基地或省级劳模
/// 疗休养基地为主". A union sanatorium that is not such a base is allowed, so it gets a `note`.
fn venue(x: &Ctx) -> Check {
    let c = Check::of(RuleId::Venue, Some(x.i), limit(LimitId::Venue)).no_figures();
    let base = ("改在全国或省级劳模疗休养基地。".to_string(), "Use a national or provincial model workers' rest base.".to_string());
    match x.b.venue {
        Venue::NationalBase | Venue::ProvincialBase => {
            let (kz, ke) = if x.b.venue == Venue::NationalBase { ("全国", "national") } else { ("省级", "provincial") };
            c.say(
                Status::Ok,
                format!("{}安排在{}劳模疗休养基地，符合以全国或省级基地为主的要求。", x.zh, kz),
                format!("{} stays at a {} model workers' rest base, the kind of venue the rules put first.", x.en, ke),
            )
        }
        Venue::UnionSanatorium => c
            .say(
                Status::Note,
                format!("{}安排在工会系统的疗休养院所，可以；但规定以全国或省级劳模疗休养基地为主。", x.zh),
                format!("{} stays at a trade-union sanatorium, which is allowed, but the rules say trips should mainly use national or provincial model workers' rest bases.", x.en),
            )
            .suggest(base.0, base.1),
        Venue::Other => c
            .say(
                Status::Fails,
                format!("{}不在工会系统的疗休养院所，而地点原则上应为工会系统的疗休养院所。", x.zh),
                format!("{} is not at a trade-union sanatorium; in principle the venue should be one.", x.en),
            )
            .suggest(base.0, base.1),
    }
}

/// `cross_province` (paragraph 3): "疗休养期间原则上不得跨省（自治区、直辖市）开展活动".
fn cross_province(x: &Ctx) -> Check {
    let l = limit(LimitId::CrossProvince);
    let n = i64::from(x.b.cross_province_activities);
    let c = Check::from_limit(RuleId::CrossProvince, Some(x.i), l, n, l.numerator);
    if n <= l.numerator {
        c.say(
            Status::Ok,
            format!("{}期间不跨省开展活动，符合规定。", x.zh),
            format!("{} holds no activities in another province, as the rules require in principle.", x.en),
        )
    } else {
        c.say(
            Status::Fails,
            format!("{}期间安排了跨省活动，而疗休养期间原则上不得跨省（自治区、直辖市）开展活动。", x.zh),
            format!("{} holds activities in another province; in principle the rules do not allow that during a trip.", x.en),
        )
        .suggest("把活动安排在疗休养地所在的省份内。".to_string(), "Keep the activities within the province where the batch stays.".to_string())
    }
}

/// `lodging` (paragraph 3): "住宿地点不变".
fn lodging(x: &Ctx) -> Check {
    let l = limit(LimitId::LodgingChanges);
    let n = i64::from(x.b.lodging_changes);
    let c = Check::from_limit(RuleId::Lodging, Some(x.i), l, n, l.numerator);
    if n <= l.numerator {
        c.say(Status::Ok, format!("{}住宿地点不变，符合规定。", x.zh), format!("{} keeps the same lodging throughout, as the rules require.", x.en))
    } else {
        c.say(
            Status::Fails,
            format!("{}更换住宿地点{}次，而规定住宿地点不变。", x.zh, grouped(n)),
            format!("{} changes lodging {} time{}; the rules say lodging stays the same.", x.en, grouped(n), if n == 1 { "" } else { "s" }),
        )
        .suggest("整批住在同一个地方。".to_string(), "Stay in one place for the whole batch.".to_string())
    }
}

/// `annual_scale` (paragraph 3): "每年疗休养总规模原则上不超过65岁以下劳模总数的五分之一", one
/// check per calendar year of the batches' start dates, compared in integers.
fn annual_scale(plan: &Plan, checks: &mut Vec<Check>) {
    let l = limit(LimitId::AnnualShare);
    let age = limit(LimitId::AnnualShareAge).numerator;
    let (num, den) = (l.numerator, l.denominator);
    let mut years: BTreeMap<i16, (i64, usize)> = BTreeMap::new();
    for b in &plan.batches {
        let e = years.entry(b.start.year()).or_default();
        e.0 += i64::from(b.participants);
        e.1 += 1;
    }
    for (year, (total, nb)) in years {
        let c = Check::of(RuleId::AnnualScale, None, l);
        let subject = (
            format!("{year}年{nb}批共{}人", grouped(total)),
            format!("In {year}, {} people go in {nb} batch{}", grouped(total), if nb == 1 { "" } else { "es" }),
        );
        let Some(w) = plan.model_workers_under_65.map(i64::from) else {
            checks.push(c.no_figures().say(
                Status::NotApplicable,
                format!("{}；没有填写{age}岁以下劳模总数，无法核对年度总规模（原则上不超过其{num}/{den}）。", subject.0),
                format!("{}; without the number of model workers under {age}, the yearly total (in principle at most {num}/{den} of them) cannot be checked.", subject.1),
            ));
            continue;
        };
        let max = w * num / den;
        let ok = total * den <= w * num;
        let c = judge(
            c.figures(total as f64, max as f64, (max - total) as f64),
            ok,
            (&subject.0, &subject.1),
            (
                &format!("{}人（{age}岁以下劳模总数{}人的{num}/{den}）", grouped(max), grouped(w)),
                &format!("{}, {num}/{den} of the {} model workers under {age}", grouped(max), grouped(w)),
            ),
            (&format!("{}人", grouped((max - total).abs())), &grouped((max - total).abs())),
        );
        checks.push(if ok {
            c
        } else {
            c.suggest(
                format!("{year}年总规模最多{}人（{}人的{num}/{den}）：减少{}人，或把部分批次移到其他年份。", grouped(max), grouped(w), grouped(total - max)),
                format!("The {year} total may be at most {} of {}: take {} fewer, or move a batch to another year.", grouped(max), grouped(w), grouped(total - max)),
            )
        });
    }
}

/// `technical_worker_trend` (paragraph 1): the companion document requires "优秀技术工人疗休养
/// 活动实现组织人次逐年稳步提升". Each listed year must have at least one participant more than
/// the year listed before it (a flat year is not a rise). The article calls this an explicit
/// requirement (明确要求) with no 一般 or 原则上, so the row's strength is `hard`; a year that
/// does not rise makes the check `fails` (it is about the programme, not a person's eligibility).
/// Not applicable with fewer than two years.
fn technical_trend(trips: &[TechnicalYear]) -> Check {
    let l = limit(LimitId::TechnicalTrend);
    let min_rise = l.numerator / l.denominator;
    let c = Check::of(RuleId::TechnicalWorkerTrend, None, l);
    let mut ys = trips.to_vec();
    ys.sort_unstable_by_key(|t| t.year);
    let worst = ys
        .windows(2)
        .filter_map(|w| match w {
            [a, b] => Some((i64::from(b.participants) - i64::from(a.participants), *a, *b)),
            _ => None,
        })
        .min_by_key(|w| w.0);
    let Some((rise, a, b)) = worst else {
        return c.no_figures().say(
            Status::NotApplicable,
            "优秀技术工人疗休养人次至少需要两年的数字，才能看出是否逐年提升。".to_string(),
            "At least two years of technical workers' trip numbers are needed to see whether they rise year on year.".to_string(),
        );
    };
    let c = c.figures(rise as f64, min_rise as f64, (rise - min_rise) as f64);
    if rise >= min_rise {
        let zh: Vec<String> = ys.iter().map(|t| format!("{}年{}人", t.year, grouped(t.participants.into()))).collect();
        let en: Vec<String> = ys.iter().map(|t| format!("{} in {}", grouped(t.participants.into()), t.year)).collect();
        return c.say(
            Status::Ok,
            format!("优秀技术工人疗休养人次逐年提升（{}），每年至少多{}人。", zh.join("、"), grouped(rise)),
            format!("Technical workers' trips rise every year ({}); the smallest rise is {}.", en.join(", "), grouped(rise)),
        );
    }
    let (pa, pb) = (i64::from(a.participants), i64::from(b.participants));
    let (how_zh, how_en) = if rise == 0 {
        ("持平".to_string(), "the same as".to_string())
    } else {
        (format!("少{}人", grouped(-rise)), format!("{} below", grouped(-rise)))
    };
    c.say(
        Status::Fails,
        format!("优秀技术工人疗休养人次未做到逐年提升：{}年{}人，与{}年的{}人相比{}。", b.year, grouped(pb), a.year, grouped(pa), how_zh),
        format!("Technical workers' trips do not rise every year: {} has {}, {} {} ({}).", b.year, grouped(pb), how_en, a.year, grouped(pa)),
    )
    .suggest(
        format!("{}年至少安排{}人次，才比上一年有所提升。", b.year, grouped(pa + min_rise)),
        format!("Plan at least {} in {} so that the number rises over the year before.", grouped(pa + min_rise), b.year),
    )
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
    fn example_plan_meets_and_round_trips() {
        let r = check(&example_plan());
        assert_eq!(r.verdict, Verdict::Meets, "{r:#?}");
        assert_eq!(r.priority_order, [2, 1, 0, 3]);
        let back = Plan::from_value(&serde_json::from_str(&example_plan_json()).unwrap_or_default());
        assert_eq!(back, Ok(example_plan()));
    }
}
