//! PostgreSQL: a store in another schema than the one xmfax would use, and logins that lack the
//! privileges a command needs, explained in words instead of the server's bare refusal.

use super::sql::Conn;
use anyhow::{Result, anyhow};

/// Schemas other than the current one that hold a table `xmfax_meta`, those on the connection's
/// `search_path` first; with the current schema and role. One catalog query, run only when the
/// current schema holds no store (other sessions' temporary schemas are not looked at).
const TABLES_ELSEWHERE: &str = "SELECT quote_ident(n.nspname), n.nspname = ANY (current_schemas(false)),
        has_schema_privilege(n.oid, 'USAGE') AND has_table_privilege(c.oid, 'SELECT'),
        coalesce(quote_ident(current_schema()), ''), quote_ident(current_user)
   FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relname = 'xmfax_meta' AND c.relkind IN ('r', 'p')
    AND n.nspname IS DISTINCT FROM current_schema()
    AND n.nspname !~ '^pg_(toast_)?temp_'
  ORDER BY 2 DESC, n.nspname";

/// Refuses a current schema without a store while another schema of the database holds one: xmfax
/// reads and creates its tables in the current schema only, so it would otherwise report an empty
/// store (and an intact, empty audit trail) and, at the first change, create a second store beside
/// the team's. A store in the current schema is used whatever other schemas hold; this is only
/// asked when the current schema has none.
pub(super) fn refuse_store_elsewhere(conn: &Conn) -> Result<()> {
    let candidates = conn.query_map(TABLES_ELSEWHERE, (), |row| {
        Ok((
            row.get::<String>(0)?,
            row.get::<bool>(1)?,
            row.get::<bool>(2)?,
            row.get::<String>(3)?,
            row.get::<String>(4)?,
        ))
    })?;
    for (schema, on_path, readable, current, role) in candidates {
        // A table of that name this login cannot read counts as a store: it cannot be told apart.
        if readable {
            let application = conn.query_opt(
                &format!("SELECT value FROM {schema}.xmfax_meta WHERE name = 'application'"),
                (),
                |row| row.get::<String>(0),
            );
            if matches!(application, Ok(ref value) if value.as_deref() != Some("xmfax")) {
                continue;
            }
        }
        let current = if current.is_empty() {
            "no schema (its search_path names none that exists)".to_string()
        } else {
            format!("schema {current}")
        };
        let where_ = if on_path {
            "on the connection's search_path"
        } else {
            "not on the connection's search_path"
        };
        return Err(anyhow!(
            "the connection's current schema, where xmfax reads and creates its tables, is {current}, \
             which holds no xmfax store, but schema {schema} ({where_}) holds one: xmfax will neither \
             read an empty store nor create a second one beside it; nothing was read or written\n\
             hint: point the connection at the store's schema: ALTER ROLE {role} SET search_path = {schema} \
             (an administrator, once), or give the URL the parameter options=-c%20search_path%3D{url_schema} (after its ? or &)",
            url_schema = percent_encode(&schema),
        ));
    }
    Ok(())
}

/// Whether an error is PostgreSQL's "insufficient privilege" (SQLSTATE 42501).
pub(super) fn is_insufficient_privilege(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<::postgres::Error>()
            .and_then(::postgres::Error::code)
            .is_some_and(|code| *code == ::postgres::error::SqlState::INSUFFICIENT_PRIVILEGE)
    })
}

/// The login's role and schema, and whether it is a member of the gateway's group role (asked
/// only to explain a refusal; `None` when the session cannot answer, in a failed transaction).
fn login(conn: &Conn) -> Option<(String, String, bool)> {
    conn.query_row(
        "SELECT quote_ident(current_user), coalesce(quote_ident(current_schema()), 'none'),
                EXISTS (SELECT 1 FROM pg_catalog.pg_roles
                         WHERE rolname = 'xmfax_gateway' AND pg_has_role(current_user, oid, 'MEMBER'))",
        (),
        |row| Ok((row.get::<String>(0)?, row.get::<String>(1)?, row.get::<bool>(2)?)),
    )
    .ok()
}

/// A refusal to read the store's `xmfax_meta`, explained: the gateway's login may read only its
/// views; any other login lacks the agents' grants.
pub(super) fn explain_no_read(conn: &Conn, err: anyhow::Error) -> anyhow::Error {
    if !is_insufficient_privilege(&err) {
        return err;
    }
    match login(conn) {
        Some((role, _, true)) => anyhow!(
            "this login (role {role}) is a member of xmfax_gateway, which may not use the store through \
             xmfax: the gateway reads only the gateway_* views (docs/postgres.md, \"The gateway's views\")\n\
             hint: run xmfax with an agent's login (a member of xmfax_agent), or the owner's"
        ),
        Some((role, _, false)) => anyhow!(
            "this login (role {role}) may not read the store's tables (permission denied)\n\
             hint: an administrator grants it the agents' role: GRANT xmfax_agent TO {role} (docs/postgres.md, \"Roles: least privilege\")"
        ),
        None => err,
    }
}

/// A migration refused for want of privilege, explained: only the store's owner creates or
/// upgrades its tables. Called after the migration's transaction was rolled back.
pub(super) fn explain_no_migration(conn: &Conn, from: i64, to: i64, err: anyhow::Error) -> anyhow::Error {
    if !is_insufficient_privilege(&err) {
        return err;
    }
    let Some((role, schema, _)) = login(conn) else {
        return err;
    };
    if from == 0 {
        anyhow!(
            "there is no xmfax store in schema {schema} yet, and this login (role {role}) may not create \
             its tables there (permission denied); nothing was written\n\
             hint: the store's owner creates the store first, with the owner's URL (docs/postgres.md, \
             \"Setting up a team's database\"); agents then use it with their own logins"
        )
    } else {
        anyhow!(
            "the store in schema {schema} needs an upgrade (schema version {from} to {to}), and this login \
             (role {role}) may not change its tables (permission denied); nothing was written\n\
             hint: the store's owner runs xmfax once with the owner's URL, which upgrades it, then applies \
             the roles again (xmfax store roles-sql, docs/postgres.md)"
        )
    }
}

/// `text` as it may stand in a URL's query string: every byte but letters, digits and `-._~`
/// percent-encoded.
fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                char::from(byte).to_string()
            }
            _ => format!("%{byte:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_schema_name_is_percent_encoded_for_the_url() {
        assert_eq!(percent_encode("public"), "public");
        assert_eq!(percent_encode("\"my store\""), "%22my%20store%22");
        assert_eq!(percent_encode("a&b=c"), "a%26b%3Dc");
    }
}
