//! What a title is, as people type them: a sentence that opens with an
//! action verb ("fixing the label printer queue"), a clause with its own
//! subject ("Harbor Dental added 5 seats"), or a noun phrase ("money test").
//! Each becomes the opening of a bullet, or a noun phrase for the kind's frame.

use super::lexicon::{Form, Verb, lexicon};

/// What a title becomes at the start of a bullet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Opening {
    /// A sentence that opens with a past-tense verb (first letter not yet raised).
    Sentence(String),
    /// A noun phrase for the kind's frame, with the verb its main noun asks for.
    Noun {
        phrase: String,
        verb: Option<String>,
    },
}

const DETERMINERS: &[&str] = &[
    "the", "a", "an", "my", "our", "their", "his", "her", "its", "this", "that", "these", "those",
    "every", "each", "all", "both", "some", "any", "no", "more", "another", "your",
];
const PRONOUNS: &[&str] = &[
    "them",
    "him",
    "her",
    "it",
    "us",
    "me",
    "everyone",
    "everything",
];
const PARTICLES: &[&str] = &[
    "up", "out", "back", "down", "off", "over", "through", "together", "around", "in", "live",
];
/// Words after a base-form verb that show it is a noun ("fix for the printer").
const NOUN_MARKERS: &[&str] = &[
    "for", "of", "with", "at", "from", "about", "by", "on", "during", "after", "before", "is",
    "are", "was", "were", "has", "have", "had", "will", "and", "-", "–",
];
const PHRASAL: &[&str] = &[
    "deal with",
    "work on",
    "work with",
    "partner with",
    "meet with",
    "follow up",
    "check in",
    "sign off",
    "reach out",
];
const AUXILIARIES: &[&str] = &[
    "is", "are", "was", "were", "has", "have", "had", "got", "gets",
];
const ADVERBS: &[&str] = &[
    "now",
    "finally",
    "already",
    "just",
    "also",
    "all",
    "officially",
    "successfully",
    "actually",
    "really",
    "quickly",
];
/// Subjects that act (and so are not the thing acted on): "support team", "boss".
const AGENTS: &[&str] = &[
    "team",
    "teams",
    "boss",
    "manager",
    "customer",
    "customers",
    "client",
    "clients",
    "they",
    "she",
    "he",
    "staff",
    "department",
    "finance",
    "sales",
    "support",
    "ops",
    "leadership",
    "director",
    "owner",
    "users",
    "colleagues",
    "desk",
    "everyone",
    "management",
    "ceo",
    "cfo",
    "partner",
    "vendor",
    "supplier",
];
/// Verbs whose subject always acts: "bayview asked for…", "acme renewed".
const AGENT_VERBS: &[&str] = &[
    "use", "adopt", "add", "buy", "order", "purchase", "renew", "extend", "sign", "accept",
    "approve", "praise", "thank", "choose", "select", "ask", "request", "want", "need", "expect",
];
/// Common words a title may start with a capital only because it is first.
const COMMON: &[&str] = &[
    "monthly",
    "weekly",
    "daily",
    "quarterly",
    "annual",
    "yearly",
    "new",
    "holiday",
    "money",
    "customer",
    "client",
    "team",
    "staff",
    "invoice",
    "invoices",
    "ticket",
    "tickets",
    "returns",
    "order",
    "orders",
    "shipping",
    "sales",
    "billing",
    "replacement",
    "extra",
    "same",
    "first",
    "last",
    "next",
    "weekend",
    "urgent",
    "late",
    "old",
    "open",
    "faster",
    "free",
    "full",
    "help",
    "price",
    "pricing",
    "label",
    "call-back",
    "callback",
    "onboarding",
    "training",
    "lunch",
    "coffee",
    "internal",
    "spare",
    "backlog",
    "inventory",
    "stock",
    "warehouse",
    "shipment",
    "delivery",
    "account",
    "renewal",
    "contract",
    "refund",
    "rush",
    "emergency",
    "overnight",
    "after-hours",
    "morning",
    "evening",
    "office",
    "payroll",
    "month-end",
    "year-end",
    "email",
    "phone",
    "support",
    "service",
    "credit",
    "debit",
    "note",
    "notes",
    "quote",
    "quotes",
    "samples",
    "sample",
    "parts",
    "part",
    "report",
    "reports",
    "review",
    "reviews",
    "portal",
    "website",
    "site",
    "page",
    "app",
    "server",
    "printer",
    "queue",
    "backup",
    "database",
    "password",
    "login",
    "checkout",
    "cart",
    "catalog",
    "catalogue",
    "brochure",
    "deck",
    "proposal",
    "presentation",
    "budget",
    "forecast",
    "survey",
    "newsletter",
    "campaign",
    "warranty",
    "calendar",
    "outage",
    "bounce",
    "duplicate",
    "duplicate-order",
    "duplicate-invoice",
    "address",
    "return",
    "template",
    "routine",
    "checklist",
    "reminder",
    "reminders",
    "alert",
    "alerts",
    "lost",
    "missing",
    "broken",
    "wrong",
    "faulty",
    "bulk",
    "quick",
    "big",
    "small",
    "whole",
    "overdue",
    "pending",
    "shared",
    "online",
    "self-service",
    "outage",
    "vat",
    "claim",
    "claims",
    "complaint",
    "complaints",
    "feedback",
    "demo",
    "trial",
];

fn lower(word: &str) -> String {
    word.trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'')
        .to_lowercase()
}

fn capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// A word after a verb that is its object: "the", "them", "5", "Birch".
fn object_cue(word: &str) -> bool {
    let l = lower(word);
    DETERMINERS.contains(&l.as_str())
        || PRONOUNS.contains(&l.as_str())
        || PARTICLES.contains(&l.as_str())
        || word.starts_with(|c: char| c.is_ascii_digit() || c == '$')
        || capitalised(word)
}

/// Raises the first letter and nothing else.
pub fn raise_first(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// Lowers a noun phrase's first letter when the word is a common one that
/// was capitalised only for starting the title ("Money test").
fn common_first(phrase: &str) -> String {
    let first = phrase.split_whitespace().next().unwrap_or("");
    let l = lower(first);
    let rest_lower = first.chars().skip(1).all(|c| !c.is_uppercase());
    let known = COMMON.contains(&l.as_str())
        || lexicon().not_verb(&l)
        || l.split('-')
            .next()
            .is_some_and(|part| lexicon().not_verb(part) || COMMON.contains(&part))
        || lexicon().verb(&l).is_some()
        || lexicon().frame(&l).is_some();
    // "United Airlines": a capital on the next word too makes it a name.
    let name = phrase
        .split_whitespace()
        .nth(1)
        .is_some_and(|w| capitalised(w) && w.chars().any(char::is_lowercase));
    if rest_lower && known && !name {
        let mut chars = phrase.chars();
        chars
            .next()
            .map_or_else(String::new, |c| c.to_lowercase().chain(chars).collect())
    } else {
        phrase.to_string()
    }
}

/// "Juniper Hotels's" → "Juniper Hotels'": a name ending in s takes the apostrophe alone.
pub fn fix_possessives(text: &str) -> String {
    text.split(' ')
        .map(|word| match word.strip_suffix("s's") {
            Some(stem) if capitalised(word) && !stem.ends_with('s') => format!("{stem}s'"),
            _ => word.to_string(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// "Acme Corp" → "Acme Corp's"; "Juniper Hotels" → "Juniper Hotels'".
pub fn possessive(name: &str) -> String {
    if name.ends_with('s') {
        format!("{name}'")
    } else {
        format!("{name}'s")
    }
}

/// The customer's own spelling wherever the title names it in other case
/// ("bayview" → "Bayview" for customer "Bayview Bakery").
pub fn customer_capitals(title: &str, customer: Option<&str>) -> String {
    let Some(customer) = customer else {
        return title.to_string();
    };
    let mut text = title.to_string();
    if let Some(at) = text.to_lowercase().find(&customer.to_lowercase())
        && text.is_char_boundary(at)
        && text.is_char_boundary(at + customer.len())
    {
        text.replace_range(at..at + customer.len(), customer);
        return text;
    }
    let Some(first) = customer.split_whitespace().next().filter(|w| w.len() >= 3) else {
        return text;
    };
    text.split(' ')
        .map(|word| {
            let core = word.trim_end_matches(|c: char| !c.is_alphanumeric());
            let core = core.strip_suffix("'s").unwrap_or(core);
            if core.eq_ignore_ascii_case(first) && core != first {
                word.replacen(core, first, 1)
            } else {
                word.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// "I finally fixed…" → "fixed…": a resume line leaves out the pronoun.
fn without_pronoun(words: &[String]) -> &[String] {
    let mut rest = words;
    if let Some(first) = rest.first()
        && ["i", "we", "i've", "we've", "i'd"].contains(&lower(first).as_str())
        && rest.len() > 1
    {
        rest = &rest[1..];
        while rest.len() > 1 && ADVERBS.contains(&lower(&rest[0]).as_str()) {
            rest = &rest[1..];
        }
    }
    rest
}

/// The opening a title makes, given the entry's customer (to keep its capitals).
pub fn opening(title: &str, customer: Option<&str>) -> Opening {
    let title = title.trim().trim_end_matches(['.', '!', ';', ',']).trim();
    let title = fix_possessives(&customer_capitals(title, customer));
    // "Upsell: Harbor Dental added 5 seats": the label names the work.
    if let Some((label, body)) = title.split_once(": ")
        && label.split_whitespace().count() <= 3
        && !body.trim().is_empty()
    {
        return match opening(body, customer) {
            Opening::Noun { phrase, verb } => Opening::Noun {
                verb: lexicon()
                    .frame(&lower(label.split_whitespace().last().unwrap_or("")))
                    .map(str::to_string)
                    .or(verb),
                phrase,
            },
            sentence => sentence,
        };
    }
    let all: Vec<String> = title.split_whitespace().map(str::to_string).collect();
    let words = without_pronoun(&all);
    if let Some(sentence) = verb_led(words) {
        return Opening::Sentence(sentence);
    }
    if let Some(opening) = clause(words, customer) {
        return opening;
    }
    noun(&words.join(" "))
}

/// A noun phrase and the verb its main noun asks for ("money test" → Ran).
fn noun(phrase: &str) -> Opening {
    let phrase = common_first(phrase);
    let before_preposition: Vec<&str> = phrase
        .split_whitespace()
        .take_while(|w| {
            let l = lower(w);
            !NOUN_MARKERS.contains(&l.as_str())
                && !["to", "in", "into", "so", "that", "who", "which"].contains(&l.as_str())
                && !DETERMINERS.contains(&l.as_str())
                && !w.starts_with(|c: char| c.is_ascii_digit())
        })
        .collect();
    let head = before_preposition
        .last()
        .map(|w| lower(w))
        .unwrap_or_default();
    let words: Vec<&str> = phrase.split_whitespace().collect();
    // "fix for the label printer" → "Fixed the label printer".
    if let [first, link, rest @ ..] = words.as_slice()
        && ["for", "of"].contains(&lower(link).as_str())
        && !rest.is_empty()
        && let Some(verb) = lexicon()
            .verb(&lower(first))
            .filter(|v| v.form == Form::Base)
    {
        return Opening::Sentence(format!("{} {}", verb.past, rest.join(" ")));
    }
    Opening::Noun {
        verb: lexicon().frame(&head).map(str::to_string),
        phrase,
    }
}

/// The words as a sentence when they open with an action verb in any form.
fn verb_led(words: &[String]) -> Option<String> {
    let first = words.first()?;
    let verb = lexicon().verb_or_past(&lower(first))?;
    let rest = words[1..].join(" ");
    if verb.form == Form::Past {
        // The user's own past tense, kept as typed.
        let word = first.trim_end_matches([',', ':']);
        return Some(join(&lower_if_plain(word), &rest));
    }
    let next = words.get(1)?;
    let next_lower = lower(next);
    let base = verb.base.as_deref().unwrap_or("");
    let phrasal = PHRASAL.contains(&format!("{base} {next_lower}").as_str());
    let noun_follows = NOUN_MARKERS.contains(&next_lower.as_str())
        || lexicon()
            .verb_or_past(&next_lower)
            .is_some_and(|v| v.form == Form::Past && !object_cue(next));
    if !phrasal && (noun_follows || first.ends_with(':')) {
        return None;
    }
    // "Onboarding pilot", "quote for Birch": a gerund or a verb that is as
    // often a noun needs its object in view to be taken as a verb.
    let ambiguous = verb.form == Form::Gerund || lexicon().also_noun(base);
    if !phrasal && ambiguous && !object_cue(next) {
        return None;
    }
    Some(join(&verb.past, &rest))
}

/// "Reshipped" → "reshipped"; "SHIPPED" stays (the first letter is raised later).
fn lower_if_plain(word: &str) -> String {
    if word.chars().skip(1).all(|c| !c.is_uppercase()) {
        word.to_lowercase()
    } else {
        word.to_string()
    }
}

fn join(a: &str, b: &str) -> String {
    if b.is_empty() {
        a.to_string()
    } else {
        format!("{a} {b}")
    }
}

/// A clause with its own subject, put into a frame: "support team is now
/// using my call-back reminder" → "Built a call-back reminder now used by the support team".
fn clause(words: &[String], customer: Option<&str>) -> Option<Opening> {
    let (at, verb, progressive) = predicate(words)?;
    let subject = &words[..at.0];
    let mut rest: Vec<String> = words[at.1..].to_vec();
    let particle = rest
        .first()
        .map(|w| lower(w))
        .filter(|w| PARTICLES.contains(&w.as_str()) && w != "in");
    if particle.is_some() {
        rest.remove(0);
    }
    let rest_text = rest.join(" ");
    let subject_text = subject.join(" ");
    let base = verb.base.as_deref();
    if base == Some("go") {
        let verb = match particle.as_deref() {
            Some("out") => "sent",
            Some("live") => "launched",
            _ => return None,
        };
        return Some(Opening::Sentence(join(
            &format!("{verb} {}", the_thing(&subject_text)),
            &rest_text,
        )));
    }
    let agent_verb = base.is_some_and(|b| AGENT_VERBS.contains(&b));
    let by = rest.first().is_some_and(|w| lower(w) == "by");
    if by || !(is_agent(subject, customer) || (agent_verb && subject.len() == 1)) {
        let verb_text = match &particle {
            Some(p) => format!("{} {p}", verb.past),
            None => verb.past.clone(),
        };
        if by {
            return Some(Opening::Sentence(format!(
                "got {} {verb_text} {rest_text}",
                the_thing(&subject_text)
            )));
        }
        return Some(Opening::Sentence(join(
            &format!("{verb_text} {}", the_thing(&subject_text)),
            &rest_text,
        )));
    }
    let who = the_agent(&subject_text, customer);
    let object = without_leading(&rest, &["to", "for", "us"]);
    let sentence = match base? {
        "use" | "adopt" => format!("built {} now used by {who}", a_thing(&object)),
        "switch" | "move" if particle.is_none() => {
            format!("built {} now used by {who}", a_thing(&object))
        }
        "add" | "buy" | "order" | "purchase" => {
            format!("sold {} to {who}", more(&object))
        }
        "renew" | "extend" => join(&format!("renewed {who}"), &rest_text),
        "sign" | "accept" => format!("secured {} with {who}", the_thing(&object)),
        "approve" => format!(
            "won {} approval for {}",
            possessive(&who),
            the_thing(&object)
        ),
        "praise" | "thank" => join(
            &format!("earned thanks from {who}"),
            &without_leading(&rest, &["us", "me"]),
        ),
        "choose" | "select" => join(&format!("won {} business", possessive(&who)), &object),
        "ask" | "request" | "want" | "need" | "expect" => {
            let asked = without_deadline(&object);
            let phrase = if capitalised(&who) {
                format!("{} {}", possessive(&who), without_leading_det(&asked))
            } else {
                asked
            };
            return Some(noun(&phrase));
        }
        base if progressive => {
            let gerund = words[at.1 - 1].clone();
            let _ = base;
            join(&format!("got {who} {gerund}"), &rest_text)
        }
        base => join(
            &format!(
                "got {who} to {base}{}",
                particle.map(|p| format!(" {p}")).unwrap_or_default()
            ),
            &rest_text,
        ),
    };
    Some(Opening::Sentence(sentence))
}

/// Where the predicate is: (subject end, verb end), the verb, and whether it
/// is progressive ("is now using").
fn predicate(words: &[String]) -> Option<((usize, usize), Verb, bool)> {
    for i in 1..words.len() {
        let w = lower(&words[i]);
        let before = lower(&words[i - 1]);
        if AUXILIARIES.contains(&w.as_str()) {
            let mut j = i + 1;
            while j < words.len() && ADVERBS.contains(&lower(&words[j]).as_str()) {
                j += 1;
            }
            let verb = lexicon().verb_or_past(&lower(words.get(j)?))?;
            return match verb.form {
                Form::Gerund => Some(((i, j + 1), verb, true)),
                Form::Past => Some(((i, j + 1), verb, false)),
                _ => None,
            };
        }
        if DETERMINERS.contains(&before.as_str()) || capitalised(&words[i]) {
            continue;
        }
        if let Some(verb) = lexicon().verb_or_past(&w) {
            let third = verb.form == Form::Third
                && !verb.base.as_deref().is_some_and(|b| lexicon().also_noun(b));
            if verb.form == Form::Past || third {
                return Some(((i, i + 1), verb, false));
            }
        }
    }
    None
}

fn is_agent(subject: &[String], customer: Option<&str>) -> bool {
    let text = subject.join(" ");
    let last = subject.last().map(|w| lower(w)).unwrap_or_default();
    AGENTS.contains(&last.as_str())
        || customer.is_some_and(|c| mentions(&text, c) && !subject.iter().any(|w| !capitalised(w)))
        || subject
            .iter()
            .all(|w| capitalised(w) && !w.chars().all(|c| c.is_uppercase()))
}

/// True when `text` names the customer, in full or by its first word.
pub fn mentions(text: &str, customer: &str) -> bool {
    if text.to_lowercase().contains(&customer.to_lowercase()) {
        return true;
    }
    let Some(first) = customer
        .split_whitespace()
        .next()
        .filter(|w| w.chars().count() >= 3)
    else {
        return false;
    };
    text.split_whitespace().any(|word| {
        let word = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'');
        let word = word
            .strip_suffix("'s")
            .or(word.strip_suffix('\''))
            .unwrap_or(word);
        word.eq_ignore_ascii_case(first)
    })
}

/// "support team" → "the support team"; "they" → the customer; names as they are.
fn the_agent(subject: &str, customer: Option<&str>) -> String {
    let l = subject.to_lowercase();
    if ["they", "she", "he"].contains(&l.as_str()) {
        return customer.unwrap_or("the customer").to_string();
    }
    // "dunmore added 5 seats": the customer by its full name.
    if let Some(customer) = customer
        && !l.contains(' ')
        && customer.to_lowercase().split_whitespace().next() == Some(l.as_str())
    {
        return customer.to_string();
    }
    if capitalised(subject) {
        subject.to_string()
    } else if !l.contains(' ') && !AGENTS.contains(&l.as_str()) {
        // A one-word subject typed in lower case is a name ("bayview").
        raise_first(subject)
    } else {
        the_thing(subject)
    }
}

/// "quote for Birch" → "the quote for Birch"; "my reminder" → "the reminder".
fn the_thing(phrase: &str) -> String {
    let first = phrase
        .split_whitespace()
        .next()
        .map(lower)
        .unwrap_or_default();
    if ["my", "our"].contains(&first.as_str()) {
        return format!("the {}", without_leading_det(phrase));
    }
    if DETERMINERS.contains(&first.as_str()) || phrase.starts_with(|c: char| c.is_ascii_digit()) {
        return phrase.to_string();
    }
    format!("the {}", common_first(phrase))
}

/// "my call-back reminder" → "a call-back reminder".
fn a_thing(phrase: &str) -> String {
    let first = phrase
        .split_whitespace()
        .next()
        .map(lower)
        .unwrap_or_default();
    if ["my", "our"].contains(&first.as_str()) {
        let rest = without_leading_det(phrase);
        let article = if rest.starts_with(['a', 'e', 'i', 'o', 'u']) {
            "an"
        } else {
            "a"
        };
        return format!("{article} {rest}");
    }
    the_thing(phrase)
}

/// "5 seats" → "5 more seats".
fn more(phrase: &str) -> String {
    match phrase.split_once(' ') {
        Some((n, rest)) if n.chars().all(|c| c.is_ascii_digit()) && !rest.starts_with("more") => {
            format!("{n} more {rest}")
        }
        _ => phrase.to_string(),
    }
}

fn without_leading(words: &[String], drop: &[&str]) -> String {
    let skip = words
        .iter()
        .take_while(|w| drop.contains(&lower(w).as_str()))
        .count();
    words[skip..].join(" ")
}

pub fn without_leading_det(phrase: &str) -> String {
    match phrase.split_once(' ') {
        Some((first, rest)) if DETERMINERS.contains(&lower(first).as_str()) => rest.to_string(),
        _ => phrase.to_string(),
    }
}

/// "a replacement quote within a week" → "a replacement quote": the ask is
/// said by the exceeded frame from `expected`.
fn without_deadline(phrase: &str) -> String {
    let words: Vec<&str> = phrase.split_whitespace().collect();
    let cut = words
        .iter()
        .position(|w| ["within", "by", "in"].contains(&lower(w).as_str()))
        .unwrap_or(words.len());
    words[..cut].join(" ")
}

/// True when the phrase starts with a determiner, a number or a
/// possessive name ("Cobalt Freight's replacement quote").
pub fn determined(phrase: &str) -> bool {
    let first = phrase.split_whitespace().next().unwrap_or("");
    DETERMINERS.contains(&lower(first).as_str())
        || first.starts_with(|c: char| c.is_ascii_digit())
        || phrase
            .split_whitespace()
            .take_while(|w| capitalised(w))
            .any(|w| w.ends_with("'s") || w.ends_with("s'"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentence(title: &str, customer: Option<&str>) -> String {
        match opening(title, customer) {
            Opening::Sentence(s) => s,
            other => panic!("{title}: {other:?}"),
        }
    }

    fn phrase(title: &str) -> (String, Option<String>) {
        match opening(title, None) {
            Opening::Noun { phrase, verb } => (phrase, verb),
            other => panic!("{title}: {other:?}"),
        }
    }

    #[test]
    fn verbs_in_any_form_become_past() {
        assert_eq!(
            sentence("fixing the label printer queue", None),
            "fixed the label printer queue"
        );
        assert_eq!(
            sentence("ships the new pricing page", None),
            "shipped the new pricing page"
        );
        assert_eq!(
            sentence("Send Birch the contract", None),
            "sent Birch the contract"
        );
        assert_eq!(sentence("I finally fixed the VPN", None), "fixed the VPN");
        assert_eq!(
            sentence("Reshipped the right SKU", None),
            "reshipped the right SKU"
        );
    }

    #[test]
    fn clauses_are_framed() {
        assert_eq!(
            sentence("support team is now using my call-back reminder", None),
            "built a call-back reminder now used by the support team"
        );
        assert_eq!(
            sentence("Harbor Dental added 5 seats", Some("Harbor Dental")),
            "sold 5 more seats to Harbor Dental"
        );
        assert_eq!(
            sentence(
                "Quote for Birch Ltd turned around same day",
                Some("Birch Ltd")
            ),
            "turned around the quote for Birch Ltd same day"
        );
        assert_eq!(
            sentence("United Airlines renewal closed", None),
            "closed the United Airlines renewal"
        );
        assert_eq!(
            phrase("bayview asked for a replacement quote within a week").0,
            "Bayview's replacement quote"
        );
        match opening(
            "bayview asked for a replacement quote within a week",
            Some("Bayview"),
        ) {
            Opening::Noun { phrase, .. } => assert_eq!(phrase, "Bayview's replacement quote"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn noun_phrases_are_left_for_the_frame() {
        assert_eq!(
            phrase("money test"),
            ("money test".into(), Some("Ran".into()))
        );
        assert_eq!(
            phrase("Damaged shipment for Bayview").0,
            "damaged shipment for Bayview"
        );
        assert_eq!(phrase("price list refresh").0, "price list refresh");
        assert_eq!(
            sentence("Fix for the label printer", None),
            "fixed the label printer"
        );
        assert_eq!(
            opening("Upsell: Harbor Dental added 5 seats", Some("Harbor Dental")),
            Opening::Sentence("sold 5 more seats to Harbor Dental".into())
        );
    }

    #[test]
    fn possessives_and_capitals() {
        assert_eq!(
            fix_possessives("Juniper Hotels's login"),
            "Juniper Hotels' login"
        );
        assert_eq!(fix_possessives("the boss's idea"), "the boss's idea");
        assert_eq!(possessive("Pinecrest Foods"), "Pinecrest Foods'");
        assert_eq!(
            customer_capitals("called acme back", Some("Acme Corp")),
            "called Acme back"
        );
    }
}
