//! The functional core: every rule of the product as pure functions over plain values.
//! Nothing here touches SQL, files, the clock, the terminal or prompts; the current time is a parameter.

pub mod account;
pub mod audit;
pub mod auth_results;
pub mod certification;
pub mod dns;
pub mod domain;
pub mod form;
pub mod import;
pub mod mailbox;
pub mod network;
pub mod received;
pub mod security;
pub mod sender;

#[cfg(test)]
mod hostile;

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

/// Refuses a value far longer than any valid one before it is parsed or quoted in a message, so that
/// hostile input costs nothing and errors stay readable.
pub fn refuse_oversized(what: &str, input: &str, max: usize) -> Result<(), String> {
    if input.len() <= max {
        return Ok(());
    }
    let start: String = input.chars().take(24).collect();
    Err(format!(
        "invalid {what} {start:?}…: it is {} bytes long (at most {max})",
        input.len()
    ))
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}
