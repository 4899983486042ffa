//! The literal-name rule of the sender test: a sender's domain and local part are taken exactly as
//! the mail system sees them. A name that UTS-46 or NFC would have to change (other than ASCII case)
//! is not the name a DMARC verifier or an MTA looked up, so it is refused, naming the character.

use crate::policy::domain;
use crate::policy::text::{code_point, first_not_nfc, is_invisible_or_bidi};

/// The separators UTS-46 maps onto '.': the mail system sees one label where a lookup sees two.
const DOT_LOOKALIKES: [char; 3] = ['\u{3002}', '\u{ff0e}', '\u{ff61}'];

/// The sender's domain as written (one trailing dot allowed) in normalized ASCII form, if it is
/// already canonical: ASCII letters in any case, valid A-labels, or U-labels that are exactly the
/// Unicode form of their A-label. Otherwise why not, naming the first offending character.
pub fn sender_domain(written: &str) -> Result<String, String> {
    if !written.is_ascii()
        && let Some(bad) = first_non_canonical(written)
    {
        return Err(bad);
    }
    domain::normalize_ascii(written).map_err(|problem| problem.message)
}

/// The first reason a non-ASCII domain is not in canonical form.
fn first_non_canonical(written: &str) -> Option<String> {
    for c in written.chars().filter(|c| !c.is_ascii()) {
        let code = code_point(c);
        if is_invisible_or_bidi(c) {
            return Some(format!(
                "its domain contains the invisible character {code}, which the mail system keeps and a name lookup drops"
            ));
        }
        if DOT_LOOKALIKES.contains(&c) {
            return Some(format!(
                "its domain contains {code} {c:?}, a separator that is not the ASCII dot '.'"
            ));
        }
        if c.is_whitespace() || c.is_control() {
            return Some(format!(
                "its domain contains the space or control character {code}"
            ));
        }
        let (mapped, _) = idna::domain_to_unicode(c.encode_utf8(&mut [0; 4]));
        if mapped.chars().eq(std::iter::once(c)) {
            continue;
        }
        return Some(if c.is_uppercase() {
            format!(
                "its domain contains the upper-case letter {code} {c:?}: write non-ASCII letters in lower case, as the domain is registered"
            )
        } else if mapped.is_empty() || mapped.contains('\u{fffd}') {
            format!("its domain contains {code} {c:?}, which is not allowed in a domain name")
        } else {
            format!(
                "its domain contains {code} {c:?}, a compatibility or full-width form of {mapped:?}: the mail system sees {code}, not {mapped:?}"
            )
        });
    }
    // Every character is stable on its own; the labels must still be what their A-labels decode to
    // (NFC: no decomposed sequences), label by label, an A-label standing for itself.
    let lowered = written.to_ascii_lowercase();
    let lowered = lowered.strip_suffix('.').unwrap_or(&lowered);
    let Ok(ascii) = idna::domain_to_ascii_strict(lowered) else {
        // Not a valid name at all: the normalization reports why.
        return None;
    };
    let (unicode, _) = idna::domain_to_unicode(&ascii);
    for ((label, ascii_label), unicode_label) in
        lowered.split('.').zip(ascii.split('.')).zip(unicode.split('.'))
    {
        let expected = if label.starts_with("xn--") {
            ascii_label
        } else {
            unicode_label
        };
        if label != expected {
            let bad = first_not_nfc(label).or_else(|| {
                label
                    .chars()
                    .zip(expected.chars().map(Some).chain(std::iter::repeat(None)))
                    .find(|(a, b)| Some(*a) != *b)
                    .map(|(a, _)| a)
            });
            return Some(match bad {
                Some(c) => format!(
                    "its domain label {label:?} is not in canonical form at {} (its canonical form is {expected:?})",
                    code_point(c)
                ),
                None => format!("its domain label {label:?} is not in canonical form ({expected:?})"),
            });
        }
    }
    None
}

/// Why a local part is not in canonical form (Unicode NFC), naming the character; `None` when it is.
pub fn local_part_problem(local: &str) -> Option<String> {
    first_not_nfc(local).map(|c| {
        format!(
            "its local part is not in Unicode normalization form C at {} {c:?}: the mail system compares it as written, so it is not the same address as its look-alike",
            code_point(c)
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_domains_pass() {
        for (written, ascii) in [
            ("corp.example", "corp.example"),
            ("Corp.EXAMPLE.", "corp.example"),
            ("bücher.example", "xn--bcher-kva.example"),
            ("xn--bcher-kva.example", "xn--bcher-kva.example"),
            ("XN--BCHER-KVA.example", "xn--bcher-kva.example"),
            ("faß.example", "xn--fa-hia.example"),
            ("日本.example", "xn--wgv71a.example"),
        ] {
            assert_eq!(sender_domain(written).as_deref(), Ok(ascii), "{written:?}");
        }
    }

    #[test]
    fn every_character_class_is_refused_by_name() {
        for (written, named) in [
            ("corp\u{ad}.example", "U+00AD"),
            ("corp\u{200b}.example", "U+200B"),
            ("corp\u{2060}.example", "U+2060"),
            ("corp\u{feff}.example", "U+FEFF"),
            ("corp\u{34f}.example", "U+034F"),
            ("corp\u{fe0f}.example", "U+FE0F"),
            ("corp\u{200d}.example", "U+200D"),
            ("ｃｏｒｐ.example", "U+FF43"),
            ("\u{2102}orp.example", "U+2102"),
            ("corp\u{3002}example", "U+3002"),
            ("corp\u{ff0e}example", "U+FF0E"),
            ("corp\u{ff61}example", "U+FF61"),
            ("B\u{dc}CHER.example", "U+00DC"),
            ("ﬁrm.example", "U+FB01"),
            ("bu\u{308}cher.example", "U+0308"),
            ("corp\u{2028}.example", "U+2028"),
        ] {
            let refusal = sender_domain(written).expect_err(written);
            assert!(refusal.contains(named), "{written:?}: {refusal}");
        }
    }

    #[test]
    fn local_parts_must_be_nfc() {
        assert_eq!(local_part_problem("kate"), None);
        assert_eq!(local_part_problem("jos\u{e9}"), None);
        assert!(local_part_problem("\u{212a}ate").is_some_and(|m| m.contains("U+212A")));
        assert!(local_part_problem("noe\u{308}l").is_some_and(|m| m.contains("U+0308")));
    }
}
