//! Tokens of a sentence for the check-worthiness features: words and
//! punctuation marks, their normalised forms and word shapes.

fn apostrophe(c: char) -> char {
    match c {
        '’' | '‘' => '\'',
        _ => c,
    }
}

/// Lower-cases `c` and maps digits to `0` into `out`.
fn push_normalised(out: &mut String, c: char) {
    if c.is_numeric() {
        out.push('0');
    } else if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else {
        out.extend(c.to_lowercase());
    }
}

/// The normalised form of a text: lower-cased, digits as `0`, `’` as `'`.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        push_normalised(&mut out, apostrophe(c));
    }
    out
}

/// The shape class of a token ([`shape_of`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Num,
    Cap,
    Ed,
    Ing,
    Ly,
    W,
    /// The normalised token itself: a pronoun, a short word, a punctuation mark.
    Literal,
}

/// The tokens of a sentence: their normalised texts (spans into `norm`)
/// and shapes.
#[derive(Debug, Clone, Default)]
pub struct Tokens {
    pub norm: String,
    pub spans: Vec<(usize, usize)>,
    pub shapes: Vec<Shape>,
}

impl Tokens {
    pub fn len(&self) -> usize {
        self.spans.len()
    }
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }
    /// The normalised text of token `i`.
    pub fn word(&self, i: usize) -> &str {
        let (s, e) = self.spans[i];
        &self.norm[s..e]
    }
    /// The shape of token `i` as hashed.
    pub fn shape(&self, i: usize) -> &str {
        match self.shapes[i] {
            Shape::Num => "NUM",
            Shape::Cap => "CAP",
            Shape::Ed => "ED",
            Shape::Ing => "ING",
            Shape::Ly => "LY",
            Shape::W => "W",
            Shape::Literal => self.word(i),
        }
    }
}

const PRONOUNS: [&str; 8] = ["i", "we", "you", "my", "our", "your", "me", "us"];

/// The shape of one token from its written form and normalised text:
/// `NUM` (digits with `,` `.`), the pronoun itself (i, we, you, my, our,
/// your, me, us), `CAP` (starts upper-case), `ED`, `ING`, `LY` by suffix, the
/// normalised word when at most 4 characters, else `W`; a punctuation mark
/// is itself.
pub fn shape_of(raw: &[char], norm: &str) -> Shape {
    let first = raw.first().copied().unwrap_or(' ');
    if !first.is_alphanumeric() {
        Shape::Literal
    } else if raw.iter().all(|c| c.is_numeric() || *c == ',' || *c == '.') {
        Shape::Num
    } else if PRONOUNS.contains(&norm) {
        Shape::Literal
    } else if first.is_uppercase() {
        Shape::Cap
    } else if norm.ends_with("ed") {
        Shape::Ed
    } else if norm.ends_with("ing") {
        Shape::Ing
    } else if norm.ends_with("ly") {
        Shape::Ly
    } else if norm.chars().nth(4).is_none() {
        Shape::Literal
    } else {
        Shape::W
    }
}

/// Words (runs of letters and digits, joined across `'`, `.` and `,`
/// between two of them: "don't", "7.2", "1,000", "u.s") and single
/// punctuation marks; white space separates.
pub fn tokenize(text: &str) -> Tokens {
    let chars: Vec<char> = text.chars().map(apostrophe).collect();
    let mut t = Tokens {
        norm: String::with_capacity(text.len() + 8),
        ..Tokens::default()
    };
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        if c.is_alphanumeric() {
            while i < chars.len() {
                if chars[i].is_alphanumeric() {
                    i += 1;
                } else if matches!(chars[i], '\'' | '.' | ',')
                    && chars.get(i + 1).is_some_and(|n| n.is_alphanumeric())
                {
                    i += 2;
                } else {
                    break;
                }
            }
        }
        let from = t.norm.len();
        chars[start..i]
            .iter()
            .for_each(|&c| push_normalised(&mut t.norm, c));
        t.spans.push((from, t.norm.len()));
        t.shapes.push(shape_of(&chars[start..i], &t.norm[from..]));
    }
    t
}
