//! Table views of processed request forms.

use super::{Block, Row, Tabular, or_dash};
use crate::model::{Request, RequestReason, RequestRecord};

// The signature and who processed a request are in `requests show` and the JSON; the list keeps
// what tells requests apart, and so fits 80 columns.
impl Row for Request {
    const HEADER: &'static [&'static str] =
        &["REFERENCE", "ACCOUNT", "ACTION", "STATUS", "PROCESSED", "OUTCOME"];
    fn cells(&self) -> Vec<String> {
        vec![
            self.reference.clone(),
            self.account.clone(),
            self.action.clone(),
            self.status.clone(),
            date_part(&self.processed_at),
            outcome(self),
        ]
    }
}

/// `2026-11-20` of `2026-11-20T09:30:00Z`: the day is what a list needs.
pub fn date_part(timestamp: &str) -> String {
    timestamp.split('T').next().unwrap_or(timestamp).to_string()
}

/// What an approved request changed (`+2 -1`), or why a refused one was refused (its codes).
pub fn outcome(request: &Request) -> String {
    if request.reasons.is_empty() {
        change_counts(request)
    } else {
        reason_codes(request)
    }
}

/// The distinct codes of a request's reasons, in order: the gist of a refusal in one cell.
pub fn reason_codes(request: &Request) -> String {
    let mut codes: Vec<&str> = Vec::new();
    for reason in &request.reasons {
        if !codes.contains(&reason.code.as_str()) {
            codes.push(&reason.code);
        }
    }
    codes.join(", ")
}

/// "+2 -1": what an approved request changed, for one-line summaries.
pub fn change_counts(request: &Request) -> String {
    format!(
        "+{} -{}",
        request.changes.added.len(),
        request.changes.removed.len()
    )
}

impl Tabular for RequestRecord {
    fn blocks(&self) -> Vec<Block> {
        let request = &self.request;
        let list = |domains: &[String]| {
            if domains.is_empty() {
                "-".to_string()
            } else {
                domains.join(", ")
            }
        };
        let mut blocks = vec![
            Block::Title(format!("Request {}", request.reference)),
            Block::Fields(vec![
                ("Account", request.account.clone()),
                ("Action", request.action.clone()),
                ("Status", request.status.clone()),
                ("Signed by", or_dash(&request.signed_by)),
                ("Signed on", or_dash(&request.signed_on)),
                ("Processed by", request.processed_by.clone()),
                ("Processed at", request.processed_at.clone()),
                ("Form SHA-256", request.form_sha256.clone()),
                ("Added", list(&request.changes.added)),
                ("Removed", list(&request.changes.removed)),
            ]),
        ];
        if !request.reasons.is_empty() {
            blocks.push(Block::Title("Reasons".into()));
            blocks.push(reason_rows(&request.reasons, "(none)"));
        }
        blocks.push(Block::Title("Form as received".into()));
        blocks.extend(
            self.form_text
                .lines()
                .map(|line| Block::Line(format!("  | {line}"))),
        );
        blocks
    }
}

/// The reasons of a request outcome, one row each.
pub fn reason_rows(reasons: &[RequestReason], empty: &'static str) -> Block {
    Block::Rows {
        header: vec!["CODE", "DOMAIN", "REASON"],
        rows: reasons
            .iter()
            .map(|r| {
                vec![
                    r.code.clone(),
                    r.domain.clone().unwrap_or_default(),
                    r.message.clone(),
                ]
            })
            .collect(),
        empty,
    }
}
