//! The export document (`xmfax export`, read back by `xmfax import`) and the counts an import reports.
//! Field order here is the document's field order: it is part of the contract, and the round trip
//! export → import → export depends on it staying byte-identical.

use super::Region;
use serde::Serialize;

/// The `version` of the document this xmfax writes and reads.
pub const DOCUMENT_VERSION: u32 = 1;

/// The export document: `{"version": 1, "accounts": [ … ]}`. `accounts` is generic so that an export
/// can stream its accounts from the store instead of holding them all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExportDocument<A> {
    pub version: u32,
    pub accounts: A,
}

/// One account of the export document: its defaults, security settings, users and trusted domains.
/// Timestamps and who changed what are left out: they belong to the store and its audit trail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AccountExport {
    pub id: String,
    pub name: String,
    pub fax_number: String,
    pub region: Region,
    pub profile: String,
    pub language: String,
    pub security: SecurityExport,
    pub users: Vec<UserExport>,
    pub trusted_domains: Vec<DomainExport>,
    /// Domain-control proofs seen in DNS (left out when there are none). Unlike other rows, a
    /// proof's time, server and record are its content, so they are exported.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dns_proofs: Vec<DnsProofExport>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DnsProofExport {
    pub domain: String,
    pub proven_at: String,
    pub server: String,
    pub record: String,
    pub proven_by: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SecurityExport {
    pub spoofing_protection: bool,
    pub require_tls: bool,
    pub whitelist: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UserExport {
    pub email: String,
    pub profile: Option<String>,
    pub language: Option<String>,
    pub fax_number: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DomainExport {
    pub domain: String,
    pub include_subdomains: bool,
    pub certified_by: Option<String>,
    pub certified_on: Option<String>,
    pub request: Option<String>,
}

/// What an import did (or would do) to one kind of record.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct KindCounts {
    pub created: u64,
    pub updated: u64,
    pub unchanged: u64,
    pub removed: u64,
}

impl KindCounts {
    pub fn changed(&self) -> bool {
        self.created + self.updated + self.removed > 0
    }
}

/// The counts of an import, per kind of record.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ImportCounts {
    pub accounts: KindCounts,
    pub users: KindCounts,
    pub whitelist: KindCounts,
    pub trusted_domains: KindCounts,
    pub dns_proofs: KindCounts,
}

impl ImportCounts {
    pub fn changed(&self) -> bool {
        [
            self.accounts,
            self.users,
            self.whitelist,
            self.trusted_domains,
            self.dns_proofs,
        ]
        .iter()
        .any(KindCounts::changed)
    }
}
