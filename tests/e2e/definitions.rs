//! spec/definitions.yaml end to end: rules on named definitions that are not
//! objects (an array's minItems, a string's pattern, an integer's maximum)
//! are checked wherever the definition is used; `type: object` alone takes
//! only objects; minProperties and maxProperties are checked (issue 16).

use crate::common::{raw_http, serve};
use generated::definitions::{client, server, types, *};

#[derive(Debug, Clone, PartialEq)]
enum Received {
    Silence(PostSilenceRequest),
    Matchers(types::Matchers),
}

type Recorder = crate::common::Log<Received>;

impl server::Api for Recorder {
    async fn post_silence(
        &self,
        req: PostSilenceRequest,
        _: server::Context,
    ) -> Result<PostSilenceResponse, server::Error> {
        let body = req.body.clone();
        self.push(Received::Silence(req));
        Ok(PostSilenceResponse::Ok(body))
    }

    async fn put_matchers(
        &self,
        req: PutMatchersRequest,
        _: server::Context,
    ) -> Result<PutMatchersResponse, server::Error> {
        self.push(Received::Matchers(req.body));
        Ok(PutMatchersResponse::NoContent)
    }
}

async fn start() -> (Recorder, client::Client, std::net::SocketAddr) {
    let recorder = Recorder::default();
    let addr = serve(server::router(recorder.clone())).await;
    (
        recorder,
        client::Client::new(format!("http://{addr}")),
        addr,
    )
}

async fn post(addr: std::net::SocketAddr, path: &str, body: &str) -> crate::common::RawResponse {
    let head = format!("POST {path} HTTP/1.1\r\nContent-Type: application/json");
    raw_http(addr, &head, body.as_bytes()).await
}

async fn put(addr: std::net::SocketAddr, path: &str, body: &str) -> crate::common::RawResponse {
    let head = format!("PUT {path} HTTP/1.1\r\nContent-Type: application/json");
    raw_http(addr, &head, body.as_bytes()).await
}

#[tokio::test]
async fn a_valid_silence_round_trips() {
    let (recorder, client, _) = start().await;
    let silence = types::Silence {
        matchers: Some(vec![types::Matcher {
            name: "job".to_string(),
            is_regex: Some(false),
        }]),
        severity: Some(5),
        labels: Some([("team".to_string(), serde_json::json!("a"))].into()),
        extra: Some(Default::default()),
        comment: Some("mine".to_string()),
        state: Some(types::SilenceState::Expired),
        weight: Some(0.5),
        offset: Some(1),
    };
    let req = PostSilenceRequest {
        limit: 3,
        sort: types::PostSilenceSort::Asc,
        threshold: 0.25,
        body: silence.clone(),
    };
    let got = client.post_silence(&req).await.expect("post");
    assert_eq!(got, PostSilenceResponse::Ok(silence.clone()));
    assert_eq!(recorder.take(), [Received::Silence(req)]);

    // The body alone makes the request, every parameter at its default
    // (issue 13): one call, no wrapper spelled out.
    let got = client
        .post_silence(&silence.clone().into())
        .await
        .expect("post from the body");
    assert_eq!(got, PostSilenceResponse::Ok(silence.clone()));
    let [Received::Silence(req)] = <[Received; 1]>::try_from(recorder.take()).unwrap() else {
        panic!("not a silence")
    };
    assert_eq!(
        (req.limit, req.sort, req.body),
        (10, types::PostSilenceSort::Desc, silence)
    );
}

/// Defaults: the server reads a parameter's default when it is absent (the
/// parameter is its plain type); a property's default is filled in when a
/// value without it is read, by either side (issue 16).
#[tokio::test]
#[allow(clippy::approx_constant)] // the document's own values

async fn defaults_are_applied_where_the_value_is_read() {
    let (recorder, _, addr) = start().await;
    let response = post(addr, "/v1/silences", r#"{"matchers": [{"name": "job"}]}"#).await;
    assert_eq!(response.status, 200);
    let Ok::<[Received; 1], _>([Received::Silence(req)]) = recorder.take().try_into() else {
        panic!("not a silence")
    };
    assert_eq!((req.limit, req.sort), (10, types::PostSilenceSort::Desc));
    let matcher = &req.body.matchers.as_ref().unwrap()[0];
    assert_eq!(matcher.is_regex, Some(true));
    assert_eq!(req.body.comment.as_deref(), Some("none given"));
    assert_eq!(req.body.state, Some(types::SilenceState::Active));
    assert_eq!(req.threshold, 3.14159);
    assert_eq!(
        (req.body.weight, req.body.offset),
        (Some(2.718_281_8), Some(-5))
    );
    // The answer carries the filled-in values.
    assert_eq!(response.json()["matchers"][0]["isRegex"], true);
    // A value the client reads is filled in the same way.
    let read: types::Silence = serde_json::from_str("{}").unwrap();
    assert_eq!(read.state, Some(types::SilenceState::Active));
    assert_eq!(read.matchers, None);
}

/// A definition whose fields are all optional has `Default`: the value with
/// none of them (issue 16).
#[test]
fn definitions_without_required_fields_have_a_default() {
    let silence = types::Silence {
        severity: Some(2),
        ..Default::default()
    };
    assert_eq!(silence.matchers, None);
    assert_eq!(
        serde_json::to_string(&silence).unwrap(),
        r#"{"severity":2}"#
    );
}

#[tokio::test]
async fn rules_of_named_definitions_are_checked_where_they_are_used() {
    let (recorder, _, addr) = start().await;
    let cases = [
        // The alias `matchers` (minItems: 1), as a property and as a body.
        (
            "/v1/silences",
            r#"{"matchers": []}"#,
            "/matchers: 0 items, fewer than the minItems 1",
        ),
        ("/v1/matchers", "[]", "0 items, fewer than the minItems 1"),
        // The alias `labelName` (pattern), inside the items of the alias.
        (
            "/v1/matchers",
            r#"[{"name": "Job"}]"#,
            "/0/name: \"Job\" does not match the pattern ^[a-z_]+$",
        ),
        // The alias `severity` (maximum: 5).
        (
            "/v1/silences",
            r#"{"severity": 6}"#,
            "/severity: 6 is above the maximum 5",
        ),
        // Property counts, on the definition and on a property.
        (
            "/v1/silences",
            "{}",
            "0 properties, fewer than the minProperties 1",
        ),
        (
            "/v1/silences",
            r#"{"labels": {"a": 1, "b": 2, "c": 3}}"#,
            "/labels: 3 properties, more than the maxProperties 2",
        ),
        // `type: object` alone is an object, not anything.
        (
            "/v1/silences",
            r#"{"extra": [1, 2]}"#,
            "/extra: expected an object, found an array",
        ),
        (
            "/v1/silences",
            r#"{"extra": "x"}"#,
            "/extra: expected an object, found a string",
        ),
    ];
    for (path, body, message) in cases {
        let response = if path == "/v1/matchers" {
            put(addr, path, body).await
        } else {
            post(addr, path, body).await
        };
        assert_eq!(response.status, 400, "{path} {body}");
        assert_eq!(response.json()["message"], message, "{path} {body}");
    }
    assert!(recorder.is_empty());
    let response = put(addr, "/v1/matchers", r#"[{"name": "job"}]"#).await;
    assert_eq!(response.status, 204);
}
