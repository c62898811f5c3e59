//! `import jrnl` on files written by the real jrnl client, installed from
//! PyPI into a venv cached under the target dir. Without python3, venv or
//! pip the test is skipped locally and fails under CI=true.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use support::TestJournal;

/// The venv's `jrnl`, installing it on first use; `None` when that is not
/// possible here (which CI does not accept).
fn jrnl() -> Option<PathBuf> {
    let venv = Path::new(env!("CARGO_TARGET_TMPDIR")).join("jrnl-venv");
    let bin = venv.join("bin").join("jrnl");
    if bin.is_file() {
        return Some(bin);
    }
    let ok = |cmd: &mut Command| cmd.status().is_ok_and(|s| s.success());
    let made = ok(Command::new("python3").arg("-m").arg("venv").arg(&venv))
        && ok(Command::new(venv.join("bin").join("pip")).args(["install", "--quiet", "jrnl"]));
    if made && bin.is_file() {
        return Some(bin);
    }
    let why = "could not install jrnl with python3 -m venv and pip";
    assert!(std::env::var("CI").as_deref() != Ok("true"), "{why}");
    eprintln!("skipped: {why}");
    None
}

/// jrnl with a config of its own, writing `journal.txt` in `dir`.
struct Jrnl {
    bin: PathBuf,
    config: PathBuf,
}

impl Jrnl {
    fn new(bin: PathBuf, dir: &Path) -> Jrnl {
        let config = dir.join("jrnl.yaml");
        let journal = dir.join("journal.txt");
        std::fs::write(
            &config,
            format!(
                "colors:\n  body: none\n  date: none\n  tags: none\n  title: none\n\
                 default_hour: 9\ndefault_minute: 0\neditor: ''\nencrypt: false\n\
                 highlight: false\nindent_character: '|'\n\
                 journals:\n  default:\n    journal: {}\n\
                 linewrap: 79\ntagsymbols: '#@'\ntemplate: false\n\
                 timeformat: '%F %r'\nversion: v4.6\n",
                journal.display()
            ),
        )
        .expect("write jrnl config");
        Jrnl { bin, config }
    }

    fn run(&self, args: &[&str], stdin: Option<&str>) -> String {
        use std::io::Write;
        let mut child = Command::new(&self.bin)
            .arg("--config-file")
            .arg(&self.config)
            .args(args)
            .env("NO_COLOR", "1")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("run jrnl");
        let mut input = child.stdin.take().expect("stdin");
        input
            .write_all(stdin.unwrap_or("").as_bytes())
            .expect("write stdin");
        drop(input);
        let output = child.wait_with_output().expect("jrnl ends");
        assert!(
            output.status.success(),
            "jrnl {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).expect("utf-8")
    }
}

fn import(journal: &TestJournal, file: &Path, extra: &[&str]) -> String {
    let output = journal
        .cmd()
        .args(["import", "jrnl"])
        .arg(file)
        .args(extra)
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    String::from_utf8(output.stdout).expect("utf-8")
}

fn entries(journal: &TestJournal) -> Vec<Value> {
    let output = journal
        .cmd()
        .args(["list", "--since", "2000-01-01", "--format", "json"])
        .output()
        .expect("runs");
    assert!(output.status.success());
    serde_json::from_slice::<Value>(&output.stdout)
        .expect("json")
        .as_array()
        .cloned()
        .expect("array")
}

#[test]
fn imports_what_the_real_jrnl_writes_in_both_forms_once() {
    let Some(bin) = jrnl() else { return };
    let dir = tempfile::tempdir().expect("tempdir");
    let jrnl = Jrnl::new(bin, dir.path());
    jrnl.run(
        &["2026-10-01 14:30: Sent Acme the invoice twice. They caught it. @screwup @acme"],
        None,
    );
    jrnl.run(&["2026-10-02 09:15: Added a duplicate check @fix"], None);
    jrnl.run(&["2026-10-03: A plain note with @billing in it"], None);
    // Several lines from stdin, as `jrnl` with no text reads them.
    jrnl.run(
        &[],
        Some("2026-10-05 16:00: Shipped the report early.\nThey expected Friday.\n\nSent it Tuesday. @win\n"),
    );
    let text_file = dir.path().join("journal.txt");
    let json_file = dir.path().join("export.json");
    std::fs::write(&json_file, jrnl.run(&["--export", "json"], None)).expect("export");

    let journal = TestJournal::new();
    let dry = import(&journal, &text_file, &["--dry-run"]);
    assert!(
        dry.ends_with("would add 4 entries; 0 already in the journal\n"),
        "{dry}"
    );
    assert_eq!(
        dry.lines()
            .filter(|l| l.starts_with("would add 2026-"))
            .count(),
        4
    );
    assert!(!journal.root().exists(), "--dry-run wrote");

    let added = import(&journal, &text_file, &["--kind", "met"]);
    assert_eq!(added, "added 4 entries; 0 already in the journal\n");
    let list = entries(&journal);
    let summary: Vec<(&str, &str, &str)> = list
        .iter()
        .map(|e| {
            (
                e["date"].as_str().unwrap_or(""),
                e["kind"].as_str().unwrap_or(""),
                e["title"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("2026-10-01", "screwup", "Sent Acme the invoice twice."),
            ("2026-10-02", "fix", "Added a duplicate check"),
            ("2026-10-03", "met", "A plain note with @billing in it"),
            ("2026-10-05", "exceeded", "Shipped the report early."),
        ]
    );
    assert_eq!(list[0]["details"], "They caught it.");
    assert_eq!(list[0]["tags"], serde_json::json!(["acme"]));
    assert_eq!(list[0]["time"], "14:30:00");
    assert_eq!(list[2]["tags"], serde_json::json!(["billing"]));
    assert_eq!(
        list[3]["details"],
        "They expected Friday.\n\nSent it Tuesday."
    );

    // Again, and jrnl's JSON export of the same journal: nothing new.
    let before = journal.snapshot();
    assert_eq!(
        import(&journal, &text_file, &[]),
        "added 0 entries; 4 already in the journal\n"
    );
    assert_eq!(
        import(&journal, &json_file, &[]),
        "added 0 entries; 4 already in the journal\n"
    );
    assert_eq!(journal.snapshot(), before);

    // The export alone into a fresh journal gives the same entries.
    let other = TestJournal::new();
    import(&other, &json_file, &["--kind", "met"]);
    assert_eq!(entries(&other), list);
}

#[test]
fn bad_input_names_file_and_line_and_adds_nothing() {
    let journal = TestJournal::new();
    journal.add(&["note", "already here", "--date", "2026-10-01"]);
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("journal.txt");
    std::fs::write(
        &file,
        "[2026-10-01 02:30:00 PM] Fine\nbody\n\n[2026-02-30 09:00:00 AM] Not a day\n",
    )
    .expect("write");
    let before = journal.snapshot();
    for (path, expected) in [
        (file.clone(), format!("{}:4: ", file.display())),
        (dir.path().join("missing.txt"), "cannot read".to_string()),
    ] {
        let output = journal
            .cmd()
            .args(["import", "jrnl"])
            .arg(&path)
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.contains(&expected), "{stderr}");
        assert!(output.stdout.is_empty());
    }
    std::fs::write(&file, [0xff, 0xfe, 0x00]).expect("write");
    let output = journal
        .cmd()
        .args(["import", "jrnl"])
        .arg(&file)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let output = journal
        .cmd()
        .args(["import", "jrnl", "--kind", "win"])
        .arg(&file)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(journal.snapshot(), before);
}
