//! What keeps every single-object command's cost independent of the size of the customer base:
//! the migration that gives each lookup its index, and the paging helpers of the streamed lists.

use super::domains::reversed_labels;
use anyhow::Result;
use rusqlite::params;

/// Rows filled per statement batch when the reversed-labels keys are computed for an existing store.
const FILL_BATCH: i64 = 10_000;

/// Migration step: indexes for every lookup a single-object command makes.
/// - `trusted_domains.labels_reversed` (`corp.example.mail.` for `mail.example.corp`), with its index:
///   the names below a domain are one range scan. Filled here for existing rows; xmfax writes it with
///   every new row.
/// - One account's domains, users and requests, and the requests in processing order, are read in
///   index order (no sort, no scan), which also lets the lists stream and page by key.
pub(super) fn index_for_scale(tx: &rusqlite::Transaction<'_>) -> Result<()> {
    tx.execute_batch("ALTER TABLE trusted_domains ADD COLUMN labels_reversed TEXT")?;
    let mut select =
        tx.prepare("SELECT rowid, domain FROM trusted_domains WHERE rowid > ?1 ORDER BY rowid LIMIT ?2")?;
    let mut update = tx.prepare("UPDATE trusted_domains SET labels_reversed = ?2 WHERE rowid = ?1")?;
    let mut last = i64::MIN;
    loop {
        let batch = select
            .query_map(params![last, FILL_BATCH], |row| {
                Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let Some((end, _)) = batch.last() else { break };
        last = *end;
        for (rowid, domain) in &batch {
            update.execute(params![rowid, reversed_labels(domain)])?;
        }
    }
    tx.execute_batch(
        "CREATE INDEX trusted_domains_reversed ON trusted_domains(labels_reversed);
         DROP INDEX trusted_domains_account;
         CREATE INDEX trusted_domains_account ON trusted_domains(account_id, domain);
         DROP INDEX users_account;
         CREATE INDEX users_account ON users(account_id, email_key);
         DROP INDEX requests_account;
         CREATE INDEX requests_account ON requests(account_id, processed_at, reference);
         CREATE INDEX requests_processed ON requests(processed_at, reference);",
    )?;
    Ok(())
}

/// A list's `--limit` as SQL `LIMIT` takes it (-1: no limit).
pub(crate) fn sql_limit(limit: Option<u32>) -> i64 {
    limit.map_or(-1, i64::from)
}

/// Runs `stmt` and hands its rows, mapped by `map`, to `consume` as they are read.
pub(super) fn stream<T, R>(
    stmt: &mut rusqlite::Statement<'_>,
    params: &[&dyn rusqlite::ToSql],
    map: fn(&rusqlite::Row<'_>) -> rusqlite::Result<R>,
    consume: impl FnOnce(&mut dyn Iterator<Item = Result<R>>) -> Result<T>,
) -> Result<T> {
    let mut rows = stmt
        .query_map(params, map)?
        .map(|row| row.map_err(anyhow::Error::from));
    consume(&mut rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_migration_gives_existing_domains_their_key_and_the_lookups_their_indexes() {
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        conn.execute_batch(include_str!("../../schema.sql")).unwrap();
        conn.execute_batch(
            "INSERT INTO accounts VALUES ('acme', 'Acme', '+16502530000', 'us', 'Default', 'en', 1, 1, 't', 't');
             WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 25000)
             INSERT INTO trusted_domains (domain, account_id, added_by, added_at)
             SELECT 'mail' || i || '.corp.example', 'acme', 'x', 't' FROM n;
             INSERT INTO trusted_domains (domain, account_id, added_by, added_at)
             VALUES ('a.b.c.d.xn--bcher-kva.example', 'acme', 'x', 't');",
        )
        .unwrap();
        let tx = conn.transaction().unwrap();
        index_for_scale(&tx).unwrap();
        tx.commit().unwrap();
        let missing: i64 = conn
            .query_row(
                "SELECT count(*) FROM trusted_domains WHERE labels_reversed IS NULL",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(missing, 0, "every batch of rows was filled");
        let key = |domain: &str| -> String {
            conn.query_row(
                "SELECT labels_reversed FROM trusted_domains WHERE domain = ?1",
                [domain],
                |r| r.get(0),
            )
            .unwrap()
        };
        assert_eq!(key("mail7.corp.example"), "example.corp.mail7.");
        assert_eq!(
            key("a.b.c.d.xn--bcher-kva.example"),
            "example.xn--bcher-kva.d.c.b.a."
        );
        let indexes: Vec<String> = conn
            .prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        for expected in [
            "trusted_domains(labels_reversed)",
            "trusted_domains(account_id, domain)",
            "users(account_id, email_key)",
            "requests(account_id, processed_at, reference)",
            "requests(processed_at, reference)",
        ] {
            assert!(
                indexes.iter().any(|sql| sql.ends_with(expected)),
                "{expected} in {indexes:?}"
            );
        }
    }

    #[test]
    fn names_below_a_domain_are_exactly_its_key_range() {
        let below = |parent: &str, name: &str| {
            let (start, end) = super::super::domains::keys_below(parent);
            let key = reversed_labels(name);
            key > start && key < end
        };
        assert!(below("corp.example", "mail.corp.example"));
        assert!(below("corp.example", "a.b.corp.example"));
        assert!(!below("corp.example", "corp.example"));
        assert!(!below("corp.example", "evilcorp.example"));
        assert!(!below("corp.example", "corp.example.evil.net"));
        assert!(!below("corp.example", "corp-x.example"));
        assert!(!below("corp.example", "xcorp.example"));
        assert!(below("example", "corp.example"));
    }
}
