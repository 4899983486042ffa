//! SQL for accounts, their registered users and their email-to-fax security settings.

use super::config::ConfigTable;
use super::sql::{Param, Row, params};
use super::{Db, Tx};
use crate::model::{Account, Region, User, WhitelistEntry};
use crate::policy::security::SecuritySettings;
use anyhow::{Result, anyhow, bail};

pub(super) const ACCOUNT_COLUMNS: &str = "id, name, fax_number, region, profile, language, spoofing_protection, require_tls, created_at, updated_at";

pub(super) fn account_from_row(row: &Row<'_>) -> Result<Account> {
    let region: String = row.get(3)?;
    Ok(Account {
        id: row.get(0)?,
        name: row.get(1)?,
        fax_number: row.get(2)?,
        region: Region::parse(&region).unwrap_or(Region::Us),
        profile: row.get(4)?,
        language: row.get(5)?,
        spoofing_protection: row.get(6)?,
        require_tls: row.get(7)?,
        created_at: row.get(8)?,
        updated_at: row.get(9)?,
    })
}

fn user_from_row(row: &Row<'_>) -> Result<User> {
    Ok(User {
        account: row.get(0)?,
        email: row.get(1)?,
        profile: row.get(2)?,
        language: row.get(3)?,
        fax_number: row.get(4)?,
        created_at: row.get(5)?,
    })
}

const USER_COLUMNS: &str = "account_id, email, profile, language, fax_number, created_at";

impl Db<'_> {
    pub fn account(&self, id: &str) -> Result<Option<Account>> {
        let sql = format!("SELECT {ACCOUNT_COLUMNS} FROM accounts WHERE id = ?1");
        self.0.query_opt(&sql, [id], account_from_row)
    }

    /// The account, or the error every command gives for an unknown one.
    pub fn require_account(&self, id: &str) -> Result<Account> {
        self.account(id)?.ok_or_else(|| {
            anyhow!("unknown account {id:?}\nhint: `xmfax accounts list` shows the accounts in this store")
        })
    }

    /// Every account, by ID (for a prompt's choices; lists stream with [`Db::stream_accounts`]).
    pub fn accounts(&self) -> Result<Vec<Account>> {
        self.stream_accounts(None, None, |rows| rows.collect())
    }

    /// Streams accounts to `consume` by ID: those after `after`, at most `limit`.
    pub fn stream_accounts<T>(
        &self,
        after: Option<&str>,
        limit: Option<u32>,
        consume: impl FnOnce(&mut dyn Iterator<Item = Result<Account>>) -> Result<T>,
    ) -> Result<T> {
        let limit = super::sql_limit(limit);
        let (filter, params): (&str, Vec<&dyn Param>) = match &after {
            None => ("TRUE", vec![&limit]),
            Some(id) => ("id > ?2", vec![&limit, id]),
        };
        self.0.stream(
            &format!("SELECT {ACCOUNT_COLUMNS} FROM accounts WHERE {filter} ORDER BY id LIMIT ?1"),
            params,
            account_from_row,
            consume,
        )
    }

    pub fn users(&self, account: &str) -> Result<Vec<User>> {
        self.stream_users(account, None, None, |rows| rows.collect())
    }

    /// Streams an account's users to `consume` by address key: those after the key `after`, at most `limit`.
    pub fn stream_users<T>(
        &self,
        account: &str,
        after: Option<&str>,
        limit: Option<u32>,
        consume: impl FnOnce(&mut dyn Iterator<Item = Result<User>>) -> Result<T>,
    ) -> Result<T> {
        let limit = super::sql_limit(limit);
        let (filter, params): (&str, Vec<&dyn Param>) = match &after {
            None => ("account_id = ?2", vec![&limit, &account]),
            Some(key) => ("account_id = ?2 AND email_key > ?3", vec![&limit, &account, key]),
        };
        self.0.stream(
            &format!("SELECT {USER_COLUMNS} FROM users WHERE {filter} ORDER BY email_key LIMIT ?1"),
            params,
            user_from_row,
            consume,
        )
    }

    /// The registered user with this address key (lower-case local part @ normalized domain), in any account.
    pub fn user_by_key(&self, email_key: &str) -> Result<Option<User>> {
        let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE email_key = ?1");
        self.0.query_opt(&sql, [email_key], user_from_row)
    }

    pub fn whitelist(&self, account: &str) -> Result<Vec<WhitelistEntry>> {
        self.0.query_map(
            "SELECT account_id, network, created_at FROM whitelist WHERE account_id = ?1 ORDER BY network",
            [account],
            |row| {
                Ok(WhitelistEntry {
                    account: row.get(0)?,
                    network: row.get(1)?,
                    created_at: row.get(2)?,
                })
            },
        )
    }

    pub fn security_settings(&self, account: &Account) -> Result<SecuritySettings> {
        let whitelist = self
            .whitelist(&account.id)?
            .iter()
            .map(|entry| entry.network.parse())
            .collect::<Result<_, _>>()
            .map_err(|e| {
                anyhow!(
                    "the store holds an invalid whitelist entry for {}: {e}",
                    account.id
                )
            })?;
        Ok(SecuritySettings {
            spoofing_protection: account.spoofing_protection,
            require_tls: account.require_tls,
            whitelist,
        })
    }
}

impl Tx<'_> {
    pub fn insert_account(&mut self, account: &Account) -> Result<()> {
        let inserted = self.insert_row(
            ConfigTable::Accounts,
            params![
                account.id,
                account.name,
                account.fax_number,
                account.region.as_str(),
                account.profile,
                account.language,
                account.spoofing_protection,
                account.require_tls,
                account.created_at,
                account.updated_at
            ],
            true,
        )?;
        if inserted == 0 {
            bail!(
                "account {:?} already exists\nhint: change it with `xmfax accounts set {}`",
                account.id,
                account.id
            );
        }
        Ok(())
    }

    pub fn update_account(&mut self, account: &Account) -> Result<()> {
        self.update_rows(
            ConfigTable::Accounts,
            "name = ?2, fax_number = ?3, region = ?4, profile = ?5, language = ?6,
                spoofing_protection = ?7, require_tls = ?8, updated_at = ?9",
            "id = ?1",
            params![
                account.id,
                account.name,
                account.fax_number,
                account.region.as_str(),
                account.profile,
                account.language,
                account.spoofing_protection,
                account.require_tls,
                account.updated_at
            ],
        )?;
        Ok(())
    }

    /// Removes an account and everything it has. Its users, networks, trusted domains, challenges and
    /// proofs are deleted
    /// here one table at a time rather than left to `ON DELETE CASCADE`, so that the digest sees them go.
    pub fn delete_account(&mut self, id: &str) -> Result<()> {
        for table in [
            ConfigTable::Users,
            ConfigTable::Whitelist,
            ConfigTable::TrustedDomains,
            ConfigTable::DnsChallenges,
            ConfigTable::DnsProofs,
        ] {
            self.delete_rows(table, "account_id = ?1", params![id])?;
        }
        self.delete_rows(ConfigTable::Accounts, "id = ?1", params![id])?;
        Ok(())
    }

    pub fn insert_user(&mut self, email_key: &str, user: &User) -> Result<()> {
        self.insert_row(
            ConfigTable::Users,
            params![
                email_key,
                user.account,
                user.email,
                user.profile,
                user.language,
                user.fax_number,
                user.created_at
            ],
            false,
        )?;
        Ok(())
    }

    pub fn delete_user(&mut self, email_key: &str) -> Result<()> {
        self.delete_rows(ConfigTable::Users, "email_key = ?1", params![email_key])?;
        Ok(())
    }

    /// Adds a network; false when the account already had it.
    pub fn insert_whitelist(&mut self, account: &str, network: &str) -> Result<bool> {
        let now = self.now();
        let inserted = self.insert_row(ConfigTable::Whitelist, params![account, network, now], true)?;
        Ok(inserted == 1)
    }

    /// Removes a network; false when the account did not have it.
    pub fn delete_whitelist(&mut self, account: &str, network: &str) -> Result<bool> {
        let deleted = self.delete_rows(
            ConfigTable::Whitelist,
            "account_id = ?1 AND network = ?2",
            params![account, network],
        )?;
        Ok(deleted == 1)
    }
}
