//! The model's data: what every emitter reads. Nothing here decides
//! anything; the passes in the sibling files fill these types in.

use super::Rules;
use std::collections::BTreeSet;

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

    /// Whether some parameter is written as `shape` says.
    pub fn has_param_shape(&self, shape: impl Fn(ParamShape) -> bool) -> bool {
        self.params().any(|p| shape(p.shape))
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
                    Ty::Vec(inner) | Ty::Map(inner) | Ty::Boxed(inner) | Ty::JsonStream(inner) => {
                        walk(inner, found)
                    }
                    _ => false,
                }
        }
        let found: &dyn Fn(&Ty) -> bool = &found;
        let in_types = self.types.iter().any(|t| match &t.kind {
            TypeKind::Struct(fields) => fields.iter().any(|f| walk(&f.ty, found)),
            TypeKind::Alias(ty) | TypeKind::Newtype(ty) => walk(ty, found),
            TypeKind::Tagged { variants, .. } => variants.iter().any(|v| walk(&v.ty, found)),
            TypeKind::Union { variants, .. } => variants.iter().any(|v| walk(&v.ty, found)),
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

    /// Whether the server checks some `pattern`: of a parameter, a body, a
    /// field of a type or a union's member (response headers are not
    /// checked).
    pub fn has_patterns(&self) -> bool {
        fn any(r: &Rules) -> bool {
            r.pattern.is_some() || r.items.as_deref().is_some_and(any)
        }
        self.params().any(|p| any(&p.rules))
            || self
                .operations
                .iter()
                .any(|op| op.body.as_ref().is_some_and(|b| any(&b.rules)))
            || self.types.iter().any(|t| match &t.kind {
                TypeKind::Struct(fields) => fields.iter().any(|f| any(&f.rules)),
                TypeKind::Union { variants, .. } => variants.iter().any(|v| any(&v.rules)),
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
    /// An API key in the cookie of this name.
    CookieKey(String),
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
    /// The schema's `xml` object (its element's name as an XML body).
    pub xml: Option<Xml>,
}

/// A schema's `xml` object: how its value is written in an XML body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Xml {
    pub name: Option<String>,
    pub namespace: Option<String>,
    pub prefix: Option<String>,
    pub attribute: bool,
    pub wrapped: bool,
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
    /// `oneOf` or `anyOf`: a value of one of several schemas. With a
    /// `discriminator` the tag property's value chooses the variant where it
    /// names one; otherwise (and for a value it does not name) the value is
    /// the first variant it reads as.
    Union {
        /// The discriminator property (its wire name), if any.
        tag: Option<String>,
        variants: Vec<UnionVariant>,
    },
}

/// A member of a `oneOf` or `anyOf`.
#[derive(Debug)]
pub struct UnionVariant {
    pub name: String,
    pub ty: Ty,
    /// The tag values that select it (empty without a discriminator, or for
    /// an inline member, which no tag can name).
    pub wires: Vec<String>,
    /// The member's own rules (an inline `maxLength`, say), checked by the
    /// server when the value reads as this member.
    pub rules: Rules,
    pub doc: Option<String>,
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

#[derive(Debug)]
pub struct Field {
    pub name: String,
    pub wire: String,
    pub ty: Ty,
    pub required: bool,
    /// `x-nullable`: `null` is a value the document allows here.
    pub nullable: bool,
    pub rules: Rules,
    /// An optional property's `default`, filled in when a value without the
    /// property is read.
    pub default: Option<Literal>,
    pub doc: Option<String>,
    /// The property's `xml` object, and its items' for an array.
    pub xml: Option<Xml>,
    pub item_xml: Option<Xml>,
}

/// A value the generated code writes as a literal (a property's default).
#[derive(Debug, Clone, PartialEq)]
pub enum Literal {
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    /// A string enum's variant: the type and the variant's Rust names.
    Variant(String, String),
    /// The empty list or map (`default: []`, `default: {}`).
    Empty,
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
    /// A binary response body, read and written in pieces (`ByteStream`).
    Stream,
    /// A response body of JSON values, one per line (`JsonStream<T>`).
    JsonStream(Box<Ty>),
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
    pub const ALL: [Method; 7] = [
        Method::Get,
        Method::Put,
        Method::Post,
        Method::Delete,
        Method::Options,
        Method::Head,
        Method::Patch,
    ];

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
    /// The credentials it takes: alternatives, each the schemes (indices of
    /// `Api::schemes`) needed together; an empty alternative admits anyone.
    /// Empty when the operation has no security.
    pub security: Vec<Vec<usize>>,
    /// The fields an optional form body must have when it is sent (its
    /// schema's `required`): optional in the request, since the body may be
    /// left out whole.
    pub form_required: Vec<String>,
}

impl Operation {
    /// Whether some response body is a `ByteStream` or a `JsonStream`.
    pub fn streams(&self) -> bool {
        self.responses
            .iter()
            .any(|c| matches!(c.body, Some((Ty::Stream | Ty::JsonStream(_), _))))
    }

    /// The schemes any alternative of the operation's security names.
    pub fn schemes(&self) -> BTreeSet<usize> {
        self.security.iter().flatten().copied().collect()
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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    Path,
    Query,
    Header,
    /// A `Cookie` header pair (OpenAPI 3's `in: cookie`).
    Cookie,
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
            Location::Cookie => "cookie",
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
    /// Items apart by `.` (a `label` path parameter, exploded).
    Dots,
}

impl ListFormat {
    pub fn separator(self) -> char {
        match self {
            ListFormat::Csv | ListFormat::Multi => ',',
            ListFormat::Ssv => ' ',
            ListFormat::Tsv => '\t',
            ListFormat::Pipes => '|',
            ListFormat::Dots => '.',
        }
    }
}

/// How a parameter's value is written, besides as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamShape {
    /// A scalar, or a list of scalars (see `list`), as text.
    Text,
    /// An object in the query, a pair per property: `name[key]=value`
    /// (`style: deepObject`) or `key=value` (`style: form`, exploded).
    Object { deep: bool },
    /// JSON text (`content: {application/json: ...}`).
    Json,
}

#[derive(Debug)]
pub struct Param {
    pub name: String,
    pub wire: String,
    pub location: Location,
    pub shape: ParamShape,
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

impl Param {
    /// Whether the parameter always has a value: it is required, or the
    /// server reads its default when it is absent. Such a parameter is its
    /// plain type (not an `Option`) in the request.
    pub fn present(&self) -> bool {
        self.required || self.default.is_some()
    }
}

#[derive(Debug)]
pub struct Body {
    pub name: String,
    pub ty: Ty,
    pub required: bool,
    pub media: Media,
    /// Every media type the document lists for the body, as written (a raw
    /// body is refused in any other).
    pub accepts: Vec<String>,
    /// The rules of a JSON body's schema, or of the alias it names.
    pub rules: Rules,
    pub doc: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Media {
    Json,
    /// XML (where the document offers no JSON), written and read as the
    /// schema's `xml` objects say.
    Xml(Box<XmlBody>),
    /// Bytes sent and received as they are, with this content type.
    Raw(String),
}

/// An XML body: its content type and the `xml` objects of its schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XmlBody {
    pub content_type: String,
    /// The body schema's own `xml` object (the root element).
    pub xml: Option<Xml>,
    /// Its items' `xml` object, for an array body.
    pub items: Option<Xml>,
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
    /// For a method this path lacks, which a templated path that also
    /// matches it has (`GET /services/asana` where only `PUT` is written for
    /// it, and `GET /services/{slug}` exists): that route, and its path
    /// parameters from this one's. `operations` is then empty.
    pub via: Option<Via>,
}

/// Where a fall-through route sends its requests.
#[derive(Debug, Clone, PartialEq)]
pub struct Via {
    /// The index of the templated route in `Api::routes`.
    pub route: usize,
    /// Each of that route's path parameters, in order.
    pub params: Vec<PathValue>,
}

/// A path parameter of the templated route, as the literal route has it.
#[derive(Debug, Clone, PartialEq)]
pub enum PathValue {
    /// This route's own parameter at that position.
    Param(usize),
    /// A literal segment of this route, as text.
    Text(String),
}
