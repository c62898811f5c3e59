//! The journal's read, write and check paths, together.

use std::fs;
use std::path::Path;

use chrono::NaiveDate;

use super::*;
use crate::model::{Entry, EntryId, Kind};
use crate::store::StoreError;

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

fn new_entry(date: NaiveDate, kind: Kind, title: &str) -> Entry {
    Entry::new(
        EntryId::generate(date, &mut fastrand::Rng::new()),
        date,
        kind,
        title,
    )
}

#[test]
fn add_find_update_delete_restore() {
    let dir = tempfile::tempdir().unwrap();
    let journal = Journal::new(dir.path().join("journal"));
    let saved = journal
        .add(new_entry(day(18), Kind::Screwup, "Sent the invoice twice"))
        .unwrap()
        .value;
    assert_eq!(
        journal.find(&saved.id).unwrap().title,
        "Sent the invoice twice"
    );

    let mut moved = saved.clone();
    moved.date = day(19);
    moved.title = "Sent Acme the invoice twice".into();
    let _ = journal.update(&moved).unwrap();
    assert!(journal.load_days([day(18)]).unwrap().entries.is_empty());
    assert_eq!(journal.find(&saved.id).unwrap().date, day(19));

    let deleted = journal.delete(&saved.id).unwrap().value;
    assert!(matches!(
        journal.find(&saved.id),
        Err(StoreError::NotFound(_))
    ));
    let _ = journal.restore(&deleted).unwrap();
    assert_eq!(
        journal.find(&saved.id).unwrap().title,
        "Sent Acme the invoice twice"
    );
}

#[test]
fn broken_days_are_never_written() {
    let dir = tempfile::tempdir().unwrap();
    let journal = Journal::new(dir.path());
    let path = journal.day_path(day(18));
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, "[[entry]\nbroken").unwrap();
    let err = journal
        .add(new_entry(day(18), Kind::Note, "x"))
        .unwrap_err();
    assert!(matches!(err, StoreError::Broken(_)));
    assert_eq!(fs::read_to_string(&path).unwrap(), "[[entry]\nbroken");
    let _ = journal
        .add(new_entry(day(19), Kind::Note, "other days still work"))
        .unwrap();
    let loaded = journal.load_all().unwrap();
    assert_eq!(loaded.entries.len(), 1);
    assert_eq!(loaded.problems.len(), 1);
}

#[test]
fn add_and_update_refuse_links_to_anything_but_a_screwup() {
    let dir = tempfile::tempdir().unwrap();
    let journal = Journal::new(dir.path());
    let note = journal
        .add(new_entry(day(18), Kind::Note, "a note"))
        .unwrap()
        .value;
    let screwup = journal
        .add(new_entry(day(18), Kind::Screwup, "oops"))
        .unwrap()
        .value;
    let before = fs::read_to_string(journal.day_path(day(18))).unwrap();
    let mut fix = new_entry(day(18), Kind::Fix, "the fix");
    fix.fixes = vec![note.id.clone()];
    let err = journal.add(fix.clone()).unwrap_err().to_string();
    assert_eq!(err, format!("{} is not a screw-up (it is a note)", note.id));
    let gone: EntryId = "2026-11-18-zzzz".parse().unwrap();
    fix.fixes = vec![gone.clone()];
    let err = journal.add(fix.clone()).unwrap_err().to_string();
    assert_eq!(err, format!("no entry {gone}"));
    assert_eq!(
        fs::read_to_string(journal.day_path(day(18))).unwrap(),
        before
    );

    fix.fixes = vec![screwup.id.clone()];
    let mut saved = journal.add(fix).unwrap().value;
    saved.fixes = vec![note.id.clone()];
    assert!(journal.update(&saved).is_err());
    assert_eq!(journal.find(&saved.id).unwrap().fixes, [screwup.id]);
}

#[test]
fn ranges_and_strays() {
    let dir = tempfile::tempdir().unwrap();
    let journal = Journal::new(dir.path());
    let _ = journal.add(new_entry(day(2), Kind::Met, "early")).unwrap();
    let _ = journal
        .add(new_entry(
            NaiveDate::from_ymd_opt(2025, 6, 1).unwrap(),
            Kind::Met,
            "last year",
        ))
        .unwrap();
    let far = journal
        .load_range(
            NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
            NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
        )
        .unwrap();
    assert_eq!(far.entries.len(), 2);
    assert_eq!(journal.load_range(day(1), day(7)).unwrap().entries.len(), 1);
    let year = dir.path().join("2026");
    fs::write(year.join("2026-11-02.sync-conflict-20261102-abc.toml"), "").unwrap();
    fs::write(year.join(".2026-11-02.toml.1234abcd.jjtmp"), "").unwrap();
    assert_eq!(journal.strays().unwrap().len(), 2);
}

fn age(path: &Path, seconds: u64) {
    let file = fs::File::options().write(true).open(path).unwrap();
    file.set_modified(std::time::SystemTime::now() - std::time::Duration::from_secs(seconds))
        .unwrap();
}

#[test]
fn the_index_is_reused_only_while_files_are_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let journal = Journal::new(dir.path());
    let kept = journal
        .add(new_entry(day(2), Kind::Met, "kept as is"))
        .unwrap()
        .value;
    let edited = journal
        .add(new_entry(day(3), Kind::Met, "before the edit"))
        .unwrap()
        .value;
    let index = dir.path().join(crate::store::INDEX_FILE);
    let titles = || -> Vec<String> {
        let loaded = journal.load_all().unwrap();
        loaded.entries.into_iter().map(|e| e.title).collect()
    };

    // Fresh files are not recorded: their mtime could repeat.
    journal.load_all().unwrap();
    assert!(!index.exists());

    age(&journal.day_path(day(2)), 60);
    age(&journal.day_path(day(3)), 60);
    journal.load_all().unwrap();
    assert!(index.exists());

    // A hand edit of the same size, with the mtime set back to an old
    // moment of its own, is still seen: the stamp differs.
    let path = journal.day_path(day(3));
    let text = fs::read_to_string(&path)
        .unwrap()
        .replace("before the edit", "after  the edit");
    fs::write(&path, text).unwrap();
    age(&path, 30);
    assert_eq!(titles(), ["kept as is", "after  the edit"]);
    assert_eq!(journal.find(&edited.id).unwrap().title, "after  the edit");

    // Even with the size and the very modification time put back, as
    // `touch -d` or `rsync -t` would, the change time gives it away.
    let recorded = fs::metadata(&path).unwrap().modified().unwrap();
    let text = fs::read_to_string(&path)
        .unwrap()
        .replace("after  the edit", "after, the edit");
    fs::write(&path, text).unwrap();
    let file = fs::File::options().write(true).open(&path).unwrap();
    file.set_modified(recorded).unwrap();
    drop(file);
    assert_eq!(titles(), ["kept as is", "after, the edit"]);

    // A damaged cache is ignored and rebuilt; a deleted one is not missed.
    fs::write(&index, b"garbage").unwrap();
    assert_eq!(journal.load_all().unwrap().entries.len(), 2);
    fs::remove_file(&index).unwrap();
    assert_eq!(journal.load_all().unwrap().entries[0].id, kept.id);

    // A removed day drops out of the cache.
    fs::remove_file(journal.day_path(day(2))).unwrap();
    assert_eq!(journal.load_all().unwrap().entries.len(), 1);
}

#[test]
fn a_search_through_the_index_finds_what_a_full_parse_finds() {
    let dir = tempfile::tempdir().unwrap();
    let journal = Journal::new(dir.path());
    let mut invoice = new_entry(day(2), Kind::Screwup, "Sent the INVOICE twice");
    invoice.customer = Some("Straße & Söhne".into());
    let _ = journal.add(invoice).unwrap();
    let mut quote = new_entry(day(3), Kind::Met, "Quote turned around");
    quote.details = Some("Birch wanted it\nby Friday".into());
    quote.tags = vec!["Sales".into()];
    let _ = journal.add(quote).unwrap();
    let _ = journal
        .add(new_entry(day(3), Kind::Note, "Standup"))
        .unwrap();
    age(&journal.day_path(day(2)), 60);
    age(&journal.day_path(day(3)), 60);
    journal.load_all().unwrap();
    // A file changed since it was cached is parsed, whatever its text.
    let _ = journal
        .add(new_entry(day(4), Kind::Note, "invoice run"))
        .unwrap();

    for needle in [
        "invoice", "straße", "sales", "friday", "it\nby", "stand", "zebra",
    ] {
        let keep = |e: &Entry| e.search_text().contains(needle);
        let ids = |needle: Option<String>| -> Vec<EntryId> {
            let scan = Scan {
                keep: &keep,
                needle,
            };
            journal
                .scan(&scan)
                .unwrap()
                .entries
                .into_iter()
                .map(|e| e.id)
                .collect()
        };
        assert_eq!(ids(Some(needle.to_string())), ids(None), "{needle:?}");
    }
    let found = |needle: &str| {
        let keep = |e: &Entry| e.search_text().contains(needle);
        let scan = Scan {
            keep: &keep,
            needle: Some(needle.to_string()),
        };
        journal.scan(&scan).unwrap().entries.len()
    };
    assert_eq!(found("invoice"), 2);
    assert_eq!(found("friday"), 1);
    assert_eq!(found("zebra"), 0);
}

#[test]
fn broken_files_are_never_cached() {
    let dir = tempfile::tempdir().unwrap();
    let journal = Journal::new(dir.path());
    let path = journal.day_path(day(2));
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, "[[entry]]\nkind = 3\n").unwrap();
    age(&path, 60);
    for _ in 0..2 {
        assert_eq!(journal.load_all().unwrap().problems.len(), 1);
    }
}

#[test]
fn modify_reads_under_the_lock_so_no_change_is_lost() {
    let dir = tempfile::tempdir().unwrap();
    let journal = Journal::new(dir.path());
    let id = journal
        .add(new_entry(day(18), Kind::Note, "tagged"))
        .unwrap()
        .value
        .id;
    std::thread::scope(|scope| {
        for side in ["a", "b"] {
            let (journal, id) = (journal.clone(), id.clone());
            scope.spawn(move || {
                for n in 0..40 {
                    let _ = journal
                        .modify(&id, |e| {
                            e.tags.push(format!("{side}{n}"));
                            Ok(())
                        })
                        .unwrap();
                }
            });
        }
    });
    assert_eq!(journal.find(&id).unwrap().tags.len(), 80);
}

#[test]
fn update_from_keeps_what_another_save_changed() {
    let dir = tempfile::tempdir().unwrap();
    let journal = Journal::new(dir.path());
    let base = journal
        .add(new_entry(day(18), Kind::Note, "before"))
        .unwrap()
        .value;
    let _ = journal
        .modify(&base.id, |e| {
            e.customer = Some("Acme".into());
            Ok(())
        })
        .unwrap();
    let mut mine = base.clone();
    mine.title = "after".into();
    let saved = journal.update_from(&base, &mine).unwrap().value;
    assert_eq!(saved.customer.as_deref(), Some("Acme"));
    assert_eq!(journal.find(&base.id).unwrap(), saved);

    let mut stale = base.clone();
    stale.title = "stale".into();
    let err = journal.update_from(&base, &stale).unwrap_err();
    assert!(matches!(err, StoreError::Changed { .. }), "{err}");
    assert_eq!(journal.find(&base.id).unwrap().title, "after");
}

/// A single-bit flip in every byte of the index cache (a different bit of
/// each, `JOBJOURNAL_EVERY_BIT=1` for all of them): loads and searches give
/// what a full parse gives, and a save never writes cached data into a day
/// file. Before the cache had checksums, 252 of all 3,232 flips gave wrong
/// results.
#[test]
fn a_corrupted_index_is_never_believed() {
    let dir = tempfile::tempdir().unwrap();
    let journal = Journal::new(dir.path());
    let mut promise = new_entry(day(2), Kind::Promise, "Send the invoice");
    promise.due = Some(day(6));
    promise.status = Some(crate::model::PromiseStatus::Open);
    let promise = journal.add(promise).unwrap().value;
    let _ = journal
        .add(new_entry(day(3), Kind::Met, "Quote on time"))
        .unwrap();
    age(&journal.day_path(day(2)), 60);
    age(&journal.day_path(day(3)), 60);
    let truth = journal.verify_all().unwrap();
    let search = |needle: &str| {
        let keep = |e: &Entry| e.search_text().contains(needle);
        let scan = Scan {
            keep: &keep,
            needle: Some(needle.to_string()),
        };
        let mut ids: Vec<EntryId> = journal
            .scan(&scan)
            .unwrap()
            .entries
            .into_iter()
            .map(|e| e.id)
            .collect();
        ids.sort();
        ids
    };
    let (invoice, quote) = (search("invoice"), search("quote"));
    let index_path = dir.path().join(crate::store::INDEX_FILE);
    let clean = fs::read(&index_path).unwrap();
    let day2 = fs::read(journal.day_path(day(2))).unwrap();
    let mut wrong = 0;
    let every_bit = std::env::var_os("JOBJOURNAL_EVERY_BIT").is_some();
    let bits: Vec<usize> = (0..clean.len() * 8)
        .filter(|bit| every_bit || bit % 8 == (bit / 8) % 8)
        .collect();
    for (n, &bit) in bits.iter().enumerate() {
        let mut flipped = clean.clone();
        flipped[bit / 8] ^= 1 << (bit % 8);
        fs::write(&index_path, &flipped).unwrap();
        let loaded = journal.load_all().unwrap();
        let mut ids: Vec<(EntryId, NaiveDate)> = loaded
            .entries
            .iter()
            .map(|e| (e.id.clone(), e.date))
            .collect();
        ids.sort_by_key(|(_, date)| *date);
        let titles: Vec<&str> = loaded.entries.iter().map(|e| e.title.as_str()).collect();
        fs::write(&index_path, &flipped).unwrap();
        let found = (search("invoice"), search("quote"));
        if ids != truth.ids
            || titles != ["Send the invoice", "Quote on time"]
            || found != (invoice.clone(), quote.clone())
        {
            wrong += 1;
        }
        if n % 16 != 0 {
            continue;
        }
        // A save reads the day file, whatever the cache says.
        fs::write(&index_path, &flipped).unwrap();
        let _ = journal
            .modify(&promise.id, |e| {
                e.status = Some(crate::model::PromiseStatus::Kept);
                Ok(())
            })
            .unwrap();
        let saved = fs::read_to_string(journal.day_path(day(2))).unwrap();
        assert!(
            saved.contains("title = \"Send the invoice\""),
            "bit {bit}: {saved}"
        );
        fs::write(journal.day_path(day(2)), &day2).unwrap();
        age(&journal.day_path(day(2)), 60);
    }
    assert_eq!(
        wrong,
        0,
        "{wrong} of {} flips gave wrong results",
        bits.len()
    );
}

fn copies(journal: &Journal, id: &EntryId) -> Vec<NaiveDate> {
    let loaded = journal.load_all().unwrap();
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    loaded
        .entries
        .iter()
        .filter(|e| &e.id == id)
        .map(|e| e.date)
        .collect()
}

#[test]
fn a_move_across_years_lands_whole_or_not_at_all_when_the_disk_fills() {
    let dir = tempfile::tempdir().unwrap();
    let journal = Journal::new(dir.path());
    let new_year = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
    let saved = journal
        .add(new_entry(day(30), Kind::Met, "Shipped the year-end fix"))
        .unwrap()
        .value;
    let mut moved = saved.clone();
    moved.date = new_year;
    // The new day is written, then removing the old copy fails.
    super::write::FAIL_AFTER.with(|f| f.set(Some(1)));
    assert!(journal.update(&moved).is_err());
    assert_eq!(copies(&journal, &saved.id), [day(30)]);
    // Trying again lands it once.
    let _ = journal.update(&moved).unwrap();
    assert_eq!(copies(&journal, &saved.id), [new_year]);
    assert!(!dir.path().join(super::moving::MOVING_FILE).exists());
}

#[test]
fn a_move_cut_between_its_writes_shows_the_entry_once_and_is_finished_by_the_next_save() {
    let dir = tempfile::tempdir().unwrap();
    let journal = Journal::new(dir.path());
    let saved = journal
        .add(new_entry(day(18), Kind::Met, "Moved"))
        .unwrap()
        .value;
    // As a crash after the first write leaves it: marker, a copy on each day.
    let mut moved = saved.clone();
    moved.date = day(19);
    moved.title = "Moved, and retitled".into();
    second_copy(&journal, &moved);
    fs::write(
        dir.path().join(super::moving::MOVING_FILE),
        format!("{} {} {}\n", saved.id, day(18), day(19)),
    )
    .unwrap();
    assert_eq!(copies(&journal, &saved.id), [day(19)]);
    assert_eq!(journal.load_days([day(18)]).unwrap().entries.len(), 0);
    assert_eq!(
        journal.find(&saved.id).unwrap().title,
        "Moved, and retitled"
    );
    assert!(journal.verify_all().unwrap().ids.len() == 1);
    let _ = journal
        .add(new_entry(day(20), Kind::Note, "any save"))
        .unwrap();
    assert!(
        journal
            .read_day(day(18))
            .unwrap()
            .unwrap()
            .entries
            .is_empty()
    );
    assert!(!dir.path().join(super::moving::MOVING_FILE).exists());
}

#[test]
fn a_commit_git_refuses_comes_back_with_the_save() {
    let dir = tempfile::tempdir().unwrap();
    // git = true on a journal that is not a repository.
    let journal = Journal::new(dir.path().join("journal")).with_git(true);
    let saved = journal
        .add(new_entry(day(18), Kind::Note, "saved all the same"))
        .unwrap();
    let warning = saved.warning.expect("why it was not committed");
    assert!(
        warning.starts_with("saved, but not committed to git: "),
        "{warning}"
    );
    assert_eq!(warning.matches("not committed").count(), 1, "{warning}");
    assert_eq!(journal.find(&saved.value.id).unwrap(), saved.value);
    let deleted = journal.delete(&saved.value.id).unwrap();
    assert!(deleted.warning.is_some());
    assert!(journal.restore(&deleted.value).unwrap().warning.is_some());

    let plain = Journal::new(dir.path().join("plain"));
    let saved = plain.add(new_entry(day(18), Kind::Note, "no git")).unwrap();
    assert_eq!(saved.warning, None);
}

#[test]
fn outlines_follow_the_files_and_give_back_whole_entries() {
    let dir = tempfile::tempdir().unwrap();
    let journal = Journal::new(dir.path());
    let screwup = new_entry(day(2), Kind::Screwup, "Secret screw-up words");
    let mut fix = new_entry(day(3), Kind::Fix, "Secret fix words");
    fix.fixes = vec![screwup.id.clone()];
    let mut promise = new_entry(day(4), Kind::Promise, "Secret promise words");
    promise.due = Some(day(6));
    let met = new_entry(day(5), Kind::Met, "Not outlined");
    let _ = journal
        .add_with_ids(&[screwup.clone(), fix.clone(), promise.clone(), met])
        .unwrap();
    for d in 2..=5 {
        age(&journal.day_path(day(d)), 60);
    }
    let ids = |start, end| -> Vec<EntryId> {
        let outlines = journal.outlines(start, end).unwrap();
        assert!(outlines.problems.is_empty(), "{:?}", outlines.problems);
        outlines.outlines.into_iter().map(|o| o.id).collect()
    };
    let all = [screwup.id.clone(), fix.id.clone(), promise.id.clone()];
    assert_eq!(ids(NaiveDate::MIN, NaiveDate::MAX), all);
    let outline = journal.outlines(day(3), day(4)).unwrap().outlines;
    assert_eq!(outline[0].fixes, std::slice::from_ref(&screwup.id));
    assert_eq!((outline[1].date, outline[1].kind), (day(4), Kind::Promise));

    // The cache holds whole entries: as private as the day files.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let meta = fs::metadata(dir.path().join(OUTLINES_FILE)).unwrap();
        assert_eq!(meta.permissions().mode() & 0o777, 0o600);
    }
    // From the cache it wrote, it answers as the files did, whole entries too.
    let outlines = journal.outlines(NaiveDate::MIN, NaiveDate::MAX).unwrap();
    let titles: Vec<String> = (0..3).map(|i| outlines.entry(i).unwrap().title).collect();
    assert_eq!(
        titles,
        [
            "Secret screw-up words",
            "Secret fix words",
            "Secret promise words"
        ]
    );
    assert_eq!(ids(NaiveDate::MIN, NaiveDate::MAX), all);
    // A removed day drops out of it.
    fs::remove_file(journal.day_path(day(2))).unwrap();
    assert_eq!(ids(NaiveDate::MIN, NaiveDate::MAX), all[1..]);
    let cache = fs::read(dir.path().join(OUTLINES_FILE)).unwrap();
    assert!(!String::from_utf8_lossy(&cache).contains("2026-11-02.toml"));

    // Anything but a regular file named like a day is one problem.
    fs::create_dir(journal.day_path(day(7))).unwrap();
    let outlines = journal.outlines(NaiveDate::MIN, NaiveDate::MAX).unwrap();
    assert_eq!(outlines.outlines.len(), 2);
    assert_eq!(outlines.problems.len(), 1, "{:?}", outlines.problems);
}

#[test]
fn outlines_show_an_entry_cut_mid_move_once() {
    let dir = tempfile::tempdir().unwrap();
    let journal = Journal::new(dir.path());
    let saved = journal
        .add(new_entry(day(18), Kind::Screwup, "Moved"))
        .unwrap()
        .value;
    let mut moved = saved.clone();
    moved.date = day(19);
    second_copy(&journal, &moved);
    fs::write(
        dir.path().join(super::moving::MOVING_FILE),
        format!("{} {} {}\n", saved.id, day(18), day(19)),
    )
    .unwrap();
    let outlines = journal.outlines(NaiveDate::MIN, NaiveDate::MAX).unwrap();
    let dates: Vec<NaiveDate> = outlines.outlines.iter().map(|o| o.date).collect();
    assert_eq!(dates, [day(19)]);
}

#[test]
fn a_corrupted_outline_cache_is_never_believed() {
    let dir = tempfile::tempdir().unwrap();
    let journal = Journal::new(dir.path());
    let screwup = new_entry(day(2), Kind::Screwup, "Wrong adapter");
    let mut fix = new_entry(day(3), Kind::Fix, "Adapter check");
    fix.fixes = vec![screwup.id.clone()];
    let mut promise = new_entry(day(4), Kind::Promise, "Send the invoice");
    promise.due = Some(day(6));
    promise.status = Some(crate::model::PromiseStatus::Kept);
    promise.closed = Some(day(5));
    let _ = journal.add_with_ids(&[screwup, fix, promise]).unwrap();
    for d in 2..=4 {
        age(&journal.day_path(day(d)), 60);
    }
    let read = || {
        let outlines = journal.outlines(NaiveDate::MIN, NaiveDate::MAX).unwrap();
        let wholes: Vec<Option<Entry>> = (0..outlines.outlines.len())
            .map(|i| outlines.entry(i))
            .collect();
        (outlines.outlines, wholes)
    };
    let truth = read();
    assert_eq!(truth.0.len(), 3);
    let path = dir.path().join(OUTLINES_FILE);
    let clean = fs::read(&path).unwrap();
    assert_eq!(read(), truth, "read back from the cache");
    let every_bit = std::env::var_os("JOBJOURNAL_EVERY_BIT").is_some();
    let bits: Vec<usize> = (0..clean.len() * 8)
        .filter(|bit| every_bit || bit % 8 == (bit / 8) % 8)
        .collect();
    let wrong: Vec<usize> = bits
        .iter()
        .copied()
        .filter(|&bit| {
            let mut flipped = clean.clone();
            flipped[bit / 8] ^= 1 << (bit % 8);
            fs::write(&path, &flipped).unwrap();
            read() != truth
        })
        .collect();
    assert!(
        wrong.is_empty(),
        "{} of {} flips gave wrong outlines: bits {wrong:?}",
        wrong.len(),
        bits.len()
    );
}

#[test]
fn day_file_names_are_read_exactly() {
    use super::layout::day_file_date;
    let date = |name: &str| day_file_date(Path::new("2026").join(name).as_path());
    assert_eq!(date("2026-11-18.toml"), Some(day(18)));
    assert_eq!(date("0001-01-01.toml"), NaiveDate::from_ymd_opt(1, 1, 1));
    assert_eq!(
        date("9999-12-31.toml"),
        NaiveDate::from_ymd_opt(9999, 12, 31)
    );
    for odd in [
        "2026-02-30.toml",
        "2026-13-01.toml",
        "2026-11-1.toml",
        "2026-11-018.toml",
        "+202-11-18.toml",
        "2026-1a-01.toml",
        "2026_11_18.toml",
        "2026-11-18.toml.bak",
        "2026-11-18.TOML",
        "２０２６-11-18.toml",
    ] {
        assert_eq!(date(odd), None, "{odd}");
    }
}

#[test]
fn a_whole_journal_read_makes_room_by_its_guess_not_by_doubling() {
    use super::read::reserve_for_the_rest;
    let mut entries: Vec<Entry> = Vec::new();
    // 100 entries in the first 10 of 100 files: room for about 1,020.
    reserve_for_the_rest(&mut entries, 100, 10, 100);
    assert!(
        (1020..1030).contains(&entries.capacity()),
        "{}",
        entries.capacity()
    );
    let cap = entries.capacity();
    let one = new_entry(day(2), Kind::Note, "x");
    entries.resize(100, one.clone());
    // Within the guess: nothing moves.
    reserve_for_the_rest(&mut entries, 800, 90, 100);
    assert_eq!(entries.capacity(), cap);
    // Beyond it (the last files were fuller): the new guess, at least what is needed.
    entries.resize(900, one);
    reserve_for_the_rest(&mut entries, 600, 100, 100);
    assert_eq!(entries.capacity(), 1530);
    // A guess just past the room: it grows by a quarter at least.
    entries.resize(1530, new_entry(day(2), Kind::Note, "x"));
    reserve_for_the_rest(&mut entries, 10, 100, 100);
    assert_eq!(entries.capacity(), 1530 + 1530 / 4);
}

#[test]
fn an_import_lands_whole_or_not_at_all() {
    let dir = tempfile::tempdir().unwrap();
    let journal = Journal::new(dir.path());
    let held = journal
        .add(new_entry(day(20), Kind::Note, "Already here"))
        .unwrap()
        .value;
    let mut clash = new_entry(day(20), Kind::Note, "Same id");
    clash.id = held.id.clone();
    let early = new_entry(day(2), Kind::Note, "Would land first");
    let files = || -> Vec<std::path::PathBuf> {
        journal
            .day_files()
            .unwrap()
            .into_iter()
            .map(|(_, p)| p)
            .collect()
    };
    let before = files();
    // A clash on the last day: the first day is not written either.
    let err = journal
        .add_with_ids(&[early.clone(), clash])
        .unwrap_err()
        .to_string();
    assert!(err.contains("already in the journal"), "{err}");
    assert_eq!(files(), before);
    // A fix of something that is no screw-up, in the import or the journal.
    let note = new_entry(day(3), Kind::Note, "A note");
    let mut fix = new_entry(day(4), Kind::Fix, "Fixed a note?");
    fix.fixes = vec![note.id.clone()];
    let err = journal
        .add_with_ids(&[early.clone(), note.clone(), fix.clone()])
        .unwrap_err()
        .to_string();
    assert!(err.contains("is not a screw-up"), "{err}");
    fix.fixes = vec![held.id.clone()];
    let err = journal
        .add_with_ids(&[early.clone(), fix.clone()])
        .unwrap_err()
        .to_string();
    assert!(err.contains("is not a screw-up"), "{err}");
    assert_eq!(files(), before);
    // Links inside the import, or to a screw-up already here, are fine.
    let here = journal
        .add(new_entry(day(21), Kind::Screwup, "Already a slip"))
        .unwrap()
        .value;
    let before = files();
    let slip = new_entry(day(3), Kind::Screwup, "A slip");
    fix.fixes = vec![slip.id.clone(), here.id.clone()];
    let _ = journal.add_with_ids(&[early, slip, fix]).unwrap();
    assert_eq!(files().len(), before.len() + 3);
}

#[test]
fn a_search_skips_no_file_the_query_would_match_cached_or_not() {
    use crate::model::search::Query;
    let dir = tempfile::tempdir().unwrap();
    let journal = Journal::new(dir.path());
    let mut tagged = new_entry(day(2), Kind::Note, "Month-end run");
    tagged.tags = vec!["invoice".into(), "q".into()];
    let mut sigma = new_entry(day(3), Kind::Note, "ΌΣΟΣ");
    sigma.details = Some("x".into());
    let _ = journal.add_with_ids(&[tagged, sigma]).unwrap();
    age(&journal.day_path(day(2)), 60);
    age(&journal.day_path(day(3)), 60);
    let found = |text: &str| -> usize {
        let query = Query::new(text);
        let keep = |e: &Entry| query.score_entry(e).is_some();
        let scan = Scan {
            keep: &keep,
            needle: query.longest_word().map(str::to_string),
        };
        journal.scan(&scan).unwrap().entries.len()
    };
    // The first scan parses and records; the second reads the cache.
    for run in ["parsed", "cached"] {
        assert_eq!(found("invoice, q"), 1, "{run}");
        assert_eq!(found("ΌΣΟΣ"), 1, "{run}");
    }
    assert!(dir.path().join(crate::store::INDEX_FILE).exists());
}

#[test]
fn a_day_rewritten_with_its_old_size_and_time_still_changes_its_stamp() {
    let dir = tempfile::tempdir().unwrap();
    let journal = Journal::new(dir.path());
    let _ = journal
        .add(new_entry(day(18), Kind::Note, "before"))
        .unwrap();
    let path = journal.day_path(day(18));
    let stamp = journal.stamp_days([day(18), day(19)]);
    assert_eq!(journal.stamp_days([day(18), day(19)]), stamp);
    // As a sync tool that keeps modified times might write it.
    let mtime = fs::metadata(&path).unwrap().modified().unwrap();
    let text = fs::read_to_string(&path)
        .unwrap()
        .replace("before", "after!");
    fs::write(&path, text).unwrap();
    fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(mtime)
        .unwrap();
    assert_ne!(journal.stamp_days([day(18), day(19)]), stamp);
}

/// Appends `entry` to its day as it is, its id held elsewhere too: what a
/// move cut between its two writes leaves (the store refuses to add it so).
fn second_copy(journal: &Journal, entry: &Entry) {
    journal
        .edit_day(entry.date, |file| {
            file.append(entry);
            Ok(())
        })
        .unwrap();
}

/// An import onto days 2, 3 (which holds an entry written before) and 4
/// whose day-file saves let `after` through, then fail at `step`: nothing
/// of it may stay. Returns the journal, the import and the error.
fn an_import_failing(
    after: usize,
    step: crate::store::SaveStep,
) -> (tempfile::TempDir, Journal, [Entry; 3], StoreError) {
    let dir = tempfile::tempdir().unwrap();
    let journal = Journal::new(dir.path());
    let _ = journal
        .add(new_entry(day(3), Kind::Note, "Written by hand before"))
        .unwrap();
    let before_day_3 = fs::read(journal.day_path(day(3))).unwrap();
    let import = [
        new_entry(day(2), Kind::Note, "New day"),
        new_entry(day(3), Kind::Note, "Onto a day with an entry"),
        new_entry(day(4), Kind::Note, "Not reached, or fails to save"),
    ];
    super::write::FAIL_AFTER.with(|f| f.set(Some(after)));
    super::write::FAIL_AT.with(|f| f.set(step));
    let failed = journal.add_with_ids(&import);
    super::write::FAIL_AT.with(|f| f.set(crate::store::SaveStep::Write));
    let err = failed.expect_err("the save fails");
    assert!(!journal.day_path(day(2)).exists());
    assert_eq!(fs::read(journal.day_path(day(3))).unwrap(), before_day_3);
    assert!(!journal.day_path(day(4)).exists());
    (dir, journal, import, err)
}

#[test]
fn an_import_the_disk_fills_during_is_taken_back_whole() {
    // Days 2 and 3 are written, then the disk is full.
    let (_dir, journal, import, err) = an_import_failing(2, crate::store::SaveStep::Write);
    assert!(err.to_string().contains("No space left on device"), "{err}");
    // With room again, the same import lands whole.
    let _ = journal.add_with_ids(&import).unwrap();
    assert_eq!(journal.load_all().unwrap().entries.len(), 4);
}

#[test]
fn an_import_whose_save_fails_after_its_rename_is_taken_back_too() {
    // Day 2 lands; day 3's new file is in place when syncing its folder fails.
    let _ = an_import_failing(1, crate::store::SaveStep::SyncDir);
}
