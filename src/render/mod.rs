//! Renderers: the outline as YAML (default), JSON, Markdown, OPML, text or
//! HTML, and diagnostics for `--check`. All deterministic.

mod check;
mod chunks;
mod html;
mod json;
mod markdown;
mod opml;
mod text;
mod yaml;

pub use check::{CheckStyle, Tally, check_report};
pub use chunks::write_chunks;
pub use html::html;
pub use json::{json, json_many, write_json};
pub use markdown::markdown;
pub use opml::opml;
pub use text::text;
pub use yaml::{write_yaml, yaml};

pub(crate) use json::to_writer as json_to_writer;
pub(crate) use yaml::to_writer as yaml_to_writer;
