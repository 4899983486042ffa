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

pub use audit::AuditEvent;
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

/// Rows of a streamed table are laid out this many at a time: memory stays bounded however long the
/// list, and a short list looks exactly like a table rendered whole.
const TABLE_CHUNK_ROWS: usize = 1000;

/// Writes a list to stdout as its rows are read, in the chosen format: a JSON array element by
/// element, YAML sequence items one by one, or tables of at most [`TABLE_CHUNK_ROWS`] rows (each
/// under the header). The first error from `rows` stops the output and is returned (exit 2): a JSON
/// array cut short by it is left open, so that it does not parse as if it were the whole list.
pub fn emit_rows<R: Serialize + Row>(
    format: Format,
    rows: &mut dyn Iterator<Item = Result<R>>,
) -> Result<()> {
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    write_rows(format, rows, &mut out)?;
    out.flush()?;
    Ok(())
}

fn write_rows<R: Serialize + Row>(
    format: Format,
    rows: &mut dyn Iterator<Item = Result<R>>,
    out: &mut dyn Write,
) -> Result<()> {
    use serde::ser::{SerializeSeq, Serializer};
    let failure = std::cell::RefCell::new(None);
    let mut items = std::iter::from_fn(|| match rows.next()? {
        Ok(row) => Some(row),
        Err(e) => {
            *failure.borrow_mut() = Some(e);
            None
        }
    });
    match format {
        Format::Json => {
            let mut serializer = serde_json::Serializer::pretty(&mut *out);
            let mut seq = serializer.serialize_seq(None).map_err(io_first)?;
            for item in items.by_ref() {
                seq.serialize_element(&item).map_err(io_first)?;
            }
            if let Some(e) = failure.take() {
                return Err(e);
            }
            seq.end().map_err(io_first)?;
            out.write_all(b"\n")?;
        }
        Format::Yaml => {
            // The YAML writer emits each item as it is serialized, quoted for YAML 1.1 readers.
            yaml::to_writer(&mut *out, &Streamed(std::cell::RefCell::new(&mut items)))?;
            if let Some(e) = failure.take() {
                return Err(e);
            }
        }
        Format::Table => {
            let mut any = false;
            loop {
                let chunk: Vec<Vec<String>> =
                    items.by_ref().take(TABLE_CHUNK_ROWS).map(|r| r.cells()).collect();
                if chunk.is_empty() && any {
                    break;
                }
                any = true;
                let last = chunk.len() < TABLE_CHUNK_ROWS;
                out.write_all(
                    render_blocks(
                        &[Block::Rows {
                            header: R::HEADER.to_vec(),
                            rows: chunk,
                            empty: "(none)",
                        }],
                        table::terminal_width(),
                    )
                    .as_bytes(),
                )?;
                if last {
                    break;
                }
            }
        }
    }
    match failure.take() {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// A sequence serialized from an iterator as it is drawn, so a writer can stream a list.
struct Streamed<'i, I>(std::cell::RefCell<&'i mut I>);

impl<I: Iterator<Item = R>, R: Serialize> Serialize for Streamed<'_, I> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = serializer.serialize_seq(None)?;
        for item in self.0.borrow_mut().by_ref() {
            seq.serialize_element(&item)?;
        }
        seq.end()
    }
}

/// serde_json's error for a failed write, as the `io::Error` it wraps (so a closed pipe is known as one).
fn io_first(e: serde_json::Error) -> anyhow::Error {
    if e.is_io() {
        std::io::Error::from(e).into()
    } else {
        e.into()
    }
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

/// Escapes control characters, bidirectional overrides and invisible (default-ignorable) characters,
/// which could rewrite or disguise what an agent sees (text from forms and messages ends up in tables).
pub fn sanitize(text: &str) -> Cow<'_, str> {
    // Invisible characters too: a soft hyphen or zero-width space in a domain cell would show a
    // refused look-alike as the very name it imitates.
    let needs_escape = |c: char| c.is_control() || crate::policy::text::is_invisible_or_bidi(c);
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

    #[derive(Serialize)]
    struct Item {
        name: String,
        note: Option<String>,
    }

    impl Row for Item {
        const HEADER: &'static [&'static str] = &["NAME", "NOTE"];
        fn cells(&self) -> Vec<String> {
            vec![self.name.clone(), or_dash(&self.note)]
        }
    }

    fn items(n: usize) -> Vec<Item> {
        (0..n)
            .map(|i| Item {
                name: format!("item {i}: \"quoted\"\nline"),
                note: (i % 2 == 0).then(|| "ünïcode".to_string()),
            })
            .collect()
    }

    fn streamed(format: Format, rows: Vec<Result<Item>>) -> (String, Result<()>) {
        let mut out = Vec::new();
        let result = write_rows(format, &mut rows.into_iter(), &mut out);
        (String::from_utf8(out).unwrap(), result)
    }

    #[test]
    fn a_streamed_list_reads_exactly_like_the_whole_list() {
        for n in [0, 1, 3] {
            for format in [Format::Json, Format::Yaml, Format::Table] {
                let (text, result) = streamed(format, items(n).into_iter().map(Ok).collect());
                result.unwrap();
                assert_eq!(text, render(format, &items(n)).unwrap(), "{format:?}, {n} items");
            }
        }
    }

    #[test]
    fn a_long_table_comes_in_pieces_each_under_its_header() {
        let (text, result) = streamed(
            Format::Table,
            items(2 * TABLE_CHUNK_ROWS + 1).into_iter().map(Ok).collect(),
        );
        result.unwrap();
        assert_eq!(text.matches("NAME").count(), 3);
        assert_eq!(text.matches("quoted").count(), 2 * TABLE_CHUNK_ROWS + 1);
    }

    #[test]
    fn an_error_mid_list_stops_it_and_leaves_no_valid_document() {
        for format in [Format::Json, Format::Yaml, Format::Table] {
            let mut rows: Vec<Result<Item>> = items(2).into_iter().map(Ok).collect();
            rows.push(Err(anyhow::anyhow!("disk gone")));
            rows.extend(items(3).into_iter().skip(2).map(Ok));
            let (text, result) = streamed(format, rows);
            assert_eq!(result.unwrap_err().to_string(), "disk gone");
            assert!(!text.contains("item 2"), "nothing after the error: {text}");
            if format == Format::Json {
                assert!(
                    serde_json::from_str::<serde_json::Value>(&text).is_err(),
                    "{text}"
                );
            }
        }
    }

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(sanitize("plain é"), "plain é");
        assert_eq!(sanitize("a\u{1b}[31mred"), "a\\u{1b}[31mred");
        assert_eq!(sanitize("x\u{202e}gpj.exe"), "x\\u{202e}gpj.exe");
        assert_eq!(sanitize("line\nbreak"), "line\\u{a}break");
        assert_eq!(sanitize("corp\u{ad}.example"), "corp\\u{ad}.example");
        assert_eq!(sanitize("x\u{200b}.example"), "x\\u{200b}.example");
    }
}
