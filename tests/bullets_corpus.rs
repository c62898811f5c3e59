//! The composer against titles as people type them (`tests/bullets/corpus.toml`),
//! each with the bullet a recruiter would want, written by hand.

use chrono::NaiveDate;
use jobjournal::model::{Currency, Entry, EntryId, Kind, Money, PromiseStatus};
use jobjournal::report::preview;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Corpus {
    case: Vec<Case>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    kind: String,
    title: String,
    customer: Option<String>,
    revenue: Option<f64>,
    customer_value: Option<f64>,
    cost_saved: Option<f64>,
    hours_saved: Option<f64>,
    reach: Option<u64>,
    #[serde(default)]
    adopted_by: Vec<String>,
    expected: Option<String>,
    delivered: Option<String>,
    status: Option<String>,
    #[serde(default)]
    fixes: bool,
    bullet: String,
}

fn money(value: Option<f64>) -> Option<Money> {
    value.map(|v| Money::from_float(v).expect("money"))
}

impl Case {
    fn entry(&self, n: usize) -> Entry {
        let date = NaiveDate::from_ymd_opt(2026, 11, 17).expect("date");
        let id: EntryId = format!("2026-11-17-c{n:03}").parse().expect("id");
        let kind: Kind = self.kind.parse().expect("kind");
        let mut e = Entry::new(id, date, kind, self.title.clone());
        e.customer = self.customer.clone();
        e.revenue = money(self.revenue);
        e.customer_value = money(self.customer_value);
        e.cost_saved = money(self.cost_saved);
        e.hours_saved = self.hours_saved;
        e.reach = self.reach;
        e.adopted_by = self.adopted_by.clone();
        e.expected = self.expected.clone();
        e.delivered = self.delivered.clone();
        if let Some(status) = &self.status {
            e.status = Some(status.parse::<PromiseStatus>().expect("status"));
        }
        if self.fixes {
            e.fixes = vec!["2026-11-16-s001".parse().expect("id")];
        }
        e
    }
}

#[test]
fn every_title_makes_the_bullet_a_recruiter_would_paste() {
    let text = include_str!("bullets/corpus.toml");
    let corpus: Corpus = toml::from_str(text).expect("corpus parses");
    assert!(corpus.case.len() >= 80, "{} cases", corpus.case.len());
    let currency = Currency::default();
    let mut wrong = Vec::new();
    for (n, case) in corpus.case.iter().enumerate() {
        let got = preview(&case.entry(n), &currency).unwrap_or_default();
        if got != case.bullet {
            wrong.push(format!(
                "  title:    {}\n  expected: {}\n  got:      {}",
                case.title, case.bullet, got
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {} differ:\n{}",
        wrong.len(),
        corpus.case.len(),
        wrong.join("\n\n")
    );
}

#[test]
fn every_kind_is_in_the_corpus() {
    let corpus: Corpus = toml::from_str(include_str!("bullets/corpus.toml")).expect("parses");
    for kind in ["screwup", "fix", "exceeded", "met", "promise", "note"] {
        assert!(corpus.case.iter().any(|c| c.kind == kind), "{kind}");
    }
}
