//! Hostile files for every command that reads one: forms, import documents and CSV, .eml messages
//! and sender batches. None may panic or hang; each is refused with a non-zero exit (2 for an
//! unreadable file; 1 where the contract makes bad content a refusal) and the store stays unchanged.

use super::common::{Backend, Env, Postgres, Sqlite};
use rstest::rstest;
use std::time::Duration;

/// Name and content of each hostile file.
fn corpus() -> Vec<(&'static str, Vec<u8>)> {
    let mut nested = "a: ".to_string();
    nested.push_str(&"[".repeat(200_000));
    let billion_laughs = {
        let mut doc =
            String::from("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (prev, name) in ["a", "b", "c", "d", "e", "f", "g", "h"]
            .iter()
            .zip(["b", "c", "d", "e", "f", "g", "h", "i"])
        {
            doc.push_str(&format!(
                "{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"
            ));
        }
        doc
    };
    vec![
        ("empty", Vec::new()),
        (
            "nul-bytes",
            b"account,domain\0,include_subdomains\nacme,\0evil.example,false\n\0\0\0".to_vec(),
        ),
        (
            "invalid-utf8",
            b"From: \xff\xfe bob@\xc3(acme.example\n\nxmfax_form: \xff\n".to_vec(),
        ),
        ("long-line", {
            let mut line = b"From: ".to_vec();
            line.extend(std::iter::repeat_n(b'a', 10_000_000));
            line
        }),
        ("deep-nesting", nested.into_bytes()),
        ("billion-laughs", billion_laughs.into_bytes()),
        (
            "control-chars",
            "From: \u{1b}[2J\u{202e}evil <bob@acme.example>\r\n\u{7}\n"
                .as_bytes()
                .to_vec(),
        ),
        (
            "binary",
            (0..65_536u32)
                .map(|i| (i.wrapping_mul(2_654_435_761) >> 11) as u8)
                .collect(),
        ),
    ]
}

fn commands(file: &str) -> Vec<Vec<String>> {
    let owned = |args: &[&str]| args.iter().map(|a| a.to_string()).collect::<Vec<_>>();
    vec![
        owned(&["requests", "validate", file]),
        owned(&["requests", "process", file]),
        owned(&["import", file, "--format", "csv"]),
        owned(&["import", file, "--format", "yaml"]),
        owned(&["import", file, "--format", "json"]),
        owned(&[
            "sender",
            "test",
            "--message",
            file,
            "--authserv-id",
            "mx.fax.example",
        ]),
        owned(&["sender", "test", "--batch", file]),
    ]
}

#[rstest]
fn hostile_files_never_crash_hang_or_change_the_store(#[values(Sqlite, Postgres)] backend: Backend) {
    let Some(env) = Env::new(backend) else {
        return;
    };
    env.secured_account("acme");
    let before = env.dump();
    let mut files: Vec<(String, std::path::PathBuf)> = corpus()
        .into_iter()
        .map(|(name, bytes)| (name.to_string(), env.write_file(name, bytes)))
        .collect();
    files.push(("directory".to_string(), env.dir.path().to_path_buf()));
    files.push(("missing".to_string(), env.dir.path().join("no-such-file")));
    for (name, path) in &files {
        for args in commands(&path.to_string_lossy()) {
            let out = env
                .cmd()
                .args(&args)
                .timeout(Duration::from_secs(60))
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            let code = out.status.code();
            assert!(
                !stderr.contains("panicked"),
                "{name}: xmfax {:?} panicked: {stderr}",
                &args[..2]
            );
            // A batch of lines that are not addresses is a verdict (each line refused), not an error.
            let is_batch = args[1] == "test" && args[2] == "--batch";
            let allowed: &[i32] = match name.as_str() {
                // An empty batch has no address to refuse: "all accepted" holds, exit 0.
                "empty" if is_batch => &[0],
                "directory" | "missing" => &[2],
                // Bad rows of an import, and a message or batch line with no valid sender, are
                // refusals by contract (each with its code); the file itself was readable.
                _ if is_batch || args[0] == "import" || args[1] == "test" => &[1, 2],
                _ => &[2],
            };
            assert!(
                code.is_some_and(|c| allowed.contains(&c)),
                "{name}: xmfax {args:?} exited {code:?} (killed by the timeout if None): {stderr}"
            );
            if matches!(name.as_str(), "directory" | "missing") {
                // An input that cannot be read at all is refused before anything goes to stdout.
                assert!(
                    out.stdout.is_empty(),
                    "{name}: xmfax {args:?} printed {:?} before failing",
                    String::from_utf8_lossy(&out.stdout)
                );
            }
            assert!(
                stderr.len() < 20_000,
                "{name}: {} bytes of error output for {:?}",
                stderr.len(),
                &args[..2]
            );
            for raw in ['\u{1b}', '\u{202e}', '\u{7}'] {
                assert!(
                    !stderr.contains(raw),
                    "{name}: raw control text on stderr for {:?}",
                    &args[..2]
                );
            }
        }
    }
    // None of these is a readable form, so not even a refusal record is written.
    assert_eq!(env.dump(), before);
}
