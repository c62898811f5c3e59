//! The day-file loader on arbitrary bytes: it never panics, a file it accepts
//! renders back to exactly its own bytes (line endings, a byte-order mark and
//! the order and dot spacing of dotted keys written apart aside), and what it
//! reports prints safely.

#![no_main]

use std::path::Path;

use chrono::NaiveDate;
use jobjournal::sanitize::{self, Lines};
use jobjournal::store::DayFile;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let date = NaiveDate::from_ymd_opt(2026, 11, 18).unwrap();
    let parsed = DayFile::parse(Path::new("day.toml"), date, text);
    for problem in &parsed.problems {
        assert!(
            sanitize::is_clean(&problem.to_string(), Lines::Escape),
            "{problem:?}"
        );
    }
    if let Some(file) = parsed.file {
        // toml_edit writes LF line endings, so a CRLF file is compared as LF
        // (a known limit: saving a CRLF file turns its line endings to LF).
        let rendered = file.render();
        // It also drops a leading byte-order mark (also documented).
        let lf = text
            .strip_prefix('\u{feff}')
            .unwrap_or(text)
            .replace("\r\n", "\n");
        if rendered != lf && rendered != format!("{lf}\n") {
            // toml_edit groups a table's dotted keys written apart
            // (`a.x = 1`, `b = 2`, `a.y = 3` comes back with `a.y` after
            // `a.x`), and a moved key takes the spacing around the dots of
            // the first: also documented. Every line must still be there,
            // word for word; only the order and that spacing may change.
            let lines = |text: &str| {
                let mut lines: Vec<String> = text.lines().map(without_dot_spacing).collect();
                lines.sort_unstable();
                lines
            };
            assert_eq!(
                lines(&lf),
                lines(&rendered),
                "an unchanged file must keep its lines"
            );
        }
        assert_eq!(file.entries(), parsed.entries);
    }
});

/// `line` without the spaces and tabs next to its dots.
fn without_dot_spacing(line: &str) -> String {
    let mut out = String::new();
    for (i, part) in line.split('.').enumerate() {
        if i > 0 {
            out.truncate(out.trim_end_matches([' ', '\t']).len());
            out.push('.');
            out.push_str(part.trim_start_matches([' ', '\t']));
        } else {
            out.push_str(part);
        }
    }
    out
}
