//! `xmfax requests`: signed request forms. Prints the template, fills one in on a terminal, validates and
//! processes forms against the store (approve and apply, or refuse), and keeps every request on record.

use super::changes::{NewDomains, apply_additions, apply_removals, parse_date, plan_additions};
use super::{Ctx, Outcome, account_candidates, request_candidates};
use crate::model::{Account, Request, RequestChanges, RequestReason, RequestRecord};
use crate::output::{self, Block, Tabular};
use crate::policy::account::normalize_user_address;
use crate::policy::certification::{Rules, Wording};
use crate::policy::form::{
    self, AccountFacts, Action, Certifications, Form, FormVersion, Reason, Requester, RestraintMethod,
    Signature, Trusted,
};
use crate::policy::security;
use crate::store::Tx;
use anyhow::{Context, Result, anyhow, bail};
use chrono::NaiveDate;
use clap::{Args, Subcommand, ValueEnum};
use clap_complete::ArgValueCandidates;
use serde::Serialize;
use serde_json::json;
use sha2::{Digest, Sha256};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

#[derive(Debug, Subcommand)]
pub enum RequestsCommand {
    /// Print a commented form for the customer to fill in and sign
    Template {
        /// What the form asks for
        #[arg(long, value_enum, default_value_t = Action::Add)]
        action: Action,
    },
    /// Fill in a form by answering questions (needs a terminal); prints it or writes it to --out
    New {
        /// Write the form to this new file instead of stdout
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Check a form on its own and against the store, changing nothing
    /// (exit 0 it would be approved, 1 it would be refused, 2 it cannot be read)
    Validate(FormArgs),
    /// Run every check, then approve the form and apply its changes, or refuse it; either way the
    /// request is recorded (exit 0 approved, 1 refused; the same form again reports its recorded outcome)
    Process(ProcessArgs),
    /// List processed requests, oldest first, printed as they are read (page with --limit and --after)
    List {
        /// Only the requests of this account
        #[arg(long, value_name = "ID", add = ArgValueCandidates::new(account_candidates))]
        account: Option<String>,
        /// Only approved or only refused requests
        #[arg(long, value_enum)]
        status: Option<Status>,
        /// Print at most N requests
        #[arg(long, value_name = "N")]
        limit: Option<u32>,
        /// Start after this request (the last reference of the previous page)
        #[arg(long, value_name = "REF")]
        after: Option<String>,
    },
    /// Show a processed request: the form as received, its SHA-256, the outcome and its reasons
    Show {
        #[arg(value_name = "REF", add = ArgValueCandidates::new(request_candidates))]
        reference: String,
    },
}

#[derive(Debug, Args)]
pub struct FormArgs {
    /// The filled-in, signed form (YAML, at most 1 MiB)
    file: PathBuf,
    /// A signature older than this many days is expired
    #[arg(long, value_name = "N", default_value_t = form::DEFAULT_MAX_AGE_DAYS)]
    max_age_days: u32,
}

#[derive(Debug, Args)]
pub struct ProcessArgs {
    #[command(flatten)]
    form: FormArgs,
    /// Run every check and report the outcome, but change and record nothing
    #[arg(long)]
    dry_run: bool,
    /// Refuse an add or replace form for any listed domain without a DNS proof of control
    /// (`no-dns-proof`; always so when the store setting require-dns-proof is on)
    #[arg(long)]
    require_dns_proof: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Status {
    Approved,
    Refused,
}

impl Status {
    fn as_str(self) -> &'static str {
        match self {
            Status::Approved => "approved",
            Status::Refused => "refused",
        }
    }
}

pub fn run(ctx: &Ctx, command: RequestsCommand) -> Result<Outcome> {
    match command {
        RequestsCommand::Template { action } => print_document(&form::render(&form::template(action))),
        RequestsCommand::New { out } => new(ctx, out.as_deref()),
        RequestsCommand::Validate(args) => validate_or_process(ctx, &args, Mode::Validate, false),
        RequestsCommand::Process(args) => {
            let mode = if args.dry_run { Mode::DryRun } else { Mode::Process };
            validate_or_process(ctx, &args.form, mode, args.require_dns_proof)
        }
        RequestsCommand::List {
            account,
            status,
            limit,
            after,
        } => list(ctx, account.as_deref(), status, after.as_deref(), limit),
        RequestsCommand::Show { reference } => show(ctx, &reference),
    }
}

/// A form file as read: its exact text (what is recorded), the SHA-256 of its bytes, and the form.
struct Submission {
    text: String,
    sha256: String,
    form: Form,
}

/// Reads at most 1 MiB (and one byte more, to tell a larger file) and parses it; every fault is
/// reported as `FILE:LINE:COL: message` before the store is even opened.
fn read_submission(path: &Path) -> Result<Submission> {
    let file = std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let mut bytes = Vec::new();
    file.take(form::MAX_FORM_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .with_context(|| format!("cannot read {}", path.display()))?;
    let (text, form) = form::read_form(&bytes).map_err(|e| {
        // The parser quotes the file's own text (an unknown field's name), which may hold escape sequences.
        let located = e.located(&path.display().to_string());
        anyhow!(
            "{}\nhint: a form is the YAML document `xmfax requests template` prints, filled in (leave no field out)",
            output::sanitize(&located)
        )
    })?;
    Ok(Submission {
        text: text.to_string(),
        sha256: hex::encode(Sha256::digest(&bytes)),
        form,
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// `requests validate`: judge, change nothing.
    Validate,
    /// `requests process --dry-run`: judge, change nothing.
    DryRun,
    /// `requests process`: judge, then apply and record.
    Process,
}

/// The outcome of a form. JSON: `{"reference", "account", "action", "status", "reasons": [{"code",
/// "message", "domain"?}], "changes": {"added": [], "removed": []}}`.
#[derive(Debug, Serialize)]
struct ProcessReport {
    reference: String,
    account: String,
    action: String,
    /// `approved` or `refused`; for a form processed before, as it was recorded then.
    status: &'static str,
    /// True when this very form (same SHA-256) was processed before: nothing was changed or recorded.
    already_processed: bool,
    reasons: Vec<RequestReason>,
    changes: RequestChanges,
    #[serde(skip)]
    mode: Mode,
    /// The request on record, when this form was already processed.
    #[serde(skip)]
    previous: Option<Request>,
    /// The reference belongs to another form, so this refusal could not be recorded under it.
    #[serde(skip)]
    unrecorded: bool,
    /// The form's account does not exist: the refusal is only reported (there is no account to keep
    /// it for), so that the corrected form can be processed under the same reference.
    #[serde(skip)]
    unknown_account: bool,
    /// The form has no usable reference or account: judged, never recorded.
    #[serde(skip)]
    recordable: bool,
}

fn validate_or_process(ctx: &Ctx, args: &FormArgs, mode: Mode, require_dns_proof: bool) -> Result<Outcome> {
    let submission = read_submission(&args.file)?;
    let mut store = match mode {
        Mode::Process => ctx.open_store()?,
        Mode::Validate | Mode::DryRun => ctx.read_store()?,
    };
    let report = store.write(&ctx.agent, ctx.now, |tx| {
        judge(ctx, tx, &submission, args.max_age_days, mode, require_dns_proof)
    })?;
    output::emit(ctx.format, &report)?;
    Ok(Outcome::from_verdict(report.status != "refused"))
}

/// Runs every check on the form inside the write transaction; in `Mode::Process` applies an approved
/// form's changes and records the request, each change with its audit row.
fn judge(
    ctx: &Ctx,
    tx: &mut Tx<'_>,
    submission: &Submission,
    max_age_days: u32,
    mode: Mode,
    require_dns_proof: bool,
) -> Result<ProcessReport> {
    let form = &submission.form;
    let mut reasons = Vec::new();
    // Without a reference and an account the form is judged (every reason reported) but not recorded.
    let recordable = form::recordable(form);
    if recordable && let Some(stored) = tx.db().request(&form.reference)? {
        if stored.request.form_sha256 == submission.sha256 {
            return Ok(already_processed(stored.request, mode));
        }
        reasons.push(form::reference_reused(
            &form.reference,
            &stored.request.processed_at,
        ));
    }
    let unrecorded = !reasons.is_empty();
    let today = ctx.now.date_naive();
    reasons.extend(form::form_reasons(form, today, max_age_days));
    let account = match form.account.as_str() {
        "" => None,
        id => tx.db().account(id)?,
    };
    let unknown_account = account.is_none();
    let changes = match account {
        None => {
            if !form.account.is_empty() {
                reasons.push(form::unknown_account(&form.account));
            }
            RequestChanges::default()
        }
        Some(account) => tx.tentatively(|tx| {
            let (changes, account_reasons) = apply_form(ctx, tx, form, &account, max_age_days)?;
            reasons.extend(account_reasons);
            if form.action.trusts_domains() && super::dns::dns_proof_required(&tx.db(), require_dns_proof)? {
                reasons.extend(super::dns::missing_proof_reasons(
                    &tx.db(),
                    &account.id,
                    form.domains(),
                )?);
            }
            let keep = reasons.is_empty() && mode == Mode::Process;
            Ok((changes, keep))
        })?,
    };
    let approved = reasons.is_empty();
    let request = Request {
        reference: form.reference.clone(),
        account: form.account.clone(),
        action: form.action.as_str().to_string(),
        status: if approved { "approved" } else { "refused" }.to_string(),
        form_sha256: submission.sha256.clone(),
        signed_by: form.signed_by().map(str::to_string),
        signed_on: form.signed_on().map(|d| d.to_string()),
        reasons: reasons.into_iter().map(recorded).collect(),
        changes: if approved {
            changes
        } else {
            RequestChanges::default()
        },
        processed_by: ctx.agent.clone(),
        processed_at: tx.now(),
    };
    if mode == Mode::Process && recordable && (unrecorded || !unknown_account) {
        record(tx, &request, submission, unrecorded)?;
    }
    Ok(ProcessReport {
        reference: request.reference,
        account: request.account,
        action: request.action,
        status: if approved { "approved" } else { "refused" },
        already_processed: false,
        reasons: request.reasons,
        changes: request.changes,
        mode,
        previous: None,
        unrecorded,
        unknown_account,
        recordable,
    })
}

/// Keeps the request on record with its audit row. A different form under a used reference cannot
/// be recorded under it (the first form keeps it forever), so only the attempt is audited.
fn record(tx: &mut Tx<'_>, request: &Request, submission: &Submission, unrecorded: bool) -> Result<()> {
    let details = json!({
        "action": request.action,
        "status": request.status,
        "form_sha256": request.form_sha256,
        "reasons": request.reasons,
        "changes": request.changes,
    });
    if unrecorded {
        return tx.audit(
            "requests.refuse-reused-reference",
            Some(&request.account),
            Some(&request.reference),
            details,
        );
    }
    tx.insert_request(&RequestRecord {
        request: request.clone(),
        form_text: submission.text.clone(),
    })?;
    tx.audit(
        "requests.process",
        Some(&request.account),
        Some(&request.reference),
        details,
    )
}

fn recorded(reason: Reason) -> RequestReason {
    RequestReason {
        code: reason.code.to_string(),
        message: reason.message,
        domain: reason.domain,
    }
}

/// The account rules, then the form's changes applied (the caller's savepoint keeps or undoes them):
/// removals first, so that `replace` is judged on the state it would leave.
fn apply_form(
    ctx: &Ctx,
    tx: &mut Tx<'_>,
    form: &Form,
    account: &Account,
    max_age_days: u32,
) -> Result<(RequestChanges, Vec<Reason>)> {
    let (mut reasons, removed) = {
        let db = tx.db();
        let report = super::changes::check_report(&db, &account.id)?;
        let failing = security::failing(&report.checks);
        let settings = db.security_settings(account)?;
        let trusted: Vec<Trusted> = db
            .account_domains(&account.id)?
            .into_iter()
            .map(|d| Trusted {
                domain: d.domain,
                include_subdomains: d.include_subdomains,
            })
            .collect();
        let user_keys: Vec<String> = db
            .users(&account.id)?
            .iter()
            .filter_map(|u| normalize_user_address(&u.email).ok())
            .map(|address| address.key)
            .collect();
        let facts = AccountFacts {
            security: &settings,
            failing_checks: &failing,
            trusted: &trusted,
            user_keys: &user_keys,
        };
        let mut reasons = form::account_reasons(form, &facts);
        let (removed, removal_reasons) = form::removals(form, &trusted);
        reasons.extend(removal_reasons);
        (reasons, removed)
    };
    apply_removals(tx, &account.id, &removed, Some(&form.reference))?;
    let mut added = Vec::new();
    if form.action.trusts_domains() {
        let certification = form.certification();
        let now = crate::store::timestamp(ctx.now);
        let new = NewDomains {
            account: &account.id,
            inputs: form.domains(),
            include_subdomains: form.include_subdomains(),
            certification: certification.as_ref(),
            request: None,
            agent: &ctx.agent,
            now: &now,
            rules: Rules {
                today: ctx.now.date_naive(),
                max_age_days,
                wording: Wording::Options,
            },
        };
        let plan = plan_additions(&tx.db(), &new)?;
        reasons.extend(form::domain_reasons(
            plan.refused
                .iter()
                .map(|r| (r.domain.as_str(), r.reasons.as_slice())),
        ));
        if plan.refused.is_empty() {
            apply_additions(tx, &plan.added)?;
        }
        added = plan.added.into_iter().map(|d| d.domain).collect();
    }
    Ok((RequestChanges { added, removed }, reasons))
}

fn already_processed(request: Request, mode: Mode) -> ProcessReport {
    ProcessReport {
        reference: request.reference.clone(),
        account: request.account.clone(),
        action: request.action.clone(),
        status: if request.status == "approved" {
            "approved"
        } else {
            "refused"
        },
        already_processed: true,
        reasons: request.reasons.clone(),
        changes: request.changes.clone(),
        mode,
        previous: Some(request),
        unrecorded: false,
        unknown_account: false,
        recordable: true,
    }
}

impl Tabular for ProcessReport {
    fn blocks(&self) -> Vec<Block> {
        let blank = |value: &str, placeholder: &str| {
            if value.is_empty() {
                placeholder.to_string()
            } else {
                value.to_string()
            }
        };
        let heading = format!(
            "Request {} ({} for account {})",
            blank(&self.reference, "(no reference)"),
            self.action,
            blank(&self.account, "(none given)")
        );
        if let Some(previous) = &self.previous {
            let mut blocks = vec![
                Block::Title(format!(
                    "{heading}: already processed, {}",
                    self.status.to_uppercase()
                )),
                Block::Line(format!(
                    "This very form was {} on {} by {}; nothing changed. `xmfax requests show {}` shows the record.",
                    previous.status, previous.processed_at, previous.processed_by, self.reference
                )),
            ];
            if self.status == "refused" {
                blocks.push(output::reason_rows(&self.reasons, "(no reasons)"));
                blocks.push(Block::Line(format!(
                    "hint: to resubmit, have the customer correct and sign the form under a new reference (not {}), then process it",
                    self.reference
                )));
            }
            return blocks;
        }
        let judged_only = self.mode != Mode::Process;
        if self.status == "refused" {
            let outcome = if judged_only {
                "would be REFUSED (nothing was changed or recorded)"
            } else if self.unrecorded {
                "REFUSED (nothing changed; the refusal is in the audit trail, the reference keeps its first form)"
            } else if !self.recordable {
                "REFUSED (nothing changed or recorded: the form has no usable reference or account)"
            } else if self.unknown_account {
                "REFUSED (nothing changed or recorded: the account does not exist; the corrected form can use the same reference)"
            } else {
                "REFUSED (nothing changed; the request is recorded with its reasons)"
            };
            return vec![
                Block::Title(format!("{heading}: {outcome}")),
                output::reason_rows(&self.reasons, "(no reasons)"),
            ];
        }
        let outcome = if judged_only {
            "would be APPROVED (nothing was changed or recorded)"
        } else {
            "APPROVED"
        };
        let (added, removed) = if judged_only {
            ("Would add", "Would remove")
        } else {
            ("Added", "Removed")
        };
        vec![
            Block::Title(format!("{heading}: {outcome}")),
            Block::Fields(change_fields(&self.changes, added, removed)),
        ]
    }
}

pub(crate) fn change_fields(
    changes: &RequestChanges,
    added: &'static str,
    removed: &'static str,
) -> Vec<(&'static str, String)> {
    let list = |domains: &[String]| {
        if domains.is_empty() {
            "-".to_string()
        } else {
            domains.join(", ")
        }
    };
    vec![(added, list(&changes.added)), (removed, list(&changes.removed))]
}

fn list(
    ctx: &Ctx,
    account: Option<&str>,
    status: Option<Status>,
    after: Option<&str>,
    limit: Option<u32>,
) -> Result<Outcome> {
    let status = status.map(Status::as_str);
    ctx.read_store()?.snapshot(|db| {
        db.stream_requests(account, status, after, limit, |rows| {
            output::emit_rows(ctx.format, rows)
        })
    })?;
    Ok(Outcome::Success)
}

fn show(ctx: &Ctx, reference: &str) -> Result<Outcome> {
    let store = ctx.read_store()?;
    let Some(record) = store.db().request(reference.trim())? else {
        bail!(
            "no request {reference:?} in this store\nhint: `xmfax requests list` shows the processed requests"
        );
    };
    output::emit(ctx.format, &record)?;
    Ok(Outcome::Success)
}

/// Writes a form document to stdout as is: it is YAML for the customer, whatever `--output` says.
fn print_document(text: &str) -> Result<Outcome> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(Outcome::Success)
}

fn new(ctx: &Ctx, out: Option<&Path>) -> Result<Outcome> {
    if !ctx.interactive {
        bail!(
            "`requests new` asks its questions on a terminal, and there is none (stdin is not a terminal, or --no-input was given)\nhint: `xmfax requests template --action add > form.yaml`, fill it in, then `xmfax requests validate form.yaml`"
        );
    }
    if let Some(path) = out
        && path.exists()
    {
        bail!("{} already exists; name a new file", path.display());
    }
    let accounts = ctx.read_store()?.db().accounts()?;
    let form = ask_form(ctx, &accounts)?;
    let text = form::render(&form);
    match out {
        None => {
            print_document(&text)?;
        }
        Some(path) => {
            let mut file = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(path)
                .with_context(|| format!("cannot create {}", path.display()))?;
            file.write_all(text.as_bytes())
                .with_context(|| format!("cannot write {}", path.display()))?;
            ctx.note(&format!(
                "Wrote {}. Check it with: xmfax requests validate {}",
                path.display(),
                path.display()
            ));
        }
    };
    Ok(Outcome::Success)
}

/// The questions of `requests new`, in the order of the form.
fn ask_form(ctx: &Ctx, accounts: &[Account]) -> Result<Form> {
    use dialoguer::{Confirm, Input, MultiSelect, Select};
    let theme = dialoguer::theme::SimpleTheme;
    let text = |prompt: &str, required: bool| -> Result<String> {
        Input::<String>::with_theme(&theme)
            .with_prompt(prompt)
            .allow_empty(!required)
            .validate_with(|input: &String| {
                if required && input.trim().is_empty() {
                    Err("a value is required")
                } else {
                    Ok(())
                }
            })
            .interact_text()
            .with_context(|| format!("cannot read: {prompt}"))
    };
    let optional = |value: String| Some(value.trim().to_string()).filter(|v| !v.is_empty());
    let reference = text("Reference (ticket or form number)", true)?;
    let account = if accounts.is_empty() {
        text("Account ID", true)?
    } else {
        let labels: Vec<String> = accounts
            .iter()
            .map(|a| format!("{} ({})", a.id, a.name))
            .collect();
        let chosen = Select::with_theme(&theme)
            .with_prompt("Account")
            .items(&labels)
            .default(0)
            .interact()
            .context("cannot read the account choice")?;
        accounts[chosen].id.clone()
    };
    let actions = [Action::Add, Action::Remove, Action::Replace, Action::Disable];
    let labels = [
        "add: trust these domains as well",
        "remove: stop trusting these domains",
        "replace: trust exactly these domains",
        "disable: stop trusting every domain",
    ];
    let action = actions[Select::with_theme(&theme)
        .with_prompt("Action")
        .items(&labels)
        .default(0)
        .interact()
        .context("cannot read the action")?];
    let domains = if action == Action::Disable {
        None
    } else {
        let line = text(
            "Domains (complete SMTP domains, separated by spaces or commas)",
            true,
        )?;
        Some(
            line.split([' ', ','])
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect(),
        )
    };
    let confirm = |prompt: &str| -> Result<bool> {
        // Answered with Enter, like every other question: a lone keystroke would let the Enter
        // fall through into the next question as an empty answer.
        Confirm::with_theme(&theme)
            .with_prompt(prompt)
            .default(false)
            .wait_for_newline(true)
            .interact()
            .with_context(|| format!("cannot read: {prompt}"))
    };
    let include_subdomains = if action.trusts_domains() {
        Some(confirm("Include subdomains?")?)
    } else {
        None
    };
    let requester = Requester {
        name: optional(text("Requester name", true)?),
        title: optional(text("Requester title", false)?),
        email: optional(text("Requester email", true)?),
    };
    let certifications = if action.trusts_domains() {
        let owned = confirm("Does the form certify that the domains belong to the company?")?;
        let restrained = confirm("Does it certify that the account restrains its email sources?")?;
        let names: Vec<&str> = RestraintMethod::ALL.iter().map(|m| m.as_str()).collect();
        let chosen = MultiSelect::with_theme(&theme)
            .with_prompt("Restraint methods it names (space to select, enter to confirm)")
            .items(&names)
            .interact()
            .context("cannot read the restraint methods")?;
        Some(Certifications {
            domains_belong_to_company: Some(owned),
            email_sources_restrained: Some(restrained),
            restraint_methods: Some(chosen.into_iter().map(|i| RestraintMethod::ALL[i]).collect()),
        })
    } else {
        None
    };
    let signed_by = optional(text("Signed by", false)?);
    let title = optional(text("Signatory's title", false)?);
    let signed_on: String = Input::with_theme(&theme)
        .with_prompt("Signed on (YYYY-MM-DD)")
        .default(ctx.now.date_naive().to_string())
        .validate_with(|input: &String| parse_date(input).map(|_| ()))
        .interact_text()
        .context("cannot read the signature date")?;
    let signed_on: Option<NaiveDate> = Some(parse_date(&signed_on).map_err(anyhow::Error::msg)?);
    Ok(Form {
        xmfax_form: FormVersion::V1,
        reference: reference.trim().to_string(),
        account: account.trim().to_string(),
        action,
        domains,
        include_subdomains,
        requester: Some(requester),
        certifications,
        signature: Some(Signature {
            signed_by,
            title,
            signed_on,
        }),
    })
}
