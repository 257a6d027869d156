//! Generate Rust client and server stubs from Swagger 2.0 documents.
//!
//! `swagger-stubgen` reads a Swagger 2.0 document (YAML or JSON) and writes
//! one Rust file holding:
//!
//! - `types`: one type per definition;
//! - per operation, `<Operation>Request` (every parameter) and
//!   `<Operation>Response` (one variant per documented status), shared by
//!   client and server;
//! - `client`: an async client on reqwest, one method per operation;
//! - `server`: a trait on axum with one method per operation, each answering
//!   501 until implemented, and `router(api)`.
//!
//! # From a build script
//!
//! `Cargo.toml`:
//!
//! ```toml
//! [dependencies]
//! serde = { version = "1", features = ["derive"] }
//! serde_json = "1"
//! bytes = "1"
//! reqwest = { version = "0.13", default-features = false }   # for the client
//! axum = "0.8"                                               # for the server
//!
//! [build-dependencies]
//! swagger-stubgen = "0.1"
//! ```
//!
//! `build.rs`:
//!
//! ```no_run
//! // build.rs, in `fn main`:
//! swagger_stubgen::Builder::new()
//!     .spec("spec/petstore.yaml")
//!     .generate()
//!     .unwrap_or_else(|e| panic!("{e}"));
//! ```
//!
//! `src/lib.rs`:
//!
//! ```ignore
//! pub mod petstore {
//!     include!(concat!(env!("OUT_DIR"), "/petstore.rs"));
//! }
//! ```
//!
//! The Builder prints `cargo:rerun-if-changed` for every document it reads and
//! turns warnings into `cargo:warning` lines. Files are written only when their
//! content changes, so an unchanged document never causes a recompile.
//!
//! # As a library
//!
//! [`generate`] turns a document's bytes into code in memory and touches
//! nothing else.

// The stages, in the order `pipeline` runs them:
// 1. `load`: bytes to a tree;
// 2. a front stage per input: `swagger` (Swagger 2.0: `repair`, its serde
//    model, `upgrade`) or `openapi3` (3.0 as it is, 3.1 in 3.0's terms),
//    each handing the model a `front::Front` (OpenAPI 3.0);
// 3. `model`: the model every emitter reads;
// 4. `emit`: the model to tokens, with the helpers of `runtime` (real Rust
//    files embedded into the output);
// 5. `write`: tokens to formatted source, and files.
// What they share: `diagnostic`, `pointer` (JSON pointers), `media`, `names`
// and `locate`; `builder` drives them from a build script.
mod builder;
mod diagnostic;
mod emit;
mod front;
mod load;
mod locate;
mod media;
mod model;
mod names;
mod openapi3;
mod pointer;
mod runtime;
mod select;
mod swagger;
mod write;

pub use builder::{Builder, GeneratedFile};
pub use diagnostic::{Diagnostic, Error, Severity};
pub use select::Selection;
pub use write::write_if_changed;

use diagnostic::Reporter;
use serde_json::Value;

/// What to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Options {
    /// Emit the `client` module.
    pub client: bool,
    /// Emit the `server` module.
    pub server: bool,
    /// Treat every warning as an error.
    pub strict: bool,
    /// The client sends through a `reqwest_middleware::ClientWithMiddleware`
    /// (the user's crate then depends on `reqwest-middleware`).
    pub client_middleware: bool,
    /// Format the output with prettyplease (after parsing it with syn, a
    /// syntax check); otherwise a plain printer writes one item, statement,
    /// field or arm per line at a fraction of the cost, for output nobody
    /// reads (a build script's).
    pub pretty: bool,
    /// The operations to generate (default: all), and with them only the
    /// definitions they reach.
    pub select: Selection,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            client: true,
            server: true,
            strict: false,
            client_middleware: false,
            pretty: true,
            select: Selection::default(),
        }
    }
}

/// The code generated from one document.
#[derive(Debug, Clone)]
pub struct Generated {
    /// The formatted Rust source.
    pub code: String,
    /// Warnings about the document, sorted by position.
    pub diagnostics: Vec<Diagnostic>,
}

/// Generates code from a document's bytes. `file` names the document in
/// diagnostics and in the generated header; a name ending in `.json` is read
/// as JSON, anything else as YAML.
pub fn generate(file: &str, bytes: &[u8], options: &Options) -> Result<Generated, Error> {
    let mut reporter = Reporter::new(file);
    let Some((tree, source)) = load::load(file, bytes, &mut reporter) else {
        return Err(Error::Invalid {
            diagnostics: reporter.finish(None),
        });
    };
    let result = pipeline(file, tree, options, &mut reporter);
    let strict_failure = options.strict && !reporter.is_empty();
    let errors = reporter.has_errors();
    let mut diagnostics = reporter.finish(Some(&source));
    if options.strict {
        for d in &mut diagnostics {
            d.severity = Severity::Error;
        }
    }
    match result {
        Some(code) if !errors && !strict_failure => Ok(Generated { code, diagnostics }),
        _ => Err(Error::Invalid { diagnostics }),
    }
}

fn pipeline(file: &str, tree: Value, options: &Options, reporter: &mut Reporter) -> Option<String> {
    // The server's `DOCUMENT`: the document as read, before any repair.
    let document = options.server.then(|| tree.to_string());
    let api = model(tree, options, reporter)?;
    let emitter = emit::Emitter::new(&api, emit_what(options, document.as_deref()));
    let source_name = std::path::Path::new(file)
        .file_name()
        .map_or_else(|| file.to_string(), |n| n.to_string_lossy().into_owned());
    match write::render(&source_name, options.pretty, |piece| emitter.piece(piece)) {
        Ok(code) => Some(code),
        Err(e) => {
            reporter.error("#", format!("internal error: the generated code does not parse ({e}); please report this document"));
            None
        }
    }
}

/// Stages 1 to 3: the document's tree to the model, with the operations
/// asked for.
fn model(tree: Value, options: &Options, reporter: &mut Reporter) -> Option<model::Api> {
    let mut front = match input_version(&tree, reporter)? {
        Input::Swagger2 => swagger::read(tree, reporter)?,
        Input::OpenApi(version) => openapi3::read(tree, version, reporter)?,
    };
    select::apply(&mut front, &options.select, reporter)?;
    let api = model::build(&front, reporter);
    (!reporter.has_errors()).then_some(api)
}

fn emit_what<'a>(options: &Options, document: Option<&'a str>) -> emit::Emit<'a> {
    emit::Emit {
        client: options.client,
        middleware: options.client_middleware,
        server: document,
    }
}

/// The tokens `generate` would print, for tests of the printers.
#[cfg(test)]
pub(crate) fn generate_tokens(
    file: &str,
    bytes: &[u8],
    options: &Options,
) -> Option<proc_macro2::TokenStream> {
    let mut reporter = Reporter::new(file);
    let (tree, _) = load::load(file, bytes, &mut reporter)?;
    let document = options.server.then(|| tree.to_string());
    let api = model(tree, options, &mut reporter)?;
    let tokens = emit::Emitter::new(&api, emit_what(options, document.as_deref())).all();
    (!reporter.has_errors()).then_some(tokens)
}

/// What a document says it is.
enum Input {
    Swagger2,
    OpenApi(openapi3::Version),
}

/// The document's version; documents that are neither Swagger 2.0 nor
/// OpenAPI 3.0 or 3.1 are refused, saying what they are instead.
fn input_version(tree: &Value, reporter: &mut Reporter) -> Option<Input> {
    let Some(object) = tree.as_object() else {
        reporter.error("#", "the document is not a mapping (a Swagger 2.0 or OpenAPI 3 document is an object with `swagger: \"2.0\"` or `openapi: 3.x.y`)");
        return None;
    };
    if let Some(version) = object.get("openapi") {
        let text = display(version);
        if version.is_number() {
            reporter.warn(
                "#/openapi",
                format!("`openapi` should be a string such as \"{text}.0\", not a number"),
            );
        }
        let mut parts = text.trim().split('.');
        return match (parts.next(), parts.next()) {
            (Some("3"), Some("0")) => Some(Input::OpenApi(openapi3::Version::V30)),
            (Some("3"), Some("1")) => Some(Input::OpenApi(openapi3::Version::V31)),
            _ => {
                reporter.error(
                    "#/openapi",
                    format!("unsupported OpenAPI version {text}; Swagger 2.0 and OpenAPI 3.0 and 3.1 are supported"),
                );
                None
            }
        };
    }
    if let Some(version) = object.get("swaggerVersion") {
        reporter.error(
            "#/swaggerVersion",
            format!(
                "this is a Swagger {} document; Swagger 2.0 and OpenAPI 3.0 and 3.1 are supported",
                display(version)
            ),
        );
        return None;
    }
    match object.get("swagger") {
        Some(Value::String(v)) if v.trim() == "2.0" => Some(Input::Swagger2),
        Some(Value::Number(n)) if n.as_f64() == Some(2.0) => {
            reporter.warn(
                "#/swagger",
                "`swagger` should be the string \"2.0\", not a number",
            );
            Some(Input::Swagger2)
        }
        Some(other) => {
            reporter.error(
                "#/swagger",
                format!(
                    "unsupported Swagger version {}; only 2.0 is supported",
                    display(other)
                ),
            );
            None
        }
        None => {
            reporter.error(
                "#",
                "neither `swagger: \"2.0\"` nor `openapi: 3.x.y`: this is not a Swagger 2.0 or OpenAPI 3 document",
            );
            None
        }
    }
}

fn display(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}
