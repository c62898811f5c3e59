//! Running `git` in the journal dir: no shell, git's own messages kept but
//! sanitised, and a plain answer when git is missing or the dir is no repo.
//! Also the commit each save makes when `git = true`.

use std::ffi::OsStr;
use std::io;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use thiserror::Error;

use crate::model::{Entry, PromiseStatus};
use crate::sanitize;

/// Why git could not do what was asked.
#[derive(Debug, Error)]
pub enum GitError {
    #[error(
        "git is not installed (no `git` program found on PATH); install git, or set git = false in the config"
    )]
    NotInstalled,
    #[error("{} is not a git repository; run `jobjournal init --git` to make it one", sanitize::line(&.0.display().to_string()))]
    NotARepo(PathBuf),
    #[error(
        "{dir} is inside the git repository {top}, not a repository of its own; nothing was committed, pushed or configured there (run `git init` in {dir} to give the journal its own)"
    )]
    InsideAnotherRepo { dir: String, top: String },
    #[error("`git {command}` failed: {message}")]
    Failed { command: String, message: String },
    #[error("cannot run git: {0}")]
    Spawn(io::Error),
}

/// `git` run in one directory.
#[derive(Debug, Clone)]
pub struct Git {
    dir: PathBuf,
}

impl Git {
    pub fn new(dir: impl Into<PathBuf>) -> Git {
        Git { dir: dir.into() }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Runs git and returns its output whatever the exit status.
    pub fn output<I, S>(&self, args: I) -> Result<Output, GitError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.command(args).output().map_err(|err| match err.kind() {
            io::ErrorKind::NotFound => GitError::NotInstalled,
            _ => GitError::Spawn(err),
        })
    }

    /// The command, for callers that need to add environment (e.g. an editor).
    pub fn command<I, S>(&self, args: I) -> Command
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let mut command = Command::new("git");
        command.arg("-C").arg(&self.dir).args(args);
        // Git finds the repository from the journal dir, never from the
        // environment: GIT_DIR set by a hook or a dotfiles setup would send
        // the journal's commits into that other repository.
        for variable in [
            "GIT_DIR",
            "GIT_WORK_TREE",
            "GIT_INDEX_FILE",
            "GIT_COMMON_DIR",
        ] {
            command.env_remove(variable);
        }
        command
    }

    /// Runs git, and fails with git's own message unless it exits 0.
    /// Returns stdout, trimmed.
    pub fn run<I, S>(&self, args: I) -> Result<String, GitError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let args: Vec<_> = args
            .into_iter()
            .map(|a| a.as_ref().to_os_string())
            .collect();
        let output = self.output(&args)?;
        checked(&args, output)
    }

    /// True when git exits 0 (for questions such as `diff --quiet`).
    pub fn succeeds<I, S>(&self, args: I) -> Result<bool, GitError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        Ok(self.output(args)?.status.success())
    }

    /// The top of the work tree that holds this dir, or `NotARepo`.
    pub fn top_level(&self) -> Result<PathBuf, GitError> {
        let output = self.output(["rev-parse", "--show-toplevel"])?;
        if !output.status.success() {
            return Err(GitError::NotARepo(self.dir.clone()));
        }
        Ok(PathBuf::from(
            String::from_utf8_lossy(&output.stdout).trim_end(),
        ))
    }

    /// Fails unless this dir is the top level of its own work tree. Every
    /// command that commits, pushes or writes git config asks first, so a
    /// journal inside another repository (a home kept in git for its
    /// dotfiles) never adds to that repository's history, remote or config.
    pub fn require_own_repo(&self) -> Result<(), GitError> {
        let top = self.top_level()?;
        if same_file(&top, &self.dir) {
            Ok(())
        } else {
            Err(inside(&self.dir, &top))
        }
    }

    /// True when this dir is itself the top of a work tree (not just inside one).
    pub fn is_own_repo(&self) -> Result<bool, GitError> {
        match self.top_level() {
            Ok(top) => Ok(same_file(&top, &self.dir)),
            Err(GitError::NotARepo(_)) => Ok(false),
            Err(err) => Err(err),
        }
    }

    /// Stages `paths` (relative to this dir) and commits just them with
    /// `message`; does nothing when they hold no change. Other staged work
    /// of the user's is left staged and out of the commit.
    pub fn commit_paths(&self, paths: &[PathBuf], message: &str) -> Result<bool, GitError> {
        self.require_own_repo()?;
        let mut add = vec!["add".into(), "-A".into(), "--".into()];
        add.extend(paths.iter().map(|p| p.as_os_str().to_os_string()));
        self.run(&add)?;
        let mut diff: Vec<std::ffi::OsString> = vec![
            "diff".into(),
            "--cached".into(),
            "--quiet".into(),
            "--".into(),
        ];
        diff.extend(paths.iter().map(|p| p.as_os_str().to_os_string()));
        if self.succeeds(&diff)? {
            return Ok(false);
        }
        let mut commit: Vec<std::ffi::OsString> = vec![
            "commit".into(),
            "--quiet".into(),
            "--message".into(),
            message.into(),
            "--".into(),
        ];
        commit.extend(paths.iter().map(|p| p.as_os_str().to_os_string()));
        self.run(&commit)?;
        Ok(true)
    }
}

fn checked(args: &[std::ffi::OsString], output: Output) -> Result<String, GitError> {
    if output.status.success() {
        return Ok(String::from_utf8_lossy(&output.stdout).trim().to_string());
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let said = if stderr.trim().is_empty() {
        stdout.trim()
    } else {
        stderr.trim()
    };
    let message = if said.is_empty() {
        format!("exited with {}", output.status)
    } else {
        sanitize::block(said)
    };
    let command = args
        .iter()
        .map(|a| a.to_string_lossy())
        .collect::<Vec<_>>()
        .join(" ");
    Err(GitError::Failed {
        command: sanitize::line(&command),
        message,
    })
}

/// For `init --git`, before anything is created: fails when `root` (or,
/// while it does not exist yet, the nearest folder above it) lies in a work
/// tree whose top level is not `root`.
pub fn refuse_foreign_repo(root: &Path) -> Result<(), GitError> {
    let existing = root
        .ancestors()
        .map(|p| {
            if p.as_os_str().is_empty() {
                Path::new(".")
            } else {
                p
            }
        })
        .find(|p| p.is_dir())
        .unwrap_or(root);
    match Git::new(existing).top_level() {
        Ok(top) if same_file(&top, root) => Ok(()),
        Ok(top) => Err(inside(root, &top)),
        Err(GitError::NotARepo(_)) => Ok(()),
        Err(err) => Err(err),
    }
}

fn inside(dir: &Path, top: &Path) -> GitError {
    GitError::InsideAnotherRepo {
        dir: sanitize::line(&dir.display().to_string()),
        top: sanitize::line(&top.display().to_string()),
    }
}

/// Whether two paths name the same directory (temp dirs are often reached
/// through a symlink, so compare canonical forms).
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// What a save did, in the words of the commit message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Add,
    Edit,
    Delete,
    Restore,
}

/// `add fix 2026-11-18-p3xa: Added a duplicate-invoice check`. An edit that
/// only changed a promise's status says `done` or `missed`, as the user did.
pub fn commit_message(change: Change, entry: &Entry, before: Option<&Entry>) -> String {
    let verb = match change {
        Change::Add => "add",
        Change::Delete => "delete",
        Change::Restore => "restore",
        Change::Edit => match before {
            Some(before) if only_status_changed(before, entry) => match entry.promise_status() {
                Some(PromiseStatus::Kept) => "done",
                Some(PromiseStatus::Missed) => "missed",
                _ => "reopen",
            },
            _ => "edit",
        },
    };
    let mut title = sanitize::line(entry.title.trim());
    if title.chars().count() > 100 {
        title = title.chars().take(99).collect::<String>() + "…";
    }
    format!("{verb} {} {}: {title}", entry.kind.as_str(), entry.id)
}

/// A status change also records or clears the day it was closed, so both
/// may differ and it is still "done" or "missed", not an edit.
fn only_status_changed(before: &Entry, after: &Entry) -> bool {
    if before.status == after.status {
        return false;
    }
    let mut probe = before.clone();
    probe.status = after.status;
    probe.closed = after.closed;
    probe == *after
}

/// Commits `paths` (under `root`) after a save when `git = true`. A failed
/// commit never undoes the save: the file is written, and the reason comes
/// back for the caller (CLI or TUI) to show. Each warning is a whole
/// sentence, made here and only here ("saved, but not committed to git:
/// …"); callers show it as it is, adding no prefix of their own.
pub fn commit_save(root: &Path, paths: &[PathBuf], message: &str) -> Option<String> {
    let relative: Vec<PathBuf> = paths
        .iter()
        .map(|p| p.strip_prefix(root).unwrap_or(p).to_path_buf())
        .collect();
    Git::new(root)
        .commit_paths(&relative, message)
        .err()
        .map(|err| not_committed(&err))
}

/// The one wording of a save git did not commit.
fn not_committed(err: &GitError) -> String {
    format!("saved, but not committed to git: {err}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EntryId, Kind};
    use chrono::NaiveDate;

    fn entry(kind: Kind, title: &str) -> Entry {
        let date = NaiveDate::from_ymd_opt(2026, 11, 18).unwrap();
        let id: EntryId = "2026-11-18-p3xa".parse().unwrap();
        Entry::new(id, date, kind, title)
    }

    #[test]
    fn messages_name_the_change_kind_id_and_title() {
        let fix = entry(Kind::Fix, "Added a duplicate-invoice check");
        assert_eq!(
            commit_message(Change::Add, &fix, None),
            "add fix 2026-11-18-p3xa: Added a duplicate-invoice check"
        );
        let mut promise = entry(Kind::Promise, "Send Birch the contract");
        promise.status = Some(PromiseStatus::Open);
        let mut kept = promise.clone();
        kept.set_status(
            PromiseStatus::Kept,
            NaiveDate::from_ymd_opt(2026, 11, 19).unwrap(),
        );
        assert_eq!(
            commit_message(Change::Edit, &kept, Some(&promise)),
            "done promise 2026-11-18-p3xa: Send Birch the contract"
        );
        kept.title = "Send Birch the signed contract".into();
        assert!(commit_message(Change::Edit, &kept, Some(&promise)).starts_with("edit promise"));
        let hostile = entry(Kind::Note, "two\nlines\u{1b}[31m");
        assert_eq!(
            commit_message(Change::Delete, &hostile, None),
            "delete note 2026-11-18-p3xa: two\\u{a}lines\\u{1b}[31m"
        );
    }
}
