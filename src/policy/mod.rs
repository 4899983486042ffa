//! The functional core: every rule of the product as pure functions over plain values.
//! Nothing here touches SQL, files, the clock, the terminal or prompts; the current time is a parameter.

pub mod account;
pub mod audit;
pub mod domain;
pub mod import;
pub mod network;
pub mod security;

use serde::Serialize;

/// One reason a rule refuses something, with a stable machine-readable code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub code: &'static str,
    pub message: String,
}

impl Problem {
    pub fn new(code: &'static str, message: impl Into<String>) -> Self {
        Problem {
            code,
            message: message.into(),
        }
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}
