//! Disk full: on a tiny tmpfs (needs root; skipped with a message otherwise,
//! a failure when `CI` is set)
//! a save that cannot fit fails with a clear error and leaves the day file
//! byte-identical and no temp file behind.

mod support;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use support::TestJournal;

struct Tmpfs(PathBuf);

impl Tmpfs {
    fn mount(dir: &Path, size: &str) -> Option<Tmpfs> {
        fs::create_dir_all(dir).ok()?;
        let ok = Command::new("mount")
            .args([
                "-t",
                "tmpfs",
                "-o",
                &format!("size={size},mode=0700"),
                "tmpfs",
            ])
            .arg(dir)
            .output()
            .ok()?
            .status
            .success();
        ok.then(|| Tmpfs(dir.to_path_buf()))
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

#[cfg(unix)]
#[test]
fn a_full_disk_fails_the_save_cleanly() {
    let journal = TestJournal::new();
    let Some(_mount) = Tmpfs::mount(&journal.root(), "256k") else {
        support::cannot_run(
            "mounting a tmpfs needs root (run the suite as root to include this test)",
        );
        return;
    };
    let mut day = String::new();
    for i in 0..120 {
        day.push_str(&format!(
            "[[entry]]\nid = \"2026-11-18-{i:04}\"\nkind = \"note\"\ntitle = \"A note long enough to take some room on the disk, number {i}\"\n\n"
        ));
    }
    journal.write_day("2026-11-18", &day);
    assert!(day.len() > 12_000);
    // Fill the disk, leaving less room than one more copy of the day needs.
    let mut size = 64 * 1024;
    let mut n = 0;
    while size > 0 {
        let path = journal.root().join(format!("filler-{n}"));
        n += 1;
        if fs::write(&path, vec![0u8; size]).is_err() {
            let _ = fs::remove_file(&path);
            size /= 2;
        }
    }
    let before = fs::read(journal.day_path("2026-11-18")).unwrap();

    let output = journal
        .cmd()
        .args(["add", "note", "one more"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("2026-11-18.toml") && stderr.contains("No space left on device"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert_eq!(fs::read(journal.day_path("2026-11-18")).unwrap(), before);
    let temps = fs::read_dir(journal.root().join("2026")).unwrap().count();
    assert_eq!(temps, 1, "only the day file is in its directory");

    // Room again: the same add goes through.
    for entry in fs::read_dir(journal.root()).unwrap().flatten() {
        if entry.file_name().to_string_lossy().starts_with("filler") {
            fs::remove_file(entry.path()).unwrap();
        }
    }
    journal
        .cmd()
        .args(["add", "note", "one more"])
        .assert()
        .success();
}
