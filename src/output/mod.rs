//! The one place that renders results: tables for people (comfy-table), JSON and YAML for scripts.
//! Commands describe what to show as [`Block`]s; every string is escaped here before it reaches a terminal.

mod accounts;
mod audit;
mod domains;
mod requests;
pub mod sender;
pub mod table;
mod transfer;
pub mod yaml;

pub use audit::{AuditEvent, AuditLog};
pub use requests::reason_rows;
pub use transfer::{emit_document, progress};

use anyhow::Result;
use serde::Serialize;
use std::borrow::Cow;
use std::io::Write;

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
        Format::Yaml => yaml::to_string(value)?,
        Format::Table => render_blocks(&value.blocks(), table::terminal_width()),
    })
}

/// One compact JSON document per line, for streams of results.
pub fn json_line<T: Serialize + ?Sized>(out: &mut impl Write, value: &T) -> Result<()> {
    serde_json::to_writer(&mut *out, value)?;
    out.write_all(b"\n")?;
    Ok(())
}

/// Renders blocks for a terminal `width` columns wide, or unwrapped with `None`.
pub fn render_blocks(blocks: &[Block], width: Option<usize>) -> String {
    let mut text = String::new();
    for block in blocks {
        match block {
            Block::Title(title) => {
                if !text.is_empty() {
                    text.push('\n');
                }
                push_wrapped(&mut text, &sanitize(title), width, "");
            }
            Block::Line(line) => {
                let line = sanitize(line);
                let indent = " ".repeat(line.len() - line.trim_start().len() + 2);
                push_wrapped(&mut text, &line, width, &indent);
            }
            Block::Fields(fields) => {
                let label_width = fields.iter().map(|(label, _)| label.len()).max().unwrap_or(0);
                let indent = " ".repeat(label_width + 4);
                for (label, value) in fields {
                    let line = format!("  {label:<label_width$}  {}", sanitize(value));
                    push_wrapped(&mut text, &line, width, &indent);
                }
            }
            Block::Rows { header, rows, empty } => {
                if rows.is_empty() {
                    push_wrapped(&mut text, &format!("  {empty}"), width, "    ");
                    continue;
                }
                let rows: Vec<Vec<String>> = rows
                    .iter()
                    .map(|row| row.iter().map(|cell| sanitize(cell).into_owned()).collect())
                    .collect();
                text.push_str(&table::render_rows(header, &rows, width));
            }
        }
    }
    text
}

/// A line, wrapped at spaces to `width` with `indent` before each continuation (never splitting a
/// word: one wider than the room stays whole on its own line).
fn push_wrapped(text: &mut String, line: &str, width: Option<usize>, indent: &str) {
    let Some(width) = width.filter(|&w| table::display_width(line) > w) else {
        text.push_str(line);
        text.push('\n');
        return;
    };
    let lead = line.len() - line.trim_start().len();
    let (first_indent, body) = line.split_at(lead);
    let room = width.saturating_sub(indent.len()).max(1);
    let first_room = width.saturating_sub(lead).max(1);
    // The first line may be wider than the rest: wrap it alone, then the remainder.
    let first = table::wrap(body, first_room);
    let head = first.first().cloned().unwrap_or_default();
    text.push_str(first_indent);
    text.push_str(head.trim_end());
    text.push('\n');
    let rest = body[head.len()..].trim_start();
    if !rest.is_empty() {
        for continuation in table::wrap(rest, room) {
            text.push_str(indent);
            text.push_str(&continuation);
            text.push('\n');
        }
    }
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
