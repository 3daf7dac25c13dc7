//! Lines of the decoded text, with 1-based numbers and byte spans.
//!
//! A line ends at `\n` (any `\r` before it belongs to the line ending, so CRLF
//! and the `\r\r\n` of some scraped reports count one line, as the gold files
//! do). Each line records where its *content* starts: after indentation
//! (spaces, tabs, U+3000, NBSP and the literal `<U+00A0>` escapes scrapers
//! leave) and Markdown prefixes (`## `, `> `, `**`), because that is where a
//! line-start marker must stand.

use crate::grammar::is_space;

/// One line of the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Line {
    /// Byte offset of the first character of the line.
    pub start: usize,
    /// Byte offset where the content starts (after indentation and prefixes).
    pub content: usize,
    /// Byte offset after the last character that is not trailing white space.
    pub end: usize,
    /// Byte offset of the line ending (`\r` or `\n`), or the text's end.
    pub terminator: usize,
}

impl Line {
    /// Whether the line holds nothing but white space and Markdown prefixes.
    pub fn is_blank(&self) -> bool {
        self.content >= self.end
    }

    /// The content of the line in `text` (indentation, prefixes and trailing
    /// white space removed).
    pub fn content<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.content..self.end).unwrap_or("")
    }

    /// The whole line without its line ending.
    pub fn raw<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.terminator]
    }
}

/// Splits `text` into lines (1-based line `n` is `lines[n - 1]`).
pub fn lines(text: &str) -> Vec<Line> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len() / 64 + 1);
    let mut start = 0;
    loop {
        let newline = memchr::memchr(b'\n', &bytes[start..]).map(|i| start + i);
        let mut terminator = newline.unwrap_or(bytes.len());
        while terminator > start && bytes[terminator - 1] == b'\r' {
            terminator -= 1;
        }
        out.push(line(text, start, terminator));
        match newline {
            Some(n) => start = n + 1,
            None => break,
        }
    }
    out
}

fn line(text: &str, start: usize, terminator: usize) -> Line {
    let raw = &text[start..terminator];
    let body = raw.trim_end_matches(|c: char| is_space(c) || c == '\r');
    let end = start + body.len();
    let content = start + (body.len() - strip_prefixes(body).len());
    Line { start, content, end, terminator }
}

/// Removes indentation and Markdown prefixes from the start of a line.
pub fn strip_prefixes(mut s: &str) -> &str {
    loop {
        let before = s.len();
        s = s.trim_start_matches(is_space);
        while let Some(rest) = s.strip_prefix("<U+00A0>") {
            s = rest.trim_start_matches(is_space);
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
    fn no_trailing_newline() {
        assert_eq!(lines("a\nb").len(), 2);
        assert_eq!(lines("a\n").len(), 2);
        assert_eq!(lines("").len(), 1);
    }
}
