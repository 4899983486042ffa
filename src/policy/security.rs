//! The securing prerequisites of an account: is email-to-fax restrained to the customer's own sources?

use super::network::{EntryConcern, entry_concern};
use ipnet::IpNet;
use serde::Serialize;

/// What the security check needs to know about an account.
#[derive(Debug, Clone, Default)]
pub struct SecuritySettings {
    pub spoofing_protection: bool,
    pub require_tls: bool,
    pub whitelist: Vec<IpNet>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Pass,
    Warn,
    Fail,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Check {
    pub id: &'static str,
    pub status: Status,
    pub message: String,
}

impl Check {
    fn new(id: &'static str, status: Status, message: impl Into<String>) -> Self {
        Check {
            id,
            status,
            message: message.into(),
        }
    }
}

/// Runs every securing check. `uncertified_domains` are trusted domains with no ownership certification on record.
pub fn check(settings: &SecuritySettings, uncertified_domains: &[String]) -> Vec<Check> {
    vec![
        sources_restrained(settings),
        whitelist_specific(&settings.whitelist),
        tls_required(settings),
        domains_certified(uncertified_domains),
    ]
}

/// The failing checks as `(id, message)`: what the rules that refuse on them quote.
pub fn failing(checks: &[Check]) -> Vec<(&'static str, &str)> {
    checks
        .iter()
        .filter(|c| c.status == Status::Fail)
        .map(|c| (c.id, c.message.as_str()))
        .collect()
}

pub fn passed(checks: &[Check]) -> bool {
    checks.iter().all(|c| c.status != Status::Fail)
}

fn sources_restrained(settings: &SecuritySettings) -> Check {
    let id = "sources-restrained";
    match (settings.spoofing_protection, settings.whitelist.len()) {
        (false, 0) => Check::new(
            id,
            Status::Fail,
            "email sources are not restrained: turn on spoofing protection (xmfax security set ACCOUNT --spoofing-protection on) or whitelist the customer's mail servers (xmfax security whitelist add ACCOUNT CIDR)",
        ),
        (true, 0) => Check::new(id, Status::Pass, "spoofing protection is on"),
        (false, n) => Check::new(
            id,
            Status::Pass,
            format!("{n} whitelisted mail server network(s)"),
        ),
        (true, n) => Check::new(
            id,
            Status::Pass,
            format!("spoofing protection is on and {n} mail server network(s) are whitelisted"),
        ),
    }
}

fn whitelist_specific(whitelist: &[IpNet]) -> Check {
    let id = "whitelist-specific";
    let (mut broad, mut not_public) = (Vec::new(), Vec::new());
    for net in whitelist {
        match entry_concern(net) {
            Some(EntryConcern::TooBroad(msg)) => broad.push(msg),
            Some(EntryConcern::NotPublic(msg)) => not_public.push(msg),
            None => {}
        }
    }
    if !broad.is_empty() {
        let mut msg = format!(
            "{}: it restrains nothing; whitelist the mail servers' own networks",
            broad.join("; ")
        );
        if !not_public.is_empty() {
            msg.push_str(&format!(" (also: {})", not_public.join("; ")));
        }
        Check::new(id, Status::Fail, msg)
    } else if !not_public.is_empty() {
        Check::new(id, Status::Warn, not_public.join("; "))
    } else if whitelist.is_empty() {
        Check::new(id, Status::Pass, "no whitelist entries")
    } else {
        Check::new(id, Status::Pass, "every entry is a specific public network")
    }
}

fn tls_required(settings: &SecuritySettings) -> Check {
    if settings.require_tls {
        Check::new("tls-required", Status::Pass, "TLS is required for incoming email")
    } else {
        Check::new(
            "tls-required",
            Status::Warn,
            "TLS is not required: messages may travel in clear (xmfax security set ACCOUNT --require-tls on)",
        )
    }
}

fn domains_certified(uncertified: &[String]) -> Check {
    if uncertified.is_empty() {
        Check::new(
            "domains-certified",
            Status::Pass,
            "every trusted domain has an ownership certification",
        )
    } else {
        Check::new(
            "domains-certified",
            Status::Fail,
            format!(
                "trusted domain(s) without an ownership certification on record: {}; process a signed form or remove them",
                uncertified.join(", ")
            ),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn statuses(settings: &SecuritySettings) -> Vec<(&'static str, Status)> {
        check(settings, &[])
            .into_iter()
            .map(|c| (c.id, c.status))
            .collect()
    }

    fn nets(list: &[&str]) -> Vec<IpNet> {
        list.iter().map(|s| s.parse().unwrap()).collect()
    }

    #[test]
    fn unrestrained_account_fails() {
        let checks = check(&SecuritySettings::default(), &[]);
        assert!(!passed(&checks));
        assert_eq!(checks[0].status, Status::Fail);
    }

    #[test]
    fn spoofing_or_whitelist_restrains() {
        let spoof = SecuritySettings {
            spoofing_protection: true,
            require_tls: true,
            ..Default::default()
        };
        assert!(statuses(&spoof).iter().all(|(_, s)| *s == Status::Pass));
        let listed = SecuritySettings {
            whitelist: nets(&["8.8.8.0/24"]),
            ..Default::default()
        };
        assert_eq!(statuses(&listed)[0], ("sources-restrained", Status::Pass));
        assert_eq!(statuses(&listed)[2], ("tls-required", Status::Warn));
        assert!(passed(&check(&listed, &[])));
    }

    #[test]
    fn broad_entries_fail_and_private_ones_warn() {
        let broad = SecuritySettings {
            whitelist: nets(&["8.0.0.0/15"]),
            ..Default::default()
        };
        assert_eq!(statuses(&broad)[1], ("whitelist-specific", Status::Fail));
        let private = SecuritySettings {
            whitelist: nets(&["10.0.0.0/24"]),
            ..Default::default()
        };
        assert_eq!(statuses(&private)[1], ("whitelist-specific", Status::Warn));
        assert!(passed(&check(&private, &[])));
        let v6 = SecuritySettings {
            whitelist: nets(&["2a00::/31"]),
            ..Default::default()
        };
        assert_eq!(statuses(&v6)[1], ("whitelist-specific", Status::Fail));
    }

    #[test]
    fn uncertified_domains_fail() {
        let spoof = SecuritySettings {
            spoofing_protection: true,
            ..Default::default()
        };
        let checks = check(&spoof, &["old.example".to_string()]);
        assert_eq!(checks[3].status, Status::Fail);
        assert!(checks[3].message.contains("old.example"));
    }
}
