//! `edit`, `delete`, `done`, `missed`: changing one entry by id.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;

use super::add::parse_id;
use super::{CliError, Context};
use crate::model::{EntryId, Kind, PromiseStatus};
use crate::sanitize;
use crate::store::DayFile;

#[derive(Debug, Args)]
pub struct IdArg {
    /// The entry's id, as `list` shows it (e.g. 2026-11-18-k7q2).
    #[arg(value_parser = parse_id)]
    pub id: EntryId,
}

#[derive(Debug, Args)]
pub struct DeleteArgs {
    /// The entry's id, as `list` shows it (e.g. 2026-11-18-k7q2).
    #[arg(value_parser = parse_id)]
    pub id: EntryId,
    /// Delete a screw-up even though fixes point to it (they will point nowhere).
    #[arg(long)]
    pub force: bool,
}

/// Deletes one entry and prints how to put it back: its lines exactly as
/// they were in its day file (comments and unknown keys too, same id, so
/// fixes pointing to it point to it again once they are back).
pub fn delete(context: &Context, args: DeleteArgs) -> Result<ExitCode, CliError> {
    let journal = &context.journal;
    let (entry, table_text) = journal.entry_text(&args.id)?;
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
    let deleted = journal.delete(&args.id)?;
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
    let entry = context.journal.find(&args.id)?;
    if entry.kind != Kind::Promise {
        return Err(CliError::Runtime(format!(
            "{} is a {}, not a promise",
            entry.id,
            entry.kind.as_str()
        )));
    }
    context.journal.modify(&args.id, |entry| {
        entry.status = Some(status);
        Ok(())
    })?;
    println!("{} {}  {}", status, entry.id, sanitize::line(&entry.title));
    Ok(ExitCode::SUCCESS)
}

/// Lines the app adds above the entry in the editor; removed before saving.
const HEADER_MARK: &str = "# jobjournal:";

pub fn edit(context: &Context, args: IdArg) -> Result<ExitCode, CliError> {
    let (entry, table_text) = context.journal.entry_text(&args.id)?;
    let header = format!(
        "{HEADER_MARK} editing {} of {}. Save and quit to apply; quit without saving to cancel.\n\
         {HEADER_MARK} comments and keys you add are kept. These two lines are removed.\n",
        entry.id, entry.date
    );
    let original = format!("{header}{table_text}");
    let path = write_edit_file(&entry.id, &original)?;
    let keep = |why: String| {
        CliError::Runtime(format!(
            "{why}\nNothing was changed. Your text is kept in {}",
            sanitize::line(&path.display().to_string())
        ))
    };
    run_editor(&path).map_err(&keep)?;
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
    new_entry.validate().map_err(|e| keep(e.to_string()))?;
    context
        .journal
        .check_links(&new_entry)
        .map_err(|e| keep(e.to_string()))?;
    let stripped: String = edited
        .split_inclusive('\n')
        .filter(|l| !l.starts_with(HEADER_MARK))
        .collect();
    let (_, table) =
        DayFile::parse_edited(&path, entry.date, &stripped).map_err(|p| keep(p.to_string()))?;
    context
        .journal
        .replace_table(&entry.id, entry.date, table)
        .map_err(|e| keep(e.to_string()))?;
    let _ = fs::remove_file(&path);
    println!(
        "saved {}  {}",
        new_entry.id,
        sanitize::line(&new_entry.title)
    );
    Ok(ExitCode::SUCCESS)
}

/// A private (0600) file in the temp dir holding the text to edit.
fn write_edit_file(id: &EntryId, text: &str) -> Result<PathBuf, CliError> {
    let path = std::env::temp_dir().join(format!(
        "jobjournal-edit-{id}-{:06x}.toml",
        fastrand::u32(..0xffffff)
    ));
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options
        .open(&path)
        .map_err(|e| CliError::Runtime(format!("cannot create {}: {e}", path.display())))?;
    file.write_all(text.as_bytes())
        .map_err(|e| CliError::Runtime(format!("cannot write {}: {e}", path.display())))?;
    Ok(path)
}

/// The editor command: `$VISUAL`, else `$EDITOR`, else `vi`; split like a
/// shell would split words, but run without a shell.
pub fn editor_command() -> Result<Vec<String>, String> {
    let raw = ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|value| !value.trim().is_empty())
        .unwrap_or_else(|| "vi".to_string());
    let words = shell_words::split(&raw)
        .map_err(|e| format!("cannot read the editor command '{raw}': {e}"))?;
    if words.is_empty() {
        return Err("the editor command is empty".into());
    }
    Ok(words)
}

fn run_editor(path: &Path) -> Result<(), String> {
    let words = editor_command()?;
    let status = std::process::Command::new(&words[0])
        .args(&words[1..])
        .arg(path)
        .status()
        .map_err(|e| format!("cannot start the editor '{}': {e}", words[0]))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("the editor exited with {status}"))
    }
}
