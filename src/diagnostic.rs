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
    /// Bytes that do not decode were replaced by U+FFFD (`--lossy`).
    UndecodableBytes,
}

impl Code {
    /// The code as written in output (`skipped-ordinal`).
    pub fn as_str(self) -> &'static str {
        match self {
            Code::SkippedOrdinal => "skipped-ordinal",
            Code::RepeatedOrdinal => "repeated-ordinal",
            Code::NotFromOne => "not-from-one",
            Code::RestartedSequence => "restarted-sequence",
            Code::UndecodableBytes => "undecodable-bytes",
        }
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
