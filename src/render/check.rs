//! `--check` output: diagnostics the way a compiler prints them.
//!
//! ```text
//! speech.txt:37:2: warning[skipped-ordinal]: 四、 follows 二、; expected 三、
//!    |
//! 37 |  四、突出团结民主，广泛凝心聚力
//!    |  ^^^^
//!    = help: 三、 is missing, or the numbering is off by 1
//! ```
//!
//! Carets are measured in display columns (a CJK character is two wide); a
//! long line (a whole speech on one line) is shown as a window around the
//! marker.

use std::fmt::Write as _;

use unicode_width::UnicodeWidthChar;

use crate::diagnostic::{Diagnostic, Severity};
use crate::span::LineIndex;

/// How wide the shown part of a source line may be, in display columns.
const WINDOW: usize = 72;

/// ANSI colours, or none.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CheckStyle {
    /// Colour the output (for a terminal).
    pub color: bool,
}

impl CheckStyle {
    fn paint(self, code: &str, s: &str) -> String {
        if self.color { format!("\x1b[{code}m{s}\x1b[0m") } else { s.to_string() }
    }
}

/// Counts of diagnostics by severity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// Errors.
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
    /// Notes.
    pub notes: usize,
}

impl Tally {
    /// Counts `diagnostics`.
    pub fn of(diagnostics: &[Diagnostic]) -> Tally {
        let mut t = Tally::default();
        for d in diagnostics {
            match d.severity {
                Severity::Error => t.errors += 1,
                Severity::Warning => t.warnings += 1,
                Severity::Note => t.notes += 1,
            }
        }
        t
    }

    /// Adds another tally.
    pub fn add(&mut self, other: Tally) {
        self.errors += other.errors;
        self.warnings += other.warnings;
        self.notes += other.notes;
    }

    /// Whether anything a writer must fix was found (notes do not count).
    pub fn failed(&self) -> bool {
        self.errors + self.warnings > 0
    }

    /// "2 warnings, 1 note" or "no problems".
    pub fn summary(&self) -> String {
        let part = |n: usize, one: &str| match n {
            0 => None,
            1 => Some(format!("1 {one}")),
            n => Some(format!("{n} {one}s")),
        };
        let parts: Vec<String> = [part(self.errors, "error"), part(self.warnings, "warning"), part(self.notes, "note")]
            .into_iter()
            .flatten()
            .collect();
        if parts.is_empty() { "no problems".into() } else { parts.join(", ") }
    }
}

/// The diagnostics of one input, each with a code frame, as text.
pub fn check_report(path: &str, text: &str, diagnostics: &[Diagnostic], style: CheckStyle) -> String {
    let index = LineIndex::new(text);
    let mut out = String::new();
    for d in diagnostics {
        let (color, name) = match d.severity {
            Severity::Error => ("1;31", "error"),
            Severity::Warning => ("1;33", "warning"),
            Severity::Note => ("1;36", "note"),
        };
        let _ = writeln!(
            out,
            "{path}:{}:{}: {}{}: {}",
            d.line,
            d.column,
            style.paint(color, name),
            style.paint("1", &format!("[{}]", d.code)),
            d.message
        );
        let line_text = line_of(text, &index, d.line);
        let gutter = d.line.to_string().len();
        let bar = style.paint("1;34", "|");
        let (shown, caret_at, caret_len) = frame(line_text, text, &index, d);
        let _ = writeln!(out, "{:gutter$} {bar}", "");
        let _ = writeln!(out, "{} {bar} {shown}", style.paint("1;34", &d.line.to_string()));
        let _ =
            writeln!(out, "{:gutter$} {bar} {:caret_at$}{}", "", "", style.paint(color, &"^".repeat(caret_len.max(1))));
        if let Some(help) = &d.help {
            let _ = writeln!(out, "{:gutter$} {} help: {help}", "", style.paint("1;34", "="));
        }
        out.push('\n');
    }
    out
}

/// The text of 1-based line `n`, without its line end.
fn line_of<'t>(text: &'t str, index: &LineIndex, n: usize) -> &'t str {
    let start = index.start_of(n).unwrap_or(text.len());
    let rest = &text[start..];
    let end = rest.find(['\n', '\r']).unwrap_or(rest.len());
    &rest[..end]
}

/// The part of the line to show, the caret's column in it and the caret's
/// width, all in display columns.
fn frame(line: &str, text: &str, index: &LineIndex, d: &Diagnostic) -> (String, usize, usize) {
    let line_start = index.start_of(d.line).unwrap_or(0);
    let rel_start = d.span.start.saturating_sub(line_start).min(line.len());
    let rel_end = d.span.end.saturating_sub(line_start).clamp(rel_start, line.len());
    let width = |s: &str| s.chars().map(|c| if c == '\t' { 4 } else { c.width().unwrap_or(0) }).sum::<usize>();
    let show = |s: &str| s.replace('\t', "    ");
    let caret_len = width(text.get(d.span.start..d.span.end).unwrap_or("")).max(1);
    let (before, after) = (line.get(..rel_start).unwrap_or(""), line.get(rel_end..).unwrap_or(""));
    let marker = line.get(rel_start..rel_end).unwrap_or("");
    if width(line) <= WINDOW {
        return (show(line), width(before), caret_len);
    }
    // A long line: some context before the marker, as much after as fits.
    let mut lead = String::new();
    for c in before.chars().rev() {
        if width(&lead) + c.width().unwrap_or(0) > WINDOW / 3 {
            break;
        }
        lead.insert(0, c);
    }
    let cut_before = lead.len() < before.len();
    let mut tail = String::new();
    for c in after.chars() {
        if width(&lead) + width(marker) + width(&tail) + c.width().unwrap_or(0) > WINDOW {
            break;
        }
        tail.push(c);
    }
    let cut_after = tail.len() < after.len();
    let prefix = if cut_before { "…" } else { "" };
    let shown = format!("{prefix}{}{}{}{}", show(&lead), marker, show(&tail), if cut_after { "…" } else { "" });
    (shown, width(prefix) + width(&lead), caret_len)
}
