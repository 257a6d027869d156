//! Finds the line and column of a JSON pointer in a document's source text.
//!
//! serde_yaml keeps no positions, so this is a small scanner of its own: exact
//! for JSON, and for YAML exact on block-style documents (what real Swagger
//! files are written in). Where it cannot follow the pointer (flow-style YAML,
//! anchors) it answers with the deepest ancestor it found, or nothing.

use crate::pointer;
use std::collections::HashMap;

/// 1-based line and column of a byte offset.
pub(crate) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// Answers pointer lookups for one document; built once, so a document with
/// thousands of diagnostics is scanned once, not once per diagnostic.
pub(crate) struct Locator<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
    index: Index<'a>,
}

enum Index<'a> {
    /// Every member (at its key) and element (at its value) by pointer.
    Json(HashMap<String, usize>),
    Yaml(Vec<Entry<'a>>),
}

impl<'a> Locator<'a> {
    pub(crate) fn new(text: &'a str, json: bool) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        let index = if json {
            let mut scanner = JsonScanner {
                bytes: text.as_bytes(),
                pos: 0,
                index: HashMap::new(),
            };
            scanner.skip_ws();
            scanner.index.insert(String::new(), scanner.pos);
            scanner.value(&mut String::new(), 0);
            Index::Json(scanner.index)
        } else {
            Index::Yaml(yaml_entries(text))
        };
        Self {
            text,
            line_starts,
            index,
        }
    }

    /// The line and column of `pointer`, or of its deepest ancestor found.
    pub(crate) fn locate(&self, pointer: &str) -> Option<(usize, usize)> {
        self.find(pointer, false)
    }

    /// Like `locate`, but where the last key of `pointer` appears more than
    /// once in its mapping, the line of its last occurrence.
    pub(crate) fn locate_last(&self, pointer: &str) -> Option<(usize, usize)> {
        self.find(pointer, true)
    }

    fn find(&self, pointer: &str, last: bool) -> Option<(usize, usize)> {
        let bare = pointer.strip_prefix('#').unwrap_or(pointer);
        match &self.index {
            // The index holds each key's last occurrence.
            Index::Json(index) => {
                let mut prefix = bare;
                loop {
                    if let Some(&offset) = index.get(prefix) {
                        return Some(self.line_col(offset));
                    }
                    prefix = &prefix[..prefix.rfind('/')?];
                }
            }
            Index::Yaml(entries) => {
                let tokens: Vec<String> = bare.split('/').skip(1).map(pointer::unescape).collect();
                locate_yaml(entries, &tokens, last)
            }
        }
    }

    fn line_col(&self, offset: usize) -> (usize, usize) {
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let start = self.line_starts[line - 1];
        let column = self
            .text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        (line, column + 1)
    }
}

#[cfg(test)]
fn locate(text: &str, json: bool, pointer: &str) -> Option<(usize, usize)> {
    Locator::new(text, json).locate(pointer)
}

struct JsonScanner<'a> {
    bytes: &'a [u8],
    pos: usize,
    index: HashMap<String, usize>,
}

impl JsonScanner<'_> {
    fn skip_ws(&mut self) {
        while self.pos < self.bytes.len() && self.bytes[self.pos].is_ascii_whitespace() {
            self.pos += 1;
        }
    }

    /// Scans one value at `pointer`, recording every member and element below it.
    fn value(&mut self, pointer: &mut String, depth: usize) {
        if depth > 256 {
            self.skip_value();
            return;
        }
        match self.bytes.get(self.pos) {
            Some(b'{') => {
                self.pos += 1;
                loop {
                    self.skip_ws();
                    match self.bytes.get(self.pos) {
                        Some(b'"') => {}
                        Some(b'}') => {
                            self.pos += 1;
                            return;
                        }
                        _ => return,
                    }
                    let key_start = self.pos;
                    let key = self.string();
                    self.skip_ws();
                    if self.bytes.get(self.pos) != Some(&b':') {
                        return;
                    }
                    self.pos += 1;
                    self.skip_ws();
                    let len = pointer.len();
                    pointer.push('/');
                    pointer.push_str(
                        &key.unwrap_or_default()
                            .replace('~', "~0")
                            .replace('/', "~1"),
                    );
                    self.index.insert(pointer.clone(), key_start);
                    self.value(pointer, depth + 1);
                    pointer.truncate(len);
                    self.skip_ws();
                    match self.bytes.get(self.pos) {
                        Some(b',') => self.pos += 1,
                        Some(b'}') => {
                            self.pos += 1;
                            return;
                        }
                        _ => return,
                    }
                }
            }
            Some(b'[') => {
                self.pos += 1;
                let mut index = 0usize;
                loop {
                    self.skip_ws();
                    if self.bytes.get(self.pos) == Some(&b']') {
                        self.pos += 1;
                        return;
                    }
                    let len = pointer.len();
                    pointer.push('/');
                    pointer.push_str(&index.to_string());
                    self.index.insert(pointer.clone(), self.pos);
                    self.value(pointer, depth + 1);
                    pointer.truncate(len);
                    self.skip_ws();
                    match self.bytes.get(self.pos) {
                        Some(b',') => self.pos += 1,
                        Some(b']') => {
                            self.pos += 1;
                            return;
                        }
                        _ => return,
                    }
                    index += 1;
                }
            }
            Some(b'"') => {
                self.string();
            }
            _ => self.skip_value(),
        }
    }

    /// Reads a string starting at the opening quote; `None` if it has escapes
    /// this scanner does not decode (then it cannot match a key, which is fine).
    fn string(&mut self) -> Option<String> {
        self.pos += 1;
        let start = self.pos;
        let mut plain = true;
        while let Some(&b) = self.bytes.get(self.pos) {
            match b {
                b'"' => {
                    let raw = &self.bytes[start..self.pos];
                    self.pos += 1;
                    if plain {
                        return std::str::from_utf8(raw).ok().map(str::to_string);
                    }
                    let quoted = std::str::from_utf8(&self.bytes[start - 1..self.pos]).ok()?;
                    return serde_json::from_str(quoted).ok();
                }
                b'\\' => {
                    plain = false;
                    self.pos += 2;
                }
                _ => self.pos += 1,
            }
        }
        None
    }

    fn skip_value(&mut self) {
        let mut depth = 0usize;
        while let Some(&b) = self.bytes.get(self.pos) {
            match b {
                b'"' => {
                    self.string();
                    if depth == 0 {
                        return;
                    }
                    continue;
                }
                b'{' | b'[' => depth += 1,
                b'}' | b']' => {
                    if depth == 0 {
                        return;
                    }
                    depth -= 1;
                    if depth == 0 {
                        self.pos += 1;
                        return;
                    }
                }
                b',' if depth == 0 => return,
                _ => {}
            }
            self.pos += 1;
        }
    }
}

/// One YAML line, or the part of it after a `- ` sequence marker.
struct Entry<'a> {
    line: usize,
    indent: usize,
    content: &'a str,
}

fn yaml_entries(text: &str) -> Vec<Entry<'_>> {
    let mut entries = Vec::new();
    let mut started = false;
    for (line, raw) in text.lines().enumerate() {
        let raw = raw.trim_end_matches('\r');
        let trimmed = raw.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if raw.starts_with("---") || raw.starts_with("...") {
            if started {
                break;
            }
            continue;
        }
        started = true;
        let mut indent = raw.len() - trimmed.len();
        let mut content = trimmed;
        loop {
            entries.push(Entry {
                line,
                indent,
                content,
            });
            let Some(rest) = content
                .strip_prefix('-')
                .filter(|r| r.is_empty() || r.starts_with(' '))
            else {
                break;
            };
            let after = rest.trim_start();
            if after.is_empty() {
                break;
            }
            indent += content.len() - after.len();
            content = after;
        }
    }
    entries
}

/// The key of a `key: value` line, unquoted.
fn yaml_key(content: &str) -> Option<&str> {
    let (key, rest) = if let Some(q) = content.chars().next().filter(|c| *c == '"' || *c == '\'') {
        let end = content[1..].find(q)? + 1;
        (&content[1..end], &content[end + 1..])
    } else {
        let mut search = 0;
        loop {
            let i = content[search..].find(':')? + search;
            let next = content[i + 1..].chars().next();
            if next.is_none() || next == Some(' ') || next == Some('\t') {
                break (content[..i].trim_end(), &content[i..]);
            }
            search = i + 1;
        }
    };
    rest.trim_start().starts_with(':').then_some(key)
}

fn is_dash(content: &str) -> bool {
    content == "-" || content.starts_with("- ")
}

/// Whether every entry at `indent` from `start` up to `j` is a sequence item.
fn sequence_follows(entries: &[Entry<'_>], start: usize, indent: usize, j: usize) -> bool {
    entries[start..=j]
        .iter()
        .filter(|e| e.indent == indent)
        .all(|e| is_dash(e.content))
}

fn locate_yaml(entries: &[Entry<'_>], tokens: &[String], last: bool) -> Option<(usize, usize)> {
    let top = entries.first().map(|e| (e.line + 1, e.indent + 1));
    let (_, found) = follow(entries, 0, entries.len(), tokens, last);
    found.or(top)
}

/// Follows `tokens` in `entries[start..end]`: how many tokens it matched
/// and where the last matched one is. A key given twice in a mapping is
/// tried at each occurrence, so a pointer into the later one is found; with
/// `last`, the final token's last occurrence is preferred.
fn follow(
    entries: &[Entry<'_>],
    start: usize,
    end: usize,
    tokens: &[String],
    last: bool,
) -> (usize, Option<(usize, usize)>) {
    let Some((token, rest)) = tokens.split_first() else {
        return (0, None);
    };
    let Some(level) = entries.get(start).filter(|_| start < end).map(|e| e.indent) else {
        return (0, None);
    };
    let mut best = (0, None);
    let mut index = 0usize;
    for (i, entry) in entries.iter().enumerate().take(end).skip(start) {
        if entry.indent != level {
            continue;
        }
        let matched = if is_dash(entry.content) {
            index += 1;
            token.parse() == Ok(index - 1)
        } else {
            yaml_key(entry.content) == Some(token.as_str())
        };
        if !matched {
            continue;
        }
        let inner = i + 1;
        // A block sequence may sit at its key's own indentation (`key:\n- a`).
        let is_key = !is_dash(entry.content);
        let inner_end = (inner..entries.len())
            .find(|&j| {
                entries[j].indent < entry.indent
                    || (entries[j].indent == entry.indent
                        && !(is_key
                            && is_dash(entries[j].content)
                            && sequence_follows(entries, inner, entry.indent, j)))
            })
            .unwrap_or(entries.len());
        let (depth, deeper) = follow(entries, inner, inner_end, rest, last);
        let here = (
            1 + depth,
            deeper.or(Some((entry.line + 1, entry.indent + 1))),
        );
        let better = here.0 > best.0 || (here.0 == best.0 && last && rest.is_empty());
        if better {
            best = here;
        }
        if best.0 == tokens.len() && !(last && rest.is_empty()) {
            break;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    const YAML: &str = "---\nswagger: \"2.0\"\npaths:\n  /?Action=X:\n    get:\n      parameters:\n      - in: query\n        name: a\n      - in: query\n        name: b\n      responses:\n        200:\n          description: OK\n---\n";

    #[test]
    fn yaml_pointers() {
        assert_eq!(locate(YAML, false, "#/swagger"), Some((2, 1)));
        assert_eq!(locate(YAML, false, "#/paths/~1?Action=X/get"), Some((5, 5)));
        assert_eq!(
            locate(YAML, false, "#/paths/~1?Action=X/get/parameters/1"),
            Some((9, 7))
        );
        assert_eq!(
            locate(YAML, false, "#/paths/~1?Action=X/get/parameters/1/name"),
            Some((10, 9))
        );
        assert_eq!(
            locate(YAML, false, "#/paths/~1?Action=X/get/parameters/0/in"),
            Some((7, 9))
        );
        assert_eq!(
            locate(YAML, false, "#/paths/~1?Action=X/get/responses/200"),
            Some((12, 9))
        );
        // Not present: the deepest ancestor found.
        assert_eq!(
            locate(YAML, false, "#/paths/~1?Action=X/post"),
            Some((4, 3))
        );
    }

    #[test]
    fn yaml_keys_given_twice_are_searched_in_each_occurrence() {
        let text = "paths:\n  /a:\n    get: {}\nx: 1\npaths:\n  /b:\n    get: {}\n";
        let locator = Locator::new(text, false);
        assert_eq!(locator.locate("#/paths/~1b/get"), Some((7, 5)));
        assert_eq!(locator.locate("#/paths/~1a"), Some((2, 3)));
        assert_eq!(locator.locate("#/paths"), Some((1, 1)));
        assert_eq!(locator.locate_last("#/paths"), Some((5, 1)));
        assert_eq!(locator.locate_last("#/x"), Some((4, 1)));
    }

    #[test]
    fn yaml_sequence_at_its_keys_indentation() {
        let text = "a:
  p:
  - x: 1
  - y: 2
  q: 3
";
        assert_eq!(locate(text, false, "#/a/p/1/y"), Some((4, 5)));
        assert_eq!(locate(text, false, "#/a/q"), Some((5, 3)));
    }

    #[test]
    fn json_pointers() {
        let json = "{\n  \"swagger\": \"2.0\",\n  \"paths\": {\"/a\": {\"get\": {\"parameters\": [{}, {\"name\": \"x\"}]}}}\n}";
        assert_eq!(locate(json, true, "#/swagger"), Some((2, 3)));
        assert_eq!(
            locate(json, true, "#/paths/~1a/get/parameters/1"),
            Some((3, 47))
        );
        assert_eq!(
            locate(json, true, "#/paths/~1a/get/parameters/1/name"),
            Some((3, 48))
        );
        assert_eq!(locate(json, true, "#/nope"), Some((1, 1)));
    }
}
