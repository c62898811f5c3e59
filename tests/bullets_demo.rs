//! The demo journal's bullets, read as a recruiter would: every one fits a
//! line, opens with a past-tense action verb, no two open alike, and none
//! repeats a screw-up or says "expectations".

use std::path::Path;

use chrono::NaiveDate;
use jobjournal::model::Currency;
use jobjournal::report::{BULLET_MAX_CHARS, Bullets, Period, Source, is_lead_verb};
use jobjournal::store::DayFile;

fn demo_bullets() -> Bullets {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo/journal.toml");
    let text = std::fs::read_to_string(&path).expect("demo journal");
    let day = NaiveDate::from_ymd_opt(2026, 11, 16).expect("date");
    let parsed = DayFile::parse(&path, day, &text);
    assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
    let mut entries = parsed.entries;
    for e in &mut entries {
        e.date = e.id.date();
    }
    let period = Period {
        since: NaiveDate::from_ymd_opt(2026, 1, 1).expect("date"),
        until: NaiveDate::from_ymd_opt(2026, 12, 31).expect("date"),
    };
    Bullets::build(&entries, period, &Currency::default())
}

#[test]
fn demo_bullets_read_well() {
    let bullets = demo_bullets();
    for b in &bullets.bullets {
        println!("{:>3} {}", b.text.chars().count(), b.text);
    }
    assert!(bullets.bullets.len() >= 15, "{}", bullets.bullets.len());
    let mut openings = Vec::new();
    for b in &bullets.bullets {
        let text = &b.text;
        assert!(text.chars().count() <= BULLET_MAX_CHARS, "{text}");
        let first = text.split_whitespace().next().unwrap_or("");
        assert!(is_lead_verb(first), "{text}");
        assert!(!text.contains("xpectation"), "{text}");
        assert!(!text.contains("s's "), "{text}");
        if b.source == Source::Composed {
            let opening: Vec<&str> = text.split_whitespace().take(4).collect();
            assert!(
                !openings.contains(&opening),
                "two bullets open alike: {text}"
            );
            openings.push(opening);
        }
    }
    // Two renewals, one each for two customers: a recruiter reads the names
    // as proof, where "Closed 2 renewals" asks them to take it on trust.
    assert!(
        bullets.bullets.iter().any(|b| b.text
            == "Closed the Birch Ltd and Dunmore Dental renewals as agreed, worth $42K in total"),
        "the renewals bullet names its customers"
    );
}
