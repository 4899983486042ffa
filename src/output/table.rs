//! Table layout for people: fits rows to the terminal's width without ever breaking a token
//! (domains, references, dates, codes, networks and addresses hold no spaces, so cells break only at
//! spaces), drops columns that say nothing, and falls back to one `key: value` block per row when
//! the table cannot fit. Off a terminal nothing wraps: one row per line.
//!
//! The layout is a function of one header and a chunk of rows, so a streamed list can lay out each
//! chunk on its own.

use comfy_table::{ContentArrangement, Table, TableComponent, presets};
use std::io::IsTerminal;
use unicode_width::UnicodeWidthStr;

/// Set to `1` to lay out as on a terminal even when stdout is not one (tests, `| less`); the width
/// then comes from `COLUMNS`, else 80.
pub const FORCE_TTY_VAR: &str = "XMFAX_FORCE_TTY";

/// Columns of free text (names, messages): they give up their width first when a table must shrink.
/// Every other column is narrowed only when that is not enough.
const FREE_TEXT: &[&str] = &[
    "NAME",
    "MESSAGE",
    "REASON",
    "REASONS",
    "EVENT",
    "CERTIFIED BY",
    "SIGNED BY",
];

/// Narrowest width worth giving a free-text column before switching to records.
const MIN_FREE_TEXT: usize = 12;

/// The width to lay out for: `Some(columns)` on a terminal (or when forced), `None` off one.
pub fn terminal_width() -> Option<usize> {
    let forced = std::env::var(FORCE_TTY_VAR).is_ok_and(|v| v == "1");
    if !forced && !std::io::stdout().is_terminal() {
        return None;
    }
    let from_env = std::env::var("COLUMNS")
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|&w| w > 0);
    Some(
        from_env
            .or_else(|| Table::new().width().map(usize::from))
            .unwrap_or(80),
    )
}

pub fn display_width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// Renders `rows` under `header` (cells already escaped for the terminal), for a terminal of
/// `width` columns or, with `None`, unwrapped.
pub fn render_rows(header: &[&str], rows: &[Vec<String>], width: Option<usize>) -> String {
    let (header, rows, common) = drop_silent_columns(header, rows);
    let mut text = String::new();
    for (label, value) in &common {
        text.push_str(&format!("{label}: {value}\n"));
    }
    let Some(width) = width else {
        text.push_str(&draw(&header, &rows, None));
        return text;
    };
    match fit(&header, &rows, width) {
        Some(widths) => {
            let wrapped: Vec<Vec<String>> = rows
                .iter()
                .map(|row| {
                    row.iter()
                        .zip(&widths)
                        .map(|(cell, &w)| wrap(cell, w).join("\n"))
                        .collect()
                })
                .collect();
            text.push_str(&draw(&header, &wrapped, Some(&widths)));
        }
        None => text.push_str(&records(&header, &rows, width)),
    }
    text
}

/// The columns and rows left to draw, and the values said once above the table instead.
type Kept = (Vec<String>, Vec<Vec<String>>, Vec<(String, String)>);

/// Leaves out the columns with no value in any row, and an ACCOUNT column whose rows all name the
/// same account; that account is returned to be said once above the table.
fn drop_silent_columns(header: &[&str], rows: &[Vec<String>]) -> Kept {
    let mut common = Vec::new();
    let keep: Vec<bool> = header
        .iter()
        .enumerate()
        .map(|(i, name)| {
            fn cell(row: &[String], i: usize) -> &str {
                row.get(i).map(String::as_str).unwrap_or("")
            }
            if rows.iter().all(|row| matches!(cell(row, i), "" | "-")) {
                return false;
            }
            if *name == "ACCOUNT"
                && let Some(first) = rows.first()
                && rows.iter().all(|row| cell(row, i) == cell(first, i))
            {
                common.push(("Account".to_string(), cell(first, i).to_string()));
                return false;
            }
            true
        })
        .collect();
    let pick = |cells: Vec<String>| -> Vec<String> {
        cells
            .into_iter()
            .zip(&keep)
            .filter(|(_, k)| **k)
            .map(|(c, _)| c)
            .collect()
    };
    let header = pick(header.iter().map(|h| h.to_string()).collect());
    let rows = rows.iter().map(|row| pick(row.clone())).collect();
    (header, rows, common)
}

fn natural_widths(header: &[String], rows: &[Vec<String>]) -> Vec<usize> {
    header
        .iter()
        .enumerate()
        .map(|(i, name)| {
            rows.iter()
                .filter_map(|row| row.get(i))
                .map(|cell| display_width(cell))
                .chain([display_width(name)])
                .max()
                .unwrap_or(0)
        })
        .collect()
}

/// The widest word of a text: a column narrower than that would have to break it.
fn longest_word(text: &str) -> usize {
    text.split(' ').map(display_width).max().unwrap_or(0)
}

/// Column widths that fit `width` with every word whole (headers included), or `None`.
fn fit(header: &[String], rows: &[Vec<String>], width: usize) -> Option<Vec<usize>> {
    let mut widths = natural_widths(header, rows);
    let available = width.checked_sub(overhead(header.len()))?;
    let free_text: Vec<bool> = header.iter().map(|h| FREE_TEXT.contains(&h.as_str())).collect();
    let minimum: Vec<usize> = header
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let words = rows
                .iter()
                .filter_map(|row| row.get(i))
                .map(|cell| longest_word(cell))
                .chain([longest_word(name)])
                .max()
                .unwrap_or(0);
            if free_text[i] {
                words.max(MIN_FREE_TEXT.min(widths[i]))
            } else {
                words
            }
        })
        .collect();
    let mut excess = widths.iter().sum::<usize>().saturating_sub(available);
    // Free text first, then the rest; within a pass the widest column gives up a column at a time.
    for pass_free_text in [true, false] {
        while excess > 0 {
            let widest = (0..widths.len())
                .filter(|&i| free_text[i] == pass_free_text && widths[i] > minimum[i])
                .max_by_key(|&i| widths[i]);
            let Some(i) = widest else { break };
            widths[i] -= 1;
            excess -= 1;
        }
    }
    (excess == 0).then_some(widths)
}

/// Greedy word wrap at spaces; a word is never split (the caller makes `width` at least the widest).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        if line.is_empty() {
            line.push_str(word);
        } else if display_width(&line) + 1 + display_width(word) <= width {
            line.push(' ');
            line.push_str(word);
        } else {
            lines.push(std::mem::take(&mut line));
            line.push_str(word);
        }
    }
    lines.push(line);
    lines
}

fn styled_table() -> Table {
    let mut table = Table::new();
    table
        .load_preset(presets::UTF8_HORIZONTAL_ONLY)
        .remove_style(TableComponent::HorizontalLines)
        .remove_style(TableComponent::MiddleIntersections)
        .remove_style(TableComponent::LeftBorderIntersections)
        .remove_style(TableComponent::RightBorderIntersections)
        .set_content_arrangement(ContentArrangement::Disabled);
    table
}

/// Two spaces between columns (the border's and one of padding) rather than three.
fn tighten(table: &mut Table) {
    for column in table.column_iter_mut() {
        column.set_padding((0, 1));
    }
}

/// The columns a table of `columns` columns takes beyond its content (borders and padding).
fn overhead(columns: usize) -> usize {
    let mut table = styled_table();
    table.add_row(vec!["x".to_string(); columns]);
    tighten(&mut table);
    let rule = table.lines().next().unwrap_or_default();
    display_width(&rule).saturating_sub(columns)
}

/// Draws the rows, already wrapped to their column widths: comfy-table only draws.
fn draw(header: &[String], rows: &[Vec<String>], widths: Option<&[usize]>) -> String {
    let mut table = styled_table();
    table.set_header(header.iter().enumerate().map(
        |(i, name)| match widths.and_then(|widths| widths.get(i)) {
            Some(&width) => wrap(name, width).join("\n"),
            None => name.clone(),
        },
    ));
    for row in rows {
        table.add_row(row.iter().cloned());
    }
    tighten(&mut table);
    table
        .lines()
        .map(|line| line.trim_end().to_string() + "\n")
        .collect()
}

/// One `key: value` block per row, values wrapped under themselves: for tables too wide to draw.
fn records(header: &[String], rows: &[Vec<String>], width: usize) -> String {
    let label_width = header.iter().map(|h| display_width(h)).max().unwrap_or(0) + 1;
    let indent = " ".repeat(label_width + 1);
    let mut text = String::new();
    for (index, row) in rows.iter().enumerate() {
        if index > 0 {
            text.push('\n');
        }
        for (name, cell) in header.iter().zip(row) {
            if matches!(cell.as_str(), "" | "-") {
                continue;
            }
            let room = width.saturating_sub(label_width + 1).max(longest_word(cell));
            let label = format!("{name}:");
            for (line_no, line) in wrap(cell, room).iter().enumerate() {
                if line_no == 0 {
                    text.push_str(&format!("{label:<label_width$} {line}"));
                } else {
                    text.push_str(&format!("{indent}{line}"));
                }
                text.push('\n');
            }
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header() -> Vec<&'static str> {
        vec!["DOMAIN", "UNICODE", "ACCOUNT", "CERTIFIED BY", "REASON"]
    }

    fn rows() -> Vec<Vec<String>> {
        vec![
            vec![
                "acme-corp.example".into(),
                String::new(),
                "acme".into(),
                "Jane Roe".into(),
                "the form does not certify that the domains belong to the company".into(),
            ],
            vec![
                "globex-corp.example".into(),
                String::new(),
                "acme".into(),
                "-".into(),
                "ok".into(),
            ],
        ]
    }

    fn max_line(text: &str) -> usize {
        text.lines().map(display_width).max().unwrap_or(0)
    }

    #[test]
    fn fits_the_width_without_breaking_words() {
        for width in [40, 50, 60, 80, 120] {
            let text = render_rows(&header(), &rows(), Some(width));
            assert!(max_line(&text) <= width, "{width}:\n{text}");
            for token in ["acme-corp.example", "globex-corp.example", "CERTIFIED", "REASON"] {
                assert!(text.contains(token), "{width}: {token} broken:\n{text}");
            }
        }
    }

    #[test]
    fn empty_columns_and_a_single_account_are_dropped() {
        let text = render_rows(&header(), &rows(), Some(200));
        assert!(!text.contains("UNICODE"), "{text}");
        assert!(!text.contains("ACCOUNT"), "{text}");
        assert!(text.starts_with("Account: acme\n"), "{text}");
    }

    #[test]
    fn too_narrow_becomes_records() {
        let text = render_rows(&header(), &rows(), Some(34));
        assert!(text.contains("DOMAIN:       acme-corp.example"), "{text}");
        assert!(text.contains("\n\nDOMAIN:       globex-corp.example"), "{text}");
        assert!(max_line(&text) <= 34, "{}: {text}", max_line(&text));
    }

    #[test]
    fn off_a_terminal_one_row_per_line() {
        let text = render_rows(&header(), &rows(), None);
        // The common account, top rule, header, header rule, two rows, bottom rule.
        assert_eq!(text.lines().count(), 1 + 1 + 5, "{text}");
        assert!(text.contains("the form does not certify that the domains belong to the company"));
    }

    #[test]
    fn wrap_keeps_words_whole() {
        assert_eq!(wrap("a bb ccc", 4), ["a bb", "ccc"]);
        assert_eq!(wrap("averylongword x", 3), ["averylongword", "x"]);
    }
}
