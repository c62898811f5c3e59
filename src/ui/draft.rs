//! An unsaved form kept on disk so no word is lost to a crash, a signal or a
//! closed laptop. Plain JSON, mode 0600, in the state dir; offered back at the
//! next start.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::model::Kind;

const FILE_NAME: &str = "draft.json";

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

pub fn path(state_dir: &Path) -> PathBuf {
    state_dir.join(FILE_NAME)
}

/// Writes the draft atomically with mode 0600, creating the dir (0700).
pub fn save(state_dir: &Path, draft: &Draft) -> io::Result<()> {
    let text = serde_json::to_string_pretty(draft).map_err(io::Error::other)?;
    crate::store::create_private_dir(state_dir)?;
    crate::store::atomic_write(&path(state_dir), text.as_bytes())
}

/// The draft left by a previous run; an unreadable one is reported, not fatal.
pub fn load(state_dir: &Path) -> io::Result<Option<Draft>> {
    match std::fs::read_to_string(path(state_dir)) {
        Ok(text) => serde_json::from_str(&text)
            .map(Some)
            .map_err(io::Error::other),
        Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(err) => Err(err),
    }
}

pub fn clear(state_dir: &Path) -> io::Result<()> {
    match std::fs::remove_file(path(state_dir)) {
        Err(err) if err.kind() != io::ErrorKind::NotFound => Err(err),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drafts_round_trip_privately() {
        let dir = tempfile::tempdir().unwrap();
        let state = dir.path().join("state");
        let draft = Draft {
            kind: Kind::Fix,
            editing: None,
            fields: BTreeMap::from([("title".to_string(), "Half a tho".to_string())]),
            links: vec!["2026-11-18-k7q2".into()],
        };
        assert_eq!(load(&state).unwrap(), None);
        save(&state, &draft).unwrap();
        assert_eq!(load(&state).unwrap(), Some(draft));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(path(&state))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        clear(&state).unwrap();
        clear(&state).unwrap();
        assert_eq!(load(&state).unwrap(), None);
    }
}
