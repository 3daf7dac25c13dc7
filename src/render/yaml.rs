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
    let mut keep = KeepError { inner: out, error: None };
    match serde_yaml::to_writer(&mut keep, outline) {
        Ok(()) => Ok(()),
        // serde_yaml wraps the writer's error; give it back as it was (a
        // closed pipe must stay recognisable).
        Err(e) => Err(keep.error.take().unwrap_or_else(|| std::io::Error::other(e))),
    }
}

/// A writer that remembers its inner writer's last error.
struct KeepError<W> {
    inner: W,
    error: Option<std::io::Error>,
}

impl<W: Write> Write for KeepError<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.inner.write(buf).inspect_err(|e| self.error = Some(std::io::Error::new(e.kind(), e.to_string())))
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush().inspect_err(|e| self.error = Some(std::io::Error::new(e.kind(), e.to_string())))
    }
}
