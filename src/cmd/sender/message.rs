//! `sender test --message`: reads the start of a received message (.eml), at most its 1 MiB header
//! section, and hands it to `policy::sender`, which splits it and decides what to trust in it.

use crate::policy::sender::{self, ReadMessage};
use anyhow::{Context, Result, bail};
use std::io::Read;
use std::net::IpAddr;
use std::path::Path;

/// Only the header section is read; a fax attachment in the body may be any size.
const MAX_HEADER_BYTES: usize = 1 << 20;

pub fn read(path: &Path, authserv_id: &str, client_ip: Option<IpAddr>) -> Result<ReadMessage> {
    let shown = path.display();
    let head = read_head(path)?;
    let section = sender::header_section(&head);
    if !section.ended && head.len() > MAX_HEADER_BYTES {
        bail!("the headers of message {shown} are larger than 1 MiB: not a message this tool reads");
    }
    if section.fields.is_empty() {
        bail!("{shown} is not an email message: it has no headers");
    }
    Ok(sender::read_message(&section, authserv_id, client_ip))
}

/// The distinct authserv-ids of the message's Authentication-Results headers, top-most first.
pub fn authserv_ids(path: &Path) -> Result<Vec<String>> {
    let head = read_head(path)?;
    Ok(sender::authserv_ids(&sender::header_section(&head)))
}

/// The start of the message: one byte more than the header section may take, so that a section
/// too large is known as one.
fn read_head(path: &Path) -> Result<Vec<u8>> {
    let file =
        std::fs::File::open(path).with_context(|| format!("cannot read message {}", path.display()))?;
    let mut head = Vec::new();
    file.take(MAX_HEADER_BYTES as u64 + 1)
        .read_to_end(&mut head)
        .with_context(|| format!("cannot read message {}", path.display()))?;
    Ok(head)
}
