//! What the app asks the outside world for, and what it does with the
//! answer: every path in goes through `update`.

use super::tests::{app_with, day, entry, press, sample};
use super::*;
use crate::model::PromiseStatus;
use crate::report::render::Renditions;
use crate::ui::action::TextOrder;

/// The render orders among `effects`.
fn renders(effects: &[Effect]) -> Vec<&TextOrder> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Render(order) => Some(&**order),
            _ => None,
        })
        .collect()
}

fn answer(app: &mut App, order: &TextOrder, text: &str) -> Vec<Effect> {
    app.update(Action::Rendered {
        key: order.key,
        text: Ok(Renditions {
            file: text.into(),
            screen: text.into(),
        }),
    })
}

#[test]
fn opening_the_report_asks_for_it_once() {
    let mut app = app_with(sample());
    assert!(renders(&press(&mut app, "j")).is_empty(), "no report shown");
    let asked = press(&mut app, "r");
    let [order] = renders(&asked)[..] else {
        panic!("{asked:?}")
    };
    assert_eq!((order.key.mode, order.key.week), (Mode::Report, app.week));
    assert_eq!(app.view_text(), None, "nothing rendered in update");
    // Scrolling, or asking again before the answer, renders nothing more.
    assert!(renders(&press(&mut app, "j")).is_empty());
    let order = order.clone();
    assert!(answer(&mut app, &order, "# the report").is_empty());
    assert_eq!(app.view_text(), Some(Ok("# the report")));
    assert!(
        renders(&press(&mut app, "k")).is_empty(),
        "kept, not redone"
    );
    // Back to the list and in again: the text is still good.
    press(&mut app, "esc");
    assert!(renders(&press(&mut app, "r")).is_empty());
}

#[test]
fn the_report_is_asked_again_when_the_journal_changes() {
    let mut app = app_with(sample());
    let asked = press(&mut app, "r");
    let first = renders(&asked)[0].clone();
    answer(&mut app, &first, "# before");
    let new = entry("2026-11-19-n3w1", Kind::Met, "Shipped it early");
    let asked = app.update(Action::Added(new));
    let [order] = renders(&asked)[..] else {
        panic!("{asked:?}")
    };
    assert!(order.entries.iter().any(|e| e.title == "Shipped it early"));
    // The old text is not shown as if it were current, and a late answer
    // for it is dropped.
    assert_eq!(app.view_text(), None);
    answer(&mut app, &first, "# stale");
    assert_eq!(app.view_text(), None);
    let order = order.clone();
    answer(&mut app, &order, "# after");
    assert_eq!(app.view_text(), Some(Ok("# after")));
}

#[test]
fn another_week_or_the_bullets_ask_for_their_own_text() {
    let mut app = app_with(sample());
    press(&mut app, "r");
    let asked = press(&mut app, "[");
    let [order] = renders(&asked)[..] else {
        panic!("{asked:?}")
    };
    assert_eq!(order.key.week, app.week);
    assert!(app.week.contains(day(10)));
    let asked = press(&mut app, "b");
    let [order] = renders(&asked)[..] else {
        panic!("{asked:?}")
    };
    assert_eq!(order.key.mode, Mode::Bullets);
}

#[test]
fn a_report_order_holds_what_the_report_reads() {
    let mut later = entry("2026-11-25-l4t3", Kind::Met, "Next week's win");
    later.customer = Some("Later".into());
    let mut entries = sample();
    entries.push(later);
    // Years back: an open screw-up still needs attention; a fixed one and a
    // note are settled, so the report need not carry them.
    entries.push(entry(
        "2019-03-04-0ld1",
        Kind::Screwup,
        "Lost the Gable keys",
    ));
    entries.push(entry("2019-03-05-0ld2", Kind::Screwup, "Wrong price list"));
    let mut fix = entry("2019-03-06-0ld3", Kind::Fix, "Price list check");
    fix.fixes = vec!["2019-03-05-0ld2".parse().unwrap()];
    entries.push(fix);
    entries.push(entry("2019-03-07-0ld4", Kind::Note, "Quiet week"));
    let mut app = app_with(entries);
    let asked = press(&mut app, "r");
    let order = renders(&asked)[0];
    let titles: Vec<&str> = order.entries.iter().map(|e| e.title.as_str()).collect();
    assert!(titles.contains(&"Monthly close on time"), "{titles:?}");
    assert!(
        titles.contains(&"Forgot the October report"),
        "open screw-up"
    );
    assert!(!titles.contains(&"Next week's win"), "{titles:?}");
    assert!(titles.contains(&"Lost the Gable keys"), "{titles:?}");
    for settled in ["Wrong price list", "Price list check", "Quiet week"] {
        assert!(!titles.contains(&settled), "{settled}: {titles:?}");
    }
    // What the runner does with it: the report's own builder.
    let text = crate::ui::reports::render(order).unwrap().screen;
    assert!(text.contains("Monthly close on time"), "{text}");
    assert!(text.contains("Lost the Gable keys"), "{text}");
}

#[test]
fn each_tick_asks_to_check_the_shown_week() {
    let mut app = app_with(sample());
    let shown = app.week;
    assert!(matches!(app.update(Action::Tick).as_slice(), [Effect::CheckWeek(w)] if *w == shown));
    press(&mut app, "[");
    let asked = app.update(Action::Tick);
    assert!(matches!(asked.as_slice(), [Effect::CheckWeek(w)] if *w == shown.prev()));
}

#[test]
fn a_changed_week_is_read_again_unless_another_is_shown_by_then() {
    let mut app = app_with(sample());
    let shown = app.week;
    let asked = app.update(Action::WeekChanged(shown));
    assert!(matches!(asked.as_slice(), [Effect::LoadWeek(w)] if *w == shown));
    assert!(app.update(Action::WeekChanged(shown.prev())).is_empty());
}

/// A fix named `title` of the screw-up `screwup`.
fn fix_of(id: &str, title: &str, screwup: &str) -> Entry {
    let mut fix = entry(id, Kind::Fix, title);
    fix.fixes = vec![screwup.parse().unwrap()];
    fix
}

/// A promise due on November `due`, closed `(status, on November day)`.
fn promise(id: &str, title: &str, due: u32, closed: Option<(PromiseStatus, u32)>) -> Entry {
    let mut promise = entry(id, Kind::Promise, title);
    promise.due = Some(day(due));
    if let Some((status, on)) = closed {
        promise.status = Some(status);
        promise.closed = Some(day(on));
    }
    promise
}

/// The TUI picks a report's entries from those it holds; `report` has the
/// loader pick them from the files. Each week's Markdown must come out the
/// same both ways, byte for byte, on a journal with what either could miss.
/// The Markdown the TUI would show for its week, and the CLI's for that
/// week from the same files, today and setup.
fn tui_and_cli_reports(app: &App, journal: &crate::store::Journal) -> (String, String) {
    use crate::report::{self, Format};
    let order = app.text_order().expect("a report to render");
    let tui = crate::ui::reports::render(&order).unwrap().file;
    let loaded = report::load::weekly(journal, app.week).unwrap();
    let cli = report::render::week(
        app.week,
        &loaded.entries,
        app.today,
        &order.setup,
        Format::Markdown,
    )
    .unwrap();
    (tui, cli)
}

#[test]
fn the_tuis_report_is_the_clis_report_week_by_week() {
    use crate::store::Journal;
    let mut entries = sample();
    entries.extend([
        // Years back: an open screw-up, and a fixed one.
        entry("2019-03-04-0ld1", Kind::Screwup, "Lost the Gable keys"),
        entry("2019-03-05-0ld2", Kind::Screwup, "Wrong price list"),
        fix_of("2019-03-06-0ld3", "Price list check", "2019-03-05-0ld2"),
        // Years back, open until a fix of this week.
        entry(
            "2020-06-01-0ld5",
            Kind::Screwup,
            "Mixed up the Dunmore orders",
        ),
        fix_of(
            "2026-11-17-f1x9",
            "Re-sent the Dunmore orders",
            "2020-06-01-0ld5",
        ),
        // Fixed years ago, and named again by a fix of this week: only the
        // name brings it into the report.
        entry("2021-02-01-0ld6", Kind::Screwup, "Lost the Birch keys"),
        fix_of("2021-02-02-0ld7", "Cut new Birch keys", "2021-02-01-0ld6"),
        fix_of("2026-11-18-f1x8", "Key box for Birch", "2021-02-01-0ld6"),
        // A screw-up of an earlier week fixed in a later one.
        entry("2026-10-06-scr1", Kind::Screwup, "Missed the Birch call"),
        fix_of("2026-11-04-f1x1", "Called Birch back", "2026-10-06-scr1"),
        // Promises of earlier weeks: overdue, kept after its week, missed.
        promise("2026-10-13-pr01", "Send Acme the quote", 2, None),
        promise(
            "2026-10-20-pr02",
            "Train the Birch team",
            6,
            Some((PromiseStatus::Kept, 12)),
        ),
        promise(
            "2026-10-27-pr03",
            "Call Gable weekly",
            3,
            Some((PromiseStatus::Missed, 5)),
        ),
    ]);
    // And one kept long ago.
    let mut old_kept = entry("2025-01-06-pr04", Kind::Promise, "Renew the Acme contract");
    old_kept.due = NaiveDate::from_ymd_opt(2025, 1, 31);
    old_kept.status = Some(PromiseStatus::Kept);
    old_kept.closed = NaiveDate::from_ymd_opt(2025, 1, 20);
    entries.push(old_kept);

    let dir = tempfile::tempdir().unwrap();
    let journal = Journal::new(dir.path());
    let saved = journal.add_with_ids(&entries).expect("a valid journal");
    assert_eq!(saved.warning, None);
    let mut app = app_with(journal.load_all().unwrap().entries);
    press(&mut app, "r");
    let mut weeks = 0;
    while app.week.start() >= NaiveDate::from_ymd_opt(2026, 9, 28).unwrap() {
        let (tui, cli) = tui_and_cli_reports(&app, &journal);
        assert_eq!(tui, cli, "{}", app.week.label());
        if weeks == 0 {
            for title in [
                "Lost the Gable keys",
                "Mixed up the Dunmore",
                "Lost the Birch keys",
            ] {
                assert!(cli.contains(title), "{title}: {cli}");
            }
        }
        press(&mut app, "[");
        weeks += 1;
    }
    assert_eq!(weeks, 8);
}

/// Scroll keys and draws read the text as laid out when it arrived or the
/// terminal was resized, never laying the whole document out again.
/// An entry saved in the session goes to the end of the app's list, in no
/// date order; the report must still list a screw-up's fixes as the CLI
/// does, earliest first.
#[test]
fn the_tuis_report_stays_the_clis_after_an_entry_is_moved_in_the_session() {
    use crate::store::Journal;
    let screwup = entry("2026-11-16-scr1", Kind::Screwup, "Lost the Gable keys");
    let first = fix_of("2026-11-09-fx01", "First fix", "2026-11-16-scr1");
    let second = fix_of("2026-11-12-fx02", "Second fix", "2026-11-16-scr1");
    let dir = tempfile::tempdir().unwrap();
    let journal = Journal::new(dir.path());
    let saved = journal
        .add_with_ids(&[screwup, first, second.clone()])
        .expect("a valid journal");
    assert_eq!(saved.warning, None);
    let mut app = app_with(journal.load_all().unwrap().entries);
    // The second fix moved back to the 8th, before the first.
    let mut moved = second.clone();
    moved.date = day(8);
    assert_eq!(journal.update(&moved).expect("saved").warning, None);
    app.update(Action::Updated {
        base: Box::new(second),
        asked: Box::new(moved.clone()),
        saved: moved,
    });
    press(&mut app, "r");
    while app.week.label() != "2026-W47" {
        press(&mut app, "]");
    }
    let (tui, cli) = tui_and_cli_reports(&app, &journal);
    assert!(tui.contains("Second fix"), "{tui}");
    assert_eq!(tui, cli);
}

#[test]
fn the_text_is_laid_out_when_it_arrives_and_when_the_terminal_resizes() {
    use crate::ui::views::report::{lay_out, text_width};
    let mut app = app_with(sample());
    app.update(Action::Resize {
        width: 120,
        height: 40,
    });
    press(&mut app, "r");
    assert_eq!(app.laid_out(text_width(&app)), None, "nothing rendered yet");
    crate::ui::reports::refresh(&mut app);
    let Some(Ok(text)) = app.view_text() else {
        panic!("rendered")
    };
    let text = text.to_string();
    assert_eq!(text_width(&app), 118);
    assert_eq!(app.laid_out(118), Some(&lay_out(&text, 118)[..]));
    app.update(Action::Resize {
        width: 80,
        height: 24,
    });
    assert_eq!(app.laid_out(118), None, "not at the old width");
    assert_eq!(app.laid_out(78), Some(&lay_out(&text, 78)[..]));
    // Another screen is not laid out until its own text arrives.
    press(&mut app, "b");
    assert_eq!(app.laid_out(78), None, "the bullets are not rendered yet");
}

/// A text that comes back shorter (an entry gone) leaves the scroll at its
/// new end, so the first key up moves the screen.
#[test]
fn a_shorter_text_pulls_the_scroll_back_to_its_end() {
    let mut app = app_with(sample());
    press(&mut app, "r");
    crate::ui::reports::refresh(&mut app);
    press(&mut app, "G");
    let long_end = app.scroll;
    assert!(long_end > 0);
    let week = app.week;
    let fewer: Vec<Entry> = sample()
        .into_iter()
        .filter(|e| week.contains(e.date) && e.kind != Kind::Promise && e.kind != Kind::Note)
        .collect();
    app.update(Action::WeekLoaded {
        week,
        loaded: Loaded {
            entries: fewer,
            problems: Vec::new(),
        },
    });
    crate::ui::reports::refresh(&mut app);
    let end = app.max_scroll();
    assert!(end < long_end, "{end} < {long_end}");
    assert_eq!(app.scroll, end);
}
