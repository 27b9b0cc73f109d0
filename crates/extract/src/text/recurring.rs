//! Cross-document evidence: lines that recur on several pages of one outlet
//! (menus, footers, prompts) are page chrome.
//!
//! The caller collects a [`PageLines`] per document with [`page_lines`],
//! adds them to a [`LineEvidence`], and passes the evidence to
//! [`super::clean_page_text`]. Adding the document being cleaned is allowed:
//! the evidence remembers each document's line set, so the cleaner can tell
//! that the document itself was counted and subtract it. Adding the same
//! document twice counts it once.

use std::collections::{HashMap, HashSet};

use crosscheck_model::{Metadata, PageLines};

use super::lines::normalize_ws;

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

fn fnv1a(bytes: impl IntoIterator<Item = u8>, mut h: u64) -> u64 {
    for b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(FNV_PRIME);
    }
    h
}

/// FNV-1a 64 of the lower-cased, whitespace-collapsed line: stable across
/// runs, machines and versions (no random hashing state).
pub fn line_fingerprint(line: &str) -> u64 {
    let mut h = FNV_OFFSET;
    let mut first = true;
    let mut buf = [0u8; 4];
    for w in line.split_whitespace() {
        if !first {
            h = fnv1a([b' '], h);
        }
        first = false;
        for c in w.chars().flat_map(char::to_lowercase) {
            h = fnv1a(c.encode_utf8(&mut buf).bytes(), h);
        }
    }
    h
}

/// A line worth fingerprinting: at least three letters or digits.
fn is_non_trivial(line: &str) -> bool {
    line.chars().filter(|c| c.is_alphanumeric()).take(3).count() >= 3
}

/// The key lines are grouped under: the URL's host (without `www.`), else
/// the record's outlet, else a site name or masthead read from the text,
/// lower-cased. Empty when nothing is known: such documents get no
/// cross-document evidence.
pub fn outlet_key(text: &str, meta: &Metadata) -> String {
    if let Some(host) = meta.url.as_deref().and_then(url_host) {
        return host;
    }
    if let Some(o) = meta
        .outlet
        .as_deref()
        .map(str::trim)
        .filter(|o| !o.is_empty())
    {
        return normalize_ws(o).to_lowercase();
    }
    super::metadata::outlet_from_head(text)
        .map(|o| o.to_lowercase())
        .unwrap_or_default()
}

fn url_host(url: &str) -> Option<String> {
    let rest = url.trim().split_once("://").map_or(url.trim(), |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next()?.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (host.contains('.') && !host.is_empty()).then_some(host)
}

/// The outlet key and the distinct fingerprints (sorted) of the document's
/// non-trivial lines.
pub fn page_lines(text: &str, meta: &Metadata) -> PageLines {
    let mut fps: Vec<u64> = text
        .split(['\n', '\r'])
        .filter(|l| is_non_trivial(l))
        .map(line_fingerprint)
        .collect();
    fps.sort_unstable();
    fps.dedup();
    PageLines {
        outlet_key: outlet_key(text, meta),
        fingerprints: fps,
    }
}

/// A signature of a document's line set, to recognise it when added again.
fn signature(lines: &PageLines) -> u64 {
    let mut h = FNV_OFFSET;
    for fp in &lines.fingerprints {
        h = fnv1a(fp.to_le_bytes(), h);
    }
    h
}

#[derive(Debug, Clone, Default)]
struct OutletLines {
    documents: u32,
    counts: HashMap<u64, u32>,
    signatures: HashSet<u64>,
}

/// Per outlet key, in how many documents each line fingerprint occurs.
#[derive(Debug, Clone, Default)]
pub struct LineEvidence {
    outlets: HashMap<String, OutletLines>,
}

impl LineEvidence {
    /// Count one document's lines. A document with the same line set as one
    /// already added is not counted again; documents without an outlet key
    /// are ignored.
    pub fn add(&mut self, lines: &PageLines) {
        if lines.outlet_key.is_empty() || lines.fingerprints.is_empty() {
            return;
        }
        let o = self.outlets.entry(lines.outlet_key.clone()).or_default();
        if !o.signatures.insert(signature(lines)) {
            return;
        }
        o.documents += 1;
        let mut last = None;
        for &fp in &lines.fingerprints {
            if last == Some(fp) {
                continue;
            }
            last = Some(fp);
            *o.counts.entry(fp).or_insert(0) += 1;
        }
    }

    /// In how many added documents of `outlet_key` the line occurs.
    pub fn recurrence(&self, outlet_key: &str, fingerprint: u64) -> u32 {
        self.outlets
            .get(outlet_key)
            .and_then(|o| o.counts.get(&fingerprint))
            .copied()
            .unwrap_or(0)
    }

    /// Add counts of stored documents (from the store's page-line index):
    /// for each fingerprint, in how many stored documents of `outlet_key` it
    /// occurs. Stored documents count as "other" documents of the outlet.
    pub fn add_stored(&mut self, outlet_key: &str, counts: &HashMap<u64, u32>) {
        if outlet_key.is_empty() || counts.is_empty() {
            return;
        }
        let o = self.outlets.entry(outlet_key.to_string()).or_default();
        let mut most = 0;
        for (&fp, &n) in counts {
            *o.counts.entry(fp).or_insert(0) += n;
            most = most.max(n);
        }
        // At least as many documents as the most widespread line was seen in.
        o.documents += most;
    }

    /// How many documents of `outlet_key` were added.
    pub fn documents(&self, outlet_key: &str) -> u32 {
        self.outlets.get(outlet_key).map_or(0, |o| o.documents)
    }

    /// Whether this exact document (its line set) was added.
    pub fn contains(&self, lines: &PageLines) -> bool {
        self.outlets
            .get(&lines.outlet_key)
            .is_some_and(|o| o.signatures.contains(&signature(lines)))
    }

    /// In how many *other* documents than `own` the line occurs.
    pub fn recurrence_in_others(&self, own: &PageLines, fingerprint: u64) -> u32 {
        let n = self.recurrence(&own.outlet_key, fingerprint);
        if n > 0 && self.contains(own) && own.fingerprints.binary_search(&fingerprint).is_ok() {
            n - 1
        } else {
            n
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprint_ignores_case_and_whitespace_and_is_stable() {
        assert_eq!(
            line_fingerprint("Close  Menu"),
            line_fingerprint(" close menu ")
        );
        assert_ne!(
            line_fingerprint("close menu"),
            line_fingerprint("open menu")
        );
        // FNV-1a 64 of "a": a fixed, documented value.
        assert_eq!(line_fingerprint("A"), 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn evidence_counts_documents_per_outlet_and_ignores_repeats() {
        let meta = Metadata {
            outlet: Some("Daily Planet".into()),
            ..Default::default()
        };
        let a = page_lines("Close Menu\nFirst story text here.", &meta);
        let b = page_lines("Close Menu\nSecond story text here.", &meta);
        assert_eq!(a.outlet_key, "daily planet");
        let mut ev = LineEvidence::default();
        ev.add(&a);
        ev.add(&a);
        ev.add(&b);
        let fp = line_fingerprint("close menu");
        assert_eq!(ev.recurrence("daily planet", fp), 2);
        assert_eq!(ev.recurrence("other", fp), 0);
        assert_eq!(ev.documents("daily planet"), 2);
        assert!(ev.contains(&a));
        assert_eq!(ev.recurrence_in_others(&a, fp), 1);
        let c = page_lines("Close Menu\nThird story.", &meta);
        assert_eq!(ev.recurrence_in_others(&c, fp), 2);
    }

    #[test]
    fn outlet_key_prefers_url_host() {
        let meta = Metadata {
            url: Some("https://www.example.org/news/1".into()),
            outlet: Some("Example".into()),
            ..Default::default()
        };
        assert_eq!(outlet_key("", &meta), "example.org");
    }
}
