//! Planning a batch import: the rules that span rows of a file and the store, over compact in-memory
//! rows and one ordered pass over the store's trusted domains. The per-row rules are the single
//! commands' own (`domain::assess`, `domain::account_problems`, `security::check`, the account
//! normalizers); this module only decides which holders, certification and failing checks each row
//! meets, as the store will be after the import, and what the import changes.
//!
//! Rows are identified by their line in the file. A conflict between two rows of the file is reported
//! on the later one; a conflict with the store on the file's row.

use super::Problem;
use super::certification::{self, RequestFacts, Rules};
use super::domain::{self, Certification, Given, Holder};
use super::security::{self, SecuritySettings};
use crate::model::transfer::{ImportCounts, KindCounts};
use crate::model::{Account, Region, User};
use chrono::NaiveDate;
use ipnet::IpNet;
use serde::Serialize;
use std::collections::hash_map::Entry;
use std::collections::{BinaryHeap, HashSet};

/// The rows of an import are hashed by the million: foldhash is several times faster than SipHash,
/// and the keys come from a file the agent chose, not from an adversary probing the process.
type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;

/// How many problems are listed; the rest are only counted.
pub const LISTED_PROBLEMS: usize = 100;

/// Index of an account in the plan.
pub type AccountIx = u32;

/// An interned string (certifiers and request references repeat across many rows).
pub type Sym = u32;
pub const NO_SYM: Sym = u32::MAX;

#[derive(Debug, Default)]
pub struct Symbols {
    index: HashMap<Box<str>, Sym>,
    names: Vec<Box<str>>,
}

impl Symbols {
    pub fn intern(&mut self, text: &str) -> Sym {
        if let Some(&sym) = self.index.get(text) {
            return sym;
        }
        let sym = self.names.len() as Sym;
        self.names.push(text.into());
        self.index.insert(text.into(), sym);
        sym
    }

    pub fn get(&self, sym: Sym) -> Option<&str> {
        self.names.get(sym as usize).map(|name| &**name)
    }
}

/// Formats dates as `YYYY-MM-DD`, remembering the last one: rows of an import share few dates.
#[derive(Debug, Default)]
pub struct DateText {
    last: Option<(NaiveDate, String)>,
}

impl DateText {
    pub fn text(&mut self, date: NaiveDate) -> &str {
        if self.last.as_ref().is_none_or(|(last, _)| *last != date) {
            self.last = Some((date, date.to_string()));
        }
        self.last.as_ref().map_or("", |(_, text)| text.as_str())
    }
}

/// A problem on one line of the input, as `FILE:LINE: code: message` reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LineProblem {
    pub line: u64,
    pub code: &'static str,
    pub message: String,
}

/// Keeps the first [`LISTED_PROBLEMS`] problems in line order and counts every one, so that a file of
/// a million bad rows costs no more memory than a file of a hundred.
#[derive(Debug, Default)]
pub struct ProblemLog {
    kept: BinaryHeap<Ranked>,
    total: u64,
}

#[derive(Debug, PartialEq, Eq)]
struct Ranked {
    line: u64,
    order: u64,
    problem: Problem,
}

impl Ord for Ranked {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.line, self.order).cmp(&(other.line, other.order))
    }
}

impl PartialOrd for Ranked {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl ProblemLog {
    pub fn push(&mut self, line: u64, problem: Problem) {
        let order = self.total;
        self.total += 1;
        if self.kept.len() == LISTED_PROBLEMS
            && self
                .kept
                .peek()
                .is_some_and(|worst| (line, order) > (worst.line, worst.order))
        {
            return;
        }
        self.kept.push(Ranked { line, order, problem });
        if self.kept.len() > LISTED_PROBLEMS {
            self.kept.pop();
        }
    }

    pub fn total(&self) -> u64 {
        self.total
    }

    /// The listed problems in line order.
    pub fn listed(&self) -> Vec<LineProblem> {
        let mut kept: Vec<&Ranked> = self.kept.iter().collect();
        kept.sort();
        kept.into_iter()
            .map(|r| LineProblem {
                line: r.line,
                code: r.problem.code,
                message: r.problem.message.clone(),
            })
            .collect()
    }
}

/// What a row of the file does to the store, once the store has been seen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowState {
    /// Not in the store: created.
    New,
    /// In the store, same account and settings.
    Unchanged,
    /// In the store for the same account with other settings.
    Updated,
    /// In the store for an account whose domains this file replaces without it: moves here.
    Moved,
    /// The same domain, account and settings as an earlier row: ignored.
    Repeat,
    /// The same domain as an earlier row for another account: checked (and refused), never written.
    Clash,
}

/// A slice of the batch's text arena, where every row's names live (one allocation for a million rows).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct TextRef {
    at: u32,
    len: u32,
}

const NO_TEXT: TextRef = TextRef { at: u32::MAX, len: 0 };

/// One trusted domain of the file as the batch keeps it: compact, its texts in the arena.
#[derive(Debug, Clone)]
struct FileDomain {
    /// The name's first 8 bytes, big-endian: most comparisons of a sort end here.
    prefix: u64,
    /// Normalized ASCII form.
    name: TextRef,
    request: TextRef,
    line: u32,
    account: AccountIx,
    certified_by: Sym,
    certified_on: Option<NaiveDate>,
    include_subdomains: bool,
    /// Problems of the name itself are kept aside, in `Batch::row_problems`.
    has_problems: bool,
    state: RowState,
}

/// One trusted domain of the file, normalized, as a reader hands it to the batch.
#[derive(Debug, Clone)]
pub struct NewDomain<'a> {
    /// Normalized ASCII form.
    pub domain: &'a str,
    pub line: u32,
    pub account: AccountIx,
    pub include_subdomains: bool,
    pub certified_by: Option<&'a str>,
    pub certified_on: Option<NaiveDate>,
    pub request: Option<&'a str>,
    /// Problems of the name itself (`domain::assess`), which, as with `domains add`, do not count for
    /// a domain the account already trusts unchanged.
    pub problems: Vec<Problem>,
}

/// A trusted domain as the store holds it.
#[derive(Debug, Clone, Copy)]
pub struct StoredDomain<'a> {
    pub domain: &'a str,
    pub account: &'a str,
    pub include_subdomains: bool,
    pub certified_by: Option<&'a str>,
    pub certified_on: Option<&'a str>,
    pub request: Option<&'a str>,
}

/// An account as a YAML/JSON file gives it. `None` keeps what the store has (or the default for a new
/// account); a list that is present replaces the store's list.
#[derive(Debug, Clone, Default)]
pub struct FileAccount {
    pub line: u32,
    pub name: Option<String>,
    pub fax_number: Option<String>,
    pub region: Option<Region>,
    pub profile: Option<String>,
    pub language: Option<String>,
    pub spoofing_protection: Option<bool>,
    pub require_tls: Option<bool>,
    pub whitelist: Option<Vec<IpNet>>,
    pub users: Option<Vec<FileUser>>,
    pub replaces_domains: bool,
    /// Domain-control proofs: when given, they replace the account's.
    pub dns_proofs: Option<Vec<super::dns::ImportedProof>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileUser {
    pub line: u32,
    /// Lower-case local part @ normalized domain: one account per address.
    pub key: String,
    pub email: String,
    pub profile: Option<String>,
    pub language: Option<String>,
    pub fax_number: Option<String>,
}

/// What the store has for an account named in the file.
#[derive(Debug, Clone)]
pub struct StoredAccount {
    pub spoofing_protection: bool,
    pub require_tls: bool,
    pub whitelist: Vec<IpNet>,
    /// The whole row, for an account the file gives (whose changes are computed); `None` for an
    /// account that only has rows in the file.
    pub account: Option<Box<Account>>,
    /// With their address keys; loaded only when the file replaces the account's users.
    pub users: Vec<(String, User)>,
}

/// The changes of one account of a YAML/JSON file.
#[derive(Debug, Clone)]
pub struct AccountChange {
    pub account: Account,
    pub created: bool,
    pub updated: bool,
    pub users_created: Vec<FileUser>,
    pub users_updated: Vec<FileUser>,
    /// Address keys.
    pub users_removed: Vec<String>,
    pub whitelist_added: Vec<String>,
    pub whitelist_removed: Vec<String>,
}

/// A domain row to write, with its final values.
#[derive(Debug, Clone, Copy)]
pub struct DomainWrite<'a> {
    pub domain: &'a str,
    pub account: &'a str,
    pub include_subdomains: bool,
    pub certified_by: Option<&'a str>,
    pub certified_on: Option<NaiveDate>,
    pub request: Option<&'a str>,
    /// False: insert a new row; true: overwrite the stored row of that name.
    pub exists: bool,
}

/// What the file says, normalized and checked row by row; fixed once [`sealed`](Self::seal).
#[derive(Debug, Default)]
pub struct Batch {
    accounts: Vec<BatchAccount>,
    account_index: HashMap<Box<str>, AccountIx>,
    pub symbols: Symbols,
    domains: Vec<FileDomain>,
    text: String,
    /// Problems of the names of rows that have some, by the row's name (its place in the arena).
    row_problems: HashMap<u32, Box<[Problem]>>,
    /// Problems of single rows, found while reading.
    pub problems: ProblemLog,
    /// First row (index into `domains`) of each name that includes subdomains, once sealed.
    file_covering: HashMap<Box<str>, u32>,
    /// Rows that repeat a name of another account, with the earlier row as holder.
    clashes: Vec<(u32, Holder)>,
    sealed: bool,
}

#[derive(Debug)]
struct BatchAccount {
    id: Box<str>,
    file: Option<FileAccount>,
}

impl Batch {
    pub fn new() -> Batch {
        Batch::default()
    }

    /// The account's index, registering the ID on first sight.
    pub fn account(&mut self, id: &str) -> AccountIx {
        if let Some(&ix) = self.account_index.get(id) {
            return ix;
        }
        let ix = self.accounts.len() as AccountIx;
        self.accounts.push(BatchAccount {
            id: id.into(),
            file: None,
        });
        self.account_index.insert(id.into(), ix);
        ix
    }

    pub fn account_id(&self, ix: AccountIx) -> &str {
        &self.accounts[ix as usize].id
    }

    pub fn lookup_account(&self, id: &str) -> Option<AccountIx> {
        self.account_index.get(id).copied()
    }

    /// Every account the file names, with its index.
    pub fn account_ids(&self) -> impl Iterator<Item = (AccountIx, &str)> {
        self.accounts
            .iter()
            .enumerate()
            .map(|(ix, account)| (ix as AccountIx, &*account.id))
    }

    /// Whether the file gives this account (rather than only rows for it).
    pub fn has_file_account(&self, ix: AccountIx) -> bool {
        self.accounts[ix as usize].file.is_some()
    }

    /// Whether the file replaces the account's users (so the store's must be loaded).
    pub fn replaces_users(&self, ix: AccountIx) -> bool {
        self.accounts[ix as usize]
            .file
            .as_ref()
            .is_some_and(|f| f.users.is_some())
    }

    /// The accounts whose DNS proofs the file replaces, with those proofs.
    pub fn dns_proofs(&self) -> impl Iterator<Item = (&str, &[super::dns::ImportedProof])> {
        self.accounts.iter().filter_map(|account| {
            let proofs = account.file.as_ref()?.dns_proofs.as_deref()?;
            Some((&*account.id, proofs))
        })
    }

    fn replaces_domains_of(&self, account: &str) -> bool {
        self.lookup_account(account).is_some_and(|ix| {
            self.accounts[ix as usize]
                .file
                .as_ref()
                .is_some_and(|f| f.replaces_domains)
        })
    }

    pub fn problem(&mut self, line: u64, problem: Problem) {
        self.problems.push(line, problem);
    }

    /// Adds an account of a YAML/JSON file; an account given twice is a problem of the second.
    pub fn add_account(&mut self, id: &str, account: FileAccount) {
        let ix = self.account(id);
        let slot = &mut self.accounts[ix as usize];
        if let Some(first) = &slot.file {
            let message = format!("account {id:?} is given twice (first on line {})", first.line);
            self.problems.push(
                u64::from(account.line),
                Problem::new("duplicate-account", message),
            );
            return;
        }
        slot.file = Some(account);
    }

    pub fn add_domain(&mut self, row: NewDomain<'_>) {
        let name = self.store_text(row.domain);
        let request = row.request.map_or(NO_TEXT, |r| self.store_text(r));
        let certified_by = row.certified_by.map_or(NO_SYM, |by| self.symbols.intern(by));
        let has_problems = !row.problems.is_empty();
        if has_problems {
            self.row_problems.insert(name.at, row.problems.into_boxed_slice());
        }
        self.domains.push(FileDomain {
            prefix: name_prefix(row.domain),
            name,
            request,
            line: row.line,
            account: row.account,
            certified_by,
            certified_on: row.certified_on,
            include_subdomains: row.include_subdomains,
            has_problems,
            state: RowState::New,
        });
    }

    /// Copies the rows' texts into a new arena in row order, so that every later pass over the sorted
    /// rows reads memory in sequence instead of jumping around the file's order.
    fn lay_out_text_in_order(&mut self) {
        let old = std::mem::take(&mut self.text);
        let mut problems = HashMap::default();
        self.text.reserve(old.len());
        for i in 0..self.domains.len() {
            let row = &self.domains[i];
            let (name, request, has_problems) = (row.name, row.request, row.has_problems);
            let new_name = self.store_text(slice(&old, name));
            let new_request = if request == NO_TEXT {
                NO_TEXT
            } else {
                self.store_text(slice(&old, request))
            };
            if has_problems && let Some(found) = self.row_problems.remove(&name.at) {
                problems.insert(new_name.at, found);
            }
            let row = &mut self.domains[i];
            row.name = new_name;
            row.request = new_request;
        }
        self.row_problems = problems;
    }

    fn store_text(&mut self, text: &str) -> TextRef {
        let at = self.text.len() as u32;
        self.text.push_str(text);
        TextRef {
            at,
            len: text.len() as u32,
        }
    }

    fn text(&self, text: TextRef) -> Option<&str> {
        (text != NO_TEXT).then(|| slice(&self.text, text))
    }

    fn name(&self, row: &FileDomain) -> &str {
        slice(&self.text, row.name)
    }

    fn row_problems(&self, row: &FileDomain) -> Vec<Problem> {
        if !row.has_problems {
            return Vec::new();
        }
        self.row_problems
            .get(&row.name.at)
            .map(|problems| problems.to_vec())
            .unwrap_or_default()
    }

    /// The users of the file with their accounts: (account, line, key, email).
    /// The distinct request references the file's trusted domains give, for the shell to look up.
    pub fn request_references(&self) -> std::collections::HashSet<&str> {
        self.domains
            .iter()
            .filter_map(|row| self.text(row.request))
            .collect()
    }

    pub fn file_users(&self) -> impl Iterator<Item = (AccountIx, &FileUser)> {
        self.accounts.iter().enumerate().flat_map(|(ix, slot)| {
            slot.file
                .iter()
                .flat_map(|f| f.users.iter().flatten())
                .map(move |user| (ix as AccountIx, user))
        })
    }

    /// Orders the rows by name and settles rows that repeat a name; call once the whole file is read.
    pub fn seal(&mut self) {
        let text = &self.text;
        self.domains.sort_unstable_by(|a, b| {
            a.prefix
                .cmp(&b.prefix)
                .then_with(|| slice(text, a.name).cmp(slice(text, b.name)))
                .then(a.line.cmp(&b.line))
        });
        self.lay_out_text_in_order();
        let text = &self.text;
        let mut first = 0;
        for i in 1..=self.domains.len() {
            if i < self.domains.len()
                && slice(text, self.domains[i].name) == slice(text, self.domains[first].name)
            {
                let (head, tail) = self.domains.split_at_mut(i);
                let (earlier, row) = (&head[first], &mut tail[0]);
                if row.account != earlier.account {
                    row.state = RowState::Clash;
                    self.clashes.push((
                        i as u32,
                        Holder {
                            account: self.accounts[earlier.account as usize].id.to_string(),
                            domain: slice(text, earlier.name).to_string(),
                            include_subdomains: earlier.include_subdomains,
                        },
                    ));
                } else {
                    row.state = RowState::Repeat;
                    if (
                        row.include_subdomains,
                        row.certified_by,
                        row.certified_on,
                        row.request,
                    ) != (
                        earlier.include_subdomains,
                        earlier.certified_by,
                        earlier.certified_on,
                        earlier.request,
                    ) {
                        let message = format!(
                            "{} is listed again for account {:?} with other settings (first on line {})",
                            slice(text, row.name),
                            self.accounts[row.account as usize].id,
                            earlier.line
                        );
                        self.problems
                            .push(u64::from(row.line), Problem::new("duplicate-domain", message));
                    }
                }
                continue;
            }
            if first < self.domains.len() && self.domains[first].include_subdomains {
                self.file_covering
                    .insert(slice(text, self.domains[first].name).into(), first as u32);
            }
            first = i;
        }
        self.sealed = true;
    }

    /// Starts judging the sealed batch against the store, inside the transaction that will write it.
    pub fn review(&self) -> Review<'_> {
        assert!(self.sealed, "seal the batch before reviewing it");
        let mut holders: HashMap<u32, Vec<Holder>> = HashMap::default();
        for (row, holder) in &self.clashes {
            holders.entry(*row).or_default().push(holder.clone());
        }
        Review {
            batch: self,
            states: self.domains.iter().map(|row| row.state).collect(),
            dates: DateText::default(),
            stored: vec![None; self.accounts.len()],
            uncertified: vec![Vec::new(); self.accounts.len()],
            failing: vec![Vec::new(); self.accounts.len()],
            holders,
            requests: std::collections::HashMap::new(),
            store_covering: HashMap::default(),
            removed: Vec::new(),
            cursor: 0,
            problems: ProblemLog::default(),
            changes: Vec::new(),
            counts: ImportCounts::default(),
        }
    }
}

/// The batch judged against the store as it will be after the import: per-row states, problems,
/// counts, and the changes to write.
#[derive(Debug)]
pub struct Review<'b> {
    batch: &'b Batch,
    states: Vec<RowState>,
    stored: Vec<Option<StoredAccount>>,
    /// Trusted domains the store keeps for each account that have no certification on record.
    uncertified: Vec<Vec<String>>,
    /// (id, message) of each account's failing securing checks after the import.
    failing: Vec<Vec<(&'static str, String)>>,
    /// Conflicting holders found per row (index into the batch's rows).
    holders: HashMap<u32, Vec<Holder>>,
    /// What the store has under each request reference the file gives (absent: unknown).
    requests: std::collections::HashMap<String, RequestFacts>,
    /// Trusted domains the store keeps that include subdomains: name → account.
    store_covering: HashMap<Box<str>, Box<str>>,
    /// Stored domains of replaced lists that the file leaves out.
    removed: Vec<Box<str>>,
    cursor: usize,
    dates: DateText,
    /// Problems found against the store (the batch keeps those of single rows).
    pub problems: ProblemLog,
    changes: Vec<AccountChange>,
    pub counts: ImportCounts,
}

impl<'b> Review<'b> {
    /// Records what the store has for an account the file names.
    pub fn set_stored_account(&mut self, ix: AccountIx, stored: StoredAccount) {
        self.stored[ix as usize] = Some(stored);
    }

    /// Whether the store has the account (once [`set_stored_account`](Self::set_stored_account) ran).
    pub fn is_stored(&self, ix: AccountIx) -> bool {
        self.stored[ix as usize].is_some()
    }

    /// Records what the store has under the file's request references (reference → facts; a
    /// reference the store does not have is left out); rows may give them as their certification.
    pub fn set_requests(&mut self, requests: std::collections::HashMap<String, RequestFacts>) {
        self.requests = requests;
    }

    /// Records the store's users of an account whose users the file replaces.
    pub fn set_stored_users(&mut self, ix: AccountIx, users: Vec<(String, User)>) {
        if let Some(stored) = &mut self.stored[ix as usize] {
            stored.users = users;
        }
    }

    /// Takes in one trusted domain of the store. The store's domains must come in ascending name order
    /// (SQLite's binary collation, which is byte order).
    pub fn merge_stored(&mut self, stored: StoredDomain<'_>) {
        let batch = self.batch;
        let rows = &batch.domains;
        while self.cursor < rows.len() && batch.name(&rows[self.cursor]) < stored.domain {
            self.cursor += 1;
        }
        if self.cursor < rows.len() && batch.name(&rows[self.cursor]) == stored.domain {
            self.merge_same_name(self.cursor, stored);
            return;
        }
        if batch.replaces_domains_of(stored.account) {
            self.removed.push(stored.domain.into());
            return;
        }
        if stored.include_subdomains {
            self.store_covering
                .insert(stored.domain.into(), stored.account.into());
        }
        if !batch.file_covering.is_empty() {
            for parent in parents(stored.domain) {
                if let Some(&row) = batch.file_covering.get(parent)
                    && *batch.account_id(rows[row as usize].account) != *stored.account
                {
                    self.holders.entry(row).or_default().push(Holder {
                        account: stored.account.to_string(),
                        domain: stored.domain.to_string(),
                        include_subdomains: stored.include_subdomains,
                    });
                }
            }
        }
        let certified =
            stored.certified_by.is_some_and(|by| !by.trim().is_empty()) && stored.certified_on.is_some();
        if !certified && let Some(ix) = batch.lookup_account(stored.account) {
            self.uncertified[ix as usize].push(stored.domain.to_string());
        }
    }

    fn merge_same_name(&mut self, row_ix: usize, stored: StoredDomain<'_>) {
        let batch = self.batch;
        let row = &batch.domains[row_ix];
        let account = batch.account_id(row.account);
        let state = if *account == *stored.account {
            let same = row.include_subdomains == stored.include_subdomains
                && batch.symbols.get(row.certified_by) == stored.certified_by
                && row.certified_on.map(|d| self.dates.text(d)) == stored.certified_on
                && batch.text(row.request) == stored.request;
            if same {
                RowState::Unchanged
            } else {
                RowState::Updated
            }
        } else if batch.replaces_domains_of(stored.account) {
            RowState::Moved
        } else {
            self.holders.entry(row_ix as u32).or_default().push(Holder {
                account: stored.account.to_string(),
                domain: stored.domain.to_string(),
                include_subdomains: stored.include_subdomains,
            });
            RowState::New
        };
        self.states[row_ix] = state;
    }

    /// A user of the file that the store registers in `holder`: allowed only when the file replaces
    /// that account's users (and so takes the address away from it).
    pub fn stored_user_holder(&mut self, account: AccountIx, user: &FileUser, holder: &str) {
        let batch = self.batch;
        if *holder == *batch.account_id(account) {
            return;
        }
        let released = batch
            .lookup_account(holder)
            .is_some_and(|h| batch.replaces_users(h));
        if !released {
            self.problems.push(
                u64::from(user.line),
                Problem::new(
                    "user-in-other-account",
                    format!(
                        "{} is already registered in account {holder:?}: an address belongs to at most one account",
                        user.email
                    ),
                ),
            );
        }
    }

    /// Judges every row as the store will be after the import, and counts the changes.
    /// `now` stamps created or changed accounts; `rules` bound certification dates.
    pub fn finish(&mut self, now: &str, rules: Rules) {
        self.plan_accounts(now);
        self.find_covering_conflicts();
        let batch = self.batch;
        let mut counts = KindCounts {
            removed: self.removed.len() as u64,
            ..KindCounts::default()
        };
        // Certifications repeat across rows; the request reference is checked on its own, so one
        // value per certifier and date serves every row that has them.
        let mut certifications: HashMap<(Sym, Option<NaiveDate>), Option<Certification>> = HashMap::default();
        let failing: Vec<Vec<(&str, &str)>> = self
            .failing
            .iter()
            .map(|checks| {
                checks
                    .iter()
                    .map(|(id, message)| (*id, message.as_str()))
                    .collect()
            })
            .collect();
        for (ix, row) in batch.domains.iter().enumerate() {
            match self.states[ix] {
                RowState::Repeat => continue,
                RowState::Unchanged => {
                    counts.unchanged += 1;
                    continue;
                }
                RowState::New => counts.created += 1,
                RowState::Updated | RowState::Moved => counts.updated += 1,
                RowState::Clash => {}
            }
            let account = row.account as usize;
            let id = batch.account_id(row.account);
            let mut problems = batch.row_problems(row);
            if self.stored[account].is_none() && batch.accounts[account].file.is_none() {
                problems.push(unknown_account(id));
            } else {
                let certification = certifications
                    .entry((row.certified_by, row.certified_on))
                    .or_insert_with(|| batch.certification(row));
                let failing = &failing[account];
                let row_holders = if self.holders.is_empty() {
                    Vec::new()
                } else {
                    self.holders.remove(&(ix as u32)).unwrap_or_default()
                };
                let request_refusal = batch.text(row.request).and_then(|reference| {
                    certification::request_problem(
                        reference,
                        self.requests.get(reference),
                        id,
                        batch.name(row),
                        row.include_subdomains,
                        rules,
                    )
                });
                let given = match (&request_refusal, certification.as_ref()) {
                    (Some(refusal), _) => Given::Refused(refusal),
                    (None, Some(c)) => Given::Certified(c),
                    (None, None) => Given::Missing,
                };
                problems.extend(domain::account_problems(id, &row_holders, given, failing, rules));
            }
            for problem in problems {
                self.problems.push(u64::from(row.line), problem);
            }
        }
        self.counts.trusted_domains = counts;
    }

    /// Conflicts of names covered by another account's name that includes subdomains: between rows
    /// of the file and between a row and a domain the store keeps. The row that changes the store
    /// carries the conflict; between two changing rows, the later one. Stored names below a row of
    /// the file were met in [`merge_stored`](Self::merge_stored).
    fn find_covering_conflicts(&mut self) {
        let batch = self.batch;
        if batch.file_covering.is_empty() && self.store_covering.is_empty() {
            return;
        }
        for (ix, row) in batch.domains.iter().enumerate() {
            let state = self.states[ix];
            if state == RowState::Repeat {
                continue;
            }
            let unchanged = state == RowState::Unchanged;
            let account = batch.account_id(row.account);
            for parent in parents(batch.name(row)) {
                if let Some(&cover) = batch.file_covering.get(parent) {
                    let covering = &batch.domains[cover as usize];
                    let covering_unchanged = self.states[cover as usize] == RowState::Unchanged;
                    if covering.account != row.account && !(unchanged && covering_unchanged) {
                        let on_covering = unchanged || (!covering_unchanged && covering.line > row.line);
                        let (refused, holder) = if on_covering {
                            (cover, row)
                        } else {
                            (ix as u32, covering)
                        };
                        self.holders.entry(refused).or_default().push(Holder {
                            account: batch.account_id(holder.account).to_string(),
                            domain: batch.name(holder).to_string(),
                            include_subdomains: holder.include_subdomains,
                        });
                    }
                }
                if !unchanged
                    && let Some(holder) = self.store_covering.get(parent)
                    && **holder != *account
                {
                    self.holders.entry(ix as u32).or_default().push(Holder {
                        account: holder.to_string(),
                        domain: parent.to_string(),
                        include_subdomains: true,
                    });
                }
            }
        }
    }

    /// The final state of each account, its securing checks, and what changes for the file's accounts.
    fn plan_accounts(&mut self, now: &str) {
        let batch = self.batch;
        let mut counts = ImportCounts::default();
        let mut users_seen: HashMap<&str, (AccountIx, u32)> = HashMap::default();
        for (ix, slot) in batch.accounts.iter().enumerate() {
            let stored = self.stored[ix].as_ref();
            let file = slot.file.as_ref();
            if stored.is_none() && file.is_none() {
                continue;
            }
            let settings = SecuritySettings {
                spoofing_protection: file
                    .and_then(|f| f.spoofing_protection)
                    .or(stored.map(|s| s.spoofing_protection))
                    .unwrap_or(false),
                require_tls: file
                    .and_then(|f| f.require_tls)
                    .or(stored.map(|s| s.require_tls))
                    .unwrap_or(false),
                whitelist: file
                    .and_then(|f| f.whitelist.clone())
                    .or(stored.map(|s| s.whitelist.clone()))
                    .unwrap_or_default(),
            };
            self.failing[ix] = security::check(&settings, &self.uncertified[ix])
                .into_iter()
                .filter(|c| c.status == security::Status::Fail)
                .map(|c| (c.id, c.message))
                .collect();
            let Some(file) = file else {
                continue;
            };
            match account_change(&slot.id, file, stored, now) {
                Ok(change) => {
                    tally(&mut counts, &change, file);
                    self.changes.push(change);
                }
                Err(problem) => self.problems.push(u64::from(file.line), problem),
            }
            for user in file.users.iter().flatten() {
                match users_seen.entry(user.key.as_str()) {
                    Entry::Occupied(first) => {
                        let (other, line) = *first.get();
                        let code = if other as usize == ix {
                            "duplicate-user"
                        } else {
                            "user-in-other-account"
                        };
                        self.problems.push(
                            u64::from(user.line),
                            Problem::new(
                                code,
                                format!(
                                    "{} is already given for account {:?} on line {line}: an address belongs to at most one account",
                                    user.email,
                                    batch.account_id(other)
                                ),
                            ),
                        );
                    }
                    Entry::Vacant(slot) => {
                        slot.insert((ix as AccountIx, user.line));
                    }
                }
            }
        }
        self.counts.accounts = counts.accounts;
        self.counts.users = counts.users;
        self.counts.whitelist = counts.whitelist;
    }

    /// Every problem, those of single rows and those found against the store.
    pub fn total_problems(&self) -> u64 {
        self.batch.problems.total() + self.problems.total()
    }

    /// The first [`LISTED_PROBLEMS`] problems of both kinds, in line order.
    pub fn listed_problems(&self) -> Vec<LineProblem> {
        let mut all = self.batch.problems.listed();
        all.extend(self.problems.listed());
        all.sort_by_key(|p| p.line);
        all.truncate(LISTED_PROBLEMS);
        all
    }

    /// The account changes to write (accounts, users, whitelist), after [`finish`](Self::finish).
    pub fn account_changes(&self) -> &[AccountChange] {
        &self.changes
    }

    /// Stored domains to delete: left out of a replaced list.
    pub fn removed_domains(&self) -> impl Iterator<Item = &str> {
        self.removed.iter().map(|d| &**d)
    }

    /// New domain rows to insert, in name order.
    pub fn domain_inserts(&self) -> impl Iterator<Item = DomainWrite<'b>> + '_ {
        self.domain_writes().filter(|write| !write.exists)
    }

    /// Domain rows the store has, to overwrite (settings changed, or moved from a replaced list).
    pub fn domain_updates(&self) -> impl Iterator<Item = DomainWrite<'b>> + '_ {
        self.domain_writes().filter(|write| write.exists)
    }

    /// Domain rows to write, in name order, after [`finish`](Self::finish) found no problem.
    pub fn domain_writes(&self) -> impl Iterator<Item = DomainWrite<'b>> + '_ {
        let batch = self.batch;
        batch
            .domains
            .iter()
            .zip(&self.states)
            .filter(|(_, state)| matches!(state, RowState::New | RowState::Updated | RowState::Moved))
            .map(move |(row, state)| DomainWrite {
                domain: batch.name(row),
                account: batch.account_id(row.account),
                include_subdomains: row.include_subdomains,
                certified_by: batch.symbols.get(row.certified_by),
                certified_on: row.certified_on,
                request: batch.text(row.request),
                exists: *state != RowState::New,
            })
    }
}

impl Batch {
    /// The row's certification as the rule sees it (without its request reference).
    fn certification(&self, row: &FileDomain) -> Option<Certification> {
        match (self.symbols.get(row.certified_by), row.certified_on) {
            (Some(by), Some(on)) => Some(Certification {
                certified_by: by.to_string(),
                certified_on: on,
                request: None,
            }),
            _ => None,
        }
    }
}

fn unknown_account(id: &str) -> Problem {
    Problem::new(
        "unknown-account",
        format!(
            "unknown account {id:?}: create it first (xmfax accounts add, or the account in a YAML/JSON import)"
        ),
    )
}

fn name_prefix(name: &str) -> u64 {
    let mut bytes = [0u8; 8];
    let n = name.len().min(8);
    bytes[..n].copy_from_slice(&name.as_bytes()[..n]);
    u64::from_be_bytes(bytes)
}

fn slice(text: &str, at: TextRef) -> &str {
    &text[at.at as usize..(at.at + at.len) as usize]
}

/// Proper parents of a name at label boundaries, most specific first (`a.b.c` → `b.c`, `c`).
fn parents(domain: &str) -> impl Iterator<Item = &str> {
    domain
        .match_indices('.')
        .map(move |(at, _)| &domain[at + 1..])
        .filter(|parent| !parent.is_empty())
}

/// The final account row and list changes for an account of the file.
fn account_change(
    id: &str,
    file: &FileAccount,
    stored: Option<&StoredAccount>,
    now: &str,
) -> Result<AccountChange, Problem> {
    let before = stored.and_then(|s| s.account.as_deref());
    let missing: Vec<&str> = [
        ("name", file.name.is_none()),
        ("fax_number", file.fax_number.is_none()),
    ]
    .into_iter()
    .filter(|(_, absent)| before.is_none() && *absent)
    .map(|(field, _)| field)
    .collect();
    if !missing.is_empty() {
        return Err(Problem::new(
            "missing-field",
            format!(
                "account {id:?} is new: it needs {} (as `xmfax accounts add` does)",
                missing.join(" and ")
            ),
        ));
    }
    let pick = |given: &Option<String>, old: Option<&String>, default: &str| {
        given
            .clone()
            .or(old.cloned())
            .unwrap_or_else(|| default.to_string())
    };
    let mut account = Account {
        id: id.to_string(),
        name: pick(&file.name, before.map(|a| &a.name), ""),
        fax_number: pick(&file.fax_number, before.map(|a| &a.fax_number), ""),
        region: file.region.or(before.map(|a| a.region)).unwrap_or(Region::Us),
        profile: pick(&file.profile, before.map(|a| &a.profile), "Default"),
        language: pick(&file.language, before.map(|a| &a.language), "en"),
        spoofing_protection: file
            .spoofing_protection
            .or(before.map(|a| a.spoofing_protection))
            .unwrap_or(false),
        require_tls: file
            .require_tls
            .or(before.map(|a| a.require_tls))
            .unwrap_or(false),
        created_at: before.map_or_else(|| now.to_string(), |a| a.created_at.clone()),
        updated_at: before.map_or_else(|| now.to_string(), |a| a.updated_at.clone()),
    };
    let updated = before.is_some_and(|b| *b != account);
    if updated {
        account.updated_at = now.to_string();
    }
    let mut change = AccountChange {
        account,
        created: before.is_none(),
        updated,
        users_created: Vec::new(),
        users_updated: Vec::new(),
        users_removed: Vec::new(),
        whitelist_added: Vec::new(),
        whitelist_removed: Vec::new(),
    };
    if let Some(users) = &file.users {
        let old: HashMap<&str, &User> = stored
            .map(|s| s.users.iter().map(|(key, user)| (key.as_str(), user)).collect())
            .unwrap_or_default();
        let mut listed = HashSet::new();
        for user in users {
            if !listed.insert(user.key.as_str()) {
                continue;
            }
            match old.get(user.key.as_str()) {
                None => change.users_created.push(user.clone()),
                Some(o)
                    if (&o.email, &o.profile, &o.language, &o.fax_number)
                        != (&user.email, &user.profile, &user.language, &user.fax_number) =>
                {
                    change.users_updated.push(user.clone())
                }
                Some(_) => {}
            }
        }
        let mut removed: Vec<String> = old
            .keys()
            .filter(|key| !listed.contains(*key))
            .map(|key| key.to_string())
            .collect();
        removed.sort();
        change.users_removed = removed;
    }
    if let Some(whitelist) = &file.whitelist {
        let old: HashSet<String> = stored
            .map(|s| s.whitelist.iter().map(IpNet::to_string).collect())
            .unwrap_or_default();
        let new: Vec<String> = whitelist.iter().map(IpNet::to_string).collect();
        let new_set: HashSet<&String> = new.iter().collect();
        let mut seen = HashSet::new();
        change.whitelist_added = new
            .iter()
            .filter(|net| !old.contains(*net) && seen.insert(*net))
            .cloned()
            .collect();
        let mut removed: Vec<String> = old.iter().filter(|net| !new_set.contains(net)).cloned().collect();
        removed.sort();
        change.whitelist_removed = removed;
    }
    Ok(change)
}

fn tally(counts: &mut ImportCounts, change: &AccountChange, file: &FileAccount) {
    if change.created {
        counts.accounts.created += 1;
    } else if change.updated {
        counts.accounts.updated += 1;
    } else {
        counts.accounts.unchanged += 1;
    }
    if let Some(users) = &file.users {
        let distinct: HashSet<&str> = users.iter().map(|u| u.key.as_str()).collect();
        counts.users.created += change.users_created.len() as u64;
        counts.users.updated += change.users_updated.len() as u64;
        counts.users.removed += change.users_removed.len() as u64;
        counts.users.unchanged +=
            (distinct.len() - change.users_created.len() - change.users_updated.len()) as u64;
    }
    if let Some(whitelist) = &file.whitelist {
        let distinct: HashSet<&IpNet> = whitelist.iter().collect();
        counts.whitelist.created += change.whitelist_added.len() as u64;
        counts.whitelist.removed += change.whitelist_removed.len() as u64;
        counts.whitelist.unchanged += (distinct.len() - change.whitelist_added.len()) as u64;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
    }

    fn stored_account(id: &str, secured: bool) -> StoredAccount {
        StoredAccount {
            spoofing_protection: secured,
            require_tls: true,
            account: Some(Box::new(Account {
                id: id.into(),
                name: format!("{id} Inc."),
                fax_number: "+16502530000".into(),
                region: Region::Us,
                profile: "Default".into(),
                language: "en".into(),
                spoofing_protection: secured,
                require_tls: true,
                created_at: "2026-01-01T00:00:00Z".into(),
                updated_at: "2026-01-01T00:00:00Z".into(),
            })),
            whitelist: Vec::new(),
            users: Vec::new(),
        }
    }

    struct Fixture {
        batch: Batch,
        secured: Vec<(String, bool)>,
    }

    /// What a review found: (line, code) of each problem, the counts, and the domain writes.
    struct Outcome {
        problems: Vec<(u64, &'static str)>,
        counts: ImportCounts,
        writes: Vec<String>,
        removed: Vec<String>,
    }

    impl Fixture {
        fn new(accounts: &[(&str, bool)]) -> Fixture {
            let mut batch = Batch::new();
            for (id, _) in accounts {
                batch.account(id);
            }
            Fixture {
                batch,
                secured: accounts.iter().map(|(id, s)| (id.to_string(), *s)).collect(),
            }
        }

        fn row(&mut self, line: u32, account: &str, domain: &str, subdomains: bool) {
            self.row_with_request(line, account, domain, subdomains, None);
        }

        fn row_with_request(
            &mut self,
            line: u32,
            account: &str,
            domain: &str,
            subdomains: bool,
            request: Option<&str>,
        ) {
            let account = self.batch.account(account);
            self.batch.add_domain(NewDomain {
                domain,
                line,
                account,
                include_subdomains: subdomains,
                certified_by: Some("Jane Roe"),
                certified_on: Some(today()),
                request,
                problems: Vec::new(),
            });
        }

        fn run(mut self, stored: &[(&str, &str, bool)]) -> Outcome {
            self.batch.seal();
            let mut review = self.batch.review();
            let form = |account: &str, domain: &str| {
                format!(
                    "xmfax_form: trusted-domains/v1\nreference: R\naccount: {account}\naction: add\n\
                     domains: [{domain}]\nsignature: {{signed_by: Jane Roe, title: CIO, signed_on: 2026-11-20}}\n"
                )
            };
            review.set_requests(
                [
                    ("REQ-ACME", "acme", "approved", "mine.example"),
                    ("REQ-BETA", "beta", "approved", "theirs.example"),
                    ("REQ-REFUSED", "acme", "refused", "refused.example"),
                ]
                .into_iter()
                .map(|(reference, account, status, domain)| {
                    let facts = RequestFacts::from_record(reference, account, status, &form(account, domain));
                    (reference.to_string(), facts)
                })
                .collect(),
            );
            for (id, secured) in &self.secured {
                let ix = self.batch.lookup_account(id).unwrap();
                review.set_stored_account(ix, stored_account(id, *secured));
            }
            let mut stored = stored.to_vec();
            stored.sort();
            for (domain, account, subdomains) in stored {
                review.merge_stored(StoredDomain {
                    domain,
                    account,
                    include_subdomains: subdomains,
                    certified_by: Some("Jane Roe"),
                    certified_on: Some("2026-11-27"),
                    request: None,
                });
            }
            let rules = Rules {
                today: today(),
                max_age_days: 90,
                wording: certification::Wording::Columns,
            };
            review.finish("2026-11-27T00:00:00Z", rules);
            Outcome {
                problems: review
                    .listed_problems()
                    .into_iter()
                    .map(|p| (p.line, p.code))
                    .collect(),
                counts: review.counts,
                writes: review.domain_writes().map(|w| w.domain.to_string()).collect(),
                removed: review.removed_domains().map(str::to_string).collect(),
            }
        }
    }

    #[test]
    fn clean_rows_are_created_and_known_ones_unchanged() {
        let mut f = Fixture::new(&[("acme", true)]);
        f.row(2, "acme", "acme.example", false);
        f.row(3, "acme", "old.example", false);
        let out = f.run(&[("old.example", "acme", false)]);
        assert!(out.problems.is_empty(), "{:?}", out.problems);
        assert_eq!(out.counts.trusted_domains.created, 1);
        assert_eq!(out.counts.trusted_domains.unchanged, 1);
        assert_eq!(out.writes, ["acme.example"]);
    }

    #[test]
    fn two_rows_of_the_file_for_two_accounts_refuse_the_later() {
        let mut f = Fixture::new(&[("acme", true), ("beta", true)]);
        f.row(5, "beta", "shared.example", false);
        f.row(2, "acme", "shared.example", false);
        f.row(3, "acme", "shared.example", false);
        assert_eq!(f.run(&[]).problems, [(5, "trusted-by-other-account")]);
    }

    #[test]
    fn a_domain_of_another_account_in_the_store_is_refused() {
        let mut f = Fixture::new(&[("acme", true), ("beta", true)]);
        f.row(2, "acme", "beta.example", false);
        let out = f.run(&[("beta.example", "beta", false)]);
        assert_eq!(out.problems, [(2, "trusted-by-other-account")]);
    }

    #[test]
    fn covering_names_conflict_both_ways() {
        // A stored parent with subdomains covers a new row of another account.
        let mut f = Fixture::new(&[("acme", true), ("beta", true)]);
        f.row(2, "acme", "mail.corp.example", false);
        let out = f.run(&[("corp.example", "beta", true)]);
        assert_eq!(out.problems, [(2, "trusted-by-other-account")]);
        // A new row with subdomains covers a stored name of another account.
        let mut f = Fixture::new(&[("acme", true), ("beta", true)]);
        f.row(2, "acme", "corp.example", true);
        let out = f.run(&[("mail.corp.example", "beta", false)]);
        assert_eq!(out.problems, [(2, "trusted-by-other-account")]);
        // Two rows of the file: reported on the later one, whichever is the parent.
        let mut f = Fixture::new(&[("acme", true), ("beta", true)]);
        f.row(7, "acme", "corp.example", true);
        f.row(3, "beta", "x.corp.example", false);
        assert_eq!(f.run(&[]).problems, [(7, "trusted-by-other-account")]);
        let mut f = Fixture::new(&[("acme", true), ("beta", true)]);
        f.row(3, "acme", "corp.example", true);
        f.row(7, "beta", "x.corp.example", false);
        assert_eq!(f.run(&[]).problems, [(7, "trusted-by-other-account")]);
        // A row the store already has unchanged leaves the conflict to the new row, even if earlier.
        let mut f = Fixture::new(&[("acme", true), ("beta", true)]);
        f.row(2, "beta", "x.corp.example", false);
        f.row(9, "acme", "corp.example", true);
        let out = f.run(&[("x.corp.example", "beta", false)]);
        assert_eq!(out.problems, [(9, "trusted-by-other-account")]);
        // Same account: no conflict; and a look-alike name is never below.
        let mut f = Fixture::new(&[("acme", true), ("beta", true)]);
        f.row(2, "acme", "corp.example", true);
        f.row(3, "acme", "mail.corp.example", false);
        f.row(4, "beta", "evilcorp.example", false);
        let out = f.run(&[("othercorp.example", "beta", true)]);
        assert!(out.problems.is_empty(), "{:?}", out.problems);
    }

    #[test]
    fn unknown_and_unsecured_accounts_are_refused_per_row() {
        let mut f = Fixture::new(&[("open", false)]);
        f.row(2, "ghost", "ghost.example", false);
        f.row(3, "open", "open.example", false);
        let out = f.run(&[]);
        assert_eq!(out.problems, [(2, "unknown-account"), (3, "account-not-secured")]);
    }

    #[test]
    fn a_request_reference_must_be_an_approved_request_of_the_rows_account() {
        let mut f = Fixture::new(&[("acme", true), ("beta", true)]);
        f.row_with_request(2, "acme", "mine.example", false, Some("REQ-ACME"));
        f.row_with_request(3, "acme", "theirs.example", false, Some("REQ-BETA"));
        f.row_with_request(4, "acme", "unknown.example", false, Some("REQ-NONE"));
        f.row_with_request(5, "acme", "other.example", false, Some("REQ-ACME"));
        f.row_with_request(6, "acme", "refused.example", false, Some("REQ-REFUSED"));
        f.row_with_request(7, "acme", "www.mine.example", true, Some("REQ-ACME"));
        let out = f.run(&[]);
        assert_eq!(
            out.problems,
            [
                (3, "request-other-account"),
                (4, "request-unknown"),
                (5, "not-on-request"),
                (6, "request-not-approved"),
                (7, "not-on-request"),
            ]
        );
    }

    #[test]
    fn a_repeated_row_is_ignored_unless_its_settings_differ() {
        let mut f = Fixture::new(&[("acme", true)]);
        f.row(2, "acme", "acme.example", false);
        f.row(3, "acme", "acme.example", false);
        f.row(4, "acme", "acme.example", true);
        let out = f.run(&[]);
        assert_eq!(out.problems, [(4, "duplicate-domain")]);
        assert_eq!(out.counts.trusted_domains.created, 1);
    }

    #[test]
    fn changed_settings_update_a_known_domain() {
        let mut f = Fixture::new(&[("acme", true)]);
        f.row(2, "acme", "acme.example", true);
        let out = f.run(&[("acme.example", "acme", false)]);
        assert!(out.problems.is_empty());
        assert_eq!(out.counts.trusted_domains.updated, 1);
        assert_eq!(out.writes, ["acme.example"]);
    }

    #[test]
    fn a_replaced_list_removes_and_moves_domains() {
        let mut f = Fixture::new(&[("acme", true), ("beta", true)]);
        f.batch.add_account(
            "beta",
            FileAccount {
                line: 10,
                replaces_domains: true,
                ..FileAccount::default()
            },
        );
        f.row(2, "acme", "moving.example", false);
        let out = f.run(&[("moving.example", "beta", false), ("gone.example", "beta", false)]);
        assert!(out.problems.is_empty(), "{:?}", out.problems);
        assert_eq!(out.counts.trusted_domains.updated, 1);
        assert_eq!(out.counts.trusted_domains.removed, 1);
        assert_eq!(out.removed, ["gone.example"]);
    }

    #[test]
    fn a_new_account_needs_a_name_and_a_fax_number_and_is_secured_by_the_file() {
        let mut f = Fixture::new(&[]);
        f.batch.add_account(
            "fresh",
            FileAccount {
                line: 3,
                replaces_domains: true,
                ..FileAccount::default()
            },
        );
        f.row(8, "fresh", "fresh.example", false);
        let out = f.run(&[]);
        assert_eq!(out.problems, [(3, "missing-field"), (8, "account-not-secured")]);
        let mut f = Fixture::new(&[]);
        f.batch.add_account(
            "fresh",
            FileAccount {
                line: 3,
                name: Some("Fresh".into()),
                fax_number: Some("+16502530000".into()),
                spoofing_protection: Some(true),
                replaces_domains: true,
                ..FileAccount::default()
            },
        );
        f.row(8, "fresh", "fresh.example", false);
        let out = f.run(&[]);
        assert!(out.problems.is_empty(), "{:?}", out.problems);
        assert_eq!(out.counts.accounts.created, 1);
    }

    #[test]
    fn an_address_moves_only_from_an_account_whose_users_the_file_replaces() {
        let user = |line, key: &str| FileUser {
            line,
            key: key.into(),
            email: key.into(),
            profile: None,
            language: Some("fr".into()),
            fax_number: None,
        };
        let mut batch = Batch::new();
        let with_users = |line, users| FileAccount {
            line,
            users: Some(users),
            ..FileAccount::default()
        };
        batch.add_account(
            "acme",
            with_users(1, vec![user(2, "jane@acme.example"), user(3, "max@acme.example")]),
        );
        batch.add_account("beta", with_users(5, vec![user(6, "max@acme.example")]));
        batch.add_account("gamma", with_users(8, vec![]));
        batch.seal();
        let mut review = batch.review();
        for id in ["acme", "beta", "gamma"] {
            let ix = batch.lookup_account(id).unwrap();
            review.set_stored_account(ix, stored_account(id, true));
        }
        let acme = batch.lookup_account("acme").unwrap();
        // Registered in gamma, whose users the file replaces (without her): she moves to acme.
        review.stored_user_holder(acme, &user(2, "jane@acme.example"), "gamma");
        // Registered in delta, which the file leaves alone: refused.
        review.stored_user_holder(acme, &user(3, "max@acme.example"), "delta");
        review.finish(
            "2026-11-27T00:00:00Z",
            Rules {
                today: today(),
                max_age_days: 90,
                wording: certification::Wording::Columns,
            },
        );
        let problems: Vec<(u64, &str)> = review
            .listed_problems()
            .into_iter()
            .map(|p| (p.line, p.code))
            .collect();
        // max is also given to beta, on a later line.
        assert_eq!(
            problems,
            [(3, "user-in-other-account"), (6, "user-in-other-account")]
        );
        assert_eq!(review.counts.users.created, 3);
    }

    #[test]
    fn the_problem_log_keeps_the_first_lines_and_counts_all() {
        let mut log = ProblemLog::default();
        for line in (1..=250).rev() {
            log.push(line, Problem::new("x", "y"));
        }
        let listed = log.listed();
        assert_eq!(log.total(), 250);
        assert_eq!(listed.len(), LISTED_PROBLEMS);
        assert_eq!(listed[0].line, 1);
        assert_eq!(listed[99].line, 100);
    }

    #[test]
    fn parents_stop_at_label_boundaries() {
        assert_eq!(
            parents("a.b.example").collect::<Vec<_>>(),
            ["b.example", "example"]
        );
        assert_eq!(parents("example").count(), 0);
    }
}
