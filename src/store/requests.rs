//! SQL for processed request forms.

use super::Db;
use anyhow::Result;
use rusqlite::OptionalExtension;

/// What a trusted domain needs from an approved request: whose account it is and who signed it when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApprovedRequest {
    pub reference: String,
    pub account: String,
    pub signed_by: Option<String>,
    pub signed_on: Option<String>,
}

impl Db<'_> {
    pub fn approved_request(&self, reference: &str) -> Result<Option<ApprovedRequest>> {
        Ok(self
            .0
            .query_row(
                "SELECT reference, account_id, signed_by, signed_on FROM requests
                 WHERE reference = ?1 AND status = 'approved'",
                [reference],
                |row| {
                    Ok(ApprovedRequest {
                        reference: row.get(0)?,
                        account: row.get(1)?,
                        signed_by: row.get(2)?,
                        signed_on: row.get(3)?,
                    })
                },
            )
            .optional()?)
    }
}

impl Db<'_> {
    /// Every request reference with its account, newest first (for completion).
    pub fn request_references(&self) -> Result<Vec<(String, String)>> {
        let mut stmt = self
            .0
            .prepare("SELECT reference, account_id FROM requests ORDER BY processed_at DESC")?;
        let rows = stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
