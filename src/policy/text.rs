//! Character checks shared by every rule that reads names typed by people or written in mail: which
//! characters are invisible (Unicode default-ignorable) or reorder text (bidi controls).

/// Characters that change how text is displayed without being seen: the Unicode default-ignorable
/// code points (soft hyphen, zero-width characters, combining grapheme joiner, variation selectors,
/// Hangul fillers, tags …) and the bidi controls. In a name they only serve to make one name look
/// like another; UTS-46 removes several of them, so the mail system and a lookup would disagree.
pub fn is_invisible_or_bidi(c: char) -> bool {
    matches!(c,
        '\u{ad}' | '\u{34f}' | '\u{61c}' | '\u{115f}' | '\u{1160}' | '\u{17b4}' | '\u{17b5}'
        | '\u{180b}'..='\u{180f}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}'
        | '\u{2060}'..='\u{206f}' | '\u{3164}' | '\u{fe00}'..='\u{fe0f}' | '\u{feff}' | '\u{ffa0}'
        | '\u{fff0}'..='\u{fff8}' | '\u{1bca0}'..='\u{1bca3}' | '\u{1d173}'..='\u{1d17a}'
        | '\u{e0000}'..='\u{e0fff}')
}

/// `U+00AD`: how a refusal names a character, so that an invisible one can be seen and looked up.
pub fn code_point(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}

/// The text in Unicode Normalization Form C (borrowed when it already is).
pub fn nfc(text: &str) -> std::borrow::Cow<'_, str> {
    if text.is_ascii() {
        return std::borrow::Cow::Borrowed(text);
    }
    icu_normalizer::ComposingNormalizerBorrowed::new_nfc().normalize(text)
}

/// The first character that keeps `text` from being in NFC (the one that NFC would change or that
/// combines with what precedes it), or `None` when the text is in NFC.
pub fn first_not_nfc(text: &str) -> Option<char> {
    if text.is_ascii() {
        return None;
    }
    let normalizer = icu_normalizer::ComposingNormalizerBorrowed::new_nfc();
    if normalizer.is_normalized(text) {
        return None;
    }
    text.char_indices()
        .find(|&(at, c)| !normalizer.is_normalized(&text[..at + c.len_utf8()]))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_characters() {
        for c in [
            '\u{ad}',
            '\u{34f}',
            '\u{200b}',
            '\u{200c}',
            '\u{200d}',
            '\u{2060}',
            '\u{feff}',
            '\u{fe0f}',
            '\u{e0041}',
            '\u{e0100}',
            '\u{202e}',
            '\u{3164}',
            '\u{180e}',
        ] {
            assert!(is_invisible_or_bidi(c), "{}", code_point(c));
        }
        for c in ['a', '-', '.', 'é', 'ß', '\u{3002}', '\u{300}', ' '] {
            assert!(!is_invisible_or_bidi(c), "{}", code_point(c));
        }
        assert_eq!(code_point('\u{ad}'), "U+00AD");
        assert_eq!(code_point('\u{e0100}'), "U+E0100");
    }

    #[test]
    fn normalization_form_c() {
        assert_eq!(first_not_nfc("kate"), None);
        assert_eq!(first_not_nfc("jos\u{e9}"), None);
        assert_eq!(first_not_nfc("\u{212a}ate"), Some('\u{212a}'));
        assert_eq!(first_not_nfc("noe\u{308}l"), Some('\u{308}'));
        assert_eq!(nfc("\u{212a}ate"), "Kate");
        assert_eq!(nfc("noe\u{308}l"), "no\u{eb}l");
    }
}
