//! tigang (提纲, "outline") turns Chinese speeches and official documents into
//! nested outlines by recognising the enumeration markers that structure them
//! (一、 （一） 1. （1） ① 一是… 第一， 首先… 第一章 第一条).
//!
//! ```
//! let text = "同志们：\n一、统一思想\n（一）提高认识。要把思想统一到部署上来。\n（二）压实责任。\n二、狠抓落实\n";
//! let outline = tigang::parse(text);
//! let first = &outline.documents[0].items[0];
//! assert_eq!((first.marker.as_ref(), first.title.as_ref()), ("一、", "统一思想"));
//! assert_eq!(first.children[0].title, "提高认识");
//!
//! // Every item with its place in the tree.
//! let second = outline.items().nth(1).unwrap();
//! assert_eq!((second.depth, second.path()), (2, vec!["一、统一思想".to_string(), "（一）提高认识".into()]));
//!
//! // Chunks for retrieval: body text under its heading path.
//! let chunks = tigang::chunks(text);
//! assert_eq!(chunks[0].path, ["一、统一思想", "（一）提高认识"]);
//! assert_eq!(chunks[0].text, "要把思想统一到部署上来。");
//! ```
//!
//! The stable surface is what this page lists: parse a string
//! ([`parse`]), bytes ([`Parser::parse_bytes`]) or a file ([`parse_file`]);
//! render to every format ([`Outline::render`], [`Outline::write`],
//! [`write_chunks`]); cut chunks ([`chunks`]); check the numbering ([`check`],
//! [`check_report`]); compare two versions ([`diff()`], [`mod@diff`]); and the serde types of the output ([`Outline`],
//! [`Document`], [`Item`], [`Diagnostic`], [`Chunk`]), whose serialised form is
//! the versioned schema ([`SCHEMA_VERSION`]). [`profile`] and [`lexicon`] are
//! the schema of a profile file. The pipeline's stages (decode, blocks,
//! grammar, structure, render) are modules of their own, hidden from these
//! docs and free to change between minor versions.
//!
//! Reading a file, and writing its outline in another format:
//!
//! ```
//! # let dir = std::env::temp_dir().join(format!("tigang-doc-{}", std::process::id()));
//! # std::fs::create_dir_all(&dir).unwrap();
//! # let path = dir.join("draft.txt");
//! # std::fs::write(&path, "一、总体要求\n二、主要任务\n").unwrap();
//! let outline = tigang::parse_file(&path)?;
//! assert_eq!(outline.source.encoding, "utf-8");
//! let markdown = outline.render(tigang::Format::Markdown);
//! assert!(markdown.contains("一、总体要求"));
//! # std::fs::remove_dir_all(&dir).unwrap();
//! # Ok::<(), tigang::Error>(())
//! ```

#![deny(missing_docs)]

#[doc(hidden)]
pub mod blocks;
#[doc(hidden)]
pub mod chunk;
#[doc(hidden)]
pub mod decode;
#[doc(hidden)]
pub mod detect;
#[doc(hidden)]
pub mod diagnostic;
pub mod diff;
#[doc(hidden)]
pub mod error;
mod fxhash;
#[doc(hidden)]
pub mod grammar;
pub mod lexicon;
#[doc(hidden)]
pub mod outline;
pub mod profile;
#[doc(hidden)]
pub mod render;
#[doc(hidden)]
pub mod span;
#[doc(hidden)]
pub mod structure;
mod text;

pub use chunk::{Chunk, ChunkOptions};
pub use decode::DecodeOptions;
pub use diagnostic::{Code, Diagnostic, Severity};
pub use diff::{Diff, DiffOptions, diff, diff_with};
pub use error::Error;
pub use outline::{Document, Item, ItemRef, Items, Outline, SCHEMA_VERSION, Source, TextLine, Toc};
pub use profile::Profile;
pub use render::{CheckStyle, Format, check_report, write_chunks};
pub use span::Span;

/// Parses `text`, choosing a built-in profile for it.
///
/// ```
/// let outline = tigang::parse("第一条　为了规范管理，制定本办法。\n第二条　本办法适用于全省。\n第三条　本办法自公布之日起施行。\n");
/// assert_eq!(outline.profile, "law (auto)");
/// assert_eq!(outline.documents[0].items.len(), 3);
/// ```
pub fn parse(text: &str) -> Outline<'_> {
    Parser::new().parse(text)
}

/// Cuts `text` into chunks for retrieval, each with its heading path
/// (see [`chunk`]); the profile is chosen as by [`parse`].
///
/// ```
/// let chunks = tigang::chunks("一、总体要求\n坚持稳中求进。\n二、主要任务\n抓好落实。\n");
/// assert_eq!(chunks.len(), 2);
/// assert_eq!((chunks[1].path[0].as_str(), chunks[1].text.as_ref()), ("二、主要任务", "抓好落实。"));
/// ```
pub fn chunks(text: &str) -> Vec<Chunk<'_>> {
    Parser::new().chunks(text, ChunkOptions::default())
}

/// Reads, decodes (detecting the encoding: UTF-8, UTF-16 with a byte-order
/// mark, GB18030/GBK, Big5) and parses the file at `path`, choosing a
/// built-in profile for it. `source.path` and `source.encoding` say what was
/// read. See [`Parser::parse_file`] to force an encoding or a profile.
///
/// # Errors
/// [`Error::Io`] when the file cannot be read (or is larger than the 4 GiB
/// spans can address), [`Error::Decode`] when it is not text.
pub fn parse_file(path: impl AsRef<std::path::Path>) -> Result<Outline<'static>, Error> {
    Parser::new().parse_file(path, DecodeOptions::default())
}

/// The numbering problems of `text` (gaps, repeats, a list that starts at
/// 二, a title too long…): the diagnostics `tigang --check` reports, with
/// spans and line:column. [`check_report`] prints them as the command line
/// does.
///
/// ```
/// let diagnostics = tigang::check("一、总体要求\n三、主要任务\n");
/// assert_eq!(diagnostics[0].code.as_str(), "skipped-ordinal");
/// assert_eq!((diagnostics[0].line, diagnostics[0].column), (2, 1));
/// ```
pub fn check(text: &str) -> Vec<Diagnostic> {
    Parser::new().check(text)
}

/// A parser built from a profile and options.
#[derive(Clone, Debug)]
pub struct Parser {
    profile: Choice,
    options: structure::Options,
}

/// Which grammar a parser uses.
#[derive(Clone, Debug)]
enum Choice {
    /// Chosen per text among the built-ins ([`detect::choose`]).
    Auto,
    /// Always this one. Shared: building a grammar reads its profile, which
    /// is worth doing once.
    Fixed(std::sync::Arc<grammar::Grammar>),
}

/// The grammar of the built-in profile `name`, built on first use: each on
/// its own, so that a run reading one kind of text builds one grammar (a few
/// milliseconds of YAML apiece, more than parsing a speech takes).
fn built_in_grammar(name: &str) -> Option<std::sync::Arc<grammar::Grammar>> {
    type Slot = std::sync::OnceLock<Option<std::sync::Arc<grammar::Grammar>>>;
    static BUILT: [Slot; profile::BUILT_IN_COUNT] = [const { std::sync::OnceLock::new() }; profile::BUILT_IN_COUNT];
    let (at, name) = Profile::built_in_names().enumerate().find(|&(_, n)| n == name)?;
    BUILT
        .get(at)?
        .get_or_init(|| Profile::built_in(name).ok().map(|p| std::sync::Arc::new(grammar::Grammar::new(p))))
        .clone()
}

impl Default for Parser {
    fn default() -> Self {
        Parser::new()
    }
}

impl Parser {
    /// A parser that picks a built-in profile for each text (by the markers
    /// it finds: articles make a law, 第一章 and 一、 a government document…)
    /// and reports it as `profile: law (auto)`.
    pub fn new() -> Parser {
        Parser { profile: Choice::Auto, options: structure::Options::default() }
    }

    /// A parser with `profile`, whatever the text.
    pub fn with_profile(profile: Profile) -> Parser {
        let grammar = match built_in_grammar(&profile.name) {
            // The same data as a built-in: share its grammar.
            Some(g) if *g.profile() == profile => g,
            _ => std::sync::Arc::new(grammar::Grammar::new(profile)),
        };
        Parser { profile: Choice::Fixed(grammar), options: structure::Options::default() }
    }

    /// Whether to add bodies and boilerplate (`--full`).
    #[must_use]
    pub fn full(mut self, full: bool) -> Parser {
        self.options.full = full;
        self
    }

    /// Parses `text` (with bodies, whatever [`Parser::full`] says) and cuts it
    /// into chunks for retrieval.
    ///
    /// ```
    /// use tigang::{ChunkOptions, Parser};
    /// let text = "一、总体要求\n第一句。第二句。第三句。\n二、主要任务\n";
    /// let chunks = Parser::new().chunks(text, ChunkOptions { max_chars: Some(8) });
    /// let texts: Vec<&str> = chunks.iter().map(|c| c.text.as_ref()).collect();
    /// // 二、 has no body: its title is its chunk, so that it can be found.
    /// assert_eq!(texts, ["第一句。第二句。", "第三句。", "主要任务"]);
    /// assert!(chunks[..2].iter().all(|c| c.path == ["一、总体要求"]));
    /// ```
    pub fn chunks<'a>(&self, text: &'a str, options: ChunkOptions) -> Vec<Chunk<'a>> {
        let outline = self.clone().full(true).parse(text);
        chunk::chunks(&outline, text, options)
    }

    /// Parses `text` into an outline that borrows from it.
    ///
    /// ```
    /// let parser = tigang::Parser::new().full(true);
    /// let outline = parser.parse("一、总体要求\n坚持稳中求进。\n");
    /// assert_eq!(outline.documents[0].items[0].body.as_deref(), Some("坚持稳中求进。"));
    /// ```
    pub fn parse<'a>(&self, text: &'a str) -> Outline<'a> {
        self.with_parsed(text, |parsed, profile| {
            let mut outline = parsed.into_outline();
            outline.profile = profile;
            outline
        })
    }

    /// Runs `then` on `text` parsed with this parser's grammar (chosen for
    /// the text when the parser chooses), with the profile name to report.
    fn with_parsed<'a, T>(&self, text: &'a str, then: impl FnOnce(structure::Parsed<'_, 'a>, String) -> T) -> T {
        match &self.profile {
            Choice::Fixed(grammar) => {
                then(structure::parse(grammar, text, self.options), grammar.profile().name.clone())
            }
            Choice::Auto => {
                let choice = detect::choose(text);
                // Every name `choose` returns is a built-in that the tests
                // parse; were one missing, the default still reads the text.
                let grammar = built_in_grammar(choice.profile)
                    .unwrap_or_else(|| std::sync::Arc::new(grammar::Grammar::new(Profile::speech())));
                then(structure::parse(&grammar, text, self.options), format!("{} (auto)", choice.profile))
            }
        }
    }

    /// Parses `text` and writes its outline to `out` as JSON or YAML, the
    /// same bytes as [`Outline::write`] in JSON or YAML of
    /// [`Parser::parse`], without ever holding the items in memory: the way
    /// to write the outline of a large input. Returns the number of items.
    ///
    /// ```
    /// let mut out = Vec::new();
    /// let items = tigang::Parser::new().write("一、总体要求\n二、主要任务\n", tigang::Syntax::Json, &mut out).unwrap();
    /// let value: serde_json::Value = serde_json::from_slice(&out).unwrap();
    /// assert_eq!((items, value["documents"][0]["items"][1]["marker"].as_str()), (2, Some("二、")));
    /// ```
    ///
    /// # Errors
    /// The writer's I/O error.
    pub fn write(&self, text: &str, syntax: Syntax, out: impl std::io::Write) -> std::io::Result<usize> {
        self.write_parsed(text, syntax, out, |_, _| {})
    }

    #[doc(hidden)] // plumbing of the command line and the Python binding
    /// As [`Parser::write`], for text decoded by [`decode::decode`]: fills in
    /// `source` and reports replaced bytes, as [`Parser::parse_decoded`] does.
    ///
    /// # Errors
    /// The writer's I/O error.
    pub fn write_decoded(
        &self,
        path: Option<&str>,
        decoded: &decode::Decoded<'_>,
        syntax: Syntax,
        out: impl std::io::Write,
    ) -> std::io::Result<usize> {
        self.write_parsed(&decoded.text, syntax, out, |source, diagnostics| {
            annotate(path, decoded, source, diagnostics);
        })
    }

    fn write_parsed(
        &self,
        text: &str,
        syntax: Syntax,
        out: impl std::io::Write,
        annotate: impl FnOnce(&mut Source, &mut Vec<Diagnostic>),
    ) -> std::io::Result<usize> {
        self.with_parsed(text, |mut parsed, profile| {
            let (source, diagnostics) = parsed.source_and_diagnostics_mut();
            annotate(source, diagnostics);
            let view = parsed.view(&profile);
            match syntax {
                Syntax::Json => render::json_to_writer(&view, out)?,
                Syntax::Yaml => render::yaml_to_writer(&view, out)?,
            }
            Ok(parsed.item_count())
        })
    }

    /// Decodes `bytes` (detecting the encoding unless `decode.encoding` forces
    /// one) and parses them. `path` names the input in errors and in
    /// `source.path`. The outline owns its text.
    ///
    /// # Errors
    /// [`Error::Decode`] when the bytes are not text or do not decode.
    pub fn parse_bytes(
        &self,
        path: Option<&str>,
        bytes: &[u8],
        decode: decode::DecodeOptions,
    ) -> Result<Outline<'static>, Error> {
        let decoded = decode::decode(path.unwrap_or("-"), bytes, decode)?;
        Ok(self.parse_decoded(path, &decoded).into_owned())
    }

    /// Reads, decodes and parses the file at `path` (see [`parse_file`]);
    /// `decode` forces an encoding or lossy decoding.
    ///
    /// ```
    /// # let dir = std::env::temp_dir().join(format!("tigang-doc-gbk-{}", std::process::id()));
    /// # std::fs::create_dir_all(&dir).unwrap();
    /// # let path = dir.join("gbk.txt");
    /// // 一、总体要求 in GBK.
    /// std::fs::write(&path, b"\xd2\xbb\xa1\xa2\xd7\xdc\xcc\xe5\xd2\xaa\xc7\xf3\n")?;
    /// let options = tigang::DecodeOptions::for_label("gbk")?;
    /// let outline = tigang::Parser::new().parse_file(&path, options)?;
    /// assert_eq!((outline.source.encoding.as_str(), outline.documents[0].items[0].title.as_ref()), ("gbk", "总体要求"));
    /// # std::fs::remove_dir_all(&dir)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::Io`] when the file cannot be read (or is larger than the 4 GiB
    /// spans can address), [`Error::Decode`] when it is not text.
    pub fn parse_file(
        &self,
        path: impl AsRef<std::path::Path>,
        decode: DecodeOptions,
    ) -> Result<Outline<'static>, Error> {
        let path = path.as_ref();
        let shown = path.display().to_string();
        let bytes = decode::read_file(path)?;
        self.parse_bytes(Some(&shown), &bytes, decode)
    }

    /// The numbering problems of `text` as this parser sees them (see
    /// [`check`]).
    pub fn check(&self, text: &str) -> Vec<Diagnostic> {
        self.with_parsed(text, |parsed, _| parsed.into_outline().diagnostics)
    }

    #[doc(hidden)] // plumbing of the command line and the Python binding
    /// Parses text already decoded by [`decode::decode`], filling in
    /// `source` and reporting replaced bytes.
    pub fn parse_decoded<'a>(&self, path: Option<&str>, decoded: &'a decode::Decoded<'_>) -> Outline<'a> {
        let mut outline = self.parse(&decoded.text);
        annotate(path, decoded, &mut outline.source, &mut outline.diagnostics);
        outline
    }
}

/// The serialisations [`Parser::write`] streams.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Syntax {
    /// Pretty-printed JSON, as [`Format::Json`].
    Json,
    /// YAML, as [`Format::Yaml`].
    Yaml,
}

/// Fills in where decoded text came from, and reports the bytes that lossy
/// decoding replaced.
fn annotate(path: Option<&str>, decoded: &decode::Decoded<'_>, source: &mut Source, diagnostics: &mut Vec<Diagnostic>) {
    source.path = path.map(str::to_string);
    decoded.format.clone_into(&mut source.format);
    source.encoding.clone_from(&decoded.encoding);
    if let Some(replaced) = decoded.replaced {
        let at = replaced.text.min(decoded.text.len());
        let index = span::LineIndex::new(&decoded.text);
        let (line, column) = index.line_column(&decoded.text, at);
        let offset = replaced.input;
        diagnostics.insert(
            0,
            Diagnostic {
                severity: Severity::Warning,
                code: Code::UndecodableBytes,
                message: format!(
                    "bytes from offset {offset} of the input are not valid {}; they were replaced by U+FFFD",
                    source.encoding
                ),
                span: Span::new(at, at + '\u{fffd}'.len_utf8().min(decoded.text.len() - at)),
                line,
                column,
                help: Some("check the encoding (--encoding) or the file itself".into()),
            },
        );
    }
}

#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
