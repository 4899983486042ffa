//! The sender test: whether an address may fax through an account, decided exactly as the email-to-fax
//! gateway decides, with every reason when it may not. Parses the address here; the shell loads the
//! registered user, the trusted-domain matches and the account facts, and [`decide`] applies the
//! contract in its order: parse, basis, then every failing rule, then the verdict and the settings.

use super::Problem;
use super::auth_results::{AuthResult, parse_authentication_results, summarize};
use super::domain;
use super::mailbox;
use super::network::whitelist_contains;
use super::received::parse_received;
use super::security::{self, Check, SecuritySettings};
use serde::Serialize;
use std::fmt;
use std::net::IpAddr;
use std::str::FromStr;

pub const MALFORMED_ADDRESS: &str = "malformed-address";
pub const REGISTERED_IN_OTHER_ACCOUNT: &str = "registered-in-other-account";
pub const DOMAIN_TRUSTED_BY_OTHER_ACCOUNT: &str = "domain-trusted-by-other-account";
pub const NOT_REGISTERED_OR_TRUSTED: &str = "not-registered-or-trusted";
pub const CHANNEL_NOT_ALLOWED: &str = "channel-not-allowed";
pub const ACCOUNT_NOT_SECURED: &str = "account-not-secured";
pub const SOURCE_IP_MISSING: &str = "source-ip-missing";
pub const SOURCE_NOT_WHITELISTED: &str = "source-not-whitelisted";
pub const SPOOFING_CHECK_FAILED: &str = "spoofing-check-failed";
pub const TLS_REQUIRED: &str = "tls-required";

/// A sender address as the gateway compares it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SenderAddress {
    /// Decoded display name: shown, never used for matching.
    pub display_name: Option<String>,
    /// The local part in canonical form (dot-atom when possible), case as given.
    pub local_part: String,
    /// The normalized ASCII domain.
    pub domain: String,
    /// `lowercase(local part)@ascii domain`: the key registered users are stored under.
    pub key: String,
}

/// Parses one RFC 5322 mailbox and normalizes its domain; every failure is `malformed-address`.
pub fn parse_address(input: &str) -> Result<SenderAddress, Problem> {
    let mailbox = mailbox::parse_mailbox(input).map_err(|err| {
        Problem::new(
            MALFORMED_ADDRESS,
            format!("{:?} is not one valid email address: {err}.", input.trim()),
        )
    })?;
    let domain = domain::normalize_ascii(&mailbox.domain).map_err(|problem| {
        Problem::new(
            MALFORMED_ADDRESS,
            format!(
                "{:?} is not a valid email address: {}.",
                input.trim(),
                problem.message
            ),
        )
    })?;
    let key = super::account::address_key(&mailbox.local_part, &domain);
    Ok(SenderAddress {
        display_name: mailbox.display_name,
        local_part: mailbox.local_part,
        domain,
        key,
    })
}

/// A `malformed-address` refusal for input that never reached the parser (e.g. not UTF-8).
pub fn malformed(message: impl Into<String>) -> Problem {
    Problem::new(MALFORMED_ADDRESS, message)
}

/// A raw header value as text: UTF-8 (RFC 6532) with its folding removed; `None` when not UTF-8.
/// A line break that is not folding is kept, so that the header parsers refuse it.
pub fn header_text(raw: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(raw).ok()?;
    let text = text
        .strip_suffix('\n')
        .map_or(text, |t| t.strip_suffix('\r').unwrap_or(t));
    let mut out = String::with_capacity(text.len());
    for (index, line) in text.split('\n').enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if index > 0 && !line.starts_with([' ', '\t']) {
            out.push('\n');
        }
        out.push_str(line);
    }
    Some(out.trim().to_string())
}

/// The sender of a message: its `From` header, which must hold exactly one mailbox. Returns the
/// header as shown to people, and the parsed address.
pub fn message_sender(from_headers: &[&[u8]]) -> (String, Result<SenderAddress, Problem>) {
    match from_headers {
        [] => (
            String::new(),
            Err(malformed(
                "The message has no From header, so it has no sender address.",
            )),
        ),
        [raw] => match header_text(raw) {
            Some(text) => {
                let address = parse_address(&text);
                (text, address)
            }
            None => (
                String::from_utf8_lossy(raw).trim().to_string(),
                Err(malformed("The From header of the message is not valid UTF-8.")),
            ),
        },
        several => (
            several
                .iter()
                .map(|raw| String::from_utf8_lossy(raw).trim().to_string())
                .collect::<Vec<_>>()
                .join(", "),
            Err(malformed(format!(
                "The message has {} From headers; exactly one sender mailbox is required.",
                several.len()
            ))),
        ),
    }
}

/// What a message says about where it came from, and which headers were set aside and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageSource {
    pub source: Source,
    /// Headers that were ignored, for the agent (forged or unreadable ones).
    pub ignored: Vec<String>,
}

/// Reads the source of a message: SPF/DKIM/DMARC only from `Authentication-Results` headers written
/// under `authserv_id` (any other may be forged by the sender), the client IP and TLS from the
/// top-most `Received` header (written by our own MTA); `client_ip` overrides the header's IP.
pub fn message_source(
    auth_results: &[&[u8]],
    top_received: Option<&[u8]>,
    authserv_id: &str,
    client_ip: Option<IpAddr>,
) -> MessageSource {
    let mut ignored = Vec::new();
    let mut parsed = Vec::new();
    let trusted = authserv_id.trim();
    let mut unreadable_ours = false;
    for raw in auth_results {
        let Some(value) = header_text(raw) else {
            ignored.push("an Authentication-Results header that is not valid UTF-8".to_string());
            continue;
        };
        match parse_authentication_results(&value) {
            Ok(header) => {
                // `summarize` does the filtering; these notes only tell the agent what it set aside.
                if header.authserv_id.is_empty() {
                    ignored.push(
                        "an Authentication-Results header without an authserv-id (it names no verifier)"
                            .to_string(),
                    );
                } else if !header.authserv_id.eq_ignore_ascii_case(trusted) {
                    ignored.push(format!(
                        "an Authentication-Results header from authserv-id {:?}, not {trusted:?} (anyone can write one)",
                        header.authserv_id
                    ));
                }
                parsed.push(header);
            }
            Err(err) if !trusted.is_empty() && names_authserv_id(&value, trusted) => {
                // A result of ours that cannot be read may have been a failure: fail closed.
                unreadable_ours = true;
                ignored.push(format!(
                    "an unreadable Authentication-Results header under {trusted:?} ({err}); its SPF and DMARC results count as permerror"
                ));
            }
            Err(err) => ignored.push(format!("an unreadable Authentication-Results header ({err})")),
        }
    }
    let mut summary = summarize(&parsed, authserv_id);
    if unreadable_ours {
        for result in [&mut summary.spf, &mut summary.dmarc] {
            if matches!(result, None | Some(AuthResult::Pass)) {
                *result = Some(AuthResult::Permerror);
            }
        }
    }
    // Unreadable means unknown: no client IP and no TLS, never the next (sender-written) header.
    let received = top_received
        .and_then(header_text)
        .map(|text| parse_received(&text))
        .unwrap_or_default();
    MessageSource {
        source: Source {
            client_ip: client_ip.or(received.client_ip),
            spf: summary.spf,
            dkim: summary.dkim,
            dmarc: summary.dmarc,
            tls: received.tls,
        },
        ignored,
    }
}

/// Whether a header value starts with this authserv-id (bare or quoted), judged without parsing it.
fn names_authserv_id(value: &str, authserv_id: &str) -> bool {
    let value = value.trim_start();
    let quoted = value
        .strip_prefix('"')
        .and_then(|rest| {
            rest.get(..authserv_id.len())
                .map(|id| (id, &rest[authserv_id.len()..]))
        })
        .is_some_and(|(id, rest)| id.eq_ignore_ascii_case(authserv_id) && rest.starts_with('"'));
    let bare = value.get(..authserv_id.len()).is_some_and(|id| {
        id.eq_ignore_ascii_case(authserv_id)
            && value[authserv_id.len()..]
                .chars()
                .next()
                .is_none_or(|c| c.is_ascii_whitespace() || matches!(c, ';' | '('))
    });
    quoted || bare
}

/// How the sender reaches the fax service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Channel {
    #[default]
    Email,
    Portal,
    Api,
    Receive,
}

impl Channel {
    pub const NAMES: [&'static str; 4] = ["email", "portal", "api", "receive"];

    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Email => "email",
            Channel::Portal => "portal",
            Channel::Api => "api",
            Channel::Receive => "receive",
        }
    }
}

impl fmt::Display for Channel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Channel {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "email" => Ok(Channel::Email),
            "portal" => Ok(Channel::Portal),
            "api" => Ok(Channel::Api),
            "receive" => Ok(Channel::Receive),
            _ => Err(format!(
                "unknown channel {s:?}: one of {}",
                Channel::NAMES.join(", ")
            )),
        }
    }
}

/// The authentication result words a caller may give (`policy` exists in RFC 8601 but is not one).
pub const AUTH_RESULT_NAMES: [&str; 7] = [
    "pass",
    "fail",
    "softfail",
    "neutral",
    "none",
    "temperror",
    "permerror",
];

/// What is known about where the message came from. `None` results mean "no result seen".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Source {
    pub client_ip: Option<IpAddr>,
    pub spf: Option<AuthResult>,
    pub dkim: Option<AuthResult>,
    pub dmarc: Option<AuthResult>,
    pub tls: bool,
}

/// An account as the decision needs it.
#[derive(Debug, Clone)]
pub struct AccountFacts {
    pub id: String,
    pub profile: String,
    pub language: String,
    pub fax_number: String,
    pub security: SecuritySettings,
    /// The securing checks that fail (`security check`); empty when the account is secured.
    pub failing_checks: Vec<Check>,
}

impl AccountFacts {
    /// Runs the securing checks once; `uncertified_domains` as for [`security::check`].
    pub fn new(
        id: String,
        profile: String,
        language: String,
        fax_number: String,
        security: SecuritySettings,
        uncertified_domains: &[String],
    ) -> AccountFacts {
        let failing_checks = security::check(&security, uncertified_domains)
            .into_iter()
            .filter(|c| c.status == security::Status::Fail)
            .collect();
        AccountFacts {
            id,
            profile,
            language,
            fax_number,
            security,
            failing_checks,
        }
    }
}

/// The registered user whose key is the address's key, in whichever account holds it.
#[derive(Debug, Clone, Copy)]
pub struct RegisteredUser<'a> {
    pub account: &'a AccountFacts,
    pub profile: Option<&'a str>,
    pub language: Option<&'a str>,
    pub fax_number: Option<&'a str>,
}

/// A trusted-domain rule that covers the address's domain (found with [`domain::trusted_match`]).
#[derive(Debug, Clone, Copy)]
pub struct TrustedBy<'a> {
    pub account: &'a AccountFacts,
    /// The trusted domain itself (the address may be below it).
    pub domain: &'a str,
    pub include_subdomains: bool,
}

impl domain::TrustRule for TrustedBy<'_> {
    fn include_subdomains(&self) -> bool {
        self.include_subdomains
    }
}

/// Everything the shell loaded for one sender.
#[derive(Debug, Clone, Copy)]
pub struct SenderFacts<'a> {
    /// The address as given (one batch line, or a message's From header).
    pub input: &'a str,
    pub address: &'a Result<SenderAddress, Problem>,
    /// `--account`: decide for this account only.
    pub requested_account: Option<&'a str>,
    pub user: Option<RegisteredUser<'a>>,
    /// The most specific rule of the requested account covering the domain (`None` without one).
    pub trusted_by_requested: Option<TrustedBy<'a>>,
    /// The most specific rule of any account covering the domain.
    pub trusted_by_any: Option<TrustedBy<'a>>,
    pub source: &'a Source,
    pub channel: Channel,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Basis {
    RegisteredUser,
    TrustedDomain,
}

impl Basis {
    pub fn as_str(self) -> &'static str {
        match self {
            Basis::RegisteredUser => "registered-user",
            Basis::TrustedDomain => "trusted-domain",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Accepted,
    Refused,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Accepted => "accepted",
            Verdict::Refused => "refused",
        }
    }
}

/// What the fax is sent with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct FaxSettings<'a> {
    pub faxing_profile: &'a str,
    pub language: &'a str,
    pub outbound_number: &'a str,
}

/// The outcome, in the JSON shape of the contract. `settings` is given whenever there is a basis,
/// so that a refused sender's agent can tell what applies once the reasons are fixed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Decision<'a> {
    pub address: &'a str,
    pub normalized: Option<&'a str>,
    pub account: Option<&'a str>,
    pub basis: Option<Basis>,
    pub verdict: Verdict,
    pub reasons: Vec<Problem>,
    pub settings: Option<FaxSettings<'a>>,
}

impl Decision<'_> {
    pub fn accepted(&self) -> bool {
        self.verdict == Verdict::Accepted
    }
}

/// Decides for one sender, in the contract's order. Never accepts without a basis.
pub fn decide<'a>(facts: &SenderFacts<'a>) -> Decision<'a> {
    let mut decision = Decision {
        address: facts.input,
        normalized: None,
        account: facts.requested_account,
        basis: None,
        verdict: Verdict::Refused,
        reasons: Vec::new(),
        settings: None,
    };
    let address = match facts.address {
        Ok(address) => address,
        Err(problem) => {
            decision.reasons.push(problem.clone());
            return decision;
        }
    };
    decision.normalized = Some(&address.key);

    let (basis, account, settings) = match basis(facts, address) {
        Ok(found) => found,
        Err(refusal) => {
            decision.reasons.push(refusal);
            return decision;
        }
    };
    decision.account = Some(&account.id);
    decision.basis = Some(basis);
    decision.settings = Some(settings);

    let reasons = &mut decision.reasons;
    if basis == Basis::TrustedDomain {
        if facts.channel != Channel::Email {
            reasons.push(Problem::new(
                CHANNEL_NOT_ALLOWED,
                format!(
                    "{} is not a registered user of account {}: senders admitted through a trusted domain may fax by email only, not through the {} channel.",
                    address.key, account.id, facts.channel
                ),
            ));
        }
        if !account.failing_checks.is_empty() {
            let failing: Vec<String> = account
                .failing_checks
                .iter()
                .map(|c| format!("`{}`: {}", c.id, c.message))
                .collect();
            reasons.push(Problem::new(
                ACCOUNT_NOT_SECURED,
                format!(
                    "Account {} does not restrain its email sources, so its trusted domains are not honoured (failing {}).",
                    account.id,
                    failing.join("; ")
                ),
            ));
        }
    }
    if facts.channel == Channel::Email {
        source_problems(account, facts.source, reasons);
    }
    if reasons.is_empty() {
        decision.verdict = Verdict::Accepted;
    }
    decision
}

/// Step 2: the registered user or the trusted domain that admits the sender, with its account and settings.
fn basis<'a>(
    facts: &SenderFacts<'a>,
    address: &SenderAddress,
) -> Result<(Basis, &'a AccountFacts, FaxSettings<'a>), Problem> {
    let requested = facts.requested_account;
    if let Some(user) = facts.user {
        if let Some(requested) = requested.filter(|r| *r != user.account.id) {
            return Err(Problem::new(
                REGISTERED_IN_OTHER_ACCOUNT,
                format!(
                    "{} is a registered user of account {}, not of account {requested}: it faxes through {} only.",
                    address.key, user.account.id, user.account.id
                ),
            ));
        }
        let account = user.account;
        let settings = FaxSettings {
            faxing_profile: user.profile.unwrap_or(&account.profile),
            language: user.language.unwrap_or(&account.language),
            outbound_number: user.fax_number.unwrap_or(&account.fax_number),
        };
        return Ok((Basis::RegisteredUser, account, settings));
    }
    let own = match requested {
        Some(requested) => facts
            .trusted_by_requested
            .or(facts.trusted_by_any)
            .filter(|t| t.account.id == requested),
        None => facts.trusted_by_any,
    };
    if let Some(trust) = own {
        let account = trust.account;
        let settings = FaxSettings {
            faxing_profile: &account.profile,
            language: &account.language,
            outbound_number: &account.fax_number,
        };
        return Ok((Basis::TrustedDomain, account, settings));
    }
    let ascii = &address.domain;
    if let (Some(other), Some(requested)) = (facts.trusted_by_any, requested) {
        let rule = if other.domain == ascii {
            String::new()
        } else {
            format!(" under its trusted domain {} (subdomains included)", other.domain)
        };
        return Err(Problem::new(
            DOMAIN_TRUSTED_BY_OTHER_ACCOUNT,
            format!(
                "{ascii} is trusted by account {}{rule}, not by account {requested}: {} is not a registered user of {requested}.",
                other.account.id, address.key
            ),
        ));
    }
    let whose = match requested {
        Some(requested) => format!("account {requested}"),
        None => "any account".to_string(),
    };
    // Never advise a signed form for a domain no form could make trusted; say why instead.
    let advice = match super::domain::never_certifiable(ascii) {
        None => "register the sender as a user, or have the customer request the domain with a signed form"
            .to_string(),
        Some(never) => format!(
            "register the sender as a user; {ascii} can never be a trusted domain ({}: {})",
            never.code, never.message
        ),
    };
    Err(Problem::new(
        NOT_REGISTERED_OR_TRUSTED,
        format!(
            "{} is not a registered user of {whose}, and {ascii} is not a trusted domain of {whose}: {advice}.",
            address.key
        ),
    ))
}

/// Step 3 for email: the whitelist, spoofing protection and TLS, all of them.
fn source_problems(account: &AccountFacts, source: &Source, reasons: &mut Vec<Problem>) {
    let settings = &account.security;
    if !settings.whitelist.is_empty() {
        match source.client_ip {
            None => reasons.push(Problem::new(
                SOURCE_IP_MISSING,
                format!(
                    "Account {} accepts email only from its whitelisted mail servers, and the sending server's IP address is unknown (give --client-ip, or test with --message).",
                    account.id
                ),
            )),
            Some(ip) if !whitelist_contains(&settings.whitelist, ip) => reasons.push(Problem::new(
                SOURCE_NOT_WHITELISTED,
                format!(
                    "The message came from {}, which is not one of the mail servers whitelisted for account {} ({}).",
                    super::network::canonical_ip(ip),
                    account.id,
                    whitelist_summary(settings)
                ),
            )),
            Some(_) => {}
        }
    }
    if settings.spoofing_protection && !authenticated(source) {
        reasons.push(Problem::new(
            SPOOFING_CHECK_FAILED,
            format!(
                "Account {} has spoofing protection on and the message did not prove it comes from its domain: DMARC {}, SPF {}, DKIM {} (needed: DMARC pass, or SPF and DKIM both pass when there is no DMARC result).",
                account.id,
                result_word(source.dmarc),
                result_word(source.spf),
                result_word(source.dkim)
            ),
        ));
    }
    if settings.require_tls && !source.tls {
        reasons.push(Problem::new(
            TLS_REQUIRED,
            format!(
                "Account {} requires TLS and the message was not received over an encrypted connection.",
                account.id
            ),
        ));
    }
}

/// Spoofing protection passes on DMARC pass, or, without a DMARC verdict, on SPF and DKIM both passing.
pub fn authenticated(source: &Source) -> bool {
    let pass = Some(AuthResult::Pass);
    source.dmarc == pass
        || (matches!(source.dmarc, None | Some(AuthResult::None))
            && source.spf == pass
            && source.dkim == pass)
}

fn result_word(result: Option<AuthResult>) -> &'static str {
    result.map_or("absent", |r| r.as_str())
}

fn whitelist_summary(settings: &SecuritySettings) -> String {
    const SHOWN: usize = 3;
    let mut shown: Vec<String> = settings
        .whitelist
        .iter()
        .take(SHOWN)
        .map(ToString::to_string)
        .collect();
    if settings.whitelist.len() > SHOWN {
        shown.push(format!("and {} more", settings.whitelist.len() - SHOWN));
    }
    shown.join(", ")
}

#[cfg(test)]
mod tests;
