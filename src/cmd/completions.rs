//! `xmfax completions` and `xmfax man`, plus the live completion candidates read from the store.
//! Completion never creates or writes a store, and prints nothing on error.

use super::{Outcome, default_db_path};
use crate::cli::Cli;
use crate::store::{Location, Store};
use anyhow::{Context, Result};
use clap::{Args, CommandFactory, ValueEnum};
use clap_complete::CompletionCandidate;
use clap_complete::env::EnvCompleter;
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    Elvish,
    Powershell,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    shell: Shell,
    /// Print the registration of dynamic completion instead, which also completes live values
    /// from the store (account IDs, trusted domains, request references)
    #[arg(long)]
    dynamic: bool,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write xmfax.1 and one page per subcommand into this directory instead of printing xmfax.1
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
}

pub fn completions(args: CompletionsArgs) -> Result<Outcome> {
    let mut out = std::io::stdout().lock();
    if args.dynamic {
        let shell: &dyn EnvCompleter = match args.shell {
            Shell::Bash => &clap_complete::env::Bash,
            Shell::Zsh => &clap_complete::env::Zsh,
            Shell::Fish => &clap_complete::env::Fish,
            Shell::Elvish => &clap_complete::env::Elvish,
            Shell::Powershell => &clap_complete::env::Powershell,
        };
        shell.write_registration("COMPLETE", "xmfax", "xmfax", "xmfax", &mut out)?;
    } else {
        out.write_all(&static_script(args.shell))?;
    }
    out.flush()?;
    Ok(Outcome::Success)
}

/// The static completion script for a shell, as checked in under `completions/`.
pub fn static_script(shell: Shell) -> Vec<u8> {
    use clap_complete::Shell as S;
    let shell = match shell {
        Shell::Bash => S::Bash,
        Shell::Zsh => S::Zsh,
        Shell::Fish => S::Fish,
        Shell::Elvish => S::Elvish,
        Shell::Powershell => S::PowerShell,
    };
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "xmfax", &mut buf);
    buf
}

pub fn man(args: ManArgs) -> Result<Outcome> {
    let command = Cli::command();
    match args.out {
        Some(dir) => {
            std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
            clap_mangen::generate_to(command, &dir)
                .with_context(|| format!("cannot write man pages to {}", dir.display()))?;
        }
        None => {
            let mut page = Vec::new();
            clap_mangen::Man::new(command.clone()).render(&mut page)?;
            page.extend_from_slice(every_command_section(command).as_bytes());
            let mut out = std::io::stdout().lock();
            out.write_all(&page)?;
            out.flush()?;
        }
    }
    Ok(Outcome::Success)
}

/// The man page's COMMANDS section: every command with its usage and what it does, so that one page
/// covers them all; SEE ALSO says where each command's own page and full options are.
fn every_command_section(command: clap::Command) -> String {
    let mut command = command;
    command.build();
    let mut roff = String::from(".SH COMMANDS\n");
    fn walk(command: &clap::Command, roff: &mut String) {
        for sub in command.get_subcommands().filter(|s| s.get_name() != "help") {
            if sub.has_subcommands() {
                walk(sub, roff);
                continue;
            }
            let usage = sub.clone().render_usage().to_string();
            let usage = usage.trim_start_matches("Usage: ").trim();
            let about = sub
                .get_long_about()
                .or(sub.get_about())
                .map(|text| text.to_string())
                .unwrap_or_default();
            roff.push_str(&format!(
                ".TP\n\\fB{}\\fR\n{}\n",
                escape_roff(usage),
                escape_roff(&about)
            ));
        }
    }
    walk(&command, &mut roff);
    roff.push_str(
        ".SH \"SEE ALSO\"\nEach command's options: \\fBxmfax help COMMAND\\fR (for example \\fBxmfax help domains add\\fR), or one page per command with \\fBxmfax man \\-\\-out DIR\\fR (\\fBman DIR/xmfax\\-domains\\-add.1\\fR). The command contract: docs/cli.md.\n",
    );
    roff
}

/// Text safe in a roff paragraph: backslashes escaped, and no line starting with a control character.
fn escape_roff(text: &str) -> String {
    text.replace('\\', "\\e")
        .replace('-', "\\-")
        .lines()
        .map(|line| {
            if line.starts_with(['.', '\'']) {
                format!("\\&{line}")
            } else {
                line.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// How long a completion waits for a PostgreSQL server: a shell waits for the candidates, and an
/// unreachable server would otherwise freeze the prompt for a command's full 10 s.
const COMPLETION_CONNECT_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(2);

/// Opens the store named by XMFAX_DB (or the default) read-only, if it exists.
fn completion_store() -> Option<Store> {
    let location = Location::of(
        std::env::var_os("XMFAX_DB")
            .map(PathBuf::from)
            .unwrap_or_else(default_db_path)
            .as_os_str(),
    )
    .ok()?;
    if !location.may_hold_store() {
        return None;
    }
    Store::open_read_only(&location, COMPLETION_CONNECT_TIMEOUT).ok()
}

pub fn candidates(
    load: impl FnOnce(&Store) -> Result<Vec<(String, Option<String>)>>,
) -> Vec<CompletionCandidate> {
    let Some(store) = completion_store() else {
        return Vec::new();
    };
    load(&store)
        .unwrap_or_default()
        .into_iter()
        .map(|(value, help)| {
            let candidate = CompletionCandidate::new(value);
            match help {
                Some(help) => candidate.help(Some(help.into())),
                None => candidate,
            }
        })
        .collect()
}

pub fn account_candidates() -> Vec<CompletionCandidate> {
    candidates(|store| {
        Ok(store
            .db()
            .accounts()?
            .into_iter()
            .map(|a| (a.id, Some(a.name)))
            .collect())
    })
}

/// Request references, newest first, with their account.
pub fn request_candidates() -> Vec<CompletionCandidate> {
    candidates(|store| {
        Ok(store
            .db()
            .request_references()?
            .into_iter()
            .map(|(reference, account)| (reference, Some(account)))
            .collect())
    })
}
