//! Text: an indented tree for terminals, two spaces a level, line numbers at
//! the right (aligned in display columns: a CJK character is two wide).

use std::fmt::Write as _;

use unicode_width::UnicodeWidthStr;

use crate::outline::{Item, Outline};

/// The column where line numbers start, unless a heading is longer.
const NUMBER_COLUMN: usize = 64;

/// The outline as an indented tree.
pub fn text(outline: &Outline<'_>) -> String {
    let mut rows: Vec<(String, usize)> = Vec::new();
    let several = outline.documents.len() > 1;
    for (n, doc) in outline.documents.iter().enumerate() {
        if several || doc.title.is_some() {
            let (name, line) = match &doc.title {
                Some(t) => (t.text.to_string(), t.line),
                None => (format!("(document {})", n + 1), doc.lines[0]),
            };
            rows.push((format!("【{name}】"), line));
        }
        for item in &doc.items {
            collect(item, 0, &mut rows);
        }
    }
    let width = rows.iter().map(|(s, _)| s.width()).max().unwrap_or(0).min(NUMBER_COLUMN);
    let mut out = String::new();
    for (s, line) in rows {
        let pad = width.saturating_sub(s.width()) + 2;
        let _ = writeln!(out, "{s}{:pad$}{line:>5}", "");
    }
    out
}

fn collect(item: &Item<'_>, depth: usize, rows: &mut Vec<(String, usize)>) {
    rows.push((format!("{}{}", "  ".repeat(depth), item.heading()), item.line));
    for child in &item.children {
        collect(child, depth + 1, rows);
    }
}
