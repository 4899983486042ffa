# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_xmfax_global_optspecs
    string join \n db= agent= o/output= y/yes no-input h/help V/version
end

function __fish_xmfax_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_xmfax_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_xmfax_using_subcommand
    set -l cmd (__fish_xmfax_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c xmfax -n "__fish_xmfax_needs_command" -l db -d 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)' -r -F
complete -c xmfax -n "__fish_xmfax_needs_command" -l agent -d 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]' -r
complete -c xmfax -n "__fish_xmfax_needs_command" -s o -l output -d 'Output format: tables are for people, JSON and YAML are the stable contract for scripts' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c xmfax -n "__fish_xmfax_needs_command" -s y -l yes -d 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
complete -c xmfax -n "__fish_xmfax_needs_command" -l no-input -d 'Never prompt, even on a terminal: fail instead and name the missing argument'
complete -c xmfax -n "__fish_xmfax_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c xmfax -n "__fish_xmfax_needs_command" -s V -l version -d 'Print version'
complete -c xmfax -n "__fish_xmfax_needs_command" -f -a "accounts" -d 'Customer accounts and their defaults (faxing profile, language, main fax number)'
complete -c xmfax -n "__fish_xmfax_needs_command" -f -a "users" -d 'Registered users of an account'
complete -c xmfax -n "__fish_xmfax_needs_command" -f -a "security" -d 'Email-to-fax security: spoofing protection, TLS, mail server whitelist, and the securing check'
complete -c xmfax -n "__fish_xmfax_needs_command" -f -a "domains" -d 'Trusted email domains: anyone with an address in them can fax by email through the account'
complete -c xmfax -n "__fish_xmfax_needs_command" -f -a "requests" -d 'Signed request forms: template, validate and process them; every request is kept on record'
complete -c xmfax -n "__fish_xmfax_needs_command" -f -a "sender" -d 'Test senders: may this address fax through an account, and if not, why not'
complete -c xmfax -n "__fish_xmfax_needs_command" -f -a "export" -d 'Export the whole configuration (or some accounts) as one YAML/JSON document'
complete -c xmfax -n "__fish_xmfax_needs_command" -f -a "import" -d 'Import an export document or a CSV of trusted domains: every row checked, all or nothing'
complete -c xmfax -n "__fish_xmfax_needs_command" -f -a "audit" -d 'The hash-chained audit trail of every change'
complete -c xmfax -n "__fish_xmfax_needs_command" -f -a "settings" -d 'Store-wide settings (require-dns-proof)'
complete -c xmfax -n "__fish_xmfax_needs_command" -f -a "store" -d 'The store as a whole: copy it between SQLite and PostgreSQL'
complete -c xmfax -n "__fish_xmfax_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c xmfax -n "__fish_xmfax_needs_command" -f -a "man" -d 'Print the man page (or write all man pages to a directory)'
complete -c xmfax -n "__fish_xmfax_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c xmfax -n "__fish_xmfax_using_subcommand accounts; and not __fish_seen_subcommand_from add list show set remove help" -l db -d 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)' -r -F
complete -c xmfax -n "__fish_xmfax_using_subcommand accounts; and not __fish_seen_subcommand_from add list show set remove help" -l agent -d 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand accounts; and not __fish_seen_subcommand_from add list show set remove help" -s o -l output -d 'Output format: tables are for people, JSON and YAML are the stable contract for scripts' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c xmfax -n "__fish_xmfax_using_subcommand accounts; and not __fish_seen_subcommand_from add list show set remove help" -s y -l yes -d 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
complete -c xmfax -n "__fish_xmfax_using_subcommand accounts; and not __fish_seen_subcommand_from add list show set remove help" -l no-input -d 'Never prompt, even on a terminal: fail instead and name the missing argument'
complete -c xmfax -n "__fish_xmfax_using_subcommand accounts; and not __fish_seen_subcommand_from add list show set remove help" -s h -l help -d 'Print help'
complete -c xmfax -n "__fish_xmfax_using_subcommand accounts; and not __fish_seen_subcommand_from add list show set remove help" -s V -l version -d 'Print version'
complete -c xmfax -n "__fish_xmfax_using_subcommand accounts; and not __fish_seen_subcommand_from add list show set remove help" -f -a "add" -d 'Create an account with its defaults'
complete -c xmfax -n "__fish_xmfax_using_subcommand accounts; and not __fish_seen_subcommand_from add list show set remove help" -f -a "list" -d 'List accounts by ID, printed as they are read (page with --limit and --after)'
complete -c xmfax -n "__fish_xmfax_using_subcommand accounts; and not __fish_seen_subcommand_from add list show set remove help" -f -a "show" -d 'Show an account\'s whole configuration: defaults, security, trusted domains, users'
complete -c xmfax -n "__fish_xmfax_using_subcommand accounts; and not __fish_seen_subcommand_from add list show set remove help" -f -a "set" -d 'Change an account\'s name or defaults'
complete -c xmfax -n "__fish_xmfax_using_subcommand accounts; and not __fish_seen_subcommand_from add list show set remove help" -f -a "remove" -d 'Remove an account and everything it has (users, whitelist, trusted domains); asks first, --yes without a terminal'
complete -c xmfax -n "__fish_xmfax_using_subcommand accounts; and not __fish_seen_subcommand_from add list show set remove help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c xmfax -n "__fish_xmfax_using_subcommand accounts; and __fish_seen_subcommand_from add" -l name -d 'The customer\'s name' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand accounts; and __fish_seen_subcommand_from add" -l fax-number -d 'Main fax number, in international form (+16502530000); the outbound number of unlisted senders' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand accounts; and __fish_seen_subcommand_from add" -l region -d 'The service region hosting the account' -r -f -a "us\t''
eu\t''
ca\t''"
complete -c xmfax -n "__fish_xmfax_using_subcommand accounts; and __fish_seen_subcommand_from add" -l profile -d 'Default faxing profile' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand accounts; and __fish_seen_subcommand_from add" -l language -d 'Default user language (en, fr, de, es, it, pt, nl, ja, zh)' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand accounts; and __fish_seen_subcommand_from add" -l db -d 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)' -r -F
complete -c xmfax -n "__fish_xmfax_using_subcommand accounts; and __fish_seen_subcommand_from add" -l agent -d 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand accounts; and __fish_seen_subcommand_from add" -s o -l output -d 'Output format: tables are for people, JSON and YAML are the stable contract for scripts' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c xmfax -n "__fish_xmfax_using_subcommand accounts; and __fish_seen_subcommand_from add" -s y -l yes -d 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
complete -c xmfax -n "__fish_xmfax_using_subcommand accounts; and __fish_seen_subcommand_from add" -l no-input -d 'Never prompt, even on a terminal: fail instead and name the missing argument'
complete -c xmfax -n "__fish_xmfax_using_subcommand accounts; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c xmfax -n "__fish_xmfax_using_subcommand accounts; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c xmfax -n "__fish_xmfax_using_subcommand accounts; and __fish_seen_subcommand_from list" -l limit -d 'Print at most N accounts' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand accounts; and __fish_seen_subcommand_from list" -l after -d 'Start after this account ID (the last one of the previous page)' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand accounts; and __fish_seen_subcommand_from list" -l db -d 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)' -r -F
complete -c xmfax -n "__fish_xmfax_using_subcommand accounts; and __fish_seen_subcommand_from list" -l agent -d 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand accounts; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format: tables are for people, JSON and YAML are the stable contract for scripts' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c xmfax -n "__fish_xmfax_using_subcommand accounts; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
complete -c xmfax -n "__fish_xmfax_using_subcommand accounts; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt, even on a terminal: fail instead and name the missing argument'
complete -c xmfax -n "__fish_xmfax_using_subcommand accounts; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c xmfax -n "__fish_xmfax_using_subcommand accounts; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c xmfax -n "__fish_xmfax_using_subcommand accounts; and __fish_seen_subcommand_from show" -l db -d 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)' -r -F
complete -c xmfax -n "__fish_xmfax_using_subcommand accounts; and __fish_seen_subcommand_from show" -l agent -d 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand accounts; and __fish_seen_subcommand_from show" -s o -l output -d 'Output format: tables are for people, JSON and YAML are the stable contract for scripts' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c xmfax -n "__fish_xmfax_using_subcommand accounts; and __fish_seen_subcommand_from show" -s y -l yes -d 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
complete -c xmfax -n "__fish_xmfax_using_subcommand accounts; and __fish_seen_subcommand_from show" -l no-input -d 'Never prompt, even on a terminal: fail instead and name the missing argument'
complete -c xmfax -n "__fish_xmfax_using_subcommand accounts; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c xmfax -n "__fish_xmfax_using_subcommand accounts; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c xmfax -n "__fish_xmfax_using_subcommand accounts; and __fish_seen_subcommand_from set" -l name -d 'The customer\'s name' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand accounts; and __fish_seen_subcommand_from set" -l fax-number -d 'Main fax number, in international form (+16502530000)' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand accounts; and __fish_seen_subcommand_from set" -l region -d 'The service region hosting the account' -r -f -a "us\t''
eu\t''
ca\t''"
complete -c xmfax -n "__fish_xmfax_using_subcommand accounts; and __fish_seen_subcommand_from set" -l profile -d 'Default faxing profile' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand accounts; and __fish_seen_subcommand_from set" -l language -d 'Default user language (en, fr, de, es, it, pt, nl, ja, zh)' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand accounts; and __fish_seen_subcommand_from set" -l db -d 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)' -r -F
complete -c xmfax -n "__fish_xmfax_using_subcommand accounts; and __fish_seen_subcommand_from set" -l agent -d 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand accounts; and __fish_seen_subcommand_from set" -s o -l output -d 'Output format: tables are for people, JSON and YAML are the stable contract for scripts' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c xmfax -n "__fish_xmfax_using_subcommand accounts; and __fish_seen_subcommand_from set" -s y -l yes -d 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
complete -c xmfax -n "__fish_xmfax_using_subcommand accounts; and __fish_seen_subcommand_from set" -l no-input -d 'Never prompt, even on a terminal: fail instead and name the missing argument'
complete -c xmfax -n "__fish_xmfax_using_subcommand accounts; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help'
complete -c xmfax -n "__fish_xmfax_using_subcommand accounts; and __fish_seen_subcommand_from set" -s V -l version -d 'Print version'
complete -c xmfax -n "__fish_xmfax_using_subcommand accounts; and __fish_seen_subcommand_from remove" -l db -d 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)' -r -F
complete -c xmfax -n "__fish_xmfax_using_subcommand accounts; and __fish_seen_subcommand_from remove" -l agent -d 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand accounts; and __fish_seen_subcommand_from remove" -s o -l output -d 'Output format: tables are for people, JSON and YAML are the stable contract for scripts' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c xmfax -n "__fish_xmfax_using_subcommand accounts; and __fish_seen_subcommand_from remove" -s y -l yes -d 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
complete -c xmfax -n "__fish_xmfax_using_subcommand accounts; and __fish_seen_subcommand_from remove" -l no-input -d 'Never prompt, even on a terminal: fail instead and name the missing argument'
complete -c xmfax -n "__fish_xmfax_using_subcommand accounts; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c xmfax -n "__fish_xmfax_using_subcommand accounts; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c xmfax -n "__fish_xmfax_using_subcommand accounts; and __fish_seen_subcommand_from help" -f -a "add" -d 'Create an account with its defaults'
complete -c xmfax -n "__fish_xmfax_using_subcommand accounts; and __fish_seen_subcommand_from help" -f -a "list" -d 'List accounts by ID, printed as they are read (page with --limit and --after)'
complete -c xmfax -n "__fish_xmfax_using_subcommand accounts; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show an account\'s whole configuration: defaults, security, trusted domains, users'
complete -c xmfax -n "__fish_xmfax_using_subcommand accounts; and __fish_seen_subcommand_from help" -f -a "set" -d 'Change an account\'s name or defaults'
complete -c xmfax -n "__fish_xmfax_using_subcommand accounts; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove an account and everything it has (users, whitelist, trusted domains); asks first, --yes without a terminal'
complete -c xmfax -n "__fish_xmfax_using_subcommand accounts; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c xmfax -n "__fish_xmfax_using_subcommand users; and not __fish_seen_subcommand_from add list remove help" -l db -d 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)' -r -F
complete -c xmfax -n "__fish_xmfax_using_subcommand users; and not __fish_seen_subcommand_from add list remove help" -l agent -d 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand users; and not __fish_seen_subcommand_from add list remove help" -s o -l output -d 'Output format: tables are for people, JSON and YAML are the stable contract for scripts' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c xmfax -n "__fish_xmfax_using_subcommand users; and not __fish_seen_subcommand_from add list remove help" -s y -l yes -d 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
complete -c xmfax -n "__fish_xmfax_using_subcommand users; and not __fish_seen_subcommand_from add list remove help" -l no-input -d 'Never prompt, even on a terminal: fail instead and name the missing argument'
complete -c xmfax -n "__fish_xmfax_using_subcommand users; and not __fish_seen_subcommand_from add list remove help" -s h -l help -d 'Print help'
complete -c xmfax -n "__fish_xmfax_using_subcommand users; and not __fish_seen_subcommand_from add list remove help" -s V -l version -d 'Print version'
complete -c xmfax -n "__fish_xmfax_using_subcommand users; and not __fish_seen_subcommand_from add list remove help" -f -a "add" -d 'Register a user; an address belongs to at most one account'
complete -c xmfax -n "__fish_xmfax_using_subcommand users; and not __fish_seen_subcommand_from add list remove help" -f -a "list" -d 'List an account\'s registered users by address, printed as they are read (page with --limit and --after)'
complete -c xmfax -n "__fish_xmfax_using_subcommand users; and not __fish_seen_subcommand_from add list remove help" -f -a "remove" -d 'Remove a registered user (asks first; --yes without a terminal)'
complete -c xmfax -n "__fish_xmfax_using_subcommand users; and not __fish_seen_subcommand_from add list remove help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c xmfax -n "__fish_xmfax_using_subcommand users; and __fish_seen_subcommand_from add" -l profile -d 'The user\'s faxing profile [default: the account\'s]' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand users; and __fish_seen_subcommand_from add" -l language -d 'The user\'s language [default: the account\'s]' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand users; and __fish_seen_subcommand_from add" -l fax-number -d 'The user\'s own fax number, in international form [default: the account\'s main number]' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand users; and __fish_seen_subcommand_from add" -l db -d 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)' -r -F
complete -c xmfax -n "__fish_xmfax_using_subcommand users; and __fish_seen_subcommand_from add" -l agent -d 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand users; and __fish_seen_subcommand_from add" -s o -l output -d 'Output format: tables are for people, JSON and YAML are the stable contract for scripts' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c xmfax -n "__fish_xmfax_using_subcommand users; and __fish_seen_subcommand_from add" -s y -l yes -d 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
complete -c xmfax -n "__fish_xmfax_using_subcommand users; and __fish_seen_subcommand_from add" -l no-input -d 'Never prompt, even on a terminal: fail instead and name the missing argument'
complete -c xmfax -n "__fish_xmfax_using_subcommand users; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c xmfax -n "__fish_xmfax_using_subcommand users; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c xmfax -n "__fish_xmfax_using_subcommand users; and __fish_seen_subcommand_from list" -l limit -d 'Print at most N users' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand users; and __fish_seen_subcommand_from list" -l after -d 'Start after this address (the last one of the previous page; compared case-insensitively)' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand users; and __fish_seen_subcommand_from list" -l db -d 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)' -r -F
complete -c xmfax -n "__fish_xmfax_using_subcommand users; and __fish_seen_subcommand_from list" -l agent -d 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand users; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format: tables are for people, JSON and YAML are the stable contract for scripts' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c xmfax -n "__fish_xmfax_using_subcommand users; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
complete -c xmfax -n "__fish_xmfax_using_subcommand users; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt, even on a terminal: fail instead and name the missing argument'
complete -c xmfax -n "__fish_xmfax_using_subcommand users; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c xmfax -n "__fish_xmfax_using_subcommand users; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c xmfax -n "__fish_xmfax_using_subcommand users; and __fish_seen_subcommand_from remove" -l db -d 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)' -r -F
complete -c xmfax -n "__fish_xmfax_using_subcommand users; and __fish_seen_subcommand_from remove" -l agent -d 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand users; and __fish_seen_subcommand_from remove" -s o -l output -d 'Output format: tables are for people, JSON and YAML are the stable contract for scripts' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c xmfax -n "__fish_xmfax_using_subcommand users; and __fish_seen_subcommand_from remove" -s y -l yes -d 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
complete -c xmfax -n "__fish_xmfax_using_subcommand users; and __fish_seen_subcommand_from remove" -l no-input -d 'Never prompt, even on a terminal: fail instead and name the missing argument'
complete -c xmfax -n "__fish_xmfax_using_subcommand users; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c xmfax -n "__fish_xmfax_using_subcommand users; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c xmfax -n "__fish_xmfax_using_subcommand users; and __fish_seen_subcommand_from help" -f -a "add" -d 'Register a user; an address belongs to at most one account'
complete -c xmfax -n "__fish_xmfax_using_subcommand users; and __fish_seen_subcommand_from help" -f -a "list" -d 'List an account\'s registered users by address, printed as they are read (page with --limit and --after)'
complete -c xmfax -n "__fish_xmfax_using_subcommand users; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove a registered user (asks first; --yes without a terminal)'
complete -c xmfax -n "__fish_xmfax_using_subcommand users; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c xmfax -n "__fish_xmfax_using_subcommand security; and not __fish_seen_subcommand_from set whitelist check help" -l db -d 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)' -r -F
complete -c xmfax -n "__fish_xmfax_using_subcommand security; and not __fish_seen_subcommand_from set whitelist check help" -l agent -d 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand security; and not __fish_seen_subcommand_from set whitelist check help" -s o -l output -d 'Output format: tables are for people, JSON and YAML are the stable contract for scripts' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c xmfax -n "__fish_xmfax_using_subcommand security; and not __fish_seen_subcommand_from set whitelist check help" -s y -l yes -d 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
complete -c xmfax -n "__fish_xmfax_using_subcommand security; and not __fish_seen_subcommand_from set whitelist check help" -l no-input -d 'Never prompt, even on a terminal: fail instead and name the missing argument'
complete -c xmfax -n "__fish_xmfax_using_subcommand security; and not __fish_seen_subcommand_from set whitelist check help" -s h -l help -d 'Print help'
complete -c xmfax -n "__fish_xmfax_using_subcommand security; and not __fish_seen_subcommand_from set whitelist check help" -s V -l version -d 'Print version'
complete -c xmfax -n "__fish_xmfax_using_subcommand security; and not __fish_seen_subcommand_from set whitelist check help" -f -a "set" -d 'Turn spoofing protection or required TLS on or off'
complete -c xmfax -n "__fish_xmfax_using_subcommand security; and not __fish_seen_subcommand_from set whitelist check help" -f -a "whitelist" -d 'The whitelist of the customer\'s mail servers (the only sources allowed when non-empty)'
complete -c xmfax -n "__fish_xmfax_using_subcommand security; and not __fish_seen_subcommand_from set whitelist check help" -f -a "check" -d 'Check the securing prerequisites of an account (exit 1 when a check fails)'
complete -c xmfax -n "__fish_xmfax_using_subcommand security; and not __fish_seen_subcommand_from set whitelist check help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c xmfax -n "__fish_xmfax_using_subcommand security; and __fish_seen_subcommand_from set" -l spoofing-protection -d 'Accept email only when the sender\'s domain authenticates it (DMARC, or SPF and DKIM)' -r -f -a "on\t''
off\t''"
complete -c xmfax -n "__fish_xmfax_using_subcommand security; and __fish_seen_subcommand_from set" -l require-tls -d 'Accept email only over TLS' -r -f -a "on\t''
off\t''"
complete -c xmfax -n "__fish_xmfax_using_subcommand security; and __fish_seen_subcommand_from set" -l db -d 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)' -r -F
complete -c xmfax -n "__fish_xmfax_using_subcommand security; and __fish_seen_subcommand_from set" -l agent -d 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand security; and __fish_seen_subcommand_from set" -s o -l output -d 'Output format: tables are for people, JSON and YAML are the stable contract for scripts' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c xmfax -n "__fish_xmfax_using_subcommand security; and __fish_seen_subcommand_from set" -s y -l yes -d 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
complete -c xmfax -n "__fish_xmfax_using_subcommand security; and __fish_seen_subcommand_from set" -l no-input -d 'Never prompt, even on a terminal: fail instead and name the missing argument'
complete -c xmfax -n "__fish_xmfax_using_subcommand security; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help'
complete -c xmfax -n "__fish_xmfax_using_subcommand security; and __fish_seen_subcommand_from set" -s V -l version -d 'Print version'
complete -c xmfax -n "__fish_xmfax_using_subcommand security; and __fish_seen_subcommand_from whitelist" -l db -d 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)' -r -F
complete -c xmfax -n "__fish_xmfax_using_subcommand security; and __fish_seen_subcommand_from whitelist" -l agent -d 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand security; and __fish_seen_subcommand_from whitelist" -s o -l output -d 'Output format: tables are for people, JSON and YAML are the stable contract for scripts' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c xmfax -n "__fish_xmfax_using_subcommand security; and __fish_seen_subcommand_from whitelist" -s y -l yes -d 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
complete -c xmfax -n "__fish_xmfax_using_subcommand security; and __fish_seen_subcommand_from whitelist" -l no-input -d 'Never prompt, even on a terminal: fail instead and name the missing argument'
complete -c xmfax -n "__fish_xmfax_using_subcommand security; and __fish_seen_subcommand_from whitelist" -s h -l help -d 'Print help'
complete -c xmfax -n "__fish_xmfax_using_subcommand security; and __fish_seen_subcommand_from whitelist" -s V -l version -d 'Print version'
complete -c xmfax -n "__fish_xmfax_using_subcommand security; and __fish_seen_subcommand_from whitelist" -f -a "add" -d 'Add networks (CIDR; a bare address is a /32 or /128). Prints at once what `security check` will say about them: a network that is not public is added with a warning; one broader than a /16 (IPv4) or /32 (IPv6) restrains nothing and is refused (exit 1) unless --force is given'
complete -c xmfax -n "__fish_xmfax_using_subcommand security; and __fish_seen_subcommand_from whitelist" -f -a "remove" -d 'Remove networks (asks first; --yes without a terminal)'
complete -c xmfax -n "__fish_xmfax_using_subcommand security; and __fish_seen_subcommand_from whitelist" -f -a "list" -d 'List the whitelisted networks'
complete -c xmfax -n "__fish_xmfax_using_subcommand security; and __fish_seen_subcommand_from whitelist" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c xmfax -n "__fish_xmfax_using_subcommand security; and __fish_seen_subcommand_from check" -l dkim-selector -d 'A DKIM selector the customer signs with (repeatable): its key at SELECTOR._domainkey.DOMAIN is checked' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand security; and __fish_seen_subcommand_from check" -l dns-server -d 'Ask this DNS server (IP or IP:PORT) instead of the system\'s resolvers (/etc/resolv.conf)' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand security; and __fish_seen_subcommand_from check" -l dns-timeout -d 'Give up on a DNS query after this many seconds (exit 2, "could not check"); decimals allowed' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand security; and __fish_seen_subcommand_from check" -l db -d 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)' -r -F
complete -c xmfax -n "__fish_xmfax_using_subcommand security; and __fish_seen_subcommand_from check" -l agent -d 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand security; and __fish_seen_subcommand_from check" -s o -l output -d 'Output format: tables are for people, JSON and YAML are the stable contract for scripts' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c xmfax -n "__fish_xmfax_using_subcommand security; and __fish_seen_subcommand_from check" -l dns -d 'Also check each trusted domain\'s DNS: domain-controlled (a proof on record) and, with spoofing protection on, spoofing-protection-viable'
complete -c xmfax -n "__fish_xmfax_using_subcommand security; and __fish_seen_subcommand_from check" -s y -l yes -d 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
complete -c xmfax -n "__fish_xmfax_using_subcommand security; and __fish_seen_subcommand_from check" -l no-input -d 'Never prompt, even on a terminal: fail instead and name the missing argument'
complete -c xmfax -n "__fish_xmfax_using_subcommand security; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help'
complete -c xmfax -n "__fish_xmfax_using_subcommand security; and __fish_seen_subcommand_from check" -s V -l version -d 'Print version'
complete -c xmfax -n "__fish_xmfax_using_subcommand security; and __fish_seen_subcommand_from help" -f -a "set" -d 'Turn spoofing protection or required TLS on or off'
complete -c xmfax -n "__fish_xmfax_using_subcommand security; and __fish_seen_subcommand_from help" -f -a "whitelist" -d 'The whitelist of the customer\'s mail servers (the only sources allowed when non-empty)'
complete -c xmfax -n "__fish_xmfax_using_subcommand security; and __fish_seen_subcommand_from help" -f -a "check" -d 'Check the securing prerequisites of an account (exit 1 when a check fails)'
complete -c xmfax -n "__fish_xmfax_using_subcommand security; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and not __fish_seen_subcommand_from add remove list check challenge prove inspect help" -l db -d 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)' -r -F
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and not __fish_seen_subcommand_from add remove list check challenge prove inspect help" -l agent -d 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and not __fish_seen_subcommand_from add remove list check challenge prove inspect help" -s o -l output -d 'Output format: tables are for people, JSON and YAML are the stable contract for scripts' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and not __fish_seen_subcommand_from add remove list check challenge prove inspect help" -s y -l yes -d 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and not __fish_seen_subcommand_from add remove list check challenge prove inspect help" -l no-input -d 'Never prompt, even on a terminal: fail instead and name the missing argument'
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and not __fish_seen_subcommand_from add remove list check challenge prove inspect help" -s h -l help -d 'Print help'
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and not __fish_seen_subcommand_from add remove list check challenge prove inspect help" -s V -l version -d 'Print version'
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and not __fish_seen_subcommand_from add remove list check challenge prove inspect help" -f -a "add" -d 'Trust domains for an account\'s email-to-fax (all or nothing: one refused domain adds none)'
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and not __fish_seen_subcommand_from add remove list check challenge prove inspect help" -f -a "remove" -d 'Stop trusting domains (asks first; --yes without a terminal)'
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and not __fish_seen_subcommand_from add remove list check challenge prove inspect help" -f -a "list" -d 'List trusted domains of one account, or of all, by account then domain, printed as they are read (page with --limit and --after)'
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and not __fish_seen_subcommand_from add remove list check challenge prove inspect help" -f -a "check" -d 'Run the checks that need no account on domains (exit 1 if any would be refused)'
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and not __fish_seen_subcommand_from add remove list check challenge prove inspect help" -f -a "challenge" -d 'Issue a token the customer publishes in DNS to prove control of a domain (valid 30 days)'
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and not __fish_seen_subcommand_from add remove list check challenge prove inspect help" -f -a "prove" -d 'Look up the challenge record and, when it holds the account\'s token, record the proof (exit 0 proven, 1 not proven, 2 DNS could not be asked)'
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and not __fish_seen_subcommand_from add remove list check challenge prove inspect help" -f -a "inspect" -d 'Check domains\' MX, SPF, DMARC and DKIM records and whether spoofing protection can work for their mail (exit 1 when a check fails, 2 when DNS could not be asked)'
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and not __fish_seen_subcommand_from add remove list check challenge prove inspect help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and __fish_seen_subcommand_from add" -l request -d 'The approved signed request form that certifies these domains' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and __fish_seen_subcommand_from add" -l certified-by -d 'Who certified that the domains belong to the customer' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and __fish_seen_subcommand_from add" -l certified-on -d 'When they certified it' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and __fish_seen_subcommand_from add" -l max-age-days -d 'A certification (or a request\'s signature) older than this many days is expired' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and __fish_seen_subcommand_from add" -l db -d 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)' -r -F
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and __fish_seen_subcommand_from add" -l agent -d 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and __fish_seen_subcommand_from add" -s o -l output -d 'Output format: tables are for people, JSON and YAML are the stable contract for scripts' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and __fish_seen_subcommand_from add" -l include-subdomains -d 'Also trust every subdomain (mail.acme.com under acme.com)'
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and __fish_seen_subcommand_from add" -l dry-run -d 'Run every check and report, but change nothing'
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and __fish_seen_subcommand_from add" -s y -l yes -d 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and __fish_seen_subcommand_from add" -l no-input -d 'Never prompt, even on a terminal: fail instead and name the missing argument'
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and __fish_seen_subcommand_from remove" -l request -d 'The signed request form asking for the removal, recorded in the audit trail' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and __fish_seen_subcommand_from remove" -l db -d 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)' -r -F
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and __fish_seen_subcommand_from remove" -l agent -d 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and __fish_seen_subcommand_from remove" -s o -l output -d 'Output format: tables are for people, JSON and YAML are the stable contract for scripts' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and __fish_seen_subcommand_from remove" -s y -l yes -d 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and __fish_seen_subcommand_from remove" -l no-input -d 'Never prompt, even on a terminal: fail instead and name the missing argument'
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and __fish_seen_subcommand_from list" -l limit -d 'Print at most N domains' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and __fish_seen_subcommand_from list" -l after -d 'Start after this domain (the last one of the previous page). Listing every account, ACCOUNT/DOMAIN also works after a domain that has since been removed' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and __fish_seen_subcommand_from list" -l db -d 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)' -r -F
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and __fish_seen_subcommand_from list" -l agent -d 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format: tables are for people, JSON and YAML are the stable contract for scripts' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt, even on a terminal: fail instead and name the missing argument'
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and __fish_seen_subcommand_from check" -l db -d 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)' -r -F
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and __fish_seen_subcommand_from check" -l agent -d 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and __fish_seen_subcommand_from check" -s o -l output -d 'Output format: tables are for people, JSON and YAML are the stable contract for scripts' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and __fish_seen_subcommand_from check" -l include-subdomains -d 'Check them as a grant that includes subdomains (adds the public-suffix-below check)'
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and __fish_seen_subcommand_from check" -s y -l yes -d 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and __fish_seen_subcommand_from check" -l no-input -d 'Never prompt, even on a terminal: fail instead and name the missing argument'
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help'
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and __fish_seen_subcommand_from check" -s V -l version -d 'Print version'
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and __fish_seen_subcommand_from challenge" -l db -d 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)' -r -F
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and __fish_seen_subcommand_from challenge" -l agent -d 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and __fish_seen_subcommand_from challenge" -s o -l output -d 'Output format: tables are for people, JSON and YAML are the stable contract for scripts' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and __fish_seen_subcommand_from challenge" -l renew -d 'Issue a new token even when an unexpired one exists (the old one stops proving anything)'
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and __fish_seen_subcommand_from challenge" -s y -l yes -d 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and __fish_seen_subcommand_from challenge" -l no-input -d 'Never prompt, even on a terminal: fail instead and name the missing argument'
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and __fish_seen_subcommand_from challenge" -s h -l help -d 'Print help'
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and __fish_seen_subcommand_from challenge" -s V -l version -d 'Print version'
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and __fish_seen_subcommand_from prove" -l dns-server -d 'Ask this DNS server (IP or IP:PORT) instead of the system\'s resolvers (/etc/resolv.conf)' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and __fish_seen_subcommand_from prove" -l dns-timeout -d 'Give up on a DNS query after this many seconds (exit 2, "could not check"); decimals allowed' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and __fish_seen_subcommand_from prove" -l db -d 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)' -r -F
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and __fish_seen_subcommand_from prove" -l agent -d 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and __fish_seen_subcommand_from prove" -s o -l output -d 'Output format: tables are for people, JSON and YAML are the stable contract for scripts' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and __fish_seen_subcommand_from prove" -s y -l yes -d 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and __fish_seen_subcommand_from prove" -l no-input -d 'Never prompt, even on a terminal: fail instead and name the missing argument'
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and __fish_seen_subcommand_from prove" -s h -l help -d 'Print help'
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and __fish_seen_subcommand_from prove" -s V -l version -d 'Print version'
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and __fish_seen_subcommand_from inspect" -l dkim-selector -d 'A DKIM selector the customer signs with (repeatable): its key at SELECTOR._domainkey.DOMAIN is checked' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and __fish_seen_subcommand_from inspect" -l dns-server -d 'Ask this DNS server (IP or IP:PORT) instead of the system\'s resolvers (/etc/resolv.conf)' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and __fish_seen_subcommand_from inspect" -l dns-timeout -d 'Give up on a DNS query after this many seconds (exit 2, "could not check"); decimals allowed' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and __fish_seen_subcommand_from inspect" -l db -d 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)' -r -F
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and __fish_seen_subcommand_from inspect" -l agent -d 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and __fish_seen_subcommand_from inspect" -s o -l output -d 'Output format: tables are for people, JSON and YAML are the stable contract for scripts' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and __fish_seen_subcommand_from inspect" -s y -l yes -d 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and __fish_seen_subcommand_from inspect" -l no-input -d 'Never prompt, even on a terminal: fail instead and name the missing argument'
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and __fish_seen_subcommand_from inspect" -s V -l version -d 'Print version'
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and __fish_seen_subcommand_from help" -f -a "add" -d 'Trust domains for an account\'s email-to-fax (all or nothing: one refused domain adds none)'
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Stop trusting domains (asks first; --yes without a terminal)'
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and __fish_seen_subcommand_from help" -f -a "list" -d 'List trusted domains of one account, or of all, by account then domain, printed as they are read (page with --limit and --after)'
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and __fish_seen_subcommand_from help" -f -a "check" -d 'Run the checks that need no account on domains (exit 1 if any would be refused)'
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and __fish_seen_subcommand_from help" -f -a "challenge" -d 'Issue a token the customer publishes in DNS to prove control of a domain (valid 30 days)'
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and __fish_seen_subcommand_from help" -f -a "prove" -d 'Look up the challenge record and, when it holds the account\'s token, record the proof (exit 0 proven, 1 not proven, 2 DNS could not be asked)'
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and __fish_seen_subcommand_from help" -f -a "inspect" -d 'Check domains\' MX, SPF, DMARC and DKIM records and whether spoofing protection can work for their mail (exit 1 when a check fails, 2 when DNS could not be asked)'
complete -c xmfax -n "__fish_xmfax_using_subcommand domains; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c xmfax -n "__fish_xmfax_using_subcommand requests; and not __fish_seen_subcommand_from template new validate process list show help" -l db -d 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)' -r -F
complete -c xmfax -n "__fish_xmfax_using_subcommand requests; and not __fish_seen_subcommand_from template new validate process list show help" -l agent -d 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand requests; and not __fish_seen_subcommand_from template new validate process list show help" -s o -l output -d 'Output format: tables are for people, JSON and YAML are the stable contract for scripts' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c xmfax -n "__fish_xmfax_using_subcommand requests; and not __fish_seen_subcommand_from template new validate process list show help" -s y -l yes -d 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
complete -c xmfax -n "__fish_xmfax_using_subcommand requests; and not __fish_seen_subcommand_from template new validate process list show help" -l no-input -d 'Never prompt, even on a terminal: fail instead and name the missing argument'
complete -c xmfax -n "__fish_xmfax_using_subcommand requests; and not __fish_seen_subcommand_from template new validate process list show help" -s h -l help -d 'Print help'
complete -c xmfax -n "__fish_xmfax_using_subcommand requests; and not __fish_seen_subcommand_from template new validate process list show help" -s V -l version -d 'Print version'
complete -c xmfax -n "__fish_xmfax_using_subcommand requests; and not __fish_seen_subcommand_from template new validate process list show help" -f -a "template" -d 'Print a commented form for the customer to fill in and sign'
complete -c xmfax -n "__fish_xmfax_using_subcommand requests; and not __fish_seen_subcommand_from template new validate process list show help" -f -a "new" -d 'Fill in a form by answering questions (needs a terminal); prints it or writes it to --out'
complete -c xmfax -n "__fish_xmfax_using_subcommand requests; and not __fish_seen_subcommand_from template new validate process list show help" -f -a "validate" -d 'Check a form on its own and against the store, changing nothing (exit 0 it would be approved, 1 it would be refused, 2 it cannot be read)'
complete -c xmfax -n "__fish_xmfax_using_subcommand requests; and not __fish_seen_subcommand_from template new validate process list show help" -f -a "process" -d 'Run every check, then approve the form and apply its changes, or refuse it; either way the request is recorded (exit 0 approved, 1 refused; the same form again reports its recorded outcome)'
complete -c xmfax -n "__fish_xmfax_using_subcommand requests; and not __fish_seen_subcommand_from template new validate process list show help" -f -a "list" -d 'List processed requests, oldest first, printed as they are read (page with --limit and --after)'
complete -c xmfax -n "__fish_xmfax_using_subcommand requests; and not __fish_seen_subcommand_from template new validate process list show help" -f -a "show" -d 'Show a processed request: the form as received, its SHA-256, the outcome and its reasons'
complete -c xmfax -n "__fish_xmfax_using_subcommand requests; and not __fish_seen_subcommand_from template new validate process list show help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c xmfax -n "__fish_xmfax_using_subcommand requests; and __fish_seen_subcommand_from template" -l action -d 'What the form asks for' -r -f -a "add\t'Trust the listed domains as well'
remove\t'Stop trusting the listed domains'
replace\t'Trust exactly the listed domains (the others are removed)'
disable\t'Stop trusting every domain: only registered users can fax by email'"
complete -c xmfax -n "__fish_xmfax_using_subcommand requests; and __fish_seen_subcommand_from template" -l db -d 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)' -r -F
complete -c xmfax -n "__fish_xmfax_using_subcommand requests; and __fish_seen_subcommand_from template" -l agent -d 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand requests; and __fish_seen_subcommand_from template" -s o -l output -d 'Output format: tables are for people, JSON and YAML are the stable contract for scripts' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c xmfax -n "__fish_xmfax_using_subcommand requests; and __fish_seen_subcommand_from template" -s y -l yes -d 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
complete -c xmfax -n "__fish_xmfax_using_subcommand requests; and __fish_seen_subcommand_from template" -l no-input -d 'Never prompt, even on a terminal: fail instead and name the missing argument'
complete -c xmfax -n "__fish_xmfax_using_subcommand requests; and __fish_seen_subcommand_from template" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c xmfax -n "__fish_xmfax_using_subcommand requests; and __fish_seen_subcommand_from template" -s V -l version -d 'Print version'
complete -c xmfax -n "__fish_xmfax_using_subcommand requests; and __fish_seen_subcommand_from new" -l out -d 'Write the form to this new file instead of stdout' -r -F
complete -c xmfax -n "__fish_xmfax_using_subcommand requests; and __fish_seen_subcommand_from new" -l db -d 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)' -r -F
complete -c xmfax -n "__fish_xmfax_using_subcommand requests; and __fish_seen_subcommand_from new" -l agent -d 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand requests; and __fish_seen_subcommand_from new" -s o -l output -d 'Output format: tables are for people, JSON and YAML are the stable contract for scripts' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c xmfax -n "__fish_xmfax_using_subcommand requests; and __fish_seen_subcommand_from new" -s y -l yes -d 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
complete -c xmfax -n "__fish_xmfax_using_subcommand requests; and __fish_seen_subcommand_from new" -l no-input -d 'Never prompt, even on a terminal: fail instead and name the missing argument'
complete -c xmfax -n "__fish_xmfax_using_subcommand requests; and __fish_seen_subcommand_from new" -s h -l help -d 'Print help'
complete -c xmfax -n "__fish_xmfax_using_subcommand requests; and __fish_seen_subcommand_from new" -s V -l version -d 'Print version'
complete -c xmfax -n "__fish_xmfax_using_subcommand requests; and __fish_seen_subcommand_from validate" -l max-age-days -d 'A signature older than this many days is expired' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand requests; and __fish_seen_subcommand_from validate" -l db -d 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)' -r -F
complete -c xmfax -n "__fish_xmfax_using_subcommand requests; and __fish_seen_subcommand_from validate" -l agent -d 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand requests; and __fish_seen_subcommand_from validate" -s o -l output -d 'Output format: tables are for people, JSON and YAML are the stable contract for scripts' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c xmfax -n "__fish_xmfax_using_subcommand requests; and __fish_seen_subcommand_from validate" -s y -l yes -d 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
complete -c xmfax -n "__fish_xmfax_using_subcommand requests; and __fish_seen_subcommand_from validate" -l no-input -d 'Never prompt, even on a terminal: fail instead and name the missing argument'
complete -c xmfax -n "__fish_xmfax_using_subcommand requests; and __fish_seen_subcommand_from validate" -s h -l help -d 'Print help'
complete -c xmfax -n "__fish_xmfax_using_subcommand requests; and __fish_seen_subcommand_from validate" -s V -l version -d 'Print version'
complete -c xmfax -n "__fish_xmfax_using_subcommand requests; and __fish_seen_subcommand_from process" -l max-age-days -d 'A signature older than this many days is expired' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand requests; and __fish_seen_subcommand_from process" -l db -d 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)' -r -F
complete -c xmfax -n "__fish_xmfax_using_subcommand requests; and __fish_seen_subcommand_from process" -l agent -d 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand requests; and __fish_seen_subcommand_from process" -s o -l output -d 'Output format: tables are for people, JSON and YAML are the stable contract for scripts' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c xmfax -n "__fish_xmfax_using_subcommand requests; and __fish_seen_subcommand_from process" -l dry-run -d 'Run every check and report the outcome, but change and record nothing'
complete -c xmfax -n "__fish_xmfax_using_subcommand requests; and __fish_seen_subcommand_from process" -l require-dns-proof -d 'Refuse an add or replace form for any listed domain without a DNS proof of control (`no-dns-proof`; always so when the store setting require-dns-proof is on)'
complete -c xmfax -n "__fish_xmfax_using_subcommand requests; and __fish_seen_subcommand_from process" -s y -l yes -d 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
complete -c xmfax -n "__fish_xmfax_using_subcommand requests; and __fish_seen_subcommand_from process" -l no-input -d 'Never prompt, even on a terminal: fail instead and name the missing argument'
complete -c xmfax -n "__fish_xmfax_using_subcommand requests; and __fish_seen_subcommand_from process" -s h -l help -d 'Print help'
complete -c xmfax -n "__fish_xmfax_using_subcommand requests; and __fish_seen_subcommand_from process" -s V -l version -d 'Print version'
complete -c xmfax -n "__fish_xmfax_using_subcommand requests; and __fish_seen_subcommand_from list" -l account -d 'Only the requests of this account' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand requests; and __fish_seen_subcommand_from list" -l status -d 'Only approved or only refused requests' -r -f -a "approved\t''
refused\t''"
complete -c xmfax -n "__fish_xmfax_using_subcommand requests; and __fish_seen_subcommand_from list" -l limit -d 'Print at most N requests' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand requests; and __fish_seen_subcommand_from list" -l after -d 'Start after this request (the last reference of the previous page)' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand requests; and __fish_seen_subcommand_from list" -l db -d 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)' -r -F
complete -c xmfax -n "__fish_xmfax_using_subcommand requests; and __fish_seen_subcommand_from list" -l agent -d 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand requests; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format: tables are for people, JSON and YAML are the stable contract for scripts' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c xmfax -n "__fish_xmfax_using_subcommand requests; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
complete -c xmfax -n "__fish_xmfax_using_subcommand requests; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt, even on a terminal: fail instead and name the missing argument'
complete -c xmfax -n "__fish_xmfax_using_subcommand requests; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c xmfax -n "__fish_xmfax_using_subcommand requests; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c xmfax -n "__fish_xmfax_using_subcommand requests; and __fish_seen_subcommand_from show" -l db -d 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)' -r -F
complete -c xmfax -n "__fish_xmfax_using_subcommand requests; and __fish_seen_subcommand_from show" -l agent -d 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand requests; and __fish_seen_subcommand_from show" -s o -l output -d 'Output format: tables are for people, JSON and YAML are the stable contract for scripts' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c xmfax -n "__fish_xmfax_using_subcommand requests; and __fish_seen_subcommand_from show" -s y -l yes -d 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
complete -c xmfax -n "__fish_xmfax_using_subcommand requests; and __fish_seen_subcommand_from show" -l no-input -d 'Never prompt, even on a terminal: fail instead and name the missing argument'
complete -c xmfax -n "__fish_xmfax_using_subcommand requests; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c xmfax -n "__fish_xmfax_using_subcommand requests; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c xmfax -n "__fish_xmfax_using_subcommand requests; and __fish_seen_subcommand_from help" -f -a "template" -d 'Print a commented form for the customer to fill in and sign'
complete -c xmfax -n "__fish_xmfax_using_subcommand requests; and __fish_seen_subcommand_from help" -f -a "new" -d 'Fill in a form by answering questions (needs a terminal); prints it or writes it to --out'
complete -c xmfax -n "__fish_xmfax_using_subcommand requests; and __fish_seen_subcommand_from help" -f -a "validate" -d 'Check a form on its own and against the store, changing nothing (exit 0 it would be approved, 1 it would be refused, 2 it cannot be read)'
complete -c xmfax -n "__fish_xmfax_using_subcommand requests; and __fish_seen_subcommand_from help" -f -a "process" -d 'Run every check, then approve the form and apply its changes, or refuse it; either way the request is recorded (exit 0 approved, 1 refused; the same form again reports its recorded outcome)'
complete -c xmfax -n "__fish_xmfax_using_subcommand requests; and __fish_seen_subcommand_from help" -f -a "list" -d 'List processed requests, oldest first, printed as they are read (page with --limit and --after)'
complete -c xmfax -n "__fish_xmfax_using_subcommand requests; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show a processed request: the form as received, its SHA-256, the outcome and its reasons'
complete -c xmfax -n "__fish_xmfax_using_subcommand requests; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c xmfax -n "__fish_xmfax_using_subcommand sender; and not __fish_seen_subcommand_from test help" -l db -d 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)' -r -F
complete -c xmfax -n "__fish_xmfax_using_subcommand sender; and not __fish_seen_subcommand_from test help" -l agent -d 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand sender; and not __fish_seen_subcommand_from test help" -s o -l output -d 'Output format: tables are for people, JSON and YAML are the stable contract for scripts' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c xmfax -n "__fish_xmfax_using_subcommand sender; and not __fish_seen_subcommand_from test help" -s y -l yes -d 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
complete -c xmfax -n "__fish_xmfax_using_subcommand sender; and not __fish_seen_subcommand_from test help" -l no-input -d 'Never prompt, even on a terminal: fail instead and name the missing argument'
complete -c xmfax -n "__fish_xmfax_using_subcommand sender; and not __fish_seen_subcommand_from test help" -s h -l help -d 'Print help'
complete -c xmfax -n "__fish_xmfax_using_subcommand sender; and not __fish_seen_subcommand_from test help" -s V -l version -d 'Print version'
complete -c xmfax -n "__fish_xmfax_using_subcommand sender; and not __fish_seen_subcommand_from test help" -f -a "test" -d 'Decide whether a sender may fax through an account, exactly as the email-to-fax gateway would, and explain why (exit 1 when refused)'
complete -c xmfax -n "__fish_xmfax_using_subcommand sender; and not __fish_seen_subcommand_from test help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c xmfax -n "__fish_xmfax_using_subcommand sender; and __fish_seen_subcommand_from test" -l message -d 'Test a received message: the sender from its From header, SPF/DKIM/DMARC from our own Authentication-Results headers, the client IP and TLS from its top-most Received header' -r -F
complete -c xmfax -n "__fish_xmfax_using_subcommand sender; and __fish_seen_subcommand_from test" -l authserv-id -d 'The authserv-id our mail servers write in Authentication-Results; every header with another one may be forged by the sender and is ignored (required with --message)' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand sender; and __fish_seen_subcommand_from test" -l batch -d 'Test one address per line of FILE ("-" reads stdin); blank lines and # comments are skipped. With -o json, prints JSON Lines; counts go to stderr' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand sender; and __fish_seen_subcommand_from test" -l account -d 'Decide for this account [default: the account the address belongs to]' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand sender; and __fish_seen_subcommand_from test" -l client-ip -d 'The IP address of the mail server that delivered the message (overrides --message\'s)' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand sender; and __fish_seen_subcommand_from test" -l spf -d 'The SPF result of the message, for the sender\'s own domain (so aligned with it) unless --spf-domain names the domain it was for' -r -f -a "pass\t''
fail\t''
softfail\t''
neutral\t''
none\t''
temperror\t''
permerror\t''"
complete -c xmfax -n "__fish_xmfax_using_subcommand sender; and __fish_seen_subcommand_from test" -l spf-domain -d 'The domain --spf is for (the MAIL FROM domain, or the HELO name for the null sender): an SPF pass counts only when this domain is aligned with the sender\'s (same organizational domain)' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand sender; and __fish_seen_subcommand_from test" -l dkim -d 'The DKIM result of the message, for the sender\'s own domain (so aligned with it) unless --dkim-domain names the signing domain' -r -f -a "pass\t''
fail\t''
softfail\t''
neutral\t''
none\t''
temperror\t''
permerror\t''"
complete -c xmfax -n "__fish_xmfax_using_subcommand sender; and __fish_seen_subcommand_from test" -l dkim-domain -d 'The signing domain (d=) --dkim is for: a DKIM pass counts only when this domain is aligned with the sender\'s (same organizational domain)' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand sender; and __fish_seen_subcommand_from test" -l dmarc -d 'The DMARC result of the message, for the sender\'s own domain' -r -f -a "pass\t''
fail\t''
softfail\t''
neutral\t''
none\t''
temperror\t''
permerror\t''"
complete -c xmfax -n "__fish_xmfax_using_subcommand sender; and __fish_seen_subcommand_from test" -l channel -d 'How the sender reaches the service; senders admitted by a trusted domain may use email only' -r -f -a "email\t''
portal\t''
api\t''
receive\t''"
complete -c xmfax -n "__fish_xmfax_using_subcommand sender; and __fish_seen_subcommand_from test" -l db -d 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)' -r -F
complete -c xmfax -n "__fish_xmfax_using_subcommand sender; and __fish_seen_subcommand_from test" -l agent -d 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand sender; and __fish_seen_subcommand_from test" -s o -l output -d 'Output format: tables are for people, JSON and YAML are the stable contract for scripts' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c xmfax -n "__fish_xmfax_using_subcommand sender; and __fish_seen_subcommand_from test" -l tls -d 'The message was received over TLS'
complete -c xmfax -n "__fish_xmfax_using_subcommand sender; and __fish_seen_subcommand_from test" -s y -l yes -d 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
complete -c xmfax -n "__fish_xmfax_using_subcommand sender; and __fish_seen_subcommand_from test" -l no-input -d 'Never prompt, even on a terminal: fail instead and name the missing argument'
complete -c xmfax -n "__fish_xmfax_using_subcommand sender; and __fish_seen_subcommand_from test" -s h -l help -d 'Print help'
complete -c xmfax -n "__fish_xmfax_using_subcommand sender; and __fish_seen_subcommand_from test" -s V -l version -d 'Print version'
complete -c xmfax -n "__fish_xmfax_using_subcommand sender; and __fish_seen_subcommand_from help" -f -a "test" -d 'Decide whether a sender may fax through an account, exactly as the email-to-fax gateway would, and explain why (exit 1 when refused)'
complete -c xmfax -n "__fish_xmfax_using_subcommand sender; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c xmfax -n "__fish_xmfax_using_subcommand export" -l account -d 'Export only these accounts (repeat the option or list several IDs) [default: every account]' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand export" -l db -d 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)' -r -F
complete -c xmfax -n "__fish_xmfax_using_subcommand export" -l agent -d 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand export" -s o -l output -d 'Output format: tables are for people, JSON and YAML are the stable contract for scripts' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c xmfax -n "__fish_xmfax_using_subcommand export" -s y -l yes -d 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
complete -c xmfax -n "__fish_xmfax_using_subcommand export" -l no-input -d 'Never prompt, even on a terminal: fail instead and name the missing argument'
complete -c xmfax -n "__fish_xmfax_using_subcommand export" -s h -l help -d 'Print help'
complete -c xmfax -n "__fish_xmfax_using_subcommand export" -s V -l version -d 'Print version'
complete -c xmfax -n "__fish_xmfax_using_subcommand import" -l format -d 'Input format [default: from the extension: .yaml/.yml, .json, .csv]' -r -f -a "yaml\t'An export document in YAML'
json\t'An export document in JSON'
csv\t'Trusted domains, one per row, with a header line'"
complete -c xmfax -n "__fish_xmfax_using_subcommand import" -l max-age-days -d 'A certification (or a request\'s signature) older than this many days is expired' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand import" -l db -d 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)' -r -F
complete -c xmfax -n "__fish_xmfax_using_subcommand import" -l agent -d 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand import" -s o -l output -d 'Output format: tables are for people, JSON and YAML are the stable contract for scripts' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c xmfax -n "__fish_xmfax_using_subcommand import" -l dry-run -d 'Run every check and report what would change, but write nothing'
complete -c xmfax -n "__fish_xmfax_using_subcommand import" -s y -l yes -d 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
complete -c xmfax -n "__fish_xmfax_using_subcommand import" -l no-input -d 'Never prompt, even on a terminal: fail instead and name the missing argument'
complete -c xmfax -n "__fish_xmfax_using_subcommand import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c xmfax -n "__fish_xmfax_using_subcommand import" -s V -l version -d 'Print version'
complete -c xmfax -n "__fish_xmfax_using_subcommand audit; and not __fish_seen_subcommand_from log show verify head help" -l db -d 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)' -r -F
complete -c xmfax -n "__fish_xmfax_using_subcommand audit; and not __fish_seen_subcommand_from log show verify head help" -l agent -d 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand audit; and not __fish_seen_subcommand_from log show verify head help" -s o -l output -d 'Output format: tables are for people, JSON and YAML are the stable contract for scripts' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c xmfax -n "__fish_xmfax_using_subcommand audit; and not __fish_seen_subcommand_from log show verify head help" -s y -l yes -d 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
complete -c xmfax -n "__fish_xmfax_using_subcommand audit; and not __fish_seen_subcommand_from log show verify head help" -l no-input -d 'Never prompt, even on a terminal: fail instead and name the missing argument'
complete -c xmfax -n "__fish_xmfax_using_subcommand audit; and not __fish_seen_subcommand_from log show verify head help" -s h -l help -d 'Print help'
complete -c xmfax -n "__fish_xmfax_using_subcommand audit; and not __fish_seen_subcommand_from log show verify head help" -s V -l version -d 'Print version'
complete -c xmfax -n "__fish_xmfax_using_subcommand audit; and not __fish_seen_subcommand_from log show verify head help" -f -a "log" -d 'Show audit events, one line each, the newest last (page back with --after)'
complete -c xmfax -n "__fish_xmfax_using_subcommand audit; and not __fish_seen_subcommand_from log show verify head help" -f -a "show" -d 'Show one audit event with its full details'
complete -c xmfax -n "__fish_xmfax_using_subcommand audit; and not __fish_seen_subcommand_from log show verify head help" -f -a "verify" -d 'Verify the hash chain and the configuration: exit 1 naming the first broken row, or each table changed behind xmfax\'s back'
complete -c xmfax -n "__fish_xmfax_using_subcommand audit; and not __fish_seen_subcommand_from log show verify head help" -f -a "head" -d 'Print the chain\'s head (sequence, hash, configuration digest), to keep outside the store'
complete -c xmfax -n "__fish_xmfax_using_subcommand audit; and not __fish_seen_subcommand_from log show verify head help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c xmfax -n "__fish_xmfax_using_subcommand audit; and __fish_seen_subcommand_from log" -l account -d 'Only events about this account' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand audit; and __fish_seen_subcommand_from log" -l limit -d 'Show the newest N events' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand audit; and __fish_seen_subcommand_from log" -l after -d 'Continue from the previous page: only events older than SEQ (the first SEQ it showed)' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand audit; and __fish_seen_subcommand_from log" -l db -d 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)' -r -F
complete -c xmfax -n "__fish_xmfax_using_subcommand audit; and __fish_seen_subcommand_from log" -l agent -d 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand audit; and __fish_seen_subcommand_from log" -s o -l output -d 'Output format: tables are for people, JSON and YAML are the stable contract for scripts' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c xmfax -n "__fish_xmfax_using_subcommand audit; and __fish_seen_subcommand_from log" -l all -d 'Show every event, streamed as it is read'
complete -c xmfax -n "__fish_xmfax_using_subcommand audit; and __fish_seen_subcommand_from log" -s y -l yes -d 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
complete -c xmfax -n "__fish_xmfax_using_subcommand audit; and __fish_seen_subcommand_from log" -l no-input -d 'Never prompt, even on a terminal: fail instead and name the missing argument'
complete -c xmfax -n "__fish_xmfax_using_subcommand audit; and __fish_seen_subcommand_from log" -s h -l help -d 'Print help'
complete -c xmfax -n "__fish_xmfax_using_subcommand audit; and __fish_seen_subcommand_from log" -s V -l version -d 'Print version'
complete -c xmfax -n "__fish_xmfax_using_subcommand audit; and __fish_seen_subcommand_from show" -l db -d 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)' -r -F
complete -c xmfax -n "__fish_xmfax_using_subcommand audit; and __fish_seen_subcommand_from show" -l agent -d 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand audit; and __fish_seen_subcommand_from show" -s o -l output -d 'Output format: tables are for people, JSON and YAML are the stable contract for scripts' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c xmfax -n "__fish_xmfax_using_subcommand audit; and __fish_seen_subcommand_from show" -s y -l yes -d 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
complete -c xmfax -n "__fish_xmfax_using_subcommand audit; and __fish_seen_subcommand_from show" -l no-input -d 'Never prompt, even on a terminal: fail instead and name the missing argument'
complete -c xmfax -n "__fish_xmfax_using_subcommand audit; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c xmfax -n "__fish_xmfax_using_subcommand audit; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c xmfax -n "__fish_xmfax_using_subcommand audit; and __fish_seen_subcommand_from verify" -l expect -d 'A head hash recorded earlier (`xmfax audit head`): also prove the store still descends from it (exit 1 when no row of the chain has this hash)' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand audit; and __fish_seen_subcommand_from verify" -l db -d 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)' -r -F
complete -c xmfax -n "__fish_xmfax_using_subcommand audit; and __fish_seen_subcommand_from verify" -l agent -d 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand audit; and __fish_seen_subcommand_from verify" -s o -l output -d 'Output format: tables are for people, JSON and YAML are the stable contract for scripts' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c xmfax -n "__fish_xmfax_using_subcommand audit; and __fish_seen_subcommand_from verify" -s y -l yes -d 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
complete -c xmfax -n "__fish_xmfax_using_subcommand audit; and __fish_seen_subcommand_from verify" -l no-input -d 'Never prompt, even on a terminal: fail instead and name the missing argument'
complete -c xmfax -n "__fish_xmfax_using_subcommand audit; and __fish_seen_subcommand_from verify" -s h -l help -d 'Print help'
complete -c xmfax -n "__fish_xmfax_using_subcommand audit; and __fish_seen_subcommand_from verify" -s V -l version -d 'Print version'
complete -c xmfax -n "__fish_xmfax_using_subcommand audit; and __fish_seen_subcommand_from head" -l db -d 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)' -r -F
complete -c xmfax -n "__fish_xmfax_using_subcommand audit; and __fish_seen_subcommand_from head" -l agent -d 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand audit; and __fish_seen_subcommand_from head" -s o -l output -d 'Output format: tables are for people, JSON and YAML are the stable contract for scripts' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c xmfax -n "__fish_xmfax_using_subcommand audit; and __fish_seen_subcommand_from head" -s y -l yes -d 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
complete -c xmfax -n "__fish_xmfax_using_subcommand audit; and __fish_seen_subcommand_from head" -l no-input -d 'Never prompt, even on a terminal: fail instead and name the missing argument'
complete -c xmfax -n "__fish_xmfax_using_subcommand audit; and __fish_seen_subcommand_from head" -s h -l help -d 'Print help'
complete -c xmfax -n "__fish_xmfax_using_subcommand audit; and __fish_seen_subcommand_from head" -s V -l version -d 'Print version'
complete -c xmfax -n "__fish_xmfax_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "log" -d 'Show audit events, one line each, the newest last (page back with --after)'
complete -c xmfax -n "__fish_xmfax_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one audit event with its full details'
complete -c xmfax -n "__fish_xmfax_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "verify" -d 'Verify the hash chain and the configuration: exit 1 naming the first broken row, or each table changed behind xmfax\'s back'
complete -c xmfax -n "__fish_xmfax_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "head" -d 'Print the chain\'s head (sequence, hash, configuration digest), to keep outside the store'
complete -c xmfax -n "__fish_xmfax_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c xmfax -n "__fish_xmfax_using_subcommand settings; and not __fish_seen_subcommand_from set list help" -l db -d 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)' -r -F
complete -c xmfax -n "__fish_xmfax_using_subcommand settings; and not __fish_seen_subcommand_from set list help" -l agent -d 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand settings; and not __fish_seen_subcommand_from set list help" -s o -l output -d 'Output format: tables are for people, JSON and YAML are the stable contract for scripts' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c xmfax -n "__fish_xmfax_using_subcommand settings; and not __fish_seen_subcommand_from set list help" -s y -l yes -d 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
complete -c xmfax -n "__fish_xmfax_using_subcommand settings; and not __fish_seen_subcommand_from set list help" -l no-input -d 'Never prompt, even on a terminal: fail instead and name the missing argument'
complete -c xmfax -n "__fish_xmfax_using_subcommand settings; and not __fish_seen_subcommand_from set list help" -s h -l help -d 'Print help'
complete -c xmfax -n "__fish_xmfax_using_subcommand settings; and not __fish_seen_subcommand_from set list help" -s V -l version -d 'Print version'
complete -c xmfax -n "__fish_xmfax_using_subcommand settings; and not __fish_seen_subcommand_from set list help" -f -a "set" -d 'Change a setting of this store (audited)'
complete -c xmfax -n "__fish_xmfax_using_subcommand settings; and not __fish_seen_subcommand_from set list help" -f -a "list" -d 'Show every setting and its value'
complete -c xmfax -n "__fish_xmfax_using_subcommand settings; and not __fish_seen_subcommand_from set list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c xmfax -n "__fish_xmfax_using_subcommand settings; and __fish_seen_subcommand_from set" -l db -d 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)' -r -F
complete -c xmfax -n "__fish_xmfax_using_subcommand settings; and __fish_seen_subcommand_from set" -l agent -d 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand settings; and __fish_seen_subcommand_from set" -s o -l output -d 'Output format: tables are for people, JSON and YAML are the stable contract for scripts' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c xmfax -n "__fish_xmfax_using_subcommand settings; and __fish_seen_subcommand_from set" -s y -l yes -d 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
complete -c xmfax -n "__fish_xmfax_using_subcommand settings; and __fish_seen_subcommand_from set" -l no-input -d 'Never prompt, even on a terminal: fail instead and name the missing argument'
complete -c xmfax -n "__fish_xmfax_using_subcommand settings; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c xmfax -n "__fish_xmfax_using_subcommand settings; and __fish_seen_subcommand_from set" -s V -l version -d 'Print version'
complete -c xmfax -n "__fish_xmfax_using_subcommand settings; and __fish_seen_subcommand_from list" -l db -d 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)' -r -F
complete -c xmfax -n "__fish_xmfax_using_subcommand settings; and __fish_seen_subcommand_from list" -l agent -d 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand settings; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format: tables are for people, JSON and YAML are the stable contract for scripts' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c xmfax -n "__fish_xmfax_using_subcommand settings; and __fish_seen_subcommand_from list" -s y -l yes -d 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
complete -c xmfax -n "__fish_xmfax_using_subcommand settings; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt, even on a terminal: fail instead and name the missing argument'
complete -c xmfax -n "__fish_xmfax_using_subcommand settings; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c xmfax -n "__fish_xmfax_using_subcommand settings; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c xmfax -n "__fish_xmfax_using_subcommand settings; and __fish_seen_subcommand_from help" -f -a "set" -d 'Change a setting of this store (audited)'
complete -c xmfax -n "__fish_xmfax_using_subcommand settings; and __fish_seen_subcommand_from help" -f -a "list" -d 'Show every setting and its value'
complete -c xmfax -n "__fish_xmfax_using_subcommand settings; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c xmfax -n "__fish_xmfax_using_subcommand store; and not __fish_seen_subcommand_from copy roles-sql help" -l db -d 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)' -r -F
complete -c xmfax -n "__fish_xmfax_using_subcommand store; and not __fish_seen_subcommand_from copy roles-sql help" -l agent -d 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand store; and not __fish_seen_subcommand_from copy roles-sql help" -s o -l output -d 'Output format: tables are for people, JSON and YAML are the stable contract for scripts' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c xmfax -n "__fish_xmfax_using_subcommand store; and not __fish_seen_subcommand_from copy roles-sql help" -s y -l yes -d 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
complete -c xmfax -n "__fish_xmfax_using_subcommand store; and not __fish_seen_subcommand_from copy roles-sql help" -l no-input -d 'Never prompt, even on a terminal: fail instead and name the missing argument'
complete -c xmfax -n "__fish_xmfax_using_subcommand store; and not __fish_seen_subcommand_from copy roles-sql help" -s h -l help -d 'Print help'
complete -c xmfax -n "__fish_xmfax_using_subcommand store; and not __fish_seen_subcommand_from copy roles-sql help" -s V -l version -d 'Print version'
complete -c xmfax -n "__fish_xmfax_using_subcommand store; and not __fish_seen_subcommand_from copy roles-sql help" -f -a "copy" -d 'Copy a whole store into an empty one, SQLite or PostgreSQL, with its audit chain, requests and import records; the copy is verified (`audit verify`) before it is committed'
complete -c xmfax -n "__fish_xmfax_using_subcommand store; and not __fish_seen_subcommand_from copy roles-sql help" -f -a "roles-sql" -d 'Print the SQL that sets up a PostgreSQL store\'s roles and the gateway\'s views (sql/postgres-roles.sql of this version)'
complete -c xmfax -n "__fish_xmfax_using_subcommand store; and not __fish_seen_subcommand_from copy roles-sql help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c xmfax -n "__fish_xmfax_using_subcommand store; and __fish_seen_subcommand_from copy" -l from -d 'The store to copy [default: the store --db names]' -r -F
complete -c xmfax -n "__fish_xmfax_using_subcommand store; and __fish_seen_subcommand_from copy" -l to -d 'The store to copy into: a new or empty SQLite file, or an empty PostgreSQL database' -r -F
complete -c xmfax -n "__fish_xmfax_using_subcommand store; and __fish_seen_subcommand_from copy" -l db -d 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)' -r -F
complete -c xmfax -n "__fish_xmfax_using_subcommand store; and __fish_seen_subcommand_from copy" -l agent -d 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand store; and __fish_seen_subcommand_from copy" -s o -l output -d 'Output format: tables are for people, JSON and YAML are the stable contract for scripts' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c xmfax -n "__fish_xmfax_using_subcommand store; and __fish_seen_subcommand_from copy" -s y -l yes -d 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
complete -c xmfax -n "__fish_xmfax_using_subcommand store; and __fish_seen_subcommand_from copy" -l no-input -d 'Never prompt, even on a terminal: fail instead and name the missing argument'
complete -c xmfax -n "__fish_xmfax_using_subcommand store; and __fish_seen_subcommand_from copy" -s h -l help -d 'Print help'
complete -c xmfax -n "__fish_xmfax_using_subcommand store; and __fish_seen_subcommand_from copy" -s V -l version -d 'Print version'
complete -c xmfax -n "__fish_xmfax_using_subcommand store; and __fish_seen_subcommand_from roles-sql" -l db -d 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)' -r -F
complete -c xmfax -n "__fish_xmfax_using_subcommand store; and __fish_seen_subcommand_from roles-sql" -l agent -d 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand store; and __fish_seen_subcommand_from roles-sql" -s o -l output -d 'Output format: tables are for people, JSON and YAML are the stable contract for scripts' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c xmfax -n "__fish_xmfax_using_subcommand store; and __fish_seen_subcommand_from roles-sql" -s y -l yes -d 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
complete -c xmfax -n "__fish_xmfax_using_subcommand store; and __fish_seen_subcommand_from roles-sql" -l no-input -d 'Never prompt, even on a terminal: fail instead and name the missing argument'
complete -c xmfax -n "__fish_xmfax_using_subcommand store; and __fish_seen_subcommand_from roles-sql" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c xmfax -n "__fish_xmfax_using_subcommand store; and __fish_seen_subcommand_from roles-sql" -s V -l version -d 'Print version'
complete -c xmfax -n "__fish_xmfax_using_subcommand store; and __fish_seen_subcommand_from help" -f -a "copy" -d 'Copy a whole store into an empty one, SQLite or PostgreSQL, with its audit chain, requests and import records; the copy is verified (`audit verify`) before it is committed'
complete -c xmfax -n "__fish_xmfax_using_subcommand store; and __fish_seen_subcommand_from help" -f -a "roles-sql" -d 'Print the SQL that sets up a PostgreSQL store\'s roles and the gateway\'s views (sql/postgres-roles.sql of this version)'
complete -c xmfax -n "__fish_xmfax_using_subcommand store; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c xmfax -n "__fish_xmfax_using_subcommand completions" -l db -d 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)' -r -F
complete -c xmfax -n "__fish_xmfax_using_subcommand completions" -l agent -d 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand completions" -s o -l output -d 'Output format: tables are for people, JSON and YAML are the stable contract for scripts' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c xmfax -n "__fish_xmfax_using_subcommand completions" -l dynamic -d 'Print the registration of dynamic completion instead, which also completes live values from the store (account IDs, trusted domains, request references)'
complete -c xmfax -n "__fish_xmfax_using_subcommand completions" -s y -l yes -d 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
complete -c xmfax -n "__fish_xmfax_using_subcommand completions" -l no-input -d 'Never prompt, even on a terminal: fail instead and name the missing argument'
complete -c xmfax -n "__fish_xmfax_using_subcommand completions" -s h -l help -d 'Print help'
complete -c xmfax -n "__fish_xmfax_using_subcommand completions" -s V -l version -d 'Print version'
complete -c xmfax -n "__fish_xmfax_using_subcommand man" -l out -d 'Write xmfax.1 and one page per subcommand into this directory instead of printing xmfax.1' -r -F
complete -c xmfax -n "__fish_xmfax_using_subcommand man" -l db -d 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)' -r -F
complete -c xmfax -n "__fish_xmfax_using_subcommand man" -l agent -d 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]' -r
complete -c xmfax -n "__fish_xmfax_using_subcommand man" -s o -l output -d 'Output format: tables are for people, JSON and YAML are the stable contract for scripts' -r -f -a "table\t''
json\t''
yaml\t''"
complete -c xmfax -n "__fish_xmfax_using_subcommand man" -s y -l yes -d 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one'
complete -c xmfax -n "__fish_xmfax_using_subcommand man" -l no-input -d 'Never prompt, even on a terminal: fail instead and name the missing argument'
complete -c xmfax -n "__fish_xmfax_using_subcommand man" -s h -l help -d 'Print help'
complete -c xmfax -n "__fish_xmfax_using_subcommand man" -s V -l version -d 'Print version'
complete -c xmfax -n "__fish_xmfax_using_subcommand help; and not __fish_seen_subcommand_from accounts users security domains requests sender export import audit settings store completions man help" -f -a "accounts" -d 'Customer accounts and their defaults (faxing profile, language, main fax number)'
complete -c xmfax -n "__fish_xmfax_using_subcommand help; and not __fish_seen_subcommand_from accounts users security domains requests sender export import audit settings store completions man help" -f -a "users" -d 'Registered users of an account'
complete -c xmfax -n "__fish_xmfax_using_subcommand help; and not __fish_seen_subcommand_from accounts users security domains requests sender export import audit settings store completions man help" -f -a "security" -d 'Email-to-fax security: spoofing protection, TLS, mail server whitelist, and the securing check'
complete -c xmfax -n "__fish_xmfax_using_subcommand help; and not __fish_seen_subcommand_from accounts users security domains requests sender export import audit settings store completions man help" -f -a "domains" -d 'Trusted email domains: anyone with an address in them can fax by email through the account'
complete -c xmfax -n "__fish_xmfax_using_subcommand help; and not __fish_seen_subcommand_from accounts users security domains requests sender export import audit settings store completions man help" -f -a "requests" -d 'Signed request forms: template, validate and process them; every request is kept on record'
complete -c xmfax -n "__fish_xmfax_using_subcommand help; and not __fish_seen_subcommand_from accounts users security domains requests sender export import audit settings store completions man help" -f -a "sender" -d 'Test senders: may this address fax through an account, and if not, why not'
complete -c xmfax -n "__fish_xmfax_using_subcommand help; and not __fish_seen_subcommand_from accounts users security domains requests sender export import audit settings store completions man help" -f -a "export" -d 'Export the whole configuration (or some accounts) as one YAML/JSON document'
complete -c xmfax -n "__fish_xmfax_using_subcommand help; and not __fish_seen_subcommand_from accounts users security domains requests sender export import audit settings store completions man help" -f -a "import" -d 'Import an export document or a CSV of trusted domains: every row checked, all or nothing'
complete -c xmfax -n "__fish_xmfax_using_subcommand help; and not __fish_seen_subcommand_from accounts users security domains requests sender export import audit settings store completions man help" -f -a "audit" -d 'The hash-chained audit trail of every change'
complete -c xmfax -n "__fish_xmfax_using_subcommand help; and not __fish_seen_subcommand_from accounts users security domains requests sender export import audit settings store completions man help" -f -a "settings" -d 'Store-wide settings (require-dns-proof)'
complete -c xmfax -n "__fish_xmfax_using_subcommand help; and not __fish_seen_subcommand_from accounts users security domains requests sender export import audit settings store completions man help" -f -a "store" -d 'The store as a whole: copy it between SQLite and PostgreSQL'
complete -c xmfax -n "__fish_xmfax_using_subcommand help; and not __fish_seen_subcommand_from accounts users security domains requests sender export import audit settings store completions man help" -f -a "completions" -d 'Print a shell completion script'
complete -c xmfax -n "__fish_xmfax_using_subcommand help; and not __fish_seen_subcommand_from accounts users security domains requests sender export import audit settings store completions man help" -f -a "man" -d 'Print the man page (or write all man pages to a directory)'
complete -c xmfax -n "__fish_xmfax_using_subcommand help; and not __fish_seen_subcommand_from accounts users security domains requests sender export import audit settings store completions man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c xmfax -n "__fish_xmfax_using_subcommand help; and __fish_seen_subcommand_from accounts" -f -a "add" -d 'Create an account with its defaults'
complete -c xmfax -n "__fish_xmfax_using_subcommand help; and __fish_seen_subcommand_from accounts" -f -a "list" -d 'List accounts by ID, printed as they are read (page with --limit and --after)'
complete -c xmfax -n "__fish_xmfax_using_subcommand help; and __fish_seen_subcommand_from accounts" -f -a "show" -d 'Show an account\'s whole configuration: defaults, security, trusted domains, users'
complete -c xmfax -n "__fish_xmfax_using_subcommand help; and __fish_seen_subcommand_from accounts" -f -a "set" -d 'Change an account\'s name or defaults'
complete -c xmfax -n "__fish_xmfax_using_subcommand help; and __fish_seen_subcommand_from accounts" -f -a "remove" -d 'Remove an account and everything it has (users, whitelist, trusted domains); asks first, --yes without a terminal'
complete -c xmfax -n "__fish_xmfax_using_subcommand help; and __fish_seen_subcommand_from users" -f -a "add" -d 'Register a user; an address belongs to at most one account'
complete -c xmfax -n "__fish_xmfax_using_subcommand help; and __fish_seen_subcommand_from users" -f -a "list" -d 'List an account\'s registered users by address, printed as they are read (page with --limit and --after)'
complete -c xmfax -n "__fish_xmfax_using_subcommand help; and __fish_seen_subcommand_from users" -f -a "remove" -d 'Remove a registered user (asks first; --yes without a terminal)'
complete -c xmfax -n "__fish_xmfax_using_subcommand help; and __fish_seen_subcommand_from security" -f -a "set" -d 'Turn spoofing protection or required TLS on or off'
complete -c xmfax -n "__fish_xmfax_using_subcommand help; and __fish_seen_subcommand_from security" -f -a "whitelist" -d 'The whitelist of the customer\'s mail servers (the only sources allowed when non-empty)'
complete -c xmfax -n "__fish_xmfax_using_subcommand help; and __fish_seen_subcommand_from security" -f -a "check" -d 'Check the securing prerequisites of an account (exit 1 when a check fails)'
complete -c xmfax -n "__fish_xmfax_using_subcommand help; and __fish_seen_subcommand_from domains" -f -a "add" -d 'Trust domains for an account\'s email-to-fax (all or nothing: one refused domain adds none)'
complete -c xmfax -n "__fish_xmfax_using_subcommand help; and __fish_seen_subcommand_from domains" -f -a "remove" -d 'Stop trusting domains (asks first; --yes without a terminal)'
complete -c xmfax -n "__fish_xmfax_using_subcommand help; and __fish_seen_subcommand_from domains" -f -a "list" -d 'List trusted domains of one account, or of all, by account then domain, printed as they are read (page with --limit and --after)'
complete -c xmfax -n "__fish_xmfax_using_subcommand help; and __fish_seen_subcommand_from domains" -f -a "check" -d 'Run the checks that need no account on domains (exit 1 if any would be refused)'
complete -c xmfax -n "__fish_xmfax_using_subcommand help; and __fish_seen_subcommand_from domains" -f -a "challenge" -d 'Issue a token the customer publishes in DNS to prove control of a domain (valid 30 days)'
complete -c xmfax -n "__fish_xmfax_using_subcommand help; and __fish_seen_subcommand_from domains" -f -a "prove" -d 'Look up the challenge record and, when it holds the account\'s token, record the proof (exit 0 proven, 1 not proven, 2 DNS could not be asked)'
complete -c xmfax -n "__fish_xmfax_using_subcommand help; and __fish_seen_subcommand_from domains" -f -a "inspect" -d 'Check domains\' MX, SPF, DMARC and DKIM records and whether spoofing protection can work for their mail (exit 1 when a check fails, 2 when DNS could not be asked)'
complete -c xmfax -n "__fish_xmfax_using_subcommand help; and __fish_seen_subcommand_from requests" -f -a "template" -d 'Print a commented form for the customer to fill in and sign'
complete -c xmfax -n "__fish_xmfax_using_subcommand help; and __fish_seen_subcommand_from requests" -f -a "new" -d 'Fill in a form by answering questions (needs a terminal); prints it or writes it to --out'
complete -c xmfax -n "__fish_xmfax_using_subcommand help; and __fish_seen_subcommand_from requests" -f -a "validate" -d 'Check a form on its own and against the store, changing nothing (exit 0 it would be approved, 1 it would be refused, 2 it cannot be read)'
complete -c xmfax -n "__fish_xmfax_using_subcommand help; and __fish_seen_subcommand_from requests" -f -a "process" -d 'Run every check, then approve the form and apply its changes, or refuse it; either way the request is recorded (exit 0 approved, 1 refused; the same form again reports its recorded outcome)'
complete -c xmfax -n "__fish_xmfax_using_subcommand help; and __fish_seen_subcommand_from requests" -f -a "list" -d 'List processed requests, oldest first, printed as they are read (page with --limit and --after)'
complete -c xmfax -n "__fish_xmfax_using_subcommand help; and __fish_seen_subcommand_from requests" -f -a "show" -d 'Show a processed request: the form as received, its SHA-256, the outcome and its reasons'
complete -c xmfax -n "__fish_xmfax_using_subcommand help; and __fish_seen_subcommand_from sender" -f -a "test" -d 'Decide whether a sender may fax through an account, exactly as the email-to-fax gateway would, and explain why (exit 1 when refused)'
complete -c xmfax -n "__fish_xmfax_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "log" -d 'Show audit events, one line each, the newest last (page back with --after)'
complete -c xmfax -n "__fish_xmfax_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "show" -d 'Show one audit event with its full details'
complete -c xmfax -n "__fish_xmfax_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "verify" -d 'Verify the hash chain and the configuration: exit 1 naming the first broken row, or each table changed behind xmfax\'s back'
complete -c xmfax -n "__fish_xmfax_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "head" -d 'Print the chain\'s head (sequence, hash, configuration digest), to keep outside the store'
complete -c xmfax -n "__fish_xmfax_using_subcommand help; and __fish_seen_subcommand_from settings" -f -a "set" -d 'Change a setting of this store (audited)'
complete -c xmfax -n "__fish_xmfax_using_subcommand help; and __fish_seen_subcommand_from settings" -f -a "list" -d 'Show every setting and its value'
complete -c xmfax -n "__fish_xmfax_using_subcommand help; and __fish_seen_subcommand_from store" -f -a "copy" -d 'Copy a whole store into an empty one, SQLite or PostgreSQL, with its audit chain, requests and import records; the copy is verified (`audit verify`) before it is committed'
complete -c xmfax -n "__fish_xmfax_using_subcommand help; and __fish_seen_subcommand_from store" -f -a "roles-sql" -d 'Print the SQL that sets up a PostgreSQL store\'s roles and the gateway\'s views (sql/postgres-roles.sql of this version)'
