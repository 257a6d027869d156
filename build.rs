//! The root package holds only the integration tests. One of them,
//! tests/e2e/fake_endpoints.rs, needs openapi-generator's test document from
//! the shared corpus (which `generated` then generates too): `fake_endpoints`
//! is set when that document is beside the project.

use std::path::Path;

const FAKE_ENDPOINTS: &str =
    "../shared/corpus/openapi-generator/petstore-with-fake-endpoints-models-for-testing.yaml";

fn main() {
    println!("cargo::rustc-check-cfg=cfg(fake_endpoints)");
    println!("cargo::rerun-if-changed=build.rs");
    let fake = Path::new(env!("CARGO_MANIFEST_DIR")).join(FAKE_ENDPOINTS);
    // Watched only when present: a path that does not exist would rerun this
    // script on every build.
    if fake.exists() {
        println!("cargo::rerun-if-changed={}", fake.display());
        println!("cargo::rustc-cfg=fake_endpoints");
    }
}
