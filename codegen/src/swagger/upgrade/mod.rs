//! Stage 3: Swagger 2.0 to `openapiv3::OpenAPI`.
//!
//! Every later stage reads only the OpenAPI 3 model. Parameter and response
//! `$ref`s are inlined here; `body` and `formData` parameters become request
//! bodies; `consumes`/`produces` become content maps; `collectionFormat` becomes
//! style/explode and is also kept as `x-collection-format` (OpenAPI 3 cannot say
//! `tsv`); `x-nullable` becomes `nullable`; `type: file` becomes binary.
//!
//! Diagnostics must point at the user's document, so the upgrade records where
//! every moved object came from in an [`Origins`] map.

use crate::diagnostic::Reporter;
use crate::pointer::{join, unescape};
use crate::swagger as v2;
use indexmap::IndexMap;
use openapiv3 as v3;
use serde_json::Value;
use std::collections::BTreeMap;

pub(crate) const COLLECTION_FORMAT: &str = "x-collection-format";
/// Marks a request body made of `formData` parameters.
pub(crate) const FORM_DATA: &str = "x-form-data";
const METHODS: &[&str] = &["get", "put", "post", "delete", "options", "head", "patch"];

/// Maps pointers in the upgraded document back to the user's document.
#[derive(Debug, Default)]
pub(crate) struct Origins {
    exact: BTreeMap<String, String>,
}

impl Origins {
    fn record(&mut self, upgraded: String, original: String) {
        self.exact.insert(upgraded, original);
    }

    /// The user's pointer for a pointer into the upgraded document: the longest
    /// recorded prefix is replaced; components map back to their 2.0 homes.
    pub(crate) fn original(&self, pointer: &str) -> String {
        let mut prefix = pointer;
        loop {
            if let Some(original) = self.exact.get(prefix) {
                return format!("{original}{}", &pointer[prefix.len()..]);
            }
            match prefix.rfind('/') {
                Some(i) => prefix = &prefix[..i],
                None => break,
            }
        }
        pointer.replacen("#/components/schemas/", "#/definitions/", 1)
    }
}

pub(crate) struct Upgraded {
    pub(crate) api: v3::OpenAPI,
    pub(crate) origins: Origins,
}

pub(crate) fn upgrade(doc: &v2::Swagger, reporter: &mut Reporter) -> Upgraded {
    let mut up = Upgrader {
        doc,
        reporter,
        origins: Origins::default(),
        depth: 0,
    };
    let api = up.document();
    Upgraded {
        api,
        origins: up.origins,
    }
}

struct Upgrader<'a> {
    doc: &'a v2::Swagger,
    reporter: &'a mut Reporter,
    origins: Origins,
    /// How deep `schema` is nested right now.
    depth: usize,
}

/// Schemas nested deeper than this are read as free-form JSON, so that later
/// stages, which recurse, stay far from the end of any thread's stack.
const MAX_SCHEMA_DEPTH: usize = 64;

impl<'a> Upgrader<'a> {
    fn document(&mut self) -> v3::OpenAPI {
        let doc = self.doc;
        let mut servers = Vec::new();
        let base_path = match doc
            .base_path
            .as_deref()
            .map(str::trim)
            .filter(|p| !p.is_empty() && *p != "/")
        {
            Some(path) if path.starts_with('/') => path.trim_end_matches('/').to_string(),
            Some(path) => format!("/{}", path.trim_end_matches('/')),
            None => String::new(),
        };
        let host = doc.host.as_deref().map(str::trim).filter(|h| !h.is_empty());
        if let Some(mut host) = host {
            let mut scheme = ["https", "http"]
                .into_iter()
                .find(|s| doc.schemes.iter().any(|d| d == s))
                .or_else(|| doc.schemes.first().map(String::as_str))
                .unwrap_or("http");
            // `host` is a name and a port; some documents put a whole URL there.
            if let Some((written_scheme, rest)) = host.split_once("://") {
                scheme = written_scheme;
                host = rest;
            }
            if let Some(slash) = host.find('/') {
                host = &host[..slash];
            }
            if Some(host) != doc.host.as_deref() {
                self.reporter.warn(
                    "#/host",
                    format!("`host` should be a host name and port only; read as `{host}`"),
                );
            }
            let scheme: String = scheme
                .chars()
                .filter(|c| c.is_ascii_alphanumeric() || "+-.".contains(*c))
                .collect();
            let host: String = host
                .chars()
                .filter(|c| !c.is_whitespace() && !c.is_control())
                .collect();
            servers.push(v3::Server {
                url: format!("{scheme}://{host}{base_path}"),
                ..Default::default()
            });
        } else if !base_path.is_empty() {
            servers.push(v3::Server {
                url: base_path,
                ..Default::default()
            });
        }

        let mut schemas = IndexMap::new();
        for (name, schema) in &doc.definitions {
            let pointer = join("#/definitions", name);
            self.origins
                .record(join("#/components/schemas", name), pointer.clone());
            schemas.insert(name.clone(), self.schema(schema, &pointer));
        }

        let mut paths = IndexMap::new();
        for (path, item) in &doc.paths {
            let pointer = join("#/paths", path);
            if let Some(item) = self.path_item(path, item, &pointer) {
                paths.insert(path.clone(), v3::ReferenceOr::Item(item));
            }
        }

        v3::OpenAPI {
            openapi: "3.0.3".to_string(),
            info: v3::Info {
                title: doc.info.title.clone(),
                description: doc.info.description.clone(),
                version: doc.info.version.clone(),
                extensions: v2::extensions(&doc.info.rest),
                ..Default::default()
            },
            servers,
            paths: v3::Paths {
                paths,
                extensions: IndexMap::new(),
            },
            components: Some(v3::Components {
                schemas,
                security_schemes: self.security_schemes(),
                ..Default::default()
            }),
            security: self.requirements(doc.rest.get("security"), "#/security"),
            extensions: v2::extensions(&doc.rest),
            ..Default::default()
        }
    }

    /// `securityDefinitions` as OpenAPI 3 security schemes: `apiKey` in a
    /// header or the query, `basic`, and `oauth2` (whose tokens travel as
    /// `Authorization: Bearer`). Anything else is reported and left out.
    fn security_schemes(&mut self) -> IndexMap<String, v3::ReferenceOr<v3::SecurityScheme>> {
        let mut out = IndexMap::new();
        let Some(definitions) = self.doc.rest.get("securityDefinitions") else {
            return out;
        };
        let Some(definitions) = definitions.as_object() else {
            self.reporter.warn(
                "#/securityDefinitions",
                "`securityDefinitions` is not a mapping; ignored",
            );
            return out;
        };
        for (name, definition) in definitions {
            let pointer = join("#/securityDefinitions", name);
            let field = |key: &str| definition.get(key).and_then(Value::as_str);
            let description = field("description").map(str::to_string);
            let scheme = match field("type") {
                Some("apiKey") => {
                    let location = match field("in") {
                        Some("header") => v3::APIKeyLocation::Header,
                        Some("query") => v3::APIKeyLocation::Query,
                        other => {
                            self.reporter.warn(
                                join(&pointer, "in"),
                                format!(
                                    "an API key `in: {}` is not supported (header or query); the scheme is ignored",
                                    other.unwrap_or("")
                                ),
                            );
                            continue;
                        }
                    };
                    let Some(key_name) = field("name").filter(|n| !n.is_empty()) else {
                        self.reporter
                            .warn(&pointer, "an API key without `name`; the scheme is ignored");
                        continue;
                    };
                    v3::SecurityScheme::APIKey {
                        location,
                        name: key_name.to_string(),
                        description,
                        extensions: IndexMap::new(),
                    }
                }
                Some("basic") => v3::SecurityScheme::HTTP {
                    scheme: "basic".to_string(),
                    bearer_format: None,
                    description,
                    extensions: IndexMap::new(),
                },
                Some("oauth2") => v3::SecurityScheme::OAuth2 {
                    flows: Default::default(),
                    description,
                    extensions: IndexMap::new(),
                },
                other => {
                    self.reporter.warn(
                        join(&pointer, "type"),
                        format!(
                            "security scheme type `{}` is not one of apiKey, basic, oauth2; the scheme is ignored",
                            other.unwrap_or("")
                        ),
                    );
                    continue;
                }
            };
            out.insert(name.clone(), v3::ReferenceOr::Item(scheme));
        }
        out
    }

    /// A `security` list: alternatives, each naming the schemes it needs
    /// together. A list that has another shape is reported and read as absent.
    fn requirements(
        &mut self,
        value: Option<&Value>,
        pointer: &str,
    ) -> Option<Vec<v3::SecurityRequirement>> {
        let value = value?;
        let Some(alternatives) = value.as_array() else {
            self.reporter
                .warn(pointer, "`security` is not a list of requirements; ignored");
            return None;
        };
        let mut out = Vec::new();
        for (i, alternative) in alternatives.iter().enumerate() {
            let Some(schemes) = alternative.as_object() else {
                self.reporter.warn(
                    join(pointer, i),
                    "a security requirement that is not a mapping; ignored",
                );
                continue;
            };
            let requirement = schemes
                .iter()
                .map(|(name, scopes)| {
                    let scopes = scopes
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(|s| s.as_str().map(str::to_string))
                        .collect();
                    (name.clone(), scopes)
                })
                .collect();
            out.push(requirement);
        }
        Some(out)
    }

    fn path_item(
        &mut self,
        path: &str,
        item: &v2::PathItem,
        pointer: &str,
    ) -> Option<v3::PathItem> {
        if item.reference.is_some() {
            self.reporter.warn(
                join(pointer, "$ref"),
                "path item `$ref`s are not supported; the path is skipped",
            );
            return None;
        }
        let mut out = v3::PathItem {
            extensions: v2::extensions(&item.rest),
            ..Default::default()
        };
        for (key, value) in &item.rest {
            if key.starts_with("x-") {
                continue;
            }
            let method = key.trim().to_ascii_lowercase();
            let op_pointer = join(pointer, key);
            if !METHODS.contains(&method.as_str()) {
                self.reporter.warn(
                    op_pointer,
                    format!("`{key}` is not an HTTP method of Swagger 2.0; ignored"),
                );
                continue;
            }
            if method != *key {
                self.reporter.warn(
                    op_pointer.clone(),
                    format!("method key `{key}` read as `{method}`"),
                );
            }
            let operation: v2::Operation = match serde_path_to_error::deserialize(value) {
                Ok(operation) => operation,
                Err(e) => {
                    let at = path_to_pointer(&op_pointer, e.path());
                    self.reporter
                        .error(at, format!("malformed operation: {}", e.inner()));
                    continue;
                }
            };
            let upgraded = self.operation(path, &method, item, &operation, &op_pointer);
            let slot = match method.as_str() {
                "get" => &mut out.get,
                "put" => &mut out.put,
                "post" => &mut out.post,
                "delete" => &mut out.delete,
                "options" => &mut out.options,
                "head" => &mut out.head,
                _ => &mut out.patch,
            };
            if slot.is_some() {
                self.reporter.warn(
                    join(pointer, key),
                    format!("a second `{method}` operation on this path; ignored"),
                );
                continue;
            }
            *slot = Some(upgraded);
        }
        Some(out)
    }

    fn operation(
        &mut self,
        path: &str,
        method: &str,
        item: &v2::PathItem,
        op: &v2::Operation,
        pointer: &str,
    ) -> v3::Operation {
        let v3_pointer = join(&join("#/paths", path), method);
        // Path-level parameters first, then the operation's, which override by (name, in).
        let mut params: Vec<(String, &v2::Parameter)> = Vec::new();
        let path_pointer = join("#/paths", path);
        for (i, p) in item.parameters.iter().enumerate() {
            params.push((join(&join(&path_pointer, "parameters"), i), p));
        }
        for (i, p) in op.parameters.iter().enumerate() {
            let p_pointer = join(&join(pointer, "parameters"), i);
            let (p_pointer, resolved) = self.resolve_parameter(p, p_pointer);
            let key = (resolved.name.clone(), resolved.location.clone());
            params.retain(|(ptr, q)| {
                let (_, q) = self.resolve_parameter_ref(q, ptr.clone());
                (q.name.clone(), q.location.clone()) != key
            });
            params.push((p_pointer, resolved));
        }

        let consumes = op
            .consumes
            .clone()
            .unwrap_or_else(|| self.doc.consumes.clone());
        let produces = op
            .produces
            .clone()
            .unwrap_or_else(|| self.doc.produces.clone());

        let mut parameters = Vec::new();
        let mut body: Option<(String, v3::RequestBody)> = None;
        let mut form: Vec<(String, &v2::Parameter)> = Vec::new();
        for (p_pointer, p) in params {
            let (p_pointer, p) = self.resolve_parameter(p, p_pointer);
            if p.reference.is_some() {
                // A dangling `$ref`, already reported.
                continue;
            }
            let Some(location) = p.location.as_deref() else {
                self.reporter
                    .warn(p_pointer, "parameter without `in`; ignored");
                continue;
            };
            let Some(name) = p.name.clone() else {
                self.reporter
                    .warn(p_pointer, "parameter without `name`; ignored");
                continue;
            };
            match location {
                "body" => {
                    if body.is_some() {
                        self.reporter
                            .warn(p_pointer, "a second `body` parameter; ignored");
                        continue;
                    }
                    let schema = match &p.schema {
                        Some(schema) => self.schema(schema, &join(&p_pointer, "schema")),
                        None => {
                            self.reporter.warn(
                                p_pointer.clone(),
                                "body parameter without `schema`; read as free-form JSON",
                            );
                            v3::ReferenceOr::Item(any_schema())
                        }
                    };
                    let content = media_types(&consumes, "application/json", Some(schema));
                    let mut extensions = IndexMap::new();
                    extensions.insert("x-body-name".to_string(), Value::String(name));
                    body = Some((
                        p_pointer,
                        v3::RequestBody {
                            description: p.description.clone(),
                            content,
                            required: p.required,
                            extensions,
                        },
                    ));
                }
                "formData" => form.push((p_pointer, p)),
                "query" | "header" | "path" => {
                    let index = parameters.len();
                    self.origins.record(
                        join(&join(&v3_pointer, "parameters"), index),
                        p_pointer.clone(),
                    );
                    parameters.push(v3::ReferenceOr::Item(
                        self.parameter(location, name, p, &p_pointer),
                    ));
                }
                other => self.reporter.warn(
                    join(&p_pointer, "in"),
                    format!("unknown parameter location `{other}`; the parameter is ignored"),
                ),
            }
        }

        if !form.is_empty() {
            if body.is_some() {
                self.reporter.warn(
                    form[0].0.clone(),
                    "`formData` parameters beside a `body` parameter; ignored",
                );
            } else {
                let mut object = v3::ObjectType::default();
                for (p_pointer, p) in &form {
                    let name = p.name.clone().unwrap_or_default();
                    self.origins.record(
                        join(
                            &join(&join(&v3_pointer, "requestBody"), "properties"),
                            &name,
                        ),
                        p_pointer.clone(),
                    );
                    let mut schema = self.simple_schema(p, p_pointer);
                    if let v3::ReferenceOr::Item(s) = &mut schema {
                        s.schema_data.description = p.description.clone();
                        if let Some(format) = &p.collection_format {
                            s.schema_data.extensions.insert(
                                COLLECTION_FORMAT.to_string(),
                                Value::String(format.clone()),
                            );
                        }
                    }
                    if p.required {
                        object.required.push(name.clone());
                    }
                    object.properties.insert(name, boxed(schema));
                }
                let default = if form
                    .iter()
                    .any(|(_, p)| p.simple.type_ == Some(Value::String("file".into())))
                {
                    "multipart/form-data"
                } else {
                    "application/x-www-form-urlencoded"
                };
                let schema = v3::Schema {
                    schema_data: Default::default(),
                    schema_kind: v3::SchemaKind::Type(v3::Type::Object(object)),
                };
                let required = form.iter().any(|(_, p)| p.required);
                // The form's media type: multipart when the document lists it
                // or a part is a file, else urlencoded. Other `consumes`
                // entries (JSON, say) cannot carry `formData`.
                let multipart = default == "multipart/form-data"
                    || consumes.iter().any(|c| is_media(c, "multipart/form-data"));
                let media = if multipart {
                    "multipart/form-data"
                } else {
                    "application/x-www-form-urlencoded"
                };
                let content = media_types(&[], media, Some(v3::ReferenceOr::Item(schema)));
                let mut extensions = IndexMap::new();
                extensions.insert(FORM_DATA.to_string(), Value::Bool(true));
                body = Some((
                    form[0].0.clone(),
                    v3::RequestBody {
                        content,
                        required,
                        extensions,
                        ..Default::default()
                    },
                ));
            }
        }

        let request_body = body.map(|(p_pointer, body)| {
            self.origins
                .record(join(&v3_pointer, "requestBody"), p_pointer);
            v3::ReferenceOr::Item(body)
        });

        let mut responses = v3::Responses::default();
        for (code, response) in &op.responses {
            let r_pointer = join(&join(pointer, "responses"), code);
            let upgraded = self.response(response, &r_pointer, &produces);
            let status = code.trim();
            self.origins.record(
                join(&join(&v3_pointer, "responses"), status),
                r_pointer.clone(),
            );
            if status == "default" {
                responses.default = Some(v3::ReferenceOr::Item(upgraded));
            } else if let Some(code) = parse_status(status) {
                responses
                    .responses
                    .insert(code, v3::ReferenceOr::Item(upgraded));
            } else if !status.starts_with("x-") {
                self.reporter.warn(
                    r_pointer,
                    format!("`{code}` is not an HTTP status code; the response is ignored"),
                );
            }
        }

        v3::Operation {
            tags: op.tags.clone(),
            summary: op.summary.clone(),
            description: op.description.clone(),
            operation_id: op.operation_id.clone(),
            parameters,
            request_body,
            responses,
            deprecated: op.deprecated,
            security: self.requirements(op.rest.get("security"), &join(pointer, "security")),
            extensions: v2::extensions(&op.rest),
            ..Default::default()
        }
    }

    /// Follows a parameter `$ref` into the top-level `parameters`.
    fn resolve_parameter<'p>(
        &mut self,
        p: &'p v2::Parameter,
        pointer: String,
    ) -> (String, &'p v2::Parameter)
    where
        'a: 'p,
    {
        let (target, resolved) = self.resolve_parameter_ref(p, pointer.clone());
        if p.reference.is_some() && std::ptr::eq(resolved, p) {
            self.reporter.warn(
                join(&pointer, "$ref"),
                "dangling parameter `$ref`; the parameter is ignored",
            );
        }
        (target, resolved)
    }

    fn resolve_parameter_ref<'p>(
        &self,
        p: &'p v2::Parameter,
        pointer: String,
    ) -> (String, &'p v2::Parameter)
    where
        'a: 'p,
    {
        let Some(reference) = &p.reference else {
            return (pointer, p);
        };
        match reference
            .strip_prefix("#/parameters/")
            .and_then(|name| self.doc.parameters.get_key_value(&unescape(name)))
        {
            Some((name, target)) => (join("#/parameters", name), target),
            None => (pointer, p),
        }
    }

    fn parameter(
        &mut self,
        location: &str,
        name: String,
        p: &v2::Parameter,
        pointer: &str,
    ) -> v3::Parameter {
        let mut extensions = IndexMap::new();
        if let Some(format) = &p.collection_format {
            extensions.insert(COLLECTION_FORMAT.to_string(), Value::String(format.clone()));
        }
        let multi = p.collection_format.as_deref() == Some("multi");
        let mut required = p.required;
        if location == "path" && !required {
            self.reporter.warn(
                join(pointer, "required"),
                "path parameters must be `required: true`; read as required",
            );
            required = true;
        }
        let parameter_data = v3::ParameterData {
            name,
            description: p.description.clone(),
            required,
            deprecated: None,
            format: v3::ParameterSchemaOrContent::Schema(self.simple_schema(p, pointer)),
            example: None,
            examples: IndexMap::new(),
            explode: Some(multi),
            extensions,
        };
        match location {
            "query" => v3::Parameter::Query {
                parameter_data,
                allow_reserved: false,
                style: match p.collection_format.as_deref() {
                    Some("ssv") => v3::QueryStyle::SpaceDelimited,
                    Some("pipes") => v3::QueryStyle::PipeDelimited,
                    _ => v3::QueryStyle::Form,
                },
                allow_empty_value: p.allow_empty_value,
            },
            "header" => v3::Parameter::Header {
                parameter_data,
                style: v3::HeaderStyle::Simple,
            },
            _ => v3::Parameter::Path {
                parameter_data,
                style: v3::PathStyle::Simple,
            },
        }
    }

    /// The schema of a non-body parameter.
    fn simple_schema(&mut self, p: &v2::Parameter, pointer: &str) -> v3::ReferenceOr<v3::Schema> {
        if p.simple.type_.is_none() && p.simple.reference.is_none() {
            self.reporter.warn(
                pointer.to_string(),
                "parameter without `type`; read as a string",
            );
            let mut simple = v2::Schema {
                type_: Some(Value::String("string".into())),
                ..Default::default()
            };
            simple.enumeration = p.simple.enumeration.clone();
            return self.schema(&simple, pointer);
        }
        self.schema(&p.simple, pointer)
    }

    fn response(&mut self, r: &v2::Response, pointer: &str, produces: &[String]) -> v3::Response {
        let (pointer, r) = match &r.reference {
            Some(reference) => match reference
                .strip_prefix("#/responses/")
                .and_then(|name| self.doc.responses.get_key_value(&unescape(name)))
            {
                Some((name, target)) => (join("#/responses", name), target),
                None => {
                    self.reporter.warn(
                        join(pointer, "$ref"),
                        "dangling response `$ref`; read as a response without body",
                    );
                    return v3::Response {
                        description: String::new(),
                        ..Default::default()
                    };
                }
            },
            None => (pointer.to_string(), r),
        };
        let schema = r
            .schema
            .as_ref()
            .map(|s| self.schema(s, &join(&pointer, "schema")));
        let content = match schema {
            Some(schema) => media_types(produces, "application/json", Some(schema)),
            None => IndexMap::new(),
        };
        let mut headers = IndexMap::new();
        for (name, header) in &r.headers {
            let schema = self.schema(header, &join(&join(&pointer, "headers"), name));
            headers.insert(
                name.clone(),
                v3::ReferenceOr::Item(v3::Header {
                    description: header.description.clone(),
                    style: v3::HeaderStyle::Simple,
                    required: false,
                    deprecated: None,
                    format: v3::ParameterSchemaOrContent::Schema(schema),
                    example: None,
                    examples: IndexMap::new(),
                    extensions: IndexMap::new(),
                }),
            );
        }
        v3::Response {
            description: r.description.clone(),
            headers,
            content,
            extensions: v2::extensions(&r.rest),
            ..Default::default()
        }
    }

    fn schema(&mut self, s: &v2::Schema, pointer: &str) -> v3::ReferenceOr<v3::Schema> {
        if self.depth >= MAX_SCHEMA_DEPTH {
            self.reporter.warn(
                pointer.to_string(),
                format!("schemas nested more than {MAX_SCHEMA_DEPTH} deep; this one is read as free-form JSON"),
            );
            return v3::ReferenceOr::Item(any_schema());
        }
        self.depth += 1;
        let schema = self.schema_at_depth(s, pointer);
        self.depth -= 1;
        schema
    }

    fn schema_at_depth(&mut self, s: &v2::Schema, pointer: &str) -> v3::ReferenceOr<v3::Schema> {
        if let Some(reference) = &s.reference {
            let reference = match reference.strip_prefix("#/definitions/") {
                Some(name) => format!("#/components/schemas/{name}"),
                None => reference.clone(),
            };
            return v3::ReferenceOr::Reference { reference };
        }
        let mut extensions = v2::extensions(&s.rest);
        let nullable = matches!(extensions.get("x-nullable"), Some(Value::Bool(true)));
        extensions.shift_remove("x-nullable");
        let schema_data = v3::SchemaData {
            nullable,
            read_only: s.read_only,
            title: s.title.clone(),
            description: s.description.clone(),
            default: s.default.clone(),
            example: s.example.clone(),
            discriminator: s
                .discriminator
                .as_ref()
                .map(|property_name| v3::Discriminator {
                    property_name: property_name.clone(),
                    ..Default::default()
                }),
            extensions,
            ..Default::default()
        };

        if let Some(all_of) = &s.all_of {
            let mut members: Vec<_> = all_of
                .iter()
                .enumerate()
                .map(|(i, m)| self.schema(m, &join(&join(pointer, "allOf"), i)))
                .collect();
            if s.properties.is_some() {
                let own = v2::Schema {
                    properties: s.properties.clone(),
                    required: s.required.clone(),
                    ..Default::default()
                };
                members.push(self.schema(&own, pointer));
            }
            return v3::ReferenceOr::Item(v3::Schema {
                schema_data,
                schema_kind: v3::SchemaKind::AllOf { all_of: members },
            });
        }

        let type_name = match &s.type_ {
            Some(Value::String(t)) => Some(t.trim().to_string()),
            Some(other) => {
                self.reporter.warn(
                    join(pointer, "type"),
                    format!("`type` must be a string, found {other}; read as free-form JSON"),
                );
                return v3::ReferenceOr::Item(v3::Schema {
                    schema_data,
                    schema_kind: v3::SchemaKind::Any(Default::default()),
                });
            }
            None if s.properties.is_some() || s.additional_properties.is_some() => {
                Some("object".to_string())
            }
            None if s.items.is_some() => Some("array".to_string()),
            None => None,
        };
        let enum_values = s.enumeration.clone().unwrap_or_default();
        let schema_kind = match type_name.as_deref() {
            Some("string") | Some("file") => {
                let format = if type_name.as_deref() == Some("file") {
                    Some("binary".to_string())
                } else {
                    s.format.clone()
                };
                v3::SchemaKind::Type(v3::Type::String(v3::StringType {
                    format: variant_or_unknown(format),
                    pattern: s.pattern.clone(),
                    enumeration: enum_values
                        .iter()
                        .map(|v| match v {
                            Value::Null => None,
                            Value::String(s) => Some(s.clone()),
                            other => Some(other.to_string()),
                        })
                        .collect(),
                    min_length: s.min_length,
                    max_length: s.max_length,
                }))
            }
            Some("integer") => v3::SchemaKind::Type(v3::Type::Integer(v3::IntegerType {
                format: variant_or_unknown(s.format.clone()),
                multiple_of: s.multiple_of.map(|m| m as i64),
                exclusive_minimum: s.exclusive_minimum,
                exclusive_maximum: s.exclusive_maximum,
                minimum: s.minimum.map(|m| m.ceil() as i64),
                maximum: s.maximum.map(|m| m.floor() as i64),
                enumeration: enum_values.iter().map(Value::as_i64).collect(),
            })),
            Some("number") => v3::SchemaKind::Type(v3::Type::Number(v3::NumberType {
                format: variant_or_unknown(s.format.clone()),
                multiple_of: s.multiple_of,
                exclusive_minimum: s.exclusive_minimum,
                exclusive_maximum: s.exclusive_maximum,
                minimum: s.minimum,
                maximum: s.maximum,
                enumeration: enum_values.iter().map(Value::as_f64).collect(),
            })),
            Some("boolean") => v3::SchemaKind::Type(v3::Type::Boolean(v3::BooleanType {
                enumeration: enum_values.iter().map(Value::as_bool).collect(),
            })),
            Some("array") => v3::SchemaKind::Type(v3::Type::Array(v3::ArrayType {
                items: match &s.items {
                    Some(items) => Some(boxed(self.schema(items, &join(pointer, "items")))),
                    None => {
                        self.reporter.warn(
                            pointer.to_string(),
                            "array without `items`; items read as free-form JSON",
                        );
                        None
                    }
                },
                min_items: s.min_items,
                max_items: s.max_items,
                unique_items: s.unique_items,
            })),
            Some("object") => {
                let mut object = v3::ObjectType {
                    required: s.required.clone(),
                    min_properties: s.min_properties,
                    max_properties: s.max_properties,
                    ..Default::default()
                };
                for (name, property) in s.properties.iter().flatten() {
                    let p_pointer = join(&join(pointer, "properties"), name);
                    object
                        .properties
                        .insert(name.clone(), boxed(self.schema(property, &p_pointer)));
                }
                object.additional_properties = match &s.additional_properties {
                    None => None,
                    Some(v2::AdditionalProperties::Any(b)) => {
                        Some(v3::AdditionalProperties::Any(*b))
                    }
                    Some(v2::AdditionalProperties::Schema(schema)) => {
                        Some(v3::AdditionalProperties::Schema(Box::new(
                            self.schema(schema, &join(pointer, "additionalProperties")),
                        )))
                    }
                };
                v3::SchemaKind::Type(v3::Type::Object(object))
            }
            None => v3::SchemaKind::Any(Default::default()),
            Some(other) => {
                self.reporter.warn(
                    join(pointer, "type"),
                    format!("unknown type `{other}`; read as free-form JSON"),
                );
                v3::SchemaKind::Any(Default::default())
            }
        };
        v3::ReferenceOr::Item(v3::Schema {
            schema_data,
            schema_kind,
        })
    }
}

fn any_schema() -> v3::Schema {
    v3::Schema {
        schema_data: Default::default(),
        schema_kind: v3::SchemaKind::Any(Default::default()),
    }
}

fn boxed(schema: v3::ReferenceOr<v3::Schema>) -> v3::ReferenceOr<Box<v3::Schema>> {
    match schema {
        v3::ReferenceOr::Reference { reference } => v3::ReferenceOr::Reference { reference },
        v3::ReferenceOr::Item(item) => v3::ReferenceOr::Item(Box::new(item)),
    }
}

/// Whether a `consumes`/`produces` entry names `media` (parameters such as
/// `; charset=utf-8` and case aside).
pub(crate) fn is_media(entry: &str, media: &str) -> bool {
    entry
        .split(';')
        .next()
        .is_some_and(|e| e.trim().eq_ignore_ascii_case(media))
}

fn media_types(
    types: &[String],
    default: &str,
    schema: Option<v3::ReferenceOr<v3::Schema>>,
) -> IndexMap<String, v3::MediaType> {
    let mut out = IndexMap::new();
    let types: Vec<&str> = if types.is_empty() {
        vec![default]
    } else {
        types.iter().map(String::as_str).collect()
    };
    for media_type in types {
        out.insert(
            media_type.to_string(),
            v3::MediaType {
                schema: schema.clone(),
                ..Default::default()
            },
        );
    }
    out
}

fn variant_or_unknown<T: std::str::FromStr>(
    format: Option<String>,
) -> v3::VariantOrUnknownOrEmpty<T> {
    match format {
        None => v3::VariantOrUnknownOrEmpty::Empty,
        Some(f) => match f.parse() {
            Ok(item) => v3::VariantOrUnknownOrEmpty::Item(item),
            Err(_) => v3::VariantOrUnknownOrEmpty::Unknown(f),
        },
    }
}

fn parse_status(code: &str) -> Option<v3::StatusCode> {
    if let Ok(n) = code.parse::<u16>() {
        return (100..=599).contains(&n).then_some(v3::StatusCode::Code(n));
    }
    let bytes = code.as_bytes();
    if bytes.len() == 3 && matches!(bytes[0], b'1'..=b'5') && bytes[1..].eq_ignore_ascii_case(b"xx")
    {
        return Some(v3::StatusCode::Range((bytes[0] - b'0') as u16));
    }
    None
}

/// A JSON pointer for a serde_path_to_error path below `base`.
pub(crate) fn path_to_pointer(base: &str, path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut pointer = base.to_string();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => pointer = join(&pointer, index),
            Segment::Map { key } => pointer = join(&pointer, key),
            Segment::Enum { .. } | Segment::Unknown => {}
        }
    }
    pointer
}
