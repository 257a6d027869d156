//! An operation's request: its parameters, the path they fill, and its
//! body, which is either a form (each property a parameter of its own) or
//! one value.

use super::params::{ParamSource, query_list};
use super::{
    Body, FormKind, ListFormat, Location, Lowering, Media, Param, ParamShape, Rules, Segment, Ty,
};
use crate::media::{is_json, is_media};
use crate::names::{self, Scope};
use crate::pointer::join;
use openapiv3 as v3;
use std::collections::{BTreeMap, BTreeSet};

/// One operation's request while it is read.
pub(super) struct Request<'p> {
    /// Where the operation is (in the upgraded document).
    pointer: &'p str,
    /// The base of the operation's type names (`GetPet`).
    base: String,
    /// The Rust names of the request type's fields.
    fields: Scope,
    /// The text before the value of each `label` or `matrix` path
    /// parameter (`.`, `;name=`), by its name.
    path_prefixes: BTreeMap<String, String>,
}

impl<'p> Request<'p> {
    pub(super) fn new(pointer: &'p str, base: &str) -> Self {
        Request {
            pointer,
            base: base.to_string(),
            fields: Scope::new(),
            path_prefixes: BTreeMap::new(),
        }
    }
}

/// A request body that is a form.
pub(super) struct Form {
    kind: FormKind,
    /// Its properties, in order.
    properties: Vec<FormProperty>,
    /// The wire names of the required properties.
    required: Vec<String>,
    /// Whether the body may be left out whole (then each property is
    /// optional, and `required` holds only when the body is sent).
    optional: bool,
}

impl Form {
    /// The fields the form must have when it is sent, where the body is
    /// optional (a required body's required fields are required fields).
    pub(super) fn required_when_sent(&self) -> Vec<String> {
        match self.optional {
            true => self.required.clone(),
            false => Vec::new(),
        }
    }
}

struct FormProperty {
    wire: String,
    schema: v3::ReferenceOr<v3::Schema>,
    pointer: String,
    /// How an array value is written (its `encoding`).
    list: Result<ListFormat, &'static str>,
}

impl Lowering<'_> {
    /// The operation's own parameters (path, query, header and cookie), in order;
    /// a query parameter the path key fixes is left out.
    pub(super) fn parameters(
        &mut self,
        op: &v3::Operation,
        request: &mut Request<'_>,
        fixed_query: &[(String, String)],
    ) -> Vec<Param> {
        let mut params = Vec::new();
        for (i, p) in op.parameters.iter().enumerate() {
            let p_pointer = join(&join(request.pointer, "parameters"), i);
            let Some(p) = p.as_item() else { continue };
            let mut allow_empty = false;
            let mut shape = ParamShape::Text;
            // Headers are always `simple` (comma-separated); so are paths
            // unless `label` or `matrix`, and cookies.
            let (location, data, list) = match p {
                v3::Parameter::Query {
                    parameter_data,
                    allow_empty_value,
                    style,
                    ..
                } => {
                    allow_empty = allow_empty_value.unwrap_or(false);
                    let list = query_list(style, parameter_data.explode);
                    shape = match style {
                        v3::QueryStyle::DeepObject => ParamShape::Object { deep: true },
                        v3::QueryStyle::Form if parameter_data.explode.unwrap_or(true) => {
                            ParamShape::Object { deep: false }
                        }
                        _ => ParamShape::Text,
                    };
                    (Location::Query, parameter_data, list)
                }
                v3::Parameter::Header { parameter_data, .. } => {
                    (Location::Header, parameter_data, Ok(ListFormat::Csv))
                }
                v3::Parameter::Path {
                    parameter_data,
                    style,
                } => {
                    let explode = parameter_data.explode.unwrap_or(false);
                    let (prefix, list) = match style {
                        v3::PathStyle::Simple => (None, Ok(ListFormat::Csv)),
                        v3::PathStyle::Label if explode => (Some(".".into()), Ok(ListFormat::Dots)),
                        v3::PathStyle::Label => (Some(".".into()), Ok(ListFormat::Csv)),
                        v3::PathStyle::Matrix if explode => (
                            Some(format!(";{}=", parameter_data.name)),
                            Err("matrix (exploded)"),
                        ),
                        v3::PathStyle::Matrix => (
                            Some(format!(";{}=", parameter_data.name)),
                            Ok(ListFormat::Csv),
                        ),
                    };
                    if let Some(prefix) = prefix {
                        request
                            .path_prefixes
                            .insert(parameter_data.name.clone(), prefix);
                    }
                    (Location::Path, parameter_data, list)
                }
                // `form`, the only style of a cookie: a list is one
                // comma-separated value.
                v3::Parameter::Cookie { parameter_data, .. } => {
                    (Location::Cookie, parameter_data, Ok(ListFormat::Csv))
                }
            };
            let list = self.tabs(&p_pointer, list);
            if location == Location::Query && fixed_query.iter().any(|(k, _)| *k == data.name) {
                self.warn(
                    &p_pointer,
                    format!(
                        "query parameter `{}` is fixed by the path key; the parameter is ignored",
                        data.name
                    ),
                );
                continue;
            }
            let text = || {
                v3::ReferenceOr::Item(v3::Schema {
                    schema_data: Default::default(),
                    schema_kind: v3::SchemaKind::Type(v3::Type::String(Default::default())),
                })
            };
            let schema = match &data.format {
                v3::ParameterSchemaOrContent::Schema(schema) => schema.clone(),
                // A JSON value as the parameter's text; any other media
                // type is the text as it is.
                v3::ParameterSchemaOrContent::Content(content) => {
                    match content.iter().find(|(t, _)| is_json(t)) {
                        Some((_, media)) => {
                            shape = ParamShape::Json;
                            media.schema.clone().unwrap_or_else(|| {
                                v3::ReferenceOr::Item(v3::Schema {
                                    schema_data: Default::default(),
                                    schema_kind: v3::SchemaKind::Any(Default::default()),
                                })
                            })
                        }
                        None => text(),
                    }
                }
            };
            let param = self.param(
                &mut request.fields,
                &request.base,
                ParamSource {
                    wire: &data.name,
                    location,
                    required: data.required,
                    schema: &schema,
                    list,
                    shape,
                    doc: data.description.as_deref(),
                    pointer: &p_pointer,
                },
            );
            params.push(Param {
                allow_empty,
                ..param
            });
        }
        params
    }

    /// The path's segments; a template variable without a path parameter
    /// gets one (a required string).
    pub(super) fn path_segments(
        &mut self,
        path: &str,
        request: &mut Request<'_>,
        params: &mut Vec<Param>,
    ) -> Vec<Segment> {
        let mut segments = Vec::new();
        for raw in path.split('/').skip(1) {
            let Some((prefix, var, suffix)) = template(raw) else {
                if raw.contains(['{', '}']) {
                    self.warn(request.pointer, format!("path segment `{raw}` holds more than one template variable, which is not supported; matched literally"));
                }
                segments.push(Segment::Literal(raw.to_string()));
                continue;
            };
            let index = match params
                .iter()
                .position(|p| p.location == Location::Path && p.wire == var)
            {
                Some(index) => index,
                None => {
                    self.warn(request.pointer, format!("path template variable `{var}` has no path parameter; read as a required string"));
                    params.push(implied(&mut request.fields, var, Location::Path));
                    params.len() - 1
                }
            };
            // A `label` or `matrix` value starts with its own text.
            let style = request.path_prefixes.get(var).map_or("", String::as_str);
            segments.push(Segment::Param {
                index,
                prefix: format!("{prefix}{style}"),
                suffix: suffix.to_string(),
            });
        }
        segments
    }

    /// Query parameters written into the path key (`?page={page}`) that the
    /// operation does not declare become required strings.
    pub(super) fn query_templates(
        &mut self,
        templates: &[(String, String)],
        request: &mut Request<'_>,
        params: &mut Vec<Param>,
    ) {
        for (key, var) in templates {
            if !params
                .iter()
                .any(|p| p.location == Location::Query && p.wire == *key)
            {
                self.warn(request.pointer, format!("query template `{key}={{{var}}}` in the path has no query parameter; read as a required string `{key}`"));
                params.push(implied(&mut request.fields, key, Location::Query));
            }
        }
    }

    /// Leaves out the path parameters the path does not use, renumbering
    /// the segments' parameter indices.
    pub(super) fn used_path_params(
        &mut self,
        pointer: &str,
        params: Vec<Param>,
        segments: &mut [Segment],
    ) -> Vec<Param> {
        let used: BTreeSet<usize> = segments
            .iter()
            .filter_map(|s| match s {
                Segment::Param { index, .. } => Some(*index),
                Segment::Literal(_) => None,
            })
            .collect();
        let mut kept = Vec::new();
        let mut remap = BTreeMap::new();
        for (i, p) in params.into_iter().enumerate() {
            if p.location == Location::Path && !used.contains(&i) {
                let p_pointer = join(&join(pointer, "parameters"), i);
                self.warn(
                    &p_pointer,
                    format!(
                        "path parameter `{}` does not appear in the path; ignored",
                        p.wire
                    ),
                );
                continue;
            }
            remap.insert(i, kept.len());
            kept.push(p);
        }
        for s in segments {
            if let Segment::Param { index, .. } = s {
                *index = remap[index];
            }
        }
        kept
    }

    /// A request body that is a form: made of `formData` parameters, or
    /// offering no JSON but a form media type with an object schema.
    pub(super) fn form(&mut self, body: &v3::RequestBody, pointer: &str) -> Option<Form> {
        if body.content.keys().any(|t| is_json(t)) {
            return None;
        }
        let (media_type, media, kind) = body.content.iter().find_map(|(t, media)| {
            if is_media(t, "multipart/form-data") {
                Some((t, media, FormKind::Multipart))
            } else if is_media(t, "application/x-www-form-urlencoded") {
                Some((t, media, FormKind::UrlEncoded))
            } else {
                None
            }
        })?;
        let schema_pointer = join(&join(&join(pointer, "content"), media_type), "schema");
        let v3::ReferenceOr::Item(v3::Schema {
            schema_kind: v3::SchemaKind::Type(v3::Type::Object(object)),
            ..
        }) = media.schema.as_ref()?
        else {
            return None;
        };
        // What a part's `encoding` says beyond how a list is written.
        for (name, encoding) in &media.encoding {
            let at = join(
                &join(&join(&join(pointer, "content"), media_type), "encoding"),
                name,
            );
            let file = object
                .properties
                .get(name)
                .is_some_and(|p| super::params::is_binary(&p.clone().unbox()));
            if let Some(t) = &encoding.content_type
                && !file
                && !t.trim().eq_ignore_ascii_case("text/plain")
            {
                self.warn(
                    &join(&at, "contentType"),
                    format!("a part's content type `{t}` is not applied; the part is sent as text (a file part keeps the type its `FilePart` gives)"),
                );
            }
            if !encoding.headers.is_empty() {
                self.warn(
                    &join(&at, "headers"),
                    "a part's headers are not generated; ignored",
                );
            }
        }
        let properties = object
            .properties
            .iter()
            .map(|(name, schema)| FormProperty {
                wire: name.clone(),
                schema: schema.clone().unbox(),
                pointer: join(&join(&schema_pointer, "properties"), name),
                // Without an `encoding`, a form's array is one field per item.
                list: media.encoding.get(name).map_or(Ok(ListFormat::Multi), |e| {
                    query_list(
                        e.style.as_ref().unwrap_or(&v3::QueryStyle::Form),
                        Some(e.explode),
                    )
                }),
            })
            .collect();
        Some(Form {
            kind,
            properties,
            required: object.required.clone(),
            // An optional body may be left out whole, its required fields
            // with it. (A Swagger 2.0 form is required when any of its
            // fields is.)
            optional: !body.required,
        })
    }

    /// A form's properties, each a parameter of its own.
    pub(super) fn form_params(&mut self, form: &Form, request: &mut Request<'_>) -> Vec<Param> {
        let mut params = Vec::new();
        for property in &form.properties {
            let item = property.schema.as_item();
            let doc = item.and_then(|s| s.schema_data.description.clone());
            let list = self.tabs(&property.pointer, property.list);
            let param = self.param(
                &mut request.fields,
                &request.base,
                ParamSource {
                    wire: &property.wire,
                    location: Location::Form(form.kind),
                    required: !form.optional && form.required.contains(&property.wire),
                    schema: &property.schema,
                    list,
                    shape: ParamShape::Text,
                    doc: doc.as_deref(),
                    pointer: &property.pointer,
                },
            );
            let allow_empty = self.extras.allow_empty.contains(&property.pointer);
            params.push(Param {
                allow_empty,
                ..param
            });
        }
        params
    }

    /// An array the input writes with tabs (see `Extras`), whatever its
    /// OpenAPI 3 style says.
    fn tabs(
        &self,
        pointer: &str,
        list: Result<ListFormat, &'static str>,
    ) -> Result<ListFormat, &'static str> {
        if self.extras.tab_separated.contains(pointer) {
            Ok(ListFormat::Tsv)
        } else {
            list
        }
    }

    /// A request body that is not a form: one value, JSON or raw bytes.
    pub(super) fn request_body(
        &mut self,
        body: &v3::RequestBody,
        request: &mut Request<'_>,
    ) -> Body {
        let b_pointer = join(request.pointer, "requestBody");
        let (name, _) = request.fields.claim("body");
        let hint = format!("{}Body", request.base);
        let (ty, media) = self.content(&body.content, &hint, &b_pointer);
        let rules = match &media {
            Media::Json => (body.content.iter())
                .find(|(t, _)| crate::media::is_json(t))
                .and_then(|(_, m)| m.schema.as_ref())
                .map(|schema| self.rules(schema))
                .unwrap_or_default(),
            Media::Xml(xml) => (body.content.get(&xml.content_type))
                .and_then(|m| m.schema.as_ref())
                .map(|schema| self.rules(schema))
                .unwrap_or_default(),
            Media::Raw(_) => Rules::default(),
        };
        Body {
            name,
            // Without a schema: free-form JSON, or the bytes of another type.
            ty: ty.unwrap_or(match media {
                Media::Json | Media::Xml(_) => Ty::Json,
                Media::Raw(_) => Ty::Bytes,
            }),
            required: body.required,
            media,
            accepts: body.content.keys().cloned().collect(),
            rules,
            doc: body.description.clone(),
        }
    }
}

/// A parameter the path key implies but the operation does not declare: a
/// required string.
fn implied(fields: &mut Scope, wire: &str, location: Location) -> Param {
    let (name, _) = fields.claim(&names::snake(wire, "param"));
    Param {
        name,
        wire: wire.to_string(),
        location,
        shape: ParamShape::Text,
        required: true,
        ty: Ty::String,
        list: None,
        rules: Rules::default(),
        default: None,
        allow_empty: false,
        doc: None,
    }
}

/// Splits a path segment holding one template variable into the text
/// before it, its name and the text after it.
fn template(segment: &str) -> Option<(&str, &str, &str)> {
    let open = segment.find('{')?;
    let close = open + segment[open..].find('}')?;
    let (prefix, var, suffix) = (
        &segment[..open],
        &segment[open + 1..close],
        &segment[close + 1..],
    );
    (!var.is_empty()
        && !prefix.contains(['{', '}'])
        && !suffix.contains(['{', '}'])
        && !var.contains('{'))
    .then_some((prefix, var, suffix))
}
