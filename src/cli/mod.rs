//! The command line: clap definitions, and one module per subcommand group
//! that parses the user's words, calls the store, and prints.

mod add;
mod change;
mod check;
mod context;
mod csv_export;
mod customers;
mod demo;
mod error;
mod generate;
mod git;
mod import;
mod list;
mod print;
mod report;
mod review;
mod stories;

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

// Parsed once per run: the size of `add`'s flags does not matter.
#[allow(clippy::large_enum_variant)]
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
    Delete(change::DeleteArgs),
    /// Mark a promise as kept.
    Done(change::IdArg),
    /// Mark a promise as missed.
    Missed(change::IdArg),
    /// Read every file and list each problem as file:line:col; exit 1 if any.
    Check(check::CheckArgs),
    /// Open the journal screen on a throwaway copy of a sample journal.
    Demo,
    /// The weekly report (default: this week, Markdown, stdout).
    Report(report::ReportArgs),
    /// Resume bullets, best first (default: the last twelve months).
    Bullets(report::BulletsArgs),
    /// Counts and money per week, as a table.
    Stats(report::StatsArgs),
    /// Create a journal (mode 0700); with --git, as a git repository.
    Init(git::InitArgs),
    /// Commit pending changes, then `git pull --rebase` and `git push`.
    Sync,
    /// One line per customer: entries, screw-ups, fixes, wins, money, value, last contact.
    Customers(customers::CustomersArgs),
    /// Interview stories (Situation, Task, Action, Result) from screw-ups and their fixes.
    Stories(stories::StoriesArgs),
    /// The review-season document: totals, accomplishments, customers, reliability, stories.
    Review(review::ReviewArgs),
    /// Import another tool's journal: `import jrnl FILE`.
    Import(import::ImportArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions(generate::CompletionsArgs),
    /// Print the man page (roff).
    Man,
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
            // Messages quote what the user typed (`--week`, `--due`, …): the
            // one place every error passes makes them all safe to print.
            eprintln!("jobjournal: {}", crate::sanitize::block(&err.to_string()));
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
    let message = one_line(&err.render().to_string());
    eprintln!(
        "jobjournal: {}  (see --help)",
        crate::sanitize::line(&message)
    );
    ExitCode::from(2)
}

/// Clap's rendered error as one line: its first paragraph plus its tips
/// ("a similar argument exists: '--customer'"), without the usage block.
fn one_line(rendered: &str) -> String {
    let mut lines = rendered.lines().map(str::trim);
    let first_paragraph = lines.by_ref().take_while(|line| !line.is_empty());
    let mut parts: Vec<&str> = first_paragraph.collect();
    parts.extend(lines.filter(|line| line.starts_with("tip:")));
    let message = parts.into_iter().collect::<Vec<_>>().join(" ");
    let message = message.strip_prefix("error: ").unwrap_or(&message);
    message.replace(" tip: ", "; tip: ")
}

fn run(cli: Cli) -> Result<ExitCode, CliError> {
    // Git runs the driver mid-merge: it must not depend on the config.
    if let Some(Command::MergeDriver(args)) = cli.command {
        return git::merge_driver(args);
    }
    // Generated from the definitions alone: no config or journal needed.
    match cli.command {
        Some(Command::Completions(args)) => return generate::completions(args),
        Some(Command::Man) => return generate::man(),
        _ => {}
    }
    let context = Context::load(cli.journal.as_deref())?;
    let Some(command) = cli.command else {
        return tui(context);
    };
    match command {
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
        Command::Check(args) => check::run(&context, args),
        Command::Demo => demo::run(context),
        Command::Report(args) => report::report(&context, args),
        Command::Bullets(args) => report::bullets(&context, args),
        Command::Stats(args) => report::stats(&context, args),
        Command::Init(args) => git::init(&context, args),
        Command::Sync => git::sync(&context),
        Command::Customers(args) => customers::run(&context, args),
        Command::Stories(args) => stories::run(&context, args),
        Command::Review(args) => review::run(&context, args),
        Command::Import(args) => import::run(&context, args),
        Command::MergeDriver(_) | Command::Completions(_) | Command::Man => {
            unreachable!("handled before the context loads")
        }
    }
}

/// Saves stand even when their commit failed: each command says why after
/// its result, in the store's words.
pub(crate) fn warn(warning: Option<String>) {
    if let Some(warning) = warning {
        eprintln!("warning: {warning}");
    }
}

/// No command: the TUI.
fn tui(context: Context) -> Result<ExitCode, CliError> {
    finish_tui(crate::ui::run(
        context.journal,
        context.config,
        context.today,
    ))
}

/// How the TUI ended: a signal that stopped it exits with 128 + its number.
fn finish_tui(result: anyhow::Result<()>) -> Result<ExitCode, CliError> {
    match result {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(err) => match err.downcast_ref::<crate::ui::Stopped>() {
            Some(stopped) => {
                eprintln!("jobjournal: {stopped}");
                Ok(ExitCode::from(128u8.saturating_add(stopped.0 as u8)))
            }
            None => Err(CliError::Runtime(format!("{err:#}"))),
        },
    }
}
