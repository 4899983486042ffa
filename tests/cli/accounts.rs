//! `xmfax accounts`: creation, validation, summaries, changes and removal.

use super::common::{Backend, Env, Postgres, Sqlite};
use rstest::rstest;

#[rstest]
fn add_list_show_with_e164_numbers(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = Env::new(backend) else {
        return;
    };
    env.ok(&[
        "accounts",
        "add",
        "acme",
        "--name",
        "Acme Corp",
        "--fax-number",
        "+1 (650) 253-0000",
        "--language",
        "FR",
    ]);
    let list = env.json(0, &["accounts", "list"]);
    assert_eq!(list[0]["id"], "acme");
    assert_eq!(list[0]["fax_number"], "+16502530000");
    assert_eq!(list[0]["language"], "fr");
    assert_eq!(list[0]["region"], "us");
    assert_eq!(list[0]["profile"], "Default");
    let show = env.json(0, &["accounts", "show", "acme"]);
    assert_eq!(show["security"]["spoofing_protection"], false);
    assert_eq!(show["trusted_domains"], serde_json::json!([]));
    assert_eq!(show["users"], serde_json::json!([]));
}

#[rstest]
fn global_options_work_before_and_after_the_subcommand(#[values(Sqlite, Postgres)] backend: Backend) {
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
    let before = env.ok(&["-o", "json", "accounts", "list"]);
    let after = env.ok(&["accounts", "list", "-o", "json"]);
    assert_eq!(before, after);
    let yaml = env.ok(&["accounts", "list", "--output", "yaml"]);
    assert!(yaml.starts_with("- id: acme"), "{yaml}");
}

#[rstest]
fn empty_list_is_an_empty_array(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = Env::new(backend) else {
        return;
    };
    assert_eq!(env.json(0, &["accounts", "list"]), serde_json::json!([]));
}

#[rstest]
fn bad_values_are_refused_with_the_value_named_and_no_change(#[values(Sqlite, Postgres)] backend: Backend) {
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
    let before = env.dump();
    for (args, needle) in [
        (
            vec![
                "accounts",
                "add",
                "b",
                "--name",
                "B",
                "--fax-number",
                "6502530000",
            ],
            "6502530000",
        ),
        (
            vec![
                "accounts",
                "add",
                "b",
                "--name",
                "B",
                "--fax-number",
                "+1 650 253",
            ],
            "+1 650 253",
        ),
        (
            vec![
                "accounts",
                "add",
                "b",
                "--name",
                "B",
                "--fax-number",
                "+999 123456",
            ],
            "+999 123456",
        ),
        (
            vec![
                "accounts",
                "add",
                "B_corp",
                "--name",
                "B",
                "--fax-number",
                "+16502530000",
            ],
            "B_corp",
        ),
        (
            vec![
                "accounts",
                "add",
                "b",
                "--name",
                "B",
                "--fax-number",
                "+16502530000",
                "--language",
                "xx",
            ],
            "xx",
        ),
        (
            vec![
                "accounts",
                "add",
                "acme",
                "--name",
                "Again",
                "--fax-number",
                "+16502530000",
            ],
            "already exists",
        ),
        (vec!["accounts", "set", "acme", "--fax-number", "123"], "123"),
    ] {
        let (_, stderr) = env.code(2, &args);
        assert!(stderr.starts_with("error: "), "{stderr}");
        assert!(stderr.contains(needle), "{args:?}: {stderr}");
    }
    assert_eq!(env.dump(), before);
}

#[rstest]
fn unknown_account_is_exit_2(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = Env::new(backend) else {
        return;
    };
    let (_, stderr) = env.code(2, &["accounts", "show", "nope"]);
    assert!(stderr.contains("unknown account \"nope\""), "{stderr}");
    env.code(2, &["users", "list", "nope"]);
    env.code(2, &["security", "check", "nope"]);
    env.code(2, &["security", "whitelist", "add", "nope", "8.8.8.0/24"]);
}

#[rstest]
fn set_changes_only_what_is_given(#[values(Sqlite, Postgres)] backend: Backend) {
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
    let changed = env.json(
        0,
        &["accounts", "set", "acme", "--profile", "Legal", "--region", "eu"],
    );
    assert_eq!(changed["profile"], "Legal");
    assert_eq!(changed["region"], "eu");
    assert_eq!(changed["name"], "Acme");
}

#[rstest]
fn remove_needs_confirmation_without_a_terminal(#[values(Sqlite, Postgres)] backend: Backend) {
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
    env.ok(&["users", "add", "acme", "jane@acme.example"]);
    let before = env.dump();
    let (_, stderr) = env.code(2, &["accounts", "remove", "acme"]);
    assert!(stderr.contains("--yes"), "{stderr}");
    assert_eq!(env.dump(), before);
    env.ok(&["accounts", "remove", "acme", "--yes"]);
    assert_eq!(env.json(0, &["accounts", "list"]), serde_json::json!([]));
    let log = env.json(0, &["audit", "log", "--limit", "1"]);
    assert_eq!(log[0]["action"], "accounts.remove");
    assert_eq!(log[0]["details"]["users"][0], "jane@acme.example");
}

#[rstest]
fn store_is_created_private_and_every_change_is_audited(#[values(Sqlite, Postgres)] backend: Backend) {
    use std::os::unix::fs::PermissionsExt;
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
    if backend == Sqlite {
        let mode = std::fs::metadata(&env.db).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    env.ok(&["accounts", "set", "acme", "--name", "Acme Corp"]);
    env.ok(&["accounts", "set", "acme", "--name", "Acme Corp"]);
    let log = env.json(0, &["audit", "log"]);
    let actions: Vec<_> = log
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        ["accounts.add", "accounts.set"],
        "a no-op set writes no audit row"
    );
    assert_eq!(log[0]["agent"], "test-agent");
}

#[rstest]
fn help_describes_every_verb(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = Env::new(backend) else {
        return;
    };
    let help = env.ok(&["accounts", "--help"]);
    for verb in ["add", "list", "show", "set", "remove"] {
        assert!(help.contains(verb), "{help}");
    }
}

#[rstest]
fn reading_commands_never_create_a_store(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = Env::new(backend) else {
        return;
    };
    assert_eq!(env.json(0, &["accounts", "list"]), serde_json::json!([]));
    assert_eq!(env.json(0, &["domains", "list"]), serde_json::json!([]));
    assert_eq!(env.json(0, &["audit", "log"]), serde_json::json!([]));
    env.code(2, &["accounts", "show", "acme"]);
    env.code(0, &["audit", "verify"]);
    assert_eq!(env.json(0, &["requests", "list"]), serde_json::json!([]));
    assert_eq!(env.json(0, &["export"])["accounts"], serde_json::json!([]));
    let fixture = include_str!("../fixtures/requests/approved-add.yaml");
    let today = chrono::Utc::now().date_naive().to_string();
    let form = env.write_file("form.yaml", fixture.replace("TODAY", &today));
    env.code(1, &["requests", "validate", form.to_str().unwrap()]);
    assert!(!env.store_exists(), "a read created the store");
}

#[rstest]
fn removals_print_what_they_removed(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = Env::new(backend) else {
        return;
    };
    env.secured_account("acme");
    env.ok(&["users", "add", "acme", "jane@acme.example"]);
    let removed = env.json(0, &["users", "remove", "acme", "Jane@acme.example", "--yes"]);
    assert_eq!(
        removed,
        serde_json::json!({"account": "acme", "removed": "jane@acme.example"})
    );
    env.ok(&["users", "add", "acme", "john@acme.example"]);
    let removed = env.json(0, &["accounts", "remove", "acme", "--yes"]);
    assert_eq!(removed["account"], "acme");
    assert_eq!(removed["users"], serde_json::json!(["john@acme.example"]));
}

#[rstest]
fn an_id_whose_forms_are_on_record_cannot_be_reused_by_a_new_account(
    #[values(Sqlite, Postgres)] backend: Backend,
) {
    let Some(env) = Env::new(backend) else {
        return;
    };
    env.secured_account("acme");
    let fixture = include_str!("../fixtures/requests/approved-add.yaml");
    let today = chrono::Utc::now().date_naive().to_string();
    let form = env.write_file("form.yaml", fixture.replace("TODAY", &today));
    env.ok(&["requests", "process", form.to_str().unwrap()]);
    env.ok(&["accounts", "remove", "acme", "--yes"]);
    let (_, stderr) = env.code(
        2,
        &[
            "accounts",
            "add",
            "acme",
            "--name",
            "Someone Else",
            "--fax-number",
            "+16502530000",
        ],
    );
    assert!(stderr.contains("signed form(s) are on record"), "{stderr}");
}
