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
    journal.add(&["promise", "Send the report", "--due", "2026-11-20"]);
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
    assert_eq!((&rows[2][15], &rows[2][16]), ("2026-11-20", "open"));
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
