//! What the model reads inline: components' parameters, request bodies,
//! responses and headers behind `$ref`s, the path's parameters, and the
//! server URL with its variables' defaults. Each inlined object's origin is
//! recorded, so that a message about it points at its component.

use crate::diagnostic::Reporter;
use crate::front::Front;
use crate::pointer::{join, unescape};
use indexmap::IndexMap;
use openapiv3 as v3;

/// How many `$ref`s in a row are followed before a chain counts as a cycle.
const MAX_CHAIN: usize = 32;

pub(super) fn inline(front: &mut Front, reporter: &mut Reporter) {
    // Taken out while the paths are rewritten (they read it), not copied:
    // a large document's components are most of it.
    let taken = front.api.components.take();
    let empty = v3::Components::default();
    let mut inliner = Inliner {
        components: taken.as_ref().unwrap_or(&empty),
        front,
        reporter,
    };
    inliner.servers();
    inliner.paths();
    front.api.components = taken;
}

struct Inliner<'a> {
    components: &'a v3::Components,
    front: &'a mut Front,
    reporter: &'a mut Reporter,
}

impl Inliner<'_> {
    /// The first server's URL with each `{variable}` replaced by its default.
    fn servers(&mut self) {
        let Some(server) = self.front.api.servers.first_mut() else {
            return;
        };
        for (name, variable) in server.variables.iter().flatten() {
            server.url = server
                .url
                .replace(&format!("{{{name}}}"), &variable.default);
        }
        if server.url.contains('{') {
            self.reporter.warn(
                "#/servers/0/url",
                "the server URL has a variable without a default; its base path is read as written",
            );
        }
    }

    fn paths(&mut self) {
        let keys: Vec<String> = self.front.api.paths.paths.keys().cloned().collect();
        for key in keys {
            let at = join("#/paths", &key);
            let Some(slot) = self.front.api.paths.paths.get_mut(&key) else {
                continue;
            };
            let v3::ReferenceOr::Item(item) = slot else {
                self.reporter.warn(
                    join(&at, "$ref"),
                    "path item `$ref`s are not supported; the path is skipped",
                );
                self.front.api.paths.paths.shift_remove(&key);
                continue;
            };
            let mut item = std::mem::take(item);
            if !item.servers.is_empty() {
                self.reporter.warn(
                    join(&at, "servers"),
                    "servers of a path are not generated; the document's first server is used",
                );
            }
            let shared = std::mem::take(&mut item.parameters);
            let methods = [
                ("get", &mut item.get),
                ("put", &mut item.put),
                ("post", &mut item.post),
                ("delete", &mut item.delete),
                ("options", &mut item.options),
                ("head", &mut item.head),
                ("patch", &mut item.patch),
            ];
            for (method, operation) in methods {
                if let Some(operation) = operation {
                    self.operation(operation, &shared, &at, &join(&at, method));
                }
            }
            if item.trace.take().is_some() {
                self.reporter
                    .warn(join(&at, "trace"), "TRACE operations are not generated");
            }
            if let Some(v3::ReferenceOr::Item(slot)) = self.front.api.paths.paths.get_mut(&key) {
                *slot = item;
            }
        }
    }

    /// The path's parameters, then the operation's, which override them by
    /// name and location; the request body and responses made inline.
    fn operation(
        &mut self,
        operation: &mut v3::Operation,
        shared: &[v3::ReferenceOr<v3::Parameter>],
        path_at: &str,
        at: &str,
    ) {
        if !operation.servers.is_empty() {
            self.reporter.warn(
                join(at, "servers"),
                "servers of an operation are not generated; the document's first server is used",
            );
        }
        let mut merged: Vec<(v3::Parameter, String)> = Vec::new();
        let sources = shared
            .iter()
            .enumerate()
            .map(|(i, p)| (p, join(&join(path_at, "parameters"), i)))
            .chain(
                operation
                    .parameters
                    .iter()
                    .enumerate()
                    .map(|(i, p)| (p, join(&join(at, "parameters"), i))),
            );
        for (parameter, written_at) in sources.collect::<Vec<_>>() {
            let Some((parameter, origin)) = self.resolve(
                parameter,
                &written_at,
                "#/components/parameters/",
                &self.components.parameters,
            ) else {
                continue;
            };
            let key = |p: &v3::Parameter| {
                let data = p.parameter_data_ref();
                (data.name.clone(), std::mem::discriminant(p))
            };
            merged.retain(|(p, _)| key(p) != key(&parameter));
            merged.push((parameter, origin));
        }
        operation.parameters = Vec::with_capacity(merged.len());
        for (i, (parameter, origin)) in merged.into_iter().enumerate() {
            self.front
                .origins
                .record(join(&join(at, "parameters"), i), origin);
            operation.parameters.push(v3::ReferenceOr::Item(parameter));
        }
        if let Some(body) = operation.request_body.take() {
            let body_at = join(at, "requestBody");
            operation.request_body = self
                .resolve(
                    &body,
                    &body_at,
                    "#/components/requestBodies/",
                    &self.components.request_bodies,
                )
                .map(|(body, origin)| {
                    self.front.origins.record(body_at, origin);
                    v3::ReferenceOr::Item(body)
                });
        }
        let responses_at = join(at, "responses");
        let statuses: Vec<v3::StatusCode> = operation.responses.responses.keys().cloned().collect();
        for status in statuses {
            let response_at = join(&responses_at, &status);
            let response = operation.responses.responses.shift_remove(&status);
            if let Some(response) = response.and_then(|r| self.response(&r, &response_at)) {
                operation.responses.responses.insert(status, response);
            }
        }
        if let Some(default) = operation.responses.default.take() {
            let default_at = join(&responses_at, "default");
            operation.responses.default = self.response(&default, &default_at);
        }
    }

    fn response(
        &mut self,
        response: &v3::ReferenceOr<v3::Response>,
        at: &str,
    ) -> Option<v3::ReferenceOr<v3::Response>> {
        let (mut response, origin) = self.resolve(
            response,
            at,
            "#/components/responses/",
            &self.components.responses,
        )?;
        self.front.origins.record(at.to_string(), origin.clone());
        let names: Vec<String> = response.headers.keys().cloned().collect();
        for name in names {
            let header_at = join(&join(&origin, "headers"), &name);
            let Some(header) = response.headers.shift_remove(&name) else {
                continue;
            };
            if let Some((header, header_origin)) = self.resolve(
                &header,
                &header_at,
                "#/components/headers/",
                &self.components.headers,
            ) {
                self.front
                    .origins
                    .record(join(&join(at, "headers"), &name), header_origin);
                response.headers.insert(name, v3::ReferenceOr::Item(header));
            }
        }
        Some(v3::ReferenceOr::Item(response))
    }

    /// The object behind `value` (following `$ref`s into `components`, whose
    /// pointers start with `prefix`) and where it is written; `None`, with a
    /// warning, for a `$ref` that names nothing or a cycle of them.
    fn resolve<T: Clone>(
        &mut self,
        value: &v3::ReferenceOr<T>,
        at: &str,
        prefix: &str,
        components: &IndexMap<String, v3::ReferenceOr<T>>,
    ) -> Option<(T, String)> {
        let mut current = value;
        let mut origin = at.to_string();
        for _ in 0..MAX_CHAIN {
            let reference = match current {
                v3::ReferenceOr::Item(item) => return Some((item.clone(), origin)),
                v3::ReferenceOr::Reference { reference } => reference,
            };
            let target = reference
                .strip_prefix(prefix)
                .map(unescape)
                .and_then(|name| components.get_key_value(&name));
            let Some((name, next)) = target else {
                self.reporter.warn(
                    join(&origin, "$ref"),
                    format!(
                        "`$ref` `{reference}` does not name a {} of this document; ignored",
                        kind(prefix)
                    ),
                );
                return None;
            };
            origin = format!("{prefix}{}", crate::pointer::escape(name));
            current = next;
        }
        self.reporter.warn(
            join(at, "$ref"),
            format!("a cycle of `$ref`s between {}s; ignored", kind(prefix)),
        );
        None
    }
}

/// What components under `prefix` are, in words.
fn kind(prefix: &str) -> &'static str {
    match prefix {
        "#/components/parameters/" => "parameter",
        "#/components/requestBodies/" => "request body",
        "#/components/responses/" => "response",
        _ => "header",
    }
}
