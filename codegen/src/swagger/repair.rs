//! Repairs of the JSON tree before it is read as Swagger 2.0: a field of
//! the wrong shape (a number where a string belongs, a list where a map
//! does) is mended or dropped with a located warning, so that the serde
//! model never fails on it.

use crate::diagnostic::Reporter;
use crate::pointer::join;
use serde_json::Value;

/// What a field of the document should hold.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Str,
    Bool,
    Num,
    /// A non-negative integer.
    Count,
    StrList,
    /// A map of schemas.
    Schemas,
    Schema,
    /// A list of schemas.
    SchemaList,
    /// `true`, `false` or a schema.
    BoolOrSchema,
    Parameters,
    /// A map of parameters by name (top-level `parameters`).
    ParameterMap,
    Responses,
    Headers,
    List,
}

impl Kind {
    fn describe(self) -> &'static str {
        match self {
            Kind::Str => "a string",
            Kind::Bool => "a boolean",
            Kind::Num => "a number",
            Kind::Count => "a non-negative integer",
            Kind::StrList => "a list of strings",
            Kind::Schemas | Kind::ParameterMap | Kind::Responses | Kind::Headers => "a mapping",
            Kind::Schema => "a schema (a mapping)",
            Kind::SchemaList | Kind::Parameters | Kind::List => "a list",
            Kind::BoolOrSchema => "a boolean or a schema",
        }
    }
}

/// The keywords a schema shares with a non-body parameter.
const VALIDATION: &[(&str, Kind)] = &[
    ("format", Kind::Str),
    ("multipleOf", Kind::Num),
    ("maximum", Kind::Num),
    ("exclusiveMaximum", Kind::Bool),
    ("minimum", Kind::Num),
    ("exclusiveMinimum", Kind::Bool),
    ("maxLength", Kind::Count),
    ("minLength", Kind::Count),
    ("pattern", Kind::Str),
    ("maxItems", Kind::Count),
    ("minItems", Kind::Count),
    ("uniqueItems", Kind::Bool),
    ("enum", Kind::List),
    ("items", Kind::Schema),
];

const SCHEMA: &[&[(&str, Kind)]] = &[
    VALIDATION,
    &[
        ("$ref", Kind::Str),
        ("title", Kind::Str),
        ("description", Kind::Str),
        ("maxProperties", Kind::Count),
        ("minProperties", Kind::Count),
        ("required", Kind::StrList),
        ("allOf", Kind::SchemaList),
        ("properties", Kind::Schemas),
        ("additionalProperties", Kind::BoolOrSchema),
        ("discriminator", Kind::Str),
        ("readOnly", Kind::Bool),
    ],
];

const PARAMETER: &[&[(&str, Kind)]] = &[
    VALIDATION,
    &[
        ("$ref", Kind::Str),
        ("name", Kind::Str),
        ("in", Kind::Str),
        ("description", Kind::Str),
        ("required", Kind::Bool),
        ("schema", Kind::Schema),
        ("collectionFormat", Kind::Str),
        ("allowEmptyValue", Kind::Bool),
    ],
];

const OPERATION: &[(&str, Kind)] = &[
    ("operationId", Kind::Str),
    ("summary", Kind::Str),
    ("description", Kind::Str),
    ("tags", Kind::StrList),
    ("consumes", Kind::StrList),
    ("produces", Kind::StrList),
    ("parameters", Kind::Parameters),
    ("responses", Kind::Responses),
    ("deprecated", Kind::Bool),
];

const RESPONSE: &[&[(&str, Kind)]] = &[&[
    ("$ref", Kind::Str),
    ("description", Kind::Str),
    ("schema", Kind::Schema),
    ("headers", Kind::Headers),
]];

const DOCUMENT: &[(&str, Kind)] = &[
    ("host", Kind::Str),
    ("basePath", Kind::Str),
    ("schemes", Kind::StrList),
    ("consumes", Kind::StrList),
    ("produces", Kind::StrList),
    ("definitions", Kind::Schemas),
    ("parameters", Kind::ParameterMap),
    ("responses", Kind::Responses),
];

const INFO: &[(&str, Kind)] = &[
    ("title", Kind::Str),
    ("description", Kind::Str),
    ("version", Kind::Str),
];

/// Brings the shapes real documents get wrong into the shapes of the model,
/// with a located warning for each repair: `definitions: []` is no
/// definitions, `version: 1.0` is the string `"1.0"`, `required: "true"` is
/// `true`, a field that cannot be read as what it should be is dropped. What
/// is left for serde to refuse is refused with its pointer.
pub(crate) fn normalize(tree: &mut Value, reporter: &mut Reporter) {
    let Some(document) = tree.as_object_mut() else {
        return;
    };
    fix_fields(document, "#", DOCUMENT, reporter);
    if let Some(info) = document.get_mut("info") {
        match info.as_object_mut() {
            Some(info) => fix_fields(info, "#/info", INFO, reporter),
            None => {
                reporter.warn("#/info", "`info` should be a mapping; ignored");
                document.remove("info");
            }
        }
    }
    match document.get_mut("paths") {
        Some(Value::Object(paths)) => {
            // `x-` keys are extensions, not paths; nothing is generated from them.
            paths.retain(|path, _| !path.starts_with("x-"));
            for (path, item) in paths.iter_mut() {
                let pointer = join("#/paths", path);
                let Some(item) = item.as_object_mut() else {
                    reporter.warn(pointer, "a path item should be a mapping; read as empty");
                    *item = Value::Object(Default::default());
                    continue;
                };
                fix_path_item(item, &pointer, reporter);
            }
        }
        Some(Value::Array(list)) if list.is_empty() => {
            reporter.warn(
                "#/paths",
                "`paths` should be a mapping, found an empty list; read as no paths",
            );
            document.insert("paths".to_string(), Value::Object(Default::default()));
        }
        Some(Value::Null) | None => {}
        Some(_) => {
            reporter.warn("#/paths", "`paths` should be a mapping; read as no paths");
            document.insert("paths".to_string(), Value::Object(Default::default()));
        }
    }
}

fn fix_path_item(
    item: &mut serde_json::Map<String, Value>,
    pointer: &str,
    reporter: &mut Reporter,
) {
    fix_fields(
        item,
        pointer,
        &[("$ref", Kind::Str), ("parameters", Kind::Parameters)],
        reporter,
    );
    for (key, value) in item.iter_mut() {
        if key.starts_with("x-") || key == "parameters" || key == "$ref" {
            continue;
        }
        let op_pointer = join(pointer, key);
        match value.as_object_mut() {
            Some(op) => fix_fields(op, &op_pointer, OPERATION, reporter),
            None => {
                // Left for the upgrade stage to report as a malformed or unknown key.
                if !value.is_null() {
                    reporter.warn(
                        op_pointer,
                        format!("`{key}` should hold an operation (a mapping); ignored"),
                    );
                }
                *value = Value::Null;
            }
        }
    }
    item.retain(|_, v| !v.is_null());
}

fn fix_fields(
    object: &mut serde_json::Map<String, Value>,
    pointer: &str,
    fields: &[(&str, Kind)],
    reporter: &mut Reporter,
) {
    for &(key, kind) in fields {
        let Some(value) = object.get_mut(key) else {
            continue;
        };
        let field = join(pointer, key);
        if !fix(value, kind, &field, reporter) {
            reporter.warn(
                field,
                format!(
                    "`{key}` should be {}, found {}; ignored",
                    kind.describe(),
                    type_name(value)
                ),
            );
            object.remove(key);
        }
    }
}

/// Repairs `value` in place; `false` when it cannot be read as `kind`.
/// One arm per kind of field, each short; kept as one match so that every
/// kind's repair can be read side by side.
fn fix(value: &mut Value, kind: Kind, pointer: &str, reporter: &mut Reporter) -> bool {
    if value.is_null() {
        // `description:` with nothing after it: as if absent.
        return false;
    }
    match kind {
        Kind::Str => match value {
            Value::String(_) => true,
            Value::Number(_) | Value::Bool(_) => {
                reporter.warn(
                    pointer.to_string(),
                    format!("should be a string; read as \"{value}\""),
                );
                *value = Value::String(value.to_string());
                true
            }
            _ => false,
        },
        Kind::Bool => match value {
            Value::Bool(_) => true,
            Value::String(s) if matches!(s.trim(), "true" | "false") => {
                let b = s.trim() == "true";
                reporter.warn(
                    pointer.to_string(),
                    format!("should be a boolean; read as {b}"),
                );
                *value = Value::Bool(b);
                true
            }
            _ => false,
        },
        Kind::Num | Kind::Count => {
            if let Value::String(s) = value {
                if let Ok(n) = s.trim().parse::<f64>() {
                    reporter.warn(
                        pointer.to_string(),
                        format!("should be a number; read as {n}"),
                    );
                    *value = serde_json::Number::from_f64(n).map_or(Value::Null, Value::Number);
                }
            }
            match (kind, &*value) {
                (Kind::Num, Value::Number(_)) => true,
                (_, Value::Number(n)) => {
                    if n.as_u64().is_some() {
                        return true;
                    }
                    match n
                        .as_f64()
                        .filter(|f| *f >= 0.0 && f.fract() == 0.0 && *f < 1e15)
                    {
                        Some(f) => {
                            *value = Value::from(f as u64);
                            true
                        }
                        None => false,
                    }
                }
                _ => false,
            }
        }
        Kind::StrList => match value {
            Value::String(s) => {
                *value = Value::Array(vec![Value::String(s.clone())]);
                true
            }
            Value::Array(items) => {
                let before = items.len();
                items.retain(|i| i.is_string());
                if items.len() != before {
                    reporter.warn(
                        pointer.to_string(),
                        "entries that are not strings are ignored",
                    );
                }
                true
            }
            _ => false,
        },
        Kind::Schemas | Kind::ParameterMap | Kind::Responses | Kind::Headers => {
            if matches!(value, Value::Array(a) if a.is_empty()) {
                reporter.warn(
                    pointer.to_string(),
                    "should be a mapping, found an empty list; read as empty",
                );
                *value = Value::Object(Default::default());
            }
            let Value::Object(map) = value else {
                return false;
            };
            let (table, what) = match kind {
                Kind::Schemas | Kind::Headers => (SCHEMA, "a schema"),
                Kind::ParameterMap => (PARAMETER, "a parameter"),
                _ => (RESPONSE, "a response"),
            };
            if kind == Kind::Responses {
                // Extensions among the statuses (any value, a string too) say
                // nothing the generator reads.
                map.retain(|key, _| !key.starts_with("x-"));
            }
            for (key, entry) in map.iter_mut() {
                let entry_pointer = join(pointer, key);
                match entry.as_object_mut() {
                    Some(object) => fix_object(object, &entry_pointer, table, reporter),
                    None => {
                        reporter.warn(
                            entry_pointer,
                            format!(
                                "should be {what} (a mapping), found {}; read as empty",
                                type_name(entry)
                            ),
                        );
                        *entry = Value::Object(Default::default());
                    }
                }
            }
            true
        }
        Kind::Schema => match value.as_object_mut() {
            Some(object) => {
                fix_object(object, pointer, SCHEMA, reporter);
                true
            }
            None => false,
        },
        Kind::BoolOrSchema => match value {
            Value::Bool(_) => true,
            Value::Object(object) => {
                fix_object(object, pointer, SCHEMA, reporter);
                true
            }
            _ => false,
        },
        Kind::SchemaList | Kind::Parameters => {
            let Value::Array(items) = value else {
                return false;
            };
            let table = if matches!(kind, Kind::Parameters) {
                PARAMETER
            } else {
                SCHEMA
            };
            let mut kept = Vec::with_capacity(items.len());
            for (i, mut item) in std::mem::take(items).into_iter().enumerate() {
                let item_pointer = join(pointer, i);
                match item.as_object_mut() {
                    Some(object) => {
                        fix_object(object, &item_pointer, table, reporter);
                        kept.push(item);
                    }
                    None => reporter.warn(
                        item_pointer,
                        format!("should be a mapping, found {}; ignored", type_name(&item)),
                    ),
                }
            }
            *items = kept;
            true
        }
        Kind::List => value.is_array(),
    }
}

fn fix_object(
    object: &mut serde_json::Map<String, Value>,
    pointer: &str,
    tables: &[&[(&str, Kind)]],
    reporter: &mut Reporter,
) {
    for table in tables {
        fix_fields(object, pointer, table, reporter);
    }
}

fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "nothing",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "a mapping",
    }
}
