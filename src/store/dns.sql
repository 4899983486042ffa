-- DNS checks: domain-control challenges and proofs, and the store's own settings.
CREATE TABLE dns_challenges (
    account_id  TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    domain      TEXT NOT NULL,                    -- normalized ASCII; need not be trusted (yet)
    token       TEXT NOT NULL,
    issued_by   TEXT NOT NULL,
    issued_at   TEXT NOT NULL,
    PRIMARY KEY (account_id, domain)
) STRICT, WITHOUT ROWID;

-- A proof belongs to the account and the domain: it shows on the trusted domain when the account
-- trusts it, and stays on the account for a domain not trusted (yet).
CREATE TABLE dns_proofs (
    account_id  TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    domain      TEXT NOT NULL,
    proven_at   TEXT NOT NULL,
    server      TEXT NOT NULL,                    -- the DNS server(s) asked
    record      TEXT NOT NULL,                    -- the TXT record seen
    proven_by   TEXT NOT NULL,
    PRIMARY KEY (account_id, domain)
) STRICT, WITHOUT ROWID;

CREATE TABLE settings (
    name   TEXT PRIMARY KEY,
    value  TEXT NOT NULL
) STRICT;
