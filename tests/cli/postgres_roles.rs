//! Least privilege on PostgreSQL: `sql/postgres-roles.sql` applied to a migrated store gives the email
//! gateway read-only views and nothing else, and lets agents work through xmfax without being able
//! to rewrite the audit trail or change the schema. The audit trigger refuses even the owner.

use super::common::{Env, Postgres, READ_CHECK_WRITE};
use super::pg;
use std::sync::Mutex;

/// Roles are cluster-wide: tests that create them take turns.
static ROLES: Mutex<()> = Mutex::new(());

const AGENT: &str = "xmfax_test_alice";
const GATEWAY: &str = "xmfax_test_mailgw";

fn roles_file() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sql/postgres-roles.sql")
}

/// Applies the roles file to the store's database as its owner, with psql as a DBA would.
fn apply_roles(env: &Env) {
    let out = pg::server()
        .expect("server")
        .psql(env.database_name())
        .arg("-f")
        .arg(roles_file())
        .output()
        .expect("psql runs");
    assert!(
        out.status.success(),
        "psql -f sql/postgres-roles.sql failed ({}):\n{}{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Applies the roles SQL as an xmfax installed without its sources would: `xmfax store roles-sql`
/// piped to psql (`-f -`).
fn apply_roles_piped(env: &Env) {
    use std::io::Write;
    let sql = env.ok(&["store", "roles-sql"]);
    let mut psql = pg::server()
        .expect("server")
        .psql(env.database_name())
        .arg("-f")
        .arg("-")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("psql runs");
    psql.stdin
        .take()
        .expect("psql's stdin")
        .write_all(sql.as_bytes())
        .expect("SQL written to psql");
    let out = psql.wait_with_output().expect("psql ends");
    assert!(
        out.status.success(),
        "xmfax store roles-sql | psql -f - failed ({}):\n{}{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A store with data in every table the gateway reads, the roles applied (twice, from the file and
/// from `xmfax store roles-sql`: it is re-runnable), and one login role in each group.
fn store_with_roles() -> Option<(Env, std::sync::MutexGuard<'static, ()>)> {
    let env = Env::new(Postgres)?;
    let guard = ROLES.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    env.secured_account("acme");
    env.ok(&["users", "add", "acme", "jane@acme.example"]);
    env.ok(&["security", "whitelist", "add", "acme", "198.18.7.0/24"]);
    env.ok(&[
        "domains",
        "add",
        "acme",
        "acme.example",
        "--certified-by",
        "Jane Roe",
        "--certified-on",
        super::common::today(),
    ]);
    apply_roles(&env);
    apply_roles_piped(&env);
    env.execute(&format!(
        "DO $$ BEGIN
           IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{AGENT}') THEN
             CREATE ROLE {AGENT} LOGIN;
           END IF;
           IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{GATEWAY}') THEN
             CREATE ROLE {GATEWAY} LOGIN;
           END IF;
         END $$;
         GRANT xmfax_agent TO {AGENT};
         GRANT xmfax_gateway TO {GATEWAY};"
    ));
    Some((env, guard))
}

fn url_for(env: &Env, role: &str) -> String {
    pg::server()
        .expect("server")
        .url_as(env.database_name(), role, None)
}

/// Runs `sql` as `role` and returns the server's refusal; panics if it was allowed.
fn refused(env: &Env, role: &str, sql: &str) -> String {
    let mut client = pg::connect(&url_for(env, role));
    match client.batch_execute(sql) {
        Ok(()) => panic!("{role} was allowed to run: {sql}"),
        Err(e) => {
            let text = e
                .as_db_error()
                .map_or_else(|| e.to_string(), |db| db.message().to_string());
            assert!(!text.is_empty(), "{role}: {sql}: refused without a message");
            text
        }
    }
}

#[test]
fn the_gateway_reads_its_views_and_cannot_write_anything() {
    let Some((env, _roles)) = store_with_roles() else {
        return;
    };
    let mut gateway = pg::connect(&url_for(&env, GATEWAY));
    let domains = gateway
        .query(
            "SELECT domain, account_id, certified, spoofing_protection FROM gateway_trusted_domains",
            &[],
        )
        .expect("the gateway reads its trusted domains");
    assert_eq!(domains.len(), 1);
    assert_eq!(domains[0].get::<_, String>(0), "acme.example");
    assert_eq!(domains[0].get::<_, String>(1), "acme");
    assert!(domains[0].get::<_, bool>(2), "certified");
    assert!(domains[0].get::<_, bool>(3), "spoofing protection");
    for (view, rows) in [
        ("gateway_accounts", 1),
        ("gateway_users", 1),
        ("gateway_whitelist", 1),
        ("gateway_trusted_domains", 1),
    ] {
        let found = gateway
            .query(&format!("SELECT * FROM {view}"), &[])
            .unwrap_or_else(|e| panic!("the gateway cannot read {view}: {e}"));
        assert_eq!(found.len(), rows, "{view}");
    }
    drop(gateway);
    let before = env.dump();
    let tables: Vec<String> = env
        .query(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() \
             ORDER BY table_name",
        )
        .concat();
    assert!(tables.contains(&"audit".to_string()), "{tables:?}");
    for table in &tables {
        for sql in [
            format!("INSERT INTO {table} DEFAULT VALUES"),
            format!(
                "UPDATE {table} SET {} = {}",
                first_column(&env, table),
                first_column(&env, table)
            ),
            format!("DELETE FROM {table}"),
        ] {
            let why = refused(&env, GATEWAY, &sql);
            // A view joining tables is not updatable at all; the privilege check below holds for it.
            assert!(
                why.contains("permission denied") || table.starts_with("gateway_"),
                "{sql}: {why}"
            );
        }
        for privilege in ["INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER"] {
            assert_eq!(
                env.query_string(&format!(
                    "SELECT has_table_privilege('{GATEWAY}', '{table}', '{privilege}')::text"
                )),
                "false",
                "the gateway holds {privilege} on {table}"
            );
        }
    }
    for table in [
        "accounts",
        "users",
        "trusted_domains",
        "whitelist",
        "audit",
        "requests",
    ] {
        let why = refused(&env, GATEWAY, &format!("SELECT * FROM {table}"));
        assert!(why.contains("permission denied"), "{table}: {why}");
    }
    let why = refused(&env, GATEWAY, "CREATE TABLE mine (x BIGINT)");
    assert!(why.contains("permission denied"), "{why}");
    let why = refused(&env, GATEWAY, "TRUNCATE trusted_domains");
    assert!(why.contains("permission denied"), "{why}");
    let why = refused(&env, GATEWAY, "CREATE TEMPORARY TABLE mine (x BIGINT)");
    assert!(why.contains("permission denied"), "{why}");
    assert_eq!(env.dump(), before, "the gateway changed the store");
}

fn first_column(env: &Env, table: &str) -> String {
    env.query_string(&format!(
        "SELECT column_name FROM information_schema.columns \
         WHERE table_schema = current_schema() AND table_name = '{table}' AND ordinal_position = 1"
    ))
}

#[test]
fn agents_work_through_xmfax_but_cannot_rewrite_the_audit_trail_or_the_schema() {
    let Some((env, _roles)) = store_with_roles() else {
        return;
    };
    let agent = env.as_url(&url_for(&env, AGENT));
    agent.ok(&[
        "accounts",
        "add",
        "beta",
        "--name",
        "Beta",
        "--fax-number",
        "+16502530001",
    ]);
    agent.ok(&["security", "set", "beta", "--spoofing-protection", "on"]);
    agent.ok(&["users", "add", "beta", "bob@beta.example"]);
    agent.ok(&[
        "domains",
        "add",
        "beta",
        "beta.example",
        "--certified-by",
        "Bob Roe",
        "--certified-on",
        super::common::today(),
    ]);
    agent.ok(&["domains", "remove", "acme", "acme.example", "--yes"]);
    let log = agent.json(0, &["audit", "log", "--limit", "1"]);
    assert_eq!(log[0]["action"], "domains.remove", "{log}");
    agent.ok(&["audit", "verify"]);
    let rows = env.query_i64("SELECT count(*) FROM audit");
    let before = env.dump();
    for sql in [
        "UPDATE audit SET agent = 'mallory' WHERE seq = 1",
        "DELETE FROM audit",
        "DELETE FROM audit WHERE seq = (SELECT max(seq) FROM audit)",
        "TRUNCATE audit",
        "ALTER TABLE audit DISABLE TRIGGER audit_append_only",
        "DROP TRIGGER audit_append_only ON audit",
        "DROP TABLE audit",
        "UPDATE xmfax_meta SET value = '1' WHERE name = 'schema_version'",
        "CREATE TABLE mine (x BIGINT)",
        "CREATE VIEW mine AS SELECT 1 AS x",
        "ALTER TABLE accounts ADD COLUMN note TEXT",
        "SELECT * FROM gateway_trusted_domains",
    ] {
        refused(&env, AGENT, sql);
    }
    for sql in [
        "CREATE TEMPORARY TABLE accounts (id TEXT)",
        "CREATE TEMP TABLE mine AS SELECT 1 AS x",
    ] {
        let why = refused(&env, AGENT, sql);
        assert!(why.contains("permission denied"), "{sql}: {why}");
    }
    for role in ["public", "xmfax_agent", "xmfax_gateway", AGENT, GATEWAY] {
        assert_eq!(
            env.query_string(&format!(
                "SELECT has_database_privilege('{role}', current_database(), 'TEMPORARY')::text"
            )),
            "false",
            "{role} may create temporary tables"
        );
    }
    assert_eq!(env.dump(), before, "an agent changed the store with SQL");
    assert_eq!(env.query_i64("SELECT count(*) FROM audit"), rows);
    env.ok(&["audit", "verify"]);
}

#[test]
fn the_audit_trail_refuses_update_delete_and_truncate_even_for_the_owner() {
    let Some(env) = Env::new(Postgres) else {
        return;
    };
    env.secured_account("acme");
    let before = env.dump();
    for sql in [
        "UPDATE audit SET agent = 'mallory' WHERE seq = 1",
        "DELETE FROM audit WHERE seq = 2",
        "TRUNCATE audit",
    ] {
        let error = env.pg_client().batch_execute(sql).err();
        assert!(error.is_some(), "the owner was allowed to run: {sql}");
    }
    assert_eq!(env.dump(), before);
    env.ok(&["audit", "verify"]);
}

#[test]
fn the_roles_file_refuses_a_database_that_is_not_an_xmfax_store() {
    let Some(env) = Env::new(Postgres) else {
        return;
    };
    let _roles = ROLES.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    env.execute("CREATE TABLE recipes (name TEXT)");
    let out = pg::server()
        .expect("server")
        .psql(env.database_name())
        .arg("-f")
        .arg(roles_file())
        .output()
        .expect("psql runs");
    assert!(
        !out.status.success(),
        "the roles file granted on a foreign database"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("no xmfax store"), "{stderr}");
    assert_eq!(
        env.query_string(
            "SELECT count(*) FROM information_schema.views WHERE table_schema = current_schema()"
        ),
        "0"
    );
}

#[test]
fn store_roles_sql_prints_the_roles_file_byte_for_byte() {
    let env = Env::sqlite();
    let printed = env.cmd().args(["store", "roles-sql"]).output().expect("run");
    assert_eq!(printed.status.code(), Some(0));
    let file = std::fs::read(roles_file()).expect("sql/postgres-roles.sql");
    assert!(
        printed.stdout == file,
        "the printed SQL differs from sql/postgres-roles.sql"
    );
    // The SQL, not a rendering of it, whatever --output says; and no store is created.
    let json = env
        .cmd()
        .args(["-o", "json", "store", "roles-sql"])
        .output()
        .expect("run");
    assert!(json.stdout == file);
    assert!(!env.store_exists(), "printing the roles SQL created a store");
}

#[test]
fn the_gateway_login_is_told_to_use_an_agent_login() {
    let Some((env, _roles)) = store_with_roles() else {
        return;
    };
    let gateway = env.as_url(&url_for(&env, GATEWAY));
    let before = env.dump();
    for args in READ_CHECK_WRITE {
        let (_, stderr) = gateway.code(2, args);
        assert!(
            stderr.contains(&format!("role {GATEWAY}")) && stderr.contains("member of xmfax_gateway"),
            "{args:?}: {stderr}"
        );
        assert!(
            stderr.contains("gateway_* views") && stderr.contains("agent's login"),
            "{stderr}"
        );
        assert!(!stderr.contains("permission denied for table"), "{stderr}");
    }
    assert_eq!(env.dump(), before);
}

#[test]
fn a_login_without_the_agents_role_is_told_what_to_grant() {
    let Some((env, _roles)) = store_with_roles() else {
        return;
    };
    env.execute(
        "DO $$ BEGIN
           IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'xmfax_test_nobody') THEN
             CREATE ROLE xmfax_test_nobody LOGIN;
           END IF;
         END $$;",
    );
    let nobody = env.as_url(&url_for(&env, "xmfax_test_nobody"));
    let (_, stderr) = nobody.code(2, &["accounts", "list"]);
    assert!(
        stderr.contains("role xmfax_test_nobody")
            && stderr.contains("GRANT xmfax_agent TO xmfax_test_nobody"),
        "{stderr}"
    );
}

#[test]
fn an_agent_cannot_create_the_store_and_is_told_the_owner_does() {
    let Some(env) = Env::new(Postgres) else {
        return;
    };
    let _roles = ROLES.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    env.execute(&format!(
        "DO $$ BEGIN
           IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{AGENT}') THEN
             CREATE ROLE {AGENT} LOGIN;
           END IF;
         END $$;"
    ));
    let agent = env.as_url(&url_for(&env, AGENT));
    let (_, stderr) = agent.code(2, READ_CHECK_WRITE[2]);
    assert!(
        stderr.contains(&format!("role {AGENT}"))
            && stderr.contains("may not create its tables")
            && stderr.contains("owner creates the store first"),
        "{stderr}"
    );
    assert!(!stderr.contains("migration 5 failed"), "{stderr}");
    assert!(
        !env.store_exists(),
        "the agent's refused first change left tables behind"
    );
    // Reading an empty database is no error: there is nothing to read yet.
    agent.ok(&["accounts", "list"]);
}

#[test]
fn an_agent_cannot_upgrade_the_store_and_is_told_the_owner_does() {
    let Some((env, _roles)) = store_with_roles() else {
        return;
    };
    // A store as an older xmfax left it, as far as its version says: the next xmfax migrates it.
    env.execute("UPDATE xmfax_meta SET value = '4' WHERE name = 'schema_version'");
    let before = env.dump();
    let agent = env.as_url(&url_for(&env, AGENT));
    let (_, stderr) = agent.code(2, &["accounts", "list"]);
    assert!(
        stderr.contains("needs an upgrade (schema version 4 to 5)")
            && stderr.contains(&format!("role {AGENT}"))
            && stderr.contains("owner runs xmfax once"),
        "{stderr}"
    );
    assert_eq!(env.dump(), before, "the refused upgrade changed the store");
}
