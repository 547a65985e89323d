//! Who may go on a model workers' rest trip, and who goes first: the roster rules of the article's
//! paragraph 2 (参加对象 and 优先安排).

use super::plan::{Honor, Person, Title};
use super::report::{Check, RuleId, Status};
use crate::data::{limit, LimitId};
use std::cmp::Reverse;
use std::fmt::Write;

/// Whether one person may take part ("Who may go?").
///
/// The article (paragraph 2): "参加对象为经主管部门批准表彰的市级及以上劳动模范和先进工作者
/// （含享受待遇者）及五一劳动奖章获得者". We read "经主管部门批准表彰的市级及以上" as the
/// qualifier of the whole list, May Day Labour Medal holders included: the sentence opens with
/// it and joins the medal holders with 及 inside the same object, and the national rules it
/// implements also name medals by level. So every title needs an honour at city level or above
/// (`city`, `provincial`, `national`); `county` and `none` are not eligible whatever the title.
/// This is a hard condition (status `not_eligible`), not a "generally" limit.
///
/// ```
/// use sx_explainer::rules::{eligibility, Honor, Person, Status, Title};
/// let mut p = Person { honor: Honor::City, title: Title::MayDayMedal, age: 50, frontline: true,
///     high_intensity: false, hard_environment: false, key_role: false };
/// assert_eq!(eligibility(&p).status, Status::Ok);
/// p.honor = Honor::County;
/// assert_eq!(eligibility(&p).status, Status::NotEligible);
/// ```
pub fn eligibility(person: &Person) -> Check {
    eligibility_at(person, None)
}

pub(crate) fn eligibility_at(person: &Person, index: Option<usize>) -> Check {
    let l = limit(LimitId::Eligibility);
    let mut c = Check::of(RuleId::Eligibility, None, l).no_figures();
    c.person = index;
    let (hz, he) = match person.honor {
        Honor::National => ("全国", "national"),
        Honor::Provincial => ("省级", "provincial"),
        Honor::City => ("市级", "city"),
        Honor::County => ("县级", "county"),
        Honor::None => ("无表彰级别", "no"),
    };
    let (tz, te) = match person.title {
        Title::ModelWorker => ("劳动模范", "model worker"),
        Title::AdvancedWorker => ("先进工作者", "advanced worker"),
        Title::Treatment => ("享受劳模待遇者", "person enjoying model-worker treatment"),
        Title::MayDayMedal => ("五一劳动奖章获得者", "May Day Labour Medal holder"),
    };
    let ok = person.honor >= Honor::City;
    let (vz, ve) = if ok {
        ("属于市级及以上表彰，符合参加条件。", "honoured at city level or above, so eligible.")
    } else {
        (
            "不符合参加条件：参加对象须经主管部门批准表彰，且为市级及以上。",
            "not eligible. Participants must be honoured, with approval of the competent department, at city level or above.",
        )
    };
    // Written straight into two strings: a roster of 10,000 makes this the engine's hot path.
    let (mut zh, mut en) = (String::with_capacity(128), String::with_capacity(192));
    let _ = match index {
        Some(i) => write!(zh, "第{}位", i + 1).and(write!(en, "Person {}", i + 1)),
        None => write!(zh, "此人").and(write!(en, "This person")),
    };
    let _ = write!(zh, "是{tz}（{hz}），{vz}").and(write!(en, " is a {te} ({he}-level honour): {ve}"));
    let c = c.say(if ok { Status::Ok } else { Status::NotEligible }, zh, en);
    if ok {
        return c;
    }
    c.suggest(
        "从名单中去掉此人，或换成市级及以上表彰的劳动模范、先进工作者（含享受待遇者）或五一劳动奖章获得者。".to_string(),
        "Take this person off the roster, or choose a model worker, advanced worker (treatment included) or May Day Labour Medal holder honoured at city level or above.".to_string(),
    )
}

/// The roster's indices in the order the article gives priority (paragraph 2: "面向基层一线，
/// 优先安排劳动强度高、工作环境艰苦、发挥骨干作用的和符合条件的年龄较大的劳模"): most of the
/// four flags (frontline, high intensity, hard environment, key role) first, then the older
/// first, then roster order. Everyone on the roster is listed, eligible or not.
pub fn priority_order(people: &[Person]) -> Vec<usize> {
    let mut keys: Vec<_> = people
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let flags = [p.frontline, p.high_intensity, p.hard_environment, p.key_role];
            (Reverse(flags.iter().filter(|f| **f).count()), Reverse(p.age), i)
        })
        .collect();
    keys.sort_unstable();
    keys.into_iter().map(|k| k.2).collect()
}
