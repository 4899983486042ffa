//! The one place configuration rows are written (accounts with their security settings, users,
//! whitelist, trusted domains, requests), so that every write keeps the configuration digest: each
//! statement returns the rows it wrote or removed, whose hashes are added to or subtracted from the
//! transaction's pending digest, which the next audit row folds into the head and records.

use super::{Db, Tx};
use crate::policy::audit::{Cell, Digest, RowHasher, TableDigest};
use anyhow::Result;
use rusqlite::types::ValueRef;
use rusqlite::{Row, ToSql};
use std::sync::LazyLock;

/// A table whose rows are part of the configuration digest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfigTable {
    Accounts,
    Users,
    Whitelist,
    TrustedDomains,
    Requests,
}

impl ConfigTable {
    pub const ALL: [ConfigTable; 5] = [
        ConfigTable::Accounts,
        ConfigTable::Users,
        ConfigTable::Whitelist,
        ConfigTable::TrustedDomains,
        ConfigTable::Requests,
    ];

    pub fn name(self) -> &'static str {
        match self {
            ConfigTable::Accounts => "accounts",
            ConfigTable::Users => "users",
            ConfigTable::Whitelist => "whitelist",
            ConfigTable::TrustedDomains => "trusted_domains",
            ConfigTable::Requests => "requests",
        }
    }

    /// Every column of the table, in the canonical order its rows are hashed in (a test checks that
    /// no column is left out).
    pub fn columns(self) -> &'static str {
        match self {
            ConfigTable::Accounts => {
                "id, name, fax_number, region, profile, language, spoofing_protection, require_tls, created_at, updated_at"
            }
            ConfigTable::Users => "email_key, account_id, email, profile, language, fax_number, created_at",
            ConfigTable::Whitelist => "account_id, network, created_at",
            ConfigTable::TrustedDomains => {
                "domain, account_id, include_subdomains, certified_by, certified_on, request_ref, import_id, added_by, added_at"
            }
            ConfigTable::Requests => {
                "reference, account_id, action, status, form_text, form_sha256, signed_by, signed_on, reasons, changes, processed_by, processed_at"
            }
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// `INSERT … RETURNING` for each table, plain and ignoring a conflicting key.
static INSERT_SQL: LazyLock<[[String; 2]; 5]> = LazyLock::new(|| {
    ConfigTable::ALL.map(|table| {
        let columns = table.columns();
        let placeholders = (1..=columns.split(',').count())
            .map(|i| format!("?{i}"))
            .collect::<Vec<_>>()
            .join(", ");
        let name = table.name();
        let sql = |conflict: &str| {
            format!("INSERT INTO {name} ({columns}) VALUES ({placeholders}){conflict} RETURNING {columns}")
        };
        [sql(""), sql(" ON CONFLICT DO NOTHING")]
    })
});

/// The digest change a transaction has made and not yet recorded on an audit row.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct PendingDigest {
    pub tables: [TableDigest; 5],
    /// A configuration row was written since the last audit row.
    pub dirty: bool,
}

impl PendingDigest {
    fn add(&mut self, table: ConfigTable, digest: Digest) {
        let t = &mut self.tables[table.index()];
        t.rows += 1;
        t.digest.add(digest);
        self.dirty = true;
    }

    fn sub(&mut self, table: ConfigTable, digest: Digest) {
        let t = &mut self.tables[table.index()];
        t.rows -= 1;
        t.digest.sub(digest);
        self.dirty = true;
    }
}

/// The hash of a row read with the table's canonical columns.
pub(super) fn row_digest(table: ConfigTable, row: &Row<'_>, columns: usize) -> rusqlite::Result<Digest> {
    let mut hasher = RowHasher::new(table.name());
    for i in 0..columns {
        hasher.cell(match row.get_ref(i)? {
            ValueRef::Null => Cell::Null,
            ValueRef::Integer(n) => Cell::Integer(n),
            ValueRef::Real(x) => Cell::Real(x),
            ValueRef::Text(t) => Cell::Text(t),
            ValueRef::Blob(b) => Cell::Blob(b),
        });
    }
    Ok(hasher.finish())
}

/// Whether the rows a statement returns are added to the digest or taken out of it.
#[derive(Clone, Copy)]
enum Effect {
    Added,
    Removed,
}

impl Tx<'_> {
    /// Inserts one row, `values` in the table's canonical column order; with `ignore_conflict`, a
    /// row whose key exists is skipped. Returns how many rows were inserted (0 or 1).
    pub(super) fn insert_row(
        &mut self,
        table: ConfigTable,
        values: &[&dyn ToSql],
        ignore_conflict: bool,
    ) -> Result<usize> {
        let sql = &INSERT_SQL[table.index()][usize::from(ignore_conflict)];
        self.run_returning(table, sql, values, Effect::Added)
    }

    /// Deletes the rows for which `condition` (SQL over the table's columns, parameters `?1`…) holds.
    /// Returns how many were deleted.
    pub(super) fn delete_rows(
        &mut self,
        table: ConfigTable,
        condition: &str,
        params: &[&dyn ToSql],
    ) -> Result<usize> {
        let sql = format!(
            "DELETE FROM {} WHERE {condition} RETURNING {}",
            table.name(),
            table.columns()
        );
        self.run_returning(table, &sql, params, Effect::Removed)
    }

    /// Updates the rows for which `condition` holds with `assignments` (`column = expression, …`).
    /// The condition must use the first parameters (`?1`…`?k`) and only those, since the rows are
    /// first read with it alone; the assignments may use any. Returns how many rows were updated.
    pub(super) fn update_rows(
        &mut self,
        table: ConfigTable,
        assignments: &str,
        condition: &str,
        params: &[&dyn ToSql],
    ) -> Result<usize> {
        let select = format!(
            "SELECT {} FROM {} WHERE {condition}",
            table.columns(),
            table.name()
        );
        self.run_returning(table, &select, params, Effect::Removed)?;
        let update = format!(
            "UPDATE {} SET {assignments} WHERE {condition} RETURNING {}",
            table.name(),
            table.columns()
        );
        self.run_returning(table, &update, params, Effect::Added)
    }

    /// Runs a statement that returns rows of `table` in canonical column order, binding as many of
    /// `params` as it has parameters, and adds or subtracts each returned row's hash.
    fn run_returning(
        &mut self,
        table: ConfigTable,
        sql: &str,
        params: &[&dyn ToSql],
        effect: Effect,
    ) -> Result<usize> {
        let mut stmt = self.tx.prepare_cached(sql)?;
        let wanted = stmt.parameter_count();
        anyhow::ensure!(
            wanted <= params.len(),
            "internal error: {sql:?} needs {wanted} parameters, {} given",
            params.len()
        );
        for (i, value) in params.iter().take(wanted).enumerate() {
            stmt.raw_bind_parameter(i + 1, value)?;
        }
        let columns = stmt.column_count();
        let mut rows = stmt.raw_query();
        let mut count = 0;
        while let Some(row) = rows.next()? {
            let digest = row_digest(table, row, columns)?;
            self.digest_rows_hashed += 1;
            match effect {
                Effect::Added => self.pending.add(table, digest),
                Effect::Removed => self.pending.sub(table, digest),
            }
            count += 1;
        }
        Ok(count)
    }
}

impl Db<'_> {
    /// Recomputes every table's share of the digest from its rows, in one streamed pass per table.
    pub fn recompute_config_digest(&self) -> Result<Vec<(ConfigTable, TableDigest)>> {
        let mut tables = Vec::new();
        for table in ConfigTable::ALL {
            let mut stmt = self
                .0
                .prepare(&format!("SELECT {} FROM {}", table.columns(), table.name()))?;
            let columns = stmt.column_count();
            let mut rows = stmt.query([])?;
            let mut share = TableDigest::default();
            while let Some(row) = rows.next()? {
                share.rows += 1;
                share.digest.add(row_digest(table, row, columns)?);
            }
            tables.push((table, share));
        }
        Ok(tables)
    }

    /// The digest as recorded per table beside the head (missing tables count as empty).
    pub fn recorded_config_digest(&self) -> Result<Vec<(String, TableDigest)>> {
        let mut stmt = self.0.prepare("SELECT tbl, rows, digest FROM config_digest ORDER BY tbl")?;
        let rows = stmt.query_map([], |row| {
            let digest: String = row.get(2)?;
            Ok((
                row.get::<_, String>(0)?,
                TableDigest {
                    rows: row.get(1)?,
                    // An unreadable digest was edited; a value no row set sums to shows that.
                    digest: Digest::from_hex(&digest).unwrap_or(Digest::from_hash(&[0xa5; 32])),
                },
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
