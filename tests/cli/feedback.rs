//! Feedback for people: the audit log in sentences, changes that show what they did, removals that
//! confirm alike, notes about the store path, hints that say where to look, and the man page.

use super::common::{Backend, Env, Postgres, Sqlite, days_ago};
use rstest::rstest;
use serde_json::Value;

fn account(env: &Env, id: &str) {
    env.ok(&[
        "accounts",
        "add",
        id,
        "--name",
        "Acme Corporation",
        "--fax-number",
        "+16502530000",
    ]);
}

#[rstest]
fn audit_log_is_one_sentence_per_event_newest_last(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = Env::new(backend) else {
        return;
    };
    account(&env, "acme");
    env.ok(&["security", "set", "acme", "--spoofing-protection", "on"]);
    env.ok(&[
        "domains",
        "add",
        "acme",
        "acme-corp.example",
        "--certified-by",
        "Jane Roe",
        "--certified-on",
        &days_ago(10),
    ]);
    let log = env.ok(&["audit", "log"]);
    let events: Vec<&str> = log.lines().filter(|l| l.starts_with(char::is_numeric)).collect();
    assert_eq!(events.len(), 3, "one line per event:\n{log}");
    assert!(events[0].starts_with("1 "), "oldest first, newest last:\n{log}");
    assert!(
        events[2].ends_with(&format!(
            "domains add acme: +acme-corp.example (certified by Jane Roe, {})",
            days_ago(10)
        )),
        "{log}"
    );
    assert!(
        events[1].ends_with("security set acme: spoofing protection on, TLS required off"),
        "{log}"
    );
    assert!(!log.contains('{'), "no raw details:\n{log}");
    let shown = env.ok(&["audit", "show", "3"]);
    assert!(
        shown.contains("\"certified_by\": \"Jane Roe\""),
        "full details: {shown}"
    );
    let json = env.json(0, &["audit", "show", "3"]);
    assert_eq!(json["details"]["domain"], "acme-corp.example");
    env.code(2, &["audit", "show", "99"]);
}

#[rstest]
fn audit_log_shows_the_newest_50_unless_told(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = Env::new(backend) else {
        return;
    };
    account(&env, "acme");
    for i in 0..30 {
        let on = if i % 2 == 0 { "on" } else { "off" };
        env.ok(&["security", "set", "acme", "--require-tls", on]);
        env.ok(&["security", "set", "acme", "--spoofing-protection", on]);
    }
    let log = env.json(0, &["audit", "log"]);
    let seqs: Vec<i64> = log
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["seq"].as_i64().unwrap())
        .collect();
    assert_eq!(seqs.len(), 50);
    assert_eq!((seqs[0], seqs[49]), (12, 61), "the newest 50, newest last");
    let (_, stderr) = env.code(0, &["audit", "log"]);
    assert!(stderr.contains("--all"), "{stderr}");
    assert_eq!(
        env.json(0, &["audit", "log", "--all"]).as_array().unwrap().len(),
        61
    );
    assert_eq!(
        env.json(0, &["audit", "log", "--limit", "5"])
            .as_array()
            .unwrap()
            .len(),
        5
    );
}

#[rstest]
fn security_set_shows_the_settings_and_needs_one(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = Env::new(backend) else {
        return;
    };
    account(&env, "acme");
    let (_, stderr) = env.code(2, &["security", "set", "acme"]);
    assert!(
        stderr.contains("--spoofing-protection"),
        "usage names the settings: {stderr}"
    );
    let out = env.ok(&["security", "set", "acme", "--require-tls", "on"]);
    assert!(out.contains("changed"), "{out}");
    assert!(out.contains("TLS required              on"), "{out}");
    assert!(out.contains("Spoofing protection       off"), "{out}");
    let out = env.ok(&["security", "set", "acme", "--require-tls", "on"]);
    assert!(out.contains("no change"), "{out}");
    let json = env.json(0, &["security", "set", "acme", "--require-tls", "on"]);
    assert_eq!(json["changed"], false);
    assert_eq!(json["security"]["require_tls"], true);
}

#[rstest]
fn whitelist_add_says_at_once_what_security_check_will_say(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = Env::new(backend) else {
        return;
    };
    account(&env, "acme");
    let before = env.dump();
    let (out, _) = env.code(1, &["security", "whitelist", "add", "acme", "10.0.0.0/8"]);
    assert!(out.contains("REFUSED") && out.contains("--force"), "{out}");
    assert!(out.contains("10.0.0.0/8 covers more than a /16"), "{out}");
    assert_eq!(env.dump(), before, "a refused network changes nothing");
    let out = env.ok(&["security", "whitelist", "add", "acme", "10.1.0.0/16"]);
    assert!(
        out.contains("warning: 10.1.0.0/16 is in a private range"),
        "{out}"
    );
    let json = env.json(
        0,
        &["security", "whitelist", "add", "acme", "10.0.0.0/8", "--force"],
    );
    assert_eq!(json["added"], serde_json::json!(["10.0.0.0/8"]));
    assert_eq!(json["concerns"][0]["status"], "fail");
}

#[rstest]
fn every_removal_needs_yes_without_a_terminal(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = Env::new(backend) else {
        return;
    };
    account(&env, "acme");
    env.ok(&["security", "set", "acme", "--spoofing-protection", "on"]);
    env.ok(&["users", "add", "acme", "jane@acme-corp.example"]);
    env.ok(&["security", "whitelist", "add", "acme", "198.18.7.0/24"]);
    env.ok(&[
        "domains",
        "add",
        "acme",
        "acme-corp.example",
        "--certified-by",
        "Jane Roe",
        "--certified-on",
        &days_ago(10),
    ]);
    let before = env.dump();
    for args in [
        vec!["accounts", "remove", "acme"],
        vec!["users", "remove", "acme", "jane@acme-corp.example"],
        vec!["domains", "remove", "acme", "acme-corp.example"],
        vec!["security", "whitelist", "remove", "acme", "198.18.7.0/24"],
    ] {
        let (_, stderr) = env.code(2, &args);
        assert!(
            stderr.contains("confirmation needed") && stderr.contains("--yes"),
            "{args:?}: {stderr}"
        );
        assert_eq!(env.dump(), before, "{args:?} changed the store");
    }
    env.ok(&[
        "security",
        "whitelist",
        "remove",
        "acme",
        "198.18.7.0/24",
        "--yes",
    ]);
}

#[rstest]
fn a_blank_requester_is_an_incomplete_form(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = Env::new(backend) else {
        return;
    };
    account(&env, "acme");
    env.ok(&["security", "set", "acme", "--spoofing-protection", "on"]);
    let today = chrono::Utc::now().date_naive().to_string();
    let form = format!(
        "xmfax_form: trusted-domains/v1\nreference: REQ-1\naccount: acme\naction: add\ndomains: [acme-corp.example]\n\
         requester: {{name: \"  \", title: \"\", email: \" \"}}\n\
         certifications: {{domains_belong_to_company: true, email_sources_restrained: true, restraint_methods: [spoofing-protection]}}\n\
         signature: {{signed_by: Jane Roe, signed_on: {today}}}\n"
    );
    let path = env.write_file("form.yaml", form);
    let report = env.json(1, &["requests", "validate", path.to_str().unwrap()]);
    let incomplete: Vec<&str> = report["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["code"] == "incomplete-form")
        .map(|r| r["message"].as_str().unwrap())
        .collect();
    assert_eq!(incomplete.len(), 2, "{report}");
    assert!(incomplete[0].starts_with("requester.name:"), "{report}");
    assert!(incomplete[1].starts_with("requester.email:"), "{report}");
}

#[test]
fn a_missing_store_is_noted_and_named_and_not_created() {
    let env = Env::sqlite();
    let missing = env.dir.path().join("typo.db");
    let out = env
        .cmd()
        .args(["--db", missing.to_str().unwrap(), "accounts", "show", "globex"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr.contains(&format!(
            "note: no store at {}; nothing has been recorded there yet",
            missing.display()
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("error: store {}", missing.display())),
        "{stderr}"
    );
    assert!(!missing.exists());
}

/// Runs xmfax as another user than root when the tests run as root (root ignores permissions).
fn as_unprivileged(env: &Env, args: &[&str]) -> std::process::Output {
    let binary = assert_cmd::cargo::cargo_bin("xmfax");
    let root = std::fs::metadata("/proc/self").map(|m| std::os::unix::fs::MetadataExt::uid(&m) == 0);
    let mut cmd = if root.unwrap_or(false) {
        let mut cmd = std::process::Command::new("setpriv");
        cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(binary);
        cmd
    } else {
        std::process::Command::new(binary)
    };
    cmd.env("XMFAX_AGENT", "test-agent")
        .env_remove("XMFAX_DB")
        .args(args);
    let _ = env;
    cmd.output().expect("run xmfax unprivileged (setpriv)")
}

#[test]
fn a_store_in_a_read_only_directory_can_be_read() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::sqlite();
    account(&env, "acme");
    let dir = env.dir.path().join("readonly");
    std::fs::create_dir(&dir).unwrap();
    let db = dir.join("xmfax.db");
    std::fs::copy(&env.db, &db).unwrap();
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o644)).unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o555)).unwrap();
    std::fs::set_permissions(env.dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let db = db.to_str().unwrap();
    let out = as_unprivileged(&env, &["--db", db, "accounts", "show", "acme"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("Acme Corporation"));
    assert!(stderr.contains("read-only"), "{stderr}");
    let out = as_unprivileged(
        &env,
        &["--db", db, "security", "set", "acme", "--require-tls", "on"],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("no permission to write"), "{stderr}");
    assert!(
        !stderr.contains("SQLITE_") && !stderr.contains("Error code"),
        "raw SQLite code: {stderr}"
    );
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[rstest]
fn message_without_authserv_id_says_where_to_find_it(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = Env::new(backend) else {
        return;
    };
    let eml =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/messages/forged-auth-results.eml");
    let (_, stderr) = env.code(2, &["sender", "test", "--message", eml.to_str().unwrap()]);
    assert!(
        stderr.contains("first word of the Authentication-Results header"),
        "{stderr}"
    );
    assert!(stderr.contains("mx.fax.example, mx.google.com"), "{stderr}");
}

#[rstest]
fn man_has_a_short_name_and_covers_every_command(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = Env::new(backend) else {
        return;
    };
    let page = env.ok(&["man"]);
    let name = page.lines().skip_while(|l| *l != ".SH NAME").nth(1).unwrap();
    assert!(name.len() < 80, "{name}");
    let help: Value = Value::Null;
    let _ = help;
    for command in [
        "xmfax accounts add",
        "xmfax users remove",
        "xmfax security whitelist add",
        "xmfax domains check",
        "xmfax requests process",
        "xmfax sender test",
        "xmfax audit show",
        "xmfax import",
        "xmfax man",
    ] {
        assert!(
            page.contains(&format!("\\fB{}", command.replace('-', "\\-"))),
            "{command} missing"
        );
    }
    assert!(
        page.contains("xmfax man \\-\\-out DIR"),
        "says how to get the other pages"
    );
}

/// `requests new` on a pseudo-terminal (`script` from util-linux), answering each question in turn.
#[rstest]
fn requests_new_questions_wait_for_enter_and_require_the_requester(
    #[values(Sqlite, Postgres)] backend: Backend,
) {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let Some(env) = Env::new(backend) else {
        return;
    };
    account(&env, "acme");
    let out = env.dir.path().join("new.yaml");
    let binary = assert_cmd::cargo::cargo_bin("xmfax");
    let command = format!(
        "'{}' --db '{}' requests new --out '{}'",
        binary.display(),
        env.store().to_string_lossy(),
        out.display()
    );
    let mut child = Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .env("XMFAX_AGENT", "test-agent")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .expect("`script` (util-linux) runs the command on a pseudo-terminal");
    let mut stdin = child.stdin.take().unwrap();
    // After "y", an empty answer: it must not count as the requester's name (asked again).
    for answer in [
        "REQ-9",
        "",
        "",
        "acme-corp.example",
        "y",
        "",
        "  ",
        "Jane Roe",
        "IT",
        "jane.roe@acme-corp.example",
        "y",
        "y",
        " ",
        "Jane Roe",
        "IT",
        "",
    ] {
        std::thread::sleep(std::time::Duration::from_millis(400));
        let _ = stdin.write_all(format!("{answer}\r").as_bytes());
        let _ = stdin.flush();
    }
    std::thread::sleep(std::time::Duration::from_millis(1500));
    drop(stdin);
    let _ = child.kill();
    let _ = child.wait();
    let form = std::fs::read_to_string(&out).expect("the form was written");
    assert!(form.contains("include_subdomains: true"), "{form}");
    assert!(form.contains("  name: \"Jane Roe\"\n  title: \"IT\"\n"), "{form}");
    assert!(form.contains("email: \"jane.roe@acme-corp.example\""), "{form}");
}
