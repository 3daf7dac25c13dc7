//! The output model: serde types for everything tigang writes (schema version 1).
//!
//! YAML and JSON share this schema. Fields are only ever added within a schema
//! version; renaming or removing one bumps [`SCHEMA_VERSION`].

use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostic;
use crate::span::Span;

/// The version of the output schema written in [`Outline::version`].
pub const SCHEMA_VERSION: u32 = 1;

/// The outline of one input: its documents and what the parser noticed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outline {
    /// Schema version, [`SCHEMA_VERSION`].
    pub version: u32,
    /// Where the text came from.
    pub source: Source,
    /// The profile used, e.g. `speech`.
    pub profile: String,
    /// The documents in the input, in order (a web page may hold two speeches).
    pub documents: Vec<Document>,
    /// Notes, warnings and errors about the numbering, in source order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub diagnostics: Vec<Diagnostic>,
}

/// Facts about the input text.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// The file name as given, or `null` for a string or standard input.
    pub path: Option<String>,
    /// The encoding the bytes were decoded from (`utf-8` for a string).
    pub encoding: String,
    /// Length of the decoded text in bytes (spans index into it).
    pub bytes: usize,
    /// Number of lines (a final line without `\n` counts).
    pub lines: usize,
}

/// A line of the frame (title, salutation, …): its text and 1-based line number.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextLine {
    /// The text, without indentation and Markdown prefixes.
    pub text: String,
    /// 1-based line number.
    pub line: usize,
}

/// One document: a speech, a report, a notice, an attachment.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// First and last line (1-based, inclusive) of the document.
    pub lines: [usize; 2],
    /// The title line, e.g. 在区委政协工作会议上的讲话.
    pub title: Option<TextLine>,
    /// Lines under the title: subtitle (——在…会议上的讲话), speaker, date.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subtitle: Vec<TextLine>,
    /// The salutation (同志们：, 各位代表：) or a notice's addressee line.
    pub salutation: Option<TextLine>,
    /// Web boilerplate and other text before the title (`--full` only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub front_matter: Option<String>,
    /// Text between the title block and the first item (`--full` only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preamble: Option<String>,
    /// The outline: top-level items and their children.
    pub items: Vec<Item>,
    /// The closing line (谢谢大家！), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closing: Option<TextLine>,
    /// Boilerplate after the document: copyright, related links (`--full` only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub back_matter: Option<String>,
}

/// One item of the outline: a numbered heading, paragraph or clause.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    /// The numbering token exactly as written, with its delimiter: （一）, 一是, 第一，
    pub marker: String,
    /// The marker family (`cjk-dun`, `cjk-paren`, `arabic-dot`, `cjk-shi`, …).
    pub family: String,
    /// Place in its sequence, from 1.
    pub ordinal: u32,
    /// The text after the marker up to the first sentence terminator or the
    /// line end (or, inline, where the next member of the sequence begins).
    pub title: String,
    /// 1-based line of the marker.
    pub line: usize,
    /// Bytes of the marker and title in the decoded text.
    pub span: Span,
    /// The rest of the item's text up to the next item (`--full` only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// Nested items.
    #[serde(default)]
    pub children: Vec<Item>,
}
