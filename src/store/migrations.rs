//! Migration steps written in code that run before the configuration digest exists. They may write
//! configuration tables directly: the digest migration, which runs after every one of them, computes
//! the digest from the rows they leave. A step added after the digest must write through
//! `store::config`, like every command.

use super::domains::reversed_labels;
use super::sql::{Conn, params};
use crate::policy::account::address_key;
use crate::policy::text::nfc;
use anyhow::{Result, bail};
use std::collections::BTreeMap;

/// Rows filled per statement batch when the reversed-labels keys are computed for an existing store.
const FILL_BATCH: i64 = 10_000;

/// Migration step: indexes for every lookup a single-object command makes.
/// - `trusted_domains.labels_reversed` (`corp.example.mail.` for `mail.example.corp`), with its index:
///   the names below a domain are one range scan. Filled here for existing rows; xmfax writes it with
///   every new row.
/// - One account's domains, users and requests, and the requests in processing order, are read in
///   index order (no sort, no scan), which also lets the lists stream and page by key.
pub(super) fn index_for_scale(tx: &Conn) -> Result<()> {
    tx.execute_batch("ALTER TABLE trusted_domains ADD COLUMN labels_reversed TEXT")?;
    let mut last = i64::MIN;
    loop {
        let batch = tx.query_map(
            "SELECT rowid, domain FROM trusted_domains WHERE rowid > ?1 ORDER BY rowid LIMIT ?2",
            params![last, FILL_BATCH],
            |row| Ok((row.get::<i64>(0)?, row.get::<String>(1)?)),
        )?;
        let Some((end, _)) = batch.last() else { break };
        last = *end;
        for (rowid, domain) in &batch {
            tx.execute(
                "UPDATE trusted_domains SET labels_reversed = ?2 WHERE rowid = ?1",
                params![rowid, reversed_labels(domain)],
            )?;
        }
    }
    tx.execute_batch(
        "CREATE INDEX trusted_domains_reversed ON trusted_domains(labels_reversed);
         DROP INDEX trusted_domains_account;
         CREATE INDEX trusted_domains_account ON trusted_domains(account_id, domain);
         DROP INDEX users_account;
         CREATE INDEX users_account ON users(account_id, email_key);
         DROP INDEX requests_account;
         CREATE INDEX requests_account ON requests(account_id, processed_at, reference);
         CREATE INDEX requests_processed ON requests(processed_at, reference);",
    )?;
    Ok(())
}

/// Migration: every registered user's key becomes `ascii_lowercase(local)@domain` with the local part
/// in NFC (what `users add` now stores and the only form a sender can match), recomputed from the
/// stored address. Keys that would collide are refused, naming them, and then nothing changes: the
/// migrating transaction is rolled back and the store stays as it was.
pub(super) fn recompute_user_keys(tx: &Conn) -> Result<()> {
    let rows: Vec<(String, String)> = tx.query_map(
        "SELECT email_key, email FROM users ORDER BY email_key",
        (),
        |row| Ok((row.get(0)?, row.get(1)?)),
    )?;
    let mut holders: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    let mut changes = Vec::new();
    for (old_key, email) in &rows {
        let Some((local, domain)) = email.rsplit_once('@') else {
            bail!("registered user {old_key:?} has the address {email:?}, which has no '@'");
        };
        let local = nfc(local);
        let key = address_key(&local, domain);
        let shown = format!("{local}@{domain}");
        holders.entry(key.clone()).or_default().push(old_key);
        if key != *old_key || shown != *email {
            changes.push((old_key.as_str(), key, shown));
        }
    }
    let collisions: Vec<String> = holders
        .iter()
        .filter(|(_, old)| old.len() > 1)
        .map(|(key, old)| format!("{} would all become {key:?}", quoted_list(old)))
        .collect();
    if !collisions.is_empty() {
        bail!(
            "registered users' keys are now compared with ASCII case only, in Unicode NFC, and some would collide: {}. \
             Nothing was changed; remove all but one user of each (with the previous xmfax) and open the store again",
            collisions.join("; ")
        );
    }
    // Two passes, so that no new key meets another row's old key on the way.
    for (old_key, _, _) in &changes {
        tx.execute(
            "UPDATE users SET email_key = char(1) || email_key WHERE email_key = ?1",
            [old_key],
        )?;
    }
    for (old_key, key, email) in &changes {
        tx.execute(
            "UPDATE users SET email_key = ?1, email = ?2 WHERE email_key = char(1) || ?3",
            [key.as_str(), email.as_str(), old_key],
        )?;
    }
    Ok(())
}

/// The keys quoted, each non-ASCII one also with its code points (a KELVIN SIGN looks like `K`).
fn quoted_list(keys: &[&str]) -> String {
    keys.iter()
        .map(|key| {
            if key.is_ascii() {
                format!("{key:?}")
            } else {
                let spelled: String = key.chars().flat_map(char::escape_default).collect();
                format!("{key:?} ({spelled})")
            }
        })
        .collect::<Vec<_>>()
        .join(" and ")
}
