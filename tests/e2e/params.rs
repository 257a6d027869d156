//! spec/params.yaml end to end: number and boolean parameters in path, query
//! and header; every `collectionFormat`; a path-level parameter overridden
//! per operation; parameters and responses by `$ref`; urlencoded and
//! multipart forms (files with names and types); raw byte and text bodies;
//! several media types with JSON preferred; typed response headers.
//!
//! Each round trip sends a request with the generated client to the
//! generated server and compares what the handler received with what was
//! sent, and what the client got back with what the handler answered.

use crate::common::{raw_http, recording_server, serve};
use bytes::Bytes;
use generated::params::{client, server, types, *};
use std::sync::{Arc, Mutex};

#[derive(Debug, Clone, PartialEq)]
enum Received {
    Scalars(ScalarsRequest),
    Lists(ListsRequest),
    Form(SubmitFormRequest),
    Upload(UploadRequest),
    Blob(PutBlobRequest),
    Negotiated(NegotiatedRequest),
    Account(CreateAccountRequest),
    Shapes(EchoShapesRequest),
}

/// Records every request; answers what the test put in `answer`.
#[derive(Clone, Default)]
struct Recorder {
    received: crate::common::Log<Received>,
    answer: Arc<Mutex<Option<ScalarsResponse>>>,
}

impl Recorder {
    fn log(&self, r: Received) {
        self.received.push(r);
    }

    fn last(&self) -> Received {
        self.received.last()
    }

    fn count(&self) -> usize {
        self.received.len()
    }
}

fn echo() -> types::Echo {
    types::Echo {
        seen: "ok".to_string(),
    }
}

impl server::Api for Recorder {
    async fn echo_shapes(
        &self,
        req: EchoShapesRequest,
        _: server::Context,
    ) -> Result<EchoShapesResponse, server::Error> {
        let body = req.body.clone();
        self.log(Received::Shapes(req));
        Ok(EchoShapesResponse::Ok(body))
    }

    async fn create_account(
        &self,
        req: CreateAccountRequest,
        _: server::Context,
    ) -> Result<CreateAccountResponse, server::Error> {
        let name = req.body.name.clone();
        self.log(Received::Account(req));
        Ok(CreateAccountResponse::Created(types::Account {
            id: Some(7),
            name,
            tier: None,
        }))
    }

    async fn scalars(
        &self,
        req: ScalarsRequest,
        _: server::Context,
    ) -> Result<ScalarsResponse, server::Error> {
        self.log(Received::Scalars(req));
        Ok(self
            .answer
            .lock()
            .unwrap()
            .clone()
            .unwrap_or(ScalarsResponse::NotFound(types::Problem {
                message: "no answer set".to_string(),
            })))
    }

    async fn lists(
        &self,
        req: ListsRequest,
        _: server::Context,
    ) -> Result<ListsResponse, server::Error> {
        self.log(Received::Lists(req));
        Ok(ListsResponse::Ok(echo()))
    }

    async fn submit_form(
        &self,
        req: SubmitFormRequest,
        _: server::Context,
    ) -> Result<SubmitFormResponse, server::Error> {
        self.log(Received::Form(req));
        Ok(SubmitFormResponse::Ok(echo()))
    }

    async fn upload(
        &self,
        req: UploadRequest,
        _: server::Context,
    ) -> Result<UploadResponse, server::Error> {
        self.log(Received::Upload(req));
        Ok(UploadResponse::Ok(echo()))
    }

    async fn put_blob(
        &self,
        req: PutBlobRequest,
        _: server::Context,
    ) -> Result<PutBlobResponse, server::Error> {
        let reversed: Vec<u8> = req.body.iter().rev().copied().collect();
        self.log(Received::Blob(req));
        Ok(PutBlobResponse::Ok(reversed.into()))
    }

    async fn get_text(
        &self,
        _: GetTextRequest,
        _: server::Context,
    ) -> Result<GetTextResponse, server::Error> {
        Ok(GetTextResponse::Ok(Bytes::from_static(
            "héllo\n".as_bytes(),
        )))
    }

    async fn negotiated(
        &self,
        req: NegotiatedRequest,
        _: server::Context,
    ) -> Result<NegotiatedResponse, server::Error> {
        let body = req.body.clone();
        self.log(Received::Negotiated(req));
        Ok(NegotiatedResponse::Ok(body))
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

fn scalars_request() -> ScalarsRequest {
    ScalarsRequest {
        flag: true,
        ratio: -2.5e-3,
        scale: 0.25,
        big: Some(i64::MAX),
        strict: Some(false),
        x_weight: Some(1.5),
        x_trace_id: Some("trace 1".to_string()),
        page: 3,
        level: Some(-2),
        factor: Some(1.5),
    }
}

#[tokio::test]
async fn numbers_and_booleans_round_trip_in_path_query_and_header() {
    let (recorder, client, _) = start().await;
    *recorder.answer.lock().unwrap() = Some(ScalarsResponse::NotFound(types::Problem {
        message: "shared response".to_string(),
    }));
    let req = scalars_request();
    let response = client.scalars(&req).await.expect("scalars");
    assert_eq!(recorder.last(), Received::Scalars(req));
    // The 404 is a response defined once under `responses` and used by `$ref`.
    assert_eq!(
        response,
        ScalarsResponse::NotFound(types::Problem {
            message: "shared response".to_string()
        })
    );
}

#[tokio::test]
async fn an_absent_shared_parameter_arrives_as_its_default() {
    let (recorder, _, addr) = start().await;
    let response = raw_http(addr, "GET /v2/scalars/true/1.5?scale=1 HTTP/1.1", b"").await;
    // The recorder's answer when none is set: the handler was reached.
    assert_eq!(response.status, 404);
    // `page` comes from the top-level `parameters` with `default: 1`.
    let Received::Scalars(req) = recorder.last() else {
        panic!("not scalars")
    };
    assert_eq!(req.page, 1);
}

#[tokio::test]
async fn the_operation_overrides_a_path_level_parameter() {
    // `scale` is optional at the path level and required in the operation:
    // the operation's wins, so a request without it never reaches the handler.
    let (recorder, _, addr) = start().await;
    let response = raw_http(addr, "GET /v2/scalars/true/1.5 HTTP/1.1", b"").await;
    assert_eq!(response.status, 400);
    assert_eq!(response.json()["parameter"], "scale");
    assert_eq!(recorder.count(), 0);
    let response = raw_http(addr, "GET /v2/scalars/maybe/1.5?scale=1 HTTP/1.1", b"").await;
    assert_eq!(response.status, 400, "not a boolean in any spelling");
    assert_eq!(response.json()["parameter"], "flag");
}

/// Booleans as real clients send them (`1`, `False`, `yes`, `off`) are read
/// in path, query and header alike (issue 16).
#[tokio::test]
async fn booleans_are_read_in_the_spellings_real_clients_use() {
    let (recorder, _, addr) = start().await;
    for (flag, strict, want) in [
        ("1", "False", (true, false)),
        ("Yes", "0", (true, false)),
        ("off", "on", (false, true)),
    ] {
        let head = format!("GET /v2/scalars/{flag}/1.5?scale=1&strict={strict} HTTP/1.1");
        let response = raw_http(addr, &head, b"").await;
        // The recorder's answer when none is set: the handler was reached.
        assert_eq!(response.status, 404, "{head}");
        let Received::Scalars(req) = recorder.last() else {
            panic!("not scalars")
        };
        assert_eq!((req.flag, req.strict), (want.0, Some(want.1)), "{head}");
    }
}

#[tokio::test]
async fn typed_response_headers_round_trip() {
    let (recorder, client, _) = start().await;
    let answers = [
        ScalarsResponse::Ok {
            body: echo(),
            x_rate_limit: Some(41),
            x_tags: Some(vec!["a".to_string(), "b".to_string()]),
            body2: Some("not the body".to_string()),
        },
        ScalarsResponse::Ok {
            body: echo(),
            x_rate_limit: None,
            x_tags: Some(vec![]),
            body2: None,
        },
        ScalarsResponse::NoContent { x_ratio: Some(0.5) },
        ScalarsResponse::NoContent { x_ratio: None },
        ScalarsResponse::Default {
            status: 503,
            body: types::Problem {
                message: "later".to_string(),
            },
            retry_after: Some(120),
        },
    ];
    for answer in answers {
        *recorder.answer.lock().unwrap() = Some(answer.clone());
        let response = client.scalars(&scalars_request()).await.expect("scalars");
        // An empty list travels as an empty header, which reads back as empty.
        assert_eq!(response, answer);
    }
}

#[tokio::test]
async fn a_response_header_that_does_not_parse_is_a_decode_error() {
    // A hand-written server that sends a header the document types as an
    // integer with a value that is not one.
    let router = axum::Router::new().route(
        "/v2/scalars/{flag}/{ratio}",
        axum::routing::get(|| async {
            (
                axum::http::StatusCode::OK,
                [("X-Rate-Limit", "many")],
                "{\"seen\":\"x\"}",
            )
        }),
    );
    let addr = serve(router).await;
    let client = client::Client::new(format!("http://{addr}"));
    let error = client
        .scalars(&scalars_request())
        .await
        .expect_err("an X-Rate-Limit that is not an integer");
    match error {
        client::Error::Decode {
            status, message, ..
        } => {
            assert_eq!(status, 200);
            assert!(message.contains("X-Rate-Limit"), "{message}");
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
}

#[tokio::test]
async fn every_collection_format_round_trips() {
    let (recorder, client, _) = start().await;
    let req = ListsRequest {
        ids: vec![1, -2, i64::MIN],
        ssv: Some(vec!["a".to_string(), "b,c".to_string()]),
        tsv: Some(vec!["x|y".to_string(), "z".to_string()]),
        pipes: Some(vec![1.5, -0.0, 2e10]),
        // multi items may hold any separator: each is its own pair.
        multi: Some(vec![
            "one, two".to_string(),
            "a|b c".to_string(),
            String::new(),
        ]),
        x_flags: Some(vec![true, false, true]),
        cursor: Some(-1),
        q: Some(String::new()),
    };
    client.lists(&req).await.expect("lists");
    assert_eq!(recorder.last(), Received::Lists(req));

    let empty = ListsRequest {
        ids: vec![7],
        ssv: None,
        tsv: None,
        pipes: None,
        multi: None,
        x_flags: None,
        cursor: None,
        q: None,
    };
    client.lists(&empty).await.expect("lists");
    assert_eq!(recorder.last(), Received::Lists(empty));
}

#[tokio::test]
async fn collection_formats_use_their_separators_on_the_wire() {
    let (addr, log) = recording_server(200, "application/json", br#"{"seen":"x"}"#).await;
    let client = client::Client::new(format!("http://{addr}"));
    let req = ListsRequest {
        ids: vec![1, 2],
        ssv: Some(vec!["a".to_string(), "b".to_string()]),
        tsv: Some(vec!["c".to_string(), "d".to_string()]),
        pipes: Some(vec![1.0, 2.5]),
        multi: Some(vec!["e".to_string(), "f".to_string()]),
        x_flags: Some(vec![true, false]),
        cursor: None,
        q: None,
    };
    client.lists(&req).await.expect("lists");
    let sent = log.lock().unwrap()[0].clone();
    assert_eq!(sent.path(), "/v2/lists/1%2C2");
    assert_eq!(
        sent.query(),
        "ssv=a%20b&tsv=c%09d&pipes=1|2.5&multi=e&multi=f"
    );
    assert_eq!(sent.header("X-Flags"), Some(&b"true,false"[..]));
}

#[tokio::test]
async fn an_urlencoded_form_round_trips() {
    let (recorder, client, _) = start().await;
    let req = SubmitFormRequest {
        name: "Zoë & co=1+2%".to_string(),
        age: Some(30),
        tags: Some(vec!["x".to_string(), "y z".to_string()]),
        colors: Some(vec!["red".to_string(), "dark blue".to_string()]),
        mode: types::SubmitFormMode::Fast,
    };
    client.submit_form(&req).await.expect("submitForm");
    assert_eq!(recorder.last(), Received::Form(req));
}

#[tokio::test]
async fn an_absent_form_field_arrives_as_its_default() {
    let (recorder, _, addr) = start().await;
    let head = "POST /v2/form HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded";
    raw_http(addr, head, b"name=n").await.assert_status(200);
    assert_eq!(
        recorder.last(),
        Received::Form(SubmitFormRequest {
            name: "n".to_string(),
            age: None,
            tags: None,
            colors: None,
            mode: types::SubmitFormMode::Slow,
        })
    );
}

#[tokio::test]
async fn an_urlencoded_form_travels_as_one() {
    let (addr, log) = recording_server(200, "application/json", br#"{"seen":"x"}"#).await;
    let client = client::Client::new(format!("http://{addr}"));
    let req = SubmitFormRequest {
        name: "a b&c".to_string(),
        age: Some(1),
        tags: Some(vec!["t1".to_string(), "t2".to_string()]),
        colors: None,
        mode: types::SubmitFormMode::Slow,
    };
    client.submit_form(&req).await.expect("submitForm");
    let sent = log.lock().unwrap()[0].clone();
    assert_eq!(
        sent.header("Content-Type"),
        Some(&b"application/x-www-form-urlencoded"[..])
    );
    // A parameter with a default is always sent.
    assert_eq!(sent.body, b"name=a%20b%26c&age=1&tags=t1&tags=t2&mode=slow");
}

#[tokio::test]
async fn bad_forms_get_a_400_naming_the_field() {
    let (recorder, _, addr) = start().await;
    let cases: &[(&[u8], &str)] = &[
        (b"age=1", "name"),
        (b"name=", "name"),
        (b"name=a&age=-1", "age"),
        (b"name=a&age=x", "age"),
        (b"name=a&mode=medium", "mode"),
        (b"name=%FF", "name"),
    ];
    for (body, parameter) in cases {
        let response = raw_http(
            addr,
            "POST /v2/form HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded",
            body,
        )
        .await;
        let text = String::from_utf8_lossy(body);
        assert_eq!(response.status, 400, "{text}");
        assert_eq!(response.json()["parameter"], *parameter, "{text}");
        assert_eq!(response.json()["in"], "form", "{text}");
    }
    assert_eq!(recorder.count(), 0);
}

#[tokio::test]
async fn allow_empty_value_on_a_form_field_reads_an_empty_value_as_absent() {
    let (recorder, _, addr) = start().await;
    let head = "POST /v2/form HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded";
    let response = raw_http(addr, head, b"name=a&age=").await;
    assert_eq!(response.status, 200);
    let Received::Form(req) = recorder.last() else {
        panic!("the form operation was not called");
    };
    assert_eq!((req.name.as_str(), req.age), ("a", None));
    // A value that is there is still checked.
    let response = raw_http(addr, head, b"name=a&age=-1").await;
    assert_eq!(response.status, 400);
    assert_eq!(response.json()["parameter"], "age");
}

fn file(name: Option<&str>, content_type: Option<&str>, bytes: &'static [u8]) -> FilePart {
    FilePart {
        file_name: name.map(str::to_string),
        content_type: content_type.map(str::to_string),
        bytes: Bytes::from_static(bytes),
    }
}

#[tokio::test]
async fn a_multipart_form_round_trips_files_with_names_and_types() {
    let (recorder, client, _) = start().await;
    // The content holds what looks like the client's first boundary, which
    // must then pick another.
    let content = b"line 1\r\n--stubgen-boundary-00000000\r\n\xff\x00binary";
    let req = UploadRequest {
        id: "a/b".to_string(),
        note: Some("ünïcode\r\nand lines".to_string()),
        count: Some(-5),
        file: file(Some("résumé 1.pdf"), Some("application/pdf"), content),
        extra: Some(file(Some("b.txt"), Some("text/plain; charset=utf-8"), b"")),
    };
    client.upload(&req).await.expect("upload");
    assert_eq!(recorder.last(), Received::Upload(req));

    let req = UploadRequest {
        id: "1".to_string(),
        note: None,
        count: None,
        file: file(None, None, b"x"),
        extra: None,
    };
    client.upload(&req).await.expect("upload");
    // A part sent without a type arrives as `application/octet-stream`, the
    // type the client gives it.
    assert_eq!(
        recorder.last(),
        Received::Upload(UploadRequest {
            file: file(None, Some("application/octet-stream"), b"x"),
            ..req
        })
    );
}

#[tokio::test]
async fn bad_multipart_bodies_get_a_400() {
    let (recorder, _, addr) = start().await;
    let head = "POST /v2/upload/1 HTTP/1.1\r\nContent-Type: multipart/form-data; boundary=XX";
    let missing_file =
        b"--XX\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhi\r\n--XX--\r\n";
    let response = raw_http(addr, head, missing_file).await;
    assert_eq!(response.status, 400);
    assert_eq!(response.json()["parameter"], "file");
    let bad_count = b"--XX\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f\"\r\n\r\nhi\r\n--XX\r\nContent-Disposition: form-data; name=\"count\"\r\n\r\nmany\r\n--XX--\r\n";
    let response = raw_http(addr, head, bad_count).await;
    assert_eq!(response.status, 400);
    assert_eq!(response.json()["parameter"], "count");
    let truncated = b"--XX\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nno end";
    let response = raw_http(addr, head, truncated).await;
    assert_eq!(response.status, 400);
    assert_eq!(response.json()["in"], "body");
    let no_boundary = raw_http(
        addr,
        "POST /v2/upload/1 HTTP/1.1\r\nContent-Type: multipart/form-data",
        b"x",
    )
    .await;
    assert_eq!(no_boundary.status, 400);
    assert_eq!(recorder.count(), 0);
}

#[tokio::test]
async fn raw_bytes_and_text_bodies_round_trip() {
    let (recorder, client, _) = start().await;
    let req = PutBlobRequest {
        body: Bytes::from_static(&[0, 255, 1, 2, b'\r', b'\n']),
    };
    let response = client.put_blob(&req).await.expect("putBlob");
    assert_eq!(recorder.last(), Received::Blob(req));
    let PutBlobResponse::Ok(body) = response;
    assert_eq!(
        body.bytes().await.unwrap(),
        &[b'\n', b'\r', 2, 1, 255, 0][..]
    );
    assert_eq!(
        client.get_text().await.expect("getText"),
        GetTextResponse::Ok(Bytes::from_static("héllo\n".as_bytes()))
    );
}

#[tokio::test]
async fn raw_and_text_bodies_carry_their_content_types() {
    let (_, _, addr) = start().await;
    let response = raw_http(
        addr,
        "PUT /v2/blobs HTTP/1.1\r\nContent-Type: application/octet-stream",
        b"ab",
    )
    .await;
    assert_eq!(response.status, 200);
    assert_eq!(
        response.header("content-type"),
        Some("application/octet-stream")
    );
    assert_eq!(response.body, b"ba");
    let response = raw_http(addr, "GET /v2/text HTTP/1.1", b"").await;
    assert_eq!(response.header("content-type"), Some("text/plain"));
}

#[tokio::test]
async fn json_is_preferred_among_several_media_types() {
    let (addr, log) = recording_server(200, "application/json", br#"{"message":"m"}"#).await;
    let client = client::Client::new(format!("http://{addr}"));
    let req = NegotiatedRequest {
        body: types::Problem {
            message: "m".to_string(),
        },
    };
    let response = client.negotiated(&req).await.expect("negotiated");
    assert_eq!(response, NegotiatedResponse::Ok(req.body.clone()));
    let sent = log.lock().unwrap()[0].clone();
    assert_eq!(sent.header("Content-Type"), Some(&b"application/json"[..]));
    assert_eq!(sent.header("Accept"), Some(&b"application/json"[..]));
    assert_eq!(sent.body, br#"{"message":"m"}"#);

    let (recorder, client, _) = start().await;
    client.negotiated(&req).await.expect("negotiated");
    assert_eq!(recorder.last(), Received::Negotiated(req));
}

#[tokio::test]
async fn a_read_only_field_is_left_out_of_requests_and_filled_in_responses() {
    let (recorder, client, _) = start().await;
    let req = CreateAccountRequest {
        body: types::Account {
            id: None,
            name: "a".to_string(),
            tier: Some(2),
        },
    };
    let response = client.create_account(&req).await.expect("createAccount");
    assert_eq!(recorder.last(), Received::Account(req));
    assert_eq!(
        response,
        CreateAccountResponse::Created(types::Account {
            id: Some(7),
            name: "a".to_string(),
            tier: None,
        })
    );

    let (addr, log) = recording_server(201, "application/json", br#"{"id":1,"name":"a"}"#).await;
    let client = client::Client::new(format!("http://{addr}"));
    client
        .create_account(&CreateAccountRequest {
            body: types::Account {
                id: None,
                name: "a".to_string(),
                tier: None,
            },
        })
        .await
        .expect("createAccount");
    assert_eq!(log.lock().unwrap()[0].body, br#"{"name":"a"}"#);
}

#[tokio::test]
async fn integer_and_number_enums_are_enforced_by_the_server() {
    let (recorder, _, addr) = start().await;
    let response = raw_http(addr, "GET /v2/scalars/true/1?scale=1&level=5 HTTP/1.1", b"").await;
    assert_eq!(response.status, 400);
    assert_eq!(response.json()["parameter"], "level");
    let message = response.json()["message"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(message.contains("1, -2, 30"), "{message}");
    let response = raw_http(
        addr,
        "GET /v2/scalars/true/1?scale=1&level=30 HTTP/1.1\r\nfactor: 2",
        b"",
    )
    .await;
    assert_eq!(response.status, 400);
    assert_eq!(response.json()["parameter"], "factor");
    let response = raw_http(
        addr,
        "POST /v2/accounts HTTP/1.1\r\nContent-Type: application/json",
        br#"{"name":"a","tier":3}"#,
    )
    .await;
    assert_eq!(response.status, 400);
    let message = response.json()["message"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(message.starts_with("/tier: 3 is not one of"), "{message}");
    assert_eq!(recorder.count(), 0);
    // Listed values pass.
    let response = raw_http(
        addr,
        "GET /v2/scalars/true/1?scale=1&level=-2 HTTP/1.1\r\nfactor: 0.5",
        b"",
    )
    .await;
    assert_eq!(response.status, 404, "the handler's default answer");
    assert_eq!(recorder.count(), 1);
}

#[tokio::test]
async fn maps_free_form_nested_arrays_all_of_and_recursive_types_round_trip() {
    let (recorder, client, _) = start().await;
    let shapes: types::Shapes = serde_json::from_value(serde_json::json!({
        "counts": {"a": 1, "b": -2},
        "anything": {"x": [1, "two", null], "y": {"z": true}},
        "free": {"k": 1.5},
        "grid": [[1.0, 2.5], [], [-3.0]],
        "merged": {"id": "m1", "extra": true},
        "tree": {"label": "root", "children": [{"label": "leaf", "children": []}]},
        "even": {"next": {"next": {"next": {}}}},
        "inline": {"x": 7}
    }))
    .expect("the document's types read the JSON");
    // The types are what the document says, boxed only on a cycle.
    let _: &Option<std::collections::BTreeMap<String, i32>> = &shapes.counts;
    let _: &Option<std::collections::BTreeMap<String, serde_json::Value>> = &shapes.anything;
    let _: &Option<Vec<Vec<f64>>> = &shapes.grid;
    let merged: &types::Merged = shapes.merged.as_ref().expect("merged");
    let _: (&String, &Option<bool>) = (&merged.id, &merged.extra);
    let tree: &types::Tree = shapes.tree.as_ref().expect("tree");
    let _: &Option<Vec<types::Tree>> = &tree.children;
    let even: &types::Even = shapes.even.as_ref().expect("even");
    let _: &Option<Box<types::Odd>> = &even.next;
    let _: &Option<types::ShapesInline> = &shapes.inline;

    let req = EchoShapesRequest {
        body: shapes.clone(),
    };
    let response = client.echo_shapes(&req).await.expect("echoShapes");
    assert_eq!(recorder.last(), Received::Shapes(req));
    assert_eq!(response, EchoShapesResponse::Ok(shapes));
}

#[tokio::test]
async fn allow_empty_value_reads_an_empty_value_as_absent_or_empty() {
    let (recorder, _, addr) = start().await;
    let response = raw_http(addr, "GET /v2/lists/1?cursor=&q= HTTP/1.1", b"").await;
    assert_eq!(response.status, 200);
    let Received::Lists(req) = recorder.last() else {
        panic!("lists was not called");
    };
    assert_eq!((req.cursor, req.q), (None, Some(String::new())));
    // A value that is there is still checked.
    let response = raw_http(addr, "GET /v2/lists/1?cursor=x HTTP/1.1", b"").await;
    assert_eq!(response.status, 400);
    assert_eq!(response.json()["parameter"], "cursor");
}
