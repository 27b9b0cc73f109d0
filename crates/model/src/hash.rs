//! Content addressing: a document is keyed by the SHA-256 of its raw bytes.

use sha2::{Digest, Sha256};

/// Lower-case hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Number of hex digits of the SHA-256 that make a document id.
///
/// 12 hex digits = 48 bits: a collision among a million documents has a
/// probability of about 2e-3 %, and the store refuses a second document whose
/// id collides rather than overwriting the first.
pub const ID_HEX_LEN: usize = 12;

/// The public id of a document: a prefix of its SHA-256. Stable across
/// machines and ingest orders, which keeps every stage deterministic.
pub fn document_id(sha256: &str) -> String {
    sha256.chars().take(ID_HEX_LEN).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_of_empty_input_is_the_known_constant() {
        assert_eq!(
            sha256_hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    #[test]
    fn document_id_is_a_prefix_of_the_hash() {
        let h = sha256_hex(b"abc");
        assert_eq!(document_id(&h), &h[..ID_HEX_LEN]);
    }
}
