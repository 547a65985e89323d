//! The towns story: a short lead written by us, then one figure per chart (title, caption,
//! canvas, table, downloads), and the reader's controls for the 2025 projection.

use super::canvas::Charts;
use super::chart_api::{Annualise, ChartId, ChartInput};
use super::html::H;
use super::{Act, Ctx};
use crate::charts::Projection;
use crate::data;
use crate::format::{self, Lang};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement};

/// The towns charts, in reading order (the budget chart belongs to the rest-trip widget).
const CHARTS: [ChartId; 6] = ChartId::TOWNS;

pub(crate) struct Towns {
    pub charts: Charts,
    pub input: ChartInput,
}

impl Towns {
    pub fn new() -> Towns {
        Towns {
            charts: Charts::new(&CHARTS, "shanxi-specialty-towns"),
            input: ChartInput::default(),
        }
    }

    /// How many parts the widget is built in: the lead with the first chart, each other chart,
    /// then "Also in the article" with the source line.
    pub fn part_count(&self) -> usize {
        CHARTS.len() + 1
    }

    /// Part `i`'s markup, built when it is inserted (the first part at mount, each other one in
    /// its own idle period), so the mount's task builds no more than it shows.
    pub fn part(&self, ctx: &Ctx, i: usize) -> String {
        let mut h = H::default();
        if i == 0 {
            crate::markup::towns_lead(&mut h, ctx.lang);
        }
        if let Some(&id) = CHARTS.get(i) {
            self.charts.figure(ctx, &mut h, id, &self.input, |h| {
                if id == ChartId::Projection {
                    self.controls(ctx, h);
                }
            });
        } else {
            self.also_markup(ctx, &mut h);
            let src = match ctx.lang {
                Lang::Zh => format!("来源：{}。", data::ARTICLE_ZH),
                Lang::En => format!("Source: {}.", data::ARTICLE_EN),
            };
            h.e("p", &[("class", "src")], &src);
        }
        h.0
    }

    /// "文章还提到 / Also in the article": the figures no chart compares, as cards grouped by
    /// subject, each with its source paragraph and the items the article names with it.
    fn also_markup(&self, ctx: &Ctx, h: &mut H) {
        let lang = ctx.lang;
        h.o(
            "section",
            &[("class", "also"), ("aria-labelledby", &ctx.uid("also-h"))],
        );
        h.e(
            "h3",
            &[("id", &ctx.uid("also-h"))],
            ctx.pick("文章还提到", "Also in the article"),
        );
        for g in &data::cards::GROUPS {
            h.o("section", &[("class", "cg")]);
            h.e("h4", &[], lang.pick(g.title_zh, g.title_en));
            h.o("ul", &[("class", "cards")]);
            for c in g.cards {
                let Some(r) = c.record() else { continue };
                h.o("li", &[("class", "card")]);
                h.e(
                    "span",
                    &[("class", "v")],
                    &crate::charts::record_value(r, lang),
                );
                h.e("span", &[("class", "l")], lang.pick(r.label_zh, r.label_en));
                let named = c.named();
                if !named.is_empty() {
                    let names: Vec<&str> = named
                        .iter()
                        .map(|n| lang.pick(n.name_zh, n.name_en))
                        .collect();
                    h.e(
                        "span",
                        &[("class", "n")],
                        &format!(
                            "{}{}",
                            lang.pick("文中点名：", "Named in the article: "),
                            names.join(lang.pick("、", ", "))
                        ),
                    );
                }
                h.e("cite", &[], &r.source.cite(lang));
                h.c("li");
            }
            h.c("ul").c("section");
        }
        h.c("section");
    }

    /// The projection's controls: a labelled slider and number box for the growth rate, and a
    /// choice of how eight months become a year.
    fn controls(&self, ctx: &Ctx, h: &mut H) {
        let lang = ctx.lang;
        let g = format::decimal(self.input.projection.growth(), 1);
        // One range for the slider, the number box and the chart: the projection's own.
        let (min, max) = (
            format::decimal(Projection::MIN_GROWTH, 0),
            format::decimal(Projection::MAX_GROWTH, 0),
        );
        h.o("fieldset", &[("class", "ctl")]);
        h.e(
            "legend",
            &[],
            lang.pick("试算条件（示意）", "Assumptions (an illustration)"),
        );
        h.o("div", &[("class", "row")]);
        h.e(
            "label",
            &[("for", &ctx.uid("g"))],
            lang.pick("每年增速（%）", "Yearly growth (%)"),
        );
        h.o(
            "input",
            &[
                ("type", "range"),
                ("id", &ctx.uid("g")),
                ("data-f", "growth"),
                ("min", &min),
                ("max", &max),
                ("step", "0.5"),
                ("value", &g),
                ("aria-valuetext", &self.input.projection.growth_words(lang)),
            ],
        );
        h.o(
            "input",
            &[
                ("type", "number"),
                ("id", &ctx.uid("gn")),
                ("data-f", "growth"),
                ("min", &min),
                ("max", &max),
                ("step", "0.5"),
                ("value", &g),
                (
                    "aria-label",
                    lang.pick("每年增速，百分比", "Yearly growth, percent"),
                ),
            ],
        );
        h.c("div");
        h.o(
            "div",
            &[
                ("class", "radios"),
                ("role", "radiogroup"),
                (
                    "aria-label",
                    lang.pick("前8个月如何折算成全年", "How eight months become a year"),
                ),
            ],
        );
        for a in Annualise::ALL {
            let rid = ctx.uid(&format!("ann-{}", a.slug()));
            let name = ctx.uid("ann");
            let mut attrs = vec![
                ("type", "radio"),
                ("id", rid.as_str()),
                ("name", name.as_str()),
                ("data-f", "annualise"),
                ("value", a.slug()),
            ];
            if a == self.input.projection.annualise {
                attrs.push(("checked", ""));
            }
            h.o("span", &[("class", "radio")]).o("input", &attrs);
            h.e("label", &[("for", &rid)], a.label(lang)).c("span");
        }
        h.c("div");
        h.c("fieldset");
        // The projection's answer, said when a control changes it (and only then): the chart
        // draws it, and a screen reader hears it here.
        h.e(
            "p",
            &[
                ("class", "vh"),
                ("id", &ctx.uid("proj-say")),
                ("aria-live", "polite"),
            ],
            "",
        );
    }

    /// After the first part: its chart, drawn at once.
    pub fn after_render(&mut self, ctx: &Ctx) -> Result<(), JsError> {
        self.charts.reset();
        self.charts.redraw(ctx, true, &self.input)
    }

    /// Sizes the charts of a part just inserted, which are drawn in the next stage.
    pub fn size_new(&self, ctx: &Ctx) {
        self.charts.size_new(ctx);
    }

    /// After a further part: the charts it brought.
    pub fn after_part(&mut self, ctx: &Ctx) -> Result<(), JsError> {
        self.charts.redraw(ctx, false, &self.input)
    }

    pub fn on_input(&mut self, ctx: &Ctx, target: &Element) -> Result<(), JsError> {
        let Some(input) = target.dyn_ref::<HtmlInputElement>() else {
            return Ok(());
        };
        match target.get_attribute("data-f").as_deref() {
            Some("growth") => {
                // The browser parses the number input (NaN when empty or not a number), which keeps
                // Rust's float parser out of the towns-only build.
                let v = input.value_as_number();
                if !v.is_finite() {
                    return Ok(());
                }
                self.input.projection.growth_percent = v;
                // What the chart uses (clamped to the projection's range): both controls show it,
                // also the box being typed in when what was typed is out of range.
                let used = self.input.projection.growth();
                self.input.projection.growth_percent = used;
                for other in ["g", "gn"] {
                    if let Some(o) = ctx
                        .by_uid(other)
                        .and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
                    {
                        if o != *input || v != used {
                            o.set_value(&format::decimal(used, 1));
                        }
                    }
                }
            }
            Some("annualise") => {
                let v = input.value();
                if let Some(a) = Annualise::ALL.into_iter().find(|a| a.slug() == v) {
                    self.input.projection.annualise = a;
                }
            }
            _ => return Ok(()),
        }
        self.charts.redraw_id(ctx, ChartId::Projection, &self.input);
        let p = &self.input.projection;
        if let Some(slider) = ctx.by_uid("g") {
            slider
                .set_attribute("aria-valuetext", &p.growth_words(ctx.lang))
                .ok();
        }
        super::a11y::say_once(ctx.by_uid("proj-say"), &p.verdict(ctx.lang));
        Ok(())
    }

    pub fn on_click(&mut self, ctx: &Ctx, act: Act, button: &Element) -> Result<(), JsError> {
        self.charts
            .on_click(ctx, act, button, &self.input)
            .map(|_| ())
    }
}
