//! `edit` against changes made while the editor was open: it applies only
//! what this editor changed, refuses when the same field changed on disk,
//! and strips only the header it wrote.

mod support;

use std::fs;

use support::TestJournal;

const BIN: &str = env!("CARGO_BIN_EXE_jobjournal");

/// An `$EDITOR` that first runs `meanwhile` (a shell line; `$BIN` is the
/// binary) and then `sed -i script` on the file being edited.
fn editor(meanwhile: &str, script: &str) -> String {
    format!(
        "sh -c '{}; sed -i \"{script}\" \"$0\"'",
        meanwhile.replace("$BIN", BIN)
    )
}

#[test]
fn an_edit_keeps_a_done_made_while_the_editor_was_open() {
    let journal = TestJournal::new();
    let id = journal.add(&["promise", "Send Birch the contract", "--due", "2026-11-20"]);
    journal
        .cmd()
        .args(["edit", &id])
        .env(
            "EDITOR",
            editor(&format!("$BIN done {id}"), "s/contract/agreement/"),
        )
        .assert()
        .success();
    let day = journal.read_day("2026-11-18");
    assert!(day.contains("Send Birch the agreement"), "{day}");
    assert!(
        day.contains("status = \"kept\""),
        "the done was reverted:\n{day}"
    );
}

#[test]
fn an_edit_of_a_field_changed_meanwhile_is_refused_and_the_text_kept() {
    let journal = TestJournal::new();
    let id = journal.add(&["met", "Quote turned around"]);
    let day_path = journal.day_path("2026-11-18");
    let output = journal
        .cmd()
        .args(["edit", &id])
        .env(
            "EDITOR",
            editor(
                &format!("sed -i s/turned/sent/ {}", day_path.display()),
                "s/turned around/done by noon/",
            ),
        )
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("title changed"), "{stderr}");
    assert!(journal.read_day("2026-11-18").contains("Quote sent around"));
    let kept = stderr
        .split("Your text is kept in ")
        .nth(1)
        .expect("says where the text is")
        .trim();
    assert!(
        fs::read_to_string(kept)
            .unwrap()
            .contains("Quote done by noon")
    );
}

#[test]
fn edit_strips_only_its_own_header() {
    let journal = TestJournal::new();
    let details = "Steps:\n# jobjournal: not a header\nthe end";
    let id = journal.add(&["note", "Runbook", "--details", details]);
    journal
        .cmd()
        .args(["edit", &id])
        .env("EDITOR", editor("true", "s/Runbook/Runbook v2/"))
        .assert()
        .success();
    let output = journal
        .cmd()
        .args(["list", "--week", "2026-W47", "--format", "json"])
        .output()
        .unwrap();
    let entries: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(entries[0]["title"], "Runbook v2");
    assert_eq!(entries[0]["details"], details);
}
