//! Any bytes, read as YAML and as JSON, through the whole generator: it may
//! refuse them with diagnostics, but it must not panic, hang or overflow.

#![no_main]

use libfuzzer_sys::fuzz_target;
use swagger_stubgen::{generate, Options};

fuzz_target!(|data: &[u8]| {
    let options = Options::default();
    for name in ["fuzz.yaml", "fuzz.json"] {
        match generate(name, data, &options) {
            Ok(generated) => assert!(generated.code.starts_with("// @generated")),
            Err(swagger_stubgen::Error::Invalid { diagnostics }) => assert!(!diagnostics.is_empty()),
            Err(other) => panic!("unexpected error kind: {other}"),
        }
    }
});
