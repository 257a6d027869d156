//! Documents built to hurt: deep nesting, alias bombs, huge names. Each gets
//! code or a located error, never a panic, a stack overflow or a hang.
//! (`spec/hostile.yaml`, which generates and compiles under clippy, covers
//! hostile names and descriptions.)

use std::sync::mpsc;
use std::time::Duration;
use swagger_stubgen::{Error, Options, generate};

/// Runs the generator on a thread with an ordinary 2 MiB stack; a hang is
/// anything past a minute (a correctness bound, not a speed claim).
fn run(name: &'static str, bytes: Vec<u8>) -> Result<String, Vec<String>> {
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(move || {
            let _ = tx.send(generate(name, &bytes, &Options::default()));
        })
        .unwrap();
    match rx
        .recv_timeout(Duration::from_secs(60))
        .expect("the generator hung or died")
    {
        Ok(generated) => Ok(generated.code),
        Err(Error::Invalid { diagnostics }) => {
            Err(diagnostics.iter().map(ToString::to_string).collect())
        }
        Err(other) => panic!("{other}"),
    }
}

fn deep_yaml(depth: usize) -> String {
    let mut text = String::from(
        "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\ndefinitions:\n  Deep:\n",
    );
    let mut indent = String::from("    ");
    for _ in 0..depth {
        text.push_str(&format!(
            "{indent}type: object\n{indent}properties:\n{indent}  next:\n"
        ));
        indent.push_str("    ");
    }
    text.push_str(&format!("{indent}type: string\n"));
    text
}

#[test]
fn a_schema_nested_ten_thousand_deep_is_refused_with_a_location() {
    let errors = run("deep.yaml", deep_yaml(10_000).into_bytes()).unwrap_err();
    assert!(errors[0].starts_with("error: deep.yaml:"), "{errors:?}");
    assert!(errors[0].contains("recursion limit"), "{errors:?}");

    let mut json = String::from(
        r#"{"swagger":"2.0","info":{"title":"t","version":"1"},"paths":{},"definitions":{"Deep":"#,
    );
    for _ in 0..10_000 {
        json.push_str(r#"{"type":"object","properties":{"next":"#);
    }
    json.push_str(r#"{"type":"string"}"#);
    json.push_str(&"}}".repeat(10_000));
    json.push_str("}}");
    let errors = run("deep.json", json.into_bytes()).unwrap_err();
    assert!(errors[0].contains("deep.json:1:"), "{errors:?}");
}

#[test]
fn a_schema_nested_within_the_parsers_limit_generates_nested_types() {
    let code = run("nested.yaml", deep_yaml(30).into_bytes()).expect("30 levels generate");
    assert!(
        code.contains("pub struct DeepNextNextNext"),
        "inline types are named after their position"
    );
}

#[test]
fn a_yaml_alias_bomb_is_refused() {
    let mut bomb = String::from(
        "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\nx-a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n",
    );
    for i in 1..10 {
        let prev = format!("*a{}", i - 1);
        bomb.push_str(&format!("x-a{i}: &a{i} [{}]\n", vec![prev; 10].join(", ")));
    }
    let errors = run("bomb.yaml", bomb.into_bytes()).unwrap_err();
    assert!(errors[0].starts_with("error: bomb.yaml"), "{errors:?}");
}

#[test]
fn a_self_referencing_alias_is_refused() {
    let errors = run(
        "self.yaml",
        b"swagger: '2.0'\npaths: &p\n  /a: *p\n".to_vec(),
    )
    .unwrap_err();
    assert!(errors[0].starts_with("error: self.yaml"), "{errors:?}");
}

#[test]
fn a_ref_cycle_with_no_structure_does_not_loop() {
    let doc = b"swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\ndefinitions:\n  A: {$ref: '#/definitions/B'}\n  B: {$ref: '#/definitions/A'}\n  C:\n    allOf: [{$ref: '#/definitions/C'}]\n";
    // Either refused with a location or generated; it must come back.
    let _ = run("cycle.yaml", doc.to_vec());
}

#[test]
fn very_long_names_and_many_operations_generate() {
    // JSON: YAML itself limits implicit keys to 1,024 characters.
    let long = "a".repeat(5_000);
    let mut paths = serde_json::Map::new();
    for i in 0..500 {
        paths.insert(
            format!("/p{i}/{{{long}}}"),
            serde_json::json!({"get": {
                "operationId": format!("{long}{i}"),
                "parameters": [{"name": long, "in": "path", "required": true, "type": "string"}],
                "responses": {"200": {"description": "ok"}}
            }}),
        );
    }
    let doc = serde_json::json!({"swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": paths});
    let code = run("long.json", serde_json::to_vec(&doc).unwrap()).expect("generates");
    assert!(code.contains(&format!("pub fn {long}499(")));
}

#[test]
fn all_of_diamonds_and_self_references_merge_once() {
    let doc = b"swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\ndefinitions:\n  A:\n    allOf: [{$ref: '#/definitions/A'}, {$ref: '#/definitions/A'}, {$ref: '#/definitions/B'}]\n  B:\n    allOf: [{$ref: '#/definitions/C'}, {$ref: '#/definitions/C'}]\n  C:\n    type: object\n    properties: {c: {type: string}}\n";
    let code = run("diamond.yaml", doc.to_vec()).expect("generates");
    assert!(code.contains("pub struct A"), "{code}");
}

#[test]
fn schemas_nested_near_the_parsers_limit_stay_off_the_end_of_the_stack() {
    let mut items = String::from("{type: string}");
    for _ in 0..100 {
        items = format!("{{type: array, items: {items}}}");
    }
    let doc = format!(
        "swagger: '2.0'\ninfo: {{title: t, version: '1'}}\npaths: {{}}\ndefinitions:\n  Deep: {items}\n"
    );
    // Either generated (deep levels read as free-form JSON, with a warning) or refused with a location.
    let _ = run("items.yaml", doc.into_bytes());
}

#[test]
fn a_base_path_without_a_leading_slash_gets_one() {
    let doc = b"swagger: '2.0'\ninfo: {title: t, version: '1'}\nhost: api.example.com\nbasePath: v1/\npaths:\n  /pets:\n    get:\n      operationId: listPets\n      responses: {200: {description: ok}}\n";
    let code = run("base.yaml", doc.to_vec()).expect("generates");
    assert!(code.contains("\"/v1/pets\""), "{code}");
    assert!(
        code.contains("DEFAULT_BASE_URL: &str = \"http://api.example.com\""),
        "{code}"
    );
}

#[test]
fn a_definition_that_refers_to_itself_through_an_annotated_all_of_is_a_boxed_field() {
    // The shape of APIs.guru's GitHub v3 document (issue 16): `$ref` with a
    // description beside it, written as `allOf`.
    let doc = b"swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\ndefinitions:\n  repo:\n    type: object\n    properties:\n      name: {type: string}\n      parent:\n        allOf: [{$ref: '#/definitions/repo'}, {description: the parent}]\n      source:\n        allOf: [{$ref: '#/definitions/repo'}, {description: the source}]\n";
    let code = run("repo.yaml", doc.to_vec()).expect("generates");
    assert!(
        code.contains("/// the parent\n")
            && code.contains("pub parent: ::std::option::Option<::std::boxed::Box<Repo>>"),
        "{code}"
    );
    assert!(code.contains("pub source: ::std::option::Option<::std::boxed::Box<Repo>>"));
    assert_eq!(
        code.matches("pub struct Repo").count(),
        1,
        "one Repo, no copies: {code}"
    );
}

#[test]
fn an_inline_object_that_refers_back_through_all_of_ends() {
    let doc = b"swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\ndefinitions:\n  identifier:\n    type: object\n    properties:\n      inner:\n        allOf:\n          - type: object\n            properties:\n              back:\n                allOf: [{$ref: '#/definitions/identifier'}, {description: back}]\n              more:\n                allOf: [{$ref: '#/definitions/identifier'}, {properties: {extra: {type: string}}}]\n";
    let code = run("identifier.yaml", doc.to_vec()).expect("generates");
    assert!(code.contains("pub struct IdentifierInner"), "{code}");
    assert!(code.contains("pub struct IdentifierInnerMore"), "{code}");
    assert!(
        !code.contains("IdentifierInnerMoreInner"),
        "expanded twice: {code}"
    );
}

/// Self-references through `allOf` with properties of their own, `items`,
/// `additionalProperties`, mutual recursion, and a chain where every link
/// fans out three ways (3^30 copies if each reach were expanded anew): the
/// types stay linear in the document.
#[test]
fn loops_and_fan_out_through_all_of_generate_linear_types() {
    let mut definitions = serde_json::Map::new();
    let link = |target: &str| serde_json::json!({"allOf": [{"$ref": format!("#/definitions/{target}")}, {"properties": {"note": {"type": "string"}}}]});
    for i in 0..30 {
        let next = format!("D{}", (i + 1) % 30);
        definitions.insert(
            format!("D{i}"),
            serde_json::json!({"type": "object", "properties": {
                "a": link(&next),
                "b": {"type": "array", "items": link(&next)},
                "c": {"type": "object", "additionalProperties": link(&format!("D{i}"))},
            }}),
        );
    }
    let doc = serde_json::json!({"swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": {}, "definitions": definitions});
    let code = run("fan.json", serde_json::to_vec(&doc).unwrap()).expect("generates");
    let structs = code.matches("pub struct ").count();
    // Four per definition at most, and the runtime's own four (the
    // server's `Context`, `Error` and `Rejection`, and `client::Client`).
    assert!((30..=30 * 4 + 4).contains(&structs), "{structs} structs");
}

/// `$ref`s to places inside definitions or outside them that loop back to
/// themselves, directly or through each other: they end (as free-form JSON,
/// warned), on a small stack.
#[test]
fn pointer_refs_that_loop_end() {
    let doc = serde_json::json!({
        "swagger": "2.0", "info": {"title": "t", "version": "1"},
        "paths": {"/a": {"get": {"responses": {"200": {"description": "ok", "schema": {"$ref": "#/x-a"}}}}}},
        "x-a": {"$ref": "#/x-b"},
        "x-b": {"$ref": "#/x-a"},
        "definitions": {
            "A": {"type": "object", "properties": {
                "self": {"$ref": "#/definitions/A/properties/self"},
                "list": {"type": "array", "items": {"$ref": "#/definitions/A/properties/list"}},
                "stream": {"$ref": "#/x-a"}
            }}
        }
    });
    let code = run("loops.json", serde_json::to_vec(&doc).unwrap()).expect("generates");
    assert!(code.contains("pub struct A"), "{code}");
}
