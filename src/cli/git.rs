//! `init`, `sync` and `merge-driver`: the journal as a git repository that
//! two machines share (see docs/git.md).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::Args;

use super::{CliError, Context};
use crate::sanitize;
use crate::store::repo::{self, RepoError};
use crate::store::{Git, Unmergeable, merge_day};

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Where to create the journal; the configured journal dir when omitted.
    pub dir: Option<PathBuf>,
    /// Also make it a git repository: .gitignore, .gitattributes, the merge
    /// driver registered, and a first commit.
    #[arg(long)]
    pub git: bool,
}

#[derive(Debug, Args)]
pub struct MergeDriverArgs {
    /// The common ancestor's version (git's %O).
    pub base: PathBuf,
    /// Our version (git's %A); the merged result is written here.
    pub ours: PathBuf,
    /// Their version (git's %B).
    pub theirs: PathBuf,
    /// The file's path in the repository (git's %P), for messages.
    pub path: Option<PathBuf>,
}

impl From<RepoError> for CliError {
    fn from(err: RepoError) -> CliError {
        CliError::Runtime(err.to_string())
    }
}

fn shown(path: &Path) -> String {
    sanitize::line(&path.display().to_string())
}

pub fn init(context: &Context, args: InitArgs) -> Result<ExitCode, CliError> {
    let root = args
        .dir
        .unwrap_or_else(|| context.journal.root().to_path_buf());
    let done = repo::init(&root, args.git)?;
    let mut line = format!(
        "{} journal {}",
        if done.created_dir {
            "created"
        } else {
            "using existing"
        },
        shown(&root)
    );
    if args.git {
        line.push_str(if done.created_repo {
            " as a new git repository"
        } else {
            " in its git repository"
        });
        line.push_str(", merge driver registered");
        if done.committed {
            line.push_str(", changes committed");
        }
    }
    println!("{line}");
    if args.git && !context.config.git {
        println!(
            "to commit every save, add `git = true` to {}",
            crate::config::config_path()
                .map(|p| shown(&p))
                .unwrap_or_else(|_| "the config file".into())
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub fn sync(context: &Context) -> Result<ExitCode, CliError> {
    let done = repo::sync(&context.journal)?;
    let mut parts = Vec::new();
    if done.registered_driver {
        parts.push("registered the merge driver".to_string());
    }
    if done.unattributed {
        parts.push(
            "day files do not use the merge driver yet (run `jobjournal init --git` to add .gitattributes)"
                .to_string(),
        );
    }
    if done.finished_rebase {
        parts.push("finished the interrupted merge".to_string());
    }
    if done.committed > 0 {
        parts.push(format!(
            "committed {}",
            plural(done.committed, "changed file")
        ));
    }
    match &done.remote {
        None => parts
            .push("no remote to pull from or push to (add one: git remote add origin URL)".into()),
        Some(remote) => {
            let remote = sanitize::line(remote);
            if done.pulled > 0 {
                parts.push(format!(
                    "pulled {} from {remote}",
                    plural(done.pulled, "commit")
                ));
            }
            if done.pushed > 0 {
                parts.push(format!(
                    "pushed {} to {remote}",
                    plural(done.pushed, "commit")
                ));
            }
            if done.pulled == 0 && done.pushed == 0 {
                parts.push(format!("up to date with {remote}"));
            }
        }
    }
    println!("sync: {}", parts.join("; "));
    Ok(ExitCode::SUCCESS)
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// Git's merge driver: merges a day file entry by entry, writes the result
/// over `ours`, and exits 1 when some entry needs a person (as git expects).
/// It reads no config and no journal: git runs it mid-merge.
pub fn merge_driver(args: MergeDriverArgs) -> Result<ExitCode, CliError> {
    let read = |path: &Path| {
        fs::read(path).map_err(|e| {
            CliError::Runtime(format!("merge-driver: cannot read {}: {e}", shown(path)))
        })
    };
    let (base, ours, theirs) = (read(&args.base)?, read(&args.ours)?, read(&args.theirs)?);
    let name = args.path.as_deref().unwrap_or(&args.ours);
    let texts = (
        String::from_utf8(base),
        String::from_utf8(ours),
        String::from_utf8(theirs),
    );
    // `*.toml` in .gitattributes also catches other TOML files kept in the
    // repo: only day files (by name, when git says it) merge by entry.
    let day = match &args.path {
        Some(path) => day_of(path),
        None => Some(NaiveDate::default()),
    };
    let merged = match (day, texts) {
        (Some(day), (Ok(base), Ok(ours), Ok(theirs))) => merge_day(day, &base, &ours, &theirs),
        (None, _) => Err(Unmergeable(crate::store::Problem::whole_file(
            name,
            "not a day file",
        ))),
        _ => Err(Unmergeable(crate::store::Problem::whole_file(
            name,
            "not UTF-8 text",
        ))),
    };
    match merged {
        Ok(merged) => {
            fs::write(&args.ours, merged.text).map_err(|e| {
                CliError::Runtime(format!(
                    "merge-driver: cannot write {}: {e}",
                    shown(&args.ours)
                ))
            })?;
            if merged.conflicts.is_empty() {
                return Ok(ExitCode::SUCCESS);
            }
            eprintln!(
                "jobjournal: {}: both sides changed {}; conflict markers surround {}",
                shown(name),
                merged.conflicts.join(", "),
                if merged.conflicts.len() == 1 {
                    "that entry"
                } else {
                    "those entries"
                }
            );
            Ok(ExitCode::from(1))
        }
        Err(Unmergeable(problem)) => {
            eprintln!(
                "jobjournal: {} cannot be merged entry by entry ({}); merging it line by line",
                shown(name),
                sanitize::line(&problem.message)
            );
            line_merge(&args)
        }
    }
}

/// Git's own line merge, for files that are not readable day files: never
/// worse than having no driver.
fn line_merge(args: &MergeDriverArgs) -> Result<ExitCode, CliError> {
    let output = Git::new(".")
        .output([
            "merge-file".as_ref(),
            "-L".as_ref(),
            "ours".as_ref(),
            "-L".as_ref(),
            "base".as_ref(),
            "-L".as_ref(),
            "theirs".as_ref(),
            args.ours.as_os_str(),
            args.base.as_os_str(),
            args.theirs.as_os_str(),
        ])
        .map_err(|e| CliError::Runtime(format!("merge-driver: {e}")))?;
    Ok(if output.status.success() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// The day a file is for, from a day file's name (`2026-11-18.toml`).
/// Without a path any day will do: the merge matches entries by id.
fn day_of(path: &Path) -> Option<NaiveDate> {
    let name = path.file_name()?.to_str()?;
    let stem = name.strip_suffix(".toml")?;
    NaiveDate::parse_from_str(stem, "%Y-%m-%d").ok()
}
