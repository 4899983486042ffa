//! Integration tests: the real `xmfax` binary on temporary stores, one module per command noun.

mod cli {
    pub mod common;

    mod accounts;
    mod audit;
    mod completions;
    mod security;
    mod transfer;
    mod users;
}
