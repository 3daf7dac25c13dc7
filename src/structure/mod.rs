//! Structure: from candidate markers to documents and their outline trees.
//!
//! - `frame` splits the text into documents and finds each one's title,
//!   salutation and boilerplate;
//! - `tree` decides which candidates are items and where each one nests;
//! - this module puts titles (and, with `--full`, bodies) on the items.

mod check;
pub(crate) mod classify;
pub(crate) mod frame;
mod items;
mod links;
mod paragraphs;
mod toc;
mod tree;

use std::borrow::Cow;

use crate::blocks::{self, Line};
use crate::diagnostic::{Diagnostic, Finding};
use crate::grammar::{self, Candidate, Grammar};
use crate::outline::{Document, Outline, SCHEMA_VERSION, Source, TextLine, Toc};
use crate::span::{LineIndex, Span};

pub(crate) use items::OutlineView;
use items::{ItemContext, Skeleton};

/// What to put in the outline beyond titles.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// Add bodies and front/back matter so that no text is lost.
    pub full: bool,
}

/// A parsed text: each document's frame and its items in compact form. An
/// [`Outline`] is made from it ([`Parsed::into_outline`]), or it is written
/// out directly ([`Parsed::view`]) without ever holding the items.
pub(crate) struct Parsed<'g, 'a> {
    grammar: &'g Grammar,
    text: &'a str,
    options: Options,
    source: Source,
    cands: Vec<Candidate>,
    documents: Vec<(Document<'a>, Skeleton)>,
    diagnostics: Vec<Diagnostic>,
}

/// Builds the outline of `text` with `grammar`.
pub fn outline<'a>(grammar: &Grammar, text: &'a str, options: Options) -> Outline<'a> {
    parse(grammar, text, options).into_outline()
}

/// Parses `text` with `grammar` into documents and compact items.
///
/// In two phases, so that a dense text never holds everything at once: the
/// frame of every document is found while the lines are at hand; then the
/// lines go (but for their ends, and all of them for profiles with paragraph
/// items) and each document's items are placed.
pub(crate) fn parse<'g, 'a>(grammar: &'g Grammar, text: &'a str, options: Options) -> Parsed<'g, 'a> {
    let lines = blocks::lines(text);
    let mut cands = grammar::scan(grammar, text, &lines);
    cands.shrink_to_fit();
    let line_count = lines.len();
    // Phase 1: documents, their frames, tables of contents and matter.
    let frames = frame::documents(grammar, text, &lines, &cands);
    let mut documents: Vec<(Document<'a>, Skeleton)> = Vec::with_capacity(frames.len());
    // What phase 2 needs of each frame: where its body starts, its breaks
    // and (with `--full`) where its matter lies.
    let mut staged = Vec::with_capacity(frames.len());
    let mut front_findings = Vec::new();
    for f in frames {
        // Candidates are in text order: a document's are one slice.
        let from = cands.partition_point(|c| c.start() < f.body.start);
        front_findings.extend(outside_body(text, &lines, &cands, &f));
        let to = cands.partition_point(|c| c.start() < f.body.end).max(from);
        // A table of contents stands before the first item: its headings are
        // the slice's first candidates.
        let toc = toc::find(grammar, text, &lines, &cands[from..to], &f.body);
        let from = match &toc {
            Some(t) => from + cands[from..to].partition_point(|c| c.start() < t.range.end),
            None => from,
        };
        let mut doc = f.to_document(text, &lines, Vec::new());
        if let Some(t) = &toc {
            let text_line = |i: usize| TextLine { text: Cow::Borrowed(lines[i].content(text)), line: i + 1 };
            doc.toc =
                Some(Toc { heading: text_line(t.heading), entries: t.entries.iter().map(|&i| text_line(i)).collect() });
        }
        let matter = options.full.then(|| f.matter(text, &lines, toc.as_ref().map(|t| &t.range)));
        documents.push((doc, Skeleton { cands: from..to, body_end: f.body.end, ..Skeleton::default() }));
        staged.push((f.body.start, f.breaks, matter));
    }
    // Phase 2: the items of each document.
    let index = LineIndex::from_lines(&lines);
    let ends: Vec<u32> = lines.iter().map(|l| u32::try_from(l.end()).unwrap_or(u32::MAX)).collect();
    let lines = grammar.profile().paragraphs.is_some().then_some(lines);
    let mut findings: Vec<Finding> = front_findings;
    if text.len() > blocks::MAX_TEXT {
        findings.push(Finding::input_too_large(blocks::MAX_TEXT));
    }
    for ((doc, skeleton), (body_start, breaks, matter)) in documents.iter_mut().zip(staged) {
        let in_doc = &cands[skeleton.cands.clone()];
        let body_end = skeleton.body_end;
        let tree = tree::build(grammar, text, in_doc, &breaks, &mut findings);
        let titles = items::titles(text, &ends, in_doc, &tree);
        check::counts(grammar, text, body_start, in_doc, &tree, &mut findings);
        check::long_titles(grammar, text, &ends, in_doc, &tree, &titles, &mut findings);
        let paragraphs = match &lines {
            Some(lines) => paragraphs::find(grammar, text, lines, in_doc, &tree, &titles, body_end),
            None => Vec::new(),
        };
        let entries = items::entries(in_doc, &tree, &paragraphs);
        if !paragraphs.is_empty() {
            // A list that starts at 一 in a new 款 (項) of its article starts
            // fresh there: no restart to report.
            let fresh = items::first_items_of_paragraphs(&entries, in_doc, &tree);
            findings.retain(|d| {
                d.code() != crate::Code::RestartedSequence || fresh.binary_search(&d.span().start).is_err()
            });
        }
        if let Some(m) = &matter {
            let first_item = tree.nodes.first().map_or(body_end, |n| in_doc[n.index()].start());
            m.fill(text, first_item, doc);
        }
        *skeleton = Skeleton { cands: skeleton.cands.clone(), tree, titles, paragraphs, entries, body_end };
    }
    drop(ends);
    // The messages are written now that the outline is built.
    findings.sort_by_key(|f| (f.span().start, f.code()));
    let mut columns = index.cursor(text);
    let diagnostics: Vec<Diagnostic> = findings.into_iter().map(|f| f.render_at(grammar, text, &mut columns)).collect();
    let source =
        Source { path: None, format: "text".into(), encoding: "utf-8".into(), bytes: text.len(), lines: line_count };
    Parsed { grammar, text, options, source, cands, documents, diagnostics }
}

impl<'a> Parsed<'_, 'a> {
    /// The outline, with every item made.
    pub fn into_outline(self) -> Outline<'a> {
        let Parsed { grammar, text, options, source, cands, documents, diagnostics } = self;
        let documents = documents
            .into_iter()
            .map(|(mut doc, skeleton)| {
                let ctx =
                    ItemContext { grammar, text, cands: &cands[skeleton.cands.clone()], skeleton: &skeleton, options };
                doc.items = ctx.items();
                doc
            })
            .collect();
        Outline { version: SCHEMA_VERSION, source, profile: grammar.profile().name.clone(), documents, diagnostics }
    }

    /// The outline as a serde value that makes items while it is written.
    pub fn view<'v>(&'v self, profile: &'v str) -> OutlineView<'v, 'a> {
        OutlineView {
            grammar: self.grammar,
            text: self.text,
            options: self.options,
            source: &self.source,
            profile,
            cands: &self.cands,
            documents: &self.documents,
            diagnostics: &self.diagnostics,
        }
    }

    /// Facts about the input and the diagnostics, to fill in before writing.
    pub fn source_and_diagnostics_mut(&mut self) -> (&mut Source, &mut Vec<Diagnostic>) {
        (&mut self.source, &mut self.diagnostics)
    }

    /// How many items the outline has.
    pub fn item_count(&self) -> usize {
        self.documents.iter().map(|(_, s)| s.len()).sum()
    }
}

/// How much of the body's first line an outside-body finding quotes.
const BODY_QUOTE_CHARS: usize = 12;

/// Numbered lines of frame `f` that stand before its body: the frame put
/// them in the title block or before a salutation, and the outline will not
/// show them. Said once per document, at the first.
fn outside_body(text: &str, lines: &[Line], cands: &[Candidate], f: &frame::Frame) -> Option<Finding> {
    let doc_start = lines.get(f.lines.start).map_or(0, Line::start);
    let from = cands.partition_point(|c| c.start() < doc_start);
    let to = cands.partition_point(|c| c.start() < f.body.start).max(from);
    // The title block is the frame's own reading: a 3 in "#3 …座谈纪要" is
    // no item it dropped.
    let framed = |line: usize| f.title == Some(line) || f.subtitle.contains(&line);
    let opens =
        |c: &&Candidate| !framed(c.line()) && lines.get(c.line()).is_some_and(|l| l.content_start() == c.start());
    let mut front = cands[from..to].iter().filter(|c| c.at_line_start() && !c.m.weak).filter(opens);
    let first = front.next()?;
    let count = u32::try_from(front.count() + 1).unwrap_or(u32::MAX);
    let body = text.get(f.body.start..).unwrap_or("");
    let body = body.trim_start_matches(|c: char| grammar::is_space(c) || blocks::is_line_end(c));
    let shown = blocks::rest_of_line(body, 0).char_indices().nth(BODY_QUOTE_CHARS).map_or(body.len(), |(at, _)| at);
    let shown = shown.min(blocks::rest_of_line(body, 0).len());
    let start = text.len() - body.len();
    Some(Finding::outside_body(Span::new(first.start(), first.end()), count, Span::new(start, start + shown)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_over_4_gib_is_reported() {
        let index = LineIndex::new("");
        let d = Finding::input_too_large(blocks::MAX_TEXT).render_at(
            &Grammar::new(crate::Profile::speech()),
            "",
            &mut index.cursor(""),
        );
        assert_eq!((d.code, d.severity), (crate::Code::InputTooLarge, crate::Severity::Error));
        assert_eq!(d.message, "the text is longer than 4 GiB; only its first 4294967295 bytes were read");
    }
}
