//! `xmfax audit`: read the audit trail and verify its hash chain.

use super::{Ctx, Outcome, account_candidates};
use crate::output::{self, Block, Tabular};
use crate::policy::audit;
use anyhow::Result;
use clap::Subcommand;
use clap_complete::ArgValueCandidates;
use serde::Serialize;

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Show audit rows, newest first, printed as they are read (page with --limit and --after)
    Log {
        /// Only rows about this account
        #[arg(long, add = ArgValueCandidates::new(account_candidates))]
        account: Option<String>,
        /// At most N rows
        #[arg(long, value_name = "N")]
        limit: Option<u32>,
        /// Start after this row (the last SEQ of the previous page): only older rows
        #[arg(long, value_name = "SEQ")]
        after: Option<i64>,
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
        AuditCommand::Log {
            account,
            limit,
            after,
        } => log(ctx, account.as_deref(), after, limit),
        AuditCommand::Verify => verify(ctx),
    }
}

fn log(ctx: &Ctx, account: Option<&str>, after: Option<i64>, limit: Option<u32>) -> Result<Outcome> {
    ctx.read_store()?.snapshot(|db| {
        db.stream_audit_log(account, after, limit, |rows| output::emit_rows(ctx.format, rows))
    })?;
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
