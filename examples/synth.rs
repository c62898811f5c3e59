//! Writes a deterministic, realistic synthetic journal for benchmarks and demos.
//!
//! `cargo run --release --example synth -- --entries 100000 --dir DIR [--seed 7] [--until YYYY-MM-DD]`
//!
//! Working backwards from `--until` (default: today), every weekday gets 1–10
//! entries of every kind, with customers, tags, money, details, promises
//! (kept, missed and open) and fixes linked to earlier screw-ups.

use std::path::PathBuf;

use chrono::{Datelike, Duration, NaiveDate, NaiveTime, Weekday};
use jobjournal::model::{Entry, EntryId, Kind, Money, PromiseStatus};
use jobjournal::store::{DayFile, Journal};

const CUSTOMERS: &[&str] = &[
    "Acme Corp",
    "Birch Ltd",
    "Cobalt Freight",
    "Dunmore Dental",
    "Elm Street Bakery",
    "Fjord Shipping",
    "Granite Insurance",
    "Harbor Clinic",
    "Ivy Labs",
    "Juniper Hotels",
    "Kestrel Air",
    "Lumen Energy",
    "Maple Schools",
    "Northwind Foods",
    "Orchid Spa",
    "Pine & Co",
    "Quarry Tools",
    "Riverbank Bank",
];
const TAGS: &[&str] = &[
    "billing",
    "onboarding",
    "support",
    "shipping",
    "contracts",
    "quality",
    "reporting",
    "training",
];
const SCREWUPS: &[&str] = &[
    "Sent {c} the monthly invoice twice",
    "Missed the call-back window for {c}",
    "Shipped {c} the wrong parts",
    "Quoted {c} last year's prices",
    "Forgot to copy {c} on the incident report",
    "Let a {t} ticket from {c} sit for three days",
];
const FIXES: &[&str] = &[
    "Added a duplicate check to the {t} run",
    "Set up a call-back reminder for {t} cases",
    "Wrote a checklist for {t} handovers",
    "Automated the {t} price list refresh",
    "Made {t} alerts go to the team channel",
];
const EXCEEDED: &[&str] = &[
    "Turned around the {c} quote same day",
    "Delivered the {c} {t} report a week early",
    "Solved {c}'s {t} issue on the first call",
    "Trained {c}'s new staff in half the planned time",
];
const MET: &[&str] = &[
    "Delivered the {c} {t} review on time",
    "Closed the {c} {t} ticket as promised",
    "Sent {c} the weekly {t} summary",
];
const PROMISES: &[&str] = &[
    "Send {c} the revised contract",
    "Call {c} back about {t}",
    "Get {c} a {t} quote",
    "Visit {c} on site",
];
const NOTES: &[&str] = &[
    "Lunch with the {t} team",
    "{c} mentioned expanding next quarter",
    "Read up on {t} regulations",
];

struct Args {
    entries: usize,
    dir: PathBuf,
    seed: u64,
    until: NaiveDate,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        entries: 1000,
        dir: PathBuf::new(),
        seed: 7,
        until: chrono::Local::now().date_naive(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--entries" => {
                args.entries = value()?.parse().map_err(|e| format!("--entries: {e}"))?
            }
            "--dir" => args.dir = PathBuf::from(value()?),
            "--seed" => args.seed = value()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--until" => {
                args.until = NaiveDate::parse_from_str(&value()?, "%Y-%m-%d")
                    .map_err(|e| format!("--until: {e}"))?
            }
            other => return Err(format!("unknown argument {other}")),
        }
    }
    if args.dir.as_os_str().is_empty() {
        return Err("--dir DIR is required".into());
    }
    Ok(args)
}

fn fill(template: &str, rng: &mut fastrand::Rng) -> (String, &'static str, &'static str) {
    let customer = CUSTOMERS[rng.usize(..CUSTOMERS.len())];
    let tag = TAGS[rng.usize(..TAGS.len())];
    (
        template.replace("{c}", customer).replace("{t}", tag),
        customer,
        tag,
    )
}

fn pick<'a>(rng: &mut fastrand::Rng, list: &'a [&'a str]) -> &'a str {
    list[rng.usize(..list.len())]
}

fn money(rng: &mut fastrand::Rng, max: i64) -> Money {
    Money(rng.i64(1..=max) * 100 + if rng.bool() { rng.i64(0..100) } else { 0 })
}

fn make_entry(
    date: NaiveDate,
    index: usize,
    rng: &mut fastrand::Rng,
    open_screwups: &mut Vec<EntryId>,
) -> Entry {
    let kind = match rng.u8(..100) {
        0..=14 => Kind::Screwup,
        15..=29 => Kind::Fix,
        30..=44 => Kind::Exceeded,
        45..=64 => Kind::Met,
        65..=82 => Kind::Promise,
        _ => Kind::Note,
    };
    let template = match kind {
        Kind::Screwup => pick(rng, SCREWUPS),
        Kind::Fix => pick(rng, FIXES),
        Kind::Exceeded => pick(rng, EXCEEDED),
        Kind::Met => pick(rng, MET),
        Kind::Promise => pick(rng, PROMISES),
        Kind::Note => pick(rng, NOTES),
    };
    let (title, customer, tag) = fill(template, rng);
    let id: EntryId = format!("{}-{}", date.format("%Y-%m-%d"), base36(index))
        .parse()
        .expect("valid id");
    let mut entry = Entry::new(id, date, kind, title);
    entry.time = NaiveTime::from_hms_opt(8 + rng.u32(..10), rng.u32(..60), 0);
    if rng.u8(..10) < 8 {
        entry.customer = Some(customer.to_string());
        entry.customer_value = rng.bool().then(|| money(rng, 500_000));
    }
    entry.tags = vec![tag.to_string()];
    if rng.u8(..3) == 0 {
        entry.details = Some(format!(
            "What happened, in more words than the title.\nFollow-up owner: me. Context: {tag} work for {customer}."
        ));
    }
    match kind {
        Kind::Screwup => {
            entry.revenue = rng.bool().then(|| Money(-money(rng, 5_000).0));
            open_screwups.push(entry.id.clone());
        }
        Kind::Fix => {
            if !open_screwups.is_empty() && rng.u8(..4) != 0 {
                entry.fixes = vec![open_screwups.swap_remove(rng.usize(..open_screwups.len()))];
            }
            entry.cost_saved = rng.bool().then(|| money(rng, 20_000));
            entry.hours_saved = rng.bool().then(|| f64::from(rng.u32(1..40)));
            entry.reach = rng.bool().then(|| rng.u64(1..500));
            if rng.u8(..5) == 0 {
                entry.adopted_by = vec![format!("the {tag} team")];
            }
        }
        Kind::Exceeded => {
            entry.expected = Some(format!("{} days", rng.u8(2..10)));
            entry.delivered = Some(format!("{} hours", rng.u8(2..24)));
            entry.revenue = rng.bool().then(|| money(rng, 50_000));
            entry.hours_saved = rng.bool().then(|| f64::from(rng.u32(1..100)));
        }
        Kind::Met => entry.revenue = (rng.u8(..3) == 0).then(|| money(rng, 10_000)),
        Kind::Promise => {
            entry.due = Some(date + Duration::days(rng.i64(1..15)));
            entry.status = Some(match rng.u8(..10) {
                0 => PromiseStatus::Missed,
                1 => PromiseStatus::Open,
                _ => PromiseStatus::Kept,
            });
        }
        Kind::Note => {}
    }
    entry
}

fn base36(mut n: usize) -> String {
    let digits = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = [b'0'; 4];
    for slot in out.iter_mut().rev() {
        *slot = digits[n % 36];
        n /= 36;
    }
    String::from_utf8(out.to_vec()).expect("ascii")
}

fn main() {
    let args = match parse_args() {
        Ok(args) => args,
        Err(err) => {
            eprintln!(
                "synth: {err}\nusage: synth --entries N --dir DIR [--seed S] [--until YYYY-MM-DD]"
            );
            std::process::exit(2);
        }
    };
    let mut rng = fastrand::Rng::with_seed(args.seed);
    let journal = Journal::new(&args.dir);
    // Plan the days newest first, then write oldest first so fixes link back.
    let mut days = Vec::new();
    let mut remaining = args.entries;
    let mut date = args.until;
    while remaining > 0 {
        if !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) {
            let count = rng.usize(1..=10).min(remaining);
            days.push((date, count));
            remaining -= count;
        }
        date -= Duration::days(1);
    }
    days.reverse();
    let mut open_screwups = Vec::new();
    for (date, count) in &days {
        let mut file = DayFile::empty(*date);
        for index in 0..*count {
            file.append(&make_entry(*date, index, &mut rng, &mut open_screwups));
        }
        let path = journal.day_path(*date);
        std::fs::create_dir_all(path.parent().expect("day files live in a year dir"))
            .expect("create year dir");
        // A generator needs no fsync per file: plain writes keep 100k entries quick.
        std::fs::write(&path, file.render()).expect("write day file");
        if open_screwups.len() > 50 {
            open_screwups.drain(..25);
        }
    }
    let first = days.first().map(|d| d.0).unwrap_or(args.until);
    println!(
        "wrote {} entries in {} day files from {first} to {} into {}",
        args.entries,
        days.len(),
        args.until,
        args.dir.display()
    );
}
