//! `xmfax security`: spoofing protection, TLS, the mail server whitelist, and the securing check.

use super::changes::{CheckReport, check_report};
use super::{Ctx, Outcome, account_candidates};
use crate::output::{self, Block, Tabular};
use crate::policy::{network, security};
use crate::store::Db;
use anyhow::{Result, bail};
use clap::{Args, Subcommand, ValueEnum};
use clap_complete::ArgValueCandidates;
use ipnet::IpNet;
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
#[command(group = clap::ArgGroup::new("setting").required(true).multiple(true))]
pub struct SetArgs {
    /// Account ID
    #[arg(add = ArgValueCandidates::new(account_candidates))]
    account: String,
    /// Accept email only when the sender's domain authenticates it (DMARC, or SPF and DKIM)
    #[arg(long, value_enum, value_name = "on|off", group = "setting")]
    spoofing_protection: Option<Switch>,
    /// Accept email only over TLS
    #[arg(long, value_enum, value_name = "on|off", group = "setting")]
    require_tls: Option<Switch>,
}

#[derive(Debug, Subcommand)]
pub enum WhitelistCommand {
    /// Add networks (CIDR; a bare address is a /32 or /128). Prints at once what `security check`
    /// will say about them: a network that is not public is added with a warning; one broader than
    /// a /16 (IPv4) or /32 (IPv6) restrains nothing and is refused (exit 1) unless --force is given
    Add {
        /// Account ID
        #[arg(add = ArgValueCandidates::new(account_candidates))]
        account: String,
        /// Networks in CIDR form (203.0.113.0/24, 2001:db8::/48); a bare address is a /32 or /128
        #[arg(required = true, value_name = "CIDR")]
        networks: Vec<String>,
        /// Add networks that will make `security check` fail (too broad to restrain anything)
        #[arg(long)]
        force: bool,
    },
    /// Remove networks (asks first; --yes without a terminal)
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

/// JSON `{"account", "refused", "added", "removed", "unchanged", "concerns": [{"network", "status", "message"}]}`.
#[derive(Debug, Serialize)]
struct WhitelistChange {
    account: String,
    /// A network would fail `security check` and --force was not given: nothing was changed.
    refused: bool,
    added: Vec<String>,
    removed: Vec<String>,
    unchanged: Vec<String>,
    /// What `security check` says about the networks added: `warn` or `fail`.
    concerns: Vec<Concern>,
}

#[derive(Debug, Serialize)]
struct Concern {
    network: String,
    status: security::Status,
    message: String,
}

/// `security set`: JSON `{"account", "changed", "security": {"spoofing_protection", "require_tls", "whitelist"}}`.
#[derive(Debug, Serialize)]
struct SecurityView {
    account: String,
    changed: bool,
    security: crate::model::Security,
}

impl Tabular for SecurityView {
    fn blocks(&self) -> Vec<Block> {
        let on_off = |on: bool| if on { "on" } else { "off" }.to_string();
        let whitelist = if self.security.whitelist.is_empty() {
            "(none)".to_string()
        } else {
            self.security.whitelist.join(", ")
        };
        vec![
            Block::Title(format!(
                "Email-to-fax security of {}: {}",
                self.account,
                if self.changed { "changed" } else { "no change" }
            )),
            Block::Fields(vec![
                ("Spoofing protection", on_off(self.security.spoofing_protection)),
                ("TLS required", on_off(self.security.require_tls)),
                ("Whitelisted mail servers", whitelist),
            ]),
        ]
    }
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
        let mut blocks = vec![
            Block::Title(format!(
                "Whitelist of {}{}",
                self.account,
                if self.refused {
                    ": REFUSED, nothing was changed"
                } else {
                    ""
                }
            )),
            Block::Fields(fields),
        ];
        for concern in &self.concerns {
            let word = match concern.status {
                security::Status::Fail => "fails security check",
                _ => "warning",
            };
            blocks.push(Block::Line(format!("  {word}: {}", concern.message)));
        }
        if self.refused {
            blocks.push(Block::Line(
                "A network this broad restrains nothing, and the account would fail `security check`; whitelist the mail servers' own networks, or pass --force to add it anyway.".into(),
            ));
        }
        blocks
    }
}

pub fn run(ctx: &Ctx, command: SecurityCommand) -> Result<Outcome> {
    match command {
        SecurityCommand::Set(args) => set(ctx, args),
        SecurityCommand::Whitelist(WhitelistCommand::Add {
            account,
            networks,
            force,
        }) => add_to_whitelist(ctx, &account, &networks, force),
        SecurityCommand::Whitelist(WhitelistCommand::Remove { account, networks }) => {
            remove_from_whitelist(ctx, &account, &networks)
        }
        SecurityCommand::Whitelist(WhitelistCommand::List { account }) => list(ctx, &account),
        SecurityCommand::Check { account, dns } => check(ctx, &account, &dns),
    }
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
    let (account, changed) = store.write(&ctx.agent, ctx.now, |tx| {
        let before = tx.db().require_account(&args.account)?;
        let mut after = before.clone();
        if let Some(switch) = args.spoofing_protection {
            after.spoofing_protection = matches!(switch, Switch::On);
        }
        if let Some(switch) = args.require_tls {
            after.require_tls = matches!(switch, Switch::On);
        }
        let changed = after != before;
        if changed {
            after.updated_at = tx.now();
            tx.update_account(&after)?;
            tx.audit(
                "security.set",
                Some(&after.id),
                None,
                json!({"spoofing_protection": after.spoofing_protection, "require_tls": after.require_tls}),
            )?;
        }
        Ok((after, changed))
    })?;
    warn_if_unsecured(ctx, &store.db(), &account.id)?;
    let view = SecurityView {
        changed,
        security: crate::model::Security {
            spoofing_protection: account.spoofing_protection,
            require_tls: account.require_tls,
            whitelist: store
                .db()
                .whitelist(&account.id)?
                .into_iter()
                .map(|e| e.network)
                .collect(),
        },
        account: account.id,
    };
    output::emit(ctx.format, &view)?;
    Ok(Outcome::Success)
}

fn parse_networks(inputs: &[String]) -> Result<Vec<IpNet>> {
    inputs
        .iter()
        .map(|input| network::parse_network(input))
        .collect::<Result<Vec<_>, _>>()
        .map_err(anyhow::Error::msg)
}

fn add_to_whitelist(ctx: &Ctx, account: &str, inputs: &[String], force: bool) -> Result<Outcome> {
    let networks = parse_networks(inputs)?;
    let concerns: Vec<Concern> = networks
        .iter()
        .filter_map(|net| {
            let (status, message) = match network::entry_concern(net)? {
                network::EntryConcern::TooBroad(message) => (security::Status::Fail, message),
                network::EntryConcern::NotPublic(message) => (security::Status::Warn, message),
            };
            Some(Concern {
                network: net.to_string(),
                status,
                message,
            })
        })
        .collect();
    let refused = !force && concerns.iter().any(|c| c.status == security::Status::Fail);
    let mut store = if refused {
        ctx.read_store()?
    } else {
        ctx.open_store()?
    };
    let mut change = WhitelistChange {
        account: account.to_string(),
        refused,
        added: Vec::new(),
        removed: Vec::new(),
        unchanged: Vec::new(),
        concerns,
    };
    if refused {
        store.db().require_account(account)?;
        output::emit(ctx.format, &change)?;
        return Ok(Outcome::Negative);
    }
    let networks: Vec<String> = networks.iter().map(IpNet::to_string).collect();
    let (added, unchanged) = store.write(&ctx.agent, ctx.now, |tx| {
        tx.db().require_account(account)?;
        let (mut added, mut unchanged) = (Vec::new(), Vec::new());
        for net in &networks {
            if tx.insert_whitelist(account, net)? {
                added.push(net.clone());
            } else {
                unchanged.push(net.clone());
            }
        }
        if !added.is_empty() {
            tx.audit(
                "security.whitelist.add",
                Some(account),
                None,
                json!({"added": added, "removed": []}),
            )?;
        }
        Ok((added, unchanged))
    })?;
    change.added = added;
    change.unchanged = unchanged;
    warn_if_unsecured(ctx, &store.db(), account)?;
    output::emit(ctx.format, &change)?;
    Ok(Outcome::Success)
}

fn remove_from_whitelist(ctx: &Ctx, account: &str, inputs: &[String]) -> Result<Outcome> {
    let mut networks: Vec<String> = Vec::new();
    for net in parse_networks(inputs)? {
        if !networks.contains(&net.to_string()) {
            networks.push(net.to_string());
        }
    }
    let mut store = ctx.open_store()?;
    store.db().require_account(account)?;
    let listed: Vec<String> = store
        .db()
        .whitelist(account)?
        .into_iter()
        .map(|e| e.network)
        .collect();
    if let Some(missing) = networks.iter().find(|net| !listed.contains(net)) {
        bail!("{missing} is not in the whitelist of account {account:?}; nothing was removed");
    }
    let question = format!(
        "Remove {} from the whitelist of account {account}?",
        networks.join(", ")
    );
    if !ctx.confirm(&question)? {
        ctx.note("Nothing removed.");
        return Ok(Outcome::Negative);
    }
    let removed = store.write(&ctx.agent, ctx.now, |tx| {
        tx.db().require_account(account)?;
        let mut removed = Vec::new();
        for net in &networks {
            if !tx.delete_whitelist(account, net)? {
                bail!("{net} is not in the whitelist of account {account:?}; nothing was removed");
            }
            removed.push(net.clone());
        }
        tx.audit(
            "security.whitelist.remove",
            Some(account),
            None,
            json!({"added": [], "removed": removed}),
        )?;
        Ok(removed)
    })?;
    warn_if_unsecured(ctx, &store.db(), account)?;
    let change = WhitelistChange {
        account: account.to_string(),
        refused: false,
        added: Vec::new(),
        removed,
        unchanged: Vec::new(),
        concerns: Vec::new(),
    };
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
    let domains = db.account_domain_count(account)?;
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
