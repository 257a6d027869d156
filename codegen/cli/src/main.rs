//! The `swagger-stubgen` command line.
//!
//! `swagger-stubgen generate SPEC... --out DIR` writes `<stem>.rs` per document;
//! `swagger-stubgen check SPEC...` only reports. Exit status: 0 when every
//! document generated (warnings go to stderr), 1 when a document has errors or
//! a file cannot be read or written, 2 for a usage error.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;
use swagger_stubgen::{Builder, Error, Severity};

#[derive(Parser)]
#[command(
    name = "swagger-stubgen",
    version,
    about = "Rust client and server stubs from Swagger 2.0 and OpenAPI 3.0/3.1 documents"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Generate `<stem>.rs` for every document into DIR.
    Generate {
        /// Swagger 2.0 or OpenAPI 3.0/3.1 documents (YAML, or JSON when the name ends in `.json`).
        #[arg(required = true)]
        specs: Vec<PathBuf>,
        /// The output directory; nothing is written outside it.
        #[arg(long, short)]
        out: PathBuf,
        #[command(flatten)]
        options: Flags,
    },
    /// Report the problems of every document without writing anything.
    Check {
        #[arg(required = true)]
        specs: Vec<PathBuf>,
        #[command(flatten)]
        options: Flags,
    },
}

/// The Builder's options, as flags.
#[derive(Args)]
struct Flags {
    /// Do not emit the client module.
    #[arg(long)]
    no_client: bool,
    /// Do not emit the server module.
    #[arg(long)]
    no_server: bool,
    /// Treat every warning as an error.
    #[arg(long)]
    strict: bool,
    /// The client sends through a `reqwest_middleware::ClientWithMiddleware`
    /// (the including crate then depends on `reqwest-middleware` 0.5).
    #[arg(long)]
    client_middleware: bool,
    /// Generate only the operations with this tag (repeatable), and only the
    /// definitions they reach. Includes of every kind add up; excludes then
    /// take operations away.
    #[arg(long, value_name = "TAG")]
    tag: Vec<String>,
    /// Leave out the operations with this tag (repeatable).
    #[arg(long, value_name = "TAG")]
    exclude_tag: Vec<String>,
    /// Generate only the operation with this operationId (repeatable).
    #[arg(long, value_name = "ID")]
    operation: Vec<String>,
    /// Leave out the operation with this operationId (repeatable).
    #[arg(long, value_name = "ID")]
    exclude_operation: Vec<String>,
    /// Generate only the operations at this path or below it, as the document
    /// writes its paths (repeatable).
    #[arg(long, value_name = "PREFIX")]
    path: Vec<String>,
    /// Leave out the operations at this path or below it (repeatable).
    #[arg(long, value_name = "PREFIX")]
    exclude_path: Vec<String>,
}

impl Flags {
    fn builder(&self, specs: &[PathBuf]) -> Builder {
        let mut builder = Builder::new()
            .specs(specs)
            .client(!self.no_client)
            .server(!self.no_server)
            .strict(self.strict)
            .client_middleware(self.client_middleware)
            .pretty(true)
            .cargo_output(false);
        for tag in &self.tag {
            builder = builder.tag(tag);
        }
        for tag in &self.exclude_tag {
            builder = builder.exclude_tag(tag);
        }
        for id in &self.operation {
            builder = builder.operation(id);
        }
        for id in &self.exclude_operation {
            builder = builder.exclude_operation(id);
        }
        for prefix in &self.path {
            builder = builder.path(prefix);
        }
        for prefix in &self.exclude_path {
            builder = builder.exclude_path(prefix);
        }
        builder
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Generate {
            specs,
            out,
            options,
        } => options.builder(specs).out_dir(out).generate().map(|files| {
            for file in &files {
                eprintln!("{} -> {}", file.spec.display(), file.path.display());
            }
        }),
        Command::Check { specs, options } => check(specs, options),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(1)
        }
    }
}

/// Generates every document in memory and prints its diagnostics.
fn check(specs: &[PathBuf], flags: &Flags) -> Result<(), Error> {
    // The Builder prints each warning as it goes; errors come back in `Err`.
    let diagnostics = flags.builder(specs).check()?;
    let warnings = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .count();
    eprintln!("0 error(s), {warnings} warning(s)");
    Ok(())
}
