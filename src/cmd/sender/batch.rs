//! `sender test --batch`: decides for every address of a file or stdin, the hot path for scripts.
//! The store is read once into memory (see `index.rs`: scanning tables beats several indexed queries
//! per address), the input is cut into chunks that every core decides in parallel, and the output keeps
//! input order.

use super::TestArgs;
use super::index::Index;
use crate::cmd::{Ctx, Outcome};
use crate::output::{self, Format};
use crate::policy::Problem;
use crate::policy::sender::{self, Channel, SenderAddress, SenderFacts, Source};
use anyhow::{Context, Result, anyhow};
use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::sync::{Arc, Mutex, mpsc};

/// Input is decided in chunks of about this many bytes (whole lines).
const CHUNK_BYTES: usize = 1 << 20;
/// A line without an end this long cannot be an address (a mailbox has at most 4096 bytes); stopping
/// there bounds the memory a batch uses.
const MAX_LINE_BYTES: usize = CHUNK_BYTES;

pub fn run(ctx: &Ctx, args: &TestArgs, path: &str) -> Result<Outcome> {
    // The quick checks first: loading the index of a large store takes a moment.
    let input: Box<dyn Read + Send> = if path == "-" {
        Box::new(std::io::stdin())
    } else {
        Box::new(std::fs::File::open(path).with_context(|| format!("cannot read batch file {path}"))?)
    };
    if let Some(id) = args.account.as_deref() {
        ctx.read_only_store()?.db().require_account(id)?;
    }
    let index = Index::load(&|| ctx.read_only_store())?;
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
    let name = if path == "-" { "stdin" } else { path };
    let counts = decide_all(&index, &shared, input, name)?;
    ctx.note(&format!(
        "{} address(es): {} accepted, {} refused",
        counts.accepted + counts.refused,
        counts.accepted,
        counts.refused
    ));
    // Freeing a million entries one by one takes longer than the whole exit: let the process do it.
    std::mem::forget(index);
    Ok(Outcome::from_verdict(counts.refused == 0))
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

/// Buffers handed back for reuse: fresh multi-megabyte buffers would each cost thousands of page faults.
#[derive(Default)]
struct Pool(Mutex<Vec<Vec<u8>>>);

impl Pool {
    fn take(&self) -> Vec<u8> {
        self.0
            .lock()
            .ok()
            .and_then(|mut buffers| buffers.pop())
            .unwrap_or_default()
    }

    fn give(&self, mut buffer: Vec<u8>) {
        buffer.clear();
        if let Ok(mut buffers) = self.0.lock() {
            buffers.push(buffer);
        }
    }
}

fn decide_all(index: &Index, shared: &Shared<'_>, mut input: impl Read, name: &str) -> Result<Counts> {
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    let (inputs, outputs) = (&Pool::default(), &Pool::default());
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
                        result: decide_chunk(index, shared, &job, outputs.take()),
                    };
                    inputs.give(job.bytes);
                    if done_tx.send(done).is_err() {
                        return;
                    }
                }
            });
        }
        drop((job_rx, done_tx));
        let writer = scope.spawn(move || write_in_order(done_rx, shared.format, outputs));
        let read = read_chunks(&mut input, inputs, |job| job_tx.send(job).is_ok());
        drop(job_tx);
        let written = writer.join().map_err(|_| anyhow!("the output thread failed"))?;
        let (counts, header_due) = written?;
        read.with_context(|| format!("cannot read batch {name}"))?;
        if header_due {
            // An empty input, read to its end: the table is empty but still has its header.
            let mut out = std::io::stdout().lock();
            out.write_all(output::sender::BATCH_HEADER.as_bytes())?;
            out.flush()?;
        }
        Ok(counts)
    })
}

/// Cuts the input into jobs of whole lines and hands them to `send` until it returns false.
fn read_chunks(input: &mut impl Read, buffers: &Pool, mut send: impl FnMut(Job) -> bool) -> Result<()> {
    let mut carry = Vec::new();
    let mut seq = 0;
    let mut next_line = 1;
    loop {
        let mut bytes = buffers.take();
        bytes.extend_from_slice(&carry);
        carry.clear();
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
                    carry.extend_from_slice(&bytes);
                    buffers.give(bytes);
                    continue;
                }
            }
        };
        carry.extend_from_slice(&bytes[complete..]);
        bytes.truncate(complete);
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

fn decide_chunk(
    index: &Index,
    shared: &Shared<'_>,
    job: &Job,
    mut out: Vec<u8>,
) -> Result<(Vec<u8>, Counts)> {
    out.reserve(job.bytes.len() * 12);
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
        let ascii = &address.domain;
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
        Format::Json => output::sender::batch_json_line(out, &decision)?,
        Format::Yaml => {
            out.extend_from_slice(b"---\n");
            out.extend_from_slice(output::yaml::to_string(&decision)?.as_bytes());
        }
        Format::Table => output::sender::batch_line(out, &decision),
    }
    Ok(decision.accepted())
}

/// Writes the decided chunks in input order. The table header goes out with the first chunk (or,
/// for an empty input, once the whole input was read): an input that cannot be read at all, such as
/// a directory, then fails before anything is written to stdout.
/// Returns the counts and whether the header is still due (no chunk came).
fn write_in_order(done: mpsc::Receiver<Done>, format: Format, buffers: &Pool) -> Result<(Counts, bool)> {
    let mut out = std::io::stdout().lock();
    let mut header_due = format == Format::Table;
    let mut counts = Counts::default();
    let mut pending = BTreeMap::new();
    let mut next = 0;
    for chunk in done {
        pending.insert(chunk.seq, chunk.result);
        while let Some(result) = pending.remove(&next) {
            let (bytes, chunk_counts) = result?;
            if std::mem::take(&mut header_due) {
                out.write_all(output::sender::BATCH_HEADER.as_bytes())?;
            }
            out.write_all(&bytes)?;
            buffers.give(bytes);
            counts.accepted += chunk_counts.accepted;
            counts.refused += chunk_counts.refused;
            next += 1;
        }
    }
    out.flush()?;
    Ok((counts, header_due))
}
