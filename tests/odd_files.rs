//! Files in the journal that are not what they seem: FIFOs, devices and
//! directories named like day files, temp-named directories, symlinked
//! years, day files in the wrong place or with impossible dates.

#![cfg(unix)]

mod support;

use std::fs;
use std::os::unix::fs::symlink;
use std::process::Output;
use std::time::Duration;

use support::TestJournal;

fn run(journal: &TestJournal, args: &[&str]) -> Output {
    journal
        .cmd()
        .args(args)
        .timeout(Duration::from_secs(20))
        .output()
        .unwrap()
}

fn text(output: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// A journal with one readable entry on 2026-11-18 (W47) and 2025-06-02.
fn journal_with_entries() -> TestJournal {
    let journal = TestJournal::new();
    journal.add(&["met", "Quote sent on time", "--tag", "invoice"]);
    journal.add(&["met", "Invoice run last year", "--date", "2025-06-02"]);
    journal
}

#[test]
fn fifos_devices_and_directories_named_like_day_files_are_problem_lines() {
    let journal = journal_with_entries();
    let year = journal.root().join("2026");
    let fifo = year.join("2026-11-17.toml");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    assert!(
        std::process::Command::new("mkfifo")
            .arg(journal.root().join(".jobjournal.index"))
            .status()
            .unwrap()
            .success()
    );
    symlink("/dev/zero", year.join("2026-11-16.toml")).unwrap();
    fs::create_dir(year.join("2026-11-19.toml")).unwrap();

    for args in [
        &["list", "--week", "2026-W47"][..],
        &["list", "--search", "invoice"],
        &["report", "--week", "2026-W47"],
        &["stats"],
        &["bullets", "--year", "2026"],
    ] {
        let output = run(&journal, args);
        let (stdout, stderr) = text(&output);
        assert!(output.status.code().is_some(), "{args:?} was killed");
        assert!(
            // Bullets reword the title; every other listing shows it as typed.
            stdout.to_lowercase().contains(if args[0] == "bullets" {
                "on time"
            } else {
                "quote sent on time"
            }) || args[0] == "stats",
            "{args:?}: {stdout}"
        );
        for name in ["2026-11-16.toml", "2026-11-17.toml", "2026-11-19.toml"] {
            assert_eq!(
                stderr.lines().filter(|l| l.contains(name)).count(),
                1,
                "{args:?}: {stderr}"
            );
        }
    }
    let output = run(&journal, &["check"]);
    let (stdout, _) = text(&output);
    assert_eq!(output.status.code(), Some(1));
    for name in ["2026-11-16.toml", "2026-11-17.toml", "2026-11-19.toml"] {
        let line = stdout
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_default();
        assert!(line.contains("not a regular file"), "{stdout}");
    }
}

#[test]
fn a_directory_named_like_a_temp_file_blocks_nothing() {
    let journal = journal_with_entries();
    fs::create_dir(journal.root().join("2026").join(".foo.jjtmp")).unwrap();
    journal.add(&["note", "still saves"]);
    let (stdout, _) = text(&run(&journal, &["check"]));
    assert_eq!(
        stdout.lines().filter(|l| l.contains(".foo.jjtmp")).count(),
        1,
        "{stdout}"
    );
}

#[test]
fn a_symlinked_year_is_read_by_every_command() {
    let journal = journal_with_entries();
    let elsewhere = journal.dir.path().join("elsewhere-2025");
    fs::rename(journal.root().join("2025"), &elsewhere).unwrap();
    symlink(&elsewhere, journal.root().join("2025")).unwrap();
    for args in [
        &["list", "--week", "2025-W23"][..],
        &["list", "--search", "invoice run"],
        &["bullets", "--year", "2025"],
    ] {
        let (stdout, _) = text(&run(&journal, args));
        assert!(
            stdout.to_lowercase().contains("invoice run last year"),
            "{args:?}: {stdout}"
        );
    }
    let (stdout, _) = text(&run(&journal, &["check"]));
    assert!(stdout.contains("ok: 2 entries in 2 day files"), "{stdout}");
}

#[test]
fn day_files_in_the_wrong_place_or_with_impossible_dates_are_problem_lines() {
    let journal = journal_with_entries();
    let entry = |id: &str| format!("[[entry]]\nid = \"{id}\"\nkind = \"note\"\ntitle = \"t\"\n");
    let year = journal.root().join("2026");
    fs::write(year.join("2025-06-01.toml"), entry("2025-06-01-wrng")).unwrap();
    fs::write(year.join("2026-02-30.toml"), entry("2026-02-28-feb3")).unwrap();
    fs::write(year.join("2026-13-01.toml"), entry("2026-12-01-mo13")).unwrap();
    fs::write(
        journal.root().join("2026-11-01.toml"),
        entry("2026-11-01-root"),
    )
    .unwrap();
    let (stdout, _) = text(&run(&journal, &["check"]));
    for name in [
        "2026/2025-06-01.toml",
        "2026-02-30.toml",
        "2026-13-01.toml",
        "journal/2026-11-01.toml",
    ] {
        assert_eq!(
            stdout.lines().filter(|l| l.contains(name)).count(),
            1,
            "{name}: {stdout}"
        );
    }
    // What list would show, delete can act on, or says why not.
    let output = run(&journal, &["delete", "2025-06-01-wrng"]);
    let (_, stderr) = text(&output);
    assert!(stderr.contains("2025/2025-06-01.toml"), "{stderr}");
}

#[test]
fn check_fix_removes_temp_files_left_by_killed_saves() {
    let journal = journal_with_entries();
    let temp = journal
        .root()
        .join("2026")
        .join(".2026-11-18.toml.0badf00d.jjtmp");
    fs::write(&temp, "half a save").unwrap();
    let output = run(&journal, &["check"]);
    let (stdout, _) = text(&output);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout.contains("check --fix"), "{stdout}");
    assert!(temp.exists(), "plain check changes nothing");

    let output = run(&journal, &["check", "--fix"]);
    let (stdout, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(0), "{stdout}{stderr}");
    assert!(stdout.contains("removed"), "{stdout}");
    assert!(!temp.exists());
    assert!(
        journal
            .read_day("2026-11-18")
            .contains("Quote sent on time")
    );
}

/// The root holds temp files too (the move marker's, the caches'): one a
/// killed process left is named and removed like any other; one written in
/// the last minute may be another window's cache and is left alone.
#[test]
fn check_fix_removes_temp_files_left_at_the_journal_root() {
    let journal = journal_with_entries();
    let old = journal.root().join(".jobjournal.moving.0badf00d.jjtmp");
    let fresh = journal.root().join(".jobjournal.index.0c0ffee0.jjtmp");
    fs::write(&old, "half a marker").unwrap();
    fs::write(&fresh, "a cache being written").unwrap();
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    fs::File::options()
        .write(true)
        .open(&old)
        .unwrap()
        .set_modified(hour_ago)
        .unwrap();
    let output = run(&journal, &["check"]);
    let (stdout, _) = text(&output);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains(".jobjournal.moving.0badf00d.jjtmp"),
        "{stdout}"
    );
    assert!(
        !stdout.contains(".jobjournal.index.0c0ffee0.jjtmp"),
        "{stdout}"
    );
    let output = run(&journal, &["check", "--fix"]);
    let (stdout, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(0), "{stdout}{stderr}");
    assert!(!old.exists());
    assert!(fresh.exists());
}
