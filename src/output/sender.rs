//! Views of sender decisions: the explained single decision, and the streamed lines of a batch.

use super::{Block, sanitize};
use crate::policy::auth_results::AuthResult;
use crate::policy::sender::{Channel, Decision, Source};
use std::io::Write;

/// The single decision: the verdict in a sentence, what it was decided on, and every reason.
pub fn decision_blocks(
    decision: &Decision<'_>,
    display_name: Option<&str>,
    source: &Source,
    channel: Channel,
) -> Vec<Block> {
    let who = decision.normalized.as_deref().unwrap_or(decision.address);
    let through = decision
        .account
        .map(|account| format!(" through account {account}"))
        .unwrap_or_default();
    let title = if decision.accepted() {
        format!("ACCEPTED: {who} may fax by {channel}{through}")
    } else {
        format!("REFUSED: {who} may not fax by {channel}{through}")
    };
    let mut fields = vec![("Address", decision.address.to_string())];
    if let Some(name) = display_name {
        fields.push(("Display name", format!("{name} (never used for matching)")));
    }
    fields.push(("Compared as", or_dash(decision.normalized.as_deref())));
    fields.push(("Account", or_dash(decision.account)));
    fields.push((
        "Basis",
        or_dash(decision.basis.map(|b| b.as_str().replace('-', " ")).as_deref()),
    ));
    fields.push(("Channel", channel.to_string()));
    if channel == Channel::Email {
        fields.push(("Source", source_summary(source)));
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
    let word = |r: Option<AuthResult>| r.map_or("-", |r| r.as_str());
    format!(
        "client IP {}, SPF {}, DKIM {}, DMARC {}, TLS {}",
        source
            .client_ip
            .map_or("unknown".to_string(), |ip| ip.to_string()),
        word(source.spf),
        word(source.dkim),
        word(source.dmarc),
        if source.tls { "yes" } else { "no" }
    )
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
