//! Table view of trusted domains.

use super::{Row, or_dash, yes_no};
use crate::model::TrustedDomain;

impl Row for TrustedDomain {
    // Who added a domain and when are in the JSON output and the audit log; the table keeps what
    // an agent checks (and so fits 80 columns).
    const HEADER: &'static [&'static str] = &[
        "DOMAIN",
        "ACCOUNT",
        "SUBDOMAINS",
        "CERTIFIED BY",
        "CERTIFIED ON",
        "REQUEST",
    ];
    fn cells(&self) -> Vec<String> {
        vec![
            shown_domain(self),
            self.account.clone(),
            yes_no(self.include_subdomains),
            or_dash(&self.certified_by),
            or_dash(&self.certified_on),
            or_dash(&self.request),
        ]
    }
}

/// The stored (ASCII) name, with its Unicode form beside it when that differs.
pub fn shown_domain(domain: &TrustedDomain) -> String {
    if domain.unicode == domain.domain {
        domain.domain.clone()
    } else {
        format!("{} ({})", domain.domain, domain.unicode)
    }
}
