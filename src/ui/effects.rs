//! Runs the app's `Effect`s against the store and the file system, and turns
//! each result into the `Action` the app hears next. Errors become messages.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::path::PathBuf;

use anyhow::{Context, bail};

use super::action::{Action, Effect, Trashed};
use super::draft::{Draft, DraftFate, Drafts};
use crate::model::Week;
use crate::store::{DaysStamp, DeletedEntry, Journal, StoreError, create_private_dir};

/// How many deletes can be undone: as many as the app's undo steps.
const TRASH_DEPTH: usize = 100;

pub struct Effects {
    journal: Journal,
    export_dir: PathBuf,
    /// This window's drafts; `None` without a state dir.
    drafts: Option<Drafts>,
    /// The week last read or checked, and how its files looked then.
    watched: RefCell<Option<(Week, DaysStamp)>>,
    /// What deletes removed, exactly, for undo; the app holds the tokens.
    trash: RefCell<BTreeMap<Trashed, DeletedEntry>>,
    /// The serial of the next token.
    next_trashed: Cell<u64>,
}

impl Effects {
    pub fn new(journal: Journal, export_dir: PathBuf, state_dir: Option<PathBuf>) -> Effects {
        let drafts = state_dir.map(|dir| Drafts::new(&dir, journal.root()));
        Effects {
            journal,
            export_dir,
            drafts,
            watched: RefCell::new(None),
            trash: RefCell::new(BTreeMap::new()),
            next_trashed: Cell::new(0),
        }
    }

    /// Runs a store or file effect; what happened comes back as actions,
    /// in order: the result, then a warning about it (a save git did not
    /// commit). Terminal effects (`Suspend`, `EditExternally`, `Quit`)
    /// belong to the event loop and give none.
    pub fn run(&self, effect: Effect) -> Vec<Action> {
        let failed = |what: &str, err: &dyn std::fmt::Display| {
            vec![Action::Failed(format!("{what}: {err}"))]
        };
        match effect {
            Effect::LoadWeek(week) => {
                // Stamped before reading: a write during the read is seen
                // by the next check, never lost.
                self.watch(week);
                match self.journal.load_days(week.days()) {
                    Ok(loaded) => vec![Action::WeekLoaded { week, loaded }],
                    Err(err) => failed("Could not read the week", &err),
                }
            }
            Effect::CheckWeek(week) => {
                if self.watch(week) {
                    vec![Action::WeekChanged(week)]
                } else {
                    Vec::new()
                }
            }
            Effect::Add(entry) => match self.journal.add(entry) {
                Ok(saved) => self.entry_saved(Action::Added(saved.value), saved.warning),
                Err(err) => failed("Not saved", &one_line(&err)),
            },
            Effect::Update { base, entry } => match self.journal.update_from(&base, &entry) {
                Ok(saved) => self.entry_saved(
                    Action::Updated {
                        base,
                        asked: Box::new(entry),
                        saved: saved.value,
                    },
                    saved.warning,
                ),
                Err(err) => failed("Not saved", &one_line(&err)),
            },
            Effect::Delete(id) => match self.journal.delete(&id) {
                Ok(deleted) => {
                    let entry = Box::new(deleted.value.entry.clone());
                    let trashed = self.keep(deleted.value);
                    with_warning(Action::Deleted { entry, trashed }, deleted.warning)
                }
                Err(err) => failed("Not deleted", &one_line(&err)),
            },
            Effect::Restore(trashed) => {
                // Taken out either way: the app's undo step is spent.
                let Some(deleted) = self.trash.borrow_mut().remove(&trashed) else {
                    return failed("Could not undo", &"the deleted entry was not kept");
                };
                match self.journal.restore(&deleted) {
                    Ok(saved) => with_warning(Action::Restored(deleted.entry), saved.warning),
                    Err(err) => failed("Could not undo", &one_line(&err)),
                }
            }
            Effect::Export {
                file_name,
                text,
                overwrite,
            } => {
                let path = self.export_dir.join(&file_name);
                if !overwrite && path.exists() {
                    let path = std::path::absolute(&path).unwrap_or(path);
                    return vec![Action::ExportWouldOverwrite {
                        path,
                        file_name,
                        text,
                    }];
                }
                match self.export(&file_name, &text) {
                    Ok(path) => vec![Action::Exported(path)],
                    Err(err) => failed("Export failed", &format!("{err:#}")),
                }
            }
            Effect::Render(order) => vec![Action::Rendered {
                key: order.key,
                text: super::reports::render(&order),
            }],
            Effect::SaveDraft(draft) => {
                let result = self
                    .drafts()
                    .and_then(|drafts| drafts.save(&draft).context("saving the draft"));
                match result {
                    Ok(_) => Vec::new(),
                    Err(err) => failed("Draft not kept", &format!("{err:#}")),
                }
            }
            Effect::ClearDraft => {
                let result = self
                    .drafts()
                    .and_then(|drafts| drafts.clear().context("removing the draft"));
                match result {
                    Ok(()) => Vec::new(),
                    Err(err) => failed("Draft", &format!("{err:#}")),
                }
            }
            Effect::EditExternally(_) | Effect::Suspend | Effect::Quit => Vec::new(),
        }
    }

    /// Keeps what a delete removed and gives the token that stands for it;
    /// the oldest goes once there are more than undo could reach.
    fn keep(&self, deleted: DeletedEntry) -> Trashed {
        let serial = self.next_trashed.get();
        self.next_trashed.set(serial + 1);
        let trashed = Trashed::new(serial);
        let mut trash = self.trash.borrow_mut();
        trash.insert(trashed, deleted);
        while trash.len() > TRASH_DEPTH {
            trash.pop_first();
        }
        trashed
    }

    /// Stamps `week`'s files now: true when they changed since the same
    /// week was last read or checked.
    fn watch(&self, week: Week) -> bool {
        let now = self.journal.stamp_days(week.days());
        match self.watched.replace(Some((week, now.clone()))) {
            Some((seen, before)) => seen == week && before != now,
            None => false,
        }
    }

    fn drafts(&self) -> anyhow::Result<&Drafts> {
        match &self.drafts {
            Some(drafts) => Ok(drafts),
            None => bail!("no state directory; set {}", crate::config::STATE_ENV),
        }
    }

    /// A draft another window left for this journal, to offer back.
    pub fn load_draft(&self) -> anyhow::Result<Option<Draft>> {
        match &self.drafts {
            Some(drafts) => Ok(drafts
                .offer()
                .context("reading the drafts")?
                .map(|(_, draft)| draft)),
            None => Ok(None),
        }
    }

    /// After a save: the draft offered at start has had its chance. Failing
    /// to remove it only means it is offered again, so that is not shown.
    fn entry_saved(&self, action: Action, warning: Option<String>) -> Vec<Action> {
        if let Some(drafts) = &self.drafts {
            let _ = drafts.entry_saved();
        }
        with_warning(action, warning)
    }

    /// Runs the effects `App::shutdown` asked for when a signal stops the
    /// app, and says what became of the open form, so the exit message
    /// never claims a draft that could not be written.
    pub fn keep_draft(&self, due: Vec<Effect>) -> DraftFate {
        let mut fate = DraftFate::NoForm;
        for effect in due {
            if let Effect::SaveDraft(draft) = effect {
                fate = match self.drafts().and_then(|d| Ok(d.save(&draft)?)) {
                    Ok(path) => DraftFate::Kept(path),
                    Err(err) => DraftFate::Lost(format!("{err:#}")),
                };
            } else {
                self.run(effect);
            }
        }
        fate
    }

    fn export(&self, file_name: &str, text: &str) -> anyhow::Result<PathBuf> {
        let dir = &self.export_dir;
        create_private_dir(dir).with_context(|| format!("creating {}", dir.display()))?;
        let path = dir.join(file_name);
        // Like `report -o`: never over a FIFO, a device or a symlink.
        crate::output::write(&path, text.as_bytes())?;
        Ok(std::path::absolute(&path).unwrap_or(path))
    }
}

/// A save's result, then what went wrong after it landed, once.
fn with_warning(action: Action, warning: Option<String>) -> Vec<Action> {
    let mut actions = vec![action];
    actions.extend(warning.map(Action::Warned));
    actions
}

/// Store errors may carry a hint on a second line; the status bar has one.
fn one_line(err: &StoreError) -> String {
    err.to_string().lines().collect::<Vec<_>>().join(" ")
}

/// Opens `text` in the user's editor and returns what they saved.
pub fn edit_in_editor(text: &str) -> anyhow::Result<String> {
    crate::editor::edit_text("details", "md", text)
        .map_err(|why| anyhow::anyhow!("{why}; details unchanged"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Entry, EntryId, Kind, WeekStart};
    use chrono::NaiveDate;
    use std::path::Path;

    #[test]
    fn a_changed_day_file_is_noticed() {
        let dir = tempfile::tempdir().unwrap();
        let journal = Journal::new(dir.path());
        let effects = Effects::new(journal.clone(), dir.path().join("out"), None);
        let day = NaiveDate::from_ymd_opt(2026, 11, 18).unwrap();
        let week = Week::containing(day, WeekStart::Monday);
        let check = |week| effects.run(Effect::CheckWeek(week));
        assert!(check(week).is_empty(), "the first look only takes note");
        assert!(check(week).is_empty());
        let add = |title: &str| {
            let id = EntryId::generate(day, &mut fastrand::Rng::new());
            let _ = journal.add(Entry::new(id, day, Kind::Note, title)).unwrap();
        };
        add("from the CLI");
        assert!(matches!(check(week).as_slice(), [Action::WeekChanged(w)] if *w == week));
        assert!(check(week).is_empty(), "said once");
        // Reading the week takes note too: only later writes are news.
        add("before the read");
        effects.run(Effect::LoadWeek(week));
        assert!(check(week).is_empty());
        // Another week is only taken note of.
        add("while another week is shown");
        assert!(check(week.next()).is_empty());
    }

    #[test]
    fn a_save_git_did_not_commit_comes_back_after_it_once() {
        let dir = tempfile::tempdir().unwrap();
        // git = true on a journal that is not a repository.
        let journal = Journal::new(dir.path().join("journal")).with_git(true);
        let effects = Effects::new(journal, dir.path().join("out"), None);
        let day = NaiveDate::from_ymd_opt(2026, 11, 18).unwrap();
        let id: EntryId = "2026-11-18-aaaa".parse().unwrap();
        let actions = effects.run(Effect::Add(Entry::new(id, day, Kind::Note, "kept")));
        let [Action::Added(saved), Action::Warned(warning)] = actions.as_slice() else {
            panic!("{actions:?}")
        };
        assert_eq!(saved.title, "kept");
        assert!(warning.starts_with("saved, but not committed"), "{warning}");
        // Nothing waits anywhere to be shown a second time.
        let again = effects.run(Effect::LoadWeek(Week::containing(day, WeekStart::Monday)));
        assert!(
            matches!(again.as_slice(), [Action::WeekLoaded { .. }]),
            "{again:?}"
        );
    }

    #[test]
    fn undo_of_a_delete_goes_through_a_token_and_puts_back_the_exact_text() {
        let dir = tempfile::tempdir().unwrap();
        let journal = Journal::new(dir.path());
        let day = NaiveDate::from_ymd_opt(2026, 11, 18).unwrap();
        let _ = journal
            .add(Entry::new(id_on(day), day, Kind::Note, "first"))
            .unwrap();
        let doomed = journal
            .add(Entry::new(id_on(day), day, Kind::Note, "doomed"))
            .unwrap()
            .value;
        let path = journal.day_path(day);
        // A comment of the user's, inside the entry's table.
        let text = std::fs::read_to_string(&path)
            .unwrap()
            .replace("title = \"doomed\"", "# keep me\ntitle = \"doomed\"");
        std::fs::write(&path, &text).unwrap();
        let effects = Effects::new(journal.clone(), dir.path().join("out"), None);
        let actions = effects.run(Effect::Delete(doomed.id.clone()));
        let [Action::Deleted { entry, trashed }] = actions.as_slice() else {
            panic!("{actions:?}")
        };
        assert_eq!(entry.id, doomed.id);
        assert!(!std::fs::read_to_string(&path).unwrap().contains("doomed"));
        let actions = effects.run(Effect::Restore(*trashed));
        assert!(
            matches!(actions.as_slice(), [Action::Restored(e)] if e.id == doomed.id),
            "{actions:?}"
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
        // A token is good once.
        let again = effects.run(Effect::Restore(*trashed));
        assert!(
            matches!(again.as_slice(), [Action::Failed(m)] if m.starts_with("Could not undo")),
            "{again:?}"
        );
    }

    fn id_on(day: NaiveDate) -> EntryId {
        EntryId::generate(day, &mut fastrand::Rng::new())
    }

    #[test]
    fn failures_are_messages() {
        let dir = tempfile::tempdir().unwrap();
        let journal = Journal::new(dir.path());
        let effects = Effects::new(journal, dir.path().join("out"), None);
        let id: EntryId = "2026-11-18-aaaa".parse().unwrap();
        match effects.run(Effect::Delete(id)).as_slice() {
            [Action::Failed(message)] => assert!(message.contains("no entry"), "{message}"),
            other => panic!("{other:?}"),
        }
        match effects.run(Effect::SaveDraft(note_draft())).as_slice() {
            [Action::Failed(message)] => assert!(message.contains("state"), "{message}"),
            other => panic!("{other:?}"),
        }
        let export = |text: &str, overwrite| {
            effects.run(Effect::Export {
                file_name: "report-2026-W47.md".into(),
                text: text.into(),
                overwrite,
            })
        };
        match export("# hi\n", false).as_slice() {
            [Action::Exported(path)] => {
                assert!(path.ends_with("out/report-2026-W47.md"));
                assert_eq!(std::fs::read_to_string(path).unwrap(), "# hi\n");
            }
            other => panic!("{other:?}"),
        }
        // The file is there now: the app is asked before it is replaced.
        let written = dir.path().join("out/report-2026-W47.md");
        match export("# again\n", false).as_slice() {
            [Action::ExportWouldOverwrite { path, .. }] => {
                assert!(path.ends_with("out/report-2026-W47.md"));
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(std::fs::read_to_string(&written).unwrap(), "# hi\n");
        assert!(matches!(
            export("# again\n", true).as_slice(),
            [Action::Exported(_)]
        ));
        assert_eq!(std::fs::read_to_string(&written).unwrap(), "# again\n");
    }

    #[test]
    fn a_signal_with_the_state_dir_unwritable_says_the_draft_is_lost() {
        let dir = tempfile::tempdir().unwrap();
        // A state dir under a plain file cannot be created, even by root.
        let blocker = dir.path().join("not-a-dir");
        std::fs::write(&blocker, "").unwrap();
        let journal = Journal::new(dir.path().join("journal"));
        let effects = Effects::new(journal, dir.path().join("out"), Some(blocker.join("state")));
        let fate = effects.keep_draft(vec![Effect::SaveDraft(note_draft())]);
        assert!(matches!(fate, DraftFate::Lost(_)), "{fate:?}");
        let said = crate::ui::Stopped(15, fate).to_string();
        assert!(!said.contains("is kept as a draft"), "{said}");
        assert!(said.contains("could NOT be kept as a draft"), "{said}");

        let effects = Effects::new(
            Journal::new(dir.path().join("journal")),
            dir.path().join("out"),
            Some(dir.path().join("state")),
        );
        let fate = effects.keep_draft(vec![Effect::SaveDraft(note_draft())]);
        let DraftFate::Kept(path) = &fate else {
            panic!("{fate:?}")
        };
        assert!(path.exists());
        assert!(
            crate::ui::Stopped(15, fate.clone())
                .to_string()
                .contains("kept as a draft in")
        );
    }

    #[test]
    fn an_export_never_replaces_what_is_not_a_regular_file() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        std::fs::create_dir_all(out.join("report-2026-W47.md")).unwrap();
        let effects = Effects::new(Journal::new(dir.path().join("journal")), out.clone(), None);
        match effects
            .run(Effect::Export {
                file_name: "report-2026-W47.md".into(),
                text: "# hi\n".into(),
                overwrite: true,
            })
            .as_slice()
        {
            [Action::Failed(message)] => {
                assert!(message.contains("not a regular file"), "{message}")
            }
            other => panic!("{other:?}"),
        }
        assert!(out.join("report-2026-W47.md").is_dir());
    }

    /// A journal on disk holding one open promise, an app showing it, and
    /// the runner between them.
    fn promise_on_disk(dir: &Path) -> (Journal, Effects, crate::ui::app::App, Entry) {
        use crate::ui::app::tests::{app_with, entry};
        let mut promise = entry(
            "2026-11-18-z81t",
            Kind::Promise,
            "Send Birch the revised contract",
        );
        promise.due = NaiveDate::from_ymd_opt(2026, 11, 20);
        let journal = Journal::new(dir.join("journal"));
        let _ = journal
            .add_with_ids(std::slice::from_ref(&promise))
            .unwrap();
        let effects = Effects::new(Journal::new(dir.join("journal")), dir.join("out"), None);
        (journal, effects, app_with(vec![promise.clone()]), promise)
    }

    /// Runs what the app asked for and feeds the answers back.
    fn run_all(app: &mut crate::ui::app::App, effects: &Effects, asked: Vec<Effect>) {
        for effect in asked {
            for action in effects.run(effect) {
                let more = app.update(action);
                run_all(app, effects, more);
            }
        }
    }

    fn on_disk(journal: &Journal, id: &EntryId) -> Entry {
        journal.entry_text(id).unwrap().0
    }

    #[test]
    fn u_takes_back_an_add_a_status_a_delete_and_an_edit_on_disk_newest_first() {
        use crate::model::PromiseStatus;
        use crate::ui::app::tests::{press, type_text};
        let dir = tempfile::tempdir().unwrap();
        let (journal, effects, mut app, promise) = promise_on_disk(dir.path());
        let on_disk = || {
            let mut entries = journal.load_all().unwrap().entries;
            entries.sort_by(|a, b| a.title.cmp(&b.title));
            entries
                .into_iter()
                .map(|e| (e.title, e.status))
                .collect::<Vec<_>>()
        };
        let keys = |app: &mut crate::ui::app::App, keys: &[&str]| {
            for key in keys {
                let asked = press(app, key);
                run_all(app, &effects, asked);
            }
        };
        let day_file = journal.day_path(promise.date);
        keys(&mut app, &["A"]);
        type_text(&mut app, "n Lunch with Ada");
        keys(&mut app, &["enter"]);
        let with_lunch = std::fs::read_to_string(&day_file).unwrap();
        keys(&mut app, &["g", "space"]);
        keys(&mut app, &["G", "d", "y"]);
        keys(&mut app, &["g", "enter"]);
        type_text(&mut app, " today");
        keys(&mut app, &["ctrl-s"]);
        let open = Some(PromiseStatus::Open);
        let kept = Some(PromiseStatus::Kept);
        let title = "Send Birch the revised contract".to_string();
        assert_eq!(on_disk(), [(format!("{title} today"), kept)]);

        keys(&mut app, &["u"]);
        assert_eq!(on_disk(), [(title.clone(), kept)], "the edit");
        keys(&mut app, &["u"]);
        assert_eq!(
            on_disk(),
            [("Lunch with Ada".into(), None), (title.clone(), kept)],
            "the delete"
        );
        keys(&mut app, &["u"]);
        assert_eq!(
            on_disk(),
            [("Lunch with Ada".into(), None), (title.clone(), open)],
            "the status"
        );
        assert_eq!(
            std::fs::read_to_string(&day_file).unwrap(),
            with_lunch,
            "put back as it was"
        );
        keys(&mut app, &["u"]);
        assert_eq!(on_disk(), [(title, open)], "the add");
        keys(&mut app, &["u"]);
        assert_eq!(app.message.as_ref().unwrap().1, "Nothing to undo");
    }

    #[test]
    fn a_form_save_keeps_a_done_made_while_the_form_was_open() {
        use crate::model::PromiseStatus;
        use crate::ui::app::tests::{press, today, type_text};
        let dir = tempfile::tempdir().unwrap();
        let (journal, effects, mut app, promise) = promise_on_disk(dir.path());
        press(&mut app, "enter");
        type_text(&mut app, " today");
        // `jobjournal done` in a shell while the form is open.
        let _ = journal
            .modify(&promise.id, |e| {
                e.set_status(PromiseStatus::Kept, today());
                Ok(())
            })
            .unwrap();
        let asked = press(&mut app, "ctrl-s");
        run_all(&mut app, &effects, asked);
        let saved = on_disk(&journal, &promise.id);
        assert_eq!(saved.title, "Send Birch the revised contract today");
        assert_eq!(saved.status, Some(PromiseStatus::Kept));
        assert_eq!(saved.closed, Some(today()));
        assert!(app.form.is_none(), "{:?}", app.message);
        // The app shows the entry as saved, status included.
        assert_eq!(app.selected_entry().unwrap(), &saved);
    }

    #[test]
    fn a_form_save_over_the_same_field_changed_on_disk_keeps_the_form_open() {
        use crate::ui::app::tests::{press, type_text};
        use crate::ui::form::FieldId;
        let dir = tempfile::tempdir().unwrap();
        let (journal, effects, mut app, promise) = promise_on_disk(dir.path());
        press(&mut app, "enter");
        type_text(&mut app, " today");
        let _ = journal
            .modify(&promise.id, |e| {
                e.title = "Renamed in another window".into();
                Ok(())
            })
            .unwrap();
        let asked = press(&mut app, "ctrl-s");
        run_all(&mut app, &effects, asked);
        assert_eq!(
            on_disk(&journal, &promise.id).title,
            "Renamed in another window"
        );
        let form = app.form.as_ref().expect("the form stays open");
        assert_eq!(
            form.text(FieldId::Title),
            "Send Birch the revised contract today"
        );
        let (_, message) = app.message.as_ref().unwrap();
        assert!(message.contains("title changed"), "{message}");
    }

    #[test]
    fn space_and_undo_keep_what_another_window_saved() {
        use crate::model::PromiseStatus;
        use crate::ui::app::tests::press;
        let dir = tempfile::tempdir().unwrap();
        let (journal, effects, mut app, promise) = promise_on_disk(dir.path());
        let other = |title: &str| {
            journal
                .modify(&promise.id, |e| {
                    e.title = title.into();
                    Ok(())
                })
                .unwrap()
                .value
        };
        other("Retitled elsewhere");
        let asked = press(&mut app, "space");
        run_all(&mut app, &effects, asked);
        let saved = on_disk(&journal, &promise.id);
        assert_eq!(saved.status, Some(PromiseStatus::Kept));
        assert_eq!(saved.title, "Retitled elsewhere");

        other("Retitled again");
        let asked = press(&mut app, "u");
        run_all(&mut app, &effects, asked);
        let undone = on_disk(&journal, &promise.id);
        assert_eq!(undone.status, Some(PromiseStatus::Open));
        assert_eq!(undone.closed, None);
        assert_eq!(undone.title, "Retitled again");
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
