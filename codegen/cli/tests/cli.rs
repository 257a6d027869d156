//! The command line: exit codes, where files go, and what it prints.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn seed() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../spec/aws-codepipeline.yaml")
}

fn run(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_swagger-stubgen"))
        .args(args)
        .output()
        .expect("run swagger-stubgen")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

const WARNS: &str = "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths:\n  /a/{id}:\n    get:\n      operationId: getA\n      parameters:\n      - {name: id, in: path, type: string}\n      responses:\n        200: {description: OK}\n";

#[test]
fn generate_writes_one_file_per_spec_and_exits_0() {
    let out = tempfile::tempdir().unwrap();
    let output = run(&[
        "generate".as_ref(),
        seed().as_os_str(),
        "--out".as_ref(),
        out.path().as_os_str(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let written = std::fs::read_to_string(out.path().join("aws_codepipeline.rs")).unwrap();
    let expected = swagger_stubgen::generate(
        &seed().display().to_string(),
        &std::fs::read(seed()).unwrap(),
        &Default::default(),
    )
    .unwrap()
    .code;
    assert_eq!(written, expected);
    assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 1);
}

#[test]
fn output_names_come_from_the_file_stem_and_stay_in_the_out_dir() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("..my spec.v2.yaml");
    std::fs::write(&spec, std::fs::read(seed()).unwrap()).unwrap();
    let out = dir.path().join("out");
    let output = run(&[
        "generate".as_ref(),
        spec.as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let names: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, vec![std::ffi::OsString::from("my_spec_v2.rs")]);
    // Nothing beside the spec and the out dir.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
}

#[test]
fn warnings_go_to_stderr_and_strict_makes_them_fail() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("warns.yaml");
    std::fs::write(&spec, WARNS).unwrap();
    let out = dir.path().join("out");
    let output = run(&[
        "generate".as_ref(),
        spec.as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("warns.yaml:8:7: #/paths/~1a~1{id}/get/parameters/0/required"),
        "{}",
        stderr(&output)
    );

    let strict = dir.path().join("strict");
    let output = run(&[
        "generate".as_ref(),
        "--strict".as_ref(),
        spec.as_os_str(),
        "--out".as_ref(),
        strict.as_os_str(),
    ]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(stderr(&output).contains("error: "), "{}", stderr(&output));
    assert!(
        !strict.exists(),
        "strict mode wrote output for a failing document"
    );
}

#[test]
fn check_reports_located_errors_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("broken.yaml");
    std::fs::write(&spec, "openapi: 4.0.0\ninfo: {title: t, version: '1'}\n").unwrap();
    let output = run(&["check".as_ref(), spec.as_os_str()]);
    assert_eq!(output.status.code(), Some(1));
    let text = stderr(&output);
    assert!(
        text.contains("broken.yaml:1:1: #/openapi: unsupported OpenAPI version 4.0.0"),
        "{text}"
    );
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "check wrote something"
    );

    let output = run(&["check".as_ref(), seed().as_os_str()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}

#[test]
fn a_missing_file_exits_1_and_usage_errors_exit_2() {
    let output = run(&["check".as_ref(), "/nonexistent/spec.yaml".as_ref()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("/nonexistent/spec.yaml"));
    assert_eq!(run(&[]).status.code(), Some(2));
    assert_eq!(
        run(&["generate".as_ref(), seed().as_os_str()])
            .status
            .code(),
        Some(2),
        "--out is required"
    );
    assert_eq!(run(&["frobnicate".as_ref()]).status.code(), Some(2));
}

#[test]
fn garbage_input_never_panics() {
    let dir = tempfile::tempdir().unwrap();
    let inputs: [&[u8]; 8] = [
        b"\xff\xfe\x00",
        b"swagger: '2.0'\npaths: 7\n",
        b"swagger: '2.0'\npaths:\n  /a:\n    get: 5\n",
        b"swagger: '2.0'\ndefinitions:\n  A: {$ref: '#/definitions/B'}\n  B: {$ref: '#/definitions/A'}\n",
        b"swagger: '2.0'\npaths:\n  /{a}/{a}:\n    get:\n      responses: {default: {description: x}}\n",
        b"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
        b"a: &a [*a, *a]\n",
        b"swagger: '2.0'\npaths:\n  '':\n    get:\n      operationId: ''\n      responses: {}\n",
    ];
    for (i, input) in inputs.iter().enumerate() {
        let spec = dir.path().join(format!("garbage{i}.yaml"));
        std::fs::write(&spec, input).unwrap();
        let output = run(&["check".as_ref(), spec.as_os_str()]);
        let code = output.status.code();
        assert!(
            code == Some(0) || code == Some(1),
            "input {i} exited {code:?}: {}",
            stderr(&output)
        );
        assert!(
            !stderr(&output).contains("panicked"),
            "input {i}: {}",
            stderr(&output)
        );
    }
}

fn petstore() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../spec/petstore.yaml")
}

#[test]
fn selection_flags_choose_the_operations_and_a_miss_names_the_closest() {
    let out = tempfile::tempdir().unwrap();
    let output = run(&[
        "generate".as_ref(),
        petstore().as_os_str(),
        "--out".as_ref(),
        out.path().as_os_str(),
        "--tag".as_ref(),
        "pets".as_ref(),
        "--exclude-operation".as_ref(),
        "deletePet".as_ref(),
        "--path".as_ref(),
        "/owners".as_ref(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let written = std::fs::read_to_string(out.path().join("petstore.rs")).unwrap();
    assert!(written.contains("pub fn find_owned_pet(") && written.contains("pub fn list_pets("));
    assert!(!written.contains("pub fn delete_pet("));
    let missed = run(&[
        "check".as_ref(),
        petstore().as_os_str(),
        "--operation".as_ref(),
        "listPet".as_ref(),
    ]);
    assert_eq!(missed.status.code(), Some(1));
    assert!(
        stderr(&missed).contains(
            "the operationId `listPet` (--operation) selects no operation; the closest: `listPets`"
        ),
        "{}",
        stderr(&missed)
    );
}

#[test]
fn client_middleware_makes_the_client_send_through_reqwest_middleware() {
    let out = tempfile::tempdir().unwrap();
    let output = run(&[
        "generate".as_ref(),
        petstore().as_os_str(),
        "--out".as_ref(),
        out.path().as_os_str(),
        "--client-middleware".as_ref(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let written = std::fs::read_to_string(out.path().join("petstore.rs")).unwrap();
    assert!(written.contains("http: ::reqwest_middleware::ClientWithMiddleware,"));
    assert!(written.contains("Middleware(reqwest_middleware::Error)"));
    let plain = run(&[
        "generate".as_ref(),
        petstore().as_os_str(),
        "--out".as_ref(),
        out.path().as_os_str(),
    ]);
    assert!(plain.status.success(), "{}", stderr(&plain));
    let written = std::fs::read_to_string(out.path().join("petstore.rs")).unwrap();
    assert!(!written.contains("reqwest_middleware"));
}
