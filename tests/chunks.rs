//! Chunks for retrieval: paths follow the gold nesting, no body text is lost
//! or repeated, long texts are cut at sentence ends, spans hold.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use tigang::{ChunkOptions, Parser};

fn corpus() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            let bytes = std::fs::read(&path).unwrap();
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            out.push((name, tigang::decode::utf8("corpus", &bytes).unwrap()));
        }
    }
    out.sort();
    out
}

fn counts(texts: &[&str]) -> BTreeMap<char, usize> {
    let mut m = BTreeMap::new();
    for t in texts {
        for c in t.chars().filter(|c| !c.is_whitespace()) {
            *m.entry(c).or_insert(0) += 1;
        }
    }
    m
}

#[test]
fn seed_chunk_paths_follow_the_gold_nesting() {
    let gold: serde_yaml::Value = serde_yaml::from_str(
        &std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/seed.yaml")).unwrap(),
    )
    .unwrap();
    // Every chain of markers from a top-level gold item down to an item.
    let mut chains: HashSet<Vec<String>> = HashSet::new();
    let mut stack: Vec<String> = Vec::new();
    for it in gold["items"].as_sequence().unwrap() {
        let depth = usize::try_from(it["depth"].as_u64().unwrap()).unwrap();
        stack.truncate(depth - 1);
        stack.push(it["marker"].as_str().unwrap().to_string());
        chains.insert(stack.clone());
    }
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/seed.txt")).unwrap();
    let chunks = tigang::chunks(&text);
    // Preambles have no heading above them; their document's title is their context.
    let preambles: Vec<_> = chunks.iter().filter(|c| c.path.is_empty()).collect();
    assert_eq!(preambles.len(), 2, "the seed's two speeches have preambles");
    assert!(preambles.iter().all(|c| c.markers.is_empty() && c.title.is_some()));
    let with_path: Vec<_> = chunks.iter().filter(|c| !c.path.is_empty()).collect();
    assert!(with_path.len() >= 30, "{} chunks with a path", with_path.len());
    for c in with_path {
        let markers: Vec<String> = c.markers.iter().map(std::string::ToString::to_string).collect();
        assert!(chains.contains(&markers), "chunk at lines {:?}: {markers:?} is not a gold chain", c.lines);
        assert_eq!(c.path.len(), c.markers.len());
        assert!(c.path.iter().zip(&c.markers).all(|(p, m)| p.starts_with(m.as_ref())));
    }
}

#[test]
fn chunks_keep_every_body_character_once() {
    for (name, text) in corpus() {
        let full = Parser::new().full(true).parse(&text);
        let mut bodies: Vec<&str> = full.documents.iter().filter_map(|d| d.preamble.as_deref()).collect();
        bodies.extend(full.items().filter_map(|i| i.item.body.as_deref()));
        // A heading with no body and no children is a chunk of its title.
        let leaves =
            full.items().filter(|i| i.item.body.is_none() && i.item.children.is_empty() && !i.item.span.is_empty());
        bodies.extend(leaves.map(|i| i.item.title.as_ref()));
        // Text without a letter or a digit (stray punctuation) makes no chunk.
        bodies.retain(|b| b.chars().any(char::is_alphanumeric));
        let expected = counts(&bodies);
        let letters = |m: &BTreeMap<char, usize>| {
            m.iter().filter(|(c, _)| c.is_alphanumeric()).map(|(c, n)| (*c, *n)).collect::<BTreeMap<char, usize>>()
        };
        for max_chars in [None, Some(120)] {
            let chunks = Parser::new().chunks(&text, ChunkOptions { max_chars });
            let texts: Vec<&str> = chunks.iter().map(|c| c.text.as_ref()).collect();
            if max_chars.is_none() {
                assert_eq!(counts(&texts), expected, "{name}");
            }
            // A piece cut off with no letter in it (a rule of dashes) makes no chunk.
            assert_eq!(letters(&counts(&texts)), letters(&expected), "{name} (max_chars {max_chars:?})");
        }
    }
}

#[test]
fn long_texts_are_cut_at_sentence_ends_and_spans_hold() {
    for (name, text) in corpus() {
        let chunks = Parser::new().chunks(&text, ChunkOptions { max_chars: Some(200) });
        let mut last = 0;
        for c in &chunks {
            let n = c.text.chars().filter(|c| !c.is_whitespace()).count();
            assert!(n <= 200, "{name}: a chunk of {n} characters at lines {:?}", c.lines);
            assert!(c.span.start >= last && c.span.end <= text.len(), "{name}: spans in order");
            last = c.span.end;
            assert!(c.lines[0] <= c.lines[1]);
            // The text is the span's text, less white space only.
            let squeeze = |s: &str| {
                s.chars().filter(|&c| !c.is_whitespace() && c != '\u{feff}' && c != '\u{200b}').collect::<String>()
            };
            assert_eq!(squeeze(&c.text), squeeze(c.span.of(&text)), "{name}: chunk text is its span's text");
            assert!(c.text.chars().any(char::is_alphanumeric), "{name}: a chunk of only punctuation: {:?}", c.text);
        }
    }
    // A cut falls after a sentence end when one is in reach.
    let text = "一、总体要求\n第一句话。第二句话。第三句话。\n";
    let chunks = Parser::new().chunks(text, ChunkOptions { max_chars: Some(10) });
    let texts: Vec<&str> = chunks.iter().map(|c| c.text.as_ref()).collect();
    assert_eq!(texts, ["第一句话。第二句话。", "第三句话。"]);
}

/// Every item is in some chunk's path; a heading with no body of its own is
/// found too (issue: "Chunks leave headings out").
#[test]
fn every_item_is_in_a_chunk_path() {
    let text = "一、强化组织领导\n二、强化应急值守\n（一）严格值班制度。\n（二）做好信息报送\n三、加强重点场所管理\n1.人员密集场所\n2.危险化学品企业\n";
    let chunks = tigang::chunks(text);
    let paths: Vec<Vec<String>> = chunks.iter().map(|c| c.path.clone()).collect();
    let outline = tigang::parse(text);
    for item in outline.items() {
        assert!(paths.iter().any(|p| p.starts_with(&item.path())), "{:?} is in no chunk: {paths:?}", item.path());
    }
    assert!(chunks.iter().all(|c| c.text.chars().any(char::is_alphanumeric)), "no chunk of bare punctuation");
    let texts: Vec<&str> = chunks.iter().map(|c| c.text.as_ref()).collect();
    assert_eq!(texts, ["强化组织领导", "严格值班制度", "做好信息报送", "人员密集场所", "危险化学品企业"]);
}
