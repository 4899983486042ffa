//! SQL for the hash-chained audit trail: appending a row with its hash, and reading the chain back.

use super::{Db, Tx};
use crate::model::AuditEntry;
use crate::policy::audit::{AuditFields, ChainedRow, GENESIS_HASH, Head, row_hash};
use anyhow::Result;
use rusqlite::{OptionalExtension, params};

impl Tx<'_> {
    /// Appends an audit row chained to the current head. Runs inside the change's own transaction,
    /// which holds the write lock, so the chain stays linear under concurrent writers.
    pub fn audit(
        &mut self,
        action: &str,
        account: Option<&str>,
        subject: Option<&str>,
        details: serde_json::Value,
    ) -> Result<()> {
        let head = self.db().audit_head()?;
        let (prev_seq, prev_hash) = head.map_or((0, GENESIS_HASH.to_string()), |h| (h.seq, h.hash));
        let fields = AuditFields {
            seq: prev_seq + 1,
            at: self.now(),
            agent: self.agent.to_string(),
            action: action.to_string(),
            account: account.map(str::to_string),
            subject: subject.map(str::to_string),
            details: details.to_string(),
        };
        let hash = row_hash(&prev_hash, &fields);
        self.tx.execute(
            "INSERT INTO audit (seq, at, agent, action, account, subject, details, prev_hash, hash)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                fields.seq,
                fields.at,
                fields.agent,
                fields.action,
                fields.account,
                fields.subject,
                fields.details,
                prev_hash,
                hash
            ],
        )?;
        self.tx.execute(
            "INSERT INTO audit_head (id, seq, hash) VALUES (1, ?1, ?2)
             ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash",
            params![fields.seq, hash],
        )?;
        Ok(())
    }
}

impl Db<'_> {
    pub fn audit_head(&self) -> Result<Option<Head>> {
        Ok(self
            .0
            .query_row("SELECT seq, hash FROM audit_head WHERE id = 1", [], |row| {
                Ok(Head {
                    seq: row.get(0)?,
                    hash: row.get(1)?,
                })
            })
            .optional()?)
    }

    /// Every audit row in sequence order, as stored, for verification.
    pub fn audit_chain(&self) -> Result<Vec<ChainedRow>> {
        let mut stmt = self.0.prepare(
            "SELECT seq, at, agent, action, account, subject, details, prev_hash, hash FROM audit ORDER BY seq",
        )?;
        let rows = stmt.query_map([], |row| {
            Ok(ChainedRow {
                fields: AuditFields {
                    seq: row.get(0)?,
                    at: row.get(1)?,
                    agent: row.get(2)?,
                    action: row.get(3)?,
                    account: row.get(4)?,
                    subject: row.get(5)?,
                    details: row.get(6)?,
                },
                prev_hash: row.get(7)?,
                hash: row.get(8)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Streams audit rows to `consume`, newest first: those of `account` (or all), older than the
    /// row `before` (the previous page's last), at most `limit`.
    pub fn stream_audit_log<T>(
        &self,
        account: Option<&str>,
        before: Option<i64>,
        limit: Option<u32>,
        consume: impl FnOnce(&mut dyn Iterator<Item = Result<AuditEntry>>) -> Result<T>,
    ) -> Result<T> {
        let limit = super::sql_limit(limit);
        // Separate statements: `?1 IS NULL OR account = ?1` would keep the index on account unused,
        // and a `seq < ?` bound that is always there would make a scan look like a search.
        let (filter, params): (&str, Vec<&dyn rusqlite::ToSql>) = match (&account, &before) {
            (None, None) => ("1", vec![&limit]),
            (None, Some(seq)) => ("seq < ?2", vec![&limit, seq]),
            (Some(id), None) => ("account = ?2", vec![&limit, id]),
            (Some(id), Some(seq)) => ("account = ?2 AND seq < ?3", vec![&limit, id, seq]),
        };
        let mut stmt = self.0.prepare(&format!(
            "SELECT seq, at, agent, action, account, subject, details, hash FROM audit
             WHERE {filter} ORDER BY seq DESC LIMIT ?1"
        ))?;
        super::scale::stream(&mut stmt, &params, audit_entry_from_row, consume)
    }
}

fn audit_entry_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<AuditEntry> {
    let details: String = row.get(6)?;
    Ok(AuditEntry {
        seq: row.get(0)?,
        at: row.get(1)?,
        agent: row.get(2)?,
        action: row.get(3)?,
        account: row.get(4)?,
        subject: row.get(5)?,
        details: serde_json::from_str(&details).unwrap_or(serde_json::Value::String(details)),
        hash: row.get(7)?,
    })
}
