//! Chunks as JSON Lines: one object per line, for retrieval pipelines.

use std::io::Write;

use serde::Serialize;

use crate::chunk::Chunk;
use crate::span::Span;

/// One line of the output: the chunk, and the file it came from.
#[derive(Serialize)]
struct Line<'c> {
    path: &'c [String],
    markers: &'c [std::borrow::Cow<'c, str>],
    text: &'c str,
    lines: [usize; 2],
    span: Span,
    document: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'c str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<&'c str>,
}

/// Writes `chunks` as JSON Lines, each naming `file` when there is one.
///
/// # Errors
/// The writer's I/O error.
pub fn write_chunks(file: Option<&str>, chunks: &[Chunk<'_>], mut out: impl Write) -> std::io::Result<()> {
    for c in chunks {
        let line = Line {
            path: &c.path,
            markers: &c.markers,
            text: &c.text,
            lines: c.lines,
            span: c.span,
            document: c.document,
            title: c.title.as_deref(),
            file,
        };
        serde_json::to_writer(&mut out, &line).map_err(std::io::Error::other)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}
