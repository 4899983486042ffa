//! The store: where it is (a SQLite file or a PostgreSQL database), opening and migrating it,
//! transactions, and (in the submodules) every SQL statement. Nothing outside this module writes SQL
//! or knows which backend holds the store.

mod accounts;
mod audit;
mod config;
mod copy;
mod dns;
mod domains;
mod migrations;
mod pg_access;
mod postgres;
#[cfg(test)]
mod query_plans;
mod requests;
mod scale;
mod sender;
pub(crate) mod sql;
mod transfer;

pub use copy::CopiedTable;
pub(crate) use scale::sql_limit;

use anyhow::{Context, Result, bail};
use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{Connection, ErrorCode, OpenFlags};
use sql::Conn;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// One step of the schema's history: plain SQL, or code for a step SQL alone cannot express
/// (recomputing keys, filling a digest). Each runs inside the migrating transaction.
enum Migration {
    Sql(&'static str),
    Code(fn(&Conn) -> Result<()>),
}

/// Migration N is `MIGRATIONS[N - 1]`; a SQLite store's version is `PRAGMA user_version`. Append
/// only: a shipped migration is never edited or reordered.
const MIGRATIONS: &[Migration] = &[
    Migration::Sql(include_str!("../../schema.sql")),
    Migration::Sql(include_str!("dns.sql")),
    // Registered users' keys: ASCII-only lower case of the NFC local part (the sender test's rule).
    Migration::Code(migrations::recompute_user_keys),
    Migration::Code(migrations::index_for_scale),
    // Last: the digest covers every column the steps before it add or fill.
    Migration::Code(audit::start_configuration_digest),
];

/// PostgreSQL's history: each entry brings a store to the version it names, with the same schema as
/// a SQLite store of that version. A PostgreSQL store starts at version 5 in one step; a migration
/// added later is appended here too, under the same number.
const POSTGRES_MIGRATIONS: &[(i64, &[Migration])] = &[(
    5,
    &[
        Migration::Sql(include_str!("postgres.sql")),
        Migration::Code(audit::record_initial_digest),
    ],
)];

/// The schema version this xmfax writes, on either backend.
const LATEST_VERSION: i64 = MIGRATIONS.len() as i64;

/// Marks a SQLite file as an xmfax store ('XMFX'); on PostgreSQL, the key of the writers' lock.
const APPLICATION_ID: i64 = 1_481_459_288;

const BUSY_TIMEOUT: Duration = Duration::from_secs(15);

/// Where a store is: a SQLite file, or a PostgreSQL database named by a `postgres://` URL.
#[derive(Clone, Debug)]
pub enum Location {
    File(PathBuf),
    Postgres(postgres::PgUrl),
}

impl Location {
    /// The store a `--db` value names.
    pub fn of(value: &OsStr) -> Location {
        match value.to_str() {
            Some(text) if postgres::is_url(text) => Location::Postgres(postgres::PgUrl::new(text)),
            _ => Location::File(PathBuf::from(value)),
        }
    }

    /// A file that does not exist yet (or is empty): nothing to read, and reading must not create
    /// it. A database server is always asked.
    fn holds_no_store(&self) -> bool {
        match self {
            Location::File(path) => match std::fs::metadata(path) {
                Ok(meta) => meta.is_file() && meta.len() == 0,
                Err(e) => e.kind() == std::io::ErrorKind::NotFound,
            },
            Location::Postgres(_) => false,
        }
    }

    /// For completion, which must stay silent and fast: whether a store is there to ask at all.
    pub fn may_hold_store(&self) -> bool {
        match self {
            Location::File(path) => path.is_file(),
            Location::Postgres(_) => true,
        }
    }
}

/// A file's path; a URL without its password.
impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Location::File(path) => write!(f, "{}", path.display()),
            Location::Postgres(url) => write!(f, "{url}"),
        }
    }
}

pub struct Store {
    conn: Conn,
}

/// Read access, shared by the store and by open write transactions.
pub struct Db<'c>(&'c Conn);

/// An open write transaction (SQLite: `BEGIN IMMEDIATE`; PostgreSQL: holding the writers' lock):
/// every change goes through it together with its audit row.
pub struct Tx<'c> {
    tx: &'c Conn,
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
        Store {
            conn: Conn::Sqlite(conn),
        }
    }

    /// The SQLite connection under a test store, to set up or inspect it directly.
    #[cfg(test)]
    fn sqlite_for_test(&self) -> &Connection {
        self.sqlite().expect("a SQLite store")
    }

    fn sqlite(&self) -> Result<&Connection> {
        match &self.conn {
            Conn::Sqlite(conn) => Ok(conn),
            Conn::Postgres(_) => bail!("internal error: a SQLite operation on a PostgreSQL store"),
        }
    }

    /// Opens the store at `location`, creating it (a file: mode 0600) and applying migrations as needed.
    pub fn open(location: &Location) -> Result<Store> {
        match location {
            Location::File(path) => Store::open_file(path),
            Location::Postgres(url) => {
                let mut store = Store::connect(url)?;
                store
                    .migrate()
                    .with_context(|| format!("cannot use store {url}"))?;
                Ok(store)
            }
        }
    }

    fn connect(url: &postgres::PgUrl) -> Result<Store> {
        Store::connect_within(url, postgres::CONNECT_TIMEOUT)
    }

    fn connect_within(url: &postgres::PgUrl, timeout: std::time::Duration) -> Result<Store> {
        let client = postgres::connect(url, timeout)?;
        Ok(Store {
            conn: Conn::Postgres(Box::new(std::cell::RefCell::new(sql::PgSession::new(client)))),
        })
    }

    fn open_file(path: &Path) -> Result<Store> {
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
    pub fn open_snapshot(location: &Location) -> Result<Store> {
        let Location::File(path) = location else {
            bail!("cannot read store {location}");
        };
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
        let store = Store {
            conn: Conn::Sqlite(conn),
        };
        let version = store.schema_version()?;
        store.refuse_foreign_store()?;
        if version != LATEST_VERSION {
            bail!(
                "store {} needs an upgrade (schema version {version}), which cannot be written in its directory; run xmfax once with write permission there",
                path.display()
            );
        }
        Ok(store)
    }

    /// Opens an existing store without creating, migrating or writing anything (for shell
    /// completion, and for SQLite reads), waiting at most `timeout` for a PostgreSQL server unless its URL says otherwise.
    pub fn open_read_only(location: &Location, timeout: std::time::Duration) -> Result<Store> {
        let store = match location {
            Location::File(path) => Store::on(Connection::open_with_flags(
                path,
                OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )?),
            Location::Postgres(url) => Store::connect_within(url, timeout)?,
        };
        let version = store.schema_version()?;
        if version == 0 || version > LATEST_VERSION {
            bail!("not a store this version of xmfax can read");
        }
        Ok(store)
    }

    /// Opens the store for a command that reads (and may write in a transaction it undoes), if
    /// there is one: `None` for a file that does not exist or is empty, or a database without an
    /// xmfax store and without anything else (reading never creates a store).
    pub fn open_existing(location: &Location) -> Result<Option<Store>> {
        match location {
            Location::File(_) if location.holds_no_store() => Ok(None),
            Location::File(_) => Store::open(location).map(Some),
            Location::Postgres(url) => Store::connect_existing(url),
        }
    }

    /// [`Store::open_existing`] for a command that only reads (see `Store::open_for_reading`).
    pub fn open_existing_for_reading(location: &Location) -> Result<Option<Store>> {
        match location {
            Location::File(_) if location.holds_no_store() => Ok(None),
            Location::File(_) => Store::open_for_reading(location).map(Some),
            Location::Postgres(url) => Store::connect_existing(url),
        }
    }

    /// The store in this database, migrated if it needs it; `None` for an empty database. A
    /// database holding something else is refused untouched.
    fn connect_existing(url: &postgres::PgUrl) -> Result<Option<Store>> {
        let mut store = Store::connect(url)?;
        let prepared = (|| -> Result<bool> {
            if store.schema_version()? == 0 {
                store.refuse_foreign_store()?;
                return Ok(false);
            }
            store.migrate()?;
            Ok(true)
        })()
        .with_context(|| format!("cannot use store {url}"))?;
        Ok(prepared.then_some(store))
    }

    /// Opens an existing SQLite store for a command that only reads: read-only, without the settings
    /// that only writers need, so a one-off lookup costs little more than the lookup. A store that
    /// still needs a migration is opened for writing instead, which migrates it. (A PostgreSQL
    /// store is opened by [`Store::open_existing_for_reading`] alone.)
    fn open_for_reading(location: &Location) -> Result<Store> {
        match Store::open_read_only(location, postgres::CONNECT_TIMEOUT) {
            Ok(store) if store.schema_version()? == LATEST_VERSION => {
                store.sqlite()?.busy_timeout(BUSY_TIMEOUT)?;
                Ok(store)
            }
            _ => Store::open(location),
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
        let conn = self.sqlite()?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // Identify the file before anything can write to it: switching to WAL rewrites the header.
        self.refuse_foreign_store()?;
        let mode: String = conn
            .query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))
            .map_err(explain_open_error)?;
        if mode != "wal" && mode != "memory" {
            bail!("cannot switch the store to WAL mode (it is in {mode} mode)");
        }
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        Ok(())
    }

    /// Refuses a file or database that is not an xmfax store (or is one from a newer xmfax) without
    /// writing to it.
    fn refuse_foreign_store(&self) -> Result<()> {
        check_identity(&self.conn)
    }

    fn schema_version(&self) -> Result<i64> {
        schema_version(&self.conn)
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
        if self.schema_version()? == LATEST_VERSION {
            return Ok(());
        }
        let conn = &self.conn;
        conn.begin(match conn {
            Conn::Sqlite(_) => "BEGIN EXCLUSIVE",
            Conn::Postgres(_) => WRITER_BEGIN,
        })?;
        let mut from = 0;
        let migrated = (|| {
            // Checked again under the lock: another process may have migrated meanwhile.
            check_identity(conn)?;
            let version = schema_version(conn)?;
            from = version;
            match conn {
                Conn::Sqlite(sqlite) => {
                    for (index, migration) in MIGRATIONS.iter().enumerate().skip(version as usize) {
                        run_migration(conn, migration)
                            .with_context(|| format!("migration {} failed", index + 1))?;
                        sqlite.pragma_update(None, "user_version", index as i64 + 1)?;
                    }
                }
                Conn::Postgres(_) => {
                    if version == 0 {
                        refuse_other_encoding(conn)?;
                    }
                    for (to, steps) in POSTGRES_MIGRATIONS.iter().filter(|(to, _)| *to > version) {
                        for step in *steps {
                            run_migration(conn, step).with_context(|| format!("migration {to} failed"))?;
                        }
                        conn.execute(
                            "INSERT INTO xmfax_meta (name, value) VALUES ('application', 'xmfax'), ('schema_version', ?1)
                             ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                            [to.to_string()],
                        )?;
                    }
                }
            }
            conn.end("COMMIT")
        })();
        match migrated {
            Err(err) => {
                let _ = conn.end("ROLLBACK");
                Err(match conn {
                    Conn::Postgres(_) => pg_access::explain_no_migration(conn, from, LATEST_VERSION, err),
                    Conn::Sqlite(_) => err,
                })
            }
            ok => ok,
        }
    }

    pub fn db(&self) -> Db<'_> {
        Db(&self.conn)
    }

    /// Runs `read` on one consistent snapshot of the store: a read transaction, so that several
    /// queries see the same state (and, on SQLite, take the WAL read lock once).
    pub fn snapshot<T>(&self, read: impl FnOnce(&Db<'_>) -> Result<T>) -> Result<T> {
        self.conn.begin(match self.conn {
            Conn::Sqlite(_) => "BEGIN DEFERRED",
            Conn::Postgres(_) => "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
        })?;
        match read(&Db(&self.conn)) {
            Ok(value) => {
                self.conn.end("COMMIT")?;
                Ok(value)
            }
            Err(err) => {
                let _ = self.conn.end("ROLLBACK");
                Err(err)
            }
        }
    }

    /// Runs `change` in one write transaction and commits it; retried from the start when another
    /// writer holds the store past the busy timeout or the database could not serialize it, so
    /// concurrent agents never see "locked".
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
            let conn = &self.conn;
            let result = conn
                .begin(match conn {
                    Conn::Sqlite(_) => "BEGIN IMMEDIATE",
                    Conn::Postgres(_) => WRITER_BEGIN,
                })
                .and_then(|()| {
                    let mut tx = Tx {
                        tx: conn,
                        agent,
                        now,
                        pending: config::PendingDigest::default(),
                    };
                    let value = change(&mut tx)?;
                    // Every change is recorded with its audit row, which also records the digest.
                    if tx.pending.dirty {
                        bail!("internal error: a configuration change without its audit row; nothing was written");
                    }
                    conn.end("COMMIT")?;
                    Ok(value)
                });
            if result.is_err() {
                let _ = conn.end("ROLLBACK");
            }
            match result {
                Err(err) if attempt < ATTEMPTS && is_busy(&err) => {
                    std::thread::sleep(Duration::from_millis(20 * u64::from(attempt)));
                }
                other => return other.map_err(explain_busy),
            }
        }
    }
}

/// A PostgreSQL writer's transaction: writers take turns on one transaction-scoped advisory lock,
/// so that every change sees the one before it and the audit chain stays one line; waiting for the
/// lock gives up after the same time as SQLite's busy timeout. READ COMMITTED whatever the server's
/// default: each statement after the lock then sees every change committed before it was granted.
const WRITER_BEGIN: &str = "BEGIN ISOLATION LEVEL READ COMMITTED; SET LOCAL lock_timeout = '15s'; \
     SELECT pg_advisory_xact_lock(1481459288)";

fn run_migration(conn: &Conn, migration: &Migration) -> Result<()> {
    match migration {
        Migration::Sql(sql) => conn.execute_batch(sql),
        Migration::Code(step) => step(conn),
    }
}

impl<'c> Tx<'c> {
    pub fn db(&self) -> Db<'_> {
        Db(self.tx)
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
            (Err(err), Ok(_)) => Err(err),
        }
    }
}

/// The store's schema version: 0 for an empty file or database.
fn schema_version(conn: &Conn) -> Result<i64> {
    match conn {
        Conn::Sqlite(sqlite) => sqlite
            .query_row("PRAGMA user_version", [], |row| row.get(0))
            .map_err(explain_open_error),
        Conn::Postgres(_) => {
            if !conn.table_exists("xmfax_meta")? {
                return Ok(0);
            }
            let version = conn
                .query_opt(
                    "SELECT value FROM xmfax_meta WHERE name = 'schema_version'",
                    (),
                    |row| row.get::<String>(0),
                )
                .map_err(|err| pg_access::explain_no_read(conn, err))?;
            version
                .unwrap_or_default()
                .parse()
                .context("the database's xmfax_meta has no valid schema_version; it was left untouched")
        }
    }
}

/// An xmfax store (of a version this binary knows), or an empty file or database that can become one.
fn check_identity(conn: &Conn) -> Result<()> {
    let version = schema_version(conn)?;
    match conn {
        Conn::Sqlite(sqlite) => {
            let application_id: i64 = sqlite.query_row("PRAGMA application_id", [], |row| row.get(0))?;
            if application_id != 0 && application_id != APPLICATION_ID {
                bail!(
                    "this SQLite file is not an xmfax store (application_id {application_id}); it was left untouched"
                );
            }
        }
        Conn::Postgres(_) => {
            if version > 0 {
                let application = conn.query_opt(
                    "SELECT value FROM xmfax_meta WHERE name = 'application'",
                    (),
                    |row| row.get::<String>(0),
                )?;
                if application.as_deref() != Some("xmfax") {
                    bail!(
                        "this PostgreSQL database is not an xmfax store (its xmfax_meta says otherwise); it was left untouched"
                    );
                }
            }
        }
    }
    if version > LATEST_VERSION {
        bail!(
            "the store has schema version {version}, newer than this xmfax supports ({LATEST_VERSION}): upgrade xmfax; the store was left untouched"
        );
    }
    if version == 0 {
        if conn.is_postgres() {
            pg_access::refuse_store_elsewhere(conn)?;
        }
        let (tables, what) = match conn {
            Conn::Sqlite(_) => (
                conn.query_row("SELECT count(*) FROM sqlite_master", (), |row| row.get::<i64>(0))?,
                "SQLite file",
            ),
            Conn::Postgres(_) => (
                conn.query_row(
                    "SELECT count(*) FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                     WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'v', 'm', 'S', 'f', 'p')",
                    (),
                    |row| row.get::<i64>(0),
                )?,
                "PostgreSQL database",
            ),
        };
        if tables > 0 {
            bail!("this {what} is not an xmfax store (it has other tables); it was left untouched");
        }
    }
    Ok(())
}

/// Refuses to create a store in a PostgreSQL database whose encoding is not UTF-8. Names are kept
/// in UTF-8 and ordered byte by byte (`COLLATE "C"`), as on SQLite: in another encoding a name
/// outside it could not be stored at all, and the others would sort in another order.
fn refuse_other_encoding(conn: &Conn) -> Result<()> {
    let encoding = conn.query_row("SELECT current_setting('server_encoding')", (), |row| {
        row.get::<String>(0)
    })?;
    if encoding != "UTF8" {
        bail!(
            "this PostgreSQL database's encoding is {encoding}, and an xmfax store needs UTF8; it was left untouched (create the database with: CREATE DATABASE name ENCODING 'UTF8' LOCALE 'C' TEMPLATE template0)"
        );
    }
    Ok(())
}

fn is_busy(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        if let Some(pg) = cause.downcast_ref::<::postgres::Error>() {
            use ::postgres::error::SqlState;
            return matches!(
                pg.code(),
                Some(
                    &SqlState::T_R_SERIALIZATION_FAILURE
                        | &SqlState::T_R_DEADLOCK_DETECTED
                        | &SqlState::LOCK_NOT_AVAILABLE
                )
            );
        }
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
        let mut store = Store {
            conn: Conn::Sqlite(conn),
        };
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
