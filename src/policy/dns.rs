//! What the customer's DNS says, judged: the domain-control challenge (token, record, proof verdict)
//! and the SPF, DMARC, DKIM and MX checks of `domains inspect`. Pure: answers come in as values, the
//! current time is a parameter, and nothing here talks to the network.

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

pub use super::security::Status;

/// The label under which the customer publishes the challenge token.
pub const CHALLENGE_LABEL: &str = "_xmfax-challenge";
/// What the TXT record holds before the token.
pub const TOKEN_PREFIX: &str = "xmfax-verification=";
/// A challenge token proves control for this long after it was issued.
pub const CHALLENGE_VALIDITY_DAYS: i64 = 30;
/// Random bytes in a token (160 bits; the contract asks for at least 128).
pub const TOKEN_BYTES: usize = 20;
/// At most this many TXT records of one name are read; the rest are counted, not kept.
pub const MAX_RECORDS: usize = 20;
/// A record longer than this is kept cut to this length and never judged (no SPF, DMARC or DKIM
/// record is anywhere near it; a 4096-bit DKIM key is about 750 characters).
pub const MAX_RECORD_LEN: usize = 2048;
/// RFC 7208 §4.6.4: at most 10 terms that cause DNS queries.
pub const SPF_LOOKUP_LIMIT: usize = 10;

/// One TXT record as read: its strings joined, lossily decoded, and cut to [`MAX_RECORD_LEN`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TxtRecord {
    pub text: String,
    /// The record was longer than [`MAX_RECORD_LEN`] (its full length in bytes).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub full_len: Option<usize>,
}

impl TxtRecord {
    /// Builds a record from its character-strings, bounding what is kept.
    pub fn from_strings<'a>(strings: impl IntoIterator<Item = &'a [u8]>) -> TxtRecord {
        let bytes: Vec<u8> = strings.into_iter().flatten().copied().collect();
        let full = String::from_utf8_lossy(&bytes);
        if bytes.len() <= MAX_RECORD_LEN {
            return TxtRecord {
                text: full.into_owned(),
                full_len: None,
            };
        }
        let text: String = full.chars().take(MAX_RECORD_LEN).collect();
        TxtRecord {
            text,
            full_len: Some(bytes.len()),
        }
    }

    pub fn truncated(&self) -> bool {
        self.full_len.is_some()
    }

    /// The record as quoted in messages and `records`: escaped, and marked when it was cut.
    pub fn shown(&self) -> String {
        match self.full_len {
            None => self.text.clone(),
            Some(len) => format!("{}… (cut: {len} bytes)", shorten(&self.text, 120)),
        }
    }
}

/// The answer to one query, when the server answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer<T> {
    /// The name exists and has records of the type asked (at most [`MAX_RECORDS`] kept).
    Records { records: Vec<T>, dropped: usize },
    /// The name exists but has no record of that type.
    NoRecord,
    /// NXDOMAIN: the name does not exist.
    NoDomain,
}

impl<T> Answer<T> {
    pub fn records(&self) -> &[T] {
        match self {
            Answer::Records { records, .. } => records,
            _ => &[],
        }
    }

    fn absence(&self) -> &'static str {
        match self {
            Answer::NoDomain => "the name does not exist (NXDOMAIN)",
            _ => "no record",
        }
    }
}

pub type TxtAnswer = Answer<TxtRecord>;

/// A mail exchanger: preference and host (`.` is the null MX of RFC 7505).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mx {
    pub preference: u16,
    pub exchange: String,
}

// ---------------------------------------------------------------------------------------------
// The domain-control challenge

/// The name the customer publishes the token under.
pub fn challenge_name(domain: &str) -> String {
    format!("{CHALLENGE_LABEL}.{domain}")
}

/// A token from random bytes: lower-case hex, so it survives every DNS console unchanged.
pub fn token_from(random: &[u8; TOKEN_BYTES]) -> String {
    hex::encode(random)
}

/// The TXT record value the customer publishes.
pub fn challenge_value(token: &str) -> String {
    format!("{TOKEN_PREFIX}{token}")
}

/// The zone-file line to give the customer.
pub fn challenge_record(domain: &str, token: &str) -> String {
    format!("{}. TXT \"{}\"", challenge_name(domain), challenge_value(token))
}

/// When a challenge issued at `issued_at` stops proving anything.
pub fn challenge_expiry(issued_at: DateTime<Utc>) -> DateTime<Utc> {
    issued_at + Duration::days(CHALLENGE_VALIDITY_DAYS)
}

/// A challenge on record for an account and a domain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Challenge {
    pub token: String,
    pub issued_at: DateTime<Utc>,
}

/// The verdict of `domains prove`. `code` is stable: `proven`, `no-challenge`, `no-record`,
/// `wrong-token`, `expired-token`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProofVerdict {
    pub code: &'static str,
    pub proven: bool,
    pub message: String,
    /// The record that proved control, as seen.
    #[serde(skip)]
    pub record: Option<String>,
}

/// Judges what the server answered at the challenge name against the challenge on record.
pub fn judge_proof(
    domain: &str,
    challenge: Option<&Challenge>,
    answer: &TxtAnswer,
    now: DateTime<Utc>,
) -> ProofVerdict {
    let name = challenge_name(domain);
    let seen = seen_records(answer);
    let refused = |code: &'static str, message: String| ProofVerdict {
        code,
        proven: false,
        message,
        record: None,
    };
    let Some(challenge) = challenge else {
        return refused(
            "no-challenge",
            format!(
                "no challenge was issued to this account for {domain}; seen at {name}: {seen}\nhint: xmfax domains challenge ACCOUNT {domain}"
            ),
        );
    };
    let expected = challenge_value(&challenge.token);
    let expiry = challenge_expiry(challenge.issued_at);
    let matching = answer
        .records()
        .iter()
        .find(|r| !r.truncated() && r.text.trim() == expected);
    if answer.records().is_empty() {
        return refused(
            "no-record",
            format!(
                "no TXT record at {name} ({}); the customer must publish: {}",
                answer.absence(),
                challenge_record(domain, &challenge.token)
            ),
        );
    }
    if now >= expiry {
        return refused(
            "expired-token",
            format!(
                "the challenge issued on {} expired on {} (tokens are valid {CHALLENGE_VALIDITY_DAYS} days); seen at {name}: {seen}\nhint: issue a new one with xmfax domains challenge ACCOUNT {domain}",
                shown_time(challenge.issued_at),
                shown_time(expiry)
            ),
        );
    }
    match matching {
        Some(record) => ProofVerdict {
            code: "proven",
            proven: true,
            message: format!(
                "{name} holds the token issued on {}",
                shown_time(challenge.issued_at)
            ),
            record: Some(record.text.trim().to_string()),
        },
        None => refused(
            "wrong-token",
            format!("{name} does not hold this account's token; seen: {seen}; expected: {expected:?}"),
        ),
    }
}

/// The records of an answer as quoted in a message: escaped, bounded, or why there are none.
pub fn seen_records(answer: &TxtAnswer) -> String {
    match answer {
        Answer::Records { records, dropped } => {
            let mut shown: Vec<String> = records
                .iter()
                .take(5)
                .map(|r| format!("{:?}", shorten(&r.shown(), 200)))
                .collect();
            let more = records.len().saturating_sub(5) + dropped;
            if more > 0 {
                shown.push(format!("and {more} more"));
            }
            shown.join(", ")
        }
        other => other.absence().to_string(),
    }
}

fn shown_time(time: DateTime<Utc>) -> String {
    time.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// The organizational domain above `domain` (RFC 7489 §3.2), where DMARC falls back to when the
/// domain publishes no record: the sender decision's own (`alignment`), `None` when the domain is
/// a public suffix or is its organizational domain itself.
pub fn organizational_domain(domain: &str) -> Option<String> {
    let organizational = super::alignment::organizational_domain(domain)?;
    (!organizational.eq_ignore_ascii_case(domain.trim_end_matches('.'))).then_some(organizational)
}

fn shorten(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        text.to_string()
    } else {
        let mut cut: String = text.chars().take(max_chars).collect();
        cut.push('…');
        cut
    }
}

/// A proof read from an export document, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedProof {
    pub line: u32,
    pub domain: String,
    pub proven_at: String,
    pub server: String,
    pub record: String,
    pub proven_by: String,
}

/// Checks the fields of an imported proof: a domain that normalizes, an RFC 3339 time, a server and
/// an agent name of printable text, and a record that is a challenge record. A proof is evidence:
/// one that could not have come from `domains prove` is refused, not repaired.
pub fn imported_proof(
    line: u32,
    domain: Option<&str>,
    proven_at: Option<&str>,
    server: Option<&str>,
    record: Option<&str>,
    proven_by: Option<&str>,
) -> Result<ImportedProof, String> {
    let (Some(domain), Some(proven_at), Some(server), Some(record), Some(proven_by)) =
        (domain, proven_at, server, record, proven_by)
    else {
        return Err("a DNS proof needs domain, proven_at, server, record and proven_by".to_string());
    };
    let domain = super::domain::normalize(domain).map_err(|p| p.message)?.ascii;
    let time = DateTime::parse_from_rfc3339(proven_at.trim())
        .map_err(|_| format!("proven_at {proven_at:?} is not an RFC 3339 time"))?;
    let printable = |what: &str, text: &str, max: usize| {
        if text.trim().is_empty() || text.chars().count() > max || text.chars().any(char::is_control) {
            Err(format!(
                "{what} must be 1 to {max} printable characters, not {:?}",
                shorten(text, 60)
            ))
        } else {
            Ok(text.trim().to_string())
        }
    };
    let server = printable("server", server, 200)?;
    let proven_by = printable("proven_by", proven_by, 200)?;
    let record = printable("record", record, MAX_RECORD_LEN)?;
    let token = record.strip_prefix(TOKEN_PREFIX).unwrap_or("");
    if token.len() < 2 * 16 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(format!(
            "record {:?} is not a challenge record ({TOKEN_PREFIX} and a token of 128 bits or more)",
            shorten(&record, 60)
        ));
    }
    Ok(ImportedProof {
        line,
        domain,
        proven_at: shown_time(time.with_timezone(&Utc)),
        server,
        record,
        proven_by,
    })
}

// ---------------------------------------------------------------------------------------------
// The checks of `domains inspect`

/// One check of `domains inspect`: a stable `id`, a stable `code` for the finding, and the records
/// it was judged on (escaped and bounded).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DnsCheck {
    pub id: &'static str,
    pub status: Status,
    pub code: &'static str,
    pub message: String,
    pub records: Vec<String>,
}

impl DnsCheck {
    fn new(id: &'static str, status: Status, code: &'static str, message: impl Into<String>) -> Self {
        DnsCheck {
            id,
            status,
            code,
            message: message.into(),
            records: Vec::new(),
        }
    }

    fn with_records(mut self, records: Vec<String>) -> Self {
        self.records = records;
        self
    }
}

/// `mx`: mail exchangers, else the implicit MX of an address record (RFC 5321 §5.1).
pub fn mx_check(domain: &str, mx: &Answer<Mx>, has_address: bool) -> DnsCheck {
    let id = "mx";
    let records: Vec<String> = mx
        .records()
        .iter()
        .map(|m| format!("{} {}", m.preference, m.exchange))
        .collect();
    if let Answer::NoDomain = mx {
        return DnsCheck::new(
            id,
            Status::Fail,
            "no-domain",
            format!("{domain} does not exist (NXDOMAIN)"),
        );
    }
    if mx
        .records()
        .iter()
        .any(|m| m.exchange == "." || m.exchange.is_empty())
    {
        return DnsCheck::new(
            id,
            Status::Fail,
            "null-mx",
            format!("{domain} publishes a null MX (RFC 7505): it declares it handles no email"),
        )
        .with_records(records);
    }
    if !mx.records().is_empty() {
        return DnsCheck::new(
            id,
            Status::Pass,
            "mx-present",
            format!("{} mail exchanger(s)", mx.records().len()),
        )
        .with_records(records);
    }
    if has_address {
        DnsCheck::new(
            id,
            Status::Warn,
            "address-fallback",
            format!("{domain} has no MX record; mail goes to its A/AAAA address (RFC 5321 fallback)"),
        )
    } else {
        DnsCheck::new(
            id,
            Status::Fail,
            "no-mx",
            format!("{domain} has neither MX nor A/AAAA records: it receives no email"),
        )
    }
}

/// A TXT record is of a kind when it starts with `version` as a whole term (`v=spf1`, not `v=spf10`).
fn is_version(text: &str, version: &str) -> bool {
    let trimmed = text.trim_start();
    trimmed.len() >= version.len()
        && trimmed.is_char_boundary(version.len())
        && trimmed[..version.len()].eq_ignore_ascii_case(version)
        && trimmed[version.len()..]
            .chars()
            .next()
            .is_none_or(|c| c == ' ' || c == ';' || c == '\t')
}

/// What an SPF record says about senders it does not list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpfSummary {
    /// The qualifier of the first `all` (`-`, `~`, `?`, `+`), if any.
    pub all: Option<char>,
    /// The `redirect=` domain, if any (it decides when there is no `all`).
    pub redirect: Option<String>,
    /// Terms that cause DNS queries (RFC 7208 §4.6.4), in this record itself.
    pub lookups: usize,
}

/// Reads the terms of an SPF record (`v=spf1 …`).
pub fn parse_spf(text: &str) -> SpfSummary {
    let mut summary = SpfSummary {
        all: None,
        redirect: None,
        lookups: 0,
    };
    for term in text.split_ascii_whitespace().skip(1) {
        let lower = term.to_ascii_lowercase();
        if let Some(target) = lower.strip_prefix("redirect=") {
            summary.lookups += 1;
            summary.redirect = Some(target.to_string());
            continue;
        }
        let (qualifier, mechanism) = match lower.chars().next() {
            Some(q @ ('+' | '-' | '~' | '?')) => (q, &lower[1..]),
            _ => ('+', lower.as_str()),
        };
        let name = mechanism.split([':', '/', '=']).next().unwrap_or(mechanism);
        match name {
            "include" | "a" | "mx" | "ptr" | "exists" => summary.lookups += 1,
            "all" if summary.all.is_none() => summary.all = Some(qualifier),
            _ => {}
        }
    }
    summary
}

/// `spf`: exactly one `v=spf1` record, ending in `-all`; `~all` warns; `?all`, `+all` or none fail;
/// more than 10 querying terms warn.
pub fn spf_check(domain: &str, answer: &TxtAnswer) -> DnsCheck {
    let id = "spf";
    let spf: Vec<&TxtRecord> = answer
        .records()
        .iter()
        .filter(|r| is_version(&r.text, "v=spf1"))
        .collect();
    let records: Vec<String> = spf.iter().map(|r| r.shown()).collect();
    let record = match spf.as_slice() {
        [] => {
            return DnsCheck::new(
                id,
                Status::Fail,
                "spf-missing",
                format!(
                    "{domain} publishes no SPF record ({}): every server may claim its addresses; the customer must publish \"v=spf1 … -all\" listing its mail servers",
                    if answer.records().is_empty() {
                        answer.absence()
                    } else {
                        "no TXT record starts with v=spf1"
                    }
                ),
            );
        }
        [one] => *one,
        _ => {
            return DnsCheck::new(
                id,
                Status::Fail,
                "spf-multiple",
                format!(
                    "{domain} publishes {} SPF records: receivers treat that as an error (RFC 7208 permerror) and SPF never passes; they must be merged into one",
                    spf.len()
                ),
            )
            .with_records(records);
        }
    };
    if record.truncated() {
        return DnsCheck::new(
            id,
            Status::Fail,
            "record-too-long",
            format!("the SPF record of {domain} is too long to be read (over {MAX_RECORD_LEN} bytes)"),
        )
        .with_records(records);
    }
    let summary = parse_spf(&record.text);
    let too_many = summary.lookups > SPF_LOOKUP_LIMIT;
    let lookups_note = if too_many {
        format!(
            "; it has {} DNS-querying terms, over the limit of {SPF_LOOKUP_LIMIT} (RFC 7208): receivers may fail it (permerror)",
            summary.lookups
        )
    } else {
        String::new()
    };
    let (status, code, message) = match (summary.all, &summary.redirect) {
        (Some('-'), _) if too_many => (
            Status::Warn,
            "spf-too-many-lookups",
            format!("ends in -all{lookups_note}"),
        ),
        (Some('-'), _) => (
            Status::Pass,
            "spf-hard-fail",
            "ends in -all: servers it does not list fail SPF".to_string(),
        ),
        (Some('~'), _) => (
            Status::Warn,
            "spf-soft-fail",
            format!(
                "ends in ~all: servers it does not list only soft-fail SPF; -all is stricter{lookups_note}"
            ),
        ),
        (Some('?'), _) => (
            Status::Fail,
            "spf-neutral-all",
            format!("ends in ?all: SPF says nothing about servers it does not list{lookups_note}"),
        ),
        (Some(_), _) => (
            Status::Fail,
            "spf-pass-all",
            format!("ends in +all: every server on the Internet passes SPF for {domain}{lookups_note}"),
        ),
        (None, Some(target)) => (
            Status::Warn,
            "spf-redirect",
            format!(
                "delegates its policy to {target:?} (redirect=), which is not followed here; check that domain{lookups_note}"
            ),
        ),
        (None, None) => (
            Status::Fail,
            "spf-no-all",
            format!(
                "has no 'all' term: servers it does not list are neutral; it must end in -all{lookups_note}"
            ),
        ),
    };
    DnsCheck::new(id, status, code, message).with_records(records)
}

/// The tags of a DMARC record that matter here.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DmarcRecord {
    pub p: Option<String>,
    pub sp: Option<String>,
    pub pct: Option<String>,
    pub adkim: Option<String>,
    pub aspf: Option<String>,
}

/// Reads the `tag=value` pairs of a DMARC record (RFC 7489 §6.3); tag names are case-insensitive.
pub fn parse_dmarc(text: &str) -> DmarcRecord {
    let mut record = DmarcRecord::default();
    for pair in text.split(';') {
        let Some((tag, value)) = pair.split_once('=') else {
            continue;
        };
        let value = Some(value.trim().to_ascii_lowercase());
        match tag.trim().to_ascii_lowercase().as_str() {
            "p" => record.p = value,
            "sp" => record.sp = value,
            "pct" => record.pct = value,
            "adkim" => record.adkim = value,
            "aspf" => record.aspf = value,
            _ => {}
        }
    }
    record
}

/// Where the DMARC policy of a domain was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DmarcLookup {
    /// The answer at `_dmarc.DOMAIN`.
    pub own: TxtAnswer,
    /// The organizational domain and the answer at its `_dmarc`, asked when the domain has none
    /// and is below its organizational domain (RFC 7489 §6.6.3).
    pub organizational: Option<(String, TxtAnswer)>,
}

fn dmarc_records(answer: &TxtAnswer) -> Vec<&TxtRecord> {
    answer
        .records()
        .iter()
        .filter(|r| r.text.trim_start().starts_with("v=DMARC1") && is_version(&r.text, "v=DMARC1"))
        .collect()
}

/// `dmarc`: the policy published for the domain (or its organizational domain): `reject` and
/// `quarantine` pass, `none` warns, none at all or an unusable record fails.
pub fn dmarc_check(domain: &str, lookup: &DmarcLookup) -> DnsCheck {
    let id = "dmarc";
    let own = dmarc_records(&lookup.own);
    let (found_at, records, inherited) = match (&own[..], &lookup.organizational) {
        ([], Some((org, answer))) => (org.as_str(), dmarc_records(answer), true),
        _ => (domain, own, false),
    };
    let shown: Vec<String> = records.iter().map(|r| r.shown()).collect();
    let record = match records.as_slice() {
        [] => {
            let asked = match &lookup.organizational {
                Some((org, _)) => format!("_dmarc.{domain} and _dmarc.{org}"),
                None => format!("_dmarc.{domain}"),
            };
            return DnsCheck::new(
                id,
                Status::Fail,
                "dmarc-missing",
                format!(
                    "no DMARC record at {asked}: receivers and the gateway have no policy for forged mail; the customer should publish \"v=DMARC1; p=reject\""
                ),
            );
        }
        [one] => *one,
        _ => {
            return DnsCheck::new(
                id,
                Status::Fail,
                "dmarc-multiple",
                format!(
                    "_dmarc.{found_at} has {} DMARC records: receivers then apply none (RFC 7489 §6.6.3)",
                    records.len()
                ),
            )
            .with_records(shown);
        }
    };
    if record.truncated() {
        return DnsCheck::new(
            id,
            Status::Fail,
            "record-too-long",
            format!(
                "the DMARC record at _dmarc.{found_at} is too long to be read (over {MAX_RECORD_LEN} bytes)"
            ),
        )
        .with_records(shown);
    }
    let tags = parse_dmarc(&record.text);
    // A subdomain that inherits the organizational record is governed by sp= (falling back to p=).
    let policy = if inherited {
        tags.sp.clone().or_else(|| tags.p.clone())
    } else {
        tags.p.clone()
    };
    let source = if inherited {
        format!(" (inherited from the organizational domain {found_at})")
    } else {
        String::new()
    };
    let tag_summary = format!(
        "p={}, sp={}, pct={}, adkim={}, aspf={}",
        tags.p.as_deref().unwrap_or("-"),
        tags.sp.as_deref().unwrap_or("(p)"),
        tags.pct.as_deref().unwrap_or("100"),
        tags.adkim.as_deref().unwrap_or("r"),
        tags.aspf.as_deref().unwrap_or("r"),
    );
    let pct_partial = tags.pct.as_deref().is_some_and(|p| p != "100");
    let (status, code, message) = match policy.as_deref() {
        Some("reject" | "quarantine") if pct_partial => (
            Status::Warn,
            "dmarc-partial",
            format!(
                "policy {}{source} applies to only pct={}% of failing mail; {tag_summary}",
                policy.as_deref().unwrap_or(""),
                tags.pct.as_deref().unwrap_or("")
            ),
        ),
        Some(p @ ("reject" | "quarantine")) => (
            Status::Pass,
            "dmarc-enforced",
            format!("policy {p}{source}; {tag_summary}"),
        ),
        Some("none") => (
            Status::Warn,
            "dmarc-monitor-only",
            format!(
                "policy none{source}: receivers only monitor; the gateway still enforces alignment itself for this account's spoofing check; {tag_summary}"
            ),
        ),
        _ => (
            Status::Fail,
            "dmarc-invalid",
            format!(
                "the DMARC record{source} has no valid p= policy (none, quarantine or reject); receivers ignore it; {tag_summary}"
            ),
        ),
    };
    DnsCheck::new(id, status, code, message).with_records(shown)
}

/// `dkim` for one selector: a key is published and not revoked (an empty `p=`).
pub fn dkim_check(domain: &str, selector: &str, answer: &TxtAnswer) -> DnsCheck {
    let id = "dkim";
    let name = format!("{selector}._domainkey.{domain}");
    let records: Vec<&TxtRecord> = answer.records().iter().collect();
    let shown: Vec<String> = records.iter().map(|r| r.shown()).collect();
    if records.is_empty() {
        return DnsCheck::new(
            id,
            Status::Fail,
            "dkim-missing",
            format!(
                "no DKIM key at {name} ({}): mail signed with selector {selector:?} cannot pass DKIM",
                answer.absence()
            ),
        );
    }
    if records.iter().any(|r| r.truncated()) {
        return DnsCheck::new(
            id,
            Status::Fail,
            "record-too-long",
            format!("the record at {name} is too long to be read (over {MAX_RECORD_LEN} bytes)"),
        )
        .with_records(shown);
    }
    let keys: Vec<Option<String>> = records.iter().map(|r| dkim_key(&r.text)).collect();
    if keys.iter().any(|k| k.as_deref().is_some_and(|p| !p.is_empty())) {
        return DnsCheck::new(
            id,
            Status::Pass,
            "dkim-key",
            format!("a DKIM key is published at {name}"),
        )
        .with_records(shown);
    }
    if keys.iter().any(|k| k.as_deref() == Some("")) {
        return DnsCheck::new(
            id,
            Status::Fail,
            "dkim-revoked",
            format!(
                "the DKIM key at {name} is revoked (empty p=): signatures with selector {selector:?} fail"
            ),
        )
        .with_records(shown);
    }
    DnsCheck::new(
        id,
        Status::Fail,
        "dkim-invalid",
        format!("the record at {name} is not a DKIM key record (no p= tag, or not v=DKIM1)"),
    )
    .with_records(shown)
}

/// The `p=` value of a DKIM key record (RFC 6376 §3.6.1), whitespace removed; `None` when the
/// record is not a key record.
fn dkim_key(text: &str) -> Option<String> {
    let mut key = None;
    for pair in text.split(';') {
        let Some((tag, value)) = pair.split_once('=') else {
            continue;
        };
        match tag.trim() {
            "v" if value.trim() != "DKIM1" => return None,
            "p" => key = Some(value.split_whitespace().collect::<String>()),
            _ => {}
        }
    }
    key
}

/// `spoofing-protection-viable`: can legitimate mail from the domain pass the account's spoofing
/// check (DMARC pass, or aligned SPF and DKIM passes), and if not, what the customer must publish.
pub fn viability_check(spf: &DnsCheck, dmarc: &DnsCheck, dkim: &[DnsCheck]) -> DnsCheck {
    let id = "spoofing-protection-viable";
    let dmarc_published = matches!(
        dmarc.code,
        "dmarc-enforced" | "dmarc-partial" | "dmarc-monitor-only"
    );
    if dmarc_published {
        return DnsCheck::new(
            id,
            Status::Pass,
            "dmarc-published",
            "a DMARC policy is published: mail that passes DMARC (aligned SPF or DKIM) is accepted",
        );
    }
    let spf_present = !matches!(spf.code, "spf-missing" | "spf-multiple" | "record-too-long");
    let key_present = dkim.iter().any(|c| c.code == "dkim-key");
    let (status, code, message) = if dkim.is_empty() && spf_present {
        (
            Status::Warn,
            "dkim-selector-needed",
            "no usable DMARC record: mail passes only with aligned SPF and DKIM, and DKIM cannot be known without a selector: give the customer's DKIM selector (--dkim-selector)".to_string(),
        )
    } else if spf_present && key_present {
        (
            Status::Pass,
            "spf-and-dkim",
            "no usable DMARC record, but SPF and a DKIM key are published: mail with aligned SPF and DKIM passes".to_string(),
        )
    } else {
        let mut missing = Vec::new();
        if !spf_present {
            missing.push("one SPF record");
        }
        if !key_present {
            missing.push("a DKIM key");
        }
        (
            Status::Fail,
            "not-viable",
            format!(
                "legitimate mail cannot pass the spoofing check: the customer must publish a DMARC record (\"v=DMARC1; p=reject\" at _dmarc), or {}",
                missing.join(" and ")
            ),
        )
    };
    DnsCheck::new(id, status, code, message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn txt(texts: &[&str]) -> TxtAnswer {
        Answer::Records {
            records: texts
                .iter()
                .map(|t| TxtRecord::from_strings([t.as_bytes()]))
                .collect(),
            dropped: 0,
        }
    }

    fn at(day: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 1, day, 12, 0, 0).unwrap()
    }

    fn challenge() -> Challenge {
        Challenge {
            token: "ab".repeat(20),
            issued_at: at(1),
        }
    }

    #[test]
    fn tokens_and_records() {
        let token = token_from(&[0xa5; TOKEN_BYTES]);
        assert_eq!(token.len(), 40);
        assert_eq!(
            challenge_record("acme.example", "t0k"),
            "_xmfax-challenge.acme.example. TXT \"xmfax-verification=t0k\""
        );
    }

    #[test]
    fn proof_verdicts() {
        let c = challenge();
        let good = txt(&[&challenge_value(&c.token)]);
        let verdict = judge_proof("acme.example", Some(&c), &good, at(2));
        assert_eq!((verdict.code, verdict.proven), ("proven", true));
        assert_eq!(
            verdict.record.as_deref(),
            Some(challenge_value(&c.token).as_str())
        );
        assert_eq!(
            judge_proof("acme.example", None, &good, at(2)).code,
            "no-challenge"
        );
        assert_eq!(
            judge_proof("acme.example", Some(&c), &Answer::NoDomain, at(2)).code,
            "no-record"
        );
        assert_eq!(
            judge_proof("acme.example", Some(&c), &Answer::NoRecord, at(2)).code,
            "no-record"
        );
        let other = txt(&["xmfax-verification=0000"]);
        let wrong = judge_proof("acme.example", Some(&c), &other, at(2));
        assert_eq!(wrong.code, "wrong-token");
        assert!(wrong.message.contains("xmfax-verification=0000"));
        let late = Utc.with_ymd_and_hms(2026, 1, 31, 12, 0, 0).unwrap();
        assert_eq!(
            judge_proof("acme.example", Some(&c), &good, late).code,
            "expired-token"
        );
        let just_in_time = late - Duration::seconds(1);
        assert!(judge_proof("acme.example", Some(&c), &good, just_in_time).proven);
    }

    #[test]
    fn hostile_records_are_bounded_and_never_match() {
        let c = challenge();
        let long = format!("{}{}", challenge_value(&c.token), " ".repeat(5000));
        let answer = Answer::Records {
            records: vec![TxtRecord::from_strings([long.as_bytes()])],
            dropped: 0,
        };
        assert_eq!(
            judge_proof("acme.example", Some(&c), &answer, at(2)).code,
            "wrong-token"
        );
        let embedded = txt(&[&format!("junk {} junk", challenge_value(&c.token))]);
        assert_eq!(
            judge_proof("acme.example", Some(&c), &embedded, at(2)).code,
            "wrong-token"
        );
        let escape = txt(&["\u{1b}[31mred"]);
        let message = judge_proof("acme.example", Some(&c), &escape, at(2)).message;
        assert!(message.contains("\\u{1b}"), "{message}");
        assert!(
            TxtRecord::from_strings([vec![b'a'; 9000].as_slice()])
                .shown()
                .len()
                < 200
        );
    }

    #[test]
    fn spf_verdicts() {
        let code = |texts: &[&str]| {
            let c = spf_check("acme.example", &txt(texts));
            (c.status, c.code)
        };
        assert_eq!(code(&["v=spf1 mx -all"]), (Status::Pass, "spf-hard-fail"));
        assert_eq!(code(&["v=spf1 mx ~all"]), (Status::Warn, "spf-soft-fail"));
        assert_eq!(code(&["v=spf1 ?all"]), (Status::Fail, "spf-neutral-all"));
        assert_eq!(code(&["v=spf1 +all"]), (Status::Fail, "spf-pass-all"));
        assert_eq!(code(&["v=spf1 all"]), (Status::Fail, "spf-pass-all"));
        assert_eq!(code(&["v=spf1 mx"]), (Status::Fail, "spf-no-all"));
        assert_eq!(
            code(&["v=spf1 redirect=_spf.example"]),
            (Status::Warn, "spf-redirect")
        );
        assert_eq!(
            code(&["v=spf1 -all", "V=SPF1 mx -all"]),
            (Status::Fail, "spf-multiple")
        );
        assert_eq!(code(&["v=spf10 -all", "hello"]), (Status::Fail, "spf-missing"));
        assert_eq!(code(&[]), (Status::Fail, "spf-missing"));
        let eleven = format!("v=spf1 {}-all", "include:x.example ".repeat(11));
        assert_eq!(code(&[&eleven]), (Status::Warn, "spf-too-many-lookups"));
        let ten = format!("v=spf1 {}-all", "a:x.example ".repeat(10));
        assert_eq!(code(&[&ten]), (Status::Pass, "spf-hard-fail"));
        // Evaluation stops at the first `all`.
        assert_eq!(code(&["v=spf1 -all +all"]), (Status::Pass, "spf-hard-fail"));
        let huge = format!("v=spf1 {}-all", "ip4:192.0.2.1 ".repeat(300));
        assert_eq!(code(&[&huge]), (Status::Fail, "record-too-long"));
    }

    #[test]
    fn spf_lookup_count() {
        let s = parse_spf("v=spf1 include:a ~mx a/24 ptr exists:%{i}.x ip4:1.2.3.4 redirect=b");
        assert_eq!(s.lookups, 6);
        assert_eq!(s.redirect.as_deref(), Some("b"));
        assert_eq!(s.all, None);
    }

    fn dmarc(own: &[&str], org: Option<&[&str]>) -> (Status, &'static str, String) {
        let lookup = DmarcLookup {
            own: if own.is_empty() {
                Answer::NoDomain
            } else {
                txt(own)
            },
            organizational: org.map(|o| ("acme.example".to_string(), txt(o))),
        };
        let c = dmarc_check("mail.acme.example", &lookup);
        (c.status, c.code, c.message)
    }

    #[test]
    fn dmarc_verdicts() {
        assert_eq!(dmarc(&["v=DMARC1; p=reject"], None).1, "dmarc-enforced");
        assert_eq!(
            dmarc(&["v=DMARC1; p=quarantine; pct=50"], None).1,
            "dmarc-partial"
        );
        let none = dmarc(&["v=DMARC1; p=none"], None);
        assert_eq!((none.0, none.1), (Status::Warn, "dmarc-monitor-only"));
        assert!(none.2.contains("gateway still enforces alignment"));
        assert_eq!(dmarc(&[], None).1, "dmarc-missing");
        assert_eq!(dmarc(&["v=DMARC1; p=bogus"], None).1, "dmarc-invalid");
        assert_eq!(
            dmarc(&["v=DMARC1; p=reject", "v=DMARC1; p=none"], None).1,
            "dmarc-multiple"
        );
        // The organizational domain's sp= governs its subdomains.
        let inherited = dmarc(&[], Some(&["v=DMARC1; p=reject; sp=none"]));
        assert_eq!(inherited.1, "dmarc-monitor-only");
        assert!(inherited.2.contains("organizational domain acme.example"));
        assert_eq!(dmarc(&[], Some(&["v=DMARC1; p=reject"])).1, "dmarc-enforced");
        assert_eq!(dmarc(&[], Some(&[])).1, "dmarc-missing");
        // The domain's own record wins over the organizational one.
        assert_eq!(
            dmarc(&["v=DMARC1; p=none"], Some(&["v=DMARC1; p=reject"])).1,
            "dmarc-monitor-only"
        );
    }

    #[test]
    fn dkim_verdicts() {
        let code = |answer: TxtAnswer| dkim_check("acme.example", "s1", &answer).code;
        assert_eq!(code(txt(&["v=DKIM1; k=rsa; p=MIIBIjANBg kqh"])), "dkim-key");
        assert_eq!(code(txt(&["v=DKIM1; k=rsa; p="])), "dkim-revoked");
        assert_eq!(code(Answer::NoDomain), "dkim-missing");
        assert_eq!(code(txt(&["hello"])), "dkim-invalid");
        assert_eq!(code(txt(&["v=DKIM2; p=abc"])), "dkim-invalid");
    }

    #[test]
    fn viability() {
        let spf = spf_check("a.example", &txt(&["v=spf1 -all"]));
        let no_spf = spf_check("a.example", &Answer::NoRecord);
        let lookup = |texts: &[&str]| DmarcLookup {
            own: txt(texts),
            organizational: None,
        };
        let with_dmarc = dmarc_check("a.example", &lookup(&["v=DMARC1; p=none"]));
        let without = dmarc_check("a.example", &lookup(&[]));
        let key = dkim_check("a.example", "s", &txt(&["p=abc"]));
        let revoked = dkim_check("a.example", "s", &txt(&["p="]));
        let code = |spf: &DnsCheck, dmarc: &DnsCheck, dkim: &[DnsCheck]| {
            let c = viability_check(spf, dmarc, dkim);
            (c.status, c.code)
        };
        assert_eq!(code(&no_spf, &with_dmarc, &[]), (Status::Pass, "dmarc-published"));
        assert_eq!(code(&spf, &without, &[]), (Status::Warn, "dkim-selector-needed"));
        assert_eq!(
            code(&spf, &without, std::slice::from_ref(&key)),
            (Status::Pass, "spf-and-dkim")
        );
        assert_eq!(code(&spf, &without, &[revoked]), (Status::Fail, "not-viable"));
        assert_eq!(code(&no_spf, &without, &[key]), (Status::Fail, "not-viable"));
        assert_eq!(code(&no_spf, &without, &[]), (Status::Fail, "not-viable"));
    }

    #[test]
    fn organizational_domains() {
        assert_eq!(
            organizational_domain("Mail.Acme.CO.UK").as_deref(),
            Some("acme.co.uk")
        );
        assert_eq!(
            organizational_domain("acme.example.com"),
            Some("example.com".to_string())
        );
        assert_eq!(organizational_domain("example.com"), None);
        assert_eq!(organizational_domain("co.uk"), None);
    }

    #[test]
    fn mx_verdicts() {
        let mx = |exchange: &str| Answer::Records {
            records: vec![Mx {
                preference: 10,
                exchange: exchange.to_string(),
            }],
            dropped: 0,
        };
        assert_eq!(
            mx_check("a.example", &mx("mx.a.example"), false).code,
            "mx-present"
        );
        assert_eq!(mx_check("a.example", &mx("."), false).code, "null-mx");
        assert_eq!(
            mx_check("a.example", &Answer::NoRecord, true).code,
            "address-fallback"
        );
        assert_eq!(mx_check("a.example", &Answer::NoRecord, false).code, "no-mx");
        assert_eq!(mx_check("a.example", &Answer::NoDomain, false).code, "no-domain");
    }
}
