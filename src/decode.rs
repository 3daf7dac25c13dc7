//! Decoding: bytes to text.
//!
//! This version reads UTF-8 (with or without a byte-order mark). Other
//! encodings are refused with a message that says so and where the first
//! invalid byte is.

use crate::error::Error;

/// Decodes UTF-8 bytes, dropping a leading byte-order mark.
///
/// # Errors
/// [`Error::Decode`] naming `path` and the offset of the first invalid byte.
pub fn utf8(path: &str, bytes: &[u8]) -> Result<String, Error> {
    let body = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    match std::str::from_utf8(body) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => Err(Error::Decode {
            path: path.to_string(),
            reason: format!(
                "not valid UTF-8 (first invalid byte at offset {}); this version reads UTF-8 only \
                 (GBK, GB18030, Big5 and UTF-16 support is planned): convert the file, e.g. with \
                 `iconv -f GB18030 -t UTF-8`",
                e.valid_up_to() + (bytes.len() - body.len())
            ),
        }),
    }
}
