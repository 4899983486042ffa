//! Views of sender decisions: the explained single decision, and the streamed lines of a batch.

use super::{Block, sanitize};
use crate::policy::auth_results::AuthResult;
use crate::policy::sender::{AlignedResult, Authentication, Channel, Decision, DmarcResult, Source};
use std::io::Write;

/// The single decision: the verdict in a sentence, what it was decided on, and every reason.
pub fn decision_blocks(
    decision: &Decision<'_>,
    display_name: Option<&str>,
    source: &Source,
    channel: Channel,
) -> Vec<Block> {
    let who = match decision.normalized.unwrap_or(decision.address) {
        "" => "(no sender address)",
        who => who,
    };
    let through = decision
        .account
        .map(|account| format!(" through account {account}"))
        .unwrap_or_default();
    let title = if decision.accepted() {
        format!("ACCEPTED: {who} may fax by {channel}{through}")
    } else {
        format!("REFUSED: {who} may not fax by {channel}{through}")
    };
    let mut fields = vec![(
        "Address",
        or_dash(Some(decision.address).filter(|a| !a.is_empty())),
    )];
    if let Some(name) = display_name {
        fields.push(("Display name", format!("{name} (never used for matching)")));
    }
    fields.push(("Compared as", or_dash(decision.normalized)));
    fields.push(("Account", or_dash(decision.account)));
    fields.push((
        "Basis",
        or_dash(decision.basis.map(|b| b.as_str().replace('-', " ")).as_deref()),
    ));
    fields.push(("Channel", channel.to_string()));
    if channel == Channel::Email {
        fields.push(("Source", source_summary(source)));
        let authentication = &decision.authentication;
        fields.push((
            "SPF",
            aligned_words("SPF", &authentication.spf, authentication.from),
        ));
        fields.push((
            "DKIM",
            aligned_words("DKIM", &authentication.dkim, authentication.from),
        ));
        fields.push(("DMARC", dmarc_words(&authentication.dmarc, authentication.from)));
    }
    if let Some(settings) = &decision.settings {
        fields.push(("Faxing profile", settings.faxing_profile.to_string()));
        fields.push(("Language", settings.language.to_string()));
        fields.push(("Outbound number", settings.outbound_number.to_string()));
    }
    let mut blocks = vec![Block::Title(title), Block::Fields(fields)];
    if decision.reasons.is_empty() {
        blocks.push(Block::Line("Every rule passed.".to_string()));
    } else {
        blocks.push(Block::Title(format!(
            "Why ({} reason{}):",
            decision.reasons.len(),
            if decision.reasons.len() == 1 { "" } else { "s" }
        )));
        for reason in &decision.reasons {
            blocks.push(Block::Line(format!("  {}: {}", reason.code, reason.message)));
        }
    }
    blocks
}

fn or_dash(value: Option<&str>) -> String {
    value.unwrap_or("-").to_string()
}

fn source_summary(source: &Source) -> String {
    format!(
        "client IP {}, TLS {}",
        source
            .client_ip
            .map_or("unknown".to_string(), |ip| ip.to_string()),
        if source.tls { "yes" } else { "no" }
    )
}

/// "SPF passed for evil.example, which is not aligned with corp.example: it does not count".
fn aligned_words(method: &str, result: &AlignedResult<'_>, from: Option<&str>) -> String {
    let Some(word) = result.result else {
        return "no result".to_string();
    };
    let domain = result.domain.map(sanitize);
    let from = from.map(sanitize);
    match (word, domain, from, result.aligned) {
        (AuthResult::Pass, Some(domain), Some(from), Some(true)) => {
            format!("{method} passed for {domain}, aligned with {from}: it counts")
        }
        (AuthResult::Pass, Some(domain), Some(from), _) => {
            format!("{method} passed for {domain}, which is not aligned with {from}: it does not count")
        }
        (AuthResult::Pass, None, _, _) => {
            format!("{method} passed for a domain it does not name: it does not count")
        }
        (word, Some(domain), _, _) => format!("{word} for {domain}"),
        (word, None, _, _) => word.to_string(),
    }
}

fn dmarc_words(result: &DmarcResult<'_>, from: Option<&str>) -> String {
    let Some(word) = result.result else {
        return "no result".to_string();
    };
    match (result.header_from.map(sanitize), from.map(sanitize)) {
        (Some(other), Some(from)) if result.about_other_domain => format!(
            "fail: the result is about header.from={other}, not {from} (another message), so it counts as fail"
        ),
        (Some(header_from), _) => format!("{word} for header.from={header_from}"),
        (None, _) => word.to_string(),
    }
}

/// The header of a batch table: tab-separated columns, one address per line.
pub const BATCH_HEADER: &str = "VERDICT\tACCOUNT\tBASIS\tADDRESS\tREASONS\n";

/// One batch line: verdict, account, basis, address, then each reason as `code: message`.
pub fn batch_line(out: &mut Vec<u8>, decision: &Decision<'_>) {
    let _ = write!(
        out,
        "{}\t{}\t{}\t{}\t",
        decision.verdict.as_str(),
        sanitize(decision.account.unwrap_or("-")),
        decision.basis.map_or("-", |b| b.as_str()),
        sanitize(decision.address)
    );
    for (index, reason) in decision.reasons.iter().enumerate() {
        if index > 0 {
            out.extend_from_slice(b" | ");
        }
        let _ = write!(out, "{}: {}", reason.code, sanitize(&reason.message));
    }
    out.push(b'\n');
}

/// One decision as a JSON line, byte for byte what [`super::json_line`] writes. The batch writes
/// hundreds of megabytes, so the usual case (no string needs escaping) is copied directly; a
/// decision with any string to escape is written again by serde_json.
pub fn batch_json_line(out: &mut Vec<u8>, decision: &Decision<'_>) -> anyhow::Result<()> {
    let start = out.len();
    if !write_plain_json(out, decision) {
        out.truncate(start);
        super::json_line(out, decision)?;
    }
    Ok(())
}

/// Writes the decision if no string in it needs escaping; false (and a partial line) otherwise.
fn write_plain_json(out: &mut Vec<u8>, decision: &Decision<'_>) -> bool {
    let mut json = PlainJson { out, clean: true };
    json.raw(b"{\"address\":");
    json.string(decision.address);
    json.raw(b",\"normalized\":");
    json.optional(decision.normalized);
    json.raw(b",\"account\":");
    json.optional(decision.account);
    json.raw(b",\"basis\":");
    json.optional(decision.basis.map(|b| b.as_str()));
    json.raw(b",\"verdict\":");
    json.string(decision.verdict.as_str());
    json.raw(b",\"reasons\":[");
    for (index, reason) in decision.reasons.iter().enumerate() {
        json.raw(if index > 0 { b",{\"code\":" } else { b"{\"code\":" });
        json.string(reason.code);
        json.raw(b",\"message\":");
        json.string(&reason.message);
        json.raw(b"}");
    }
    json.raw(b"],\"settings\":");
    match &decision.settings {
        None => json.raw(b"null"),
        Some(settings) => {
            json.raw(b"{\"faxing_profile\":");
            json.string(settings.faxing_profile);
            json.raw(b",\"language\":");
            json.string(settings.language);
            json.raw(b",\"outbound_number\":");
            json.string(settings.outbound_number);
            json.raw(b"}");
        }
    }
    json.raw(b",\"authentication\":");
    json.authentication(&decision.authentication);
    json.raw(b"}\n");
    json.clean
}

/// Compact JSON of strings that need no escaping; `clean` turns false when one does.
struct PlainJson<'o> {
    out: &'o mut Vec<u8>,
    clean: bool,
}

impl PlainJson<'_> {
    fn raw(&mut self, bytes: &[u8]) {
        self.out.extend_from_slice(bytes);
    }

    fn string(&mut self, text: &str) {
        self.clean &= !needs_escape(text.as_bytes());
        self.out.push(b'"');
        self.out.extend_from_slice(text.as_bytes());
        self.out.push(b'"');
    }

    fn authentication(&mut self, authentication: &Authentication<'_>) {
        for (name, result) in [
            (&b"{\"spf\":"[..], &authentication.spf),
            (b",\"dkim\":", &authentication.dkim),
        ] {
            self.raw(name);
            self.raw(b"{\"result\":");
            self.optional(result.result.map(|r| r.as_str()));
            self.raw(b",\"domain\":");
            self.optional(result.domain);
            self.raw(match result.aligned {
                None => b",\"aligned\":null}",
                Some(true) => b",\"aligned\":true}",
                Some(false) => b",\"aligned\":false}",
            });
        }
        self.raw(b",\"dmarc\":{\"result\":");
        self.optional(authentication.dmarc.result.map(|r| r.as_str()));
        self.raw(b",\"header_from\":");
        self.optional(authentication.dmarc.header_from);
        self.raw(b"}}");
    }

    fn optional(&mut self, text: Option<&str>) {
        match text {
            Some(text) => self.string(text),
            None => self.raw(b"null"),
        }
    }
}

/// Whether serde_json would escape any byte: 16 bytes at a time without early exit, which the
/// compiler turns into vector instructions (messages are a few hundred bytes each).
fn needs_escape(bytes: &[u8]) -> bool {
    let escape = |b: u8| (b < 0x20) | (b == b'"') | (b == b'\\');
    let mut chunks = bytes.chunks_exact(16);
    let mut found = false;
    for chunk in &mut chunks {
        found |= chunk.iter().fold(false, |acc, &b| acc | escape(b));
    }
    found || chunks.remainder().iter().any(|&b| escape(b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::Problem;
    use crate::policy::auth_results::{Claim, Subject};
    use crate::policy::sender::{Basis, FaxSettings, Verdict};

    #[test]
    fn batch_json_is_what_serde_json_writes() {
        let source = Source {
            spf: vec![Claim {
                result: AuthResult::Pass,
                subject: Subject::Domain("evil.example".into()),
            }],
            dkim: vec![Claim {
                result: AuthResult::Fail,
                subject: Subject::Unknown,
            }],
            dmarc: vec![Claim {
                result: AuthResult::Pass,
                subject: Subject::Domain("Other.example".into()),
            }],
            ..Source::default()
        };
        let counted = Authentication::count(&source, Some("acme.example"));
        let nothing = Source::default();
        let none = Authentication::count(&nothing, None);
        let settings = FaxSettings {
            faxing_profile: "Légal \"A\"",
            language: "fr",
            outbound_number: "+16502530000",
        };
        let decisions = [
            Decision {
                address: "Bob \"B\\\" <bob@acme.example>\u{1}\u{7f}\t",
                normalized: Some("bob@acme.example"),
                account: Some("acme"),
                basis: Some(Basis::TrustedDomain),
                verdict: Verdict::Refused,
                reasons: vec![
                    Problem::new("tls-required", "Account acme requires TLS.\n"),
                    Problem::new("spoofing-check-failed", "ünïcode — “quotes”"),
                ],
                settings: Some(settings),
                authentication: counted,
            },
            Decision {
                address: "not an address",
                normalized: None,
                account: None,
                basis: None,
                verdict: Verdict::Refused,
                reasons: vec![Problem::new("malformed-address", "no '@'")],
                settings: None,
                authentication: none,
            },
            Decision {
                address: "jane@acme.example",
                normalized: Some("jane@acme.example"),
                account: Some("acme"),
                basis: Some(Basis::RegisteredUser),
                verdict: Verdict::Accepted,
                reasons: vec![],
                settings: Some(settings),
                authentication: counted,
            },
        ];
        for decision in &decisions {
            let mut fast = Vec::new();
            batch_json_line(&mut fast, decision).unwrap();
            let mut reference = serde_json::to_vec(decision).unwrap();
            reference.push(b'\n');
            assert_eq!(
                String::from_utf8(fast).unwrap(),
                String::from_utf8(reference).unwrap()
            );
        }
    }
}
