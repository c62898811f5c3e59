//! Quick add: one line such as `s Sent Acme the invoice twice @Acme -1200`
//! turned into the fields of a new entry. Pure: the TUI's quick-add line and
//! its tests use it; the full form can be opened from what it parsed.
//!
//! The syntax, word by word (words are separated by spaces):
//! - the first word is the kind: `s`/`screwup`, `f`/`fix`, `x`/`exceeded`,
//!   `m`/`met`, `p`/`promise`, `n`/`note`;
//! - `@Acme` is the customer; `_` stands for a space (`@Acme_Corp` is
//!   "Acme Corp"), or quote it: `@"Acme Corp"`;
//! - `#billing` adds a tag;
//! - `+5000` / `-1200` is the revenue (won / lost);
//! - `due:fri` is a promise's due date, as `parse_due` reads it (a bare
//!   weekday is the next one; `due:tomorrow`, `due:next_fri`,
//!   `due:"in 3 days"`), `_` or quotes standing for spaces;
//! - `3d>24h` is what was expected > what was delivered (an exceeded entry);
//! - every other word is the title; `\#1` keeps a word as typed, minus the `\`.

use chrono::NaiveDate;

use super::{Kind, ModelError, Money, parse_due};

/// What a quick-add line says. Fields left out stay `None` / empty.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct QuickEntry {
    pub kind: Option<Kind>,
    pub title: String,
    pub customer: Option<String>,
    pub tags: Vec<String>,
    pub revenue: Option<Money>,
    pub due: Option<NaiveDate>,
    pub expected: Option<String>,
    pub delivered: Option<String>,
}

impl QuickEntry {
    /// The kind, which `parse` always sets.
    pub fn kind(&self) -> Kind {
        self.kind.unwrap_or(Kind::Note)
    }

    /// The parsed values as form field texts, keyed by the entry's field
    /// names (`title`, `customer`, `tags`, `revenue`, `due`, `expected`,
    /// `delivered`), for opening the full form prefilled.
    pub fn field_texts(&self) -> Vec<(&'static str, String)> {
        let mut fields = vec![("title", self.title.clone())];
        if let Some(customer) = &self.customer {
            fields.push(("customer", customer.clone()));
        }
        if !self.tags.is_empty() {
            fields.push(("tags", self.tags.join(", ")));
        }
        if let Some(revenue) = self.revenue {
            fields.push(("revenue", revenue.plain()));
        }
        if let Some(due) = self.due {
            fields.push(("due", due.format("%Y-%m-%d").to_string()));
        }
        if let Some(expected) = &self.expected {
            fields.push(("expected", expected.clone()));
        }
        if let Some(delivered) = &self.delivered {
            fields.push(("delivered", delivered.clone()));
        }
        fields
    }
}

/// Parses a quick-add line, or says in one line what is wrong with it.
pub fn parse_quick(line: &str, today: NaiveDate) -> Result<QuickEntry, ModelError> {
    let invalid = |message: String| Err(ModelError::Invalid(message));
    let mut words = split_words(line)?.into_iter();
    let Some(first) = words.next() else {
        return invalid(KIND_HINT.into());
    };
    let Some(kind) = kind_word(&first) else {
        return invalid(format!("'{first}' is not a kind: {KIND_HINT}"));
    };
    let mut quick = QuickEntry {
        kind: Some(kind),
        ..QuickEntry::default()
    };
    let mut title: Vec<String> = Vec::new();
    for word in words {
        if let Some(literal) = word.strip_prefix('\\') {
            title.push(literal.to_string());
        } else if let Some(name) = word.strip_prefix('@').filter(|n| !n.is_empty()) {
            if quick.customer.is_some() {
                return invalid(format!("two customers: '{word}' (one @customer per entry)"));
            }
            quick.customer = Some(name.replace('_', " ").trim().to_string());
        } else if let Some(tag) = word.strip_prefix('#').filter(|t| !t.is_empty()) {
            quick.tags.push(tag.to_string());
        } else if is_amount(&word) {
            if quick.revenue.is_some() {
                return invalid(format!(
                    "two amounts: '{word}' (one +won or -lost per entry)"
                ));
            }
            let money = Money::parse(&word).map_err(|_| {
                ModelError::Invalid(format!(
                    "'{word}' is not an amount (e.g. +5000 won, -1200 lost)"
                ))
            })?;
            quick.revenue = Some(money);
        } else if let Some(value) = due_value(&word) {
            quick.due = Some(parse_due(&value, today).map_err(|_| {
                ModelError::Invalid(format!(
                    "'{value}' is not a due date (e.g. due:fri, due:tomorrow, due:next_fri, due:2026-12-01)"
                ))
            })?);
        } else if let Some((expected, delivered)) = expected_delivered(&word) {
            quick.expected = Some(expected.to_string());
            quick.delivered = Some(delivered.to_string());
        } else {
            title.push(word);
        }
    }
    quick.title = title.join(" ");
    if quick.title.trim().is_empty() {
        return invalid(format!("a title is needed after '{first}'"));
    }
    check_kind(&quick, kind)?;
    Ok(quick)
}

const KIND_HINT: &str = "start with a kind: s(crew-up) f(ix) x (exceeded) m(et) p(romise) n(ote)";

/// Fields that belong to one kind are refused on another, naming the word.
fn check_kind(quick: &QuickEntry, kind: Kind) -> Result<(), ModelError> {
    let refuse = |message: String| Err(ModelError::Invalid(message));
    if quick.due.is_some() && kind != Kind::Promise {
        return refuse(format!(
            "due: only applies to a promise (start with p), not a {}",
            kind.label()
        ));
    }
    if quick.expected.is_some() && kind != Kind::Exceeded {
        return refuse(format!(
            "expected>delivered only applies to an exceeded entry (start with x), not a {}",
            kind.label()
        ));
    }
    if let Some(revenue) = quick.revenue
        && kind == Kind::Screwup
        && revenue > Money::ZERO
    {
        return refuse(format!(
            "a screw-up loses money: write -{} for revenue lost",
            revenue.plain()
        ));
    }
    Ok(())
}

fn kind_word(word: &str) -> Option<Kind> {
    Some(match word.to_lowercase().as_str() {
        "s" | "screwup" | "screw-up" => Kind::Screwup,
        "f" | "fix" => Kind::Fix,
        "x" | "exceeded" => Kind::Exceeded,
        "m" | "met" => Kind::Met,
        "p" | "promise" => Kind::Promise,
        "n" | "note" => Kind::Note,
        _ => return None,
    })
}

/// `+5000`, `-1,200.50`: a sign, then a digit.
fn is_amount(word: &str) -> bool {
    let mut chars = word.chars();
    matches!(chars.next(), Some('+' | '-')) && chars.next().is_some_and(|c| c.is_ascii_digit())
}

/// The date text of `due:…`, underscores read as spaces.
fn due_value(word: &str) -> Option<String> {
    let (key, value) = word.split_once(':')?;
    (key.eq_ignore_ascii_case("due") && !value.is_empty()).then(|| value.replace('_', " "))
}

/// `3d>24h`: both sides present and the expectation starts with a digit, so
/// an arrow such as `->` in a title stays text.
fn expected_delivered(word: &str) -> Option<(&str, &str)> {
    let (expected, delivered) = word.split_once('>')?;
    (expected.starts_with(|c: char| c.is_ascii_digit()) && !delivered.is_empty())
        .then_some((expected, delivered))
}

/// Words split on whitespace; `@"…"` and `due:"…"` keep their spaces.
fn split_words(line: &str) -> Result<Vec<String>, ModelError> {
    let mut words = Vec::new();
    let mut rest = line.trim_start();
    while !rest.is_empty() {
        let quoted_prefix = ["@\"", "due:\""].into_iter().find(|p| {
            rest.get(..p.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(p))
        });
        let end = match quoted_prefix {
            Some(prefix) => {
                let body = &rest[prefix.len()..];
                let Some(close) = body.find('"') else {
                    return Err(ModelError::Invalid(format!(
                        "no closing quote after {prefix}"
                    )));
                };
                let word = format!("{}{}", &prefix[..prefix.len() - 1], &body[..close]);
                words.push(word);
                prefix.len() + close + 1
            }
            None => {
                let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
                words.push(rest[..end].to_string());
                end
            }
        };
        rest = rest[end..].trim_start();
    }
    Ok(words)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A Wednesday.
    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 18).unwrap()
    }

    fn parse(line: &str) -> QuickEntry {
        parse_quick(line, today()).unwrap_or_else(|e| panic!("{line}: {e}"))
    }

    fn refusal(line: &str) -> String {
        parse_quick(line, today()).unwrap_err().to_string()
    }

    #[test]
    fn a_screwup_with_customer_and_lost_revenue() {
        let quick = parse("s Sent Acme the invoice twice @Acme -1200 #billing");
        assert_eq!(quick.kind, Some(Kind::Screwup));
        assert_eq!(quick.title, "Sent Acme the invoice twice");
        assert_eq!(quick.customer.as_deref(), Some("Acme"));
        assert_eq!(quick.revenue, Some(Money(-120_000)));
        assert_eq!(quick.tags, vec!["billing"]);
    }

    #[test]
    fn customers_with_spaces_by_underscore_or_quotes() {
        assert_eq!(
            parse("n Lunch @Acme_Corp").customer.as_deref(),
            Some("Acme Corp")
        );
        let quoted = parse("n Lunch @\"Acme Corp\" again");
        assert_eq!(quoted.customer.as_deref(), Some("Acme Corp"));
        assert_eq!(quoted.title, "Lunch again");
        assert!(refusal("n Lunch @\"Acme").contains("no closing quote"));
        assert!(refusal("n Lunch @Acme @Birch").contains("two customers"));
    }

    #[test]
    fn a_bare_weekday_due_is_the_next_one() {
        let friday = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        assert_eq!(parse("p Send the quote due:fri").due, Some(friday));
        assert_eq!(parse("promise Send the quote due:FRIDAY").due, Some(friday));
        // Today counts: a Wednesday promise due "wed" is due today.
        assert_eq!(parse("p Call back due:wed").due, Some(today()));
        assert_eq!(
            parse("p Call back due:2026-12-01").due,
            NaiveDate::from_ymd_opt(2026, 12, 1)
        );
        assert_eq!(parse("p Call back due:today").due, Some(today()));
        assert_eq!(
            parse("p Call back due:tomorrow").due,
            NaiveDate::from_ymd_opt(2026, 11, 19)
        );
        // `_` and quotes are two spellings of a space.
        assert_eq!(parse("p Call back due:next_fri").due, Some(friday));
        assert_eq!(parse("p Call back due:\"next fri\"").due, Some(friday));
        assert_eq!(
            parse("p Call back due:\"in 3 days\"").due,
            NaiveDate::from_ymd_opt(2026, 11, 21)
        );
        assert!(refusal("p Call back due:someday").contains("not a due date"));
        assert!(refusal("n Call back due:fri").contains("only applies to a promise"));
    }

    #[test]
    fn expected_and_delivered_on_an_exceeded_entry() {
        let quick = parse("x Quote turned around 3d>24h +5000 @Birch");
        assert_eq!(quick.expected.as_deref(), Some("3d"));
        assert_eq!(quick.delivered.as_deref(), Some("24h"));
        assert_eq!(quick.revenue, Some(Money(500_000)));
        assert_eq!(quick.title, "Quote turned around");
        assert!(refusal("m Quote 3d>24h").contains("exceeded"));
        // An arrow in a title stays text.
        assert_eq!(parse("n Moved a->b").title, "Moved a->b");
    }

    #[test]
    fn refusals_say_what_to_type() {
        assert!(refusal("").contains("start with a kind"));
        assert!(refusal("Lunch with Bob").contains("'Lunch' is not a kind"));
        assert!(refusal("s @Acme -100").contains("a title is needed"));
        assert!(refusal("s Broke it +500").contains("write -500"));
        assert!(refusal("x Won +5k").contains("not an amount"));
        assert!(refusal("x Won +5 -3").contains("two amounts"));
    }

    #[test]
    fn plain_words_and_escapes_stay_in_the_title() {
        let quick = parse(r"f Closed \#42 - a # and @ alone, 50% done");
        assert_eq!(quick.title, "Closed #42 - a # and @ alone, 50% done");
        assert_eq!(quick.customer, None);
        assert!(quick.tags.is_empty());
        assert_eq!(quick.revenue, None);
    }

    #[test]
    fn field_texts_fill_the_form() {
        let quick = parse("p Send the quote @Acme #sales due:fri");
        assert_eq!(
            quick.field_texts(),
            vec![
                ("title", "Send the quote".to_string()),
                ("customer", "Acme".to_string()),
                ("tags", "sales".to_string()),
                ("due", "2026-11-20".to_string()),
            ]
        );
    }

    proptest! {
        #[test]
        fn never_panics(line in ".{0,80}") {
            let _ = parse_quick(&line, today());
        }

        #[test]
        fn never_panics_on_syntax_soup(
            words in prop::collection::vec(
                prop::sample::select(vec![
                    "s", "p", "x", "@", "@\"", "\"", "#", "+", "-", "+1", "-1,2.5",
                    "due:", "due:\"", "due:fri", ">", "3>", "3d>4h", "\\", "é", "💥", " ",
                ]),
                0..12,
            )
        ) {
            let line = words.concat();
            let _ = parse_quick(&line, today());
            let _ = parse_quick(&words.join(" "), today());
        }
    }
}
