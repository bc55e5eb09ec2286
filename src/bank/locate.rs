//! Finding where a value sits in a RON file, so that problems found after parsing (a duplicate
//! id, a bad term) are reported at `line:column` like syntax errors are.
//!
//! serde does not keep positions, so the locator searches the text for the value as RON would
//! write it, starting from the place of the enclosing item. When a value cannot be found (written
//! as a raw string, say), the enclosing item's place is used.

/// Positions in one file's text.
#[derive(Clone, Debug)]
pub struct Locator<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> Locator<'a> {
    /// A locator over `text`.
    pub fn new(text: &'a str) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Locator { text, line_starts }
    }

    /// The 1-based line and character column of byte `offset`.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let start = self.line_starts[line - 1];
        let column = self.text[start..offset].chars().count() + 1;
        (line, column)
    }

    /// The offset of the string literal `value` at or after `from`.
    pub fn string(&self, value: &str, from: usize) -> Option<usize> {
        let needle = ron_string(value);
        self.text.get(from..)?.find(&needle).map(|i| from + i)
    }

    /// The offset of `field: "value"` at or after `from` (pointing at the value).
    pub fn field(&self, field: &str, value: &str, from: usize) -> Option<usize> {
        let literal = ron_string(value);
        let mut at = from;
        while let Some(name) = self.field_name(field, at, usize::MAX) {
            let after = self.skip_colon(name + field.len())?;
            if self.text[after..].starts_with(&literal) {
                return Some(after);
            }
            at = name + field.len();
        }
        None
    }

    /// The offset of the field name `field` (as a whole word followed by `:`) at or after
    /// `from`, before `until`.
    pub fn field_name(&self, field: &str, from: usize, until: usize) -> Option<usize> {
        let end = until.min(self.text.len());
        let haystack = self.text.get(from..end)?;
        let bytes = self.text.as_bytes();
        let is_word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
        let mut search = 0;
        while let Some(found) = haystack[search..].find(field) {
            let start = from + search + found;
            let stop = start + field.len();
            let whole = (start == 0 || !is_word(bytes[start - 1]))
                && bytes.get(stop).is_none_or(|&b| !is_word(b));
            if whole && self.skip_colon(stop).is_some() {
                return Some(start);
            }
            search += found + field.len();
        }
        None
    }

    /// The offset of the value after `:` (and the whitespace around it), if `at` is followed
    /// by a colon.
    fn skip_colon(&self, at: usize) -> Option<usize> {
        let rest = self.text.get(at..)?;
        let after_colon = rest.trim_start().strip_prefix(':')?;
        let value = after_colon.trim_start();
        Some(self.text.len() - value.len())
    }

    /// The offset of the `n`-th (from 0) occurrence of the string literal `value`.
    pub fn nth_string(&self, value: &str, n: usize) -> Option<usize> {
        let needle = ron_string(value);
        self.text.match_indices(&needle).nth(n).map(|(i, _)| i)
    }
}

/// `value` as a RON string literal with the escapes RON writers use.
fn ron_string(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_in_characters() {
        let text = "Topic(\n  id: \"гил\",\n  title: \"x\",\n)";
        let locator = Locator::new(text);
        let at = locator.string("гил", 0).map(|o| locator.line_column(o));
        assert_eq!(at, Some((2, 7)));
        let field = locator
            .field("title", "x", 0)
            .map(|o| locator.line_column(o));
        assert_eq!(field, Some((3, 10)));
    }

    #[test]
    fn escaped_values_are_found() {
        let text = r#"terms: ["/\\bgil\\b/", "say \"hi\""]"#;
        let locator = Locator::new(text);
        assert_eq!(locator.string(r"/\bgil\b/", 0), Some(8));
        assert!(locator.string("say \"hi\"", 0).is_some());
    }
}
