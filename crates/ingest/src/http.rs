//! HTTP responses as a web archive stores them (status line, headers, body),
//! and what a response's headers say about its payload.

use crate::content::{dechunk, decode_content};

/// A response's status and headers (names as sent; lookups ignore case).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ResponseHead {
    pub status: u16,
    pub headers: Vec<(String, String)>,
}

impl ResponseHead {
    /// The first value of header `name`.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The media type of `Content-Type`, lower case (`text/html`).
    pub fn media_type(&self) -> Option<String> {
        let ct = self.header("content-type")?;
        let media = ct.split(';').next()?.trim().to_ascii_lowercase();
        (!media.is_empty()).then_some(media)
    }

    /// The `charset` parameter of `Content-Type`.
    pub fn charset(&self) -> Option<String> {
        charset_of(self.header("content-type")?)
    }
}

/// The `charset` parameter of a `Content-Type` value.
pub fn charset_of(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| v.trim().trim_matches(['"', '\'']).to_string())
            .filter(|v| !v.is_empty())
    })
}

/// Whether a media type is a web page.
pub fn is_html_media(media: &str) -> bool {
    matches!(media, "text/html" | "application/xhtml+xml")
}

/// Split a stored response into its head and body. Lines may end in LF
/// alone (some crawlers wrote them so); a head without a blank line after it
/// is an error.
pub fn split_response(block: &[u8]) -> Result<(ResponseHead, &[u8]), String> {
    let (head_end, body_start) = find_head_end(block).ok_or("HTTP headers do not end")?;
    let head = String::from_utf8_lossy(&block[..head_end]);
    let mut lines = head.lines();
    let status_line = lines.next().unwrap_or("");
    let mut parts = status_line.split_whitespace();
    let version = parts.next().unwrap_or("");
    if !version.starts_with("HTTP/") {
        return Err(format!("not an HTTP response: {:?}", clip(status_line)));
    }
    let status: u16 = parts
        .next()
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("no status code in {:?}", clip(status_line)))?;
    let mut headers: Vec<(String, String)> = Vec::new();
    for line in lines {
        if line.starts_with([' ', '\t']) {
            // An obsolete folded continuation line.
            if let Some(last) = headers.last_mut() {
                last.1.push(' ');
                last.1.push_str(line.trim());
            }
            continue;
        }
        if let Some((k, v)) = line.split_once(':') {
            headers.push((k.trim().to_string(), v.trim().to_string()));
        }
    }
    Ok((ResponseHead { status, headers }, &block[body_start..]))
}

fn clip(s: &str) -> String {
    s.chars().take(60).collect()
}

/// (end of the head, start of the body): the first empty line.
fn find_head_end(block: &[u8]) -> Option<(usize, usize)> {
    let mut i = 0;
    while let Some(nl) = block[i..].iter().position(|&b| b == b'\n') {
        let at = i + nl;
        let next = at + 1;
        if block[next..].starts_with(b"\r\n") {
            return Some((at, next + 2));
        }
        if block[next..].starts_with(b"\n") {
            return Some((at, next + 1));
        }
        i = next;
    }
    None
}

/// A response body with its transfer and content codings undone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payload {
    pub bytes: Vec<u8>,
    pub warnings: Vec<String>,
}

/// Undo `Transfer-Encoding: chunked` and `Content-Encoding` as the head
/// declares them, with output capped at `cap` bytes. Archives sometimes
/// store a body already decoded under the original headers: a body that
/// does not decode but already looks like a page is kept as it is, with a
/// warning.
pub fn decode_payload(head: &ResponseHead, body: &[u8], cap: u64) -> Result<Payload, String> {
    let mut warnings = Vec::new();
    let chunked = head
        .header("transfer-encoding")
        .is_some_and(|t| t.to_ascii_lowercase().contains("chunked"));
    let mut bytes = body.to_vec();
    if chunked {
        match dechunk(&bytes) {
            Ok((joined, warning)) => {
                bytes = joined;
                warnings.extend(warning);
            }
            Err(_) if looks_like_markup(&bytes) => {
                warnings.push("declared chunked but stored decoded; read as it is".into());
            }
            Err(e) => return Err(e),
        }
    }
    if let Some(coding) = head.header("content-encoding") {
        let raw = bytes.clone();
        match decode_content(bytes, coding, cap) {
            Ok(decoded) => bytes = decoded,
            Err(_) if looks_like_markup(&raw) => {
                bytes = raw;
                warnings.push(format!(
                    "declared Content-Encoding {coding:?} but stored decoded; read as it is"
                ));
            }
            Err(e) => return Err(e),
        }
    }
    if bytes.len() as u64 > cap {
        return Err(format!("page is over the size cap of {cap} bytes"));
    }
    Ok(Payload { bytes, warnings })
}

/// Whether bytes start like a page rather than like compressed data.
pub fn looks_like_markup(bytes: &[u8]) -> bool {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    let head = &bytes[start..bytes.len().min(start + 512)];
    head.first() == Some(&b'<') || head.windows(5).any(|w| w.eq_ignore_ascii_case(b"<html"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stored_response_splits_into_head_and_body() {
        let block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=\"ISO-8859-1\"\r\nX-Long: a\r\n  b\r\n\r\n<html>body</html>";
        let (head, body) = split_response(block).unwrap();
        assert_eq!(head.status, 200);
        assert_eq!(head.media_type().as_deref(), Some("text/html"));
        assert_eq!(head.charset().as_deref(), Some("ISO-8859-1"));
        assert_eq!(head.header("x-long"), Some("a b"));
        assert_eq!(body, b"<html>body</html>");
        // Bare LF line ends.
        let (head, body) = split_response(b"HTTP/1.0 404 Not Found\nA: b\n\nrest").unwrap();
        assert_eq!((head.status, body), (404, &b"rest"[..]));
    }

    #[test]
    fn broken_heads_are_errors() {
        assert!(split_response(b"HTTP/1.1 200 OK\r\nno end").is_err());
        assert!(split_response(b"GET / HTTP/1.1\r\n\r\n").is_err());
        assert!(split_response(b"HTTP/1.1 abc\r\n\r\n").is_err());
    }

    #[test]
    fn a_body_stored_decoded_under_its_original_headers_is_kept() {
        let head = ResponseHead {
            status: 200,
            headers: vec![
                ("Content-Encoding".into(), "gzip".into()),
                ("Transfer-Encoding".into(), "chunked".into()),
            ],
        };
        let p = decode_payload(&head, b"<!doctype html><p>x</p>", 1 << 20).unwrap();
        assert_eq!(p.bytes, b"<!doctype html><p>x</p>");
        assert_eq!(p.warnings.len(), 2);
        assert!(decode_payload(&head, b"\x00\x01binary", 1 << 20).is_err());
    }
}
