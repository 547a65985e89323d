//! Chart 5: "Could the 汾酒 town reach 300亿 by 2025?" An illustration the reader controls, not
//! a reported figure or a forecast: the town's reported January-August 2023 output, turned into a
//! yearly basis by a method the reader picks ([`Annualise`]), grown at the reader's rate
//! ([`Projection::growth_percent`], the reported 17% by default) for 2024 and 2025, against the
//! 300亿 class of the 2025 targets.

use super::bars::{axis_step, last_tick, tick, Hue};
use super::fmt::{self, Look};
use super::scene::{rgba, wrap, Body, Frame, Legend, Scene, Spec, Swatch, LABEL, SMALL};
use super::{text_width, Table};
use crate::data::{self, Unit};
use crate::format::{self, Lang};
use crate::num::clamp;
use plotters::style::text_anchor::{HPos, VPos};

/// How eight months of output become a year's worth.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Annualise {
    /// The year continues at the pace of its first eight months: × 12/8. Liquor sells unevenly
    /// over the year (festivals), so this is a rough assumption, which the chart says.
    #[default]
    LinearPace,
    /// No annualising: compare January-August figures only. Whatever the rest of the year adds,
    /// a town whose first eight months reach 300亿 reaches it for the year, so this is the
    /// cautious reading (a lower bound).
    EightMonthsOnly,
}

impl Annualise {
    /// Both methods, in the order the page offers them.
    pub const ALL: [Annualise; 2] = [Annualise::LinearPace, Annualise::EightMonthsOnly];

    /// A stable ASCII name for the page's controls: `linear_pace`, `eight_months_only`.
    pub fn slug(self) -> &'static str {
        match self {
            Annualise::LinearPace => "linear_pace",
            Annualise::EightMonthsOnly => "eight_months_only",
        }
    }

    /// The method named by [`Annualise::slug`]; anything else is the default.
    pub fn parse(s: &str) -> Annualise {
        Annualise::ALL
            .into_iter()
            .find(|a| a.slug() == s)
            .unwrap_or_default()
    }

    /// The label of the choice on the page.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Annualise::LinearPace => lang.pick(
                "按前8个月的月均速度推全年（×12/8）",
                "Full year at the Jan-Aug pace (×12/8)",
            ),
            Annualise::EightMonthsOnly => {
                lang.pick("只比前8个月（保守）", "Compare Jan-Aug only (cautious)")
            }
        }
    }

    /// The factor from eight months to the basis of comparison.
    pub fn factor(self) -> f64 {
        match self {
            Annualise::LinearPace => 12.0 / 8.0,
            Annualise::EightMonthsOnly => 1.0,
        }
    }
}

/// The reader's projection. The growth rate is a yearly rate in percent, applied to 2024 and to
/// 2025; [`Projection::growth`] clamps it to [`Projection::MIN_GROWTH`]..=[`Projection::MAX_GROWTH`]
/// (a town halving or doubling in a year is already far outside anything reported), and reads a
/// value that is not a number as the reported rate.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Projection {
    pub growth_percent: f64,
    pub annualise: Annualise,
}

/// The reported growth of the 汾酒 town (17%), if the dataset has it.
fn reported_growth() -> f64 {
    let g = data::value("fenjiu_growth");
    if g.is_finite() {
        g
    } else {
        17.0
    }
}

impl Default for Projection {
    /// The reported 17% and the linear pace.
    fn default() -> Self {
        Projection {
            growth_percent: reported_growth(),
            annualise: Annualise::default(),
        }
    }
}

/// The first and last year of the projection.
pub const FIRST_YEAR: i32 = 2023;
pub const LAST_YEAR: i32 = 2025;

impl Projection {
    pub const MIN_GROWTH: f64 = -50.0;
    pub const MAX_GROWTH: f64 = 100.0;

    /// The growth rate used, in percent: clamped to the sane range; NaN is the reported rate.
    pub fn growth(&self) -> f64 {
        if self.growth_percent.is_finite() {
            clamp(self.growth_percent, Self::MIN_GROWTH, Self::MAX_GROWTH)
        } else {
            reported_growth()
        }
    }

    /// The 2023 basis in 亿元: the reported January-August output times the method's factor.
    pub fn basis(&self) -> Option<f64> {
        let v = data::value("fenjiu_output");
        v.is_finite().then(|| v * self.annualise.factor())
    }

    /// The illustrated value for `year` (2023 is the basis), or `None` outside 2023..=2025 or
    /// without the data.
    ///
    /// ```
    /// use sx_explainer::charts::{Annualise, Projection};
    /// let p = Projection { growth_percent: 17.0, annualise: Annualise::LinearPace };
    /// let v = p.value(2025).unwrap(); // 155.6 × 12/8 × 1.17²
    /// assert!((v - 319.5).abs() < 0.05);
    /// ```
    pub fn value(&self, year: i32) -> Option<f64> {
        if !(FIRST_YEAR..=LAST_YEAR).contains(&year) {
            return None;
        }
        let g = 1.0 + self.growth() / 100.0;
        Some(self.basis()? * g.powi(year - FIRST_YEAR))
    }

    /// The 300亿 class of the 2025 targets, in 亿元.
    pub fn target(&self) -> Option<f64> {
        let t = data::value("target_scale_300yi");
        (t.is_finite() && t > 0.0).then_some(t)
    }

    /// Whether the illustrated 2025 value reaches the 300亿 class.
    pub fn reaches_target(&self) -> Option<bool> {
        Some(self.value(LAST_YEAR)? >= self.target()?)
    }

    /// The yearly growth in percent that takes the basis to the 300亿 class in 2025.
    pub fn growth_needed(&self) -> Option<f64> {
        let (b, t) = (self.basis()?, self.target()?);
        (b > 0.0).then(|| ((t / b).powf(1.0 / f64::from(LAST_YEAR - FIRST_YEAR)) - 1.0) * 100.0)
    }

    fn assumption(&self, lang: Lang) -> String {
        let g = format::percent(self.growth(), 1);
        match lang {
            Lang::Zh => format!("假设每年增长{g}；{}", self.annualise.label(lang)),
            // The choice's label is a heading ("Full year at …"); mid-sentence it is a clause.
            Lang::En => {
                match self.annualise {
                    Annualise::LinearPace => {
                        format!("Assuming {g} growth a year, and the full year at the Jan-Aug pace (×12/8)")
                    }
                    Annualise::EightMonthsOnly => {
                        format!("Assuming {g} growth a year, comparing Jan-Aug only (cautious)")
                    }
                }
            }
        }
    }

    /// The growth rate in words, for the slider's `aria-valuetext` (a screen reader says "17%
    /// a year", not a bare "17"): "每年增长17%" / "17% a year"; a fall is "每年下降5%" / "-5% a
    /// year".
    ///
    /// ```
    /// use sx_explainer::charts::Projection;
    /// use sx_explainer::format::Lang;
    /// let p = Projection::default();
    /// assert_eq!((p.growth_words(Lang::Zh), p.growth_words(Lang::En)), ("每年增长17%".into(), "17% a year".into()));
    /// ```
    pub fn growth_words(&self, lang: Lang) -> String {
        let g = self.growth();
        match lang {
            Lang::Zh if g < 0.0 => format!("每年下降{}", format::percent(-g, 1)),
            Lang::Zh => format!("每年增长{}", format::percent(g, 1)),
            Lang::En => format!("{} a year", format::percent(g, 1)),
        }
    }

    /// The one-sentence answer: reached or not, and the growth that would be needed. The page
    /// announces it (a polite live region) whenever it changes as the reader moves the slider.
    pub fn verdict(&self, lang: Lang) -> String {
        let (Some(v), Some(t), Some(reach), Some(need)) = (
            self.value(LAST_YEAR),
            self.target(),
            self.reaches_target(),
            self.growth_needed(),
        ) else {
            return String::new();
        };
        let (v, t, need) = (
            format::yi_yuan(v, lang),
            format::yi_yuan(t, lang),
            format::percent(need, 1),
        );
        let span = match (self.annualise, lang) {
            (Annualise::LinearPace, Lang::Zh) => "2025年全年",
            (Annualise::EightMonthsOnly, Lang::Zh) => "2025年前8个月",
            (Annualise::LinearPace, Lang::En) => "in 2025",
            (Annualise::EightMonthsOnly, Lang::En) => "in Jan-Aug 2025",
        };
        match (reach, lang) {
            (true, Lang::Zh) => format!("示意：{span}约{v}，达到{t}（只需年增长{need}）"),
            (false, Lang::Zh) => format!("示意：{span}约{v}，不到{t}；要达到需年增长{need}"),
            (true, Lang::En) => {
                format!("Illustration: about {v} {span}, reaching {t} (needs {need} a year)")
            }
            (false, Lang::En) => {
                format!("Illustration: about {v} {span}, short of {t}; it needs {need} a year")
            }
        }
    }
}

/// The bars: label, value, whether it is the reported figure, and the formula in words.
fn rows(p: &Projection, lang: Lang) -> Vec<(String, f64, bool, String)> {
    let mut out = Vec::new();
    let Some(reported) = data::get("fenjiu_output").filter(|r| r.value.is_finite()) else {
        return out;
    };
    let jan_aug = |y: i32| match lang {
        Lang::Zh => format!("{y}年1-8月"),
        Lang::En => format!("Jan-Aug {y}"),
    };
    let year = |y: i32| match (p.annualise, lang) {
        (Annualise::EightMonthsOnly, _) => jan_aug(y),
        (_, Lang::Zh) => format!("{y}年全年"),
        (_, Lang::En) => format!("{y}, full year"),
    };
    out.push((
        jan_aug(FIRST_YEAR),
        reported.value,
        true,
        fmt::Look::Reported.word(lang).to_string(),
    ));
    let g = format::percent(p.growth(), 1);
    let mut prev = reported.value;
    for y in FIRST_YEAR..=LAST_YEAR {
        if y == FIRST_YEAR && p.annualise == Annualise::EightMonthsOnly {
            continue;
        }
        let Some(v) = p.value(y) else { continue };
        let formula = if y == FIRST_YEAR {
            format!("{} × 12 ÷ 8", format::yi_yuan(reported.value, lang))
        } else {
            format!("{} × (1 + {g})", format::yi_yuan(prev, lang))
        };
        out.push((year(y), v, false, formula));
        prev = v;
    }
    out
}

/// The tooltips of the rows, in both languages (`None` for the reported row, a record).
fn notes(p: &Projection) -> Vec<Option<(String, String)>> {
    let note = |(label, v, reported, formula): &(String, f64, bool, String), lang: Lang| {
        let (v, kind) = (format::yi_yuan(*v, lang), Look::Illustration.word(lang));
        (!reported).then(|| match lang {
            Lang::Zh => format!("{label}（示意）：约{v}\n= {formula}\n{kind}"),
            Lang::En => format!("{label} (illustration): about {v}\n= {formula}\n{kind}"),
        })
    };
    rows(p, Lang::Zh)
        .iter()
        .zip(rows(p, Lang::En).iter())
        .map(|(zh, en)| Some((note(zh, Lang::Zh)?, note(en, Lang::En)?)))
        .collect()
}

pub struct ProjectionBody {
    rows: Vec<(String, f64, bool, String)>,
    /// The tooltip of each row that is an illustration, in both languages.
    notes: Vec<Option<(String, String)>>,
    verdict: String,
    assumption: String,
    target: Option<f64>,
    lang: Lang,
}

pub fn spec(lang: Lang, p: &Projection, _w: f64) -> Spec {
    let l = |zh, en| lang.pick(zh, en);
    let legend = vec![
        Legend {
            swatch: Swatch::Bar(Look::Reported),
            text: Look::Reported.legend(lang),
        },
        Legend {
            swatch: Swatch::Bar(Look::Illustration),
            text: Look::Illustration.legend(lang),
        },
        Legend {
            swatch: Swatch::Line { dashed: true },
            text: l("2025年目标：300亿级", "2025 target: ¥30bn class").into(),
        },
    ];
    let caveats = vec![l(
        "这是示意，不是预测：把你选的增速连乘两年。白酒销售有淡旺季，按月均推全年只是粗略假设。目标没有写明哪个镇要达到300亿级。",
        "An illustration, not a forecast: your growth rate applied twice. Liquor sales are seasonal, so the full-year pace is rough. The target does not name the ¥30bn town.",
    )
    .into()];
    Spec {
        frame: Frame {
            title: super::ChartId::Projection.title(lang).into(),
            legend,
            notes: caveats,
            source: fmt::towns_source(lang),
        },
        body: Body::Projection(ProjectionBody {
            rows: rows(p, lang),
            notes: notes(p),
            verdict: p.verdict(lang),
            assumption: p.assumption(lang),
            target: p.target(),
            lang,
        }),
    }
}

const ROW: f64 = 24.0;
const BAR: f64 = 17.0;

impl ProjectionBody {
    fn text_lines(&self, inner: f64) -> (Vec<String>, Vec<String>) {
        (
            wrap(&self.verdict, LABEL * 1.06, inner),
            wrap(&self.assumption, SMALL, inner),
        )
    }

    pub fn natural_height(&self, inner: f64, _lang: Lang) -> f64 {
        let (a, b) = self.text_lines(inner);
        a.len() as f64 * 18.0
            + b.len() as f64 * 16.0
            + 8.0
            + 18.0
            + self.rows.len() as f64 * ROW
            + 24.0
    }

    pub fn draw(&self, sc: &mut Scene, r: [f64; 4]) {
        let pal = sc.pal;
        let lang = self.lang;
        let [x0, y0, x1, y1] = r;
        let inner = x1 - x0;
        let (verdict, assumption) = self.text_lines(inner);
        let mut y = y0;
        for line in verdict {
            sc.bold(line, x0, y, LABEL, pal.text, HPos::Left, VPos::Top);
            y += 18.0;
        }
        for line in assumption {
            sc.text(line, x0, y, SMALL, pal.muted, HPos::Left, VPos::Top);
            y += 16.0;
        }
        y += 8.0;
        if self.rows.is_empty() {
            return;
        }
        let natural = self.natural_height(inner, lang);
        let row_h = ROW + clamp((y1 - y0 - natural) / self.rows.len() as f64, 0.0, 14.0);
        let texts: Vec<String> = self
            .rows
            .iter()
            .map(|(_, v, _, _)| format::yi_yuan(*v, lang))
            .collect();
        let lw = self
            .rows
            .iter()
            .map(|(l, ..)| text_width(l, SMALL))
            .fold(0.0_f64, f64::max)
            + 8.0;
        let vw = texts
            .iter()
            .map(|t| text_width(t, LABEL))
            .fold(0.0_f64, f64::max)
            + 6.0;
        let vmax = self
            .rows
            .iter()
            .map(|r| r.1)
            .chain(self.target)
            .filter(|v| v.is_finite())
            .fold(0.0_f64, f64::max)
            .max(1.0);
        let (bx0, bx1) = (x0 + lw, (x1 - vw).max(x0 + lw + 20.0));
        let map = |v: f64| bx0 + (v.max(0.0) / vmax) * (bx1 - bx0);
        let top = y + 18.0;
        let bottom = top + self.rows.len() as f64 * row_h;
        // Grid and ticks.
        let step = axis_step(vmax, bx1 - bx0);
        let mut t = 0.0;
        while t <= vmax * 1.0001 {
            let x = map(t);
            if t > 0.0 {
                sc.line(vec![(x, top - 2.0), (x, bottom)], rgba(pal.grid), 1.0);
            }
            let label = if t + step > vmax * 1.0001 {
                last_tick(t, Unit::YiYuan, lang)
            } else {
                tick(t, Unit::YiYuan, lang)
            };
            let w = text_width(&label, SMALL);
            let (lx, a) = if x + w / 2.0 > x1 {
                (x1, HPos::Right)
            } else {
                (x.max(x0 + w / 2.0), HPos::Center)
            };
            sc.text(label, lx, bottom + 3.0, SMALL, pal.muted, a, VPos::Top);
            t += step;
        }
        if let Some(t) = self.target {
            let x = map(t);
            sc.dashed(
                (x, top - 4.0),
                (x, bottom + 2.0),
                rgba(pal.text),
                2.0,
                5.0,
                3.0,
            );
            let label = lang.pick("300亿级目标", "¥30bn target").to_string();
            let w = text_width(&label, SMALL);
            let (lx, a) = if x + w / 2.0 > x1 {
                (x1, HPos::Right)
            } else {
                (x, HPos::Center)
            };
            sc.bold(label, lx, top - 6.0, SMALL, pal.text, a, VPos::Bottom);
            sc.mark(
                [x - 4.0, top - 20.0, x + 4.0, bottom],
                Some("target_scale_300yi"),
                None,
            );
        }
        sc.next_series();
        let color = Hue::Accent.color(&pal);
        let reported = Hue::Primary.color(&pal);
        for (i, ((label, v, is_reported, _), text)) in self.rows.iter().zip(&texts).enumerate() {
            let ry = top + i as f64 * row_h + (row_h - BAR) / 2.0;
            let rect = [bx0, ry, map(*v).max(bx0 + 1.0), ry + BAR];
            if *is_reported {
                sc.bar(rect, reported, Look::Reported);
                sc.mark(
                    [x0, ry - 3.0, x1, ry + BAR + 3.0],
                    Some("fenjiu_output"),
                    None,
                );
            } else {
                sc.bar(rect, color, Look::Illustration);
                let note = self.notes.get(i).cloned().flatten();
                sc.mark([x0, ry - 3.0, x1, ry + BAR + 3.0], None, note);
            }
            sc.text(
                label.clone(),
                x0,
                ry + BAR / 2.0,
                SMALL,
                pal.muted,
                HPos::Left,
                VPos::Center,
            );
            // A knock-out behind the value, so the target line never runs through it.
            let tw = text_width(text, LABEL);
            sc.rect(
                [rect[2] + 2.0, ry, rect[2] + 8.0 + tw, ry + BAR],
                rgba(pal.background),
                true,
                0.0,
            );
            sc.text(
                text.clone(),
                rect[2] + 5.0,
                ry + BAR / 2.0,
                LABEL,
                pal.text,
                HPos::Left,
                VPos::Center,
            );
        }
        sc.line(vec![(bx0, top - 2.0), (bx0, bottom)], rgba(pal.text), 1.0);
    }
}

/// The caption of chart 5 for the reader's projection.
pub fn caption(lang: Lang, p: &Projection) -> String {
    format!("{}。{}", p.verdict(lang), p.assumption(lang)).replace("。Assuming", ". Assuming")
}

/// The table of chart 5.
pub fn table(lang: Lang, p: &Projection) -> Table {
    let headers = match lang {
        Lang::Zh => ["时期", "汾酒专业镇产值", "怎么算", "类型"],
        Lang::En => ["Period", "Fenjiu town output", "How", "Kind"],
    };
    let mut rows: Vec<Vec<String>> = rows(p, lang)
        .into_iter()
        .map(|(label, v, reported, formula)| {
            let kind = if reported {
                Look::Reported
            } else {
                Look::Illustration
            };
            let how = if reported {
                data::get("fenjiu_output").map_or(formula.clone(), |r| r.source.cite(lang))
            } else {
                formula
            };
            vec![
                label,
                format::yi_yuan(v, lang),
                how,
                kind.word(lang).to_string(),
            ]
        })
        .collect();
    if let Some(t) = data::get("target_scale_300yi") {
        rows.push(vec![
            fmt::period(t.period, lang),
            fmt::value(t, lang),
            lang.pick(
                "2025年目标：300亿级产业名镇",
                "2025 target: a town of the ¥30bn class",
            )
            .to_string(),
            Look::Target.word(lang).to_string(),
        ]);
    }
    Table {
        caption: super::ChartId::Projection.title(lang).to_string(),
        headers: headers.iter().map(|h| h.to_string()).collect(),
        rows,
        note: Some(caption(lang, p)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(g: f64, a: Annualise) -> Projection {
        Projection {
            growth_percent: g,
            annualise: a,
        }
    }

    #[test]
    fn the_slider_and_the_result_are_said_in_words_with_their_units() {
        let x = p(17.5, Annualise::LinearPace);
        assert_eq!(x.growth_words(Lang::Zh), "每年增长17.5%");
        assert_eq!(x.growth_words(Lang::En), "17.5% a year");
        assert_eq!(
            p(-5.0, Annualise::LinearPace).growth_words(Lang::Zh),
            "每年下降5%"
        );
        assert_eq!(
            p(-5.0, Annualise::LinearPace).growth_words(Lang::En),
            "-5% a year"
        );
        // The answer the live region reads: the value with its unit, the target, the rate needed.
        let zh = p(17.0, Annualise::LinearPace).verdict(Lang::Zh);
        assert!(
            zh.contains("319.5亿元") && zh.contains("300亿元") && zh.contains("13.4%"),
            "{zh}"
        );
        let en = p(17.0, Annualise::EightMonthsOnly).verdict(Lang::En);
        assert!(
            en.contains("short of") && en.contains("¥") && en.contains("38.9%"),
            "{en}"
        );
        // Another rate, other words: each step of the slider is a new announcement.
        assert_ne!(p(17.5, Annualise::LinearPace).verdict(Lang::Zh), zh);
    }

    #[test]
    fn the_caption_says_the_assumption_as_a_sentence() {
        assert_eq!(
            p(17.0, Annualise::LinearPace).assumption(Lang::En),
            "Assuming 17% growth a year, and the full year at the Jan-Aug pace (×12/8)"
        );
        assert_eq!(
            p(17.0, Annualise::EightMonthsOnly).assumption(Lang::En),
            "Assuming 17% growth a year, comparing Jan-Aug only (cautious)"
        );
        let en = caption(Lang::En, &p(17.0, Annualise::LinearPace));
        assert!(en.contains("a year). Assuming 17%"), "{en}");
        let zh = caption(Lang::Zh, &p(17.0, Annualise::LinearPace));
        assert!(
            zh.ends_with("。假设每年增长17%；按前8个月的月均速度推全年（×12/8）"),
            "{zh}"
        );
    }

    #[test]
    fn linear_pace_at_the_reported_rate_reaches_300() {
        let x = p(17.0, Annualise::LinearPace);
        assert!((x.basis().unwrap() - 233.4).abs() < 1e-9);
        assert!((x.value(2024).unwrap() - 273.078).abs() < 1e-9);
        assert!((x.value(2025).unwrap() - 319.50126).abs() < 1e-9);
        assert_eq!(x.reaches_target(), Some(true));
        assert!((x.growth_needed().unwrap() - 13.3731).abs() < 1e-3);
    }

    #[test]
    fn eight_months_only_does_not() {
        let x = p(17.0, Annualise::EightMonthsOnly);
        assert!((x.value(2025).unwrap() - 155.6 * 1.17 * 1.17).abs() < 1e-9);
        assert_eq!(x.reaches_target(), Some(false));
        assert!((x.growth_needed().unwrap() - 38.8532).abs() < 1e-3);
        // At the rate it needs, it just reaches.
        let at = p(
            x.growth_needed().unwrap() + 1e-9,
            Annualise::EightMonthsOnly,
        );
        assert_eq!(at.reaches_target(), Some(true));
    }

    #[test]
    fn growth_is_clamped_and_nan_is_the_reported_rate() {
        assert_eq!(p(250.0, Annualise::LinearPace).growth(), 100.0);
        assert_eq!(p(-90.0, Annualise::LinearPace).growth(), -50.0);
        assert_eq!(p(f64::NAN, Annualise::LinearPace).growth(), 17.0);
        assert_eq!(p(f64::INFINITY, Annualise::LinearPace).growth(), 17.0);
        assert_eq!(Projection::default().growth(), 17.0);
        assert_eq!(p(17.0, Annualise::LinearPace).value(2026), None);
        assert_eq!(p(17.0, Annualise::LinearPace).value(2022), None);
    }

    #[test]
    fn zero_growth_keeps_the_basis_and_methods_parse() {
        let x = p(0.0, Annualise::LinearPace);
        assert_eq!(x.value(2025), x.basis());
        assert_eq!(
            Annualise::parse("eight_months_only"),
            Annualise::EightMonthsOnly
        );
        assert_eq!(Annualise::parse("anything"), Annualise::LinearPace);
    }
}
