//! Search over every entry with nucleo-matcher: each word of the query must
//! appear, case-insensitively and in any order, in the title, customer,
//! tags, details, expected, delivered, bullet or adopted-by, as the CLI's
//! `list --search` means it. nucleo ranks the matches (word starts and
//! runs score higher) and keeps where each fell so the view can highlight it.

use std::ops::Range;

use chrono::NaiveDate;
use nucleo_matcher::pattern::{AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};
use ratatui_textarea::TextArea;
use rayon::prelude::*;

use crate::model::Entry;
use crate::report::customer_key;

/// Which part of an entry a piece of matched text comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Title,
    Customer,
    Tags,
    Details,
    Expected,
    Delivered,
    Bullet,
    AdoptedBy,
}

impl Part {
    pub fn label(self) -> &'static str {
        match self {
            Part::Title => "title",
            Part::Customer => "customer",
            Part::Tags => "tags",
            Part::Details => "details",
            Part::Expected => "expected",
            Part::Delivered => "delivered",
            Part::Bullet => "bullet",
            Part::AdoptedBy => "adopted by",
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
/// A backslash escapes a space, which may join two words into one.
fn narrows(shorter: &str, longer: &str) -> bool {
    !shorter.trim().is_empty() && longer.starts_with(shorter) && !longer.contains('\\')
}

const SEPARATOR: &str = "\n";

/// At most this many hits are kept: enough to scroll through, few enough
/// that a one-letter query over years of entries stays instant.
pub const MAX_HITS: usize = 300;

/// Entries matching `query`, best first, then newest first, with how many
/// matched in all. An empty query matches nothing.
pub fn search(entries: &[Entry], query: &str) -> (Vec<Hit>, usize) {
    let found = search_among(entries, &haystacks(entries), query, None);
    (found.hits, found.matched.len())
}

/// One entry as the matcher sees it, kept apart from the entry so a
/// keystroke reads a few bytes per entry, not the whole entry.
#[derive(Debug, Clone)]
struct Haystack {
    text: Box<str>,
    ascii: bool,
    date: NaiveDate,
}

impl Haystack {
    fn utf32<'a>(&'a self, chars: &'a mut Vec<char>) -> Utf32Str<'a> {
        if self.ascii {
            Utf32Str::Ascii(self.text.as_bytes())
        } else {
            Utf32Str::new(&self.text, chars)
        }
    }
}

/// Each entry's [`write_haystack`] text, made in parallel.
fn haystacks(entries: &[Entry]) -> Vec<Haystack> {
    entries
        .par_iter()
        .map_init(String::new, |buffer, entry| {
            write_haystack(entry, buffer, None);
            Haystack {
                text: buffer.as_str().into(),
                ascii: buffer.is_ascii(),
                date: entry.date,
            }
        })
        .collect()
}

struct Found {
    hits: Vec<Hit>,
    /// Indices of every matching entry, in order.
    matched: Vec<usize>,
}

/// Scores the entries at `among` (all when `None`) on every core; each
/// thread reuses its matchers and one buffer, so a keystroke over years of
/// entries allocates almost nothing.
///
/// Every candidate is scored by nucleo's greedy match, in linear time, and
/// only the kept best get the optimal score they are shown in order of: a
/// one- or two-letter query matches nearly everything, and scoring a
/// hundred thousand entries optimally took several frames. The result
/// depends on the query and the entries only, not on what was typed before.
fn search_among(
    entries: &[Entry],
    haystacks: &[Haystack],
    query: &str,
    among: Option<&[usize]>,
) -> Found {
    if query.trim().is_empty() {
        return Found {
            hits: Vec::new(),
            matched: Vec::new(),
        };
    }
    // Every word a substring, whatever its case: no fuzzy letters strewn
    // over a long text ("birch" must not find "billing team … lunch").
    let pattern = Pattern::new(
        query,
        CaseMatching::Ignore,
        Normalization::Smart,
        AtomKind::Substring,
    );
    let score = |state: &mut Scratch, i: usize| {
        state
            .score(&pattern, &haystacks[i], true)
            .map(|score| (score, haystacks[i].date, i))
    };
    let scratch = || Scratch::new(&pattern);
    let mut scored: Vec<(u32, NaiveDate, usize)> = match among {
        Some(among) => among
            .par_iter()
            .map_init(scratch, |state, &i| score(state, i))
            .flatten_iter()
            .collect(),
        None => (0..entries.len())
            .into_par_iter()
            .map_init(scratch, score)
            .flatten_iter()
            .collect(),
    };
    let matched: Vec<usize> = scored.iter().map(|&(_, _, i)| i).collect();
    // Best score first, then newest; the index settles the rest, so the
    // order never depends on how the work was split.
    let order = |a: &(u32, NaiveDate, usize), b: &(u32, NaiveDate, usize)| {
        b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2))
    };
    if scored.len() > MAX_HITS {
        scored.select_nth_unstable_by(MAX_HITS, order);
        scored.truncate(MAX_HITS);
    }
    // The kept few are ranked by their optimal score.
    let mut state = scratch();
    for (score, _, i) in &mut scored {
        *score = state
            .score(&pattern, &haystacks[*i], false)
            .unwrap_or(*score);
    }
    scored.sort_unstable_by(order);
    let mut matcher = Matcher::new(Config::DEFAULT);
    let mut buf = Vec::new();
    let mut indices = Vec::new();
    let mut text = String::new();
    let mut parts = Vec::new();
    let hits = scored
        .into_iter()
        .map(|(score, _, i)| {
            let entry = &entries[i];
            parts.clear();
            write_haystack(entry, &mut text, Some(&mut parts));
            indices.clear();
            pattern.indices(Utf32Str::new(&text, &mut buf), &mut matcher, &mut indices);
            indices.sort_unstable();
            indices.dedup();
            let pieces = parts
                .iter()
                .map(|(part, range)| {
                    // Match positions count chars of the whole haystack.
                    let start = text[..range.start].chars().count();
                    let piece = &text[range.clone()];
                    let chars = start..start + piece.chars().count();
                    Piece {
                        part: *part,
                        text: piece.to_string(),
                        matched: indices
                            .iter()
                            .map(|&i| i as usize)
                            .filter(|i| chars.contains(i))
                            .map(|i| i - start)
                            .collect(),
                    }
                })
                .collect();
            Hit {
                entry: entry.clone(),
                score,
                pieces,
            }
        })
        .collect();
    Found { hits, matched }
}

/// One thread's matchers, one per atom (word) of the pattern and set to its
/// case and normalisation rules, and a buffer for text that is not ASCII.
struct Scratch {
    matchers: Vec<Matcher>,
    chars: Vec<char>,
}

impl Scratch {
    fn new(pattern: &Pattern) -> Scratch {
        let matchers = pattern
            .atoms
            .iter()
            .map(|atom| {
                let mut matcher = Matcher::new(Config::DEFAULT);
                // Scoring sets the matcher to the atom's case and
                // normalisation rules, which the greedy match then follows.
                atom.score(Utf32Str::Ascii(b""), &mut matcher);
                matcher
            })
            .collect();
        Scratch {
            matchers,
            chars: Vec::new(),
        }
    }

    /// The pattern's score on `text`, as [`Pattern::score`] gives it, but
    /// with each plain fuzzy word matched greedily when `greedy`.
    fn score(&mut self, pattern: &Pattern, haystack: &Haystack, greedy: bool) -> Option<u32> {
        let haystack = haystack.utf32(&mut self.chars);
        let mut total = 0;
        for (atom, matcher) in pattern.atoms.iter().zip(&mut self.matchers) {
            let score = if greedy && atom.kind == AtomKind::Fuzzy && !atom.negative {
                matcher.fuzzy_match_greedy(haystack, atom.needle_text())?
            } else {
                atom.score(haystack, matcher)?
            };
            total += u32::from(score);
        }
        Some(total)
    }
}

/// The text an entry is matched against: its title, customer, tags and
/// details, one to a line, line breaks within each written as spaces. With
/// `parts`, also where each of them lies in it.
fn write_haystack(
    entry: &Entry,
    out: &mut String,
    mut parts: Option<&mut Vec<(Part, Range<usize>)>>,
) {
    out.clear();
    let mut mark = |out: &mut String, part: Part, start: usize| {
        if let Some(parts) = parts.as_deref_mut() {
            parts.push((part, start..out.len()));
        }
    };
    push_flat(out, &entry.title);
    mark(out, Part::Title, 0);
    if let Some(customer) = &entry.customer {
        out.push_str(SEPARATOR);
        let start = out.len();
        push_flat(out, customer);
        mark(out, Part::Customer, start);
    }
    if !entry.tags.is_empty() {
        out.push_str(SEPARATOR);
        let start = out.len();
        for (i, tag) in entry.tags.iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(tag);
        }
        mark(out, Part::Tags, start);
    }
    let texts = [
        (Part::Details, &entry.details),
        (Part::Expected, &entry.expected),
        (Part::Delivered, &entry.delivered),
        (Part::Bullet, &entry.bullet),
    ];
    for (part, text) in texts {
        if let Some(text) = text {
            out.push_str(SEPARATOR);
            let start = out.len();
            push_flat(out, text);
            mark(out, part, start);
        }
    }
    if !entry.adopted_by.is_empty() {
        out.push_str(SEPARATOR);
        let start = out.len();
        push_flat(out, &entry.adopted_by.join(", "));
        mark(out, Part::AdoptedBy, start);
    }
}

/// Pushes `text` with its line breaks as spaces.
fn push_flat(out: &mut String, text: &str) {
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(line);
    }
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
        assert!(!narrows("a", "a\\ b"), "an escaped space joins words");
        assert!(!narrows("", "i"), "nothing was searched yet");
    }
}
