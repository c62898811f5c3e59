//! One ranking for a search: `list --search` (text and JSON) and the TUI's
//! `/` list the same entries in the same order.

mod support;

use jobjournal::store::Journal;
use jobjournal::ui::search::Search;
use ratatui_textarea::TextArea;
use support::TestJournal;

/// A journal where words land in titles, customers, tags and details, on
/// several days, some sharing a day.
fn journal() -> TestJournal {
    let journal = TestJournal::new();
    journal.add(&[
        "screwup",
        "Sent the invoice twice",
        "--customer",
        "Acme Corp",
        "--date",
        "2026-11-02",
    ]);
    journal.add(&[
        "note",
        "Lunch with the billing team",
        "--details",
        "Acme wants one invoice a month",
        "--date",
        "2026-11-17",
    ]);
    journal.add(&[
        "fix",
        "Reinvoiced Acme",
        "--tag",
        "invoice",
        "--date",
        "2026-11-10",
    ]);
    journal.add(&["met", "Acme invoice run on time", "--date", "2025-06-03"]);
    journal.add(&[
        "exceeded",
        "Quote for Acme",
        "--expected",
        "an invoice by Friday",
        "--delivered",
        "same day",
        "--date",
        "2026-11-17",
    ]);
    journal.add(&["note", "Invoices archived", "--customer", "Birch"]);
    journal
}

/// `field` of each entry `list --search QUERY --format json` prints, in order.
fn cli_list(journal: &TestJournal, query: &str, field: &str) -> Vec<String> {
    let output = journal
        .cmd()
        .args(["list", "--search", query, "--format", "json"])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    json.as_array()
        .unwrap()
        .iter()
        .map(|e| e[field].as_str().unwrap().to_string())
        .collect()
}

fn cli_ids(journal: &TestJournal, query: &str) -> Vec<String> {
    cli_list(journal, query, "id")
}

/// The TUI's `/`: the query typed a key at a time into one `Search`, which
/// narrows the last answer as it goes.
fn tui_ids(journal: &TestJournal, query: &str) -> Vec<String> {
    let entries = Journal::new(journal.root()).load_all().unwrap().entries;
    let mut search = Search::default();
    search.run(&entries, 1);
    for typed in 1..=query.len() {
        search.query = TextArea::from([&query[..typed]]);
        search.run(&entries, 1);
    }
    assert_eq!(search.total, search.hits.len());
    search.hits.iter().map(|h| h.entry.id.to_string()).collect()
}

#[test]
fn the_cli_and_the_tui_rank_a_search_the_same_way() {
    let journal = journal();
    for query in [
        "invoice",
        "acme invoice",
        "INVOICE acme",
        "acme",
        "a",
        "bill",
    ] {
        let cli = cli_ids(&journal, query);
        assert!(!cli.is_empty(), "{query}");
        assert_eq!(cli, tui_ids(&journal, query), "{query:?}");
    }
    // The text output lists the same order, a line per entry with its day.
    let text = journal
        .cmd()
        .args(["list", "--search", "acme invoice"])
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    let lines: Vec<&str> = text.lines().skip(1).collect();
    let json = cli_ids(&journal, "acme invoice");
    assert_eq!(lines.len(), json.len(), "{text}");
    let titles = [
        "Sent the invoice twice",
        "Acme invoice run on time",
        "Reinvoiced Acme",
        "Quote for Acme",
        "Lunch with the billing team",
    ];
    assert_eq!(lines.len(), titles.len(), "{text}");
    for (line, title) in lines.iter().zip(titles) {
        assert!(line.contains(title), "{title:?} in {line:?}:\n{text}");
    }
}

#[test]
fn a_title_match_outranks_a_newer_details_only_match() {
    let journal = journal();
    let titles = cli_list(&journal, "invoice", "title");
    // A whole word in a title (newest first), the start of a word in a
    // title, inside a word in a title (its tag counts less), expected, and
    // details last although it is among the newest.
    assert_eq!(
        titles,
        [
            "Sent the invoice twice",
            "Acme invoice run on time",
            "Invoices archived",
            "Reinvoiced Acme",
            "Quote for Acme",
            "Lunch with the billing team",
        ]
    );
}
