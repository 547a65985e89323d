//! The rest-trip widget, a view of the core's plan draft ([`Draft`]): a form that edits the draft
//! through typed edits, the rule engine's answer on every keystroke (verdict in a live region,
//! one line per check with a mark that is not colour alone), errors next to their fields, the
//! budget chart with the readable batches as points, a one-person "who may go?" check, and the
//! share link in the URL fragment.
//!
//! Nothing here reads a plan, counts days or names a word: the draft, the one reader
//! ([`read`]), the field definitions and the vocabularies all come from `crate::rules`. What this
//! module adds is the DOM: it renders the form once, then changes only what changed. Adding or
//! removing a row inserts or removes that row (and renumbers the rows after it); a keystroke
//! updates the errors, check lines and verdict whose content changed, and nothing else.

use super::canvas::Charts;
use super::chart_api::{ChartId, ChartInput};
use super::html::H;
use super::{has, js_err, Act, Ctx};
use crate::charts::PlanPoint;
use crate::data::{self, Unit};
use crate::format::{self, Lang};
use crate::rules::draft::{rows, PersonRow, MAX_TEXT};
use crate::rules::field::{Field, FieldDef, FieldKind, FieldPath, ListId, PersonField, TopField};
use crate::rules::link::{self, LinkError};
use crate::rules::read::{read, read_person};
use crate::rules::{
    check_reading, eligibility, priorities, Cell, Check, Draft, Edit, EditError, Organizer,
    PlanError, Report, RuleId, Status, Verdict, Vocab, Why,
};
use std::collections::HashMap;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement};

/// A callback of the clipboard promise.
type Callback = Closure<dyn FnMut(JsValue)>;

/// How long after the last edit the address bar's fragment follows the plan.
const LINK_DELAY_MS: i32 = 300;

/// What the notice above the form says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Notice {
    /// The link in the address bar could not be read.
    Link(LinkError),
    /// The plan could not be written to the address bar.
    Write,
}

impl Notice {
    fn text(self, lang: Lang) -> &'static str {
        match self {
            Notice::Link(e) => {
                let (zh, en) = e.message();
                lang.pick(zh, en)
            }
            Notice::Write => lang.pick(
                "浏览器没有让本页把方案写进地址栏，所以重新加载会丢失最近的修改。请用下面“分享这份方案的链接”里的链接保存它。",
                "The browser did not let us put the plan in the address bar, so a reload would lose your latest edits. Keep it with the link under \"Link to this plan\" below.",
            ),
        }
    }
}

/// What is on the page now, so an update changes only what differs.
#[derive(Default)]
struct Shown {
    lang: Option<Lang>,
    /// Error messages next to fields, by the field's element id.
    errors: HashMap<String, String>,
    /// The errors that belong to no field (markup).
    general: String,
    /// The verdict region's markup: rewritten only when it changes, so a screen reader does not
    /// hear the same words again.
    verdict: String,
    /// The check lines needing attention, and those met, by key.
    attention: Vec<(String, Check)>,
    met: Vec<(String, Check)>,
    notice: Option<Notice>,
    /// The priority list's markup.
    priority: String,
    /// The "who may go?" answer's markup (a live region too).
    who: String,
}

pub(crate) struct Rest {
    draft: Draft,
    /// A stable key per row, parallel to the draft's lists: element ids use it, so removing a
    /// row renumbers the rows after it (labels, `data-f`) without touching their ids.
    keys: [Vec<u32>; 3],
    next_key: u32,
    /// The "who may go?" person (honour, title, age).
    who: PersonRow,
    pub charts: Charts,
    input: ChartInput,
    notice: Option<Notice>,
    shown: Shown,
    /// This widget's key in the fragment: `plan`, then `plan2`, ... by its place among the
    /// page's rest-trip embeds, so each keeps its own plan across reloads.
    key: String,
    /// The reader changed the plan: the fragment follows it.
    touched: bool,
    /// The value of our key in the fragment as last read or written.
    last_value: Option<String>,
    link_timer: Option<i32>,
    on_link: Closure<dyn FnMut()>,
    /// Kept alive for the clipboard promise (one pair per widget, reused).
    copy_cbs: Option<(Callback, Callback)>,
}

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

fn list_index(list: ListId) -> usize {
    list as usize
}

/// The short tag of a list in element ids (`b7`, `p3`, `y1`).
fn tag(list: ListId) -> char {
    match list {
        ListId::Batches => 'b',
        ListId::People => 'p',
        ListId::Trips => 'y',
    }
}

impl Rest {
    pub fn new(ctx: &Ctx) -> Rest {
        // The n-th rest-trip embed on the page (document order) keeps its plan under `plan{n}`.
        let n = ctx
            .host
            .owner_document()
            .and_then(|d| d.query_selector_all("[data-explainer=rest-trip]").ok())
            .and_then(|all| {
                (0..all.length()).find(|i| {
                    all.get(*i)
                        .and_then(|n| n.dyn_into::<Element>().ok())
                        .is_some_and(|e| e == ctx.host)
                })
            })
            .unwrap_or(0);
        let key = if n == 0 {
            "plan".to_string()
        } else {
            format!("plan{}", n + 1)
        };
        let shared = link::get(&hash(), &key).map(str::to_string);
        let (draft, notice) = match shared.as_deref().map(link::decode) {
            Some(Ok(d)) => (d, None),
            Some(Err(e)) => (Draft::example(), Some(Notice::Link(e))),
            None => (Draft::example(), None),
        };
        let id = ctx.id;
        let on_link =
            Closure::<dyn FnMut()>::new(move || super::dispatch(id, super::Msg::LinkTimer));
        let mut rest = Rest {
            draft,
            keys: [Vec::new(), Vec::new(), Vec::new()],
            next_key: 0,
            who: crate::rules::draft::template_person(),
            charts: Charts::new(&[ChartId::Budget], "rest-trip"),
            input: ChartInput::default(),
            notice,
            shown: Shown::default(),
            key,
            touched: false,
            last_value: shared,
            link_timer: None,
            on_link,
            copy_cbs: None,
        };
        rest.rekey();
        rest
    }

    /// Fresh row keys for the whole draft (after it was replaced).
    fn rekey(&mut self) {
        for list in ListId::ALL {
            let n = self.draft.len(list);
            let keys: Vec<u32> = (self.next_key..self.next_key + n as u32).collect();
            self.next_key += n as u32;
            self.keys[list_index(list)] = keys;
        }
    }

    fn row_key(&self, list: ListId, i: usize) -> Option<u32> {
        self.keys[list_index(list)].get(i).copied()
    }

    /// The element id of a row (`w3-b7`).
    fn row_id(&self, ctx: &Ctx, list: ListId, i: usize) -> Option<String> {
        Some(ctx.uid(&format!("{}{}", tag(list), self.row_key(list, i)?)))
    }

    /// The element id of a field's input, if the field is on the form.
    fn field_id(&self, ctx: &Ctx, path: &FieldPath) -> Option<String> {
        let (row, key) = match path {
            FieldPath::Top(f) => return Some(ctx.uid(&format!("t-{}", f.def().key))),
            FieldPath::Batch(i, f) => (self.row_id(ctx, ListId::Batches, *i)?, f.def().key),
            FieldPath::Person(i, f) => (self.row_id(ctx, ListId::People, *i)?, f.def().key),
            FieldPath::Trip(i, f) => (self.row_id(ctx, ListId::Trips, *i)?, f.def().key),
            _ => return None,
        };
        Some(format!("{row}-{key}"))
    }

    /// How many parts the widget is built in: the form with its results, then "who may go?"
    /// with the rules as the article states them.
    pub fn part_count(&self) -> usize {
        2
    }

    /// Part `i`'s markup, built when it is inserted.
    pub fn part(&self, ctx: &Ctx, i: usize) -> String {
        let mut h = H::default();
        if i == 0 {
            self.markup(ctx, &mut h);
        } else {
            self.who_markup(ctx, &mut h);
            self.rules_markup(ctx, &mut h);
        }
        h.0
    }

    fn markup(&self, ctx: &Ctx, h: &mut H) {
        let lang = ctx.lang;
        let rules_src = data::Source {
            section: data::Section::RestTrip,
            paragraph: 3,
        }
        .cite(lang);
        let intro = match lang {
            Lang::Zh => format!("9月19日，省总工会印发实施意见，对劳模疗休养的参加对象、批次、天数、地点和费用作出规定（{rules_src}等）。下面是一份示例方案：改动任何一项，马上能看到它是否在所列标准之内、差在哪里、怎样改才行。这是帮助理解规定的工具，不代表官方审核；凡是本报对原文的理解，都会注明。"),
            Lang::En => format!("On 19 September the Shanxi Federation of Trade Unions issued rules on model workers' rest and recuperation (R&R) trips: who may go, batch size, days, venue and cost ({rules_src} and others). Below is an example plan: change anything and see at once whether it stays within the limits listed, where it falls short and what would pass. A tool for understanding the rules, not an official review; where we interpret the article, we say so."),
        };
        h.e("p", &[("class", "lead")], &intro);
        h.e(
            "p",
            &[
                ("class", "notice"),
                ("id", &ctx.uid("notice")),
                ("role", "alert"),
                ("hidden", ""),
            ],
            "",
        );
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
        h.o("div", &[("class", "errs"), ("id", &ctx.uid("errs"))])
            .c("div");
        h.o("div", &[("class", "checks"), ("id", &ctx.uid("checks"))]);
        h.o("ul", &[("id", &ctx.uid("attn"))]).c("ul");
        h.o("details", &[("id", &ctx.uid("met-d")), ("hidden", "")]);
        h.e("summary", &[("id", &ctx.uid("met-s"))], "");
        h.o("ul", &[("id", &ctx.uid("met"))]).c("ul");
        h.c("details").c("div");
        h.o(
            "section",
            &[("class", "prio"), ("id", &ctx.uid("prio")), ("hidden", "")],
        );
        h.e(
            "h3",
            &[],
            ctx.pick("名单的优先安排顺序", "The roster in order of priority"),
        );
        h.o("ol", &[("id", &ctx.uid("prio-l"))]).c("ol");
        h.e(
            "p",
            &[("class", "note")],
            ctx.pick(
                "原文：劳模疗休养“面向基层一线，优先安排劳动强度高、工作环境艰苦、发挥骨干作用的和符合条件的年龄较大的劳模”。“基层一线”是整个工作的方向，不用来排先后；原文没有规定多大年龄算“年龄较大”，所以同一组里按年龄从大到小排。这是本报对原文的理解。",
                "The article: R&R trips are \"oriented to the front line, giving priority to model workers with high work intensity, hard working conditions or a key role, and to eligible older model workers\". The front line is the programme's orientation, not a rank; the article does not say what age counts as older, so within a group the older come first. This ordering is our reading of the article.",
            ),
        );
        h.c("section");
        self.charts
            .figure(ctx, h, ChartId::Budget, &self.input, |_| {});
        self.share_markup(ctx, h);
        h.c("div");
        h.c("div");
    }

    fn form_markup(&self, ctx: &Ctx, h: &mut H) {
        h.e(
            "h3",
            &[("id", &ctx.uid("fh"))],
            ctx.pick("你的方案", "Your plan"),
        );
        for (f, cell) in TopField::ALL.iter().zip(&self.draft.top) {
            field(
                ctx,
                h,
                &ctx.uid(&format!("t-{}", f.def().key)),
                &FieldPath::Top(*f).to_string(),
                f.def(),
                cell,
            );
        }
        self.list_markup(ctx, h, ListId::Batches);
        h.o("div", &[("class", "acts")]);
        self.add_button(ctx, h, ListId::Batches);
        h.e(
            "button",
            &[("type", "button"), ("data-act", Act::Reset.name())],
            ctx.pick("恢复示例方案", "Back to the example"),
        );
        h.c("div");
        let people = match ctx.lang {
            Lang::Zh => format!("参加人员名单（可选，{}人）", self.draft.people.len()),
            Lang::En => format!("Roster (optional, {} people)", self.draft.people.len()),
        };
        open_details(ctx, h, "roster", &people);
        self.list_markup(ctx, h, ListId::People);
        self.add_button(ctx, h, ListId::People);
        h.c("details");
        open_details(
            ctx,
            h,
            "trips",
            ctx.pick(
                "优秀技术工人疗休养历年人次（可选）",
                "Excellent technical workers' person-trips by year (optional)",
            ),
        );
        self.list_markup(ctx, h, ListId::Trips);
        self.add_button(ctx, h, ListId::Trips);
        h.c("details");
    }

    /// A list's rows in their container.
    fn list_markup(&self, ctx: &Ctx, h: &mut H, list: ListId) {
        h.o(
            "div",
            &[
                ("class", "rows"),
                ("id", &ctx.uid(&format!("{}s", tag(list)))),
            ],
        );
        for (i, row) in rows(&self.draft, list).into_iter().enumerate() {
            self.row_markup(ctx, h, list, i, row);
        }
        h.c("div");
    }

    /// The Add button of a list, disabled at the list's cap with the cap said beside it.
    fn add_button(&self, ctx: &Ctx, h: &mut H, list: ListId) {
        let full = self.draft.at_cap(list);
        let hint_id = ctx.uid(&format!("{}-cap", tag(list)));
        let label = match list {
            ListId::Batches => ctx.pick("添加一批", "Add a batch"),
            ListId::People => ctx.pick("添加一人", "Add a person"),
            ListId::Trips => ctx.pick("添加一年", "Add a year"),
        };
        let mut attrs = vec![
            ("type", "button"),
            ("data-act", Act::Add(list).name()),
            ("aria-describedby", hint_id.as_str()),
        ];
        if full {
            attrs.push(("disabled", ""));
        }
        h.e("button", &attrs, label);
        let mut hint = vec![("class", "cap"), ("id", hint_id.as_str())];
        if !full {
            hint.push(("hidden", ""));
        }
        h.e("span", &hint, &cap_text(list, ctx.lang));
    }

    fn row_markup(&self, ctx: &Ctx, h: &mut H, list: ListId, i: usize, cells: &[Cell]) {
        let Some(row_id) = self.row_id(ctx, list, i) else {
            return;
        };
        let zh = ctx.lang == Lang::Zh;
        let class = match list {
            ListId::Batches => "batch",
            ListId::People => "person",
            ListId::Trips => "trip",
        };
        h.o("fieldset", &[("class", class), ("id", &row_id)]);
        h.e("legend", &[], &list.row_name(i, zh));
        h.o("div", &[("class", "grid")]);
        for (j, (def, cell)) in list.defs().iter().zip(cells).enumerate() {
            let path = list.field(i, j).map(|p| p.to_string()).unwrap_or_default();
            field(ctx, h, &format!("{row_id}-{}", def.key), &path, def, cell);
        }
        h.c("div");
        h.o("div", &[("class", "acts")]);
        if list == ListId::Batches {
            let mut attrs = vec![
                ("type", "button"),
                ("data-act", Act::Dup(list).name()),
                ("data-i", ""),
            ];
            let i_s = i.to_string();
            attrs[2].1 = &i_s;
            if self.draft.at_cap(list) {
                attrs.push(("disabled", ""));
            }
            h.e("button", &attrs, &row_button(Act::Dup(list), i, ctx.lang));
        }
        let i_s = i.to_string();
        let mut attrs = vec![
            ("type", "button"),
            ("data-act", Act::Del(list).name()),
            ("data-i", i_s.as_str()),
        ];
        if list == ListId::Batches && self.draft.batches.len() <= 1 {
            attrs.push(("hidden", ""));
        }
        h.e("button", &attrs, &row_button(Act::Del(list), i, ctx.lang));
        h.c("div").c("fieldset");
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
            &[("type", "button"), ("data-act", Act::Copy.name())],
            ctx.pick("复制链接", "Copy link"),
        );
        h.c("div");
        h.e(
            "p",
            &[
                ("class", "hint"),
                ("id", &ctx.uid("copied")),
                ("role", "status"),
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
        for f in [PersonField::Honor, PersonField::Title, PersonField::Age] {
            let key = f.def().key;
            field(
                ctx,
                h,
                &ctx.uid(&format!("who-{key}")),
                &format!("who.{key}"),
                f.def(),
                &self.who[f as usize],
            );
        }
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

    /// The rest-trip story as text, quoted exactly with its sources (and our English rendering
    /// beside each quote): every limit, and what the story says beyond them.
    fn rules_markup(&self, ctx: &Ctx, h: &mut H) {
        let lang = ctx.lang;
        h.o("details", &[("class", "rules")]);
        h.e(
            "summary",
            &[],
            ctx.pick(
                "原文怎么说：规定要点与出处",
                "What the article says: the rules and where they come from",
            ),
        );
        h.o("ul", &[]);
        let item = |h: &mut H, zh: &str, en: &str, src: data::Source| {
            h.o("li", &[]);
            h.o("q", &[("lang", "zh-CN")]).t(zh).c("q");
            if lang == Lang::En {
                h.t(" — our translation: ").o("q", &[]).t(en).c("q");
            }
            h.e("cite", &[], &format!(" {}", src.cite(lang)));
            h.c("li");
        };
        let by_paragraph = data::STATEMENTS
            .iter()
            .map(|s| (s.quote_zh, s.quote_en, s.source))
            .chain(
                data::LIMITS
                    .iter()
                    // The age row is part of the yearly-share quote, and the cost caps are
                    // quoted whole as the cost standard.
                    .filter(|l| l.id != data::LimitId::AnnualShareAge && l.unit != Unit::Yuan)
                    .map(|l| (l.quote_zh, l.quote_en, l.source)),
            );
        let mut all: Vec<_> = by_paragraph.collect();
        all.sort_by_key(|(_, _, src)| src.paragraph);
        for (zh, en, src) in all {
            item(h, zh, en, src);
        }
        h.c("ul").c("details");
    }

    /// After the second part: the single-person check it holds.
    pub fn after_part(&mut self, ctx: &Ctx) {
        self.update_who(ctx);
    }

    /// After the first part: the plan checked and shown. Its budget chart is drawn by
    /// [`Rest::redraw_chart`] in the next task, which keeps this one short.
    pub fn after_render(&mut self, ctx: &Ctx) -> Result<(), JsError> {
        self.charts.reset();
        self.shown = Shown::default();
        self.show_plan(ctx);
        self.update_who(ctx);
        Ok(())
    }

    /// Checks the plan and shows what changed: field errors, the verdict, the check lines, the
    /// budget chart's points, the share link and the notice.
    fn update(&mut self, ctx: &Ctx) -> Result<(), JsError> {
        if self.show_plan(ctx) {
            self.charts.redraw_id(ctx, ChartId::Budget, &self.input);
        }
        Ok(())
    }

    /// [`Rest::update`] but for the budget chart, whose points it sets: returns whether they
    /// changed, i.e. whether the chart needs drawing again.
    fn show_plan(&mut self, ctx: &Ctx) -> bool {
        if self.shown.lang != Some(ctx.lang) {
            self.shown = Shown {
                lang: Some(ctx.lang),
                ..Shown::default()
            };
        }
        let reading = read(&self.draft);
        let report = check_reading(&reading);
        self.show_errors(ctx, &reading.errors);
        self.show_verdict(ctx, &report);
        self.show_checks(ctx, &report);
        self.show_priority(ctx, &reading, &report);
        self.show_notice(ctx);
        // The budget chart shows days and cost per person: most edits (people, venue, roster)
        // leave its points where they are, and then it is not redrawn.
        // The cost caps are the provincial union's: another organiser's plan is not held to them.
        let organizer = self.draft.cell(&FieldPath::Top(TopField::Organizer));
        let capped = !matches!(organizer, Some(Cell::Text(s))
            if Organizer::from_json(s.trim()) == Some(Organizer::Other));
        let points = PlanPoint::from_batches(&reading.batches, capped);
        let moved = points != self.input.plan_points;
        self.input.plan_points = points;
        self.write_link(ctx);
        moved
    }

    /// A key on the budget chart (keyboard exploration).
    pub fn on_chart_key(&mut self, ctx: &Ctx, key: &str, target: &Element) -> bool {
        self.charts.on_key(ctx, key, target, &self.input)
    }

    /// Focus left the budget chart.
    pub fn on_chart_blur(&mut self, ctx: &Ctx, target: &Element) {
        self.charts.on_blur(ctx, target, &self.input);
    }

    pub fn redraw_chart(&mut self, ctx: &Ctx, force: bool) -> Result<(), JsError> {
        // The room the sticky verdict needs: measured here, after the widget's size changed
        // (a new verdict changes it too), never while an edit is being shown, which would force
        // a layout on every keystroke.
        super::a11y::sticky_room(ctx, ctx.by_uid("verdict"));
        self.charts.redraw(ctx, force, &self.input)
    }

    fn show_notice(&mut self, ctx: &Ctx) {
        if self.shown.notice == self.notice && self.shown.lang.is_some() {
            return;
        }
        if let Some(p) = ctx.by_uid("notice") {
            match self.notice {
                Some(n) => {
                    p.set_text_content(Some(n.text(ctx.lang)));
                    p.remove_attribute("hidden").ok();
                }
                None => {
                    p.set_text_content(None);
                    p.set_attribute("hidden", "").ok();
                }
            }
        }
        self.shown.notice = self.notice;
    }

    /// Errors next to their fields (only those whose text changed are touched), the rest in the
    /// list above the checks.
    fn show_errors(&mut self, ctx: &Ctx, errors: &[PlanError]) {
        let lang = ctx.lang;
        let mut now: HashMap<String, String> = HashMap::with_capacity(errors.len());
        let mut general = H::default();
        let mut problems = false;
        for e in errors {
            let msg = lang.pick(&e.message_zh, &e.message_en);
            match self.field_id(ctx, &e.path) {
                Some(id) => {
                    now.insert(id, msg.to_string());
                }
                None => {
                    problems |= matches!(
                        e.path,
                        FieldPath::Unknown(..) | FieldPath::List(_) | FieldPath::Row(..)
                    ) && !self.draft.problems.is_empty();
                    general.e("p", &[], msg);
                }
            }
        }
        if problems {
            general.e(
                "button",
                &[("type", "button"), ("data-act", Act::DropProblems.name())],
                ctx.pick(
                    "去掉链接里这些表单不认识的内容",
                    "Drop what the form does not know from the plan",
                ),
            );
        }
        for id in self.shown.errors.keys() {
            if !now.contains_key(id) {
                set_error(ctx, id, None);
            }
        }
        for (id, msg) in &now {
            if self.shown.errors.get(id) != Some(msg) {
                set_error(ctx, id, Some(msg));
            }
        }
        self.shown.errors = now;
        if general.0 != self.shown.general {
            if let Some(el) = ctx.by_uid("errs") {
                el.set_inner_html(&general.0);
            }
            self.shown.general = general.0;
        }
    }

    fn show_verdict(&mut self, ctx: &Ctx, report: &Report) {
        let lang = ctx.lang;
        // The words are the engine's: they say what was checked and what was not.
        let (mark, class) = match report.verdict {
            Verdict::Meets => ("✓", "v-ok"),
            Verdict::DoesNotMeet => ("✗", "v-fail"),
            Verdict::Ineligible => ("⊘", "v-inel"),
            Verdict::Invalid => ("!", "v-inv"),
        };
        let head = report.headline(lang);
        let detail = report.tally(lang);
        // The first reason, so a reader on a phone sees why without scrolling.
        let first = report
            .checks
            .iter()
            .find(|c| matches!(c.status, Status::Fails | Status::NotEligible));
        let mut h = H::default();
        h.e("span", &[("class", "mark"), ("aria-hidden", "true")], mark);
        h.e("strong", &[], &head).t(" ").e("span", &[], &detail);
        if let Some(c) = first {
            h.e("span", &[("class", "why")], &c.message(lang));
            h.e(
                "button",
                &[
                    ("type", "button"),
                    ("class", "link"),
                    ("data-act", Act::Why.name()),
                ],
                ctx.pick("逐条看原因", "See every rule"),
            );
        }
        let markup = format!("{class}|{}", h.0);
        if markup == self.shown.verdict {
            return;
        }
        if let Some(v) = ctx.by_uid("verdict") {
            v.set_inner_html(&h.0);
            v.set_attribute("class", &format!("verdict {class}")).ok();
        }
        self.shown.verdict = markup;
    }

    /// The check lines: what needs attention first, the rules the plan meets folded underneath.
    /// A line is rewritten only when its check changed; the lists are rebuilt only when their
    /// lines come or go.
    fn show_checks(&mut self, ctx: &Ctx, report: &Report) {
        let lang = ctx.lang;
        let (met, attention): (Vec<&Check>, Vec<&Check>) =
            report.checks.iter().partition(|c| c.status == Status::Ok);
        let keyed = |v: Vec<&Check>| -> Vec<(String, Check)> {
            v.into_iter().map(|c| (check_key(c), c.clone())).collect()
        };
        let (attention, met) = (keyed(attention), keyed(met));
        for (list, new, old) in [
            ("attn", &attention, &self.shown.attention),
            ("met", &met, &self.shown.met),
        ] {
            if let Some(ul) = ctx.by_uid(list) {
                patch_lines(ctx, &ul, new, old, lang);
            }
        }
        if met.len() != self.shown.met.len() {
            if let Some(s) = ctx.by_uid("met-s") {
                let summary = match lang {
                    Lang::Zh => format!("未超出所列标准的{}项", met.len()),
                    Lang::En => format!("The {} checks within the limits", met.len()),
                };
                s.set_text_content(Some(&summary));
            }
            if let Some(d) = ctx.by_uid("met-d") {
                if met.is_empty() {
                    d.set_attribute("hidden", "").ok();
                } else {
                    d.remove_attribute("hidden").ok();
                }
            }
        }
        self.shown.attention = attention;
        self.shown.met = met;
    }

    /// The roster in the engine's priority order, each with why it stands there.
    fn show_priority(&mut self, ctx: &Ctx, reading: &crate::rules::Reading, report: &Report) {
        let lang = ctx.lang;
        let people = reading.plan.as_ref().map_or(&[][..], |p| &p.people[..]);
        let mut h = H::default();
        for &i in &report.priority_order {
            let Some(p) = people.get(i) else { continue };
            let why = if p.honor < crate::rules::Honor::City {
                lang.pick("不符合参加条件", "not eligible").to_string()
            } else {
                let groups: Vec<&str> = priorities(p).iter().map(|g| g.words(lang)).collect();
                match (groups.is_empty(), lang) {
                    (true, Lang::Zh) => format!("{}岁", p.age),
                    (true, Lang::En) => format!("aged {}", p.age),
                    (false, Lang::Zh) => format!("{}；{}岁", groups.join("、"), p.age),
                    (false, Lang::En) => format!("{}; aged {}", groups.join(", "), p.age),
                }
            };
            let who = ListId::People.row_name(i, lang == Lang::Zh);
            h.e("li", &[], &format!("{who}{}{why}", lang.pick("：", ": ")));
        }
        if h.0 == self.shown.priority {
            return;
        }
        if let Some(ol) = ctx.by_uid("prio-l") {
            ol.set_inner_html(&h.0);
        }
        if let Some(sec) = ctx.by_uid("prio") {
            if h.0.is_empty() {
                sec.set_attribute("hidden", "").ok();
            } else {
                sec.remove_attribute("hidden").ok();
            }
        }
        self.shown.priority = h.0;
    }

    /// Shows the share link at once; once the reader has changed the plan, writes it to the
    /// address bar when the reader pauses.
    fn write_link(&mut self, ctx: &Ctx) {
        let value = link::encode(&self.draft);
        super::remember_link(ctx.id, &self.key, &value);
        let Some(w) = web_sys::window() else { return };
        let href = w.location().href().unwrap_or_default();
        let base = href.split('#').next().unwrap_or_default();
        if let Some(input) = ctx
            .by_uid("link")
            .and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
        {
            input.set_value(&format!("{base}{}", link::set(&hash(), &self.key, &value)));
        }
        if self.touched {
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

    /// Writes the plan to the address bar: this widget's key only, into the fragment as it is
    /// now (so two widgets edited in quick succession both keep their edit), keeping the host
    /// page's `history.state`. If the browser refuses, the reader is told.
    pub fn flush_link(&mut self, ctx: &Ctx) -> Result<(), JsError> {
        self.link_timer = None;
        if !self.touched {
            return Ok(());
        }
        let value = link::encode(&self.draft);
        let current = hash();
        let next = link::set(&current, &self.key, &value);
        if next != current {
            let written = web_sys::window()
                .and_then(|w| w.history().ok())
                .map(|history| {
                    let state = history.state().unwrap_or(JsValue::NULL);
                    history.replace_state_with_url(&state, "", Some(&next))
                });
            match written {
                Some(Ok(())) => {
                    if self.notice == Some(Notice::Write) {
                        self.notice = None;
                    }
                }
                _ => self.notice = Some(Notice::Write),
            }
        }
        self.last_value = Some(value);
        self.show_notice(ctx);
        Ok(())
    }

    /// The fragment changed (a link pasted into an open tab): show the plan it holds, or say why
    /// it cannot be read and keep the current plan.
    pub fn on_hash(&mut self, ctx: &Ctx) -> Result<(), JsError> {
        let current = hash();
        let Some(value) = link::get(&current, &self.key) else {
            return Ok(());
        };
        if self.last_value.as_deref() == Some(value) {
            return Ok(());
        }
        self.last_value = Some(value.to_string());
        match link::decode(value) {
            Ok(d) => {
                self.draft = d;
                self.notice = None;
                // The plan is the link's: nothing to write back until the reader edits.
                self.touched = false;
                self.rekey();
                self.rerender_form(ctx, None)
            }
            Err(e) => {
                self.notice = Some(Notice::Link(e));
                self.show_notice(ctx);
                Ok(())
            }
        }
    }

    /// Renders the form anew (after the draft was replaced) and checks it.
    fn rerender_form(&mut self, ctx: &Ctx, focus: Option<String>) -> Result<(), JsError> {
        let form = ctx.by_uid("form").ok_or_else(|| js_err("form missing"))?;
        let mut h = H::default();
        self.form_markup(ctx, &mut h);
        form.set_inner_html(&h.0);
        // The old errors' elements are gone.
        self.shown.errors.clear();
        self.update(ctx)?;
        if let Some(sel) = focus {
            focus_on(ctx, &sel);
        }
        Ok(())
    }

    fn update_who(&mut self, ctx: &Ctx) {
        let lang = ctx.lang;
        let mut h = H::default();
        match read_person(&self.who) {
            Err(errors) => {
                h.e("span", &[("class", "mark"), ("aria-hidden", "true")], "!");
                if let Some(e) = errors.first() {
                    h.t(lang.pick(&e.message_zh, &e.message_en));
                }
            }
            Ok(p) => {
                let c = eligibility(&p);
                let (mark, word) = (c.mark(), c.label(lang));
                h.e("span", &[("class", "mark"), ("aria-hidden", "true")], mark);
                h.e("strong", &[], word).t(" ").t(&c.message(lang));
            }
        }
        // A live region: rewritten only when its words change.
        if h.0 == self.shown.who {
            return;
        }
        // Before its part is built there is no box yet: the words are written when it is.
        if let Some(out) = ctx.by_uid("who-out") {
            out.set_inner_html(&h.0);
            self.shown.who = h.0;
        }
    }

    pub fn on_input(&mut self, ctx: &Ctx, target: &Element, ty: &str) -> Result<(), JsError> {
        // Every control fires `input`; `change` would only repeat it.
        if ty != "input" {
            return Ok(());
        }
        let Some(path) = target.get_attribute("data-f") else {
            return Ok(());
        };
        let cell = if let Some(i) = target.dyn_ref::<HtmlInputElement>() {
            if i.type_() == "checkbox" {
                Cell::Flag(i.checked())
            } else {
                Cell::text(&i.value())
            }
        } else if let Some(s) = target.dyn_ref::<HtmlSelectElement>() {
            Cell::text(&s.value())
        } else {
            return Ok(());
        };
        if let Some(key) = path.strip_prefix("who.") {
            if let Some(f) = [PersonField::Honor, PersonField::Title, PersonField::Age]
                .into_iter()
                .find(|f| f.def().key == key)
            {
                self.who[f as usize] = cell;
                self.update_who(ctx);
            }
            return Ok(());
        }
        let Some(path) = FieldPath::parse(&path) else {
            return Ok(());
        };
        if self.draft.cell(&path) == Some(&cell) {
            return Ok(());
        }
        if self.draft.apply(Edit::Set(path.clone(), cell)).is_err() {
            return Ok(());
        }
        if let FieldPath::Batch(i, f) = &path {
            if f.def().kind == FieldKind::Date {
                self.show_date(ctx, *i);
            }
        }
        self.edited();
        self.update(ctx)
    }

    /// The reader changed the plan: the link notice has served, and the fragment follows.
    fn edited(&mut self) {
        if matches!(self.notice, Some(Notice::Link(_))) {
            self.notice = None;
        }
        self.touched = true;
    }

    /// The dates of a batch in words beside the browser's date boxes, whose format follows the
    /// browser's language, not the page's.
    fn show_date(&self, ctx: &Ctx, i: usize) {
        for f in [
            crate::rules::field::BatchField::Start,
            crate::rules::field::BatchField::End,
        ] {
            let path = FieldPath::Batch(i, f);
            let Some(id) = self.field_id(ctx, &path) else {
                continue;
            };
            if let Some(el) = ctx.root.get_element_by_id(&format!("{id}-say")) {
                let text = self
                    .draft
                    .cell(&path)
                    .map(|c| date_words(c, ctx.lang))
                    .unwrap_or_default();
                el.set_text_content(Some(&text));
            }
        }
    }

    pub fn on_click(&mut self, ctx: &Ctx, act: Act, button: &Element) -> Result<(), JsError> {
        if self.charts.on_click(ctx, act, button, &self.input)? {
            return Ok(());
        }
        let i: usize = button
            .get_attribute("data-i")
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        match act {
            Act::Lang | Act::Table | Act::Png | Act::Csv => Ok(()),
            Act::Copy => {
                self.copy(ctx);
                Ok(())
            }
            Act::Why => {
                if let Some(el) = ctx.by_uid("checks") {
                    el.scroll_into_view();
                }
                Ok(())
            }
            Act::Reset => {
                self.draft = Draft::example();
                self.notice = None;
                self.rekey();
                self.edited();
                self.rerender_form(ctx, Some(format!("[data-act=\"{}\"]", Act::Reset.name())))
            }
            Act::DropProblems => {
                self.draft.apply(Edit::DropProblems).ok();
                self.edited();
                self.update(ctx)
            }
            Act::Add(list) => {
                let at = self.draft.len(list);
                self.structural(ctx, Edit::Add(list), list, at)
            }
            Act::Dup(list) => self.structural(ctx, Edit::Duplicate(list, i), list, i + 1),
            Act::Del(list) => self.structural(ctx, Edit::Remove(list, i), list, i),
        }
    }

    /// Applies an edit that adds or removes a row at `at`, and changes only that row in the
    /// page: inserts or removes it, renumbers the rows after it, updates the caps.
    fn structural(
        &mut self,
        ctx: &Ctx,
        edit: Edit,
        list: ListId,
        at: usize,
    ) -> Result<(), JsError> {
        let removing = matches!(edit, Edit::Remove(..));
        match self.draft.apply(edit) {
            Ok(()) => {}
            Err(EditError::AtCap(_) | EditError::LastBatch | EditError::NoSuchField) => {
                // The buttons are disabled or hidden in these cases; nothing to do.
                return Ok(());
            }
        }
        let keys = &mut self.keys[list_index(list)];
        if removing {
            let gone = (at < keys.len()).then(|| keys.remove(at));
            if let Some(k) = gone {
                if let Some(el) = ctx.by_uid(&format!("{}{k}", tag(list))) {
                    el.remove();
                }
            }
        } else {
            let k = self.next_key;
            self.next_key += 1;
            keys.insert(at.min(keys.len()), k);
            let cells = rows(&self.draft, list).get(at).map(|r| r.to_vec());
            if let Some(cells) = cells {
                let mut h = H::default();
                self.row_markup(ctx, &mut h, list, at, &cells);
                let before = at
                    .checked_sub(1)
                    .and_then(|p| self.row_id(ctx, list, p))
                    .and_then(|id| ctx.root.get_element_by_id(&id));
                match before {
                    Some(prev) => prev.insert_adjacent_html("afterend", &h.0).ok(),
                    None => ctx
                        .by_uid(&format!("{}s", tag(list)))
                        .and_then(|c| c.insert_adjacent_html("afterbegin", &h.0).ok()),
                };
            }
        }
        self.renumber(ctx, list, at);
        self.show_caps(ctx, list);
        if list == ListId::People {
            if let Some(s) = ctx.q("details.roster > summary") {
                let n = self.draft.people.len();
                let text = match ctx.lang {
                    Lang::Zh => format!("参加人员名单（可选，{n}人）"),
                    Lang::En => format!("Roster (optional, {n} people)"),
                };
                s.set_text_content(Some(&text));
            }
        }
        self.edited();
        self.update(ctx)?;
        // Focus: the new row's first field, or after a removal the list's Add button.
        let sel = if removing {
            format!("[data-act=\"{}\"]", Act::Add(list).name())
        } else {
            let first = list.field(at, 0).map(|p| p.to_string()).unwrap_or_default();
            format!("[data-f=\"{first}\"]")
        };
        focus_on(ctx, &sel);
        Ok(())
    }

    /// After a row came or went at `from`: the rows from there on get their new numbers (legend,
    /// `data-f`, the row buttons' `data-i` and labels); their ids stay.
    fn renumber(&self, ctx: &Ctx, list: ListId, from: usize) {
        let zh = ctx.lang == Lang::Zh;
        for i in from..self.draft.len(list) {
            let Some(row) = self
                .row_id(ctx, list, i)
                .and_then(|id| ctx.root.get_element_by_id(&id))
            else {
                continue;
            };
            if let Some(legend) = row.query_selector("legend").ok().flatten() {
                legend.set_text_content(Some(&list.row_name(i, zh)));
            }
            if let Ok(fields) = row.query_selector_all("[data-f]") {
                for n in 0..fields.length() {
                    let Some(el) = fields.get(n).and_then(|x| x.dyn_into::<Element>().ok()) else {
                        continue;
                    };
                    if let Some(j) = el
                        .get_attribute("data-f")
                        .and_then(|p| p.rsplit('.').next().map(str::to_string))
                        .and_then(|key| list.defs().iter().position(|d| d.key == key))
                    {
                        if let Some(p) = list.field(i, j) {
                            el.set_attribute("data-f", &p.to_string()).ok();
                        }
                    }
                }
            }
            if let Ok(buttons) = row.query_selector_all("button[data-i]") {
                for n in 0..buttons.length() {
                    let Some(b) = buttons.get(n).and_then(|x| x.dyn_into::<Element>().ok()) else {
                        continue;
                    };
                    b.set_attribute("data-i", &i.to_string()).ok();
                    if let Some(act) = b.get_attribute("data-act").as_deref().and_then(Act::parse) {
                        b.set_text_content(Some(&row_button(act, i, ctx.lang)));
                    }
                }
            }
        }
    }

    /// The Add and Duplicate buttons at a list's cap, and the batches' Remove buttons when one
    /// is left.
    fn show_caps(&self, ctx: &Ctx, list: ListId) {
        let full = self.draft.at_cap(list);
        let set = |el: &Element, attr: &str, on: bool| {
            if on {
                el.set_attribute(attr, "").ok();
            } else {
                el.remove_attribute(attr).ok();
            }
        };
        for act in [Act::Add(list), Act::Dup(list)] {
            if let Ok(all) = ctx
                .root
                .query_selector_all(&format!("[data-act=\"{}\"]", act.name()))
            {
                for n in 0..all.length() {
                    if let Some(b) = all.get(n).and_then(|x| x.dyn_into::<Element>().ok()) {
                        set(&b, "disabled", full);
                    }
                }
            }
        }
        if let Some(hint) = ctx.by_uid(&format!("{}-cap", tag(list))) {
            set(&hint, "hidden", !full);
        }
        if list == ListId::Batches {
            let one = self.draft.batches.len() <= 1;
            if let Ok(all) = ctx
                .root
                .query_selector_all(&format!("[data-act=\"{}\"]", Act::Del(list).name()))
            {
                for n in 0..all.length() {
                    if let Some(b) = all.get(n).and_then(|x| x.dyn_into::<Element>().ok()) {
                        set(&b, "hidden", one);
                    }
                }
            }
        }
    }

    /// Copies the share link; where the clipboard API is missing or refuses, selects the link
    /// and says how to copy it by hand.
    fn copy(&mut self, ctx: &Ctx) {
        let Some(w) = web_sys::window() else { return };
        let Some(input) = ctx
            .by_uid("link")
            .and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
        else {
            return;
        };
        input.focus().ok();
        input.select();
        let status = ctx.uid("copied");
        let say = |root: &web_sys::ShadowRoot, text: &str| {
            if let Some(el) = root.get_element_by_id(&status) {
                el.set_text_content(Some(text));
            }
        };
        let by_hand = ctx.pick(
            "已选中链接：请按 Ctrl+C（Mac 上按 ⌘C）复制，手机上长按选择“复制”。",
            "The link is selected: press Ctrl+C (⌘C on a Mac) to copy it, or long-press and choose Copy on a phone.",
        );
        let navigator = w.navigator();
        let clipboard = js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard"))
            .ok()
            .filter(|c| !c.is_undefined() && !c.is_null() && has(c, "writeText"));
        let Some(clipboard) = clipboard else {
            say(&ctx.root, by_hand);
            return;
        };
        let clipboard: web_sys::Clipboard = clipboard.unchecked_into();
        let root = ctx.root.clone();
        let (ok_text, fail_text) = (
            ctx.pick("已复制。", "Copied.").to_string(),
            by_hand.to_string(),
        );
        let status_ok = status.clone();
        let (ok, fail) = self.copy_cbs.get_or_insert_with(|| {
            let r1 = root.clone();
            let ok = Closure::<dyn FnMut(JsValue)>::new(move |_v: JsValue| {
                if let Some(el) = r1.get_element_by_id(&status_ok) {
                    el.set_text_content(Some(&ok_text));
                }
            });
            let fail = Closure::<dyn FnMut(JsValue)>::new(move |_v: JsValue| {
                if let Some(el) = root.get_element_by_id(&status) {
                    el.set_text_content(Some(&fail_text));
                }
            });
            (ok, fail)
        });
        let _ = clipboard.write_text(&input.value()).then2(ok, fail);
    }
}

/// Brings the check lines of `ul`, which show `old`, to `new`, touching as little as it can:
/// the lines the two share at the start and at the end stay (rewritten only where their check
/// changed), and only the lines between are removed and inserted. Adding a person at 199
/// appends one line instead of rebuilding 900.
fn patch_lines(
    ctx: &Ctx,
    ul: &Element,
    new: &[(String, Check)],
    old: &[(String, Check)],
    lang: Lang,
) {
    let line = |key: &str, c: &Check| {
        let mut h = H::default();
        check_line(ctx, &mut h, key, c, lang);
        h.0
    };
    let (n, o) = (new.len(), old.len());
    let prefix = new.iter().zip(old).take_while(|(a, b)| a.0 == b.0).count();
    let suffix = (0..(n - prefix).min(o - prefix))
        .take_while(|k| new[n - 1 - k].0 == old[o - 1 - k].0)
        .count();
    let children = ul.children();
    // The lines that stay, where their check changed (by position: the list shows `old`).
    let kept = (0..prefix)
        .map(|i| (i, i))
        .chain((0..suffix).map(|k| (n - 1 - k, o - 1 - k)));
    for (ni, oi) in kept {
        let ((key, c), (_, was)) = (&new[ni], &old[oi]);
        if c != was {
            if let Some(li) = children.item(oi as u32) {
                li.set_outer_html(&line(key, c));
            }
        }
    }
    // The lines between: out with the old, in with the new, before the first line that stays.
    for _ in prefix..o - suffix {
        if let Some(li) = children.item(prefix as u32) {
            li.remove();
        }
    }
    let mut h = String::new();
    for (key, c) in &new[prefix..n - suffix] {
        h.push_str(&line(key, c));
    }
    if !h.is_empty() {
        match children.item(prefix as u32) {
            Some(next) => next.insert_adjacent_html("beforebegin", &h).ok(),
            None => ul.insert_adjacent_html("beforeend", &h).ok(),
        };
    }
}

/// "已达上限：最多100批" / "At the cap: at most 100 batches".
fn cap_text(list: ListId, lang: Lang) -> String {
    let n = format::grouped(list.cap() as i64);
    match (list, lang) {
        (ListId::Batches, Lang::Zh) => format!("已达上限：最多{n}批"),
        (ListId::People, Lang::Zh) => format!("已达上限：名单最多{n}人"),
        (ListId::Trips, Lang::Zh) => format!("已达上限：最多{n}年"),
        (ListId::Batches, Lang::En) => format!("At the cap: at most {n} batches"),
        (ListId::People, Lang::En) => format!("At the cap: at most {n} people on the roster"),
        (ListId::Trips, Lang::En) => format!("At the cap: at most {n} years"),
    }
}

/// A row button's label: "复制第3批", "Remove person 2".
fn row_button(act: Act, i: usize, lang: Lang) -> String {
    let n = i + 1;
    match (act, lang) {
        (Act::Dup(_), Lang::Zh) => format!("复制第{n}批"),
        (Act::Dup(_), Lang::En) => format!("Duplicate batch {n}"),
        (Act::Del(ListId::Batches), Lang::Zh) => format!("删除第{n}批"),
        (Act::Del(ListId::Batches), Lang::En) => format!("Remove batch {n}"),
        (Act::Del(ListId::People), Lang::Zh) => format!("删除第{n}人"),
        (Act::Del(ListId::People), Lang::En) => format!("Remove person {n}"),
        (Act::Del(ListId::Trips), Lang::Zh) => format!("删除第{n}行"),
        (Act::Del(ListId::Trips), Lang::En) => format!("Remove row {n}"),
        _ => String::new(),
    }
}

fn focus_on(ctx: &Ctx, selector: &str) {
    if let Some(el) = ctx
        .q(selector)
        .and_then(|e| e.dyn_into::<HtmlElement>().ok())
    {
        el.focus().ok();
    }
}

/// Shows (or clears) the error of the field whose input has id `id`.
fn set_error(ctx: &Ctx, id: &str, msg: Option<&str>) {
    let err_id = format!("{id}-err");
    if let Some(el) = ctx.root.get_element_by_id(id) {
        match msg {
            Some(_) => {
                el.set_attribute("aria-invalid", "true").ok();
                el.set_attribute("aria-describedby", &err_id).ok();
            }
            None => {
                el.remove_attribute("aria-invalid").ok();
                el.remove_attribute("aria-describedby").ok();
            }
        }
    }
    if let Some(slot) = ctx.root.get_element_by_id(&err_id) {
        match msg {
            Some(m) => {
                slot.set_text_content(Some(m));
                slot.remove_attribute("hidden").ok();
            }
            None => {
                slot.set_text_content(None);
                slot.set_attribute("hidden", "").ok();
            }
        }
    }
}

/// A date cell in words for the page's language ("2024年5月6日，周一"), empty when it is not a
/// date.
fn date_words(cell: &Cell, lang: Lang) -> String {
    let Cell::Text(s) = cell else {
        return String::new();
    };
    crate::rules::read::parse_date(s)
        .map(|d| {
            format::weekday_date(
                d.year(),
                d.month(),
                d.day(),
                d.weekday().to_monday_zero_offset(),
                lang,
            )
        })
        .unwrap_or_default()
}

/// One labelled input with its error slot, drawn from the field's definition.
fn field(ctx: &Ctx, h: &mut H, id: &str, path: &str, def: &FieldDef, cell: &Cell) {
    let err = format!("{id}-err");
    let label = ctx.pick(def.zh, def.en);
    let check = def.kind == FieldKind::Flag;
    // Selects with long option labels get the whole row.
    let wide = matches!(def.kind, FieldKind::Word(w) if w.iter().any(|x| x.zh.chars().count() > 6));
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
        h.e("label", &[("for", id)], label);
    }
    let text = cell.shown();
    let max = MAX_TEXT.to_string();
    match def.kind {
        FieldKind::Word(words) => {
            h.o("select", &[("id", id), ("data-f", path)]);
            if !words.iter().any(|w| w.json == text) {
                // A value the form does not know (from a link or a file), or none: keep it
                // selected, the engine says why.
                h.e("option", &[("value", text), ("selected", "")], text);
            }
            for w in words {
                let mut attrs = vec![("value", w.json)];
                if w.json == text {
                    attrs.push(("selected", ""));
                }
                h.e("option", &attrs, ctx.pick(w.zh, w.en));
            }
            h.c("select");
        }
        FieldKind::Flag => {
            let mut attrs = vec![("type", "checkbox"), ("id", id), ("data-f", path)];
            if *cell == Cell::Flag(true) {
                attrs.push(("checked", ""));
            }
            h.o("input", &attrs);
            h.e("label", &[("for", id)], label);
        }
        FieldKind::Date => {
            let (lo, hi) = crate::rules::field::YEARS;
            let (min, max_d) = (format!("{lo}-01-01"), format!("{hi}-12-31"));
            h.o(
                "input",
                &[
                    ("type", "date"),
                    ("id", id),
                    ("data-f", path),
                    ("value", text),
                    ("min", &min),
                    ("max", &max_d),
                ],
            );
            if ctx.lang == Lang::Zh {
                h.e(
                    "span",
                    &[("class", "say"), ("id", &format!("{id}-say"))],
                    &date_words(cell, ctx.lang),
                );
            }
        }
        FieldKind::Int { .. } | FieldKind::Money => {
            let mode = if matches!(def.kind, FieldKind::Money) {
                "decimal"
            } else {
                "numeric"
            };
            h.o(
                "input",
                &[
                    ("type", "text"),
                    ("inputmode", mode),
                    ("id", id),
                    ("data-f", path),
                    ("value", text),
                    ("maxlength", &max),
                    ("autocomplete", "off"),
                ],
            );
        }
    }
    h.e("p", &[("class", "err"), ("id", &err), ("hidden", "")], "");
    h.c("div");
}

/// The key of a check line, stable while the plan's shape stays: the rule and what it is about.
fn check_key(c: &Check) -> String {
    // The rule's position, not its Debug name: Debug formatting would weigh on the wasm.
    let rule = c.rule as u8;
    match (&c.why, c.batch, c.person) {
        (Why::AnnualScale { year, .. } | Why::AnnualScaleUnknown { year, .. }, _, _) => {
            format!("{rule}-y{year}")
        }
        (_, Some(b), _) => format!("{rule}-b{b}"),
        (_, _, Some(p)) => format!("{rule}-p{p}"),
        _ => rule.to_string(),
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

/// A figure of a check in its unit: 120人, 7天, ¥4,500.
fn amount(v: f64, unit: Unit, lang: Lang) -> String {
    match unit {
        // Counts in the rules are occurrences (lodging changes, cross-province activities), not
        // items, so they go without the 个 that the dataset's counts take.
        Unit::Count | Unit::SquareMeters => format::count(v, lang),
        _ => format::in_unit(v, unit, lang),
    }
}

fn check_line(ctx: &Ctx, h: &mut H, key: &str, c: &Check, lang: Lang) {
    let (mark, word) = (c.mark(), c.label(lang));
    h.o(
        "li",
        &[
            ("class", status_class(c.status)),
            ("id", &ctx.uid(&format!("ck-{key}"))),
        ],
    );
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
