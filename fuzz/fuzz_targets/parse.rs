//! Text → parse → streamed JSON, and the promises a parse makes: spans in
//! the text and on character boundaries, `--full` spans that partition the
//! input, the streamed outline equal to the rendered one. Fast enough for
//! thousands of executions a second; the decode-to-render target covers the
//! rest. Any panic is a bug; each crash becomes a case in tests/regressions.rs.
#![no_main]

use libfuzzer_sys::fuzz_target;

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

fuzz_target!(|text: &str| {
    let parser = tigang::Parser::new().full(true);
    let outline = parser.parse(text);
    let mut at = 0;
    for s in spans(&outline) {
        assert_eq!(s.start, at, "spans partition the input");
        assert!(text.is_char_boundary(s.end));
        at = s.end;
    }
    assert_eq!(at, text.len(), "spans cover the input");
    for d in &outline.diagnostics {
        assert!(d.span.end <= text.len() && text.is_char_boundary(d.span.start));
    }
    let mut streamed = Vec::new();
    parser.write(text, tigang::Syntax::Json, &mut streamed).expect("in memory");
    assert_eq!(streamed, tigang::render::json(&outline).into_bytes(), "streamed = rendered");
});
