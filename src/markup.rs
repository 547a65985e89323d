//! The one HTML-building helper: tags with escaped attributes and text, appended to one string,
//! then set once with `innerHTML`. Nothing the reader types reaches the markup unescaped.
//!
//! Also the top of each widget (its title row and, for the towns, the lead), which the page's
//! shell (`src/web`) and the first paint `embed.js` shows before the wasm arrives
//! ([`crate::loader::prerender`]) both build here, so the two are laid out alike.

/// Escapes text for HTML text and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_escaped(&mut out, s);
    out
}

fn push_escaped(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// Markup under construction.
#[derive(Default)]
pub struct H(pub String);

impl H {
    /// Opens `tag` with attributes; an attribute with an empty value is written bare (`hidden`).
    pub fn o(&mut self, tag: &str, attrs: &[(&str, &str)]) -> &mut Self {
        self.0.push('<');
        self.0.push_str(tag);
        for (k, v) in attrs {
            self.0.push(' ');
            self.0.push_str(k);
            if !v.is_empty() {
                self.0.push_str("=\"");
                push_escaped(&mut self.0, v);
                self.0.push('"');
            }
        }
        self.0.push('>');
        self
    }

    /// Closes `tag`.
    pub fn c(&mut self, tag: &str) -> &mut Self {
        self.0.push_str("</");
        self.0.push_str(tag);
        self.0.push('>');
        self
    }

    /// Escaped text.
    pub fn t(&mut self, text: &str) -> &mut Self {
        push_escaped(&mut self.0, text);
        self
    }

    /// `<tag attrs>text</tag>`.
    pub fn e(&mut self, tag: &str, attrs: &[(&str, &str)], text: &str) -> &mut Self {
        self.o(tag, attrs).t(text).c(tag)
    }
}

// ---------------------------------------------------------------------------------------------
// The top of each widget
// ---------------------------------------------------------------------------------------------

use crate::data::{self, Section, Source};
use crate::format::{self, Lang};

/// The widget's title (`towns` or `rest-trip`).
pub fn title(kind: &str, lang: Lang) -> &'static str {
    match kind {
        "rest-trip" => lang.pick(
            "这份劳模疗休养方案在规定之内吗？",
            "Does this R&R trip plan stay within the rules?",
        ),
        _ => lang.pick(
            "特色专业镇：一年成绩单与2025年目标",
            "Specialty towns: a year's results and the 2025 targets",
        ),
    }
}

/// The title row (the title and the button to the other language) and the widget's fault line
/// (hidden until an action fails). `uid` makes the widget's element ids; `act` is the button's
/// `data-act` (none in the pre-render, which has no handlers).
pub fn top(h: &mut H, kind: &str, lang: Lang, uid: &dyn Fn(&str) -> String, act: Option<&str>) {
    h.o("div", &[("class", "top")]);
    h.e("h2", &[("id", &uid("h"))], title(kind, lang));
    let (label, code, aria) = match lang {
        Lang::Zh => ("English", "en", "Read in English"),
        Lang::En => ("中文", "zh-CN", "切换到中文"),
    };
    let mut attrs = vec![("type", "button"), ("class", "lang")];
    if let Some(a) = act {
        attrs.push(("data-act", a));
    }
    attrs.extend([("lang", code), ("aria-label", aria)]);
    h.e("button", &attrs, label);
    h.c("div");
    h.e(
        "p",
        &[
            ("class", "fault"),
            ("id", &uid("fault")),
            ("role", "alert"),
            ("hidden", ""),
        ],
        "",
    );
}

/// A reported figure with its unit, formatted for the reader.
pub(crate) fn fig(id: &str, lang: Lang) -> String {
    match data::get(id) {
        Some(r) if r.unit == data::Unit::Percent => format::percent(r.value, 1),
        Some(r) if r.unit == data::Unit::YiYuan => format::yi_yuan(r.value, lang),
        Some(r) => format::count(r.value, lang),
        None => "?".into(),
    }
}

pub(crate) fn cite(id: &str, lang: Lang) -> String {
    data::get(id).map_or_else(String::new, |r| r.source.cite(lang))
}

/// The towns widget's lead (the headline figures and targets, each with its paragraph) and how to
/// read its charts.
pub fn towns_lead(h: &mut H, lang: Lang) {
    let targets = Source {
        section: Section::Targets2025,
        paragraph: 2,
    }
    .cite(lang);
    let scale = Source {
        section: Section::Targets2025,
        paragraph: 4,
    }
    .cite(lang);
    let lead = match lang {
            Lang::Zh => format!(
                "首批省级十大重点专业镇2023年前8个月产值{}，增长{}；其中杏花村汾酒专业镇{}，增长{}（{}）。省里的目标是到2025年省级重点专业镇达到30个以上（{}），并打造1个300亿级、3个100亿级的产业名镇（{}）。",
                fig("ten_towns_output", lang), fig("ten_towns_growth", lang), fig("fenjiu_output", lang), fig("fenjiu_growth", lang),
                cite("ten_towns_output", lang), targets, scale
            ),
            Lang::En => format!(
                "The ten provincial key towns produced {} in the first eight months of 2023, up {}; the Xinghuacun Fenjiu liquor town alone produced {}, up {} ({}). The province aims for at least 30 provincial key towns by 2025 ({}), one town of ¥30bn and three of ¥10bn ({}).",
                fig("ten_towns_output", lang), fig("ten_towns_growth", lang), fig("fenjiu_output", lang), fig("fenjiu_growth", lang),
                cite("ten_towns_output", lang), targets, scale
            ),
        };
    h.e("p", &[("class", "lead")], &lead);
    h.e(
            "p",
            &[("class", "key")],
            lang.pick(
                "怎么读图：实心是发布会公布的数；斜线填充是本报据公布数的推算，不是官方数字；虚线框是官方目标；虚线框加交叉斜线是示意（试算）。每个数字都注明了来源段落，鼠标悬停或轻触图形可看详情，“显示数据表”列出全部数字。",
                "How to read the charts: solid marks are figures the press conference reported; hatched marks are our calculations from them, not official numbers; a dashed outline is an official target; a dashed outline with cross-hatching is an illustration. Every number names its source paragraph: hover or tap a mark for details, or use \"Show table\".",
            ),
        );
}
