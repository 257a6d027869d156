//! `oneOf` and `anyOf`: an enum with a variant per member schema, told apart
//! by a `discriminator` where the document has one, else by trying each
//! member in order.

use super::{Lowering, Ty, TypeKind, UnionVariant};
use crate::names::{self, Scope};
use crate::pointer::{join, schema_name};
use openapiv3 as v3;
use std::collections::BTreeSet;

impl Lowering<'_> {
    /// The enum of a `oneOf` or `anyOf` with more than one member besides
    /// `null` (which makes the place that holds it nullable instead).
    pub(super) fn union(&mut self, name: &str, schema: &v3::Schema, pointer: &str) -> TypeKind {
        let Some((keyword, members)) = union_members(schema) else {
            return TypeKind::Alias(Ty::Json);
        };
        let discriminator = schema.schema_data.discriminator.as_ref();
        let tag = discriminator.map(|d| d.property_name.clone());
        let mut scope = Scope::new();
        let mut claimed = BTreeSet::new();
        let mut variants = Vec::new();
        for (i, member) in members {
            let at = join(&join(pointer, keyword), i);
            let (variant, _) = scope.claim(&self.variant_name(member));
            let ty = self.ty(member, &format!("{name}{variant}"), &at);
            let rules = self.rules(member);
            self.warn_patterns(member, &at);
            let mut wires = Vec::new();
            if let (Some(d), v3::ReferenceOr::Reference { reference }) = (discriminator, member) {
                let target = schema_name(reference);
                // Mapped values, then the schema's own name, which selects
                // it too unless the mapping gives that value to another.
                for (value, to) in &d.mapping {
                    let to = schema_name(to).unwrap_or_else(|| to.clone());
                    if Some(&to) == target.as_ref() {
                        wires.push(value.clone());
                    }
                }
                if let Some(own) = target.filter(|own| !d.mapping.contains_key(own)) {
                    wires.push(own);
                }
                wires.retain(|w| {
                    let fresh = claimed.insert(w.clone());
                    if !fresh {
                        self.warn(
                            &at,
                            format!("another member already has the `{}` value `{w}`; it selects that one", d.property_name),
                        );
                    }
                    fresh
                });
            }
            if let (Some(d), v3::ReferenceOr::Item(_)) = (discriminator, member) {
                self.warn(
                    &at,
                    format!(
                        "an inline member has no name for `{}` to give; a value is this member when it fits and no earlier one does",
                        d.property_name
                    ),
                );
            }
            let doc = member
                .as_item()
                .and_then(|s| s.schema_data.description.clone());
            variants.push(UnionVariant {
                name: variant,
                ty,
                wires,
                rules,
                doc,
            });
        }
        TypeKind::Union { tag, variants }
    }

    /// A member's variant name: its title, the definition it refers to, or
    /// the kind of value it is.
    fn variant_name(&self, member: &v3::ReferenceOr<v3::Schema>) -> String {
        let schema = match member {
            v3::ReferenceOr::Reference { reference } => {
                return match schema_name(reference).and_then(|n| self.definitions.get(&n)) {
                    Some(name) => names::variant(name),
                    None => "Value".to_string(),
                };
            }
            v3::ReferenceOr::Item(schema) => schema,
        };
        if let Some(title) = &schema.schema_data.title {
            let name = names::pascal(title, "");
            if !name.is_empty() {
                return name;
            }
        }
        if let Some(reference) = super::types::annotated_ref(schema) {
            if let Some(name) = schema_name(reference).and_then(|n| self.definitions.get(&n)) {
                return names::variant(name);
            }
        }
        match &schema.schema_kind {
            v3::SchemaKind::Type(v3::Type::String(_)) => "String",
            v3::SchemaKind::Type(v3::Type::Integer(_)) => "Integer",
            v3::SchemaKind::Type(v3::Type::Number(_)) => "Number",
            v3::SchemaKind::Type(v3::Type::Boolean(_)) => "Boolean",
            v3::SchemaKind::Type(v3::Type::Array(_)) => "Array",
            v3::SchemaKind::Type(v3::Type::Object(_)) | v3::SchemaKind::AllOf { .. } => "Object",
            _ => "Value",
        }
        .to_string()
    }
}

/// The members of a union that are not `null`, with their indexes.
pub(super) type Members<'s> = Vec<(usize, &'s v3::ReferenceOr<v3::Schema>)>;

/// The keyword (`oneOf` or `anyOf`) and the members of a union that are not
/// `null`; `None` for any other schema.
pub(super) fn union_members(schema: &v3::Schema) -> Option<(&'static str, Members<'_>)> {
    let (keyword, members) = match &schema.schema_kind {
        v3::SchemaKind::OneOf { one_of } => ("oneOf", one_of),
        v3::SchemaKind::AnyOf { any_of } => ("anyOf", any_of),
        _ => return None,
    };
    let members = members
        .iter()
        .enumerate()
        .filter(|(_, m)| !m.as_item().is_some_and(is_null))
        .collect();
    Some((keyword, members))
}

/// Whether a union has a `null` member (`type: 'null'` in 3.1, read as a
/// schema that only says `nullable`).
pub(super) fn admits_null(schema: &v3::Schema) -> bool {
    match &schema.schema_kind {
        v3::SchemaKind::OneOf { one_of: members } | v3::SchemaKind::AnyOf { any_of: members } => {
            members.iter().any(|m| m.as_item().is_some_and(is_null))
        }
        _ => false,
    }
}

/// `{type: 'null'}`, which the 3.1 reading leaves as `{nullable: true}`.
fn is_null(schema: &v3::Schema) -> bool {
    schema.schema_data.nullable
        && matches!(&schema.schema_kind, v3::SchemaKind::Any(any) if *any == v3::AnySchema::default())
}
