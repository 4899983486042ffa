
use builtin;
use str;

set edit:completion:arg-completer[xmfax] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'xmfax'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'xmfax'= {
            cand --db 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)'
            cand --agent 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]'
            cand -o 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand --output 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand -y 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --yes 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --no-input 'Never prompt, even on a terminal: fail instead and name the missing argument'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand accounts 'Customer accounts and their defaults (faxing profile, language, main fax number)'
            cand users 'Registered users of an account'
            cand security 'Email-to-fax security: spoofing protection, TLS, mail server whitelist, and the securing check'
            cand domains 'Trusted email domains: anyone with an address in them can fax by email through the account'
            cand requests 'Signed request forms: template, validate and process them; every request is kept on record'
            cand sender 'Test senders: may this address fax through an account, and if not, why not'
            cand export 'Export the whole configuration (or some accounts) as one YAML/JSON document'
            cand import 'Import an export document or a CSV of trusted domains: every row checked, all or nothing'
            cand audit 'The hash-chained audit trail of every change'
            cand settings 'Store-wide settings (require-dns-proof)'
            cand store 'The store as a whole: copy it between SQLite and PostgreSQL'
            cand completions 'Print a shell completion script'
            cand man 'Print the man page (or write all man pages to a directory)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'xmfax;accounts'= {
            cand --db 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)'
            cand --agent 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]'
            cand -o 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand --output 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand -y 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --yes 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --no-input 'Never prompt, even on a terminal: fail instead and name the missing argument'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand add 'Create an account with its defaults'
            cand list 'List accounts by ID, printed as they are read (page with --limit and --after)'
            cand show 'Show an account''s whole configuration: defaults, security, trusted domains, users'
            cand set 'Change an account''s name or defaults'
            cand remove 'Remove an account and everything it has (users, whitelist, trusted domains); asks first, --yes without a terminal'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'xmfax;accounts;add'= {
            cand --name 'The customer''s name'
            cand --fax-number 'Main fax number, in international form (+16502530000); the outbound number of unlisted senders'
            cand --region 'The service region hosting the account'
            cand --profile 'Default faxing profile'
            cand --language 'Default user language (en, fr, de, es, it, pt, nl, ja, zh)'
            cand --db 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)'
            cand --agent 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]'
            cand -o 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand --output 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand -y 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --yes 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --no-input 'Never prompt, even on a terminal: fail instead and name the missing argument'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'xmfax;accounts;list'= {
            cand --limit 'Print at most N accounts'
            cand --after 'Start after this account ID (the last one of the previous page)'
            cand --db 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)'
            cand --agent 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]'
            cand -o 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand --output 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand -y 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --yes 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --no-input 'Never prompt, even on a terminal: fail instead and name the missing argument'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'xmfax;accounts;show'= {
            cand --db 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)'
            cand --agent 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]'
            cand -o 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand --output 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand -y 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --yes 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --no-input 'Never prompt, even on a terminal: fail instead and name the missing argument'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'xmfax;accounts;set'= {
            cand --name 'The customer''s name'
            cand --fax-number 'Main fax number, in international form (+16502530000)'
            cand --region 'The service region hosting the account'
            cand --profile 'Default faxing profile'
            cand --language 'Default user language (en, fr, de, es, it, pt, nl, ja, zh)'
            cand --db 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)'
            cand --agent 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]'
            cand -o 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand --output 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand -y 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --yes 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --no-input 'Never prompt, even on a terminal: fail instead and name the missing argument'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'xmfax;accounts;remove'= {
            cand --db 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)'
            cand --agent 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]'
            cand -o 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand --output 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand -y 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --yes 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --no-input 'Never prompt, even on a terminal: fail instead and name the missing argument'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'xmfax;accounts;help'= {
            cand add 'Create an account with its defaults'
            cand list 'List accounts by ID, printed as they are read (page with --limit and --after)'
            cand show 'Show an account''s whole configuration: defaults, security, trusted domains, users'
            cand set 'Change an account''s name or defaults'
            cand remove 'Remove an account and everything it has (users, whitelist, trusted domains); asks first, --yes without a terminal'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'xmfax;accounts;help;add'= {
        }
        &'xmfax;accounts;help;list'= {
        }
        &'xmfax;accounts;help;show'= {
        }
        &'xmfax;accounts;help;set'= {
        }
        &'xmfax;accounts;help;remove'= {
        }
        &'xmfax;accounts;help;help'= {
        }
        &'xmfax;users'= {
            cand --db 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)'
            cand --agent 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]'
            cand -o 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand --output 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand -y 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --yes 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --no-input 'Never prompt, even on a terminal: fail instead and name the missing argument'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand add 'Register a user; an address belongs to at most one account'
            cand list 'List an account''s registered users by address, printed as they are read (page with --limit and --after)'
            cand remove 'Remove a registered user (asks first; --yes without a terminal)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'xmfax;users;add'= {
            cand --profile 'The user''s faxing profile [default: the account''s]'
            cand --language 'The user''s language [default: the account''s]'
            cand --fax-number 'The user''s own fax number, in international form [default: the account''s main number]'
            cand --db 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)'
            cand --agent 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]'
            cand -o 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand --output 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand -y 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --yes 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --no-input 'Never prompt, even on a terminal: fail instead and name the missing argument'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'xmfax;users;list'= {
            cand --limit 'Print at most N users'
            cand --after 'Start after this address (the last one of the previous page; compared case-insensitively)'
            cand --db 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)'
            cand --agent 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]'
            cand -o 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand --output 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand -y 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --yes 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --no-input 'Never prompt, even on a terminal: fail instead and name the missing argument'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'xmfax;users;remove'= {
            cand --db 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)'
            cand --agent 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]'
            cand -o 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand --output 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand -y 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --yes 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --no-input 'Never prompt, even on a terminal: fail instead and name the missing argument'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'xmfax;users;help'= {
            cand add 'Register a user; an address belongs to at most one account'
            cand list 'List an account''s registered users by address, printed as they are read (page with --limit and --after)'
            cand remove 'Remove a registered user (asks first; --yes without a terminal)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'xmfax;users;help;add'= {
        }
        &'xmfax;users;help;list'= {
        }
        &'xmfax;users;help;remove'= {
        }
        &'xmfax;users;help;help'= {
        }
        &'xmfax;security'= {
            cand --db 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)'
            cand --agent 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]'
            cand -o 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand --output 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand -y 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --yes 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --no-input 'Never prompt, even on a terminal: fail instead and name the missing argument'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand set 'Turn spoofing protection or required TLS on or off'
            cand whitelist 'The whitelist of the customer''s mail servers (the only sources allowed when non-empty)'
            cand check 'Check the securing prerequisites of an account (exit 1 when a check fails)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'xmfax;security;set'= {
            cand --spoofing-protection 'Accept email only when the sender''s domain authenticates it (DMARC, or SPF and DKIM)'
            cand --require-tls 'Accept email only over TLS'
            cand --db 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)'
            cand --agent 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]'
            cand -o 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand --output 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand -y 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --yes 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --no-input 'Never prompt, even on a terminal: fail instead and name the missing argument'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'xmfax;security;whitelist'= {
            cand --db 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)'
            cand --agent 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]'
            cand -o 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand --output 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand -y 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --yes 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --no-input 'Never prompt, even on a terminal: fail instead and name the missing argument'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand add 'Add networks (CIDR; a bare address is a /32 or /128). Prints at once what `security check` will say about them: a network that is not public is added with a warning; one broader than a /16 (IPv4) or /32 (IPv6) restrains nothing and is refused (exit 1) unless --force is given'
            cand remove 'Remove networks (asks first; --yes without a terminal)'
            cand list 'List the whitelisted networks'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'xmfax;security;whitelist;add'= {
            cand --db 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)'
            cand --agent 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]'
            cand -o 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand --output 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand --force 'Add networks that will make `security check` fail (too broad to restrain anything)'
            cand -y 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --yes 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --no-input 'Never prompt, even on a terminal: fail instead and name the missing argument'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'xmfax;security;whitelist;remove'= {
            cand --db 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)'
            cand --agent 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]'
            cand -o 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand --output 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand -y 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --yes 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --no-input 'Never prompt, even on a terminal: fail instead and name the missing argument'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'xmfax;security;whitelist;list'= {
            cand --db 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)'
            cand --agent 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]'
            cand -o 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand --output 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand -y 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --yes 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --no-input 'Never prompt, even on a terminal: fail instead and name the missing argument'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'xmfax;security;whitelist;help'= {
            cand add 'Add networks (CIDR; a bare address is a /32 or /128). Prints at once what `security check` will say about them: a network that is not public is added with a warning; one broader than a /16 (IPv4) or /32 (IPv6) restrains nothing and is refused (exit 1) unless --force is given'
            cand remove 'Remove networks (asks first; --yes without a terminal)'
            cand list 'List the whitelisted networks'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'xmfax;security;whitelist;help;add'= {
        }
        &'xmfax;security;whitelist;help;remove'= {
        }
        &'xmfax;security;whitelist;help;list'= {
        }
        &'xmfax;security;whitelist;help;help'= {
        }
        &'xmfax;security;check'= {
            cand --dkim-selector 'A DKIM selector the customer signs with (repeatable): its key at SELECTOR._domainkey.DOMAIN is checked'
            cand --dns-server 'Ask this DNS server (IP or IP:PORT) instead of the system''s resolvers (/etc/resolv.conf)'
            cand --dns-timeout 'Give up on a DNS query after this many seconds (exit 2, "could not check"); decimals allowed'
            cand --db 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)'
            cand --agent 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]'
            cand -o 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand --output 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand --dns 'Also check each trusted domain''s DNS: domain-controlled (a proof on record) and, with spoofing protection on, spoofing-protection-viable'
            cand -y 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --yes 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --no-input 'Never prompt, even on a terminal: fail instead and name the missing argument'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'xmfax;security;help'= {
            cand set 'Turn spoofing protection or required TLS on or off'
            cand whitelist 'The whitelist of the customer''s mail servers (the only sources allowed when non-empty)'
            cand check 'Check the securing prerequisites of an account (exit 1 when a check fails)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'xmfax;security;help;set'= {
        }
        &'xmfax;security;help;whitelist'= {
            cand add 'Add networks (CIDR; a bare address is a /32 or /128). Prints at once what `security check` will say about them: a network that is not public is added with a warning; one broader than a /16 (IPv4) or /32 (IPv6) restrains nothing and is refused (exit 1) unless --force is given'
            cand remove 'Remove networks (asks first; --yes without a terminal)'
            cand list 'List the whitelisted networks'
        }
        &'xmfax;security;help;whitelist;add'= {
        }
        &'xmfax;security;help;whitelist;remove'= {
        }
        &'xmfax;security;help;whitelist;list'= {
        }
        &'xmfax;security;help;check'= {
        }
        &'xmfax;security;help;help'= {
        }
        &'xmfax;domains'= {
            cand --db 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)'
            cand --agent 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]'
            cand -o 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand --output 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand -y 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --yes 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --no-input 'Never prompt, even on a terminal: fail instead and name the missing argument'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand add 'Trust domains for an account''s email-to-fax (all or nothing: one refused domain adds none)'
            cand remove 'Stop trusting domains (asks first; --yes without a terminal)'
            cand list 'List trusted domains of one account, or of all, by account then domain, printed as they are read (page with --limit and --after)'
            cand check 'Run the checks that need no account on domains (exit 1 if any would be refused)'
            cand challenge 'Issue a token the customer publishes in DNS to prove control of a domain (valid 30 days)'
            cand prove 'Look up the challenge record and, when it holds the account''s token, record the proof (exit 0 proven, 1 not proven, 2 DNS could not be asked)'
            cand inspect 'Check domains'' MX, SPF, DMARC and DKIM records and whether spoofing protection can work for their mail (exit 1 when a check fails, 2 when DNS could not be asked)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'xmfax;domains;add'= {
            cand --request 'The approved signed request form that certifies these domains'
            cand --certified-by 'Who certified that the domains belong to the customer'
            cand --certified-on 'When they certified it'
            cand --max-age-days 'A certification (or a request''s signature) older than this many days is expired'
            cand --db 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)'
            cand --agent 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]'
            cand -o 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand --output 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand --include-subdomains 'Also trust every subdomain (mail.acme.com under acme.com)'
            cand --dry-run 'Run every check and report, but change nothing'
            cand -y 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --yes 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --no-input 'Never prompt, even on a terminal: fail instead and name the missing argument'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'xmfax;domains;remove'= {
            cand --request 'The signed request form asking for the removal, recorded in the audit trail'
            cand --db 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)'
            cand --agent 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]'
            cand -o 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand --output 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand -y 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --yes 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --no-input 'Never prompt, even on a terminal: fail instead and name the missing argument'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'xmfax;domains;list'= {
            cand --limit 'Print at most N domains'
            cand --after 'Start after this domain (the last one of the previous page). Listing every account, ACCOUNT/DOMAIN also works after a domain that has since been removed'
            cand --db 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)'
            cand --agent 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]'
            cand -o 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand --output 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand -y 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --yes 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --no-input 'Never prompt, even on a terminal: fail instead and name the missing argument'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'xmfax;domains;check'= {
            cand --db 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)'
            cand --agent 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]'
            cand -o 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand --output 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand --include-subdomains 'Check them as a grant that includes subdomains (adds the public-suffix-below check)'
            cand -y 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --yes 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --no-input 'Never prompt, even on a terminal: fail instead and name the missing argument'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'xmfax;domains;challenge'= {
            cand --db 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)'
            cand --agent 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]'
            cand -o 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand --output 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand --renew 'Issue a new token even when an unexpired one exists (the old one stops proving anything)'
            cand -y 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --yes 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --no-input 'Never prompt, even on a terminal: fail instead and name the missing argument'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'xmfax;domains;prove'= {
            cand --dns-server 'Ask this DNS server (IP or IP:PORT) instead of the system''s resolvers (/etc/resolv.conf)'
            cand --dns-timeout 'Give up on a DNS query after this many seconds (exit 2, "could not check"); decimals allowed'
            cand --db 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)'
            cand --agent 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]'
            cand -o 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand --output 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand -y 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --yes 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --no-input 'Never prompt, even on a terminal: fail instead and name the missing argument'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'xmfax;domains;inspect'= {
            cand --dkim-selector 'A DKIM selector the customer signs with (repeatable): its key at SELECTOR._domainkey.DOMAIN is checked'
            cand --dns-server 'Ask this DNS server (IP or IP:PORT) instead of the system''s resolvers (/etc/resolv.conf)'
            cand --dns-timeout 'Give up on a DNS query after this many seconds (exit 2, "could not check"); decimals allowed'
            cand --db 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)'
            cand --agent 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]'
            cand -o 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand --output 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand -y 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --yes 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --no-input 'Never prompt, even on a terminal: fail instead and name the missing argument'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'xmfax;domains;help'= {
            cand add 'Trust domains for an account''s email-to-fax (all or nothing: one refused domain adds none)'
            cand remove 'Stop trusting domains (asks first; --yes without a terminal)'
            cand list 'List trusted domains of one account, or of all, by account then domain, printed as they are read (page with --limit and --after)'
            cand check 'Run the checks that need no account on domains (exit 1 if any would be refused)'
            cand challenge 'Issue a token the customer publishes in DNS to prove control of a domain (valid 30 days)'
            cand prove 'Look up the challenge record and, when it holds the account''s token, record the proof (exit 0 proven, 1 not proven, 2 DNS could not be asked)'
            cand inspect 'Check domains'' MX, SPF, DMARC and DKIM records and whether spoofing protection can work for their mail (exit 1 when a check fails, 2 when DNS could not be asked)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'xmfax;domains;help;add'= {
        }
        &'xmfax;domains;help;remove'= {
        }
        &'xmfax;domains;help;list'= {
        }
        &'xmfax;domains;help;check'= {
        }
        &'xmfax;domains;help;challenge'= {
        }
        &'xmfax;domains;help;prove'= {
        }
        &'xmfax;domains;help;inspect'= {
        }
        &'xmfax;domains;help;help'= {
        }
        &'xmfax;requests'= {
            cand --db 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)'
            cand --agent 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]'
            cand -o 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand --output 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand -y 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --yes 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --no-input 'Never prompt, even on a terminal: fail instead and name the missing argument'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand template 'Print a commented form for the customer to fill in and sign'
            cand new 'Fill in a form by answering questions (needs a terminal); prints it or writes it to --out'
            cand validate 'Check a form on its own and against the store, changing nothing (exit 0 it would be approved, 1 it would be refused, 2 it cannot be read)'
            cand process 'Run every check, then approve the form and apply its changes, or refuse it; either way the request is recorded (exit 0 approved, 1 refused; the same form again reports its recorded outcome)'
            cand list 'List processed requests, oldest first, printed as they are read (page with --limit and --after)'
            cand show 'Show a processed request: the form as received, its SHA-256, the outcome and its reasons'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'xmfax;requests;template'= {
            cand --action 'What the form asks for'
            cand --db 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)'
            cand --agent 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]'
            cand -o 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand --output 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand -y 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --yes 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --no-input 'Never prompt, even on a terminal: fail instead and name the missing argument'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'xmfax;requests;new'= {
            cand --out 'Write the form to this new file instead of stdout'
            cand --db 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)'
            cand --agent 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]'
            cand -o 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand --output 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand -y 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --yes 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --no-input 'Never prompt, even on a terminal: fail instead and name the missing argument'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'xmfax;requests;validate'= {
            cand --max-age-days 'A signature older than this many days is expired'
            cand --db 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)'
            cand --agent 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]'
            cand -o 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand --output 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand -y 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --yes 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --no-input 'Never prompt, even on a terminal: fail instead and name the missing argument'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'xmfax;requests;process'= {
            cand --max-age-days 'A signature older than this many days is expired'
            cand --db 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)'
            cand --agent 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]'
            cand -o 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand --output 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand --dry-run 'Run every check and report the outcome, but change and record nothing'
            cand --require-dns-proof 'Refuse an add or replace form for any listed domain without a DNS proof of control (`no-dns-proof`; always so when the store setting require-dns-proof is on)'
            cand -y 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --yes 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --no-input 'Never prompt, even on a terminal: fail instead and name the missing argument'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'xmfax;requests;list'= {
            cand --account 'Only the requests of this account'
            cand --status 'Only approved or only refused requests'
            cand --limit 'Print at most N requests'
            cand --after 'Start after this request (the last reference of the previous page)'
            cand --db 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)'
            cand --agent 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]'
            cand -o 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand --output 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand -y 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --yes 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --no-input 'Never prompt, even on a terminal: fail instead and name the missing argument'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'xmfax;requests;show'= {
            cand --db 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)'
            cand --agent 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]'
            cand -o 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand --output 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand -y 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --yes 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --no-input 'Never prompt, even on a terminal: fail instead and name the missing argument'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'xmfax;requests;help'= {
            cand template 'Print a commented form for the customer to fill in and sign'
            cand new 'Fill in a form by answering questions (needs a terminal); prints it or writes it to --out'
            cand validate 'Check a form on its own and against the store, changing nothing (exit 0 it would be approved, 1 it would be refused, 2 it cannot be read)'
            cand process 'Run every check, then approve the form and apply its changes, or refuse it; either way the request is recorded (exit 0 approved, 1 refused; the same form again reports its recorded outcome)'
            cand list 'List processed requests, oldest first, printed as they are read (page with --limit and --after)'
            cand show 'Show a processed request: the form as received, its SHA-256, the outcome and its reasons'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'xmfax;requests;help;template'= {
        }
        &'xmfax;requests;help;new'= {
        }
        &'xmfax;requests;help;validate'= {
        }
        &'xmfax;requests;help;process'= {
        }
        &'xmfax;requests;help;list'= {
        }
        &'xmfax;requests;help;show'= {
        }
        &'xmfax;requests;help;help'= {
        }
        &'xmfax;sender'= {
            cand --db 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)'
            cand --agent 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]'
            cand -o 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand --output 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand -y 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --yes 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --no-input 'Never prompt, even on a terminal: fail instead and name the missing argument'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand test 'Decide whether a sender may fax through an account, exactly as the email-to-fax gateway would, and explain why (exit 1 when refused)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'xmfax;sender;test'= {
            cand --message 'Test a received message: the sender from its From header, SPF/DKIM/DMARC from our own Authentication-Results headers, the client IP and TLS from its top-most Received header'
            cand --authserv-id 'The authserv-id our mail servers write in Authentication-Results; every header with another one may be forged by the sender and is ignored (required with --message)'
            cand --batch 'Test one address per line of FILE ("-" reads stdin); blank lines and # comments are skipped. With -o json, prints JSON Lines; counts go to stderr'
            cand --account 'Decide for this account [default: the account the address belongs to]'
            cand --client-ip 'The IP address of the mail server that delivered the message (overrides --message''s)'
            cand --spf 'The SPF result of the message, for the sender''s own domain (so aligned with it) unless --spf-domain names the domain it was for'
            cand --spf-domain 'The domain --spf is for (the MAIL FROM domain, or the HELO name for the null sender): an SPF pass counts only when this domain is aligned with the sender''s (same organizational domain)'
            cand --dkim 'The DKIM result of the message, for the sender''s own domain (so aligned with it) unless --dkim-domain names the signing domain'
            cand --dkim-domain 'The signing domain (d=) --dkim is for: a DKIM pass counts only when this domain is aligned with the sender''s (same organizational domain)'
            cand --dmarc 'The DMARC result of the message, for the sender''s own domain'
            cand --channel 'How the sender reaches the service; senders admitted by a trusted domain may use email only'
            cand --db 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)'
            cand --agent 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]'
            cand -o 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand --output 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand --tls 'The message was received over TLS'
            cand -y 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --yes 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --no-input 'Never prompt, even on a terminal: fail instead and name the missing argument'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'xmfax;sender;help'= {
            cand test 'Decide whether a sender may fax through an account, exactly as the email-to-fax gateway would, and explain why (exit 1 when refused)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'xmfax;sender;help;test'= {
        }
        &'xmfax;sender;help;help'= {
        }
        &'xmfax;export'= {
            cand --account 'Export only these accounts (repeat the option or list several IDs) [default: every account]'
            cand --db 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)'
            cand --agent 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]'
            cand -o 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand --output 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand -y 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --yes 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --no-input 'Never prompt, even on a terminal: fail instead and name the missing argument'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'xmfax;import'= {
            cand --format 'Input format [default: from the extension: .yaml/.yml, .json, .csv]'
            cand --max-age-days 'A certification (or a request''s signature) older than this many days is expired'
            cand --db 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)'
            cand --agent 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]'
            cand -o 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand --output 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand --dry-run 'Run every check and report what would change, but write nothing'
            cand -y 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --yes 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --no-input 'Never prompt, even on a terminal: fail instead and name the missing argument'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'xmfax;audit'= {
            cand --db 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)'
            cand --agent 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]'
            cand -o 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand --output 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand -y 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --yes 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --no-input 'Never prompt, even on a terminal: fail instead and name the missing argument'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand log 'Show audit events, one line each, the newest last (page back with --after)'
            cand show 'Show one audit event with its full details'
            cand verify 'Verify the hash chain and the configuration: exit 1 naming the first broken row, or each table changed behind xmfax''s back'
            cand head 'Print the chain''s head (sequence, hash, configuration digest), to keep outside the store'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'xmfax;audit;log'= {
            cand --account 'Only events about this account'
            cand --limit 'Show the newest N events'
            cand --after 'Continue from the previous page: only events older than SEQ (the first SEQ it showed)'
            cand --db 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)'
            cand --agent 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]'
            cand -o 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand --output 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand --all 'Show every event, streamed as it is read'
            cand -y 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --yes 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --no-input 'Never prompt, even on a terminal: fail instead and name the missing argument'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'xmfax;audit;show'= {
            cand --db 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)'
            cand --agent 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]'
            cand -o 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand --output 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand -y 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --yes 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --no-input 'Never prompt, even on a terminal: fail instead and name the missing argument'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'xmfax;audit;verify'= {
            cand --expect 'A head hash recorded earlier (`xmfax audit head`): also prove the store still descends from it (exit 1 when no row of the chain has this hash)'
            cand --db 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)'
            cand --agent 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]'
            cand -o 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand --output 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand -y 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --yes 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --no-input 'Never prompt, even on a terminal: fail instead and name the missing argument'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'xmfax;audit;head'= {
            cand --db 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)'
            cand --agent 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]'
            cand -o 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand --output 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand -y 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --yes 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --no-input 'Never prompt, even on a terminal: fail instead and name the missing argument'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'xmfax;audit;help'= {
            cand log 'Show audit events, one line each, the newest last (page back with --after)'
            cand show 'Show one audit event with its full details'
            cand verify 'Verify the hash chain and the configuration: exit 1 naming the first broken row, or each table changed behind xmfax''s back'
            cand head 'Print the chain''s head (sequence, hash, configuration digest), to keep outside the store'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'xmfax;audit;help;log'= {
        }
        &'xmfax;audit;help;show'= {
        }
        &'xmfax;audit;help;verify'= {
        }
        &'xmfax;audit;help;head'= {
        }
        &'xmfax;audit;help;help'= {
        }
        &'xmfax;settings'= {
            cand --db 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)'
            cand --agent 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]'
            cand -o 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand --output 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand -y 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --yes 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --no-input 'Never prompt, even on a terminal: fail instead and name the missing argument'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand set 'Change a setting of this store (audited)'
            cand list 'Show every setting and its value'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'xmfax;settings;set'= {
            cand --db 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)'
            cand --agent 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]'
            cand -o 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand --output 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand -y 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --yes 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --no-input 'Never prompt, even on a terminal: fail instead and name the missing argument'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'xmfax;settings;list'= {
            cand --db 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)'
            cand --agent 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]'
            cand -o 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand --output 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand -y 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --yes 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --no-input 'Never prompt, even on a terminal: fail instead and name the missing argument'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'xmfax;settings;help'= {
            cand set 'Change a setting of this store (audited)'
            cand list 'Show every setting and its value'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'xmfax;settings;help;set'= {
        }
        &'xmfax;settings;help;list'= {
        }
        &'xmfax;settings;help;help'= {
        }
        &'xmfax;store'= {
            cand --db 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)'
            cand --agent 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]'
            cand -o 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand --output 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand -y 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --yes 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --no-input 'Never prompt, even on a terminal: fail instead and name the missing argument'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand copy 'Copy a whole store into an empty one, SQLite or PostgreSQL, with its audit chain, requests and import records; the copy is verified (`audit verify`) before it is committed'
            cand roles-sql 'Print the SQL that sets up a PostgreSQL store''s roles and the gateway''s views (sql/postgres-roles.sql of this version)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'xmfax;store;copy'= {
            cand --from 'The store to copy [default: the store --db names]'
            cand --to 'The store to copy into: a new or empty SQLite file, or an empty PostgreSQL database'
            cand --db 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)'
            cand --agent 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]'
            cand -o 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand --output 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand -y 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --yes 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --no-input 'Never prompt, even on a terminal: fail instead and name the missing argument'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'xmfax;store;roles-sql'= {
            cand --db 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)'
            cand --agent 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]'
            cand -o 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand --output 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand -y 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --yes 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --no-input 'Never prompt, even on a terminal: fail instead and name the missing argument'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'xmfax;store;help'= {
            cand copy 'Copy a whole store into an empty one, SQLite or PostgreSQL, with its audit chain, requests and import records; the copy is verified (`audit verify`) before it is committed'
            cand roles-sql 'Print the SQL that sets up a PostgreSQL store''s roles and the gateway''s views (sql/postgres-roles.sql of this version)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'xmfax;store;help;copy'= {
        }
        &'xmfax;store;help;roles-sql'= {
        }
        &'xmfax;store;help;help'= {
        }
        &'xmfax;completions'= {
            cand --db 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)'
            cand --agent 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]'
            cand -o 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand --output 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand --dynamic 'Print the registration of dynamic completion instead, which also completes live values from the store (account IDs, trusted domains, request references)'
            cand -y 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --yes 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --no-input 'Never prompt, even on a terminal: fail instead and name the missing argument'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'xmfax;man'= {
            cand --out 'Write xmfax.1 and one page per subcommand into this directory instead of printing xmfax.1'
            cand --db 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)'
            cand --agent 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]'
            cand -o 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand --output 'Output format: tables are for people, JSON and YAML are the stable contract for scripts'
            cand -y 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --yes 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
            cand --no-input 'Never prompt, even on a terminal: fail instead and name the missing argument'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'xmfax;help'= {
            cand accounts 'Customer accounts and their defaults (faxing profile, language, main fax number)'
            cand users 'Registered users of an account'
            cand security 'Email-to-fax security: spoofing protection, TLS, mail server whitelist, and the securing check'
            cand domains 'Trusted email domains: anyone with an address in them can fax by email through the account'
            cand requests 'Signed request forms: template, validate and process them; every request is kept on record'
            cand sender 'Test senders: may this address fax through an account, and if not, why not'
            cand export 'Export the whole configuration (or some accounts) as one YAML/JSON document'
            cand import 'Import an export document or a CSV of trusted domains: every row checked, all or nothing'
            cand audit 'The hash-chained audit trail of every change'
            cand settings 'Store-wide settings (require-dns-proof)'
            cand store 'The store as a whole: copy it between SQLite and PostgreSQL'
            cand completions 'Print a shell completion script'
            cand man 'Print the man page (or write all man pages to a directory)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'xmfax;help;accounts'= {
            cand add 'Create an account with its defaults'
            cand list 'List accounts by ID, printed as they are read (page with --limit and --after)'
            cand show 'Show an account''s whole configuration: defaults, security, trusted domains, users'
            cand set 'Change an account''s name or defaults'
            cand remove 'Remove an account and everything it has (users, whitelist, trusted domains); asks first, --yes without a terminal'
        }
        &'xmfax;help;accounts;add'= {
        }
        &'xmfax;help;accounts;list'= {
        }
        &'xmfax;help;accounts;show'= {
        }
        &'xmfax;help;accounts;set'= {
        }
        &'xmfax;help;accounts;remove'= {
        }
        &'xmfax;help;users'= {
            cand add 'Register a user; an address belongs to at most one account'
            cand list 'List an account''s registered users by address, printed as they are read (page with --limit and --after)'
            cand remove 'Remove a registered user (asks first; --yes without a terminal)'
        }
        &'xmfax;help;users;add'= {
        }
        &'xmfax;help;users;list'= {
        }
        &'xmfax;help;users;remove'= {
        }
        &'xmfax;help;security'= {
            cand set 'Turn spoofing protection or required TLS on or off'
            cand whitelist 'The whitelist of the customer''s mail servers (the only sources allowed when non-empty)'
            cand check 'Check the securing prerequisites of an account (exit 1 when a check fails)'
        }
        &'xmfax;help;security;set'= {
        }
        &'xmfax;help;security;whitelist'= {
            cand add 'Add networks (CIDR; a bare address is a /32 or /128). Prints at once what `security check` will say about them: a network that is not public is added with a warning; one broader than a /16 (IPv4) or /32 (IPv6) restrains nothing and is refused (exit 1) unless --force is given'
            cand remove 'Remove networks (asks first; --yes without a terminal)'
            cand list 'List the whitelisted networks'
        }
        &'xmfax;help;security;whitelist;add'= {
        }
        &'xmfax;help;security;whitelist;remove'= {
        }
        &'xmfax;help;security;whitelist;list'= {
        }
        &'xmfax;help;security;check'= {
        }
        &'xmfax;help;domains'= {
            cand add 'Trust domains for an account''s email-to-fax (all or nothing: one refused domain adds none)'
            cand remove 'Stop trusting domains (asks first; --yes without a terminal)'
            cand list 'List trusted domains of one account, or of all, by account then domain, printed as they are read (page with --limit and --after)'
            cand check 'Run the checks that need no account on domains (exit 1 if any would be refused)'
            cand challenge 'Issue a token the customer publishes in DNS to prove control of a domain (valid 30 days)'
            cand prove 'Look up the challenge record and, when it holds the account''s token, record the proof (exit 0 proven, 1 not proven, 2 DNS could not be asked)'
            cand inspect 'Check domains'' MX, SPF, DMARC and DKIM records and whether spoofing protection can work for their mail (exit 1 when a check fails, 2 when DNS could not be asked)'
        }
        &'xmfax;help;domains;add'= {
        }
        &'xmfax;help;domains;remove'= {
        }
        &'xmfax;help;domains;list'= {
        }
        &'xmfax;help;domains;check'= {
        }
        &'xmfax;help;domains;challenge'= {
        }
        &'xmfax;help;domains;prove'= {
        }
        &'xmfax;help;domains;inspect'= {
        }
        &'xmfax;help;requests'= {
            cand template 'Print a commented form for the customer to fill in and sign'
            cand new 'Fill in a form by answering questions (needs a terminal); prints it or writes it to --out'
            cand validate 'Check a form on its own and against the store, changing nothing (exit 0 it would be approved, 1 it would be refused, 2 it cannot be read)'
            cand process 'Run every check, then approve the form and apply its changes, or refuse it; either way the request is recorded (exit 0 approved, 1 refused; the same form again reports its recorded outcome)'
            cand list 'List processed requests, oldest first, printed as they are read (page with --limit and --after)'
            cand show 'Show a processed request: the form as received, its SHA-256, the outcome and its reasons'
        }
        &'xmfax;help;requests;template'= {
        }
        &'xmfax;help;requests;new'= {
        }
        &'xmfax;help;requests;validate'= {
        }
        &'xmfax;help;requests;process'= {
        }
        &'xmfax;help;requests;list'= {
        }
        &'xmfax;help;requests;show'= {
        }
        &'xmfax;help;sender'= {
            cand test 'Decide whether a sender may fax through an account, exactly as the email-to-fax gateway would, and explain why (exit 1 when refused)'
        }
        &'xmfax;help;sender;test'= {
        }
        &'xmfax;help;export'= {
        }
        &'xmfax;help;import'= {
        }
        &'xmfax;help;audit'= {
            cand log 'Show audit events, one line each, the newest last (page back with --after)'
            cand show 'Show one audit event with its full details'
            cand verify 'Verify the hash chain and the configuration: exit 1 naming the first broken row, or each table changed behind xmfax''s back'
            cand head 'Print the chain''s head (sequence, hash, configuration digest), to keep outside the store'
        }
        &'xmfax;help;audit;log'= {
        }
        &'xmfax;help;audit;show'= {
        }
        &'xmfax;help;audit;verify'= {
        }
        &'xmfax;help;audit;head'= {
        }
        &'xmfax;help;settings'= {
            cand set 'Change a setting of this store (audited)'
            cand list 'Show every setting and its value'
        }
        &'xmfax;help;settings;set'= {
        }
        &'xmfax;help;settings;list'= {
        }
        &'xmfax;help;store'= {
            cand copy 'Copy a whole store into an empty one, SQLite or PostgreSQL, with its audit chain, requests and import records; the copy is verified (`audit verify`) before it is committed'
            cand roles-sql 'Print the SQL that sets up a PostgreSQL store''s roles and the gateway''s views (sql/postgres-roles.sql of this version)'
        }
        &'xmfax;help;store;copy'= {
        }
        &'xmfax;help;store;roles-sql'= {
        }
        &'xmfax;help;completions'= {
        }
        &'xmfax;help;man'= {
        }
        &'xmfax;help;help'= {
        }
    ]
    $completions[$command]
}
