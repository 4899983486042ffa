//! Several agents and scripts on one store at once, and writers killed at random moments:
//! nothing is lost, nothing half-done is seen, and the audit chain stays linear.
//! Sizes: XMFAX_STRESS_WORKERS (default 8), XMFAX_STRESS_CHANGES (default 200), XMFAX_CRASH_RUNS (default 12).

use super::common::{Backend, Env, Postgres, Sqlite, days_ago};
use rstest::rstest;
use std::collections::BTreeSet;
use std::process::{Command, Stdio};
use std::time::Duration;

fn env_count(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn audit_rows(env: &Env) -> i64 {
    env.query_i64("SELECT count(*) FROM audit")
}

fn set_of(value: &serde_json::Value, field: &str) -> BTreeSet<String> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v[field].as_str().unwrap().to_string())
        .collect()
}

/// Worker `w`'s `i`-th change: the command, and what it leaves behind.
enum Change {
    Domain(String),
    RemoveDomain(String),
    User(String),
    Network(String),
    /// A signed form asking to trust one domain: two audit rows (the domain and the request record).
    Form(String),
}

fn plan(worker: usize, count: usize) -> Vec<Change> {
    let mut changes = Vec::new();
    for i in 0..count {
        changes.push(match i % 5 {
            0 => Change::Domain(format!("w{worker}-d{i}.example")),
            // Remove the domain added just before, so removals race with additions too.
            1 => Change::RemoveDomain(format!("w{worker}-d{}.example", i - 1)),
            2 => Change::User(format!("u{i}.w{worker}@shared.example")),
            3 => Change::Network(format!("198.18.{worker}.{i}/32")),
            _ => Change::Form(format!("w{worker}-f{i}.example")),
        });
    }
    changes
}

/// A signed form, dated today, asking to trust `domain` for `account`.
fn form_adding(account: &str, domain: &str) -> String {
    let today = chrono::Utc::now().date_naive();
    format!(
        "xmfax_form: trusted-domains/v1
reference: REQ-{domain}
account: {account}
action: add
domains: [{domain}]
include_subdomains: false
requester: {{name: Jane Roe, title: IT Director, email: jane@{domain}}}
certifications:
  domains_belong_to_company: true
  email_sources_restrained: true
  restraint_methods: [spoofing-protection]
signature: {{signed_by: Jane Roe, title: IT Director, signed_on: {today}}}
"
    )
}

#[rstest]
fn concurrent_agents_lose_nothing_and_keep_the_chain_linear(#[values(Sqlite, Postgres)] backend: Backend) {
    let workers = env_count("XMFAX_STRESS_WORKERS", 8);
    let changes = env_count("XMFAX_STRESS_CHANGES", 200);
    let Some(env) = Env::new(backend) else {
        return;
    };
    env.secured_account("shared");
    for w in 0..workers {
        env.secured_account(&format!("acct{w}"));
    }
    let rows_before = audit_rows(&env);

    std::thread::scope(|scope| {
        for w in 0..workers {
            let env = &env;
            scope.spawn(move || {
                let account = format!("acct{w}");
                for change in plan(w, changes) {
                    let args: Vec<String> = match &change {
                        Change::Domain(d) => vec![
                            "domains".into(),
                            "add".into(),
                            account.clone(),
                            d.clone(),
                            "--certified-by".into(),
                            "Jane Roe".into(),
                            "--certified-on".into(),
                            days_ago(10),
                        ],
                        Change::RemoveDomain(d) => {
                            vec![
                                "domains".into(),
                                "remove".into(),
                                account.clone(),
                                d.clone(),
                                "--yes".into(),
                            ]
                        }
                        Change::User(u) => vec!["users".into(), "add".into(), "shared".into(), u.clone()],
                        Change::Network(n) => {
                            vec![
                                "security".into(),
                                "whitelist".into(),
                                "add".into(),
                                account.clone(),
                                n.clone(),
                            ]
                        }
                        Change::Form(d) => {
                            let form = env.write_file(&format!("{d}.yaml"), form_adding(&account, d));
                            vec![
                                "requests".into(),
                                "process".into(),
                                form.to_string_lossy().into_owned(),
                            ]
                        }
                    };
                    let out = env.cmd().args(&args).output().unwrap();
                    assert!(
                        out.status.success(),
                        "worker {w}: xmfax {args:?} failed: {}",
                        String::from_utf8_lossy(&out.stderr)
                    );
                }
            });
        }
    });

    let users = set_of(&env.json(0, &["users", "list", "shared"]), "email");
    for w in 0..workers {
        let account = format!("acct{w}");
        let domains = set_of(&env.json(0, &["domains", "list", &account]), "domain");
        let networks = set_of(
            &env.json(0, &["security", "whitelist", "list", &account]),
            "network",
        );
        let (mut want_domains, mut want_networks) = (BTreeSet::new(), BTreeSet::new());
        for change in plan(w, changes) {
            match change {
                Change::Domain(d) => {
                    want_domains.insert(d);
                }
                Change::RemoveDomain(d) => {
                    want_domains.remove(&d);
                }
                Change::User(u) => assert!(users.contains(&u), "user {u} is missing"),
                Change::Network(n) => {
                    want_networks.insert(n);
                }
                Change::Form(d) => {
                    want_domains.insert(d);
                }
            }
        }
        assert_eq!(domains, want_domains, "domains of {account}");
        assert_eq!(networks, want_networks, "whitelist of {account}");
    }
    assert_eq!(
        users.len(),
        workers
            * plan(0, changes)
                .iter()
                .filter(|c| matches!(c, Change::User(_)))
                .count()
    );
    let report = env.json(0, &["audit", "verify"]);
    assert_eq!(report["passed"], true);
    let forms = plan(0, changes)
        .iter()
        .filter(|c| matches!(c, Change::Form(_)))
        .count();
    let requests = env.json(0, &["requests", "list", "--status", "approved"]);
    assert_eq!(requests.as_array().unwrap().len(), workers * forms);
    assert_eq!(
        audit_rows(&env) - rows_before,
        (workers * (changes + forms)) as i64,
        "exactly one audit row per change (two per form: its domain and its record)"
    );
}

/// A tiny deterministic generator, so a failing run can be replayed from its printed seed.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, bound: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % bound
    }
}

#[rstest]
fn writers_killed_at_random_moments_leave_all_or_nothing(#[values(Sqlite, Postgres)] backend: Backend) {
    let runs = env_count("XMFAX_CRASH_RUNS", 12);
    let seed = std::env::var("XMFAX_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
        });
    eprintln!("crash test seed: {seed} (replay with XMFAX_CRASH_SEED={seed})");
    let mut rng = Lcg(seed);
    let Some(env) = Env::new(backend) else {
        return;
    };
    env.secured_account("acme");
    let binary = assert_cmd::cargo::cargo_bin("xmfax");
    let mut outcomes = [0; 2];
    for run in 0..runs {
        // One command that writes 200 domains and 200 audit rows in one transaction.
        let domains: Vec<String> = (0..200).map(|i| format!("r{run}-{i}.example")).collect();
        let mut child = Command::new(&binary)
            .env("XMFAX_DB", env.store())
            .env("XMFAX_AGENT", "crash-test")
            .args([
                "domains",
                "add",
                "acme",
                "--certified-by",
                "Jane Roe",
                "--certified-on",
                &days_ago(10),
            ])
            .args(&domains)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_micros(rng.next(30_000)));
        child.kill().ok();
        child.wait().unwrap();

        if backend == Sqlite {
            let integrity: String = env
                .sql()
                .query_row("PRAGMA integrity_check", [], |r| r.get(0))
                .unwrap();
            assert_eq!(integrity, "ok", "run {run}");
        }
        let present = env.query_i64(&format!(
            "SELECT count(*) FROM trusted_domains WHERE domain LIKE 'r{run}-%'"
        ));
        let audited = env.query_i64(&format!(
            "SELECT count(*) FROM audit WHERE action = 'domains.add' AND subject LIKE 'r{run}-%'"
        ));
        assert!(
            present == 0 || present == 200,
            "run {run}: {present} of 200 domains present"
        );
        outcomes[usize::from(present == 200)] += 1;
        assert_eq!(
            present, audited,
            "run {run}: every present domain has its audit row, and no other"
        );
        let report = env.json(0, &["audit", "verify"]);
        assert_eq!(report["passed"], true, "run {run}");
    }
    eprintln!(
        "crash test: {} run(s) killed before commit, {} after",
        outcomes[0], outcomes[1]
    );
}
