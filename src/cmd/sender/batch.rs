//! `sender test --batch`: decides for every address of a file or stdin, the hot path for scripts.
//! The store is read once into memory (one scan per table beats several indexed queries per address),
//! the input is cut into chunks that every core decides in parallel, and the output keeps input order.

use super::TestArgs;
use crate::cmd::{Ctx, Outcome};
use crate::model::Account;
use crate::output::{self, Format};
use crate::policy::Problem;
use crate::policy::domain::{TrustRule, trusted_match};
use crate::policy::security::SecuritySettings;
use crate::policy::sender::{
    self, AccountFacts, Channel, RegisteredUser, SenderAddress, SenderFacts, Source, TrustedBy,
};
use crate::store::Db;
use anyhow::{Context, Result, anyhow};
use ipnet::IpNet;
use std::collections::{BTreeMap, HashMap};
use std::io::{Read, Write};
use std::sync::{Arc, Mutex, OnceLock, mpsc};

/// Input is decided in chunks of about this many bytes (whole lines).
const CHUNK_BYTES: usize = 1 << 20;
/// A line without an end this long cannot be an address (a mailbox has at most 4096 bytes); stopping
/// there bounds the memory a batch uses.
const MAX_LINE_BYTES: usize = CHUNK_BYTES;

pub fn run(ctx: &Ctx, db: &Db<'_>, args: &TestArgs, path: &str) -> Result<Outcome> {
    let index = Index::load(db)?;
    let requested = match args.account.as_deref() {
        Some(id) => Some((id, index.account_number(id)?)),
        None => None,
    };
    let shared = Shared {
        requested,
        source: args.source(),
        channel: args.channel,
        format: ctx.format,
    };
    let counts = if path == "-" {
        decide_all(&index, &shared, std::io::stdin().lock(), "stdin")?
    } else {
        let file = std::fs::File::open(path).with_context(|| format!("cannot read batch file {path}"))?;
        decide_all(&index, &shared, file, path)?
    };
    ctx.note(&format!(
        "{} address(es): {} accepted, {} refused",
        counts.accepted + counts.refused,
        counts.accepted,
        counts.refused
    ));
    Ok(Outcome::from_verdict(counts.refused == 0))
}

/// A trusted domain's rule; the domain is the map key.
struct Rule {
    account: u32,
    include_subdomains: bool,
}

struct UserEntry {
    account: u32,
    profile: Option<Box<str>>,
    language: Option<Box<str>>,
    fax_number: Option<Box<str>>,
}

/// Everything the decisions need, read from the store once.
struct Index {
    accounts: Vec<Account>,
    numbers: HashMap<Box<str>, u32>,
    whitelist: Vec<Vec<IpNet>>,
    uncertified: Vec<Vec<String>>,
    /// Built on first use: most batches touch few of the accounts.
    facts: Vec<OnceLock<AccountFacts>>,
    trusted: HashMap<Box<str>, Rule>,
    users: HashMap<Box<str>, UserEntry>,
}

impl Index {
    fn load(db: &Db<'_>) -> Result<Index> {
        let accounts = db.accounts()?;
        let numbers: HashMap<Box<str>, u32> = accounts
            .iter()
            .zip(0u32..)
            .map(|(account, number)| (account.id.as_str().into(), number))
            .collect();
        let count = accounts.len();
        let mut whitelist = vec![Vec::new(); count];
        for (account, network) in db.all_whitelist_entries()? {
            if let Some(&number) = numbers.get(account.as_str()) {
                let net = network.parse().map_err(|e| {
                    anyhow!("the store holds an invalid whitelist entry for {account}: {network:?}: {e}")
                })?;
                whitelist[number as usize].push(net);
            }
        }
        // Rows always have an account (foreign keys); one without is ignored rather than guessed at.
        let mut uncertified = vec![Vec::new(); count];
        let mut trusted = HashMap::new();
        db.for_each_trusted_domain(|row| {
            if let Some(&number) = numbers.get(row.account) {
                if !row.certified {
                    uncertified[number as usize].push(row.domain.to_string());
                }
                trusted.insert(
                    row.domain.into(),
                    Rule {
                        account: number,
                        include_subdomains: row.include_subdomains,
                    },
                );
            }
        })?;
        let mut users = HashMap::new();
        db.for_each_user(|row| {
            if let Some(&number) = numbers.get(row.account) {
                users.insert(
                    row.key.into(),
                    UserEntry {
                        account: number,
                        profile: row.profile.map(Into::into),
                        language: row.language.map(Into::into),
                        fax_number: row.fax_number.map(Into::into),
                    },
                );
            }
        })?;
        Ok(Index {
            facts: (0..count).map(|_| OnceLock::new()).collect(),
            accounts,
            numbers,
            whitelist,
            uncertified,
            trusted,
            users,
        })
    }

    fn account_number(&self, id: &str) -> Result<u32> {
        self.numbers
            .get(id)
            .copied()
            .ok_or_else(|| anyhow!("unknown account {id:?}"))
    }

    fn facts(&self, number: u32) -> &AccountFacts {
        let number = number as usize;
        self.facts[number].get_or_init(|| {
            let account = &self.accounts[number];
            AccountFacts::new(
                account.id.clone(),
                account.profile.clone(),
                account.language.clone(),
                account.fax_number.clone(),
                SecuritySettings {
                    spoofing_protection: account.spoofing_protection,
                    require_tls: account.require_tls,
                    whitelist: self.whitelist[number].clone(),
                },
                &self.uncertified[number],
            )
        })
    }

    fn user(&self, key: &str) -> Option<RegisteredUser<'_>> {
        self.users.get(key).map(|user| RegisteredUser {
            account: self.facts(user.account),
            profile: user.profile.as_deref(),
            language: user.language.as_deref(),
            fax_number: user.fax_number.as_deref(),
        })
    }

    /// The most specific rule covering `ascii`, of one account or of any.
    fn trusted_by(&self, ascii: &str, only: Option<u32>) -> Option<TrustedBy<'_>> {
        trusted_match(ascii, |name| {
            self.trusted
                .get_key_value(name)
                .filter(|(_, rule)| only.is_none_or(|number| rule.account == number))
                .map(|(domain, rule)| Found { domain, rule })
        })
        .map(|found| TrustedBy {
            account: self.facts(found.rule.account),
            domain: found.domain,
            include_subdomains: found.rule.include_subdomains,
        })
    }
}

/// A rule found for one candidate name, before its account's facts are needed.
struct Found<'a> {
    domain: &'a str,
    rule: &'a Rule,
}

impl TrustRule for Found<'_> {
    fn include_subdomains(&self) -> bool {
        self.rule.include_subdomains
    }
}

/// The options every line of the batch is decided with.
struct Shared<'a> {
    requested: Option<(&'a str, u32)>,
    source: Source,
    channel: Channel,
    format: Format,
}

#[derive(Debug, Default, Clone, Copy)]
struct Counts {
    accepted: usize,
    refused: usize,
}

struct Job {
    seq: usize,
    first_line: usize,
    bytes: Vec<u8>,
}

struct Done {
    seq: usize,
    result: Result<(Vec<u8>, Counts)>,
}

fn decide_all(index: &Index, shared: &Shared<'_>, mut input: impl Read, name: &str) -> Result<Counts> {
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    std::thread::scope(|scope| {
        let (job_tx, job_rx) = mpsc::sync_channel::<Job>(workers * 2);
        let job_rx = Arc::new(Mutex::new(job_rx));
        let (done_tx, done_rx) = mpsc::sync_channel::<Done>(workers * 2);
        for _ in 0..workers {
            // Each worker owns a handle on the queue: when all of them stop (output closed), the
            // reader's next send fails and reading stops too.
            let job_rx = Arc::clone(&job_rx);
            let done_tx = done_tx.clone();
            scope.spawn(move || {
                loop {
                    let job = match job_rx.lock() {
                        Ok(queue) => queue.recv(),
                        Err(_) => return,
                    };
                    let Ok(job) = job else { return };
                    let done = Done {
                        seq: job.seq,
                        result: decide_chunk(index, shared, &job),
                    };
                    if done_tx.send(done).is_err() {
                        return;
                    }
                }
            });
        }
        drop((job_rx, done_tx));
        let writer = scope.spawn(move || write_in_order(done_rx, shared.format));
        let read = read_chunks(&mut input, |job| job_tx.send(job).is_ok());
        drop(job_tx);
        let written = writer.join().map_err(|_| anyhow!("the output thread failed"))?;
        let counts = written?;
        read.with_context(|| format!("cannot read batch {name}"))?;
        Ok(counts)
    })
}

/// Cuts the input into jobs of whole lines and hands them to `send` until it returns false.
fn read_chunks(input: &mut impl Read, mut send: impl FnMut(Job) -> bool) -> Result<()> {
    let mut carry = Vec::new();
    let mut seq = 0;
    let mut next_line = 1;
    loop {
        let mut bytes = std::mem::take(&mut carry);
        bytes.reserve(CHUNK_BYTES);
        let read = input.by_ref().take(CHUNK_BYTES as u64).read_to_end(&mut bytes)?;
        let complete = if read == 0 {
            bytes.len()
        } else {
            match bytes.iter().rposition(|&b| b == b'\n') {
                Some(last) => last + 1,
                None if bytes.len() > MAX_LINE_BYTES => {
                    anyhow::bail!("line {next_line} is longer than {MAX_LINE_BYTES} bytes: not an address")
                }
                None => {
                    carry = bytes;
                    continue;
                }
            }
        };
        carry = bytes.split_off(complete);
        if bytes.is_empty() {
            return Ok(());
        }
        let lines = bytes.iter().filter(|&&b| b == b'\n').count();
        if !send(Job {
            seq,
            first_line: next_line,
            bytes,
        }) {
            return Ok(());
        }
        seq += 1;
        next_line += lines;
    }
}

fn decide_chunk(index: &Index, shared: &Shared<'_>, job: &Job) -> Result<(Vec<u8>, Counts)> {
    let mut out = Vec::with_capacity(job.bytes.len() * 8);
    let mut counts = Counts::default();
    for (offset, raw) in job.bytes.split(|&b| b == b'\n').enumerate() {
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        let accepted = match std::str::from_utf8(raw) {
            Ok(line) => {
                let line = line.trim();
                if line.is_empty() || line.starts_with('#') {
                    continue;
                }
                decide_line(index, shared, line, sender::parse_address(line), &mut out)?
            }
            Err(_) => {
                let shown = String::from_utf8_lossy(raw);
                let problem = sender::malformed(format!(
                    "Line {} of the batch is not valid UTF-8 text.",
                    job.first_line + offset
                ));
                decide_line(index, shared, shown.trim(), Err(problem), &mut out)?
            }
        };
        if accepted {
            counts.accepted += 1;
        } else {
            counts.refused += 1;
        }
    }
    Ok((out, counts))
}

/// Decides one address and appends it to `out` in the output format; true when accepted.
fn decide_line(
    index: &Index,
    shared: &Shared<'_>,
    input: &str,
    address: Result<SenderAddress, Problem>,
    out: &mut Vec<u8>,
) -> Result<bool> {
    let requested = shared.requested;
    let (mut user, mut by_requested, mut by_any) = (None, None, None);
    if let Ok(address) = &address {
        let ascii = &address.domain.ascii;
        user = index.user(&address.key);
        by_any = index.trusted_by(ascii, None);
        by_requested = requested.and_then(|(_, number)| index.trusted_by(ascii, Some(number)));
    }
    let decision = sender::decide(&SenderFacts {
        input,
        address: &address,
        requested_account: requested.map(|(id, _)| id),
        user,
        trusted_by_requested: by_requested,
        trusted_by_any: by_any,
        source: &shared.source,
        channel: shared.channel,
    });
    match shared.format {
        Format::Json => output::json_line(out, &decision)?,
        Format::Yaml => {
            out.extend_from_slice(b"---\n");
            out.extend_from_slice(serde_yaml::to_string(&decision)?.as_bytes());
        }
        Format::Table => output::sender::batch_line(out, &decision),
    }
    Ok(decision.accepted())
}

fn write_in_order(done: mpsc::Receiver<Done>, format: Format) -> Result<Counts> {
    let mut out = std::io::stdout().lock();
    if format == Format::Table {
        out.write_all(output::sender::BATCH_HEADER.as_bytes())?;
    }
    let mut counts = Counts::default();
    let mut pending = BTreeMap::new();
    let mut next = 0;
    for chunk in done {
        pending.insert(chunk.seq, chunk.result);
        while let Some(result) = pending.remove(&next) {
            let (bytes, chunk_counts) = result?;
            out.write_all(&bytes)?;
            counts.accepted += chunk_counts.accepted;
            counts.refused += chunk_counts.refused;
            next += 1;
        }
    }
    out.flush()?;
    Ok(counts)
}
