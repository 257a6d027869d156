//! Stage 4: the model every emitter reads.
//!
//! `$ref`s are resolved, every type and operation is named exactly once, every
//! Rust identifier is decided (with the wire name kept beside it), recursion is
//! found and boxed only where a cycle needs it, and operations are grouped into
//! server routes. Problems are reported here, at the user's original location.
//!
//! The model's data is in `ir`; [`build`] runs the passes, one file each:
//!
//! | file | pass or concern |
//! | --- | --- |
//! | `types` | definitions, and the Rust type of any schema |
//! | `all_of` | `allOf` members merged into one struct |
//! | `subtypes` | `discriminator` bases and the subtypes that extend them |
//! | `security` | security schemes and each operation's requirements |
//! | `operations` | operations: path key, names, assembly |
//! | `requests` | an operation's parameters, path segments and body |
//! | `params` | one parameter: type, list format, rules, default |
//! | `responses` | an operation's responses and their headers |
//! | `routes` | operations grouped into server routes |
//! | `cycles` | alias cycles broken, containment cycles boxed |
//! | `formats` | string formats, `pattern`, validation `Rules` |
//! | `http` | media types, header names, reason phrases |

mod all_of;
mod cycles;
mod formats;
mod http;
mod ir;
mod operations;
mod params;
mod requests;
mod responses;
mod routes;
mod security;
mod subtypes;
mod types;
mod unions;
mod xml;

pub use formats::Rules;
pub use ir::{
    Api, Body, Case, Field, FormKind, ListFormat, Literal, Location, Media, Method, Operation,
    Param, ParamShape, PathValue, Route, Scheme, SchemeKind, Segment, Status, TaggedVariant, Ty,
    TypeDef, TypeKind, UnionVariant, Variant, Via, Xml, XmlBody,
};
pub use routes::{RouteKey, encode_literal};

use crate::diagnostic::Reporter;
use crate::front::{Extras, Front, Origins};
use crate::names::Scope;
use indexmap::IndexMap;
use openapiv3 as v3;

/// Builds the model of a document as a front stage hands it over (OpenAPI 3,
/// with its origins and extras). The passes run in this order
/// because each reads what the ones before it decided:
///
/// 1. `definitions`: every definition is named first, so that a `$ref`
///    anywhere resolves to its name and a definition keeps its name against
///    the inline types named later;
/// 2. `schemes`: before operations, whose security requirements are indices
///    into them;
/// 3. `operations`: parameters, bodies and responses, naming their inline
///    types (a parameter's type is checked against the types defined so
///    far, so definitions must be complete);
/// 4. `routes`: groups the finished operations (it reads no types);
/// 5. `break_alias_cycles`: once every type, inline ones included, exists,
///    an alias on a cycle becomes a newtype (or, for bare `$ref`s, an error);
/// 6. `box_cycles`: last, on the final kinds, since a newtype made by step 5
///    may need its field boxed.
pub(crate) fn build(front: &Front, reporter: &mut Reporter) -> Api {
    let api = &front.api;
    let mut lowering = Lowering {
        api,
        origins: &front.origins,
        extras: &front.extras,
        reporter,
        types: Vec::new(),
        type_scope: Scope::new(),
        definitions: IndexMap::new(),
        schemes: Vec::new(),
        inline: std::collections::HashMap::new(),
        inner_depth: 0,
    };
    lowering.definitions();
    lowering.schemes();
    let operations = lowering.operations();
    let routes = lowering.routes(&operations);
    lowering.break_alias_cycles();
    lowering.box_cycles();
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
        types: lowering.types,
        operations,
        routes,
        schemes: lowering.schemes,
    }
}

/// The state the passes share while an OpenAPI 3 document is lowered into
/// the model.
struct Lowering<'a> {
    api: &'a v3::OpenAPI,
    origins: &'a Origins,
    extras: &'a Extras,
    reporter: &'a mut Reporter,
    /// The types defined so far, definitions and inline types alike.
    types: Vec<TypeDef>,
    /// The Rust names of `types`.
    type_scope: Scope,
    /// Definition name (wire) to Rust type name.
    definitions: IndexMap<String, String>,
    schemes: Vec<Scheme>,
    /// Inline types by the pointer of their schema. One schema is one type,
    /// however often it is reached: a definition merged through `allOf`
    /// into others shares its inline types with them, and a property that
    /// refers back to its definition through `allOf` is the type being
    /// defined, not a new copy of it. So the types are linear in the
    /// document whatever its loops and fan-out.
    inline: std::collections::HashMap<String, String>,
    /// How many `$ref`s into definitions (`#/components/schemas/A/properties/b`)
    /// are being followed right now; bounded, as they can loop.
    inner_depth: usize,
}

impl<'a> Lowering<'a> {
    /// Warns at the user's original location of an upgraded pointer.
    fn warn(&mut self, pointer: &str, message: impl Into<String>) {
        let original = self.origins.original(pointer);
        self.reporter.warn(original, message);
    }

    /// The document's definitions.
    fn schemas(&self) -> Option<&'a IndexMap<String, v3::ReferenceOr<v3::Schema>>> {
        let api: &'a v3::OpenAPI = self.api;
        api.components.as_ref().map(|c| &c.schemas)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Diagnostic;

    /// The model of a small Swagger 2.0 document, read through the stages
    /// before the model as `generate` reads it, with every diagnostic.
    pub(super) fn model_of(yaml: &str) -> (Api, Vec<Diagnostic>) {
        let mut reporter = Reporter::new("test.yaml");
        let (mut tree, source) =
            crate::load::load("test.yaml", yaml.as_bytes(), &mut reporter).expect("YAML");
        crate::swagger::normalize(&mut tree, &mut reporter);
        let document: crate::swagger::Swagger =
            serde_json::from_value(tree).expect("a Swagger 2.0 document");
        let upgraded = crate::swagger::upgrade(&document, None, &mut reporter);
        let api = build(&upgraded, &mut reporter);
        (api, reporter.finish(Some(&source)))
    }

    const HEAD: &str = "swagger: \"2.0\"\ninfo: {title: t, version: \"1\"}\n";

    /// The model of a document of these paths (the body of `paths:`,
    /// indented by two spaces) and no definitions.
    pub(super) fn model_of_paths(paths: &str) -> (Api, Vec<Diagnostic>) {
        model_of(&format!("{HEAD}paths:{paths}"))
    }

    /// The model of a document of these definitions (the body of
    /// `definitions:`, indented by two spaces) and no paths.
    pub(super) fn model_of_definitions(definitions: &str) -> (Api, Vec<Diagnostic>) {
        model_of(&format!("{HEAD}paths: {{}}\ndefinitions:{definitions}"))
    }

    /// The kind of the type `name`.
    pub(super) fn kind<'a>(api: &'a Api, name: &str) -> &'a TypeKind {
        let def = api.types.iter().find(|t| t.name == name);
        &def.unwrap_or_else(|| panic!("no type {name}")).kind
    }

    /// Each diagnostic's pointer and message.
    pub(super) fn located(diagnostics: &[Diagnostic]) -> Vec<(&str, &str)> {
        diagnostics
            .iter()
            .map(|d| (d.pointer.as_str(), d.message.as_str()))
            .collect()
    }

    #[test]
    fn a_document_is_read_into_types_operations_and_routes() {
        let (api, diagnostics) = model_of(
            r##"
swagger: "2.0"
info: {title: Pets, version: "1"}
host: pets.example
basePath: /v1
paths:
  /pets/{id}:
    get:
      operationId: getPet
      parameters:
        - {name: id, in: path, required: true, type: integer}
      responses:
        200: {description: the pet, schema: {$ref: "#/definitions/Pet"}}
definitions:
  Pet:
    type: object
    properties:
      name: {type: string}
"##,
        );
        assert_eq!(diagnostics, []);
        assert_eq!(api.title, "Pets");
        assert_eq!(api.types.len(), 1);
        assert_eq!(api.types[0].name, "Pet");
        let op = &api.operations[0];
        assert_eq!(
            (op.fn_name.as_str(), op.path.as_str()),
            ("get_pet", "/v1/pets/{id}")
        );
        assert_eq!(op.params[0].ty, Ty::I64);
        assert_eq!(op.responses[0].variant, "Ok");
        assert_eq!(api.routes.len(), 1);
        assert_eq!(api.routes[0].path, "/v1/pets/{p0}");
    }
}
