//! `edit`, `delete`, `done`, `missed`: changing one entry by id.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;

use super::add::parse_id;
use super::{CliError, Context};
use crate::model::{EntryId, Kind, ModelError, PromiseStatus};
use crate::sanitize;
use crate::store::DayFile;

#[derive(Debug, Args)]
pub struct IdArg {
    /// The entry's id, as `list` shows it (e.g. 2026-11-18-k7q2).
    #[arg(value_parser = parse_id)]
    pub id: EntryId,
}

pub fn delete(context: &Context, args: IdArg) -> Result<ExitCode, CliError> {
    let deleted = context.journal.delete(&args.id)?;
    println!(
        "deleted {}  {}",
        deleted.entry.id,
        sanitize::line(&deleted.entry.title)
    );
    Ok(ExitCode::SUCCESS)
}

pub fn set_status(
    context: &Context,
    args: IdArg,
    status: PromiseStatus,
) -> Result<ExitCode, CliError> {
    // The look-up and the change happen under the store's lock.
    let entry = context.journal.modify(&args.id, |entry| {
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
    let (_, table) = DayFile::parse_edited(&path, entry.date, strip_header(&edited, &header))
        .map_err(|p| keep(p.to_string()))?;
    // Applied against the entry as read when the editor opened, so a
    // change saved meanwhile (a `done`, the TUI) is kept, not reverted.
    context
        .journal
        .update_table(&entry, &table_text, &new_entry, table)
        .map_err(|e| keep(e.to_string()))?;
    let _ = fs::remove_file(&path);
    println!(
        "saved {}  {}",
        new_entry.id,
        sanitize::line(&new_entry.title)
    );
    Ok(ExitCode::SUCCESS)
}

/// The text without the header `edit` wrote above it, when it is still
/// there as written; a `# jobjournal:` line anywhere else is the user's.
fn strip_header<'a>(edited: &'a str, header: &str) -> &'a str {
    header
        .split_inclusive('\n')
        .fold(edited, |rest, line| rest.strip_prefix(line).unwrap_or(rest))
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
