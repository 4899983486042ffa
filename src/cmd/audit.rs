//! `xmfax audit`: read the audit trail, verify its hash chain and the configuration it vouches for,
//! and print its head.

use super::{Ctx, Outcome, account_candidates, verification};
use crate::output::{self, Block, Tabular};
use crate::policy::audit::{self, Digest, GENESIS_HASH};
use anyhow::{Result, bail};
use clap::Subcommand;
use clap_complete::ArgValueCandidates;
use serde::Serialize;

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Show audit events, one line each, the newest last (page back with --after)
    Log {
        /// Only events about this account
        #[arg(long, add = ArgValueCandidates::new(account_candidates))]
        account: Option<String>,
        /// Show the newest N events
        #[arg(long, value_name = "N", default_value_t = 50, conflicts_with = "all")]
        limit: u32,
        /// Show every event, streamed as it is read
        #[arg(long)]
        all: bool,
        /// Continue from the previous page: only events older than SEQ (the first SEQ it showed)
        #[arg(long, value_name = "SEQ")]
        after: Option<i64>,
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
        AuditCommand::Log {
            account,
            limit,
            all,
            after,
        } => log(ctx, account.as_deref(), after, (!all).then_some(limit)),
        AuditCommand::Show { seq } => show(ctx, seq),
        AuditCommand::Verify { expect } => verify(ctx, expect.as_deref()),
        AuditCommand::Head => head(ctx),
    }
}

/// The newest `newest` events older than `before` (or every one), oldest first. A page is read one
/// row past its size, so the note about older events costs nothing on a long trail.
fn log(ctx: &Ctx, account: Option<&str>, before: Option<i64>, newest: Option<u32>) -> Result<Outcome> {
    let store = ctx.read_store()?;
    store.snapshot(|db| match newest {
        None => db.stream_audit_log(account, before, None, |rows| output::emit_rows(ctx.format, rows)),
        Some(n) => {
            let mut page = db.stream_audit_log(account, before, Some(n.saturating_add(1)), |rows| {
                rows.collect::<Result<Vec<_>>>()
            })?;
            if page.len() > n as usize {
                let older = page.remove(0);
                let first = page.first().map_or(older.seq + 1, |entry| entry.seq);
                ctx.note(&format!(
                    "note: the newest {n} events; older ones: --after {first}, or --all for every one"
                ));
            }
            output::emit_rows(ctx.format, &mut page.into_iter().map(Ok))
        }
    })?;
    Ok(Outcome::Success)
}

fn show(ctx: &Ctx, seq: i64) -> Result<Outcome> {
    let store = ctx.read_store()?;
    let Some(entry) = store.db().audit_event(seq)? else {
        let total = store.db().audit_last_seq()?;
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
    let report = store.snapshot(|db| verification::verify(db, expect))?;
    output::emit(ctx.format, &report)?;
    Ok(Outcome::from_verdict(report.passed))
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
