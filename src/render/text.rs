//! Text: an indented tree for terminals, two spaces a level, line numbers at
//! the right (aligned in display columns: a CJK character is two wide).
//! An outline parsed with `--full` shows each body under its heading,
//! indented one level deeper and without a line number.

use std::fmt::Write as _;

use unicode_width::UnicodeWidthStr;

use crate::outline::{Item, Outline};

/// The column where line numbers start, unless a heading is longer.
const NUMBER_COLUMN: usize = 64;

/// The outline as an indented tree.
pub fn text(outline: &Outline<'_>) -> String {
    // (text, line number); bodies have none.
    let mut rows: Vec<(String, Option<usize>)> = Vec::new();
    let several = outline.documents.len() > 1;
    for (n, doc) in outline.documents.iter().enumerate() {
        if several || doc.title.is_some() {
            let (name, line) = match &doc.title {
                Some(t) => (t.text.to_string(), t.line),
                None => (format!("(document {})", n + 1), doc.lines[0]),
            };
            rows.push((format!("【{name}】"), Some(line)));
        }
        if let Some(preamble) = &doc.preamble {
            body_rows(preamble, 0, &mut rows);
        }
        for item in &doc.items {
            collect(item, 0, &mut rows);
        }
    }
    let width = rows.iter().filter(|(_, l)| l.is_some()).map(|(s, _)| s.width()).max().unwrap_or(0).min(NUMBER_COLUMN);
    let mut out = String::new();
    for (s, line) in rows {
        match line {
            Some(line) => {
                let pad = width.saturating_sub(s.width()) + 2;
                let _ = writeln!(out, "{s}{:pad$}{line:>5}", "");
            }
            None => {
                let _ = writeln!(out, "{s}");
            }
        }
    }
    out
}

/// The lines of a body, indented to `depth`.
fn body_rows(body: &str, depth: usize, rows: &mut Vec<(String, Option<usize>)>) {
    for line in body.lines().filter(|l| !l.trim().is_empty()) {
        rows.push((format!("{}{line}", "  ".repeat(depth)), None));
    }
}

fn collect(item: &Item<'_>, depth: usize, rows: &mut Vec<(String, Option<usize>)>) {
    rows.push((format!("{}{}", "  ".repeat(depth), item.heading()), Some(item.line)));
    if let Some(body) = &item.body {
        body_rows(body, depth + 1, rows);
    }
    for child in &item.children {
        collect(child, depth + 1, rows);
    }
}
