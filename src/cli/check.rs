//! `check`: read every file of the journal and name each problem.

use std::collections::HashMap;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::Args;

use super::{CliError, Context};
use crate::model::EntryId;
use crate::sanitize;
use crate::store::Git;
use crate::store::repo;

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Also repair what is safe to repair: remove temp files left by saves
    /// that were killed. Everything else is only reported.
    #[arg(long)]
    pub fix: bool,
}

/// Exit codes: 0 no problems (after `--fix`, none left), 1 problems listed,
/// 2 bad arguments.
pub fn run(context: &Context, args: CheckArgs) -> Result<ExitCode, CliError> {
    let journal = &context.journal;
    if args.fix {
        for path in journal.remove_leftovers()? {
            println!(
                "removed {}, a temp file left by an interrupted save",
                sanitize::line(&path.display().to_string())
            );
        }
    }
    // Every file is parsed afresh: check trusts no cache.
    let verified = journal.verify_all()?;
    let mut problems: Vec<String> = verified.problems.iter().map(ToString::to_string).collect();

    let mut seen: HashMap<&EntryId, NaiveDate> = HashMap::new();
    for (id, date) in &verified.ids {
        if let Some(first) = seen.insert(id, *date) {
            problems.push(format!(
                "{}:1:1: the id {id} is also used on {first}; give one of them a new id",
                sanitize::line(&journal.day_path(*date).display().to_string()),
            ));
        }
    }
    // A fix naming an id the journal does not hold: deleted by hand, or mistyped.
    for (fix, date, target) in &verified.links {
        if !seen.contains_key(target) {
            problems.push(format!(
                "{}:1:1: the fix {fix} says it fixes {target}, which is not in the journal; correct or remove that id in its fixes",
                sanitize::line(&journal.day_path(*date).display().to_string()),
            ));
        }
    }
    problems.extend(
        journal
            .strays()?
            .iter()
            .map(|stray| stray.problem().to_string()),
    );
    for problem in &problems {
        println!("{problem}");
    }
    // Conflict markers are among the problems; only then is a look for them worth a read.
    if !problems.is_empty()
        && !repo::files_with_markers(journal)?.is_empty()
        && Git::new(journal.root()).top_level().is_ok()
    {
        println!(
            "once the conflict markers are gone, run `jobjournal sync` to finish the merge and share it"
        );
    }
    let files = verified.files;
    if problems.is_empty() {
        println!(
            "ok: {} entries in {files} day files, no problems",
            verified.ids.len()
        );
        Ok(ExitCode::SUCCESS)
    } else {
        eprintln!(
            "{} problem(s) in {}",
            problems.len(),
            sanitize::line(&journal.root().display().to_string())
        );
        Ok(ExitCode::from(1))
    }
}
