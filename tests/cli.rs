//! Integration tests: the real `xmfax` binary on temporary stores, one module per command noun.

mod cli {
    pub mod common;
    pub mod pg;

    mod accounts;
    mod audit;
    mod completions;
    mod concurrency;
    mod dns;
    mod dns_server;
    mod domains;
    mod feedback;
    mod hostile;
    mod hostile_files;
    mod lists;
    mod output;
    mod postgres_connect;
    mod postgres_roles;
    mod postgres_schema;
    mod postgres_tls;
    mod postgres_url;
    mod requests;
    mod security;
    mod sender;
    mod store_safety;
    mod transfer;
    mod users;
}
