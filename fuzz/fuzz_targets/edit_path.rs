//! The whole edit path on arbitrary day files: edit one entry, delete one,
//! append one; the result always parses, the edited entry reads back as
//! written, and every other entry is unchanged.

#![no_main]

use std::path::Path;

use chrono::NaiveDate;
use jobjournal::model::{Entry, EntryId, Kind, Money};
use jobjournal::store::DayFile;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (control, rest) = data.split_at(data.len().min(4));
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let date = NaiveDate::from_ymd_opt(2026, 11, 18).unwrap();
    let path = Path::new("day.toml");
    let parsed = DayFile::parse(path, date, text);
    let Some(mut file) = parsed.file else { return };
    let before = parsed.entries;
    let pick = |i: usize| control.get(i).copied().unwrap_or(0) as usize;

    let mut expected = before.clone();
    if !before.is_empty() {
        let i = pick(0) % before.len();
        let mut changed = before[i].clone();
        changed.title = format!("{} \u{1b}edited {}", changed.title, pick(1));
        changed.revenue = Some(Money(
            i64::from(control.get(2).copied().unwrap_or(0)) * 12_345 - 1_000_000,
        ));
        changed.tags.push("fuzz\n\"tag\"".into());
        assert!(file.update(&changed));
        expected[i] = changed;
        if before.len() > 1 && pick(3) % 2 == 0 {
            let j = (i + 1) % before.len();
            assert!(file.remove(&before[j].id).is_some());
            expected.remove(j);
        }
    }
    let id: EntryId = "2026-11-18-zzzz".parse().unwrap();
    if expected.iter().all(|e| e.id != id) {
        let mut added = Entry::new(id, date, Kind::Fix, "appended \"\"\" ''' \\ title");
        added.details = Some("line one\r\nline two\t\u{202e}".into());
        file.append(&added);
        expected.push(added);
    }
    let rendered = file.render();
    let reparsed = DayFile::parse(path, date, &rendered);
    assert!(
        reparsed.problems.is_empty(),
        "{:?}\n{rendered}",
        reparsed.problems
    );
    assert_eq!(reparsed.entries, expected, "\n{rendered}");
});
