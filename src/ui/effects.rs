//! Runs the app's `Effect`s against the store and the file system, and turns
//! each result into the `Action` the app hears next. Errors become messages.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::SystemTime;

use anyhow::{Context, bail};

use super::action::{Action, Effect};
use super::draft::{self, Draft};
use crate::model::Week;
use crate::store::{Journal, StoreError, atomic_write, create_private_dir};

pub struct Effects {
    pub journal: Journal,
    export_dir: PathBuf,
    state_dir: Option<PathBuf>,
}

impl Effects {
    pub fn new(journal: Journal, export_dir: PathBuf, state_dir: Option<PathBuf>) -> Effects {
        Effects {
            journal,
            export_dir,
            state_dir,
        }
    }

    /// Runs a store or file effect. Terminal effects (`Suspend`,
    /// `EditExternally`, `Quit`) belong to the event loop and give `None`.
    pub fn run(&self, effect: Effect) -> Option<Action> {
        let failed = |what: &str, err: &dyn std::fmt::Display| {
            Some(Action::Failed(format!("{what}: {err}")))
        };
        match effect {
            Effect::LoadWeek(week) => match self.journal.load_days(week.days()) {
                Ok(loaded) => Some(Action::WeekLoaded { week, loaded }),
                Err(err) => failed("Could not read the week", &err),
            },
            Effect::Add(entry) => match self.journal.add(entry) {
                Ok(saved) => Some(Action::Added(saved)),
                Err(err) => failed("Not saved", &one_line(&err)),
            },
            Effect::Update(entry) => match self.journal.update(&entry) {
                Ok(saved) => Some(Action::Updated(saved)),
                Err(err) => failed("Not saved", &one_line(&err)),
            },
            Effect::Delete(id) => match self.journal.delete(&id) {
                Ok(deleted) => Some(Action::Deleted(Box::new(deleted))),
                Err(err) => failed("Not deleted", &one_line(&err)),
            },
            Effect::Restore(deleted) => match self.journal.restore(&deleted) {
                Ok(()) => Some(Action::Restored(deleted.entry.clone())),
                Err(err) => failed("Could not undo", &one_line(&err)),
            },
            Effect::Export {
                file_name,
                text,
                overwrite,
            } => {
                let path = self.export_dir.join(&file_name);
                if !overwrite && path.exists() {
                    let path = std::path::absolute(&path).unwrap_or(path);
                    return Some(Action::ExportWouldOverwrite {
                        path,
                        file_name,
                        text,
                    });
                }
                match self.export(&file_name, &text) {
                    Ok(path) => Some(Action::Exported(path)),
                    Err(err) => failed("Export failed", &format!("{err:#}")),
                }
            }
            Effect::SaveDraft(draft) => {
                let result = self
                    .state_dir()
                    .and_then(|dir| draft::save(&dir, &draft).context("saving the draft"));
                result
                    .err()
                    .and_then(|err| failed("Draft not kept", &format!("{err:#}")))
            }
            Effect::ClearDraft => {
                let result = self
                    .state_dir()
                    .and_then(|dir| draft::clear(&dir).context("removing the draft"));
                result
                    .err()
                    .and_then(|err| failed("Draft", &format!("{err:#}")))
            }
            Effect::EditExternally(_) | Effect::Suspend | Effect::Quit => None,
        }
    }

    fn state_dir(&self) -> anyhow::Result<PathBuf> {
        match &self.state_dir {
            Some(dir) => Ok(dir.clone()),
            None => bail!("no state directory; set {}", crate::config::STATE_ENV),
        }
    }

    pub fn load_draft(&self) -> anyhow::Result<Option<Draft>> {
        match &self.state_dir {
            Some(dir) => {
                draft::load(dir).with_context(|| format!("reading {}", draft::path(dir).display()))
            }
            None => Ok(None),
        }
    }

    fn export(&self, file_name: &str, text: &str) -> anyhow::Result<PathBuf> {
        let dir = &self.export_dir;
        create_private_dir(dir).with_context(|| format!("creating {}", dir.display()))?;
        let path = dir.join(file_name);
        atomic_write(&path, text.as_bytes())
            .with_context(|| format!("writing {}", path.display()))?;
        Ok(std::path::absolute(&path).unwrap_or(path))
    }
}

/// Store errors may carry a hint on a second line; the status bar has one.
fn one_line(err: &StoreError) -> String {
    err.to_string().lines().collect::<Vec<_>>().join(" ")
}

/// Opens `text` in `$VISUAL`/`$EDITOR` (split like a shell would, but run
/// without one) and returns what the user saved.
pub fn edit_in_editor(text: &str) -> anyhow::Result<String> {
    let editor = std::env::var("VISUAL")
        .ok()
        .filter(|v| !v.trim().is_empty())
        .or_else(|| {
            std::env::var("EDITOR")
                .ok()
                .filter(|v| !v.trim().is_empty())
        })
        .unwrap_or_else(|| "vi".to_string());
    let words =
        shell_words::split(&editor).with_context(|| format!("cannot split $EDITOR '{editor}'"))?;
    let Some((program, args)) = words.split_first() else {
        bail!("$EDITOR is empty");
    };
    let path = temp_file(text)?;
    let status = Command::new(program).args(args).arg(&path).status();
    let result = match status {
        Ok(status) if status.success() => {
            std::fs::read_to_string(&path).context("reading the edited text")
        }
        Ok(status) => Err(anyhow::anyhow!(
            "{program} exited with {status}; details unchanged"
        )),
        Err(err) => Err(anyhow::anyhow!("cannot run {program}: {err}")),
    };
    let _ = std::fs::remove_file(&path);
    result
}

fn temp_file(text: &str) -> anyhow::Result<PathBuf> {
    use std::io::Write;
    let dir = std::env::temp_dir();
    let path = dir.join(format!("jobjournal-details-{:08x}.md", fastrand::u32(..)));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options
        .open(&path)
        .with_context(|| format!("creating {}", path.display()))?;
    file.write_all(text.as_bytes())?;
    Ok(path)
}

/// Notices when the shown week's files change on disk (CLI, git pull, sync).
#[derive(Debug, Default)]
pub struct WeekWatch {
    week: Option<Week>,
    stamps: Vec<Option<(SystemTime, u64)>>,
}

impl WeekWatch {
    /// True when any of the week's day files appeared, vanished or changed
    /// since the last call for the same week.
    pub fn changed(&mut self, journal: &Journal, week: Week) -> bool {
        let stamps: Vec<_> = week.days().map(|d| stamp(&journal.day_path(d))).collect();
        let changed = self.week == Some(week) && stamps != self.stamps;
        self.week = Some(week);
        self.stamps = stamps;
        changed
    }
}

fn stamp(path: &Path) -> Option<(SystemTime, u64)> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.modified().ok()?, meta.len()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Entry, EntryId, Kind, WeekStart};
    use chrono::NaiveDate;

    #[test]
    fn a_changed_day_file_is_noticed() {
        let dir = tempfile::tempdir().unwrap();
        let journal = Journal::new(dir.path());
        let day = NaiveDate::from_ymd_opt(2026, 11, 18).unwrap();
        let week = Week::containing(day, WeekStart::Monday);
        let mut watch = WeekWatch::default();
        assert!(!watch.changed(&journal, week));
        assert!(!watch.changed(&journal, week));
        let id: EntryId = "2026-11-18-aaaa".parse().unwrap();
        journal
            .add(Entry::new(id, day, Kind::Note, "from the CLI"))
            .unwrap();
        assert!(watch.changed(&journal, week));
        assert!(!watch.changed(&journal, week));
    }

    #[test]
    fn failures_are_messages() {
        let dir = tempfile::tempdir().unwrap();
        let journal = Journal::new(dir.path());
        let effects = Effects::new(journal, dir.path().join("out"), None);
        let id: EntryId = "2026-11-18-aaaa".parse().unwrap();
        match effects.run(Effect::Delete(id)) {
            Some(Action::Failed(message)) => assert!(message.contains("no entry"), "{message}"),
            other => panic!("{other:?}"),
        }
        match effects.run(Effect::SaveDraft(note_draft())) {
            Some(Action::Failed(message)) => assert!(message.contains("state"), "{message}"),
            other => panic!("{other:?}"),
        }
        let export = |text: &str, overwrite| {
            effects.run(Effect::Export {
                file_name: "report-2026-W47.md".into(),
                text: text.into(),
                overwrite,
            })
        };
        match export("# hi\n", false) {
            Some(Action::Exported(path)) => {
                assert!(path.ends_with("out/report-2026-W47.md"));
                assert_eq!(std::fs::read_to_string(&path).unwrap(), "# hi\n");
            }
            other => panic!("{other:?}"),
        }
        // The file is there now: the app is asked before it is replaced.
        let written = dir.path().join("out/report-2026-W47.md");
        match export("# again\n", false) {
            Some(Action::ExportWouldOverwrite { path, .. }) => {
                assert!(path.ends_with("out/report-2026-W47.md"));
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(std::fs::read_to_string(&written).unwrap(), "# hi\n");
        assert!(matches!(
            export("# again\n", true),
            Some(Action::Exported(_))
        ));
        assert_eq!(std::fs::read_to_string(&written).unwrap(), "# again\n");
    }

    fn note_draft() -> Draft {
        Draft {
            kind: Kind::Note,
            editing: None,
            fields: Default::default(),
            links: Vec::new(),
        }
    }

    #[test]
    fn the_editor_runs_without_a_shell() {
        // `sh -c 'printf edited > "$0"'` stands in for an editor taking the file as its last argument.
        // SAFETY: tests in this module do not read VISUAL/EDITOR concurrently.
        unsafe {
            std::env::set_var("VISUAL", "sh -c 'printf edited > \"$0\"'");
        }
        let text = edit_in_editor("original").unwrap();
        unsafe {
            std::env::remove_var("VISUAL");
        }
        assert_eq!(text, "edited");
    }
}
