//! Unit and property tests of the sender decision over a small in-memory world that looks things up
//! the way the shell does (user by key, `trusted_match` over the rules).

use super::*;
use crate::policy::domain::trusted_match;
use crate::policy::network::parse_network;
use proptest::prelude::*;

struct Rule {
    domain: &'static str,
    account: usize,
    include_subdomains: bool,
}

struct UserRow {
    key: &'static str,
    account: usize,
    profile: Option<&'static str>,
}

struct World {
    accounts: Vec<AccountFacts>,
    rules: Vec<Rule>,
    users: Vec<UserRow>,
}

fn account(id: &str, spoofing: bool, tls: bool, whitelist: &[&str]) -> AccountFacts {
    AccountFacts::new(
        id.to_string(),
        format!("{id}-profile"),
        "fr".to_string(),
        "+16502530000".to_string(),
        SecuritySettings {
            spoofing_protection: spoofing,
            require_tls: tls,
            whitelist: whitelist.iter().map(|n| parse_network(n).unwrap()).collect(),
        },
        &[],
    )
}

/// acme: spoofing + TLS + whitelist; beta: spoofing only; open: not secured.
fn world() -> World {
    World {
        accounts: vec![
            account("acme", true, true, &["198.18.7.0/24", "2001:db8:7::/48"]),
            account("beta", true, false, &[]),
            account("open", false, false, &[]),
        ],
        rules: vec![
            Rule {
                domain: "acme.example",
                account: 0,
                include_subdomains: true,
            },
            Rule {
                domain: "xn--bcher-kva.example",
                account: 0,
                include_subdomains: false,
            },
            Rule {
                domain: "corp.com",
                account: 1,
                include_subdomains: false,
            },
            Rule {
                domain: "lab.acme.example",
                account: 1,
                include_subdomains: false,
            },
            Rule {
                domain: "open.example",
                account: 2,
                include_subdomains: false,
            },
        ],
        users: vec![
            UserRow {
                key: "jane.roe@acme.example",
                account: 0,
                profile: Some("Legal"),
            },
            UserRow {
                key: "max@gmail.com",
                account: 1,
                profile: None,
            },
            UserRow {
                key: "ops@open.example",
                account: 2,
                profile: None,
            },
        ],
    }
}

/// The owned parts of a decision that the tests compare.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Outcome {
    verdict: Verdict,
    codes: Vec<&'static str>,
    account: Option<String>,
    basis: Option<Basis>,
    normalized: Option<String>,
    settings: Option<(String, String, String)>,
    messages: Vec<String>,
}

impl World {
    fn trusted_by(&self, rule: &Rule) -> TrustedBy<'_> {
        TrustedBy {
            account: &self.accounts[rule.account],
            domain: rule.domain,
            include_subdomains: rule.include_subdomains,
        }
    }

    fn decide(&self, input: &str, requested: Option<&str>, source: &Source, channel: Channel) -> Outcome {
        let address = parse_address(input);
        let (mut user, mut by_requested, mut by_any) = (None, None, None);
        if let Ok(a) = &address {
            user = self
                .users
                .iter()
                .find(|u| u.key == a.key)
                .map(|u| RegisteredUser {
                    account: &self.accounts[u.account],
                    profile: u.profile,
                    language: None,
                    fax_number: None,
                });
            let find = |name: &str, only: Option<&str>| {
                self.rules
                    .iter()
                    .find(|r| r.domain == name && only.is_none_or(|id| self.accounts[r.account].id == id))
                    .map(|r| self.trusted_by(r))
            };
            by_any = trusted_match(&a.domain, |name| find(name, None));
            by_requested = requested.and_then(|id| trusted_match(&a.domain, |name| find(name, Some(id))));
        }
        let facts = SenderFacts {
            input,
            address: &address,
            requested_account: requested,
            user,
            trusted_by_requested: by_requested,
            trusted_by_any: by_any,
            source,
            channel,
        };
        let d = decide(&facts);
        assert_eq!(d.accepted(), d.reasons.is_empty(), "accepted iff no reason");
        assert!(
            d.basis.is_some() || !d.accepted(),
            "never accepted without a basis"
        );
        Outcome {
            verdict: d.verdict,
            codes: d.reasons.iter().map(|r| r.code).collect(),
            account: d.account.map(str::to_string),
            basis: d.basis,
            normalized: d.normalized.map(str::to_string),
            settings: d.settings.map(|s| {
                (
                    s.faxing_profile.to_string(),
                    s.language.to_string(),
                    s.outbound_number.to_string(),
                )
            }),
            messages: d.reasons.iter().map(|r| r.message.clone()).collect(),
        }
    }
}

fn ip(s: &str) -> Option<IpAddr> {
    Some(s.parse().unwrap())
}

/// A message that passes every source check of every account.
fn clean() -> Source {
    Source {
        client_ip: ip("198.18.7.25"),
        spf: vec![],
        dkim: vec![],
        dmarc: said(Some(AuthResult::Pass)),
        tls: true,
    }
}

/// A result stated for the sender's own domain, as `--spf R` gives it.
fn said(result: Option<AuthResult>) -> Vec<Claim> {
    stated(result, None)
}

#[test]
fn decision_table() {
    use AuthResult::{Fail, None as NoResult, Pass, Softfail};
    use Basis::{RegisteredUser as R, TrustedDomain as T};
    let w = world();
    let email = Channel::Email;
    let no_source = Source::default();
    let mapped = Source {
        client_ip: ip("::ffff:198.18.7.9"),
        ..clean()
    };
    let ipv6 = Source {
        client_ip: ip("2001:db8:7::25"),
        ..clean()
    };
    let ipv6_outside = Source {
        client_ip: ip("2001:db8:8::25"),
        ..clean()
    };
    let outside = Source {
        client_ip: ip("203.0.113.9"),
        ..clean()
    };
    let spf_dkim = Source {
        dmarc: said(None),
        spf: said(Some(Pass)),
        dkim: said(Some(Pass)),
        ..clean()
    };
    let spf_dkim_dmarc_none = Source {
        dmarc: said(Some(NoResult)),
        ..spf_dkim.clone()
    };
    let spf_only = Source {
        dkim: said(Some(Fail)),
        ..spf_dkim.clone()
    };
    let dmarc_fail = Source {
        dmarc: said(Some(Fail)),
        ..spf_dkim.clone()
    };
    let dmarc_softfail = Source {
        dmarc: said(Some(Softfail)),
        ..clean()
    };
    let no_tls = Source {
        tls: false,
        ..clean()
    };
    type Case<'s> = (
        &'s str,
        Option<&'s str>,
        &'s Source,
        Channel,
        Verdict,
        Option<Basis>,
        Option<&'s str>,
        &'s [&'s str],
    );
    use Verdict::{Accepted as A, Refused as X};
    #[rustfmt::skip]
    let cases: &[Case] = &[
        // Trusted domain, exact and below a domain with subdomains; case, trailing dot, display names.
        ("bob@acme.example", None, &clean(), email, A, Some(T), Some("acme"), &[]),
        ("Bob@ACME.Example.", None, &clean(), email, A, Some(T), Some("acme"), &[]),
        ("Bob <bob@mail.acme.example>", None, &clean(), email, A, Some(T), Some("acme"), &[]),
        ("x@a.b.acme.example", Some("acme"), &clean(), email, A, Some(T), Some("acme"), &[]),
        // Label boundaries: never a suffix or substring match.
        ("bob@evilacme.example", None, &clean(), email, X, None, None, &["not-registered-or-trusted"]),
        ("bob@acme.example.evil.net", None, &clean(), email, X, None, None, &["not-registered-or-trusted"]),
        ("bob@evilcorp.com", None, &clean(), email, X, None, None, &["not-registered-or-trusted"]),
        ("bob@corp.com.evil.net", None, &clean(), email, X, None, None, &["not-registered-or-trusted"]),
        ("bob@corp.com", None, &clean(), email, A, Some(T), Some("beta"), &[]),
        // corp.com does not include subdomains.
        ("bob@mail.corp.com", None, &clean(), email, X, None, None, &["not-registered-or-trusted"]),
        // IDN: Unicode and punycode forms; bücher.example has no subdomains.
        ("max@bücher.example", None, &clean(), email, A, Some(T), Some("acme"), &[]),
        ("max@BüCHER.example", None, &clean(), email, A, Some(T), Some("acme"), &[]),
        // Names are literal: non-ASCII upper case is not the registered name (UTS-46 would map it).
        ("max@BÜCHER.example", None, &clean(), email, X, None, None, &["malformed-address"]),
        ("max@xn--bcher-kva.example", None, &clean(), email, A, Some(T), Some("acme"), &[]),
        ("max@a.bücher.example", None, &clean(), email, X, None, None, &["not-registered-or-trusted"]),
        // Quoted local parts and display names holding an address: the domain follows the last unquoted '@'.
        ("\"bob@acme.example\"@evil.com", None, &clean(), email, X, None, None, &["not-registered-or-trusted"]),
        ("\"bob@evil.com\"@acme.example", None, &clean(), email, A, Some(T), Some("acme"), &[]),
        ("\"jane.roe@acme.example\" <eve@evil.com>", None, &clean(), email, X, None, None, &["not-registered-or-trusted"]),
        ("=?UTF-8?Q?jane=40acme.example?= <eve@evil.com>", None, &clean(), email, X, None, None, &["not-registered-or-trusted"]),
        // Malformed addresses.
        ("jane.roe@acme.example <eve@evil.com>", None, &clean(), email, X, None, None, &["malformed-address"]),
        ("bob", None, &clean(), email, X, None, None, &["malformed-address"]),
        ("@acme.example", None, &clean(), email, X, None, None, &["malformed-address"]),
        ("a@b@acme.example", None, &clean(), email, X, None, None, &["malformed-address"]),
        ("bob@[198.18.7.1]", None, &clean(), email, X, None, None, &["malformed-address"]),
        ("bob@[IPv6:2001:db8::1]", None, &clean(), email, X, None, None, &["malformed-address"]),
        ("bob@198.18.7.1", None, &clean(), email, X, None, None, &["malformed-address"]),
        ("a@acme.example, b@acme.example", None, &clean(), email, X, None, None, &["malformed-address"]),
        ("bob@acme..example", None, &clean(), email, X, None, None, &["malformed-address"]),
        ("bob@-acme.example", None, &clean(), email, X, None, None, &["malformed-address"]),
        ("bob@acme_corp.example", None, &clean(), email, X, None, None, &["malformed-address"]),
        ("", None, &clean(), email, X, None, None, &["malformed-address"]),
        // Registered users: own settings, in any account; the wrong --account refuses.
        ("Jane.Roe@Acme.Example", None, &clean(), email, A, Some(R), Some("acme"), &[]),
        ("jane.roe@acme.example", Some("acme"), &clean(), email, A, Some(R), Some("acme"), &[]),
        ("jane.roe@acme.example", Some("beta"), &clean(), email, X, None, Some("beta"), &["registered-in-other-account"]),
        ("max@gmail.com", None, &clean(), email, A, Some(R), Some("beta"), &[]),
        ("max@gmail.com", None, &clean(), Channel::Portal, A, Some(R), Some("beta"), &[]),
        ("max@gmail.com", None, &no_source, Channel::Api, A, Some(R), Some("beta"), &[]),
        // A user of an unsecured account is still admitted: the securing check only guards trusted domains.
        ("ops@open.example", None, &no_source, email, A, Some(R), Some("open"), &[]),
        // Trust through --account: own rule first, then another account's.
        ("bob@acme.example", Some("beta"), &clean(), email, X, None, Some("beta"), &["domain-trusted-by-other-account"]),
        ("bob@lab.acme.example", None, &clean(), email, A, Some(T), Some("beta"), &[]),
        ("bob@lab.acme.example", Some("acme"), &clean(), email, A, Some(T), Some("acme"), &[]),
        ("bob@lab.acme.example", Some("beta"), &clean(), email, A, Some(T), Some("beta"), &[]),
        ("bob@x.lab.acme.example", Some("beta"), &clean(), email, X, None, Some("beta"), &["domain-trusted-by-other-account"]),
        ("bob@elsewhere.example", Some("acme"), &clean(), email, X, None, Some("acme"), &["not-registered-or-trusted"]),
        // Channels: unlisted senders get email-to-fax and nothing else.
        ("bob@acme.example", None, &clean(), Channel::Portal, X, Some(T), Some("acme"), &["channel-not-allowed"]),
        ("bob@acme.example", None, &clean(), Channel::Api, X, Some(T), Some("acme"), &["channel-not-allowed"]),
        ("bob@acme.example", None, &no_source, Channel::Receive, X, Some(T), Some("acme"), &["channel-not-allowed"]),
        // Unsecured account: its trusted domains are not honoured; the channel is reported too.
        ("bob@open.example", None, &no_source, email, X, Some(T), Some("open"), &["account-not-secured"]),
        ("bob@open.example", None, &no_source, Channel::Portal, X, Some(T), Some("open"), &["channel-not-allowed", "account-not-secured"]),
        // Whitelist, IPv6, IPv4-mapped IPv6.
        ("bob@acme.example", None, &mapped, email, A, Some(T), Some("acme"), &[]),
        ("bob@acme.example", None, &ipv6, email, A, Some(T), Some("acme"), &[]),
        ("bob@acme.example", None, &ipv6_outside, email, X, Some(T), Some("acme"), &["source-not-whitelisted"]),
        ("bob@acme.example", None, &outside, email, X, Some(T), Some("acme"), &["source-not-whitelisted"]),
        ("jane.roe@acme.example", None, &outside, email, X, Some(R), Some("acme"), &["source-not-whitelisted"]),
        // The source checks apply to email only.
        ("jane.roe@acme.example", None, &outside, Channel::Portal, A, Some(R), Some("acme"), &[]),
        // Spoofing protection: DMARC pass, or no DMARC verdict with SPF and DKIM both passing.
        ("bob@corp.com", None, &spf_dkim, email, A, Some(T), Some("beta"), &[]),
        ("bob@corp.com", None, &spf_dkim_dmarc_none, email, A, Some(T), Some("beta"), &[]),
        ("bob@corp.com", None, &spf_only, email, X, Some(T), Some("beta"), &["spoofing-check-failed"]),
        ("bob@corp.com", None, &dmarc_fail, email, X, Some(T), Some("beta"), &["spoofing-check-failed"]),
        ("bob@corp.com", None, &dmarc_softfail, email, X, Some(T), Some("beta"), &["spoofing-check-failed"]),
        ("bob@corp.com", None, &no_source, email, X, Some(T), Some("beta"), &["spoofing-check-failed"]),
        // TLS.
        ("bob@acme.example", None, &no_tls, email, X, Some(T), Some("acme"), &["tls-required"]),
        ("bob@corp.com", None, &no_tls, email, A, Some(T), Some("beta"), &[]),
        // Whitelist + spoofing + TLS together: every failing rule is reported, in order.
        ("bob@acme.example", None, &no_source, email, X, Some(T), Some("acme"), &["source-ip-missing", "spoofing-check-failed", "tls-required"]),
        ("bob@acme.example", None, &Source { tls: false, ..dmarc_fail.clone() }, email, X, Some(T), Some("acme"), &["spoofing-check-failed", "tls-required"]),
        ("bob@acme.example", None, &Source { client_ip: ip("8.8.8.8"), tls: false, ..dmarc_fail.clone() }, email, X, Some(T), Some("acme"),
            &["source-not-whitelisted", "spoofing-check-failed", "tls-required"]),
    ];
    for (input, requested, source, channel, verdict, basis, account, codes) in cases {
        let got = w.decide(input, *requested, source, *channel);
        assert_eq!(
            (
                got.verdict,
                got.basis,
                got.account.as_deref(),
                got.codes.as_slice()
            ),
            (*verdict, *basis, *account, *codes),
            "{input:?} --account {requested:?} {channel} {source:?}: {:?}",
            got.messages
        );
    }
}

#[test]
fn settings_of_each_basis() {
    let w = world();
    let user = w.decide("jane.roe@acme.example", None, &clean(), Channel::Email);
    assert_eq!(
        user.settings,
        Some(("Legal".into(), "fr".into(), "+16502530000".into())),
        "own profile, account's language and number as fallbacks"
    );
    let unlisted = w.decide("someone@acme.example", None, &clean(), Channel::Email);
    assert_eq!(
        unlisted.settings,
        Some(("acme-profile".into(), "fr".into(), "+16502530000".into()))
    );
    assert_eq!(unlisted.normalized.as_deref(), Some("someone@acme.example"));
    let nobody = w.decide("someone@nowhere.example", None, &clean(), Channel::Email);
    assert_eq!(nobody.settings, None);
    assert_eq!(nobody.normalized.as_deref(), Some("someone@nowhere.example"));
    let malformed = w.decide("some one", None, &clean(), Channel::Email);
    assert_eq!((malformed.normalized, malformed.settings), (None, None));
}

#[test]
fn messages_name_what_an_agent_must_tell() {
    let w = world();
    let other = w.decide("bob@acme.example", Some("beta"), &clean(), Channel::Email);
    assert!(other.messages[0].contains("account acme"), "{:?}", other.messages);
    let below = w.decide("bob@x.lab.acme.example", Some("beta"), &clean(), Channel::Email);
    assert!(
        below.messages[0].contains("under its trusted domain acme.example"),
        "{:?}",
        below.messages
    );
    let user = w.decide("jane.roe@acme.example", Some("open"), &clean(), Channel::Email);
    assert!(user.messages[0].contains("registered user of account acme"));
    let unsecured = w.decide("bob@open.example", None, &clean(), Channel::Email);
    assert!(
        unsecured.messages[0].contains("sources-restrained"),
        "{:?}",
        unsecured.messages
    );
    let spoof = w.decide("bob@corp.com", None, &Source::default(), Channel::Email);
    assert!(
        spoof.messages[0].contains(
            "no DMARC result; no SPF result (no aligned SPF pass); no DKIM result (no aligned DKIM pass)"
        ),
        "{:?}",
        spoof.messages
    );
    let mapped = Source {
        client_ip: ip("::ffff:8.8.8.8"),
        ..clean()
    };
    let outside = w.decide("bob@acme.example", None, &mapped, Channel::Email);
    assert!(
        outside.messages[0].contains("came from 8.8.8.8,"),
        "{:?}",
        outside.messages
    );
    assert!(outside.messages[0].contains("198.18.7.0/24, 2001:db8:7::/48"));
    let malformed = w.decide("a@b@c.com", None, &clean(), Channel::Email);
    assert!(malformed.messages[0].contains("second unquoted '@'"));
}

#[test]
fn channel_and_result_words_round_trip() {
    for name in Channel::NAMES {
        assert_eq!(name.parse::<Channel>().unwrap().as_str(), name);
    }
    assert!("fax".parse::<Channel>().is_err());
    for name in AUTH_RESULT_NAMES {
        assert_eq!(name.parse::<AuthResult>().unwrap().as_str(), name);
    }
}

#[test]
fn header_text_unfolds_and_keeps_what_is_not_folding() {
    assert_eq!(
        header_text(b" Bob\r\n Smith <b@x.example>\r\n").as_deref(),
        Some("Bob Smith <b@x.example>")
    );
    assert_eq!(header_text(b" a\n\tb\n").as_deref(), Some("a\tb"));
    assert_eq!(header_text(b"a\nBcc: x\n").as_deref(), Some("a\nBcc: x"));
    assert_eq!(header_text(b"b\xffb@x.example"), None);
}

#[test]
fn the_sender_of_a_message_is_its_one_from_mailbox() {
    let (shown, address) = message_sender(&[b" Bob <Bob@Corp.COM>\r\n"]);
    assert_eq!(shown, "Bob <Bob@Corp.COM>");
    assert_eq!(address.unwrap().key, "bob@corp.com");
    for headers in [
        &[][..],
        &[&b"a@corp.com"[..], &b"b@corp.com"[..]][..],
        &[&b"a@corp.com, b@corp.com"[..]][..],
        &[&b"a\xff@corp.com"[..]][..],
    ] {
        let (_, address) = message_sender(headers);
        assert_eq!(address.unwrap_err().code, MALFORMED_ADDRESS, "{headers:?}");
    }
}

#[test]
fn message_source_trusts_only_our_authserv_id_and_the_top_received() {
    let ours: &[u8] = b"mx.fax.example; spf=pass smtp.mailfrom=a.example; dkim=fail; dkim=pass; dmarc=fail";
    let forged: &[u8] = b"mx.fax.example.evil; dmarc=pass";
    let microsoft: &[u8] = b"spf=pass; dkim=pass; dmarc=pass";
    let broken: &[u8] = b"other.example; spf";
    let top: &[u8] = b"from a (a [198.18.7.5]) by mx.fax.example with ESMTPS id 1";
    let read = message_source(
        &[forged, ours, microsoft, broken],
        Some(top),
        "MX.fax.example",
        None,
    );
    let claim = |result, domain: Option<&str>| Claim {
        result,
        subject: domain.map_or(Subject::Unknown, |d| Subject::Domain(d.to_string())),
    };
    assert_eq!(
        read.source,
        Source {
            client_ip: ip("198.18.7.5"),
            spf: vec![claim(AuthResult::Pass, Some("a.example"))],
            dkim: vec![claim(AuthResult::Fail, None), claim(AuthResult::Pass, None)],
            dmarc: vec![claim(AuthResult::Fail, None)],
            tls: true,
        }
    );
    assert_eq!(read.ignored.len(), 3, "{:?}", read.ignored);
    // One of our own headers that cannot be read fails closed: its failure may be what it hid.
    let ours_ok: &[u8] = b"mx.fax.example; spf=pass smtp.mailfrom=a.example; dkim=pass header.d=a.example";
    for broken in [
        &b"mx.fax.example; dmarc=fail (unclosed"[..],
        b"\"MX.fax.example\" ; dmarc",
    ] {
        let read = message_source(&[ours_ok, broken], None, "mx.fax.example", None);
        let counted = Authentication::count(&read.source, Some("a.example"));
        assert_eq!(counted.spf.result, Some(AuthResult::Permerror));
        assert_eq!(counted.dmarc.result, Some(AuthResult::Permerror));
        assert!(!authenticated(&read.source, "a.example"));
    }
    let other_broken = message_source(
        &[ours_ok, b"mx.fax.example.evil; dmarc"],
        None,
        "mx.fax.example",
        None,
    );
    assert!(authenticated(&other_broken.source, "a.example"));
    let overridden = message_source(&[], Some(top), "mx.fax.example", ip("::ffff:8.8.8.8"));
    assert_eq!(overridden.source.client_ip, ip("::ffff:8.8.8.8"));
    assert_eq!(overridden.source.dmarc, vec![]);
    // An unreadable top-most header means unknown, never the next one down.
    let unreadable = message_source(
        &[],
        Some(b"from a (a [198.18.7.5\xff]) by b with ESMTPS"),
        "mx",
        None,
    );
    assert_eq!(unreadable.source, Source::default());
    // No authserv-id trusts nothing.
    assert_eq!(message_source(&[ours], None, " ", None).source, Source::default());
}

// ---- property tests ----

const LABELS: &[&str] = &[
    "acme",
    "example",
    "corp",
    "com",
    "evilcorp",
    "evil",
    "net",
    "lab",
    "mail",
    "bücher",
    "xn--bcher-kva",
    "a",
];

fn domain_strategy() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(LABELS), 1..=4).prop_map(|labels| labels.join("."))
}

/// A random world: rules over the same label alphabet the addresses use, so matches happen often.
fn rules_strategy() -> impl Strategy<Value = Vec<(String, usize, bool)>> {
    prop::collection::vec((domain_strategy(), 0usize..3, any::<bool>()), 0..6)
}

/// ASCII case only: other letters are compared literally (see the literal-name rule).
fn random_case(text: &str, mask: &[bool]) -> String {
    text.chars()
        .zip(mask.iter().cycle())
        .map(|(c, upper)| if *upper { c.to_ascii_uppercase() } else { c })
        .collect()
}

/// Leaks the random rules so that they fit the `'static` world used by the tests.
fn random_world(rules: &[(String, usize, bool)]) -> World {
    let mut w = world();
    w.rules.clear();
    let mut seen = std::collections::HashSet::new();
    for (domain, account, subdomains) in rules {
        let Ok(normalized) = domain::normalize(domain) else {
            continue;
        };
        // A domain belongs to at most one account (the primary key of the store).
        if seen.insert(normalized.ascii.clone()) {
            w.rules.push(Rule {
                domain: Box::leak(normalized.ascii.into_boxed_str()),
                account: *account,
                include_subdomains: *subdomains,
            });
        }
    }
    w
}

proptest! {
    #[test]
    fn case_and_trailing_dot_never_change_the_verdict(
        local in "[a-zA-Z][a-zA-Z0-9.]{0,6}[a-zA-Z0-9]",
        domain in domain_strategy(),
        rules in rules_strategy(),
        mask in prop::collection::vec(any::<bool>(), 1..8),
        named in any::<bool>(),
        requested in prop::option::of(prop::sample::select(vec!["acme", "beta", "open"])),
        channel in prop::sample::select(Channel::NAMES.to_vec()),
    ) {
        let w = random_world(&rules);
        let channel: Channel = channel.parse().unwrap();
        let plain = format!("{local}@{domain}");
        let varied = format!("{}@{}.", random_case(&local, &mask), random_case(&domain, &mask));
        let varied = if named { format!("Some One <{varied}>") } else { varied };
        for source in [clean(), Source::default()] {
            let a = w.decide(&plain, requested, &source, channel);
            let b = w.decide(&varied, requested, &source, channel);
            prop_assert_eq!(
                (a.verdict, &a.codes, &a.basis, &a.account, &a.normalized, &a.settings),
                (b.verdict, &b.codes, &b.basis, &b.account, &b.normalized, &b.settings),
                "{} vs {}", plain, varied
            );
        }
    }

    #[test]
    fn never_accepts_a_domain_that_is_not_trusted(
        local in "[a-z]{1,6}",
        domain in domain_strategy(),
        rules in rules_strategy(),
        requested in prop::option::of(prop::sample::select(vec!["acme", "beta", "open"])),
    ) {
        let w = random_world(&rules);
        let out = w.decide(&format!("{local}@{domain}"), requested, &clean(), Channel::Email);
        if out.verdict == Verdict::Accepted && out.basis == Some(Basis::TrustedDomain) {
            let normalized = out.normalized.clone().unwrap();
            let ascii = normalized.split_once('@').unwrap().1;
            let account = out.account.clone().unwrap();
            let covered = w.rules.iter().any(|r| {
                w.accounts[r.account].id == account
                    && (r.domain == ascii
                        || (r.include_subdomains && ascii.ends_with(&format!(".{}", r.domain))))
            });
            prop_assert!(covered, "{} accepted for {} by {:?}", normalized, account, w.rules.iter().map(|r| r.domain).collect::<Vec<_>>());
        }
        if out.verdict == Verdict::Accepted {
            prop_assert!(out.basis.is_some());
        }
    }

    #[test]
    fn any_input_gets_a_decision(input in "\\PC{0,60}") {
        let w = world();
        let out = w.decide(&input, None, &clean(), Channel::Email);
        prop_assert_eq!(out.verdict == Verdict::Accepted, out.codes.is_empty());
    }
}

// ---- issue 10: authenticating the From domain ----

fn claim(result: AuthResult, domain: &str) -> Claim {
    Claim {
        result,
        subject: Subject::Domain(domain.to_string()),
    }
}

fn from_message(results: &str) -> Source {
    Source {
        client_ip: ip("198.18.7.25"),
        tls: true,
        ..message_source(&[results.as_bytes()], None, "mx.fax.example", None).source
    }
}

#[test]
fn spf_and_dkim_count_only_for_a_domain_aligned_with_the_from_domain() {
    use AuthResult::{Fail, None as NoResult, Pass};
    let cases: &[(&str, &str, bool)] = &[
        // The attack: passes for the attacker's own domain.
        (
            "mx.fax.example; spf=pass smtp.mailfrom=bounce@evil.example; dkim=pass header.d=evil.example; dmarc=none",
            "corp.example",
            false,
        ),
        (
            "mx.fax.example; spf=pass smtp.mailfrom=bounce@corp.example; dkim=pass header.d=evil.example",
            "corp.example",
            false,
        ),
        (
            "mx.fax.example; spf=pass smtp.mailfrom=bounce@evil.example; dkim=pass header.d=corp.example",
            "corp.example",
            false,
        ),
        (
            "mx.fax.example; spf=pass smtp.mailfrom=corp.example.evil.example; dkim=pass header.d=corp.example",
            "corp.example",
            false,
        ),
        // Relaxed alignment: organizational domains equal.
        (
            "mx.fax.example; spf=pass smtp.mailfrom=bounce@mail.corp.example; dkim=pass header.d=corp.example; dmarc=none",
            "corp.example",
            true,
        ),
        (
            "mx.fax.example; spf=pass smtp.mailfrom=corp.example; dkim=pass header.d=CORP.example.",
            "mail.corp.example",
            true,
        ),
        // Null sender: the HELO domain; neither: not aligned.
        (
            "mx.fax.example; spf=pass smtp.mailfrom=<> smtp.helo=mx.corp.example; dkim=pass header.d=corp.example",
            "corp.example",
            true,
        ),
        (
            "mx.fax.example; spf=pass smtp.mailfrom=\"\" smtp.helo=mx.corp.example; dkim=pass header.d=corp.example",
            "corp.example",
            true,
        ),
        (
            "mx.fax.example; spf=pass; dkim=pass header.d=corp.example",
            "corp.example",
            false,
        ),
        // DKIM: header.i when there is no header.d; any aligned pass of several.
        (
            "mx.fax.example; spf=pass smtp.mailfrom=corp.example; dkim=pass header.i=@news.corp.example",
            "corp.example",
            true,
        ),
        (
            "mx.fax.example; spf=pass smtp.mailfrom=corp.example; dkim=pass header.d=evil.example; dkim=pass header.d=corp.example",
            "corp.example",
            true,
        ),
        (
            "mx.fax.example; spf=pass smtp.mailfrom=corp.example; dkim=fail header.d=corp.example; dkim=pass header.d=evil.example",
            "corp.example",
            false,
        ),
        (
            "mx.fax.example; spf=pass smtp.mailfrom=corp.example; dkim=pass",
            "corp.example",
            false,
        ),
        // A public suffix is aligned with nothing.
        (
            "mx.fax.example; spf=pass smtp.mailfrom=co.uk; dkim=pass header.d=co.uk",
            "co.uk",
            false,
        ),
        (
            "mx.fax.example; spf=pass smtp.mailfrom=bbc.co.uk; dkim=pass header.d=itv.co.uk",
            "bbc.co.uk",
            false,
        ),
        // DMARC about this From domain passes; about another, it is a fail that nothing outvotes.
        (
            "mx.fax.example; dmarc=pass header.from=corp.example",
            "corp.example",
            true,
        ),
        (
            "mx.fax.example; dmarc=pass header.from=Corp.Example.",
            "corp.example",
            true,
        ),
        ("mx.fax.example; dmarc=pass", "corp.example", true),
        (
            "mx.fax.example; dmarc=pass header.from=evil.example",
            "corp.example",
            false,
        ),
        (
            "mx.fax.example; dmarc=pass header.from=mail.corp.example",
            "corp.example",
            false,
        ),
        (
            "mx.fax.example; dmarc=pass header.from=corp.example; dmarc=pass header.from=evil.example",
            "corp.example",
            false,
        ),
        (
            "mx.fax.example; dmarc=pass header.from=evil.example; spf=pass smtp.mailfrom=corp.example; dkim=pass header.d=corp.example",
            "corp.example",
            false,
        ),
    ];
    for (results, from, passes) in cases {
        let source = from_message(results);
        assert_eq!(authenticated(&source, from), *passes, "{results} for {from}");
    }
    // What is shown: the result, its domain and whether it counted.
    let source = from_message(cases[0].0);
    let counted = Authentication::count(&source, Some("corp.example"));
    assert_eq!(
        (counted.spf.result, counted.spf.domain, counted.spf.aligned),
        (Some(Pass), Some("evil.example"), Some(false))
    );
    assert_eq!(counted.dmarc.result, Some(NoResult));
    let other = from_message("mx.fax.example; dmarc=pass header.from=evil.example");
    let counted = Authentication::count(&other, Some("corp.example"));
    assert_eq!(
        (counted.dmarc.result, counted.dmarc.header_from),
        (Some(Fail), Some("evil.example"))
    );
    assert!(counted.dmarc.about_other_domain);
    // Stated on the command line: for the sender's domain unless a domain is named.
    let stated_source = Source {
        spf: stated(Some(Pass), None),
        dkim: stated(Some(Pass), Some("evil.example")),
        ..Source::default()
    };
    assert!(!authenticated(&stated_source, "corp.example"));
    let stated_source = Source {
        dkim: vec![claim(Pass, "mail.corp.example")],
        ..stated_source
    };
    assert!(authenticated(&stated_source, "corp.example"));
}

#[test]
fn the_spoofing_message_names_the_missing_aligned_result() {
    let w = world();
    let source = from_message(
        "mx.fax.example; spf=pass smtp.mailfrom=bounce@evil.example; dkim=pass header.d=corp.com; dmarc=none",
    );
    let out = w.decide("bob@corp.com", None, &source, Channel::Email);
    assert_eq!(out.codes, ["spoofing-check-failed"]);
    let message = &out.messages[0];
    assert!(message.contains("SPF passed for evil.example, which is not aligned with corp.com: it does not count (no aligned SPF pass)"), "{message}");
    assert!(
        message.contains("DKIM passed for corp.com, aligned with corp.com"),
        "{message}"
    );
}

fn message_of(headers: &str) -> ReadMessage {
    read_message(&header_section(headers.as_bytes()), "mx.fax.example", None)
}

#[test]
fn results_count_only_above_the_second_received_header() {
    let above = message_of(
        "Authentication-Results: mx.fax.example; dmarc=pass\r\nReceived: from a (a [198.18.7.5]) by mx.fax.example with ESMTPS id 1\r\n\
         Authentication-Results: mx.fax.example; spf=pass smtp.mailfrom=corp.com\r\nReceived: from b ([10.0.0.1]) by a with ESMTP id 2\r\n\
         Authentication-Results: mx.fax.example; dkim=pass header.d=corp.com\r\nFrom: bob@corp.com\r\n\r\n",
    );
    assert_eq!(above.source.dmarc.len(), 1);
    assert_eq!(above.source.spf.len(), 1);
    assert_eq!(
        above.source.dkim,
        vec![],
        "below the second Received header: {:?}",
        above.notes
    );
    assert!(
        above
            .notes
            .iter()
            .any(|n| n.contains("below the second Received header")),
        "{:?}",
        above.notes
    );
    assert_eq!(above.source.client_ip, ip("198.18.7.5"));
    // Without a second Received header, every one counts.
    let one = message_of(
        "Received: from a (a [198.18.7.5]) by mx.fax.example with ESMTPS id 1\r\n\
         Authentication-Results: mx.fax.example; dmarc=pass header.from=corp.com\r\nFrom: bob@corp.com\r\n\r\n",
    );
    assert!(authenticated(&one.source, "corp.com"));
}

#[test]
fn our_authserv_id_is_recognized_on_the_raw_bytes() {
    for raw in [
        &b"mx.fax.example; dmarc=fail (\xff)"[..],
        b"MX.Fax.Example ; dmarc=pass header.from=\xe9.example",
        b"\"mx.fax.example\"; spf=\xff",
        b"\r\n\t(comment) mx.fax.example; spf=pass\x00",
        b"(a (nested) comment)mx.fax.example(c); x",
    ] {
        assert!(names_authserv_id(raw, "mx.fax.example"), "{raw:?}");
        let read = message_source(
            &[
                b"mx.fax.example; dmarc=pass; spf=pass smtp.mailfrom=corp.com; dkim=pass header.d=corp.com",
                raw,
            ],
            None,
            "mx.fax.example",
            None,
        );
        if std::str::from_utf8(raw).is_err() {
            assert!(
                !authenticated(&read.source, "corp.com"),
                "{raw:?} must fail closed"
            );
            assert!(
                read.ignored.iter().any(|n| n.contains("not valid UTF-8")),
                "{:?}",
                read.ignored
            );
        }
    }
    for raw in [
        &b"mx.fax.example.evil; dmarc=fail (\xff)"[..],
        b"mx.fax.exampl; x",
        b"\"mx.fax.example.\"; x",
        b"(unclosed mx.fax.example; x",
        b"x mx.fax.example; x",
        b"mx.fax.\xe9xample; x",
    ] {
        assert!(!names_authserv_id(raw, "mx.fax.example"), "{raw:?}");
    }
}

#[test]
fn the_header_section_ends_at_the_first_line_that_is_not_a_header() {
    let read = message_of(
        "Received: from a (a [198.18.7.5]) by mx.fax.example with ESMTPS id 1\r\n\
         Authentication-Results: mx.fax.example; dmarc=pass header.from=evil.example\r\n\
         From: eve@evil.example\r\nnot a header line\r\n\
         Authentication-Results: mx.fax.example; dmarc=pass header.from=corp.com\r\nFrom: bob@corp.com\r\n\r\n",
    );
    assert_eq!(read.from, "eve@evil.example");
    assert_eq!(read.source.dmarc.len(), 1);
    let no_from = message_of("Received: from a by b\r\n> quoted: text\r\nFrom: bob@corp.com\r\n\r\n");
    assert_eq!(no_from.address.unwrap_err().code, MALFORMED_ADDRESS);
}

// ---- the literal-name rule, through the decision (single addresses and batch lines) ----

const NOT_CANONICAL: &[(&str, &str)] = &[
    ("ceo@corp\u{ad}.com", "U+00AD"),
    ("ceo@corp\u{200b}.com", "U+200B"),
    ("ceo@corp\u{2060}.com", "U+2060"),
    ("ceo@corp\u{feff}.com", "U+FEFF"),
    ("ceo@corp\u{34f}.com", "U+034F"),
    ("ceo@corp\u{fe00}.com", "U+FE00"),
    ("ceo@\u{ff43}orp.com", "U+FF43"),
    ("ceo@\u{2102}orp.com", "U+2102"),
    ("ceo@CORP.\u{ff23}OM", "U+FF23"),
    ("ceo@corp\u{3002}com", "U+3002"),
    ("ceo@corp\u{ff0e}com", "U+FF0E"),
    ("ceo@corp\u{ff61}com", "U+FF61"),
    ("max@B\u{dc}CHER.example", "U+00DC"),
    ("\u{212a}ate@corp.com", "U+212A"),
    ("noe\u{308}l@corp.com", "U+0308"),
];

#[test]
fn names_that_are_not_canonical_are_malformed_naming_the_character() {
    let w = world();
    for (input, named) in NOT_CANONICAL {
        for path in [
            BatchLine::Address(input),
            batch_line(format!("{input}\r\n").as_bytes()),
            batch_line(format!("{input}\n").as_bytes()),
            batch_line(input.as_bytes()),
        ] {
            let BatchLine::Address(line) = path else {
                panic!("{input:?} must be decided, not skipped");
            };
            let out = w.decide(line, None, &clean(), Channel::Email);
            assert_eq!(out.codes, ["malformed-address"], "{input:?}");
            assert!(out.messages[0].contains(named), "{input:?}: {}", out.messages[0]);
            assert_eq!(out.normalized, None);
        }
    }
}

fn batch_character() -> impl Strategy<Value = char> {
    prop::sample::select(vec![
        'a', 'b', 'k', 'K', '.', '@', ' ', '\t', '\r', '\u{b}', '\u{c}', '\u{85}', '\u{a0}', '\u{2028}',
        '\u{2029}', '\u{3000}', '\u{2003}', '\u{feff}', '\u{ad}', '\u{212a}', '#', '<', '>', '"', 'é',
        '\u{301}',
    ])
}

proptest! {
    #[test]
    fn a_batch_line_is_decided_exactly_as_the_single_address(
        prefix in prop::collection::vec(batch_character(), 0..4),
        local in "[a-z]{1,5}",
        domain in prop::sample::select(vec!["corp.com", "acme.example", "mail.acme.example", "nowhere.example"]),
        suffix in prop::collection::vec(batch_character(), 0..4),
        crlf in any::<bool>(),
    ) {
        let w = world();
        let single: String = prefix.iter().collect::<String>() + &local + "@" + domain + &suffix.iter().collect::<String>();
        // A line ending in CR then LF is CRLF-terminated; such a line is tested as the last one, unterminated.
        let terminator = match (crlf, single.ends_with('\r')) {
            (true, _) => "\r\n",
            (false, true) => "",
            (false, false) => "\n",
        };
        let raw = format!("{single}{terminator}");
        let a = w.decide(&single, None, &clean(), Channel::Email);
        match batch_line(raw.as_bytes()) {
            BatchLine::Address(line) => {
                prop_assert_eq!(line, single.as_str());
                let b = w.decide(line, None, &clean(), Channel::Email);
                prop_assert_eq!(
                    (a.verdict, &a.codes, &a.basis, &a.account, &a.normalized, &a.settings, &a.messages),
                    (b.verdict, &b.codes, &b.basis, &b.account, &b.normalized, &b.settings, &b.messages)
                );
            }
            BatchLine::Skipped => prop_assert!(single.is_empty() || single.starts_with('#'), "{:?} skipped", single),
            BatchLine::NotUtf8 => prop_assert!(false, "UTF-8 input"),
        }
        // Every character besides the terminator is part of the address: Unicode spaces and
        // controls never disappear into an accepted address.
        if prefix.iter().chain(&suffix).any(|c| c.is_whitespace() && !matches!(c, ' ' | '\t')
            || (c.is_control() && *c != '\t')) {
            prop_assert_eq!(a.codes.first().copied(), Some("malformed-address"), "{:?}", single);
        }
    }
}
