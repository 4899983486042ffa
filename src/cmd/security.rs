//! `xmfax security`: spoofing protection, TLS, the mail server whitelist, and the securing check.

use super::{Ctx, Outcome, account_candidates};
use crate::output::{self, Block, Tabular};
use crate::policy::{network, security};
use crate::store::Db;
use anyhow::{Result, bail};
use clap::{Args, Subcommand, ValueEnum};
use clap_complete::ArgValueCandidates;
use serde::Serialize;
use serde_json::json;

#[derive(Debug, Subcommand)]
pub enum SecurityCommand {
    /// Turn spoofing protection or required TLS on or off
    Set(SetArgs),
    /// The whitelist of the customer's mail servers (the only sources allowed when non-empty)
    #[command(subcommand)]
    Whitelist(WhitelistCommand),
    /// Check the securing prerequisites of an account (exit 1 when a check fails)
    Check {
        /// Account ID
        #[arg(add = ArgValueCandidates::new(account_candidates))]
        account: String,
        #[command(flatten)]
        dns: super::dns::SecurityDnsArgs,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Switch {
    On,
    Off,
}

#[derive(Debug, Args)]
#[command(arg_required_else_help = true)]
pub struct SetArgs {
    /// Account ID
    #[arg(add = ArgValueCandidates::new(account_candidates))]
    account: String,
    /// Accept email only when the sender's domain authenticates it (DMARC, or SPF and DKIM)
    #[arg(long, value_enum, value_name = "on|off")]
    spoofing_protection: Option<Switch>,
    /// Accept email only over TLS
    #[arg(long, value_enum, value_name = "on|off")]
    require_tls: Option<Switch>,
}

#[derive(Debug, Subcommand)]
pub enum WhitelistCommand {
    /// Add networks (CIDR; a bare address is a /32 or /128)
    Add {
        /// Account ID
        #[arg(add = ArgValueCandidates::new(account_candidates))]
        account: String,
        /// Networks in CIDR form (203.0.113.0/24, 2001:db8::/48); a bare address is a /32 or /128
        #[arg(required = true, value_name = "CIDR")]
        networks: Vec<String>,
    },
    /// Remove networks
    Remove {
        /// Account ID
        #[arg(add = ArgValueCandidates::new(account_candidates))]
        account: String,
        /// Networks in CIDR form (203.0.113.0/24, 2001:db8::/48); a bare address is a /32 or /128
        #[arg(required = true, value_name = "CIDR")]
        networks: Vec<String>,
    },
    /// List the whitelisted networks
    List {
        /// Account ID
        #[arg(add = ArgValueCandidates::new(account_candidates))]
        account: String,
    },
}

/// The result of `security check`: JSON `{"account", "passed", "checks": [{id, status, message}]}`.
#[derive(Debug, Serialize)]
pub struct CheckReport {
    pub account: String,
    pub passed: bool,
    pub checks: Vec<security::Check>,
}

impl Tabular for CheckReport {
    fn blocks(&self) -> Vec<Block> {
        let verdict = if self.passed { "secured" } else { "NOT secured" };
        vec![
            Block::Title(format!("Email-to-fax security of {}: {verdict}", self.account)),
            Block::Rows {
                header: vec!["CHECK", "STATUS", "MESSAGE"],
                rows: self
                    .checks
                    .iter()
                    .map(|c| {
                        vec![
                            c.id.to_string(),
                            format!("{:?}", c.status).to_lowercase(),
                            c.message.clone(),
                        ]
                    })
                    .collect(),
                empty: "(no checks)",
            },
        ]
    }
}

#[derive(Debug, Serialize)]
struct WhitelistChange {
    account: String,
    added: Vec<String>,
    removed: Vec<String>,
    unchanged: Vec<String>,
}

impl Tabular for WhitelistChange {
    fn blocks(&self) -> Vec<Block> {
        let mut fields = Vec::new();
        for (label, list) in [
            ("Added", &self.added),
            ("Removed", &self.removed),
            ("Unchanged", &self.unchanged),
        ] {
            if !list.is_empty() {
                fields.push((label, list.join(", ")));
            }
        }
        vec![
            Block::Title(format!("Whitelist of {}", self.account)),
            Block::Fields(fields),
        ]
    }
}

pub fn run(ctx: &Ctx, command: SecurityCommand) -> Result<Outcome> {
    match command {
        SecurityCommand::Set(args) => set(ctx, args),
        SecurityCommand::Whitelist(WhitelistCommand::Add { account, networks }) => {
            change_whitelist(ctx, &account, &networks, true)
        }
        SecurityCommand::Whitelist(WhitelistCommand::Remove { account, networks }) => {
            change_whitelist(ctx, &account, &networks, false)
        }
        SecurityCommand::Whitelist(WhitelistCommand::List { account }) => list(ctx, &account),
        SecurityCommand::Check { account, dns } => check(ctx, &account, &dns),
    }
}

/// Runs the securing checks of an account as the store has it now.
pub fn check_report(db: &Db<'_>, account: &str) -> Result<CheckReport> {
    let account = db.require_account(account)?;
    let settings = db.security_settings(&account)?;
    let checks = security::check(&settings, &db.uncertified_domains(&account.id)?);
    Ok(CheckReport {
        passed: security::passed(&checks),
        account: account.id,
        checks,
    })
}

fn check(ctx: &Ctx, account: &str, dns: &super::dns::SecurityDnsArgs) -> Result<Outcome> {
    let store = ctx.read_store()?;
    let mut report = check_report(&store.db(), account)?;
    super::dns::refuse_dns_options_without_dns(dns)?;
    if dns.dns {
        report
            .checks
            .extend(super::dns::security_checks(&store.db(), account, dns)?);
        report.passed = security::passed(&report.checks);
    }
    output::emit(ctx.format, &report)?;
    Ok(Outcome::from_verdict(report.passed))
}

fn set(ctx: &Ctx, args: SetArgs) -> Result<Outcome> {
    let mut store = ctx.open_store()?;
    let account = store.write(&ctx.agent, ctx.now, |tx| {
        let before = tx.db().require_account(&args.account)?;
        let mut after = before.clone();
        if let Some(switch) = args.spoofing_protection {
            after.spoofing_protection = matches!(switch, Switch::On);
        }
        if let Some(switch) = args.require_tls {
            after.require_tls = matches!(switch, Switch::On);
        }
        if after != before {
            after.updated_at = tx.now();
            tx.update_account(&after)?;
            tx.audit(
                "security.set",
                Some(&after.id),
                None,
                json!({"spoofing_protection": after.spoofing_protection, "require_tls": after.require_tls}),
            )?;
        }
        Ok(after)
    })?;
    warn_if_unsecured(ctx, &store.db(), &account.id)?;
    output::emit(ctx.format, &account)?;
    Ok(Outcome::Success)
}

fn change_whitelist(ctx: &Ctx, account: &str, inputs: &[String], add: bool) -> Result<Outcome> {
    let networks = inputs
        .iter()
        .map(|input| network::parse_network(input).map(|net| net.to_string()))
        .collect::<Result<Vec<_>, _>>()
        .map_err(anyhow::Error::msg)?;
    let mut store = ctx.open_store()?;
    let change = store.write(&ctx.agent, ctx.now, |tx| {
        tx.db().require_account(account)?;
        let mut change = WhitelistChange {
            account: account.to_string(),
            added: Vec::new(),
            removed: Vec::new(),
            unchanged: Vec::new(),
        };
        for net in &networks {
            if add {
                if tx.insert_whitelist(account, net)? {
                    change.added.push(net.clone());
                } else {
                    change.unchanged.push(net.clone());
                }
            } else if tx.delete_whitelist(account, net)? {
                change.removed.push(net.clone());
            } else {
                bail!("{net} is not in the whitelist of account {account:?}; nothing was removed");
            }
        }
        if !change.added.is_empty() || !change.removed.is_empty() {
            let action = if add {
                "security.whitelist.add"
            } else {
                "security.whitelist.remove"
            };
            tx.audit(
                action,
                Some(account),
                None,
                json!({"added": change.added, "removed": change.removed}),
            )?;
        }
        Ok(change)
    })?;
    warn_if_unsecured(ctx, &store.db(), account)?;
    output::emit(ctx.format, &change)?;
    Ok(Outcome::Success)
}

fn list(ctx: &Ctx, account: &str) -> Result<Outcome> {
    let store = ctx.read_store()?;
    store.db().require_account(account)?;
    output::emit(ctx.format, &store.db().whitelist(account)?)?;
    Ok(Outcome::Success)
}

/// Trusted domains on an account that no longer restrains its sources are an open door: say so loudly.
fn warn_if_unsecured(ctx: &Ctx, db: &Db<'_>, account: &str) -> Result<()> {
    let report = check_report(db, account)?;
    let domains = db.trusted_domains(Some(account))?.len();
    if !report.passed && domains > 0 {
        for failed in report
            .checks
            .iter()
            .filter(|c| c.status == security::Status::Fail)
        {
            ctx.note(&format!(
                "warning: account {account} trusts {domains} domain(s) but fails `{}`: {}; its unlisted senders will be refused",
                failed.id, failed.message
            ));
        }
    }
    Ok(())
}
