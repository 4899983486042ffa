//! The signed request form (`trusted-domains/v1`): its type, reading it from bytes with located errors,
//! the commented template, and every rule that decides whether a form is approved or refused.
//! Pure: the file is read, the store queried and the date taken by the shell, which hands in plain values.

use super::Problem;
use super::domain::{self, Certification, TrustRule};
use super::security::SecuritySettings;
use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize};
use std::collections::HashSet;

/// The one version of the form this tool reads.
pub const FORM_VERSION: &str = "trusted-domains/v1";
/// The largest form file accepted: a real form is a few kilobytes, and YAML parsing grows with input.
pub const MAX_FORM_BYTES: usize = 1024 * 1024;
/// How long a signature stays valid when `--max-age-days` is not given.
pub const DEFAULT_MAX_AGE_DAYS: u32 = 90;
/// More `[` and `{` than a form ever needs (it has a handful); see [`check_flow_collections`].
const MAX_FLOW_COLLECTIONS: usize = 1000;
const MAX_REFERENCE_LEN: usize = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FormVersion {
    #[serde(rename = "trusted-domains/v1")]
    V1,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    /// Trust the listed domains as well
    Add,
    /// Stop trusting the listed domains
    Remove,
    /// Trust exactly the listed domains (the others are removed)
    Replace,
    /// Stop trusting every domain: only registered users can fax by email
    Disable,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Add => "add",
            Action::Remove => "remove",
            Action::Replace => "replace",
            Action::Disable => "disable",
        }
    }

    /// Actions that trust new domains, and so need the certifications.
    pub fn trusts_domains(self) -> bool {
        matches!(self, Action::Add | Action::Replace)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RestraintMethod {
    SpoofingProtection,
    MailServerWhitelisting,
}

impl RestraintMethod {
    pub const ALL: [RestraintMethod; 2] = [
        RestraintMethod::SpoofingProtection,
        RestraintMethod::MailServerWhitelisting,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RestraintMethod::SpoofingProtection => "spoofing-protection",
            RestraintMethod::MailServerWhitelisting => "mail-server-whitelisting",
        }
    }
}

/// A form as the customer filled it in. Absent values are `None` so that a missing signature or
/// certification becomes a refusal reason rather than an unreadable file; unknown fields are errors.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Form {
    pub xmfax_form: FormVersion,
    #[serde(default, deserialize_with = "required_string")]
    pub reference: String,
    #[serde(default, deserialize_with = "required_string")]
    pub account: String,
    pub action: Action,
    #[serde(default)]
    pub domains: Option<Vec<String>>,
    #[serde(default)]
    pub include_subdomains: Option<bool>,
    #[serde(default)]
    pub requester: Option<Requester>,
    #[serde(default)]
    pub certifications: Option<Certifications>,
    #[serde(default)]
    pub signature: Option<Signature>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Requester {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Certifications {
    #[serde(default)]
    pub domains_belong_to_company: Option<bool>,
    #[serde(default)]
    pub email_sources_restrained: Option<bool>,
    #[serde(default)]
    pub restraint_methods: Option<Vec<RestraintMethod>>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signature {
    #[serde(default)]
    pub signed_by: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default, deserialize_with = "optional_date")]
    pub signed_on: Option<NaiveDate>,
}

/// A string a complete form has. YAML's `null` and `~` would otherwise be read as that text; no
/// reference or account is called "null": they read as left blank, which the checks then report.
fn required_string<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    struct Required;
    impl serde::de::Visitor<'_> for Required {
        type Value = String;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a string")
        }
        fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<String, E> {
            // Left blank: the form is incomplete, which the checks report with the other reasons.
            if matches!(value, "~" | "null" | "Null" | "NULL") {
                return Ok(String::new());
            }
            Ok(value.to_string())
        }
    }
    deserializer.deserialize_str(Required)
}

/// An optional `YYYY-MM-DD` date; a malformed one is an error located at the value.
fn optional_date<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<NaiveDate>, D::Error> {
    struct Date;
    impl<'de> serde::de::Visitor<'de> for Date {
        type Value = Option<NaiveDate>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a date in YYYY-MM-DD form")
        }
        fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
            deserializer.deserialize_str(self)
        }
        fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Self::Value, E> {
            NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
                .map(Some)
                .map_err(|_| E::custom(format!("{text:?} is not a date in YYYY-MM-DD form")))
        }
    }
    deserializer.deserialize_option(Date)
}

impl Form {
    pub fn domains(&self) -> &[String] {
        self.domains.as_deref().unwrap_or_default()
    }

    pub fn include_subdomains(&self) -> bool {
        self.include_subdomains.unwrap_or(false)
    }

    pub fn signed_by(&self) -> Option<&str> {
        self.signature
            .as_ref()
            .and_then(|s| s.signed_by.as_deref())
            .map(str::trim)
            .filter(|s| !s.is_empty())
    }

    pub fn signed_on(&self) -> Option<NaiveDate> {
        self.signature.as_ref().and_then(|s| s.signed_on)
    }

    fn requester_email(&self) -> Option<&str> {
        self.requester
            .as_ref()
            .and_then(|r| r.email.as_deref())
            .map(str::trim)
            .filter(|s| !s.is_empty())
    }

    fn restraint_methods(&self) -> &[RestraintMethod] {
        self.certifications
            .as_ref()
            .and_then(|c| c.restraint_methods.as_deref())
            .unwrap_or_default()
    }

    /// The ownership certification the signature gives the form's domains, when it is complete.
    pub fn certification(&self) -> Option<Certification> {
        Some(Certification {
            certified_by: self.signed_by()?.to_string(),
            certified_on: self.signed_on()?,
            request: Some(self.reference.clone()),
        })
    }
}

/// Why a file is not a readable form; `line`/`column` (1-based) point at the fault when known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormError {
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

impl FormError {
    fn at(line: usize, column: usize, message: impl Into<String>) -> FormError {
        FormError {
            line: Some(line),
            column: Some(column),
            message: message.into(),
        }
    }

    fn whole(message: impl Into<String>) -> FormError {
        FormError {
            line: None,
            column: None,
            message: message.into(),
        }
    }

    /// `FILE:LINE:COL: message`, or `FILE: message` when the fault has no position.
    pub fn located(&self, file: &str) -> String {
        match (self.line, self.column) {
            (Some(line), Some(column)) => format!("{file}:{line}:{column}: {}", self.message),
            (Some(line), None) => format!("{file}:{line}: {}", self.message),
            _ => format!("{file}: {}", self.message),
        }
    }
}

/// Turns the bytes of a form file into its text and the form, refusing what is not a form: too large,
/// empty, not UTF-8, with more brackets than a form ever has, not YAML, unknown fields, wrong types.
/// A form left incomplete is readable: [`form_reasons`] reports each missing value.
pub fn read_form(bytes: &[u8]) -> Result<(&str, Form), FormError> {
    if bytes.len() > MAX_FORM_BYTES {
        return Err(FormError::whole(format!(
            "the file is larger than {} KiB: a form is a short YAML document",
            MAX_FORM_BYTES / 1024
        )));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let (line, column) = position_of(bytes, e.valid_up_to());
        FormError::at(
            line,
            column,
            "the file is not UTF-8 text (a form is a YAML text file)",
        )
    })?;
    if text.trim().is_empty() {
        // No hint here: the shell adds its own line after every unreadable form.
        return Err(FormError::whole("the file is empty"));
    }
    check_flow_collections(text)?;
    // Editors on Windows start files with a byte-order mark, which the YAML parser mistakes for a document.
    let form = parse_form(text.strip_prefix('\u{feff}').unwrap_or(text))?;
    Ok((text, form))
}

/// Parses the YAML of a form (structure and types only).
pub fn parse_form(text: &str) -> Result<Form, FormError> {
    let mut form: Form = serde_yaml::from_str(text).map_err(|e| yaml_error(&e))?;
    form.reference = form.reference.trim().to_string();
    form.account = form.account.trim().to_string();
    Ok(form)
}

fn yaml_error(err: &serde_yaml::Error) -> FormError {
    let full = err.to_string();
    match err.location() {
        Some(loc) => {
            // The position leads the line; keep the message's other marks (", while scanning … at line 2").
            let position = format!(" at line {} column {}", loc.line(), loc.column());
            let message = full.replacen(&position, "", 1);
            FormError::at(loc.line(), loc.column(), message)
        }
        None => FormError::whole(full),
    }
}

/// 1-based line and column (in bytes) of a byte offset.
fn position_of(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    (line, offset - line_start + 1)
}

/// Refuses documents with more flow collections (`[`, `{`) than any form has, before parsing. The YAML
/// parser (libyaml) takes time quadratic in the nesting depth of flow collections: 40 000 nested `[`
/// take seconds, a megabyte of them hours. Counting every bracket, even inside quotes and comments,
/// bounds the depth without having to understand YAML, and a real form has a handful.
fn check_flow_collections(text: &str) -> Result<(), FormError> {
    let too_many = text
        .char_indices()
        .filter(|(_, c)| matches!(c, '[' | '{'))
        .nth(MAX_FLOW_COLLECTIONS);
    if let Some((offset, _)) = too_many {
        let (line, column) = position_of(text.as_bytes(), offset);
        return Err(FormError::at(
            line,
            column,
            format!("the document has more than {MAX_FLOW_COLLECTIONS} '[' and '{{': it is not a form"),
        ));
    }
    Ok(())
}

/// A form is recorded under its reference and account: without them it can be judged, not recorded.
pub fn recordable(form: &Form) -> bool {
    reference_fault(&form.reference).is_none() && !form.account.is_empty()
}

fn reference_fault(reference: &str) -> Option<String> {
    if reference.is_empty() {
        Some(
            "reference: the form has no reference; fill in the ticket or form reference it is filed under"
                .into(),
        )
    } else if reference.chars().count() > MAX_REFERENCE_LEN || reference.chars().any(char::is_control) {
        Some(format!(
            "reference: {reference:?} is not a reference (at most {MAX_REFERENCE_LEN} printable characters)"
        ))
    } else {
        None
    }
}

/// The values every form must have, each missing one named: reference, account, and who asks.
/// (A blank signature is `unsigned`, reported with the signature's other rules.)
fn incomplete(form: &Form) -> Vec<Reason> {
    let mut reasons = Vec::new();
    let mut missing = |message: String| reasons.push(Reason::new("incomplete-form", message));
    if let Some(fault) = reference_fault(&form.reference) {
        missing(fault);
    }
    if form.account.is_empty() {
        missing("account: the form names no account; fill in the customer's account ID".into());
    }
    let requester = form.requester.clone().unwrap_or_default();
    let blank = |value: &Option<String>| value.as_deref().is_none_or(|v| v.trim().is_empty());
    if blank(&requester.name) {
        missing("requester.name: the form does not say who asks; fill in the requester's name".into());
    }
    if blank(&requester.email) {
        missing("requester.email: the form gives no requester email; fill in the requester's address in the company's domains".into());
    }
    reasons
}

/// One reason a request is refused: a stable code, a message for people, and the domain it is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reason {
    pub code: &'static str,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
}

impl Reason {
    fn new(code: &'static str, message: impl Into<String>) -> Reason {
        Reason {
            code,
            message: message.into(),
            domain: None,
        }
    }

    fn about(domain: &str, problem: Problem) -> Reason {
        Reason {
            code: problem.code,
            message: problem.message,
            domain: Some(domain.to_string()),
        }
    }
}

/// The identical form was already processed: nothing to do. A different form under a used reference
/// is refused, since the reference names one signed document forever.
pub fn reference_reused(reference: &str, processed_at: &str) -> Reason {
    Reason::new(
        "reference-reused",
        format!(
            "reference {reference} was already used by a different form (processed {processed_at}); a new request needs a new reference. hint: to resubmit a corrected form, give it a reference never used before (e.g. {reference}-2) in its `reference:` field, have it signed again, and process that file; the first form stays on record under {reference}"
        ),
    )
}

/// The rules that need nothing but the form and today's date: signature, domain list, certifications.
pub fn form_reasons(form: &Form, today: NaiveDate, max_age_days: u32) -> Vec<Reason> {
    let mut reasons = incomplete(form);
    match (form.signed_by(), form.signed_on()) {
        (Some(_), Some(_)) => {}
        (None, Some(_)) => reasons.push(Reason::new(
            "unsigned",
            "the form is not signed: signature.signed_by is empty",
        )),
        (Some(_), None) => reasons.push(Reason::new(
            "unsigned",
            "the signature has no date: signature.signed_on is missing",
        )),
        (None, None) => reasons.push(Reason::new(
            "unsigned",
            "the form is not signed: signature.signed_by and signature.signed_on are missing",
        )),
    }
    if let Some(signed_on) = form.signed_on() {
        if signed_on > today {
            reasons.push(Reason::new(
                "signature-in-future",
                format!("the signature is dated {signed_on}, after today ({today})"),
            ));
        } else if (today - signed_on).num_days() > i64::from(max_age_days) {
            reasons.push(Reason::new(
                "signature-expired",
                format!(
                    "the signature is dated {signed_on}, {} days ago: a signature is valid for {max_age_days} days; ask for a newly signed form",
                    (today - signed_on).num_days()
                ),
            ));
        }
    }
    let action = form.action;
    if action == Action::Disable {
        if !form.domains().is_empty() {
            reasons.push(Reason::new(
                "disable-lists-domains",
                "action disable removes every trusted domain, yet the form lists domains: use remove for some of them, or leave the list out",
            ));
        }
    } else if form.domains().is_empty() {
        reasons.push(Reason::new(
            "no-domains",
            format!(
                "action {} needs the complete SMTP domains in `domains`",
                action.as_str()
            ),
        ));
    }
    if action.trusts_domains() {
        let certifications = form.certifications.clone().unwrap_or_default();
        if certifications.domains_belong_to_company != Some(true) {
            reasons.push(Reason::new(
                "not-certified-owned",
                "the form does not certify that the domains belong to the company (certifications.domains_belong_to_company: true)",
            ));
        }
        if certifications.email_sources_restrained != Some(true) {
            reasons.push(Reason::new(
                "not-certified-restrained",
                "the form does not certify that the account restrains its email sources (certifications.email_sources_restrained: true)",
            ));
        } else if form.restraint_methods().is_empty() {
            reasons.push(Reason::new(
                "not-certified-restrained",
                "the form names no restraint method (certifications.restraint_methods: spoofing-protection and/or mail-server-whitelisting)",
            ));
        }
    }
    reasons
}

/// A domain the account trusts, as the account rules need it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trusted {
    pub domain: String,
    pub include_subdomains: bool,
}

impl TrustRule for &Trusted {
    fn include_subdomains(&self) -> bool {
        self.include_subdomains
    }
}

/// What the store knows about the account a form is for.
pub struct AccountFacts<'a> {
    pub security: &'a SecuritySettings,
    /// The securing checks the account fails now: id and message.
    pub failing_checks: &'a [(&'a str, &'a str)],
    pub trusted: &'a [Trusted],
    /// Address keys (lower-case local part @ normalized domain) of the account's registered users.
    pub user_keys: &'a [String],
}

pub fn unknown_account(account: &str) -> Reason {
    Reason::new(
        "unknown-account",
        format!("there is no account {account:?} in this store"),
    )
}

/// The rules that compare the form with the account: its certified restraint against the real
/// settings, and whether the requester belongs to the company.
pub fn account_reasons(form: &Form, facts: &AccountFacts<'_>) -> Vec<Reason> {
    let mut reasons = Vec::new();
    if form.action.trusts_domains() {
        let mut claimed: Vec<RestraintMethod> = form.restraint_methods().to_vec();
        claimed.dedup();
        for method in claimed {
            let contradiction = match method {
                RestraintMethod::SpoofingProtection if !facts.security.spoofing_protection => {
                    Some("the form certifies spoofing protection, but it is off on the account")
                }
                RestraintMethod::MailServerWhitelisting if facts.security.whitelist.is_empty() => {
                    Some("the form certifies mail server whitelisting, but the account's whitelist is empty")
                }
                _ => None,
            };
            if let Some(message) = contradiction {
                reasons.push(Reason::new("certification-contradicts-account", message));
            }
        }
        for (id, message) in facts.failing_checks {
            reasons.push(Reason::new(
                "certification-contradicts-account",
                format!("the account fails its securing check `{id}`: {message}"),
            ));
        }
    }
    if let Some(reason) = requester_reason(form, facts) {
        reasons.push(reason);
    }
    reasons
}

fn requester_reason(form: &Form, facts: &AccountFacts<'_>) -> Option<Reason> {
    let refuse = |message: String| Some(Reason::new("requester-not-of-company", message));
    // No email at all is `incomplete-form`, reported with the form's own rules.
    let email = form.requester_email()?;
    let address = match super::account::normalize_user_address(email) {
        Ok(address) => address,
        Err(message) => return refuse(format!("requester.email: {message}")),
    };
    let requested: Vec<Trusted> = form
        .domains()
        .iter()
        .filter_map(|d| domain::normalize(d).ok())
        .map(|d| Trusted {
            domain: d.ascii,
            include_subdomains: form.include_subdomains(),
        })
        .collect();
    let in_requested = domain::trusted_match(&address.domain, |name| {
        requested.iter().find(|t| t.domain == name)
    })
    .is_some();
    let in_trusted = domain::trusted_match(&address.domain, |name| {
        facts.trusted.iter().find(|t| t.domain == name)
    })
    .is_some();
    let registered = facts.user_keys.contains(&address.key);
    if in_requested || in_trusted || registered {
        None
    } else {
        refuse(format!(
            "the requester {} is not of the company: {} is neither a requested domain nor trusted by the account, and the requester is not a registered user of it",
            address.display, address.domain
        ))
    }
}

/// What a form removes from the account's trusted domains, and why it cannot when it names one
/// the account does not trust (remove) or that is not a domain at all.
pub fn removals(form: &Form, trusted: &[Trusted]) -> (Vec<String>, Vec<Reason>) {
    let mut removed = Vec::new();
    let mut reasons = Vec::new();
    match form.action {
        Action::Add => {}
        Action::Disable => removed.extend(trusted.iter().map(|t| t.domain.clone())),
        Action::Remove => {
            for input in form.domains() {
                let assessment = domain::assess(input);
                let Some(normalized) = assessment.domain else {
                    let name = input.trim();
                    reasons.extend(assessment.problems.into_iter().map(|p| Reason::about(name, p)));
                    continue;
                };
                if removed.contains(&normalized.ascii) {
                    continue;
                }
                if trusted.iter().any(|t| t.domain == normalized.ascii) {
                    removed.push(normalized.ascii);
                } else {
                    reasons.push(Reason {
                        code: "not-trusted",
                        message: format!(
                            "{} is not a trusted domain of account {}",
                            normalized.ascii, form.account
                        ),
                        domain: Some(normalized.ascii),
                    });
                }
            }
        }
        Action::Replace => {
            // Set exactly: what the form does not list goes, and so does a listed domain whose
            // subdomain setting changes (it is trusted again, under this form, with the new setting).
            let wanted: HashSet<String> = form
                .domains()
                .iter()
                .filter_map(|d| domain::normalize(d).ok())
                .map(|d| d.ascii)
                .collect();
            removed.extend(
                trusted
                    .iter()
                    .filter(|t| {
                        !wanted.contains(&t.domain) || t.include_subdomains != form.include_subdomains()
                    })
                    .map(|t| t.domain.clone()),
            );
        }
    }
    (removed, reasons)
}

/// The refusals of the domain rules (shared with `domains add`) as request reasons. Two of their codes
/// are left out because the form's own codes already say the same at request level: `no-certification`
/// (the signature is the certification: `unsigned`, `signature-in-future`) and `account-not-secured`
/// (`certification-contradicts-account` names the failing check).
pub fn domain_reasons<'a>(refused: impl IntoIterator<Item = (&'a str, &'a [Problem])>) -> Vec<Reason> {
    refused
        .into_iter()
        .flat_map(|(name, problems)| {
            problems
                .iter()
                .filter(|p| !matches!(p.code, "no-certification" | "account-not-secured"))
                .map(move |p| Reason::about(name, p.clone()))
        })
        .collect()
}

/// The commented YAML of a form: the blank template for an action, or a filled-in form. It always
/// parses back into the same form.
pub fn render(form: &Form) -> String {
    let quote = |s: &Option<String>| yaml_string(s.as_deref().unwrap_or(""));
    let mut out = String::new();
    let action = form.action;
    out.push_str(&format!(
        "# xmfax signed request form: trusted email domains (version 1).\n\
         # Anyone with an address in a trusted domain can send faxes by email through your account.\n\
         # Fill in every field, sign, and send the form back to your contact agent.\n\
         xmfax_form: {FORM_VERSION}\n\n\
         # The ticket or form reference your contact agent gave you (one per request).\n\
         reference: {}\n\
         # Your enterprise account ID.\n\
         account: {}\n\
         # add | remove | replace (the list becomes the complete list) | disable (stop trusting every domain)\n\
         action: {}\n",
        yaml_string(&form.reference),
        yaml_string(&form.account),
        action.as_str()
    ));
    if action == Action::Disable {
        out.push_str("# disable removes every trusted domain: list none.\ndomains: []\n");
    } else {
        out.push_str(&format!(
            "# The complete SMTP domains, e.g. [\"acme.com\", \"acme.co.uk\"]: no wildcards, no free-mail domains.\n\
             domains: [{}]\n",
            form.domains()
                .iter()
                .map(|d| yaml_string(d))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    if action.trusts_domains() {
        out.push_str(&format!(
            "# true to trust every subdomain as well (mail.acme.com under acme.com).\n\
             include_subdomains: {}\n",
            form.include_subdomains()
        ));
    }
    let requester = form.requester.clone().unwrap_or_default();
    out.push_str(&format!(
        "\n# Who asks: an employee, with an address in the company's domains.\n\
         requester:\n  name: {}\n  title: {}\n  email: {}\n",
        quote(&requester.name),
        quote(&requester.title),
        quote(&requester.email)
    ));
    if action.trusts_domains() {
        let certifications = form.certifications.clone().unwrap_or_default();
        out.push_str(&format!(
            "\n# Both certifications must be true, or the request is refused.\n\
             certifications:\n\
             \x20 # We certify that the domains above belong to our company and that we control all their addresses.\n\
             \x20 domains_belong_to_company: {}\n\
             \x20 # We certify that our account restrains the email sources allowed to send faxes,\n\
             \x20 # with one or both of: spoofing-protection, mail-server-whitelisting.\n\
             \x20 email_sources_restrained: {}\n\
             \x20 restraint_methods: [{}]\n",
            certifications.domains_belong_to_company.unwrap_or(false),
            certifications.email_sources_restrained.unwrap_or(false),
            form.restraint_methods()
                .iter()
                .map(|m| m.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let signature = form.signature.clone().unwrap_or_default();
    out.push_str(&format!(
        "\n# Signed by a person entitled to certify the above; the form is valid for {DEFAULT_MAX_AGE_DAYS} days.\n\
         signature:\n  signed_by: {}\n  title: {}\n  signed_on: {}  # YYYY-MM-DD\n",
        quote(&signature.signed_by),
        quote(&signature.title),
        signature.signed_on.map(|d| d.to_string()).unwrap_or_default()
    ));
    out
}

/// A YAML double-quoted scalar holding exactly `s`. Whatever YAML does not allow raw in a document, or
/// would read as a line break (NEL, U+2028, U+2029) or a byte-order mark, is written as an escape.
fn yaml_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            ' '..='~'
            | '\u{a0}'..='\u{2027}'
            | '\u{202a}'..='\u{d7ff}'
            | '\u{e000}'..='\u{fefe}'
            | '\u{ff00}'..='\u{fffd}'
            | '\u{10000}'.. => out.push(c),
            _ => out.push_str(&format!("\\u{:04x}", u32::from(c))),
        }
    }
    out.push('"');
    out
}

/// The blank form for an action, as [`render`] writes it: empty strings and lists, `false`, no date.
pub fn template(action: Action) -> Form {
    let blank = || Some(String::new());
    Form {
        xmfax_form: FormVersion::V1,
        reference: String::new(),
        account: String::new(),
        action,
        domains: Some(Vec::new()),
        include_subdomains: action.trusts_domains().then_some(false),
        requester: Some(Requester {
            name: blank(),
            title: blank(),
            email: blank(),
        }),
        certifications: action.trusts_domains().then(|| Certifications {
            domains_belong_to_company: Some(false),
            email_sources_restrained: Some(false),
            restraint_methods: Some(Vec::new()),
        }),
        signature: Some(Signature {
            signed_by: blank(),
            title: blank(),
            signed_on: None,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    const GOOD: &str = "\
xmfax_form: trusted-domains/v1
reference: REQ-2026-0042
account: acme
action: add
domains: [acme.com, acme.co.uk]
include_subdomains: false
requester: {name: Jane Roe, title: IT Director, email: jane.roe@acme.com}
certifications:
  domains_belong_to_company: true
  email_sources_restrained: true
  restraint_methods: [spoofing-protection, mail-server-whitelisting]
signature: {signed_by: Jane Roe, title: IT Director, signed_on: 2026-11-20}
";

    fn good() -> Form {
        read_form(GOOD.as_bytes()).unwrap().1
    }

    fn form_codes(form: &Form, today: &str) -> Vec<&'static str> {
        form_reasons(form, day(today), DEFAULT_MAX_AGE_DAYS)
            .iter()
            .map(|r| r.code)
            .collect()
    }

    #[test]
    fn the_issue_example_reads() {
        let form = good();
        assert_eq!(form.reference, "REQ-2026-0042");
        assert_eq!(form.action, Action::Add);
        assert_eq!(form.domains(), ["acme.com", "acme.co.uk"]);
        assert_eq!(form.signed_on(), Some(day("2026-11-20")));
        assert_eq!(form.restraint_methods(), RestraintMethod::ALL);
        assert_eq!(
            form.certification().unwrap().request.as_deref(),
            Some("REQ-2026-0042")
        );
        assert!(form_codes(&form, "2026-11-27").is_empty());
    }

    #[test]
    fn unreadable_files_are_located() {
        let cases: Vec<(Vec<u8>, Option<usize>, &str)> = vec![
            (b"".to_vec(), None, "empty"),
            (b"  \n\n".to_vec(), None, "empty"),
            (
                b"xmfax_form: trusted-domains/v1\nreference: \xff\n".to_vec(),
                Some(2),
                "not UTF-8",
            ),
            (b"reference: [unclosed\n".to_vec(), Some(1), "invalid type"),
            (
                b"xmfax_form: trusted-domains/v1\nreference: x\naccount: x\n- item\n".to_vec(),
                Some(4),
                "did not find expected key",
            ),
            (
                b"xmfax_form: trusted-domains/v1\nreference: \"unclosed\naccount: x\n".to_vec(),
                Some(4),
                "while scanning a quoted scalar at line 2",
            ),
            (b"- just\n- a list\n".to_vec(), Some(1), "invalid type"),
            (
                GOOD.replace("include_subdomains", "include_subdomain")
                    .into_bytes(),
                Some(6),
                "unknown field `include_subdomain`",
            ),
            (
                GOOD.replace("include_subdomains: false", "include_subdomains: sometimes")
                    .into_bytes(),
                Some(6),
                "invalid type",
            ),
            (
                GOOD.replace("signed_on: 2026-11-20", "signed_on: 20/11/2026")
                    .into_bytes(),
                Some(12),
                "not a date",
            ),
            (
                GOOD.replace("trusted-domains/v1", "trusted-domains/v2")
                    .into_bytes(),
                Some(1),
                "unknown variant",
            ),
            (
                GOOD.replace("action: add", "action: append").into_bytes(),
                Some(4),
                "unknown variant `append`",
            ),
            (
                GOOD.replace("mail-server-whitelisting", "firewall").into_bytes(),
                Some(11),
                "unknown variant `firewall`",
            ),
        ];
        for (bytes, line, needle) in cases {
            let err = read_form(&bytes).unwrap_err();
            assert_eq!(err.line, line, "{:?}: {err:?}", String::from_utf8_lossy(&bytes));
            assert!(err.message.contains(needle), "{needle:?} not in {err:?}");
        }
        let huge = format!("{GOOD}#{}\n", "x".repeat(MAX_FORM_BYTES));
        assert!(read_form(huge.as_bytes()).unwrap_err().message.contains("larger"));
    }

    #[test]
    fn a_blank_or_incomplete_form_reads_and_reports_every_missing_value() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let blank = render(&template(Action::Add));
        let (_, form) = read_form(blank.as_bytes()).unwrap();
        let reasons = form_reasons(&form, today, DEFAULT_MAX_AGE_DAYS);
        let incomplete: Vec<&str> = reasons
            .iter()
            .filter(|r| r.code == "incomplete-form")
            .map(|r| r.message.split(':').next().unwrap())
            .collect();
        assert_eq!(
            incomplete,
            ["reference", "account", "requester.name", "requester.email"]
        );
        assert!(!recordable(&form));
        for code in ["unsigned", "no-domains", "not-certified-owned"] {
            assert!(reasons.iter().any(|r| r.code == code), "{code}: {reasons:?}");
        }
        let spaces = GOOD
            .replace("account: acme", "account: ~")
            .replace("{name: Jane Roe", "{name: '  '");
        let (_, form) = read_form(spaces.as_bytes()).unwrap();
        let reasons = form_reasons(&form, today, DEFAULT_MAX_AGE_DAYS);
        let fields: Vec<&str> = reasons
            .iter()
            .filter(|r| r.code == "incomplete-form")
            .map(|r| r.message.split(':').next().unwrap())
            .collect();
        assert_eq!(fields, ["account", "requester.name"]);
    }

    #[test]
    fn a_byte_order_mark_is_not_a_document() {
        let with_bom = format!("\u{feff}{GOOD}");
        let (text, form) = read_form(with_bom.as_bytes()).unwrap();
        assert_eq!(form, good());
        assert!(
            text.starts_with('\u{feff}'),
            "the text is kept exactly as received"
        );
    }

    #[test]
    fn utf8_errors_point_at_the_byte() {
        let err = read_form(b"a: b\nab\xc3(\n").unwrap_err();
        assert_eq!((err.line, err.column), (Some(2), Some(3)));
        assert!(err.located("f.yaml").starts_with("f.yaml:2:3: "));
    }

    /// The classic "billion laughs": nine levels of nine aliases, 9^9 strings once expanded.
    fn billion_laughs(at: &str) -> String {
        let mut bomb = format!("{at}: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for i in 1..10 {
            let list = vec![format!("*a{}", i - 1); 9].join(", ");
            bomb.push_str(&format!("{at}{i}: &a{i} [{list}]\n"));
        }
        bomb
    }

    #[test]
    fn alias_bombs_and_deep_nesting_are_refused_quickly() {
        let started = std::time::Instant::now();
        // serde_norway itself stops expanding aliases after 100 jumps per event of the document…
        let bomb = billion_laughs("a");
        let expanded = serde_yaml::from_str::<serde_yaml::Value>(&bomb).unwrap_err();
        assert!(expanded.to_string().contains("repetition limit"), "{expanded}");
        // …and a form's fields are flat strings, so a bomb in them fails on its first nested list.
        let in_form = format!(
            "{}{bomb}domains: *a9\n",
            GOOD.replace("domains: [acme.com, acme.co.uk]\n", "")
        );
        assert!(read_form(in_form.as_bytes()).is_err());
        let in_requester = GOOD.replace(
            "requester: {name: Jane Roe, title: IT Director, email: jane.roe@acme.com}",
            "requester:\n  name: &a [lol, lol]\n  title: [*a, *a]",
        );
        let err = read_form(in_requester.as_bytes()).unwrap_err();
        assert!(err.message.contains("invalid type"), "{err:?}");
        let deep = format!("domains: {}", "[".repeat(MAX_FORM_BYTES - 20));
        let err = read_form(deep.as_bytes()).unwrap_err();
        assert_eq!((err.line, err.column), (Some(1), Some(1010)));
        assert!(err.message.contains("not a form"), "{err:?}");
        let deep_block: String = (0..500).map(|i| format!("{}- \n", "  ".repeat(i))).collect();
        assert!(read_form(deep_block.as_bytes()).is_err());
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
    }

    #[test]
    fn signature_codes() {
        let mut form = good();
        assert_eq!(form_codes(&form, "2026-11-19"), ["signature-in-future"]);
        assert!(
            form_codes(&form, "2027-02-18").is_empty(),
            "90 days is still valid"
        );
        assert_eq!(form_codes(&form, "2027-02-19"), ["signature-expired"]);
        assert!(form_reasons(&form, day("2027-02-19"), 365).is_empty());
        form.signature.as_mut().unwrap().signed_by = Some("  ".into());
        assert_eq!(form_codes(&form, "2026-11-27"), ["unsigned"]);
        form.signature = None;
        assert_eq!(form_codes(&form, "2026-11-27"), ["unsigned"]);
        assert!(form.certification().is_none());
    }

    #[test]
    fn certification_and_domain_list_codes() {
        let base = good();
        type Change = Box<dyn Fn(&mut Form)>;
        let table: Vec<(Change, Vec<&str>)> = vec![
            (
                Box::new(|f| f.certifications = None),
                vec!["not-certified-owned", "not-certified-restrained"],
            ),
            (
                Box::new(|f| f.certifications.as_mut().unwrap().restraint_methods = Some(vec![])),
                vec!["not-certified-restrained"],
            ),
            (
                Box::new(|f| f.certifications.as_mut().unwrap().domains_belong_to_company = Some(false)),
                vec!["not-certified-owned"],
            ),
            (Box::new(|f| f.domains = None), vec!["no-domains"]),
            (
                Box::new(|f| {
                    f.action = Action::Remove;
                    f.certifications = None;
                }),
                vec![],
            ),
            (
                Box::new(|f| f.action = Action::Disable),
                vec!["disable-lists-domains"],
            ),
            (
                Box::new(|f| {
                    f.action = Action::Disable;
                    f.domains = Some(vec![]);
                }),
                vec![],
            ),
        ];
        for (change, expected) in table {
            let mut form = base.clone();
            change(&mut form);
            assert_eq!(form_codes(&form, "2026-11-27"), expected, "{form:?}");
        }
    }

    fn facts_codes(
        form: &Form,
        security: &SecuritySettings,
        failing: &[(&str, &str)],
        trusted: &[Trusted],
        users: &[String],
    ) -> Vec<&'static str> {
        let facts = AccountFacts {
            security,
            failing_checks: failing,
            trusted,
            user_keys: users,
        };
        account_reasons(form, &facts).iter().map(|r| r.code).collect()
    }

    #[test]
    fn account_codes() {
        let form = good();
        let on = SecuritySettings {
            spoofing_protection: true,
            require_tls: true,
            whitelist: vec!["198.18.7.0/24".parse().unwrap()],
        };
        assert!(facts_codes(&form, &on, &[], &[], &[]).is_empty());
        let off = SecuritySettings::default();
        assert_eq!(
            facts_codes(&form, &off, &[("sources-restrained", "not restrained")], &[], &[]),
            ["certification-contradicts-account"; 3]
        );
        let mut stranger = form.clone();
        stranger.requester.as_mut().unwrap().email = Some("jane@elsewhere.example".into());
        assert_eq!(
            facts_codes(&stranger, &on, &[], &[], &[]),
            ["requester-not-of-company"]
        );
        let trusted = [Trusted {
            domain: "elsewhere.example".into(),
            include_subdomains: false,
        }];
        assert!(facts_codes(&stranger, &on, &[], &trusted, &[]).is_empty());
        let users = ["jane@elsewhere.example".to_string()];
        assert!(facts_codes(&stranger, &on, &[], &[], &users).is_empty());
        stranger.requester.as_mut().unwrap().email = Some("jane@mail.acme.com".into());
        assert_eq!(
            facts_codes(&stranger, &on, &[], &[], &[]),
            ["requester-not-of-company"]
        );
        stranger.include_subdomains = Some(true);
        assert!(facts_codes(&stranger, &on, &[], &[], &[]).is_empty());
        stranger.requester = None;
        assert!(facts_codes(&stranger, &on, &[], &[], &[]).is_empty());
        let mut removal = form.clone();
        removal.action = Action::Remove;
        assert!(facts_codes(&removal, &off, &[("sources-restrained", "x")], &[], &[]).is_empty());
    }

    #[test]
    fn removal_plans() {
        let trusted = [
            Trusted {
                domain: "acme.com".into(),
                include_subdomains: false,
            },
            Trusted {
                domain: "old.example".into(),
                include_subdomains: false,
            },
        ];
        let mut form = good();
        assert_eq!(removals(&form, &trusted), (vec![], vec![]));
        form.action = Action::Replace;
        assert_eq!(removals(&form, &trusted).0, ["old.example"]);
        form.include_subdomains = Some(true);
        assert_eq!(removals(&form, &trusted).0, ["acme.com", "old.example"]);
        form.action = Action::Disable;
        assert_eq!(removals(&form, &trusted).0, ["acme.com", "old.example"]);
        form.action = Action::Remove;
        form.domains = Some(vec!["ACME.com.".into(), "acme.co.uk".into(), "*.x.com".into()]);
        let (removed, reasons) = removals(&form, &trusted);
        assert_eq!(removed, ["acme.com"]);
        let codes: Vec<_> = reasons.iter().map(|r| (r.code, r.domain.as_deref())).collect();
        assert_eq!(
            codes,
            [("not-trusted", Some("acme.co.uk")), ("wildcard", Some("*.x.com"))]
        );
    }

    #[test]
    fn domain_reasons_keep_the_domain_and_drop_what_the_form_codes_say() {
        let problems = [
            Problem::new("public-suffix", "p"),
            Problem::new("no-certification", "n"),
            Problem::new("account-not-secured", "a"),
        ];
        let reasons = domain_reasons([("co.uk", &problems[..])]);
        assert_eq!(reasons.len(), 1);
        assert_eq!(reasons[0].domain.as_deref(), Some("co.uk"));
    }

    #[test]
    fn templates_and_filled_forms_parse_back() {
        for action in [Action::Add, Action::Remove, Action::Replace, Action::Disable] {
            let blank = template(action);
            assert_eq!(parse_form(&render(&blank)).unwrap(), blank, "{action:?}");
        }
        let mut form = good();
        form.requester.as_mut().unwrap().name = Some("Zoë \"Z\" O'Hara: #1".into());
        form.include_subdomains = Some(true);
        let text = render(&form);
        assert_eq!(read_form(text.as_bytes()).unwrap().1, form);
    }
}
