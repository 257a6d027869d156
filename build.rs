//! The root package holds only the integration tests. Two of them,
//! tests/e2e/fake_endpoints.rs and tests/e2e/fake_endpoints_oas3.rs, need
//! openapi-generator's test document from the shared corpora (which
//! `generated` then generates too): `fake_endpoints` is set when its Swagger
//! 2.0 edition is beside the project, `fake_endpoints_oas3` when its OpenAPI
//! 3.0 edition is.

use std::path::Path;

const FAKE_ENDPOINTS: &str =
    "../shared/corpus/openapi-generator/petstore-with-fake-endpoints-models-for-testing.yaml";

const FAKE_ENDPOINTS_OAS3: &str =
    "../shared/corpus-oas3/openapi-generator/petstore-with-fake-endpoints-models-for-testing.yaml";

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    for (cfg, document) in [
        ("fake_endpoints", FAKE_ENDPOINTS),
        ("fake_endpoints_oas3", FAKE_ENDPOINTS_OAS3),
    ] {
        println!("cargo::rustc-check-cfg=cfg({cfg})");
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(document);
        // Watched only when present: a path that does not exist would rerun
        // this script on every build.
        if path.exists() {
            println!("cargo::rerun-if-changed={}", path.display());
            println!("cargo::rustc-cfg={cfg}");
        }
    }
}
