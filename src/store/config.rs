//! The one place configuration rows are written (accounts with their security settings, users,
//! whitelist, trusted domains, requests, DNS challenges and proofs, the store's settings), so that
//! every write keeps the configuration digest: the hash of each row written is added to the
//! transaction's pending digest and that of each row removed or replaced subtracted from it; the
//! next audit row folds it into the head and records it.

use super::sql::{Param, Row, Value};
use super::{Db, Tx};
use crate::policy::audit::{Cell, Digest, RowHasher, TableDigest};
use anyhow::Result;
use std::sync::LazyLock;

/// A table whose rows are part of the configuration digest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfigTable {
    Accounts,
    Users,
    Whitelist,
    TrustedDomains,
    Requests,
    DnsChallenges,
    DnsProofs,
    Settings,
}

/// How many configuration tables there are.
pub const TABLES: usize = ConfigTable::ALL.len();

impl ConfigTable {
    /// A new configuration table goes here too, and its migration creates it empty (an existing
    /// store's digest is then still right) or updates `config_digest` and the head for its rows.
    pub const ALL: [ConfigTable; 8] = [
        ConfigTable::Accounts,
        ConfigTable::Users,
        ConfigTable::Whitelist,
        ConfigTable::TrustedDomains,
        ConfigTable::Requests,
        ConfigTable::DnsChallenges,
        ConfigTable::DnsProofs,
        ConfigTable::Settings,
    ];

    pub fn name(self) -> &'static str {
        match self {
            ConfigTable::Accounts => "accounts",
            ConfigTable::Users => "users",
            ConfigTable::Whitelist => "whitelist",
            ConfigTable::TrustedDomains => "trusted_domains",
            ConfigTable::Requests => "requests",
            ConfigTable::DnsChallenges => "dns_challenges",
            ConfigTable::DnsProofs => "dns_proofs",
            ConfigTable::Settings => "settings",
        }
    }

    /// Every column of the table, in the canonical order its rows are hashed in (a test checks that
    /// no column is left out).
    pub fn columns(self) -> &'static str {
        match self {
            ConfigTable::Accounts => {
                "id, name, fax_number, region, profile, language, spoofing_protection, require_tls, created_at, updated_at"
            }
            ConfigTable::Users => "email_key, account_id, email, profile, language, fax_number, created_at",
            ConfigTable::Whitelist => "account_id, network, created_at",
            ConfigTable::TrustedDomains => {
                "domain, account_id, include_subdomains, certified_by, certified_on, request_ref, import_id, added_by, added_at, labels_reversed"
            }
            ConfigTable::Requests => {
                "reference, account_id, action, status, form_text, form_sha256, signed_by, signed_on, reasons, changes, processed_by, processed_at"
            }
            ConfigTable::DnsChallenges => "account_id, domain, token, issued_by, issued_at",
            ConfigTable::DnsProofs => "account_id, domain, proven_at, server, record, proven_by",
            ConfigTable::Settings => "name, value",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// `INSERT` of every column for each table, plain and ignoring a conflicting key.
static INSERT_SQL: LazyLock<[[String; 2]; TABLES]> = LazyLock::new(|| {
    ConfigTable::ALL.map(|table| {
        let columns = table.columns();
        let placeholders = (1..=columns.split(',').count())
            .map(|i| format!("?{i}"))
            .collect::<Vec<_>>()
            .join(", ");
        let name = table.name();
        let sql =
            |conflict: &str| format!("INSERT INTO {name} ({columns}) VALUES ({placeholders}){conflict}");
        [sql(""), sql(" ON CONFLICT DO NOTHING")]
    })
});

/// The digest change a transaction has made and not yet recorded on an audit row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct PendingDigest {
    pub tables: [TableDigest; TABLES],
    /// A configuration row was written since the last audit row.
    pub dirty: bool,
}

impl Default for PendingDigest {
    fn default() -> Self {
        PendingDigest {
            tables: [TableDigest::default(); TABLES],
            dirty: false,
        }
    }
}

impl PendingDigest {
    fn add(&mut self, table: ConfigTable, digest: Digest) {
        let t = &mut self.tables[table.index()];
        t.rows += 1;
        t.digest.add(digest);
        self.dirty = true;
    }

    fn sub(&mut self, table: ConfigTable, digest: Digest) {
        let t = &mut self.tables[table.index()];
        t.rows -= 1;
        t.digest.sub(digest);
        self.dirty = true;
    }
}

thread_local! {
    /// Configuration rows hashed on this thread, by writes and by full recomputations alike: what the
    /// digest has cost. Tests read it to show a write hashes the rows it changes, not the store.
    static ROWS_HASHED: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// How many configuration rows this thread has hashed so far.
#[cfg(test)]
pub(super) fn rows_hashed() -> u64 {
    ROWS_HASHED.with(std::cell::Cell::get)
}

/// The hash of a row read with the table's canonical columns.
pub(super) fn row_digest(table: ConfigTable, row: &Row<'_>, columns: usize) -> Result<Digest> {
    ROWS_HASHED.with(|n| n.set(n.get() + 1));
    let mut hasher = RowHasher::new(table.name());
    for i in 0..columns {
        hasher.cell(cell(row.value(i)?));
    }
    Ok(hasher.finish())
}

fn cell(value: Value<'_>) -> Cell<'_> {
    match value {
        Value::Null => Cell::Null,
        Value::Integer(n) => Cell::Integer(n),
        Value::Real(x) => Cell::Real(x),
        Value::Text(t) => Cell::Text(t.as_bytes()),
        Value::Blob(b) => Cell::Blob(b),
    }
}

/// Whether the rows a statement returns are added to the digest or taken out of it.
#[derive(Clone, Copy)]
enum Effect {
    Added,
    Removed,
}

impl Tx<'_> {
    /// Inserts one row, `values` in the table's canonical column order; with `ignore_conflict`, a
    /// row whose key exists is skipped. Returns how many rows were inserted (0 or 1).
    ///
    /// The row's hash is taken from the values bound, which are what the row stores: every column is
    /// given, and the tables are STRICT, so SQLite keeps each value as it is. (Imports insert a
    /// million rows this way; `RETURNING` would buffer each one again.)
    pub(super) fn insert_row(
        &mut self,
        table: ConfigTable,
        values: &[&dyn Param],
        ignore_conflict: bool,
    ) -> Result<usize> {
        let sql = &INSERT_SQL[table.index()][usize::from(ignore_conflict)];
        let wanted = self.tx.parameter_count(sql)?;
        anyhow::ensure!(
            wanted == values.len(),
            "internal error: {} takes {wanted} values, {} given",
            table.name(),
            values.len()
        );
        let inserted = self.tx.execute(sql, values)?;
        if inserted == 1 {
            ROWS_HASHED.with(|n| n.set(n.get() + 1));
            let mut hasher = RowHasher::new(table.name());
            for value in values {
                hasher.cell(cell(value.value()));
            }
            self.pending.add(table, hasher.finish());
        }
        Ok(inserted)
    }

    /// Inserts many new rows (a key that exists is an error), each handed to the function `fill`
    /// is given, values in the table's canonical column order: one `COPY` on PostgreSQL. Returns
    /// how many rows were inserted.
    pub(super) fn insert_rows(
        &mut self,
        table: ConfigTable,
        fill: impl FnOnce(&mut dyn FnMut(&[&dyn Param]) -> Result<()>) -> Result<()>,
    ) -> Result<u64> {
        let pending = &mut self.pending;
        self.tx.bulk_insert(table.name(), table.columns(), |insert| {
            fill(&mut |row| {
                let values: Vec<Value<'_>> = row.iter().map(|param| param.value()).collect();
                insert(&values)?;
                ROWS_HASHED.with(|n| n.set(n.get() + 1));
                let mut hasher = RowHasher::new(table.name());
                for value in &values {
                    hasher.cell(cell(*value));
                }
                pending.add(table, hasher.finish());
                Ok(())
            })
        })
    }

    /// Deletes the rows for which `condition` (SQL over the table's columns, parameters `?1`…) holds.
    /// Returns how many were deleted.
    pub(super) fn delete_rows(
        &mut self,
        table: ConfigTable,
        condition: &str,
        params: &[&dyn Param],
    ) -> Result<usize> {
        let sql = format!(
            "DELETE FROM {} WHERE {condition} RETURNING {}",
            table.name(),
            table.columns()
        );
        self.run_returning(table, &sql, params, Effect::Removed)
    }

    /// Updates the rows for which `condition` holds with `assignments` (`column = expression, …`).
    /// The condition must use the first parameters (`?1`…`?k`) and only those, since the rows are
    /// first read with it alone; the assignments may use any. Returns how many rows were updated.
    pub(super) fn update_rows(
        &mut self,
        table: ConfigTable,
        assignments: &str,
        condition: &str,
        params: &[&dyn Param],
    ) -> Result<usize> {
        let select = format!(
            "SELECT {} FROM {} WHERE {condition}",
            table.columns(),
            table.name()
        );
        self.run_returning(table, &select, params, Effect::Removed)?;
        let update = format!(
            "UPDATE {} SET {assignments} WHERE {condition} RETURNING {}",
            table.name(),
            table.columns()
        );
        self.run_returning(table, &update, params, Effect::Added)
    }

    /// Runs a statement that returns rows of `table` in canonical column order, binding as many of
    /// `params` as it has parameters, and adds or subtracts each returned row's hash.
    fn run_returning(
        &mut self,
        table: ConfigTable,
        sql: &str,
        params: &[&dyn Param],
        effect: Effect,
    ) -> Result<usize> {
        let wanted = self.tx.parameter_count(sql)?;
        anyhow::ensure!(
            wanted <= params.len(),
            "internal error: {sql:?} needs {wanted} parameters, {} given",
            params.len()
        );
        let pending = &mut self.pending;
        let mut count = 0;
        self.tx.for_each_returned(sql, &params[..wanted], |row| {
            let digest = row_digest(table, row, row.column_count())?;
            match effect {
                Effect::Added => pending.add(table, digest),
                Effect::Removed => pending.sub(table, digest),
            }
            count += 1;
            Ok(())
        })?;
        Ok(count)
    }
}

impl Db<'_> {
    /// Recomputes every table's share of the digest from its rows, in one streamed pass per table.
    /// A table the store does not have (yet: a migration still to run creates it) counts as empty.
    pub fn recompute_config_digest(&self) -> Result<Vec<(ConfigTable, TableDigest)>> {
        let mut tables = Vec::new();
        for table in ConfigTable::ALL {
            if !self.0.table_exists(table.name())? {
                tables.push((table, TableDigest::default()));
                continue;
            }
            let mut share = TableDigest::default();
            self.0.for_each(
                &format!("SELECT {} FROM {}", table.columns(), table.name()),
                (),
                |row| {
                    share.rows += 1;
                    share.digest.add(row_digest(table, row, row.column_count())?);
                    Ok(())
                },
            )?;
            tables.push((table, share));
        }
        Ok(tables)
    }

    /// The digest as recorded per table beside the head (missing tables count as empty).
    pub fn recorded_config_digest(&self) -> Result<Vec<(String, TableDigest)>> {
        self.0.query_map(
            "SELECT tbl, rows, digest FROM config_digest ORDER BY tbl",
            (),
            |row| {
                let digest: String = row.get(2)?;
                Ok((
                    row.get::<String>(0)?,
                    TableDigest {
                        rows: row.get(1)?,
                        // An unreadable digest was edited; a value no row set sums to shows that.
                        digest: Digest::from_hex(&digest).unwrap_or(Digest::from_hash(&[0xa5; 32])),
                    },
                ))
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::super::Store;
    use super::*;
    use crate::model::{Account, Region, Request, RequestChanges, RequestRecord, TrustedDomain, User};
    use crate::policy::import::{DomainWrite, FileUser};
    use chrono::{NaiveDate, Utc};

    fn account(id: &str) -> Account {
        Account {
            id: id.into(),
            name: format!("{id} Inc."),
            fax_number: "+16502530000".into(),
            region: Region::Us,
            profile: "Default".into(),
            language: "en".into(),
            spoofing_protection: true,
            require_tls: false,
            created_at: "2026-11-27T00:00:00Z".into(),
            updated_at: "2026-11-27T00:00:00Z".into(),
        }
    }

    fn domain(name: &str, account: &str) -> TrustedDomain {
        TrustedDomain {
            domain: name.into(),
            unicode: name.into(),
            account: account.into(),
            include_subdomains: false,
            certified_by: Some("Jane Roe".into()),
            certified_on: Some("2026-11-20".into()),
            request: None,
            added_by: "test".into(),
            added_at: "2026-11-27T00:00:00Z".into(),
        }
    }

    fn user(account: &str, email: &str) -> User {
        User {
            account: account.into(),
            email: email.into(),
            profile: None,
            language: None,
            fax_number: None,
            created_at: "2026-11-27T00:00:00Z".into(),
        }
    }

    /// The head's digest and each table's recorded share equal a recomputation from the rows.
    fn assert_digest_is_exact(store: &Store, after: &str) {
        let db = store.db();
        let actual = db.recompute_config_digest().unwrap();
        let mut total = Digest::ZERO;
        for (_, share) in &actual {
            total.add(share.digest);
        }
        let head = db.audit_head().unwrap().expect("a head");
        assert_eq!(head.digest, Some(total.to_hex()), "head after {after}");
        let recorded = db.recorded_config_digest().unwrap();
        for (table, share) in &actual {
            let kept = recorded
                .iter()
                .find(|(name, _)| name == table.name())
                .map(|(_, t)| *t);
            assert_eq!(kept.unwrap_or_default(), *share, "{} after {after}", table.name());
        }
        let chain = db.audit_chain().unwrap();
        assert_eq!(
            chain.last().unwrap().fields.digest,
            head.digest,
            "last row after {after}"
        );
        assert_eq!(
            crate::policy::audit::verify(&chain, Some(&head)),
            Ok(chain.len() as u64)
        );
    }

    /// Runs one write (with its audit row) and checks the digest against a full recomputation.
    fn step(store: &mut Store, name: &str, write: impl Fn(&mut Tx<'_>) -> Result<()>) {
        store
            .write("test", Utc::now(), |tx| {
                write(tx)?;
                tx.audit(name, None, None, serde_json::json!({}))
            })
            .unwrap_or_else(|e| panic!("{name}: {e:#}"));
        assert_digest_is_exact(store, name);
    }

    #[test]
    fn every_write_path_keeps_the_digest_equal_to_a_full_recomputation() {
        let mut store = Store::open_in_memory().unwrap();
        step(&mut store, "accounts.add", |tx| {
            tx.insert_account(&account("acme"))?;
            tx.insert_account(&account("beta"))
        });
        step(&mut store, "accounts.add (exists)", |tx| {
            assert!(tx.insert_account(&account("acme")).is_err());
            Ok(())
        });
        step(&mut store, "accounts.set", |tx| {
            let mut changed = account("acme");
            changed.name = "Acme Corporation".into();
            changed.require_tls = true;
            tx.update_account(&changed)
        });
        step(&mut store, "users.add", |tx| {
            tx.insert_user("jane@acme.example", &user("acme", "Jane@acme.example"))?;
            tx.insert_user("bob@beta.example", &user("beta", "bob@beta.example"))
        });
        step(&mut store, "import (users)", |tx| {
            tx.update_user(&FileUser {
                line: 1,
                key: "jane@acme.example".into(),
                email: "jane@ACME.example".into(),
                profile: Some("Legal".into()),
                language: Some("de".into()),
                fax_number: None,
            })
        });
        step(&mut store, "users.remove", |tx| {
            tx.delete_user("jane@acme.example")
        });
        step(&mut store, "security.whitelist.add", |tx| {
            assert!(tx.insert_whitelist("acme", "198.18.7.0/24")?);
            assert!(!tx.insert_whitelist("acme", "198.18.7.0/24")?, "already there");
            assert!(tx.insert_whitelist("beta", "2001:db8::/48")?);
            Ok(())
        });
        step(&mut store, "security.whitelist.remove", |tx| {
            assert!(tx.delete_whitelist("acme", "198.18.7.0/24")?);
            assert!(!tx.delete_whitelist("acme", "198.18.7.0/24")?);
            Ok(())
        });
        step(&mut store, "domains.add", |tx| {
            tx.insert_trusted_domain(&domain("acme.example", "acme"))?;
            tx.insert_trusted_domain(&domain("beta.example", "beta"))
        });
        step(&mut store, "domains.add (widened)", |tx| {
            let mut wider = domain("acme.example", "acme");
            wider.include_subdomains = true;
            wider.request = Some("REQ-1".into());
            assert!(tx.update_trusted_domain(&wider)?);
            assert!(!tx.update_trusted_domain(&domain("acme.example", "beta"))?);
            Ok(())
        });
        step(&mut store, "domains.remove", |tx| {
            assert!(tx.delete_trusted_domain("acme", "acme.example")?);
            assert!(!tx.delete_trusted_domain("acme", "acme.example")?);
            Ok(())
        });
        step(&mut store, "requests.process", |tx| {
            tx.insert_request(&RequestRecord {
                request: Request {
                    reference: "REQ-1".into(),
                    account: "acme".into(),
                    action: "add".into(),
                    status: "approved".into(),
                    form_sha256: "ab".repeat(32),
                    signed_by: Some("Jane Roe".into()),
                    signed_on: Some("2026-11-20".into()),
                    reasons: Vec::new(),
                    changes: RequestChanges::default(),
                    processed_by: "test".into(),
                    processed_at: "2026-11-27T00:00:00Z".into(),
                },
                form_text: "xmfax_form: trusted-domains/v1\n".into(),
            })
        });
        let date = NaiveDate::from_ymd_opt(2026, 11, 20);
        let write = |name: &'static str, account: &'static str, exists: bool| DomainWrite {
            domain: name,
            account,
            include_subdomains: false,
            certified_by: Some("Jane Roe"),
            certified_on: date,
            request: None,
            exists,
        };
        step(&mut store, "import (domains)", |tx| {
            let id = tx.insert_import("f.csv", &"cd".repeat(32), &serde_json::json!({}))?;
            tx.delete_trusted_domains(["beta.example"])?;
            tx.insert_imported_domains(
                [
                    write("one.example", "acme", false),
                    write("two.example", "beta", false),
                ],
                id,
                || {},
            )?;
            tx.update_imported_domains([write("two.example", "acme", true)], id)?;
            Ok(())
        });
        step(&mut store, "domains.challenge", |tx| {
            let challenge = crate::model::dns::DnsChallenge {
                account: "acme".into(),
                domain: "acme.example".into(),
                token: "t1".into(),
                issued_by: "test".into(),
                issued_at: "2026-11-27T00:00:00Z".into(),
                expires_at: "2026-12-27T00:00:00Z".into(),
            };
            tx.upsert_dns_challenge(&challenge)?;
            tx.upsert_dns_challenge(&crate::model::dns::DnsChallenge {
                token: "t2".into(),
                ..challenge
            })
        });
        step(&mut store, "domains.prove", |tx| {
            let proof = crate::model::dns::DnsProof {
                account: "acme".into(),
                domain: "acme.example".into(),
                proven_at: "2026-11-27T00:00:00Z".into(),
                server: "127.0.0.1".into(),
                record: "xmfax-proof=t2".into(),
                proven_by: "test".into(),
            };
            tx.upsert_dns_proof(&proof)?;
            tx.upsert_dns_proof(&crate::model::dns::DnsProof {
                server: "192.0.2.53".into(),
                ..proof.clone()
            })?;
            tx.delete_dns_proofs("beta")?;
            tx.upsert_dns_proof(&crate::model::dns::DnsProof {
                account: "beta".into(),
                ..proof
            })
        });
        step(&mut store, "import (proofs)", |tx| tx.delete_dns_proofs("beta"));
        step(&mut store, "settings.set", |tx| {
            tx.set_setting("require-dns-proof", "on")?;
            tx.set_setting("require-dns-proof", "off")
        });
        step(&mut store, "accounts.remove", |tx| tx.delete_account("acme"));
        let db = store.db();
        let left = db.recompute_config_digest().unwrap();
        let rows = |table: ConfigTable| left.iter().find(|(t, _)| *t == table).unwrap().1.rows;
        assert_eq!(rows(ConfigTable::Accounts), 1, "beta is left");
        assert_eq!(
            rows(ConfigTable::TrustedDomains),
            0,
            "acme's domains went with it"
        );
        assert_eq!(rows(ConfigTable::Requests), 1, "a request outlives its account");
    }

    #[test]
    fn undone_changes_take_their_digest_with_them() {
        let mut store = Store::open_in_memory().unwrap();
        step(&mut store, "accounts.add", |tx| {
            tx.insert_account(&account("acme"))
        });
        step(&mut store, "tentative", |tx| {
            tx.tentatively(|tx| {
                tx.insert_trusted_domain(&domain("acme.example", "acme"))?;
                Ok(((), false))
            })?;
            tx.tentatively(|tx| {
                tx.insert_trusted_domain(&domain("kept.example", "acme"))?;
                Ok(((), true))
            })
        });
        assert_eq!(store.db().account_domains("acme").unwrap().len(), 1);
    }

    #[test]
    fn a_change_without_its_audit_row_is_not_written() {
        let mut store = Store::open_in_memory().unwrap();
        let result = store.write("test", Utc::now(), |tx| tx.insert_account(&account("acme")));
        assert!(result.is_err());
        assert!(store.db().account("acme").unwrap().is_none());
    }

    /// The cost a write pays for the digest follows the rows it changes, never the size of the store:
    /// a full recomputation would hash every row of every configuration table.
    #[test]
    fn a_write_hashes_only_the_rows_it_changes() {
        let cost_of_one_write = |accounts: usize| {
            let mut store = Store::open_in_memory().unwrap();
            store
                .write("test", Utc::now(), |tx| {
                    for i in 0..accounts {
                        let id = format!("a{i}");
                        tx.insert_account(&account(&id))?;
                        tx.insert_trusted_domain(&domain(&format!("d{i}.example"), &id))?;
                        tx.insert_user(&format!("u@d{i}.example"), &user(&id, "u@x"))?;
                    }
                    tx.audit("setup", None, None, serde_json::json!({}))
                })
                .unwrap();
            let before = rows_hashed();
            step(&mut store, "domains.add", |tx| {
                tx.insert_trusted_domain(&domain("new.example", "a0"))
            });
            // `step` recomputes the whole digest to check it, on this thread: count only the write.
            let checking = store.db().recompute_config_digest().unwrap();
            let recomputation: u64 = checking.iter().map(|(_, s)| s.rows as u64).sum();
            rows_hashed() - before - 2 * recomputation
        };
        let small = cost_of_one_write(3);
        let large = cost_of_one_write(3000);
        assert_eq!(small, 1, "the one row added");
        assert_eq!(
            large, small,
            "the same write costs the same in a store 1000 times larger"
        );
    }

    #[test]
    fn the_canonical_columns_are_every_column_of_each_table() {
        let store = Store::open_in_memory().unwrap();
        for table in ConfigTable::ALL {
            let mut stmt = store
                .sqlite_for_test()
                .prepare(&format!(
                    "SELECT name FROM pragma_table_info('{}') ORDER BY cid",
                    table.name()
                ))
                .unwrap();
            let mut columns: Vec<String> = stmt
                .query_map([], |row| row.get(0))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            let mut canonical: Vec<String> =
                table.columns().split(',').map(|c| c.trim().to_string()).collect();
            columns.sort();
            canonical.sort();
            assert_eq!(
                canonical,
                columns,
                "{}: a column left out of the digest could be changed unseen",
                table.name()
            );
        }
    }

    /// No module but this one writes a configuration table: a write elsewhere would skip the digest.
    /// (`migrations.rs` holds the steps that run before the digest exists, and is left out.)
    #[test]
    fn only_this_module_writes_configuration_tables() {
        let sources = [
            ("accounts.rs", include_str!("accounts.rs")),
            ("audit.rs", include_str!("audit.rs")),
            ("dns.rs", include_str!("dns.rs")),
            ("domains.rs", include_str!("domains.rs")),
            ("mod.rs", include_str!("mod.rs")),
            ("requests.rs", include_str!("requests.rs")),
            ("scale.rs", include_str!("scale.rs")),
            ("sender.rs", include_str!("sender.rs")),
            ("transfer.rs", include_str!("transfer.rs")),
        ];
        for (file, source) in sources {
            // Tests may set up rows as they like; the code before them may not.
            let code = source.split("#[cfg(test)]\nmod tests").next().unwrap_or(source);
            let flat = code
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_ascii_lowercase();
            for table in ConfigTable::ALL {
                let name = table.name();
                for verb in [
                    "insert into",
                    "insert or replace into",
                    "replace into",
                    "update",
                    "delete from",
                ] {
                    let statement = format!("{verb} {name} ");
                    let statement_paren = format!("{verb} {name}(");
                    assert!(
                        !flat.contains(&statement) && !flat.contains(&statement_paren),
                        "src/store/{file} writes {name} directly ({verb}): use insert_row, update_rows or delete_rows"
                    );
                }
            }
        }
    }
}
