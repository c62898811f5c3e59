//! Attacks on what the weekly report reads from older weeks (the outline
//! cache and `report::load::weekly`) and on `import jrnl`: the report must
//! equal the one built from the whole journal, and an import must never
//! give the journal a second entry under one id.

mod support;

use std::collections::HashSet;
use std::path::Path;

use chrono::{Datelike, Days, NaiveDate};
use jobjournal::model::{Currency, Entry, EntryId, Kind, PromiseStatus, Week, WeekStart};
use jobjournal::report::{self, Author, WeeklyReport};
use jobjournal::store::{Journal, OUTLINES_FILE, Problem};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
}

fn author() -> Author {
    Author {
        name: "Ada Lovelace".into(),
        role: "Account manager".into(),
    }
}

/// Dates every day file an hour back, as files written long ago, so the
/// cache records them.
fn settle_all(journal: &Journal) {
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for (_, path) in journal.day_files().expect("lists") {
        let file = std::fs::File::options()
            .write(true)
            .open(&path)
            .expect("day file");
        file.set_modified(hour_ago).expect("mtime");
    }
}

/// A journal of screw-ups, fixes (of earlier and later screw-ups, one or
/// two each), promises in every state and notes over a year and a half,
/// with about one entry in five filed on another day than its id names
/// (moved since it was written).
fn random_entries(seed: u64) -> Vec<Entry> {
    let mut rng = fastrand::Rng::with_seed(seed);
    let first = day(2024, 1, 1);
    let mut ids = HashSet::new();
    let mut fresh = |rng: &mut fastrand::Rng, kind: Kind, n: usize| {
        let id_day = first + Days::new(rng.u64(0..540));
        let id = loop {
            let id = EntryId::generate(id_day, rng);
            if ids.insert(id.clone()) {
                break id;
            }
        };
        let date = match rng.u8(0..5) {
            0 => {
                let shift = rng.i64(-40..=40);
                id_day
                    .checked_add_signed(chrono::TimeDelta::days(shift))
                    .expect("in range")
            }
            _ => id_day,
        };
        Entry::new(id, date, kind, format!("{} {n}", kind.as_str()))
    };
    let mut entries: Vec<Entry> = (0..25).map(|n| fresh(&mut rng, Kind::Screwup, n)).collect();
    let screwups: Vec<EntryId> = entries.iter().map(|e| e.id.clone()).collect();
    for n in 0..25 {
        let mut fix = fresh(&mut rng, Kind::Fix, n);
        fix.fixes
            .push(screwups[rng.usize(..screwups.len())].clone());
        if rng.bool() {
            let other = screwups[rng.usize(..screwups.len())].clone();
            if !fix.fixes.contains(&other) {
                fix.fixes.push(other);
            }
        }
        entries.push(fix);
    }
    for n in 0..20 {
        let mut promise = fresh(&mut rng, Kind::Promise, n);
        promise.due = Some(promise.date + Days::new(rng.u64(0..30)));
        match rng.u8(0..3) {
            0 => {}
            1 => {
                promise.status = Some(PromiseStatus::Kept);
                promise.closed = Some(promise.date + Days::new(rng.u64(0..60)));
            }
            _ => {
                promise.status = Some(PromiseStatus::Missed);
                promise.closed = Some(promise.date + Days::new(rng.u64(0..60)));
            }
        }
        entries.push(promise);
    }
    for n in 0..10 {
        entries.push(fresh(&mut rng, Kind::Note, n));
    }
    entries
}

/// How many random journals a test builds (`JOBJOURNAL_CACHE_SEEDS`).
fn seeds() -> u64 {
    std::env::var("JOBJOURNAL_CACHE_SEEDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(4)
}

/// The journal of [`random_entries`] for `seed`, its files settled.
fn random_journal(seed: u64) -> (tempfile::TempDir, Journal) {
    let dir = tempfile::tempdir().expect("tempdir");
    let journal = Journal::new(dir.path());
    let _ = journal
        .add_with_ids(&random_entries(seed))
        .expect("imports");
    settle_all(&journal);
    (dir, journal)
}

/// Asserts that the report of `week` from what `load::weekly` reads equals
/// the one from `all`, the whole journal; returns the problems it read.
fn assert_same_report(journal: &Journal, week: Week, all: &[Entry], run: &str) -> Vec<Problem> {
    let loaded = report::load::weekly(journal, week).expect("loads");
    let today = day(2030, 1, 1);
    let build = |entries: &[Entry]| {
        WeeklyReport::build(week, entries, author(), Currency::default(), today)
    };
    assert_eq!(
        build(&loaded.entries),
        build(all),
        "{run}, {}",
        week.label()
    );
    loaded.problems
}

/// For every week of random journals, with no outline cache and with the
/// one the reports wrote, the report built from what `load::weekly` reads
/// equals the report built from the whole journal.
#[test]
fn reports_from_the_cache_equal_reports_from_the_whole_journal_for_random_journals() {
    let mut weeks_compared = 0;
    for seed in 0..seeds() {
        let (dir, journal) = random_journal(seed);
        let all = journal.load_all().expect("loads").entries;
        let cache = dir.path().join(OUTLINES_FILE);
        for run in ["no cache", "cache"] {
            let mut week = Week::containing(day(2024, 1, 1), WeekStart::Monday);
            while week.start() < day(2025, 8, 1) {
                if run == "no cache" {
                    let _ = std::fs::remove_file(&cache);
                }
                let problems =
                    assert_same_report(&journal, week, &all, &format!("seed {seed}, {run}"));
                assert!(problems.is_empty(), "{problems:?}");
                weeks_compared += 1;
                week = week.next();
            }
            if run == "no cache" {
                let _ = report::load::weekly(&journal, week).expect("loads");
                assert!(cache.exists(), "a report writes the cache");
            }
        }
    }
    eprintln!("{weeks_compared} weekly reports compared");
}

/// An entry imported, then moved by hand to another day, is the same entry
/// at the next import of the same file: the import adds nothing, and never
/// files a second entry under its id (which `check` calls broken).
#[test]
fn importing_again_after_a_move_adds_nothing_and_never_repeats_an_id() {
    let journal = support::TestJournal::new();
    let source = journal.dir.path().join("journal.txt");
    std::fs::write(
        &source,
        "[2026-11-02 09:00] Lost the Gable keys @screwup.\nLeft them at the desk.\n\n\
         [2026-11-03 10:00] Called Acme.\n",
    )
    .expect("write jrnl file");
    let import = || {
        let output = journal
            .cmd()
            .args(["import", "jrnl"])
            .arg(&source)
            .output()
            .expect("runs");
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).expect("utf-8")
    };
    assert_eq!(import(), "added 2 entries; 0 already in the journal\n");
    // Moved by hand to the Thursday: the file holds no date of its own.
    std::fs::rename(
        journal.day_path("2026-11-02"),
        journal.day_path("2026-11-05"),
    )
    .expect("move the day");
    assert_eq!(import(), "added 0 entries; 2 already in the journal\n");
    let check = journal.cmd().arg("check").output().expect("runs");
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    assert!(!journal.day_path("2026-11-02").exists());
}

/// The store refuses, before writing anything, ids the journal already has
/// on another day (an entry keeps its id when it moves) and ids given twice.
#[test]
fn adding_with_ids_refuses_an_id_held_on_another_day_or_given_twice() {
    let dir = tempfile::tempdir().expect("tempdir");
    let journal = Journal::new(dir.path());
    let id: EntryId = "2026-11-02-gabl".parse().expect("id");
    let moved = Entry::new(id.clone(), day(2026, 11, 5), Kind::Screwup, "Lost the keys");
    let _ = journal.add_with_ids(&[moved]).expect("adds");
    let before = std::fs::read(journal.day_path(day(2026, 11, 5))).expect("day");
    let again = Entry::new(id.clone(), day(2026, 11, 2), Kind::Screwup, "Lost the keys");
    let err = journal.add_with_ids(&[again]).expect_err("refused");
    assert!(err.to_string().contains("2026-11-02-gabl"), "{err}");
    assert!(!journal.day_path(day(2026, 11, 2)).exists());
    let twice_id: EntryId = "2026-11-09-twce".parse().expect("id");
    let twice = Entry::new(twice_id, day(2026, 11, 9), Kind::Note, "Said twice");
    let err = journal
        .add_with_ids(&[twice.clone(), twice])
        .expect_err("refused");
    assert!(err.to_string().contains("2026-11-09-twce"), "{err}");
    assert!(!journal.day_path(day(2026, 11, 9)).exists());
    assert_eq!(
        std::fs::read(journal.day_path(day(2026, 11, 5))).expect("day"),
        before
    );
}

/// A broken day file may hold an id too: the import cannot tell, so it
/// refuses, names the file and writes nothing, until the file is mended.
#[test]
fn adding_with_ids_refuses_while_a_day_file_it_cannot_read_may_hold_an_id() {
    let dir = tempfile::tempdir().expect("tempdir");
    let journal = Journal::new(dir.path());
    let id: EntryId = "2026-11-02-gabl".parse().expect("id");
    let moved = Entry::new(id.clone(), day(2026, 11, 5), Kind::Screwup, "Lost the keys");
    let _ = journal.add_with_ids(&[moved]).expect("adds");
    // A hand edit broke the day the entry moved to.
    let broken = journal.day_path(day(2026, 11, 5));
    let text = std::fs::read_to_string(&broken).expect("day");
    std::fs::write(&broken, text.replace("title = ", "title = = ")).expect("break it");
    let again = Entry::new(id, day(2026, 11, 2), Kind::Screwup, "Lost the keys");
    let err = journal.add_with_ids(&[again]).expect_err("refused");
    assert!(err.to_string().contains("2026-11-05.toml"), "{err}");
    assert!(!journal.day_path(day(2026, 11, 2)).exists());
}

/// One day file's text as its `[[entry]]` blocks, each with its header.
fn blocks(text: &str) -> Vec<String> {
    text.split("[[entry]]")
        .skip(1)
        .map(|block| format!("[[entry]]{block}"))
        .collect()
}

/// What a person or a tool does to the files under the cache.
#[derive(Debug, Clone, Copy)]
enum Attack {
    /// A day file deleted.
    DeleteDay,
    /// An entry's table cut from its day and pasted into another (any
    /// year), by hand: the entry keeps its id.
    MoveByHand,
    /// A move cut between its writes: a copy on each day, the marker left.
    HalfMoved,
    /// A date written over in place, the file's size and time kept.
    EditKeepingSizeAndTime,
    /// A day file replaced by a copy of another day's file made with its
    /// times (`cp -a`), then renamed over it.
    ReplacedByRename,
    /// The cache cut short, as a write killed half-way would leave it.
    CacheCutShort,
    /// A year's folder moved out of the journal and linked back.
    SymlinkedYear,
    /// A day file moved into another year's folder (no longer a day file).
    DayIntoAnotherYear,
    /// A day file replaced by a link to an edited copy outside the journal.
    SymlinkedDay,
}

/// For random journals whose reports wrote the outline cache, then an
/// attack on the files beneath it: every week's report from what
/// `load::weekly` reads (twice, so once from the cache the first wrote)
/// equals the report built from the whole journal.
#[test]
fn attacks_under_the_outline_cache_never_change_a_report() {
    let attacks = [
        Attack::DeleteDay,
        Attack::MoveByHand,
        Attack::HalfMoved,
        Attack::EditKeepingSizeAndTime,
        Attack::ReplacedByRename,
        Attack::CacheCutShort,
        Attack::SymlinkedYear,
        Attack::DayIntoAnotherYear,
        Attack::SymlinkedDay,
    ];
    let mut compared = 0;
    for seed in 0..seeds() {
        for attack in attacks {
            let mut rng = fastrand::Rng::with_seed(seed * 100 + attack as u64);
            let (dir, journal) = random_journal(seed);
            let weeks: Vec<Week> = (0..12)
                .map(|_| {
                    Week::containing(
                        day(2024, 1, 1) + Days::new(rng.u64(0..600)),
                        WeekStart::Monday,
                    )
                })
                .collect();
            // The cache as the reports of those weeks write it.
            for week in &weeks {
                let _ = report::load::weekly(&journal, *week).expect("loads");
            }
            let cache = dir.path().join(OUTLINES_FILE);
            assert!(cache.exists());
            let outside = tempfile::tempdir().expect("tempdir");
            attack_files(&journal, attack, &mut rng, outside.path());
            let all = journal.load_all().expect("loads").entries;
            for round in 0..2 {
                for week in &weeks {
                    let run = format!("seed {seed}, {attack:?}, round {round}");
                    let _ = assert_same_report(&journal, *week, &all, &run);
                    compared += 1;
                }
            }
        }
    }
    eprintln!("{compared} weekly reports compared");
}

fn attack_files(journal: &Journal, attack: Attack, rng: &mut fastrand::Rng, outside: &Path) {
    let files = journal.day_files().expect("lists");
    let (date, path) = files[rng.usize(..files.len())].clone();
    let text = std::fs::read_to_string(&path).expect("day file");
    match attack {
        Attack::DeleteDay => std::fs::remove_file(&path).expect("delete"),
        Attack::MoveByHand | Attack::HalfMoved => {
            let mut tables = blocks(&text);
            let table = tables.remove(rng.usize(..tables.len()));
            let to = day(2024, 1, 1) + Days::new(rng.u64(0..600));
            let to = if to == date { to + Days::new(1) } else { to };
            if let Attack::MoveByHand = attack {
                std::fs::write(&path, tables.concat()).expect("cut");
            } else {
                let id = table
                    .lines()
                    .find_map(|l| l.strip_prefix("id = \""))
                    .and_then(|l| l.strip_suffix('"'))
                    .expect("an id");
                std::fs::write(
                    journal.root().join(".jobjournal.moving"),
                    format!("{id} {date} {to}\n"),
                )
                .expect("marker");
            }
            let target = journal.day_path(to);
            std::fs::create_dir_all(target.parent().expect("year")).expect("year dir");
            let mut old = std::fs::read_to_string(&target).unwrap_or_default();
            old.push_str(&table);
            std::fs::write(&target, old).expect("paste");
        }
        Attack::EditKeepingSizeAndTime => {
            let mtime = std::fs::metadata(&path).unwrap().modified().unwrap();
            std::fs::write(&path, changed_digit(text)).expect("edit");
            let file = std::fs::File::options().write(true).open(&path).unwrap();
            file.set_modified(mtime).expect("mtime");
        }
        Attack::ReplacedByRename => {
            let copy = path.with_extension("copy");
            let status = std::process::Command::new("cp")
                .arg("-a")
                .arg(&path)
                .arg(&copy)
                .status()
                .expect("cp");
            assert!(status.success());
            let mtime = std::fs::metadata(&copy).unwrap().modified().unwrap();
            std::fs::write(&copy, changed_digit(text)).expect("edit");
            let file = std::fs::File::options().write(true).open(&copy).unwrap();
            file.set_modified(mtime).expect("mtime");
            std::fs::rename(&copy, &path).expect("rename");
        }
        Attack::SymlinkedYear => {
            let year = path.parent().expect("year");
            let away = outside.join("year");
            std::fs::rename(year, &away).expect("move the year");
            std::os::unix::fs::symlink(&away, year).expect("link");
        }
        Attack::DayIntoAnotherYear => {
            let other = journal
                .root()
                .join(if date.year() == 2024 { "2025" } else { "2024" });
            std::fs::create_dir_all(&other).expect("year dir");
            std::fs::rename(&path, other.join(path.file_name().expect("name"))).expect("move");
        }
        Attack::SymlinkedDay => {
            let away = outside.join("day.toml");
            std::fs::write(&away, changed_digit(text)).expect("copy");
            std::fs::remove_file(&path).expect("remove");
            std::os::unix::fs::symlink(&away, &path).expect("link");
        }
        Attack::CacheCutShort => {
            let cache = journal.root().join(OUTLINES_FILE);
            let bytes = std::fs::read(&cache).expect("cache");
            let cut = rng.usize(1..bytes.len());
            std::fs::write(&cache, &bytes[..cut]).expect("cut");
        }
    }
}

/// `text` with its last digit changed (every title ends in a number), the
/// same length.
fn changed_digit(text: String) -> Vec<u8> {
    let at = text.rfind(|c: char| c.is_ascii_digit()).expect("a digit");
    let mut bytes = text.into_bytes();
    bytes[at] = if bytes[at] == b'9' {
        b'0'
    } else {
        bytes[at] + 1
    };
    bytes
}
