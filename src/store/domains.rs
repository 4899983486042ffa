//! SQL for trusted email domains.

use super::config::ConfigTable;
use super::sql::{Param, Row, params};
use super::{Db, Tx};
use crate::model::TrustedDomain;
use anyhow::Result;

/// A trusted domain with no ownership certification on record (possible after a direct import).
pub(super) const UNCERTIFIED: &str = "(certified_by IS NULL OR certified_by = '' OR certified_on IS NULL)";

const COLUMNS: &str =
    "domain, account_id, include_subdomains, certified_by, certified_on, request_ref, added_by, added_at";

fn domain_from_row(row: &Row<'_>) -> Result<TrustedDomain> {
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

/// The key that puts a domain next to the names below it: its labels in reverse order, each followed
/// by a dot (`mail.example.corp` is `corp.example.mail.`). Every name strictly below `example.corp`
/// has a key that starts with `corp.example.`, so finding them is one range scan of an index.
pub fn reversed_labels(domain: &str) -> String {
    let mut key = String::with_capacity(domain.len() + 1);
    reversed_labels_into(domain, &mut key);
    key
}

/// [`reversed_labels`], appended to `key` (a bulk write reuses one buffer).
pub(super) fn reversed_labels_into(domain: &str, key: &mut String) {
    for label in domain.rsplit('.') {
        key.push_str(label);
        key.push('.');
    }
}

/// The half-open range of keys strictly below `domain`: from `corp.example.` (exclusive) to
/// `corp.example/` ('/' follows '.' in binary order).
pub(super) fn keys_below(domain: &str) -> (String, String) {
    let start = reversed_labels(domain);
    let mut end = start.clone();
    end.pop();
    end.push('/');
    (start, end)
}

/// How many conflicting names below a domain are reported (the check stops reading there, so its
/// cost never depends on how many names another account keeps below it).
pub const BELOW_REPORTED: u32 = 100;

impl Db<'_> {
    /// The trusted domains of one account, by name.
    pub fn account_domains(&self, account: &str) -> Result<Vec<TrustedDomain>> {
        self.0.query_map(
            &format!("SELECT {COLUMNS} FROM trusted_domains WHERE account_id = ?1 ORDER BY domain"),
            [account],
            domain_from_row,
        )
    }

    /// How many domains an account trusts.
    pub fn account_domain_count(&self, account: &str) -> Result<u64> {
        self.0.query_row(
            "SELECT count(*) FROM trusted_domains WHERE account_id = ?1",
            [account],
            |row| row.get(0),
        )
    }

    /// Streams trusted domains to `consume`, ordered by account then domain: those of `account`, or
    /// of every account, starting after `after` (an account and a domain) and at most `limit`.
    pub fn stream_trusted_domains<T>(
        &self,
        account: Option<&str>,
        after: Option<(&str, &str)>,
        limit: Option<u32>,
        consume: impl FnOnce(&mut dyn Iterator<Item = Result<TrustedDomain>>) -> Result<T>,
    ) -> Result<T> {
        // Each case is its own statement, so that each is an index range scan from its first row.
        let limit = super::sql_limit(limit);
        let (filter, params): (&str, Vec<&dyn Param>) = match (&account, &after) {
            (Some(id), None) => ("account_id = ?2", vec![&limit, id]),
            (Some(id), Some((_, domain))) => ("account_id = ?2 AND domain > ?3", vec![&limit, id, domain]),
            (None, None) => ("TRUE", vec![&limit]),
            (None, Some((id, domain))) => ("(account_id, domain) > (?2, ?3)", vec![&limit, id, domain]),
        };
        self.0.stream(
            &format!(
                "SELECT {COLUMNS} FROM trusted_domains WHERE {filter} ORDER BY account_id, domain LIMIT ?1"
            ),
            params,
            domain_from_row,
            consume,
        )
    }

    /// The trusted-domain row for exactly this normalized name, whichever account holds it.
    pub fn trusted_domain(&self, domain: &str) -> Result<Option<TrustedDomain>> {
        self.0.query_opt(
            &format!("SELECT {COLUMNS} FROM trusted_domains WHERE domain = ?1"),
            [domain],
            domain_from_row,
        )
    }

    /// Trusted domains strictly below `domain` held by another account than `account` (what a new
    /// entry that includes subdomains conflicts with), at most [`BELOW_REPORTED`], by name.
    ///
    /// One range scan of the reversed-labels index, in its order, so that which names are reported
    /// past the limit is the same on both backends. Rows without a key (written behind xmfax's
    /// back, never by it) are read too and judged by their name, so that they cannot hide a conflict.
    pub fn trusted_domains_below(&self, domain: &str, account: &str) -> Result<Vec<TrustedDomain>> {
        let (start, end) = keys_below(domain);
        let mut below = self.0.query_map(
            &format!(
                "SELECT {COLUMNS} FROM trusted_domains
                 WHERE labels_reversed > ?1 AND labels_reversed < ?2 AND account_id <> ?3
                 ORDER BY labels_reversed LIMIT ?4"
            ),
            params![start, end, account, BELOW_REPORTED],
            domain_from_row,
        )?;
        let suffix = format!(".{domain}");
        below.extend(self.0.query_map(
            &format!(
                "SELECT {COLUMNS} FROM trusted_domains
                 WHERE labels_reversed IS NULL
                   AND substr(domain, length(domain) - length(CAST(?1 AS TEXT)) + 1) = ?1
                   AND account_id <> ?2
                 ORDER BY domain LIMIT ?3"
            ),
            params![suffix, account, BELOW_REPORTED],
            domain_from_row,
        )?);
        below.sort_by(|a, b| a.domain.cmp(&b.domain));
        below.truncate(BELOW_REPORTED as usize);
        Ok(below)
    }

    pub fn uncertified_domains(&self, account: &str) -> Result<Vec<String>> {
        self.0.query_map(
            &format!(
                "SELECT domain FROM trusted_domains WHERE account_id = ?1 AND {UNCERTIFIED} ORDER BY domain"
            ),
            [account],
            |row| row.get(0),
        )
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
                domain.added_at,
                reversed_labels(&domain.domain)
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
