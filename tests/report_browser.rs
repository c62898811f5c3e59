//! The demo's HTML report looked at in a real browser (headless Chromium):
//! it loads without console errors, its summary is in view without
//! scrolling at 1280×800, and printed to PDF it fits one A4 page.
//!
//! Chromium is found as `chromium`, `chromium-browser` or `google-chrome`.
//! Without one the test says so and passes, except under `CI`, where a
//! missing browser fails it (`.ci/run` installs Debian's `chromium`).
//! `JOBJOURNAL_SCREENSHOT=1` also refreshes docs/report-demo.png.

use std::path::Path;
use std::process::Command;

mod support;

use chrono::NaiveDate;
use jobjournal::model::{Currency, Entry, Week, WeekStart};
use jobjournal::report::{self, Author, Format, Templates};
use jobjournal::store::DayFile;
use support::browser::{self, chromium, run};

/// The demo report's week: the newest week of `assets/demo/journal.toml`.
fn demo_week() -> Week {
    Week::containing(day(2026, 11, 20), WeekStart::Monday)
}

/// The report as made on the week's Friday.
fn friday() -> NaiveDate {
    day(2026, 11, 20)
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

fn demo_entries() -> Vec<Entry> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo/journal.toml");
    let text = std::fs::read_to_string(&path).expect("demo journal");
    let parsed = DayFile::parse(&path, demo_week().start(), &text);
    assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
    parsed
        .entries
        .into_iter()
        .map(|mut e| {
            // Each sample entry's day is the date in its id.
            e.date = e.id.date();
            e
        })
        .collect()
}

fn demo_html() -> String {
    let setup = report::render::Setup {
        author: Author {
            name: "Sam Rivera".into(),
            role: "Customer success lead".into(),
        },
        currency: Currency::default(),
        templates: Templates::built_in(),
    };
    report::render::week(demo_week(), &demo_entries(), friday(), &setup, Format::Html)
        .expect("renders")
}

/// A copy of the page with a script that records errors and where the
/// summary sits into the DOM, for `--dump-dom` to show.
fn instrumented(html: &str) -> String {
    const RECORD: &str = r#"<script>
window.__errors = [];
window.addEventListener("error", e => window.__errors.push(String(e.message || e.type)), true);
const original = console.error;
console.error = (...args) => { window.__errors.push(args.join(" ")); original(...args); };
window.addEventListener("load", () => {
  const summary = document.getElementById("summary").getBoundingClientRect();
  const out = document.createElement("pre");
  out.id = "measured";
  out.textContent = JSON.stringify({
    errors: window.__errors,
    summaryTop: summary.top,
    summaryBottom: summary.bottom,
    viewportHeight: window.innerHeight,
    viewportWidth: window.innerWidth,
  });
  document.body.appendChild(out);
});
</script>"#;
    html.replacen("<head>", &format!("<head>\n{RECORD}"), 1)
}

fn pdf_pages(pdf: &Path) -> usize {
    if let Ok(out) = Command::new("pdfinfo").arg(pdf).output()
        && out.status.success()
    {
        let info = String::from_utf8_lossy(&out.stdout).into_owned();
        if let Some(pages) = info
            .lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .and_then(|n| n.trim().parse().ok())
        {
            return pages;
        }
    }
    // Chromium writes page objects uncompressed: count `/Type /Page` (not `/Pages`).
    let bytes = std::fs::read(pdf).expect("pdf");
    let text = String::from_utf8_lossy(&bytes);
    text.match_indices("/Type /Page")
        .filter(|(i, _)| !text[i + 11..].starts_with('s'))
        .count()
}

#[test]
fn the_demo_report_in_a_real_browser() {
    let Some(browser) = chromium() else {
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let html = demo_html();
    let page = dir.path().join("report.html");
    std::fs::write(&page, &html).expect("write page");
    let url = format!("file://{}", page.display());

    // Loads without a console error or a failed resource.
    let plain = run(
        &browser,
        &dir.path().join("profile-1"),
        &["--dump-dom".into(), url.clone()],
    );
    let dom = String::from_utf8_lossy(&plain.stdout);
    assert!(dom.contains("id=\"summary\""), "{dom}");
    let log = String::from_utf8_lossy(&plain.stderr);
    for line in log.lines() {
        assert!(
            !(line.contains("CONSOLE")
                || line.contains("Uncaught")
                || line.contains("Failed to load")),
            "console: {line}"
        );
    }

    // The summary, needs-attention list included, is in view at 1280×800.
    let probe = dir.path().join("probe.html");
    std::fs::write(&probe, instrumented(&html)).expect("write probe");
    let dumped = run(
        &browser,
        &dir.path().join("profile-2"),
        &["--dump-dom".into(), format!("file://{}", probe.display())],
    );
    let measured = browser::measured(&dumped.stdout);
    assert_eq!(measured["errors"], serde_json::json!([]), "{measured}");
    assert_eq!(measured["viewportWidth"], 1280, "{measured}");
    let bottom = measured["summaryBottom"].as_f64().expect("bottom");
    let height = measured["viewportHeight"].as_f64().expect("height");
    assert!(
        bottom <= height,
        "the summary ends at {bottom}px, below the {height}px window"
    );

    if std::env::var_os("JOBJOURNAL_SCREENSHOT").is_some() {
        let shot = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/report-demo.png");
        run(
            &browser,
            &dir.path().join("profile-4"),
            &[format!("--screenshot={}", shot.display()), url.clone()],
        );
    }

    // Printed, it is one A4 page.
    let pdf = dir.path().join("report.pdf");
    run(
        &browser,
        &dir.path().join("profile-3"),
        &[
            format!("--print-to-pdf={}", pdf.display()),
            "--no-pdf-header-footer".into(),
            url.clone(),
        ],
    );
    if let Some(keep) = std::env::var_os("JOBJOURNAL_KEEP_PDF") {
        std::fs::copy(&pdf, keep).expect("keep pdf");
    }
    assert_eq!(
        pdf_pages(&pdf),
        1,
        "the demo report should print on one A4 page"
    );
}
