//! The imperative shell: the command tree, the context every command gets, and dispatch.
//! Each noun's file owns its clap types and one short function per verb.

mod accounts;
mod audit;
mod changes;
mod completions;
mod dns;
mod domains;
mod requests;
mod security;
mod sender;
mod settings;
mod store;
mod transfer;
mod users;
mod verification;

use crate::cli::Cli;
use crate::output::Format;
use crate::store::{Location, Store};
use anyhow::{Context, Result, bail};
use chrono::{DateTime, Utc};
use clap::Subcommand;
use std::io::IsTerminal;
use std::path::PathBuf;

pub use completions::{account_candidates, request_candidates};

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Customer accounts and their defaults (faxing profile, language, main fax number)
    #[command(subcommand)]
    Accounts(accounts::AccountsCommand),
    /// Registered users of an account
    #[command(subcommand)]
    Users(users::UsersCommand),
    /// Email-to-fax security: spoofing protection, TLS, mail server whitelist, and the securing check
    #[command(subcommand)]
    Security(security::SecurityCommand),
    /// Trusted email domains: anyone with an address in them can fax by email through the account
    #[command(subcommand)]
    Domains(domains::DomainsCommand),
    /// Signed request forms: template, validate and process them; every request is kept on record
    #[command(subcommand)]
    Requests(requests::RequestsCommand),
    /// Test senders: may this address fax through an account, and if not, why not
    #[command(subcommand)]
    Sender(sender::SenderCommand),
    /// Export the whole configuration (or some accounts) as one YAML/JSON document
    Export(transfer::ExportArgs),
    /// Import an export document or a CSV of trusted domains: every row checked, all or nothing
    Import(transfer::ImportArgs),
    /// The hash-chained audit trail of every change
    #[command(subcommand)]
    Audit(audit::AuditCommand),
    /// Store-wide settings (require-dns-proof)
    #[command(subcommand)]
    Settings(settings::SettingsCommand),
    /// The store as a whole: copy it between SQLite and PostgreSQL
    #[command(subcommand)]
    Store(store::StoreCommand),
    /// Print a shell completion script
    Completions(completions::CompletionsArgs),
    /// Print the man page (or write all man pages to a directory)
    Man(completions::ManArgs),
}

/// How a command ended, when it did not fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Exit 0.
    Success,
    /// Exit 1: a negative verdict or a declined confirmation.
    Negative,
}

impl Outcome {
    pub fn from_verdict(passed: bool) -> Outcome {
        if passed {
            Outcome::Success
        } else {
            Outcome::Negative
        }
    }
}

/// What every command needs: where the store is, who acts, how to print, and the time of the run.
pub struct Ctx {
    /// The store `--db` names, or why that value is refused (said only by a command that uses it).
    store: std::result::Result<Location, String>,
    pub agent: String,
    pub format: Format,
    pub yes: bool,
    /// Prompts are allowed: stdin is a terminal and --no-input was not given.
    pub interactive: bool,
    pub now: DateTime<Utc>,
    /// A reading command found no store at `store` (and said so): errors then name the store.
    pub store_missing: std::sync::atomic::AtomicBool,
}

impl Ctx {
    /// Where the store is; an error when the `--db` value is refused.
    pub fn location(&self) -> Result<&Location> {
        self.store
            .as_ref()
            .map_err(|refusal| anyhow::anyhow!("{refusal}"))
    }

    pub fn open_store(&self) -> Result<Store> {
        Store::open(self.location()?)
    }

    /// The store for a command that only reads. A store that does not exist yet reads as empty and is
    /// not created, so a mistyped --db leaves no stray file behind; a note says so. A store in a
    /// directory this user cannot write is read as it is.
    pub fn read_store(&self) -> Result<Store> {
        match Store::open_existing(self.location()?) {
            Ok(Some(store)) => Ok(store),
            Ok(None) => self.empty_store(),
            Err(err) if crate::store::is_permission_problem(&err) => self.snapshot_store(),
            Err(err) => Err(err),
        }
    }

    fn empty_store(&self) -> Result<Store> {
        let location = self.location()?;
        self.store_missing
            .store(true, std::sync::atomic::Ordering::Relaxed);
        self.note(&format!(
            "note: no store at {location}; nothing has been recorded there yet"
        ));
        Store::open_in_memory()
    }

    fn snapshot_store(&self) -> Result<Store> {
        let location = self.location()?;
        let store = Store::open_snapshot(location)?;
        self.note(&format!(
            "note: reading {location} as it is now, read-only: this user cannot write in its directory"
        ));
        Ok(store)
    }

    /// Like [`Ctx::read_store`], on a read-only connection without the writers' settings: for
    /// commands that never write, not even in a rolled-back transaction (the sender test), where
    /// opening is a good part of a one-off lookup's time.
    pub fn read_only_store(&self) -> Result<Store> {
        match Store::open_existing_for_reading(self.location()?) {
            Ok(Some(store)) => Ok(store),
            Ok(None) => self.empty_store(),
            Err(err) if crate::store::is_permission_problem(&err) => self.snapshot_store(),
            Err(err) => Err(err),
        }
    }

    /// Asks before a destructive change. Without a terminal, --yes is required.
    pub fn confirm(&self, question: &str) -> Result<bool> {
        if self.yes {
            return Ok(true);
        }
        if !self.interactive {
            bail!("confirmation needed ({question})\nhint: pass --yes to confirm without a terminal");
        }
        dialoguer::Confirm::new()
            .with_prompt(question)
            .default(false)
            .wait_for_newline(true)
            .interact()
            .context("cannot read the confirmation")
    }

    /// Prints a note for people on stderr (never part of the data on stdout).
    pub fn note(&self, message: &str) {
        eprintln!("{}", crate::output::sanitize_message(message));
    }
}

/// Applies a value rule to an optional command-line value.
pub fn optional(
    value: Option<&str>,
    rule: impl Fn(&str) -> Result<String, String>,
) -> Result<Option<String>> {
    value.map(rule).transpose().map_err(anyhow::Error::msg)
}

pub fn default_db_path() -> PathBuf {
    directories::ProjectDirs::from("", "", "xmfax")
        .map(|dirs| dirs.data_dir().join("xmfax.db"))
        .unwrap_or_else(|| PathBuf::from("xmfax.db"))
}

fn login_user() -> String {
    ["USER", "LOGNAME", "USERNAME"]
        .iter()
        .find_map(|var| std::env::var(var).ok().filter(|v| !v.is_empty()))
        .or_else(account_of_this_process)
        .unwrap_or_else(|| "unknown".to_string())
}

/// The account running xmfax when the environment does not say (cron, containers): the owner of
/// this process, by name from /etc/passwd, or as `uid N`.
fn account_of_this_process() -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    let uid = std::fs::metadata("/proc/self").ok()?.uid();
    let passwd = std::fs::read_to_string("/etc/passwd").unwrap_or_default();
    let name = passwd.lines().find_map(|line| {
        let mut fields = line.split(':');
        let name = fields.next()?;
        (fields.nth(1)?.parse::<u32>().ok()? == uid).then(|| name.to_string())
    });
    Some(name.unwrap_or_else(|| format!("uid {uid}")))
}

pub fn run(cli: Cli) -> Result<Outcome> {
    let global = cli.global;
    let agent = global
        .agent
        .filter(|a| !a.trim().is_empty())
        .unwrap_or_else(login_user);
    let ctx = Ctx {
        // Refused only by a command that uses the store: a bad XMFAX_DB must not keep a shell from
        // loading its completion script.
        store: Location::of(global.db.unwrap_or_else(default_db_path).as_os_str())
            .map_err(|refusal| format!("{refusal:#}")),
        agent,
        format: global.output,
        yes: global.yes,
        interactive: !global.no_input && std::io::stdin().is_terminal(),
        now: Utc::now(),
        store_missing: std::sync::atomic::AtomicBool::new(false),
    };
    let outcome = match cli.command {
        Command::Accounts(command) => accounts::run(&ctx, command),
        Command::Users(command) => users::run(&ctx, command),
        Command::Security(command) => security::run(&ctx, command),
        Command::Domains(command) => domains::run(&ctx, command),
        Command::Requests(command) => requests::run(&ctx, command),
        Command::Sender(command) => sender::run(&ctx, command),
        Command::Export(args) => transfer::export(&ctx, args),
        Command::Import(args) => transfer::import(&ctx, args),
        Command::Audit(command) => audit::run(&ctx, command),
        Command::Settings(command) => settings::run(&ctx, command),
        Command::Store(command) => store::run(&ctx, command),
        Command::Completions(args) => completions::completions(args),
        Command::Man(args) => completions::man(args),
    };
    outcome.map_err(|err| match &ctx.store {
        Ok(location) if ctx.store_missing.load(std::sync::atomic::Ordering::Relaxed) => {
            err.context(format!("store {location} (which does not exist)"))
        }
        _ => err,
    })
}
