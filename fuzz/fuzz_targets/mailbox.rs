//! Fuzzes the RFC 5322 mailbox parser: no panic; an accepted mailbox has one domain with no '@',
//! and its canonical form parses back to the same address.
#![no_main]

use libfuzzer_sys::fuzz_target;
use xmfax::policy::mailbox;

fuzz_target!(|input: &str| {
    if let Ok(parsed) = mailbox::parse_mailbox(input) {
        assert!(!parsed.domain.contains('@'));
        assert!(!parsed.local_part.is_empty() && !parsed.domain.is_empty());
        let canonical = format!("{}@{}", parsed.local_part, parsed.domain);
        let again = mailbox::parse_mailbox(&canonical).expect("the canonical form parses");
        assert_eq!((again.local_part, again.domain), (parsed.local_part, parsed.domain));
    }
});
