//! JSON output, same schema as YAML.

use std::io::Write;

use crate::outline::Outline;

/// The outline as pretty-printed JSON with a final newline.
pub fn json(outline: &Outline<'_>) -> String {
    let mut out = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = write_json(outline, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// Writes the outline as pretty-printed JSON with a final newline to `out`.
///
/// # Errors
/// The writer's I/O error.
pub fn write_json(outline: &Outline<'_>, out: impl Write) -> std::io::Result<()> {
    to_writer(outline, out)
}

/// Writes any serde value as pretty-printed JSON with a final newline,
/// through a buffer.
pub(crate) fn to_writer<T: serde::Serialize + ?Sized>(value: &T, out: impl Write) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
    serde_json::to_writer_pretty(&mut out, value)?;
    out.write_all(b"\n")?;
    out.flush()
}

/// Several outlines as one pretty-printed JSON array with a final newline.
pub fn json_many(outlines: &[Outline<'_>]) -> String {
    let mut s = serde_json::to_string_pretty(outlines).unwrap_or_default();
    s.push('\n');
    s
}
