//! Short ids: the four characters after the date stand for the whole id
//! wherever an id is taken, when exactly one entry has them.

mod support;

use predicates::prelude::*;
use support::TestJournal;

const DAYS: [(&str, &str); 2] = [
    (
        "2026-11-17",
        r#"[[entry]]
id = "2026-11-17-z81t"
kind = "promise"
title = "Send Birch the revised contract"
due = 2026-11-20
status = "open"

[[entry]]
id = "2026-11-17-k7q2"
kind = "screwup"
title = "Sent Acme the October invoice twice"
"#,
    ),
    (
        "2026-11-18",
        r#"[[entry]]
id = "2026-11-18-k7q2"
kind = "note"
title = "Same four letters, another day"

[[entry]]
id = "2026-11-18-m2c9"
kind = "promise"
title = "Call Birch back"
status = "open"
"#,
    ),
];

fn journal() -> TestJournal {
    let journal = TestJournal::new();
    for (date, text) in DAYS {
        journal.write_day(date, text);
    }
    journal
}

#[test]
fn show_done_missed_and_delete_take_a_short_id() {
    let journal = journal();
    journal
        .cmd()
        .args(["show", "z81t"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Send Birch the revised contract"));
    // An editor that saves nothing: `edit` found the entry by its short id.
    journal
        .cmd()
        .env("VISUAL", "true")
        .args(["edit", "z81t"])
        .assert()
        .success()
        .stdout(predicate::str::contains("no changes to 2026-11-17-z81t"));
    journal.cmd().args(["done", "z81t"]).assert().success();
    assert!(journal.read_day("2026-11-17").contains("status = \"kept\""));
    journal.cmd().args(["missed", "m2c9"]).assert().success();
    assert!(
        journal
            .read_day("2026-11-18")
            .contains("status = \"missed\"")
    );
    journal.cmd().args(["delete", "m2c9"]).assert().success();
    assert!(!journal.read_day("2026-11-18").contains("m2c9"));
}

#[test]
fn add_fixes_takes_a_short_id() {
    let journal = journal();
    journal.write_day(
        "2026-11-16",
        "[[entry]]\nid = \"2026-11-16-s7nd\"\nkind = \"screwup\"\ntitle = \"Missed the standup\"\n",
    );
    let id = journal.add(&["fix", "Calendar reminder", "--fixes", "s7nd"]);
    let day = journal.read_day(&id[..10]);
    assert!(day.contains("2026-11-16-s7nd"), "{day}");
}

#[test]
fn an_ambiguous_short_id_lists_the_candidates_and_changes_nothing() {
    let journal = journal();
    let before = journal.snapshot();
    journal
        .cmd()
        .args(["delete", "k7q2"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("2026-11-17-k7q2"))
        .stderr(predicate::str::contains("2026-11-18-k7q2"));
    assert_eq!(journal.snapshot(), before);
}

#[test]
fn an_unknown_short_id_is_no_entry_and_a_malformed_one_is_usage() {
    let journal = journal();
    journal
        .cmd()
        .args(["done", "zzzz"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no entry with id zzzz"));
    journal.cmd().args(["show", "Z8"]).assert().code(2);
    // The full id still works.
    journal
        .cmd()
        .args(["show", "2026-11-18-k7q2"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Same four letters"));
}
