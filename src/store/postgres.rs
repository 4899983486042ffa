//! Connecting to a PostgreSQL store as libpq would: the URL and its parameters, each host tried on
//! its own, where the password comes from (URL, `PGPASSWORD`, the pgpass file), TLS as `sslmode`
//! asks (none on a Unix socket), errors that say what to do, and the URL as it may be shown (never
//! with its password).

use anyhow::{Context, Result, anyhow, bail};
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{DigitallySignedStruct, SignatureScheme};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

/// Whether a `--db` value names a PostgreSQL database rather than a file.
pub fn is_url(text: &str) -> bool {
    let lower = text.get(..13).unwrap_or(text).to_ascii_lowercase();
    lower.starts_with("postgres://") || lower.starts_with("postgresql://")
}

/// Whether a `--db` value that is not a `postgres://` URL still looks like a URL (or the
/// `USER:PASSWORD@HOST` of one), so that taking it for a file would create a stray store, perhaps
/// with a password in a directory's name: any value holding `://`; one starting (after blanks, in any
/// case) with `postgres:`, `postgresql:`, `postgres//` or `postgresql//`; and one not starting with
/// `/`, `.` or `~` whose first path component holds both `@` and `:` (`USER@HOST:PORT`) or is a
/// `HOST:PORT` (`db.example.com:5432/xmfax`), or any of
/// whose components holds a `:` and, after it, an `@` (`USER:PASSWORD@HOST`). A file whose name
/// trips this is named by a path starting with `./`, with `:/` for `://` (the same file).
pub fn looks_like_url(text: &str) -> bool {
    if text.contains("://") {
        return true;
    }
    let text = text.trim_start();
    if postgres_scheme(text).is_some() {
        return true;
    }
    if text.starts_with(['/', '.', '~']) {
        return false;
    }
    let mut components = text.split('/');
    let first = components.next().unwrap_or_default();
    let credentials = |component: &str| {
        component
            .find(':')
            .is_some_and(|colon| component[colon..].contains('@'))
    };
    // `HOST:PORT/DATABASE` with the scheme and user forgotten.
    let host_and_port = first.split_once(':').is_some_and(|(host, port)| {
        !host.is_empty()
            && host
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
            && !port.is_empty()
            && port.bytes().all(|b| b.is_ascii_digit())
    });
    (first.contains('@') && first.contains(':')) || host_and_port || components.any(credentials)
}

/// The `postgres` or `postgresql` (any case) a value starts with when it is followed by `:` or `//`,
/// with that separator and any further `/`.
fn postgres_scheme(text: &str) -> Option<&str> {
    let lower = text.get(..12).unwrap_or(text).to_ascii_lowercase();
    let name = if lower.starts_with("postgresql") {
        10
    } else if lower.starts_with("postgres") {
        8
    } else {
        return None;
    };
    let rest = &text[name..];
    let separator = if let Some(tail) = rest.strip_prefix(':') {
        1 + slashes_at(tail)
    } else if rest.starts_with("//") {
        slashes_at(rest)
    } else {
        return None;
    };
    Some(&text[..name + separator])
}

/// A value refused as a store, shown without anything that could be a password: its scheme only, when
/// it starts with one followed by `://` (or with `postgres:`, `postgres//`, `postgresql:` or
/// `postgresql//`), and `****` for the rest.
pub fn masked_lookalike(text: &str) -> String {
    let blanks = &text[..text.len() - text.trim_start().len()];
    let rest = &text[blanks.len()..];
    if let Some(scheme) = postgres_scheme(rest) {
        return format!("{blanks}{scheme}****");
    }
    let name_end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
        .unwrap_or(rest.len());
    let name = &rest[..name_end];
    let after = &rest[name_end..];
    let separator = match after.strip_prefix(':') {
        Some(tail) if tail.starts_with("//") => 1 + slashes_at(tail),
        _ => 0,
    };
    if name.starts_with(|c: char| c.is_ascii_alphabetic()) && separator > 0 {
        format!("{blanks}{name}{}****", &after[..separator])
    } else {
        "****".to_string()
    }
}

fn slashes_at(text: &str) -> usize {
    text.len() - text.trim_start_matches('/').len()
}

/// A PostgreSQL store's URL, kept whole for connecting and shown without its password.
#[derive(Clone)]
pub struct PgUrl {
    url: String,
}

impl std::fmt::Debug for PgUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PgUrl({})", self)
    }
}

impl PgUrl {
    #[cfg(test)]
    fn new(url: &str) -> PgUrl {
        PgUrl { url: url.to_string() }
    }

    /// A `postgres://` or `postgresql://` URL (see [`is_url`]), refused before anything connects when
    /// its credentials cannot be told apart from the rest: an unencoded `@` other than the one that
    /// ends `USER[:PASSWORD]` (the client would take what precedes the first `@` for the user and
    /// password, and what follows for the host, so a password holding one would be partly shown
    /// and sent to DNS as a host name), or, in a URL holding a password, a query parameter that is
    /// not `NAME=VALUE` (a `&` left in a password's value). The refusal shows the URL as
    /// `postgres://****`.
    pub fn parse(text: &str) -> Result<PgUrl> {
        let url = PgUrl {
            url: text.to_string(),
        };
        let Some(start) = text.find("://").map(|at| at + 3) else {
            bail!("internal error: {} is not a URL", url.fully_masked());
        };
        let rest = &text[start..];
        let ats = rest.matches('@').count();
        if ats > 1 {
            bail!(
                "the PostgreSQL URL {} holds {ats} \"@\": only the one that ends USER:PASSWORD may stay as it is; write an \"@\" in a password, user name, database name or parameter as %40 (nothing was connected to)",
                url.fully_masked()
            );
        }
        if let Some((credentials, _)) = rest.split_once('@') {
            let user = credentials.split(':').next().unwrap_or_default();
            let in_query = credentials
                .find('?')
                .is_some_and(|question| credentials[question..].contains('='));
            if user.contains(['/', '?']) || in_query {
                bail!(
                    "the PostgreSQL URL {} has an \"@\" in its database name or parameters, where it would be read as the end of USER:PASSWORD: write it as %40 (nothing was connected to)",
                    url.fully_masked()
                );
            }
        }
        if let Some(question) = url.query_start() {
            let query = &text[question + 1..];
            let query = query.strip_suffix('&').unwrap_or(query);
            // Without a `password` parameter, the one at fault is named when connecting.
            if url.holds_password() && !query.is_empty() && query.split('&').any(|pair| !pair.contains('=')) {
                bail!(
                    "a parameter of the PostgreSQL URL {} is not NAME=VALUE: write a \"&\" inside a value (a password, say) as %26 (nothing was connected to)",
                    url.fully_masked()
                );
            }
        }
        Ok(url)
    }

    /// The URL's scheme and nothing else, for a URL whose parts cannot be told apart safely.
    fn fully_masked(&self) -> String {
        match self.url.find("://") {
            Some(end) => format!("\"{}://****\"", &self.url[..end]),
            None => "\"****\"".to_string(),
        }
    }

    /// Whether the URL holds a password, in its credentials or a `password` parameter.
    fn holds_password(&self) -> bool {
        self.password().is_some() || self.has_password_parameter()
    }

    /// Whether the URL's query has a `password` parameter (any case, as it is masked).
    fn has_password_parameter(&self) -> bool {
        self.query_start().is_some_and(|question| {
            self.url[question + 1..].split('&').any(|pair| {
                let key = pair.split_once('=').map_or(pair, |(key, _)| key);
                percent_decode(key).eq_ignore_ascii_case("password")
            })
        })
    }

    /// The password in the URL, if any (percent-decoded).
    fn password(&self) -> Option<String> {
        let (userinfo, _) = self.userinfo()?;
        let (_, password) = userinfo.split_once(':')?;
        Some(percent_decode(password))
    }

    /// The `user[:password]` part and where it ends. As the `postgres` crate reads a URL, it is
    /// everything before the first `@`, even a `/` or `?` left unencoded in a password.
    fn userinfo(&self) -> Option<(&str, usize)> {
        let start = self.url.find("://")? + 3;
        let rest = &self.url[start..];
        let at = rest.find('@')?;
        Some((&rest[..at], start + at))
    }

    /// Where what follows the credentials (or the scheme, without credentials) starts.
    fn after_credentials(&self) -> Option<usize> {
        match self.userinfo() {
            Some((_, at)) => Some(at + 1),
            None => Some(self.url.find("://")? + 3),
        }
    }

    /// Where the query string starts (its `?`): the first `?` after the credentials.
    fn query_start(&self) -> Option<usize> {
        let after = self.after_credentials()?;
        self.url[after..].find('?').map(|i| after + i)
    }

    /// Where the `HOST[:PORT],…` list stands, between the credentials and the path or query.
    fn host_list(&self) -> Option<std::ops::Range<usize>> {
        let start = self.after_credentials()?;
        let end = self.url[start..]
            .find(['/', '?'])
            .map_or(self.url.len(), |at| start + at);
        Some(start..end)
    }

    /// Whether a port of the host list is no number in a URL without an `@`: a forgotten host
    /// leaves `USER:PASSWORD` where `HOST:PORT` should be, so that "port" may be a password.
    fn port_may_be_password(&self) -> bool {
        self.userinfo().is_none()
            && self.host_list().is_some_and(|hosts| {
                self.url[hosts]
                    .split(',')
                    .any(|chunk| port_of(chunk).is_some_and(|port| !is_number(&percent_decode(port))))
            })
    }
}

/// The URL with its password replaced by `****`, and the password of a `password=` parameter too.
impl std::fmt::Display for PgUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut shown = self.url.clone();
        if let Some((userinfo, end)) = self.userinfo()
            && let Some(colon) = userinfo.find(':')
        {
            let start = end - userinfo.len() + colon + 1;
            shown.replace_range(start..end, "****");
        }
        // Without an `@` nothing was masked above, so the host list stands where it does in the URL.
        if self.port_may_be_password()
            && let Some(hosts) = self.host_list()
        {
            shown.replace_range(hosts, "****");
        }
        if let Some(query) = self.query_start() {
            // The query starts at the same place in `shown`, give or take the masked password.
            let query = query + shown.len() - self.url.len();
            let (base, params) = shown.split_at(query + 1);
            let params: Vec<String> = params
                .split('&')
                .map(|pair| match pair.split_once('=') {
                    Some((key, _)) if percent_decode(key).eq_ignore_ascii_case("password") => {
                        format!("{key}=****")
                    }
                    // Only what xmfax reads is shown: a misspelt `passwd=`, or the rest of a
                    // password cut at an unencoded `&`, may be secret.
                    Some((key, _)) if is_known_parameter(&percent_decode(key)) => pair.to_string(),
                    _ => "****".to_string(),
                })
                .collect();
            shown = format!("{base}{}", params.join("&"));
        }
        f.write_str(&shown)
    }
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(byte) = text
                .get(i + 1..i + 3)
                .and_then(|hex| u8::from_str_radix(hex, 16).ok())
        {
            out.push(byte);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// What `sslmode` asks of the connection, as libpq reads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum SslMode {
    Disable,
    Prefer,
    Require,
    VerifyCa,
    VerifyFull,
}

/// The URL's own settings that the `postgres` crate does not read, taken out of it.
struct Settings {
    url: String,
    ssl_mode: SslMode,
    root_cert: Option<PathBuf>,
}

fn split_settings(url: &PgUrl) -> Result<Settings> {
    let (base, query) = match url.query_start() {
        Some(start) => (&url.url[..start], &url.url[start + 1..]),
        None => (url.url.as_str(), ""),
    };
    // The `postgres` crate knows the scheme in lower case only.
    let base = match base.find("://") {
        Some(end) => format!("{}{}", base[..end].to_ascii_lowercase(), &base[end..]),
        None => base.to_string(),
    };
    let has_password_parameter = url.has_password_parameter();
    let mut kept = Vec::new();
    let mut ssl_mode = SslMode::Prefer;
    let mut root_cert = None;
    for pair in query.split('&').filter(|pair| !pair.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        match percent_decode(key).as_str() {
            "sslmode" => {
                ssl_mode = match percent_decode(value).as_str() {
                    "disable" => SslMode::Disable,
                    // `allow` tries without TLS first; xmfax never chooses less protection than asked.
                    "allow" | "prefer" => SslMode::Prefer,
                    "require" => SslMode::Require,
                    "verify-ca" => SslMode::VerifyCa,
                    "verify-full" => SslMode::VerifyFull,
                    other => bail!(
                        "sslmode {other:?} is not one of disable, prefer, require, verify-ca, verify-full"
                    ),
                }
            }
            "sslrootcert" => root_cert = Some(PathBuf::from(percent_decode(value))),
            key => {
                if !pair.contains('=') {
                    // Not named: a bare word here may be a password pasted in the wrong place.
                    bail!("the URL's query has a parameter without a value (NAME=VALUE expected)");
                }
                if has_password_parameter && !is_known_parameter(key) {
                    // Not named either: after `password=`, an unencoded `&` in the password would
                    // make its rest look like a parameter of its own.
                    bail!(
                        "the URL has a parameter xmfax does not know, not named because it may be part of the password= value before it; write & in a password as %26"
                    );
                }
                check_parameter(key, &percent_decode(value))?;
                kept.push(pair);
            }
        }
    }
    let url = if kept.is_empty() {
        base
    } else {
        format!("{base}?{}", kept.join("&"))
    };
    Ok(Settings {
        url,
        ssl_mode,
        root_cert,
    })
}

/// The URL parameters xmfax reads, besides `sslmode` and `sslrootcert`.
const KNOWN_PARAMETERS: [&str; 18] = [
    "user",
    "password",
    "dbname",
    "host",
    "hostaddr",
    "port",
    "options",
    "application_name",
    "connect_timeout",
    "tcp_user_timeout",
    "keepalives",
    "keepalives_idle",
    "keepalives_interval",
    "keepalives_retries",
    "target_session_attrs",
    "channel_binding",
    "load_balance_hosts",
    "sslnegotiation",
];

/// Whether xmfax reads this URL parameter (all but `password` have values that are never secret).
fn is_known_parameter(key: &str) -> bool {
    KNOWN_PARAMETERS.contains(&key) || key == "sslmode" || key == "sslrootcert"
}

/// Refuses a parameter xmfax does not know, or a value it cannot use, naming it. A value is shown
/// only for the parameters whose values are never secret (never `password`'s, nor an unknown one's).
fn check_parameter(key: &str, value: &str) -> Result<()> {
    let one_of = |allowed: &[&str]| -> Result<()> {
        if allowed.contains(&value) {
            Ok(())
        } else {
            bail!("the URL's {key}={value:?} is not one of {}", allowed.join(", "))
        }
    };
    let seconds = || -> Result<()> {
        match value.parse::<i64>() {
            Ok(_) => Ok(()),
            Err(_) => bail!("the URL's {key}={value:?} is not a number of seconds"),
        }
    };
    match key {
        "port" => {
            for port in value.split(',') {
                check_port(port)?;
            }
            Ok(())
        }
        "hostaddr" => {
            for address in value.split(',') {
                if address.parse::<std::net::IpAddr>().is_err() {
                    bail!("the URL's hostaddr {address:?} is not an IP address");
                }
            }
            Ok(())
        }
        "connect_timeout" | "tcp_user_timeout" | "keepalives_idle" | "keepalives_interval" => seconds(),
        "keepalives" => match value.parse::<u64>() {
            Ok(_) => Ok(()),
            Err(_) => bail!("the URL's keepalives={value:?} is not 1 (on) or 0 (off)"),
        },
        "keepalives_retries" => match value.parse::<u32>() {
            Ok(_) => Ok(()),
            Err(_) => bail!("the URL's keepalives_retries={value:?} is not a number"),
        },
        "target_session_attrs" => one_of(&["any", "read-write", "read-only"]),
        "channel_binding" => one_of(&["disable", "prefer", "require"]),
        "load_balance_hosts" => one_of(&["disable", "random"]),
        "sslnegotiation" => one_of(&["postgres", "direct"]),
        known if KNOWN_PARAMETERS.contains(&known) => Ok(()),
        unknown => bail!(
            "the URL has a parameter xmfax does not know: {unknown:?} (it knows {}, sslmode, sslrootcert)",
            KNOWN_PARAMETERS.join(", ")
        ),
    }
}

/// A port as libpq takes it: empty (the default, 5432) or 1 to 65535.
fn check_port(port: &str) -> Result<()> {
    match port.parse::<u16>() {
        _ if port.is_empty() => Ok(()),
        Ok(1..) => Ok(()),
        _ => bail!("the URL's port {port:?} is not a port number (1 to 65535)"),
    }
}

/// Checks the ports of the URL's `host:port` list (before the path), naming a bad one. The
/// credentials are skipped as the `postgres` crate skips them: all before the first `@`. A port is
/// not quoted when it may be a password (see [`PgUrl::port_may_be_password`]).
fn check_authority_ports(url: &PgUrl) -> Result<()> {
    if url.port_may_be_password() {
        bail!(
            "the URL has a port that is not a number (not shown: if it is USER:PASSWORD, the @HOST after it is missing)"
        );
    }
    let Some(hosts) = url.host_list() else {
        return Ok(());
    };
    for chunk in url.url[hosts].split(',') {
        if let Some(port) = port_of(chunk) {
            check_port(&percent_decode(port))?;
        }
    }
    Ok(())
}

fn is_number(text: &str) -> bool {
    text.bytes().all(|b| b.is_ascii_digit())
}

/// The port of one `HOST:PORT` of a URL's authority, if it has one (`[::1]:5432` for IPv6).
fn port_of(chunk: &str) -> Option<&str> {
    match chunk.strip_prefix('[') {
        Some(bracketed) => bracketed
            .split_once(']')
            .and_then(|(_, after)| after.strip_prefix(':')),
        None => chunk.split_once(':').map(|(_, port)| port),
    }
}

/// How long a command waits for the server before giving up, unless the URL sets its own
/// `connect_timeout` (a hung network must not hang an agent).
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// Connects to the store at `url`, waiting at most `timeout` for the server unless the URL says
/// otherwise.
pub fn connect(url: &PgUrl, timeout: Duration) -> Result<postgres::Client> {
    let settings = split_settings(url)
        .and_then(|settings| check_authority_ports(url).map(|()| settings))
        .with_context(|| format!("cannot connect to the PostgreSQL store {url}"))?;
    let config: postgres::Config = match settings.url.parse() {
        Ok(config) => config,
        // The parser's words name options and quote parts of the URL, and the URL as shown may
        // hold part of a password whose `&` was left unencoded (the rest reads as a parameter).
        Err(_) if url.holds_password() => bail!(
            "cannot connect to the PostgreSQL store {}: the URL is not a valid PostgreSQL connection URL (it holds a password, so it is not shown; percent-encode `&`, `=`, `@` and `%` in a password)",
            url.fully_masked()
        ),
        Err(err) => {
            let words = match std::error::Error::source(&err) {
                Some(cause) => format!("{err}: {cause}"),
                None => err.to_string(),
            };
            bail!(
                "cannot connect to the PostgreSQL store {url}: the URL is not a valid PostgreSQL connection URL: {words}"
            )
        }
    };
    connect_inner(config, settings, timeout)
        .with_context(|| format!("cannot connect to the PostgreSQL store {url}"))
}

/// libpq's default socket directory (Debian's build): where xmfax connects without a host, and the
/// one socket directory whose connections match `localhost` lines of the pgpass file.
const DEFAULT_SOCKET_DIR: &str = "/var/run/postgresql";

fn connect_inner(
    mut config: postgres::Config,
    settings: Settings,
    timeout: Duration,
) -> Result<postgres::Client> {
    if config.get_user().is_none() {
        let user = std::env::var("PGUSER")
            .ok()
            .or_else(|| std::env::var("USER").ok())
            .filter(|user| !user.is_empty())
            .ok_or_else(|| {
                anyhow!("the URL names no user (postgres://USER@HOST/DATABASE) and $USER is not set")
            })?;
        config.user(&user);
    }
    if config.get_hosts().is_empty() && config.get_hostaddrs().is_empty() {
        config.host_path(DEFAULT_SOCKET_DIR);
    }
    if config.get_connect_timeout().is_none() {
        config.connect_timeout(timeout);
    }
    if config.get_application_name().is_none() {
        config.application_name("xmfax");
    }
    let passwords = config.get_password().is_none().then(Passwords::read);
    let mut failures = Vec::new();
    for mut target in targets(&config)? {
        let mut missing = None;
        if let Some(passwords) = &passwords {
            match passwords.lookup(&target.pgpass_key()) {
                Ok(password) => {
                    target.config.password(password);
                }
                Err(why) => missing = Some(why),
            }
        }
        match connect_target(&target, &settings) {
            Ok(client) => return Ok(client),
            Err(err) => {
                let err = explain(err, &target, missing);
                failures.push((target.shown, err));
            }
        }
    }
    match failures.len() {
        0 => bail!("the URL names no host"),
        1 => Err(failures.remove(0).1),
        _ => bail!(
            "no host accepted the connection: {}",
            failures
                .iter()
                .map(|(shown, err)| {
                    // Named once: the explained failures name the host themselves.
                    let words = format!("{err:#}");
                    if words.contains(shown.as_str()) {
                        words
                    } else {
                        format!("{shown}: {words}")
                    }
                })
                .collect::<Vec<_>>()
                .join("; ")
        ),
    }
}

/// One host of the URL, to be tried on its own as libpq does: its own TLS (none on a Unix socket)
/// and its own pgpass line.
struct Target {
    config: postgres::Config,
    /// The socket file, for a Unix-domain socket connection.
    socket: Option<PathBuf>,
    /// The host as pgpass matches it and as messages show it.
    host: String,
    port: u16,
    shown: String,
}

impl Target {
    /// `host:port:database:user` as the pgpass file is searched for it. As libpq: a socket
    /// directory is matched by its path, except libpq's default one, which is `localhost`.
    fn pgpass_key(&self) -> [String; 4] {
        let host = if self.host == DEFAULT_SOCKET_DIR {
            "localhost".to_string()
        } else {
            self.host.clone()
        };
        let user = self.config.get_user().unwrap_or_default().to_string();
        let database = self
            .config
            .get_dbname()
            .map_or_else(|| user.clone(), str::to_string);
        [host, self.port.to_string(), database, user]
    }
}

/// The URL's hosts, in the order they are tried (shuffled with `load_balance_hosts=random`).
fn targets(config: &postgres::Config) -> Result<Vec<Target>> {
    use postgres::config::Host;
    let (hosts, addresses, ports) = (config.get_hosts(), config.get_hostaddrs(), config.get_ports());
    if !hosts.is_empty() && !addresses.is_empty() && hosts.len() != addresses.len() {
        bail!(
            "the URL gives {} hosts and {} hostaddr values: give one address per host",
            hosts.len(),
            addresses.len()
        );
    }
    let count = hosts.len().max(addresses.len());
    if ports.len() > 1 && ports.len() != count {
        bail!(
            "the URL gives {} ports for {count} host{}: give one port for all, or one per host",
            ports.len(),
            if count == 1 { "" } else { "s" }
        );
    }
    let mut targets = Vec::with_capacity(count);
    for i in 0..count {
        let port = ports.get(i).or(ports.first()).copied().unwrap_or(5432);
        let address = addresses.get(i);
        let (socket, host, shown) = match (hosts.get(i), address) {
            (Some(Host::Unix(dir)), None) => {
                let file = dir.join(format!(".s.PGSQL.{port}"));
                let shown = file.display().to_string();
                (Some(file), dir.to_string_lossy().into_owned(), shown)
            }
            (Some(Host::Tcp(name)), _) => (None, name.clone(), format!("{name}:{port}")),
            // A hostaddr is reached by TCP whatever the host says.
            (Some(Host::Unix(dir)), Some(address)) => (
                None,
                dir.to_string_lossy().into_owned(),
                format!("{address}:{port}"),
            ),
            (None, Some(address)) => (None, address.to_string(), format!("{address}:{port}")),
            (None, None) => continue,
        };
        targets.push(Target {
            config: one_host(config, i, port),
            socket,
            host,
            port,
            shown,
        });
    }
    if config.get_load_balance_hosts() == postgres::config::LoadBalanceHosts::Random {
        let random = std::collections::hash_map::RandomState::new();
        targets.sort_by_cached_key(|target| std::hash::BuildHasher::hash_one(&random, &target.shown));
    }
    Ok(targets)
}

/// `config` reduced to its host number `i` (and that host's port), every other setting kept.
fn one_host(config: &postgres::Config, i: usize, port: u16) -> postgres::Config {
    use postgres::config::Host;
    let mut one = postgres::Config::new();
    if let Some(user) = config.get_user() {
        one.user(user);
    }
    if let Some(password) = config.get_password() {
        one.password(password);
    }
    if let Some(dbname) = config.get_dbname() {
        one.dbname(dbname);
    }
    if let Some(options) = config.get_options() {
        one.options(options);
    }
    if let Some(name) = config.get_application_name() {
        one.application_name(name);
    }
    match config.get_hosts().get(i) {
        Some(Host::Tcp(name)) => {
            one.host(name);
        }
        Some(Host::Unix(dir)) => {
            one.host_path(dir);
        }
        None => {}
    }
    if let Some(address) = config.get_hostaddrs().get(i) {
        one.hostaddr(*address);
    }
    one.port(port)
        .ssl_mode(config.get_ssl_mode())
        .ssl_negotiation(config.get_ssl_negotiation())
        .keepalives(config.get_keepalives())
        .keepalives_idle(config.get_keepalives_idle())
        .target_session_attrs(config.get_target_session_attrs())
        .channel_binding(config.get_channel_binding())
        .load_balance_hosts(config.get_load_balance_hosts());
    if let Some(timeout) = config.get_connect_timeout() {
        one.connect_timeout(*timeout);
    }
    if let Some(timeout) = config.get_tcp_user_timeout() {
        one.tcp_user_timeout(*timeout);
    }
    if let Some(interval) = config.get_keepalives_interval() {
        one.keepalives_interval(interval);
    }
    if let Some(retries) = config.get_keepalives_retries() {
        one.keepalives_retries(retries);
    }
    one
}

/// Connects to one host: as libpq, without TLS on a Unix-domain socket whatever `sslmode` says
/// (the traffic does not leave the machine, and PostgreSQL never offers TLS there).
fn connect_target(target: &Target, settings: &Settings) -> Result<postgres::Client> {
    let mut config = target.config.clone();
    if target.socket.is_some() || settings.ssl_mode == SslMode::Disable {
        config.ssl_mode(postgres::config::SslMode::Disable);
        return connect_bounded(config, postgres::NoTls);
    }
    let mode = settings.ssl_mode;
    // As libpq: `require` verifies the chain when there is a root certificate, given or in its
    // default place.
    let root_cert = match (mode, &settings.root_cert) {
        (SslMode::Require, None) => default_root_cert().filter(|path| path.is_file()),
        (_, given) => given.clone(),
    };
    let verify = match (mode, &root_cert) {
        (SslMode::Require, Some(_)) => Verify::Chain,
        (SslMode::Prefer | SslMode::Require, _) => Verify::Nothing,
        (SslMode::VerifyCa, _) => Verify::Chain,
        _ => Verify::ChainAndName,
    };
    config.ssl_mode(if mode == SslMode::Prefer {
        postgres::config::SslMode::Prefer
    } else {
        postgres::config::SslMode::Require
    });
    let tls = tls_config(verify, root_cert.as_deref())?;
    connect_bounded(config, tokio_postgres_rustls::MakeRustlsConnect::new(tls))
}

/// The client library's words for the usual failures, replaced by what they mean and what to do.
fn explain(err: anyhow::Error, target: &Target, missing_password: Option<String>) -> anyhow::Error {
    use std::io::ErrorKind;
    let Some(pg) = err.downcast_ref::<postgres::Error>() else {
        return err;
    };
    let cause = std::error::Error::source(pg);
    if let Some(why) = missing_password
        && pg.to_string() == "invalid configuration"
        && cause.is_some_and(|cause| cause.to_string() == "password missing")
    {
        return anyhow!("the server asks for a password and none was found: {why}");
    }
    let io = cause.and_then(|cause| cause.downcast_ref::<std::io::Error>());
    match (io.map(std::io::Error::kind), target.socket.as_deref()) {
        (Some(ErrorKind::NotFound), Some(file)) => anyhow!(
            "no PostgreSQL server at {} (is it running, and is the port right?)",
            file.display()
        ),
        (Some(ErrorKind::ConnectionRefused), Some(file)) => anyhow!(
            "no PostgreSQL server answers at {} (the socket file is there: is the server running?)",
            file.display()
        ),
        (Some(ErrorKind::PermissionDenied), Some(file)) => anyhow!(
            "not allowed to open the socket {} (its directory or file is not open to this user)",
            file.display()
        ),
        (Some(ErrorKind::ConnectionRefused), None) => anyhow!(
            "nothing accepts connections at {} (is the server running there, and is the port right?)",
            target.shown
        ),
        _ => err,
    }
}

/// Connects, giving up when the whole connection (socket, TLS handshake, login) takes longer than
/// the connect timeout for each host, as libpq's `connect_timeout` does. The client library bounds
/// only the socket: a server, or anything in between, that accepts and then never answers would
/// hang the command for ever. The connection is made on a thread of its own so that it can be
/// left behind; the process ends with the command.
fn connect_bounded<T>(config: postgres::Config, tls: T) -> Result<postgres::Client>
where
    T: postgres::tls::MakeTlsConnect<postgres::Socket> + 'static + Send,
    T::TlsConnect: Send,
    T::Stream: Send,
    <T::TlsConnect as postgres::tls::TlsConnect<postgres::Socket>>::Future: Send,
{
    let per_host = config.get_connect_timeout().copied().unwrap_or(CONNECT_TIMEOUT);
    let limit = per_host.saturating_mul(u32::try_from(config.get_hosts().len().max(1)).unwrap_or(u32::MAX));
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .name("postgres-connect".into())
        .spawn(move || {
            // The receiver is gone only when the wait below gave up: nobody needs the result then.
            let _ = sender.send(config.connect(tls));
        })
        .context("cannot start the connection")?;
    match receiver.recv_timeout(limit) {
        Ok(connected) => Ok(connected?),
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => bail!(
            "the server did not complete the connection within {} s",
            limit.as_secs_f64()
        ),
        Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
            bail!("the connection attempt ended without a result")
        }
    }
}

/// Where a password may come from besides the URL, read once per command: `PGPASSWORD`, else the
/// pgpass file (`PGPASSFILE`, else `~/.pgpass`).
enum Passwords {
    Variable(String),
    File {
        path: PathBuf,
        text: String,
    },
    /// Neither: why, as the message for a server that asks for a password says it.
    Nothing {
        why: String,
        file: Option<PathBuf>,
    },
}

impl Passwords {
    fn read() -> Passwords {
        if let Some(password) = std::env::var("PGPASSWORD").ok().filter(|p| !p.is_empty()) {
            return Passwords::Variable(password);
        }
        let (path, named) = match std::env::var_os("PGPASSFILE") {
            Some(file) => (PathBuf::from(file), "PGPASSFILE="),
            None => match std::env::var_os("HOME") {
                Some(home) => (Path::new(&home).join(".pgpass"), ""),
                None => {
                    return Passwords::Nothing {
                        why: "there is no password file (neither PGPASSFILE nor HOME is set)".into(),
                        file: None,
                    };
                }
            },
        };
        let nothing = |why: String| Passwords::Nothing {
            why,
            file: Some(path.clone()),
        };
        let meta = match std::fs::metadata(&path) {
            Ok(meta) => meta,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                return nothing(format!("{named}{} was not found", path.display()));
            }
            Err(err) => return nothing(format!("{named}{} could not be read ({err})", path.display())),
        };
        {
            use std::os::unix::fs::PermissionsExt;
            // As libpq: a pgpass file others can read is not trusted with secrets.
            if meta.permissions().mode() & 0o077 != 0 {
                eprintln!(
                    "warning: password file {} has group or world access; permissions should be u=rw (0600) or less; it was not used",
                    path.display()
                );
                return nothing(format!(
                    "{named}{} was not used: its group or others may read it (chmod 600 it)",
                    path.display()
                ));
            }
        }
        match std::fs::read_to_string(&path) {
            Ok(text) => Passwords::File { path, text },
            Err(err) => nothing(format!("{named}{} could not be read ({err})", path.display())),
        }
    }

    /// The password for `host:port:database:user`, or why there is none and what to do (never
    /// with a password in it).
    fn lookup(&self, key: &[String; 4]) -> Result<String, String> {
        let line = key
            .iter()
            .map(|field| field.replace('\\', "\\\\").replace(':', "\\:"))
            .collect::<Vec<_>>()
            .join(":");
        let advice = |file: Option<&Path>| match file {
            Some(file) => format!(
                "give it in PGPASSWORD, or in {} as a line {line}:PASSWORD (chmod 600)",
                file.display()
            ),
            None => "give it in PGPASSWORD, or in ~/.pgpass or the file PGPASSFILE names".to_string(),
        };
        match self {
            Passwords::Variable(password) => Ok(password.clone()),
            Passwords::File { path, text } => {
                let [host, port, database, user] = key;
                pgpass_lookup(text, [host, port, database, user]).ok_or_else(|| {
                    format!(
                        "the URL has none, PGPASSWORD is not set, and no line of {} matches {line}; {}",
                        path.display(),
                        advice(Some(path))
                    )
                })
            }
            Passwords::Nothing { why, file } => Err(format!(
                "the URL has none, PGPASSWORD is not set, and {why}; {}",
                advice(file.as_deref())
            )),
        }
    }
}

/// The password of the first pgpass line matching `host:port:database:user`, as libpq reads the
/// file: a field that is exactly `*` matches anything (`\*` is a literal star); `\:` and `\\` are
/// a literal colon and backslash; the password ends at the next unescaped colon.
fn pgpass_lookup(text: &str, wanted: [&str; 4]) -> Option<String> {
    for line in text.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        // Each field unescaped, with whether it was a bare `*`.
        let mut fields: Vec<(String, bool)> = Vec::new();
        let mut field = String::new();
        let mut raw = String::new();
        let mut chars = line.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => {
                    raw.push(c);
                    if let Some(next) = chars.next() {
                        raw.push(next);
                        field.push(next);
                    }
                }
                ':' => {
                    fields.push((std::mem::take(&mut field), raw == "*"));
                    raw.clear();
                    if fields.len() == 5 {
                        break;
                    }
                }
                c => {
                    raw.push(c);
                    field.push(c);
                }
            }
        }
        if fields.len() < 5 {
            fields.push((field, raw == "*"));
        }
        if fields.len() != 5 {
            continue;
        }
        if fields[..4]
            .iter()
            .zip(wanted)
            .all(|((pattern, wildcard), value)| *wildcard || pattern == value)
        {
            return fields.pop().map(|(password, _)| password);
        }
    }
    None
}

#[derive(Clone, Copy, Debug)]
enum Verify {
    Nothing,
    Chain,
    ChainAndName,
}

fn tls_config(verify: Verify, root_cert: Option<&Path>) -> Result<rustls::ClientConfig> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = rustls::ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .context("TLS set-up")?;
    let config = match verify {
        Verify::Nothing => builder
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(AnyCertificate(provider)))
            .with_no_client_auth(),
        Verify::Chain | Verify::ChainAndName => {
            let roots = Arc::new(root_store(root_cert)?);
            let webpki = rustls::client::WebPkiServerVerifier::builder_with_provider(roots, provider)
                .build()
                .context("TLS set-up")?;
            match verify {
                Verify::Chain => builder
                    .dangerous()
                    .with_custom_certificate_verifier(Arc::new(ChainOnly(webpki)))
                    .with_no_client_auth(),
                _ => builder.with_webpki_verifier(webpki).with_no_client_auth(),
            }
        }
    };
    Ok(config)
}

/// libpq's default root certificate file, `~/.postgresql/root.crt`.
fn default_root_cert() -> Option<PathBuf> {
    std::env::var_os("HOME").map(|home| Path::new(&home).join(".postgresql/root.crt"))
}

/// The certificates of `sslrootcert`, else of `~/.postgresql/root.crt` (libpq's default).
fn root_store(root_cert: Option<&Path>) -> Result<rustls::RootCertStore> {
    use rustls::pki_types::pem::PemObject;
    let path = match root_cert {
        Some(path) => path.to_path_buf(),
        None => match default_root_cert() {
            Some(path) => path,
            None => bail!("verifying the server needs its CA certificate: give sslrootcert=FILE in the URL"),
        },
    };
    let mut roots = rustls::RootCertStore::empty();
    let certs = CertificateDer::pem_file_iter(&path)
        .with_context(|| format!("cannot read the root certificate file {}", path.display()))?;
    for cert in certs {
        let cert = cert.with_context(|| format!("{}: not a PEM certificate file", path.display()))?;
        roots
            .add(cert)
            .with_context(|| format!("{}: a certificate that cannot be used", path.display()))?;
    }
    if roots.is_empty() {
        bail!("{} holds no certificate", path.display());
    }
    Ok(roots)
}

/// `sslmode=prefer|require`: encrypted, but the server is not authenticated (as libpq).
#[derive(Debug)]
struct AnyCertificate(Arc<rustls::crypto::CryptoProvider>);

impl ServerCertVerifier for AnyCertificate {
    fn verify_server_cert(
        &self,
        _: &CertificateDer<'_>,
        _: &[CertificateDer<'_>],
        _: &ServerName<'_>,
        _: &[u8],
        _: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.0.signature_verification_algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.0.signature_verification_algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

/// `sslmode=verify-ca`: the certificate chains to the given CA; its name is not compared.
#[derive(Debug)]
struct ChainOnly(Arc<rustls::client::WebPkiServerVerifier>);

impl ServerCertVerifier for ChainOnly {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        use rustls::{CertificateError, Error};
        match self
            .0
            .verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now)
        {
            Err(Error::InvalidCertificate(
                CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. },
            )) => Ok(ServerCertVerified::assertion()),
            other => other,
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.0.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.0.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.supported_verify_schemes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shown_url_never_has_its_password() {
        let url = PgUrl::new("postgres://ann:s3cr%40t@db.corp:5432/xmfax?sslmode=require&password=other");
        let shown = url.to_string();
        assert!(!shown.contains("s3cr"), "{shown}");
        assert!(!shown.contains("other"), "{shown}");
        assert_eq!(
            shown,
            "postgres://ann:****@db.corp:5432/xmfax?sslmode=require&password=****"
        );
        assert_eq!(url.password().as_deref(), Some("s3cr@t"));
        assert_eq!(format!("{url:?}"), format!("PgUrl({shown})"));
        let plain = PgUrl::new("postgresql://ann@db/xmfax");
        assert_eq!(plain.to_string(), "postgresql://ann@db/xmfax");
        // Unencoded `/` and `?` in a password: the postgres crate takes all before the first `@`.
        for (url, secret) in [
            ("postgres://ann:Zx/9+k@db/xmfax", "Zx/9+k"),
            ("postgres://ann:pa?ss@db/x?sslmode=require", "pa?ss"),
            ("postgres://ann:a#b@db/x", "a#b"),
            ("postgres://ann@db/x?pass%77ord=hunter2", "hunter2"),
            // A misspelt key, a bare word, and a password cut at an unencoded `&`.
            ("postgres://ann@db/x?passwd=hunter2", "hunter2"),
            ("postgres://ann@db/x?hunter2", "hunter2"),
            ("postgres://ann@db/x?password=hun&ter2=x", "ter2"),
        ] {
            let shown = PgUrl::new(url).to_string();
            assert!(!shown.contains(secret), "{url} shown as {shown}");
        }
        assert_eq!(
            PgUrl::new("postgres://ann@db/x?sslmode=require&passwd=hunter2&port=5433").to_string(),
            "postgres://ann@db/x?sslmode=require&****&port=5433"
        );
    }

    #[test]
    fn a_parameter_after_a_password_is_refused_without_its_name() {
        let err = split_settings(&PgUrl::new("postgres://ann@db/x?password=hun&ter2=x"))
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("%26") && !err.contains("ter2"), "{err}");
        let err = split_settings(&PgUrl::new("postgres://ann@db/x?bogus=1"))
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            err.contains("\"bogus\""),
            "without a password, the unknown name is given: {err}"
        );
    }

    #[test]
    fn urls_are_told_from_paths() {
        assert!(is_url("postgres://x/y"));
        assert!(is_url("PostgreSQL://x/y"));
        assert!(!is_url("postgres.db"));
        assert!(!is_url("./postgres://x"));
    }

    #[test]
    fn mistyped_urls_are_told_from_paths() {
        for value in [
            "pg://alice:SECRET@h/x",
            "postgress://a@h/x",
            " postgres://a@h/x",
            "./postgres://x",
            "/tmp/a://b",
            "postgres:/alice@127.0.0.1:5499/xmfax",
            "postgres:alice@h/x",
            "POSTGRESQL:/a@h",
            "postgresql:",
            "postgres//alice:SECRET@h/x",
            "PostgreSQL//a@h",
            "\tpostgres:/a@h",
            "alice:SECRET@h:5432/xmfax",
            "postgres/alice:SECRET@h/x",
            "bob@server:/var/xmfax.db",
            "backups/a:b@c.db",
            "db.example.com:5432/xmfax",
            "localhost:5432",
        ] {
            assert!(looks_like_url(value), "{value:?} should look like a URL");
        }
        for value in [
            "/tmp/x.db",
            "xmfax.db",
            "./my:store.db",
            "my:store.db",
            "store@host.db",
            "dir/a@b:c.db",
            "./alice:pw@h.db",
            "/srv/alice:pw@h.db",
            "~/x:y@z.db",
            "postgres.db",
            "postgres/xmfax.db",
            "postgresql-backup.db",
            "./postgres:/x",
            "./postgres//x",
            "sqlite:x.db",
            "",
        ] {
            assert!(!looks_like_url(value), "{value:?} is a file path");
        }
    }

    #[test]
    fn a_mistyped_url_is_shown_with_its_scheme_at_most() {
        for (value, shown) in [
            ("pg://alice:SECRET@h/x", "pg://****"),
            ("postgres:/alice:SECRET@h/x", "postgres:/****"),
            ("postgres:alice:SECRET@h", "postgres:****"),
            ("PostgreSQL//alice:SECRET@h", "PostgreSQL//****"),
            (" postgres://a:SECRET@h", " postgres://****"),
            ("postgres+x://a:SECRET@h", "postgres+x://****"),
            ("alice:SECRET@h/x", "****"),
            ("/tmp/SECRET://x", "****"),
            ("a@SECRET://x", "****"),
            ("a?password=SECRET://x", "****"),
            ("SECRET//x:y@z", "****"),
        ] {
            assert_eq!(masked_lookalike(value), shown, "{value}");
        }
    }

    #[test]
    fn a_url_whose_credentials_cannot_be_told_apart_is_refused() {
        for url in [
            // An `@` in the password or the user name.
            "postgres://bob:p@ss/w?rd#1@127.0.0.1:5499/xmfax",
            "postgres://bob:p@ssSECRET@127.0.0.1:5499/xmfax",
            "postgres://bob@corp:SECRET@h/x",
            "postgres://bob:SECRET@@h/x",
            // In the database name or the query, with or without credentials.
            "postgres://bob:SECRET@h/db@x",
            "postgres://h/db@SECRET",
            "postgres://h?password=SE@CRET",
            "postgres://h:5432/db?password=SE@CRET",
            "postgres://h/db?options=a@b&password=SECRET",
            "postgres://bob:SECRET@h/db?options=-c%20x=a@b",
            "postgresql://bob:SE@CRET@/xmfax?host=/tmp",
            // A password's `&` left unencoded.
            "postgres://h/db?password=a&SECRET&sslmode=disable",
            "postgres://h/db?sslmode=disable&&password=SECRET",
        ] {
            let err = PgUrl::parse(url).expect_err(url).to_string();
            for secret in ["CRET", "ss/w", "rd#1", "bob", "127.0"] {
                assert!(!err.contains(secret), "{url}: {err}");
            }
            assert!(
                err.contains("\"postgres://****\"") || err.contains("\"postgresql://****\""),
                "{url}: {err}"
            );
            assert!(err.contains("%40") || err.contains("%26"), "{url}: {err}");
        }
        for url in [
            "postgres://ann:s3cr%40t@db.corp:5432/xmfax?sslmode=require&password=other",
            "postgres://ann:Zx/9+k@db/xmfax",
            "postgres://ann:pa?ss@db/x?sslmode=require",
            "postgres://ann:a#b@db/x",
            "postgres://ann@/x?host=/tmp&port=5433&",
            "postgres://h/db?",
            "postgres://",
            "postgres:///xmfax",
            "postgres://h/db%40x?options=-c%20x%3Da%40b",
        ] {
            assert!(PgUrl::parse(url).is_ok(), "{url}");
        }
    }

    #[test]
    fn ssl_settings_are_taken_out_of_the_url() {
        let settings = split_settings(&PgUrl::new(
            "postgres://a@h/d?sslmode=verify-full&sslrootcert=%2Fca.pem&port=5433",
        ))
        .unwrap();
        assert_eq!(settings.ssl_mode, SslMode::VerifyFull);
        assert_eq!(settings.root_cert, Some(PathBuf::from("/ca.pem")));
        assert_eq!(settings.url, "postgres://a@h/d?port=5433");
        assert!(split_settings(&PgUrl::new("postgres://a@h/d?sslmode=bogus")).is_err());
        assert_eq!(
            split_settings(&PgUrl::new("postgres://a@h/d")).unwrap().ssl_mode,
            SslMode::Prefer
        );
        // A `?` in the password does not hide the real query (which would fall back to prefer).
        let settings = split_settings(&PgUrl::new(
            "postgres://ann:pa?ss@db/x?sslmode=require&sslrootcert=/ca.pem",
        ))
        .unwrap();
        assert_eq!(settings.ssl_mode, SslMode::Require);
        assert_eq!(settings.url, "postgres://ann:pa?ss@db/x");
        let settings = split_settings(&PgUrl::new("PostgreSQL://a@h/d?ssl%6dode=verify-full")).unwrap();
        assert_eq!(settings.ssl_mode, SslMode::VerifyFull);
        assert_eq!(settings.url, "postgresql://a@h/d");
    }

    #[test]
    fn pgpass_lines_match_field_by_field() {
        let file =
            "# comment\ndb.corp:5432:other:ann:wrong\ndb.corp:*:xmfax:ann:pa\\:ss\\\\w\n*:*:*:*:fallback\n";
        assert_eq!(
            pgpass_lookup(file, ["db.corp", "5432", "xmfax", "ann"]).as_deref(),
            Some("pa:ss\\w")
        );
        assert_eq!(
            pgpass_lookup(file, ["db.corp", "5432", "other", "ann"]).as_deref(),
            Some("wrong")
        );
        assert_eq!(
            pgpass_lookup(file, ["elsewhere", "1", "x", "y"]).as_deref(),
            Some("fallback")
        );
        assert_eq!(pgpass_lookup("a:b:c\n", ["a", "b", "c", "d"]), None);
    }

    #[test]
    fn pgpass_fields_unescape_as_libpq_reads_them() {
        // `\*` is a literal star, not a wildcard; only a bare `*` matches anything.
        let file = "h:5432:\\*:ann:star\n*:5432:*:ann:any\n";
        assert_eq!(
            pgpass_lookup(file, ["h", "5432", "*", "ann"]).as_deref(),
            Some("star")
        );
        assert_eq!(
            pgpass_lookup(file, ["h", "5432", "xmfax", "ann"]).as_deref(),
            Some("any")
        );
        assert_eq!(
            pgpass_lookup("h:5432:x*:ann:pw\n", ["h", "5432", "xy", "ann"]),
            None
        );
        // `\:` in a host (a socket path may hold a colon), `\\` a backslash.
        let file = "/tmp/a\\:b:5499:*:bob:pw1\n/tmp/c\\\\d:5499:*:bob:pw2\n";
        assert_eq!(
            pgpass_lookup(file, ["/tmp/a:b", "5499", "x", "bob"]).as_deref(),
            Some("pw1")
        );
        assert_eq!(
            pgpass_lookup(file, ["/tmp/c\\d", "5499", "x", "bob"]).as_deref(),
            Some("pw2")
        );
        // The password ends at an unescaped colon; an escaped one is part of it.
        assert_eq!(
            pgpass_lookup("h:1:d:u:pa:ss\n", ["h", "1", "d", "u"]).as_deref(),
            Some("pa")
        );
        assert_eq!(
            pgpass_lookup("h:1:d:u:pa\\:ss\r\n", ["h", "1", "d", "u"]).as_deref(),
            Some("pa:ss")
        );
        // Fields compare exactly: no case folding, no prefix.
        assert_eq!(pgpass_lookup("H:1:d:u:pw\n", ["h", "1", "d", "u"]), None);
        assert_eq!(pgpass_lookup("h:15:d:u:pw\n", ["h", "1", "d", "u"]), None);
    }

    fn target_of(url: &str) -> Vec<Target> {
        let mut config: postgres::Config = url.parse().unwrap();
        if config.get_hosts().is_empty() {
            config.host_path(DEFAULT_SOCKET_DIR);
        }
        targets(&config).unwrap()
    }

    #[test]
    fn pgpass_matches_a_socket_by_its_directory_and_localhost_only_for_the_default_one() {
        let key = |url: &str| target_of(url).remove(0).pgpass_key();
        assert_eq!(
            key("postgres://bob@/xmfax?host=/tmp/nu/sock&port=5499"),
            ["/tmp/nu/sock", "5499", "xmfax", "bob"]
        );
        assert_eq!(
            key("postgres://bob@/xmfax?host=/var/run/postgresql"),
            ["localhost", "5432", "xmfax", "bob"]
        );
        assert_eq!(
            key("postgres://bob@/xmfax"),
            ["localhost", "5432", "xmfax", "bob"]
        );
        assert_eq!(
            key("postgres://bob@db.corp:6000"),
            ["db.corp", "6000", "bob", "bob"]
        );
        let file = "localhost:5499:*:bob:local\n/tmp/nu/sock:5499:*:bob:mine\n";
        let lookup = |url: &str| {
            let [host, port, database, user] = key(url);
            pgpass_lookup(file, [&host, &port, &database, &user])
        };
        assert_eq!(
            lookup("postgres://bob@/xmfax?host=/tmp/nu/sock&port=5499").as_deref(),
            Some("mine")
        );
        // Another local directory (another user's server, perhaps) gets no `localhost` password.
        assert_eq!(lookup("postgres://bob@/xmfax?host=/tmp/other&port=5499"), None);
        assert_eq!(
            lookup("postgres://bob@/xmfax?host=/var/run/postgresql&port=5499").as_deref(),
            Some("local")
        );
        assert_eq!(
            lookup("postgres://bob@localhost:5499/xmfax").as_deref(),
            Some("local")
        );
    }

    #[test]
    fn each_host_is_tried_on_its_own_socket_or_tcp() {
        let tried = target_of("postgres://a@db1:6000,db2:6001/x?host=/tmp/s&port=6002");
        let shown: Vec<&str> = tried.iter().map(|t| t.shown.as_str()).collect();
        assert_eq!(shown, ["db1:6000", "db2:6001", "/tmp/s/.s.PGSQL.6002"]);
        let sockets: Vec<bool> = tried.iter().map(|t| t.socket.is_some()).collect();
        assert_eq!(sockets, [false, false, true]);
        for target in &tried {
            assert_eq!(target.config.get_hosts().len(), 1);
            assert_eq!(target.config.get_ports(), [target.port]);
        }
        let mut config: postgres::Config = "postgres://a@h1,h2/x?port=1,2,3".parse().unwrap();
        let err = targets(&config).err().unwrap().to_string();
        assert!(err.contains("5 ports for 2 hosts"), "{err}");
        config = "postgres://a@/x?hostaddr=127.0.0.1&host=/tmp/s".parse().unwrap();
        let target = targets(&config).unwrap().remove(0);
        assert!(target.socket.is_none(), "a hostaddr is reached by TCP");
    }

    #[test]
    fn one_host_keeps_every_other_setting() {
        let url = "postgres://ann:pw@db:6000/xmfax?options=-c%20x%3Dy&application_name=a\
                   &connect_timeout=7&tcp_user_timeout=8&keepalives=0&keepalives_idle=9\
                   &keepalives_interval=10&keepalives_retries=11&target_session_attrs=read-write\
                   &channel_binding=require&load_balance_hosts=random&sslmode=require\
                   &sslnegotiation=direct&hostaddr=127.0.0.2";
        let config: postgres::Config = url.parse().unwrap();
        let one = one_host(&config, 0, 6000);
        assert_eq!(format!("{one:?}"), format!("{config:?}"));
        assert_eq!(one.get_password(), Some(&b"pw"[..]));
        assert_eq!(one.get_ssl_negotiation(), config.get_ssl_negotiation());
    }

    #[test]
    fn url_parameters_are_refused_by_name() {
        let refusal = |url: &str| {
            let url = PgUrl::new(url);
            match split_settings(&url).and_then(|_| check_authority_ports(&url)) {
                Ok(()) => panic!("{url} accepted"),
                Err(err) => err.to_string(),
            }
        };
        let split = |url: &str| split_settings(&PgUrl::new(url)).map(|_| ());
        for (url, named) in [
            ("postgres://a@h/d?foo=bar", "\"foo\""),
            ("postgres://a@h/d?connect_timeout=abc", "connect_timeout=\"abc\""),
            ("postgres://a@h/d?port=99999", "port \"99999\""),
            ("postgres://a@h/d?port=0", "port \"0\""),
            ("postgres://a@h:99999/d", "port \"99999\""),
            ("postgres://a@h1:5432,[::1]:70000/d", "port \"70000\""),
            ("postgres://a:p:w@h:x/d", "port \"x\""),
            // Without an `@`, a port of letters is not quoted: it may be a password.
            ("postgres://a:pw/d", "port that is not a number (not shown"),
            ("postgres://a@h/d?target_session_attrs=primary", "read-write"),
            ("postgres://a@h/d?hostaddr=db.corp", "hostaddr \"db.corp\""),
        ] {
            let err = refusal(url);
            assert!(err.contains(named), "{url}: {err}");
        }
        // Neither a password's value nor an unknown parameter's value is ever shown.
        for url in [
            "postgres://a@h/d?passwd=hunter2",
            "postgres://a@h/d?hunter2",
            "postgres://a:hunter2@h/d?pass=hunter2",
        ] {
            let err = refusal(url);
            assert!(!err.contains("hunter2"), "{url}: {err}");
        }
        for url in [
            "postgres://a@h/d?password=x&port=5433&connect_timeout=5&keepalives=1",
            "postgres://a@h:/d?host=/tmp/s,db&port=,5432&target_session_attrs=any",
            "postgres://a:p%3Aw@[::1]:5432,h2/d?sslmode=require",
            "postgres://a:pa:ss@h/d",
        ] {
            split(url).unwrap();
            check_authority_ports(&PgUrl::new(url)).unwrap();
        }
    }

    #[test]
    fn a_missing_password_says_where_it_was_looked_for() {
        let key = [
            "/tmp/a:b".to_string(),
            "5499".into(),
            "xmfax".into(),
            "bob".into(),
        ];
        let file = Passwords::File {
            path: PathBuf::from("/home/bob/.pgpass"),
            text: "other:5499:*:bob:secret\n".into(),
        };
        let why = file.lookup(&key).unwrap_err();
        assert!(
            why.contains("no line of /home/bob/.pgpass matches /tmp/a\\:b:5499:xmfax:bob"),
            "{why}"
        );
        assert!(!why.contains("secret"), "{why}");
        let nothing = Passwords::Nothing {
            why: "PGPASSFILE=/nowhere was not found".into(),
            file: Some(PathBuf::from("/nowhere")),
        };
        let why = nothing.lookup(&key).unwrap_err();
        assert!(
            why.contains("PGPASSWORD is not set, and PGPASSFILE=/nowhere was not found; give it in PGPASSWORD, or in /nowhere"),
            "{why}"
        );
        assert_eq!(Passwords::Variable("pw".into()).lookup(&key).as_deref(), Ok("pw"));
    }
}
