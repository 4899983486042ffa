//! Domain-control challenges and proofs as stored and printed (`domains challenge`, `domains prove`).

use serde::Serialize;

/// A token issued to an account for a domain, to be published at `_xmfax-challenge.DOMAIN`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DnsChallenge {
    pub account: String,
    pub domain: String,
    pub token: String,
    pub issued_by: String,
    pub issued_at: String,
    pub expires_at: String,
}

/// A domain-control proof: the challenge record was seen in DNS. JSON `{"account", "domain",
/// "proven_at", "server", "record", "proven_by"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DnsProof {
    pub account: String,
    pub domain: String,
    pub proven_at: String,
    /// The DNS server(s) asked.
    pub server: String,
    /// The TXT record seen.
    pub record: String,
    pub proven_by: String,
}
