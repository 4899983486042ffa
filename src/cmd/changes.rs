//! Orchestration that several commands share: planning and applying trusted-domain changes (for
//! `domains add|remove`, signed forms and imports), an account's securing check, and date parsing.

use crate::model::TrustedDomain;
use crate::policy::certification::{self, RequestFacts, Rules};
use crate::policy::domain::{self, Certification, Given, Holder};
use crate::policy::{Problem, security};
use crate::store::{Db, Tx};
use anyhow::{Result, bail};
use chrono::NaiveDate;
use serde::Serialize;
use serde_json::json;

pub fn parse_date(input: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(input.trim(), "%Y-%m-%d")
        .map_err(|_| format!("{input:?} is not a date in YYYY-MM-DD form"))
}

/// One domain that cannot be trusted, with every reason.
#[derive(Debug, Clone, Serialize)]
pub struct Refusal {
    pub domain: String,
    pub reasons: Vec<Problem>,
}

/// What trusting a list of domains would do; computed inside the write transaction that applies it.
#[derive(Debug, Default)]
pub struct AdditionPlan {
    /// New trusted domains, and domains of the same account widened to their subdomains
    /// (`apply_additions` replaces those rows).
    pub added: Vec<TrustedDomain>,
    /// Already trusted by the same account on at least the asked terms (ASCII form).
    pub unchanged: Vec<String>,
    pub refused: Vec<Refusal>,
}

/// A request to trust domains for one account, as `domains add`, a signed form or an import makes it.
pub struct NewDomains<'a> {
    pub account: &'a str,
    pub inputs: &'a [String],
    pub include_subdomains: bool,
    pub certification: Option<&'a Certification>,
    /// The request reference given as the certification, with what the store has under it
    /// (`domains add --request`): each domain must be one the form certifies.
    pub request: Option<(&'a str, Option<&'a RequestFacts>)>,
    /// Who adds them and when (recorded on each domain).
    pub agent: &'a str,
    pub now: &'a str,
    /// Today's date and the maximum age of a certification.
    pub rules: Rules,
}

/// Checks every input domain for the account and plans the additions. Nothing is written.
pub fn plan_additions(db: &Db<'_>, new: &NewDomains<'_>) -> Result<AdditionPlan> {
    let NewDomains {
        account,
        inputs,
        include_subdomains,
        certification,
        request,
        agent,
        now,
        rules,
    } = *new;
    let report = check_report(db, account)?;
    let failing = security::failing(&report.checks);
    let mut plan = AdditionPlan::default();
    let mut seen = std::collections::HashSet::new();
    for input in inputs {
        let assessment = domain::assess_grant(input, include_subdomains);
        let Some(normalized) = assessment.domain else {
            plan.refused.push(Refusal {
                domain: input.trim().to_string(),
                reasons: assessment.problems,
            });
            continue;
        };
        if !seen.insert(normalized.ascii.clone()) {
            continue;
        }
        // Asking for subdomains of a domain the account trusts alone is a wider grant: it goes through
        // every check again. Asking for less than is trusted changes nothing (remove it to narrow it).
        if let Some(existing) = db.trusted_domain(&normalized.ascii)?
            && existing.account == account
            && (existing.include_subdomains || !include_subdomains)
        {
            plan.unchanged.push(normalized.ascii);
            continue;
        }
        let holders = holders_of(db, &normalized.ascii, include_subdomains.then_some(account))?;
        let mut problems = assessment.problems;
        let request_refusal = request.and_then(|(reference, facts)| {
            certification::request_problem(
                reference,
                facts,
                account,
                &normalized.ascii,
                include_subdomains,
                rules,
            )
        });
        let given = match (&request_refusal, certification) {
            (Some(refusal), _) => Given::Refused(refusal),
            (None, Some(c)) => Given::Certified(c),
            (None, None) => Given::Missing,
        };
        problems.extend(domain::account_problems(
            account, &holders, given, &failing, rules,
        ));
        if problems.is_empty() {
            plan.added.push(TrustedDomain {
                domain: normalized.ascii,
                unicode: normalized.unicode,
                account: account.to_string(),
                include_subdomains,
                certified_by: certification.map(|c| c.certified_by.trim().to_string()),
                certified_on: certification.map(|c| c.certified_on.to_string()),
                request: certification.and_then(|c| c.request.clone()),
                added_by: agent.to_string(),
                added_at: now.to_string(),
            });
        } else {
            plan.refused.push(Refusal {
                domain: normalized.ascii,
                reasons: problems,
            });
        }
    }
    Ok(plan)
}

/// Trusted domains that conflict with trusting `ascii`: itself, a parent covering its subdomains,
/// and, when `subdomains_for` an account, any name below it held by another account.
pub fn holders_of(db: &Db<'_>, ascii: &str, subdomains_for: Option<&str>) -> Result<Vec<Holder>> {
    let mut holders = Vec::new();
    let mut lookup_error = None;
    let covering = domain::trusted_match(ascii, |name| match db.trusted_domain(name) {
        Ok(found) => found,
        Err(e) => {
            lookup_error = Some(e);
            None
        }
    });
    if let Some(e) = lookup_error {
        return Err(e);
    }
    let as_holder = |d: TrustedDomain| Holder {
        account: d.account,
        domain: d.domain,
        include_subdomains: d.include_subdomains,
    };
    holders.extend(covering.map(as_holder));
    if let Some(account) = subdomains_for {
        holders.extend(
            db.trusted_domains_below(ascii, account)?
                .into_iter()
                .map(as_holder),
        );
    }
    Ok(holders)
}

/// Writes planned additions, each with its audit row (which keeps the replaced row of a widened domain).
pub fn apply_additions(tx: &mut Tx<'_>, added: &[TrustedDomain]) -> Result<()> {
    for domain in added {
        let previous = tx.db().trusted_domain(&domain.domain)?;
        let mut details = json!(domain);
        match previous {
            None => tx.insert_trusted_domain(domain)?,
            Some(previous) if previous.account == domain.account && tx.update_trusted_domain(domain)? => {
                details["previous"] = json!(previous);
            }
            Some(previous) => bail!(
                "{} is already trusted by account {:?}; nothing was added",
                domain.domain,
                previous.account
            ),
        }
        tx.audit(
            "domains.add",
            Some(&domain.account),
            Some(&domain.domain),
            details,
        )?;
    }
    Ok(())
}

/// Stops trusting domains of an account, each with its audit row; fails (rolling back the whole
/// transaction) when the account does not trust one of them.
pub fn apply_removals(
    tx: &mut Tx<'_>,
    account: &str,
    domains: &[String],
    request: Option<&str>,
) -> Result<()> {
    for domain in domains {
        let removed = tx.db().trusted_domain(domain)?;
        if !tx.delete_trusted_domain(account, domain)? {
            bail!("{domain} is not a trusted domain of account {account:?}; nothing was removed");
        }
        tx.audit(
            "domains.remove",
            Some(account),
            Some(domain),
            json!({"request": request, "removed": removed}),
        )?;
    }
    Ok(())
}

/// The result of `security check`: JSON `{"account", "passed", "checks": [{id, status, message}]}`.
#[derive(Debug, Serialize)]
pub struct CheckReport {
    pub account: String,
    pub passed: bool,
    pub checks: Vec<security::Check>,
}

/// Runs the securing checks of an account as the store has it now.
pub fn check_report(db: &Db<'_>, account: &str) -> Result<CheckReport> {
    let account = db.require_account(account)?;
    let settings = db.security_settings(&account)?;
    let checks = security::check(&settings, &db.uncertified_domains(&account.id)?);
    Ok(CheckReport {
        passed: security::passed(&checks),
        account: account.id,
        checks,
    })
}
