//! The mentor notebook: doubts a candidate writes down while studying (`:note` in a session,
//! `viva notes add`), to take to a mentor later. Notes live in `notes.ron` beside the session
//! records and are written the same way: atomically, under a lock, so two sessions adding notes
//! at once never lose one.

use std::fs::{self, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::bank::{QuestionId, TopicId};
use crate::storage::write_atomically;

/// The notebook's file name in the sessions folder; session listings skip it.
pub const NOTEBOOK_FILE: &str = "notes.ron";

/// The notebook format this viva writes.
pub const NOTEBOOK_VERSION: u32 = 1;

/// One note.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Note {
    /// Its number, shown to the user and used by `viva notes done N`.
    pub id: u32,
    /// Whose note it is.
    pub candidate: String,
    /// When it was written.
    pub created_at: DateTime<Utc>,
    /// The topic it is about, if any.
    #[serde(default)]
    pub topic: Option<TopicId>,
    /// The question it was written at, if any.
    #[serde(default)]
    pub question: Option<QuestionId>,
    /// The doubt itself.
    pub text: String,
    /// When it was closed, if it was.
    #[serde(default)]
    pub done_at: Option<DateTime<Utc>>,
}

impl Note {
    /// Returns true if and only if the note is still open.
    pub fn is_open(&self) -> bool {
        self.done_at.is_none()
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Notebook")]
struct Notebook {
    version: u32,
    #[serde(default)]
    notes: Vec<Note>,
}

/// Problems with the notebook.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum NotesError {
    /// Reading or writing failed.
    #[error("cannot {action} the notebook `{}`: {source}", .path.display())]
    Io {
        /// What viva was doing.
        action: &'static str,
        /// The file.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// The notebook file is damaged; it is left as it is.
    #[error("the notebook `{}` is damaged ({message}); fix or move it — viva will not overwrite it", .path.display())]
    Corrupt {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// No note with that number.
    #[error("there is no note {0}; `viva notes` lists them")]
    NotFound(u32),
    /// An empty note.
    #[error("the note is empty: write what is unclear after `:note`")]
    Empty,
}

/// The notebook in a sessions folder.
#[derive(Clone, Debug)]
pub struct NotesStore {
    path: PathBuf,
}

impl NotesStore {
    /// The notebook of the sessions folder `dir`.
    pub fn new(dir: &Path) -> Self {
        NotesStore {
            path: dir.join(NOTEBOOK_FILE),
        }
    }

    /// The notebook file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn io(&self, action: &'static str) -> impl FnOnce(io::Error) -> NotesError + '_ {
        move |source| NotesError::Io {
            action,
            path: self.path.clone(),
            source,
        }
    }

    /// Every note, in the order written.
    pub fn all(&self) -> Result<Vec<Note>, NotesError> {
        Ok(self.read()?.notes)
    }

    fn read(&self) -> Result<Notebook, NotesError> {
        let text = match fs::read_to_string(&self.path) {
            Ok(text) => text,
            Err(error) if error.kind() == io::ErrorKind::NotFound => {
                return Ok(Notebook {
                    version: NOTEBOOK_VERSION,
                    notes: Vec::new(),
                });
            }
            Err(error) if error.kind() == io::ErrorKind::InvalidData => {
                return Err(NotesError::Corrupt {
                    path: self.path.clone(),
                    message: "not UTF-8 text".to_owned(),
                });
            }
            Err(error) => return Err(self.io("read")(error)),
        };
        ron::Options::default()
            .with_recursion_limit(16)
            .from_str(&text)
            .map_err(|error| NotesError::Corrupt {
                path: self.path.clone(),
                message: error.to_string(),
            })
    }

    /// Runs `change` on the notebook under an exclusive lock and writes the result atomically.
    fn update<T>(
        &self,
        change: impl FnOnce(&mut Notebook) -> Result<T, NotesError>,
    ) -> Result<T, NotesError> {
        let dir = self.path.parent().unwrap_or(Path::new("."));
        fs::create_dir_all(dir).map_err(self.io("create"))?;
        let lock_path = self.path.with_extension("lock");
        let lock = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(self.io("lock"))?;
        lock.lock().map_err(self.io("lock"))?;
        let mut notebook = self.read()?;
        let result = change(&mut notebook)?;
        notebook.version = NOTEBOOK_VERSION;
        let config = ron::ser::PrettyConfig::new().struct_names(true);
        let text = ron::ser::to_string_pretty(&notebook, config)
            .map_err(|error| self.io("write")(io::Error::other(error)))?;
        write_atomically(&self.path, text.as_bytes()).map_err(self.io("write"))?;
        Ok(result)
    }

    /// Adds a note and returns it.
    pub fn add(
        &self,
        candidate: &str,
        now: DateTime<Utc>,
        topic: Option<TopicId>,
        question: Option<QuestionId>,
        text: &str,
    ) -> Result<Note, NotesError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(NotesError::Empty);
        }
        self.update(|notebook| {
            let id = notebook.notes.iter().map(|n| n.id).max().unwrap_or(0) + 1;
            let note = Note {
                id,
                candidate: candidate.to_owned(),
                created_at: now,
                topic,
                question,
                text: text.to_owned(),
                done_at: None,
            };
            notebook.notes.push(note.clone());
            Ok(note)
        })
    }

    /// Closes note `id`.
    pub fn done(&self, id: u32, now: DateTime<Utc>) -> Result<Note, NotesError> {
        self.update(|notebook| {
            let note = notebook
                .notes
                .iter_mut()
                .find(|n| n.id == id)
                .ok_or(NotesError::NotFound(id))?;
            if note.done_at.is_none() {
                note.done_at = Some(now);
            }
            Ok(note.clone())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_are_numbered_and_closed() -> Result<(), NotesError> {
        let dir = tempfile::tempdir().map_err(|source| NotesError::Io {
            action: "create",
            path: PathBuf::new(),
            source,
        })?;
        let store = NotesStore::new(dir.path());
        let now = Utc::now();
        let first = store.add(
            "alice",
            now,
            Some("gil".into()),
            None,
            "почему GIL отпускается?",
        )?;
        let second = store.add("alice", now, None, None, "what is PEP 703")?;
        assert_eq!((first.id, second.id), (1, 2));
        store.done(1, now)?;
        let notes = store.all()?;
        assert!(!notes[0].is_open());
        assert!(notes[1].is_open());
        assert!(matches!(store.done(7, now), Err(NotesError::NotFound(7))));
        assert!(matches!(
            store.add("alice", now, None, None, "  "),
            Err(NotesError::Empty)
        ));
        Ok(())
    }

    #[test]
    fn a_damaged_notebook_is_reported_and_kept() -> Result<(), NotesError> {
        let dir = tempfile::tempdir().map_err(|source| NotesError::Io {
            action: "create",
            path: PathBuf::new(),
            source,
        })?;
        let store = NotesStore::new(dir.path());
        fs::write(store.path(), "Notebook(version: 1, notes: [").map_err(|source| {
            NotesError::Io {
                action: "write",
                path: PathBuf::new(),
                source,
            }
        })?;
        assert!(matches!(
            store.add("a", Utc::now(), None, None, "x"),
            Err(NotesError::Corrupt { .. })
        ));
        assert_eq!(
            fs::read_to_string(store.path()).unwrap_or_default(),
            "Notebook(version: 1, notes: ["
        );
        Ok(())
    }
}
