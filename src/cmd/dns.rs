//! The DNS checks of the customer's domains: `domains challenge`, `domains prove`, `domains inspect`,
//! and the pieces `security check --dns`, `domains list`, `accounts show` and `requests process`
//! take from them (proofs on record, the spoofing-protection viability of a trusted domain).

use super::{Ctx, Outcome, account_candidates};
use crate::dns::{Dns, DnsSettings, parse_server, parse_timeout};
use crate::model::TrustedDomain;
use crate::model::dns::{DnsChallenge, DnsProof};
use crate::model::transfer::KindCounts;
use crate::output::{self, Block, Row, Tabular, or_dash};
use crate::policy::dns::{self as rules, Answer, Challenge, DmarcLookup, DnsCheck, Status};
use crate::policy::form::Reason;
use crate::policy::import::Batch;
use crate::policy::{domain, security};
use crate::store::{Db, Tx};
use anyhow::{Result, anyhow, bail};
use chrono::{DateTime, Utc};
use clap::Args;
use clap_complete::ArgValueCandidates;
use serde::Serialize;
use serde_json::json;
use std::net::SocketAddr;
use std::time::Duration;

/// The store setting that makes `requests process` require a DNS proof for every listed domain.
pub const REQUIRE_DNS_PROOF: &str = "require-dns-proof";

/// Which DNS server to ask, and how long to wait for it.
#[derive(Debug, Clone, Args)]
pub struct DnsArgs {
    /// Ask this DNS server (IP or IP:PORT) instead of the system's resolvers (/etc/resolv.conf)
    #[arg(long, env = "XMFAX_DNS_SERVER", value_name = "IP[:PORT]", value_parser = parse_server)]
    dns_server: Option<SocketAddr>,
    /// Give up on a DNS query after this many seconds (exit 2, "could not check"); decimals allowed
    #[arg(long, value_name = "SECONDS", default_value = "5", value_parser = parse_timeout)]
    dns_timeout: Duration,
}

impl DnsArgs {
    fn resolver(&self) -> Result<Dns> {
        Dns::new(&DnsSettings {
            server: self.dns_server,
            timeout: self.dns_timeout,
        })
    }
}

#[derive(Debug, Args)]
pub struct ChallengeArgs {
    /// Account ID
    #[arg(add = ArgValueCandidates::new(account_candidates))]
    account: String,
    /// The domain whose control the customer is to prove (trusted or not yet)
    domain: String,
    /// Issue a new token even when an unexpired one exists (the old one stops proving anything)
    #[arg(long)]
    renew: bool,
}

#[derive(Debug, Args)]
pub struct ProveArgs {
    /// Account ID
    #[arg(add = ArgValueCandidates::new(account_candidates))]
    account: String,
    /// The domain whose challenge record to look up
    domain: String,
    #[command(flatten)]
    dns: DnsArgs,
}

#[derive(Debug, Args)]
pub struct InspectArgs {
    /// Domains to inspect (no account needed)
    #[arg(required = true, value_name = "DOMAIN")]
    domains: Vec<String>,
    #[command(flatten)]
    selectors: SelectorArgs,
    #[command(flatten)]
    dns: DnsArgs,
}

/// DKIM selectors to look up.
#[derive(Debug, Clone, Default, Args)]
pub struct SelectorArgs {
    /// A DKIM selector the customer signs with (repeatable): its key at SELECTOR._domainkey.DOMAIN is checked
    #[arg(long = "dkim-selector", value_name = "SELECTOR")]
    dkim_selectors: Vec<String>,
}

/// The options `security check` takes for its `--dns` checks.
#[derive(Debug, Args)]
pub struct SecurityDnsArgs {
    /// Also check each trusted domain's DNS: domain-controlled (a proof on record) and, with spoofing
    /// protection on, spoofing-protection-viable
    #[arg(long)]
    pub dns: bool,
    #[command(flatten)]
    selectors: SelectorArgs,
    #[command(flatten)]
    resolver: DnsArgs,
}

/// A domain from the command line, refused before any query when it fails the domain checks.
fn checked_domain(input: &str) -> Result<String> {
    let assessment = domain::assess(input);
    match (assessment.domain, assessment.problems.as_slice()) {
        (Some(d), []) => Ok(d.ascii),
        (_, problems) => {
            let reasons: Vec<String> = problems.iter().map(ToString::to_string).collect();
            bail!(
                "{:?} is not a domain whose DNS xmfax checks (nothing was asked): {}",
                input.trim(),
                reasons.join("; ")
            )
        }
    }
}

fn checked_selector(input: &str) -> Result<String> {
    let selector = input.trim().to_ascii_lowercase();
    let valid = !selector.is_empty()
        && selector.len() <= 200
        && selector.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        });
    if !valid {
        let shown: String = input.chars().take(40).collect();
        bail!("{shown:?} is not a DKIM selector (dot-separated labels of letters, digits, '-' and '_')");
    }
    Ok(selector)
}

fn parse_time(text: &str) -> Result<DateTime<Utc>> {
    Ok(DateTime::parse_from_rfc3339(text)
        .map_err(|e| anyhow!("bad time {text:?} in the store: {e}"))?
        .with_timezone(&Utc))
}

// ---------------------------------------------------------------------------------------------
// domains challenge

/// JSON: `{"account", "domain", "token", "issued_by", "issued_at", "expires_at", "name", "record", "renewed"}`.
#[derive(Debug, Serialize)]
struct ChallengeReport {
    #[serde(flatten)]
    challenge: DnsChallenge,
    name: String,
    record: String,
    /// False when the unexpired token on record was printed again.
    issued: bool,
}

impl Tabular for ChallengeReport {
    fn blocks(&self) -> Vec<Block> {
        let c = &self.challenge;
        let what = if self.issued {
            "New token"
        } else {
            "Token on record (still valid)"
        };
        vec![
            Block::Title(format!(
                "{what} for {} to prove control of {}; the customer publishes this record:",
                c.account, c.domain
            )),
            Block::Line(format!("  {}", self.record)),
            Block::Fields(vec![
                ("Issued", format!("{} by {}", c.issued_at, c.issued_by)),
                ("Valid until", c.expires_at.clone()),
                (
                    "Then run",
                    format!("xmfax domains prove {} {}", c.account, c.domain),
                ),
            ]),
        ]
    }
}

pub fn challenge(ctx: &Ctx, args: ChallengeArgs) -> Result<Outcome> {
    let domain = checked_domain(&args.domain)?;
    let mut random = [0u8; rules::TOKEN_BYTES];
    getrandom::fill(&mut random).map_err(|e| anyhow!("cannot draw a random token: {e}"))?;
    let fresh_token = rules::token_from(&random);
    let mut store = ctx.open_store()?;
    let report = store.write(&ctx.agent, ctx.now, |tx| {
        tx.db().require_account(&args.account)?;
        if let Some((token, issued_by, issued_at)) = tx.db().dns_challenge(&args.account, &domain)? {
            let expires = rules::challenge_expiry(parse_time(&issued_at)?);
            if !args.renew && ctx.now < expires {
                return Ok(ChallengeReport {
                    name: rules::challenge_name(&domain),
                    record: rules::challenge_record(&domain, &token),
                    challenge: DnsChallenge {
                        account: args.account.clone(),
                        domain: domain.clone(),
                        token,
                        issued_by,
                        issued_at,
                        expires_at: crate::store::timestamp(expires),
                    },
                    issued: false,
                });
            }
        }
        let challenge = DnsChallenge {
            account: args.account.clone(),
            domain: domain.clone(),
            token: fresh_token.clone(),
            issued_by: ctx.agent.clone(),
            issued_at: tx.now(),
            expires_at: crate::store::timestamp(rules::challenge_expiry(ctx.now)),
        };
        tx.upsert_dns_challenge(&challenge)?;
        tx.audit(
            "domains.challenge",
            Some(&args.account),
            Some(&domain),
            json!({"token": challenge.token, "expires_at": challenge.expires_at}),
        )?;
        Ok(ChallengeReport {
            name: rules::challenge_name(&domain),
            record: rules::challenge_record(&domain, &challenge.token),
            challenge,
            issued: true,
        })
    })?;
    output::emit(ctx.format, &report)?;
    Ok(Outcome::Success)
}

// ---------------------------------------------------------------------------------------------
// domains prove

/// JSON: `{"account", "domain", "name", "server", "proven", "code", "message", "records": [],
/// "proof": {…} | null, "recorded_on": "trusted-domain" | "account" | null}`.
#[derive(Debug, Serialize)]
struct ProveReport {
    account: String,
    domain: String,
    name: String,
    server: String,
    proven: bool,
    code: &'static str,
    message: String,
    records: Vec<String>,
    proof: Option<DnsProof>,
    recorded_on: Option<&'static str>,
}

impl Tabular for ProveReport {
    fn blocks(&self) -> Vec<Block> {
        let verdict = if self.proven { "PROVEN" } else { "NOT proven" };
        let mut blocks = vec![
            Block::Title(format!(
                "Control of {} by {}: {verdict} ({})",
                self.domain, self.account, self.code
            )),
            Block::Line(self.message.clone()),
        ];
        let mut fields = vec![("Asked", self.server.clone()), ("Name", self.name.clone())];
        if let Some(proof) = &self.proof {
            let on = match self.recorded_on {
                Some("trusted-domain") => "the trusted domain",
                _ => "the account (the domain is not trusted yet)",
            };
            fields.push(("Recorded on", on.to_string()));
            fields.push(("Proven at", proof.proven_at.clone()));
        }
        blocks.push(Block::Fields(fields));
        blocks
    }
}

pub fn prove(ctx: &Ctx, args: ProveArgs) -> Result<Outcome> {
    let domain = checked_domain(&args.domain)?;
    // The account is checked before anything is asked of the network.
    let challenge = {
        let store = ctx.read_store()?;
        let db = store.db();
        db.require_account(&args.account)?;
        match db.dns_challenge(&args.account, &domain)? {
            Some((token, _, issued_at)) => Some(Challenge {
                token,
                issued_at: parse_time(&issued_at)?,
            }),
            None => None,
        }
    };
    let dns = args.dns.resolver()?;
    let name = rules::challenge_name(&domain);
    let answer = dns.txt(&name)?;
    let verdict = rules::judge_proof(&domain, challenge.as_ref(), &answer, ctx.now);
    let records: Vec<String> = answer.records().iter().map(rules::TxtRecord::shown).collect();
    let mut report = ProveReport {
        account: args.account.clone(),
        domain: domain.clone(),
        name,
        server: dns.server.clone(),
        proven: verdict.proven,
        code: verdict.code,
        message: verdict.message,
        records,
        proof: None,
        recorded_on: None,
    };
    if let Some(record) = verdict.record {
        let mut store = ctx.open_store()?;
        let (proof, recorded_on) = store.write(&ctx.agent, ctx.now, |tx| {
            tx.db().require_account(&args.account)?;
            let proof = DnsProof {
                account: args.account.clone(),
                domain: domain.clone(),
                proven_at: tx.now(),
                server: dns.server.clone(),
                record: record.clone(),
                proven_by: ctx.agent.clone(),
            };
            let trusted = tx
                .db()
                .trusted_domain(&domain)?
                .is_some_and(|d| d.account == args.account);
            let recorded_on = if trusted { "trusted-domain" } else { "account" };
            tx.upsert_dns_proof(&proof)?;
            tx.audit(
                "domains.prove",
                Some(&args.account),
                Some(&domain),
                json!({"server": proof.server, "record": proof.record, "recorded_on": recorded_on}),
            )?;
            Ok((proof, recorded_on))
        })?;
        report.proof = Some(proof);
        report.recorded_on = Some(recorded_on);
    }
    output::emit(ctx.format, &report)?;
    Ok(Outcome::from_verdict(report.proven))
}

// ---------------------------------------------------------------------------------------------
// domains inspect

/// JSON (one per domain): `{"domain", "checks": [{"id", "status", "code", "message", "records": []}]}`.
#[derive(Debug, Serialize)]
pub struct Inspection {
    domain: String,
    checks: Vec<DnsCheck>,
}

impl Tabular for Vec<Inspection> {
    fn blocks(&self) -> Vec<Block> {
        let mut blocks = Vec::new();
        for inspection in self {
            let failing = inspection
                .checks
                .iter()
                .filter(|c| c.status == Status::Fail)
                .count();
            let verdict = if failing == 0 {
                "nothing fails".to_string()
            } else {
                format!("{failing} check(s) FAIL")
            };
            blocks.push(Block::Title(format!("DNS of {}: {verdict}", inspection.domain)));
            blocks.push(Block::Rows {
                header: vec!["CHECK", "STATUS", "CODE", "MESSAGE"],
                rows: inspection
                    .checks
                    .iter()
                    .map(|c| {
                        vec![
                            c.id.to_string(),
                            status_word(c.status),
                            c.code.to_string(),
                            c.message.clone(),
                        ]
                    })
                    .collect(),
                empty: "(no checks)",
            });
            let records: Vec<Vec<String>> = inspection
                .checks
                .iter()
                .flat_map(|c| c.records.iter().map(|r| vec![c.id.to_string(), r.clone()]))
                .collect();
            if !records.is_empty() {
                blocks.push(Block::Rows {
                    header: vec!["CHECK", "RECORD SEEN"],
                    rows: records,
                    empty: "",
                });
            }
        }
        blocks
    }
}

fn status_word(status: Status) -> String {
    match status {
        Status::Pass => "pass",
        Status::Warn => "warn",
        Status::Fail => "fail",
    }
    .to_string()
}

/// Every check of one domain: mx, spf, dmarc, one dkim per selector, and the viability conclusion.
fn inspect_domain(dns: &Dns, domain: &str, selectors: &[String]) -> Result<Vec<DnsCheck>> {
    let mx_answer = dns.mx(domain)?;
    let has_address = match mx_answer {
        Answer::NoRecord => dns.has_address(domain)?,
        _ => false,
    };
    let mx = rules::mx_check(domain, &mx_answer, has_address);
    let (spf, dmarc, dkim) = authentication_checks(dns, domain, selectors)?;
    let viable = rules::viability_check(&spf, &dmarc, &dkim);
    let mut checks = vec![mx, spf, dmarc];
    checks.extend(dkim);
    checks.push(viable);
    Ok(checks)
}

/// The spf, dmarc and dkim checks (what the viability conclusion is drawn from).
fn authentication_checks(
    dns: &Dns,
    domain: &str,
    selectors: &[String],
) -> Result<(DnsCheck, DnsCheck, Vec<DnsCheck>)> {
    let spf = rules::spf_check(domain, &dns.txt(domain)?);
    let own = dns.txt(&format!("_dmarc.{domain}"))?;
    let organizational = match rules::organizational_domain(domain) {
        Some(org) if own.records().is_empty() => {
            let answer = dns.txt(&format!("_dmarc.{org}"))?;
            Some((org, answer))
        }
        _ => None,
    };
    let dmarc = rules::dmarc_check(domain, &DmarcLookup { own, organizational });
    let mut dkim = Vec::new();
    for selector in selectors {
        let answer = dns.txt(&format!("{selector}._domainkey.{domain}"))?;
        dkim.push(rules::dkim_check(domain, selector, &answer));
    }
    Ok((spf, dmarc, dkim))
}

fn checked_selectors(args: &SelectorArgs) -> Result<Vec<String>> {
    let mut selectors = Vec::new();
    for input in &args.dkim_selectors {
        let selector = checked_selector(input)?;
        if !selectors.contains(&selector) {
            selectors.push(selector);
        }
    }
    Ok(selectors)
}

pub fn inspect(ctx: &Ctx, args: InspectArgs) -> Result<Outcome> {
    // Every name is checked before the first query.
    let mut domains = Vec::new();
    for input in &args.domains {
        let domain = checked_domain(input)?;
        if !domains.contains(&domain) {
            domains.push(domain);
        }
    }
    let selectors = checked_selectors(&args.selectors)?;
    let dns = args.dns.resolver()?;
    let mut inspections = Vec::new();
    for domain in domains {
        let checks = inspect_domain(&dns, &domain, &selectors)?;
        inspections.push(Inspection { domain, checks });
    }
    let nothing_fails = inspections
        .iter()
        .all(|i| i.checks.iter().all(|c| c.status != Status::Fail));
    output::emit(ctx.format, &inspections)?;
    Ok(Outcome::from_verdict(nothing_fails))
}

// ---------------------------------------------------------------------------------------------
// What other commands take from here

/// `--dkim-selector` asks for a DNS check: without `--dns` it would silently do nothing.
pub fn refuse_dns_options_without_dns(args: &SecurityDnsArgs) -> Result<()> {
    if !args.dns && !args.selectors.dkim_selectors.is_empty() {
        bail!("--dkim-selector is for the DNS checks: add --dns");
    }
    Ok(())
}

/// `security check --dns`: per trusted domain, `domain-controlled` (a proof on record: pass; none:
/// warn) and, with spoofing protection on, `spoofing-protection-viable` as `domains inspect` judges it.
pub fn security_checks(db: &Db<'_>, account: &str, args: &SecurityDnsArgs) -> Result<Vec<security::Check>> {
    let selectors = checked_selectors(&args.selectors)?;
    let account = db.require_account(account)?;
    let domains = db.account_domains(&account.id)?;
    let mut checks = Vec::new();
    for trusted in &domains {
        let check = match db.dns_proof(&account.id, &trusted.domain)? {
            Some(proof) => security::Check {
                id: "domain-controlled",
                status: Status::Pass,
                message: format!(
                    "{}: control proven in DNS on {} (asked {})",
                    trusted.domain, proof.proven_at, proof.server
                ),
            },
            None => security::Check {
                id: "domain-controlled",
                status: Status::Warn,
                message: format!(
                    "{}: no DNS proof of control on record (xmfax domains challenge {} {})",
                    trusted.domain, account.id, trusted.domain
                ),
            },
        };
        checks.push(check);
    }
    if account.spoofing_protection && !domains.is_empty() {
        let dns = args.resolver.resolver()?;
        for trusted in &domains {
            let (spf, dmarc, dkim) = authentication_checks(&dns, &trusted.domain, &selectors)?;
            let viable = rules::viability_check(&spf, &dmarc, &dkim);
            checks.push(security::Check {
                id: "spoofing-protection-viable",
                status: viable.status,
                message: format!("{}: {}", trusted.domain, viable.message),
            });
        }
    }
    Ok(checks)
}

/// Whether `requests process` must refuse domains without a DNS proof: asked on the command line,
/// or set for the store (`xmfax settings set require-dns-proof on`).
pub fn dns_proof_required(db: &Db<'_>, asked: bool) -> Result<bool> {
    Ok(asked || db.setting(REQUIRE_DNS_PROOF)?.as_deref() == Some("on"))
}

/// `no-dns-proof` for every listed domain the account has not proven control of.
pub fn missing_proof_reasons(db: &Db<'_>, account: &str, inputs: &[String]) -> Result<Vec<Reason>> {
    let mut reasons = Vec::new();
    for input in inputs {
        // A name that does not normalize is refused by the domain checks already.
        let Ok(normalized) = domain::normalize(input) else {
            continue;
        };
        if db.dns_proof(account, &normalized.ascii)?.is_none() {
            reasons.push(Reason {
                code: "no-dns-proof",
                message: format!(
                    "control of {} is not proven in DNS, which this store requires: xmfax domains challenge {account} {}, then domains prove",
                    normalized.ascii, normalized.ascii
                ),
                domain: Some(normalized.ascii),
            });
        }
    }
    Ok(reasons)
}

/// A trusted domain as `domains list` shows it: with its DNS proof, if any.
/// JSON: the trusted domain's fields and `"dns_proof": {…} | null`.
#[derive(Debug, Serialize)]
pub struct ListedDomain {
    #[serde(flatten)]
    domain: TrustedDomain,
    dns_proof: Option<DnsProof>,
}

/// One trusted domain as `domains list` shows it (a streamed list maps its rows through this).
pub fn with_proof(db: &Db<'_>, domain: TrustedDomain) -> Result<ListedDomain> {
    let dns_proof = db.dns_proof(&domain.account, &domain.domain)?;
    Ok(ListedDomain { domain, dns_proof })
}

impl Row for ListedDomain {
    // The trusted-domain columns, then the day the domain was proven in DNS.
    const HEADER: &'static [&'static str] = &[
        "DOMAIN",
        "ACCOUNT",
        "SUBDOMAINS",
        "CERTIFIED BY",
        "CERTIFIED ON",
        "REQUEST",
        "DNS PROOF",
    ];
    fn cells(&self) -> Vec<String> {
        let mut cells = self.domain.cells();
        let proven_on = self
            .dns_proof
            .as_ref()
            .map(|p| p.proven_at.split('T').next().unwrap_or(&p.proven_at).to_string());
        cells.push(or_dash(&proven_on));
        cells
    }
}

/// What an import does to DNS proofs: the file's proofs replace those of each account that lists
/// `dns_proofs`.
#[derive(Debug, Default)]
pub struct ProofImport {
    pub counts: KindCounts,
    replacements: Vec<(String, Vec<DnsProof>)>,
}

pub fn plan_proof_import(db: &Db<'_>, batch: &Batch) -> Result<ProofImport> {
    let mut plan = ProofImport::default();
    for (account, proofs) in batch.dns_proofs() {
        let stored = db.dns_proofs(Some(account))?;
        let file: Vec<DnsProof> = proofs
            .iter()
            .map(|p| DnsProof {
                account: account.to_string(),
                domain: p.domain.clone(),
                proven_at: p.proven_at.clone(),
                server: p.server.clone(),
                record: p.record.clone(),
                proven_by: p.proven_by.clone(),
            })
            .collect();
        let before = plan.counts;
        for proof in &file {
            match stored.iter().find(|s| s.domain == proof.domain) {
                Some(s) if s == proof => plan.counts.unchanged += 1,
                Some(_) => plan.counts.updated += 1,
                None => plan.counts.created += 1,
            }
        }
        plan.counts.removed += stored
            .iter()
            .filter(|s| !file.iter().any(|f| f.domain == s.domain))
            .count() as u64;
        let changed = plan.counts.created + plan.counts.updated + plan.counts.removed
            > before.created + before.updated + before.removed;
        if changed {
            plan.replacements.push((account.to_string(), file));
        }
    }
    Ok(plan)
}

/// Writes the proofs an import replaces (its summary audit row covers them, with their counts).
pub fn apply_proof_import(tx: &mut Tx<'_>, plan: &ProofImport) -> Result<()> {
    for (account, proofs) in &plan.replacements {
        tx.delete_dns_proofs(account)?;
        for proof in proofs {
            tx.upsert_dns_proof(proof)?;
        }
    }
    Ok(())
}
