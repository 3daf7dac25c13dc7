//! Markdown, OPML, text and HTML: snapshots for the seed, and checks that each
//! format carries the same tree: Markdown parses back (pulldown-cmark) to the
//! item tree, OPML and HTML are well-formed XML (quick-xml) with the same
//! nesting, and the HTML page references nothing on the network.

use pulldown_cmark::{Event, HeadingLevel, Tag, TagEnd};
use quick_xml::events::Event as XmlEvent;

fn seed() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/seed.txt")).expect("seed")
}

/// (depth, marker + title) of every item, depth-first, documents in order.
fn tree(outline: &tigang::Outline<'_>) -> Vec<(usize, String)> {
    fn walk(items: &[tigang::Item<'_>], depth: usize, out: &mut Vec<(usize, String)>) {
        for it in items {
            out.push((depth, it.heading()));
            walk(&it.children, depth + 1, out);
        }
    }
    let mut out = Vec::new();
    for d in &outline.documents {
        walk(&d.items, 1, &mut out);
    }
    out
}

fn snapshot(name: &str, value: &str) {
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path("../snapshots");
    s.set_prepend_module_to_snapshot(false);
    s.set_omit_expression(true);
    s.bind(|| insta::assert_snapshot!(name, value));
}

#[test]
fn seed_in_every_format() {
    let text = seed();
    let mut outline = tigang::parse(&text);
    outline.source.path = Some("tests/corpus/seed.txt".into());
    snapshot("seed.md", &tigang::render::markdown(&outline));
    snapshot("seed.opml", &tigang::render::opml(&outline));
    snapshot("seed.text", &tigang::render::text(&outline));
    snapshot("seed.html", &tigang::render::html(&outline));
}

/// Headings and list items of a Markdown text as (depth, text), with depth
/// counted from the shallowest item heading (`#` for one document, `##`
/// under document titles).
fn markdown_tree(md: &str, first_level: usize) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut heading: Option<usize> = None;
    let mut list_depth = 0;
    let mut in_item = false;
    let mut buf = String::new();
    for event in pulldown_cmark::Parser::new(md) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some(match level {
                    HeadingLevel::H1 => 1,
                    HeadingLevel::H2 => 2,
                    HeadingLevel::H3 => 3,
                    HeadingLevel::H4 => 4,
                    HeadingLevel::H5 => 5,
                    HeadingLevel::H6 => 6,
                });
                buf.clear();
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some(l) = heading.take()
                    && l >= first_level
                {
                    out.push((l - first_level + 1, buf.clone()));
                }
            }
            Event::Start(Tag::List(_)) => {
                flush(&mut out, &mut in_item, &buf, 6 - first_level + 1 + list_depth);
                list_depth += 1;
            }
            Event::End(TagEnd::List(_)) => list_depth -= 1,
            Event::Start(Tag::Item) => {
                in_item = true;
                buf.clear();
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item) if in_item => {
                flush(&mut out, &mut in_item, &buf, 6 - first_level + 1 + list_depth);
            }
            Event::Text(t) | Event::Code(t) if heading.is_some() || in_item => buf.push_str(&t),
            _ => {}
        }
    }
    out
}

/// Ends the text of a list item (its first paragraph; bodies follow it).
fn flush(out: &mut Vec<(usize, String)>, in_item: &mut bool, buf: &str, depth: usize) {
    if *in_item && !buf.is_empty() {
        out.push((depth, buf.to_string()));
    }
    *in_item = false;
}

#[test]
fn markdown_round_trips_to_the_item_tree() {
    for name in ["seed", "047", "055", "106", "115", "121"] {
        let text = std::fs::read_to_string(format!("{}/tests/corpus/{name}.txt", env!("CARGO_MANIFEST_DIR"))).unwrap();
        let text = text.trim_start_matches('\u{feff}');
        for full in [false, true] {
            let outline = tigang::Parser::new().full(full).parse(text);
            let md = tigang::render::markdown(&outline);
            let first = if outline.documents.len() > 1 { 2 } else { 1 };
            assert_eq!(markdown_tree(&md, first), tree(&outline), "{name} (full: {full})");
        }
    }
}

/// The nesting of `<outline>` elements (depth, text), checking well-formedness.
fn xml_outline_tree(xml: &str, skip_document_level: bool) -> Vec<(usize, String)> {
    let mut reader = quick_xml::Reader::from_str(xml);
    reader.config_mut().check_end_names = true;
    let mut depth = 0usize;
    let mut out = Vec::new();
    let mut in_body = false;
    loop {
        match reader.read_event().expect("well-formed XML") {
            XmlEvent::Start(e) | XmlEvent::Empty(e) if e.name().0 == "body" => in_body = true,
            XmlEvent::Start(e) if in_body && e.name().0 == "outline" => {
                depth += 1;
                out.push((depth, attr(&e, "text")));
            }
            XmlEvent::Empty(e) if in_body && e.name().0 == "outline" => out.push((depth + 1, attr(&e, "text"))),
            XmlEvent::End(e) if e.name().0 == "outline" => depth -= 1,
            XmlEvent::Eof => break,
            _ => {}
        }
    }
    if skip_document_level { out.into_iter().filter(|(d, _)| *d > 1).map(|(d, t)| (d - 1, t)).collect() } else { out }
}

fn attr(e: &quick_xml::events::BytesStart<'_>, name: &str) -> String {
    e.attributes()
        .flatten()
        .find(|a| a.key.0 == name)
        .map(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).expect("attribute").into_owned())
        .unwrap_or_default()
}

#[test]
fn opml_is_valid_xml_with_the_item_tree() {
    for name in ["seed", "047", "112"] {
        let text = std::fs::read_to_string(format!("{}/tests/corpus/{name}.txt", env!("CARGO_MANIFEST_DIR"))).unwrap();
        let outline = tigang::Parser::new().full(true).parse(&text);
        let opml = tigang::render::opml(&outline);
        assert!(opml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">"));
        let several = outline.documents.len() > 1;
        assert_eq!(xml_outline_tree(&opml, several), tree(&outline), "{name}");
    }
}

#[test]
fn html_is_self_contained_and_well_formed() {
    for name in ["seed", "047"] {
        let text = std::fs::read_to_string(format!("{}/tests/corpus/{name}.txt", env!("CARGO_MANIFEST_DIR"))).unwrap();
        let outline = tigang::Parser::new().full(true).parse(&text);
        let html = tigang::render::html(&outline);
        assert!(!html.contains("http://") && !html.contains("https://"), "{name}: no network references");
        for needle in ["<svg id=\"mindmap\"", "<details open=\"open\">", "<script>", "<style>"] {
            assert!(html.contains(needle), "{name}: {needle}");
        }
        // Well-formed: every element closed, names matching.
        let body = html.trim_start_matches("<!DOCTYPE html>\n");
        let mut reader = quick_xml::Reader::from_str(body);
        reader.config_mut().check_end_names = true;
        let mut items = 0;
        loop {
            match reader.read_event().unwrap_or_else(|e| panic!("{name}: not well-formed: {e}")) {
                XmlEvent::Start(e) | XmlEvent::Empty(e) if e.name().0 == "g" => {
                    items += usize::from(e.attributes().flatten().any(|a| a.key.0 == "data-id"));
                }
                XmlEvent::Eof => break,
                _ => {}
            }
        }
        assert_eq!(items, tree(&outline).len(), "{name}: one mind-map node per item");
    }
}

#[test]
fn text_lists_every_item_with_its_line() {
    let text = seed();
    let outline = tigang::parse(&text);
    let rendered = tigang::render::text(&outline);
    let rows: Vec<&str> = rendered.lines().filter(|l| !l.starts_with('【')).collect();
    assert_eq!(rows.len(), tree(&outline).len());
    assert!(rows.iter().any(|r| r.starts_with("    ①抓好制度建設(shè)") && r.trim_end().ends_with("185")));
}

/// The YAML writer is tigang's own (it quotes what YAML 1.1 readers would take
/// for booleans, dates and numbers); everything else must read as libyaml
/// (serde_yaml) writes it, on every corpus document with bodies, and load as
/// the same value as the JSON.
#[test]
fn yaml_is_written_as_libyaml_writes_it_and_loads_as_the_json() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    names.sort();
    for path in names {
        let text = tigang::decode::utf8("corpus", &std::fs::read(&path).unwrap()).unwrap();
        let outline = tigang::Parser::new().full(true).parse(&text);
        let ours = tigang::render::yaml(&outline);
        let theirs = serde_yaml::to_string(&outline).unwrap();
        assert_eq!(ours, theirs, "{}", path.display());
        let loaded: serde_json::Value = serde_yaml::from_str(&ours).unwrap();
        assert_eq!(loaded, serde_json::from_str::<serde_json::Value>(&tigang::render::json(&outline)).unwrap());
    }
}

/// `Parser::write` makes each item while writing it; it must write exactly
/// what rendering the whole outline writes, with and without bodies.
#[test]
fn streamed_outlines_are_the_rendered_ones() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for dir in ["tests/corpus", "tests/probes", "tests/profiles", "tests/check"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "txt") {
                continue;
            }
            let bytes = std::fs::read(&path).unwrap();
            let decoded =
                tigang::decode::decode("x", &bytes, tigang::decode::DecodeOptions { encoding: None, lossy: true })
                    .unwrap();
            for full in [false, true] {
                let parser = tigang::Parser::new().full(full);
                let outline = parser.parse_decoded(Some("p"), &decoded);
                let mut json = Vec::new();
                let items = parser.write_decoded(Some("p"), &decoded, tigang::Syntax::Json, &mut json).unwrap();
                assert_eq!(String::from_utf8(json).unwrap(), tigang::render::json(&outline), "{}", path.display());
                assert_eq!(items, outline.items().count());
                let mut yaml = Vec::new();
                parser.write_decoded(Some("p"), &decoded, tigang::Syntax::Yaml, &mut yaml).unwrap();
                assert_eq!(String::from_utf8(yaml).unwrap(), tigang::render::yaml(&outline), "{}", path.display());
            }
        }
    }
}
