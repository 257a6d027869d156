//! One snapshot per document in `spec/`, of exactly what the generator writes.
//! A changed snapshot is a change to review like code (`cargo insta review`).

use swagger_stubgen::{Options, generate};

#[test]
fn every_document_in_spec_generates_its_snapshot() {
    insta::glob!("../spec", "*.{yaml,yml,json}", |path| {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(path).unwrap();
        let generated =
            generate(&name, &bytes, &Options::default()).unwrap_or_else(|e| panic!("{name}:\n{e}"));
        // The project's own documents are clean: any warning is a regression.
        assert!(
            generated.diagnostics.is_empty(),
            "{name}: {:#?}",
            generated.diagnostics
        );
        insta::assert_snapshot!(generated.code);
    });
}

#[test]
fn generation_is_deterministic() {
    for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/spec")).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let name = path.display().to_string();
        let first = generate(&name, &bytes, &Options::default()).unwrap().code;
        for _ in 0..3 {
            assert_eq!(
                generate(&name, &bytes, &Options::default()).unwrap().code,
                first,
                "{name}"
            );
        }
    }
}
