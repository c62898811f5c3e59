//! The user's editor: `$VISUAL`, else `$EDITOR`, else `vi`, split like shell
//! words but run without a shell, on a private (0600) temp file. Used by
//! `edit` and by the form's Ctrl-E, so both pick and run the editor alike.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The editor command from the environment.
pub fn command() -> Result<Vec<String>, String> {
    let var = |name| std::env::var(name).ok();
    command_from(var("VISUAL"), var("EDITOR"))
}

/// The first of `visual`, `editor` that is not blank (else `vi`), as words.
fn command_from(visual: Option<String>, editor: Option<String>) -> Result<Vec<String>, String> {
    let raw = [visual, editor]
        .into_iter()
        .flatten()
        .find(|value| !value.trim().is_empty())
        .unwrap_or_else(|| "vi".to_string());
    let words = shell_words::split(&raw).map_err(|e| {
        format!(
            "cannot read the editor command '{}': {e}",
            crate::sanitize::line(&raw)
        )
    })?;
    if words.is_empty() {
        return Err("the editor command is empty".into());
    }
    Ok(words)
}

/// A new private file in the temp dir, `jobjournal-<name>-<random>.<ext>`,
/// holding `text`.
pub fn private_file(name: &str, ext: &str, text: &str) -> Result<PathBuf, String> {
    let path =
        std::env::temp_dir().join(format!("jobjournal-{name}-{:08x}.{ext}", fastrand::u32(..)));
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options
        .open(&path)
        .map_err(|e| format!("cannot create {}: {e}", path.display()))?;
    file.write_all(text.as_bytes())
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(path)
}

/// Runs the editor on `path` and waits; `Err` when it cannot start or
/// exits with a failure.
pub fn open(path: &Path) -> Result<(), String> {
    run(&command()?, path)
}

fn run(words: &[String], path: &Path) -> Result<(), String> {
    let (program, args) = words.split_first().ok_or("the editor command is empty")?;
    let status = Command::new(program)
        .args(args)
        .arg(path)
        .status()
        .map_err(|e| {
            format!(
                "cannot start the editor '{}': {e}",
                crate::sanitize::line(program)
            )
        })?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("the editor exited with {status}"))
    }
}

/// Edits `text` in a temp file that is removed afterwards; returns what
/// the user saved.
pub fn edit_text(name: &str, ext: &str, text: &str) -> Result<String, String> {
    let path = private_file(name, ext, text)?;
    let result = open(&path).and_then(|()| {
        fs::read_to_string(&path).map_err(|e| format!("cannot read back the edit: {e}"))
    });
    let _ = fs::remove_file(&path);
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(list: &[&str]) -> Vec<String> {
        list.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn visual_wins_then_editor_then_vi() {
        let some = |s: &str| Some(s.to_string());
        assert_eq!(
            command_from(some("code -w"), some("nano")),
            Ok(words(&["code", "-w"]))
        );
        assert_eq!(command_from(some("  "), some("nano")), Ok(words(&["nano"])));
        assert_eq!(command_from(None, None), Ok(words(&["vi"])));
        assert_eq!(
            command_from(some("'my editor' --wait"), None),
            Ok(words(&["my editor", "--wait"]))
        );
        assert!(command_from(some("vim 'unclosed"), None).is_err());
    }

    #[test]
    fn the_editor_gets_the_file_as_its_last_word_without_a_shell() {
        let path = private_file("test", "txt", "original").unwrap();
        // `sh -c '…' "$0"` stands in for an editor taking the file last.
        let editor = words(&["sh", "-c", "printf edited > \"$0\""]);
        run(&editor, &path).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "edited");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let failing = words(&["sh", "-c", "exit 3"]);
        assert!(run(&failing, &path).unwrap_err().contains("exited"));
        let missing = words(&["/nonexistent/editor"]);
        assert!(run(&missing, &path).unwrap_err().contains("cannot start"));
        fs::remove_file(path).unwrap();
    }
}
