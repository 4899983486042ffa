//! Fuzzes the signed request form reader and its form-only rules: arbitrary bytes never panic or hang.
#![no_main]

use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;
use xmfax::policy::form;

fuzz_target!(|bytes: &[u8]| {
    if let Ok((_text, parsed)) = form::read_form(bytes) {
        let today = NaiveDate::from_ymd_opt(2026, 11, 27).expect("a valid date");
        let _ = form::form_reasons(&parsed, today, form::DEFAULT_MAX_AGE_DAYS);
    }
});
