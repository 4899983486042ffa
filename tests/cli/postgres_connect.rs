//! Connecting as libpq (`psql`) does where a new user would expect it: no TLS on a Unix socket
//! whatever `sslmode` says, each host of a list tried on its own, pgpass lines matched by socket
//! directory (`localhost` only for the default one), and errors that say what to do: a missing
//! password (and where it was looked for), a missing socket, a URL part the parser refuses. No
//! message ever holds a password.

use super::common::Env;
use super::common::Postgres;
use super::pg;
use std::path::Path;

const SECRET: &str = "s3cretpw";

/// Runs `xmfax accounts list` on `url` with HOME at `home` and no password in the environment
/// unless `vars` sets one; returns the exit code and stderr.
fn list(url: &str, home: &Path, vars: &[(&str, &str)]) -> (Option<i32>, String) {
    let env = Env::sqlite();
    let mut cmd = env.cmd();
    cmd.env("XMFAX_DB", url)
        .env("HOME", home)
        .env_remove("PGPASSWORD")
        .env_remove("PGPASSFILE")
        .env("PGCONNECT_TIMEOUT", "5");
    for (name, value) in vars {
        cmd.env(name, value);
    }
    let out = cmd.args(["accounts", "list"]).output().expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    for secret in [SECRET, pg::PasswordServer::PASSWORD] {
        assert!(
            !stderr.contains(secret),
            "{url}: the password was printed: {stderr}"
        );
    }
    (out.status.code(), stderr)
}

/// The `host` (socket directory) and `port` parameters of a test database's URL, when the test
/// server is the throwaway cluster on a Unix socket.
fn socket_of(url: &str) -> Option<(String, String)> {
    let query = url.split_once('?')?.1;
    let param = |name: &str| {
        query
            .split('&')
            .find_map(|pair| pair.strip_prefix(name)?.strip_prefix('='))
            .map(str::to_string)
    };
    let host = param("host").filter(|host| host.starts_with('/'))?;
    Some((host, param("port")?))
}

#[test]
fn sslmode_is_not_applied_to_a_unix_socket_as_with_libpq() {
    let Some(env) = Env::new(Postgres) else {
        return;
    };
    let url = env.store().into_string().expect("UTF-8 URL");
    let Some((dir, port)) = socket_of(&url) else {
        // A shared server over TCP (XMFAX_TEST_PG_URL): nothing to test here.
        return;
    };
    // HOME without ~/.postgresql/root.crt: verify-* on TCP would refuse to connect.
    let home = tempfile::tempdir().expect("temp dir");
    for mode in [
        "disable",
        "allow",
        "prefer",
        "require",
        "verify-ca",
        "verify-full",
    ] {
        let (code, stderr) = list(&format!("{url}&sslmode={mode}"), home.path(), &[]);
        assert_eq!(code, Some(0), "sslmode={mode} on a socket: {stderr}");
    }
    let (code, stderr) = list(&format!("{url}&sslmode=bogus"), home.path(), &[]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("sslmode \"bogus\""), "{stderr}");
    let database = env.database_name();
    // A list mixing TCP and a socket: each host gets its own TLS, as libpq gives it. The TCP host
    // fails (verify-full has no CA to verify with, and nothing listens on port 1); the socket,
    // tried next, connects without TLS.
    let mixed =
        format!("postgres://postgres@127.0.0.1:1/{database}?host={dir}&port={port}&sslmode=verify-full");
    let (code, stderr) = list(&mixed, home.path(), &[]);
    assert_eq!(code, Some(0), "{mixed}: {stderr}");
    // When every host fails, each one's failure is told.
    let missing = home.path().join("no-server");
    let failing = format!(
        "postgres://postgres@127.0.0.1:1/{database}?host={}&port=5999&sslmode=require",
        missing.display()
    );
    let (code, stderr) = list(&failing, home.path(), &[]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "no host accepted the connection: nothing accepts connections at 127.0.0.1:1 \
             (is the server running there, and is the port right?); \
             no PostgreSQL server at {}/.s.PGSQL.5999 (is it running, and is the port right?)",
            missing.display()
        )),
        "{stderr}"
    );
}

#[test]
fn a_socket_that_is_not_there_is_named() {
    let dir = tempfile::tempdir().expect("temp dir");
    let sock = dir.path().join("nu/sock");
    for (url, file) in [
        (
            format!(
                "postgres://agent:{SECRET}@/xmfax?host={}&port=5499",
                sock.display()
            ),
            sock.join(".s.PGSQL.5499"),
        ),
        (
            format!(
                "postgres://agent@/xmfax?host={}&password={SECRET}",
                sock.display()
            ),
            sock.join(".s.PGSQL.5432"),
        ),
    ] {
        let (code, stderr) = list(&url, dir.path(), &[]);
        assert_eq!(code, Some(2), "{stderr}");
        assert!(
            stderr.contains(&format!(
                "no PostgreSQL server at {} (is it running, and is the port right?)",
                file.display()
            )),
            "{url}: {stderr}"
        );
    }
    // The socket file of a server that stopped without removing it: nobody answers on it.
    let stale_dir = dir.path().join("stale");
    std::fs::create_dir(&stale_dir).unwrap();
    let stale = stale_dir.join(".s.PGSQL.5432");
    drop(std::os::unix::net::UnixListener::bind(&stale).expect("bind a socket"));
    let url = format!("postgres://agent:{SECRET}@/xmfax?host={}", stale_dir.display());
    let (code, stderr) = list(&url, dir.path(), &[]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "no PostgreSQL server answers at {} (the socket file is there: is the server running?)",
            stale.display()
        )),
        "{stderr}"
    );
}

#[test]
fn a_url_part_the_parser_refuses_is_named_without_the_password() {
    let home = tempfile::tempdir().expect("temp dir");
    for (url, named) in [
        (
            format!("postgres://agent:{SECRET}@db.example/xmfax?foo=bar"),
            "the URL has a parameter xmfax does not know: \"foo\"",
        ),
        (
            format!("postgres://agent:{SECRET}@db.example:99999/xmfax"),
            "the URL's port \"99999\" is not a port number (1 to 65535)",
        ),
        (
            format!("postgres://agent@db.example/xmfax?password={SECRET}&port=5432,x"),
            "the URL's port \"x\" is not a port number",
        ),
        (
            format!("postgres://agent:{SECRET}@db.example/xmfax?connect_timeout=abc"),
            "the URL's connect_timeout=\"abc\" is not a number of seconds",
        ),
        (
            "postgres://agent@db.example/xmfax?sslcert=/home/agent/client.crt".to_string(),
            "does not know: \"sslcert\"",
        ),
        (
            "postgres://agent@db.example/xmfax?port=5432&keepalives".to_string(),
            "the URL's query has a parameter without a value (NAME=VALUE expected)",
        ),
        (
            "postgres://agent@db.example/xmfax?target_session_attrs=primary".to_string(),
            "the URL's target_session_attrs=\"primary\" is not one of any, read-write, read-only",
        ),
    ] {
        let (code, stderr) = list(&url, home.path(), &[]);
        assert_eq!(code, Some(2), "{url}: {stderr}");
        assert!(stderr.contains(named), "{url}: {stderr}");
        assert!(
            stderr.contains("cannot connect to the PostgreSQL store"),
            "{stderr}"
        );
    }
}

/// Writes `lines` as a pgpass file only its owner may read.
fn pgpass(path: &Path, lines: &str) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::write(path, lines).unwrap();
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).unwrap();
}

#[test]
fn passwords_come_from_pgpass_lines_for_the_socket_directory_and_their_absence_is_explained() {
    let Some(server) = pg::password_server() else {
        return;
    };
    let dir = server.socket_dir.display().to_string();
    let port = server.port;
    let url = format!("postgres://bob@/xmfax?host={dir}&port={port}");
    let password = pg::PasswordServer::PASSWORD;
    let home = tempfile::tempdir().expect("temp dir");
    let file = home.path().join(".pgpass");

    // No password anywhere: the message says where xmfax looked, and what to write.
    let (code, stderr) = list(&url, home.path(), &[]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "the server asks for a password and none was found: the URL has none, PGPASSWORD is not set, \
             and {} was not found; give it in PGPASSWORD, or in {} as a line {dir}:{port}:xmfax:bob:PASSWORD",
            file.display(),
            file.display()
        )),
        "{stderr}"
    );
    let elsewhere = home.path().join("elsewhere");
    let (_, stderr) = list(&url, home.path(), &[("PGPASSFILE", elsewhere.to_str().unwrap())]);
    assert!(
        stderr.contains(&format!("PGPASSFILE={} was not found", elsewhere.display())),
        "{stderr}"
    );

    // The `localhost` line is for the default socket directory only: not sent to this one.
    pgpass(&file, &format!("localhost:*:*:bob:{password}\n"));
    let (code, stderr) = list(&url, home.path(), &[]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "no line of {} matches {dir}:{port}:xmfax:bob",
            file.display()
        )),
        "{stderr}"
    );

    // A line naming the socket directory matches it, with wildcards as in libpq.
    for line in [
        format!("{dir}:{port}:xmfax:bob:{password}"),
        format!("{dir}:*:*:bob:{password}"),
        format!("# a comment\nlocalhost:*:*:bob:wrong\n{dir}:{port}:*:*:{password}"),
    ] {
        pgpass(&file, &format!("{line}\n"));
        let (code, stderr) = list(&url, home.path(), &[]);
        assert_eq!(code, Some(0), "{line}: {stderr}");
    }
    // Another port is another server.
    pgpass(&file, &format!("{dir}:1:*:*:{password}\n"));
    let (code, _) = list(&url, home.path(), &[]);
    assert_eq!(code, Some(2));

    // PGPASSWORD comes before the file; a file others may read is not used.
    let (code, stderr) = list(&url, home.path(), &[("PGPASSWORD", password)]);
    assert_eq!(code, Some(0), "{stderr}");
    pgpass(&file, &format!("{dir}:*:*:*:{password}\n"));
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
    }
    let (code, stderr) = list(&url, home.path(), &[]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains("has group or world access")
            && stderr.contains("was not used: its group or others may read it (chmod 600 it)"),
        "{stderr}"
    );
}
