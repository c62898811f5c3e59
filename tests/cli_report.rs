//! `report`, `bullets` and `stats` through the real binary, on a temp copy of
//! the fixture journal (today pinned to Wednesday 2026-11-18, in 2026-W47).

mod support;

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};
use support::TestJournal;

const CONFIG: &str = "name = \"Ada Lovelace\"\nrole = \"Account manager\"\n";

/// A temp journal holding a copy of `tests/fixtures/journal`.
fn fixture_journal(config: &str) -> TestJournal {
    let journal = TestJournal::new();
    support::copy_fixture(&journal.root());
    journal.write_config(config);
    journal
}

/// Runs the binary, expects success and no stderr, returns stdout.
fn run(journal: &TestJournal, args: &[&str]) -> String {
    let output = journal.cmd().args(args).output().expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{args:?}: {stderr}");
    assert!(stderr.is_empty(), "{args:?}: {stderr}");
    String::from_utf8(output.stdout).expect("utf-8")
}

/// The journal's files, without the caches a read may leave behind (the
/// index, and the outlines a report writes once the copied files are a few
/// seconds old): rebuilt at will and never the source of truth.
fn journal_files(journal: &TestJournal) -> std::collections::BTreeMap<PathBuf, Vec<u8>> {
    let mut files = journal.snapshot();
    files.retain(|path, _| {
        !path.ends_with(jobjournal::store::INDEX_FILE)
            && !path.ends_with(jobjournal::store::OUTLINES_FILE)
    });
    files
}

/// Runs the binary, expects exit `code`, nothing on stdout and one line on stderr.
fn fails(journal: &TestJournal, args: &[&str], code: i32) -> String {
    let output = journal.cmd().args(args).output().expect("runs");
    assert_eq!(output.status.code(), Some(code), "{args:?}");
    assert!(output.stdout.is_empty(), "{args:?}");
    let stderr = String::from_utf8(output.stderr).expect("utf-8");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    stderr
}

#[test]
fn report_defaults_to_this_week_as_markdown() {
    let journal = fixture_journal(CONFIG);
    let this = run(&journal, &["report"]);
    assert_eq!(this, run(&journal, &["report", "--week", "2026-W47"]));
    assert_eq!(this, run(&journal, &["report", "--week", "2026-11-22"]));
    assert_eq!(
        this,
        run(&journal, &["report", "--week", "this", "--format", "md"])
    );
    insta::assert_snapshot!(this);
    let last = run(&journal, &["report", "--week", "last"]);
    assert!(
        last.starts_with("# Weekly report 2026-W46 (2026-11-09 to 2026-11-15)\n"),
        "{last}"
    );
}

#[test]
fn report_in_every_format() {
    let journal = fixture_journal(CONFIG);
    let text = run(
        &journal,
        &["report", "--week", "2026-W47", "--format", "text"],
    );
    assert!(text.starts_with(
        "WEEKLY REPORT 2026-W47 (2026-11-16 to 2026-11-22)\nAda Lovelace, Account manager\n"
    ));
    let html = run(
        &journal,
        &["report", "--week", "2026-W47", "--format", "html"],
    );
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(html.contains("<svg viewBox=\"0 0 640 220\""), "{html}");
    assert!(html.contains("<style>") && !html.contains("<link") && !html.contains("<script"));
    let json: Value = serde_json::from_str(&run(
        &journal,
        &["report", "--week", "2026-W47", "--format", "json"],
    ))
    .expect("valid JSON");
    assert_eq!(json["totals"]["revenue_won"], json!(7500.75));
    assert_eq!(json["totals"]["revenue_lost"], json!(1550.5));
    assert_eq!(
        json["trend"][0],
        json!({"week": "2026-W40", "screwups": 4, "fixes": 1, "wins": 2})
    );
    // The entries are exactly what `list --format json` prints for the week.
    let list: Value = serde_json::from_str(&run(
        &journal,
        &["list", "--week", "2026-W47", "--format", "json"],
    ))
    .expect("list JSON");
    assert_eq!(json["entries"], list);
}

#[test]
fn bad_week_names_are_usage_errors_naming_the_accepted_forms() {
    let journal = fixture_journal(CONFIG);
    let before = journal.snapshot();
    for bad in ["lastweek", "2026-W54", "W47", "2026-13-01", ""] {
        let stderr = fails(&journal, &["report", "--week", bad], 2);
        assert!(
            stderr.contains("expected this, last, YYYY-Www such as 2026-W47, or a date YYYY-MM-DD"),
            "{stderr}"
        );
    }
    fails(&journal, &["report", "--format", "pdf"], 2);
    assert_eq!(journal.snapshot(), before);
}

#[test]
fn output_file_is_written_whole_and_private() {
    let journal = fixture_journal(CONFIG);
    let before = journal_files(&journal);
    let path = journal.dir.path().join("w47.html");
    let output = journal
        .cmd()
        .args(["report", "--week", "2026-W47", "--format", "html", "-o"])
        .arg(&path)
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.stdout.is_empty());
    let written = fs::read_to_string(&path).expect("written");
    assert_eq!(
        written,
        run(
            &journal,
            &["report", "--week", "2026-W47", "--format", "html"]
        )
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(&path).expect("metadata").permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    // Overwriting leaves no temp file behind.
    journal
        .cmd()
        .args(["report", "--week", "2026-W46", "--output"])
        .arg(&path)
        .assert()
        .success();
    assert!(
        fs::read_to_string(&path)
            .expect("rewritten")
            .contains("<h1>Weekly report 2026-W46</h1>")
    );
    let names: Vec<_> = fs::read_dir(journal.dir.path())
        .expect("dir")
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert!(
        names
            .iter()
            .all(|n| !n.to_string_lossy().ends_with(".jjtmp")),
        "{names:?}"
    );
    // Without --format, the file's extension picks it.
    let export = |args: &[&str], path: &Path| {
        journal
            .cmd()
            .args(["report", "--week", "2026-W47"])
            .args(args)
            .arg("-o")
            .arg(path)
            .assert()
            .success();
        fs::read_to_string(path).expect("written")
    };
    let json_path = journal.dir.path().join("w47.JSON");
    let json: Value = serde_json::from_str(&export(&[], &json_path)).expect("JSON");
    assert_eq!(json["week"], "2026-W47");
    let md_path = journal.dir.path().join("w47.md");
    assert!(export(&[], &md_path).starts_with("# Weekly report"));
    let txt_path = journal.dir.path().join("w47.txt");
    assert!(export(&["--format", "text"], &txt_path).starts_with("WEEKLY REPORT"));
    // A directory that does not exist is a runtime error.
    let missing = journal.dir.path().join("nope").join("r.md");
    let output = journal
        .cmd()
        .args(["report", "-o"])
        .arg(&missing)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("cannot write"));
    assert_eq!(journal_files(&journal), before);
}

#[test]
fn week_start_sunday_is_honoured() {
    let journal = fixture_journal(&format!("{CONFIG}week_start = \"sunday\"\n"));
    let json: Value = serde_json::from_str(&run(
        &journal,
        &["report", "--week", "2026-W47", "--format", "json"],
    ))
    .expect("valid JSON");
    assert_eq!(
        (json["start"].as_str(), json["end"].as_str()),
        (Some("2026-11-15"), Some("2026-11-21"))
    );
    assert_eq!(json["totals"]["notes"], 3);
    // Today (Wednesday 18th) is in the same Sunday-start week.
    assert_eq!(
        run(&journal, &["report", "--format", "json"]),
        serde_json::to_string_pretty(&json).expect("json") + "\n"
    );
    let w53: Value = serde_json::from_str(&run(
        &journal,
        &["report", "--week", "2027-01-02", "--format", "json"],
    ))
    .expect("valid JSON");
    assert_eq!(
        (w53["week"].as_str(), w53["start"].as_str()),
        (Some("2026-W53"), Some("2026-12-27"))
    );
}

#[test]
fn a_user_template_overrides_and_a_broken_one_names_its_file_and_line() {
    let journal = fixture_journal(CONFIG);
    let templates = journal
        .config_path()
        .parent()
        .expect("config dir")
        .join("templates");
    fs::create_dir_all(&templates).expect("mkdir");
    fs::write(
        templates.join("report.md"),
        "{{ author.name }}, {{ week }}: {{ totals.screwups }} screw-ups, won {{ totals.revenue_won | money }}\n",
    )
    .expect("write");
    fs::write(
        templates.join("bullets.md"),
        "{% for b in bullets %}* {{ b.text }}\n{% endfor %}",
    )
    .expect("write");
    assert_eq!(
        run(&journal, &["report", "--week", "2026-W47"]),
        "Ada Lovelace, 2026-W47: 3 screw-ups, won $7,500.75\n"
    );
    assert_eq!(
        run(
            &journal,
            &[
                "bullets",
                "--since",
                "2026-11-16",
                "--until",
                "2026-11-22",
                "--limit",
                "1"
            ]
        ),
        "* Turned around the quote for Birch Ltd same day, bringing in $5,000 \
         and saving the customer 3 days\n"
    );
    // The other formats keep the built-in templates.
    assert!(run(&journal, &["report", "--format", "text"]).starts_with("WEEKLY REPORT"));

    fs::write(
        templates.join("report.md"),
        "# {{ week }}\n\n{% if totals.screwups > %}\n{% endif %}\n",
    )
    .expect("write");
    let stderr = fails(&journal, &["report", "--week", "2026-W47"], 1);
    let file = templates.join("report.md").display().to_string();
    assert!(
        stderr.starts_with(&format!("jobjournal: {file}:3: syntax error")),
        "{stderr}"
    );
}

#[test]
fn problems_in_the_week_are_warned_about_and_the_rest_is_reported() {
    let journal = fixture_journal(CONFIG);
    journal.write_day(
        "2026-11-21",
        "[[entry]]\nid = \"2026-11-21-bad1\"\nkind = \"win\"\ntitle = \"x\"\n",
    );
    let output = journal
        .cmd()
        .args(["report", "--week", "2026-W47", "--format", "json"])
        .output()
        .expect("runs");
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("2026-11-21.toml:3:"), "{stderr}");
    let json: Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
    assert_eq!(json["entries"].as_array().map(Vec::len), Some(15));
}

#[test]
fn hostile_titles_cannot_reach_the_terminal_or_the_page() {
    let journal = fixture_journal(CONFIG);
    journal.write_day(
        "2026-11-21",
        "[[entry]]\nid = \"2026-11-21-h0s1\"\nkind = \"met\"\n\
         title = \"<script>alert('x')</script> & \\\"q\\\" \\u001b]52;c;ZXZpbA==\\u0007 \\u001b[2J\"\n\
         customer = \"Acme \\u009b31m\"\nrevenue = 10\n",
    );
    let md = run(&journal, &["report", "--week", "2026-W47"]);
    let text = run(
        &journal,
        &["report", "--week", "2026-W47", "--format", "text"],
    );
    let bullets = run(
        &journal,
        &[
            "bullets",
            "--since",
            "2026-11-21",
            "--until",
            "2026-11-21",
            "--format",
            "text",
        ],
    );
    let html = run(
        &journal,
        &["report", "--week", "2026-W47", "--format", "html"],
    );
    for out in [&md, &text, &bullets, &html] {
        assert!(!out.chars().any(|c| c.is_control() && c != '\n'), "{out:?}");
    }
    for out in [&text, &bullets, &html] {
        assert!(out.contains("\\u{1b}]52;c;ZXZpbA==\\u{7}"), "{out}");
    }
    assert!(md.contains("\\\\u{1b}\\]52;c;ZXZpbA==\\\\u{7}"), "{md}");
    assert!(
        md.contains("\\<script\\>alert('x')\\</script\\> & \"q\""),
        "Markdown shows the title as text: {md}"
    );
    assert!(!html.contains("<script>"), "{html}");
    assert!(
        html.contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;&#x2f;script&gt; &amp; &quot;q&quot;"),
        "{html}"
    );
    let json: Value = serde_json::from_str(&run(
        &journal,
        &["report", "--week", "2026-W47", "--format", "json"],
    ))
    .expect("valid JSON");
    let hostile = json["entries"]
        .as_array()
        .expect("entries")
        .iter()
        .find(|e| e["id"] == "2026-11-21-h0s1");
    assert_eq!(
        hostile.map(|e| e["title"].clone()),
        Some(json!(
            "<script>alert('x')</script> & \"q\" \u{1b}]52;c;ZXZpbA==\u{7} \u{1b}[2J"
        ))
    );
}

#[test]
fn bullets_by_year_range_and_limit() {
    let journal = fixture_journal(CONFIG);
    let year = run(&journal, &["bullets", "--year", "2026", "--limit", "4"]);
    insta::assert_snapshot!(year);
    assert_eq!(year.lines().count(), 4);
    assert!(year.lines().all(|l| l.starts_with("- ")));
    // The default is the twelve months up to today.
    let default: Value =
        serde_json::from_str(&run(&journal, &["bullets", "--format", "json"])).expect("JSON");
    assert_eq!(
        (default["since"].as_str(), default["until"].as_str()),
        (Some("2025-11-19"), Some("2026-11-18"))
    );
    let week: Value = serde_json::from_str(&run(
        &journal,
        &[
            "bullets",
            "--since",
            "2026-11-16",
            "--until",
            "2026-11-22",
            "--format",
            "json",
        ],
    ))
    .expect("JSON");
    let sources: Vec<&str> = week["bullets"]
        .as_array()
        .expect("bullets")
        .iter()
        .filter_map(|b| b["source"].as_str())
        .collect();
    assert_eq!(sources, ["composed"; 6]);
    assert_eq!(week["bullets"][0]["entry"], "2026-11-17-m2c9");
    let text = run(
        &journal,
        &[
            "bullets", "--year", "2026", "--limit", "1", "--format", "text",
        ],
    );
    assert_eq!(text, "• Kept 12 of 15 customer commitments (80%)\n");
    fails(
        &journal,
        &["bullets", "--year", "2026", "--since", "2026-01-01"],
        2,
    );
    fails(
        &journal,
        &["bullets", "--since", "2026-11-20", "--until", "2026-11-01"],
        2,
    );
    fails(&journal, &["bullets", "--format", "html"], 2);
    fails(&journal, &["bullets", "--limit", "-1"], 2);
}

#[test]
fn stats_table_per_week() {
    let journal = fixture_journal(CONFIG);
    let table = run(&journal, &["stats", "--weeks", "4"]);
    insta::assert_snapshot!(table);
    assert_eq!(
        run(&journal, &["stats"])
            .lines()
            .filter(|l| l.starts_with("2026-W"))
            .count(),
        12
    );
    fails(&journal, &["stats", "--weeks", "0"], 2);
    fails(&journal, &["stats", "--weeks", "many"], 2);
}

#[test]
fn an_empty_journal_reports_zeros_and_says_why_bullets_are_empty() {
    let journal = TestJournal::new();
    journal.write_config(CONFIG);
    let json: Value =
        serde_json::from_str(&run(&journal, &["report", "--format", "json"])).expect("JSON");
    assert_eq!(json["entries"], json!([]));
    // The trend starts at the first week with an entry: here, only this one.
    assert_eq!(json["trend"].as_array().map(Vec::len), Some(1));
    assert_eq!(json["summary"]["direction"], "first_week");
    // An empty week is a few lines, not a page of zeros.
    let md = run(&journal, &["report"]);
    assert_eq!(
        md,
        "# Weekly report 2026-W47 (2026-11-16 to 2026-11-22)\n\n\
         Ada Lovelace, Account manager\n\n\
         ## Summary\n\n\
         - Nothing written this week.\n\
         - **Needs attention as of 2026-11-18:** nothing\n"
    );
    let output = journal.cmd().arg("bullets").output().expect("runs");
    assert!(output.status.success());
    assert!(output.stdout.is_empty());
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "jobjournal: nothing to make a bullet of from 2025-11-19 to 2026-11-18\n"
    );
    // Reading never creates the journal.
    assert!(!journal.root().exists());
}

#[test]
fn a_file_name_that_is_no_report_format_is_refused_and_nothing_written() {
    let journal = fixture_journal(CONFIG);
    let before = journal.snapshot();
    for (args, said) in [
        (
            vec!["report", "-o", "r.pdf"],
            "jobjournal: a report cannot be written as .pdf: the formats are md, text, html or json (files: .md, .txt, .html, .json)\n",
        ),
        (
            vec!["report", "--format", "text", "-o", "r.html"],
            "jobjournal: --format text does not match the file name r.html: the formats are md, text, html or json (files: .md, .txt, .html, .json)\n",
        ),
    ] {
        let output = journal
            .cmd()
            .current_dir(journal.dir.path())
            .args(&args)
            .output()
            .expect("runs");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert_eq!(String::from_utf8_lossy(&output.stderr), said);
        assert!(!journal.dir.path().join("r.pdf").exists());
        assert!(!journal.dir.path().join("r.html").exists());
    }
    // An unknown --format is clap's, with the list of values.
    let output = journal
        .cmd()
        .args(["report", "--format", "pdf"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("[possible values: md, text, html, json]"),
        "{stderr}"
    );
    assert_eq!(journal.snapshot(), before);
}

/// A past week is judged as of its last day: the report does not depend on
/// the day it is made, in any format, byte for byte.
#[test]
fn a_past_weeks_report_is_the_same_whatever_today_is() {
    let journal = fixture_journal(CONFIG);
    for format in ["md", "text", "html", "json"] {
        let on = |today: &str| {
            let output = journal
                .cmd()
                .env("JOBJOURNAL_TODAY", today)
                .args(["report", "--week", "2026-W47", "--format", format])
                .output()
                .expect("runs");
            assert!(output.status.success());
            output.stdout
        };
        let monday_after = on("2026-11-23");
        assert!(monday_after == on("2027-06-30"), "{format} differs");
        // While the week runs it is judged as of today: Friday's report
        // does not call a promise due on Saturday overdue.
        assert!(monday_after != on("2026-11-20"), "{format}");
    }
}
