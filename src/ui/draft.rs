//! Unsaved forms kept on disk so no word is lost to a crash, a signal or a
//! closed laptop. Plain JSON, mode 0600, in `<state dir>/drafts/`, one file
//! per window and journal: `<journal key>-<window>.json`.
//!
//! A window writes and clears only its own file, so two windows never
//! overwrite each other's draft. At start a window offers the newest draft
//! of its own journal (another journal's drafts stay for that journal).
//! Whether taken or declined, an offered draft stays on disk until this
//! window next saves an entry: declining is no reason to lose it for good.

use std::collections::BTreeMap;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::SystemTime;

use serde::{Deserialize, Serialize};

use crate::model::Kind;

const DIR_NAME: &str = "drafts";
/// Where versions before per-window drafts kept the one draft; it names no
/// journal, so it is offered only when this journal has no draft of its own.
const LEGACY_FILE: &str = "draft.json";

/// What a form holds, as text, so it round-trips whatever was half typed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub kind: Kind,
    /// The id of the entry being edited; `None` for a new entry.
    pub editing: Option<String>,
    pub fields: BTreeMap<String, String>,
    #[serde(default)]
    pub links: Vec<String>,
}

/// This window's drafts for one journal.
#[derive(Debug)]
pub struct Drafts {
    dir: PathBuf,
    legacy: PathBuf,
    /// `<journal key>-`: every draft of this journal starts so.
    prefix: String,
    /// The one file this window writes.
    own: PathBuf,
    /// The draft offered at start, removed at this window's next save.
    offered: Mutex<Option<PathBuf>>,
}

impl Drafts {
    pub fn new(state_dir: &Path, journal_root: &Path) -> Drafts {
        let journal = journal_root
            .canonicalize()
            .or_else(|_| std::path::absolute(journal_root))
            .unwrap_or_else(|_| journal_root.to_path_buf());
        let prefix = format!("{:016x}-", fnv1a(journal.as_os_str().as_encoded_bytes()));
        let dir = state_dir.join(DIR_NAME);
        let window = format!("{}-{:08x}", std::process::id(), fastrand::u32(..));
        Drafts {
            own: dir.join(format!("{prefix}{window}.json")),
            legacy: state_dir.join(LEGACY_FILE),
            dir,
            prefix,
            offered: Mutex::new(None),
        }
    }

    /// Where this window keeps its draft.
    pub fn own_path(&self) -> &Path {
        &self.own
    }

    /// Writes this window's draft atomically with mode 0600, creating the
    /// dirs (0700); returns where it is.
    pub fn save(&self, draft: &Draft) -> io::Result<PathBuf> {
        let text = serde_json::to_string_pretty(draft).map_err(io::Error::other)?;
        crate::store::create_private_dir(&self.dir)?;
        crate::store::atomic_write(&self.own, text.as_bytes())?;
        Ok(self.own.clone())
    }

    /// Removes this window's own draft (the form was saved or discarded).
    pub fn clear(&self) -> io::Result<()> {
        remove(&self.own)
    }

    /// The newest draft another window left for this journal, if any; it
    /// is remembered so this window's next save can remove it. An
    /// unreadable one is reported, not fatal.
    pub fn offer(&self) -> io::Result<Option<(PathBuf, Draft)>> {
        let entries = match std::fs::read_dir(&self.dir) {
            Ok(entries) => Some(entries),
            Err(err) if err.kind() == io::ErrorKind::NotFound => None,
            Err(err) => return Err(err),
        };
        let mut newest: Option<(SystemTime, PathBuf)> = None;
        for entry in entries.into_iter().flatten() {
            let entry = entry?;
            let path = entry.path();
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if path == self.own || !name.starts_with(&self.prefix) || !name.ends_with(".json") {
                continue;
            }
            let modified = entry.metadata()?.modified()?;
            if newest.as_ref().is_none_or(|(time, _)| modified > *time) {
                newest = Some((modified, path));
            }
        }
        let path = match newest {
            Some((_, path)) => path,
            None if self.legacy.is_file() => self.legacy.clone(),
            None => return Ok(None),
        };
        let text = std::fs::read_to_string(&path)?;
        let draft = serde_json::from_str(&text)
            .map_err(|err| io::Error::other(format!("{}: {err}", path.display())))?;
        *self.offered.lock().unwrap_or_else(|e| e.into_inner()) = Some(path.clone());
        Ok(Some((path, draft)))
    }

    /// An entry was saved in this window: the draft offered at start has
    /// had its chance (taken into that entry, or declined) and goes.
    pub fn entry_saved(&self) -> io::Result<()> {
        let offered = self
            .offered
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take();
        offered.map_or(Ok(()), |path| remove(&path))
    }
}

/// What became of an open form when the app was stopped by a signal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DraftFate {
    /// No form was open, or it held nothing new.
    NoForm,
    Kept(PathBuf),
    /// The draft could not be written (state dir unwritable or full).
    Lost(String),
}

impl fmt::Display for DraftFate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DraftFate::NoForm => Ok(()),
            DraftFate::Kept(path) => write!(
                f,
                "; the unsaved form is kept as a draft in {}",
                crate::sanitize::line(&path.display().to_string())
            ),
            DraftFate::Lost(why) => write!(
                f,
                "; the unsaved form could NOT be kept as a draft ({}) and is lost",
                crate::sanitize::line(why)
            ),
        }
    }
}

fn remove(path: &Path) -> io::Result<()> {
    match std::fs::remove_file(path) {
        Err(err) if err.kind() != io::ErrorKind::NotFound => Err(err),
        _ => Ok(()),
    }
}

/// FNV-1a: a journal's key must stay the same across versions and builds,
/// which std's hasher does not promise.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(title: &str) -> Draft {
        Draft {
            kind: Kind::Fix,
            editing: None,
            fields: BTreeMap::from([("title".to_string(), title.to_string())]),
            links: vec!["2026-11-18-k7q2".into()],
        }
    }

    #[test]
    fn drafts_round_trip_privately() {
        let dir = tempfile::tempdir().unwrap();
        let state = dir.path().join("state");
        let journal = dir.path().join("journal");
        let window = Drafts::new(&state, &journal);
        let next = Drafts::new(&state, &journal);
        assert_eq!(next.offer().unwrap(), None);
        let path = window.save(&draft("Half a tho")).unwrap();
        assert_eq!(path, window.own_path());
        assert_eq!(
            next.offer().unwrap(),
            Some((path.clone(), draft("Half a tho")))
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        window.clear().unwrap();
        window.clear().unwrap();
        assert_eq!(next.offer().unwrap(), None);
    }

    #[test]
    fn two_windows_keep_two_drafts_and_other_journals_see_neither() {
        let dir = tempfile::tempdir().unwrap();
        let state = dir.path().join("state");
        let journal = dir.path().join("journal");
        let (left, right) = (Drafts::new(&state, &journal), Drafts::new(&state, &journal));
        left.save(&draft("from the left window")).unwrap();
        right.save(&draft("from the right window")).unwrap();
        assert_ne!(left.own_path(), right.own_path());
        let kept: Vec<String> = std::fs::read_dir(state.join(DIR_NAME))
            .unwrap()
            .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
            .collect();
        assert_eq!(kept.len(), 2);
        assert!(kept.iter().any(|t| t.contains("left window")));
        assert!(kept.iter().any(|t| t.contains("right window")));

        let elsewhere = Drafts::new(&state, &dir.path().join("other-journal"));
        assert_eq!(elsewhere.offer().unwrap(), None);
        assert!(Drafts::new(&state, &journal).offer().unwrap().is_some());
    }

    #[test]
    fn a_declined_draft_stays_until_the_next_save() {
        let dir = tempfile::tempdir().unwrap();
        let state = dir.path().join("state");
        let journal = dir.path().join("journal");
        let earlier = Drafts::new(&state, &journal);
        let path = earlier.save(&draft("keep me")).unwrap();

        let now = Drafts::new(&state, &journal);
        assert!(now.offer().unwrap().is_some());
        // Declining clears this window's own draft only.
        now.clear().unwrap();
        assert!(path.exists());
        assert!(Drafts::new(&state, &journal).offer().unwrap().is_some());
        now.entry_saved().unwrap();
        assert!(!path.exists());
    }

    #[test]
    fn a_draft_from_before_per_window_drafts_is_still_offered() {
        let dir = tempfile::tempdir().unwrap();
        let state = dir.path().join("state");
        std::fs::create_dir_all(&state).unwrap();
        let legacy = state.join(LEGACY_FILE);
        std::fs::write(&legacy, serde_json::to_string(&draft("old")).unwrap()).unwrap();
        let window = Drafts::new(&state, &dir.path().join("journal"));
        assert_eq!(
            window.offer().unwrap(),
            Some((legacy.clone(), draft("old")))
        );
        window.entry_saved().unwrap();
        assert!(!legacy.exists());
    }

    #[test]
    fn a_signal_says_what_became_of_the_form() {
        let kept = DraftFate::Kept(PathBuf::from("state/drafts/x.json")).to_string();
        assert!(
            kept.contains("kept as a draft in state/drafts/x.json"),
            "{kept}"
        );
        let lost = DraftFate::Lost("No space left on device".into()).to_string();
        assert!(lost.contains("could NOT be kept"), "{lost}");
        assert!(!lost.contains("is kept"), "{lost}");
        assert_eq!(DraftFate::NoForm.to_string(), "");
    }
}
