//! Numeral systems used inside markers: pure functions from characters to values.
//!
//! Kept apart from the nom parsers so that every numeral rule can be tested on
//! its own and so that the family (circled ①, parenthesised ⑴, …) is decided on
//! the raw character before any folding: NFKC would turn ① into "1" and lose it.

pub use crate::profile::NumeralKind;

impl NumeralKind {
    /// Whether numerals of this kind are written with one or more characters
    /// (一百零八, 12, a) rather than being one glyph (①, ⑴).
    pub fn is_written(self) -> bool {
        matches!(
            self,
            NumeralKind::Cjk
                | NumeralKind::Capital
                | NumeralKind::Stem
                | NumeralKind::Arabic
                | NumeralKind::LatinLower
                | NumeralKind::LatinUpper
                | NumeralKind::RomanUpper
                | NumeralKind::RomanLower
        )
    }
}

/// The value of a CJK small digit (一 … 九, 〇/零 as 0), or `None`.
///
/// Homoglyphs typed for 一 and 二 count too (katakana ー and ニ, bopomofo ㄧ):
/// this is only ever asked at a marker position, where "ー、ニ、三、" is a list.
pub fn cjk_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '零' => 0,
        '一' | 'ー' | 'ㄧ' => 1,
        '二' | 'ニ' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// The value of a financial capital digit (壹 … 玖, both scripts), or `None`.
pub fn capital_digit(c: char) -> Option<u32> {
    Some(match c {
        '零' => 0,
        '壹' => 1,
        '贰' | '貳' => 2,
        '叁' | '參' | '叄' => 3,
        '肆' => 4,
        '伍' => 5,
        '陆' | '陸' => 6,
        '柒' => 7,
        '捌' => 8,
        '玖' => 9,
        _ => return None,
    })
}

/// The multiplier of a CJK unit character (十 百 千 and their capital forms).
fn unit(c: char) -> Option<u32> {
    Some(match c {
        '十' | '拾' => 10,
        '百' | '佰' => 100,
        '千' | '仟' => 1000,
        _ => return None,
    })
}

/// Whether `c` can be part of a CJK numeral (digit or unit). 两 is not: it never
/// numbers an item (no 两、, no 第两条), only counts ("讲两点意见").
pub fn is_cjk_numeral_char(c: char) -> bool {
    cjk_digit(c).is_some() || matches!(c, '十' | '百' | '千')
}

/// Whether `c` can be part of a capital numeral.
pub fn is_capital_numeral_char(c: char) -> bool {
    capital_digit(c).is_some() || matches!(c, '拾' | '佰' | '仟')
}

/// Parses a whole run of CJK numeral characters with `digit` as the digit table.
///
/// Accepts the written forms of 1–9999: 七, 十, 十二, 二十, 二十一, 一百零八,
/// 一千零一, 三千二百. Rejects what no writer uses to number an item: positional
/// digit strings (二〇二四 is a year, 一二 a range), a lone 零, units out of order.
fn units_numeral(s: &str, digit: fn(char) -> Option<u32>) -> Option<u32> {
    let mut total = 0u32;
    let mut pending: Option<u32> = None; // a digit waiting for its unit
    let mut last_unit = u32::MAX;
    let mut zero_seen = false;
    let mut count = 0;
    for c in s.chars() {
        count += 1;
        if let Some(d) = digit(c) {
            if pending.is_some() {
                return None; // two digits in a row: positional, not a numeral
            }
            if d == 0 {
                if zero_seen || total == 0 {
                    return None;
                }
                zero_seen = true;
                continue;
            }
            pending = Some(d);
        } else if let Some(u) = unit(c) {
            if u >= last_unit {
                return None;
            }
            // 十 alone at the start means 一十; 百 and 千 need their digit.
            let d = match pending.take() {
                Some(d) => d,
                None if u == 10 && total == 0 => 1,
                None => return None,
            };
            // 零 must stand for a skipped unit: 一百零八, not 一百零十.
            total += d * u;
            last_unit = u;
            zero_seen = false;
        } else {
            return None;
        }
    }
    if count == 0 {
        return None;
    }
    if let Some(d) = pending {
        // A trailing digit is the ones, unless it follows a bare unit with no 零
        // in a way no one writes (一百五 means 150 colloquially: reject it).
        if last_unit != u32::MAX && last_unit > 10 && !zero_seen {
            return None;
        }
        total += d;
    }
    (total > 0).then_some(total)
}

/// The value of a CJK numeral such as 二十一 (21) or 一百零八 (108).
pub fn cjk(s: &str) -> Option<u32> {
    units_numeral(s, cjk_digit)
}

/// The value of a capital numeral such as 拾壹 (11).
pub fn capital(s: &str) -> Option<u32> {
    units_numeral(s, |c| capital_digit(c).or_else(|| cjk_digit(c).filter(|&d| d == 0)))
}

/// The value of a heavenly stem: 甲 = 1 … 癸 = 10.
pub fn stem(c: char) -> Option<u32> {
    "甲乙丙丁戊己庚辛壬癸".chars().zip(1..).find_map(|(s, v)| (s == c).then_some(v))
}

/// The value of an ASCII or full-width digit.
pub fn arabic_digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// The value of a run of one to three Arabic digits (ASCII or full-width).
pub fn arabic(s: &str) -> Option<u32> {
    let mut v: u32 = 0;
    for (n, c) in s.chars().enumerate() {
        // More than three digits is a number (12345 热线), never a marker:
        // stop before the value could overflow.
        if n >= 3 {
            return None;
        }
        v = v * 10 + arabic_digit(c)?;
    }
    (v > 0).then_some(v)
}

/// The value of a one-glyph numeral of the given kind, if `c` is one.
pub fn glyph(kind: NumeralKind, c: char) -> Option<u32> {
    let c = c as u32;
    let in_range = |lo: u32, hi: u32, first: u32| (lo..=hi).contains(&c).then(|| c - lo + first);
    match kind {
        NumeralKind::Circled => in_range(0x2460, 0x2473, 1)
            .or_else(|| in_range(0x3251, 0x325F, 21))
            .or_else(|| in_range(0x32B1, 0x32BF, 36))
            .or_else(|| in_range(0x2776, 0x277F, 1))
            .or_else(|| in_range(0x2780, 0x2789, 1))
            .or_else(|| in_range(0x278A, 0x2793, 1))
            .or_else(|| in_range(0x24EB, 0x24F4, 11))
            .or_else(|| in_range(0x24F5, 0x24FE, 1)),
        NumeralKind::ParenDigit => in_range(0x2474, 0x2487, 1),
        NumeralKind::PeriodDigit => in_range(0x2488, 0x249B, 1),
        NumeralKind::ParenIdeograph => in_range(0x3220, 0x3229, 1),
        _ => None,
    }
}

/// The value of a Latin letter of the given case (a/A = 1), ASCII or full-width
/// (`latin-letter` in markers.ebnf, which also allows full-width ａ–ｚ).
pub fn latin(kind: NumeralKind, c: char) -> Option<u32> {
    let (lo, hi, wide_lo, wide_hi) = match kind {
        NumeralKind::LatinLower => ('a', 'z', 'ａ', 'ｚ'),
        NumeralKind::LatinUpper => ('A', 'Z', 'Ａ', 'Ｚ'),
        _ => return None,
    };
    if (lo..=hi).contains(&c) {
        Some(c as u32 - lo as u32 + 1)
    } else if (wide_lo..=wide_hi).contains(&c) {
        Some(c as u32 - wide_lo as u32 + 1)
    } else {
        None
    }
}

/// The letters and glyphs of a Roman numeral of `kind`: ASCII I V X (or
/// i v x), and the one-glyph numerals Ⅰ … Ⅻ (or ⅰ … ⅻ) with their values.
fn roman_char(kind: NumeralKind, c: char) -> Option<(char, Option<u32>)> {
    let (letters, glyphs) = match kind {
        NumeralKind::RomanUpper => ("IVX", 0x2160),
        NumeralKind::RomanLower => ("ivx", 0x2170),
        _ => return None,
    };
    if letters.contains(c) {
        return Some((c.to_ascii_uppercase(), None));
    }
    let code = c as u32;
    (glyphs..glyphs + 12).contains(&code).then(|| (c, Some(code - glyphs + 1)))
}

/// The value of a Roman numeral of `kind` (`roman-numeral` in markers.ebnf):
/// one glyph (Ⅲ), or ASCII letters in the standard subtractive form up to 39
/// (III, IV, XII); not a word made of the same letters (VIX, IIII).
pub fn roman(kind: NumeralKind, s: &str) -> Option<u32> {
    let mut chars = s.chars();
    let first = roman_char(kind, chars.next()?)?;
    if let (_, Some(v)) = first {
        return chars.next().is_none().then_some(v);
    }
    let upper: String =
        s.chars().map(|c| roman_char(kind, c).filter(|(_, v)| v.is_none()).map(|(u, _)| u)).collect::<Option<_>>()?;
    let v = (1..=39).find(|&n| roman_ascii(n) == upper)?;
    Some(v)
}

/// `n` (1–39) in upper-case ASCII Roman numerals.
fn roman_ascii(n: u32) -> String {
    const ONES: [&str; 10] = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"];
    let tens = "X".repeat((n / 10) as usize);
    format!("{tens}{}", ONES[(n % 10) as usize])
}

/// Whether `c` belongs to a numeral of `kind` (used to take a numeral's run).
pub fn is_numeral_char(kind: NumeralKind, c: char) -> bool {
    match kind {
        NumeralKind::LatinLower | NumeralKind::LatinUpper => latin(kind, c).is_some(),
        NumeralKind::RomanUpper | NumeralKind::RomanLower => roman_char(kind, c).is_some(),
        NumeralKind::Cjk => is_cjk_numeral_char(c),
        NumeralKind::Capital => is_capital_numeral_char(c),
        NumeralKind::Stem => stem(c).is_some(),
        NumeralKind::Arabic => arabic_digit(c).is_some(),
        NumeralKind::Keycap => c.is_ascii_digit() || c == '\u{1F51F}',
        _ => glyph(kind, c).is_some(),
    }
}

/// The value of a complete numeral string of `kind`.
pub fn value(kind: NumeralKind, s: &str) -> Option<u32> {
    match kind {
        NumeralKind::Cjk => cjk(s),
        NumeralKind::Capital => capital(s),
        NumeralKind::Arabic => arabic(s),
        NumeralKind::Stem => {
            let mut it = s.chars();
            let v = stem(it.next()?)?;
            it.next().is_none().then_some(v)
        }
        NumeralKind::LatinLower | NumeralKind::LatinUpper => {
            // One letter: "ab." is a word, not item ab.
            let mut it = s.chars();
            let v = latin(kind, it.next()?)?;
            it.next().is_none().then_some(v)
        }
        NumeralKind::RomanUpper | NumeralKind::RomanLower => roman(kind, s),
        _ => {
            let mut it = s.chars();
            let v = glyph(kind, it.next()?)?;
            it.next().is_none().then_some(v)
        }
    }
}

/// Writes `n` in the numeral system `kind` (一百零八, 108, ①, 壹拾), the way
/// a marker of that kind spells it; `None` where the system has no glyph or
/// word for `n`.
pub fn render(kind: NumeralKind, n: u32) -> Option<String> {
    const CJK: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    const CAPITAL: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
    let units = |digits: &[char; 10], ten: char, hundred: char, thousand: char| -> Option<String> {
        if n == 0 || n > 9999 {
            return None;
        }
        let mut out = String::new();
        let parts =
            [(n / 1000, Some(thousand)), (n / 100 % 10, Some(hundred)), (n / 10 % 10, Some(ten)), (n % 10, None)];
        let mut zero = false;
        for (d, unit) in parts {
            if d == 0 {
                zero = !out.is_empty();
                continue;
            }
            if zero {
                out.push(digits[0]);
                zero = false;
            }
            // 十二, not 一十二, when 十 leads.
            if !(unit == Some(ten) && d == 1 && out.is_empty()) {
                out.push(digits[d as usize]);
            }
            out.extend(unit);
        }
        Some(out)
    };
    let glyph = |first: u32, last: u32, base: u32| {
        (first..=last).contains(&n).then(|| char::from_u32(base + n - first)).flatten().map(String::from)
    };
    match kind {
        NumeralKind::Cjk => units(&CJK, '十', '百', '千'),
        NumeralKind::Capital => units(&CAPITAL, '拾', '佰', '仟'),
        NumeralKind::Stem => "甲乙丙丁戊己庚辛壬癸".chars().nth((n as usize).checked_sub(1)?).map(String::from),
        NumeralKind::Arabic => (n > 0).then(|| n.to_string()),
        NumeralKind::LatinLower | NumeralKind::LatinUpper => {
            let base = if kind == NumeralKind::LatinLower { b'a' } else { b'A' };
            u8::try_from(n).ok().filter(|n| (1..=26).contains(n)).map(|n| char::from(base + n - 1).to_string())
        }
        NumeralKind::RomanUpper => (1..=39).contains(&n).then(|| roman_ascii(n)),
        NumeralKind::RomanLower => (1..=39).contains(&n).then(|| roman_ascii(n).to_ascii_lowercase()),
        NumeralKind::Circled => {
            glyph(1, 20, 0x2460).or_else(|| glyph(21, 35, 0x3251)).or_else(|| glyph(36, 50, 0x32B1))
        }
        NumeralKind::ParenDigit => glyph(1, 20, 0x2474),
        NumeralKind::PeriodDigit => glyph(1, 20, 0x2488),
        NumeralKind::ParenIdeograph => glyph(1, 10, 0x3220),
        NumeralKind::Keycap => match n {
            1..=9 => Some(format!("{n}\u{FE0F}\u{20E3}")),
            10 => Some("\u{1F51F}".to_string()),
            _ => None,
        },
    }
}

/// The value of the keycap emoji at the start of `s` (1️⃣, or 1⃣ without
/// the variation selector; 🔟 is 10) and its length in bytes.
pub fn keycap(s: &str) -> Option<(u32, usize)> {
    if let Some(rest) = s.strip_prefix('\u{1F51F}') {
        return Some((10, s.len() - rest.len()));
    }
    let mut chars = s.char_indices();
    let (_, d) = chars.next()?;
    let v = d.to_digit(10).filter(|&v| v > 0)?;
    let rest = &s[d.len_utf8()..];
    let rest = rest.strip_prefix('\u{FE0F}').unwrap_or(rest);
    let rest = rest.strip_prefix('\u{20E3}')?;
    Some((v, s.len() - rest.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_numerals() {
        let cases = [
            ("一", 1),
            ("九", 9),
            ("十", 10),
            ("十一", 11),
            ("二十", 20),
            ("二十一", 21),
            ("九十九", 99),
            ("一百", 100),
            ("一百零八", 108),
            ("一百二十", 120),
            ("一百二十三", 123),
            ("一千零一", 1001),
            ("一千二百六十", 1260),
            ("九千九百九十九", 9999),
            ("一百〇二", 102),
            ("ー", 1),
            ("ニ", 2),
        ];
        for (s, v) in cases {
            assert_eq!(cjk(s), Some(v), "{s}");
        }
    }

    #[test]
    fn cjk_non_numerals() {
        for s in ["", "二〇二四", "一二", "零", "十十", "百", "一百五", "两", "十百", "一千零零一"]
        {
            assert_eq!(cjk(s), None, "{s}");
        }
    }

    #[test]
    fn capital_numerals() {
        assert_eq!(capital("壹"), Some(1));
        assert_eq!(capital("貳"), Some(2));
        assert_eq!(capital("參"), Some(3));
        assert_eq!(capital("拾壹"), Some(11));
        assert_eq!(capital("一"), None);
    }

    #[test]
    fn arabic_numerals() {
        assert_eq!(arabic("1"), Some(1));
        assert_eq!(arabic("１２"), Some(12));
        assert_eq!(arabic("174"), Some(174));
        assert_eq!(arabic("1234"), None);
        assert_eq!(arabic(&"2".repeat(60)), None);
        assert_eq!(arabic("0"), None);
        assert_eq!(arabic(""), None);
    }

    #[test]
    fn rendering_round_trips() {
        for n in 1..=9999 {
            assert_eq!(render(NumeralKind::Cjk, n).and_then(|s| cjk(&s)), Some(n), "{n}");
            assert_eq!(render(NumeralKind::Capital, n).and_then(|s| capital(&s)), Some(n), "{n}");
        }
        assert_eq!(render(NumeralKind::Cjk, 108).as_deref(), Some("一百零八"));
        assert_eq!(render(NumeralKind::Cjk, 12).as_deref(), Some("十二"));
        assert_eq!(render(NumeralKind::Circled, 21).as_deref(), Some("㉑"));
        assert_eq!(render(NumeralKind::ParenDigit, 3).as_deref(), Some("⑶"));
        assert_eq!(render(NumeralKind::Stem, 2).as_deref(), Some("乙"));
        assert_eq!(render(NumeralKind::Circled, 51), None);
    }

    #[test]
    fn glyphs() {
        use NumeralKind::*;
        assert_eq!(glyph(Circled, '①'), Some(1));
        assert_eq!(glyph(Circled, '⑳'), Some(20));
        assert_eq!(glyph(Circled, '㉑'), Some(21));
        assert_eq!(glyph(Circled, '㉟'), Some(35));
        assert_eq!(glyph(Circled, '㊱'), Some(36));
        assert_eq!(glyph(Circled, '㊿'), Some(50));
        assert_eq!(glyph(Circled, '❶'), Some(1));
        assert_eq!(glyph(Circled, '⓫'), Some(11));
        assert_eq!(glyph(ParenDigit, '⑴'), Some(1));
        assert_eq!(glyph(ParenDigit, '⒇'), Some(20));
        assert_eq!(glyph(PeriodDigit, '⒈'), Some(1));
        assert_eq!(glyph(PeriodDigit, '⒛'), Some(20));
        assert_eq!(glyph(ParenIdeograph, '㈠'), Some(1));
        assert_eq!(glyph(ParenIdeograph, '㈩'), Some(10));
        assert_eq!(glyph(Circled, '1'), None);
        assert_eq!(stem('甲'), Some(1));
        assert_eq!(stem('癸'), Some(10));
    }
}
