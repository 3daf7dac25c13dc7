//! Arbitrary `word/document.xml`, `word/numbering.xml` and `word/styles.xml`
//! (the input split at 0xFF bytes) in a well-formed zip → decode → parse.
//! Malformed XML must be an error, any numbering a bounded rendering: a
//! panic or a hang is a bug.
#![no_main]

use std::io::Write;

use libfuzzer_sys::fuzz_target;
use tigang::decode::DecodeOptions;

fuzz_target!(|data: &[u8]| {
    let mut parts = data.splitn(3, |&b| b == 0xFF);
    let names = ["word/document.xml", "word/numbering.xml", "word/styles.xml"];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for name in names {
        let Some(part) = parts.next() else { break };
        if zip.start_file(name, options).is_err() || zip.write_all(part).is_err() {
            return;
        }
    }
    let Ok(cursor) = zip.finish() else { return };
    let bytes = cursor.into_inner();
    if let Ok(outline) = tigang::Parser::new().full(true).parse_bytes(Some("fuzz.docx"), &bytes, DecodeOptions::default()) {
        let _ = tigang::render::yaml(&outline);
    }
});
