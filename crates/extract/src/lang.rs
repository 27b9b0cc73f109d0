//! Language identification with whatlang, reported as ISO 639-1 codes.

use whatlang::Lang;

/// Below this many letters the text is too short to say anything.
const MIN_LETTERS: usize = 20;
/// From this many letters on, whatlang's best guess is taken even when it
/// does not call itself reliable.
const LONG_ENOUGH_LETTERS: usize = 200;
/// Only the start of a long text is looked at: enough to decide, and keeps
/// detection cheap on huge inputs.
const MAX_BYTES: usize = 1200;

/// The language of `text` as an ISO 639-1 code (`en`, `es`, `de`; ISO 639-3
/// for the few languages without one), or `None` when the text is very short
/// or the guess is unreliable.
pub fn detect_language(text: &str) -> Option<String> {
    let mut end = text.len().min(MAX_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = &text[..end];
    let letters = sample.chars().filter(|c| c.is_alphabetic()).count();
    if letters < MIN_LETTERS {
        return None;
    }
    let info = whatlang::detect(sample)?;
    if !(info.is_reliable() || letters >= LONG_ENOUGH_LETTERS) {
        return None;
    }
    Some(
        iso639_1(info.lang())
            .unwrap_or_else(|| info.lang().code())
            .to_string(),
    )
}

/// ISO 639-1 code of a whatlang language, where one exists.
pub fn iso639_1(lang: Lang) -> Option<&'static str> {
    let code = match lang {
        Lang::Epo => "eo",
        Lang::Eng => "en",
        Lang::Rus => "ru",
        Lang::Cmn => "zh",
        Lang::Spa => "es",
        Lang::Por => "pt",
        Lang::Ita => "it",
        Lang::Ben => "bn",
        Lang::Fra => "fr",
        Lang::Deu => "de",
        Lang::Ukr => "uk",
        Lang::Kat => "ka",
        Lang::Ara => "ar",
        Lang::Hin => "hi",
        Lang::Jpn => "ja",
        Lang::Heb => "he",
        Lang::Yid => "yi",
        Lang::Pol => "pl",
        Lang::Amh => "am",
        Lang::Jav => "jv",
        Lang::Kor => "ko",
        Lang::Nob => "nb",
        Lang::Dan => "da",
        Lang::Swe => "sv",
        Lang::Fin => "fi",
        Lang::Tur => "tr",
        Lang::Nld => "nl",
        Lang::Hun => "hu",
        Lang::Ces => "cs",
        Lang::Ell => "el",
        Lang::Bul => "bg",
        Lang::Bel => "be",
        Lang::Mar => "mr",
        Lang::Kan => "kn",
        Lang::Ron => "ro",
        Lang::Slv => "sl",
        Lang::Hrv => "hr",
        Lang::Srp => "sr",
        Lang::Mkd => "mk",
        Lang::Lit => "lt",
        Lang::Lav => "lv",
        Lang::Est => "et",
        Lang::Tam => "ta",
        Lang::Vie => "vi",
        Lang::Urd => "ur",
        Lang::Tha => "th",
        Lang::Guj => "gu",
        Lang::Uzb => "uz",
        Lang::Pan => "pa",
        Lang::Aze => "az",
        Lang::Ind => "id",
        Lang::Tel => "te",
        Lang::Pes => "fa",
        Lang::Mal => "ml",
        Lang::Ori => "or",
        Lang::Mya => "my",
        Lang::Nep => "ne",
        Lang::Sin => "si",
        Lang::Khm => "km",
        Lang::Tuk => "tk",
        Lang::Aka => "ak",
        Lang::Zul => "zu",
        Lang::Sna => "sn",
        Lang::Afr => "af",
        Lang::Lat => "la",
        Lang::Slk => "sk",
        Lang::Cat => "ca",
        Lang::Tgl => "tl",
        Lang::Hye => "hy",
        #[allow(unreachable_patterns)]
        _ => return None,
    };
    Some(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_english_spanish_and_german() {
        let en = "The town council met on Tuesday evening and agreed to repair the old bridge before the winter floods arrive in the valley.";
        let es = "El consejo municipal se reunió el martes por la noche y acordó reparar el viejo puente antes de que lleguen las inundaciones del invierno.";
        let de = "Der Gemeinderat traf sich am Dienstagabend und beschloss, die alte Brücke vor dem Winterhochwasser im Tal zu reparieren.";
        assert_eq!(detect_language(en).as_deref(), Some("en"));
        assert_eq!(detect_language(es).as_deref(), Some("es"));
        assert_eq!(detect_language(de).as_deref(), Some("de"));
    }

    #[test]
    fn very_short_text_has_no_language() {
        assert_eq!(detect_language("Hello"), None);
        assert_eq!(detect_language(""), None);
        assert_eq!(detect_language("12345 67890 !!!"), None);
    }

    #[test]
    fn long_text_is_cut_at_a_char_boundary() {
        let s = "é".repeat(5000);
        let _ = detect_language(&s);
    }
}
