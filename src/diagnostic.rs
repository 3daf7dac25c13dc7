//! Diagnostics: what a writer should look at. Parsing never fails; it reports.

use serde::{Deserialize, Serialize};

use crate::grammar::Grammar;
use crate::span::{Columns, Span};

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    /// Worth knowing; not a defect (a numbering that restarts after a part).
    Note,
    /// Probably a defect in the numbering.
    Warning,
    /// Certainly a defect.
    Error,
}

/// What kind of problem a diagnostic reports (stable codes, kebab-case).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Code {
    /// 一、 二、 四、: 三、 is missing.
    SkippedOrdinal,
    /// Two （二） in one sequence.
    RepeatedOrdinal,
    /// A sequence that starts at （二）.
    NotFromOne,
    /// 一、 … 四、 then 一、 again in the same document.
    RestartedSequence,
    /// "下面，我讲三点意见：" followed by four items.
    CountMismatch,
    /// （一) with brackets of two widths, or （一） and (二) in one sequence.
    MixedBrackets,
    /// 1. and 2、 (or 一、 and 二．) in one sequence.
    MixedDelimiters,
    /// 一是 with no 二是, 首先 with no 其次 or 最后.
    LonelyItem,
    /// A higher level used below a lower one: （一） under 1. (GB/T 15834 B.3.8).
    LevelInversion,
    /// A standalone heading longer than the profile's limit.
    TitleTooLong,
    /// Bytes that do not decode were replaced by U+FFFD (`--lossy`).
    UndecodableBytes,
    /// A text longer than 4 GiB: only its first 4 GiB were read.
    InputTooLarge,
    /// Numbered lines the document frame left out of the body (before a
    /// late salutation, say): not in the outline.
    OutsideBody,
}

impl Code {
    /// Every code, in the order they are documented.
    pub const ALL: [Code; 13] = [
        Code::SkippedOrdinal,
        Code::RepeatedOrdinal,
        Code::NotFromOne,
        Code::RestartedSequence,
        Code::CountMismatch,
        Code::MixedBrackets,
        Code::MixedDelimiters,
        Code::LonelyItem,
        Code::LevelInversion,
        Code::TitleTooLong,
        Code::UndecodableBytes,
        Code::InputTooLarge,
        Code::OutsideBody,
    ];

    /// The code as written in output (`skipped-ordinal`).
    pub fn as_str(self) -> &'static str {
        match self {
            Code::SkippedOrdinal => "skipped-ordinal",
            Code::RepeatedOrdinal => "repeated-ordinal",
            Code::NotFromOne => "not-from-one",
            Code::RestartedSequence => "restarted-sequence",
            Code::CountMismatch => "count-mismatch",
            Code::MixedBrackets => "mixed-brackets",
            Code::MixedDelimiters => "mixed-delimiters",
            Code::LonelyItem => "lonely-item",
            Code::LevelInversion => "level-inversion",
            Code::TitleTooLong => "title-too-long",
            Code::UndecodableBytes => "undecodable-bytes",
            Code::InputTooLarge => "input-too-large",
            Code::OutsideBody => "outside-body",
        }
    }

    /// How serious the problem usually is.
    pub fn severity(self) -> Severity {
        match self {
            Code::RestartedSequence | Code::LonelyItem | Code::TitleTooLong => Severity::Note,
            Code::InputTooLarge => Severity::Error,
            _ => Severity::Warning,
        }
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// Something a writer should look at, with its place in the text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive] // fields are added in minor versions (the schema grows)
pub struct Diagnostic {
    /// How serious it is.
    pub severity: Severity,
    /// What kind of problem it is.
    pub code: Code,
    /// One sentence for the writer.
    pub message: String,
    /// Bytes of the marker concerned.
    pub span: Span,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// How to fix it, when there is something to say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

/// A problem as found while the outline is built: compact (28 bytes, for a
/// dense text has many), with what its message needs; the message is
/// written once the outline is ([`Finding::render`]). One constructor per
/// code, so that every message is in this file.
#[derive(Clone, Debug)]
pub(crate) enum Finding {
    /// Most codes: spans and numbers.
    Compact(Compact),
    /// A diagnostic written when found (rare codes whose message lists
    /// several markers).
    Written(Box<Diagnostic>),
}

/// The fields of a compact finding; what `a`, `b` and `other` mean depends
/// on the code (see the constructors).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Compact {
    code: Code,
    note: bool,
    family: u16,
    span: (u32, u32),
    other: (u32, u32),
    a: u32,
    b: u32,
}

/// A span in 32 bits (texts are at most 4 GiB).
fn narrow(s: Span) -> (u32, u32) {
    let at = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    (at(s.start), at(s.end))
}

fn wide((start, end): (u32, u32)) -> Span {
    Span::new(start as usize, end as usize)
}

fn compact(code: Code, family: u16, span: Span, other: Span, a: u32, b: u32) -> Finding {
    Finding::Compact(Compact { code, note: false, family, span: narrow(span), other: narrow(other), a, b })
}

impl Finding {
    /// `marker` (of `family`) follows `previous` but `expected` was due: one
    /// or two numbers are missing.
    pub(crate) fn skipped_ordinal(marker: Span, previous: Span, family: u16, expected: u32, found: u32) -> Finding {
        compact(Code::SkippedOrdinal, family, marker, previous, expected, found)
    }

    /// `marker` repeats the ordinal of `previous`; `next` was due.
    pub(crate) fn repeated_ordinal(marker: Span, previous: Span, family: u16, next: u32) -> Finding {
        compact(Code::RepeatedOrdinal, family, marker, previous, next, 0)
    }

    /// `marker` starts again at 1 after `previous`.
    pub(crate) fn restarted_sequence(marker: Span, previous: Span) -> Finding {
        compact(Code::RestartedSequence, 0, marker, Span::default(), 0, 0).with_other(previous)
    }

    /// A numbering of `family` that starts at `first`, not 1: a note for
    /// divisions (an amendment's articles go on from an earlier text), a
    /// warning otherwise.
    pub(crate) fn not_from_one(marker: Span, family: u16, first: u32, division: bool) -> Finding {
        let mut f = compact(Code::NotFromOne, family, marker, Span::default(), first, 0);
        if let Finding::Compact(c) = &mut f {
            c.note = division;
        }
        f
    }

    /// A first member (of `family`) that needs a second and got none.
    pub(crate) fn lonely_item(marker: Span, family: u16) -> Finding {
        compact(Code::LonelyItem, family, marker, Span::default(), 0, 0)
    }

    /// （一) with brackets of two widths.
    pub(crate) fn unpaired_brackets(marker: Span) -> Finding {
        compact(Code::MixedBrackets, 0, marker, Span::default(), u32::MAX, 0)
    }

    /// `marker` (ordinal `ordinal`) is spelled unlike `first` (of
    /// `first_family`) in one sequence: brackets (`enclosed`) or delimiters.
    pub(crate) fn mixed_spelling(
        marker: Span,
        first: Span,
        first_family: u16,
        ordinal: u32,
        enclosed: bool,
    ) -> Finding {
        let code = if enclosed { Code::MixedBrackets } else { Code::MixedDelimiters };
        compact(code, first_family, marker, first, ordinal, 0)
    }

    /// `marker` nested under `parent`, a heading of a lower level.
    pub(crate) fn level_inversion(marker: Span, parent: Span) -> Finding {
        compact(Code::LevelInversion, 0, marker, parent, 0, 0)
    }

    /// `phrase` announces `count` members, but `markers` follow.
    pub(crate) fn count_mismatch(phrase: Span, phrase_text: &str, count: u32, markers: &[&str]) -> Finding {
        let found = markers.len();
        Finding::Written(Box::new(Diagnostic {
            severity: Code::CountMismatch.severity(),
            code: Code::CountMismatch,
            message: format!("{phrase_text} announces {count}, but {found} follow"),
            span: phrase,
            line: 0,
            column: 0,
            help: Some(format!("found {found}: {}", markers.join(" "))),
        }))
    }

    /// A standalone heading of `chars` characters, over the profile's `limit`.
    pub(crate) fn title_too_long(marker: Span, chars: u32, limit: u32) -> Finding {
        compact(Code::TitleTooLong, 0, marker, Span::default(), chars, limit)
    }

    /// `count` numbered lines, the first at `marker`, stand before the body,
    /// which starts at `body`.
    pub(crate) fn outside_body(marker: Span, count: u32, body: Span) -> Finding {
        compact(Code::OutsideBody, 0, marker, body, count, 0)
    }

    /// A text longer than 4 GiB, read up to byte `read`.
    pub(crate) fn input_too_large(read: usize) -> Finding {
        compact(Code::InputTooLarge, 0, Span::new(0, 0), Span::default(), u32::try_from(read).unwrap_or(u32::MAX), 0)
    }

    fn with_other(mut self, other: Span) -> Finding {
        if let Finding::Compact(c) = &mut self {
            c.other = narrow(other);
        }
        self
    }

    /// The code.
    pub(crate) fn code(&self) -> Code {
        match self {
            Finding::Compact(c) => c.code,
            Finding::Written(d) => d.code,
        }
    }

    /// Where it is.
    pub(crate) fn span(&self) -> Span {
        match self {
            Finding::Compact(c) => wide(c.span),
            Finding::Written(d) => d.span,
        }
    }

    /// The diagnostic, its message written with the grammar that found it
    /// and its place looked up with `columns` (findings in text order share
    /// one cursor: see [`crate::span::LineIndex::cursor`]).
    pub(crate) fn render_at(self, grammar: &Grammar, text: &str, columns: &mut Columns<'_>) -> Diagnostic {
        let mut d = match self {
            Finding::Written(d) => *d,
            Finding::Compact(c) => c.render(grammar, text),
        };
        (d.line, d.column) = columns.line_column(d.span.start);
        d
    }
}

impl Compact {
    fn render(self, grammar: &Grammar, text: &str) -> Diagnostic {
        let span = wide(self.span);
        let marker = span.of(text);
        let other = wide(self.other).of(text);
        let renumber = |n: u32| grammar.renumber(self.family, marker, n);
        let (message, help) = match self.code {
            Code::SkippedOrdinal => {
                let expected = renumber(self.a);
                (
                    format!("{marker} follows {other}; expected {}", expected.as_deref().unwrap_or("the next number")),
                    expected.map(|e| format!("{e} is missing, or the numbering is off by {}", self.b - self.a)),
                )
            }
            Code::RepeatedOrdinal => {
                (format!("{marker} repeats {other}"), renumber(self.a).map(|e| format!("renumber it {e}")))
            }
            Code::RestartedSequence => (
                format!("{marker} starts the numbering again after {other}"),
                Some("a new part or document? Otherwise number on".to_string()),
            ),
            Code::NotFromOne => {
                (format!("{marker} starts a numbering at {}", self.a), renumber(1).map(|f| format!("is {f} missing?")))
            }
            Code::LonelyItem => {
                let second = renumber(2).unwrap_or_else(|| {
                    // 首先 … 其次 or 最后: the word for the second member and for the last.
                    let f = grammar.family(self.family);
                    let word = |o: u32| f.words.iter().find(|w| w.ordinal == o).map(|w| w.text.as_str());
                    match (word(2), word(0)) {
                        (Some(a), Some(b)) => format!("{a} or {b}"),
                        (Some(a), None) | (None, Some(a)) => a.to_string(),
                        (None, None) => "a second member".to_string(),
                    }
                });
                (
                    format!("{marker} has no {second} after it"),
                    Some("a list needs two members; otherwise say it without the numbering".to_string()),
                )
            }
            Code::MixedBrackets if self.a == u32::MAX => (
                format!("{marker} opens and closes with brackets of different widths"),
                Some("use （ ） or ( ) in pairs".to_string()),
            ),
            Code::MixedBrackets | Code::MixedDelimiters => (
                format!("{marker} is spelled unlike {other} in the same sequence"),
                grammar.renumber(self.family, other, self.a).map(|m| format!("write {m}")),
            ),
            Code::LevelInversion => (
                format!("{marker} is nested under {other}, a lower level"),
                Some("GB/T 15834 B.3.8: 一、 > （一） > 1. > （1）; do not go back up".to_string()),
            ),
            Code::TitleTooLong => (
                format!("the heading {marker} has {} characters (the profile allows {})", self.a, self.b),
                Some("shorten it, or make it a run-in heading followed by body text".to_string()),
            ),
            Code::InputTooLarge => (
                format!("the text is longer than 4 GiB; only its first {} bytes were read", self.a),
                Some("split it into files of less than 4 GiB".to_string()),
            ),
            Code::OutsideBody => {
                let more = match self.a {
                    0 | 1 => String::new(),
                    2 => " and 1 more numbered line".to_string(),
                    n => format!(" and {} more numbered lines", n - 1),
                };
                (
                    format!("{marker}{more} before the body, which starts at “{other}…”: not in the outline"),
                    Some("the text above the body was read as title, salutation or page furniture".to_string()),
                )
            }
            Code::CountMismatch | Code::UndecodableBytes => (String::new(), None),
        };
        let severity = if self.note { Severity::Note } else { self.code.severity() };
        Diagnostic { severity, code: self.code, message, span, line: 0, column: 0, help }
    }
}
