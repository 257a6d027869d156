//! The definitions pass: every definition named, then defined as a struct,
//! enum, tagged enum or alias; and the type of any schema, defining the
//! inline structs and enums it holds along the way.

use super::all_of::Merge;
use super::formats::{pattern, string_ty};
use super::unions::{admits_null, union_members};
use super::{Field, Literal, Lowering, Ty, TypeDef, TypeKind, Variant};
use crate::names::{self, Scope};
use crate::pointer::{join, schema_name};
use openapiv3 as v3;
use std::collections::{BTreeMap, BTreeSet};

impl<'a> Lowering<'a> {
    /// Names every definition (in document order, so that the first of two
    /// clashing names keeps it), then defines each.
    pub(super) fn definitions(&mut self) {
        let Some(schemas) = self.schemas() else {
            return;
        };
        let names: Vec<String> = schemas.keys().cloned().collect();
        for wire in &names {
            let wanted = names::pascal(wire, "Unnamed");
            let (name, renamed) = self.type_scope.claim(&wanted);
            if renamed {
                let pointer = join("#/components/schemas", wire);
                self.warn(&pointer, format!("the type name `{wanted}` is taken by another definition; this one is named `{name}`"));
            }
            self.definitions.insert(wire.clone(), name);
        }
        let subtypes = self.subtypes();
        // A base's own fields get a struct of their own; its name is the
        // tagged enum's.
        let mut own_structs = BTreeMap::new();
        for base in subtypes.keys() {
            let (own, _) = self
                .type_scope
                .claim(&format!("{}Base", self.definitions[base]));
            own_structs.insert(base.clone(), own);
        }
        for wire in &names {
            let pointer = join("#/components/schemas", wire);
            let name = self.definitions[wire].clone();
            let Some(schema) = self.schemas().and_then(|s| s.get(wire)) else {
                continue;
            };
            if let (Some(subs), Some(own), v3::ReferenceOr::Item(item)) =
                (subtypes.get(wire), own_structs.get(wire), schema)
            {
                self.define_tagged(&name, own, item, subs, &pointer);
                continue;
            }
            match &schema {
                v3::ReferenceOr::Item(item) if self.defines_type(item) => {
                    self.define(&name, item, &pointer)
                }
                _ => {
                    let ty = self.ty(schema, &name, &pointer);
                    let doc = schema
                        .as_item()
                        .and_then(|s| s.schema_data.description.clone());
                    self.types.push(TypeDef {
                        name,
                        pointer: self.origins.original(&pointer),
                        doc,
                        kind: TypeKind::Alias(ty),
                        xml: schema.as_item().and_then(super::xml::xml_of),
                    });
                }
            }
        }
    }

    /// Emits the struct or enum for `schema` under `name`.
    pub(super) fn define(&mut self, name: &str, schema: &v3::Schema, pointer: &str) {
        let doc = schema
            .schema_data
            .description
            .clone()
            .or_else(|| schema.schema_data.title.clone());
        let kind = match &schema.schema_kind {
            v3::SchemaKind::Type(v3::Type::String(s)) => TypeKind::Enum(variants(s)),
            v3::SchemaKind::AllOf { all_of } => {
                let mut merge = Merge::default();
                for (i, member) in all_of.iter().enumerate() {
                    let member_pointer = join(&join(pointer, "allOf"), i);
                    self.merge_fields(name, member, &member_pointer, &mut merge, 0);
                }
                TypeKind::Struct(merge.fields)
            }
            v3::SchemaKind::Type(v3::Type::Object(object)) => {
                if matches!(
                    object.additional_properties,
                    Some(v3::AdditionalProperties::Any(true) | v3::AdditionalProperties::Schema(_))
                ) {
                    self.warn(
                        &join(pointer, "additionalProperties"),
                        "members beside the named properties are not kept: the type has a field per property",
                    );
                }
                let mut merge = Merge::default();
                self.fields(name, object, pointer, &mut merge);
                TypeKind::Struct(merge.fields)
            }
            v3::SchemaKind::OneOf { .. } | v3::SchemaKind::AnyOf { .. } => {
                self.union(name, schema, pointer)
            }
            _ => TypeKind::Alias(Ty::Json),
        };
        self.types.push(TypeDef {
            name: name.to_string(),
            pointer: self.origins.original(pointer),
            doc,
            kind,
            xml: super::xml::xml_of(schema),
        });
    }

    /// Whether a schema becomes a struct or enum of its own (as opposed to an
    /// alias of or a use of another type).
    pub(super) fn defines_type(&self, schema: &v3::Schema) -> bool {
        match &schema.schema_kind {
            v3::SchemaKind::Type(v3::Type::Object(o)) => !o.properties.is_empty(),
            v3::SchemaKind::Type(v3::Type::String(s)) => s.enumeration.iter().any(Option::is_some),
            v3::SchemaKind::AllOf { .. } => true,
            v3::SchemaKind::OneOf { .. } | v3::SchemaKind::AnyOf { .. } => {
                union_members(schema).is_some_and(|(_, members)| members.len() > 1)
            }
            _ => false,
        }
    }

    /// Adds an object's properties to `merge` as fields, each property once
    /// (the first member of an `allOf` that has it decides it).
    pub(super) fn fields(
        &mut self,
        owner: &str,
        object: &v3::ObjectType,
        pointer: &str,
        merge: &mut Merge,
    ) {
        for (wire, property) in &object.properties {
            if !merge.seen.insert(wire.clone()) {
                continue;
            }
            let p_pointer = join(&join(pointer, "properties"), wire);
            let (name, renamed) = merge.scope.claim(&names::snake(wire, "value"));
            if renamed {
                self.warn(
                    &p_pointer,
                    format!(
                        "property `{wire}` would share a Rust name with another; named `{name}`"
                    ),
                );
            }
            let hint = format!(
                "{owner}{}",
                names::pascal(wire, "Value")
                    .trim_start_matches("r#")
                    .trim_end_matches('_')
            );
            let property = property.clone().unbox();
            let ty = self.ty(&property, &hint, &p_pointer);
            let rules = self.rules(&property);
            self.warn_patterns(&property, &p_pointer);
            let item = property.as_item();
            let nullable = item.is_some_and(|s| annotated(s, |d| d.nullable) || admits_null(s));
            // A `readOnly` property is the server's to send: requests may leave
            // it out even when it is required, so it is an `Option`.
            let read_only = item.is_some_and(|s| annotated(s, |d| d.read_only));
            // A `writeOnly` one is the client's: responses may leave it out.
            let write_only = item.is_some_and(|s| annotated(s, |d| d.write_only));
            let mut doc = item.and_then(description).cloned();
            if read_only {
                let note = "Read-only: sent by the server; a request may leave it out.";
                doc = Some(match doc {
                    Some(d) => format!("{}\n\n{note}", d.trim()),
                    None => note.to_string(),
                });
            }
            if write_only {
                let note = "Write-only: sent by the client; a response may leave it out.";
                doc = Some(match doc {
                    Some(d) => format!("{}\n\n{note}", d.trim()),
                    None => note.to_string(),
                });
            }
            let required = object.required.contains(wire) && !nullable && !read_only && !write_only;
            let default = match item.and_then(|s| s.schema_data.default.as_ref()) {
                Some(value) if !required => self.literal(value, &ty, &property, &p_pointer),
                _ => None,
            };
            merge.fields.push(Field {
                name,
                wire: wire.clone(),
                ty,
                required,
                nullable,
                rules,
                default,
                doc,
                xml: item.and_then(super::xml::xml_of),
                item_xml: super::xml::items_xml(&property),
            });
        }
    }

    /// The Rust type of a schema; inline structs and enums are defined under `hint`.
    pub(super) fn ty(
        &mut self,
        schema: &v3::ReferenceOr<v3::Schema>,
        hint: &str,
        pointer: &str,
    ) -> Ty {
        let schema = match schema {
            v3::ReferenceOr::Reference { reference } => {
                let target = schema_name(reference).and_then(|n| self.definitions.get(&n).cloned());
                if target.is_none()
                    && self.inner_depth < 16
                    && let Some(inner) = self.inner_schema(reference)
                {
                    // A schema inside a definition: typed where it is, so it is
                    // the same type as the definition's own field.
                    self.inner_depth += 1;
                    let ty = self.ty(&inner, hint, reference);
                    self.inner_depth -= 1;
                    return ty;
                }
                return match target {
                    Some(name) => Ty::Named(name),
                    None => {
                        self.warn(pointer, format!(
                            "`$ref` `{}` does not name a definition of this document; read as free-form JSON",
                            reference.replacen("#/components/schemas/", "#/definitions/", 1)
                        ));
                        Ty::Json
                    }
                };
            }
            v3::ReferenceOr::Item(schema) => schema,
        };
        if let Some(reference) = annotated_ref(schema) {
            let reference = v3::ReferenceOr::Reference {
                reference: reference.to_string(),
            };
            return self.ty(&reference, hint, pointer);
        }
        if self.defines_type(schema) {
            if let Some(name) = self.inline.get(pointer) {
                return Ty::Named(name.clone());
            }
            let (name, _) = self.type_scope.claim(hint);
            self.inline.insert(pointer.to_string(), name.clone());
            self.define(&name, schema, pointer);
            return Ty::Named(name);
        }
        match &schema.schema_kind {
            v3::SchemaKind::Type(v3::Type::String(s)) => string_ty(s),
            v3::SchemaKind::Type(v3::Type::Integer(i)) => match &i.format {
                v3::VariantOrUnknownOrEmpty::Item(v3::IntegerFormat::Int32) => Ty::I32,
                _ => Ty::I64,
            },
            v3::SchemaKind::Type(v3::Type::Number(n)) => match &n.format {
                v3::VariantOrUnknownOrEmpty::Item(v3::NumberFormat::Float) => Ty::F32,
                _ => Ty::F64,
            },
            v3::SchemaKind::Type(v3::Type::Boolean(_)) => Ty::Bool,
            v3::SchemaKind::Type(v3::Type::Array(a)) => match &a.items {
                Some(items) => {
                    let items = items.clone().unbox();
                    Ty::Vec(Box::new(self.ty(
                        &items,
                        &format!("{hint}Item"),
                        &join(pointer, "items"),
                    )))
                }
                None => Ty::Vec(Box::new(Ty::Json)),
            },
            v3::SchemaKind::Type(v3::Type::Object(o)) => match &o.additional_properties {
                Some(v3::AdditionalProperties::Schema(value)) => {
                    let value = (**value).clone();
                    Ty::Map(Box::new(self.ty(
                        &value,
                        &format!("{hint}Value"),
                        &join(pointer, "additionalProperties"),
                    )))
                }
                // `type: object` and nothing more is an object of anything:
                // a map, which the server checks to be an object (free-form
                // JSON would take an array) and whose default is `{}`.
                _ => Ty::Map(Box::new(Ty::Json)),
            },
            // A union of one schema (and `null`) is that schema; one of
            // several defined a type above.
            v3::SchemaKind::OneOf { .. } | v3::SchemaKind::AnyOf { .. } => {
                match union_members(schema) {
                    Some((keyword, members)) => match members.as_slice() {
                        [(i, member)] => {
                            let at = join(&join(pointer, keyword), i);
                            self.ty(member, hint, &at)
                        }
                        _ => Ty::Json,
                    },
                    None => Ty::Json,
                }
            }
            v3::SchemaKind::Not { .. } => {
                self.warn(pointer, "`not` is not checked; read as free-form JSON");
                Ty::Json
            }
            _ => Ty::Json,
        }
    }

    /// A property's `default` as a literal of its type; a default of
    /// another type, or one no literal writes (an object), is not applied,
    /// with a warning.
    fn literal(
        &mut self,
        value: &serde_json::Value,
        ty: &Ty,
        schema: &v3::ReferenceOr<v3::Schema>,
        pointer: &str,
    ) -> Option<Literal> {
        use serde_json::Value as J;
        let literal = match (ty, value) {
            (Ty::Bool, J::Bool(b)) => Some(Literal::Bool(*b)),
            (Ty::I32, J::Number(n)) => n
                .as_i64()
                .filter(|&i| i32::try_from(i).is_ok())
                .map(Literal::Int),
            (Ty::I64, J::Number(n)) => n.as_i64().map(Literal::Int),
            (Ty::F32 | Ty::F64, J::Number(n)) => n.as_f64().map(Literal::Float),
            (Ty::String, J::String(s)) => Some(Literal::Str(s.clone())),
            (Ty::Vec(_), J::Array(items)) if items.is_empty() => Some(Literal::Empty),
            (Ty::Map(_), J::Object(map)) if map.is_empty() => Some(Literal::Empty),
            // A string enum's variant, named as `define` names it (the enum
            // may be defined after this property).
            (Ty::Named(name), J::String(s)) => self
                .enum_schema(schema)
                .and_then(|e| variants(e).into_iter().find(|v| &v.wire == s))
                .map(|v| Literal::Variant(name.clone(), v.name)),
            _ => None,
        };
        if literal.is_none() {
            self.warn(
                &join(pointer, "default"),
                format!("the default {value} is not filled in when reading (not a value of the property's type, or not one written as a literal)"),
            );
        }
        literal
    }

    /// The string enum a schema is, inline or through `$ref`s.
    fn enum_schema<'s>(
        &'s self,
        schema: &'s v3::ReferenceOr<v3::Schema>,
    ) -> Option<&'s v3::StringType> {
        let schema = match schema {
            v3::ReferenceOr::Item(schema) => schema,
            v3::ReferenceOr::Reference { reference } => self.lookup(reference)?.0,
        };
        match &schema.schema_kind {
            v3::SchemaKind::Type(v3::Type::String(s)) => Some(s),
            _ => None,
        }
    }

    /// The schema a `$ref` into a definition names
    /// (`#/components/schemas/Item/properties/id`), when there is one.
    fn inner_schema(&self, reference: &str) -> Option<v3::ReferenceOr<v3::Schema>> {
        let rest = reference.strip_prefix("#/components/schemas/")?;
        let (name, path) = rest.split_once('/')?;
        let v3::ReferenceOr::Item(schema) = self.schemas()?.get(&crate::pointer::unescape(name))?
        else {
            return None;
        };
        let value = serde_json::to_value(schema).ok()?;
        serde_json::from_value(value.pointer(&format!("/{path}"))?.clone()).ok()
    }

    /// The schema a `$ref` names, following `$ref`-only definitions, with
    /// its pointer; `None` when the reference dangles (or loops).
    pub(super) fn lookup(&self, reference: &str) -> Option<(&'a v3::Schema, String)> {
        let mut name = schema_name(reference)?;
        // `$ref`-only definitions chain; the cap guards against a loop.
        for _ in 0..64 {
            match self.schemas()?.get(&name)? {
                v3::ReferenceOr::Item(schema) => {
                    return Some((schema, join("#/components/schemas", &name)));
                }
                v3::ReferenceOr::Reference { reference } => name = schema_name(reference)?,
            }
        }
        None
    }

    /// Warns about each `pattern` of an inline schema (or its items) that
    /// the server cannot check.
    pub(super) fn warn_patterns(&mut self, schema: &v3::ReferenceOr<v3::Schema>, pointer: &str) {
        let v3::ReferenceOr::Item(schema) = schema else {
            return;
        };
        match &schema.schema_kind {
            v3::SchemaKind::Type(v3::Type::String(t)) if string_ty(t) == Ty::String => {
                if let Some(text) = &t.pattern
                    && let Err(why) = pattern(text)
                {
                    self.warn(
                        &join(pointer, "pattern"),
                        format!("the pattern `{text}` is not one the server can check ({why}); not checked"),
                    );
                }
            }
            v3::SchemaKind::Type(v3::Type::Array(a)) => {
                if let Some(items) = &a.items {
                    self.warn_patterns(&items.clone().unbox(), &join(pointer, "items"));
                }
            }
            _ => {}
        }
    }
}

/// The reference of `allOf: [{$ref: X}, {description: ...}]`, the usual way
/// to annotate a reference (Swagger 2.0 and OpenAPI 3.0 ignore a `$ref`'s
/// siblings): one `$ref` and members that say nothing about the value. Such
/// a schema is the referenced type itself, not a copy of it.
pub(super) fn annotated_ref(schema: &v3::Schema) -> Option<&str> {
    let v3::SchemaKind::AllOf { all_of } = &schema.schema_kind else {
        return None;
    };
    let mut reference = None;
    for member in all_of {
        match member {
            v3::ReferenceOr::Reference { reference: r } if reference.is_none() => {
                reference = Some(r.as_str())
            }
            v3::ReferenceOr::Item(item) if annotation_only(item) => {}
            _ => return None,
        }
    }
    reference
}

/// Whether a schema only annotates (a description, a title, an example):
/// it constrains nothing and adds no property.
fn annotation_only(schema: &v3::Schema) -> bool {
    let data = &schema.schema_data;
    matches!(&schema.schema_kind, v3::SchemaKind::Any(any) if *any == v3::AnySchema::default())
        && data.discriminator.is_none()
}

/// Whether a schema, or the annotation beside its `$ref`, says `flag`
/// (`nullable`, `readOnly`).
pub(super) fn annotated(schema: &v3::Schema, flag: fn(&v3::SchemaData) -> bool) -> bool {
    flag(&schema.schema_data)
        || (annotated_ref(schema).is_some()
            && matches!(&schema.schema_kind, v3::SchemaKind::AllOf { all_of }
                if all_of.iter().any(|m| m.as_item().is_some_and(|m| flag(&m.schema_data)))))
}

/// The description of a schema, or of the annotation beside its `$ref`.
pub(super) fn description(schema: &v3::Schema) -> Option<&String> {
    schema.schema_data.description.as_ref().or_else(|| {
        annotated_ref(schema)?;
        let v3::SchemaKind::AllOf { all_of } = &schema.schema_kind else {
            return None;
        };
        all_of
            .iter()
            .find_map(|m| m.as_item()?.schema_data.description.as_ref())
    })
}

/// A string enum's variants, each value once, named in a scope of their own
/// (with `Unknown` kept for values the document does not list).
fn variants(s: &v3::StringType) -> Vec<Variant> {
    let mut scope = Scope::new();
    scope.reserve("Unknown");
    let mut variants = Vec::new();
    let mut seen = BTreeSet::new();
    for wire in s.enumeration.iter().flatten() {
        if !seen.insert(wire.clone()) {
            continue;
        }
        let (variant, _) = scope.claim(&names::variant(wire));
        variants.push(Variant {
            name: variant,
            wire: wire.clone(),
        });
    }
    variants
}
