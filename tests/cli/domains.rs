//! `xmfax domains`: every certification code, IDN and case handling, all-or-nothing additions,
//! removal, checks, certification from a request, and what other commands show of trusted domains.

use super::common::{Backend, Env, Postgres, Sqlite, StoredRequest, days_ago, today};
use rstest::rstest;
use serde_json::{Value, json};

/// A direct certification given today.
fn certified() -> [&'static str; 4] {
    ["--certified-by", "Jane Roe", "--certified-on", today()]
}

/// `domains add ACCOUNT DOMAINS… EXTRA…` in JSON, expecting `code`.
fn add(env: &Env, code: i32, account: &str, domains: &[&str], extra: &[&str]) -> Value {
    let mut args = vec!["domains", "add", account];
    args.extend_from_slice(domains);
    args.extend_from_slice(extra);
    env.json(code, &args)
}

fn add_certified(env: &Env, code: i32, account: &str, domains: &[&str]) -> Value {
    add(env, code, account, domains, &certified())
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

#[rstest]
fn every_domain_code_in_json_refuses_the_whole_addition(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = Env::new(backend) else {
        return;
    };
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

#[rstest]
fn every_domain_code_on_the_command_line(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = Env::new(backend) else {
        return;
    };
    env.secured_account("acme");
    let before = env.dump();
    for (input, refused_as, code) in DOMAIN_CODES {
        let mut args = vec!["domains", "add", "acme", input];
        args.extend_from_slice(&certified());
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

#[rstest]
fn a_domain_gets_every_code_that_applies(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = Env::new(backend) else {
        return;
    };
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

#[rstest]
fn trusted_by_other_account_names_that_account(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = Env::new(backend) else {
        return;
    };
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
    args.extend_from_slice(&certified());
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

#[rstest]
fn subdomain_coverage_conflicts_across_accounts(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = Env::new(backend) else {
        return;
    };
    env.secured_account("acme");
    env.secured_account("beta");
    let mut args = certified().to_vec();
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

#[rstest]
fn no_certification_refuses(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = Env::new(backend) else {
        return;
    };
    env.secured_account("acme");
    let before = env.dump();
    let report = add(&env, 1, "acme", &["acme-corp.example"], &[]);
    assert_eq!(codes(&report, "acme-corp.example"), ["no-certification"]);
    let future = ["--certified-by", "Jane Roe", "--certified-on", "2999-01-01"];
    let report = add(&env, 1, "acme", &["acme-corp.example"], &future);
    let found = reasons(&report, "acme-corp.example");
    assert_eq!(found[0].0, "certification-in-future");
    assert!(found[0].1.contains("after today"), "{}", found[0].1);
    let blank = ["--certified-by", " ", "--certified-on", today()];
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

#[rstest]
fn account_not_secured_names_the_failing_check(#[values(Sqlite, Postgres)] backend: Backend) {
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
    args.extend_from_slice(&certified());
    let (stdout, _) = env.code(1, &args);
    assert!(stdout.contains("account-not-secured") && stdout.contains("sources-restrained"));
    assert_eq!(env.dump(), before);

    env.ok(&["security", "whitelist", "add", "acme", "198.51.100.0/24"]);
    add_certified(&env, 0, "acme", &["acme-corp.example"]);
}

#[rstest]
fn idn_input_is_stored_once_in_ascii_from_either_form(#[values(Sqlite, Postgres)] backend: Backend) {
    for (first, second) in [
        ("bücher.example", "xn--bcher-kva.example"),
        ("xn--bcher-kva.example", "BÜCHER.example."),
    ] {
        let Some(env) = Env::new(backend) else {
            return;
        };
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

    let Some(env) = Env::new(backend) else {
        return;
    };
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
            today(),
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

#[rstest]
fn mixed_case_and_one_trailing_dot_are_the_same_domain(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = Env::new(backend) else {
        return;
    };
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

#[rstest]
fn unchanged_is_no_error_but_a_refusal_next_to_it_adds_nothing(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = Env::new(backend) else {
        return;
    };
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

#[rstest]
fn include_subdomains_widens_a_trusted_domain_after_every_check(
    #[values(Sqlite, Postgres)] backend: Backend,
) {
    let Some(env) = Env::new(backend) else {
        return;
    };
    env.secured_account("acme");
    env.secured_account("beta");
    add_certified(&env, 0, "acme", &["acme-corp.example"]);
    add_certified(&env, 0, "beta", &["mail.acme-corp.example"]);
    let mut wide = certified().to_vec();
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

#[rstest]
fn dry_run_changes_nothing(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = Env::new(backend) else {
        return;
    };
    env.secured_account("acme");
    let before = env.dump();
    let mut args = certified().to_vec();
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

#[rstest]
fn added_domains_record_certification_subdomains_and_who_added_them(
    #[values(Sqlite, Postgres)] backend: Backend,
) {
    let Some(env) = Env::new(backend) else {
        return;
    };
    env.secured_account("acme");
    let mut args = certified().to_vec();
    args.push("--include-subdomains");
    add(&env, 0, "acme", &["acme-corp.example"], &args);
    let list = env.json(0, &["domains", "list"]);
    let d = &list[0];
    assert_eq!(d["domain"], "acme-corp.example");
    assert_eq!(d["unicode"], "acme-corp.example");
    assert_eq!(d["account"], "acme");
    assert_eq!(d["include_subdomains"], true);
    assert_eq!(d["certified_by"], "Jane Roe");
    assert_eq!(d["certified_on"], today());
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

#[rstest]
fn check_exit_codes(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = Env::new(backend) else {
        return;
    };
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

#[rstest]
fn remove_needs_yes_without_a_terminal_and_refuses_unknown_domains_whole(
    #[values(Sqlite, Postgres)] backend: Backend,
) {
    let Some(env) = Env::new(backend) else {
        return;
    };
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

/// An add form of acme, signed a week ago, listing acme-corp.example and bücher.example.
fn acme_form(reference: &'static str) -> StoredRequest<'static> {
    StoredRequest {
        reference,
        account: "acme",
        status: "approved",
        action: "add",
        domains: &["acme-corp.example", "Bücher.example."],
        include_subdomains: false,
        signed_on: Box::leak(days_ago(7).into_boxed_str()),
    }
}

#[rstest]
fn request_gives_the_certification_of_its_signature(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = Env::new(backend) else {
        return;
    };
    env.secured_account("acme");
    acme_form("REQ-1").insert(&env);
    let report = add(
        &env,
        0,
        "acme",
        &["acme-corp.example", "xn--bcher-kva.example"],
        &["--request", "REQ-1"],
    );
    assert_eq!(
        report["added"],
        json!(["acme-corp.example", "xn--bcher-kva.example"])
    );
    let list = env.json(0, &["domains", "list", "acme"]);
    assert_eq!(list[0]["certified_by"], "Jane Roe");
    assert_eq!(list[0]["certified_on"], days_ago(7));
    assert_eq!(list[0]["request"], "REQ-1");
}

/// A form certifies only what it asked for: each other use is refused with its code, names the form
/// and the domain, exits 1 and changes nothing.
#[rstest]
fn a_request_certifies_only_what_its_form_asked_for(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = Env::new(backend) else {
        return;
    };
    env.secured_account("acme");
    env.secured_account("globex");
    acme_form("REQ-ADD").insert(&env);
    StoredRequest {
        status: "refused",
        ..acme_form("REQ-REFUSED")
    }
    .insert(&env);
    // The case: an approved removal form that never listed globex-two.example.
    StoredRequest {
        reference: "GLX-1002",
        account: "globex",
        action: "remove",
        domains: &["globex-one.example"],
        ..acme_form("GLX-1002")
    }
    .insert(&env);
    StoredRequest {
        reference: "GLX-DISABLE",
        account: "globex",
        action: "disable",
        domains: &[],
        ..acme_form("GLX-DISABLE")
    }
    .insert(&env);
    let old = days_ago(91);
    StoredRequest {
        signed_on: Box::leak(old.into_boxed_str()),
        ..acme_form("REQ-OLD")
    }
    .insert(&env);
    let before = env.dump();
    let cases: &[(&str, &str, &str, bool, &str)] = &[
        (
            "globex",
            "globex-two.example",
            "GLX-1002",
            false,
            "request-not-an-addition",
        ),
        (
            "globex",
            "globex-one.example",
            "GLX-1002",
            false,
            "request-not-an-addition",
        ),
        (
            "globex",
            "globex.example",
            "GLX-DISABLE",
            false,
            "request-not-an-addition",
        ),
        (
            "globex",
            "acme-corp.example",
            "REQ-ADD",
            false,
            "request-other-account",
        ),
        ("acme", "acme-corp.example", "REQ-404", false, "request-unknown"),
        (
            "acme",
            "acme-corp.example",
            "REQ-REFUSED",
            false,
            "request-not-approved",
        ),
        ("acme", "acme-labs.example", "REQ-ADD", false, "not-on-request"),
        (
            "acme",
            "mail.acme-corp.example",
            "REQ-ADD",
            false,
            "not-on-request",
        ),
        (
            "acme",
            "acme-corp.example",
            "REQ-ADD",
            true,
            "subdomains-not-requested",
        ),
        (
            "acme",
            "acme-corp.example",
            "REQ-OLD",
            false,
            "certification-expired",
        ),
    ];
    for (account, domain, reference, subdomains, code) in cases {
        let mut extra = vec!["--request", reference];
        if *subdomains {
            extra.push("--include-subdomains");
        }
        let report = add(&env, 1, account, &[domain], &extra);
        assert_eq!(codes(&report, domain), [*code], "{account} {domain} {reference}");
        let message = report["refused"][0]["reasons"][0]["message"].as_str().unwrap();
        assert!(
            message.contains(reference) && message.contains(domain),
            "the message names the form and the domain: {message}"
        );
        assert_eq!(report["added"], json!([]));
    }
    // One domain the form lists and one it does not: all or nothing.
    let report = add(
        &env,
        1,
        "acme",
        &["acme-corp.example", "acme-labs.example"],
        &["--request", "REQ-ADD"],
    );
    assert_eq!(codes(&report, "acme-labs.example"), ["not-on-request"]);
    assert_eq!(report["added"], json!([]));
    // A longer maximum age revives the old form, as it does for `requests process`.
    let report = add(
        &env,
        0,
        "acme",
        &["acme-corp.example"],
        &["--request", "REQ-OLD", "--max-age-days", "120", "--dry-run"],
    );
    assert_eq!(report["added"], json!(["acme-corp.example"]));
    assert_eq!(env.dump(), before);
    // Both kinds of certification at once is a usage error.
    env.code(
        2,
        &[
            "domains",
            "add",
            "acme",
            "acme-corp.example",
            "--request",
            "REQ-ADD",
            "--certified-by",
            "X",
            "--certified-on",
            today(),
        ],
    );
    // A form that asked for subdomains certifies them.
    StoredRequest {
        include_subdomains: true,
        ..acme_form("REQ-SUB")
    }
    .insert(&env);
    let report = add(
        &env,
        0,
        "acme",
        &["acme-corp.example"],
        &["--request", "REQ-SUB", "--include-subdomains"],
    );
    assert_eq!(report["added"], json!(["acme-corp.example"]));
}

#[rstest]
fn direct_certifications_may_be_neither_in_the_future_nor_too_old(
    #[values(Sqlite, Postgres)] backend: Backend,
) {
    let Some(env) = Env::new(backend) else {
        return;
    };
    env.secured_account("acme");
    let before = env.dump();
    let tomorrow = days_ago(-1);
    let old = days_ago(91);
    for (date, code) in [
        ("2020-01-01", "certification-expired"),
        (old.as_str(), "certification-expired"),
        (tomorrow.as_str(), "certification-in-future"),
    ] {
        let report = add(
            &env,
            1,
            "acme",
            &["acme-corp.example"],
            &["--certified-by", "Jane Roe", "--certified-on", date],
        );
        assert_eq!(codes(&report, "acme-corp.example"), [code], "{date}");
        let message = report["refused"][0]["reasons"][0]["message"].as_str().unwrap();
        assert!(message.contains("--certified-on"), "{message}");
    }
    assert_eq!(env.dump(), before);
    let ninety = days_ago(90);
    add(
        &env,
        0,
        "acme",
        &["acme-corp.example"],
        &["--certified-by", "Jane Roe", "--certified-on", &ninety],
    );
    add(
        &env,
        0,
        "acme",
        &["old.example"],
        &[
            "--certified-by",
            "Jane Roe",
            "--certified-on",
            &old,
            "--max-age-days",
            "91",
        ],
    );
}

#[rstest]
fn accounts_show_lists_trusted_domains(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = Env::new(backend) else {
        return;
    };
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

#[rstest]
fn uncertified_domain_fails_domains_certified_and_blocks_additions(
    #[values(Sqlite, Postgres)] backend: Backend,
) {
    let Some(env) = Env::new(backend) else {
        return;
    };
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
    env.execute(
        "INSERT INTO trusted_domains (domain, account_id, include_subdomains, added_by, added_at)
         VALUES ('legacy.example', 'acme', 0, 'old-import', '2020-01-01T00:00:00Z')",
    );
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

#[rstest]
fn completion_offers_the_accounts_trusted_domains_for_remove(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = Env::new(backend) else {
        return;
    };
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

#[rstest]
fn missing_arguments_without_a_terminal_are_named_and_never_prompted(
    #[values(Sqlite, Postgres)] backend: Backend,
) {
    let Some(env) = Env::new(backend) else {
        return;
    };
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

#[rstest]
fn a_certifier_name_that_is_too_long_or_has_control_characters_is_refused(
    #[values(Sqlite, Postgres)] backend: Backend,
) {
    let Some(env) = Env::new(backend) else {
        return;
    };
    env.secured_account("acme");
    let before = env.dump();
    let long = "x".repeat(5000);
    for (by, why) in [(long.as_str(), "5000 characters"), ("Jane\u{7}Roe", "\\u{7}")] {
        let report = add(
            &env,
            1,
            "acme",
            &["acme-corp.example"],
            &["--certified-by", by, "--certified-on", today()],
        );
        let found = reasons(&report, "acme-corp.example");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "no-certification");
        assert!(found[0].1.contains(why), "{found:?}");
    }
    assert_eq!(env.dump(), before);
}

/// The names of the issue that could be trusted before: consumer and privacy mail, alias relays,
/// multi-tenant platforms and special-use names, in ASCII, Unicode (full-width) and trailing-dot
/// spellings, each refused with its code by `domains add` and `domains check`.
const NEVER_CERTIFIABLE: [(&str, &str, &str); 30] = [
    ("proton.me", "proton.me", "free-mail-provider"),
    ("ｐｒｏｔｏｎ．ｍｅ", "proton.me", "free-mail-provider"),
    ("PM.me.", "pm.me", "free-mail-provider"),
    ("tuta.com", "tuta.com", "free-mail-provider"),
    ("mailbox.org", "mailbox.org", "free-mail-provider"),
    ("posteo.de", "posteo.de", "free-mail-provider"),
    ("hey.com.", "hey.com", "free-mail-provider"),
    ("duck.com", "duck.com", "free-mail-provider"),
    ("mozmail.com", "mozmail.com", "free-mail-provider"),
    ("relay.firefox.com", "relay.firefox.com", "free-mail-provider"),
    (
        "privaterelay.appleid.com",
        "privaterelay.appleid.com",
        "free-mail-provider",
    ),
    ("simplelogin.com", "simplelogin.com", "free-mail-provider"),
    ("addy.io", "addy.io", "free-mail-provider"),
    ("onmicrosoft.com", "onmicrosoft.com", "multi-tenant-domain"),
    (
        "Contoso.ONMICROSOFT.com.",
        "contoso.onmicrosoft.com",
        "multi-tenant-domain",
    ),
    (
        "ｇｏｏｇｌｅｇｒｏｕｐｓ.com",
        "googlegroups.com",
        "multi-tenant-domain",
    ),
    ("googlegroups.com", "googlegroups.com", "multi-tenant-domain"),
    ("corp.local", "corp.local", "special-use"),
    ("corp.ｌｏｃａｌ", "corp.local", "special-use"),
    ("CORP.LOCAL.", "corp.local", "special-use"),
    ("x.internal", "x.internal", "special-use"),
    ("x.invalid", "x.invalid", "special-use"),
    ("x.localhost", "x.localhost", "special-use"),
    ("x.alt", "x.alt", "special-use"),
    ("example.onion", "example.onion", "special-use"),
    ("home.arpa", "home.arpa", "special-use"),
    ("Home.Arpa.", "home.arpa", "special-use"),
    ("bücher.local", "xn--bcher-kva.local", "special-use"),
    ("x.test", "", ""),
    ("acme.example", "", ""),
];

#[rstest]
fn names_nobody_can_certify_are_refused_with_their_codes(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = Env::new(backend) else {
        return;
    };
    env.secured_account("acme");
    let before = env.dump();
    let inputs: Vec<&str> = NEVER_CERTIFIABLE
        .iter()
        .filter(|(_, _, code)| !code.is_empty())
        .map(|(input, _, _)| *input)
        .collect();
    let report = add_certified(&env, 1, "acme", &inputs);
    assert_eq!(report["added"], json!([]));
    for (input, refused_as, code) in NEVER_CERTIFIABLE.iter().filter(|c| !c.2.is_empty()) {
        // home.arpa is on the Public Suffix List as well.
        let found = codes(&report, refused_as);
        assert!(found.iter().any(|c| c == code), "{input}: {found:?}");
        assert!(
            found.iter().all(|c| c == code || c == "public-suffix"),
            "{input}: {found:?}"
        );
    }
    assert_eq!(env.dump(), before);
    let mut args = vec!["domains", "check"];
    args.extend(NEVER_CERTIFIABLE.iter().map(|(input, _, _)| *input));
    let checked = env.json(1, &args);
    for (i, (input, _, code)) in NEVER_CERTIFIABLE.iter().enumerate() {
        let found: Vec<&str> = checked[i]["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["code"].as_str().unwrap())
            .collect();
        if code.is_empty() {
            assert!(found.is_empty(), "{input}: {found:?}");
        } else {
            assert!(found.contains(code), "{input}: {found:?}");
        }
    }
    // `example` and `test` are reserved for documentation and tests, which use them.
    let report = add_certified(&env, 0, "acme", &["x.test", "acme.example"]);
    assert_eq!(report["added"], json!(["x.test", "acme.example"]));
}

#[rstest]
fn subdomains_over_a_public_suffix_are_refused(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = Env::new(backend) else {
        return;
    };
    env.secured_account("acme");
    let before = env.dump();
    let mut args = certified().to_vec();
    args.push("--include-subdomains");
    let report = add(&env, 1, "acme", &["amazonaws.com", "Windows.NET."], &args);
    assert_eq!(codes(&report, "amazonaws.com"), ["public-suffix-below"]);
    assert_eq!(codes(&report, "windows.net"), ["public-suffix-below"]);
    let message = report["refused"][0]["reasons"][0]["message"].as_str().unwrap();
    assert!(message.contains(".amazonaws.com"), "names a suffix: {message}");
    assert_eq!(env.dump(), before);
    // So x@mybucket.s3.amazonaws.com is not accepted through acme.
    let (stdout, _) = env.code(1, &["sender", "test", "x@mybucket.s3.amazonaws.com"]);
    assert!(stdout.contains("not-registered-or-trusted"), "{stdout}");
    // Without subdomains the name itself is only checked as itself; `domains check` says the same.
    let checked = env.json(1, &["domains", "check", "--include-subdomains", "amazonaws.com"]);
    assert_eq!(checked[0]["reasons"][0]["code"], "public-suffix-below");
    env.json(0, &["domains", "check", "amazonaws.com"]);
}

#[rstest]
fn the_sender_test_never_advises_a_form_for_a_domain_that_cannot_pass(
    #[values(Sqlite, Postgres)] backend: Backend,
) {
    let Some(env) = Env::new(backend) else {
        return;
    };
    env.secured_account("acme");
    for (address, code) in [
        ("bob@gmail.com", "free-mail-provider"),
        ("bob@corp.local", "special-use"),
        ("bob@x.onmicrosoft.com", "multi-tenant-domain"),
        ("bob@duck.com", "free-mail-provider"),
    ] {
        let decision = env.json(1, &["sender", "test", address]);
        let message = decision["reasons"][0]["message"].as_str().unwrap();
        assert!(!message.contains("signed form"), "{address}: {message}");
        assert!(message.contains(code), "{address}: says why: {message}");
    }
    let decision = env.json(1, &["sender", "test", "bob@acme-corp.example"]);
    let message = decision["reasons"][0]["message"].as_str().unwrap();
    assert!(message.contains("signed form"), "{message}");
}
