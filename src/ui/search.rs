//! The search box over every entry. What a search means and how its
//! results are ranked is [`crate::model::search`], the rule `list
//! --search` follows too; this keeps each entry's lower-cased text between
//! keystrokes, scores on every core, narrows as the query grows, and keeps
//! where each word fell so the view can highlight it.

use ratatui_textarea::TextArea;
use rayon::prelude::*;

use crate::model::Entry;
pub use crate::model::search::Part;
use crate::model::search::{Query, Rank, SearchText, parts};
use crate::report::customer_key;

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

    /// The piece shown under the title: the first other part that matched.
    pub fn excerpt(&self) -> Option<&Piece> {
        self.pieces
            .iter()
            .find(|p| p.part != Part::Title && !p.matched.is_empty())
    }

    /// Rows the hit takes in the results list: its title, and the excerpt
    /// when there is one.
    pub fn rows(&self) -> usize {
        1 + usize::from(self.excerpt().is_some())
    }
}

/// The search box and its results.
#[derive(Debug, Clone)]
pub struct Search {
    pub query: TextArea<'static>,
    pub hits: Vec<Hit>,
    /// How many entries matched, of which `hits` holds the best.
    pub total: usize,
    /// Each entry's text to match, made once per version of the entries.
    haystacks: Vec<Haystack>,
    /// The version of the entries `haystacks` belongs to.
    prepared: Option<u64>,
    /// The last run's query and matches, so a query that only grows
    /// rescores those.
    last: Option<(String, Vec<usize>)>,
    /// Only this customer's entries (by `customer_key`), when the search
    /// was opened from the customers view.
    customer: Option<String>,
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
            haystacks: Vec::new(),
            prepared: None,
            last: None,
            customer: None,
        }
    }
}

impl Search {
    pub fn text(&self) -> String {
        self.query.lines().join(" ")
    }

    /// A search for `name`'s entries only: the query is the name, so the
    /// list and its highlights read as any search does.
    pub fn for_customer(name: &str) -> Search {
        let mut search = Search::default();
        search.query.insert_str(name);
        search.customer = customer_key(name);
        search
    }

    /// Searches `entries`, whose contents `version` names: the app bumps
    /// it whenever they change.
    pub fn run(&mut self, entries: &[Entry], version: u64) {
        if self.prepared != Some(version) || self.haystacks.len() != entries.len() {
            self.haystacks = haystacks(entries);
            self.prepared = Some(version);
            self.last = None;
        }
        let query = self.text();
        let scope: Option<Vec<usize>> = self.customer.as_ref().map(|key| {
            (0..entries.len())
                .filter(|&i| {
                    entries[i]
                        .customer
                        .as_deref()
                        .and_then(customer_key)
                        .as_ref()
                        == Some(key)
                })
                .collect()
        });
        let among = match &scope {
            Some(scope) => Some(scope.as_slice()),
            None => self
                .last
                .as_ref()
                .filter(|(last, _)| narrows(last, &query))
                .map(|(_, matched)| matched.as_slice()),
        };
        let found = search_among(entries, &self.haystacks, &query, among);
        self.hits = found.hits;
        self.total = found.matched.len();
        self.last = Some((query, found.matched));
    }
}

/// True when every entry `longer` matches, `shorter` matches too, so a
/// search for `longer` need look only at what `shorter` found: typing one
/// more letter (or word) narrows a search where every word must appear.
fn narrows(shorter: &str, longer: &str) -> bool {
    !shorter.trim().is_empty() && longer.starts_with(shorter)
}

/// At most this many hits are kept: enough to scroll through, few enough
/// that a one-letter query over years of entries stays instant.
pub const MAX_HITS: usize = 300;

/// Entries matching `query`, best first, then newest first, with how many
/// matched in all. An empty query matches nothing.
pub fn search(entries: &[Entry], query: &str) -> (Vec<Hit>, usize) {
    let found = search_among(entries, &haystacks(entries), query, None);
    (found.hits, found.matched.len())
}

/// One entry's lower-cased text, kept apart from the entry so a keystroke
/// reads a few bytes per entry, not the whole entry.
type Haystack = SearchText;

/// Each entry's [`SearchText`], made in parallel.
fn haystacks(entries: &[Entry]) -> Vec<Haystack> {
    entries.par_iter().map(SearchText::of).collect()
}

struct Found {
    hits: Vec<Hit>,
    /// Indices of every matching entry, in order.
    matched: Vec<usize>,
}

/// Scores the entries at `among` (all when `None`) on every core, keeps
/// the best [`MAX_HITS`] in the shared order and finds where each word fell
/// in them. The result depends on the query and the entries only, not on
/// what was typed before.
fn search_among(
    entries: &[Entry],
    haystacks: &[Haystack],
    query: &str,
    among: Option<&[usize]>,
) -> Found {
    let query = Query::new(query);
    if query.is_empty() {
        return Found {
            hits: Vec::new(),
            matched: Vec::new(),
        };
    }
    // Score and day in one number per match, so picking the best of a
    // hundred thousand moves and compares little.
    let rank = |i: usize| query.rank_of(&haystacks[i]).map(|rank| (rank.coarse(), i));
    let mut coarse: Vec<(u64, usize)> = match among {
        Some(among) => among.par_iter().filter_map(|&i| rank(i)).collect(),
        None => (0..entries.len())
            .into_par_iter()
            .filter_map(rank)
            .collect(),
    };
    let matched: Vec<usize> = coarse.iter().map(|&(_, i)| i).collect();
    if coarse.len() > MAX_HITS {
        // Everything as good as the last kept by score and day, so the
        // whole rank settles which of those make the cut.
        let (_, &mut (bar, _), _) = coarse.select_nth_unstable(MAX_HITS - 1);
        coarse.retain(|&(key, _)| key <= bar);
    }
    let mut scored: Vec<(Rank, usize)> = coarse
        .into_iter()
        .filter_map(|(_, i)| Some((query.rank_of(&haystacks[i])?, i)))
        .collect();
    scored.sort_unstable();
    scored.truncate(MAX_HITS);
    let hits = scored
        .into_iter()
        .map(|(rank, i)| {
            let entry = &entries[i];
            // Other parts show where the words the title lacks were found,
            // so an excerpt is listed only when it says something new.
            let rest = query.missing_from(&entry.title);
            let pieces = parts(entry)
                .into_iter()
                .map(|(part, text)| Piece {
                    part,
                    matched: if part == Part::Title {
                        query.matched_chars(&text)
                    } else {
                        rest.matched_chars(&text)
                    },
                    // Shown on one line; a char for a char, so positions hold.
                    text: text.replace('\n', " "),
                })
                .collect();
            Hit {
                entry: entry.clone(),
                score: rank.score,
                pieces,
            }
        })
        .collect();
    Found { hits, matched }
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
    fn every_word_matches_somewhere_with_positions() {
        let mut acme = entry("2026-11-18-aaaa", "Sent the invoice twice");
        acme.customer = Some("Acme Corp".into());
        let mut birch = entry("2026-10-02-bbbb", "Quote turned around");
        birch.details = Some("Birch wanted\nit by Friday".into());
        birch.tags = vec!["sales".into()];
        let entries = vec![acme, birch];

        let (hits, _) = search(&entries, "INVOI");
        assert_eq!(hits.len(), 1);
        assert_eq!(
            hits[0].piece(Part::Title).unwrap().matched,
            vec![9, 10, 11, 12, 13]
        );
        // Letters strewn about are not a match: each word is a substring.
        assert!(search(&entries, "invc").0.is_empty());

        assert!(search(&entries, "twice acme").0.len() == 1, "any order");
        assert!(search(&entries, "acme quote").0.is_empty(), "every word");
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
        let mut lunch = entry("2026-11-18-cccc", "Lunch with the billing team");
        lunch.expected = Some("an hour".into());
        lunch.delivered = Some("ninety minutes".into());
        lunch.bullet = Some("Built rapport".into());
        lunch.adopted_by = vec!["Finance".into()];
        let entries = vec![lunch];
        assert!(search(&entries, "birch").0.is_empty());
        for word in ["hour", "ninety", "rapport", "finance"] {
            assert_eq!(search(&entries, word).0.len(), 1, "{word}");
        }
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
                // The others hold it inside a word, which ranks lower.
                let title = if i == 500 {
                    "invoice".to_string()
                } else {
                    format!("reinvoiced note {i}")
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

#[cfg(test)]
mod incremental {
    use super::*;
    use crate::synth::Synth;
    use chrono::NaiveDate;

    fn synthetic(entries: usize) -> Vec<Entry> {
        let synth = Synth {
            entries,
            seed: 7,
            until: NaiveDate::from_ymd_opt(2026, 11, 18).unwrap(),
        };
        synth.days().into_iter().flat_map(|(_, day)| day).collect()
    }

    fn ids(hits: &[Hit]) -> Vec<String> {
        hits.iter().map(|h| h.entry.id.to_string()).collect()
    }

    /// Typing a query letter by letter, each step searching only what the
    /// step before found, gives what a fresh search for the whole query
    /// gives.
    #[test]
    fn narrowing_as_you_type_finds_what_a_fresh_search_finds() {
        let entries = synthetic(3_000);
        for typed in [
            "invoice",
            "acme twice",
            "ship it",
            "pine !twice",
            "q$",
            "a\\ b",
        ] {
            let mut search = Search::default();
            let mut query = String::new();
            for c in typed.chars() {
                query.push(c);
                search.query = TextArea::from([query.as_str()]);
                search.run(&entries, 1);
                let (fresh, total) = super::search(&entries, &query);
                assert_eq!(search.total, total, "{query:?}: how many matched");
                assert_eq!(ids(&search.hits), ids(&fresh), "{query:?}: the hits");
            }
        }
    }

    #[test]
    fn a_new_version_of_the_entries_is_searched_afresh() {
        let mut entries = synthetic(200);
        let mut search = Search {
            query: TextArea::from(["zebra"]),
            ..Search::default()
        };
        search.run(&entries, 1);
        assert_eq!(search.total, 0);
        entries[0].title = "Zebra crossing repainted".into();
        search.run(&entries, 2);
        assert_eq!(search.total, 1);
        assert_eq!(search.hits[0].entry.title, "Zebra crossing repainted");
    }

    #[test]
    fn escapes_and_deletions_do_not_narrow() {
        assert!(narrows("inv", "invo"));
        assert!(narrows("inv", "inv acme"));
        // Every word is plain text now: `!` and `$` are letters like any other.
        assert!(narrows("inv", "inv !acme"));
        assert!(!narrows("inv", "in"), "a deleted letter widens");
        assert!(!narrows("", "i"), "nothing was searched yet");
    }
}
