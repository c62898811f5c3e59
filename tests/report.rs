//! Reports, bullets and stats built from the fixture journal in
//! `tests/fixtures/journal` (2026-W36 to 2027-W01, every kind, fix links,
//! promises in every state, money with cents and negatives).

mod support;

use std::path::Path;

use chrono::NaiveDate;
use jobjournal::model::{Currency, Entry, EntryId, Kind, Money, Week, WeekStart};
use jobjournal::report::{
    self, Author, Bullets, Concern, Format, Period, Source, Stats, Templates, WeeklyReport,
};
use jobjournal::store::Journal;
use serde_json::json;

/// "Today" for every test: the Wednesday after 2026-W47, so one of that
/// week's open promises (due 2026-11-24) is overdue.
fn today() -> NaiveDate {
    day(2026, 11, 25)
}

/// A day after every fixture week: each report is judged as of its week's end.
fn long_after() -> NaiveDate {
    day(2030, 1, 1)
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
}

/// A fresh copy of `tests/fixtures/journal`, removed when dropped: reading
/// a journal writes its caches there, never into the source tree.
struct Fixture {
    _dir: tempfile::TempDir,
    journal: Journal,
}

impl std::ops::Deref for Fixture {
    type Target = Journal;
    fn deref(&self) -> &Journal {
        &self.journal
    }
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().expect("tempdir");
    support::copy_fixture(dir.path());
    let journal = Journal::new(dir.path());
    Fixture { _dir: dir, journal }
}

/// The report of `week` from `entries`, judged long after it ended.
fn built(week: Week, entries: &[Entry]) -> WeeklyReport {
    WeeklyReport::build(week, entries, author(), Currency::default(), long_after())
}

fn author() -> Author {
    Author {
        name: "Ada Lovelace".into(),
        role: "Account manager".into(),
    }
}

fn weekly(name: &str, week_start: WeekStart) -> WeeklyReport {
    let week = Week::parse(name, today(), week_start).expect("week name");
    let loaded = report::load::weekly(&fixture(), week).expect("loads");
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    WeeklyReport::build(
        week,
        &loaded.entries,
        author(),
        Currency::default(),
        long_after(),
    )
}

fn render(report: &WeeklyReport, format: Format) -> String {
    report::render::weekly(report, format, &Templates::built_in()).expect("renders")
}

#[test]
fn the_fixture_journal_reads_without_problems() {
    let loaded = fixture().load_all().expect("loads");
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    assert!(loaded.entries.len() > 80, "{}", loaded.entries.len());
}

#[test]
fn json_totals_and_trend_are_exact() {
    let json = weekly("2026-W47", WeekStart::Monday).to_json();
    assert_eq!(json["week"], "2026-W47");
    assert_eq!(json["start"], "2026-11-16");
    assert_eq!(json["end"], "2026-11-22");
    assert_eq!(
        json["author"],
        json!({"name": "Ada Lovelace", "role": "Account manager"})
    );
    assert_eq!(json["entries"].as_array().map(Vec::len), Some(15));
    assert_eq!(
        json["totals"],
        json!({
            "screwups": 3, "fixes": 3, "exceeded": 1, "met": 2, "notes": 2,
            "promises_kept": 1, "promises_missed": 1, "promises_open": 2,
            // The fix's $800.40 is protected, not won.
            "revenue_won": 7500.75, "revenue_protected": 800.4, "revenue_lost": 1550.5,
            // Acme Corp (twice, counted once) + Birch Ltd.
            "customer_value": 168000.5,
            "cost_saved": 5250.25, "hours_saved": 74.0, "reach": 54
        })
    );
    let trend: Vec<(String, u64, u64, u64)> = json["trend"]
        .as_array()
        .expect("trend")
        .iter()
        .map(|p| {
            let n = |k: &str| p[k].as_u64().expect("count");
            (
                p["week"].as_str().expect("week").to_string(),
                n("screwups"),
                n("fixes"),
                n("wins"),
            )
        })
        .collect();
    let expected = [
        ("2026-W40", 4, 1, 2),
        ("2026-W41", 4, 2, 2),
        ("2026-W42", 3, 2, 3),
        ("2026-W43", 3, 3, 3),
        ("2026-W44", 2, 2, 4),
        ("2026-W45", 2, 3, 4),
        ("2026-W46", 1, 3, 5),
        ("2026-W47", 3, 3, 4),
    ];
    assert_eq!(trend, expected.map(|(w, s, f, x)| (w.to_string(), s, f, x)));
}

#[test]
fn entries_in_the_json_are_the_list_objects() {
    let report = weekly("2026-W47", WeekStart::Monday);
    let json = report.to_json();
    let first = &json["entries"][0];
    assert_eq!(first, &report.entries[0].to_json());
    assert_eq!(
        first["details"],
        "They caught it before paying.\nApologised the same hour."
    );
    assert_eq!(first["revenue"], -1200);
}

fn link_title(link: &report::Link) -> Option<&str> {
    link.entry.as_ref().map(|e| e.title.as_str())
}

fn week_47() -> Week {
    Week::containing(day(2026, 11, 18), WeekStart::Monday)
}

#[test]
fn fix_links_reach_older_weeks_and_stop_at_the_end_of_the_week() {
    let report = weekly("2026-W47", WeekStart::Monday);
    let fixes = &report.sections.fixes;
    // W46's screw-up, and one from 2026-W36, outside the trend's weeks.
    assert_eq!(
        link_title(&fixes[1].fixed[0]),
        Some("Forgot the Elm Group check-in call")
    );
    assert_eq!(
        link_title(&fixes[2].fixed[0]),
        Some("Customer returns sat unprocessed for two weeks")
    );
    let open: Vec<&str> = report
        .summary
        .attention
        .iter()
        .filter(|a| a.concern == Concern::OpenScrewup && week_47().contains(a.entry.date))
        .map(|a| a.entry.title.as_str())
        .collect();
    // Fir Co's adapter was fixed on Monday of W48: still open in W47's
    // report. Newest first, so a long list cut short keeps this week's.
    assert_eq!(
        open,
        [
            "Shipped Fir Co the wrong adapter",
            "Missed the Dunmore kickoff call"
        ]
    );
    let w48 = weekly("2026-W48", WeekStart::Monday);
    assert_eq!(
        link_title(&w48.sections.fixes[0].fixed[0]),
        Some("Shipped Fir Co the wrong adapter")
    );
}

#[test]
fn markdown_report() {
    insta::assert_snapshot!(render(
        &weekly("2026-W47", WeekStart::Monday),
        Format::Markdown
    ));
}

#[test]
fn text_report() {
    insta::assert_snapshot!(render(&weekly("2026-W47", WeekStart::Monday), Format::Text));
}

#[test]
fn html_report() {
    insta::assert_snapshot!(render(&weekly("2026-W47", WeekStart::Monday), Format::Html));
}

#[test]
fn json_report() {
    insta::assert_snapshot!(render(&weekly("2026-W47", WeekStart::Monday), Format::Json));
}

#[test]
fn iso_week_53_spans_the_year_boundary() {
    let report = weekly("2026-W53", WeekStart::Monday);
    let json = report.to_json();
    assert_eq!(
        (json["start"].as_str(), json["end"].as_str()),
        (Some("2026-12-28"), Some("2027-01-03"))
    );
    let dates: Vec<String> = report.entries.iter().map(|e| e.date.to_string()).collect();
    assert_eq!(
        dates,
        ["2026-12-28", "2026-12-31", "2027-01-02", "2027-01-03"]
    );
    // Fixed on Sunday 3 January, inside the same ISO week: shown under its
    // fix, and not as needing attention.
    let fixed = &report.sections.fixes[0].fixed[0];
    assert_eq!(
        fixed.entry.as_ref().map(|e| e.date),
        Some(day(2026, 12, 28))
    );
    assert!(report.sections.screwups.is_empty());
    assert!(
        !report
            .summary
            .attention
            .iter()
            .any(|a| report.week.contains(a.entry.date))
    );
    let weeks: Vec<&str> = json["trend"]
        .as_array()
        .expect("trend")
        .iter()
        .filter_map(|p| p["week"].as_str())
        .collect();
    assert_eq!(weeks.first(), Some(&"2026-W46"));
    assert_eq!(weeks.last(), Some(&"2026-W53"));
    // Any day of the week names it, including the one in 2027.
    assert_eq!(weekly("2027-01-02", WeekStart::Monday), report);
    let next = weekly("2027-W01", WeekStart::Monday);
    assert_eq!(next.entries.len(), 1);
    assert_eq!(next.trend[6].week.label(), "2026-W53");
    insta::assert_snapshot!(render(&report, Format::Markdown));
}

#[test]
fn sunday_start_weeks_move_the_sunday() {
    // Sunday 27 Dec to Saturday 2 Jan: the Sunday-before note is in, the fix on Sunday 3 Jan is not.
    let report = weekly("2026-W53", WeekStart::Sunday);
    assert_eq!(report.to_json()["start"], "2026-12-27");
    assert_eq!(report.to_json()["end"], "2027-01-02");
    let dates: Vec<String> = report.entries.iter().map(|e| e.date.to_string()).collect();
    assert_eq!(
        dates,
        ["2026-12-27", "2026-12-28", "2026-12-31", "2027-01-02"]
    );
    // The fix on Sunday 3 Jan is next week's: the screw-up is still open.
    assert!(
        report
            .summary
            .attention
            .iter()
            .any(|a| a.entry.date == day(2026, 12, 28))
    );
    let w47 = weekly("2026-W47", WeekStart::Sunday);
    assert_eq!(w47.week.start(), day(2026, 11, 15));
    // Sunday 15 Nov's note joins; Sunday 22 Nov's weekend cover leaves for W48.
    assert_eq!((w47.totals.notes, w47.totals.met), (3, 1));
    assert_eq!(w47.totals.customer_value, Money(16_800_050));
    assert_eq!(w47.trend.last().map(|p| p.wins), Some(3));
}

fn fixture_bullets(period: Period) -> Bullets {
    let loaded = report::load::bullets(&fixture(), period).expect("loads");
    Bullets::build(&loaded.entries, period, &Currency::default())
}

#[test]
fn bullets_are_ranked_by_impact() {
    let period = Period {
        since: day(2026, 9, 1),
        until: day(2026, 12, 31),
    };
    let bullets = fixture_bullets(period);
    let texts: Vec<&str> = bullets.bullets.iter().map(|b| b.text.as_str()).collect();
    // The fixture records no `closed` day, so nothing is claimed "on time".
    assert_eq!(texts[0], "Kept 12 of 15 customer commitments (80%)");
    assert_eq!(
        texts[1],
        "Fixed 16 of 29 service failures within 7 days (55%)"
    );
    // Money first: the $18,000 renewal (its own words), then the $10,600 Fir Co renewal.
    assert_eq!(bullets.bullets[2].source, Source::Written);
    assert_eq!(
        texts[2],
        "Won back the Gable Foods renewal ($18,000 a year) after a rocky quarter"
    );
    assert_eq!(
        texts[3],
        "Signed the Fir Co renewal before the deadline, worth $9,600"
    );
    // No screw-up is a bullet, and no entry without an outcome.
    assert!(
        texts
            .iter()
            .all(|t| !t.contains("Sent Acme the October invoice twice"))
    );
    assert!(
        texts
            .iter()
            .all(|t| !t.contains("Shadowed the support desk"))
    );
    let impacts: Vec<_> = bullets.bullets.iter().skip(2).map(|b| b.impact).collect();
    assert!(impacts.windows(2).all(|w| w[0] >= w[1]), "{impacts:?}");
    insta::assert_snapshot!(
        report::render::bullets(
            &bullets,
            Format::Markdown,
            &Templates::built_in(),
            &Currency::default()
        )
        .expect("md")
    );
}

#[test]
fn bullets_in_text_and_json() {
    let period = Period {
        since: day(2026, 11, 16),
        until: day(2026, 11, 22),
    };
    let bullets = fixture_bullets(period);
    let templates = Templates::built_in();
    let currency = Currency::default();
    insta::assert_snapshot!(
        report::render::bullets(&bullets, Format::Text, &templates, &currency).expect("text")
    );
    insta::assert_snapshot!(
        report::render::bullets(&bullets.limit(2), Format::Json, &templates, &currency)
            .expect("json")
    );
}

#[test]
fn stats_table() {
    let last = Week::parse("2026-W48", today(), WeekStart::Monday).expect("week");
    let loaded = report::load::stats(&fixture(), last, 10).expect("loads");
    let stats = Stats::build(last, 10, &loaded.entries);
    assert_eq!(
        stats.weeks.first().map(|w| w.week.label()),
        Some("2026-W39".to_string())
    );
    insta::assert_snapshot!(stats.table(&Currency::default()));
}

fn hostile(id: &str, kind: Kind, title: &str) -> Entry {
    let id: EntryId = id.parse().expect("id");
    let mut entry = Entry::new(id.clone(), id.date(), kind, title);
    entry.customer = Some("O'Brien & \"Sons\" <b>".into());
    entry.details = Some("line one\n<img src=x onerror=alert(1)>\u{1b}]52;c;aGk=\u{7}".into());
    entry
}

#[test]
fn hostile_text_is_escaped_in_every_format() {
    let title = "<script>alert(\"pwned\")</script> & \u{1b}[2J\u{9b}31m";
    let mut exceeded = hostile("2026-11-17-h0s1", Kind::Exceeded, title);
    exceeded.expected = Some("<i>3 days</i>".into());
    exceeded.delivered = Some("\u{1b}[31m4 hours".into());
    let screwup = hostile("2026-11-16-h0s2", Kind::Screwup, title);
    let mut fix = hostile("2026-11-18-h0s3", Kind::Fix, "Fix & <b>bold</b>");
    fix.fixes = vec![screwup.id.clone()];
    let week = Week::containing(day(2026, 11, 18), WeekStart::Monday);
    let author = Author {
        name: "<Ada>".into(),
        role: "\u{1b}[5mrole".into(),
    };
    let report = WeeklyReport::build(
        week,
        &[screwup, exceeded, fix],
        author,
        Currency::default(),
        long_after(),
    );

    let html = render(&report, Format::Html);
    assert!(!html.contains("<script>"), "{html}");
    assert!(!html.contains("<img"), "{html}");
    assert!(!html.contains("<b>"), "{html}");
    assert!(!html.contains("<i>"), "{html}");
    assert!(!html.contains("<Ada>"), "{html}");
    assert!(
        html.contains(
            "&lt;script&gt;alert(&quot;pwned&quot;)&lt;&#x2f;script&gt; &amp; \\u{1b}[2J\\u{9b}31m"
        ),
        "{html}"
    );
    assert!(
        html.contains("O&#x27;Brien &amp; &quot;Sons&quot; &lt;b&gt;"),
        "{html}"
    );
    let markdown = render(&report, Format::Markdown);
    assert!(markdown.contains("\\\\u{1b}\\[2J"), "{markdown}");
    for text in [html, markdown, render(&report, Format::Text)] {
        assert!(!text.contains(['\u{1b}', '\u{7}', '\u{9b}']), "{text}");
        assert!(text.contains("u{1b}"), "{text}");
    }
    // JSON keeps the exact text; it is data, not terminal output.
    let json = render(&report, Format::Json);
    let parsed: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(parsed["entries"][0]["title"], title);
}

/// Text in a title shows as written when the Markdown is rendered: no
/// markup, no emphasis, no table cells, no heading.
#[test]
fn markdown_escapes_what_it_must() {
    let week = Week::containing(day(2026, 11, 18), WeekStart::Monday);
    let mut met = Entry::new(
        "2026-11-17-mmmm".parse().expect("id"),
        day(2026, 11, 17),
        Kind::Met,
        "# <script>alert(1)</script> *bold* _it_ | cell",
    );
    met.adopted_by = vec!["team_a".into()];
    let report = built(week, &[met]);
    let markdown = render(&report, Format::Markdown);
    assert!(
        markdown.contains(
            "- **Met:** \\# \\<script\\>alert(1)\\</script\\> \\*bold\\* \\_it\\_ \\| cell — adopted by team\\_a\n"
        ),
        "{markdown}"
    );
}

#[test]
fn a_user_template_overrides_the_built_in_one() {
    let config_dir = tempfile::tempdir().expect("tempdir");
    let dir = config_dir.path().join("templates");
    std::fs::create_dir(&dir).expect("mkdir");
    std::fs::write(
        dir.join("report.md"),
        "Week {{ week }} for {{ author.name }}: won {{ totals.revenue_won | money }}, \
         {{ totals.screwups }} screw-ups, {{ entries[0].title }}\n",
    )
    .expect("write");
    let templates = Templates::for_config_dir(Some(config_dir.path()));
    let report = weekly("2026-W47", WeekStart::Monday);
    assert_eq!(
        report::render::weekly(&report, Format::Markdown, &templates).expect("renders"),
        "Week 2026-W47 for Ada Lovelace: won $7,500.75, 3 screw-ups, Sent Acme the October invoice twice\n"
    );
    // Formats without an override still use the built-in template.
    let text = report::render::weekly(&report, Format::Text, &templates).expect("renders");
    assert!(text.starts_with("WEEKLY REPORT 2026-W47"), "{text}");
}

/// The example override in docs/reports.md renders to the output shown there.
#[test]
fn the_documented_example_override_works() {
    let docs =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/reports.md"))
            .expect("docs/reports.md");
    let after = docs.split("<!-- example-override").nth(1).expect("marker");
    let template = after
        .split("```jinja\n")
        .nth(1)
        .and_then(|t| t.split("\n```").next())
        .expect("template");
    let shown = after
        .split("prints\n\n```\n")
        .nth(1)
        .and_then(|t| t.split("```").next())
        .expect("output");
    let config_dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(config_dir.path().join("templates")).expect("mkdir");
    std::fs::write(
        config_dir.path().join("templates/report.md"),
        format!("{template}\n"),
    )
    .expect("write");
    let templates = Templates::for_config_dir(Some(config_dir.path()));
    let report = weekly("2026-W47", WeekStart::Monday);
    assert_eq!(
        report::render::weekly(&report, Format::Markdown, &templates).expect("renders"),
        shown
    );
}

#[test]
fn a_fix_naming_a_missing_screwup_shows_the_id() {
    let id: EntryId = "2026-11-18-f1x0".parse().expect("id");
    let mut fix = Entry::new(id.clone(), id.date(), Kind::Fix, "Checklist");
    fix.fixes = vec!["2026-01-05-gone".parse().expect("id")];
    let week = Week::containing(day(2026, 11, 18), WeekStart::Monday);
    let report = built(week, &[fix]);
    let markdown = render(&report, Format::Markdown);
    assert!(
        markdown.contains("- **Fix:** Checklist\n  - for screw-up: 2026-01-05-gone (not found)\n"),
        "{markdown}"
    );
    let html = render(&report, Format::Html);
    assert!(
        html.contains("for screw-up 2026-01-05-gone (not found)"),
        "{html}"
    );
}

/// The TUI holds the whole journal in memory: building from all of it gives
/// the same report as building from exactly the days `load::weekly` reads.
#[test]
fn building_from_the_whole_journal_gives_the_same_report() {
    let all = fixture().load_all().expect("loads").entries;
    for (name, week_start) in [
        ("2026-W47", WeekStart::Monday),
        ("2026-W48", WeekStart::Monday),
        ("2026-W53", WeekStart::Sunday),
    ] {
        let week = Week::parse(name, today(), week_start).expect("week");
        let from_all = built(week, &all);
        assert_eq!(from_all, weekly(name, week_start), "{name}");
    }
}

/// The demo journal's newest week, as a boss gets it on Friday: reviewed
/// as a snapshot so any change to what the top of the report says shows.
#[test]
fn the_demo_report_reads_top_down() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo/journal.toml");
    let text = std::fs::read_to_string(&path).expect("demo journal");
    let week = Week::containing(day(2026, 11, 20), WeekStart::Monday);
    let parsed = jobjournal::store::DayFile::parse(&path, week.start(), &text);
    let entries: Vec<Entry> = parsed
        .entries
        .into_iter()
        .map(|mut e| {
            e.date = e.id.date();
            e
        })
        .collect();
    let report = built(week, &entries);
    let markdown = render(&report, Format::Markdown);
    // The three questions are answered before the first entry section.
    let top = markdown.split("\n## Wins").next().expect("top");
    assert!(
        top.contains("## Summary") && top.contains("Won **"),
        "{top}"
    );
    insta::assert_snapshot!(markdown);
}

/// A money line that is zero this week is news only by its absence: "Lost
/// $0 (down $900 on last week)" reads like bad news to a boss skimming the
/// summary. Markdown, text and HTML leave it out; the JSON keeps every number.
#[test]
fn a_money_line_that_is_zero_this_week_is_left_out() {
    let entry = |id: &str, kind: Kind, cents: i64| {
        let id: EntryId = id.parse().expect("id");
        let mut entry = Entry::new(id.clone(), id.date(), kind, "Something");
        entry.revenue = Some(Money(cents));
        entry
    };
    let entries = [
        // Last week: money protected and lost.
        entry("2026-11-10-aaaa", Kind::Fix, 90_000),
        entry("2026-11-11-bbbb", Kind::Screwup, -90_000),
        // This week: money won only.
        entry("2026-11-17-cccc", Kind::Met, 650_000),
    ];
    let report = built(week_47(), &entries);
    let summary = |text: &str| {
        text.split("eeds attention")
            .next()
            .expect("top")
            .to_string()
    };
    let markdown = summary(&render(&report, Format::Markdown));
    assert!(
        markdown.contains("- Won **$6,500** (none last week)"),
        "{markdown}"
    );
    let text = summary(&render(&report, Format::Text));
    assert!(text.contains("Won       $6,500 (none last week)"), "{text}");
    let html = summary(&render(&report, Format::Html));
    assert!(html.contains("<div class=\"won\">"), "{html}");
    for top in [&markdown, &text, &html] {
        assert!(!top.contains("Protected") && !top.contains("Lost"), "{top}");
        assert!(!top.contains("$0"), "{top}");
    }
    let json = report.to_json();
    assert_eq!(
        json["summary"]["revenue_protected"],
        json!({"this_week": 0, "last_week": 900, "change": -900})
    );
    assert_eq!(
        json["summary"]["revenue_lost"],
        json!({"this_week": 0, "last_week": 900, "change": -900})
    );

    // A week with no money at all says so in one line.
    let mut no_money = entries[..2].to_vec();
    no_money.push(entry("2026-11-18-dddd", Kind::Note, 0));
    let quiet = built(week_47(), &no_money);
    let markdown = summary(&render(&quiet, Format::Markdown));
    assert!(
        markdown.contains("- No money won, protected or lost."),
        "{markdown}"
    );
}

/// A journal in a temporary directory holding `entries`, its day files
/// dated an hour back so the caches may record them.
fn settled_journal(entries: &[Entry]) -> (tempfile::TempDir, Journal) {
    let dir = tempfile::tempdir().expect("tempdir");
    let journal = Journal::new(dir.path());
    let _ = journal.add_with_ids(entries).expect("adds");
    for entry in entries {
        settle(&journal.day_path(entry.date));
    }
    (dir, journal)
}

/// Dates `path` an hour back, as a file written long ago.
fn settle(path: &Path) {
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    let file = std::fs::File::options()
        .write(true)
        .open(path)
        .expect("day file");
    file.set_modified(hour_ago).expect("mtime");
}

fn item(id: &str, kind: Kind, title: &str) -> Entry {
    let id: EntryId = id.parse().expect("id");
    Entry::new(id.clone(), id.date(), kind, title)
}

/// Needs attention reaches any week back, judged as of the report's week.
/// Built from what `load::weekly` reads (with no outline cache, with the one
/// it wrote, with a damaged one, and after a day file was edited in place
/// under the cache) it equals the report built from the whole journal, for
/// every week of the table.
#[test]
fn needs_attention_reaches_any_week_the_same_with_or_without_the_cache() {
    use jobjournal::model::PromiseStatus;
    let open_3_years = item("2023-11-15-aaaa", Kind::Screwup, "Lost the Gable keys");
    let fixed_later = item("2024-03-04-bbbb", Kind::Screwup, "Wrong price list sent");
    let mut fix = item("2024-09-02-cccc", Kind::Fix, "Price list check");
    fix.fixes = vec![fixed_later.id.clone()];
    let mut overdue = item("2022-05-02-dddd", Kind::Promise, "Send the Birch forecast");
    overdue.due = Some(day(2022, 5, 9));
    let mut kept_late = item("2024-01-08-eeee", Kind::Promise, "Call Juniper back");
    kept_late.due = Some(day(2024, 1, 10));
    kept_late.status = Some(PromiseStatus::Kept);
    kept_late.closed = Some(day(2024, 2, 1));
    let mut kept = item("2024-01-09-ffff", Kind::Promise, "Kept on time");
    kept.due = Some(day(2024, 1, 12));
    kept.status = Some(PromiseStatus::Kept);
    kept.closed = Some(day(2024, 1, 11));
    let entries = [
        open_3_years,
        fixed_later,
        fix,
        overdue,
        kept_late,
        kept,
        item("2024-05-06-gggg", Kind::Note, "Quiet week"),
        item("2026-11-17-hhhh", Kind::Met, "Monthly close"),
    ];
    let (_dir, journal) = settled_journal(&entries);
    let attention = |report: &WeeklyReport| -> Vec<String> {
        report
            .summary
            .attention
            .iter()
            .map(|a| a.entry.title.clone())
            .collect()
    };
    let week = |d: NaiveDate| Week::containing(d, WeekStart::Monday);
    let today = day(2026, 11, 18);
    let birch = "Send the Birch forecast";
    let gable = "Lost the Gable keys";
    let table = [
        // This week: three years back, still open; the fixed one is not.
        (week(today), vec![birch, gable]),
        // Before the fix, it was open.
        (
            week(day(2024, 7, 1)),
            vec![birch, "Wrong price list sent", gable],
        ),
        // Before it was kept, the late promise was overdue (due after
        // Birch's, so listed first).
        (
            week(day(2024, 1, 21)),
            vec!["Call Juniper back", birch, gable],
        ),
        // The week after the fix: fixed.
        (week(day(2024, 9, 9)), vec![birch, gable]),
        (week(day(2022, 5, 1)), vec![]),
    ];
    let cache = journal.root().join(jobjournal::store::OUTLINES_FILE);
    let birch_day = journal.day_path(day(2022, 5, 2));
    for run in ["no cache", "cache", "damaged cache", "edited in place"] {
        match run {
            // Each week of this run reads with no cache at all.
            "no cache" => {}
            "cache" => {
                // The table's last week reads no earlier day: write it anew.
                let _ = report::load::weekly(&journal, table[0].0).expect("loads");
                assert!(cache.exists(), "a report writes the cache");
            }
            "damaged cache" => {
                let mut bytes = std::fs::read(&cache).expect("cache");
                let middle = bytes.len() / 2;
                bytes[middle] ^= 0xff;
                std::fs::write(&cache, bytes).expect("damage");
            }
            _ => {
                // Kept by hand, written over the same file with its old
                // size and time: only the change time tells.
                let text = std::fs::read_to_string(&birch_day).expect("day file");
                let edited = text.replacen("due = 2022-05-09", "due = 2099-05-09", 1);
                assert_ne!(text, edited, "{text}");
                let mtime = std::fs::metadata(&birch_day).unwrap().modified().unwrap();
                std::fs::write(&birch_day, edited).expect("edit");
                let file = std::fs::File::options()
                    .write(true)
                    .open(&birch_day)
                    .unwrap();
                file.set_modified(mtime).expect("mtime");
            }
        }
        let all = journal.load_all().expect("loads").entries;
        for (week, expected) in &table {
            if run == "no cache" {
                let _ = std::fs::remove_file(&cache);
            }
            let loaded = report::load::weekly(&journal, *week).expect("loads");
            assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
            let build = |entries: &[Entry]| {
                WeeklyReport::build(*week, entries, author(), Currency::default(), today)
            };
            let report = build(&loaded.entries);
            let mut expected = expected.clone();
            if run == "edited in place" {
                // Due in 2099 now: never overdue.
                expected.retain(|title| *title != birch);
            }
            assert_eq!(attention(&report), expected, "{run}, {}", week.label());
            assert_eq!(report, build(&all), "{run}, {}", week.label());
        }
    }
}

/// Two fixes of one screw-up stand together and name it once, in every
/// format a person reads; a third fix between them written for something
/// else moves below.
#[test]
fn fixes_of_one_screwup_name_it_once() {
    let screwup = item(
        "2026-11-16-aaaa",
        Kind::Screwup,
        "Sent Acme the wrong reminder",
    );
    let mut apology = item("2026-11-16-bbbb", Kind::Fix, "Apologised to Acme");
    apology.fixes = vec![screwup.id.clone()];
    let other_slip = item("2026-11-17-cccc", Kind::Screwup, "Late to the Birch call");
    let mut rebooked = item("2026-11-17-dddd", Kind::Fix, "Rebooked the Birch call");
    rebooked.fixes = vec![other_slip.id.clone()];
    let mut check = item("2026-11-18-eeee", Kind::Fix, "Added a customer check");
    check.fixes = vec![screwup.id.clone()];
    let entries = [screwup, apology, other_slip, rebooked, check];
    let report = built(week_47(), &entries);
    for format in [Format::Markdown, Format::Text, Format::Html] {
        let text = render(&report, format);
        assert_eq!(
            text.matches("Sent Acme the wrong reminder").count(),
            1,
            "{text}"
        );
        let order: Vec<usize> = [
            "Apologised",
            "Added a customer check",
            "the same screw-up",
            "Rebooked",
        ]
        .iter()
        .map(|needle| {
            text.find(needle)
                .unwrap_or_else(|| panic!("{needle}: {text}"))
        })
        .collect();
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}\n{text}");
    }
}

/// "The same screw-up" is said only right under the fix that named it: a
/// later fix of the second screw-up a fix named, with another fix between,
/// names it again.
#[test]
fn the_same_screwup_is_said_only_right_under_its_first_naming() {
    let a = item(
        "2026-11-16-aaaa",
        Kind::Screwup,
        "Sent Acme the wrong reminder",
    );
    let b = item("2026-11-16-bbbb", Kind::Screwup, "Late to the Birch call");
    let c = item("2026-11-16-cccc", Kind::Screwup, "Wrong price for Cedar");
    let mut both = item("2026-11-17-dddd", Kind::Fix, "One checklist for both");
    both.fixes = vec![a.id.clone(), b.id.clone()];
    let mut cedar = item("2026-11-17-eeee", Kind::Fix, "Repriced Cedar");
    cedar.fixes = vec![c.id.clone()];
    let mut birch = item("2026-11-18-ffff", Kind::Fix, "Rebooked the Birch call");
    birch.fixes = vec![b.id.clone()];
    let entries = [a, b, c, both, cedar, birch];
    let report = built(week_47(), &entries);
    let text = render(&report, Format::Markdown);
    assert!(!text.contains("the same screw-up"), "{text}");
    assert_eq!(text.matches("Late to the Birch call").count(), 2, "{text}");
}

/// With nothing in the trend's earlier weeks, the summary says so, and
/// does not call a week the journal's first when it holds older years.
#[test]
fn a_week_after_a_quiet_stretch_is_not_called_the_first() {
    let entries = [
        item("2024-03-04-aaaa", Kind::Met, "An old win"),
        item("2026-11-17-bbbb", Kind::Met, "Monthly close"),
    ];
    let report = built(week_47(), &entries);
    let markdown = render(&report, Format::Markdown);
    assert!(
        markdown.contains("**1 win, 0 screw-ups:** nothing in the 7 weeks before to compare with"),
        "{markdown}"
    );
    assert!(!markdown.contains("first week"), "{markdown}");
}
