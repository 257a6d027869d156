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
    about = "Rust client and server stubs from Swagger 2.0 documents"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Generate `<stem>.rs` for every document into DIR.
    Generate {
        /// Swagger 2.0 documents (YAML, or JSON when the name ends in `.json`).
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
}

impl Flags {
    fn builder(&self, specs: &[PathBuf]) -> Builder {
        Builder::new()
            .specs(specs)
            .client(!self.no_client)
            .server(!self.no_server)
            .strict(self.strict)
            .cargo_output(false)
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
