//! DNS checks against a real authoritative server on 127.0.0.1 (`dns_server`): every code of
//! `domains inspect`, `domains prove` and `security check --dns`, challenge → publish → prove end to
//! end, `requests process --require-dns-proof` and the store setting, timeouts, SERVFAIL, NXDOMAIN,
//! oversized and hostile records. Every command is pointed at the test server with --dns-server.

use super::common::{Backend, Env, Postgres, Sqlite};
use super::dns_server::{SilentServer, TestDns};
use rstest::rstest;
use serde_json::Value;
use std::time::{Duration, Instant};

const KEY: &str = "v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo";

/// The test zone: one name per case of the issue's Tests section (relative to `test.`).
fn zone() -> String {
    let eleven: String = (1..=11).map(|i| format!("include:spf{i}.example ")).collect();
    let big_strings: String = (0..12)
        .map(|i| format!(" \"{}\"", format!("ip4:192.0.2.{i} ").repeat(15)))
        .collect();
    let crowd: String = (0..30)
        .map(|i| format!("_xmfax-challenge.crowd IN TXT \"note {i}\"\n"))
        .collect();
    format!(
        r#"
mx.good IN A 192.0.2.10
good IN MX 10 mx.good
good IN TXT "v=spf1 mx -all"
good IN TXT "google-site-verification=abc"
_dmarc.good IN TXT "v=DMARC1; p=reject; adkim=s; aspf=s"
s1._domainkey.good IN TXT "{KEY}"
old._domainkey.good IN TXT "v=DKIM1; k=rsa; p="
junk._domainkey.good IN TXT "hello"
mail.good IN MX 10 mx.good
mail.good IN TXT "v=spf1 mx -all"
soft IN A 192.0.2.20
soft IN TXT "v=spf1 ip4:192.0.2.0/24 ~all"
_dmarc.soft IN TXT "v=DMARC1; p=none; rua=mailto:d@soft.test"
open IN MX 10 mx.good
open IN TXT "v=spf1 +all"
_dmarc.open IN TXT "v=DMARC1; p=quarantine; pct=20"
neutral IN MX 10 mx.good
neutral IN TXT "v=spf1 ?all"
_dmarc.neutral IN TXT "v=DMARC1; p=maybe"
noall IN MX 10 mx.good
noall IN TXT "v=spf1 mx"
_dmarc.noall IN TXT "v=DMARC1; p=reject"
_dmarc.noall IN TXT "v=DMARC1; p=none"
redirect IN MX 10 mx.good
redirect IN TXT "v=spf1 redirect=_spf.good.test"
two IN MX 10 mx.good
two IN TXT "v=spf1 -all"
two IN TXT "v=spf1 mx -all"
_dmarc.two IN TXT "v=DMARC1; p=quarantine"
many IN MX 10 mx.good
many IN TXT "v=spf1 {eleven}-all"
_dmarc.many IN TXT "v=DMARC1; p=reject"
nodmarc IN MX 10 mx.good
nodmarc IN TXT "v=spf1 mx -all"
s1._domainkey.nodmarc IN TXT "{KEY}"
old._domainkey.nodmarc IN TXT "v=DKIM1; p="
nospf IN MX 10 mx.good
s1._domainkey.nospf IN TXT "{KEY}"
nomail IN TXT "just text"
nullmx IN MX 0 .
big IN MX 10 mx.good
big IN TXT "v=spf1 "{big_strings} " -all"
_dmarc.big IN TXT "v=DMARC1; p=reject"
_xmfax-challenge.wrong IN TXT "xmfax-verification=00000000000000000000"
{crowd}"#
    )
}

fn server() -> TestDns {
    TestDns::start(&zone())
}

/// `domains inspect` as JSON: the checks of the one domain asked.
fn inspect(env: &Env, dns: &TestDns, code: i32, domain: &str, selectors: &[&str]) -> Vec<Value> {
    let server = dns.server();
    let mut args = vec!["domains", "inspect", domain, "--dns-server", server.as_str()];
    for s in selectors {
        args.extend(["--dkim-selector", s]);
    }
    let report = env.json(code, &args);
    let inspections = report.as_array().expect("array");
    assert_eq!(inspections.len(), 1);
    assert_eq!(inspections[0]["domain"], domain);
    inspections[0]["checks"].as_array().unwrap().clone()
}

fn check<'a>(checks: &'a [Value], id: &str) -> &'a Value {
    checks
        .iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("no {id} check in {checks:?}"))
}

/// (status, code) of a check.
fn verdict(checks: &[Value], id: &str) -> (String, String) {
    let c = check(checks, id);
    (
        c["status"].as_str().unwrap().to_string(),
        c["code"].as_str().unwrap().to_string(),
    )
}

fn v(status: &str, code: &str) -> (String, String) {
    (status.to_string(), code.to_string())
}

#[rstest]
fn a_well_published_domain_passes_every_check_with_its_records(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = Env::new(backend) else {
        return;
    };
    let dns = server();
    let checks = inspect(&env, &dns, 0, "good.test", &["s1"]);
    let ids: Vec<&str> = checks.iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["mx", "spf", "dmarc", "dkim", "spoofing-protection-viable"]);
    for c in &checks {
        assert_eq!(c["status"], "pass", "{c}");
        let keys: Vec<&String> = c.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["code", "id", "message", "records", "status"]);
    }
    assert_eq!(verdict(&checks, "mx"), v("pass", "mx-present"));
    assert_eq!(check(&checks, "mx")["records"][0], "10 mx.good.test");
    assert_eq!(verdict(&checks, "spf"), v("pass", "spf-hard-fail"));
    // Only the SPF record is quoted, not the domain's other TXT records.
    assert_eq!(
        check(&checks, "spf")["records"],
        serde_json::json!(["v=spf1 mx -all"])
    );
    assert_eq!(verdict(&checks, "dmarc"), v("pass", "dmarc-enforced"));
    let dmarc = check(&checks, "dmarc")["message"].as_str().unwrap();
    assert!(
        dmarc.contains("p=reject") && dmarc.contains("adkim=s") && dmarc.contains("aspf=s"),
        "{dmarc}"
    );
    assert_eq!(verdict(&checks, "dkim"), v("pass", "dkim-key"));
    assert_eq!(
        verdict(&checks, "spoofing-protection-viable"),
        v("pass", "dmarc-published")
    );
    // The table says the same for people.
    let table = env.ok(&["domains", "inspect", "good.test", "--dns-server", &dns.server()]);
    assert!(table.contains("DNS of good.test: nothing fails"), "{table}");
    assert!(
        table.contains("spf-hard-fail") && table.contains("v=spf1 mx -all"),
        "{table}"
    );
}

#[rstest]
fn spf_codes(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = Env::new(backend) else {
        return;
    };
    let dns = server();
    let cases = [
        ("soft.test", 0, "warn", "spf-soft-fail"),
        ("open.test", 1, "fail", "spf-pass-all"),
        ("neutral.test", 1, "fail", "spf-neutral-all"),
        ("noall.test", 1, "fail", "spf-no-all"),
        ("redirect.test", 1, "warn", "spf-redirect"),
        ("two.test", 1, "fail", "spf-multiple"),
        ("many.test", 0, "warn", "spf-too-many-lookups"),
        ("nomail.test", 1, "fail", "spf-missing"),
        ("big.test", 1, "fail", "record-too-long"),
    ];
    for (domain, code, status, expected) in cases {
        let checks = inspect(&env, &dns, code, domain, &[]);
        assert_eq!(verdict(&checks, "spf"), v(status, expected), "{domain}");
    }
    let many = inspect(&env, &dns, 0, "many.test", &[]);
    assert!(
        check(&many, "spf")["message"]
            .as_str()
            .unwrap()
            .contains("11 DNS-querying terms")
    );
    let two = inspect(&env, &dns, 1, "two.test", &[]);
    assert_eq!(check(&two, "spf")["records"].as_array().unwrap().len(), 2);
}

#[rstest]
fn dmarc_codes_with_the_organizational_domain_fallback(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = Env::new(backend) else {
        return;
    };
    let dns = server();
    let cases = [
        ("good.test", "pass", "dmarc-enforced"),
        ("soft.test", "warn", "dmarc-monitor-only"),
        ("redirect.test", "fail", "dmarc-missing"),
        ("many.test", "pass", "dmarc-enforced"),
        ("neutral.test", "fail", "dmarc-invalid"),
        ("noall.test", "fail", "dmarc-multiple"),
        ("nodmarc.test", "fail", "dmarc-missing"),
    ];
    for (domain, status, expected) in cases {
        let code = if status == "fail" { 1 } else { 0 };
        let checks = inspect(&env, &dns, code, domain, &[]);
        assert_eq!(verdict(&checks, "dmarc"), v(status, expected), "{domain}");
    }
    let open = inspect(&env, &dns, 1, "open.test", &[]);
    assert_eq!(verdict(&open, "dmarc"), v("warn", "dmarc-partial"));
    let soft = inspect(&env, &dns, 0, "soft.test", &[]);
    let message = check(&soft, "dmarc")["message"].as_str().unwrap();
    assert!(message.contains("gateway still enforces alignment"), "{message}");
    // mail.good.test publishes no DMARC record: good.test's applies.
    let sub = inspect(&env, &dns, 0, "mail.good.test", &[]);
    assert_eq!(verdict(&sub, "dmarc"), v("pass", "dmarc-enforced"));
    let message = check(&sub, "dmarc")["message"].as_str().unwrap();
    assert!(message.contains("organizational domain good.test"), "{message}");
    assert_eq!(
        check(&sub, "dmarc")["records"][0],
        "v=DMARC1; p=reject; adkim=s; aspf=s"
    );
}

#[rstest]
fn dkim_codes_and_the_viability_conclusion(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = Env::new(backend) else {
        return;
    };
    let dns = server();
    let good = inspect(&env, &dns, 1, "good.test", &["old", "nope", "junk"]);
    let dkim: Vec<&str> = good
        .iter()
        .filter(|c| c["id"] == "dkim")
        .map(|c| c["code"].as_str().unwrap())
        .collect();
    assert_eq!(dkim, ["dkim-revoked", "dkim-missing", "dkim-invalid"]);
    // DMARC published: viable whatever DKIM says.
    assert_eq!(
        verdict(&good, "spoofing-protection-viable"),
        v("pass", "dmarc-published")
    );

    let viable = |selectors: &[&str], domain: &str| {
        let checks = inspect(&env, &dns, 1, domain, selectors);
        let c = check(&checks, "spoofing-protection-viable");
        (
            c["status"].as_str().unwrap().to_string(),
            c["code"].as_str().unwrap().to_string(),
            c["message"].as_str().unwrap().to_string(),
        )
    };
    let (status, code, message) = viable(&[], "nodmarc.test");
    assert_eq!((status.as_str(), code.as_str()), ("warn", "dkim-selector-needed"));
    assert!(message.contains("give the customer's DKIM selector"), "{message}");
    let (status, code, _) = viable(&["s1"], "nodmarc.test");
    assert_eq!((status.as_str(), code.as_str()), ("pass", "spf-and-dkim"));
    let (status, code, message) = viable(&["old", "nope"], "nodmarc.test");
    assert_eq!((status.as_str(), code.as_str()), ("fail", "not-viable"));
    assert!(
        message.contains("DMARC") && message.contains("a DKIM key"),
        "{message}"
    );
    let (status, code, message) = viable(&["s1"], "nospf.test");
    assert_eq!((status.as_str(), code.as_str()), ("fail", "not-viable"));
    assert!(message.contains("one SPF record"), "{message}");
}

#[rstest]
fn mx_codes_and_nxdomain_are_findings(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = Env::new(backend) else {
        return;
    };
    let dns = server();
    assert_eq!(
        verdict(&inspect(&env, &dns, 0, "soft.test", &[]), "mx"),
        v("warn", "address-fallback")
    );
    assert_eq!(
        verdict(&inspect(&env, &dns, 1, "nomail.test", &[]), "mx"),
        v("fail", "no-mx")
    );
    assert_eq!(
        verdict(&inspect(&env, &dns, 1, "nullmx.test", &[]), "mx"),
        v("fail", "null-mx")
    );
    let missing = inspect(&env, &dns, 1, "missing.test", &[]);
    assert_eq!(verdict(&missing, "mx"), v("fail", "no-domain"));
    assert_eq!(verdict(&missing, "spf"), v("fail", "spf-missing"));
    assert!(
        check(&missing, "spf")["message"]
            .as_str()
            .unwrap()
            .contains("NXDOMAIN")
    );
    assert_eq!(verdict(&missing, "dmarc"), v("fail", "dmarc-missing"));
}

#[rstest]
fn a_server_that_never_answers_or_fails_is_an_error_not_a_finding(
    #[values(Sqlite, Postgres)] backend: Backend,
) {
    let Some(env) = Env::new(backend) else {
        return;
    };
    let silent = SilentServer::start();
    let started = Instant::now();
    let (stdout, stderr) = env.code(
        2,
        &[
            "domains",
            "inspect",
            "good.test",
            "--dns-server",
            &silent.addr.to_string(),
            "--dns-timeout",
            "0.5",
        ],
    );
    assert!(started.elapsed() < Duration::from_secs(10));
    assert!(stdout.is_empty(), "{stdout}");
    assert!(
        stderr.contains("could not check: no answer from") && stderr.contains("0.5 s"),
        "{stderr}"
    );
    // The environment variable names the server as well.
    let out = env
        .cmd()
        .env("XMFAX_DNS_SERVER", silent.addr.to_string())
        .args(["domains", "inspect", "good.test", "--dns-timeout", "0.3"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));

    let dns = server();
    let (_, stderr) = env.code(
        2,
        &[
            "domains",
            "inspect",
            "servfail.test",
            "--dns-server",
            &dns.server(),
        ],
    );
    assert!(
        stderr.contains("could not check") && stderr.contains("answered"),
        "{stderr}"
    );

    env.secured_account("acme");
    env.ok(&["domains", "challenge", "acme", "good.test"]);
    let before = env.dump();
    let (_, stderr) = env.code(
        2,
        &[
            "domains",
            "prove",
            "acme",
            "good.test",
            "--dns-server",
            &silent.addr.to_string(),
            "--dns-timeout",
            "0.3",
        ],
    );
    assert!(stderr.contains("could not check"), "{stderr}");
    assert_eq!(env.dump(), before, "nothing recorded when DNS could not be asked");

    for bad in [["--dns-server", "dns.example"], ["--dns-timeout", "0"]] {
        let mut args = vec!["domains", "inspect", "good.test"];
        args.extend(bad);
        env.code(2, &args);
    }
}

#[rstest]
fn names_that_fail_the_domain_checks_are_refused_before_any_query(
    #[values(Sqlite, Postgres)] backend: Backend,
) {
    let Some(env) = Env::new(backend) else {
        return;
    };
    let silent = SilentServer::start();
    let server = silent.addr.to_string();
    for name in [
        "*.good.test",
        "192.0.2.1",
        "gmail.com",
        "co.uk",
        "bad..test",
        "x\u{1b}[31m.test",
    ] {
        let started = Instant::now();
        let (_, stderr) = env.code(
            2,
            &[
                "domains",
                "inspect",
                "good.test",
                name,
                "--dns-server",
                &server,
                "--dns-timeout",
                "5",
            ],
        );
        // A query would have waited 5 s on the silent server.
        assert!(started.elapsed() < Duration::from_secs(4), "{name}");
        assert!(stderr.contains("nothing was asked"), "{stderr}");
        assert!(!stderr.contains('\u{1b}'), "{stderr}");
    }
    env.secured_account("acme");
    let (_, stderr) = env.code(2, &["domains", "challenge", "acme", "gmail.com"]);
    assert!(stderr.contains("free-mail-provider"), "{stderr}");
    env.code(
        2,
        &[
            "domains",
            "inspect",
            "good.test",
            "--dkim-selector",
            "a b",
            "--dns-server",
            &server,
        ],
    );
}

#[rstest]
fn challenge_publish_prove_end_to_end_on_a_domain_of_a_pending_form(
    #[values(Sqlite, Postgres)] backend: Backend,
) {
    let Some(env) = Env::new(backend) else {
        return;
    };
    let dns = server();
    env.secured_account("acme");
    let challenge = env.json(0, &["domains", "challenge", "acme", "Pending.TEST"]);
    let token = challenge["token"].as_str().unwrap().to_string();
    assert_eq!(token.len(), 40, "160 random bits in hex");
    assert!(token.bytes().all(|b| b.is_ascii_hexdigit()));
    assert_eq!(challenge["domain"], "pending.test");
    assert_eq!(
        challenge["record"],
        format!("_xmfax-challenge.pending.test. TXT \"xmfax-verification={token}\"")
    );
    assert_eq!(challenge["issued"], true);
    // Asking again prints the same token (the customer may have published it already)…
    let again = env.json(0, &["domains", "challenge", "acme", "pending.test"]);
    assert_eq!(
        (again["token"].as_str(), &again["issued"]),
        (Some(token.as_str()), &Value::Bool(false))
    );
    let table = env.ok(&["domains", "challenge", "acme", "pending.test"]);
    assert!(table.contains(&format!(
        "_xmfax-challenge.pending.test. TXT \"xmfax-verification={token}\""
    )));
    // …unless a new one is asked for; another account gets its own.
    let renewed = env.json(0, &["domains", "challenge", "acme", "pending.test", "--renew"]);
    let token = renewed["token"].as_str().unwrap().to_string();
    env.secured_account("globex");
    let other = env.json(0, &["domains", "challenge", "globex", "pending.test"]);
    assert_ne!(other["token"].as_str().unwrap(), token);

    let server = dns.server();
    let prove = [
        "domains",
        "prove",
        "acme",
        "pending.test",
        "--dns-server",
        server.as_str(),
    ];
    let before = env.dump();
    let not_yet = env.json(1, &prove);
    assert_eq!(
        (not_yet["code"].as_str(), &not_yet["proven"]),
        (Some("no-record"), &Value::Bool(false))
    );
    assert!(not_yet["message"].as_str().unwrap().contains("NXDOMAIN"));
    assert_eq!(env.dump(), before, "a failed proof records nothing");

    dns.publish_txt(
        "_xmfax-challenge.pending.test.",
        &[&format!("xmfax-verification={token}")],
    );
    let proven = env.json(0, &prove);
    assert_eq!(proven["code"], "proven");
    assert_eq!(proven["recorded_on"], "account");
    assert_eq!(proven["proof"]["server"], server);
    assert_eq!(proven["proof"]["record"], format!("xmfax-verification={token}"));
    assert_eq!(proven["proof"]["proven_by"], "test-agent");
    // globex's token is not the one published.
    let globex = env.json(
        1,
        &[
            "domains",
            "prove",
            "globex",
            "pending.test",
            "--dns-server",
            &server,
        ],
    );
    assert_eq!(globex["code"], "wrong-token");

    let audit = env.json(0, &["audit", "log"]);
    let actions: Vec<&str> = audit
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert!(
        actions.contains(&"domains.prove") && actions.contains(&"domains.challenge"),
        "{actions:?}"
    );
    let shown = env.json(0, &["accounts", "show", "acme"]);
    assert_eq!(shown["dns_proofs"][0]["domain"], "pending.test");
    assert!(
        env.ok(&["accounts", "show", "acme"])
            .contains("Domain control proven in DNS (1)")
    );

    // The pending form is approved under --require-dns-proof, and the trusted domain shows its proof.
    let form = env.write_file("form.yaml", form_text("T-DNS", &["pending.test"]));
    let report = env.json(
        0,
        &[
            "requests",
            "process",
            form.to_str().unwrap(),
            "--require-dns-proof",
        ],
    );
    assert_eq!(report["status"], "approved");
    let listed = env.json(0, &["domains", "list", "acme"]);
    assert_eq!(listed[0]["domain"], "pending.test");
    assert_eq!(
        listed[0]["dns_proof"]["record"],
        format!("xmfax-verification={token}")
    );
    assert!(env.ok(&["domains", "list"]).contains("DNS PROOF"));
    // Proving again once trusted records the proof on the trusted domain.
    assert_eq!(env.json(0, &prove)["recorded_on"], "trusted-domain");
}

fn form_text(reference: &str, domains: &[&str]) -> String {
    let today = chrono::Utc::now().date_naive();
    format!(
        "xmfax_form: trusted-domains/v1\nreference: {reference}\naccount: acme\naction: add\ndomains: [{}]\n\
         include_subdomains: false\nrequester: {{name: Jane Roe, title: IT Director, email: jane@{}}}\n\
         certifications:\n  domains_belong_to_company: true\n  email_sources_restrained: true\n  restraint_methods: [spoofing-protection]\n\
         signature: {{signed_by: Jane Roe, title: IT Director, signed_on: {today}}}\n",
        domains.join(", "),
        domains[0]
    )
}

#[rstest]
fn prove_says_which_failure_and_what_was_seen(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = Env::new(backend) else {
        return;
    };
    let dns = server();
    env.secured_account("acme");
    let server = dns.server();
    let prove = |domain: &str| env.json(1, &["domains", "prove", "acme", domain, "--dns-server", &server]);
    // No challenge issued to this account for this domain.
    let none = prove("wrong.test");
    assert_eq!(none["code"], "no-challenge");
    assert!(
        none["message"]
            .as_str()
            .unwrap()
            .contains("xmfax-verification=00000000000000000000")
    );
    // Another token.
    env.ok(&["domains", "challenge", "acme", "wrong.test"]);
    let wrong = prove("wrong.test");
    assert_eq!(wrong["code"], "wrong-token");
    assert!(
        wrong["message"]
            .as_str()
            .unwrap()
            .contains("seen: \"xmfax-verification=00000000000000000000\"")
    );
    assert_eq!(wrong["records"][0], "xmfax-verification=00000000000000000000");
    // An expired token: issued 31 days ago, published as asked.
    let issued = env.json(0, &["domains", "challenge", "acme", "late.test"]);
    let token = issued["token"].as_str().unwrap();
    dns.publish_txt(
        "_xmfax-challenge.late.test.",
        &[&format!("xmfax-verification={token}")],
    );
    let past =
        (chrono::Utc::now() - chrono::Duration::days(31)).to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    env.execute(&format!(
        "UPDATE dns_challenges SET issued_at = '{past}' WHERE domain = 'late.test'"
    ));
    let expired = prove("late.test");
    assert_eq!(expired["code"], "expired-token");
    assert!(expired["message"].as_str().unwrap().contains("expired on"));
    // A challenge name crowded with records is bounded in what is kept and quoted.
    env.ok(&["domains", "challenge", "acme", "crowd.test"]);
    let crowd = prove("crowd.test");
    assert_eq!(crowd["records"].as_array().unwrap().len(), 20);
    assert!(crowd["message"].as_str().unwrap().contains("and 25 more"));
}

#[rstest]
fn hostile_and_oversized_records_are_escaped_and_bounded(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = Env::new(backend) else {
        return;
    };
    let dns = server();
    env.secured_account("acme");
    env.ok(&["domains", "challenge", "acme", "hostile.test"]);
    dns.publish_txt(
        "_xmfax-challenge.hostile.test.",
        &["\u{1b}[2J\u{202e}xmfax-verification=evil"],
    );
    let long = "A".repeat(250);
    dns.publish_txt("_xmfax-challenge.hostile.test.", &[long.as_str(); 12]);
    let out = env
        .cmd()
        .args([
            "domains",
            "prove",
            "acme",
            "hostile.test",
            "--dns-server",
            &dns.server(),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(
        !table.contains('\u{1b}') && !table.contains('\u{202e}'),
        "{table}"
    );
    assert!(table.contains("\\u{1b}[2J"), "{table}");
    assert!(table.contains("cut: 3000 bytes"), "{table}");
    assert!(
        table.len() < 3000,
        "the long record is not printed whole: {} bytes",
        table.len()
    );
    // The oversized SPF record (over 2 KiB, so it came over TCP) is reported, not judged.
    let big = inspect(&env, &dns, 1, "big.test", &[]);
    let records = check(&big, "spf")["records"].as_array().unwrap().clone();
    assert_eq!(records.len(), 1);
    assert!(records[0].as_str().unwrap().len() < 400);
}

#[rstest]
fn security_check_dns_adds_domain_control_and_viability_per_trusted_domain(
    #[values(Sqlite, Postgres)] backend: Backend,
) {
    let Some(env) = Env::new(backend) else {
        return;
    };
    let dns = server();
    env.secured_account("acme");
    for domain in ["good.test", "nodmarc.test"] {
        env.ok(&[
            "domains",
            "add",
            "acme",
            domain,
            "--certified-by",
            "Jane Roe",
            "--certified-on",
            super::common::today(),
        ]);
    }
    let token = env.json(0, &["domains", "challenge", "acme", "good.test"])["token"]
        .as_str()
        .unwrap()
        .to_string();
    dns.publish_txt(
        "_xmfax-challenge.good.test.",
        &[&format!("xmfax-verification={token}")],
    );
    let server = dns.server();
    assert_eq!(
        env.json(
            0,
            &["domains", "prove", "acme", "good.test", "--dns-server", &server]
        )["recorded_on"],
        "trusted-domain"
    );
    // Without --dns, nothing is asked and the DNS checks are absent.
    let plain = env.json(0, &["security", "check", "acme"]);
    env.code(2, &["security", "check", "acme", "--dkim-selector", "s1"]);
    assert!(
        plain["checks"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["id"] != "domain-controlled")
    );

    let report = env.json(
        0,
        &["security", "check", "acme", "--dns", "--dns-server", &server],
    );
    let found: Vec<(String, String, String)> = report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["id"] == "domain-controlled" || c["id"] == "spoofing-protection-viable")
        .map(|c| {
            let message = c["message"].as_str().unwrap();
            (
                c["id"].as_str().unwrap().to_string(),
                c["status"].as_str().unwrap().to_string(),
                message.split(':').next().unwrap().to_string(),
            )
        })
        .collect();
    let expected = [
        ("domain-controlled", "pass", "good.test"),
        ("domain-controlled", "warn", "nodmarc.test"),
        ("spoofing-protection-viable", "pass", "good.test"),
        ("spoofing-protection-viable", "warn", "nodmarc.test"),
    ];
    let expected: Vec<(String, String, String)> = expected
        .iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect();
    assert_eq!(found, expected);
    // A DKIM selector with no key makes nodmarc.test fail: exit 1.
    let failing = env.json(
        1,
        &[
            "security",
            "check",
            "acme",
            "--dns",
            "--dns-server",
            &server,
            "--dkim-selector",
            "old",
        ],
    );
    assert_eq!(failing["passed"], false);
    // With spoofing protection off (a whitelist restrains the sources), viability is not asked.
    env.ok(&["security", "whitelist", "add", "acme", "8.8.8.0/24"]);
    env.ok(&["security", "set", "acme", "--spoofing-protection", "off"]);
    let silent = SilentServer::start();
    let report = env.json(
        0,
        &[
            "security",
            "check",
            "acme",
            "--dns",
            "--dns-server",
            &silent.addr.to_string(),
            "--dns-timeout",
            "0.3",
        ],
    );
    assert!(
        report["checks"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["id"] != "spoofing-protection-viable")
    );
}

#[rstest]
fn require_dns_proof_refuses_unproven_domains_by_flag_or_store_setting(
    #[values(Sqlite, Postgres)] backend: Backend,
) {
    let Some(env) = Env::new(backend) else {
        return;
    };
    env.secured_account("acme");
    let form = env.write_file("form.yaml", form_text("T-NOPROOF", &["unproven.test"]));
    let path = form.to_str().unwrap();
    let refused = env.json(
        1,
        &["requests", "process", path, "--require-dns-proof", "--dry-run"],
    );
    assert_eq!(refused["reasons"][0]["code"], "no-dns-proof");
    assert_eq!(refused["reasons"][0]["domain"], "unproven.test");
    // The store setting, audited, makes it the rule for every agent.
    assert_eq!(env.json(0, &["settings", "list"])[0]["value"], "off");
    env.ok(&["settings", "set", "require-dns-proof", "on"]);
    assert_eq!(env.json(0, &["settings", "list"])[0]["value"], "on");
    let audit = env.json(0, &["audit", "log"]);
    let newest = audit.as_array().unwrap().last().unwrap();
    assert_eq!(newest["action"], "settings.set");
    assert_eq!(newest["subject"], "require-dns-proof");
    let validated = env.json(1, &["requests", "validate", path]);
    assert_eq!(validated["reasons"][0]["code"], "no-dns-proof");
    let processed = env.json(1, &["requests", "process", path]);
    assert_eq!(processed["status"], "refused");
    assert_eq!(
        env.json(0, &["domains", "list", "acme"])
            .as_array()
            .unwrap()
            .len(),
        0
    );
    env.ok(&["settings", "set", "require-dns-proof", "off"]);
    let other = env.write_file("other.yaml", form_text("T-OFF", &["unproven.test"]));
    assert_eq!(
        env.json(0, &["requests", "process", other.to_str().unwrap()])["status"],
        "approved"
    );
    env.code(2, &["settings", "set", "require-dns-proof", "maybe"]);
}

#[rstest]
fn proofs_are_exported_and_imported_and_bad_ones_refused(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = Env::new(backend) else {
        return;
    };
    let dns = server();
    env.secured_account("acme");
    let token = env.json(0, &["domains", "challenge", "acme", "good.test"])["token"]
        .as_str()
        .unwrap()
        .to_string();
    dns.publish_txt(
        "_xmfax-challenge.good.test.",
        &[&format!("xmfax-verification={token}")],
    );
    env.ok(&[
        "domains",
        "prove",
        "acme",
        "good.test",
        "--dns-server",
        &dns.server(),
    ]);
    let exported = env.ok(&["export"]);
    assert!(
        exported.contains("dns_proofs:") && exported.contains(&token),
        "{exported}"
    );

    let Some(target) = Env::new(backend) else {
        return;
    };
    let file = target.write_file("export.yaml", &exported);
    let report = target.json(0, &["import", file.to_str().unwrap()]);
    assert_eq!(report["counts"]["dns_proofs"]["created"], 1);
    assert_eq!(target.ok(&["export"]), exported, "round trip");
    let proofs = target.json(0, &["accounts", "show", "acme"])["dns_proofs"].clone();
    let original = env.json(0, &["accounts", "show", "acme"])["dns_proofs"].clone();
    assert_eq!(proofs, original);
    assert_eq!(
        target.json(0, &["import", file.to_str().unwrap()])["outcome"],
        "unchanged"
    );

    // A proof that `domains prove` could not have written is refused, with its line; nothing changes.
    for (bad, code) in [
        ("record: \"xmfax-verification=nothex\"", "invalid-dns-proof"),
        ("record: \"v=spf1 -all\"", "invalid-dns-proof"),
        ("proven_at: \"yesterday\"", "invalid-dns-proof"),
        ("server: \"\\e[2J\"", "invalid-dns-proof"),
    ] {
        let key = bad.split(':').next().unwrap();
        let tampered: String = exported
            .lines()
            .map(|line| {
                if line.trim_start().starts_with(&format!("{key}:")) && line.contains("  ") {
                    let indent = &line[..line.len() - line.trim_start().len()];
                    format!("{indent}{bad}\n")
                } else {
                    format!("{line}\n")
                }
            })
            .collect();
        let file = target.write_file("bad.yaml", &tampered);
        let before = target.dump();
        let (_, stderr) = target.code(1, &["import", file.to_str().unwrap()]);
        assert!(stderr.contains(code), "{bad}: {stderr}");
        assert!(!stderr.contains('\u{1b}'), "{stderr}");
        assert_eq!(target.dump(), before);
    }
    // An empty list removes the account's proofs.
    let emptied = exported.split("  dns_proofs:").next().unwrap().to_string() + "  dns_proofs: []\n";
    let file = target.write_file("empty.yaml", &emptied);
    assert_eq!(
        target.json(0, &["import", file.to_str().unwrap()])["counts"]["dns_proofs"]["removed"],
        1
    );
    assert_eq!(
        target.json(0, &["accounts", "show", "acme"])["dns_proofs"],
        serde_json::json!([])
    );
}
