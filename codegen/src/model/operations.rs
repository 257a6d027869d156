//! The operations pass: each operation of each path, in document order,
//! named and read into an `Operation`. This file reads the path key, names
//! the operation and assembles it; `requests` reads its parameters, path
//! and body, `responses` its responses.

use super::params::is_binary;
use super::requests::Request;
use super::{Lowering, Media, Method, Operation, Ty, XmlBody};
use crate::media::{is_json, is_xml};
use crate::names::{self, Scope};
use crate::pointer::join;
use indexmap::IndexMap;
use openapiv3 as v3;

/// What every operation's names must be unique among, and the base path
/// every operation's path starts with.
struct OperationScopes {
    base_path: String,
    /// The bases of request and response type names (`GetPet`).
    types: Scope,
    /// Client and server method names.
    fns: Scope,
}

/// A path key, read: `/pets/{id}?Action=Get&page={page}`.
struct PathKey {
    /// The key, its HTML entities decoded.
    key: String,
    /// The path without the query string, starting with `/`.
    path: String,
    /// Fixed query pairs (`Action=Get`): they tell the operation apart.
    fixed_query: Vec<(String, String)>,
    /// Query parameters written into the key (`page={page}`): the
    /// parameter's name and the template variable.
    query_templates: Vec<(String, String)>,
}

/// The names an operation is known by.
struct OperationNames {
    /// The operationId as written, or derived from method and path.
    id: String,
    /// The base of its type names (`GetPet` for `GetPetRequest`).
    base: String,
    /// The client and server method name.
    fn_name: String,
}

impl Lowering<'_> {
    /// Every operation, in the order of the paths and, within a path, of
    /// the methods below.
    pub(super) fn operations(&mut self) -> Vec<Operation> {
        let mut scopes = OperationScopes {
            base_path: self.base_path(),
            types: Scope::new(),
            fns: Scope::new(),
        };
        // Methods of the generated `Client` and of the server's `Api` trait
        // that an operation must not shadow (`execute` is no longer one,
        // but stays reserved so that no document's names change).
        for reserved in [
            "new",
            "with_http_client",
            "base_url",
            "http_client",
            "execute",
            "execute_streaming",
            "rejected",
            "with_credentials",
        ] {
            scopes.fns.reserve(reserved);
        }
        let mut operations = Vec::new();
        let api = self.api;
        for (key, item) in &api.paths.paths {
            let Some(item) = item.as_item() else { continue };
            let path_pointer = join("#/paths", key);
            for (method, op) in [
                (Method::Get, &item.get),
                (Method::Put, &item.put),
                (Method::Post, &item.post),
                (Method::Delete, &item.delete),
                (Method::Options, &item.options),
                (Method::Head, &item.head),
                (Method::Patch, &item.patch),
            ] {
                let Some(op) = op else { continue };
                let pointer = join(&path_pointer, method.as_str().to_ascii_lowercase());
                operations.push(self.operation(key, method, op, &pointer, &mut scopes));
            }
        }
        operations
    }

    /// The path part of the server URL, without a trailing `/`: every
    /// operation's path starts with it.
    fn base_path(&self) -> String {
        let url = self
            .api
            .servers
            .first()
            .map(|s| s.url.as_str())
            .unwrap_or("");
        let path = match url.split_once("://") {
            Some((_, rest)) => rest.find('/').map_or("", |i| &rest[i..]),
            None => url,
        };
        let path = path.trim_end_matches('/');
        if path.is_empty() || path.starts_with('/') {
            path.to_string()
        } else {
            format!("/{path}")
        }
    }

    /// One operation. The order of the steps is the order in which names
    /// are claimed, and so decides which of two clashing names is renamed.
    fn operation(
        &mut self,
        key: &str,
        method: Method,
        op: &v3::Operation,
        pointer: &str,
        scopes: &mut OperationScopes,
    ) -> Operation {
        let key = self.path_key(key);
        let names = self.operation_names(op, method, &key.key, pointer, scopes);
        let mut request = Request::new(pointer, &names.base);
        let path = format!("{}{}", scopes.base_path, key.path);
        let mut params = self.parameters(op, &mut request, &key.fixed_query);
        let mut segments = self.path_segments(&path, &mut request, &mut params);
        self.query_templates(&key.query_templates, &mut request, &mut params);
        let mut params = self.used_path_params(pointer, params, &mut segments);
        let body = op.request_body.as_ref().and_then(|b| b.as_item());
        let form = body.and_then(|b| self.form(b, &join(pointer, "requestBody")));
        let form_required = form
            .as_ref()
            .map(|f| f.required_when_sent())
            .unwrap_or_default();
        let body = match &form {
            Some(form) => {
                params.extend(self.form_params(form, &mut request));
                None
            }
            None => body.map(|b| self.request_body(b, &mut request)),
        };
        let responses = self.responses(op, pointer, &names.base);
        let security = match &op.security {
            Some(requirements) => self.security(Some(requirements), &join(pointer, "security")),
            None => self.security(self.api.security.as_ref(), "#/security"),
        };
        let doc = match (&op.summary, &op.description) {
            (Some(s), Some(d)) if s.trim() != d.trim() => Some(format!("{s}\n\n{d}")),
            (Some(s), _) => Some(s.clone()),
            (None, Some(d)) => Some(d.clone()),
            (None, None) => None,
        };
        Operation {
            id: names.id,
            pointer: self.origins.original(pointer),
            fn_name: names.fn_name,
            request: format!("{}Request", names.base),
            response: format!("{}Response", names.base),
            method,
            path,
            segments,
            fixed_query: key.fixed_query,
            doc,
            params,
            body,
            responses,
            security,
            form_required,
        }
    }

    /// Reads a path key: HTML entities decoded (with a warning), the path
    /// apart from the query string, and the query string's pairs.
    fn path_key(&mut self, key: &str) -> PathKey {
        let decoded = decode_entities(key);
        if decoded != key {
            self.warn(
                &join("#/paths", key),
                format!("HTML entities in the path; read as `{decoded}`"),
            );
        }
        let (path, query) = decoded.split_once('?').unwrap_or((decoded.as_str(), ""));
        let mut fixed_query = Vec::new();
        let mut query_templates = Vec::new();
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            if v.starts_with('{') && v.ends_with('}') {
                // `?page={page}`: a query parameter written into the key, not a fixed pair.
                query_templates.push((k.to_string(), v[1..v.len() - 1].to_string()));
                continue;
            }
            fixed_query.push((k.to_string(), v.to_string()));
        }
        let path = if path.starts_with('/') {
            path.to_string()
        } else {
            format!("/{path}")
        };
        PathKey {
            path,
            fixed_query,
            query_templates,
            key: decoded,
        }
    }

    /// The operation's id (derived from method and path key when missing)
    /// and the Rust names made from it, unique among all operations.
    fn operation_names(
        &mut self,
        op: &v3::Operation,
        method: Method,
        key: &str,
        pointer: &str,
        scopes: &mut OperationScopes,
    ) -> OperationNames {
        let id = match &op.operation_id {
            Some(id) if !id.trim().is_empty() => id.clone(),
            _ => {
                let derived = format!("{} {}", method.as_str().to_ascii_lowercase(), key);
                self.warn(
                    pointer,
                    format!("operation without `operationId`; named after `{derived}`"),
                );
                derived
            }
        };
        let base = names::pascal(&id, "Operation");
        let (base, type_renamed) = scopes
            .types
            .claim(base.trim_start_matches("r#").trim_end_matches('_'));
        let (fn_name, fn_renamed) = scopes.fns.claim(&names::snake(&id, "operation"));
        if type_renamed || fn_renamed {
            self.warn(
                &join(pointer, "operationId"),
                format!("operationId `{id}` gives the same Rust names as an earlier operation (or a client method); named `{fn_name}`, `{base}Request` and `{base}Response`"),
            );
        }
        OperationNames { id, base, fn_name }
    }

    /// The type and media type of a content map; JSON is preferred, then
    /// XML (with a schema that is not bytes).
    pub(super) fn content(
        &mut self,
        content: &IndexMap<String, v3::MediaType>,
        hint: &str,
        pointer: &str,
    ) -> (Option<Ty>, Media) {
        let json = content.iter().find(|(t, _)| is_json(t));
        match json {
            // A file (`type: file`, or a binary string) is bytes whatever
            // media type the document names beside it; a non-JSON one, when
            // listed, describes those bytes best.
            Some((t, media)) if media.schema.as_ref().is_some_and(is_binary) => {
                let t = content.keys().find(|t| !is_json(t)).unwrap_or(t);
                (Some(Ty::Bytes), Media::Raw(t.clone()))
            }
            Some((t, media)) => {
                let at = join(&join(&join(pointer, "content"), t), "schema");
                (
                    media.schema.as_ref().map(|s| self.ty(s, hint, &at)),
                    Media::Json,
                )
            }
            None => match content
                .iter()
                .find(|(t, m)| is_xml(t) && m.schema.as_ref().is_some_and(|s| !is_binary(s)))
            {
                Some((t, media)) => {
                    let at = join(&join(&join(pointer, "content"), t), "schema");
                    let schema = media.schema.as_ref();
                    let xml = XmlBody {
                        content_type: t.clone(),
                        xml: schema
                            .and_then(|s| s.as_item())
                            .and_then(super::xml::xml_of),
                        items: schema.and_then(super::xml::items_xml),
                    };
                    (
                        schema.map(|s| self.ty(s, hint, &at)),
                        Media::Xml(Box::new(xml)),
                    )
                }
                None => raw_content(content),
            },
        }
    }
}

/// A content map of neither JSON nor XML: bytes.
fn raw_content(content: &IndexMap<String, v3::MediaType>) -> (Option<Ty>, Media) {
    match content.iter().next() {
        Some((t, media)) => (
            media.schema.as_ref().map(|_| Ty::Bytes),
            Media::Raw(t.clone()),
        ),
        None => (None, Media::Json),
    }
}

/// Decodes the HTML entities real documents leave in path keys (`&amp;`).
fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let decoded = rest.find(';').filter(|&end| end <= 10).and_then(|end| {
            let entity = &rest[1..end];
            let c = match entity {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => entity
                    .strip_prefix("#x")
                    .or_else(|| entity.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            }?;
            Some((c, end + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}
