//! Trusted-domain rules: normalization (UTS-46 strict), the certification checks that need no store,
//! and label-boundary matching of an address domain against trusted domains.

use super::Problem;
use super::account::is_invisible_or_bidi;
use super::certification::{self, Rules};
use chrono::NaiveDate;
use std::collections::HashSet;
use std::net::IpAddr;
use std::sync::LazyLock;

/// A domain in the form it is stored and compared in, with its Unicode form for display.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NormalizedDomain {
    pub ascii: String,
    pub unicode: String,
}

const MAX_INPUT_LEN: usize = 1024;

/// Consumer mail domains: the upstream free-mail list, and the privacy providers and alias relays.
static FREE_MAIL_DOMAINS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    data_lines(include_str!("../../data/free-mail-domains.txt"))
        .chain(data_lines(include_str!(
            "../../data/privacy-and-relay-domains.txt"
        )))
        .collect()
});

static MULTI_TENANT_DOMAINS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| data_lines(include_str!("../../data/multi-tenant-domains.txt")).collect());

/// Every name with a Public Suffix List rule strictly below it, with one such suffix (the shortest)
/// for the message: `amazonaws.com` → `s3.amazonaws.com`. Built on first use, from the very list
/// the psl crate was compiled from.
static SUFFIX_PARENTS: LazyLock<std::collections::HashMap<String, String>> = LazyLock::new(|| {
    let mut parents: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    for rule in data_lines(include_str!("../../data/public-suffix-rules.txt")) {
        if rule.starts_with('!') {
            continue; // an exception names a registrable domain, not a suffix
        }
        let (base, wildcard) = match rule.strip_prefix("*.") {
            Some(base) => (base, true),
            None => (rule, false),
        };
        let Ok(ascii) = idna::domain_to_ascii(base) else {
            continue;
        };
        let example = if wildcard {
            format!("*.{ascii}")
        } else {
            ascii.clone()
        };
        let mut name = if wildcard {
            Some(ascii.as_str())
        } else {
            ascii.split_once('.').map(|(_, parent)| parent)
        };
        while let Some(parent) = name {
            let entry = parents
                .entry(parent.to_string())
                .or_insert_with(|| example.clone());
            if example.len() < entry.len() || (example.len() == entry.len() && example < *entry) {
                *entry = example.clone();
            }
            name = parent.split_once('.').map(|(_, up)| up);
        }
    }
    parents
});

/// The entries of a data file: trimmed lines, without blank lines and `#` comments.
fn data_lines(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
}

/// Top-level names that no company can own or receive Internet mail for (RFC 6761, RFC 6762,
/// RFC 7686, RFC 8375, RFC 9476, and ICANN's reservation of `internal`). `example` and `test` are
/// special-use too but stay allowed: documentation and tests use them.
pub const SPECIAL_USE_TLDS: [&str; 7] = [
    "local",
    "localhost",
    "invalid",
    "onion",
    "alt",
    "internal",
    "arpa",
];

/// Trims, lowercases, strips one trailing dot and converts to ASCII with UTS-46 strict rules.
pub fn normalize(input: &str) -> Result<NormalizedDomain, Problem> {
    let ascii = normalize_ascii(input)?;
    // Only punycode labels have another Unicode form.
    let unicode = if ascii.split('.').any(|label| label.starts_with("xn--")) {
        idna::domain_to_unicode(&ascii).0
    } else {
        ascii.clone()
    };
    Ok(NormalizedDomain { ascii, unicode })
}

/// [`normalize`] without the Unicode form, for callers that only compare (the sender test's hot path).
pub fn normalize_ascii(input: &str) -> Result<String, Problem> {
    if input.len() > MAX_INPUT_LEN {
        return Err(Problem::new(
            "invalid-syntax",
            format!(
                "the domain is {} bytes long; a domain name has at most 253",
                input.len()
            ),
        ));
    }
    let trimmed = input.trim();
    let without_dot = trimmed.strip_suffix('.').unwrap_or(trimmed);
    let ascii = match plain_ldh(without_dot) {
        Some(lowered) => lowered,
        None => {
            // UTS-46 silently removes some invisible characters (U+00AD, U+200B …): the name typed
            // would not be the name trusted. Refused, named, so the agent can see what was pasted.
            if let Some(invisible) = without_dot.chars().find(|&c| is_invisible_or_bidi(c)) {
                return Err(Problem::new(
                    "invalid-syntax",
                    format!(
                        "{trimmed:?} is not a valid domain name: it contains the invisible character {}",
                        super::text::code_point(invisible)
                    ),
                ));
            }
            // Character by character, not `str::to_lowercase`: that one turns a word-final `Σ` into `ς`,
            // a different IDNA label from the `σ` UTS-46 maps `Σ` to, so `ΑΣ-B.GR` would not be `ασ-b.gr`.
            let lowered: String = without_dot.chars().flat_map(char::to_lowercase).collect();
            idna::domain_to_ascii_strict(&lowered).map_err(|_| {
                Problem::new(
                    "invalid-syntax",
                    format!("{trimmed:?} is not a valid domain name (IDNA/UTS-46 strict rules)"),
                )
            })?
        }
    };
    if let Some(reason) = hostname_syntax_error(&ascii) {
        return Err(Problem::new(
            "invalid-syntax",
            format!("{trimmed:?} is not a valid domain name: {reason}"),
        ));
    }
    Ok(ascii)
}

/// The lower-cased name when UTS-46 processing could not change it: ASCII letters, digits, '-' and
/// '.', and no label with "--" in its third and fourth places (punycode, or refused by CheckHyphens).
/// Such a name is valid exactly when [`hostname_syntax_error`] finds nothing, which the caller checks.
fn plain_ldh(name: &str) -> Option<String> {
    let plain = name
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
        && name.split('.').all(|label| label.get(2..4) != Some("--"));
    plain.then(|| name.to_ascii_lowercase())
}

/// The LDH hostname rules, checked again after IDNA because UTS-46 alone lets some shapes through
/// (an empty input, an all-numeric top-level label).
fn hostname_syntax_error(ascii: &str) -> Option<String> {
    if ascii.is_empty() {
        return Some("it is empty".into());
    }
    if ascii.len() > 253 {
        return Some(format!("it is {} characters long (at most 253)", ascii.len()));
    }
    for label in ascii.split('.') {
        if label.is_empty() {
            return Some("it has an empty label".into());
        }
        if label.len() > 63 {
            return Some(format!("the label {label:?} is longer than 63 characters"));
        }
        if !label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
            return Some(format!(
                "the label {label:?} has characters other than letters, digits and '-'"
            ));
        }
        if label.starts_with('-') || label.ends_with('-') {
            return Some(format!("the label {label:?} starts or ends with '-'"));
        }
    }
    let tld = ascii.rsplit('.').next().unwrap_or(ascii);
    if ascii.contains('.') && tld.bytes().all(|b| b.is_ascii_digit()) {
        return Some(format!("the top-level label {tld:?} is all digits"));
    }
    None
}

/// An IP address, bare or as an SMTP address literal. Any `[…]` is an address literal (RFC 5321), even
/// when what is inside is not an address this parser knows (`[IPv6:…]` in any case, a general literal).
fn ip_literal(input: &str) -> Option<String> {
    let trimmed = input.strip_suffix('.').unwrap_or(input);
    let bracketed = trimmed.strip_prefix('[').and_then(|s| s.strip_suffix(']'));
    let inner = bracketed.unwrap_or(trimmed);
    let address = inner
        .get(..5)
        .filter(|tag| tag.eq_ignore_ascii_case("ipv6:"))
        .map_or(inner, |_| &inner[5..]);
    match (address.parse::<IpAddr>(), bracketed) {
        (Ok(ip), Some(_)) => Some(format!("an IP address literal ({ip})")),
        (Ok(ip), None) => Some(format!("an IP address ({ip})")),
        (Err(_), Some(_)) => Some("an address literal".to_string()),
        (Err(_), None) => None,
    }
}

/// The outcome of the checks that need nothing but the domain itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assessment {
    pub input: String,
    /// `None` when the input cannot be normalized (then `problems` says why).
    pub domain: Option<NormalizedDomain>,
    pub problems: Vec<Problem>,
}

/// Runs every account-independent certification check and reports all problems found.
pub fn assess(input: &str) -> Assessment {
    let mut problems = Vec::new();
    let raw = input.trim();
    if raw.contains('*') {
        problems.push(Problem::new(
            "wildcard",
            format!("{raw:?} contains '*': list each complete SMTP domain; use --include-subdomains to cover subdomains"),
        ));
    }
    if let Some(what) = ip_literal(raw) {
        problems.push(Problem::new(
            "ip-literal",
            format!("{raw:?} is {what}, not a domain"),
        ));
    }
    if !problems.is_empty() {
        return Assessment {
            input: input.to_string(),
            domain: None,
            problems,
        };
    }
    let domain = match normalize(raw) {
        Ok(domain) => domain,
        Err(problem) => {
            return Assessment {
                input: input.to_string(),
                domain: None,
                problems: vec![problem],
            };
        }
    };
    let ascii = domain.ascii.as_str();
    if !ascii.contains('.') {
        problems.push(Problem::new(
            "single-label",
            format!("{ascii:?} has no dot: a complete SMTP domain such as corp.example is needed"),
        ));
    }
    if is_public_suffix(ascii) {
        problems.push(Problem::new(
            "public-suffix",
            format!("{ascii:?} is a public suffix: anyone can register addresses below it, so it cannot belong to one company"),
        ));
    }
    if let Some(provider) = free_mail_provider(ascii) {
        problems.push(Problem::new(
            "free-mail-provider",
            format!(
                "{ascii:?} is a free email provider or relay ({provider}): anyone can get an address there"
            ),
        ));
    }
    if let Some(platform) = multi_tenant_platform(ascii) {
        problems.push(Problem::new(
            "multi-tenant-domain",
            format!("{ascii:?} is a domain of a multi-tenant platform ({platform}): it gives many customers subdomains or addresses, so no one customer can certify it"),
        ));
    }
    if let Some(tld) = special_use_tld(ascii) {
        problems.push(Problem::new(
            "special-use",
            format!("{ascii:?} is under the special-use name .{tld}: no company can own it or receive Internet mail there"),
        ));
    }
    Assessment {
        input: input.to_string(),
        domain: Some(domain),
        problems,
    }
}

/// True when the name is itself on the Public Suffix List (ICANN or private section).
pub fn is_public_suffix(ascii: &str) -> bool {
    psl::suffix(ascii.as_bytes())
        .is_some_and(|suffix| suffix.is_known() && suffix.as_bytes() == ascii.as_bytes())
}

/// The free-mail (or privacy mail, or relay) domain that makes this domain a consumer one: the domain
/// itself, or a parent of it, since a subdomain of a free provider is no more the customer's than the
/// provider is (`eu.gmail.com`, `x.privaterelay.appleid.com`).
pub fn free_mail_provider(ascii: &str) -> Option<&'static str> {
    self_and_parents(ascii).find_map(|name| FREE_MAIL_DOMAINS.get(name).copied())
}

/// The multi-tenant platform domain this domain is, or lies under (`contoso.onmicrosoft.com`).
pub fn multi_tenant_platform(ascii: &str) -> Option<&'static str> {
    self_and_parents(ascii).find_map(|name| MULTI_TENANT_DOMAINS.get(name).copied())
}

/// The special-use top-level name this domain is, or lies under (`corp.local` → `local`).
pub fn special_use_tld(ascii: &str) -> Option<&'static str> {
    let tld = ascii.rsplit('.').next()?;
    SPECIAL_USE_TLDS.iter().copied().find(|special| *special == tld)
}

/// One Public Suffix List rule strictly below this domain, if there is any: trusting the domain with
/// its subdomains would trust names anyone can register there (`s3.amazonaws.com` under
/// `amazonaws.com`).
pub fn public_suffix_below(ascii: &str) -> Option<&'static str> {
    SUFFIX_PARENTS.get(ascii).map(String::as_str)
}

/// The refusal of `--include-subdomains` (or a form's, or an import row's `include_subdomains`) for a
/// domain with a public suffix below it.
pub fn subdomain_problem(ascii: &str) -> Option<Problem> {
    public_suffix_below(ascii).map(|suffix| {
        Problem::new(
            "public-suffix-below",
            format!(
                "{ascii:?} has the public suffix {suffix} below it: with its subdomains it would trust names anyone can register there; trust the complete domains one by one instead"
            ),
        )
    })
}

/// [`assess`], plus the checks of a grant that includes subdomains when it does.
pub fn assess_grant(input: &str, include_subdomains: bool) -> Assessment {
    let mut assessment = assess(input);
    if include_subdomains && let Some(domain) = &assessment.domain {
        assessment.problems.extend(subdomain_problem(&domain.ascii));
    }
    assessment
}

/// Why no signed form could ever make this (normalized) domain trusted, if that is so: the checks
/// that depend neither on the account nor on who else trusts it (`single-label`, `public-suffix`,
/// `free-mail-provider`, `multi-tenant-domain`, `special-use`). The sender test's advice asks for a
/// form only when this is `None`.
pub fn never_certifiable(ascii: &str) -> Option<Problem> {
    assess(ascii).problems.into_iter().next()
}

/// The name itself, then each parent at a label boundary: `a.b.c`, `b.c`, `c`.
fn self_and_parents(ascii: &str) -> impl Iterator<Item = &str> {
    std::iter::successors(Some(ascii), |name| name.split_once('.').map(|(_, parent)| parent))
}

/// Who certified that the customer owns the domains, and when (from a signed form or given by the agent).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Certification {
    pub certified_by: String,
    pub certified_on: NaiveDate,
    pub request: Option<String>,
}

/// A trusted domain held by some account that conflicts with trusting a new one: the same name,
/// a parent that includes its subdomains, or (for a new entry with subdomains) a name below it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holder {
    pub account: String,
    pub domain: String,
    pub include_subdomains: bool,
}

/// The certification a domain comes with, as the account checks see it.
#[derive(Debug, Clone, Copy)]
pub enum Given<'a> {
    Certified(&'a Certification),
    Missing,
    /// A request reference that cannot certify this domain (see `certification::request_problem`).
    Refused(&'a Problem),
}

/// The checks that depend on the account: ownership by another account, the certification (its
/// certifier, and for a direct one its date), and the account's own securing checks
/// (`failing_checks`: id and message of each failing one).
pub fn account_problems(
    account: &str,
    holders: &[Holder],
    certification: Given<'_>,
    failing_checks: &[(&str, &str)],
    rules: Rules,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    problems.extend(
        holders
            .iter()
            .filter(|h| h.account != account)
            .map(trusted_by_other_account),
    );
    match certification {
        Given::Missing => problems.push(certification::missing(rules.wording)),
        Given::Refused(problem) => problems.push(problem.clone()),
        Given::Certified(c) => {
            if let Err(message) = validate_certifier(&c.certified_by) {
                problems.push(Problem::new("no-certification", message));
            } else if c.request.is_none() {
                // A request's signature date is judged with the request (`request_problem`).
                problems.extend(certification::date_problem(c.certified_on, rules));
            }
        }
    }
    for (id, message) in failing_checks {
        problems.push(Problem::new(
            "account-not-secured",
            format!("account {account} fails the securing check `{id}`: {message}"),
        ));
    }
    problems
}

/// The most characters a certifier's name may have (it is a person's name, shown in listings).
pub const CERTIFIER_MAX_CHARS: usize = 200;

/// Checks who certified a domain's ownership (`certified_by`, from the command line, a file or a
/// signed form): a name of 1 to [`CERTIFIER_MAX_CHARS`] characters once trimmed, without control,
/// invisible or bidi characters, which would only hide or disguise who it names.
pub fn validate_certifier(name: &str) -> Result<(), String> {
    let trimmed = name.trim();
    if trimmed.is_empty() {
        return Err("the certification names no one (empty certified_by)".to_string());
    }
    let chars = trimmed.chars().count();
    if chars > CERTIFIER_MAX_CHARS {
        return Err(format!(
            "the certifier's name has {chars} characters: at most {CERTIFIER_MAX_CHARS} are allowed"
        ));
    }
    if let Some(bad) = trimmed
        .chars()
        .find(|&c| c.is_control() || is_invisible_or_bidi(c))
    {
        return Err(format!(
            "the certifier's name contains the invisible or control character {}",
            bad.escape_unicode()
        ));
    }
    Ok(())
}

/// The refusal for a domain that an account already trusts (the same name, or a parent or child whose
/// subdomains would overlap); it names that account.
pub fn trusted_by_other_account(holder: &Holder) -> Problem {
    Problem::new(
        "trusted-by-other-account",
        format!(
            "{} is already trusted by account {:?}{}: a domain belongs to at most one account",
            holder.domain,
            holder.account,
            if holder.include_subdomains {
                " with its subdomains"
            } else {
                ""
            }
        ),
    )
}

/// A trusted domain as matching needs it.
pub trait TrustRule {
    fn include_subdomains(&self) -> bool;
}

/// Finds the trusted domain that covers `address_domain` (both normalized ASCII).
///
/// A rule matches when its domain equals the address domain, or, only when it includes subdomains,
/// when the address domain ends with `"." + domain`. Candidates are the address domain and its
/// parents at label boundaries, most specific first, so `evilcorp.com` never reaches `corp.com`.
/// `lookup` returns the rule stored for exactly that name, if any.
pub fn trusted_match<R: TrustRule>(
    address_domain: &str,
    mut lookup: impl FnMut(&str) -> Option<R>,
) -> Option<R> {
    let mut candidate = address_domain;
    let mut exact = true;
    loop {
        if candidate.is_empty() {
            return None;
        }
        if let Some(rule) = lookup(candidate)
            && (exact || rule.include_subdomains())
        {
            return Some(rule);
        }
        let (_, parent) = candidate.split_once('.')?;
        candidate = parent;
        exact = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(input: &str) -> Vec<&'static str> {
        assess(input).problems.iter().map(|p| p.code).collect()
    }

    #[test]
    fn invisible_characters_are_refused_by_name() {
        for (input, named) in [
            ("corp\u{ad}.example", "U+00AD"),
            ("corp\u{200b}.example", "U+200B"),
            ("\u{feff}corp.example", "U+FEFF"),
            ("corp\u{2060}.example", "U+2060"),
            ("corp\u{34f}.example", "U+034F"),
            ("bu\u{308}\u{fe0f}cher.example", "U+FE0F"),
        ] {
            let problem = normalize(input).expect_err(input);
            assert_eq!(problem.code, "invalid-syntax");
            assert!(problem.message.contains(named), "{input:?}: {}", problem.message);
            assert_eq!(codes(input), ["invalid-syntax"]);
        }
        // Mapping what an agent types stays: full width and upper case are the same name.
        assert_eq!(
            normalize("ＣＯＲＰ.example").map(|d| d.ascii),
            Ok("corp.example".into())
        );
    }

    #[test]
    fn normalization() {
        let d = normalize("  ACME.Example. ").unwrap();
        assert_eq!(d.ascii, "acme.example");
        let idn = normalize("Bücher.example").unwrap();
        assert_eq!(idn.ascii, "xn--bcher-kva.example");
        assert_eq!(idn.unicode, "bücher.example");
        assert_eq!(
            normalize("xn--bcher-kva.example").unwrap().unicode,
            "bücher.example"
        );
        assert!(
            normalize("acme.example..").is_err(),
            "only one trailing dot is stripped"
        );
        assert_eq!(
            normalize("ΑΣ-B.GR").unwrap(),
            normalize("ασ-b.gr").unwrap(),
            "a capital sigma is σ, never the final ς"
        );
        assert_ne!(normalize("ας.gr").unwrap(), normalize("ασ.gr").unwrap());
    }

    #[test]
    fn each_code() {
        assert!(codes("acme.example").is_empty());
        assert!(codes("corp.acme.co.uk").is_empty());
        assert_eq!(codes("*.acme.com"), ["wildcard"]);
        assert_eq!(codes("acme*.com"), ["wildcard"]);
        assert_eq!(codes("192.0.2.1"), ["ip-literal"]);
        assert_eq!(codes("[192.0.2.1]"), ["ip-literal"]);
        assert_eq!(codes("[IPv6:2001:db8::1]"), ["ip-literal"]);
        assert_eq!(codes("2001:db8::1"), ["ip-literal"]);
        assert_eq!(codes("[IPV6:2001:DB8::1]"), ["ip-literal"]);
        assert_eq!(codes("[corp.example]"), ["ip-literal"]);
        assert_eq!(codes("192.0.2.1."), ["ip-literal"]);
        assert_eq!(codes("localhost"), ["single-label", "special-use"]);
        assert_eq!(codes("com"), ["single-label", "public-suffix"]);
        assert_eq!(codes("co.uk"), ["public-suffix"]);
        assert_eq!(codes("github.io"), ["public-suffix"]);
        assert_eq!(codes("gmail.com"), ["free-mail-provider"]);
        assert_eq!(codes("GMAIL.com."), ["free-mail-provider"]);
        assert_eq!(codes("yahoo.co.jp"), ["free-mail-provider"]);
        assert_eq!(codes("gmx.de"), ["free-mail-provider"]);
        assert_eq!(codes("outlook.com"), ["free-mail-provider"]);
        assert_eq!(codes("eu.gmail.com"), ["free-mail-provider"]);
    }

    #[test]
    fn invalid_syntax() {
        let long_label = format!("{}.com", "a".repeat(64));
        let long_name = format!("{}com", "abcdefghi.".repeat(26));
        for bad in [
            "",
            ".",
            "a..com",
            "-acme.com",
            "acme-.com",
            "ac me.com",
            "acme_corp.com",
            "acme.123",
            &long_label,
            &long_name,
            "a@b.com",
            "xn--.com",
        ] {
            assert_eq!(codes(bad), ["invalid-syntax"], "{bad:?}");
        }
    }

    struct Rule(bool);
    impl TrustRule for Rule {
        fn include_subdomains(&self) -> bool {
            self.0
        }
    }

    fn matches(address_domain: &str, trusted: &str, subdomains: bool) -> bool {
        trusted_match(address_domain, |d| (d == trusted).then_some(Rule(subdomains))).is_some()
    }

    #[test]
    fn account_dependent_codes() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        let rules = Rules {
            today,
            max_age_days: 90,
            wording: certification::Wording::Options,
        };
        let cert = Certification {
            certified_by: "Jane Roe".into(),
            certified_on: today,
            request: None,
        };
        let codes = |holders: &[Holder], cert: Option<&Certification>, failing: &[(&str, &str)]| {
            let given = cert.map_or(Given::Missing, Given::Certified);
            account_problems("acme", holders, given, failing, rules)
                .iter()
                .map(|p| p.code)
                .collect::<Vec<_>>()
        };
        assert!(codes(&[], Some(&cert), &[]).is_empty());
        let mine = Holder {
            account: "acme".into(),
            domain: "acme.com".into(),
            include_subdomains: true,
        };
        assert!(codes(&[mine], Some(&cert), &[]).is_empty());
        let theirs = Holder {
            account: "beta".into(),
            domain: "acme.com".into(),
            include_subdomains: false,
        };
        let problems = account_problems("acme", &[theirs], Given::Certified(&cert), &[], rules);
        assert_eq!(problems[0].code, "trusted-by-other-account");
        assert!(problems[0].message.contains("\"beta\""));
        assert_eq!(codes(&[], None, &[]), ["no-certification"]);
        let future = Certification {
            certified_on: today.succ_opt().unwrap(),
            ..cert.clone()
        };
        assert_eq!(codes(&[], Some(&future), &[]), ["certification-in-future"]);
        let old = Certification {
            certified_on: NaiveDate::from_ymd_opt(2020, 1, 1).unwrap(),
            ..cert.clone()
        };
        assert_eq!(codes(&[], Some(&old), &[]), ["certification-expired"]);
        let by_request = Certification {
            request: Some("REQ-1".into()),
            ..old.clone()
        };
        assert!(
            codes(&[], Some(&by_request), &[]).is_empty(),
            "a request's date is judged with the request"
        );
        let refusal = Problem::new("not-on-request", "…");
        let refused = account_problems("acme", &[], Given::Refused(&refusal), &[], rules);
        assert_eq!(refused, std::slice::from_ref(&refusal));
        let nobody = Certification {
            certified_by: " ".into(),
            ..cert.clone()
        };
        assert_eq!(codes(&[], Some(&nobody), &[]), ["no-certification"]);
        for by in ["x".repeat(5000), "Jane\u{7}Roe".to_string()] {
            let bad = Certification {
                certified_by: by,
                ..cert.clone()
            };
            assert_eq!(codes(&[], Some(&bad), &[]), ["no-certification"]);
        }
        assert_eq!(
            codes(&[], Some(&cert), &[("sources-restrained", "off")]),
            ["account-not-secured"]
        );
    }

    #[test]
    fn names_no_company_can_own_are_special_use() {
        for name in [
            "corp.local",
            "x.internal",
            "x.invalid",
            "x.localhost",
            "x.alt",
            "example.onion",
            "home.arpa",
            "1.2.in-addr.arpa",
            "CORP.LOCAL.",
            "corp.ｌｏｃａｌ",
            "bücher.local",
            "x.Internal.",
        ] {
            assert!(codes(name).contains(&"special-use"), "{name}: {:?}", codes(name));
        }
        assert_eq!(codes("localhost"), ["single-label", "special-use"]);
        for allowed in [
            "acme.example",
            "acme.test",
            "local.example",
            "localhost.example.com",
            "arpa.example",
        ] {
            assert!(codes(allowed).is_empty(), "{allowed}: {:?}", codes(allowed));
        }
    }

    #[test]
    fn privacy_providers_and_relays_are_free_mail() {
        for name in [
            "proton.me",
            "pm.me",
            "tuta.com",
            "mailbox.org",
            "posteo.de",
            "hey.com",
            "duck.com",
            "mozmail.com",
            "relay.firefox.com",
            "privaterelay.appleid.com",
            "simplelogin.com",
            "addy.io",
            "PROTON.ME.",
            "x.privaterelay.appleid.com",
            "user.anonaddy.com",
        ] {
            assert_eq!(codes(name), ["free-mail-provider"], "{name}");
        }
        assert!(
            codes("appleid.com").is_empty(),
            "only the relay name, not Apple's own"
        );
        assert!(codes("firefox.com").is_empty());
        assert!(codes("proton.example").is_empty());
    }

    #[test]
    fn multi_tenant_platforms_are_refused_with_what_is_below_them() {
        for name in [
            "onmicrosoft.com",
            "contoso.onmicrosoft.com",
            "CONTOSO.onmicrosoft.com.",
            "googlegroups.com",
            "sandbox123.mailgun.org",
            "acme.zendesk.com",
        ] {
            assert_eq!(codes(name), ["multi-tenant-domain"], "{name}");
        }
        assert!(codes("microsoft.com").is_empty());
        assert!(codes("groups.example").is_empty());
    }

    #[test]
    fn a_public_suffix_below_refuses_only_a_grant_with_subdomains() {
        let grant = |name: &str, subdomains: bool| {
            assess_grant(name, subdomains)
                .problems
                .iter()
                .map(|p| p.code)
                .collect::<Vec<_>>()
        };
        for name in [
            "amazonaws.com",
            "windows.net",
            "core.windows.net",
            "AMAZONAWS.com.",
        ] {
            assert_eq!(grant(name, true), ["public-suffix-below"], "{name}");
            assert!(grant(name, false).is_empty(), "{name}");
        }
        let message = &assess_grant("amazonaws.com", true).problems[0].message;
        assert!(message.contains(".amazonaws.com"), "{message}");
        let message = &assess_grant("windows.net", true).problems[0].message;
        assert!(message.contains(".windows.net"), "{message}");
        for name in ["acme.example", "acme.co.uk", "bücher.example"] {
            assert!(grant(name, true).is_empty(), "{name}");
        }
        // An IDN suffix of the list (公司.cn) has its parent `cn`, itself a public suffix.
        assert!(public_suffix_below("cn").is_some());
        // A wildcard rule (*.compute.amazonaws.com) puts a suffix below the name it is under.
        assert!(public_suffix_below("compute.amazonaws.com").is_some());
    }

    #[test]
    fn no_list_entry_is_a_public_suffix_or_invalid() {
        // The upstream free-mail list is taken as it is (it has a few public suffixes, refused anyway).
        for list in [
            include_str!("../../data/privacy-and-relay-domains.txt"),
            include_str!("../../data/multi-tenant-domains.txt"),
        ] {
            for name in data_lines(list) {
                assert_eq!(normalize_ascii(name).ok().as_deref(), Some(name), "{name}");
                assert!(!is_public_suffix(name), "{name} is a public suffix");
            }
        }
    }

    #[test]
    fn never_certifiable_names_the_reason() {
        assert_eq!(
            never_certifiable("gmail.com").map(|p| p.code),
            Some("free-mail-provider")
        );
        assert_eq!(
            never_certifiable("corp.local").map(|p| p.code),
            Some("special-use")
        );
        assert_eq!(never_certifiable("co.uk").map(|p| p.code), Some("public-suffix"));
        assert_eq!(
            never_certifiable("x.onmicrosoft.com").map(|p| p.code),
            Some("multi-tenant-domain")
        );
        assert_eq!(never_certifiable("acme.example"), None);
    }

    #[test]
    fn certifiers_are_short_visible_names() {
        let long = "a".repeat(CERTIFIER_MAX_CHARS);
        for ok in ["Jane Roe", "Ann O'Neil", " Zoë Ångström ", long.as_str()] {
            assert_eq!(validate_certifier(ok), Ok(()), "{ok:?}");
        }
        let too_long = "é".repeat(CERTIFIER_MAX_CHARS + 1);
        for bad in [
            "",
            "  ",
            too_long.as_str(),
            "Jane\u{7}Roe",
            "Jane\nRoe",
            "Jane\u{202e}Roe",
            "Ja\u{200b}ne",
        ] {
            assert!(validate_certifier(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn matching_is_label_bounded() {
        assert!(matches("corp.com", "corp.com", false));
        assert!(!matches("mail.corp.com", "corp.com", false));
        assert!(matches("mail.corp.com", "corp.com", true));
        assert!(matches("a.b.corp.com", "corp.com", true));
        assert!(!matches("evilcorp.com", "corp.com", true));
        assert!(!matches("corp.com.evil.net", "corp.com", true));
        assert!(!matches("com", "corp.com", true));
    }

    proptest::proptest! {
        /// The ASCII shortcut of normalization gives what UTS-46 strict processing gives.
        #[test]
        fn plain_names_skip_idna_with_the_same_result(
            name in "[a-zA-Z0-9.-]{0,70}|([a-zA-Z0-9-]{0,8}\\.){0,4}[a-zA-Z0-9-]{0,8}|[a-z]{60,66}\\.com",
        ) {
            let via_idna = idna::domain_to_ascii_strict(&name.to_lowercase())
                .ok()
                .filter(|ascii| hostname_syntax_error(ascii).is_none());
            let shortcut = plain_ldh(&name).filter(|ascii| hostname_syntax_error(ascii).is_none());
            if plain_ldh(&name).is_some() {
                proptest::prop_assert_eq!(shortcut, via_idna, "{:?}", name);
            }
        }
    }

    #[test]
    fn hyphens_in_third_and_fourth_place_go_through_idna() {
        assert!(normalize("ab--cd.example").is_err(), "CheckHyphens");
        assert_eq!(
            normalize("XN--BCHER-KVA.example").unwrap().unicode,
            "bücher.example"
        );
        assert_eq!(
            normalize("Acme-Corp.Example").unwrap().unicode,
            "acme-corp.example"
        );
    }

    #[test]
    fn a_parent_with_subdomains_still_matches_below_an_exact_only_rule() {
        let found = trusted_match("x.mail.corp.com", |d| match d {
            "mail.corp.com" => Some(Rule(false)),
            "corp.com" => Some(Rule(true)),
            _ => None,
        });
        assert!(found.is_some());
    }
}

/// Property tests: normalization is idempotent, matching is exactly label-bounded, and neither case nor
/// a trailing dot changes a verdict.
#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    /// A label: mostly LDH, sometimes with non-ASCII letters (IDNA) or a piece of a well-known name.
    fn label() -> impl Strategy<Value = String> {
        prop_oneof![
            4 => "[a-z0-9]([a-z0-9-]{0,6}[a-z0-9])?",
            2 => "[a-zäöüéçøσ]{1,6}",
            2 => prop::sample::select(vec![
                "com", "co", "uk", "io", "github", "gmail", "yahoo", "jp", "example", "corp", "mail",
                "xn--bcher-kva", "bücher", "localhost", "123",
            ])
            .prop_map(String::from),
        ]
    }

    /// Domain-shaped input, including the shapes some checks refuse (wildcards, IP addresses, literals).
    fn domain_input() -> impl Strategy<Value = String> {
        prop_oneof![
            6 => prop::collection::vec(label(), 1..5).prop_map(|labels| labels.join(".")),
            1 => prop::collection::vec(label(), 1..4).prop_map(|labels| format!("*.{}", labels.join("."))),
            1 => any::<std::net::Ipv4Addr>().prop_map(|ip| ip.to_string()),
            1 => any::<std::net::Ipv6Addr>().prop_map(|ip| format!("[IPv6:{ip}]")),
            1 => "\\PC{0,24}",
        ]
    }

    /// Flips the case of the letters chosen by `flips` (only letters whose case maps back one to one,
    /// as it does for every ASCII letter, `ü`/`Ü` or `σ`/`Σ`; `ß` has no single-letter capital).
    fn recase(input: &str, flips: &[bool]) -> String {
        input
            .chars()
            .zip(flips.iter().copied().cycle())
            .map(|(c, flip)| {
                let mut upper = c.to_uppercase();
                match (flip, upper.next(), upper.next()) {
                    (true, Some(u), None) if u.to_lowercase().eq([c]) => u,
                    _ => c,
                }
            })
            .collect()
    }

    fn codes(input: &str) -> Vec<&'static str> {
        assess(input).problems.iter().map(|p| p.code).collect()
    }

    struct Named(String, bool);
    impl TrustRule for Named {
        fn include_subdomains(&self) -> bool {
            self.1
        }
    }

    /// The rule as the issue states it, over label sequences: equal, or (with subdomains) a proper
    /// label suffix.
    fn covers(address: &[String], trusted: &[String], include_subdomains: bool) -> bool {
        address == trusted
            || (include_subdomains && address.len() > trusted.len() && address.ends_with(trusted))
    }

    /// Labels over a tiny alphabet, so that equal labels, shared suffixes and near misses are common.
    fn small_labels(max: usize) -> impl Strategy<Value = Vec<String>> {
        prop::collection::vec("[ab]{1,2}", 1..max)
    }

    proptest! {
        #[test]
        fn normalization_is_idempotent(input in prop_oneof![domain_input(), "\\PC{0,40}"]) {
            if let Ok(domain) = normalize(&input) {
                prop_assert_eq!(normalize(&domain.ascii), Ok(domain.clone()));
                prop_assert_eq!(normalize(&domain.unicode), Ok(domain.clone()));
                prop_assert_eq!(codes(&domain.ascii), codes(&input));
            }
        }

        #[test]
        fn case_and_one_trailing_dot_never_change_the_assessment(
            input in domain_input(),
            flips in prop::collection::vec(any::<bool>(), 1..8),
            dot in any::<bool>(),
        ) {
            prop_assume!(!input.trim().ends_with('.'));
            // A dot after trailing white space is not the name's trailing dot (`a .` is no name).
            prop_assume!(!dot || input == input.trim_end());
            let variant = format!("{}{}", recase(&input, &flips), if dot { "." } else { "" });
            prop_assert_eq!(codes(&variant), codes(&input), "{:?} vs {:?}", variant, input);
            prop_assert_eq!(
                normalize(&variant).map(|d| d.ascii).ok(),
                normalize(&input).map(|d| d.ascii).ok()
            );
        }

        #[test]
        fn one_rule_matches_exactly_at_label_boundaries(
            trusted in small_labels(4),
            prefix in small_labels(3),
            relation in 0..4u8,
            include_subdomains in any::<bool>(),
        ) {
            let address: Vec<String> = match relation {
                0 => trusted.clone(),
                1 => [prefix, trusted.clone()].concat(),
                // The same characters without the label boundary: `b` + `a.b` = `ba.b`.
                2 => {
                    let mut glued = trusted.clone();
                    glued[0] = format!("{}{}", prefix.concat(), glued[0]);
                    glued
                }
                _ => prefix,
            };
            let (address_name, trusted_name) = (address.join("."), trusted.join("."));
            let found = trusted_match(&address_name, |d| {
                (d == trusted_name).then(|| Named(d.to_string(), include_subdomains))
            });
            prop_assert_eq!(found.is_some(), covers(&address, &trusted, include_subdomains));
        }

        #[test]
        fn a_set_of_rules_matches_iff_one_covers_the_address(
            rules in prop::collection::btree_map(small_labels(4).prop_map(|l| l.join(".")), any::<bool>(), 0..5),
            address in small_labels(5),
        ) {
            let labels = |name: &str| name.split('.').map(str::to_string).collect::<Vec<_>>();
            let found = trusted_match(&address.join("."), |d| {
                rules.get(d).map(|&sub| Named(d.to_string(), sub))
            });
            let expected = rules.iter().any(|(name, &sub)| covers(&address, &labels(name), sub));
            prop_assert_eq!(found.is_some(), expected);
            if let Some(Named(name, sub)) = found {
                prop_assert!(covers(&address, &labels(&name), sub), "{} does not cover {:?}", name, address);
            }
        }

        #[test]
        fn case_and_one_trailing_dot_never_change_a_match(
            rules in prop::collection::btree_map(prop::collection::vec(label(), 1..4).prop_map(|l| l.join(".")), any::<bool>(), 1..4),
            prefix in prop::collection::vec(label(), 0..3),
            pick in any::<prop::sample::Index>(),
            flips in prop::collection::vec(any::<bool>(), 1..8),
            dot in any::<bool>(),
        ) {
            let trusted: BTreeMap<String, bool> = rules
                .iter()
                .filter_map(|(name, &sub)| normalize(name).ok().map(|d| (d.ascii, sub)))
                .collect();
            let target = pick.get(&rules.keys().collect::<Vec<_>>()).to_string();
            let address = [prefix.join("."), target].iter().filter(|s| !s.is_empty()).cloned().collect::<Vec<_>>().join(".");
            let variant = format!("{}{}", recase(&address, &flips), if dot { "." } else { "" });
            let verdict = |input: &str| {
                normalize(input).ok().map(|d| {
                    trusted_match(&d.ascii, |name| trusted.get(name).map(|&sub| Named(name.to_string(), sub)))
                        .map(|rule| rule.0)
                })
            };
            prop_assert_eq!(verdict(&variant), verdict(&address));
        }
    }
}
