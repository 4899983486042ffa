-- xmfax store, schema version 1 (migration 1). Shipped migrations are never edited: append a new one.
PRAGMA application_id = 1481459288; -- 'XMFX'

CREATE TABLE accounts (
    id                  TEXT PRIMARY KEY,
    name                TEXT NOT NULL,
    fax_number          TEXT NOT NULL,            -- E.164
    region              TEXT NOT NULL CHECK (region IN ('us', 'eu', 'ca')),
    profile             TEXT NOT NULL,            -- default faxing profile
    language            TEXT NOT NULL,            -- default user language
    spoofing_protection INTEGER NOT NULL DEFAULT 0 CHECK (spoofing_protection IN (0, 1)),
    require_tls         INTEGER NOT NULL DEFAULT 0 CHECK (require_tls IN (0, 1)),
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL
) STRICT;

CREATE TABLE users (
    email_key   TEXT PRIMARY KEY,                 -- lower-case local part @ normalized ASCII domain: one account per address
    account_id  TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    email       TEXT NOT NULL,                    -- as displayed
    profile     TEXT,
    language    TEXT,
    fax_number  TEXT,
    created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX users_account ON users(account_id);

CREATE TABLE whitelist (
    account_id  TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    network     TEXT NOT NULL,                    -- canonical CIDR, host bits zero
    created_at  TEXT NOT NULL,
    PRIMARY KEY (account_id, network)
) STRICT, WITHOUT ROWID;

CREATE TABLE trusted_domains (
    domain              TEXT PRIMARY KEY,         -- normalized ASCII; a domain belongs to at most one account
    account_id          TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    include_subdomains  INTEGER NOT NULL DEFAULT 0 CHECK (include_subdomains IN (0, 1)),
    certified_by        TEXT,
    certified_on        TEXT,                     -- YYYY-MM-DD
    request_ref         TEXT,
    import_id           INTEGER,
    added_by            TEXT NOT NULL,
    added_at            TEXT NOT NULL
) STRICT;
CREATE INDEX trusted_domains_account ON trusted_domains(account_id);

CREATE TABLE requests (
    reference     TEXT PRIMARY KEY,
    account_id    TEXT NOT NULL,                  -- no foreign key: the record outlives the account
    action        TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('approved', 'refused')),
    form_text     TEXT NOT NULL,
    form_sha256   TEXT NOT NULL,
    signed_by     TEXT,                           -- the form's signature: the certification of its domains
    signed_on     TEXT,                           -- YYYY-MM-DD
    reasons       TEXT NOT NULL,                  -- JSON array of {code, message, domain?}
    changes       TEXT NOT NULL,                  -- JSON {added: [], removed: []}
    processed_by  TEXT NOT NULL,
    processed_at  TEXT NOT NULL
) STRICT;
CREATE INDEX requests_account ON requests(account_id);

CREATE TABLE imports (
    id           INTEGER PRIMARY KEY,
    file         TEXT NOT NULL,
    sha256       TEXT NOT NULL,
    counts       TEXT NOT NULL,                   -- JSON
    imported_by  TEXT NOT NULL,
    imported_at  TEXT NOT NULL
) STRICT;

-- Append-only and hash-chained: each row's hash covers the previous hash and its own fields.
CREATE TABLE audit (
    seq        INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    agent      TEXT NOT NULL,
    action     TEXT NOT NULL,
    account    TEXT,
    subject    TEXT,
    details    TEXT NOT NULL,                     -- JSON
    prev_hash  TEXT NOT NULL,
    hash       TEXT NOT NULL
) STRICT;
CREATE INDEX audit_account ON audit(account, seq);

-- The newest row written, so that removing rows from the end of the chain is detected too.
CREATE TABLE audit_head (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    seq   INTEGER NOT NULL,
    hash  TEXT NOT NULL
) STRICT;
