//! `xmfax accounts`: create, list, show, change and remove customer accounts.

use super::{Ctx, Outcome, account_candidates, optional};
use crate::model::{Account, AccountSummary, Region, Security};
use crate::output;
use crate::policy::account as rules;
use anyhow::Result;
use clap::{Args, Subcommand};
use clap_complete::ArgValueCandidates;
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
    /// Remove an account and everything it has (users, whitelist, trusted domains)
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
    #[arg(long)]
    name: Option<String>,
    #[arg(long, value_name = "E164")]
    fax_number: Option<String>,
    #[arg(long, value_enum)]
    region: Option<Region>,
    #[arg(long)]
    profile: Option<String>,
    #[arg(long, value_name = "CODE")]
    language: Option<String>,
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
    store.write(&ctx.agent, ctx.now, |tx| {
        let account = tx.db().require_account(id)?;
        let details = json!({
            "account": account,
            "users": tx.db().users(id)?.iter().map(|u| &u.email).collect::<Vec<_>>(),
            "whitelist": tx.db().whitelist(id)?.iter().map(|w| &w.network).collect::<Vec<_>>(),
            "trusted_domains": tx.db().trusted_domains(Some(id))?.iter().map(|d| &d.domain).collect::<Vec<_>>(),
        });
        tx.delete_account(id)?;
        tx.audit("accounts.remove", Some(id), None, details)
    })?;
    ctx.note(&format!("Removed account {id}."));
    Ok(Outcome::Success)
}
