-- xmfax store on PostgreSQL: the schema of SQLite store version 5 (schema.sql, dns.sql and the code
-- migrations up to the configuration digest) in one step. Later migrations are appended for both
-- backends. Integers are BIGINT and booleans 0/1, as in SQLite, so that rows hash the same on both
-- (the configuration digest); text sorts byte-wise (COLLATE "C"), as SQLite's BINARY collation.
CREATE TABLE xmfax_meta (
    name   TEXT COLLATE "C" PRIMARY KEY,
    value  TEXT COLLATE "C" NOT NULL
);

CREATE TABLE accounts (
    id                  TEXT COLLATE "C" PRIMARY KEY,
    name                TEXT COLLATE "C" NOT NULL,
    fax_number          TEXT COLLATE "C" NOT NULL,
    region              TEXT COLLATE "C" NOT NULL CHECK (region IN ('us', 'eu', 'ca')),
    profile             TEXT COLLATE "C" NOT NULL,
    language            TEXT COLLATE "C" NOT NULL,
    spoofing_protection BIGINT NOT NULL DEFAULT 0 CHECK (spoofing_protection IN (0, 1)),
    require_tls         BIGINT NOT NULL DEFAULT 0 CHECK (require_tls IN (0, 1)),
    created_at          TEXT COLLATE "C" NOT NULL,
    updated_at          TEXT COLLATE "C" NOT NULL
);

CREATE TABLE users (
    email_key   TEXT COLLATE "C" PRIMARY KEY,
    account_id  TEXT COLLATE "C" NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    email       TEXT COLLATE "C" NOT NULL,
    profile     TEXT COLLATE "C",
    language    TEXT COLLATE "C",
    fax_number  TEXT COLLATE "C",
    created_at  TEXT COLLATE "C" NOT NULL
);
CREATE INDEX users_account ON users(account_id, email_key);

CREATE TABLE whitelist (
    account_id  TEXT COLLATE "C" NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    network     TEXT COLLATE "C" NOT NULL,
    created_at  TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (account_id, network)
);

CREATE TABLE trusted_domains (
    domain              TEXT COLLATE "C" PRIMARY KEY,
    -- References accounts(id) ON DELETE CASCADE, as in SQLite, kept by the statement triggers
    -- below rather than a foreign key: a key checks each row on its own, which made a million-row
    -- import's COPY take half as long again; a statement trigger checks the distinct accounts of all
    -- its rows at once.
    account_id          TEXT COLLATE "C" NOT NULL,
    include_subdomains  BIGINT NOT NULL DEFAULT 0 CHECK (include_subdomains IN (0, 1)),
    certified_by        TEXT COLLATE "C",
    certified_on        TEXT COLLATE "C",
    request_ref         TEXT COLLATE "C",
    import_id           BIGINT,
    added_by            TEXT COLLATE "C" NOT NULL,
    added_at            TEXT COLLATE "C" NOT NULL,
    labels_reversed     TEXT COLLATE "C",
    -- SQLite's rowid: the batch sender test reads the table in slices of it, in parallel. Not
    -- indexed: the slices are read whole anyway, and an import would pay for one more index.
    rowid               BIGINT GENERATED ALWAYS AS IDENTITY (CACHE 1000)
);
CREATE INDEX trusted_domains_account ON trusted_domains(account_id, domain);
CREATE INDEX trusted_domains_reversed ON trusted_domains(labels_reversed);

CREATE FUNCTION xmfax_trusted_domains_have_accounts() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    wanted text[];
    found bigint;
BEGIN
    -- The written rows are read once, for their distinct accounts; then each of those accounts is
    -- looked up and locked once. (A join of every written row with its account, then a second
    -- scan for the missing ones, took 6.9 s of a million-row COPY; this takes under one.)
    SELECT array_agg(account_id) INTO wanted FROM (SELECT DISTINCT account_id FROM written) AS ids;
    -- As a foreign key does: the accounts stay until this transaction ends.
    SELECT count(*) INTO found FROM (SELECT 1 FROM accounts WHERE id = ANY (wanted) FOR KEY SHARE) AS locked;
    IF found <> coalesce(cardinality(wanted), 0) THEN
        RAISE EXCEPTION 'a trusted domain of an account that does not exist'
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER trusted_domains_account_inserted AFTER INSERT ON trusted_domains
    REFERENCING NEW TABLE AS written
    FOR EACH STATEMENT EXECUTE FUNCTION xmfax_trusted_domains_have_accounts();
CREATE TRIGGER trusted_domains_account_updated AFTER UPDATE ON trusted_domains
    REFERENCING NEW TABLE AS written
    FOR EACH STATEMENT EXECUTE FUNCTION xmfax_trusted_domains_have_accounts();

CREATE FUNCTION xmfax_accounts_take_their_domains() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM trusted_domains WHERE account_id IN (SELECT id FROM removed);
    RETURN NULL;
END
$$;
CREATE TRIGGER accounts_deleted AFTER DELETE ON accounts
    REFERENCING OLD TABLE AS removed
    FOR EACH STATEMENT EXECUTE FUNCTION xmfax_accounts_take_their_domains();

CREATE FUNCTION xmfax_accounts_keep_their_ids() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM previous JOIN trusted_domains ON trusted_domains.account_id = previous.id
               WHERE NOT EXISTS (SELECT 1 FROM accounts WHERE id = previous.id)) THEN
        RAISE EXCEPTION 'an account with trusted domains cannot change its ID'
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER accounts_renamed AFTER UPDATE ON accounts
    REFERENCING OLD TABLE AS previous
    FOR EACH STATEMENT EXECUTE FUNCTION xmfax_accounts_keep_their_ids();

-- TRUNCATE fires no row or DELETE trigger: it would leave the domains of every account behind.
CREATE FUNCTION xmfax_accounts_not_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'accounts cannot be truncated: remove them with xmfax accounts remove'
        USING ERRCODE = 'foreign_key_violation';
END
$$;
CREATE TRIGGER accounts_no_truncate BEFORE TRUNCATE ON accounts
    FOR EACH STATEMENT EXECUTE FUNCTION xmfax_accounts_not_truncated();

CREATE TABLE requests (
    reference     TEXT COLLATE "C" PRIMARY KEY,
    account_id    TEXT COLLATE "C" NOT NULL,
    action        TEXT COLLATE "C" NOT NULL,
    status        TEXT COLLATE "C" NOT NULL CHECK (status IN ('approved', 'refused')),
    form_text     TEXT COLLATE "C" NOT NULL,
    form_sha256   TEXT COLLATE "C" NOT NULL,
    signed_by     TEXT COLLATE "C",
    signed_on     TEXT COLLATE "C",
    reasons       TEXT COLLATE "C" NOT NULL,
    changes       TEXT COLLATE "C" NOT NULL,
    processed_by  TEXT COLLATE "C" NOT NULL,
    processed_at  TEXT COLLATE "C" NOT NULL
);
CREATE INDEX requests_account ON requests(account_id, processed_at, reference);
CREATE INDEX requests_processed ON requests(processed_at, reference);

CREATE TABLE imports (
    id           BIGINT PRIMARY KEY,
    file         TEXT COLLATE "C" NOT NULL,
    sha256       TEXT COLLATE "C" NOT NULL,
    counts       TEXT COLLATE "C" NOT NULL,
    imported_by  TEXT COLLATE "C" NOT NULL,
    imported_at  TEXT COLLATE "C" NOT NULL
);

CREATE TABLE audit (
    seq        BIGINT PRIMARY KEY,
    at         TEXT COLLATE "C" NOT NULL,
    agent      TEXT COLLATE "C" NOT NULL,
    action     TEXT COLLATE "C" NOT NULL,
    account    TEXT COLLATE "C",
    subject    TEXT COLLATE "C",
    details    TEXT COLLATE "C" NOT NULL,
    prev_hash  TEXT COLLATE "C" NOT NULL,
    hash       TEXT COLLATE "C" NOT NULL,
    digest     TEXT COLLATE "C"
);
CREATE INDEX audit_account ON audit(account, seq);

CREATE TABLE audit_head (
    id      BIGINT PRIMARY KEY CHECK (id = 1),
    seq     BIGINT NOT NULL,
    hash    TEXT COLLATE "C" NOT NULL,
    digest  TEXT COLLATE "C"
);

CREATE TABLE config_digest (
    tbl     TEXT COLLATE "C" PRIMARY KEY,
    rows    BIGINT NOT NULL,
    digest  TEXT COLLATE "C" NOT NULL
);

CREATE TABLE dns_challenges (
    account_id  TEXT COLLATE "C" NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    domain      TEXT COLLATE "C" NOT NULL,
    token       TEXT COLLATE "C" NOT NULL,
    issued_by   TEXT COLLATE "C" NOT NULL,
    issued_at   TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (account_id, domain)
);

CREATE TABLE dns_proofs (
    account_id  TEXT COLLATE "C" NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    domain      TEXT COLLATE "C" NOT NULL,
    proven_at   TEXT COLLATE "C" NOT NULL,
    server      TEXT COLLATE "C" NOT NULL,
    record      TEXT COLLATE "C" NOT NULL,
    proven_by   TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (account_id, domain)
);

CREATE TABLE settings (
    name   TEXT COLLATE "C" PRIMARY KEY,
    value  TEXT COLLATE "C" NOT NULL
);

-- The audit trail is append-only for everyone, the agents' role included: a row once written is
-- never changed or removed (the hash chain detects it; the trigger prevents it).
CREATE FUNCTION xmfax_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit trail is append-only: % on audit refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit
    FOR EACH ROW EXECUTE FUNCTION xmfax_audit_append_only();
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit
    FOR EACH STATEMENT EXECUTE FUNCTION xmfax_audit_append_only();
-- ALWAYS: they fire under session_replication_role = replica too (only the owner can disable them).
ALTER TABLE audit ENABLE ALWAYS TRIGGER audit_append_only;
ALTER TABLE audit ENABLE ALWAYS TRIGGER audit_no_truncate;

-- The trigger functions find their tables in this schema only, with pg_temp last: a temporary
-- table named accounts or trusted_domains, which any role may create, must not stand in for them.
DO $$
DECLARE
    function_name text;
BEGIN
    FOREACH function_name IN ARRAY ARRAY['xmfax_audit_append_only', 'xmfax_trusted_domains_have_accounts',
        'xmfax_accounts_take_their_domains', 'xmfax_accounts_keep_their_ids', 'xmfax_accounts_not_truncated'] LOOP
        EXECUTE format('ALTER FUNCTION %I() SET search_path = %I, pg_temp', function_name, current_schema());
    END LOOP;
END
$$;
