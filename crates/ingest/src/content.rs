//! HTTP payloads as servers send them and archives store them: the chunked
//! transfer coding and the content codings (gzip, deflate, br), each
//! decoded under a size cap so that a bomb costs at most the cap.

use std::io::Read;

/// Read all of `r`, refusing more than `cap` bytes of output.
pub(crate) fn read_all_capped<R: Read>(mut r: R, cap: u64, what: &str) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = match r.read(&mut buf) {
            Ok(0) => return Ok(out),
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
                return Err(format!("truncated {what}: unexpected end of data"))
            }
            Err(e) => return Err(format!("corrupt {what}: {e}")),
        };
        if (out.len() + n) as u64 > cap {
            return Err(format!(
                "{what} decodes to more than the cap of {cap} bytes (a compression bomb?)"
            ));
        }
        out.extend_from_slice(&buf[..n]);
    }
}

/// Undo the chunked transfer coding (RFC 9112 §7.1): hex sizes with
/// optional extensions, then the data, ending at a zero-size chunk; the
/// trailer is ignored. A body cut off inside a chunk keeps what arrived,
/// with `Err` only when nothing like a chunk is there at all.
pub fn dechunk(body: &[u8]) -> Result<(Vec<u8>, Option<String>), String> {
    let mut out = Vec::with_capacity(body.len());
    let mut rest = body;
    loop {
        let Some(eol) = rest.iter().position(|&b| b == b'\n') else {
            return finish_cut(out, "chunked body ends without its last chunk");
        };
        let line = String::from_utf8_lossy(&rest[..eol]);
        let size_text = line.split(';').next().unwrap_or("").trim();
        let Ok(size) = usize::from_str_radix(size_text, 16) else {
            if out.is_empty() {
                return Err(format!("invalid chunk size {size_text:?}"));
            }
            return finish_cut(out, "chunked body has an invalid chunk size");
        };
        rest = &rest[eol + 1..];
        if size == 0 {
            return Ok((out, None));
        }
        if size > rest.len() {
            out.extend_from_slice(rest);
            return finish_cut(out, "chunked body is cut off inside a chunk");
        }
        out.extend_from_slice(&rest[..size]);
        rest = &rest[size..];
        // The CRLF after the chunk's data.
        rest = rest
            .strip_prefix(b"\r\n")
            .or_else(|| rest.strip_prefix(b"\n"))
            .unwrap_or(rest);
    }
}

fn finish_cut(out: Vec<u8>, why: &str) -> Result<(Vec<u8>, Option<String>), String> {
    if out.is_empty() {
        Err(why.to_string())
    } else {
        Ok((out, Some(why.to_string())))
    }
}

/// Decode a body sent with `Content-Encoding: coding` (several codings are
/// undone in reverse order), refusing output over `cap` bytes.
pub fn decode_content(body: Vec<u8>, coding: &str, cap: u64) -> Result<Vec<u8>, String> {
    let codings: Vec<String> = coding
        .split(',')
        .map(|c| c.trim().to_ascii_lowercase())
        .filter(|c| !c.is_empty() && c != "identity")
        .collect();
    let mut data = body;
    for c in codings.iter().rev() {
        data = match c.as_str() {
            "gzip" | "x-gzip" => read_all_capped(
                flate2::read::MultiGzDecoder::new(&data[..]),
                cap,
                "gzip content",
            )?,
            // "deflate" is meant to be zlib-wrapped, but servers also send
            // raw deflate: try zlib, then raw.
            "deflate" => read_all_capped(
                flate2::read::ZlibDecoder::new(&data[..]),
                cap,
                "deflate content",
            )
            .or_else(|_| {
                read_all_capped(
                    flate2::read::DeflateDecoder::new(&data[..]),
                    cap,
                    "deflate content",
                )
            })?,
            "br" => read_all_capped(
                brotli_decompressor::Decompressor::new(&data[..], 64 * 1024),
                cap,
                "brotli content",
            )?,
            other => return Err(format!("unsupported content encoding {other:?}")),
        };
    }
    Ok(data)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::gzip;
    use std::io::Write;

    fn brotli(data: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut w = brotli::CompressorWriter::new(&mut out, 4096, 5, 22);
        w.write_all(data).unwrap();
        drop(w);
        out
    }

    #[test]
    fn chunked_bodies_are_joined() {
        let body = b"5;ext=1\r\nHello\r\n7\r\n, world\r\n0\r\nTrailer: x\r\n\r\n";
        assert_eq!(dechunk(body).unwrap(), (b"Hello, world".to_vec(), None));
        let (cut, warning) = dechunk(b"5\r\nHello\r\n10\r\nshort").unwrap();
        assert_eq!(cut, b"Helloshort");
        assert!(warning.unwrap().contains("cut off"));
        assert!(dechunk(b"<html>not chunked</html>").is_err());
    }

    #[test]
    fn every_content_coding_is_undone() {
        let page = b"<html><body><p>Encoded page</p></body></html>".repeat(20);
        let zlib = {
            let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
            e.write_all(&page).unwrap();
            e.finish().unwrap()
        };
        let raw_deflate = {
            let mut e = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::fast());
            e.write_all(&page).unwrap();
            e.finish().unwrap()
        };
        for (coding, body) in [
            ("gzip", gzip(&page)),
            ("x-gzip", gzip(&page)),
            ("deflate", zlib),
            ("deflate", raw_deflate),
            ("br", brotli(&page)),
            ("identity", page.clone()),
            ("gzip, br", brotli(&gzip(&page))),
        ] {
            assert_eq!(
                decode_content(body, coding, 1 << 20).unwrap(),
                page,
                "{coding}"
            );
        }
        let err = decode_content(page.clone(), "compress", 1 << 20).unwrap_err();
        assert!(err.contains("unsupported"), "{err}");
    }

    #[test]
    fn a_bomb_stops_at_the_cap() {
        let bomb = gzip(&vec![0u8; 8 << 20]);
        let err = decode_content(bomb, "gzip", 1 << 20).unwrap_err();
        assert!(err.contains("bomb"), "{err}");
        let bomb = brotli(&vec![b'a'; 8 << 20]);
        let err = decode_content(bomb, "br", 1 << 20).unwrap_err();
        assert!(err.contains("bomb"), "{err}");
    }

    #[test]
    fn corrupt_and_truncated_content_is_an_error() {
        let mut body = gzip(&b"some words ".repeat(100));
        body.truncate(body.len() / 2);
        assert!(decode_content(body, "gzip", 1 << 20)
            .unwrap_err()
            .contains("truncated"));
        assert!(decode_content(b"not brotli at all".to_vec(), "br", 1 << 20).is_err());
    }
}
