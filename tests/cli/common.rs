//! Shared harness: a temporary store and helpers to run the binary against it.

use assert_cmd::Command;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// A fresh temporary store; every command run through it uses that store and a fixed agent name.
pub struct Env {
    pub dir: TempDir,
    pub db: PathBuf,
}

impl Env {
    pub fn new() -> Env {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("xmfax.db");
        Env { dir, db }
    }

    pub fn cmd(&self) -> Command {
        let mut cmd = Command::cargo_bin("xmfax").expect("binary");
        cmd.env("XMFAX_DB", &self.db)
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
        let out = self
            .cmd()
            .env("COMPLETE", "bash")
            .env("_CLAP_COMPLETE_INDEX", (words.len() - 1).to_string())
            .env("_CLAP_COMPLETE_COMP_TYPE", "9")
            .env("_CLAP_COMPLETE_SPACE", "true")
            .env("_CLAP_IFS", "\n")
            .arg("--")
            .args(words)
            .output()
            .expect("run completion");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Opens the store directly, to inspect or tamper with it.
    pub fn sql(&self) -> rusqlite::Connection {
        rusqlite::Connection::open(&self.db).expect("open store")
    }

    /// A logical dump of the whole store, to prove that a refused command changed nothing.
    pub fn dump(&self) -> String {
        dump(&self.db)
    }

    pub fn write_file(&self, name: &str, content: impl AsRef<[u8]>) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, content).expect("write file");
        path
    }
}

pub fn dump(db: &Path) -> String {
    let conn = rusqlite::Connection::open(db).expect("open store");
    let mut tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    tables.sort();
    let mut out = String::new();
    for table in tables {
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM \"{table}\" ORDER BY 1"))
            .unwrap();
        let columns = stmt.column_count();
        let rows = stmt
            .query_map([], |row| {
                Ok((0..columns)
                    .map(|i| format!("{:?}", row.get_ref(i).unwrap()))
                    .collect::<Vec<_>>()
                    .join("|"))
            })
            .unwrap();
        out.push_str(&format!("== {table}\n"));
        for row in rows {
            out.push_str(&row.unwrap());
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
        env.sql()
            .execute(
                "INSERT INTO requests (reference, account_id, action, status, form_text, form_sha256, signed_by,
                   signed_on, reasons, changes, processed_by, processed_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, 'x', 'Jane Roe', ?6, '[]', '{\"added\": [], \"removed\": []}',
                   'someone', '2026-01-20T10:00:00Z')",
                rusqlite::params![
                    self.reference,
                    self.account,
                    self.action,
                    self.status,
                    text,
                    self.signed_on
                ],
            )
            .expect("insert request");
    }
}
