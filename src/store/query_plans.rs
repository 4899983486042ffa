//! Test: every statement the single-object commands run is an index search, never a scan of a table
//! that grows with the customer base. The commands run for real on a populated store while SQLite's
//! trace hook records each statement; each is then explained with `EXPLAIN QUERY PLAN`.

use super::Store;
use crate::cli::Cli;
use clap::Parser;
use rusqlite::Connection;
use rusqlite::trace::{TraceEvent, TraceEventCodes};
use std::cell::RefCell;
use std::collections::BTreeSet;
use std::path::Path;

/// Tables whose size follows the number of customers, their domains, users, forms and changes.
const GROWING_TABLES: &[&str] = &[
    "accounts",
    "users",
    "whitelist",
    "trusted_domains",
    "requests",
    "imports",
    "audit",
    "dns_challenges",
    "dns_proofs",
];

thread_local! {
    /// The statements run on this thread while recording (the SQL as prepared, parameters unbound).
    static RECORDED: RefCell<Option<BTreeSet<String>>> = const { RefCell::new(None) };
}

/// Installs the recorder on a connection of the store (tests only; it records nothing until asked).
pub(super) fn record_statements_of(conn: &Connection) {
    conn.trace_v2(TraceEventCodes::SQLITE_TRACE_STMT, Some(record));
}

fn record(event: TraceEvent<'_>) {
    if let TraceEvent::Stmt(statement, _) = event {
        let sql = statement.sql().into_owned();
        RECORDED.with(|recorded| {
            if let Some(set) = recorded.borrow_mut().as_mut() {
                // Trigger bodies come as `-- TRIGGER name` comments; their statements are the trigger's own.
                if !sql.trim_start().starts_with("--") {
                    set.insert(sql);
                }
            }
        });
    }
}

/// Every plan line of `sql` that scans a growing table.
fn scans(conn: &Connection, sql: &str) -> Vec<String> {
    let mut stmt = conn
        .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
        .unwrap_or_else(|e| panic!("cannot explain {sql}: {e}"));
    // Parameters stay unbound: the plan is the one chosen when the statement is prepared.
    let mut rows = stmt.raw_query();
    let mut found = Vec::new();
    while let Some(row) = rows.next().unwrap() {
        let detail: String = row.get(3).unwrap();
        let mut words = detail.split_whitespace();
        if words.next() == Some("SCAN") && words.next().is_some_and(|table| GROWING_TABLES.contains(&table)) {
            found.push(format!("{detail}  <-  {}", one_line(sql)));
        }
    }
    found
}

fn one_line(sql: &str) -> String {
    sql.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Statements that read or write rows (the others, PRAGMA and transaction control, have no plan).
fn touches_rows(sql: &str) -> bool {
    let first = sql.split_whitespace().next().unwrap_or_default();
    ["SELECT", "INSERT", "UPDATE", "DELETE", "WITH", "REPLACE"]
        .iter()
        .any(|verb| first.eq_ignore_ascii_case(verb))
}

fn all_scans(conn: &Connection, statements: &BTreeSet<String>) -> Vec<String> {
    statements
        .iter()
        .filter(|sql| touches_rows(sql))
        .flat_map(|sql| scans(conn, sql))
        .collect()
}

/// 2,000 accounts (secured), 20,000 trusted domains, 2,000 users, 200 approved requests and
/// 20,000 audit rows, written in bulk.
fn populate(path: &Path) {
    let store = Store::open(&super::Location::File(path.to_path_buf())).unwrap();
    store
        .sqlite_for_test()
        .execute_batch(
            "BEGIN;
             WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 1999)
             INSERT INTO accounts (id, name, fax_number, region, profile, language, spoofing_protection,
                 require_tls, created_at, updated_at)
             SELECT printf('acct-%06d', i), 'Customer ' || i, '+16502530000', 'us', 'Default', 'en', 1, 1,
                 '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z' FROM n;
             WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 19999)
             INSERT INTO trusted_domains (domain, account_id, include_subdomains, certified_by, certified_on,
                 added_by, added_at, labels_reversed)
             SELECT printf('d%d.c%06d.example', i % 10, i / 10), printf('acct-%06d', i / 10), i % 2,
                 'Jane Roe', '2026-01-01', 'test', '2026-01-01T00:00:00Z',
                 printf('example.c%06d.d%d.', i / 10, i % 10) FROM n;
             WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 1999)
             INSERT INTO users (email_key, account_id, email, created_at)
             SELECT printf('user%d@d0.c%06d.example', i, i), printf('acct-%06d', i),
                 printf('user%d@d0.c%06d.example', i, i), '2026-01-01T00:00:00Z' FROM n;
             WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 1999)
             INSERT INTO whitelist (account_id, network, created_at)
             SELECT printf('acct-%06d', i), '198.18.0.0/16', '2026-01-01T00:00:00Z' FROM n;
             WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 199)
             INSERT INTO requests (reference, account_id, action, status, form_text, form_sha256, signed_by,
                 signed_on, reasons, changes, processed_by, processed_at)
             SELECT printf('REQ-%04d', i), printf('acct-%06d', i * 10), 'add', 'approved', 'form', 'sha',
                 'Jane Roe', '2026-01-01', '[]', '{\"added\": [], \"removed\": []}', 'test',
                 printf('2026-01-01T%02d:%02d:00Z', i / 60, i % 60) FROM n;
             WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
             INSERT INTO audit (seq, at, agent, action, account, subject, details, prev_hash, hash)
             SELECT i, '2026-01-01T00:00:00Z', 'test', 'domains.add', printf('acct-%06d', i % 2000), NULL,
                 '{}', 'h' || (i - 1), 'h' || i FROM n;
             INSERT INTO audit_head (id, seq, hash) VALUES (1, 20000, 'h20000');
             COMMIT;",
        )
        .unwrap();
    // Rows written in bulk, as by an older xmfax: give them their configuration digest, as the
    // migration does for such a store, so that the commands can record their changes.
    store.conn.begin("BEGIN").unwrap();
    store.conn.execute_batch("DELETE FROM config_digest").unwrap();
    super::audit::record_initial_digest(&store.conn).unwrap();
    store.conn.end("COMMIT").unwrap();
}

fn run(db: &Path, args: &[&str]) {
    let mut words = vec![
        "xmfax",
        "--db",
        db.to_str().unwrap(),
        "--no-input",
        "--yes",
        "-o",
        "json",
    ];
    words.extend_from_slice(args);
    let cli = Cli::try_parse_from(&words).unwrap_or_else(|e| panic!("{words:?}: {e}"));
    if let Err(e) = crate::cmd::run(cli) {
        panic!("{args:?} failed: {e:#}");
    }
}

/// What the single-object commands of issue 13 run, each on one account, domain, address, request
/// or audit selection of the populated store.
fn run_single_object_commands(dir: &Path, db: &Path) {
    let today = chrono::Utc::now().date_naive().to_string();
    let form = dir.join("form.yaml");
    let domains: Vec<String> = (0..10).map(|i| format!("\"form{i}.acct10.example\"")).collect();
    std::fs::write(
        &form,
        format!(
            "xmfax_form: trusted-domains/v1\nreference: REQ-T-2\naccount: acct-000010\naction: add\n\
             domains: [{}]\ninclude_subdomains: false\n\
             requester: {{name: Jane Roe, title: CIO, email: jane@form0.acct10.example}}\n\
             certifications: {{domains_belong_to_company: true, email_sources_restrained: true, \
             restraint_methods: [spoofing-protection, mail-server-whitelisting]}}\n\
             signature: {{signed_by: Jane Roe, title: CIO, signed_on: {today}}}\n",
            domains.join(", ")
        ),
    )
    .unwrap();
    // Today: a direct certification older than 90 days is refused (certification-expired).
    let today = chrono::Utc::now().date_naive().to_string();
    let certified = ["--certified-by", "Jane Roe", "--certified-on", today.as_str()];
    let commands: Vec<Vec<&str>> = vec![
        vec!["accounts", "show", "acct-000010"],
        vec!["domains", "list", "acct-000010"],
        [
            &["domains", "add", "acct-000010", "exact.acct10.example"][..],
            &certified,
        ]
        .concat(),
        // Another account trusts names below this one: refused, after the range scan finds them.
        [
            &[
                "domains",
                "add",
                "acct-000010",
                "c000011.example",
                "--include-subdomains",
            ][..],
            &certified,
        ]
        .concat(),
        [
            &[
                "domains",
                "add",
                "acct-000010",
                "wide.acct10.example",
                "--include-subdomains",
            ][..],
            &certified,
        ]
        .concat(),
        // Covered by another account's parent that includes its subdomains (d1 of every account does).
        [
            &["domains", "add", "acct-000010", "x.d1.c000012.example"][..],
            &certified,
        ]
        .concat(),
        vec!["domains", "remove", "acct-000010", "exact.acct10.example"],
        vec![
            "domains",
            "check",
            "d3.c000020.example",
            "mail.d1.c000020.example",
            "gmail.com",
        ],
        vec!["users", "add", "acct-000010", "new.user@d0.c000010.example"],
        vec!["users", "remove", "acct-000010", "new.user@d0.c000010.example"],
        vec!["security", "check", "acct-000010"],
        vec!["security", "whitelist", "add", "acct-000010", "198.19.0.0/24"],
        vec!["requests", "show", "REQ-0005"],
        vec!["requests", "process", form.to_str().unwrap()],
        vec!["audit", "log", "--account", "acct-000010", "--limit", "50"],
        vec![
            "sender",
            "test",
            "bob@mail.d1.c000010.example",
            "--account",
            "acct-000010",
            "--dmarc",
            "pass",
            "--client-ip",
            "198.18.7.7",
            "--tls",
        ],
        vec!["sender", "test", "user10@d0.c000010.example", "--dmarc", "pass"],
        vec!["sender", "test", "nobody@unknown.example"],
    ];
    for args in &commands {
        run(db, args);
    }
}

#[test]
fn single_object_commands_never_scan_a_growing_table() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("plans.db");
    populate(&db);
    RECORDED.with(|recorded| *recorded.borrow_mut() = Some(BTreeSet::new()));
    run_single_object_commands(dir.path(), &db);
    let statements = RECORDED.with(|recorded| recorded.borrow_mut().take().unwrap());
    assert!(
        statements.iter().any(|sql| sql.contains("labels_reversed >")),
        "the subdomain conflict check did not run"
    );

    let conn = Connection::open(&db).unwrap();
    let found = all_scans(&conn, &statements);
    assert!(found.is_empty(), "full scans:\n{}", found.join("\n"));
    // The same with the statistics ANALYZE gathers, which may change the planner's choices.
    conn.execute_batch("ANALYZE").unwrap();
    let found = all_scans(&conn, &statements);
    assert!(
        found.is_empty(),
        "full scans after ANALYZE:\n{}",
        found.join("\n")
    );

    // The check has teeth: without any one of the indexes the commands rely on, it finds a scan.
    for index in [
        "trusted_domains_reversed",
        "trusted_domains_account",
        "users_account",
        "requests_account",
        "audit_account",
    ] {
        conn.execute_batch(&format!("BEGIN; DROP INDEX {index}")).unwrap();
        let found = all_scans(&conn, &statements);
        conn.execute_batch("ROLLBACK").unwrap();
        assert!(
            !found.is_empty(),
            "no scan found without the index {index}: the check would not notice its loss"
        );
    }
}
