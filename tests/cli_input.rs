//! One way in: the same bad value given to `add` and typed into the form
//! gets the same message; clap's suggestions and help survive.

mod support;

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use jobjournal::model::Kind;
use jobjournal::ui::form::{FieldId, Form};
use support::{TODAY, TestJournal};

/// (kind, flag, form field, value, the message both must show).
const BAD_VALUES: &[(Kind, &str, FieldId, &str, &str)] = &[
    (
        Kind::Note,
        "--reach",
        FieldId::Reach,
        "1.5",
        "reach is a whole number of people, e.g. 40, not '1.5'",
    ),
    (
        Kind::Note,
        "--reach",
        FieldId::Reach,
        "-3",
        "reach is a whole number of people, e.g. 40, not '-3'",
    ),
    (
        Kind::Note,
        "--hours-saved",
        FieldId::HoursSaved,
        "2h",
        "hours saved is a number of hours, e.g. 2.5, not '2h'",
    ),
    (
        Kind::Note,
        "--revenue",
        FieldId::Revenue,
        "1,5",
        "revenue takes a comma only between thousands (1,200 or 12,000.50); write cents after a point, not '1,5'",
    ),
    (
        Kind::Note,
        "--cost-saved",
        FieldId::CostSaved,
        "1000000000000.01",
        "cost saved is at most 1,000,000,000,000, not '1000000000000.01'",
    ),
    (
        Kind::Note,
        "--customer-value",
        FieldId::CustomerValue,
        "lots",
        "customer value is an amount of money, e.g. 1,200.50, not 'lots'",
    ),
    (
        Kind::Screwup,
        "--revenue",
        FieldId::Revenue,
        "1,200",
        "revenue on a screw-up is money lost: write -1200",
    ),
    (
        Kind::Promise,
        "--due",
        FieldId::Due,
        "+10000-01-01",
        "due '+10000-01-01' is out of range: years run from 0001 to 9999",
    ),
    (
        Kind::Note,
        "--date",
        FieldId::Date,
        "0000-12-31",
        "date '0000-12-31' is out of range: years run from 0001 to 9999",
    ),
    (
        Kind::Note,
        "--time",
        FieldId::Time,
        "9am",
        "time is a time of day, HH:MM, e.g. 09:14, not '9am'",
    ),
];

fn form_message(kind: Kind, field: FieldId, value: &str) -> String {
    let today = NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").unwrap();
    let mut form = Form::new(kind, today, today, Vec::new());
    let key = |code| KeyEvent::new(code, KeyModifiers::NONE);
    for c in "A title".chars() {
        form.input(key(KeyCode::Char(c)));
    }
    while form.focus != field {
        form.next_field();
    }
    for _ in 0..form.text(field).chars().count() {
        form.input(key(KeyCode::Backspace));
    }
    for c in value.chars() {
        form.input(key(KeyCode::Char(c)));
    }
    let shown = form.error(field).map(str::to_string);
    let on_save = form.to_entry().unwrap_err();
    assert_eq!(shown.as_deref(), Some(on_save.as_str()), "{value}");
    assert_eq!(form.focus, field);
    on_save
}

#[test]
fn the_cli_and_the_form_refuse_a_bad_value_with_the_same_message() {
    let journal = TestJournal::new();
    for (kind, flag, field, value, message) in BAD_VALUES {
        let output = journal
            .cmd()
            .args(["add", kind.as_str(), "A title", flag, value])
            .output()
            .unwrap();
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(output.status.code(), Some(2), "{flag} {value}: {stderr}");
        assert_eq!(stderr, format!("jobjournal: {flag}: {message}\n"));
        assert_eq!(
            form_message(*kind, *field, value),
            *message,
            "{flag} {value}"
        );
    }
    assert!(journal.snapshot().is_empty(), "nothing was written");
}

#[test]
fn negative_amounts_and_thousands_commas_are_values() {
    let journal = TestJournal::new();
    journal.add(&["screwup", "Lost the Acme renewal", "--revenue", "-1200"]);
    journal.add(&[
        "met",
        "Renewed Birch",
        "--revenue",
        "12,000.50",
        "--reach",
        "1,000",
    ]);
    let output = journal
        .cmd()
        .args(["list", "--format", "json"])
        .output()
        .unwrap();
    let entries: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(entries[0]["revenue"], -1200);
    assert_eq!(entries[1]["revenue"], 12000.5);
    assert_eq!(entries[1]["reach"], 1000);
}

fn add_output(journal: &TestJournal, args: &[&str]) -> Vec<String> {
    let output = journal.cmd().arg("add").args(args).output().unwrap();
    assert!(output.status.success(), "add {args:?}");
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(String::from)
        .collect()
}

#[test]
fn add_prints_the_bullet_under_the_id_unless_quiet() {
    let journal = TestJournal::new();
    let win = [
        "exceeded",
        "delivered Pinecrest Foods' holiday samples",
        "--expected",
        "3 days",
        "--delivered",
        "24 hours",
        "--revenue",
        "9600",
    ];
    let lines = add_output(&journal, &win);
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(
        lines[0].parse::<jobjournal::model::EntryId>().is_ok(),
        "{lines:?}"
    );
    assert!(
        lines[1].starts_with("bullet: Delivered") && lines[1].contains("$9,600"),
        "{lines:?}"
    );
    // The same bullet `bullets` shows for that entry alone.
    let bullets = journal
        .cmd()
        .args([
            "bullets", "--since", TODAY, "--until", TODAY, "--format", "text",
        ])
        .output()
        .unwrap();
    let shown = lines[1].trim_start_matches("bullet: ");
    assert!(String::from_utf8_lossy(&bullets.stdout).contains(shown));

    let quiet = add_output(&journal, &[&win[..], &["--quiet"]].concat());
    assert_eq!(quiet.len(), 1, "{quiet:?}");
    assert!(quiet[0].parse::<jobjournal::model::EntryId>().is_ok());

    // No bullet, no second line; a written one is printed as written.
    let none = add_output(&journal, &["screwup", "Sent Acme the invoice twice"]);
    assert_eq!(none.len(), 1, "{none:?}");
    let own = add_output(&journal, &["note", "x", "--bullet", "cut churn my way"]);
    assert_eq!(own[1], "bullet: cut churn my way");
}

#[test]
fn a_bare_weekday_due_is_never_in_the_past() {
    let journal = TestJournal::new();
    // TODAY is Wednesday 2026-11-18; on a Sunday `fri` is the coming one.
    let id = journal.add(&["promise", "Send the contract", "--due", "fri"]);
    let sunday = journal
        .cmd()
        .env("JOBJOURNAL_TODAY", "2026-11-22")
        .args([
            "add",
            "promise",
            "Call Birch back",
            "--due",
            "fri",
            "--date",
            "fri",
        ])
        .output()
        .unwrap();
    assert!(sunday.status.success());
    let output = journal
        .cmd()
        .args([
            "list",
            "--since",
            "2026-11-01",
            "--until",
            "2026-11-30",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let entries: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let by_title = |t: &str| {
        entries
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["title"] == t)
            .unwrap()
            .clone()
    };
    assert_eq!(by_title("Send the contract")["due"], "2026-11-20");
    assert_eq!(by_title("Send the contract")["id"], id.as_str());
    assert_eq!(by_title("Call Birch back")["due"], "2026-11-27");
    assert_eq!(by_title("Call Birch back")["date"], "2026-11-20");
}

#[test]
fn mistyped_flags_and_commands_keep_clap_s_suggestion_on_one_line() {
    let journal = TestJournal::new();
    for (args, tip) in [
        (
            &["add", "note", "x", "--custmer", "Acme"][..],
            "tip: a similar argument exists: '--customer'",
        ),
        (&["lst"][..], "tip: a similar subcommand exists: 'list'"),
    ] {
        let output = journal.cmd().args(args).output().unwrap();
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(output.status.code(), Some(2), "{stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.contains(tip), "{stderr}");
    }
}

#[test]
fn add_help_explains_every_flag() {
    let journal = TestJournal::new();
    let output = journal.cmd().args(["add", "--help"]).output().unwrap();
    let help = String::from_utf8(output.stdout).unwrap();
    let options = help.split("Options:").nth(1).unwrap();
    for line in options.lines().filter(|l| l.trim_start().starts_with("--")) {
        let (flag, text) = line.trim().split_once("  ").unwrap_or((line, ""));
        assert!(!text.trim().is_empty(), "{flag} has no help: {help}");
    }
    for flag in ["--customer", "--details", "--due", "--reach", "--revenue"] {
        assert!(options.contains(flag), "{flag}: {help}");
    }
}

#[test]
fn bad_dates_are_echoed_without_escape_sequences() {
    let journal = TestJournal::new();
    let output = journal
        .cmd()
        .args(["add", "promise", "x", "--due", "\u{1b}[31mfri"])
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(!stderr.contains('\u{1b}'), "{stderr:?}");
}

#[test]
fn edit_holds_a_hand_edited_entry_to_the_same_rules() {
    let journal = TestJournal::new();
    let id = journal.add(&[
        "screwup",
        "Sent Acme the invoice twice",
        "--revenue",
        "-1200",
    ]);
    let before = journal.snapshot();
    let output = journal
        .cmd()
        .args(["edit", &id])
        .env("VISUAL", "sed -i s/-1200/1200/")
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("revenue on a screw-up is money lost: write -1200"),
        "{stderr}"
    );
    assert_eq!(journal.snapshot(), before, "nothing changed");
}

#[test]
fn today_out_of_the_years_is_refused() {
    let journal = TestJournal::new();
    for today in ["+10000-01-01", "0000-06-01", "2026-11-1"] {
        let output = journal
            .cmd()
            .env("JOBJOURNAL_TODAY", today)
            .args(["add", "note", "x"])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{today}");
    }
    assert!(journal.snapshot().is_empty());
}
