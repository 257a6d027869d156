//! spec/patterns.yaml end to end: the server checks `pattern` on path,
//! query and header parameters, body properties and array items, unanchored
//! unless the pattern anchors itself; a JavaScript literal `/…/i` keeps its
//! flag; a pattern the server cannot compile (look-around, backreferences,
//! Unicode classes) is reported by the generator and not checked.

use crate::common::{raw_http, serve};
use generated::patterns::{server, types, *};

type Recorder = crate::common::Log<PutCodeRequest>;

impl server::Api for Recorder {
    async fn put_code(
        &self,
        req: PutCodeRequest,
        _: server::Context,
    ) -> Result<PutCodeResponse, server::Error> {
        let body = req.body.clone();
        self.push(req);
        Ok(PutCodeResponse::Ok(body))
    }
}

const GOOD_BODY: &str = r#"{"slug":"a-b-c","word":"snake_case_1","emails":["a@b"]}"#;

async fn put(
    addr: std::net::SocketAddr,
    target: &str,
    header: &str,
    body: &str,
) -> crate::common::RawResponse {
    let head = format!("PUT {target} HTTP/1.1\r\nContent-Type: application/json{header}");
    raw_http(addr, &head, body.as_bytes()).await
}

#[tokio::test]
async fn values_that_match_reach_the_handler() {
    let recorder = Recorder::default();
    let addr = serve(server::router(recorder.clone())).await;
    let response = put(
        addr,
        "/v1/codes/ABC-123?tag=xxabbbcxx&labels=a&labels=bc",
        "\r\nX-Name: MiXeD",
        GOOD_BODY,
    )
    .await;
    response.assert_status(200);
    let received = recorder.last();
    assert_eq!(received.code, "ABC-123");
    // Unanchored: `ab+c` matches inside the value.
    assert_eq!(received.tag.as_deref(), Some("xxabbbcxx"));
    // `/^[a-z]+$/i` is case-insensitive.
    assert_eq!(received.x_name.as_deref(), Some("MiXeD"));
    assert_eq!(received.body.slug, "a-b-c");
}

#[tokio::test]
async fn values_that_do_not_match_get_a_400_naming_the_place_and_the_pattern() {
    let recorder = Recorder::default();
    let addr = serve(server::router(recorder.clone())).await;
    let cases = [
        (
            "/v1/codes/abc-123",
            "",
            GOOD_BODY,
            "code",
            "^[A-Z]{3}-\\d{3}$",
        ),
        (
            "/v1/codes/ABC-1234",
            "",
            GOOD_BODY,
            "code",
            "^[A-Z]{3}-\\d{3}$",
        ),
        ("/v1/codes/ABC-123?tag=ac", "", GOOD_BODY, "tag", "ab+c"),
        (
            "/v1/codes/ABC-123",
            "\r\nX-Name: a1",
            GOOD_BODY,
            "X-Name",
            "^[a-z]+$",
        ),
        (
            "/v1/codes/ABC-123?labels=ok,NO",
            "",
            GOOD_BODY,
            "labels",
            "^[a-z]+$",
        ),
        (
            "/v1/codes/ABC-123",
            "",
            r#"{"slug":"a--b"}"#,
            "body",
            "/slug",
        ),
        // ECMA-262's `\w` is ASCII, and so is the server's.
        (
            "/v1/codes/ABC-123",
            "",
            r#"{"slug":"a","word":"Wörter"}"#,
            "body",
            "/word",
        ),
        (
            "/v1/codes/ABC-123",
            "",
            r#"{"slug":"a","emails":["a@b","no at"]}"#,
            "body",
            "/emails/1",
        ),
    ];
    for (target, header, body, parameter, expected) in cases {
        let response = put(addr, target, header, body).await;
        assert_eq!(response.status, 400, "{target} {body}");
        let json = response.json();
        assert_eq!(json["parameter"], parameter, "{target} {body}");
        let message = json["message"].as_str().unwrap();
        assert!(message.contains(expected), "{target} {body}: {message}");
        assert!(message.contains("does not match the pattern"), "{message}");
    }
    assert!(recorder.is_empty());
}

#[test]
fn a_pattern_the_server_cannot_check_is_reported_where_it_is() {
    let spec = br##"
swagger: "2.0"
info: {title: t, version: "1"}
paths:
  /a:
    get:
      operationId: getA
      parameters:
        - {name: strong, in: query, type: string, pattern: "^(?=.*\\d).{8,}$"}
        - {name: fine, in: query, type: string, pattern: "^[a-z]+$"}
      responses:
        200:
          description: ok
          schema: {$ref: "#/definitions/Word"}
definitions:
  Word:
    type: object
    properties:
      letters: {type: string, pattern: "^\\p{L}+$"}
      list:
        type: array
        items: {type: string, pattern: "(a)\\1"}
"##;
    let generated =
        swagger_stubgen::generate("inline.yaml", spec, &swagger_stubgen::Options::default())
            .expect("generates");
    let warnings: Vec<String> = generated
        .diagnostics
        .iter()
        .map(|d| d.to_string())
        .collect();
    let expected = [
        ("#/paths/~1a/get/parameters/0/pattern", "look-around"),
        ("#/definitions/Word/properties/letters/pattern", "Unicode"),
        (
            "#/definitions/Word/properties/list/items/pattern",
            "not checked",
        ),
    ];
    assert_eq!(warnings.len(), expected.len(), "{warnings:#?}");
    for (pointer, why) in expected {
        assert!(
            warnings
                .iter()
                .any(|w| w.contains(pointer) && w.contains(why) && w.contains("not checked")),
            "no warning at {pointer}: {warnings:#?}"
        );
    }
    // The checked pattern is in the server, the others are not (but for
    // the document itself, `server::DOCUMENT`).
    let code: String = generated
        .code
        .lines()
        .filter(|line| !line.contains("pub const DOCUMENT"))
        .collect();
    assert!(code.contains(r#""^[a-z]+$""#));
    assert!(!code.contains("(?="));
}

#[test]
fn the_request_type_keeps_plain_strings() {
    // Patterns constrain values; they do not change types.
    let entry = types::Entry {
        slug: "x".to_string(),
        word: None,
        emails: None,
    };
    assert_eq!(entry.slug.len(), 1);
}
