//! xmfax as a library: the support agents' tool for trusted email domains of email-to-fax.
//! The binary (`src/main.rs`) only parses the command line and maps outcomes to exit codes; fuzz targets
//! and benchmarks reach the pure rules in [`policy`] through here.
#![forbid(unsafe_code)]

pub mod cli;
pub mod cmd;
pub mod dns;
pub mod model;
pub mod output;
pub mod policy;
pub mod store;
