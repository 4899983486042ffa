//! PostgreSQL connection URLs: a password given in the URL or `PGPASSWORD` is never printed, not in
//! errors, `--help`, notes, completion output, exports or the audit trail, whether the server is
//! unreachable, refuses the login, or accepts it.

use super::common::{Env, Postgres};
use super::pg;

const SECRET: &str = "s3cretpw";

/// Every way xmfax could show a URL: errors of readers and writers, help, completion, exports.
fn commands() -> Vec<Vec<&'static str>> {
    vec![
        vec!["accounts", "list"],
        vec!["-o", "json", "accounts", "list"],
        vec!["-o", "yaml", "accounts", "show", "acme"],
        vec![
            "accounts",
            "add",
            "beta",
            "--name",
            "Beta",
            "--fax-number",
            "+16502530001",
        ],
        vec!["users", "add", "acme", "bob@acme.example"],
        vec!["audit", "log"],
        vec!["-o", "json", "audit", "log"],
        vec!["audit", "verify"],
        vec!["audit", "head"],
        vec!["export"],
        vec!["sender", "test", "bob@acme.example"],
        vec!["store", "copy", "--from", "$URL", "--to", "$FILE"],
        vec!["--help"],
        vec!["accounts", "--help"],
        vec!["--db", "$URL", "--help"],
        vec!["--db", "$URL", "accounts", "list"],
    ]
}

/// Runs every command with `url` as the store (and `PGPASSWORD` set to the secret too), and the
/// completion script for it; returns everything printed, after checking the secret is in none of it.
fn run_everything(env: &Env, url: &str) -> String {
    let copy = env.dir.path().join("copy.db");
    let mut printed = String::new();
    for args in commands() {
        let args: Vec<String> = args
            .iter()
            .map(|a| a.replace("$URL", url).replace("$FILE", copy.to_str().unwrap()))
            .collect();
        let out = env
            .cmd()
            .env("XMFAX_DB", url)
            .env("PGPASSWORD", SECRET)
            .env("PGCONNECT_TIMEOUT", "5")
            .args(&args)
            .output()
            .unwrap();
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            !text.contains(SECRET),
            "xmfax {args:?} printed the password:\n{text}"
        );
        printed.push_str(&text);
    }
    for words in [
        &["xmfax", "accounts", "show", ""][..],
        &["xmfax", "--db", url, "accounts", "show", ""],
        &["xmfax", "--db", ""],
    ] {
        let out = env
            .cmd()
            .env("XMFAX_DB", url)
            .env("PGCONNECT_TIMEOUT", "5")
            .env("COMPLETE", "bash")
            .env("_CLAP_COMPLETE_INDEX", (words.len() - 1).to_string())
            .env("_CLAP_COMPLETE_COMP_TYPE", "9")
            .env("_CLAP_COMPLETE_SPACE", "true")
            .env("_CLAP_IFS", "\n")
            .arg("--")
            .args(words)
            .output()
            .unwrap();
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            !text.contains(SECRET),
            "completion of {words:?} printed the password:\n{text}"
        );
    }
    printed
}

#[test]
fn a_password_is_never_printed_when_the_server_is_unreachable() {
    let Some(env) = Env::new(Postgres) else {
        return;
    };
    let missing_socket = env.dir.path().join("no-server");
    for url in [
        format!("postgres://agent:{SECRET}@127.0.0.1:1/xmfax"),
        format!(
            "postgresql://agent:{SECRET}@/xmfax?host={}&port=5432",
            missing_socket.display()
        ),
        format!("postgres://agent:{SECRET}@localhost:1/xmfax?sslmode=require"),
    ] {
        let printed = run_everything(&env, &url);
        assert!(printed.contains("error"), "{url}: no error at all?\n{printed}");
    }
}

#[test]
fn a_password_is_never_printed_when_the_login_is_refused() {
    let Some(env) = Env::new(Postgres) else {
        return;
    };
    let server = pg::server().expect("server");
    // No such role: the server refuses the login whatever the password.
    let url = server.url_as(env.database_name(), "no_such_role", Some(SECRET));
    let printed = run_everything(&env, &url);
    assert!(
        printed.contains("no_such_role"),
        "the refusal should say who was refused:\n{printed}"
    );
}

#[test]
fn a_password_is_never_printed_when_the_login_succeeds() {
    let Some(env) = Env::new(Postgres) else {
        return;
    };
    let server = pg::server().expect("server");
    let url = server.url_as(env.database_name(), "postgres", Some(SECRET));
    if postgres::Client::connect(&url, postgres::NoTls).is_err() {
        // A shared server (XMFAX_TEST_PG_URL) checks passwords; the throwaway cluster trusts its socket.
        return;
    }
    let with_password = env.as_url(&url);
    with_password.secured_account("acme");
    with_password.ok(&["users", "add", "acme", "jane@acme.example"]);
    let printed = run_everything(&with_password, &url);
    assert!(printed.contains("acme"), "{printed}");
    assert!(
        !env.dump().contains(SECRET),
        "the store itself holds the password"
    );
    with_password.ok(&["audit", "verify"]);
}

/// Runs `cmd`, failing the test if it still waits after `limit` (assert_cmd then kills it).
fn output_within(mut cmd: assert_cmd::Command, limit: std::time::Duration) -> std::process::Output {
    cmd.timeout(limit)
        .output()
        .unwrap_or_else(|e| panic!("xmfax still waited for the server after {limit:?} ({e}): {cmd:?}"))
}

#[test]
fn a_server_that_accepts_and_never_answers_is_given_up_on() {
    // Connections to this listener complete in the kernel's backlog and then hear nothing, as from
    // a hung server or a middlebox that swallows the traffic. No PostgreSQL server is needed.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("listen");
    let port = listener.local_addr().expect("address").port();
    let env = Env::sqlite();
    let limit = std::time::Duration::from_secs(30);
    for url in [
        format!("postgres://agent:{SECRET}@127.0.0.1:{port}/xmfax?connect_timeout=1"),
        format!("postgres://agent:{SECRET}@127.0.0.1:{port}/xmfax?connect_timeout=1&sslmode=require"),
    ] {
        let mut cmd = env.cmd();
        cmd.env("XMFAX_DB", &url).args(["accounts", "list"]);
        let out = output_within(cmd, limit);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{url}: {stderr}");
        assert!(
            stderr.contains("did not complete the connection within 1 s") && !stderr.contains(SECRET),
            "{url}: {stderr}"
        );
    }
    // Completion waits less than a command (2 s unless the URL says otherwise) and offers what it
    // knows without the store.
    let mut cmd = env.cmd();
    cmd.env(
        "XMFAX_DB",
        format!("postgres://agent:{SECRET}@127.0.0.1:{port}/xmfax"),
    );
    let out = output_within(
        super::common::completion(cmd, &["xmfax", "accounts", "show", ""]),
        limit,
    );
    let offered = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{offered}");
    assert!(
        offered.contains("--db") && !offered.contains(SECRET),
        "the options, and no account: {offered}"
    );
    drop(listener);
}
