//! Every document of `../shared/corpus` (Swagger 2.0) generates code that
//! compiles, or gets a located diagnostic; none panics or hangs. The
//! generated code of all documents is compiled (`cargo clippy`) in a few
//! scratch crates under `target/corpus-check`. Skips, saying so, when the
//! corpus is absent (a user's fresh clone).
//!
//! It prints one summary line; it fails on any panic, hang, output that
//! does not compile or draws a rustc or clippy warning, or when fewer than
//! 99% of documents generate.
//!
//! `../shared/corpus-oas3` (OpenAPI 3.0 and 3.1) is checked the same way, at
//! least 97% generating; `scripts/corpus-oas3.sh` runs that test alone.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use swagger_stubgen::{Error, Options, Severity, generate};

/// A document still generating after this long counts as hung.
const HANG: Duration = Duration::from_secs(60);
/// How many scratch crates the outputs are spread over (cargo builds them in parallel).
const BATCHES: usize = 16;

fn corpus(name: &str) -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared")
        .join(name);
    dir.join("MANIFEST.tsv").exists().then_some(dir)
}

/// The corpus documents, from the manifest, in its order.
fn documents(dir: &Path) -> Vec<PathBuf> {
    let manifest = std::fs::read_to_string(dir.join("MANIFEST.tsv")).unwrap();
    manifest
        .lines()
        .skip(1)
        .filter_map(|l| l.split('\t').next())
        .filter(|p| !p.is_empty())
        .map(|p| dir.join(p))
        .collect()
}

#[derive(Debug)]
enum Outcome {
    Generated(String),
    Diagnosed(String),
    Panicked(String),
    Hung,
}

fn run_one(path: &Path) -> Outcome {
    let bytes = std::fs::read(path).unwrap();
    let name = path.display().to_string();
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .spawn(move || {
            let result = std::panic::catch_unwind(|| generate(&name, &bytes, &Options::default()));
            let _ = tx.send(result);
        })
        .unwrap();
    match rx.recv_timeout(HANG) {
        Ok(Ok(Ok(generated))) => Outcome::Generated(generated.code),
        Ok(Ok(Err(Error::Invalid { diagnostics }))) => {
            let first = diagnostics
                .iter()
                .find(|d| d.severity == Severity::Error)
                .or(diagnostics.first());
            let first = first.map(|d| d.to_string()).unwrap_or_default();
            assert!(
                !first.is_empty(),
                "{}: an error without a diagnostic",
                path.display()
            );
            Outcome::Diagnosed(first)
        }
        Ok(Ok(Err(other))) => Outcome::Diagnosed(other.to_string()),
        Ok(Err(panic)) => Outcome::Panicked(
            panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default(),
        ),
        Err(_) => Outcome::Hung,
    }
}

/// Generates every document on two threads, in manifest order.
fn generate_all(docs: &[PathBuf]) -> Vec<Outcome> {
    let next = Arc::new(Mutex::new(0usize));
    let results: Arc<Mutex<BTreeMap<usize, Outcome>>> = Arc::default();
    let workers: Vec<_> = (0..2)
        .map(|_| {
            let (next, results, docs) = (next.clone(), results.clone(), docs.to_vec());
            std::thread::spawn(move || {
                loop {
                    let i = {
                        let mut next = next.lock().unwrap();
                        *next += 1;
                        *next - 1
                    };
                    let Some(doc) = docs.get(i) else { return };
                    let outcome = run_one(doc);
                    results.lock().unwrap().insert(i, outcome);
                }
            })
        })
        .collect();
    for worker in workers {
        worker.join().unwrap();
    }
    Arc::try_unwrap(results)
        .unwrap()
        .into_inner()
        .unwrap()
        .into_values()
        .collect()
}

fn write_if_changed(path: &Path, contents: &str) {
    swagger_stubgen::write_if_changed(path, contents.as_bytes()).unwrap();
}

/// Writes the outputs into scratch crates and returns, per document index,
/// its compile errors (documents without errors are absent), and the first
/// warning of each document with warnings.
fn compile(
    corpus: &str,
    outputs: &[(usize, &str)],
) -> (BTreeMap<usize, Vec<String>>, BTreeMap<usize, String>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target/corpus-check")
        .join(corpus);
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let lock = std::fs::read_to_string(manifest_dir.join("Cargo.lock")).unwrap();
    write_if_changed(&root.join("Cargo.lock"), &lock);
    let members: Vec<String> = (0..BATCHES).map(|b| format!("\"batch{b}\"")).collect();
    // Both corpora share one target directory (the dependencies are built
    // once), so their crates need names of their own.
    let prefix = corpus.replace('-', "_");
    // Spread the code evenly: largest documents first, each to the lightest batch.
    let mut by_size: Vec<&(usize, &str)> = outputs.iter().collect();
    by_size.sort_by_key(|(i, code)| (std::cmp::Reverse(code.len()), *i));
    let mut load = [0usize; BATCHES];
    let mut batch_of = BTreeMap::new();
    for &&(i, code) in &by_size {
        let lightest = (0..BATCHES).min_by_key(|&b| (load[b], b)).unwrap();
        load[lightest] += code.len();
        batch_of.insert(i, lightest);
    }
    write_if_changed(
        &root.join("Cargo.toml"),
        &format!(
            "[workspace]\nmembers = [{}]\nresolver = \"3\"\n",
            members.join(", ")
        ),
    );
    for b in 0..BATCHES {
        let dir = root.join(format!("batch{b}"));
        write_if_changed(
            &dir.join("Cargo.toml"),
            &format!(
                "[package]\nname = \"{prefix}_batch{b}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n[dependencies]\n\
                 serde = {{ version = \"1\", features = [\"derive\"] }}\nserde_json = {{ version = \"1\", features = [\"preserve_order\"] }}\n\
                 bytes = \"1\"\naxum = {{ version = \"0.8\", default-features = false, features = [\"http1\", \"tokio\", \"multipart\"] }}\n\
                 reqwest = {{ version = \"0.13\", default-features = false }}\n\
                 chrono = {{ version = \"0.4\", default-features = false, features = [\"std\", \"serde\"] }}\n\
                 uuid = {{ version = \"1\", default-features = false, features = [\"std\", \"serde\"] }}\n\
                 regex-lite = \"0.1\"\ntokio = {{ version = \"1\", features = [\"time\"] }}\nfutures-core = \"0.3\"\n"
            ),
        );
        let mut lib =
            String::from("// Generated by tests/corpus.rs: one module per corpus document.\n");
        let mut keep = BTreeSet::new();
        for &(i, code) in outputs.iter().filter(|(i, _)| batch_of[i] == b) {
            lib.push_str(&format!("pub mod d{i};\n"));
            write_if_changed(&dir.join(format!("src/d{i}.rs")), code);
            keep.insert(format!("d{i}.rs"));
        }
        write_if_changed(&dir.join("src/lib.rs"), &lib);
        // Outputs of documents that no longer generate must not linger.
        for entry in std::fs::read_dir(dir.join("src")).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            if name != "lib.rs" && !keep.contains(&name) {
                std::fs::remove_file(dir.join("src").join(&name)).unwrap();
            }
        }
    }
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let output = Command::new(cargo)
        .args([
            // clippy, not check: generated code must be clean under clippy,
            // and its lints cost about a tenth more time than check alone.
            "clippy",
            "--workspace",
            "--offline",
            "--message-format=json",
            "--quiet",
        ])
        .current_dir(&root)
        .env("CARGO_TARGET_DIR", root.join("../target"))
        // Incremental state of these batches is some 13 GB and buys nothing:
        // a batch that changed is checked from scratch anyway.
        .env("CARGO_INCREMENTAL", "0")
        .output()
        .expect("run cargo clippy");
    let mut errors: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    let mut warned: BTreeMap<usize, String> = BTreeMap::new();
    let mut unplaced = Vec::new();
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let Ok(message) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        if message["reason"] != "compiler-message" {
            continue;
        }
        let message = &message["message"];
        let level = message["level"].as_str().unwrap_or_default();
        let files: BTreeSet<usize> = message["spans"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|s| s["file_name"].as_str())
            // `batch3/src/d17.rs`: paths are relative to the scratch workspace.
            .filter_map(|f| {
                let name = f.rsplit('/').next()?;
                name.strip_prefix('d')?.strip_suffix(".rs")?.parse().ok()
            })
            .collect();
        if level == "error" && files.is_empty() {
            unplaced.push(message["rendered"].as_str().unwrap_or_default().to_string());
        }
        for doc in files {
            match level {
                "error" => errors
                    .entry(doc)
                    .or_default()
                    .push(message["rendered"].as_str().unwrap_or_default().to_string()),
                "warning" => {
                    warned.entry(doc).or_insert_with(|| {
                        message["rendered"].as_str().unwrap_or_default().to_string()
                    });
                }
                _ => {}
            }
        }
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success() || !errors.is_empty(),
        "cargo clippy failed without a compile error in a document:\n{stderr}\n{}",
        unplaced.join("\n")
    );
    (errors, warned)
}

#[test]
fn every_corpus_document_generates_compiling_code_or_is_diagnosed() {
    check("corpus", 99);
}

#[test]
fn every_oas3_corpus_document_generates_compiling_code_or_is_diagnosed() {
    check("corpus-oas3", 97);
}

/// Generates and compiles every document of `../shared/<name>`; at least
/// `percent` of them must generate.
fn check(name: &str, percent: usize) {
    let Some(dir) = corpus(name) else {
        eprintln!("skipped: ../shared/{name} is absent, so the corpus test cannot run");
        return;
    };
    let start = Instant::now();
    let docs = documents(&dir);
    let outcomes = generate_all(&docs);
    let generated_in = start.elapsed();

    let mut outputs = Vec::new();
    let (mut diagnosed, mut panicked, mut hung) = (Vec::new(), Vec::new(), Vec::new());
    for (i, (doc, outcome)) in docs.iter().zip(&outcomes).enumerate() {
        match outcome {
            Outcome::Generated(code) => outputs.push((i, code.as_str())),
            Outcome::Diagnosed(message) => diagnosed.push(message.clone()),
            Outcome::Panicked(message) => panicked.push(format!("{}: {message}", doc.display())),
            Outcome::Hung => hung.push(doc.display().to_string()),
        }
    }
    let compile_start = Instant::now();
    let (errors, warned) = compile(name, &outputs);
    for (doc, messages) in errors.iter().take(20) {
        eprintln!(
            "DOES NOT COMPILE: {} ({} errors); first:\n{}",
            docs[*doc].display(),
            messages.len(),
            messages[0]
        );
    }
    for (doc, message) in warned.iter().take(20) {
        eprintln!("WARNS: {}; first:\n{message}", docs[*doc].display());
    }
    for message in diagnosed.iter().take(40) {
        eprintln!("DIAGNOSED: {message}");
    }
    for message in panicked.iter().chain(&hung) {
        eprintln!("PANICKED OR HUNG: {message}");
    }
    let total = docs.len();
    let generated = outputs.len();
    println!(
        "{name}: {total} documents, {generated} generated ({:.1}%), {} diagnosed, {} panicked, {} hung, {} not compiling, {} compiling with warnings (generation {:.0?}, compilation {:.0?})",
        100.0 * generated as f64 / total as f64,
        diagnosed.len(),
        panicked.len(),
        hung.len(),
        errors.len(),
        warned.len(),
        generated_in,
        compile_start.elapsed(),
    );
    assert!(panicked.is_empty(), "{} documents panicked", panicked.len());
    assert!(hung.is_empty(), "{} documents hung", hung.len());
    assert!(
        errors.is_empty(),
        "{} documents generated code that does not compile",
        errors.len()
    );
    assert!(
        warned.is_empty(),
        "{} documents generated code that draws warnings",
        warned.len()
    );
    assert!(
        generated * 100 >= total * percent,
        "only {generated} of {total} documents generated"
    );
}
