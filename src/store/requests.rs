//! SQL for processed request forms: each is kept forever with its text, outcome and reasons.

use super::config::ConfigTable;
use super::{Db, Tx};
use crate::model::{Request, RequestRecord};
use crate::policy::certification::RequestFacts;
use anyhow::{Context, Result};
use rusqlite::{OptionalExtension, Row, params};
use serde::de::DeserializeOwned;

const COLUMNS: &str = "reference, account_id, action, status, form_sha256, signed_by, signed_on, reasons, changes, processed_by, processed_at";

/// Reads the columns of [`COLUMNS`].
fn request_from_row(row: &Row<'_>) -> rusqlite::Result<Request> {
    Ok(Request {
        reference: row.get(0)?,
        account: row.get(1)?,
        action: row.get(2)?,
        status: row.get(3)?,
        form_sha256: row.get(4)?,
        signed_by: row.get(5)?,
        signed_on: row.get(6)?,
        reasons: json_column(row, 7)?,
        changes: json_column(row, 8)?,
        processed_by: row.get(9)?,
        processed_at: row.get(10)?,
    })
}

/// A JSON column written by xmfax; one that does not parse was edited by hand and is reported as such.
fn json_column<T: DeserializeOwned>(row: &Row<'_>, index: usize) -> rusqlite::Result<T> {
    let text: String = row.get(index)?;
    serde_json::from_str(&text).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Text, Box::new(e))
    })
}

impl Db<'_> {
    /// What a request says about the domains it may certify, by its reference (any status).
    /// Cached: an import asks it once per reference its file names.
    pub fn request_facts(&self, reference: &str) -> Result<Option<RequestFacts>> {
        let mut stmt = self.0.prepare_cached(
            "SELECT reference, account_id, status, form_text FROM requests WHERE reference = ?1",
        )?;
        Ok(stmt
            .query_row([reference], |row| {
                Ok(RequestFacts::from_record(
                    row.get_ref(0)?.as_str()?,
                    row.get_ref(1)?.as_str()?,
                    row.get_ref(2)?.as_str()?,
                    row.get_ref(3)?.as_str()?,
                ))
            })
            .optional()?)
    }

    /// How many signed forms are on record for this account ID (they outlive the account).
    pub fn request_count(&self, account: &str) -> Result<i64> {
        Ok(self.0.query_row(
            "SELECT count(*) FROM requests WHERE account_id = ?1",
            [account],
            |row| row.get(0),
        )?)
    }

    /// Every request reference with its account, newest first (for completion).
    pub fn request_references(&self) -> Result<Vec<(String, String)>> {
        let mut stmt = self
            .0
            .prepare("SELECT reference, account_id FROM requests ORDER BY processed_at DESC")?;
        let rows = stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One request with the text of its form.
    pub fn request(&self, reference: &str) -> Result<Option<RequestRecord>> {
        let sql = format!("SELECT {COLUMNS}, form_text FROM requests WHERE reference = ?1");
        self.0
            .query_row(&sql, [reference], |row| {
                Ok(RequestRecord {
                    request: request_from_row(row)?,
                    form_text: row.get(11)?,
                })
            })
            .optional()
            .with_context(|| format!("cannot read request {reference:?} from the store"))
    }

    /// Requests, optionally of one account and of one status, in the order they were processed.
    pub fn requests(&self, account: Option<&str>, status: Option<&str>) -> Result<Vec<Request>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM requests WHERE (?1 IS NULL OR account_id = ?1) AND (?2 IS NULL OR status = ?2)
             ORDER BY processed_at, reference"
        );
        let mut stmt = self.0.prepare(&sql)?;
        let rows = stmt.query_map(params![account, status], request_from_row)?;
        rows.collect::<rusqlite::Result<_>>()
            .context("cannot read the requests from the store")
    }
}

impl Tx<'_> {
    pub fn insert_request(&mut self, record: &RequestRecord) -> Result<()> {
        let request = &record.request;
        self.insert_row(
            ConfigTable::Requests,
            params![
                request.reference,
                request.account,
                request.action,
                request.status,
                record.form_text,
                request.form_sha256,
                request.signed_by,
                request.signed_on,
                serde_json::to_string(&request.reasons)?,
                serde_json::to_string(&request.changes)?,
                request.processed_by,
                request.processed_at,
            ],
            false,
        )?;
        Ok(())
    }
}
