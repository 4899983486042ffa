//! The sender test: whether an address may fax through an account, decided exactly as the email-to-fax
//! gateway decides, with every reason when it may not. Parses the address here; the shell loads the
//! registered user, the trusted-domain matches and the account facts, and [`decide`] applies the
//! contract in its order: parse, basis, then every failing rule, then the verdict and the settings.

use super::Problem;
use super::alignment;
use super::auth_results::{AuthResult, Claim, Claims, Subject, parse_authentication_results, trusted_claims};
use super::domain;
use super::mailbox;
use super::network::whitelist_contains;
use super::received::parse_received;
use super::security::{self, Check, SecuritySettings};
pub use headers::{HeaderSection, header_section};
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

/// Parses one RFC 5322 mailbox and takes its names literally (see [`literal`]); every failure is
/// `malformed-address`.
pub fn parse_address(input: &str) -> Result<SenderAddress, Problem> {
    if input.len() > mailbox::MAX_MAILBOX_LEN {
        return Err(oversized_address(input, input.len()));
    }
    let mailbox = mailbox::parse_mailbox(input).map_err(|err| {
        Problem::new(
            MALFORMED_ADDRESS,
            format!("{:?} is not one valid email address: {err}.", input.trim()),
        )
    })?;
    let not_valid = |why: String| {
        Problem::new(
            MALFORMED_ADDRESS,
            format!("{:?} is not a valid email address: {why}.", input.trim()),
        )
    };
    let domain = literal::sender_domain(&mailbox.domain).map_err(not_valid)?;
    if let Some(why) = literal::local_part_problem(&mailbox.local_part) {
        return Err(not_valid(why));
    }
    let key = super::account::address_key(&mailbox.local_part, &domain);
    Ok(SenderAddress {
        display_name: mailbox.display_name,
        local_part: mailbox.local_part,
        domain,
        key,
    })
}

/// The refusal of an address longer than any mailbox, made from its start and its length only, so
/// that a batch line of any length is refused without holding it (and as the single test refuses it).
pub fn oversized_address(start: &str, len: usize) -> Problem {
    let shown: String = start.chars().take(40).collect();
    Problem::new(
        MALFORMED_ADDRESS,
        format!(
            "{shown:?}… is not one valid email address: it is {len} bytes long, the limit is {}.",
            mailbox::MAX_MAILBOX_LEN
        ),
    )
}

/// The sender as shown in a decision: the input, cut at [`mailbox::MAX_MAILBOX_LEN`] bytes when longer
/// (no address is; the refusal gives the length).
pub fn shown_input(input: &str) -> &str {
    if input.len() <= mailbox::MAX_MAILBOX_LEN {
        return input;
    }
    let mut end = mailbox::MAX_MAILBOX_LEN;
    while !input.is_char_boundary(end) {
        end -= 1;
    }
    &input[..end]
}

/// One line of a batch, as the single test would take it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BatchLine<'a> {
    /// An empty line, or a comment (starting with `#`).
    Skipped,
    /// The address exactly as the single test is given it.
    Address(&'a str),
    /// Not UTF-8: no single test can be given it.
    NotUtf8,
}

/// Reads one batch line, with its terminator if it has one: only that terminator (LF or CRLF) is
/// removed; every other character, spaces, controls and a stray CR included, is part of the address.
pub fn batch_line(raw: &[u8]) -> BatchLine<'_> {
    match std::str::from_utf8(without_terminator(raw)) {
        Ok("") => BatchLine::Skipped,
        Ok(line) if line.starts_with('#') => BatchLine::Skipped,
        Ok(line) => BatchLine::Address(line),
        Err(_) => BatchLine::NotUtf8,
    }
}

/// The line without its terminator: a final LF, and the CR before it.
pub fn without_terminator(raw: &[u8]) -> &[u8] {
    match raw.strip_suffix(b"\n") {
        Some(line) => line.strip_suffix(b"\r").unwrap_or(line),
        None => raw,
    }
}

/// A `malformed-address` refusal for input that never reached the parser (e.g. not UTF-8).
pub fn malformed(message: impl Into<String>) -> Problem {
    Problem::new(MALFORMED_ADDRESS, message)
}

/// The distinct authserv-ids of a message's Authentication-Results headers, top-most first: what to
/// tell someone who does not know which one is ours.
pub fn authserv_ids(section: &HeaderSection<'_>) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    for field in section.fields.iter().filter(|f| f.is("Authentication-Results")) {
        let Some(Ok(parsed)) = header_text(field.value).map(|text| parse_authentication_results(&text))
        else {
            continue;
        };
        if !parsed.authserv_id.is_empty() && !ids.contains(&parsed.authserv_id) {
            ids.push(parsed.authserv_id);
        }
    }
    ids
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
/// `auth_results` are the headers above the second `Received` header (see [`read_message`]).
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
        // Decided on the bytes: a header of ours that is not UTF-8 must fail closed, not vanish.
        let ours = !trusted.is_empty() && names_authserv_id(raw, trusted);
        let parsed_header = match header_text(raw) {
            Some(value) => parse_authentication_results(&value).map_err(|err| err.to_string()),
            None => Err("it is not valid UTF-8".to_string()),
        };
        match parsed_header {
            Ok(header) => {
                // `trusted_claims` does the filtering; these notes only tell the agent what it set aside.
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
            Err(err) if ours => {
                // A result of ours that cannot be read may have been a failure: fail closed.
                unreadable_ours = true;
                ignored.push(format!(
                    "an unreadable Authentication-Results header under {trusted:?} ({err}); its SPF and DMARC results count as permerror"
                ));
            }
            Err(err) => ignored.push(format!("an unreadable Authentication-Results header ({err})")),
        }
    }
    let (mut spf, dkim, mut dmarc) = Source::claims(trusted_claims(&parsed, authserv_id));
    if unreadable_ours {
        for claims in [&mut spf, &mut dmarc] {
            if claims.iter().all(|c| c.result == AuthResult::Pass) {
                claims.insert(
                    0,
                    Claim {
                        result: AuthResult::Permerror,
                        subject: Subject::Unknown,
                    },
                );
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
            spf,
            dkim,
            dmarc,
            tls: received.tls,
        },
        ignored,
    }
}

/// Whether a raw header value starts with this authserv-id (bare or quoted, after any folding white
/// space and comments), judged on the bytes without parsing or decoding it.
fn names_authserv_id(raw: &[u8], authserv_id: &str) -> bool {
    let id = authserv_id.as_bytes();
    let mut rest = raw;
    loop {
        rest = rest.trim_ascii_start();
        if rest.first() != Some(&b'(') {
            break;
        }
        // Skip a (nested) comment; an unclosed one leaves nothing to match.
        let mut depth = 0usize;
        let mut end = None;
        let mut i = 0;
        while i < rest.len() {
            match rest[i] {
                b'\\' => i += 1,
                b'(' => depth += 1,
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        end = Some(i + 1);
                        break;
                    }
                }
                _ => {}
            }
            i += 1;
        }
        match end {
            Some(end) => rest = &rest[end..],
            None => return false,
        }
    }
    let (quoted, rest) = match rest.strip_prefix(b"\"") {
        Some(inner) => (true, inner),
        None => (false, rest),
    };
    let Some((head, after)) = rest.split_at_checked(id.len()) else {
        return false;
    };
    if !head.eq_ignore_ascii_case(id) {
        return false;
    }
    if quoted {
        after.first() == Some(&b'"')
    } else {
        after
            .first()
            .is_none_or(|&b| b.is_ascii_whitespace() || matches!(b, b';' | b'('))
    }
}

/// A received message as the sender test reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadMessage {
    /// The From header as shown to people.
    pub from: String,
    pub address: Result<SenderAddress, Problem>,
    pub source: Source,
    /// What was set aside or counted otherwise, for the agent.
    pub notes: Vec<String>,
}

/// Reads a message's header section: the sender from its one `From` header, the source from our own
/// `Authentication-Results` headers and the top-most `Received` header. Our MTA writes the top-most
/// `Received` header and adds its results above the next one: an `Authentication-Results` header
/// below the second `Received` header came with the message and is ignored (RFC 8601 §5).
pub fn read_message(
    section: &HeaderSection<'_>,
    authserv_id: &str,
    client_ip: Option<IpAddr>,
) -> ReadMessage {
    let values = |name: &str| -> Vec<&[u8]> {
        section
            .fields
            .iter()
            .filter(|f| f.is(name))
            .map(|f| f.value)
            .collect()
    };
    let (from, address) = message_sender(&values("From"));
    let second_received = section
        .fields
        .iter()
        .enumerate()
        .filter(|(_, f)| f.is("Received"))
        .nth(1)
        .map_or(usize::MAX, |(at, _)| at);
    let trusted = authserv_id.trim();
    let mut notes = Vec::new();
    let mut auth_results = Vec::new();
    for (at, field) in section.fields.iter().enumerate() {
        if !field.is("Authentication-Results") {
            continue;
        }
        if at < second_received {
            auth_results.push(field.value);
        } else if !trusted.is_empty() && names_authserv_id(field.value, trusted) {
            notes.push(format!(
                "ignored an Authentication-Results header under {trusted:?} below the second Received header: it was in the message before our mail server received it (RFC 8601 §5)"
            ));
        } else {
            notes.push(
                "ignored an Authentication-Results header below the second Received header (written before our mail server received the message)"
                    .to_string(),
            );
        }
    }
    let top_received = section.fields.iter().find(|f| f.is("Received")).map(|f| f.value);
    let read = message_source(&auth_results, top_received, authserv_id, client_ip);
    notes.extend(read.ignored.into_iter().map(|note| format!("ignored {note}")));
    if let Ok(sender) = &address {
        for claim in &read.source.dmarc {
            if let Subject::Domain(header_from) = &claim.subject
                && !alignment::same_domain(header_from, &sender.domain)
            {
                notes.push(format!(
                    "the DMARC result {} of our Authentication-Results header is about header.from={header_from}, not the From domain {}: it is about another message and counts as fail",
                    claim.result, sender.domain
                ));
            }
        }
    }
    ReadMessage {
        from,
        address,
        source: read.source,
        notes,
    }
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

/// What is known about where the message came from: the client IP, TLS, and every SPF, DKIM and
/// DMARC result with the domain it is about. An empty list means "no result seen".
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Source {
    pub client_ip: Option<IpAddr>,
    pub spf: Vec<Claim>,
    pub dkim: Vec<Claim>,
    pub dmarc: Vec<Claim>,
    pub tls: bool,
}

impl Source {
    fn claims(claims: Claims) -> (Vec<Claim>, Vec<Claim>, Vec<Claim>) {
        (claims.spf, claims.dkim, claims.dmarc)
    }
}

/// A result stated on the command line: about `domain` when given, else about the sender's own domain.
pub fn stated(result: Option<AuthResult>, domain: Option<&str>) -> Vec<Claim> {
    result
        .map(|result| Claim {
            result,
            subject: domain.map_or(Subject::Sender, |d| Subject::Domain(d.to_owned())),
        })
        .into_iter()
        .collect()
}

/// One SPF or DKIM result as the spoofing check counted it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct AlignedResult<'a> {
    /// `None`: no result.
    pub result: Option<AuthResult>,
    /// The domain it authenticated; `None` when unknown.
    pub domain: Option<&'a str>,
    /// Whether that domain is aligned with the sender's; `None` without a result or a sender domain.
    pub aligned: Option<bool>,
}

/// The DMARC result as the spoofing check counted it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DmarcResult<'a> {
    /// `fail` when the verifier's result was about another From domain.
    pub result: Option<AuthResult>,
    pub header_from: Option<&'a str>,
    /// The verifier judged another From domain than the sender's (then `result` is `fail`).
    #[serde(skip)]
    pub about_other_domain: bool,
}

/// How SPF, DKIM and DMARC were counted for the sender's domain (RFC 7489 relaxed alignment).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Authentication<'a> {
    pub spf: AlignedResult<'a>,
    pub dkim: AlignedResult<'a>,
    pub dmarc: DmarcResult<'a>,
    /// The sender's domain the results were counted for.
    #[serde(skip)]
    pub from: Option<&'a str>,
}

impl<'a> Authentication<'a> {
    /// Counts `source`'s results for the sender domain `from` (normalized ASCII; `None` when the
    /// address is malformed). SPF takes the first non-pass, else an aligned pass, else the first pass;
    /// DKIM an aligned pass, else a pass, else the first result; DMARC the first non-pass, a result
    /// about another From domain counting as `fail`.
    pub fn count(source: &'a Source, from: Option<&'a str>) -> Authentication<'a> {
        let aligned_result = |claim: Option<&'a Claim>| match claim {
            None => AlignedResult {
                result: None,
                domain: None,
                aligned: None,
            },
            Some(claim) => {
                let domain = subject_domain(&claim.subject, from);
                AlignedResult {
                    result: Some(claim.result),
                    domain,
                    aligned: from.map(|from| is_aligned(&claim.subject, from)),
                }
            }
        };
        let pass = |c: &&Claim| c.result == AuthResult::Pass;
        let aligned_pass =
            |c: &&Claim| c.result == AuthResult::Pass && from.is_some_and(|f| is_aligned(&c.subject, f));
        let spf = source
            .spf
            .iter()
            .find(|c| c.result != AuthResult::Pass)
            .or_else(|| source.spf.iter().find(aligned_pass))
            .or_else(|| source.spf.first());
        let dkim = source
            .dkim
            .iter()
            .find(aligned_pass)
            .or_else(|| source.dkim.iter().find(pass))
            .or_else(|| source.dkim.first());
        let about_other = |claim: &Claim| match (&claim.subject, from) {
            (Subject::Domain(header_from), Some(from)) => !alignment::same_domain(header_from, from),
            _ => false,
        };
        let counted = |claim: &Claim| {
            if about_other(claim) {
                AuthResult::Fail
            } else {
                claim.result
            }
        };
        let dmarc = source
            .dmarc
            .iter()
            .find(|c| counted(c) != AuthResult::Pass)
            .or_else(|| source.dmarc.first());
        Authentication {
            spf: aligned_result(spf),
            dkim: aligned_result(dkim),
            dmarc: DmarcResult {
                result: dmarc.map(counted),
                header_from: dmarc.and_then(|c| subject_domain(&c.subject, from)),
                about_other_domain: dmarc.is_some_and(about_other),
            },
            from,
        }
    }

    /// The spoofing check: DMARC `pass` for this From domain, or, with no DMARC result or `none`, an
    /// aligned SPF pass and an aligned DKIM pass.
    pub fn passes(&self) -> bool {
        let aligned_pass =
            |r: &AlignedResult<'_>| r.result == Some(AuthResult::Pass) && r.aligned == Some(true);
        self.dmarc.result == Some(AuthResult::Pass)
            || (matches!(self.dmarc.result, None | Some(AuthResult::None))
                && aligned_pass(&self.spf)
                && aligned_pass(&self.dkim))
    }
}

fn subject_domain<'a>(subject: &'a Subject, from: Option<&'a str>) -> Option<&'a str> {
    match subject {
        Subject::Sender => from,
        Subject::Domain(domain) => Some(domain),
        Subject::Unknown => None,
    }
}

fn is_aligned(subject: &Subject, from: &str) -> bool {
    match subject {
        Subject::Sender => true,
        Subject::Domain(domain) => alignment::aligned(domain, from),
        Subject::Unknown => false,
    }
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
    /// SPF, DKIM and DMARC as counted for the sender's domain.
    pub authentication: Authentication<'a>,
}

impl Decision<'_> {
    pub fn accepted(&self) -> bool {
        self.verdict == Verdict::Accepted
    }
}

/// Decides for one sender, in the contract's order. Never accepts without a basis.
pub fn decide<'a>(facts: &SenderFacts<'a>) -> Decision<'a> {
    let from = facts.address.as_ref().ok().map(|a| a.domain.as_str());
    let mut decision = Decision {
        address: shown_input(facts.input),
        normalized: None,
        account: facts.requested_account,
        basis: None,
        verdict: Verdict::Refused,
        reasons: Vec::new(),
        settings: None,
        authentication: Authentication::count(facts.source, from),
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
        source_problems(
            account,
            facts.source,
            &decision.authentication,
            &address.domain,
            reasons,
        );
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
fn source_problems(
    account: &AccountFacts,
    source: &Source,
    authentication: &Authentication<'_>,
    from: &str,
    reasons: &mut Vec<Problem>,
) {
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
    if settings.spoofing_protection && !authentication.passes() {
        reasons.push(Problem::new(
            SPOOFING_CHECK_FAILED,
            format!(
                "Account {} has spoofing protection on and the message did not prove it comes from {from}: {} (needed: DMARC pass for {from}, or, with no DMARC result, an SPF pass and a DKIM pass both for a domain aligned with {from}).",
                account.id,
                missing_aligned_results(authentication, from)
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

/// Spoofing protection passes on DMARC pass, or, without a DMARC verdict, on SPF and DKIM both
/// passing for the sender's own domain (results stated without a domain, as on the command line).
pub fn authenticated(source: &Source, from: &str) -> bool {
    Authentication::count(source, Some(from)).passes()
}

/// What the spoofing check lacked, in words: DMARC, then each of SPF and DKIM that is not an aligned pass.
fn missing_aligned_results(authentication: &Authentication<'_>, from: &str) -> String {
    let dmarc = &authentication.dmarc;
    let dmarc_words = match (dmarc.result, dmarc.header_from) {
        (None, _) => "no DMARC result".to_string(),
        (Some(_), Some(other)) if dmarc.about_other_domain => format!(
            "the DMARC result is about header.from={other}, not {from}, so it counts as fail (the verifier and xmfax read different senders)"
        ),
        (Some(result), _) => format!("DMARC {result}"),
    };
    let mut parts = vec![dmarc_words];
    if matches!(dmarc.result, None | Some(AuthResult::None)) {
        for (method, result) in [("SPF", &authentication.spf), ("DKIM", &authentication.dkim)] {
            parts.push(describe_aligned(method, result, from));
        }
    }
    parts.join("; ")
}

/// "SPF passed for evil.example, which is not aligned with corp.example: it does not count".
fn describe_aligned(method: &str, result: &AlignedResult<'_>, from: &str) -> String {
    match (result.result, result.domain, result.aligned) {
        (None, _, _) => format!("no {method} result (no aligned {method} pass)"),
        (Some(AuthResult::Pass), Some(domain), Some(true)) => {
            format!("{method} passed for {domain}, aligned with {from}")
        }
        (Some(AuthResult::Pass), Some(domain), _) => format!(
            "{method} passed for {domain}, which is not aligned with {from}: it does not count (no aligned {method} pass)"
        ),
        (Some(AuthResult::Pass), None, _) => format!(
            "{method} passed for a domain it does not name, so not one aligned with {from}: it does not count (no aligned {method} pass)"
        ),
        (Some(other), Some(domain), _) => format!("{method} {other} for {domain} (no aligned {method} pass)"),
        (Some(other), None, _) => format!("{method} {other} (no aligned {method} pass)"),
    }
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

mod headers;
mod literal;

#[cfg(test)]
mod tests;
