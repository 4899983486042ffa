//! The PostgreSQL schema keeps the rule SQLite's foreign key keeps: no trusted domain without its
//! account. On PostgreSQL statement triggers keep it (a per-row key made a large import's COPY half
//! as slow again), so a raw writer that goes around xmfax meets the same refusals. The audit
//! trail's triggers hold in replica mode, and a store is only created in a UTF-8 database.

use super::common::{Env, Postgres, READ_CHECK_WRITE, days_ago};
use super::pg;

/// A store with two secured accounts; `acme` holds two trusted domains, `beta` none.
fn store() -> Option<Env> {
    let env = Env::new(Postgres)?;
    env.secured_account("acme");
    env.secured_account("beta");
    env.ok(&[
        "domains",
        "add",
        "acme",
        "acme.example",
        "bücher.example",
        "--certified-by",
        "Jane Roe",
        "--certified-on",
        &days_ago(10),
    ]);
    Some(env)
}

/// Runs `sql` as the store's owner and returns the SQLSTATE of its refusal; panics if it ran.
fn refusal(env: &Env, sql: &str) -> String {
    match env.pg_client().batch_execute(sql) {
        Ok(()) => panic!("the schema allowed: {sql}"),
        Err(e) => e
            .code()
            .map_or_else(|| format!("no SQLSTATE: {e}"), |code| code.code().to_string()),
    }
}

const INSERT: &str =
    "INSERT INTO trusted_domains (domain, account_id, include_subdomains, added_by, added_at)";

#[test]
fn a_domain_needs_an_account_that_exists() {
    let Some(env) = store() else {
        return;
    };
    let before = env.dump();
    for sql in [
        format!("{INSERT} VALUES ('ghost.example', 'ghost', 0, 'psql', 'now')"),
        // One row without its account refuses the whole statement, whatever the others.
        format!(
            "{INSERT} VALUES ('fine.example', 'beta', 0, 'psql', 'now'), ('ghost.example', 'ghost', 0, 'psql', 'now'),
                             ('also-fine.example', 'acme', 0, 'psql', 'now')"
        ),
        "UPDATE trusted_domains SET account_id = 'ghost' WHERE domain = 'acme.example'".into(),
        // An account that holds domains keeps its ID, and TRUNCATE (which fires no DELETE
        // trigger) would leave its domains behind.
        "UPDATE accounts SET id = 'acme-renamed' WHERE id = 'acme'".into(),
        "TRUNCATE accounts CASCADE".into(),
        // A temporary table found first on the search path does not stand in for the accounts:
        // the trigger functions run with the store's schema pinned, pg_temp last.
        format!(
            "CREATE TEMPORARY TABLE accounts (id TEXT PRIMARY KEY);
             INSERT INTO pg_temp.accounts VALUES ('ghost');
             SET search_path = pg_temp, public;
             {INSERT} VALUES ('ghost.example', 'ghost', 0, 'psql', 'now')"
        ),
    ] {
        assert_eq!(refusal(&env, &sql), "23503", "{sql}");
    }
    assert_eq!(env.dump(), before, "a refused statement changes nothing");

    // What the rule allows: many rows of existing accounts in one statement, and renaming an
    // account that holds no domain.
    env.execute(&format!(
        "{INSERT} VALUES ('fine.example', 'beta', 0, 'psql', 'now'), ('also-fine.example', 'acme', 0, 'psql', 'now'),
                         ('third.example', 'beta', 0, 'psql', 'now')"
    ));
    env.execute("UPDATE trusted_domains SET account_id = 'acme' WHERE domain = 'third.example'");
    env.secured_account("gamma");
    env.execute("UPDATE accounts SET id = 'delta' WHERE id = 'gamma'");
}

#[test]
fn removing_an_account_removes_its_domains() {
    let Some(env) = store() else {
        return;
    };
    env.execute("DELETE FROM accounts WHERE id = 'acme'");
    assert_eq!(
        env.query_i64("SELECT count(*) FROM trusted_domains WHERE account_id = 'acme'"),
        0
    );
    assert_eq!(env.query_i64("SELECT count(*) FROM accounts"), 1);
}

#[test]
fn the_audit_trail_stays_append_only_in_replica_mode() {
    let Some(env) = store() else {
        return;
    };
    let before = env.dump();
    // `replica` skips ordinary triggers; the audit's are ENABLE ALWAYS. Only a superuser may set
    // it, which the test's connection is.
    for statement in [
        "UPDATE audit SET agent = 'someone else'",
        "DELETE FROM audit",
        "TRUNCATE audit",
    ] {
        let sql = format!("SET session_replication_role = replica; {statement}");
        assert_eq!(refusal(&env, &sql), "42501", "{sql}");
    }
    assert_eq!(env.dump(), before);
}

#[test]
fn a_database_that_is_not_utf8_gets_no_store() {
    let Some(env) = Env::new(Postgres) else {
        return;
    };
    let name = format!("{}_latin1", env.database_name());
    let server = pg::server().expect("server");
    server
        .admin()
        .batch_execute(&format!(
            "CREATE DATABASE {name} ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0"
        ))
        .expect("create a LATIN1 database");
    let url = pg::with_database(&env.store().to_string_lossy(), &name);
    let latin1 = env.as_url(&url);
    let (_, stderr) = latin1.code(2, READ_CHECK_WRITE[2]);
    assert!(
        stderr.contains("encoding is LATIN1") && stderr.contains("needs UTF8"),
        "{stderr}"
    );
    let tables: i64 = pg::connect(&url)
        .query_one(
            "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = 'public'",
            &[],
        )
        .expect("count")
        .get(0);
    assert_eq!(tables, 0, "the database was left untouched");
    let _ = server.admin().batch_execute(&format!("DROP DATABASE {name}"));
}

/// A login role of its own for a test (cluster-wide, so each test names its own), with the store's
/// tables readable and writable as an agent's would be, and no setting left from an earlier run.
fn login_with_table_rights(env: &Env, role: &str) -> String {
    env.execute(&format!(
        "DO $$ BEGIN
           IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{role}') THEN
             CREATE ROLE {role} LOGIN;
           END IF;
         END $$;
         GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role};
         GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role};"
    ));
    pg::server()
        .expect("server")
        .url_as(env.database_name(), role, None)
}

/// `url` with `param` added to its query string.
fn with_param(url: &str, param: &str) -> String {
    let separator = if url.contains('?') { '&' } else { '?' };
    format!("{url}{separator}{param}")
}

/// The tables (and views) of a schema.
fn tables_in(env: &Env, schema: &str) -> i64 {
    env.query_i64(&format!(
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = '{schema}'"
    ))
}

#[test]
fn a_schema_of_the_login_s_own_does_not_hide_the_store_or_get_a_second_one() {
    let Some(env) = store() else {
        return;
    };
    const BOB: &str = "xmfax_test_bob";
    let url = login_with_table_rights(&env, BOB);
    // What a DBA does for a user: PostgreSQL's default search_path, "$user", public, then finds it first.
    env.execute(&format!("CREATE SCHEMA {BOB} AUTHORIZATION {BOB}"));
    let bob = env.as_url(&url);
    let before = env.dump();
    for args in READ_CHECK_WRITE {
        let (stdout, stderr) = bob.code(2, args);
        assert!(stdout.is_empty(), "{args:?}: {stdout}");
        assert!(
            stderr.contains(&format!(
                "current schema, where xmfax reads and creates its tables, is schema {BOB}"
            )) && stderr.contains("schema public (on the connection's search_path) holds one"),
            "{args:?}: {stderr}"
        );
        assert!(
            stderr.contains(&format!("ALTER ROLE {BOB} SET search_path = public"))
                && stderr.contains("the parameter options=-c%20search_path%3Dpublic"),
            "{stderr}"
        );
        assert!(!stderr.contains("no store at"), "{stderr}");
    }
    assert_eq!(
        tables_in(&env, BOB),
        0,
        "a second store was created in schema {BOB}"
    );
    assert_eq!(env.dump(), before);
    // Either fix the hint gives works: the URL's options, or the role's setting (here for this database).
    let pinned = env.as_url(&with_param(&url, "options=-c%20search_path%3Dpublic"));
    let accounts = pinned.json(0, &["accounts", "list"]);
    assert_eq!(accounts.as_array().map(Vec::len), Some(2), "{accounts}");
    pinned.ok(&["audit", "verify"]);
    env.execute(&format!(
        "ALTER ROLE {BOB} IN DATABASE {} SET search_path = public",
        env.database_name()
    ));
    let accounts = bob.json(0, &["accounts", "list"]);
    assert_eq!(accounts.as_array().map(Vec::len), Some(2), "{accounts}");
}

#[test]
fn a_store_in_a_schema_off_the_search_path_is_refused_too_but_another_copy_beside_one_is_not() {
    let Some(env) = Env::new(Postgres) else {
        return;
    };
    // The team's store lives in schema `team`, which the owner's URL pins; `public` stays empty.
    env.execute("CREATE SCHEMA team");
    let owner = env.as_url(&with_param(
        &env.store().to_string_lossy(),
        "options=-c%20search_path%3Dteam",
    ));
    owner.secured_account("acme");
    assert_eq!(tables_in(&env, "public"), 0);
    let (_, stderr) = env.code(2, &["accounts", "list"]);
    assert!(
        stderr.contains("is schema public, which holds no xmfax store, but schema team (not on the connection's search_path) holds one"),
        "{stderr}"
    );
    env.code(2, READ_CHECK_WRITE[2]);
    env.code(
        2,
        &[
            "store",
            "copy",
            "--from",
            &owner.store().to_string_lossy(),
            "--to",
            &env.store().to_string_lossy(),
        ],
    );
    assert_eq!(
        tables_in(&env, "public"),
        0,
        "a second store was created in schema public"
    );

    // Another application's table of the same name is no xmfax store: it does not stand in the way.
    let other = Env::new(Postgres).expect("server");
    other.execute(
        "CREATE SCHEMA elsewhere;
         CREATE TABLE elsewhere.xmfax_meta (name TEXT PRIMARY KEY, value TEXT);
         INSERT INTO elsewhere.xmfax_meta VALUES ('application', 'something-else');",
    );
    other.ok(&["accounts", "list"]);
    other.secured_account("acme");
    // With a store in the current schema, a copy in another schema changes nothing: the current one is used.
    other.execute("UPDATE elsewhere.xmfax_meta SET value = 'xmfax'");
    let accounts = other.json(0, &["accounts", "list"]);
    assert_eq!(accounts[0]["id"], "acme", "{accounts}");
    other.ok(&["audit", "verify"]);
    other.ok(&["users", "add", "acme", "jane@acme.example"]);
    assert_eq!(tables_in(&other, "elsewhere"), 1);
}
