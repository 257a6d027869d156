//! The one diagnostic type and the error type of the crate.
//!
//! Every message names the file, the JSON pointer into the user's document (as
//! the user wrote it: `#/definitions/Pet`, never an upgraded location) and, where
//! the loader could find it, the line and column.

use std::fmt;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The document is wrong but code was generated anyway, honestly.
    Warning,
    /// The document cannot be turned into code.
    Error,
}

/// One problem found in a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The document's name as given to the generator.
    pub file: String,
    /// A JSON pointer into the document, `#` for the whole document.
    pub pointer: String,
    /// 1-based line and column, where known.
    pub line: Option<(usize, usize)>,
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(f, "{severity}: {}", self.file)?;
        if let Some((line, column)) = self.line {
            write!(f, ":{line}:{column}")?;
        }
        write!(f, ": {}: {}", self.pointer, self.message)
    }
}

/// Collects the diagnostics of one document.
#[derive(Debug)]
pub(crate) struct Reporter {
    file: String,
    diagnostics: Vec<Diagnostic>,
}

impl Reporter {
    pub(crate) fn new(file: &str) -> Self {
        Self {
            file: file.to_string(),
            diagnostics: Vec::new(),
        }
    }

    pub(crate) fn warn(&mut self, pointer: impl Into<String>, message: impl Into<String>) {
        self.push(Severity::Warning, pointer.into(), None, message.into());
    }

    /// A warning whose line is known already (the locator finds a key's
    /// first occurrence; a duplicate's is its later one).
    pub(crate) fn warn_at(
        &mut self,
        pointer: impl Into<String>,
        line: Option<(usize, usize)>,
        message: impl Into<String>,
    ) {
        self.push(Severity::Warning, pointer.into(), line, message.into());
    }

    pub(crate) fn error(&mut self, pointer: impl Into<String>, message: impl Into<String>) {
        self.push(Severity::Error, pointer.into(), None, message.into());
    }

    pub(crate) fn error_at(
        &mut self,
        pointer: impl Into<String>,
        line: Option<(usize, usize)>,
        message: impl Into<String>,
    ) {
        self.push(Severity::Error, pointer.into(), line, message.into());
    }

    fn push(
        &mut self,
        severity: Severity,
        pointer: String,
        line: Option<(usize, usize)>,
        message: String,
    ) {
        self.diagnostics.push(Diagnostic {
            severity,
            file: self.file.clone(),
            pointer,
            line,
            message,
        });
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.diagnostics.is_empty()
    }

    pub(crate) fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }

    /// Fills in line numbers from the source text, sorts by position, and
    /// returns the diagnostics.
    pub(crate) fn finish(mut self, source: Option<&crate::load::Source>) -> Vec<Diagnostic> {
        if let Some(source) = source.filter(|_| self.diagnostics.iter().any(|d| d.line.is_none())) {
            let locator = source.locator();
            for d in &mut self.diagnostics {
                if d.line.is_none() {
                    d.line = locator.locate(&d.pointer);
                }
            }
        }
        self.diagnostics.sort_by(|a, b| {
            (a.line, &a.pointer, a.severity, &a.message)
                .cmp(&(b.line, &b.pointer, b.severity, &b.message))
        });
        self.diagnostics.dedup();
        self.diagnostics
    }
}

/// Everything that can go wrong in the generator.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// A file could not be read or written.
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The document has errors (strict mode counts warnings as errors). All
    /// diagnostics of the document are included, sorted.
    Invalid { diagnostics: Vec<Diagnostic> },
    /// No output directory was given and `OUT_DIR` is not set (the Builder was
    /// used outside a build script).
    OutDirUnset,
    /// The Builder was given no documents.
    NoSpecs,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io { path, source } => write!(f, "{}: {source}", path.display()),
            Error::Invalid { diagnostics } => {
                let errors = diagnostics
                    .iter()
                    .filter(|d| d.severity == Severity::Error)
                    .count();
                let warnings = diagnostics.len() - errors;
                for d in diagnostics {
                    writeln!(f, "{d}")?;
                }
                write!(f, "{errors} error(s), {warnings} warning(s)")
            }
            Error::OutDirUnset => write!(
                f,
                "no output directory: OUT_DIR is not set (is this running outside a build script?); \
                 call Builder::out_dir to choose one"
            ),
            Error::NoSpecs => write!(f, "no Swagger documents given: call Builder::spec"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}
