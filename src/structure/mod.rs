//! Structure: from candidate markers to documents and their outline trees.
//!
//! - `frame` splits the text into documents and finds each one's title,
//!   salutation and boilerplate;
//! - `tree` decides which candidates are items and where each one nests;
//! - this module puts titles (and, with `--full`, bodies) on the items.

mod check;
mod frame;
mod links;
mod tree;

use std::borrow::Cow;

use crate::blocks::{self, Line};
use crate::diagnostic::{Diagnostic, Reporter};
use crate::grammar::{self, Candidate, Grammar};
use crate::outline::{Item, Outline, SCHEMA_VERSION, Source};
use crate::span::{LineIndex, Span};
use tree::Tree;

/// What to put in the outline beyond titles.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// Add bodies and front/back matter so that no text is lost.
    pub full: bool,
}

/// Builds the outline of `text` with `grammar`.
pub fn outline<'a>(grammar: &Grammar, text: &'a str, options: Options) -> Outline<'a> {
    let lines = blocks::lines(text);
    let index = LineIndex::from_lines(&lines);
    let cands = grammar::scan(grammar, text, &lines);
    let mut diagnostics = Vec::new();
    let frames = frame::documents(grammar, text, &lines, &cands);
    let mut documents = Vec::with_capacity(frames.len());
    for f in &frames {
        // Candidates are in text order: a document's are one slice.
        let from = cands.partition_point(|c| c.start < f.body.start);
        let to = cands.partition_point(|c| c.start < f.body.end);
        let in_doc = &cands[from..to.max(from)];
        let tree = tree::build(grammar, text, &index, in_doc, &f.breaks, &mut diagnostics);
        let titles = titles(text, &lines, in_doc, &tree);
        let mut report = Reporter::new(text, &index);
        check::counts(grammar, text, f.body.start, in_doc, &tree, &mut report);
        check::long_titles(grammar, text, &lines, in_doc, &tree, &titles, &mut report);
        diagnostics.append(&mut report.diagnostics);
        let ctx =
            ItemContext { grammar, text, cands: in_doc, tree: &tree, titles: &titles, body_end: f.body.end, options };
        let items = ctx.items();
        let mut doc = f.to_document(text, &lines, items);
        if options.full {
            let first_item = tree.nodes.first().map_or(f.body.end, |n| in_doc[n.index].start);
            f.fill_matter(text, &lines, first_item, &mut doc);
        }
        documents.push(doc);
    }
    diagnostics.sort_by_key(|d: &Diagnostic| (d.span.start, d.code));
    Outline {
        version: SCHEMA_VERSION,
        source: Source { path: None, encoding: "utf-8".into(), bytes: text.len(), lines: lines.len() },
        profile: grammar.profile().name.clone(),
        documents,
        diagnostics,
    }
}

/// The lines of `range`, each without indentation, Markdown prefixes and
/// trailing white space, blank ones dropped, joined by `\n`; `None` if empty.
/// Borrowed from `text` when that is one line as it stands.
pub(crate) fn tidy(text: &str, range: std::ops::Range<usize>) -> Option<Cow<'_, str>> {
    let region = text.get(range)?;
    let mut pieces = region
        .split('\n')
        .map(|line| blocks::strip_prefixes(line).trim_end_matches(|c: char| grammar::is_space(c) || c == '\r'))
        .filter(|l| !l.is_empty());
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

/// Sentence terminators that end a title (ASCII forms too, as scraped text uses them).
fn ends_title(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '：' | '!' | '?' | ';' | ':' | '︰')
}

/// Where a title ends in `region`: at the first sentence terminator. An ASCII
/// terminator counts only before something that is not an ASCII letter or
/// digit ("12:30", a stray "?" before pinyin are not the end of a sentence).
fn title_end(region: &str) -> usize {
    let mut chars = region.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if ends_title(c) {
            let ascii_inside = c.is_ascii() && chars.peek().is_some_and(|(_, n)| n.is_ascii_alphanumeric());
            if !ascii_inside {
                return at;
            }
        }
    }
    region.len()
}

/// The title span of every node: up to the first terminator, the line end,
/// or the next item on the same line.
fn titles(text: &str, lines: &[Line], cands: &[Candidate], tree: &Tree) -> Vec<Span> {
    let nodes = &tree.nodes;
    (0..nodes.len())
        .map(|i| {
            let c = &cands[nodes[i].index];
            let next_on_line =
                nodes.get(i + 1).map(|n| &cands[n.index]).filter(|n| n.line == c.line).map_or(usize::MAX, |n| n.start);
            title_span(text, c.end(), lines[c.line].end.min(next_on_line))
        })
        .collect()
}

struct ItemContext<'c, 'a> {
    grammar: &'c Grammar,
    text: &'a str,
    cands: &'c [Candidate],
    tree: &'c Tree,
    titles: &'c [Span],
    /// Where the document's body ends (the last item's body stops there).
    body_end: usize,
    options: Options,
}

impl<'a> ItemContext<'_, 'a> {
    /// The nested items: nodes come in document order and each one's parent
    /// is on the path from the root to the node before it, so one stack of
    /// unfinished items builds the tree without recursion.
    fn items(&self) -> Vec<Item<'a>> {
        let mut roots: Vec<Item<'a>> = Vec::new();
        let mut open: Vec<(u32, Item<'a>)> = Vec::new();
        let close = |open: &mut Vec<(u32, Item<'a>)>, roots: &mut Vec<Item<'a>>| {
            if let Some((_, done)) = open.pop() {
                match open.last_mut() {
                    Some((_, parent)) => parent.children.push(done),
                    None => roots.push(done),
                }
            }
        };
        for (id, node) in self.tree.nodes.iter().enumerate() {
            while open.last().is_some_and(|(top, _)| Some(*top) != node.parent) {
                close(&mut open, &mut roots);
            }
            let id32 = u32::try_from(id).unwrap_or(u32::MAX);
            open.push((id32, self.item(id)));
        }
        while !open.is_empty() {
            close(&mut open, &mut roots);
        }
        roots
    }

    /// One item, without its children.
    fn item(&self, id: usize) -> Item<'a> {
        let n = &self.tree.nodes[id];
        let c = &self.cands[n.index];
        let title = self.titles[id];
        let body = self.options.full.then(|| self.body(id)).flatten();
        Item {
            marker: Cow::Borrowed(&self.text[c.start..c.end()]),
            family: Cow::Borrowed(self.grammar.family_id(c.m.family)),
            ordinal: n.ordinal,
            title: Cow::Borrowed(title.of(self.text)),
            line: c.line + 1,
            span: Span::new(c.start, title.end.max(c.end())),
            body,
            children: Vec::new(),
        }
    }

    /// The text after the title up to the next item in document order (its
    /// first child, next sibling or an ancestor's sibling), without the one
    /// terminator that ends the title.
    fn body(&self, id: usize) -> Option<Cow<'a, str>> {
        let end = self.tree.nodes.get(id + 1).map_or(self.body_end, |n| self.cands[n.index].start);
        let mut start = self.titles[id].end.max(self.cands[self.tree.nodes[id].index].end());
        if let Some(c) = self.text[start..].chars().next().filter(|&c| ends_title(c)) {
            start += c.len_utf8();
        }
        tidy(self.text, start..end.max(start))
    }
}

/// The title of an item whose marker ends at `start`: up to the first sentence
/// terminator or `limit`, without surrounding white space, Markdown emphasis or
/// trailing commas.
fn title_span(text: &str, start: usize, limit: usize) -> Span {
    let limit = limit.max(start).min(text.len());
    let region = &text[start..limit];
    let lead = region.len() - region.trim_start_matches(|c: char| grammar::is_space(c) || c == '*').len();
    let region = &region[lead..];
    let end = title_end(region);
    let title = region[..end]
        .trim_end_matches(|c: char| grammar::is_space(c) || matches!(c, '*' | '，' | ',' | '、' | '\r' | '\n'));
    Span::new(start + lead, start + lead + title.len())
}
