//! What a text search means, for `list --search` and the TUI's `/` alike:
//! every word of the query must appear, in any order and case, somewhere in
//! the title, customer, tags, details, expected, delivered, bullet or
//! adopted-by; matches are ranked by where and how each word was found,
//! then newest first. Plain functions of text: no I/O, no terminal.
//!
//! The rank: each word scores its best place, `3 × where + how`, where is
//! 2 for the title or customer, 1 for tags, expected, delivered, bullet or
//! adopted-by, 0 for details; how is 2 for a whole word, 1 for the start of
//! a word, 0 for inside one. An entry's score is the sum over the words, so
//! a title match always outranks a details-only one, and a whole word a
//! piece of one in the same place. Equal scores: newest day first, then the
//! later time, then the id.

use std::cmp::Ordering;

use chrono::{Datelike, NaiveDate, NaiveTime};
use memchr::memmem::Finder;

use super::Entry;

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

    /// How much a word found here counts: the title and customer say what
    /// an entry is about, details only mention things.
    fn weight(self) -> u32 {
        match self {
            Part::Title | Part::Customer => 2,
            Part::Details => 0,
            _ => 1,
        }
    }
}

/// Points for the best possible place of one word: a whole word in the title.
const BEST: u32 = 3 * 2 + 2;

/// An entry's searchable parts in their original text, in the order they
/// are shown; tags and adopters joined by `, ` as they are shown.
pub fn parts(entry: &Entry) -> Vec<(Part, String)> {
    let mut parts = Vec::new();
    each_part(entry, SHOWN, |part, text| {
        parts.push((part, text.to_string()))
    });
    parts
}

/// The order parts are shown in.
const SHOWN: [Part; 8] = [
    Part::Title,
    Part::Customer,
    Part::Tags,
    Part::Details,
    Part::Expected,
    Part::Delivered,
    Part::Bullet,
    Part::AdoptedBy,
];

/// How many parts an entry's search text has.
const PARTS: usize = 8;

/// The order parts are scored in: heaviest first, so a word found there
/// need not be looked for further.
const HEAVIEST_FIRST: [Part; PARTS] = [
    Part::Title,
    Part::Customer,
    Part::Tags,
    Part::Expected,
    Part::Delivered,
    Part::Bullet,
    Part::AdoptedBy,
    Part::Details,
];

/// Calls `f` with each part `entry` has, in `order`, without copying the
/// text (lists are joined).
fn each_part(entry: &Entry, order: [Part; 8], mut f: impl FnMut(Part, &str)) {
    for part in order {
        let text = match part {
            Part::Title => Some(entry.title.as_str()),
            Part::Customer => entry.customer.as_deref(),
            Part::Details => entry.details.as_deref(),
            Part::Expected => entry.expected.as_deref(),
            Part::Delivered => entry.delivered.as_deref(),
            Part::Bullet => entry.bullet.as_deref(),
            Part::Tags | Part::AdoptedBy => {
                let list = if part == Part::Tags {
                    &entry.tags
                } else {
                    &entry.adopted_by
                };
                if !list.is_empty() {
                    f(part, &list.join(", "));
                }
                continue;
            }
        };
        if let Some(text) = text {
            f(part, text);
        }
    }
}

/// `text` lower-cased a char at a time, so each char of the result maps
/// back to one char of `text` (`str::to_lowercase` treats a final sigma
/// apart, which would break that).
fn lower(text: &str, out: &mut String) {
    if text.is_ascii() {
        let start = out.len();
        out.push_str(text);
        out[start..].make_ascii_lowercase();
        return;
    }
    for c in text.chars() {
        out.extend(c.to_lowercase());
    }
}

/// An entry's parts lower-cased once, one after another: what a query is
/// scored against. Kept per entry by the TUI so a keystroke only reads it.
#[derive(Debug, Clone, Default)]
pub struct SearchText {
    text: String,
    /// Where each part of [`HEAVIEST_FIRST`] ends in `text`, its line break
    /// included; it starts where the one before ends (empty when the entry
    /// lacks it). Ends only, inline: 32 bytes an entry, not 64.
    ends: [u32; PARTS],
    /// What orders equal scores, copied so ranking never reads the entry.
    newest: Newest,
}

impl SearchText {
    /// `entry`'s text in exactly the room it needs: built in a reused
    /// buffer, then copied once. Growing each text by doubling and then
    /// shrinking it left a freed tail behind every one of 100,000 texts.
    pub fn of(entry: &Entry) -> SearchText {
        thread_local! {
            static SCRATCH: std::cell::RefCell<SearchText> = Default::default();
        }
        SCRATCH.with_borrow_mut(|scratch| {
            scratch.fill(entry);
            SearchText {
                text: scratch.text.as_str().into(),
                ends: scratch.ends,
                newest: scratch.newest,
            }
        })
    }

    /// The lower-cased text itself.
    pub fn into_text(self) -> String {
        self.text
    }

    /// Refills `self` from `entry`, reusing its buffers.
    pub fn fill(&mut self, entry: &Entry) {
        self.text.clear();
        self.newest = Newest::of(entry);
        let mut at = 0;
        // Texts over 4 GiB are not entries a day file can hold.
        let end = |text: &String| text.len() as u32;
        each_part(entry, HEAVIEST_FIRST, |part, piece| {
            // Parts come in this order; the slots of those missing are empty.
            while HEAVIEST_FIRST[at] != part {
                self.ends[at] = end(&self.text);
                at += 1;
            }
            lower(piece, &mut self.text);
            self.text.push('\n');
            self.ends[at] = end(&self.text);
            at += 1;
        });
        for slot in &mut self.ends[at..] {
            *slot = end(&self.text);
        }
    }

    /// Where the `part`th part of [`HEAVIEST_FIRST`] lies in `text`, its
    /// line break left out.
    fn bounds(&self, part: usize) -> (usize, usize) {
        let start = match part {
            0 => 0,
            _ => self.ends[part - 1] as usize,
        };
        let end = self.ends[part] as usize;
        (start, end.saturating_sub(1).max(start))
    }
}

/// The words of a search, lower-cased; every one must match.
#[derive(Debug, Clone, Default)]
pub struct Query {
    words: Vec<String>,
    /// A searcher per word, built once: `str::contains` builds one on each
    /// call, which cost more than the search over a short title.
    finders: Vec<Finder<'static>>,
}

impl Query {
    pub fn new(text: &str) -> Query {
        Query::of_words(
            text.split_whitespace()
                .map(|w| {
                    let mut word = String::new();
                    lower(w, &mut word);
                    word
                })
                .collect(),
        )
    }

    fn of_words(words: Vec<String>) -> Query {
        let finders = words
            .iter()
            .map(|w| Finder::new(w.as_bytes()).into_owned())
            .collect();
        Query { words, finders }
    }

    /// A query with no words matches nothing.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    pub fn words(&self) -> &[String] {
        &self.words
    }

    /// The longest word: a text without it holds no match, so a file whose
    /// text lacks it can be skipped unread.
    pub fn longest_word(&self) -> Option<&str> {
        self.words
            .iter()
            .max_by_key(|w| w.len())
            .map(String::as_str)
    }

    /// How well `text` matches (higher is better), or `None` when a word is
    /// missing.
    pub fn score(&self, text: &SearchText) -> Option<u32> {
        if self.words.is_empty() {
            return None;
        }
        self.finders.iter().map(|w| best_place(w, text)).sum()
    }

    /// Where `text` ranks, or `None` when a word is missing.
    pub fn rank_of(&self, text: &SearchText) -> Option<Rank> {
        Some(Rank {
            score: self.score(text)?,
            newest: text.newest,
        })
    }

    /// [`Query::score`] of `entry`, lower-casing into one buffer per
    /// thread: a search over a whole journal calls this for every entry.
    pub fn score_entry(&self, entry: &Entry) -> Option<u32> {
        thread_local! {
            static TEXT: std::cell::RefCell<SearchText> = Default::default();
        }
        TEXT.with_borrow_mut(|text| {
            text.fill(entry);
            self.score(text)
        })
    }

    /// The chars of `text` (positions counted in chars) that some word
    /// covers, in order, for highlighting.
    pub fn matched_chars(&self, text: &str) -> Vec<usize> {
        let mut lowered = String::new();
        // The char of `text` each byte of `lowered` came from.
        let mut origin = Vec::new();
        for (i, c) in text.chars().enumerate() {
            let before = lowered.len();
            lowered.extend(c.to_lowercase());
            origin.resize(lowered.len(), i);
            debug_assert!(lowered.len() > before);
        }
        let mut chars = Vec::new();
        for word in &self.words {
            for (at, _) in lowered.match_indices(word.as_str()) {
                chars.extend(origin[at..at + word.len()].iter().copied());
            }
        }
        chars.sort_unstable();
        chars.dedup();
        chars
    }

    /// The words `text` lacks, as a query of their own.
    pub fn missing_from(&self, text: &str) -> Query {
        let mut lowered = String::new();
        lower(text, &mut lowered);
        Query::of_words(
            self.words
                .iter()
                .filter(|w| !lowered.contains(w.as_str()))
                .cloned()
                .collect(),
        )
    }

    /// The entries that match, best first (see the module's rule).
    pub fn rank(&self, mut entries: Vec<Entry>) -> Vec<Entry> {
        // Ranked in place: pairing each entry with its rank in a new vector,
        // then unpairing into a third, held 99,000 entries three times over
        // for `list --search e` at 100k (113 MB).
        let ranks: Vec<Option<Rank>> = entries
            .iter()
            .map(|e| Some(Rank::new(self.score_entry(e)?, e)))
            .collect();
        let mut matched = ranks.iter().map(Option::is_some);
        entries.retain(|_| matched.next().unwrap_or(false));
        let ranks: Vec<Rank> = ranks.into_iter().flatten().collect();
        let mut order: Vec<usize> = (0..entries.len()).collect();
        order.sort_by_key(|&i| ranks[i]);
        super::permute(&mut entries, order);
        entries
    }
}

/// Where a match ranks; `Ord` is the order results are listed in: the
/// higher score first, then the newer day, the later time (an entry without
/// one after those with), then the id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rank {
    pub score: u32,
    newest: Newest,
}

impl Rank {
    pub fn new(score: u32, entry: &Entry) -> Rank {
        Rank {
            score,
            newest: Newest::of(entry),
        }
    }

    /// The score and the day in one number that sorts the same way:
    /// `a.coarse() < b.coarse()` means `a < b`. Picking the best few of
    /// a hundred thousand by it, then ordering those by the whole rank,
    /// is several times quicker than comparing whole ranks throughout.
    pub fn coarse(&self) -> u64 {
        let day = self.newest.date.num_days_from_ce();
        // Later days give smaller numbers; years 1-9999 keep it positive.
        let day = (i64::from(i32::MAX) - i64::from(day)) as u64;
        (u64::from(u32::MAX - self.score) << 32) | (day & 0xffff_ffff)
    }
}

impl Ord for Rank {
    fn cmp(&self, other: &Rank) -> Ordering {
        other
            .score
            .cmp(&self.score)
            .then(other.newest.date.cmp(&self.newest.date))
            .then(other.newest.time.cmp(&self.newest.time))
            .then(self.newest.id.cmp(&other.newest.id))
    }
}

impl PartialOrd for Rank {
    fn partial_cmp(&self, other: &Rank) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// An entry's day, time and id, inline: sorting a hundred thousand matches
/// by reading each entry's own fields cost more than scoring them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Newest {
    date: NaiveDate,
    time: Option<NaiveTime>,
    /// The id's bytes (an id is 15 ASCII bytes), zero-padded so they
    /// compare as the id's text does.
    id: [u8; 16],
}

impl Newest {
    fn of(entry: &Entry) -> Newest {
        let mut id = [0; 16];
        let bytes = entry.id.as_str().as_bytes();
        let len = bytes.len().min(id.len());
        id[..len].copy_from_slice(&bytes[..len]);
        Newest {
            date: entry.date,
            time: entry.time,
            id,
        }
    }
}

/// The points of `word`'s best place in `text`, `None` when it is nowhere.
///
/// One pass over the whole text: parts lie in it heaviest first, so each
/// match falls in a part no heavier than the one before, and once the best
/// so far is a whole word in a part as heavy as the current one, nothing
/// later can beat it. (Searching each part on its own cost a searcher's
/// set-up per part, most of a one-letter search over a big journal.)
fn best_place(word: &Finder, text: &SearchText) -> Option<u32> {
    let len = word.needle().len();
    let mut best: Option<u32> = None;
    let mut part = 0;
    for at in word.find_iter(text.text.as_bytes()) {
        // The part holding `at`; missing parts are empty and skipped.
        while part < PARTS {
            let (start, end) = text.bounds(part);
            if start < end && at < end {
                break;
            }
            part += 1;
        }
        if part == PARTS {
            break;
        }
        let (start, end) = text.bounds(part);
        // Words never hold a line break, so a match lies inside one part.
        if at < start || at + len > end {
            continue;
        }
        let floor = 3 * HEAVIEST_FIRST[part].weight();
        if best.is_some_and(|b| b >= floor + 2) {
            break;
        }
        let points = floor + fit(&text.text[start..end], at - start, len);
        best = Some(best.map_or(points, |b| b.max(points)));
        if best == Some(BEST) {
            break;
        }
    }
    best
}

/// 2 for a whole word, 1 for the start of one, 0 for inside one.
fn fit(piece: &str, at: usize, len: usize) -> u32 {
    let is_word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let starts = !is_word(piece[..at].chars().next_back());
    let ends = !is_word(piece[at + len..].chars().next());
    match (starts, ends) {
        (true, true) => 2,
        (true, false) => 1,
        _ => 0,
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

    fn titles(entries: &[Entry]) -> Vec<&str> {
        entries.iter().map(|e| e.title.as_str()).collect()
    }

    /// `best_place` by the definition: every place of the word in every
    /// part, scored, the best kept.
    fn best_place_by_definition(word: &str, text: &SearchText) -> Option<u32> {
        HEAVIEST_FIRST
            .iter()
            .enumerate()
            .flat_map(|(i, part)| {
                let (start, end) = text.bounds(i);
                let piece = &text.text[start..end];
                piece
                    .match_indices(word)
                    .map(move |(at, _)| 3 * part.weight() + fit(piece, at, word.len()))
            })
            .max()
    }

    #[test]
    fn one_pass_scores_as_the_definition_does() {
        let mut full = entry("2026-11-18-aaaa", "Sent the invoice twice; reinvoiced");
        full.customer = Some("Invoice Ltd".into());
        full.tags = vec!["in".into(), "billing".into()];
        full.expected = Some("an invoice in 3 days".into());
        full.delivered = Some("in 1".into());
        full.bullet = Some("Invoiced in time".into());
        full.adopted_by = vec!["Ina".into()];
        full.details = Some("in the end, invoice in line\nintact".into());
        let mut sparse = entry("2026-11-18-bbbb", "Lunch");
        sparse.details = Some("i in inv invoice".into());
        let no_title = entry("2026-11-18-cccc", "X");
        for entry in [full, sparse, no_title] {
            let text = SearchText::of(&entry);
            for word in [
                "i", "in", "inv", "invoice", "ina", "3", "x", "time", "zzz", "e, i",
            ] {
                let finder = Finder::new(word.as_bytes());
                assert_eq!(
                    best_place(&finder, &text),
                    best_place_by_definition(word, &text),
                    "{word:?} in {:?}",
                    entry.title
                );
            }
        }
    }

    #[test]
    fn every_word_must_appear_in_any_order_and_case() {
        let mut acme = entry("2026-11-18-aaaa", "Sent the invoice twice");
        acme.customer = Some("Acme Corp".into());
        let query = |q: &str| Query::new(q).score_entry(&acme);
        assert!(query("INVOICE acme").is_some());
        assert!(query("corp twi").is_some());
        assert!(query("acme lunch").is_none(), "every word");
        assert!(query("invc").is_none(), "letters strewn about are no match");
        assert!(query("  ").is_none(), "an empty query matches nothing");
    }

    #[test]
    fn place_outranks_fit_and_fit_breaks_ties_in_a_place() {
        let score = |e: &Entry, q: &str| Query::new(q).score_entry(e).unwrap();
        let title_whole = entry("2026-11-01-aaaa", "The invoice run");
        let title_start = entry("2026-11-01-bbbb", "Invoiced Acme");
        let title_inside = entry("2026-11-01-cccc", "Reinvoiced Acme");
        let mut details_whole = entry("2026-11-01-dddd", "Lunch");
        details_whole.details = Some("talked about the invoice".into());
        let mut tagged = entry("2026-11-01-eeee", "Lunch");
        tagged.tags = vec!["invoice".into()];
        assert_eq!(score(&title_whole, "invoice"), 8);
        assert_eq!(score(&title_start, "invoice"), 7);
        assert_eq!(score(&title_inside, "invoice"), 6);
        assert_eq!(score(&tagged, "invoice"), 5);
        assert_eq!(score(&details_whole, "invoice"), 2);
        // A word's best place counts, wherever it comes in the text.
        let mut both = details_whole.clone();
        both.customer = Some("Invoice Ltd".into());
        assert_eq!(score(&both, "invoice"), 8);
        assert_eq!(score(&both, "invoice lunch"), 16);
    }

    #[test]
    fn a_title_match_outranks_a_newer_details_only_match() {
        let old = entry("2025-01-06-aaaa", "Birch renewal signed");
        let mut newer = entry("2026-11-18-bbbb", "Lunch");
        newer.details = Some("Birch mentioned the renewal".into());
        let mut newest_title = entry("2026-11-19-cccc", "Birch call");
        newest_title.details = Some("about the renewal".into());
        let ranked = Query::new("birch renewal").rank(vec![
            newer.clone(),
            old.clone(),
            newest_title.clone(),
        ]);
        assert_eq!(
            titles(&ranked),
            ["Birch renewal signed", "Birch call", "Lunch"]
        );
    }

    #[test]
    fn the_coarse_key_sorts_as_the_rank_does() {
        let mut entries = Vec::new();
        for (id, score) in [
            ("2026-11-18-aaaa", 8),
            ("2026-11-18-bbbb", 8),
            ("2025-01-01-cccc", 8),
            ("2026-11-19-dddd", 7),
            ("0001-01-01-eeee", 9),
            ("9999-12-31-ffff", 2),
        ] {
            entries.push(Rank::new(score, &entry(id, "x")));
        }
        for a in &entries {
            for b in &entries {
                if a.coarse() < b.coarse() {
                    assert!(a < b, "{a:?} {b:?}");
                }
                if a < b {
                    assert!(a.coarse() <= b.coarse(), "{a:?} {b:?}");
                }
            }
        }
    }

    #[test]
    fn equal_scores_list_newest_first() {
        let a = entry("2026-11-02-aaaa", "Invoice A");
        let b = entry("2026-11-18-bbbb", "Invoice B");
        let mut c = entry("2026-11-18-cccc", "Invoice C");
        c.time = chrono::NaiveTime::from_hms_opt(9, 30, 0);
        let ranked = Query::new("invoice").rank(vec![a, b, c]);
        assert_eq!(titles(&ranked), ["Invoice C", "Invoice B", "Invoice A"]);
    }

    #[test]
    fn matched_chars_count_chars_of_the_original_text() {
        let query = Query::new("ACME é");
        assert_eq!(query.matched_chars("Sent Acme a café"), [5, 6, 7, 8, 15]);
        // A char whose lower case is longer still maps to itself.
        assert_eq!(Query::new("i̇x").matched_chars("İx"), [0, 1]);
        assert!(Query::new("zz").matched_chars("Acme").is_empty());
    }

    #[test]
    fn missing_from_keeps_the_words_a_text_lacks() {
        let query = Query::new("Acme invoice twice");
        assert_eq!(
            query.missing_from("Sent the INVOICE").words(),
            ["acme", "twice"]
        );
        assert!(query.missing_from("acme invoice twice").is_empty());
    }

    #[test]
    fn the_longest_word_is_the_needle() {
        assert_eq!(Query::new("an INVOICE run").longest_word(), Some("invoice"));
        assert_eq!(Query::new(" ").longest_word(), None);
    }
}
