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
/// （含享受待遇者）及五一劳动奖章获得者". The sentence reads two ways: "市级及以上" may qualify
/// only the model workers and advanced workers, or the whole list, May Day Labour Medal holders
/// included. **Our reading** is the second: the qualifier opens the object and 及 joins the
/// medal holders inside it, and medals too are awarded by level. So every title needs an honour
/// at city level or above (`city`, `provincial`, `national`); `county` and `none` are not
/// eligible whatever the title. For a May Day medal holder the message says this is our reading
/// and why. A hard condition (status `not_eligible`), not a "generally" limit.
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
            "不符合参加条件：原文的参加对象是“经主管部门批准表彰的市级及以上”的劳模、先进工作者及五一劳动奖章获得者。",
            "not eligible: the article's participants are those honoured at city level or above with the approval of the competent department.",
        )
    };
    // Whether 市级及以上 also covers the medal holders is our reading: say so where it decides.
    let reading = if title == Title::MayDayMedal {
        lang.pick(
            "（“市级及以上”是否也限定五一劳动奖章获得者，原文可以有两种读法；这里按“也限定”理解，因为这一限定语在整个参加对象之前，奖章获得者用“及”并列其中。）",
            " (Whether \"city level or above\" also applies to May Day medal holders can be read two ways; we read it as applying, because the qualifier opens the whole list and the medal holders are joined into it with 及.)",
        )
    } else {
        ""
    };
    match (c.person, lang) {
        (Some(i), Lang::Zh) => write!(f, "名单第{}人", i + 1)?,
        (Some(i), Lang::En) => write!(f, "Person {}", i + 1)?,
        (None, Lang::Zh) => f.write_str("此人")?,
        (None, Lang::En) => f.write_str("This person")?,
    }
    match lang {
        Lang::Zh => write!(f, "是{t}（{h}），{verdict}{reading}"),
        Lang::En => write!(f, " is a {t} ({h}-level honour): {verdict}{reading}"),
    }
}

/// What would make the roster eligible.
pub(crate) fn eligibility_fix(f: &mut fmt::Formatter<'_>, lang: Lang) -> fmt::Result {
    f.write_str(lang.pick(
        "从名单中去掉此人，或换成市级及以上表彰的劳动模范、先进工作者（含享受待遇者）或五一劳动奖章获得者。",
        "Take this person off the roster, or choose a model worker, advanced worker (treatment included) or May Day Labour Medal holder honoured at city level or above.",
    ))
}

/// Why a person comes where they do in the priority order: the article's priority groups
/// (paragraph 2: "优先安排劳动强度高、工作环境艰苦、发挥骨干作用的和符合条件的年龄较大的劳模").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Priority {
    HighIntensity,
    HardEnvironment,
    KeyRole,
}

impl Priority {
    /// The group in the article's words.
    pub fn words(self, lang: Lang) -> &'static str {
        match self {
            Priority::HighIntensity => lang.pick("劳动强度高", "high work intensity"),
            Priority::HardEnvironment => lang.pick("工作环境艰苦", "hard working conditions"),
            Priority::KeyRole => lang.pick("发挥骨干作用", "a key role"),
        }
    }
}

/// The priority groups a person is in.
pub fn priorities(p: &Person) -> Vec<Priority> {
    [
        (p.high_intensity, Priority::HighIntensity),
        (p.hard_environment, Priority::HardEnvironment),
        (p.key_role, Priority::KeyRole),
    ]
    .into_iter()
    .filter_map(|(on, g)| on.then_some(g))
    .collect()
}

/// The roster's indices in the order the article gives priority (paragraph 2: "劳模疗休养面向
/// 基层一线，优先安排劳动强度高、工作环境艰苦、发挥骨干作用的和符合条件的年龄较大的劳模"):
/// the eligible before the ineligible ("符合条件的"); among them, those in more of the three named
/// groups first; then the older first, since "年龄较大的" is a priority group whose age the article
/// does not set, so age orders and no threshold is invented; then roster order. 面向基层一线 is the
/// orientation of the whole programme, not a rank, so it does not move anyone.
pub fn priority_order(people: &[Person]) -> Vec<usize> {
    let mut keys: Vec<_> = people
        .iter()
        .enumerate()
        .map(|(i, p)| {
            (
                p.honor < Honor::City,
                Reverse(priorities(p).len()),
                Reverse(p.age),
                i,
            )
        })
        .collect();
    keys.sort_unstable();
    keys.into_iter().map(|k| k.3).collect()
}
