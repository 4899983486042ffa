//! `sender test --message`: reads the headers of a received message (.eml) with mail-parser and hands
//! their raw values to `policy::sender`, which decides what to trust in them.

use crate::policy::Problem;
use crate::policy::auth_results::parse_authentication_results;
use crate::policy::sender::{self, MessageSource, SenderAddress};
use anyhow::{Context, Result, bail};
use mail_parser::{HeaderName, MessageParser};
use std::io::Read;
use std::net::IpAddr;
use std::path::Path;

/// Only the header block is read; a fax attachment in the body may be any size.
const MAX_HEADER_BYTES: usize = 1 << 20;

pub struct ReadMessage {
    /// The From header as shown to people.
    pub from: String,
    pub address: Result<SenderAddress, Problem>,
    pub source: MessageSource,
}

/// The header block of a message file, at most 1 MiB.
fn read_headers(path: &Path) -> Result<Vec<u8>> {
    let shown = path.display();
    let file = std::fs::File::open(path).with_context(|| format!("cannot read message {shown}"))?;
    let mut head = Vec::new();
    file.take(MAX_HEADER_BYTES as u64 + 1)
        .read_to_end(&mut head)
        .with_context(|| format!("cannot read message {shown}"))?;
    let end = header_end(&head).unwrap_or(head.len());
    if end > MAX_HEADER_BYTES {
        bail!("the headers of message {shown} are larger than 1 MiB: not a message this tool reads");
    }
    head.truncate(end);
    Ok(head)
}

/// The distinct authserv-ids of a message's Authentication-Results headers, in order: what to tell
/// someone who does not know which one is ours.
pub fn authserv_ids(path: &Path) -> Result<Vec<String>> {
    let headers = read_headers(path)?;
    let message = MessageParser::new()
        .parse_headers(&headers[..])
        .with_context(|| format!("{} is not an email message: it has no headers", path.display()))?;
    let mut ids: Vec<String> = Vec::new();
    for header in message
        .headers()
        .iter()
        .filter(|h| h.name == HeaderName::AuthenticationResults)
    {
        let raw = headers
            .get(header.offset_start as usize..header.offset_end as usize)
            .unwrap_or_default();
        let Some(Ok(parsed)) = sender::header_text(raw).map(|text| parse_authentication_results(&text))
        else {
            continue;
        };
        if !parsed.authserv_id.is_empty() && !ids.contains(&parsed.authserv_id) {
            ids.push(parsed.authserv_id);
        }
    }
    Ok(ids)
}

pub fn read(path: &Path, authserv_id: &str, client_ip: Option<IpAddr>) -> Result<ReadMessage> {
    let shown = path.display();
    let head = read_headers(path)?;
    let headers = &head[..];
    let message = MessageParser::new()
        .parse_headers(headers)
        .filter(|m| !m.headers().is_empty())
        .with_context(|| format!("{shown} is not an email message: it has no headers"))?;
    let raw = |name: HeaderName<'static>| -> Vec<&[u8]> {
        message
            .headers()
            .iter()
            .filter(|h| h.name == name)
            .map(|h| {
                headers
                    .get(h.offset_start as usize..h.offset_end as usize)
                    .unwrap_or_default()
            })
            .collect()
    };
    let (from, address) = sender::message_sender(&raw(HeaderName::From));
    // The top-most Received header is the one our MTA wrote; every one below it came with the message.
    let top_received = raw(HeaderName::Received).first().copied();
    let source = sender::message_source(
        &raw(HeaderName::AuthenticationResults),
        top_received,
        authserv_id,
        client_ip,
    );
    Ok(ReadMessage {
        from,
        address,
        source,
    })
}

/// Where the header block ends (just after the line break before the empty line), if it is in `bytes`.
fn header_end(bytes: &[u8]) -> Option<usize> {
    bytes.windows(2).enumerate().find_map(|(i, pair)| match pair {
        b"\n\n" => Some(i + 1),
        b"\n\r" if bytes.get(i + 2) == Some(&b'\n') => Some(i + 1),
        _ => None,
    })
}
