//! PostgreSQL connection URLs: a password given in the URL or `PGPASSWORD` is never printed, not in
//! errors, `--help`, notes, completion output, exports or the audit trail, whether the server is
//! unreachable, refuses the login, or accepts it.

use super::common::{Env, Postgres, READ_CHECK_WRITE};
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

/// Every file and directory under `dir`, to show that a refused command created nothing.
fn tree(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).expect("read dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                pending.push(path.clone());
            }
            found.push(path);
        }
    }
    found.sort();
    found
}

/// Runs `args` against `value` given both ways (`--db`, `XMFAX_DB`), in `env`'s directory: each run
/// must be refused with exit 2 before anything is created or changed, saying `why` and printing none
/// of `secrets`. Also tries `store copy` with the value on either side, and completion.
fn refused_everywhere(env: &Env, value: &str, why: &str, secrets: &[&str]) {
    let copy = env.dir.path().join("copy.db");
    let copy = copy.to_str().unwrap();
    let db = env.db.to_str().unwrap();
    let before = tree(env.dir.path());
    let store = env.dump();
    let add = READ_CHECK_WRITE[2];
    let runs: Vec<(bool, Vec<&str>)> = vec![
        (true, add.to_vec()),
        (true, vec!["accounts", "list"]),
        (true, vec!["-o", "json", "audit", "log"]),
        (true, vec!["sender", "test", "bob@acme.example"]),
        (false, [&["--db", value][..], add].concat()),
        (false, vec!["--db", value, "accounts", "list"]),
        (false, vec!["store", "copy", "--from", value, "--to", copy]),
        (false, vec!["store", "copy", "--from", db, "--to", value]),
        (false, vec!["store", "copy", "--to", value]),
        (true, vec!["store", "copy", "--to", copy]),
    ];
    for (in_environment, args) in runs {
        let mut cmd = env.cmd();
        cmd.current_dir(env.dir.path());
        if in_environment {
            cmd.env("XMFAX_DB", value);
        }
        let out = cmd.args(&args).output().unwrap();
        let printed = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(out.status.code(), Some(2), "{value} {args:?}: {printed}");
        assert!(printed.contains(why), "{value} {args:?}: {printed}");
        for secret in secrets {
            assert!(
                !printed.contains(secret),
                "{value} {args:?} printed {secret:?}: {printed}"
            );
        }
        assert_eq!(tree(env.dir.path()), before, "{value} {args:?} created something");
    }
    for words in [
        &["xmfax", "accounts", "show", ""][..],
        &["xmfax", "--db", value, "accounts", "show", ""],
    ] {
        let mut cmd = env.cmd();
        cmd.current_dir(env.dir.path()).env("XMFAX_DB", value);
        let out = super::common::completion(cmd, words).output().unwrap();
        let offered = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{value}: {offered}");
        assert!(offered.contains("--db"), "the options, and no account: {offered}");
        for secret in secrets {
            assert!(
                !offered.contains(secret),
                "completion printed {secret:?}: {offered}"
            );
        }
    }
    // None of these reads a store: a bad XMFAX_DB does not keep a shell from loading its completion.
    for args in [&["completions", "bash"][..], &["man"], &["store", "roles-sql"]] {
        env.cmd().env("XMFAX_DB", value).args(args).assert().success();
    }
    assert_eq!(
        tree(env.dir.path()),
        before,
        "{value}: completion created something"
    );
    assert_eq!(env.dump(), store, "{value}: the store changed");
}

/// A store in place, so that a command taking the value for it would show.
fn sqlite_with_an_account() -> Env {
    let env = Env::sqlite();
    env.ok(&[
        "accounts",
        "add",
        "acme",
        "--name",
        "Acme",
        "--fax-number",
        "+16502530000",
    ]);
    env
}

#[test]
fn a_password_with_an_unencoded_at_is_refused_before_connecting() {
    // Connecting would reach this listener (the host is made of the password's tail): it must hear
    // nothing. No PostgreSQL server is needed.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("listen");
    let port = listener.local_addr().expect("address").port();
    let env = sqlite_with_an_account();
    let tail = format!("127.0.0.1:{port}");
    let cases = [
        (
            "postgres://bob:p@ss/w?rd#1@127.0.0.1:5499/xmfax".to_string(),
            vec!["ss/w", "rd#1", "bob"],
        ),
        (
            "postgres://bob:p@ssSECRET@127.0.0.1:5499/xmfax".to_string(),
            vec!["SECRET", "bob"],
        ),
        (
            format!("postgres://bob:pSECRET@{tail}@127.0.0.1:5499/xmfax"),
            vec!["SECRET", "bob", &tail],
        ),
        (
            format!("postgres://bob@corp:SECRET@{tail}/xmfax"),
            vec!["SECRET", "corp"],
        ),
        (
            format!("postgres://bob:SECRET@{tail}/xmfax@other"),
            vec!["SECRET", "other"],
        ),
        (
            format!("postgres://{tail}/xmfax?password=SE@CRET"),
            vec!["SE@", "CRET"],
        ),
        (
            format!("postgres://{tail}/xmfax?options=a@b&password=SECRET"),
            vec!["SECRET"],
        ),
        (
            format!("postgresql://bob:SECRET@{tail}/xmfax?options=-c%20x=a@b"),
            vec!["SECRET"],
        ),
    ];
    for (url, secrets) in &cases {
        refused_everywhere(&env, url, "%40", secrets);
    }
    listener.set_nonblocking(true).expect("nonblocking");
    assert!(listener.accept().is_err(), "a refused URL was connected to");
    // A `&` left in a `password` parameter's value.
    refused_everywhere(
        &env,
        &format!("postgres://{tail}/xmfax?password=a&SECRET&sslmode=disable"),
        "%26",
        &["SECRET"],
    );
}

#[test]
fn a_mistyped_url_is_not_taken_for_a_file() {
    let env = sqlite_with_an_account();
    for value in [
        "postgres:/alice@127.0.0.1:5499/xmfax",
        "postgres:/alice:SECRET@127.0.0.1:5499/xmfax",
        "POSTGRESQL:alice:SECRET@127.0.0.1:5499/xmfax",
        "postgres//alice:SECRET@127.0.0.1:5499/xmfax",
        "postgresql//alice:SECRET@127.0.0.1:5499/xmfax",
        "pg://alice:SECRET@127.0.0.1:5499/xmfax",
        "postgress://alice:SECRET@127.0.0.1:5499/xmfax",
        " postgres://alice:SECRET@127.0.0.1:5499/xmfax",
        "alice:SECRET@127.0.0.1:5499/xmfax",
        "postgres/alice:SECRET@127.0.0.1:5499/xmfax",
    ] {
        refused_everywhere(&env, value, "looks like a URL", &["SECRET", "alice", "127.0.0.1"]);
    }
    let out = env
        .cmd()
        .env("XMFAX_DB", "pg://alice:SECRET@127.0.0.1:5499/xmfax")
        .args(["accounts", "list"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("\"pg://****\"") && stderr.contains("start its path with ./"),
        "names the value, masked, and says how to name such a file: {stderr}"
    );
}

#[test]
fn odd_file_names_are_still_files() {
    let env = Env::sqlite();
    for name in [
        "my:store.db",
        "store@host.db",
        "./postgres:/x.db",
        "./alice:pw@h.db",
        "./pg:/x.db",
    ] {
        let mut cmd = env.cmd();
        cmd.current_dir(env.dir.path())
            .env("XMFAX_DB", name)
            .args(READ_CHECK_WRITE[2])
            .assert()
            .success();
        assert!(env.dir.path().join(name).is_file(), "{name}: no store file");
    }
}

#[test]
fn a_secret_in_a_misspelt_or_misplaced_part_of_a_url_is_not_shown() {
    // No server is needed: each is refused before or while connecting, and the error shows the URL.
    let env = Env::sqlite();
    for url in [
        format!("postgres://alice@127.0.0.1:1/xmfax?passwd={SECRET}"),
        format!("postgres://alice@127.0.0.1:1/xmfax?sslmode=require&{SECRET}"),
        format!("postgres://alice:{SECRET}/xmfax"),
        format!("postgresql://alice:{SECRET}"),
        format!("postgres://alice@127.0.0.1:1/xmfax?password=a&{SECRET}=1"),
    ] {
        let out = env
            .cmd()
            .env("XMFAX_DB", &url)
            .args(["accounts", "list"])
            .output()
            .expect("run");
        let printed = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(out.status.code(), Some(2), "{url}: {printed}");
        assert!(!printed.contains(SECRET), "{url}: {printed}");
    }
}
