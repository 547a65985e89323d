//! Who may go on a model workers' rest trip, and who goes first: the roster rules of the article's
//! paragraph 2 (参加对象 and 优先安排).

use super::plan::{Honor, Person, Title};
use super::report::{Check, RuleId, Status, Why};
use crate::data::{limit, LimitId};
use crate::format::Lang;
use std::cmp::Reverse;
use std::fmt;

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
    let status = if person.honor >= Honor::City {
        Status::Ok
    } else {
        Status::NotEligible
    };
    let mut c = Check::new(
        RuleId::Eligibility,
        None,
        l,
        status,
        None,
        Why::Eligibility {
            honor: person.honor,
            title: person.title,
        },
    );
    c.person = index;
    c
}

/// The eligibility message: "第2位是劳动模范（市级），属于市级及以上表彰，符合参加条件。"
pub(crate) fn eligibility_words(
    f: &mut fmt::Formatter<'_>,
    c: &Check,
    lang: Lang,
    honor: Honor,
    title: Title,
) -> fmt::Result {
    let h = match honor {
        Honor::National => lang.pick("全国", "national"),
        Honor::Provincial => lang.pick("省级", "provincial"),
        Honor::City => lang.pick("市级", "city"),
        Honor::County => lang.pick("县级", "county"),
        Honor::None => lang.pick("无表彰级别", "no"),
    };
    let t = match title {
        Title::ModelWorker => lang.pick("劳动模范", "model worker"),
        Title::AdvancedWorker => lang.pick("先进工作者", "advanced worker"),
        Title::Treatment => lang.pick("享受劳模待遇者", "person enjoying model-worker treatment"),
        Title::MayDayMedal => lang.pick("五一劳动奖章获得者", "May Day Labour Medal holder"),
    };
    let verdict = if c.status == Status::Ok {
        lang.pick(
            "属于市级及以上表彰，符合参加条件。",
            "honoured at city level or above, so eligible.",
        )
    } else {
        lang.pick(
            "不符合参加条件：参加对象须经主管部门批准表彰，且为市级及以上。",
            "not eligible. Participants must be honoured, with approval of the competent department, at city level or above.",
        )
    };
    match (c.person, lang) {
        (Some(i), Lang::Zh) => write!(f, "第{}位", i + 1)?,
        (Some(i), Lang::En) => write!(f, "Person {}", i + 1)?,
        (None, Lang::Zh) => f.write_str("此人")?,
        (None, Lang::En) => f.write_str("This person")?,
    }
    match lang {
        Lang::Zh => write!(f, "是{t}（{h}），{verdict}"),
        Lang::En => write!(f, " is a {t} ({h}-level honour): {verdict}"),
    }
}

/// What would make the roster eligible.
pub(crate) fn eligibility_fix(f: &mut fmt::Formatter<'_>, lang: Lang) -> fmt::Result {
    f.write_str(lang.pick(
        "从名单中去掉此人，或换成市级及以上表彰的劳动模范、先进工作者（含享受待遇者）或五一劳动奖章获得者。",
        "Take this person off the roster, or choose a model worker, advanced worker (treatment included) or May Day Labour Medal holder honoured at city level or above.",
    ))
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
            let flags = [
                p.frontline,
                p.high_intensity,
                p.hard_environment,
                p.key_role,
            ];
            (
                Reverse(flags.iter().filter(|f| **f).count()),
                Reverse(p.age),
                i,
            )
        })
        .collect();
    keys.sort_unstable();
    keys.into_iter().map(|k| k.2).collect()
}
