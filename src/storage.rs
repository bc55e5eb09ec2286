//! Session records on disk: one RON file per session, written atomically after every answer.
//!
//! A record file is never written in place: the new content goes to a temporary file in the same
//! folder, is flushed to disk, and then renamed over the old one, so a crash at any moment
//! leaves either the old record or the new one, never half of each. A new session reserves its
//! file name with an exclusive create, so two sessions started in the same second in two
//! terminals never share a file. A corrupted or foreign file in the folder is skipped with a
//! warning and left alone.

use std::collections::BTreeMap;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::bank::{PointId, QuestionId, TopicId};
use crate::grading::{Band, Score};
use crate::lang::Lang;

/// The record format this viva writes. Older versions keep loading; newer ones are skipped with
/// a warning rather than misread.
pub const FORMAT_VERSION: u32 = 1;

/// The extension of record files.
const EXTENSION: &str = "ron";

/// How a session is run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Style {
    /// Like a real interview: feedback only at the end.
    #[default]
    Interview,
    /// Feedback after every answer.
    Practice,
}

/// How questions are chosen.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Mode {
    /// Weak and due topics first, from the candidate's history.
    #[default]
    Adaptive,
    /// Uniformly at random.
    Random,
    /// In bank order.
    Sequential,
}

impl Mode {
    /// The lowercase name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Mode::Adaptive => "adaptive",
            Mode::Random => "random",
            Mode::Sequential => "sequential",
        }
    }
}

/// Where a session stands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Status {
    /// Running, or interrupted without a clean end (a crash, a kill): `viva resume` continues it.
    #[default]
    InProgress,
    /// Ended early with `:quit` or Ctrl-D: `viva resume` continues it.
    Stopped,
    /// Every planned question was asked, or the total time ran out.
    Completed,
}

impl Status {
    /// Returns true if and only if `viva resume` can continue the session.
    pub fn is_resumable(self) -> bool {
        !matches!(self, Status::Completed)
    }
}

/// The options a session was started with, kept so a resumed session runs the same way.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RecordedOptions {
    /// Interview or practice.
    #[serde(default)]
    pub style: Style,
    /// How questions were chosen.
    #[serde(default)]
    pub mode: Mode,
    /// The language questions were asked in.
    #[serde(default)]
    pub lang: Lang,
    /// How many questions were planned.
    #[serde(default)]
    pub count: usize,
    /// The per-question time limit in seconds.
    #[serde(default)]
    pub time_limit_secs: Option<u64>,
    /// The time limit of the whole session in seconds.
    #[serde(default)]
    pub total_time_secs: Option<u64>,
    /// The seed of the question order.
    #[serde(default)]
    pub seed: u64,
    /// The topics the session was limited to.
    #[serde(default)]
    pub topics: Vec<TopicId>,
    /// Returns true if and only if an interviewer ran the session and reviewed each grade.
    #[serde(default)]
    pub interviewer: bool,
}

/// A follow-up question asked about a missed key point, and its answer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FollowUpRecord {
    /// The key point it probed.
    pub point: PointId,
    /// The question as asked.
    pub question: String,
    /// The candidate's answer.
    pub answer: String,
}

/// An interviewer's review of the suggested grade.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Review {
    /// The score the interviewer settled on.
    pub score: Score,
    /// Returns true if and only if the interviewer kept the suggested score.
    pub accepted: bool,
    /// The interviewer's note.
    #[serde(default)]
    pub note: String,
}

/// One question asked in a session, with its answer and grade.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Answer")]
pub struct AnswerRecord {
    /// The question.
    pub question: QuestionId,
    /// Its topic at the time, so the record still counts if the question leaves the bank.
    pub topic: TopicId,
    /// The question as it was asked.
    #[serde(default)]
    pub question_text: String,
    /// When it was asked.
    pub asked_at: DateTime<Utc>,
    /// The answer as typed.
    #[serde(default)]
    pub answer: String,
    /// The follow-up, if one was asked.
    #[serde(default)]
    pub follow_up: Option<FollowUpRecord>,
    /// Seconds from the question to the answer.
    #[serde(default)]
    pub seconds: f64,
    /// The engine's score (after hint, overtime and follow-up adjustments).
    pub score: Score,
    /// Its band.
    pub band: Band,
    /// Key points covered.
    #[serde(default)]
    pub matched: Vec<PointId>,
    /// Key points missed.
    #[serde(default)]
    pub missed: Vec<PointId>,
    /// Misconceptions stated.
    #[serde(default)]
    pub misconceptions: Vec<PointId>,
    /// Returns true if and only if the candidate skipped the question.
    #[serde(default)]
    pub skipped: bool,
    /// Returns true if and only if the answer came after the time limit.
    #[serde(default)]
    pub overtime: bool,
    /// Key points revealed with `:hint`.
    #[serde(default)]
    pub hinted: Vec<PointId>,
    /// The interviewer's review, in interviewer mode.
    #[serde(default)]
    pub review: Option<Review>,
}

impl AnswerRecord {
    /// The score that counts: the interviewer's when there is one, else the engine's.
    pub fn final_score(&self) -> Score {
        self.review.as_ref().map_or(self.score, |r| r.score)
    }
}

/// A whole session.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Session")]
pub struct SessionRecord {
    /// The format version it was written in.
    pub version: u32,
    /// Whose session it is.
    pub candidate: String,
    /// When it started.
    pub started_at: DateTime<Utc>,
    /// When it ended (or was last saved with an end).
    #[serde(default)]
    pub ended_at: Option<DateTime<Utc>>,
    /// Where it stands.
    #[serde(default)]
    pub status: Status,
    /// How it was run.
    #[serde(default)]
    pub options: RecordedOptions,
    /// The questions planned, in order; the answered ones come first.
    #[serde(default)]
    pub plan: Vec<QuestionId>,
    /// The questions asked so far.
    #[serde(default)]
    pub answers: Vec<AnswerRecord>,
}

impl SessionRecord {
    /// A new, empty record.
    pub fn new(
        candidate: &str,
        started_at: DateTime<Utc>,
        options: RecordedOptions,
        plan: Vec<QuestionId>,
    ) -> Self {
        SessionRecord {
            version: FORMAT_VERSION,
            candidate: candidate.to_owned(),
            started_at,
            ended_at: None,
            status: Status::InProgress,
            options,
            plan,
            answers: Vec::new(),
        }
    }

    /// The planned questions not asked yet.
    pub fn remaining(&self) -> impl Iterator<Item = &QuestionId> {
        self.plan
            .iter()
            .filter(|id| !self.answers.iter().any(|a| &a.question == *id))
    }
}

/// A session record as found in the folder.
#[derive(Clone, Debug)]
pub struct StoredSession {
    /// The session id: the file name without `.ron`.
    pub id: String,
    /// The file.
    pub path: PathBuf,
    /// The record.
    pub record: SessionRecord,
}

/// Problems with session files. Each displays as one sentence naming the file.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// Reading or writing failed.
    #[error("cannot {action} `{}`: {source}", .path.display())]
    Io {
        /// What viva was doing: "read", "write", "create".
        action: &'static str,
        /// The file or folder.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// A file that is not a valid record.
    #[error("`{}` is not a viva session record ({line}:{column}: {message})", .path.display())]
    Corrupt {
        /// The file.
        path: PathBuf,
        /// Line of the problem.
        line: usize,
        /// Column of the problem.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// A record from a newer viva.
    #[error("`{}` was written by a newer viva (format {version}; this one reads up to {FORMAT_VERSION})", .path.display())]
    NewerVersion {
        /// The file.
        path: PathBuf,
        /// Its format version.
        version: u32,
    },
    /// No session with that id.
    #[error("no session `{0}` in the sessions folder; `viva history` lists them")]
    NotFound(String),
    /// A session id that could name a path outside the folder.
    #[error("`{0}` is not a session id (ids are file names such as `20261125T083012Z-alice-1a2b`)")]
    BadId(String),
    /// A session already open in another viva.
    #[error("session `{0}` is open in another terminal")]
    Locked(String),
}

/// The result type of storage.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// The largest session file read: far above any real session (a session of 200 answers of
/// several kilobytes each), and a guard against reading a stray huge file.
pub const MAX_RECORD_BYTES: u64 = 64 * 1024 * 1024;

/// The folder of session records.
#[derive(Clone, Debug)]
pub struct SessionStore {
    dir: PathBuf,
    /// A write failure to simulate (a full disk, a read-only folder), for the tests of what a
    /// session does when it cannot save.
    #[cfg(test)]
    pub(crate) fault: std::sync::Arc<std::sync::Mutex<Option<io::ErrorKind>>>,
}

/// Temporary files older than this are left over from a process that was killed while saving;
/// the next session removes them.
const STALE_TEMP: std::time::Duration = std::time::Duration::from_secs(600);

/// Exclusive use of one session file by this process: held while a session runs, so the same
/// session cannot be resumed in two terminals at once. Released when dropped.
#[derive(Debug)]
pub struct SessionLock {
    _file: File,
    path: PathBuf,
}

impl Drop for SessionLock {
    fn drop(&mut self) {
        // The lock itself lives in the kernel and ends with the file handle; the file is only a
        // name to lock, so removing it is tidiness, and failing to is harmless.
        let _ = fs::remove_file(&self.path);
    }
}

impl SessionStore {
    /// The store in `dir` (created on first write).
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        SessionStore {
            dir: dir.into(),
            #[cfg(test)]
            fault: Default::default(),
        }
    }

    /// Removes temporary files (`.viva-*.tmp`) that a killed process left behind while saving.
    /// They were never renamed into place, so no record refers to them.
    fn remove_stale_temporaries(&self) {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return;
        };
        for entry in entries.filter_map(Result::ok) {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if !(name.starts_with(".viva-") && name.ends_with(".tmp")) {
                continue;
            }
            let old = entry
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age > STALE_TEMP);
            if old {
                let _ = fs::remove_file(entry.path());
            }
        }
    }

    /// The folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The path of session `id`, refusing ids that would leave the folder.
    pub fn path_of(&self, id: &str) -> Result<PathBuf> {
        if !is_valid_id(id) {
            return Err(StoreError::BadId(id.to_owned()));
        }
        Ok(self.dir.join(format!("{id}.{EXTENSION}")))
    }

    fn io<'a>(action: &'static str, path: &'a Path) -> impl FnOnce(io::Error) -> StoreError + 'a {
        move |source| StoreError::Io {
            action,
            path: path.to_owned(),
            source,
        }
    }

    /// Reserves a new file for `record` and writes it; returns the session id. The name starts
    /// with the start time, so names sort by time; `nonce` breaks ties between processes.
    pub fn create(&self, record: &SessionRecord, nonce: u32) -> Result<String> {
        fs::create_dir_all(&self.dir).map_err(Self::io("create", &self.dir))?;
        self.remove_stale_temporaries();
        let text = to_ron(record);
        for attempt in 0..1000u32 {
            let id = id_for(
                record,
                nonce.wrapping_add(attempt.wrapping_mul(0x9E37_79B9)),
            );
            let path = self.path_of(&id)?;
            // The first version of the record appears whole under a name no one else holds: a
            // reader never sees an empty or partial file, and two sessions never share one.
            match create_atomically(&path, text.as_bytes()) {
                Ok(true) => return Ok(id),
                Ok(false) => continue,
                Err(error) => return Err(Self::io("create", &path)(error)),
            }
        }
        Err(StoreError::Io {
            action: "create",
            path: self.dir.clone(),
            source: io::Error::other("no free session file name"),
        })
    }

    /// Replaces the record of session `id` atomically: write a temporary file beside it, flush
    /// it to disk, rename it over the old one, then flush the folder entry.
    pub fn save(&self, id: &str, record: &SessionRecord) -> Result<()> {
        let path = self.path_of(id)?;
        #[cfg(test)]
        if let Some(kind) = self.fault.lock().ok().and_then(|f| *f) {
            return Err(Self::io("write", &path)(io::Error::from(kind)));
        }
        let text = to_ron(record);
        write_atomically(&path, text.as_bytes()).map_err(Self::io("write", &path))
    }

    /// Locks session `id` for this process.
    pub fn lock(&self, id: &str) -> Result<SessionLock> {
        let path = self.path_of(id)?.with_extension("lock");
        fs::create_dir_all(&self.dir).map_err(Self::io("create", &self.dir))?;
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(Self::io("create", &path))?;
        match file.try_lock() {
            Ok(()) => Ok(SessionLock { _file: file, path }),
            Err(fs::TryLockError::WouldBlock) => Err(StoreError::Locked(id.to_owned())),
            Err(fs::TryLockError::Error(error)) => Err(Self::io("lock", &path)(error)),
        }
    }

    /// Loads session `id`.
    pub fn load(&self, id: &str) -> Result<StoredSession> {
        let path = self.path_of(id)?;
        if !path.is_file() {
            return Err(StoreError::NotFound(id.to_owned()));
        }
        let record = read_record(&path)?;
        Ok(StoredSession {
            id: id.to_owned(),
            path,
            record,
        })
    }

    /// The ids of every record file, in name (start time) order.
    pub fn ids(&self) -> Result<Vec<String>> {
        let entries = match fs::read_dir(&self.dir) {
            Ok(entries) => entries,
            Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(error) => return Err(Self::io("read", &self.dir)(error)),
        };
        let mut ids: Vec<String> = entries
            .filter_map(|entry| entry.ok())
            .filter_map(|entry| {
                let name = entry.file_name().into_string().ok()?;
                if name == crate::notes::NOTEBOOK_FILE {
                    return None;
                }
                let id = name.strip_suffix(".ron")?;
                (is_valid_id(id) && entry.path().is_file()).then(|| id.to_owned())
            })
            .collect();
        ids.sort();
        Ok(ids)
    }

    /// Loads every record, oldest first. Files that cannot be read become warnings; they are
    /// never deleted or modified.
    ///
    /// Reading thousands of RON files is the slow part of a report, so the records are also
    /// kept in an index beside them ([`INDEX_FILE`], JSON, much faster to read): a record whose
    /// file has the size and modification time the index saw is taken from the index, every
    /// other file is parsed (on every core) and the index rewritten. The index is derived data:
    /// the RON files stay the only source of truth, and an index that is missing, damaged or
    /// from another version is rebuilt.
    pub fn load_all(&self) -> Result<(Vec<StoredSession>, Vec<StoreError>)> {
        let ids = self.ids()?;
        let mut index = self.read_index();
        let mut sessions = Vec::with_capacity(ids.len());
        let mut to_parse = Vec::new();
        let mut stamps = BTreeMap::new();
        for id in ids {
            let path = self.dir.join(format!("{id}.{EXTENSION}"));
            let stamp = fs::metadata(&path).ok().map(|m| FileStamp::of(&m));
            match (stamp, index.entries.remove(&id)) {
                (Some(stamp), Some(entry)) if entry.stamp == stamp => {
                    stamps.insert(id.clone(), stamp);
                    sessions.push(StoredSession {
                        id,
                        path,
                        record: entry.record,
                    });
                }
                (stamp, _) => {
                    if let Some(stamp) = stamp {
                        stamps.insert(id.clone(), stamp);
                    }
                    to_parse.push(id);
                }
            }
        }
        // Entries left in the index are files that are gone; the index is rewritten without them.
        let stale = !index.entries.is_empty();
        let mut warnings = Vec::new();
        let parsed_any = !to_parse.is_empty();
        for result in self.parse_in_parallel(&to_parse) {
            match result {
                Ok(session) => sessions.push(session),
                Err(error) => warnings.push(error),
            }
        }
        sessions.sort_by(|a, b| a.id.cmp(&b.id));
        if parsed_any || stale {
            self.write_index(&sessions, &stamps);
        }
        Ok((sessions, warnings))
    }

    fn parse_in_parallel(&self, ids: &[String]) -> Vec<Result<StoredSession>> {
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(8);
        let chunk = ids.len().div_ceil(threads).max(1);
        std::thread::scope(|scope| {
            let handles: Vec<_> = ids
                .chunks(chunk)
                .map(|chunk| {
                    scope.spawn(move || chunk.iter().map(|id| self.load(id)).collect::<Vec<_>>())
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|handle| {
                    handle.join().unwrap_or_else(|_| {
                        vec![Err(StoreError::Io {
                            action: "read",
                            path: self.dir.clone(),
                            source: io::Error::other(
                                "a reader thread panicked; this is a bug in viva",
                            ),
                        })]
                    })
                })
                .collect()
        })
    }

    fn read_index(&self) -> Index {
        let Ok(bytes) = fs::read(self.dir.join(INDEX_FILE)) else {
            return Index::default();
        };
        match serde_json::from_slice::<Index>(&bytes) {
            Ok(index) if index.version == INDEX_VERSION => index,
            _ => Index::default(),
        }
    }

    /// Rewrites the index; a failure (a read-only folder) only costs speed next time.
    fn write_index(&self, sessions: &[StoredSession], stamps: &BTreeMap<String, FileStamp>) {
        let entries = sessions
            .iter()
            .filter_map(|s| {
                let stamp = *stamps.get(&s.id)?;
                Some((
                    s.id.clone(),
                    IndexEntry {
                        stamp,
                        record: s.record.clone(),
                    },
                ))
            })
            .collect();
        let index = Index {
            version: INDEX_VERSION,
            entries,
        };
        if let Ok(bytes) = serde_json::to_vec(&index) {
            let _ = write_atomically(&self.dir.join(INDEX_FILE), &bytes);
        }
    }
}

/// The index of parsed records kept beside them; see [`SessionStore::load_all`].
pub const INDEX_FILE: &str = ".viva-index.json";

/// The index format; an index of another version is rebuilt.
const INDEX_VERSION: u32 = 1;

/// What identifies a version of a record file: its size and modification time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct FileStamp {
    size: u64,
    modified_ns: i128,
}

impl FileStamp {
    fn of(meta: &fs::Metadata) -> FileStamp {
        let modified_ns = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(-1, |d| d.as_nanos() as i128);
        FileStamp {
            size: meta.len(),
            modified_ns,
        }
    }
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Index {
    version: u32,
    entries: BTreeMap<String, IndexEntry>,
}

#[derive(Debug, Serialize, Deserialize)]
struct IndexEntry {
    stamp: FileStamp,
    record: SessionRecord,
}

/// The id (file name) of a session: its start time, who, and a tag that tells apart sessions
/// started in the same second.
pub fn id_for(record: &SessionRecord, nonce: u32) -> String {
    let stamp = record.started_at.format("%Y%m%dT%H%M%SZ");
    format!("{stamp}-{}-{:04x}", slug(&record.candidate), nonce & 0xFFFF)
}

/// Returns true if and only if `id` is a plain file name: letters, digits, `-`, `_`, `.`, not
/// starting with a dot, so it cannot name a path outside the folder.
fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 200
        && !id.starts_with('.')
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// A candidate name made safe for a file name: `../../etc/passwd` → `etc-passwd`.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out: String = out.trim_matches('-').chars().take(32).collect();
    let out = out.trim_end_matches('-');
    // Keep file names ASCII: transliterate nothing, just fall back for non-Latin names.
    if out.is_empty() || !out.is_ascii() {
        let hash = name
            .bytes()
            .fold(0u32, |h, b| h.wrapping_mul(31).wrapping_add(b as u32));
        if out.is_empty() {
            return "candidate".to_owned();
        }
        return format!("c{hash:08x}");
    }
    out.to_owned()
}

/// The RON text of a record: pretty, with struct names, stable field order.
fn to_ron(record: &SessionRecord) -> String {
    let config = ron::ser::PrettyConfig::new()
        .struct_names(true)
        .depth_limit(6)
        .separate_tuple_members(false)
        .enumerate_arrays(false);
    // Serializing plain data to a String cannot fail; fall back to the debug form rather than
    // lose a session if it ever does.
    ron::ser::to_string_pretty(record, config)
        .unwrap_or_else(|error| format!("// {error}\n{record:?}"))
}

/// Reads and parses one record file.
pub fn read_record(path: &Path) -> Result<SessionRecord> {
    let io_error = SessionStore::io("read", path);
    let meta = fs::metadata(path).map_err(SessionStore::io("read", path))?;
    if meta.len() > MAX_RECORD_BYTES {
        return Err(StoreError::Corrupt {
            path: path.to_owned(),
            line: 1,
            column: 1,
            message: format!("the file is {} bytes, more than any session", meta.len()),
        });
    }
    let bytes = fs::read(path).map_err(io_error)?;
    let text = String::from_utf8(bytes).map_err(|_| StoreError::Corrupt {
        path: path.to_owned(),
        line: 1,
        column: 1,
        message: "not UTF-8 text".to_owned(),
    })?;
    parse_record(path, &text)
}

/// Parses the text of a record file, checking its version first so that a newer format is
/// reported as such rather than as a parse error.
pub fn parse_record(path: &Path, text: &str) -> Result<SessionRecord> {
    let options = ron::Options::default().with_recursion_limit(32);
    let corrupt = |error: ron::error::SpannedError| StoreError::Corrupt {
        path: path.to_owned(),
        line: error.span.start.line,
        column: error.span.start.col,
        message: error.code.to_string(),
    };
    if let Some(version) = sniff_version(text)
        && version > FORMAT_VERSION
    {
        return Err(StoreError::NewerVersion {
            path: path.to_owned(),
            version,
        });
    }
    let record: SessionRecord = options.from_str(text).map_err(corrupt)?;
    if record.version > FORMAT_VERSION {
        return Err(StoreError::NewerVersion {
            path: path.to_owned(),
            version: record.version,
        });
    }
    Ok(record)
}

/// The `version: N` of a record, read without parsing the rest.
fn sniff_version(text: &str) -> Option<u32> {
    let at = text.find("version")?;
    let rest = text[at + "version".len()..]
        .trim_start()
        .strip_prefix(':')?
        .trim_start();
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// Creates `path` with `bytes` only if no file has that name, atomically: the content is
/// written to a temporary file and linked into place, which fails if the name is taken.
/// Returns false when it is.
pub fn create_atomically(path: &Path, bytes: &[u8]) -> io::Result<bool> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut temp = tempfile::Builder::new()
        .prefix(".viva-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    match temp.persist_noclobber(path) {
        Ok(_) => {
            if let Ok(folder) = File::open(dir) {
                let _ = folder.sync_all();
            }
            Ok(true)
        }
        Err(error) if error.error.kind() == io::ErrorKind::AlreadyExists => Ok(false),
        Err(error) => Err(error.error),
    }
}

/// Writes `bytes` to `path` so that readers see either the old file or the new one: a
/// temporary file in the same folder, fsync, rename, fsync of the folder.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let mut temp = tempfile::Builder::new()
        .prefix(".viva-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|error| error.error)?;
    // The rename is durable only once the folder itself is flushed.
    if let Ok(folder) = File::open(dir) {
        let _ = folder.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record() -> SessionRecord {
        let started = DateTime::parse_from_rfc3339("2026-11-25T08:30:12Z")
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or_default();
        SessionRecord::new(
            "alice",
            started,
            RecordedOptions::default(),
            vec!["gil.cpu-scaling".into()],
        )
    }

    #[test]
    fn records_round_trip_and_names_sort_by_time() -> Result<()> {
        let dir = tempfile::tempdir().map_err(SessionStore::io("create", Path::new("tmp")))?;
        let store = SessionStore::new(dir.path());
        let first = store.create(&record(), 1)?;
        let second = store.create(&record(), 1)?;
        assert_ne!(
            first, second,
            "two sessions in the same second get two files"
        );
        assert!(first.starts_with("20261125T083012Z-alice-"));
        let loaded = store.load(&first)?;
        assert_eq!(loaded.record, record());
        assert_eq!(store.ids()?.len(), 2);
        Ok(())
    }

    #[test]
    fn ids_cannot_leave_the_folder() {
        let store = SessionStore::new("/tmp/sessions");
        for id in ["../../etc/passwd", "..", "a/b", "", ".hidden", "x\0y"] {
            assert!(
                matches!(store.path_of(id), Err(StoreError::BadId(_))),
                "{id:?}"
            );
        }
        assert_eq!(slug("../../etc/passwd"), "etc-passwd");
        assert_eq!(
            slug("Иван"),
            format!(
                "c{:08x}",
                "Иван"
                    .bytes()
                    .fold(0u32, |h, b| h.wrapping_mul(31).wrapping_add(b as u32))
            )
        );
        assert_eq!(slug(""), "candidate");
    }

    #[test]
    fn newer_and_broken_files_are_reported_not_misread() {
        let path = Path::new("x.ron");
        let newer = "Session(version: 99, candidate: \"a\")";
        assert!(matches!(
            parse_record(path, newer),
            Err(StoreError::NewerVersion { version: 99, .. })
        ));
        let broken = "Session(version: 1, candidate: ";
        assert!(matches!(
            parse_record(path, broken),
            Err(StoreError::Corrupt { .. })
        ));
        assert!(matches!(
            parse_record(path, "{\"json\": true}"),
            Err(StoreError::Corrupt { .. })
        ));
    }

    #[test]
    fn a_second_lock_on_one_session_is_refused() -> Result<()> {
        let dir = tempfile::tempdir().map_err(SessionStore::io("create", Path::new("tmp")))?;
        let store = SessionStore::new(dir.path());
        let _held = store.lock("s1")?;
        assert!(matches!(store.lock("s1"), Err(StoreError::Locked(_))));
        Ok(())
    }
}
