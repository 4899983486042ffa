//! Reads the top-most `Received` header (the one our own MTA wrote) for the connecting
//! client's IP and whether the hop used TLS. Never fails: unreadable means "unknown, no TLS".

use std::net::{IpAddr, Ipv6Addr};

/// Real Received headers are a few hundred bytes; past this nothing is read at all.
pub const MAX_HEADER_LEN: usize = 8192;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReceivedInfo {
    /// Bracketed IP from the `from` clause; `None` if absent or not a valid address.
    pub client_ip: Option<IpAddr>,
    pub tls: bool,
}

/// Registered "with" protocol values (RFC 3848, RFC 6531) that mean the hop was encrypted.
const TLS_PROTOCOLS: [&str; 8] = [
    "esmtps",
    "esmtpsa",
    "utf8smtps",
    "utf8smtpsa",
    "lmtps",
    "lmtpsa",
    "utf8lmtps",
    "utf8lmtpsa",
];

/// Parses one header value (without the `Received:` field name).
#[must_use]
pub fn parse_received(header_value: &str) -> ReceivedInfo {
    if header_value.len() > MAX_HEADER_LEN {
        return ReceivedInfo::default();
    }
    let Some(chars) = unfold(header_value) else {
        return ReceivedInfo::default();
    };
    let tokens = lex(&chars);

    // The MTA's own `by` is the last one: the client's HELO comes first and may itself hold words,
    // comments and brackets ("x (unknown [198.18.7.25]) by y"), but nothing the client sends comes
    // after the MTA's TCP-info comment.
    let from = matches!(tokens.first(), Some(Token::Word(w)) if w.eq_ignore_ascii_case("from"));
    let by = tokens
        .iter()
        .rposition(|t| matches!(t, Token::Word(w) if w.eq_ignore_ascii_case("by")));
    let (client_ip, tcp_info) = match by {
        Some(by) if from => client_address(&tokens[..by]),
        _ => (None, None),
    };
    ReceivedInfo {
        client_ip,
        tls: by.is_some_and(|by| uses_tls(&tokens, by, tcp_info)),
    }
}

/// The client address and the index of the MTA's TCP-info comment, from the tokens before `by`:
/// the last comment holding a bracketed address that is not a `helo=` comment (Postfix and Sendmail
/// `(reverse [ip])`, Exim `(host [ip] helo=…)`); without one, Exim's leading literal `from [ip] (helo=…)`.
fn client_address(from_clause: &[Token]) -> (Option<IpAddr>, Option<usize>) {
    let tcp_info = from_clause.iter().rposition(|t| match t {
        Token::Comment(text) => {
            !starts_with_ignore_case(text.trim_start(), "helo=") && first_tcp_info_literal(text).is_some()
        }
        Token::Word(_) => false,
    });
    let client_ip = match tcp_info.map(|i| &from_clause[i]) {
        Some(Token::Comment(text)) => first_tcp_info_literal(text).and_then(parse_ip_literal),
        _ => match from_clause.get(1) {
            Some(Token::Word(word)) => domain_literal(word).and_then(parse_ip_literal),
            _ => None,
        },
    };
    (client_ip, tcp_info)
}

#[derive(Debug)]
enum Token {
    Word(String),
    /// Raw text between the outermost parentheses, nested comments included.
    Comment(String),
}

/// TLS is read only from what the MTA wrote: the `with` protocol after its `by`, Exim's comment right
/// after that protocol, and annotation comments after the TCP-info comment (after `by` when there is
/// none). Everything before them is the client's HELO text.
fn uses_tls(tokens: &[Token], by: usize, tcp_info: Option<usize>) -> bool {
    let with = tokens
        .iter()
        .enumerate()
        .skip(by + 1)
        .find(|(_, t)| matches!(t, Token::Word(w) if w.eq_ignore_ascii_case("with")))
        .map(|(i, _)| i);
    if let Some(with) = with {
        if let Some(Token::Word(protocol)) = tokens.get(with + 1)
            && TLS_PROTOCOLS.iter().any(|p| p.eq_ignore_ascii_case(protocol))
        {
            return true;
        }
        // Exim: `with esmtp (TLS1.2)`; a bare "TLS" comment is only trusted in this slot.
        if let Some(Token::Comment(text)) = tokens.get(with + 2)
            && starts_with_ignore_case(text.trim_start(), "tls")
        {
            return true;
        }
    }
    // The prefixes below contain a space or '=', which a host name cannot.
    let after = tcp_info.unwrap_or(by);
    tokens.iter().skip(after + 1).any(|t| match t {
        Token::Comment(text) => {
            let text = text.trim_start();
            starts_with_ignore_case(text, "using tls") || starts_with_ignore_case(text, "version=tls")
        }
        Token::Word(_) => false,
    })
}

fn starts_with_ignore_case(text: &str, prefix: &str) -> bool {
    text.as_bytes()
        .get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// The first `[...]` in a TCP-info comment that is not a `key=[...]` value: Exim writes
/// `helo=[10.0.0.1]`, and that is whatever the client claimed. An unclosed bracket
/// yields `""` so the caller reports "unknown" instead of falling back to the HELO.
fn first_tcp_info_literal(comment: &str) -> Option<&str> {
    let mut previous = None;
    for (i, c) in comment.char_indices() {
        if c == '[' && previous.is_none_or(|p: char| p.is_whitespace() || p == '(') {
            let rest = &comment[i + 1..];
            return Some(rest.find(']').map_or("", |end| &rest[..end]));
        }
        previous = Some(c);
    }
    None
}

/// `[addr]` or `[addr]:port` as a whole word, returning the text inside the brackets.
fn domain_literal(word: &str) -> Option<&str> {
    let inner = word.strip_prefix('[')?;
    let end = inner.find(']')?;
    let after = &inner[end + 1..];
    let port_ok = after.is_empty()
        || after
            .strip_prefix(':')
            .is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    port_ok.then(|| &inner[..end])
}

fn parse_ip_literal(text: &str) -> Option<IpAddr> {
    // RFC 5321 tags IPv6 literals; Exim writes them bare, so both are accepted, but a
    // tagged literal must really be IPv6.
    match text.get(..5) {
        Some(tag) if tag.eq_ignore_ascii_case("ipv6:") => text[5..].parse::<Ipv6Addr>().ok().map(IpAddr::V6),
        _ => text.parse().ok(),
    }
}

/// Removes folding (CRLF or LF followed by WSP). Any other control character means the
/// value is not a header our MTA wrote, so the caller gets "unknown".
fn unfold(input: &str) -> Option<Vec<char>> {
    let mut out = Vec::with_capacity(input.len());
    let mut iter = input.chars().peekable();
    while let Some(ch) = iter.next() {
        if ch == '\r' || ch == '\n' {
            if ch == '\r' && iter.peek() == Some(&'\n') {
                iter.next();
            }
            if !matches!(iter.peek(), Some(' ' | '\t')) {
                return None;
            }
            out.push(' ');
            continue;
        }
        if ch != '\t' && ch.is_control() {
            return None;
        }
        out.push(ch);
    }
    Some(out)
}

/// Splits into words and top-level comments, stopping at the top-level ';' that
/// introduces the date: nothing after it belongs to any clause.
fn lex(chars: &[char]) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        match c {
            ';' => break,
            ' ' | '\t' | ')' => i += 1,
            '(' => {
                let start = i + 1;
                let mut depth = 0usize;
                // An unclosed comment simply runs to the end of the header.
                while let Some(&c) = chars.get(i) {
                    i += 1;
                    match c {
                        '(' => depth += 1,
                        ')' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        '\\' => i += 1,
                        _ => {}
                    }
                }
                let end = if depth == 0 { i - 1 } else { chars.len() };
                let text = chars.get(start..end).unwrap_or_default().iter().collect();
                tokens.push(Token::Comment(text));
            }
            _ => {
                let mut word = String::new();
                // Quoted strings (e.g. a local part in the `for` clause) may hold
                // '(' or ';' that must not start a comment or end the header.
                let mut in_quote = false;
                while let Some(&c) = chars.get(i) {
                    if !in_quote && matches!(c, ' ' | '\t' | '(' | ')' | ';') {
                        break;
                    }
                    match c {
                        '"' => in_quote = !in_quote,
                        '\\' if in_quote => {
                            word.push(c);
                            i += 1;
                            match chars.get(i) {
                                Some(&escaped) => word.push(escaped),
                                None => break,
                            }
                            i += 1;
                            continue;
                        }
                        _ => {}
                    }
                    word.push(c);
                    i += 1;
                }
                tokens.push(Token::Word(word));
            }
        }
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ip(s: &str) -> Option<IpAddr> {
        s.parse().ok()
    }

    #[test]
    fn client_ip_and_tls() {
        let cases: &[(&str, Option<&str>, bool)] = &[
            (
                "from mail.acme.com (mail.acme.com [203.0.113.5]) by mx.example with ESMTPS id 123; Tue, 1 Jul 2026 10:00:00 +0000",
                Some("203.0.113.5"),
                true,
            ),
            (
                "from [198.51.100.7] (helo=x) by mx.example with esmtp id 1",
                Some("198.51.100.7"),
                false,
            ),
            (
                "from x (x [IPv6:2001:db8::1]) by mx.example with SMTP id 1",
                Some("2001:db8::1"),
                false,
            ),
            (
                "from [2001:db8::5] (port=1234 helo=x)\r\n\tby mx.example with esmtpsa (TLS1.3) tls TLS_AES_256_GCM_SHA384\r\n\t(Exim 4.96) (envelope-from <a@b.com>) id 1abc; Tue, 1 Jul 2026",
                Some("2001:db8::5"),
                true,
            ),
            // Postfix puts the TLS comment in the from clause, after TCP-info.
            (
                "from mail.acme.com (mail.acme.com [203.0.113.5])\r\n\t(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)\r\n\t key-exchange X25519 server-signature RSA-PSS (2048 bits) server-digest SHA256)\r\n\t(No client certificate requested)\r\n\tby mx.example.com (Postfix) with ESMTP id 4ABC; Tue, 1 Jul 2026",
                Some("203.0.113.5"),
                true,
            ),
            // Gmail.
            (
                "from mail-sor-f41.google.com (mail-sor-f41.google.com. [209.85.220.41])\r\n        by mx.google.com with SMTPS id a1sor;\r\n        Tue, 01 Jul 2026 10:00:00 -0700 (PDT)",
                Some("209.85.220.41"),
                false,
            ),
            (
                "from mail.acme.com (mail.acme.com [203.0.113.5])\r\n        by mx.google.com with ESMTP id x;\r\n        (version=TLS1_3 cipher=TLS_AES_256_GCM_SHA384 bits=256/256);\r\n        Tue, 01 Jul 2026",
                Some("203.0.113.5"),
                false,
            ),
            (
                "from mail.acme.com (mail.acme.com [203.0.113.5])\r\n        by mx.google.com with ESMTP id x\r\n        (version=TLS1_3 cipher=TLS_AES_256_GCM_SHA384 bits=256/256);\r\n        Tue, 01 Jul 2026",
                Some("203.0.113.5"),
                true,
            ),
            // Sendmail, nested "may be forged" comment.
            (
                "from host.acme.com (host.acme.com [203.0.113.8] (may be forged))\r\n\tby mx.example (8.17.1/8.17.1) with ESMTP id 1\r\n\t(version=TLSv1.3 cipher=TLS_AES_256_GCM_SHA384 bits=256 verify=NOT)",
                Some("203.0.113.8"),
                true,
            ),
            // Microsoft.
            (
                "from EUR05-DB8-obe.outbound.protection.outlook.com (mail-db8eur05on2100.outbound.protection.outlook.com [40.107.20.100]) by mx.example with Microsoft SMTP Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.1",
                Some("40.107.20.100"),
                true,
            ),
            (
                "from AM0PR02MB1234.eurprd02.prod.outlook.com (2603:10a6:208:ad::14) by AM0PR02MB5678.eurprd02.prod.outlook.com with HTTPS id 15.20",
                None,
                false,
            ),
            ("FROM a (a [192.0.2.1]) BY b WITH ESMTPS", Some("192.0.2.1"), true),
            (
                "from a (a [192.0.2.1]) by b with ESMTP (TLS1.2)",
                Some("192.0.2.1"),
                true,
            ),
            (
                "from a (a [192.0.2.1]) by b with UTF8SMTPSA",
                Some("192.0.2.1"),
                true,
            ),
            ("from a (a [192.0.2.1]) by b with LMTPS", Some("192.0.2.1"), true),
            (
                "from a (a [192.0.2.1]) by b with ESMTPA",
                Some("192.0.2.1"),
                false,
            ),
            ("from a (a [192.0.2.1]) by b with SMTP", Some("192.0.2.1"), false),
            ("from a (a [192.0.2.1]) by b", Some("192.0.2.1"), false),
            // Exim with reverse DNS, port, and a client-chosen literal HELO.
            (
                "from host.acme.com ([203.0.113.5]:5678 helo=[10.0.0.1]) by mx with esmtp",
                Some("203.0.113.5"),
                false,
            ),
            (
                "from [203.0.113.5] (helo=[10.0.0.1]) by mx with esmtp",
                Some("203.0.113.5"),
                false,
            ),
            // Postfix with a literal HELO: TCP-info wins over the client's claim.
            (
                "from [10.0.0.1] (unknown [203.0.113.5]) by mx with ESMTP",
                Some("203.0.113.5"),
                false,
            ),
            (
                "from [203.0.113.5]:25 by mx with ESMTP",
                Some("203.0.113.5"),
                false,
            ),
            // IPs outside the from clause never count.
            (
                "from localhost by mx.example ([192.0.2.99]) with ESMTPS",
                None,
                true,
            ),
            (
                "by mx.example (Postfix, from userid 1000) id 1; Tue, 1 Jul 2026 [192.0.2.1]",
                None,
                false,
            ),
            ("from x by y; Tue, 1 Jul 2026 (x [192.0.2.1])", None, false),
            ("from x by y with SMTP; (using TLSv1.3)", None, false),
            ("from x by y with SMTP; foo with ESMTPS", None, false),
            ("(qmail 1234 invoked from network); 1 Jul 2026", None, false),
            // Unparsable literal in TCP-info: no fallback to the client-chosen HELO.
            ("from [192.0.2.1] (x [999.1.1.1]) by y", None, false),
            ("from x (x [IPv6:192.0.2.1]) by y", None, false),
            ("from x (x [fe80::1%eth0]) by y", None, false),
            ("from x (x [01.2.3.4]) by y", None, false),
            ("from x (x [192.0.2.1) by y", None, false),
            ("from [10.0.0.1] (unknown [203.0.113.5) by y", None, false),
            // Client-controlled text must not fake TLS.
            (
                "from ESMTPS (x [192.0.2.1]) by y with SMTP",
                Some("192.0.2.1"),
                false,
            ),
            (
                "from with (x [192.0.2.1]) by y with SMTP",
                Some("192.0.2.1"),
                false,
            ),
            (
                "from x (TLSv1.evil.example [192.0.2.1]) by y with SMTP",
                Some("192.0.2.1"),
                false,
            ),
            ("from x (helo=using TLSv1.3) by y with SMTP", None, false),
            ("from by (x [192.0.2.1]) by y", Some("192.0.2.1"), false),
            (
                "from x (x [192.0.2.1]) by y with ESMTP (envelope-from <version=TLS1_3@a.com>) for <\"(using TLS\"@b.com>",
                Some("192.0.2.1"),
                false,
            ),
            ("", None, false),
            ("from", None, false),
            ("from (x [192.0.2.1]) by y", Some("192.0.2.1"), false),
            // Without the MTA's `by`, nothing tells the client's text from the MTA's.
            ("from x (x [192.0.2.1]", None, false),
            ("from x (x [192.0.2.1]) with ESMTPS", None, false),
            // HELO injection: the client's HELO holds comments, brackets, `by`, `with` and TLS words;
            // only what follows it (the last comment with an address before the last `by`) counts.
            (
                "from x ([198.18.7.25]) (version=TLS1.3) (unknown [203.0.113.66]) by mx.fax.example with ESMTP id 1",
                Some("203.0.113.66"),
                false,
            ),
            (
                "from x (a [198.18.7.25]) (using TLSv1.3) by fake.example with ESMTPS (unknown [203.0.113.66]) by mx with ESMTP",
                Some("203.0.113.66"),
                false,
            ),
            (
                "from [198.18.7.25] (unknown [203.0.113.66]) by mx with ESMTP",
                Some("203.0.113.66"),
                false,
            ),
            ("from x (helo=[198.18.7.25]) by mx with ESMTP", None, false),
            // An unbalanced '(' in the HELO swallows the rest: unknown, fail closed.
            ("from x( (unknown [203.0.113.66]) by mx with ESMTPS", None, false),
            (
                "from x; by y (z [198.18.7.25]) (unknown [203.0.113.66]) by mx with ESMTPS",
                None,
                false,
            ),
            // TLS after the TCP-info comment counts (Postfix writes it there).
            (
                "from x ([198.18.7.25]) (unknown [203.0.113.66]) (using TLSv1.3 with cipher X) by mx with ESMTP",
                Some("203.0.113.66"),
                true,
            ),
        ];
        for (input, expected_ip, tls) in cases {
            let info = parse_received(input);
            assert_eq!(
                info,
                ReceivedInfo {
                    client_ip: expected_ip.and_then(ip),
                    tls: *tls
                },
                "input {input:?}"
            );
        }
    }

    #[test]
    fn rejects_unreadable_headers() {
        for input in [
            "from x (x [192.0.2.1])\r\nX-Injected: by y with ESMTPS".to_owned(),
            "from x (x [192.0.2.1])\0 by y with ESMTPS".to_owned(),
            format!(
                "from x (x [192.0.2.1]) by y with ESMTPS{}",
                " ".repeat(MAX_HEADER_LEN)
            ),
        ] {
            assert_eq!(parse_received(&input), ReceivedInfo::default(), "{input:?}");
        }
    }

    proptest! {
        #[test]
        fn never_panics_on_any_string(s in "\\PC*") {
            let _ = parse_received(&s);
        }

        #[test]
        fn never_panics_on_any_chars(chars in prop::collection::vec(any::<char>(), 0..600)) {
            let s: String = chars.into_iter().collect();
            let _ = parse_received(&s);
        }

        #[test]
        fn never_panics_on_tricky_strings(
            chars in prop::collection::vec(
                prop::sample::select(vec![
                    'f', 'r', 'o', 'm', 'b', 'y', ' ', '(', ')', '[', ']', ';', '"', '\\', ':',
                    '1', '.', '=', '\r', '\n', '\t', '\0', 'é',
                ]),
                0..400,
            )
        ) {
            let s: String = chars.into_iter().collect();
            let _ = parse_received(&s);
        }

        #[test]
        fn never_panics_on_long_input(unit in "[(\\[\\]\"\\\\;a ]{1,4}", n in 1000usize..3000) {
            let _ = parse_received(&unit.repeat(n));
        }

        #[test]
        fn by_clause_ip_never_returned(a in 0u8..=255, b in 0u8..=255, proto in "(SMTP|ESMTP|ESMTPS)") {
            let header = format!("from helo.example by mx.example ([10.{a}.{b}.1]) with {proto} id 1; (x [10.{b}.{a}.2])");
            prop_assert_eq!(parse_received(&header).client_ip, None);
        }

        #[test]
        fn from_clause_ipv4_round_trips(a in 0u8..=255, b in 0u8..=255, c in 0u8..=255, d in 0u8..=255) {
            let addr = format!("{a}.{b}.{c}.{d}");
            let header = format!("from h.example (h.example [{addr}]) by mx with ESMTP id 1; Tue");
            prop_assert_eq!(parse_received(&header).client_ip, addr.parse().ok());
        }
    }
}
