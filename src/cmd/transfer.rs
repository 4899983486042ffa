//! `xmfax export` and `xmfax import`: the whole configuration as one YAML/JSON document, and batch
//! imports of such documents or of CSV files of trusted domains, checked row by row like the single
//! commands and written all-or-nothing in one transaction with one summary audit row.

mod rows;
mod source;

use super::{Ctx, Outcome, account_candidates};
use crate::model::Account;
use crate::model::transfer::{DOCUMENT_VERSION, ExportDocument, ImportCounts};
use crate::output::{self, Block, Tabular};
use crate::policy::certification::{Rules, Wording};
use crate::policy::import::{Batch, LineProblem, Review, StoredAccount};
use crate::store::{Db, Tx};
use anyhow::{Context, Result, bail};
use clap::{Args, ValueEnum};
use clap_complete::ArgValueCandidates;
use serde::ser::{Error as _, SerializeSeq};
use serde::{Serialize, Serializer};
use serde_json::json;
use std::collections::HashMap;
use std::io::BufReader;
use std::path::PathBuf;

/// From this many new trusted domains (and at least as many as the store had), the import rebuilds
/// the account index once at the end instead of updating it row by row.
const BULK_ROWS: u64 = 10_000;

/// SQLite page cache for an import, in KiB: enough for the trusted-domain B-trees' hot pages and for
/// the sorter that rebuilds an index, within the memory bound of a million-row import.
const IMPORT_CACHE_KIB: u32 = 32 * 1024;

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Export only these accounts (repeat the option or list several IDs) [default: every account]
    #[arg(long = "account", value_name = "ID", num_args = 1.., add = ArgValueCandidates::new(account_candidates))]
    accounts: Vec<String>,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The file to import, or - to read stdin (then --format is needed)
    #[arg(value_name = "FILE", value_hint = clap::ValueHint::FilePath)]
    file: PathBuf,
    /// Input format [default: from the extension: .yaml/.yml, .json, .csv]
    #[arg(long, value_enum)]
    format: Option<InputFormat>,
    /// A certification (or a request's signature) older than this many days is expired
    #[arg(long, value_name = "N", default_value_t = crate::policy::form::DEFAULT_MAX_AGE_DAYS)]
    max_age_days: u32,
    /// Run every check and report what would change, but write nothing
    #[arg(long)]
    dry_run: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    /// An export document in YAML
    Yaml,
    /// An export document in JSON
    Json,
    /// Trusted domains, one per row, with a header line
    Csv,
}

impl InputFormat {
    fn name(self) -> &'static str {
        match self {
            InputFormat::Yaml => "yaml",
            InputFormat::Json => "json",
            InputFormat::Csv => "csv",
        }
    }

    fn of(args: &ImportArgs) -> Result<InputFormat> {
        if let Some(format) = args.format {
            return Ok(format);
        }
        let extension = args
            .file
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match extension.as_deref() {
            Some("yaml" | "yml") => Ok(InputFormat::Yaml),
            Some("json") => Ok(InputFormat::Json),
            Some("csv") => Ok(InputFormat::Csv),
            _ => bail!(
                "cannot tell the format of {}\nhint: name the file .yaml, .yml, .json or .csv, or pass --format yaml|json|csv",
                args.file.display()
            ),
        }
    }
}

/// The result of an import. JSON: `{"file", "format", "sha256", "dry_run", "outcome", "import_id",
/// "counts": {kind: {created, updated, unchanged, removed}}, "problems": [{line, code, message}],
/// "problems_total"}`.
#[derive(Debug, Serialize)]
pub struct ImportReport {
    file: String,
    format: &'static str,
    sha256: String,
    dry_run: bool,
    /// `imported`, `unchanged` (nothing to do), `checked` (a dry run that would pass) or `refused`.
    outcome: &'static str,
    import_id: Option<i64>,
    counts: ImportCounts,
    problems: Vec<LineProblem>,
    problems_total: u64,
}

impl Tabular for ImportReport {
    fn blocks(&self) -> Vec<Block> {
        let mut blocks = vec![Block::Title(format!("Import of {} ({})", self.file, self.format))];
        if self.outcome == "refused" {
            blocks.push(Block::Line(format!(
                "Refused: {} problem(s), listed on stderr as FILE:LINE: code: message; nothing was changed.",
                self.problems_total
            )));
            return blocks;
        }
        let counts = &self.counts;
        let kinds = [
            ("accounts", counts.accounts),
            ("users", counts.users),
            ("whitelist", counts.whitelist),
            ("trusted domains", counts.trusted_domains),
            ("DNS proofs", counts.dns_proofs),
        ];
        blocks.push(Block::Rows {
            header: vec!["KIND", "CREATED", "UPDATED", "UNCHANGED", "REMOVED"],
            rows: kinds
                .iter()
                .filter(|(name, c)| *name == "trusted domains" || c.changed() || c.unchanged > 0)
                .map(|(name, c)| {
                    vec![
                        name.to_string(),
                        c.created.to_string(),
                        c.updated.to_string(),
                        c.unchanged.to_string(),
                        c.removed.to_string(),
                    ]
                })
                .collect(),
            empty: "(nothing)",
        });
        blocks.push(Block::Line(match (self.outcome, self.import_id) {
            ("imported", Some(id)) => format!("Imported as import #{id} (sha256 {}).", self.sha256),
            ("unchanged", _) => format!(
                "Nothing changed: the store already holds everything in {}.",
                self.file
            ),
            _ => "Dry run: every check passed; nothing was written.".to_string(),
        }));
        blocks
    }
}

pub fn export(ctx: &Ctx, args: ExportArgs) -> Result<Outcome> {
    let store = ctx.read_store()?;
    let db = store.db();
    let accounts = if args.accounts.is_empty() {
        db.accounts()?
    } else {
        let mut accounts = args
            .accounts
            .iter()
            .map(|id| db.require_account(id))
            .collect::<Result<Vec<_>>>()?;
        accounts.sort_by(|a, b| a.id.cmp(&b.id));
        accounts.dedup_by(|a, b| a.id == b.id);
        accounts
    };
    let document = ExportDocument {
        version: DOCUMENT_VERSION,
        accounts: StreamedAccounts { db: &db, accounts },
    };
    output::emit_document(ctx.format, &document)?;
    Ok(Outcome::Success)
}

/// The accounts of an export, each read from the store only when it is written out.
struct StreamedAccounts<'d> {
    db: &'d Db<'d>,
    accounts: Vec<Account>,
}

impl Serialize for StreamedAccounts<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.accounts.len()))?;
        for account in &self.accounts {
            let exported = self
                .db
                .export_account(account)
                .map_err(|e| S::Error::custom(format!("{e:#}")))?;
            seq.serialize_element(&exported)?;
        }
        seq.end()
    }
}

pub fn import(ctx: &Ctx, args: ImportArgs) -> Result<Outcome> {
    let format = InputFormat::of(&args)?;
    let source = source::open(&args.file)?;
    let name = source.name.clone();
    let reading = output::progress(source.size, "Reading", true);
    let (batch, sha256) = read_input(format, source::Hashing::new(source, reading.clone()))?;
    reading.finish_and_clear();

    let rules = Rules {
        today: ctx.now.date_naive(),
        max_age_days: args.max_age_days,
        wording: Wording::Columns,
    };
    let now = crate::store::timestamp(ctx.now);
    let mut store = ctx.open_store()?;
    let report = store.write(&ctx.agent, ctx.now, |tx| {
        let mut review = batch.review();
        load_store(&tx.db(), &batch, &mut review)?;
        review.finish(&now, rules);
        let proofs = super::dns::plan_proof_import(&tx.db(), &batch)?;
        review.counts.dns_proofs = proofs.counts;
        let mut report = ImportReport {
            file: name.clone(),
            format: format.name(),
            sha256: sha256.clone(),
            dry_run: args.dry_run,
            outcome: "refused",
            import_id: None,
            counts: review.counts,
            problems: review.listed_problems(),
            problems_total: review.total_problems(),
        };
        report.outcome = if report.problems_total > 0 {
            "refused"
        } else if !review.counts.changed() {
            "unchanged"
        } else if args.dry_run {
            "checked"
        } else {
            report.import_id = Some(write(tx, &review, &report, &proofs)?);
            "imported"
        };
        Ok(report)
    })?;
    // The process ends with this command: freeing a million rows one by one would only delay the exit.
    std::mem::forget(batch);
    for problem in &report.problems {
        ctx.note(&format!(
            "{name}:{}: {}: {}",
            problem.line, problem.code, problem.message
        ));
    }
    let unlisted = report.problems_total - report.problems.len() as u64;
    if unlisted > 0 {
        ctx.note(&format!("{name}: … and {unlisted} more problem(s) not listed"));
    }
    output::emit(ctx.format, &report)?;
    Ok(Outcome::from_verdict(report.problems_total == 0))
}

/// Reads and checks the whole input into a sealed batch; returns it with the input's SHA-256.
fn read_input(format: InputFormat, mut input: source::Hashing) -> Result<(Batch, String)> {
    let mut batch = Batch::new();
    match format {
        InputFormat::Csv => rows::read_csv(&mut input, &mut batch)?,
        InputFormat::Yaml | InputFormat::Json => {
            let mut reader = rows::DocumentReader {
                batch: &mut batch,
                version_seen: false,
                dates: rows::DateParser::default(),
            };
            let buffered = BufReader::with_capacity(1 << 16, &mut input);
            let outcome = if format == InputFormat::Yaml {
                source::read_yaml(buffered, &mut |top| reader.visit(top))?
            } else {
                source::read_json(buffered, &mut |top| reader.visit(top))?
            };
            reader.end(outcome);
        }
    }
    let sha256 = input.finish().context("cannot read the input")?;
    batch.seal();
    Ok((batch, sha256))
}

/// Hands the review what the store has: the file's accounts (with their whitelists, and users when
/// the file replaces them), the approved requests, the holders of the file's user addresses, and
/// every trusted domain.
fn load_store(db: &Db<'_>, batch: &Batch, review: &mut Review<'_>) -> Result<()> {
    let mut whitelists: HashMap<String, Vec<ipnet::IpNet>> = HashMap::new();
    for (account, network) in db.all_whitelist_entries()? {
        if batch.lookup_account(&account).is_some() {
            let net = network
                .parse()
                .with_context(|| format!("the store holds an invalid whitelist entry for {account}"))?;
            whitelists.entry(account).or_default().push(net);
        }
    }
    db.each_account(
        |id| {
            batch
                .lookup_account(id)
                .is_some_and(|ix| batch.has_file_account(ix))
        },
        |id, spoofing_protection, require_tls, account| {
            if let Some(ix) = batch.lookup_account(id) {
                let stored = StoredAccount {
                    spoofing_protection,
                    require_tls,
                    whitelist: whitelists.remove(id).unwrap_or_default(),
                    account: account.map(Box::new),
                    users: Vec::new(),
                };
                review.set_stored_account(ix, stored);
            }
        },
    )?;
    for (ix, id) in batch.account_ids() {
        if batch.replaces_users(ix) && review.is_stored(ix) {
            review.set_stored_users(ix, db.users_with_keys(id)?);
        }
    }
    // Only the references the file names: a store's whole history of forms need not be in memory.
    let mut requests = std::collections::HashMap::new();
    for reference in batch.request_references() {
        if let Some(facts) = db.request_facts(reference)? {
            requests.insert(reference.to_string(), facts);
        }
    }
    review.set_requests(requests);
    for (ix, user) in batch.file_users() {
        if let Some(holder) = db.user_account(&user.key)? {
            review.stored_user_holder(ix, user, &holder);
        }
    }
    let checking = output::progress(Some(db.trusted_domain_count()?), "Checking", false);
    db.each_trusted_domain(|stored| {
        review.merge_stored(stored);
        checking.inc(1);
    })?;
    checking.finish_and_clear();
    Ok(())
}

/// Writes an import the review accepted, with its record and summary audit row; returns the import's
/// ID. Deletions come first so that addresses and domains can move between accounts.
fn write(
    tx: &mut Tx<'_>,
    review: &Review<'_>,
    report: &ImportReport,
    proofs: &super::dns::ProofImport,
) -> Result<i64> {
    tx.prepare_bulk_write(IMPORT_CACHE_KIB)?;
    let counts = serde_json::to_value(report.counts)?;
    let import_id = tx.insert_import(&report.file, &report.sha256, &counts)?;
    let now = tx.now();
    for change in review.account_changes() {
        if change.created {
            tx.insert_account(&change.account)?;
        } else if change.updated {
            tx.update_account(&change.account)?;
        }
        for key in &change.users_removed {
            tx.delete_user(key)?;
        }
        for network in &change.whitelist_removed {
            tx.delete_whitelist(&change.account.id, network)?;
        }
    }
    tx.delete_trusted_domains(review.removed_domains())?;
    for change in review.account_changes() {
        for user in &change.users_created {
            let created = crate::model::User {
                account: change.account.id.clone(),
                email: user.email.clone(),
                profile: user.profile.clone(),
                language: user.language.clone(),
                fax_number: user.fax_number.clone(),
                created_at: now.clone(),
            };
            tx.insert_user(&user.key, &created)?;
        }
        for user in &change.users_updated {
            tx.update_user(user)?;
        }
        for network in &change.whitelist_added {
            tx.insert_whitelist(&change.account.id, network)?;
        }
    }
    tx.update_imported_domains(review.domain_updates(), import_id)?;
    let created = review.counts.trusted_domains.created;
    // Many new rows: one sort to rebuild the account index at the end is far cheaper than a random
    // index insert per row (the rows go in in name order, which suits the other two B-trees).
    let rebuild = created >= BULK_ROWS && created >= tx.db().trusted_domain_count()?;
    if rebuild {
        tx.drop_domain_account_index()?;
    }
    let writing = output::progress(Some(created), "Writing", false);
    tx.insert_imported_domains(review.domain_inserts(), import_id, || writing.inc(1))?;
    writing.finish_and_clear();
    if rebuild {
        tx.create_domain_account_index()?;
    }
    // After the domains they prove, before the audit row that records the digest of everything.
    super::dns::apply_proof_import(tx, proofs)?;
    tx.audit(
        "import",
        None,
        Some(&report.file),
        json!({
            "import_id": import_id,
            "file": report.file,
            "format": report.format,
            "sha256": report.sha256,
            "counts": counts,
        }),
    )?;
    Ok(import_id)
}
