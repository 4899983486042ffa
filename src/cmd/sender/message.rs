//! `sender test --message`: reads the start of a received message (.eml), at most its 1 MiB header
//! section, and hands it to `policy::sender`, which splits it and decides what to trust in it.

use crate::policy::auth_results::parse_authentication_results;
use crate::policy::sender::{self, ReadMessage};
use anyhow::{Context, Result, bail};
use std::io::Read;
use std::net::IpAddr;
use std::path::Path;

/// Only the header section is read; a fax attachment in the body may be any size.
const MAX_HEADER_BYTES: usize = 1 << 20;

pub fn read(path: &Path, authserv_id: &str, client_ip: Option<IpAddr>) -> Result<ReadMessage> {
    let shown = path.display();
    let file = std::fs::File::open(path).with_context(|| format!("cannot read message {shown}"))?;
    let mut head = Vec::new();
    file.take(MAX_HEADER_BYTES as u64 + 1)
        .read_to_end(&mut head)
        .with_context(|| format!("cannot read message {shown}"))?;
    let section = sender::header_section(&head);
    if !section.ended && head.len() > MAX_HEADER_BYTES {
        bail!("the headers of message {shown} are larger than 1 MiB: not a message this tool reads");
    }
    if section.fields.is_empty() {
        bail!("{shown} is not an email message: it has no headers");
    }
    Ok(sender::read_message(&section, authserv_id, client_ip))
}

/// The distinct authserv-ids of a message's Authentication-Results headers, in order: what to tell
/// someone who does not know which one is ours.
pub fn authserv_ids(path: &Path) -> Result<Vec<String>> {
    let shown = path.display();
    let file = std::fs::File::open(path).with_context(|| format!("cannot read message {shown}"))?;
    let mut head = Vec::new();
    file.take(MAX_HEADER_BYTES as u64)
        .read_to_end(&mut head)
        .with_context(|| format!("cannot read message {shown}"))?;
    let section = sender::header_section(&head);
    let mut ids: Vec<String> = Vec::new();
    for field in section.fields.iter().filter(|f| f.is("Authentication-Results")) {
        let Some(Ok(parsed)) =
            sender::header_text(field.value).map(|text| parse_authentication_results(&text))
        else {
            continue;
        };
        if !parsed.authserv_id.is_empty() && !ids.contains(&parsed.authserv_id) {
            ids.push(parsed.authserv_id);
        }
    }
    Ok(ids)
}
