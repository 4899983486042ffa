//! Turning what the input says into batch rows: CSV records and the accounts of a YAML/JSON document,
//! each value normalized and checked by the same rules as the single commands, each problem kept
//! with its line.

use super::source::{Node, SyntaxError, Top, Value, is_null};
use crate::cmd::changes::parse_date;
use crate::model::Region;
use crate::model::transfer::DOCUMENT_VERSION;
use crate::policy::Problem;
use crate::policy::account as rules;
use crate::policy::dns::{self, ImportedProof};
use crate::policy::domain;
use crate::policy::import::{AccountIx, Batch, FileAccount, FileUser, NewDomain};
use crate::policy::network;
use anyhow::{Context, Result};
use chrono::NaiveDate;
use std::io::Read;

/// The CSV columns, in order; `request` may be left out.
pub const CSV_HEADER: [&str; 6] = [
    "account",
    "domain",
    "include_subdomains",
    "certified_by",
    "certified_on",
    "request",
];

/// The raw text of one trusted domain, as a CSV row or a document entry gives it.
#[derive(Debug, Default, Clone, Copy)]
pub struct DomainText<'a> {
    pub domain: &'a str,
    pub include_subdomains: Option<&'a str>,
    pub certified_by: Option<&'a str>,
    pub certified_on: Option<&'a str>,
    pub request: Option<&'a str>,
}

/// Checks one trusted domain and adds it to the batch; its problems go to the batch at `line`.
pub fn add_domain<'a>(
    batch: &mut Batch,
    dates: &mut DateParser,
    account: AccountIx,
    line: u32,
    text: DomainText<'a>,
) {
    let at = u64::from(line);
    let mut bad = false;
    let include_subdomains = match text.include_subdomains.map(str::trim) {
        None | Some("") => false,
        Some(flag) => parse_flag(flag).unwrap_or_else(|| {
            bad = true;
            batch.problem(
                at,
                Problem::new(
                    "invalid-value",
                    format!("include_subdomains must be true or false, not {flag:?}"),
                ),
            );
            false
        }),
    };
    let certified_on = match text.certified_on.map(str::trim).filter(|d| !d.is_empty()) {
        None => None,
        Some(date) => match dates.parse(date) {
            Ok(date) => Some(date),
            Err(message) => {
                bad = true;
                batch.problem(
                    at,
                    Problem::new("invalid-date", format!("certified_on: {message}")),
                );
                None
            }
        },
    };
    let assessment = domain::assess_grant(text.domain, include_subdomains);
    let Some(normalized) = assessment.domain else {
        for problem in assessment.problems {
            batch.problem(at, problem);
        }
        return;
    };
    if bad {
        return;
    }
    let given = |text: Option<&'a str>| text.map(str::trim).filter(|t| !t.is_empty());
    batch.add_domain(NewDomain {
        domain: &normalized.ascii,
        line,
        account,
        include_subdomains,
        certified_by: given(text.certified_by),
        certified_on,
        request: given(text.request),
        problems: assessment.problems,
    });
}

/// Parses certification dates, remembering the last one: rows of an import share few dates.
#[derive(Debug, Default)]
pub struct DateParser {
    last: Option<(String, NaiveDate)>,
}

impl DateParser {
    fn parse(&mut self, text: &str) -> Result<NaiveDate, String> {
        if let Some((last, date)) = &self.last
            && last == text
        {
            return Ok(*date);
        }
        let date = parse_date(text)?;
        self.last = Some((text.to_string(), date));
        Ok(date)
    }
}

/// `true`/`false` (also yes/no, 1/0), in any case.
fn parse_flag(text: &str) -> Option<bool> {
    match text.to_ascii_lowercase().as_str() {
        "true" | "yes" | "1" => Some(true),
        "false" | "no" | "0" => Some(false),
        _ => None,
    }
}

/// Reads a CSV of trusted domains into the batch. Only a read error is `Err`; bad rows are problems.
pub fn read_csv(input: impl Read, batch: &mut Batch) -> Result<()> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(input);
    let mut record = csv::ByteRecord::new();
    let mut header_seen = false;
    let mut dates = DateParser::default();
    let mut columns = 0;
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                match e.into_kind() {
                    csv::ErrorKind::Io(io) => return Err(io).context("cannot read the input"),
                    kind => {
                        batch.problem(line, Problem::new("invalid-csv", format!("{kind:?}")));
                        break;
                    }
                }
            }
        }
        let line = record.position().map_or(0, |p| p.line());
        let mut undecodable = None;
        let fields: Vec<&str> = record
            .iter()
            .enumerate()
            .map(|(column, bytes)| {
                std::str::from_utf8(bytes).unwrap_or_else(|_| {
                    undecodable.get_or_insert(column);
                    ""
                })
            })
            .collect();
        if !header_seen {
            header_seen = true;
            columns = fields.len();
            let matches_header = fields.iter().zip(CSV_HEADER).all(|(field, name)| {
                field
                    .trim_start_matches('\u{feff}')
                    .trim()
                    .eq_ignore_ascii_case(name)
            });
            if undecodable.is_some() || !(5..=6).contains(&columns) || !matches_header {
                batch.problem(
                    line,
                    Problem::new(
                        "invalid-csv",
                        format!(
                            "the first line must be the header {} (request may be left out)",
                            CSV_HEADER.join(",")
                        ),
                    ),
                );
                return Ok(());
            }
            continue;
        }
        if let Some(column) = undecodable {
            let name = CSV_HEADER.get(column).copied().unwrap_or("extra");
            batch.problem(
                line,
                Problem::new("invalid-utf8", format!("the {name} field is not valid UTF-8")),
            );
            continue;
        }
        if fields.len() < 5 || fields.len() > columns {
            batch.problem(
                line,
                Problem::new(
                    "invalid-csv",
                    format!(
                        "{} fields where the header has {columns} ({})",
                        fields.len(),
                        CSV_HEADER[..columns].join(",")
                    ),
                ),
            );
            continue;
        }
        let line = u32::try_from(line).unwrap_or(u32::MAX);
        let account = batch.account(fields[0].trim());
        add_domain(
            batch,
            &mut dates,
            account,
            line,
            DomainText {
                domain: fields[1],
                include_subdomains: Some(fields[2]),
                certified_by: Some(fields[3]),
                certified_on: Some(fields[4]),
                request: fields.get(5).copied(),
            },
        );
    }
    if !header_seen {
        batch.problem(
            1,
            Problem::new(
                "invalid-csv",
                format!(
                    "the input is empty: the header {} is required",
                    CSV_HEADER.join(",")
                ),
            ),
        );
    }
    Ok(())
}

/// Takes in the top-level items of a YAML/JSON document; `version_seen` tracks the version key.
pub struct DocumentReader<'b> {
    pub batch: &'b mut Batch,
    pub version_seen: bool,
    pub dates: DateParser,
}

impl DocumentReader<'_> {
    pub fn visit(&mut self, top: Top) {
        match top {
            Top::Version(node) => {
                self.version_seen = true;
                let supported = matches!(&node.value, Value::Scalar { text, .. } if text.trim() == DOCUMENT_VERSION.to_string());
                if !supported {
                    self.problem(
                        &node,
                        "unsupported-version",
                        format!("this xmfax reads version {DOCUMENT_VERSION} export documents"),
                    );
                }
            }
            Top::Account(node) => self.account(&node),
            Top::Unknown { key, line } => self.batch.problem(
                u64::from(line),
                Problem::new(
                    "unknown-field",
                    format!("unknown key {key:?}: a document has `version` and `accounts`"),
                ),
            ),
        }
    }

    /// Reports how the document ended.
    pub fn end(&mut self, outcome: Result<(), SyntaxError>) {
        match outcome {
            Ok(()) if !self.version_seen => self.batch.problem(
                1,
                Problem::new("missing-field", "the document has no `version` (1)"),
            ),
            Ok(()) => {}
            Err(e) => self.batch.problem(e.line.max(1), Problem::new(e.code, e.message)),
        }
    }

    fn problem(&mut self, node: &Node, code: &'static str, message: impl Into<String>) {
        self.batch
            .problem(u64::from(node.line), Problem::new(code, message));
    }

    fn account(&mut self, node: &Node) {
        let Some(entries) = self.map(node, "an account") else {
            return;
        };
        let mut id = None;
        let mut account = FileAccount {
            line: node.line,
            ..FileAccount::default()
        };
        let mut domains = None;
        for (key, line, value) in entries {
            match key.as_str() {
                "id" => id = self.text(value, "id"),
                "name" => account.name = self.checked(value, "invalid-name", rules::validate_account_name),
                "fax_number" => {
                    account.fax_number =
                        self.checked(value, "invalid-fax-number", rules::normalize_fax_number)
                }
                "region" => {
                    account.region = self.text(value, "region").and_then(|text| {
                        let region = Region::parse(text.trim());
                        if region.is_none() {
                            self.problem(
                                value,
                                "invalid-region",
                                format!("region must be us, eu or ca, not {text:?}"),
                            );
                        }
                        region
                    })
                }
                "profile" => {
                    account.profile = self.checked(value, "invalid-profile", rules::validate_profile)
                }
                "language" => {
                    account.language = self.checked(value, "invalid-language", rules::normalize_language)
                }
                "security" => self.security(value, &mut account),
                "users" => account.users = self.users(value),
                "trusted_domains" => domains = Some(value),
                "dns_proofs" => account.dns_proofs = self.dns_proofs(value),
                _ => self.unknown_key(key, *line, "an account"),
            }
        }
        let Some(id) = id else {
            self.problem(node, "missing-field", "an account needs an `id`");
            return;
        };
        if let Err(message) = rules::validate_account_id(&id) {
            self.problem(node, "invalid-account-id", message);
            return;
        }
        account.replaces_domains = domains.is_some();
        self.batch.add_account(&id, account);
        let ix = self.batch.account(&id);
        if let Some(list) = domains.and_then(|node| self.list(node, "trusted_domains")) {
            for item in list {
                self.domain(ix, item);
            }
        }
    }

    fn security(&mut self, node: &Node, account: &mut FileAccount) {
        let Some(entries) = self.map(node, "security") else {
            return;
        };
        for (key, line, value) in entries {
            match key.as_str() {
                "spoofing_protection" => account.spoofing_protection = self.flag(value, key),
                "require_tls" => account.require_tls = self.flag(value, key),
                "whitelist" => {
                    let Some(items) = self.list(value, "whitelist") else {
                        continue;
                    };
                    let mut networks = Vec::new();
                    for item in items {
                        let Some(text) = self.text(item, "a whitelist entry") else {
                            continue;
                        };
                        match network::parse_network(&text) {
                            Ok(net) => networks.push(net),
                            Err(message) => {
                                self.problem(item, "invalid-network", message.replace('\n', "; "))
                            }
                        }
                    }
                    account.whitelist = Some(networks);
                }
                _ => self.unknown_key(key, *line, "security"),
            }
        }
    }

    fn users(&mut self, node: &Node) -> Option<Vec<FileUser>> {
        let items = self.list(node, "users")?;
        let mut users = Vec::new();
        for item in items {
            let Some(entries) = self.map(item, "a user") else {
                continue;
            };
            let mut email = None;
            let (mut profile, mut language, mut fax_number) = (None, None, None);
            for (key, line, value) in entries {
                match key.as_str() {
                    "email" => email = self.text(value, "email"),
                    "profile" => profile = self.checked(value, "invalid-profile", rules::validate_profile),
                    "language" => {
                        language = self.checked(value, "invalid-language", rules::normalize_language)
                    }
                    "fax_number" => {
                        fax_number = self.checked(value, "invalid-fax-number", rules::normalize_fax_number)
                    }
                    _ => self.unknown_key(key, *line, "a user"),
                }
            }
            let Some(email) = email else {
                self.problem(item, "missing-field", "a user needs an `email`");
                continue;
            };
            match rules::normalize_user_address(&email) {
                Ok(address) => users.push(FileUser {
                    line: item.line,
                    key: address.key,
                    email: address.display,
                    profile,
                    language,
                    fax_number,
                }),
                Err(message) => self.problem(item, "invalid-email", message),
            }
        }
        Some(users)
    }

    fn domain(&mut self, account: AccountIx, node: &Node) {
        let Some(entries) = self.map(node, "a trusted domain") else {
            return;
        };
        let mut fields: [Option<String>; 5] = Default::default();
        for (key, line, value) in entries {
            let slot = match key.as_str() {
                "domain" => 0,
                "include_subdomains" => 1,
                "certified_by" => 2,
                "certified_on" => 3,
                "request" => 4,
                _ => {
                    self.unknown_key(key, *line, "a trusted domain");
                    continue;
                }
            };
            fields[slot] = self.text(value, key);
        }
        let Some(domain) = fields[0].as_deref() else {
            self.problem(node, "missing-field", "a trusted domain needs a `domain`");
            return;
        };
        let text = DomainText {
            domain,
            include_subdomains: fields[1].as_deref(),
            certified_by: fields[2].as_deref(),
            certified_on: fields[3].as_deref(),
            request: fields[4].as_deref(),
        };
        add_domain(self.batch, &mut self.dates, account, node.line, text);
    }

    fn dns_proofs(&mut self, node: &Node) -> Option<Vec<ImportedProof>> {
        let items = self.list(node, "dns_proofs")?;
        let mut proofs = Vec::new();
        for item in items {
            let Some(entries) = self.map(item, "a DNS proof") else {
                continue;
            };
            let mut fields: [Option<String>; 5] = Default::default();
            for (key, line, value) in entries {
                let slot = match key.as_str() {
                    "domain" => 0,
                    "proven_at" => 1,
                    "server" => 2,
                    "record" => 3,
                    "proven_by" => 4,
                    _ => {
                        self.unknown_key(key, *line, "a DNS proof");
                        continue;
                    }
                };
                fields[slot] = self.text(value, key);
            }
            let [domain, proven_at, server, record, proven_by] = fields.each_ref().map(Option::as_deref);
            match dns::imported_proof(item.line, domain, proven_at, server, record, proven_by) {
                Ok(proof) if proofs.iter().any(|p: &ImportedProof| p.domain == proof.domain) => self.problem(
                    item,
                    "duplicate-dns-proof",
                    format!("{} has two DNS proofs for this account", proof.domain),
                ),
                Ok(proof) => proofs.push(proof),
                Err(message) => self.problem(item, "invalid-dns-proof", message),
            }
        }
        Some(proofs)
    }

    fn unknown_key(&mut self, key: &str, line: u32, within: &str) {
        self.batch.problem(
            u64::from(line),
            Problem::new("unknown-field", format!("unknown key {key:?} in {within}")),
        );
    }

    fn map<'n>(&mut self, node: &'n Node, what: &str) -> Option<&'n [(String, u32, Node)]> {
        match &node.value {
            Value::Map(entries) => Some(entries),
            _ => {
                self.problem(
                    node,
                    "invalid-document",
                    format!("{what} must be a mapping of keys to values"),
                );
                None
            }
        }
    }

    /// A list; null is an empty list.
    fn list<'n>(&mut self, node: &'n Node, what: &str) -> Option<&'n [Node]> {
        match &node.value {
            Value::List(items) => Some(items),
            Value::Scalar { text, plain: true } if is_null(text) => Some(&[]),
            _ => {
                self.problem(node, "invalid-document", format!("{what} must be a list"));
                None
            }
        }
    }

    /// The text of a scalar; `None` for null (and, with a problem, for a list or mapping).
    fn text(&mut self, node: &Node, what: &str) -> Option<String> {
        match &node.value {
            Value::Scalar { text, plain: true } if is_null(text) => None,
            Value::Scalar { text, .. } => Some(text.clone()),
            _ => {
                self.problem(node, "invalid-document", format!("{what} must be a single value"));
                None
            }
        }
    }

    fn flag(&mut self, node: &Node, what: &str) -> Option<bool> {
        let text = self.text(node, what)?;
        let flag = parse_flag(text.trim());
        if flag.is_none() {
            self.problem(
                node,
                "invalid-value",
                format!("{what} must be true or false, not {text:?}"),
            );
        }
        flag
    }

    /// A value checked by one of the single commands' rules. An invalid value is reported and kept
    /// as given, so that it is not reported a second time as missing (the import is refused anyway).
    fn checked(
        &mut self,
        node: &Node,
        code: &'static str,
        rule: fn(&str) -> Result<String, String>,
    ) -> Option<String> {
        let text = self.text(node, code.trim_start_matches("invalid-"))?;
        match rule(&text) {
            Ok(value) => Some(value),
            Err(message) => {
                self.problem(node, code, message);
                Some(text)
            }
        }
    }
}
