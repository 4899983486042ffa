//! SQL for the hash-chained audit trail: appending a row with its hash and the configuration digest
//! after its change, reading the chain back as a stream, and the migration that starts the digest.

use super::config::ConfigTable;
use super::sql::{Conn, Param, Row, params};
use super::{Db, Tx};
use crate::model::AuditEntry;
use crate::policy::audit::{AuditFields, Digest, GENESIS_HASH, Head, RowRef, TableDigest, row_hash};
use anyhow::{Result, bail};
use chrono::Utc;

impl Tx<'_> {
    /// Appends an audit row chained to the current head. Runs inside the change's own transaction,
    /// which holds the write lock, so the chain stays linear under concurrent writers. The digest
    /// change of the rows written since the previous audit row is folded into the record here.
    pub fn audit(
        &mut self,
        action: &str,
        account: Option<&str>,
        subject: Option<&str>,
        details: serde_json::Value,
    ) -> Result<()> {
        let head = self.db().audit_head()?;
        let mut digest = match &head {
            None => Digest::ZERO,
            Some(head) => match head.digest.as_deref().and_then(Digest::from_hex) {
                Some(digest) => digest,
                None => bail!(
                    "the audit head has no readable configuration digest, so this change cannot be recorded\nhint: `xmfax audit verify` tells what was changed behind xmfax's back"
                ),
            },
        };
        for table in ConfigTable::ALL {
            let change = self.pending.tables[table as usize];
            if change == TableDigest::default() {
                continue;
            }
            let kept = self.db().recorded_table_digest(table.name())?;
            let mut share = kept;
            share.rows += change.rows;
            share.digest.add(change.digest);
            self.tx.execute(
                "INSERT INTO config_digest (tbl, rows, digest) VALUES (?1, ?2, ?3)
                 ON CONFLICT (tbl) DO UPDATE SET rows = excluded.rows, digest = excluded.digest",
                params![table.name(), share.rows, share.digest.to_hex()],
            )?;
            digest.add(change.digest);
        }
        self.pending = Default::default();
        let at = self.now();
        append(
            self.tx,
            head.as_ref(),
            AuditFields {
                seq: 0,
                at,
                agent: self.agent.to_string(),
                action: action.to_string(),
                account: account.map(str::to_string),
                subject: subject.map(str::to_string),
                details: details.to_string(),
                digest: Some(digest.to_hex()),
            },
        )
    }
}

/// Writes the row after `head` (numbering it) and moves the head to it.
fn append(conn: &Conn, head: Option<&Head>, mut fields: AuditFields) -> Result<()> {
    let (prev_seq, prev_hash) = head.map_or((0, GENESIS_HASH), |h| (h.seq, h.hash.as_str()));
    fields.seq = prev_seq + 1;
    let hash = row_hash(prev_hash, &fields);
    conn.execute(
        "INSERT INTO audit (seq, at, agent, action, account, subject, details, prev_hash, hash, digest)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            fields.seq,
            fields.at,
            fields.agent,
            fields.action,
            fields.account,
            fields.subject,
            fields.details,
            prev_hash,
            hash,
            fields.digest,
        ],
    )?;
    conn.execute(
        "INSERT INTO audit_head (id, seq, hash, digest) VALUES (1, ?1, ?2, ?3)
         ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, digest = excluded.digest",
        params![fields.seq, hash, fields.digest],
    )?;
    Ok(())
}

/// Migration: the configuration digest. Adds the digest to audit rows and the head, records each
/// table's share, and, for a store that already has a history or a configuration, computes the
/// digest from its rows and records it with an audit row (`store.digest-initialized`).
pub(super) fn start_configuration_digest(tx: &Conn) -> Result<()> {
    tx.execute_batch(
        "ALTER TABLE audit ADD COLUMN digest TEXT;   -- the configuration digest after the row's change (hex)
         ALTER TABLE audit_head ADD COLUMN digest TEXT;
         CREATE TABLE config_digest (                 -- each configuration table's share of the digest
             tbl     TEXT PRIMARY KEY,
             rows    INTEGER NOT NULL,
             digest  TEXT NOT NULL                    -- sum mod 2^256 of its rows' SHA-256 (hex)
         ) STRICT;",
    )?;
    record_initial_digest(tx)
}

/// Computes the digest of the rows a store already has, records each table's share, and, when the
/// store has a history or a configuration, records it with an audit row (`store.digest-initialized`).
pub(super) fn record_initial_digest(tx: &Conn) -> Result<()> {
    let db = Db(tx);
    let tables = db.recompute_config_digest()?;
    let mut total = Digest::ZERO;
    let mut counts = serde_json::Map::new();
    for (table, share) in &tables {
        tx.execute(
            "INSERT INTO config_digest (tbl, rows, digest) VALUES (?1, ?2, ?3)",
            params![table.name(), share.rows, share.digest.to_hex()],
        )?;
        total.add(share.digest);
        counts.insert(table.name().to_string(), serde_json::json!(share.rows));
    }
    let head = db.audit_head()?;
    if head.is_none() && tables.iter().all(|(_, share)| share.rows == 0) {
        return Ok(());
    }
    append(
        tx,
        head.as_ref(),
        AuditFields {
            seq: 0,
            at: super::timestamp(Utc::now()),
            agent: "xmfax (migration)".to_string(),
            action: "store.digest-initialized".to_string(),
            account: None,
            subject: None,
            details: serde_json::json!({"digest": total.to_hex(), "rows": counts}).to_string(),
            digest: Some(total.to_hex()),
        },
    )
}

impl Db<'_> {
    pub fn audit_head(&self) -> Result<Option<Head>> {
        self.0.query_opt(
            "SELECT seq, hash, digest FROM audit_head WHERE id = 1",
            (),
            |row| {
                Ok(Head {
                    seq: row.get(0)?,
                    hash: row.get(1)?,
                    digest: row.get(2)?,
                })
            },
        )
    }

    /// One table's share of the digest as recorded (zero when the record has no row for it).
    fn recorded_table_digest(&self, table: &str) -> Result<TableDigest> {
        let found = self.0.query_opt(
            "SELECT rows, digest FROM config_digest WHERE tbl = ?1",
            [table],
            |row| Ok((row.get::<i64>(0)?, row.get::<String>(1)?)),
        )?;
        match found {
            None => Ok(TableDigest::default()),
            Some((rows, digest)) => match Digest::from_hex(&digest) {
                Some(digest) => Ok(TableDigest { rows, digest }),
                None => bail!(
                    "the recorded digest of {table} is unreadable, so this change cannot be recorded\nhint: `xmfax audit verify` tells what was changed behind xmfax's back"
                ),
            },
        }
    }

    /// Calls `visit` with every audit row in sequence order, borrowed from the statement: the chain
    /// is read in constant memory however long it is.
    pub fn each_audit_row(&self, mut visit: impl FnMut(&RowRef<'_>)) -> Result<()> {
        self.0.for_each(
            "SELECT seq, at, agent, action, account, subject, details, digest, prev_hash, hash FROM audit ORDER BY seq",
            (),
            |row| {
                visit(&RowRef {
                    seq: row.get(0)?,
                    at: row.get(1)?,
                    agent: row.get(2)?,
                    action: row.get(3)?,
                    account: row.get(4)?,
                    subject: row.get(5)?,
                    details: row.get(6)?,
                    digest: row.get(7)?,
                    prev_hash: row.get(8)?,
                    hash: row.get(9)?,
                });
                Ok(())
            },
        )
    }

    /// Every audit row in sequence order, in memory (tests).
    #[cfg(test)]
    pub fn audit_chain(&self) -> Result<Vec<crate::policy::audit::ChainedRow>> {
        let mut chain = Vec::new();
        self.each_audit_row(|row| {
            chain.push(crate::policy::audit::ChainedRow {
                fields: AuditFields {
                    seq: row.seq,
                    at: row.at.to_string(),
                    agent: row.agent.to_string(),
                    action: row.action.to_string(),
                    account: row.account.map(str::to_string),
                    subject: row.subject.map(str::to_string),
                    details: row.details.to_string(),
                    digest: row.digest.map(str::to_string),
                },
                prev_hash: row.prev_hash.to_string(),
                hash: row.hash.to_string(),
            })
        })?;
        Ok(chain)
    }

    /// Streams audit rows to `consume`, oldest first: those of `account` (or all) older than the row
    /// `before` (the first of the previous page), either every one or only the newest `newest`.
    pub fn stream_audit_log<T>(
        &self,
        account: Option<&str>,
        before: Option<i64>,
        newest: Option<u32>,
        consume: impl FnOnce(&mut dyn Iterator<Item = Result<AuditEntry>>) -> Result<T>,
    ) -> Result<T> {
        // Separate statements: `?1 IS NULL OR account = ?1` would keep the index on account unused,
        // and a `seq < ?` bound that is always there would make a scan look like a search.
        let (filter, params): (&str, Vec<&dyn Param>) = match (&account, &before) {
            (None, None) => ("TRUE", vec![]),
            (None, Some(seq)) => ("seq < ?1", vec![seq]),
            (Some(id), None) => ("account = ?1", vec![id]),
            (Some(id), Some(seq)) => ("account = ?1 AND seq < ?2", vec![id, seq]),
        };
        const COLUMNS: &str = "seq, at, agent, action, account, subject, details, hash";
        let sql = match newest {
            // The newest N, read newest first through the index, then put back in order (N rows).
            Some(n) => format!(
                "SELECT * FROM (SELECT {COLUMNS} FROM audit WHERE {filter} ORDER BY seq DESC LIMIT {n}) AS newest
                 ORDER BY seq"
            ),
            None => format!("SELECT {COLUMNS} FROM audit WHERE {filter} ORDER BY seq"),
        };
        self.0.stream(&sql, params, audit_entry, consume)
    }

    /// The newest row's sequence number (0 for an empty trail).
    pub fn audit_last_seq(&self) -> Result<i64> {
        self.0
            .query_row("SELECT coalesce(max(seq), 0) FROM audit", (), |row| row.get(0))
    }

    /// One audit row by its sequence number.
    pub fn audit_event(&self, seq: i64) -> Result<Option<AuditEntry>> {
        self.0.query_opt(
            "SELECT seq, at, agent, action, account, subject, details, hash FROM audit WHERE seq = ?1",
            params![seq],
            audit_entry,
        )
    }
}

fn audit_entry(row: &Row<'_>) -> Result<AuditEntry> {
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
