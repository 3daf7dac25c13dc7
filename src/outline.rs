//! The output model: serde types for everything tigang writes (schema version 1).
//!
//! YAML and JSON share this schema. Fields are only ever added within a schema
//! version; renaming or removing one bumps [`SCHEMA_VERSION`].
//!
//! Text fields borrow from the parsed text where they can (`Cow`): parsing
//! copies nothing that the output does not change. [`Outline::into_owned`]
//! detaches an outline from its text.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostic;
use crate::span::Span;

/// The version of the output schema written in [`Outline::version`].
pub const SCHEMA_VERSION: u32 = 1;

/// The outline of one input: its documents and what the parser noticed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outline<'a> {
    /// Schema version, [`SCHEMA_VERSION`].
    pub version: u32,
    /// Where the text came from.
    pub source: Source,
    /// The profile used, e.g. `speech`.
    pub profile: String,
    /// The documents in the input, in order (a web page may hold two speeches).
    #[serde(borrow)]
    pub documents: Vec<Document<'a>>,
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
pub struct TextLine<'a> {
    /// The text, without indentation and Markdown prefixes.
    #[serde(borrow)]
    pub text: Cow<'a, str>,
    /// 1-based line number.
    pub line: usize,
}

/// One document: a speech, a report, a notice, an attachment.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document<'a> {
    /// First and last line (1-based, inclusive) of the document.
    pub lines: [usize; 2],
    /// The title line, e.g. 在区委政协工作会议上的讲话.
    #[serde(borrow)]
    pub title: Option<TextLine<'a>>,
    /// Lines under the title: subtitle (——在…会议上的讲话), speaker, date.
    #[serde(default, skip_serializing_if = "Vec::is_empty", borrow)]
    pub subtitle: Vec<TextLine<'a>>,
    /// The salutation (同志们：, 各位代表：) or a notice's addressee line.
    #[serde(borrow)]
    pub salutation: Option<TextLine<'a>>,
    /// Web boilerplate and other text before the title (`--full` only).
    #[serde(default, skip_serializing_if = "Option::is_none", borrow)]
    pub front_matter: Option<Cow<'a, str>>,
    /// A table of contents (目录 and the headings it lists), kept out of the
    /// items.
    #[serde(default, skip_serializing_if = "Option::is_none", borrow)]
    pub toc: Option<Toc<'a>>,
    /// Text between the title block and the first item (`--full` only).
    #[serde(default, skip_serializing_if = "Option::is_none", borrow)]
    pub preamble: Option<Cow<'a, str>>,
    /// The outline: top-level items and their children.
    #[serde(borrow)]
    pub items: Vec<Item<'a>>,
    /// The closing line (谢谢大家！), if any.
    #[serde(default, skip_serializing_if = "Option::is_none", borrow)]
    pub closing: Option<TextLine<'a>>,
    /// Boilerplate after the document: copyright, related links (`--full` only).
    #[serde(default, skip_serializing_if = "Option::is_none", borrow)]
    pub back_matter: Option<Cow<'a, str>>,
}

/// A table of contents: its 目录 line and the lines it lists.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Toc<'a> {
    /// The 目录 line.
    #[serde(borrow)]
    pub heading: TextLine<'a>,
    /// The entries (第一章　总则 …), as written.
    #[serde(borrow)]
    pub entries: Vec<TextLine<'a>>,
}

impl Toc<'_> {
    /// The same table, owning its text.
    pub fn into_owned(self) -> Toc<'static> {
        Toc {
            heading: self.heading.into_owned(),
            entries: self.entries.into_iter().map(TextLine::into_owned).collect(),
        }
    }
}

/// One item of the outline: a numbered heading, paragraph or clause.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item<'a> {
    /// The numbering token exactly as written, with its delimiter: （一）, 一是,
    /// 第一， — or empty for a paragraph item (a law's 款, a Taiwan 項), which
    /// is numbered by its position.
    #[serde(borrow)]
    pub marker: Cow<'a, str>,
    /// The marker family (`cjk-dun`, `cjk-paren`, `arabic-dot`, `cjk-shi`, …).
    #[serde(borrow)]
    pub family: Cow<'a, str>,
    /// Place in its sequence, from 1.
    pub ordinal: u32,
    /// The text after the marker up to the first sentence terminator or the
    /// line end (or, inline, where the next member of the sequence begins).
    #[serde(borrow)]
    pub title: Cow<'a, str>,
    /// 1-based line of the marker.
    pub line: usize,
    /// Bytes of the marker and title in the decoded text.
    pub span: Span,
    /// The rest of the item's text up to the next item (`--full` only).
    #[serde(default, skip_serializing_if = "Option::is_none", borrow)]
    pub body: Option<Cow<'a, str>>,
    /// Nested items.
    #[serde(default, borrow)]
    pub children: Vec<Item<'a>>,
}

fn owned(s: Cow<'_, str>) -> Cow<'static, str> {
    Cow::Owned(s.into_owned())
}

impl Outline<'_> {
    /// The same outline, owning all its text (no longer tied to the input).
    pub fn into_owned(self) -> Outline<'static> {
        Outline {
            version: self.version,
            source: self.source,
            profile: self.profile,
            documents: self.documents.into_iter().map(Document::into_owned).collect(),
            diagnostics: self.diagnostics,
        }
    }
}

impl TextLine<'_> {
    /// The same line, owning its text.
    pub fn into_owned(self) -> TextLine<'static> {
        TextLine { text: owned(self.text), line: self.line }
    }
}

impl Document<'_> {
    /// The same document, owning all its text.
    pub fn into_owned(self) -> Document<'static> {
        Document {
            lines: self.lines,
            title: self.title.map(TextLine::into_owned),
            subtitle: self.subtitle.into_iter().map(TextLine::into_owned).collect(),
            salutation: self.salutation.map(TextLine::into_owned),
            front_matter: self.front_matter.map(owned),
            toc: self.toc.map(Toc::into_owned),
            preamble: self.preamble.map(owned),
            items: self.items.into_iter().map(Item::into_owned).collect(),
            closing: self.closing.map(TextLine::into_owned),
            back_matter: self.back_matter.map(owned),
        }
    }
}

impl Item<'_> {
    /// The item as a one-line heading: marker and title, or for a paragraph
    /// item, which has no marker, its position in brackets (〔第2款〕 …).
    ///
    /// ```
    /// let law = "第一条　为了规范。\n本法适用于全国。\n前款所称……\n第二条　国家建立制度。\n第三条　本法自公布之日起施行。\n";
    /// let outline = tigang::parse(law);
    /// let article = &outline.documents[0].items[0];
    /// assert_eq!(article.heading(), "第一条 为了规范");
    /// assert_eq!(article.children[1].heading(), "〔第2款〕本法适用于全国");
    /// ```
    pub fn heading(&self) -> String {
        // The source put a space between marker and title (第一章　总则): keep one.
        let title_start = self.span.end.saturating_sub(self.title.len());
        let spaced =
            !self.marker.is_empty() && !self.title.is_empty() && title_start > self.span.start + self.marker.len();
        format!("{}{}{}", self.label(), if spaced { " " } else { "" }, self.title)
    }

    /// The item's numbering as shown: its marker, or for a paragraph item its
    /// position in brackets (〔第2款〕, 〔第2項〕, 〔¶2〕), which no source text has.
    pub fn label(&self) -> Cow<'_, str> {
        if !self.marker.is_empty() {
            return Cow::Borrowed(&self.marker);
        }
        Cow::Owned(match self.family.as_ref() {
            "kuan" => format!("〔第{}款〕", self.ordinal),
            "xiang" => format!("〔第{}項〕", self.ordinal),
            _ => format!("〔¶{}〕", self.ordinal),
        })
    }

    /// The same item and its children, owning all their text.
    pub fn into_owned(self) -> Item<'static> {
        Item {
            marker: owned(self.marker),
            family: owned(self.family),
            ordinal: self.ordinal,
            title: owned(self.title),
            line: self.line,
            span: self.span,
            body: self.body.map(owned),
            children: self.children.into_iter().map(Item::into_owned).collect(),
        }
    }
}
