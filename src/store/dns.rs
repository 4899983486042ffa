//! SQL for domain-control challenges and proofs, and for the store's settings.

use super::config::ConfigTable;
use super::sql::{Param, Row, params};
use super::{Db, Tx};
use crate::model::dns::{DnsChallenge, DnsProof};
use anyhow::Result;

const PROOF_COLUMNS: &str = "account_id, domain, proven_at, server, record, proven_by";

fn proof_from_row(row: &Row<'_>) -> Result<DnsProof> {
    Ok(DnsProof {
        account: row.get(0)?,
        domain: row.get(1)?,
        proven_at: row.get(2)?,
        server: row.get(3)?,
        record: row.get(4)?,
        proven_by: row.get(5)?,
    })
}

/// A challenge row: `(token, issued_by, issued_at)`.
pub type ChallengeRow = (String, String, String);

impl Db<'_> {
    /// The challenge issued to `account` for `domain`, if any.
    pub fn dns_challenge(&self, account: &str, domain: &str) -> Result<Option<ChallengeRow>> {
        self.0.query_opt(
            "SELECT token, issued_by, issued_at FROM dns_challenges WHERE account_id = ?1 AND domain = ?2",
            params![account, domain],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )
    }

    /// Cached: a streamed `domains list` asks it once per domain.
    pub fn dns_proof(&self, account: &str, domain: &str) -> Result<Option<DnsProof>> {
        self.0.query_opt(
            &format!("SELECT {PROOF_COLUMNS} FROM dns_proofs WHERE account_id = ?1 AND domain = ?2"),
            params![account, domain],
            proof_from_row,
        )
    }

    /// The proofs of one account, or of every account, by account then domain.
    pub fn dns_proofs(&self, account: Option<&str>) -> Result<Vec<DnsProof>> {
        // One statement each: `?1 IS NULL OR account_id = ?1` would keep the key unused.
        let (filter, params): (&str, Vec<&dyn Param>) = match &account {
            None => ("TRUE", vec![]),
            Some(id) => ("account_id = ?1", vec![id]),
        };
        self.0.query_map(
            &format!("SELECT {PROOF_COLUMNS} FROM dns_proofs WHERE {filter} ORDER BY account_id, domain"),
            &*params,
            proof_from_row,
        )
    }

    /// A store setting's value, if it was ever set.
    pub fn setting(&self, name: &str) -> Result<Option<String>> {
        self.0
            .query_opt("SELECT value FROM settings WHERE name = ?1", [name], |row| {
                row.get(0)
            })
    }
}

impl Tx<'_> {
    /// Records a challenge, replacing an earlier one for the same account and domain.
    pub fn upsert_dns_challenge(&mut self, challenge: &DnsChallenge) -> Result<()> {
        let values = params![
            challenge.account,
            challenge.domain,
            challenge.token,
            challenge.issued_by,
            challenge.issued_at
        ];
        let updated = self.update_rows(
            ConfigTable::DnsChallenges,
            "token = ?3, issued_by = ?4, issued_at = ?5",
            "account_id = ?1 AND domain = ?2",
            values,
        )?;
        if updated == 0 {
            self.insert_row(ConfigTable::DnsChallenges, values, false)?;
        }
        Ok(())
    }

    /// Records a proof, replacing an earlier one for the same account and domain.
    pub fn upsert_dns_proof(&mut self, proof: &DnsProof) -> Result<()> {
        let values = params![
            proof.account,
            proof.domain,
            proof.proven_at,
            proof.server,
            proof.record,
            proof.proven_by
        ];
        let updated = self.update_rows(
            ConfigTable::DnsProofs,
            "proven_at = ?3, server = ?4, record = ?5, proven_by = ?6",
            "account_id = ?1 AND domain = ?2",
            values,
        )?;
        if updated == 0 {
            self.insert_row(ConfigTable::DnsProofs, values, false)?;
        }
        Ok(())
    }

    /// Removes every proof of an account (an import then writes the file's).
    pub fn delete_dns_proofs(&mut self, account: &str) -> Result<()> {
        self.delete_rows(ConfigTable::DnsProofs, "account_id = ?1", params![account])?;
        Ok(())
    }

    pub fn set_setting(&mut self, name: &str, value: &str) -> Result<()> {
        let values = params![name, value];
        if self.update_rows(ConfigTable::Settings, "value = ?2", "name = ?1", values)? == 0 {
            self.insert_row(ConfigTable::Settings, values, false)?;
        }
        Ok(())
    }
}
