//! Diagnostics: what a writer should look at. Parsing never fails; it reports.

use serde::{Deserialize, Serialize};

use crate::span::Span;

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
}

impl Code {
    /// Every code, in the order they are documented.
    pub const ALL: [Code; 11] = [
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
        }
    }

    /// How serious the problem usually is.
    pub fn severity(self) -> Severity {
        match self {
            Code::RestartedSequence | Code::LonelyItem | Code::TitleTooLong => Severity::Note,
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

/// Collects diagnostics with their line and column, so that each stage can
/// report in one line and keep going.
#[derive(Debug)]
pub(crate) struct Reporter<'t> {
    text: &'t str,
    index: &'t crate::span::LineIndex,
    /// What was reported so far.
    pub diagnostics: Vec<Diagnostic>,
}

impl<'t> Reporter<'t> {
    pub(crate) fn new(text: &'t str, index: &'t crate::span::LineIndex) -> Reporter<'t> {
        Reporter { text, index, diagnostics: Vec::new() }
    }

    /// Reports `code` at `span` with its usual severity.
    pub(crate) fn report(&mut self, code: Code, span: Span, message: String, help: Option<String>) {
        let (line, column) = self.index.line_column(self.text, span.start);
        self.diagnostics.push(Diagnostic { severity: code.severity(), code, message, span, line, column, help });
    }
}
