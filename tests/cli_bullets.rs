//! `bullets --format jsonresume` and `add` showing the bullet an entry makes,
//! through the real binary on a temp journal (today pinned to 2026-11-18).

mod support;

use serde_json::{Value, json};
use support::TestJournal;

fn stdout(journal: &TestJournal, args: &[&str]) -> String {
    let output = journal.cmd().args(args).output().expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{args:?}: {stderr}");
    String::from_utf8(output.stdout).expect("utf-8")
}

fn journal_with_a_win(config: &str) -> TestJournal {
    let journal = TestJournal::new();
    journal.write_config(config);
    journal.write_day(
        "2026-11-17",
        "[[entry]]\nid = \"2026-11-17-m2c9\"\nkind = \"exceeded\"\n\
         title = \"holiday samples\"\ncustomer = \"Pinecrest Foods\"\n\
         expected = \"3 days\"\ndelivered = \"24 hours\"\nrevenue = 9600\n",
    );
    journal
}

#[test]
fn jsonresume_names_the_employer_and_the_role() {
    let journal = journal_with_a_win(
        "name = \"Ada Lovelace\"\nrole = \"Account manager\"\nemployer = \"Harbor Supply\"\n",
    );
    let out: Value =
        serde_json::from_str(&stdout(&journal, &["bullets", "--format", "jsonresume"]))
            .expect("JSON");
    assert_eq!(
        out,
        json!({"work": [{
            "name": "Harbor Supply",
            "position": "Account manager",
            "highlights": ["Delivered Pinecrest Foods' holiday samples in 24 hours against a 3-day ask, bringing in $9,600"]
        }]})
    );
}

#[test]
fn jsonresume_leaves_out_what_the_config_does_not_say() {
    let journal = journal_with_a_win("");
    let out: Value =
        serde_json::from_str(&stdout(&journal, &["bullets", "--format", "jsonresume"]))
            .expect("JSON");
    assert_eq!(out["work"][0].get("name"), None);
    assert_eq!(out["work"][0].get("position"), None);
    assert_eq!(
        out["work"][0]["highlights"].as_array().map(Vec::len),
        Some(1)
    );
}

#[test]
fn json_bullets_list_the_entries_they_came_from() {
    let journal = journal_with_a_win("");
    let out: Value =
        serde_json::from_str(&stdout(&journal, &["bullets", "--format", "json"])).expect("JSON");
    assert_eq!(out["bullets"][0]["entries"], json!(["2026-11-17-m2c9"]));
    assert_eq!(out["bullets"][0]["entry"], json!("2026-11-17-m2c9"));
}
