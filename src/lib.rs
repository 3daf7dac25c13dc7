//! tigang (提纲, "outline") turns Chinese speeches and official documents into
//! nested outlines by recognising the enumeration markers that structure them.

pub mod blocks;
pub mod decode;
pub mod detect;
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
pub use outline::{Document, Item, Outline, Source, TextLine, Toc};
pub use profile::Profile;
pub use span::Span;

/// Parses `text` with the default profile.
pub fn parse(text: &str) -> Outline<'_> {
    Parser::new().parse(text)
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

/// The grammar of the built-in profile `name`, built on first use.
fn built_in_grammar(name: &str) -> Option<std::sync::Arc<grammar::Grammar>> {
    type Grammars = Vec<(&'static str, std::sync::Arc<grammar::Grammar>)>;
    static BUILT: std::sync::OnceLock<Grammars> = std::sync::OnceLock::new();
    let built = BUILT.get_or_init(|| {
        Profile::built_in_names()
            .filter_map(|n| Profile::built_in(n).ok().map(|p| (n, std::sync::Arc::new(grammar::Grammar::new(p)))))
            .collect()
    });
    built.iter().find(|(n, _)| *n == name).map(|(_, g)| g.clone())
}

impl Default for Parser {
    fn default() -> Self {
        Parser::new()
    }
}

impl Parser {
    /// A parser that picks a built-in profile for each text
    /// ([`detect::choose`]) and reports it as `profile: law (auto)`.
    pub fn new() -> Parser {
        Parser { profile: Choice::Auto, options: structure::Options::default() }
    }

    /// A parser with `profile`, whatever the text.
    pub fn with_profile(profile: Profile) -> Parser {
        let grammar = match built_in_grammar(&profile.name) {
            // The same data as a built-in: share its grammar.
            Some(g) if Profile::built_in(&profile.name).is_ok_and(|b| b == profile) => g,
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

    /// Parses `text` into an outline that borrows from it.
    pub fn parse<'a>(&self, text: &'a str) -> Outline<'a> {
        match &self.profile {
            Choice::Fixed(grammar) => structure::outline(grammar, text, self.options),
            Choice::Auto => {
                let choice = detect::choose(text);
                let grammar = built_in_grammar(choice.profile).unwrap_or_else(|| {
                    // Every name `choose` returns is a built-in that the tests parse.
                    unreachable!("detect::choose returned {:?}, not a built-in", choice.profile)
                });
                let mut outline = structure::outline(&grammar, text, self.options);
                outline.profile = format!("{} (auto)", choice.profile);
                outline
            }
        }
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
