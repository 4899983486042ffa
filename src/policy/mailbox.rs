//! Parses exactly one RFC 5322 mailbox (`local@domain` or `Name <local@domain>`).
//! Owns syntax only: the domain comes back as written and the caller normalizes it (IDNA, case).

use std::fmt;

/// Longer input is rejected before any parsing work, so hostile headers cost nothing.
pub const MAX_MAILBOX_LEN: usize = 4096;

/// One parsed mailbox. `display_name` is informational and never feeds `local_part`/`domain`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mailbox {
    pub display_name: Option<String>,
    /// Canonical form: bare dot-atom when possible, otherwise a minimally escaped quoted string.
    pub local_part: String,
    /// As written (comments and whitespace removed), not lowercased or IDNA-normalized.
    pub domain: String,
}

/// The delimiter that was opened but never closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delimiter {
    Quote,
    Comment,
    AngleBracket,
}

/// Why a mailbox was rejected. Every `position` is a byte offset into the original input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MailboxError {
    Empty,
    TooLong { len: usize, max: usize },
    ControlChar { position: usize, ch: char },
    Unterminated { delimiter: Delimiter, position: usize },
    UnexpectedChar { position: usize, ch: char },
    NoAtSign,
    EmptyLocalPart,
    EmptyDomain,
    MultipleAtSigns { position: usize },
    DomainLiteral { position: usize },
    MultipleMailboxes { position: usize },
    Group { position: usize },
    TrailingCharacters { position: usize },
    InvalidLocalPart { position: usize, reason: &'static str },
    InvalidDomain { position: usize, reason: &'static str },
    InvalidDisplayName { position: usize, reason: &'static str },
}

impl fmt::Display for Delimiter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Delimiter::Quote => "quoted string",
            Delimiter::Comment => "comment",
            Delimiter::AngleBracket => "angle bracket",
        })
    }
}

impl fmt::Display for MailboxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MailboxError::Empty => write!(f, "address is empty"),
            MailboxError::TooLong { len, max } => {
                write!(f, "address is {len} bytes long, the limit is {max}")
            }
            MailboxError::ControlChar { position, ch } => {
                write!(f, "control character U+{:04X} at byte {position}", u32::from(*ch))
            }
            MailboxError::Unterminated { delimiter, position } => {
                write!(f, "unterminated {delimiter} starting at byte {position}")
            }
            MailboxError::UnexpectedChar { position, ch } => {
                write!(f, "unexpected character {ch:?} at byte {position}")
            }
            MailboxError::NoAtSign => write!(f, "address has no '@'"),
            MailboxError::EmptyLocalPart => write!(f, "address has an empty local part"),
            MailboxError::EmptyDomain => write!(f, "address has an empty domain"),
            MailboxError::MultipleAtSigns { position } => {
                write!(f, "second unquoted '@' at byte {position}")
            }
            MailboxError::DomainLiteral { position } => write!(
                f,
                "domain literal at byte {position} is not accepted, a domain name is required"
            ),
            MailboxError::MultipleMailboxes { position } => write!(
                f,
                "more than one mailbox (separator at byte {position}), exactly one is required"
            ),
            MailboxError::Group { position } => write!(
                f,
                "group syntax (':' at byte {position}) is not accepted, exactly one mailbox is required"
            ),
            MailboxError::TrailingCharacters { position } => {
                write!(f, "unexpected text after the address at byte {position}")
            }
            MailboxError::InvalidLocalPart { position, reason } => {
                write!(f, "invalid local part at byte {position}: {reason}")
            }
            MailboxError::InvalidDomain { position, reason } => {
                write!(f, "invalid domain at byte {position}: {reason}")
            }
            MailboxError::InvalidDisplayName { position, reason } => {
                write!(f, "invalid display name at byte {position}: {reason}")
            }
        }
    }
}

impl std::error::Error for MailboxError {}

/// Parses exactly one mailbox: `local@domain` or `[phrase] <local@domain>`, with
/// comments and folding whitespace allowed where RFC 5322 allows CFWS.
///
/// # Errors
/// Returns the first problem found; nothing is repaired or guessed, because a lenient
/// guess is exactly where two parsers start to disagree about the sender.
pub fn parse_mailbox(input: &str) -> Result<Mailbox, MailboxError> {
    if input.len() > MAX_MAILBOX_LEN {
        return Err(MailboxError::TooLong {
            len: input.len(),
            max: MAX_MAILBOX_LEN,
        });
    }
    if let Some(mailbox) = plain_addr_spec(input) {
        return Ok(mailbox);
    }
    parse_tokens(input)
}

/// The common shape `local@domain` with nothing to unfold, quote, skip or escape: read directly.
/// The result is exactly what the full parser gives (a property test checks it); anything else,
/// including every error, goes through the full parser.
fn plain_addr_spec(input: &str) -> Option<Mailbox> {
    let (local, domain) = input.split_once('@')?;
    let plain =
        |text: &str| !text.is_empty() && text.bytes().all(|b| b.is_ascii() && is_atom_char(char::from(b)));
    if !plain(local) || !plain(domain) || dot_atom_problem(local).is_some() {
        return None;
    }
    let body = match domain.strip_suffix('.') {
        Some(body) if !body.is_empty() => body,
        _ => domain,
    };
    if dot_atom_problem(body).is_some() {
        return None;
    }
    Some(Mailbox {
        display_name: None,
        local_part: local.to_owned(),
        domain: domain.to_owned(),
    })
}

fn parse_tokens(input: &str) -> Result<Mailbox, MailboxError> {
    let chars = unfold(input)?;
    let tokens = lex(&chars)?;
    if tokens.is_empty() {
        return Err(MailboxError::Empty);
    }
    // List and group syntax are refused up front so that no later rule can pick
    // "one of several" addresses and let a second one ride along.
    if let Some(comma) = tokens.iter().find(|t| t.is_special(',')) {
        return Err(MailboxError::MultipleMailboxes { position: comma.pos });
    }
    if let Some(colon) = tokens.iter().position(|t| t.is_special(':'))
        && tokens[..colon].iter().all(Token::is_word)
    {
        return Err(MailboxError::Group {
            position: tokens[colon].pos,
        });
    }

    match tokens.iter().position(|t| t.is_special('<')) {
        Some(lt) => {
            let display_name = display_name(&tokens[..lt])?;
            let gt = tokens[lt + 1..]
                .iter()
                .position(|t| t.is_special('>'))
                .map(|offset| lt + 1 + offset)
                .ok_or(MailboxError::Unterminated {
                    delimiter: Delimiter::AngleBracket,
                    position: tokens[lt].pos,
                })?;
            let (local_part, domain) = addr_spec(&tokens[lt + 1..gt])?;
            if let Some(extra) = tokens.get(gt + 1) {
                return Err(MailboxError::TrailingCharacters { position: extra.pos });
            }
            Ok(Mailbox {
                display_name,
                local_part,
                domain,
            })
        }
        None => {
            let (local_part, domain) = addr_spec(&tokens)?;
            Ok(Mailbox {
                display_name: None,
                local_part,
                domain,
            })
        }
    }
}

#[derive(Debug)]
enum Tok {
    Atom(String),
    Quoted(String),
    Special(char),
}

#[derive(Debug)]
struct Token {
    tok: Tok,
    pos: usize,
    /// Whether whitespace or a comment preceded this token; only the display name cares.
    space_before: bool,
}

impl Token {
    fn is_special(&self, c: char) -> bool {
        matches!(self.tok, Tok::Special(s) if s == c)
    }

    fn is_word(&self) -> bool {
        matches!(self.tok, Tok::Atom(_) | Tok::Quoted(_))
    }
}

/// RFC 5322 atext plus '.', extended to non-ASCII per RFC 6532. For ASCII this is
/// exactly the set the domain may use, so one token kind serves both sides of '@'.
fn is_atom_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c)
    } else {
        // Unicode whitespace would let a domain look like two words to a human.
        !c.is_whitespace() && !c.is_control()
    }
}

/// Removes folding (CRLF followed by WSP) and rejects every other control
/// character, remembering each char's byte offset for error messages.
fn unfold(input: &str) -> Result<Vec<(usize, char)>, MailboxError> {
    let mut out = Vec::with_capacity(input.len());
    let mut iter = input.char_indices().peekable();
    while let Some((pos, ch)) = iter.next() {
        if ch == '\r' {
            // A bare CR or LF could end the header and start a new one downstream.
            if matches!(iter.peek(), Some(&(_, '\n'))) {
                iter.next();
                if matches!(iter.peek(), Some(&(_, ' ' | '\t'))) {
                    continue;
                }
            }
            return Err(MailboxError::ControlChar { position: pos, ch });
        }
        if ch != '\t' && ch.is_control() {
            return Err(MailboxError::ControlChar { position: pos, ch });
        }
        out.push((pos, ch));
    }
    Ok(out)
}

fn lex(chars: &[(usize, char)]) -> Result<Vec<Token>, MailboxError> {
    let mut tokens = Vec::new();
    let mut i = 0;
    let mut space_before = false;
    while let Some(&(pos, c)) = chars.get(i) {
        match c {
            ' ' | '\t' => {
                space_before = true;
                i += 1;
            }
            '(' => {
                i = skip_comment(chars, i)?;
                space_before = true;
            }
            '"' => {
                let (content, next) = quoted_string(chars, i)?;
                tokens.push(Token {
                    tok: Tok::Quoted(content),
                    pos,
                    space_before,
                });
                space_before = false;
                i = next;
            }
            '<' | '>' | '@' | ',' | ';' | ':' | '[' | ']' => {
                tokens.push(Token {
                    tok: Tok::Special(c),
                    pos,
                    space_before,
                });
                space_before = false;
                i += 1;
            }
            c if is_atom_char(c) => {
                let start = i;
                while chars.get(i).is_some_and(|&(_, c)| is_atom_char(c)) {
                    i += 1;
                }
                let text: String = chars[start..i].iter().map(|&(_, c)| c).collect();
                tokens.push(Token {
                    tok: Tok::Atom(text),
                    pos,
                    space_before,
                });
                space_before = false;
            }
            _ => {
                return Err(MailboxError::UnexpectedChar { position: pos, ch: c });
            }
        }
    }
    Ok(tokens)
}

/// Returns the index just past the comment that starts at `start`. Nesting is
/// tracked with a counter rather than recursion so deep nesting cannot overflow the stack.
fn skip_comment(chars: &[(usize, char)], start: usize) -> Result<usize, MailboxError> {
    let mut depth = 0usize;
    let mut i = start;
    while let Some(&(_, c)) = chars.get(i) {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return Ok(i + 1);
                }
            }
            '\\' => i += 1,
            _ => {}
        }
        i += 1;
    }
    Err(MailboxError::Unterminated {
        delimiter: Delimiter::Comment,
        position: chars[start].0,
    })
}

/// Returns the unescaped content and the index just past the closing quote.
fn quoted_string(chars: &[(usize, char)], start: usize) -> Result<(String, usize), MailboxError> {
    let mut content = String::new();
    let mut i = start + 1;
    while let Some(&(_, c)) = chars.get(i) {
        match c {
            '"' => return Ok((content, i + 1)),
            '\\' => match chars.get(i + 1) {
                Some(&(_, escaped)) => {
                    content.push(escaped);
                    i += 2;
                }
                None => break,
            },
            _ => {
                content.push(c);
                i += 1;
            }
        }
    }
    Err(MailboxError::Unterminated {
        delimiter: Delimiter::Quote,
        position: chars[start].0,
    })
}

fn addr_spec(tokens: &[Token]) -> Result<(String, String), MailboxError> {
    let mut ats = tokens.iter().enumerate().filter(|(_, t)| t.is_special('@'));
    let Some((at, _)) = ats.next() else {
        return Err(MailboxError::NoAtSign);
    };
    // Only an unquoted '@' counts here, so `"a@b"@c` has exactly one and its domain is `c`.
    if let Some((_, second)) = ats.next() {
        return Err(MailboxError::MultipleAtSigns { position: second.pos });
    }
    let local_part = local_part(&tokens[..at])?;
    let domain = domain(&tokens[at + 1..])?;
    Ok((local_part, domain))
}

fn local_part(tokens: &[Token]) -> Result<String, MailboxError> {
    let Some(first) = tokens.first() else {
        return Err(MailboxError::EmptyLocalPart);
    };
    for t in tokens {
        if let Tok::Special(ch) = t.tok {
            return Err(MailboxError::UnexpectedChar { position: t.pos, ch });
        }
    }
    // obs-local-part (`"a".b`, `a . b`) is deliberately refused: one strict form
    // leaves no room for two parsers to disagree about where the address is.
    if let Some(second) = tokens.get(1) {
        return Err(MailboxError::InvalidLocalPart {
            position: second.pos,
            reason: "must be a single dot-atom or quoted string",
        });
    }
    match &first.tok {
        Tok::Atom(text) => {
            dot_atom_problem(text).map_or(Ok(()), |reason| {
                Err(MailboxError::InvalidLocalPart {
                    position: first.pos,
                    reason,
                })
            })?;
            Ok(text.clone())
        }
        Tok::Quoted(content) if content.is_empty() => Err(MailboxError::EmptyLocalPart),
        Tok::Quoted(content) => Ok(canonical_local_part(content)),
        Tok::Special(ch) => Err(MailboxError::UnexpectedChar {
            position: first.pos,
            ch: *ch,
        }),
    }
}

fn domain(tokens: &[Token]) -> Result<String, MailboxError> {
    let Some(first) = tokens.first() else {
        return Err(MailboxError::EmptyDomain);
    };
    let text = match &first.tok {
        Tok::Special('[') => {
            return Err(MailboxError::DomainLiteral { position: first.pos });
        }
        Tok::Special(ch) => {
            return Err(MailboxError::UnexpectedChar {
                position: first.pos,
                ch: *ch,
            });
        }
        Tok::Quoted(_) => {
            return Err(MailboxError::InvalidDomain {
                position: first.pos,
                reason: "a domain cannot be a quoted string",
            });
        }
        Tok::Atom(text) => text,
    };
    if let Some(extra) = tokens.get(1) {
        return Err(MailboxError::TrailingCharacters { position: extra.pos });
    }
    // One trailing dot is the absolute form of the same domain (`corp.com.` is `corp.com`): it
    // stays in the result and domain normalization strips it, so it can never change a verdict.
    let body = match text.strip_suffix('.') {
        Some(body) if !body.is_empty() => body,
        _ => text,
    };
    // Empty labels are never valid host names; refusing them here keeps
    // `a@.evil.com`-style oddities from reaching the normalizer at all.
    if let Some(reason) = dot_atom_problem(body) {
        return Err(MailboxError::InvalidDomain {
            position: first.pos,
            reason,
        });
    }
    Ok(text.clone())
}

fn dot_atom_problem(text: &str) -> Option<&'static str> {
    if text.starts_with('.') {
        Some("starts with a dot")
    } else if text.ends_with('.') {
        Some("ends with a dot")
    } else if text.contains("..") {
        Some("has consecutive dots")
    } else {
        None
    }
}

fn is_dot_atom(text: &str) -> bool {
    !text.is_empty() && text.chars().all(is_atom_char) && dot_atom_problem(text).is_none()
}

/// One spelling per address: `"bob"` and `bob` are the same mailbox, so
/// policy code comparing local parts must not see two different strings.
fn canonical_local_part(content: &str) -> String {
    if is_dot_atom(content) {
        return content.to_owned();
    }
    let mut out = String::with_capacity(content.len() + 2);
    out.push('"');
    for c in content.chars() {
        if c == '"' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

fn display_name(tokens: &[Token]) -> Result<Option<String>, MailboxError> {
    for t in tokens {
        match t.tok {
            Tok::Special('@') => {
                return Err(MailboxError::InvalidDisplayName {
                    position: t.pos,
                    reason: "unquoted '@' (quote the name if it contains an address)",
                });
            }
            Tok::Special(ch) => {
                return Err(MailboxError::UnexpectedChar { position: t.pos, ch });
            }
            Tok::Atom(_) | Tok::Quoted(_) => {}
        }
    }
    let mut name = String::new();
    let mut previous_was_encoded = false;
    for (index, t) in tokens.iter().enumerate() {
        let decoded = match &t.tok {
            Tok::Atom(text) => decode_encoded_word(text),
            Tok::Quoted(text) => decode_quoted_encoded_words(text),
            Tok::Special(_) => None,
        };
        let encoded = decoded.is_some();
        // RFC 2047 section 6.2: whitespace between adjacent encoded words is not part of the text.
        if index > 0 && t.space_before && !(encoded && previous_was_encoded) {
            name.push(' ');
        }
        match (decoded, &t.tok) {
            (Some(text), _) => name.push_str(&text),
            (None, Tok::Atom(text) | Tok::Quoted(text)) => name.push_str(text),
            (None, Tok::Special(_)) => {}
        }
        previous_was_encoded = encoded;
    }
    let trimmed = name.trim();
    Ok(if trimmed.is_empty() {
        None
    } else {
        Some(trimmed.to_owned())
    })
}

/// RFC 2047 forbids encoded words inside quotes, but common mailers emit them;
/// decoding is cosmetic here, so it is only done when the whole string is encoded words.
fn decode_quoted_encoded_words(content: &str) -> Option<String> {
    let mut out = String::new();
    let mut any = false;
    for word in content.split_ascii_whitespace() {
        out.push_str(&decode_encoded_word(word)?);
        any = true;
    }
    any.then_some(out)
}

/// Decodes one `=?charset[*lang]?B|Q?text?=` word; `None` means "show it raw".
fn decode_encoded_word(word: &str) -> Option<String> {
    let inner = word.strip_prefix("=?")?.strip_suffix("?=")?;
    let mut parts = inner.split('?');
    let charset = parts.next()?;
    let encoding = parts.next()?;
    let text = parts.next()?;
    if parts.next().is_some() {
        return None;
    }
    // RFC 2231 section 5 appends a language tag (`utf-8*en`) that does not affect decoding.
    let charset = charset.split('*').next()?;
    let bytes = if encoding.eq_ignore_ascii_case("b") {
        base64_decode(text)?
    } else if encoding.eq_ignore_ascii_case("q") {
        q_decode(text)?
    } else {
        return None;
    };
    let decoded = if charset.eq_ignore_ascii_case("utf-8") || charset.eq_ignore_ascii_case("utf8") {
        String::from_utf8(bytes).ok()?
    } else if charset.eq_ignore_ascii_case("us-ascii") {
        if !bytes.is_ascii() {
            return None;
        }
        String::from_utf8(bytes).ok()?
    } else if charset.eq_ignore_ascii_case("iso-8859-1") {
        bytes.iter().map(|&b| char::from(b)).collect()
    } else {
        return None;
    };
    // Encoded CR/LF/ESC would reach logs and terminals that trust the display name.
    if decoded.chars().any(char::is_control) {
        return None;
    }
    Some(decoded)
}

fn q_decode(text: &str) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'_' => out.push(b' '),
            b'=' => {
                let hi = hex_value(*bytes.get(i + 1)?)?;
                let lo = hex_value(*bytes.get(i + 2)?)?;
                out.push(hi << 4 | lo);
                i += 2;
            }
            0x21..=0x7e => out.push(b),
            _ => return None,
        }
        i += 1;
    }
    Some(out)
}

fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let data = text.trim_end_matches('=');
    if text.len() - data.len() > 2 || data.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(data.len() * 3 / 4);
    let mut acc: u32 = 0;
    let mut bits = 0u32;
    for b in data.bytes() {
        let value = match b {
            b'A'..=b'Z' => b - b'A',
            b'a'..=b'z' => b - b'a' + 26,
            b'0'..=b'9' => b - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(value);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push(((acc >> bits) & 0xff) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ok(input: &str) -> Mailbox {
        match parse_mailbox(input) {
            Ok(m) => m,
            Err(e) => panic!("{input:?} should parse, got {e}"),
        }
    }

    fn mb(name: Option<&str>, local: &str, domain: &str) -> Mailbox {
        Mailbox {
            display_name: name.map(str::to_owned),
            local_part: local.to_owned(),
            domain: domain.to_owned(),
        }
    }

    #[test]
    fn accepts_valid_mailboxes() {
        let cases: &[(&str, Option<&str>, &str, &str)] = &[
            ("bob@corp.com", None, "bob", "corp.com"),
            ("  bob@corp.com \t", None, "bob", "corp.com"),
            ("<a@b.com>", None, "a", "b.com"),
            ("  <a@b.com>  ", None, "a", "b.com"),
            ("Bob <bob@corp.com>", Some("Bob"), "bob", "corp.com"),
            ("Bob<bob@corp.com>", Some("Bob"), "bob", "corp.com"),
            (
                "Bob  Q  Smith <bob@corp.com>",
                Some("Bob Q Smith"),
                "bob",
                "corp.com",
            ),
            (
                "\"Smith, Bob\" <bob@corp.com>",
                Some("Smith, Bob"),
                "bob",
                "corp.com",
            ),
            (
                "\"Bob \\\"The Builder\\\"\" <bob@corp.com>",
                Some("Bob \"The Builder\""),
                "bob",
                "corp.com",
            ),
            ("Dr. Bob <bob@corp.com>", Some("Dr. Bob"), "bob", "corp.com"),
            ("\"\" <bob@corp.com>", None, "bob", "corp.com"),
            // Comments wherever CFWS may appear.
            ("bob(comment)@corp.com", None, "bob", "corp.com"),
            ("(c)bob@corp.com", None, "bob", "corp.com"),
            ("bob@(c)corp.com(c)", None, "bob", "corp.com"),
            ("bob @ corp.com", None, "bob", "corp.com"),
            ("Bob <bob@corp.com> (work)", Some("Bob"), "bob", "corp.com"),
            (
                "Bob (the (nested \\) one)) <bob@corp.com>",
                Some("Bob"),
                "bob",
                "corp.com",
            ),
            ("< bob@corp.com >", None, "bob", "corp.com"),
            // Quoted local parts and where the domain really starts.
            ("\"bob@corp.com\"@evil.com", None, "\"bob@corp.com\"", "evil.com"),
            ("\"bob\"@x.com", None, "bob", "x.com"),
            ("\"b\\ob\"@x.com", None, "bob", "x.com"),
            ("\"bob smith\"@x.com", None, "\"bob smith\"", "x.com"),
            ("\"a\\\"b\"@x.com", None, "\"a\\\"b\"", "x.com"),
            ("\"a\\\\b\"@x.com", None, "\"a\\\\b\"", "x.com"),
            ("\".bob\"@x.com", None, "\".bob\"", "x.com"),
            ("\"bob.smith\"@x.com", None, "bob.smith", "x.com"),
            // Display name never influences the address.
            (
                "\"bob@corp.com\" <eve@evil.com>",
                Some("bob@corp.com"),
                "eve",
                "evil.com",
            ),
            // atext specials and dots.
            (
                "o'brien+fax.1!#$%&*/=?^_`{|}~-@x.com",
                None,
                "o'brien+fax.1!#$%&*/=?^_`{|}~-",
                "x.com",
            ),
            // Non-ASCII is passed through unchanged for the caller to normalize.
            ("bob@bücher.example", None, "bob", "bücher.example"),
            ("jörg@bücher.example", None, "jörg", "bücher.example"),
            ("Bob@Corp.COM", None, "Bob", "Corp.COM"),
            // One trailing dot (the absolute form) is kept for the normalizer to strip.
            ("bob@corp.com.", None, "bob", "corp.com."),
            ("Bob <bob@corp.com.>", Some("Bob"), "bob", "corp.com."),
            // Folding whitespace is unfolded.
            ("Bob\r\n <bob@corp.com>", Some("Bob"), "bob", "corp.com"),
            ("Bob <bob@corp.com\r\n\t>", Some("Bob"), "bob", "corp.com"),
        ];
        for (input, name, local, domain) in cases {
            assert_eq!(ok(input), mb(*name, local, domain), "input {input:?}");
        }
    }

    #[test]
    fn decodes_encoded_words_in_display_name() {
        let cases: &[(&str, &str)] = &[
            ("=?UTF-8?B?SsO8cmdlbg==?= <j@x.com>", "Jürgen"),
            ("=?utf-8?Q?J=C3=BCrgen_M?= <j@x.com>", "Jürgen M"),
            ("=?utf-8?q?J=c3=bcrgen?= <j@x.com>", "Jürgen"),
            ("=?US-ASCII?Q?Keith_Moore?= <k@x.com>", "Keith Moore"),
            ("=?ISO-8859-1?Q?Andr=E9?= Pirard <a@x.com>", "André Pirard"),
            ("=?iso-8859-1?b?QW5kcuk=?= <a@x.com>", "André"),
            ("=?UTF-8*en?Q?Hello?= <a@x.com>", "Hello"),
            // Adjacent encoded words join without the separating space.
            ("=?UTF-8?Q?a?= =?UTF-8?Q?b?= <a@x.com>", "ab"),
            ("=?UTF-8?Q?a?= b =?UTF-8?Q?c?= <a@x.com>", "a b c"),
            ("\"=?UTF-8?B?SsO8cmdlbg==?=\" <j@x.com>", "Jürgen"),
            // Missing base64 padding is tolerated.
            ("=?UTF-8?B?SsO8cmdlbg?= <j@x.com>", "Jürgen"),
            // Failures keep the raw text rather than rejecting the mailbox.
            ("=?KOI8-R?Q?abc?= <a@x.com>", "=?KOI8-R?Q?abc?="),
            ("=?UTF-8?X?abc?= <a@x.com>", "=?UTF-8?X?abc?="),
            ("=?UTF-8?B?!!!!?= <a@x.com>", "=?UTF-8?B?!!!!?="),
            ("=?UTF-8?Q?=ZZ?= <a@x.com>", "=?UTF-8?Q?=ZZ?="),
            ("=?UTF-8?Q?=FF?= <a@x.com>", "=?UTF-8?Q?=FF?="),
            ("=?US-ASCII?Q?=E9?= <a@x.com>", "=?US-ASCII?Q?=E9?="),
            ("=?UTF-8?Q?a=0D=0Ab?= <a@x.com>", "=?UTF-8?Q?a=0D=0Ab?="),
            ("=?UTF-8?Q?abc <a@x.com>", "=?UTF-8?Q?abc"),
        ];
        for (input, name) in cases {
            assert_eq!(ok(input).display_name.as_deref(), Some(*name), "{input:?}");
        }
        // Even a decoded address-looking name cannot move the address.
        let m = ok("=?UTF-8?Q?bob=40corp.com?= <eve@evil.com>");
        assert_eq!(m.display_name.as_deref(), Some("bob@corp.com"));
        assert_eq!(m.domain, "evil.com");
    }

    #[test]
    fn rejects_malformed_input() {
        use MailboxError as E;
        let cases: Vec<(String, E)> = vec![
            (String::new(), E::Empty),
            ("   ".into(), E::Empty),
            ("(just a comment)".into(), E::Empty),
            ("bob".into(), E::NoAtSign),
            ("Bob <>".into(), E::NoAtSign),
            ("@corp.com".into(), E::EmptyLocalPart),
            ("\"\"@corp.com".into(), E::EmptyLocalPart),
            ("bob@".into(), E::EmptyDomain),
            ("<bob@>".into(), E::EmptyDomain),
            ("a@b@c.com".into(), E::MultipleAtSigns { position: 3 }),
            ("bob@[192.0.2.1]".into(), E::DomainLiteral { position: 4 }),
            ("bob@[IPv6:2001:db8::1]".into(), E::DomainLiteral { position: 4 }),
            ("a@x.com, b@y.com".into(), E::MultipleMailboxes { position: 7 }),
            (
                "Smith, Bob <bob@x.com>".into(),
                E::MultipleMailboxes { position: 5 },
            ),
            ("Bob <bob@x.com>,".into(), E::MultipleMailboxes { position: 15 }),
            (
                "A <a@x.com>, B <b@y.com>".into(),
                E::MultipleMailboxes { position: 11 },
            ),
            ("team: a@x.com;".into(), E::Group { position: 4 }),
            ("undisclosed-recipients:;".into(), E::Group { position: 22 }),
            (
                "\"bob@corp.com".into(),
                E::Unterminated {
                    delimiter: Delimiter::Quote,
                    position: 0,
                },
            ),
            (
                "bob(@corp.com".into(),
                E::Unterminated {
                    delimiter: Delimiter::Comment,
                    position: 3,
                },
            ),
            (
                "bob@corp.com (a (b)".into(),
                E::Unterminated {
                    delimiter: Delimiter::Comment,
                    position: 13,
                },
            ),
            (
                "Bob <bob@corp.com".into(),
                E::Unterminated {
                    delimiter: Delimiter::AngleBracket,
                    position: 4,
                },
            ),
            ("<a@b.com> junk".into(), E::TrailingCharacters { position: 10 }),
            ("a@b.com junk".into(), E::TrailingCharacters { position: 8 }),
            ("a@b.com>".into(), E::TrailingCharacters { position: 7 }),
            (
                "bob@corp.com <eve@evil.com>".into(),
                E::InvalidDisplayName {
                    position: 3,
                    reason: "unquoted '@' (quote the name if it contains an address)",
                },
            ),
            (
                "bob@co\0rp.com".into(),
                E::ControlChar {
                    position: 6,
                    ch: '\0',
                },
            ),
            (
                "bob@corp.com\r\n".into(),
                E::ControlChar {
                    position: 12,
                    ch: '\r',
                },
            ),
            (
                "bob@corp.com\n".into(),
                E::ControlChar {
                    position: 12,
                    ch: '\n',
                },
            ),
            (
                "Bob\n <b@c.com>".into(),
                E::ControlChar {
                    position: 3,
                    ch: '\n',
                },
            ),
            (
                "bob@corp.com\r\nBcc: x@y.com".into(),
                E::ControlChar {
                    position: 12,
                    ch: '\r',
                },
            ),
            (
                "\"a\x07\"@b.com".into(),
                E::ControlChar {
                    position: 2,
                    ch: '\x07',
                },
            ),
            (
                "a@b.com\u{85}".into(),
                E::ControlChar {
                    position: 7,
                    ch: '\u{85}',
                },
            ),
            (
                "bob\\@x.com".into(),
                E::UnexpectedChar {
                    position: 3,
                    ch: '\\',
                },
            ),
            ("bob)@x.com".into(), E::UnexpectedChar { position: 3, ch: ')' }),
            ("<<a@b.com>>".into(), E::UnexpectedChar { position: 1, ch: '<' }),
            (
                "Bob > <a@b.com>".into(),
                E::UnexpectedChar { position: 4, ch: '>' },
            ),
            (
                "bob smith@x.com".into(),
                E::InvalidLocalPart {
                    position: 4,
                    reason: "must be a single dot-atom or quoted string",
                },
            ),
            (
                "\"bob\".smith@x.com".into(),
                E::InvalidLocalPart {
                    position: 5,
                    reason: "must be a single dot-atom or quoted string",
                },
            ),
            (
                ".bob@x.com".into(),
                E::InvalidLocalPart {
                    position: 0,
                    reason: "starts with a dot",
                },
            ),
            (
                "bob.@x.com".into(),
                E::InvalidLocalPart {
                    position: 0,
                    reason: "ends with a dot",
                },
            ),
            (
                "bo..b@x.com".into(),
                E::InvalidLocalPart {
                    position: 0,
                    reason: "has consecutive dots",
                },
            ),
            (
                "bob@x..com".into(),
                E::InvalidDomain {
                    position: 4,
                    reason: "has consecutive dots",
                },
            ),
            (
                "bob@.x.com".into(),
                E::InvalidDomain {
                    position: 4,
                    reason: "starts with a dot",
                },
            ),
            (
                "bob@x.com..".into(),
                E::InvalidDomain {
                    position: 4,
                    reason: "ends with a dot",
                },
            ),
            (
                "bob@.".into(),
                E::InvalidDomain {
                    position: 4,
                    reason: "starts with a dot",
                },
            ),
            (
                "bob@\"x.com\"".into(),
                E::InvalidDomain {
                    position: 4,
                    reason: "a domain cannot be a quoted string",
                },
            ),
            (
                "bob@x\u{a0}.com".into(),
                E::UnexpectedChar {
                    position: 5,
                    ch: '\u{a0}',
                },
            ),
            ("bob@x;y.com".into(), E::TrailingCharacters { position: 5 }),
            ("bob@x:y.com".into(), E::TrailingCharacters { position: 5 }),
            (
                "x".repeat(MAX_MAILBOX_LEN + 1),
                E::TooLong {
                    len: MAX_MAILBOX_LEN + 1,
                    max: MAX_MAILBOX_LEN,
                },
            ),
        ];
        for (input, expected) in cases {
            assert_eq!(parse_mailbox(&input), Err(expected), "input {input:?}");
        }
    }

    #[test]
    fn long_but_allowed_input_parses() {
        let input = format!("{}@{}.com", "a".repeat(2000), "b".repeat(2000));
        assert!(input.len() <= MAX_MAILBOX_LEN);
        assert_eq!(ok(&input).domain.len(), 2004);
    }

    #[test]
    fn deep_comment_nesting_is_fine() {
        let depth = MAX_MAILBOX_LEN / 2 - 10;
        let input = format!("a@b.com{}{}", "(".repeat(depth), ")".repeat(depth));
        assert_eq!(ok(&input).domain, "b.com");
    }

    #[test]
    fn errors_have_messages() {
        let err = parse_mailbox("a@b@c.com").err();
        assert_eq!(
            err.map(|e| e.to_string()).as_deref(),
            Some("second unquoted '@' at byte 3")
        );
        let err = parse_mailbox("a\0@b").err();
        assert_eq!(
            err.map(|e| e.to_string()).as_deref(),
            Some("control character U+0000 at byte 1")
        );
    }

    fn tricky_char() -> impl Strategy<Value = char> {
        prop::sample::select(vec![
            'a', 'Z', '0', '.', '@', '"', '\\', '(', ')', '<', '>', '[', ']', ',', ';', ':', ' ', '\t', '\r',
            '\n', '\0', '=', '?', 'ü', '\u{a0}', '\u{85}',
        ])
    }

    fn atext_local() -> impl Strategy<Value = String> {
        "[a-zA-Z0-9!#$%&'*+/=?^_`{|}~-]{1,10}(\\.[a-zA-Z0-9!#$%&'*+/=?^_`{|}~-]{1,10}){0,3}"
    }

    fn simple_domain() -> impl Strategy<Value = String> {
        "[a-zA-Z0-9-]{1,12}(\\.[a-zA-Z0-9-]{1,12}){0,3}"
    }

    proptest! {
        #[test]
        fn never_panics_on_any_string(s in "\\PC*") {
            let _ = parse_mailbox(&s);
        }

        #[test]
        fn never_panics_on_any_chars(chars in prop::collection::vec(any::<char>(), 0..600)) {
            let s: String = chars.into_iter().collect();
            let _ = parse_mailbox(&s);
        }

        #[test]
        fn never_panics_on_tricky_strings(chars in prop::collection::vec(tricky_char(), 0..400)) {
            let s: String = chars.into_iter().collect();
            if let Ok(m) = parse_mailbox(&s) {
                prop_assert!(!m.domain.contains('@'));
                prop_assert!(!m.domain.is_empty());
                prop_assert!(!m.local_part.is_empty());
            }
        }

        #[test]
        fn never_panics_on_long_input(unit in "[\"()<>@a\\\\ ]{1,4}", n in 300usize..2000) {
            let _ = parse_mailbox(&unit.repeat(n));
        }

        #[test]
        fn the_plain_shortcut_agrees_with_the_full_parser(s in "[a-zA-Z0-9.@!#$%&'*+/=?^_`{|}~ \"(<-]{0,24}") {
            if let Some(plain) = plain_addr_spec(&s) {
                prop_assert_eq!(Ok(plain), parse_tokens(&s));
            }
        }

        #[test]
        fn plain_addresses_take_the_shortcut(local in atext_local(), domain in simple_domain(), dot in any::<bool>()) {
            let input = format!("{local}@{domain}{}", if dot { "." } else { "" });
            prop_assert!(plain_addr_spec(&input).is_some());
            prop_assert_eq!(parse_mailbox(&input), parse_tokens(&input));
        }

        #[test]
        fn domain_never_contains_at(s in "[a-z\"@()<>\\\\. ]{0,40}") {
            if let Ok(m) = parse_mailbox(&s) {
                prop_assert!(!m.domain.contains('@'));
            }
        }

        #[test]
        fn simple_addresses_round_trip(local in atext_local(), domain in simple_domain()) {
            let parsed = parse_mailbox(&format!("{local}@{domain}"));
            prop_assert_eq!(parsed, Ok(mb(None, &local, &domain)));
            let named = parse_mailbox(&format!("Some One <{local}@{domain}>"));
            prop_assert_eq!(named, Ok(mb(Some("Some One"), &local, &domain)));
        }

        #[test]
        fn canonical_local_part_reparses_to_itself(content in "[ -~]{1,20}", domain in simple_domain()) {
            let escaped = content.replace('\\', "\\\\").replace('"', "\\\"");
            let first = parse_mailbox(&format!("\"{escaped}\"@{domain}"));
            prop_assert!(first.is_ok());
            if let Ok(first) = first {
                let again = parse_mailbox(&format!("{}@{}", first.local_part, domain));
                prop_assert_eq!(again.map(|m| m.local_part), Ok(first.local_part.clone()));
            }
        }

        #[test]
        fn case_change_only_changes_case(s in "[a-zA-Z\"@()<>. =?]{0,30}") {
            let lower = parse_mailbox(&s.to_ascii_lowercase());
            let upper = parse_mailbox(&s.to_ascii_uppercase());
            prop_assert_eq!(lower.is_ok(), upper.is_ok());
            if let (Ok(l), Ok(u)) = (lower, upper) {
                prop_assert!(l.domain.eq_ignore_ascii_case(&u.domain));
                prop_assert!(l.local_part.eq_ignore_ascii_case(&u.local_part));
            }
        }

        #[test]
        fn case_change_on_valid_address(local in atext_local(), domain in simple_domain()) {
            let input = format!("\"Name\" <{local}@{domain}>");
            let lower = parse_mailbox(&input.to_ascii_lowercase());
            let upper = parse_mailbox(&input.to_ascii_uppercase());
            prop_assert_eq!(lower.map(|m| m.domain), Ok(domain.to_ascii_lowercase()));
            prop_assert_eq!(upper.map(|m| m.domain), Ok(domain.to_ascii_uppercase()));
        }
    }
}
