//! Markdown: items as headings (`#` per depth, to `######`), deeper items as
//! nested lists, the marker kept in the text ("## （一）在服务大局上展现新作为").
//! Several documents in one file: each document's title is a `#` heading and
//! its items start one level lower. `--full` adds bodies as paragraphs.
//!
//! Splitting this output on `#` headings (LangChain, LlamaIndex) gives one
//! chunk per item with its level taken from the numbering.

use std::fmt::Write as _;

use crate::outline::{Item, Outline};

/// The outline as Markdown.
pub fn markdown(outline: &Outline<'_>) -> String {
    let mut out = String::new();
    let several = outline.documents.len() > 1;
    for (n, doc) in outline.documents.iter().enumerate() {
        let title = doc.title.as_ref().map(|t| t.text.as_ref());
        if several {
            let name = title.map_or_else(|| format!("Document {}", n + 1), inline);
            let _ = writeln!(out, "# {name}\n");
        } else if let Some(t) = title {
            // One document: its title as a plain line, so that heading levels
            // stay those of the numbering.
            let _ = writeln!(out, "{}\n", inline(t));
        }
        for text in [&doc.front_matter, &doc.preamble].into_iter().flatten() {
            paragraphs(&mut out, text, 0);
        }
        for item in &doc.items {
            write_item(&mut out, item, usize::from(several) + 1);
        }
        if let Some(c) = &doc.closing {
            let _ = writeln!(out, "{}\n", inline(&c.text));
        }
        if let Some(t) = &doc.back_matter {
            paragraphs(&mut out, t, 0);
        }
    }
    out
}

/// Headings as deep as Markdown goes; deeper items become list entries.
const MAX_HEADING: usize = 6;

fn write_item(out: &mut String, item: &Item<'_>, level: usize) {
    let text = inline(&item.heading());
    if level <= MAX_HEADING {
        let _ = writeln!(out, "{} {text}\n", "#".repeat(level));
        if let Some(body) = &item.body {
            paragraphs(out, body, 0);
        }
    } else {
        let indent = "  ".repeat(level - MAX_HEADING - 1);
        let _ = writeln!(out, "{indent}- {text}\n");
        if let Some(body) = &item.body {
            paragraphs(out, body, level - MAX_HEADING);
        }
    }
    for child in &item.children {
        write_item(out, child, level + 1);
    }
}

/// Body text as paragraphs, indented `depth` list levels, each line escaped
/// so that it cannot start a heading, a list or a quote.
fn paragraphs(out: &mut String, text: &str, depth: usize) {
    let indent = "  ".repeat(depth);
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let _ = writeln!(out, "{indent}{}\n", block_safe(&inline(line)));
    }
}

/// Escapes what Markdown would read as inline syntax.
fn inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Escapes a line start that Markdown would read as a block: "1. ", "- ",
/// "+ ", "= " and the like.
fn block_safe(line: &str) -> String {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let after = &line[digits..];
    if digits > 0 && (after.starts_with(". ") || after.starts_with(") ") || after == "." || after == ")") {
        return format!("{}\\{}", &line[..digits], after);
    }
    if line.starts_with(['-', '+', '=']) {
        return format!("\\{line}");
    }
    line.to_string()
}
