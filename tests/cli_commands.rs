//! `completions`, `man`, `list --format csv`, `customers`, `stories`,
//! `import jrnl` and `review` through the real binary.

mod support;

use support::TestJournal;

/// Runs the binary, expects success and no stderr, returns stdout.
fn run(journal: &TestJournal, args: &[&str]) -> String {
    let output = journal.cmd().args(args).output().expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{args:?}: {stderr}");
    assert!(stderr.is_empty(), "{args:?}: {stderr}");
    String::from_utf8(output.stdout).expect("utf-8")
}

/// Expects exit 2, nothing on stdout, one line on stderr, and no file
/// in the journal changed; returns that line.
fn refused(journal: &TestJournal, args: &[&str]) -> String {
    let before = journal.snapshot();
    let output = journal.cmd().args(args).output().expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr).to_string();
    assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
    assert!(output.stdout.is_empty(), "{args:?}");
    assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
    assert_eq!(journal.snapshot(), before, "{args:?} changed the journal");
    stderr
}

#[test]
fn completions_are_generated_for_every_shell() {
    let journal = TestJournal::new();
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef jobjournal"),
        ("fish", "complete -c jobjournal"),
        ("elvish", "edit:completion:arg-completer[jobjournal]"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let script = run(&journal, &["completions", shell]);
        assert!(script.contains(marker), "{shell}: no {marker}");
        assert!(script.contains("bullets"), "{shell}: subcommands missing");
        // Fish names long flags `-l customer`; the others `--customer`.
        assert!(script.contains("customer"), "{shell}: flags missing");
    }
    let line = refused(&journal, &["completions", "tcsh"]);
    assert!(line.contains("tcsh"), "{line}");
    assert!(!journal.root().exists(), "completions created the journal");
}

#[test]
fn man_page_is_roff_with_a_section_per_command() {
    let journal = TestJournal::new();
    let page = run(&journal, &["man"]);
    assert!(page.contains(".TH jobjournal 1"));
    for command in ["ADD", "LIST", "REPORT", "BULLETS", "COMPLETIONS"] {
        assert!(
            page.contains(&format!(".SH \"JOBJOURNAL {command}\"")),
            "no section for {command}"
        );
    }
    assert!(
        !page.contains("MERGE-DRIVER"),
        "a hidden command is documented"
    );
    refused(&journal, &["man", "extra"]);
}

#[test]
fn list_csv_has_the_documented_header_and_reads_back() {
    let journal = TestJournal::new();
    let screwup = journal.add(&[
        "screwup",
        "Sent \"Acme\", the invoice twice",
        "--customer",
        "Acme Corp",
        "--revenue=-1200.5",
        "--details",
        "two lines\nof details",
        "--tag",
        "billing",
        "--tag",
        "q4",
    ]);
    journal.add(&[
        "fix",
        "Added a check",
        "--fixes",
        &screwup,
        "--hours-saved",
        "1.5",
    ]);
    let promise = journal.add(&["promise", "Send the report", "--due", "2026-11-20"]);
    run(&journal, &["done", &promise]);
    let text = run(&journal, &["list", "--format", "csv"]);
    assert!(text.starts_with(
        "id,date,kind,title,customer,tags,revenue,customer_value,cost_saved,hours_saved,reach,adopted_by,fixes,expected,delivered,due,status,closed,details\r\n"
    ));
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), 3);
    let first = &rows[0];
    assert_eq!(&first[0], screwup);
    assert_eq!(&first[3], "Sent \"Acme\", the invoice twice");
    assert_eq!(&first[4], "Acme Corp");
    assert_eq!(&first[5], "billing; q4");
    assert_eq!(&first[6], "-1200.50");
    assert_eq!(&first[18], "two lines\nof details");
    assert_eq!(&rows[1][12], screwup);
    assert_eq!(&rows[1][9], "1.5");
    assert_eq!(
        (&rows[2][15], &rows[2][16], &rows[2][17]),
        ("2026-11-20", "kept", "2026-11-18")
    );
    refused(&journal, &["list", "--format", "xlsx"]);
}

#[test]
fn customers_groups_names_and_splits_money_in_text_and_json() {
    let journal = TestJournal::new();
    let screwup = journal.add(&[
        "screwup",
        "Sent the invoice twice",
        "--customer",
        "Acme Corp",
        "--revenue=-1200",
        "--customer-value",
        "50000",
        "--date",
        "2026-10-01",
    ]);
    journal.add(&[
        "fix",
        "Added a duplicate check",
        "--customer",
        " acme corp ",
        "--revenue",
        "1200",
        "--fixes",
        &screwup,
        "--date",
        "2026-10-02",
    ]);
    journal.add(&[
        "exceeded",
        "Shipped early",
        "--customer",
        "ACME Corp",
        "--revenue",
        "300",
        "--date",
        "2026-11-02",
    ]);
    journal.add(&[
        "met",
        "On time",
        "--customer",
        "Globex",
        "--date",
        "2026-11-03",
    ]);
    let json: serde_json::Value =
        serde_json::from_str(&run(&journal, &["customers", "--format", "json"])).expect("json");
    assert_eq!(
        json,
        serde_json::json!({
            "since": null,
            "until": null,
            "customers": [
                {"name": "ACME Corp", "entries": 3, "screwups": 1, "fixes": 1, "wins": 1,
                 "revenue_won": 300, "revenue_protected": 1200, "revenue_lost": 1200,
                 "customer_value": 50000, "last_contact": "2026-11-02"},
                {"name": "Globex", "entries": 1, "screwups": 0, "fixes": 0, "wins": 1,
                 "revenue_won": 0, "revenue_protected": 0, "revenue_lost": 0,
                 "customer_value": 0, "last_contact": "2026-11-03"}
            ]
        })
    );
    let text = run(&journal, &["customers", "--since", "2026-11-01"]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(lines[0].starts_with("Customer") && lines[0].ends_with("Last contact"));
    assert!(
        lines[1].starts_with("ACME Corp") && lines[1].contains("$300"),
        "{text}"
    );
    refused(
        &journal,
        &[
            "customers",
            "--since",
            "2026-11-05",
            "--until",
            "2026-11-01",
        ],
    );
    refused(&journal, &["customers", "--since", "soon"]);
    refused(&journal, &["customers", "--format", "xml"]);
}

#[test]
fn stories_tell_a_fixed_screwup_in_md_text_and_json() {
    let journal = TestJournal::new();
    let screwup = journal.add(&[
        "screwup",
        "sent the invoice twice",
        "--customer",
        "Acme Corp",
        "--revenue=-1200",
        "--date",
        "2026-10-01",
    ]);
    journal.add(&["screwup", "Late to a call", "--date", "2026-10-02"]);
    journal.add(&[
        "fix",
        "Added a duplicate check",
        "--fixes",
        &screwup,
        "--revenue",
        "1200",
        "--adopted-by",
        "billing team",
        "--date",
        "2026-10-03",
    ]);
    let md = run(&journal, &["stories"]);
    assert_eq!(
        md,
        "### A mistake with Acme Corp, 1 October 2026\n\n\
         **Situation.** Sent the invoice twice. It put $1,200 of revenue at risk.\n\n\
         **Task.** Put it right for Acme Corp and make sure it could not happen again.\n\n\
         **Action.**\n\n\
         - 2026-10-03: Added a duplicate check.\n\n\
         **Result.**\n\n\
         - Protected $1,200 of revenue.\n\
         - Adopted by others: billing team.\n\
         - Fixed 2 days after it happened.\n"
    );
    let text = run(&journal, &["stories", "--format", "text"]);
    assert!(
        text.contains("  Task:      Put it right for Acme Corp"),
        "{text}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&run(&journal, &["stories", "--format", "json"])).expect("json");
    assert_eq!(json["stories"].as_array().map(Vec::len), Some(1));
    assert_eq!(json["stories"][0]["kind"], "mistake");
    assert_eq!(json["stories"][0]["action"][0]["date"], "2026-10-03");
    // Told as of 2 October, the fix has not happened yet: no story.
    let early = run(&journal, &["stories", "--until", "2026-10-02"]);
    assert!(early.starts_with("No stories yet"), "{early}");
    refused(&journal, &["stories", "--format", "html"]);
    refused(&journal, &["stories", "--until", "someday"]);
}

/// A small journal across 2026-Q3 and Q4 for the review.
fn review_journal() -> TestJournal {
    let journal = TestJournal::new();
    journal.write_config("name = \"Ada Lovelace\"\nrole = \"Account manager\"\n");
    let screwup = journal.add(&[
        "screwup",
        "Sent the <b>invoice</b> twice",
        "--customer",
        "Acme & Co",
        "--revenue=-1200",
        "--date",
        "2026-10-01",
    ]);
    journal.add(&[
        "fix",
        "Added a duplicate check",
        "--fixes",
        &screwup,
        "--revenue",
        "1200",
        "--adopted-by",
        "billing team",
        "--date",
        "2026-10-03",
    ]);
    journal.add(&[
        "met",
        "Renewal signed",
        "--customer",
        "Acme & Co",
        "--revenue",
        "5000",
        "--date",
        "2026-11-02",
    ]);
    journal.add(&["met", "Q3 work", "--revenue", "300", "--date", "2026-08-02"]);
    journal
}

#[test]
fn review_of_a_past_quarter_does_not_change_with_today() {
    let journal = review_journal();
    for format in ["md", "text", "html", "json"] {
        let args = ["review", "--quarter", "2026-Q4", "--format", format];
        let first = run(&journal, &args);
        let output = journal
            .cmd()
            .env("JOBJOURNAL_TODAY", "2031-02-03")
            .args(args)
            .output()
            .expect("runs");
        assert!(output.status.success());
        assert_eq!(
            String::from_utf8(output.stdout).expect("utf-8"),
            first,
            "{format}"
        );
    }
}

#[test]
fn review_holds_totals_customers_reliability_adoption_and_stories() {
    let journal = review_journal();
    let json: serde_json::Value = serde_json::from_str(&run(
        &journal,
        &["review", "--quarter", "2026-q4", "--format", "json"],
    ))
    .expect("json");
    assert_eq!(json["period"]["label"], "2026-Q4");
    assert_eq!(json["previous"]["label"], "2026-Q3");
    assert_eq!(
        json["money"],
        serde_json::json!({"won": 5000, "protected": 1200, "lost": 1200})
    );
    let won = &json["changes"][6];
    assert_eq!(
        (&won["label"], &won["previous"], &won["change"]),
        (
            &serde_json::json!("Revenue won"),
            &serde_json::json!(300),
            &serde_json::json!(4700)
        )
    );
    assert_eq!(json["customers"][0]["name"], "Acme & Co");
    assert_eq!(json["reliability"]["fixed"], 1);
    assert_eq!(json["reliability"]["median_days_to_fix"], 2.0);
    assert_eq!(json["adoption"][0]["who"], "billing team");
    assert_eq!(json["stories"][0]["kind"], "mistake");
    assert!(
        json["accomplishments"]
            .as_array()
            .is_some_and(|b| !b.is_empty())
    );
    let md = run(&journal, &["review", "--quarter", "2026-Q4"]);
    for heading in [
        "# Review 2026-Q4 (2026-10-01 to 2026-12-31)",
        "Ada Lovelace, Account manager",
        "## Totals",
        "| Revenue won | $5,000 | $300 | +$4,700 |",
        "## Best accomplishments",
        "## Impact per customer",
        "## Reliability",
        "| 2026-10 |",
        "## Adoption credits",
        "## Stories",
        "### A mistake with Acme & Co, 1 October 2026",
    ] {
        assert!(md.contains(heading), "no {heading:?} in\n{md}");
    }
    let html = run(&journal, &["review", "--year", "2026", "--format", "html"]);
    assert!(
        html.contains("Sent the &lt;b&gt;invoice&lt;&#x2f;b&gt; twice."),
        "{html}"
    );
    assert!(
        !html.contains("<b>invoice"),
        "entry text reached the page as markup"
    );
    assert!(html.contains("Acme &amp; Co"));
    assert!(
        html.contains("<td>2026-Q4</td>"),
        "a year's trend is by quarter"
    );
}

/// Read aloud as a manager at review time: counts agree with their nouns,
/// nothing says "$0" or "value $0" where nothing was written, and a month
/// with nothing due and nothing gone wrong is not a row of zeros.
#[test]
fn the_review_reads_as_sentences_without_empty_rows() {
    let journal = review_journal();
    let text = run(
        &journal,
        &["review", "--quarter", "2026-Q4", "--format", "text"],
    );
    for line in [
        "  Acme & Co: 2 entries, 1 screw-up, 0 fixes, 1 win; won $5,000; lost $1,200; last contact 2026-11-02",
        "  Screw-ups 1: fixed 1, typically after 2 days (median)",
        "  2026-10: 0 promises due, 0 kept (0 on time), 0 missed; 1 screw-up, 1 fixed, typically after 2 days (median)",
    ] {
        assert!(text.contains(line), "no {line:?} in\n{text}");
    }
    assert!(
        !text.contains("2026-12:"),
        "an empty month is a row:\n{text}"
    );
    let md = run(&journal, &["review", "--quarter", "2026-Q4"]);
    assert!(
        md.contains("| Acme & Co | 2 | 1 | 0 | 1 | $5,000 | $0 | $1,200 | – | 2026-11-02 |"),
        "no value written is not \"$0\":\n{md}"
    );
    assert!(!md.contains("| 2026-12 |"), "{md}");
    let html = run(
        &journal,
        &["review", "--quarter", "2026-Q4", "--format", "html"],
    );
    assert!(!html.contains("<td>2026-12</td>"), "{html}");
}

#[test]
fn review_writes_a_file_and_refuses_bad_periods_writing_nothing() {
    let journal = review_journal();
    let out = journal.dir.path().join("review.html");
    let out_arg = out.to_str().expect("utf-8 path");
    run(&journal, &["review", "--half", "2026-H2", "-o", out_arg]);
    let page = std::fs::read_to_string(&out).expect("written");
    assert!(
        page.starts_with("<!DOCTYPE html>"),
        "format from the extension"
    );
    std::fs::remove_file(&out).expect("rm");
    for args in [
        &["review", "--quarter", "2026-Q5", "-o", out_arg][..],
        &["review", "--half", "second", "-o", out_arg],
        &["review", "--year", "0", "-o", out_arg],
        &[
            "review",
            "--year",
            "2026",
            "--quarter",
            "2026-Q1",
            "-o",
            out_arg,
        ],
        &["review", "--until", "2026-10-01", "-o", out_arg],
        &["review", "--since", "2027-01-01", "-o", out_arg],
        &[
            "review",
            "--since",
            "2026-10-05",
            "--until",
            "2026-10-01",
            "-o",
            out_arg,
        ],
        &["review", "--format", "pdf", "-o", out_arg],
    ] {
        refused(&journal, args);
        assert!(!out.exists(), "{args:?} wrote the file");
    }
}

#[test]
fn review_since_a_day_runs_to_today() {
    let journal = review_journal();
    let since = ["review", "--since", "2026-10-01", "--format", "json"];
    let open: serde_json::Value = serde_json::from_str(&run(&journal, &since)).expect("JSON");
    let to_today = [&since[..], &["--until", support::TODAY]].concat();
    let closed: serde_json::Value = serde_json::from_str(&run(&journal, &to_today)).expect("JSON");
    assert_eq!(open, closed);
    assert_eq!(
        open["period"]["until"],
        support::TODAY,
        "{}",
        open["period"]
    );
}

#[test]
fn review_to_a_file_lands_whole_or_not_at_all() {
    let journal = review_journal();
    let out = journal.dir.path().join("review.md");
    let out_arg = out.to_str().expect("utf-8 path");
    let args = ["review", "--quarter", "2026-Q4"];
    let printed = run(&journal, &args);
    assert!(printed.contains("## Stories"), "{printed}");
    assert_eq!(run(&journal, &[&args[..], &["-o", "-"]].concat()), printed);
    run(&journal, &[&args[..], &["-o", out_arg]].concat());
    assert_eq!(std::fs::read_to_string(&out).expect("written"), printed);
    // A user template that fails half-way through the stories: the file
    // keeps the last review and no temp file is left beside it.
    let templates = journal
        .config_path()
        .parent()
        .expect("config dir")
        .join("templates");
    std::fs::create_dir_all(&templates).expect("mkdir");
    std::fs::write(
        templates.join("stories.md"),
        "{% for s in stories %}{{ s.heading }}\n{{ s.nope }}{% endfor %}",
    )
    .expect("write");
    let output = journal
        .cmd()
        .args([&args[..], &["-o", out_arg]].concat())
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("error in \"stories.md\""), "{stderr}");
    assert_eq!(std::fs::read_to_string(&out).expect("kept"), printed);
    let names: Vec<String> = std::fs::read_dir(journal.dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        !names.iter().any(|n| n.ends_with(".jjtmp")),
        "temp file left: {names:?}"
    );
    // Only a regular file is replaced.
    #[cfg(unix)]
    {
        let output = journal
            .cmd()
            .args([&args[..], &["-o", "/dev/null"]].concat())
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{stderr}");
        assert!(stderr.contains("not a regular file"), "{stderr}");
    }
}
