//! Character classes and text tidying that every stage shares: white space
//! (indentation), line ends, sentence ends, and the tidying of a byte range
//! into the text of an output field. The lowest layer: it imports nothing of
//! the crate, so that blocks, grammar, structure and chunks depend on it and
//! not on each other.

use std::borrow::Cow;

/// Characters that may separate parts of a spaced marker (第 1 條) and that
/// count as indentation: spaces of every width, tabs, and the form feed and
/// vertical tab that page breaks leave at a line start.
pub fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{b}' | '\u{c}' | '\u{3000}' | '\u{a0}' | '\u{2002}'..='\u{200b}' | '\u{feff}')
}

/// Whether `s` holds at most `n` characters, without counting the
/// characters of a long line (a character is one to four bytes).
pub fn chars_at_most(s: &str, n: usize) -> bool {
    s.len() <= n || (s.len() <= 4 * n && s.chars().count() <= n)
}

/// Unicode's line separators besides `\n` and `\r`: NEL, LINE SEPARATOR,
/// PARAGRAPH SEPARATOR.
pub(crate) const UNICODE_BREAKS: [char; 3] = ['\u{85}', '\u{2028}', '\u{2029}'];

/// Whether `c` ends a line.
pub fn is_line_end(c: char) -> bool {
    c == '\n' || c == '\r' || UNICODE_BREAKS.contains(&c)
}

/// Whether `c` is a CJK unified ideograph (the basic block, where Chinese
/// text lives).
pub(crate) fn is_ideograph(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// Sentence terminators, which also end a title (ASCII forms too, as scraped
/// text uses them).
pub(crate) fn ends_sentence(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '：' | '!' | '?' | ';' | ':' | '︰')
}

/// Whether `s` holds a full-width sentence stop: 。！？；. The frame asks
/// it of every line; the stops are found by their lead bytes (。 is E3 80
/// 82; ！？； are EF BC 81, 9F, 9B) with a vectorised search instead of
/// decoding each character.
pub(crate) fn has_full_stop(s: &str) -> bool {
    let b = s.as_bytes();
    memchr::memchr2_iter(0xE3, 0xEF, b)
        .any(|i| matches!(b.get(i..i + 3), Some([0xE3, 0x80, 0x82] | [0xEF, 0xBC, 0x81 | 0x9F | 0x9B])))
}

/// The lines of `range`, each without indentation and trailing white space,
/// blank ones dropped, joined by `\n`; `None` if empty. Only white space goes:
/// what else a line holds (a Markdown `#`, a scraper's escaped no-break space) is text.
/// Borrowed from `text` when that is one line as it stands.
pub(crate) fn tidy(text: &str, range: std::ops::Range<usize>) -> Option<Cow<'_, str>> {
    let region = text.get(range)?;
    let mut pieces = region.split(is_line_end).map(|line| line.trim_matches(is_space)).filter(|l| !l.is_empty());
    let first = pieces.next()?;
    match pieces.next() {
        None => Some(Cow::Borrowed(first)),
        Some(second) => {
            let mut out = String::with_capacity(region.len());
            out.push_str(first);
            for piece in std::iter::once(second).chain(pieces) {
                out.push('\n');
                out.push_str(piece);
            }
            Some(Cow::Owned(out))
        }
    }
}

/// Where the text of a body that follows a title at `from` starts: after the
/// punctuation that ends the title (a trailing comma, its terminator), which
/// belongs to no text field.
pub(crate) fn body_text_start(text: &str, from: usize, end: usize) -> usize {
    let region = text.get(from..end).unwrap_or("");
    let mut lead = region.len() - region.trim_start_matches(['，', ',', '、', '*']).len();
    if let Some(c) = region[lead..].chars().next().filter(|&c| ends_sentence(c)) {
        lead += c.len_utf8();
    }
    from + lead
}

/// The lines of `s` joined without their breaks and the white space around
/// them (a title broken over two lines); borrowed when `s` is one line.
pub(crate) fn joined(s: &str) -> Cow<'_, str> {
    if !s.contains(is_line_end) {
        return Cow::Borrowed(s.trim_matches(is_space));
    }
    Cow::Owned(s.split(is_line_end).map(|l| l.trim_matches(is_space)).collect())
}

/// The display width of `s` in columns: two for an ideograph or a
/// full-width form, one for ASCII.
pub(crate) fn columns(s: &str) -> usize {
    // Counted on bytes, in blocks whose sum fits a byte, so that it
    // vectorises: an ASCII byte is one column, the lead byte of any other
    // character two, a continuation byte none.
    s.as_bytes()
        .chunks(127)
        .map(|block| {
            let w = block.iter().fold(0u8, |w, &b| w.wrapping_add(u8::from(b < 0x80) + 2 * u8::from(b >= 0xC0)));
            usize::from(w)
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_stops_are_found_by_their_bytes() {
        for s in ["会议指出。", "好！", "为什么？", "一是……；二是……", "甲。乙"] {
            assert!(has_full_stop(s), "{s}");
        }
        // Characters sharing a lead byte with the stops: 、「」（），：
        for s in ["", "一、总体要求", "「引号」（括号），：", "ASCII. ! ? ;", "㐀〇"] {
            assert!(!has_full_stop(s), "{s}");
        }
    }

    #[test]
    fn columns_count_two_for_every_wide_character() {
        for s in ["", "abc", "第一章　总则", "Ａ１。😀x", "é"] {
            let expected: usize = s.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum();
            assert_eq!(columns(s), expected, "{s}");
        }
        let long = "二〇二六年工作报告，a".repeat(100);
        assert_eq!(columns(&long), long.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum::<usize>());
    }
}
