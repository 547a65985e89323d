//! The rest-trip widget: a form that starts from the example plan, the rule engine's answer on
//! every keystroke (verdict in a live region, one line per check with a mark that is not colour
//! alone), errors next to their fields, the budget chart with the plan's batches as points, a
//! one-person "who may go?" check, and the share link in the URL fragment.
//!
//! The plan is kept in Rust as the same JSON the engine reads; each input carries its path
//! (`data-f="batches.0.end"`), so the engine's error `batches[0].end` finds its input.

use super::canvas::Charts;
use super::chart_api::{ChartId, ChartInput};
use super::html::H;
use super::share::{self, ShareError};
use super::{js_err, Ctx};
use crate::charts::PlanPoint;
use crate::data::{self, Unit};
use crate::format::{self, Lang};
use crate::rules::{self, Check, Destination, Report, RuleId, Status, Verdict};
use serde_json::{json, Map, Value};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement};

/// (value, Chinese, English) of a select's options.
type Opts = &'static [(&'static str, &'static str, &'static str)];

const ORGANIZERS: Opts = &[
    ("provincial_union", "省总工会", "The provincial trade union"),
    ("other", "其他工会组织", "Another union body"),
];
const DESTINATIONS: Opts = &[
    ("in_province", "省内", "Within Shanxi"),
    ("out_of_province", "省外", "Outside Shanxi"),
];
const VENUES: Opts = &[
    (
        "national_base",
        "全国劳模疗休养基地",
        "National rest base for model workers",
    ),
    (
        "provincial_base",
        "省级劳模疗休养基地",
        "Provincial rest base for model workers",
    ),
    (
        "union_sanatorium",
        "工会系统其他疗休养院所",
        "Another trade-union sanatorium",
    ),
    ("other", "其他地点", "Somewhere else"),
];
const HONORS: Opts = &[
    ("national", "全国级", "National"),
    ("provincial", "省级", "Provincial"),
    ("city", "市级", "City"),
    ("county", "县级", "County"),
    ("none", "未获表彰", "None"),
];
const TITLES: Opts = &[
    ("model_worker", "劳动模范", "Model worker"),
    ("advanced_worker", "先进工作者", "Advanced worker"),
    (
        "treatment",
        "享受劳模待遇者",
        "Enjoys model-worker treatment",
    ),
    (
        "may_day_medal",
        "五一劳动奖章获得者",
        "May Day Labour Medal holder",
    ),
];
const FLAGS: [(&str, &str, &str); 4] = [
    ("frontline", "基层一线", "Front line"),
    ("high_intensity", "劳动强度高", "High work intensity"),
    (
        "hard_environment",
        "工作环境艰苦",
        "Hard working conditions",
    ),
    ("key_role", "发挥骨干作用", "Key role"),
];

/// The example plan the form starts from (the rule engine's, which meets every rule).
fn example_plan() -> Value {
    serde_json::from_str(&rules::example_plan_json()).unwrap_or_else(|_| {
        json!({"organizer": "provincial_union", "batches": [{"participants": 80, "start": "2024-05-06",
            "end": "2024-05-12", "cost_per_person": 4500, "destination": "in_province", "venue": "national_base",
            "cross_province_activities": false, "lodging_changes": 0}]})
    })
}

fn new_person() -> Value {
    json!({"honor": "city", "title": "model_worker", "age": 58, "frontline": true,
           "high_intensity": false, "hard_environment": false, "key_role": false})
}

pub(crate) struct Rest {
    plan: Value,
    /// The quick check: honour, title, age as typed.
    who: [String; 3],
    pub charts: Charts,
    input: ChartInput,
    notice: Option<ShareError>,
    /// This widget's key in the fragment (`plan`, `plan2`, ... for several on one page).
    key: String,
    /// Kept alive for the clipboard promise (one pair per widget, reused).
    copy_cbs: Option<(Closure<dyn FnMut(JsValue)>, Closure<dyn FnMut(JsValue)>)>,
    /// The reader changed the plan (or opened a link with one): the fragment follows it.
    touched: bool,
    /// The fragment waiting to be written: `history.replaceState` costs a few milliseconds, so it
    /// runs once the reader pauses (LINK_DELAY_MS), not on every keystroke.
    pending_frag: Option<String>,
    link_timer: Option<i32>,
    on_link: Closure<dyn FnMut()>,
}

/// How long after the last edit the address bar's fragment follows the plan.
const LINK_DELAY_MS: i32 = 300;

impl Drop for Rest {
    /// A widget removed before its link was written: cancel the timer, whose callback goes with it.
    fn drop(&mut self) {
        if let (Some(t), Some(w)) = (self.link_timer.take(), web_sys::window()) {
            w.clear_timeout_with_handle(t);
        }
    }
}

fn hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

impl Rest {
    pub fn new(ctx: &Ctx, ordinal: usize) -> Rest {
        let key = if ordinal == 0 {
            "plan".to_string()
        } else {
            format!("plan{}", ordinal + 1)
        };
        let shared = share::get(&hash(), &key).is_some();
        let (plan, notice) = match share::get(&hash(), &key) {
            Some(text) => match share::decode_plan(text) {
                Ok(p) => (p, None),
                Err(e) => (example_plan(), Some(e)),
            },
            None => (example_plan(), None),
        };
        let id = ctx.id;
        let on_link = Closure::<dyn FnMut()>::new(move || {
            super::with_widget(id, |w| {
                if let super::State::Rest(r) = &mut w.state {
                    r.flush_link();
                }
            });
        });
        Rest {
            plan,
            who: ["city".into(), "model_worker".into(), "58".into()],
            charts: Charts::new(&[ChartId::Budget], "rest-trip"),
            input: ChartInput::default(),
            notice,
            key,
            copy_cbs: None,
            touched: shared,
            pending_frag: None,
            link_timer: None,
            on_link,
        }
    }

    pub fn markup(&self, ctx: &Ctx, h: &mut H) {
        let lang = ctx.lang;
        let rules_src = data::Source {
            section: data::Section::RestTrip,
            paragraph: 3,
        }
        .cite(lang);
        let intro = match lang {
            Lang::Zh => format!("9月19日，省总工会印发实施意见，规定了劳模疗休养的对象、批次、天数、地点和费用（{rules_src}等）。下面是一份示例方案：改动任何一项，马上能看到它是否符合规定、差在哪里、怎样改才符合。这只是帮助理解规定的工具，不代表官方审核。"),
            Lang::En => format!("On 19 September the provincial trade union issued rules on model workers' rest trips: who may go, batch size, days, venue and cost ({rules_src} and others). Below is an example plan: change anything and see at once whether it meets the rules, where it falls short and what would pass. A tool for understanding the rules, not an official review."),
        };
        h.e("p", &[("class", "lead")], &intro);
        if let Some(e) = self.notice {
            h.e(
                "p",
                &[("class", "notice"), ("role", "alert")],
                e.message(lang),
            );
        }
        // The verdict stays in view (sticky) while the reader edits a long form on a phone.
        h.e(
            "div",
            &[
                ("class", "verdict"),
                ("id", &ctx.uid("verdict")),
                ("role", "status"),
                ("aria-live", "polite"),
            ],
            "",
        );
        h.o("div", &[("class", "cols")]);
        h.o(
            "div",
            &[
                ("class", "form"),
                ("id", &ctx.uid("form")),
                ("role", "group"),
                ("aria-labelledby", &ctx.uid("fh")),
            ],
        );
        self.form_markup(ctx, h);
        h.c("div");
        h.o("div", &[("class", "result")]);
        h.e("h3", &[], ctx.pick("逐条检查", "Rule by rule"));
        h.e("ul", &[("class", "errs"), ("id", &ctx.uid("errs"))], "");
        h.e(
            "div",
            &[("class", "checks"), ("id", &ctx.uid("checks"))],
            "",
        );
        self.charts
            .figure(ctx, h, ChartId::Budget, &self.input, |_| {});
        self.share_markup(ctx, h);
        h.c("div");
        h.c("div");
        self.who_markup(ctx, h);
        self.rules_markup(ctx, h);
    }

    fn form_markup(&self, ctx: &Ctx, h: &mut H) {
        let lang = ctx.lang;
        h.e(
            "h3",
            &[("id", &ctx.uid("fh"))],
            ctx.pick("你的方案", "Your plan"),
        );
        let p = &self.plan;
        field(
            ctx,
            h,
            "organizer",
            ctx.pick("组织方", "Organised by"),
            Kind::Select(ORGANIZERS),
            p.get("organizer"),
        );
        field(
            ctx,
            h,
            "model_workers_under_65",
            ctx.pick(
                "65岁以下劳模总数（可不填）",
                "Model workers under 65 (optional)",
            ),
            Kind::Number,
            p.get("model_workers_under_65"),
        );
        let batches = p
            .get("batches")
            .and_then(Value::as_array)
            .map_or(&[][..], Vec::as_slice);
        for (i, b) in batches.iter().enumerate() {
            let legend = match lang {
                Lang::Zh => format!("第{}批", i + 1),
                Lang::En => format!("Batch {}", i + 1),
            };
            h.o("fieldset", &[("class", "batch")])
                .e("legend", &[], &legend);
            h.o("div", &[("class", "grid")]);
            let f = |h: &mut H, key: &str, zh: &str, en: &str, kind: Kind| {
                field(
                    ctx,
                    h,
                    &format!("batches.{i}.{key}"),
                    lang.pick(zh, en),
                    kind,
                    b.get(key),
                );
            };
            f(h, "participants", "人数", "People", Kind::Number);
            f(h, "start", "报到日", "Arrival day", Kind::Date);
            f(h, "end", "返程日", "Return day", Kind::Date);
            f(
                h,
                "cost_per_person",
                "每人费用（元）",
                "Cost per person (yuan)",
                Kind::Decimal,
            );
            f(
                h,
                "destination",
                "去向",
                "Where",
                Kind::Select(DESTINATIONS),
            );
            f(h, "venue", "地点", "Venue", Kind::Select(VENUES));
            f(
                h,
                "lodging_changes",
                "更换住宿次数",
                "Changes of lodging",
                Kind::Number,
            );
            f(
                h,
                "cross_province_activities",
                "到外省开展活动",
                "Activities in another province",
                Kind::Check,
            );
            h.c("div");
            let i_s = i.to_string();
            h.o("div", &[("class", "acts")]);
            let dup = match lang {
                Lang::Zh => format!("复制第{}批", i + 1),
                Lang::En => format!("Duplicate batch {}", i + 1),
            };
            h.e(
                "button",
                &[
                    ("type", "button"),
                    ("data-act", "dup-batch"),
                    ("data-i", &i_s),
                ],
                &dup,
            );
            if batches.len() > 1 {
                let del = match lang {
                    Lang::Zh => format!("删除第{}批", i + 1),
                    Lang::En => format!("Remove batch {}", i + 1),
                };
                h.e(
                    "button",
                    &[
                        ("type", "button"),
                        ("data-act", "del-batch"),
                        ("data-i", &i_s),
                    ],
                    &del,
                );
            }
            h.c("div").c("fieldset");
        }
        h.o("div", &[("class", "acts")]);
        h.e(
            "button",
            &[("type", "button"), ("data-act", "add-batch")],
            ctx.pick("添加一批", "Add a batch"),
        );
        h.e(
            "button",
            &[("type", "button"), ("data-act", "reset")],
            ctx.pick("恢复示例方案", "Back to the example"),
        );
        h.c("div");

        // The optional roster.
        let people = list(p, "people");
        let summary = match lang {
            Lang::Zh => format!("参加人员名单（可选，{}人）", people.len()),
            Lang::En => format!("Roster (optional, {} people)", people.len()),
        };
        open_details(ctx, h, "roster", &summary);
        for (i, person) in people.iter().enumerate() {
            let legend = match lang {
                Lang::Zh => format!("第{}人", i + 1),
                Lang::En => format!("Person {}", i + 1),
            };
            h.o("fieldset", &[("class", "person")])
                .e("legend", &[], &legend)
                .o("div", &[("class", "grid")]);
            let f = |h: &mut H, key: &str, zh: &str, en: &str, kind: Kind| {
                field(
                    ctx,
                    h,
                    &format!("people.{i}.{key}"),
                    lang.pick(zh, en),
                    kind,
                    person.get(key),
                );
            };
            f(h, "honor", "表彰级别", "Honour", Kind::Select(HONORS));
            f(h, "title", "称号", "Title", Kind::Select(TITLES));
            f(h, "age", "年龄", "Age", Kind::Number);
            for (k, zh, en) in FLAGS {
                f(h, k, zh, en, Kind::Check);
            }
            h.c("div");
            let del = match lang {
                Lang::Zh => format!("删除第{}人", i + 1),
                Lang::En => format!("Remove person {}", i + 1),
            };
            remove_button(h, "del-person", i, &del);
            h.c("fieldset");
        }
        h.e(
            "button",
            &[("type", "button"), ("data-act", "add-person")],
            ctx.pick("添加一人", "Add a person"),
        );
        h.c("details");

        // The technical workers' yearly numbers.
        let trips = list(p, "technical_worker_trips");
        let summary = ctx.pick(
            "优秀技术工人疗休养历年人次（可选）",
            "Excellent technical workers' trips by year (optional)",
        );
        open_details(ctx, h, "trips", summary);
        for (i, t) in trips.iter().enumerate() {
            h.o("div", &[("class", "grid trip")]);
            field(
                ctx,
                h,
                &format!("technical_worker_trips.{i}.year"),
                ctx.pick("年份", "Year"),
                Kind::Number,
                t.get("year"),
            );
            field(
                ctx,
                h,
                &format!("technical_worker_trips.{i}.participants"),
                ctx.pick("人次", "People"),
                Kind::Number,
                t.get("participants"),
            );
            let del = match lang {
                Lang::Zh => format!("删除第{}行", i + 1),
                Lang::En => format!("Remove row {}", i + 1),
            };
            remove_button(h, "del-trip", i, &del);
            h.c("div");
        }
        h.e(
            "button",
            &[("type", "button"), ("data-act", "add-trip")],
            ctx.pick("添加一年", "Add a year"),
        );
        h.c("details");
    }

    fn share_markup(&self, ctx: &Ctx, h: &mut H) {
        h.o("div", &[("class", "share")]);
        h.e(
            "label",
            &[("for", &ctx.uid("link"))],
            ctx.pick("分享这份方案的链接", "Link to this plan"),
        );
        h.o("div", &[("class", "row")]);
        h.o(
            "input",
            &[
                ("type", "text"),
                ("readonly", ""),
                ("id", &ctx.uid("link")),
                ("value", ""),
            ],
        );
        h.e(
            "button",
            &[("type", "button"), ("data-act", "copy")],
            ctx.pick("复制链接", "Copy link"),
        );
        h.c("div");
        h.e(
            "p",
            &[
                ("class", "hint"),
                ("id", &ctx.uid("copied")),
                ("role", "status"),
                ("data-ok", ctx.pick("已复制。", "Copied.")),
                (
                    "data-fail",
                    ctx.pick(
                        "无法自动复制，请手动复制上面的链接。",
                        "Could not copy; copy the link above by hand.",
                    ),
                ),
            ],
            "",
        );
        h.c("div");
    }

    fn who_markup(&self, ctx: &Ctx, h: &mut H) {
        h.o(
            "section",
            &[("class", "who"), ("aria-labelledby", &ctx.uid("who-h"))],
        );
        h.e(
            "h3",
            &[("id", &ctx.uid("who-h"))],
            ctx.pick("谁可以参加？", "Who may go?"),
        );
        h.o("div", &[("class", "grid")]);
        let [honor, title, age] = &self.who;
        field(
            ctx,
            h,
            "who.honor",
            ctx.pick("表彰级别", "Honour"),
            Kind::Select(HONORS),
            Some(&Value::String(honor.clone())),
        );
        field(
            ctx,
            h,
            "who.title",
            ctx.pick("称号", "Title"),
            Kind::Select(TITLES),
            Some(&Value::String(title.clone())),
        );
        field(
            ctx,
            h,
            "who.age",
            ctx.pick("年龄", "Age"),
            Kind::Number,
            Some(&Value::String(age.clone())),
        );
        h.c("div");
        h.e(
            "p",
            &[
                ("class", "who-out"),
                ("id", &ctx.uid("who-out")),
                ("role", "status"),
            ],
            "",
        );
        h.c("section");
    }

    /// The rules as text, with their sources: also what a reader without the chart reads.
    fn rules_markup(&self, ctx: &Ctx, h: &mut H) {
        let lang = ctx.lang;
        h.o("details", &[("class", "rules")]);
        h.e(
            "summary",
            &[],
            ctx.pick("规定要点与出处", "The rules and where they come from"),
        );
        h.o("ul", &[]);
        h.o("li", &[]);
        h.t(ctx.pick(
            "参加对象：经主管部门批准表彰的市级及以上劳动模范和先进工作者（含享受待遇者）及五一劳动奖章获得者；优先安排基层一线、劳动强度高、工作环境艰苦、发挥骨干作用和年龄较大的劳模。",
            "Who may go: city-level or higher model workers and advanced workers honoured with the approval of the authorities (including those who enjoy the treatment), and May Day Labour Medal holders; front-line workers, hard or intensive jobs, key roles and older model workers come first.",
        ));
        h.e(
            "cite",
            &[],
            &format!(
                " {}",
                data::Source {
                    section: data::Section::RestTrip,
                    paragraph: 2
                }
                .cite(lang)
            ),
        );
        h.c("li");
        for l in data::LIMITS.iter() {
            h.o("li", &[]);
            h.t(lang.pick(l.label_zh, l.label_en))
                .t(lang.pick("：“", ": “"))
                .t(l.quote_zh)
                .t("”");
            h.e("cite", &[], &format!(" {}", l.source.cite(lang)));
            h.c("li");
        }
        h.o("li", &[]);
        h.t(ctx.pick(
            "地点原则上为工会系统的疗休养院所，以全国或省级劳模疗休养基地为主；原则上不得跨省开展活动，住宿地点不变。",
            "The venue is in principle a trade-union sanatorium, mainly national or provincial bases; in principle no activities in another province, and the lodging stays the same.",
        ));
        h.e(
            "cite",
            &[],
            &format!(
                " {}",
                data::Source {
                    section: data::Section::RestTrip,
                    paragraph: 3
                }
                .cite(lang)
            ),
        );
        h.c("li");
        h.c("ul").c("details");
    }

    pub fn after_render(&mut self, ctx: &Ctx) -> Result<(), JsError> {
        self.charts.reset();
        self.update(ctx)?;
        self.update_who(ctx);
        Ok(())
    }

    /// Checks the plan and shows the answer; redraws the budget chart; writes the share link.
    pub fn update(&mut self, ctx: &Ctx) -> Result<(), JsError> {
        let json = self.plan.to_string();
        let report = rules::check_json(&json);
        self.show_report(ctx, &report);
        // The budget chart shows days and cost per person: most edits (people, venue, roster)
        // leave its points where they are, and then it is not redrawn.
        let points = plan_points(&self.plan);
        if points != self.input.plan_points {
            self.input.plan_points = points;
            self.charts.redraw_id(ctx, ChartId::Budget, &self.input);
        }
        self.write_link(ctx);
        Ok(())
    }

    pub fn redraw_chart(&mut self, ctx: &Ctx, force: bool) -> Result<(), JsError> {
        self.charts.redraw(ctx, force, &self.input)
    }

    fn show_report(&self, ctx: &Ctx, report: &Report) {
        let lang = ctx.lang;
        let count = |s: Status| report.checks.iter().filter(|c| c.status == s).count();
        let (mark, class, head) = match report.verdict {
            Verdict::Meets => ("✓", "v-ok", ctx.pick("符合规定", "Meets the rules")),
            Verdict::DoesNotMeet => (
                "✗",
                "v-fail",
                ctx.pick("不符合一般规定", "Does not meet the general limits"),
            ),
            Verdict::Ineligible => (
                "⊘",
                "v-inel",
                ctx.pick("有人不符合参加条件", "Someone is not eligible"),
            ),
            Verdict::Invalid => (
                "!",
                "v-inv",
                ctx.pick(
                    "方案填写有误，请按提示修改",
                    "The plan has input errors: see the fields marked",
                ),
            ),
        };
        let detail = match (report.verdict, lang) {
            (Verdict::Invalid, Lang::Zh) => format!("共{}处需要修改。", report.errors.len()),
            (Verdict::Invalid, Lang::En) => format!("{} to fix.", report.errors.len()),
            (_, Lang::Zh) => {
                let mut d = format!("{}项检查，{}项符合", report.checks.len(), count(Status::Ok));
                for (s, w) in [
                    (Status::Fails, "不符合一般规定"),
                    (Status::NotEligible, "不符合参加条件"),
                    (Status::Note, "提示"),
                ] {
                    if count(s) > 0 {
                        d.push_str(&format!("，{}项{}", count(s), w));
                    }
                }
                d + "。"
            }
            (_, Lang::En) => {
                let mut d = format!("{} checks, {} met", report.checks.len(), count(Status::Ok));
                for (s, w) in [
                    (Status::Fails, "not met"),
                    (Status::NotEligible, "not eligible"),
                    (Status::Note, "advice"),
                ] {
                    if count(s) > 0 {
                        d.push_str(&format!(", {} {}", count(s), w));
                    }
                }
                d + "."
            }
        };
        // The first reason, so a reader on a phone sees why without scrolling.
        let first = report
            .checks
            .iter()
            .find(|c| matches!(c.status, Status::Fails | Status::NotEligible));
        if let Some(v) = ctx.by_uid("verdict") {
            let mut h = H::default();
            h.e("span", &[("class", "mark"), ("aria-hidden", "true")], mark);
            h.e("strong", &[], head).t(" ").e("span", &[], &detail);
            if let Some(c) = first {
                h.e("span", &[("class", "why")], &c.message(lang));
                h.e(
                    "button",
                    &[("type", "button"), ("class", "link"), ("data-act", "why")],
                    ctx.pick("逐条看原因", "See every rule"),
                );
            }
            v.set_inner_html(&h.0);
            v.set_attribute("class", &format!("verdict {class}")).ok();
        }
        // Errors next to their fields; the rest in the list above the checks.
        let inputs = ctx.root.query_selector_all("[data-f]").ok();
        let mut general = H::default();
        let mut matched = vec![false; report.errors.len()];
        if let Some(inputs) = inputs {
            for n in 0..inputs.length() {
                let Some(el) = inputs.get(n).and_then(|x| x.dyn_into::<Element>().ok()) else {
                    continue;
                };
                let path = el.get_attribute("data-f").unwrap_or_default();
                if path.starts_with("who.") || path == "growth" {
                    continue;
                }
                let err_id = format!("{}-err", el.id());
                let found = report
                    .errors
                    .iter()
                    .position(|e| field_path(&e.field) == path);
                let slot = ctx.root.get_element_by_id(&err_id);
                match found {
                    Some(i) => {
                        if let Some(m) = matched.get_mut(i) {
                            *m = true;
                        }
                        let e = report.errors.get(i);
                        let msg = e.map_or("", |e| lang.pick(&e.message_zh, &e.message_en));
                        el.set_attribute("aria-invalid", "true").ok();
                        el.set_attribute("aria-describedby", &err_id).ok();
                        if let Some(s) = slot {
                            s.set_text_content(Some(msg));
                            s.remove_attribute("hidden").ok();
                        }
                    }
                    None => {
                        el.remove_attribute("aria-invalid").ok();
                        el.remove_attribute("aria-describedby").ok();
                        if let Some(s) = slot {
                            s.set_text_content(None);
                            s.set_attribute("hidden", "").ok();
                        }
                    }
                }
            }
        }
        for (e, m) in report.errors.iter().zip(&matched) {
            if !m {
                general.e("li", &[], lang.pick(&e.message_zh, &e.message_en));
            }
        }
        if let Some(list) = ctx.by_uid("errs") {
            list.set_inner_html(&general.0);
        }
        // What needs attention first; the rules the plan meets folded underneath.
        let mut h = H::default();
        let ok = count(Status::Ok);
        if ok < report.checks.len() {
            h.o("ul", &[]);
            for c in report.checks.iter().filter(|c| c.status != Status::Ok) {
                check_line(&mut h, c, lang);
            }
            h.c("ul");
        }
        if ok > 0 {
            let summary = match lang {
                Lang::Zh => format!("符合规定的{ok}项"),
                Lang::En => format!("The {ok} checks the plan meets"),
            };
            let open = ctx.q(".checks details[open]").is_some();
            h.o("details", if open { &[("open", "")][..] } else { &[][..] })
                .e("summary", &[], &summary)
                .o("ul", &[]);
            for c in report.checks.iter().filter(|c| c.status == Status::Ok) {
                check_line(&mut h, c, lang);
            }
            h.c("ul").c("details");
        }
        if let Some(list) = ctx.by_uid("checks") {
            list.set_inner_html(&h.0);
        }
    }

    /// Shows the share link, and once the reader has changed the plan also puts it in the URL
    /// fragment (replaceState: no history entry per keystroke; an article opened without a plan
    /// keeps its URL untouched).
    /// Shows the share link at once and writes it to the address bar once the reader pauses.
    fn write_link(&mut self, ctx: &Ctx) {
        let Some(w) = web_sys::window() else { return };
        let value = share::encode_plan(&self.plan);
        let frag = share::set(&hash(), &self.key, &value);
        let href = w.location().href().unwrap_or_default();
        let base = href.split('#').next().unwrap_or_default();
        if let Some(link) = ctx
            .by_uid("link")
            .and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
        {
            link.set_value(&format!("{base}{frag}"));
        }
        if self.touched && value.len() <= share::MAX_LEN {
            self.pending_frag = Some(frag);
            if let Some(t) = self.link_timer.take() {
                w.clear_timeout_with_handle(t);
            }
            self.link_timer = w
                .set_timeout_with_callback_and_timeout_and_arguments_0(
                    self.on_link.as_ref().unchecked_ref(),
                    LINK_DELAY_MS,
                )
                .ok();
        }
    }

    /// Writes the waiting fragment to the address bar.
    pub fn flush_link(&mut self) {
        self.link_timer = None;
        let Some(frag) = self.pending_frag.take() else {
            return;
        };
        if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
            history
                .replace_state_with_url(&JsValue::NULL, "", Some(&frag))
                .ok();
        }
    }

    fn update_who(&self, ctx: &Ctx) {
        let [honor, title, age] = &self.who;
        let mut person = Map::new();
        person.insert("honor".into(), Value::String(honor.clone()));
        person.insert("title".into(), Value::String(title.clone()));
        person.insert("age".into(), num_or_text(age));
        let mut plan = example_plan();
        if let Some(obj) = plan.as_object_mut() {
            obj.insert("people".into(), Value::Array(vec![Value::Object(person)]));
        }
        let report = rules::check_value(&plan);
        let mut h = H::default();
        let elig = report.checks.iter().find(|c| c.rule == RuleId::Eligibility);
        let lang = ctx.lang;
        match (
            elig,
            report.errors.iter().find(|e| e.field.starts_with("people")),
        ) {
            (_, Some(e)) => {
                h.e("span", &[("class", "mark"), ("aria-hidden", "true")], "!");
                h.t(lang.pick(&e.message_zh, &e.message_en));
            }
            (Some(c), None) => {
                let (mark, word) = status_word(c.status, lang);
                h.e("span", &[("class", "mark"), ("aria-hidden", "true")], mark);
                h.e("strong", &[], word).t(" ").t(&c.message(lang));
            }
            (None, None) => {
                h.t(ctx.pick("暂时无法判断。", "Cannot tell yet."));
            }
        }
        if let Some(out) = ctx.by_uid("who-out") {
            out.set_inner_html(&h.0);
        }
    }

    pub fn on_input(&mut self, ctx: &Ctx, target: &Element) -> Result<(), JsError> {
        let Some(path) = target.get_attribute("data-f") else {
            return Ok(());
        };
        let value = if let Some(i) = target.dyn_ref::<HtmlInputElement>() {
            match i.type_().as_str() {
                "checkbox" => Value::Bool(i.checked()),
                "date" => Value::String(i.value()),
                _ if is_numeric(&path) => num_or_text(&i.value()),
                _ => Value::String(i.value()),
            }
        } else if let Some(s) = target.dyn_ref::<HtmlSelectElement>() {
            Value::String(s.value())
        } else {
            return Ok(());
        };
        if let Some(rest) = path.strip_prefix("who.") {
            let slot = match rest {
                "honor" => 0,
                "title" => 1,
                _ => 2,
            };
            let text = match &value {
                Value::String(s) => s.clone(),
                v => v.to_string(),
            };
            if let Some(s) = self.who.get_mut(slot) {
                *s = text;
            }
            self.update_who(ctx);
            return Ok(());
        }
        let optional = path == "model_workers_under_65";
        if optional && value == Value::Null {
            if let Some(o) = self.plan.as_object_mut() {
                o.remove(&path);
            }
        } else {
            set_path(&mut self.plan, &path, value);
        }
        self.notice = None;
        self.touched = true;
        self.update(ctx)
    }

    pub fn on_click(&mut self, ctx: &Ctx, act: &str, button: &Element) -> Result<(), JsError> {
        if self.charts.on_click(ctx, act, button, &self.input)? {
            return Ok(());
        }
        let i: usize = button
            .get_attribute("data-i")
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let focus;
        match act {
            "copy" => {
                self.copy(ctx);
                return Ok(());
            }
            "why" => {
                if let Some(el) = ctx.by_uid("checks") {
                    el.scroll_into_view();
                }
                return Ok(());
            }
            "add-batch" | "dup-batch" => {
                let Some(list) = list_mut(&mut self.plan, "batches") else {
                    return Ok(());
                };
                if list.len() >= 100 {
                    return Ok(());
                }
                let src = if act == "dup-batch" {
                    list.get(i).cloned()
                } else {
                    list.last().cloned()
                };
                let at = if act == "dup-batch" {
                    (i + 1).min(list.len())
                } else {
                    list.len()
                };
                list.insert(
                    at,
                    src.unwrap_or_else(|| example_plan()["batches"][0].clone()),
                );
                focus = format!("batches.{at}.participants");
            }
            "del-batch" => {
                let Some(list) = list_mut(&mut self.plan, "batches") else {
                    return Ok(());
                };
                if list.len() > 1 && i < list.len() {
                    list.remove(i);
                }
                focus = format!("batches.{}.participants", i.saturating_sub(1));
            }
            "add-person" => {
                let Some(list) = list_mut(&mut self.plan, "people") else {
                    return Ok(());
                };
                if list.len() >= 200 {
                    return Ok(());
                }
                list.push(new_person());
                focus = format!("people.{}.honor", list.len() - 1);
            }
            "del-person" => {
                let Some(list) = list_mut(&mut self.plan, "people") else {
                    return Ok(());
                };
                if i < list.len() {
                    list.remove(i);
                }
                focus = "act:add-person".into();
            }
            "add-trip" => {
                let Some(list) = list_mut(&mut self.plan, "technical_worker_trips") else {
                    return Ok(());
                };
                if list.len() >= 50 {
                    return Ok(());
                }
                let year = list
                    .last()
                    .and_then(|t| t.get("year"))
                    .and_then(Value::as_i64)
                    .map_or(2022, |y| y + 1);
                list.push(json!({"year": year, "participants": 300}));
                focus = format!("technical_worker_trips.{}.participants", list.len() - 1);
            }
            "del-trip" => {
                let Some(list) = list_mut(&mut self.plan, "technical_worker_trips") else {
                    return Ok(());
                };
                if i < list.len() {
                    list.remove(i);
                }
                focus = "act:add-trip".into();
            }
            "reset" => {
                self.plan = example_plan();
                self.notice = None;
                focus = "act:reset".into();
            }
            _ => return Ok(()),
        }
        self.touched = true;
        // Empty optional lists leave the plan.
        if let Some(o) = self.plan.as_object_mut() {
            for k in ["people", "technical_worker_trips"] {
                if o.get(k)
                    .and_then(Value::as_array)
                    .is_some_and(Vec::is_empty)
                {
                    o.remove(k);
                }
            }
        }
        let form = ctx.by_uid("form").ok_or_else(|| js_err("form missing"))?;
        let mut h = H::default();
        self.form_markup(ctx, &mut h);
        form.set_inner_html(&h.0);
        self.update(ctx)?;
        let sel = match focus.strip_prefix("act:") {
            Some(a) => format!("[data-act=\"{a}\"]"),
            None => format!("[data-f=\"{focus}\"]"),
        };
        if let Some(el) = ctx.q(&sel).and_then(|e| e.dyn_into::<HtmlElement>().ok()) {
            el.focus().ok();
        }
        Ok(())
    }

    fn copy(&mut self, ctx: &Ctx) {
        let Some(w) = web_sys::window() else { return };
        let Some(link) = ctx
            .by_uid("link")
            .and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
        else {
            return;
        };
        link.select();
        let url = link.value();
        let status = ctx.uid("copied");
        let root = ctx.root.clone();
        let (ok, fail) = self.copy_cbs.get_or_insert_with(|| {
            let say = |attr: &'static str, root: web_sys::ShadowRoot, status: String| {
                Closure::<dyn FnMut(JsValue)>::new(move |_v: JsValue| {
                    if let Some(el) = root.get_element_by_id(&status) {
                        let text = el.get_attribute(attr).unwrap_or_default();
                        el.set_text_content(Some(&text));
                    }
                })
            };
            (
                say("data-ok", root.clone(), status.clone()),
                say("data-fail", root, status),
            )
        });
        let promise = w.navigator().clipboard().write_text(&url);
        let _ = promise.then2(ok, fail);
    }
}

/// How an input is drawn.
#[derive(Clone, Copy)]
enum Kind {
    Number,
    Decimal,
    Date,
    Check,
    Select(Opts),
}

/// One labelled input with its error slot (filled by `show_report`).
fn field(ctx: &Ctx, h: &mut H, path: &str, label: &str, kind: Kind, value: Option<&Value>) {
    let id = ctx.uid(&path.replace('.', "-"));
    let err = format!("{id}-err");
    let text = match value {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => String::new(),
        Some(v) => v.to_string(),
    };
    let check = matches!(kind, Kind::Check);
    // Selects with long option labels get the whole row.
    let wide = matches!(kind, Kind::Select(o) if o.iter().any(|(_, zh, _)| zh.chars().count() > 6));
    h.o(
        "div",
        &[(
            "class",
            if check {
                "f check"
            } else if wide {
                "f wide"
            } else {
                "f"
            },
        )],
    );
    if !check {
        h.e("label", &[("for", &id)], label);
    }
    match kind {
        Kind::Select(opts) => {
            h.o("select", &[("id", &id), ("data-f", path)]);
            if !opts.iter().any(|(v, _, _)| *v == text) {
                // A value from a shared link the form does not know: keep it, the engine says why.
                h.e("option", &[("value", &text), ("selected", "")], &text);
            }
            for (v, zh, en) in opts {
                let mut attrs = vec![("value", *v)];
                if *v == text {
                    attrs.push(("selected", ""));
                }
                h.e("option", &attrs, ctx.pick(zh, en));
            }
            h.c("select");
        }
        Kind::Check => {
            let mut attrs = vec![("type", "checkbox"), ("id", id.as_str()), ("data-f", path)];
            if value == Some(&Value::Bool(true)) {
                attrs.push(("checked", ""));
            }
            h.o("input", &attrs);
            h.e("label", &[("for", &id)], label);
        }
        Kind::Date => {
            h.o(
                "input",
                &[
                    ("type", "date"),
                    ("id", &id),
                    ("data-f", path),
                    ("value", &text),
                    ("min", "2000-01-01"),
                    ("max", "2100-12-31"),
                ],
            );
        }
        Kind::Number | Kind::Decimal => {
            let mode = if matches!(kind, Kind::Number) {
                "numeric"
            } else {
                "decimal"
            };
            h.o(
                "input",
                &[
                    ("type", "text"),
                    ("inputmode", mode),
                    ("id", &id),
                    ("data-f", path),
                    ("value", &text),
                    ("autocomplete", "off"),
                ],
            );
        }
    }
    h.e("p", &[("class", "err"), ("id", &err), ("hidden", "")], "");
    h.c("div");
}

/// `batches[0].end` → `batches.0.end`, the form's path.
fn field_path(engine: &str) -> String {
    engine.replace('[', ".").replace(']', "")
}

fn is_numeric(path: &str) -> bool {
    let last = path.rsplit('.').next().unwrap_or(path);
    matches!(
        last,
        "participants"
            | "cost_per_person"
            | "lodging_changes"
            | "age"
            | "year"
            | "model_workers_under_65"
    )
}

/// A number if the text is one (full-width digits allowed), else the text (the engine then says
/// what is wrong with it), `null` when empty.
fn num_or_text(s: &str) -> Value {
    let t: String = s
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' => '.',
            c => c,
        })
        .filter(|c| *c != ',')
        .collect();
    if t.is_empty() {
        return Value::Null;
    }
    if let Ok(n) = t.parse::<i64>() {
        return Value::from(n);
    }
    // A plain decimal (what Rust's float parser would accept, less inf and NaN) is converted by
    // the browser: Rust's own float parser brings about 15 KB of tables into the wasm.
    let f = if plain_decimal(&t) {
        js_sys::Number::parse_float(&t)
    } else {
        f64::NAN
    };
    match f {
        f if f.is_finite() => {
            serde_json::Number::from_f64(f).map_or(Value::String(t), Value::Number)
        }
        _ => Value::String(s.to_string()),
    }
}

/// `-12`, `4500.5`, `.5`, `1e3`: an optional sign, digits with at most one point, an optional
/// exponent. Not hex, not `inf`, not `NaN`.
fn plain_decimal(t: &str) -> bool {
    let digits = |x: &str| x.bytes().all(|c| c.is_ascii_digit());
    let unsigned = |x: &str| x.strip_prefix(['-', '+']).unwrap_or(x).to_string();
    let body = unsigned(t);
    let (mantissa, exponent) = match body.split_once(['e', 'E']) {
        Some((m, e)) => (m.to_string(), Some(unsigned(e))),
        None => (body, None),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((&mantissa, ""));
    !(int.is_empty() && frac.is_empty())
        && digits(int)
        && digits(frac)
        && exponent.is_none_or(|e| !e.is_empty() && digits(&e))
}

/// Sets `a.0.b` in a JSON value, creating objects on the way; a wrong step is ignored.
fn set_path(v: &mut Value, path: &str, value: Value) {
    let mut cur = v;
    let parts: Vec<&str> = path.split('.').collect();
    let Some((last, steps)) = parts.split_last() else {
        return;
    };
    for step in steps {
        let next = match step.parse::<usize>() {
            Ok(i) => cur.get_mut(i),
            Err(_) => cur.get_mut(*step),
        };
        match next {
            Some(n) => cur = n,
            None => return,
        }
    }
    if let Some(o) = cur.as_object_mut() {
        o.insert((*last).to_string(), value);
    }
}

/// The list `key` of the plan, created empty if missing or not a list.
fn list_mut<'a>(plan: &'a mut Value, key: &str) -> Option<&'a mut Vec<Value>> {
    let entry = plan
        .as_object_mut()?
        .entry(key.to_string())
        .or_insert_with(|| Value::Array(Vec::new()));
    if !entry.is_array() {
        *entry = Value::Array(Vec::new());
    }
    entry.as_array_mut()
}

fn status_word(s: Status, lang: Lang) -> (&'static str, &'static str) {
    match s {
        Status::Ok => ("✓", lang.pick("符合", "Meets")),
        Status::Fails => (
            "✗",
            lang.pick("不符合一般规定", "Does not meet the general limit"),
        ),
        Status::NotEligible => ("⊘", lang.pick("不符合参加条件", "Not eligible")),
        Status::NotApplicable => ("–", lang.pick("不适用", "Not applicable")),
        Status::Note => ("ℹ", lang.pick("提示", "Advice")),
    }
}

fn status_class(s: Status) -> &'static str {
    match s {
        Status::Ok => "ck s-ok",
        Status::Fails => "ck s-fail",
        Status::NotEligible => "ck s-inel",
        Status::NotApplicable => "ck s-na",
        Status::Note => "ck s-note",
    }
}

/// The plan's list under `key` (empty when absent or not a list).
fn list<'p>(plan: &'p Value, key: &str) -> &'p [Value] {
    plan.get(key)
        .and_then(Value::as_array)
        .map_or(&[][..], Vec::as_slice)
}

/// Opens an optional section (`<details class="opt {class}">`), kept open across re-renders if
/// the reader had opened it.
fn open_details(ctx: &Ctx, h: &mut H, class: &str, summary: &str) {
    let class = format!("opt {class}");
    let was_open = ctx
        .q(&format!("details.{}[open]", class.replace(' ', ".")))
        .is_some();
    let mut attrs = vec![("class", class.as_str())];
    if was_open {
        attrs.push(("open", ""));
    }
    h.o("details", &attrs);
    h.e("summary", &[], summary);
}

/// The button that removes row `i` of a list (`data-act` names the list).
fn remove_button(h: &mut H, act: &str, i: usize, label: &str) {
    h.e(
        "button",
        &[
            ("type", "button"),
            ("data-act", act),
            ("data-i", &i.to_string()),
        ],
        label,
    );
}

/// A figure of a check in its unit: 120人, 7天, ¥4,500.
fn amount(v: f64, unit: Unit, lang: Lang) -> String {
    match unit {
        // Counts in the rules are occurrences (lodging changes, cross-province activities), not
        // items, so they go without the 个 that the dataset's counts take.
        Unit::Count | Unit::SquareMeters => format::count(v, lang),
        _ => format::in_unit(v, unit, lang),
    }
}

fn check_line(h: &mut H, c: &Check, lang: Lang) {
    let (mark, word) = status_word(c.status, lang);
    h.o("li", &[("class", status_class(c.status))]);
    h.e("span", &[("class", "mark"), ("aria-hidden", "true")], mark);
    h.o("div", &[]);
    h.e("strong", &[], word)
        .t(lang.pick("：", ": "))
        .t(&c.message(lang));
    let figures = matches!(
        c.rule,
        RuleId::BatchSize
            | RuleId::Duration
            | RuleId::CostPerPerson
            | RuleId::CostPerDay
            | RuleId::AnnualScale
    );
    if let (true, Some(o), Some(l), Some(u)) = (figures, c.observed, c.limit, c.unit) {
        let mut fig = match lang {
            Lang::Zh => format!("方案：{}；上限：{}", amount(o, u, lang), amount(l, u, lang)),
            Lang::En => format!(
                "Plan: {}; limit: {}",
                amount(o, u, lang),
                amount(l, u, lang)
            ),
        };
        if let Some(m) = c.margin {
            let a = amount(m.abs(), u, lang);
            fig.push_str(&match (m < 0.0, lang) {
                (true, Lang::Zh) => format!("；超出{a}"),
                (false, Lang::Zh) => format!("；余{a}"),
                (true, Lang::En) => format!("; {a} over"),
                (false, Lang::En) => format!("; {a} to spare"),
            });
        }
        h.e("span", &[("class", "fig")], &fig);
    }
    if let Some(s) = c.suggestion(lang) {
        h.e(
            "span",
            &[("class", "sugg")],
            &format!("{}{}", lang.pick("怎样改：", "What would pass: "), s),
        );
    }
    let cite = match lang {
        Lang::Zh => format!("依据：劳模疗休养报道第{}段", c.source.paragraph),
        Lang::En => format!(
            "Source: the rest-trip story, paragraph {}",
            c.source.paragraph
        ),
    };
    h.e("cite", &[], &cite);
    h.c("div").c("li");
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` date, if it is a real one.
fn day_number(s: &str) -> Option<i64> {
    let mut it = s.split('-');
    let y: i64 = it.next()?.parse().ok()?;
    let m: i64 = it.next()?.parse().ok()?;
    let d: i64 = it.next()?.parse().ok()?;
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let dim = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    if !(2000..=2100).contains(&y)
        || !(1..=12).contains(&m)
        || d < 1
        || d > *dim.get((m - 1) as usize)?
    {
        return None;
    }
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// The plan's batches as points on the budget chart (those with real dates and a cost).
fn plan_points(plan: &Value) -> Vec<PlanPoint> {
    let batches = plan
        .get("batches")
        .and_then(Value::as_array)
        .map_or(&[][..], Vec::as_slice);
    batches
        .iter()
        .enumerate()
        .filter_map(|(i, b)| {
            let start = day_number(b.get("start")?.as_str()?)?;
            let end = day_number(b.get("end")?.as_str()?)?;
            let days = u32::try_from(end - start + 1)
                .ok()
                .filter(|d| (1..=366).contains(d))?;
            let cost = b
                .get("cost_per_person")?
                .as_f64()
                .filter(|c| (0.0..=1_000_000.0).contains(c))?;
            let destination = match b.get("destination")?.as_str()? {
                "out_of_province" => Destination::OutOfProvince,
                _ => Destination::InProvince,
            };
            Some(PlanPoint {
                days,
                cost_per_person_fen: (cost * 100.0).round() as i64,
                destination,
                label_zh: format!("第{}批", i + 1),
                label_en: format!("Batch {}", i + 1),
            })
        })
        .collect()
}
