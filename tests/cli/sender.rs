//! `xmfax sender test`: every reason code, single addresses, messages and batches, and that the
//! batch path (everything in memory) decides exactly like the single path (indexed lookups).

use super::common::Env;
use serde_json::Value;
use std::path::PathBuf;

const AUTHSERV_ID: &str = "mx.fax.example";

/// acme: spoofing + TLS + whitelist, trusts acme-corp.example (with subdomains) and bücher.example;
/// beta: spoofing only, trusts corp.com and lab.acme-corp.example; open: trusted domain, then unsecured.
fn store() -> Env {
    let env = Env::new();
    env.secured_account("acme");
    env.ok(&[
        "security",
        "whitelist",
        "add",
        "acme",
        "198.18.7.0/24",
        "2001:db8:7::/48",
    ]);
    let certified = ["--certified-by", "Jane Roe", "--certified-on", "2026-11-20"];
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
    env
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

#[test]
#[rustfmt::skip]
fn trusted_domains_match_on_label_boundaries() {
    let env = store();
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
    expect(&env, "max@BÜCHER.example.", CLEAN, Some("acme"), t, &[]);
    expect(&env, "max@xn--bcher-kva.example", CLEAN, Some("acme"), t, &[]);
    expect(&env, "max@shop.bücher.example", CLEAN, None, None, none);
    let d = test_json(&env, 0, &["max@Bücher.example", "--dmarc", "pass", "--tls", "--client-ip", "198.18.7.1"]);
    assert_eq!(d["normalized"], "max@xn--bcher-kva.example");
}

#[test]
#[rustfmt::skip]
fn the_domain_is_what_follows_the_last_unquoted_at() {
    let env = store();
    let none = &["not-registered-or-trusted"];
    expect(&env, "\"bob@acme-corp.example\"@evil.example", CLEAN, None, None, none);
    expect(&env, "\"eve@evil.example\"@acme-corp.example", CLEAN, Some("acme"), Some("trusted-domain"), &[]);
    // A display name holding an address is never used for matching.
    expect(&env, "\"bob@acme-corp.example\" <eve@evil.example>", CLEAN, None, None, none);
    expect(&env, "=?UTF-8?Q?bob=40acme-corp.example?= <eve@evil.example>", CLEAN, None, None, none);
    expect(&env, "Eve (bob@acme-corp.example) <eve@evil.example>", CLEAN, None, None, none);
}

#[test]
fn malformed_addresses_are_refused() {
    let env = store();
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

#[test]
#[rustfmt::skip]
fn registered_users_get_their_own_settings() {
    let env = store();
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

#[test]
#[rustfmt::skip]
fn account_option_refuses_what_belongs_to_another_account() {
    let env = store();
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
    env.sql()
        .execute(
            "INSERT INTO trusted_domains (domain, account_id, include_subdomains, certified_by, certified_on, added_by, added_at)
             VALUES ('lab.acme-corp.example', 'beta', 0, 'Max', '2026-11-20', 'test', '2026-11-20T00:00:00Z')",
            [],
        )
        .unwrap();
}

#[test]
#[rustfmt::skip]
fn an_account_finds_its_own_rule_below_another_accounts_domain() {
    let env = store();
    with_lab_domain_in_beta(&env);
    let t = Some("trusted-domain");
    expect(&env, "bob@lab.acme-corp.example", &["--dmarc", "pass"], Some("beta"), t, &[]);
    expect(&env, "bob@lab.acme-corp.example", &["--account", "beta", "--dmarc", "pass"], Some("beta"), t, &[]);
    expect(&env, "bob@lab.acme-corp.example", &["--account", "acme", "--client-ip", "198.18.7.25", "--dmarc", "pass", "--tls"], Some("acme"), t, &[]);
    expect(&env, "bob@x.lab.acme-corp.example", &["--account", "beta"], Some("beta"), None, &["domain-trusted-by-other-account"]);
}

#[test]
#[rustfmt::skip]
fn channels_other_than_email_need_a_registered_user() {
    let env = store();
    let t = Some("trusted-domain");
    for channel in ["portal", "api", "receive"] {
        expect(&env, "bob@corp.com", &["--channel", channel], Some("beta"), t, &["channel-not-allowed"]);
    }
    expect(&env, "bob@corp.com", &["--channel", "email", "--dmarc", "pass"], Some("beta"), t, &[]);
    let (_, stderr) = env.code(2, &["sender", "test", "bob@corp.com", "--channel", "fax"]);
    assert!(stderr.contains("possible values"), "{stderr}");
}

#[test]
#[rustfmt::skip]
fn an_unsecured_account_does_not_honour_its_trusted_domains() {
    let env = store();
    let d = test_json(&env, 1, &["bob@open.example", "--channel", "api"]);
    assert_eq!(codes(&d), ["channel-not-allowed", "account-not-secured"]);
    assert!(d["reasons"][1]["message"].as_str().unwrap().contains("sources-restrained"), "{d}");
    // Even for a message that passes every source check.
    expect(&env, "bob@open.example", &["--tls", "--dmarc", "pass"], Some("open"), Some("trusted-domain"), &["account-not-secured"]);
}

#[test]
#[rustfmt::skip]
fn whitelist_spoofing_and_tls_are_all_reported() {
    let env = store();
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

#[test]
fn the_table_explains_each_reason_in_a_sentence() {
    let env = store();
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

#[test]
fn a_sender_test_changes_nothing() {
    let env = store();
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

#[test]
fn messages_are_judged_by_our_own_headers_only() {
    let env = store();
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

#[test]
fn only_the_top_most_received_header_counts() {
    let env = store();
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

#[test]
fn the_from_header_must_hold_exactly_one_mailbox() {
    let env = store();
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

#[test]
fn message_errors_exit_2() {
    let env = store();
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
#[test]
fn batch_decides_exactly_like_single_addresses() {
    let env = store();
    with_lab_domain_in_beta(&env);
    // Two domains of open without a certification on record (as after a direct import), out of order.
    let sql = env.sql();
    for domain in ["zz-old.example", "aa-old.example"] {
        sql.execute(
            "INSERT INTO trusted_domains (domain, account_id, include_subdomains, added_by, added_at)
             VALUES (?1, 'open', 0, 'import', '2026-11-20T00:00:00Z')",
            [domain],
        )
        .unwrap();
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

#[test]
fn batch_skips_comments_and_blank_lines_and_counts_on_stderr() {
    let env = store();
    let file = env.write_file(
        "senders.txt",
        "# senders\n\nbob@corp.com\r\n   \n  # indented comment\nmax@corp-mail.example\n",
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

#[test]
fn batch_keeps_input_order_across_chunks() {
    let env = store();
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

#[test]
fn batch_errors_exit_2() {
    let env = store();
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
    let endless = env.write_file("endless.txt", "a".repeat(3 << 20));
    let (_, stderr) = env.code(2, &["sender", "test", "--batch", endless.to_str().unwrap()]);
    assert!(stderr.contains("line 1 is longer than"), "{stderr}");
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

#[test]
fn hostile_input_is_refused_not_trusted() {
    use std::os::unix::ffi::OsStringExt;
    let env = store();
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

#[test]
fn a_missing_store_reads_as_empty_and_is_not_created() {
    let env = Env::new();
    let d = test_json(&env, 1, &["bob@acme-corp.example"]);
    assert_eq!(codes(&d), ["not-registered-or-trusted"]);
    let batch = env.write_file("one.txt", "bob@acme-corp.example\n");
    env.code(1, &["sender", "test", "--batch", batch.to_str().unwrap()]);
    env.code(
        2,
        &["sender", "test", "bob@acme-corp.example", "--account", "acme"],
    );
    assert!(!env.db.exists(), "a sender test must not create a store");
}
