//! Lines of the decoded text, with 1-based numbers and byte spans.
//!
//! A line ends at `\n` (any `\r` before it belongs to the line ending, so CRLF
//! and the `\r\r\n` of some scraped reports count one line, as the gold files
//! do), at a `\r` that no `\n` follows (old Mac text, some Word exports), or
//! at one of Unicode's line separators (NEL U+0085, U+2028, U+2029). Each line records
//! where its *content* starts: after indentation (spaces, tabs, U+3000, NBSP
//! and the `<U+XXXX>` escapes of white space that scrapers leave) and Markdown prefixes
//! (`## `, `> `, `**`), because that is where a line-start marker must stand.
//!
//! Paragraph repair: a line that continues a sentence the line before it left
//! open (hard-wrapped PDF text, a sentence broken by a page break) is marked
//! [`Line::continues`]. Its line number stays its own; only marker detection
//! treats its start as the middle of a paragraph.

pub use crate::text::is_line_end;
use crate::text::{UNICODE_BREAKS, columns, is_space};

/// One line of the text. Small (20 bytes; texts are at most 4 GiB): a dense
/// text has a line for every few bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Line {
    start: u32,
    content: u32,
    end: u32,
    terminator: u32,
    continues: bool,
}

impl Line {
    /// Byte offset of the first character of the line.
    pub fn start(&self) -> usize {
        self.start as usize
    }

    /// Byte offset where the content starts (after indentation and prefixes).
    pub fn content_start(&self) -> usize {
        self.content as usize
    }

    /// Byte offset after the last character that is not trailing white space.
    pub fn end(&self) -> usize {
        self.end as usize
    }

    /// Byte offset of the line ending (`\r`, `\n` or a Unicode separator),
    /// or the text's end.
    pub fn terminator(&self) -> usize {
        self.terminator as usize
    }

    /// The line continues the sentence of the previous non-blank line, which
    /// stopped without a sentence end and was not a heading.
    pub fn continues(&self) -> bool {
        self.continues
    }

    /// Whether the line holds nothing but white space and Markdown prefixes.
    pub fn is_blank(&self) -> bool {
        self.content >= self.end
    }

    /// The content of the line in `text` (indentation, prefixes and trailing
    /// white space removed).
    pub fn content<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.content_start()..self.end()).unwrap_or("")
    }

    /// The whole line without its line ending.
    pub fn raw<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start()..self.terminator()]
    }
}

/// The rest of the line from byte `at` (which must be on a char boundary) to
/// its line end: what a test about "the rest of this line" may look at, so
/// that it never reads past the line (bare `\r` text has no `\n` at all).
pub fn rest_of_line(text: &str, at: usize) -> &str {
    let rest = text.get(at..).unwrap_or("");
    match memchr::memchr2(b'\n', b'\r', rest.as_bytes()) {
        Some(end) => {
            let line = &rest[..end];
            line.find(UNICODE_BREAKS).map_or(line, |k| &line[..k])
        }
        None => rest.find(UNICODE_BREAKS).map_or(rest, |k| &rest[..k]),
    }
}

/// A line at least this long (in bytes) is many paragraphs run together (a
/// flattened web page, a PDF extraction): no paragraph of the corpus runs
/// past 1,800 characters (5,400 bytes), flattened pages run to 6,000 and
/// more.
pub const RUN_ON_BYTES: usize = 9_000;

/// The longest text tigang reads: offsets are kept in 32 bits, which keeps
/// a dense text's lines and markers small.
pub const MAX_TEXT: usize = u32::MAX as usize;

/// Splits `text` into lines (1-based line `n` is `lines[n - 1]`). A text
/// longer than [`MAX_TEXT`] is read up to there (the parser reports it).
pub fn lines(text: &str) -> Vec<Line> {
    let mut end = text.len().min(MAX_TEXT);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let text = &text[..end];
    let bytes = text.as_bytes();
    // One line per line feed (or per carriage return in old Mac text):
    // counted first, so that the vector is allocated once, at its size.
    let feeds = memchr::memchr_iter(b'\n', bytes).count();
    let estimate = if feeds > 0 { feeds } else { memchr::memchr_iter(b'\r', bytes).count() };
    let mut out = Vec::with_capacity(estimate + 1);
    // Unicode separators are rare: look for them once, and only then char by char.
    // One vectorised pass over their lead bytes: NEL is C2 85, LINE and
    // PARAGRAPH SEPARATOR E2 80 A8 and E2 80 A9.
    let unicode = memchr::memchr2_iter(0xC2, 0xE2, bytes)
        .any(|i| matches!(bytes.get(i..(i + 3).min(bytes.len())), Some([0xC2, 0x85, ..] | [0xE2, 0x80, 0xA8 | 0xA9])));
    // In text with line feeds, a lone carriage return (a Word paragraph
    // mark pasted into it) breaks a paragraph but not a line: lines are
    // counted by line feeds, as editors and the gold files count them.
    let mac = feeds == 0;
    let mut start = 0;
    let mut from = 0;
    loop {
        let ascii = memchr::memchr2(b'\n', b'\r', &bytes[from..]).map(|i| from + i);
        let other = if unicode {
            let upto = ascii.unwrap_or(bytes.len());
            text[from..upto].char_indices().find(|(_, c)| UNICODE_BREAKS.contains(c)).map(|(i, c)| (from + i, c))
        } else {
            None
        };
        if let Some((at, c)) = other {
            out.push(line(text, start, at));
            start = at + c.len_utf8();
            from = start;
            continue;
        }
        let Some(at) = ascii else {
            out.push(line(text, start, bytes.len()));
            break;
        };
        // \r\n and \r\r\n are one line end; a \r without \n ends a line on its own.
        let mut after_crs = at;
        while after_crs < bytes.len() && bytes[after_crs] == b'\r' {
            after_crs += 1;
        }
        let feed = after_crs < bytes.len() && bytes[after_crs] == b'\n';
        if !feed && !mac {
            from = after_crs;
            continue;
        }
        let next = if feed { after_crs + 1 } else { at + 1 };
        out.push(line(text, start, at));
        start = next;
        from = next;
    }
    mark_continuations(text, &mut out);
    out
}

/// Whether a line ending in `c` leaves its sentence open: Chinese text wraps
/// between ideographs or after a comma, never after a sentence end, and a line
/// ending in Latin letters or digits is a URL, a code or a date more often than
/// wrapped prose.
fn leaves_open(c: char) -> bool {
    crate::text::is_ideograph(c) || matches!(c, '，' | '、' | ',' | '“' | '《' | '（' | '(' | '—')
}

/// The narrowest wrap (in characters) of a hard-wrapped text: shorter
/// lines are titles, labels and headings, never wrapped body text.
const WRAP_WIDTH: usize = 24;

/// How far (in columns, an ideograph is two) a wrapped line may fall short
/// of the wrap width or pass it: a digit or a Latin letter is half as wide,
/// and closing punctuation may hang past the margin.
const WRAP_SLACK: usize = 3;

/// How many lines must end at one width before the text counts as
/// hard-wrapped: two may agree by chance, a wrapped page has many.
const MIN_WRAPPED_LINES: usize = 3;

/// The width at which `text` is hard-wrapped, in columns, if it is: the
/// width most long lines end at, with twice as many lines ending there as
/// passing it (a wrapped page's only wider lines are stray ones). Prose with
/// a line per paragraph has no such width.
fn wrap_width(widths: &[usize]) -> Option<usize> {
    let mut counts: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
    for &w in widths.iter().filter(|&&w| w >= 2 * WRAP_WIDTH) {
        *counts.entry(w).or_default() += 1;
    }
    let near = |w: usize| counts.range(w.saturating_sub(WRAP_SLACK)..=w + WRAP_SLACK).map(|(_, n)| n).sum::<usize>();
    let (&w, _) = counts.iter().max_by_key(|&(&w, _)| (near(w), std::cmp::Reverse(w)))?;
    let at = near(w);
    let past: usize = counts.range(w + WRAP_SLACK + 1..).map(|(_, n)| n).sum();
    (at >= MIN_WRAPPED_LINES && at >= 2 * past).then_some(w)
}

/// Marks the lines that continue the sentence of the line above: only in a
/// hard-wrapped text, after a line that reaches the wrap width and leaves its
/// sentence open. A title or a heading is shorter than the wrap, and a blank
/// line ends a paragraph.
fn mark_continuations(text: &str, lines: &mut [Line]) {
    let widths: Vec<usize> = lines.iter().map(|l| columns(&text[l.start()..l.end()])).collect();
    let Some(wrap) = wrap_width(&widths) else { return };
    let mut prev: Option<usize> = None;
    for i in 0..lines.len() {
        if lines[i].is_blank() {
            prev = None;
            continue;
        }
        if let Some(p) = prev {
            let open = lines[p].content(text).chars().next_back().is_some_and(leaves_open);
            lines[i].continues = open && widths[p] + WRAP_SLACK >= wrap;
        }
        prev = Some(i);
    }
}

/// A line of `text` (at most [`MAX_TEXT`] long, so offsets fit 32 bits).
fn line(text: &str, start: usize, terminator: usize) -> Line {
    let raw = &text[start..terminator];
    let body = raw.trim_end_matches(|c: char| is_space(c) || c == '\r');
    let end = start + body.len();
    let content = start + (body.len() - strip_prefixes(body).len());
    let at = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    Line { start: at(start), content: at(content), end: at(end), terminator: at(terminator), continues: false }
}

/// The length of an escape of a white-space character at the start of `s`:
/// scrapers that cannot write a character write its code point instead
/// (`<U+00A0>`, `<U+3000>`), and HTML copied as text keeps its entities
/// (`&nbsp;`, `&emsp;`, `&#12288;`); indentation survives as such escapes.
fn escaped_space(s: &str) -> Option<usize> {
    let code = |digits: &str, radix: u32| u32::from_str_radix(digits, radix).ok().and_then(char::from_u32);
    let (c, len) = if let Some(rest) = s.strip_prefix("<U+") {
        let end = rest.find('>').filter(|&k| (4..=6).contains(&k))?;
        (code(&rest[..end], 16)?, "<U+".len() + end + 1)
    } else {
        let rest = s.strip_prefix('&')?;
        let end = rest.find(';').filter(|&k| (2..=8).contains(&k))?;
        let name = &rest[..end];
        let c = match name {
            "nbsp" => '\u{a0}',
            "ensp" => '\u{2002}',
            "emsp" => '\u{2003}',
            "thinsp" => '\u{2009}',
            _ => match name.strip_prefix('#') {
                Some(hex) if hex.starts_with(['x', 'X']) => code(&hex[1..], 16)?,
                Some(dec) => code(dec, 10)?,
                None => return None,
            },
        };
        (c, end + 2)
    };
    is_space(c).then_some(len)
}

/// Removes indentation and Markdown prefixes from the start of a line.
pub fn strip_prefixes(mut s: &str) -> &str {
    loop {
        let before = s.len();
        s = s.trim_start_matches(is_space);
        while let Some(n) = escaped_space(s) {
            s = s[n..].trim_start_matches(is_space);
        }
        if s.starts_with('#') {
            let rest = s.trim_start_matches('#');
            // "#3 …" is a heading written without its space: strip it all the same.
            s = rest;
        } else if let Some(rest) = s.strip_prefix('>') {
            s = rest;
        } else if let Some(rest) = s.strip_prefix("**") {
            s = rest;
        }
        if s.len() == before {
            return s;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_ends_and_prefixes() {
        let text = "## 一、总则\r\n\u{3000}\u{3000}（一）正文  \r\r\n\n<U+00A0> <U+00A0> 3月5日\n**1** **干部";
        let ls = lines(text);
        let contents: Vec<&str> = ls.iter().map(|l| l.content(text)).collect();
        assert_eq!(contents, ["一、总则", "（一）正文", "", "3月5日", "1** **干部"]);
        assert!(ls[2].is_blank());
        assert_eq!(ls[1].raw(text), "\u{3000}\u{3000}（一）正文  ");
    }

    #[test]
    fn escapes_of_white_space_are_indentation() {
        assert_eq!(strip_prefixes("<U+3000><U+3000>一、总则"), "一、总则");
        assert_eq!(strip_prefixes("<U+00a0> （一）正文"), "（一）正文");
        // An escape of a letter is text, and so is a broken escape.
        assert_eq!(strip_prefixes("<U+4E00>、总则"), "<U+4E00>、总则");
        assert_eq!(strip_prefixes("<U+00A0 一、"), "<U+00A0 一、");
        assert_eq!(strip_prefixes("<U+>一、"), "<U+>一、");
        assert_eq!(strip_prefixes("&nbsp;&nbsp;&emsp;一、总则"), "一、总则");
        assert_eq!(strip_prefixes("&#12288;&#x3000;（一）正文"), "（一）正文");
        assert_eq!(strip_prefixes("&ldquo;一、&rdquo;"), "&ldquo;一、&rdquo;");
        assert_eq!(strip_prefixes("&#19968;、总则"), "&#19968;、总则");
    }

    #[test]
    fn mac_line_ends_and_crcrlf() {
        assert_eq!(lines("a\rb\r\rc").len(), 4);
        // A lone \r in text with line feeds stays inside its line.
        assert_eq!(lines("a\rb\nc\r\n").len(), 3);
        assert_eq!(lines("a\rb\nc").iter().map(|l| l.content("a\rb\nc")).collect::<Vec<_>>(), ["a\rb", "c"]);
        assert_eq!(lines("a\r\r\nb").len(), 2);
        assert_eq!(lines("a\r\nb\r\n").len(), 3);
    }

    #[test]
    fn wrapped_lines_continue() {
        // A text wrapped at 25 ideographs: the line after a full one
        // continues its sentence (一、二级 is no heading there).
        let text = "区政协始终高度重视思想政治建设，在区委的统一部署\n下开展思想政治建设主题活动，全面推动全区一、二级\n医院和基层医疗卫生机构协同发展，切实加强人才队伍\n建设。\n一、总则\n二、分则";
        let ls: Vec<bool> = lines(text).iter().map(|l| l.continues).collect();
        assert_eq!(ls, [false, true, true, true, false, false]);
        // A long title, then a heading: no wrap, no continuation.
        let text = "关于进一步加强全县农村低收入群体住房安全保障工作的实施意见\n一、总体要求\n二、主要任务";
        assert!(lines(text).iter().all(|l| !l.continues));
        // Wrapped lines, then a blank line: a new paragraph.
        let text = "区政协始终高度重视思想政治建设，在区委的统一部署\n下开展思想政治建设主题活动，全面推动全区一、二级\n医院和基层医疗卫生机构协同发展，切实加强人才队伍\n\n一、总则";
        let ls: Vec<bool> = lines(text).iter().map(|l| l.continues).collect();
        assert_eq!(ls, [false, true, true, false, false]);
    }

    #[test]
    fn unicode_line_separators_and_page_breaks() {
        let text = "一、甲\u{2028}二、乙\u{2029}三、丙\u{85}四、丁\n\u{c}五、戊\u{b}";
        let ls = lines(text);
        let contents: Vec<&str> = ls.iter().map(|l| l.content(text)).collect();
        assert_eq!(contents, ["一、甲", "二、乙", "三、丙", "四、丁", "五、戊"]);
        assert_eq!(rest_of_line(text, 0), "一、甲");
        assert_eq!(rest_of_line("一、甲\r二", 3), "、甲");
    }

    #[test]
    fn no_trailing_newline() {
        assert_eq!(lines("a\nb").len(), 2);
        assert_eq!(lines("a\n").len(), 2);
        assert_eq!(lines("").len(), 1);
    }
}
