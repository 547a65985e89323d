//! Numbers as a reader types them: ASCII or full-width digits, an optional sign, thousands
//! separators (`,` or the full-width `，` a Chinese input method types) only between groups of
//! three digits, a decimal point (`.` or `．`) and an optional exponent (`4.5e3`). Read exactly,
//! in integers: no float parser, so `4500.10` is 450,010 fen and never 450,009.9999.
//!
//! A comma in any other place is an error of its own ([`NumError::Comma`]): "4500,50" is not
//! ¥450,050 and "8,0" is not 80; the message says a comma only separates thousands.

/// Why a text is not a number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumError {
    /// Not a number at all ("abc", "1.2.3", "0x10", "inf").
    NotANumber,
    /// A comma that does not separate thousands ("4500,50", "8,0", "1,00").
    Comma,
}

/// An exact decimal: `mantissa × 10^exp`, with its sign. `mantissa` saturates at `u64::MAX`,
/// far beyond any value a field accepts, so an absurd length is out of range, never a wrap.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Decimal {
    pub negative: bool,
    pub mantissa: u64,
    pub exp: i32,
}

/// A full-width digit or point as its ASCII twin; anything else unchanged.
fn narrow(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        '．' => '.',
        '，' => ',',
        '＋' => '+',
        '－' => '-',
        c => c,
    }
}

/// Reads a number as typed (surrounding spaces ignored).
///
/// # Errors
/// [`NumError::Comma`] for a comma that does not separate groups of three digits in the whole
/// part; [`NumError::NotANumber`] for anything else that is not a plain decimal.
///
/// ```
/// use sx_explainer::rules::number::{parse, Decimal, NumError};
/// assert_eq!(parse("４，５００.5"), Ok(Decimal { negative: false, mantissa: 45005, exp: -1 }));
/// assert_eq!(parse("4500,50"), Err(NumError::Comma));
/// assert_eq!(parse("1e3"), Ok(Decimal { negative: false, mantissa: 1, exp: 3 }));
/// assert_eq!(parse("inf"), Err(NumError::NotANumber));
/// ```
pub fn parse(text: &str) -> Result<Decimal, NumError> {
    // Plain ASCII digits (most numbers of a plan) need none of what follows.
    let t = super::draft::trimmed(text);
    if !t.is_empty() && t.len() <= 19 && t.bytes().all(|b| b.is_ascii_digit()) {
        let mantissa = t.bytes().fold(0u64, |m, b| m * 10 + u64::from(b - b'0'));
        return Ok(Decimal {
            negative: false,
            mantissa,
            exp: 0,
        });
    }
    // Plain ASCII `digits.digits` (a cost from the form or JSON) likewise.
    if let Some((int, frac)) = t.split_once('.') {
        let digits = |x: &str| x.bytes().all(|b| b.is_ascii_digit());
        if !int.is_empty() && t.len() <= 19 && digits(int) && digits(frac) {
            let mantissa = int
                .bytes()
                .chain(frac.bytes())
                .fold(0u64, |m, b| m * 10 + u64::from(b - b'0'));
            return Ok(Decimal {
                negative: false,
                mantissa,
                exp: -(frac.len() as i32),
            });
        }
    }
    // One pass over the characters, no allocation: this runs for every number of a plan.
    let mut chars = t.chars().map(narrow).peekable();
    let negative = match chars.peek() {
        Some('-') => {
            chars.next();
            true
        }
        Some('+') => {
            chars.next();
            false
        }
        _ => false,
    };
    let mut mantissa: u64 = 0;
    let mut push = |d: u32| {
        mantissa = mantissa.saturating_mul(10).saturating_add(u64::from(d));
    };
    // The whole part, with the positions of its commas: the first group has 1 to 3 digits,
    // every later one exactly 3.
    let (mut whole, mut group, mut commas) = (0usize, 0usize, 0usize);
    let mut comma_error = false;
    while let Some(&c) = chars.peek() {
        if let Some(d) = c.to_digit(10) {
            push(d);
            whole += 1;
            group += 1;
        } else if c == ',' {
            if (commas == 0 && !(1..=3).contains(&group)) || (commas > 0 && group != 3) {
                comma_error = true;
            }
            commas += 1;
            group = 0;
        } else {
            break;
        }
        chars.next();
    }
    if commas > 0 && group != 3 {
        comma_error = true;
    }
    let mut exp: i32 = 0;
    let mut frac = 0usize;
    if chars.peek() == Some(&'.') {
        chars.next();
        while let Some(d) = chars.peek().and_then(|c| c.to_digit(10)) {
            push(d);
            frac += 1;
            exp -= 1;
            chars.next();
        }
        if chars.peek() == Some(&',') {
            comma_error = true;
        }
    }
    if whole + frac == 0 {
        return Err(if comma_error || commas > 0 {
            NumError::Comma
        } else {
            NumError::NotANumber
        });
    }
    if matches!(chars.peek(), Some('e' | 'E')) {
        chars.next();
        let sign = match chars.peek() {
            Some('-') => {
                chars.next();
                -1
            }
            Some('+') => {
                chars.next();
                1
            }
            _ => 1,
        };
        let (mut e, mut n) = (0i32, 0);
        while let Some(d) = chars.peek().and_then(|c| c.to_digit(10)) {
            e = e.saturating_mul(10).saturating_add(d as i32);
            n += 1;
            chars.next();
        }
        if n == 0 {
            return Err(NumError::NotANumber);
        }
        exp = exp.saturating_add(sign * e.min(10_000));
    }
    if let Some(c) = chars.next() {
        // Something after the number: a comma inside a number is the likelier mistake to name.
        return Err(if c == ',' || comma_error {
            NumError::Comma
        } else {
            NumError::NotANumber
        });
    }
    if comma_error {
        return Err(NumError::Comma);
    }
    Ok(Decimal {
        negative,
        mantissa,
        exp,
    })
}

impl Decimal {
    /// The value as a whole number, if it is one and fits: `80.0` and `8e1` are 80, `80.5` is
    /// not whole.
    pub fn whole(self) -> Option<i64> {
        self.scaled(0)
    }

    /// The value times `10^places`, if that is whole and fits (`places` 2 turns yuan into fen).
    pub fn scaled(self, places: i32) -> Option<i64> {
        if self.mantissa == 0 {
            return Some(0);
        }
        let e = self.exp.checked_add(places)?;
        let m = if e >= 0 {
            let p = 10u64.checked_pow(u32::try_from(e).ok()?)?;
            self.mantissa.checked_mul(p)?
        } else {
            let p = 10u64.checked_pow(u32::try_from(-e).ok()?);
            // More places than a u64 holds leave a fraction (the mantissa is not zero).
            match p {
                Some(p) if self.mantissa % p == 0 => self.mantissa / p,
                _ => return None,
            }
        };
        let m = i64::try_from(m).ok()?;
        Some(if self.negative { -m } else { m })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn whole(s: &str) -> Option<i64> {
        parse(s).ok().and_then(Decimal::whole)
    }

    fn fen(s: &str) -> Option<i64> {
        parse(s).ok().and_then(|d| d.scaled(2))
    }

    #[test]
    fn reads_what_a_reader_types() {
        assert_eq!(whole("80"), Some(80));
        assert_eq!(whole(" 80 "), Some(80));
        assert_eq!(whole("１２０"), Some(120));
        assert_eq!(whole("1,000"), Some(1000));
        assert_eq!(whole("1，000"), Some(1000));
        assert_eq!(whole("1,234,567"), Some(1_234_567));
        assert_eq!(whole("80.0"), Some(80));
        assert_eq!(whole("8e1"), Some(80));
        assert_eq!(whole("-3"), Some(-3));
        assert_eq!(whole("80.5"), None);
        assert_eq!(fen("4,500.50"), Some(450_050));
        assert_eq!(fen("4.5e3"), Some(450_000));
        assert_eq!(fen("0.07"), Some(7));
        assert_eq!(fen(".5"), Some(50));
        assert_eq!(fen("4500.005"), None);
        assert_eq!(fen("4500.10"), Some(450_010));
    }

    #[test]
    fn a_comma_only_separates_thousands() {
        for bad in [
            "4500,50", "8,0", "1,00", "12,3456", ",500", "1,000,00", "1,0000", "4,500,", "4.5,0",
        ] {
            assert_eq!(parse(bad), Err(NumError::Comma), "{bad}");
        }
    }

    #[test]
    fn not_numbers() {
        for bad in [
            "", " ", "abc", "0x10", "inf", "NaN", "12abc", "1.2.3", "e5", "1e", "-", ".", "1 000",
        ] {
            assert_eq!(parse(bad), Err(NumError::NotANumber), "{bad:?}");
        }
    }

    #[test]
    fn absurd_sizes_are_out_of_range_not_a_wrap() {
        let huge = "9".repeat(60);
        assert_eq!(whole(&huge), None);
        assert_eq!(whole("1e400"), None);
        assert_eq!(whole("0e400"), Some(0));
        assert_eq!(whole("1e-400"), None);
        assert_eq!(whole("0.000"), Some(0));
    }
}
