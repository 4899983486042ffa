//! `xmfax domains`: every certification code, IDN and case handling, all-or-nothing additions,
//! removal, checks, certification from a request, and what other commands show of trusted domains.

use super::common::Env;
use serde_json::{Value, json};

const CERTIFIED: [&str; 4] = ["--certified-by", "Jane Roe", "--certified-on", "2026-01-15"];

/// `domains add ACCOUNT DOMAINS… EXTRA…` in JSON, expecting `code`.
fn add(env: &Env, code: i32, account: &str, domains: &[&str], extra: &[&str]) -> Value {
    let mut args = vec!["domains", "add", account];
    args.extend_from_slice(domains);
    args.extend_from_slice(extra);
    env.json(code, &args)
}

fn add_certified(env: &Env, code: i32, account: &str, domains: &[&str]) -> Value {
    add(env, code, account, domains, &CERTIFIED)
}

/// The (code, message) pairs of one refused domain of an `add` report.
fn reasons(report: &Value, domain: &str) -> Vec<(String, String)> {
    let refusal = report["refused"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["domain"] == domain)
        .unwrap_or_else(|| panic!("{domain} not refused: {report}"));
    refusal["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["code"].as_str().unwrap().to_string(),
                p["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn codes(report: &Value, domain: &str) -> Vec<String> {
    reasons(report, domain)
        .into_iter()
        .map(|(code, _)| code)
        .collect()
}

fn stored(env: &Env) -> Vec<String> {
    env.json(0, &["domains", "list"])
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["domain"].as_str().unwrap().to_string())
        .collect()
}

/// The domain-only codes: each input, as refused (the stored form when it normalizes) and its code.
const DOMAIN_CODES: [(&str, &str, &str); 10] = [
    ("a..example", "a..example", "invalid-syntax"),
    ("acme-.example", "acme-.example", "invalid-syntax"),
    ("corp", "corp", "single-label"),
    ("192.0.2.1", "192.0.2.1", "ip-literal"),
    ("[IPv6:2001:db8::1]", "[IPv6:2001:db8::1]", "ip-literal"),
    ("*.acme.example", "*.acme.example", "wildcard"),
    ("co.uk", "co.uk", "public-suffix"),
    ("GitHub.io", "github.io", "public-suffix"),
    ("gmail.com", "gmail.com", "free-mail-provider"),
    ("yahoo.co.jp.", "yahoo.co.jp", "free-mail-provider"),
];

#[test]
fn every_domain_code_in_json_refuses_the_whole_addition() {
    let env = Env::new();
    env.secured_account("acme");
    let before = env.dump();
    let mut inputs = vec!["acme-corp.example"];
    inputs.extend(DOMAIN_CODES.iter().map(|(input, _, _)| *input));
    let report = add_certified(&env, 1, "acme", &inputs);
    assert_eq!(report["account"], "acme");
    assert_eq!(report["added"], json!([]), "all or nothing: {report}");
    assert_eq!(report["unchanged"], json!([]));
    assert_eq!(
        report["refused"].as_array().unwrap().len(),
        DOMAIN_CODES.len(),
        "every refused domain is reported, not just the first: {report}"
    );
    for (input, refused_as, code) in DOMAIN_CODES {
        assert_eq!(codes(&report, refused_as), [code], "{input}");
    }
    assert_eq!(env.dump(), before, "a refused add changes nothing");
    assert_eq!(stored(&env), Vec::<String>::new());
}

#[test]
fn every_domain_code_on_the_command_line() {
    let env = Env::new();
    env.secured_account("acme");
    let before = env.dump();
    for (input, refused_as, code) in DOMAIN_CODES {
        let mut args = vec!["domains", "add", "acme", input];
        args.extend_from_slice(&CERTIFIED);
        let (stdout, _) = env.code(1, &args);
        assert!(stdout.contains("REFUSED"), "{input}: {stdout}");
        assert!(stdout.contains(code), "{input}: {stdout}");
        assert!(stdout.contains(refused_as), "{input}: {stdout}");
        let (stdout, _) = env.code(1, &["domains", "check", input]);
        assert!(
            stdout.contains(code) && stdout.contains("refused"),
            "{input}: {stdout}"
        );
    }
    assert_eq!(env.dump(), before);
}

#[test]
fn a_domain_gets_every_code_that_applies() {
    let env = Env::new();
    let report = env.json(1, &["domains", "check", "COM."]);
    let check_codes: Vec<&str> = report[0]["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap())
        .collect();
    assert_eq!(check_codes, ["single-label", "public-suffix"]);
    env.ok(&[
        "accounts",
        "add",
        "acme",
        "--name",
        "Acme",
        "--fax-number",
        "+16502530000",
    ]);
    let report = add(&env, 1, "acme", &["gmail.com"], &[]);
    assert_eq!(
        codes(&report, "gmail.com"),
        ["free-mail-provider", "no-certification", "account-not-secured"]
    );
}

#[test]
fn trusted_by_other_account_names_that_account() {
    let env = Env::new();
    env.secured_account("acme");
    env.secured_account("beta");
    add_certified(&env, 0, "acme", &["acme-corp.example"]);
    let before = env.dump();
    let report = add_certified(&env, 1, "beta", &["ACME-Corp.example."]);
    let found = reasons(&report, "acme-corp.example");
    assert_eq!(found.len(), 1, "{report}");
    assert_eq!(found[0].0, "trusted-by-other-account");
    assert!(found[0].1.contains("\"acme\""), "{}", found[0].1);
    let mut args = vec!["domains", "add", "beta", "acme-corp.example"];
    args.extend_from_slice(&CERTIFIED);
    let (stdout, _) = env.code(1, &args);
    assert!(
        stdout.contains("trusted-by-other-account") && stdout.contains("\"acme\""),
        "{stdout}"
    );
    assert_eq!(env.dump(), before);

    let check = env.json(1, &["domains", "check", "acme-corp.example"]);
    assert_eq!(check[0]["trusted_by"], "acme");
    assert_eq!(check[0]["verdict"], "refused");
    assert_eq!(check[0]["reasons"][0]["code"], "trusted-by-other-account");
}

#[test]
fn subdomain_coverage_conflicts_across_accounts() {
    let env = Env::new();
    env.secured_account("acme");
    env.secured_account("beta");
    let mut args = CERTIFIED.to_vec();
    args.push("--include-subdomains");
    add(&env, 0, "acme", &["corp.example"], &args);
    add_certified(&env, 0, "acme", &["plain.example"]);
    add_certified(&env, 0, "beta", &["sales.other.example"]);
    let before = env.dump();

    // Below a domain that another account trusts with its subdomains.
    let report = add_certified(&env, 1, "beta", &["mail.corp.example", "a.b.corp.example"]);
    for below in ["mail.corp.example", "a.b.corp.example"] {
        let found = reasons(&report, below);
        assert_eq!(found[0].0, "trusted-by-other-account", "{report}");
        assert!(found[0].1.contains("corp.example") && found[0].1.contains("\"acme\""));
    }
    // Above a domain that another account trusts, when asking for subdomains.
    let report = add(&env, 1, "acme", &["other.example"], &args);
    let found = reasons(&report, "other.example");
    assert_eq!(found[0].0, "trusted-by-other-account");
    assert!(found[0].1.contains("sales.other.example") && found[0].1.contains("\"beta\""));
    assert_eq!(env.dump(), before);

    // No overlap: a parent trusted alone, the parent itself without subdomains, look-alike names.
    add_certified(
        &env,
        0,
        "beta",
        &[
            "mail.plain.example",
            "evilcorp.example",
            "corp.example.evil.example",
        ],
    );
    add_certified(&env, 0, "acme", &["other.example"]);
    let check = env.json(0, &["domains", "check", "xcorp.example"]);
    assert_eq!(check[0]["trusted_by"], Value::Null);
    let check = env.json(1, &["domains", "check", "deep.mail.corp.example"]);
    assert_eq!(check[0]["trusted_by"], "acme");
}

#[test]
fn no_certification_refuses() {
    let env = Env::new();
    env.secured_account("acme");
    let before = env.dump();
    let report = add(&env, 1, "acme", &["acme-corp.example"], &[]);
    assert_eq!(codes(&report, "acme-corp.example"), ["no-certification"]);
    let future = ["--certified-by", "Jane Roe", "--certified-on", "2999-01-01"];
    let report = add(&env, 1, "acme", &["acme-corp.example"], &future);
    let found = reasons(&report, "acme-corp.example");
    assert_eq!(found[0].0, "no-certification");
    assert!(found[0].1.contains("future"), "{}", found[0].1);
    let blank = ["--certified-by", " ", "--certified-on", "2026-01-15"];
    assert_eq!(
        codes(
            &add(&env, 1, "acme", &["acme-corp.example"], &blank),
            "acme-corp.example"
        ),
        ["no-certification"]
    );
    let (stdout, _) = env.code(1, &["domains", "add", "acme", "acme-corp.example"]);
    assert!(stdout.contains("no-certification"), "{stdout}");
    assert_eq!(env.dump(), before);
}

#[test]
fn account_not_secured_names_the_failing_check() {
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
    let before = env.dump();
    let report = add_certified(&env, 1, "acme", &["acme-corp.example"]);
    let found = reasons(&report, "acme-corp.example");
    assert_eq!(found.len(), 1, "{report}");
    assert_eq!(found[0].0, "account-not-secured");
    assert!(found[0].1.contains("sources-restrained"), "{}", found[0].1);
    assert!(
        found[0].1.contains("--spoofing-protection on"),
        "says how to fix it: {}",
        found[0].1
    );
    let mut args = vec!["domains", "add", "acme", "acme-corp.example"];
    args.extend_from_slice(&CERTIFIED);
    let (stdout, _) = env.code(1, &args);
    assert!(stdout.contains("account-not-secured") && stdout.contains("sources-restrained"));
    assert_eq!(env.dump(), before);

    env.ok(&["security", "whitelist", "add", "acme", "198.51.100.0/24"]);
    add_certified(&env, 0, "acme", &["acme-corp.example"]);
}

#[test]
fn idn_input_is_stored_once_in_ascii_from_either_form() {
    for (first, second) in [
        ("bücher.example", "xn--bcher-kva.example"),
        ("xn--bcher-kva.example", "BÜCHER.example."),
    ] {
        let env = Env::new();
        env.secured_account("acme");
        let report = add_certified(&env, 0, "acme", &[first]);
        assert_eq!(report["added"], json!(["xn--bcher-kva.example"]));
        let report = add_certified(&env, 0, "acme", &[second]);
        assert_eq!(report["added"], json!([]));
        assert_eq!(report["unchanged"], json!(["xn--bcher-kva.example"]));
        let list = env.json(0, &["domains", "list", "acme"]);
        assert_eq!(list.as_array().unwrap().len(), 1, "{list}");
        assert_eq!(list[0]["domain"], "xn--bcher-kva.example");
        assert_eq!(list[0]["unicode"], "bücher.example");
        let table = env.ok(&["domains", "list"]);
        assert!(
            table.contains("xn--bcher-kva.example") && table.contains("bücher.example"),
            "{table}"
        );
    }

    let env = Env::new();
    env.secured_account("acme");
    let (stdout, _) = env.code(
        0,
        &[
            "domains",
            "add",
            "acme",
            "bücher.example",
            "xn--bcher-kva.example",
            "--certified-by",
            "Jane Roe",
            "--certified-on",
            "2026-01-15",
        ],
    );
    assert!(
        stdout.contains("xn--bcher-kva.example (bücher.example)"),
        "Unicode beside ASCII: {stdout}"
    );
    assert_eq!(stored(&env), ["xn--bcher-kva.example"]);
    let check = env.json(1, &["domains", "check", "bücher.example"]);
    assert_eq!(check[0]["domain"], "xn--bcher-kva.example");
    assert_eq!(check[0]["unicode"], "bücher.example");
}

#[test]
fn mixed_case_and_one_trailing_dot_are_the_same_domain() {
    let env = Env::new();
    env.secured_account("acme");
    let report = add_certified(&env, 0, "acme", &["  Acme-CORP.Example. "]);
    assert_eq!(report["added"], json!(["acme-corp.example"]));
    for same in ["acme-corp.example", "ACME-CORP.EXAMPLE", "acme-corp.example."] {
        let report = add_certified(&env, 0, "acme", &[same]);
        assert_eq!(report["unchanged"], json!(["acme-corp.example"]), "{same}");
    }
    let report = add_certified(&env, 1, "acme", &["acme-corp.example.."]);
    assert_eq!(codes(&report, "acme-corp.example.."), ["invalid-syntax"]);
    assert_eq!(stored(&env), ["acme-corp.example"]);
}

#[test]
fn unchanged_is_no_error_but_a_refusal_next_to_it_adds_nothing() {
    let env = Env::new();
    env.secured_account("acme");
    add_certified(&env, 0, "acme", &["acme-corp.example"]);
    let before = env.dump();
    let report = add_certified(&env, 0, "acme", &["acme-corp.example"]);
    assert_eq!(report["unchanged"], json!(["acme-corp.example"]));
    assert_eq!(report["refused"], json!([]));
    assert_eq!(env.dump(), before, "an unchanged domain writes no audit row");
    let report = add_certified(
        &env,
        1,
        "acme",
        &["acme-corp.example", "new.example", "gmail.com"],
    );
    assert_eq!(report["unchanged"], json!(["acme-corp.example"]));
    assert_eq!(
        report["added"],
        json!([]),
        "nothing is added next to a refusal: {report}"
    );
    assert_eq!(env.dump(), before);
    assert_eq!(stored(&env), ["acme-corp.example"]);
}

#[test]
fn include_subdomains_widens_a_trusted_domain_after_every_check() {
    let env = Env::new();
    env.secured_account("acme");
    env.secured_account("beta");
    add_certified(&env, 0, "acme", &["acme-corp.example"]);
    add_certified(&env, 0, "beta", &["mail.acme-corp.example"]);
    let mut wide = CERTIFIED.to_vec();
    wide.push("--include-subdomains");
    let before = env.dump();
    let report = add(&env, 1, "acme", &["acme-corp.example"], &wide);
    assert_eq!(codes(&report, "acme-corp.example"), ["trusted-by-other-account"]);
    assert_eq!(env.dump(), before);

    env.ok(&["domains", "remove", "beta", "mail.acme-corp.example", "--yes"]);
    let report = add(&env, 0, "acme", &["acme-corp.example"], &wide);
    assert_eq!(report["added"], json!(["acme-corp.example"]), "{report}");
    let list = env.json(0, &["domains", "list", "acme"]);
    assert_eq!(list[0]["include_subdomains"], true);
    let audit = env.json(0, &["audit", "log", "--limit", "1"]);
    assert_eq!(audit[0]["action"], "domains.add");
    assert_eq!(audit[0]["details"]["previous"]["include_subdomains"], false);

    // Asking for less than is trusted changes nothing: narrowing is remove + add.
    let report = add_certified(&env, 0, "acme", &["acme-corp.example"]);
    assert_eq!(report["unchanged"], json!(["acme-corp.example"]));
    assert_eq!(
        env.json(0, &["domains", "list", "acme"])[0]["include_subdomains"],
        true
    );
}

#[test]
fn dry_run_changes_nothing() {
    let env = Env::new();
    env.secured_account("acme");
    let before = env.dump();
    let mut args = CERTIFIED.to_vec();
    args.push("--dry-run");
    let report = add(&env, 0, "acme", &["acme-corp.example", "bücher.example"], &args);
    assert_eq!(report["dry_run"], true);
    assert_eq!(
        report["added"],
        json!(["acme-corp.example", "xn--bcher-kva.example"])
    );
    let report = add(&env, 1, "acme", &["acme-corp.example", "gmail.com"], &args);
    assert_eq!(codes(&report, "gmail.com"), ["free-mail-provider"]);
    let mut table_args = vec!["domains", "add", "acme", "acme-corp.example"];
    table_args.extend_from_slice(&args);
    let (stdout, _) = env.code(0, &table_args);
    assert!(stdout.contains("dry run"), "{stdout}");
    assert_eq!(env.dump(), before);
}

#[test]
fn added_domains_record_certification_subdomains_and_who_added_them() {
    let env = Env::new();
    env.secured_account("acme");
    let mut args = CERTIFIED.to_vec();
    args.push("--include-subdomains");
    add(&env, 0, "acme", &["acme-corp.example"], &args);
    let list = env.json(0, &["domains", "list"]);
    let d = &list[0];
    assert_eq!(d["domain"], "acme-corp.example");
    assert_eq!(d["unicode"], "acme-corp.example");
    assert_eq!(d["account"], "acme");
    assert_eq!(d["include_subdomains"], true);
    assert_eq!(d["certified_by"], "Jane Roe");
    assert_eq!(d["certified_on"], "2026-01-15");
    assert_eq!(d["request"], Value::Null);
    assert_eq!(d["added_by"], "test-agent");
    assert!(d["added_at"].as_str().unwrap().ends_with('Z'), "{d}");
    let audit = env.json(0, &["audit", "log", "--account", "acme", "--limit", "1"]);
    assert_eq!(audit[0]["action"], "domains.add");
    assert_eq!(audit[0]["subject"], "acme-corp.example");
    assert_eq!(audit[0]["details"]["certified_by"], "Jane Roe");
    assert_eq!(env.json(0, &["domains", "list", "acme"]), list);
    env.code(2, &["domains", "list", "nobody"]);
}

#[test]
fn check_exit_codes() {
    let env = Env::new();
    let report = env.json(0, &["domains", "check", "acme-corp.example", "Bücher.Example"]);
    assert_eq!(report.as_array().unwrap().len(), 2);
    assert_eq!(report[0]["input"], "acme-corp.example");
    assert_eq!(report[0]["verdict"], "ok");
    assert_eq!(report[0]["reasons"], json!([]));
    assert_eq!(report[1]["domain"], "xn--bcher-kva.example");
    let report = env.json(1, &["domains", "check", "acme-corp.example", "gmail.com"]);
    assert_eq!(report[0]["verdict"], "ok");
    assert_eq!(report[1]["verdict"], "refused");
    assert_eq!(report[1]["reasons"][0]["code"], "free-mail-provider");
    let report = env.json(1, &["domains", "check", "a..b"]);
    assert_eq!(report[0]["domain"], Value::Null);
    assert_eq!(report[0]["unicode"], Value::Null);
    env.code(2, &["domains", "check"]);
}

#[test]
fn remove_needs_yes_without_a_terminal_and_refuses_unknown_domains_whole() {
    let env = Env::new();
    env.secured_account("acme");
    env.secured_account("beta");
    add_certified(&env, 0, "acme", &["acme-corp.example", "bücher.example"]);
    add_certified(&env, 0, "beta", &["beta.example"]);
    let before = env.dump();
    let (_, stderr) = env.code(2, &["domains", "remove", "acme", "acme-corp.example"]);
    assert!(stderr.contains("--yes"), "{stderr}");
    for unknown in [
        vec!["acme-corp.example", "unknown.example"],
        vec!["beta.example"],
        vec!["a..b"],
    ] {
        let mut args = vec!["domains", "remove", "acme"];
        args.extend(unknown.iter().copied());
        args.push("--yes");
        let (_, stderr) = env.code(2, &args);
        assert!(stderr.starts_with("error: "), "{stderr}");
        assert_eq!(env.dump(), before, "{unknown:?}");
    }
    env.code(2, &["domains", "remove", "nobody", "beta.example", "--yes"]);
    assert_eq!(env.dump(), before);

    let report = env.json(
        0,
        &[
            "domains",
            "remove",
            "acme",
            "BÜCHER.example.",
            "acme-corp.example",
            "--request",
            "REQ-9",
            "--yes",
        ],
    );
    assert_eq!(
        report,
        json!({"account": "acme", "removed": ["xn--bcher-kva.example", "acme-corp.example"]})
    );
    assert_eq!(stored(&env), ["beta.example"]);
    let audit = env.json(0, &["audit", "log", "--limit", "1"]);
    assert_eq!(audit[0]["action"], "domains.remove");
    assert_eq!(audit[0]["details"]["request"], "REQ-9");
    assert_eq!(audit[0]["details"]["removed"]["certified_by"], "Jane Roe");
}

fn insert_request(env: &Env, reference: &str, account: &str, status: &str, signed: Option<(&str, &str)>) {
    env.sql()
        .execute(
            "INSERT INTO requests (reference, account_id, action, status, form_text, form_sha256, signed_by,
               signed_on, reasons, changes, processed_by, processed_at)
             VALUES (?1, ?2, 'add-domains', ?3, 'form', 'x', ?4, ?5, '[]', '{\"added\": [], \"removed\": []}',
               'someone', '2026-01-20T10:00:00Z')",
            rusqlite::params![
                reference,
                account,
                status,
                signed.map(|s| s.0),
                signed.map(|s| s.1)
            ],
        )
        .unwrap();
}

#[test]
fn request_gives_the_certification_of_its_signature() {
    let env = Env::new();
    env.secured_account("acme");
    env.secured_account("beta");
    insert_request(
        &env,
        "REQ-1",
        "acme",
        "approved",
        Some(("Jane Roe", "2026-01-12")),
    );
    insert_request(&env, "REQ-2", "acme", "refused", Some(("Jane Roe", "2026-01-12")));
    insert_request(&env, "REQ-3", "acme", "approved", None);
    let before = env.dump();
    let (_, stderr) = env.code(
        2,
        &["domains", "add", "beta", "beta.example", "--request", "REQ-1"],
    );
    assert!(stderr.contains("acme"), "a request of another account: {stderr}");
    env.code(
        2,
        &[
            "domains",
            "add",
            "acme",
            "acme-corp.example",
            "--request",
            "REQ-2",
        ],
    );
    env.code(
        2,
        &[
            "domains",
            "add",
            "acme",
            "acme-corp.example",
            "--request",
            "REQ-404",
        ],
    );
    let report = add(&env, 1, "acme", &["acme-corp.example"], &["--request", "REQ-3"]);
    assert_eq!(codes(&report, "acme-corp.example"), ["no-certification"]);
    env.code(
        2,
        &[
            "domains",
            "add",
            "acme",
            "acme-corp.example",
            "--request",
            "REQ-1",
            "--certified-by",
            "X",
            "--certified-on",
            "2026-01-01",
        ],
    );
    assert_eq!(env.dump(), before);

    let report = add(&env, 0, "acme", &["acme-corp.example"], &["--request", "REQ-1"]);
    assert_eq!(report["added"], json!(["acme-corp.example"]));
    let list = env.json(0, &["domains", "list", "acme"]);
    assert_eq!(list[0]["certified_by"], "Jane Roe");
    assert_eq!(list[0]["certified_on"], "2026-01-12");
    assert_eq!(list[0]["request"], "REQ-1");
}

#[test]
fn accounts_show_lists_trusted_domains() {
    let env = Env::new();
    env.secured_account("acme");
    add_certified(&env, 0, "acme", &["bücher.example"]);
    let show = env.json(0, &["accounts", "show", "acme"]);
    let domains = show["trusted_domains"].as_array().unwrap();
    assert_eq!(domains.len(), 1);
    assert_eq!(domains[0]["domain"], "xn--bcher-kva.example");
    assert_eq!(domains[0]["unicode"], "bücher.example");
    assert_eq!(domains[0]["certified_by"], "Jane Roe");
    let table = env.ok(&["accounts", "show", "acme"]);
    assert!(
        table.contains("Trusted Email Domains") && table.contains("xn--bcher-kva.example"),
        "{table}"
    );
    assert!(table.contains("bücher.example"), "{table}");
}

#[test]
fn uncertified_domain_fails_domains_certified_and_blocks_additions() {
    let env = Env::new();
    env.secured_account("acme");
    let report = env.json(0, &["security", "check", "acme"]);
    let status = |report: &Value| {
        report["checks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == "domains-certified")
            .cloned()
            .unwrap()
    };
    assert_eq!(status(&report)["status"], "pass");
    env.sql()
        .execute(
            "INSERT INTO trusted_domains (domain, account_id, include_subdomains, added_by, added_at)
             VALUES ('legacy.example', 'acme', 0, 'old-import', '2020-01-01T00:00:00Z')",
            [],
        )
        .unwrap();
    let report = env.json(1, &["security", "check", "acme"]);
    let check = status(&report);
    assert_eq!(check["status"], "fail");
    assert!(
        check["message"].as_str().unwrap().contains("legacy.example"),
        "{check}"
    );

    let report = add_certified(&env, 1, "acme", &["acme-corp.example"]);
    let found = reasons(&report, "acme-corp.example");
    assert_eq!(found[0].0, "account-not-secured");
    assert!(found[0].1.contains("domains-certified"), "{}", found[0].1);
}

#[test]
fn completion_offers_the_accounts_trusted_domains_for_remove() {
    let env = Env::new();
    env.secured_account("acme");
    env.secured_account("beta");
    add_certified(&env, 0, "acme", &["acme-corp.example", "bücher.example"]);
    add_certified(&env, 0, "beta", &["beta.example"]);
    let offered = env.complete(&["xmfax", "domains", "remove", "acme", ""]);
    assert!(offered.contains("acme-corp.example"), "{offered}");
    assert!(offered.contains("xn--bcher-kva.example"), "{offered}");
    assert!(
        !offered.contains("beta.example"),
        "only that account's domains: {offered}"
    );
    let offered = env.complete(&["xmfax", "domains", "remove", "beta", "b"]);
    assert!(
        offered.contains("beta.example") && !offered.contains("acme-corp"),
        "{offered}"
    );
}

#[test]
fn missing_arguments_without_a_terminal_are_named_and_never_prompted() {
    let env = Env::new();
    env.secured_account("acme");
    let before = env.dump();
    let (stdout, stderr) = env.code(2, &["domains", "add"]);
    assert!(stdout.is_empty(), "no prompt: {stdout}");
    assert!(stderr.contains("missing ACCOUNT"), "{stderr}");
    let (stdout, stderr) = env.code(2, &["domains", "add", "acme"]);
    assert!(stdout.is_empty(), "no prompt: {stdout}");
    assert!(stderr.contains("missing DOMAIN"), "{stderr}");
    let (_, stderr) = env.code(2, &["--no-input", "domains", "add", "acme"]);
    assert!(stderr.contains("missing DOMAIN"), "{stderr}");
    // Without a certification and without a terminal, nothing is asked: the check refuses.
    let report = add(&env, 1, "acme", &["acme-corp.example"], &[]);
    assert_eq!(codes(&report, "acme-corp.example"), ["no-certification"]);
    env.code(2, &["domains", "add", "nobody", "acme-corp.example"]);
    env.code(
        2,
        &[
            "domains",
            "add",
            "acme",
            "acme-corp.example",
            "--certified-by",
            "Jane Roe",
        ],
    );
    env.code(
        2,
        &[
            "domains",
            "add",
            "acme",
            "acme-corp.example",
            "--certified-by",
            "Jane",
            "--certified-on",
            "15/01/2026",
        ],
    );
    assert_eq!(env.dump(), before);
}

#[test]
fn a_certifier_name_that_is_too_long_or_has_control_characters_is_refused() {
    let env = Env::new();
    env.secured_account("acme");
    let before = env.dump();
    let long = "x".repeat(5000);
    for (by, why) in [(long.as_str(), "5000 characters"), ("Jane\u{7}Roe", "\\u{7}")] {
        let report = add(
            &env,
            1,
            "acme",
            &["acme-corp.example"],
            &["--certified-by", by, "--certified-on", "2026-01-15"],
        );
        let found = reasons(&report, "acme-corp.example");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "no-certification");
        assert!(found[0].1.contains(why), "{found:?}");
    }
    assert_eq!(env.dump(), before);
}
