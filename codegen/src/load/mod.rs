//! Stage 1: bytes to a document tree.
//!
//! `.json` files go through serde_json; everything else through serde_yaml,
//! which stays behind this module (it is deprecated upstream). Real documents
//! need some tolerance: a UTF-8 byte order mark, a leading and trailing `---`
//! (several YAML documents, of which the first non-empty one counts), and
//! integer or boolean mapping keys (`200:`), which become strings. A key
//! given twice in one mapping and an integer beyond 64 bits are read (the
//! later value; the nearest float) with a warning at their place (`tree`).

use crate::diagnostic::Reporter;
use crate::locate;
use serde_json::Value;
use std::cell::RefCell;

mod tree;

/// The text of a document, kept to find line numbers for diagnostics.
#[derive(Debug)]
pub(crate) struct Source {
    text: String,
    json: bool,
}

impl Source {
    pub(crate) fn locator(&self) -> locate::Locator<'_> {
        locate::Locator::new(&self.text, self.json)
    }
}

/// Loads `bytes` (named `file`) into a JSON tree. On failure the reporter
/// holds a located error and `None` is returned.
pub(crate) fn load(file: &str, bytes: &[u8], reporter: &mut Reporter) -> Option<(Value, Source)> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let offset = e.valid_up_to();
            let line = locate::line_col(&String::from_utf8_lossy(&bytes[..offset]), offset);
            reporter.error_at(
                "#",
                Some(line),
                format!("the document is not valid UTF-8 (byte {offset})"),
            );
            return None;
        }
    };
    let json = file.to_ascii_lowercase().ends_with(".json");
    // JSON is YAML too, but serde_json reads it several times faster: a
    // document that starts like JSON under another name (`.unprocessed`,
    // `.md`) tries the fast path first and falls back to YAML.
    let sniffed = !json && text.trim_start().starts_with('{');
    let (tree, json) = if json {
        (load_json(text, reporter)?, true)
    } else if let Some((tree, notes)) = sniffed.then(|| read_json(text).ok()).flatten() {
        report(notes, text, true, reporter);
        (tree, true)
    } else {
        (load_yaml(text, reporter)?, false)
    };
    if tree.is_null() {
        reporter.error_at("#", Some((1, 1)), "the document is empty");
        return None;
    }
    Some((
        tree,
        Source {
            text: text.to_string(),
            json,
        },
    ))
}

fn load_json(text: &str, reporter: &mut Reporter) -> Option<Value> {
    if text.trim().is_empty() {
        return Some(Value::Null);
    }
    match read_json(text) {
        Ok((tree, notes)) => {
            report(notes, text, true, reporter);
            Some(tree)
        }
        Err(e) => {
            let message = without_location(e.to_string());
            reporter.error_at(
                "#",
                Some((e.line(), e.column())),
                format!("not valid JSON: {message}"),
            );
            None
        }
    }
}

fn read_json(text: &str) -> Result<(Value, Vec<tree::Note>), serde_json::Error> {
    let reading = RefCell::new(tree::Reading::default());
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let value = tree::read(&mut deserializer, &reading)?;
    deserializer.end()?;
    Ok((value, reading.into_inner().notes))
}

fn load_yaml(text: &str, reporter: &mut Reporter) -> Option<Value> {
    for document in serde_yaml::Deserializer::from_str(text) {
        let reading = RefCell::new(tree::Reading::default());
        let value = match tree::read(document, &reading) {
            Ok(value) => value,
            Err(e) => {
                let line = e.location().map(|l| (l.line(), l.column()));
                let message = without_location(e.to_string());
                reporter.error_at("#", line, format!("not valid YAML: {message}"));
                return None;
            }
        };
        if value.is_null() {
            continue;
        }
        report(reading.into_inner().notes, text, false, reporter);
        return Some(value);
    }
    Some(Value::Null)
}

/// A parser's message without the " at line L column C" it appends: the
/// location goes in its own field.
fn without_location(message: String) -> String {
    match message.find(" at line ") {
        Some(end) => message[..end].to_string(),
        None => message,
    }
}

/// Reports what the reader bent, each at its place; a duplicate key at its
/// later occurrence, the one that was read.
fn report(notes: Vec<tree::Note>, text: &str, json: bool, reporter: &mut Reporter) {
    if notes.is_empty() {
        return;
    }
    let locator = locate::Locator::new(text, json);
    for note in notes {
        match note {
            tree::Note::Duplicate(pointer) => {
                let line = locator.locate_last(&pointer);
                reporter.warn_at(
                    pointer,
                    line,
                    "this key appears earlier in the same mapping; the later value is read",
                );
            }
            tree::Note::Wide(pointer, literal) => {
                let read = literal.parse::<f64>().unwrap_or(f64::NAN);
                reporter.warn(
                    pointer,
                    format!("the integer {literal} does not fit in 64 bits; read as {read:e}"),
                );
            }
        }
    }
}
