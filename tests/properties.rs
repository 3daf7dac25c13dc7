//! Properties that must hold for any input: no panic, spans inside the text on
//! char boundaries and in document order, deterministic output.

use proptest::prelude::*;

/// Text made of the characters markers and frames are built from, so that the
/// generator reaches the interesting code paths, plus arbitrary Unicode.
fn texty() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "一",
        "二",
        "三",
        "十",
        "百",
        "千",
        "零",
        "〇",
        "两",
        "、",
        "．",
        ".",
        "，",
        "。",
        "；",
        "：",
        ":",
        "！",
        "（",
        "）",
        "(",
        ")",
        "〔",
        "〕",
        "第",
        "章",
        "节",
        "条",
        "之",
        "部分",
        "是",
        "要",
        "点",
        "个",
        "问题",
        "其",
        "首先",
        "最后",
        "1",
        "2",
        "9",
        "１",
        "①",
        "②",
        "⑴",
        "⒈",
        "㈠",
        "壹",
        "甲",
        " ",
        "\u{3000}",
        "\n",
        "\r\n",
        "\n\n",
        "“",
        "”",
        "《",
        "》",
        "#",
        "## ",
        "**",
        ">",
        "同志们",
        "各位代表",
        "谢谢大家",
        "附件",
        "注释",
        "注：",
        "—",
        "-",
        "/摄",
        "x",
        "\u{a0}",
        "\u{feff}",
        "(qū)",
        "<U+00A0>",
        "目录",
        "目　　录",
        "條",
        "第一条　",
        "第二条　",
        "第三条　",
        "修改为",
        "a.",
        "b．",
    ]);
    prop_oneof![
        4 => prop::collection::vec(pieces, 0..120).prop_map(|v| v.concat()),
        1 => any::<String>(),
    ]
}

fn walk(items: &[tigang::Item], text: &str, last: &mut usize) {
    for it in items {
        let s = it.span;
        assert!(s.start <= s.end && s.end <= text.len(), "span inside the text");
        assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end), "span on char boundaries");
        assert!(s.start >= *last, "spans in document order");
        *last = s.start;
        assert_eq!(&text[s.start..s.start + it.marker.len()], it.marker, "marker is the source text");
        walk(&it.children, text, last);
    }
}

/// The spans of a `--full` outline in output order: for each document its
/// head, preamble, each item's span and body (depth first) and tail.
fn spans_in_order(o: &tigang::Outline<'_>) -> Vec<tigang::Span> {
    fn items(list: &[tigang::Item<'_>], out: &mut Vec<tigang::Span>) {
        for it in list {
            out.push(it.span);
            out.extend(it.body_span);
            items(&it.children, out);
        }
    }
    let mut out = Vec::new();
    for d in &o.documents {
        out.extend(d.head_span);
        out.extend(d.preamble_span);
        items(&d.items, &mut out);
        out.extend(d.tail_span);
    }
    out
}

/// Item spans hold marker and title; body texts hold what their spans cover.
fn walk_items(list: &[tigang::Item<'_>], text: &str, visible: &dyn Fn(&str) -> String) {
    for it in list {
        let covered = it.span.of(text);
        if !covered.is_empty() {
            // Marker and title, with only white space and emphasis around the title.
            let rest = &covered[it.marker.len()..];
            let title_at = rest.len() - it.title.len();
            assert!(rest.ends_with(it.title.as_ref()), "{covered:?} ends with its title {:?}", it.title);
            assert!(visible(&rest[..title_at]).chars().all(|c| c == '*'), "{covered:?}");
        }
        if let Some(b) = it.body_span {
            let region = b.of(text);
            let lead = region.trim_start_matches(['，', ',', '、', '*']);
            let lead = lead.strip_prefix(['。', '！', '？', '；', '：', '!', '?', ';', ':', '︰']).unwrap_or(lead);
            assert_eq!(visible(it.body.as_deref().unwrap_or("")), visible(lead), "body text of {region:?}");
        }
        walk_items(&it.children, text, visible);
    }
}

/// `--full` is lossless: its spans partition the input, each document's
/// spans lie inside the document's, and the texts hold what the spans cover
/// (white space aside, and the punctuation that ends a title).
fn partition(text: &str, o: &tigang::Outline<'_>) {
    let mut at = 0;
    for s in spans_in_order(o) {
        assert_eq!(s.start, at, "spans follow each other without gap or overlap: {s:?}");
        assert!(s.start <= s.end && text.is_char_boundary(s.end), "{s:?}");
        at = s.end;
    }
    assert_eq!(at, text.len(), "the spans cover the input");
    let mut doc_at = 0;
    for d in &o.documents {
        let span = d.span.expect("--full gives each document its span");
        assert_eq!(span.start, doc_at, "documents follow each other");
        doc_at = span.end;
    }
    assert_eq!(doc_at, text.len());
    // White space as tigang counts it: also the zero-width U+200B and U+FEFF.
    let visible =
        |s: &str| s.chars().filter(|&c| !c.is_whitespace() && c != '\u{feff}' && c != '\u{200b}').collect::<String>();
    for d in &o.documents {
        walk_items(&d.items, text, &visible);
    }
}

fn check(text: &str) {
    check_with(text, &tigang::Parser::new());
}

fn check_with(text: &str, parser: &tigang::Parser) {
    let full = parser.clone().full(true);
    let a = full.parse(text);
    let b = full.parse(text);
    assert_eq!(a, b, "deterministic");
    let _ = tigang::render::yaml(&a);
    let _ = tigang::render::json(&a);
    let mut last = 0;
    for d in &a.documents {
        walk(&d.items, text, &mut last);
    }
    for d in &a.diagnostics {
        assert!(d.span.end <= text.len() && text.is_char_boundary(d.span.start));
    }
    for max_chars in [None, Some(7)] {
        for c in parser.chunks(text, tigang::ChunkOptions { max_chars }) {
            assert!(c.span.start <= c.span.end && c.span.end <= text.len());
            assert!(text.is_char_boundary(c.span.start) && text.is_char_boundary(c.span.end));
            assert!(c.lines[0] <= c.lines[1] && !c.text.trim().is_empty());
        }
    }
    partition(text, &a);
}

proptest! {
    // 2000 cases by default; PROPTEST_CASES=100000 for a long run.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(2000),
        ..ProptestConfig::default()
    })]

    #[test]
    fn never_panics_and_spans_hold(text in texty()) {
        check(&text);
    }

    #[test]
    fn every_built_in_profile_holds(text in texty()) {
        for name in tigang::Profile::built_in_names() {
            check_with(&text, &tigang::Parser::with_profile(tigang::Profile::built_in(name).unwrap()));
        }
    }
}

#[test]
fn corpus_and_example_documents_hold_the_properties() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for dir in ["tests/corpus", "tests/profiles", "examples"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "txt") {
                let bytes = std::fs::read(&path).unwrap();
                check(&tigang::decode::utf8("corpus", &bytes).unwrap());
            }
        }
    }
}
