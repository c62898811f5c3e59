//! Turning one entry into a resume line. Each kind has a sentence plan:
//! an opening with a past-tense action verb (the title's own, its verb put
//! into the past, or the kind's frame around a noun phrase or a clause),
//! the customer once, for an exceeded entry the result against the ask,
//! adoption, and at most two outcomes, strongest first, in at most
//! [`MAX_CHARS`] characters. Deterministic and offline: the words it knows
//! are in `assets/lexicon/`. An entry's own `bullet` is the way out when
//! the result still reads badly.

mod lexicon;
mod numbers;
mod title;

use crate::model::{Currency, Entry, Kind, Money};

pub use numbers::{money as money_text, span_of_days};
use title::{Opening, determined, mentions, possessive, raise_first, without_leading_det};

/// The longest bullet: one line on a resume.
pub const MAX_CHARS: usize = 160;

/// Openings that already say money was won.
const SALE_VERBS: &[&str] = &[
    "won",
    "secured",
    "closed",
    "signed",
    "sold",
    "renewed",
    "landed",
    "generated",
    "upsold",
];

/// A meaningful reach: fewer people than this is not worth a resume's words.
const MIN_REACH: u64 = 10;

/// True when `word` is a past tense the lexicon lists: what every composed
/// bullet opens with.
pub fn is_lead_verb(word: &str) -> bool {
    lexicon::lexicon().is_past(&word.to_lowercase())
}

/// Several entries that say the same thing, composed as one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RollUp {
    pub count: usize,
    /// How many different customers they name.
    pub accounts: usize,
    /// True when the words already say how many ("Closed 2 renewals").
    pub counted: bool,
}

/// How the line for `entry` opens, before the customer and the numbers:
/// what roll-ups compare.
pub fn opening_of(entry: &Entry) -> String {
    let customer = entry
        .customer
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty());
    opening(entry, customer)
}

/// The resume line for `entry`, composed from its fields.
pub fn compose(entry: &Entry, currency: &Currency) -> String {
    compose_rolled(entry, currency, None)
}

/// The line for `entry` standing for `rolled` entries with summed numbers.
pub fn compose_rolled(entry: &Entry, currency: &Currency, rolled: Option<RollUp>) -> String {
    let customer = entry
        .customer
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty());
    let mut core = opening(entry, customer);
    let mut parts = Parts::default();
    if let Some(customer) = customer
        && !mentions(&core, customer)
    {
        parts.customer = Some(format!(" for {customer}"));
    }
    if let Some(rolled) = rolled.filter(|r| !r.counted) {
        core.push_str(&match (rolled.accounts, rolled.count) {
            (accounts, _) if accounts >= 2 => format!(" at {accounts} accounts"),
            (_, 2) => " twice".to_string(),
            (_, count) => format!(" {count} times"),
        });
    }
    if entry.kind == Kind::Exceeded {
        parts.ask = ask(entry, &core);
    }
    let adopters: Vec<String> = entry
        .adopted_by
        .iter()
        .map(|w| w.trim())
        .filter(|w| !w.is_empty() && !says(&core, w))
        .map(the_team)
        .collect();
    if !adopters.is_empty() {
        parts.adoption = vec![
            format!(", adopted by {}", join_and(&adopters)),
            format!(", adopted by {} teams", adopters.len()),
        ];
    }
    parts.outcomes = outcomes(entry, currency, &core);
    let total = if rolled.is_some() { " in total" } else { "" };
    raise_first(&parts.fit(core, total))
}

/// The optional pieces after the opening, dropped weakest first to fit.
#[derive(Default)]
struct Parts {
    customer: Option<String>,
    ask: Option<String>,
    /// The full list, then the count alone.
    adoption: Vec<String>,
    /// Strongest first; money ones are never dropped.
    outcomes: Vec<Outcome>,
}

struct Outcome {
    text: String,
    money: bool,
}

impl Parts {
    fn fit(mut self, mut core: String, total: &str) -> String {
        loop {
            let line = self.line(&core, total);
            if line.chars().count() <= MAX_CHARS {
                return line;
            }
            if self.outcomes.len() > 1 && !self.outcomes[1].money {
                self.outcomes.pop();
            } else if self.adoption.len() > 1 {
                self.adoption.remove(0);
            } else if self.ask.take().is_some() || self.adoption.pop().is_some() {
            } else if self.outcomes.len() == 1 && !self.outcomes[0].money {
                self.outcomes.pop();
            } else if self.customer.take().is_some() {
            } else {
                // A title too long for a line: cut it where a phrase ends.
                let room =
                    MAX_CHARS.saturating_sub(line.chars().count() - core.chars().count() + 1);
                core = format!("{}…", cut_at_phrase(&core, room));
                return self.line(&core, total);
            }
        }
    }

    fn line(&self, core: &str, total: &str) -> String {
        let mut line = core.to_string();
        line.push_str(self.customer.as_deref().unwrap_or(""));
        if let Some(ask) = &self.ask {
            if !ask.starts_with(',') {
                line.push(' ');
            }
            line.push_str(ask);
        }
        line.push_str(self.adoption.first().map_or("", String::as_str));
        if !self.outcomes.is_empty() {
            // "in total" goes after the last sum of money: "saving $20.6K in total".
            let last_money = self.outcomes.iter().rposition(|o| o.money);
            let texts: Vec<String> = self
                .outcomes
                .iter()
                .enumerate()
                .map(|(i, o)| match last_money {
                    Some(at) if at == i => format!("{}{total}", o.text),
                    _ => o.text.clone(),
                })
                .collect();
            line.push_str(", ");
            line.push_str(&join_and(&texts));
        }
        line
    }
}

/// The longest start of `text` within `room` characters, ending before a
/// word that opens a new phrase ("instead", "because", …) when one is in
/// the last part, else at a word.
fn cut_at_phrase(text: &str, room: usize) -> String {
    let cut: String = text.chars().take(room).collect();
    let at_word = match cut.rfind(' ') {
        Some(at) if at > 0 => &cut[..at],
        _ => cut.as_str(),
    };
    let phrase_end = [
        " instead ",
        " because ",
        " so that ",
        " which ",
        " after ",
        " while ",
        " but ",
        ", ",
    ]
    .iter()
    .filter_map(|w| at_word.rfind(w))
    .filter(|at| *at * 10 >= room * 6)
    .max();
    let kept = phrase_end.map_or(at_word, |at| &at_word[..at]);
    kept.trim_end_matches([',', ';', ':', ' ']).to_string()
}

/// The opening: the title's own sentence, or the kind's frame around it.
fn opening(entry: &Entry, customer: Option<&str>) -> String {
    match title::opening(&entry.title, customer) {
        Opening::Sentence(sentence) => sentence,
        Opening::Noun { phrase, verb } => {
            let verb = verb.unwrap_or_else(|| {
                match entry.kind {
                    Kind::Fix => "Fixed",
                    Kind::Note => "Led",
                    _ => "Delivered",
                }
                .to_string()
            });
            let object = match customer {
                Some(c) if !mentions(&phrase, c) => {
                    format!("{} {}", possessive(c), without_leading_det(&phrase))
                }
                _ if determined(&phrase) => phrase,
                _ => format!("the {phrase}"),
            };
            format!("{verb} {object}")
        }
    }
}

/// "in 24 hours against a 3-day ask", unless the line already says how it went.
fn ask(entry: &Entry, core: &str) -> Option<String> {
    let expected = entry.expected.as_deref()?.trim();
    let delivered = entry.delivered.as_deref()?.trim();
    if expected.is_empty() || delivered.is_empty() {
        return None;
    }
    let said = core.to_lowercase();
    let says_it = [
        "early",
        "ahead",
        "same day",
        "same-day",
        "overnight",
        "first call",
        "half the",
        "faster",
        "sooner",
        "next morning",
        "instead of",
        "rather than",
        " vs",
        "every ",
        " by ",
        "on the spot",
        "right away",
        "immediately",
        "same week",
        "before",
        "within",
        "under ",
        " in ",
        "record time",
        "next day",
        "next-day",
    ]
    .iter()
    .any(|marker| said.contains(marker))
        || said.contains(&delivered.to_lowercase())
        || said.contains(&expected.to_lowercase());
    if says_it {
        return None;
    }
    match (
        numbers::parse_span(delivered),
        numbers::parse_span(expected),
    ) {
        (Some(got), Some(asked)) => Some(format!(
            "in {} against a {} ask",
            numbers::span_text(got, false),
            numbers::span_text(asked, true)
        )),
        _ if is_day_name(delivered) && is_day_name(expected) => {
            Some(format!("by {delivered} against a {expected} deadline"))
        }
        _ => Some(format!(
            ", delivering {delivered} against an ask of {expected}"
        )),
    }
}

fn is_day_name(text: &str) -> bool {
    let l = text.to_lowercase();
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "today",
        "tomorrow",
    ]
    .contains(&l.as_str())
}

/// True when `text` has `words` as whole words, in any case.
fn says(text: &str, words: &str) -> bool {
    let norm = |t: &str| -> Vec<String> {
        t.split_whitespace()
            .map(|w| {
                w.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase()
            })
            .collect()
    };
    let (text, words) = (norm(text), norm(words));
    !words.is_empty() && text.windows(words.len()).any(|w| w == words.as_slice())
}

/// "billing team" → "the billing team"; names and "sales" as written.
fn the_team(who: &str) -> String {
    let l = who.to_lowercase();
    let group = [" team", " desk", " department", " office", " group"]
        .iter()
        .any(|g| l.ends_with(g));
    if group && !determined(who) && !who.starts_with(char::is_uppercase) {
        format!("the {who}")
    } else {
        who.to_string()
    }
}

/// The outcomes worth a resume's words, strongest first, at most two:
/// money (larger first), then waiting time cut, then a meaningful reach.
fn outcomes(entry: &Entry, currency: &Currency, core: &str) -> Vec<Outcome> {
    let positive = |m: Option<Money>| m.filter(|m| m.cents() >= 50);
    let mut money: Vec<(Money, String)> = Vec::new();
    // "Won the renewal, bringing in $10K" says it twice: "worth $10K" instead.
    let lead = core.split_whitespace().next().unwrap_or("").to_lowercase();
    let sold = SALE_VERBS.contains(&lead.as_str());
    if let Some(revenue) = positive(entry.revenue) {
        let text = if sold {
            format!("worth {}", numbers::money(revenue, currency))
        } else if entry.kind == Kind::Fix {
            format!(
                "protecting {} in revenue",
                numbers::money(revenue, currency)
            )
        } else {
            // "winning" would claim a deal the words do not name.
            format!("bringing in {}", numbers::money(revenue, currency))
        };
        money.push((revenue, text));
    }
    if let Some(saved) = positive(entry.cost_saved) {
        let verb = if lead == "saved" { "worth" } else { "saving" };
        money.push((saved, format!("{verb} {}", numbers::money(saved, currency))));
    }
    money.sort_by_key(|m| std::cmp::Reverse(m.0));
    let mut all: Vec<Outcome> = money
        .into_iter()
        .map(|(_, text)| Outcome { text, money: true })
        .collect();
    if let Some(hours) = entry.hours_saved.filter(|h| *h >= 0.5 / 60.0) {
        // A fix or a habit cuts every customer's wait; a delivery saves one
        // customer time (named once already, so "the customer").
        let named = entry
            .customer
            .as_deref()
            .is_some_and(|c| !c.trim().is_empty());
        let text = match entry.kind {
            Kind::Fix | Kind::Note => {
                format!(
                    "cutting customer wait times by {}",
                    numbers::duration(hours)
                )
            }
            _ if named => format!("saving the customer {}", numbers::duration(hours)),
            _ => format!(
                "cutting customer wait times by {}",
                numbers::duration(hours)
            ),
        };
        all.push(Outcome { text, money: false });
    }
    if let Some(reach) = entry.reach.filter(|r| *r >= MIN_REACH) {
        all.push(Outcome {
            text: format!("reaching {} people", crate::model::group_thousands(reach)),
            money: false,
        });
    }
    all.truncate(2);
    all
}

/// "a", "a and b", "a, b and c".
pub(crate) fn join_and(parts: &[impl AsRef<str>]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.as_ref().to_string(),
        [init @ .., last] => {
            let init: Vec<&str> = init.iter().map(AsRef::as_ref).collect();
            format!("{} and {}", init.join(", "), last.as_ref())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PromiseStatus;

    fn entry(kind: Kind, title: &str) -> Entry {
        crate::report::test_entries::entry("2026-11-17-aaaa", kind, title)
    }

    fn usd(e: &Entry) -> String {
        compose(e, &Currency::default())
    }

    #[test]
    fn exceeded_says_the_result_against_the_ask() {
        let mut e = entry(Kind::Exceeded, "holiday samples");
        e.customer = Some("Pinecrest Foods".into());
        e.expected = Some("3 days".into());
        e.delivered = Some("24 hours".into());
        e.revenue = Some(Money(960_000));
        assert_eq!(
            usd(&e),
            "Delivered Pinecrest Foods' holiday samples in 24 hours against a 3-day ask, bringing in $9,600"
        );
        let mut early = entry(
            Kind::Exceeded,
            "Delivered the Acme quarterly review a week early",
        );
        early.customer = Some("Acme Corp".into());
        early.expected = Some("2 weeks".into());
        early.delivered = Some("1 week".into());
        assert_eq!(
            usd(&early),
            "Delivered the Acme quarterly review a week early"
        );
    }

    #[test]
    fn at_most_two_outcomes_strongest_first() {
        let mut e = entry(Kind::Fix, "Added a duplicate-invoice check");
        e.cost_saved = Some(Money(150_000));
        e.revenue = Some(Money(310_075));
        e.hours_saved = Some(264.0);
        e.reach = Some(3);
        e.adopted_by = vec!["billing team".into()];
        assert_eq!(
            usd(&e),
            "Added a duplicate-invoice check, adopted by the billing team, protecting $3,101 in revenue and saving $1,500"
        );
        e.revenue = None;
        assert_eq!(
            usd(&e),
            "Added a duplicate-invoice check, adopted by the billing team, saving $1,500 and cutting customer wait times by 11 days"
        );
    }

    #[test]
    fn long_titles_are_cut_to_one_line_keeping_the_money() {
        let mut e = entry(Kind::Met, &"Delivered the very long thing ".repeat(10));
        e.revenue = Some(Money(100_000));
        let line = usd(&e);
        assert!(line.chars().count() <= MAX_CHARS, "{line}");
        assert!(line.ends_with("…, bringing in $1,000"), "{line}");
    }

    #[test]
    fn kept_promise_in_its_own_words() {
        let mut p = entry(Kind::Promise, "send Birch the revised contract.");
        p.status = Some(PromiseStatus::Kept);
        p.customer = Some("Birch Ltd".into());
        assert_eq!(usd(&p), "Sent Birch the revised contract");
    }
}
