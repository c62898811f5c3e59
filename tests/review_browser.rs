//! The demo journal's HTML review in a real browser (headless Chromium),
//! as tests/report_browser.rs does for the weekly report: it loads without
//! a console error and its title and totals are in view at 1280×800.
//! Without Chromium the test says so and passes, except under `CI`, where
//! it fails (`.ci/run` installs Debian's `chromium`).

use std::path::Path;

mod support;

use jobjournal::model::Currency;
use jobjournal::report::{Author, Format, Review, ReviewPeriod, Templates};
use jobjournal::store::DayFile;
use support::browser::{self, chromium, run};

fn demo_html() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo/journal.toml");
    let text = std::fs::read_to_string(&path).expect("demo journal");
    let monday = chrono::NaiveDate::from_ymd_opt(2026, 11, 16).expect("date");
    let parsed = DayFile::parse(&path, monday, &text);
    assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
    let entries: Vec<_> = parsed
        .entries
        .into_iter()
        .map(|mut e| {
            e.date = e.id.date();
            e
        })
        .collect();
    let review = Review::build(
        ReviewPeriod::quarter("2026-Q4").expect("quarter"),
        entries,
        Author {
            name: "Sam Rivera".into(),
            role: "Customer success lead".into(),
        },
        Currency::default(),
    );
    review
        .render(Format::Html, &Templates::built_in())
        .expect("renders")
}

#[test]
fn the_demo_review_in_a_real_browser() {
    let Some(browser) = chromium() else {
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    const PROBE: &str = r#"<script>
window.__errors = [];
window.addEventListener("error", e => window.__errors.push(String(e.message || e.type)), true);
window.addEventListener("load", () => {
  const table = document.querySelector("table").getBoundingClientRect();
  const out = document.createElement("pre");
  out.id = "measured";
  out.textContent = JSON.stringify({errors: window.__errors, totalsTop: table.top,
    viewportHeight: window.innerHeight, h2: document.querySelectorAll("h2").length});
  document.body.appendChild(out);
});
</script>"#;
    let html = demo_html().replacen("<head>", &format!("<head>\n{PROBE}"), 1);
    let page = dir.path().join("review.html");
    std::fs::write(&page, html).expect("write page");
    let output = run(
        &browser,
        &dir.path().join("profile"),
        &[
            "--dump-dom".to_string(),
            format!("file://{}", page.display()),
        ],
    );
    for line in String::from_utf8_lossy(&output.stderr).lines() {
        assert!(
            !(line.contains("CONSOLE")
                || line.contains("Uncaught")
                || line.contains("Failed to load")),
            "console: {line}"
        );
    }
    let measured = browser::measured(&output.stdout);
    assert_eq!(measured["errors"], serde_json::json!([]), "{measured}");
    assert_eq!(measured["h2"], 6, "{measured}");
    let top = measured["totalsTop"].as_f64().expect("top");
    let height = measured["viewportHeight"].as_f64().expect("height");
    assert!(
        top < height,
        "the totals start at {top}px, below the {height}px window"
    );
}
