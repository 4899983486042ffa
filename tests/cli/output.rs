//! Output for people and scripts: tables that fit the terminal without breaking identifiers, records
//! when they cannot, one row per line off a terminal, and YAML that reads as the JSON does.

use super::common::{Backend, Env, Postgres, Sqlite, days_ago};
use rstest::rstest;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::PathBuf;

/// The example customer, with everything the main commands show: whitelist, users, an approved and a
/// refused request (dated today), an IDN domain, a broad whitelist entry that fails its check.
fn customer(backend: Backend) -> Option<Env> {
    let env = Env::new(backend)?;
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
        "users",
        "add",
        "acme",
        "jane.roe@acme-corp.example",
        "--language",
        "de",
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
    env.ok(&[
        "security",
        "whitelist",
        "add",
        "acme",
        "198.18.7.0/24",
        "2001:db8:7::/48",
    ]);
    let today = chrono::Utc::now().date_naive().to_string();
    for name in ["acme-add-domains.yaml", "acme-refused.yaml"] {
        let text = std::fs::read_to_string(examples().join(name)).expect("example form");
        let path = env.write_file(name, text.replace("2026-11-20", &today));
        let expected = if name.contains("refused") { 1 } else { 0 };
        env.code(expected, &["requests", "process", path.to_str().unwrap()]);
    }
    Some(env)
}

fn examples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/forms")
}

fn message(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("examples/messages")
        .join(name)
        .display()
        .to_string()
}

/// The main commands, with the exit code each is expected to give on [`customer`].
fn main_commands() -> Vec<(Vec<String>, i32)> {
    let commands: Vec<(&[&str], i32)> = vec![
        (&["accounts", "show", "acme"], 0),
        (&["domains", "list"], 0),
        (&["requests", "list"], 0),
        (&["requests", "show", "REQ-2026-0043"], 0),
        (&["security", "check", "acme"], 0),
        (&["audit", "log"], 0),
        (
            &["sender", "test", "bob@acme-labs.example", "--account", "acme"],
            1,
        ),
        (
            &[
                "sender",
                "test",
                "Bob <bob@mail.acme-corp.example>",
                "--client-ip",
                "203.0.113.9",
            ],
            1,
        ),
    ];
    commands
        .into_iter()
        .map(|(args, code)| (args.iter().map(|a| a.to_string()).collect(), code))
        .collect()
}

fn run(env: &Env, args: &[String], code: i32, width: Option<usize>) -> String {
    let mut cmd = env.cmd();
    match width {
        Some(width) => cmd.env("XMFAX_FORCE_TTY", "1").env("COLUMNS", width.to_string()),
        None => cmd.env_remove("XMFAX_FORCE_TTY").env_remove("COLUMNS"),
    };
    let out = cmd.args(args).output().expect("run");
    let stdout = String::from_utf8(out.stdout).expect("UTF-8");
    assert_eq!(
        out.status.code(),
        Some(code),
        "{args:?} at {width:?}:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

/// Words that are identifiers or hold one: domains, references, dates, codes, networks, addresses.
fn identifiers(text: &str) -> BTreeSet<String> {
    text.split_whitespace()
        .map(|word| word.trim_matches(|c: char| matches!(c, ',' | ';' | '(' | ')' | '`' | '"')))
        .filter(|word| {
            word.chars().count() >= 3
                && word.chars().any(|c| c.is_alphanumeric())
                && word
                    .chars()
                    .any(|c| matches!(c, '.' | '@' | '-' | '/' | ':') || c.is_ascii_digit())
                && !word.ends_with(':')
        })
        .map(str::to_string)
        .collect()
}

fn words(text: &str) -> BTreeSet<String> {
    text.split_whitespace()
        .map(|word| word.trim_matches(|c: char| matches!(c, ',' | ';' | '(' | ')' | '`' | '"')))
        .map(str::to_string)
        .collect()
}

#[rstest]
fn main_commands_fit_80_and_60_columns_without_breaking_an_identifier(
    #[values(Sqlite, Postgres)] backend: Backend,
) {
    let Some(env) = customer(backend) else {
        return;
    };
    for (args, code) in main_commands() {
        // Off a terminal nothing wraps, so every identifier there is whole.
        let unwrapped = run(&env, &args, code, None);
        let expected = identifiers(&unwrapped);
        if args[..2] == ["accounts", "show"] {
            for must in [
                "acme-corp.example",
                "REQ-2026-0042",
                "198.18.7.0/24",
                "jane.roe@acme-corp.example",
            ] {
                assert!(expected.contains(must), "{args:?} lacks {must}:\n{unwrapped}");
            }
        }
        for width in [80, 60] {
            let text = run(&env, &args, code, Some(width));
            let found = words(&text);
            let broken: Vec<&String> = expected.iter().filter(|id| !found.contains(*id)).collect();
            assert!(
                broken.is_empty(),
                "{args:?} at {width} columns breaks {broken:?}:\n{text}"
            );
            for line in text.lines() {
                let single_word = line.split_whitespace().count() <= 2;
                assert!(
                    line.chars().count() <= width || single_word,
                    "{args:?}: line wider than {width}:\n{line}\n\n{text}"
                );
            }
        }
    }
}

#[rstest]
fn at_80_columns_the_domains_and_audit_log_stay_tables(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = customer(backend) else {
        return;
    };
    let domains = run(&env, &["domains".into(), "list".into()], 0, Some(80));
    assert!(domains.contains("DOMAIN"), "{domains}");
    assert!(!domains.contains("DOMAIN:"), "fell back to records:\n{domains}");
    let log = run(&env, &["audit".into(), "log".into()], 0, Some(80));
    assert!(log.contains("EVENT"), "{log}");
    assert!(
        !log.contains("\"details\"") && !log.contains('{'),
        "raw details:\n{log}"
    );
}

#[rstest]
fn a_table_that_cannot_fit_becomes_records(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = customer(backend) else {
        return;
    };
    let text = run(&env, &["requests".into(), "list".into()], 0, Some(40));
    assert!(text.contains("REFERENCE:"), "{text}");
    assert!(
        text.contains("REQ-2026-0042") && text.contains("REQ-2026-0043"),
        "{text}"
    );
    assert!(!text.contains('═'), "{text}");
}

#[rstest]
fn off_a_terminal_each_row_is_one_line(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = customer(backend) else {
        return;
    };
    let text = run(&env, &["requests".into(), "list".into()], 0, None);
    let rows: Vec<&str> = text.lines().filter(|l| l.starts_with("REQ-")).collect();
    assert_eq!(rows.len(), 2, "{text}");
    assert!(rows[1].contains("not-certified-owned"), "{text}");
    assert!(rows[1].contains("free-mail-provider"), "{text}");
}

#[rstest]
fn empty_columns_and_the_single_account_column_are_dropped(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = customer(backend) else {
        return;
    };
    let text = run(&env, &["domains".into(), "list".into()], 0, None);
    assert!(!text.contains("UNICODE"), "{text}");
    assert!(!text.contains("ACCOUNT"), "{text}");
    assert!(text.starts_with("Account: acme\n"), "{text}");
    assert!(text.contains("xn--bcher-kva.example (bücher.example)"), "{text}");
    env.ok(&[
        "accounts",
        "add",
        "globex",
        "--name",
        "Globex",
        "--fax-number",
        "+16502530001",
    ]);
    env.ok(&["security", "set", "globex", "--spoofing-protection", "on"]);
    env.ok(&[
        "domains",
        "add",
        "globex",
        "globex-corp.example",
        "--certified-by",
        "John Doe",
        "--certified-on",
        &days_ago(10),
    ]);
    let both = run(&env, &["domains".into(), "list".into()], 0, None);
    assert!(both.contains("ACCOUNT"), "{both}");
}

/// Parses YAML with PyYAML (a YAML 1.1 reader, as most CI tools use), installed if missing.
fn pyyaml(yaml: &str) -> Value {
    use std::io::Write;
    use std::process::{Command, Stdio};
    static INSTALL: std::sync::Once = std::sync::Once::new();
    INSTALL.call_once(|| {
        let present = Command::new("python3")
            .args(["-c", "import yaml"])
            .status()
            .is_ok_and(|s| s.success());
        if !present {
            let installed = Command::new("python3")
                .args(["-m", "pip", "install", "--quiet", "--user", "pyyaml"])
                .status()
                .is_ok_and(|s| s.success());
            assert!(
                installed,
                "PyYAML is needed and `python3 -m pip install pyyaml` failed"
            );
        }
    });
    let mut child = Command::new("python3")
        .args([
            "-c",
            "import sys, json, yaml; print(json.dumps(list(yaml.safe_load_all(sys.stdin.read()))))",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3");
    child.stdin.take().unwrap().write_all(yaml.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "PyYAML cannot read:\n{yaml}");
    serde_json::from_slice(&out.stdout).unwrap()
}

#[rstest]
fn yaml_reads_as_the_json_for_every_command_in_pyyaml_and_serde(
    #[values(Sqlite, Postgres)] backend: Backend,
) {
    let Some(env) = customer(backend) else {
        return;
    };
    // An account ID and values a YAML 1.1 reader would take for booleans, numbers or dates.
    env.ok(&[
        "accounts",
        "add",
        "no",
        "--name",
        "Yes",
        "--fax-number",
        "+16502530002",
    ]);
    env.ok(&["users", "add", "no", "on@no-corp.example", "--profile", "1e3"]);
    env.ok(&["security", "set", "no", "--spoofing-protection", "on"]);
    let form = env.write_file(
        "blank.yaml",
        String::from_utf8(env.cmd().args(["requests", "template"]).output().unwrap().stdout).unwrap(),
    );
    let form = form.to_str().unwrap().to_string();
    let eml = message("pass.eml");
    let commands: Vec<(Vec<&str>, i32)> = vec![
        (vec!["accounts", "list"], 0),
        (vec!["accounts", "show", "acme"], 0),
        (vec!["accounts", "show", "no"], 0),
        (vec!["accounts", "set", "no", "--name", "Off"], 0),
        (vec!["users", "list", "no"], 0),
        (vec!["security", "check", "acme"], 0),
        (vec!["security", "set", "no", "--require-tls", "on"], 0),
        (vec!["security", "whitelist", "list", "acme"], 0),
        (vec!["security", "whitelist", "add", "no", "10.1.0.0/16"], 0),
        (vec!["security", "whitelist", "add", "no", "10.0.0.0/8"], 1),
        (vec!["domains", "list"], 0),
        (
            vec!["domains", "check", "acme-corp.example", "gmail.com", "no.example"],
            1,
        ),
        (vec!["requests", "list"], 0),
        (vec!["requests", "show", "REQ-2026-0042"], 0),
        (vec!["requests", "validate", &form], 1),
        (vec!["requests", "process", "--dry-run", &form], 1),
        (vec!["sender", "test", "jane.roe@acme-corp.example"], 1),
        (
            vec![
                "sender",
                "test",
                "--message",
                &eml,
                "--authserv-id",
                "mx.fax.example",
            ],
            0,
        ),
        (vec!["audit", "log", "--all"], 0),
        (vec!["audit", "show", "1"], 0),
        (vec!["audit", "verify"], 0),
        (vec!["settings", "list"], 0),
        (vec!["export"], 0),
    ];
    for (args, code) in commands {
        let mut json_args = vec!["-o", "json"];
        json_args.extend(&args);
        let json: Value = serde_json::from_str(&env.code(code, &json_args).0)
            .unwrap_or_else(|e| panic!("{args:?}: not JSON: {e}"));
        let mut yaml_args = vec!["-o", "yaml"];
        yaml_args.extend(&args);
        let yaml = env.code(code, &yaml_args).0;
        let by_serde: Value = serde_yaml_value(&yaml);
        let by_pyyaml = pyyaml(&yaml);
        // Changing commands run twice: the second run may say "unchanged"; compare only reads.
        if !matches!(
            args.get(..2),
            Some(["accounts", "set"] | ["security", "set"] | ["security", "whitelist"])
        ) {
            assert_eq!(
                by_serde, json,
                "{args:?}: serde reads the YAML differently:\n{yaml}"
            );
            assert_eq!(
                by_pyyaml,
                Value::Array(vec![json]),
                "{args:?}: PyYAML reads it differently:\n{yaml}"
            );
        } else {
            assert_eq!(
                by_pyyaml,
                Value::Array(vec![by_serde.clone()]),
                "{args:?}:\n{yaml}"
            );
            assert_eq!(
                by_serde.as_object().map(|o| o.keys().collect::<Vec<_>>()),
                json.as_object().map(|o| o.keys().collect::<Vec<_>>()),
                "{args:?}"
            );
        }
    }
}

fn serde_yaml_value(yaml: &str) -> Value {
    // serde_norway is the crate's YAML library; going through its Value keeps the comparison exact.
    let value: serde_yaml::Value = serde_yaml::from_str(yaml).expect("serde reads the YAML");
    serde_json::to_value(value).expect("as JSON")
}

#[rstest]
fn yaml_quotes_what_yaml_1_1_would_misread(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = customer(backend) else {
        return;
    };
    env.ok(&[
        "accounts",
        "add",
        "no",
        "--name",
        "Yes",
        "--fax-number",
        "+16502530002",
    ]);
    let yaml = env.ok(&["-o", "yaml", "accounts", "show", "no"]);
    assert!(yaml.contains("id: \"no\"\n"), "{yaml}");
    assert!(yaml.contains("name: \"Yes\"\n"), "{yaml}");
    let yaml = env.ok(&["-o", "yaml", "domains", "list"]);
    assert!(yaml.contains("certified_on: \""), "{yaml}");
}

#[rstest]
fn accounts_show_json_gives_each_field_once(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = customer(backend) else {
        return;
    };
    let json = env.json(0, &["accounts", "show", "acme"]);
    let object = json.as_object().unwrap();
    assert!(!object.contains_key("spoofing_protection"), "{json}");
    assert!(!object.contains_key("require_tls"), "{json}");
    assert_eq!(json["security"]["spoofing_protection"], true);
    assert_eq!(json["security"]["require_tls"], true);
}
