//! Chart 7: the rest-trip budget envelope. For 1 to 10 days (more if the reader's plan is
//! longer), the most one person's trip may cost in and out of the province: the per-day cap
//! times the days until the per-person cap takes over (in the province after 5.56 days, out of
//! it at 6). Days beyond the 7-day limit are shaded; the reader's plan points sit on top.

use super::bars::nice_step;
use super::fmt;
use super::scene::{rgba, wrap, Body, Frame, Legend, Prim, Scene, Spec, Swatch, SMALL};
use super::{text_width, PlanPoint, Table};
use crate::data::{limit, LimitId};
use crate::format::{self, Lang};
use crate::rules::{budget, caps_fen, Cap, Destination};
use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::Color;

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

fn summary(d: Destination, lang: Lang) -> String {
    let (person, day) = caps_fen(d);
    let k = days_text(kink_days(d), lang);
    match lang {
        Lang::Zh => format!("{}：每人每天不超过{}，满{k}后每人不超过{}", dest_name(d, lang), yuan(day, lang), yuan(person, lang)),
        Lang::En => format!("{}: {} a day, at most {} a person from {k}", dest_name(d, lang), yuan(day, lang), yuan(person, lang)),
    }
}

pub fn spec(lang: Lang, points: &[PlanPoint], _w: f64) -> Spec {
    let l = |zh, en| lang.pick(zh, en);
    let mut legend = vec![
        Legend { swatch: Swatch::Line { dashed: false }, text: l("每人费用上限（规定）", "Most per person (the rule)").into() },
        Legend { swatch: Swatch::Shade, text: l("阴影：超过7天", "Shaded: over 7 days").into() },
    ];
    if !points.is_empty() {
        legend.push(Legend { swatch: Swatch::Dot, text: l("你的方案（示意）", "Your plan (illustration)").into() });
    }
    let notes = vec![l(
        "天数含报到日和返程日；费用标准是“一般”不超过，每批“一般”不超过7天。",
        "Days include arrival and return. The caps and the 7-day limit are what trips \"generally\" must not exceed.",
    )
    .into()];
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
            lines: vec![summary(Destination::InProvince, lang), summary(Destination::OutOfProvince, lang)],
        }),
    }
}

/// A point's tooltip in one language.
fn point_note(p: &PlanPoint, lang: Lang) -> String {
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
        Lang::Zh => format!("{}，{dt}：每人最多{}\n{how}\n规定 · 来源：{src}", dest_name(d, lang), yuan(b.max_fen, lang)),
        Lang::En => format!("{}, {dt}: at most {} a person\n{how}\nthe rule · Source: {src}", dest_name(d, lang), yuan(b.max_fen, lang)),
    }
}

impl BudgetBody {
    fn plot_height(inner: f64) -> f64 {
        (inner * 0.62).clamp(200.0, 300.0)
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
        let max_days = self.points.iter().map(|p| p.days).max().unwrap_or(0).clamp(DAYS, MAX_DAYS);
        let top_cost = self.points.iter().map(|p| p.cost_per_person_fen).max().unwrap_or(0) as f64 / 100.0;
        let ymax = (top_cost * 1.1).clamp(7000.0, 100_000.0);
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
        let lw = ylabels.iter().map(|(_, s)| text_width(s, SMALL)).fold(0.0_f64, f64::max) + 6.0;
        let (px0, px1, py0, py1) = (x0 + lw, x1 - 4.0, y + 4.0, y1 - 22.0);
        if px1 - px0 < 40.0 || py1 - py0 < 40.0 {
            return;
        }
        let mx = |d: f64| px0 + (d - 0.5) / (f64::from(max_days) + 0.5 - 0.5) * (px1 - px0);
        let my = |v: f64| py1 - (v.clamp(0.0, ymax) / ymax) * (py1 - py0);

        // Days over the 7-day limit, shaded.
        let limit_days = limit(LimitId::BatchDays).numerator as f64;
        let band = [mx(limit_days + 0.5), py0, px1, py1];
        sc.rect(band, pal.grid.mix(0.45), true, 0.0);
        let band_label = lang.pick("超过7天", "> 7 days");
        sc.text(band_label, (band[0] + band[2]) / 2.0, py1 - 4.0, SMALL, pal.muted, HPos::Center, VPos::Bottom);
        let bl = limit(LimitId::BatchDays);
        sc.mark(
            band,
            None,
            Some((
                format!("超过7天：每批一般不超过7天（含报到日和返程日）\n规定 · 来源：{}", bl.source.cite(Lang::Zh)),
                format!("Over 7 days: a batch generally lasts at most 7 days (arrival and return included)\nthe rule · Source: {}", bl.source.cite(Lang::En)),
            )),
        );
        // Grid and axes.
        for (v, label) in &ylabels {
            let yy = my(*v);
            let color = if *v == 0.0 { rgba(pal.text) } else { rgba(pal.grid) };
            sc.line(vec![(px0, yy), (px1, yy)], color, 1.0);
            sc.text(label.clone(), px0 - 5.0, yy, SMALL, pal.muted, HPos::Right, VPos::Center);
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
            let (x, h, left) = if x + w / 2.0 > x1 { (x1, HPos::Right, x1 - w) } else { (x, HPos::Center, x - w / 2.0) };
            if left + w + 4.0 <= right_edge {
                right_edge = left;
                ticks.push((label, x, h));
            }
        }
        for (label, x, h) in ticks {
            sc.text(label, x, py1 + 4.0, SMALL, pal.muted, h, VPos::Top);
        }
        // Texts already in the plot, which the plan labels must not cover.
        let mut taken: Vec<[f64; 4]> = vec![[band[0], py1 - 18.0, band[2], py1]];
        let boxed = |x: f64, y: f64, w: f64, h: HPos, v: VPos| -> [f64; 4] {
            let x0 = match h {
                HPos::Left => x,
                HPos::Center => x - w / 2.0,
                HPos::Right => x - w,
            };
            let y0 = match v {
                VPos::Top => y,
                VPos::Center => y - 7.0,
                VPos::Bottom => y - 14.0,
            };
            [x0, y0, x0 + w, y0 + 14.0]
        };

        // The two envelopes: in province (circles), out of province (squares).
        for (dest, color) in [(Destination::InProvince, pal.primary), (Destination::OutOfProvince, pal.secondary)] {
            let (person, day) = caps_fen(dest);
            let k = kink_days(dest);
            let (pv, dv) = (person as f64 / 100.0, day as f64 / 100.0);
            let pts = vec![(mx(1.0), my(dv)), (mx(k), my(pv)), (mx(f64::from(max_days)), my(pv))];
            // The line itself is taken too: small boxes along it.
            for seg in pts.windows(2) {
                if let [a, b] = seg {
                    let n = ((b.0 - a.0).abs().max((b.1 - a.1).abs()) / 6.0).ceil().max(1.0) as usize;
                    for i in 0..=n {
                        let t = i as f64 / n as f64;
                        let (x, y) = (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t);
                        taken.push([x - 2.0, y - 2.0, x + 2.0, y + 2.0]);
                    }
                }
            }
            sc.line(pts, rgba(color), 2.5);
            for d in 1..=max_days {
                let b = budget(dest, d);
                let (cx, cy) = (mx(f64::from(d)), my(b.max_fen as f64 / 100.0));
                match dest {
                    Destination::InProvince => sc.prims.push(Prim::Circle { x: cx, y: cy, r: 3.5, color: rgba(color), fill: true, width: 1.0 }),
                    Destination::OutOfProvince => sc.rect([cx - 3.5, cy - 3.5, cx + 3.5, cy + 3.5], rgba(color), true, 0.0),
                }
                sc.mark(
                    [cx - 7.0, cy - 7.0, cx + 7.0, cy + 7.0],
                    None,
                    Some((envelope_note(dest, d, Lang::Zh), envelope_note(dest, d, Lang::En))),
                );
            }
            // Where per day gives way to per person.
            let (kx, ky) = (mx(k), my(pv));
            sc.prims.push(Prim::Circle { x: kx, y: ky, r: 5.5, color: rgba(pal.text), fill: false, width: 1.5 });
            let narrow = px1 - px0 < 400.0;
            let kt = match (lang, narrow) {
                (_, true) => days_text(k, lang),
                (Lang::Zh, false) => format!("{}起按人封顶", days_text(k, lang)),
                (Lang::En, false) => format!("capped from {}", days_text(k, lang)),
            };
            let below = dest == Destination::InProvince;
            let (ty, tv) = if below { (ky + 7.0, VPos::Top) } else { (ky - 7.0, VPos::Bottom) };
            let kw = text_width(&kt, SMALL);
            let (tx, th) = if below {
                if kx + 6.0 + kw <= px1 { (kx + 6.0, HPos::Left) } else { (px1, HPos::Right) }
            } else if kx - 6.0 - kw >= px0 {
                (kx - 6.0, HPos::Right)
            } else {
                (px0 + 2.0, HPos::Left)
            };
            let kb = boxed(tx, ty, kw, th, tv);
            sc.rect([kb[0] - 2.0, kb[1], kb[2] + 2.0, kb[3]], pal.background.mix(0.85), true, 0.0);
            taken.push(kb);
            taken.push([kx - 6.0, ky - 6.0, kx + 6.0, ky + 6.0]);
            sc.text(kt, tx, ty, SMALL, pal.text, th, tv);
            // The line's name at its right end, above it.
            let short = match (dest, lang, narrow) {
                (Destination::InProvince, Lang::En, true) => "In",
                (Destination::OutOfProvince, Lang::En, true) => "Out",
                _ => dest_name(dest, lang),
            };
            let name = format!("{short} {}", yuan(person, lang));
            let nx = px1 - 2.0;
            taken.push(boxed(nx, my(pv) - 5.0, text_width(&name, SMALL * 1.06), HPos::Right, VPos::Bottom));
            sc.bold(name, nx, my(pv) - 5.0, SMALL, pal.text, HPos::Right, VPos::Bottom);
        }

        // The reader's plan points, each label where it covers no other text.
        for p in &self.points {
            let d = f64::from(p.days.clamp(1, max_days));
            let cost = p.cost_per_person_fen as f64 / 100.0;
            let (cx, cy) = (mx(d), my(cost));
            let s = 6.0;
            let fill = match p.destination {
                Destination::InProvince => pal.primary,
                Destination::OutOfProvince => pal.secondary,
            };
            sc.prims.push(Prim::Poly { pts: vec![(cx, cy - s), (cx + s, cy), (cx, cy + s), (cx - s, cy)], color: rgba(fill) });
            sc.line(vec![(cx, cy - s), (cx + s, cy), (cx, cy + s), (cx - s, cy), (cx, cy - s)], rgba(pal.text), 1.5);
            if cost > ymax || p.days > max_days {
                sc.text("↑", cx, cy - s - 1.0, SMALL, pal.text, HPos::Center, VPos::Bottom);
            }
            let label: String = {
                let l = lang.pick(&p.label_zh, &p.label_en);
                let l: String = if l.chars().count() > 14 { l.chars().take(13).chain(std::iter::once('…')).collect() } else { l.to_string() };
                let over = p.cost_per_person_fen > budget(p.destination, p.days).max_fen;
                let dest = dest_name(p.destination, lang);
                match (over, lang) {
                    (true, Lang::Zh) => format!("{l}（{dest}，超出）"),
                    (false, Lang::Zh) => format!("{l}（{dest}）"),
                    (true, Lang::En) => format!("{l} ({}, over)", en_short(p.destination)),
                    (false, Lang::En) => format!("{l} ({})", en_short(p.destination)),
                }
            };
            let w = text_width(&label, SMALL * 1.06);
            let candidates = [
                (cx + s + 3.0, cy - 3.0, HPos::Left, VPos::Bottom),
                (cx + s + 3.0, cy + 3.0, HPos::Left, VPos::Top),
                (cx - s - 3.0, cy - 3.0, HPos::Right, VPos::Bottom),
                (cx - s - 3.0, cy + 3.0, HPos::Right, VPos::Top),
                (cx, cy - s - 3.0, HPos::Center, VPos::Bottom),
                (cx, cy + s + 3.0, HPos::Center, VPos::Top),
                (cx + s + 3.0, cy + 14.0, HPos::Left, VPos::Top),
                (cx - s - 3.0, cy + 14.0, HPos::Right, VPos::Top),
                (cx + s + 3.0, cy - 14.0, HPos::Left, VPos::Bottom),
                (cx - s - 3.0, cy - 14.0, HPos::Right, VPos::Bottom),
                (cx, cy + s + 18.0, HPos::Center, VPos::Top),
            ];
            let inside = |b: &[f64; 4]| b[0] >= x0 && b[2] <= x1 && b[1] >= py0 - 14.0 && b[3] <= py1;
            let free = |b: &[f64; 4]| taken.iter().all(|q| b[2] <= q[0] || q[2] <= b[0] || b[3] <= q[1] || q[3] <= b[1]);
            let pick = candidates
                .iter()
                .copied()
                .find(|&(x, y, h, v)| {
                    let b = boxed(x, y, w, h, v);
                    inside(&b) && free(&b)
                })
                .or_else(|| candidates.iter().copied().find(|&(x, y, h, v)| inside(&boxed(x, y, w, h, v))))
                .unwrap_or(candidates[0]);
            let (lx, ly, h, v) = pick;
            taken.push(boxed(lx, ly, w, h, v));
            taken.push([cx - s, cy - s, cx + s, cy + s]);
            sc.bold(label, lx, ly, SMALL, pal.text, h, v);
            sc.mark([cx - 8.0, cy - 8.0, cx + 8.0, cy + 8.0], None, Some((point_note(p, Lang::Zh), point_note(p, Lang::En))));
        }
    }
}

/// The caption of chart 7.
pub fn caption(lang: Lang) -> String {
    let join = lang.pick("；", "; ");
    format!("{}{join}{}{}", summary(Destination::InProvince, lang), summary(Destination::OutOfProvince, lang), lang.pick("。", "."))
}

/// The table of chart 7: the most per person for each day count, and the reader's points.
pub fn table(lang: Lang, points: &[PlanPoint]) -> Table {
    let headers = match lang {
        Lang::Zh => ["天数", "省内：每人最多", "省外：每人最多"],
        Lang::En => ["Days", "In province: most per person", "Out of province: most per person"],
    };
    let cell = |d: Destination, days: u32| {
        let b = budget(d, days);
        let how = match (b.binding, lang) {
            (Cap::PerDay, _) => lang.pick("按天", "per day"),
            _ => lang.pick("按人封顶", "per-person cap"),
        };
        format!("{}（{how}）", yuan(b.max_fen, lang)).replace('（', lang.pick("（", " (")).replace('）', lang.pick("）", ")"))
    };
    let rows = (1..=DAYS)
        .map(|d| vec![d.to_string(), cell(Destination::InProvince, d), cell(Destination::OutOfProvince, d)])
        .collect();
    let mut note = caption(lang);
    for p in points {
        note.push(' ');
        note.push_str(&point_note(p, lang).replace('\n', lang.pick("；", "; ")));
    }
    Table { caption: super::ChartId::Budget.title(lang).to_string(), headers: headers.iter().map(|h| h.to_string()).collect(), rows, note: Some(note) }
}
