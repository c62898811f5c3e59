//! Crash consistency: start `add`, `edit` and `delete` on one day file and
//! SIGKILL them at random moments. After every kill the file parses, every
//! acknowledged entry is there, the hand-written part is byte-identical, and
//! the next start leaves no temp file behind.
//!
//! `JOBJOURNAL_CRASH_KILLS` sets the number of kills (default 300, for CI);
//! `JOBJOURNAL_CRASH_KILLS=10000 cargo test --release --test crash -- --nocapture`
//! is the full run.

mod support;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use chrono::NaiveDate;
use jobjournal::store::DayFile;
use support::TestJournal;

const DAY: &str = "2026-11-18";
/// Past this many added entries on the day, the loop only edits and deletes.
const MAX_ADDED: usize = 40;
const HAND_WRITTEN: &str = "# Written by hand; these bytes must never change.\n\n[[entry]]\nid = \"2026-11-18-hand\"   # keep me\nkind = \"screwup\"\ntitle = \"Hand-written screw-up\"\nmood = \"unknown keys stay\"\n";

fn command(journal: &TestJournal, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_jobjournal"));
    cmd.env("JOBJOURNAL_DIR", journal.root())
        .env("JOBJOURNAL_CONFIG", journal.config_path())
        .env("JOBJOURNAL_TODAY", support::TODAY)
        .env("EDITOR", "sed -i s/version-a/version-b/")
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd
}

fn ids_on_disk(path: &Path) -> BTreeSet<String> {
    let text = std::fs::read_to_string(path).expect("the day file exists");
    assert!(
        text.starts_with(HAND_WRITTEN),
        "the hand-written part changed:\n{text}"
    );
    let date = NaiveDate::parse_from_str(DAY, "%Y-%m-%d").unwrap();
    let parsed = DayFile::parse(path, date, &text);
    assert!(
        parsed.problems.is_empty(),
        "a kill left a broken file: {:?}\n{text}",
        parsed.problems
    );
    parsed.entries.iter().map(|e| e.id.to_string()).collect()
}

#[derive(Default)]
struct Tally {
    killed: usize,
    finished: usize,
    /// Kills that hit mid-save: a temp file was left beside the day file.
    mid_save: usize,
    /// Killed commands whose change had already landed.
    landed_unacknowledged: usize,
}

fn temp_files(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .ends_with(jobjournal::store::TEMP_SUFFIX)
        })
        .count()
}

#[test]
fn sigkill_at_random_moments_never_corrupts_or_loses_an_acknowledged_entry() {
    let kills: usize = std::env::var("JOBJOURNAL_CRASH_KILLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(300);
    let seed: u64 = std::env::var("JOBJOURNAL_CRASH_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(7);
    let mut rng = fastrand::Rng::with_seed(seed);
    let journal = TestJournal::new();
    journal.write_day(DAY, HAND_WRITTEN);
    let path = journal.day_path(DAY);

    // How long one command takes here, so kills land across its whole run.
    let started = Instant::now();
    for _ in 0..10 {
        let out = command(&journal, &["add", "note", "timing version-a"])
            .output()
            .unwrap();
        assert!(out.status.success());
    }
    let typical = started.elapsed() / 10;

    let mut expected: BTreeSet<String> = ids_on_disk(&path);
    let mut tally = Tally::default();
    while tally.killed < kills {
        let added: Vec<String> = expected
            .iter()
            .filter(|id| id.as_str() != "2026-11-18-hand")
            .cloned()
            .collect();
        // Adds outnumber deletes, so without a cap the file would grow with
        // the kills and a full run would time commands on a day no one has.
        let op = if added.len() >= MAX_ADDED {
            rng.u8(6..10)
        } else {
            rng.u8(..10)
        };
        let target = (!added.is_empty()).then(|| added[rng.usize(..added.len())].clone());
        let args: Vec<String> = match (op, &target) {
            (0..=5, _) | (_, None) => vec![
                "add".into(),
                "note".into(),
                format!("note {} version-a", tally.killed),
            ],
            (6..=7, Some(id)) => vec!["delete".into(), id.clone()],
            (_, Some(id)) => vec!["edit".into(), id.clone()],
        };
        let argv: Vec<&str> = args.iter().map(String::as_str).collect();
        let temps_before = temp_files(path.parent().unwrap());
        let mut child = command(&journal, &argv).spawn().unwrap();
        std::thread::sleep(typical.mul_f64(0.3 + rng.f64()));
        let finished = child.try_wait().unwrap().is_some();
        if !finished {
            child.kill().unwrap();
            tally.killed += 1;
        } else {
            tally.finished += 1;
        }
        let output = child.wait_with_output().unwrap();
        if !finished && temp_files(path.parent().unwrap()) > temps_before {
            tally.mid_save += 1;
        }
        let on_disk = ids_on_disk(&path);
        if !finished && on_disk != expected {
            tally.landed_unacknowledged += 1;
        }
        let acknowledged = finished && output.status.success();
        match argv[0] {
            "add" if acknowledged => {
                let id = String::from_utf8(output.stdout).unwrap().trim().to_string();
                assert!(on_disk.contains(&id), "acknowledged {id} is missing");
                expected.insert(id);
            }
            "delete" if acknowledged => {
                expected.remove(argv[1]);
            }
            _ => {}
        }
        // Every id we know of is there, except one an interrupted delete removed.
        for id in &expected {
            let interrupted_delete = argv[0] == "delete" && argv[1] == id && !acknowledged;
            assert!(
                on_disk.contains(id) || interrupted_delete,
                "{id} was lost after {argv:?}"
            );
        }
        // An interrupted add may have landed without being acknowledged; nothing else may appear.
        let extra: Vec<&String> = on_disk.difference(&expected).collect();
        assert!(
            extra.len() <= 1 && (extra.is_empty() || (argv[0] == "add" && !acknowledged)),
            "unexpected entries {extra:?} after {argv:?}"
        );
        expected = on_disk;
    }

    // The next start cleans what the kills left behind.
    command(&journal, &["add", "note", "after the storm"])
        .output()
        .unwrap();
    assert_eq!(
        temp_files(path.parent().unwrap()),
        0,
        "temp files left after the next start"
    );
    let check = command(&journal, &["check"]).output().unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    println!(
        "crash: {} kills ({} mid-save, {} after the change landed), {} runs finished first, {} entries on disk, typical run {:?}; 0 corrupt files, 0 lost acknowledged entries",
        tally.killed,
        tally.mid_save,
        tally.landed_unacknowledged,
        tally.finished,
        expected.len() + 1,
        typical
    );
}
