//! `xmfax users`: the registered users of an account (they fax with their own settings).

use super::{Ctx, Outcome, account_candidates, optional};
use crate::model::User;
use crate::output::{self, Block, Tabular};
use crate::policy::account as rules;
use anyhow::{Result, bail};
use clap::{Args, Subcommand};
use clap_complete::ArgValueCandidates;
use serde::Serialize;
use serde_json::json;

#[derive(Debug, Subcommand)]
pub enum UsersCommand {
    /// Register a user; an address belongs to at most one account
    Add(AddArgs),
    /// List an account's registered users
    List {
        /// Account ID
        #[arg(add = ArgValueCandidates::new(account_candidates))]
        account: String,
    },
    /// Remove a registered user (asks first; --yes without a terminal)
    Remove {
        /// Account ID
        #[arg(add = ArgValueCandidates::new(account_candidates))]
        account: String,
        /// The registered address (compared case-insensitively)
        email: String,
    },
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// Account ID
    #[arg(add = ArgValueCandidates::new(account_candidates))]
    account: String,
    /// The user's email address (local@domain)
    email: String,
    /// The user's faxing profile [default: the account's]
    #[arg(long)]
    profile: Option<String>,
    /// The user's language [default: the account's]
    #[arg(long, value_name = "CODE")]
    language: Option<String>,
    /// The user's own fax number, in international form [default: the account's main number]
    #[arg(long, value_name = "E164")]
    fax_number: Option<String>,
}

/// What `users remove` took away: JSON `{"account", "removed"}`.
#[derive(Debug, Serialize)]
struct RemovedUser {
    account: String,
    removed: String,
}

impl Tabular for RemovedUser {
    fn blocks(&self) -> Vec<Block> {
        vec![Block::Line(format!(
            "Removed user {} from {}.",
            self.removed, self.account
        ))]
    }
}

pub fn run(ctx: &Ctx, command: UsersCommand) -> Result<Outcome> {
    match command {
        UsersCommand::Add(args) => add(ctx, args),
        UsersCommand::List { account } => list(ctx, &account),
        UsersCommand::Remove { account, email } => remove(ctx, &account, &email),
    }
}

fn add(ctx: &Ctx, args: AddArgs) -> Result<Outcome> {
    let address = rules::normalize_user_address(&args.email).map_err(anyhow::Error::msg)?;
    let profile = optional(args.profile.as_deref(), rules::validate_profile)?;
    let language = optional(args.language.as_deref(), rules::normalize_language)?;
    let fax_number = optional(args.fax_number.as_deref(), rules::normalize_fax_number)?;
    let mut store = ctx.open_store()?;
    let user = store.write(&ctx.agent, ctx.now, |tx| {
        tx.db().require_account(&args.account)?;
        if let Some(existing) = tx.db().user_by_key(&address.key)? {
            bail!(
                "{} is already registered in account {:?}: an address belongs to at most one account",
                existing.email,
                existing.account
            );
        }
        let user = User {
            account: args.account.clone(),
            email: address.display.clone(),
            profile: profile.clone(),
            language: language.clone(),
            fax_number: fax_number.clone(),
            created_at: tx.now(),
        };
        tx.insert_user(&address.key, &user)?;
        tx.audit("users.add", Some(&user.account), Some(&user.email), json!(user))?;
        Ok(user)
    })?;
    output::emit(ctx.format, &user)?;
    Ok(Outcome::Success)
}

fn list(ctx: &Ctx, account: &str) -> Result<Outcome> {
    let store = ctx.read_store()?;
    store.db().require_account(account)?;
    output::emit(ctx.format, &store.db().users(account)?)?;
    Ok(Outcome::Success)
}

fn remove(ctx: &Ctx, account: &str, email: &str) -> Result<Outcome> {
    let address = rules::normalize_user_address(email).map_err(anyhow::Error::msg)?;
    let mut store = ctx.open_store()?;
    store.db().require_account(account)?;
    match store.db().user_by_key(&address.key)? {
        Some(user) if user.account == account => {
            let question = format!("Remove user {} from account {account}?", user.email);
            if !ctx.confirm(&question)? {
                ctx.note("Nothing removed.");
                return Ok(Outcome::Negative);
            }
        }
        _ => bail!(
            "{} is not a registered user of account {account:?}",
            address.display
        ),
    }
    let user = store.write(&ctx.agent, ctx.now, |tx| {
        tx.db().require_account(account)?;
        match tx.db().user_by_key(&address.key)? {
            Some(user) if user.account == account => {
                tx.delete_user(&address.key)?;
                tx.audit("users.remove", Some(account), Some(&user.email), json!(user))?;
                Ok(user)
            }
            _ => bail!(
                "{} is not a registered user of account {account:?}",
                address.display
            ),
        }
    })?;
    output::emit(
        ctx.format,
        &RemovedUser {
            account: user.account,
            removed: user.email,
        },
    )?;
    Ok(Outcome::Success)
}
