//! `xmfax security`: settings, whitelist rules and the securing check.

use super::common::{Backend, Env, Postgres, Sqlite};
use rstest::rstest;

fn check_statuses(report: &serde_json::Value) -> Vec<(String, String)> {
    report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["id"].as_str().unwrap().to_string(),
                c["status"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn status_of(report: &serde_json::Value, id: &str) -> String {
    check_statuses(report)
        .into_iter()
        .find(|(i, _)| i == id)
        .map(|(_, s)| s)
        .unwrap()
}

#[rstest]
fn unrestrained_account_fails_the_check(#[values(Sqlite, Postgres)] backend: Backend) {
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
    let report = env.json(1, &["security", "check", "acme"]);
    assert_eq!(report["account"], "acme");
    assert_eq!(report["passed"], false);
    assert_eq!(status_of(&report, "sources-restrained"), "fail");
    assert_eq!(status_of(&report, "tls-required"), "warn");
}

#[rstest]
fn spoofing_protection_passes_and_tls_clears_the_warning(#[values(Sqlite, Postgres)] backend: Backend) {
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
    env.ok(&["security", "set", "acme", "--spoofing-protection", "on"]);
    let report = env.json(0, &["security", "check", "acme"]);
    assert_eq!(report["passed"], true);
    assert_eq!(status_of(&report, "tls-required"), "warn");
    env.ok(&["security", "set", "acme", "--require-tls", "on"]);
    let report = env.json(0, &["security", "check", "acme"]);
    assert!(
        check_statuses(&report).iter().all(|(_, s)| s == "pass"),
        "{report}"
    );
}

#[rstest]
fn whitelist_restrains_but_broad_entries_fail_and_private_ones_warn(
    #[values(Sqlite, Postgres)] backend: Backend,
) {
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
    env.ok(&["security", "whitelist", "add", "acme", "198.18.7.0/24"]);
    let report = env.json(0, &["security", "check", "acme"]);
    assert_eq!(status_of(&report, "sources-restrained"), "pass");
    assert_eq!(status_of(&report, "whitelist-specific"), "pass");

    env.ok(&["security", "whitelist", "add", "acme", "10.1.0.0/16"]);
    let report = env.json(0, &["security", "check", "acme"]);
    assert_eq!(status_of(&report, "whitelist-specific"), "warn");

    env.ok(&["security", "whitelist", "add", "acme", "44.0.0.0/8", "--force"]);
    let report = env.json(1, &["security", "check", "acme"]);
    assert_eq!(status_of(&report, "whitelist-specific"), "fail");

    env.ok(&["security", "whitelist", "add", "acme", "2a00::/16", "--force"]);
    env.ok(&["security", "whitelist", "remove", "acme", "44.0.0.0/8", "--yes"]);
    let report = env.json(1, &["security", "check", "acme"]);
    assert_eq!(
        status_of(&report, "whitelist-specific"),
        "fail",
        "an IPv6 /16 is too broad too"
    );
}

#[rstest]
fn whitelist_entries_are_canonical(#[values(Sqlite, Postgres)] backend: Backend) {
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
    let change = env.json(
        0,
        &[
            "security",
            "whitelist",
            "add",
            "acme",
            "198.18.7.9",
            "2001:DB8::1",
            "::ffff:198.18.8.0/120",
        ],
    );
    assert_eq!(
        change["added"],
        serde_json::json!(["198.18.7.9/32", "2001:db8::1/128", "198.18.8.0/24"])
    );
    let again = env.json(0, &["security", "whitelist", "add", "acme", "198.18.7.9/32"]);
    assert_eq!(again["unchanged"], serde_json::json!(["198.18.7.9/32"]));
    let list = env.json(0, &["security", "whitelist", "list", "acme"]);
    assert_eq!(list.as_array().unwrap().len(), 3);
}

#[rstest]
fn bad_cidrs_are_refused_whole_with_a_hint(#[values(Sqlite, Postgres)] backend: Backend) {
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
    let (_, stderr) = env.code(
        2,
        &[
            "security",
            "whitelist",
            "add",
            "acme",
            "198.18.7.0/24",
            "198.18.7.9/24",
        ],
    );
    assert!(stderr.contains("\"198.18.7.9/24\""), "{stderr}");
    assert!(stderr.contains("hint: the network is 198.18.7.0/24"), "{stderr}");
    for bad in ["300.1.1.1", "1.2.3.0/33", "mail.acme.com", "::1/129", ""] {
        let (_, stderr) = env.code(2, &["security", "whitelist", "add", "acme", bad]);
        assert!(stderr.contains("invalid network"), "{stderr}");
    }
    assert_eq!(env.dump(), before, "no partial whitelist change");
    env.code(2, &["security", "whitelist", "remove", "acme", "198.18.7.0/24"]);
}
