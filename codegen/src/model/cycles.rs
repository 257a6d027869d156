//! The cycle passes, run last, over the finished types: Rust aliases cannot
//! refer to themselves (`break_alias_cycles`), and a struct cannot contain
//! itself without indirection (`box_cycles`).

use super::{Lowering, Ty, TypeDef, TypeKind};
use std::collections::BTreeMap;

impl Lowering<'_> {
    /// Boxes struct fields that close a cycle of direct containment.
    pub(super) fn box_cycles(&mut self) {
        let index = by_name(&self.types);
        let direct: Vec<Vec<usize>> = self
            .types
            .iter()
            .map(|t| match &t.kind {
                TypeKind::Struct(fields) => fields
                    .iter()
                    .filter_map(|f| direct_target(&f.ty))
                    .filter_map(|n| index.get(n).copied())
                    .collect(),
                TypeKind::Alias(ty) | TypeKind::Newtype(ty) => direct_target(ty)
                    .and_then(|n| index.get(n).copied())
                    .into_iter()
                    .collect(),
                TypeKind::Tagged {
                    variants, other, ..
                } => variants
                    .iter()
                    .filter_map(|v| direct_target(&v.ty))
                    .chain([other.as_str()])
                    .filter_map(|n| index.get(n).copied())
                    .collect(),
                TypeKind::Union { variants, .. } => variants
                    .iter()
                    .filter_map(|v| direct_target(&v.ty))
                    .filter_map(|n| index.get(n).copied())
                    .collect(),
                TypeKind::Enum(_) => Vec::new(),
            })
            .collect();
        let reaches = |from: usize, to: usize| reaches(&direct, from, to);
        let mut boxes = Vec::new();
        for (t, def) in self.types.iter().enumerate() {
            if let TypeKind::Newtype(ty) = &def.kind {
                if direct_target(ty)
                    .and_then(|n| index.get(n))
                    .is_some_and(|&target| reaches(target, t))
                {
                    boxes.push((t, usize::MAX));
                }
            }
            let members: Vec<&Ty> = match &def.kind {
                TypeKind::Struct(fields) => fields.iter().map(|f| &f.ty).collect(),
                TypeKind::Union { variants, .. } => variants.iter().map(|v| &v.ty).collect(),
                _ => Vec::new(),
            };
            for (f, ty) in members.into_iter().enumerate() {
                if let Some(target) = direct_target(ty).and_then(|n| index.get(n)) {
                    if reaches(*target, t) {
                        boxes.push((t, f));
                    }
                }
            }
        }
        for (t, f) in boxes {
            let ty = match &mut self.types[t].kind {
                TypeKind::Struct(fields) => &mut fields[f].ty,
                TypeKind::Union { variants, .. } => &mut variants[f].ty,
                TypeKind::Newtype(ty) => ty,
                _ => continue,
            };
            let inner = std::mem::replace(ty, Ty::Json);
            *ty = Ty::Boxed(Box::new(inner));
        }
    }

    /// Rust type aliases cannot refer to themselves: an alias on a cycle of
    /// aliases becomes a newtype, and a cycle of bare `$ref`s, which
    /// describes no value at all, is an error.
    pub(super) fn break_alias_cycles(&mut self) {
        let index = by_name(&self.types);
        let edges: Vec<Vec<usize>> = self
            .types
            .iter()
            .map(|t| match &t.kind {
                TypeKind::Alias(ty) => {
                    let mut names = Vec::new();
                    named_in(ty, &mut names);
                    names
                        .into_iter()
                        .filter_map(|n| index.get(n).copied())
                        .filter(|&i| matches!(self.types[i].kind, TypeKind::Alias(_)))
                        .collect()
                }
                _ => Vec::new(),
            })
            .collect();
        // On a cycle: some successor leads back.
        let on_cycle = |start: usize| {
            edges[start]
                .iter()
                .any(|&next| reaches(&edges, next, start))
        };
        let cyclic: Vec<usize> = (0..self.types.len()).filter(|&t| on_cycle(t)).collect();
        for t in cyclic {
            let def = &mut self.types[t];
            let TypeKind::Alias(ty) = &def.kind else {
                continue;
            };
            if matches!(ty, Ty::Named(_)) {
                self.reporter.error(
                    def.pointer.clone(),
                    format!(
                        "`{}` is a cycle of `$ref`s that never reaches a type",
                        def.name
                    ),
                );
            } else {
                def.kind = TypeKind::Newtype(ty.clone());
            }
        }
    }
}

/// Each type's position in `types`, by name.
fn by_name(types: &[TypeDef]) -> BTreeMap<&str, usize> {
    types
        .iter()
        .enumerate()
        .map(|(i, t)| (t.name.as_str(), i))
        .collect()
}

/// Whether `to` can be reached from `from` along `edges`.
fn reaches(edges: &[Vec<usize>], from: usize, to: usize) -> bool {
    let mut stack = vec![from];
    let mut seen = vec![false; edges.len()];
    while let Some(n) = stack.pop() {
        if n == to {
            return true;
        }
        if !std::mem::replace(&mut seen[n], true) {
            stack.extend(edges[n].iter().copied());
        }
    }
    false
}

/// Every named type `ty` mentions.
fn named_in<'t>(ty: &'t Ty, out: &mut Vec<&'t str>) {
    match ty {
        Ty::Named(name) => out.push(name),
        Ty::Vec(inner) | Ty::Map(inner) | Ty::Boxed(inner) => named_in(inner, out),
        _ => {}
    }
}

/// The type a value of `ty` contains inline (not behind a `Vec` or map).
fn direct_target(ty: &Ty) -> Option<&str> {
    match ty {
        Ty::Named(name) => Some(name),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{kind, located, model_of_definitions};
    use super::super::{Api, Ty, TypeKind};
    use crate::diagnostic::Severity;

    /// The type of `field` in the struct `name`.
    fn field_ty<'a>(api: &'a Api, name: &str, field: &str) -> &'a Ty {
        let TypeKind::Struct(fields) = kind(api, name) else {
            panic!("{name} is not a struct");
        };
        &fields.iter().find(|f| f.wire == field).expect(field).ty
    }

    fn named(name: &str) -> Box<Ty> {
        Box::new(Ty::Named(name.to_string()))
    }

    #[test]
    fn a_struct_that_contains_itself_is_boxed_but_not_through_a_list_or_map() {
        let (api, diagnostics) = model_of_definitions(
            r##"
  Node:
    type: object
    properties:
      next: {$ref: "#/definitions/Node"}
      children: {type: array, items: {$ref: "#/definitions/Node"}}
      byName: {type: object, additionalProperties: {$ref: "#/definitions/Node"}}
      label: {type: string}
"##,
        );
        assert_eq!(diagnostics, []);
        assert_eq!(field_ty(&api, "Node", "next"), &Ty::Boxed(named("Node")));
        assert_eq!(field_ty(&api, "Node", "children"), &Ty::Vec(named("Node")));
        assert_eq!(field_ty(&api, "Node", "byName"), &Ty::Map(named("Node")));
        assert_eq!(field_ty(&api, "Node", "label"), &Ty::String);
    }

    #[test]
    fn mutual_recursion_boxes_the_field_on_each_side_and_nothing_off_the_cycle() {
        let (api, diagnostics) = model_of_definitions(
            r##"
  A:
    type: object
    properties:
      b: {$ref: "#/definitions/B"}
      c: {$ref: "#/definitions/C"}
  B:
    type: object
    properties:
      a: {$ref: "#/definitions/A"}
  C:
    type: object
    properties:
      name: {type: string}
"##,
        );
        assert_eq!(diagnostics, []);
        // Every field whose type leads back to its own struct is boxed: both
        // fields of the cycle A -> B -> A (one would do; both is what the
        // pass does), and not A's field of C, which is off the cycle.
        assert_eq!(field_ty(&api, "A", "b"), &Ty::Boxed(named("B")));
        assert_eq!(field_ty(&api, "B", "a"), &Ty::Boxed(named("A")));
        assert_eq!(field_ty(&api, "A", "c"), &Ty::Named("C".to_string()));
    }

    #[test]
    fn a_cycle_of_bare_refs_is_an_error() {
        let (_, diagnostics) = model_of_definitions(
            r##"
  A: {$ref: "#/definitions/B"}
  B: {$ref: "#/definitions/A"}
"##,
        );
        assert!(diagnostics.iter().all(|d| d.severity == Severity::Error));
        assert_eq!(
            located(&diagnostics),
            [
                (
                    "#/definitions/A",
                    "`A` is a cycle of `$ref`s that never reaches a type"
                ),
                (
                    "#/definitions/B",
                    "`B` is a cycle of `$ref`s that never reaches a type"
                ),
            ]
        );
    }

    #[test]
    fn an_alias_that_contains_itself_through_a_list_becomes_a_newtype() {
        let (api, diagnostics) = model_of_definitions(
            r##"
  List: {type: array, items: {$ref: "#/definitions/List"}}
  Names: {type: array, items: {type: string}}
"##,
        );
        assert_eq!(diagnostics, []);
        assert!(matches!(
            kind(&api, "List"),
            TypeKind::Newtype(Ty::Vec(item)) if **item == Ty::Named("List".to_string())
        ));
        // An alias off any cycle stays an alias.
        assert!(matches!(kind(&api, "Names"), TypeKind::Alias(Ty::Vec(_))));
    }
}
