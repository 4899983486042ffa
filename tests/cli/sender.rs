//! `xmfax sender test`: every reason code, single addresses, messages and batches, and that the
//! batch path (everything in memory) decides exactly like the single path (indexed lookups).

use super::common::{Backend, Env, Postgres, Sqlite, days_ago};
use rstest::rstest;
use serde_json::Value;
use std::path::PathBuf;

const AUTHSERV_ID: &str = "mx.fax.example";

/// acme: spoofing + TLS + whitelist, trusts acme-corp.example (with subdomains) and bücher.example;
/// beta: spoofing only, trusts corp.com and lab.acme-corp.example; open: trusted domain, then unsecured.
fn store(backend: Backend) -> Option<Env> {
    let env = Env::new(backend)?;
    env.secured_account("acme");
    env.ok(&[
        "security",
        "whitelist",
        "add",
        "acme",
        "198.18.7.0/24",
        "2001:db8:7::/48",
    ]);
    let certified_on = days_ago(10);
    let certified = ["--certified-by", "Jane Roe", "--certified-on", &certified_on];
    let add = |args: &[&str]| {
        let mut full = vec!["domains", "add"];
        full.extend_from_slice(args);
        full.extend_from_slice(&certified);
        env.ok(&full);
    };
    add(&["acme", "acme-corp.example", "--include-subdomains"]);
    add(&["acme", "bücher.example"]);
    env.ok(&[
        "users",
        "add",
        "acme",
        "Jane.Roe@acme-corp.example",
        "--profile",
        "Legal",
        "--language",
        "de",
    ]);
    env.secured_account("beta");
    env.ok(&["security", "set", "beta", "--require-tls", "off"]);
    add(&["beta", "corp.com"]);
    env.ok(&["users", "add", "beta", "max@corp-mail.example"]);
    env.secured_account("open");
    add(&["open", "open.example"]);
    env.ok(&["security", "set", "open", "--spoofing-protection", "off"]);
    Some(env)
}

/// Source options under which acme's rules all pass.
const CLEAN: &[&str] = &["--client-ip", "198.18.7.25", "--dmarc", "pass", "--tls"];

fn test_json(env: &Env, code: i32, args: &[&str]) -> Value {
    let mut full = vec!["sender", "test"];
    full.extend_from_slice(args);
    env.json(code, &full)
}

fn codes(decision: &Value) -> Vec<String> {
    decision["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap().to_string())
        .collect()
}

/// Asserts the verdict, account, basis and reason codes of one address.
fn expect(
    env: &Env,
    address: &str,
    options: &[&str],
    account: Option<&str>,
    basis: Option<&str>,
    reasons: &[&str],
) {
    let mut args = vec![address];
    args.extend_from_slice(options);
    let code = if reasons.is_empty() { 0 } else { 1 };
    let d = test_json(env, code, &args);
    assert_eq!(d["address"], address);
    assert_eq!(
        d["verdict"],
        if reasons.is_empty() { "accepted" } else { "refused" }
    );
    assert_eq!(d["account"].as_str(), account, "{address} {options:?}: {d}");
    assert_eq!(d["basis"].as_str(), basis, "{address} {options:?}: {d}");
    assert_eq!(codes(&d), reasons, "{address} {options:?}: {d}");
}

// The case lists below are tables: one address per line reads better than rustfmt's layout.

#[rstest]
#[rustfmt::skip]
fn trusted_domains_match_on_label_boundaries(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = store(backend) else {
        return;
    };
    let t = Some("trusted-domain");
    expect(&env, "bob@acme-corp.example", CLEAN, Some("acme"), t, &[]);
    expect(&env, "bob@mail.acme-corp.example", CLEAN, Some("acme"), t, &[]);
    expect(&env, "Bob <bob@x.y.acme-corp.example>", CLEAN, Some("acme"), t, &[]);
    // Upper case and a trailing dot change nothing.
    expect(&env, "BOB@ACME-Corp.Example.", CLEAN, Some("acme"), t, &[]);
    let none = &["not-registered-or-trusted"];
    expect(&env, "bob@evilacme-corp.example", CLEAN, None, None, none);
    expect(&env, "bob@acme-corp.example.evil.net", CLEAN, None, None, none);
    // corp.com is trusted without subdomains.
    expect(&env, "bob@corp.com", CLEAN, Some("beta"), t, &[]);
    expect(&env, "bob@evilcorp.com", CLEAN, None, None, none);
    expect(&env, "bob@corp.com.evil.net", CLEAN, None, None, none);
    expect(&env, "bob@mail.corp.com", CLEAN, None, None, none);
    // IDN in both forms; bücher.example has no subdomains.
    expect(&env, "max@bücher.example", CLEAN, Some("acme"), t, &[]);
    expect(&env, "max@BüCHER.example.", CLEAN, Some("acme"), t, &[]);
    // Non-ASCII upper case is not the registered name: taken literally, it is malformed.
    expect(&env, "max@BÜCHER.example.", CLEAN, None, None, &["malformed-address"]);
    expect(&env, "max@xn--bcher-kva.example", CLEAN, Some("acme"), t, &[]);
    expect(&env, "max@shop.bücher.example", CLEAN, None, None, none);
    let d = test_json(&env, 0, &["max@Bücher.example", "--dmarc", "pass", "--tls", "--client-ip", "198.18.7.1"]);
    assert_eq!(d["normalized"], "max@xn--bcher-kva.example");
}

#[rstest]
#[rustfmt::skip]
fn the_domain_is_what_follows_the_last_unquoted_at(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = store(backend) else {
        return;
    };
    let none = &["not-registered-or-trusted"];
    expect(&env, "\"bob@acme-corp.example\"@evil.example", CLEAN, None, None, none);
    expect(&env, "\"eve@evil.example\"@acme-corp.example", CLEAN, Some("acme"), Some("trusted-domain"), &[]);
    // A display name holding an address is never used for matching.
    expect(&env, "\"bob@acme-corp.example\" <eve@evil.example>", CLEAN, None, None, none);
    expect(&env, "=?UTF-8?Q?bob=40acme-corp.example?= <eve@evil.example>", CLEAN, None, None, none);
    expect(&env, "Eve (bob@acme-corp.example) <eve@evil.example>", CLEAN, None, None, none);
}

#[rstest]
fn malformed_addresses_are_refused(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = store(backend) else {
        return;
    };
    for bad in [
        "bob",
        "@acme-corp.example",
        "bob@",
        "a@b@acme-corp.example",
        "bob@[198.18.7.1]",
        "bob@[IPv6:2001:db8:7::1]",
        "bob@198.18.7.1",
        "bob@acme-corp.example, eve@acme-corp.example",
        "bob@acme-corp.example <eve@evil.example>",
        "bob@acme-corp..example",
        "bob@acme_corp.example",
        "bob@acme-corp.example..",
        "Bob <bob@acme-corp.example",
        "team: bob@acme-corp.example;",
    ] {
        let d = test_json(&env, 1, &[bad]);
        assert_eq!(codes(&d), ["malformed-address"], "{bad}: {d}");
        assert_eq!(d["normalized"], Value::Null);
        assert_eq!(d["settings"], Value::Null);
    }
}

#[rstest]
#[rustfmt::skip]
fn registered_users_get_their_own_settings(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = store(backend) else {
        return;
    };
    let d = test_json(&env, 0, &["JANE.ROE@acme-corp.example", "--client-ip", "198.18.7.9", "--dmarc", "pass", "--tls"]);
    assert_eq!(d["basis"], "registered-user");
    assert_eq!(d["normalized"], "jane.roe@acme-corp.example");
    assert_eq!(
        d["settings"],
        serde_json::json!({"faxing_profile": "Legal", "language": "de", "outbound_number": "+16502530000"})
    );
    let unlisted = test_json(&env, 0, &["bob@acme-corp.example", "--client-ip", "198.18.7.9", "--dmarc", "pass", "--tls"]);
    assert_eq!(
        unlisted["settings"],
        serde_json::json!({"faxing_profile": "Default", "language": "en", "outbound_number": "+16502530000"})
    );
    // A registered user needs no trusted domain, and may use every channel.
    let r = Some("registered-user");
    expect(&env, "max@corp-mail.example", &["--dmarc", "pass"], Some("beta"), r, &[]);
    expect(&env, "max@corp-mail.example", &["--channel", "portal"], Some("beta"), r, &[]);
    expect(&env, "max@corp-mail.example", &["--channel", "receive"], Some("beta"), r, &[]);
    // ... but the source checks of email still apply to registered users.
    expect(&env, "max@corp-mail.example", &[], Some("beta"), r, &["spoofing-check-failed"]);
}

#[rstest]
#[rustfmt::skip]
fn account_option_refuses_what_belongs_to_another_account(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = store(backend) else {
        return;
    };
    expect(&env, "jane.roe@acme-corp.example", &["--account", "beta", "--dmarc", "pass"], Some("beta"), None, &["registered-in-other-account"]);
    let d = test_json(&env, 1, &["bob@acme-corp.example", "--account", "beta", "--dmarc", "pass"]);
    assert_eq!(codes(&d), ["domain-trusted-by-other-account"]);
    assert!(d["reasons"][0]["message"].as_str().unwrap().contains("account acme"), "{d}");
    expect(&env, "bob@acme-corp.example", &["--account", "acme", "--client-ip", "198.18.7.1", "--dmarc", "pass", "--tls"], Some("acme"), Some("trusted-domain"), &[]);
    expect(&env, "bob@unknown.example", &["--account", "acme"], Some("acme"), None, &["not-registered-or-trusted"]);
    let (_, stderr) = env.code(2, &["sender", "test", "bob@acme-corp.example", "--account", "nope"]);
    assert!(stderr.contains("unknown account \"nope\""), "{stderr}");
}

/// lab.acme-corp.example is trusted by beta too (e.g. imported); acme trusts its parent with subdomains.
fn with_lab_domain_in_beta(env: &Env) {
    env.execute(
        "INSERT INTO trusted_domains (domain, account_id, include_subdomains, certified_by, certified_on, added_by, added_at)
         VALUES ('lab.acme-corp.example', 'beta', 0, 'Max', '2026-11-20', 'test', '2026-11-20T00:00:00Z')",
    );
}

#[rstest]
#[rustfmt::skip]
fn an_account_finds_its_own_rule_below_another_accounts_domain(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = store(backend) else {
        return;
    };
    with_lab_domain_in_beta(&env);
    let t = Some("trusted-domain");
    expect(&env, "bob@lab.acme-corp.example", &["--dmarc", "pass"], Some("beta"), t, &[]);
    expect(&env, "bob@lab.acme-corp.example", &["--account", "beta", "--dmarc", "pass"], Some("beta"), t, &[]);
    expect(&env, "bob@lab.acme-corp.example", &["--account", "acme", "--client-ip", "198.18.7.25", "--dmarc", "pass", "--tls"], Some("acme"), t, &[]);
    expect(&env, "bob@x.lab.acme-corp.example", &["--account", "beta"], Some("beta"), None, &["domain-trusted-by-other-account"]);
}

#[rstest]
#[rustfmt::skip]
fn channels_other_than_email_need_a_registered_user(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = store(backend) else {
        return;
    };
    let t = Some("trusted-domain");
    for channel in ["portal", "api", "receive"] {
        expect(&env, "bob@corp.com", &["--channel", channel], Some("beta"), t, &["channel-not-allowed"]);
    }
    expect(&env, "bob@corp.com", &["--channel", "email", "--dmarc", "pass"], Some("beta"), t, &[]);
    let (_, stderr) = env.code(2, &["sender", "test", "bob@corp.com", "--channel", "fax"]);
    assert!(stderr.contains("possible values"), "{stderr}");
}

#[rstest]
#[rustfmt::skip]
fn an_unsecured_account_does_not_honour_its_trusted_domains(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = store(backend) else {
        return;
    };
    let d = test_json(&env, 1, &["bob@open.example", "--channel", "api"]);
    assert_eq!(codes(&d), ["channel-not-allowed", "account-not-secured"]);
    assert!(d["reasons"][1]["message"].as_str().unwrap().contains("sources-restrained"), "{d}");
    // Even for a message that passes every source check.
    expect(&env, "bob@open.example", &["--tls", "--dmarc", "pass"], Some("open"), Some("trusted-domain"), &["account-not-secured"]);
}

#[rstest]
#[rustfmt::skip]
fn whitelist_spoofing_and_tls_are_all_reported(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = store(backend) else {
        return;
    };
    let t = Some("trusted-domain");
    let addr = "bob@acme-corp.example";
    expect(&env, addr, &[], Some("acme"), t, &["source-ip-missing", "spoofing-check-failed", "tls-required"]);
    expect(&env, addr, &["--client-ip", "203.0.113.9", "--dmarc", "fail", "--spf", "pass", "--dkim", "pass"], Some("acme"), t,
        &["source-not-whitelisted", "spoofing-check-failed", "tls-required"]);
    // IPv6 and IPv4-mapped IPv6 client addresses.
    expect(&env, addr, &["--client-ip", "2001:db8:7::25", "--dmarc", "pass", "--tls"], Some("acme"), t, &[]);
    expect(&env, addr, &["--client-ip", "2001:db8:8::25", "--dmarc", "pass", "--tls"], Some("acme"), t, &["source-not-whitelisted"]);
    expect(&env, addr, &["--client-ip", "::ffff:198.18.7.200", "--dmarc", "pass", "--tls"], Some("acme"), t, &[]);
    expect(&env, addr, &["--client-ip", "::ffff:198.18.8.1", "--dmarc", "pass", "--tls"], Some("acme"), t, &["source-not-whitelisted"]);
    // Spoofing protection: DMARC pass, or no DMARC result (absent or none) with SPF and DKIM both passing.
    let ok = ["--client-ip", "198.18.7.1", "--tls"];
    let with = |extra: &[&'static str]| ok.iter().chain(extra).copied().collect::<Vec<_>>();
    expect(&env, addr, &with(&["--spf", "pass", "--dkim", "pass"]), Some("acme"), t, &[]);
    expect(&env, addr, &with(&["--spf", "pass", "--dkim", "pass", "--dmarc", "none"]), Some("acme"), t, &[]);
    expect(&env, addr, &with(&["--spf", "pass", "--dkim", "softfail"]), Some("acme"), t, &["spoofing-check-failed"]);
    expect(&env, addr, &with(&["--spf", "pass", "--dkim", "pass", "--dmarc", "temperror"]), Some("acme"), t, &["spoofing-check-failed"]);
    expect(&env, addr, &with(&["--dmarc", "permerror"]), Some("acme"), t, &["spoofing-check-failed"]);
    // None of the source checks apply outside email (registered user on the portal).
    expect(&env, "jane.roe@acme-corp.example", &["--channel", "portal"], Some("acme"), Some("registered-user"), &[]);
    let (_, stderr) = env.code(2, &["sender", "test", addr, "--dmarc", "passed"]);
    assert!(stderr.contains("possible values"), "{stderr}");
    let (_, stderr) = env.code(2, &["sender", "test", addr, "--client-ip", "198.18.7"]);
    assert!(stderr.contains("--client-ip"), "{stderr}");
}

#[rstest]
fn the_table_explains_each_reason_in_a_sentence(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = store(backend) else {
        return;
    };
    let (out, _) = env.code(
        1,
        &[
            "sender",
            "test",
            "Bob <bob@acme-corp.example>",
            "--client-ip",
            "203.0.113.9",
        ],
    );
    assert!(
        out.starts_with("REFUSED: bob@acme-corp.example may not fax by email through account acme"),
        "{out}"
    );
    assert!(out.contains("Why (3 reasons):"), "{out}");
    assert!(out.contains("source-not-whitelisted: The message came from 203.0.113.9, which is not one of the mail servers whitelisted for account acme"), "{out}");
    assert!(out.contains("tls-required: Account acme requires TLS"), "{out}");
    assert!(out.contains("Bob (never used for matching)"), "{out}");
    let out = env.ok(&[
        "sender",
        "test",
        "jane.roe@acme-corp.example",
        "--client-ip",
        "198.18.7.2",
        "--dmarc",
        "pass",
        "--tls",
    ]);
    assert!(
        out.starts_with("ACCEPTED: jane.roe@acme-corp.example may fax by email through account acme"),
        "{out}"
    );
    assert!(out.contains("Legal") && out.contains("registered user"), "{out}");
    // Control characters from the input never reach the terminal.
    let (out, _) = env.code(1, &["sender", "test", "eve\u{1b}[31m@evil.example"]);
    assert!(!out.contains('\u{1b}'), "{out}");
}

#[rstest]
fn a_sender_test_changes_nothing(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = store(backend) else {
        return;
    };
    let before = env.dump();
    env.code(1, &["sender", "test", "bob@acme-corp.example"]);
    env.ok(&["sender", "test", "max@corp-mail.example", "--dmarc", "pass"]);
    let batch = env.write_file("b.txt", "bob@acme-corp.example\nnobody@nowhere.example\n");
    env.code(1, &["sender", "test", "--batch", batch.to_str().unwrap()]);
    assert_eq!(before, env.dump());
}

fn fixture(name: &str) -> String {
    let path: PathBuf = [env!("CARGO_MANIFEST_DIR"), "tests", "fixtures", "messages", name]
        .iter()
        .collect();
    path.to_str().unwrap().to_string()
}

fn message(env: &Env, code: i32, name: &str, extra: &[&str]) -> (Value, String) {
    let file = fixture(name);
    let mut args = vec![
        "-o",
        "json",
        "sender",
        "test",
        "--message",
        &file,
        "--authserv-id",
        AUTHSERV_ID,
    ];
    args.extend_from_slice(extra);
    let (out, err) = env.code(code, &args);
    (
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}")),
        err,
    )
}

#[rstest]
fn messages_are_judged_by_our_own_headers_only(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = store(backend) else {
        return;
    };
    let (d, _) = message(&env, 0, "pass.eml", &[]);
    assert_eq!(d["address"], "Bob Smith <bob.smith@acme-corp.example>");
    assert_eq!(
        (d["account"].as_str(), d["basis"].as_str()),
        (Some("acme"), Some("trusted-domain"))
    );
    let (d, _) = message(&env, 1, "no-tls.eml", &[]);
    assert_eq!(codes(&d), ["tls-required"]);
    // The sender's own "everything passed" header is ignored (and said so on stderr).
    let (d, stderr) = message(&env, 1, "forged-auth-results.eml", &[]);
    assert_eq!(codes(&d), ["source-not-whitelisted", "spoofing-check-failed"]);
    assert!(stderr.contains("authserv-id \"mx.google.com\""), "{stderr}");
    let (d, _) = message(&env, 1, "spoofed-from.eml", &[]);
    assert_eq!(codes(&d), ["source-not-whitelisted", "spoofing-check-failed"]);
    // --client-ip overrides the Received header; it does not rescue DMARC.
    let (d, _) = message(&env, 1, "spoofed-from.eml", &["--client-ip", "198.18.7.44"]);
    assert_eq!(codes(&d), ["spoofing-check-failed"]);
    // Results without an authserv-id (Microsoft 365 style) vouch for nothing.
    let (d, stderr) = message(&env, 1, "microsoft-no-authserv-id.eml", &[]);
    assert_eq!(codes(&d), ["spoofing-check-failed"]);
    assert!(stderr.contains("without an authserv-id"), "{stderr}");
    // Trusting another authserv-id is the caller's choice: then the sender's header counts.
    let file = fixture("forged-auth-results.eml");
    let args = [
        "-o",
        "json",
        "sender",
        "test",
        "--message",
        &file,
        "--authserv-id",
        "MX.GOOGLE.COM",
    ];
    let d: Value = serde_json::from_str(&env.code(1, &args).0).unwrap();
    assert_eq!(codes(&d), ["source-not-whitelisted"]);
}

#[rstest]
fn only_the_top_most_received_header_counts(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = store(backend) else {
        return;
    };
    let (d, _) = message(&env, 1, "forged-received.eml", &[]);
    assert_eq!(codes(&d), ["source-not-whitelisted", "tls-required"]);
    assert!(
        d["reasons"][0]["message"]
            .as_str()
            .unwrap()
            .contains("203.0.113.66")
    );
    // IPv4-mapped client in an IPv6 literal, ESMTPSA, SPF and one passing DKIM of two, no DMARC.
    let (d, _) = message(&env, 0, "ipv6-mapped.eml", &[]);
    assert_eq!(d["normalized"], "bob.smith@acme-corp.example");
}

#[rstest]
fn the_from_header_must_hold_exactly_one_mailbox(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = store(backend) else {
        return;
    };
    for name in ["two-from.eml", "group-from.eml", "no-from.eml"] {
        let (d, _) = message(&env, 1, name, &[]);
        assert_eq!(codes(&d), ["malformed-address"], "{name}: {d}");
    }
    // LF line endings and folded headers read the same as CRLF.
    let folded = env.write_file(
        "folded.eml",
        "Received: from mail.acme-corp.example\n (mail.acme-corp.example [198.18.7.25])\n by mx.fax.example with ESMTPS id 1\nAuthentication-Results: mx.fax.example;\n dmarc=pass header.from=acme-corp.example\nFrom: Bob\n Smith <bob.smith@acme-corp.example>\n\nbody\n",
    );
    let out = env.ok(&[
        "-o",
        "json",
        "sender",
        "test",
        "--message",
        folded.to_str().unwrap(),
        "--authserv-id",
        AUTHSERV_ID,
    ]);
    let d: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(d["address"], "Bob Smith <bob.smith@acme-corp.example>");
    // A From header that is not UTF-8 is refused, not repaired.
    let latin1 = env.write_file(
        "latin1.eml",
        b"From: bob.sm\xefth@acme-corp.example\nTo: x@fax.example\n\nbody\n",
    );
    let (out, _) = env.code(
        1,
        &[
            "-o",
            "json",
            "sender",
            "test",
            "--message",
            latin1.to_str().unwrap(),
            "--authserv-id",
            AUTHSERV_ID,
        ],
    );
    let d: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(codes(&d), ["malformed-address"]);
}

#[rstest]
fn message_errors_exit_2(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = store(backend) else {
        return;
    };
    let pass = fixture("pass.eml");
    // No authserv-id: there is no way to tell our headers from forged ones.
    let (_, stderr) = env.code(2, &["sender", "test", "--message", &pass]);
    assert!(
        stderr.contains("pass --authserv-id ID or set XMFAX_AUTHSERV_ID"),
        "{stderr}"
    );
    let out = env
        .cmd()
        .env("XMFAX_AUTHSERV_ID", AUTHSERV_ID)
        .args(["sender", "test", "--message", &pass])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (_, stderr) = env.code(
        2,
        &[
            "sender",
            "test",
            "--message",
            "/nonexistent.eml",
            "--authserv-id",
            AUTHSERV_ID,
        ],
    );
    assert!(
        stderr.contains("cannot read message /nonexistent.eml"),
        "{stderr}"
    );
    let empty = env.write_file("empty.eml", "");
    let (_, stderr) = env.code(
        2,
        &[
            "sender",
            "test",
            "--message",
            empty.to_str().unwrap(),
            "--authserv-id",
            AUTHSERV_ID,
        ],
    );
    assert!(stderr.contains("is not an email message"), "{stderr}");
    let huge = env.write_file(
        "huge.eml",
        format!("From: a@b.example\nX-Filler: {}\n\nbody", "x".repeat(1 << 20)),
    );
    let (_, stderr) = env.code(
        2,
        &[
            "sender",
            "test",
            "--message",
            huge.to_str().unwrap(),
            "--authserv-id",
            AUTHSERV_ID,
        ],
    );
    assert!(stderr.contains("larger than 1 MiB"), "{stderr}");
    // Results come only from the message's headers.
    env.code(
        2,
        &[
            "sender",
            "test",
            "--message",
            &pass,
            "--authserv-id",
            AUTHSERV_ID,
            "--dmarc",
            "pass",
        ],
    );
    env.code(
        2,
        &[
            "sender",
            "test",
            "bob@acme-corp.example",
            "--message",
            &pass,
            "--authserv-id",
            AUTHSERV_ID,
        ],
    );
}

/// Every single-address case above, decided by the batch path too: both must agree exactly.
#[rstest]
fn batch_decides_exactly_like_single_addresses(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = store(backend) else {
        return;
    };
    with_lab_domain_in_beta(&env);
    // Two domains of open without a certification on record (as after a direct import), out of order.
    for domain in ["zz-old.example", "aa-old.example"] {
        env.execute(&format!(
            "INSERT INTO trusted_domains (domain, account_id, include_subdomains, added_by, added_at)
             VALUES ('{domain}', 'open', 0, 'import', '2026-11-20T00:00:00Z')"
        ));
    }
    let addresses = [
        "bob@acme-corp.example",
        "Bob <BOB@mail.acme-corp.example.>",
        "bob@evilacme-corp.example",
        "bob@acme-corp.example.evil.net",
        "bob@corp.com",
        "bob@mail.corp.com",
        "max@bücher.example",
        "max@xn--bcher-kva.example",
        "\"bob@acme-corp.example\"@evil.example",
        "\"bob@acme-corp.example\" <eve@evil.example>",
        "a@b@acme-corp.example",
        "bob@[198.18.7.1]",
        "Jane.Roe@acme-corp.example",
        "max@corp-mail.example",
        "bob@open.example",
        "bob@zz-old.example",
        "bob@lab.acme-corp.example",
        "bob@x.lab.acme-corp.example",
    ];
    let option_sets: &[&[&str]] = &[
        &[],
        CLEAN,
        &[
            "--account",
            "acme",
            "--client-ip",
            "::ffff:198.18.7.3",
            "--spf",
            "pass",
            "--dkim",
            "pass",
        ],
        &["--account", "beta", "--dmarc", "pass", "--channel", "portal"],
        &[
            "--account",
            "open",
            "--client-ip",
            "2001:db8:7::1",
            "--tls",
            "--channel",
            "api",
        ],
    ];
    let batch = env.write_file("batch.txt", addresses.join("\r\n"));
    for options in option_sets {
        let mut args = vec!["-o", "json", "sender", "test", "--batch", batch.to_str().unwrap()];
        args.extend_from_slice(options);
        let out = env.cmd().args(&args).output().unwrap();
        let lines: Vec<Value> = String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), addresses.len());
        for (address, batch_decision) in addresses.iter().zip(&lines) {
            let mut single = vec![*address];
            single.extend_from_slice(options);
            let code = if batch_decision["verdict"] == "accepted" {
                0
            } else {
                1
            };
            assert_eq!(
                &test_json(&env, code, &single),
                batch_decision,
                "{address} {options:?}"
            );
        }
    }
}

#[rstest]
fn batch_skips_comments_and_blank_lines_and_counts_on_stderr(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = store(backend) else {
        return;
    };
    let file = env.write_file(
        "senders.txt",
        "# senders\n\nbob@corp.com\r\n\r\nmax@corp-mail.example\n",
    );
    let path = file.to_str().unwrap();
    let (out, err) = env.code(
        0,
        &["-o", "json", "sender", "test", "--batch", path, "--dmarc", "pass"],
    );
    assert_eq!(out.lines().count(), 2, "{out}");
    assert!(err.contains("2 address(es): 2 accepted, 0 refused"), "{err}");
    let (out, err) = env.code(1, &["sender", "test", "--batch", path]);
    assert!(
        out.starts_with("VERDICT\tACCOUNT\tBASIS\tADDRESS\tREASONS\n"),
        "{out}"
    );
    assert!(
        out.contains("refused\tbeta\ttrusted-domain\tbob@corp.com\tspoofing-check-failed: "),
        "{out}"
    );
    assert!(err.contains("2 address(es): 0 accepted, 2 refused"), "{err}");
    // From stdin, and a line that is not UTF-8 is refused, naming its line.
    let out = env
        .cmd()
        .args(["-o", "json", "sender", "test", "--batch", "-", "--dmarc", "pass"])
        .write_stdin(b"bob@corp.com\n# x\nbad\xff@corp.com\n".to_vec())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<Value> = stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines[0]["verdict"], "accepted");
    assert_eq!(codes(&lines[1]), ["malformed-address"]);
    assert!(
        lines[1]["reasons"][0]["message"]
            .as_str()
            .unwrap()
            .contains("Line 3"),
        "{stdout}"
    );
    // Nothing to decide is not a refusal.
    let empty = env.write_file("empty.txt", "# nothing\n");
    let (_, err) = env.code(0, &["sender", "test", "--batch", empty.to_str().unwrap()]);
    assert!(err.contains("0 address(es)"), "{err}");
}

#[rstest]
fn batch_keeps_input_order_across_chunks(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = store(backend) else {
        return;
    };
    // Over 1 MiB, so that several chunks are decided in parallel.
    let lines: Vec<String> = (0..60_000)
        .map(|i| {
            if i % 3 == 0 {
                format!("user{i}@corp.com")
            } else {
                format!("user{i}@nowhere{i}.example")
            }
        })
        .collect();
    let file = env.write_file("many.txt", lines.join("\n") + "\n");
    let (out, err) = env.code(
        1,
        &[
            "-o",
            "json",
            "sender",
            "test",
            "--batch",
            file.to_str().unwrap(),
            "--dmarc",
            "pass",
        ],
    );
    let decisions: Vec<Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(decisions.len(), lines.len());
    for (line, decision) in lines.iter().zip(&decisions) {
        assert_eq!(decision["address"].as_str(), Some(line.as_str()));
        assert_eq!(
            decision["verdict"] == "accepted",
            line.ends_with("@corp.com"),
            "{line}"
        );
    }
    assert!(
        err.contains("60000 address(es): 20000 accepted, 40000 refused"),
        "{err}"
    );
}

#[rstest]
fn batch_errors_exit_2(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = store(backend) else {
        return;
    };
    let (_, stderr) = env.code(2, &["sender", "test", "--batch", "/nonexistent.txt"]);
    assert!(
        stderr.contains("cannot read batch file /nonexistent.txt"),
        "{stderr}"
    );
    let file = env.write_file("one.txt", "bob@corp.com\n");
    let (_, stderr) = env.code(
        2,
        &[
            "sender",
            "test",
            "--batch",
            file.to_str().unwrap(),
            "--account",
            "nope",
        ],
    );
    assert!(stderr.contains("unknown account"), "{stderr}");
    // A line of any length is that line's malformed-address, and the run goes on.
    let endless = env.write_file(
        "endless.txt",
        format!("{}\r\nbob@corp.com\n{}", "a".repeat(3 << 20), "b".repeat(5000)),
    );
    let (stdout, stderr) = env.code(
        1,
        &[
            "-o",
            "json",
            "sender",
            "test",
            "--batch",
            endless.to_str().unwrap(),
            "--dmarc",
            "pass",
        ],
    );
    let lines: Vec<Value> = stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 3, "{stderr}");
    assert_eq!(codes(&lines[0]), ["malformed-address"]);
    let message = lines[0]["reasons"][0]["message"].as_str().unwrap();
    assert!(
        message.contains("it is 3145728 bytes long, the limit is 4096"),
        "{message}"
    );
    assert_eq!(lines[0]["address"].as_str().unwrap().len(), 4096);
    assert_eq!(lines[1]["verdict"], "accepted");
    assert!(
        lines[2]["reasons"][0]["message"]
            .as_str()
            .unwrap()
            .contains("5000 bytes long")
    );
    assert!(
        stderr.contains("3 address(es): 1 accepted, 2 refused"),
        "{stderr}"
    );
    // One of ADDRESS, --message or --batch, and only one.
    env.code(2, &["sender", "test"]);
    env.code(
        2,
        &[
            "sender",
            "test",
            "bob@corp.com",
            "--batch",
            file.to_str().unwrap(),
        ],
    );
}

#[rstest]
fn hostile_input_is_refused_not_trusted(#[values(Sqlite, Postgres)] backend: Backend) {
    use std::os::unix::ffi::OsStringExt;
    let Some(env) = store(backend) else {
        return;
    };
    // A huge argument is one malformed address, refused at once.
    let huge = format!("{}@acme-corp.example", "a".repeat(100_000));
    let d = test_json(&env, 1, &[&huge]);
    assert_eq!(codes(&d), ["malformed-address"]);
    // An argument that is not UTF-8 is a usage error.
    let bad = std::ffi::OsString::from_vec(b"bob\xff@acme-corp.example".to_vec());
    let out = env.cmd().arg("sender").arg("test").arg(bad).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("UTF-8"));
    // Control characters, bidi overrides and NUL in a batch: refused, and escaped in the table.
    let batch = env.write_file(
        "nasty.txt",
        b"bob@acme-corp.example\x00\neve\x1b[2J@acme-corp.example\nx\xe2\x80\xaeelpmaxe.proc-emca@bob\n",
    );
    let (out, _) = env.code(1, &["sender", "test", "--batch", batch.to_str().unwrap()]);
    assert_eq!(
        out.lines().filter(|l| l.starts_with("refused\t")).count(),
        3,
        "{out}"
    );
    assert!(
        !out.contains('\u{1b}') && !out.contains('\u{202e}') && !out.contains('\0'),
        "{out}"
    );
}

#[rstest]
fn a_missing_store_reads_as_empty_and_is_not_created(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = Env::new(backend) else {
        return;
    };
    let d = test_json(&env, 1, &["bob@acme-corp.example"]);
    assert_eq!(codes(&d), ["not-registered-or-trusted"]);
    let batch = env.write_file("one.txt", "bob@acme-corp.example\n");
    env.code(1, &["sender", "test", "--batch", batch.to_str().unwrap()]);
    env.code(
        2,
        &["sender", "test", "bob@acme-corp.example", "--account", "acme"],
    );
    assert!(!env.store_exists(), "a sender test must not create a store");
}

// ---- The spoofing paths closed by authenticating the From domain (issue 10) ----

/// corp: spoofing protection and TLS required, trusts corp.example with its subdomains; kate is a
/// registered user with her own fax number.
fn corp_store(backend: Backend) -> Option<Env> {
    let env = Env::new(backend)?;
    env.secured_account("corp");
    env.ok(&[
        "domains",
        "add",
        "corp",
        "corp.example",
        "--include-subdomains",
        "--certified-by",
        "Jane Roe",
        "--certified-on",
        &days_ago(10),
    ]);
    env.ok(&[
        "users",
        "add",
        "corp",
        "kate@corp.example",
        "--fax-number",
        "+16502530001",
    ]);
    Some(env)
}

/// A message received by our MTA over TLS from 198.18.7.25, with our `Authentication-Results`
/// holding `results`, from `from`.
fn received_message(results: &str, from: &str) -> String {
    format!(
        "Received: from mail.example (mail.example [198.18.7.25])\r\n\tby mx.fax.example (Postfix) with ESMTPS id 1\r\n\
         Authentication-Results: mx.fax.example; {results}\r\n\
         Received: from laptop ([10.1.2.3]) by mail.example with ESMTPSA id 2\r\n\
         From: {from}\r\nTo: 16502530000@fax.example\r\nSubject: x\r\n\r\nbody\r\n"
    )
}

fn test_message(env: &Env, code: i32, name: &str, content: &str) -> (Value, String) {
    let file = env.write_file(name, content);
    let (out, err) = env.code(
        code,
        &[
            "-o",
            "json",
            "sender",
            "test",
            "--message",
            file.to_str().unwrap(),
            "--authserv-id",
            AUTHSERV_ID,
        ],
    );
    (
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out} {err}")),
        err,
    )
}

#[rstest]
fn spf_and_dkim_count_only_when_aligned_with_the_from_domain(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = corp_store(backend) else {
        return;
    };
    // Why, attack 1: SPF and DKIM passed, but for the attacker's own domain.
    let forged = received_message(
        "spf=pass smtp.mailfrom=bounce@evil.example; dkim=pass header.d=evil.example; dmarc=none",
        "ceo@corp.example",
    );
    let (d, _) = test_message(&env, 1, "unaligned.eml", &forged);
    assert_eq!(codes(&d), ["spoofing-check-failed"], "{d}");
    assert_eq!(d["authentication"]["spf"]["domain"], "evil.example");
    assert_eq!(d["authentication"]["spf"]["aligned"], false);
    assert_eq!(d["authentication"]["dkim"]["aligned"], false);
    assert_eq!(d["authentication"]["dmarc"]["result"], "none");
    let message = d["reasons"][0]["message"].as_str().unwrap();
    assert!(
        message.contains("SPF passed for evil.example, which is not aligned with corp.example"),
        "{message}"
    );
    // The table says what counted and why not.
    let file = env.write_file("unaligned-table.eml", &forged);
    let (table, _) = env.code(
        1,
        &[
            "sender",
            "test",
            "--message",
            file.to_str().unwrap(),
            "--authserv-id",
            AUTHSERV_ID,
        ],
    );
    assert!(
        table.contains(
            "SPF passed for evil.example, which is not aligned with corp.example: it does not count"
        ),
        "{table}"
    );
    // Only one of the two aligned is not enough either.
    let half = received_message(
        "spf=pass smtp.mailfrom=bounce@corp.example; dkim=pass header.d=corp.example.evil.example; dmarc=none",
        "ceo@corp.example",
    );
    let (d, _) = test_message(&env, 1, "half.eml", &half);
    assert_eq!(codes(&d), ["spoofing-check-failed"], "{d}");
    // Properly aligned mail is still accepted: subdomains align (relaxed), DKIM from header.i too.
    for (name, results, from) in [
        (
            "aligned.eml",
            "spf=pass smtp.mailfrom=bounce@mail.corp.example; dkim=pass header.d=corp.example; dmarc=none",
            "CEO <ceo@mail.corp.example>",
        ),
        (
            "no-dmarc.eml",
            "spf=pass smtp.mailfrom=<> smtp.helo=mx1.corp.example; dkim=fail header.d=evil.example; dkim=pass header.i=@news.corp.example",
            "ceo@corp.example",
        ),
        (
            "dmarc.eml",
            "dmarc=pass header.from=Corp.Example.",
            "CEO <ceo@corp.example>",
        ),
    ] {
        let (d, _) = test_message(&env, 0, name, &received_message(results, from));
        assert_eq!(d["verdict"], "accepted", "{name}: {d}");
    }
    let (d, _) = test_message(
        &env,
        0,
        "dmarc-pass.eml",
        &received_message("dmarc=pass header.from=corp.example", "ceo@corp.example"),
    );
    assert_eq!(d["authentication"]["dmarc"]["header_from"], "corp.example");
}

#[rstest]
fn a_dmarc_result_about_another_from_domain_counts_as_fail(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = corp_store(backend) else {
        return;
    };
    // Why, attack 2.
    let (d, stderr) = test_message(
        &env,
        1,
        "other-from.eml",
        &received_message("dmarc=pass header.from=evil.example", "ceo@corp.example"),
    );
    assert_eq!(codes(&d), ["spoofing-check-failed"], "{d}");
    assert_eq!(d["authentication"]["dmarc"]["result"], "fail");
    assert_eq!(d["authentication"]["dmarc"]["header_from"], "evil.example");
    assert!(stderr.contains("about header.from=evil.example"), "{stderr}");
    // Nor can a second, passing result for the right domain outvote it.
    let (d, _) = test_message(
        &env,
        1,
        "two-dmarc.eml",
        &received_message(
            "dmarc=pass header.from=corp.example; dmarc=pass header.from=evil.example",
            "ceo@corp.example",
        ),
    );
    assert_eq!(codes(&d), ["spoofing-check-failed"], "{d}");
}

#[rstest]
fn stated_results_name_their_domain_and_are_checked_for_alignment(
    #[values(Sqlite, Postgres)] backend: Backend,
) {
    let Some(env) = corp_store(backend) else {
        return;
    };
    let base = ["ceo@corp.example", "--tls", "--spf", "pass", "--dkim", "pass"];
    let d = test_json(&env, 0, &base);
    assert_eq!(d["authentication"]["spf"]["domain"], "corp.example");
    assert_eq!(d["authentication"]["spf"]["aligned"], true);
    let mut evil = base.to_vec();
    evil.extend(["--spf-domain", "evil.example", "--dkim-domain", "evil.example"]);
    let d = test_json(&env, 1, &evil);
    assert_eq!(codes(&d), ["spoofing-check-failed"]);
    assert_eq!(d["authentication"]["dkim"]["domain"], "evil.example");
    let mut aligned = base.to_vec();
    aligned.extend([
        "--spf-domain",
        "bounce.corp.example",
        "--dkim-domain",
        "Corp.Example",
    ]);
    test_json(&env, 0, &aligned);
    // A public suffix aligns with nothing.
    let mut suffix = base.to_vec();
    suffix.extend(["--spf-domain", "example"]);
    test_json(&env, 1, &suffix);
    // The domain option needs its result, and must be a domain.
    env.code(
        2,
        &[
            "sender",
            "test",
            "ceo@corp.example",
            "--spf-domain",
            "corp.example",
        ],
    );
    env.code(
        2,
        &[
            "sender",
            "test",
            "ceo@corp.example",
            "--spf",
            "pass",
            "--spf-domain",
            "a b",
        ],
    );
}

/// Each look-alike of `corp.example` from the issue, and the character it must name.
const LOOKALIKES: &[(&str, &str)] = &[
    ("ceo@corp\u{ad}.example", "U+00AD"),
    ("ceo@corp\u{200b}.example", "U+200B"),
    ("ceo@ｃｏｒｐ.example", "U+FF43"),
    ("ceo@corp\u{3002}example", "U+3002"),
    ("ceo@\u{2102}orp.example", "U+2102"),
    ("ceo@corp\u{fe0f}.example", "U+FE0F"),
    // KELVIN SIGN: Unicode lower-casing turns it into kate's `k`.
    ("\u{212a}ate@corp.example", "U+212A"),
    ("noe\u{308}l@corp.example", "U+0308"),
];

#[rstest]
fn names_are_taken_literally_in_both_paths(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = corp_store(backend) else {
        return;
    };
    let clean = ["--dmarc", "pass", "--tls"];
    for (address, named) in LOOKALIKES {
        let mut args = vec![*address];
        args.extend_from_slice(&clean);
        let d = test_json(&env, 1, &args);
        assert_eq!(codes(&d), ["malformed-address"], "{address}: {d}");
        let message = d["reasons"][0]["message"].as_str().unwrap();
        assert!(message.contains(named), "{address}: {message}");
        assert_eq!(d["settings"], Value::Null, "{address}: {d}");
    }
    // The batch decides each line exactly as the single test.
    let lines: Vec<&str> = LOOKALIKES.iter().map(|(a, _)| *a).collect();
    let file = env.write_file("lookalikes.txt", lines.join("\n") + "\n");
    let mut args = vec!["-o", "json", "sender", "test", "--batch", file.to_str().unwrap()];
    args.extend_from_slice(&clean);
    let (out, _) = env.code(1, &args);
    let batch: Vec<Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(batch.len(), LOOKALIKES.len());
    for ((address, _), decision) in LOOKALIKES.iter().zip(&batch) {
        let mut args = vec![*address];
        args.extend_from_slice(&clean);
        assert_eq!(decision, &test_json(&env, 1, &args), "{address}");
    }
    // The real names are still accepted, and kate keeps her own settings.
    let d = test_json(&env, 0, &["Kate@corp.example", "--dmarc", "pass", "--tls"]);
    assert_eq!(d["basis"], "registered-user");
    assert_eq!(d["settings"]["outbound_number"], "+16502530001");
    // In a message's From header too.
    let (d, _) = test_message(
        &env,
        1,
        "soft-hyphen.eml",
        &received_message("dmarc=pass", "CEO <ceo@corp\u{ad}.example>"),
    );
    assert_eq!(codes(&d), ["malformed-address"], "{d}");
}

#[rstest]
fn only_our_own_headers_above_the_second_received_count(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = corp_store(backend) else {
        return;
    };
    // Our authserv-id below the second Received header: the sender wrote it before our MTA saw it.
    let planted = "Received: from mail.example (mail.example [198.18.7.25])\r\n\tby mx.fax.example with ESMTPS id 1\r\n\
         Received: from laptop ([10.1.2.3]) by mail.example with ESMTPSA id 2\r\n\
         Authentication-Results: mx.fax.example; dmarc=pass header.from=corp.example\r\n\
         From: ceo@corp.example\r\n\r\nbody\r\n";
    let (d, stderr) = test_message(&env, 1, "planted.eml", planted);
    assert_eq!(codes(&d), ["spoofing-check-failed"], "{d}");
    assert!(stderr.contains("below the second Received header"), "{stderr}");
    // A header of ours that is not UTF-8 fails closed instead of vanishing.
    let mut hidden = received_message("dmarc=pass header.from=corp.example", "ceo@corp.example").into_bytes();
    let second = b"Received: from laptop";
    let at = hidden.windows(second.len()).position(|w| w == second).unwrap();
    hidden.splice(
        at..at,
        b"Authentication-Results: mx.fax.example; dmarc=fail (\xff)\r\n"
            .iter()
            .copied(),
    );
    let file = env.write_file("latin1-results.eml", &hidden);
    let (out, stderr) = env.code(
        1,
        &[
            "-o",
            "json",
            "sender",
            "test",
            "--message",
            file.to_str().unwrap(),
            "--authserv-id",
            AUTHSERV_ID,
        ],
    );
    let d: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(codes(&d), ["spoofing-check-failed"], "{d}");
    assert_eq!(d["authentication"]["dmarc"]["result"], "permerror");
    assert!(stderr.contains("not valid UTF-8"), "{stderr}");
    // After a line that is neither a header nor a continuation, the header section has ended.
    let body_from = "Received: from mail.example (mail.example [198.18.7.25])\r\n\tby mx.fax.example with ESMTPS id 1\r\n\
         Authentication-Results: mx.fax.example; dmarc=pass header.from=corp.example\r\n\
         this line is not a header\r\nFrom: ceo@corp.example\r\n\r\nbody\r\n";
    let (d, _) = test_message(&env, 1, "body-from.eml", body_from);
    assert_eq!(codes(&d), ["malformed-address"], "{d}");
    let body_results = "Received: from mail.example (mail.example [198.18.7.25])\r\n\tby mx.fax.example with ESMTPS id 1\r\n\
         From: ceo@corp.example\r\n--not a header\r\n\
         Authentication-Results: mx.fax.example; dmarc=pass header.from=corp.example\r\n\r\nbody\r\n";
    let (d, _) = test_message(&env, 1, "body-results.eml", body_results);
    assert_eq!(codes(&d), ["spoofing-check-failed"], "{d}");
}

#[rstest]
fn the_client_ip_and_tls_are_what_our_mta_wrote(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = corp_store(backend) else {
        return;
    };
    env.ok(&["security", "whitelist", "add", "corp", "198.18.7.0/24"]);
    // A HELO holding a whitelisted address and a TLS comment: the MTA's own comment comes last.
    let injected = "Received: from x ([198.18.7.25]) (version=TLS1.3) (unknown [203.0.113.66])\r\n\tby mx.fax.example (Postfix) with ESMTP id 1\r\n\
         Authentication-Results: mx.fax.example; dmarc=pass header.from=corp.example\r\n\
         From: ceo@corp.example\r\n\r\nbody\r\n";
    let (d, _) = test_message(&env, 1, "helo.eml", injected);
    assert_eq!(codes(&d), ["source-not-whitelisted", "tls-required"], "{d}");
    assert!(
        d["reasons"][0]["message"]
            .as_str()
            .unwrap()
            .contains("203.0.113.66")
    );
    let honest = injected.replace(
        "(unknown [203.0.113.66])",
        "(mail.corp.example [198.18.7.26])\r\n\t(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384)",
    );
    let (d, _) = test_message(&env, 0, "honest.eml", &honest);
    assert_eq!(d["verdict"], "accepted", "{d}");
}

#[rstest]
fn batch_lines_are_decided_exactly_as_single_addresses(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = corp_store(backend) else {
        return;
    };
    let lines = [
        "ceo@corp.example",
        " ceo@corp.example",
        "\tceo@corp.example\t",
        "ceo@corp.example\u{a0}",
        "\u{2003}ceo@corp.example",
        "ceo@corp.example\u{b}",
        "\u{c}ceo@corp.example",
        "ceo@corp.example\u{85}",
        "\u{2028}ceo@corp.example",
        "ceo@corp.example\r",
        "   ",
        "  # not a comment",
        "Kate <kate@corp.example>",
    ];
    let mut text = String::new();
    for line in lines {
        text.push_str(line);
        text.push_str("\r\n");
    }
    let file = env.write_file("spaces.txt", &text);
    let clean = ["--dmarc", "pass", "--tls"];
    let mut args = vec!["-o", "json", "sender", "test", "--batch", file.to_str().unwrap()];
    args.extend_from_slice(&clean);
    let (out, _) = env.code(1, &args);
    let batch: Vec<Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(batch.len(), lines.len(), "{out}");
    for (line, decision) in lines.iter().zip(&batch) {
        let code = if decision["verdict"] == "accepted" { 0 } else { 1 };
        let mut args = vec!["sender", "test"];
        args.extend_from_slice(&clean);
        args.extend(["--", line]);
        let single = env.json(code, &args);
        assert_eq!(decision, &single, "{line:?}");
    }
    assert_eq!(
        batch[1]["verdict"], "accepted",
        "folding white space around an address is CFWS"
    );
    for unicode_space in &batch[3..10] {
        assert_eq!(codes(unicode_space), ["malformed-address"], "{unicode_space}");
    }
}

#[rstest]
fn agents_cannot_trust_a_domain_with_invisible_characters(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = corp_store(backend) else {
        return;
    };
    let before = env.dump();
    for (domain, named) in [
        ("shop\u{ad}.example", "U+00AD"),
        ("shop\u{200b}.example", "U+200B"),
        ("\u{feff}shop.example", "U+FEFF"),
    ] {
        let (out, _) = env.code(
            1,
            &[
                "-o",
                "json",
                "domains",
                "add",
                "corp",
                domain,
                "--certified-by",
                "Jane Roe",
                "--certified-on",
                &days_ago(10),
            ],
        );
        assert!(
            out.contains("invalid-syntax") && out.contains(named),
            "{domain:?}: {out}"
        );
        let (out, _) = env.code(1, &["-o", "json", "domains", "check", domain]);
        assert!(
            out.contains("invalid-syntax") && out.contains(named),
            "{domain:?}: {out}"
        );
    }
    assert_eq!(env.dump(), before, "nothing added");
}
