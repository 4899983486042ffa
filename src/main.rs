//! The `xmfax` binary: parses the command line, runs one command, and maps its outcome to the exit
//! code contract (0 success, 1 negative verdict, 2 error; a broken pipe exits quietly).
#![forbid(unsafe_code)]

use clap::{CommandFactory, Parser};
use std::process::ExitCode;
use xmfax::{cli, cmd};

fn main() -> ExitCode {
    clap_complete::CompleteEnv::with_factory(cli::Cli::command).complete();
    let cli = cli::Cli::parse();
    match cmd::run(cli) {
        Ok(cmd::Outcome::Success) => ExitCode::SUCCESS,
        Ok(cmd::Outcome::Negative) => ExitCode::from(1),
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            // Errors quote the values at fault, which may come from hostile files.
            eprintln!("error: {}", xmfax::output::sanitize_message(&format!("{err:#}")));
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
