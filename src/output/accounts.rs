//! Table views of accounts, users and security settings.

use super::{Block, Row, Tabular, or_dash, yes_no};
use crate::model::{Account, AccountSummary, User, WhitelistEntry};

impl Row for Account {
    const HEADER: &'static [&'static str] = &[
        "ID",
        "NAME",
        "REGION",
        "FAX NUMBER",
        "PROFILE",
        "LANGUAGE",
        "SPOOFING PROT.",
        "TLS REQUIRED",
    ];
    fn cells(&self) -> Vec<String> {
        vec![
            self.id.clone(),
            self.name.clone(),
            self.region.as_str().to_string(),
            self.fax_number.clone(),
            self.profile.clone(),
            self.language.clone(),
            yes_no(self.spoofing_protection),
            yes_no(self.require_tls),
        ]
    }
}

impl Tabular for Account {
    fn blocks(&self) -> Vec<Block> {
        vec![Block::Fields(account_fields(self))]
    }
}

fn account_fields(account: &Account) -> Vec<(&'static str, String)> {
    vec![
        ("Account", format!("{} ({})", account.id, account.name)),
        ("Region", account.region.as_str().to_string()),
        ("Main fax number", account.fax_number.clone()),
        ("Default faxing profile", account.profile.clone()),
        ("Default user language", account.language.clone()),
        ("Created", account.created_at.clone()),
        ("Updated", account.updated_at.clone()),
    ]
}

impl Row for User {
    const HEADER: &'static [&'static str] = &["EMAIL", "PROFILE", "LANGUAGE", "FAX NUMBER", "ADDED"];
    fn cells(&self) -> Vec<String> {
        vec![
            self.email.clone(),
            or_dash(&self.profile),
            or_dash(&self.language),
            or_dash(&self.fax_number),
            self.created_at.clone(),
        ]
    }
}

impl Row for WhitelistEntry {
    const HEADER: &'static [&'static str] = &["NETWORK", "ADDED"];
    fn cells(&self) -> Vec<String> {
        vec![self.network.clone(), self.created_at.clone()]
    }
}

impl Tabular for AccountSummary {
    fn blocks(&self) -> Vec<Block> {
        let security = &self.security;
        let mut blocks = vec![Block::Fields(account_fields(&self.account))];
        blocks.push(Block::Title("Email-to-Fax Security".into()));
        blocks.push(Block::Fields(vec![
            ("Spoofing protection", on_off(security.spoofing_protection)),
            ("TLS required", on_off(security.require_tls)),
            (
                "Whitelisted mail servers",
                if security.whitelist.is_empty() {
                    "(none)".into()
                } else {
                    security.whitelist.join(", ")
                },
            ),
        ]));
        blocks.push(Block::Title(
            "Email-to-Fax Security > Trusted Email Domains".into(),
        ));
        blocks.push(Block::Rows {
            header: vec!["DOMAIN", "SUBDOMAINS", "CERTIFIED BY", "CERTIFIED ON", "REQUEST"],
            rows: self
                .trusted_domains
                .iter()
                .map(|d| {
                    vec![
                        super::domains::shown_domain(d),
                        yes_no(d.include_subdomains),
                        or_dash(&d.certified_by),
                        or_dash(&d.certified_on),
                        or_dash(&d.request),
                    ]
                })
                .collect(),
            empty: "(none: only registered users can send faxes by email)",
        });
        blocks.push(Block::Title(format!(
            "Domain control proven in DNS ({})",
            self.dns_proofs.len()
        )));
        blocks.push(Block::Rows {
            header: vec!["DOMAIN", "PROVEN AT", "BY", "SERVER ASKED", "RECORD SEEN"],
            rows: self
                .dns_proofs
                .iter()
                .map(|p| {
                    vec![
                        p.domain.clone(),
                        p.proven_at.clone(),
                        p.proven_by.clone(),
                        p.server.clone(),
                        p.record.clone(),
                    ]
                })
                .collect(),
            empty: "(none: xmfax domains challenge ACCOUNT DOMAIN, then domains prove)",
        });
        blocks.push(Block::Title(format!("Registered users ({})", self.users.len())));
        blocks.extend(self.users.blocks());
        blocks.push(Block::Title(format!("Signed requests ({})", self.requests.len())));
        blocks.push(Block::Rows {
            header: vec!["REFERENCE", "ACTION", "STATUS", "PROCESSED", "OUTCOME"],
            rows: self
                .requests
                .iter()
                .map(|r| {
                    vec![
                        r.reference.clone(),
                        r.action.clone(),
                        r.status.clone(),
                        super::requests::date_part(&r.processed_at),
                        super::requests::outcome(r),
                    ]
                })
                .collect(),
            empty: "(none)",
        });
        blocks
    }
}

fn on_off(value: bool) -> String {
    if value { "on" } else { "off" }.to_string()
}

impl Tabular for User {
    fn blocks(&self) -> Vec<Block> {
        vec![Block::Fields(vec![
            ("User", self.email.clone()),
            ("Account", self.account.clone()),
            (
                "Faxing profile",
                self.profile.clone().unwrap_or_else(|| "(account default)".into()),
            ),
            (
                "Language",
                self.language
                    .clone()
                    .unwrap_or_else(|| "(account default)".into()),
            ),
            (
                "Fax number",
                self.fax_number
                    .clone()
                    .unwrap_or_else(|| "(account main number)".into()),
            ),
        ])]
    }
}
