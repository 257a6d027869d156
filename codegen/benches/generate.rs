//! Generation time next to parse time, measured side by side in one run.
//!
//! `cargo bench -p swagger-stubgen --bench generate` prints, per document,
//! the best of several runs of: parsing the file into a tree (serde_json for
//! JSON, serde_yaml for YAML: the floor), and generating client + server. The
//! ratio is what to compare across machines; absolute times drift.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn best_of(runs: usize, mut f: impl FnMut()) -> Duration {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut documents: Vec<PathBuf> = vec![
        root.join("spec/aws-codepipeline.yaml"),
        root.join("spec/petstore.yaml"),
    ];
    let large = root.join("../shared/corpus/large");
    match std::fs::read_dir(&large) {
        Ok(entries) => {
            let mut found: Vec<PathBuf> =
                entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
            found.sort();
            documents.extend(found);
        }
        Err(_) => eprintln!("skipped the large documents: {} is absent", large.display()),
    }
    // The largest OpenAPI 3 documents of ../shared/corpus-oas3: the largest
    // JSON (3.1) beside Kubernetes's JSON, and the largest YAML (3.0).
    let oas3 = root.join("../shared/corpus-oas3");
    for name in [
        "openapi-generator/jetbrains__ManagementService-v3.json",
        "apis-guru/amazonaws.com__ec2__2016-11-15__openapi.yaml",
    ] {
        let path = oas3.join(name);
        match path.exists() {
            true => documents.push(path),
            false => eprintln!("skipped {}: absent", path.display()),
        }
    }
    println!(
        "{:<60} {:>10} {:>12} {:>12} {:>7}",
        "document", "bytes", "parse", "generate", "ratio"
    );
    for path in documents {
        let bytes = std::fs::read(&path).unwrap();
        let json = bytes.trim_ascii_start().starts_with(b"{");
        let runs = if bytes.len() > 500_000 { 5 } else { 50 };
        let parse = best_of(runs, || {
            if json {
                let _: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
            } else {
                // Every document of the stream, as the loader reads them.
                for document in serde_yaml::Deserializer::from_slice(&bytes) {
                    let _ = <serde_yaml::Value as serde::Deserialize>::deserialize(document);
                }
            }
        });
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let options = swagger_stubgen::Options::default();
        let generate = best_of(runs, || {
            let _ = swagger_stubgen::generate(&name, &bytes, &options);
        });
        println!(
            "{:<60} {:>10} {:>10.2}ms {:>10.2}ms {:>6.1}x",
            name.chars().take(60).collect::<String>(),
            bytes.len(),
            parse.as_secs_f64() * 1e3,
            generate.as_secs_f64() * 1e3,
            generate.as_secs_f64() / parse.as_secs_f64()
        );
    }
}
