//! What the app asks the outside world for, and what it does with the
//! answer: every path in goes through `update`.

use super::tests::{app_with, day, entry, press, sample};
use super::*;
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
