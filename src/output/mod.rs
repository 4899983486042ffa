//! The one place that renders results: tables for people (comfy-table), JSON and YAML for scripts.
//! Commands describe what to show as [`Block`]s; every string is escaped here before it reaches a terminal.

mod accounts;
mod domains;
mod requests;
pub mod sender;
mod transfer;

pub use requests::reason_rows;
pub use transfer::{emit_document, progress};

use anyhow::Result;
use comfy_table::{ContentArrangement, Table, TableComponent, presets};
use serde::Serialize;
use std::borrow::Cow;
use std::io::{IsTerminal, Write};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Json,
    Yaml,
}

/// A piece of a table view.
pub enum Block {
    /// A heading line.
    Title(String),
    /// Label/value pairs, one per line.
    Fields(Vec<(&'static str, String)>),
    /// Rows under a header; `empty` is printed instead when there are no rows.
    Rows {
        header: Vec<&'static str>,
        rows: Vec<Vec<String>>,
        empty: &'static str,
    },
    /// A free line of text.
    Line(String),
}

/// How a value looks as a table.
pub trait Tabular {
    fn blocks(&self) -> Vec<Block>;
}

/// One row of a list; a `Vec` of them is rendered as one table.
pub trait Row {
    const HEADER: &'static [&'static str];
    fn cells(&self) -> Vec<String>;
}

impl<T: Row> Tabular for Vec<T> {
    fn blocks(&self) -> Vec<Block> {
        vec![Block::Rows {
            header: T::HEADER.to_vec(),
            rows: self.iter().map(Row::cells).collect(),
            empty: "(none)",
        }]
    }
}

/// Writes `value` to stdout in the chosen format.
pub fn emit<T: Serialize + Tabular + ?Sized>(format: Format, value: &T) -> Result<()> {
    let text = render(format, value)?;
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}

pub fn render<T: Serialize + Tabular + ?Sized>(format: Format, value: &T) -> Result<String> {
    Ok(match format {
        Format::Json => {
            let mut text = serde_json::to_string_pretty(value)?;
            text.push('\n');
            text
        }
        Format::Yaml => serde_yaml::to_string(value)?,
        Format::Table => render_blocks(&value.blocks()),
    })
}

/// One compact JSON document per line, for streams of results.
pub fn json_line<T: Serialize + ?Sized>(out: &mut impl Write, value: &T) -> Result<()> {
    serde_json::to_writer(&mut *out, value)?;
    out.write_all(b"\n")?;
    Ok(())
}

fn render_blocks(blocks: &[Block]) -> String {
    let mut text = String::new();
    for block in blocks {
        match block {
            Block::Title(title) => {
                if !text.is_empty() {
                    text.push('\n');
                }
                text.push_str(&sanitize(title));
                text.push('\n');
            }
            Block::Line(line) => {
                text.push_str(&sanitize(line));
                text.push('\n');
            }
            Block::Fields(fields) => {
                let width = fields.iter().map(|(label, _)| label.len()).max().unwrap_or(0);
                for (label, value) in fields {
                    text.push_str(&format!("  {label:<width$}  {}\n", sanitize(value)));
                }
            }
            Block::Rows { header, rows, empty } => {
                if rows.is_empty() {
                    text.push_str(&format!("  {empty}\n"));
                    continue;
                }
                let mut table = Table::new();
                table
                    .load_preset(presets::UTF8_HORIZONTAL_ONLY)
                    .remove_style(TableComponent::HorizontalLines)
                    .remove_style(TableComponent::MiddleIntersections)
                    .remove_style(TableComponent::LeftBorderIntersections)
                    .remove_style(TableComponent::RightBorderIntersections)
                    .set_content_arrangement(if std::io::stdout().is_terminal() {
                        ContentArrangement::Dynamic
                    } else {
                        ContentArrangement::Disabled
                    })
                    .set_header(header.iter().copied());
                for row in rows {
                    table.add_row(row.iter().map(|cell| sanitize(cell).into_owned()));
                }
                text.push_str(&table.to_string());
                text.push('\n');
            }
        }
    }
    text
}

/// Escapes control characters and bidirectional overrides, which could rewrite what an agent sees
/// on the terminal (text from customers' forms and messages ends up in tables).
pub fn sanitize(text: &str) -> Cow<'_, str> {
    let needs_escape = |c: char| {
        c.is_control()
            || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| {
                if needs_escape(c) {
                    c.escape_unicode().to_string()
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}

/// An error or note for stderr: escaped like table text, but its own line breaks (`hint:` lines) kept.
pub fn sanitize_message(text: &str) -> String {
    text.split('\n')
        .map(|line| sanitize(line))
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn yes_no(value: bool) -> String {
    if value { "yes" } else { "no" }.to_string()
}

pub fn or_dash(value: &Option<String>) -> String {
    value.clone().unwrap_or_else(|| "-".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(sanitize("plain é"), "plain é");
        assert_eq!(sanitize("a\u{1b}[31mred"), "a\\u{1b}[31mred");
        assert_eq!(sanitize("x\u{202e}gpj.exe"), "x\\u{202e}gpj.exe");
        assert_eq!(sanitize("line\nbreak"), "line\\u{a}break");
    }
}
