//! Bytes → decode (detected encoding, lossy) → parse (with --full, profile
//! chosen per text, and every built-in forced) → every renderer and chunks.
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
            let _ = tigang::render::markdown(&outline);
            let _ = tigang::render::opml(&outline);
            let _ = tigang::render::text(&outline);
            let _ = tigang::render::html(&outline);
        }
    }
    if let Ok(decoded) = tigang::decode::decode("fuzz", data, DecodeOptions { encoding: None, lossy: true }) {
        let text = &decoded.text;
        for max_chars in [None, Some(5)] {
            let _ = parser.chunks(text, tigang::ChunkOptions { max_chars });
        }
        for name in tigang::Profile::built_in_names() {
            if let Ok(profile) = tigang::Profile::built_in(name) {
                let outline = tigang::Parser::with_profile(profile).full(true).parse(text);
                let _ = tigang::render::json(&outline);
            }
        }
    }
});
