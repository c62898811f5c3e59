//! `import jrnl FILE`: entries from a jrnl journal (plain text or its JSON
//! export). Everything is read and checked before anything is written, and
//! ids come from the source, so importing the same file twice adds nothing.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};

use super::add::parse_kind;
use super::list::warn_problems;
use super::{CliError, Context};
use crate::import::jrnl::{self, JrnlEntry};
use crate::model::{Entry, EntryId, Kind};
use crate::sanitize;
use crate::store::{Scan, StoreError};

/// Different entries whose ids collide this many times in a row are refused.
const ID_ATTEMPTS: u32 = 64;

#[derive(Debug, Args)]
pub struct ImportArgs {
    #[command(subcommand)]
    pub source: ImportSource,
}

#[derive(Debug, Subcommand)]
pub enum ImportSource {
    /// A jrnl journal: its plain-text file or its `jrnl --export json` output.
    Jrnl(JrnlArgs),
}

#[derive(Debug, Args)]
pub struct JrnlArgs {
    /// The journal file, or a file holding `jrnl --export json`.
    pub file: PathBuf,
    /// The kind of entries with no kind tag (@screwup, @fix, @win, @met, @promise, @note).
    #[arg(long, value_parser = parse_kind, default_value = "note")]
    pub kind: Kind,
    /// Print what would be added; write nothing.
    #[arg(long)]
    pub dry_run: bool,
}

pub fn run(context: &Context, args: ImportArgs) -> Result<ExitCode, CliError> {
    let ImportSource::Jrnl(args) = args.source;
    let name = sanitize::line(&args.file.display().to_string());
    let bytes = std::fs::read(&args.file)
        .map_err(|err| CliError::Usage(format!("cannot read {name}: {err}")))?;
    let text = String::from_utf8(bytes).map_err(|_| {
        CliError::Usage(format!(
            "{name} is not UTF-8 text (an encrypted jrnl journal? export it with `jrnl --export json` first)"
        ))
    })?;
    let parsed = jrnl::parse(&text)
        .map_err(|e| CliError::Usage(format!("{name}:{}: {}", e.line, e.message)))?;
    let mut dates: Vec<_> = parsed.iter().map(|e| e.date).collect();
    dates.sort_unstable();
    dates.dedup();
    // An entry keeps its id when it moves: an earlier import's entry may
    // be on any day now, so every entry with an id of these days counts.
    let dates: HashSet<_> = dates.into_iter().collect();
    let keep = |e: &Entry| dates.contains(&e.id.date());
    let existing = context.journal.scan(&Scan {
        keep: &keep,
        needle: None,
    })?;
    warn_problems(&existing);
    let plan = plan(&parsed, args.kind, &existing.entries)
        .map_err(|e| CliError::Usage(format!("{name}:{}: {}", e.line, e.message)))?;
    let verb = if args.dry_run { "would add" } else { "added" };
    if args.dry_run {
        for entry in &plan.new {
            println!(
                "would add {} {} {}",
                entry.id,
                entry.kind.as_str(),
                sanitize::line(&entry.title)
            );
        }
    } else if !plan.new.is_empty() {
        let saved = context
            .journal
            .add_with_ids(&plan.new)
            .map_err(|err| match err {
                // Ids come from the file, so what landed is recognised.
                StoreError::PartlyKept { .. } => CliError::Runtime(format!(
                    "{err}\nImporting the same file again adds only the entries still missing."
                )),
                err => err.into(),
            })?;
        super::warn(saved.warning);
    }
    println!(
        "{verb} {} {}; {} already in the journal",
        plan.new.len(),
        if plan.new.len() == 1 {
            "entry"
        } else {
            "entries"
        },
        plan.skipped
    );
    Ok(ExitCode::SUCCESS)
}

/// What an import adds, and how many entries it already has.
struct Plan {
    new: Vec<Entry>,
    skipped: usize,
}

/// Gives each jrnl entry its stable id: the first of its candidate ids
/// that is free, unless the entry that holds one is this very entry
/// (imported before, or written twice in the file), which is skipped.
fn plan(parsed: &[JrnlEntry], default: Kind, existing: &[Entry]) -> Result<Plan, jrnl::ParseError> {
    let mut taken: HashMap<EntryId, Entry> =
        existing.iter().map(|e| (e.id.clone(), e.clone())).collect();
    let mut plan = Plan {
        new: Vec::new(),
        skipped: 0,
    };
    'entries: for source in parsed {
        for attempt in 0..ID_ATTEMPTS {
            let entry = source.to_entry(default, attempt)?;
            match taken.get(&entry.id) {
                Some(held) if same(held, &entry) => {
                    plan.skipped += 1;
                    continue 'entries;
                }
                Some(_) => continue,
                None => {
                    taken.insert(entry.id.clone(), entry.clone());
                    plan.new.push(entry);
                    continue 'entries;
                }
            }
        }
        return Err(jrnl::ParseError {
            line: source.line,
            message: "no free id for this entry".into(),
        });
    }
    Ok(plan)
}

/// The same imported entry, under the same id: its title and details (the
/// user may have moved it to another day, changed its kind or added numbers
/// since, and it is still the same one).
fn same(held: &Entry, new: &Entry) -> bool {
    held.title == new.title && held.details == new.details
}
