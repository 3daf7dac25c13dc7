//! Inputs the fuzzer (`fuzz/`, `cargo fuzz run decode_parse_render`) found
//! crashing, kept as numbered cases: bytes → decode → parse → every renderer
//! must not panic.
//!
//! 001: a run of 60 digits at a line start overflowed the Arabic numeral
//!      parser (`arabic`) before it checked the three-digit limit.
//! 002: (`cargo fuzz run parse`) a law whose paragraph items mixed with
//!      nested items: the streamed outline differed from the rendered one.
//! 003: (`cargo fuzz run parse`) a Taiwan law with a NUL byte and repeated
//!      chapters: the `--full` spans did not partition the input.

use tigang::decode::DecodeOptions;

fn run(bytes: &[u8]) {
    let parser = tigang::Parser::new().full(true);
    for lossy in [false, true] {
        if let Ok(outline) = parser.parse_bytes(Some("case"), bytes, DecodeOptions { encoding: None, lossy }) {
            let _ = tigang::render::yaml(&outline);
            let _ = tigang::render::json(&outline);
        }
    }
    // What the parse fuzz target checks: the streamed outline is the
    // rendered one, and the spans partition the input.
    if let Ok(text) = std::str::from_utf8(bytes) {
        let outline = parser.parse(text);
        let mut at = 0;
        for s in spans(&outline) {
            assert_eq!(s.start, at, "spans partition the input: {s:?}");
            at = s.end;
        }
        assert_eq!(at, text.len(), "spans cover the input");
        let mut streamed = Vec::new();
        parser.write(text, tigang::Syntax::Json, &mut streamed).expect("in memory");
        assert_eq!(String::from_utf8(streamed).unwrap(), tigang::render::json(&outline), "streamed = rendered");
    }
}

/// The spans of a `--full` outline in output order.
fn spans(o: &tigang::Outline<'_>) -> Vec<tigang::Span> {
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

#[test]
fn fuzz_regressions() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/regressions");
    let mut cases: Vec<_> =
        std::fs::read_dir(&dir).expect("tests/regressions").filter_map(|e| e.ok().map(|e| e.path())).collect();
    cases.sort();
    assert!(!cases.is_empty());
    for case in cases {
        run(&std::fs::read(&case).expect("case"));
    }
}
