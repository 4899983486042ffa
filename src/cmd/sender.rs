//! `xmfax sender test`: decides for one address, a received message or a batch of addresses exactly as
//! the email-to-fax gateway does (`policy::sender::decide`), and explains why.

mod batch;
mod index;
mod message;

use super::{Ctx, Outcome, account_candidates};
use crate::model::{TrustedDomain, User};
use crate::output::{self, Block, Tabular};
use crate::policy::Problem;
use crate::policy::auth_results::AuthResult;
use crate::policy::domain::trusted_match;
use crate::policy::sender::{
    self, AccountFacts, Channel, Decision, RegisteredUser, SenderAddress, SenderFacts, Source, TrustedBy,
};
use crate::store::Db;
use anyhow::{Result, anyhow, bail};
use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{ArgGroup, Args, Subcommand};
use clap_complete::ArgValueCandidates;
use serde::Serialize;
use std::net::IpAddr;
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum SenderCommand {
    /// Decide whether a sender may fax through an account, exactly as the email-to-fax gateway would,
    /// and explain why (exit 1 when refused)
    Test(TestArgs),
}

#[derive(Debug, Args)]
#[command(group = ArgGroup::new("sender").args(["address", "message", "batch"]).required(true))]
pub struct TestArgs {
    /// The sender: local@domain or "Display Name <local@domain>"
    address: Option<String>,
    /// Test a received message: the sender from its From header, SPF/DKIM/DMARC from our own
    /// Authentication-Results headers, the client IP and TLS from its top-most Received header
    #[arg(long, value_name = "FILE.eml", conflicts_with_all = ["spf", "dkim", "dmarc", "tls"])]
    message: Option<PathBuf>,
    /// The authserv-id our mail servers write in Authentication-Results; every header with another
    /// one may be forged by the sender and is ignored (required with --message)
    #[arg(long, env = "XMFAX_AUTHSERV_ID", value_name = "ID")]
    authserv_id: Option<String>,
    /// Test one address per line of FILE ("-" reads stdin); blank lines and # comments are skipped.
    /// With -o json, prints JSON Lines; counts go to stderr
    #[arg(long, value_name = "FILE|-")]
    batch: Option<String>,
    /// Decide for this account [default: the account the address belongs to]
    #[arg(long, value_name = "ID", add = ArgValueCandidates::new(account_candidates))]
    account: Option<String>,
    /// The IP address of the mail server that delivered the message (overrides --message's)
    #[arg(long, value_name = "IP")]
    client_ip: Option<IpAddr>,
    /// The SPF result of the message
    #[arg(long, value_name = "R", value_parser = auth_result_parser())]
    spf: Option<AuthResult>,
    /// The DKIM result of the message
    #[arg(long, value_name = "R", value_parser = auth_result_parser())]
    dkim: Option<AuthResult>,
    /// The DMARC result of the message
    #[arg(long, value_name = "R", value_parser = auth_result_parser())]
    dmarc: Option<AuthResult>,
    /// The message was received over TLS
    #[arg(long)]
    tls: bool,
    /// How the sender reaches the service; senders admitted by a trusted domain may use email only
    #[arg(long, value_name = "CHANNEL", default_value = "email", value_parser = channel_parser())]
    channel: Channel,
}

fn auth_result_parser() -> impl TypedValueParser<Value = AuthResult> {
    PossibleValuesParser::new(sender::AUTH_RESULT_NAMES).try_map(|word| word.parse::<AuthResult>())
}

fn channel_parser() -> impl TypedValueParser<Value = Channel> {
    PossibleValuesParser::new(Channel::NAMES).try_map(|word| word.parse::<Channel>())
}

impl TestArgs {
    /// The source facts given on the command line.
    fn source(&self) -> Source {
        Source {
            client_ip: self.client_ip,
            spf: self.spf,
            dkim: self.dkim,
            dmarc: self.dmarc,
            tls: self.tls,
        }
    }
}

pub fn run(ctx: &Ctx, command: SenderCommand) -> Result<Outcome> {
    match command {
        SenderCommand::Test(args) => test(ctx, &args),
    }
}

/// Why `--message` needs `--authserv-id`, where to find it, and the ones this message carries.
fn missing_authserv_id(path: &std::path::Path) -> String {
    let mut text = String::from(
        "--message needs the authserv-id of our mail servers, to know which Authentication-Results headers to trust (any other may be forged by the sender)\nhint: it is the first word of the Authentication-Results header our mail servers add (`Authentication-Results: mx.fax.example; spf=pass …` has mx.fax.example); pass --authserv-id ID or set XMFAX_AUTHSERV_ID",
    );
    match message::authserv_ids(path) {
        Ok(ids) if ids.is_empty() => {
            text.push_str("\nhint: this message has no Authentication-Results header with an authserv-id")
        }
        Ok(ids) => text.push_str(&format!(
            "\nhint: authserv-ids in this message, top-most (most recent) first: {}; only one added by our own servers can be trusted",
            ids.join(", ")
        )),
        Err(_) => {}
    }
    text
}

fn test(ctx: &Ctx, args: &TestArgs) -> Result<Outcome> {
    let authserv_id = match (&args.message, args.authserv_id.as_deref().map(str::trim)) {
        (Some(path), None | Some("")) => bail!("{}", missing_authserv_id(path)),
        (_, id) => id.unwrap_or_default(),
    };
    let requested = args.account.as_deref();
    if let Some(batch) = &args.batch {
        return batch::run(ctx, args, batch);
    }
    let (input, address, source, ignored) = match &args.message {
        Some(path) => {
            let read = message::read(path, authserv_id, args.client_ip)?;
            (read.from, read.address, read.source.source, read.source.ignored)
        }
        None => {
            let input = args.address.clone().unwrap_or_default();
            let address = sender::parse_address(&input);
            (input, address, args.source(), Vec::new())
        }
    };
    for note in &ignored {
        ctx.note(&format!("note: ignored {note}"));
    }
    // One snapshot: the user, the rules and the accounts as they were at one moment.
    let loaded = ctx.read_only_store()?.snapshot(|db| {
        if let Some(id) = requested {
            db.require_account(id)?;
        }
        Loaded::load(db, &address, requested)
    })?;
    let facts = loaded.facts(&input, &address, requested, &source, args.channel)?;
    let report = Report {
        decision: sender::decide(&facts),
        display_name: address.as_ref().ok().and_then(|a| a.display_name.as_deref()),
        source,
        channel: args.channel,
    };
    output::emit(ctx.format, &report)?;
    Ok(Outcome::from_verdict(report.decision.accepted()))
}

/// What the store holds about one address, read with indexed lookups.
#[derive(Default)]
struct Loaded {
    user: Option<User>,
    by_requested: Option<TrustedDomain>,
    by_any: Option<TrustedDomain>,
    accounts: Vec<AccountFacts>,
}

impl Loaded {
    fn load(
        db: &Db<'_>,
        address: &Result<SenderAddress, Problem>,
        requested: Option<&str>,
    ) -> Result<Loaded> {
        let Ok(address) = address else {
            return Ok(Loaded::default());
        };
        let ascii = &address.domain;
        let user = db.user_by_key(&address.key)?;
        let by_any = trust_rule(db, ascii, None)?;
        let by_requested = match requested {
            Some(id) => trust_rule(db, ascii, Some(id))?,
            None => None,
        };
        let mut ids: Vec<&str> = [
            user.as_ref().map(|u| u.account.as_str()),
            by_any.as_ref().map(|t| t.account.as_str()),
            by_requested.as_ref().map(|t| t.account.as_str()),
        ]
        .into_iter()
        .flatten()
        .collect();
        ids.sort_unstable();
        ids.dedup();
        let accounts = ids
            .into_iter()
            .map(|id| account_facts(db, id))
            .collect::<Result<_>>()?;
        Ok(Loaded {
            user,
            by_requested,
            by_any,
            accounts,
        })
    }

    fn facts<'a>(
        &'a self,
        input: &'a str,
        address: &'a Result<SenderAddress, Problem>,
        requested: Option<&'a str>,
        source: &'a Source,
        channel: Channel,
    ) -> Result<SenderFacts<'a>> {
        let account = |id: &str| {
            self.accounts
                .iter()
                .find(|a| a.id == id)
                .ok_or_else(|| anyhow!("account {id:?} changed while it was read; try again"))
        };
        let trusted = |rule: &'a Option<TrustedDomain>| -> Result<Option<TrustedBy<'a>>> {
            rule.as_ref()
                .map(|t| {
                    Ok(TrustedBy {
                        account: account(&t.account)?,
                        domain: &t.domain,
                        include_subdomains: t.include_subdomains,
                    })
                })
                .transpose()
        };
        let user = self
            .user
            .as_ref()
            .map(|u| -> Result<RegisteredUser<'a>> {
                Ok(RegisteredUser {
                    account: account(&u.account)?,
                    profile: u.profile.as_deref(),
                    language: u.language.as_deref(),
                    fax_number: u.fax_number.as_deref(),
                })
            })
            .transpose()?;
        Ok(SenderFacts {
            input,
            address,
            requested_account: requested,
            user,
            trusted_by_requested: trusted(&self.by_requested)?,
            trusted_by_any: trusted(&self.by_any)?,
            source,
            channel,
        })
    }
}

/// The most specific trusted domain covering `ascii` (of one account, or of any), label by label.
fn trust_rule(db: &Db<'_>, ascii: &str, only: Option<&str>) -> Result<Option<TrustedDomain>> {
    let mut failure = None;
    let found = trusted_match(ascii, |name| match db.trusted_domain(name) {
        Ok(rule) => rule.filter(|r| only.is_none_or(|id| r.account == id)),
        Err(err) => {
            failure.get_or_insert(err);
            None
        }
    });
    match failure {
        Some(err) => Err(err),
        None => Ok(found),
    }
}

/// An account with its securing check run, as the decision needs it.
fn account_facts(db: &Db<'_>, id: &str) -> Result<AccountFacts> {
    let account = db.require_account(id)?;
    let settings = db.security_settings(&account)?;
    let uncertified = db.uncertified_domains(id)?;
    Ok(AccountFacts::new(
        account.id,
        account.profile,
        account.language,
        account.fax_number,
        settings,
        &uncertified,
    ))
}

/// One decision with what it was made on. JSON/YAML: exactly the decision's fields.
struct Report<'a> {
    decision: Decision<'a>,
    display_name: Option<&'a str>,
    source: Source,
    channel: Channel,
}

impl Serialize for Report<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.decision.serialize(serializer)
    }
}

impl Tabular for Report<'_> {
    fn blocks(&self) -> Vec<Block> {
        output::sender::decision_blocks(&self.decision, self.display_name, &self.source, self.channel)
    }
}
