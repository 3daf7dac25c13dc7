//! Structure: from candidate markers to documents and their outline trees.
//!
//! - [`frame`] splits the text into documents and finds each one's title,
//!   salutation and boilerplate;
//! - [`tree`] decides which candidates are items and where each one nests;
//! - this module puts titles (and, with `--full`, bodies) on the items.

mod frame;
mod tree;

use crate::blocks::{self, Line};
use crate::diagnostic::Diagnostic;
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
pub fn outline(grammar: &Grammar, text: &str, options: Options) -> Outline {
    let lines = blocks::lines(text);
    let index = LineIndex::new(text);
    let cands = grammar::scan(grammar, text, &lines);
    let mut diagnostics = Vec::new();
    let frames = frame::documents(text, &lines, &cands);
    let mut documents = Vec::with_capacity(frames.len());
    for f in &frames {
        let in_doc: Vec<Candidate> = cands
            .iter()
            .filter(|c| c.start >= f.body.start && c.start < f.body.end)
            .copied()
            .collect();
        let tree = tree::build(grammar, text, &index, &in_doc, &f.breaks, &mut diagnostics);
        let items = items(grammar, text, &lines, &tree, options);
        documents.push(f.to_document(text, &lines, items));
    }
    diagnostics.sort_by_key(|d: &Diagnostic| (d.span.start, d.code));
    Outline {
        version: SCHEMA_VERSION,
        source: Source {
            path: None,
            encoding: "utf-8".into(),
            bytes: text.len(),
            lines: lines.len(),
        },
        profile: grammar.profile().name.clone(),
        documents,
        diagnostics,
    }
}

/// Sentence terminators that end a title (ASCII forms too, as scraped text uses them).
fn ends_title(c: char) -> bool {
    matches!(
        c,
        '。' | '！' | '？' | '；' | '：' | '!' | '?' | ';' | ':' | '︰'
    )
}

/// Where a title ends in `region`: at the first sentence terminator. An ASCII
/// terminator counts only before something that is not an ASCII letter or
/// digit ("12:30", a stray "?" before pinyin are not the end of a sentence).
fn title_end(region: &str) -> usize {
    let mut chars = region.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if ends_title(c) {
            let ascii_inside =
                c.is_ascii() && chars.peek().is_some_and(|(_, n)| n.is_ascii_alphanumeric());
            if !ascii_inside {
                return at;
            }
        }
    }
    region.len()
}

/// Turns the arena tree into nested [`Item`]s with titles.
fn items(
    grammar: &Grammar,
    text: &str,
    lines: &[Line],
    tree: &Tree,
    options: Options,
) -> Vec<Item> {
    // Where each item's title must stop at the latest: the next item on its line.
    let mut limits = vec![usize::MAX; tree.nodes.len()];
    for (i, n) in tree.nodes.iter().enumerate() {
        if let Some(next) = tree.nodes.get(i + 1)
            && next.cand.line == n.cand.line
        {
            limits[i] = next.cand.start;
        }
    }
    let ctx = ItemContext {
        grammar,
        text,
        lines,
        tree,
        limits,
        options,
    };
    tree.roots.iter().map(|&r| ctx.item(r)).collect()
}

struct ItemContext<'a> {
    grammar: &'a Grammar,
    text: &'a str,
    lines: &'a [Line],
    tree: &'a Tree,
    limits: Vec<usize>,
    options: Options,
}

impl ItemContext<'_> {
    fn item(&self, id: usize) -> Item {
        let n = &self.tree.nodes[id];
        let c = &n.cand;
        let line = &self.lines[c.line];
        let title = title_span(self.text, c.end(), line.end.min(self.limits[id]));
        let _ = self.options;
        Item {
            marker: self.text[c.start..c.end()].to_string(),
            family: self.grammar.family(c.m.family).id.clone(),
            ordinal: n.ordinal,
            title: title.of(self.text).to_string(),
            line: c.line + 1,
            span: Span::new(c.start, title.end.max(c.end())),
            body: None,
            children: n.children.iter().map(|&k| self.item(k)).collect(),
        }
    }
}

/// The title of an item whose marker ends at `start`: up to the first sentence
/// terminator or `limit`, without surrounding white space, Markdown emphasis or
/// trailing commas.
fn title_span(text: &str, start: usize, limit: usize) -> Span {
    let limit = limit.max(start).min(text.len());
    let region = &text[start..limit];
    let lead = region.len()
        - region
            .trim_start_matches(|c: char| grammar::is_space(c) || c == '*')
            .len();
    let region = &region[lead..];
    let end = title_end(region);
    let title = region[..end].trim_end_matches(|c: char| {
        grammar::is_space(c) || matches!(c, '*' | '，' | ',' | '、' | '\r' | '\n')
    });
    Span::new(start + lead, start + lead + title.len())
}
