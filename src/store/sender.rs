//! SQL for the sender test's batch mode: everything a decision needs, read in bulk in one pass per
//! table so that a batch never runs a query per address.

use super::Db;
use super::domains::UNCERTIFIED;
use anyhow::{Context, Result};
use rusqlite::types::ValueRef;

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

fn text<'r>(value: ValueRef<'r>) -> Result<&'r str> {
    Ok(value.as_str()?)
}

fn optional_text<'r>(value: ValueRef<'r>) -> Result<Option<&'r str>> {
    match value {
        ValueRef::Null => Ok(None),
        other => text(other).map(Some),
    }
}

impl Db<'_> {
    /// Calls `visit` for every trusted domain, without copying a row unless the caller does.
    pub fn for_each_trusted_domain(&self, mut visit: impl FnMut(TrustRow<'_>)) -> Result<()> {
        let mut stmt = self.0.prepare(&format!(
            "SELECT domain, account_id, include_subdomains, NOT {UNCERTIFIED} FROM trusted_domains"
        ))?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            visit(TrustRow {
                domain: text(row.get_ref(0)?)?,
                account: text(row.get_ref(1)?)?,
                include_subdomains: row.get(2)?,
                certified: row.get(3)?,
            });
        }
        Ok(())
    }

    /// Calls `visit` for every registered user of every account.
    pub fn for_each_user(&self, mut visit: impl FnMut(UserRow<'_>)) -> Result<()> {
        let mut stmt = self
            .0
            .prepare("SELECT email_key, account_id, profile, language, fax_number FROM users")?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            visit(UserRow {
                key: text(row.get_ref(0)?)?,
                account: text(row.get_ref(1)?)?,
                profile: optional_text(row.get_ref(2)?)?,
                language: optional_text(row.get_ref(3)?)?,
                fax_number: optional_text(row.get_ref(4)?)?,
            });
        }
        Ok(())
    }

    /// Every whitelist entry of every account, as `(account, network)`.
    pub fn all_whitelist_entries(&self) -> Result<Vec<(String, String)>> {
        let mut stmt = self
            .0
            .prepare("SELECT account_id, network FROM whitelist ORDER BY account_id, network")?;
        let rows = stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()
            .context("cannot read the whitelist")
    }
}
