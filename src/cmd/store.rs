//! `xmfax store`: the store as a whole; `store copy` moves a store between backends (a laptop's
//! SQLite file to the team's PostgreSQL database, and back); `store roles-sql` prints the SQL that
//! sets up a PostgreSQL store's roles.

use super::verification::{self, VerifyReport};
use super::{Ctx, Outcome};
use crate::output::{self, Block, Tabular};
use crate::store::{Location, Store};
use anyhow::{Result, bail};
use clap::Subcommand;
use serde::Serialize;
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum StoreCommand {
    /// Copy a whole store into an empty one, SQLite or PostgreSQL, with its audit chain, requests
    /// and import records; the copy is verified (`audit verify`) before it is committed
    Copy {
        /// The store to copy [default: the store --db names]
        #[arg(long, value_name = "PATH|URL")]
        from: Option<PathBuf>,
        /// The store to copy into: a new or empty SQLite file, or an empty PostgreSQL database
        #[arg(long, value_name = "PATH|URL")]
        to: PathBuf,
    },
    /// Print the SQL that sets up a PostgreSQL store's roles and the gateway's views
    /// (sql/postgres-roles.sql of this version)
    ///
    /// It creates the roles xmfax_agent and xmfax_gateway, the gateway's views, and grants exactly
    /// the rights docs/postgres.md lists. Pipe it to psql as the store's owner, once the store
    /// exists and again after each upgrade of xmfax:
    ///
    ///   xmfax store roles-sql | psql -v ON_ERROR_STOP=1 -d "$XMFAX_DB" -f -
    ///
    /// (add `-v schema=NAME` for a store outside `public`). It reads no store, and prints the SQL
    /// as it is whatever --output says.
    RolesSql,
}

/// The roles file of this version of xmfax (`sql/postgres-roles.sql`), embedded so that an xmfax
/// installed without its sources can still print it.
const ROLES_SQL: &str = include_str!("../../sql/postgres-roles.sql");

pub fn run(ctx: &Ctx, command: StoreCommand) -> Result<Outcome> {
    match command {
        StoreCommand::Copy { from, to } => copy(ctx, from, to),
        StoreCommand::RolesSql => roles_sql(),
    }
}

/// JSON `{"from", "to", "copied": bool, "tables": [{"table", "rows"}], "verify": <audit verify>}`;
/// URLs are shown without their password.
#[derive(Debug, Serialize)]
struct CopyReport {
    from: String,
    to: String,
    copied: bool,
    tables: Vec<TableCount>,
    verify: VerifyReport,
}

#[derive(Debug, Serialize)]
struct TableCount {
    table: &'static str,
    rows: u64,
}

impl Tabular for CopyReport {
    fn blocks(&self) -> Vec<Block> {
        let rows: u64 = self.tables.iter().map(|t| t.rows).sum();
        let mut blocks = vec![Block::Line(if self.copied {
            format!("Copied {} to {}: {rows} row(s), verified.", self.from, self.to)
        } else {
            format!(
                "NOT COPIED: the copy of {} did not verify, so nothing was written to {}.",
                self.from, self.to
            )
        })];
        blocks.push(Block::Fields(
            self.tables
                .iter()
                .map(|t| (t.table, t.rows.to_string()))
                .collect(),
        ));
        blocks.extend(self.verify.blocks());
        blocks
    }
}

fn copy(ctx: &Ctx, from: Option<PathBuf>, to: PathBuf) -> Result<Outcome> {
    let source = match from {
        Some(path) => Location::of(path.as_os_str()),
        None => ctx.store.clone(),
    };
    let destination = Location::of(to.as_os_str());
    if source.to_string() == destination.to_string() {
        bail!("--from and --to name the same store ({source})");
    }
    let Some(source_store) = Store::open_existing_for_reading(&source)? else {
        bail!("no store at {source} to copy");
    };
    let created = match &destination {
        Location::File(path) => !path.exists(),
        Location::Postgres(_) => false,
    };
    let mut verify = None;
    let outcome = Store::open(&destination).and_then(|mut target| {
        source_store.copy_into(&mut target, |copy| {
            let report = verification::verify(copy, None)?;
            let passed = report.passed;
            verify = Some(report);
            Ok(passed)
        })
    });
    let copied = match outcome {
        Ok(copied) => copied,
        Err(err) => {
            remove_if_created(&destination, created);
            return Err(err);
        }
    };
    if copied.is_none() {
        remove_if_created(&destination, created);
    }
    let Some(verify) = verify else {
        bail!("internal error: the copy was not verified");
    };
    let report = CopyReport {
        from: source.to_string(),
        to: destination.to_string(),
        copied: copied.is_some(),
        tables: copied
            .unwrap_or_default()
            .into_iter()
            .map(|t| TableCount {
                table: t.table,
                rows: t.rows,
            })
            .collect(),
        verify,
    };
    output::emit(ctx.format, &report)?;
    Ok(Outcome::from_verdict(report.copied))
}

/// Writes the roles SQL to stdout as it is: it is for psql, whatever `--output` says.
fn roles_sql() -> Result<Outcome> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    out.write_all(ROLES_SQL.as_bytes())?;
    out.flush()?;
    Ok(Outcome::Success)
}

/// A destination file this command created is removed again when nothing was copied into it.
fn remove_if_created(destination: &Location, created: bool) {
    if let (Location::File(path), true) = (destination, created) {
        for suffix in ["", "-wal", "-shm"] {
            let mut file = path.clone().into_os_string();
            file.push(suffix);
            let _ = std::fs::remove_file(file);
        }
    }
}
