//! Certification integrity: what a signed request form certifies (only the domains it lists, for its
//! account, on the terms it asked), and how old a certification may be on the day it is used.

use super::Problem;
use super::domain::{Certification, normalize_ascii};
use super::form::{self, Action};
use chrono::NaiveDate;

/// Where a certification was given, which decides how messages name its parts: the command line's
/// options, or the columns of an import file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wording {
    Options,
    Columns,
}

/// The day a certification is used and how old it may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rules {
    pub today: NaiveDate,
    pub max_age_days: u32,
    pub wording: Wording,
}

impl Rules {
    fn date_name(self) -> &'static str {
        match self.wording {
            Wording::Options => "--certified-on",
            Wording::Columns => "certified_on",
        }
    }
}

/// What a stored request says about certification: whose it is, whether it was approved, and the
/// form as signed (its action, the domains it lists, whether it asked for subdomains, its signature).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestFacts {
    pub reference: String,
    pub account: String,
    pub approved: bool,
    /// `None` when the recorded form text no longer reads as a form (edited behind xmfax's back).
    pub action: Option<Action>,
    /// The listed domains, normalized ASCII (a name that does not normalize lists nothing).
    pub domains: Vec<String>,
    pub include_subdomains: bool,
    pub signed_by: Option<String>,
    pub signed_on: Option<NaiveDate>,
}

impl RequestFacts {
    /// Reads the facts from a request's record: its reference, account, status and form text.
    pub fn from_record(reference: &str, account: &str, status: &str, form_text: &str) -> RequestFacts {
        let form = form::read_form(form_text.as_bytes()).ok().map(|(_, form)| form);
        RequestFacts {
            reference: reference.to_string(),
            account: account.to_string(),
            approved: status == "approved",
            action: form.as_ref().map(|f| f.action),
            domains: form
                .as_ref()
                .map(|f| {
                    f.domains()
                        .iter()
                        .filter_map(|d| normalize_ascii(d).ok())
                        .collect()
                })
                .unwrap_or_default(),
            include_subdomains: form.as_ref().is_some_and(|f| f.include_subdomains()),
            signed_by: form.as_ref().and_then(|f| f.signed_by().map(str::to_string)),
            signed_on: form.as_ref().and_then(|f| f.signed_on()),
        }
    }

    /// The form's signature as the certification of the domains it lists, when it is signed.
    pub fn certification(&self) -> Option<Certification> {
        Some(Certification {
            certified_by: self.signed_by.clone()?,
            certified_on: self.signed_on?,
            request: Some(self.reference.clone()),
        })
    }
}

/// Why `reference` cannot certify `domain` (normalized ASCII) for `account`, if it cannot: the first
/// rule it breaks, in the order unknown, not approved, other account, not an addition, domain not
/// listed, subdomains not asked, signature too old. `facts` is what the store has under the reference.
pub fn request_problem(
    reference: &str,
    facts: Option<&RequestFacts>,
    account: &str,
    domain: &str,
    include_subdomains: bool,
    rules: Rules,
) -> Option<Problem> {
    let Some(facts) = facts else {
        return Some(Problem::new(
            "request-unknown",
            format!(
                "request {reference:?} is not in this store, so it cannot certify {domain}: give the reference of an approved signed form (`xmfax requests list --status approved`)"
            ),
        ));
    };
    if !facts.approved {
        return Some(Problem::new(
            "request-not-approved",
            format!(
                "request {reference:?} was refused, so it cannot certify {domain}: only an approved signed form certifies domains"
            ),
        ));
    }
    if facts.account != account {
        return Some(Problem::new(
            "request-other-account",
            format!(
                "request {reference:?} was made for account {:?}, not {account:?}, so it cannot certify {domain} for {account:?}",
                facts.account
            ),
        ));
    }
    if !facts.action.is_some_and(Action::trusts_domains) {
        let action = facts.action.map_or("unreadable", Action::as_str);
        return Some(Problem::new(
            "request-not-an-addition",
            format!(
                "request {reference:?} is a {action} form, so it cannot certify {domain}: only an add or replace form certifies the domains it lists"
            ),
        ));
    }
    if !facts.domains.iter().any(|listed| listed == domain) {
        return Some(Problem::new(
            "not-on-request",
            format!(
                "request {reference:?} does not list {domain}: a form certifies only the complete domains it lists; the customer must sign a form that lists it"
            ),
        ));
    }
    if include_subdomains && !facts.include_subdomains {
        return Some(Problem::new(
            "subdomains-not-requested",
            format!(
                "request {reference:?} lists {domain} without its subdomains: trust it without subdomains, or have the customer sign a form with include_subdomains: true"
            ),
        ));
    }
    match facts.signed_on {
        None => Some(Problem::new(
            "certification-expired",
            format!("request {reference:?} has no signature date, so it cannot certify {domain}"),
        )),
        Some(signed_on) if age_in_days(signed_on, rules.today) > i64::from(rules.max_age_days) => {
            Some(Problem::new(
                "certification-expired",
                format!(
                    "request {reference:?} was signed on {signed_on}, {} days ago: a signature certifies domains for {} days, so it no longer certifies {domain}; ask for a newly signed form",
                    age_in_days(signed_on, rules.today),
                    rules.max_age_days
                ),
            ))
        }
        Some(_) => None,
    }
}

/// The problem with a certification date given directly (not by a request), if any: in the future,
/// or older than the maximum age.
pub fn date_problem(certified_on: NaiveDate, rules: Rules) -> Option<Problem> {
    let name = rules.date_name();
    if certified_on > rules.today {
        return Some(Problem::new(
            "certification-in-future",
            format!(
                "the certification date {certified_on} ({name}) is after today ({})",
                rules.today
            ),
        ));
    }
    let age = age_in_days(certified_on, rules.today);
    (age > i64::from(rules.max_age_days)).then(|| {
        Problem::new(
            "certification-expired",
            format!(
                "the certification date {certified_on} ({name}) is {age} days ago: a certification is valid for {} days; ask the customer for a new one",
                rules.max_age_days
            ),
        )
    })
}

/// The refusal for a domain given no certification at all.
pub fn missing(wording: Wording) -> Problem {
    let how = match wording {
        Wording::Options => {
            "give --request REF (an approved signed form) or --certified-by NAME --certified-on DATE"
        }
        Wording::Columns => {
            "fill in the certified_by and certified_on columns (or the request column with an approved signed form)"
        }
    };
    Problem::new("no-certification", format!("no ownership certification: {how}"))
}

fn age_in_days(date: NaiveDate, today: NaiveDate) -> i64 {
    (today - date).num_days()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn rules() -> Rules {
        Rules {
            today: day("2026-11-27"),
            max_age_days: 90,
            wording: Wording::Options,
        }
    }

    fn facts() -> RequestFacts {
        RequestFacts {
            reference: "REQ-1".into(),
            account: "acme".into(),
            approved: true,
            action: Some(Action::Add),
            domains: vec!["acme.example".into(), "xn--bcher-kva.example".into()],
            include_subdomains: false,
            signed_by: Some("Jane Roe".into()),
            signed_on: Some(day("2026-11-20")),
        }
    }

    fn code(
        facts: Option<&RequestFacts>,
        domain: &str,
        subdomains: bool,
        rules: Rules,
    ) -> Option<&'static str> {
        let problem = request_problem("REQ-1", facts, "acme", domain, subdomains, rules);
        if let Some(p) = &problem {
            assert!(p.message.contains("\"REQ-1\""), "{}", p.message);
            assert!(p.message.contains(domain), "{}", p.message);
        }
        problem.map(|p| p.code)
    }

    #[test]
    fn an_approved_add_form_certifies_what_it_lists() {
        let good = facts();
        assert_eq!(code(Some(&good), "acme.example", false, rules()), None);
        assert_eq!(code(Some(&good), "xn--bcher-kva.example", false, rules()), None);
        let replace = RequestFacts {
            action: Some(Action::Replace),
            include_subdomains: true,
            ..facts()
        };
        assert_eq!(code(Some(&replace), "acme.example", true, rules()), None);
    }

    #[test]
    fn every_other_request_is_refused_with_its_code() {
        let refused = RequestFacts {
            approved: false,
            ..facts()
        };
        let other = RequestFacts {
            account: "beta".into(),
            ..facts()
        };
        let removal = RequestFacts {
            action: Some(Action::Remove),
            ..facts()
        };
        let disable = RequestFacts {
            action: Some(Action::Disable),
            ..facts()
        };
        let unreadable = RequestFacts {
            action: None,
            ..facts()
        };
        let unsigned = RequestFacts {
            signed_on: None,
            ..facts()
        };
        let late = Rules {
            today: day("2027-02-19"),
            ..rules()
        };
        let cases = [
            (None, "acme.example", false, rules(), "request-unknown"),
            (
                Some(&refused),
                "acme.example",
                false,
                rules(),
                "request-not-approved",
            ),
            (
                Some(&other),
                "acme.example",
                false,
                rules(),
                "request-other-account",
            ),
            (
                Some(&removal),
                "acme.example",
                false,
                rules(),
                "request-not-an-addition",
            ),
            (
                Some(&disable),
                "acme.example",
                false,
                rules(),
                "request-not-an-addition",
            ),
            (
                Some(&unreadable),
                "acme.example",
                false,
                rules(),
                "request-not-an-addition",
            ),
            (Some(&facts()), "globex.example", false, rules(), "not-on-request"),
            (
                Some(&facts()),
                "mail.acme.example",
                false,
                rules(),
                "not-on-request",
            ),
            (
                Some(&facts()),
                "acme.example",
                true,
                rules(),
                "subdomains-not-requested",
            ),
            (
                Some(&unsigned),
                "acme.example",
                false,
                rules(),
                "certification-expired",
            ),
            (
                Some(&facts()),
                "acme.example",
                false,
                late,
                "certification-expired",
            ),
        ];
        for (facts, domain, subdomains, rules, expected) in cases {
            assert_eq!(
                code(facts, domain, subdomains, rules),
                Some(expected),
                "{domain} {facts:?}"
            );
        }
        let last_day = Rules {
            today: day("2027-02-18"),
            ..rules()
        };
        assert_eq!(code(Some(&facts()), "acme.example", false, last_day), None);
    }

    #[test]
    fn facts_come_from_the_recorded_form() {
        let text = "xmfax_form: trusted-domains/v1\nreference: REQ-1\naccount: acme\naction: add\n\
                    domains: [ACME.example., Bücher.example]\ninclude_subdomains: true\n\
                    signature: {signed_by: Jane Roe, title: CIO, signed_on: 2026-11-20}\n";
        let facts = RequestFacts::from_record("REQ-1", "acme", "approved", text);
        assert_eq!(facts.domains, ["acme.example", "xn--bcher-kva.example"]);
        assert!(facts.approved && facts.include_subdomains);
        assert_eq!(facts.action, Some(Action::Add));
        let certification = facts.certification().unwrap();
        assert_eq!(certification.certified_on, day("2026-11-20"));
        assert_eq!(certification.request.as_deref(), Some("REQ-1"));
        let garbled = RequestFacts::from_record("REQ-1", "acme", "approved", "not: [a form");
        assert_eq!(garbled.action, None);
        assert!(garbled.domains.is_empty());
    }

    #[test]
    fn direct_dates_may_be_neither_in_the_future_nor_too_old() {
        let code = |date: &str, rules: Rules| date_problem(day(date), rules).map(|p| p.code);
        assert_eq!(code("2026-11-27", rules()), None);
        assert_eq!(code("2026-08-29", rules()), None);
        assert_eq!(code("2026-08-28", rules()), Some("certification-expired"));
        assert_eq!(code("2020-01-01", rules()), Some("certification-expired"));
        assert_eq!(code("2026-11-28", rules()), Some("certification-in-future"));
        let long = Rules {
            max_age_days: 5000,
            ..rules()
        };
        assert_eq!(code("2020-01-01", long), None);
    }

    #[test]
    fn messages_name_options_or_columns() {
        let columns = Rules {
            wording: Wording::Columns,
            ..rules()
        };
        let option = date_problem(day("2020-01-01"), rules()).unwrap().message;
        let column = date_problem(day("2020-01-01"), columns).unwrap().message;
        assert!(option.contains("--certified-on"), "{option}");
        assert!(
            column.contains("certified_on") && !column.contains("--"),
            "{column}"
        );
        assert!(missing(Wording::Options).message.contains("--certified-by"));
        let missing_column = missing(Wording::Columns).message;
        assert!(missing_column.contains("certified_by") && !missing_column.contains("--"));
    }
}
