//! Languages of the product: every piece of bank text exists in Russian and English, and the
//! candidate picks the one questions are asked in.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A language viva asks and explains in.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Russian, the default: most candidates interview in Russian.
    #[default]
    Ru,
    /// English.
    En,
}

impl Lang {
    /// Both languages, in the order files list them.
    pub const ALL: [Lang; 2] = [Lang::Ru, Lang::En];

    /// The short code used in files and on the command line (`ru`, `en`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }

    /// The language's name in English, for messages.
    pub fn name(self) -> &'static str {
        match self {
            Lang::Ru => "Russian",
            Lang::En => "English",
        }
    }

    /// The other language: what a text falls back to when it lacks this one.
    pub fn other(self) -> Lang {
        match self {
            Lang::Ru => Lang::En,
            Lang::En => Lang::Ru,
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The error of parsing a language code other than `ru` or `en`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown language `{0}`: use `ru` or `en`")]
pub struct UnknownLang(pub String);

impl FromStr for Lang {
    type Err = UnknownLang;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_lowercase().as_str() {
            "ru" | "rus" | "russian" => Ok(Lang::Ru),
            "en" | "eng" | "english" => Ok(Lang::En),
            _ => Err(UnknownLang(s.to_owned())),
        }
    }
}

/// A short text in both languages, written in RON as `(ru: "...", en: "...")`.
///
/// A language may be left out (or empty) in a bank that is written in one language only;
/// validation checks that a file is consistent about which languages it uses.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    /// The Russian text.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub ru: String,
    /// The English text.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub en: String,
}

impl Text {
    /// A text in both languages.
    pub fn new(ru: impl Into<String>, en: impl Into<String>) -> Self {
        Text {
            ru: ru.into(),
            en: en.into(),
        }
    }

    /// The text in `lang`, falling back to the other language when this one is missing.
    pub fn get(&self, lang: Lang) -> &str {
        let own = self.exact(lang);
        if own.trim().is_empty() {
            self.exact(lang.other())
        } else {
            own
        }
    }

    /// The text in `lang` exactly as written, possibly empty.
    pub fn exact(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ru => &self.ru,
            Lang::En => &self.en,
        }
    }

    /// Returns true if and only if the text has something written in `lang`.
    pub fn has(&self, lang: Lang) -> bool {
        !self.exact(lang).trim().is_empty()
    }

    /// Returns true if and only if neither language has any text.
    pub fn is_empty(&self) -> bool {
        !self.has(Lang::Ru) && !self.has(Lang::En)
    }
}

/// Several lines in both languages, such as a topic brief: `(ru: ["...", ...], en: [...])`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lines {
    /// The Russian lines.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ru: Vec<String>,
    /// The English lines.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub en: Vec<String>,
}

impl Lines {
    /// The lines in `lang`, falling back to the other language when this one has none.
    pub fn get(&self, lang: Lang) -> &[String] {
        let own = self.exact(lang);
        if own.is_empty() {
            self.exact(lang.other())
        } else {
            own
        }
    }

    /// The lines in `lang` exactly as written.
    pub fn exact(&self, lang: Lang) -> &[String] {
        match lang {
            Lang::Ru => &self.ru,
            Lang::En => &self.en,
        }
    }

    /// Returns true if and only if neither language has a line.
    pub fn is_empty(&self) -> bool {
        self.ru.is_empty() && self.en.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_falls_back_to_the_other_language() {
        let text = Text::new("", "only English");
        assert_eq!(text.get(Lang::Ru), "only English");
        assert_eq!(text.get(Lang::En), "only English");
        assert!(!text.has(Lang::Ru));
    }

    #[test]
    fn language_codes_parse_leniently() {
        assert_eq!("RU".parse::<Lang>(), Ok(Lang::Ru));
        assert_eq!(" english".parse::<Lang>(), Ok(Lang::En));
        assert!("de".parse::<Lang>().is_err());
    }
}
