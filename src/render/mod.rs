//! Renderers: the outline as YAML (default) or JSON.

mod json;
mod yaml;

pub use json::json;
pub use yaml::yaml;
