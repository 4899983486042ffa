//! `xmfax users`: registered users, one account per address.

use super::common::{Backend, Env, Postgres, Sqlite};
use rstest::rstest;

#[rstest]
fn an_address_belongs_to_one_account_case_insensitively(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = Env::new(backend) else {
        return;
    };
    env.ok(&[
        "accounts",
        "add",
        "acme",
        "--name",
        "Acme",
        "--fax-number",
        "+16502530000",
    ]);
    env.ok(&[
        "accounts",
        "add",
        "beta",
        "--name",
        "Beta",
        "--fax-number",
        "+16502530001",
    ]);
    let user = env.json(
        0,
        &[
            "users",
            "add",
            "acme",
            "Jane.Roe@Bücher.Example",
            "--language",
            "de",
        ],
    );
    assert_eq!(user["email"], "Jane.Roe@xn--bcher-kva.example");
    let (_, stderr) = env.code(2, &["users", "add", "beta", "jane.roe@xn--bcher-kva.example."]);
    assert!(
        stderr.contains("already registered in account \"acme\""),
        "{stderr}"
    );
    let list = env.json(0, &["users", "list", "acme"]);
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["language"], "de");
}

#[rstest]
fn bad_addresses_and_values_are_refused(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = Env::new(backend) else {
        return;
    };
    env.ok(&[
        "accounts",
        "add",
        "acme",
        "--name",
        "Acme",
        "--fax-number",
        "+16502530000",
    ]);
    for bad in [
        "jane",
        "jane@",
        "@acme.com",
        "jane@localhost",
        "ja ne@acme.com",
        "jane@acme..com",
    ] {
        let (_, stderr) = env.code(2, &["users", "add", "acme", bad]);
        assert!(stderr.contains(bad), "{stderr}");
    }
    env.code(
        2,
        &["users", "add", "acme", "jane@acme.com", "--fax-number", "12"],
    );
}

#[rstest]
fn remove_a_user(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = Env::new(backend) else {
        return;
    };
    env.ok(&[
        "accounts",
        "add",
        "acme",
        "--name",
        "Acme",
        "--fax-number",
        "+16502530000",
    ]);
    env.ok(&["users", "add", "acme", "jane@acme.com"]);
    env.code(2, &["users", "remove", "acme", "john@acme.com"]);
    let before = env.dump();
    let (_, stderr) = env.code(2, &["users", "remove", "acme", "JANE@acme.com"]);
    assert!(
        stderr.contains("--yes"),
        "without a terminal a removal needs --yes: {stderr}"
    );
    assert_eq!(env.dump(), before);
    env.ok(&["users", "remove", "acme", "JANE@acme.com", "--yes"]);
    assert_eq!(env.json(0, &["users", "list", "acme"]), serde_json::json!([]));
}

#[rstest]
fn keys_fold_ascii_case_only_and_take_the_nfc_form(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = Env::new(backend) else {
        return;
    };
    env.ok(&[
        "accounts",
        "add",
        "acme",
        "--name",
        "Acme",
        "--fax-number",
        "+16502530000",
    ]);
    env.ok(&["users", "add", "acme", "kate@acme.com"]);
    // KELVIN SIGN is `K` once in NFC: the same user as kate, so refused as already registered.
    let (_, stderr) = env.code(2, &["users", "add", "acme", "\u{212a}ate@acme.com"]);
    assert!(stderr.contains("already registered"), "{stderr}");
    // A decomposed ë is stored composed.
    let user = env.json(0, &["users", "add", "acme", "noe\u{308}l@acme.com"]);
    assert_eq!(user["email"], "no\u{eb}l@acme.com");
    env.code(2, &["users", "add", "acme", "no\u{eb}l@acme.com"]);
    // Non-ASCII case is not folded: JÜRGEN and jürgen are two addresses, as for the mail system.
    env.ok(&["users", "add", "acme", "J\u{dc}RGEN@acme.com"]);
    env.ok(&["users", "add", "acme", "j\u{fc}rgen@acme.com"]);
    assert_eq!(
        env.json(0, &["users", "list", "acme"]).as_array().unwrap().len(),
        4
    );
}
