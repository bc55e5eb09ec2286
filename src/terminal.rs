//! Printing to a terminal safely and readably: text from answers and banks is stripped of control
//! characters before it is shown, and colour is used only when stdout is a terminal and
//! `NO_COLOR` is not set.

use std::borrow::Cow;
use std::io::IsTerminal;

/// Makes `text` harmless to print: control characters (escape sequences above all) become
/// visible `^[`-style notation instead of being executed by the terminal; newlines and tabs stay.
pub fn sanitize(text: &str) -> Cow<'_, str> {
    let harmful = |c: char| (c.is_control() && c != '\n' && c != '\t') || is_bidi_control(c);
    if !text.chars().any(harmful) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if !harmful(c) {
            out.push(c);
        } else if (c as u32) < 0x20 {
            out.push('^');
            out.push(char::from(b'@' + c as u8));
        } else if c == '\u{7f}' {
            out.push_str("^?");
        } else {
            out.push_str(&format!("<U+{:04X}>", c as u32));
        }
    }
    Cow::Owned(out)
}

/// Bidirectional overrides can make a line display differently from what it says.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Wraps `text` to `width` columns, sanitized, with `first` before the first line and `rest`
/// before the others. Words are never split at hyphens: ids such as `gil.io-bound` stay whole.
pub fn wrap(text: &str, width: usize, first: &str, rest: &str) -> String {
    let options = textwrap::Options::new(width.max(20))
        .initial_indent(first)
        .subsequent_indent(rest)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .break_words(false);
    textwrap::fill(&sanitize(text), options)
}

/// Returns true if and only if colour should be used on stdout: it is a terminal and `NO_COLOR`
/// is unset or empty.
pub fn stdout_wants_color() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// The style of viva's listing tables: a rule above, a double rule under the header, a rule
/// below, and no lines between rows, so long listings stay compact and fit 80 columns.
pub const TABLE_STYLE: comfy_table::TableStyle = comfy_table::TableStyle::new()
    .top_border(comfy_table::LineStyle::none().fill('─').junction('─'))
    .header_separator(comfy_table::LineStyle::none().fill('═').junction('═'))
    .bottom_border(comfy_table::LineStyle::none().fill('─').junction('─'));

/// Colours for output, or none.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Palette {
    enabled: bool,
}

impl Palette {
    /// A palette that colours when `enabled`.
    pub fn new(enabled: bool) -> Self {
        Palette { enabled }
    }

    /// A palette for stdout, following the terminal and `NO_COLOR`.
    pub fn for_stdout() -> Self {
        Palette::new(stdout_wants_color())
    }

    /// Returns true if and only if this palette colours.
    pub fn is_enabled(self) -> bool {
        self.enabled
    }

    fn paint(self, code: &str, text: &str) -> String {
        if self.enabled {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }

    /// Good news: covered points, strong answers.
    pub fn good(self, text: &str) -> String {
        self.paint("32", text)
    }

    /// Bad news: missed points, weak answers.
    pub fn bad(self, text: &str) -> String {
        self.paint("31", text)
    }

    /// Warnings: misconceptions, timers running out.
    pub fn warn(self, text: &str) -> String {
        self.paint("33", text)
    }

    /// Emphasis.
    pub fn bold(self, text: &str) -> String {
        self.paint("1", text)
    }

    /// Secondary information.
    pub fn dim(self, text: &str) -> String {
        self.paint("2", text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_are_shown_not_executed() {
        assert_eq!(sanitize("a\x1b[31mred"), "a^[[31mred");
        assert_eq!(sanitize("line\nnext\ttab"), "line\nnext\ttab");
        assert_eq!(sanitize("bell\x07"), "bell^G");
        assert_eq!(sanitize("x\u{202E}y"), "x<U+202E>y");
    }

    #[test]
    fn no_colour_means_plain_text() {
        assert_eq!(Palette::new(false).good("ok"), "ok");
        assert_eq!(Palette::new(true).good("ok"), "\x1b[32mok\x1b[0m");
    }
}
