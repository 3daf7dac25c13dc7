//! Byte spans into the decoded text, and line/column lookup.

use serde::{Deserialize, Serialize};

/// Byte range `start..end` into the decoded text, on char boundaries.
/// Written as a two-element array `[start, end]`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(from = "[usize; 2]", into = "[usize; 2]")]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl From<[usize; 2]> for Span {
    fn from([start, end]: [usize; 2]) -> Span {
        Span { start, end }
    }
}

impl From<Span> for [usize; 2] {
    fn from(s: Span) -> [usize; 2] {
        [s.start, s.end]
    }
}

impl Span {
    /// A span from `start` to `end`.
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// The text the span covers.
    pub fn of(self, text: &str) -> &str {
        &text[self.start..self.end]
    }

    /// Whether the span is empty.
    pub fn is_empty(self) -> bool {
        self.start >= self.end
    }
}

/// Line starts of a text, built once, for 1-based (line, column) lookup
/// (4 bytes a line: texts are at most 4 GiB).
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<u32>,
}

impl LineIndex {
    /// Indexes the line starts of `text`, with the line ends of [`crate::blocks`].
    pub fn new(text: &str) -> LineIndex {
        LineIndex::from_lines(&crate::blocks::lines(text))
    }

    /// Indexes already split lines.
    pub fn from_lines(lines: &[crate::blocks::Line]) -> LineIndex {
        LineIndex { starts: lines.iter().map(|l| u32::try_from(l.start()).unwrap_or(u32::MAX)).collect() }
    }

    /// Byte offset where 1-based line `n` starts.
    pub fn start_of(&self, n: usize) -> Option<usize> {
        self.starts.get(n.checked_sub(1)?).map(|&s| s as usize)
    }

    /// A cursor for [`LineIndex::line_column`] over offsets asked in
    /// increasing order: each column is counted on from the last, so that
    /// thousands of places on one long line cost one pass over it.
    pub(crate) fn cursor<'a>(&'a self, text: &'a str) -> Columns<'a> {
        Columns { index: self, text, line: usize::MAX, at: 0, column: 0 }
    }

    /// 1-based (line, column) of a byte offset; the column counts chars, not bytes.
    pub fn line_column(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&s| s as usize <= offset).saturating_sub(1);
        let start = self.starts.get(line).map_or(0, |&s| s as usize);
        let column = text.get(start..offset).map_or(0, |s| s.chars().count());
        (line + 1, column + 1)
    }
}

/// Line and column lookups that reuse the last one (see [`LineIndex::cursor`]).
pub(crate) struct Columns<'a> {
    index: &'a LineIndex,
    text: &'a str,
    line: usize,
    at: usize,
    column: usize,
}

impl Columns<'_> {
    /// 1-based (line, column) of a byte offset, as [`LineIndex::line_column`].
    pub(crate) fn line_column(&mut self, offset: usize) -> (usize, usize) {
        let line = self.index.starts.partition_point(|&s| s as usize <= offset).saturating_sub(1);
        if line == self.line && offset >= self.at {
            self.column += self.text.get(self.at..offset).map_or(0, |s| s.chars().count());
        } else {
            let start = self.index.starts.get(line).map_or(0, |&s| s as usize);
            self.column = self.text.get(start..offset).map_or(0, |s| s.chars().count());
        }
        (self.line, self.at) = (line, offset);
        (line + 1, self.column + 1)
    }
}
