//! Decoding: bytes to text, with the encoding named.
//!
//! Chinese documents arrive as UTF-8 (with or without a byte-order mark), as
//! UTF-16 from Word, as GBK/GB18030 from Windows and as Big5 from Taiwan and
//! Hong Kong. The byte-order mark decides first; then text that is UTF-8, or
//! mostly UTF-8 with a few broken bytes, is UTF-8; anything else is guessed
//! by `chardetng` and decoded by `encoding_rs`. A file that is not text at all
//! (a PDF, a DOCX, an image, an executable) is refused with a message that
//! says what it looks like.
//!
//! Broken bytes are never guessed around: a UTF-8 file with one stray byte
//! (a truncated last character, a pasted fragment in another encoding) is an
//! error naming the byte offset and the line, or with `lossy` is decoded with
//! U+FFFD in their place, which the outline reports. Decoding such a file as
//! a legacy single-byte encoding would turn every Chinese character into
//! mojibake without a word.

use std::borrow::Cow;

use encoding_rs::{DecoderResult, Encoding, GB18030, UTF_8, UTF_16BE, UTF_16LE};

use crate::error::Error;

#[cfg(feature = "formats")]
pub mod docx;
#[cfg(feature = "formats")]
pub mod html;

/// Text decoded from bytes, with the encoding that was used. UTF-8 input is
/// borrowed, not copied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded<'a> {
    /// The text (without any byte-order mark).
    pub text: Cow<'a, str>,
    /// What the bytes were: `text`, `docx` (whose paragraphs became the
    /// lines of `text`, numbers of automatic numbering written out) or
    /// `html` (a page, whose blocks became lines).
    pub format: &'static str,
    /// The encoding's name, lower case: `utf-8`, `utf-16le`, `gb18030`, `big5` …
    pub encoding: String,
    /// Where the first undecodable bytes were, when decoding was lossy
    /// (`--lossy`): those bytes became U+FFFD.
    pub replaced: Option<Replaced>,
}

/// Where lossy decoding first replaced bytes by U+FFFD.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Replaced {
    /// Byte offset of the first undecodable byte in the input.
    pub input: usize,
    /// Byte offset of its U+FFFD in the decoded text.
    pub text: usize,
}

impl Decoded<'_> {
    /// The same decoded text, owning it.
    pub fn into_owned(self) -> Decoded<'static> {
        Decoded {
            text: Cow::Owned(self.text.into_owned()),
            format: self.format,
            encoding: self.encoding,
            replaced: self.replaced,
        }
    }
}

/// How to decode.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DecodeOptions {
    /// Decode with this encoding (an `encoding_rs` label such as `gbk`,
    /// `big5`, `utf-16le`) instead of detecting one.
    pub encoding: Option<&'static Encoding>,
    /// Replace undecodable bytes with U+FFFD instead of failing.
    pub lossy: bool,
}

impl DecodeOptions {
    /// Decoding with the encoding called `label` (`gbk`, `GB18030`, `big5`,
    /// `utf-16le`, `utf8` …) instead of detecting one.
    ///
    /// # Errors
    /// [`Error::Decode`] naming the label when it names no encoding.
    pub fn for_label(label: &str) -> Result<DecodeOptions, Error> {
        Ok(DecodeOptions { encoding: Some(encoding_for_label(label)?), lossy: false })
    }

    /// The same options, replacing undecodable bytes with U+FFFD (and
    /// reporting it) when `lossy`, instead of refusing the input.
    #[must_use]
    pub fn lossy(mut self, lossy: bool) -> DecodeOptions {
        self.lossy = lossy;
        self
    }
}

/// The bytes of the file at `path`, refusing one larger than spans can
/// address (4 GiB) before reading it.
///
/// # Errors
/// [`Error::Io`] naming the file: it cannot be read, or it is too large.
pub fn read_file(path: &std::path::Path) -> Result<Vec<u8>, Error> {
    let shown = || path.display().to_string();
    let too_large = std::fs::metadata(path).is_ok_and(|m| m.len() > crate::blocks::MAX_TEXT as u64);
    if too_large {
        let reason = "larger than 4 GiB: tigang reads inputs of up to 4 GiB; split it";
        return Err(Error::Io { path: shown(), source: std::io::Error::new(std::io::ErrorKind::FileTooLarge, reason) });
    }
    std::fs::read(path).map_err(|source| Error::Io { path: shown(), source })
}

/// The encoding called `label` (`gbk`, `GB18030`, `big5`, `utf-16le`, `utf8` …).
///
/// # Errors
/// [`Error::Decode`] naming the label when `encoding_rs` does not know it.
pub fn encoding_for_label(label: &str) -> Result<&'static Encoding, Error> {
    Encoding::for_label_no_replacement(label.trim().as_bytes()).ok_or_else(|| Error::Decode {
        path: "--encoding".into(),
        reason: format!("unknown encoding {label:?} (try utf-8, gb18030, gbk, big5, utf-16le, utf-16be)"),
    })
}

/// Decodes UTF-8 bytes, dropping a leading byte-order mark.
///
/// # Errors
/// [`Error::Decode`] naming `path` and the offset of the first invalid byte.
pub fn utf8(path: &str, bytes: &[u8]) -> Result<String, Error> {
    decode(path, bytes, DecodeOptions { encoding: Some(UTF_8), lossy: false }).map(|d| d.text.into_owned())
}

/// Undecodable sequences per valid multi-byte character above which bytes
/// that are not UTF-8 are taken for another encoding. UTF-8 Chinese is
/// three bytes a character; GBK or Big5 read as UTF-8 makes a valid
/// three-byte sequence for about one character in fifty and an invalid one
/// for nearly every character, so a file with one valid sequence for every
/// four broken ones is UTF-8 that went wrong somewhere (a truncated last
/// character, a stray byte, a pasted fragment), not a legacy encoding.
const BROKEN_PER_VALID: usize = 4;

/// Whether bytes that are not valid UTF-8 are still mostly UTF-8: Chinese
/// (three- and four-byte) sequences outnumber a quarter of the broken ones.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut valid, mut broken) = (0usize, 0usize);
    let mut rest = bytes;
    loop {
        let (good, bad) = match std::str::from_utf8(rest) {
            Ok(s) => (s.as_bytes(), None),
            Err(e) => (
                &rest[..e.valid_up_to()],
                Some(e.valid_up_to() + e.error_len().unwrap_or(rest.len() - e.valid_up_to())),
            ),
        };
        valid += good.iter().filter(|&&b| b >= 0xe0).count();
        match bad {
            Some(skip) => {
                broken += 1;
                rest = &rest[skip..];
            }
            None => return valid > 0 && valid * BROKEN_PER_VALID >= broken,
        }
    }
}

/// Decodes `bytes` read from `path` (the name is only used in messages).
///
/// # Errors
/// [`Error::Decode`] when the bytes are not text ("looks like a PDF") or do
/// not decode in the detected or forced encoding (the message names the
/// encoding and the byte offset), unless `options.lossy`.
pub fn decode<'a>(path: &str, bytes: &'a [u8], options: DecodeOptions) -> Result<Decoded<'a>, Error> {
    #[cfg(feature = "formats")]
    {
        if docx::is_docx(bytes) {
            let text = docx::extract(path, bytes)?;
            return Ok(Decoded { text: Cow::Owned(text), format: "docx", encoding: "utf-8".into(), replaced: None });
        }
        // A page that is not UTF-8 says what it is in its <meta charset>.
        let mut options = options;
        // (Valid UTF-8 is UTF-8 whatever the page says; looked at last, as
        // validating is the costly test.)
        if options.encoding.is_none()
            && Encoding::for_bom(bytes).is_none()
            && let Some(label) = html::declared_charset(bytes)
            && simdutf8::basic::from_utf8(bytes).is_err()
        {
            options.encoding = Encoding::for_label_no_replacement(label.as_bytes());
        }
        let decoded = decode_text(path, bytes, options)?;
        if html::is_html(path, &decoded.text) {
            let deep = html::nesting(&decoded.text);
            if deep > html::MAX_NESTING {
                return Err(Error::Decode {
                    path: path.to_string(),
                    reason: format!(
                        "an HTML page whose elements nest {deep} deep (more than {}): refused",
                        html::MAX_NESTING
                    ),
                });
            }
            let text = html::extract(&decoded.text);
            // A replaced byte is reported where its U+FFFD landed in the page's text.
            let replaced =
                decoded.replaced.map(|r| Replaced { input: r.input, text: text.find('\u{fffd}').unwrap_or(0) });
            return Ok(Decoded { text: Cow::Owned(text), format: "html", replaced, ..decoded });
        }
        Ok(decoded)
    }
    #[cfg(not(feature = "formats"))]
    decode_text(path, bytes, options)
}

/// [`decode`] for text: the bytes in their detected or forced encoding.
fn decode_text<'a>(path: &str, bytes: &'a [u8], options: DecodeOptions) -> Result<Decoded<'a>, Error> {
    let fail = |reason: String| Error::Decode { path: path.to_string(), reason };
    let (bom, bom_len) = match Encoding::for_bom(bytes) {
        Some((e, n)) => (Some(e), n),
        None => (None, 0),
    };
    if bom.is_none()
        && options.encoding.is_none_or(|e| e != UTF_16LE && e != UTF_16BE)
        && let Some(what) = sniff_binary(bytes)
    {
        return Err(fail(format!("looks like {what}: tigang reads plain text{READS}")));
    }
    // Most input is UTF-8: validate it once, with SIMD (simdutf8 runs at
    // gigabytes a second where core's validation is byte by byte).
    let as_utf8 = |b| simdutf8::basic::from_utf8(b).ok();
    let encoding = match (options.encoding, bom) {
        (Some(forced), _) => forced,
        (None, Some(from_bom)) => from_bom,
        (None, None) => match as_utf8(bytes) {
            Some(s) => {
                return Ok(Decoded {
                    text: Cow::Borrowed(s),
                    format: "text",
                    encoding: display_name(UTF_8),
                    replaced: None,
                });
            }
            None if mostly_utf8(bytes) => UTF_8,
            None => guess(bytes),
        },
    };
    // A byte-order mark of the encoding in use is not text.
    let body = if bom == Some(encoding) { &bytes[bom_len..] } else { bytes };
    let skipped = bytes.len() - body.len();
    let name = display_name(encoding);
    if encoding == UTF_8
        && let Some(s) = as_utf8(body)
    {
        return Ok(Decoded { text: Cow::Borrowed(s), format: "text", encoding: name, replaced: None });
    }
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut text = String::with_capacity(decoder.max_utf8_buffer_length(body.len()).unwrap_or(body.len() * 3));
    let mut read_total = 0;
    loop {
        let (result, read) = decoder.decode_to_string_without_replacement(&body[read_total..], &mut text, true);
        read_total += read;
        match result {
            DecoderResult::InputEmpty => {
                return Ok(Decoded { text: Cow::Owned(text), format: "text", encoding: name, replaced: None });
            }
            DecoderResult::OutputFull => {
                text.reserve(decoder.max_utf8_buffer_length(body.len() - read_total).unwrap_or(1024).max(16));
            }
            DecoderResult::Malformed(bad, extra) => {
                let offset = skipped + read_total - usize::from(extra) - usize::from(bad);
                if !options.lossy {
                    // Lines are countable where a line feed is one byte.
                    let line = if encoding.is_ascii_compatible() {
                        format!(", line {}", memchr::memchr_iter(b'\n', &bytes[..offset]).count() + 1)
                    } else {
                        String::new()
                    };
                    return Err(fail(format!(
                        "not valid {name}: undecodable bytes at offset {offset}{line} ({}); use --encoding to \
                         choose another encoding or --lossy to replace them",
                        hex(&bytes[offset..(offset + usize::from(bad)).min(bytes.len())])
                    )));
                }
                // The text before the first bad byte decoded cleanly into `text`
                // minus what the decoder had buffered: decode that prefix again
                // to know where its U+FFFD lands.
                let prefix = &body[..offset - skipped];
                let at = encoding.decode_without_bom_handling(prefix).0.len();
                let (lossy, _) = encoding.decode_without_bom_handling(body);
                let replaced = Some(Replaced { input: offset, text: at });
                return Ok(Decoded { text: Cow::Owned(lossy.into_owned()), format: "text", encoding: name, replaced });
            }
        }
    }
}

/// Guesses a legacy encoding. GBK is read as GB18030, its superset.
fn guess(bytes: &[u8]) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let e = detector.guess(None, chardetng::Utf8Detection::Allow);
    if e == encoding_rs::GBK { GB18030 } else { e }
}

fn display_name(e: &'static Encoding) -> String {
    e.name().to_ascii_lowercase()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect::<Vec<_>>().join(" ")
}

/// The other formats this build reads, for the message that refuses a file.
#[cfg(feature = "formats")]
const READS: &str = ", .docx and HTML";
#[cfg(not(feature = "formats"))]
const READS: &str = " (this build was made without the `formats` feature, which reads .docx and HTML)";

/// What a non-text file looks like, from its first bytes; `None` for text.
fn sniff_binary(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"%PDF", "a PDF"),
        (b"PK\x03\x04", "a ZIP archive (XLSX, ODT … or a DOCX without word/document.xml)"),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
            "a Word 97–2003 .doc, a WPS .wps or an encrypted Office file; save it as .docx without a password",
        ),
        (b"{\\rtf", "an RTF document"),
        (b"\x89PNG", "a PNG image"),
        (b"\xff\xd8\xff", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"BM", "a BMP image"),
        (b"II*\x00", "a TIFF image"),
        (b"MM\x00*", "a TIFF image"),
        (b"\x7fELF", "an ELF executable"),
        (b"MZ", "a Windows executable"),
        (b"\xcf\xfa\xed\xfe", "a Mach-O executable"),
        (b"\x1f\x8b", "a gzip archive"),
        (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
        (b"Rar!", "a RAR archive"),
        (b"BZh", "a bzip2 archive"),
        (b"\xfd7zXZ", "an xz archive"),
    ];
    for (magic, what) in MAGIC {
        // "BM" and "MZ" are short: only believe them with a NUL nearby.
        let short = magic.len() <= 2;
        if bytes.starts_with(magic) && (!short || bytes.iter().take(64).any(|&b| b == 0)) {
            return Some(what);
        }
    }
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return Some("binary data (it contains NUL bytes)");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn auto(bytes: &[u8]) -> Result<Decoded<'_>, Error> {
        decode("f.txt", bytes, DecodeOptions::default())
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(auto("一、总则".as_bytes()).unwrap().text, "一、总则");
        let d = auto(b"\xef\xbb\xbf\xe4\xb8\x80").unwrap();
        assert_eq!((d.text.as_ref(), d.encoding.as_str()), ("一", "utf-8"));
    }

    #[test]
    fn utf16_with_bom() {
        let mut le = vec![0xff, 0xfe];
        le.extend("一、总则".encode_utf16().flat_map(u16::to_le_bytes));
        let d = auto(&le).unwrap();
        assert_eq!((d.text.as_ref(), d.encoding.as_str()), ("一、总则", "utf-16le"));
        let mut be = vec![0xfe, 0xff];
        be.extend("一、总则".encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(auto(&be).unwrap().encoding, "utf-16be");
    }

    #[test]
    fn legacy_encodings_are_guessed() {
        let text = "各位代表：现在，我代表国务院，向大会报告政府工作，请予审议。一、二〇二三年工作回顾。";
        let (gbk, _, _) = GB18030.encode(text);
        let d = auto(&gbk).unwrap();
        assert_eq!((d.text.as_ref(), d.encoding.as_str()), (text, "gb18030"));
        let tw = "各位代表：現在，我代表行政院，向大會報告施政，請予審議。壹、一年來的挑戰與成就。";
        let (big5, _, _) = encoding_rs::BIG5.encode(tw);
        let d = auto(&big5).unwrap();
        assert_eq!((d.text.as_ref(), d.encoding.as_str()), (tw, "big5"));
    }

    #[test]
    fn undecodable_bytes_name_the_offset() {
        let err = decode("bad.txt", b"ab\xe4\xb8", DecodeOptions { encoding: Some(UTF_8), lossy: false }).unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("bad.txt: not valid utf-8: undecodable bytes at offset 2"), "{msg}");
        let d = decode("bad.txt", b"ab\xe4\xb8", DecodeOptions { encoding: Some(UTF_8), lossy: true }).unwrap();
        assert_eq!((d.text.as_ref(), d.replaced), ("ab\u{fffd}", Some(Replaced { input: 2, text: 2 })));
    }

    #[test]
    fn binary_files_are_refused() {
        for (bytes, what) in [
            (&b"%PDF-1.7\n%\xe2\xe3"[..], "a PDF"),
            (b"PK\x03\x04\x14\x00", "a ZIP archive"),
            (b"\x7fELF\x02\x01\x01\x00", "an ELF executable"),
            (b"abc\x00def", "binary data"),
        ] {
            let msg = auto(bytes).unwrap_err().to_string();
            assert!(msg.contains(&format!("looks like {what}")), "{msg}");
        }
    }

    #[test]
    fn unknown_label() {
        assert!(encoding_for_label("klingon").is_err());
        assert_eq!(encoding_for_label("GBK").unwrap(), encoding_rs::GBK);
    }
}
