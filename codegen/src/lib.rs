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
// 2. `swagger`: the Swagger 2.0 front stage (`repair`, its serde model,
//    `upgrade`), which hands the model a `front::Front` (OpenAPI 3);
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
mod pointer;
mod runtime;
mod swagger;
mod write;

pub use builder::{Builder, GeneratedFile};
pub use diagnostic::{Diagnostic, Error, Severity};
pub use write::write_if_changed;

use diagnostic::Reporter;
use serde_json::Value;

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Options {
    /// Emit the `client` module.
    pub client: bool,
    /// Emit the `server` module.
    pub server: bool,
    /// Treat every warning as an error.
    pub strict: bool,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            client: true,
            server: true,
            strict: false,
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

fn pipeline(
    file: &str,
    mut tree: Value,
    options: &Options,
    reporter: &mut Reporter,
) -> Option<String> {
    check_version(&tree, reporter)?;
    swagger::normalize(&mut tree, reporter);
    let document: swagger::Swagger = match serde_path_to_error::deserialize(tree) {
        Ok(document) => document,
        Err(e) => {
            let pointer = swagger::path_to_pointer("#", e.path());
            reporter.error(
                pointer,
                format!("not a valid Swagger 2.0 document: {}", e.inner()),
            );
            return None;
        }
    };
    let upgraded = swagger::upgrade(&document, reporter);
    let api = model::build(&upgraded, reporter);
    if reporter.has_errors() {
        return None;
    }
    let tokens = emit::emit(
        &api,
        emit::Emit {
            client: options.client,
            server: options.server,
        },
    );
    let source_name = std::path::Path::new(file)
        .file_name()
        .map_or_else(|| file.to_string(), |n| n.to_string_lossy().into_owned());
    match write::format(tokens, &source_name) {
        Ok(code) => Some(code),
        Err(e) => {
            reporter.error("#", format!("internal error: the generated code does not parse ({e}); please report this document"));
            None
        }
    }
}

/// Refuses documents that are not Swagger 2.0, saying what they are instead.
fn check_version(tree: &Value, reporter: &mut Reporter) -> Option<()> {
    let Some(object) = tree.as_object() else {
        reporter.error("#", "the document is not a mapping (a Swagger 2.0 document is an object with `swagger: \"2.0\"`)");
        return None;
    };
    if let Some(version) = object.get("openapi") {
        reporter.error(
            "#/openapi",
            format!(
                "this is an OpenAPI {} document; only Swagger 2.0 is supported",
                display(version)
            ),
        );
        return None;
    }
    if let Some(version) = object.get("swaggerVersion") {
        reporter.error(
            "#/swaggerVersion",
            format!(
                "this is a Swagger {} document; only Swagger 2.0 is supported",
                display(version)
            ),
        );
        return None;
    }
    match object.get("swagger") {
        Some(Value::String(v)) if v.trim() == "2.0" => Some(()),
        Some(Value::Number(n)) if n.as_f64() == Some(2.0) => {
            reporter.warn(
                "#/swagger",
                "`swagger` should be the string \"2.0\", not a number",
            );
            Some(())
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
                "no `swagger: \"2.0\"` field: this is not a Swagger 2.0 document",
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
