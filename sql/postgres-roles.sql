-- xmfax on PostgreSQL: least-privilege roles (xmfax_agent, xmfax_gateway) and the gateway's views. Run by the database owner/admin AFTER xmfax has created its tables (the first xmfax command run with the owner's URL), and again after each xmfax upgrade: xmfax store roles-sql | psql -v ON_ERROR_STOP=1 -d DB -f -   (or, from the sources: psql -v ON_ERROR_STOP=1 -d DB -f sql/postgres-roles.sql)
--
-- What it does (docs/postgres.md explains each part):
--   xmfax_agent    NOLOGIN group role for support agents: reads and writes the xmfax tables, but only
--                  SELECT and INSERT on `audit` (whose trigger audit_append_only refuses UPDATE, DELETE
--                  and TRUNCATE for everyone) and only SELECT on `xmfax_meta`; no DDL (no CREATE on the
--                  schema), so upgrades of xmfax are run by the owner.
--   xmfax_gateway  NOLOGIN group role for the email gateway: no table at all, only SELECT on the four
--                  gateway_* views below, which hold exactly what deciding a sender needs.
--   Neither (nor any other role: PUBLIC) may create temporary tables in the store's database.
-- People and services log in as their own roles, members of these:
--   CREATE ROLE alice LOGIN PASSWORD 'choose-one' IN ROLE xmfax_agent;
--   CREATE ROLE mailgw LOGIN PASSWORD 'choose-one' IN ROLE xmfax_gateway;
--
-- Re-runnable: roles are created only when missing, views are replaced, and every privilege of the two
-- roles on the schema's tables is first revoked and then granted again, so each run leaves exactly the
-- privileges written here (tables a newer xmfax added included), all in one transaction.
-- The store's schema is `public` unless given: psql -v schema=NAME ... (xmfax uses the connecting role's
-- default schema). The schema should be xmfax's own: the agents' grants cover every table in it.
-- Needs a role that may create roles (CREATEROLE), grant on the tables (their owner, or a superuser) and
-- revoke TEMPORARY on the database (its owner, or a superuser).

\set ON_ERROR_STOP on
\if :{?schema}
\else
\set schema public
\endif

BEGIN;

-- The DO blocks below cannot see psql variables: they read the schema from this setting.
SELECT set_config('xmfax.schema', :'schema', true) AS xmfax_schema \gset

-- 1. Refuse to grant anything unless this is an xmfax store whose audit trail is append-only.
DO $check$
DECLARE
    s text := current_setting('xmfax.schema');
    meta regclass := to_regclass(format('%I.xmfax_meta', s));
    audit regclass := to_regclass(format('%I.audit', s));
    version text;
    covered int := 0;
BEGIN
    IF meta IS NULL OR audit IS NULL THEN
        RAISE EXCEPTION 'schema % has no xmfax store (no xmfax_meta or audit table)', s
            USING HINT = 'create the store with the owner''s URL first (xmfax store copy --from FILE --to URL, or a first change such as xmfax accounts add), which creates the tables; or give the schema: psql -v schema=NAME';
    END IF;
    EXECUTE format('SELECT value FROM %s WHERE name = %L', meta, 'application') INTO version;
    IF version IS DISTINCT FROM 'xmfax' THEN
        RAISE EXCEPTION '%.xmfax_meta does not mark an xmfax store (application is %)', s, coalesce(version, 'missing');
    END IF;
    EXECUTE format('SELECT value FROM %s WHERE name = %L', meta, 'schema_version') INTO version;
    RAISE NOTICE 'xmfax store in schema %, schema version %', s, version;
    -- tgtype bits: 8 DELETE, 16 UPDATE, 32 TRUNCATE; tgenabled 'D' is disabled.
    SELECT bit_or(tgtype::int & (8 | 16 | 32)) INTO covered
      FROM pg_trigger WHERE tgrelid = audit AND NOT tgisinternal AND tgenabled <> 'D';
    IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = audit AND tgname = 'audit_append_only' AND tgenabled <> 'D')
       OR coalesce(covered, 0) <> (8 | 16 | 32) THEN
        RAISE EXCEPTION 'the audit table of schema % is not append-only: its trigger audit_append_only is missing, disabled, or does not refuse UPDATE, DELETE and TRUNCATE', s
            USING HINT = 'run xmfax once with the owner''s URL (it installs the trigger); never disable it';
    END IF;
END
$check$;

-- 2. The two group roles. An existing one is kept only if it is still a plain group role: one that can
--    log in, has a powerful attribute or belongs to another role would carry privileges this file does
--    not control, so the file stops instead of granting it more.
DO $roles$
DECLARE
    name text;
    bad record;
BEGIN
    FOREACH name IN ARRAY ARRAY['xmfax_agent', 'xmfax_gateway'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = name) THEN
            EXECUTE format('CREATE ROLE %I NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT', name);
            RAISE NOTICE 'created role %', name;
        END IF;
        SELECT * INTO bad FROM pg_roles
         WHERE rolname = name AND (rolcanlogin OR rolsuper OR rolcreatedb OR rolcreaterole OR rolreplication OR rolbypassrls);
        IF FOUND THEN
            RAISE EXCEPTION 'role % exists with LOGIN or a powerful attribute; it must be a plain NOLOGIN group role', name
                USING HINT = format('ALTER ROLE %I NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS; people log in as members of it', name);
        END IF;
        SELECT string_agg(m.roleid::regrole::text, ', ') AS parents INTO bad
          FROM pg_auth_members m WHERE m.member = name::regrole;
        IF bad.parents IS NOT NULL THEN
            RAISE EXCEPTION 'role % is a member of % and would get its privileges too', name, bad.parents
                USING HINT = format('REVOKE those roles FROM %I', name);
        END IF;
    END LOOP;
END
$roles$;

-- 3. Nobody in either role may own a table of the store: an owner can disable the audit trigger.
DO $owners$
DECLARE
    s text := current_setting('xmfax.schema');
    owned record;
BEGIN
    SELECT c.relname, c.relowner::regrole AS owner INTO owned
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = s AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
       -- (a superuser counts as a member of every role: it owns safely, it can do anything anyway)
       AND NOT (SELECT r.rolsuper FROM pg_roles r WHERE r.oid = c.relowner)
       AND (pg_has_role(c.relowner, 'xmfax_agent', 'MEMBER') OR pg_has_role(c.relowner, 'xmfax_gateway', 'MEMBER'))
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION '%.% is owned by %, a member of xmfax_agent or xmfax_gateway: an owner can rewrite the audit trail', s, owned.relname, owned.owner
            USING HINT = 'give the store''s tables to the owner role (ALTER TABLE ... OWNER TO), or take the role out of the group';
    END IF;
END
$owners$;

-- 4. The gateway's views: exactly what deciding a sender reads (docs/postgres.md, "The gateway's views").
--    They run with their owner's rights, so the gateway needs no right on the tables beneath.
--    Settings that restrain a sender read as on unless they are exactly 0; settings that admit one read
--    as on only when they are exactly 1 (the tables' checks allow nothing else; this fails closed anyway).

-- An account: its default settings for senders admitted by a trusted domain, its security settings,
-- and how many of its trusted domains lack an ownership certification (the `domains-certified` check
-- fails unless that is 0).
CREATE OR REPLACE VIEW :"schema".gateway_accounts AS
SELECT a.id,
       a.fax_number,
       a.profile,
       a.language,
       a.spoofing_protection <> 0 AS spoofing_protection,
       a.require_tls <> 0 AS require_tls,
       (SELECT count(*) FROM :"schema".trusted_domains t
         WHERE t.account_id = a.id
           AND (t.certified_by IS NULL OR t.certified_by = '' OR t.certified_on IS NULL)) AS uncertified_domains
  FROM :"schema".accounts a;

-- A trusted domain with the account that trusts it and that account's settings.
CREATE OR REPLACE VIEW :"schema".gateway_trusted_domains AS
SELECT t.domain,
       t.include_subdomains = 1 AS include_subdomains,
       (t.certified_by IS NOT NULL AND t.certified_by <> '' AND t.certified_on IS NOT NULL) AS certified,
       t.account_id,
       a.fax_number,
       a.profile,
       a.language,
       a.spoofing_protection <> 0 AS spoofing_protection,
       a.require_tls <> 0 AS require_tls
  FROM :"schema".trusted_domains t
  JOIN :"schema".accounts a ON a.id = t.account_id;

-- A registered user: NULL settings mean the account's default applies. No display address, no dates.
CREATE OR REPLACE VIEW :"schema".gateway_users AS
SELECT u.email_key, u.account_id, u.profile, u.language, u.fax_number
  FROM :"schema".users u;

-- An account's whitelisted mail server networks (canonical CIDR text, host bits zero).
CREATE OR REPLACE VIEW :"schema".gateway_whitelist AS
SELECT w.account_id, w.network
  FROM :"schema".whitelist w;

COMMENT ON VIEW :"schema".gateway_accounts IS 'xmfax: accounts as the email gateway needs them (sql/postgres-roles.sql, docs/postgres.md)';
COMMENT ON VIEW :"schema".gateway_trusted_domains IS 'xmfax: trusted domains with their account''s settings, for the email gateway (docs/postgres.md)';
COMMENT ON VIEW :"schema".gateway_users IS 'xmfax: registered users as the email gateway needs them; NULL settings mean the account''s default (docs/postgres.md)';
COMMENT ON VIEW :"schema".gateway_whitelist IS 'xmfax: whitelisted mail server networks, for the email gateway (docs/postgres.md)';

-- 5. Privileges. First take back everything the two roles hold on the schema's objects, then grant.
REVOKE ALL ON ALL TABLES IN SCHEMA :"schema" FROM xmfax_agent, xmfax_gateway;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA :"schema" FROM xmfax_agent, xmfax_gateway;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA :"schema" FROM xmfax_agent, xmfax_gateway;
REVOKE ALL ON SCHEMA :"schema" FROM xmfax_agent, xmfax_gateway;

-- No DDL for anyone but the owner: PostgreSQL before 15 let every role (PUBLIC) create objects in
-- `public`. The owner of the store's tables keeps CREATE explicitly, for the migrations of an upgrade.
DO $schema$
DECLARE
    s text := current_setting('xmfax.schema');
    owner text := (SELECT c.relowner::regrole::text FROM pg_class c
                    WHERE c.oid = to_regclass(format('%I.xmfax_meta', s)));
BEGIN
    EXECUTE format('GRANT CREATE ON SCHEMA %I TO %s', s, owner);
    EXECUTE format('REVOKE CREATE ON SCHEMA %I FROM PUBLIC', s);
    -- No temporary tables either: PUBLIC holds TEMPORARY on every new database, and xmfax never
    -- needs one. (An earlier version of this file granted it to xmfax_agent: taken back too.)
    EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC, xmfax_agent, xmfax_gateway', current_database());
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO xmfax_agent, xmfax_gateway', current_database());
    -- REVOKE only warns when the role running it may not take the privilege back (neither the
    -- database's owner nor a superuser): check that it is gone.
    IF has_database_privilege('public', current_database(), 'TEMPORARY')
       OR has_database_privilege('xmfax_agent', current_database(), 'TEMPORARY')
       OR has_database_privilege('xmfax_gateway', current_database(), 'TEMPORARY') THEN
        RAISE EXCEPTION 'TEMPORARY on database % could not be revoked from PUBLIC, xmfax_agent and xmfax_gateway', current_database()
            USING HINT = 'run this file as the database''s owner or a superuser';
    END IF;
END
$schema$;
GRANT USAGE ON SCHEMA :"schema" TO xmfax_agent, xmfax_gateway;

-- Agents: read and write every table of the store (those a newer xmfax adds too, when re-run)...
DO $agent$
DECLARE
    s text := current_setting('xmfax.schema');
    tbl text;
BEGIN
    FOR tbl IN
        SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = s AND c.relkind IN ('r', 'p') AND c.relname NOT IN ('audit', 'xmfax_meta')
         ORDER BY c.relname
    LOOP
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I.%I TO xmfax_agent', s, tbl);
    END LOOP;
END
$agent$;
-- ... but only append to the audit trail, and only read the store's version and marker.
GRANT SELECT, INSERT ON :"schema".audit TO xmfax_agent;
GRANT SELECT ON :"schema".xmfax_meta TO xmfax_agent;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA :"schema" TO xmfax_agent;

-- The gateway: the four views, nothing else.
GRANT SELECT ON :"schema".gateway_accounts, :"schema".gateway_trusted_domains,
                :"schema".gateway_users, :"schema".gateway_whitelist TO xmfax_gateway;

COMMIT;
