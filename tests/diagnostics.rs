//! Snapshots of the diagnostics for broken documents in `tests/diagnostics/`:
//! what a user reads when a document is wrong (file, pointer, line, message).

use swagger_stubgen::{Error, Options, generate};

#[test]
fn broken_documents_get_located_diagnostics() {
    insta::glob!("diagnostics/*.yaml", |path| {
        let name = format!(
            "diagnostics/{}",
            path.file_name().unwrap().to_string_lossy()
        );
        let bytes = std::fs::read(path).unwrap();
        let (outcome, diagnostics) = match generate(&name, &bytes, &Options::default()) {
            Ok(generated) => ("generated", generated.diagnostics),
            Err(Error::Invalid { diagnostics }) => ("refused", diagnostics),
            Err(other) => panic!("{name}: {other}"),
        };
        assert!(
            !diagnostics.is_empty(),
            "{name}: a broken document without diagnostics"
        );
        for d in &diagnostics {
            assert!(d.line.is_some(), "{name}: no line for {d}");
            assert!(d.pointer.starts_with('#'), "{name}: {d}");
        }
        let text: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
        insta::assert_snapshot!(format!("{outcome}\n{}", text.join("\n")));
    });
}
