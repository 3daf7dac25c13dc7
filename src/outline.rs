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
#[non_exhaustive] // fields are added in minor versions (the schema grows)
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
#[non_exhaustive] // fields are added in minor versions (the schema grows)
pub struct Source {
    /// The file name as given, or `null` for a string or standard input.
    pub path: Option<String>,
    /// What the input was: `text`, `docx` or `html` (for the last two, the
    /// extracted paragraphs are the lines that line numbers count and spans
    /// index, as `tigang --extract` prints them).
    #[serde(default = "text_format")]
    pub format: String,
    /// The encoding the bytes were decoded from (`utf-8` for a string).
    pub encoding: String,
    /// Length of the decoded text in bytes (spans index into it).
    pub bytes: usize,
    /// Number of lines (a final line without `\n` counts).
    pub lines: usize,
}

fn text_format() -> String {
    "text".into()
}

/// A line of the frame (title, salutation, …): its text and 1-based line number.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive] // fields are added in minor versions (the schema grows)
pub struct TextLine<'a> {
    /// The text, without indentation and Markdown prefixes.
    #[serde(borrow)]
    pub text: Cow<'a, str>,
    /// 1-based line number.
    pub line: usize,
}

/// One document: a speech, a report, a notice, an attachment.
///
/// With `--full`, the spans of the output partition the input: for each
/// document in order, `head_span`, `preamble_span`, then each item's `span`
/// and `body_span` depth first, then `tail_span`; concatenated, the bytes
/// they cover are the input, byte for byte. (A span that would be empty is
/// left out.)
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive] // fields are added in minor versions (the schema grows)
pub struct Document<'a> {
    /// First and last line (1-based, inclusive) of the document.
    pub lines: [usize; 2],
    /// Bytes of the whole document (`--full` only): the documents of an
    /// input follow each other without a gap.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
    /// Bytes before the body (`--full` only): front matter, title block and
    /// salutation, and the blank lines between them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub head_span: Option<Span>,
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
    /// Bytes from the start of the body to the first item (`--full` only):
    /// the preamble, and the table of contents where there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preamble_span: Option<Span>,
    /// The outline: top-level items and their children.
    #[serde(borrow)]
    pub items: Vec<Item<'a>>,
    /// The closing line (谢谢大家！), if any.
    #[serde(default, skip_serializing_if = "Option::is_none", borrow)]
    pub closing: Option<TextLine<'a>>,
    /// Boilerplate after the document: copyright, related links (`--full` only).
    #[serde(default, skip_serializing_if = "Option::is_none", borrow)]
    pub back_matter: Option<Cow<'a, str>>,
    /// Bytes after the body (`--full` only): the closing and the back matter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tail_span: Option<Span>,
}

/// A table of contents: its 目录 line and the lines it lists.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive] // fields are added in minor versions (the schema grows)
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
#[non_exhaustive] // fields are added in minor versions (the schema grows)
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
    /// Bytes of the marker and title in the decoded text; with `--full`, also
    /// the punctuation that ends the title (its 。 or ：, a trailing ，).
    pub span: Span,
    /// The rest of the item's text up to the next item (`--full` only).
    #[serde(default, skip_serializing_if = "Option::is_none", borrow)]
    pub body: Option<Cow<'a, str>>,
    /// Bytes the body was taken from (`--full` only): from the end of `span`
    /// to the next item, white space included.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body_span: Option<Span>,
    /// Nested items.
    #[serde(default, borrow)]
    pub children: Vec<Item<'a>>,
}

fn owned(s: Cow<'_, str>) -> Cow<'static, str> {
    Cow::Owned(s.into_owned())
}

impl<'a> Outline<'a> {
    /// Every item of every document, depth first (a parent before its
    /// children), each with its depth and the items above it.
    ///
    /// ```
    /// let outline = tigang::parse("一、总体要求\n（一）指导思想\n（二）基本原则\n二、主要任务\n");
    /// let paths: Vec<String> = outline.items().map(|i| i.path().join(" > ")).collect();
    /// assert_eq!(paths, ["一、总体要求", "一、总体要求 > （一）指导思想", "一、总体要求 > （二）基本原则", "二、主要任务"]);
    /// assert_eq!(outline.items().map(|i| i.depth).max(), Some(2));
    /// ```
    pub fn items(&self) -> Items<'_, 'a> {
        Items { outline: self, document: 0, stack: Vec::new() }
    }
}

/// An item met by [`Outline::items`], with where it stands.
#[derive(Clone, Debug)]
pub struct ItemRef<'o, 'a> {
    /// Index of its document in [`Outline::documents`].
    pub document: usize,
    /// 1 for a top-level item, 2 for its children, …
    pub depth: usize,
    /// The item.
    pub item: &'o Item<'a>,
    /// The items above it, from the top level down to its parent.
    pub ancestors: Vec<&'o Item<'a>>,
}

impl<'o, 'a> ItemRef<'o, 'a> {
    /// The items from the top level down to this one, without allocating.
    ///
    /// ```
    /// let outline = tigang::parse("一、总体要求\n（一）指导思想\n");
    /// let item = outline.items().nth(1).unwrap();
    /// // An ItemRef reads as its item: item.line, item.marker …
    /// assert_eq!((item.line, item.marker.as_ref()), (2, "（一）"));
    /// let markers: Vec<&str> = item.lineage().map(|i| i.marker.as_ref()).collect();
    /// assert_eq!(markers, ["一、", "（一）"]);
    /// ```
    pub fn lineage(&self) -> impl Iterator<Item = &'o Item<'a>> + '_ {
        self.ancestors.iter().copied().chain(std::iter::once(self.item))
    }

    /// The headings from the top-level item down to this one (see
    /// [`Item::heading`]): the path a retrieval chunk is filed under.
    pub fn path(&self) -> Vec<String> {
        self.lineage().map(Item::heading).collect()
    }

    /// The markers of the same items, as written ("" for a paragraph item).
    pub fn markers(&self) -> Vec<&str> {
        self.lineage().map(|i| i.marker.as_ref()).collect()
    }
}

/// An `ItemRef` reads as its item (`item.line`, `item.title`), with its
/// place in the tree beside it.
impl<'a> std::ops::Deref for ItemRef<'_, 'a> {
    type Target = Item<'a>;

    fn deref(&self) -> &Item<'a> {
        self.item
    }
}

/// The iterator of [`Outline::items`].
#[derive(Clone, Debug)]
pub struct Items<'o, 'a> {
    outline: &'o Outline<'a>,
    document: usize,
    /// For each open level, its items and the index of the next one.
    stack: Vec<(&'o [Item<'a>], usize)>,
}

impl<'o, 'a> Iterator for Items<'o, 'a> {
    type Item = ItemRef<'o, 'a>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let Some((list, next)) = self.stack.last_mut() else {
                let doc = self.outline.documents.get(self.document)?;
                self.stack.push((&doc.items, 0));
                self.document += 1;
                continue;
            };
            let Some(item) = list.get(*next) else {
                self.stack.pop();
                continue;
            };
            *next += 1;
            let ancestors = self.stack[..self.stack.len() - 1].iter().map(|(l, n)| &l[*n - 1]).collect();
            let depth = self.stack.len();
            self.stack.push((&item.children, 0));
            return Some(ItemRef { document: self.document - 1, depth, item, ancestors });
        }
    }
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
            span: self.span,
            head_span: self.head_span,
            title: self.title.map(TextLine::into_owned),
            subtitle: self.subtitle.into_iter().map(TextLine::into_owned).collect(),
            salutation: self.salutation.map(TextLine::into_owned),
            front_matter: self.front_matter.map(owned),
            toc: self.toc.map(Toc::into_owned),
            preamble: self.preamble.map(owned),
            preamble_span: self.preamble_span,
            items: self.items.into_iter().map(Item::into_owned).collect(),
            closing: self.closing.map(TextLine::into_owned),
            back_matter: self.back_matter.map(owned),
            tail_span: self.tail_span,
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
            body_span: self.body_span,
            children: self.children.into_iter().map(Item::into_owned).collect(),
        }
    }
}
