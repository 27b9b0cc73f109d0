//! The check-worthiness data: ClaimBuster's `train.json` and the CLEF
//! CheckThat! 2019 task 1 lines, and the fixed split of ClaimBuster into a
//! tuning part and a never-tuned held-out part.

use std::fs;
use std::path::Path;

use anyhow::{bail, Context, Result};
use serde::Deserialize;

/// One labelled sentence.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Sentence {
    pub sentence_id: u64,
    /// 1 = check-worthy.
    pub label: u8,
    pub text: String,
}

impl Sentence {
    pub fn check_worthy(&self) -> bool {
        self.label == 1
    }
}

/// The held-out part: every sentence whose id is 3 modulo 5. Never tuned on.
pub fn is_held_out(sentence_id: u64) -> bool {
    sentence_id % 5 == 3
}

/// The cross-validation fold (of 5) of a tuning sentence: `(id / 5) mod 5`,
/// which interleaves the folds through each debate as the held-out part is.
pub fn cv_fold(sentence_id: u64) -> usize {
    ((sentence_id / 5) % 5) as usize
}

/// (tuning part, held-out part), each in file order.
pub fn split(sentences: Vec<Sentence>) -> (Vec<Sentence>, Vec<Sentence>) {
    let (held_out, tuning) = sentences
        .into_iter()
        .partition(|s| is_held_out(s.sentence_id));
    (tuning, held_out)
}

/// Reads `train.json` (an array of `{sentence_id, label, text}`).
pub fn load_claimbuster(path: &Path) -> Result<Vec<Sentence>> {
    let bytes = fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    let sentences: Vec<Sentence> =
        serde_json::from_slice(&bytes).with_context(|| format!("parsing {}", path.display()))?;
    if let Some(s) = sentences.iter().find(|s| s.label > 1) {
        bail!(
            "sentence {}: label {} is not 0 or 1",
            s.sentence_id,
            s.label
        );
    }
    Ok(sentences)
}

/// Splits CSV text into records of fields (RFC 4180: fields in double
/// quotes may hold commas, line breaks and doubled quotes).
pub fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, _) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') if chars.peek() == Some(&'\n') => {}
            (false, '\n') => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, _) => field.push(c),
        }
    }
    if !field.is_empty() || !record.is_empty() {
        record.push(field);
        records.push(record);
    }
    records
}

/// Reads the CheckThat! 2019 task 1 CSV (`line_number,speaker,text,label,
/// file_name`) as (text, check-worthy) pairs.
pub fn load_checkthat(path: &Path) -> Result<Vec<(String, bool)>> {
    let text = fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut records = parse_csv(&text).into_iter();
    let header = records.next().unwrap_or_default();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h.trim() == name)
            .with_context(|| format!("{}: no column {name}", path.display()))
    };
    let (text_col, label_col) = (col("text")?, col("label")?);
    let mut out = Vec::new();
    for (i, r) in records.enumerate() {
        let (Some(t), Some(l)) = (r.get(text_col), r.get(label_col)) else {
            bail!("{}: record {} has too few fields", path.display(), i + 2);
        };
        let label = match l.trim() {
            "0" => false,
            "1" => true,
            other => bail!("{}: record {}: label {other:?}", path.display(), i + 2),
        };
        out.push((t.clone(), label));
    }
    Ok(out)
}
