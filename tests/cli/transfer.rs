//! `xmfax export` and `xmfax import`: round trips, refusals of bad rows (whole file, store untouched),
//! replaced lists, dry runs, the import record, and atomicity when the process is killed.

use super::common::{Backend, Env, Postgres, Sqlite, StoredRequest, days_ago};
use rstest::rstest;
use serde_json::Value;

const HEADER: &str = "account,domain,include_subdomains,certified_by,certified_on,request\n";

/// Two secured accounts with users, whitelists and trusted domains of every shape.
fn populated(backend: Backend) -> Option<Env> {
    let env = Env::new(backend)?;
    env.secured_account("acme");
    env.secured_account("beta");
    env.ok(&[
        "accounts",
        "set",
        "beta",
        "--language",
        "fr",
        "--region",
        "eu",
        "--profile",
        "Legal",
    ]);
    env.ok(&[
        "users",
        "add",
        "acme",
        "Jane.Roe@ACME.example",
        "--language",
        "de",
    ]);
    env.ok(&[
        "users",
        "add",
        "acme",
        "max@bücher.example",
        "--fax-number",
        "+33 1 42 68 53 00",
    ]);
    env.ok(&[
        "security",
        "whitelist",
        "add",
        "acme",
        "198.51.100.0/24",
        "2001:db8:7::/48",
    ]);
    env.ok(&[
        "domains",
        "add",
        "acme",
        "acme.example",
        "bücher.example",
        "--certified-by",
        "Jane Roe",
        "--certified-on",
        &day("2026-11-20"),
    ]);
    env.ok(&[
        "domains",
        "add",
        "beta",
        "beta.example",
        "--include-subdomains",
        "--certified-by",
        "Ann O'Neil",
        "--certified-on",
        &day("2026-10-01"),
    ]);
    Some(env)
}

/// Records a processed add request for `account` that lists `domains` (processed for real, and its
/// domains removed again, so that the import below adds them).
fn recorded_request(env: &Env, reference: &str, account: &str, status: &str, domains: &[&str]) {
    StoredRequest {
        reference,
        account,
        status,
        action: "add",
        domains,
        include_subdomains: true,
        signed_on: &day("2026-11-20"),
    }
    .process(env);
}

/// The fixed dates these tests were written with, moved to the same distance before today (they
/// were written on 2026-11-30): certifications older than 90 days are refused.
fn day(fixed: &str) -> String {
    let written = chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    let date = chrono::NaiveDate::parse_from_str(fixed, "%Y-%m-%d").unwrap();
    days_ago((written - date).num_days())
}

/// A file's bytes with each fixed date of these tests moved by [`day`] (an invalid date stays).
/// One pass over the bytes: a date already moved is never moved again, even when it lands on
/// another fixed date (2026-11-20 moved by a day is 2026-11-21, itself a fixed date).
fn recent(content: impl AsRef<[u8]>) -> Vec<u8> {
    const FIXED: [&str; 5] = [
        "2026-10-01",
        "2026-11-02",
        "2026-11-20",
        "2026-11-21",
        "2026-11-25",
    ];
    let bytes = content.as_ref();
    let mut moved = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        match FIXED
            .iter()
            .find(|fixed| bytes[at..].starts_with(fixed.as_bytes()))
        {
            Some(fixed) => {
                moved.extend_from_slice(day(fixed).as_bytes());
                at += fixed.len();
            }
            None => {
                moved.push(bytes[at]);
                at += 1;
            }
        }
    }
    moved
}

fn problem_lines(stderr: &str) -> Vec<String> {
    stderr
        .lines()
        .filter(|line| !line.starts_with("error:"))
        .map(str::to_string)
        .collect()
}

#[rstest]
fn export_then_import_into_an_empty_store_round_trips_byte_for_byte(
    #[values(Sqlite, Postgres)] backend: Backend,
) {
    let Some(source) = populated(backend) else {
        return;
    };
    for format in ["yaml", "json"] {
        let exported = source.ok(&["export", "-o", format]);
        assert!(exported.contains("xn--bcher-kva.example"), "{exported}");
        let file = source.write_file(&format!("export.{format}"), &exported);
        let Some(target) = Env::new(backend) else {
            return;
        };
        let report = target.json(0, &["import", file.to_str().unwrap()]);
        assert_eq!(report["outcome"], "imported", "{report}");
        assert_eq!(report["counts"]["accounts"]["created"], 2);
        assert_eq!(report["counts"]["users"]["created"], 2);
        assert_eq!(report["counts"]["whitelist"]["created"], 2);
        assert_eq!(report["counts"]["trusted_domains"]["created"], 3);
        assert_eq!(
            target.ok(&["export", "-o", format]),
            exported,
            "{format} round trip"
        );
        // The default (table) format of export is the YAML document.
        if format == "yaml" {
            assert_eq!(target.ok(&["export"]), exported);
        }
        target.ok(&["audit", "verify"]);
    }
}

#[rstest]
fn importing_the_same_file_twice_changes_nothing_the_second_time(
    #[values(Sqlite, Postgres)] backend: Backend,
) {
    let Some(source) = populated(backend) else {
        return;
    };
    let file = source.write_file("export.yaml", source.ok(&["export"]));
    let Some(target) = Env::new(backend) else {
        return;
    };
    target.ok(&["import", file.to_str().unwrap()]);
    let before = target.dump();
    let report = target.json(0, &["import", file.to_str().unwrap()]);
    assert_eq!(report["outcome"], "unchanged");
    assert_eq!(report["import_id"], Value::Null);
    assert_eq!(report["counts"]["trusted_domains"]["unchanged"], 3);
    assert_eq!(
        target.dump(),
        before,
        "a no-change import writes nothing, not even an audit row"
    );
    let table = target.ok(&["import", file.to_str().unwrap()]);
    assert!(table.contains("Nothing changed"), "{table}");
}

#[rstest]
fn a_csv_import_records_the_import_and_marks_its_domains(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = populated(backend) else {
        return;
    };
    recorded_request(&env, "REQ-7", "acme", "approved", &["mail.acme-corp.example"]);
    let csv = format!(
        "{HEADER}acme,Mail.ACME-Corp.example.,yes,Jane Roe,2026-11-21,REQ-7\nbeta,beta-labs.example,false,Ann,2026-11-02\n"
    );
    let file = env.write_file("domains.csv", recent(&csv));
    let report = env.json(0, &["import", file.to_str().unwrap()]);
    assert_eq!(report["outcome"], "imported");
    assert_eq!(report["counts"]["trusted_domains"]["created"], 2);
    assert_eq!(report["file"], file.to_str().unwrap());
    let import_id = report["import_id"].as_i64().unwrap();
    let recorded = env.query(&format!(
        "SELECT file, sha256 FROM imports WHERE id = {import_id}"
    ));
    let [recorded_file, sha256] = &recorded[0][..] else {
        panic!("{recorded:?}")
    };
    assert_eq!(recorded_file, file.to_str().unwrap());
    assert_eq!(sha256, report["sha256"].as_str().unwrap());
    assert_eq!(sha256.len(), 64);
    let marked: Vec<String> = env
        .query(&format!(
            "SELECT domain FROM trusted_domains WHERE import_id = {import_id} ORDER BY domain"
        ))
        .concat();
    assert_eq!(marked, ["beta-labs.example", "mail.acme-corp.example"]);
    let domains = env.json(0, &["domains", "list", "acme"]);
    let imported = domains
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["domain"] == "mail.acme-corp.example")
        .unwrap();
    assert_eq!(imported["include_subdomains"], true);
    assert_eq!(imported["request"], "REQ-7");
    assert_eq!(imported["certified_on"], day("2026-11-21"));
    let log = env.json(0, &["audit", "log", "--limit", "1"]);
    assert_eq!(log[0]["action"], "import");
    assert_eq!(log[0]["details"]["import_id"], import_id);
    assert_eq!(log[0]["details"]["sha256"], report["sha256"]);
    assert_eq!(log[0]["details"]["counts"]["trusted_domains"]["created"], 2);
    env.ok(&["audit", "verify"]);
}

#[rstest]
fn a_file_with_bad_rows_is_refused_whole_with_every_row_reported(
    #[values(Sqlite, Postgres)] backend: Backend,
) {
    let Some(env) = populated(backend) else {
        return;
    };
    let mut csv = HEADER.as_bytes().to_vec();
    let rows: &[&[u8]] = &[
        b"acme,good-one.example,false,Jane Roe,2026-11-20,\n", // 2: fine
        b"acme,co.uk,false,Jane Roe,2026-11-20,\n",            // 3: public suffix
        b"acme,gmail.com,false,Jane Roe,2026-11-20,\n",        // 4: free mail
        b"acme,beta.example,false,Jane Roe,2026-11-20,\n",     // 5: trusted by beta in the store
        b"acme,shared.example,false,Jane Roe,2026-11-20,\n",   // 6: fine by itself...
        b"beta,shared.example,false,Ann,2026-11-20,\n",        // 7: ...but also given to beta
        b"acme,dated.example,false,Jane Roe,2026-13-45,\n",    // 8: bad date
        b"ghost,ghost.example,false,Jane Roe,2026-11-20,\n",   // 9: unknown account
        b"acme,short.example,false\n",                         // 10: wrong column count
        b"acme,caf\xe9.example,false,Jane Roe,2026-11-20,\n",  // 11: invalid UTF-8
        b"acme,future.example,false,Jane Roe,2999-01-01,\n",   // 12: certified in the future
        b"acme,\"quoted, comma.example\",false,Jane Roe,2026-11-20,\n", // 13: invalid syntax
    ];
    for row in rows {
        csv.extend_from_slice(row);
    }
    let file = env.write_file("bad.csv", recent(&csv));
    let before = env.dump();
    let (stdout, stderr) = env.code(1, &["import", file.to_str().unwrap()]);
    assert!(stdout.contains("Refused: 10 problem(s)"), "{stdout}");
    let name = file.to_str().unwrap();
    let lines = problem_lines(&stderr);
    let expected = [
        (3, "public-suffix"),
        (4, "free-mail-provider"),
        (5, "trusted-by-other-account"),
        (7, "trusted-by-other-account"),
        (8, "invalid-date"),
        (9, "unknown-account"),
        (10, "invalid-csv"),
        (11, "invalid-utf8"),
        (12, "certification-in-future"),
        (13, "invalid-syntax"),
    ];
    assert_eq!(lines.len(), expected.len(), "{stderr}");
    for ((line, code), reported) in expected.iter().zip(&lines) {
        assert!(
            reported.starts_with(&format!("{name}:{line}: {code}: ")),
            "expected {name}:{line}: {code}, got {reported}\n{stderr}"
        );
    }
    assert!(lines[2].contains("\"beta\""), "names the holder: {}", lines[2]);
    assert_eq!(env.dump(), before, "a refused import changes nothing");
    // JSON carries the same problems.
    let report = env.json(1, &["import", name]);
    assert_eq!(report["outcome"], "refused");
    assert_eq!(report["problems_total"], 10);
    assert_eq!(report["problems"][0]["line"], 3);
    assert_eq!(report["problems"][0]["code"], "public-suffix");
    assert_eq!(env.dump(), before);
}

#[rstest]
fn domains_of_an_unsecured_account_or_covered_by_another_are_refused(
    #[values(Sqlite, Postgres)] backend: Backend,
) {
    let Some(env) = populated(backend) else {
        return;
    };
    env.ok(&[
        "accounts",
        "add",
        "open",
        "--name",
        "Open",
        "--fax-number",
        "+16502530000",
    ]);
    let csv = format!(
        "{HEADER}open,open.example,false,Jo,2026-11-20\nacme,mail.beta.example,false,Jane,2026-11-20\nacme,acme.example,true,Jane,2026-11-20\nbeta,x.acme.example,false,Ann,2026-11-20\n"
    );
    let file = env.write_file("d.csv", recent(&csv));
    let (_, stderr) = env.code(1, &["import", file.to_str().unwrap()]);
    let lines = problem_lines(&stderr);
    assert!(lines[0].contains(":2: account-not-secured: "), "{stderr}");
    assert!(lines[1].contains(":3: trusted-by-other-account: "), "{stderr}");
    assert!(lines[2].contains(":5: trusted-by-other-account: "), "{stderr}");
    assert_eq!(lines.len(), 3, "{stderr}");
}

#[rstest]
fn a_bad_header_or_an_empty_file_is_reported(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = populated(backend) else {
        return;
    };
    let file = env.write_file("h.csv", recent("domain,account\nacme.example,acme\n"));
    let (_, stderr) = env.code(1, &["import", file.to_str().unwrap()]);
    assert!(
        stderr.contains(":1: invalid-csv: the first line must be the header"),
        "{stderr}"
    );
    let file = env.write_file("e.csv", recent(""));
    let (_, stderr) = env.code(1, &["import", file.to_str().unwrap()]);
    assert!(stderr.contains(":1: invalid-csv: "), "{stderr}");
    let file = env.write_file("d.txt", recent("whatever"));
    let (_, stderr) = env.code(2, &["import", file.to_str().unwrap()]);
    assert!(stderr.contains("--format"), "{stderr}");
    let (_, stderr) = env.code(2, &["import", "/nonexistent/file.csv"]);
    assert!(stderr.contains("cannot read /nonexistent/file.csv"), "{stderr}");
}

#[rstest]
fn the_listing_stops_at_a_hundred_problems_and_counts_the_rest(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = populated(backend) else {
        return;
    };
    let mut csv = HEADER.to_string();
    for n in 0..150 {
        csv.push_str(&format!("acme,bad{n}.co.uk.example..,false,Jane,2026-11-20\n"));
    }
    let file = env.write_file("many.csv", recent(&csv));
    let (_, stderr) = env.code(1, &["import", file.to_str().unwrap()]);
    let lines = problem_lines(&stderr);
    assert_eq!(lines.len(), 101, "{stderr}");
    assert!(lines[0].contains("many.csv:2: invalid-syntax: "), "{}", lines[0]);
    assert!(lines[99].contains("many.csv:101: "), "{}", lines[99]);
    assert!(
        lines[100].ends_with("… and 50 more problem(s) not listed"),
        "{}",
        lines[100]
    );
    let report = env.json(1, &["import", file.to_str().unwrap()]);
    assert_eq!(report["problems"].as_array().unwrap().len(), 100);
    assert_eq!(report["problems_total"], 150);
}

#[rstest]
fn a_document_replaces_the_lists_of_the_accounts_it_names(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = populated(backend) else {
        return;
    };
    recorded_request(&env, "REQ-9", "acme", "approved", &["new.example"]);
    let yaml = r#"version: 1
accounts:
- id: acme
  name: Acme Renamed
  fax_number: "+1 650 253 0001"
  security:
    spoofing_protection: true
    require_tls: true
    whitelist: [198.51.100.0/24]
  users:
  - email: jane.roe@acme.example
    language: fr
  trusted_domains:
  - domain: acme.example
    certified_by: Jane Roe
    certified_on: 2026-11-20
  - domain: new.example
    include_subdomains: true
    certified_by: Jane Roe
    certified_on: 2026-11-25
    request: REQ-9
"#;
    let file = env.write_file("replace.yaml", recent(yaml));
    let dry = env.json(0, &["import", "--dry-run", file.to_str().unwrap()]);
    assert_eq!(dry["outcome"], "checked");
    let before = env.dump();
    assert_eq!(env.dump(), before, "a dry run writes nothing");
    let report = env.json(0, &["import", file.to_str().unwrap()]);
    assert_eq!(
        report["counts"], dry["counts"],
        "the dry run predicted the counts"
    );
    let counts = &report["counts"];
    assert_eq!(counts["accounts"]["updated"], 1);
    assert_eq!(counts["users"]["updated"], 1);
    assert_eq!(counts["users"]["removed"], 1);
    assert_eq!(counts["whitelist"]["unchanged"], 1);
    assert_eq!(counts["whitelist"]["removed"], 1);
    assert_eq!(counts["trusted_domains"]["unchanged"], 1);
    assert_eq!(counts["trusted_domains"]["created"], 1);
    assert_eq!(counts["trusted_domains"]["removed"], 1);
    let acme = env.json(0, &["accounts", "show", "acme"]);
    assert_eq!(acme["name"], "Acme Renamed");
    assert_eq!(acme["fax_number"], "+16502530001");
    assert_eq!(acme["language"], "en", "a key left out keeps the stored value");
    assert_eq!(
        acme["security"]["whitelist"],
        serde_json::json!(["198.51.100.0/24"])
    );
    assert_eq!(acme["users"].as_array().unwrap().len(), 1);
    assert_eq!(acme["users"][0]["language"], "fr");
    let domains: Vec<&str> = acme["trusted_domains"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["domain"].as_str().unwrap())
        .collect();
    assert_eq!(domains, ["acme.example", "new.example"]);
    // beta was not named: untouched.
    assert_eq!(
        env.json(0, &["domains", "list", "beta"])
            .as_array()
            .unwrap()
            .len(),
        1
    );
    env.ok(&["audit", "verify"]);
}

#[rstest]
fn document_problems_are_reported_at_their_lines(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = Env::new(backend) else {
        return;
    };
    let yaml = r#"version: 1
accounts:
- id: acme
  name: Acme
  fax_number: "+1 650"
  language: klingon
  colour: blue
  security: {spoofing_protection: maybe, whitelist: [10.0.0.1/8]}
  users:
  - email: not-an-address
  trusted_domains:
  - domain: gmail.com
    certified_by: Jane
    certified_on: 2026-11-20
- id: Bad_ID
  name: x
- id: fresh
  trusted_domains:
  - {domain: fresh.example, certified_by: Jo, certified_on: 2026-11-20}
- id: acme
  name: Again
"#;
    let file = env.write_file("bad.yaml", recent(yaml));
    let (_, stderr) = env.code(1, &["import", file.to_str().unwrap()]);
    let got: Vec<String> = problem_lines(&stderr)
        .iter()
        .map(|l| {
            let rest = l.split_once(".yaml:").unwrap().1;
            let mut parts = rest.splitn(3, ": ");
            format!("{}:{}", parts.next().unwrap(), parts.next().unwrap())
        })
        .collect();
    assert_eq!(
        got,
        [
            "5:invalid-fax-number",
            "6:invalid-language",
            "7:unknown-field",
            "8:invalid-value",
            "8:invalid-network",
            "10:invalid-email",
            "12:free-mail-provider",
            "12:account-not-secured",
            "15:invalid-account-id",
            "17:missing-field",
            "19:account-not-secured",
            "20:duplicate-account",
        ],
        "{stderr}"
    );
    let json = "{\n  \"version\": 2,\n  \"accounts\": [\n    {\n      \"id\": \"acme\",\n      \"name\": \"A\",\n      \"fax_number\": \"+16502530000\",\n      \"region\": \"mars\"\n    }\n  ]\n}\n";
    let file = env.write_file("bad.json", recent(json));
    let (_, stderr) = env.code(1, &["import", file.to_str().unwrap()]);
    assert!(stderr.contains("bad.json:2: unsupported-version: "), "{stderr}");
    assert!(stderr.contains("bad.json:8: invalid-region: "), "{stderr}");
    let file = env.write_file(
        "broken.json",
        "{\"version\": 1,\n \"accounts\": [\n {\"id\": \"a\",}\n]}\n",
    );
    let (_, stderr) = env.code(1, &["import", file.to_str().unwrap()]);
    assert!(stderr.contains("broken.json:3: invalid-json: "), "{stderr}");
    assert!(!env.store_exists() || env.json(0, &["accounts", "list"]) == serde_json::json!([]));
}

#[rstest]
fn stdin_is_read_with_an_explicit_format(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = populated(backend) else {
        return;
    };
    let csv = format!("{HEADER}acme,piped.example,false,Jane,2026-11-20\n");
    let out = env
        .cmd()
        .args(["-o", "json", "import", "-", "--format", "csv"])
        .write_stdin(csv)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["file"], "<stdin>");
    assert_eq!(report["counts"]["trusted_domains"]["created"], 1);
    let (_, stderr) = env.code(2, &["import", "-"]);
    assert!(stderr.contains("--format"), "{stderr}");
}

#[rstest]
fn export_of_chosen_accounts(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = populated(backend) else {
        return;
    };
    let doc = env.json(0, &["export", "--account", "beta"]);
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["accounts"].as_array().unwrap().len(), 1);
    assert_eq!(doc["accounts"][0]["id"], "beta");
    assert_eq!(
        doc["accounts"][0]["trusted_domains"][0],
        serde_json::json!({"domain": "beta.example", "include_subdomains": true, "certified_by": "Ann O'Neil", "certified_on": day("2026-10-01"), "request": null})
    );
    let keys: Vec<&str> = doc["accounts"][0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys.len(), 9);
    env.code(2, &["export", "--account", "ghost"]);
    let Some(empty) = Env::new(backend) else {
        return;
    };
    assert_eq!(
        empty.json(0, &["export"]),
        serde_json::json!({"version": 1, "accounts": []})
    );
}

/// Starts a large import and kills it with SIGKILL: on SQLite once the moment its commit starts
/// writing the WAL, then (both backends) at fractions of a full run's time. Each time the store is
/// either untouched or complete, passes `PRAGMA integrity_check` (SQLite), and its audit chain verifies.
#[rstest]
fn an_import_killed_midway_leaves_the_store_untouched_or_complete(
    #[values(Sqlite, Postgres)] backend: Backend,
) {
    use std::time::{Duration, Instant};
    const ROWS: usize = 60_000;
    let Some(env) = Env::new(backend) else {
        return;
    };
    env.secured_account("acme");
    recorded_request(&env, "REQ-7", "acme", "approved", &["d000000.example"]);
    let mut csv = HEADER.to_string();
    for n in 0..ROWS {
        let request = if n == 0 { "REQ-7" } else { "" };
        csv.push_str(&format!(
            "acme,d{n:06}.example,false,Jane Roe,2026-11-20,{request}\n"
        ));
    }
    let file = env.write_file("big.csv", recent(&csv));
    let before = env.dump();
    let start_import = || {
        std::process::Command::new(assert_cmd::cargo::cargo_bin("xmfax"))
            .env("XMFAX_DB", env.store())
            .env("XMFAX_AGENT", "test-agent")
            .args(["import", file.to_str().unwrap()])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap()
    };
    // How long a whole import takes here, measured on the store and then undone.
    let untouched = env.snapshot();
    let started = Instant::now();
    env.ok(&["import", file.to_str().unwrap()]);
    let full = started.elapsed();
    env.restore(&untouched);

    let wal = env.db.with_extension("db-wal");
    let wal_size = || std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0);
    let check = |what: &str| -> bool {
        if backend == Sqlite {
            let integrity: String = env
                .sql()
                .query_row("PRAGMA integrity_check", [], |r| r.get(0))
                .unwrap();
            assert_eq!(integrity, "ok", "{what}");
        }
        let count = env.query_i64("SELECT count(*) FROM trusted_domains") as usize;
        env.ok(&["audit", "verify"]);
        if count == 0 {
            assert_eq!(env.dump(), before, "{what}: neither untouched nor complete");
            false
        } else {
            assert_eq!(count, ROWS, "{what}: neither untouched nor complete");
            true
        }
    };

    // 1. Killed while the transaction's pages are being written to the WAL.
    if backend == Sqlite {
        let base = wal_size();
        let mut child = start_import();
        while wal_size() <= base + 32 * 1024 && child.try_wait().unwrap().is_none() {
            std::thread::sleep(Duration::from_micros(200));
        }
        assert!(
            child.try_wait().unwrap().is_none(),
            "the import finished before it could be killed while writing"
        );
        child.kill().unwrap();
        child.wait().unwrap();
        assert!(
            !check("killed while writing the WAL"),
            "the commit cannot have completed"
        );
    }

    // 2. Killed at fractions of a whole run.
    for percent in [20, 50, 80, 95] {
        let mut child = start_import();
        std::thread::sleep(full * percent / 100);
        child.kill().unwrap();
        child.wait().unwrap();
        if check(&format!("killed at {percent}%")) {
            return;
        }
    }
    // 3. Left alone, the same import completes.
    env.ok(&["import", file.to_str().unwrap()]);
    assert!(check("completed"));
}

#[rstest]
fn a_request_reference_must_be_an_approved_request_of_the_same_account(
    #[values(Sqlite, Postgres)] backend: Backend,
) {
    let Some(env) = populated(backend) else {
        return;
    };
    recorded_request(
        &env,
        "REQ-ACME",
        "acme",
        "approved",
        &["one.example", "two.example"],
    );
    recorded_request(&env, "REQ-BETA", "beta", "approved", &["two.example"]);
    recorded_request(&env, "REQ-NO", "acme", "refused", &["three.example"]);
    let csv = format!(
        "{HEADER}acme,one.example,false,Jane Roe,2026-11-21,REQ-ACME\n\
         acme,two.example,false,Jane Roe,2026-11-21,REQ-BETA\n\
         acme,three.example,false,Jane Roe,2026-11-21,REQ-NO\n\
         acme,four.example,false,Jane Roe,2026-11-21,REQ-MISSING\n\
         acme,five.example,false,Jane Roe,2026-11-21,REQ-ACME\n\
         acme,2019.example,false,Jane Roe,2019-06-01,\n\
         acme,future.example,false,Jane Roe,2999-01-01,\n"
    );
    let file = env.write_file("requests.csv", recent(&csv));
    let before = env.dump();
    let (_, stderr) = env.code(1, &["import", file.to_str().unwrap()]);
    let name = file.to_str().unwrap();
    let lines = problem_lines(&stderr);
    let expected = [
        (3, "request-other-account"),
        (4, "request-not-approved"),
        (5, "request-unknown"),
        (6, "not-on-request"),
        (7, "certification-expired"),
        (8, "certification-in-future"),
    ];
    assert_eq!(lines.len(), expected.len(), "{stderr}");
    for (line, (at, code)) in lines.iter().zip(expected) {
        assert!(line.starts_with(&format!("{name}:{at}: {code}: ")), "{line}");
        assert!(
            !line.contains("--certified") && !line.contains("--request"),
            "CSV messages name columns, not options: {line}"
        );
    }
    assert!(lines[4].contains("certified_on"), "{}", lines[4]);
    assert!(
        lines[3].contains("REQ-ACME") && lines[3].contains("five.example"),
        "{}",
        lines[3]
    );
    assert_eq!(env.dump(), before, "a refused import changes nothing");
    let yaml = "version: 1\naccounts:\n- id: acme\n  trusted_domains:\n  - domain: acme.example\n    certified_by: Jane Roe\n    certified_on: 2026-11-20\n  - domain: new.example\n    certified_by: Jane Roe\n    certified_on: 2026-11-20\n    request: REQ-BETA\n";
    let file = env.write_file("requests.yaml", recent(yaml));
    let (_, stderr) = env.code(1, &["import", file.to_str().unwrap()]);
    assert!(
        stderr.contains(":8: request-other-account: request \"REQ-BETA\" was made for account \"beta\""),
        "{stderr}"
    );
    let json = r#"{"version": 1, "accounts": [{"id": "acme", "trusted_domains": [
        {"domain": "acme.example", "include_subdomains": true, "certified_by": "Jane Roe", "certified_on": "2026-11-20", "request": "REQ-ACME"}]}]}"#;
    let file = env.write_file("requests.json", recent(json));
    let (_, stderr) = env.code(1, &["import", file.to_str().unwrap()]);
    assert!(stderr.contains(": not-on-request: "), "{stderr}");
    assert_eq!(env.dump(), before);
    // A form's domains, imported with it as their certification.
    let csv = format!("{HEADER}acme,one.example,false,Jane Roe,2026-11-21,REQ-ACME\n");
    let file = env.write_file("approved.csv", recent(&csv));
    assert_eq!(
        env.json(0, &["import", file.to_str().unwrap()])["outcome"],
        "imported"
    );
}

#[rstest]
fn a_certifier_name_that_is_too_long_or_has_control_characters_is_refused(
    #[values(Sqlite, Postgres)] backend: Backend,
) {
    let Some(env) = populated(backend) else {
        return;
    };
    let csv = format!(
        "{HEADER}acme,one.example,false,{},2026-11-21\nacme,two.example,false,Jane\u{7}Roe,2026-11-21\n",
        "x".repeat(5000)
    );
    let file = env.write_file("certifiers.csv", recent(&csv));
    let before = env.dump();
    let (_, stderr) = env.code(1, &["import", file.to_str().unwrap()]);
    let name = file.to_str().unwrap();
    assert_eq!(
        problem_lines(&stderr),
        [
            format!(
                "{name}:2: no-certification: the certifier's name has 5000 characters: at most 200 are allowed"
            ),
            format!(
                "{name}:3: no-certification: the certifier's name contains the invisible or control character \\u{{7}}"
            ),
        ]
    );
    assert_eq!(env.dump(), before, "a refused import changes nothing");
}

/// A store with a bit of everything `store copy` must carry: accounts, users, networks, domains,
/// an approved and a refused request, and an import record.
fn populated_for_copy(backend: Backend) -> Option<Env> {
    let env = populated(backend)?;
    recorded_request(&env, "REQ-7", "acme", "approved", &["mail.acme-corp.example"]);
    recorded_request(&env, "REQ-8", "beta", "refused", &["refused.example"]);
    let csv = format!("{HEADER}acme,Mail.ACME-Corp.example.,yes,Jane Roe,2026-11-21,REQ-7\n");
    let file = env.write_file("domains.csv", recent(&csv));
    env.ok(&["import", file.to_str().unwrap()]);
    Some(env)
}

/// What must come out of a copy exactly as it went in, command by command.
fn observable(env: &Env) -> Vec<(String, String)> {
    [
        &["export"][..],
        &["-o", "json", "audit", "log"],
        &["-o", "json", "audit", "head"],
        &["-o", "json", "requests", "list"],
        &["-o", "json", "requests", "show", "REQ-7"],
        &["-o", "json", "accounts", "list"],
        &["-o", "json", "accounts", "show", "acme"],
        &["-o", "json", "domains", "list"],
        &["-o", "json", "sender", "test", "jane.roe@acme.example"],
    ]
    .iter()
    .map(|args| {
        let out = env.cmd().args(*args).output().unwrap();
        let shown = format!(
            "exit {:?}\n{}{}",
            out.status.code(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        (args.join(" "), shown)
    })
    .collect()
}

/// Moving up and back: SQLite → PostgreSQL → SQLite, with `export` byte-identical and the audit
/// chain, requests and import records intact and verified on each copy.
#[test]
fn store_copy_round_trips_sqlite_to_postgres_and_back() {
    let Some(team) = Env::new(Postgres) else {
        return;
    };
    let laptop = populated_for_copy(Sqlite).expect("SQLite");
    let to_team = team.store();
    let report = laptop.json(0, &["store", "copy", "--to", to_team.to_str().unwrap()]);
    assert_eq!(report["copied"], true, "{report}");
    assert_eq!(report["verify"]["passed"], true, "{report}");
    let back = Env::sqlite();
    let report = back.json(
        0,
        &[
            "store",
            "copy",
            "--from",
            to_team.to_str().unwrap(),
            "--to",
            back.db.to_str().unwrap(),
        ],
    );
    assert_eq!(report["copied"], true, "{report}");
    let original = observable(&laptop);
    for (command, shown) in &original {
        assert!(
            shown.starts_with("exit Some(0)") || command.starts_with("-o json sender"),
            "xmfax {command} on the original: {shown}"
        );
    }
    for (copy, name) in [(&team, "PostgreSQL"), (&back, "SQLite again")] {
        for ((command, want), (_, got)) in original.iter().zip(observable(copy)) {
            assert_eq!(&got, want, "{name}: xmfax {command}");
        }
        let verify = copy.json(0, &["audit", "verify"]);
        assert_eq!(verify["passed"], true, "{name}: {verify}");
    }
    // The team's store carries on from the copied chain.
    team.ok(&["users", "add", "acme", "new@acme.example"]);
    team.ok(&["audit", "verify"]);
}

/// `store copy` never writes into a store that has anything in it, on either backend, and leaves
/// a foreign database as it was.
#[rstest]
fn store_copy_refuses_a_destination_that_is_not_empty(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(target) = Env::new(backend) else {
        return;
    };
    let source = populated_for_copy(Sqlite).expect("SQLite");
    target.secured_account("other");
    let before = target.dump();
    let to = target.store();
    let (_, stderr) = source.code(2, &["store", "copy", "--to", to.to_str().unwrap()]);
    assert!(stderr.contains("not empty"), "{stderr}");
    assert_eq!(target.dump(), before, "the destination changed");
    if backend == Postgres {
        let Some(foreign) = Env::new(Postgres) else {
            return;
        };
        foreign.execute("CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup');");
        let before = foreign.dump();
        let to = foreign.store();
        let out = source
            .cmd()
            .args(["store", "copy", "--to", to.to_str().unwrap()])
            .output()
            .unwrap();
        assert_ne!(out.status.code(), Some(0), "copied into a foreign database");
        assert_eq!(foreign.dump(), before, "the foreign database changed");
    }
    // The same store as source and destination is refused, whatever its backend.
    let (_, stderr) = target.code(2, &["store", "copy", "--to", to.to_str().unwrap()]);
    assert!(stderr.contains("same store"), "{stderr}");
}

#[test]
fn moving_the_fixed_dates_moves_each_date_once() {
    let text = "2026-11-20 2026-11-21 2026-11-25 2026-13-40";
    let expected = format!(
        "{} {} {} 2026-13-40",
        day("2026-11-20"),
        day("2026-11-21"),
        day("2026-11-25")
    );
    assert_eq!(String::from_utf8(recent(text)).unwrap(), expected);
}
