//! Connecting to a PostgreSQL store: the URL, where its password comes from (URL, `PGPASSWORD`, the
//! pgpass file), TLS as `sslmode` asks, and the URL as it may be shown (never with its password).

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
/// `/`, `.` or `~` whose first path component holds both `@` and `:` (`USER@HOST:PORT`), or any of
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
    (first.contains('@') && first.contains(':')) || components.any(credentials)
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
    /// and sent to DNS as a host name), or a query parameter that is not `NAME=VALUE` (a `&` left
    /// in a password's value). The refusal shows the URL as `postgres://****`.
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
            if !query.is_empty() && query.split('&').any(|pair| !pair.contains('=')) {
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
        self.password().is_some()
            || self.query_start().is_some_and(|question| {
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

    /// Where the query string starts (its `?`): the first `?` after the credentials.
    fn query_start(&self) -> Option<usize> {
        let after = match self.userinfo() {
            Some((_, at)) => at + 1,
            None => self.url.find("://")? + 3,
        };
        self.url[after..].find('?').map(|i| after + i)
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
                    _ => pair.to_string(),
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
            _ => kept.push(pair),
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

/// How long a command waits for the server before giving up, unless the URL sets its own
/// `connect_timeout` (a hung network must not hang an agent).
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// Connects to the store at `url`, waiting at most `timeout` for the server unless the URL says
/// otherwise.
pub fn connect(url: &PgUrl, timeout: Duration) -> Result<postgres::Client> {
    let settings =
        split_settings(url).with_context(|| format!("cannot connect to the PostgreSQL store {url}"))?;
    let config: postgres::Config = match settings.url.parse() {
        Ok(config) => config,
        // The parser's words name options and quote parts of the URL, and the URL as shown may
        // hold part of a password whose `&` was left unencoded (the rest reads as a parameter).
        Err(_) if url.holds_password() => bail!(
            "cannot connect to the PostgreSQL store {}: the URL is not a valid PostgreSQL connection URL (it holds a password, so it is not shown; percent-encode `&`, `=`, `@` and `%` in a password)",
            url.fully_masked()
        ),
        Err(err) => bail!(
            "cannot connect to the PostgreSQL store {url}: the URL is not a valid PostgreSQL connection URL: {err}"
        ),
    };
    connect_inner(config, settings, timeout)
        .with_context(|| format!("cannot connect to the PostgreSQL store {url}"))
}

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
    if config.get_hosts().is_empty() {
        config.host_path("/var/run/postgresql");
    }
    if config.get_connect_timeout().is_none() {
        config.connect_timeout(timeout);
    }
    config.application_name("xmfax");
    if config.get_password().is_none()
        && let Some(password) = password_from_environment(&config)?
    {
        config.password(password);
    }
    let client = match settings.ssl_mode {
        SslMode::Disable => {
            config.ssl_mode(postgres::config::SslMode::Disable);
            connect_bounded(config, postgres::NoTls)?
        }
        mode => {
            // As libpq: `require` verifies the chain when there is a root certificate, given or in
            // its default place.
            let root_cert = match (mode, settings.root_cert) {
                (SslMode::Require, None) => default_root_cert().filter(|path| path.is_file()),
                (_, given) => given,
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
            connect_bounded(config, tokio_postgres_rustls::MakeRustlsConnect::new(tls))?
        }
    };
    Ok(client)
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

/// The password for this connection from `PGPASSWORD`, else from the pgpass file.
fn password_from_environment(config: &postgres::Config) -> Result<Option<String>> {
    if let Some(password) = std::env::var("PGPASSWORD").ok().filter(|p| !p.is_empty()) {
        return Ok(Some(password));
    }
    let file = match std::env::var_os("PGPASSFILE") {
        Some(file) => PathBuf::from(file),
        None => match std::env::var_os("HOME") {
            Some(home) => Path::new(&home).join(".pgpass"),
            None => return Ok(None),
        },
    };
    let Ok(text) = std::fs::read_to_string(&file) else {
        return Ok(None);
    };
    {
        use std::os::unix::fs::PermissionsExt;
        // As libpq: a pgpass file others can read is not trusted with secrets.
        if let Ok(meta) = std::fs::metadata(&file)
            && meta.permissions().mode() & 0o077 != 0
        {
            eprintln!(
                "warning: password file {} has group or world access; permissions should be u=rw (0600) or less; it was not used",
                file.display()
            );
            return Ok(None);
        }
    }
    let host = match config.get_hosts().first() {
        Some(postgres::config::Host::Tcp(host)) => host.clone(),
        // libpq matches a Unix-domain socket as `localhost`.
        _ => "localhost".to_string(),
    };
    let port = config.get_ports().first().copied().unwrap_or(5432).to_string();
    let user = config.get_user().unwrap_or_default();
    let database = config.get_dbname().unwrap_or(user);
    Ok(pgpass_lookup(&text, [&host, &port, database, user]))
}

/// The password of the first pgpass line matching `host:port:database:user` (`*` matches anything;
/// `\:` and `\\` are a literal colon and backslash).
fn pgpass_lookup(text: &str, wanted: [&str; 4]) -> Option<String> {
    for line in text.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut fields = Vec::new();
        let mut field = String::new();
        let mut chars = line.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => field.extend(chars.next()),
                ':' if fields.len() < 4 => fields.push(std::mem::take(&mut field)),
                c => field.push(c),
            }
        }
        fields.push(field);
        if fields.len() != 5 {
            continue;
        }
        if fields[..4]
            .iter()
            .zip(wanted)
            .all(|(pattern, value)| pattern == "*" || pattern == value)
        {
            return fields.pop();
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
        ] {
            let shown = PgUrl::new(url).to_string();
            assert!(!shown.contains(secret), "{url} shown as {shown}");
        }
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
}
