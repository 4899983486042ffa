//! `xmfax audit`: the log, and verification that catches edited, deleted and inserted rows.

use super::common::Env;

fn env_with_history() -> Env {
    let env = Env::new();
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
    env
}

fn first_break(env: &Env) -> i64 {
    let report = env.json(1, &["audit", "verify"]);
    assert_eq!(report["passed"], false);
    report["first_break"]["seq"].as_i64().unwrap()
}

#[test]
fn intact_chain_verifies() {
    let env = env_with_history();
    let report = env.json(0, &["audit", "verify"]);
    assert_eq!(report["passed"], true);
    assert_eq!(report["rows"], 4);
    let log = env.json(0, &["audit", "log", "--account", "acme", "--limit", "2"]);
    assert_eq!(log.as_array().unwrap().len(), 2);
    assert_eq!(log[1]["seq"], 4, "the newest last");
}

#[test]
fn edited_row_is_named() {
    let env = env_with_history();
    env.sql()
        .execute("UPDATE audit SET agent = 'mallory' WHERE seq = 2", [])
        .unwrap();
    assert_eq!(first_break(&env), 2);
    let (stdout, _) = env.code(1, &["audit", "verify"]);
    assert!(stdout.contains("row 2"), "{stdout}");
}

#[test]
fn deleted_row_is_named() {
    let env = env_with_history();
    env.sql().execute("DELETE FROM audit WHERE seq = 3", []).unwrap();
    assert_eq!(first_break(&env), 3);
}

#[test]
fn deleted_last_row_is_found() {
    let env = env_with_history();
    env.sql().execute("DELETE FROM audit WHERE seq = 4", []).unwrap();
    assert_eq!(first_break(&env), 4);
}

#[test]
fn inserted_row_is_named() {
    let env = env_with_history();
    let conn = env.sql();
    conn.execute("UPDATE audit SET seq = seq + 1 WHERE seq >= 3", [])
        .ok();
    // Renumbering in place can collide on the key; do it from the top down instead when it does.
    let rows: i64 = conn
        .query_row("SELECT count(*) FROM audit WHERE seq = 3", [], |r| r.get(0))
        .unwrap();
    if rows == 1 {
        for seq in [4, 3] {
            conn.execute("UPDATE audit SET seq = seq + 1 WHERE seq = ?1", [seq])
                .unwrap();
        }
    }
    conn.execute(
        "INSERT INTO audit (seq, at, agent, action, account, subject, details, prev_hash, hash)
         SELECT 3, at, agent, 'users.add', account, 'eve@evil.example', details, hash, hash FROM audit WHERE seq = 2",
        [],
    )
    .unwrap();
    assert_eq!(first_break(&env), 3);
}

#[test]
fn table_output_reports_the_break() {
    let env = env_with_history();
    let (stdout, _) = env.code(0, &["audit", "verify"]);
    assert!(stdout.contains("intact"), "{stdout}");
}
