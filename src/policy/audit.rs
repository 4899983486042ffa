//! The audit trail's hash chain (how a row's hash is computed, and streamed verification of a chain),
//! and the configuration digest: a multiset hash of every configuration row, kept in step with each
//! write and recorded on each audit row, so that a row changed behind xmfax's back shows.

use sha2::{Digest as _, Sha256};
use std::fmt;

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
    /// The configuration digest after the row's change (hex); `None` on rows written before xmfax
    /// kept one, whose hash covers the other fields only.
    pub digest: Option<String>,
}

/// An audit row as read from the store, borrowed (verification reads a million of them).
#[derive(Debug, Clone, Copy)]
pub struct RowRef<'a> {
    pub seq: i64,
    pub at: &'a str,
    pub agent: &'a str,
    pub action: &'a str,
    pub account: Option<&'a str>,
    pub subject: Option<&'a str>,
    pub details: &'a str,
    pub digest: Option<&'a str>,
    pub prev_hash: &'a str,
    pub hash: &'a str,
}

/// Feeds what serde_json writes straight into the hash, without building the text.
struct HashWriter<'h>(&'h mut Sha256);

impl std::io::Write for HashWriter<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.update(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// SHA-256 over the previous hash and a canonical encoding of the row's fields.
///
/// The encoding is a JSON array `[seq, at, agent, action, account, subject, details]`, with the
/// digest appended when the row has one: strings are escaped unambiguously and `null` differs from
/// `""`, so no two different rows encode alike.
fn row_hash_bytes(prev_hash: &[u8], row: &RowRef<'_>) -> [u8; 32] {
    let mut hasher = Sha256::new();
    hasher.update(prev_hash);
    hasher.update(b"\n");
    let fields = (
        row.seq,
        row.at,
        row.agent,
        row.action,
        row.account,
        row.subject,
        row.details,
    );
    let mut writer = HashWriter(&mut hasher);
    // Serializing plain strings and numbers into a hasher cannot fail.
    let _ = match row.digest {
        None => serde_json::to_writer(&mut writer, &fields),
        Some(digest) => {
            let (seq, at, agent, action, account, subject, details) = fields;
            serde_json::to_writer(
                &mut writer,
                &(seq, at, agent, action, account, subject, details, digest),
            )
        }
    };
    hasher.finalize().into()
}

/// The hash of a new row, in hex.
pub fn row_hash(prev_hash: &str, fields: &AuditFields) -> String {
    let row = RowRef {
        seq: fields.seq,
        at: &fields.at,
        agent: &fields.agent,
        action: &fields.action,
        account: fields.account.as_deref(),
        subject: fields.subject.as_deref(),
        details: &fields.details,
        digest: fields.digest.as_deref(),
        prev_hash,
        hash: "",
    };
    hex::encode(row_hash_bytes(prev_hash.as_bytes(), &row))
}

/// Where and why a chain stops holding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Break {
    pub seq: i64,
    pub reason: String,
}

/// The last row the store says it wrote, kept apart from the rows so that deleting the newest rows
/// shows, with the configuration digest after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    pub seq: i64,
    pub hash: String,
    pub digest: Option<String>,
}

/// What a streamed verification found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainOutcome {
    pub rows: u64,
    pub first_break: Option<Break>,
    /// The digest the last row records (the configuration as the chain vouches for it); `None` when
    /// there is no row, or the last row predates digests.
    pub last_digest: Option<String>,
    /// The sequence number of the row whose hash is the expected one (`--expect`), if any.
    pub expected_at: Option<i64>,
}

/// Verifies a chain row by row in `seq` order, in constant memory: consecutive numbers from 1, each
/// linked to its predecessor, each hash matching its fields; [`finish`](Self::finish) compares the
/// last row with the recorded head.
pub struct ChainVerifier {
    expected_seq: i64,
    /// The previous row's stored hash, as hex text.
    prev_hash: [u8; 64],
    last_digest: Option<[u8; 64]>,
    rows: u64,
    first_break: Option<Break>,
    expect: Option<[u8; 64]>,
    expected_at: Option<i64>,
}

impl ChainVerifier {
    /// `expect`: a head hash recorded earlier, to be found among the rows' hashes (any case).
    pub fn new(expect: Option<&str>) -> ChainVerifier {
        let mut prev_hash = [0u8; 64];
        prev_hash.copy_from_slice(GENESIS_HASH.as_bytes());
        ChainVerifier {
            expected_seq: 1,
            prev_hash,
            last_digest: None,
            rows: 0,
            first_break: None,
            expect: expect.and_then(hex64_lowercase),
            expected_at: None,
        }
    }

    /// Checks one row; after the first break, rows are only counted.
    pub fn push(&mut self, row: &RowRef<'_>) {
        self.rows += 1;
        if let Some(expect) = &self.expect
            && row.hash.as_bytes() == expect
        {
            self.expected_at = Some(row.seq);
        }
        if self.first_break.is_some() {
            return;
        }
        if let Err(broken) = self.check(row) {
            self.first_break = Some(broken);
        }
    }

    fn check(&mut self, row: &RowRef<'_>) -> Result<(), Break> {
        let seq = row.seq;
        let expected_seq = self.expected_seq;
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
        if row.prev_hash.as_bytes() != self.prev_hash {
            return Err(Break {
                seq,
                reason: format!(
                    "row {seq} does not link to row {}: a row before it was removed or replaced",
                    seq - 1
                ),
            });
        }
        let mut computed = [0u8; 64];
        // Encoding 32 bytes into 64 cannot fail.
        let _ = hex::encode_to_slice(row_hash_bytes(&self.prev_hash, row), &mut computed);
        if row.hash.as_bytes() != computed {
            return Err(Break {
                seq,
                reason: format!("row {seq} was modified: its content no longer matches its hash"),
            });
        }
        self.prev_hash = computed;
        self.last_digest = row.digest.and_then(hex64_lowercase);
        if row.digest.is_some() && self.last_digest.is_none() {
            return Err(Break {
                seq,
                reason: format!("row {seq} records a digest that is not 64 lower-case hex digits"),
            });
        }
        self.expected_seq += 1;
        Ok(())
    }

    /// Compares the end of the chain with the recorded head.
    pub fn finish(mut self, head: Option<&Head>) -> ChainOutcome {
        if self.first_break.is_none() {
            let last_seq = self.expected_seq - 1;
            let prev_hash = std::str::from_utf8(&self.prev_hash).unwrap_or_default();
            self.first_break = match head {
                Some(head) if head.seq != last_seq || head.hash != prev_hash => Some(Break {
                    seq: head.seq.min(last_seq + 1),
                    reason: format!(
                        "the chain ends at row {last_seq} but the store recorded row {} as the last: rows were removed or appended behind the tool's back",
                        head.seq
                    ),
                }),
                None if last_seq != 0 => Some(Break {
                    seq: 1,
                    reason: "audit rows exist but the chain head record is missing".into(),
                }),
                _ => None,
            };
        }
        ChainOutcome {
            rows: self.rows,
            first_break: self.first_break,
            last_digest: self.last_digest.map(|d| String::from_utf8_lossy(&d).into_owned()),
            expected_at: self.expected_at,
        }
    }
}

/// The 64 hex digits of a SHA-256 value in lower case, or `None` when `text` is not one.
fn hex64_lowercase(text: &str) -> Option<[u8; 64]> {
    let bytes = text.trim().as_bytes();
    if bytes.len() != 64 || !bytes.iter().all(u8::is_ascii_hexdigit) {
        return None;
    }
    let mut out = [0u8; 64];
    for (o, b) in out.iter_mut().zip(bytes) {
        *o = b.to_ascii_lowercase();
    }
    Some(out)
}

/// Whether `text` is a hash as `audit head` prints it (64 hex digits).
pub fn is_hash(text: &str) -> bool {
    hex64_lowercase(text).is_some()
}

/// Verifies a whole chain held in memory (tests and small tools): see [`ChainVerifier`].
pub fn verify(rows: &[ChainedRow], head: Option<&Head>) -> Result<u64, Break> {
    let mut verifier = ChainVerifier::new(None);
    for row in rows {
        verifier.push(&row.as_ref());
    }
    let outcome = verifier.finish(head);
    match outcome.first_break {
        None => Ok(outcome.rows),
        Some(broken) => Err(broken),
    }
}

/// A stored audit row: its fields and the hashes recorded with them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainedRow {
    pub fields: AuditFields,
    pub prev_hash: String,
    pub hash: String,
}

impl ChainedRow {
    pub fn as_ref(&self) -> RowRef<'_> {
        let f = &self.fields;
        RowRef {
            seq: f.seq,
            at: &f.at,
            agent: &f.agent,
            action: &f.action,
            account: f.account.as_deref(),
            subject: f.subject.as_deref(),
            details: &f.details,
            digest: f.digest.as_deref(),
            prev_hash: &self.prev_hash,
            hash: &self.hash,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The configuration digest

/// A multiset hash: the sum, modulo 2^256, of the SHA-256 of each row's canonical bytes. Adding a
/// row adds its hash, removing it subtracts it, so a write updates the digest in O(rows it changes)
/// and the order rows are visited in does not matter. Limbs are little-endian (`0` is the lowest).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct Digest([u64; 4]);

impl Digest {
    pub const ZERO: Digest = Digest([0; 4]);

    /// A SHA-256 value read as a big-endian 256-bit number.
    pub fn from_hash(hash: &[u8; 32]) -> Digest {
        let mut limbs = [0u64; 4];
        for (i, limb) in limbs.iter_mut().enumerate() {
            let at = 32 - 8 * (i + 1);
            let mut word = [0u8; 8];
            word.copy_from_slice(&hash[at..at + 8]);
            *limb = u64::from_be_bytes(word);
        }
        Digest(limbs)
    }

    pub fn add(&mut self, other: Digest) {
        let mut carry = false;
        for (a, b) in self.0.iter_mut().zip(other.0) {
            let (sum, c1) = a.overflowing_add(b);
            let (sum, c2) = sum.overflowing_add(u64::from(carry));
            *a = sum;
            carry = c1 || c2;
        }
    }

    pub fn sub(&mut self, other: Digest) {
        let mut borrow = false;
        for (a, b) in self.0.iter_mut().zip(other.0) {
            let (diff, b1) = a.overflowing_sub(b);
            let (diff, b2) = diff.overflowing_sub(u64::from(borrow));
            *a = diff;
            borrow = b1 || b2;
        }
    }

    pub fn is_zero(&self) -> bool {
        *self == Digest::ZERO
    }

    /// 64 lower-case hex digits, most significant first.
    pub fn to_hex(&self) -> String {
        self.0.iter().rev().map(|limb| format!("{limb:016x}")).collect()
    }

    pub fn from_hex(text: &str) -> Option<Digest> {
        let digits = hex64_lowercase(text)?;
        let mut bytes = [0u8; 32];
        hex::decode_to_slice(digits, &mut bytes).ok()?;
        Some(Digest::from_hash(&bytes))
    }
}

impl fmt::Display for Digest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

/// One value of a stored row, as SQL has it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell<'a> {
    Null,
    Integer(i64),
    Real(f64),
    Text(&'a [u8]),
    Blob(&'a [u8]),
}

/// Hashes one row's canonical bytes: a domain tag, the table's name, then each value with its type
/// tag (and length for text and blobs), so that no two different rows, in any table, encode alike.
pub struct RowHasher(Sha256);

impl RowHasher {
    pub fn new(table: &str) -> RowHasher {
        let mut hasher = Sha256::new();
        hasher.update(b"xmfax-config-row/v1\0");
        hasher.update(table.as_bytes());
        hasher.update([0]);
        RowHasher(hasher)
    }

    pub fn cell(&mut self, cell: Cell<'_>) {
        let h = &mut self.0;
        match cell {
            Cell::Null => h.update([0]),
            Cell::Integer(n) => {
                h.update([1]);
                h.update(n.to_be_bytes());
            }
            Cell::Real(x) => {
                h.update([2]);
                h.update(x.to_bits().to_be_bytes());
            }
            Cell::Text(bytes) | Cell::Blob(bytes) => {
                h.update([if matches!(cell, Cell::Text(_)) { 3 } else { 4 }]);
                h.update((bytes.len() as u64).to_be_bytes());
                h.update(bytes);
            }
        }
    }

    pub fn finish(self) -> Digest {
        Digest::from_hash(&self.0.finalize().into())
    }
}

/// One configuration table's share of the digest: how many rows it has and their summed hashes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TableDigest {
    pub rows: i64,
    pub digest: Digest,
}

/// A configuration table changed behind xmfax's back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tampering {
    pub table: String,
    pub message: String,
}

/// Compares the configuration as it is (`actual`, recomputed from the tables) with what xmfax
/// recorded: `recorded` per table (kept beside the head), and `chained`, the digest on the newest
/// audit row, which the hash chain vouches for. Returns one finding per table that differs; none
/// when the configuration is what the chain says it is.
pub fn configuration_findings(
    actual: &[(&str, TableDigest)],
    recorded: &[(&str, TableDigest)],
    chained: Digest,
) -> Vec<Tampering> {
    let mut total = Digest::ZERO;
    for (_, table) in actual {
        total.add(table.digest);
    }
    let recorded_of = |name: &str| {
        recorded
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, t)| *t)
            .unwrap_or_default()
    };
    let mut recorded_total = Digest::ZERO;
    for (_, table) in recorded {
        recorded_total.add(table.digest);
    }
    let mut findings = Vec::new();
    if total == chained {
        if recorded_total != chained || actual.iter().any(|(name, table)| recorded_of(name) != *table) {
            findings.push(Tampering {
                table: "config_digest".into(),
                message: "the per-table record of the configuration digest was edited (the tables themselves match the audit chain)".into(),
            });
        }
        return findings;
    }
    for (name, table) in actual {
        let kept = recorded_of(name);
        if kept == *table {
            continue;
        }
        let message = match table.rows - kept.rows {
            0 => format!(
                "a row of {name} was changed outside xmfax: its content no longer matches the configuration digest"
            ),
            n if n > 0 => format!(
                "{n} row(s) were inserted into {name} outside xmfax ({} now, {} recorded)",
                table.rows, kept.rows
            ),
            n => format!(
                "{} row(s) were deleted from {name} outside xmfax ({} now, {} recorded)",
                -n, table.rows, kept.rows
            ),
        };
        findings.push(Tampering {
            table: (*name).to_string(),
            message,
        });
    }
    if findings.is_empty() {
        findings.push(Tampering {
            table: "config_digest".into(),
            message: "the configuration does not match the digest on the newest audit row, and the per-table record was edited to hide which table changed".into(),
        });
    }
    findings
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
                digest: (seq > 2).then(|| Digest::ZERO.to_hex()),
            };
            let hash = row_hash(&prev, &fields);
            rows.push(ChainedRow {
                fields,
                prev_hash: prev.clone(),
                hash: hash.clone(),
            });
            prev = hash;
        }
        let head = Head {
            seq: n,
            hash: prev,
            digest: None,
        };
        (rows, head)
    }

    #[test]
    fn intact_chain_verifies() {
        let (rows, head) = chain(4);
        assert_eq!(verify(&rows, Some(&head)), Ok(4));
        assert_eq!(verify(&[], None), Ok(0));
    }

    /// Rows written before digests existed keep their hash: the encoding is the one serde_json gave
    /// a `json!` array, byte for byte.
    #[test]
    fn the_hash_of_a_row_without_digest_is_unchanged() {
        let fields = AuditFields {
            seq: 7,
            at: "2026-11-27T10:00:00Z".into(),
            agent: "ann \"the\" \\ agent \u{1}\u{202e}é".into(),
            action: "domains.add".into(),
            account: None,
            subject: Some(String::new()),
            details: "{\"a\": [1, null]}\n".into(),
            digest: None,
        };
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
        hasher.update(GENESIS_HASH.as_bytes());
        hasher.update(b"\n");
        hasher.update(canonical.to_string().as_bytes());
        assert_eq!(row_hash(GENESIS_HASH, &fields), hex::encode(hasher.finalize()));
        let with_digest = AuditFields {
            digest: Some(Digest::ZERO.to_hex()),
            ..fields.clone()
        };
        assert_ne!(
            row_hash(GENESIS_HASH, &with_digest),
            row_hash(GENESIS_HASH, &fields)
        );
    }

    #[test]
    fn edited_row_is_named() {
        let (mut rows, head) = chain(4);
        rows[2].fields.agent = "mallory".into();
        assert_eq!(verify(&rows, Some(&head)).unwrap_err().seq, 3);
        let (mut rows, head) = chain(4);
        rows[3].fields.digest = Some("1".repeat(64));
        assert_eq!(verify(&rows, Some(&head)).unwrap_err().seq, 4);
        let (mut rows, head) = chain(4);
        rows[3].fields.digest = None;
        assert_eq!(
            verify(&rows, Some(&head)).unwrap_err().seq,
            4,
            "a stripped digest shows"
        );
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

    #[test]
    fn an_expected_hash_is_found_in_any_case_and_a_foreign_one_is_not() {
        let (rows, head) = chain(4);
        let run = |expect: &str| {
            let mut verifier = ChainVerifier::new(Some(expect));
            for row in &rows {
                verifier.push(&row.as_ref());
            }
            verifier.finish(Some(&head))
        };
        assert_eq!(run(&rows[1].hash).expected_at, Some(2));
        assert_eq!(run(&rows[3].hash.to_uppercase()).expected_at, Some(4));
        assert_eq!(run(&"ab".repeat(32)).expected_at, None);
        let outcome = run(&rows[0].hash);
        assert_eq!(outcome.last_digest, Some(Digest::ZERO.to_hex()));
        assert_eq!(outcome.rows, 4);
    }

    fn hash_of(n: u8) -> Digest {
        let mut row = RowHasher::new("t");
        row.cell(Cell::Integer(i64::from(n)));
        row.finish()
    }

    #[test]
    fn the_digest_is_a_multiset_sum() {
        let (a, b, c) = (hash_of(1), hash_of(2), hash_of(3));
        let mut forward = Digest::ZERO;
        for d in [a, b, c] {
            forward.add(d);
        }
        let mut backward = Digest::ZERO;
        for d in [c, a, b] {
            backward.add(d);
        }
        assert_eq!(forward, backward, "order does not matter");
        forward.sub(b);
        let mut without_b = Digest::ZERO;
        without_b.add(a);
        without_b.add(c);
        assert_eq!(forward, without_b, "removing subtracts");
        let mut wrap = Digest([u64::MAX; 4]);
        wrap.add(Digest([1, 0, 0, 0]));
        assert!(wrap.is_zero(), "modulo 2^256");
        wrap.sub(Digest([1, 0, 0, 0]));
        assert_eq!(wrap, Digest([u64::MAX; 4]));
        assert_eq!(Digest::from_hex(&a.to_hex()), Some(a));
        assert_eq!(Digest::from_hex("xyz"), None);
        let mut twice = Digest::ZERO;
        twice.add(a);
        twice.add(a);
        assert_ne!(twice, Digest::ZERO, "a duplicated row changes the digest");
    }

    #[test]
    fn canonical_row_bytes_are_unambiguous() {
        let digest = |table: &str, cells: &[Cell<'_>]| {
            let mut row = RowHasher::new(table);
            for cell in cells {
                row.cell(*cell);
            }
            row.finish()
        };
        let variants = [
            digest("users", &[Cell::Text(b"ab"), Cell::Text(b"c")]),
            digest("users", &[Cell::Text(b"a"), Cell::Text(b"bc")]),
            digest("users", &[Cell::Text(b""), Cell::Null]),
            digest("users", &[Cell::Null, Cell::Text(b"")]),
            digest("users", &[Cell::Integer(1)]),
            digest("users", &[Cell::Text(b"1")]),
            digest("users", &[Cell::Blob(b"1")]),
            digest("accounts", &[Cell::Integer(1)]),
        ];
        for (i, a) in variants.iter().enumerate() {
            for b in &variants[i + 1..] {
                assert_ne!(a, b);
            }
        }
    }

    fn table(rows: i64, n: u8) -> TableDigest {
        TableDigest {
            rows,
            digest: hash_of(n),
        }
    }

    #[test]
    fn findings_name_the_table_and_the_kind_of_change() {
        let recorded = [("accounts", table(1, 1)), ("users", table(2, 2))];
        let mut chained = hash_of(1);
        chained.add(hash_of(2));
        assert!(configuration_findings(&recorded, &recorded, chained).is_empty());
        let inserted = [("accounts", table(1, 1)), ("users", table(3, 9))];
        let found = configuration_findings(&inserted, &recorded, chained);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].table, "users");
        assert!(found[0].message.contains("inserted"), "{}", found[0].message);
        let deleted = [("accounts", table(0, 0)), ("users", table(2, 2))];
        let found = configuration_findings(&deleted, &recorded, chained);
        assert_eq!(found[0].table, "accounts");
        assert!(found[0].message.contains("deleted"), "{}", found[0].message);
        let changed = [("accounts", table(1, 7)), ("users", table(2, 2))];
        let found = configuration_findings(&changed, &recorded, chained);
        assert!(found[0].message.contains("changed"), "{}", found[0].message);
        // The record adjusted to match the edited table: the chained digest still shows it.
        let found = configuration_findings(&changed, &changed, chained);
        assert_eq!(found[0].table, "config_digest");
        // Only the record edited: the tables are fine, the record is reported.
        let found = configuration_findings(&recorded, &changed, chained);
        assert_eq!(found[0].table, "config_digest");
    }
}
