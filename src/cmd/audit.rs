//! `xmfax audit`: read the audit trail, verify its hash chain and the configuration it vouches for,
//! and print its head.

use super::{Ctx, Outcome, account_candidates};
use crate::output::{self, Block, Tabular};
use crate::policy::audit::{self, ChainOutcome, ChainVerifier, Digest, GENESIS_HASH, Head, TableDigest};
use crate::store::Db;
use anyhow::{Result, bail};
use clap::Subcommand;
use clap_complete::ArgValueCandidates;
use serde::Serialize;

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Show audit events, one line each, the newest last
    Log {
        /// Only events about this account
        #[arg(long, add = ArgValueCandidates::new(account_candidates))]
        account: Option<String>,
        /// Show the newest N events
        #[arg(long, value_name = "N", default_value_t = 50, conflicts_with = "all")]
        limit: u32,
        /// Show every event
        #[arg(long)]
        all: bool,
    },
    /// Show one audit event with its full details
    Show {
        /// The event's sequence number (the SEQ column of `audit log`)
        #[arg(value_name = "SEQ")]
        seq: i64,
    },
    /// Verify the hash chain and the configuration: exit 1 naming the first broken row, or each table
    /// changed behind xmfax's back
    Verify {
        /// A head hash recorded earlier (`xmfax audit head`): also prove the store still descends from
        /// it (exit 1 when no row of the chain has this hash)
        #[arg(long, value_name = "HASH")]
        expect: Option<String>,
    },
    /// Print the chain's head (sequence, hash, configuration digest), to keep outside the store
    Head,
}

/// JSON `{"passed", "rows", "first_break": {"seq", "reason"} | null, "configuration": {"passed",
/// "digest", "recorded", "tampered": [{"code", "table", "message"}]}, "expected": {"hash", "found",
/// "seq"} | null}`.
#[derive(Debug, Serialize)]
struct VerifyReport {
    passed: bool,
    rows: u64,
    first_break: Option<BreakView>,
    configuration: ConfigurationView,
    expected: Option<ExpectedView>,
}

#[derive(Debug, Serialize)]
struct BreakView {
    seq: i64,
    reason: String,
}

/// The configuration as recomputed from the tables against the digest the chain records.
#[derive(Debug, Serialize)]
struct ConfigurationView {
    passed: bool,
    /// Recomputed from the tables now.
    digest: String,
    /// On the newest audit row (null when the chain has no digest to compare with).
    recorded: Option<String>,
    tampered: Vec<TamperView>,
}

#[derive(Debug, Serialize)]
struct TamperView {
    code: &'static str,
    table: String,
    message: String,
}

#[derive(Debug, Serialize)]
struct ExpectedView {
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

/// JSON `{"seq", "hash", "digest"}`.
#[derive(Debug, Serialize)]
struct HeadView {
    seq: i64,
    hash: String,
    digest: String,
}

impl Tabular for HeadView {
    fn blocks(&self) -> Vec<Block> {
        vec![Block::Fields(vec![
            ("Sequence", self.seq.to_string()),
            ("Hash", self.hash.clone()),
            ("Digest", self.digest.clone()),
        ])]
    }
}

pub fn run(ctx: &Ctx, command: AuditCommand) -> Result<Outcome> {
    match command {
        AuditCommand::Log { account, limit, all } => log(ctx, account.as_deref(), (!all).then_some(limit)),
        AuditCommand::Show { seq } => show(ctx, seq),
        AuditCommand::Verify { expect } => verify(ctx, expect.as_deref()),
        AuditCommand::Head => head(ctx),
    }
}

fn log(ctx: &Ctx, account: Option<&str>, limit: Option<u32>) -> Result<Outcome> {
    let store = ctx.read_store()?;
    let entries = store.db().audit_log(account, limit)?;
    let total = store.db().audit_count(account)?;
    if (entries.len() as i64) < total {
        ctx.note(&format!(
            "note: the newest {} of {total} events; --limit N or --all shows more",
            entries.len()
        ));
    }
    output::emit(ctx.format, &output::AuditLog(entries))?;
    Ok(Outcome::Success)
}

fn show(ctx: &Ctx, seq: i64) -> Result<Outcome> {
    let store = ctx.read_store()?;
    let Some(entry) = store.db().audit_event(seq)? else {
        let total = store.db().audit_count(None)?;
        bail!(
            "no audit event {seq}: the trail has events 1 to {total}\nhint: `xmfax audit log` shows their numbers"
        );
    };
    output::emit(ctx.format, &output::AuditEvent(entry))?;
    Ok(Outcome::Success)
}

fn verify(ctx: &Ctx, expect: Option<&str>) -> Result<Outcome> {
    if let Some(hash) = expect
        && !audit::is_hash(hash)
    {
        bail!(
            "--expect {hash:?} is not a head hash\nhint: give the 64 hex digits `xmfax audit head` printed"
        );
    }
    let store = ctx.read_store()?;
    let report = store.snapshot(|db| {
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
    })?;
    output::emit(ctx.format, &report)?;
    Ok(Outcome::from_verdict(report.passed))
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

fn head(ctx: &Ctx) -> Result<Outcome> {
    let store = ctx.read_store()?;
    let head = store.db().audit_head()?;
    let view = match head {
        Some(head) => HeadView {
            seq: head.seq,
            hash: head.hash,
            digest: head.digest.unwrap_or_default(),
        },
        None => HeadView {
            seq: 0,
            hash: GENESIS_HASH.to_string(),
            digest: Digest::ZERO.to_hex(),
        },
    };
    output::emit(ctx.format, &view)?;
    Ok(Outcome::Success)
}
