//! Hostile command-line input: invalid UTF-8, huge values, control and invisible characters.
//! Each is refused with a short, clear message and a non-zero exit, and the store is unchanged.

use super::common::{Backend, Env, Postgres, Sqlite, days_ago};
use rstest::rstest;
use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;

fn setup(backend: Backend) -> Option<Env> {
    let env = Env::new(backend)?;
    env.secured_account("acme");
    Some(env)
}

#[rstest]
fn invalid_utf8_arguments_are_usage_errors(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = setup(backend) else {
        return;
    };
    let before = env.dump();
    let bad = OsString::from_vec(b"acme\xff\xfe.com".to_vec());
    for args in [
        vec![
            OsString::from("domains"),
            "add".into(),
            "acme".into(),
            bad.clone(),
        ],
        vec!["users".into(), "add".into(), "acme".into(), bad.clone()],
        vec!["accounts".into(), "show".into(), bad.clone()],
    ] {
        let out = env.cmd().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("UTF-8"), "{args:?}");
    }
    assert_eq!(env.dump(), before);
}

#[rstest]
fn huge_values_get_short_errors_and_change_nothing(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = setup(backend) else {
        return;
    };
    let before = env.dump();
    let huge = "a".repeat(100_000); // Linux caps one argument at 128 KiB
    for args in [
        vec![
            "accounts",
            "add",
            &huge,
            "--name",
            "X",
            "--fax-number",
            "+16502530000",
        ],
        vec![
            "accounts",
            "add",
            "x",
            "--name",
            &huge,
            "--fax-number",
            "+16502530000",
        ],
        vec!["accounts", "set", "acme", "--fax-number", &huge],
        vec!["users", "add", "acme", &huge],
        vec!["security", "whitelist", "add", "acme", &huge],
        vec!["domains", "remove", "acme", &huge, "--yes"],
    ] {
        let (_, stderr) = env.code(2, &args);
        assert!(
            stderr.len() < 600,
            "{} bytes of error for {:?}",
            stderr.len(),
            &args[..2]
        );
        assert!(stderr.contains("bytes long"), "{stderr}");
    }
    // A huge domain is a refusal (a verdict), reported with its code.
    let refused = env.json(
        1,
        &[
            "domains",
            "add",
            "acme",
            &huge,
            "--certified-by",
            "J",
            "--certified-on",
            &days_ago(10),
        ],
    );
    assert_eq!(refused["refused"][0]["reasons"][0]["code"], "invalid-syntax");
    assert_eq!(env.dump(), before);
}

#[rstest]
fn control_and_invisible_characters_are_refused(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = setup(backend) else {
        return;
    };
    let before = env.dump();
    for args in [
        vec![
            "accounts",
            "add",
            "x\u{1b}",
            "--name",
            "X",
            "--fax-number",
            "+16502530000",
        ],
        vec![
            "accounts",
            "add",
            "x",
            "--name",
            "X\u{7}",
            "--fax-number",
            "+16502530000",
        ],
        vec!["users", "add", "acme", "jane\u{202e}@acme.example"],
        vec!["users", "add", "acme", "ja\nne@acme.example"],
        vec!["security", "whitelist", "add", "acme", "198.18.0.0/24\u{1b}"],
    ] {
        let (_, stderr) = env.code(2, &args);
        assert!(stderr.starts_with("error: "), "{stderr}");
        assert!(
            !stderr.contains('\u{1b}') && !stderr.contains('\u{202e}'),
            "raw control text in {stderr:?}"
        );
    }
    let refused = env.json(
        1,
        &[
            "domains",
            "add",
            "acme",
            "acme\u{7}.com",
            "ac\u{202e}me.com",
            "--certified-by",
            "J",
            "--certified-on",
            &days_ago(10),
        ],
    );
    assert_eq!(refused["refused"].as_array().unwrap().len(), 2);
    assert_eq!(env.dump(), before);
}

#[rstest]
fn error_messages_escape_what_they_quote(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = setup(backend) else {
        return;
    };
    for args in [
        vec!["accounts", "show", "evil\u{1b}[2J\u{202e}"],
        vec!["domains", "remove", "acme", "ev\u{202e}il\u{1b}.com", "--yes"],
        vec!["users", "remove", "acme", "a\u{1b}]0;x\u{7}@acme.example"],
    ] {
        let (_, stderr) = env.code(2, &args);
        for raw in ['\u{1b}', '\u{202e}', '\u{7}'] {
            assert!(!stderr.contains(raw), "{args:?}: raw {raw:?} in {stderr:?}");
        }
    }
}

#[rstest]
fn errors_quoting_text_from_the_store_escape_it(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = setup(backend) else {
        return;
    };
    env.secured_account("beta");
    env.ok(&["users", "add", "acme", "jane@acme.example"]);
    env.execute("UPDATE users SET email = 'jane\u{1b}[2J\u{202e}@acme.example' WHERE account_id = 'acme'");
    let (_, stderr) = env.code(2, &["users", "add", "beta", "jane@acme.example"]);
    assert!(stderr.contains("already registered"), "{stderr}");
    assert!(
        !stderr.contains('\u{1b}') && !stderr.contains('\u{202e}'),
        "raw text in {stderr:?}"
    );
    assert!(stderr.contains("\\u{1b}"), "{stderr}");
}
