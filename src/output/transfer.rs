//! Rendering for batch import and export: the export document written as it is produced, and the
//! progress bar, drawn on stderr only when stderr is a terminal.

use super::Format;
use anyhow::Result;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::Serialize;
use std::io::{BufWriter, IsTerminal, Write};

/// Writes a (possibly very large) document to stdout as it is serialized, without building it in
/// memory first. Tables make no sense for a whole configuration: `Format::Table` writes YAML.
pub fn emit_document<T: Serialize + ?Sized>(format: Format, document: &T) -> Result<()> {
    let mut out = BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, document)?;
            out.write_all(b"\n")?;
        }
        Format::Yaml | Format::Table => super::yaml::to_writer(&mut out, document)?,
    }
    out.flush()?;
    Ok(())
}

/// A progress bar over `len` units (bytes when `bytes`), or a spinner when the length is unknown;
/// hidden when stderr is not a terminal.
pub fn progress(len: Option<u64>, message: &str, bytes: bool) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = match len {
        Some(len) => ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr()),
        None => ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()),
    };
    let template = match (len.is_some(), bytes) {
        (true, true) => "{msg:12} [{bar:40}] {bytes}/{total_bytes} ({eta})",
        (true, false) => "{msg:12} [{bar:40}] {human_pos}/{human_len} ({eta})",
        (false, true) => "{msg:12} {spinner} {bytes}",
        (false, false) => "{msg:12} {spinner} {human_pos}",
    };
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_message(super::sanitize(message).into_owned());
    bar
}
