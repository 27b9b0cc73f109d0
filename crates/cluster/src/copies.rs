//! Copies: syndicated copies, re-posts and light rewrites of one text.
//!
//! Each document's words (lower case, punctuation dropped) form 5-word
//! shingles; a MinHash signature of [`HASHES`] values estimates the Jaccard
//! similarity of two shingle sets. Locality-sensitive hashing over
//! [`BANDS`] bands of [`ROWS`] values proposes as candidates the pairs that
//! agree on a whole band (likely above a Jaccard of about
//! (1/BANDS)^(1/ROWS) ≈ 0.42); each candidate is verified on the full
//! signature and is a copy at an estimated Jaccard of `Params::copy` (0.5)
//! or more. Copies are joined transitively and grouped under the earliest
//! version (publication date, unknown dates last, then input order). Cost
//! is linear in the number of documents plus the candidate pairs, which
//! are the near-duplicates themselves.

use std::collections::HashMap;

use crate::CopyGroup;
use crosscheck_model::UnionFind;

pub const HASHES: usize = 64;
/// A MinHash signature: 32-bit values keep a million documents' signatures
/// in 256 MB; a chance collision of 2^-32 per value does not move the
/// estimate.
pub type Signature = [u32; HASHES];
pub const BANDS: usize = 16;
pub const ROWS: usize = HASHES / BANDS;
/// Words per shingle.
const SHINGLE: usize = 5;
/// Documents with fewer words than this are never copies: short texts
/// share whole shingle sets by chance (boilerplate, one-line items).
const MIN_WORDS: usize = 40;
/// Members of an LSH bucket each document is verified against.
const BUCKET_PEERS: usize = 16;

/// The MinHash signature of a text, or `None` when it is too short.
pub fn signature(text: &str) -> Option<Signature> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    if words.len() < MIN_WORDS {
        return None;
    }
    let mut sig = [u32::MAX; HASHES];
    for shingle in words.windows(SHINGLE) {
        let mut h = 0xcbf2_9ce4_8422_2325u64;
        for w in shingle {
            for b in w.bytes() {
                h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
            }
            h = (h ^ 0x20).wrapping_mul(0x0000_0100_0000_01b3);
        }
        for (k, slot) in sig.iter_mut().enumerate() {
            let v = mix(h ^ SEEDS[k]) as u32;
            if v < *slot {
                *slot = v;
            }
        }
    }
    Some(sig)
}

/// A 64-bit finaliser (SplitMix64's): spreads one shingle hash into
/// independent-looking values per seed.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Fixed seeds, one per hash function.
const SEEDS: [u64; HASHES] = {
    let mut s = [0u64; HASHES];
    let mut x = 0x9e37_79b9_7f4a_7c15u64;
    let mut i = 0;
    while i < HASHES {
        x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
        s[i] = x;
        i += 1;
    }
    s
};

/// The keys of a signature's LSH bands: two signatures that share a key
/// agree on a whole band.
pub fn band_keys(sig: &Signature) -> [u64; BANDS] {
    let mut keys = [0u64; BANDS];
    for (band, key) in keys.iter_mut().enumerate() {
        let mut h = band as u64;
        for v in &sig[band * ROWS..(band + 1) * ROWS] {
            h = mix(h ^ u64::from(*v));
        }
        *key = h;
    }
    keys
}

/// Members of an LSH bucket a new document is verified against (see
/// [`find_copies`]).
pub const PEERS: usize = BUCKET_PEERS;

/// The share of equal values: the Jaccard estimate.
pub fn similarity(a: &Signature, b: &Signature) -> f32 {
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f32 / HASHES as f32
}

/// Copy groups of the documents whose signatures are given, in `order`
/// (earliest first): each group's original is its earliest member.
pub fn find_copies(
    signatures: &[Option<Signature>],
    order: &[usize],
    threshold: f32,
) -> Vec<CopyGroup> {
    let n = signatures.len();
    let mut sets = UnionFind::new(n);
    let mut sim_to: Vec<f32> = vec![0.0; n];
    let mut buckets: HashMap<(usize, u64), Vec<usize>> = HashMap::new();
    for &i in order {
        let Some(sig) = &signatures[i] else { continue };
        for (band, h) in band_keys(sig).into_iter().enumerate() {
            buckets.entry((band, h)).or_default().push(i);
        }
    }
    // Verify candidates; walk buckets in a fixed order for determinism.
    let mut keys: Vec<&(usize, u64)> = buckets.keys().collect();
    keys.sort_unstable();
    for key in keys {
        let members = &buckets[key];
        // Each member is compared with the first few of its bucket only:
        // a bucket of thousands of identical texts stays linear, and the
        // union is transitive anyway.
        for (y, &j) in members.iter().enumerate().skip(1) {
            for &i in &members[..y.min(BUCKET_PEERS)] {
                let (Some(a), Some(b)) = (&signatures[i], &signatures[j]) else {
                    continue;
                };
                let s = similarity(a, b);
                if s >= threshold {
                    sets.union(i, j);
                    sim_to[j] = sim_to[j].max(s);
                    sim_to[i] = sim_to[i].max(s);
                }
            }
        }
    }
    let rank: HashMap<usize, usize> = order.iter().enumerate().map(|(r, &i)| (i, r)).collect();
    let mut groups: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..n {
        let r = sets.find(i);
        groups.entry(r).or_default().push(i);
    }
    let mut out: Vec<CopyGroup> = groups
        .into_values()
        .filter(|g| g.len() > 1)
        .map(|mut g| {
            g.sort_by_key(|i| rank.get(i).copied().unwrap_or(usize::MAX));
            let original = g[0];
            let copies = g[1..]
                .iter()
                .map(|&c| {
                    let s = match (&signatures[original], &signatures[c]) {
                        (Some(a), Some(b)) => similarity(a, b),
                        _ => sim_to[c],
                    };
                    (c, s)
                })
                .collect();
            CopyGroup { original, copies }
        })
        .collect();
    out.sort_by_key(|g| rank.get(&g.original).copied().unwrap_or(usize::MAX));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(seed: usize, words: usize) -> String {
        (0..words)
            .map(|i| format!("w{}", mix((seed * 1_000_003 + i) as u64) % 5000))
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn copies_and_light_edits_group_under_the_earliest() {
        let original = text(1, 200);
        let copy = format!("Reposted from the wire. {original} Share this story.");
        let mut edited: Vec<&str> = original.split(' ').collect();
        edited[100] = "changed";
        let edited = edited.join(" ");
        let other = text(2, 200);
        let docs = [copy, other, original, edited];
        let sigs: Vec<_> = docs.iter().map(|d| signature(d)).collect();
        // The original (index 2) is the earliest.
        let groups = find_copies(&sigs, &[2, 0, 1, 3], 0.5);
        assert_eq!(groups.len(), 1, "{groups:?}");
        assert_eq!(groups[0].original, 2);
        let copies: Vec<usize> = groups[0].copies.iter().map(|c| c.0).collect();
        assert_eq!(copies, [0, 3]);
        assert!(groups[0].copies.iter().all(|c| c.1 >= 0.8));
    }

    #[test]
    fn short_texts_are_never_copies() {
        let sigs = vec![
            signature("Subscribe to our newsletter"),
            signature("Subscribe to our newsletter"),
        ];
        assert!(sigs.iter().all(Option::is_none));
        assert!(find_copies(&sigs, &[0, 1], 0.5).is_empty());
    }
}
