//! Word tokens with byte spans. A token is a run of letters and digits with
//! the inner punctuation that belongs to a word ("U.S.", "don't", "3.5",
//! "$1.2", "Jean-Luc", "Sheinbaum’s" as "Sheinbaum" + "’s"), or one
//! punctuation character. White space is never a token.

/// One token: a byte span of the text and what kind of token it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Starts with a letter.
    Word,
    /// Starts with a digit or a currency sign.
    Number,
    /// Any other single character (quotes, commas, dashes, colons...).
    Punct,
}

impl Token {
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

fn is_currency(c: char) -> bool {
    matches!(c, '$' | '€' | '£' | '¥')
}

/// Split `text` into tokens. Possessive "'s" and "’s" are tokens of their
/// own, so that "Trump’s" yields the name "Trump".
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 5);
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let end_of = |i: usize| chars.get(i).map(|&(b, _)| b).unwrap_or(text.len());
    let mut i = 0;
    'outer: while i < chars.len() {
        let (start, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c.is_alphanumeric()
            || (is_currency(c) && chars.get(i + 1).is_some_and(|&(_, n)| n.is_ascii_digit()))
        {
            let kind = if c.is_alphabetic() {
                TokenKind::Word
            } else {
                TokenKind::Number
            };
            let mut j = i + 1;
            while j < chars.len() {
                let ch = chars[j].1;
                if ch.is_alphanumeric() {
                    j += 1;
                    continue;
                }
                let next_alnum = chars.get(j + 1).is_some_and(|&(_, n)| n.is_alphanumeric());
                // Possessive 's ends the word: it becomes its own token.
                if is_apostrophe(ch)
                    && chars.get(j + 1).is_some_and(|&(_, n)| n == 's' || n == 'S')
                    && !chars.get(j + 2).is_some_and(|&(_, n)| n.is_alphanumeric())
                {
                    break;
                }
                let inner = match ch {
                    '.' if kind == TokenKind::Word
                        && (is_title_abbreviation(&text[start..chars[j].0])
                            || is_initial(&chars, i, j)) =>
                    {
                        out.push(Token {
                            start,
                            end: end_of(j + 1),
                            kind,
                        });
                        i = j + 1;
                        continue 'outer;
                    }
                    '.' => {
                        // "U.S.", "3.5", "a.m." keep their dots; a final
                        // dot of a one-letter run ("U.S.") is kept too.
                        next_alnum || (kind == TokenKind::Word && single_letter_run(&chars, i, j))
                    }
                    ',' => {
                        kind == TokenKind::Number
                            && chars.get(j + 1).is_some_and(|&(_, n)| n.is_ascii_digit())
                    }
                    '-' | '\'' | '’' | '&' => next_alnum,
                    _ => false,
                };
                if !inner {
                    break;
                }
                j += 1;
            }
            out.push(Token {
                start,
                end: end_of(j),
                kind,
            });
            i = j;
            continue;
        }
        // A possessive "'s" right after a word is one token.
        if is_apostrophe(c)
            && out
                .last()
                .is_some_and(|t: &Token| t.end == start && t.kind != TokenKind::Punct)
            && chars.get(i + 1).is_some_and(|&(_, n)| n == 's' || n == 'S')
            && !chars.get(i + 2).is_some_and(|&(_, n)| n.is_alphanumeric())
        {
            out.push(Token {
                start,
                end: end_of(i + 2),
                kind: TokenKind::Word,
            });
            i += 2;
            continue;
        }
        out.push(Token {
            start,
            end: end_of(i + 1),
            kind: TokenKind::Punct,
        });
        i += 1;
    }
    out
}

/// An initial inside a name: one capital letter, its dot, a space and a
/// capitalised word ("George W. Bush").
fn is_initial(chars: &[(usize, char)], i: usize, j: usize) -> bool {
    j == i + 1
        && chars[i].1.is_ascii_uppercase()
        && chars.get(j + 1).is_some_and(|&(_, c)| c == ' ')
        && chars.get(j + 2).is_some_and(|&(_, c)| c.is_uppercase())
}

/// Titles and other abbreviations whose full stop belongs to the word
/// ("Mr.", "Sen.", "Calif."), so that "Mr. Burr said" stays one phrase.
fn is_title_abbreviation(word: &str) -> bool {
    // "D-Ore.", "R-Calif.": a party and a state.
    let word = word.rsplit('-').next().unwrap_or(word);
    matches!(
        word,
        "Mr" | "Mrs"
            | "Ms"
            | "Dr"
            | "Prof"
            | "Gov"
            | "Sen"
            | "Rep"
            | "Reps"
            | "Sens"
            | "Gen"
            | "Col"
            | "Lt"
            | "Sgt"
            | "Capt"
            | "Cmdr"
            | "Adm"
            | "Maj"
            | "St"
            | "Jr"
            | "Sr"
            | "Rev"
            | "Hon"
            | "Pres"
            | "Supt"
            | "Amb"
            | "Atty"
            | "Gov't"
            | "Dept"
            | "Corp"
            | "Inc"
            | "Ltd"
            | "Co"
            | "Bros"
            | "Mt"
            | "Ft"
            | "Calif"
            | "Fla"
            | "Ill"
            | "Mass"
            | "Mich"
            | "Minn"
            | "Ore"
            | "Pa"
            | "Penn"
            | "Tenn"
            | "Tex"
            | "Va"
            | "Wash"
            | "Wis"
            | "Ariz"
            | "Colo"
            | "Conn"
            | "Ga"
            | "Ky"
            | "La"
            | "Md"
            | "Mo"
            | "Nev"
            | "Okla"
            | "Ala"
            | "Ark"
            | "Del"
            | "Ind"
            | "Kan"
            | "Miss"
            | "Mont"
            | "Neb"
            | "Vt"
            | "Wyo"
            | "Jan"
            | "Feb"
            | "Aug"
            | "Sept"
            | "Oct"
            | "Nov"
            | "Dec"
            | "vs"
    )
}

/// True when the word `chars[i..j]` is letters separated by dots, one letter
/// each ("U.S", "a.m"), so that its final dot belongs to it.
fn single_letter_run(chars: &[(usize, char)], i: usize, j: usize) -> bool {
    let word: Vec<char> = chars[i..j].iter().map(|&(_, c)| c).collect();
    word.len() >= 3
        && word.iter().enumerate().all(|(k, c)| {
            if k % 2 == 0 {
                c.is_alphabetic()
            } else {
                *c == '.'
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.text(text)).collect()
    }

    #[test]
    fn abbreviations_numbers_and_possessives() {
        assert_eq!(
            words("The U.S. gave $1.2 billion, Trump’s aide said."),
            ["The", "U.S.", "gave", "$1.2", "billion", ",", "Trump", "’s", "aide", "said", "."]
        );
        assert_eq!(
            words("don't 3,500 Jean-Luc a.m."),
            ["don't", "3,500", "Jean-Luc", "a.m."]
        );
        assert_eq!(
            words("“No,” she said"),
            ["“", "No", ",", "”", "she", "said"]
        );
    }

    #[test]
    fn spans_are_char_boundaries() {
        let text = "Él dijo: «sí» — 5 €";
        for t in tokenize(text) {
            assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
            assert!(t.start < t.end);
        }
    }
}
