//! Who may write: a bearer token, kept only as its SHA-256 at rest. The
//! token file holds `sha256:<64 hex digits>`; `--token-file` on a path
//! that does not exist makes a new random token, writes its hash there
//! (mode 0600) and hands the token back once, for the operator to copy.

use std::io::Write as _;
use std::path::Path;

use anyhow::{bail, Context, Result};
use sha2::{Digest, Sha256};

use crate::error::ApiError;

/// The SHA-256 of the one token that may write.
#[derive(Clone, PartialEq, Eq)]
pub struct TokenHash([u8; 32]);

impl std::fmt::Debug for TokenHash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TokenHash(..)")
    }
}

impl TokenHash {
    pub fn of(token: &str) -> TokenHash {
        TokenHash(Sha256::digest(token.as_bytes()).into())
    }

    /// Whether `token` hashes to this, compared in constant time.
    pub fn accepts(&self, token: &str) -> bool {
        let other = TokenHash::of(token);
        self.0
            .iter()
            .zip(other.0.iter())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
    }

    fn line(&self) -> String {
        format!("sha256:{}\n", hex::encode(self.0))
    }

    fn parse(s: &str) -> Option<TokenHash> {
        let hexed = s.trim().strip_prefix("sha256:")?;
        let bytes = hex::decode(hexed).ok()?;
        Some(TokenHash(bytes.try_into().ok()?))
    }
}

/// The token hash in `path`; or, when there is no such file, a new token
/// whose hash is written there, and the token.
pub fn load_or_create(path: &Path) -> Result<(TokenHash, Option<String>)> {
    match std::fs::read_to_string(path) {
        Ok(content) => match TokenHash::parse(&content) {
            Some(h) => Ok((h, None)),
            None => bail!(
                "{} does not hold a token hash (sha256:…); remove it to have a new token made",
                path.display()
            ),
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let mut bytes = [0u8; 32];
            getrandom::fill(&mut bytes).map_err(|e| anyhow::anyhow!("no randomness: {e}"))?;
            let token = format!("cx_{}", hex::encode(bytes));
            let hash = TokenHash::of(&token);
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::OpenOptionsExt;
                options.mode(0o600);
            }
            let mut f = options
                .open(path)
                .with_context(|| format!("cannot write {}", path.display()))?;
            f.write_all(hash.line().as_bytes())
                .with_context(|| format!("cannot write {}", path.display()))?;
            Ok((hash, Some(token)))
        }
        Err(e) => Err(e).with_context(|| format!("cannot read {}", path.display())),
    }
}

/// Whether a request may write: the server is not read-only, has a token,
/// and the request carries it (`Authorization: Bearer TOKEN`, or the
/// upload form's `token` field as `form_token`).
pub fn may_write(
    read_only: bool,
    token: Option<&TokenHash>,
    authorization: Option<&str>,
    form_token: Option<&str>,
) -> Result<(), ApiError> {
    if read_only {
        return Err(ApiError::new(
            "read_only",
            "this server is read-only (--read-only)",
        ));
    }
    let Some(hash) = token else {
        return Err(ApiError::new(
            "writes_disabled",
            "this server takes no writes: start it with --token-file PATH",
        ));
    };
    let given = authorization
        .and_then(|h| h.strip_prefix("Bearer "))
        .or(form_token)
        .map(str::trim);
    match given {
        Some(t) if hash.accepts(t) => Ok(()),
        Some(_) => Err(ApiError::new("unauthorized", "the token is not valid")),
        None => Err(ApiError::new(
            "unauthorized",
            "a write needs the header Authorization: Bearer TOKEN",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_token_file_holds_only_the_hash() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("token");
        let (hash, token) = load_or_create(&path).unwrap();
        let token = token.expect("a new token");
        let on_disk = std::fs::read_to_string(&path).unwrap();
        assert!(!on_disk.contains(&token[3..]));
        assert!(on_disk.starts_with("sha256:"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        // Read back: the same hash, no new token.
        let (again, none) = load_or_create(&path).unwrap();
        assert_eq!((again == hash, none), (true, None));
        assert!(hash.accepts(&token) && !hash.accepts("cx_other"));
        std::fs::write(&path, "plain-token\n").unwrap();
        assert!(load_or_create(&path).is_err());
    }

    #[test]
    fn writes_need_the_token_unless_refused_outright() {
        let h = TokenHash::of("t");
        assert!(may_write(false, Some(&h), Some("Bearer t"), None).is_ok());
        assert!(may_write(false, Some(&h), None, Some("t")).is_ok());
        assert_eq!(
            may_write(false, Some(&h), Some("Bearer x"), None)
                .unwrap_err()
                .code,
            "unauthorized"
        );
        assert_eq!(
            may_write(false, Some(&h), None, None).unwrap_err().code,
            "unauthorized"
        );
        assert_eq!(
            may_write(true, Some(&h), Some("Bearer t"), None)
                .unwrap_err()
                .code,
            "read_only"
        );
        assert_eq!(
            may_write(false, None, Some("Bearer t"), None)
                .unwrap_err()
                .code,
            "writes_disabled"
        );
    }
}
