//! Chunks for retrieval (RAG): the text of a document cut at its items, each
//! piece with the heading path it sits under.
//!
//! A chunk is the body of one item (the text after its title up to the next
//! item) or a document's preamble; it never crosses an item boundary. A body
//! longer than `max_chars` is cut at sentence ends (。！？ and ASCII !?), each
//! piece keeping the path. Titles are not repeated in the text: they are the
//! path, as a retrieval pipeline stores them beside the text it embeds. An
//! item with neither a body nor children (a heading such as
//! `2.人员密集场所` followed by the next one) is a chunk of its title, so
//! that every item of the outline can be found in some chunk. Text with no
//! letter or digit in it makes no chunk.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::outline::{Item, Outline};
use crate::span::{LineIndex, Span};
use crate::text::{body_text_start, tidy};

/// One chunk of text with the headings above it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive] // fields are added in minor versions (the schema grows)
pub struct Chunk<'a> {
    /// Index of the document in the input (0 for most files).
    pub document: usize,
    /// The document's title, if it has one (left out of the serialised form
    /// when it has none, as in `--format chunks`).
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub title: Option<Cow<'a, str>>,
    /// Headings from the top item down to the one whose text this is
    /// (marker and title, e.g. "一、强化政治引领"); empty for a document's
    /// preamble (the text before its first item), whose context is `title`.
    pub path: Vec<String>,
    /// The markers of the same items ("一、", "（一）"; "" for a 款, an item
    /// that is a paragraph).
    #[serde(borrow)]
    pub markers: Vec<Cow<'a, str>>,
    /// The text, without indentation and Markdown prefixes; lines joined by `\n`.
    #[serde(borrow)]
    pub text: Cow<'a, str>,
    /// First and last line (1-based, inclusive) the text comes from.
    pub lines: [usize; 2],
    /// Bytes the text comes from.
    pub span: Span,
}

/// How to cut chunks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ChunkOptions {
    /// Cut texts longer than this many characters at sentence ends.
    pub max_chars: Option<usize>,
}

/// The chunks of `outline`, which must have been parsed from `text` with
/// [`crate::Parser::full`] (bodies are what chunks are made of).
pub fn chunks<'a>(outline: &Outline<'a>, text: &'a str, options: ChunkOptions) -> Vec<Chunk<'a>> {
    let index = LineIndex::new(text);
    let mut out = Vec::new();
    for (n, doc) in outline.documents.iter().enumerate() {
        let mut cutter = Cutter {
            text,
            index: &index,
            options,
            document: n,
            title: doc.title.as_ref().map(|t| t.text.clone()),
            out: &mut out,
        };
        if let Some(span) = doc.preamble_span {
            // Before the first item: no heading above it (its document's
            // title, in `title`, is the context).
            cutter.push(&[], &[], span);
        }
        let mut path: Vec<&Item<'a>> = Vec::new();
        walk(&doc.items, &mut path, &mut cutter);
    }
    out
}

fn walk<'o, 'a>(items: &'o [Item<'a>], path: &mut Vec<&'o Item<'a>>, cutter: &mut Cutter<'_, 'a, '_>) {
    for item in items {
        path.push(item);
        let text = match (item.body_span, item.body.is_some()) {
            (Some(span), true) => Some(Span::new(body_text_start(cutter.text, span.start, span.end), span.end)),
            // A heading that nothing follows: its title is its text.
            _ if item.children.is_empty()
                && !item.title.is_empty()
                && item.span.end - item.span.start >= item.title.len() =>
            {
                Some(Span::new(item.span.end - item.title.len(), item.span.end))
            }
            _ => None,
        };
        if let Some(span) = text {
            let headings: Vec<String> = path.iter().map(|i| i.heading()).collect();
            let markers: Vec<Cow<'a, str>> = path.iter().map(|i| i.marker.clone()).collect();
            cutter.push(&headings, &markers, span);
        }
        walk(&item.children, path, cutter);
        path.pop();
    }
}

/// Cuts spans of one document into chunks.
struct Cutter<'i, 'a, 'o> {
    text: &'a str,
    index: &'i LineIndex,
    options: ChunkOptions,
    document: usize,
    title: Option<Cow<'a, str>>,
    out: &'o mut Vec<Chunk<'a>>,
}

impl<'a> Cutter<'_, 'a, '_> {
    /// The chunks of `span`, filed under `path` (headings) and `markers`.
    fn push(&mut self, path: &[String], markers: &[Cow<'a, str>], span: Span) {
        let pieces = match self.options.max_chars {
            Some(max) if max > 0 => split(self.text, span, max),
            _ => vec![span],
        };
        for piece in pieces {
            // Text with no letter or digit (a stray comma, the dashes of an
            // HTML comment) is nothing a retrieval index can use.
            let Some(text) = tidy(self.text, piece.start..piece.end).filter(|t| t.chars().any(char::is_alphanumeric))
            else {
                continue;
            };
            // The span without the blank lines and indentation around the text.
            let region = &self.text[piece.start..piece.end];
            let lead = region.len() - region.trim_start().len();
            let trail = region.len() - region.trim_end().len();
            let span = Span::new(piece.start + lead, piece.end - trail);
            let first = self.index.line_column(self.text, span.start).0;
            let last = self.index.line_column(self.text, span.end.saturating_sub(1).max(span.start)).0;
            self.out.push(Chunk {
                document: self.document,
                title: self.title.clone(),
                path: path.to_vec(),
                markers: markers.to_vec(),
                text,
                lines: [first, last],
                span,
            });
        }
    }
}

/// Whether a sentence ends after `c`.
fn ends_sentence(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?')
}

/// The characters of `region` that tidying keeps, as (byte offset, char):
/// all but white space, which a cut must neither count nor fall into.
fn visible(region: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    region.char_indices().filter(|&(_, c)| !c.is_whitespace() && !crate::grammar::is_space(c))
}

/// Cuts `span` into pieces of at most `max` characters, at sentence ends where
/// it can (a sentence longer than `max` is cut inside, at `max`).
fn split(text: &str, span: Span, max: usize) -> Vec<Span> {
    let region = &text[span.start..span.end];
    if visible(region).count() <= max {
        return vec![span];
    }
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut count = 0;
    // The last sentence end in the current piece, and the count up to it.
    let mut last_end: Option<(usize, usize)> = None;
    for (at, c) in visible(region) {
        count += 1;
        if count > max {
            // (A sentence end whose closing quote is this very character
            // would make the piece one too long.)
            let (cut, used) = last_end.filter(|&(cut, _)| cut <= at).unwrap_or((at, count - 1));
            if cut > start {
                pieces.push(Span::new(span.start + start, span.start + cut));
            }
            start = cut;
            count -= used;
            last_end = None;
        }
        if ends_sentence(c) {
            let after = at + c.len_utf8();
            // A closing quote belongs to the sentence it closes.
            let after = region[after..]
                .chars()
                .next()
                .filter(|q| matches!(q, '”' | '’' | '」' | '』' | '"'))
                .map_or(after, |q| after + q.len_utf8());
            last_end = Some((after, count + usize::from(after > at + c.len_utf8())));
        }
    }
    if start < region.len() {
        pieces.push(Span::new(span.start + start, span.end));
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_texts_are_cut_at_sentence_ends() {
        let text = "一二三。四五六。七八九十。";
        let pieces = split(text, Span::new(0, text.len()), 8);
        let parts: Vec<&str> = pieces.iter().map(|s| s.of(text)).collect();
        assert_eq!(parts, vec!["一二三。四五六。", "七八九十。"]);
    }

    #[test]
    fn a_sentence_longer_than_the_limit_is_cut_inside() {
        let text = "一二三四五六七八九十。";
        let parts: Vec<String> =
            split(text, Span::new(0, text.len()), 4).iter().map(|s| s.of(text).to_string()).collect();
        assert_eq!(parts.concat(), text);
        assert!(parts.iter().all(|p| p.chars().count() <= 4), "{parts:?}");
    }
}
