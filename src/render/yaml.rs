//! YAML output (`serde_yaml` is confined to this module and the profile reader).

use crate::outline::Outline;

/// The outline as YAML.
pub fn yaml(outline: &Outline) -> String {
    // Serialising plain data structs cannot fail.
    serde_yaml::to_string(outline).unwrap_or_default()
}
