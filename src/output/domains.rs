//! Table view of trusted domains.

use super::{Row, or_dash, yes_no};
use crate::model::TrustedDomain;

impl Row for TrustedDomain {
    const HEADER: &'static [&'static str] = &[
        "DOMAIN",
        "UNICODE",
        "ACCOUNT",
        "SUBDOMAINS",
        "CERTIFIED BY",
        "CERTIFIED ON",
        "REQUEST",
        "ADDED BY",
        "ADDED AT",
    ];
    fn cells(&self) -> Vec<String> {
        vec![
            self.domain.clone(),
            if self.unicode == self.domain {
                String::new()
            } else {
                self.unicode.clone()
            },
            self.account.clone(),
            yes_no(self.include_subdomains),
            or_dash(&self.certified_by),
            or_dash(&self.certified_on),
            or_dash(&self.request),
            self.added_by.clone(),
            self.added_at.clone(),
        ]
    }
}
