//! The SQLite store: opening and migrating it, transactions, and (in the submodules) every SQL statement.
//! Nothing outside this module writes SQL.

mod accounts;
mod audit;
mod config;
mod dns;
mod domains;
mod migrations;
#[cfg(test)]
mod query_plans;
mod requests;
mod scale;
mod sender;
mod transfer;

pub(crate) use scale::sql_limit;

use anyhow::{Context, Result, bail};
use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{Connection, ErrorCode, OpenFlags, TransactionBehavior};
use std::path::Path;
use std::time::Duration;

/// One step of the schema's history: plain SQL, or code for a step SQL alone cannot express
/// (recomputing keys, filling a digest). Each runs inside the migrating transaction.
enum Migration {
    Sql(&'static str),
    Code(fn(&rusqlite::Transaction<'_>) -> Result<()>),
}

/// Migration N is `MIGRATIONS[N - 1]`; the store's version is `PRAGMA user_version`. Append only:
/// a shipped migration is never edited or reordered.
const MIGRATIONS: &[Migration] = &[
    Migration::Sql(include_str!("../../schema.sql")),
    Migration::Sql(include_str!("dns.sql")),
    // Registered users' keys: ASCII-only lower case of the NFC local part (the sender test's rule).
    Migration::Code(migrations::recompute_user_keys),
    Migration::Code(migrations::index_for_scale),
    // Last: the digest covers every column the steps before it add or fill.
    Migration::Code(audit::start_configuration_digest),
];

/// Marks a SQLite file as an xmfax store ('XMFX').
const APPLICATION_ID: i64 = 1_481_459_288;

const BUSY_TIMEOUT: Duration = Duration::from_secs(15);

pub struct Store {
    conn: Connection,
}

/// Read access, shared by the store and by open write transactions.
pub struct Db<'c>(&'c Connection);

/// An open `BEGIN IMMEDIATE` transaction: every change goes through it together with its audit row.
pub struct Tx<'c> {
    tx: rusqlite::Transaction<'c>,
    agent: &'c str,
    now: DateTime<Utc>,
    /// The digest change of the configuration rows written since the last audit row.
    pending: config::PendingDigest,
}

pub fn timestamp(now: DateTime<Utc>) -> String {
    now.to_rfc3339_opts(SecondsFormat::Secs, true)
}

impl Store {
    fn on(conn: Connection) -> Store {
        #[cfg(test)]
        query_plans::record_statements_of(&conn);
        Store { conn }
    }

    /// Opens the store at `path`, creating it (mode 0600) and applying migrations as needed.
    pub fn open(path: &Path) -> Result<Store> {
        if !path.exists() {
            create_private_file(path)?;
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| explain_permission(path, e.into()))
        .with_context(|| format!("cannot open store {}", path.display()))?;
        let mut store = Store::on(conn);
        store
            .configure()
            .and_then(|()| store.make_private_if_new(path))
            .and_then(|()| store.migrate())
            .map_err(|e| explain_permission(path, e))
            .with_context(|| format!("cannot use store {}", path.display()))?;
        Ok(store)
    }

    /// Opens an existing store read-only as it is now, for a reader that cannot write beside it (a
    /// read-only directory, where SQLite cannot create the `-wal` and `-shm` files a WAL store is
    /// read with). Nothing may write to the store meanwhile, which such a directory mostly ensures.
    pub fn open_snapshot(path: &Path) -> Result<Store> {
        let mut uri = String::from("file:");
        for byte in path.as_os_str().as_encoded_bytes() {
            match byte {
                b'?' | b'#' | b'%' => uri.push_str(&format!("%{byte:02X}")),
                _ => uri.push(char::from(*byte)),
            }
        }
        if !path.as_os_str().is_ascii() {
            bail!("cannot read store {} without writing beside it", path.display());
        }
        uri.push_str("?immutable=1");
        let conn = Connection::open_with_flags(
            &uri,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .with_context(|| format!("cannot open store {}", path.display()))?;
        let store = Store { conn };
        let version = store.schema_version()?;
        store.refuse_foreign_file()?;
        if version != MIGRATIONS.len() as i64 {
            bail!(
                "store {} needs an upgrade (schema version {version}), which cannot be written in its directory; run xmfax once with write permission there",
                path.display()
            );
        }
        Ok(store)
    }

    /// Opens an existing store without creating, migrating or writing anything (for shell completion).
    pub fn open_read_only(path: &Path) -> Result<Store> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        let store = Store::on(conn);
        let version = store.schema_version()?;
        if version == 0 || version > MIGRATIONS.len() as i64 {
            bail!("not a store this version of xmfax can read");
        }
        Ok(store)
    }

    /// Opens an existing store for a command that only reads: read-only, without the settings that
    /// only writers need, so a one-off lookup costs little more than the lookup. A store that still
    /// needs a migration is opened for writing instead, which migrates it.
    pub fn open_for_reading(path: &Path) -> Result<Store> {
        match Store::open_read_only(path) {
            Ok(store) if store.schema_version()? == MIGRATIONS.len() as i64 => {
                store.conn.busy_timeout(BUSY_TIMEOUT)?;
                Ok(store)
            }
            _ => Store::open(path),
        }
    }

    /// A new, empty store in memory: what reading a store that does not exist yet shows.
    pub fn open_in_memory() -> Result<Store> {
        let mut store = Store::on(Connection::open_in_memory()?);
        store.configure()?;
        store.migrate()?;
        Ok(store)
    }

    fn configure(&self) -> Result<()> {
        self.conn.busy_timeout(BUSY_TIMEOUT)?;
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        // Identify the file before anything can write to it: switching to WAL rewrites the header.
        self.refuse_foreign_file()?;
        let mode: String = self
            .conn
            .query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))
            .map_err(explain_open_error)?;
        if mode != "wal" && mode != "memory" {
            bail!("cannot switch the store to WAL mode (it is in {mode} mode)");
        }
        self.conn.pragma_update(None, "synchronous", "NORMAL")?;
        Ok(())
    }

    /// Refuses a file that is not an xmfax store (or is one from a newer xmfax) without writing to it.
    fn refuse_foreign_file(&self) -> Result<()> {
        let version = self.schema_version()?;
        let application_id: i64 = self
            .conn
            .query_row("PRAGMA application_id", [], |row| row.get(0))?;
        check_identity(&self.conn, version, application_id)
    }

    fn schema_version(&self) -> Result<i64> {
        self.conn
            .query_row("PRAGMA user_version", [], |row| row.get(0))
            .map_err(explain_open_error)
    }

    /// A file about to become a store (an empty file given as --db, say) gets the store's mode 0600,
    /// whatever mode it was created with.
    fn make_private_if_new(&self, path: &Path) -> Result<()> {
        use std::os::unix::fs::PermissionsExt;
        if self.schema_version()? == 0 {
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
                .with_context(|| format!("cannot make {} private (mode 0600)", path.display()))?;
        }
        Ok(())
    }

    fn migrate(&mut self) -> Result<()> {
        let latest = MIGRATIONS.len() as i64;
        if self.schema_version()? == latest {
            return Ok(());
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Exclusive)?;
        // Checked again under the exclusive lock: another process may have migrated meanwhile.
        let version: i64 = tx.query_row("PRAGMA user_version", [], |row| row.get(0))?;
        let application_id: i64 = tx.query_row("PRAGMA application_id", [], |row| row.get(0))?;
        check_identity(&tx, version, application_id)?;
        for (index, migration) in MIGRATIONS.iter().enumerate().skip(version as usize) {
            match migration {
                Migration::Sql(sql) => tx.execute_batch(sql).map_err(anyhow::Error::from),
                Migration::Code(step) => step(&tx),
            }
            .with_context(|| format!("migration {} failed", index + 1))?;
            tx.pragma_update(None, "user_version", index as i64 + 1)?;
        }
        tx.commit()?;
        Ok(())
    }

    pub fn db(&self) -> Db<'_> {
        Db(&self.conn)
    }

    /// Runs `read` on one consistent snapshot of the store: a deferred read transaction, so that
    /// several queries see the same state (and take the WAL read lock once).
    pub fn snapshot<T>(&self, read: impl FnOnce(&Db<'_>) -> Result<T>) -> Result<T> {
        let tx = self.conn.unchecked_transaction()?;
        let value = read(&Db(&tx))?;
        tx.commit()?;
        Ok(value)
    }

    /// Runs `change` in one `BEGIN IMMEDIATE` transaction and commits it; retried from the start when
    /// another writer holds the store past the busy timeout, so concurrent agents never see "locked".
    pub fn write<T>(
        &mut self,
        agent: &str,
        now: DateTime<Utc>,
        mut change: impl FnMut(&mut Tx<'_>) -> Result<T>,
    ) -> Result<T> {
        const ATTEMPTS: u32 = 8;
        let mut attempt = 0;
        loop {
            attempt += 1;
            let result = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)
                .map_err(anyhow::Error::from)
                .and_then(|tx| {
                    let mut tx = Tx {
                        tx,
                        agent,
                        now,
                        pending: config::PendingDigest::default(),
                    };
                    let value = change(&mut tx)?;
                    // Every change is recorded with its audit row, which also records the digest.
                    if tx.pending.dirty {
                        bail!("internal error: a configuration change without its audit row; nothing was written");
                    }
                    tx.tx.commit()?;
                    Ok(value)
                });
            match result {
                Err(err) if attempt < ATTEMPTS && is_busy(&err) => {
                    std::thread::sleep(Duration::from_millis(20 * u64::from(attempt)));
                }
                other => return other.map_err(explain_busy),
            }
        }
    }
}

impl<'c> Tx<'c> {
    pub fn db(&self) -> Db<'_> {
        Db(&self.tx)
    }

    pub fn now(&self) -> String {
        timestamp(self.now)
    }

    /// Runs `change` in a savepoint of this transaction and keeps what it wrote only when it returns
    /// `(value, true)`. A command can so apply changes, judge the resulting state, and undo them while
    /// still writing other rows (a refused request's record) in the same transaction.
    pub fn tentatively<T>(&mut self, change: impl FnOnce(&mut Self) -> Result<(T, bool)>) -> Result<T> {
        self.tx.execute_batch("SAVEPOINT tentative")?;
        let pending = self.pending;
        let outcome = change(self);
        let keep = matches!(outcome, Ok((_, true)));
        if !keep {
            // The rows go back to what they were, and so does their digest.
            self.pending = pending;
        }
        let end = if keep {
            "RELEASE tentative"
        } else {
            "ROLLBACK TO tentative; RELEASE tentative"
        };
        match (self.tx.execute_batch(end), outcome) {
            (Ok(()), outcome) => outcome.map(|(value, _)| value),
            (Err(_), Err(err)) => Err(err),
            (Err(err), Ok(_)) => Err(err.into()),
        }
    }
}

/// An xmfax store (of a version this binary knows), or an empty file that can become one.
fn check_identity(conn: &Connection, version: i64, application_id: i64) -> Result<()> {
    let latest = MIGRATIONS.len() as i64;
    if application_id != 0 && application_id != APPLICATION_ID {
        bail!(
            "this SQLite file is not an xmfax store (application_id {application_id}); it was left untouched"
        );
    }
    if version > latest {
        bail!(
            "the store has schema version {version}, newer than this xmfax supports ({latest}): upgrade xmfax; the store was left untouched"
        );
    }
    if version == 0 {
        let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_master", [], |row| row.get(0))?;
        if tables > 0 {
            bail!("this SQLite file is not an xmfax store (it has other tables); it was left untouched");
        }
    }
    Ok(())
}

fn is_busy(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        matches!(
            cause.downcast_ref::<rusqlite::Error>(),
            Some(rusqlite::Error::SqliteFailure(e, _))
                if matches!(e.code, ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked)
        )
    })
}

/// The SQLite failure behind an error, if any.
fn sqlite_code(err: &anyhow::Error) -> Option<ErrorCode> {
    err.chain()
        .find_map(|cause| match cause.downcast_ref::<rusqlite::Error>() {
            Some(rusqlite::Error::SqliteFailure(e, _)) => Some(e.code),
            _ => None,
        })
}

/// Missing write permission on the store or its directory, explained (SQLite's code left out).
#[derive(Debug)]
struct NoWritePermission(String);

impl std::fmt::Display for NoWritePermission {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for NoWritePermission {}

/// Whether an error comes from missing write permission on the store or its directory.
pub fn is_permission_problem(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| cause.is::<NoWritePermission>())
        || matches!(
            sqlite_code(err),
            Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::PermissionDenied)
        )
}

/// Says which permission is missing, in words, instead of SQLite's code.
fn explain_permission(path: &Path, err: anyhow::Error) -> anyhow::Error {
    if !is_permission_problem(&err) {
        return err;
    }
    let dir = match path.parent().filter(|d| !d.as_os_str().is_empty()) {
        Some(dir) => dir.display().to_string(),
        None => ".".to_string(),
    };
    anyhow::Error::new(NoWritePermission(format!(
        "no permission to write the store {} or its directory {dir} (SQLite keeps a -wal and a -shm file beside the store)\nhint: changes need write permission on both; reading commands read it as it is",
        path.display()
    )))
}

/// A store still busy after every retry: said in words, not as SQLite's "database is locked".
fn explain_busy(err: anyhow::Error) -> anyhow::Error {
    if is_permission_problem(&err) {
        return anyhow::anyhow!(
            "cannot write the store: no write permission on it or on its directory (this command writes, if only in a transaction it undoes)\nhint: run it with write permission there, or on a copy of the store (--db COPY)"
        );
    }
    if !is_busy(&err) {
        return err;
    }
    anyhow::anyhow!(
        "the store stayed locked by another process for more than {} seconds; nothing was changed\nhint: try again once the other xmfax (or the program holding the store) has finished",
        BUSY_TIMEOUT.as_secs()
    )
}

fn explain_open_error(err: rusqlite::Error) -> anyhow::Error {
    match &err {
        rusqlite::Error::SqliteFailure(e, _) if e.code == ErrorCode::NotADatabase => {
            anyhow::anyhow!(
                "the file is not an xmfax store (not a SQLite database, or corrupt); it was left untouched"
            )
        }
        _ => anyhow::Error::from(err),
    }
}

fn create_private_file(path: &Path) -> Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create the store's directory {}", dir.display()))?;
    }
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
    {
        Ok(_) => Ok(()),
        // Another xmfax process created it first: use theirs.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e).with_context(|| format!("cannot create store {}", path.display())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrating_twice_changes_nothing() {
        let mut store = Store::open_in_memory().unwrap();
        store.migrate().unwrap();
        assert_eq!(store.schema_version().unwrap(), MIGRATIONS.len() as i64);
    }

    #[test]
    fn tentative_changes_are_kept_only_when_asked() {
        let mut store = Store::open_in_memory().unwrap();
        store
            .write("agent", Utc::now(), |tx| {
                tx.tentatively(|tx| {
                    tx.audit("test.undone", None, None, serde_json::json!({}))?;
                    Ok(((), false))
                })?;
                let failed: Result<()> = tx.tentatively(|tx| {
                    tx.audit("test.failed", None, None, serde_json::json!({}))?;
                    bail!("refused")
                });
                assert!(failed.is_err());
                tx.tentatively(|tx| {
                    tx.audit("test.kept", None, None, serde_json::json!({}))?;
                    Ok(((), true))
                })
            })
            .unwrap();
        let chain = store.db().audit_chain().unwrap();
        let actions: Vec<_> = chain.iter().map(|row| row.fields.action.as_str()).collect();
        assert_eq!(actions, ["test.kept"]);
        assert_eq!(store.db().audit_head().unwrap().unwrap().seq, 1);
    }

    /// A store written before the digest existed: the migration computes it from the rows, records
    /// it with an audit row chained to the old ones, and the whole chain still verifies.
    #[test]
    fn the_digest_migration_starts_the_digest_of_an_existing_store() {
        use crate::policy::audit::{AuditFields, GENESIS_HASH, row_hash, verify};
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(include_str!("../../schema.sql")).unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        conn.execute_batch(
            "INSERT INTO accounts VALUES ('acme', 'Acme', '+16502530000', 'us', 'Default', 'en', 1, 0, 't', 't');
             INSERT INTO trusted_domains (domain, account_id, added_by, added_at) VALUES ('acme.example', 'acme', 'x', 't');",
        )
        .unwrap();
        let fields = AuditFields {
            seq: 1,
            at: "2026-11-01T00:00:00Z".into(),
            agent: "ann".into(),
            action: "accounts.add".into(),
            account: Some("acme".into()),
            subject: None,
            details: "{}".into(),
            digest: None,
        };
        let hash = row_hash(GENESIS_HASH, &fields);
        conn.execute(
            "INSERT INTO audit (seq, at, agent, action, account, subject, details, prev_hash, hash)
             VALUES (1, ?1, 'ann', 'accounts.add', 'acme', NULL, '{}', ?2, ?3)",
            rusqlite::params![fields.at, GENESIS_HASH, hash],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO audit_head (id, seq, hash) VALUES (1, 1, ?1)",
            [&hash],
        )
        .unwrap();
        let mut store = Store { conn };
        store.migrate().unwrap();
        let db = store.db();
        let chain = db.audit_chain().unwrap();
        let head = db.audit_head().unwrap().unwrap();
        assert_eq!(verify(&chain, Some(&head)), Ok(2));
        assert_eq!(chain[1].fields.action, "store.digest-initialized");
        let mut total = crate::policy::audit::Digest::ZERO;
        for (_, share) in db.recompute_config_digest().unwrap() {
            total.add(share.digest);
        }
        assert_eq!(head.digest, Some(total.to_hex()));
        assert_eq!(chain[1].fields.digest, Some(total.to_hex()));
    }

    #[test]
    fn a_new_store_starts_with_an_empty_digest_and_no_audit_row() {
        let store = Store::open_in_memory().unwrap();
        assert!(store.db().audit_head().unwrap().is_none());
        assert!(store.db().audit_chain().unwrap().is_empty());
    }
}
