//! Lists that stream and page by key (`--limit`, `--after`), and the range scan that finds the names
//! below a domain (issue 13).

use super::common::{Backend, Env, Postgres, Sqlite};
use rstest::rstest;
use serde_json::Value;

/// Certified today: a direct certification older than 90 days is refused (certification-expired).
fn certified() -> [&'static str; 4] {
    [
        "--certified-by",
        "Jane Roe",
        "--certified-on",
        super::common::today(),
    ]
}

fn add_domains(env: &Env, account: &str, domains: &[&str], subdomains: bool) {
    let mut args = vec!["domains", "add", account];
    args.extend_from_slice(domains);
    args.extend_from_slice(&certified());
    if subdomains {
        args.push("--include-subdomains");
    }
    env.ok(&args);
}

/// Pages through `list` with `--limit page` and `--after` the key of each page's last object,
/// and returns every object seen.
fn all_pages(env: &Env, list: &[&str], page: usize, key: impl Fn(&Value) -> String) -> Vec<Value> {
    let mut seen = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let limit = page.to_string();
        let mut args = list.to_vec();
        args.extend(["--limit", &limit]);
        if let Some(key) = &after {
            args.extend(["--after", key]);
        }
        let objects = env.json(0, &args).as_array().cloned().unwrap();
        assert!(objects.len() <= page, "{args:?} printed more than --limit");
        let Some(last) = objects.last() else { break };
        after = Some(key(last));
        seen.extend(objects);
    }
    seen
}

/// Pages back through the audit log with `--limit page` and `--after` the first SEQ of each page,
/// and returns every event seen, oldest first.
fn audit_pages_back(env: &Env, list: &[&str], page: usize) -> Vec<Value> {
    let mut seen = Vec::new();
    let mut before: Option<String> = None;
    loop {
        let limit = page.to_string();
        let mut args = list.to_vec();
        args.extend(["--limit", &limit]);
        if let Some(seq) = &before {
            args.extend(["--after", seq]);
        }
        let mut objects = env.json(0, &args).as_array().cloned().unwrap();
        assert!(objects.len() <= page, "{args:?} printed more than --limit");
        let Some(first) = objects.first() else { break };
        before = Some(first["seq"].to_string());
        objects.extend(seen);
        seen = objects;
    }
    seen
}

fn store_with_lists(backend: Backend) -> Option<Env> {
    let env = Env::new(backend)?;
    for id in ["acme", "beta", "gamma"] {
        env.secured_account(id);
    }
    add_domains(
        &env,
        "acme",
        &["acme.example", "zeta.example", "bücher.example"],
        false,
    );
    add_domains(&env, "beta", &["beta.example", "alpha.example"], true);
    add_domains(&env, "gamma", &["gamma.example"], false);
    for email in ["Zoe@acme.example", "adam@acme.example", "Mia@acme.example"] {
        env.ok(&["users", "add", "acme", email]);
    }
    Some(env)
}

/// How to get a list object's `--after` key.
type KeyOf = Box<dyn Fn(&Value) -> String>;

#[rstest]
fn pages_by_key_give_exactly_the_whole_list(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = store_with_lists(backend) else {
        return;
    };
    let text = |v: &Value, field: &str| v[field].as_str().unwrap().to_string();
    let cases: Vec<(Vec<&str>, KeyOf)> = vec![
        (vec!["accounts", "list"], Box::new(move |v| text(v, "id"))),
        (
            vec!["domains", "list"],
            Box::new(move |v| format!("{}/{}", text(v, "account"), text(v, "domain"))),
        ),
        (vec!["domains", "list"], Box::new(move |v| text(v, "domain"))),
        (
            vec!["domains", "list", "acme"],
            Box::new(move |v| text(v, "unicode")),
        ),
        (vec!["users", "list", "acme"], Box::new(move |v| text(v, "email"))),
    ];
    for (list, key) in cases {
        let whole = env.json(0, &list);
        for page in [1, 2, 5] {
            let paged = all_pages(&env, &list, page, &key);
            assert_eq!(Value::Array(paged), whole, "{list:?} in pages of {page}");
        }
    }
    // The audit log shows the newest events last; `--after SEQ` pages back from the first one shown.
    for list in [
        vec!["audit", "log", "--all"],
        vec!["audit", "log", "--all", "--account", "acme"],
    ] {
        let whole = env.json(0, &list);
        let paged_list: Vec<&str> = list.iter().copied().filter(|a| *a != "--all").collect();
        for page in [1, 2, 5] {
            let paged = audit_pages_back(&env, &paged_list, page);
            assert_eq!(Value::Array(paged), whole, "{list:?} in pages of {page}");
        }
    }
    let domains: Vec<String> = env
        .json(0, &["domains", "list"])
        .as_array()
        .unwrap()
        .iter()
        .map(|d| format!("{}/{}", text(d, "account"), text(d, "domain")))
        .collect();
    assert_eq!(
        domains,
        [
            "acme/acme.example",
            "acme/xn--bcher-kva.example",
            "acme/zeta.example",
            "beta/alpha.example",
            "beta/beta.example",
            "gamma/gamma.example"
        ]
    );
    let users: Vec<String> = env
        .json(0, &["users", "list", "acme"])
        .as_array()
        .unwrap()
        .iter()
        .map(|u| text(u, "email"))
        .collect();
    assert_eq!(
        users,
        ["adam@acme.example", "Mia@acme.example", "Zoe@acme.example"]
    );
}

#[rstest]
fn requests_page_in_processing_order(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = Env::new(backend) else {
        return;
    };
    env.secured_account("acme");
    let today = chrono::Utc::now().date_naive().to_string();
    for (reference, domain) in [
        ("REQ-B", "b.example"),
        ("REQ-A", "a.example"),
        ("REQ-C", "c.example"),
    ] {
        let form = env.write_file(
            &format!("{reference}.yaml"),
            format!(
                "xmfax_form: trusted-domains/v1\nreference: {reference}\naccount: acme\naction: add\n\
                 domains: [{domain}]\nrequester: {{name: Jane Roe, title: CIO, email: jane@{domain}}}\n\
                 certifications: {{domains_belong_to_company: true, email_sources_restrained: true, \
                 restraint_methods: [spoofing-protection]}}\n\
                 signature: {{signed_by: Jane Roe, title: CIO, signed_on: {today}}}\n"
            ),
        );
        env.ok(&["requests", "process", form.to_str().unwrap()]);
    }
    let whole = env.json(0, &["requests", "list"]);
    let references: Vec<&str> = whole
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["reference"].as_str().unwrap())
        .collect();
    // Processed within the same second, the reference orders them.
    assert_eq!(references.len(), 3);
    for list in [
        vec!["requests", "list"],
        vec!["requests", "list", "--account", "acme", "--status", "approved"],
    ] {
        let paged = all_pages(&env, &list, 1, |r| r["reference"].as_str().unwrap().to_string());
        assert_eq!(Value::Array(paged), whole);
    }
    let (_, stderr) = env.code(2, &["requests", "list", "--after", "REQ-NONE"]);
    assert!(stderr.contains("no request \"REQ-NONE\""), "{stderr}");
}

#[rstest]
fn after_a_removed_domain_needs_its_account(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = store_with_lists(backend) else {
        return;
    };
    let (_, stderr) = env.code(2, &["domains", "list", "--after", "gone.example"]);
    assert!(stderr.contains("--after ACCOUNT/gone.example"), "{stderr}");
    let rest = env.json(0, &["domains", "list", "--after", "acme/y.example"]);
    let names: Vec<&str> = rest
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["domain"].as_str().unwrap())
        .collect();
    assert_eq!(names[0], "zeta.example");
    let (_, stderr) = env.code(2, &["domains", "list", "--after", "acme/not a domain"]);
    assert!(stderr.contains("--after"), "{stderr}");
}

#[rstest]
fn every_format_prints_the_same_list_streamed_as_whole(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = store_with_lists(backend) else {
        return;
    };
    let json = env.json(0, &["domains", "list"]);
    let (yaml, _) = env.code(0, &["-o", "yaml", "domains", "list"]);
    let from_yaml: Value = serde_yaml::from_str(&yaml).unwrap();
    assert_eq!(from_yaml, json);
    assert!(yaml.starts_with("- domain: acme.example\n"), "{yaml}");
    let (table, _) = env.code(0, &["domains", "list"]);
    assert_eq!(
        table.lines().filter(|line| line.starts_with("DOMAIN")).count(),
        1,
        "one piece, one header: {table}"
    );
    assert!(table.contains("bücher.example"));
    // Empty lists: `[]` in JSON and YAML, "(none)" in a table.
    assert_eq!(
        env.json(0, &["accounts", "list", "--after", "zzz"]),
        Value::Array(vec![])
    );
    let (yaml, _) = env.code(0, &["-o", "yaml", "accounts", "list", "--limit", "0"]);
    assert_eq!(yaml, "[]\n");
    let (table, _) = env.code(0, &["users", "list", "beta"]);
    assert!(table.contains("(none)"), "{table}");
}

#[rstest]
fn a_long_table_is_printed_in_pieces_under_their_header(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = Env::new(backend) else {
        return;
    };
    env.secured_account("acme");
    let rows: Vec<String> = (0..2500)
        .map(|i| format!("('u{i:04}@acme.example', 'acme', 'u{i:04}@acme.example', '2026-01-15T00:00:00Z')"))
        .collect();
    env.execute(&format!(
        "INSERT INTO users (email_key, account_id, email, created_at) VALUES {}",
        rows.join(", ")
    ));
    let (table, _) = env.code(0, &["users", "list", "acme"]);
    assert_eq!(table.matches("EMAIL").count(), 3, "2,500 rows in pieces of 1,000");
    assert_eq!(table.matches("@acme.example").count(), 2500);
    assert_eq!(
        env.json(0, &["users", "list", "acme"]).as_array().unwrap().len(),
        2500
    );
}

#[rstest]
fn names_below_are_found_even_without_their_key(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = Env::new(backend) else {
        return;
    };
    env.secured_account("acme");
    env.secured_account("beta");
    add_domains(&env, "beta", &["mail.corp.example"], false);
    // A row written into the store behind xmfax's back carries no reversed-labels key.
    env.execute(
        "INSERT INTO trusted_domains (domain, account_id, include_subdomains, certified_by, certified_on,
             added_by, added_at)
         VALUES ('deep.sub.other.example', 'beta', 0, 'Jane Roe', '2026-01-15', 'someone', '2026-01-15T00:00:00Z')",
    );
    let before = env.dump();
    for (domain, below) in [
        ("corp.example", "mail.corp.example"),
        ("other.example", "deep.sub.other.example"),
    ] {
        let mut args = vec!["domains", "add", "acme", domain, "--include-subdomains"];
        args.extend_from_slice(&certified());
        let report = env.json(1, &args);
        let message = report["refused"][0]["reasons"][0]["message"].as_str().unwrap();
        assert_eq!(
            report["refused"][0]["reasons"][0]["code"],
            "trusted-by-other-account"
        );
        assert!(message.contains(below) && message.contains("beta"), "{message}");
    }
    assert_eq!(env.dump(), before);
    // A label boundary, not a suffix: `evilcorp.example` is not below `corp.example`.
    add_domains(&env, "beta", &["evilcorp.example"], false);
    add_domains(&env, "acme", &["rp.example"], true);
    let mut args = vec!["domains", "add", "acme", "orp.example", "--include-subdomains"];
    args.extend_from_slice(&certified());
    env.json(0, &args);
}

#[rstest]
fn export_streams_the_same_document(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = store_with_lists(backend) else {
        return;
    };
    let yaml = env.ok(&["export"]);
    let json: Value = serde_json::from_str(&env.ok(&["export", "-o", "json"])).unwrap();
    let from_yaml: Value = serde_yaml::from_str(&yaml).unwrap();
    assert_eq!(from_yaml, json);
    let ids: Vec<&str> = json["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["acme", "beta", "gamma"]);
}

#[rstest]
fn past_the_reported_limit_the_same_names_below_are_named(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = Env::new(backend) else {
        return;
    };
    env.secured_account("acme");
    env.secured_account("beta");
    // 150 names below corp.example in beta, written last name first, so that the table's own
    // order is the opposite of the names'.
    let rows: Vec<String> = (0..150)
        .rev()
        .map(|i| {
            format!(
                "('n{i:03}.corp.example', 'beta', 0, 'Jane Roe', '2026-01-15', 'someone', '2026-01-15T00:00:00Z', \
                  'example.corp.n{i:03}.')"
            )
        })
        .collect();
    env.execute(&format!(
        "INSERT INTO trusted_domains (domain, account_id, include_subdomains, certified_by, certified_on,
             added_by, added_at, labels_reversed)
         VALUES {}",
        rows.join(", ")
    ));
    let mut args = vec!["domains", "add", "acme", "corp.example", "--include-subdomains"];
    args.extend_from_slice(&certified());
    let report = env.json(1, &args);
    let message = report["refused"][0]["reasons"][0]["message"].as_str().unwrap();
    // The first hundred by their reversed labels: n000 to n099, never one of n100 to n149.
    assert!(message.contains("n000.corp.example"), "{message}");
    for i in 100..150 {
        assert!(!message.contains(&format!("n{i:03}.")), "{message}");
    }
}
