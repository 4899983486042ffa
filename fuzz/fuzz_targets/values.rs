//! Fuzzes the account value rules and whitelist networks: no panic, and accepted values are canonical.
#![no_main]

use libfuzzer_sys::fuzz_target;
use xmfax::policy::{account, network};

fuzz_target!(|input: &str| {
    if let Ok(net) = network::parse_network(input) {
        assert_eq!(network::parse_network(&net.to_string()), Ok(net));
    }
    if let Ok(number) = account::normalize_fax_number(input) {
        assert_eq!(account::normalize_fax_number(&number), Ok(number.clone()));
    }
    if let Ok(address) = account::normalize_user_address(input) {
        assert_eq!(account::normalize_user_address(&address.display).map(|a| a.key), Ok(address.key));
    }
    let _ = account::validate_account_id(input);
    let _ = account::normalize_language(input);
});
