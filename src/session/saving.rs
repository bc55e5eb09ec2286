//! Saving a running session: after every answer, atomically; when the sessions folder cannot be
//! written, the record stays in memory, saving is retried, and at the end it is rescued to
//! another folder.

use std::path::PathBuf;

use crate::grading::explain::label;
use crate::lang::Lang;
use crate::storage::SessionStore;

use super::{Active, AnswerSource, Input, Prompt, PromptKind, SessionError, SessionRunner};

impl SessionRunner<'_> {
    /// Saves the record; a failure is reported once, the record stays in memory, and the save is
    /// retried after the next answer.
    pub(super) fn save(&mut self, active: &mut Active) {
        match self.store.save(&active.id, &active.record) {
            Ok(()) => {
                if active.unsaved.take().is_some() {
                    let lang = active.record.options.lang;
                    let _ = writeln!(
                        self.out,
                        "{}",
                        self.palette.good(label(
                            lang,
                            "Сессия снова сохраняется.",
                            "Saving works again."
                        ))
                    );
                }
            }
            Err(error) => {
                if active.unsaved.is_none() {
                    let lang = active.record.options.lang;
                    let line = match lang {
                        Lang::Ru => format!(
                            "viva: не удалось сохранить сессию ({error}); ответы хранятся в памяти, попробую снова после следующего ответа."
                        ),
                        Lang::En => format!(
                            "viva: could not save the session ({error}); your answers are kept in memory and saving is retried after the next answer."
                        ),
                    };
                    let _ = writeln!(self.out, "{}", self.palette.bad(&line));
                }
                active.unsaved = Some(error);
            }
        }
    }

    /// The sessions folder cannot be written: save the record somewhere else so no answer is
    /// lost, asking the candidate where when someone is typing.
    pub(super) fn rescue(
        &mut self,
        active: &Active,
        source: &mut dyn AnswerSource,
    ) -> Result<Option<PathBuf>, SessionError> {
        let lang = self.lang(active);
        let default_dir = self.rescue_dir.clone();
        let mut candidates = Vec::new();
        if source.is_interactive() {
            let line = match lang {
                Lang::Ru => format!(
                    "Папка сессий недоступна для записи. Куда сохранить сессию? (Enter — {})",
                    default_dir.display()
                ),
                Lang::En => format!(
                    "The sessions folder cannot be written. Where should the session be saved? (Enter — {})",
                    default_dir.display()
                ),
            };
            writeln!(self.out, "{}", self.palette.warn(&line))?;
            let prompt = Prompt {
                lang,
                time_left: None,
                session_left: None,
                kind: PromptKind::AfterGrade,
            };
            if let Ok(Input::Answer(path)) = self.read(source, &prompt)
                && !path.trim().is_empty()
            {
                candidates.push(PathBuf::from(path.trim()));
            }
        }
        candidates.push(default_dir);
        for dir in candidates {
            let rescue = SessionStore::new(&dir);
            if rescue.save(&active.id, &active.record).is_ok() {
                let path = rescue.path_of(&active.id).ok();
                let shown = path
                    .as_ref()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default();
                let line = match lang {
                    Lang::Ru => format!(
                        "Сессия сохранена в {shown}; перенесите файл в папку сессий, когда она станет доступна."
                    ),
                    Lang::En => format!(
                        "Session saved to {shown}; move the file into the sessions folder once it is writable."
                    ),
                };
                writeln!(self.out, "{}", self.palette.warn(&line))?;
                return Ok(path);
            }
        }
        let line = label(
            lang,
            "viva: сохранить сессию не удалось никуда; ответы выведены выше.",
            "viva: the session could not be saved anywhere; the answers are printed above.",
        );
        writeln!(self.out, "{}", self.palette.bad(line))?;
        Ok(None)
    }
}
