//! TLS to a PostgreSQL store, as `sslmode` asks: a server (started here, on 127.0.0.1 only, that
//! accepts TLS connections only) is reached with every mode, and a certificate that does not chain
//! to the given CA, or does not name the host, is refused by the modes that verify it.

use super::pg;
use assert_cmd::Command;
use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair};
use std::path::Path;

/// A CA certificate (PEM) and the key that signs with it.
fn certificate_authority(name: &str) -> (String, Issuer<'static, KeyPair>) {
    let key = KeyPair::generate().expect("CA key");
    let mut params = CertificateParams::new(Vec::<String>::new()).expect("CA params");
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.distinguished_name.push(DnType::CommonName, name);
    let cert = params.self_signed(&key).expect("CA certificate");
    (cert.pem(), Issuer::new(params, key))
}

/// Runs `xmfax accounts list` on `url` with an empty HOME (no ~/.postgresql/root.crt, no ~/.pgpass).
fn list(url: &str, home: &Path) -> (Option<i32>, String) {
    let out = Command::cargo_bin("xmfax")
        .expect("binary")
        .env("XMFAX_DB", url)
        .env("HOME", home)
        .env_remove("PGPASSWORD")
        .env_remove("PGPASSFILE")
        .args(["accounts", "list"])
        .output()
        .expect("run");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn each_sslmode_connects_or_refuses_as_libpq_would() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (ca_pem, ca) = certificate_authority("xmfax test CA");
    let (other_ca_pem, _) = certificate_authority("someone else's CA");
    let server_key = KeyPair::generate().expect("server key");
    let server_cert = CertificateParams::new(vec!["localhost".to_string()])
        .expect("server params")
        .signed_by(&server_key, &ca)
        .expect("server certificate");
    let Some(server) = pg::tls_server(&server_cert.pem(), &server_key.serialize_pem()) else {
        return;
    };
    let ca_file = dir.path().join("ca.pem");
    let other_ca_file = dir.path().join("other-ca.pem");
    std::fs::write(&ca_file, ca_pem).unwrap();
    std::fs::write(&other_ca_file, other_ca_pem).unwrap();
    let home = dir.path().join("home");
    std::fs::create_dir(&home).unwrap();
    let url =
        |host: &str, query: &str| format!("postgres://postgres@{host}:{}/postgres?{query}", server.port);
    let ca = ca_file.display();
    let other = other_ca_file.display();
    for (host, query, expected, why) in [
        (
            "localhost",
            format!("sslmode=verify-full&sslrootcert={ca}"),
            0,
            "the chain and the name verify",
        ),
        (
            "127.0.0.1",
            format!("sslmode=verify-ca&sslrootcert={ca}"),
            0,
            "verify-ca does not compare the name",
        ),
        (
            "localhost",
            "sslmode=require".to_string(),
            0,
            "require encrypts without verifying",
        ),
        (
            "localhost",
            "sslmode=prefer".to_string(),
            0,
            "prefer takes TLS when offered",
        ),
        ("localhost", String::new(), 0, "the default is prefer"),
        (
            "localhost",
            format!("sslmode=require&sslrootcert={ca}"),
            0,
            "require with a root certificate verifies the chain",
        ),
        (
            "localhost",
            format!("sslmode=verify-full&sslrootcert={other}"),
            2,
            "a certificate from another CA",
        ),
        (
            "localhost",
            format!("sslmode=verify-ca&sslrootcert={other}"),
            2,
            "a certificate from another CA",
        ),
        (
            "localhost",
            format!("sslmode=require&sslrootcert={other}"),
            2,
            "require with a root certificate that does not match",
        ),
        (
            "127.0.0.1",
            format!("sslmode=verify-full&sslrootcert={ca}"),
            2,
            "the certificate does not name 127.0.0.1",
        ),
        (
            "localhost",
            "sslmode=verify-full".to_string(),
            2,
            "no CA to verify with (no sslrootcert, no ~/.postgresql/root.crt)",
        ),
        (
            "localhost",
            "sslmode=disable".to_string(),
            2,
            "the server accepts TLS connections only",
        ),
        ("localhost", "sslmode=bogus".to_string(), 2, "an unknown sslmode"),
    ] {
        let (code, stderr) = list(&url(host, &query), &home);
        assert_eq!(code, Some(expected), "{host} {query} ({why}): {stderr}");
        if expected == 2 {
            assert!(
                stderr.contains("cannot connect to the PostgreSQL store"),
                "{query}: {stderr}"
            );
        }
    }
    let (_, stderr) = list(&url("localhost", "sslmode=verify-full"), &home);
    assert!(
        stderr.contains("root.crt"),
        "names the CA file it looked for: {stderr}"
    );
    let (_, stderr) = list(
        &url("localhost", &format!("sslmode=verify-full&sslrootcert={other}")),
        &home,
    );
    assert!(
        stderr.to_lowercase().contains("certificate"),
        "says the certificate is the problem: {stderr}"
    );
}
