//! Operation selection: the operations a user asked for (by tag, by
//! operationId, by path prefix; each included or excluded), and the schemas
//! they reach. Runs on the front's document, before the model, so that
//! nothing the selection leaves out is modelled, checked or emitted.
//!
//! An operation is kept when no include selector is given or one of them
//! matches it, and no exclude selector matches it. A schema is kept when a
//! kept operation reaches it through `$ref`s (in any schema keyword, so
//! through `allOf`, `items`, properties ...), or when it extends through
//! `allOf` a kept schema with a `discriminator` (a subtype the base's enum
//! names). A selector that matches no operation is an error that lists the
//! closest names the document has.

use crate::diagnostic::Reporter;
use crate::front::Front;
use openapiv3 as v3;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, VecDeque};

/// Which operations to generate. Empty (the default): all of them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Selection {
    /// Operations with one of these tags.
    pub tags: Vec<String>,
    /// Operations with none of these tags.
    pub exclude_tags: Vec<String>,
    /// Operations with one of these operationIds (as the document writes them).
    pub operations: Vec<String>,
    /// Operations with none of these operationIds.
    pub exclude_operations: Vec<String>,
    /// Operations whose path (as the document writes it, without the base
    /// path) is one of these or below one of them, segment by segment:
    /// `/pets` selects `/pets` and `/pets/{id}`, not `/petstore`.
    pub paths: Vec<String>,
    /// Operations under none of these paths.
    pub exclude_paths: Vec<String>,
}

impl Selection {
    /// Whether every operation is selected.
    pub fn is_all(&self) -> bool {
        *self == Self::default()
    }
}

/// What a selector looks at.
#[derive(Clone, Copy)]
enum Kind {
    Tag,
    Operation,
    Path,
}

impl Kind {
    fn describe(self, value: &str, exclude: bool) -> String {
        let (what, option) = match (self, exclude) {
            (Kind::Tag, false) => ("tag", "--tag"),
            (Kind::Tag, true) => ("tag", "--exclude-tag"),
            (Kind::Operation, false) => ("operationId", "--operation"),
            (Kind::Operation, true) => ("operationId", "--exclude-operation"),
            (Kind::Path, false) => ("path prefix", "--path"),
            (Kind::Path, true) => ("path prefix", "--exclude-path"),
        };
        format!("the {what} `{value}` ({option}) selects no operation")
    }
}

/// One operation, as selectors see it.
struct Op {
    path: String,
    id: Option<String>,
    tags: Vec<String>,
}

impl Op {
    fn matches(&self, kind: Kind, value: &str) -> bool {
        match kind {
            Kind::Tag => self.tags.iter().any(|t| t == value),
            Kind::Operation => self.id.as_deref() == Some(value),
            Kind::Path => under(&self.path, value),
        }
    }
}

/// Whether `path` is `prefix` or below it, segment by segment.
fn under(path: &str, prefix: &str) -> bool {
    let prefix = prefix.trim_end_matches('/');
    prefix.is_empty()
        || path == prefix
        || path
            .strip_prefix(prefix)
            .is_some_and(|rest| rest.starts_with('/') || rest.starts_with('?'))
}

/// Keeps the selected operations and the schemas they reach. Reports a
/// selector that matches nothing as an error; returns `None` then.
pub(crate) fn apply(
    front: &mut Front,
    selection: &Selection,
    reporter: &mut Reporter,
) -> Option<()> {
    if selection.is_all() {
        return Some(());
    }
    let ops = operations(&front.api);
    let selectors = [
        (Kind::Tag, false, &selection.tags),
        (Kind::Tag, true, &selection.exclude_tags),
        (Kind::Operation, false, &selection.operations),
        (Kind::Operation, true, &selection.exclude_operations),
        (Kind::Path, false, &selection.paths),
        (Kind::Path, true, &selection.exclude_paths),
    ];
    let mut failed = false;
    for (kind, exclude, values) in selectors {
        for value in values.iter() {
            if !ops.iter().any(|op| op.matches(kind, value)) {
                let names = candidates(&ops, kind);
                let close = closest(value, &names);
                let hint = if close.is_empty() {
                    " (the document has none)".to_string()
                } else {
                    format!(
                        "; the closest: {}",
                        close
                            .iter()
                            .map(|n| format!("`{n}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                };
                reporter.error(
                    "#/paths",
                    format!("{}{hint}", kind.describe(value, exclude)),
                );
                failed = true;
            }
        }
    }
    if failed {
        return None;
    }
    let includes = selectors.iter().filter(|(_, exclude, _)| !exclude);
    let any_include = includes.clone().any(|(_, _, values)| !values.is_empty());
    let keep = |op: &Op| {
        let included = !any_include
            || includes
                .clone()
                .any(|(kind, _, values)| values.iter().any(|v| op.matches(*kind, v)));
        let excluded = selectors
            .iter()
            .filter(|(_, exclude, _)| *exclude)
            .any(|(kind, _, values)| values.iter().any(|v| op.matches(*kind, v)));
        included && !excluded
    };
    let kept: Vec<bool> = ops.iter().map(keep).collect();
    prune_operations(&mut front.api, &kept);
    prune_schemas(&mut front.api);
    Some(())
}

/// Every operation, in document order (the order `prune_operations` walks).
fn operations(api: &v3::OpenAPI) -> Vec<Op> {
    let mut ops = Vec::new();
    for (path, item) in &api.paths.paths {
        let v3::ReferenceOr::Item(item) = item else {
            continue;
        };
        for (_, op) in item.iter() {
            ops.push(Op {
                path: path.clone(),
                id: op.operation_id.clone(),
                tags: op.tags.clone(),
            });
        }
    }
    ops
}

fn prune_operations(api: &mut v3::OpenAPI, kept: &[bool]) {
    let mut index = 0;
    for item in api.paths.paths.values_mut() {
        let v3::ReferenceOr::Item(item) = item else {
            continue;
        };
        // The same order as `PathItem::iter`.
        for slot in [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.options,
            &mut item.head,
            &mut item.patch,
            &mut item.trace,
        ] {
            if slot.is_some() {
                if !kept.get(index).copied().unwrap_or(true) {
                    *slot = None;
                }
                index += 1;
            }
        }
    }
    api.paths.paths.retain(|_, item| match item {
        v3::ReferenceOr::Item(item) => item.iter().next().is_some(),
        v3::ReferenceOr::Reference { .. } => true,
    });
}

/// Drops the schemas no kept operation reaches.
fn prune_schemas(api: &mut v3::OpenAPI) {
    let Some(components) = &api.components else {
        return;
    };
    // Everything but the schemas, as JSON, is where references start; the
    // schemas are walked as they are reached.
    let roots = serde_json::to_value(&api.paths).unwrap_or(Value::Null);
    let mut others = serde_json::to_value(components).unwrap_or(Value::Null);
    if let Some(map) = others.as_object_mut() {
        map.remove("schemas");
        // Security schemes and examples reach no schema.
        map.remove("securitySchemes");
    }
    let schemas: BTreeMap<String, Value> = components
        .schemas
        .iter()
        .map(|(name, schema)| {
            (
                name.clone(),
                serde_json::to_value(schema).unwrap_or(Value::Null),
            )
        })
        .collect();
    let family = families(&schemas);
    let mut reached = BTreeSet::new();
    let mut queue = VecDeque::new();
    // Components other than schemas (parameters, bodies, responses) count
    // only where a kept operation refers to them.
    let mut components_reached = BTreeSet::new();
    let mut refs = Vec::new();
    references(&roots, &mut refs);
    loop {
        let pending = std::mem::take(&mut refs);
        let had_pending = !pending.is_empty();
        for reference in pending {
            let Some(rest) = reference.strip_prefix("#/components/") else {
                continue;
            };
            let mut tokens = rest.split('/');
            let (Some(kind), Some(name)) = (tokens.next(), tokens.next()) else {
                continue;
            };
            let name = crate::pointer::unescape(name);
            if kind == "schemas" {
                if reached.insert(name.clone()) {
                    queue.push_back(name);
                }
            } else if components_reached.insert((kind.to_string(), name.clone()))
                && let Some(value) = others.get(kind).and_then(|m| m.get(&name))
            {
                references(value, &mut refs);
            }
        }
        if had_pending {
            continue;
        }
        if let Some(name) = queue.pop_front() {
            if let Some(value) = schemas.get(&name) {
                references(value, &mut refs);
            }
            continue;
        }
        // Subtypes of reached members of a discriminator's family.
        let subtypes: Vec<&String> = schemas
            .iter()
            .filter(|(name, value)| {
                !reached.contains(*name)
                    && extends(value, |base| {
                        reached.contains(base) && family.contains(base)
                    })
            })
            .map(|(name, _)| name)
            .collect();
        if subtypes.is_empty() {
            break;
        }
        for name in subtypes {
            reached.insert(name.clone());
            queue.push_back(name.clone());
        }
    }
    if let Some(components) = &mut api.components {
        components.schemas.retain(|name, _| reached.contains(name));
    }
}

/// The schemas with a `discriminator` and those that extend one through
/// `allOf`, however indirectly: the members of a base's enum.
fn families(schemas: &BTreeMap<String, Value>) -> BTreeSet<String> {
    let mut family: BTreeSet<String> = schemas
        .iter()
        .filter(|(_, s)| s.get("discriminator").is_some())
        .map(|(n, _)| n.clone())
        .collect();
    loop {
        let more: Vec<String> = schemas
            .iter()
            .filter(|(name, schema)| {
                !family.contains(*name) && extends(schema, |base| family.contains(base))
            })
            .map(|(name, _)| name.clone())
            .collect();
        if more.is_empty() {
            return family;
        }
        family.extend(more);
    }
}

/// Whether `schema`'s `allOf` refers to a schema for which `base` holds.
fn extends(schema: &Value, base: impl Fn(&str) -> bool) -> bool {
    let Some(all_of) = schema.get("allOf").and_then(Value::as_array) else {
        return false;
    };
    all_of
        .iter()
        .filter_map(|part| part.get("$ref").and_then(Value::as_str))
        .filter_map(crate::pointer::schema_name)
        .any(|name| base(&name))
}

/// Every `$ref` string below `value`.
fn references(value: &Value, out: &mut Vec<String>) {
    let mut stack = vec![value];
    while let Some(value) = stack.pop() {
        match value {
            Value::Object(map) => {
                if let Some(Value::String(reference)) = map.get("$ref") {
                    out.push(reference.clone());
                }
                stack.extend(map.values());
            }
            Value::Array(items) => stack.extend(items),
            _ => {}
        }
    }
}

/// The names a selector of `kind` could have meant.
fn candidates(ops: &[Op], kind: Kind) -> Vec<String> {
    let mut names: Vec<String> = match kind {
        Kind::Tag => ops.iter().flat_map(|op| op.tags.iter().cloned()).collect(),
        Kind::Operation => ops.iter().filter_map(|op| op.id.clone()).collect(),
        Kind::Path => ops.iter().map(|op| op.path.clone()).collect(),
    };
    names.sort();
    names.dedup();
    names
}

/// Up to three of `names` closest to `wanted`, ignoring case: those that
/// contain it first, then those that hold its characters in order
/// (`listPod` in `listCoreV1NamespacedPod`), then the rest; by edit
/// distance within each.
fn closest(wanted: &str, names: &[String]) -> Vec<String> {
    let wanted = wanted.to_lowercase();
    let mut scored: Vec<(u8, usize, &String)> = names
        .iter()
        .map(|name| {
            let lower = name.to_lowercase();
            let class = if lower.contains(&wanted) {
                0
            } else if subsequence(&wanted, &lower) {
                1
            } else {
                2
            };
            (class, distance(&wanted, &lower), name)
        })
        .collect();
    scored.sort();
    scored
        .into_iter()
        .take(3)
        .map(|(_, _, name)| name.clone())
        .collect()
}

/// Whether the characters of `short` appear in `long` in order.
fn subsequence(short: &str, long: &str) -> bool {
    let mut rest = long.chars();
    short.chars().all(|c| rest.any(|l| l == c))
}

/// Levenshtein distance, in characters.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (diagonal + usize::from(ca != *cb))
                .min(row[j] + 1)
                .min(above + 1);
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_prefixes_segment_by_segment() {
        assert!(under("/pets", "/pets"));
        assert!(under("/pets/{id}", "/pets"));
        assert!(under("/pets/{id}", "/pets/"));
        assert!(under("/?Action=Ack", "/"));
        assert!(!under("/petstore", "/pets"));
        assert!(under("/anything", ""));
    }

    #[test]
    fn the_closest_names_come_first() {
        let names: Vec<String> = ["listPets", "createPet", "showPetById", "deletePet"]
            .map(String::from)
            .to_vec();
        assert_eq!(closest("listpet", &names)[0], "listPets");
        assert_eq!(closest("deletePets", &names)[0], "deletePet");
        assert_eq!(closest("x", &names).len(), 3);
        let kubernetes: Vec<String> = [
            "listCoreV1Node",
            "logFileHandler",
            "listCoreV1NamespacedPod",
            "listCoreV1PodForAllNamespaces",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(
            closest("listPod", &kubernetes)[..2],
            ["listCoreV1NamespacedPod", "listCoreV1PodForAllNamespaces"]
        );
        assert!(subsequence("lpd", "listpod") && !subsequence("dpl", "listpod"));
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("", "abc"), 3);
    }
}
