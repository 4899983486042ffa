//! The audit trail's hash chain: how a row's hash is computed, and verification of a whole chain.

use sha2::{Digest, Sha256};

/// The hash the first row chains from.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The fields of an audit row that its hash covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditFields {
    pub seq: i64,
    pub at: String,
    pub agent: String,
    pub action: String,
    pub account: Option<String>,
    pub subject: Option<String>,
    /// A JSON document, hashed as the exact text stored.
    pub details: String,
}

/// A stored audit row: its fields and the hashes recorded with them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainedRow {
    pub fields: AuditFields,
    pub prev_hash: String,
    pub hash: String,
}

/// SHA-256 over the previous hash and a canonical encoding of the row's fields.
///
/// The encoding is a JSON array: strings are escaped unambiguously and `null` differs from `""`,
/// so no two different rows encode alike.
pub fn row_hash(prev_hash: &str, fields: &AuditFields) -> String {
    let canonical = serde_json::json!([
        fields.seq,
        fields.at,
        fields.agent,
        fields.action,
        fields.account,
        fields.subject,
        fields.details,
    ]);
    let mut hasher = Sha256::new();
    hasher.update(prev_hash.as_bytes());
    hasher.update(b"\n");
    hasher.update(canonical.to_string().as_bytes());
    hex::encode(hasher.finalize())
}

/// Where and why a chain stops holding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Break {
    pub seq: i64,
    pub reason: String,
}

/// The last row the store says it wrote, kept apart from the rows so that deleting the newest rows shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    pub seq: i64,
    pub hash: String,
}

/// Verifies rows in `seq` order: consecutive numbers from 1, each linked to its predecessor, each hash
/// matching its fields, and the last one matching the recorded head. Returns the number of rows.
pub fn verify(rows: &[ChainedRow], head: Option<&Head>) -> Result<usize, Break> {
    let mut prev_hash = GENESIS_HASH;
    let mut expected_seq = 1;
    for row in rows {
        let seq = row.fields.seq;
        if seq != expected_seq {
            let reason = if seq > expected_seq {
                format!("row {expected_seq} is missing (deleted?): the next row is {seq}")
            } else {
                format!("row {seq} is out of sequence (inserted?): expected row {expected_seq}")
            };
            return Err(Break {
                seq: expected_seq,
                reason,
            });
        }
        if row.prev_hash != prev_hash {
            return Err(Break {
                seq,
                reason: format!(
                    "row {seq} does not link to row {}: a row before it was removed or replaced",
                    seq - 1
                ),
            });
        }
        if row_hash(prev_hash, &row.fields) != row.hash {
            return Err(Break {
                seq,
                reason: format!("row {seq} was modified: its content no longer matches its hash"),
            });
        }
        prev_hash = &row.hash;
        expected_seq += 1;
    }
    let last_seq = expected_seq - 1;
    match head {
        Some(head) if head.seq != last_seq || head.hash != prev_hash => Err(Break {
            seq: head.seq.min(last_seq + 1),
            reason: format!(
                "the chain ends at row {last_seq} but the store recorded row {} as the last: rows were removed or appended behind the tool's back",
                head.seq
            ),
        }),
        None if last_seq != 0 => Err(Break {
            seq: 1,
            reason: "audit rows exist but the chain head record is missing".into(),
        }),
        _ => Ok(rows.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(n: i64) -> (Vec<ChainedRow>, Head) {
        let mut rows = Vec::new();
        let mut prev = GENESIS_HASH.to_string();
        for seq in 1..=n {
            let fields = AuditFields {
                seq,
                at: format!("2026-11-27T10:00:0{seq}Z"),
                agent: "ann".into(),
                action: "accounts.add".into(),
                account: Some("acme".into()),
                subject: None,
                details: "{}".into(),
            };
            let hash = row_hash(&prev, &fields);
            rows.push(ChainedRow {
                fields,
                prev_hash: prev.clone(),
                hash: hash.clone(),
            });
            prev = hash;
        }
        let head = Head { seq: n, hash: prev };
        (rows, head)
    }

    #[test]
    fn intact_chain_verifies() {
        let (rows, head) = chain(4);
        assert_eq!(verify(&rows, Some(&head)), Ok(4));
        assert_eq!(verify(&[], None), Ok(0));
    }

    #[test]
    fn edited_row_is_named() {
        let (mut rows, head) = chain(4);
        rows[2].fields.agent = "mallory".into();
        assert_eq!(verify(&rows, Some(&head)).unwrap_err().seq, 3);
    }

    #[test]
    fn null_and_empty_differ() {
        let (mut rows, head) = chain(2);
        rows[0].fields.subject = Some(String::new());
        assert_eq!(verify(&rows, Some(&head)).unwrap_err().seq, 1);
    }

    #[test]
    fn deleted_rows_are_found_in_the_middle_and_at_the_end() {
        let (rows, head) = chain(4);
        let mut middle = rows.clone();
        middle.remove(1);
        assert_eq!(verify(&middle, Some(&head)).unwrap_err().seq, 2);
        let tail = &rows[..3];
        assert_eq!(verify(tail, Some(&head)).unwrap_err().seq, 4);
    }

    #[test]
    fn inserted_row_is_found() {
        let (mut rows, head) = chain(3);
        let mut forged = rows[1].clone();
        forged.fields.seq = 3;
        rows.insert(2, forged);
        for row in rows.iter_mut().skip(3) {
            row.fields.seq += 1;
        }
        assert_eq!(verify(&rows, Some(&head)).unwrap_err().seq, 3);
    }
}
