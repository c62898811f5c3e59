//! The journal as a git repository: `init --git` (ignore and attribute
//! files, the merge driver, a first commit) and `sync` (commit what is
//! pending, `pull --rebase`, `push`).

use std::fs;
use std::path::{Path, PathBuf};

use thiserror::Error;

use super::dayfile;
use super::git::{Git, GitError, refuse_foreign_repo, same_file};
use super::index::INDEX_FILE;
use super::journal::OUTLINES_FILE;
use super::save::{LOCK_FILE, TEMP_SUFFIX, create_private_dir};
use super::{Journal, StoreError};
use crate::sanitize;

/// The line in `.gitattributes` that sends day files to our merge driver.
pub const ATTRIBUTES_LINE: &str = "*.toml merge=jobjournal";

/// The arguments git hands the driver: ancestor, ours (the result goes
/// there), theirs, and the file's path in the repo (for messages).
const DRIVER_ARGS: &str = "merge-driver %O %A %B %P";

#[derive(Debug, Error)]
pub enum RepoError {
    #[error(transparent)]
    Git(#[from] GitError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{} still has conflict markers; `jobjournal check` shows where and how to resolve them, then run `jobjournal sync` again", list(.0))]
    Unresolved(Vec<PathBuf>),
    #[error("HEAD is detached in {}: sync commits to a branch and pushes it; check out yours (git switch BRANCH) and run `jobjournal sync` again; nothing was committed", list(std::slice::from_ref(.0)))]
    Detached(PathBuf),
    #[error("conflict: both sides changed the same entry in {}; conflict markers surround it. `jobjournal check` shows where; keep the version you want, delete the marker lines, then run `jobjournal sync` again", list(.0))]
    Conflict(Vec<PathBuf>),
}

fn list(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| sanitize::line(&p.display().to_string()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The `.gitignore` of a journal: lock, cache, temp and draft files never
/// belong in its history.
pub fn gitignore_lines() -> Vec<String> {
    vec![
        LOCK_FILE.to_string(),
        INDEX_FILE.to_string(),
        OUTLINES_FILE.to_string(),
        format!(".*{TEMP_SUFFIX}"),
        "draft.json".to_string(),
        "jobjournal-edit-*.toml".to_string(),
    ]
}

/// The shell command git runs to merge a day file. The bare name when the
/// `jobjournal` found on PATH is this very program, so the setting survives
/// upgrades that move the binary; otherwise this binary's full path, so the
/// driver works even when jobjournal is not on PATH (tests, `cargo run`).
pub fn driver_command() -> String {
    let Ok(exe) = std::env::current_exe() else {
        return format!("jobjournal {DRIVER_ARGS}");
    };
    let on_path = std::env::var_os("PATH").is_some_and(|path| {
        std::env::split_paths(&path).any(|dir| {
            let candidate = dir.join("jobjournal");
            candidate.is_file() && same_file(&candidate, &exe)
        })
    });
    if on_path {
        format!("jobjournal {DRIVER_ARGS}")
    } else {
        let exe = exe.to_string_lossy();
        format!("{} {DRIVER_ARGS}", shell_words::quote(&exe))
    }
}

/// Registers the merge driver in the repo's own config (git never copies
/// config on clone, so each clone needs this). True when it changed.
pub fn register_driver(git: &Git) -> Result<bool, GitError> {
    let wanted = driver_command();
    let current = git
        .run(["config", "--local", "--get", "merge.jobjournal.driver"])
        .ok();
    if current.as_deref() == Some(wanted.as_str()) {
        return Ok(false);
    }
    git.run([
        "config",
        "--local",
        "merge.jobjournal.name",
        "jobjournal: merge day files entry by entry",
    ])?;
    git.run(["config", "--local", "merge.jobjournal.driver", &wanted])?;
    Ok(true)
}

/// What `init` did, for its one line of output.
#[derive(Debug, Default)]
pub struct Initialised {
    pub created_dir: bool,
    pub created_repo: bool,
    pub committed: bool,
}

/// Creates the journal dir (0700) and, with `with_git`, makes it a repo
/// ready for two machines. Safe to run again, e.g. in a fresh clone.
pub fn init(root: &Path, with_git: bool) -> Result<Initialised, RepoError> {
    if with_git {
        // Without git, or inside another repository, fail before creating anything.
        Git::new(".").run(["--version"])?;
        refuse_foreign_repo(root)?;
    }
    let mut done = Initialised {
        created_dir: !root.exists(),
        ..Initialised::default()
    };
    create_private_dir(root).map_err(StoreError::io(root))?;
    #[cfg(unix)]
    {
        // A clone or a hand-made dir is usually 0755; the journal is private.
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(root, fs::Permissions::from_mode(0o700))
            .map_err(StoreError::io(root))?;
    }
    if !with_git {
        return Ok(done);
    }
    let git = Git::new(root);
    if !git.is_own_repo()? {
        git.run(["init", "--quiet"])?;
        done.created_repo = true;
    }
    ensure_lines(&root.join(".gitignore"), &gitignore_lines(), IGNORE_HEADER)?;
    ensure_lines(
        &root.join(".gitattributes"),
        &[ATTRIBUTES_LINE.to_string()],
        ATTRIBUTES_HEADER,
    )?;
    register_driver(&git)?;
    git.run(["add", "-A", "--", "."])?;
    if !git.succeeds(["diff", "--cached", "--quiet"])? || !has_head(&git) {
        let message = if done.created_repo {
            "jobjournal init: start the journal"
        } else {
            "jobjournal init: ignore, attribute and journal files"
        };
        git.run(["commit", "--quiet", "--allow-empty", "--message", message])?;
        done.committed = true;
    }
    Ok(done)
}

const IGNORE_HEADER: &str = "# Written by `jobjournal init --git`: the lock, the index cache, half-written\n# saves and drafts never belong in the journal's history.\n";
const ATTRIBUTES_HEADER: &str = "# Written by `jobjournal init --git`: day files merge entry by entry\n# (the driver is registered in each clone by `jobjournal sync`).\n";

/// Appends the lines `path` lacks (creating it with `header` if new), so a
/// user's own lines stay.
fn ensure_lines(path: &Path, lines: &[String], header: &str) -> Result<(), StoreError> {
    let existing = match fs::read_to_string(path) {
        Ok(text) => Some(text),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => None,
        Err(err) => return Err(StoreError::io(path)(err)),
    };
    let text = existing.clone().unwrap_or_else(|| header.to_string());
    let present: Vec<&str> = text.lines().map(str::trim).collect();
    let missing: Vec<&String> = lines
        .iter()
        .filter(|l| !present.contains(&l.as_str()))
        .collect();
    if missing.is_empty() && existing.is_some() {
        return Ok(());
    }
    let mut text = text;
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    for line in missing {
        text.push_str(line);
        text.push('\n');
    }
    super::save::atomic_write(path, text.as_bytes()).map_err(StoreError::io(path))
}

fn has_head(git: &Git) -> bool {
    git.succeeds(["rev-parse", "--verify", "--quiet", "HEAD"])
        .unwrap_or(false)
}

/// What `sync` did, for its one line of output.
#[derive(Debug, Default)]
pub struct Synced {
    pub registered_driver: bool,
    /// The repo's `.gitattributes` does not send day files to the driver.
    pub unattributed: bool,
    pub committed: usize,
    pub finished_rebase: bool,
    /// `None` when the repo has no remote.
    pub remote: Option<String>,
    pub pulled: usize,
    pub pushed: usize,
}

/// Commits pending journal changes, then `git pull --rebase` and `git push`
/// when a remote exists. A file with conflict markers stops it before
/// anything is committed, so markers are never pushed.
pub fn sync(journal: &Journal) -> Result<Synced, RepoError> {
    let root = journal.root();
    let git = Git::new(root);
    git.require_own_repo()?;
    // Saves wait while git rewrites files, and none lands mid-rebase.
    let _lock = journal.lock()?;
    // Commits made on a detached HEAD belong to no branch and are never
    // pushed; a rebase the user is finishing detaches HEAD on purpose.
    let rebasing = in_progress(&git, "rebase-merge") || in_progress(&git, "rebase-apply");
    if !rebasing && !git.succeeds(["symbolic-ref", "--quiet", "HEAD"])? {
        return Err(RepoError::Detached(root.to_path_buf()));
    }
    let mut done = Synced {
        registered_driver: register_driver(&git)?,
        ..Synced::default()
    };
    let unresolved = files_with_markers(journal)?;
    if !unresolved.is_empty() {
        return Err(RepoError::Unresolved(unresolved));
    }
    done.unattributed = !fs::read_to_string(root.join(".gitattributes"))
        .is_ok_and(|text| text.lines().any(|l| l.trim() == ATTRIBUTES_LINE));

    // Journals set up by an older version may lack newer lines (the index
    // cache); without them `add -A` would commit machine-local files.
    ensure_lines(&root.join(".gitignore"), &gitignore_lines(), IGNORE_HEADER)?;
    git.run(["add", "-A", "--", "."])?;
    if in_progress(&git, "rebase-merge") || in_progress(&git, "rebase-apply") {
        // The user resolved a conflict the last sync stopped at: go on.
        continue_rebase(&git, journal)?;
        done.finished_rebase = true;
    } else if in_progress(&git, "MERGE_HEAD") {
        git.run(["commit", "--quiet", "--no-edit"])?;
        done.finished_rebase = true;
    }
    let staged = git.run(["diff", "--cached", "--name-only"])?;
    let changed: Vec<&str> = staged.lines().filter(|l| !l.is_empty()).collect();
    if !changed.is_empty() {
        let days: Vec<&str> = changed
            .iter()
            .map(|p| {
                Path::new(p)
                    .file_stem()
                    .and_then(|s| s.to_str())
                    .unwrap_or(p)
            })
            .collect();
        let message = format!("sync: changes to {}", days.join(", "));
        git.run(["commit", "--quiet", "--message", &message])?;
        done.committed = changed.len();
    }

    let remotes = git.run(["remote"])?;
    let remotes: Vec<&str> = remotes.lines().filter(|l| !l.is_empty()).collect();
    if remotes.is_empty() {
        return Ok(done);
    }
    if !has_head(&git) {
        // A clone of an empty remote, with nothing written yet.
        done.remote = Some(remotes[0].to_string());
        return Ok(done);
    }
    let upstream = git
        .run([
            "rev-parse",
            "--abbrev-ref",
            "--symbolic-full-name",
            "@{upstream}",
        ])
        .ok();
    match upstream {
        Some(upstream) => {
            let remote = upstream.split('/').next().unwrap_or(&upstream);
            done.remote = Some(remote.to_string());
            let before = git.run(["rev-parse", "@{upstream}"])?;
            git.run(["fetch", "--quiet", remote])?;
            let after = git.run(["rev-parse", "@{upstream}"])?;
            done.pulled = count(&git, &format!("{before}..{after}"))?;
            integrate(&git, journal)?;
            done.pushed = push_ahead(&git)?;
        }
        None => {
            // No upstream yet, e.g. `git remote add` after `init --git`:
            // the first push sets it.
            let remote = if remotes.contains(&"origin") {
                "origin"
            } else {
                remotes[0]
            };
            done.remote = Some(remote.to_string());
            let branch = git.run(["symbolic-ref", "--short", "HEAD"])?;
            let remote_has_branch = !git
                .run(["ls-remote", "--heads", remote, &branch])?
                .is_empty();
            if remote_has_branch {
                git.run(["fetch", "--quiet", remote])?;
                git.run([
                    "branch",
                    "--quiet",
                    "--set-upstream-to",
                    &format!("{remote}/{branch}"),
                ])?;
                // No merge base when both machines ran `init --git` on their
                // own: then everything upstream is new here.
                let before = git.run(["merge-base", "HEAD", "@{upstream}"]).ok();
                let after = git.run(["rev-parse", "@{upstream}"])?;
                done.pulled = match before {
                    Some(before) => count(&git, &format!("{before}..{after}"))?,
                    None => count(&git, &after)?,
                };
                integrate(&git, journal)?;
                done.pushed = push_ahead(&git)?;
            } else {
                done.pushed = count(&git, "HEAD")?;
                git.run(["push", "--quiet", "--set-upstream", remote, &branch])?;
            }
        }
    }
    Ok(done)
}

/// Brings in upstream's commits with `git pull --rebase`, unless HEAD has
/// them already: after the user finished a merge, a rebase would flatten
/// the merge commit and replay the very conflict they just resolved.
fn integrate(git: &Git, journal: &Journal) -> Result<(), RepoError> {
    if git.succeeds(["merge-base", "--is-ancestor", "@{upstream}", "HEAD"])? {
        return Ok(());
    }
    pull(git, journal)
}

/// Pushes the commits upstream lacks; returns how many.
fn push_ahead(git: &Git) -> Result<usize, GitError> {
    let ahead = count(git, "@{upstream}..HEAD")?;
    if ahead > 0 {
        git.run(["push", "--quiet"])?;
    }
    Ok(ahead)
}

fn pull(git: &Git, journal: &Journal) -> Result<(), RepoError> {
    let output = git.output(["pull", "--rebase", "--quiet"])?;
    if output.status.success() {
        return Ok(());
    }
    conflict_or(git, journal, output)
}

fn continue_rebase(git: &Git, journal: &Journal) -> Result<(), RepoError> {
    // The replayed commit keeps its message; no editor may open.
    let output = git
        .command(["rebase", "--continue"])
        .env("GIT_EDITOR", "true")
        .output()
        .map_err(GitError::Spawn)?;
    if output.status.success() {
        return Ok(());
    }
    conflict_or(git, journal, output)
}

/// After a failed pull or rebase step: a conflict names its files; any other
/// failure is git's own message.
fn conflict_or(
    git: &Git,
    journal: &Journal,
    output: std::process::Output,
) -> Result<(), RepoError> {
    let unresolved = files_with_markers(journal)?;
    let rebasing = in_progress(git, "rebase-merge") || in_progress(git, "rebase-apply");
    if rebasing && !unresolved.is_empty() {
        return Err(RepoError::Conflict(unresolved));
    }
    let said = String::from_utf8_lossy(&output.stderr);
    let said = if said.trim().is_empty() {
        String::from_utf8_lossy(&output.stdout).into_owned()
    } else {
        said.into_owned()
    };
    Err(GitError::Failed {
        command: "pull --rebase".into(),
        message: sanitize::block(said.trim()),
    }
    .into())
}

fn in_progress(git: &Git, name: &str) -> bool {
    git.run(["rev-parse", "--git-path", name])
        .map(|p| {
            let path = Path::new(&p);
            let path = if path.is_absolute() {
                path.to_path_buf()
            } else {
                git.dir().join(path)
            };
            path.exists()
        })
        .unwrap_or(false)
}

fn count(git: &Git, range: &str) -> Result<usize, GitError> {
    Ok(git
        .run(["rev-list", "--count", range])?
        .trim()
        .parse()
        .unwrap_or(0))
}

/// Day files that hold git conflict markers.
pub fn files_with_markers(journal: &Journal) -> Result<Vec<PathBuf>, StoreError> {
    let mut found = Vec::new();
    for (_, path) in journal.day_files()? {
        // Only regular files: a FIFO or device here is a problem line of its own.
        let super::open::Contents::Bytes(text) =
            super::open::read_regular(&path).map_err(StoreError::io(&path))?
        else {
            continue;
        };
        if dayfile::conflict_marker(&String::from_utf8_lossy(&text)).is_some() {
            found.push(path);
        }
    }
    Ok(found)
}
