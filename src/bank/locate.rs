//! Finding where a value sits in a RON file, so that problems found after parsing (a duplicate
//! id, a bad term) are reported at `line:column` like syntax errors are.
//!
//! serde does not keep positions, so the locator searches the text for the value as RON would
//! write it, starting from the place of the enclosing item. When a value cannot be found (written
//! as a raw string, say), the enclosing item's place is used.

use regex::Regex;

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
        let pattern = format!(
            r"\b{}\s*:\s*{}",
            regex::escape(field),
            regex::escape(&ron_string(value))
        );
        let regex = Regex::new(&pattern).ok()?;
        let found = regex.find(self.text.get(from..)?)?;
        let quote = found.as_str().find('"').unwrap_or(0);
        Some(from + found.start() + quote)
    }

    /// The offset of the field name `field` (as `field:`) at or after `from`, before `until`.
    pub fn field_name(&self, field: &str, from: usize, until: usize) -> Option<usize> {
        let pattern = format!(r"\b{}\s*:", regex::escape(field));
        let regex = Regex::new(&pattern).ok()?;
        let end = until.min(self.text.len());
        let found = regex.find(self.text.get(from..end)?)?;
        Some(from + found.start())
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
