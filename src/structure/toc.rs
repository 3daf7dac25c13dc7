//! Tables of contents: a 目录 block that lists the headings the body repeats.
//!
//! Laws and long reports open with one (目　　录 / 第一章　总则 / 第二章 …).
//! Its headings are not items: each would otherwise appear twice, the second
//! time as a restarted sequence. A block counts as a table of contents only
//! when the body repeats its first heading: a section that happens to be
//! called 目录 keeps its items.

use std::ops::Range;

use crate::blocks::Line;
use crate::grammar::{Candidate, Grammar, is_space};

/// Longest line taken for an entry without a marker (序言, 附　　则, 附录一).
const PLAIN_ENTRY_CHARS: usize = 20;

/// A table of contents found in a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Toc {
    /// The 目录 line (0-based).
    pub heading: usize,
    /// The entry lines (0-based), in order.
    pub entries: Vec<usize>,
    /// Bytes from the 目录 line to the end of the last entry.
    pub range: Range<usize>,
}

/// Whether a line, spaces removed, reads 目录 (目　　录, 目 錄, ## 目录).
fn is_toc_heading(content: &str) -> bool {
    let mut letters = content.chars().filter(|&c| !is_space(c) && c != '*');
    matches!(letters.next(), Some('目')) && matches!(letters.next(), Some('录' | '錄')) && letters.next().is_none()
}

/// The table of contents in `body` (bytes), if there is one before its first item.
pub(crate) fn find(
    grammar: &Grammar,
    text: &str,
    lines: &[Line],
    cands: &[Candidate],
    body: &Range<usize>,
) -> Option<Toc> {
    let first_line = lines.partition_point(|l| l.start() < body.start);
    let heading = (first_line..lines.len())
        .take_while(|&i| lines[i].start() < body.end)
        // Only before the first item: a 目录 further down is a section's name.
        .take_while(|&i| cands.first().is_none_or(|c| c.line() >= i))
        .find(|&i| is_toc_heading(lines[i].content(text)))?;
    let mut entries = Vec::new();
    let mut first: Option<(u16, u16)> = None;
    let mut at = cands.partition_point(|c| c.line() <= heading);
    for (i, line) in lines.iter().enumerate().skip(heading + 1) {
        if line.start() >= body.end {
            return None;
        }
        if line.is_blank() {
            continue;
        }
        while cands.get(at).is_some_and(|c| c.line() < i) {
            at += 1;
        }
        let lead = cands
            .get(at)
            .filter(|c| c.line() == i && c.start() == line.content_start() && grammar.family(c.m.family).is_heading());
        let toc = |entries: Vec<usize>| {
            let last = *entries.last()?;
            Some(Toc { heading, entries, range: lines[heading].start()..lines[last].terminator() })
        };
        if let Some(c) = lead {
            let key = (c.m.family, c.m.ordinal);
            if first == Some(key) {
                // The body begins: it repeats the first heading.
                return toc(entries);
            }
            first.get_or_insert(key);
        } else {
            let content = line.content(text);
            let plain = content.chars().count() <= PLAIN_ENTRY_CHARS
                && !content.contains(['。', '；', '：', '！', '？', ':', ';']);
            if !plain {
                // Prose: the body begins, if it repeats the first entry as
                // a heading further on, numbered alike or not (目录 1. … /
                // 一、…).
                let first_entry = *entries.first()?;
                return if repeated(text, lines, cands, first_entry, body) { toc(entries) } else { None };
            }
        }
        entries.push(i);
    }
    None
}

/// The text of line `i` after its leading marker, if it starts with one,
/// without a table of contents' leader and page number (总则……………1).
fn entry_title<'t>(text: &'t str, lines: &[Line], cands: &[Candidate], i: usize) -> Option<&'t str> {
    let at = cands.partition_point(|c| c.line() < i);
    let c = cands.get(at).filter(|c| c.line() == i && c.start() == lines[i].content_start())?;
    let end = lines[i].end().max(c.end());
    let title = text[c.end()..end].trim_matches(|ch: char| is_space(ch) || ch == '*');
    let leader = |ch: char| matches!(ch, '…' | '⋯' | '.' | '．' | '·' | '‥' | '-' | '—' | '─') || is_space(ch);
    let unpaged = title.trim_end_matches(|ch: char| ch.is_ascii_digit() || is_space(ch));
    let unled = unpaged.trim_end_matches(leader);
    // Only a leader makes the number a page number (第一章 总则 2 is not).
    Some(if unled.len() < unpaged.len() { unled } else { title })
}

/// Whether the title of entry line `entry` opens a heading line of the body
/// after it.
fn repeated(text: &str, lines: &[Line], cands: &[Candidate], entry: usize, body: &Range<usize>) -> bool {
    let Some(title) = entry_title(text, lines, cands, entry).filter(|t| t.chars().count() >= 2) else { return false };
    cands
        .iter()
        .filter(|c| c.line() > entry && c.start() < body.end && c.start() == lines[c.line()].content_start())
        .any(|c| entry_title(text, lines, cands, c.line()).is_some_and(|t| t.starts_with(title)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings() {
        assert!(is_toc_heading("目录"));
        assert!(is_toc_heading("目　　录"));
        assert!(is_toc_heading("目 錄"));
        assert!(!is_toc_heading("目录管理应当明确"));
    }
}
