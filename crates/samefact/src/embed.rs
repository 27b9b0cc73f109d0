//! The static sentence embedding: a sentence is the normalised sum of its WordPiece tokens' rows in a
//! table distilled from all-MiniLM-L6-v2 (`model/distill.py`; the SIF weight of each token is folded into
//! its row, so frequent pieces weigh little). Rows are int8 with one f32 scale each.

use std::sync::OnceLock;

use crate::wordpiece::WordPiece;

const MAGIC: &[u8; 8] = b"XCEMB1\0\0";
static SHIPPED_TABLE: &[u8] = include_bytes!("../model/embeddings.bin");
static SHIPPED_VOCAB: &str = include_str!("../model/vocab.txt");

pub struct Embeddings {
    tokenizer: WordPiece,
    dim: usize,
    scales: Vec<f32>,
    rows: Vec<i8>,
}

#[derive(Debug)]
pub struct BadTable(pub &'static str);

impl Embeddings {
    /// The table built into the binary, parsed once.
    pub fn shipped() -> &'static Embeddings {
        static SHIPPED: OnceLock<Embeddings> = OnceLock::new();
        SHIPPED.get_or_init(|| {
            Embeddings::from_parts(SHIPPED_TABLE, SHIPPED_VOCAB)
                .expect("the shipped embedding table is well formed (checked by a test)")
        })
    }

    pub fn from_parts(table: &[u8], vocab: &str) -> Result<Embeddings, BadTable> {
        if table.len() < 16 || &table[..8] != MAGIC {
            return Err(BadTable("not an embedding table"));
        }
        let n = u32::from_le_bytes(table[8..12].try_into().unwrap()) as usize;
        let dim = u32::from_le_bytes(table[12..16].try_into().unwrap()) as usize;
        let body = &table[16..];
        if dim == 0 || body.len() != n * 4 + n * dim {
            return Err(BadTable("embedding table of the wrong size"));
        }
        let tokenizer = WordPiece::from_vocab(vocab);
        if tokenizer.len() != n {
            return Err(BadTable("vocabulary and table differ in length"));
        }
        let scales = body[..n * 4]
            .chunks_exact(4)
            .map(|c| f32::from_le_bytes(c.try_into().unwrap()))
            .collect();
        let rows = body[n * 4..].iter().map(|&b| b as i8).collect();
        Ok(Embeddings {
            tokenizer,
            dim,
            scales,
            rows,
        })
    }

    pub fn dim(&self) -> usize {
        self.dim
    }

    /// The unit-length embedding of a text (all zeros when no token is known).
    pub fn sentence(&self, text: &str) -> Vec<f32> {
        let mut v = vec![0f32; self.dim];
        for id in self.tokenizer.encode(text) {
            let id = id as usize;
            let scale = self.scales[id];
            let row = &self.rows[id * self.dim..(id + 1) * self.dim];
            for (x, &r) in v.iter_mut().zip(row) {
                *x += scale * r as f32;
            }
        }
        let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
        if norm > 0.0 {
            v.iter_mut().for_each(|x| *x /= norm);
        }
        v
    }
}

pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_table_loads_and_paraphrases_are_closer_than_other_facts() {
        let e = Embeddings::shipped();
        let a = e.sentence("The president declined the proposal.");
        let b = e.sentence("The president rejected the offer.");
        let c = e.sentence("Heavy rain flooded the harbour overnight.");
        assert!((cosine(&a, &a) - 1.0).abs() < 1e-4);
        assert!(
            cosine(&a, &b) > cosine(&a, &c) + 0.2,
            "{} vs {}",
            cosine(&a, &b),
            cosine(&a, &c)
        );
    }

    #[test]
    fn a_text_of_no_tokens_is_the_zero_vector() {
        let e = Embeddings::shipped();
        assert!(e.sentence("   ").iter().all(|&x| x == 0.0));
    }

    #[test]
    fn a_truncated_table_is_refused() {
        assert!(Embeddings::from_parts(&SHIPPED_TABLE[..100], SHIPPED_VOCAB).is_err());
        assert!(Embeddings::from_parts(b"nonsense", SHIPPED_VOCAB).is_err());
    }
}
