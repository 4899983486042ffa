//! SQL for batch import and export: streaming reads of whole tables, the bulk writes of an import,
//! and the record of each import (`imports`, `trusted_domains.import_id`).

use super::accounts::{ACCOUNT_COLUMNS, account_from_row};
use super::config::ConfigTable;
use super::domains::reversed_labels_into;
use super::sql::Conn;
use super::sql::params;
use super::{Db, Tx};
use crate::model::transfer::{AccountExport, DnsProofExport, DomainExport, SecurityExport, UserExport};
use crate::model::{Account, User};
use crate::policy::import::{DateText, DomainWrite, FileUser, StoredDomain};
use anyhow::Result;

/// The secondary indexes a large import drops and rebuilds. Same definitions as in the migrations
/// (`migrations::index_for_scale`).
const DOMAIN_INDEXES: &str = "CREATE INDEX trusted_domains_account ON trusted_domains(account_id, domain);
     CREATE INDEX trusted_domains_reversed ON trusted_domains(labels_reversed);";

impl Db<'_> {
    pub fn trusted_domain_count(&self) -> Result<u64> {
        self.0
            .query_row("SELECT count(*) FROM trusted_domains", (), |row| row.get(0))
    }

    /// Calls `visit` with every trusted domain in ascending name order (binary collation).
    pub fn each_trusted_domain(&self, mut visit: impl FnMut(StoredDomain<'_>)) -> Result<()> {
        self.0.for_each(
            "SELECT domain, account_id, include_subdomains, certified_by, certified_on, request_ref
             FROM trusted_domains ORDER BY domain",
            (),
            |row| {
                visit(StoredDomain {
                    domain: row.get(0)?,
                    account: row.get(1)?,
                    include_subdomains: row.get(2)?,
                    certified_by: row.get(3)?,
                    certified_on: row.get(4)?,
                    request: row.get(5)?,
                });
                Ok(())
            },
        )
    }

    /// Calls `visit` with every account: its ID and security switches, and the whole row when `whole`
    /// says it is wanted (an import needs whole rows only for the accounts its file gives).
    pub fn each_account(
        &self,
        whole: impl Fn(&str) -> bool,
        mut visit: impl FnMut(&str, bool, bool, Option<Account>),
    ) -> Result<()> {
        self.0.for_each(
            &format!("SELECT {ACCOUNT_COLUMNS} FROM accounts ORDER BY id"),
            (),
            |row| {
                let id: &str = row.get(0)?;
                let account = if whole(id) {
                    Some(account_from_row(row)?)
                } else {
                    None
                };
                visit(id, row.get(6)?, row.get(7)?, account);
                Ok(())
            },
        )
    }

    /// Every whitelist entry of every account, ordered by account.
    pub fn all_whitelist_entries(&self) -> Result<Vec<(String, String)>> {
        self.0.query_map(
            "SELECT account_id, network FROM whitelist ORDER BY account_id, network",
            (),
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
    }

    /// An account's users with their address keys.
    pub fn users_with_keys(&self, account: &str) -> Result<Vec<(String, User)>> {
        self.0.query_map(
            "SELECT email_key, account_id, email, profile, language, fax_number, created_at
             FROM users WHERE account_id = ?1 ORDER BY email_key",
            [account],
            |row| {
                Ok((
                    row.get(0)?,
                    User {
                        account: row.get(1)?,
                        email: row.get(2)?,
                        profile: row.get(3)?,
                        language: row.get(4)?,
                        fax_number: row.get(5)?,
                        created_at: row.get(6)?,
                    },
                ))
            },
        )
    }

    /// The account that registers this address key, if any.
    pub fn user_account(&self, email_key: &str) -> Result<Option<String>> {
        self.0.query_opt(
            "SELECT account_id FROM users WHERE email_key = ?1",
            [email_key],
            |row| row.get(0),
        )
    }

    /// One account as the export document shows it.
    pub fn export_account(&self, account: &Account) -> Result<AccountExport> {
        let id = account.id.as_str();
        let users = self.0.query_map(
            "SELECT email, profile, language, fax_number FROM users WHERE account_id = ?1 ORDER BY email_key",
            [id],
            |row| {
                Ok(UserExport {
                    email: row.get(0)?,
                    profile: row.get(1)?,
                    language: row.get(2)?,
                    fax_number: row.get(3)?,
                })
            },
        )?;
        let whitelist = self.0.query_map(
            "SELECT network FROM whitelist WHERE account_id = ?1 ORDER BY network",
            [id],
            |row| row.get(0),
        )?;
        let trusted_domains = self.0.query_map(
            "SELECT domain, include_subdomains, certified_by, certified_on, request_ref
             FROM trusted_domains WHERE account_id = ?1 ORDER BY domain",
            [id],
            |row| {
                Ok(DomainExport {
                    domain: row.get(0)?,
                    include_subdomains: row.get(1)?,
                    certified_by: row.get(2)?,
                    certified_on: row.get(3)?,
                    request: row.get(4)?,
                })
            },
        )?;
        Ok(AccountExport {
            id: account.id.clone(),
            name: account.name.clone(),
            fax_number: account.fax_number.clone(),
            region: account.region,
            profile: account.profile.clone(),
            language: account.language.clone(),
            security: SecurityExport {
                spoofing_protection: account.spoofing_protection,
                require_tls: account.require_tls,
                whitelist,
            },
            users,
            trusted_domains,
            dns_proofs: self
                .dns_proofs(Some(id))?
                .into_iter()
                .map(|p| DnsProofExport {
                    domain: p.domain,
                    proven_at: p.proven_at,
                    server: p.server,
                    record: p.record,
                    proven_by: p.proven_by,
                })
                .collect(),
        })
    }
}

impl Tx<'_> {
    /// Settings for a large write on this connection: a page cache of `cache_kib` (which also bounds
    /// the memory of the sorter that builds an index), and a second thread for that sorter.
    pub fn prepare_bulk_write(&mut self, cache_kib: u32) -> Result<()> {
        match self.tx {
            Conn::Sqlite(conn) => {
                conn.pragma_update(None, "cache_size", -i64::from(cache_kib))?;
                conn.pragma_update(None, "threads", 2)?;
            }
            // PostgreSQL's server sizes its own memory; COPY needs nothing more.
            Conn::Postgres(_) => {}
        }
        Ok(())
    }

    /// Records an import and returns its ID (set on the trusted domains it writes).
    pub fn insert_import(&mut self, file: &str, sha256: &str, counts: &serde_json::Value) -> Result<i64> {
        let now = self.now();
        // The next number, as SQLite's rowid would give it; writers take turns, so it is free.
        self.tx.query_row(
            "INSERT INTO imports (id, file, sha256, counts, imported_by, imported_at)
             VALUES ((SELECT coalesce(max(id), 0) + 1 FROM imports), ?1, ?2, ?3, ?4, ?5) RETURNING id",
            params![file, sha256, counts.to_string(), self.agent, now],
            |row| row.get(0),
        )
    }

    /// Drops the secondary indexes of the trusted domains for a large import, on SQLite. On
    /// PostgreSQL they stay: the agents' role may not change the schema, and COPY keeps them fast.
    pub fn drop_domain_indexes(&mut self) -> Result<()> {
        if self.tx.is_postgres() {
            return Ok(());
        }
        self.tx.execute_batch(
            "DROP INDEX IF EXISTS trusted_domains_account; DROP INDEX IF EXISTS trusted_domains_reversed;",
        )?;
        Ok(())
    }

    pub fn create_domain_indexes(&mut self) -> Result<()> {
        if self.tx.is_postgres() {
            return Ok(());
        }
        self.tx.execute_batch(DOMAIN_INDEXES)?;
        Ok(())
    }

    /// Deletes trusted domains by name, whichever account holds them.
    pub fn delete_trusted_domains<'d>(&mut self, domains: impl IntoIterator<Item = &'d str>) -> Result<()> {
        for domain in domains {
            self.delete_rows(ConfigTable::TrustedDomains, "domain = ?1", params![domain])?;
        }
        Ok(())
    }

    /// Inserts imported trusted domains (new names: the review saw to that); returns how many.
    /// `written` is called after each row.
    pub fn insert_imported_domains<'d>(
        &mut self,
        domains: impl IntoIterator<Item = DomainWrite<'d>>,
        import_id: i64,
        mut written: impl FnMut(),
    ) -> Result<u64> {
        let now = self.now();
        let agent = self.agent;
        let mut dates = DateText::default();
        let mut reversed = String::new();
        self.insert_rows(ConfigTable::TrustedDomains, |insert| {
            for d in domains {
                reversed.clear();
                reversed_labels_into(d.domain, &mut reversed);
                insert(params![
                    d.domain,
                    d.account,
                    d.include_subdomains,
                    d.certified_by,
                    d.certified_on.map(|date| dates.text(date)),
                    d.request,
                    import_id,
                    agent,
                    now,
                    reversed
                ])?;
                written();
            }
            Ok(())
        })
    }

    /// Overwrites stored trusted domains with imported values, keeping who added a domain unless it
    /// moves to another account.
    pub fn update_imported_domains<'d>(
        &mut self,
        domains: impl IntoIterator<Item = DomainWrite<'d>>,
        import_id: i64,
    ) -> Result<u64> {
        let now = self.now();
        let agent = self.agent;
        let mut dates = DateText::default();
        let mut changed = 0;
        for d in domains {
            changed += self.update_rows(
                ConfigTable::TrustedDomains,
                "added_by = CASE WHEN account_id = ?2 THEN added_by ELSE ?8 END,
                 added_at = CASE WHEN account_id = ?2 THEN added_at ELSE ?9 END,
                 account_id = ?2, include_subdomains = ?3, certified_by = ?4, certified_on = ?5,
                 request_ref = ?6, import_id = ?7",
                "domain = ?1",
                params![
                    d.domain,
                    d.account,
                    d.include_subdomains,
                    d.certified_by,
                    d.certified_on.map(|date| dates.text(date)),
                    d.request,
                    import_id,
                    agent,
                    now
                ],
            )? as u64;
        }
        Ok(changed)
    }

    pub fn update_user(&mut self, user: &FileUser) -> Result<()> {
        self.update_rows(
            ConfigTable::Users,
            "email = ?2, profile = ?3, language = ?4, fax_number = ?5",
            "email_key = ?1",
            params![user.key, user.email, user.profile, user.language, user.fax_number],
        )?;
        Ok(())
    }
}
