
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'xmfax' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'xmfax'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'xmfax' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)')
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal: fail instead and name the missing argument')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('accounts', 'accounts', [CompletionResultType]::ParameterValue, 'Customer accounts and their defaults (faxing profile, language, main fax number)')
            [CompletionResult]::new('users', 'users', [CompletionResultType]::ParameterValue, 'Registered users of an account')
            [CompletionResult]::new('security', 'security', [CompletionResultType]::ParameterValue, 'Email-to-fax security: spoofing protection, TLS, mail server whitelist, and the securing check')
            [CompletionResult]::new('domains', 'domains', [CompletionResultType]::ParameterValue, 'Trusted email domains: anyone with an address in them can fax by email through the account')
            [CompletionResult]::new('requests', 'requests', [CompletionResultType]::ParameterValue, 'Signed request forms: template, validate and process them; every request is kept on record')
            [CompletionResult]::new('sender', 'sender', [CompletionResultType]::ParameterValue, 'Test senders: may this address fax through an account, and if not, why not')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Export the whole configuration (or some accounts) as one YAML/JSON document')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Import an export document or a CSV of trusted domains: every row checked, all or nothing')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'The hash-chained audit trail of every change')
            [CompletionResult]::new('settings', 'settings', [CompletionResultType]::ParameterValue, 'Store-wide settings (require-dns-proof)')
            [CompletionResult]::new('store', 'store', [CompletionResultType]::ParameterValue, 'The store as a whole: copy it between SQLite and PostgreSQL')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page (or write all man pages to a directory)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'xmfax;accounts' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)')
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal: fail instead and name the missing argument')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Create an account with its defaults')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List accounts by ID, printed as they are read (page with --limit and --after)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show an account''s whole configuration: defaults, security, trusted domains, users')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Change an account''s name or defaults')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove an account and everything it has (users, whitelist, trusted domains); asks first, --yes without a terminal')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'xmfax;accounts;add' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The customer''s name')
            [CompletionResult]::new('--fax-number', '--fax-number', [CompletionResultType]::ParameterName, 'Main fax number, in international form (+16502530000); the outbound number of unlisted senders')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The service region hosting the account')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Default faxing profile')
            [CompletionResult]::new('--language', '--language', [CompletionResultType]::ParameterName, 'Default user language (en, fr, de, es, it, pt, nl, ja, zh)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)')
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal: fail instead and name the missing argument')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'xmfax;accounts;list' {
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Print at most N accounts')
            [CompletionResult]::new('--after', '--after', [CompletionResultType]::ParameterName, 'Start after this account ID (the last one of the previous page)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)')
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal: fail instead and name the missing argument')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'xmfax;accounts;show' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)')
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal: fail instead and name the missing argument')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'xmfax;accounts;set' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The customer''s name')
            [CompletionResult]::new('--fax-number', '--fax-number', [CompletionResultType]::ParameterName, 'Main fax number, in international form (+16502530000)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The service region hosting the account')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Default faxing profile')
            [CompletionResult]::new('--language', '--language', [CompletionResultType]::ParameterName, 'Default user language (en, fr, de, es, it, pt, nl, ja, zh)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)')
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal: fail instead and name the missing argument')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'xmfax;accounts;remove' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)')
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal: fail instead and name the missing argument')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'xmfax;accounts;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Create an account with its defaults')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List accounts by ID, printed as they are read (page with --limit and --after)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show an account''s whole configuration: defaults, security, trusted domains, users')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Change an account''s name or defaults')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove an account and everything it has (users, whitelist, trusted domains); asks first, --yes without a terminal')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'xmfax;accounts;help;add' {
            break
        }
        'xmfax;accounts;help;list' {
            break
        }
        'xmfax;accounts;help;show' {
            break
        }
        'xmfax;accounts;help;set' {
            break
        }
        'xmfax;accounts;help;remove' {
            break
        }
        'xmfax;accounts;help;help' {
            break
        }
        'xmfax;users' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)')
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal: fail instead and name the missing argument')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Register a user; an address belongs to at most one account')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List an account''s registered users by address, printed as they are read (page with --limit and --after)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a registered user (asks first; --yes without a terminal)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'xmfax;users;add' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'The user''s faxing profile [default: the account''s]')
            [CompletionResult]::new('--language', '--language', [CompletionResultType]::ParameterName, 'The user''s language [default: the account''s]')
            [CompletionResult]::new('--fax-number', '--fax-number', [CompletionResultType]::ParameterName, 'The user''s own fax number, in international form [default: the account''s main number]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)')
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal: fail instead and name the missing argument')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'xmfax;users;list' {
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Print at most N users')
            [CompletionResult]::new('--after', '--after', [CompletionResultType]::ParameterName, 'Start after this address (the last one of the previous page; compared case-insensitively)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)')
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal: fail instead and name the missing argument')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'xmfax;users;remove' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)')
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal: fail instead and name the missing argument')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'xmfax;users;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Register a user; an address belongs to at most one account')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List an account''s registered users by address, printed as they are read (page with --limit and --after)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a registered user (asks first; --yes without a terminal)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'xmfax;users;help;add' {
            break
        }
        'xmfax;users;help;list' {
            break
        }
        'xmfax;users;help;remove' {
            break
        }
        'xmfax;users;help;help' {
            break
        }
        'xmfax;security' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)')
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal: fail instead and name the missing argument')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Turn spoofing protection or required TLS on or off')
            [CompletionResult]::new('whitelist', 'whitelist', [CompletionResultType]::ParameterValue, 'The whitelist of the customer''s mail servers (the only sources allowed when non-empty)')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check the securing prerequisites of an account (exit 1 when a check fails)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'xmfax;security;set' {
            [CompletionResult]::new('--spoofing-protection', '--spoofing-protection', [CompletionResultType]::ParameterName, 'Accept email only when the sender''s domain authenticates it (DMARC, or SPF and DKIM)')
            [CompletionResult]::new('--require-tls', '--require-tls', [CompletionResultType]::ParameterName, 'Accept email only over TLS')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)')
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal: fail instead and name the missing argument')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'xmfax;security;whitelist' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)')
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal: fail instead and name the missing argument')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add networks (CIDR; a bare address is a /32 or /128). Prints at once what `security check` will say about them: a network that is not public is added with a warning; one broader than a /16 (IPv4) or /32 (IPv6) restrains nothing and is refused (exit 1) unless --force is given')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove networks (asks first; --yes without a terminal)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the whitelisted networks')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'xmfax;security;whitelist;add' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)')
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Add networks that will make `security check` fail (too broad to restrain anything)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal: fail instead and name the missing argument')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'xmfax;security;whitelist;remove' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)')
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal: fail instead and name the missing argument')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'xmfax;security;whitelist;list' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)')
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal: fail instead and name the missing argument')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'xmfax;security;whitelist;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add networks (CIDR; a bare address is a /32 or /128). Prints at once what `security check` will say about them: a network that is not public is added with a warning; one broader than a /16 (IPv4) or /32 (IPv6) restrains nothing and is refused (exit 1) unless --force is given')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove networks (asks first; --yes without a terminal)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the whitelisted networks')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'xmfax;security;whitelist;help;add' {
            break
        }
        'xmfax;security;whitelist;help;remove' {
            break
        }
        'xmfax;security;whitelist;help;list' {
            break
        }
        'xmfax;security;whitelist;help;help' {
            break
        }
        'xmfax;security;check' {
            [CompletionResult]::new('--dkim-selector', '--dkim-selector', [CompletionResultType]::ParameterName, 'A DKIM selector the customer signs with (repeatable): its key at SELECTOR._domainkey.DOMAIN is checked')
            [CompletionResult]::new('--dns-server', '--dns-server', [CompletionResultType]::ParameterName, 'Ask this DNS server (IP or IP:PORT) instead of the system''s resolvers (/etc/resolv.conf)')
            [CompletionResult]::new('--dns-timeout', '--dns-timeout', [CompletionResultType]::ParameterName, 'Give up on a DNS query after this many seconds (exit 2, "could not check"); decimals allowed')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)')
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('--dns', '--dns', [CompletionResultType]::ParameterName, 'Also check each trusted domain''s DNS: domain-controlled (a proof on record) and, with spoofing protection on, spoofing-protection-viable')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal: fail instead and name the missing argument')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'xmfax;security;help' {
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Turn spoofing protection or required TLS on or off')
            [CompletionResult]::new('whitelist', 'whitelist', [CompletionResultType]::ParameterValue, 'The whitelist of the customer''s mail servers (the only sources allowed when non-empty)')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check the securing prerequisites of an account (exit 1 when a check fails)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'xmfax;security;help;set' {
            break
        }
        'xmfax;security;help;whitelist' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add networks (CIDR; a bare address is a /32 or /128). Prints at once what `security check` will say about them: a network that is not public is added with a warning; one broader than a /16 (IPv4) or /32 (IPv6) restrains nothing and is refused (exit 1) unless --force is given')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove networks (asks first; --yes without a terminal)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the whitelisted networks')
            break
        }
        'xmfax;security;help;whitelist;add' {
            break
        }
        'xmfax;security;help;whitelist;remove' {
            break
        }
        'xmfax;security;help;whitelist;list' {
            break
        }
        'xmfax;security;help;check' {
            break
        }
        'xmfax;security;help;help' {
            break
        }
        'xmfax;domains' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)')
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal: fail instead and name the missing argument')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Trust domains for an account''s email-to-fax (all or nothing: one refused domain adds none)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Stop trusting domains (asks first; --yes without a terminal)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List trusted domains of one account, or of all, by account then domain, printed as they are read (page with --limit and --after)')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Run the checks that need no account on domains (exit 1 if any would be refused)')
            [CompletionResult]::new('challenge', 'challenge', [CompletionResultType]::ParameterValue, 'Issue a token the customer publishes in DNS to prove control of a domain (valid 30 days)')
            [CompletionResult]::new('prove', 'prove', [CompletionResultType]::ParameterValue, 'Look up the challenge record and, when it holds the account''s token, record the proof (exit 0 proven, 1 not proven, 2 DNS could not be asked)')
            [CompletionResult]::new('inspect', 'inspect', [CompletionResultType]::ParameterValue, 'Check domains'' MX, SPF, DMARC and DKIM records and whether spoofing protection can work for their mail (exit 1 when a check fails, 2 when DNS could not be asked)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'xmfax;domains;add' {
            [CompletionResult]::new('--request', '--request', [CompletionResultType]::ParameterName, 'The approved signed request form that certifies these domains')
            [CompletionResult]::new('--certified-by', '--certified-by', [CompletionResultType]::ParameterName, 'Who certified that the domains belong to the customer')
            [CompletionResult]::new('--certified-on', '--certified-on', [CompletionResultType]::ParameterName, 'When they certified it')
            [CompletionResult]::new('--max-age-days', '--max-age-days', [CompletionResultType]::ParameterName, 'A certification (or a request''s signature) older than this many days is expired')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)')
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('--include-subdomains', '--include-subdomains', [CompletionResultType]::ParameterName, 'Also trust every subdomain (mail.acme.com under acme.com)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Run every check and report, but change nothing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal: fail instead and name the missing argument')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'xmfax;domains;remove' {
            [CompletionResult]::new('--request', '--request', [CompletionResultType]::ParameterName, 'The signed request form asking for the removal, recorded in the audit trail')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)')
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal: fail instead and name the missing argument')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'xmfax;domains;list' {
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Print at most N domains')
            [CompletionResult]::new('--after', '--after', [CompletionResultType]::ParameterName, 'Start after this domain (the last one of the previous page). Listing every account, ACCOUNT/DOMAIN also works after a domain that has since been removed')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)')
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal: fail instead and name the missing argument')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'xmfax;domains;check' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)')
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('--include-subdomains', '--include-subdomains', [CompletionResultType]::ParameterName, 'Check them as a grant that includes subdomains (adds the public-suffix-below check)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal: fail instead and name the missing argument')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'xmfax;domains;challenge' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)')
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('--renew', '--renew', [CompletionResultType]::ParameterName, 'Issue a new token even when an unexpired one exists (the old one stops proving anything)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal: fail instead and name the missing argument')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'xmfax;domains;prove' {
            [CompletionResult]::new('--dns-server', '--dns-server', [CompletionResultType]::ParameterName, 'Ask this DNS server (IP or IP:PORT) instead of the system''s resolvers (/etc/resolv.conf)')
            [CompletionResult]::new('--dns-timeout', '--dns-timeout', [CompletionResultType]::ParameterName, 'Give up on a DNS query after this many seconds (exit 2, "could not check"); decimals allowed')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)')
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal: fail instead and name the missing argument')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'xmfax;domains;inspect' {
            [CompletionResult]::new('--dkim-selector', '--dkim-selector', [CompletionResultType]::ParameterName, 'A DKIM selector the customer signs with (repeatable): its key at SELECTOR._domainkey.DOMAIN is checked')
            [CompletionResult]::new('--dns-server', '--dns-server', [CompletionResultType]::ParameterName, 'Ask this DNS server (IP or IP:PORT) instead of the system''s resolvers (/etc/resolv.conf)')
            [CompletionResult]::new('--dns-timeout', '--dns-timeout', [CompletionResultType]::ParameterName, 'Give up on a DNS query after this many seconds (exit 2, "could not check"); decimals allowed')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)')
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal: fail instead and name the missing argument')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'xmfax;domains;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Trust domains for an account''s email-to-fax (all or nothing: one refused domain adds none)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Stop trusting domains (asks first; --yes without a terminal)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List trusted domains of one account, or of all, by account then domain, printed as they are read (page with --limit and --after)')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Run the checks that need no account on domains (exit 1 if any would be refused)')
            [CompletionResult]::new('challenge', 'challenge', [CompletionResultType]::ParameterValue, 'Issue a token the customer publishes in DNS to prove control of a domain (valid 30 days)')
            [CompletionResult]::new('prove', 'prove', [CompletionResultType]::ParameterValue, 'Look up the challenge record and, when it holds the account''s token, record the proof (exit 0 proven, 1 not proven, 2 DNS could not be asked)')
            [CompletionResult]::new('inspect', 'inspect', [CompletionResultType]::ParameterValue, 'Check domains'' MX, SPF, DMARC and DKIM records and whether spoofing protection can work for their mail (exit 1 when a check fails, 2 when DNS could not be asked)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'xmfax;domains;help;add' {
            break
        }
        'xmfax;domains;help;remove' {
            break
        }
        'xmfax;domains;help;list' {
            break
        }
        'xmfax;domains;help;check' {
            break
        }
        'xmfax;domains;help;challenge' {
            break
        }
        'xmfax;domains;help;prove' {
            break
        }
        'xmfax;domains;help;inspect' {
            break
        }
        'xmfax;domains;help;help' {
            break
        }
        'xmfax;requests' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)')
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal: fail instead and name the missing argument')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('template', 'template', [CompletionResultType]::ParameterValue, 'Print a commented form for the customer to fill in and sign')
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Fill in a form by answering questions (needs a terminal); prints it or writes it to --out')
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check a form on its own and against the store, changing nothing (exit 0 it would be approved, 1 it would be refused, 2 it cannot be read)')
            [CompletionResult]::new('process', 'process', [CompletionResultType]::ParameterValue, 'Run every check, then approve the form and apply its changes, or refuse it; either way the request is recorded (exit 0 approved, 1 refused; the same form again reports its recorded outcome)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List processed requests, oldest first, printed as they are read (page with --limit and --after)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a processed request: the form as received, its SHA-256, the outcome and its reasons')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'xmfax;requests;template' {
            [CompletionResult]::new('--action', '--action', [CompletionResultType]::ParameterName, 'What the form asks for')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)')
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal: fail instead and name the missing argument')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'xmfax;requests;new' {
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Write the form to this new file instead of stdout')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)')
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal: fail instead and name the missing argument')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'xmfax;requests;validate' {
            [CompletionResult]::new('--max-age-days', '--max-age-days', [CompletionResultType]::ParameterName, 'A signature older than this many days is expired')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)')
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal: fail instead and name the missing argument')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'xmfax;requests;process' {
            [CompletionResult]::new('--max-age-days', '--max-age-days', [CompletionResultType]::ParameterName, 'A signature older than this many days is expired')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)')
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Run every check and report the outcome, but change and record nothing')
            [CompletionResult]::new('--require-dns-proof', '--require-dns-proof', [CompletionResultType]::ParameterName, 'Refuse an add or replace form for any listed domain without a DNS proof of control (`no-dns-proof`; always so when the store setting require-dns-proof is on)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal: fail instead and name the missing argument')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'xmfax;requests;list' {
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Only the requests of this account')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only approved or only refused requests')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Print at most N requests')
            [CompletionResult]::new('--after', '--after', [CompletionResultType]::ParameterName, 'Start after this request (the last reference of the previous page)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)')
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal: fail instead and name the missing argument')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'xmfax;requests;show' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)')
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal: fail instead and name the missing argument')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'xmfax;requests;help' {
            [CompletionResult]::new('template', 'template', [CompletionResultType]::ParameterValue, 'Print a commented form for the customer to fill in and sign')
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Fill in a form by answering questions (needs a terminal); prints it or writes it to --out')
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check a form on its own and against the store, changing nothing (exit 0 it would be approved, 1 it would be refused, 2 it cannot be read)')
            [CompletionResult]::new('process', 'process', [CompletionResultType]::ParameterValue, 'Run every check, then approve the form and apply its changes, or refuse it; either way the request is recorded (exit 0 approved, 1 refused; the same form again reports its recorded outcome)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List processed requests, oldest first, printed as they are read (page with --limit and --after)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a processed request: the form as received, its SHA-256, the outcome and its reasons')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'xmfax;requests;help;template' {
            break
        }
        'xmfax;requests;help;new' {
            break
        }
        'xmfax;requests;help;validate' {
            break
        }
        'xmfax;requests;help;process' {
            break
        }
        'xmfax;requests;help;list' {
            break
        }
        'xmfax;requests;help;show' {
            break
        }
        'xmfax;requests;help;help' {
            break
        }
        'xmfax;sender' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)')
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal: fail instead and name the missing argument')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Decide whether a sender may fax through an account, exactly as the email-to-fax gateway would, and explain why (exit 1 when refused)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'xmfax;sender;test' {
            [CompletionResult]::new('--message', '--message', [CompletionResultType]::ParameterName, 'Test a received message: the sender from its From header, SPF/DKIM/DMARC from our own Authentication-Results headers, the client IP and TLS from its top-most Received header')
            [CompletionResult]::new('--authserv-id', '--authserv-id', [CompletionResultType]::ParameterName, 'The authserv-id our mail servers write in Authentication-Results; every header with another one may be forged by the sender and is ignored (required with --message)')
            [CompletionResult]::new('--batch', '--batch', [CompletionResultType]::ParameterName, 'Test one address per line of FILE ("-" reads stdin); blank lines and # comments are skipped. With -o json, prints JSON Lines; counts go to stderr')
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Decide for this account [default: the account the address belongs to]')
            [CompletionResult]::new('--client-ip', '--client-ip', [CompletionResultType]::ParameterName, 'The IP address of the mail server that delivered the message (overrides --message''s)')
            [CompletionResult]::new('--spf', '--spf', [CompletionResultType]::ParameterName, 'The SPF result of the message, for the sender''s own domain (so aligned with it) unless --spf-domain names the domain it was for')
            [CompletionResult]::new('--spf-domain', '--spf-domain', [CompletionResultType]::ParameterName, 'The domain --spf is for (the MAIL FROM domain, or the HELO name for the null sender): an SPF pass counts only when this domain is aligned with the sender''s (same organizational domain)')
            [CompletionResult]::new('--dkim', '--dkim', [CompletionResultType]::ParameterName, 'The DKIM result of the message, for the sender''s own domain (so aligned with it) unless --dkim-domain names the signing domain')
            [CompletionResult]::new('--dkim-domain', '--dkim-domain', [CompletionResultType]::ParameterName, 'The signing domain (d=) --dkim is for: a DKIM pass counts only when this domain is aligned with the sender''s (same organizational domain)')
            [CompletionResult]::new('--dmarc', '--dmarc', [CompletionResultType]::ParameterName, 'The DMARC result of the message, for the sender''s own domain')
            [CompletionResult]::new('--channel', '--channel', [CompletionResultType]::ParameterName, 'How the sender reaches the service; senders admitted by a trusted domain may use email only')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)')
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('--tls', '--tls', [CompletionResultType]::ParameterName, 'The message was received over TLS')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal: fail instead and name the missing argument')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'xmfax;sender;help' {
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Decide whether a sender may fax through an account, exactly as the email-to-fax gateway would, and explain why (exit 1 when refused)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'xmfax;sender;help;test' {
            break
        }
        'xmfax;sender;help;help' {
            break
        }
        'xmfax;export' {
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Export only these accounts (repeat the option or list several IDs) [default: every account]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)')
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal: fail instead and name the missing argument')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'xmfax;import' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Input format [default: from the extension: .yaml/.yml, .json, .csv]')
            [CompletionResult]::new('--max-age-days', '--max-age-days', [CompletionResultType]::ParameterName, 'A certification (or a request''s signature) older than this many days is expired')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)')
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Run every check and report what would change, but write nothing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal: fail instead and name the missing argument')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'xmfax;audit' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)')
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal: fail instead and name the missing argument')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('log', 'log', [CompletionResultType]::ParameterValue, 'Show audit events, one line each, the newest last (page back with --after)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one audit event with its full details')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Verify the hash chain and the configuration: exit 1 naming the first broken row, or each table changed behind xmfax''s back')
            [CompletionResult]::new('head', 'head', [CompletionResultType]::ParameterValue, 'Print the chain''s head (sequence, hash, configuration digest), to keep outside the store')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'xmfax;audit;log' {
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Only events about this account')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Show the newest N events')
            [CompletionResult]::new('--after', '--after', [CompletionResultType]::ParameterName, 'Continue from the previous page: only events older than SEQ (the first SEQ it showed)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)')
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Show every event, streamed as it is read')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal: fail instead and name the missing argument')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'xmfax;audit;show' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)')
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal: fail instead and name the missing argument')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'xmfax;audit;verify' {
            [CompletionResult]::new('--expect', '--expect', [CompletionResultType]::ParameterName, 'A head hash recorded earlier (`xmfax audit head`): also prove the store still descends from it (exit 1 when no row of the chain has this hash)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)')
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal: fail instead and name the missing argument')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'xmfax;audit;head' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)')
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal: fail instead and name the missing argument')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'xmfax;audit;help' {
            [CompletionResult]::new('log', 'log', [CompletionResultType]::ParameterValue, 'Show audit events, one line each, the newest last (page back with --after)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one audit event with its full details')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Verify the hash chain and the configuration: exit 1 naming the first broken row, or each table changed behind xmfax''s back')
            [CompletionResult]::new('head', 'head', [CompletionResultType]::ParameterValue, 'Print the chain''s head (sequence, hash, configuration digest), to keep outside the store')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'xmfax;audit;help;log' {
            break
        }
        'xmfax;audit;help;show' {
            break
        }
        'xmfax;audit;help;verify' {
            break
        }
        'xmfax;audit;help;head' {
            break
        }
        'xmfax;audit;help;help' {
            break
        }
        'xmfax;settings' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)')
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal: fail instead and name the missing argument')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Change a setting of this store (audited)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Show every setting and its value')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'xmfax;settings;set' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)')
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal: fail instead and name the missing argument')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'xmfax;settings;list' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)')
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal: fail instead and name the missing argument')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'xmfax;settings;help' {
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Change a setting of this store (audited)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Show every setting and its value')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'xmfax;settings;help;set' {
            break
        }
        'xmfax;settings;help;list' {
            break
        }
        'xmfax;settings;help;help' {
            break
        }
        'xmfax;store' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)')
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal: fail instead and name the missing argument')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('copy', 'copy', [CompletionResultType]::ParameterValue, 'Copy a whole store into an empty one, SQLite or PostgreSQL, with its audit chain, requests and import records; the copy is verified (`audit verify`) before it is committed')
            [CompletionResult]::new('roles-sql', 'roles-sql', [CompletionResultType]::ParameterValue, 'Print the SQL that sets up a PostgreSQL store''s roles and the gateway''s views (sql/postgres-roles.sql of this version)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'xmfax;store;copy' {
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'The store to copy [default: the store --db names]')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'The store to copy into: a new or empty SQLite file, or an empty PostgreSQL database')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)')
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal: fail instead and name the missing argument')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'xmfax;store;roles-sql' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)')
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal: fail instead and name the missing argument')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'xmfax;store;help' {
            [CompletionResult]::new('copy', 'copy', [CompletionResultType]::ParameterValue, 'Copy a whole store into an empty one, SQLite or PostgreSQL, with its audit chain, requests and import records; the copy is verified (`audit verify`) before it is committed')
            [CompletionResult]::new('roles-sql', 'roles-sql', [CompletionResultType]::ParameterValue, 'Print the SQL that sets up a PostgreSQL store''s roles and the gateway''s views (sql/postgres-roles.sql of this version)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'xmfax;store;help;copy' {
            break
        }
        'xmfax;store;help;roles-sql' {
            break
        }
        'xmfax;store;help;help' {
            break
        }
        'xmfax;completions' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)')
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('--dynamic', '--dynamic', [CompletionResultType]::ParameterName, 'Print the registration of dynamic completion instead, which also completes live values from the store (account IDs, trusted domains, request references)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal: fail instead and name the missing argument')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'xmfax;man' {
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Write xmfax.1 and one page per subcommand into this directory instead of printing xmfax.1')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'The store: a SQLite file [default: <data dir>/xmfax/xmfax.db], created by the first change, or a PostgreSQL database (postgres://USER@HOST/DATABASE; see docs/postgres.md)')
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'Who is making changes, recorded in the audit trail [default: the login user ($USER, else the owner of the process)]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: tables are for people, JSON and YAML are the stable contract for scripts')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations: every removal asks on a terminal, and needs --yes without one')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal: fail instead and name the missing argument')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'xmfax;help' {
            [CompletionResult]::new('accounts', 'accounts', [CompletionResultType]::ParameterValue, 'Customer accounts and their defaults (faxing profile, language, main fax number)')
            [CompletionResult]::new('users', 'users', [CompletionResultType]::ParameterValue, 'Registered users of an account')
            [CompletionResult]::new('security', 'security', [CompletionResultType]::ParameterValue, 'Email-to-fax security: spoofing protection, TLS, mail server whitelist, and the securing check')
            [CompletionResult]::new('domains', 'domains', [CompletionResultType]::ParameterValue, 'Trusted email domains: anyone with an address in them can fax by email through the account')
            [CompletionResult]::new('requests', 'requests', [CompletionResultType]::ParameterValue, 'Signed request forms: template, validate and process them; every request is kept on record')
            [CompletionResult]::new('sender', 'sender', [CompletionResultType]::ParameterValue, 'Test senders: may this address fax through an account, and if not, why not')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Export the whole configuration (or some accounts) as one YAML/JSON document')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Import an export document or a CSV of trusted domains: every row checked, all or nothing')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'The hash-chained audit trail of every change')
            [CompletionResult]::new('settings', 'settings', [CompletionResultType]::ParameterValue, 'Store-wide settings (require-dns-proof)')
            [CompletionResult]::new('store', 'store', [CompletionResultType]::ParameterValue, 'The store as a whole: copy it between SQLite and PostgreSQL')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page (or write all man pages to a directory)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'xmfax;help;accounts' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Create an account with its defaults')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List accounts by ID, printed as they are read (page with --limit and --after)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show an account''s whole configuration: defaults, security, trusted domains, users')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Change an account''s name or defaults')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove an account and everything it has (users, whitelist, trusted domains); asks first, --yes without a terminal')
            break
        }
        'xmfax;help;accounts;add' {
            break
        }
        'xmfax;help;accounts;list' {
            break
        }
        'xmfax;help;accounts;show' {
            break
        }
        'xmfax;help;accounts;set' {
            break
        }
        'xmfax;help;accounts;remove' {
            break
        }
        'xmfax;help;users' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Register a user; an address belongs to at most one account')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List an account''s registered users by address, printed as they are read (page with --limit and --after)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a registered user (asks first; --yes without a terminal)')
            break
        }
        'xmfax;help;users;add' {
            break
        }
        'xmfax;help;users;list' {
            break
        }
        'xmfax;help;users;remove' {
            break
        }
        'xmfax;help;security' {
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Turn spoofing protection or required TLS on or off')
            [CompletionResult]::new('whitelist', 'whitelist', [CompletionResultType]::ParameterValue, 'The whitelist of the customer''s mail servers (the only sources allowed when non-empty)')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check the securing prerequisites of an account (exit 1 when a check fails)')
            break
        }
        'xmfax;help;security;set' {
            break
        }
        'xmfax;help;security;whitelist' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add networks (CIDR; a bare address is a /32 or /128). Prints at once what `security check` will say about them: a network that is not public is added with a warning; one broader than a /16 (IPv4) or /32 (IPv6) restrains nothing and is refused (exit 1) unless --force is given')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove networks (asks first; --yes without a terminal)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the whitelisted networks')
            break
        }
        'xmfax;help;security;whitelist;add' {
            break
        }
        'xmfax;help;security;whitelist;remove' {
            break
        }
        'xmfax;help;security;whitelist;list' {
            break
        }
        'xmfax;help;security;check' {
            break
        }
        'xmfax;help;domains' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Trust domains for an account''s email-to-fax (all or nothing: one refused domain adds none)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Stop trusting domains (asks first; --yes without a terminal)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List trusted domains of one account, or of all, by account then domain, printed as they are read (page with --limit and --after)')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Run the checks that need no account on domains (exit 1 if any would be refused)')
            [CompletionResult]::new('challenge', 'challenge', [CompletionResultType]::ParameterValue, 'Issue a token the customer publishes in DNS to prove control of a domain (valid 30 days)')
            [CompletionResult]::new('prove', 'prove', [CompletionResultType]::ParameterValue, 'Look up the challenge record and, when it holds the account''s token, record the proof (exit 0 proven, 1 not proven, 2 DNS could not be asked)')
            [CompletionResult]::new('inspect', 'inspect', [CompletionResultType]::ParameterValue, 'Check domains'' MX, SPF, DMARC and DKIM records and whether spoofing protection can work for their mail (exit 1 when a check fails, 2 when DNS could not be asked)')
            break
        }
        'xmfax;help;domains;add' {
            break
        }
        'xmfax;help;domains;remove' {
            break
        }
        'xmfax;help;domains;list' {
            break
        }
        'xmfax;help;domains;check' {
            break
        }
        'xmfax;help;domains;challenge' {
            break
        }
        'xmfax;help;domains;prove' {
            break
        }
        'xmfax;help;domains;inspect' {
            break
        }
        'xmfax;help;requests' {
            [CompletionResult]::new('template', 'template', [CompletionResultType]::ParameterValue, 'Print a commented form for the customer to fill in and sign')
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Fill in a form by answering questions (needs a terminal); prints it or writes it to --out')
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check a form on its own and against the store, changing nothing (exit 0 it would be approved, 1 it would be refused, 2 it cannot be read)')
            [CompletionResult]::new('process', 'process', [CompletionResultType]::ParameterValue, 'Run every check, then approve the form and apply its changes, or refuse it; either way the request is recorded (exit 0 approved, 1 refused; the same form again reports its recorded outcome)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List processed requests, oldest first, printed as they are read (page with --limit and --after)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a processed request: the form as received, its SHA-256, the outcome and its reasons')
            break
        }
        'xmfax;help;requests;template' {
            break
        }
        'xmfax;help;requests;new' {
            break
        }
        'xmfax;help;requests;validate' {
            break
        }
        'xmfax;help;requests;process' {
            break
        }
        'xmfax;help;requests;list' {
            break
        }
        'xmfax;help;requests;show' {
            break
        }
        'xmfax;help;sender' {
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Decide whether a sender may fax through an account, exactly as the email-to-fax gateway would, and explain why (exit 1 when refused)')
            break
        }
        'xmfax;help;sender;test' {
            break
        }
        'xmfax;help;export' {
            break
        }
        'xmfax;help;import' {
            break
        }
        'xmfax;help;audit' {
            [CompletionResult]::new('log', 'log', [CompletionResultType]::ParameterValue, 'Show audit events, one line each, the newest last (page back with --after)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one audit event with its full details')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Verify the hash chain and the configuration: exit 1 naming the first broken row, or each table changed behind xmfax''s back')
            [CompletionResult]::new('head', 'head', [CompletionResultType]::ParameterValue, 'Print the chain''s head (sequence, hash, configuration digest), to keep outside the store')
            break
        }
        'xmfax;help;audit;log' {
            break
        }
        'xmfax;help;audit;show' {
            break
        }
        'xmfax;help;audit;verify' {
            break
        }
        'xmfax;help;audit;head' {
            break
        }
        'xmfax;help;settings' {
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Change a setting of this store (audited)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Show every setting and its value')
            break
        }
        'xmfax;help;settings;set' {
            break
        }
        'xmfax;help;settings;list' {
            break
        }
        'xmfax;help;store' {
            [CompletionResult]::new('copy', 'copy', [CompletionResultType]::ParameterValue, 'Copy a whole store into an empty one, SQLite or PostgreSQL, with its audit chain, requests and import records; the copy is verified (`audit verify`) before it is committed')
            [CompletionResult]::new('roles-sql', 'roles-sql', [CompletionResultType]::ParameterValue, 'Print the SQL that sets up a PostgreSQL store''s roles and the gateway''s views (sql/postgres-roles.sql of this version)')
            break
        }
        'xmfax;help;store;copy' {
            break
        }
        'xmfax;help;store;roles-sql' {
            break
        }
        'xmfax;help;completions' {
            break
        }
        'xmfax;help;man' {
            break
        }
        'xmfax;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
