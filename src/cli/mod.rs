//! The command line: clap definitions, and one module per subcommand group
//! that parses the user's words, calls the store, and prints.

mod add;
mod change;
mod check;
mod context;
mod error;
mod git;
mod list;
mod print;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

pub use context::Context;
pub use error::CliError;

#[derive(Debug, Parser)]
#[command(
    name = "jobjournal",
    version,
    about = "A job journal for people whose reputation rests on being reliable",
    long_about = "Log screw-ups, fixes, exceeded expectations, kept promises and the money each touched.\n\
                  Run with no command to open the journal in the terminal UI."
)]
pub struct Cli {
    /// The journal directory (overrides JOBJOURNAL_DIR and the config's journal_dir).
    #[arg(long, global = true, value_name = "DIR")]
    pub journal: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Append an entry and print its id.
    Add(add::AddArgs),
    /// List entries: this week by default; with --search and no range, the whole journal.
    List(list::ListArgs),
    /// Show one entry in full.
    Show(list::ShowArgs),
    /// Edit one entry in $VISUAL or $EDITOR.
    Edit(change::IdArg),
    /// Delete one entry.
    Delete(change::IdArg),
    /// Mark a promise as kept.
    Done(change::IdArg),
    /// Mark a promise as missed.
    Missed(change::IdArg),
    /// Read every file and list each problem as file:line:col; exit 1 if any.
    Check,
    /// Create a journal (mode 0700); with --git, as a git repository.
    Init(git::InitArgs),
    /// Commit pending changes, then `git pull --rebase` and `git push`.
    Sync,
    /// Merge one day file for git, entry by entry (git runs this; see docs/git.md).
    #[command(hide = true)]
    MergeDriver(git::MergeDriverArgs),
}

/// Parses arguments, runs the command, and turns errors into one line on
/// stderr with exit code 2 (usage) or 1 (runtime).
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => return usage_error(err),
    };
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("jobjournal: {err}");
            err.exit_code()
        }
    }
}

/// Clap's usage errors, as one line on stderr with exit code 2; help and
/// version print as clap prints them.
fn usage_error(err: clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    if matches!(
        err.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        let _ = err.print();
        return ExitCode::from(if err.use_stderr() { 2 } else { 0 });
    }
    let rendered = err.render().to_string();
    let first_paragraph: Vec<&str> = rendered
        .lines()
        .take_while(|line| !line.trim().is_empty())
        .map(str::trim)
        .collect();
    let message = first_paragraph.join(" ");
    let message = message.strip_prefix("error: ").unwrap_or(&message);
    eprintln!(
        "jobjournal: {}  (see --help)",
        crate::sanitize::line(message)
    );
    ExitCode::from(2)
}

fn run(cli: Cli) -> Result<ExitCode, CliError> {
    let Some(command) = cli.command else {
        // The TUI lands in its own module; until then the bare command helps.
        use clap::CommandFactory;
        Cli::command()
            .print_help()
            .map_err(|e| CliError::Runtime(e.to_string()))?;
        return Ok(ExitCode::SUCCESS);
    };
    // Git runs the driver mid-merge: it must not depend on the config.
    let command = match command {
        Command::MergeDriver(args) => return git::merge_driver(args),
        command => command,
    };
    let context = Context::load(cli.journal.as_deref())?;
    let result = match command {
        Command::Add(args) => add::run(&context, args),
        Command::List(args) => list::run(&context, args),
        Command::Show(args) => list::show(&context, args),
        Command::Edit(args) => change::edit(&context, args),
        Command::Delete(args) => change::delete(&context, args),
        Command::Done(args) => {
            change::set_status(&context, args, crate::model::PromiseStatus::Kept)
        }
        Command::Missed(args) => {
            change::set_status(&context, args, crate::model::PromiseStatus::Missed)
        }
        Command::Check => check::run(&context),
        Command::Init(args) => git::init(&context, args),
        Command::Sync => git::sync(&context),
        Command::MergeDriver(_) => unreachable!("handled before the context loads"),
    };
    // Saves stand even when their commit failed; say why after the result.
    for warning in context.journal.take_warnings() {
        eprintln!("warning: {warning}");
    }
    result
}
