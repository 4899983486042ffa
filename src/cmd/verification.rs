//! Verifying a store's audit chain and the configuration it vouches for: what `audit verify`
//! reports, and what `store copy` checks on the copy it made.

use crate::output::{Block, Tabular};
use crate::policy::audit::{self, ChainOutcome, ChainVerifier, Digest, Head, TableDigest};
use crate::store::Db;
use anyhow::Result;
use serde::Serialize;

/// JSON `{"passed", "rows", "first_break": {"seq", "reason"} | null, "configuration": {"passed",
/// "digest", "recorded", "tampered": [{"code", "table", "message"}]}, "expected": {"hash", "found",
/// "seq"} | null}`.
#[derive(Debug, Serialize)]
pub struct VerifyReport {
    pub passed: bool,
    rows: u64,
    first_break: Option<BreakView>,
    configuration: ConfigurationView,
    expected: Option<ExpectedView>,
}

#[derive(Debug, Serialize)]
pub struct BreakView {
    seq: i64,
    reason: String,
}

/// The configuration as recomputed from the tables against the digest the chain records.
#[derive(Debug, Serialize)]
pub struct ConfigurationView {
    pub passed: bool,
    /// Recomputed from the tables now.
    digest: String,
    /// On the newest audit row (null when the chain has no digest to compare with).
    recorded: Option<String>,
    tampered: Vec<TamperView>,
}

#[derive(Debug, Serialize)]
pub struct TamperView {
    code: &'static str,
    table: String,
    message: String,
}

#[derive(Debug, Serialize)]
pub struct ExpectedView {
    hash: String,
    found: bool,
    /// The row that has this hash.
    seq: Option<i64>,
}

impl Tabular for VerifyReport {
    fn blocks(&self) -> Vec<Block> {
        let mut lines = vec![match &self.first_break {
            None => format!("Audit chain intact: {} row(s) verified.", self.rows),
            Some(b) => format!("Audit chain BROKEN at row {}: {}", b.seq, b.reason),
        }];
        let configuration = &self.configuration;
        if configuration.passed {
            lines.push(format!(
                "Configuration matches the audit chain (digest {}).",
                configuration.digest
            ));
        } else {
            for t in &configuration.tampered {
                lines.push(format!("Configuration TAMPERED ({}): {}", t.table, t.message));
            }
        }
        if let Some(expected) = &self.expected {
            lines.push(match expected.seq {
                Some(seq) => format!(
                    "The store descends from head {} (row {seq}).",
                    expected.hash
                ),
                None => format!(
                    "NOT FOUND: no row of this chain has the hash {}; the store does not descend from that head (rewritten, or another store).",
                    expected.hash
                ),
            });
        }
        lines.into_iter().map(Block::Line).collect()
    }
}

/// Verifies the chain (and that it descends from `expect`, a head hash, if given) and the
/// configuration, reading `db` once.
pub fn verify(db: &Db<'_>, expect: Option<&str>) -> Result<VerifyReport> {
    let mut verifier = ChainVerifier::new(expect);
    db.each_audit_row(|row| verifier.push(row))?;
    let head = db.audit_head()?;
    let chain = verifier.finish(head.as_ref());
    let configuration = check_configuration(db, &chain, head.as_ref())?;
    let expected = expect.map(|hash| ExpectedView {
        hash: hash.trim().to_ascii_lowercase(),
        found: chain.expected_at.is_some(),
        seq: chain.expected_at,
    });
    Ok(VerifyReport {
        passed: chain.first_break.is_none()
            && configuration.passed
            && expected.as_ref().is_none_or(|e| e.found),
        rows: chain.rows,
        first_break: chain.first_break.map(|b| BreakView {
            seq: b.seq,
            reason: b.reason,
        }),
        configuration,
        expected,
    })
}

/// Recomputes the configuration digest from the tables (one streamed pass) and compares it with the
/// digest on the newest audit row, which the chain vouches for.
fn check_configuration(db: &Db<'_>, chain: &ChainOutcome, head: Option<&Head>) -> Result<ConfigurationView> {
    let actual = db.recompute_config_digest()?;
    let mut digest = Digest::ZERO;
    for (_, share) in &actual {
        digest.add(share.digest);
    }
    let recorded = db.recorded_config_digest()?;
    let mut tampered = Vec::new();
    let chained = match (&chain.last_digest, chain.rows) {
        (Some(text), _) => Digest::from_hex(text),
        (None, 0) => Some(Digest::ZERO),
        (None, _) => None,
    };
    let head_digest = head.and_then(|h| h.digest.clone());
    if head.is_some() && head_digest != chain.last_digest {
        tampered.push(TamperView {
            code: "configuration-tampered",
            table: "audit_head".into(),
            message: "the head's digest differs from the one on the newest audit row".into(),
        });
    }
    match chained {
        None => tampered.push(TamperView {
            code: "configuration-tampered",
            table: "audit".into(),
            message: "the newest audit row records no configuration digest to compare with".into(),
        }),
        Some(chained) => {
            let actual: Vec<(&str, TableDigest)> =
                actual.iter().map(|(t, share)| (t.name(), *share)).collect();
            let recorded: Vec<(&str, TableDigest)> =
                recorded.iter().map(|(t, share)| (t.as_str(), *share)).collect();
            for finding in audit::configuration_findings(&actual, &recorded, chained) {
                tampered.push(TamperView {
                    code: "configuration-tampered",
                    table: finding.table,
                    message: finding.message,
                });
            }
        }
    }
    Ok(ConfigurationView {
        passed: tampered.is_empty(),
        digest: digest.to_hex(),
        recorded: chain.last_digest.clone(),
        tampered,
    })
}
