//! Whole screens drawn on a `TestBackend` and compared as insta snapshots,
//! at 80x24 (the smallest supported) and 120x40.

use insta::assert_snapshot;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::model::Kind;
use crate::store::{Loaded, Problem};
use crate::ui::action::{Action, Effect};
use crate::ui::app::tests::{app_with, press, sample, today, type_text};
use crate::ui::app::{App, Settings};
use crate::ui::form::FieldId;
use crate::ui::keymap::KeyMap;

fn draw(app: &mut App, width: u16, height: u16) -> String {
    crate::ui::reports::refresh(app);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| frame.render_widget(&*app, frame.area()))
        .unwrap();
    terminal.backend().to_string()
}

/// Snapshots of `app` at both sizes, named `<name>_80x24` and `<name>_120x40`.
fn snap(name: &str, app: &mut App) {
    assert_snapshot!(format!("{name}_80x24"), draw(app, 80, 24));
    assert_snapshot!(format!("{name}_120x40"), draw(app, 120, 40));
}

fn settings() -> Settings {
    Settings {
        name: "Ada Lovelace".into(),
        role: "Account manager".into(),
        ..Settings::default()
    }
}

fn populated() -> App {
    let mut app = app_with(sample());
    app.settings = settings();
    app
}

#[test]
fn empty_journal_greets_a_newcomer() {
    snap("empty_journal", &mut app_with(Vec::new()));
}

#[test]
fn populated_week() {
    snap("populated_week", &mut populated());
}

#[test]
fn selected_fix_shows_what_it_fixed() {
    let mut app = populated();
    press(&mut app, "j");
    snap("selected_fix", &mut app);
}

#[test]
fn forms_of_every_kind() {
    for (key, kind) in [
        ("s", Kind::Screwup),
        ("f", Kind::Fix),
        ("x", Kind::Exceeded),
        ("m", Kind::Met),
        ("p", Kind::Promise),
        ("n", Kind::Note),
    ] {
        let mut app = populated();
        press(&mut app, "a");
        press(&mut app, key);
        type_text(&mut app, "Something worth noting");
        snap(&format!("form_{}", kind.as_str()), &mut app);
    }
}

#[test]
fn form_with_a_validation_message() {
    let mut app = populated();
    press(&mut app, "a");
    press(&mut app, "x");
    type_text(&mut app, "Same-day quote");
    while app.form.as_ref().unwrap().focus != FieldId::Revenue {
        press(&mut app, "tab");
    }
    type_text(&mut app, "5k");
    press(&mut app, "ctrl-s");
    snap("form_invalid", &mut app);
}

#[test]
fn form_previews_the_resume_bullet() {
    let mut app = populated();
    press(&mut app, "a");
    press(&mut app, "x");
    type_text(&mut app, "delivered Pinecrest Foods' holiday samples");
    for (field, text) in [
        (FieldId::Expected, "3 days"),
        (FieldId::Delivered, "24 hours"),
        (FieldId::Revenue, "9600"),
        (FieldId::Customer, "Pinecrest Foods"),
    ] {
        while app.form.as_ref().unwrap().focus != field {
            press(&mut app, "tab");
        }
        type_text(&mut app, text);
    }
    snap("form_bullet_preview", &mut app);
    // A written bullet longer than three rows ends in `…` at 80 columns.
    while app.form.as_ref().unwrap().focus != FieldId::Bullet {
        press(&mut app, "tab");
    }
    type_text(
        &mut app,
        &"Rebuilt the holiday sample pipeline end to end ".repeat(5),
    );
    snap("form_written_bullet", &mut app);
}

#[test]
fn kind_picker() {
    let mut app = populated();
    press(&mut app, "a");
    snap("picker", &mut app);
}

#[test]
fn help_lists_the_bindings_in_force() {
    let mut app = populated();
    press(&mut app, "?");
    snap("help", &mut app);
}

#[test]
fn help_follows_rebound_keys() {
    let overrides = toml::from_str("quit = \"Q\"\n[main]\nnew = \"n\"\n").unwrap();
    let (keymap, problems) = KeyMap::with_overrides(&overrides);
    assert!(problems.is_empty());
    let mut app = populated();
    app.keymap = keymap;
    let screen = draw(&mut app, 120, 40);
    assert!(screen.contains("n new"), "{screen}");
    assert!(screen.contains("Q quit"), "{screen}");
    press(&mut app, "?");
    let help = draw(&mut app, 120, 80);
    assert!(help.contains("  n                   new entry"), "{help}");
}

#[test]
fn report() {
    let mut app = populated();
    press(&mut app, "r");
    snap("report", &mut app);
}

#[test]
fn bullets() {
    let mut app = populated();
    press(&mut app, "b");
    snap("bullets", &mut app);
}

#[test]
fn stats() {
    let mut app = populated();
    press(&mut app, "s");
    snap("stats", &mut app);
}

#[test]
fn customers_table_keeps_name_and_money_when_narrow() {
    let mut entries = sample();
    let mut big = crate::ui::app::tests::entry(
        "2026-11-12-b1g0",
        Kind::Exceeded,
        "Renewed the three-year support contract early",
    );
    big.customer = Some("Northwind Traders International".into());
    big.revenue = Some(crate::model::Money(4_850_000));
    big.customer_value = Some(crate::model::Money(25_000_000));
    entries.push(big);
    let mut app = app_with(entries);
    app.settings = settings();
    press(&mut app, "c");
    press(&mut app, "j");
    snap("customers", &mut app);
}

#[test]
fn customer_enter_lists_their_entries() {
    let mut app = populated();
    press(&mut app, "c");
    press(&mut app, "enter");
    snap("customer_entries", &mut app);
}

#[test]
fn search_results_across_weeks() {
    let mut app = populated();
    press(&mut app, "/");
    type_text(&mut app, "acme");
    snap("search", &mut app);
}

#[test]
fn search_highlights_the_matched_letters() {
    let mut app = populated();
    press(&mut app, "/");
    type_text(&mut app, "pallet");
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    terminal
        .draw(|frame| frame.render_widget(&app, frame.area()))
        .unwrap();
    let buffer = terminal.backend().buffer();
    let row = (0..40).find(|y| {
        (0..120)
            .map(|x| buffer[(x, *y)].symbol())
            .collect::<String>()
            .contains("wrong Acme pallet")
    });
    let y = row.expect("the hit is listed");
    let line: String = (0..120).map(|x| buffer[(x, y)].symbol()).collect();
    let start = line.find("pallet").unwrap();
    let x = line[..start].chars().count() as u16;
    assert_eq!(
        buffer[(x, y)].style().fg,
        Some(ratatui::style::Color::Yellow)
    );
    assert_ne!(
        buffer[(x - 2, y)].style().fg,
        Some(ratatui::style::Color::Yellow)
    );
}

#[test]
fn broken_file_banner() {
    let mut app = App::new(Settings::default(), KeyMap::default(), today());
    let week = app.week;
    let problem = Problem {
        path: "journal/2026/2026-11-17.toml".into(),
        line: 3,
        column: 9,
        message: "invalid string, expected `\"`".into(),
    };
    let entries = sample()
        .into_iter()
        .filter(|e| week.contains(e.date))
        .collect();
    app.update(Action::WeekLoaded {
        week,
        loaded: Loaded {
            entries,
            problems: vec![problem],
        },
    });
    snap("broken_file", &mut app);
}

#[test]
fn hostile_text_is_escaped_on_screen() {
    let mut evil = sample();
    evil[0].title = "Invoice\u{1b}]52;c;aGk=\u{7} twice\u{202e}".into();
    let mut app = app_with(evil);
    let screen = draw(&mut app, 120, 40);
    assert!(
        screen.contains("Invoice\\u{1b}]52;c;aGk=\\u{7} twice\\u{202e}"),
        "{screen}"
    );
}

#[test]
fn tiny_terminals_never_panic() {
    let mut screens = Vec::new();
    for keys in [
        &[][..],
        &["a"],
        &["a", "f"],
        &["a", "p", "tab", "tab"],
        &["/", "a"],
        &["r"],
        &["b"],
        &["s"],
        &["?"],
        &["d"],
    ] {
        let mut app = populated();
        for key in keys {
            press(&mut app, key);
        }
        screens.push(app);
    }
    screens.push(app_with(Vec::new()));
    for app in &mut screens {
        for (width, height) in [(1, 1), (10, 5), (30, 8), (45, 12), (80, 3)] {
            draw(app, width, height);
        }
    }
}

#[test]
fn a_long_question_keeps_its_keys_visible() {
    let mut app = populated();
    let draft = crate::ui::draft::Draft {
        kind: Kind::Exceeded,
        editing: None,
        fields: [(
            "title".to_string(),
            "A rather long title that goes on and on about the quote for Birch".to_string(),
        )]
        .into(),
        links: Vec::new(),
    };
    app.update(Action::DraftFound(draft));
    let screen = draw(&mut app, 80, 24);
    assert!(screen.contains("y yes  n no"), "{screen}");
}

mod fuzz {
    use proptest::prelude::*;

    use super::*;

    const KEYS: &[&str] = &[
        "j",
        "k",
        "a",
        "e",
        "d",
        "y",
        "n",
        "u",
        "[",
        "]",
        "t",
        "/",
        "r",
        "b",
        "s",
        "x",
        "f",
        "m",
        "p",
        "?",
        "q",
        "esc",
        "enter",
        "tab",
        "backtab",
        "space",
        "backspace",
        "ctrl-s",
        "ctrl-e",
        "left",
        "right",
        "up",
        "down",
        "1",
        "-",
    ];

    proptest! {
        #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

        /// Any key sequence leaves a state that draws, at the smallest size.
        #[test]
        fn any_keys_keep_the_app_drawable(keys in proptest::collection::vec(0..KEYS.len(), 1..60)) {
            let mut app = populated();
            for key in keys {
                if press(&mut app, KEYS[key]).iter().any(|e| matches!(e, Effect::Quit)) {
                    break;
                }
                draw(&mut app, 80, 24);
            }
        }
    }
}

/// The Buffer's Debug form keeps styles: kind colours, open flags, the selection.
#[test]
fn populated_week_styles() {
    let mut app = populated();
    crate::ui::reports::refresh(&mut app);
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal
        .draw(|frame| frame.render_widget(&app, frame.area()))
        .unwrap();
    assert_snapshot!(format!("{:?}", terminal.backend().buffer()));
}

#[test]
fn quick_add_line_previews_what_enter_saves() {
    let mut app = populated();
    press(&mut app, "A");
    snap("quick_add_empty", &mut app);
    type_text(
        &mut app,
        "s Sent Acme the invoice twice @Acme_Corp -1200 #billing",
    );
    snap("quick_add_typed", &mut app);
    let mut app = populated();
    press(&mut app, "A");
    type_text(&mut app, "n Lunch due:fri");
    snap("quick_add_refused", &mut app);
}

#[test]
fn reminder_line_names_the_oldest_overdue_promise() {
    let mut entries = crate::ui::app::tests::sample();
    let mut late = crate::ui::app::tests::entry(
        "2026-11-02-l4te",
        Kind::Promise,
        "Send Acme the renewal quote with the three-year discount and the new seat count",
    );
    late.due = crate::ui::app::tests::day(6).into();
    let mut later = crate::ui::app::tests::entry("2026-11-03-l4t2", Kind::Promise, "Call Birch");
    later.due = crate::ui::app::tests::day(9).into();
    entries.extend([later, late]);
    let mut app = app_with(entries);
    app.settings = settings();
    snap("reminders", &mut app);
}

#[test]
fn deleting_a_fixed_screwup_names_the_fix() {
    let mut app = populated();
    press(&mut app, "d");
    snap("delete_fixed_screwup", &mut app);
}

/// The last line of the screen at 120 columns, where every hint fits.
fn footer(app: &mut App) -> String {
    let screen = draw(app, 120, 40);
    let lines: Vec<&str> = screen.lines().collect();
    lines[lines.len() - 1]
        .trim_matches('"')
        .trim_end()
        .to_string()
}

#[test]
fn each_views_footer_offers_the_keys_that_work_there() {
    let mut app = populated();
    press(&mut app, "b");
    assert_eq!(
        footer(&mut app),
        "x export  j down  k up  r report  s stats  ? help  Esc back"
    );
    press(&mut app, "r");
    assert_eq!(
        footer(&mut app),
        "x export  j down  k up  [ prev week  ] next week  b bullets  s stats  ? help  Esc back"
    );
    press(&mut app, "s");
    assert_eq!(
        footer(&mut app),
        "[ prev week  ] next week  t this week  r report  b bullets  ? help  Esc back"
    );
    press(&mut app, "?");
    assert_eq!(
        footer(&mut app),
        "j down  k up  r report  b bullets  s stats  Esc back"
    );
}

#[test]
fn the_forms_footer_says_what_enter_does_in_the_field() {
    let mut app = populated();
    press(&mut app, "a");
    press(&mut app, "n");
    assert!(
        footer(&mut app).starts_with("Enter save  Ctrl-S save"),
        "{}",
        footer(&mut app)
    );
    while app.form.as_ref().unwrap().focus != FieldId::Details {
        press(&mut app, "tab");
    }
    assert!(
        footer(&mut app).starts_with("Enter new line  Ctrl-S save"),
        "{}",
        footer(&mut app)
    );
}

/// The report's rows between its borders, as drawn at `width` × `height`.
fn report_rows(app: &mut App, width: u16, height: u16) -> Vec<String> {
    let screen = draw(app, width, height);
    let rows: Vec<String> = screen.lines().map(str::to_string).collect();
    // Header (2) and the top border above; the bottom border and footer below.
    rows[3..rows.len() - 2].to_vec()
}

#[test]
fn the_report_scrolls_to_its_last_line_and_back_one_line_a_key() {
    let mut app = populated();
    press(&mut app, "r");
    crate::ui::reports::refresh(&mut app);
    for (width, height) in [(80, 24), (120, 40)] {
        app.update(Action::Resize { width, height });
        for _ in 0..200 {
            press(&mut app, "j");
        }
        let end = report_rows(&mut app, width, height);
        // The document's last line (the trend's scale) is at the bottom,
        // and the Markdown's sparklines are not drawn under the bars.
        let last = end.last().unwrap();
        assert!(!end.iter().any(|row| row.contains('▁')), "{end:#?}");
        assert!(
            last.contains("One scale for every column"),
            "{width}x{height}: {end:#?}"
        );
        press(&mut app, "j");
        assert_eq!(report_rows(&mut app, width, height), end, "no further");
        // One key up shows one line more at the top: no dead presses.
        press(&mut app, "k");
        let up = report_rows(&mut app, width, height);
        assert_eq!(up[1..], end[..end.len() - 1], "{width}x{height}");
        assert_ne!(up[0], end[0]);
        press(&mut app, "g");
    }
}

/// The end of the report: the trend as a table of bars on one scale.
#[test]
fn report_trend() {
    let mut app = populated();
    press(&mut app, "r");
    crate::ui::reports::refresh(&mut app);
    for (width, height) in [(80, 24), (120, 40)] {
        app.update(Action::Resize { width, height });
        press(&mut app, "G");
        assert_snapshot!(
            format!("report_trend_{width}x{height}"),
            draw(&mut app, width, height)
        );
    }
}

#[test]
fn long_titles_end_in_an_ellipsis_and_status_words_stay_whole() {
    let mut entries = crate::ui::app::tests::sample();
    entries.push(crate::ui::app::tests::entry(
        "2026-11-18-l0ng",
        Kind::Screwup,
        "Quoted Acme the old price list for the renewal, including the extra seats we dropped in October",
    ));
    let mut promise = crate::ui::app::tests::entry(
        "2026-11-18-pr0m",
        Kind::Promise,
        "Send Birch the signed renewal with the three-year discount and the new seat count by Friday",
    );
    promise.due = crate::ui::app::tests::day(20).into();
    entries.push(promise);
    let mut app = app_with(entries);
    app.settings = settings();
    snap("week_long_titles", &mut app);
}

#[test]
fn help_ends_with_the_editing_and_jump_keys() {
    let mut app = populated();
    press(&mut app, "?");
    press(&mut app, "G");
    snap("help_editing_keys", &mut app);
}

#[test]
fn search_ranks_a_title_match_above_a_newer_details_match() {
    let mut entries = crate::ui::app::tests::sample();
    entries.push(crate::ui::app::tests::entry(
        "2026-10-05-0ld1",
        Kind::Note,
        "Apologised to Birch for the late quote",
    ));
    let mut app = app_with(entries);
    app.settings = settings();
    press(&mut app, "/");
    type_text(&mut app, "apologised");
    snap("search_ranked", &mut app);
}

#[test]
fn u_undoes_a_status_change_and_says_so() {
    let mut app = populated();
    for _ in 0..3 {
        press(&mut app, "j");
    }
    let effects = press(&mut app, "space");
    app.update(crate::ui::app::tests::landed(&effects[0]));
    let effects = press(&mut app, "u");
    app.update(crate::ui::app::tests::landed(&effects[0]));
    snap("undo_status_change", &mut app);
}

/// The report's Markdown as `x` exports it, after `r` and a render.
fn exported(app: &mut App) -> String {
    let effects = press(app, "x");
    let [Effect::Export { text, .. }] = &effects[..] else {
        panic!("{effects:?}")
    };
    text.clone()
}

#[test]
fn the_screen_leaves_out_the_sparklines_the_export_keeps() {
    let mut app = populated();
    press(&mut app, "r");
    let order = app.text_order().expect("a report to render");
    let file = crate::report::render::week(
        order.key.week,
        &order.entries,
        order.today,
        &order.setup,
        crate::report::Format::Markdown,
    )
    .unwrap();
    let sparkline = "\nScrew-ups ▅▁▁▁▁▁▅█ · Fixes ▁▁▁▁▁▁▁▅ · Wins ▁▁▁▁▁▅▁█ (one scale: █ = 2)\n";
    assert!(file.contains(sparkline), "{file}");
    crate::ui::reports::refresh(&mut app);
    let Some(Ok(shown)) = app.view_text() else {
        panic!("rendered")
    };
    // The screen's text is the file's but for the sparkline line and the
    // blank line above it, which the template leaves out for the screen.
    assert_eq!(shown, file.replace(sparkline, ""));
    assert_eq!(exported(&mut app), file, "x exports the file's bytes");
}

#[test]
fn a_user_templates_blocks_after_a_table_stay_on_screen() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("templates")).unwrap();
    // A template that ignores `screen`: its sparkline line stays, as does
    // any line of block characters it prints.
    std::fs::write(
        dir.path().join("templates/report.md"),
        "| Week | Screw-ups |\n|---|---:|\n{% for p in trend %}\
         | {{ p.week }} | {{ p.screwups }} |\n{% endfor %}\n\
         Screw-ups {{ sparklines.screwups }}\n\nBusiest week: █ W47\n",
    )
    .unwrap();
    let mut app = populated();
    app.settings.templates = crate::report::Templates::for_config_dir(Some(dir.path()));
    press(&mut app, "r");
    let rows = report_rows(&mut app, 120, 40).join("\n");
    assert!(rows.contains("Screw-ups ▅▁▁▁▁▁▅█"), "{rows}");
    assert!(rows.contains("Busiest week: █ W47"), "{rows}");
}

/// Each scroll position shows the window of the whole document drawn at
/// once: drawing only what reaches into the window changes nothing, the
/// trend cut by the top edge included.
#[test]
fn every_scroll_position_is_a_window_on_the_whole_document() {
    let mut app = populated();
    press(&mut app, "r");
    crate::ui::reports::refresh(&mut app);
    app.update(Action::Resize {
        width: 80,
        height: 200,
    });
    let whole = report_rows(&mut app, 80, 200);
    let end = whole
        .iter()
        .rposition(|row| !row.trim_matches(['"', '│', ' ']).is_empty())
        .unwrap();
    // Shorter than the trend, so the top edge cuts it on the way down.
    app.update(Action::Resize {
        width: 80,
        height: 12,
    });
    let shown = 12 - 5;
    let mut at = 0;
    loop {
        assert_eq!(
            report_rows(&mut app, 80, 12),
            whole[at..at + shown],
            "scrolled {at}"
        );
        if at + shown > end {
            break;
        }
        press(&mut app, "j");
        at += 1;
    }
    assert!(at > 10, "the report is longer than the window: {at}");
}
