//! Fuzzy search over every entry (title, customer, tags, details) with
//! nucleo-matcher, keeping where each match fell so the view can highlight it.

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};
use ratatui_textarea::TextArea;

use crate::model::Entry;

/// Which part of an entry a piece of matched text comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Title,
    Customer,
    Tags,
    Details,
}

impl Part {
    pub fn label(self) -> &'static str {
        match self {
            Part::Title => "title",
            Part::Customer => "customer",
            Part::Tags => "tags",
            Part::Details => "details",
        }
    }
}

/// One searchable piece of an entry and the char positions that matched.
#[derive(Debug, Clone, PartialEq)]
pub struct Piece {
    pub part: Part,
    pub text: String,
    pub matched: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub entry: Entry,
    pub score: u32,
    pub pieces: Vec<Piece>,
}

impl Hit {
    pub fn piece(&self, part: Part) -> Option<&Piece> {
        self.pieces.iter().find(|p| p.part == part)
    }
}

/// The search box and its results.
#[derive(Debug, Clone)]
pub struct Search {
    pub query: TextArea<'static>,
    pub hits: Vec<Hit>,
    /// How many entries matched, of which `hits` holds the best.
    pub total: usize,
}

impl Default for Search {
    fn default() -> Self {
        let mut query = TextArea::default();
        query.set_placeholder_text("type to search titles, customers, tags and details");
        query.set_cursor_line_style(ratatui::style::Style::default());
        Search {
            query,
            hits: Vec::new(),
            total: 0,
        }
    }
}

impl Search {
    pub fn text(&self) -> String {
        self.query.lines().join(" ")
    }

    pub fn run(&mut self, entries: &[Entry]) {
        (self.hits, self.total) = search(entries, &self.text());
    }
}

const SEPARATOR: &str = "\n";

/// At most this many hits are kept: enough to scroll through, few enough
/// that a one-letter query over years of entries stays instant.
pub const MAX_HITS: usize = 300;

/// Entries matching `query`, best first, then newest first, with how many
/// matched in all. An empty query matches nothing.
pub fn search(entries: &[Entry], query: &str) -> (Vec<Hit>, usize) {
    if query.trim().is_empty() {
        return (Vec::new(), 0);
    }
    let mut matcher = Matcher::new(Config::DEFAULT);
    let pattern = Pattern::parse(query, CaseMatching::Smart, Normalization::Smart);
    let mut buf = Vec::new();
    // Score everything first; positions are worked out for the kept few only.
    let mut scored: Vec<(u32, usize)> = entries
        .iter()
        .enumerate()
        .filter_map(|(i, entry)| {
            let score = pattern.score(
                Utf32Str::new(&haystack(&parts(entry)), &mut buf),
                &mut matcher,
            )?;
            Some((score, i))
        })
        .collect();
    let total = scored.len();
    scored.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then(entries[b.1].date.cmp(&entries[a.1].date))
    });
    scored.truncate(MAX_HITS);
    let mut indices = Vec::new();
    let hits = scored
        .into_iter()
        .map(|(score, i)| {
            let entry = &entries[i];
            let parts = parts(entry);
            indices.clear();
            pattern.indices(
                Utf32Str::new(&haystack(&parts), &mut buf),
                &mut matcher,
                &mut indices,
            );
            indices.sort_unstable();
            indices.dedup();
            let mut pieces = Vec::new();
            let mut start = 0usize;
            for (part, text) in parts {
                let len = text.chars().count();
                let matched = indices
                    .iter()
                    .map(|i| *i as usize)
                    .filter(|i| *i >= start && *i < start + len)
                    .map(|i| i - start)
                    .collect();
                start += len + SEPARATOR.chars().count();
                pieces.push(Piece {
                    part,
                    text,
                    matched,
                });
            }
            Hit {
                entry: entry.clone(),
                score,
                pieces,
            }
        })
        .collect();
    (hits, total)
}

fn haystack(parts: &[(Part, String)]) -> String {
    parts
        .iter()
        .map(|(_, t)| t.as_str())
        .collect::<Vec<_>>()
        .join(SEPARATOR)
}

fn parts(entry: &Entry) -> Vec<(Part, String)> {
    let mut parts = vec![(Part::Title, entry.title.replace('\n', " "))];
    if let Some(customer) = &entry.customer {
        parts.push((Part::Customer, customer.replace('\n', " ")));
    }
    if !entry.tags.is_empty() {
        parts.push((Part::Tags, entry.tags.join(" ")));
    }
    if let Some(details) = &entry.details {
        parts.push((Part::Details, details.replace('\n', " ")));
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EntryId, Kind};

    fn entry(id: &str, title: &str) -> Entry {
        let id: EntryId = id.parse().unwrap();
        Entry::new(id.clone(), id.date(), Kind::Note, title)
    }

    #[test]
    fn fuzzy_matches_across_fields_with_positions() {
        let mut acme = entry("2026-11-18-aaaa", "Sent the invoice twice");
        acme.customer = Some("Acme Corp".into());
        let mut birch = entry("2026-10-02-bbbb", "Quote turned around");
        birch.details = Some("Birch wanted\nit by Friday".into());
        birch.tags = vec!["sales".into()];
        let entries = vec![acme, birch];

        let (hits, _) = search(&entries, "invc");
        assert_eq!(hits.len(), 1);
        assert_eq!(
            hits[0].piece(Part::Title).unwrap().matched,
            vec![9, 10, 11, 14]
        );

        let (hits, _) = search(&entries, "acme twice");
        assert_eq!(hits.len(), 1);
        assert_eq!(
            hits[0].piece(Part::Customer).unwrap().matched,
            vec![0, 1, 2, 3]
        );

        let (hits, _) = search(&entries, "friday");
        assert_eq!(hits[0].entry.title, "Quote turned around");
        assert!(!hits[0].piece(Part::Details).unwrap().matched.is_empty());
        assert_eq!(
            search(&entries, "sales").0[0].entry.title,
            "Quote turned around"
        );
        assert!(search(&entries, "zzzz").0.is_empty());
        assert!(search(&entries, " ").0.is_empty());
    }
}

#[cfg(test)]
mod many {
    use super::*;
    use crate::model::{EntryId, Kind};

    #[test]
    fn only_the_best_hits_are_kept_but_all_are_counted() {
        let entries: Vec<Entry> = (0..1000)
            .map(|i| {
                let id: EntryId = format!("2026-01-01-{i:04}").parse().unwrap();
                let title = if i == 500 {
                    "invoice".to_string()
                } else {
                    format!("in voice note {i}")
                };
                Entry::new(id.clone(), id.date(), Kind::Note, title)
            })
            .collect();
        let (hits, total) = search(&entries, "invoice");
        assert_eq!(total, 1000);
        assert_eq!(hits.len(), MAX_HITS);
        assert_eq!(
            hits[0].entry.title, "invoice",
            "the exact match ranks first"
        );
    }
}
