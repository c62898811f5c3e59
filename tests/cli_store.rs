//! The store through the real binary: formats, in-place edits, broken files,
//! concurrency and where the journal lives.

mod support;

use std::fs;

use predicates::prelude::*;
use serde_json::Value;
use support::TestJournal;

const HAND_EDITED: &str = r#"# Tuesday, written by hand. This comment must survive.

[[entry]]
id = "2026-11-17-k7q2"      # the invoice mess
kind = "screwup"
title = "Sent Acme the October invoice twice"
revenue = -1_200            # nearly
mood = "mortified"          # a key the app does not know

# Promise made on the phone:
[[entry]]
id = "2026-11-17-z81t"
kind = "promise"
title = "Send Birch the revised contract"
due = 2026-11-20
status = "open"

[[entry]]
id = "2026-11-17-n0te"
kind = "note"
title = "Lunch with the billing team"
"#;

fn list_json(journal: &TestJournal, args: &[&str]) -> Vec<Value> {
    let output = journal
        .cmd()
        .arg("list")
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn add_writes_every_field_and_list_json_reads_it_back() {
    let journal = TestJournal::new();
    let screwup = journal.add(&[
        "screwup",
        "Sent Acme the October invoice twice",
        "--customer",
        "Acme Corp",
        "--tag",
        "billing",
        "--revenue",
        "-1200",
        "--customer-value",
        "120000",
        "--time",
        "09:14",
        "--details",
        "Caught before paying.\nApologised.",
    ]);
    assert!(
        screwup.starts_with("2026-11-18-") && screwup.len() == 15,
        "{screwup}"
    );
    let fix = journal.add(&[
        "fix",
        "Added a duplicate-invoice check",
        "--fixes",
        &screwup,
        "--cost-saved",
        "1500.50",
        "--hours-saved",
        "2.5",
        "--reach",
        "40",
        "--adopted-by",
        "billing team",
        "--bullet",
        "Built a check",
    ]);
    journal.add(&[
        "exceeded",
        "Quote for Birch same day",
        "--expected",
        "3 days",
        "--delivered",
        "4 hours",
        "--date",
        "mon",
    ]);
    journal.add(&["promise", "Send Birch the contract", "--due", "2026-11-20"]);

    let entries = list_json(&journal, &[]);
    assert_eq!(entries.len(), 4);
    assert_eq!(entries[0]["kind"], "exceeded");
    assert_eq!(entries[0]["date"], "2026-11-16");
    assert_eq!(entries[0]["expected"], "3 days");
    assert_eq!(entries[0]["delivered"], "4 hours");
    let s = &entries[1];
    assert_eq!(s["id"], screwup.as_str());
    assert_eq!(s["revenue"], -1200);
    assert_eq!(s["customer_value"], 120000);
    assert_eq!(s["time"], "09:14:00");
    assert_eq!(s["tags"], serde_json::json!(["billing"]));
    assert_eq!(s["details"], "Caught before paying.\nApologised.");
    let f = &entries[2];
    assert_eq!(f["id"], fix.as_str());
    assert_eq!(f["fixes"], serde_json::json!([screwup]));
    assert_eq!(f["cost_saved"], 1500.5);
    assert_eq!(f["hours_saved"], 2.5);
    assert_eq!(f["reach"], 40);
    assert_eq!(f["adopted_by"], serde_json::json!(["billing team"]));
    assert_eq!(f["bullet"], "Built a check");
    assert_eq!(entries[3]["due"], "2026-11-20");
    assert_eq!(entries[3]["status"], "open");

    let text = journal.read_day("2026-11-18");
    assert!(
        text.contains("details = \"\"\"\nCaught before paying.\nApologised.\"\"\"\n"),
        "{text}"
    );
    assert!(text.contains("cost_saved = 1500.5\n"), "{text}");
}

#[test]
fn a_hand_edited_file_survives_add_edit_done_and_delete() {
    let journal = TestJournal::new();
    journal.write_day("2026-11-17", HAND_EDITED);

    let added = journal.add(&["met", "Delivered the audit on time", "--date", "2026-11-17"]);
    let after_add = journal.read_day("2026-11-17");
    assert!(after_add.starts_with(HAND_EDITED), "{after_add}");

    journal
        .cmd()
        .args(["done", "2026-11-17-z81t"])
        .assert()
        .success();
    let after_done = journal.read_day("2026-11-17");
    assert_eq!(
        after_done,
        after_add.replace(
            "status = \"open\"",
            "status = \"kept\"\nclosed = 2026-11-18"
        )
    );

    journal
        .cmd()
        .args(["edit", "2026-11-17-k7q2"])
        .env("EDITOR", "sed -i s/twice/two\\ times/")
        .assert()
        .success();
    let after_edit = journal.read_day("2026-11-17");
    assert_eq!(after_edit, after_done.replace("twice", "two times"));

    journal.cmd().args(["delete", &added]).assert().success();
    journal
        .cmd()
        .args(["delete", "2026-11-17-n0te"])
        .assert()
        .success();
    let expected = HAND_EDITED
        .replace(
            "status = \"open\"",
            "status = \"kept\"\nclosed = 2026-11-18",
        )
        .replace("twice", "two times")
        .replace("\n[[entry]]\nid = \"2026-11-17-n0te\"\nkind = \"note\"\ntitle = \"Lunch with the billing team\"\n", "");
    assert_eq!(journal.read_day("2026-11-17"), expected);
}

#[test]
fn a_broken_file_is_reported_never_written_and_other_days_work() {
    let journal = TestJournal::new();
    let broken = "[[entry]]\nid = \"2026-11-17-k7q2\"\nkind = \"note\"\ntitle = \"unterminated\n";
    journal.write_day("2026-11-17", broken);
    journal.write_day("2026-11-16", "");

    journal
        .cmd()
        .args(["add", "note", "into the broken day", "--date", "2026-11-17"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("2026-11-17.toml:4:22:"));
    assert_eq!(journal.read_day("2026-11-17"), broken);

    let id = journal.add(&["note", "today is fine"]);
    journal.cmd().args(["show", &id]).assert().success();
    journal
        .cmd()
        .arg("list")
        .assert()
        .success()
        .stdout(predicate::str::contains("today is fine"))
        .stderr(predicate::str::contains("2026-11-17.toml:4:22:"));

    journal
        .cmd()
        .arg("check")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("2026-11-17.toml:4:22: "))
        .stdout(predicate::str::contains(
            "2026-11-16.toml:1:1: the file is empty",
        ));
    assert_eq!(journal.read_day("2026-11-17"), broken);
    assert_eq!(journal.read_day("2026-11-16"), "");
}

#[test]
fn check_points_at_a_typo_in_a_field() {
    let journal = TestJournal::new();
    journal.write_day(
        "2026-11-17",
        &HAND_EDITED.replace("kind = \"promise\"", "kind = \"promis\""),
    );
    journal
        .cmd()
        .arg("check")
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "2026-11-17.toml:13:8: unknown kind 'promis'",
        ));
    // The other entries of that day are still listed.
    assert_eq!(list_json(&journal, &[]).len(), 2);
}

#[test]
fn check_names_a_fix_whose_screwup_is_not_in_the_journal() {
    let journal = TestJournal::new();
    journal.write_day(
        "2026-11-17",
        &format!(
            "{HAND_EDITED}\n[[entry]]\nid = \"2026-11-17-f1x0\"\nkind = \"fix\"\ntitle = \"Added a check\"\nfixes = [\"2026-11-17-k7q2\", \"2026-11-03-gone\"]\n"
        ),
    );
    journal
        .cmd()
        .arg("check")
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "2026-11-17.toml:1:1: the fix 2026-11-17-f1x0 says it fixes 2026-11-03-gone, which is not in the journal",
        ))
        .stdout(predicate::str::contains("k7q2, which").not());
}

#[test]
fn bad_input_is_refused_with_one_line_and_nothing_changes() {
    let journal = TestJournal::new();
    let screwup = journal.add(&["screwup", "oops"]);
    let note = journal.add(&["note", "a note"]);
    let promise = journal.add(&["promise", "call back", "--due", "fri"]);
    let before = journal.snapshot();

    let usage: &[&[&str]] = &[
        &["add", "win", "kind does not exist"],
        &["add", "note", "bad date", "--date", "2026-02-30"],
        &["add", "note", "bad date", "--date", "someday"],
        &["add", "note", "bad money", "--revenue", "12.345"],
        &["add", "note", "bad money", "--revenue", "ten"],
        &["add", "note", "bad time", "--time", "25:00"],
        &["add", "note", "expected on a note", "--expected", "3 days"],
        &["add", "met", "delivered on met", "--delivered", "4 hours"],
        &["add", "note", "due on a note", "--due", "2026-11-20"],
        &["add", "note", "fixes on a note", "--fixes", &screwup],
        &["add", "note", ""],
        &["add", "fix", "malformed id", "--fixes", "k7q"],
        &["list", "--week", "lastweek"],
        &["list", "--since", "2026-11-20", "--until", "2026-11-01"],
        &["show", "not-an-id"],
        &["nonsense"],
    ];
    // Each refusal exits with `code` and says why on one line.
    let refused = |args: &[&str], code: i32| -> String {
        let output = journal.cmd().args(args).output().unwrap();
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(output.status.code(), Some(code), "{args:?}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
        stderr
    };
    for args in usage {
        refused(args, 2);
    }
    // A field of another kind is named by its flag.
    let stderr = refused(&["add", "note", "due on a note", "--due", "2026-11-20"], 2);
    assert!(
        stderr.contains("--due: due only applies to a promise entry, not a note"),
        "{stderr}"
    );

    let runtime: &[&[&str]] = &[
        &[
            "add",
            "fix",
            "unknown screw-up",
            "--fixes",
            "2026-11-18-zzzz",
        ],
        &["add", "fix", "fixes a note", "--fixes", &note],
        &["show", "2026-11-18-zzzz"],
        &["edit", "2026-11-18-zzzz"],
        &["delete", "2026-11-18-zzzz"],
        &["done", "2026-11-18-zzzz"],
        &["missed", "2026-11-18-zzzz"],
        &["done", &note],
    ];
    for args in runtime {
        refused(args, 1);
    }
    assert_eq!(journal.snapshot(), before);

    journal.cmd().args(["missed", &promise]).assert().success();
    assert_ne!(journal.snapshot(), before);
}

#[test]
fn an_invalid_edit_keeps_the_users_text_and_changes_nothing() {
    let journal = TestJournal::new();
    let id = journal.add(&["promise", "Send the contract", "--due", "2026-11-20"]);
    let before = journal.snapshot();
    let output = journal
        .cmd()
        .args(["edit", &id])
        .env(
            "VISUAL",
            "sed -i -e s/2026-11-20/2026-11-31/ -e s/contract/signed\\ contract/",
        )
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("Nothing was changed. Your text is kept in "),
        "{stderr}"
    );
    let kept = stderr.trim().rsplit("kept in ").next().unwrap();
    let text = fs::read_to_string(kept).unwrap();
    assert!(text.contains("signed contract"), "{text}");
    assert_eq!(journal.snapshot(), before);
    fs::remove_file(kept).unwrap();

    // Changing the id is refused too.
    let refused = journal
        .cmd()
        .args(["edit", &id])
        .env(
            "EDITOR",
            r#"sed -i 's/^id = "\(.\{10\}\)-.\{4\}"/id = "\1-aaaa"/'"#,
        )
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(1));
    let stderr = String::from_utf8(refused.stderr).unwrap();
    assert!(stderr.contains("ids cannot be changed"), "{stderr}");
    fs::remove_file(stderr.trim().rsplit("kept in ").next().unwrap()).unwrap();
    assert_eq!(journal.snapshot(), before);
}

/// Each of four processes adds this many entries to the same day at once.
const ADDS_PER_WRITER: usize = 100;

#[test]
fn concurrent_adds_from_four_processes_all_land() {
    let journal = TestJournal::new();
    journal.add(&["note", "first"]);
    let writers: Vec<_> = (0..4)
        .map(|writer| {
            let (root, config) = (journal.root(), journal.config_path());
            std::thread::spawn(move || {
                for i in 0..ADDS_PER_WRITER {
                    let output = std::process::Command::new(env!("CARGO_BIN_EXE_jobjournal"))
                        .env("JOBJOURNAL_DIR", &root)
                        .env("JOBJOURNAL_CONFIG", &config)
                        .env("JOBJOURNAL_TODAY", support::TODAY)
                        .args(["add", "note", &format!("writer {writer} note {i}")])
                        .output()
                        .unwrap();
                    assert!(
                        output.status.success(),
                        "{}",
                        String::from_utf8_lossy(&output.stderr)
                    );
                }
            })
        })
        .collect();
    for writer in writers {
        writer.join().unwrap();
    }
    let entries = list_json(&journal, &[]);
    assert_eq!(entries.len(), 4 * ADDS_PER_WRITER + 1);
    for writer in 0..4 {
        for i in 0..ADDS_PER_WRITER {
            let title = format!("writer {writer} note {i}");
            assert!(
                entries.iter().any(|e| e["title"] == title.as_str()),
                "{title} is missing"
            );
        }
    }
    let mut ids: Vec<&str> = entries.iter().map(|e| e["id"].as_str().unwrap()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 4 * ADDS_PER_WRITER + 1, "ids are unique");
}

#[test]
fn hostile_text_is_escaped_in_text_and_exact_in_json() {
    let journal = TestJournal::new();
    let title = "Invoice \u{1b}]52;c;ZXZpbA==\u{7} sent \u{202e}fdp.exe \u{9b}31m";
    let id = journal.add(&["note", title, "--customer", "Acme\u{1b}[2J"]);
    let output = journal.cmd().arg("list").output().unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.contains("Invoice \\u{1b}]52;c;ZXZpbA==\\u{7} sent \\u{202e}fdp.exe \\u{9b}31m"),
        "{text}"
    );
    assert!(text.contains("Acme\\u{1b}[2J"), "{text}");
    for shown in [
        text,
        String::from_utf8(journal.cmd().args(["show", &id]).output().unwrap().stdout).unwrap(),
    ] {
        assert!(
            !shown.chars().any(|c| c.is_control() && c != '\n'),
            "{shown:?}"
        );
        assert!(!shown.contains('\u{202e}'));
    }
    let entries = list_json(&journal, &[]);
    assert_eq!(entries[0]["title"], title);
}

#[test]
fn where_the_journal_lives() {
    let journal = TestJournal::new();
    let from_config = journal.dir.path().join("from-config");
    journal.write_config(&format!(
        "journal_dir = {:?}\n",
        from_config.display().to_string()
    ));

    // The env var beats the config.
    journal
        .cmd()
        .args(["add", "note", "env"])
        .assert()
        .success();
    assert!(journal.root().exists() && !from_config.exists());

    // The config is used without the env var.
    journal
        .cmd()
        .env_remove("JOBJOURNAL_DIR")
        .args(["add", "note", "config"])
        .assert()
        .success();
    assert!(from_config.join("2026").join("2026-11-18.toml").exists());

    // The flag beats both.
    let from_flag = journal.dir.path().join("from-flag");
    journal
        .cmd()
        .args(["--journal"])
        .arg(&from_flag)
        .args(["add", "note", "flag"])
        .assert()
        .success();
    assert!(from_flag.join("2026").join("2026-11-18.toml").exists());
}

#[test]
fn a_broken_config_is_a_clear_error() {
    let journal = TestJournal::new();
    journal.write_config("name = \"Ada\"\ncurency = \"EUR\"\n");
    journal
        .cmd()
        .args(["add", "note", "x"])
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("config.toml:2:1:").and(predicate::str::contains("curency")),
        );
    assert!(!journal.root().exists());
}

#[cfg(unix)]
#[test]
fn files_are_private_and_leftovers_are_cleaned() {
    use std::os::unix::fs::PermissionsExt;
    let journal = TestJournal::new();
    journal.add(&["note", "private"]);
    let mode = |p: &std::path::Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&journal.root()), 0o700);
    assert_eq!(mode(&journal.root().join("2026")), 0o700);
    assert_eq!(mode(&journal.day_path("2026-11-18")), 0o600);

    let leftover = journal
        .root()
        .join("2026")
        .join(".2026-11-18.toml.deadbeef.jjtmp");
    fs::write(&leftover, "half a file").unwrap();
    journal
        .cmd()
        .arg("check")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("interrupted save"));
    journal.add(&["note", "next start"]);
    assert!(!leftover.exists());
    journal.cmd().arg("check").assert().success();
}

#[test]
fn list_filters_and_ranges() {
    let journal = TestJournal::new();
    journal.add(&[
        "screwup",
        "Billing mistake",
        "--tag",
        "billing",
        "--customer",
        "Acme",
    ]);
    journal.add(&["met", "Audit delivered", "--customer", "Birch"]);
    journal.add(&["note", "Old note about billing", "--date", "2025-03-03"]);
    let titles = |args: &[&str]| -> Vec<String> {
        list_json(&journal, args)
            .iter()
            .map(|e| e["title"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(titles(&[]).len(), 2);
    assert_eq!(titles(&["--kind", "met"]), ["Audit delivered"]);
    assert_eq!(titles(&["--tag", "billing"]), ["Billing mistake"]);
    assert_eq!(titles(&["--customer", "acme"]), ["Billing mistake"]);
    // Both have the word in the title: the newer comes first.
    assert_eq!(
        titles(&["--search", "BILLING"]),
        ["Billing mistake", "Old note about billing"]
    );
    assert_eq!(
        titles(&["--search", "billing", "--week", "this"]),
        ["Billing mistake"]
    );
    assert_eq!(
        titles(&["--since", "2025-01-01", "--until", "2025-12-31"]),
        ["Old note about billing"]
    );
    assert_eq!(
        titles(&["--week", "2025-03-05"]),
        ["Old note about billing"]
    );
    assert!(titles(&["--week", "last"]).is_empty());
}

#[cfg(unix)]
#[test]
fn a_journal_others_can_read_draws_a_warning() {
    use std::os::unix::fs::PermissionsExt;
    let journal = TestJournal::new();
    journal.add(&["note", "private"]);
    journal
        .cmd()
        .arg("list")
        .assert()
        .success()
        .stderr(predicate::str::is_empty());
    fs::set_permissions(journal.root(), fs::Permissions::from_mode(0o755)).unwrap();
    journal
        .cmd()
        .arg("list")
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "can be read by other users (mode 755); run: chmod -R go-rwx",
        ));
}

#[test]
fn list_due_shows_open_promises_overdue_or_due_soon_oldest_first() {
    let journal = TestJournal::new();
    journal.add(&["promise", "Due in ten days", "--due", "2026-11-28"]);
    journal.add(&["promise", "Due Friday", "--due", "2026-11-20"]);
    journal.add(&[
        "promise",
        "Overdue since Monday",
        "--due",
        "2026-11-16",
        "--date",
        "2026-11-10",
    ]);
    let kept = journal.add(&["promise", "Kept already", "--due", "2026-11-17"]);
    journal.cmd().args(["done", &kept]).assert().success();
    journal.add(&["note", "Not a promise"]);

    let out = journal.cmd().args(["list", "--due"]).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let overdue = text.find("Overdue since Monday").expect(&text);
    let friday = text.find("Due Friday").expect(&text);
    assert!(overdue < friday, "oldest due first:\n{text}");
    assert!(text.contains("2 days overdue"), "{text}");
    assert!(!text.contains("Due in ten days"), "{text}");
    assert!(!text.contains("Kept already"), "{text}");
    assert!(!text.contains("Not a promise"), "{text}");

    let out = journal
        .cmd()
        .args(["list", "--due", "--within", "10", "--format", "json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let titles: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        ["Overdue since Monday", "Due Friday", "Due in ten days"]
    );
    // --within without --due is a usage error.
    let out = journal
        .cmd()
        .args(["list", "--within", "3"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn list_search_needs_every_word_anywhere_and_customer_a_part_of_the_name() {
    let journal = TestJournal::new();
    journal.add(&[
        "screwup",
        "Sent the invoice twice",
        "--customer",
        "Acme Corp",
    ]);
    journal.add(&["note", "Lunch with the billing team"]);
    journal.add(&["note", "Acme called about nothing"]);
    let titles = |args: &[&str]| -> Vec<String> {
        list_json(&journal, args)
            .iter()
            .map(|e| e["title"].as_str().unwrap().to_string())
            .collect()
    };
    // Words in any order and field, whatever the case.
    assert_eq!(
        titles(&["--search", "acme invoice"]),
        ["Sent the invoice twice"]
    );
    assert_eq!(
        titles(&["--search", "INVOICE acme"]),
        ["Sent the invoice twice"]
    );
    assert!(titles(&["--search", "birch"]).is_empty());
    assert!(titles(&["--search", "acme lunch"]).is_empty());
    assert_eq!(titles(&["--customer", "acme"]), ["Sent the invoice twice"]);
    assert_eq!(titles(&["--customer", "CORP"]), ["Sent the invoice twice"]);
    assert!(titles(&["--customer", "birch"]).is_empty());
}

#[test]
fn delete_refuses_a_fixed_screwup_without_force_and_says_how_to_restore() {
    let journal = TestJournal::new();
    let screwup = journal.add(&["screwup", "Sent the invoice twice"]);
    let fix = journal.add(&["fix", "Added a duplicate check", "--fixes", &screwup]);

    // show names what fixed it.
    let out = journal.cmd().args(["show", &screwup]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains(&format!("fixed by        {fix}  Added a duplicate check")),
        "{text}"
    );

    let before = journal.snapshot();
    let out = journal.cmd().args(["delete", &screwup]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains(&fix) && err.contains("--force"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert_eq!(journal.snapshot(), before, "nothing changed");

    let out = journal
        .cmd()
        .args(["delete", "--force", &screwup])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("to restore it, add these lines to"), "{text}");
    assert!(text.contains(&format!("id = \"{screwup}\"")), "{text}");
    assert!(
        !journal
            .read_day(support::TODAY)
            .contains("Sent the invoice twice")
    );

    // The printed lines put it back as it was, same id.
    let lines = text.split_once(":\n\n").unwrap().1;
    let day = journal.read_day(support::TODAY);
    journal.write_day(support::TODAY, &format!("{day}\n{lines}"));
    journal.cmd().arg("check").assert().success();
    let out = journal.cmd().args(["show", &screwup]).output().unwrap();
    assert!(out.status.success());
}
