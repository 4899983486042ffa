//! Fuzzes domain normalization, the certification checks and trusted-domain matching.
#![no_main]

use libfuzzer_sys::fuzz_target;
use xmfax::policy::domain;

struct Subdomains;
impl domain::TrustRule for Subdomains {
    fn include_subdomains(&self) -> bool {
        true
    }
}

fuzz_target!(|input: &str| {
    let assessment = domain::assess(input);
    assert!(assessment.domain.is_some() || !assessment.problems.is_empty());
    if let Some(normalized) = assessment.domain {
        // Idempotent: the stored form normalizes to itself.
        let again = domain::normalize(&normalized.ascii).expect("a normalized domain normalizes");
        assert_eq!(again.ascii, normalized.ascii);
        // Label-bounded: a match is the trusted name itself or ends with "." + it.
        if let Some((_, parent)) = normalized.ascii.split_once('.') {
            let trusted = parent.to_string();
            let matched = domain::trusted_match(&normalized.ascii, |d| (d == trusted).then_some(Subdomains));
            assert!(matched.is_some());
            assert!(normalized.ascii.ends_with(&format!(".{trusted}")));
        }
    }
});
