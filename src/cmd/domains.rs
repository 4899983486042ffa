//! `xmfax domains`: trust, distrust, list and check email domains, with every certification check.

use super::changes::{
    NewDomains, Refusal, apply_additions, apply_removals, holders_of, parse_date, plan_additions,
};
use super::{Ctx, Outcome, account_candidates, request_candidates};
use crate::output::{self, Block, Tabular};
use crate::policy::certification::{RequestFacts, Rules, Wording};
use crate::policy::domain::{self, Certification};
use crate::policy::{Problem, form};
use crate::store::Db;
use anyhow::{Context, Result, bail};
use chrono::NaiveDate;
use clap::{ArgGroup, Args, Subcommand};
use clap_complete::{ArgValueCandidates, CompletionCandidate};
use serde::Serialize;

#[derive(Debug, Subcommand)]
pub enum DomainsCommand {
    /// Trust domains for an account's email-to-fax (all or nothing: one refused domain adds none)
    Add(AddArgs),
    /// Stop trusting domains (asks first; --yes without a terminal)
    Remove(RemoveArgs),
    /// List trusted domains of one account, or of all, by account then domain, printed as they are
    /// read (page with --limit and --after)
    List {
        /// Account ID
        #[arg(add = ArgValueCandidates::new(account_candidates))]
        account: Option<String>,
        /// Print at most N domains
        #[arg(long, value_name = "N")]
        limit: Option<u32>,
        /// Start after this domain (the last one of the previous page). Listing every account,
        /// ACCOUNT/DOMAIN also works after a domain that has since been removed
        #[arg(long, value_name = "DOMAIN")]
        after: Option<String>,
    },
    /// Run the checks that need no account on domains (exit 1 if any would be refused)
    Check {
        /// Domains to check, as the customer wrote them
        #[arg(required = true, value_name = "DOMAIN")]
        domains: Vec<String>,
        /// Check them as a grant that includes subdomains (adds the public-suffix-below check)
        #[arg(long)]
        include_subdomains: bool,
    },
    /// Issue a token the customer publishes in DNS to prove control of a domain (valid 30 days)
    Challenge(super::dns::ChallengeArgs),
    /// Look up the challenge record and, when it holds the account's token, record the proof
    /// (exit 0 proven, 1 not proven, 2 DNS could not be asked)
    Prove(super::dns::ProveArgs),
    /// Check domains' MX, SPF, DMARC and DKIM records and whether spoofing protection can work
    /// for their mail (exit 1 when a check fails, 2 when DNS could not be asked)
    Inspect(super::dns::InspectArgs),
}

#[derive(Debug, Args)]
#[command(group = ArgGroup::new("certification").args(["request", "certified_by"]).multiple(false))]
pub struct AddArgs {
    /// Account ID (prompted for on a terminal when missing)
    #[arg(add = ArgValueCandidates::new(account_candidates))]
    account: Option<String>,
    /// Complete SMTP domains, e.g. acme.com bücher.example
    #[arg(value_name = "DOMAIN")]
    domains: Vec<String>,
    /// The approved signed request form that certifies these domains
    #[arg(long, value_name = "REF", add = ArgValueCandidates::new(request_candidates))]
    request: Option<String>,
    /// Who certified that the domains belong to the customer
    #[arg(long, value_name = "NAME", requires = "certified_on")]
    certified_by: Option<String>,
    /// When they certified it
    #[arg(long, value_name = "YYYY-MM-DD", requires = "certified_by", value_parser = parse_date)]
    certified_on: Option<NaiveDate>,
    /// Also trust every subdomain (mail.acme.com under acme.com)
    #[arg(long)]
    include_subdomains: bool,
    /// A certification (or a request's signature) older than this many days is expired
    #[arg(long, value_name = "N", default_value_t = form::DEFAULT_MAX_AGE_DAYS)]
    max_age_days: u32,
    /// Run every check and report, but change nothing
    #[arg(long)]
    dry_run: bool,
}

#[derive(Debug, Args)]
pub struct RemoveArgs {
    /// Account ID
    #[arg(add = ArgValueCandidates::new(account_candidates))]
    account: String,
    /// Domains the account trusts (ASCII or Unicode form); an unknown one removes nothing (exit 2)
    #[arg(required = true, value_name = "DOMAIN", add = ArgValueCandidates::new(trusted_domain_candidates))]
    domains: Vec<String>,
    /// The signed request form asking for the removal, recorded in the audit trail
    #[arg(long, value_name = "REF", add = ArgValueCandidates::new(request_candidates))]
    request: Option<String>,
}

/// JSON `{"account", "dry_run", "added": [], "unchanged": [], "refused": [{"domain", "reasons": [{"code", "message"}]}]}`.
#[derive(Debug, Serialize)]
struct AddReport {
    account: String,
    dry_run: bool,
    added: Vec<String>,
    unchanged: Vec<String>,
    refused: Vec<Refusal>,
    #[serde(skip)]
    include_subdomains: bool,
}

pub fn run(ctx: &Ctx, command: DomainsCommand) -> Result<Outcome> {
    match command {
        DomainsCommand::Add(args) => add(ctx, args),
        DomainsCommand::Remove(args) => remove(ctx, args),
        DomainsCommand::List {
            account,
            limit,
            after,
        } => list(ctx, account.as_deref(), after.as_deref(), limit),
        DomainsCommand::Check {
            domains,
            include_subdomains,
        } => check(ctx, &domains, include_subdomains),
        DomainsCommand::Challenge(args) => super::dns::challenge(ctx, args),
        DomainsCommand::Prove(args) => super::dns::prove(ctx, args),
        DomainsCommand::Inspect(args) => super::dns::inspect(ctx, args),
    }
}

fn add(ctx: &Ctx, mut args: AddArgs) -> Result<Outcome> {
    let mut store = ctx.open_store()?;
    prompt_missing(ctx, &store.db(), &mut args)?;
    let usage = "hint: xmfax domains add ACCOUNT DOMAIN… --certified-by NAME --certified-on YYYY-MM-DD \
                 (or --request REF); prompts happen only on a terminal and without --no-input";
    let Some(account) = args.account.clone() else {
        bail!("missing ACCOUNT: name the account that trusts the domains\n{usage}");
    };
    if args.domains.is_empty() {
        bail!("missing DOMAIN: name at least one domain to trust for account {account:?}\n{usage}");
    }
    let rules = Rules {
        today: ctx.now.date_naive(),
        max_age_days: args.max_age_days,
        wording: Wording::Options,
    };
    let now = crate::store::timestamp(ctx.now);
    let report = store.write(&ctx.agent, ctx.now, |tx| {
        tx.db().require_account(&account)?;
        let facts = match &args.request {
            Some(reference) => tx.db().request_facts(reference.trim())?,
            None => None,
        };
        let certification = certification_of(&args, facts.as_ref());
        let new = NewDomains {
            account: &account,
            inputs: &args.domains,
            include_subdomains: args.include_subdomains,
            certification: certification.as_ref(),
            request: args.request.as_deref().map(|r| (r.trim(), facts.as_ref())),
            agent: &ctx.agent,
            now: &now,
            rules,
        };
        let mut plan = plan_additions(&tx.db(), &new)?;
        if !plan.refused.is_empty() {
            // All or nothing: `added` never lists a domain that a refusal kept out.
            plan.added.clear();
        } else if !args.dry_run {
            apply_additions(tx, &plan.added)?;
        }
        Ok(AddReport {
            account: account.clone(),
            dry_run: args.dry_run,
            added: plan.added.into_iter().map(|d| d.domain).collect(),
            unchanged: plan.unchanged,
            refused: plan.refused,
            include_subdomains: args.include_subdomains,
        })
    })?;
    output::emit(ctx.format, &report)?;
    Ok(Outcome::from_verdict(report.refused.is_empty()))
}

/// The certification for `domains add`: given on the command line, or the signature of the request
/// given (whether that request may certify each domain is judged per domain).
fn certification_of(args: &AddArgs, request: Option<&RequestFacts>) -> Option<Certification> {
    if let (Some(by), Some(on)) = (&args.certified_by, args.certified_on) {
        return Some(Certification {
            certified_by: by.clone(),
            certified_on: on,
            request: None,
        });
    }
    request.and_then(RequestFacts::certification)
}

/// On a terminal, asks for what the command line left out; never prompts otherwise.
fn prompt_missing(ctx: &Ctx, db: &Db<'_>, args: &mut AddArgs) -> Result<()> {
    let needs_certification = args.request.is_none() && args.certified_by.is_none();
    if !ctx.interactive || (args.account.is_some() && !args.domains.is_empty() && !needs_certification) {
        return Ok(());
    }
    let theme = dialoguer::theme::SimpleTheme;
    if args.account.is_none() {
        let accounts = db.accounts()?;
        if accounts.is_empty() {
            bail!("there are no accounts yet\nhint: xmfax accounts add ID --name NAME --fax-number E164");
        }
        let labels: Vec<String> = accounts
            .iter()
            .map(|a| format!("{} ({})", a.id, a.name))
            .collect();
        let chosen = dialoguer::Select::with_theme(&theme)
            .with_prompt("Account")
            .items(&labels)
            .default(0)
            .interact()
            .context("cannot read the account choice")?;
        args.account = Some(accounts[chosen].id.clone());
    }
    if args.domains.is_empty() {
        let line: String = dialoguer::Input::with_theme(&theme)
            .with_prompt("Domains to trust (separated by spaces or commas)")
            .interact_text()
            .context("cannot read the domains")?;
        args.domains = line
            .split([' ', ','])
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
    }
    if needs_certification {
        let by: String = dialoguer::Input::with_theme(&theme)
            .with_prompt("Certified by (the customer's signatory)")
            .interact_text()
            .context("cannot read the certification")?;
        let on: String = dialoguer::Input::with_theme(&theme)
            .with_prompt("Certified on (YYYY-MM-DD)")
            .validate_with(|input: &String| parse_date(input).map(|_| ()))
            .interact_text()
            .context("cannot read the certification date")?;
        args.certified_by = Some(by);
        args.certified_on = Some(parse_date(&on).map_err(anyhow::Error::msg)?);
    }
    Ok(())
}

#[derive(Debug, Serialize)]
struct RemoveReport {
    account: String,
    removed: Vec<String>,
}

impl Tabular for RemoveReport {
    fn blocks(&self) -> Vec<Block> {
        vec![Block::Line(format!(
            "Removed from {}: {}",
            self.account,
            shown_list(&self.removed)
        ))]
    }
}

fn remove(ctx: &Ctx, args: RemoveArgs) -> Result<Outcome> {
    let mut domains = Vec::new();
    for input in &args.domains {
        let normalized = domain::normalize(input).map_err(|p| anyhow::anyhow!("{}", p.message))?;
        if !domains.contains(&normalized.ascii) {
            domains.push(normalized.ascii);
        }
    }
    let mut store = ctx.open_store()?;
    let db = store.db();
    db.require_account(&args.account)?;
    for domain in &domains {
        if db
            .trusted_domain(domain)?
            .is_none_or(|d| d.account != args.account)
        {
            bail!(
                "{domain} is not a trusted domain of account {:?}; nothing was removed",
                args.account
            );
        }
    }
    let question = format!(
        "Stop trusting {} for account {}?",
        shown_list(&domains),
        args.account
    );
    if !ctx.confirm(&question)? {
        ctx.note("Nothing removed.");
        return Ok(Outcome::Negative);
    }
    store.write(&ctx.agent, ctx.now, |tx| {
        apply_removals(tx, &args.account, &domains, args.request.as_deref())
    })?;
    output::emit(
        ctx.format,
        &RemoveReport {
            account: args.account,
            removed: domains,
        },
    )?;
    Ok(Outcome::Success)
}

fn list(ctx: &Ctx, account: Option<&str>, after: Option<&str>, limit: Option<u32>) -> Result<Outcome> {
    // `ACCOUNT/DOMAIN` or `DOMAIN`: neither an account ID nor a domain holds a '/'.
    let after = after
        .map(|key| -> Result<(Option<String>, String)> {
            let (id, name) = match key.split_once('/') {
                Some((id, name)) => (Some(id.trim().to_string()), name),
                None => (None, key),
            };
            let normalized =
                domain::normalize(name).map_err(|p| anyhow::anyhow!("--after {key:?}: {}", p.message))?;
            Ok((id, normalized.ascii))
        })
        .transpose()?;
    ctx.read_store()?.snapshot(|db| {
        if let Some(account) = account {
            db.require_account(account)?;
        }
        let position = match &after {
            None => None,
            Some((Some(id), name)) => Some((id.clone(), name.clone())),
            Some((None, name)) if account.is_some() => Some((String::new(), name.clone())),
            Some((None, name)) => match db.trusted_domain(name)? {
                Some(found) => Some((found.account, found.domain)),
                None => bail!(
                    "--after {name}: no account trusts this domain (any more), so its place in the list is unknown\nhint: give it with its account: --after ACCOUNT/{name}"
                ),
            },
        };
        let position = position.as_ref().map(|(id, name)| (id.as_str(), name.as_str()));
        db.stream_trusted_domains(account, position, limit, |rows| {
            let mut listed = rows.map(|row| row.and_then(|domain| super::dns::with_proof(db, domain)));
            output::emit_rows(ctx.format, &mut listed)
        })
    })?;
    Ok(Outcome::Success)
}

/// One domain of `domains check`: JSON `{"input", "domain", "unicode", "trusted_by", "verdict", "reasons"}`.
#[derive(Debug, Serialize)]
pub struct DomainVerdict {
    input: String,
    domain: Option<String>,
    unicode: Option<String>,
    trusted_by: Option<String>,
    verdict: &'static str,
    reasons: Vec<Problem>,
}

fn check(ctx: &Ctx, inputs: &[String], include_subdomains: bool) -> Result<Outcome> {
    let store = ctx.read_store()?;
    let db = store.db();
    let mut verdicts = Vec::new();
    for input in inputs {
        let assessment = domain::assess_grant(input, include_subdomains);
        let mut reasons = assessment.problems;
        let mut trusted_by = None;
        if let Some(normalized) = &assessment.domain {
            for holder in holders_of(&db, &normalized.ascii, None)? {
                reasons.push(domain::trusted_by_other_account(&holder));
                trusted_by = Some(holder.account);
            }
        }
        verdicts.push(DomainVerdict {
            input: input.clone(),
            domain: assessment.domain.as_ref().map(|d| d.ascii.clone()),
            unicode: assessment.domain.map(|d| d.unicode),
            trusted_by,
            verdict: if reasons.is_empty() { "ok" } else { "refused" },
            reasons,
        });
    }
    let all_ok = verdicts.iter().all(|v| v.reasons.is_empty());
    output::emit(ctx.format, &verdicts)?;
    Ok(Outcome::from_verdict(all_ok))
}

impl Tabular for AddReport {
    fn blocks(&self) -> Vec<Block> {
        if !self.refused.is_empty() {
            return vec![
                Block::Title(format!(
                    "REFUSED: {} domain(s) cannot be trusted for {}; nothing was added",
                    self.refused.len(),
                    self.account
                )),
                problem_rows(&self.refused),
            ];
        }
        let (added, verb, title_end) = if self.dry_run {
            ("Would be added", "would be added", " (dry run: nothing changed)")
        } else {
            ("Added", "added", "")
        };
        let mut blocks = vec![Block::Title(format!(
            "Trusted domains of {}: {} {verb}, {} already trusted{title_end}",
            self.account,
            self.added.len(),
            self.unchanged.len()
        ))];
        let mut fields = Vec::new();
        if !self.added.is_empty() {
            fields.push((added, shown_list(&self.added)));
            let subdomains = if self.include_subdomains {
                "included"
            } else {
                "not included"
            };
            fields.push(("Subdomains", subdomains.to_string()));
        }
        if !self.unchanged.is_empty() {
            fields.push(("Already trusted", shown_list(&self.unchanged)));
        }
        blocks.push(Block::Fields(fields));
        blocks
    }
}

/// A stored (ASCII) domain as people read it: its Unicode form beside it when that differs.
fn shown(ascii: &str) -> String {
    match domain::normalize(ascii) {
        Ok(d) if d.unicode != d.ascii => format!("{} ({})", d.ascii, d.unicode),
        _ => ascii.to_string(),
    }
}

fn shown_list(domains: &[String]) -> String {
    domains.iter().map(|d| shown(d)).collect::<Vec<_>>().join(", ")
}

fn problem_rows(refused: &[Refusal]) -> Block {
    Block::Rows {
        header: vec!["DOMAIN", "CODE", "REASON"],
        rows: refused
            .iter()
            .flat_map(|r| {
                r.reasons
                    .iter()
                    .map(|p| vec![shown(&r.domain), p.code.to_string(), p.message.clone()])
            })
            .collect(),
        empty: "No problems found.",
    }
}

impl Tabular for Vec<DomainVerdict> {
    fn blocks(&self) -> Vec<Block> {
        vec![Block::Rows {
            header: vec!["DOMAIN", "VERDICT", "CODE", "REASON"],
            rows: self
                .iter()
                .flat_map(|v| {
                    let name = v.domain.as_deref().map_or_else(|| v.input.clone(), shown);
                    if v.reasons.is_empty() {
                        vec![vec![name, v.verdict.to_string(), String::new(), String::new()]]
                    } else {
                        v.reasons
                            .iter()
                            .map(|p| {
                                vec![
                                    name.clone(),
                                    v.verdict.to_string(),
                                    p.code.to_string(),
                                    p.message.clone(),
                                ]
                            })
                            .collect()
                    }
                })
                .collect(),
            empty: "(no domains)",
        }]
    }
}

/// Completion: the trusted domains of the account named earlier on the command line (all when none is).
fn trusted_domain_candidates() -> Vec<CompletionCandidate> {
    let words: Vec<String> = std::env::args().collect();
    let account = words
        .windows(3)
        .find(|w| w[0] == "domains" && w[1] == "remove")
        .map(|w| w[2].clone())
        .filter(|a| !a.starts_with('-'));
    super::completions::candidates(|store| {
        store
            .db()
            .stream_trusted_domains(account.as_deref(), None, None, |rows| {
                rows.map(|d| d.map(|d| (d.domain, Some(d.account)))).collect()
            })
    })
}
