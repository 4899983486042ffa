//! Views of the audit trail: one sentence-like line per event for the log, and one event with its
//! full details. JSON and YAML carry the rows as stored, details included.

use super::{Block, Tabular};
use crate::model::AuditEntry;
use serde::Serialize;
use serde_json::Value;

/// `audit log`: events oldest first (the newest last, next to the prompt). Serializes as the array
/// of rows.
#[derive(Debug, Serialize)]
#[serde(transparent)]
pub struct AuditLog(pub Vec<AuditEntry>);

/// `audit show SEQ`: one event, serialized as the row.
#[derive(Debug, Serialize)]
#[serde(transparent)]
pub struct AuditEvent(pub AuditEntry);

impl Tabular for AuditLog {
    fn blocks(&self) -> Vec<Block> {
        vec![Block::Rows {
            header: vec!["SEQ", "AT", "AGENT", "EVENT"],
            rows: self
                .0
                .iter()
                .map(|entry| {
                    vec![
                        entry.seq.to_string(),
                        entry.at.clone(),
                        entry.agent.clone(),
                        summary(entry),
                    ]
                })
                .collect(),
            empty: "(no audit events)",
        }]
    }
}

impl Tabular for AuditEvent {
    fn blocks(&self) -> Vec<Block> {
        let entry = &self.0;
        let mut blocks = vec![
            Block::Title(format!("Audit event {}", entry.seq)),
            Block::Fields(vec![
                ("Event", summary(entry)),
                ("At", entry.at.clone()),
                ("Agent", entry.agent.clone()),
                ("Action", entry.action.clone()),
                ("Account", entry.account.clone().unwrap_or_else(|| "-".into())),
                ("Subject", entry.subject.clone().unwrap_or_else(|| "-".into())),
                ("Hash", entry.hash.clone()),
            ]),
            Block::Title("Details".into()),
        ];
        let details = serde_json::to_string_pretty(&entry.details).unwrap_or_default();
        blocks.extend(details.lines().map(|line| Block::Line(format!("  {line}"))));
        blocks
    }
}

fn text<'v>(details: &'v Value, key: &str) -> Option<&'v str> {
    details.get(key).and_then(Value::as_str)
}

fn list(details: &Value, key: &str) -> Vec<String> {
    details
        .get(key)
        .and_then(Value::as_array)
        .map(|items| {
            items
                .iter()
                .map(|item| item.as_str().map_or_else(|| item.to_string(), str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

fn signed(prefix: char, items: &[String]) -> Vec<String> {
    items.iter().map(|item| format!("{prefix}{item}")).collect()
}

fn on_off(details: &Value, key: &str) -> &'static str {
    if details.get(key).and_then(Value::as_bool) == Some(true) {
        "on"
    } else {
        "off"
    }
}

/// One trusted domain as recorded: `+acme-corp.example and subdomains (certified by Jane Roe,
/// 2026-11-20, request REQ-2026-0042)`.
fn domain_phrase(prefix: char, domain: &Value) -> String {
    let name = text(domain, "domain").unwrap_or("?");
    let mut phrase = format!("{prefix}{name}");
    if domain.get("include_subdomains").and_then(Value::as_bool) == Some(true) {
        phrase.push_str(" and subdomains");
    }
    let mut certification = Vec::new();
    if let Some(by) = text(domain, "certified_by") {
        certification.push(format!("certified by {by}"));
    }
    if let Some(on) = text(domain, "certified_on") {
        certification.push(on.to_string());
    }
    if let Some(request) = text(domain, "request") {
        certification.push(format!("request {request}"));
    }
    if !certification.is_empty() {
        phrase.push_str(&format!(" ({})", certification.join(", ")));
    }
    phrase
}

/// What an event did, in one line: `domains add acme: +acme-corp.example (certified by Jane Roe,
/// 2026-11-20)`. Unknown actions fall back to their subject.
pub fn summary(entry: &AuditEntry) -> String {
    let d = &entry.details;
    let subject = entry.subject.clone().unwrap_or_default();
    let what = match entry.action.as_str() {
        "accounts.add" => format!(
            "{} ({}, {})",
            text(d, "name").unwrap_or("?"),
            text(d, "fax_number").unwrap_or("?"),
            text(d, "region").unwrap_or("?"),
        ),
        "accounts.set" => {
            let (before, after) = (&d["before"], &d["after"]);
            let changed: Vec<String> = ["name", "fax_number", "region", "profile", "language"]
                .iter()
                .filter(|key| before.get(**key) != after.get(**key))
                .map(|key| {
                    format!(
                        "{} {} → {}",
                        key.replace('_', " "),
                        text(before, key).unwrap_or("-"),
                        text(after, key).unwrap_or("-")
                    )
                })
                .collect();
            changed.join(", ")
        }
        "accounts.remove" => format!(
            "removed with {} user(s), {} whitelisted network(s), {} trusted domain(s)",
            list(d, "users").len(),
            list(d, "whitelist").len(),
            list(d, "trusted_domains").len()
        ),
        "users.add" => format!("+{subject}"),
        "users.remove" => format!("-{subject}"),
        "security.set" => format!(
            "spoofing protection {}, TLS required {}",
            on_off(d, "spoofing_protection"),
            on_off(d, "require_tls")
        ),
        "security.whitelist.add" | "security.whitelist.remove" => {
            let mut changes = signed('+', &list(d, "added"));
            changes.extend(signed('-', &list(d, "removed")));
            changes.join(" ")
        }
        "domains.add" => {
            let phrase = domain_phrase('+', d);
            if d.get("previous").is_some_and(|p| !p.is_null()) {
                format!("{phrase}, updated")
            } else {
                phrase
            }
        }
        "domains.remove" => {
            let mut phrase = format!("-{subject}");
            if let Some(request) = text(d, "request") {
                phrase.push_str(&format!(" (request {request})"));
            }
            phrase
        }
        "requests.process" | "requests.refuse-reused-reference" => {
            let status = text(d, "status").unwrap_or("?");
            let action = text(d, "action").unwrap_or("?");
            let mut phrase = format!("{subject} ({action}) {status}");
            let changes = &d["changes"];
            let mut moved = signed('+', &list(changes, "added"));
            moved.extend(signed('-', &list(changes, "removed")));
            if !moved.is_empty() {
                phrase.push_str(&format!(": {}", moved.join(" ")));
            }
            let mut codes: Vec<String> = Vec::new();
            for reason in d["reasons"].as_array().into_iter().flatten() {
                if let Some(code) = text(reason, "code")
                    && !codes.iter().any(|c| c == code)
                {
                    codes.push(code.to_string());
                }
            }
            if !codes.is_empty() {
                phrase.push_str(&format!(": {}", codes.join(", ")));
            }
            phrase
        }
        "domains.challenge" => format!(
            "{subject} (token expires {})",
            text(d, "expires_at").unwrap_or("?")
        ),
        "domains.prove" => format!("{subject} proved in DNS ({})", text(d, "record").unwrap_or("?")),
        "settings.set" => format!(
            "{subject} {} → {}",
            text(d, "previous").unwrap_or("-"),
            text(d, "value").unwrap_or("?")
        ),
        "import" => {
            let counts = &d["counts"];
            let kinds: Vec<String> = ["accounts", "users", "whitelist", "trusted_domains"]
                .iter()
                .filter_map(|kind| {
                    let c = &counts[*kind];
                    let n = |key: &str| c.get(key).and_then(Value::as_u64).unwrap_or(0);
                    let (created, updated, removed) = (n("created"), n("updated"), n("removed"));
                    (created + updated + removed > 0)
                        .then(|| format!("{} +{created} ~{updated} -{removed}", kind.replace('_', " ")))
                })
                .collect();
            format!(
                "{} ({}): {}",
                text(d, "file").unwrap_or(&subject),
                text(d, "format").unwrap_or("?"),
                kinds.join(", ")
            )
        }
        _ => subject.clone(),
    };
    let verb = entry.action.replace('.', " ");
    let on = match entry.action.as_str() {
        "import" => String::new(),
        "requests.refuse-reused-reference" => format!("requests process {}", account_of(entry)),
        _ => format!("{verb} {}", account_of(entry)),
    };
    let on = if on.is_empty() {
        verb
    } else {
        on.trim_end().to_string()
    };
    if what.is_empty() {
        on
    } else {
        format!("{on}: {what}")
    }
}

fn account_of(entry: &AuditEntry) -> &str {
    entry.account.as_deref().unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn entry(action: &str, subject: Option<&str>, details: Value) -> AuditEntry {
        AuditEntry {
            seq: 1,
            at: "2026-11-20T09:00:00Z".into(),
            agent: "agent".into(),
            action: action.into(),
            account: Some("acme".into()),
            subject: subject.map(str::to_string),
            details,
            hash: "00".into(),
        }
    }

    #[test]
    fn events_read_as_sentences() {
        let added = entry(
            "domains.add",
            Some("acme-corp.example"),
            json!({"domain": "acme-corp.example", "include_subdomains": false,
                   "certified_by": "Jane Roe", "certified_on": "2026-11-20", "request": null}),
        );
        assert_eq!(
            summary(&added),
            "domains add acme: +acme-corp.example (certified by Jane Roe, 2026-11-20)"
        );
        let set = entry(
            "security.set",
            None,
            json!({"spoofing_protection": true, "require_tls": false}),
        );
        assert_eq!(
            summary(&set),
            "security set acme: spoofing protection on, TLS required off"
        );
        let refused = entry(
            "requests.process",
            Some("REQ-1"),
            json!({"action": "add", "status": "refused", "changes": {"added": [], "removed": []},
                   "reasons": [{"code": "unsigned", "message": "x"}, {"code": "unsigned", "message": "y"}]}),
        );
        assert_eq!(
            summary(&refused),
            "requests process acme: REQ-1 (add) refused: unsigned"
        );
    }
}
