//! SQL for trusted email domains.

use super::config::ConfigTable;
use super::{Db, Tx};
use crate::model::TrustedDomain;
use anyhow::Result;
use rusqlite::{OptionalExtension, Row, params};

/// A trusted domain with no ownership certification on record (possible after a direct import).
pub(super) const UNCERTIFIED: &str = "(certified_by IS NULL OR certified_by = '' OR certified_on IS NULL)";

const COLUMNS: &str =
    "domain, account_id, include_subdomains, certified_by, certified_on, request_ref, added_by, added_at";

fn domain_from_row(row: &Row<'_>) -> rusqlite::Result<TrustedDomain> {
    let domain: String = row.get(0)?;
    let (unicode, _) = idna::domain_to_unicode(&domain);
    Ok(TrustedDomain {
        domain,
        unicode,
        account: row.get(1)?,
        include_subdomains: row.get(2)?,
        certified_by: row.get(3)?,
        certified_on: row.get(4)?,
        request: row.get(5)?,
        added_by: row.get(6)?,
        added_at: row.get(7)?,
    })
}

impl Db<'_> {
    /// Trusted domains of one account, or of every account, ordered by account then domain.
    pub fn trusted_domains(&self, account: Option<&str>) -> Result<Vec<TrustedDomain>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM trusted_domains WHERE ?1 IS NULL OR account_id = ?1 ORDER BY account_id, domain"
        );
        let mut stmt = self.0.prepare(&sql)?;
        let rows = stmt.query_map([account], domain_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The trusted-domain row for exactly this normalized name, whichever account holds it.
    pub fn trusted_domain(&self, domain: &str) -> Result<Option<TrustedDomain>> {
        let mut stmt = self.0.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM trusted_domains WHERE domain = ?1"
        ))?;
        Ok(stmt.query_row([domain], domain_from_row).optional()?)
    }

    /// Trusted domains strictly below `domain` (for a new entry that includes subdomains).
    pub fn trusted_domains_below(&self, domain: &str) -> Result<Vec<TrustedDomain>> {
        // Range scan on the primary key rather than LIKE, whose wildcards '_' and '%' could appear in stored data.
        let mut stmt = self.0.prepare(&format!(
            "SELECT {COLUMNS} FROM trusted_domains WHERE substr(domain, -length(?1) - 1) = '.' || ?1 ORDER BY domain"
        ))?;
        let rows = stmt.query_map([domain], domain_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn uncertified_domains(&self, account: &str) -> Result<Vec<String>> {
        let mut stmt = self.0.prepare(&format!(
            "SELECT domain FROM trusted_domains WHERE account_id = ?1 AND {UNCERTIFIED} ORDER BY domain"
        ))?;
        let rows = stmt.query_map([account], |row| row.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

impl Tx<'_> {
    pub fn insert_trusted_domain(&mut self, domain: &TrustedDomain) -> Result<()> {
        self.insert_row(
            ConfigTable::TrustedDomains,
            params![
                domain.domain,
                domain.account,
                domain.include_subdomains,
                domain.certified_by,
                domain.certified_on,
                domain.request,
                None::<i64>,
                domain.added_by,
                domain.added_at
            ],
            false,
        )?;
        Ok(())
    }

    /// Re-trusts a domain the same account already trusts, on new terms (subdomains, certification);
    /// the row then comes from this command, not from an import. False when that account did not trust it.
    pub fn update_trusted_domain(&mut self, domain: &TrustedDomain) -> Result<bool> {
        let updated = self.update_rows(
            ConfigTable::TrustedDomains,
            "include_subdomains = ?3, certified_by = ?4, certified_on = ?5,
               request_ref = ?6, import_id = NULL, added_by = ?7, added_at = ?8",
            "domain = ?1 AND account_id = ?2",
            params![
                domain.domain,
                domain.account,
                domain.include_subdomains,
                domain.certified_by,
                domain.certified_on,
                domain.request,
                domain.added_by,
                domain.added_at
            ],
        )?;
        Ok(updated == 1)
    }

    /// Removes a trusted domain of an account; false when that account did not trust it.
    pub fn delete_trusted_domain(&mut self, account: &str, domain: &str) -> Result<bool> {
        let deleted = self.delete_rows(
            ConfigTable::TrustedDomains,
            "account_id = ?1 AND domain = ?2",
            params![account, domain],
        )?;
        Ok(deleted == 1)
    }
}
