//! One snapshot per document in `spec/`, of what the generator writes for it.
//! A changed snapshot is a change to review like code (`cargo insta review`).
//!
//! The runtime every file carries in its `support` and `runtime` modules is
//! the generator's own code (`codegen/src/runtime`), unit-tested there; these
//! snapshots keep each such module's doc, which names the runtime parts the
//! document uses, and leave out its body. The server's `DOCUMENT` (the
//! document as JSON text) is left out too.

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
        insta::assert_snapshot!(without_runtime(&generated.code));
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

/// The code with the body of every runtime module (`support`, `runtime`) left
/// out.
fn without_runtime(code: &str) -> String {
    let mut out = String::new();
    let mut skipping: Option<String> = None;
    for line in code.lines() {
        if let Some(end) = &skipping {
            if line == end {
                skipping = None;
            }
            continue;
        }
        let indent = &line[..line.len() - line.trim_start().len()];
        if let Some(name) = ["support", "runtime"]
            .into_iter()
            .find(|name| line.trim_start() == format!("mod {name} {{"))
        {
            out.push_str(&format!("{indent}mod {name} {{ ... }}\n"));
            skipping = Some(format!("{indent}}}"));
            continue;
        }
        // The document itself, as JSON text: e2e tests read it back.
        if line.trim_start().starts_with("pub const DOCUMENT: &str = ") {
            out.push_str(&format!("{indent}pub const DOCUMENT: &str = \"...\";\n"));
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}
