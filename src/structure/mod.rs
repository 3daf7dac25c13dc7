//! Structure: from candidate markers to documents and their outline trees.
//!
//! - `frame` splits the text into documents and finds each one's title,
//!   salutation and boilerplate;
//! - `tree` decides which candidates are items and where each one nests;
//! - this module puts titles (and, with `--full`, bodies) on the items.

mod check;
pub(crate) mod frame;
mod links;
mod paragraphs;
mod toc;
mod tree;

use std::borrow::Cow;

use crate::blocks::{self, Line};
use crate::diagnostic::{Diagnostic, Reporter};
use crate::grammar::{self, Candidate, Grammar};
use crate::outline::{Item, Outline, SCHEMA_VERSION, Source, TextLine, Toc};
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
        let mut in_doc = &cands[from..to.max(from)];
        // A table of contents stands before the first item: its headings are
        // the slice's first candidates.
        let toc = toc::find(grammar, text, &lines, in_doc, &f.body);
        if let Some(t) = &toc {
            in_doc = &in_doc[in_doc.partition_point(|c| c.start < t.range.end)..];
        }
        let tree = tree::build(grammar, text, &index, in_doc, &f.breaks, &mut diagnostics);
        let titles = titles(text, &lines, in_doc, &tree);
        let mut report = Reporter::new(text, &index);
        check::counts(grammar, text, f.body.start, in_doc, &tree, &mut report);
        check::long_titles(grammar, text, &lines, in_doc, &tree, &titles, &mut report);
        diagnostics.append(&mut report.diagnostics);
        let paragraphs = paragraphs::find(grammar, text, &lines, in_doc, &tree, &titles, f.body.end);
        let entries = entries(in_doc, &tree, &paragraphs);
        if !paragraphs.is_empty() {
            // A list that starts at 一 in a new 款 (項) of its article starts
            // fresh there: no restart to report.
            let fresh = first_items_of_paragraphs(&entries, in_doc, &tree);
            diagnostics
                .retain(|d| d.code != crate::Code::RestartedSequence || fresh.binary_search(&d.span.start).is_err());
        }
        let ctx = ItemContext {
            grammar,
            text,
            cands: in_doc,
            tree: &tree,
            titles: &titles,
            paragraphs: &paragraphs,
            entries,
            body_end: f.body.end,
            options,
        };
        let items = ctx.items();
        let mut doc = f.to_document(text, &lines, items);
        if let Some(t) = &toc {
            let text_line = |i: usize| TextLine { text: Cow::Borrowed(lines[i].content(text)), line: i + 1 };
            doc.toc =
                Some(Toc { heading: text_line(t.heading), entries: t.entries.iter().map(|&i| text_line(i)).collect() });
        }
        if options.full {
            let first_item = tree.nodes.first().map_or(f.body.end, |n| in_doc[n.index].start);
            f.fill_matter(text, &lines, first_item, toc.as_ref().map(|t| &t.range), &mut doc);
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

/// The lines of `range`, each without indentation and trailing white space,
/// blank ones dropped, joined by `\n`; `None` if empty. Only white space goes:
/// what else a line holds (a Markdown `#`, a scraper's `<U+00A0>`) is text.
/// Borrowed from `text` when that is one line as it stands.
pub(crate) fn tidy(text: &str, range: std::ops::Range<usize>) -> Option<Cow<'_, str>> {
    let region = text.get(range)?;
    let mut pieces =
        region.split(blocks::is_line_end).map(|line| line.trim_matches(grammar::is_space)).filter(|l| !l.is_empty());
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
/// terminator counts only at the end or before white space or a character
/// that is not ASCII: "12:30", "http://", a stray "?" before pinyin are not
/// the end of a sentence.
fn title_end(region: &str) -> usize {
    let mut chars = region.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if ends_title(c) {
            let ascii_inside = c.is_ascii() && chars.peek().is_some_and(|(_, n)| n.is_ascii_graphic());
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

/// What an item is made from: a node of the tree or a paragraph item.
#[derive(Clone, Copy, Debug)]
enum Origin {
    Node(usize),
    Paragraph(usize),
}

/// One future item: its origin, its parent (an index into the entries) and
/// where it starts in the text.
#[derive(Clone, Copy, Debug)]
struct Entry {
    origin: Origin,
    parent: Option<usize>,
    start: usize,
}

/// Nodes and paragraph items merged in text order, with parents: a node
/// inside a split article hangs under the paragraph it stands in.
fn entries(cands: &[Candidate], tree: &Tree, paragraphs: &[paragraphs::Paragraph]) -> Vec<Entry> {
    let nodes = &tree.nodes;
    let mut out: Vec<Entry> = Vec::with_capacity(nodes.len() + paragraphs.len());
    let mut node_entry = vec![0usize; nodes.len()];
    // The entry of the last paragraph placed for each node that has some.
    let mut last_paragraph: Vec<Option<usize>> = vec![None; if paragraphs.is_empty() { 0 } else { nodes.len() }];
    let mut next = paragraphs.iter().enumerate().peekable();
    for (id, node) in nodes.iter().enumerate() {
        let start = cands[node.index].start;
        while let Some((p, para)) = next.next_if(|(_, para)| para.start() < start) {
            last_paragraph[para.owner] = Some(out.len());
            out.push(Entry { origin: Origin::Paragraph(p), parent: Some(node_entry[para.owner]), start: para.start() });
        }
        let parent = node.parent.map(|q| {
            let q = q as usize;
            last_paragraph.get(q).copied().flatten().unwrap_or(node_entry[q])
        });
        node_entry[id] = out.len();
        out.push(Entry { origin: Origin::Node(id), parent, start });
    }
    for (p, para) in next {
        out.push(Entry { origin: Origin::Paragraph(p), parent: Some(node_entry[para.owner]), start: para.start() });
    }
    out
}

/// Where the first item inside each paragraph item starts, sorted.
fn first_items_of_paragraphs(entries: &[Entry], cands: &[Candidate], tree: &Tree) -> Vec<usize> {
    let mut out: Vec<usize> = entries
        .windows(2)
        .enumerate()
        .filter_map(|(p, w)| match (w[0].origin, w[1].origin) {
            (Origin::Paragraph(_), Origin::Node(n)) if w[1].parent == Some(p) => Some(cands[tree.nodes[n].index].start),
            _ => None,
        })
        .collect();
    out.sort_unstable();
    out
}

struct ItemContext<'c, 'a> {
    grammar: &'c Grammar,
    text: &'a str,
    cands: &'c [Candidate],
    tree: &'c Tree,
    titles: &'c [Span],
    paragraphs: &'c [paragraphs::Paragraph],
    entries: Vec<Entry>,
    /// Where the document's body ends (the last item's body stops there).
    body_end: usize,
    options: Options,
}

impl<'a> ItemContext<'_, 'a> {
    /// The nested items: entries come in document order and each one's
    /// parent is on the path from the root to the entry before it, so one
    /// stack of unfinished items builds the tree without recursion.
    fn items(&self) -> Vec<Item<'a>> {
        let mut roots: Vec<Item<'a>> = Vec::new();
        let mut open: Vec<(usize, Item<'a>)> = Vec::new();
        let close = |open: &mut Vec<(usize, Item<'a>)>, roots: &mut Vec<Item<'a>>| {
            if let Some((_, done)) = open.pop() {
                match open.last_mut() {
                    Some((_, parent)) => parent.children.push(done),
                    None => roots.push(done),
                }
            }
        };
        for (id, entry) in self.entries.iter().enumerate() {
            while open.last().is_some_and(|(top, _)| Some(*top) != entry.parent) {
                close(&mut open, &mut roots);
            }
            open.push((id, self.item(id)));
        }
        while !open.is_empty() {
            close(&mut open, &mut roots);
        }
        roots
    }

    /// One item, without its children.
    fn item(&self, id: usize) -> Item<'a> {
        let (marker, family, ordinal, title, line) = match self.entries[id].origin {
            Origin::Node(n) => {
                let node = &self.tree.nodes[n];
                let c = &self.cands[node.index];
                let family = self.grammar.family_id(c.m.family);
                (Span::new(c.start, c.end()), family, node.ordinal, self.titles[n], c.line)
            }
            Origin::Paragraph(p) => {
                let para = &self.paragraphs[p];
                let family = self.grammar.profile().paragraphs.as_ref().map_or("", |s| crate::profile::intern(&s.id));
                (Span::new(para.start(), para.start()), family, para.ordinal, para.title, para.line)
            }
        };
        // A first 款 shares its article's title: its own span is empty.
        let span =
            if title.start >= marker.start { Span::new(marker.start, title.end.max(marker.end)) } else { marker };
        let (body, body_span) = if self.options.full { self.body(id, span.end) } else { (None, None) };
        Item {
            marker: Cow::Borrowed(marker.of(self.text)),
            family: Cow::Borrowed(family),
            ordinal,
            title: Cow::Borrowed(title.of(self.text)),
            line: line + 1,
            span,
            body,
            body_span,
            children: Vec::new(),
        }
    }

    /// The bytes from the end of the item's span to the next item in
    /// document order (its first child, next sibling or an ancestor's
    /// sibling), and the text they hold without the punctuation that ends
    /// the title (its terminator, a trailing comma).
    fn body(&self, id: usize, after_title: usize) -> (Option<Cow<'a, str>>, Option<Span>) {
        let end = self.entries.get(id + 1).map_or(self.body_end, |e| e.start).max(after_title);
        if end == after_title {
            return (None, None);
        }
        (tidy(self.text, body_text_start(self.text, after_title, end)..end), Some(Span::new(after_title, end)))
    }
}

/// Where the text of a body that follows a title at `from` starts: after the
/// punctuation that ends the title (a trailing comma, its terminator), which
/// belongs to no text field.
pub(crate) fn body_text_start(text: &str, from: usize, end: usize) -> usize {
    let region = text.get(from..end).unwrap_or("");
    let mut lead = region.len() - region.trim_start_matches(['，', ',', '、', '*']).len();
    if let Some(c) = region[lead..].chars().next().filter(|&c| ends_title(c)) {
        lead += c.len_utf8();
    }
    from + lead
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
