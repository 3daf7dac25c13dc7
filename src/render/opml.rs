//! OPML 2.0: one `<outline text="一、…">` per item, nested; `_note` holds the
//! body under `--full`. Outliners and mind-map tools (XMind, MindManager…)
//! import it. One document: its items are the top-level outlines; several:
//! one outline per document.

use std::fmt::Write as _;

use crate::outline::{Item, Outline};

/// The outline as an OPML 2.0 document.
pub fn opml(outline: &Outline<'_>) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n  <head>\n");
    let title = match outline.documents.as_slice() {
        [one] => one.title.as_ref().map(|t| t.text.to_string()),
        _ => outline.source.path.clone(),
    };
    let _ = writeln!(out, "    <title>{}</title>", escape(title.as_deref().unwrap_or("tigang outline")));
    out.push_str("  </head>\n  <body>\n");
    let several = outline.documents.len() > 1;
    for (n, doc) in outline.documents.iter().enumerate() {
        let mut depth = 2;
        if several {
            let name = doc.title.as_ref().map_or_else(|| format!("Document {}", n + 1), |t| t.text.to_string());
            let _ = writeln!(out, "    <outline text=\"{}\">", escape(&name));
            depth = 3;
        }
        for item in &doc.items {
            write_item(&mut out, item, depth);
        }
        if several {
            out.push_str("    </outline>\n");
        }
    }
    out.push_str("  </body>\n</opml>\n");
    out
}

fn write_item(out: &mut String, item: &Item<'_>, depth: usize) {
    let indent = "  ".repeat(depth);
    let text = item.heading();
    let _ = write!(out, "{indent}<outline text=\"{}\"", escape(&text));
    if let Some(body) = &item.body {
        let _ = write!(out, " _note=\"{}\"", escape(body));
    }
    if item.children.is_empty() {
        out.push_str("/>\n");
        return;
    }
    out.push_str(">\n");
    for child in &item.children {
        write_item(out, child, depth + 1);
    }
    let _ = writeln!(out, "{indent}</outline>");
}

/// Text for an XML attribute: markup characters escaped, line ends kept as
/// character references, and the characters XML 1.0 forbids dropped.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\t' => out.push_str("&#9;"),
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}
