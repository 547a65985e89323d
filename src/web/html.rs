//! The one HTML-building helper of the shell: tags with escaped attributes and text, appended to
//! one string, then set once with `innerHTML`. Nothing the reader types reaches the markup
//! unescaped.

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
