//! The OpenAPI 3.0 and 3.1 front stage: the document is already what the
//! model reads, once
//!
//! - the shapes real documents get wrong are mended (`repair`),
//! - a 3.1 document is written in 3.0's terms (`v31`),
//! - the tree says what openapiv3 would otherwise lose (an `encoding` with
//!   no `explode` explodes under the form style),
//! - it is read into openapiv3's model, and
//! - what the model reads inline is made inline (`inline`): `$ref`s to
//!   components' parameters, request bodies, responses and headers, the
//!   path's parameters merged into each operation's, and the first server's
//!   variables replaced by their defaults.
//!
//! Pointers stay the user's own: the tree is repaired in place, and every
//! object moved by `inline` is recorded in the `Origins`.

mod inline;
mod repair;
mod v31;

use crate::diagnostic::Reporter;
use crate::front::{Extras, Front, Origins};
use crate::pointer::join;
use openapiv3 as v3;
use serde_json::Value;

/// The OpenAPI versions this stage reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Version {
    V30,
    V31,
}

/// Reads an OpenAPI 3 document's tree; `None` when it is not one the model
/// can read (the error is reported).
pub(crate) fn read(mut tree: Value, version: Version, reporter: &mut Reporter) -> Option<Front> {
    repair::repair(&mut tree, reporter);
    // 3.1's keywords in 3.0's terms; 3.0 documents that use some of them
    // (a numeric `exclusiveMinimum`, say) are read the same way.
    v31::downgrade(&mut tree, reporter, version == Version::V31);
    explode_by_default(&mut tree);
    not_generated(&mut tree, reporter);
    let api: v3::OpenAPI = match serde_path_to_error::deserialize(tree) {
        Ok(api) => api,
        Err(e) => {
            let pointer = crate::pointer::from_path("#", e.path());
            reporter.error(
                pointer,
                format!("not a valid OpenAPI 3 document: {}", e.inner()),
            );
            return None;
        }
    };
    let mut front = Front {
        api,
        origins: Origins::default(),
        extras: Extras::default(),
    };
    inline::inline(&mut front, reporter);
    Some(front)
}

/// An `encoding` whose style is `form` (the default) and which says nothing
/// of `explode` explodes (OpenAPI 3); openapiv3 would read it as `false`.
fn explode_by_default(tree: &mut Value) {
    let Some(paths) = tree.get_mut("paths").and_then(Value::as_object_mut) else {
        return;
    };
    let operations = paths
        .values_mut()
        .filter_map(Value::as_object_mut)
        .flat_map(|item| item.values_mut())
        .filter_map(Value::as_object_mut);
    for operation in operations {
        let Some(content) = operation
            .get_mut("requestBody")
            .and_then(|b| b.get_mut("content"))
            .and_then(Value::as_object_mut)
        else {
            continue;
        };
        let encodings = content
            .values_mut()
            .filter_map(|media| media.get_mut("encoding"))
            .filter_map(Value::as_object_mut)
            .flat_map(|encoding| encoding.values_mut())
            .filter_map(Value::as_object_mut);
        for encoding in encodings {
            let form = encoding
                .get("style")
                .is_none_or(|s| s.as_str() == Some("form"));
            if form && !encoding.contains_key("explode") {
                encoding.insert("explode".into(), Value::Bool(true));
            }
        }
    }
}

/// Warns about what the document describes and the generated code does
/// not serve (callbacks, links and, in 3.1, webhooks), and takes callbacks
/// and links out of the tree, which nothing after this reads.
fn not_generated(tree: &mut Value, reporter: &mut Reporter) {
    if let Some(webhooks) = tree.get("webhooks").and_then(Value::as_object)
        && !webhooks.is_empty()
    {
        reporter.warn("#/webhooks", "webhooks are not generated");
    }
    if let Some(responses) = tree
        .pointer_mut("/components/responses")
        .and_then(Value::as_object_mut)
    {
        for (name, response) in responses.iter_mut() {
            links(response, &join("#/components/responses", name), reporter);
        }
    }
    let Some(paths) = tree.get_mut("paths").and_then(Value::as_object_mut) else {
        return;
    };
    for (path, item) in paths.iter_mut() {
        let Some(item) = item.as_object_mut() else {
            continue;
        };
        for (method, operation) in item.iter_mut() {
            let Some(operation) = operation.as_object_mut() else {
                continue;
            };
            let at = join(&join("#/paths", path), method);
            if let Some(callbacks) = operation.remove("callbacks")
                && callbacks.as_object().is_some_and(|c| !c.is_empty())
            {
                reporter.warn(join(&at, "callbacks"), "callbacks are not generated");
            }
            let Some(responses) = operation
                .get_mut("responses")
                .and_then(Value::as_object_mut)
            else {
                continue;
            };
            for (status, response) in responses.iter_mut() {
                links(response, &join(&join(&at, "responses"), status), reporter);
            }
        }
    }
}

/// Warns about a response's `links` (the response is at `at`) and takes
/// them out.
fn links(response: &mut Value, at: &str, reporter: &mut Reporter) {
    let Some(response) = response.as_object_mut() else {
        return;
    };
    if let Some(links) = response.remove("links")
        && links.as_object().is_some_and(|l| !l.is_empty())
    {
        reporter.warn(join(at, "links"), "links are not generated");
    }
}
