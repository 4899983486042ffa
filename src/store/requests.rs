//! SQL for processed request forms: each is kept forever with its text, outcome and reasons.

use super::config::ConfigTable;
use super::sql::{Param, Row, params};
use super::{Db, Tx};
use crate::model::{Request, RequestRecord};
use crate::policy::certification::RequestFacts;
use anyhow::{Context, Result};
use serde::de::DeserializeOwned;

const COLUMNS: &str = "reference, account_id, action, status, form_sha256, signed_by, signed_on, reasons, changes, processed_by, processed_at";

/// Reads the columns of [`COLUMNS`].
fn request_from_row(row: &Row<'_>) -> Result<Request> {
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
fn json_column<T: DeserializeOwned>(row: &Row<'_>, index: usize) -> Result<T> {
    let text: String = row.get(index)?;
    serde_json::from_str(&text).with_context(|| format!("column {index} is not the JSON xmfax writes"))
}

impl Db<'_> {
    /// What a request says about the domains it may certify, by its reference (any status).
    /// Cached: an import asks it once per reference its file names.
    pub fn request_facts(&self, reference: &str) -> Result<Option<RequestFacts>> {
        self.0.query_opt(
            "SELECT reference, account_id, status, form_text FROM requests WHERE reference = ?1",
            [reference],
            |row| {
                Ok(RequestFacts::from_record(
                    row.get(0)?,
                    row.get(1)?,
                    row.get(2)?,
                    row.get(3)?,
                ))
            },
        )
    }

    /// How many signed forms are on record for this account ID (they outlive the account).
    pub fn request_count(&self, account: &str) -> Result<i64> {
        self.0.query_row(
            "SELECT count(*) FROM requests WHERE account_id = ?1",
            [account],
            |row| row.get(0),
        )
    }

    /// Every request reference with its account, newest first (for completion).
    pub fn request_references(&self) -> Result<Vec<(String, String)>> {
        self.0.query_map(
            "SELECT reference, account_id FROM requests ORDER BY processed_at DESC",
            (),
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
    }

    /// One request with the text of its form.
    pub fn request(&self, reference: &str) -> Result<Option<RequestRecord>> {
        let sql = format!("SELECT {COLUMNS}, form_text FROM requests WHERE reference = ?1");
        self.0
            .query_opt(&sql, [reference], |row| {
                Ok(RequestRecord {
                    request: request_from_row(row)?,
                    form_text: row.get(11)?,
                })
            })
            .with_context(|| format!("cannot read request {reference:?} from the store"))
    }

    /// The requests processed for one account, in the order they were processed.
    pub fn account_requests(&self, account: &str) -> Result<Vec<Request>> {
        self.stream_requests(Some(account), None, None, None, |rows| rows.collect())
            .context("cannot read the requests from the store")
    }

    /// Streams requests to `consume` in the order they were processed: those of `account` (or
    /// all) with `status` (or any), after the request `after`, at most `limit`. An `after` that is
    /// no request is an error (requests are never removed, so a page's last one always exists).
    pub fn stream_requests<T>(
        &self,
        account: Option<&str>,
        status: Option<&str>,
        after: Option<&str>,
        limit: Option<u32>,
        consume: impl FnOnce(&mut dyn Iterator<Item = Result<Request>>) -> Result<T>,
    ) -> Result<T> {
        let position = match after {
            None => None,
            Some(reference) => Some(
                self.0
                    .query_opt(
                        "SELECT processed_at, reference FROM requests WHERE reference = ?1",
                        [reference],
                        |row| Ok((row.get::<String>(0)?, row.get::<String>(1)?)),
                    )?
                    .ok_or_else(|| {
                        anyhow::anyhow!(
                            "no request {reference:?} in this store to list after\nhint: --after takes the reference of a listed request"
                        )
                    })?,
            ),
        };
        let limit = super::sql_limit(limit);
        let mut filters = vec!["(CAST(?2 AS TEXT) IS NULL OR status = ?2)"];
        let mut params: Vec<&dyn Param> = vec![&limit, &status];
        if let Some(id) = &account {
            filters.push("account_id = ?3");
            params.push(id);
        }
        if let Some((at, reference)) = &position {
            filters.push(if account.is_some() {
                "(processed_at, reference) > (?4, ?5)"
            } else {
                "(processed_at, reference) > (?3, ?4)"
            });
            params.push(at);
            params.push(reference);
        }
        self.0.stream(
            &format!(
                "SELECT {COLUMNS} FROM requests WHERE {} ORDER BY processed_at, reference LIMIT ?1",
                filters.join(" AND ")
            ),
            params,
            request_from_row,
            consume,
        )
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
