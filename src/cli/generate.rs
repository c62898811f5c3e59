//! `completions SHELL` and `man`: generated from the clap definitions, so
//! they never fall behind the commands and flags.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::{Args, CommandFactory};
use clap_complete::Shell;

use super::{Cli, CliError};

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// bash, zsh, fish, elvish or powershell.
    #[arg(value_enum)]
    pub shell: Shell,
}

/// Prints the completion script for `args.shell` on stdout.
pub fn completions(args: CompletionsArgs) -> Result<ExitCode, CliError> {
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "jobjournal", &mut script);
    write_stdout(&script)
}

/// Prints the roff man page of `jobjournal` and its subcommands on stdout.
pub fn man() -> Result<ExitCode, CliError> {
    let command = Cli::command();
    let mut page = Vec::new();
    render_man(&command, &mut page).map_err(|e| CliError::Runtime(e.to_string()))?;
    write_stdout(&page)
}

/// The top page, then a section per subcommand: one file that `man -l`
/// shows whole, rather than a page per subcommand to install.
fn render_man(command: &clap::Command, out: &mut Vec<u8>) -> io::Result<()> {
    let man = clap_mangen::Man::new(command.clone());
    man.render(out)?;
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        let name = format!("jobjournal {}", sub.get_name());
        roff_section(out, &name, sub)?;
    }
    Ok(())
}

fn roff_section(out: &mut Vec<u8>, name: &str, sub: &clap::Command) -> io::Result<()> {
    let man = clap_mangen::Man::new(sub.clone().bin_name(name));
    writeln!(out, ".SH \"{}\"", name.to_uppercase())?;
    if let Some(about) = sub.get_about() {
        writeln!(out, "{}", escape(&about.to_string()))?;
    }
    let mut parts = Vec::new();
    man.render_synopsis_section(&mut parts)?;
    if sub.get_arguments().any(|a| !a.is_hide_set()) {
        man.render_options_section(&mut parts)?;
    }
    // Synopsis and options sit under the subcommand's heading.
    let parts = String::from_utf8_lossy(&parts).replace("\n.SH ", "\n.SS ");
    out.extend_from_slice(parts.replacen(".SH ", ".SS ", 1).as_bytes());
    Ok(())
}

/// Roff treats a leading `.` or `'` as a request and `\` as an escape.
fn escape(text: &str) -> String {
    let text = text.replace('\\', "\\e");
    match text.chars().next() {
        Some('.' | '\'') => format!("\\&{text}"),
        _ => text,
    }
}

pub fn write_stdout(bytes: &[u8]) -> Result<ExitCode, CliError> {
    let mut out = io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(err) if err.kind() != io::ErrorKind::BrokenPipe => {
            Err(CliError::Runtime(format!("cannot write to stdout: {err}")))
        }
        _ => Ok(ExitCode::SUCCESS),
    }
}
