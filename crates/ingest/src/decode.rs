//! Character encodings: BOM, then UTF-16 without a BOM (every other byte
//! zero), then (for HTML) a declared charset, then UTF-8 validity — kept,
//! with the bad bytes replaced, when the text is overwhelmingly UTF-8 —
//! then statistical sniffing with chardetng.

use encoding_rs::{Encoding, UTF_8};

/// Text decoded to UTF-8, with how it was decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// The encoding's WHATWG name, e.g. `UTF-8`, `windows-1252`.
    pub encoding: &'static str,
    /// Set when the decision was a guess or bytes had to be replaced.
    pub warning: Option<String>,
}

/// Decode `bytes`, or explain why they are not text (binary data).
pub fn decode_text(bytes: &[u8], is_html: bool) -> Result<Decoded, String> {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return finish(text.into_owned(), enc, had_errors, None);
    }
    if let Some(enc) = utf16_without_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(bytes);
        let note = format!("no byte order mark; decoded as {} (detected)", enc.name());
        return finish(text.into_owned(), enc, had_errors, Some(note));
    }
    if looks_binary(bytes) {
        return Err("binary data, not text (NUL or control bytes)".to_string());
    }
    if is_html {
        // A label of the "replacement" encoding (iso-2022-kr, hz-gb-2312,
        // ...) would turn the whole page into one U+FFFD (found by the
        // property tests): such a declaration is ignored, as is no
        // declaration, and the bytes are read as UTF-8 or sniffed.
        if let Some(enc) = declared_charset(bytes).filter(|&e| e != encoding_rs::REPLACEMENT) {
            let (text, had_errors) = enc.decode_without_bom_handling(bytes);
            return finish(text.into_owned(), enc, had_errors, None);
        }
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(Decoded {
            text: s.to_string(),
            encoding: UTF_8.name(),
            warning: None,
        });
    }
    if mostly_utf8(bytes) {
        let (text, _) = UTF_8.decode_without_bom_handling(bytes);
        return finish(text.into_owned(), UTF_8, true, None);
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    let enc = detector.guess(None, true);
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    let note = format!("not valid UTF-8; decoded as {} (detected)", enc.name());
    finish(text.into_owned(), enc, had_errors, Some(note))
}

/// Decode `bytes` as a server sent them: a byte-order mark first, then the
/// charset of the `Content-Type` header (which, for a page, outranks the
/// page's own declaration), then as [`decode_text`] does. A label that names
/// no known encoding, or the "replacement" encoding, is ignored.
pub fn decode_with_charset(
    bytes: &[u8],
    is_html: bool,
    charset: Option<&str>,
) -> Result<Decoded, String> {
    let declared = charset
        .and_then(|c| Encoding::for_label(c.trim().as_bytes()))
        .filter(|&e| {
            e != encoding_rs::REPLACEMENT
                && e != encoding_rs::UTF_16LE
                && e != encoding_rs::UTF_16BE
        });
    match declared {
        Some(enc) if Encoding::for_bom(bytes).is_none() && !looks_binary(bytes) => {
            let (text, had_errors) = enc.decode_without_bom_handling(bytes);
            finish(text.into_owned(), enc, had_errors, None)
        }
        _ => decode_text(bytes, is_html),
    }
}

fn finish(
    text: String,
    enc: &'static Encoding,
    had_errors: bool,
    note: Option<String>,
) -> Result<Decoded, String> {
    let warning = match (note, had_errors) {
        (Some(n), true) => Some(format!("{n}; invalid byte sequences replaced")),
        (Some(n), false) => Some(n),
        (None, true) => Some(format!("invalid {} byte sequences replaced", enc.name())),
        (None, false) => None,
    };
    if control_share(&text) > 0.10 {
        return Err("binary data, not text (control characters)".to_string());
    }
    Ok(Decoded {
        text,
        encoding: enc.name(),
        warning,
    })
}

/// Whether bytes that are not valid UTF-8 are still overwhelmingly UTF-8:
/// at least four valid multi-byte sequences for each invalid one. One
/// stray byte in a UTF-8 article must not turn every "é" into "Ã©" (a
/// single-byte guess); a Windows-1252 text, whose accented letters are
/// single bytes that never form valid sequences, has none or few.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut valid, mut invalid) = (0usize, 0usize);
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                valid += s.bytes().filter(|b| *b >= 0xc0).count();
                break;
            }
            Err(e) => {
                let (good, bad) = rest.split_at(e.valid_up_to());
                valid += good.iter().filter(|b| **b >= 0xc0).count();
                invalid += 1;
                let skip = e.error_len().unwrap_or(bad.len()).max(1);
                rest = &bad[skip.min(bad.len())..];
                if rest.is_empty() {
                    break;
                }
            }
        }
    }
    valid >= 4 * invalid && valid > 0
}

/// UTF-16 without a byte order mark: in the first 8 KiB, nearly every
/// other byte is zero (the high bytes of Latin text) and the bytes between
/// are not. Little-endian puts the zeros at odd offsets.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(8192) & !1];
    let pairs = head.len() / 2;
    if pairs < 8 {
        return None;
    }
    let zeros = |offset: usize| {
        head.iter()
            .skip(offset)
            .step_by(2)
            .filter(|b| **b == 0)
            .count()
    };
    let (even, odd) = (zeros(0), zeros(1));
    let mostly = |n: usize| n * 10 >= pairs * 7;
    let rarely = |n: usize| n * 20 <= pairs;
    if mostly(odd) && rarely(even) {
        Some(encoding_rs::UTF_16LE)
    } else if mostly(even) && rarely(odd) {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// A NUL byte in the first 8 KiB, or many C0 control bytes, marks binary
/// data (UTF-16 without a BOM, which has NUL bytes too, is told apart
/// first).
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c))
        .count();
    !head.is_empty() && controls * 20 > head.len()
}

/// The rule files get, for text that arrives already decoded (a JSON
/// record's body, whose `\u0000` and `\u001b` escapes decode to control
/// characters): a NUL, or more than one control character in twenty, in
/// the first 8 KiB means binary data.
pub(crate) fn check_decoded_text(text: &str) -> Result<(), String> {
    let head: &str = match text.char_indices().nth(8192) {
        Some((i, _)) => &text[..i],
        None => text,
    };
    if head.contains('\0') || control_share(head) * 20.0 > 1.0 {
        return Err("binary data, not text (NUL or control characters)".to_string());
    }
    Ok(())
}

fn control_share(text: &str) -> f64 {
    let mut total = 0usize;
    let mut controls = 0usize;
    for c in text.chars().take(8192) {
        total += 1;
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{0c}') {
            controls += 1;
        }
    }
    if total == 0 {
        0.0
    } else {
        controls as f64 / total as f64
    }
}

/// The charset a page declares in its first 4 KiB: `<meta charset=...>` or
/// `<meta http-equiv="Content-Type" content="...; charset=...">`, or the
/// `encoding` of an XML declaration. A declared UTF-16 is ignored (the bytes
/// we are reading as ASCII could not be UTF-16).
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    let mut from = 0;
    while let Some(pos) = find(&lower[from..], b"charset") {
        let mut i = from + pos + b"charset".len();
        while i < lower.len() && matches!(lower[i], b' ' | b'=' | b'"' | b'\'') {
            i += 1;
        }
        let start = i;
        while i < lower.len()
            && (lower[i].is_ascii_alphanumeric() || matches!(lower[i], b'-' | b'_' | b'.' | b':'))
        {
            i += 1;
        }
        if i > start {
            if let Some(enc) = Encoding::for_label(&lower[start..i]) {
                if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
                    return Some(UTF_8);
                }
                return Some(enc);
            }
        }
        from = i.max(from + pos + 1);
    }
    if lower.starts_with(b"<?xml") {
        if let Some(pos) = find(&lower, b"encoding=") {
            let rest = &lower[pos + 9..];
            let rest = rest
                .strip_prefix(b"\"")
                .or_else(|| rest.strip_prefix(b"'"))
                .unwrap_or(rest);
            let end = rest
                .iter()
                .position(|b| matches!(b, b'"' | b'\'' | b'?' | b' '))
                .unwrap_or(rest.len());
            return Encoding::for_label(&rest[..end]);
        }
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_is_kept_as_is() {
        let d = decode_text("Café — “quoted”".as_bytes(), false).unwrap();
        assert_eq!(d.text, "Café — “quoted”");
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.warning.is_none());
    }

    #[test]
    fn a_utf16_bom_decides_the_encoding() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "<p>Olá</p>".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        let d = decode_text(&bytes, true).unwrap();
        assert_eq!(d.text, "<p>Olá</p>");
        assert_eq!(d.encoding, "UTF-16LE");
    }

    #[test]
    fn a_declared_latin1_charset_is_honoured() {
        let page =
            b"<html><head><meta charset=\"iso-8859-1\"></head><body>Caf\xe9 cr\xe8me</body></html>";
        let d = decode_text(page, true).unwrap();
        assert!(d.text.contains("Café crème"), "{}", d.text);
        assert_eq!(d.encoding, "windows-1252");
    }

    #[test]
    fn an_http_equiv_charset_is_honoured() {
        let page = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\"><p>\xcf\xf0\xe8\xe2\xe5\xf2</p>";
        let d = decode_text(page, true).unwrap();
        assert!(d.text.contains("Привет"), "{}", d.text);
    }

    #[test]
    fn invalid_utf8_without_a_declaration_is_sniffed_and_warned_about() {
        let d = decode_text(
            b"The caf\xe9 on the corner serves cr\xe8me br\xfbl\xe9e.",
            false,
        )
        .unwrap();
        assert!(d.text.contains("café"), "{}", d.text);
        assert!(d.warning.unwrap().contains("not valid UTF-8"));
    }

    #[test]
    fn one_stray_byte_keeps_a_utf8_file_utf8() {
        let mut bytes = "Le café de la gare, où l’on sert une crème brûlée — “délicieuse”. "
            .repeat(3)
            .into_bytes();
        bytes.insert(20, 0xff);
        let d = decode_text(&bytes, false).unwrap();
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.text.contains("crème brûlée"), "{}", d.text);
        assert!(!d.text.contains("Ã"), "{}", d.text);
        assert!(d.text.contains('\u{fffd}'));
        assert!(d.warning.unwrap().contains("replaced"));
    }

    #[test]
    fn a_latin1_file_with_many_accents_is_still_detected() {
        let d = decode_text(
            b"Le caf\xe9 de la gare, o\xf9 l'on sert une cr\xe8me br\xfbl\xe9e d\xe9licieuse.",
            false,
        )
        .unwrap();
        assert!(d.text.contains("crème brûlée"), "{}", d.text);
    }

    #[test]
    fn utf16_without_a_bom_is_detected() {
        let text = "The port reopened on Monday, officials said. Über alles: ça va.";
        for (le, name) in [(true, "UTF-16LE"), (false, "UTF-16BE")] {
            let bytes: Vec<u8> = text
                .encode_utf16()
                .flat_map(|u| if le { u.to_le_bytes() } else { u.to_be_bytes() })
                .collect();
            let d = decode_text(&bytes, false).unwrap();
            assert_eq!(d.text, text);
            assert_eq!(d.encoding, name);
            assert!(d.warning.unwrap().contains("no byte order mark"));
        }
    }

    #[test]
    fn a_declared_charset_of_the_replacement_encoding_does_not_erase_the_page() {
        // Regression: the page decoded to a single U+FFFD.
        for page in [
            &b"<meta charset=iso-2022-kr><p>The council approved the budget.</p>"[..],
            b"<?xml version=\"1.0\" encoding=\"hz-gb-2312\"?><p>The council approved the budget.</p>",
        ] {
            let d = decode_text(page, true).unwrap();
            assert!(d.text.contains("The council approved"), "{d:?}");
            assert_eq!(d.encoding, "UTF-8");
        }
    }

    #[test]
    fn nul_bytes_mean_binary() {
        let err = decode_text(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", false).unwrap_err();
        assert!(err.contains("binary"));
    }

    #[test]
    fn empty_input_decodes_to_empty_text() {
        assert_eq!(decode_text(b"", true).unwrap().text, "");
    }
}
