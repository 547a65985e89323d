//! Chart 4: the 2025 targets as progress bars, each on its own scale from zero: the number of
//! provincial key towns, service platforms per town, and the scale classes of 100亿 and 300亿
//! against where the 汾酒 town stands.

use super::bars::Hue;
use super::fmt::{self, Look};
use super::scene::{rgba, wrap, Body, Frame, Legend, Scene, Spec, Swatch, LABEL, SMALL};
use super::text_width;
use crate::data;
use crate::format::Lang;
use plotters::style::text_anchor::{HPos, VPos};

pub struct Row {
    header: String,
    status: String,
    current: &'static str,
    /// The targets shown on the track: record and the label under its tick.
    targets: Vec<(&'static str, String)>,
    hue: Hue,
}

pub struct Progress {
    rows: Vec<Row>,
}

const LINE: f64 = 16.0;
const TRACK: f64 = 18.0;

pub fn spec(lang: Lang) -> Spec {
    let l = |zh, en| lang.pick(zh, en);
    let v = |id| fmt::value_of(id, lang);
    let short = |id: &str| {
        data::get(id)
            .map(|r| fmt::number(r.value, r.unit, lang))
            .unwrap_or_default()
    };
    // "100亿级" / "¥10bn class": the scale class of a target, from its record.
    let class = |id: &str| {
        let v = data::value(id);
        match lang {
            Lang::Zh => format!("{}亿级", crate::format::decimal(v, 1)),
            Lang::En => format!("¥{}bn class", crate::format::decimal(v / 10.0, 1)),
        }
    };
    let mut rows = vec![
        Row {
            header: l("省级重点专业镇数量", "Provincial key towns").into(),
            status: match lang {
                Lang::Zh => format!(
                    "现有{}；2025年目标{}",
                    v("provincial_key_towns_first_batch"),
                    v("target_provincial_key_towns")
                ),
                Lang::En => format!(
                    "Now {}; by 2025: {}",
                    v("provincial_key_towns_first_batch"),
                    v("target_provincial_key_towns")
                ),
            },
            current: "provincial_key_towns_first_batch",
            targets: vec![(
                "target_provincial_key_towns",
                v("target_provincial_key_towns"),
            )],
            hue: Hue::Primary,
        },
        Row {
            header: l(
                "每个省级重点专业镇的公共服务平台",
                "Service platforms per provincial key town",
            )
            .into(),
            status: match lang {
                Lang::Zh => format!(
                    "现平均{}（推算：{}÷{}镇）；目标每镇{}",
                    v("platforms_per_provincial_town"),
                    v("service_platforms"),
                    short("provincial_key_towns_first_batch").trim_end_matches('个'),
                    v("target_platforms_per_provincial_town")
                ),
                Lang::En => format!(
                    "Now {} on average (our calc.: {} ÷ {}); target {} in each",
                    v("platforms_per_provincial_town"),
                    v("service_platforms"),
                    v("provincial_key_towns_first_batch"),
                    v("target_platforms_per_provincial_town")
                ),
            },
            current: "platforms_per_provincial_town",
            targets: vec![(
                "target_platforms_per_provincial_town",
                v("target_platforms_per_provincial_town"),
            )],
            hue: Hue::Accent,
        },
        Row {
            header: l(
                "产业名镇规模：汾酒专业镇到了哪一级",
                "Scale classes: where the Fenjiu town stands",
            )
            .into(),
            status: match lang {
                Lang::Zh => format!(
                    "汾酒专业镇前8个月{}；目标打造{}300亿级、{}100亿级产业名镇",
                    v("fenjiu_output"),
                    v("target_towns_300yi"),
                    v("target_towns_100yi")
                ),
                Lang::En => format!(
                    "Fenjiu town: {} in Jan-Aug 2023; targets: {} town of ¥30bn, {} of ¥10bn",
                    v("fenjiu_output"),
                    v("target_towns_300yi"),
                    v("target_towns_100yi")
                ),
            },
            current: "fenjiu_output",
            targets: vec![
                ("target_scale_100yi", class("target_scale_100yi")),
                ("target_scale_300yi", class("target_scale_300yi")),
            ],
            hue: Hue::Secondary,
        },
    ];
    rows.retain(|r| {
        data::get(r.current).is_some() && r.targets.iter().any(|(id, _)| data::get(id).is_some())
    });
    let notes = vec![l(
        "平台数是平均数，不代表每个镇都已有6.5个。目标没有写明哪个镇要达到300亿级或100亿级；汾酒专业镇是规模最大的省级专业镇，数字只是前8个月。",
        "Platforms: an average, not what each town has. The targets do not name the towns of the ¥30bn and ¥10bn classes; Fenjiu, the largest, is shown for January-August only.",
    )
    .into()];
    let legend = [Look::Reported, Look::Derived, Look::Target]
        .iter()
        .map(|&look| Legend {
            swatch: Swatch::Bar(look),
            text: look.legend(lang),
        })
        .collect();
    Spec {
        frame: Frame {
            title: super::ChartId::Targets.title(lang).into(),
            legend,
            notes,
            source: fmt::towns_source(lang),
        },
        body: Body::Progress(Progress { rows }),
    }
}

impl Progress {
    pub fn natural_height(&self, inner: f64) -> f64 {
        self.rows
            .iter()
            .map(|r| {
                let lines = wrap(&r.header, LABEL * 1.06, inner).len()
                    + wrap(&r.status, SMALL, inner).len();
                lines as f64 * LINE + 4.0 + TRACK + 4.0 + LINE + 12.0
            })
            .sum::<f64>()
            - 12.0
    }

    pub fn record_ids(&self) -> Vec<&'static str> {
        let mut ids = Vec::new();
        for r in &self.rows {
            ids.push(r.current);
            ids.extend(r.targets.iter().map(|(id, _)| *id));
        }
        ids
    }

    pub fn draw(&self, sc: &mut Scene, rect: [f64; 4]) {
        let pal = sc.pal;
        let [x0, y0, x1, y1] = rect;
        let inner = x1 - x0;
        let natural = self.natural_height(inner);
        let extra = crate::num::clamp(
            (y1 - y0 - natural) / (self.rows.len().max(1) as f64),
            0.0,
            30.0,
        );
        let mut y = y0 + extra / 3.0;
        for row in &self.rows {
            sc.next_series();
            for line in wrap(&row.header, LABEL * 1.06, inner) {
                sc.bold(line, x0, y, LABEL, pal.text, HPos::Left, VPos::Top);
                y += LINE;
            }
            for line in wrap(&row.status, SMALL, inner) {
                sc.text(line, x0, y, SMALL, pal.muted, HPos::Left, VPos::Top);
                y += LINE;
            }
            y += 4.0;
            let Some(cur) = data::get(row.current) else {
                continue;
            };
            let tmax = row
                .targets
                .iter()
                .filter_map(|(id, _)| data::get(id).map(|r| r.value))
                .chain(std::iter::once(cur.value))
                .filter(|v| v.is_finite())
                .fold(0.0_f64, f64::max);
            if tmax <= 0.0 {
                continue;
            }
            let map = |v: f64| x0 + (v.max(0.0) / tmax) * inner;
            let color = row.hue.color(&pal);
            // The track: the whole way to the (largest) target, dashed like every target.
            let track = [x0, y, x1, y + TRACK];
            sc.bar(track, pal.muted, Look::Target);
            if let Some((id, _)) = row.targets.last() {
                sc.mark(track, Some(id), None);
            }
            let fill = [x0, y + 3.0, map(cur.value).max(x0 + 1.0), y + TRACK - 3.0];
            sc.bar(fill, color, Look::of(cur.kind));
            sc.mark(fill, Some(cur.id), None);
            // Ticks for each target under the track, then the current value where it fits.
            let ty = y + TRACK + 3.0;
            let mut taken: Vec<(f64, f64)> = Vec::new();
            for (id, label) in &row.targets {
                let Some(t) = data::get(id) else { continue };
                let x = map(t.value);
                sc.line(
                    vec![(x, y - 3.0), (x, y + TRACK + 3.0)],
                    rgba(pal.text),
                    1.5,
                );
                let w = text_width(label, SMALL);
                let (span, anchor, lx) = if x + w / 2.0 > x1 {
                    ((x1 - w, x1), HPos::Right, x1)
                } else {
                    ((x - w / 2.0, x + w / 2.0), HPos::Center, x)
                };
                sc.text(label.clone(), lx, ty, SMALL, pal.text, anchor, VPos::Top);
                sc.mark([span.0, y - 3.0, span.1, ty + LINE], Some(id), None);
                taken.push(span);
            }
            let cur_text = fmt::value(cur, sc.lang);
            let (cx, cw) = (map(cur.value), text_width(&cur_text, SMALL));
            let span = if cx - cw >= x0 {
                (cx - cw, cx)
            } else {
                (x0, x0 + cw)
            };
            if taken
                .iter()
                .all(|t| span.1 + 6.0 < t.0 || span.0 > t.1 + 6.0)
            {
                sc.bold(cur_text, span.0, ty, SMALL, pal.text, HPos::Left, VPos::Top);
            }
            y += TRACK + 4.0 + LINE + 12.0 + extra;
        }
    }
}
