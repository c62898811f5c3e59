//! Property tests of the day-file format: arbitrary text (control characters
//! included), extreme money, random comments and spacing.

use std::path::Path;

use chrono::{NaiveDate, NaiveTime};
use jobjournal::model::{Entry, EntryId, Kind, Money, PromiseStatus};
use jobjournal::sanitize::{self, Lines};
use jobjournal::store::DayFile;
use proptest::prelude::*;

fn date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 18).unwrap()
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[\\x00-\\x1f\\x7f\\u{80}-\\u{9f}\\u{202a}-\\u{202e} a-z\"'\\\\]{0,12}"
    ]
}

fn money() -> impl Strategy<Value = Option<Money>> {
    prop::option::of(prop_oneof![
        (-100_000_000_000_000i64..=100_000_000_000_000).prop_map(Money),
        (-1_000_000i64..=1_000_000).prop_map(Money),
    ])
}

prop_compose! {
    fn entry(index: usize)(
        kind in prop::sample::select(Kind::ALL.to_vec()),
        title in text(),
        time in prop::option::of((0u32..24, 0u32..60, 0u32..60)),
        customer in prop::option::of(text()),
        tags in prop::collection::vec(text(), 0..3),
        details in prop::option::of(text()),
        revenue in money(),
        customer_value in money(),
        cost_saved in money(),
        hours in prop::option::of(0.0f64..1e6),
        reach in prop::option::of(0u64..1_000_000_000),
        adopted_by in prop::collection::vec(text(), 0..2),
        expected in prop::option::of(text()),
        delivered in prop::option::of(text()),
        due in prop::option::of(0i64..800),
        status in prop::sample::select(vec![PromiseStatus::Open, PromiseStatus::Kept, PromiseStatus::Missed]),
        bullet in prop::option::of(text()),
    ) -> Entry {
        let id: EntryId = format!("2026-11-18-{index:04}").parse().unwrap();
        let mut e = Entry::new(id, date(), kind, format!("t{title}"));
        e.time = time.and_then(|(h, m, s)| NaiveTime::from_hms_opt(h, m, s));
        e.customer = customer;
        e.tags = tags;
        e.details = details;
        e.revenue = revenue;
        e.customer_value = customer_value;
        e.cost_saved = cost_saved;
        e.hours_saved = hours;
        e.reach = reach;
        e.adopted_by = adopted_by;
        e.bullet = bullet;
        match kind {
            Kind::Fix => e.fixes = vec!["2026-11-17-abcd".parse().unwrap()],
            Kind::Exceeded => { e.expected = expected; e.delivered = delivered; }
            Kind::Promise => { e.due = Some(date() + chrono::Duration::days(due.unwrap_or(0))); e.status = Some(status); }
            _ => {}
        }
        e
    }
}

fn entries() -> impl Strategy<Value = Vec<Entry>> {
    (1usize..6).prop_flat_map(|n| (0..n).map(entry).collect::<Vec<_>>())
}

/// Comments and blank lines a person might add around the app's tables.
/// Only lines that can never sit inside a multi-line string are touched.
fn decorate(text: &str, noise: &[(u8, String)]) -> String {
    let mut out = String::new();
    for (i, line) in text.lines().enumerate() {
        let (kind, comment) = &noise[i % noise.len()];
        let comment: String = comment.chars().filter(|c| *c != '[').collect();
        let safe = line.starts_with("id = ") || line.starts_with("kind = ");
        match kind % 4 {
            0 if safe => out.push_str(&format!("{line}   # {comment}\n")),
            1 if safe => out.push_str(&format!("# {comment}\n\n{line}\n")),
            2 if line.starts_with("[[entry]]") => out.push_str(&format!("\n# {comment}\n{line}\n")),
            _ => out.push_str(&format!("{line}\n")),
        }
    }
    out
}

fn parse(text: &str) -> jobjournal::store::ParsedDay {
    DayFile::parse(Path::new("day.toml"), date(), text)
}

fn segments(text: &str) -> Vec<String> {
    let mut segments = vec![String::new()];
    for line in text.split_inclusive('\n') {
        if line.starts_with("[[entry]]") {
            segments.push(String::new());
        }
        segments.last_mut().unwrap().push_str(line);
    }
    segments
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn save_then_load_gives_the_same_entries(entries in entries()) {
        let mut file = DayFile::empty(date());
        for entry in &entries {
            file.append(entry);
        }
        let parsed = parse(&file.render());
        prop_assert!(parsed.problems.is_empty(), "{:?}\n{}", parsed.problems, file.render());
        prop_assert_eq!(parsed.entries, entries);
    }

    #[test]
    fn editing_one_entry_changes_only_its_bytes(
        entries in entries(),
        noise in prop::collection::vec((any::<u8>(), "[ -~]{0,20}"), 1..8),
        pick in any::<prop::sample::Index>(),
        replacement in entry(0),
    ) {
        let mut file = DayFile::empty(date());
        for entry in &entries {
            file.append(entry);
        }
        let text = decorate(&file.render(), &noise);
        let parsed = parse(&text);
        prop_assert!(parsed.problems.is_empty(), "{:?}\n{}", parsed.problems, text);
        prop_assert_eq!(&parsed.entries, &entries);
        let mut file = parsed.file.unwrap();

        let i = pick.index(entries.len());
        let mut changed = replacement;
        changed.id = entries[i].id.clone();
        prop_assert!(file.update(&changed));
        let after = file.render();
        let reparsed = parse(&after);
        prop_assert!(reparsed.problems.is_empty(), "{:?}\n{}", reparsed.problems, after);
        prop_assert_eq!(&reparsed.entries[i], &changed);

        let (old, new) = (segments(&text), segments(&after));
        prop_assert_eq!(old.len(), new.len());
        for (j, (a, b)) in old.iter().zip(&new).enumerate() {
            // Segment 0 is what precedes the first table; table i is segment i + 1.
            if j != i + 1 {
                prop_assert_eq!(a, b, "segment {} changed when editing entry {}", j, i);
            }
        }
    }

    #[test]
    fn sanitised_text_has_no_control_characters(text in any::<String>()) {
        let dangerous = |c: char| c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c) || ('\u{2066}'..='\u{2069}').contains(&c);
        prop_assert!(!sanitize::line(&text).chars().any(dangerous));
        prop_assert!(!sanitize::block(&text).chars().any(|c| c != '\n' && c != '\t' && dangerous(c)));
        prop_assert!(sanitize::is_clean(&sanitize::line(&text), Lines::Escape));
    }
}
