//! Saving without tearing: write a temp file beside the target, fsync it,
//! rename it over the target, fsync the directory. Readers see the old file
//! or the new one, never half of either.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Temp files are `.<name>.<random>` + this suffix, so leftovers from a
/// crash can be recognised and removed.
pub const TEMP_SUFFIX: &str = ".jjtmp";

/// The steps of a save, in order. Tests make each one fail in turn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveStep {
    CreateTemp,
    Write,
    SyncTemp,
    Rename,
    SyncDir,
}

impl SaveStep {
    pub const ALL: [SaveStep; 5] = [
        SaveStep::CreateTemp,
        SaveStep::Write,
        SaveStep::SyncTemp,
        SaveStep::Rename,
        SaveStep::SyncDir,
    ];
}

/// Writes `bytes` to `path` atomically with mode 0600.
pub fn atomic_write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    atomic_write_with(path, bytes, &mut |_| Ok(()))
}

/// [`atomic_write`] with `before` called ahead of each step; an error from
/// it stands for that step failing (the write step fails half-way through).
/// This is the fault-injection seam of the reliability tests.
pub fn atomic_write_with(
    path: &Path,
    bytes: &[u8],
    before: &mut dyn FnMut(SaveStep) -> io::Result<()>,
) -> io::Result<()> {
    replace(path, before, &mut |file, before| {
        let (head, tail) = bytes.split_at(bytes.len() / 2);
        file.write_all(head)
            .and_then(|()| before(SaveStep::Write))
            .and_then(|()| file.write_all(tail))
    })
}

/// [`atomic_write`] of what `fill` writes, as it writes it (through a
/// buffer), so a long document is never held whole. An error from `fill`
/// leaves `path` as it was.
pub fn atomic_write_from(
    path: &Path,
    fill: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    replace(path, &mut |_| Ok(()), &mut |file, _| {
        let mut out = io::BufWriter::with_capacity(1 << 16, file);
        fill(&mut out)?;
        out.flush()
    })
}

type Before<'a> = &'a mut dyn FnMut(SaveStep) -> io::Result<()>;

/// The save itself: `write` fills the temp file (calling `before` with
/// [`SaveStep::Write`] if it wants that step to fail half-way).
fn replace(
    path: &Path,
    before: Before<'_>,
    write: &mut dyn FnMut(&mut File, Before<'_>) -> io::Result<()>,
) -> io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::other("not a file path"))?;
    let temp = dir.join(format!(
        ".{}.{:08x}{TEMP_SUFFIX}",
        name.to_string_lossy(),
        fastrand::u32(..)
    ));
    let failed = |step: SaveStep| {
        move |err: io::Error| {
            io::Error::new(err.kind(), format!("{} failed: {err}", step.describe()))
        }
    };
    let result = (|| {
        before(SaveStep::CreateTemp).map_err(failed(SaveStep::CreateTemp))?;
        let mut file = create_private(&temp).map_err(failed(SaveStep::CreateTemp))?;
        write(&mut file, &mut *before).map_err(failed(SaveStep::Write))?;
        before(SaveStep::SyncTemp)
            .and_then(|()| file.sync_all())
            .map_err(failed(SaveStep::SyncTemp))?;
        drop(file);
        before(SaveStep::Rename)
            .and_then(|()| fs::rename(&temp, path))
            .map_err(failed(SaveStep::Rename))
    })();
    if let Err(err) = result {
        // Best effort: the error that matters is the one above.
        let _ = fs::remove_file(&temp);
        return Err(err);
    }
    // The new file is in place; a failed directory sync only weakens
    // durability across a power cut, but the caller should still hear of it.
    before(SaveStep::SyncDir)
        .and_then(|()| sync_dir(dir))
        .map_err(failed(SaveStep::SyncDir))
}

impl SaveStep {
    fn describe(self) -> &'static str {
        match self {
            SaveStep::CreateTemp => "creating the temp file",
            SaveStep::Write => "writing the temp file",
            SaveStep::SyncTemp => "syncing the temp file to disk",
            SaveStep::Rename => "replacing the file with the temp file",
            SaveStep::SyncDir => "syncing the directory",
        }
    }
}

fn create_private(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}

pub(super) fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        File::open(dir)?.sync_all()?;
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// Creates `dir` and its missing parents with mode 0700.
pub fn create_private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}

/// An exclusive lock on `<journal>/.jobjournal.lock`, held until dropped.
/// The lock lives in its own file because data files are replaced by rename,
/// which would leave a lock on the old inode behind.
pub struct JournalLock {
    file: File,
}

pub const LOCK_FILE: &str = ".jobjournal.lock";

impl JournalLock {
    pub fn acquire(root: &Path) -> io::Result<JournalLock> {
        create_private_dir(root)?;
        let mut options = OpenOptions::new();
        options.read(true).write(true).create(true).truncate(false);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let file = options.open(root.join(LOCK_FILE))?;
        file.lock()?;
        Ok(JournalLock { file })
    }
}

impl Drop for JournalLock {
    fn drop(&mut self) {
        let _ = self.file.unlock();
    }
}

/// True for a temp file this module left behind.
pub fn is_temp_file(name: &str) -> bool {
    name.starts_with('.') && name.ends_with(TEMP_SUFFIX)
}

/// Removes leftover temp files in `dir`. Call with the journal lock held, so
/// no running save loses its temp file.
pub fn remove_leftovers(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut removed = Vec::new();
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(removed),
        Err(err) => return Err(err),
    };
    for entry in entries {
        let entry = entry?;
        // Only files: a directory with such a name is the user's (check names it).
        if is_temp_file(&entry.file_name().to_string_lossy()) && entry.file_type()?.is_file() {
            fs::remove_file(entry.path())?;
            removed.push(entry.path());
        }
    }
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_replace_the_file_and_leave_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("day.toml");
        atomic_write(&path, b"one").unwrap();
        atomic_write(&path, b"two").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "two");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                fs::metadata(&path).unwrap().permissions().mode() & 0o777,
                0o600
            );
        }
    }

    #[test]
    fn a_failure_at_any_step_leaves_the_old_or_the_new_file_and_no_temp() {
        for failing in SaveStep::ALL {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("day.toml");
            atomic_write(&path, b"old contents").unwrap();
            let err = atomic_write_with(&path, b"new contents, longer", &mut |step| {
                if step == failing {
                    Err(io::Error::other("injected"))
                } else {
                    Ok(())
                }
            })
            .unwrap_err();
            assert!(err.to_string().contains("injected"), "{err}");
            assert!(err.to_string().contains(failing.describe()), "{err}");
            let now = fs::read_to_string(&path).unwrap();
            let expected = if failing == SaveStep::SyncDir {
                "new contents, longer"
            } else {
                "old contents"
            };
            assert_eq!(now, expected, "failing at {failing:?}");
            assert_eq!(
                fs::read_dir(dir.path()).unwrap().count(),
                1,
                "temp file left after {failing:?}"
            );
        }
    }

    #[test]
    fn leftovers_are_recognised_and_removed() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(".2026-11-18.toml.0badf00d.jjtmp"), "half").unwrap();
        fs::write(dir.path().join("2026-11-18.toml"), "kept").unwrap();
        let removed = remove_leftovers(dir.path()).unwrap();
        assert_eq!(removed.len(), 1);
        assert!(dir.path().join("2026-11-18.toml").exists());
    }
}
