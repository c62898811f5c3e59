//! Property tests of the bullet composer over generated entries: titles
//! made the ways people type them (any case, any verb form, clauses, noun
//! phrases, names, numbers), any numbers, any kind.

use chrono::NaiveDate;
use jobjournal::model::{Currency, Entry, EntryId, Kind, Money, PromiseStatus};
use jobjournal::report::{BULLET_MAX_CHARS, Bullets, Period, is_lead_verb, preview, resume_money};
use proptest::prelude::*;

const VERBS: &[&str] = &[
    "fix",
    "fixing",
    "fixes",
    "fixed",
    "send",
    "sent",
    "ship",
    "ships",
    "shipping",
    "build",
    "built",
    "automate",
    "automated",
    "migrate",
    "migrating",
    "set up",
    "rewrite",
    "rewrote",
    "speed up",
    "cut",
    "train",
    "trained",
    "deliver",
    "delivered",
    "close",
    "closed",
    "win",
    "won",
    "turn around",
    "turned around",
    "add",
    "added",
    "reship",
    "call",
    "quote",
    "update",
];
const OBJECTS: &[&str] = &[
    "the label printer queue",
    "a duplicate-invoice check",
    "the returns form",
    "refunds",
    "the Q4 forecast",
    "5 seats",
    "the CRM",
    "the VPN config",
    "new hires",
    "every open ticket",
    "the price list",
    "the holiday samples",
];
const SUBJECTS: &[&str] = &[
    "support team",
    "Harbor Dental",
    "bayview",
    "billing team",
    "the boss",
    "Finance",
    "they",
    "quote for Birch",
    "Acme renewal",
    "invoice run",
    "new portal",
];
const PREDICATES: &[&str] = &[
    "is now using",
    "added",
    "asked for",
    "approved",
    "signed",
    "renewed",
    "closed",
    "turned around",
    "went out",
    "went live",
    "adopted",
    "thanked us for",
    "chose",
];
const NOUNS: &[&str] = &[
    "money test",
    "price list refresh",
    "Q4 forecast",
    "holiday samples",
    "Upsell: 3 seats",
    "CRM training",
    "monthly report",
    "damaged shipment",
    "United Airlines renewal",
    "iPad rollout",
    "SLA report",
    "returns dashboard",
    "lunch with the team",
];
const CUSTOMERS: &[&str] = &[
    "Acme Corp",
    "Bayview",
    "Juniper Hotels",
    "Harbor Dental",
    "NHS Trust",
];

/// A title in one of the shapes people type, in one of the cases they use.
fn title() -> impl Strategy<Value = String> {
    let verb_led = (prop::sample::select(VERBS), prop::sample::select(OBJECTS))
        .prop_map(|(v, o)| format!("{v} {o}"));
    let clause = (
        prop::sample::select(SUBJECTS),
        prop::sample::select(PREDICATES),
        prop::sample::select(OBJECTS),
    )
        .prop_map(|(s, p, o)| format!("{s} {p} {o}"));
    let noun =
        (prop::sample::select(NOUNS), 0u32..3, 1u32..500).prop_map(|(n, extra, k)| match extra {
            0 => n.to_string(),
            1 => format!("{n} for {k} accounts"),
            _ => format!("{n} x{k}"),
        });
    let long = (prop::sample::select(VERBS), 1usize..20)
        .prop_map(|(v, n)| format!("{v} {}", "the very long list of steps and ".repeat(n)));
    (prop_oneof![verb_led, clause, noun, long], 0u8..4).prop_map(|(t, case)| match case {
        0 => t.to_lowercase(),
        1 => {
            let mut c = t.chars();
            c.next()
                .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
        }
        2 => t.to_uppercase(),
        _ => format!("I {t}."),
    })
}

fn money() -> impl Strategy<Value = Option<Money>> {
    prop::option::of(prop_oneof![
        (0i64..200_000).prop_map(Money),
        (0i64..100_000_000_000_000).prop_map(Money),
        Just(Money(0)),
    ])
}

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 18).expect("date")
}

prop_compose! {
    fn entry(index: usize)(
        kind in prop::sample::select(vec![Kind::Fix, Kind::Exceeded, Kind::Met, Kind::Promise, Kind::Note]),
        title in title(),
        customer in prop::option::of(prop::sample::select(CUSTOMERS)),
        revenue in money(),
        cost_saved in money(),
        hours in prop::option::of(prop_oneof![0.0f64..100.0, 0.0f64..1e6, Just(0.0)]),
        reach in prop::option::of(0u64..100_000),
        adopted in prop::collection::vec(prop::sample::select(vec!["billing team", "sales", "support desk", "Ops"]), 0..3),
        spans in prop::option::of((1u32..30, 1u32..30)),
        fixes in any::<bool>(),
    ) -> Entry {
        let id: EntryId = format!("2026-11-18-{index:04}").parse().expect("id");
        let mut e = Entry::new(id, day(), kind, title);
        e.customer = customer.map(str::to_string);
        e.revenue = revenue;
        e.cost_saved = cost_saved;
        e.hours_saved = hours;
        e.reach = reach;
        e.adopted_by = adopted.into_iter().map(str::to_string).collect();
        match kind {
            Kind::Exceeded => if let Some((d, x)) = spans {
                e.expected = Some(format!("{x} days"));
                e.delivered = Some(format!("{d} hours"));
            },
            Kind::Promise => e.status = Some(PromiseStatus::Kept),
            Kind::Fix if fixes => e.fixes = vec!["2026-11-17-s000".parse().expect("id")],
            _ => {}
        }
        e
    }
}

/// The bullet's properties that hold for every entry.
fn check(text: &str, entry: &Entry) -> Result<(), TestCaseError> {
    let words: Vec<&str> = text
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .collect();
    prop_assert!(text.chars().count() <= BULLET_MAX_CHARS, "too long: {text}");
    prop_assert!(is_lead_verb(words[0]), "no lexicon verb first: {text}");
    prop_assert!(
        words.len() < 2 || !is_lead_verb(words[1]),
        "doubled verb: {text}"
    );
    prop_assert!(!text.contains("$0"), "a zero amount: {text}");
    for unit in ["minute", "hour", "day", "week", "people"] {
        prop_assert!(!text.contains(&format!(" 0 {unit}")), "a zero: {text}");
    }
    let currency = Currency::default();
    for amount in [entry.revenue, entry.cost_saved].into_iter().flatten() {
        if amount.cents() >= 50 {
            let shown = resume_money(amount, &currency);
            prop_assert!(text.contains(&shown), "{shown} missing: {text}");
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn every_preview_reads_as_a_resume_line(e in entry(0)) {
        if let Some(text) = preview(&e, &Currency::default()) {
            check(&text, &e)?;
        }
    }

    #[test]
    fn no_bullet_names_a_screwup(
        mut batch in (1usize..8).prop_flat_map(|n| (0..n).map(entry).collect::<Vec<_>>()),
        screwup_title in prop::sample::select(vec![
            "Sent Harbor Clinic the October invoice twice",
            "credit note issued to Northgate wrongly",
            "forgot the Acme call-back",
        ]),
    ) {
        let screwup_id: EntryId = "2026-11-17-s000".parse().expect("id");
        let screwup = Entry::new(screwup_id, day() - chrono::Duration::days(1), Kind::Screwup, screwup_title);
        batch.push(screwup);
        let period = Period { since: day() - chrono::Duration::days(30), until: day() };
        let bullets = Bullets::build(&batch, period, &Currency::default());
        let mut openings = Vec::new();
        for b in &bullets.bullets {
            prop_assert!(!b.text.to_lowercase().contains(&screwup_title.to_lowercase()), "{}", b.text);
            prop_assert!(b.text.chars().count() <= BULLET_MAX_CHARS, "{}", b.text);
            let first = b.text.split_whitespace().next().unwrap_or("");
            prop_assert!(is_lead_verb(first.trim_end_matches(',')), "{}", b.text);
            openings.push(b.text.clone());
        }
        // A roll-up leaves no two bullets alike.
        let mut unique = openings.clone();
        unique.sort();
        unique.dedup();
        prop_assert_eq!(unique.len(), openings.len());
    }
}
