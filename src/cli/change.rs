//! `edit`, `delete`, `done`, `missed`: changing one entry by id.

use std::fs;
use std::process::ExitCode;

use clap::Args;

use super::add::parse_id_or_short;
use super::{CliError, Context};
use crate::model::{EntryId, Kind, ModelError, PromiseStatus};
use crate::sanitize;
use crate::store::DayFile;

#[derive(Debug, Args)]
pub struct IdArg {
    /// The entry's id, as `list` shows it (e.g. 2026-11-18-k7q2), or the
    /// four characters after the date (k7q2) when no other entry has them.
    #[arg(value_parser = parse_id_or_short)]
    pub id: String,
}

#[derive(Debug, Args)]
pub struct DeleteArgs {
    /// The entry's id, as `list` shows it (e.g. 2026-11-18-k7q2), or the
    /// four characters after the date (k7q2) when no other entry has them.
    #[arg(value_parser = parse_id_or_short)]
    pub id: String,
    /// Delete a screw-up even though fixes point to it (they will point nowhere).
    #[arg(long)]
    pub force: bool,
}

/// Deletes one entry and prints how to put it back: its lines exactly as
/// they were in its day file (comments and unknown keys too, same id, so
/// fixes pointing to it point to it again once they are back).
pub fn delete(context: &Context, args: DeleteArgs) -> Result<ExitCode, CliError> {
    let journal = &context.journal;
    let id = journal.resolve_id(&args.id)?;
    let (entry, table_text) = journal.entry_text(&id)?;
    let fixes = fixes_of(context, &entry.id)?;
    if !fixes.is_empty() && !args.force {
        let names: Vec<String> = fixes
            .iter()
            .map(|f| format!("{} \"{}\"", f.id, sanitize::line(&f.title)))
            .collect();
        return Err(CliError::Runtime(format!(
            "{} is fixed by {}; delete it with --force and they will point to nothing",
            entry.id,
            names.join(", ")
        )));
    }
    let saved = journal.delete(&id)?;
    let deleted = &saved.value;
    println!(
        "deleted {}  {}",
        deleted.entry.id,
        sanitize::line(&deleted.entry.title)
    );
    println!(
        "to restore it, add these lines to {}:\n\n{}",
        sanitize::line(&journal.day_path(entry.date).display().to_string()),
        sanitize::block(table_text.trim_end())
    );
    super::warn(saved.warning);
    Ok(ExitCode::SUCCESS)
}

/// The fixes that name `id`, from the whole journal. (The scan's needle
/// looks at search texts, which hold no links, so every file is looked at.)
pub fn fixes_of(context: &Context, id: &EntryId) -> Result<Vec<crate::model::Entry>, CliError> {
    let loaded = context.journal.scan(&crate::store::Scan {
        keep: &|e| e.fixes.contains(id),
        needle: None,
    })?;
    Ok(loaded.entries)
}

pub fn set_status(
    context: &Context,
    args: IdArg,
    status: PromiseStatus,
) -> Result<ExitCode, CliError> {
    let id = context.journal.resolve_id(&args.id)?;
    // The look-up and the change happen under the store's lock.
    let saved = context.journal.modify(&id, |entry| {
        if entry.kind != Kind::Promise {
            return Err(ModelError::Invalid(format!(
                "{} is a {}, not a promise",
                entry.id,
                entry.kind.as_str()
            )));
        }
        entry.set_status(status, context.today);
        Ok(())
    })?;
    let entry = &saved.value;
    println!("{} {}  {}", status, entry.id, sanitize::line(&entry.title));
    super::warn(saved.warning);
    Ok(ExitCode::SUCCESS)
}

/// Lines the app adds above the entry in the editor; removed before saving.
const HEADER_MARK: &str = "# jobjournal:";

pub fn edit(context: &Context, args: IdArg) -> Result<ExitCode, CliError> {
    let id = context.journal.resolve_id(&args.id)?;
    let (entry, table_text) = context.journal.entry_text(&id)?;
    let header = format!(
        "{HEADER_MARK} editing {} of {}. Save and quit to apply; quit without saving to cancel.\n\
         {HEADER_MARK} comments and keys you add are kept. These two lines are removed.\n",
        entry.id, entry.date
    );
    let original = format!("{header}{table_text}");
    let path = crate::editor::private_file(&format!("edit-{}", entry.id), "toml", &original)
        .map_err(CliError::Runtime)?;
    let keep = |why: String| {
        CliError::Runtime(format!(
            "{why}\nNothing was changed. Your text is kept in {}",
            sanitize::line(&path.display().to_string())
        ))
    };
    crate::editor::open(&path).map_err(&keep)?;
    let edited =
        fs::read_to_string(&path).map_err(|e| keep(format!("cannot read back the edit: {e}")))?;
    if edited == original {
        let _ = fs::remove_file(&path);
        println!("no changes to {}", entry.id);
        return Ok(ExitCode::SUCCESS);
    }
    // Validate the text as the user sees it, so line numbers match their file.
    let (new_entry, _) =
        DayFile::parse_edited(&path, entry.date, &edited).map_err(|p| keep(p.to_string()))?;
    if new_entry.id != entry.id {
        return Err(keep(format!(
            "the id changed from {} to {}; ids cannot be changed",
            entry.id, new_entry.id
        )));
    }
    crate::model::check_entry(&new_entry).map_err(|(_, message)| keep(message))?;
    let (_, table) = DayFile::parse_edited(&path, entry.date, strip_header(&edited, &header))
        .map_err(|p| keep(p.to_string()))?;
    // Applied against the entry as read when the editor opened, so a
    // change saved meanwhile (a `done`, the TUI) is kept, not reverted.
    let saved = context
        .journal
        .update_table(&entry, &table_text, &new_entry, table)
        .map_err(|e| keep(e.to_string()))?;
    let _ = fs::remove_file(&path);
    println!(
        "saved {}  {}",
        new_entry.id,
        sanitize::line(&new_entry.title)
    );
    super::warn(saved.warning);
    Ok(ExitCode::SUCCESS)
}

/// The text without the header `edit` wrote above it, when it is still
/// there as written; a `# jobjournal:` line anywhere else is the user's.
fn strip_header<'a>(edited: &'a str, header: &str) -> &'a str {
    header
        .split_inclusive('\n')
        .fold(edited, |rest, line| rest.strip_prefix(line).unwrap_or(rest))
}
