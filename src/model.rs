//! The plain values the tool works with, as loaded from the store and as printed for scripts.
//! Field names are the stable snake_case JSON/YAML contract.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Region {
    Us,
    Eu,
    Ca,
}

impl Region {
    pub fn as_str(self) -> &'static str {
        match self {
            Region::Us => "us",
            Region::Eu => "eu",
            Region::Ca => "ca",
        }
    }

    pub fn parse(s: &str) -> Option<Region> {
        match s {
            "us" => Some(Region::Us),
            "eu" => Some(Region::Eu),
            "ca" => Some(Region::Ca),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Account {
    pub id: String,
    pub name: String,
    pub fax_number: String,
    pub region: Region,
    pub profile: String,
    pub language: String,
    pub spoofing_protection: bool,
    pub require_tls: bool,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct User {
    pub account: String,
    pub email: String,
    pub profile: Option<String>,
    pub language: Option<String>,
    pub fax_number: Option<String>,
    pub created_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WhitelistEntry {
    pub account: String,
    pub network: String,
    pub created_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TrustedDomain {
    pub domain: String,
    pub unicode: String,
    pub account: String,
    pub include_subdomains: bool,
    pub certified_by: Option<String>,
    pub certified_on: Option<String>,
    pub request: Option<String>,
    pub added_by: String,
    pub added_at: String,
}

impl crate::policy::domain::TrustRule for TrustedDomain {
    fn include_subdomains(&self) -> bool {
        self.include_subdomains
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEntry {
    pub seq: i64,
    pub at: String,
    pub agent: String,
    pub action: String,
    pub account: Option<String>,
    pub subject: Option<String>,
    pub details: serde_json::Value,
    pub hash: String,
}

/// The account's email-to-fax security settings as shown to people and scripts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Security {
    pub spoofing_protection: bool,
    pub require_tls: bool,
    pub whitelist: Vec<String>,
}

/// Everything about one account, as "Email-to-Fax Security > Trusted Email Domains" and the account pages show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AccountSummary {
    /// The account's own fields; its security settings are given once, under `security`.
    #[serde(flatten, serialize_with = "account_without_security")]
    pub account: Account,
    pub security: Security,
    pub users: Vec<User>,
    pub trusted_domains: Vec<TrustedDomain>,
    /// The signed request forms processed for the account, oldest first.
    pub requests: Vec<Request>,
    /// Domain-control proofs seen in DNS, trusted domains or not (yet).
    pub dns_proofs: Vec<dns::DnsProof>,
}

/// One reason a request was refused, as recorded: `{"code", "message", "domain"?}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestReason {
    pub code: String,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
}

/// What a request changed: the trusted domains (normalized ASCII) it added and removed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestChanges {
    pub added: Vec<String>,
    pub removed: Vec<String>,
}

/// A processed signed request form and its outcome, as kept forever.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Request {
    pub reference: String,
    pub account: String,
    pub action: String,
    /// `approved` or `refused`.
    pub status: String,
    pub form_sha256: String,
    pub signed_by: Option<String>,
    pub signed_on: Option<String>,
    pub reasons: Vec<RequestReason>,
    pub changes: RequestChanges,
    pub processed_by: String,
    pub processed_at: String,
}

/// A request with the exact text of the form it was processed from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RequestRecord {
    #[serde(flatten)]
    pub request: Request,
    pub form_text: String,
}

pub mod dns;
pub mod transfer;

fn account_without_security<S: serde::Serializer>(
    account: &Account,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    #[derive(Serialize)]
    struct Fields<'a> {
        id: &'a str,
        name: &'a str,
        fax_number: &'a str,
        region: Region,
        profile: &'a str,
        language: &'a str,
        created_at: &'a str,
        updated_at: &'a str,
    }
    Fields {
        id: &account.id,
        name: &account.name,
        fax_number: &account.fax_number,
        region: account.region,
        profile: &account.profile,
        language: &account.language,
        created_at: &account.created_at,
        updated_at: &account.updated_at,
    }
    .serialize(serializer)
}
