//! The loader on the seed as given and on the shapes real files take, and on
//! input that is not a Swagger 2.0 document at all.

use swagger_stubgen::{Diagnostic, Error, Options, Severity, generate};

const SEED: &str = include_str!("../spec/aws-codepipeline.yaml");

fn code(file: &str, bytes: &[u8]) -> String {
    match generate(file, bytes, &Options::default()) {
        Ok(generated) => generated.code,
        Err(e) => panic!("{file} did not generate:\n{e}"),
    }
}

fn errors(file: &str, bytes: &[u8]) -> Vec<Diagnostic> {
    match generate(file, bytes, &Options::default()) {
        Ok(_) => panic!("{file} generated, but an error was expected"),
        Err(Error::Invalid { diagnostics }) => {
            assert!(
                diagnostics.iter().any(|d| d.severity == Severity::Error),
                "no error among {diagnostics:?}"
            );
            diagnostics
        }
        Err(other) => panic!("unexpected error kind: {other}"),
    }
}

/// What the seed generates, minus the header (which names the file).
/// The code after its header comment, without `server::DOCUMENT` (the
/// document's own text, which differs with what the document leaves out).
fn body(code: &str) -> String {
    let rest = code.split_once("\n\n").map_or(code, |(_, rest)| rest);
    rest.lines()
        .filter(|line| !line.trim_start().starts_with("pub const DOCUMENT"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn seed_as_given_has_both_operations() {
    let code = code("aws-codepipeline.yaml", SEED.as_bytes());
    for needle in [
        "pub struct AcknowledgeJobRequest",
        "pub struct AcknowledgeThirdPartyJobRequest",
        "pub fn acknowledge_job(",
        "\"Action\", \"AcknowledgeJob\"",
    ] {
        assert!(code.contains(needle), "missing {needle:?}");
    }
}

#[test]
fn crlf_line_endings_generate_the_same_code() {
    let crlf = SEED.replace('\n', "\r\n");
    assert_eq!(
        body(&code("a.yaml", crlf.as_bytes())),
        body(&code("a.yaml", SEED.as_bytes()))
    );
}

#[test]
fn a_byte_order_mark_is_ignored() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(SEED.as_bytes());
    assert_eq!(
        body(&code("a.yaml", &bytes)),
        body(&code("a.yaml", SEED.as_bytes()))
    );
}

#[test]
fn the_seed_as_json_generates_the_same_code() {
    // The same document written as JSON (integer status keys become strings).
    let yaml: serde_json::Value = {
        let code = code("a.yaml", SEED.as_bytes());
        assert!(!code.is_empty());
        // Build the JSON form by hand from the YAML text's meaning.
        serde_json::json!({
            "swagger": "2.0",
            "info": {"title": "AWS Code Pipeline API Acknowledge Third Party Job", "version": "1.0.0",
                     "description": "Confirms a job worker has received the specified job."},
            "schemes": ["http"], "produces": ["application/json"], "consumes": ["application/json"],
            "paths": {
                "/?Action=AcknowledgeJob": {"get": {
                    "summary": "Acknowledge Job",
                    "description": "Returns information about a specified job and whether that job has been received by\n            the job worker.",
                    "operationId": "acknowledgeJob",
                    "parameters": [
                        {"in": "query", "name": "DryRun", "description": "Checks whether you have the required permissions for the action, without actually making the      request, and provides an error response", "type": "string"},
                        {"in": "query", "name": "jobId", "description": "The unique system-generated ID of the job for which you want to confirm            receipt", "type": "string"},
                        {"in": "query", "name": "nonce", "description": "A system-generated random number that AWS CodePipeline uses to ensure that the job            is being worked on by only one job worker", "type": "string"},
                        {"in": "query", "name": "SnapshotId", "description": "The ID of the EBS snapshot", "type": "string"}
                    ],
                    "responses": {"200": {"description": "OK"}}
                }},
                "/?Action=AcknowledgeThirdPartyJob": {"get": {
                    "summary": "Acknowledge Third Party Job",
                    "description": "Confirms a job worker has received the specified job.",
                    "operationId": "acknowledgeThirdPartyJob",
                    "parameters": [
                        {"in": "query", "name": "clientToken", "description": "The clientToken portion of the clientId and clientToken pair used to verify that            the calling entity is allowed access to the job and its details", "type": "string"},
                        {"in": "query", "name": "DryRun", "description": "Checks whether you have the required permissions for the action, without actually making the      request, and provides an error response", "type": "string"},
                        {"in": "query", "name": "jobId", "description": "The unique system-generated ID of the job", "type": "string"},
                        {"in": "query", "name": "nonce", "description": "A system-generated random number that AWS CodePipeline uses to ensure that the job            is being worked on by only one job worker", "type": "string"},
                        {"in": "query", "name": "VolumeId", "description": "The ID of the volume", "type": "string"}
                    ],
                    "responses": {"200": {"description": "OK"}}
                }}
            }
        })
    };
    let json = serde_json::to_vec_pretty(&yaml).unwrap();
    assert_eq!(
        body(&code("a.json", &json)),
        body(&code("a.yaml", SEED.as_bytes()))
    );
}

#[test]
fn json_is_read_by_extension_and_yaml_otherwise() {
    // Valid YAML but not JSON: a `.json` name must fail as JSON, with a line.
    let text = b"swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\n";
    let diagnostics = errors("doc.json", text);
    assert!(
        diagnostics[0].message.contains("not valid JSON"),
        "{diagnostics:?}"
    );
    assert_eq!(diagnostics[0].line, Some((1, 1)));
    code("doc.yaml", text);
}

#[test]
fn an_empty_file_is_a_located_error() {
    for (file, bytes) in [
        ("empty.yaml", &b""[..]),
        ("dashes.yaml", b"---\n---\n"),
        ("empty.json", b"  \n"),
    ] {
        let d = &errors(file, bytes)[0];
        assert_eq!(d.file, file);
        assert_eq!(d.pointer, "#");
        assert_eq!(d.line, Some((1, 1)));
        assert!(d.message.contains("empty"), "{d}");
    }
}

#[test]
fn text_that_is_not_yaml_is_a_located_error() {
    let d = &errors(
        "broken.yaml",
        b"swagger: \"2.0\"\npaths:\n  /a: [unclosed\n",
    )[0];
    assert!(d.message.contains("not valid YAML"), "{d}");
    let (line, _) = d.line.expect("a line number");
    assert!(line >= 3, "{d}");
    assert!(d.to_string().starts_with("error: broken.yaml:"), "{d}");
}

#[test]
fn swagger_1_2_is_refused_with_its_version() {
    let d = &errors("old.json", br#"{"swaggerVersion": "1.2", "apis": []}"#)[0];
    assert_eq!(d.pointer, "#/swaggerVersion");
    assert_eq!(d.line, Some((1, 2)));
    assert!(d.message.contains("Swagger 1.2"), "{d}");
}

#[test]
fn an_openapi_version_other_than_3_0_and_3_1_is_refused_with_its_version() {
    let d = &errors(
        "new.yaml",
        b"openapi: 4.0.0\ninfo:\n  title: t\n  version: '1'\npaths: {}\n",
    )[0];
    assert_eq!(d.pointer, "#/openapi");
    assert_eq!(d.line, Some((1, 1)));
    assert!(
        d.message.contains("unsupported OpenAPI version 4.0.0"),
        "{d}"
    );
}

#[test]
fn a_document_that_is_not_a_mapping_is_refused() {
    let d = &errors("list.yaml", b"- a\n- b\n")[0];
    assert!(d.message.contains("not a mapping"), "{d}");
}

#[test]
fn a_field_of_the_wrong_shape_is_dropped_with_a_located_warning() {
    let text = b"swagger: '2.0'\ninfo:\n  title: t\n  version: '1'\npaths:\n  /a:\n    get:\n      parameters: 7\n      responses:\n        200:\n          description: OK\n";
    let generated =
        generate("bad.yaml", text, &Options::default()).expect("lenient mode generates");
    let d = generated
        .diagnostics
        .iter()
        .find(|d| d.pointer == "#/paths/~1a/get/parameters")
        .unwrap_or_else(|| panic!("{:#?}", generated.diagnostics));
    assert_eq!(d.severity, Severity::Warning);
    assert_eq!(d.line, Some((8, 7)));
    assert!(
        d.message.contains("should be a list, found a number"),
        "{d}"
    );
}

#[test]
fn warnings_carry_pointer_and_line_and_strict_turns_them_into_errors() {
    let text = b"swagger: '2.0'\ninfo:\n  title: t\n  version: '1'\npaths:\n  /a/{id}:\n    get:\n      operationId: getA\n      parameters:\n      - name: id\n        in: path\n        type: string\n      responses:\n        200:\n          description: OK\n";
    let generated =
        generate("warn.yaml", text, &Options::default()).expect("lenient mode generates");
    let d = &generated.diagnostics[0];
    assert_eq!(d.severity, Severity::Warning);
    assert_eq!(d.pointer, "#/paths/~1a~1{id}/get/parameters/0/required");
    assert_eq!(d.line, Some((10, 7)));
    assert_eq!(
        d.to_string(),
        format!("warning: warn.yaml:10:7: {}: {}", d.pointer, d.message)
    );

    let mut strict = Options::default();
    strict.strict = true;
    match generate("warn.yaml", text, &strict) {
        Err(Error::Invalid { diagnostics }) => {
            assert!(diagnostics.iter().all(|d| d.severity == Severity::Error))
        }
        other => panic!("strict mode should fail: {other:?}"),
    }
}
