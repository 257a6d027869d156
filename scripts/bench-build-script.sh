#!/usr/bin/env bash
# Generation inside a user's build script, as a user gets it: a fresh crate
# whose build.rs runs swagger-stubgen's Builder on DOC, in cargo's default
# dev profile (build scripts and their dependencies unoptimised; no profile
# settings), in a target directory of its own. The build script times the
# Builder's generate() call itself and reports it as a cargo warning; the
# document is touched before each of RUNS rebuilds, so every run regenerates;
# each run generates twice, with the Builder's default (the plain printer)
# and with .pretty(true) (prettyplease, the output before issue 14), side by
# side.
# Usage: scripts/bench-build-script.sh DOC [RUNS]   (prints figures)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
doc=$(realpath "${1:?usage: bench-build-script.sh DOC [RUNS]}")
runs=${2:-3}
work=${BENCH_WORK:-$root/target/bench-build-script}
mkdir -p "$work/src"
ext=${doc##*.}
[ "$ext" = json ] || [ "$ext" = yaml ] || [ "$ext" = yml ] || ext=json
cp "$doc" "$work/spec.$ext"
cat >"$work/Cargo.toml" <<TOML
[package]
name = "build-script-probe"
version = "0.0.0"
edition = "2024"
publish = false

[build-dependencies]
swagger-stubgen = { path = "$root/codegen" }

[workspace]
TOML
cat >"$work/build.rs" <<RS
fn main() {
    println!("cargo:rerun-if-changed=spec.$ext");
    for pretty in [false, true] {
        let start = std::time::Instant::now();
        swagger_stubgen::Builder::new()
            .spec("spec.$ext")
            .pretty(pretty)
            .out_dir(std::path::Path::new(&std::env::var("OUT_DIR").unwrap()).join(if pretty { "pretty" } else { "plain" }))
            .cargo_output(false)
            .generate()
            .unwrap_or_else(|e| panic!("{e}"));
        let printer = if pretty { "pretty(true)" } else { "default" };
        println!("cargo:warning={printer}: generate() took {:.2} s", start.elapsed().as_secs_f64());
    }
}
RS
echo '// The generated code is not compiled here: only its generation is measured.' >"$work/src/lib.rs"
cp "$root/Cargo.lock" "$work/Cargo.lock"
cd "$work"
cargo build --quiet 2>/dev/null || cargo build
for i in $(seq "$runs"); do
  touch "spec.$ext"
  cargo build 2>&1 | grep -o '[a-z()]*: generate() took [0-9.]* s' | sed "s/^/run $i: /"
done
out=$(dirname "$(ls -td target/debug/build/build-script-probe-*/out/plain | head -1)")
echo "output: default $(wc -l < "$out/plain/spec.rs") lines, pretty $(wc -l < "$out/pretty/spec.rs") lines"
