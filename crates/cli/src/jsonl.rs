//! Input files of one JSON object per line (`check --claims`, `compare
//! --pairs`): blank lines skipped, every error naming the file and line.

use std::path::Path;

use serde_json::{Map, Value};

/// One line's object and where it is ("claims.jsonl line 3"), for messages.
pub struct Line {
    pub at: String,
    pub object: Map<String, Value>,
}

/// The objects of a JSON-lines text. A line that is not JSON, or not an
/// object, is an error: "FILE line N: not JSON (…)", "FILE line N:
/// expected {shape}".
pub fn objects(path: &Path, content: &str, shape: &str) -> Result<Vec<Line>, String> {
    let mut out = Vec::new();
    for (i, line) in content.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let at = format!("{} line {}", path.display(), i + 1);
        let value: Value =
            serde_json::from_str(line).map_err(|e| format!("{at}: not JSON ({e})"))?;
        let Value::Object(object) = value else {
            return Err(format!("{at}: expected {shape}"));
        };
        out.push(Line { at, object });
    }
    Ok(out)
}

impl Line {
    /// A string field; when it is missing the message is "FILE line N:
    /// {missing}no \"key\"".
    pub fn string(&self, key: &str, missing: &str) -> Result<String, String> {
        match self.object.get(key) {
            Some(Value::String(s)) => Ok(s.clone()),
            Some(_) => Err(format!("{}: \"{key}\" is not a string", self.at)),
            None => Err(format!("{}: {missing}no \"{key}\"", self.at)),
        }
    }
}
