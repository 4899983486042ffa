//! The store is private, keeps hostile-looking values verbatim, refuses what it cannot safely use
//! (a newer schema, a corrupt file, another program's database) without touching it, and text from
//! the store never reaches the terminal with raw control characters.

use super::common::{Backend, Env, Postgres, Sqlite, literal};
use rstest::rstest;
use std::os::unix::fs::PermissionsExt;

/// Length and a hash of a file's bytes, so a failed comparison prints two short lines, not the file.
fn fingerprint(path: &std::path::Path) -> (usize, u64) {
    use std::hash::{Hash, Hasher};
    let bytes = std::fs::read(path).unwrap();
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut hasher);
    (bytes.len(), hasher.finish())
}

fn mode(path: &std::path::Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn store_and_its_wal_files_are_private() {
    let env = Env::sqlite();
    env.secured_account("acme");
    assert_eq!(mode(&env.db), 0o600);
    // Hold a reader open so the WAL and shared-memory files stay, then let xmfax write through them.
    let reader = env.sql();
    let _: i64 = reader
        .query_row("SELECT count(*) FROM accounts", [], |r| r.get(0))
        .unwrap();
    env.ok(&["users", "add", "acme", "jane@acme.example"]);
    for suffix in ["-wal", "-shm"] {
        let path = env.db.with_file_name(format!("xmfax.db{suffix}"));
        assert!(path.exists(), "{} missing", path.display());
        assert_eq!(mode(&path), 0o600, "{}", path.display());
    }
}

#[rstest]
fn values_that_look_like_sql_are_stored_verbatim(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = Env::new(backend) else {
        return;
    };
    let name = "Robert'); DROP TABLE accounts;--";
    env.ok(&[
        "accounts",
        "add",
        "bobby",
        "--name",
        name,
        "--fax-number",
        "+16502530000",
        "--profile",
        "x' OR '1'='1",
    ]);
    env.ok(&["users", "add", "bobby", "o'brien+fax@acme.example"]);
    let show = env.json(0, &["accounts", "show", "bobby"]);
    assert_eq!(show["name"], name);
    assert_eq!(show["profile"], "x' OR '1'='1");
    assert_eq!(show["users"][0]["email"], "o'brien+fax@acme.example");
    assert_eq!(env.json(0, &["accounts", "list"]).as_array().unwrap().len(), 1);
}

#[rstest]
fn a_store_from_a_newer_xmfax_is_refused_untouched(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = Env::new(backend) else {
        return;
    };
    env.secured_account("acme");
    let fingerprint = || match backend {
        Sqlite => format!("{:?}", fingerprint(&env.db)),
        Postgres => env.dump(),
    };
    match backend {
        Sqlite => env.sql().pragma_update(None, "user_version", 99).unwrap(),
        Postgres => env.execute("UPDATE xmfax_meta SET value = '99' WHERE name = 'schema_version'"),
    }
    let before = fingerprint();
    for args in [
        &["accounts", "list"][..],
        &["users", "add", "acme", "jane@acme.example"],
    ] {
        let (_, stderr) = env.code(2, args);
        assert!(stderr.contains("newer"), "{stderr}");
        assert!(stderr.contains("upgrade xmfax"), "{stderr}");
        assert_eq!(fingerprint(), before);
    }
}

#[test]
fn a_file_that_is_not_a_store_is_refused_and_never_overwritten() {
    let env = Env::sqlite();
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("text", b"these are my notes, not a database\n".repeat(200)),
        (
            "random",
            (0..8192u32)
                .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
                .collect(),
        ),
        ("truncated sqlite", {
            let mut header = b"SQLite format 3\0".to_vec();
            header.extend(std::iter::repeat_n(0xA5, 600));
            header
        }),
    ];
    for (what, content) in cases {
        let path = env.write_file("notes.db", &content);
        let out = env
            .cmd()
            .env("XMFAX_DB", &path)
            .args(["accounts", "list"])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{what}: {stderr}");
        assert!(
            stderr.contains("not an xmfax store") || stderr.contains("not a database"),
            "{what}: {stderr}"
        );
        assert!(
            std::fs::read(&path).unwrap() == content,
            "{what}: the file was modified"
        );
    }
}

#[test]
fn another_programs_sqlite_database_is_refused_untouched() {
    let env = Env::sqlite();
    let path = env.dir.path().join("other.db");
    {
        let other = rusqlite::Connection::open(&path).unwrap();
        other
            .execute_batch("CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup');")
            .unwrap();
    }
    let before = fingerprint(&path);
    let out = env
        .cmd()
        .env("XMFAX_DB", &path)
        .args(["accounts", "list"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not an xmfax store"));
    assert_eq!(
        fingerprint(&path),
        before,
        "the other program's database was modified"
    );
}

/// PostgreSQL's counterpart: a database holding another program's tables is refused, by readers
/// and writers alike, and nothing in it changes (xmfax creates nothing next to foreign tables).
#[test]
fn another_programs_postgres_database_is_refused_untouched() {
    let Some(env) = Env::new(Postgres) else {
        return;
    };
    env.execute("CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup');");
    let before = env.dump();
    for args in [
        &["accounts", "list"][..],
        &[
            "accounts",
            "add",
            "acme",
            "--name",
            "Acme",
            "--fax-number",
            "+16502530000",
        ],
    ] {
        let (_, stderr) = env.code(2, args);
        assert!(stderr.contains("not an xmfax store"), "{args:?}: {stderr}");
        assert_eq!(
            env.dump(),
            before,
            "{args:?}: the other program's database was modified"
        );
    }
}

#[rstest]
fn control_characters_never_reach_the_terminal_raw(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = Env::new(backend) else {
        return;
    };
    env.secured_account("evil");
    // Commands refuse control characters in names, but older data and other writers may hold them.
    let hostile = "Evil\u{1b}[2J\u{1b}]0;pwned\u{7}Corp\u{202e}moc.evil\r\n";
    env.execute(&format!(
        "UPDATE accounts SET name = {} WHERE id = 'evil'",
        literal(hostile)
    ));
    env.ok(&["users", "add", "evil", "rtl@evil.example"]);
    env.execute("UPDATE users SET email = 'rtl\u{202e}gpj@evil.example' WHERE account_id = 'evil'");
    env.code(2, &["users", "add", "evil", "rtl\u{202e}gpj@evil.example"]);
    env.ok(&["accounts", "set", "evil", "--profile", "Fax\u{202e}Legal"]);
    for args in [
        vec!["accounts", "list"],
        vec!["accounts", "show", "evil"],
        vec!["audit", "log"],
    ] {
        let out = env.ok(&args);
        for bad in ['\u{1b}', '\u{7}', '\u{202e}', '\r'] {
            assert!(!out.contains(bad), "{args:?} printed a raw {bad:?}: {out:?}");
        }
        assert!(
            out.contains("\\u{202e}"),
            "{args:?}: escaped form expected: {out}"
        );
    }
    assert!(env.ok(&["accounts", "list"]).contains("\\u{1b}"));
    // Scripts get the exact value back, safely encoded.
    let json = env.json(0, &["accounts", "show", "evil"]);
    assert_eq!(json["name"], hostile);
    let yaml = env.ok(&["accounts", "show", "evil", "-o", "yaml"]);
    assert!(!yaml.contains('\u{1b}'), "{yaml:?}");
}

#[test]
fn an_empty_file_is_read_as_empty_and_made_private_when_it_becomes_a_store() {
    let env = Env::sqlite();
    let path = env.write_file("empty.db", b"");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    let out = env
        .cmd()
        .env("XMFAX_DB", &path)
        .args(["-o", "json", "accounts", "list"])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "[]");
    assert_eq!(
        std::fs::metadata(&path).unwrap().len(),
        0,
        "a read wrote to the empty file"
    );
    let out = env
        .cmd()
        .env("XMFAX_DB", &path)
        .args([
            "accounts",
            "add",
            "acme",
            "--name",
            "Acme",
            "--fax-number",
            "+16502530000",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(mode(&path), 0o600);
}
