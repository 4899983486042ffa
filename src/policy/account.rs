//! Account-level value rules: account IDs, E.164 fax numbers, supported languages, email addresses of users.

use super::domain;
// Re-exported: user and certifier checks have always named it here.
pub use super::text::is_invisible_or_bidi;

/// Languages the fax service can use for its notifications and cover pages.
pub const LANGUAGES: &[&str] = &["en", "fr", "de", "es", "it", "pt", "nl", "ja", "zh"];

pub fn validate_account_id(id: &str) -> Result<(), String> {
    super::refuse_oversized("account ID", id, 63)?;
    let valid_chars = id
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    let valid_start = id
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
    if valid_chars && valid_start && id.len() <= 63 {
        Ok(())
    } else {
        Err(format!(
            "invalid account ID {id:?}: use 1 to 63 characters of a-z, 0-9 and '-', not starting with '-'"
        ))
    }
}

/// Parses a phone number written in international form and returns it as E.164 (`+16502530000`).
pub fn normalize_fax_number(input: &str) -> Result<String, String> {
    super::refuse_oversized("fax number", input, 64)?;
    let trimmed = input.trim();
    if !trimmed.starts_with('+') {
        return Err(format!(
            "invalid fax number {input:?}: write it in international form with its country code, e.g. +16502530000"
        ));
    }
    // phonenumber accepts some junk between digits; refuse letters so "+1 650 CALL NOW" is not silently read as digits.
    if trimmed
        .chars()
        .any(|c| !(c.is_ascii_digit() || matches!(c, '+' | ' ' | '-' | '.' | '(' | ')')))
    {
        return Err(format!(
            "invalid fax number {input:?}: only digits, spaces, '-', '.', '(' and ')' may follow the '+'"
        ));
    }
    let number =
        phonenumber::parse(None, trimmed).map_err(|e| format!("invalid fax number {input:?}: {e}"))?;
    if !phonenumber::is_valid(&number) {
        return Err(format!(
            "invalid fax number {input:?}: not a valid number for its country code"
        ));
    }
    Ok(number.format().mode(phonenumber::Mode::E164).to_string())
}

pub fn normalize_language(input: &str) -> Result<String, String> {
    super::refuse_oversized("language", input, 16)?;
    let code = input.trim().to_ascii_lowercase();
    if LANGUAGES.contains(&code.as_str()) {
        Ok(code)
    } else {
        Err(format!(
            "unsupported language {input:?}: choose one of {}",
            LANGUAGES.join(", ")
        ))
    }
}

pub fn validate_profile(input: &str) -> Result<String, String> {
    super::refuse_oversized("faxing profile name", input, 400)?;
    let name = input.trim();
    if name.is_empty() || name.len() > 100 || name.chars().any(char::is_control) {
        return Err(format!(
            "invalid faxing profile name {input:?}: 1 to 100 printable characters"
        ));
    }
    Ok(name.to_string())
}

pub fn validate_account_name(input: &str) -> Result<String, String> {
    super::refuse_oversized("account name", input, 800)?;
    let name = input.trim();
    if name.is_empty() || name.len() > 200 || name.chars().any(char::is_control) {
        return Err(format!(
            "invalid account name {input:?}: 1 to 200 printable characters"
        ));
    }
    Ok(name.to_string())
}

/// A user's email address, split so that it can be compared the way the gateway compares senders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserAddress {
    /// As it will be displayed: local part as given, domain in normalized ASCII.
    pub display: String,
    /// Lower-case local part and normalized domain: the identity of the address.
    pub key: String,
    pub domain: String,
}

/// The identity of an address: the local part with its ASCII letters in lower case `@` normalized
/// ASCII domain. Registered users
/// are stored under it and the sender test looks senders up by it, so both must use this function.
pub fn address_key(local: &str, ascii_domain: &str) -> String {
    // ASCII letters only: Unicode case folding maps e.g. KELVIN SIGN onto `k`, which the mail system
    // does not, so a look-alike local part would take a registered user's place.
    let mut key = String::with_capacity(local.len() + 1 + ascii_domain.len());
    key.push_str(local);
    key.make_ascii_lowercase();
    key.push('@');
    key.push_str(ascii_domain);
    key
}

/// Validates a plain `local@domain` address for a registered user.
pub fn normalize_user_address(input: &str) -> Result<UserAddress, String> {
    super::refuse_oversized("email address", input, 1024)?;
    let trimmed = input.trim();
    if let Some(bad) = trimmed
        .chars()
        .find(|&c| c.is_control() || is_invisible_or_bidi(c))
    {
        return Err(format!(
            "invalid email address {input:?}: it contains the invisible or control character {}",
            bad.escape_unicode()
        ));
    }
    let Some((local, domain_part)) = trimmed.rsplit_once('@') else {
        return Err(format!("invalid email address {input:?}: it has no '@'"));
    };
    // The gateway compares local parts exactly but for ASCII case, and refuses senders whose local
    // part is not NFC: what the agent typed is stored in the one form a sender can match.
    let local = &*super::text::nfc(local);
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| !c.is_ascii() || c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c));
    if !local_ok {
        return Err(format!(
            "invalid email address {input:?}: the part before '@' must be a plain local part (letters, digits, and !#$%&'*+-/=?^_`{{|}}~. without leading, trailing or double dots)"
        ));
    }
    let domain = domain::normalize(domain_part)
        .map_err(|p| format!("invalid email address {input:?}: {}", p.message))?;
    if !domain.ascii.contains('.') {
        return Err(format!(
            "invalid email address {input:?}: the domain {:?} has no dot",
            domain.ascii
        ));
    }
    Ok(UserAddress {
        display: format!("{local}@{}", domain.ascii),
        key: address_key(local, &domain.ascii),
        domain: domain.ascii,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn account_ids() {
        for ok in ["acme", "a", "acme-2", "0day", &"a".repeat(63)] {
            assert!(validate_account_id(ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "-acme",
            "Acme",
            "acme_corp",
            "acme corp",
            &"a".repeat(64),
            "é",
        ] {
            assert!(validate_account_id(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn fax_numbers_become_e164() {
        assert_eq!(normalize_fax_number("+1 650-253-0000").unwrap(), "+16502530000");
        assert_eq!(normalize_fax_number("+33 1 42 68 53 00").unwrap(), "+33142685300");
        assert_eq!(normalize_fax_number(" +442079460000 ").unwrap(), "+442079460000");
    }

    #[test]
    fn bad_fax_numbers_are_refused() {
        for bad in [
            "6502530000",
            "+1",
            "+1 650 253",
            "+999 1234567",
            "+1 650 CALL NOW",
            "",
            "+",
        ] {
            assert!(normalize_fax_number(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn languages() {
        assert_eq!(normalize_language("FR").unwrap(), "fr");
        assert!(normalize_language("klingon").is_err());
    }

    #[test]
    fn user_addresses() {
        let a = normalize_user_address("Jane.Roe@ACME.com.").unwrap();
        assert_eq!(a.display, "Jane.Roe@acme.com");
        assert_eq!(a.key, "jane.roe@acme.com");
        let idn = normalize_user_address("max@bücher.example").unwrap();
        assert_eq!(idn.domain, "xn--bcher-kva.example");
        for bad in [
            "",
            "jane",
            "@acme.com",
            "jane@",
            "ja ne@acme.com",
            ".j@acme.com",
            "j..r@acme.com",
            "j@localhost",
            "j@[1.2.3.4]",
        ] {
            assert!(normalize_user_address(bad).is_err(), "{bad}");
        }
    }
}
