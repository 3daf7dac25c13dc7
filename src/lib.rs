//! tigang (提纲, "outline") turns Chinese speeches and official documents into
//! nested outlines by recognising the enumeration markers that structure them.

pub mod blocks;
pub mod decode;
pub mod diagnostic;
pub mod error;
mod fxhash;
pub mod grammar;
pub mod outline;
pub mod profile;
pub mod render;
pub mod span;
pub mod structure;

pub use diagnostic::{Code, Diagnostic, Severity};
pub use error::Error;
pub use outline::{Document, Item, Outline, Source, TextLine};
pub use profile::Profile;
pub use span::Span;

/// Parses `text` with the default profile.
pub fn parse(text: &str) -> Outline<'_> {
    Parser::new().parse(text)
}

/// A parser built from a profile and options.
#[derive(Clone, Debug)]
pub struct Parser {
    /// Shared: building a grammar reads its profile, which is worth doing once.
    grammar: std::sync::Arc<grammar::Grammar>,
    options: structure::Options,
}

/// The default grammar (profile `speech`), built on first use.
fn default_grammar() -> std::sync::Arc<grammar::Grammar> {
    static DEFAULT: std::sync::OnceLock<std::sync::Arc<grammar::Grammar>> = std::sync::OnceLock::new();
    DEFAULT.get_or_init(|| std::sync::Arc::new(grammar::Grammar::new(Profile::speech()))).clone()
}

impl Default for Parser {
    fn default() -> Self {
        Parser::new()
    }
}

impl Parser {
    /// A parser with the default `speech` profile (cheap: the grammar is shared).
    pub fn new() -> Parser {
        Parser { grammar: default_grammar(), options: structure::Options::default() }
    }

    /// A parser with `profile`.
    pub fn with_profile(profile: Profile) -> Parser {
        Parser { grammar: std::sync::Arc::new(grammar::Grammar::new(profile)), options: structure::Options::default() }
    }

    /// Whether to add bodies and boilerplate (`--full`).
    #[must_use]
    pub fn full(mut self, full: bool) -> Parser {
        self.options.full = full;
        self
    }

    /// Parses `text` into an outline that borrows from it.
    pub fn parse<'a>(&self, text: &'a str) -> Outline<'a> {
        structure::outline(&self.grammar, text, self.options)
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

    /// Parses text already decoded by [`decode::decode`], filling in
    /// `source` and reporting replaced bytes.
    pub fn parse_decoded<'a>(&self, path: Option<&str>, decoded: &'a decode::Decoded) -> Outline<'a> {
        let mut outline = self.parse(&decoded.text);
        outline.source.path = path.map(str::to_string);
        outline.source.encoding.clone_from(&decoded.encoding);
        if let Some(offset) = decoded.replaced_at {
            let at = decoded.text.find('\u{fffd}').unwrap_or(0);
            let index = span::LineIndex::new(&decoded.text);
            let (line, column) = index.line_column(&decoded.text, at);
            outline.diagnostics.insert(
                0,
                Diagnostic {
                    severity: Severity::Warning,
                    code: Code::UndecodableBytes,
                    message: format!(
                        "bytes from offset {offset} of the input are not valid {}; they were replaced by U+FFFD",
                        outline.source.encoding
                    ),
                    span: Span::new(at, at + '\u{fffd}'.len_utf8()),
                    line,
                    column,
                    help: Some("check the encoding (--encoding) or the file itself".into()),
                },
            );
        }
        outline
    }
}

#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
