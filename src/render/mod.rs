//! Renderers: the outline as YAML (default) or JSON, and diagnostics for `--check`.

mod check;
mod json;
mod yaml;

pub use check::{CheckStyle, Tally, check_report};
pub use json::{json, json_many, write_json};
pub use yaml::{write_yaml, yaml};
