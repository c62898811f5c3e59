//! Converts a journal into the formats of the peers `bench/peers.sh` times,
//! so each holds the same entries: jrnl's plain text and tui-journal's JSON.
//!
//! `cargo run --release --example to_peers -- --journal DIR [--jrnl FILE] [--tui-journal FILE]`

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use chrono::NaiveTime;
use jobjournal::model::Entry;
use jobjournal::store::Journal;
use serde_json::json;

#[derive(Default)]
struct Args {
    journal: PathBuf,
    jrnl: Option<PathBuf>,
    tui_journal: Option<PathBuf>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args::default();
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it
            .next()
            .map(PathBuf::from)
            .ok_or_else(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--journal" => args.journal = value,
            "--jrnl" => args.jrnl = Some(value),
            "--tui-journal" => args.tui_journal = Some(value),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    if args.journal.as_os_str().is_empty() {
        return Err("--journal DIR is required".into());
    }
    Ok(args)
}

/// The words after the title: what jrnl and tui-journal keep as the body.
fn body(entry: &Entry) -> String {
    let mut body = format!("Kind: {}.", entry.kind.as_str());
    if let Some(customer) = &entry.customer {
        let _ = write!(body, " Customer: {customer}.");
    }
    if let Some(details) = &entry.details {
        let _ = write!(body, "\n{details}");
    }
    body
}

fn time(entry: &Entry) -> NaiveTime {
    entry.time.unwrap_or(NaiveTime::MIN)
}

/// jrnl's plain-text journal: `[YYYY-MM-DD HH:MM] title` then the body, tags
/// as `@tag` words, one blank line between entries, oldest first.
fn to_jrnl(entries: &[Entry]) -> String {
    let mut out = String::new();
    for entry in entries {
        let tags: Vec<String> = entry.tags.iter().map(|t| format!("@{t}")).collect();
        let _ = write!(
            out,
            "[{} {}] {}.\n{} {}\n\n",
            entry.date.format("%Y-%m-%d"),
            time(entry).format("%H:%M"),
            entry.title,
            body(entry),
            tags.join(" ")
        );
    }
    out
}

/// tui-journal's JSON back-end: an array of `{id, date, title, content, tags, priority}`.
fn to_tui_journal(entries: &[Entry]) -> String {
    let list: Vec<_> = entries
        .iter()
        .enumerate()
        .map(|(id, entry)| {
            let date = entry.date.and_time(time(entry)).and_utc();
            json!({
                "id": id,
                "date": date.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                "title": entry.title,
                "content": body(entry),
                "tags": entry.tags,
                "priority": null,
            })
        })
        .collect();
    serde_json::to_string(&list).expect("JSON values always serialise")
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

fn run(args: &Args) -> Result<usize, String> {
    let loaded = Journal::new(&args.journal)
        .load_all()
        .map_err(|e| e.to_string())?;
    if let Some(problem) = loaded.problems.first() {
        return Err(format!("the journal has problems, e.g. {problem}"));
    }
    let mut entries = loaded.entries;
    // Day files are read in date order; within a day, keep the written order.
    entries.sort_by_key(|e| (e.date, time(e)));
    if let Some(path) = &args.jrnl {
        write(path, &to_jrnl(&entries))?;
    }
    if let Some(path) = &args.tui_journal {
        write(path, &to_tui_journal(&entries))?;
    }
    Ok(entries.len())
}

fn main() {
    let args = match parse_args() {
        Ok(args) => args,
        Err(err) => {
            eprintln!(
                "to_peers: {err}\nusage: to_peers --journal DIR [--jrnl FILE] [--tui-journal FILE]"
            );
            std::process::exit(2);
        }
    };
    match run(&args) {
        Ok(count) => println!("converted {count} entries"),
        Err(err) => {
            eprintln!("to_peers: {err}");
            std::process::exit(1);
        }
    }
}
