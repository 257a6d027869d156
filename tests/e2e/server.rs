//! A generated server as production runs it (spec/petstore.yaml): what a
//! method sees of the request beyond the document (headers it does not list,
//! method and URI, extensions from layers, the peer address), middleware
//! around the router, body limits and their answers, panicking methods, one
//! place for the error shape, and the document served at run time.

use crate::common::{Log, parse_response, raw_http, serve};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use generated::petstore::{server, types, *};
use std::net::SocketAddr;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// What a method saw of its request, beyond the request type.
#[derive(Debug, Clone, PartialEq)]
struct Seen {
    method: String,
    uri: String,
    request_id: Option<String>,
    principal: Option<String>,
    peer: Option<SocketAddr>,
}

/// What an authentication layer leaves for the methods.
#[derive(Debug, Clone)]
struct Principal(String);

#[derive(Clone, Default)]
struct Api {
    seen: Log<Seen>,
}

fn error(code: i32, message: &str) -> types::Error {
    types::Error {
        code,
        message: message.to_string(),
    }
}

impl server::Api for Api {
    const BODY_TIMEOUT: Duration = Duration::from_millis(300);

    /// Pet 1 exists; pet 2 panics; pet 3 fails with the document's own 404
    /// from a shared helper; pet 4 fails with a status the operation does
    /// not document.
    async fn show_pet_by_id(
        &self,
        req: ShowPetByIdRequest,
        cx: server::Context,
    ) -> Result<ShowPetByIdResponse, server::Error> {
        self.seen.push(Seen {
            method: cx.method.to_string(),
            uri: cx.uri.to_string(),
            request_id: cx
                .headers
                .get("x-request-id")
                .and_then(|v| v.to_str().ok())
                .map(str::to_string),
            principal: cx.extension::<Principal>().map(|p| p.0.clone()),
            peer: cx.peer_addr(),
        });
        if req.pet_id == 2 {
            panic!("a bug in the method");
        }
        Ok(ShowPetByIdResponse::Ok(find(req.pet_id)?))
    }

    async fn create_pet(
        &self,
        req: CreatePetRequest,
        _: server::Context,
    ) -> Result<CreatePetResponse, server::Error> {
        Ok(CreatePetResponse::Created(types::Pet {
            id: 1,
            name: req.body.name,
            tag: req.body.tag,
            status: None,
        }))
    }

    /// The document's `Error` schema for refused requests, with the status
    /// the rejection chose.
    fn rejected(&self, rejection: server::Rejection) -> axum::response::Response {
        let body = error(i32::from(rejection.status.as_u16()), &rejection.message);
        json(rejection.status, &serde_json::to_value(body).unwrap())
    }

    /// Errors the document does not describe, in this API's own shape.
    fn failed(&self, error: server::Error) -> axum::response::Response {
        if error.response().is_some() {
            return error.into_response();
        }
        let body = serde_json::json!({ "message": error.message });
        json(error.status, &body)
    }
}

fn json(status: StatusCode, body: &serde_json::Value) -> axum::response::Response {
    let content_type = [(axum::http::header::CONTENT_TYPE, "application/json")];
    (status, content_type, body.to_string()).into_response()
}

/// A helper several methods could share, failing with the document's own
/// 404 for pet 3 and with a status no operation documents for pet 4.
fn find(id: i64) -> Result<types::Pet, server::Error> {
    match id {
        3 => Err(server::Error::from_response(ShowPetByIdResponse::NotFound(
            error(404, &format!("no pet {id}")),
        ))),
        4 => Err(server::Error::new(StatusCode::CONFLICT, "pet 4 is moving")),
        _ => Ok(types::Pet {
            id,
            name: "Rex".to_string(),
            tag: None,
            status: None,
        }),
    }
}

/// Sends `request` as written from a stream whose local address is known,
/// and reads the answer within 5 s.
async fn exchange(addr: SocketAddr, request: &[u8]) -> (SocketAddr, crate::common::RawResponse) {
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    let local = stream.local_addr().expect("local address");
    stream.write_all(request).await.expect("write");
    let mut response = Vec::new();
    let mut buffer = [0u8; 4096];
    // Read until the response is complete or the server closes; never hang.
    let read = tokio::time::timeout(Duration::from_secs(5), async {
        loop {
            match stream.read(&mut buffer).await {
                Ok(0) | Err(_) => break,
                Ok(n) => response.extend_from_slice(&buffer[..n]),
            }
            if complete(&response) {
                break;
            }
        }
    });
    read.await.expect("an answer within 5 s");
    (local, parse_response(&response))
}

/// Whether `bytes` hold a whole response with a `Content-Length` body.
fn complete(bytes: &[u8]) -> bool {
    let Some(end) = bytes.windows(4).position(|w| w == b"\r\n\r\n") else {
        return false;
    };
    let head = String::from_utf8_lossy(&bytes[..end]).to_ascii_lowercase();
    let length = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse::<usize>().ok());
    length.is_some_and(|n| bytes.len() >= end + 4 + n)
}

#[tokio::test]
async fn headers_the_document_does_not_list_method_and_uri_reach_the_method() {
    let api = Api::default();
    let addr = serve(server::router(api.clone())).await;
    let response = raw_http(
        addr,
        "GET /v1/pets/1?trace=yes HTTP/1.1\r\nX-Request-Id: abc-123",
        b"",
    )
    .await;
    response.assert_status(200);
    let seen = api.seen.last();
    assert_eq!(seen.method, "GET");
    assert_eq!(seen.uri, "/v1/pets/1?trace=yes");
    assert_eq!(seen.request_id.as_deref(), Some("abc-123"));
    // Served without connect info, there is no peer address to give.
    assert_eq!((seen.principal, seen.peer), (None, None));
}

#[tokio::test]
async fn the_peer_address_reaches_the_method_when_served_with_connect_info() {
    let api = Api::default();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = server::router(api.clone()).into_make_service_with_connect_info::<SocketAddr>();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let (local, response) = exchange(
        addr,
        b"GET /v1/pets/1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    )
    .await;
    response.assert_status(200);
    assert_eq!(api.seen.last().peer, Some(local));
}

#[tokio::test]
async fn an_extension_a_layer_inserts_reaches_the_method() {
    let api = Api::default();
    let router = server::router(api.clone()).layer(axum::middleware::from_fn(
        |mut request: axum::extract::Request, next: axum::middleware::Next| async move {
            let user = request
                .headers()
                .get("x-user")
                .and_then(|v| v.to_str().ok())
                .map(str::to_string);
            if let Some(user) = user {
                request.extensions_mut().insert(Principal(user));
            }
            next.run(request).await
        },
    ));
    let addr = serve(router).await;
    raw_http(addr, "GET /v1/pets/1 HTTP/1.1\r\nX-User: alice", b"")
        .await
        .assert_status(200);
    assert_eq!(api.seen.last().principal.as_deref(), Some("alice"));
}

#[tokio::test]
async fn a_layer_may_refuse_a_request_before_the_router() {
    let api = Api::default();
    let router = server::router(api.clone()).layer(axum::middleware::from_fn(
        |request: axum::extract::Request, next: axum::middleware::Next| async move {
            if request.headers().contains_key("x-user") {
                next.run(request).await
            } else {
                StatusCode::FORBIDDEN.into_response()
            }
        },
    ));
    let addr = serve(router).await;
    raw_http(addr, "GET /v1/pets/1 HTTP/1.1", b"")
        .await
        .assert_status(403);
    assert!(api.seen.is_empty(), "the method ran: {:?}", api.seen.all());
    raw_http(addr, "GET /v1/pets/1 HTTP/1.1\r\nX-User: bob", b"")
        .await
        .assert_status(200);
    assert_eq!(api.seen.len(), 1);
}

#[tokio::test]
async fn a_panicking_method_answers_500_and_the_server_goes_on() {
    let api = Api::default();
    let addr = serve(server::router(api.clone())).await;
    let response = raw_http(addr, "GET /v1/pets/2 HTTP/1.1", b"").await;
    response.assert_status(500);
    // Through `failed`: the API's own error shape, without the panic's text.
    assert_eq!(
        response.json(),
        serde_json::json!({"message": "operation `showPetById` failed"})
    );
    raw_http(addr, "GET /v1/pets/1 HTTP/1.1", b"")
        .await
        .assert_status(200);
    // The client sees the same through its own connection pool.
    let client = generated::petstore::client::Client::new(format!("http://{addr}"));
    let again = client
        .show_pet_by_id(&ShowPetByIdRequest { pet_id: 1 })
        .await
        .unwrap();
    assert!(matches!(again, ShowPetByIdResponse::Ok(pet) if pet.name == "Rex"));
}

#[tokio::test]
async fn errors_carry_documented_responses_and_failed_decides_the_rest() {
    let addr = serve(server::router(Api::default())).await;
    let client = generated::petstore::client::Client::new(format!("http://{addr}"));
    // A documented response carried by an `Error` is sent as documented.
    let not_found = client
        .show_pet_by_id(&ShowPetByIdRequest { pet_id: 3 })
        .await
        .unwrap();
    assert_eq!(
        not_found,
        ShowPetByIdResponse::NotFound(error(404, "no pet 3"))
    );
    // An undocumented status gets the API's shape from `failed`.
    let conflict = raw_http(addr, "GET /v1/pets/4 HTTP/1.1", b"").await;
    conflict.assert_status(409);
    assert_eq!(
        conflict.json(),
        serde_json::json!({"message": "pet 4 is moving"})
    );
}

#[tokio::test]
async fn an_oversized_body_gets_413_through_rejected() {
    let api = Api::default();
    // The default limit (axum's, 2 MB).
    let addr = serve(server::router(api.clone())).await;
    let large = format!(r#"{{"name": "{}"}}"#, "x".repeat(2 << 20));
    let response = raw_http(
        addr,
        "POST /v1/pets HTTP/1.1\r\nContent-Type: application/json",
        large.as_bytes(),
    )
    .await;
    response.assert_status(413);
    assert_eq!(response.json()["code"], 413, "answered through `rejected`");
    // A smaller limit, set the axum way.
    let small = server::router(api).layer(axum::extract::DefaultBodyLimit::max(32));
    let addr = serve(small).await;
    let post = "POST /v1/pets HTTP/1.1\r\nContent-Type: application/json";
    raw_http(addr, post, br#"{"name": "Rex"}"#)
        .await
        .assert_status(201);
    let refused = raw_http(
        addr,
        post,
        br#"{"name": "a name longer than thirty-two bytes"}"#,
    )
    .await;
    refused.assert_status(413);
    assert_eq!(
        refused.json()["message"],
        "the body is larger than this server accepts"
    );
}

#[tokio::test]
async fn a_slow_body_gets_408_and_a_broken_one_400_rather_than_a_hang() {
    let addr = serve(server::router(Api::default())).await;
    // Ten bytes announced, three sent, then nothing: BODY_TIMEOUT is 300 ms.
    let (_, slow) = exchange(
        addr,
        b"POST /v1/pets HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 10\r\n\r\n{\"n",
    )
    .await;
    slow.assert_status(408);
    assert_eq!(slow.json()["code"], 408, "answered through `rejected`");
    // A chunked body whose chunk size is not hexadecimal.
    let (_, broken) = exchange(
        addr,
        b"POST /v1/pets HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n",
    )
    .await;
    broken.assert_status(400);
    let message = broken.json()["message"].as_str().unwrap().to_string();
    assert!(
        message.starts_with("the body could not be read"),
        "{message}"
    );
}

#[tokio::test]
async fn tower_http_layers_compose_with_the_router() {
    use tower_http::{
        cors::CorsLayer, limit::RequestBodyLimitLayer, timeout::TimeoutLayer, trace::TraceLayer,
    };
    let router = server::router(Api::default())
        .layer(RequestBodyLimitLayer::new(64))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            Duration::from_secs(5),
        ))
        .layer(CorsLayer::permissive())
        .layer(TraceLayer::new_for_http());
    let addr = serve(router).await;
    let ok = raw_http(
        addr,
        "GET /v1/pets/1 HTTP/1.1\r\nOrigin: http://example.com",
        b"",
    )
    .await;
    ok.assert_status(200);
    assert_eq!(ok.header("access-control-allow-origin"), Some("*"));
    let large = raw_http(
        addr,
        "POST /v1/pets HTTP/1.1\r\nContent-Type: application/json",
        format!(r#"{{"name": "{}"}}"#, "x".repeat(100)).as_bytes(),
    )
    .await;
    large.assert_status(413);
}

#[tokio::test]
async fn the_document_is_served_where_the_user_routes_it() {
    let router = server::router(Api::default()).route(
        "/openapi.json",
        axum::routing::get(|| async {
            (
                [(axum::http::header::CONTENT_TYPE, "application/json")],
                server::DOCUMENT,
            )
        }),
    );
    let addr = serve(router).await;
    let response = raw_http(addr, "GET /openapi.json HTTP/1.1", b"").await;
    response.assert_status(200);
    let document = response.json();
    assert_eq!(document["swagger"], "2.0");
    assert_eq!(document["basePath"], "/v1");
    assert_eq!(
        document["paths"]["/pets/{petId}"]["get"]["operationId"],
        "showPetById"
    );
    // Every path of the document as written, in its order.
    let paths: Vec<&String> = document["paths"].as_object().unwrap().keys().collect();
    assert_eq!(
        paths,
        [
            "/pets",
            "/pets/{petId}",
            "/owners/{ownerName}/pets/{petName}"
        ]
    );
}
