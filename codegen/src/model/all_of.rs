//! `allOf`: a definition made of others. Its members' properties are merged
//! in order into one struct; nothing is inherited at the type level (a
//! `discriminator` base's subtypes are found in `subtypes`).

use super::{Field, Lowering};
use crate::names::Scope;
use crate::pointer::join;
use openapiv3 as v3;
use std::collections::BTreeSet;

/// The struct an `allOf` merges into, filled as its members are read in
/// order.
#[derive(Default)]
pub(super) struct Merge {
    pub(super) fields: Vec<Field>,
    /// The fields' Rust names.
    pub(super) scope: Scope,
    /// What is merged already: properties by wire name, definitions as
    /// `$ref <reference>`.
    pub(super) seen: BTreeSet<String>,
}

impl Lowering<'_> {
    /// Merges one member of `owner`'s `allOf` (a `$ref`, an inline object or
    /// a nested `allOf`) into `merge`.
    pub(super) fn merge_fields(
        &mut self,
        owner: &str,
        member: &v3::ReferenceOr<v3::Schema>,
        pointer: &str,
        merge: &mut Merge,
        depth: usize,
    ) {
        if depth > 32 {
            self.warn(
                pointer,
                "`allOf` nested too deeply (a cycle?); the rest is ignored",
            );
            return;
        }
        let (schema, pointer) = match member {
            // A definition merged once is merged: `allOf: [A, A]` and diamonds
            // would otherwise multiply the work at every level.
            v3::ReferenceOr::Reference { reference }
                if !merge.seen.insert(format!("$ref {reference}")) =>
            {
                return;
            }
            v3::ReferenceOr::Reference { reference } => match self.lookup(reference) {
                Some((schema, target)) => (schema, target),
                None => {
                    self.warn(
                        pointer,
                        format!("dangling `$ref` `{reference}` in `allOf`; ignored"),
                    );
                    return;
                }
            },
            v3::ReferenceOr::Item(schema) => (schema, pointer.to_string()),
        };
        match &schema.schema_kind {
            v3::SchemaKind::Type(v3::Type::Object(object)) => {
                self.fields(owner, object, &pointer, merge);
            }
            v3::SchemaKind::AllOf { all_of } => {
                for (i, inner) in all_of.iter().enumerate() {
                    let inner_pointer = join(&join(&pointer, "allOf"), i);
                    self.merge_fields(owner, inner, &inner_pointer, merge, depth + 1);
                }
            }
            v3::SchemaKind::Any(_) => {}
            _ => self.warn(
                &pointer,
                "an `allOf` member that is not an object; its constraints are ignored",
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{kind, model_of_definitions};
    use super::super::{Api, Ty, TypeKind};

    /// The fields of the struct `name`: wire name and type.
    fn fields(api: &Api, name: &str) -> Vec<(String, Ty)> {
        let TypeKind::Struct(fields) = kind(api, name) else {
            panic!("{name} is not a struct");
        };
        fields
            .iter()
            .map(|f| (f.wire.clone(), f.ty.clone()))
            .collect()
    }

    fn field(wire: &str, ty: Ty) -> (String, Ty) {
        (wire.to_string(), ty)
    }

    #[test]
    fn members_are_merged_in_order_each_property_once() {
        let (api, diagnostics) = model_of_definitions(
            r##"
  Base:
    type: object
    properties:
      id: {type: integer}
      name: {type: string}
  Pet:
    allOf:
      - $ref: "#/definitions/Base"
      - type: object
        properties:
          name: {type: boolean}
          tag: {type: string}
      - type: object
        properties:
          age: {type: integer, format: int32}
"##,
        );
        assert_eq!(diagnostics, []);
        // `name` is `Base`'s: the first member that has a property decides it.
        assert_eq!(
            fields(&api, "Pet"),
            [
                field("id", Ty::I64),
                field("name", Ty::String),
                field("tag", Ty::String),
                field("age", Ty::I32),
            ]
        );
    }

    #[test]
    fn a_definition_is_merged_once() {
        let (api, diagnostics) = model_of_definitions(
            r##"
  A:
    type: object
    properties:
      id: {type: integer}
  Twice:
    allOf:
      - $ref: "#/definitions/A"
      - $ref: "#/definitions/A"
  Loop:
    allOf:
      - $ref: "#/definitions/Loop"
      - type: object
        properties:
          x: {type: string}
"##,
        );
        assert_eq!(fields(&api, "Twice"), [field("id", Ty::I64)]);
        // Merging `Loop` into itself finds `Loop` merged already, instead of
        // recursing until the depth limit warns.
        assert_eq!(fields(&api, "Loop"), [field("x", Ty::String)]);
        assert_eq!(diagnostics, []);
    }

    #[test]
    fn a_dangling_ref_in_all_of_is_a_located_warning() {
        let (api, diagnostics) = model_of_definitions(
            r##"
  Pet:
    allOf:
      - type: object
        properties:
          id: {type: integer}
      - $ref: "#/definitions/Missing"
"##,
        );
        assert_eq!(fields(&api, "Pet"), [field("id", Ty::I64)]);
        let [warning] = diagnostics.as_slice() else {
            panic!("one warning expected: {diagnostics:?}");
        };
        // At the member, as the user wrote it: line 10 is `- $ref: ...`.
        assert_eq!(warning.pointer, "#/definitions/Pet/allOf/1");
        assert_eq!(warning.line, Some((10, 7)));
        assert!(warning.message.starts_with("dangling `$ref`"));
    }
}
