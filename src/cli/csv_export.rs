//! `list --format csv`: entries as RFC 4180 CSV for spreadsheets, written
//! by the `csv` crate so quoting of commas, quotes and newlines is right.

use std::io::Write;

use crate::model::{Entry, EntryId, Money};
use crate::report::hours_text;

/// The header row; the columns are a stable interface (README).
pub const HEADER: [&str; 19] = [
    "id",
    "date",
    "kind",
    "title",
    "customer",
    "tags",
    "revenue",
    "customer_value",
    "cost_saved",
    "hours_saved",
    "reach",
    "adopted_by",
    "fixes",
    "expected",
    "delivered",
    "due",
    "status",
    "closed",
    "details",
];

/// Lists inside one cell (tags, adopters, fix ids) are joined with this.
const LIST_SEPARATOR: &str = "; ";

/// Writes the header and one row per entry, CRLF line ends as RFC 4180 asks.
pub fn write(entries: &[Entry], out: impl Write) -> csv::Result<()> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    writer.write_record(HEADER)?;
    for entry in entries {
        writer.write_record(row(entry))?;
    }
    writer.flush()?;
    Ok(())
}

/// Writes the CSV to stdout; a reader that went away (`| head`) is not an error.
pub fn print(entries: &[Entry]) -> Result<(), super::CliError> {
    match write(entries, std::io::stdout().lock()) {
        Err(err) if !is_broken_pipe(&err) => Err(super::CliError::Runtime(format!(
            "cannot write to stdout: {err}"
        ))),
        _ => Ok(()),
    }
}

fn is_broken_pipe(err: &csv::Error) -> bool {
    matches!(err.kind(), csv::ErrorKind::Io(io) if io.kind() == std::io::ErrorKind::BrokenPipe)
}

/// What a spreadsheet reads as the start of a formula (OWASP's list): a
/// title such as `=HYPERLINK(…)` from an import must not run when the file is
/// opened. And `'`, which a spreadsheet takes as "text follows" and hides:
/// a title `'90s music` would show as `90s music`.
const FORMULA_STARTS: [char; 7] = ['=', '+', '-', '@', '\t', '\r', '\''];

/// Text for a text cell: as written, except that text a spreadsheet would
/// take for a formula gets a leading `'`, which spreadsheets show as text.
/// Numbers are never passed here, so `-1200.50` stays a number.
fn text_cell(text: &str) -> String {
    if text.starts_with(FORMULA_STARTS) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// One entry's cells: text as written (guarded against formulas, see
/// `text_cell`), money in major units without separators (`-1200.50`),
/// dates as `YYYY-MM-DD`, absent as empty.
fn row(entry: &Entry) -> [String; 19] {
    let money = |m: Option<Money>| m.map(Money::plain).unwrap_or_default();
    let text = |t: &Option<String>| t.as_deref().map(text_cell).unwrap_or_default();
    let list = |items: &[String]| text_cell(&items.join(LIST_SEPARATOR));
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    [
        entry.id.to_string(),
        entry.date.to_string(),
        entry.kind.as_str().to_string(),
        text_cell(&entry.title),
        text(&entry.customer),
        list(&entry.tags),
        money(entry.revenue),
        money(entry.customer_value),
        money(entry.cost_saved),
        entry.hours_saved.map(hours_text).unwrap_or_default(),
        entry.reach.map(|r| r.to_string()).unwrap_or_default(),
        list(&entry.adopted_by),
        entry
            .fixes
            .iter()
            .map(EntryId::as_str)
            .collect::<Vec<_>>()
            .join(LIST_SEPARATOR),
        text(&entry.expected),
        text(&entry.delivered),
        date(entry.due),
        entry
            .promise_status()
            .map(|s| s.as_str().to_string())
            .unwrap_or_default(),
        date(entry.closed),
        text(&entry.details),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Kind;

    #[test]
    fn quotes_commas_quotes_and_newlines_and_ends_lines_with_crlf() {
        let id: EntryId = "2026-11-18-k7q2".parse().expect("id");
        let mut entry = Entry::new(id.clone(), id.date(), Kind::Screwup, "Sent \"Acme\", twice");
        entry.details = Some("line one\nline two".into());
        entry.revenue = Some(Money(-120_050));
        entry.tags = vec!["billing".into(), "q4".into()];
        let mut out = Vec::new();
        write(&[entry], &mut out).expect("writes");
        let text = String::from_utf8(out).expect("utf-8");
        let mut lines = text.split("\r\n");
        assert_eq!(lines.next(), Some(HEADER.join(",").as_str()));
        assert_eq!(
            lines.next(),
            Some(
                "2026-11-18-k7q2,2026-11-18,screwup,\"Sent \"\"Acme\"\", twice\",,billing; q4,-1200.50,,,,,,,,,,,,\"line one\nline two\""
            )
        );
    }

    #[test]
    fn text_a_spreadsheet_would_run_as_a_formula_is_shown_as_text() {
        let id: EntryId = "2026-11-18-k7q2".parse().expect("id");
        let mut entry = Entry::new(id.clone(), id.date(), Kind::Met, "=HYPERLINK(\"x\")");
        entry.customer = Some("+Acme".into());
        entry.adopted_by = vec!["@ops".into(), "Sales".into()];
        entry.details = Some("-2 days early".into());
        entry.expected = Some("\tFriday".into());
        entry.delivered = Some("'90s pricing".into());
        entry.revenue = Some(Money(-120_050));
        let mut out = Vec::new();
        write(&[entry], &mut out).expect("writes");
        let mut reader = csv::Reader::from_reader(out.as_slice());
        let row = reader.records().next().expect("a row").expect("parses");
        let cell = |name: &str| &row[HEADER.iter().position(|h| *h == name).expect(name)];
        assert_eq!(cell("title"), "'=HYPERLINK(\"x\")");
        assert_eq!(cell("customer"), "'+Acme");
        assert_eq!(cell("adopted_by"), "'@ops; Sales");
        assert_eq!(cell("details"), "'-2 days early");
        assert_eq!(cell("expected"), "'\tFriday");
        assert_eq!(cell("delivered"), "''90s pricing", "shown as typed");
        assert_eq!(cell("revenue"), "-1200.50", "a number stays a number");
    }
}
