//! A guard against pathologically nested markup. Parsers and tree walkers
//! recurse over element depth; a page of ten thousand nested `<div>`s must
//! not exhaust the stack. Pages nested deeper than [`MAX_DEPTH`] have their
//! excess container tags removed, which keeps all the text.

use std::borrow::Cow;

/// Real pages rarely nest beyond 60 elements; browsers cap at 512.
pub const MAX_DEPTH: usize = 256;

const VOID: [&str; 16] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "command",
];

/// Return the page unchanged, or flattened beyond `MAX_DEPTH` with a warning.
pub fn limit_nesting(html: &str) -> (Cow<'_, str>, Option<String>) {
    if max_depth(html) <= MAX_DEPTH {
        return (Cow::Borrowed(html), None);
    }
    let mut out = String::with_capacity(html.len());
    let mut depth = 0usize;
    let mut last = 0;
    for tag in tags(html) {
        match tag.kind {
            TagKind::Open => {
                depth += 1;
                if depth > MAX_DEPTH {
                    out.push_str(&html[last..tag.start]);
                    last = tag.end;
                }
            }
            TagKind::Close => {
                if depth > MAX_DEPTH {
                    out.push_str(&html[last..tag.start]);
                    last = tag.end;
                }
                depth = depth.saturating_sub(1);
            }
        }
    }
    out.push_str(&html[last..]);
    (
        Cow::Owned(out),
        Some(format!(
            "markup nested deeper than {MAX_DEPTH} elements was flattened"
        )),
    )
}

fn max_depth(html: &str) -> usize {
    let mut depth = 0usize;
    let mut max = 0;
    for tag in tags(html) {
        match tag.kind {
            TagKind::Open => {
                depth += 1;
                max = max.max(depth);
            }
            TagKind::Close => depth = depth.saturating_sub(1),
        }
    }
    max
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum TagKind {
    Open,
    Close,
}

struct Tag {
    kind: TagKind,
    start: usize,
    end: usize,
}

/// Opening and closing tags of non-void elements, skipping comments and the
/// contents of script and style. Approximate by design: it only has to
/// measure depth, not to parse.
fn tags(html: &str) -> impl Iterator<Item = Tag> + '_ {
    let b = html.as_bytes();
    let mut i = 0;
    let mut raw_until: Option<&'static str> = None;
    std::iter::from_fn(move || {
        while i < b.len() {
            let lt = memchr(b'<', &b[i..])? + i;
            if let Some(close) = raw_until {
                let rest = &b[lt..];
                if rest.len() >= close.len()
                    && rest[..close.len()].eq_ignore_ascii_case(close.as_bytes())
                {
                    raw_until = None;
                } else {
                    i = lt + 1;
                    continue;
                }
            }
            if b[lt..].starts_with(b"<!--") {
                i = html[lt + 4..]
                    .find("-->")
                    .map_or(b.len(), |e| lt + 4 + e + 3);
                continue;
            }
            let (inner_end, next) = match memchr(b'>', &b[lt..]) {
                Some(g) => (lt + g, lt + g + 1),
                None => (b.len(), b.len()),
            };
            i = next;
            let gt = next;
            let inner = &html[lt + 1..inner_end];
            let (closing, inner) = match inner.strip_prefix('/') {
                Some(r) => (true, r),
                None => (false, inner),
            };
            let name: String = inner
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect::<String>()
                .to_ascii_lowercase();
            if name.is_empty() || VOID.contains(&name.as_str()) || inner.ends_with('/') {
                continue;
            }
            if !closing && (name == "script" || name == "style") {
                raw_until = Some(if name == "script" {
                    "</script"
                } else {
                    "</style"
                });
            }
            let kind = if closing {
                TagKind::Close
            } else {
                TagKind::Open
            };
            return Some(Tag {
                kind,
                start: lt,
                end: gt,
            });
        }
        None
    })
}

fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|&b| b == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_pages_are_untouched() {
        let page = "<html><body><div><p>Hi<br>there</p><img src=x></div><script>if (a<b) {}</script></body></html>";
        let (out, warning) = limit_nesting(page);
        assert!(matches!(out, Cow::Borrowed(_)));
        assert!(warning.is_none());
    }

    #[test]
    fn deep_nesting_is_flattened_and_keeps_the_text() {
        let page = format!(
            "{}<p>deep text</p>{}",
            "<div>".repeat(5000),
            "</div>".repeat(5000)
        );
        let (out, warning) = limit_nesting(&page);
        assert!(warning.is_some());
        assert!(out.contains("deep text"));
        assert_eq!(max_depth(&out), MAX_DEPTH);
    }
}
