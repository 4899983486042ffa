//! Hostile input for every parser of the core: arbitrary and adversarial strings never panic, never
//! hang, and never get past a check they should fail. One place, so a new parser is added here too.

use super::{account, domain, form, network};
use proptest::prelude::*;

/// Strings built from the pieces attackers use: control and NUL bytes, bidi and zero-width marks,
/// homoglyphs, separators and quotes, repeated to long lengths.
fn nasty() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "a", "Z", "0", ".", "-", "@", "*", "[", "]", ":", "/", "\"", "\\", "(", ")", "<", ">", ",", ";", " ",
        "\0", "\u{1b}", "\r\n", "\t", "\u{7f}", "\u{202e}", "\u{200b}", "\u{feff}", "а", "ο", "ß", "ﬁ", "İ",
        "xn--", "%00", "..", "１", "\u{0301}", "💥",
    ]);
    prop::collection::vec(pieces, 0..80).prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn domain_rules_never_panic(input in prop_oneof![nasty(), any::<String>()]) {
        let assessment = domain::assess(&input);
        // Either a normalized domain with its problems, or no domain and at least one reason why.
        prop_assert!(assessment.domain.is_some() || !assessment.problems.is_empty());
        if let Some(d) = assessment.domain {
            prop_assert!(d.ascii.is_ascii() && d.ascii.len() <= 253);
            prop_assert!(!d.ascii.contains(['*', '@', ' ', '\0']));
        }
    }

    #[test]
    fn network_rules_never_panic(input in prop_oneof![nasty(), any::<String>(), "[0-9./:a-f]{0,60}"]) {
        if let Ok(net) = network::parse_network(&input) {
            prop_assert_eq!(net, net.trunc());
            prop_assert_eq!(network::parse_network(&net.to_string()), Ok(net));
        }
    }

    #[test]
    fn account_rules_never_panic(input in prop_oneof![nasty(), any::<String>(), "\\+[0-9 ()-]{0,30}"]) {
        let _ = account::validate_account_id(&input);
        let _ = account::normalize_language(&input);
        let _ = account::validate_profile(&input);
        let _ = account::validate_account_name(&input);
        if let Ok(e164) = account::normalize_fax_number(&input) {
            prop_assert!(e164.starts_with('+') && e164[1..].bytes().all(|b| b.is_ascii_digit()));
        }
        if let Ok(address) = account::normalize_user_address(&input) {
            prop_assert!(!address.key.chars().any(|c| c.is_control() || account::is_invisible_or_bidi(c)));
            prop_assert_eq!(address.key.matches('@').count(), 1);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn form_reading_never_panics(bytes in prop_oneof![
        prop::collection::vec(any::<u8>(), 0..300),
        nasty().prop_map(String::into_bytes),
        nasty().prop_map(|s| format!(
            "xmfax_form: trusted-domains/v1\nreference: R-1\naccount: acme\naction: add\ndomains: [{s}]\nrequester: {{name: {s}}}\n"
        ).into_bytes()),
    ]) {
        if let Ok((_, read)) = form::read_form(&bytes) {
            let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
            let _ = form::form_reasons(&read, today, form::DEFAULT_MAX_AGE_DAYS);
        }
    }

    /// `requests new` writes what the agent typed into a form: any text must read back unchanged.
    #[test]
    fn rendered_forms_read_back_whatever_their_text(
        reference in "[A-Za-z0-9][A-Za-z0-9./#-]{0,39}",
        domains in prop::collection::vec(prop_oneof![nasty(), any::<String>()], 0..4),
        name in prop_oneof![nasty(), any::<String>()],
        email in any::<String>(),
    ) {
        let mut filled = form::template(form::Action::Replace);
        filled.reference = reference;
        filled.account = "acme".into();
        filled.domains = Some(domains);
        filled.requester = Some(form::Requester { name: Some(name), title: Some(String::new()), email: Some(email) });
        let text = form::render(&filled);
        let read = form::read_form(text.as_bytes());
        prop_assert!(read.is_ok(), "{text}: {read:?}");
        prop_assert_eq!(read.unwrap().1, filled);
    }
}

#[test]
fn huge_inputs_are_refused_quickly() {
    let started = std::time::Instant::now();
    let huge = format!("{}.example", "a.".repeat(500_000));
    assert!(domain::assess(&huge).domain.is_none());
    assert!(network::parse_network(&huge).is_err());
    assert!(account::normalize_fax_number(&format!("+1{}", "5".repeat(1_000_000))).is_err());
    assert!(account::normalize_user_address(&format!("{}@{huge}", "j".repeat(1_000_000))).is_err());
    // Generous bound: this guards against quadratic blow-ups, not against a slow machine.
    assert!(
        started.elapsed() < std::time::Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn homoglyph_domains_never_match_the_ascii_domain() {
    struct Exact;
    impl domain::TrustRule for Exact {
        fn include_subdomains(&self) -> bool {
            true
        }
    }
    // Cyrillic 'а' and Greek 'ο' look like Latin 'a' and 'o' but are other domains once normalized.
    for lookalike in [
        "аcme.com",
        "acmе.com",
        "gοοgle.com",
        "acme.com\u{200b}",
        "ａｃｍｅ.com",
    ] {
        let Ok(normalized) = domain::normalize(lookalike) else {
            continue;
        };
        let matched =
            domain::trusted_match(&normalized.ascii, |d| (d == "acme.com").then_some(Exact)).is_some();
        // UTS-46 maps fullwidth letters to ASCII and drops zero-width spaces: those spell the same DNS
        // name, so matching them grants nothing that typing acme.com would not. Real lookalikes differ.
        let same_name = matches!(lookalike, "ａｃｍｅ.com" | "acme.com\u{200b}");
        assert_eq!(matched, same_name, "{lookalike} -> {}", normalized.ascii);
    }
}
