//! Shared harness: a temporary store on either backend and helpers to run the binary against it.

use super::pg;
use assert_cmd::Command;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// The store's backend: every CLI test runs on both (`#[values(Sqlite, Postgres)] backend: Backend`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub use Backend::{Postgres, Sqlite};

/// A fresh temporary store; every command run through it uses that store and a fixed agent name.
pub struct Env {
    pub dir: TempDir,
    /// The SQLite store's file (on PostgreSQL, a path nothing uses).
    pub db: PathBuf,
    pub backend: Backend,
    /// The PostgreSQL store's URL (the one commands, dumps and queries use).
    url: Option<String>,
    /// The database this Env created, dropped with it (`None` for a view of another Env's database).
    pg: Option<pg::Database>,
}

impl Env {
    /// A fresh store on `backend`; `None` (the test then returns, passing) when the backend is
    /// PostgreSQL and no PostgreSQL is available, which `pg::server` reports once.
    pub fn new(backend: Backend) -> Option<Env> {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("xmfax.db");
        let pg = match backend {
            Backend::Sqlite => None,
            Backend::Postgres => Some(pg::server()?.create_database()),
        };
        Some(Env {
            dir,
            db,
            backend,
            url: pg.as_ref().map(|database| database.url.clone()),
            pg,
        })
    }

    /// The same PostgreSQL store reached through another URL (another role, a password), with a
    /// temporary directory of its own; the database stays this Env's.
    pub fn as_url(&self, url: &str) -> Env {
        assert_eq!(self.backend, Backend::Postgres, "a PostgreSQL-only helper");
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("xmfax.db");
        Env {
            dir,
            db,
            backend: Backend::Postgres,
            url: Some(url.to_string()),
            pg: None,
        }
    }

    /// A fresh SQLite store, for what is about a SQLite file itself.
    pub fn sqlite() -> Env {
        Env::new(Backend::Sqlite).expect("SQLite needs nothing")
    }

    /// What `--db` / `XMFAX_DB` name: the file's path, or the database's URL.
    pub fn store(&self) -> OsString {
        match &self.url {
            Some(url) => url.into(),
            None => self.db.clone().into_os_string(),
        }
    }

    /// The PostgreSQL database's name (PostgreSQL only).
    pub fn database_name(&self) -> &str {
        &self.pg.as_ref().expect("a PostgreSQL store").name
    }

    /// Whether the store exists yet: the file, or any table in the database.
    pub fn store_exists(&self) -> bool {
        match self.backend {
            Backend::Sqlite => self.db.exists(),
            Backend::Postgres => {
                self.query_string(
                    "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()",
                ) != "0"
            }
        }
    }

    pub fn cmd(&self) -> Command {
        let mut cmd = Command::cargo_bin("xmfax").expect("binary");
        cmd.env("XMFAX_DB", self.store())
            .env("XMFAX_AGENT", "test-agent")
            .env_remove("XMFAX_AUTHSERV_ID")
            .env_remove("COMPLETE");
        cmd
    }

    /// Runs `xmfax ARGS` and asserts it exits 0.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).output().expect("run");
        assert_eq!(
            out.status.code(),
            Some(0),
            "xmfax {args:?} failed:\nstdout: {}\nstderr: {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Runs `xmfax ARGS`, asserts the exit code, and returns (stdout, stderr).
    pub fn code(&self, expected: i32, args: &[&str]) -> (String, String) {
        let out = self.cmd().args(args).output().expect("run");
        let (stdout, stderr) = (
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        );
        assert_eq!(
            out.status.code(),
            Some(expected),
            "xmfax {args:?}:\nstdout: {stdout}\nstderr: {stderr}"
        );
        (stdout, stderr)
    }

    /// Runs `xmfax -o json ARGS` expecting `expected_code` and parses stdout.
    pub fn json(&self, expected_code: i32, args: &[&str]) -> serde_json::Value {
        let mut full = vec!["-o", "json"];
        full.extend_from_slice(args);
        let (stdout, _) = self.code(expected_code, &full);
        serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {stdout}"))
    }

    /// An account with spoofing protection on, ready to trust domains.
    pub fn secured_account(&self, id: &str) {
        self.ok(&[
            "accounts",
            "add",
            id,
            "--name",
            &format!("{id} Inc."),
            "--fax-number",
            "+16502530000",
        ]);
        self.ok(&[
            "security",
            "set",
            id,
            "--spoofing-protection",
            "on",
            "--require-tls",
            "on",
        ]);
    }

    /// What dynamic completion offers for the last word of `words` (e.g. `["xmfax", "accounts", "show", ""]`).
    pub fn complete(&self, words: &[&str]) -> String {
        let out = completion(self.cmd(), words).output().expect("run completion");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Opens the SQLite store's file directly, to inspect or tamper with it (SQLite only).
    pub fn sql(&self) -> rusqlite::Connection {
        assert_eq!(self.backend, Backend::Sqlite, "a SQLite-only helper");
        rusqlite::Connection::open(&self.db).expect("open store")
    }

    /// Runs SQL statements on the store directly (written in SQL both backends accept).
    pub fn execute(&self, sql: &str) {
        match self.backend {
            Backend::Sqlite => self
                .sql()
                .execute_batch(sql)
                .unwrap_or_else(|e| panic!("{sql}: {e}")),
            Backend::Postgres => self
                .pg_client()
                .batch_execute(sql)
                .unwrap_or_else(|e| panic!("{sql}: {e}")),
        }
    }

    /// Edits the store behind xmfax's back, as someone with the database owner's rights could:
    /// on PostgreSQL the audit table's own triggers (append-only) are off for these statements.
    pub fn tamper(&self, sql: &str) {
        match self.backend {
            Backend::Sqlite => self.execute(sql),
            Backend::Postgres => self.execute(&format!(
                "BEGIN; ALTER TABLE audit DISABLE TRIGGER USER; {sql}; \
                 ALTER TABLE audit ENABLE TRIGGER USER; COMMIT;"
            )),
        }
    }

    /// The rows of a query, every value as text (`NULL` for null), on either backend.
    pub fn query(&self, sql: &str) -> Vec<Vec<String>> {
        match self.backend {
            Backend::Sqlite => sqlite_rows(&self.sql(), sql),
            Backend::Postgres => pg_rows(&mut self.pg_client(), sql),
        }
    }

    /// The one value a query returns, as text.
    pub fn query_string(&self, sql: &str) -> String {
        let rows = self.query(sql);
        assert_eq!(rows.len(), 1, "{sql}: {rows:?}");
        assert_eq!(rows[0].len(), 1, "{sql}: {rows:?}");
        rows[0][0].clone()
    }

    /// The one integer a query returns (a count).
    pub fn query_i64(&self, sql: &str) -> i64 {
        let value = self.query_string(sql);
        value.parse().unwrap_or_else(|e| panic!("{sql}: {value:?}: {e}"))
    }

    /// A connection to the PostgreSQL store, as the server's superuser (PostgreSQL only).
    pub fn pg_client(&self) -> postgres::Client {
        pg::connect(self.url.as_ref().expect("a PostgreSQL store"))
    }

    /// A logical dump of the whole store, to prove that a refused command changed nothing:
    /// every table, in name order, rows sorted. Comparable with a dump of the same backend.
    pub fn dump(&self) -> String {
        match self.backend {
            Backend::Sqlite => dump(&self.db),
            Backend::Postgres => {
                let mut client = self.pg_client();
                let tables = pg_rows(
                    &mut client,
                    "SELECT table_name FROM information_schema.tables \
                     WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' \
                     ORDER BY table_name COLLATE \"C\"",
                );
                let mut out = String::new();
                for table in tables {
                    let table = &table[0];
                    out.push_str(&format!("== {table}\n"));
                    let mut rows: Vec<String> = pg_rows(&mut client, &format!("SELECT * FROM \"{table}\""))
                        .into_iter()
                        .map(|row| row.join("|"))
                        .collect();
                    rows.sort();
                    for row in rows {
                        out.push_str(&row);
                        out.push('\n');
                    }
                }
                out
            }
        }
    }

    /// A copy of the store as it is now, to go back to with `restore`.
    pub fn snapshot(&self) -> Snapshot {
        match self.backend {
            Backend::Sqlite => {
                let path = self.dir.path().join("snapshot.db");
                let _ = std::fs::remove_file(&path);
                self.sql()
                    .execute("VACUUM INTO ?1", [path.to_str().expect("UTF-8 path")])
                    .expect("snapshot");
                Snapshot::File(path)
            }
            Backend::Postgres => {
                let name = format!("{}_snapshot", self.database_name());
                // One statement per call: DROP/CREATE DATABASE refuse to run in a transaction block.
                self.pg_admin_run(&format!("DROP DATABASE IF EXISTS {name}"));
                self.pg_admin_run(&format!(
                    "CREATE DATABASE {name} TEMPLATE {}",
                    self.database_name()
                ));
                Snapshot::Database(name)
            }
        }
    }

    /// Puts the store back as it was at `snapshot`.
    pub fn restore(&self, snapshot: &Snapshot) {
        match snapshot {
            Snapshot::File(path) => {
                std::fs::copy(path, &self.db).expect("restore");
                let _ = std::fs::remove_file(self.db.with_extension("db-wal"));
                let _ = std::fs::remove_file(self.db.with_extension("db-shm"));
            }
            Snapshot::Database(name) => {
                let own = self.database_name();
                self.pg_admin_run(&format!("DROP DATABASE {own} WITH (FORCE)"));
                self.pg_admin_run(&format!("CREATE DATABASE {own} TEMPLATE {name}"));
            }
        }
    }

    fn pg_admin_run(&self, sql: &str) {
        pg::server()
            .expect("a PostgreSQL store")
            .admin()
            .batch_execute(sql)
            .unwrap_or_else(|e| panic!("{sql}: {e}"));
    }

    pub fn write_file(&self, name: &str, content: impl AsRef<[u8]>) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, content).expect("write file");
        path
    }
}

/// A store saved by `Env::snapshot`.
pub enum Snapshot {
    File(PathBuf),
    Database(String),
}

/// `cmd` (an `xmfax` command with its environment) set to ask dynamic completion for the last word
/// of `words`.
pub fn completion(mut cmd: Command, words: &[&str]) -> Command {
    cmd.env("COMPLETE", "bash")
        .env("_CLAP_COMPLETE_INDEX", (words.len() - 1).to_string())
        .env("_CLAP_COMPLETE_COMP_TYPE", "9")
        .env("_CLAP_COMPLETE_SPACE", "true")
        .env("_CLAP_IFS", "\n")
        .arg("--")
        .args(words);
    cmd
}

/// A read, an audit check and a write: what a login or store that must be refused is tried with.
pub const READ_CHECK_WRITE: [&[&str]; 3] = [
    &["accounts", "list"],
    &["audit", "verify"],
    &[
        "accounts",
        "add",
        "rogue",
        "--name",
        "Rogue",
        "--fax-number",
        "+16502530009",
    ],
];

/// A SQL string literal, as both backends read it.
pub fn literal(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

fn sqlite_rows(conn: &rusqlite::Connection, sql: &str) -> Vec<Vec<String>> {
    use rusqlite::types::ValueRef;
    let mut stmt = conn.prepare(sql).unwrap_or_else(|e| panic!("{sql}: {e}"));
    let columns = stmt.column_count();
    stmt.query_map([], |row| {
        Ok((0..columns)
            .map(|i| match row.get_ref(i).expect("column") {
                ValueRef::Null => "NULL".to_string(),
                ValueRef::Integer(n) => n.to_string(),
                ValueRef::Real(x) => x.to_string(),
                ValueRef::Text(text) => String::from_utf8_lossy(text).into_owned(),
                ValueRef::Blob(bytes) => format!("x'{}'", hex::encode(bytes)),
            })
            .collect())
    })
    .unwrap_or_else(|e| panic!("{sql}: {e}"))
    .map(|row| row.expect("row"))
    .collect()
}

fn pg_rows(client: &mut postgres::Client, sql: &str) -> Vec<Vec<String>> {
    client
        .simple_query(sql)
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
        .into_iter()
        .filter_map(|message| match message {
            postgres::SimpleQueryMessage::Row(row) => Some(
                (0..row.len())
                    .map(|i| row.get(i).unwrap_or("NULL").to_string())
                    .collect(),
            ),
            _ => None,
        })
        .collect()
}

/// A logical dump of a SQLite store's file.
pub fn dump(db: &Path) -> String {
    let conn = rusqlite::Connection::open(db).expect("open store");
    let tables = sqlite_rows(
        &conn,
        "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
    );
    let mut out = String::new();
    for table in tables {
        let table = &table[0];
        out.push_str(&format!("== {table}\n"));
        let mut rows: Vec<String> = sqlite_rows(&conn, &format!("SELECT * FROM \"{table}\""))
            .into_iter()
            .map(|row| row.join("|"))
            .collect();
        rows.sort();
        for row in rows {
            out.push_str(&row);
            out.push('\n');
        }
    }
    out
}

/// Today's date (UTC), `YYYY-MM-DD`: certifications and signatures must be recent to count.
pub fn today() -> &'static str {
    static TODAY: std::sync::LazyLock<String> =
        std::sync::LazyLock::new(|| chrono::Utc::now().date_naive().to_string());
    &TODAY
}

/// The date `days` days before today, `YYYY-MM-DD`.
pub fn days_ago(days: i64) -> String {
    (chrono::Utc::now().date_naive() - chrono::Duration::days(days)).to_string()
}

/// The text of a signed form, as a request recorded directly in the store keeps it.
pub fn form_text(
    reference: &str,
    account: &str,
    action: &str,
    domains: &[&str],
    include_subdomains: bool,
    signed_on: &str,
) -> String {
    format!(
        "xmfax_form: trusted-domains/v1\nreference: {reference}\naccount: {account}\naction: {action}\n\
         domains: [{}]\ninclude_subdomains: {include_subdomains}\n\
         requester: {{name: Jane Roe, title: CIO, email: jane@{}}}\n\
         certifications: {{domains_belong_to_company: true, email_sources_restrained: true, restraint_methods: [spoofing-protection]}}\n\
         signature: {{signed_by: Jane Roe, title: CIO, signed_on: {signed_on}}}\n",
        domains.join(", "),
        domains
            .first()
            .map_or(format!("{account}.example"), |d| d.to_string())
    )
}

/// Records a processed request directly in the store, as `requests process` would have.
pub struct StoredRequest<'a> {
    pub reference: &'a str,
    pub account: &'a str,
    pub status: &'a str,
    pub action: &'a str,
    pub domains: &'a [&'a str],
    pub include_subdomains: bool,
    pub signed_on: &'a str,
}

impl StoredRequest<'_> {
    /// Records the request through `requests process`, so that the store stays what xmfax wrote
    /// (`audit verify` passes): an approved add form's domains are then removed again, and a refused
    /// one is refused for not certifying ownership. The account must be secured.
    pub fn process(&self, env: &Env) {
        let mut text = form_text(
            self.reference,
            self.account,
            self.action,
            self.domains,
            self.include_subdomains,
            self.signed_on,
        );
        let approved = self.status == "approved";
        if !approved {
            text = text.replace(
                "domains_belong_to_company: true",
                "domains_belong_to_company: false",
            );
        }
        let path = env.write_file(&format!("{}.yaml", self.reference), text);
        let report = env.json(
            if approved { 0 } else { 1 },
            &["requests", "process", path.to_str().expect("path")],
        );
        let added: Vec<&str> = report["changes"]["added"]
            .as_array()
            .expect("changes")
            .iter()
            .map(|d| d.as_str().expect("domain"))
            .collect();
        if !added.is_empty() {
            let mut args = vec!["domains", "remove", self.account];
            args.extend(added);
            args.push("--yes");
            env.ok(&args);
        }
    }

    pub fn insert(&self, env: &Env) {
        let text = form_text(
            self.reference,
            self.account,
            self.action,
            self.domains,
            self.include_subdomains,
            self.signed_on,
        );
        env.execute(&format!(
            "INSERT INTO requests (reference, account_id, action, status, form_text, form_sha256, signed_by,
               signed_on, reasons, changes, processed_by, processed_at)
             VALUES ({}, {}, {}, {}, {}, 'x', 'Jane Roe', {}, '[]', '{{\"added\": [], \"removed\": []}}',
               'someone', '2026-01-20T10:00:00Z')",
            literal(self.reference),
            literal(self.account),
            literal(self.action),
            literal(self.status),
            literal(&text),
            literal(self.signed_on)
        ));
    }
}
