//! `xmfax settings`: store-wide settings (today: whether request forms need a DNS proof of control).

use super::Ctx;
use super::Outcome;
use super::dns::REQUIRE_DNS_PROOF;
use crate::output::{self, Row};
use anyhow::Result;
use clap::{Subcommand, ValueEnum};
use serde::Serialize;
use serde_json::json;

#[derive(Debug, Subcommand)]
pub enum SettingsCommand {
    /// Change a setting of this store (audited)
    Set {
        #[arg(value_enum)]
        name: Setting,
        #[arg(value_enum, value_name = "on|off")]
        value: Switch,
    },
    /// Show every setting and its value
    List,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Setting {
    /// `requests process` refuses an add or replace form for a domain without a DNS proof of control
    RequireDnsProof,
}

impl Setting {
    const ALL: [Setting; 1] = [Setting::RequireDnsProof];

    fn name(self) -> &'static str {
        match self {
            Setting::RequireDnsProof => REQUIRE_DNS_PROOF,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Switch {
    On,
    Off,
}

impl Switch {
    fn as_str(self) -> &'static str {
        match self {
            Switch::On => "on",
            Switch::Off => "off",
        }
    }
}

/// JSON `{"name", "value"}`.
#[derive(Debug, Serialize)]
struct SettingValue {
    name: &'static str,
    value: String,
}

impl Row for SettingValue {
    const HEADER: &'static [&'static str] = &["SETTING", "VALUE"];
    fn cells(&self) -> Vec<String> {
        vec![self.name.to_string(), self.value.clone()]
    }
}

pub fn run(ctx: &Ctx, command: SettingsCommand) -> Result<Outcome> {
    match command {
        SettingsCommand::Set { name, value } => set(ctx, name, value),
        SettingsCommand::List => list(ctx),
    }
}

fn set(ctx: &Ctx, name: Setting, value: Switch) -> Result<Outcome> {
    let mut store = ctx.open_store()?;
    store.write(&ctx.agent, ctx.now, |tx| {
        let previous = tx.db().setting(name.name())?;
        if previous.as_deref() != Some(value.as_str()) {
            tx.set_setting(name.name(), value.as_str())?;
            tx.audit(
                "settings.set",
                None,
                Some(name.name()),
                json!({"value": value.as_str(), "previous": previous}),
            )?;
        }
        Ok(())
    })?;
    list(ctx)
}

fn list(ctx: &Ctx) -> Result<Outcome> {
    let store = ctx.read_store()?;
    let db = store.db();
    let values = Setting::ALL
        .iter()
        .map(|s| {
            Ok(SettingValue {
                name: s.name(),
                value: db.setting(s.name())?.unwrap_or_else(|| "off".to_string()),
            })
        })
        .collect::<Result<Vec<_>>>()?;
    output::emit(ctx.format, &values)?;
    Ok(Outcome::Success)
}
