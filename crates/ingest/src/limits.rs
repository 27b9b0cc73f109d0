/// Size caps that protect the machine from hostile or broken input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest file (as stored on disk) that is read at all.
    pub max_file_bytes: u64,
    /// Largest decompressed size of a gzip file: beyond it the file is
    /// refused as a likely gzip bomb.
    pub max_decompressed_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 64 * 1024 * 1024,
            max_decompressed_bytes: 256 * 1024 * 1024,
        }
    }
}
