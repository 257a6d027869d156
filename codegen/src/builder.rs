//! The build-script front end: reads documents, prints `cargo:` lines, writes
//! files. It is the only part of the crate that touches the filesystem or the
//! environment; the command line drives it too, so options are declared once.

use crate::diagnostic::{Diagnostic, Error, Severity};
use crate::names;
use crate::{Options, generate};
use std::path::{Path, PathBuf};

/// Generates Rust code from Swagger 2.0 documents, typically from `build.rs`.
///
/// ```no_run
/// // build.rs
/// // build.rs, in `fn main`:
/// swagger_stubgen::Builder::new()
///     .spec("spec/petstore.yaml")
///     .generate()
///     .unwrap_or_else(|e| panic!("{e}"));
/// ```
///
/// and in the crate: `pub mod petstore { include!(concat!(env!("OUT_DIR"), "/petstore.rs")); }`
#[derive(Debug, Clone)]
pub struct Builder {
    specs: Vec<PathBuf>,
    options: Options,
    out_dir: Option<PathBuf>,
    cargo: bool,
}

/// One file the Builder wrote (or found already up to date).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// The document it was generated from.
    pub spec: PathBuf,
    /// The module name to include it under: the document's file stem in snake case.
    pub module: String,
    /// The file, `<out_dir>/<module>.rs`.
    pub path: PathBuf,
    /// Whether the file was (re)written; `false` when it already held the same code.
    pub written: bool,
}

impl Default for Builder {
    fn default() -> Self {
        Self::new()
    }
}

impl Builder {
    /// A Builder that emits client and server, prints `cargo:` lines, and
    /// writes into `OUT_DIR`, with the plain printer (see [`Builder::pretty`]).
    pub fn new() -> Self {
        Self {
            specs: Vec::new(),
            options: Options {
                pretty: false,
                ..Options::default()
            },
            out_dir: None,
            cargo: true,
        }
    }

    /// Adds a document (`.json` is read as JSON, anything else as YAML).
    pub fn spec(mut self, path: impl AsRef<Path>) -> Self {
        self.specs.push(path.as_ref().to_path_buf());
        self
    }

    /// Adds several documents.
    pub fn specs<P: AsRef<Path>>(mut self, paths: impl IntoIterator<Item = P>) -> Self {
        self.specs
            .extend(paths.into_iter().map(|p| p.as_ref().to_path_buf()));
        self
    }

    /// Whether to emit the `client` module (default: yes).
    pub fn client(mut self, yes: bool) -> Self {
        self.options.client = yes;
        self
    }

    /// Whether to emit the `server` module (default: yes).
    pub fn server(mut self, yes: bool) -> Self {
        self.options.server = yes;
        self
    }

    /// Whether the client sends through a
    /// `reqwest_middleware::ClientWithMiddleware` (default: no), so that
    /// middleware (logging, retries, tracing, signing) sees every request
    /// and response. The crate that includes the output then depends on
    /// `reqwest-middleware` 0.5.
    pub fn client_middleware(mut self, yes: bool) -> Self {
        self.options.client_middleware = yes;
        self
    }

    /// Whether to format the output with prettyplease (default: no). A
    /// build script's output is compiled, rarely read: without formatting,
    /// generation takes a fraction of the time in cargo's unoptimised
    /// build-script profile, and the plain printer still writes one item,
    /// statement, field or match arm per line, so rustc's messages point at
    /// short lines. The command line always formats.
    pub fn pretty(mut self, yes: bool) -> Self {
        self.options.pretty = yes;
        self
    }

    /// Turns every warning into an error (default: no).
    pub fn strict(mut self, yes: bool) -> Self {
        self.options.strict = yes;
        self
    }

    /// Generates only the operations with this tag (repeatable: any of
    /// them), and only the definitions they reach. Include selectors of
    /// every kind add up; exclude selectors then take operations away. A
    /// selector that matches no operation is an error naming the closest.
    pub fn tag(mut self, tag: impl Into<String>) -> Self {
        self.options.select.tags.push(tag.into());
        self
    }

    /// Leaves out the operations with this tag.
    pub fn exclude_tag(mut self, tag: impl Into<String>) -> Self {
        self.options.select.exclude_tags.push(tag.into());
        self
    }

    /// Generates the operation with this operationId (as [`Builder::tag`]).
    pub fn operation(mut self, operation_id: impl Into<String>) -> Self {
        self.options.select.operations.push(operation_id.into());
        self
    }

    /// Leaves out the operation with this operationId.
    pub fn exclude_operation(mut self, operation_id: impl Into<String>) -> Self {
        self.options
            .select
            .exclude_operations
            .push(operation_id.into());
        self
    }

    /// Generates the operations at this path or below it, segment by segment,
    /// as the document writes its paths (`/pets` takes `/pets/{id}`, not
    /// `/petstore`), as [`Builder::tag`].
    pub fn path(mut self, prefix: impl Into<String>) -> Self {
        self.options.select.paths.push(prefix.into());
        self
    }

    /// Leaves out the operations at this path or below it.
    pub fn exclude_path(mut self, prefix: impl Into<String>) -> Self {
        self.options.select.exclude_paths.push(prefix.into());
        self
    }

    /// Sets all generation options at once.
    pub fn options(mut self, options: Options) -> Self {
        self.options = options;
        self
    }

    /// Where to write (default: the `OUT_DIR` of the running build script).
    pub fn out_dir(mut self, dir: impl AsRef<Path>) -> Self {
        self.out_dir = Some(dir.as_ref().to_path_buf());
        self
    }

    /// Whether to print `cargo:rerun-if-changed` and `cargo:warning` lines
    /// (default: yes; the command line turns them off). Note that once a build
    /// script prints one `rerun-if-changed`, cargo watches only the files
    /// listed, so list the others your build script reads as well.
    pub fn cargo_output(mut self, yes: bool) -> Self {
        self.cargo = yes;
        self
    }

    /// Generates every document. All documents are attempted; if any has
    /// errors, they are all returned together.
    pub fn generate(&self) -> Result<Vec<GeneratedFile>, Error> {
        let out_dir = match &self.out_dir {
            Some(dir) => dir.clone(),
            None => std::env::var_os("OUT_DIR")
                .map(PathBuf::from)
                .ok_or(Error::OutDirUnset)?,
        };
        self.run(Some(&out_dir)).map(|(files, _)| files)
    }

    /// Generates every document in memory, writes nothing, and returns every
    /// diagnostic (an `Err` when a document has errors).
    pub fn check(&self) -> Result<Vec<Diagnostic>, Error> {
        self.run(None).map(|(_, diagnostics)| diagnostics)
    }

    fn run(&self, out_dir: Option<&Path>) -> Result<(Vec<GeneratedFile>, Vec<Diagnostic>), Error> {
        if self.specs.is_empty() {
            return Err(Error::NoSpecs);
        }
        let mut all = Vec::new();
        let mut modules = names::Scope::new();
        let mut files = Vec::new();
        let mut failed = Vec::new();
        for spec in &self.specs {
            if self.cargo {
                println!("cargo:rerun-if-changed={}", spec.display());
            }
            let bytes = std::fs::read(spec).map_err(|source| Error::Io {
                path: spec.clone(),
                source,
            })?;
            let name = spec.display().to_string();
            let stem = spec
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let module = names::snake(&stem, "spec");
            let (module, _) = modules.claim(&module);
            match generate(&name, &bytes, &self.options) {
                Ok(generated) => {
                    self.report(&generated.diagnostics);
                    all.extend(generated.diagnostics);
                    if let Some(out_dir) = out_dir {
                        let path = out_dir.join(format!("{}.rs", module.trim_start_matches("r#")));
                        let written =
                            crate::write::write_if_changed(&path, generated.code.as_bytes())?;
                        files.push(GeneratedFile {
                            spec: spec.clone(),
                            module,
                            path,
                            written,
                        });
                    }
                }
                Err(Error::Invalid { diagnostics }) => {
                    // Outside cargo, the caller prints the returned error with these.
                    if self.cargo {
                        self.report(&diagnostics);
                    }
                    failed.extend(diagnostics);
                }
                Err(other) => return Err(other),
            }
        }
        if failed.iter().any(|d| d.severity == Severity::Error) {
            all.extend(failed);
            return Err(Error::Invalid { diagnostics: all });
        }
        Ok((files, all))
    }

    /// Build scripts get `cargo:warning` lines; anything else gets stderr.
    fn report(&self, diagnostics: &[Diagnostic]) {
        for d in diagnostics {
            // One line per diagnostic: cargo shows each `cargo:warning` on its own line.
            let line = d.to_string().replace(['\n', '\r'], " ");
            if self.cargo {
                println!("cargo:warning={line}");
            } else {
                eprintln!("{line}");
            }
        }
        if let Some(first) = diagnostics.first() {
            let errors = diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .count();
            let warnings = diagnostics.len() - errors;
            let line = format!("{}: {errors} error(s), {warnings} warning(s)", first.file);
            if self.cargo {
                println!("cargo:warning={line}");
            } else {
                eprintln!("{line}");
            }
        }
    }
}
