//! Names as linking compares them. Here, not in the linker, because the
//! store keeps each document entity's key (an update links new entities to
//! the stored ones that share it, without reading every analysis).

/// Fold the common Latin diacritics ("é" -> "e").
pub fn fold_diacritic(c: char) -> char {
    match c {
        'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'ā' => 'a',
        'é' | 'è' | 'ê' | 'ë' | 'ē' | 'ě' => 'e',
        'í' | 'ì' | 'î' | 'ï' | 'ī' | 'ı' => 'i',
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' | 'ō' | 'ő' => 'o',
        'ú' | 'ù' | 'û' | 'ü' | 'ū' | 'ű' => 'u',
        'ñ' | 'ń' => 'n',
        'ç' | 'č' | 'ć' => 'c',
        'š' | 'ś' | 'ş' => 's',
        'ž' | 'ź' | 'ż' => 'z',
        'ğ' => 'g',
        'ř' => 'r',
        'ł' => 'l',
        'ý' | 'ÿ' => 'y',
        _ => c,
    }
}

/// A name as linking compares it: lower case, diacritics folded,
/// punctuation dropped ("U.S." and "US" agree), white space collapsed.
pub fn link_key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut space = false;
    for c in name.chars() {
        if c.is_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            for l in c.to_lowercase() {
                out.push(fold_diacritic(l));
            }
        } else if c.is_whitespace() || c == '-' {
            space = true;
        }
    }
    out
}

/// The last word of a key of several words (a surname, for a person), by
/// which a person known only by a surname finds the full name.
pub fn last_word(key: &str) -> Option<&str> {
    key.contains(' ')
        .then(|| key.rsplit(' ').next().unwrap_or(""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_fold_case_diacritics_and_punctuation() {
        assert_eq!(link_key("U.S."), "us");
        assert_eq!(link_key("  José   Martí-Pérez "), "jose marti perez");
        assert_eq!(link_key("¿?"), "");
        assert_eq!(last_word("jose marti perez"), Some("perez"));
        assert_eq!(last_word("perez"), None);
    }
}
