//! Stage 4: the model every emitter reads.
//!
//! `$ref`s are resolved, every type and operation is named exactly once, every
//! Rust identifier is decided (with the wire name kept beside it), recursion is
//! found and boxed only where a cycle needs it, and operations are grouped into
//! server routes. Problems are reported here, at the user's original location.

use crate::diagnostic::{Reporter, join};
use crate::names::{self, Scope};
use crate::upgrade::{COLLECTION_FORMAT, FORM_DATA, Origins, is_media};
use indexmap::IndexMap;
use openapiv3 as v3;
use std::collections::{BTreeMap, BTreeSet};

/// One document, ready to emit.
#[derive(Debug)]
pub struct Api {
    pub title: String,
    pub description: Option<String>,
    pub version: String,
    /// `scheme://host` from the document, when it names a host (without the
    /// base path, which is part of every operation's path).
    pub default_base_url: Option<String>,
    pub types: Vec<TypeDef>,
    pub operations: Vec<Operation>,
    pub routes: Vec<Route>,
    /// The document's security schemes, in its order.
    pub schemes: Vec<Scheme>,
}

impl Api {
    fn params(&self) -> impl Iterator<Item = &Param> {
        self.operations.iter().flat_map(|op| &op.params)
    }

    /// Whether some operation takes a form of this kind (`None`: of any kind).
    pub fn has_form(&self, kind: Option<FormKind>) -> bool {
        self.params().any(|p| match p.location {
            Location::Form(k) => kind.is_none_or(|kind| k == kind),
            _ => false,
        })
    }

    /// Whether some operation takes a file (`FilePart`).
    pub fn has_files(&self) -> bool {
        self.params().any(|p| p.ty == Ty::File)
    }

    /// Whether some type, parameter, body or response header mentions a
    /// type for which `found` holds (looking inside lists, maps and boxes).
    pub fn mentions(&self, found: impl Fn(&Ty) -> bool) -> bool {
        fn walk(ty: &Ty, found: &dyn Fn(&Ty) -> bool) -> bool {
            found(ty)
                || match ty {
                    Ty::Vec(inner) | Ty::Map(inner) | Ty::Boxed(inner) => walk(inner, found),
                    _ => false,
                }
        }
        let found: &dyn Fn(&Ty) -> bool = &found;
        let in_types = self.types.iter().any(|t| match &t.kind {
            TypeKind::Struct(fields) => fields.iter().any(|f| walk(&f.ty, found)),
            TypeKind::Alias(ty) | TypeKind::Newtype(ty) => walk(ty, found),
            TypeKind::Tagged { variants, .. } => variants.iter().any(|v| walk(&v.ty, found)),
            TypeKind::Enum(_) => false,
        });
        in_types
            || self.operations.iter().any(|op| {
                op.params.iter().any(|p| walk(&p.ty, found))
                    || op.body.as_ref().is_some_and(|b| walk(&b.ty, found))
                    || op.responses.iter().any(|c| {
                        c.body.as_ref().is_some_and(|(ty, _)| walk(ty, found))
                            || c.headers.iter().any(|h| walk(&h.ty, found))
                    })
            })
    }

    /// Whether the server checks some `pattern`: of a parameter, or of a
    /// field of a type (response headers are not checked).
    pub fn has_patterns(&self) -> bool {
        fn any(r: &Rules) -> bool {
            r.pattern.is_some() || r.items.as_deref().is_some_and(any)
        }
        self.params().any(|p| any(&p.rules))
            || self.types.iter().any(|t| match &t.kind {
                TypeKind::Struct(fields) => fields.iter().any(|f| any(&f.rules)),
                _ => false,
            })
    }

    /// Whether some response documents headers.
    pub fn has_response_headers(&self) -> bool {
        self.operations
            .iter()
            .any(|op| op.responses.iter().any(|c| !c.headers.is_empty()))
    }
}

/// A security scheme: a field of the generated `Credentials`.
#[derive(Debug)]
pub struct Scheme {
    /// The name in `securityDefinitions`.
    pub key: String,
    /// The field of `Credentials`.
    pub field: String,
    pub kind: SchemeKind,
    pub doc: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SchemeKind {
    /// An API key in the header of this name.
    HeaderKey(String),
    /// An API key in the query parameter of this name.
    QueryKey(String),
    /// HTTP basic authentication.
    Basic,
    /// A token sent as `Authorization: Bearer` (OAuth 2).
    Bearer,
}

#[derive(Debug)]
pub struct TypeDef {
    pub name: String,
    /// Where the type is defined in the user's document.
    pub pointer: String,
    pub doc: Option<String>,
    pub kind: TypeKind,
}

#[derive(Debug)]
pub enum TypeKind {
    Struct(Vec<Field>),
    /// A string enum; unknown values are kept in an `Unknown(String)` variant.
    Enum(Vec<Variant>),
    Alias(Ty),
    /// A one-field struct standing for a type alias that refers to itself
    /// (`A: {type: array, items: {$ref: A}}`), which Rust aliases cannot.
    Newtype(Ty),
    /// A `discriminator` base: one variant per definition that extends it
    /// (through `allOf`), chosen by the value of the `tag` property, and
    /// `other`, the base's own struct, for any other value.
    Tagged {
        /// The discriminator property (its wire name).
        tag: String,
        variants: Vec<TaggedVariant>,
        /// The struct of the base's own fields.
        other: String,
    },
}

/// A subtype of a `discriminator` base.
#[derive(Debug)]
pub struct TaggedVariant {
    pub name: String,
    /// The tag value that selects it: the subtype's definition name, or its
    /// `x-discriminator-value`.
    pub wire: String,
    pub ty: Ty,
}

/// A parameter's `default` as the text it would arrive as: a scalar is one
/// text, an array one per item; anything else is not a usable default.
fn default_texts(value: &serde_json::Value) -> Option<Vec<String>> {
    fn text(value: &serde_json::Value) -> Option<String> {
        match value {
            serde_json::Value::String(s) => Some(s.clone()),
            serde_json::Value::Number(n) => Some(n.to_string()),
            serde_json::Value::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }
    match value {
        serde_json::Value::Array(items) => items.iter().map(text).collect(),
        scalar => text(scalar).map(|t| vec![t]),
    }
}

/// Whether every text of a default parses as the (item) type.
fn default_fits(texts: &[String], ty: &Ty) -> bool {
    texts.iter().all(|t| match ty {
        Ty::I32 => t.parse::<i32>().is_ok(),
        Ty::I64 => t.parse::<i64>().is_ok(),
        Ty::F32 | Ty::F64 => t.parse::<f64>().is_ok(),
        Ty::Bool => t == "true" || t == "false",
        Ty::DateTime => is_date_time(t),
        Ty::Date => is_date(t),
        Ty::Uuid => is_uuid(t),
        Ty::Base64 => is_base64(t),
        _ => true,
    })
}

/// The type of a `string` schema: its format's, where Rust has one.
/// `binary` inside JSON can only be text, so it stays a `String`; a binary
/// body or file part is raw bytes, decided where bodies and forms are read.
pub(crate) fn string_ty(s: &v3::StringType) -> Ty {
    match &s.format {
        v3::VariantOrUnknownOrEmpty::Item(v3::StringFormat::DateTime) => Ty::DateTime,
        v3::VariantOrUnknownOrEmpty::Item(v3::StringFormat::Date) => Ty::Date,
        v3::VariantOrUnknownOrEmpty::Item(v3::StringFormat::Byte) => Ty::Base64,
        v3::VariantOrUnknownOrEmpty::Unknown(f) if f.eq_ignore_ascii_case("uuid") => Ty::Uuid,
        _ => Ty::String,
    }
}

/// `2024-02-29`: RFC 3339's `full-date` (the calendar is the parser's).
fn is_date(t: &str) -> bool {
    let b = t.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        })
}

/// `2024-02-29T12:00:00Z`, with optional fractional seconds and an offset:
/// RFC 3339's `date-time`.
fn is_date_time(t: &str) -> bool {
    let Some((date, time)) = t.split_once(['T', 't']) else {
        return false;
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit());
    let (clock, offset) = match time.find(['Z', 'z', '+', '-']) {
        Some(i) => time.split_at(i),
        None => return false,
    };
    let clock = match clock.split_once('.') {
        Some((clock, fraction)) if digits(fraction) => clock,
        Some(_) => return false,
        None => clock,
    };
    let hms: Vec<&str> = clock.split(':').collect();
    let offset_ok = matches!(offset, "Z" | "z")
        || offset[1..]
            .split_once(':')
            .is_some_and(|(h, m)| h.len() == 2 && m.len() == 2 && digits(h) && digits(m));
    is_date(date) && hms.len() == 3 && hms.iter().all(|p| p.len() == 2 && digits(p)) && offset_ok
}

/// `123e4567-e89b-12d3-a456-426614174000`.
fn is_uuid(t: &str) -> bool {
    let b = t.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}

/// Standard or URL-safe base64, padded or not.
fn is_base64(t: &str) -> bool {
    let data = t.trim_end_matches('=');
    t.len() - data.len() <= 2
        && data.len() % 4 != 1
        && data
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || b"+/-_".contains(&c))
}

/// A `pattern` (ECMA-262, unanchored) in the syntax of regex-lite, which the
/// generated server matches with. Most patterns are the same in both; a
/// JavaScript literal `/body/flags`, which some documents write, becomes its
/// body with the flags `i`, `m` and `s` inline. The error says why regex-lite
/// cannot compile it (lookaround and backreferences, mostly).
pub(crate) fn pattern(text: &str) -> Result<String, String> {
    let literal = text.strip_prefix('/').and_then(|rest| {
        let (body, flags) = rest.rsplit_once('/')?;
        let flagged =
            !body.is_empty() && !flags.is_empty() && flags.chars().all(|c| "gimsuy".contains(c));
        flagged.then_some((body, flags))
    });
    let translated = match literal {
        Some((body, flags)) => {
            let inline: String = flags.chars().filter(|c| "ims".contains(*c)).collect();
            if inline.is_empty() {
                body.to_string()
            } else {
                format!("(?{inline}){body}")
            }
        }
        None => text.to_string(),
    };
    match regex_lite::Regex::new(&translated) {
        Ok(_) => Ok(translated),
        Err(e) => Err(e
            .to_string()
            .lines()
            .map(str::trim)
            .rfind(|l| !l.is_empty())
            .unwrap_or("not a regular expression")
            .to_string()),
    }
}

/// What the document asks of a value beyond its type (Swagger 2.0's
/// validation keywords); the server checks them, the client does not.
/// A string `enum` is not here: string enums are types of their own.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rules {
    /// The bound, and whether it is exclusive.
    pub minimum: Option<(f64, bool)>,
    pub maximum: Option<(f64, bool)>,
    pub min_length: Option<usize>,
    pub max_length: Option<usize>,
    pub min_items: Option<usize>,
    pub max_items: Option<usize>,
    pub unique_items: bool,
    /// A string's `pattern`, in regex-lite's syntax; absent when regex-lite
    /// cannot compile it (see `pattern`).
    pub pattern: Option<String>,
    /// The values a numeric `enum` lists (string enums are types of their
    /// own; a number's enum is a rule on a plain number).
    pub one_of: Vec<f64>,
    /// The rules of an array's items.
    pub items: Option<Box<Rules>>,
}

impl Rules {
    pub fn is_empty(&self) -> bool {
        *self == Rules::default()
    }

    /// The rules of an inline schema; a `$ref`'d definition checks its own.
    pub fn of(schema: &v3::ReferenceOr<v3::Schema>) -> Rules {
        let v3::ReferenceOr::Item(schema) = schema else {
            return Rules::default();
        };
        let mut rules = Rules::default();
        match &schema.schema_kind {
            // The lengths of a date or a UUID are fixed by its format, and a
            // base64 text's length is not its value's.
            v3::SchemaKind::Type(v3::Type::String(t)) if string_ty(t) == Ty::String => {
                rules.min_length = t.min_length.filter(|&n| n > 0);
                rules.max_length = t.max_length;
                rules.pattern = t.pattern.as_deref().and_then(|p| pattern(p).ok());
            }
            v3::SchemaKind::Type(v3::Type::Integer(t)) => {
                rules.minimum = t.minimum.map(|m| (m as f64, t.exclusive_minimum));
                rules.maximum = t.maximum.map(|m| (m as f64, t.exclusive_maximum));
                rules.one_of = t.enumeration.iter().flatten().map(|&v| v as f64).collect();
            }
            v3::SchemaKind::Type(v3::Type::Number(t)) => {
                rules.one_of = t
                    .enumeration
                    .iter()
                    .flatten()
                    .copied()
                    .filter(|v| v.is_finite())
                    .collect();
                rules.minimum = t
                    .minimum
                    .filter(|m| m.is_finite())
                    .map(|m| (m, t.exclusive_minimum));
                rules.maximum = t
                    .maximum
                    .filter(|m| m.is_finite())
                    .map(|m| (m, t.exclusive_maximum));
            }
            v3::SchemaKind::Type(v3::Type::Array(t)) => {
                rules.min_items = t.min_items.filter(|&n| n > 0);
                rules.max_items = t.max_items;
                rules.unique_items = t.unique_items;
                if let Some(items) = &t.items {
                    let items = Rules::of(&items.clone().unbox());
                    if !items.is_empty() {
                        rules.items = Some(Box::new(items));
                    }
                }
            }
            _ => {}
        }
        rules
    }
}

#[derive(Debug)]
pub struct Field {
    pub name: String,
    pub wire: String,
    pub ty: Ty,
    pub required: bool,
    /// `x-nullable`: `null` is a value the document allows here.
    pub nullable: bool,
    pub rules: Rules,
    pub doc: Option<String>,
}

#[derive(Debug)]
pub struct Variant {
    pub name: String,
    pub wire: String,
}

/// A Rust type, named by the model and spelled by the emitters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ty {
    String,
    I32,
    I64,
    F32,
    F64,
    Bool,
    /// `format: date-time`: `chrono::DateTime<chrono::Utc>`, RFC 3339 text.
    DateTime,
    /// `format: date`: `chrono::NaiveDate`, `2024-02-29`.
    Date,
    /// `format: uuid`: `uuid::Uuid`.
    Uuid,
    /// `format: byte`: base64 text, as the generated `Base64` bytes.
    Base64,
    /// Free-form JSON.
    Json,
    /// Raw bytes (a non-JSON body).
    Bytes,
    /// A file part of a multipart form: bytes with a file name and type.
    File,
    /// A type of `types`, by its Rust name.
    Named(String),
    Vec(Box<Ty>),
    Map(Box<Ty>),
    Boxed(Box<Ty>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Method {
    Get,
    Put,
    Post,
    Delete,
    Options,
    Head,
    Patch,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Put => "PUT",
            Method::Post => "POST",
            Method::Delete => "DELETE",
            Method::Options => "OPTIONS",
            Method::Head => "HEAD",
            Method::Patch => "PATCH",
        }
    }
}

#[derive(Debug)]
pub struct Operation {
    /// The operationId as written (or as derived, when the document has none).
    pub id: String,
    /// Where the operation is in the user's document.
    pub pointer: String,
    /// The client and server method name.
    pub fn_name: String,
    pub request: String,
    pub response: String,
    pub method: Method,
    /// The path with the base path, without the query string.
    pub path: String,
    pub segments: Vec<Segment>,
    /// Fixed query pairs from the path key (`/?Action=AcknowledgeJob`).
    pub fixed_query: Vec<(String, String)>,
    pub doc: Option<String>,
    pub params: Vec<Param>,
    pub body: Option<Body>,
    pub responses: Vec<Case>,
    /// Whether the operation answers with JSON (the client sends `Accept`).
    pub produces_json: bool,
    /// The credentials it takes: alternatives, each the schemes (indices of
    /// `Api::schemes`) needed together; an empty alternative admits anyone.
    /// Empty when the operation has no security.
    pub security: Vec<Vec<usize>>,
}

impl Operation {
    /// The schemes any alternative of the operation's security names.
    pub fn schemes(&self) -> BTreeSet<usize> {
        self.security.iter().flatten().copied().collect()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    Literal(String),
    /// A parameter (index into `params`), with the literal text around it in
    /// the same segment (`{id}.json` has the suffix `.json`).
    Param {
        index: usize,
        prefix: String,
        suffix: String,
    },
}

/// What tells an operation's requests apart from the other operations on the
/// same route.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Discriminant {
    /// A fixed query pair from the path key.
    Query(String, String),
    /// A path segment (by route parameter position) with literal text around the value.
    Affix {
        position: usize,
        prefix: String,
        suffix: String,
    },
}

impl Operation {
    pub fn discriminants(&self) -> Vec<Discriminant> {
        let mut out: Vec<Discriminant> = self
            .fixed_query
            .iter()
            .map(|(k, v)| Discriminant::Query(k.clone(), v.clone()))
            .collect();
        for (position, (_, prefix, suffix)) in self.path_params().enumerate() {
            if !prefix.is_empty() || !suffix.is_empty() {
                out.push(Discriminant::Affix {
                    position,
                    prefix: prefix.to_string(),
                    suffix: suffix.to_string(),
                });
            }
        }
        out
    }

    /// The path parameters in path order: index into `params`, prefix, suffix.
    pub fn path_params(&self) -> impl Iterator<Item = (usize, &str, &str)> {
        self.segments.iter().filter_map(|s| match s {
            Segment::Param {
                index,
                prefix,
                suffix,
            } => Some((*index, prefix.as_str(), suffix.as_str())),
            Segment::Literal(_) => None,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    Path,
    Query,
    Header,
    /// A part of a form body (Swagger's `formData`).
    Form(FormKind),
}

/// How a form body travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKind {
    /// `application/x-www-form-urlencoded`: `name=value` pairs.
    UrlEncoded,
    /// `multipart/form-data`: one part per value, files with their names.
    Multipart,
}

impl Location {
    pub fn as_str(self) -> &'static str {
        match self {
            Location::Path => "path",
            Location::Query => "query",
            Location::Header => "header",
            Location::Form(_) => "form",
        }
    }
}

/// How an array parameter is written (Swagger's `collectionFormat`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListFormat {
    Csv,
    Ssv,
    Tsv,
    Pipes,
    /// One `name=value` pair per item (query only).
    Multi,
}

impl ListFormat {
    pub fn separator(self) -> char {
        match self {
            ListFormat::Csv | ListFormat::Multi => ',',
            ListFormat::Ssv => ' ',
            ListFormat::Tsv => '\t',
            ListFormat::Pipes => '|',
        }
    }
}

#[derive(Debug)]
pub struct Param {
    pub name: String,
    pub wire: String,
    pub location: Location,
    pub required: bool,
    /// The value type; for arrays, the item type (see `list`).
    pub ty: Ty,
    pub list: Option<ListFormat>,
    /// For an array, its own rules with its items' under `items`.
    pub rules: Rules,
    /// What the server uses when an optional parameter is absent, as the
    /// text (for an array, the items' texts) it would have arrived as.
    pub default: Option<Vec<String>>,
    /// `allowEmptyValue`: an empty value (`?cursor=`) is the parameter sent
    /// without a value, which the server reads as absent unless the type is
    /// a string (then it is the empty string).
    pub allow_empty: bool,
    pub doc: Option<String>,
}

#[derive(Debug)]
pub struct Body {
    pub name: String,
    pub ty: Ty,
    pub required: bool,
    pub media: Media,
    pub doc: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Media {
    Json,
    /// Bytes sent and received as they are, with this content type.
    Raw(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Code(u16),
    /// `2XX`: the leading digit.
    Range(u16),
    Default,
}

/// One documented response of an operation: a variant of its response enum.
#[derive(Debug)]
pub struct Case {
    pub status: Status,
    pub variant: String,
    pub body: Option<(Ty, Media)>,
    /// Documented response headers (never required: Swagger 2.0 cannot say
    /// so); a header's `default` is not applied.
    pub headers: Vec<Param>,
    pub doc: Option<String>,
}

/// One server route: a path and method, served by one or more operations
/// told apart by fixed query pairs (operations without fixed pairs come last).
#[derive(Debug)]
pub struct Route {
    /// The path in axum's syntax, parameters named `p0`, `p1`, ...
    pub path: String,
    pub method: Method,
    pub operations: Vec<usize>,
}

pub(crate) fn build(api: &v3::OpenAPI, origins: &Origins, reporter: &mut Reporter) -> Api {
    let mut builder = Builder {
        api,
        origins,
        reporter,
        types: Vec::new(),
        type_scope: Scope::new(),
        definitions: IndexMap::new(),
        schemes: Vec::new(),
    };
    builder.definitions();
    builder.schemes();
    let operations = builder.operations();
    let routes = builder.routes(&operations);
    builder.break_alias_cycles();
    builder.box_cycles();
    let base = api.servers.first().map(|s| s.url.as_str()).unwrap_or("");
    Api {
        title: api.info.title.clone(),
        description: api.info.description.clone(),
        version: api.info.version.clone(),
        // The server's root: operation paths already carry the base path.
        default_base_url: base.split_once("://").map(|(scheme, rest)| {
            let host = rest.split('/').next().unwrap_or(rest);
            format!("{scheme}://{host}")
        }),
        types: builder.types,
        operations,
        routes,
        schemes: builder.schemes,
    }
}

struct Builder<'a> {
    api: &'a v3::OpenAPI,
    origins: &'a Origins,
    reporter: &'a mut Reporter,
    types: Vec<TypeDef>,
    type_scope: Scope,
    /// Definition name (wire) to Rust type name.
    definitions: IndexMap<String, String>,
    schemes: Vec<Scheme>,
}

impl<'a> Builder<'a> {
    fn warn(&mut self, pointer: &str, message: impl Into<String>) {
        let original = self.origins.original(pointer);
        self.reporter.warn(original, message);
    }

    fn schemas(&self) -> Option<&'a IndexMap<String, v3::ReferenceOr<v3::Schema>>> {
        let api: &'a v3::OpenAPI = self.api;
        api.components.as_ref().map(|c| &c.schemas)
    }

    fn schemes(&mut self) {
        let Some(components) = &self.api.components else {
            return;
        };
        let mut scope = Scope::new();
        for (key, scheme) in &components.security_schemes {
            let Some(scheme) = scheme.as_item() else {
                continue;
            };
            let (kind, doc) = match scheme {
                v3::SecurityScheme::APIKey {
                    location: v3::APIKeyLocation::Header,
                    name,
                    description,
                    ..
                } => (SchemeKind::HeaderKey(name.clone()), description),
                v3::SecurityScheme::APIKey {
                    location: v3::APIKeyLocation::Query,
                    name,
                    description,
                    ..
                } => (SchemeKind::QueryKey(name.clone()), description),
                v3::SecurityScheme::HTTP {
                    scheme,
                    description,
                    ..
                } if scheme.eq_ignore_ascii_case("basic") => (SchemeKind::Basic, description),
                v3::SecurityScheme::HTTP {
                    scheme,
                    description,
                    ..
                } if scheme.eq_ignore_ascii_case("bearer") => (SchemeKind::Bearer, description),
                v3::SecurityScheme::OAuth2 { description, .. } => (SchemeKind::Bearer, description),
                _ => {
                    self.warn(
                        &join("#/components/securitySchemes", key),
                        "a security scheme that is not supported; ignored",
                    );
                    continue;
                }
            };
            let (field, _) = scope.claim(&names::snake(key, "scheme"));
            self.schemes.push(Scheme {
                key: key.clone(),
                field,
                kind,
                doc: doc.clone(),
            });
        }
    }

    /// An operation's security: alternatives, each the schemes (indices into
    /// `schemes`) it needs together. Empty when the operation needs none.
    fn security(
        &mut self,
        requirements: Option<&Vec<v3::SecurityRequirement>>,
        pointer: &str,
    ) -> Vec<Vec<usize>> {
        let Some(requirements) = requirements else {
            return Vec::new();
        };
        let mut alternatives = Vec::new();
        for (i, requirement) in requirements.iter().enumerate() {
            let mut alternative = Vec::new();
            let mut known = true;
            for name in requirement.keys() {
                match self.schemes.iter().position(|s| s.key == *name) {
                    Some(index) => alternative.push(index),
                    None => {
                        self.warn(
                            &join(&join(pointer, i), name),
                            format!("security scheme `{name}` is not defined (or not supported); this requirement is ignored"),
                        );
                        known = false;
                    }
                }
            }
            if known {
                alternatives.push(alternative);
            }
        }
        alternatives
    }

    fn definitions(&mut self) {
        let Some(schemas) = self.schemas() else {
            return;
        };
        let names: Vec<String> = schemas.keys().cloned().collect();
        for wire in &names {
            let wanted = names::pascal(wire, "Unnamed");
            let (name, renamed) = self.type_scope.claim(&wanted);
            if renamed {
                let pointer = join("#/components/schemas", wire);
                self.warn(&pointer, format!("the type name `{wanted}` is taken by another definition; this one is named `{name}`"));
            }
            self.definitions.insert(wire.clone(), name);
        }
        let subtypes = self.subtypes();
        // A base's own fields get a struct of their own; its name is the
        // tagged enum's.
        let mut own_structs = BTreeMap::new();
        for base in subtypes.keys() {
            let (own, _) = self
                .type_scope
                .claim(&format!("{}Base", self.definitions[base]));
            own_structs.insert(base.clone(), own);
        }
        for wire in &names {
            let pointer = join("#/components/schemas", wire);
            let name = self.definitions[wire].clone();
            let Some(schema) = self.schemas().and_then(|s| s.get(wire)) else {
                continue;
            };
            if let (Some(subs), Some(own), v3::ReferenceOr::Item(item)) =
                (subtypes.get(wire), own_structs.get(wire), schema)
            {
                self.define_tagged(&name, own, item, subs, &pointer);
                continue;
            }
            match &schema {
                v3::ReferenceOr::Item(item) if self.defines_type(item) => {
                    self.define(&name, item, &pointer)
                }
                _ => {
                    let ty = self.ty(schema, &name, &pointer);
                    let doc = schema
                        .as_item()
                        .and_then(|s| s.schema_data.description.clone());
                    self.types.push(TypeDef {
                        name,
                        pointer: self.origins.original(&pointer),
                        doc,
                        kind: TypeKind::Alias(ty),
                    });
                }
            }
        }
    }

    /// Warns about each `pattern` of an inline schema (or its items) that
    /// the server cannot check.
    fn warn_patterns(&mut self, schema: &v3::ReferenceOr<v3::Schema>, pointer: &str) {
        let v3::ReferenceOr::Item(schema) = schema else {
            return;
        };
        match &schema.schema_kind {
            v3::SchemaKind::Type(v3::Type::String(t)) if string_ty(t) == Ty::String => {
                if let Some(text) = &t.pattern
                    && let Err(why) = pattern(text)
                {
                    self.warn(
                        &join(pointer, "pattern"),
                        format!("the pattern `{text}` is not one the server can check ({why}); not checked"),
                    );
                }
            }
            v3::SchemaKind::Type(v3::Type::Array(a)) => {
                if let Some(items) = &a.items {
                    self.warn_patterns(&items.clone().unbox(), &join(pointer, "items"));
                }
            }
            _ => {}
        }
    }

    /// The definitions with a `discriminator` that others extend, each with
    /// its subtypes in document order: every definition whose `allOf` names
    /// it, directly or through another subtype.
    fn subtypes(&self) -> IndexMap<String, Vec<String>> {
        let Some(schemas) = self.schemas() else {
            return IndexMap::new();
        };
        // Each definition's parents: the definitions its `allOf` refers to.
        let parents: IndexMap<&str, Vec<String>> = schemas
            .iter()
            .map(|(wire, schema)| {
                let refs = match schema {
                    v3::ReferenceOr::Item(v3::Schema {
                        schema_kind: v3::SchemaKind::AllOf { all_of },
                        ..
                    }) => all_of
                        .iter()
                        .filter_map(|member| match member {
                            v3::ReferenceOr::Reference { reference } => reference
                                .strip_prefix("#/components/schemas/")
                                .map(|n| n.replace("~1", "/").replace("~0", "~")),
                            v3::ReferenceOr::Item(_) => None,
                        })
                        .collect(),
                    _ => Vec::new(),
                };
                (wire.as_str(), refs)
            })
            .collect();
        let extends = |sub: &str, base: &str| {
            let mut seen = BTreeSet::new();
            let mut stack = vec![sub.to_string()];
            while let Some(next) = stack.pop() {
                for parent in parents.get(next.as_str()).into_iter().flatten() {
                    if parent == base {
                        return true;
                    }
                    if seen.insert(parent.clone()) {
                        stack.push(parent.clone());
                    }
                }
            }
            false
        };
        let mut out = IndexMap::new();
        for (base, schema) in schemas {
            let v3::ReferenceOr::Item(item) = schema else {
                continue;
            };
            if item.schema_data.discriminator.is_none() || !self.defines_type(item) {
                continue;
            }
            let subs: Vec<String> = schemas
                .keys()
                .filter(|sub| *sub != base && extends(sub, base))
                .cloned()
                .collect();
            if !subs.is_empty() {
                out.insert(base.clone(), subs);
            }
        }
        out
    }

    /// A `discriminator` base: its own fields as the struct `own`, and under
    /// `name` an enum over its subtypes told apart by the tag property.
    fn define_tagged(
        &mut self,
        name: &str,
        own: &str,
        schema: &v3::Schema,
        subs: &[String],
        pointer: &str,
    ) {
        let tag = schema
            .schema_data
            .discriminator
            .as_ref()
            .map(|d| d.property_name.clone())
            .unwrap_or_default();
        self.define(own, schema, pointer);
        if let Some(def) = self.types.iter_mut().rev().find(|t| t.name == own) {
            def.doc = Some(format!(
                "The fields of `{name}` itself, which every subtype has: \
                 `{name}::Other` holds them for a `{tag}` no subtype claims."
            ));
        }
        let mut scope = Scope::new();
        scope.reserve("Other");
        let mut variants = Vec::new();
        let mut seen = BTreeSet::new();
        for sub in subs {
            let sub_schema = self
                .schemas()
                .and_then(|s| s.get(sub))
                .and_then(|s| s.as_item());
            let wire = sub_schema
                .and_then(|s| s.schema_data.extensions.get("x-discriminator-value"))
                .and_then(|v| v.as_str())
                .unwrap_or(sub)
                .to_string();
            if !seen.insert(wire.clone()) {
                self.warn(
                    &join("#/components/schemas", sub),
                    format!("another subtype of `{name}` already has the `{tag}` value `{wire}`; this one is never chosen"),
                );
                continue;
            }
            let ty = Ty::Named(self.definitions[sub].clone());
            let (variant, _) = scope.claim(&names::variant(&self.definitions[sub]));
            variants.push(TaggedVariant {
                name: variant,
                wire,
                ty,
            });
        }
        let doc = schema
            .schema_data
            .description
            .clone()
            .or_else(|| schema.schema_data.title.clone());
        self.types.push(TypeDef {
            name: name.to_string(),
            pointer: self.origins.original(pointer),
            doc,
            kind: TypeKind::Tagged {
                tag,
                variants,
                other: own.to_string(),
            },
        });
    }

    /// Whether a schema becomes a struct or enum of its own (as opposed to an
    /// alias of or a use of another type).
    fn defines_type(&self, schema: &v3::Schema) -> bool {
        match &schema.schema_kind {
            v3::SchemaKind::Type(v3::Type::Object(o)) => !o.properties.is_empty(),
            v3::SchemaKind::Type(v3::Type::String(s)) => s.enumeration.iter().any(Option::is_some),
            v3::SchemaKind::AllOf { .. } => true,
            _ => false,
        }
    }

    /// Emits the struct or enum for `schema` under `name`.
    fn define(&mut self, name: &str, schema: &v3::Schema, pointer: &str) {
        let doc = schema
            .schema_data
            .description
            .clone()
            .or_else(|| schema.schema_data.title.clone());
        let kind = match &schema.schema_kind {
            v3::SchemaKind::Type(v3::Type::String(s)) => {
                let mut scope = Scope::new();
                scope.reserve("Unknown");
                let mut variants = Vec::new();
                let mut seen = BTreeSet::new();
                for wire in s.enumeration.iter().flatten() {
                    if !seen.insert(wire.clone()) {
                        continue;
                    }
                    let (variant, _) = scope.claim(&names::variant(wire));
                    variants.push(Variant {
                        name: variant,
                        wire: wire.clone(),
                    });
                }
                TypeKind::Enum(variants)
            }
            v3::SchemaKind::AllOf { all_of } => {
                let mut fields = Vec::new();
                let mut scope = Scope::new();
                let mut seen = BTreeSet::new();
                for (i, member) in all_of.iter().enumerate() {
                    let member_pointer = join(&join(pointer, "allOf"), i);
                    self.merge_fields(
                        name,
                        member,
                        &member_pointer,
                        &mut fields,
                        &mut scope,
                        &mut seen,
                        0,
                    );
                }
                TypeKind::Struct(fields)
            }
            v3::SchemaKind::Type(v3::Type::Object(object)) => {
                let mut scope = Scope::new();
                let fields = self.fields(name, object, pointer, &mut scope, &mut BTreeSet::new());
                TypeKind::Struct(fields)
            }
            _ => TypeKind::Alias(Ty::Json),
        };
        self.types.push(TypeDef {
            name: name.to_string(),
            pointer: self.origins.original(pointer),
            doc,
            kind,
        });
    }

    #[allow(clippy::too_many_arguments)]
    fn merge_fields(
        &mut self,
        owner: &str,
        member: &v3::ReferenceOr<v3::Schema>,
        pointer: &str,
        fields: &mut Vec<Field>,
        scope: &mut Scope,
        seen: &mut BTreeSet<String>,
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
                if !seen.insert(format!("$ref {reference}")) =>
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
                let more = self.fields(owner, object, &pointer, scope, seen);
                fields.extend(more);
            }
            v3::SchemaKind::AllOf { all_of } => {
                for (i, inner) in all_of.iter().enumerate() {
                    let inner_pointer = join(&join(&pointer, "allOf"), i);
                    self.merge_fields(owner, inner, &inner_pointer, fields, scope, seen, depth + 1);
                }
            }
            v3::SchemaKind::Any(_) => {}
            _ => self.warn(
                &pointer,
                "an `allOf` member that is not an object; its constraints are ignored",
            ),
        }
    }

    fn lookup(&self, reference: &str) -> Option<(v3::Schema, String)> {
        let name = reference.strip_prefix("#/components/schemas/")?;
        let name = name.replace("~1", "/").replace("~0", "~");
        let mut seen = 0;
        let mut current = self.schemas()?.get(&name)?;
        let mut pointer = join("#/components/schemas", &name);
        loop {
            match current {
                v3::ReferenceOr::Item(schema) => return Some((schema.clone(), pointer)),
                v3::ReferenceOr::Reference { reference } => {
                    seen += 1;
                    if seen > 64 {
                        return None;
                    }
                    let next = reference
                        .strip_prefix("#/components/schemas/")?
                        .replace("~1", "/")
                        .replace("~0", "~");
                    pointer = join("#/components/schemas", &next);
                    current = self.schemas()?.get(&next)?;
                }
            }
        }
    }

    fn fields(
        &mut self,
        owner: &str,
        object: &v3::ObjectType,
        pointer: &str,
        scope: &mut Scope,
        seen: &mut BTreeSet<String>,
    ) -> Vec<Field> {
        let mut fields = Vec::new();
        for (wire, property) in &object.properties {
            if !seen.insert(wire.clone()) {
                continue;
            }
            let p_pointer = join(&join(pointer, "properties"), wire);
            let (name, renamed) = scope.claim(&names::snake(wire, "value"));
            if renamed {
                self.warn(
                    &p_pointer,
                    format!(
                        "property `{wire}` would share a Rust name with another; named `{name}`"
                    ),
                );
            }
            let hint = format!(
                "{owner}{}",
                names::pascal(wire, "Value")
                    .trim_start_matches("r#")
                    .trim_end_matches('_')
            );
            let property = property.clone().unbox();
            let ty = self.ty(&property, &hint, &p_pointer);
            let rules = Rules::of(&property);
            self.warn_patterns(&property, &p_pointer);
            let item = property.as_item();
            let nullable = item.is_some_and(|s| s.schema_data.nullable);
            // A `readOnly` property is the server's to send: requests may leave
            // it out even when it is required, so it is an `Option`.
            let read_only = item.is_some_and(|s| s.schema_data.read_only);
            let mut doc = item.and_then(|s| s.schema_data.description.clone());
            if read_only {
                let note = "Read-only: sent by the server; a request may leave it out.";
                doc = Some(match doc {
                    Some(d) => format!("{}\n\n{note}", d.trim()),
                    None => note.to_string(),
                });
            }
            let required = object.required.contains(wire) && !nullable && !read_only;
            fields.push(Field {
                name,
                wire: wire.clone(),
                ty,
                required,
                nullable,
                rules,
                doc,
            });
        }
        fields
    }

    /// The Rust type of a schema; inline structs and enums are defined under `hint`.
    fn ty(&mut self, schema: &v3::ReferenceOr<v3::Schema>, hint: &str, pointer: &str) -> Ty {
        let schema = match schema {
            v3::ReferenceOr::Reference { reference } => {
                let target = reference
                    .strip_prefix("#/components/schemas/")
                    .map(|n| n.replace("~1", "/").replace("~0", "~"))
                    .and_then(|n| self.definitions.get(&n).cloned());
                return match target {
                    Some(name) => Ty::Named(name),
                    None => {
                        self.warn(pointer, format!(
                            "`$ref` `{}` does not name a definition of this document; read as free-form JSON",
                            reference.replacen("#/components/schemas/", "#/definitions/", 1)
                        ));
                        Ty::Json
                    }
                };
            }
            v3::ReferenceOr::Item(schema) => schema,
        };
        if self.defines_type(schema) {
            let (name, _) = self.type_scope.claim(hint);
            self.define(&name, schema, pointer);
            return Ty::Named(name);
        }
        match &schema.schema_kind {
            v3::SchemaKind::Type(v3::Type::String(s)) => string_ty(s),
            v3::SchemaKind::Type(v3::Type::Integer(i)) => match &i.format {
                v3::VariantOrUnknownOrEmpty::Item(v3::IntegerFormat::Int32) => Ty::I32,
                _ => Ty::I64,
            },
            v3::SchemaKind::Type(v3::Type::Number(n)) => match &n.format {
                v3::VariantOrUnknownOrEmpty::Item(v3::NumberFormat::Float) => Ty::F32,
                _ => Ty::F64,
            },
            v3::SchemaKind::Type(v3::Type::Boolean(_)) => Ty::Bool,
            v3::SchemaKind::Type(v3::Type::Array(a)) => match &a.items {
                Some(items) => {
                    let items = items.clone().unbox();
                    Ty::Vec(Box::new(self.ty(
                        &items,
                        &format!("{hint}Item"),
                        &join(pointer, "items"),
                    )))
                }
                None => Ty::Vec(Box::new(Ty::Json)),
            },
            v3::SchemaKind::Type(v3::Type::Object(o)) => match &o.additional_properties {
                Some(v3::AdditionalProperties::Schema(value)) => {
                    let value = (**value).clone();
                    Ty::Map(Box::new(self.ty(
                        &value,
                        &format!("{hint}Value"),
                        &join(pointer, "additionalProperties"),
                    )))
                }
                Some(v3::AdditionalProperties::Any(true)) => Ty::Map(Box::new(Ty::Json)),
                _ => Ty::Json,
            },
            _ => Ty::Json,
        }
    }

    fn operations(&mut self) -> Vec<Operation> {
        let base_path = self.base_path();
        let mut operations = Vec::new();
        let mut op_scope = Scope::new();
        let mut fn_scope = Scope::new();
        // Methods of the generated `Client` and of the server's `Api` trait
        // that an operation must not shadow.
        for reserved in [
            "new",
            "with_http_client",
            "base_url",
            "http_client",
            "execute",
            "rejected",
            "with_credentials",
        ] {
            fn_scope.reserve(reserved);
        }
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
                let built = self.operation(
                    key,
                    &base_path,
                    method,
                    op,
                    &pointer,
                    &mut op_scope,
                    &mut fn_scope,
                );
                operations.push(built);
            }
        }
        operations
    }

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

    #[allow(clippy::too_many_arguments)]
    fn operation(
        &mut self,
        key: &str,
        base_path: &str,
        method: Method,
        op: &v3::Operation,
        pointer: &str,
        op_scope: &mut Scope,
        fn_scope: &mut Scope,
    ) -> Operation {
        let decoded = decode_entities(key);
        if decoded != key {
            self.warn(
                &join("#/paths", key),
                format!("HTML entities in the path; read as `{decoded}`"),
            );
        }
        let key = decoded.as_str();
        let (path_part, query_part) = match key.split_once('?') {
            Some((p, q)) => (p, Some(q)),
            None => (key, None),
        };
        let mut fixed_query = Vec::new();
        let mut query_templates: Vec<(String, String)> = Vec::new();
        for pair in query_part
            .unwrap_or("")
            .split('&')
            .filter(|p| !p.is_empty())
        {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            if v.starts_with('{') && v.ends_with('}') {
                // `?page={page}`: a query parameter written into the key, not a fixed pair.
                query_templates.push((k.to_string(), v[1..v.len() - 1].to_string()));
                continue;
            }
            fixed_query.push((k.to_string(), v.to_string()));
        }
        let path_part = if path_part.starts_with('/') {
            path_part.to_string()
        } else {
            format!("/{path_part}")
        };

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
        let (base, type_renamed) =
            op_scope.claim(base.trim_start_matches("r#").trim_end_matches('_'));
        let (fn_name, fn_renamed) = fn_scope.claim(&names::snake(&id, "operation"));
        if type_renamed || fn_renamed {
            self.warn(
                &join(pointer, "operationId"),
                format!("operationId `{id}` gives the same Rust names as an earlier operation (or a client method); named `{fn_name}`, `{base}Request` and `{base}Response`"),
            );
        }

        // Parameters.
        let mut field_scope = Scope::new();
        let mut params = Vec::new();
        for (i, p) in op.parameters.iter().enumerate() {
            let p_pointer = join(&join(pointer, "parameters"), i);
            let Some(p) = p.as_item() else { continue };
            let mut allow_empty = false;
            let (location, data) = match p {
                v3::Parameter::Query {
                    parameter_data,
                    allow_empty_value,
                    ..
                } => {
                    allow_empty = allow_empty_value.unwrap_or(false);
                    (Location::Query, parameter_data)
                }
                v3::Parameter::Header { parameter_data, .. } => (Location::Header, parameter_data),
                v3::Parameter::Path { parameter_data, .. } => (Location::Path, parameter_data),
                v3::Parameter::Cookie { .. } => continue,
            };
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
            let schema = match &data.format {
                v3::ParameterSchemaOrContent::Schema(schema) => schema.clone(),
                v3::ParameterSchemaOrContent::Content(_) => v3::ReferenceOr::Item(v3::Schema {
                    schema_data: Default::default(),
                    schema_kind: v3::SchemaKind::Type(v3::Type::String(Default::default())),
                }),
            };
            let format = data
                .extensions
                .get(COLLECTION_FORMAT)
                .and_then(|f| f.as_str());
            let param = self.param(
                &mut field_scope,
                &base,
                ParamSource {
                    wire: &data.name,
                    location,
                    required: data.required,
                    schema: &schema,
                    collection_format: format,
                    doc: data.description.as_deref(),
                    pointer: &p_pointer,
                },
            );
            params.push(Param {
                allow_empty,
                ..param
            });
        }

        // Path segments; template variables without a parameter get one.
        let mut segments = Vec::new();
        let full_path = format!("{base_path}{path_part}");
        for raw in full_path.split('/').skip(1) {
            let Some((prefix, var, suffix)) = template(raw) else {
                if raw.contains(['{', '}']) {
                    self.warn(pointer, format!("path segment `{raw}` holds more than one template variable, which is not supported; matched literally"));
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
                    self.warn(pointer, format!("path template variable `{var}` has no path parameter; read as a required string"));
                    let (name, _) = field_scope.claim(&names::snake(var, "param"));
                    params.push(Param {
                        name,
                        wire: var.to_string(),
                        location: Location::Path,
                        required: true,
                        ty: Ty::String,
                        list: None,
                        rules: Rules::default(),
                        default: None,
                        allow_empty: false,
                        doc: None,
                    });
                    params.len() - 1
                }
            };
            segments.push(Segment::Param {
                index,
                prefix: prefix.to_string(),
                suffix: suffix.to_string(),
            });
        }
        for (key, var) in &query_templates {
            if !params
                .iter()
                .any(|p| p.location == Location::Query && p.wire == *key)
            {
                self.warn(pointer, format!("query template `{key}={{{var}}}` in the path has no query parameter; read as a required string `{key}`"));
                let (name, _) = field_scope.claim(&names::snake(key, "param"));
                params.push(Param {
                    name,
                    wire: key.clone(),
                    location: Location::Query,
                    required: true,
                    ty: Ty::String,
                    list: None,
                    rules: Rules::default(),
                    default: None,
                    allow_empty: false,
                    doc: None,
                });
            }
        }
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
        let params = kept;
        for s in &mut segments {
            if let Segment::Param { index, .. } = s {
                *index = remap[index];
            }
        }

        // A form body: its properties are parameters of their own.
        let mut params = params;
        let form = op
            .request_body
            .as_ref()
            .and_then(|b| b.as_item())
            .and_then(|b| self.form(b, &join(pointer, "requestBody")));
        if let Some((kind, properties, required)) = &form {
            for (wire, schema, f_pointer) in properties {
                let doc = match schema {
                    v3::ReferenceOr::Item(s) => s.schema_data.description.clone(),
                    v3::ReferenceOr::Reference { .. } => None,
                };
                let format = match schema {
                    v3::ReferenceOr::Item(s) => s
                        .schema_data
                        .extensions
                        .get(COLLECTION_FORMAT)
                        .and_then(|f| f.as_str().map(str::to_string)),
                    v3::ReferenceOr::Reference { .. } => None,
                };
                let param = self.param(
                    &mut field_scope,
                    &base,
                    ParamSource {
                        wire,
                        location: Location::Form(*kind),
                        required: required.contains(wire),
                        schema,
                        collection_format: format.as_deref(),
                        doc: doc.as_deref(),
                        pointer: f_pointer,
                    },
                );
                params.push(param);
            }
        }

        // Request body.
        let body = op
            .request_body
            .as_ref()
            .and_then(|b| b.as_item())
            .filter(|_| form.is_none())
            .map(|b| {
                let b_pointer = join(pointer, "requestBody");
                let (name, _) = field_scope.claim("body");
                let (ty, media) = self.content(&b.content, &format!("{base}Body"), &b_pointer);
                let ty = ty.unwrap_or(Ty::Json);
                Body {
                    name,
                    ty,
                    required: b.required,
                    media,
                    doc: b.description.clone(),
                }
            });

        // Responses.
        let mut responses = Vec::new();
        let mut variant_scope = Scope::new();
        let mut produces_json = false;
        let mut cases: Vec<(Status, &v3::ReferenceOr<v3::Response>, String)> = op
            .responses
            .responses
            .iter()
            .map(|(code, r)| match code {
                v3::StatusCode::Code(c) => (Status::Code(*c), r, c.to_string()),
                v3::StatusCode::Range(d) => (Status::Range(*d), r, format!("{d}XX")),
            })
            .collect();
        if let Some(default) = &op.responses.default {
            cases.push((Status::Default, default, "default".to_string()));
        }
        for (status, response, key) in cases {
            let Some(response) = response.as_item() else {
                continue;
            };
            let r_pointer = join(&join(pointer, "responses"), &key);
            let wanted = match status {
                Status::Code(c) => reason(c).map_or_else(|| format!("Status{c}"), str::to_string),
                Status::Range(d) => format!("Status{d}xx"),
                Status::Default => "Default".to_string(),
            };
            let (variant, _) = variant_scope.claim(&wanted);
            let (ty, media) = self.content(
                &response.content,
                &format!("{base}{variant}Body"),
                &r_pointer,
            );
            produces_json |= ty.is_some() && media == Media::Json;
            let doc = Some(response.description.clone()).filter(|d| !d.trim().is_empty());
            // Response headers become fields of the variant, beside `status`
            // and `body`.
            let mut header_scope = Scope::new();
            header_scope.reserve("status");
            header_scope.reserve("body");
            let mut headers = Vec::new();
            for (wire, header) in &response.headers {
                let Some(header) = header.as_item() else {
                    continue;
                };
                let v3::ParameterSchemaOrContent::Schema(schema) = &header.format else {
                    continue;
                };
                let h_pointer = join(&join(&r_pointer, "headers"), wire);
                if wire.is_empty() || !wire.bytes().all(is_token_byte) {
                    self.warn(
                        &h_pointer,
                        format!("`{wire}` is not a valid header name; the header is ignored"),
                    );
                    continue;
                }
                let param = self.param(
                    &mut header_scope,
                    &format!("{base}{variant}"),
                    ParamSource {
                        wire,
                        location: Location::Header,
                        required: false,
                        schema,
                        collection_format: None,
                        doc: header.description.as_deref(),
                        pointer: &h_pointer,
                    },
                );
                headers.push(Param {
                    default: None,
                    ..param
                });
            }
            responses.push(Case {
                status,
                variant,
                body: ty.map(|t| (t, media)),
                headers,
                doc,
            });
        }

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
            id,
            pointer: self.origins.original(pointer),
            fn_name,
            request: format!("{base}Request"),
            response: format!("{base}Response"),
            method,
            path: full_path,
            segments,
            fixed_query,
            doc,
            params,
            body,
            responses,
            produces_json,
            security,
        }
    }

    /// One parameter: its Rust name, type, list format, rules and default.
    fn param(&mut self, field_scope: &mut Scope, base: &str, p: ParamSource<'_>) -> Param {
        let (name, _) = field_scope.claim(&names::snake(p.wire, "param"));
        let hint = format!(
            "{base}{}",
            names::pascal(p.wire, "Param")
                .trim_start_matches("r#")
                .trim_end_matches('_')
        );
        let mut ty = self.ty(p.schema, &hint, p.pointer);
        let rules = Rules::of(p.schema);
        self.warn_patterns(p.schema, p.pointer);
        let mut default = match p.schema {
            v3::ReferenceOr::Item(s) if !p.required => {
                s.schema_data.default.as_ref().and_then(default_texts)
            }
            _ => None,
        };
        let mut list = None;
        if let Ty::Vec(item) = ty {
            let repeatable = matches!(p.location, Location::Query | Location::Form(_));
            list = Some(match p.collection_format.unwrap_or("csv") {
                "ssv" => ListFormat::Ssv,
                "tsv" => ListFormat::Tsv,
                "pipes" => ListFormat::Pipes,
                "multi" if repeatable => ListFormat::Multi,
                "csv" => ListFormat::Csv,
                other => {
                    self.warn(
                        &join(p.pointer, "collectionFormat"),
                        format!("collectionFormat `{other}` is not usable here; read as csv"),
                    );
                    ListFormat::Csv
                }
            });
            ty = *item;
        }
        if p.location == Location::Form(FormKind::Multipart) && is_binary(p.schema) {
            ty = Ty::File;
        } else if p.location == Location::Form(FormKind::Multipart)
            && let v3::ReferenceOr::Item(v3::Schema {
                schema_kind: v3::SchemaKind::Type(v3::Type::Array(array)),
                ..
            }) = p.schema
            && array
                .items
                .as_ref()
                .is_some_and(|i| is_binary(&i.clone().unbox()))
        {
            // Several files under one name: one part each.
            ty = Ty::File;
            list = Some(ListFormat::Multi);
        }
        if ty != Ty::File && !is_scalar(&ty, &self.types) {
            self.warn(
                p.pointer,
                "a parameter that is not a scalar or an array of scalars; read as a string",
            );
            ty = Ty::String;
        }
        // A default the server could not parse would refuse every request
        // that leaves the parameter out.
        if let Some(texts) = &default
            && !(ty != Ty::File && default_fits(texts, &ty) && (list.is_some() || texts.len() == 1))
        {
            self.warn(
                &join(p.pointer, "default"),
                format!(
                    "the default `{}` is not a value of this parameter's type; not applied",
                    texts.join(",")
                ),
            );
            default = None;
        }
        Param {
            name,
            wire: p.wire.to_string(),
            location: p.location,
            required: p.required,
            ty,
            list,
            rules,
            default,
            allow_empty: false,
            doc: p.doc.map(str::to_string),
        }
    }

    /// A request body that is a form: made of `formData` parameters, or
    /// offering no JSON but a form media type with an object schema. Gives
    /// the form's kind, its properties (wire name, schema, pointer) and the
    /// names of the required ones.
    #[allow(clippy::type_complexity)]
    fn form(
        &self,
        body: &v3::RequestBody,
        pointer: &str,
    ) -> Option<(
        FormKind,
        Vec<(String, v3::ReferenceOr<v3::Schema>, String)>,
        Vec<String>,
    )> {
        let from_form_data = body.extensions.contains_key(FORM_DATA);
        if !from_form_data && body.content.keys().any(|t| is_json(t)) {
            return None;
        }
        let (media, kind) = body.content.iter().find_map(|(t, media)| {
            if is_media(t, "multipart/form-data") {
                Some((media, FormKind::Multipart))
            } else if is_media(t, "application/x-www-form-urlencoded") {
                Some((media, FormKind::UrlEncoded))
            } else {
                None
            }
        })?;
        let v3::ReferenceOr::Item(v3::Schema {
            schema_kind: v3::SchemaKind::Type(v3::Type::Object(object)),
            ..
        }) = media.schema.as_ref()?
        else {
            return None;
        };
        let properties = object
            .properties
            .iter()
            .map(|(name, schema)| {
                (
                    name.clone(),
                    schema.clone().unbox(),
                    join(&join(pointer, "properties"), name),
                )
            })
            .collect();
        Some((kind, properties, object.required.clone()))
    }

    /// The type and media type of a content map; JSON is preferred.
    fn content(
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
            Some((_, media)) => (
                media
                    .schema
                    .as_ref()
                    .map(|s| self.ty(s, hint, &join(pointer, "schema"))),
                Media::Json,
            ),
            None => match content.iter().next() {
                Some((t, media)) => (
                    media.schema.as_ref().map(|_| Ty::Bytes),
                    Media::Raw(t.clone()),
                ),
                None => (None, Media::Json),
            },
        }
    }

    fn routes(&mut self, operations: &[Operation]) -> Vec<Route> {
        let mut routes: Vec<Route> = Vec::new();
        let mut index: BTreeMap<(String, Method), usize> = BTreeMap::new();
        for (i, op) in operations.iter().enumerate() {
            let mut path = String::new();
            let mut next_param = 0;
            for segment in &op.segments {
                path.push('/');
                match segment {
                    Segment::Literal(text) => {
                        path.push_str(&encode_literal(text).replace('{', "{{").replace('}', "}}"))
                    }
                    Segment::Param { .. } => {
                        path.push_str(&format!("{{p{next_param}}}"));
                        next_param += 1;
                    }
                }
            }
            if path.is_empty() {
                path.push('/');
            }
            let route = *index.entry((path.clone(), op.method)).or_insert_with(|| {
                routes.push(Route {
                    path,
                    method: op.method,
                    operations: Vec::new(),
                });
                routes.len() - 1
            });
            routes[route].operations.push(i);
        }
        for route in &mut routes {
            // Operations told apart by fixed query pairs or path affixes
            // first; the plain one last. An operation whose requests another
            // one already takes is left out of the route (its trait method
            // stays, unreachable).
            route
                .operations
                .sort_by_key(|&i| operations[i].discriminants().is_empty());
            let mut served: Vec<usize> = Vec::new();
            for &i in &route.operations {
                let op = &operations[i];
                let mine = op.discriminants();
                match served.iter().find(|&&j| operations[j].discriminants() == mine) {
                    Some(&first) => self.reporter.warn(
                        op.pointer.clone(),
                        format!(
                            "operation `{}` takes the same requests (method, path and fixed query or path text) as `{}`; the server routes them to `{}`",
                            op.id, operations[first].id, operations[first].id
                        ),
                    ),
                    None => served.push(i),
                }
            }
            route.operations = served;
        }
        routes
    }

    /// Boxes struct fields that close a cycle of direct containment.
    fn box_cycles(&mut self) {
        let index: BTreeMap<String, usize> = self
            .types
            .iter()
            .enumerate()
            .map(|(i, t)| (t.name.clone(), i))
            .collect();
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
            if let TypeKind::Struct(fields) = &def.kind {
                for (f, field) in fields.iter().enumerate() {
                    if let Some(target) = direct_target(&field.ty).and_then(|n| index.get(n)) {
                        if reaches(*target, t) {
                            boxes.push((t, f));
                        }
                    }
                }
            }
        }
        for (t, f) in boxes {
            let ty = match &mut self.types[t].kind {
                TypeKind::Struct(fields) => &mut fields[f].ty,
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
    fn break_alias_cycles(&mut self) {
        let index: BTreeMap<&str, usize> = self
            .types
            .iter()
            .enumerate()
            .map(|(i, t)| (t.name.as_str(), i))
            .collect();
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

/// A parameter as the model reads it, from an OpenAPI 3 parameter or from a
/// property of a form body.
struct ParamSource<'s> {
    wire: &'s str,
    location: Location,
    required: bool,
    schema: &'s v3::ReferenceOr<v3::Schema>,
    collection_format: Option<&'s str>,
    doc: Option<&'s str>,
    pointer: &'s str,
}

/// Whether a byte may be part of an HTTP token such as a header name
/// (RFC 9110's `tchar`).
fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

/// Whether a schema is an inline `string` of format `binary` (Swagger's
/// `type: file`).
fn is_binary(schema: &v3::ReferenceOr<v3::Schema>) -> bool {
    matches!(
        schema,
        v3::ReferenceOr::Item(v3::Schema {
            schema_kind: v3::SchemaKind::Type(v3::Type::String(v3::StringType {
                format: v3::VariantOrUnknownOrEmpty::Item(v3::StringFormat::Binary),
                ..
            })),
            ..
        })
    )
}

fn is_scalar(ty: &Ty, types: &[TypeDef]) -> bool {
    match ty {
        Ty::String
        | Ty::I32
        | Ty::I64
        | Ty::F32
        | Ty::F64
        | Ty::Bool
        | Ty::DateTime
        | Ty::Date
        | Ty::Uuid
        | Ty::Base64 => true,
        Ty::Named(name) => types
            .iter()
            .any(|t| t.name == *name && matches!(t.kind, TypeKind::Enum(_))),
        _ => false,
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

/// Percent-encodes a literal path segment except for the characters that are
/// safe in a path, so that client and router agree on what goes on the wire.
pub fn encode_literal(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@%".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
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

pub(crate) fn is_json(media_type: &str) -> bool {
    let essence = media_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    essence == "application/json"
        || essence.ends_with("+json")
        || essence == "*/*"
        || essence == "application/*"
}

/// The reason phrase of a status code, as a variant name.
pub fn reason(code: u16) -> Option<&'static str> {
    Some(match code {
        100 => "Continue",
        101 => "SwitchingProtocols",
        200 => "Ok",
        201 => "Created",
        202 => "Accepted",
        203 => "NonAuthoritativeInformation",
        204 => "NoContent",
        205 => "ResetContent",
        206 => "PartialContent",
        207 => "MultiStatus",
        300 => "MultipleChoices",
        301 => "MovedPermanently",
        302 => "Found",
        303 => "SeeOther",
        304 => "NotModified",
        307 => "TemporaryRedirect",
        308 => "PermanentRedirect",
        400 => "BadRequest",
        401 => "Unauthorized",
        402 => "PaymentRequired",
        403 => "Forbidden",
        404 => "NotFound",
        405 => "MethodNotAllowed",
        406 => "NotAcceptable",
        407 => "ProxyAuthenticationRequired",
        408 => "RequestTimeout",
        409 => "Conflict",
        410 => "Gone",
        411 => "LengthRequired",
        412 => "PreconditionFailed",
        413 => "PayloadTooLarge",
        414 => "UriTooLong",
        415 => "UnsupportedMediaType",
        416 => "RangeNotSatisfiable",
        417 => "ExpectationFailed",
        418 => "ImATeapot",
        422 => "UnprocessableEntity",
        423 => "Locked",
        424 => "FailedDependency",
        428 => "PreconditionRequired",
        429 => "TooManyRequests",
        431 => "RequestHeaderFieldsTooLarge",
        451 => "UnavailableForLegalReasons",
        500 => "InternalServerError",
        501 => "NotImplemented",
        502 => "BadGateway",
        503 => "ServiceUnavailable",
        504 => "GatewayTimeout",
        505 => "HttpVersionNotSupported",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_must_be_values_of_their_format() {
        let fits = |t: &str, ty: Ty| default_fits(&[t.to_string()], &ty);
        assert!(fits("2024-02-29T12:00:00Z", Ty::DateTime));
        assert!(fits("2024-02-29T12:00:00.123+02:00", Ty::DateTime));
        assert!(!fits("2024-02-29 12:00:00", Ty::DateTime));
        assert!(!fits("2024-02-29T12:00Z", Ty::DateTime));
        assert!(!fits("2024-02-29T12:00:00+0200", Ty::DateTime));
        assert!(fits("2024-02-29", Ty::Date));
        assert!(!fits("29.02.2024", Ty::Date));
        assert!(fits("123e4567-e89b-12d3-a456-426614174000", Ty::Uuid));
        assert!(!fits("123e4567e89b12d3a456426614174000", Ty::Uuid));
        assert!(fits("TWFu", Ty::Base64));
        assert!(fits("TWE", Ty::Base64));
        assert!(!fits("T", Ty::Base64));
        assert!(!fits("TW===", Ty::Base64));
    }

    #[test]
    fn patterns_are_read_as_regex_lite_syntax() {
        assert_eq!(pattern("^[A-Z]{3}$").as_deref(), Ok("^[A-Z]{3}$"));
        // JavaScript literals with flags: the body, with `i`, `m`, `s` inline.
        assert_eq!(pattern("/[a-z]/i").as_deref(), Ok("(?i)[a-z]"));
        assert_eq!(pattern("/^a.b$/ms").as_deref(), Ok("(?ms)^a.b$"));
        assert_eq!(pattern("/a/g").as_deref(), Ok("a"));
        // Without flags, slashes are text to match.
        assert_eq!(pattern("/api/").as_deref(), Ok("/api/"));
        assert_eq!(pattern("//x").as_deref(), Ok("//x"));
        assert!(pattern("^(?!x)").unwrap_err().contains("look-around"));
        assert!(pattern("(a)\\1").unwrap_err().contains("backreferences"));
        assert!(pattern("[").is_err());
    }
}
