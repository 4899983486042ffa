//! `xmfax audit`: the log, and verification that catches edited, deleted and inserted rows.

use super::common::{Backend, Env, Postgres, Sqlite};
use rstest::rstest;

fn env_with_history(backend: Backend) -> Option<Env> {
    let env = Env::new(backend)?;
    env.ok(&[
        "accounts",
        "add",
        "acme",
        "--name",
        "Acme",
        "--fax-number",
        "+16502530000",
    ]);
    env.ok(&["security", "set", "acme", "--spoofing-protection", "on"]);
    env.ok(&["users", "add", "acme", "jane@acme.example"]);
    env.ok(&["security", "whitelist", "add", "acme", "198.18.7.0/24"]);
    Some(env)
}

fn first_break(env: &Env) -> i64 {
    let report = env.json(1, &["audit", "verify"]);
    assert_eq!(report["passed"], false);
    report["first_break"]["seq"].as_i64().unwrap()
}

#[rstest]
fn intact_chain_verifies(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = env_with_history(backend) else {
        return;
    };
    let report = env.json(0, &["audit", "verify"]);
    assert_eq!(report["passed"], true);
    assert_eq!(report["rows"], 4);
    let log = env.json(0, &["audit", "log", "--account", "acme", "--limit", "2"]);
    assert_eq!(log.as_array().unwrap().len(), 2);
    assert_eq!(log[1]["seq"], 4, "the newest last");
}

#[rstest]
fn edited_row_is_named(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = env_with_history(backend) else {
        return;
    };
    env.tamper("UPDATE audit SET agent = 'mallory' WHERE seq = 2");
    assert_eq!(first_break(&env), 2);
    let (stdout, _) = env.code(1, &["audit", "verify"]);
    assert!(stdout.contains("row 2"), "{stdout}");
}

#[rstest]
fn deleted_row_is_named(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = env_with_history(backend) else {
        return;
    };
    env.tamper("DELETE FROM audit WHERE seq = 3");
    assert_eq!(first_break(&env), 3);
}

#[rstest]
fn deleted_last_row_is_found(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = env_with_history(backend) else {
        return;
    };
    env.tamper("DELETE FROM audit WHERE seq = 4");
    assert_eq!(first_break(&env), 4);
}

#[rstest]
fn inserted_row_is_named(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = env_with_history(backend) else {
        return;
    };
    // Renumbered from the top down, so that no two rows share a key on the way.
    env.tamper(
        "UPDATE audit SET seq = seq + 1 WHERE seq = 4;
         UPDATE audit SET seq = seq + 1 WHERE seq = 3;
         INSERT INTO audit (seq, at, agent, action, account, subject, details, prev_hash, hash)
         SELECT 3, at, agent, 'users.add', account, 'eve@evil.example', details, hash, hash FROM audit WHERE seq = 2",
    );
    assert_eq!(first_break(&env), 3);
}

#[rstest]
fn table_output_reports_the_break(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = env_with_history(backend) else {
        return;
    };
    let (stdout, _) = env.code(0, &["audit", "verify"]);
    assert!(stdout.contains("intact"), "{stdout}");
}

/// A store with a row in every configuration table: accounts (with security settings), users,
/// whitelist, trusted domains and requests.
fn env_with_configuration(backend: Backend) -> Option<Env> {
    let env = env_with_history(backend)?;
    env.ok(&[
        "domains",
        "add",
        "acme",
        "acme.example",
        "--certified-by",
        "Jane Roe",
        "--certified-on",
        super::common::today(),
    ]);
    let form = super::common::form_text(
        "REQ-1",
        "acme",
        "add",
        &["mail.acme.example"],
        false,
        super::common::today(),
    );
    let path = env.write_file("form.yaml", form);
    env.ok(&["requests", "process", path.to_str().unwrap()]);
    Some(env)
}

fn tampered(env: &Env) -> Vec<(String, String)> {
    let report = env.json(1, &["audit", "verify"]);
    assert_eq!(report["passed"], false);
    assert_eq!(
        report["first_break"],
        serde_json::Value::Null,
        "the chain itself is intact"
    );
    report["configuration"]["tampered"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            assert_eq!(t["code"], "configuration-tampered");
            (
                t["table"].as_str().unwrap().to_string(),
                t["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// Each configuration table edited with another tool (insert, update, delete) is caught, named,
/// and told apart; putting the row back makes the store verify again.
#[rstest]
fn configuration_changed_behind_xmfax_is_caught_in_every_table(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = env_with_configuration(backend) else {
        return;
    };
    let report = env.json(0, &["audit", "verify"]);
    assert_eq!(report["configuration"]["passed"], true, "{report}");
    let edits: &[(&str, &str, &str, &str)] = &[
        (
            "accounts",
            "INSERT INTO accounts SELECT 'evil', name, fax_number, region, profile, language, spoofing_protection, require_tls, created_at, updated_at FROM accounts WHERE id = 'acme'",
            "UPDATE accounts SET spoofing_protection = 0 WHERE id = 'acme'",
            "DELETE FROM accounts WHERE id = 'acme'",
        ),
        (
            "users",
            "INSERT INTO users SELECT 'eve@acme.example', account_id, 'eve@acme.example', profile, language, fax_number, created_at FROM users",
            "UPDATE users SET fax_number = '+15550000000'",
            "DELETE FROM users",
        ),
        (
            "whitelist",
            "INSERT INTO whitelist VALUES ('acme', '0.0.0.0/0', '2026-01-01T00:00:00Z')",
            "UPDATE whitelist SET network = '0.0.0.0/0'",
            "DELETE FROM whitelist",
        ),
        (
            "trusted_domains",
            "INSERT INTO trusted_domains (domain, account_id, include_subdomains, added_by, added_at) VALUES ('gmail.com', 'acme', 1, 'x', 'now')",
            "UPDATE trusted_domains SET include_subdomains = 1 WHERE domain = 'acme.example'",
            "DELETE FROM trusted_domains WHERE domain = 'acme.example'",
        ),
        (
            "requests",
            "INSERT INTO requests SELECT 'REQ-FORGED', account_id, action, status, form_text, form_sha256, signed_by, signed_on, reasons, changes, processed_by, processed_at FROM requests",
            "UPDATE requests SET signed_on = '2099-01-01'",
            "DELETE FROM requests",
        ),
    ];
    for (table, insert, update, delete) in edits {
        for (kind, sql) in [("insert", insert), ("update", update), ("delete", delete)] {
            let backup = env.snapshot();
            // Deleting the account cascades to its users, networks and domains (foreign keys).
            env.execute(sql);
            let found = tampered(&env);
            let named: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
            if (*table, kind) == ("accounts", "delete") {
                assert_eq!(named, ["accounts", "users", "whitelist", "trusted_domains"]);
            } else {
                assert_eq!(named, [*table], "{table} {kind}: {found:?}");
            }
            let expected = match kind {
                "insert" => "inserted",
                "update" => "changed",
                _ => "deleted",
            };
            assert!(found[0].1.contains(expected), "{table} {kind}: {}", found[0].1);
            let (stdout, _) = env.code(1, &["audit", "verify"]);
            assert!(stdout.contains("TAMPERED") && stdout.contains(table), "{stdout}");
            env.restore(&backup);
            env.json(0, &["audit", "verify"]);
        }
    }
}

#[rstest]
fn a_head_kept_elsewhere_proves_descent_and_a_rewritten_chain_does_not(
    #[values(Sqlite, Postgres)] backend: Backend,
) {
    let Some(env) = env_with_configuration(backend) else {
        return;
    };
    let head = env.json(0, &["audit", "head"]);
    let seq = head["seq"].as_i64().unwrap();
    let hash = head["hash"].as_str().unwrap().to_string();
    assert_eq!(hash.len(), 64);
    assert_eq!(
        head["digest"],
        env.json(0, &["audit", "verify"])["configuration"]["digest"]
    );
    env.ok(&["users", "add", "acme", "bob@acme.example"]);
    let report = env.json(0, &["audit", "verify", "--expect", &hash.to_uppercase()]);
    assert_eq!(report["expected"]["found"], true);
    assert_eq!(report["expected"]["seq"], seq);
    // Someone who can write the file rewrites the chain from scratch: it no longer has that hash.
    let Some(other) = Env::new(backend) else {
        return;
    };
    other.ok(&[
        "accounts",
        "add",
        "acme",
        "--name",
        "Acme",
        "--fax-number",
        "+16502530000",
    ]);
    let report = other.json(1, &["audit", "verify", "--expect", &hash]);
    assert_eq!(report["expected"]["found"], false);
    assert_eq!(report["first_break"], serde_json::Value::Null);
    assert_eq!(report["configuration"]["passed"], true);
    let (stdout, _) = other.code(1, &["audit", "verify", "--expect", &hash]);
    assert!(stdout.contains("NOT FOUND"), "{stdout}");
    let (_, stderr) = env.code(2, &["audit", "verify", "--expect", "abc"]);
    assert!(stderr.contains("audit head"), "{stderr}");
    // An empty store's head.
    let Some(empty) = Env::new(backend) else {
        return;
    };
    let head = empty.json(0, &["audit", "head"]);
    assert_eq!(head["seq"], 0);
    assert_eq!(head["hash"], "0".repeat(64));
    assert_eq!(head["digest"], "0".repeat(64));
    assert!(!empty.store_exists(), "reading never creates a store");
}

/// A store written before the digest existed gets it on first use, with an audit row, and verifies.
/// (SQLite only: PostgreSQL stores began with the digest.)
#[test]
fn an_old_store_gets_its_digest_on_first_use() {
    use sha2::{Digest, Sha256};
    let env = Env::sqlite();
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    let schema =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schema.sql")).unwrap();
    conn.execute_batch(&schema).unwrap();
    conn.execute_batch(
        "PRAGMA user_version = 1;
         INSERT INTO accounts VALUES ('acme', 'Acme', '+16502530000', 'us', 'Default', 'en', 1, 0, 't', 't');",
    )
    .unwrap();
    // The row an older xmfax wrote for it: its hash covers seven fields.
    let genesis = "0".repeat(64);
    let canonical = serde_json::json!([
        1,
        "2026-11-01T00:00:00Z",
        "ann",
        "accounts.add",
        "acme",
        null,
        "{}"
    ]);
    let mut hasher = Sha256::new();
    hasher.update(format!("{genesis}\n{canonical}"));
    let hash = hex::encode(hasher.finalize());
    conn.execute(
        "INSERT INTO audit (seq, at, agent, action, account, subject, details, prev_hash, hash)
         VALUES (1, '2026-11-01T00:00:00Z', 'ann', 'accounts.add', 'acme', NULL, '{}', ?1, ?2)",
        [&genesis, &hash],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO audit_head (id, seq, hash) VALUES (1, 1, ?1)",
        [&hash],
    )
    .unwrap();
    drop(conn);
    let report = env.json(0, &["audit", "verify"]);
    assert_eq!(report["rows"], 2, "{report}");
    assert_eq!(report["configuration"]["passed"], true, "{report}");
    let log = env.json(0, &["audit", "log", "--limit", "1"]);
    assert_eq!(log[0]["action"], "store.digest-initialized");
    assert_eq!(log[0]["details"]["rows"]["accounts"], 1);
    // From then on the digest follows every change.
    env.ok(&["users", "add", "acme", "jane@acme.example"]);
    env.json(0, &["audit", "verify"]);
}
