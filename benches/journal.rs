//! In-process benchmarks of what the commands do, on synthetic journals of
//! each size in `JJ_BENCH_SIZES` (default `1000,10000`; add `100000` for the
//! issue's targets, which takes a few minutes). The release binary as a user
//! runs it is timed by `bench/cli.sh`.

use std::path::Path;
use std::time::Duration;

use chrono::NaiveDate;
use criterion::{BatchSize, BenchmarkId, Criterion, SamplingMode, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use jobjournal::config::Config;
use jobjournal::model::{Entry, EntryId, Kind, Week};
use jobjournal::report::{self, Author, Bullets, Format, Period, Templates, WeeklyReport};
use jobjournal::store::{Journal, Loaded, Scan};
use jobjournal::synth::Synth;
use jobjournal::ui::action::{Action, Effect};
use jobjournal::ui::app::{App, Settings};
use jobjournal::ui::keymap::KeyMap;
use jobjournal::ui::search::Search;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use ratatui_textarea::TextArea;

/// The synthetic journals end on this day (a Wednesday of 2026-W47), as
/// `JOBJOURNAL_TODAY` pins it in `bench/cli.sh`.
const TODAY: (i32, u32, u32) = (2026, 11, 18);
const WEEK: &str = "2026-W47";
const BULLETS_YEAR: i32 = 2025;
const SEARCH: &str = "invoice";

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(TODAY.0, TODAY.1, TODAY.2).expect("a valid constant date")
}

fn sizes() -> Vec<usize> {
    let text = std::env::var("JJ_BENCH_SIZES").unwrap_or_else(|_| "1000,10000".into());
    text.split(',')
        .filter(|s| !s.trim().is_empty())
        .map(|s| {
            s.trim()
                .parse()
                .unwrap_or_else(|e| panic!("JJ_BENCH_SIZES: {s:?}: {e}"))
        })
        .collect()
}

/// A journal of `entries` entries in a temp dir, removed when dropped.
struct Fixture {
    dir: tempfile::TempDir,
    entries: usize,
}

impl Fixture {
    fn new(entries: usize) -> Fixture {
        let dir = tempfile::Builder::new()
            .prefix("jj-bench-")
            .tempdir()
            .expect("temp dir");
        let synth = Synth {
            entries,
            seed: 7,
            until: today(),
        };
        synth.write(dir.path()).expect("write synthetic journal");
        Fixture { dir, entries }
    }

    fn journal(&self) -> Journal {
        Journal::new(self.dir.path())
    }
}

fn week() -> Week {
    Week::parse(WEEK, today(), Config::default().week_start).expect("a valid week")
}

/// What `report --week` does: load the window, build, render.
fn weekly_report(journal: &Journal, format: Format, templates: &Templates) -> String {
    let config = Config::default();
    let week = week();
    let loaded = report::load::weekly(journal, week).expect("load week");
    let weekly = WeeklyReport::build(
        week,
        &loaded.entries,
        Author {
            name: config.name,
            role: config.role,
        },
        config.currency,
        today(),
    );
    report::render::weekly(&weekly, format, templates).expect("render report")
}

/// What `bullets --year` does.
fn year_bullets(journal: &Journal, templates: &Templates) -> String {
    let config = Config::default();
    let period = Period::year(BULLETS_YEAR).expect("a valid year");
    let loaded = report::load::bullets(journal, period).expect("load year");
    let bullets = Bullets::build(&loaded.entries, period, &config.currency);
    report::render::bullets(&bullets, Format::Markdown, templates, &config.currency)
        .expect("render bullets")
}

fn bench_size(c: &mut Criterion, fixture: &Fixture) {
    let journal = fixture.journal();
    let size = fixture.entries;
    let templates = Templates::built_in();

    let mut week_group = c.benchmark_group("week");
    week_group.bench_with_input(BenchmarkId::new("report_json", size), &journal, |b, j| {
        b.iter(|| weekly_report(j, Format::Json, &templates))
    });
    week_group.bench_with_input(BenchmarkId::new("report_md", size), &journal, |b, j| {
        b.iter(|| weekly_report(j, Format::Markdown, &templates))
    });
    week_group.bench_with_input(BenchmarkId::new("load", size), &journal, |b, j| {
        b.iter(|| j.load_days(week().days()).expect("load week"))
    });
    week_group.finish();

    add(c, &journal, size);

    // Whole-journal reads take up to seconds at 100k: fewer, flat samples.
    let mut all = c.benchmark_group("all_time");
    all.sampling_mode(SamplingMode::Flat).sample_size(10);
    all.bench_with_input(BenchmarkId::new("search", size), &journal, |b, j| {
        b.iter(|| {
            j.scan(&Scan {
                keep: &|e| e.search_text().contains(SEARCH),
                needle: Some(SEARCH.to_string()),
            })
            .expect("scan")
            .entries
            .len()
        })
    });
    all.bench_with_input(BenchmarkId::new("check", size), &journal, |b, j| {
        b.iter(|| {
            let verified = j.verify_all().expect("verify all");
            (verified.ids.len(), j.strays().expect("strays").len())
        })
    });
    all.finish();

    tui_search(c, &journal, size);
    tui_report_week_key(c, &journal, size);

    let mut year = c.benchmark_group("year");
    year.sampling_mode(SamplingMode::Flat).sample_size(10);
    year.bench_with_input(BenchmarkId::new("bullets", size), &journal, |b, j| {
        b.iter(|| year_bullets(j, &templates))
    });
    year.finish();
}

/// The TUI's search box as a user types `invoice` into it over every entry:
/// each keystroke searches what the one before found. The haystacks are
/// made when the box opens (an empty query), outside the timing.
fn tui_search(c: &mut Criterion, journal: &Journal, size: usize) {
    let entries = journal.load_all().expect("load all").entries;
    let mut opened = Search::default();
    opened.run(&entries, 1);
    let typed: Vec<String> = (1..=SEARCH.len())
        .map(|n| SEARCH[..n].to_string())
        .collect();
    let mut group = c.benchmark_group("tui_search");
    group.sampling_mode(SamplingMode::Flat).sample_size(10);
    group.bench_function(BenchmarkId::new("first_key", size), |b| {
        b.iter_batched(
            || opened.clone(),
            |mut search| {
                search.query = TextArea::from([&typed[0]]);
                search.run(&entries, 1);
                search.total
            },
            BatchSize::LargeInput,
        )
    });
    group.bench_function(BenchmarkId::new("type_7_keys", size), |b| {
        b.iter_batched(
            || opened.clone(),
            |mut search| {
                for query in &typed {
                    search.query = TextArea::from([query]);
                    search.run(&entries, 1);
                }
                search.total
            },
            BatchSize::LargeInput,
        )
    });
    group.finish();
}

/// The TUI's report screen over the whole journal as a user steps to the
/// week before and back: each key goes through `update`, which picks the
/// entries the week's report needs (everything still open from any earlier
/// week) for the renderer. The rendering itself runs off the key's path.
fn tui_report_week_key(c: &mut Criterion, journal: &Journal, size: usize) {
    let key = |c: char| Action::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    let mut app = App::new(Settings::default(), KeyMap::default(), today());
    app.update(Action::JournalLoaded(journal.load_all().expect("load all")));
    app.update(key('r'));
    let mut group = c.benchmark_group("tui_report_week_key");
    group.sampling_mode(SamplingMode::Flat).sample_size(10);
    group.bench_function(BenchmarkId::from_parameter(size), |b| {
        let mut back = true;
        b.iter(|| {
            back = !back;
            let effects = app.update(key(if back { ']' } else { '[' }));
            assert!(
                effects.iter().any(|e| matches!(e, Effect::Render(_))),
                "the key asks for the week's report"
            );
            effects.len()
        })
    });
    group.finish();
}

/// The TUI's report screen at 120x40 on a week of 1,000 entries (some 900
/// Markdown lines, most of them items wrapped in two) as a user holds `j`
/// down, from the top and at the foot of the document: each
/// key goes through `update` (which finds where the scroll ends) and is
/// drawn, as the runner does; `g` goes back to the top between iterations.
fn tui_scroll(c: &mut Criterion) {
    let key = |c: char| Action::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    let mut rng = fastrand::Rng::with_seed(3);
    let entries: Vec<Entry> = (0..1000)
        .map(|i| {
            let date = week().start() + chrono::Days::new(i % 7);
            let kind = [Kind::Met, Kind::Exceeded, Kind::Note, Kind::Screwup][i as usize % 4];
            let title = format!(
                "Item {i}: walked the Acme Corp billing team through the new renewal \
                 quote, the three-year discount and the seat count, then wrote it up"
            );
            Entry::new(EntryId::generate(date, &mut rng), date, kind, title)
        })
        .collect();
    let mut app = App::new(Settings::default(), KeyMap::default(), today());
    app.update(Action::Resize {
        width: 120,
        height: 40,
    });
    // As the runner answers: the week first, then the whole journal.
    app.update(Action::WeekLoaded {
        week: week(),
        loaded: Loaded {
            entries: entries.clone(),
            problems: Vec::new(),
        },
    });
    app.update(Action::JournalLoaded(Loaded {
        entries,
        problems: Vec::new(),
    }));
    for effect in app.update(key('r')) {
        if let Effect::Render(order) = effect {
            let text = jobjournal::ui::reports::render(&order);
            app.update(Action::Rendered {
                key: order.key,
                text,
            });
        }
    }
    let lines = match app.view_text() {
        Some(Ok(text)) => text.lines().count(),
        other => panic!("report not rendered: {other:?}"),
    };
    eprintln!("tui_scroll: a report of {lines} Markdown lines");
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("test backend");
    let mut group = c.benchmark_group("tui_scroll");
    group.sampling_mode(SamplingMode::Flat).sample_size(10);
    group.bench_function("report_1000_entries_200_j_keys_drawn", |b| {
        b.iter(|| {
            for _ in 0..200 {
                app.update(key('j'));
                terminal
                    .draw(|frame| frame.render_widget(&app, frame.area()))
                    .expect("draw");
            }
            app.update(key('g'));
            app.scroll
        })
    });
    // The same at the foot of the document, moving up.
    group.bench_function("report_1000_entries_200_k_keys_at_the_end_drawn", |b| {
        b.iter(|| {
            app.update(key('G'));
            for _ in 0..200 {
                app.update(key('k'));
                terminal
                    .draw(|frame| frame.render_widget(&app, frame.area()))
                    .expect("draw");
            }
            app.scroll
        })
    });
    group.finish();
}

/// `Journal::add` to today's file, restored to its generated bytes before
/// each iteration so the file does not grow with the number of samples.
fn add(c: &mut Criterion, journal: &Journal, size: usize) {
    let path = journal.day_path(today());
    let original = std::fs::read(&path).ok();
    let restore = |path: &Path| match &original {
        Some(bytes) => std::fs::write(path, bytes).expect("restore day file"),
        None => {
            let _ = std::fs::remove_file(path);
        }
    };
    let mut entry = Entry::new(
        EntryId::generate(today(), &mut fastrand::Rng::with_seed(1)),
        today(),
        Kind::Fix,
        "Added a duplicate check to the billing run",
    );
    entry.customer = Some("Acme Corp".into());
    entry.tags = vec!["billing".into()];
    let mut group = c.benchmark_group("add");
    group.bench_function(BenchmarkId::from_parameter(size), |b| {
        b.iter_batched(
            || restore(&path),
            |()| journal.add(entry.clone()).expect("add").value,
            BatchSize::PerIteration,
        )
    });
    group.finish();
    restore(&path);
}

fn benches(c: &mut Criterion) {
    tui_scroll(c);
    for size in sizes() {
        let fixture = Fixture::new(size);
        bench_size(c, &fixture);
    }
}

fn config() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sample_size(20)
}

criterion_group! {
    name = journal;
    config = config();
    targets = benches
}

criterion_main!(journal);
