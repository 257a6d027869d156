//! The code swagger-stubgen generates for every document in `spec/`, built by
//! `build.rs` through the library's `Builder`: the proof that the build-script
//! path works, and the compile test (under clippy `-D warnings`) of generated
//! code. Each document is a public module named after its file stem in snake
//! case: `generated::aws_codepipeline`, `generated::petstore`, ...

include!(concat!(env!("OUT_DIR"), "/specs.rs"));

/// Where the build script wrote the generated files (tests read the build
/// script's own output beside it).
#[doc(hidden)]
pub const OUT_DIR: &str = env!("OUT_DIR");
