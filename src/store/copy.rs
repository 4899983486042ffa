//! Copying a whole store into another, empty one, on either backend: every row as it is, so that
//! the audit chain, the configuration digest, requests and import records stay intact.

use super::config::ConfigTable;
use super::sql::{Conn, Value};
use super::{Db, Store, WRITER_BEGIN};
use anyhow::{Result, bail};

/// The tables that are not configuration, with every column both backends share (PostgreSQL's
/// `trusted_domains.rowid` is its own), after the configuration tables in this order.
const RECORD_TABLES: &[(&str, &str)] = &[
    ("imports", "id, file, sha256, counts, imported_by, imported_at"),
    (
        "audit",
        "seq, at, agent, action, account, subject, details, prev_hash, hash, digest",
    ),
    ("audit_head", "id, seq, hash, digest"),
    ("config_digest", "tbl, rows, digest"),
];

/// How many rows of one table were copied.
pub struct CopiedTable {
    pub table: &'static str,
    pub rows: u64,
}

/// Every table a copy writes, in an order that satisfies the references between them.
fn tables() -> impl Iterator<Item = (&'static str, &'static str)> {
    ConfigTable::ALL
        .into_iter()
        .map(|table| (table.name(), table.columns()))
        .chain(RECORD_TABLES.iter().copied())
}

impl Db<'_> {
    /// The tables that hold rows, with how many: none for a store nothing was written to yet (the
    /// digest's zero shares that a new store records do not count).
    pub fn nonempty_tables(&self) -> Result<Vec<(&'static str, u64)>> {
        let mut found = Vec::new();
        for (table, _) in tables().filter(|(table, _)| *table != "config_digest") {
            let rows: i64 = self
                .0
                .query_row(&format!("SELECT count(*) FROM {table}"), (), |row| row.get(0))?;
            if rows > 0 {
                found.push((table, rows as u64));
            }
        }
        Ok(found)
    }
}

impl Store {
    /// Copies every row of this store into `destination`, which must be empty, in one transaction
    /// there; `accept` judges the copy before it is committed (the audit verification), and
    /// nothing is written unless it returns true. Reads this store in one snapshot.
    pub fn copy_into(
        &self,
        destination: &mut Store,
        accept: impl FnOnce(&Db<'_>) -> Result<bool>,
    ) -> Result<Option<Vec<CopiedTable>>> {
        self.snapshot(|source| {
            let target = &destination.conn;
            target.begin(match target {
                Conn::Sqlite(_) => "BEGIN IMMEDIATE",
                Conn::Postgres(_) => WRITER_BEGIN,
            })?;
            let copied = (|| {
                let occupied = Db(target).nonempty_tables()?;
                if !occupied.is_empty() {
                    let listed: Vec<String> =
                        occupied.iter().map(|(table, rows)| format!("{table} ({rows})")).collect();
                    bail!(
                        "the destination store is not empty: it has rows in {}; nothing was copied\nhint: copy into a new file or an empty database",
                        listed.join(", ")
                    );
                }
                // A new store records a zero share per table; the source's shares replace them.
                target.execute("DELETE FROM config_digest", ())?;
                let mut copied = Vec::new();
                for (table, columns) in tables() {
                    let width = columns.split(',').count();
                    let rows = target.bulk_insert(table, columns, |insert| {
                        source.0.for_each(&format!("SELECT {columns} FROM {table}"), (), |row| {
                            let values = (0..width).map(|i| row.value(i)).collect::<Result<Vec<Value<'_>>>>()?;
                            insert(&values)
                        })
                    })?;
                    copied.push(CopiedTable { table, rows });
                }
                Ok(copied)
            })();
            let keep = match copied {
                Ok(copied) => match accept(&Db(target)) {
                    Ok(true) => Some(copied),
                    Ok(false) => None,
                    Err(err) => {
                        let _ = target.end("ROLLBACK");
                        return Err(err);
                    }
                },
                Err(err) => {
                    let _ = target.end("ROLLBACK");
                    return Err(err);
                }
            };
            target.end(if keep.is_some() { "COMMIT" } else { "ROLLBACK" })?;
            Ok(keep)
        })
    }
}
