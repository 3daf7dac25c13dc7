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
    serde::Serialize::serialize(value, &mut serde_json::Serializer::with_formatter(&mut out, Pretty::default()))?;
    out.write_all(b"\n")?;
    out.flush()
}

/// A line break, then indentation: what [`Pretty`] writes before a member.
const BREAK: &[u8] = b",\n                                                                ";

/// serde_json's pretty printing (two spaces a level), byte for byte, with
/// each line break and its indentation written at once: serde_json's own
/// writes the indentation two spaces at a time, a buffered write each, and
/// an outline has a key on every line.
#[derive(Default)]
struct Pretty {
    depth: usize,
    has_value: bool,
}

impl Pretty {
    /// `,\n` (or `\n` for the first member) and the indentation of `depth`.
    fn line<W: ?Sized + Write>(out: &mut W, comma: bool, depth: usize) -> std::io::Result<()> {
        let from = usize::from(!comma);
        let width = 2 * depth;
        if 2 + width <= BREAK.len() {
            return out.write_all(&BREAK[from..2 + width]);
        }
        out.write_all(&BREAK[from..2])?;
        (0..depth).try_for_each(|_| out.write_all(b"  "))
    }

    fn open<W: ?Sized + Write>(&mut self, out: &mut W, bracket: &[u8]) -> std::io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        out.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, out: &mut W, bracket: &[u8]) -> std::io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            Pretty::line(out, false, self.depth)?;
        }
        out.write_all(bracket)
    }
}

impl serde_json::ser::Formatter for Pretty {
    fn begin_array<W: ?Sized + Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        self.open(out, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        self.close(out, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, out: &mut W, first: bool) -> std::io::Result<()> {
        Pretty::line(out, !first, self.depth)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _out: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        self.open(out, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        self.close(out, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, out: &mut W, first: bool) -> std::io::Result<()> {
        Pretty::line(out, !first, self.depth)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        out.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _out: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// Several outlines as one pretty-printed JSON array with a final newline.
pub fn json_many(outlines: &[Outline<'_>]) -> String {
    let mut out = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = to_writer(outlines, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    /// Nested past the width of the prebuilt indentation, with empty and
    /// one-member containers, strings that need escaping, numbers and nulls.
    fn deep(depth: usize) -> Value {
        let mut v = json!({"title": "一、\"总则\"\n", "line": 3, "none": null, "empty": [], "nothing": {}});
        for k in 0..depth {
            v = if k % 2 == 0 { json!([v, k, {"k": [k]}]) } else { json!({"items": v, "at": k}) };
        }
        v
    }

    #[test]
    fn pretty_is_serde_json_pretty() {
        for depth in [0, 1, 2, 31, 32, 33, 80] {
            let value = deep(depth);
            let mut ours = Vec::new();
            super::to_writer(&value, &mut ours).unwrap();
            let theirs = serde_json::to_string_pretty(&value).unwrap() + "\n";
            assert_eq!(String::from_utf8(ours).unwrap(), theirs, "depth {depth}");
        }
    }
}
