//! Horizontal bar charts with a label above each group (charts 1, 2, 3 and 6). Labels above the
//! bars rather than beside them keep long Chinese and English names whole from a 320 px phone to
//! a desktop column; the value axis always starts at zero and each bar carries its exact value.

use super::fmt::{self, Look};
use super::scene::{wrap, Body, Frame, Legend, Scene, Spec, Swatch, LABEL, SMALL};
use super::{text_width, Palette};
use crate::data::{self, Unit};
use crate::format::{self, Lang};
use crate::num::clamp;
use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::RGBColor;

/// A colour of the palette, resolved when drawing (the theme is not known earlier).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hue {
    Primary,
    Secondary,
    Accent,
}

impl Hue {
    pub fn color(self, pal: &Palette) -> RGBColor {
        match self {
            Hue::Primary => pal.primary,
            Hue::Secondary => pal.secondary,
            Hue::Accent => pal.accent,
        }
    }
}

pub struct Bar {
    pub label: String,
    pub value: f64,
    pub text: String,
    pub hue: Hue,
    pub look: Look,
    pub record: &'static str,
}

/// A text at the right of a group's header (a growth rate, a ratio), with its record or note.
pub struct Right {
    pub text: String,
    pub record: Option<&'static str>,
    pub note: Option<(String, String)>,
}

pub struct Group {
    pub header: String,
    pub right: Option<Right>,
    pub bars: Vec<Bar>,
}

pub struct Bars {
    pub groups: Vec<Group>,
    pub unit: Unit,
    pub lang: Lang,
}

const HEADER_LINE: f64 = 17.0;
const BAR: f64 = 16.0;
const BAR_GAP: f64 = 5.0;
const GROUP_GAP: f64 = 12.0;
const AXIS: f64 = 22.0;

/// A bar of a record, or nothing when the record is missing or not a finite number.
fn bar(id: &'static str, label: &str, hue: Hue, lang: Lang) -> Option<Bar> {
    let rec = data::get(id).filter(|r| r.value.is_finite())?;
    Some(Bar {
        label: label.into(),
        value: rec.value,
        text: fmt::value(rec, lang),
        hue,
        look: Look::of(rec.kind),
        record: id,
    })
}

fn growth_right(id: &'static str, lang: Lang) -> Option<Right> {
    let rec = data::get(id).filter(|r| r.value.is_finite())?;
    // The record's own precision and qualifier: 约19% for the other nine towns.
    let pct = fmt::value(rec, lang);
    let text = match (rec.kind, lang) {
        (data::Kind::Derived, Lang::Zh) => format!("增长{pct}（推算）"),
        (data::Kind::Derived, Lang::En) => format!("up {pct} (our calc.)"),
        (_, Lang::Zh) => format!("增长{pct}"),
        (_, Lang::En) => format!("+{pct}"),
    };
    Some(Right {
        text,
        record: Some(id),
        note: None,
    })
}

fn group(header: &str, right: Option<Right>, bars: Vec<Option<Bar>>) -> Group {
    Group {
        header: header.into(),
        right,
        bars: bars.into_iter().flatten().collect(),
    }
}

fn legend(lang: Lang, looks: &[Look]) -> Vec<Legend> {
    looks
        .iter()
        .map(|&l| Legend {
            swatch: Swatch::Bar(l),
            text: l.legend(lang),
        })
        .collect()
}

fn spec(title: &str, legend: Vec<Legend>, notes: Vec<String>, bars: Bars) -> Spec {
    let lang = bars.lang;
    let groups = bars
        .groups
        .into_iter()
        .filter(|g| !g.bars.is_empty())
        .collect();
    Spec {
        frame: Frame {
            title: title.into(),
            legend,
            notes,
            source: fmt::towns_source(lang),
        },
        body: Body::Bars(Bars { groups, ..bars }),
    }
}

/// Chart 1: output in January-August, 2023 against the implied 2022, for the ten towns, the
/// 汾酒 town and the other nine.
pub fn output(lang: Lang) -> Spec {
    let l = |zh, en| lang.pick(zh, en);
    let (y23, y22) = (l("2023年", "2023"), l("2022年", "2022"));
    let groups = vec![
        group(
            l("首批省级十大重点专业镇", "Ten provincial key towns"),
            growth_right("ten_towns_growth", lang),
            vec![
                bar("ten_towns_output", y23, Hue::Primary, lang),
                bar("ten_towns_output_2022_implied", y22, Hue::Secondary, lang),
            ],
        ),
        group(
            l("其中：杏花村汾酒专业镇", "Of which: the Fenjiu liquor town"),
            growth_right("fenjiu_growth", lang),
            vec![
                bar("fenjiu_output", y23, Hue::Primary, lang),
                bar("fenjiu_output_2022_implied", y22, Hue::Secondary, lang),
            ],
        ),
        group(
            l("其余九镇", "The other nine towns"),
            growth_right("other_nine_growth", lang),
            vec![
                bar("other_nine_output", y23, Hue::Primary, lang),
                bar("other_nine_output_2022_implied", y22, Hue::Secondary, lang),
            ],
        ),
    ];
    let notes = vec![l(
        "推算：2022年同期 = 2023年产值 ÷（1 + 增速）；其余九镇 = 十镇 − 汾酒专业镇。均为1-8月。",
        "Our calculation: 2022 = 2023 ÷ (1 + growth); other nine = ten towns − Fenjiu. All January-August.",
    )
    .into()];
    let title = super::ChartId::Output.title(lang);
    spec(
        title,
        legend(lang, &[Look::Reported, Look::Derived]),
        notes,
        Bars {
            groups,
            unit: Unit::YiYuan,
            lang,
        },
    )
}

/// Chart 2: growth rates side by side.
pub fn growth(lang: Lang) -> Spec {
    let l = |zh, en| lang.pick(zh, en);
    let one = |header: &str, id: &'static str, hue: Hue| {
        group(header, None, vec![bar(id, "", hue, lang)])
    };
    let groups = vec![
        one(
            l(
                "首批省级十大重点专业镇产值",
                "Output, ten provincial key towns",
            ),
            "ten_towns_growth",
            Hue::Primary,
        ),
        one(
            l("杏花村汾酒专业镇产值", "Output, Fenjiu liquor town"),
            "fenjiu_growth",
            Hue::Primary,
        ),
        one(
            l("其余九镇产值", "Output, the other nine towns"),
            "other_nine_growth",
            Hue::Primary,
        ),
        one(
            l(
                "农业专业镇所在县农产品加工业销售收入",
                "Farm-produce processing sales, counties of the agricultural towns",
            ),
            "agri_processing_growth",
            Hue::Accent,
        ),
    ];
    let notes = vec![l(
        "均为2023年1-8月同比。最后一项是县里的销售收入，不是专业镇产值。",
        "All year on year, January-August 2023. The last is the counties' sales, not the towns' output.",
    )
    .into()];
    let title = super::ChartId::Growth.title(lang);
    spec(
        title,
        legend(lang, &[Look::Reported, Look::Derived]),
        notes,
        Bars {
            groups,
            unit: Unit::Percent,
            lang,
        },
    )
}

/// Chart 3: the tiers of towns.
pub fn tiers(lang: Lang) -> Spec {
    let l = |zh, en| lang.pick(zh, en);
    let groups = vec![
        group(
            l("省级重点专业镇", "Provincial key towns"),
            None,
            vec![
                bar(
                    "provincial_key_towns_first_batch",
                    l("首批", "First batch"),
                    Hue::Primary,
                    lang,
                ),
                bar(
                    "target_provincial_key_towns",
                    l("2025年", "By 2025"),
                    Hue::Primary,
                    lang,
                ),
            ],
        ),
        group(
            l("市级专业镇", "City-level towns"),
            None,
            vec![bar(
                "city_level_towns",
                l("已认定", "Recognised"),
                Hue::Secondary,
                lang,
            )],
        ),
        group(
            l(
                "涉农专业镇（按领域另计）",
                "Agricultural towns (counted by sector)",
            ),
            None,
            vec![
                bar(
                    "agri_towns_provincial",
                    l("省级", "Provincial"),
                    Hue::Accent,
                    lang,
                ),
                bar(
                    "agri_towns_city",
                    l("市级", "City-level"),
                    Hue::Accent,
                    lang,
                ),
            ],
        ),
    ];
    let notes = vec![l(
        "涉农专业镇与上面两级有重叠，例如杏花村汾酒专业镇两边都算，不能相加。",
        "Agricultural towns overlap the tiers above (the Fenjiu town is in both), so they do not add up.",
    )
    .into()];
    let title = super::ChartId::Tiers.title(lang);
    spec(
        title,
        legend(lang, &[Look::Reported, Look::Target]),
        notes,
        Bars {
            groups,
            unit: Unit::Count,
            lang,
        },
    )
}

/// Chart 6: the money.
pub fn money(lang: Lang) -> Spec {
    let l = |zh, en| lang.pick(zh, en);
    // The leverage is the dataset's derived record (investment_drawn ÷ central_funds), not a
    // second calculation here; its tooltip carries the formula and the source.
    let right = data::get("central_funds_leverage")
        .filter(|r| r.value.is_finite() && r.value > 0.0)
        .map(|r| {
            let x = fmt::value(r, lang);
            Right {
                text: match lang {
                    Lang::Zh => format!("每1元中央资金拉动投资{x}（推算）"),
                    Lang::En => format!("{x} of investment per ¥1 (our calc.)"),
                },
                record: Some(r.id),
                note: None,
            }
        });
    let groups = vec![
        group(
            l(
                "各市配套资金（支持省、市两级专业镇）",
                "City funds for provincial and city-level towns",
            ),
            None,
            vec![
                bar("funding_taiyuan", l("太原", "Taiyuan"), Hue::Primary, lang),
                bar("funding_xinzhou", l("忻州", "Xinzhou"), Hue::Primary, lang),
                bar("funding_lvliang", l("吕梁", "Lvliang"), Hue::Primary, lang),
            ],
        ),
        group(
            l("涉农专业镇", "Agricultural towns"),
            right,
            vec![
                bar("agri_funds", l("整合资金", "Pooled"), Hue::Accent, lang),
                bar("central_funds", l("中央资金", "Central"), Hue::Accent, lang),
                bar(
                    "investment_drawn",
                    l("拉动投资", "Drawn in"),
                    Hue::Secondary,
                    lang,
                ),
            ],
        ),
    ];
    let notes = vec![l(
        "太原、忻州是“列支”，吕梁是“统筹”。整合资金是产业发展资金和乡村振兴衔接资金；“拉动投资”是中央资金带动的投资。",
        "Taiyuan and Xinzhou set funds aside, Lvliang pooled them. Pooled: industry and rural-revitalisation funds; the central funds drew in the investment.",
    )
    .into()];
    let title = super::ChartId::Money.title(lang);
    spec(
        title,
        legend(lang, &[Look::Reported]),
        notes,
        Bars {
            groups,
            unit: Unit::YiYuan,
            lang,
        },
    )
}

/// A step of 1, 2 or 5 × 10ⁿ giving about `n` intervals up to `max`.
pub fn nice_step(max: f64, n: f64) -> f64 {
    if !(max.is_finite() && max > 0.0) {
        return 1.0;
    }
    let raw = max / n.max(1.0);
    let mag = 10f64.powf(raw.log10().floor());
    let norm = raw / mag;
    let m = if norm <= 1.0 {
        1.0
    } else if norm <= 2.0 {
        2.0
    } else if norm <= 5.0 {
        5.0
    } else {
        10.0
    };
    m * mag
}

/// The step between ticks on a value axis `width` pixels long: about one per 72 pixels, and at
/// least one tick besides zero.
pub fn axis_step(vmax: f64, width: f64) -> f64 {
    let n = (width / 72.0).floor().max(2.0);
    match nice_step(vmax, n) {
        s if s > vmax => nice_step(vmax, n + 2.0),
        s => s,
    }
}

/// A tick label on an axis in `unit`.
pub fn tick(v: f64, unit: Unit, lang: Lang) -> String {
    match (unit, lang) {
        (Unit::YiYuan, Lang::En) => format::decimal(v / 10.0, 1),
        (Unit::Percent, _) => format::percent(v, 1),
        (Unit::Yuan, _) => format::yuan_fen((v * 100.0).round() as i64, lang),
        _ => format::decimal(v, 1),
    }
}

/// The last tick label, which carries the axis's unit once: "400亿元", "¥40bn", "50个".
pub fn last_tick(v: f64, unit: Unit, lang: Lang) -> String {
    let t = tick(v, unit, lang);
    match (unit, lang) {
        (Unit::YiYuan, Lang::Zh) => t + "亿元",
        (Unit::YiYuan, Lang::En) => format!("¥{t}bn"),
        (Unit::Count, Lang::Zh) => t + "个",
        _ => t,
    }
}

impl Bars {
    fn headers(&self, inner: f64) -> Vec<(Vec<String>, bool)> {
        // For each group: the header's lines, and whether the right text shares the first line.
        self.groups
            .iter()
            .map(|g| {
                let rw = g
                    .right
                    .as_ref()
                    .map_or(0.0, |r| text_width(&r.text, SMALL) + 10.0);
                let one_line = text_width(&g.header, LABEL * 1.06) + rw <= inner;
                let mut lines = if one_line {
                    vec![g.header.clone()]
                } else {
                    wrap(&g.header, LABEL * 1.06, inner)
                };
                let shares = g.right.is_none() || one_line;
                if !shares {
                    if let Some(r) = &g.right {
                        lines.push(r.text.clone());
                    }
                }
                (lines, shares)
            })
            .collect()
    }

    pub fn natural_height(&self, inner: f64) -> f64 {
        let headers = self.headers(inner);
        let mut h = 0.0;
        for (g, (lines, _)) in self.groups.iter().zip(&headers) {
            h += lines.len() as f64 * HEADER_LINE
                + 3.0
                + g.bars.len() as f64 * (BAR + BAR_GAP)
                + GROUP_GAP;
        }
        h - GROUP_GAP + AXIS + 4.0
    }

    pub fn record_ids(&self) -> Vec<&'static str> {
        let mut ids = Vec::new();
        for g in &self.groups {
            ids.extend(g.bars.iter().map(|b| b.record));
            ids.extend(g.right.as_ref().and_then(|r| r.record));
        }
        ids
    }

    pub fn draw(&self, sc: &mut Scene, r: [f64; 4]) {
        let pal = sc.pal;
        let [x0, y0, x1, y1] = r;
        let inner = x1 - x0;
        let headers = self.headers(inner);
        let natural = self.natural_height(inner);
        // Extra room makes the bars a little thicker, never the text bigger.
        let k = clamp((y1 - y0 - natural) / natural.max(1.0), -0.4, 0.5) * 1.8 + 1.0;
        let (bar_h, gap, ggap) = (
            BAR * clamp(k, 0.7, 1.5),
            BAR_GAP * clamp(k, 0.6, 1.6),
            GROUP_GAP * clamp(k, 0.6, 2.0),
        );
        let all = || self.groups.iter().flat_map(|g| g.bars.iter());
        let lw = all()
            .map(|b| text_width(&b.label, SMALL))
            .fold(0.0_f64, f64::max);
        let lw = if lw > 0.0 { lw + 8.0 } else { 0.0 };
        let vw = all()
            .map(|b| text_width(&b.text, LABEL))
            .fold(0.0_f64, f64::max)
            + 6.0;
        let (bx0, bx1) = (x0 + lw, (x1 - vw).max(x0 + lw + 20.0));
        let vmax = all()
            .map(|b| b.value)
            .fold(0.0_f64, f64::max)
            .max(f64::MIN_POSITIVE);
        let map = |v: f64| bx0 + (v.max(0.0) / vmax) * (bx1 - bx0);

        let mut y = y0;
        // Each group's run of bars: the axis and the gridlines stop at its headers.
        let mut spans: Vec<(f64, f64)> = Vec::new();
        let mut prims_after = Vec::new();
        for (g, (lines, shares)) in self.groups.iter().zip(&headers) {
            // Each group is a series for keyboard exploration.
            sc.next_series();
            for (i, line) in lines.iter().enumerate() {
                let is_right = !shares && i + 1 == lines.len();
                if is_right {
                    sc.text(line.clone(), x0, y, SMALL, pal.text, HPos::Left, VPos::Top);
                } else {
                    sc.bold(line.clone(), x0, y, LABEL, pal.text, HPos::Left, VPos::Top);
                }
                y += HEADER_LINE;
            }
            if let Some(right) = &g.right {
                let ry = if *shares {
                    y - lines.len() as f64 * HEADER_LINE
                } else {
                    y - HEADER_LINE
                };
                // On the header's line, just after it; or on a line of its own.
                let rx0 = if *shares {
                    x0 + text_width(&g.header, LABEL * 1.06) + 10.0
                } else {
                    x0
                };
                if *shares {
                    sc.text(
                        right.text.clone(),
                        rx0,
                        ry + 1.0,
                        SMALL,
                        pal.text,
                        HPos::Left,
                        VPos::Top,
                    );
                }
                let rx1 = rx0 + text_width(&right.text, SMALL);
                sc.mark(
                    [rx0, ry, rx1, ry + HEADER_LINE],
                    right.record,
                    right.note.clone(),
                );
            }
            y += 3.0;
            spans.push((y - 2.0, y + g.bars.len() as f64 * (bar_h + gap) - gap + 2.0));
            for b in &g.bars {
                let color = b.hue.color(&pal);
                let rect = [bx0, y, map(b.value).max(bx0 + 1.0), y + bar_h];
                sc.bar(rect, color, b.look);
                let cy = y + bar_h / 2.0;
                if !b.label.is_empty() {
                    sc.text(
                        b.label.clone(),
                        x0,
                        cy,
                        SMALL,
                        pal.muted,
                        HPos::Left,
                        VPos::Center,
                    );
                }
                prims_after.push((b.text.clone(), rect[2] + 5.0, cy));
                sc.mark(
                    [x0, y - gap / 2.0, x1, y + bar_h + gap / 2.0],
                    Some(b.record),
                    None,
                );
                y += bar_h + gap;
            }
            y += ggap - gap;
        }
        // Grid and ticks behind the labels: drawn now, values last so they sit on top.
        let axis_y = y - ggap + gap + 4.0;
        if let Some(last) = spans.last_mut() {
            last.1 = axis_y;
        } else {
            return;
        }
        let step = axis_step(vmax, bx1 - bx0);
        let mut t = step;
        let mut ticks = vec![(0.0, bx0)];
        while t <= vmax * 1.0001 {
            ticks.push((t, map(t)));
            t += step;
        }
        let mut grid = Vec::new();
        let mut right = f64::MIN;
        for (i, &(v, x)) in ticks.iter().enumerate() {
            for &(a, b) in spans.iter().filter(|_| i > 0) {
                grid.push(super::scene::Prim::Path {
                    pts: vec![(x, a), (x, b)],
                    color: super::scene::rgba(pal.grid),
                    width: 1.0,
                });
            }
            let label = if i + 1 == ticks.len() {
                last_tick(v, self.unit, self.lang)
            } else {
                tick(v, self.unit, self.lang)
            };
            let lwid = text_width(&label, SMALL);
            let (lx, anchor) = if x + lwid / 2.0 > x1 {
                (x1, HPos::Right)
            } else {
                (x, HPos::Center)
            };
            let lx = if matches!(anchor, HPos::Center) {
                lx.max(x0 + lwid / 2.0)
            } else {
                lx
            };
            // A tick label that would touch the one before it is left out.
            let left = if matches!(anchor, HPos::Center) {
                lx - lwid / 2.0
            } else {
                lx - lwid
            };
            if left > right + 4.0 {
                right = left + lwid;
                sc.text(label, lx, axis_y + 3.0, SMALL, pal.muted, anchor, VPos::Top);
            }
        }
        // Gridlines go under the bars.
        sc.prims.splice(0..0, grid);
        for &(a, b) in &spans {
            sc.line(vec![(bx0, a), (bx0, b)], super::scene::rgba(pal.text), 1.0);
        }
        for (text, x, y) in prims_after {
            // A knock-out behind the value, so no gridline runs through it.
            let half = ((bar_h + gap) / 2.0).min(8.0);
            sc.rect(
                [
                    x - 2.0,
                    y - half,
                    x + 2.0 + text_width(&text, LABEL),
                    y + half,
                ],
                super::scene::rgba(pal.background),
                true,
                0.0,
            );
            sc.text(text, x, y, LABEL, pal.text, HPos::Left, VPos::Center);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_tick_carries_the_unit_as_each_language_writes_it() {
        assert_eq!(last_tick(400.0, Unit::YiYuan, Lang::Zh), "400亿元");
        assert_eq!(last_tick(400.0, Unit::YiYuan, Lang::En), "¥40bn");
        assert_eq!(tick(200.0, Unit::YiYuan, Lang::En), "20");
        assert_eq!(last_tick(50.0, Unit::Count, Lang::Zh), "50个");
        assert_eq!(last_tick(50.0, Unit::Count, Lang::En), "50");
        assert_eq!(last_tick(10.0, Unit::Percent, Lang::En), "10%");
    }
}
