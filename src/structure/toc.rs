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
        if let Some(c) = lead {
            let key = (c.m.family, c.m.ordinal);
            if first == Some(key) {
                // The body begins: it repeats the first heading.
                let last = *entries.last()?;
                return Some(Toc { heading, entries, range: lines[heading].start()..lines[last].terminator() });
            }
            first.get_or_insert(key);
        } else {
            let content = line.content(text);
            let plain = content.chars().count() <= PLAIN_ENTRY_CHARS
                && !content.contains(['。', '；', '：', '！', '？', ':', ';']);
            if !plain {
                return None;
            }
        }
        entries.push(i);
    }
    None
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
