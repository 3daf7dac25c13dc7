//! Renderers: the outline as YAML (default), JSON, Markdown, OPML, text or
//! HTML, and diagnostics for `--check`. All deterministic.

mod check;
mod chunks;
mod diff;
mod html;
mod json;
mod markdown;
mod opml;
mod text;
mod yaml;

pub use check::{CheckStyle, Tally, check_report};
pub use chunks::write_chunks;
pub use diff::{DiffStyle, diff_markdown, diff_summary, diff_text};
pub use html::html;
pub use json::{json, json_many, write_json};
pub use markdown::markdown;
pub use opml::opml;
pub use text::text;
pub use yaml::{write_yaml, yaml};

pub(crate) use json::to_writer as json_to_writer;
pub(crate) use yaml::to_writer as yaml_to_writer;

use std::io::Write;

use crate::outline::Outline;

/// The formats an outline renders to ([`Outline::render`], [`Outline::write`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// YAML, the outline schema (version [`crate::SCHEMA_VERSION`]); the command line's default.
    Yaml,
    /// Pretty-printed JSON, the same schema.
    Json,
    /// Markdown: items as headings, deeper ones as nested lists.
    Markdown,
    /// OPML 2.0, for outliners and mind-map tools.
    Opml,
    /// An indented tree with line numbers.
    Text,
    /// One self-contained HTML page: a collapsible outline and a mind map.
    Html,
}

impl Outline<'_> {
    /// The outline in `format`, the same text `tigang --format …` prints.
    ///
    /// ```
    /// let outline = tigang::parse("一、总体要求\n（一）指导思想\n");
    /// assert!(outline.render(tigang::Format::Yaml).contains("marker: 一、"));
    /// assert!(outline.render(tigang::Format::Text).contains("（一）指导思想"));
    /// ```
    pub fn render(&self, format: Format) -> String {
        match format {
            Format::Yaml => yaml(self),
            Format::Json => json(self),
            Format::Markdown => markdown(self),
            Format::Opml => opml(self),
            Format::Text => text(self),
            Format::Html => html(self),
        }
    }

    /// Writes the outline in `format` to `out`; YAML and JSON stream without
    /// building the text first.
    ///
    /// # Errors
    /// The writer's I/O error.
    pub fn write(&self, format: Format, mut out: impl Write) -> std::io::Result<()> {
        match format {
            Format::Yaml => write_yaml(self, out),
            Format::Json => write_json(self, out),
            other => out.write_all(self.render(other).as_bytes()),
        }
    }
}
