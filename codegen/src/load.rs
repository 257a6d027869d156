//! Stage 1: bytes to a document tree.
//!
//! `.json` files go through serde_json; everything else through serde_yaml,
//! which stays behind this module (it is deprecated upstream). Real documents
//! need some tolerance: a UTF-8 byte order mark, a leading and trailing `---`
//! (several YAML documents, of which the first non-empty one counts), and
//! integer or boolean mapping keys (`200:`), which become strings.

use crate::diagnostic::Reporter;
use crate::locate;
use serde_json::{Map, Value};

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
    } else if let Some(tree) = sniffed
        .then(|| serde_json::from_str::<Value>(text).ok())
        .flatten()
    {
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
    match serde_json::from_str(text) {
        Ok(tree) => Some(tree),
        Err(e) => {
            let message = e.to_string();
            // serde_json appends " at line L column C"; the location goes in its own field.
            let message = message
                .split(" at line ")
                .next()
                .unwrap_or(&message)
                .to_string();
            reporter.error_at(
                "#",
                Some((e.line(), e.column())),
                format!("not valid JSON: {message}"),
            );
            None
        }
    }
}

fn load_yaml(text: &str, reporter: &mut Reporter) -> Option<Value> {
    use serde::Deserialize;
    for document in serde_yaml::Deserializer::from_str(text) {
        let value = match serde_yaml::Value::deserialize(document) {
            Ok(value) => value,
            Err(e) => {
                let line = e.location().map(|l| (l.line(), l.column()));
                let message = e.to_string();
                let message = message
                    .split(" at line ")
                    .next()
                    .unwrap_or(&message)
                    .to_string();
                reporter.error_at("#", line, format!("not valid YAML: {message}"));
                return None;
            }
        };
        if value.is_null() {
            continue;
        }
        return yaml_to_json(value, "#", reporter);
    }
    Some(Value::Null)
}

fn yaml_to_json(value: serde_yaml::Value, pointer: &str, reporter: &mut Reporter) -> Option<Value> {
    use serde_yaml::Value as Y;
    Some(match value {
        Y::Null => Value::Null,
        Y::Bool(b) => Value::Bool(b),
        Y::Number(n) => {
            if let Some(i) = n.as_i64() {
                Value::from(i)
            } else if let Some(u) = n.as_u64() {
                Value::from(u)
            } else {
                let f = n.as_f64().unwrap_or(f64::NAN);
                serde_json::Number::from_f64(f)
                    .map(Value::Number)
                    .unwrap_or_else(|| Value::String(n.to_string()))
            }
        }
        Y::String(s) => Value::String(s),
        Y::Sequence(items) => {
            let mut out = Vec::with_capacity(items.len());
            for (i, item) in items.into_iter().enumerate() {
                out.push(yaml_to_json(
                    item,
                    &crate::pointer::join(pointer, i),
                    reporter,
                )?);
            }
            Value::Array(out)
        }
        Y::Mapping(map) => {
            let mut out = Map::with_capacity(map.len());
            for (key, item) in map {
                let key = match key {
                    Y::String(s) => s,
                    Y::Number(n) => n.to_string(),
                    Y::Bool(b) => b.to_string(),
                    Y::Null => "null".to_string(),
                    Y::Tagged(t) => match t.value {
                        Y::String(s) => s,
                        _ => return unsupported_key(pointer, reporter),
                    },
                    Y::Sequence(_) | Y::Mapping(_) => return unsupported_key(pointer, reporter),
                };
                let item = yaml_to_json(item, &crate::pointer::join(pointer, &key), reporter)?;
                out.insert(key, item);
            }
            Value::Object(out)
        }
        Y::Tagged(tagged) => yaml_to_json(tagged.value, pointer, reporter)?,
    })
}

fn unsupported_key(pointer: &str, reporter: &mut Reporter) -> Option<Value> {
    reporter.error(
        pointer,
        "a mapping key is itself a sequence or mapping, which JSON cannot represent",
    );
    None
}
