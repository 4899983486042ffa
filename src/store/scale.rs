//! The paging helpers of the streamed lists (the indexes that keep every single-object command's
//! cost independent of the size of the customer base come from `migrations::index_for_scale`).

/// A list's `--limit` as SQL `LIMIT` takes it (no limit: the largest integer).
pub(crate) fn sql_limit(limit: Option<u32>) -> i64 {
    // Not -1, SQLite's "no limit": PostgreSQL refuses a negative LIMIT.
    limit.map_or(i64::MAX, i64::from)
}

#[cfg(test)]
mod tests {
    use super::super::domains::reversed_labels;

    #[test]
    fn the_migration_gives_existing_domains_their_key_and_the_lookups_their_indexes() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
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
        let conn = super::super::sql::Conn::Sqlite(conn);
        conn.begin("BEGIN").unwrap();
        super::super::migrations::index_for_scale(&conn).unwrap();
        conn.end("COMMIT").unwrap();
        let super::super::sql::Conn::Sqlite(conn) = conn else {
            unreachable!()
        };
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
