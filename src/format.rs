//! Numbers, money, percentages and dates written for a Chinese reader (亿元, 万, %, 9月21日) and
//! for an English one. The charts, the rule messages and the page all format through here, so a
//! figure reads the same wherever it appears.

use crate::data::Unit;
use serde::{Deserialize, Serialize};

/// The reader's language. Chinese is the default; English is second.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// Parses `zh`/`en` (and `zh-CN`, `en-GB`, ...); anything else is Chinese, the default.
    pub fn parse(s: &str) -> Lang {
        if s.trim().to_ascii_lowercase().starts_with("en") {
            Lang::En
        } else {
            Lang::Zh
        }
    }

    /// Picks the Chinese or the English of a pair.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// Formats `value` with at most `decimals` decimals (up to 6), dropping trailing zeros
/// (410.50 -> "410.5"), rounding half away from zero.
///
/// Done in integers rather than with `format!("{:.N}")`, whose exact float printing would add
/// about 8 KB to the wasm. Values beyond ±9e12 (none in the explainer) print without decimals.
pub fn decimal(value: f64, decimals: usize) -> String {
    if !value.is_finite() {
        return "–".to_string();
    }
    let decimals = decimals.min(6);
    let scale = 10_i64.pow(decimals as u32);
    let scaled = (value.abs() * scale as f64).round();
    if scaled >= 9.0e18 {
        return format!("{}", value.round() as i64);
    }
    let scaled = scaled as i64;
    let (int, mut frac) = (scaled / scale, scaled % scale);
    let mut out = String::new();
    if value < 0.0 && scaled != 0 {
        out.push('-');
    }
    out.push_str(&int.to_string());
    let mut width = decimals;
    while width > 0 && frac % 10 == 0 {
        frac /= 10;
        width -= 1;
    }
    if width > 0 {
        out.push('.');
        let digits = frac.to_string();
        out.extend(std::iter::repeat_n('0', width - digits.len()));
        out.push_str(&digits);
    }
    out
}

/// Groups the integer part by thousands with commas: 1234567 -> "1,234,567".
pub fn grouped(value: i64) -> String {
    let digits = value.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if value < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// An amount in 亿元 (hundred million yuan): "410.5亿元" in Chinese; in English "¥41.05bn", or
/// "¥410m" below a billion (1亿元 is ¥100m, not ¥0.1bn).
pub fn yi_yuan(value: f64, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{}亿元", decimal(value, 1)),
        Lang::En if value.abs() < 10.0 => format!("¥{}m", decimal(value * 100.0, 0)),
        Lang::En => format!("¥{}bn", decimal(value / 10.0, 2)),
    }
}

/// A percentage: "18.2%" in both languages.
pub fn percent(value: f64, decimals: usize) -> String {
    format!("{}%", decimal(value, decimals))
}

/// An amount of yuan given in fen (1/100 yuan), exact: "5200元" or "4500.5元" for a Chinese
/// reader (as the article writes 6000元), "¥5,200" or "¥4,500.50" for an English one.
pub fn yuan_fen(fen: i64, lang: Lang) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    let abs = fen.unsigned_abs();
    let (y, f) = (abs / 100, abs % 100);
    match (lang, f, f % 10) {
        (Lang::Zh, 0, _) => format!("{sign}{y}元"),
        (Lang::Zh, _, 0) => format!("{sign}{y}.{}元", f / 10),
        (Lang::Zh, _, _) => format!("{sign}{y}.{f:02}元"),
        (Lang::En, 0, _) => format!("{sign}¥{}", grouped(y as i64)),
        (Lang::En, _, _) => format!("{sign}¥{}.{f:02}", grouped(y as i64)),
    }
}

/// A count with the 万 unit from ten thousand up in Chinese ("1.5万"), grouped digits in English.
pub fn count(value: f64, lang: Lang) -> String {
    match lang {
        Lang::Zh if value.abs() >= 10_000.0 => format!("{}万", decimal(value / 10_000.0, 2)),
        Lang::Zh => decimal(value, 1),
        Lang::En if value.fract() == 0.0 => grouped(value as i64),
        Lang::En => decimal(value, 1),
    }
}

/// A number in its dataset unit, without qualifier: "410.5亿元", "18.2%", "82个", "7天",
/// "¥4,500" (yuan given as a decimal amount, shown to the fen).
pub fn in_unit(value: f64, unit: Unit, lang: Lang) -> String {
    match unit {
        Unit::YiYuan => yi_yuan(value, lang),
        Unit::Percent => percent(value, 1),
        Unit::Count => match lang {
            Lang::Zh => format!("{}个", count(value, lang)),
            Lang::En => count(value, lang),
        },
        Unit::Yuan => yuan_fen((value * 100.0).round() as i64, lang),
        Unit::People => match lang {
            Lang::Zh => format!("{}人", count(value, lang)),
            Lang::En => format!("{} people", count(value, lang)),
        },
        Unit::Days => match lang {
            Lang::Zh => format!("{}天", decimal(value, 2)),
            Lang::En => format!("{} days", decimal(value, 2)),
        },
        Unit::SquareMeters => match lang {
            Lang::Zh => format!("{}平方米", count(value, lang)),
            Lang::En => format!("{} m²", count(value, lang)),
        },
    }
}

/// A calendar date: "9月21日" (with the year when `with_year`: "2023年9月21日") or "21 Sep 2023".
pub fn date(year: i16, month: i8, day: i8, lang: Lang, with_year: bool) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    match lang {
        Lang::Zh if with_year => format!("{year}年{month}月{day}日"),
        Lang::Zh => format!("{month}月{day}日"),
        Lang::En => {
            let m = MONTHS
                .get((month as usize).wrapping_sub(1))
                .copied()
                .unwrap_or("?");
            if with_year {
                format!("{day} {m} {year}")
            } else {
                format!("{day} {m}")
            }
        }
    }
}

/// A date with its weekday: "2024年5月6日，周一" / "Mon 6 May 2024". `weekday` counts from Monday
/// (0) to Sunday (6).
pub fn weekday_date(year: i16, month: i8, day: i8, weekday: i8, lang: Lang) -> String {
    const ZH: [&str; 7] = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"];
    const EN: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    let i = usize::try_from(weekday).unwrap_or(0);
    let d = date(year, month, day, lang, true);
    match lang {
        Lang::Zh => format!("{d}，{}", ZH.get(i).copied().unwrap_or("")),
        Lang::En => format!("{} {d}", EN.get(i).copied().unwrap_or("")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_like_the_article() {
        assert_eq!(yi_yuan(410.5, Lang::Zh), "410.5亿元");
        assert_eq!(yi_yuan(155.6, Lang::En), "¥15.56bn");
        assert_eq!(yi_yuan(1.0, Lang::En), "¥100m");
        assert_eq!(yi_yuan(4.1, Lang::En), "¥410m");
        assert_eq!(percent(18.2, 1), "18.2%");
        assert_eq!(percent(17.0, 1), "17%");
        assert_eq!(count(15_000.0, Lang::Zh), "1.5万");
        assert_eq!(count(15_000.0, Lang::En), "15,000");
        assert_eq!(date(2023, 9, 21, Lang::Zh, false), "9月21日");
        assert_eq!(date(2023, 9, 21, Lang::En, true), "21 Sep 2023");
        assert_eq!(weekday_date(2024, 5, 6, 0, Lang::Zh), "2024年5月6日，周一");
        assert_eq!(weekday_date(2024, 5, 6, 0, Lang::En), "Mon 6 May 2024");
        assert_eq!(yuan_fen(450_000, Lang::Zh), "4500元");
        assert_eq!(yuan_fen(450_050, Lang::Zh), "4500.5元");
        assert_eq!(yuan_fen(450_000, Lang::En), "¥4,500");
        assert_eq!(yuan_fen(90_001, Lang::En), "¥900.01");
        assert_eq!(yuan_fen(-2_000, Lang::En), "-¥20");
        assert_eq!(grouped(1_003), "1,003");
        assert_eq!(decimal(347.2927, 2), "347.29");
        assert_eq!(decimal(0.05, 2), "0.05");
        assert_eq!(decimal(1.2, 0), "1");
        assert_eq!(decimal(-0.004, 2), "0");
        assert_eq!(decimal(-18.94, 1), "-18.9");
        assert_eq!(decimal(100.0, 2), "100");
        assert_eq!(decimal(2.5, 0), "3");
    }
}
