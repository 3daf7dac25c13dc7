//! `tigang diff` output: the changed branches of the outline with
//! `+` added, `-` removed, `~` changed and `→` moved marks, or Markdown for
//! a review.
//!
//! ```text
//! + 二、基本原则                                   line 2
//! ~ 三、主要任务        二、→三、 renumbered
//!   三、主要任务
//! ~   （一）加强[+干部+]队伍建设                  retitled
//! ```

use std::fmt::Write as _;

use crate::diff::{Aspect, Change, Diff, Kind, title_changes};

/// Colours and how much to show.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DiffStyle {
    /// ANSI colours (for a terminal).
    pub color: bool,
}

const RED: &str = "\u{1b}[31m";
const GREEN: &str = "\u{1b}[32m";
const YELLOW: &str = "\u{1b}[33m";
const CYAN: &str = "\u{1b}[36m";
const DIM: &str = "\u{1b}[2m";
const RESET: &str = "\u{1b}[0m";

/// The one-line count of what changed.
pub fn diff_summary(diff: &Diff) -> String {
    let s = &diff.summary;
    if diff.is_unchanged() {
        return format!("no structural change ({} items)", s.new_items);
    }
    let mut parts = vec![
        format!("{} added", s.added),
        format!("{} removed", s.removed),
        format!("{} renumbered", s.renumbered),
        format!("{} retitled", s.retitled),
        format!("{} moved", s.moved),
    ];
    if s.restyled > 0 {
        parts.push(format!("{} restyled", s.restyled));
    }
    if s.bodies > 0 {
        parts.push(format!("{} bodies changed", s.bodies));
    }
    if s.new_diagnostics + s.resolved_diagnostics > 0 {
        parts.push(format!("{} new and {} resolved diagnostics", s.new_diagnostics, s.resolved_diagnostics));
    }
    format!("{} ({} items → {})", parts.join(", "), s.old_items, s.new_items)
}

/// The changes as an indented outline: each change under the headings
/// above it (shown once, dimmed), then the diagnostics that appeared or went.
pub fn diff_text(diff: &Diff, style: DiffStyle) -> String {
    let paint = |code: &'static str, text: &str| {
        if style.color { format!("{code}{text}{RESET}") } else { text.to_string() }
    };
    let mut out = String::new();
    let mut context: Vec<String> = Vec::new();
    for change in &diff.changes {
        let Some(side) = change.new.as_ref().or(change.old.as_ref()) else { continue };
        // The headings above it that were not just shown.
        let shared = context.iter().zip(&side.parents).take_while(|(a, b)| a == b).count();
        for (depth, heading) in side.parents.iter().enumerate().skip(shared) {
            let _ = writeln!(out, "  {}{}", "  ".repeat(depth), paint(DIM, heading));
        }
        context.clone_from(&side.parents);
        let indent = "  ".repeat(side.depth.saturating_sub(1));
        let line = match change.kind {
            Kind::Added | Kind::Removed => {
                let (sign, colour, which) =
                    if change.kind == Kind::Added { ('+', GREEN, "new") } else { ('-', RED, "old") };
                let under = if change.descendants > 0 {
                    format!(" (and {} under it)", change.descendants)
                } else {
                    String::new()
                };
                paint(colour, &format!("{sign} {indent}{}{under}    {which} line {}", side.heading, side.line))
            }
            Kind::Changed => changed_line(change, &indent, style),
            Kind::Unchanged => format!("  {indent}{}", side.heading),
        };
        out.push_str(&line);
        out.push('\n');
        context.push(side.heading.clone());
    }
    for (sign, code, list) in [("+", RED, &diff.new_diagnostics), ("-", GREEN, &diff.resolved_diagnostics)] {
        for d in list {
            let _ = writeln!(
                out,
                "{}",
                paint(code, &format!("{sign} {}[{}] line {}: {}", d.severity, d.code, d.line, d.message))
            );
        }
    }
    out
}

fn changed_line(change: &Change, indent: &str, style: DiffStyle) -> String {
    let (Some(old), Some(new)) = (&change.old, &change.new) else { return String::new() };
    let paint = |code: &'static str, text: &str| {
        if style.color { format!("{code}{text}{RESET}") } else { text.to_string() }
    };
    let moved = change.aspects.contains(&Aspect::Moved);
    let mark = if moved { paint(CYAN, "→") } else { paint(YELLOW, "~") };
    let mut heading = new.heading.clone();
    if change.aspects.contains(&Aspect::Retitled) {
        heading.clone_from(&new.label);
        for (kind, run) in title_changes(&old.title, &new.title) {
            heading.push_str(&match kind {
                Kind::Unchanged | Kind::Changed => run,
                Kind::Removed => paint(RED, &format!("[-{run}-]")),
                Kind::Added => paint(GREEN, &format!("{{+{run}+}}")),
            });
        }
    }
    let mut notes: Vec<String> = Vec::new();
    if change.aspects.contains(&Aspect::Renumbered) || change.aspects.contains(&Aspect::Restyled) {
        notes.push(format!("{}→{}", old.label, new.label));
    }
    let names: Vec<String> = change
        .aspects
        .iter()
        .map(|a| match (a, change.body) {
            (Aspect::Body, Some(b)) => {
                format!("body ({} sentences removed, {} added, {} kept)", b.removed, b.added, b.kept)
            }
            _ => a.as_str().to_string(),
        })
        .collect();
    notes.push(names.join(", "));
    if moved {
        let from = if old.parents.is_empty() { "the top level".to_string() } else { old.parents.join(" > ") };
        notes.push(format!("from {from}, old line {}", old.line));
    }
    format!("{mark} {indent}{heading}    {}", notes.join("; "))
}

/// The changes as a Markdown list, to paste into a review.
pub fn diff_markdown(diff: &Diff, old_name: &str, new_name: &str) -> String {
    let mut out = format!("### {old_name} → {new_name}\n\n{}\n\n", diff_summary(diff));
    for change in &diff.changes {
        let Some(side) = change.new.as_ref().or(change.old.as_ref()) else { continue };
        let indent = "  ".repeat(side.depth.saturating_sub(1));
        let place =
            if side.parents.is_empty() { String::new() } else { format!(" (under {})", side.parents.join(" > ")) };
        let what = match change.kind {
            Kind::Unchanged => side.heading.clone(),
            Kind::Added => format!("**added** {}{place}, line {}", side.heading, side.line),
            Kind::Removed => format!("**removed** ~~{}~~{place}, old line {}", side.heading, side.line),
            Kind::Changed => {
                let names: Vec<&str> = change.aspects.iter().map(|a| a.as_str()).collect();
                let old = change.old.as_ref().map_or("", |o| o.heading.as_str());
                format!("**{}** {old} → {}{place}, line {}", names.join(", "), side.heading, side.line)
            }
        };
        let _ = writeln!(out, "{indent}- {what}");
    }
    for (what, list) in [("new", &diff.new_diagnostics), ("resolved", &diff.resolved_diagnostics)] {
        for d in list {
            let _ = writeln!(out, "- {what} {}: `{}` line {}: {}", d.severity, d.code, d.line, d.message);
        }
    }
    out
}
