//! The PostgreSQL half of the suite: a server to test against and one fresh database per test.
//!
//! `XMFAX_TEST_PG_URL` names a server where the tests may `CREATE DATABASE`; without it, one
//! throwaway cluster is started per test run from the newest `/usr/lib/postgresql/*/bin`, listening
//! only on a Unix socket in a private temporary directory, and a reaper process stops and removes it
//! once this test process is gone (statics are never dropped, and a killed run must not leave a
//! server behind). Without PostgreSQL the PostgreSQL cases pass without running, after one line on
//! stderr saying why, unless `XMFAX_REQUIRE_PG` is set (CI), when they fail.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

/// A server where databases can be created: the URL of its maintenance database.
pub struct Server {
    admin_url: String,
}

/// One test's database, dropped with it.
pub struct Database {
    pub name: String,
    pub url: String,
}

/// The test server, started on first use; `None` when PostgreSQL is unavailable and not required.
pub fn server() -> Option<&'static Server> {
    static SERVER: OnceLock<Result<Server, String>> = OnceLock::new();
    static NOTE: OnceLock<()> = OnceLock::new();
    match SERVER.get_or_init(start) {
        Ok(server) => Some(server),
        Err(why) if required() => {
            panic!("PostgreSQL is required (XMFAX_REQUIRE_PG is set) but unavailable: {why}")
        }
        Err(why) => {
            NOTE.get_or_init(|| {
                // libtest captures print!/eprint!; this line must reach the developer.
                let _ = writeln!(
                    std::io::stderr(),
                    "note: PostgreSQL half of the CLI suite skipped: {why} \
                     (set XMFAX_TEST_PG_URL or install postgresql)"
                );
            });
            None
        }
    }
}

fn required() -> bool {
    std::env::var_os("XMFAX_REQUIRE_PG").is_some_and(|v| !v.is_empty() && v != "0")
}

impl Server {
    /// A connection to the maintenance database, as the server's superuser.
    pub fn admin(&self) -> postgres::Client {
        connect(&self.admin_url)
    }

    /// A fresh, empty database with a name no other test (or run) uses.
    pub fn create_database(&'static self) -> Database {
        static NEXT: AtomicU64 = AtomicU64::new(1);
        let name = format!(
            "xmfax_t_{}_{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        self.admin()
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .unwrap_or_else(|e| panic!("CREATE DATABASE {name}: {e}"));
        let url = with_database(&self.admin_url, &name);
        Database { name, url }
    }

    /// This server's URL for database `name`, with `user` (and `password`) instead of the admin's.
    pub fn url_as(&self, name: &str, user: &str, password: Option<&str>) -> String {
        let url = with_database(&self.admin_url, name);
        let (scheme, rest) = url.split_once("://").expect("URL scheme");
        let host_part = rest.split_once('@').map_or(rest, |(_, host)| host);
        let credentials = match password {
            Some(password) => format!("{user}:{password}"),
            None => user.to_string(),
        };
        format!("{scheme}://{credentials}@{host_part}")
    }

    /// The `psql` connection arguments for database `name` (PostgreSQL's own client, for SQL files).
    pub fn psql(&self, name: &str) -> Command {
        let mut cmd = Command::new(psql_binary());
        cmd.arg("-X")
            .arg("-q")
            .arg("-v")
            .arg("ON_ERROR_STOP=1")
            .arg("-d")
            .arg(with_database(&self.admin_url, name));
        cmd
    }
}

impl Drop for Database {
    fn drop(&mut self) {
        if let Some(server) = server() {
            // Best effort: a cluster of our own is removed anyway; a shared server should not fill up.
            if let Ok(mut admin) = postgres::Client::connect(&server.admin_url, postgres::NoTls) {
                for name in [self.name.clone(), format!("{}_snapshot", self.name)] {
                    let _ = admin.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
                }
            }
        }
    }
}

pub fn connect(url: &str) -> postgres::Client {
    postgres::Client::connect(url, postgres::NoTls)
        .unwrap_or_else(|e| panic!("connect to the test PostgreSQL: {e}"))
}

/// `url` with its database (the path) replaced by `name`, keeping user, host and parameters.
pub fn with_database(url: &str, name: &str) -> String {
    let (scheme, rest) = url.split_once("://").expect("URL scheme");
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    let query = tail.find('?').map_or("", |i| &tail[i..]);
    format!("{scheme}://{authority}/{name}{query}")
}

fn start() -> Result<Server, String> {
    if let Some(url) = std::env::var("XMFAX_TEST_PG_URL").ok().filter(|u| !u.is_empty()) {
        postgres::Client::connect(&url, postgres::NoTls)
            .map_err(|e| format!("XMFAX_TEST_PG_URL is set but cannot be reached ({e})"))?;
        return Ok(Server { admin_url: url });
    }
    let bin = newest_bin_dir().ok_or("no initdb under /usr/lib/postgresql/*/bin")?;
    Cluster::start(&bin, None, None).map(|cluster| Server {
        admin_url: cluster.admin_url,
    })
}

/// A second throwaway cluster that listens on 127.0.0.1 too and takes TCP connections over TLS
/// only, with this certificate and key (PEM); `None` when PostgreSQL is unavailable and not
/// required (the suite's note says why).
pub fn tls_server(cert_pem: &str, key_pem: &str) -> Option<TlsServer> {
    server()?;
    let bin = newest_bin_dir()?;
    match Cluster::start(&bin, Some((cert_pem, key_pem)), None) {
        Ok(cluster) => Some(TlsServer { port: cluster.port }),
        Err(why) => panic!("cannot start the TLS cluster: {why}"),
    }
}

/// A cluster reachable at `localhost:port` (and 127.0.0.1) with TLS only.
pub struct TlsServer {
    pub port: u16,
}

/// A third throwaway cluster, on a Unix socket only, where every role but `postgres` logs in with
/// a password (SCRAM), and where role `bob` (password [`PasswordServer::PASSWORD`]) owns database
/// `xmfax`; `None` when PostgreSQL is unavailable and not required.
pub fn password_server() -> Option<PasswordServer> {
    server()?;
    let bin = newest_bin_dir()?;
    let hba = "local all postgres trust\nlocal all all scram-sha-256\n";
    let cluster = Cluster::start(&bin, None, Some(hba))
        .unwrap_or_else(|why| panic!("cannot start the password cluster: {why}"));
    let mut admin = connect(&cluster.admin_url);
    // One statement each: CREATE DATABASE cannot run in the transaction a batch makes.
    for sql in [
        format!("CREATE ROLE bob LOGIN PASSWORD '{}'", PasswordServer::PASSWORD),
        "CREATE DATABASE xmfax OWNER bob".to_string(),
    ] {
        admin
            .batch_execute(&sql)
            .unwrap_or_else(|e| panic!("set up the password cluster: {sql}: {e:?}"));
    }
    Some(PasswordServer {
        socket_dir: cluster.dir,
        port: cluster.port,
    })
}

/// A cluster whose socket is `socket_dir/.s.PGSQL.port`, checking passwords.
pub struct PasswordServer {
    pub socket_dir: PathBuf,
    pub port: u16,
}

impl PasswordServer {
    pub const PASSWORD: &str = "bob-pw-31";
}

/// The `bin` directory of the newest PostgreSQL installed the Debian way.
pub fn newest_bin_dir() -> Option<PathBuf> {
    let mut found: Vec<(Vec<u64>, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let version: Vec<u64> = entry
                .file_name()
                .to_str()?
                .split('.')
                .map(|part| part.parse().ok())
                .collect::<Option<_>>()?;
            let bin = entry.path().join("bin");
            bin.join("initdb").is_file().then_some((version, bin))
        })
        .collect();
    found.sort();
    found.pop().map(|(_, bin)| bin)
}

fn psql_binary() -> PathBuf {
    newest_bin_dir()
        .map(|bin| bin.join("psql"))
        .filter(|psql| psql.is_file())
        .unwrap_or_else(|| PathBuf::from("psql"))
}

struct Cluster {
    admin_url: String,
    port: u16,
    /// Its socket directory.
    dir: PathBuf,
}

impl Cluster {
    /// With `tls` (certificate and key, PEM), it also listens on 127.0.0.1, where only TLS
    /// connections are accepted.
    /// With `hba`, that is its `pg_hba.conf` (for a cluster without TLS).
    fn start(bin: &Path, tls: Option<(&str, &str)>, hba: Option<&str>) -> Result<Cluster, String> {
        let as_root = is_root();
        let dir = std::env::temp_dir().join(format!(
            "xmfax-pg-{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.subsec_nanos())
        ));
        std::fs::create_dir(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        // From here on the reaper removes the directory, whatever happens next.
        let data = dir.join("data");
        let log = dir.join("server.log");
        // Any number will do for a socket in this private directory; TCP needs a free port.
        let port = match tls {
            None => 20000 + (std::process::id() % 30000) as u16 + u16::from(hba.is_some()),
            Some(_) => std::net::TcpListener::bind("127.0.0.1:0")
                .and_then(|listener| listener.local_addr())
                .map_err(|e| format!("no free TCP port: {e}"))?
                .port(),
        };
        spawn_reaper(bin, &dir, &data, as_root)?;
        if as_root {
            run(Command::new("chown").arg("postgres:").arg(&dir), "chown")?;
        }
        let initdb = bin.join("initdb");
        run(
            as_postgres(&initdb, as_root)
                .arg("-D")
                .arg(&data)
                .args(["-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale"])
                .arg("--no-sync"),
            "initdb",
        )?;
        let mut options = format!(
            "-c unix_socket_directories='{}' -p {port} -c fsync=off \
             -c synchronous_commit=off -c full_page_writes=off -c max_connections=300 \
             -c shared_buffers=32MB",
            dir.display()
        );
        match tls {
            None => {
                if let Some(hba) = hba {
                    write_private(&data.join("pg_hba.conf"), hba)?;
                    if as_root {
                        run(
                            Command::new("chown")
                                .arg("postgres:")
                                .arg(data.join("pg_hba.conf")),
                            "chown",
                        )?;
                    }
                }
                options.push_str(" -c listen_addresses=''");
            }
            Some((cert, key)) => {
                let (cert_file, key_file) = (dir.join("server.crt"), dir.join("server.key"));
                write_private(&cert_file, cert)?;
                write_private(&key_file, key)?;
                write_private(
                    &data.join("pg_hba.conf"),
                    "local all all trust\nhostssl all all 127.0.0.1/32 trust\nhostnossl all all 127.0.0.1/32 reject\n",
                )?;
                if as_root {
                    for file in [&cert_file, &key_file, &data.join("pg_hba.conf")] {
                        run(Command::new("chown").arg("postgres:").arg(file), "chown")?;
                    }
                }
                options.push_str(&format!(
                    " -c listen_addresses='127.0.0.1' -c ssl=on -c ssl_cert_file='{}' -c ssl_key_file='{}'",
                    cert_file.display(),
                    key_file.display()
                ));
            }
        }
        run(
            as_postgres(&bin.join("pg_ctl"), as_root)
                .arg("-D")
                .arg(&data)
                .arg("-l")
                .arg(&log)
                .args(["-w", "-t", "60", "-o", &options, "start"]),
            "pg_ctl start",
        )
        .map_err(|e| {
            let log = std::fs::read_to_string(&log).unwrap_or_default();
            format!("{e}; server log: {}", log.trim())
        })?;
        let admin_url = format!("postgres://postgres@/postgres?host={}&port={port}", dir.display());
        postgres::Client::connect(&admin_url, postgres::NoTls)
            .map_err(|e| format!("the throwaway cluster started but refuses connections: {e}"))?;
        Ok(Cluster { admin_url, port, dir })
    }
}

/// Writes a file only its owner may read (PostgreSQL refuses a key others can read).
fn write_private(path: &Path, content: &str) -> Result<(), String> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::write(path, content)
        .and_then(|()| std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)))
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// The effective user is root: /proc/self belongs to the process's effective user.
fn is_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
}

/// PostgreSQL refuses to run as root: as root, its programs run as the `postgres` system user.
fn as_postgres(program: &Path, as_root: bool) -> Command {
    if as_root {
        let mut cmd = Command::new("runuser");
        cmd.args(["-u", "postgres", "--"]).arg(program);
        cmd
    } else {
        Command::new(program)
    }
}

fn run(cmd: &mut Command, what: &str) -> Result<(), String> {
    let out = cmd
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("{what} could not run: {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{what} failed ({}): {}{}",
            out.status,
            String::from_utf8_lossy(&out.stdout).trim(),
            String::from_utf8_lossy(&out.stderr).trim()
        ))
    }
}

/// A detached shell that waits for this test process to end, then stops the cluster and removes it.
fn spawn_reaper(bin: &Path, dir: &Path, data: &Path, as_root: bool) -> Result<(), String> {
    let runner = if as_root { "runuser -u postgres -- " } else { "" };
    let script = format!(
        "while kill -0 {pid} 2>/dev/null; do sleep 1; done; \
         {runner}'{pg_ctl}' -D '{data}' stop -m immediate >/dev/null 2>&1; rm -rf '{dir}'",
        pid = std::process::id(),
        pg_ctl = bin.join("pg_ctl").display(),
        data = data.display(),
        dir = dir.display(),
    );
    // setsid: its own session, so that the Ctrl-C which stops the tests does not stop the reaper.
    Command::new("setsid")
        .args(["sh", "-c", &script])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map(|_| ())
        .map_err(|e| format!("cannot start the cluster's reaper: {e}"))
}
