//! Paragraph items: the 款 of a PRC article, the 項 of a Taiwan one.
//!
//! A 款 has no marker: it is a paragraph of its article, numbered by position
//! (第十条第二款 is the article's second paragraph). Profiles that model them
//! name the family whose items are split (`paragraphs: {under: article, id:
//! kuan}`). An article of one paragraph gets no paragraph items, as a
//! citation then names the article alone (第五条第（一）项).

use crate::blocks::Line;
use crate::grammar::{Candidate, Grammar, is_space};
use crate::span::Span;

use super::items::title_span;
use super::tree::Tree;

/// One paragraph item.
#[derive(Clone, Copy, Debug)]
pub(super) struct Paragraph {
    /// The node (article) it belongs to.
    pub owner: usize,
    /// Its position in the article, from 1.
    pub ordinal: u32,
    /// 0-based line where it starts.
    pub line: usize,
    /// Its first sentence: the article's own title for the first paragraph
    /// when that shares the article's line.
    pub title: Span,
    /// Where its item starts: where its title does, or for a first
    /// paragraph that shares the article's title, where that title ends (the
    /// item claims no bytes of its own).
    pub at: usize,
}

impl Paragraph {
    /// Where the paragraph's item starts in the text.
    pub fn start(&self) -> usize {
        self.at
    }
}

/// The paragraph items of the document's nodes, in text order.
pub(super) fn find(
    grammar: &Grammar,
    text: &str,
    lines: &[Line],
    cands: &[Candidate],
    tree: &Tree,
    titles: &[super::items::TitleSpan],
    body_end: usize,
) -> Vec<Paragraph> {
    let Some(spec) = &grammar.profile().paragraphs else { return Vec::new() };
    let Some(under) = grammar.family_index(&spec.under) else { return Vec::new() };
    let nodes = &tree.nodes;
    let mut out = Vec::new();
    for (a, node) in nodes.iter().enumerate() {
        let c = &cands[node.index()];
        if usize::from(c.m.family) != under {
            continue;
        }
        // The article's text runs to the first node that is not inside it.
        let inside = |j: usize| {
            let mut p = nodes[j].parent;
            while let Some(q) = p {
                if q as usize == a {
                    return true;
                }
                p = nodes[q as usize].parent;
            }
            false
        };
        // (Or to an article nested inside it, which only broken numbering
        // makes: each paragraph then belongs to the nearer article.)
        let after =
            (a + 1..nodes.len()).find(|&j| !inside(j) || usize::from(cands[nodes[j].index()].m.family) == under);
        let end = after.map_or(body_end, |j| cands[nodes[j].index()].start());
        let own_items = &nodes[a + 1..after.unwrap_or(nodes.len())];
        // Lines where one of the article's own items starts: a 项 list inside a 款.
        let item_lines: Vec<usize> = own_items
            .iter()
            .map(|n| &cands[n.index()])
            .filter(|d| lines.get(d.line()).is_some_and(|l| visible_start(text, l) == d.start()))
            .map(Candidate::line)
            .collect();
        let first = out.len();
        let mut ordinal = 0;
        // The article's own text on its line, up to an item inside it.
        let own_end = own_items
            .first()
            .map(|n| cands[n.index()].start())
            .filter(|&s| s < lines[c.line()].end())
            .unwrap_or(lines[c.line()].end())
            .max(c.end());
        let own_text = text[c.end()..own_end].trim_matches(is_space);
        if !own_text.is_empty() {
            ordinal += 1;
            let title: Span = titles[a].into();
            out.push(Paragraph { owner: a, ordinal, line: c.line(), title, at: title.end.max(c.end()) });
        }
        for (i, line) in lines.iter().enumerate().skip(c.line() + 1) {
            // The next heading may share its line's start only after a prefix (## 第二章).
            if line.start() >= end || (!line.is_blank() && visible_start(text, line) >= end) {
                break;
            }
            if line.is_blank() || line.continues() || item_lines.binary_search(&i).is_ok() {
                continue;
            }
            ordinal += 1;
            // A paragraph's title stops where an item inside it begins (一是…).
            let limit = own_items
                .iter()
                .map(|n| cands[n.index()].start())
                .find(|&s| s > line.content_start() && s < line.end())
                .unwrap_or(line.end())
                // The next article may start on this line, after a gap.
                .min(end);
            let title = title_span(text, line.content_start(), limit);
            out.push(Paragraph { owner: a, ordinal, line: i, title, at: title.start });
        }
        if ordinal < 2 {
            out.truncate(first);
        }
    }
    out
}

/// Where the first visible character of a line stands: after its
/// indentation, its prefixes and any emphasis marks (`*` before a marker).
fn visible_start(text: &str, line: &Line) -> usize {
    let content = line.content(text);
    line.content_start() + content.len() - content.trim_start_matches(|c: char| is_space(c) || c == '*').len()
}
