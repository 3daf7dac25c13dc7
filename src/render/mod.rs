//! Renderers: the outline as YAML (default) or JSON.

mod json;
mod yaml;

pub use json::{json, json_many, write_json};
pub use yaml::{write_yaml, yaml};
