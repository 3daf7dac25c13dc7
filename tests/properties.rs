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

/// Every output text field of a `--full` outline, in no particular order.
fn full_fields<'a>(o: &tigang::Outline<'a>) -> Vec<std::borrow::Cow<'a, str>> {
    fn items<'a>(list: &[tigang::Item<'a>], parent_line: usize, out: &mut Vec<std::borrow::Cow<'a, str>>) {
        for it in list {
            out.push(it.marker.clone());
            // The first 款 of an article shares the article's line and title.
            let shares_title = it.marker.is_empty() && it.line == parent_line;
            if !shares_title {
                out.push(it.title.clone());
            }
            out.extend(it.body.clone());
            items(&it.children, it.line, out);
        }
    }
    let mut out = Vec::new();
    for d in &o.documents {
        out.extend(d.front_matter.clone());
        out.extend(d.title.as_ref().map(|t| t.text.clone()));
        out.extend(d.subtitle.iter().map(|t| t.text.clone()));
        out.extend(d.salutation.as_ref().map(|t| t.text.clone()));
        if let Some(toc) = &d.toc {
            out.push(toc.heading.text.clone());
            out.extend(toc.entries.iter().map(|e| e.text.clone()));
        }
        out.extend(d.preamble.clone());
        items(&d.items, 0, &mut out);
        out.extend(d.closing.as_ref().map(|t| t.text.clone()));
        out.extend(d.back_matter.clone());
    }
    out
}

/// The characters `--full` promises to keep, counted: everything but white
/// space, Markdown markup (#, *, >, the `<U+00A0>` escapes scrapers leave) and
/// the sentence terminators, of which the one that ends each title is dropped.
fn kept(text: &str) -> std::collections::BTreeMap<char, usize> {
    let mut counts = std::collections::BTreeMap::new();
    for c in text.replace("<U+00A0>", "").chars() {
        if !(c.is_whitespace() || "#*>\u{feff}\u{200b}。！？；：!?;:︰".contains(c)) {
            *counts.entry(c).or_insert(0) += 1;
        }
    }
    counts
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
    // --full loses nothing and repeats nothing.
    assert_eq!(kept(&full_fields(&a).concat()), kept(text), "--full keeps every character exactly once");
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
