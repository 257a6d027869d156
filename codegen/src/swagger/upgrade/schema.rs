//! Schemas: `$ref`s into `#/components/schemas/`, `x-nullable` as
//! `nullable`, `type: file` as a binary string, and a depth limit.

use super::Upgrader;
use crate::pointer::join;
use crate::swagger as v2;
use openapiv3 as v3;
use serde_json::Value;

/// Schemas nested deeper than this are read as free-form JSON, so that later
/// stages, which recurse, stay far from the end of any thread's stack.
const MAX_SCHEMA_DEPTH: usize = 64;

impl Upgrader<'_> {
    /// Where in the upgraded document the schema a `$ref` to another place
    /// than `#/definitions/` is (grpc-gateway's `#/x-stream-definitions/Foo`,
    /// a response's schema under `#/paths`): the schema there, upgraded once
    /// into the components and named after where it is; a `$ref` there is
    /// followed instead. `None` when the pointer reaches nothing, which the
    /// model reports as a dangling `$ref`.
    fn hoist(&mut self, reference: &str) -> Option<String> {
        if let Some(upgraded) = self.hoisted.get(reference) {
            return Some(upgraded.clone());
        }
        let target = self.tree?.pointer(reference.strip_prefix('#')?)?;
        let schema: v2::Schema = match serde_json::from_value(target.clone()) {
            Ok(schema) => schema,
            Err(e) => {
                self.reporter.warn(
                    reference.to_string(),
                    format!("a `$ref` refers here, but this is not a schema ({e})"),
                );
                return None;
            }
        };
        if schema.reference.is_some() {
            // Claimed first, so that a loop of `$ref`s ends (as dangling).
            self.hoisted
                .insert(reference.to_string(), reference.to_string());
            let v3::ReferenceOr::Reference {
                reference: upgraded,
            } = self.schema(&schema, reference)
            else {
                return None;
            };
            self.hoisted.insert(reference.to_string(), upgraded.clone());
            return Some(upgraded);
        }
        let name = self.hoisted_name(reference);
        let upgraded = join("#/components/schemas", &name);
        self.hoisted.insert(reference.to_string(), upgraded.clone());
        self.origins.record(upgraded.clone(), reference.to_string());
        let schema = self.schema(&schema, reference);
        self.hoisted_schemas.push((name, schema));
        Some(upgraded)
    }

    /// A name for a schema at `pointer`: its tokens without the keywords
    /// that only say where schemas sit (`#/x-stream-definitions/Foo` is
    /// `Foo`; `#/paths/~1pets/get/responses/200/schema` is `pets get 200`),
    /// made unique among the definitions and the names given before.
    fn hoisted_name(&self, pointer: &str) -> String {
        const PLACES: &[&str] = &[
            "definitions",
            "paths",
            "responses",
            "parameters",
            "schema",
            "properties",
            "items",
            "allOf",
            "additionalProperties",
        ];
        let tokens: Vec<String> = pointer
            .trim_start_matches("#/")
            .split('/')
            .map(crate::pointer::unescape)
            .filter(|t| !PLACES.contains(&t.as_str()) && !t.starts_with("x-"))
            .map(|t| t.trim_matches('/').replace('/', " "))
            .filter(|t| !t.is_empty())
            .collect();
        let base = if tokens.is_empty() {
            "Schema".to_string()
        } else {
            tokens.join(" ")
        };
        let taken = |name: &str| {
            self.doc.definitions.contains_key(name)
                || self.hoisted_schemas.iter().any(|(n, _)| n == name)
        };
        let mut name = base.clone();
        let mut n = 2;
        while taken(&name) {
            name = format!("{base}{n}");
            n += 1;
        }
        name
    }

    pub(super) fn schema(&mut self, s: &v2::Schema, pointer: &str) -> v3::ReferenceOr<v3::Schema> {
        if self.depth >= MAX_SCHEMA_DEPTH {
            self.reporter.warn(
                pointer.to_string(),
                format!("schemas nested more than {MAX_SCHEMA_DEPTH} deep; this one is read as free-form JSON"),
            );
            return v3::ReferenceOr::Item(any_schema());
        }
        self.depth += 1;
        let schema = self.schema_at_depth(s, pointer);
        self.depth -= 1;
        schema
    }

    fn schema_at_depth(&mut self, s: &v2::Schema, pointer: &str) -> v3::ReferenceOr<v3::Schema> {
        if let Some(reference) = &s.reference {
            // A pointer into a definition (`#/definitions/Item/properties/id`)
            // stays one: the model finds the schema there.
            let reference = match reference.strip_prefix("#/definitions/") {
                Some(rest) => format!("#/components/schemas/{rest}"),
                None => self.hoist(reference).unwrap_or_else(|| reference.clone()),
            };
            return v3::ReferenceOr::Reference { reference };
        }
        let schema_data = schema_data(s);
        if let Some(all_of) = &s.all_of {
            let mut members: Vec<_> = all_of
                .iter()
                .enumerate()
                .map(|(i, m)| self.schema(m, &join(&join(pointer, "allOf"), i)))
                .collect();
            if s.properties.is_some() {
                let own = v2::Schema {
                    properties: s.properties.clone(),
                    required: s.required.clone(),
                    ..Default::default()
                };
                members.push(self.schema(&own, pointer));
            }
            return v3::ReferenceOr::Item(v3::Schema {
                schema_data,
                schema_kind: v3::SchemaKind::AllOf { all_of: members },
            });
        }
        let mut schema_data = schema_data;
        let (written, null) = self.type_name(s, pointer);
        schema_data.nullable |= null;
        let type_name = match written {
            Some(t) => Some(t),
            None if s.properties.is_some() || s.additional_properties.is_some() => Some("object"),
            None if s.items.is_some() => Some("array"),
            None => None,
        };
        let schema_kind = match type_name {
            Some("array") => self.array(s, pointer),
            Some("object") => self.object(s, pointer),
            Some(name) => scalar(s, name).unwrap_or_else(|| {
                self.reporter.warn(
                    join(pointer, "type"),
                    format!("unknown type `{name}`; read as free-form JSON"),
                );
                v3::SchemaKind::Any(Default::default())
            }),
            None => v3::SchemaKind::Any(Default::default()),
        };
        v3::ReferenceOr::Item(v3::Schema {
            schema_data,
            schema_kind,
        })
    }

    /// The `type` as written, and whether it allows `null`. Swagger 2.0's
    /// `type` is one name; documents converted from JSON Schema also write
    /// `[string, "null"]` and `"null"`, read as the type made nullable.
    fn type_name<'s>(&mut self, s: &'s v2::Schema, pointer: &str) -> (Option<&'s str>, bool) {
        let pointer = join(pointer, "type");
        match &s.type_ {
            None => (None, false),
            Some(Value::String(t)) if t.trim() == "null" => {
                self.reporter.warn(
                    pointer,
                    "`type: null` is not Swagger 2.0; read as free-form JSON that may be null",
                );
                (None, true)
            }
            Some(Value::String(t)) => (Some(t.trim()), false),
            Some(Value::Array(names)) => {
                let null = names.iter().any(|n| n == "null");
                let others: Vec<&Value> = names.iter().filter(|n| *n != "null").collect();
                match others.as_slice() {
                    [Value::String(one)] => {
                        let how = if null { ", nullable" } else { "" };
                        self.reporter.warn(
                            pointer,
                            format!(
                                "`type` is one name in Swagger 2.0, found {}; read as `{}`{how}",
                                Value::Array(names.clone()),
                                one.trim()
                            ),
                        );
                        (Some(one.trim()), null)
                    }
                    [] if null => {
                        self.reporter.warn(
                            pointer,
                            "`type: [null]` is not Swagger 2.0; read as free-form JSON that may be null",
                        );
                        (None, true)
                    }
                    _ => {
                        self.reporter.warn(
                            pointer,
                            format!(
                                "`type` must be a string, found {}; read as free-form JSON",
                                Value::Array(names.clone())
                            ),
                        );
                        (None, null)
                    }
                }
            }
            Some(other) => {
                self.reporter.warn(
                    pointer,
                    format!("`type` must be a string, found {other}; read as free-form JSON"),
                );
                (None, false)
            }
        }
    }

    fn array(&mut self, s: &v2::Schema, pointer: &str) -> v3::SchemaKind {
        let items = match &s.items {
            Some(items) => Some(boxed(self.schema(items, &join(pointer, "items")))),
            None => {
                self.reporter.warn(
                    pointer.to_string(),
                    "array without `items`; items read as free-form JSON",
                );
                None
            }
        };
        v3::SchemaKind::Type(v3::Type::Array(v3::ArrayType {
            items,
            min_items: s.min_items,
            max_items: s.max_items,
            unique_items: s.unique_items,
        }))
    }

    fn object(&mut self, s: &v2::Schema, pointer: &str) -> v3::SchemaKind {
        let mut object = v3::ObjectType {
            required: s.required.clone(),
            min_properties: s.min_properties,
            max_properties: s.max_properties,
            ..Default::default()
        };
        for (name, property) in s.properties.iter().flatten() {
            let p_pointer = join(&join(pointer, "properties"), name);
            object
                .properties
                .insert(name.clone(), boxed(self.schema(property, &p_pointer)));
        }
        object.additional_properties = match &s.additional_properties {
            None => None,
            Some(v2::AdditionalProperties::Any(b)) => Some(v3::AdditionalProperties::Any(*b)),
            Some(v2::AdditionalProperties::Schema(schema)) => {
                Some(v3::AdditionalProperties::Schema(Box::new(
                    self.schema(schema, &join(pointer, "additionalProperties")),
                )))
            }
        };
        v3::SchemaKind::Type(v3::Type::Object(object))
    }
}

/// What every schema has whatever its type: `x-nullable` as `nullable`,
/// `readOnly`, texts, `default`, `example`, `discriminator`, extensions.
fn schema_data(s: &v2::Schema) -> v3::SchemaData {
    let mut extensions = v2::extensions(&s.rest);
    if let Some(xml) = s.rest.get("xml") {
        extensions.insert(crate::media::XML_KEY.to_string(), xml.clone());
    }
    let nullable = matches!(extensions.get("x-nullable"), Some(Value::Bool(true)));
    extensions.shift_remove("x-nullable");
    v3::SchemaData {
        nullable,
        read_only: s.read_only,
        title: s.title.clone(),
        description: s.description.clone(),
        default: s.default.clone(),
        example: s.example.clone(),
        discriminator: s
            .discriminator
            .as_ref()
            .map(|property_name| v3::Discriminator {
                property_name: property_name.clone(),
                ..Default::default()
            }),
        extensions,
        ..Default::default()
    }
}

/// A schema of a scalar type (`file` is a binary string); `None` for a
/// type Swagger 2.0 does not have.
fn scalar(s: &v2::Schema, type_name: &str) -> Option<v3::SchemaKind> {
    let enum_values = s.enumeration.clone().unwrap_or_default();
    let ty = match type_name {
        "string" | "file" => {
            let format = if type_name == "file" {
                Some("binary".to_string())
            } else {
                s.format.clone()
            };
            v3::Type::String(v3::StringType {
                format: variant_or_unknown(format),
                pattern: s.pattern.clone(),
                enumeration: enum_values
                    .iter()
                    .map(|v| match v {
                        Value::Null => None,
                        Value::String(s) => Some(s.clone()),
                        other => Some(other.to_string()),
                    })
                    .collect(),
                min_length: s.min_length,
                max_length: s.max_length,
            })
        }
        "integer" => v3::Type::Integer(v3::IntegerType {
            format: variant_or_unknown(s.format.clone()),
            multiple_of: s.multiple_of.map(|m| m as i64),
            exclusive_minimum: s.exclusive_minimum,
            exclusive_maximum: s.exclusive_maximum,
            minimum: s.minimum.map(|m| m.ceil() as i64),
            maximum: s.maximum.map(|m| m.floor() as i64),
            enumeration: enum_values.iter().map(Value::as_i64).collect(),
        }),
        "number" => v3::Type::Number(v3::NumberType {
            format: variant_or_unknown(s.format.clone()),
            multiple_of: s.multiple_of,
            exclusive_minimum: s.exclusive_minimum,
            exclusive_maximum: s.exclusive_maximum,
            minimum: s.minimum,
            maximum: s.maximum,
            enumeration: enum_values.iter().map(Value::as_f64).collect(),
        }),
        "boolean" => v3::Type::Boolean(v3::BooleanType {
            enumeration: enum_values.iter().map(Value::as_bool).collect(),
        }),
        _ => return None,
    };
    Some(v3::SchemaKind::Type(ty))
}

pub(super) fn any_schema() -> v3::Schema {
    v3::Schema {
        schema_data: Default::default(),
        schema_kind: v3::SchemaKind::Any(Default::default()),
    }
}

pub(super) fn boxed(schema: v3::ReferenceOr<v3::Schema>) -> v3::ReferenceOr<Box<v3::Schema>> {
    match schema {
        v3::ReferenceOr::Reference { reference } => v3::ReferenceOr::Reference { reference },
        v3::ReferenceOr::Item(item) => v3::ReferenceOr::Item(Box::new(item)),
    }
}

pub(super) fn variant_or_unknown<T: std::str::FromStr>(
    format: Option<String>,
) -> v3::VariantOrUnknownOrEmpty<T> {
    match format {
        None => v3::VariantOrUnknownOrEmpty::Empty,
        Some(f) => match f.parse() {
            Ok(item) => v3::VariantOrUnknownOrEmpty::Item(item),
            Err(_) => v3::VariantOrUnknownOrEmpty::Unknown(f),
        },
    }
}

/// Whether the document has a `$ref` to a place other than `#/definitions/`,
/// `#/parameters/<name>` or `#/responses/<name>`, which the upgrade follows
/// in the tree as written.
pub(crate) fn has_pointer_refs(tree: &Value) -> bool {
    let mut stack = vec![tree];
    while let Some(value) = stack.pop() {
        match value {
            Value::Object(map) => {
                if let Some(Value::String(reference)) = map.get("$ref")
                    && let Some(rest) = reference.strip_prefix("#/")
                {
                    let mut tokens = rest.split('/');
                    let first = tokens.next().unwrap_or("");
                    let plain = first == "definitions"
                        || (matches!(first, "parameters" | "responses")
                            && tokens.next().is_some()
                            && tokens.next().is_none());
                    if !plain {
                        return true;
                    }
                }
                stack.extend(map.values());
            }
            Value::Array(items) => stack.extend(items),
            _ => {}
        }
    }
    false
}
