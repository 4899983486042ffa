//! `xmfax completions` and `xmfax man`: checked-in scripts stay in sync; live values come from the store.

use super::common::{Backend, Env, Postgres, Sqlite};
use rstest::rstest;

#[rstest]
fn checked_in_completion_scripts_match_the_cli(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = Env::new(backend) else {
        return;
    };
    for (shell, file) in [
        ("bash", "xmfax.bash"),
        ("zsh", "_xmfax"),
        ("fish", "xmfax.fish"),
        ("elvish", "xmfax.elv"),
        ("powershell", "_xmfax.ps1"),
    ] {
        let generated = env.ok(&["completions", shell]);
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("completions")
            .join(file);
        let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            generated == checked_in,
            "completions/{file} is out of date: run `cargo run -- completions {shell} > completions/{file}` (or scripts/gen-completions)"
        );
    }
}

#[rstest]
fn dynamic_completion_offers_account_ids_and_never_creates_a_store(
    #[values(Sqlite, Postgres)] backend: Backend,
) {
    let Some(env) = Env::new(backend) else {
        return;
    };
    let without_store = env.complete(&["xmfax", "accounts", "show", ""]);
    assert!(!without_store.contains("acme"), "{without_store}");
    assert!(!env.store_exists(), "completion must not create a store");
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
        "+16502530000",
    ]);
    let offered = env.complete(&["xmfax", "accounts", "show", ""]);
    assert!(offered.contains("acme") && offered.contains("beta"), "{offered}");
    let registration = env.ok(&["completions", "bash", "--dynamic"]);
    assert!(registration.contains("COMPLETE"), "{registration}");
}

#[rstest]
fn man_page_renders(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = Env::new(backend) else {
        return;
    };
    let page = env.ok(&["man"]);
    assert!(page.contains(".TH xmfax"), "{page}");
    let dir = env.dir.path().join("man");
    env.ok(&["man", "--out", dir.to_str().unwrap()]);
    assert!(dir.join("xmfax-accounts-add.1").exists());
}
