//! Chart 7: the rest-trip budget envelope. For 1 to 10 days (more if the reader's plan is
//! longer), the most one person's trip may cost in and out of the province: the per-day cap
//! times the days until the per-person cap takes over (in the province after 5.56 days, out of
//! it at 6: our calculation, worked out in a note under the chart and labelled as ours at the
//! kinks). Days beyond the 7-day limit are shaded; the reader's plan points sit on top.

use super::bars::nice_step;
use super::fmt;
use super::scene::{
    overlaps, rgba, text_box, wrap, Body, Frame, Legend, Prim, Scene, Spec, Swatch, SMALL,
};
use super::{text_width, PlanPoint, Table};
use crate::data::{limit, LimitId};
use crate::format::{self, Lang};
use crate::num::clamp;
use crate::rules::{budget, caps_fen, Cap, Destination};
use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::{Color, RGBColor};

const DAYS: u32 = 10;
const MAX_DAYS: u32 = 31;

pub struct BudgetBody {
    lang: Lang,
    points: Vec<PlanPoint>,
    lines: Vec<String>,
}

fn dest_name(d: Destination, lang: Lang) -> &'static str {
    match d {
        Destination::InProvince => lang.pick("省内", "In province"),
        Destination::OutOfProvince => lang.pick("省外", "Out of province"),
    }
}

fn en_short(d: Destination) -> &'static str {
    match d {
        Destination::InProvince => "in",
        Destination::OutOfProvince => "out",
    }
}

fn yuan(fen: i64, lang: Lang) -> String {
    format::yuan_fen(fen, lang)
}

/// The day count from which the per-person cap binds: per person ÷ per day (5.56, 6).
pub fn kink_days(d: Destination) -> f64 {
    let (person, day) = caps_fen(d);
    if day > 0 {
        person as f64 / day as f64
    } else {
        0.0
    }
}

fn days_text(d: f64, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{}天", format::decimal(d, 2)),
        Lang::En => format!("{} days", format::decimal(d, 2)),
    }
}

/// The rule for one destination as the article words it: "generally" at most so much a person,
/// and so much a person a day on average. No derived number: where the per-day cap gives way to
/// the per-person one is our calculation, given as such by `kink_note` and the kinks' labels.
fn summary(d: Destination, lang: Lang) -> String {
    let (person, day) = caps_fen(d);
    match lang {
        Lang::Zh => format!(
            "{}：一般每人不超过{}，平均每人每天不超过{}",
            dest_name(d, lang),
            yuan(person, lang),
            yuan(day, lang)
        ),
        Lang::En => format!(
            "{}: generally at most {} a person, {} a day on average",
            dest_name(d, lang),
            yuan(person, lang),
            yuan(day, lang)
        ),
    }
}

/// Where each envelope bends, worked out: the per-day cap times the days reaches the per-person
/// cap at per person ÷ per day days (5.56 in the province, 6 out of it). Ours, not the article's.
fn kink_note(lang: Lang) -> String {
    let part = |d: Destination| {
        let (person, day) = caps_fen(d);
        let (k, p, q) = (
            days_text(kink_days(d), lang),
            yuan(person, lang),
            yuan(day, lang),
        );
        match lang {
            Lang::Zh => format!("{}{k}（{p}÷{q}）", dest_name(d, lang)),
            Lang::En => format!(
                "{k} {} ({p} ÷ {q})",
                match d {
                    Destination::InProvince => "in the province",
                    Destination::OutOfProvince => "out of it",
                }
            ),
        }
    };
    let (i, o) = (
        part(Destination::InProvince),
        part(Destination::OutOfProvince),
    );
    match lang {
        Lang::Zh => format!("折线在按人封顶处拐弯：{i}，{o}，为本报推算。"),
        Lang::En => format!(
            "The lines bend where the per-person cap takes over, at {i} and {o}: our calculation."
        ),
    }
}

/// The most days per batch, from the limits table (7).
fn day_limit() -> i64 {
    let l = limit(LimitId::BatchDays);
    l.numerator / l.denominator.max(1)
}

/// "超过N天" / "> N days", N from the limits table.
fn over_days(lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("超过{}天", day_limit()),
        Lang::En => format!("> {} days", day_limit()),
    }
}

pub fn spec(lang: Lang, points: &[PlanPoint], _w: f64) -> Spec {
    let l = |zh, en| lang.pick(zh, en);
    let mut legend = vec![
        Legend {
            swatch: Swatch::Line { dashed: false },
            text: l(
                "省总工会标准：每人上限",
                "Provincial union's cap per person",
            )
            .into(),
        },
        Legend {
            swatch: Swatch::Shade,
            text: match lang {
                Lang::Zh => format!("阴影：{}", over_days(lang)),
                Lang::En => format!("Shaded: over {} days", day_limit()),
            },
        },
    ];
    if points.iter().any(|p| p.capped) {
        legend.push(Legend {
            swatch: Swatch::Dot,
            text: l("你的方案（示意）", "Your plan (illustration)").into(),
        });
    }
    if points.iter().any(|p| !p.capped) {
        legend.push(Legend {
            swatch: Swatch::Ring,
            text: l(
                "你的方案：其他工会组织，不受此标准约束",
                "Your plan: another organiser, caps do not apply",
            )
            .into(),
        });
    }
    let notes = vec![kink_note(lang), match lang {
        Lang::Zh => format!(
            "天数含报到日和返程日。原文：省总工会组织的劳模疗休养费用标准“一般”不超过图中上限；每批疗休养“一般”不超过{}天。",
            day_limit()
        ),
        Lang::En => format!(
            "Days include arrival and return. The article: the cost standard for trips the provincial union organises \"generally\" stays within these caps, and a batch \"generally\" lasts at most {} days.",
            day_limit()
        ),
    }];
    Spec {
        frame: Frame {
            title: super::ChartId::Budget.title(lang).into(),
            legend,
            notes,
            source: fmt::rest_trip_source(lang),
        },
        body: Body::Budget(BudgetBody {
            lang,
            points: points.to_vec(),
            lines: vec![
                summary(Destination::InProvince, lang),
                summary(Destination::OutOfProvince, lang),
            ],
        }),
    }
}

/// A point's tooltip in one language.
fn point_note(p: &PlanPoint, lang: Lang) -> String {
    if !p.capped {
        let label = lang.pick(&p.label_zh, &p.label_en);
        let d = days_text(f64::from(p.days), lang);
        let cost = yuan(p.cost_per_person_fen, lang);
        return match lang {
            Lang::Zh => format!("{label}：{d}，每人{cost}\n由其他工会组织：省总工会的费用标准不适用\n你的方案 · 示意"),
            Lang::En => format!("{label}: {d}, {cost} a person\nanother body organises: the provincial union's cost standard does not apply\nyour plan · illustration"),
        };
    }
    let b = budget(p.destination, p.days);
    let ok = p.cost_per_person_fen <= b.max_fen;
    let label = lang.pick(&p.label_zh, &p.label_en);
    let cap = match (b.binding, lang) {
        (Cap::PerDay, Lang::Zh) => "按天计",
        (Cap::PerDay, Lang::En) => "the per-day cap",
        (_, Lang::Zh) => "按人封顶",
        (_, Lang::En) => "the per-person cap",
    };
    let d = days_text(f64::from(p.days), lang);
    let (cost, max) = (yuan(p.cost_per_person_fen, lang), yuan(b.max_fen, lang));
    let dest = dest_name(p.destination, lang);
    match lang {
        Lang::Zh => format!(
            "{label}：{d}，每人{cost}\n{dest}{d}上限{max}（{cap}）：{}\n你的方案 · 示意",
            if ok { "在上限内" } else { "超出上限" }
        ),
        Lang::En => format!(
            "{label}: {d}, {cost} a person\n{dest}, {d}: at most {max} ({cap}): {}\nyour plan · illustration",
            if ok { "within the cap" } else { "over the cap" }
        ),
    }
}

fn envelope_note(d: Destination, days: u32, lang: Lang) -> String {
    let b = budget(d, days);
    let (person, day) = caps_fen(d);
    let dt = days_text(f64::from(days), lang);
    let src = limit(match d {
        Destination::InProvince => LimitId::InPerDay,
        Destination::OutOfProvince => LimitId::OutPerDay,
    })
    .source
    .cite(lang);
    let how = match (b.binding, lang) {
        (Cap::PerDay, Lang::Zh) => format!("= {} × {}（按天计）", yuan(day, lang), days),
        (Cap::PerDay, Lang::En) => format!("= {} × {} (per-day cap)", yuan(day, lang), days),
        (_, Lang::Zh) => format!("每人不超过{}（按人封顶）", yuan(person, lang)),
        (_, Lang::En) => format!("per-person cap of {}", yuan(person, lang)),
    };
    match lang {
        Lang::Zh => format!(
            "{}，{dt}：每人最多{}\n{how}\n规定 · 来源：{src}",
            dest_name(d, lang),
            yuan(b.max_fen, lang)
        ),
        Lang::En => format!(
            "{}, {dt}: at most {} a person\n{how}\nthe rule · Source: {src}",
            dest_name(d, lang),
            yuan(b.max_fen, lang)
        ),
    }
}

impl BudgetBody {
    fn plot_height(inner: f64) -> f64 {
        clamp(inner * 0.62, 200.0, 300.0)
    }

    pub fn natural_height(&self, inner: f64) -> f64 {
        let lines: usize = self.lines.iter().map(|l| wrap(l, SMALL, inner).len()).sum();
        lines as f64 * 16.0 + 8.0 + Self::plot_height(inner) + 24.0
    }

    pub fn draw(&self, sc: &mut Scene, r: [f64; 4]) {
        let pal = sc.pal;
        let lang = self.lang;
        let [x0, y0, x1, y1] = r;
        let inner = x1 - x0;
        let mut y = y0;
        for line in self.lines.iter().flat_map(|l| wrap(l, SMALL, inner)) {
            sc.text(line, x0, y, SMALL, pal.text, HPos::Left, VPos::Top);
            y += 16.0;
        }
        y += 8.0;
        let max_days = self
            .points
            .iter()
            .map(|p| p.days)
            .max()
            .unwrap_or(0)
            .clamp(DAYS, MAX_DAYS);
        let top_cost = self
            .points
            .iter()
            .map(|p| p.cost_per_person_fen)
            .max()
            .unwrap_or(0) as f64
            / 100.0;
        let ymax = clamp(top_cost * 1.1, 7000.0, 100_000.0);
        let ystep = nice_step(ymax, ((y1 - 24.0 - y) / 42.0).floor().max(2.0));
        let ymax = (ymax / ystep).ceil() * ystep;
        let ylabels: Vec<(f64, String)> = {
            let mut v = Vec::new();
            let mut t = 0.0;
            while t <= ymax * 1.0001 {
                v.push((t, yuan((t * 100.0).round() as i64, lang)));
                t += ystep;
            }
            v
        };
        let lw = ylabels
            .iter()
            .map(|(_, s)| text_width(s, SMALL))
            .fold(0.0_f64, f64::max)
            + 6.0;
        let (px0, px1, py0, py1) = (x0 + lw, x1 - 4.0, y + 4.0, y1 - 22.0);
        if px1 - px0 < 40.0 || py1 - py0 < 40.0 {
            return;
        }
        let mx = |d: f64| px0 + (d - 0.5) / (f64::from(max_days) + 0.5 - 0.5) * (px1 - px0);
        let my = |v: f64| py1 - (clamp(v, 0.0, ymax) / ymax) * (py1 - py0);

        // Days over the 7-day limit, shaded.
        let limit_days = limit(LimitId::BatchDays).numerator as f64;
        let band = [mx(limit_days + 0.5), py0, px1, py1];
        sc.rect(band, pal.grid.mix(0.45), true, 0.0);
        let bl = limit(LimitId::BatchDays);
        sc.mark(
            band,
            None,
            Some((
                format!(
                    "{}：“{}”\n规定 · 来源：{}",
                    over_days(Lang::Zh),
                    bl.quote_zh,
                    bl.source.cite(Lang::Zh)
                ),
                format!(
                    "Over {} days: \"{}\"\nthe rule · Source: {}",
                    day_limit(),
                    bl.quote_en,
                    bl.source.cite(Lang::En)
                ),
            )),
        );
        // Grid and axes.
        for (v, label) in &ylabels {
            let yy = my(*v);
            let color = if *v == 0.0 {
                rgba(pal.text)
            } else {
                rgba(pal.grid)
            };
            sc.line(vec![(px0, yy), (px1, yy)], color, 1.0);
            sc.text(
                label.clone(),
                px0 - 5.0,
                yy,
                SMALL,
                pal.muted,
                HPos::Right,
                VPos::Center,
            );
        }
        // Day numbers, right to left, dropping any that would touch its right neighbour.
        let mut right_edge = f64::MAX;
        let mut ticks = Vec::new();
        for d in (1..=max_days).rev() {
            let mut label = d.to_string();
            if d == max_days {
                label.push_str(lang.pick("天", " days"));
            }
            let x = mx(f64::from(d));
            let w = text_width(&label, SMALL);
            let (x, h, left) = if x + w / 2.0 > x1 {
                (x1, HPos::Right, x1 - w)
            } else {
                (x, HPos::Center, x - w / 2.0)
            };
            if left + w + 4.0 <= right_edge {
                right_edge = left;
                ticks.push((label, x, h));
            }
        }
        for (label, x, h) in ticks {
            sc.text(label, x, py1 + 7.0, SMALL, pal.muted, h, VPos::Top);
        }
        // What a label must not cover: the texts placed so far, and the lines and markers.
        let mut room = Room {
            texts: Vec::new(),
            marks: Vec::new(),
            bounds: [px0 + 1.0, py0 - 6.0, x1, py1 - 1.0],
        };

        // The two envelopes: in province (circles), out of province (squares).
        let mut kinks = Vec::new();
        for (dest, color) in [
            (Destination::InProvince, pal.primary),
            (Destination::OutOfProvince, pal.secondary),
        ] {
            // Each envelope is a series for keyboard exploration.
            sc.next_series();
            let (person, day) = caps_fen(dest);
            let k = kink_days(dest);
            let (pv, dv) = (person as f64 / 100.0, day as f64 / 100.0);
            let pts = vec![
                (mx(1.0), my(dv)),
                (mx(k), my(pv)),
                (mx(f64::from(max_days)), my(pv)),
            ];
            room.line(&pts, 2.0);
            sc.line(pts, rgba(color), 2.5);
            for d in 1..=max_days {
                let b = budget(dest, d);
                let (cx, cy) = (mx(f64::from(d)), my(b.max_fen as f64 / 100.0));
                match dest {
                    Destination::InProvince => sc.prims.push(Prim::Circle {
                        x: cx,
                        y: cy,
                        r: 3.5,
                        color: rgba(color),
                        fill: true,
                        width: 1.0,
                    }),
                    Destination::OutOfProvince => sc.rect(
                        [cx - 3.5, cy - 3.5, cx + 3.5, cy + 3.5],
                        rgba(color),
                        true,
                        0.0,
                    ),
                }
                room.marks.push([cx - 3.5, cy - 3.5, cx + 3.5, cy + 3.5]);
                sc.mark(
                    [cx - 7.0, cy - 7.0, cx + 7.0, cy + 7.0],
                    None,
                    Some((
                        envelope_note(dest, d, Lang::Zh),
                        envelope_note(dest, d, Lang::En),
                    )),
                );
            }
            // Where per day gives way to per person.
            let (kx, ky) = (mx(k), my(pv));
            sc.prims.push(Prim::Circle {
                x: kx,
                y: ky,
                r: 5.5,
                color: rgba(pal.text),
                fill: false,
                width: 1.5,
            });
            room.marks.push([kx - 6.5, ky - 6.5, kx + 6.5, ky + 6.5]);
            kinks.push((dest, k, kx, ky, person));
        }

        // The reader's points, all marked before any label is placed; points on one spot share a label.
        let s = 6.0;
        let mut spots: Vec<(f64, f64, Vec<&PlanPoint>)> = Vec::new();
        sc.next_series();
        for p in &self.points {
            let d = f64::from(p.days.clamp(1, max_days));
            let cost = p.cost_per_person_fen as f64 / 100.0;
            let (cx, cy) = (mx(d), my(cost));
            let fill = match p.destination {
                Destination::InProvince => pal.primary,
                Destination::OutOfProvince => pal.secondary,
            };
            let diamond = vec![
                (cx, cy - s),
                (cx + s, cy),
                (cx, cy + s),
                (cx - s, cy),
                (cx, cy - s),
            ];
            // A plan the caps do not apply to is drawn hollow: the line is not its limit.
            if p.capped {
                sc.prims.push(Prim::Poly {
                    pts: diamond.clone(),
                    color: rgba(fill),
                });
                sc.line(diamond, rgba(pal.text), 1.5);
            } else {
                sc.prims.push(Prim::Poly {
                    pts: diamond.clone(),
                    color: rgba(pal.background),
                });
                sc.line(diamond, rgba(fill), 2.0);
            }
            room.marks.push([cx - s, cy - s, cx + s, cy + s]);
            if cost > ymax || p.days > max_days {
                room.texts.push(text_box(
                    "↑",
                    cx,
                    cy - s - 1.0,
                    SMALL,
                    HPos::Center,
                    VPos::Bottom,
                    false,
                ));
                sc.text(
                    "↑",
                    cx,
                    cy - s - 1.0,
                    SMALL,
                    pal.text,
                    HPos::Center,
                    VPos::Bottom,
                );
            }
            sc.mark(
                [cx - 8.0, cy - 8.0, cx + 8.0, cy + 8.0],
                None,
                Some((point_note(p, Lang::Zh), point_note(p, Lang::En))),
            );
            match spots
                .iter_mut()
                .find(|g| (g.0 - cx).abs() < 4.0 && (g.1 - cy).abs() < 4.0)
            {
                Some(g) => g.2.push(p),
                None => spots.push((cx, cy, vec![p])),
            }
        }

        // The plot's own texts where they cover nothing, else left out (the lines above the plot say
        // the same): the shaded band's, where each cap starts binding, the lines' names.
        let bx = (band[0] + band[2]) / 2.0;
        let band_label = over_days(lang);
        room.put(
            sc,
            &band_label,
            false,
            pal.muted,
            &[
                (bx, py1 - 4.0, HPos::Center, VPos::Bottom),
                (bx, py0 + 4.0, HPos::Center, VPos::Top),
            ],
            None,
        );
        let narrow = px1 - px0 < 400.0;
        // Labels in order of need: which line is which, the reader's points, then the kinks (ours).
        for &(dest, k, _, ky, person) in &kinks {
            let short = match (dest, lang, narrow) {
                (Destination::InProvince, Lang::En, true) => "In",
                (Destination::OutOfProvince, Lang::En, true) => "Out",
                _ => dest_name(dest, lang),
            };
            let name = format!("{short} {}", yuan(person, lang));
            // Above the flat part, from its right end leftwards, else below it.
            let cands: Vec<_> = [(-5.0, VPos::Bottom), (-9.0, VPos::Bottom), (5.0, VPos::Top)]
                .iter()
                .flat_map(|&(dy, v)| {
                    (0..5).map(move |i| {
                        (
                            px1 - 2.0 - f64::from(i) * (px1 - mx(k)) / 5.0,
                            ky + dy,
                            HPos::Right,
                            v,
                        )
                    })
                })
                .collect();
            room.put(sc, &name, true, pal.text, &cands, None);
        }

        // The reader's labels: beside the point, else at the nearest free place with a leader line,
        // else shortened to the names, else only in the tooltip and the table.
        for (cx, cy, group) in &spots {
            let name = |p: &PlanPoint| -> String {
                let l = lang.pick(&p.label_zh, &p.label_en);
                if l.chars().count() > 14 {
                    l.chars().take(13).chain(std::iter::once('…')).collect()
                } else {
                    l.to_string()
                }
            };
            let tag = |p: &PlanPoint| {
                let over =
                    p.capped && p.cost_per_person_fen > budget(p.destination, p.days).max_fen;
                match (over, lang) {
                    (true, Lang::Zh) => format!("（{}，超出）", dest_name(p.destination, lang)),
                    (false, Lang::Zh) => format!("（{}）", dest_name(p.destination, lang)),
                    (true, Lang::En) => format!(" ({}, over)", en_short(p.destination)),
                    (false, Lang::En) => format!(" ({})", en_short(p.destination)),
                }
            };
            let sep = lang.pick("、", ", ");
            let names: Vec<String> = group.iter().map(|p| name(p)).collect();
            let tags: Vec<String> = group.iter().map(|p| tag(p)).collect();
            let full = if tags.iter().all(|t| Some(t) == tags.first()) {
                format!(
                    "{}{}",
                    names.join(sep),
                    tags.first().map_or("", |t| t.as_str())
                )
            } else {
                names
                    .iter()
                    .zip(&tags)
                    .map(|(n, t)| format!("{n}{t}"))
                    .collect::<Vec<_>>()
                    .join(sep)
            };
            let (cands, short, lead) = (
                around(*cx, *cy, s + 3.0),
                names.join(sep),
                Some((*cx, *cy, s + 1.0)),
            );
            // One point keeps its destination (and "over") even far away; several on one spot
            // rather keep their names close.
            let tries = if group.len() == 1 {
                [
                    (&full, true),
                    (&full, false),
                    (&short, true),
                    (&short, false),
                ]
            } else {
                [
                    (&full, true),
                    (&short, true),
                    (&full, false),
                    (&short, false),
                ]
            };
            let _ = tries.iter().find_map(|&(l, near)| {
                if near {
                    room.put(sc, l, true, pal.text, &cands, None)
                } else {
                    room.put(sc, l, true, pal.text, &[], lead)
                }
            });
        }
        // The day count is ours (per person ÷ per day), so it says so; on a narrow plot only the
        // note under the chart gives it (kink_note), as there is no room for the words.
        for &(dest, k, kx, ky, _) in kinks.iter().filter(|_| !narrow) {
            let kt = match lang {
                Lang::Zh => format!("{}起按人封顶（推算）", days_text(k, lang)),
                Lang::En => format!("capped from {} (our calc.)", days_text(k, lang)),
            };
            // In the province below and right of the kink, out of it above and left, else around it.
            let first = match dest {
                Destination::InProvince => (kx + 6.0, ky + 7.0, HPos::Left, VPos::Top),
                Destination::OutOfProvince => (kx - 6.0, ky - 7.0, HPos::Right, VPos::Bottom),
            };
            let mut cands = vec![first];
            cands.extend(around(kx, ky, 9.0));
            if let Some(b) = room.put(sc, &kt, false, pal.text, &cands, Some((kx, ky, 6.5))) {
                sc.prims.insert(
                    sc.prims.len() - 1,
                    Prim::Rect {
                        r: [b[0] - 2.0, b[1], b[2] + 2.0, b[3]],
                        color: pal.background.mix(0.85),
                        fill: true,
                        width: 0.0,
                    },
                );
            }
        }
    }
}

/// Eight places for a label around a point `d` pixels away: right, left, above, below, then the corners.
fn around(cx: f64, cy: f64, d: f64) -> [(f64, f64, HPos, VPos); 8] {
    let e = d * 0.7;
    [
        (cx + d, cy, HPos::Left, VPos::Center),
        (cx - d, cy, HPos::Right, VPos::Center),
        (cx, cy - d, HPos::Center, VPos::Bottom),
        (cx, cy + d, HPos::Center, VPos::Top),
        (cx + e, cy - e, HPos::Left, VPos::Bottom),
        (cx + e, cy + e, HPos::Left, VPos::Top),
        (cx - e, cy - e, HPos::Right, VPos::Bottom),
        (cx - e, cy + e, HPos::Right, VPos::Top),
    ]
}

/// The plot's free room: a label goes where it covers no text, line or marker, inside the bounds.
struct Room {
    texts: Vec<[f64; 4]>,
    marks: Vec<[f64; 4]>,
    bounds: [f64; 4],
}

impl Room {
    /// A line, as small boxes along it.
    fn line(&mut self, pts: &[(f64, f64)], half: f64) {
        for seg in pts.windows(2) {
            if let [a, b] = seg {
                let n = clamp(((b.0 - a.0).hypot(b.1 - a.1) / 3.0).ceil(), 1.0, 2000.0) as usize;
                for i in 0..=n {
                    let t = i as f64 / n as f64;
                    let (x, y) = (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t);
                    self.marks.push([x - half, y - half, x + half, y + half]);
                }
            }
        }
    }

    fn free(&self, b: &[f64; 4]) -> bool {
        let [x0, y0, x1, y1] = self.bounds;
        b[0] >= x0
            && b[1] >= y0
            && b[2] <= x1
            && b[3] <= y1
            && !self.texts.iter().any(|t| overlaps(b, t, 2.0))
            && !self.marks.iter().any(|m| overlaps(b, m, 1.0))
    }

    /// Draws `text` at the first free anchor of `cands`; failing that, when `leader` gives a point
    /// (and the radius of its marker), at the nearest free place, joined to the point by a thin
    /// line that crosses no text. Returns the text's box, or `None` when it found no room.
    fn put(
        &mut self,
        sc: &mut Scene,
        text: &str,
        bold: bool,
        color: RGBColor,
        cands: &[(f64, f64, HPos, VPos)],
        leader: Option<(f64, f64, f64)>,
    ) -> Option<[f64; 4]> {
        let near = cands
            .iter()
            .map(|&(x, y, h, v)| (x, y, h, v, text_box(text, x, y, SMALL, h, v, bold)))
            .find(|c| self.free(&c.4));
        let (x, y, h, v, b) = match (near, leader) {
            (Some(c), _) => c,
            (None, Some((cx, cy, r))) => {
                let b = self.nearest(
                    text_box(text, 0.0, 0.0, SMALL, HPos::Left, VPos::Top, bold),
                    (cx, cy),
                    r,
                )?;
                let e = (clamp(cx, b[0], b[2]), clamp(cy, b[1], b[3]));
                let len = (e.0 - cx).hypot(e.1 - cy).max(1.0);
                let a = (cx + (e.0 - cx) * r / len, cy + (e.1 - cy) * r / len);
                self.line(&[a, e], 1.0);
                sc.line(vec![a, e], rgba(sc.pal.muted), 1.0);
                (b[0], b[1], HPos::Left, VPos::Top, b)
            }
            (None, None) => return None,
        };
        self.texts.push(b);
        let style = Prim::Text {
            s: text.to_string(),
            x,
            y,
            size: SMALL,
            color: rgba(color),
            h,
            v,
            bold,
        };
        sc.prims.push(style);
        Some(b)
    }

    /// The free place for a box of the size of `b` nearest to `c` whose leader line (from `r`
    /// pixels out) crosses no text, searched on a grid over the plot.
    fn nearest(&self, b: [f64; 4], c: (f64, f64), r: f64) -> Option<[f64; 4]> {
        let (w, h) = (b[2] - b[0], b[3] - b[1]);
        let mut best: Option<(f64, [f64; 4])> = None;
        let mut y = self.bounds[1];
        while y + h <= self.bounds[3] {
            let mut x = self.bounds[0];
            while x + w <= self.bounds[2] {
                let b = [x, y, x + w, y + h];
                let e = (clamp(c.0, x, x + w), clamp(c.1, y, y + h));
                let d = (e.0 - c.0).hypot(e.1 - c.1);
                if best.is_none_or(|(bd, _)| d < bd) && self.free(&b) && self.clear(c, e, r) {
                    best = Some((d, b));
                }
                x += 6.0;
            }
            y += 5.0;
        }
        best.map(|(_, b)| b)
    }

    /// Whether the segment from `r` pixels out of `c` to `e` crosses no text.
    fn clear(&self, c: (f64, f64), e: (f64, f64), r: f64) -> bool {
        let len = (e.0 - c.0).hypot(e.1 - c.1);
        let mut t = r;
        while t < len {
            let (x, y) = (c.0 + (e.0 - c.0) * t / len, c.1 + (e.1 - c.1) * t / len);
            if self.texts.iter().any(|q| overlaps(&[x, y, x, y], q, 1.0)) {
                return false;
            }
            t += 3.0;
        }
        true
    }
}

/// The caption of chart 7.
pub fn caption(lang: Lang) -> String {
    let join = lang.pick("；", "; ");
    format!(
        "{}{join}{}{}",
        summary(Destination::InProvince, lang),
        summary(Destination::OutOfProvince, lang),
        lang.pick("。", ".")
    )
}

/// The table of chart 7: the most per person for each day count, and the reader's points.
pub fn table(lang: Lang, points: &[PlanPoint]) -> Table {
    let headers = match lang {
        Lang::Zh => ["天数", "省内：每人最多", "省外：每人最多"],
        Lang::En => [
            "Days",
            "In province: most per person",
            "Out of province: most per person",
        ],
    };
    let cell = |d: Destination, days: u32| {
        let b = budget(d, days);
        let how = match (b.binding, lang) {
            (Cap::PerDay, _) => lang.pick("按天", "per day"),
            _ => lang.pick("按人封顶", "per-person cap"),
        };
        format!("{}（{how}）", yuan(b.max_fen, lang))
            .replace('（', lang.pick("（", " ("))
            .replace('）', lang.pick("）", ")"))
    };
    let rows = (1..=DAYS)
        .map(|d| {
            vec![
                d.to_string(),
                cell(Destination::InProvince, d),
                cell(Destination::OutOfProvince, d),
            ]
        })
        .collect();
    let mut note = caption(lang);
    for p in points {
        note.push(' ');
        note.push_str(&point_note(p, lang).replace('\n', lang.pick("；", "; ")));
    }
    Table {
        caption: super::ChartId::Budget.title(lang).to_string(),
        headers: headers.iter().map(|h| h.to_string()).collect(),
        rows,
        note: Some(note),
    }
}
