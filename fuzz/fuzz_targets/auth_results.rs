//! Fuzzes the Authentication-Results tokenizer and the Received header reader: no panic, and a
//! header under another authserv-id never changes what is trusted.
#![no_main]

use libfuzzer_sys::fuzz_target;
use xmfax::policy::{auth_results, received};

fuzz_target!(|input: &str| {
    let _ = received::parse_received(input);
    if let Ok(parsed) = auth_results::parse_authentication_results(input) {
        let trusted = "mx.fax.example";
        let summary = auth_results::summarize([&parsed], trusted);
        if !parsed.authserv_id.eq_ignore_ascii_case(trusted) {
            assert_eq!(summary, auth_results::summarize(std::iter::empty(), trusted));
        }
    }
});
