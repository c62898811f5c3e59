//! The state machine fed with actions: no terminal and no journal on disk.

use chrono::NaiveDate;

use super::*;
use crate::model::{Money, PromiseStatus};
use crate::ui::form::FieldId;
use crate::ui::keymap::Key;

pub(crate) fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

pub(crate) fn today() -> NaiveDate {
    day(18)
}

pub(crate) fn entry(id: &str, kind: Kind, title: &str) -> Entry {
    let id: EntryId = id.parse().unwrap();
    Entry::new(id.clone(), id.date(), kind, title)
}

/// A week (2026-W47) with one of each kind, a fixed and an open screw-up,
/// and older entries for search and stats.
pub(crate) fn sample() -> Vec<Entry> {
    let mut acme = entry(
        "2026-11-16-k7q2",
        Kind::Screwup,
        "Sent Acme the October invoice twice",
    );
    acme.customer = Some("Acme Corp".into());
    acme.tags = vec!["billing".into()];
    acme.revenue = Some(Money(-120_000));
    acme.customer_value = Some(Money(12_000_000));
    acme.time = chrono::NaiveTime::from_hms_opt(9, 14, 0);
    acme.details = Some("They caught it before paying.\nApologised the same hour.".into());
    let mut fix = entry(
        "2026-11-17-p3xa",
        Kind::Fix,
        "Added a duplicate-invoice check before sending",
    );
    fix.fixes = vec![acme.id.clone()];
    fix.cost_saved = Some(Money(50_000));
    fix.adopted_by = vec!["billing team".into()];
    let mut quote = entry(
        "2026-11-18-m2c9",
        Kind::Exceeded,
        "Quote for Birch Ltd turned around same day",
    );
    quote.expected = Some("3 days".into());
    quote.delivered = Some("4 hours".into());
    quote.revenue = Some(Money(500_000));
    quote.customer = Some("Birch Ltd".into());
    let mut promise = entry(
        "2026-11-18-z81t",
        Kind::Promise,
        "Send Birch the revised contract",
    );
    promise.due = Some(day(20));
    let standup = entry("2026-11-18-s7nd", Kind::Screwup, "Missed the standup");
    let met = entry("2026-11-19-m3t0", Kind::Met, "Monthly close on time");
    let note = entry(
        "2026-11-19-n0te",
        Kind::Note,
        "Team lunch with the new hire",
    );
    let mut old_screwup = entry(
        "2026-11-10-0ld1",
        Kind::Screwup,
        "Shipped the wrong Acme pallet",
    );
    old_screwup.customer = Some("Acme Corp".into());
    let mut kept = entry("2026-11-04-k3pt", Kind::Promise, "Call Acme back");
    kept.status = Some(PromiseStatus::Kept);
    let older = entry(
        "2026-10-01-0ld2",
        Kind::Screwup,
        "Forgot the October report",
    );
    vec![
        acme,
        fix,
        quote,
        promise,
        standup,
        met,
        note,
        old_screwup,
        kept,
        older,
    ]
}

pub(crate) fn app_with(entries: Vec<Entry>) -> App {
    let mut app = App::new(Settings::default(), KeyMap::default(), today());
    let week = app.week;
    let in_week = entries
        .iter()
        .filter(|e| week.contains(e.date))
        .cloned()
        .collect();
    app.update(Action::WeekLoaded {
        week,
        loaded: Loaded {
            entries: in_week,
            problems: Vec::new(),
        },
    });
    app.update(Action::JournalLoaded(Loaded {
        entries,
        problems: Vec::new(),
    }));
    app
}

/// What the runner answers when an `Effect::Update` lands on a journal
/// nobody else changed.
pub(crate) fn landed(effect: &Effect) -> Action {
    let Effect::Update { base, entry } = effect else {
        panic!("not an update: {effect:?}")
    };
    Action::Updated {
        base: base.clone(),
        asked: Box::new(entry.clone()),
        saved: entry.clone(),
    }
}

/// `entry` saved over the app's copy of it.
fn saved_over(app: &App, entry: Entry) -> Action {
    let base = app.known().iter().find(|e| e.id == entry.id).unwrap();
    landed(&Effect::Update {
        base: Box::new(base.clone()),
        entry,
    })
}

pub(crate) fn press(app: &mut App, key: &str) -> Vec<Effect> {
    app.update(Action::Key(Key::parse(key).unwrap().event()))
}

pub(crate) fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        let key = if c == ' ' {
            "space".to_string()
        } else {
            c.to_string()
        };
        assert!(press(app, &key).is_empty());
    }
}

fn form(app: &App) -> &Form {
    app.form.as_ref().expect("a form is open")
}

fn focus(app: &mut App, field: FieldId) {
    for _ in 0..20 {
        if form(app).focus == field {
            return;
        }
        press(app, "tab");
    }
    panic!("no field {field:?}");
}

#[test]
fn the_week_is_listed_by_day_and_the_first_entry_selected() {
    let app = app_with(sample());
    let titles: Vec<&str> = app.visible().iter().map(|e| e.title.as_str()).collect();
    assert_eq!(titles.len(), 7);
    assert_eq!(titles[0], "Sent Acme the October invoice twice");
    assert_eq!(app.selected_entry().unwrap().id.as_str(), "2026-11-16-k7q2");
    assert!(
        !app.is_open_screwup(&app.journal.week()[0]),
        "fixed by the fix"
    );
    let standup = app
        .journal
        .week()
        .iter()
        .find(|e| e.title == "Missed the standup")
        .unwrap();
    assert!(app.is_open_screwup(standup));
}

#[test]
fn a_fix_saved_or_deleted_opens_and_closes_its_screw_up() {
    let mut app = app_with(sample());
    let standup = |app: &App| {
        app.journal
            .week()
            .iter()
            .find(|e| e.title == "Missed the standup")
            .unwrap()
            .clone()
    };
    assert!(app.is_open_screwup(&standup(&app)));
    let mut fix = entry("2026-11-19-fx01", Kind::Fix, "Set two alarms");
    fix.fixes = vec![standup(&app).id];
    app.update(Action::Added(fix.clone()));
    assert!(!app.is_open_screwup(&standup(&app)), "the new fix counts");
    app.update(Action::Deleted {
        entry: Box::new(fix),
        trashed: Trashed::new(0),
    });
    assert!(app.is_open_screwup(&standup(&app)), "open again without it");
}

#[test]
fn vim_keys_and_arrows_move() {
    let mut app = app_with(sample());
    press(&mut app, "j");
    press(&mut app, "down");
    assert_eq!(app.selected, 2);
    press(&mut app, "k");
    assert_eq!(app.selected, 1);
    press(&mut app, "up");
    press(&mut app, "up");
    assert_eq!(app.selected, 0);
    for _ in 0..20 {
        press(&mut app, "j");
    }
    assert_eq!(app.selected, 6);
}

#[test]
fn weeks_move_with_brackets_and_t() {
    let mut app = app_with(sample());
    let this = app.week;
    let effects = press(&mut app, "[");
    assert_eq!(app.week, this.prev());
    assert!(matches!(effects.as_slice(), [Effect::LoadWeek(w)] if *w == this.prev()));
    // Shown at once from memory, before the fresh read arrives.
    assert_eq!(
        app.visible()
            .iter()
            .map(|e| e.title.as_str())
            .collect::<Vec<_>>(),
        ["Shipped the wrong Acme pallet"]
    );
    press(&mut app, "]");
    press(&mut app, "]");
    assert_eq!(app.week, this.next());
    assert!(app.visible().is_empty());
    press(&mut app, "t");
    assert_eq!(app.week, this);
    // Every view moves the week too.
    press(&mut app, "r");
    press(&mut app, "[");
    assert_eq!((app.mode, app.week), (Mode::Report, this.prev()));
    press(&mut app, "s");
    press(&mut app, "t");
    assert_eq!((app.mode, app.week), (Mode::Stats, this));
}

#[test]
fn a_late_week_read_is_ignored_and_a_fresh_one_keeps_the_selection() {
    let mut app = app_with(sample());
    press(&mut app, "j");
    press(&mut app, "j");
    let selected = app.selected_entry().unwrap().id.clone();
    let mut entries: Vec<Entry> = sample()
        .into_iter()
        .filter(|e| app.week.contains(e.date))
        .collect();
    entries.insert(
        0,
        entry("2026-11-16-new0", Kind::Note, "added from the CLI"),
    );
    let week = app.week;
    app.update(Action::WeekLoaded {
        week: week.prev(),
        loaded: Loaded::default(),
    });
    assert_eq!(app.journal.week().len(), 7);
    app.update(Action::WeekLoaded {
        week,
        loaded: Loaded {
            entries,
            problems: Vec::new(),
        },
    });
    assert_eq!(app.journal.week().len(), 8);
    assert_eq!(app.selected_entry().unwrap().id, selected);
    assert!(app.known().iter().any(|e| e.title == "added from the CLI"));
}

#[test]
fn kind_picker_then_title_then_ctrl_s_adds_to_today() {
    let mut app = app_with(sample());
    press(&mut app, "a");
    assert_eq!(app.mode, Mode::Picker);
    press(&mut app, "s");
    assert_eq!(app.mode, Mode::Form);
    assert_eq!(form(&app).kind, Kind::Screwup);
    assert_eq!(form(&app).focus, FieldId::Title);
    type_text(&mut app, "Broke the build");
    let effects = press(&mut app, "ctrl-s");
    let [Effect::Add(new)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(
        (new.kind, new.date, new.title.as_str()),
        (Kind::Screwup, today(), "Broke the build")
    );

    let mut saved = new.clone();
    saved.id = "2026-11-18-b01d".parse().unwrap();
    let effects = app.update(Action::Added(saved.clone()));
    assert!(
        matches!(effects.as_slice(), [Effect::ClearDraft]),
        "{effects:?}"
    );
    assert_eq!(app.mode, Mode::Week);
    assert!(app.form.is_none());
    assert_eq!(app.selected_entry().unwrap().id, saved.id);
    assert!(app.message.as_ref().unwrap().1.contains("Saved"));
}

#[test]
fn each_picker_key_picks_its_kind() {
    for (key, kind) in [
        ("s", Kind::Screwup),
        ("f", Kind::Fix),
        ("x", Kind::Exceeded),
        ("m", Kind::Met),
        ("p", Kind::Promise),
        ("n", Kind::Note),
    ] {
        let mut app = app_with(Vec::new());
        press(&mut app, "a");
        press(&mut app, key);
        assert_eq!(form(&app).kind, kind, "{key}");
    }
    let mut app = app_with(Vec::new());
    press(&mut app, "a");
    press(&mut app, "esc");
    assert_eq!(app.mode, Mode::Week);
}

#[test]
fn an_invalid_form_cannot_be_saved() {
    let mut app = app_with(sample());
    press(&mut app, "a");
    press(&mut app, "x");
    type_text(&mut app, "Same-day quote");
    focus(&mut app, FieldId::Revenue);
    type_text(&mut app, "5k");
    assert!(form(&app).error(FieldId::Revenue).is_some());
    assert!(press(&mut app, "ctrl-s").is_empty());
    assert_eq!(app.mode, Mode::Form);
    assert_eq!(app.message.as_ref().unwrap().0, Level::Error);
    // The empty title is refused too.
    let mut app = app_with(sample());
    press(&mut app, "a");
    press(&mut app, "n");
    assert!(press(&mut app, "ctrl-s").is_empty());
    assert!(
        app.message
            .as_ref()
            .unwrap()
            .1
            .contains("a title is needed")
    );
}

#[test]
fn a_failed_save_is_a_message_and_the_form_stays() {
    let mut app = app_with(sample());
    press(&mut app, "a");
    press(&mut app, "n");
    type_text(&mut app, "note");
    press(&mut app, "ctrl-s");
    app.update(Action::Failed("Not saved: disk full".into()));
    assert_eq!(app.mode, Mode::Form);
    assert_eq!(form(&app).text(FieldId::Title), "note");
    assert_eq!(
        app.message,
        Some((Level::Error, "Not saved: disk full".into()))
    );
}

#[test]
fn esc_asks_before_throwing_changes_away() {
    let mut app = app_with(sample());
    press(&mut app, "a");
    press(&mut app, "n");
    let effects = press(&mut app, "esc");
    assert!(
        matches!(effects.as_slice(), [Effect::ClearDraft]),
        "unchanged: leaves at once"
    );
    assert_eq!(app.mode, Mode::Week);

    press(&mut app, "a");
    press(&mut app, "n");
    type_text(&mut app, "half a thought");
    press(&mut app, "esc");
    assert!(matches!(app.question, Some(Question::Discard)));
    press(&mut app, "n");
    assert_eq!(app.mode, Mode::Form);
    assert_eq!(form(&app).text(FieldId::Title), "half a thought");
    press(&mut app, "esc");
    let effects = press(&mut app, "y");
    assert!(matches!(effects.as_slice(), [Effect::ClearDraft]));
    assert_eq!(app.mode, Mode::Week);
    assert!(app.form.is_none());
}

#[test]
fn edit_opens_the_same_form_and_updates_in_place() {
    let mut app = app_with(sample());
    press(&mut app, "enter");
    assert_eq!(
        form(&app).original.as_ref().unwrap().id.as_str(),
        "2026-11-16-k7q2"
    );
    assert_eq!(form(&app).text(FieldId::Revenue), "-1200");
    press(&mut app, "esc");
    assert_eq!(app.mode, Mode::Week, "unchanged edit leaves without asking");
    press(&mut app, "e");
    type_text(&mut app, " (again)");
    let effects = press(&mut app, "ctrl-s");
    let [Effect::Update { entry: updated, .. }] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(updated.id.as_str(), "2026-11-16-k7q2");
    assert_eq!(updated.title, "Sent Acme the October invoice twice (again)");
    assert_eq!(updated.details, sample()[0].details);
    app.update(landed(&effects[0]));
    assert_eq!(app.selected_entry().unwrap().title, updated.title);
    assert_eq!(app.journal.week().len(), 7);
}

#[test]
fn a_fix_offers_this_and_last_weeks_unfixed_screwups() {
    let mut app = app_with(sample());
    press(&mut app, "a");
    press(&mut app, "f");
    let offered: Vec<&str> = form(&app).links.iter().map(|l| l.title.as_str()).collect();
    // The Acme invoice is fixed already; October's is too old.
    assert_eq!(
        offered,
        ["Missed the standup", "Shipped the wrong Acme pallet"]
    );
    type_text(&mut app, "Calendar reminder");
    focus(&mut app, FieldId::Fixes);
    press(&mut app, "space");
    let effects = press(&mut app, "ctrl-s");
    let [Effect::Add(fix)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(
        fix.fixes,
        vec!["2026-11-18-s7nd".parse::<EntryId>().unwrap()]
    );
}

#[test]
fn delete_asks_then_undo_restores() {
    let mut app = app_with(sample());
    press(&mut app, "j");
    let victim = app.selected_entry().unwrap().clone();
    assert!(press(&mut app, "d").is_empty());
    assert!(matches!(&app.question, Some(Question::Delete { id, .. }) if *id == victim.id));
    assert!(press(&mut app, "n").is_empty());
    assert!(app.question.is_none());
    press(&mut app, "d");
    let effects = press(&mut app, "y");
    assert!(matches!(effects.as_slice(), [Effect::Delete(id)] if *id == victim.id));

    let trashed = Trashed::new(7);
    app.update(Action::Deleted {
        entry: Box::new(victim.clone()),
        trashed,
    });
    assert!(!app.journal.week().iter().any(|e| e.id == victim.id));
    assert!(app.message.as_ref().unwrap().1.contains("u undoes"));

    let effects = press(&mut app, "u");
    assert!(
        matches!(effects.as_slice(), [Effect::Restore(t)] if *t == trashed),
        "{effects:?}"
    );
    app.update(Action::Restored(victim.clone()));
    assert_eq!(app.selected_entry().unwrap().id, victim.id);
    assert!(app.history.is_empty());
    press(&mut app, "u");
    assert_eq!(app.message.as_ref().unwrap().1, "Nothing to undo");
}

#[test]
fn search_finds_every_week_keeps_the_filter_and_clears_on_esc() {
    let mut app = app_with(sample());
    press(&mut app, "/");
    assert_eq!(app.mode, Mode::Search);
    type_text(&mut app, "acme");
    let found: Vec<&str> = app.visible().iter().map(|e| e.id.as_str()).collect();
    assert_eq!(found.len(), 3, "{found:?}");
    assert!(found.contains(&"2026-11-04-k3pt"), "older weeks too");
    press(&mut app, "down");
    let chosen = app.selected_entry().unwrap().id.clone();
    press(&mut app, "enter");
    assert_eq!(app.mode, Mode::Week);
    assert!(app.filtering);
    assert_eq!(app.visible().len(), 3);
    assert_eq!(app.selected_entry().unwrap().id, chosen);
    // `e` edits a search result from another week.
    press(&mut app, "esc");
    assert!(!app.filtering);
    assert_eq!(app.visible().len(), 7);

    press(&mut app, "/");
    type_text(&mut app, "birch");
    press(&mut app, "esc");
    assert_eq!((app.mode, app.filtering), (Mode::Week, false));
    assert!(app.search.is_none());
}

#[test]
fn search_typed_letters_are_not_commands() {
    let mut app = app_with(sample());
    press(&mut app, "/");
    type_text(&mut app, "quote");
    assert_eq!(app.mode, Mode::Search);
    assert_eq!(app.search.as_ref().unwrap().text(), "quote");
}

#[test]
fn ctrl_e_edits_details_in_the_editor() {
    let mut app = app_with(sample());
    press(&mut app, "a");
    press(&mut app, "n");
    press(&mut app, "ctrl-e");
    assert!(app.message.as_ref().unwrap().1.contains("Details"));
    focus(&mut app, FieldId::Details);
    type_text(&mut app, "first");
    let effects = press(&mut app, "ctrl-e");
    assert!(matches!(effects.as_slice(), [Effect::EditExternally(text)] if text == "first"));
    app.update(Action::ExternallyEdited("first\nsecond\n".into()));
    assert_eq!(form(&app).text(FieldId::Details), "first\nsecond");
}

#[test]
fn drafts_are_autosaved_kept_on_quit_and_offered_back() {
    let mut app = app_with(sample());
    press(&mut app, "a");
    press(&mut app, "p");
    type_text(&mut app, "Call Birch");
    let effects = app.update(Action::Tick);
    let [Effect::SaveDraft(draft), Effect::CheckWeek(_)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(draft.fields["title"], "Call Birch");
    assert!(
        matches!(app.update(Action::Tick).as_slice(), [Effect::CheckWeek(_)]),
        "nothing new to save"
    );
    let effects = press(&mut app, "ctrl-c");
    assert!(
        matches!(effects.as_slice(), [Effect::SaveDraft(_), Effect::Quit]),
        "{effects:?}"
    );

    let mut next = app_with(sample());
    next.update(Action::DraftFound(draft.clone()));
    assert_eq!(next.screen(), Screen::Confirm);
    press(&mut next, "y");
    assert_eq!(next.mode, Mode::Form);
    assert_eq!(form(&next).kind, Kind::Promise);
    assert_eq!(form(&next).text(FieldId::Title), "Call Birch");

    let mut declined = app_with(sample());
    declined.update(Action::DraftFound(draft.clone()));
    let effects = press(&mut declined, "n");
    assert!(matches!(effects.as_slice(), [Effect::ClearDraft]));
    assert_eq!(declined.mode, Mode::Week);
}

#[test]
fn q_quits_and_help_comes_back() {
    let mut app = app_with(sample());
    press(&mut app, "?");
    assert_eq!(app.mode, Mode::Help);
    press(&mut app, "j");
    assert_eq!(app.scroll, 1);
    press(&mut app, "esc");
    assert_eq!(app.mode, Mode::Week);
    press(&mut app, "r");
    press(&mut app, "?");
    press(&mut app, "esc");
    assert_eq!(app.mode, Mode::Report);
    press(&mut app, "q");
    assert_eq!(app.mode, Mode::Week, "q in a view goes back");
    let effects = press(&mut app, "q");
    assert!(matches!(effects.as_slice(), [Effect::Quit]));
}

#[test]
fn x_exports_the_report_and_the_bullets() {
    let mut app = app_with(sample());
    press(&mut app, "r");
    assert!(press(&mut app, "x").is_empty(), "nothing rendered yet");
    crate::ui::reports::refresh(&mut app);
    let effects = press(&mut app, "x");
    let [
        Effect::Export {
            file_name, text, ..
        },
    ] = effects.as_slice()
    else {
        panic!("{effects:?}")
    };
    assert_eq!(file_name, "report-2026-W47.md");
    assert!(text.contains("Quote for Birch Ltd"), "{text}");
    app.update(Action::Exported("exports/report-2026-W47.md".into()));
    assert_eq!(
        app.message.as_ref().unwrap().1,
        "Wrote exports/report-2026-W47.md"
    );
    // A file already there: asked first, and only `y` replaces it.
    let (name, written) = (file_name.clone(), text.clone());
    app.update(Action::ExportWouldOverwrite {
        path: "exports/report-2026-W47.md".into(),
        file_name: name.clone(),
        text: written.clone(),
    });
    assert!(matches!(app.question, Some(Question::Overwrite { .. })));
    assert!(press(&mut app, "n").is_empty());
    assert!(app.question.is_none());
    app.update(Action::ExportWouldOverwrite {
        path: "exports/report-2026-W47.md".into(),
        file_name: name,
        text: written,
    });
    let effects = press(&mut app, "y");
    assert!(
        matches!(
            effects.as_slice(),
            [Effect::Export {
                overwrite: true,
                ..
            }]
        ),
        "{effects:?}"
    );
    press(&mut app, "b");
    crate::ui::reports::refresh(&mut app);
    let effects = press(&mut app, "x");
    assert!(
        matches!(effects.as_slice(), [Effect::Export { file_name, .. }] if file_name == "bullets-2026-11-18.md")
    );
}

#[test]
fn broken_files_are_kept_as_problems_and_the_rest_works() {
    let mut app = App::new(Settings::default(), KeyMap::default(), today());
    let problem = crate::store::Problem::whole_file(
        std::path::Path::new("j/2026/2026-11-17.toml"),
        "expected `]`",
    );
    let week = app.week;
    app.update(Action::WeekLoaded {
        week,
        loaded: Loaded {
            entries: sample()[..1].to_vec(),
            problems: vec![problem.clone()],
        },
    });
    assert_eq!(app.problems(), std::slice::from_ref(&problem));
    app.update(Action::JournalLoaded(Loaded {
        entries: sample(),
        problems: vec![problem.clone()],
    }));
    assert_eq!(app.problems(), &[problem], "not counted twice");
    assert_eq!(app.visible().len(), 1);
}

#[test]
fn new_entries_default_to_today_even_from_another_week() {
    let mut app = app_with(sample());
    press(&mut app, "[");
    press(&mut app, "[");
    press(&mut app, "a");
    press(&mut app, "m");
    assert_eq!(form(&app).text(FieldId::Date), "2026-11-18");
}

#[test]
fn editing_a_fix_offers_the_older_screwups_it_already_fixes() {
    let mut entries = sample();
    entries[1].fixes = vec!["2026-10-01-0ld2".parse().unwrap()];
    let mut app = app_with(entries);
    press(&mut app, "j");
    press(&mut app, "e");
    let links: Vec<(&str, bool)> = form(&app)
        .links
        .iter()
        .map(|l| (l.title.as_str(), l.linked))
        .collect();
    assert!(
        links.contains(&("Forgot the October report", true)),
        "{links:?}"
    );
    assert!(
        links.contains(&("Sent Acme the October invoice twice", false)),
        "{links:?}"
    );
}

#[test]
fn a_draft_of_an_older_edit_waits_for_the_whole_journal() {
    let mut app = App::new(Settings::default(), KeyMap::default(), today());
    let week = app.week;
    app.update(Action::WeekLoaded {
        week,
        loaded: Loaded::default(),
    });
    let draft = Draft {
        kind: Kind::Screwup,
        editing: Some("2026-10-01-0ld2".into()),
        fields: [(
            "title".to_string(),
            "Forgot the October report (sent late)".to_string(),
        )]
        .into(),
        links: Vec::new(),
    };
    app.update(Action::DraftFound(draft));
    press(&mut app, "y");
    assert!(app.form.is_none());
    app.update(Action::JournalLoaded(Loaded {
        entries: sample(),
        problems: Vec::new(),
    }));
    assert_eq!(app.mode, Mode::Form);
    let effects = press(&mut app, "ctrl-s");
    let [Effect::Update { entry, .. }] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(entry.id.as_str(), "2026-10-01-0ld2");
    assert_eq!(entry.title, "Forgot the October report (sent late)");
}

#[test]
fn a_form_typed_back_to_how_it_opened_leaves_no_draft() {
    let mut app = app_with(sample());
    press(&mut app, "a");
    press(&mut app, "n");
    type_text(&mut app, "x");
    assert!(matches!(
        app.update(Action::Tick).as_slice(),
        [Effect::SaveDraft(_), Effect::CheckWeek(_)]
    ));
    press(&mut app, "backspace");
    assert!(matches!(
        app.update(Action::Tick).as_slice(),
        [Effect::ClearDraft, Effect::CheckWeek(_)]
    ));
    let effects = press(&mut app, "ctrl-c");
    assert!(
        matches!(effects.as_slice(), [Effect::ClearDraft, Effect::Quit]),
        "{effects:?}"
    );
}

#[test]
fn views_scroll_no_further_than_their_last_line() {
    let mut app = app_with(sample());
    press(&mut app, "?");
    for _ in 0..500 {
        press(&mut app, "j");
    }
    let end = app.scroll;
    assert!(end > 20 && end < 200, "{end}");
    press(&mut app, "k");
    assert_eq!(app.scroll, end - 1);
    press(&mut app, "esc");
    press(&mut app, "r");
    crate::ui::reports::refresh(&mut app);
    for _ in 0..50 {
        press(&mut app, "pagedown");
    }
    // The last line stops at the bottom of the screen, counting lines as
    // the report screen wraps them (views::tests checks what is drawn).
    let end = crate::ui::views::report::max_scroll(&app);
    assert!(end > 10, "{end}");
    assert_eq!(app.scroll, end);
    press(&mut app, "g");
    assert_eq!(app.scroll, 0);
    press(&mut app, "G");
    assert_eq!(app.scroll, end);
    // A taller, wider terminal shows more, so there is less to scroll.
    app.update(Action::Resize {
        width: 120,
        height: 40,
    });
    assert_eq!(app.scroll, crate::ui::views::report::max_scroll(&app));
    assert!(app.scroll < end - 16, "{} of {end}", app.scroll);
}

#[test]
fn g_and_end_go_to_the_first_and_last_entry() {
    let mut app = app_with(sample());
    press(&mut app, "G");
    let last = app.visible().len() - 1;
    assert_eq!(app.selected, last);
    press(&mut app, "home");
    assert_eq!(app.selected, 0);
    press(&mut app, "end");
    assert_eq!(app.selected, last);
    press(&mut app, "g");
    assert_eq!(app.selected, 0);
}

#[test]
fn the_selection_stays_on_the_list_when_hits_shrink() {
    let mut app = app_with(sample());
    press(&mut app, "/");
    type_text(&mut app, "acme");
    press(&mut app, "down");
    press(&mut app, "down");
    assert_eq!(app.selected, 2);
    // The journal is read again with the older Acme entries gone.
    let fewer = sample().into_iter().filter(|e| e.date >= day(16)).collect();
    app.update(Action::JournalLoaded(Loaded {
        entries: fewer,
        problems: Vec::new(),
    }));
    assert_eq!(app.visible().len(), 1);
    assert_eq!(app.selected, 0);
    assert!(app.selected_entry().is_some());
}

#[test]
fn quick_add_saves_one_line_as_a_new_entry() {
    let mut app = app_with(sample());
    press(&mut app, "A");
    assert_eq!(app.mode, Mode::Quick);
    type_text(
        &mut app,
        "s Sent Acme the invoice twice @Acme_Corp -1200 #billing",
    );
    let effects = press(&mut app, "enter");
    let [Effect::Add(entry)] = effects.as_slice() else {
        panic!("{effects:?}");
    };
    assert_eq!(entry.kind, Kind::Screwup);
    assert_eq!(entry.title, "Sent Acme the invoice twice");
    assert_eq!(entry.customer.as_deref(), Some("Acme Corp"));
    assert_eq!(entry.revenue, Some(Money(-120_000)));
    assert_eq!(entry.tags, vec!["billing"]);
    assert_eq!(entry.date, today());
    // The line stays open until the save lands, then closes on the new entry.
    assert_eq!(app.mode, Mode::Quick);
    let mut saved = entry.clone();
    saved.id = "2026-11-18-q1ck".parse().unwrap();
    app.update(Action::Added(saved));
    assert_eq!(app.mode, Mode::Week);
    assert!(app.quick.is_none());
    assert_eq!(
        app.selected_entry().unwrap().title,
        "Sent Acme the invoice twice"
    );
}

#[test]
fn quick_add_refuses_a_bad_line_and_keeps_it() {
    let mut app = app_with(sample());
    press(&mut app, "A");
    type_text(&mut app, "Lunch with Bob");
    assert!(press(&mut app, "enter").is_empty());
    let (level, message) = app.message.clone().unwrap();
    assert_eq!(level, Level::Error);
    assert!(message.contains("'Lunch' is not a kind"), "{message}");
    assert_eq!(app.quick.as_ref().unwrap().text(), "Lunch with Bob");
    press(&mut app, "esc");
    assert_eq!(app.mode, Mode::Week);
    assert!(app.quick.is_none());
}

#[test]
fn quick_add_opens_the_full_form_prefilled() {
    let mut app = app_with(sample());
    press(&mut app, "A");
    type_text(&mut app, "p Send Birch the quote @Birch due:fri");
    assert!(press(&mut app, "tab").is_empty());
    assert_eq!(app.mode, Mode::Form);
    let form = app.form.as_mut().unwrap();
    assert_eq!(form.kind, Kind::Promise);
    assert_eq!(form.text(FieldId::Title), "Send Birch the quote");
    assert_eq!(form.text(FieldId::Customer), "Birch");
    assert_eq!(form.text(FieldId::Due), "2026-11-20");
    assert!(form.original.is_none());
    let effects = press(&mut app, "ctrl-s");
    let [Effect::Add(entry)] = effects.as_slice() else {
        panic!("{effects:?}");
    };
    assert_eq!(entry.due, Some(day(20)));
    assert_eq!(entry.date, today());
}

#[test]
fn enter_in_a_one_line_field_saves_and_in_details_starts_a_line() {
    let mut app = app_with(sample());
    press(&mut app, "a");
    press(&mut app, "n");
    type_text(&mut app, "Lunch");
    focus(&mut app, FieldId::Details);
    type_text(&mut app, "one");
    assert!(press(&mut app, "enter").is_empty());
    type_text(&mut app, "two");
    assert_eq!(form(&app).text(FieldId::Details), "one\ntwo");
    assert_eq!(form(&app).text(FieldId::Title), "Lunch");
    focus(&mut app, FieldId::Customer);
    let effects = press(&mut app, "enter");
    let [Effect::Add(entry)] = effects.as_slice() else {
        panic!("{effects:?}");
    };
    assert_eq!(entry.title, "Lunch");
    assert_eq!(entry.details.as_deref(), Some("one\ntwo"));
}

#[test]
fn ctrl_u_clears_to_the_start_of_the_line_and_alt_u_undoes_it() {
    let mut app = app_with(sample());
    press(&mut app, "a");
    press(&mut app, "n");
    focus(&mut app, FieldId::Date);
    assert_eq!(form(&app).text(FieldId::Date), "2026-11-18");
    press(&mut app, "ctrl-u");
    assert_eq!(form(&app).text(FieldId::Date), "");
    press(&mut app, "alt-u");
    assert_eq!(form(&app).text(FieldId::Date), "2026-11-18");
    press(&mut app, "ctrl-u");
    type_text(&mut app, "mon");
    assert_eq!(form(&app).text(FieldId::Date), "mon");
    // The same keys in the search and quick-add lines.
    press(&mut app, "esc");
    press(&mut app, "y");
    press(&mut app, "A");
    type_text(&mut app, "n Lunch");
    press(&mut app, "ctrl-u");
    assert_eq!(app.quick.as_ref().unwrap().text(), "");
    press(&mut app, "esc");
    press(&mut app, "/");
    type_text(&mut app, "acme");
    press(&mut app, "ctrl-u");
    assert_eq!(app.search.as_ref().unwrap().text(), "");
}

#[test]
fn reminders_name_overdue_promises_and_open_screwups_and_bang_visits_them() {
    let mut entries = sample();
    let mut late = entry("2026-11-02-l4te", Kind::Promise, "Send Acme the renewal");
    late.due = Some(day(6));
    entries.push(late);
    let mut app = app_with(entries);
    let reminders = app.reminders().clone();
    let ids = |list: &[Entry]| list.iter().map(|e| e.id.to_string()).collect::<Vec<_>>();
    assert_eq!(ids(&reminders.overdue), ["2026-11-02-l4te"]);
    // The fixed Acme screw-up is not open; the old ones are, newest first.
    assert_eq!(
        ids(&reminders.open_screwups),
        ["2026-11-18-s7nd", "2026-11-10-0ld1", "2026-10-01-0ld2"]
    );
    // `!` goes to the overdue promise in its own week, then on down the list.
    let effects = press(&mut app, "!");
    assert!(
        matches!(effects.as_slice(), [Effect::LoadWeek(_)]),
        "{effects:?}"
    );
    assert_eq!(app.selected_entry().unwrap().id.as_str(), "2026-11-02-l4te");
    press(&mut app, "!");
    assert_eq!(app.selected_entry().unwrap().id.as_str(), "2026-11-18-s7nd");
    // Keeping the promise takes it off the list.
    let mut kept = app
        .known()
        .iter()
        .find(|e| e.id.as_str() == "2026-11-02-l4te")
        .unwrap()
        .clone();
    kept.status = Some(PromiseStatus::Kept);
    let action = saved_over(&app, kept);
    app.update(action);
    assert!(app.reminders().overdue.is_empty());
}

#[test]
fn space_on_a_promise_cycles_open_kept_missed_open() {
    let mut app = app_with(sample());
    while app.selected_entry().unwrap().kind != Kind::Promise {
        press(&mut app, "j");
    }
    let mut statuses = Vec::new();
    for _ in 0..3 {
        let effects = press(&mut app, "space");
        let [Effect::Update { entry, .. }] = effects.as_slice() else {
            panic!("{effects:?}");
        };
        statuses.push(entry.status);
        let closed = entry.status != Some(PromiseStatus::Open);
        assert_eq!(entry.closed, closed.then_some(today()));
        app.update(landed(&effects[0]));
    }
    assert_eq!(
        statuses,
        [
            Some(PromiseStatus::Kept),
            Some(PromiseStatus::Missed),
            Some(PromiseStatus::Open)
        ]
    );
    // On anything else Space says what it is for and changes nothing.
    press(&mut app, "g");
    while app.selected_entry().unwrap().kind == Kind::Promise {
        press(&mut app, "k");
    }
    assert!(press(&mut app, "space").is_empty());
    assert!(app.message.as_ref().unwrap().1.contains("promise"));
}

#[test]
fn u_undoes_adds_edits_and_status_changes_newest_first() {
    let mut app = app_with(sample());
    // An add.
    press(&mut app, "A");
    type_text(&mut app, "n Lunch with Ada");
    let effects = press(&mut app, "enter");
    let [Effect::Add(new)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    let mut added = new.clone();
    added.id = "2026-11-18-l0nc".parse().unwrap();
    app.update(Action::Added(added.clone()));
    // An edit of an older entry.
    let before = app
        .known()
        .iter()
        .find(|e| e.id.as_str() == "2026-11-19-m3t0")
        .unwrap()
        .clone();
    let mut edited = before.clone();
    edited.title = "Monthly close a day early".into();
    let action = saved_over(&app, edited.clone());
    app.update(action);
    // A status change.
    let promise = app
        .known()
        .iter()
        .find(|e| e.id.as_str() == "2026-11-18-z81t")
        .unwrap()
        .clone();
    let mut kept = promise.clone();
    kept.status = Some(PromiseStatus::Kept);
    let action = saved_over(&app, kept);
    app.update(action);

    // Newest first: the status, then the edit, then the add.
    let effects = press(&mut app, "u");
    let [Effect::Update { base, entry: back }] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(*back, promise);
    assert_eq!(
        base.status,
        Some(PromiseStatus::Kept),
        "only the status is put back"
    );
    app.update(landed(&effects[0]));
    let effects = press(&mut app, "u");
    let [Effect::Update { base, entry: back }] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(*back, before);
    assert_eq!(**base, edited);
    app.update(landed(&effects[0]));
    let effects = press(&mut app, "u");
    assert!(
        matches!(effects.as_slice(), [Effect::Delete(id)] if *id == added.id),
        "{effects:?}"
    );
    // Undoing leaves no step of its own: nothing is left.
    assert!(app.history.is_empty());
    press(&mut app, "u");
    assert_eq!(app.message.as_ref().unwrap().1, "Nothing to undo");
}

#[test]
fn c_lists_customers_and_enter_filters_the_list_to_one_until_esc() {
    let mut entries = sample();
    // Names the customer in its title but is for nobody.
    entries.push(entry(
        "2026-11-05-n4me",
        Kind::Note,
        "Read about Acme Corp's merger",
    ));
    let mut app = app_with(entries);
    press(&mut app, "c");
    assert_eq!(app.mode, Mode::Customers);
    let names: Vec<&str> = app
        .customer_lines()
        .iter()
        .map(|l| l.name.as_str())
        .collect();
    assert_eq!(names, ["Acme Corp", "Birch Ltd"], "most valuable first");
    assert_eq!(app.customer_selected, 0);
    press(&mut app, "j");
    press(&mut app, "down");
    assert_eq!(app.customer_selected, 1, "stops at the last");
    press(&mut app, "k");
    assert_eq!(app.customer_selected, 0);
    press(&mut app, "G");
    assert_eq!(app.customer_selected, 1);
    press(&mut app, "g");
    assert_eq!(app.customer_selected, 0);

    press(&mut app, "enter");
    assert_eq!((app.mode, app.filtering), (Mode::Week, true));
    let listed: Vec<&str> = app.visible().iter().map(|e| e.id.as_str()).collect();
    // The note names Acme Corp but is not for the customer.
    assert_eq!(listed.len(), 2, "{listed:?}");
    assert!(listed.contains(&"2026-11-16-k7q2") && listed.contains(&"2026-11-10-0ld1"));
    press(&mut app, "esc");
    assert_eq!((app.mode, app.filtering), (Mode::Week, false));
    assert!(app.search.is_none());
    assert_eq!(app.visible().len(), 7);

    press(&mut app, "c");
    press(&mut app, "j");
    press(&mut app, "esc");
    assert_eq!(app.mode, Mode::Week);
    press(&mut app, "c");
    assert_eq!(app.customer_selected, 0, "reopened at the top");
    let effects = press(&mut app, "q");
    assert_eq!(app.mode, Mode::Week, "q leaves the view, not the app");
    assert!(effects.is_empty(), "{effects:?}");
}

#[test]
fn the_customers_view_follows_changes_to_the_journal() {
    let mut app = app_with(sample());
    press(&mut app, "c");
    let mut new = entry("2026-11-18-n3w1", Kind::Met, "Delivered on time");
    new.customer = Some("Cedar Inc".into());
    app.update(Action::Added(new));
    let names: Vec<&str> = app
        .customer_lines()
        .iter()
        .map(|l| l.name.as_str())
        .collect();
    assert_eq!(names, ["Acme Corp", "Birch Ltd", "Cedar Inc"]);
}

fn mouse(app: &mut App, kind: crossterm::event::MouseEventKind, column: u16, row: u16) {
    app.update(Action::Mouse(crossterm::event::MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    }));
}

#[test]
fn the_wheel_moves_through_the_list_and_scrolls_the_report() {
    use crossterm::event::MouseEventKind::{ScrollDown, ScrollUp};
    let mut app = app_with(sample());
    mouse(&mut app, ScrollDown, 10, 10);
    mouse(&mut app, ScrollDown, 10, 10);
    assert_eq!(app.selected, 2);
    mouse(&mut app, ScrollUp, 10, 10);
    assert_eq!(app.selected, 1);
    press(&mut app, "?");
    mouse(&mut app, ScrollDown, 10, 10);
    assert_eq!(app.scroll, 3, "three lines a step");
    mouse(&mut app, ScrollUp, 10, 10);
    assert_eq!(app.scroll, 0);
}

#[test]
fn a_click_on_an_entry_selects_it_and_elsewhere_does_nothing() {
    use crossterm::event::{MouseButton, MouseEventKind::Down};
    let mut app = app_with(sample());
    app.update(Action::Resize {
        width: 80,
        height: 24,
    });
    // Header 2, reminder line 1, border 1, then from row 4: Mon, its
    // entry, Tue, its entry, Wed, the quote, the promise.
    mouse(&mut app, Down(MouseButton::Left), 6, 10);
    assert_eq!(
        app.selected_entry().unwrap().title,
        "Send Birch the revised contract"
    );
    mouse(&mut app, Down(MouseButton::Left), 6, 4);
    assert_eq!(app.selected, 3, "a day's heading selects nothing");
    mouse(&mut app, Down(MouseButton::Right), 6, 5);
    assert_eq!(app.selected, 3, "only the left button");
    press(&mut app, "d");
    mouse(&mut app, Down(MouseButton::Left), 6, 5);
    assert_eq!(app.selected, 3, "not under a question");
}

#[test]
fn week_keys_do_nothing_on_the_bullets_which_cover_a_year() {
    let mut app = app_with(sample());
    let week = app.week;
    press(&mut app, "b");
    assert!(press(&mut app, "]").is_empty());
    press(&mut app, "[");
    assert_eq!(app.week, week);
    press(&mut app, "r");
    assert!(
        !press(&mut app, "]").is_empty(),
        "the report does change week"
    );
}

fn titles(app: &App) -> Vec<String> {
    app.visible().iter().map(|e| e.title.clone()).collect()
}

#[test]
fn an_edited_row_keeps_its_place_and_the_re_read_moves_nothing() {
    let mut app = app_with(sample());
    let before = titles(&app);
    // Wednesday's first entry, with two more after it in the file.
    let mut quote = app.journal.week()[2].clone();
    quote.title = "Quote for Birch Ltd sent within the hour".into();
    let action = saved_over(&app, quote.clone());
    app.update(action);
    let mut expected = before.clone();
    expected[2] = quote.title.clone();
    assert_eq!(titles(&app), expected, "the frame right after the save");
    assert_eq!(app.selected, 2);
    // The watcher then re-reads the week in file order: nothing moves.
    let mut on_disk = app.journal.week().to_vec();
    on_disk.sort_by_key(|e| e.date);
    app.update(Action::WeekLoaded {
        week: app.week,
        loaded: Loaded {
            entries: on_disk,
            problems: Vec::new(),
        },
    });
    assert_eq!(titles(&app), expected);
    assert_eq!(app.selected, 2);
}

#[test]
fn an_entry_moved_to_another_week_shows_there_before_that_week_is_read() {
    // The whole journal is still loading: only this week is in memory.
    let mut app = App::new(Settings::default(), KeyMap::default(), today());
    let week = app.week;
    let in_week: Vec<Entry> = sample()
        .into_iter()
        .filter(|e| week.contains(e.date))
        .collect();
    app.update(Action::WeekLoaded {
        week,
        loaded: Loaded {
            entries: in_week,
            problems: Vec::new(),
        },
    });
    let mut moved = app.journal.week()[0].clone();
    moved.date = day(25);
    let action = saved_over(&app, moved.clone());
    let effects = app.update(action);
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::LoadWeek(w) if w.contains(day(25))))
    );
    assert_eq!(titles(&app), vec![moved.title.clone()], "no empty frame");
    assert_eq!(app.selected_entry().map(|e| &e.id), Some(&moved.id));
}

#[test]
fn the_wheel_moves_the_customers_selection() {
    use crossterm::event::MouseEventKind::{ScrollDown, ScrollUp};
    let mut app = app_with(sample());
    press(&mut app, "c");
    mouse(&mut app, ScrollDown, 10, 10);
    assert_eq!((app.mode, app.customer_selected), (Mode::Customers, 1));
    mouse(&mut app, ScrollDown, 10, 10);
    assert_eq!(app.customer_selected, 1, "stops at the last");
    mouse(&mut app, ScrollUp, 10, 10);
    assert_eq!(app.customer_selected, 0);
}

#[test]
fn the_stats_are_worked_out_once_and_follow_the_week_and_the_entries() {
    let mut app = app_with(sample());
    let shown = app.week;
    let last = |app: &App| app.week_stats().last().cloned().unwrap();
    assert_eq!(app.week_stats().len(), STATS_WEEKS);
    assert_eq!(last(&app).week, shown);
    let met = last(&app).totals.met;
    assert!(std::ptr::eq(app.week_stats(), app.week_stats()), "kept");
    app.update(Action::Added(entry(
        "2026-11-19-st4t",
        Kind::Met,
        "Closed the books early",
    )));
    assert_eq!(last(&app).totals.met, met + 1, "the new entry counts");
    press(&mut app, "[");
    assert_eq!(last(&app).week, shown.prev());
}

#[test]
fn alt_and_a_letter_jump_to_the_field_and_typing_lands_there() {
    let mut app = app_with(sample());
    press(&mut app, "a");
    press(&mut app, "p");
    type_text(&mut app, "Send Birch the contract");
    for (key, field) in [
        ("alt-r", FieldId::Revenue),
        ("alt-e", FieldId::Due),
        ("alt-s", FieldId::Status),
        ("alt-t", FieldId::Title),
        ("alt-c", FieldId::Customer),
    ] {
        assert!(press(&mut app, key).is_empty(), "{key}");
        assert_eq!(form(&app).focus, field, "{key}");
    }
    type_text(&mut app, "Birch");
    press(&mut app, "alt-r");
    type_text(&mut app, "4000");
    press(&mut app, "alt-e");
    type_text(&mut app, "fri");
    assert_eq!(form(&app).text(FieldId::Title), "Send Birch the contract");
    let effects = press(&mut app, "ctrl-s");
    let [Effect::Add(entry)] = &effects[..] else {
        panic!("one add: {effects:?}");
    };
    assert_eq!(entry.customer.as_deref(), Some("Birch"));
    assert_eq!(entry.revenue, Some(Money(400_000)));
    assert_eq!(entry.due, Some(day(20)));
}

#[test]
fn a_click_selects_a_search_result_and_the_wheel_moves_through_them() {
    use crossterm::event::MouseEventKind::{ScrollDown, ScrollUp};
    use crossterm::event::{MouseButton, MouseEventKind::Down};
    let mut app = app_with(sample());
    app.update(Action::Resize {
        width: 80,
        height: 24,
    });
    press(&mut app, "/");
    type_text(&mut app, "acme");
    let titles: Vec<String> = titles(&app);
    assert!(titles.len() >= 3, "{titles:?}");
    // Header 2, reminder line 1, search box 3, border 1: the first hit is
    // on row 7, one row each (the title shows the word).
    mouse(&mut app, Down(MouseButton::Left), 20, 9);
    assert_eq!(app.selected_entry().unwrap().title, titles[2]);
    assert_eq!(app.mode, Mode::Search, "still typing");
    mouse(&mut app, ScrollUp, 20, 9);
    assert_eq!(app.selected, 1);
    mouse(&mut app, ScrollDown, 20, 9);
    assert_eq!(app.selected, 2);
    // Kept as the list with Enter, a click still picks a result.
    press(&mut app, "enter");
    mouse(&mut app, Down(MouseButton::Left), 20, 7);
    assert_eq!(app.selected_entry().unwrap().title, titles[0]);
}
