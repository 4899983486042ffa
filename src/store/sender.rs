//! SQL for the sender test's batch mode: everything a decision needs, read in bulk in one pass per
//! table so that a batch never runs a query per address (whitelists: `Db::all_whitelist_entries`).

use super::Db;
use super::domains::UNCERTIFIED;
use anyhow::Result;

/// One trusted domain as the sender test needs it.
pub struct TrustRow<'r> {
    pub domain: &'r str,
    pub account: &'r str,
    pub include_subdomains: bool,
    pub certified: bool,
}

/// One registered user as the sender test needs it; `None` means the account's default applies.
pub struct UserRow<'r> {
    pub key: &'r str,
    pub account: &'r str,
    pub profile: Option<&'r str>,
    pub language: Option<&'r str>,
    pub fax_number: Option<&'r str>,
}

impl Db<'_> {
    /// Calls `visit` for every trusted domain whose rowid is in `rowids` (a slice of the table, so
    /// that several connections can read it in parallel), without copying a row unless `visit` does.
    pub fn for_each_trusted_domain(
        &self,
        rowids: std::ops::Range<i64>,
        mut visit: impl FnMut(TrustRow<'_>),
    ) -> Result<()> {
        self.0.for_each(
            &format!(
                "SELECT domain, account_id, include_subdomains, NOT {UNCERTIFIED} FROM trusted_domains
                 WHERE rowid >= ?1 AND rowid < ?2"
            ),
            [rowids.start, rowids.end],
            |row| {
                visit(TrustRow {
                    domain: row.get(0)?,
                    account: row.get(1)?,
                    include_subdomains: row.get(2)?,
                    certified: row.get(3)?,
                });
                Ok(())
            },
        )
    }

    /// The largest rowid of the trusted domains (0 when there are none): the end of the table for
    /// [`Db::for_each_trusted_domain`], and about how many rows there are.
    pub fn trusted_domains_last_rowid(&self) -> Result<i64> {
        self.0
            .query_row("SELECT coalesce(max(rowid), 0) FROM trusted_domains", (), |row| {
                row.get(0)
            })
    }

    /// Calls `visit` for every registered user of every account.
    pub fn for_each_user(&self, mut visit: impl FnMut(UserRow<'_>)) -> Result<()> {
        self.0.for_each(
            "SELECT email_key, account_id, profile, language, fax_number FROM users",
            (),
            |row| {
                visit(UserRow {
                    key: row.get(0)?,
                    account: row.get(1)?,
                    profile: row.get(2)?,
                    language: row.get(3)?,
                    fax_number: row.get(4)?,
                });
                Ok(())
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    fn users(store: &Store) -> Vec<(String, String)> {
        store
            .sqlite_for_test()
            .prepare("SELECT email_key, email FROM users ORDER BY email_key")
            .unwrap()
            .query_map([], |row| Ok((row.get(0).unwrap(), row.get(1).unwrap())))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    }

    /// A store whose users were keyed the old way (Unicode lower case, no NFC).
    fn store_with(users: &[(&str, &str)]) -> Store {
        let store = Store::open_in_memory().unwrap();
        store
            .sqlite_for_test()
            .execute_batch(
                "INSERT INTO accounts (id, name, fax_number, region, profile, language, created_at, updated_at)
                 VALUES ('corp', 'Corp', '+16502530000', 'us', 'Default', 'en', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
            )
            .unwrap();
        for (key, email) in users {
            store
                .sqlite_for_test()
                .execute(
                    "INSERT INTO users (email_key, account_id, email, created_at) VALUES (?1, 'corp', ?2, '2026-01-01T00:00:00Z')",
                    [key, email],
                )
                .unwrap();
        }
        store
    }

    #[test]
    fn keys_are_recomputed_with_ascii_case_and_nfc() {
        let store = store_with(&[
            ("kate@corp.example", "Kate@corp.example"),
            ("jürgen@corp.example", "JÜRGEN@corp.example"),
            ("noe\u{308}l@corp.example", "noe\u{308}l@corp.example"),
            ("b@corp.example", "b@corp.example"),
        ]);
        store.conn.begin("BEGIN").unwrap();
        super::super::migrations::recompute_user_keys(&store.conn).unwrap();
        store.conn.end("COMMIT").unwrap();
        assert_eq!(
            users(&store),
            [
                ("b@corp.example".to_string(), "b@corp.example".to_string()),
                ("jÜrgen@corp.example".into(), "JÜRGEN@corp.example".into()),
                ("kate@corp.example".into(), "Kate@corp.example".into()),
                ("no\u{eb}l@corp.example".into(), "no\u{eb}l@corp.example".into()),
            ]
        );
    }

    #[test]
    fn colliding_keys_are_refused_by_name_and_nothing_changes() {
        let before = [
            ("noe\u{308}l@corp.example", "noe\u{308}l@corp.example"),
            ("no\u{eb}l@corp.example", "no\u{eb}l@corp.example"),
            ("\u{212a}ate@corp.example", "\u{212a}ate@corp.example"),
            ("kate@corp.example", "kate@corp.example"),
            ("zed@corp.example", "Zed@corp.example"),
        ];
        let store = store_with(&before);
        let original = users(&store);
        store.conn.begin("BEGIN").unwrap();
        let err = super::super::migrations::recompute_user_keys(&store.conn)
            .unwrap_err()
            .to_string();
        store.conn.end("ROLLBACK").unwrap();
        assert!(err.contains("would all become \"noël@corp.example\""), "{err}");
        assert!(err.contains("noe\\u{308}l@corp.example"), "{err}");
        assert!(err.contains("\"kate@corp.example\" and \"\u{212a}ate@corp.example\" (\\u{212a}ate@corp.example) would all become \"kate@corp.example\""), "{err}");
        assert_eq!(users(&store), original);
    }
}
