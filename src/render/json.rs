//! JSON output, same schema as YAML.

use crate::outline::Outline;

/// The outline as pretty-printed JSON with a final newline.
pub fn json(outline: &Outline) -> String {
    let mut s = serde_json::to_string_pretty(outline).unwrap_or_default();
    s.push('\n');
    s
}

/// Several outlines as one pretty-printed JSON array with a final newline.
pub fn json_many(outlines: &[Outline]) -> String {
    let mut s = serde_json::to_string_pretty(outlines).unwrap_or_default();
    s.push('\n');
    s
}
