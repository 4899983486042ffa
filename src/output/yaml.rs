//! YAML for scripts that every YAML reader reads as the JSON output reads: a string is written plain
//! only when no YAML 1.1 or 1.2 reader can take it for anything else (a boolean such as `no` or
//! `on`, a null, a number, a date); every other string is double-quoted. Field order is kept.

use anyhow::Result;
use serde::Serialize;
use serde_yaml::Value;

/// The YAML document of `value`, ending with a newline.
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> Result<String> {
    let value = serde_yaml::to_value(value)?;
    let mut out = String::new();
    match &value {
        Value::Mapping(map) if !map.is_empty() => mapping(&mut out, map, 0),
        Value::Sequence(items) if !items.is_empty() => sequence(&mut out, items, 0),
        other => {
            out.push_str(&inline(other));
            out.push('\n');
        }
    }
    Ok(out)
}

/// Words YAML 1.1 reads as booleans or null, whatever their case.
const RESERVED: &[&str] = &["y", "n", "yes", "no", "true", "false", "on", "off", "null"];

/// A string that reads back as that string in YAML 1.1 and 1.2 without quotes: it starts with a
/// letter (so it cannot be a number, date, or indicator), holds only letters, digits, spaces and
/// `._/@+-(),`, does not end with a space, and is not a reserved word.
fn plain_is_safe(text: &str) -> bool {
    let mut chars = text.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    first.is_alphabetic()
        && text.chars().all(|c| {
            c.is_alphanumeric() || matches!(c, ' ' | '.' | '_' | '/' | '@' | '+' | '-' | '(' | ')' | ',')
        })
        && !text.ends_with(' ')
        && !text.contains("  ")
        && !RESERVED.contains(&text.to_ascii_lowercase().as_str())
}

fn string(text: &str) -> String {
    if plain_is_safe(text) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            ' '..='~' => out.push(c),
            // What YAML readers refuse raw, or read as a line break or a byte-order mark.
            '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => out.push_str(&format!("\\x{:02x}", u32::from(c))),
            '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}' => {
                out.push_str(&format!("\\u{:04x}", u32::from(c)))
            }
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A value on the rest of a line: scalars, and empty collections.
fn inline(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => string(s),
        Value::Sequence(_) => "[]".into(),
        Value::Mapping(_) => "{}".into(),
        Value::Tagged(tagged) => inline(&tagged.value),
    }
}

fn key(value: &Value) -> String {
    match value {
        Value::String(s) => string(s),
        other => string(&inline(other)),
    }
}

fn is_block(value: &Value) -> bool {
    match value {
        Value::Mapping(map) => !map.is_empty(),
        Value::Sequence(items) => !items.is_empty(),
        Value::Tagged(tagged) => is_block(&tagged.value),
        _ => false,
    }
}

fn untagged(value: &Value) -> &Value {
    match value {
        Value::Tagged(tagged) => untagged(&tagged.value),
        other => other,
    }
}

fn mapping(out: &mut String, map: &serde_yaml::Mapping, indent: usize) {
    for (index, (k, v)) in map.iter().enumerate() {
        // The first key of a sequence item follows its `- ` on the same line.
        if index > 0 || out.ends_with('\n') || out.is_empty() {
            out.push_str(&" ".repeat(indent));
        }
        out.push_str(&key(k));
        out.push(':');
        block_value(out, v, indent);
    }
}

fn sequence(out: &mut String, items: &[Value], indent: usize) {
    for item in items {
        out.push_str(&" ".repeat(indent));
        out.push_str("- ");
        match untagged(item) {
            Value::Mapping(map) if !map.is_empty() => mapping(out, map, indent + 2),
            Value::Sequence(inner) if !inner.is_empty() => {
                out.push('\n');
                sequence(out, inner, indent + 2);
            }
            other => {
                out.push_str(&inline(other));
                out.push('\n');
            }
        }
    }
}

fn block_value(out: &mut String, value: &Value, indent: usize) {
    if !is_block(value) {
        out.push(' ');
        out.push_str(&inline(value));
        out.push('\n');
        return;
    }
    out.push('\n');
    match untagged(value) {
        Value::Mapping(map) => mapping(out, map, indent + 2),
        Value::Sequence(items) => sequence(out, items, indent),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn ambiguous_strings_are_quoted() {
        for text in [
            "no",
            "Yes",
            "ON",
            "off",
            "y",
            "null",
            "~",
            "",
            "2026-11-20",
            "2026-11-30T18:16:50Z",
            "+16502530000",
            "1e3",
            "0x1F",
            ".inf",
            "12:30",
            "-",
            "a: b",
            "#x",
            "=",
            "trailing ",
            "line\nbreak",
        ] {
            assert!(string(text).starts_with('"'), "{text:?} -> {}", string(text));
        }
        for text in [
            "acme",
            "Jane Roe",
            "acme-corp.example",
            "bücher.example",
            "jane.roe@acme-corp.example",
        ] {
            assert_eq!(string(text), text);
        }
    }

    #[test]
    fn reads_back_as_the_same_value() {
        let value = json!({
            "id": "no", "when": "2026-11-20", "n": 3, "ok": true, "none": null,
            "list": ["on", {"a": 1, "b": ["x", []], "c": {}}, [1, 2]],
            "nested": {"deep": {"text": "tab\there \u{1b}[31m \u{2028} é \"q\" \\"}},
            "empty": [], "map": {}
        });
        let yaml = to_string(&value).unwrap();
        let back: serde_json::Value = serde_yaml::from_str(&yaml).unwrap();
        assert_eq!(back, value, "{yaml}");
        let top_list = to_string(&json!([{"a": "b"}, "c"])).unwrap();
        assert_eq!(top_list, "- a: b\n- c\n");
    }
}
