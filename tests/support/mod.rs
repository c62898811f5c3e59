//! A throwaway journal and config for driving the real binary.

#![allow(dead_code)]

pub mod browser;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// "Today" for every test: a Wednesday in ISO week 2026-W47.
pub const TODAY: &str = "2026-11-18";

pub struct TestJournal {
    pub dir: tempfile::TempDir,
}

impl TestJournal {
    pub fn new() -> TestJournal {
        TestJournal {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn root(&self) -> PathBuf {
        self.dir.path().join("journal")
    }

    pub fn config_path(&self) -> PathBuf {
        self.dir.path().join("config").join("config.toml")
    }

    pub fn write_config(&self, text: &str) {
        fs::create_dir_all(self.config_path().parent().unwrap()).unwrap();
        fs::write(self.config_path(), text).unwrap();
    }

    pub fn day_path(&self, date: &str) -> PathBuf {
        self.root().join(&date[..4]).join(format!("{date}.toml"))
    }

    pub fn write_day(&self, date: &str, text: &str) {
        let path = self.day_path(date);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    pub fn read_day(&self, date: &str) -> String {
        fs::read_to_string(self.day_path(date)).unwrap()
    }

    /// The binary with this journal, this config, a fixed today and no editor.
    pub fn cmd(&self) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_jobjournal"));
        cmd.env("JOBJOURNAL_DIR", self.root())
            .env("JOBJOURNAL_CONFIG", self.config_path())
            .env("JOBJOURNAL_STATE_DIR", self.dir.path().join("state"))
            .env("JOBJOURNAL_TODAY", TODAY)
            .env_remove("VISUAL")
            .env_remove("EDITOR")
            .env("NO_COLOR", "1");
        cmd
    }

    /// Runs `add` and returns the printed id (the first line; a bullet may follow).
    pub fn add(&self, args: &[&str]) -> String {
        let output = self.cmd().arg("add").args(args).output().unwrap();
        assert!(
            output.status.success(),
            "add {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let stdout = String::from_utf8(output.stdout).unwrap();
        stdout.lines().next().unwrap_or_default().trim().to_string()
    }

    /// Every file under the journal with its bytes, to prove nothing changed.
    pub fn snapshot(&self) -> BTreeMap<PathBuf, Vec<u8>> {
        let mut files = BTreeMap::new();
        collect(&self.root(), &mut files);
        files
    }
}

fn collect(dir: &Path, files: &mut BTreeMap<PathBuf, Vec<u8>>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, files);
        } else {
            files.insert(path.clone(), fs::read(&path).unwrap());
        }
    }
}

/// Whether this run is CI (env `CI` set, and not to `false` or `0`), where
/// `.ci/run` provides what every test needs.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0")
}

/// A test that cannot run on this machine: a note on stderr, or under CI a
/// failure, so a CI without tmux or root never passes by skipping.
pub fn cannot_run(why: &str) {
    assert!(
        !in_ci(),
        "{why}, and CI is set: CI must provide it (see .ci/run)"
    );
    eprintln!("skipped: {why}");
}

/// Copies the day files of `tests/fixtures/journal` into `to` with the
/// modes the app itself uses (0700 dirs, 0600 files), so no "readable by
/// other users" warning gets into the output. Tests read the copy: a read
/// writes caches into the journal, which must not land in the source tree.
pub fn copy_fixture(to: &Path) {
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/journal"),
        to,
    );
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("mkdir");
    private(to, 0o700);
    for entry in fs::read_dir(from).expect("read fixture dir").flatten() {
        // Caches left by older test runs are not the fixture.
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).expect("copy fixture");
            private(&target, 0o600);
        }
    }
}

fn private(path: &Path, mode: u32) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(path, fs::Permissions::from_mode(mode)).expect("chmod");
    }
    #[cfg(not(unix))]
    let _ = (path, mode);
}
