//! `xmfax accounts`: create, list, show, change and remove customer accounts.

use super::{Ctx, Outcome, account_candidates, optional};
use crate::model::{Account, AccountSummary, Region, Security};
use crate::output::{self, Block, Tabular};
use crate::policy::account as rules;
use anyhow::{Result, bail};
use clap::{Args, Subcommand};
use clap_complete::ArgValueCandidates;
use serde::Serialize;
use serde_json::json;

#[derive(Debug, Subcommand)]
pub enum AccountsCommand {
    /// Create an account with its defaults
    Add(AddArgs),
    /// List every account
    List,
    /// Show an account's whole configuration: defaults, security, trusted domains, users
    Show {
        /// Account ID
        #[arg(add = ArgValueCandidates::new(account_candidates))]
        id: String,
    },
    /// Change an account's name or defaults
    Set(SetArgs),
    /// Remove an account and everything it has (users, whitelist, trusted domains); asks first,
    /// --yes without a terminal
    Remove {
        /// Account ID
        #[arg(add = ArgValueCandidates::new(account_candidates))]
        id: String,
    },
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// Account ID: a slug of a-z, 0-9 and '-' (at most 63)
    id: String,
    /// The customer's name
    #[arg(long)]
    name: String,
    /// Main fax number, in international form (+16502530000); the outbound number of unlisted senders
    #[arg(long, value_name = "E164")]
    fax_number: String,
    /// The service region hosting the account
    #[arg(long, value_enum, default_value_t = Region::Us)]
    region: Region,
    /// Default faxing profile
    #[arg(long, default_value = "Default")]
    profile: String,
    /// Default user language (en, fr, de, es, it, pt, nl, ja, zh)
    #[arg(long, default_value = "en", value_name = "CODE")]
    language: String,
}

#[derive(Debug, Args)]
pub struct SetArgs {
    /// Account ID
    #[arg(add = ArgValueCandidates::new(account_candidates))]
    id: String,
    /// The customer's name
    #[arg(long)]
    name: Option<String>,
    /// Main fax number, in international form (+16502530000)
    #[arg(long, value_name = "E164")]
    fax_number: Option<String>,
    /// The service region hosting the account
    #[arg(long, value_enum)]
    region: Option<Region>,
    /// Default faxing profile
    #[arg(long)]
    profile: Option<String>,
    /// Default user language (en, fr, de, es, it, pt, nl, ja, zh)
    #[arg(long, value_name = "CODE")]
    language: Option<String>,
}

/// What `accounts remove` took away: JSON `{"account", "users", "whitelist", "trusted_domains"}`.
#[derive(Debug, Serialize)]
struct RemovedAccount {
    account: String,
    users: Vec<String>,
    whitelist: Vec<String>,
    trusted_domains: Vec<String>,
}

impl Tabular for RemovedAccount {
    fn blocks(&self) -> Vec<Block> {
        vec![Block::Line(format!(
            "Removed account {} with its {} user(s), {} whitelisted network(s) and {} trusted domain(s).",
            self.account,
            self.users.len(),
            self.whitelist.len(),
            self.trusted_domains.len()
        ))]
    }
}

pub fn run(ctx: &Ctx, command: AccountsCommand) -> Result<Outcome> {
    match command {
        AccountsCommand::Add(args) => add(ctx, args),
        AccountsCommand::List => list(ctx),
        AccountsCommand::Show { id } => show(ctx, &id),
        AccountsCommand::Set(args) => set(ctx, args),
        AccountsCommand::Remove { id } => remove(ctx, &id),
    }
}

fn add(ctx: &Ctx, args: AddArgs) -> Result<Outcome> {
    rules::validate_account_id(&args.id).map_err(anyhow::Error::msg)?;
    let now = crate::store::timestamp(ctx.now);
    let account = Account {
        id: args.id,
        name: rules::validate_account_name(&args.name).map_err(anyhow::Error::msg)?,
        fax_number: rules::normalize_fax_number(&args.fax_number).map_err(anyhow::Error::msg)?,
        region: args.region,
        profile: rules::validate_profile(&args.profile).map_err(anyhow::Error::msg)?,
        language: rules::normalize_language(&args.language).map_err(anyhow::Error::msg)?,
        spoofing_protection: false,
        require_tls: false,
        created_at: now.clone(),
        updated_at: now,
    };
    let mut store = ctx.open_store()?;
    store.write(&ctx.agent, ctx.now, |tx| {
        // Forms stay on record after their account is removed; a new customer under the same ID would
        // inherit them as certifications (`domains add --request`) and in its history.
        let forms = tx.db().request_count(&account.id)?;
        if forms > 0 && tx.db().account(&account.id)?.is_none() {
            bail!(
                "account ID {:?} belonged to a removed account whose {forms} signed form(s) are on record; choose another ID",
                account.id
            );
        }
        tx.insert_account(&account)?;
        tx.audit("accounts.add", Some(&account.id), None, json!(account))
    })?;
    output::emit(ctx.format, &account)?;
    Ok(Outcome::Success)
}

fn list(ctx: &Ctx) -> Result<Outcome> {
    let store = ctx.read_store()?;
    output::emit(ctx.format, &store.db().accounts()?)?;
    Ok(Outcome::Success)
}

fn show(ctx: &Ctx, id: &str) -> Result<Outcome> {
    let store = ctx.read_store()?;
    let db = store.db();
    let account = db.require_account(id)?;
    let summary = AccountSummary {
        security: Security {
            spoofing_protection: account.spoofing_protection,
            require_tls: account.require_tls,
            whitelist: db.whitelist(id)?.into_iter().map(|e| e.network).collect(),
        },
        users: db.users(id)?,
        trusted_domains: db.trusted_domains(Some(id))?,
        requests: db.requests(Some(id), None)?,
        dns_proofs: db.dns_proofs(Some(id))?,
        account,
    };
    output::emit(ctx.format, &summary)?;
    Ok(Outcome::Success)
}

fn set(ctx: &Ctx, args: SetArgs) -> Result<Outcome> {
    let name = optional(args.name.as_deref(), rules::validate_account_name)?;
    let fax_number = optional(args.fax_number.as_deref(), rules::normalize_fax_number)?;
    let profile = optional(args.profile.as_deref(), rules::validate_profile)?;
    let language = optional(args.language.as_deref(), rules::normalize_language)?;
    let mut store = ctx.open_store()?;
    let account = store.write(&ctx.agent, ctx.now, |tx| {
        let before = tx.db().require_account(&args.id)?;
        let mut after = before.clone();
        after.name = name.clone().unwrap_or(after.name);
        after.fax_number = fax_number.clone().unwrap_or(after.fax_number);
        after.region = args.region.unwrap_or(after.region);
        after.profile = profile.clone().unwrap_or(after.profile);
        after.language = language.clone().unwrap_or(after.language);
        if after != before {
            after.updated_at = tx.now();
            tx.update_account(&after)?;
            tx.audit(
                "accounts.set",
                Some(&after.id),
                None,
                json!({"before": before, "after": after}),
            )?;
        }
        Ok(after)
    })?;
    output::emit(ctx.format, &account)?;
    Ok(Outcome::Success)
}

fn remove(ctx: &Ctx, id: &str) -> Result<Outcome> {
    let mut store = ctx.open_store()?;
    let account = store.db().require_account(id)?;
    let domains = store.db().trusted_domains(Some(id))?.len();
    let users = store.db().users(id)?.len();
    let question = format!(
        "Remove account {id} ({}) with its {users} user(s) and {domains} trusted domain(s)?",
        account.name
    );
    if !ctx.confirm(&question)? {
        ctx.note("Nothing removed.");
        return Ok(Outcome::Negative);
    }
    let removed = store.write(&ctx.agent, ctx.now, |tx| {
        let removed = RemovedAccount {
            account: tx.db().require_account(id)?.id,
            users: tx.db().users(id)?.into_iter().map(|u| u.email).collect(),
            whitelist: tx.db().whitelist(id)?.into_iter().map(|w| w.network).collect(),
            trusted_domains: tx
                .db()
                .trusted_domains(Some(id))?
                .into_iter()
                .map(|d| d.domain)
                .collect(),
        };
        let mut details = json!(removed);
        details["account"] = json!(tx.db().require_account(id)?);
        tx.delete_account(id)?;
        tx.audit("accounts.remove", Some(id), None, details)?;
        Ok(removed)
    })?;
    output::emit(ctx.format, &removed)?;
    Ok(Outcome::Success)
}
