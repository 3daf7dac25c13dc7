//! Bytes → decode (detected encoding, lossy) → parse (with --full) → every renderer.
//! Any panic is a bug; each crash found becomes a numbered case in tests/regressions.rs.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tigang::decode::DecodeOptions;

fuzz_target!(|data: &[u8]| {
    let parser = tigang::Parser::new().full(true);
    for lossy in [false, true] {
        if let Ok(outline) = parser.parse_bytes(Some("fuzz"), data, DecodeOptions { encoding: None, lossy }) {
            let _ = tigang::render::yaml(&outline);
            let _ = tigang::render::json(&outline);
        }
    }
});
