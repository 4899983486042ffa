//! Organizational domains and DMARC relaxed alignment (RFC 7489 §3.2): two names are aligned when
//! their registrable domains under the Public Suffix List (ICANN and private sections) are equal.
//! Pure and small so that every check judging "the same organization" uses the same rule.

use std::borrow::Cow;

/// The name as compared: ASCII lower case, one trailing dot removed. Non-ASCII names (a U-label
/// where an A-label belongs) are converted with UTS-46 strict rules; `None` when that fails.
fn comparable(name: &str) -> Option<Cow<'_, str>> {
    let name = name.strip_suffix('.').unwrap_or(name);
    if name.is_empty() || name.len() > 253 {
        return None;
    }
    if name.is_ascii() {
        // `psl` is case-sensitive: its rules are lower case.
        return Some(if name.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(name.to_ascii_lowercase())
        } else {
            Cow::Borrowed(name)
        });
    }
    idna::domain_to_ascii_strict(name).ok().map(Cow::Owned)
}

/// The organizational domain of `name`: its registrable domain (the public suffix plus one label),
/// lower case. `None` for a name that is itself a public suffix (`co.uk`, `example`), or that is
/// not a domain name at all: such a name has no organization and is aligned with nothing.
pub fn organizational_domain(name: &str) -> Option<String> {
    let name = comparable(name)?;
    if name.split('.').any(str::is_empty) {
        return None;
    }
    psl::domain_str(&name).map(str::to_owned)
}

/// Whether two domains are in relaxed alignment: equal organizational domains. A public suffix is
/// aligned with nothing, not even itself.
pub fn aligned(a: &str, b: &str) -> bool {
    match (organizational_domain(a), organizational_domain(b)) {
        (Some(a), Some(b)) => a == b,
        _ => false,
    }
}

/// Whether two names are the same domain: ASCII case and one trailing dot aside, a U-label being
/// the same as its A-label (DMARC's `header.from` against the From domain).
pub fn same_domain(a: &str, b: &str) -> bool {
    match (comparable(a), comparable(b)) {
        (Some(a), Some(b)) => a == b,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn organizational_domains() {
        let cases: &[(&str, Option<&str>)] = &[
            ("corp.example", Some("corp.example")),
            ("mail.corp.example", Some("corp.example")),
            ("a.b.c.corp.example", Some("corp.example")),
            ("Mail.CORP.Example.", Some("corp.example")),
            ("corp.example.evil.example", Some("evil.example")),
            ("bbc.co.uk", Some("bbc.co.uk")),
            ("news.bbc.co.uk", Some("bbc.co.uk")),
            ("co.uk", None),
            ("CO.UK.", None),
            ("uk", None),
            ("example", None),
            // Private section: each blogspot name is its own organization.
            ("alice.blogspot.com", Some("alice.blogspot.com")),
            ("blogspot.com", None),
            ("xn--bcher-kva.example", Some("xn--bcher-kva.example")),
            ("mail.bücher.example", Some("xn--bcher-kva.example")),
            ("", None),
            (".", None),
            ("a..example", None),
        ];
        for (name, expected) in cases {
            assert_eq!(organizational_domain(name).as_deref(), *expected, "{name:?}");
        }
    }

    #[test]
    fn alignment() {
        assert!(aligned("mail.corp.example", "corp.example"));
        assert!(aligned("corp.example", "bounce.mail.corp.example"));
        assert!(aligned("CORP.EXAMPLE.", "corp.example"));
        assert!(aligned("corp.example", "Corp.Example"));
        assert!(!aligned("corp.example.evil.example", "corp.example"));
        assert!(!aligned("evil.example", "corp.example"));
        assert!(!aligned("evilcorp.example", "corp.example"));
        assert!(!aligned("co.uk", "co.uk"));
        assert!(!aligned("co.uk", "bbc.co.uk"));
        assert!(!aligned("bbc.co.uk", "itv.co.uk"));
        assert!(aligned("www.bbc.co.uk", "bbc.co.uk"));
        assert!(!aligned("alice.blogspot.com", "bob.blogspot.com"));
        assert!(!aligned("", ""));
    }

    #[test]
    fn same_domain_ignores_case_and_one_trailing_dot() {
        assert!(same_domain("Corp.Example.", "corp.example"));
        assert!(!same_domain("mail.corp.example", "corp.example"));
        assert!(!same_domain("corp.example..", "corp.example"));
        assert!(!same_domain("", ""));
        assert!(same_domain("bücher.example", "xn--bcher-kva.example"));
        assert!(!same_domain("b\u{fc}cher.example", "bucher.example"));
    }

    proptest! {
        #[test]
        fn subdomains_align_with_their_organization(
            labels in prop::collection::vec("[a-z0-9]{1,10}", 0..4),
            org in "[a-z][a-z0-9]{0,10}",
            tld in prop::sample::select(vec!["com", "example", "co.uk", "de", "com.au"]),
        ) {
            let base = format!("{org}.{tld}");
            let mut name = labels.join(".");
            if !name.is_empty() {
                name.push('.');
            }
            name.push_str(&base);
            prop_assert!(aligned(&name, &base));
            let absolute = format!("{base}.");
            prop_assert!(aligned(&name.to_ascii_uppercase(), &absolute));
            // The trusted name as a label of the attacker's domain never aligns.
            let evil = format!("{base}.evil.example");
            prop_assert!(!aligned(&evil, &base));
            prop_assert!(!aligned(tld, tld));
        }

        #[test]
        fn never_panics(name in "\\PC{0,80}") {
            let _ = organizational_domain(&name);
        }
    }
}
