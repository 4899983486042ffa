//! The root command line: global options shared by every command, and the command tree.

use crate::cmd::Command;
use crate::output::Format;
use clap::{Args, Parser};
use std::path::PathBuf;

/// Trusted email domains of cloud fax accounts for email-to-fax
///
/// Manage the trusted email domains of cloud fax accounts: process signed request forms, add and remove
/// trusted domains with certification checks, verify that accounts restrain their email sources, and
/// test a sender address exactly as the email-to-fax gateway would decide.
#[derive(Debug, Parser)]
#[command(name = "xmfax", version, propagate_version = true, max_term_width = 100)]
#[command(
    after_help = "Exit codes: 0 success, 1 negative verdict (a failing check, a refusal), 2 error.\nDocumentation: README.md and docs/cli.md."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change,
    /// or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)
    #[arg(
        long,
        env = "XMFAX_DB",
        // A URL may hold a password: --help never shows the variable's value.
        hide_env_values = true,
        global = true,
        value_name = "PATH|URL",
        help_heading = "Global options"
    )]
    pub db: Option<PathBuf>,

    /// Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]
    #[arg(
        long,
        env = "XMFAX_AGENT",
        // Shown like XMFAX_DB's, without a value (clap would print a bare `XMFAX_AGENT=` when unset).
        hide_env_values = true,
        global = true,
        value_name = "NAME",
        help_heading = "Global options"
    )]
    pub agent: Option<String>,

    /// Output format: tables are for people, JSON and YAML are the stable contract for scripts
    #[arg(short = 'o', long, value_enum, global = true, default_value_t = Format::Table, help_heading = "Global options")]
    pub output: Format,

    /// Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one
    #[arg(short = 'y', long, global = true, help_heading = "Global options")]
    pub yes: bool,

    /// Never prompt, even on a terminal: fail instead and name the missing argument
    #[arg(long, global = true, help_heading = "Global options")]
    pub no_input: bool,
}
