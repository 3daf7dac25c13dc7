//! tigang (提纲, "outline") turns Chinese speeches and official documents into
//! nested outlines by recognising the enumeration markers that structure them.

pub mod blocks;
pub mod decode;
pub mod diagnostic;
pub mod error;
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
pub fn parse(text: &str) -> Outline {
    Parser::new().parse(text)
}

/// A parser built from a profile and options.
#[derive(Clone, Debug)]
pub struct Parser {
    grammar: grammar::Grammar,
    options: structure::Options,
}

impl Default for Parser {
    fn default() -> Self {
        Parser::new()
    }
}

impl Parser {
    /// A parser with the default `speech` profile.
    pub fn new() -> Parser {
        Parser::with_profile(Profile::speech())
    }

    /// A parser with `profile`.
    pub fn with_profile(profile: Profile) -> Parser {
        Parser { grammar: grammar::Grammar::new(profile), options: structure::Options::default() }
    }

    /// Whether to add bodies and boilerplate (`--full`).
    #[must_use]
    pub fn full(mut self, full: bool) -> Parser {
        self.options.full = full;
        self
    }

    /// Parses `text` into an outline.
    pub fn parse(&self, text: &str) -> Outline {
        structure::outline(&self.grammar, text, self.options)
    }
}

#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
