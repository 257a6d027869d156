//! The build-script front end: where it writes, when it writes, and what it
//! tells cargo.

use std::path::{Path, PathBuf};
use swagger_stubgen::{Builder, Error, Severity};

fn spec(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("spec")
        .join(name)
}

#[test]
fn files_are_written_only_when_their_content_changes() {
    let out = tempfile::tempdir().unwrap();
    let builder = Builder::new()
        .spec(spec("petstore.yaml"))
        .out_dir(out.path())
        .cargo_output(false);
    let first = builder.generate().unwrap();
    assert_eq!(first.len(), 1);
    assert_eq!(first[0].module, "petstore");
    assert_eq!(first[0].path, out.path().join("petstore.rs"));
    assert!(first[0].written);
    let mtime = std::fs::metadata(&first[0].path)
        .unwrap()
        .modified()
        .unwrap();

    std::thread::sleep(std::time::Duration::from_millis(20));
    let second = builder.generate().unwrap();
    assert!(
        !second[0].written,
        "an unchanged document rewrote its output"
    );
    assert_eq!(
        std::fs::metadata(&second[0].path)
            .unwrap()
            .modified()
            .unwrap(),
        mtime
    );

    // A different result is written.
    let third = builder.clone().server(false).generate().unwrap();
    assert!(third[0].written);
    let code = std::fs::read_to_string(&third[0].path).unwrap();
    assert!(code.contains("pub mod client") && !code.contains("pub mod server"));
}

#[test]
fn client_and_server_can_be_left_out() {
    let out = tempfile::tempdir().unwrap();
    let files = Builder::new()
        .spec(spec("aws-codepipeline.yaml"))
        .client(false)
        .out_dir(out.path())
        .cargo_output(false)
        .generate()
        .unwrap();
    let code = std::fs::read_to_string(&files[0].path).unwrap();
    assert!(!code.contains("pub mod client") && code.contains("pub mod server"));
    assert!(
        code.contains("pub struct AcknowledgeJobRequest"),
        "shared types stay"
    );
}

#[test]
fn without_out_dir_or_specs_the_errors_say_what_to_do() {
    if std::env::var_os("OUT_DIR").is_some() {
        eprintln!("skipped: OUT_DIR is set in this environment");
        return;
    }
    let error = Builder::new()
        .spec(spec("petstore.yaml"))
        .generate()
        .unwrap_err();
    assert!(matches!(error, Error::OutDirUnset));
    assert!(error.to_string().contains("OUT_DIR is not set"));
    let error = Builder::new().out_dir("/tmp").generate().unwrap_err();
    assert!(matches!(error, Error::NoSpecs));
}

#[test]
fn a_missing_document_is_an_io_error_naming_it() {
    let out = tempfile::tempdir().unwrap();
    let missing = spec("does-not-exist.yaml");
    match Builder::new()
        .spec(&missing)
        .out_dir(out.path())
        .cargo_output(false)
        .generate()
    {
        Err(Error::Io { path, .. }) => assert_eq!(path, missing),
        other => panic!("expected an Io error, got {other:?}"),
    }
}

#[test]
fn every_document_is_attempted_and_all_errors_come_back_together() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.yaml");
    let b = dir.path().join("b.json");
    std::fs::write(&a, "openapi: 4.0.0\n").unwrap();
    std::fs::write(&b, "{\"swagger\": \"1.0\"}").unwrap();
    let out = dir.path().join("out");
    let builder = Builder::new()
        .spec(&a)
        .spec(spec("petstore.yaml"))
        .spec(&b)
        .out_dir(&out)
        .cargo_output(false);
    match builder.generate() {
        Err(Error::Invalid { diagnostics }) => {
            let files: Vec<_> = diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .map(|d| d.file.clone())
                .collect();
            assert_eq!(
                files,
                vec![a.display().to_string(), b.display().to_string()]
            );
        }
        other => panic!("expected Invalid, got {other:?}"),
    }
    // The good document in between was still generated.
    assert!(out.join("petstore.rs").exists());
    assert!(!out.join("a.rs").exists() && !out.join("b.rs").exists());
}

#[test]
fn the_generated_crates_build_script_told_cargo_about_every_file_it_read() {
    // `generated` is built by cargo before this test; its build script's
    // output sits beside its OUT_DIR.
    let output = Path::new(generated::OUT_DIR)
        .parent()
        .unwrap()
        .join("output");
    let printed = std::fs::read_to_string(&output).unwrap();
    let spec_dir = std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("spec")).unwrap();
    let mut specs: Vec<String> = spec_dir
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    specs.sort();
    assert!(!specs.is_empty());
    for name in &specs {
        assert!(
            printed
                .lines()
                .any(|l| l.starts_with("cargo:rerun-if-changed=")
                    && l.ends_with(&format!("spec/{name}"))),
            "no rerun-if-changed for {name} in:\n{printed}"
        );
    }
    assert!(
        printed
            .lines()
            .any(|l| l.starts_with("cargo:rerun-if-changed=") && l.ends_with("/spec")),
        "{printed}"
    );
    assert!(
        !printed.contains("cargo:warning"),
        "the project's documents produce warnings:\n{printed}"
    );
    // And each document became a module file in OUT_DIR.
    assert!(
        Path::new(generated::OUT_DIR)
            .join("aws_codepipeline.rs")
            .exists()
    );
    assert!(Path::new(generated::OUT_DIR).join("petstore.rs").exists());
}
