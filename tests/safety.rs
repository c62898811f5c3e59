//! Hostile input at the edges of the command line: closed pipes, dates at
//! the calendar's ends, escape sequences in flag values, and output paths
//! that are not regular files. Each test runs the real binary.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const TODAY: &str = "2026-11-18";

/// A journal in a temp dir, with the machine's config and state kept out.
struct Journal {
    dir: tempfile::TempDir,
}

impl Journal {
    fn new() -> Journal {
        Journal {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    fn root(&self) -> PathBuf {
        self.dir.path().join("journal")
    }

    fn cmd(&self) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_jobjournal"));
        cmd.current_dir(self.dir.path())
            .env("JOBJOURNAL_DIR", self.root())
            .env("JOBJOURNAL_CONFIG", self.dir.path().join("config.toml"))
            .env("JOBJOURNAL_STATE_DIR", self.dir.path().join("state"))
            .env("JOBJOURNAL_TODAY", TODAY)
            .env("HOME", self.dir.path())
            .env("NO_COLOR", "1")
            .env_remove("RUST_BACKTRACE")
            .env_remove("VISUAL")
            .env_remove("EDITOR");
        cmd
    }

    fn run(&self, args: &[&str]) -> Output {
        self.cmd().args(args).output().expect("run jobjournal")
    }

    fn ok(&self, args: &[&str]) -> String {
        let output = self.run(args);
        assert!(output.status.success(), "{args:?}: {}", stderr(&output));
        String::from_utf8(output.stdout).unwrap()
    }

    /// A few entries so that every listing has lines to print.
    fn with_entries(self) -> Journal {
        for (kind, title) in [
            ("fix", "Added a duplicate-invoice check"),
            ("exceeded", "Shipped the export a week early"),
            ("note", "Met Birch about the renewal"),
        ] {
            self.ok(&["add", kind, title, "--revenue", "1200"]);
        }
        self
    }
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Exit 0, or killed by SIGPIPE as `cat` and `grep` are (141 in a shell).
fn ended_quietly(output: &Output) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if output.status.signal() == Some(13) {
            return true;
        }
    }
    output.status.success()
}

#[test]
fn a_closed_stdout_ends_every_command_quietly() {
    let journal = Journal::new().with_entries();
    let commands: &[&[&str]] = &[
        &["list"],
        &["list", "--format", "json"],
        &["list", "--search", "birch"],
        &["report"],
        &["report", "-o", "-"],
        &["bullets"],
        &["stats"],
        &["check"],
        &["--help"],
        &["--version"],
    ];
    let runs = 10;
    let mut checked = 0;
    for args in commands {
        for run in 0..runs {
            let mut cmd = journal.cmd();
            cmd.args(*args).stderr(Stdio::piped());
            let output = if run % 2 == 0 {
                // The reader is gone before the first write.
                let (reader, writer) = std::io::pipe().unwrap();
                drop(reader);
                cmd.stdout(writer).output().unwrap()
            } else {
                // The reader takes a few bytes and goes, as `head -1` does.
                let mut child = cmd.stdout(Stdio::piped()).spawn().unwrap();
                let mut out = child.stdout.take().unwrap();
                let mut first = [0u8; 8];
                let _ = std::io::Read::read(&mut out, &mut first);
                drop(out);
                child.wait_with_output().unwrap()
            };
            let err = stderr(&output);
            assert!(
                ended_quietly(&output) && err.is_empty(),
                "{args:?} run {run}: {:?} {err}",
                output.status
            );
            checked += 1;
        }
    }
    assert_eq!(checked, commands.len() * runs);
}

#[test]
fn dates_at_the_calendars_ends_are_refused_or_work_never_panic() {
    let journal = Journal::new();
    for args in [
        &["list", "--week", "+262142-12-31"][..],
        &["list", "--week=-262143-01-01"],
        &["list", "--week", "0000-06-01"],
        &["list", "--week", "10000-01-01"],
        &["list", "--week", "10000-W01"],
        &["list", "--week", "0000-W10"],
        &["report", "--week", "+262142-12-31"],
        &["report", "--week", "10000-W01"],
    ] {
        let output = journal.run(args);
        let err = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {err}");
        assert!(
            err.contains("0001") && err.contains("9999"),
            "{args:?}: {err}"
        );
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
    }
    for today in ["+262142-12-31", "0000-01-01", "10000-01-01"] {
        let output = journal
            .cmd()
            .env("JOBJOURNAL_TODAY", today)
            .arg("stats")
            .output()
            .unwrap();
        let err = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{today}: {err}");
        assert!(
            err.contains("0001") && err.contains("9999"),
            "{today}: {err}"
        );
    }
    // The first and last weeks of the calendar still work.
    for today in ["9999-12-31", "0001-01-01"] {
        for args in [
            &["list"][..],
            &["list", "--week", "next"],
            &["list", "--week", "last"],
            &["report"],
            &["report", "--week", "next"],
            &["stats"],
            &["bullets"],
        ] {
            let output = journal
                .cmd()
                .env("JOBJOURNAL_TODAY", today)
                .args(args)
                .output()
                .unwrap();
            assert!(
                output.status.success(),
                "{today} {args:?}: {}",
                stderr(&output)
            );
        }
    }
}

#[test]
fn bad_date_and_week_values_are_echoed_sanitised() {
    let journal = Journal::new();
    let hostile = "\u{1b}]52;c;aGk=\u{7}\u{1b}[31mfri\u{202e}\u{200b}";
    for args in [
        &["list", "--week", hostile][..],
        &["list", "--since", hostile],
        &["list", "--until", hostile],
        &["report", "--week", hostile],
        &["add", "note", "t", "--date", hostile],
        &["add", "promise", "t", "--due", hostile],
        &["add", "note", "t", "--time", hostile],
    ] {
        let output = journal.run(args);
        let err = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains("\\u{1b}"), "{args:?}: {err}");
        for raw in ['\u{1b}', '\u{7}', '\u{202e}', '\u{200b}'] {
            assert!(!err.contains(raw), "{args:?} echoes {raw:?} raw: {err}");
        }
    }
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success());
}

#[test]
fn report_output_goes_to_stdout_for_a_dash_and_never_replaces_a_non_file() {
    let journal = Journal::new().with_entries();
    let out = journal.ok(&["report", "-o", "-"]);
    assert!(out.contains("Added a duplicate-invoice check"), "{out}");
    assert!(!journal.dir.path().join("-").exists(), "no file named -");

    let dir = journal.dir.path().join("a-dir.md");
    fs::create_dir(&dir).unwrap();
    let fifo = journal.dir.path().join("a-fifo.md");
    mkfifo(&fifo);
    let link = journal.dir.path().join("a-link.md");
    #[cfg(unix)]
    std::os::unix::fs::symlink("/dev/null", &link).unwrap();
    for path in [&dir, &fifo, &link] {
        let output = journal.run(&["report", "-o", path.to_str().unwrap()]);
        let err = stderr(&output);
        assert_eq!(output.status.code(), Some(1), "{path:?}: {err}");
        assert!(err.contains("not a regular file"), "{path:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{err}");
    }
    assert!(dir.is_dir());
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        assert!(fs::metadata(&fifo).unwrap().file_type().is_fifo());
        assert!(fs::symlink_metadata(&link).unwrap().is_symlink());
    }
    // A regular file is replaced whole, as before.
    let file = journal.dir.path().join("week.md");
    fs::write(&file, "old").unwrap();
    journal.ok(&["report", "-o", file.to_str().unwrap()]);
    assert!(
        fs::read_to_string(&file)
            .unwrap()
            .contains("Shipped the export")
    );
}
