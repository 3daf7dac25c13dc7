//! YAML output (`serde_yaml` is confined to this module and the profile reader).

use std::io::Write;

use crate::outline::Outline;

/// The outline as YAML.
pub fn yaml(outline: &Outline<'_>) -> String {
    // Serialising plain data structs cannot fail.
    serde_yaml::to_string(outline).unwrap_or_default()
}

/// Writes the outline as YAML to `out`, without building it in memory first.
///
/// # Errors
/// The writer's I/O error.
pub fn write_yaml(outline: &Outline<'_>, out: impl Write) -> std::io::Result<()> {
    serde_yaml::to_writer(out, outline).map_err(std::io::Error::other)
}
