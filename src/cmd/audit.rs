//! `xmfax audit`: read the audit trail and verify its hash chain.

use super::{Ctx, Outcome, account_candidates};
use crate::output::{self, Block, Tabular};
use crate::policy::audit;
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
    /// Verify the hash chain: exit 1 naming the first broken row if any row was edited, deleted or inserted
    Verify,
}

/// JSON `{"passed", "rows", "first_break": {"seq", "reason"} | null}`.
#[derive(Debug, Serialize)]
struct VerifyReport {
    passed: bool,
    rows: usize,
    first_break: Option<BreakView>,
}

#[derive(Debug, Serialize)]
struct BreakView {
    seq: i64,
    reason: String,
}

impl Tabular for VerifyReport {
    fn blocks(&self) -> Vec<Block> {
        match &self.first_break {
            None => vec![Block::Line(format!(
                "Audit chain intact: {} row(s) verified.",
                self.rows
            ))],
            Some(b) => vec![Block::Line(format!(
                "Audit chain BROKEN at row {}: {}",
                b.seq, b.reason
            ))],
        }
    }
}

pub fn run(ctx: &Ctx, command: AuditCommand) -> Result<Outcome> {
    match command {
        AuditCommand::Log { account, limit, all } => log(ctx, account.as_deref(), (!all).then_some(limit)),
        AuditCommand::Show { seq } => show(ctx, seq),
        AuditCommand::Verify => verify(ctx),
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

fn verify(ctx: &Ctx) -> Result<Outcome> {
    let store = ctx.read_store()?;
    let rows = store.db().audit_chain()?;
    let head = store.db().audit_head()?;
    let report = match audit::verify(&rows, head.as_ref()) {
        Ok(count) => VerifyReport {
            passed: true,
            rows: count,
            first_break: None,
        },
        Err(b) => VerifyReport {
            passed: false,
            rows: rows.len(),
            first_break: Some(BreakView {
                seq: b.seq,
                reason: b.reason,
            }),
        },
    };
    output::emit(ctx.format, &report)?;
    Ok(Outcome::from_verdict(report.passed))
}
