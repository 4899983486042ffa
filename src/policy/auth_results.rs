//! Parses `Authentication-Results` header values (RFC 8601) and condenses the ones written
//! by our own trusted MTA into an SPF/DKIM/DMARC summary; every other header is ignored.

use std::fmt;
use std::str::FromStr;

/// Real headers (Gmail with ARC, Microsoft 365) stay well under 2 KiB; the bound
/// keeps a hostile header from costing more than a trivial amount of work.
pub const MAX_HEADER_LEN: usize = 8192;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AuthResult {
    Pass,
    Fail,
    Softfail,
    Neutral,
    None,
    Temperror,
    Permerror,
    Policy,
}

impl AuthResult {
    #[must_use]
    pub fn as_str(&self) -> &'static str {
        match self {
            AuthResult::Pass => "pass",
            AuthResult::Fail => "fail",
            AuthResult::Softfail => "softfail",
            AuthResult::Neutral => "neutral",
            AuthResult::None => "none",
            AuthResult::Temperror => "temperror",
            AuthResult::Permerror => "permerror",
            AuthResult::Policy => "policy",
        }
    }
}

impl fmt::Display for AuthResult {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A result word that is not one of the RFC 8601 result values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownAuthResult {
    pub word: String,
}

impl fmt::Display for UnknownAuthResult {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown authentication result {:?}", self.word)
    }
}

impl std::error::Error for UnknownAuthResult {}

impl FromStr for AuthResult {
    type Err = UnknownAuthResult;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        const WORDS: [(&str, AuthResult); 9] = [
            ("pass", AuthResult::Pass),
            ("fail", AuthResult::Fail),
            // RFC 5451 era SPF wording; same meaning as fail.
            ("hardfail", AuthResult::Fail),
            ("softfail", AuthResult::Softfail),
            ("neutral", AuthResult::Neutral),
            ("none", AuthResult::None),
            ("temperror", AuthResult::Temperror),
            ("permerror", AuthResult::Permerror),
            ("policy", AuthResult::Policy),
        ];
        WORDS
            .iter()
            .find(|(word, _)| word.eq_ignore_ascii_case(s))
            .map(|&(_, result)| result)
            .ok_or_else(|| UnknownAuthResult { word: s.to_owned() })
    }
}

/// One `method=result ...` clause.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MethodResult {
    /// Lowercased, without any `/version` suffix.
    pub method: String,
    /// Lowercased, as written (may be a word outside [`AuthResult`]).
    pub result: String,
    pub reason: Option<String>,
    /// `(ptype.property lowercased, value)`; Microsoft's dotless `action=none` keeps just `action`.
    pub properties: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthenticationResults {
    /// Lowercased (ASCII only). Empty when the header has none, as Microsoft 365 writes
    /// them; such headers are parsed for display but [`summarize`] never trusts them.
    pub authserv_id: String,
    pub version: Option<u32>,
    pub results: Vec<MethodResult>,
}

/// The delimiter that was opened but never closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unclosed {
    QuotedString,
    Comment,
}

/// Why a header value was rejected. Every `position` is a byte offset into the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthResultsError {
    Empty,
    TooLong { len: usize, max: usize },
    ControlChar { position: usize, ch: char },
    Unterminated { what: Unclosed, position: usize },
    BadVersion { position: usize },
    Syntax { expected: &'static str, position: usize },
}

impl fmt::Display for AuthResultsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AuthResultsError::Empty => write!(f, "Authentication-Results value is empty"),
            AuthResultsError::TooLong { len, max } => write!(
                f,
                "Authentication-Results value is {len} bytes long, the limit is {max}"
            ),
            AuthResultsError::ControlChar { position, ch } => {
                write!(f, "control character U+{:04X} at byte {position}", u32::from(*ch))
            }
            AuthResultsError::Unterminated { what, position } => {
                let what = match what {
                    Unclosed::QuotedString => "quoted string",
                    Unclosed::Comment => "comment",
                };
                write!(f, "unterminated {what} starting at byte {position}")
            }
            AuthResultsError::BadVersion { position } => {
                write!(f, "version number at byte {position} is out of range")
            }
            AuthResultsError::Syntax { expected, position } => {
                write!(f, "expected {expected} at byte {position}")
            }
        }
    }
}

impl std::error::Error for AuthResultsError {}

/// Parses one header value (without the `Authentication-Results:` field name).
///
/// # Errors
/// Any syntax error, including in a single resinfo, rejects the whole header: a
/// half-read header could drop the one result that mattered.
pub fn parse_authentication_results(header_value: &str) -> Result<AuthenticationResults, AuthResultsError> {
    if header_value.len() > MAX_HEADER_LEN {
        return Err(AuthResultsError::TooLong {
            len: header_value.len(),
            max: MAX_HEADER_LEN,
        });
    }
    let mut c = Cursor {
        chars: unfold(header_value)?,
        i: 0,
        end: header_value.len(),
    };
    c.skip_cfws()?;
    if c.peek().is_none() {
        return Err(AuthResultsError::Empty);
    }

    let mut results = Vec::new();
    let mut version = None;
    let mut no_result = false;
    let authserv_id = if c.looks_like_method() {
        // Microsoft 365 omits the authserv-id and starts with the first resinfo. A token
        // cannot contain '=', so this reading is unambiguous.
        results.push(parse_resinfo(&mut c)?);
        String::new()
    } else {
        let position = c.pos();
        let id = if c.peek() == Some('"') {
            c.quoted_string()?
        } else {
            c.run(is_token_char)
        };
        if id.is_empty() {
            return Err(AuthResultsError::Syntax {
                expected: "authserv-id",
                position,
            });
        }
        let had_space = c.skip_cfws()?;
        if had_space && c.peek().is_some_and(|ch| ch.is_ascii_digit()) {
            version = Some(c.number()?);
            c.skip_cfws()?;
        }
        no_result = c.try_none()?;
        id.to_ascii_lowercase()
    };

    loop {
        c.skip_cfws()?;
        match c.peek() {
            None => break,
            Some(';') => c.i += 1,
            Some(_) => {
                return Err(AuthResultsError::Syntax {
                    expected: "';' or end of header",
                    position: c.pos(),
                });
            }
        }
        c.skip_cfws()?;
        // Empty clauses (`;;`, trailing `;`) carry no claim, so they are skipped, not fatal.
        if matches!(c.peek(), None | Some(';')) {
            continue;
        }
        if results.is_empty() && !no_result && c.try_none()? {
            no_result = true;
            continue;
        }
        if no_result {
            return Err(AuthResultsError::Syntax {
                expected: "end of header after \"none\"",
                position: c.pos(),
            });
        }
        results.push(parse_resinfo(&mut c)?);
    }

    if results.is_empty() && !no_result {
        return Err(AuthResultsError::Syntax {
            expected: "\"; method=result\" or \"none\"",
            position: c.pos(),
        });
    }
    Ok(AuthenticationResults {
        authserv_id,
        version,
        results,
    })
}

/// Results for the three methods xmfax cares about; `None` means no trusted result was seen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct AuthSummary {
    pub spf: Option<AuthResult>,
    pub dkim: Option<AuthResult>,
    pub dmarc: Option<AuthResult>,
}

/// Combine the headers whose authserv-id equals `trusted_authserv_id` (case-insensitive); all
/// others are ignored because the sender could have forged them.
///
/// SPF and DMARC report the first non-pass result if any trusted result is not a pass, so
/// a forged extra header cannot upgrade a failure. DKIM is a pass if any trusted signature
/// passed (several signatures are normal), else the first DKIM result. Unknown result words
/// count as `Permerror`. This relies on the MTA removing inbound headers that carry its own
/// authserv-id (RFC 8601 section 5); nothing in a message can prove which MTA wrote a header.
#[must_use]
pub fn summarize<'a>(
    headers: impl IntoIterator<Item = &'a AuthenticationResults>,
    trusted_authserv_id: &str,
) -> AuthSummary {
    let trusted = trusted_authserv_id.trim();
    if trusted.is_empty() {
        return AuthSummary::default();
    }
    let mut spf = Conservative::default();
    let mut dmarc = Conservative::default();
    let mut dkim_any_pass = false;
    let mut dkim_first = None;
    // ASCII-only folding: Unicode lowercasing maps e.g. KELVIN SIGN onto 'k', which
    // would let a look-alike authserv-id match the trusted one.
    let trusted_headers = headers
        .into_iter()
        .filter(|h| !h.authserv_id.is_empty() && h.authserv_id.eq_ignore_ascii_case(trusted));
    for header in trusted_headers {
        for r in &header.results {
            let result = r.result.parse().unwrap_or(AuthResult::Permerror);
            match r.method.as_str() {
                "spf" => spf.add(result),
                "dmarc" => dmarc.add(result),
                "dkim" => {
                    dkim_any_pass |= result == AuthResult::Pass;
                    dkim_first.get_or_insert(result);
                }
                _ => {}
            }
        }
    }
    AuthSummary {
        spf: spf.finish(),
        dkim: if dkim_any_pass {
            Some(AuthResult::Pass)
        } else {
            dkim_first
        },
        dmarc: dmarc.finish(),
    }
}

/// What a result is about: the domain it authenticated (SPF: `smtp.mailfrom`, else `smtp.helo`; DKIM:
/// `header.d`, else the domain of `header.i`; DMARC: `header.from`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    /// Stated for the sender's own domain (the command line's `--spf`, `--dkim`, `--dmarc`).
    Sender,
    /// The domain the verifier named, as written.
    Domain(String),
    /// The result names no domain.
    Unknown,
}

/// One result of a trusted header, with the domain it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    pub result: AuthResult,
    pub subject: Subject,
}

/// Every SPF, DKIM and DMARC result of the headers written under our authserv-id, in order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Claims {
    pub spf: Vec<Claim>,
    pub dkim: Vec<Claim>,
    pub dmarc: Vec<Claim>,
}

/// The results of the headers whose authserv-id equals `trusted_authserv_id` (ASCII case-insensitive),
/// each with its domain. Unknown result words count as `Permerror`. Headers of any other authserv-id,
/// or of none, are ignored: the sender could have forged them.
#[must_use]
pub fn trusted_claims<'a>(
    headers: impl IntoIterator<Item = &'a AuthenticationResults>,
    trusted_authserv_id: &str,
) -> Claims {
    let trusted = trusted_authserv_id.trim();
    let mut claims = Claims::default();
    if trusted.is_empty() {
        return claims;
    }
    let ours = headers
        .into_iter()
        .filter(|h| !h.authserv_id.is_empty() && h.authserv_id.eq_ignore_ascii_case(trusted));
    for header in ours {
        for r in &header.results {
            let result = r.result.parse().unwrap_or(AuthResult::Permerror);
            let (list, subject) = match r.method.as_str() {
                "spf" => (&mut claims.spf, spf_subject(r)),
                "dkim" => (&mut claims.dkim, dkim_subject(r)),
                "dmarc" => (&mut claims.dmarc, named(r.property("header.from"))),
                _ => continue,
            };
            list.push(Claim { result, subject });
        }
    }
    claims
}

impl MethodResult {
    /// The first value of a property (`ptype.property`, lower case).
    pub fn property(&self, name: &str) -> Option<&str> {
        self.properties
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }
}

fn named(domain: Option<&str>) -> Subject {
    match domain.map(str::trim) {
        Some(domain) if !domain.is_empty() => Subject::Domain(domain.to_owned()),
        _ => Subject::Unknown,
    }
}

/// The domain part of an address (after the last `@`), or the value itself when it is a domain.
fn address_domain(value: &str) -> &str {
    let value = value.trim();
    let value = value
        .strip_prefix('<')
        .and_then(|v| v.strip_suffix('>'))
        .unwrap_or(value);
    value.rsplit_once('@').map_or(value, |(_, domain)| domain)
}

/// SPF is about the `smtp.mailfrom` domain; for the null sender (absent, empty or `<>`), the HELO.
fn spf_subject(result: &MethodResult) -> Subject {
    match result.property("smtp.mailfrom").map(address_domain) {
        Some(domain) if !domain.is_empty() => Subject::Domain(domain.to_owned()),
        _ => named(result.property("smtp.helo")),
    }
}

/// DKIM is about the signing domain `header.d`, else the domain of the identity `header.i`.
fn dkim_subject(result: &MethodResult) -> Subject {
    match result.property("header.d") {
        Some(domain) if !domain.trim().is_empty() => named(Some(domain)),
        _ => named(result.property("header.i").map(address_domain)),
    }
}

#[derive(Default)]
struct Conservative {
    first_non_pass: Option<AuthResult>,
    saw_pass: bool,
}

impl Conservative {
    fn add(&mut self, result: AuthResult) {
        if result == AuthResult::Pass {
            self.saw_pass = true;
        } else {
            self.first_non_pass.get_or_insert(result);
        }
    }

    fn finish(&self) -> Option<AuthResult> {
        self.first_non_pass.or(self.saw_pass.then_some(AuthResult::Pass))
    }
}

fn parse_resinfo(c: &mut Cursor) -> Result<MethodResult, AuthResultsError> {
    let method = c.keyword().ok_or(AuthResultsError::Syntax {
        expected: "method name",
        position: c.pos(),
    })?;
    c.skip_cfws()?;
    if c.eat('/') {
        c.skip_cfws()?;
        if !c.peek().is_some_and(|ch| ch.is_ascii_digit()) {
            return Err(AuthResultsError::Syntax {
                expected: "method version number",
                position: c.pos(),
            });
        }
        c.number()?;
        c.skip_cfws()?;
    }
    c.require('=', "'=' after method name")?;
    c.skip_cfws()?;
    let result = c.keyword().ok_or(AuthResultsError::Syntax {
        expected: "result keyword",
        position: c.pos(),
    })?;

    let mut reason = None;
    let mut properties = Vec::new();
    loop {
        let had_space = c.skip_cfws()?;
        if matches!(c.peek(), None | Some(';')) {
            break;
        }
        if !had_space {
            return Err(AuthResultsError::Syntax {
                expected: "whitespace, ';' or end of header",
                position: c.pos(),
            });
        }
        let mut name = c.keyword().ok_or(AuthResultsError::Syntax {
            expected: "property name",
            position: c.pos(),
        })?;
        c.skip_cfws()?;
        if c.eat('.') {
            c.skip_cfws()?;
            let property = c.keyword().ok_or(AuthResultsError::Syntax {
                expected: "property name after '.'",
                position: c.pos(),
            })?;
            name.push('.');
            name.push_str(&property);
            c.skip_cfws()?;
        }
        c.require('=', "'=' after property name")?;
        c.skip_cfws()?;
        let position = c.pos();
        let value = c.value()?.ok_or(AuthResultsError::Syntax {
            expected: "property value",
            position,
        })?;
        if name == "reason" && reason.is_none() {
            reason = Some(value);
        } else {
            properties.push((name, value));
        }
    }
    Ok(MethodResult {
        method,
        result,
        reason,
        properties,
    })
}

/// RFC 2045 token characters (no tspecials), used for the authserv-id.
fn is_token_char(c: char) -> bool {
    c.is_ascii_graphic() && !"()<>@,;:\\\"/[]?=".contains(c)
}

/// RFC 5321 Ldh-str, plus '_' which some MTAs use in method and property names.
fn is_keyword_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '_'
}

/// Deliberately wider than RFC 8601's pvalue: real DKIM `header.b=` values contain
/// '/' and '=', and the caller only displays them.
fn is_value_char(c: char) -> bool {
    !matches!(c, ' ' | '\t' | ';' | '(' | ')' | '"')
}

/// Removes folding (CRLF or LF followed by WSP; mail libraries often hand over LF-only
/// text) and rejects any other control character.
fn unfold(input: &str) -> Result<Vec<(usize, char)>, AuthResultsError> {
    let mut out = Vec::with_capacity(input.len());
    let mut iter = input.char_indices().peekable();
    while let Some((pos, ch)) = iter.next() {
        if ch == '\r' || ch == '\n' {
            if ch == '\r' && matches!(iter.peek(), Some(&(_, '\n'))) {
                iter.next();
            }
            if matches!(iter.peek(), Some(&(_, ' ' | '\t'))) {
                continue;
            }
            return Err(AuthResultsError::ControlChar { position: pos, ch });
        }
        if ch != '\t' && ch.is_control() {
            return Err(AuthResultsError::ControlChar { position: pos, ch });
        }
        out.push((pos, ch));
    }
    Ok(out)
}

struct Cursor {
    chars: Vec<(usize, char)>,
    i: usize,
    end: usize,
}

impl Cursor {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.i).map(|&(_, c)| c)
    }

    fn pos(&self) -> usize {
        self.chars.get(self.i).map_or(self.end, |&(p, _)| p)
    }

    fn eat(&mut self, want: char) -> bool {
        if self.peek() == Some(want) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    fn require(&mut self, want: char, expected: &'static str) -> Result<(), AuthResultsError> {
        if self.eat(want) {
            Ok(())
        } else {
            Err(AuthResultsError::Syntax {
                expected,
                position: self.pos(),
            })
        }
    }

    fn run(&mut self, pred: fn(char) -> bool) -> String {
        let start = self.i;
        while self.peek().is_some_and(pred) {
            self.i += 1;
        }
        self.chars[start..self.i].iter().map(|&(_, c)| c).collect()
    }

    fn keyword(&mut self) -> Option<String> {
        let word = self.run(is_keyword_char);
        (!word.is_empty()).then(|| word.to_ascii_lowercase())
    }

    fn number(&mut self) -> Result<u32, AuthResultsError> {
        let position = self.pos();
        self.run(|c| c.is_ascii_digit())
            .parse()
            .map_err(|_| AuthResultsError::BadVersion { position })
    }

    /// Skips whitespace and (nested) comments; reports whether anything was skipped.
    fn skip_cfws(&mut self) -> Result<bool, AuthResultsError> {
        let start = self.i;
        loop {
            match self.peek() {
                Some(' ' | '\t') => self.i += 1,
                Some('(') => self.skip_comment()?,
                _ => return Ok(self.i != start),
            }
        }
    }

    /// A counter instead of recursion: nesting depth is attacker-controlled.
    fn skip_comment(&mut self) -> Result<(), AuthResultsError> {
        let position = self.pos();
        let mut depth = 0usize;
        while let Some(c) = self.peek() {
            self.i += 1;
            match c {
                '(' => depth += 1,
                ')' => {
                    depth -= 1;
                    if depth == 0 {
                        return Ok(());
                    }
                }
                '\\' => self.i += 1,
                _ => {}
            }
        }
        Err(AuthResultsError::Unterminated {
            what: Unclosed::Comment,
            position,
        })
    }

    fn quoted_string(&mut self) -> Result<String, AuthResultsError> {
        let position = self.pos();
        let mut out = String::new();
        self.i += 1;
        while let Some(c) = self.peek() {
            self.i += 1;
            match c {
                '"' => return Ok(out),
                '\\' => {
                    if let Some(escaped) = self.peek() {
                        out.push(escaped);
                        self.i += 1;
                    }
                }
                _ => out.push(c),
            }
        }
        Err(AuthResultsError::Unterminated {
            what: Unclosed::QuotedString,
            position,
        })
    }

    /// A property or reason value: a quoted string, a quoted local part followed by
    /// `@domain` (kept raw), or a run of value characters. `None` if nothing is there.
    fn value(&mut self) -> Result<Option<String>, AuthResultsError> {
        if self.peek() != Some('"') {
            let text = self.run(is_value_char);
            return Ok((!text.is_empty()).then_some(text));
        }
        let start = self.i;
        let content = self.quoted_string()?;
        if self.peek() == Some('@') {
            let quoted_end = self.i;
            let rest = self.run(is_value_char);
            let mut raw: String = self.chars[start..quoted_end].iter().map(|&(_, c)| c).collect();
            raw.push_str(&rest);
            return Ok(Some(raw));
        }
        Ok(Some(content))
    }

    /// True when the cursor is at `keyword [CFWS] ("=" / "/")`, i.e. a resinfo.
    fn looks_like_method(&mut self) -> bool {
        let start = self.i;
        let is_method =
            self.keyword().is_some() && self.skip_cfws().is_ok() && matches!(self.peek(), Some('=' | '/'));
        self.i = start;
        is_method
    }

    /// Consumes a `none` no-result marker if one is here (and not a method called "none").
    fn try_none(&mut self) -> Result<bool, AuthResultsError> {
        let start = self.i;
        if self.keyword().as_deref() == Some("none") {
            self.skip_cfws()?;
            if matches!(self.peek(), None | Some(';')) {
                return Ok(true);
            }
        }
        self.i = start;
        Ok(false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn parse(v: &str) -> AuthenticationResults {
        match parse_authentication_results(v) {
            Ok(r) => r,
            Err(e) => panic!("{v:?} should parse, got {e}"),
        }
    }

    /// `(method, result)` pairs, the most useful view for table tests.
    fn pairs(r: &AuthenticationResults) -> Vec<(&str, &str)> {
        r.results
            .iter()
            .map(|m| (m.method.as_str(), m.result.as_str()))
            .collect()
    }

    fn property<'a>(m: &'a MethodResult, name: &str) -> Option<&'a str> {
        m.properties
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    #[test]
    fn auth_result_from_str() {
        let cases = [
            ("pass", AuthResult::Pass),
            ("PASS", AuthResult::Pass),
            ("Fail", AuthResult::Fail),
            ("hardfail", AuthResult::Fail),
            ("HardFail", AuthResult::Fail),
            ("softfail", AuthResult::Softfail),
            ("neutral", AuthResult::Neutral),
            ("none", AuthResult::None),
            ("TempError", AuthResult::Temperror),
            ("permerror", AuthResult::Permerror),
            ("policy", AuthResult::Policy),
        ];
        for (word, expected) in cases {
            assert_eq!(word.parse::<AuthResult>(), Ok(expected), "{word}");
            assert_eq!(expected.as_str(), expected.as_str().to_ascii_lowercase());
            assert_eq!(expected.as_str().parse::<AuthResult>(), Ok(expected));
        }
        for word in ["", "passed", "bestguesspass", "pass ", "error"] {
            assert_eq!(
                word.parse::<AuthResult>(),
                Err(UnknownAuthResult {
                    word: word.to_owned()
                })
            );
        }
    }

    #[test]
    fn rfc8601_appendix_examples() {
        let r = parse("example.org 1; none");
        assert_eq!(r.authserv_id, "example.org");
        assert_eq!(r.version, Some(1));
        assert!(r.results.is_empty());

        let r = parse("example.com; spf=pass smtp.mailfrom=example.net");
        assert_eq!(pairs(&r), [("spf", "pass")]);
        assert_eq!(property(&r.results[0], "smtp.mailfrom"), Some("example.net"));

        let r = parse(
            "example.com;\r\n          auth=pass (cram-md5) smtp.auth=sender@example.net;\r\n          spf=pass smtp.mailfrom=example.net",
        );
        assert_eq!(pairs(&r), [("auth", "pass"), ("spf", "pass")]);
        assert_eq!(property(&r.results[0], "smtp.auth"), Some("sender@example.net"));

        let r = parse("example.com; iprev=pass\r\n          policy.iprev=192.0.2.200");
        assert_eq!(property(&r.results[0], "policy.iprev"), Some("192.0.2.200"));

        let r = parse(
            "example.com;\r\n          sender-id=fail header.from=example.com;\r\n          dkim=pass (good signature) header.d=example.com",
        );
        assert_eq!(pairs(&r), [("sender-id", "fail"), ("dkim", "pass")]);

        let r = parse(
            "mail-router.example.net;\r\n          dkim=pass (good signature) header.d=newyork.example.com\r\n                header.b=oINEO8hg;\r\n          dkim=fail (bad signature) header.d=mail-router.example.net\r\n                header.b=EToRSuvU",
        );
        assert_eq!(pairs(&r), [("dkim", "pass"), ("dkim", "fail")]);
        assert_eq!(property(&r.results[1], "header.b"), Some("EToRSuvU"));

        let r = parse(
            "example.com;\r\n          dkim=pass reason=\"good signature\"\r\n            header.i=@mail-router.example.net;\r\n          dkim=fail reason=\"bad signature\"\r\n            header.i=@newyork.example.com",
        );
        assert_eq!(r.results[0].reason.as_deref(), Some("good signature"));
        assert_eq!(r.results[1].reason.as_deref(), Some("bad signature"));
        assert_eq!(property(&r.results[1], "header.i"), Some("@newyork.example.com"));
    }

    #[test]
    fn gmail_header() {
        let r = parse(
            "mx.google.com;\r\n       dkim=pass header.i=@example.com header.s=20230601 header.b=Ab+cD/eF;\r\n       arc=pass (i=1 spf=pass spfdomain=example.com dkim=pass dkdomain=example.com dmarc=pass fromdomain=example.com);\r\n       spf=pass (google.com: domain of user@example.com designates 2a00:1450:4864:20::12f as permitted sender) smtp.mailfrom=user@example.com;\r\n       dmarc=pass (p=REJECT sp=REJECT dis=NONE) header.from=example.com",
        );
        assert_eq!(r.authserv_id, "mx.google.com");
        assert_eq!(
            pairs(&r),
            [
                ("dkim", "pass"),
                ("arc", "pass"),
                ("spf", "pass"),
                ("dmarc", "pass")
            ]
        );
        assert_eq!(property(&r.results[0], "header.b"), Some("Ab+cD/eF"));
        assert_eq!(property(&r.results[3], "header.from"), Some("example.com"));
        let s = summarize([&r], "MX.Google.com");
        assert_eq!(
            s,
            AuthSummary {
                spf: Some(AuthResult::Pass),
                dkim: Some(AuthResult::Pass),
                dmarc: Some(AuthResult::Pass)
            }
        );
    }

    #[test]
    fn microsoft365_header_without_authserv_id() {
        let r = parse(
            "spf=pass (sender IP is 1.2.3.4) smtp.mailfrom=contoso.com; dkim=pass (signature was verified) header.d=contoso.com;dmarc=pass action=none header.from=contoso.com;compauth=pass reason=100",
        );
        assert_eq!(r.authserv_id, "");
        assert_eq!(
            pairs(&r),
            [
                ("spf", "pass"),
                ("dkim", "pass"),
                ("dmarc", "pass"),
                ("compauth", "pass")
            ]
        );
        assert_eq!(property(&r.results[2], "action"), Some("none"));
        assert_eq!(r.results[3].reason.as_deref(), Some("100"));
        // No authserv-id means nobody vouches for it, even with an empty trusted id.
        assert_eq!(summarize([&r], ""), AuthSummary::default());
        assert_eq!(summarize([&r], "contoso.com"), AuthSummary::default());

        let r = parse(
            "spf=softfail (sender IP is 203.0.113.9)\r\n smtp.mailfrom=example.com; dkim=none (message not signed)\r\n header.d=none;dmarc=bestguesspass action=none\r\n header.from=example.com;",
        );
        assert_eq!(
            pairs(&r),
            [("spf", "softfail"), ("dkim", "none"), ("dmarc", "bestguesspass")]
        );
    }

    #[test]
    fn postfix_opendkim_opendmarc_headers() {
        let r = parse(
            "mail.example.org;\n\tdkim=pass (2048-bit key; unprotected) header.d=example.com header.i=@example.com header.a=rsa-sha256 header.s=sel1 header.b=AbCd1234",
        );
        assert_eq!(pairs(&r), [("dkim", "pass")]);
        assert_eq!(property(&r.results[0], "header.a"), Some("rsa-sha256"));
        let r = parse("mail.example.org; dmarc=pass (p=none dis=none) header.from=example.com");
        assert_eq!(pairs(&r), [("dmarc", "pass")]);
        let r = parse(
            "mail.example.org; spf=pass (sender SPF authorized) smtp.mailfrom=a.com (client-ip=203.0.113.5; helo=mx.a.com; envelope-from=bounce@a.com; receiver=<UNKNOWN>)",
        );
        assert_eq!(pairs(&r), [("spf", "pass")]);
        assert_eq!(property(&r.results[0], "smtp.mailfrom"), Some("a.com"));
        let r = parse(
            "mail.example.org; spf=none smtp.helo=mx.a.com; dkim=none; dmarc=fail (p=reject dis=reject) header.from=a.com",
        );
        assert_eq!(pairs(&r), [("spf", "none"), ("dkim", "none"), ("dmarc", "fail")]);
    }

    #[test]
    fn syntax_variants() {
        // Quoted authserv-id, version, method version, comments everywhere, case.
        let r = parse("\"My MTA\" 2 ; DKIM/1 = Pass (x) Header . D = Example.COM ;");
        assert_eq!(r.authserv_id, "my mta");
        assert_eq!(r.version, Some(2));
        assert_eq!(pairs(&r), [("dkim", "pass")]);
        assert_eq!(
            r.results[0].properties,
            [("header.d".to_owned(), "Example.COM".to_owned())]
        );
        let r = parse("(c) example.com (c) ; (c) spf (c) = (c) pass (c) smtp.mailfrom (c) = (c) a.com (c)");
        assert_eq!(pairs(&r), [("spf", "pass")]);
        assert_eq!(property(&r.results[0], "smtp.mailfrom"), Some("a.com"));
        let r = parse("example.com none");
        assert!(r.results.is_empty());
        let r = parse("example.com; none;");
        assert!(r.results.is_empty());
        let r = parse("example.com; spf=pass;; dkim=fail;");
        assert_eq!(pairs(&r), [("spf", "pass"), ("dkim", "fail")]);
        let r = parse("example.com; none=pass");
        assert_eq!(pairs(&r), [("none", "pass")]);
        let r = parse("example.com; spf=pass smtp.mailfrom=\"a b\"@example.com");
        assert_eq!(
            property(&r.results[0], "smtp.mailfrom"),
            Some("\"a b\"@example.com")
        );
        let r = parse("example.com; dkim=pass header.b=\"ab\\\"c\"");
        assert_eq!(property(&r.results[0], "header.b"), Some("ab\"c"));
        let r = parse("example.com; spf=pass(comment)smtp.mailfrom=a.com(comment)");
        assert_eq!(property(&r.results[0], "smtp.mailfrom"), Some("a.com"));
        let r = parse("example.com; spf=pass (a ; comment (with \\) nesting) ; here) smtp.mailfrom=a.com");
        assert_eq!(property(&r.results[0], "smtp.mailfrom"), Some("a.com"));
    }

    #[test]
    fn rejects_broken_headers() {
        use AuthResultsError as E;
        let cases: Vec<(String, E)> = vec![
            (String::new(), E::Empty),
            ("  (only a comment) ".into(), E::Empty),
            (
                "example.com".into(),
                E::Syntax {
                    expected: "\"; method=result\" or \"none\"",
                    position: 11,
                },
            ),
            (
                "; spf=pass".into(),
                E::Syntax {
                    expected: "authserv-id",
                    position: 0,
                },
            ),
            (
                "example.com; spf".into(),
                E::Syntax {
                    expected: "'=' after method name",
                    position: 16,
                },
            ),
            (
                "example.com; spf=".into(),
                E::Syntax {
                    expected: "result keyword",
                    position: 17,
                },
            ),
            (
                "example.com; =pass".into(),
                E::Syntax {
                    expected: "method name",
                    position: 13,
                },
            ),
            (
                "example.com; spf=pass smtp.mailfrom".into(),
                E::Syntax {
                    expected: "'=' after property name",
                    position: 35,
                },
            ),
            (
                "example.com; spf=pass smtp.mailfrom=".into(),
                E::Syntax {
                    expected: "property value",
                    position: 36,
                },
            ),
            (
                "example.com; spf=pass smtp.=a.com".into(),
                E::Syntax {
                    expected: "property name after '.'",
                    position: 27,
                },
            ),
            (
                "example.com; spf=pass garbage here".into(),
                E::Syntax {
                    expected: "'=' after property name",
                    position: 30,
                },
            ),
            (
                "example.com; spf=pass \"x\"".into(),
                E::Syntax {
                    expected: "property name",
                    position: 22,
                },
            ),
            (
                "example.com; spf/=pass".into(),
                E::Syntax {
                    expected: "method version number",
                    position: 17,
                },
            ),
            (
                "example.com; none; spf=pass".into(),
                E::Syntax {
                    expected: "end of header after \"none\"",
                    position: 19,
                },
            ),
            (
                "example.com; spf=pass; none".into(),
                E::Syntax {
                    expected: "'=' after method name",
                    position: 27,
                },
            ),
            (
                "example.com 99999999999; none".into(),
                E::BadVersion { position: 12 },
            ),
            (
                "example.com; spf=pass (unclosed".into(),
                E::Unterminated {
                    what: Unclosed::Comment,
                    position: 22,
                },
            ),
            (
                "example.com; dkim=pass reason=\"open".into(),
                E::Unterminated {
                    what: Unclosed::QuotedString,
                    position: 30,
                },
            ),
            (
                "example.com; spf=pass\r\nX-Injected: 1".into(),
                E::ControlChar {
                    position: 21,
                    ch: '\r',
                },
            ),
            (
                "example.com; spf=pass\0".into(),
                E::ControlChar {
                    position: 21,
                    ch: '\0',
                },
            ),
            (
                "a".repeat(MAX_HEADER_LEN + 1),
                E::TooLong {
                    len: MAX_HEADER_LEN + 1,
                    max: MAX_HEADER_LEN,
                },
            ),
        ];
        for (input, expected) in cases {
            assert_eq!(
                parse_authentication_results(&input),
                Err(expected),
                "input {input:?}"
            );
        }
    }

    #[test]
    fn summarize_trusts_only_our_authserv_id() {
        // KELVIN SIGN lowercases to 'k' under Unicode rules.
        let lookalike = parse("\"mx.\u{212a}fax.example\"; spf=pass; dkim=pass; dmarc=pass");
        let other = parse("mx.google.com; spf=pass; dkim=pass; dmarc=pass");
        let suffixed = parse("mx.kfax.example.evil; spf=pass; dkim=pass; dmarc=pass");
        let ours = parse("MX.KFAX.EXAMPLE; spf=fail smtp.mailfrom=a.com; dkim=fail; dmarc=fail");
        let s = summarize([&other, &ours, &lookalike, &suffixed], "mx.kfax.example");
        assert_eq!(
            s,
            AuthSummary {
                spf: Some(AuthResult::Fail),
                dkim: Some(AuthResult::Fail),
                dmarc: Some(AuthResult::Fail)
            }
        );
        assert_eq!(
            summarize([&lookalike, &other, &suffixed], "mx.kfax.example"),
            AuthSummary::default()
        );
        assert_eq!(summarize([&ours], "  "), AuthSummary::default());
        assert_eq!(summarize(Vec::new(), "mx.kfax.example"), AuthSummary::default());
    }

    #[test]
    fn summarize_combination_rules() {
        let a = parse("mx.ours; spf=pass; dkim=fail; dmarc=pass; dkim=pass; arc=fail; iprev=fail");
        let b = parse("mx.ours; spf=softfail; dmarc=pass; dkim=temperror");
        let s = summarize([&a, &b], "mx.ours");
        assert_eq!(s.spf, Some(AuthResult::Softfail));
        assert_eq!(s.dkim, Some(AuthResult::Pass));
        assert_eq!(s.dmarc, Some(AuthResult::Pass));

        let c = parse("mx.ours; dkim=neutral; dkim=fail; spf=hardfail; spf=none");
        let s = summarize([&c], "mx.ours");
        assert_eq!(s.dkim, Some(AuthResult::Neutral));
        assert_eq!(s.spf, Some(AuthResult::Fail));
        assert_eq!(s.dmarc, None);

        // Unknown words never become a pass, and do not hide behind a later pass.
        let d = parse("mx.ours; dmarc=bestguesspass; dmarc=pass; spf=weird; dkim=whatever");
        let s = summarize([&d], "mx.ours");
        assert_eq!(s.dmarc, Some(AuthResult::Permerror));
        assert_eq!(s.spf, Some(AuthResult::Permerror));
        assert_eq!(s.dkim, Some(AuthResult::Permerror));

        let e = parse("mx.ours 1; none");
        assert_eq!(summarize([&e], "mx.ours"), AuthSummary::default());
    }

    #[test]
    fn errors_have_messages() {
        let e = parse_authentication_results("example.com; spf").err();
        assert_eq!(
            e.map(|e| e.to_string()).as_deref(),
            Some("expected '=' after method name at byte 16")
        );
    }

    fn tricky_char() -> impl Strategy<Value = char> {
        prop::sample::select(vec![
            'a', 's', 'p', 'f', '1', '.', '=', ';', '"', '\\', '(', ')', '/', '@', ' ', '\t', '\r', '\n',
            '\0', 'é',
        ])
    }

    proptest! {
        #[test]
        fn never_panics_on_any_string(s in "\\PC*") {
            let _ = parse_authentication_results(&s);
        }

        #[test]
        fn never_panics_on_any_chars(chars in prop::collection::vec(any::<char>(), 0..600)) {
            let s: String = chars.into_iter().collect();
            let _ = parse_authentication_results(&s);
        }

        #[test]
        fn never_panics_on_tricky_strings(chars in prop::collection::vec(tricky_char(), 0..400)) {
            let s: String = chars.into_iter().collect();
            if let Ok(r) = parse_authentication_results(&s) {
                let _ = summarize([&r], "a");
            }
        }

        #[test]
        fn never_panics_on_long_input(unit in "[a=;.( )\"\\\\]{1,4}", n in 1000usize..3000) {
            let _ = parse_authentication_results(&unit.repeat(n));
        }

        #[test]
        fn untrusted_headers_never_change_summary(
            id in "[a-z]{1,8}\\.example",
            result in "(pass|fail|none|softfail|bogus)",
        ) {
            let ours = parse(&format!("mx.ours; spf={result}; dkim={result}; dmarc={result}"));
            let theirs = parse(&format!("{id}; spf=pass; dkim=pass; dmarc=pass"));
            prop_assert_eq!(summarize([&ours, &theirs], "mx.ours"), summarize([&ours], "mx.ours"));
        }

        #[test]
        fn case_of_keywords_does_not_matter(
            method in "(spf|dkim|dmarc)",
            result in "(pass|fail|softfail|neutral|none|temperror|permerror|policy)",
        ) {
            let lower = parse(&format!("mx.ours; {method}={result} smtp.mailfrom=a.com"));
            let upper = parse(&format!("MX.OURS; {}={} SMTP.MAILFROM=a.com", method.to_uppercase(), result.to_uppercase()));
            prop_assert_eq!(lower, upper);
        }
    }
}
