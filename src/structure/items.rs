//! Items: the accepted markers of a document with their titles, bodies and
//! nesting, kept compact (`Skeleton`) and turned into [`Item`]s on demand,
//! either all at once (`Skeleton::items`, for [`crate::Outline`]) or one at a
//! time while they are written (`OutlineView`, for the streaming writers),
//! so that writing an outline never holds its items in memory.

use std::borrow::Cow;
use std::cell::Cell;

use serde::ser::{Serialize, SerializeSeq, SerializeStruct, Serializer};

use crate::grammar::{self, Candidate, Grammar};
use crate::outline::{Document, Item, SCHEMA_VERSION, Source};
use crate::span::Span;

use super::Options;
use super::paragraphs;
use super::tree::Tree;
use crate::text::{body_text_start, ends_sentence as ends_title, tidy};

/// Whether `before` ends with the name of an HTML entity (`&ldquo`, `&#8220`)
/// whose `;` follows: text copied from a page keeps them, and that `;` ends
/// no sentence.
fn ends_entity(before: &str) -> bool {
    let name = before.trim_end_matches(|c: char| c.is_ascii_alphanumeric() || c == '#');
    name.ends_with('&') && before.len() - name.len() >= 2
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
            if !(ascii_inside || c == ';' && ends_entity(&region[..at])) {
                return at;
            }
        }
    }
    region.len()
}

/// A title's bytes, in 8 bytes (texts are at most 4 GiB).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct TitleSpan {
    start: u32,
    end: u32,
}

impl From<Span> for TitleSpan {
    fn from(s: Span) -> TitleSpan {
        let at = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        TitleSpan { start: at(s.start), end: at(s.end) }
    }
}

impl From<TitleSpan> for Span {
    fn from(s: TitleSpan) -> Span {
        Span::new(s.start as usize, s.end as usize)
    }
}

/// The title span of every node: up to the first terminator, the line end,
/// or the next item on the same line.
pub(super) fn titles(text: &str, line_ends: &[u32], cands: &[Candidate], tree: &Tree) -> Vec<TitleSpan> {
    let nodes = &tree.nodes;
    (0..nodes.len())
        .map(|i| {
            let c = &cands[nodes[i].index()];
            let next_on_line = nodes
                .get(i + 1)
                .map(|n| &cands[n.index()])
                .filter(|n| n.line() == c.line())
                .map_or(usize::MAX, Candidate::start);
            title_span(text, c.end(), (line_ends[c.line()] as usize).min(next_on_line)).into()
        })
        .collect()
}

/// What an item is made from: a node of the tree or a paragraph item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Origin {
    Node(usize),
    Paragraph(usize),
}

/// One future item where paragraph items are mixed in: its origin, its
/// parent (an index into the entries) and where it starts in the text.
#[derive(Clone, Copy, Debug)]
pub(super) struct Entry {
    origin: Origin,
    parent: Option<usize>,
    start: usize,
}

/// Nodes and paragraph items merged in text order, with parents: a node
/// inside a split article hangs under the paragraph it stands in. Empty
/// when there are no paragraph items: each node is then its own entry.
pub(super) fn entries(cands: &[Candidate], tree: &Tree, paragraphs: &[paragraphs::Paragraph]) -> Vec<Entry> {
    if paragraphs.is_empty() {
        return Vec::new();
    }
    let nodes = &tree.nodes;
    let mut out: Vec<Entry> = Vec::with_capacity(nodes.len() + paragraphs.len());
    let mut node_entry = vec![0usize; nodes.len()];
    // The entry of the last paragraph placed for each node that has some.
    let mut last_paragraph: Vec<Option<usize>> = vec![None; if paragraphs.is_empty() { 0 } else { nodes.len() }];
    let mut next = paragraphs.iter().enumerate().peekable();
    for (id, node) in nodes.iter().enumerate() {
        let start = cands[node.index()].start();
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
    // A paragraph of an article placed between items nested in an earlier
    // paragraph closes them: an item after it whose parent was closed has no
    // open parent left and stands at the top level. Said once here, so that
    // every reader of the entries (the item tree, the streaming writer) sees
    // each parent open when its children come.
    let mut open: Vec<usize> = Vec::new();
    for (id, entry) in out.iter_mut().enumerate() {
        while open.last().is_some_and(|&top| Some(top) != entry.parent) {
            open.pop();
        }
        if open.is_empty() {
            entry.parent = None;
        }
        open.push(id);
    }
    out
}

/// Where the first item inside each paragraph item starts, sorted.
pub(super) fn first_items_of_paragraphs(entries: &[Entry], cands: &[Candidate], tree: &Tree) -> Vec<usize> {
    let mut out: Vec<usize> = entries
        .windows(2)
        .enumerate()
        .filter_map(|(p, w)| match (w[0].origin, w[1].origin) {
            (Origin::Paragraph(_), Origin::Node(n)) if w[1].parent == Some(p) => {
                Some(cands[tree.nodes[n].index()].start())
            }
            _ => None,
        })
        .collect();
    out.sort_unstable();
    out
}

/// One document's items in compact form: what is needed to make each
/// [`Item`] when it is asked for.
#[derive(Debug, Default)]
pub(super) struct Skeleton {
    /// Where the document's candidates start and end in the text's.
    pub(super) cands: std::ops::Range<usize>,
    pub(super) tree: Tree,
    pub(super) titles: Vec<TitleSpan>,
    pub(super) paragraphs: Vec<paragraphs::Paragraph>,
    /// Nodes and paragraph items in text order; empty when there are no
    /// paragraph items (each node is then an entry of its own).
    pub(super) entries: Vec<Entry>,
    /// Where the document's body ends (the last item's body stops there).
    pub(super) body_end: usize,
}

/// A skeleton with what it needs to make items.
pub(super) struct ItemContext<'c, 'a> {
    pub(super) grammar: &'c Grammar,
    pub(super) text: &'a str,
    pub(super) cands: &'c [Candidate],
    pub(super) skeleton: &'c Skeleton,
    pub(super) options: Options,
}

impl Skeleton {
    /// How many items the document has.
    pub(super) fn len(&self) -> usize {
        if self.entries.is_empty() { self.tree.nodes.len() } else { self.entries.len() }
    }

    /// What entry `id` is made from.
    fn origin(&self, id: usize) -> Origin {
        self.entries.get(id).map_or(Origin::Node(id), |e| e.origin)
    }

    /// The entry that is the parent of entry `id`.
    fn parent(&self, id: usize) -> Option<usize> {
        match self.entries.get(id) {
            Some(e) => e.parent,
            None => self.tree.nodes.get(id).and_then(|n| n.parent).map(|p| p as usize),
        }
    }

    /// Where entry `id` starts in the text.
    fn start(&self, cands: &[Candidate], id: usize) -> usize {
        match self.entries.get(id) {
            Some(e) => e.start,
            None => cands[self.tree.nodes[id].index()].start(),
        }
    }
}

impl<'a> ItemContext<'_, 'a> {
    /// The nested items: entries come in document order and each one's
    /// parent is on the path from the root to the entry before it, so one
    /// stack of unfinished items builds the tree without recursion.
    pub(super) fn items(&self) -> Vec<Item<'a>> {
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
        for id in 0..self.skeleton.len() {
            let parent = self.skeleton.parent(id);
            while open.last().is_some_and(|(top, _)| Some(*top) != parent) {
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
        let (marker, family, ordinal, title, line) = match self.skeleton.origin(id) {
            Origin::Node(n) => {
                let node = &self.skeleton.tree.nodes[n];
                let c = &self.cands[node.index()];
                let family = self.grammar.family_id(c.m.family);
                (Span::new(c.start(), c.end()), family, node.ordinal, self.skeleton.titles[n].into(), c.line())
            }
            Origin::Paragraph(p) => {
                let para = &self.skeleton.paragraphs[p];
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
        let next = id + 1;
        let end =
            if next < self.skeleton.len() { self.skeleton.start(self.cands, next) } else { self.skeleton.body_end };
        let end = end.max(after_title);
        if end == after_title {
            return (None, None);
        }
        (tidy(self.text, body_text_start(self.text, after_title, end)..end), Some(Span::new(after_title, end)))
    }
}

/// The title of an item whose marker ends at `start`: up to the first sentence
/// terminator or `limit`, without surrounding white space, Markdown emphasis or
/// trailing commas.
pub(super) fn title_span(text: &str, start: usize, limit: usize) -> Span {
    let limit = limit.max(start).min(text.len());
    let region = &text[start..limit];
    let lead = region.len() - region.trim_start_matches(|c: char| grammar::is_space(c) || c == '*').len();
    let region = &region[lead..];
    let end = title_end(region);
    let title = region[..end]
        .trim_end_matches(|c: char| grammar::is_space(c) || matches!(c, '*' | '，' | ',' | '、' | '\r' | '\n'));
    // 【一、坚持创新驱动】: the bracket that closes a heading set in brackets.
    let title = if title.contains('【') { title } else { title.strip_suffix('】').unwrap_or(title) };
    Span::new(start + lead, start + lead + title.len())
}

/// A whole outline, written as [`crate::Outline`] serialises (same fields,
/// same order), with each document's items made one at a time as they are
/// written.
pub(crate) struct OutlineView<'v, 'a> {
    pub(super) grammar: &'v Grammar,
    pub(super) text: &'a str,
    pub(super) options: Options,
    pub(super) source: &'v Source,
    pub(super) profile: &'v str,
    pub(super) cands: &'v [Candidate],
    pub(super) documents: &'v [(Document<'a>, Skeleton)],
    pub(super) diagnostics: &'v [crate::Diagnostic],
}

impl Serialize for OutlineView<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Outline", 5 - usize::from(self.diagnostics.is_empty()))?;
        s.serialize_field("version", &SCHEMA_VERSION)?;
        s.serialize_field("source", self.source)?;
        s.serialize_field("profile", self.profile)?;
        s.serialize_field("documents", &Documents(self))?;
        if !self.diagnostics.is_empty() {
            s.serialize_field("diagnostics", self.diagnostics)?;
        }
        s.end()
    }
}

struct Documents<'r, 'v, 'a>(&'r OutlineView<'v, 'a>);

impl Serialize for Documents<'_, '_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let view = self.0;
        let mut seq = serializer.serialize_seq(Some(view.documents.len()))?;
        for (doc, skeleton) in view.documents {
            let ctx = ItemContext {
                grammar: view.grammar,
                text: view.text,
                cands: &view.cands[skeleton.cands.clone()],
                skeleton,
                options: view.options,
            };
            seq.serialize_element(&DocumentView { doc, ctx: &ctx })?;
        }
        seq.end()
    }
}

/// A [`Document`] with its items made as they are written. The fields are
/// those of `Document` in its order, with its rules for leaving one out: a
/// test checks that both write the same.
struct DocumentView<'r, 'c, 'a> {
    doc: &'r Document<'a>,
    ctx: &'r ItemContext<'c, 'a>,
}

impl Serialize for DocumentView<'_, '_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let d = self.doc;
        let fields = 4
            + usize::from(d.span.is_some())
            + usize::from(d.head_span.is_some())
            + usize::from(!d.subtitle.is_empty())
            + usize::from(d.front_matter.is_some())
            + usize::from(d.toc.is_some())
            + usize::from(d.preamble.is_some())
            + usize::from(d.preamble_span.is_some())
            + usize::from(d.closing.is_some())
            + usize::from(d.back_matter.is_some())
            + usize::from(d.tail_span.is_some());
        let mut s = serializer.serialize_struct("Document", fields)?;
        s.serialize_field("lines", &d.lines)?;
        if let Some(v) = &d.span {
            s.serialize_field("span", v)?;
        }
        if let Some(v) = &d.head_span {
            s.serialize_field("head_span", v)?;
        }
        s.serialize_field("title", &d.title)?;
        if !d.subtitle.is_empty() {
            s.serialize_field("subtitle", &d.subtitle)?;
        }
        s.serialize_field("salutation", &d.salutation)?;
        if let Some(v) = &d.front_matter {
            s.serialize_field("front_matter", v)?;
        }
        if let Some(v) = &d.toc {
            s.serialize_field("toc", v)?;
        }
        if let Some(v) = &d.preamble {
            s.serialize_field("preamble", v)?;
        }
        if let Some(v) = &d.preamble_span {
            s.serialize_field("preamble_span", v)?;
        }
        let cursor = Cell::new(0);
        s.serialize_field("items", &Children { ctx: self.ctx, parent: None, cursor: &cursor })?;
        if let Some(v) = &d.closing {
            s.serialize_field("closing", v)?;
        }
        if let Some(v) = &d.back_matter {
            s.serialize_field("back_matter", v)?;
        }
        if let Some(v) = &d.tail_span {
            s.serialize_field("tail_span", v)?;
        }
        s.end()
    }
}

/// The children of entry `parent` (or the top-level items): entries are in
/// document order, a parent before its subtree, so one cursor walks them;
/// each item leaves it after its own subtree.
struct Children<'r, 'c, 'a> {
    ctx: &'r ItemContext<'c, 'a>,
    parent: Option<usize>,
    cursor: &'r Cell<usize>,
}

impl Serialize for Children<'_, '_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let skeleton = self.ctx.skeleton;
        let here = |id: usize| id < skeleton.len() && skeleton.parent(id) == self.parent;
        let any = here(self.cursor.get());
        let mut seq = serializer.serialize_seq(if any { None } else { Some(0) })?;
        while here(self.cursor.get()) {
            let id = self.cursor.get();
            self.cursor.set(id + 1);
            seq.serialize_element(&ItemView { ctx: self.ctx, id, cursor: self.cursor })?;
        }
        seq.end()
    }
}

/// One item, its children written after its own fields, as
/// [`Item`] serialises.
struct ItemView<'r, 'c, 'a> {
    ctx: &'r ItemContext<'c, 'a>,
    id: usize,
    cursor: &'r Cell<usize>,
}

impl Serialize for ItemView<'_, '_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let item = self.ctx.item(self.id);
        let fields = 7 + usize::from(item.body.is_some()) + usize::from(item.body_span.is_some());
        let mut s = serializer.serialize_struct("Item", fields)?;
        s.serialize_field("marker", &item.marker)?;
        s.serialize_field("family", &item.family)?;
        s.serialize_field("ordinal", &item.ordinal)?;
        s.serialize_field("title", &item.title)?;
        s.serialize_field("line", &item.line)?;
        s.serialize_field("span", &item.span)?;
        if let Some(v) = &item.body {
            s.serialize_field("body", v)?;
        }
        if let Some(v) = &item.body_span {
            s.serialize_field("body_span", v)?;
        }
        s.serialize_field("children", &Children { ctx: self.ctx, parent: Some(self.id), cursor: self.cursor })?;
        s.end()
    }
}
