//! `xmfax requests`: every refusal code from a test form, refusals that change nothing but the record,
//! approvals that apply exactly their changes, idempotent reprocessing, and unreadable files.

use super::common::{Backend, Env, Postgres, Sqlite, today};
use rstest::rstest;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/requests")
}

/// Copies a test form into the environment, dated today where it says `signed_on: TODAY`.
fn form(env: &Env, name: &str) -> PathBuf {
    let text = std::fs::read_to_string(fixture_dir().join(name)).expect("fixture");
    let today = chrono::Utc::now().date_naive().to_string();
    env.write_file(
        name,
        text.replace("signed_on: TODAY", &format!("signed_on: {today}")),
    )
}

/// The accounts the test forms refer to (see tests/fixtures/requests/README.md).
fn setup(backend: Backend) -> Option<Env> {
    let env = Env::new(backend)?;
    env.secured_account("acme");
    env.secured_account("globex");
    env.ok(&[
        "domains",
        "add",
        "globex",
        "globex.example",
        "--certified-by",
        "Hank Scorpio",
        "--certified-on",
        today(),
    ]);
    env.ok(&[
        "accounts",
        "add",
        "initech",
        "--name",
        "Initech",
        "--fax-number",
        "+16502530000",
    ]);
    Some(env)
}

fn process(env: &Env, code: i32, path: &Path) -> Value {
    env.json(code, &["requests", "process", path.to_str().unwrap()])
}

fn codes(report: &Value) -> Vec<String> {
    let mut codes: Vec<String> = report["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap().to_string())
        .collect();
    codes.sort();
    codes.dedup();
    codes
}

/// One table of the store dump (`== name` up to the next table).
fn table(dump: &str, name: &str) -> String {
    let start = dump.find(&format!("== {name}\n")).expect("table in dump");
    let rest = &dump[start..];
    let end = rest[3..].find("\n== ").map_or(rest.len(), |i| i + 4);
    rest[..end].to_string()
}

/// The store without the tables a refusal may write to (its record and audit row).
fn configuration(dump: &str) -> String {
    ["accounts", "users", "whitelist", "trusted_domains", "imports"]
        .iter()
        .map(|t| table(dump, t))
        .collect()
}

fn count(env: &Env, table: &str) -> i64 {
    env.query_i64(&format!("SELECT count(*) FROM {table}"))
}

fn trusted(env: &Env, account: &str) -> Vec<(String, bool)> {
    env.json(0, &["domains", "list", account])
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["domain"].as_str().unwrap().to_string(),
                d["include_subdomains"].as_bool().unwrap(),
            )
        })
        .collect()
}

#[rstest]
fn each_code_is_produced_by_its_test_form_and_refusals_change_only_the_record(
    #[values(Sqlite, Postgres)] backend: Backend,
) {
    let cases: &[(&str, &[&str], &[&str])] = &[
        ("unsigned.yaml", &[], &["unsigned"]),
        ("signature-in-future.yaml", &[], &["signature-in-future"]),
        ("signature-expired.yaml", &[], &["signature-expired"]),
        ("not-certified-owned.yaml", &[], &["not-certified-owned"]),
        (
            "not-certified-restrained.yaml",
            &[],
            &["not-certified-restrained"],
        ),
        (
            "certification-contradicts-account.yaml",
            &[],
            &["certification-contradicts-account"],
        ),
        (
            "requester-not-of-company.yaml",
            &[],
            &["requester-not-of-company"],
        ),
        (
            "domain-codes.yaml",
            &[],
            &[
                "free-mail-provider",
                "invalid-syntax",
                "ip-literal",
                "multi-tenant-domain",
                "public-suffix",
                "single-label",
                "special-use",
                "wildcard",
            ],
        ),
        ("public-suffix-below.yaml", &[], &["public-suffix-below"]),
        (
            "trusted-by-other-account.yaml",
            &[],
            &["trusted-by-other-account"],
        ),
        ("not-trusted.yaml", &[], &["not-trusted"]),
        ("unknown-account.yaml", &[], &["unknown-account"]),
        ("no-domains.yaml", &[], &["no-domains"]),
        ("disable-lists-domains.yaml", &[], &["disable-lists-domains"]),
        (
            "reference-reused.yaml",
            &["approved-add.yaml"],
            &["reference-reused"],
        ),
    ];
    for (name, before, expected) in cases {
        let Some(env) = setup(backend) else {
            return;
        };
        for earlier in *before {
            process(&env, 0, &form(&env, earlier));
        }
        let path = form(&env, name);
        let validated = env.json(1, &["requests", "validate", path.to_str().unwrap()]);
        assert_eq!(codes(&validated), *expected, "validate {name}: {validated}");
        let store_before = env.dump();
        let requests_before = count(&env, "requests");
        let audit_before = count(&env, "audit");
        let report = process(&env, 1, &path);
        assert_eq!(report["status"], "refused", "{name}");
        assert_eq!(codes(&report), *expected, "{name}: {report}");
        assert_eq!(report["changes"], json!({"added": [], "removed": []}), "{name}");
        let store_after = env.dump();
        assert_eq!(
            table(&store_before, "trusted_domains"),
            table(&store_after, "trusted_domains"),
            "{name} changed the trusted domains"
        );
        assert_eq!(
            configuration(&store_before),
            configuration(&store_after),
            "{name} changed the configuration"
        );
        if *name == "unknown-account.yaml" {
            // There is no account to keep the refusal for: it is only reported.
            assert_eq!(store_after, store_before, "{name} wrote nothing");
            env.ok(&["audit", "verify"]);
            continue;
        }
        assert_eq!(count(&env, "audit"), audit_before + 1, "{name}: one audit row");
        if *name == "reference-reused.yaml" {
            // The reference keeps its first form; the refused attempt is only audited.
            assert_eq!(table(&store_before, "requests"), table(&store_after, "requests"));
            let audit = env.json(0, &["audit", "log", "--limit", "1"]);
            assert_eq!(audit[0]["action"], "requests.refuse-reused-reference");
            let message = report["reasons"][0]["message"].as_str().unwrap();
            assert!(
                message.contains("hint: to resubmit a corrected form"),
                "how to resubmit: {message}"
            );
        } else {
            assert_eq!(count(&env, "requests"), requests_before + 1, "{name}: its record");
            let reference = report["reference"].as_str().unwrap();
            let shown = env.json(0, &["requests", "show", reference]);
            assert_eq!(shown["status"], "refused");
            assert_eq!(shown["reasons"], report["reasons"], "{name}");
        }
        env.ok(&["audit", "verify"]);
    }
}

#[rstest]
fn every_reason_carries_a_message_and_domain_reasons_name_their_domain(
    #[values(Sqlite, Postgres)] backend: Backend,
) {
    let Some(env) = setup(backend) else {
        return;
    };
    let report = process(&env, 1, &form(&env, "domain-codes.yaml"));
    for reason in report["reasons"].as_array().unwrap() {
        assert!(!reason["message"].as_str().unwrap().is_empty());
    }
    let domain_of = |code: &str| {
        report["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["code"] == code)
            .map(|r| r["domain"].clone())
            .unwrap()
    };
    assert_eq!(domain_of("public-suffix"), "co.uk");
    assert_eq!(domain_of("free-mail-provider"), "gmail.com");
    assert_eq!(domain_of("wildcard"), "*.acme-corp.example");
    let unsigned = process(&env, 1, &form(&env, "unsigned.yaml"));
    assert!(unsigned["reasons"][0].get("domain").is_none(), "{unsigned}");
}

#[rstest]
fn max_age_days_sets_when_a_signature_expires(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = setup(backend) else {
        return;
    };
    let path = form(&env, "signature-expired.yaml");
    let path = path.to_str().unwrap();
    env.json(1, &["requests", "validate", path]);
    let report = env.json(0, &["requests", "validate", path, "--max-age-days", "100000"]);
    assert_eq!(report["status"], "approved", "{report}");
}

#[rstest]
fn an_approved_add_applies_exactly_its_domains_with_the_signature_as_certification(
    #[values(Sqlite, Postgres)] backend: Backend,
) {
    let Some(env) = setup(backend) else {
        return;
    };
    let path = form(&env, "approved-add.yaml");
    let before = env.dump();
    let report = process(&env, 0, &path);
    assert_eq!(
        report,
        json!({
            "reference": "T-ADD",
            "account": "acme",
            "action": "add",
            "status": "approved",
            "already_processed": false,
            "reasons": [],
            "changes": {"added": ["acme-corp.example", "acme-labs.example"], "removed": []},
        })
    );
    assert_eq!(
        trusted(&env, "acme"),
        [
            ("acme-corp.example".to_string(), false),
            ("acme-labs.example".to_string(), false)
        ]
    );
    let today = chrono::Utc::now().date_naive().to_string();
    for domain in env.json(0, &["domains", "list", "acme"]).as_array().unwrap() {
        assert_eq!(domain["certified_by"], "Jane Roe");
        assert_eq!(domain["certified_on"], today);
        assert_eq!(domain["request"], "T-ADD");
    }
    assert_eq!(
        table(&before, "trusted_domains").lines().count() + 2,
        table(&env.dump(), "trusted_domains").lines().count(),
        "exactly two rows added"
    );
    assert_eq!(trusted(&env, "globex"), [("globex.example".to_string(), false)]);
    let shown = env.json(0, &["requests", "show", "T-ADD"]);
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(shown["form_text"], String::from_utf8(bytes.clone()).unwrap());
    assert_eq!(shown["form_sha256"], hex::encode(Sha256::digest(&bytes)));
    assert_eq!(shown["processed_by"], "test-agent");
    assert_eq!(shown["signed_by"], "Jane Roe");
    let actions: Vec<String> = env
        .json(0, &["audit", "log", "--limit", "3"])
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row["action"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(actions, ["domains.add", "domains.add", "requests.process"]);
    env.ok(&["audit", "verify"]);
    // The approved form certifies again, by hand under its reference, a domain it lists, and only those.
    env.ok(&["domains", "remove", "acme", "acme-labs.example", "--yes"]);
    env.ok(&[
        "domains",
        "add",
        "acme",
        "acme-labs.example",
        "--request",
        "T-ADD",
    ]);
    let refused = env.json(
        1,
        &[
            "domains",
            "add",
            "acme",
            "acme-extra.example",
            "--request",
            "T-ADD",
        ],
    );
    assert_eq!(refused["refused"][0]["reasons"][0]["code"], "not-on-request");
}

#[rstest]
fn reprocessing_the_identical_form_changes_nothing_and_says_so(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = setup(backend) else {
        return;
    };
    for (name, code, status) in [
        ("approved-add.yaml", 0, "approved"),
        ("unsigned.yaml", 1, "refused"),
    ] {
        let path = form(&env, name);
        let first = process(&env, code, &path);
        assert_eq!(first["already_processed"], false, "{name}");
        let before = env.dump();
        let again = process(&env, code, &path);
        assert_eq!(again["status"], status, "{name}: the status as recorded");
        assert_eq!(again["already_processed"], true, "{name}");
        assert_eq!(again["reasons"], first["reasons"]);
        assert_eq!(again["changes"], first["changes"]);
        assert_eq!(env.dump(), before, "{name}: reprocessing changed the store");
        let (table_view, _) = env.code(code, &["requests", "process", path.to_str().unwrap()]);
        assert!(table_view.contains("already processed"), "{table_view}");
        assert!(table_view.contains(&status.to_uppercase()), "{table_view}");
        if code == 1 {
            assert!(table_view.contains("hint: to resubmit"), "{table_view}");
        }
    }
}

#[rstest]
fn remove_replace_and_disable_set_exactly_what_they_say(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = setup(backend) else {
        return;
    };
    process(&env, 0, &form(&env, "approved-add.yaml"));
    let removed = process(&env, 0, &form(&env, "approved-remove.yaml"));
    assert_eq!(
        removed["changes"],
        json!({"added": [], "removed": ["acme-labs.example"]})
    );
    assert_eq!(trusted(&env, "acme"), [("acme-corp.example".to_string(), false)]);

    // acme-corp.example is kept but now with its subdomains: the old entry goes, a new one comes.
    let replaced = process(&env, 0, &form(&env, "approved-replace.yaml"));
    assert_eq!(
        replaced["changes"],
        json!({"added": ["acme-corp.example", "xn--bcher-kva.example"], "removed": ["acme-corp.example"]})
    );
    assert_eq!(
        trusted(&env, "acme"),
        [
            ("acme-corp.example".to_string(), true),
            ("xn--bcher-kva.example".to_string(), true)
        ]
    );
    let list = env.json(0, &["domains", "list", "acme"]);
    assert!(
        list.as_array()
            .unwrap()
            .iter()
            .all(|d| d["request"] == "T-REPLACE")
    );

    let disabled = process(&env, 0, &form(&env, "approved-disable.yaml"));
    assert_eq!(disabled["changes"]["removed"].as_array().unwrap().len(), 2);
    assert!(trusted(&env, "acme").is_empty());
    assert_eq!(trusted(&env, "globex"), [("globex.example".to_string(), false)]);
    env.ok(&["audit", "verify"]);
}

#[rstest]
fn a_refused_replace_removes_nothing(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = setup(backend) else {
        return;
    };
    process(&env, 0, &form(&env, "approved-add.yaml"));
    let before = table(&env.dump(), "trusted_domains");
    let path = form(&env, "approved-replace.yaml");
    let stranger = std::fs::read_to_string(&path)
        .unwrap()
        .replace("bücher.example", "gmail.com");
    let path = env.write_file("replace-with-gmail.yaml", stranger);
    let report = process(&env, 1, &path);
    assert_eq!(codes(&report), ["free-mail-provider"]);
    assert_eq!(table(&env.dump(), "trusted_domains"), before);
}

#[rstest]
fn validate_and_dry_run_change_nothing(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = setup(backend) else {
        return;
    };
    for name in ["approved-add.yaml", "domain-codes.yaml"] {
        let path = form(&env, name);
        let path = path.to_str().unwrap();
        let expected = if name.starts_with("approved") { 0 } else { 1 };
        let before = env.dump();
        let validated = env.json(expected, &["requests", "validate", path]);
        let dry = env.json(expected, &["requests", "process", path, "--dry-run"]);
        assert_eq!(validated, dry);
        assert_eq!(env.dump(), before, "{name}");
    }
    let dry = env.json(
        0,
        &[
            "requests",
            "process",
            form(&env, "approved-add.yaml").to_str().unwrap(),
            "--dry-run",
        ],
    );
    assert_eq!(dry["status"], "approved");
    assert_eq!(dry["changes"]["added"].as_array().unwrap().len(), 2);
    assert!(env.json(0, &["requests", "list"]).as_array().unwrap().is_empty());
}

#[rstest]
fn unreadable_files_exit_2_with_file_and_line_and_change_nothing(
    #[values(Sqlite, Postgres)] backend: Backend,
) {
    let Some(env) = setup(backend) else {
        return;
    };
    let fixture = |name: &str| form(&env, name);
    let mut huge = b"xmfax_form: trusted-domains/v1\n".to_vec();
    huge.resize(1024 * 1024 + 1, b'#');
    let cases: Vec<(PathBuf, &str)> = vec![
        (
            fixture("bad-yaml.yaml"),
            "bad-yaml.yaml:3:14: mapping values are not allowed",
        ),
        (
            fixture("unknown-field.yaml"),
            "unknown-field.yaml:6:1: unknown field `include_subdomain`",
        ),
        (
            fixture("wrong-type.yaml"),
            "wrong-type.yaml:6:21: include_subdomains: invalid type",
        ),
        (fixture("billion-laughs.yaml"), "billion-laughs.yaml:7:"),
        (
            env.write_file("binary.yaml", [0x7f, b'E', b'L', b'F', 2, 1, 1, 0, 0xff, 0xfe, 0]),
            "binary.yaml:1:9: the file is not UTF-8",
        ),
        (
            env.write_file(
                "latin1.yaml",
                b"xmfax_form: trusted-domains/v1\nreference: caf\xe9\n",
            ),
            "latin1.yaml:2:15: the file is not UTF-8",
        ),
        (
            env.write_file("nul.yaml", b"xmfax_form: trusted\0\n"),
            "nul.yaml:1:",
        ),
        (
            env.write_file(
                "escape.yaml",
                "xmfax_form: trusted-domains/v1\n\"act\\e[2Jion\": add\n",
            ),
            "escape.yaml:2:1: unknown field `act\\u{1b}[2Jion`",
        ),
        (env.write_file("empty.yaml", b""), "empty.yaml: the file is empty"),
        (
            env.write_file("blank.yaml", b"\n  \n"),
            "blank.yaml: the file is empty",
        ),
        (
            env.write_file("huge.yaml", &huge),
            "huge.yaml: the file is larger than 1024 KiB",
        ),
        (
            env.write_file("deep.yaml", format!("domains: {}", "[".repeat(500_000))),
            "deep.yaml:1:1010: the document has more than 1000",
        ),
    ];
    let before = env.dump();
    for (path, expected) in &cases {
        for verb in ["validate", "process"] {
            let (_, stderr) = env.code(2, &["requests", verb, path.to_str().unwrap()]);
            assert!(stderr.contains(expected), "{verb} {}: {stderr}", path.display());
            assert!(stderr.starts_with("error: "), "{stderr}");
            assert!(!stderr.contains('\u{1b}'), "raw escape in {stderr:?}");
            // One error line, then one hint line (never an escaped line break in the message).
            let lines: Vec<&str> = stderr.lines().collect();
            assert_eq!(lines.len(), 2, "{stderr:?}");
            assert!(lines[1].starts_with("hint: "), "{stderr:?}");
            assert!(!stderr.contains("\\u{a}"), "{stderr:?}");
        }
    }
    assert_eq!(env.dump(), before);
    let (_, stderr) = env.code(2, &["requests", "process", "no-such-form.yaml"]);
    assert!(stderr.contains("cannot open no-such-form.yaml"), "{stderr}");
}

#[rstest]
fn templates_parse_and_are_refused_only_for_what_is_left_to_fill_in(
    #[values(Sqlite, Postgres)] backend: Backend,
) {
    let Some(env) = setup(backend) else {
        return;
    };
    for action in ["add", "remove", "replace", "disable"] {
        let template = env.ok(&["requests", "template", "--action", action]);
        assert!(template.contains("# "), "commented");
        let blank = env.write_file("blank.yaml", &template);
        // A blank form is readable: every value left to fill in is reported in one run (exit 1).
        let report = env.json(1, &["requests", "validate", blank.to_str().unwrap()]);
        let messages: Vec<&str> = report["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["code"] == "incomplete-form")
            .map(|r| r["message"].as_str().unwrap())
            .collect();
        for field in ["reference", "account", "requester.name", "requester.email"] {
            assert!(
                messages.iter().any(|m| m.starts_with(&format!("{field}:"))),
                "{action}: {field} not named: {report}"
            );
        }
        assert!(codes(&report).contains(&"unsigned".to_string()), "{report}");
        let before = env.dump();
        let (stdout, _) = env.code(1, &["requests", "process", blank.to_str().unwrap()]);
        assert!(stdout.contains("nothing changed or recorded"), "{stdout}");
        assert_eq!(env.dump(), before, "an incomplete form is not recorded");
        let filled = template
            .replace("reference: \"\"", "reference: \"T-TEMPLATE\"")
            .replace("account: \"\"", "account: \"acme\"")
            .replace("name: \"\"", "name: \"Jane Roe\"")
            .replace("email: \"\"", "email: \"jane@acme.example\"");
        let path = env.write_file(&format!("{action}.yaml"), filled);
        let report = env.json(1, &["requests", "validate", path.to_str().unwrap()]);
        assert!(
            codes(&report).contains(&"unsigned".to_string()),
            "{action}: {report}"
        );
    }
}

#[rstest]
fn requests_new_refuses_without_a_terminal(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = Env::new(backend) else {
        return;
    };
    let (_, stderr) = env.code(2, &["requests", "new"]);
    assert!(stderr.contains("terminal"), "{stderr}");
    assert!(stderr.contains("requests template"), "{stderr}");
    let out = env.dir.path().join("new.yaml");
    env.code(2, &["requests", "new", "--out", out.to_str().unwrap()]);
    assert!(!out.exists());
}

#[rstest]
fn list_show_and_accounts_show_keep_every_request(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = setup(backend) else {
        return;
    };
    process(&env, 0, &form(&env, "approved-add.yaml"));
    process(&env, 1, &form(&env, "unsigned.yaml"));
    process(&env, 1, &form(&env, "no-domains.yaml"));
    let refs = |args: &[&str]| -> Vec<String> {
        let mut full = vec!["requests", "list"];
        full.extend_from_slice(args);
        env.json(0, &full)
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["reference"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(refs(&[]).len(), 3);
    assert_eq!(refs(&["--account", "acme"]), ["T-ADD", "T-UNSIGNED"]);
    assert_eq!(refs(&["--status", "approved"]), ["T-ADD"]);
    assert_eq!(
        refs(&["--account", "globex", "--status", "refused"]),
        ["T-NO-DOMAINS"]
    );
    assert!(refs(&["--account", "initech"]).is_empty());

    let summary = env.json(0, &["accounts", "show", "acme"]);
    let requests = summary["requests"].as_array().unwrap();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0]["reference"], "T-ADD");
    assert_eq!(requests[1]["status"], "refused");
    assert!(
        requests[0].get("form_text").is_none(),
        "summaries leave the form text out"
    );
    let table_view = env.ok(&["accounts", "show", "acme"]);
    assert!(table_view.contains("Signed requests (2)"), "{table_view}");
    assert!(table_view.contains("T-UNSIGNED"), "{table_view}");

    let shown = env.ok(&["requests", "show", "T-UNSIGNED"]);
    assert!(shown.contains("unsigned"), "{shown}");
    assert!(shown.contains("| reference: T-UNSIGNED"), "{shown}");
    let (_, stderr) = env.code(2, &["requests", "show", "T-NONE"]);
    assert!(stderr.contains("no request \"T-NONE\""), "{stderr}");
}

#[rstest]
fn form_text_is_escaped_in_tables(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = setup(backend) else {
        return;
    };
    let path = form(&env, "unsigned.yaml");
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("Jane Roe, title", "\"Jane \\e[31mRoe\", title");
    let path = env.write_file("escape.yaml", text);
    process(&env, 1, &path);
    let shown = env.ok(&["requests", "show", "T-UNSIGNED"]);
    assert!(!shown.contains('\u{1b}'), "{shown}");
}

#[rstest]
fn completion_offers_request_references(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = setup(backend) else {
        return;
    };
    process(&env, 0, &form(&env, "approved-add.yaml"));
    let offered = env.complete(&["xmfax", "requests", "show", ""]);
    assert!(offered.contains("T-ADD"), "{offered}");
}

#[rstest]
fn the_example_forms_are_approved_and_refused_as_the_quick_start_says(
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
        "Acme Corporation",
        "--fax-number",
        "+1 650 253 0000",
    ]);
    env.ok(&[
        "security",
        "set",
        "acme",
        "--spoofing-protection",
        "on",
        "--require-tls",
        "on",
    ]);
    env.ok(&["security", "whitelist", "add", "acme", "198.18.7.0/24"]);
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/forms");
    let today = chrono::Utc::now().date_naive().to_string();
    let redated = |name: &str| {
        let text = std::fs::read_to_string(examples.join(name)).unwrap();
        assert!(
            text.contains("signed_on: 2026-11-20"),
            "the quick start re-dates this date"
        );
        env.write_file(
            name,
            text.replace("signed_on: 2026-11-20", &format!("signed_on: {today}")),
        )
    };
    let approved = process(&env, 0, &redated("acme-add-domains.yaml"));
    assert_eq!(
        approved["changes"]["added"],
        json!(["acme-corp.example", "xn--bcher-kva.example"])
    );
    let refused = process(&env, 1, &redated("acme-refused.yaml"));
    assert_eq!(
        codes(&refused),
        [
            "free-mail-provider",
            "not-certified-owned",
            "not-certified-restrained",
            "public-suffix",
            "requester-not-of-company"
        ]
    );
}

#[rstest]
fn a_form_for_an_unknown_account_is_not_recorded_so_its_reference_stays_free(
    #[values(Sqlite, Postgres)] backend: Backend,
) {
    let Some(env) = setup(backend) else {
        return;
    };
    let path = form(&env, "unknown-account.yaml");
    let before = env.dump();
    let report = process(&env, 1, &path);
    assert_eq!(report["status"], "refused");
    assert_eq!(codes(&report), ["unknown-account"]);
    assert_eq!(env.dump(), before, "the refusal is not recorded");
    let (table, _) = env.code(1, &["requests", "process", path.to_str().unwrap()]);
    assert!(table.contains("nothing changed or recorded"), "{table}");
    // Once the account exists, the corrected form goes through under the same reference.
    env.secured_account("nobody");
    env.ok(&["users", "add", "nobody", "no.one@nobody.example"]);
    let report = process(&env, 0, &path);
    assert_eq!(report["status"], "approved", "{report}");
    let shown = env.json(0, &["requests", "show", "T-UNKNOWN"]);
    assert_eq!(shown["status"], "approved");
}
