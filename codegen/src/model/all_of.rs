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
            v3::ReferenceOr::Item(schema) => (schema.clone(), pointer.to_string()),
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
