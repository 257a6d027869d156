//! Stage 3: Swagger 2.0 to `openapiv3::OpenAPI`.
//!
//! Every later stage reads only the OpenAPI 3 model. Parameter and response
//! `$ref`s are inlined here; `body` and `formData` parameters become request
//! bodies; `consumes`/`produces` become content maps; `collectionFormat` becomes
//! `style`/`explode` (of the parameter, or of the form property's `encoding`),
//! except `tsv`, which OpenAPI 3 cannot say and which goes to [`Extras`], as
//! does `allowEmptyValue` on `formData`; `x-nullable` becomes `nullable`;
//! `type: file` becomes binary.
//!
//! Diagnostics must point at the user's document, so the upgrade records where
//! every moved object came from in an [`Origins`] map.

use crate::diagnostic::Reporter;
use crate::front::{Extras, Front, Origins};
use crate::pointer::{join, unescape};
use crate::swagger as v2;
use indexmap::IndexMap;
use openapiv3 as v3;
use serde_json::Value;

mod params;
mod schema;

use schema::any_schema;
pub(super) use schema::has_pointer_refs;

const METHODS: &[&str] = &["get", "put", "post", "delete", "options", "head", "patch"];

pub(crate) fn upgrade(doc: &v2::Swagger, tree: Option<&Value>, reporter: &mut Reporter) -> Front {
    let mut up = Upgrader {
        doc,
        tree,
        reporter,
        origins: Origins::with_schemas_at("#/definitions/"),
        extras: Extras::default(),
        depth: 0,
        hoisted: IndexMap::new(),
        hoisted_schemas: Vec::new(),
    };
    let api = up.document();
    Front {
        api,
        origins: up.origins,
        extras: up.extras,
    }
}

struct Upgrader<'a> {
    doc: &'a v2::Swagger,
    /// The document as written, when it has `$ref`s to places other than
    /// `#/definitions/<name>` (see `schema::has_pointer_refs`).
    tree: Option<&'a Value>,
    reporter: &'a mut Reporter,
    origins: Origins,
    extras: Extras,
    /// How deep `schema` is nested right now.
    depth: usize,
    /// Schemas a `$ref` reached elsewhere than in `definitions`, by the
    /// pointer referred to: where they are in the upgraded document.
    hoisted: IndexMap<String, String>,
    /// Those schemas, upgraded, in the order they were reached.
    hoisted_schemas: Vec<(String, v3::ReferenceOr<v3::Schema>)>,
}

impl<'a> Upgrader<'a> {
    /// The server: `scheme://host` and the base path (or the base path
    /// alone); `https` is preferred among the schemes listed.
    fn servers(&mut self) -> Vec<v3::Server> {
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
        servers
    }

    fn document(&mut self) -> v3::OpenAPI {
        let doc = self.doc;
        let servers = self.servers();
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
        schemas.extend(std::mem::take(&mut self.hoisted_schemas));

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
                    let at = crate::pointer::from_path(&op_pointer, e.path());
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
        let at = join(&join("#/paths", path), method);
        let params = self.merged_parameters(path, item, op, pointer);
        let consumes = op
            .consumes
            .clone()
            .unwrap_or_else(|| self.doc.consumes.clone());
        let produces = op
            .produces
            .clone()
            .unwrap_or_else(|| self.doc.produces.clone());
        let (parameters, request_body) = self.request(params, &consumes, &at);
        let responses = self.responses(op, pointer, &at, &produces);
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

    /// The path's parameters, then the operation's, which override them by
    /// name and location; each with its pointer.
    fn merged_parameters<'p>(
        &mut self,
        path: &str,
        item: &'p v2::PathItem,
        op: &'p v2::Operation,
        pointer: &str,
    ) -> Vec<(String, &'p v2::Parameter)>
    where
        'a: 'p,
    {
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
        params
    }

    /// An operation's parameters as OpenAPI 3 has them: `query`, `header` and
    /// `path` parameters, and a request body made of the `body` parameter or
    /// of the `formData` ones. `at` is the operation in the upgraded document.
    fn request(
        &mut self,
        params: Vec<(String, &v2::Parameter)>,
        consumes: &[String],
        at: &str,
    ) -> (
        Vec<v3::ReferenceOr<v3::Parameter>>,
        Option<v3::ReferenceOr<v3::RequestBody>>,
    ) {
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
                "body" if body.is_some() => {
                    self.reporter
                        .warn(p_pointer, "a second `body` parameter; ignored");
                }
                "body" => {
                    let upgraded = self.body_parameter(p, &p_pointer, consumes);
                    body = Some((p_pointer, upgraded));
                }
                "formData" => form.push((p_pointer, p)),
                "query" | "header" | "path" => {
                    let p_at = join(&join(at, "parameters"), parameters.len());
                    self.origins.record(p_at.clone(), p_pointer.clone());
                    let parameter = self.parameter(location, name, p, &p_pointer, p_at);
                    parameters.push(v3::ReferenceOr::Item(parameter));
                }
                other => self.reporter.warn(
                    join(&p_pointer, "in"),
                    format!("unknown parameter location `{other}`; the parameter is ignored"),
                ),
            }
        }
        if let Some((first, _)) = form.first() {
            if body.is_some() {
                self.reporter.warn(
                    first.clone(),
                    "`formData` parameters beside a `body` parameter; ignored",
                );
            } else {
                body = Some((first.clone(), self.form_body(&form, consumes, at)));
            }
        }
        let request_body = body.map(|(p_pointer, body)| {
            let body_at = join(at, "requestBody");
            self.origins.record(body_at.clone(), p_pointer.clone());
            self.record_content(&body.content, &body_at, &p_pointer);
            v3::ReferenceOr::Item(body)
        });
        (parameters, request_body)
    }

    /// Each media type of `content` (of the body or response at `at`) comes
    /// from `origin`, where Swagger 2.0 keeps the one schema they share.
    fn record_content(
        &mut self,
        content: &IndexMap<String, v3::MediaType>,
        at: &str,
        origin: &str,
    ) {
        for media_type in content.keys() {
            let media_at = join(&join(at, "content"), media_type);
            self.origins.record(media_at, origin.to_string());
        }
    }

    /// The `body` parameter as a request body of every `consumes` type.
    fn body_parameter(
        &mut self,
        p: &v2::Parameter,
        pointer: &str,
        consumes: &[String],
    ) -> v3::RequestBody {
        let schema = match &p.schema {
            Some(schema) => self.schema(schema, &join(pointer, "schema")),
            None => {
                self.reporter.warn(
                    pointer.to_string(),
                    "body parameter without `schema`; read as free-form JSON",
                );
                v3::ReferenceOr::Item(any_schema())
            }
        };
        v3::RequestBody {
            description: p.description.clone(),
            content: media_types(consumes, "application/json", Some(schema)),
            required: p.required,
            ..Default::default()
        }
    }

    /// The responses, keyed by status (`default` apart); a key that is not a
    /// status is reported and left out.
    fn responses(
        &mut self,
        op: &v2::Operation,
        pointer: &str,
        at: &str,
        produces: &[String],
    ) -> v3::Responses {
        let mut responses = v3::Responses::default();
        for (code, response) in &op.responses {
            let r_pointer = join(&join(pointer, "responses"), code);
            let upgraded = self.response(response, &r_pointer, produces);
            let status = code.trim();
            let response_at = join(&join(at, "responses"), status);
            self.origins.record(response_at.clone(), r_pointer.clone());
            self.record_content(&upgraded.content, &response_at, &r_pointer);
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
        responses
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
        let mut content = match schema {
            Some(schema) => media_types(produces, "application/json", Some(schema)),
            None => IndexMap::new(),
        };
        // grpc-gateway answers a streaming method with one of these results
        // per line, as `application/json`.
        let streamed = (r.schema.as_ref())
            .and_then(|s| s.reference.as_deref())
            .is_some_and(|r| r.starts_with("#/x-stream-definitions/"));
        if streamed {
            for (_, media) in content.iter_mut().filter(|(t, _)| crate::media::is_json(t)) {
                (media.extensions).insert(crate::media::JSON_LINES_KEY.to_string(), true.into());
            }
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Diagnostic;

    /// A Swagger 2.0 document of these paths (the body of `paths:`), upgraded.
    fn front_of(paths: &str) -> (Front, Vec<Diagnostic>) {
        let yaml = format!("swagger: \"2.0\"\ninfo: {{title: t, version: \"1\"}}\npaths:{paths}");
        let mut reporter = Reporter::new("test.yaml");
        let (mut tree, source) =
            crate::load::load("test.yaml", yaml.as_bytes(), &mut reporter).expect("YAML");
        crate::swagger::normalize(&mut tree, &mut reporter);
        let document: v2::Swagger = serde_json::from_value(tree).expect("Swagger 2.0");
        let front = upgrade(&document, None, &mut reporter);
        (front, reporter.finish(Some(&source)))
    }

    fn operation<'f>(front: &'f Front, path: &str) -> &'f v3::Operation {
        let item = front.api.paths.paths[path].as_item().expect("a path item");
        item.get
            .as_ref()
            .or(item.post.as_ref())
            .expect("an operation")
    }

    /// Each query or header parameter: name, style, explode.
    fn styles(op: &v3::Operation) -> Vec<(String, String, Option<bool>)> {
        op.parameters
            .iter()
            .map(|p| match p.as_item().expect("inline") {
                v3::Parameter::Query {
                    parameter_data,
                    style,
                    ..
                } => (
                    parameter_data.name.clone(),
                    format!("{style:?}"),
                    parameter_data.explode,
                ),
                v3::Parameter::Header { parameter_data, .. } => (
                    parameter_data.name.clone(),
                    "Simple".to_string(),
                    parameter_data.explode,
                ),
                other => panic!("{other:?}"),
            })
            .collect()
    }

    #[test]
    fn collection_formats_become_styles_and_tsv_an_extra() {
        let (front, diagnostics) = front_of(
            r#"
  /a:
    get:
      parameters:
        - {name: c, in: query, type: array, items: {type: string}}
        - {name: s, in: query, type: array, items: {type: string}, collectionFormat: ssv}
        - {name: p, in: query, type: array, items: {type: string}, collectionFormat: pipes}
        - {name: m, in: query, type: array, items: {type: string}, collectionFormat: multi}
        - {name: t, in: query, type: array, items: {type: string}, collectionFormat: tsv}
        - {name: h, in: header, type: array, items: {type: string}, collectionFormat: multi}
      responses: {204: {description: ok}}
"#,
        );
        let op = operation(&front, "/a");
        let style =
            |name: &str, style: &str, explode| (name.to_string(), style.to_string(), Some(explode));
        assert_eq!(
            styles(op),
            [
                style("c", "Form", false),
                style("s", "SpaceDelimited", false),
                style("p", "PipeDelimited", false),
                style("m", "Form", true),
                style("t", "Form", false),
                style("h", "Simple", false),
            ]
        );
        let tabs: Vec<&str> = front
            .extras
            .tab_separated
            .iter()
            .map(String::as_str)
            .collect();
        assert_eq!(tabs, ["#/paths/~1a/get/parameters/4"]);
        // A header cannot repeat: multi is read as csv, with a warning.
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
        assert_eq!(
            diagnostics[0].pointer,
            "#/paths/~1a/get/parameters/5/collectionFormat"
        );
    }

    #[test]
    fn form_data_is_a_form_body_with_an_encoding_and_points_back() {
        let (front, diagnostics) = front_of(
            r#"
  /f:
    post:
      parameters:
        - {name: tags, in: formData, type: array, items: {type: string}, collectionFormat: pipes}
        - {name: n, in: formData, type: integer, required: true, allowEmptyValue: true}
        - {name: up, in: formData, type: file}
      responses: {204: {description: ok}}
"#,
        );
        assert_eq!(diagnostics, []);
        let body = operation(&front, "/f").request_body.as_ref().unwrap();
        let body = body.as_item().unwrap();
        assert!(body.required);
        // A file makes the form multipart.
        let media = &body.content["multipart/form-data"];
        assert_eq!(body.content.len(), 1);
        let tags = &media.encoding["tags"];
        assert_eq!(
            (tags.style.clone(), tags.explode),
            (Some(v3::QueryStyle::PipeDelimited), false)
        );
        assert_eq!(media.encoding.len(), 1);
        let at = "#/paths/~1f/post/requestBody/content/multipart~1form-data/schema/properties/n";
        assert!(front.extras.allow_empty.contains(at));
        assert_eq!(front.origins.original(at), "#/paths/~1f/post/parameters/1");
    }

    #[test]
    fn an_operation_parameter_overrides_the_path_one_and_bodies_take_consumes() {
        let (front, diagnostics) = front_of(
            r#"
  /p/{id}:
    parameters:
      - {name: id, in: path, required: true, type: string}
      - {name: q, in: query, type: string}
    post:
      consumes: [application/xml, application/json]
      parameters:
        - {name: id, in: path, required: true, type: integer}
        - {name: b, in: body, schema: {type: object}}
      responses:
        200: {description: ok}
        2XX: {description: fine}
        x-note: {description: not a status}
        abc: {description: not a status either}
"#,
        );
        let op = operation(&front, "/p/{id}");
        let names: Vec<(&str, String)> = op
            .parameters
            .iter()
            .map(|p| {
                let data = p.as_item().unwrap().parameter_data_ref();
                let v3::ParameterSchemaOrContent::Schema(v3::ReferenceOr::Item(s)) = &data.format
                else {
                    panic!()
                };
                (
                    data.name.as_str(),
                    format!("{:?}", s.schema_kind).chars().take(20).collect(),
                )
            })
            .collect();
        assert_eq!(names.len(), 2);
        assert_eq!(names[0].0, "q");
        assert_eq!(names[1].0, "id");
        assert!(names[1].1.starts_with("Type(Integer"), "{names:?}");
        let body = op.request_body.as_ref().unwrap().as_item().unwrap();
        let types: Vec<&str> = body.content.keys().map(String::as_str).collect();
        assert_eq!(types, ["application/xml", "application/json"]);
        assert!(
            op.responses
                .responses
                .contains_key(&v3::StatusCode::Code(200))
        );
        assert!(
            op.responses
                .responses
                .contains_key(&v3::StatusCode::Range(2))
        );
        assert_eq!(op.responses.responses.len(), 2);
        let warned: Vec<&str> = diagnostics.iter().map(|d| d.pointer.as_str()).collect();
        assert_eq!(warned, ["#/paths/~1p~1{id}/post/responses/abc"]);
    }
}
