//! YAML for scripts that every YAML reader reads as the JSON output reads: a string is written plain
//! only when no YAML 1.1 or 1.2 reader can take it for anything else (a boolean such as `no` or
//! `on`, a null, a number, a date); every other string is double-quoted. A serde serializer writing
//! block style as it goes, so fields keep their order and a large document (the export) streams.

use serde::ser::{self, Serialize};
use std::fmt::Display;
use std::io::Write;

/// The YAML document of `value`, ending with a newline.
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> anyhow::Result<String> {
    let mut out = Vec::new();
    to_writer(&mut out, value)?;
    Ok(String::from_utf8(out)?)
}

/// Writes the YAML document of `value` to `out` as it is serialized.
pub fn to_writer<W: Write, T: Serialize + ?Sized>(out: W, value: &T) -> anyhow::Result<()> {
    let mut writer = Writer { out };
    value.serialize(Node {
        writer: &mut writer,
        at: At::Top,
        indent: 0,
    })?;
    Ok(())
}

/// Words YAML 1.1 reads as booleans or null, whatever their case.
const RESERVED: &[&str] = &["y", "n", "yes", "no", "true", "false", "on", "off", "null"];

/// A string that reads back as that string in YAML 1.1 and 1.2 without quotes: it starts with a
/// letter (so it cannot be a number, date, or indicator), holds only letters, digits, single spaces
/// and `._/@+-(),`, does not end with a space, and is not a reserved word.
fn plain_is_safe(text: &str) -> bool {
    let Some(first) = text.chars().next() else {
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

fn scalar_string(text: &str) -> String {
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

#[derive(Debug)]
pub struct Error(String);

impl Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

impl From<std::io::Error> for Error {
    fn from(err: std::io::Error) -> Self {
        Error(err.to_string())
    }
}

struct Writer<W> {
    out: W,
}

impl<W: Write> Writer<W> {
    fn put(&mut self, text: &str) -> Result<(), Error> {
        self.out.write_all(text.as_bytes())?;
        Ok(())
    }

    fn spaces(&mut self, n: usize) -> Result<(), Error> {
        for _ in 0..n {
            self.out.write_all(b" ")?;
        }
        Ok(())
    }
}

/// Where a value is written: the document's top, after `key:`, or after `- `.
#[derive(Clone, Copy, PartialEq, Eq)]
enum At {
    Top,
    Key,
    Dash,
}

/// One value to write; `indent` is the column of its key (after `key:`) or of its content (after
/// `- `).
struct Node<'w, W> {
    writer: &'w mut Writer<W>,
    at: At,
    indent: usize,
}

impl<'w, W: Write> Node<'w, W> {
    fn scalar(self, text: &str) -> Result<(), Error> {
        if self.at == At::Key {
            self.writer.put(" ")?;
        }
        self.writer.put(text)?;
        self.writer.put("\n")
    }

    fn seq(self) -> Collection<'w, W> {
        // Sequence items under a key sit at the key's column, as most YAML writers put them.
        let items = match self.at {
            At::Top => 0,
            At::Key | At::Dash => self.indent,
        };
        Collection {
            writer: self.writer,
            at: self.at,
            column: items,
            count: 0,
            empty: "[]",
        }
    }

    fn map(self) -> Collection<'w, W> {
        let entries = match self.at {
            At::Top => 0,
            At::Key => self.indent + 2,
            At::Dash => self.indent,
        };
        Collection {
            writer: self.writer,
            at: self.at,
            column: entries,
            count: 0,
            empty: "{}",
        }
    }
}

/// A sequence or mapping being written; the first entry decides the line break before it.
struct Collection<'w, W> {
    writer: &'w mut Writer<W>,
    at: At,
    column: usize,
    count: usize,
    empty: &'static str,
}

impl<W: Write> Collection<'_, W> {
    fn start_entry(&mut self) -> Result<(), Error> {
        if self.count == 0 {
            match self.at {
                At::Key => {
                    self.writer.put("\n")?;
                    self.writer.spaces(self.column)?;
                }
                // The first entry follows its `- ` (or starts the document) on the same line.
                At::Top | At::Dash => {}
            }
        } else {
            self.writer.spaces(self.column)?;
        }
        self.count += 1;
        Ok(())
    }

    fn item<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.start_entry()?;
        self.writer.put("- ")?;
        value.serialize(Node {
            writer: &mut *self.writer,
            at: At::Dash,
            indent: self.column + 2,
        })
    }

    fn entry<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> Result<(), Error> {
        self.start_entry()?;
        self.writer.put(&scalar_string(key))?;
        self.writer.put(":")?;
        value.serialize(Node {
            writer: &mut *self.writer,
            at: At::Key,
            indent: self.column,
        })
    }

    fn finish(self) -> Result<(), Error> {
        if self.count > 0 {
            return Ok(());
        }
        if self.at == At::Key {
            self.writer.put(" ")?;
        }
        self.writer.put(self.empty)?;
        self.writer.put("\n")
    }
}

/// A mapping whose keys arrive apart from their values.
struct MapState<'w, W> {
    collection: Collection<'w, W>,
    key: Option<String>,
}

fn float(value: f64) -> String {
    if value.is_nan() {
        ".nan".into()
    } else if value.is_infinite() {
        if value > 0.0 { ".inf" } else { "-.inf" }.into()
    } else {
        format!("{value:?}")
    }
}

impl<'w, W: Write> ser::Serializer for Node<'w, W> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Collection<'w, W>;
    type SerializeTuple = Collection<'w, W>;
    type SerializeTupleStruct = Collection<'w, W>;
    type SerializeTupleVariant = ser::Impossible<(), Error>;
    type SerializeMap = MapState<'w, W>;
    type SerializeStruct = Collection<'w, W>;
    type SerializeStructVariant = ser::Impossible<(), Error>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.scalar(if v { "true" } else { "false" })
    }
    fn serialize_i8(self, v: i8) -> Result<(), Error> {
        self.scalar(&v.to_string())
    }
    fn serialize_i16(self, v: i16) -> Result<(), Error> {
        self.scalar(&v.to_string())
    }
    fn serialize_i32(self, v: i32) -> Result<(), Error> {
        self.scalar(&v.to_string())
    }
    fn serialize_i64(self, v: i64) -> Result<(), Error> {
        self.scalar(&v.to_string())
    }
    fn serialize_u8(self, v: u8) -> Result<(), Error> {
        self.scalar(&v.to_string())
    }
    fn serialize_u16(self, v: u16) -> Result<(), Error> {
        self.scalar(&v.to_string())
    }
    fn serialize_u32(self, v: u32) -> Result<(), Error> {
        self.scalar(&v.to_string())
    }
    fn serialize_u64(self, v: u64) -> Result<(), Error> {
        self.scalar(&v.to_string())
    }
    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        self.scalar(&float(f64::from(v)))
    }
    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        self.scalar(&float(v))
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.scalar(&scalar_string(&v.to_string()))
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.scalar(&scalar_string(v))
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        let mut seq = self.seq();
        for byte in v {
            seq.item(byte)?;
        }
        seq.finish()
    }
    fn serialize_none(self) -> Result<(), Error> {
        self.scalar("null")
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.scalar("null")
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        self.scalar("null")
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        let mut map = self.map();
        map.entry(variant, value)?;
        map.finish()
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        Ok(self.seq())
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, Error> {
        Ok(self.seq())
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct, Error> {
        Ok(self.seq())
    }
    fn serialize_tuple_variant(
        self,
        name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(Error(format!("cannot write {name}::{variant} as YAML")))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, Error> {
        Ok(MapState {
            collection: self.map(),
            key: None,
        })
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Self::SerializeStruct, Error> {
        Ok(self.map())
    }
    fn serialize_struct_variant(
        self,
        name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(Error(format!("cannot write {name}::{variant} as YAML")))
    }
}

impl<W: Write> ser::SerializeSeq for Collection<'_, W> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.item(value)
    }
    fn end(self) -> Result<(), Error> {
        self.finish()
    }
}

impl<W: Write> ser::SerializeTuple for Collection<'_, W> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.item(value)
    }
    fn end(self) -> Result<(), Error> {
        self.finish()
    }
}

impl<W: Write> ser::SerializeTupleStruct for Collection<'_, W> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.item(value)
    }
    fn end(self) -> Result<(), Error> {
        self.finish()
    }
}

impl<W: Write> ser::SerializeStruct for Collection<'_, W> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
        self.entry(key, value)
    }
    fn end(self) -> Result<(), Error> {
        self.finish()
    }
}

impl<W: Write> ser::SerializeMap for MapState<'_, W> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.key = Some(key.serialize(KeyText)?);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        let key = self
            .key
            .take()
            .ok_or_else(|| Error("a YAML value without its key".into()))?;
        self.collection.entry(&key, value)
    }
    fn end(self) -> Result<(), Error> {
        self.collection.finish()
    }
}

/// A mapping key as text (keys are strings in every document xmfax writes; numbers and booleans
/// are written as the text JSON would give them).
struct KeyText;

impl ser::Serializer for KeyText {
    type Ok = String;
    type Error = Error;
    type SerializeSeq = ser::Impossible<String, Error>;
    type SerializeTuple = ser::Impossible<String, Error>;
    type SerializeTupleStruct = ser::Impossible<String, Error>;
    type SerializeTupleVariant = ser::Impossible<String, Error>;
    type SerializeMap = ser::Impossible<String, Error>;
    type SerializeStruct = ser::Impossible<String, Error>;
    type SerializeStructVariant = ser::Impossible<String, Error>;

    fn serialize_bool(self, v: bool) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_i8(self, v: i8) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_i16(self, v: i16) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_i32(self, v: i32) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_i64(self, v: i64) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_u8(self, v: u8) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_u16(self, v: u16) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_u32(self, v: u32) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_u64(self, v: u64) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_f32(self, v: f32) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_f64(self, v: f64) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_char(self, v: char) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_str(self, v: &str) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_bytes(self, _v: &[u8]) -> Result<String, Error> {
        Err(Error("a YAML key cannot be bytes".into()))
    }
    fn serialize_none(self) -> Result<String, Error> {
        Ok("null".into())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<String, Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<String, Error> {
        Ok("null".into())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<String, Error> {
        Ok("null".into())
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<String, Error> {
        Ok(variant.to_string())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<String, Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<String, Error> {
        Err(Error("a YAML key must be text".into()))
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        Err(Error("a YAML key must be text".into()))
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, Error> {
        Err(Error("a YAML key must be text".into()))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct, Error> {
        Err(Error("a YAML key must be text".into()))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(Error("a YAML key must be text".into()))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, Error> {
        Err(Error("a YAML key must be text".into()))
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Self::SerializeStruct, Error> {
        Err(Error("a YAML key must be text".into()))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(Error("a YAML key must be text".into()))
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
            assert!(
                scalar_string(text).starts_with('"'),
                "{text:?} -> {}",
                scalar_string(text)
            );
        }
        for text in [
            "acme",
            "Jane Roe",
            "acme-corp.example",
            "bücher.example",
            "jane.roe@acme-corp.example",
        ] {
            assert_eq!(scalar_string(text), text);
        }
    }

    #[test]
    fn reads_back_as_the_same_value() {
        let value = json!({
            "id": "no", "when": "2026-11-20", "n": 3, "x": 1.5, "ok": true, "none": null,
            "list": ["on", {"a": 1, "b": ["x", []], "c": {}}, [1, [2, 3]], []],
            "nested": {"deep": {"text": "tab\there \u{1b}[31m \u{2028} é \"q\" \\"}},
            "empty": [], "map": {}
        });
        let yaml = to_string(&value).unwrap();
        let back: serde_json::Value = serde_yaml::from_str(&yaml).unwrap();
        assert_eq!(back, value, "{yaml}");
        assert_eq!(
            to_string(&json!([{"a": "b", "c": "d"}, "c"])).unwrap(),
            "- a: b\n  c: d\n- c\n"
        );
        assert_eq!(to_string(&json!({"k": ["a"]})).unwrap(), "k:\n- a\n");
        assert_eq!(to_string(&json!([])).unwrap(), "[]\n");
    }
}
