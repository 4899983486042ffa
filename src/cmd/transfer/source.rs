//! Reading an import's input as a stream: the file or stdin, hashed (SHA-256) and counted for the
//! progress bar as it is read, and YAML/JSON documents cut into one small tree per account, each node
//! with its line, so that memory follows the largest account rather than the whole file.

use anyhow::{Context, Result};
use indicatif::ProgressBar;
use saphyr_parser::{Event, Parser, ScalarStyle};
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use sha2::{Digest, Sha256};
use std::cell::Cell;
use std::fs::File;
use std::io::{self, BufRead, Read};
use std::path::Path;
use std::rc::Rc;

/// Nesting deeper than this cannot be an export document (and could exhaust the stack).
const MAX_DEPTH: usize = 16;

/// The input of an import.
pub struct Source {
    /// How messages name it: the path as given, or `<stdin>`.
    pub name: String,
    /// Its size in bytes, when it is a regular file.
    pub size: Option<u64>,
    reader: Box<dyn Read + Send>,
}

pub fn open(path: &Path) -> Result<Source> {
    if path.as_os_str() == "-" {
        return Ok(Source {
            name: "<stdin>".to_string(),
            size: None,
            reader: Box::new(io::stdin()),
        });
    }
    let file = File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
    let metadata = file
        .metadata()
        .with_context(|| format!("cannot read {}", path.display()))?;
    if metadata.is_dir() {
        anyhow::bail!("cannot read {}: it is a directory", path.display());
    }
    Ok(Source {
        name: path.display().to_string(),
        size: metadata.is_file().then_some(metadata.len()),
        reader: Box::new(file),
    })
}

/// Reads the source while hashing it and advancing the progress bar by the bytes read.
pub struct Hashing {
    inner: Box<dyn Read + Send>,
    hasher: Sha256,
    progress: ProgressBar,
}

impl Hashing {
    pub fn new(source: Source, progress: ProgressBar) -> Hashing {
        Hashing {
            inner: source.reader,
            hasher: Sha256::new(),
            progress,
        }
    }

    /// Reads what the parser left (trailing bytes) and returns the SHA-256 of the whole input.
    pub fn finish(mut self) -> io::Result<String> {
        io::copy(&mut self, &mut io::sink())?;
        Ok(hex::encode(self.hasher.finalize()))
    }
}

impl Read for Hashing {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        self.progress.inc(n as u64);
        Ok(n)
    }
}

/// A value of a YAML/JSON document with the line it starts on.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub line: u32,
    pub value: Value,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `plain`: written without quotes, so `null`, `~` and an empty value mean "none".
    Scalar {
        text: String,
        plain: bool,
    },
    List(Vec<Node>),
    /// Keys with their lines, in document order.
    Map(Vec<(String, u32, Node)>),
}

/// What the top level of an export document holds, handed over one account at a time.
pub enum Top {
    Version(Node),
    Account(Node),
    Unknown { key: String, line: u32 },
}

/// How reading a document ended: `Err` for a read error; `Ok(Err(..))` for input that does not parse,
/// with its line (what came before it was already visited).
pub type ReadOutcome = Result<Result<(), SyntaxError>>;

/// Input that cannot be parsed further: reported like a bad row, at its line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub line: u64,
    pub code: &'static str,
    pub message: String,
}

impl SyntaxError {
    fn new(line: u64, code: &'static str, message: impl Into<String>) -> SyntaxError {
        SyntaxError {
            line,
            code,
            message: message.into(),
        }
    }
}

/// Decodes UTF-8 as a stream of chars. It stops at invalid bytes or a read error and remembers which,
/// with the line, so the caller can tell a truncated document from an undecodable one.
struct Utf8Chars<R> {
    reader: R,
    pending: std::collections::VecDeque<char>,
    line: u64,
    started: bool,
    stop: Rc<Cell<Option<Stop>>>,
}

#[derive(Debug, Clone, Copy)]
enum Stop {
    InvalidUtf8 { line: u64 },
    Io(io::ErrorKind),
}

impl<R: BufRead> Iterator for Utf8Chars<R> {
    type Item = char;

    fn next(&mut self) -> Option<char> {
        loop {
            if let Some(c) = self.pending.pop_front() {
                if c == '\n' {
                    self.line += 1;
                }
                return Some(c);
            }
            if self.stop.get().is_some() {
                return None;
            }
            let buf = match self.reader.fill_buf() {
                Ok([]) => return None,
                Ok(buf) => buf,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    self.stop.set(Some(Stop::Io(e.kind())));
                    return None;
                }
            };
            let (valid, consumed) = match std::str::from_utf8(buf) {
                Ok(text) => (text, buf.len()),
                Err(e) if e.error_len().is_none() && e.valid_up_to() > 0 => {
                    // A sequence cut at the buffer's end: take what is complete, the rest comes next.
                    let upto = e.valid_up_to();
                    (std::str::from_utf8(&buf[..upto]).unwrap_or_default(), upto)
                }
                Err(e) if e.error_len().is_none() => {
                    // Fewer bytes than one character are buffered: read more behind them.
                    let mut sequence = buf.to_vec();
                    self.reader.consume(sequence.len());
                    let mut byte = [0u8; 1];
                    while std::str::from_utf8(&sequence).is_err() && sequence.len() < 4 {
                        match self.reader.read(&mut byte) {
                            Ok(1) => sequence.push(byte[0]),
                            _ => break,
                        }
                    }
                    match std::str::from_utf8(&sequence) {
                        Ok(text) => self.pending.extend(text.chars()),
                        Err(_) => self.stop.set(Some(Stop::InvalidUtf8 { line: self.line })),
                    }
                    continue;
                }
                Err(e) => {
                    let upto = e.valid_up_to();
                    let text = std::str::from_utf8(&buf[..upto]).unwrap_or_default();
                    let line = self.line + text.matches('\n').count() as u64;
                    self.pending.extend(text.chars());
                    self.reader.consume(upto);
                    self.stop.set(Some(Stop::InvalidUtf8 { line }));
                    continue;
                }
            };
            let mut chars = valid.chars();
            if !self.started {
                self.started = true;
                if valid.starts_with('\u{feff}') {
                    chars.next();
                }
            }
            self.pending.extend(chars);
            self.reader.consume(consumed);
        }
    }
}

fn stop_error(stop: Stop) -> Result<SyntaxError> {
    match stop {
        Stop::InvalidUtf8 { line } => Ok(SyntaxError::new(
            line,
            "invalid-utf8",
            "the input is not valid UTF-8 from here on",
        )),
        Stop::Io(kind) => Err(io::Error::from(kind)).context("cannot read the input"),
    }
}

/// Streams a YAML export document to `visit`.
pub fn read_yaml(reader: impl BufRead, visit: &mut dyn FnMut(Top)) -> ReadOutcome {
    let stop = Rc::new(Cell::new(None));
    let chars = Utf8Chars {
        reader,
        pending: std::collections::VecDeque::new(),
        line: 1,
        started: false,
        stop: stop.clone(),
    };
    let mut events = YamlEvents {
        parser: Parser::new_from_iter(chars),
        stop: stop.clone(),
    };
    let outcome = events.document(visit);
    match (stop.get(), outcome) {
        (Some(stop), _) => Ok(Err(stop_error(stop)?)),
        (None, outcome) => Ok(outcome),
    }
}

struct YamlEvents<'i, I: Iterator<Item = char>> {
    parser: Parser<'i, saphyr_parser::BufferedInput<I>>,
    stop: Rc<Cell<Option<Stop>>>,
}

impl<I: Iterator<Item = char>> YamlEvents<'_, I> {
    fn next(&mut self) -> Result<(Event<'static>, u32), SyntaxError> {
        match self.parser.next_event() {
            Some(Ok((event, span))) => Ok((into_owned(event), span.start.line() as u32)),
            Some(Err(e)) => Err(SyntaxError::new(
                e.marker().line() as u64,
                "invalid-yaml",
                e.info().to_string(),
            )),
            None => Err(SyntaxError::new(0, "invalid-yaml", "the document ends too early")),
        }
    }

    fn document(&mut self, visit: &mut dyn FnMut(Top)) -> Result<(), SyntaxError> {
        let shape =
            "the document must be a mapping with `version` and `accounts` (the output of `xmfax export`)";
        let (event, _) = self.next()?;
        if event != Event::StreamStart {
            return Err(SyntaxError::new(1, "invalid-yaml", "no YAML stream"));
        }
        let (event, line) = self.next()?;
        if event == Event::StreamEnd {
            return Err(SyntaxError::new(
                1,
                "invalid-document",
                format!("the input is empty: {shape}"),
            ));
        }
        let (event, line) = match event {
            Event::DocumentStart(_) => self.next()?,
            _ => (event, line),
        };
        if !matches!(event, Event::MappingStart(..)) {
            return Err(SyntaxError::new(u64::from(line), "invalid-document", shape));
        }
        loop {
            let (event, line) = self.next()?;
            let key = match event {
                Event::MappingEnd => break,
                Event::Scalar(text, ..) => text.into_owned(),
                _ => return Err(SyntaxError::new(u64::from(line), "invalid-document", shape)),
            };
            match key.as_str() {
                "accounts" => {
                    let (event, line) = self.next()?;
                    match event {
                        Event::SequenceStart(..) => loop {
                            let (event, line) = self.next()?;
                            if event == Event::SequenceEnd {
                                break;
                            }
                            visit(Top::Account(self.node(event, line, 0)?));
                        },
                        Event::Scalar(text, ScalarStyle::Plain, ..) if is_null(&text) => {}
                        _ => {
                            return Err(SyntaxError::new(
                                u64::from(line),
                                "invalid-document",
                                "`accounts` must be a list of accounts",
                            ));
                        }
                    }
                }
                "version" => {
                    let (event, line) = self.next()?;
                    visit(Top::Version(self.node(event, line, 0)?));
                }
                _ => {
                    let (event, value_line) = self.next()?;
                    self.node(event, value_line, 0)?;
                    visit(Top::Unknown { key, line });
                }
            }
        }
        let (event, line) = self.next()?;
        let event = if event == Event::DocumentEnd {
            self.next()?.0
        } else {
            event
        };
        if event != Event::StreamEnd {
            return Err(SyntaxError::new(
                u64::from(line),
                "invalid-document",
                "only one YAML document is allowed",
            ));
        }
        Ok(())
    }

    fn node(&mut self, event: Event<'static>, line: u32, depth: usize) -> Result<Node, SyntaxError> {
        if depth > MAX_DEPTH {
            return Err(SyntaxError::new(
                u64::from(line),
                "invalid-document",
                "values are nested too deeply",
            ));
        }
        let value = match event {
            Event::Scalar(text, style, _, tag) => {
                let tagged_string = tag.is_some_and(|t| t.suffix == "str");
                Value::Scalar {
                    text: text.into_owned(),
                    plain: style == ScalarStyle::Plain && !tagged_string,
                }
            }
            Event::SequenceStart(..) => {
                let mut items = Vec::new();
                loop {
                    let (event, item_line) = self.next()?;
                    if event == Event::SequenceEnd {
                        break;
                    }
                    items.push(self.node(event, item_line, depth + 1)?);
                }
                Value::List(items)
            }
            Event::MappingStart(..) => {
                let mut entries = Vec::new();
                loop {
                    let (event, key_line) = self.next()?;
                    let key = match event {
                        Event::MappingEnd => break,
                        Event::Scalar(text, ..) => text.into_owned(),
                        _ => {
                            return Err(SyntaxError::new(
                                u64::from(key_line),
                                "invalid-document",
                                "mapping keys must be plain names",
                            ));
                        }
                    };
                    let (event, value_line) = self.next()?;
                    entries.push((key, key_line, self.node(event, value_line, depth + 1)?));
                }
                Value::Map(entries)
            }
            Event::Alias(_) => {
                return Err(SyntaxError::new(
                    u64::from(line),
                    "invalid-yaml",
                    "aliases (*name) are not supported in an import: write the value out",
                ));
            }
            other => {
                return Err(SyntaxError::new(
                    u64::from(line),
                    "invalid-yaml",
                    format!("unexpected {other:?}"),
                ));
            }
        };
        if self.stop.get().is_some() {
            // The decoder stopped: what follows is not the document, whatever the parser made of it.
            return Err(SyntaxError::new(u64::from(line), "invalid-utf8", ""));
        }
        Ok(Node { line, value })
    }
}

fn into_owned(event: Event<'_>) -> Event<'static> {
    use std::borrow::Cow;
    match event {
        Event::Scalar(text, style, anchor, tag) => Event::Scalar(
            Cow::Owned(text.into_owned()),
            style,
            anchor,
            tag.map(|t| Cow::Owned(t.into_owned())),
        ),
        Event::SequenceStart(anchor, tag) => {
            Event::SequenceStart(anchor, tag.map(|t| Cow::Owned(t.into_owned())))
        }
        Event::MappingStart(anchor, tag) => {
            Event::MappingStart(anchor, tag.map(|t| Cow::Owned(t.into_owned())))
        }
        Event::Nothing => Event::Nothing,
        Event::StreamStart => Event::StreamStart,
        Event::StreamEnd => Event::StreamEnd,
        Event::DocumentStart(explicit) => Event::DocumentStart(explicit),
        Event::DocumentEnd => Event::DocumentEnd,
        Event::Alias(id) => Event::Alias(id),
        Event::SequenceEnd => Event::SequenceEnd,
        Event::MappingEnd => Event::MappingEnd,
    }
}

/// A plain scalar that YAML reads as null.
pub fn is_null(text: &str) -> bool {
    matches!(text, "" | "~" | "null" | "Null" | "NULL")
}

/// Counts the newlines read so far, so that nodes built while serde_json reads can carry their line.
struct LineCounter<R> {
    inner: R,
    newlines: Rc<Cell<u64>>,
}

impl<R: Read> Read for LineCounter<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let newlines = buf[..n].iter().filter(|&&b| b == b'\n').count() as u64;
        if newlines > 0 {
            self.newlines.set(self.newlines.get() + newlines);
        }
        Ok(n)
    }
}

/// Streams a JSON export document to `visit`, like [`read_yaml`].
pub fn read_json(reader: impl BufRead, visit: &mut dyn FnMut(Top)) -> ReadOutcome {
    let newlines = Rc::new(Cell::new(0));
    let counter = LineCounter {
        inner: reader,
        newlines: newlines.clone(),
    };
    let mut deserializer = serde_json::Deserializer::from_reader(counter);
    let seed = DocumentSeed {
        visit,
        newlines: newlines.clone(),
    };
    let outcome = seed
        .deserialize(&mut deserializer)
        .and_then(|()| deserializer.end());
    match outcome {
        Ok(()) => Ok(Ok(())),
        Err(e) if e.is_io() => Err(e).context("cannot read the input"),
        Err(e) => {
            let text = e.to_string();
            let message = text
                .rsplit_once(" at line ")
                .map_or(text.as_str(), |(message, _)| message)
                .to_string();
            let code = if message.contains("unicode") || message.contains("UTF-8") {
                "invalid-utf8"
            } else if e.is_data() {
                "invalid-document"
            } else {
                "invalid-json"
            };
            Ok(Err(SyntaxError::new(e.line() as u64, code, message)))
        }
    }
}

struct DocumentSeed<'v> {
    visit: &'v mut dyn FnMut(Top),
    newlines: Rc<Cell<u64>>,
}

impl<'de> DeserializeSeed<'de> for DocumentSeed<'_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for DocumentSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an export document: an object with `version` and `accounts`")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            let line = self.newlines.get() as u32 + 1;
            match key.as_str() {
                "version" => {
                    let node = map.next_value_seed(NodeSeed {
                        newlines: &self.newlines,
                        depth: 0,
                    })?;
                    (self.visit)(Top::Version(node));
                }
                "accounts" => map.next_value_seed(AccountsSeed {
                    visit: &mut *self.visit,
                    newlines: &self.newlines,
                })?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                    (self.visit)(Top::Unknown { key, line });
                }
            }
        }
        Ok(())
    }
}

struct AccountsSeed<'a> {
    visit: &'a mut dyn FnMut(Top),
    newlines: &'a Rc<Cell<u64>>,
}

impl<'de> DeserializeSeed<'de> for AccountsSeed<'_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for AccountsSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("`accounts`: a list of accounts")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(node) = seq.next_element_seed(NodeSeed {
            newlines: self.newlines,
            depth: 0,
        })? {
            (self.visit)(Top::Account(node));
        }
        Ok(())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
}

/// Builds a [`Node`]; serde_json has read the value's first byte when a `visit_*` method runs, so the
/// newlines counted so far give its line.
#[derive(Clone, Copy)]
struct NodeSeed<'a> {
    newlines: &'a Rc<Cell<u64>>,
    depth: usize,
}

impl NodeSeed<'_> {
    fn line(&self) -> u32 {
        self.newlines.get() as u32 + 1
    }

    fn scalar(&self, text: String, plain: bool) -> Node {
        Node {
            line: self.line(),
            value: Value::Scalar { text, plain },
        }
    }
}

impl<'de> DeserializeSeed<'de> for NodeSeed<'_> {
    type Value = Node;
    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Node, D::Error> {
        if self.depth > MAX_DEPTH {
            return Err(de::Error::custom("values are nested too deeply"));
        }
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for NodeSeed<'_> {
    type Value = Node;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Node, E> {
        Ok(self.scalar(v.to_string(), true))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Node, E> {
        Ok(self.scalar(v.to_string(), true))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Node, E> {
        Ok(self.scalar(v.to_string(), true))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Node, E> {
        Ok(self.scalar(v.to_string(), true))
    }
    fn visit_str<E>(self, v: &str) -> Result<Node, E> {
        Ok(self.scalar(v.to_string(), false))
    }
    fn visit_string<E>(self, v: String) -> Result<Node, E> {
        Ok(self.scalar(v, false))
    }
    fn visit_unit<E>(self) -> Result<Node, E> {
        Ok(self.scalar("null".to_string(), true))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let line = self.line();
        let inner = NodeSeed {
            depth: self.depth + 1,
            ..self
        };
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(inner)? {
            items.push(item);
        }
        Ok(Node {
            line,
            value: Value::List(items),
        })
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let line = self.line();
        let inner = NodeSeed {
            depth: self.depth + 1,
            ..self
        };
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            let key_line = self.line();
            entries.push((key, key_line, map.next_value_seed(inner)?));
        }
        Ok(Node {
            line,
            value: Value::Map(entries),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(
        read: fn(&[u8], &mut dyn FnMut(Top)) -> ReadOutcome,
        input: &str,
    ) -> (Vec<(String, u32)>, Result<(), SyntaxError>) {
        let mut seen = Vec::new();
        let outcome = read(input.as_bytes(), &mut |top| match top {
            Top::Version(node) => seen.push(("version".to_string(), node.line)),
            Top::Account(node) => seen.push(("account".to_string(), node.line)),
            Top::Unknown { key, line } => seen.push((key, line)),
        })
        .unwrap();
        (seen, outcome)
    }

    fn yaml(input: &[u8], visit: &mut dyn FnMut(Top)) -> ReadOutcome {
        read_yaml(input, visit)
    }

    fn json(input: &[u8], visit: &mut dyn FnMut(Top)) -> ReadOutcome {
        read_json(input, visit)
    }

    #[test]
    fn yaml_accounts_come_one_at_a_time_with_their_lines() {
        let (seen, outcome) = collect(
            yaml,
            "version: 1\naccounts:\n- id: a\n  name: A\n- id: b\nextra: 3\n",
        );
        assert_eq!(outcome, Ok(()));
        assert_eq!(
            seen,
            [
                ("version".to_string(), 1),
                ("account".to_string(), 3),
                ("account".to_string(), 5),
                ("extra".to_string(), 6)
            ]
        );
    }

    #[test]
    fn json_accounts_come_one_at_a_time_with_their_lines() {
        let (seen, outcome) = collect(
            json,
            "{\n  \"version\": 1,\n  \"accounts\": [\n    {\"id\": \"a\"},\n\n    {\"id\": \"b\"}\n  ]\n}\n",
        );
        assert_eq!(outcome, Ok(()));
        assert_eq!(
            seen,
            [
                ("version".to_string(), 2),
                ("account".to_string(), 4),
                ("account".to_string(), 6)
            ]
        );
    }

    #[test]
    fn scalars_keep_whether_they_were_quoted() {
        let mut nodes = Vec::new();
        read_yaml(
            &b"version: 1\naccounts:\n- {a: null, b: 'null', c: +1650, d: !!str true}\n"[..],
            &mut |top| {
                if let Top::Account(node) = top {
                    nodes.push(node)
                }
            },
        )
        .unwrap()
        .unwrap();
        let Value::Map(entries) = &nodes[0].value else {
            panic!("not a map")
        };
        let plain: Vec<bool> = entries
            .iter()
            .map(|(_, _, n)| matches!(n.value, Value::Scalar { plain: true, .. }))
            .collect();
        assert_eq!(plain, [true, false, true, false]);
    }

    #[test]
    fn broken_input_is_reported_at_its_line() {
        let (_, outcome) = collect(yaml, "version: 1\naccounts:\n- id: a\n  name: [\n");
        assert_eq!(outcome.unwrap_err().code, "invalid-yaml");
        let (_, outcome) = collect(json, "{\"version\": 1,\n\"accounts\": [\n{\"id\": }\n]}");
        let error = outcome.unwrap_err();
        assert_eq!((error.line, error.code), (3, "invalid-json"));
        let (_, outcome) = collect(yaml, "- just\n- a list\n");
        assert_eq!(outcome.unwrap_err().code, "invalid-document");
        let (_, outcome) = collect(yaml, "version: 1\naccounts:\n- &x {id: a}\n- *x\n");
        assert_eq!(outcome.unwrap_err().code, "invalid-yaml");
    }

    #[test]
    fn invalid_utf8_is_reported_at_its_line() {
        let mut input = b"version: 1\naccounts:\n- id: a\n  name: ".to_vec();
        input.extend_from_slice(b"caf\xe9\n");
        let outcome = read_yaml(&input[..], &mut |_| {}).unwrap();
        let error = outcome.unwrap_err();
        assert_eq!((error.line, error.code), (4, "invalid-utf8"));
        let outcome = read_json(
            &b"{\"version\": 1,\n\"accounts\": [{\"id\": \"caf\xe9\"}]}"[..],
            &mut |_| {},
        );
        assert_eq!(outcome.unwrap().unwrap_err().code, "invalid-utf8");
    }

    #[test]
    fn a_character_split_across_reads_is_decoded() {
        let text = "version: 1\naccounts:\n- id: a\n  name: Bücher\n";
        let reader = io::BufReader::with_capacity(1, text.as_bytes());
        let mut names = Vec::new();
        read_yaml(reader, &mut |top| {
            if let Top::Account(Node {
                value: Value::Map(entries),
                ..
            }) = top
            {
                names.push(entries[1].2.clone());
            }
        })
        .unwrap()
        .unwrap();
        assert_eq!(
            names[0].value,
            Value::Scalar {
                text: "Bücher".into(),
                plain: true
            }
        );
    }
}
