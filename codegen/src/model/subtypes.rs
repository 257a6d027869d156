//! `discriminator`: a base that other definitions extend (through `allOf`)
//! becomes an enum over them, chosen by the value of its tag property.

use super::{Lowering, TaggedVariant, Ty, TypeDef, TypeKind};
use crate::names::{self, Scope};
use crate::pointer::{join, schema_name};
use indexmap::IndexMap;
use openapiv3 as v3;
use std::collections::BTreeSet;

impl Lowering<'_> {
    /// The definitions with a `discriminator` that others extend, each with
    /// its subtypes in document order: every definition whose `allOf` names
    /// it, directly or through another subtype.
    pub(super) fn subtypes(&self) -> IndexMap<String, Vec<String>> {
        let Some(schemas) = self.schemas() else {
            return IndexMap::new();
        };
        // Each definition's parents: the definitions its `allOf` refers to.
        let parents: IndexMap<&str, Vec<String>> = schemas
            .iter()
            .map(|(wire, schema)| {
                let refs = match schema {
                    v3::ReferenceOr::Item(v3::Schema {
                        schema_kind: v3::SchemaKind::AllOf { all_of },
                        ..
                    }) => all_of
                        .iter()
                        .filter_map(|member| match member {
                            v3::ReferenceOr::Reference { reference } => schema_name(reference),
                            v3::ReferenceOr::Item(_) => None,
                        })
                        .collect(),
                    _ => Vec::new(),
                };
                (wire.as_str(), refs)
            })
            .collect();
        let extends = |sub: &str, base: &str| {
            let mut seen = BTreeSet::new();
            let mut stack = vec![sub.to_string()];
            while let Some(next) = stack.pop() {
                for parent in parents.get(next.as_str()).into_iter().flatten() {
                    if parent == base {
                        return true;
                    }
                    if seen.insert(parent.clone()) {
                        stack.push(parent.clone());
                    }
                }
            }
            false
        };
        let mut out = IndexMap::new();
        for (base, schema) in schemas {
            let v3::ReferenceOr::Item(item) = schema else {
                continue;
            };
            // A `oneOf`/`anyOf` names its members itself (`unions`).
            let union = matches!(
                item.schema_kind,
                v3::SchemaKind::OneOf { .. } | v3::SchemaKind::AnyOf { .. }
            );
            if item.schema_data.discriminator.is_none() || !self.defines_type(item) || union {
                continue;
            }
            let subs: Vec<String> = schemas
                .keys()
                .filter(|sub| *sub != base && extends(sub, base))
                .cloned()
                .collect();
            if !subs.is_empty() {
                out.insert(base.clone(), subs);
            }
        }
        out
    }

    /// A `discriminator` base: its own fields as the struct `own`, and under
    /// `name` an enum over its subtypes told apart by the tag property.
    pub(super) fn define_tagged(
        &mut self,
        name: &str,
        own: &str,
        schema: &v3::Schema,
        subs: &[String],
        pointer: &str,
    ) {
        let tag = schema
            .schema_data
            .discriminator
            .as_ref()
            .map(|d| d.property_name.clone())
            .unwrap_or_default();
        self.define(own, schema, pointer);
        if let Some(def) = self.types.iter_mut().rev().find(|t| t.name == own) {
            def.doc = Some(format!(
                "The fields of `{name}` itself, which every subtype has: \
                 `{name}::Other` holds them for a `{tag}` no subtype claims."
            ));
        }
        let mut scope = Scope::new();
        scope.reserve("Other");
        let mut variants = Vec::new();
        let mut seen = BTreeSet::new();
        for sub in subs {
            let sub_schema = self
                .schemas()
                .and_then(|s| s.get(sub))
                .and_then(|s| s.as_item());
            let wire = sub_schema
                .and_then(|s| s.schema_data.extensions.get("x-discriminator-value"))
                .and_then(|v| v.as_str())
                .unwrap_or(sub)
                .to_string();
            if !seen.insert(wire.clone()) {
                self.warn(
                    &join("#/components/schemas", sub),
                    format!("another subtype of `{name}` already has the `{tag}` value `{wire}`; this one is never chosen"),
                );
                continue;
            }
            let ty = Ty::Named(self.definitions[sub].clone());
            let (variant, _) = scope.claim(&names::variant(&self.definitions[sub]));
            variants.push(TaggedVariant {
                name: variant,
                wire,
                ty,
            });
        }
        let doc = schema
            .schema_data
            .description
            .clone()
            .or_else(|| schema.schema_data.title.clone());
        self.types.push(TypeDef {
            name: name.to_string(),
            pointer: self.origins.original(pointer),
            doc,
            kind: TypeKind::Tagged {
                tag,
                variants,
                other: own.to_string(),
            },
            xml: super::xml::xml_of(schema),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{kind, located, model_of_definitions};
    use super::super::{Api, TaggedVariant, Ty, TypeKind};

    /// The tag and variants of the tagged enum `name`.
    fn tagged<'a>(api: &'a Api, name: &str) -> (&'a str, &'a [TaggedVariant]) {
        match kind(api, name) {
            TypeKind::Tagged { tag, variants, .. } => (tag, variants),
            other => panic!("{name} is not tagged: {other:?}"),
        }
    }

    /// Variants as name, tag value and type.
    fn variants(variants: &[TaggedVariant]) -> Vec<(&str, &str, &Ty)> {
        variants
            .iter()
            .map(|v| (v.name.as_str(), v.wire.as_str(), &v.ty))
            .collect()
    }

    const PET: &str = r##"
  Pet:
    type: object
    discriminator: petType
    required: [petType]
    properties:
      petType: {type: string}
      name: {type: string}"##;

    #[test]
    fn subtypes_direct_and_indirect_are_found_in_document_order() {
        let (api, diagnostics) = model_of_definitions(&format!(
            "{PET}{}",
            r##"
  Lion:
    allOf:
      - $ref: "#/definitions/Cat"
      - {type: object, properties: {mane: {type: boolean}}}
  Cat:
    allOf:
      - $ref: "#/definitions/Pet"
      - {type: object, properties: {indoor: {type: boolean}}}
  Dog:
    x-discriminator-value: dog
    allOf:
      - $ref: "#/definitions/Pet"
      - {type: object, properties: {bark: {type: string}}}
  Toy:
    type: object
    properties:
      name: {type: string}
"##
        ));
        assert_eq!(diagnostics, []);
        let (tag, found) = tagged(&api, "Pet");
        assert_eq!(tag, "petType");
        let named = |n: &str| Ty::Named(n.to_string());
        // Lion extends Pet through Cat; Dog's tag is its
        // `x-discriminator-value`; Toy extends nothing.
        assert_eq!(
            variants(found),
            [
                ("Lion", "Lion", &named("Lion")),
                ("Cat", "Cat", &named("Cat")),
                ("Dog", "dog", &named("Dog")),
            ]
        );
        // The base's own fields are a struct of their own, `Other`'s.
        assert!(matches!(kind(&api, "Pet"), TypeKind::Tagged { other, .. } if other == "PetBase"));
        assert!(matches!(kind(&api, "PetBase"), TypeKind::Struct(_)));
    }

    #[test]
    fn a_tag_value_two_subtypes_claim_goes_to_the_first() {
        let (api, diagnostics) = model_of_definitions(&format!(
            "{PET}{}",
            r##"
  Cat:
    x-discriminator-value: cat
    allOf: [{$ref: "#/definitions/Pet"}]
  Kitten:
    x-discriminator-value: cat
    allOf: [{$ref: "#/definitions/Pet"}]
"##
        ));
        let (_, found) = tagged(&api, "Pet");
        assert_eq!(
            variants(found),
            [("Cat", "cat", &Ty::Named("Cat".to_string()))]
        );
        assert_eq!(
            located(&diagnostics),
            [(
                "#/definitions/Kitten",
                "another subtype of `Pet` already has the `petType` value `cat`; this one is never chosen"
            )]
        );
    }
}
