//! The same document in UTF-8, UTF-8 with BOM, UTF-16LE/BE, GB18030 and Big5
//! (where representable) gives the same outline, and the encoding is named.

use encoding_rs::{BIG5, Encoding, GB18030, UTF_16BE, UTF_16LE};
use tigang::decode::DecodeOptions;

fn corpus(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/corpus/{name}", env!("CARGO_MANIFEST_DIR"))).expect("corpus file")
}

fn outline(bytes: &[u8]) -> tigang::Outline<'static> {
    tigang::Parser::new().parse_bytes(Some("doc"), bytes, DecodeOptions::default()).expect("decodes")
}

/// The items of an outline, without byte spans (they differ only by a BOM).
fn items(o: &tigang::Outline) -> Vec<(usize, String, String, usize)> {
    fn walk(items: &[tigang::Item], depth: usize, out: &mut Vec<(usize, String, String, usize)>) {
        for it in items {
            out.push((it.line, it.marker.to_string(), it.title.to_string(), depth));
            walk(&it.children, depth + 1, out);
        }
    }
    let mut out = Vec::new();
    for d in &o.documents {
        walk(&d.items, 1, &mut out);
    }
    out
}

fn encode(text: &str, e: &'static Encoding) -> Option<Vec<u8>> {
    if e == UTF_16LE || e == UTF_16BE {
        let le = e == UTF_16LE;
        let mut out = if le { vec![0xff, 0xfe] } else { vec![0xfe, 0xff] };
        for u in text.encode_utf16() {
            out.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
        }
        return Some(out);
    }
    let (bytes, _, unmappable) = e.encode(text);
    (!unmappable).then(|| bytes.into_owned())
}

#[test]
fn every_encoding_gives_the_same_outline() {
    for name in ["seed.txt", "003.txt", "102.txt", "104.txt", "047.txt", "115.txt"] {
        let utf8 = corpus(name);
        let text = std::str::from_utf8(&utf8).unwrap().trim_start_matches('\u{feff}');
        let reference = outline(text.as_bytes());
        let mut with_bom = b"\xef\xbb\xbf".to_vec();
        with_bom.extend(text.as_bytes());
        let mut tried = vec![("utf-8", with_bom)];
        for (label, e) in [("utf-16le", UTF_16LE), ("utf-16be", UTF_16BE), ("gb18030", GB18030), ("big5", BIG5)] {
            if let Some(bytes) = encode(text, e) {
                tried.push((label, bytes));
            }
        }
        assert!(tried.len() >= 4, "{name}: at least UTF-8 BOM, UTF-16LE/BE and one legacy encoding");
        for (label, bytes) in tried {
            let o = outline(&bytes);
            assert_eq!(o.source.encoding, label, "{name} in {label}: detected encoding");
            assert_eq!(items(&o), items(&reference), "{name} in {label}: same outline");
        }
    }
}

#[test]
fn original_encoded_files_match_their_utf8_copies() {
    for (file, utf8_name, label) in [
        ("001.gb18030.txt", "001.txt", "gb18030"),
        ("002.gb18030.txt", "002.txt", "gb18030"),
        ("006.gb18030.txt", "006.txt", "gb18030"),
        ("032.utf-16le.txt", "032.txt", "utf-16le"),
        ("102.big5.txt", "102.txt", "big5"),
        ("104.big5.txt", "104.txt", "big5"),
    ] {
        let o = outline(&corpus(&format!("encoded/{file}")));
        assert_eq!(o.source.encoding, label, "{file}");
        assert_eq!(items(&o), items(&outline(&corpus(utf8_name))), "{file}: same items as {utf8_name}");
    }
}
