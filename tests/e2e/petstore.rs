//! spec/petstore.yaml end to end: path (several per path, reserved and
//! non-ASCII), query (array, integer, enum), header and body parameters;
//! responses 200, 201, 204, 404 and `default`; bad requests refused with a 400
//! that names the parameter before any handler runs.

use crate::common::{raw_http, recording_server, serve};
use generated::petstore::{client, server, types, *};

#[derive(Debug, Clone, PartialEq)]
enum Received {
    List(ListPetsRequest),
    Create(CreatePetRequest),
    Show(ShowPetByIdRequest),
    Delete(DeletePetRequest),
    Find(FindOwnedPetRequest),
}

#[derive(Clone, Default)]
struct Store {
    received: crate::common::Log<Received>,
}

impl Store {
    fn log(&self, r: Received) {
        self.received.push(r);
    }

    fn received(&self) -> Vec<Received> {
        self.received.all()
    }
}

fn pet(id: i64, name: &str) -> types::Pet {
    types::Pet {
        id,
        name: name.to_string(),
        tag: None,
        status: Some(types::PetStatus::Available),
    }
}

fn error(code: i32, message: &str) -> types::Error {
    types::Error {
        code,
        message: message.to_string(),
    }
}

impl server::Api for Store {
    async fn list_pets(
        &self,
        req: ListPetsRequest,
        _: server::Context,
    ) -> Result<ListPetsResponse, server::Error> {
        self.log(Received::List(req.clone()));
        if req.limit == Some(0) {
            return Ok(ListPetsResponse::Default {
                status: 422,
                body: error(0, "limit must be positive"),
            });
        }
        let pets = req
            .tags
            .unwrap_or_default()
            .iter()
            .enumerate()
            .map(|(i, t)| pet(i as i64, t))
            .collect();
        Ok(ListPetsResponse::Ok(pets))
    }

    async fn create_pet(
        &self,
        req: CreatePetRequest,
        _: server::Context,
    ) -> Result<CreatePetResponse, server::Error> {
        self.log(Received::Create(req.clone()));
        Ok(CreatePetResponse::Created(types::Pet {
            id: 7,
            name: req.body.name,
            tag: req.body.tag,
            status: req.body.status,
        }))
    }

    async fn show_pet_by_id(
        &self,
        req: ShowPetByIdRequest,
        _: server::Context,
    ) -> Result<ShowPetByIdResponse, server::Error> {
        self.log(Received::Show(req.clone()));
        match req.pet_id {
            404 => Ok(ShowPetByIdResponse::NotFound(error(404, "no such pet"))),
            500 => Err(server::Error::new(
                axum::http::StatusCode::SERVICE_UNAVAILABLE,
                "down",
            )),
            id if id < 0 => Ok(ShowPetByIdResponse::Default {
                status: 400,
                body: error(1, "negative"),
            }),
            id => Ok(ShowPetByIdResponse::Ok(pet(id, "Rex"))),
        }
    }

    async fn delete_pet(
        &self,
        req: DeletePetRequest,
        _: server::Context,
    ) -> Result<DeletePetResponse, server::Error> {
        self.log(Received::Delete(req.clone()));
        Ok(match req.pet_id {
            1 => DeletePetResponse::NoContent,
            3 => DeletePetResponse::BadRequest(error(400, "pet 3 cannot be deleted")),
            _ => DeletePetResponse::NotFound(error(404, "gone")),
        })
    }

    async fn find_owned_pet(
        &self,
        req: FindOwnedPetRequest,
        _: server::Context,
    ) -> Result<FindOwnedPetResponse, server::Error> {
        self.log(Received::Find(req.clone()));
        if req.pet_name.is_empty() {
            return Ok(FindOwnedPetResponse::NotFound);
        }
        let mut found = pet(3, &req.pet_name);
        found.tag = Some(format!("{}|{}", req.owner_name, req.since));
        Ok(FindOwnedPetResponse::Ok(found))
    }
}

async fn start() -> (client::Client, Store, std::net::SocketAddr) {
    let store = Store::default();
    let addr = serve(server::router(store.clone())).await;
    (client::Client::new(format!("http://{addr}")), store, addr)
}

#[tokio::test]
async fn list_pets_round_trips_array_integer_enum_and_header_parameters() {
    let (client, store, _) = start().await;
    let req = ListPetsRequest {
        tags: Some(vec![
            "x y".to_string(),
            "ü&=".to_string(),
            "%41".to_string(),
        ]),
        limit: Some(-3),
        offset: 2,
        status: Some(types::ListPetsStatus::Pending),
        x_request_id: Some("req-1 é".to_string()),
    };
    let response = client.list_pets(&req).await.expect("listPets");
    assert_eq!(
        response,
        ListPetsResponse::Ok(vec![pet(0, "x y"), pet(1, "ü&="), pet(2, "%41")])
    );

    // An enum value the document does not list: the client sends it as it
    // is (the type keeps it losslessly), and the server refuses it with a 400
    // before any handler runs.
    let unknown = ListPetsRequest {
        status: Some(types::ListPetsStatus::Unknown("adopted".to_string())),
        ..Default::default()
    };
    match client.list_pets(&unknown).await {
        Err(client::Error::Decode {
            status: 400, body, ..
        }) => {
            let body: serde_json::Value = serde_json::from_slice(&body).unwrap();
            assert_eq!(body["parameter"], "status", "{body}");
            assert!(
                body["message"].as_str().unwrap().contains("\"adopted\""),
                "{body}"
            );
        }
        other => panic!("expected a 400 refusing status=adopted, got {other:?}"),
    }
    // Nothing set: `Default` starts `offset` at its default (sent, like
    // every parameter with a default); an empty list is sent and received
    // empty.
    client
        .list_pets(&ListPetsRequest::default())
        .await
        .expect("listPets without parameters");
    let empty = ListPetsRequest {
        tags: Some(vec![]),
        ..Default::default()
    };
    assert_eq!(
        client.list_pets(&empty).await.expect("listPets []"),
        ListPetsResponse::Ok(vec![])
    );

    assert_eq!(ListPetsRequest::default().offset, 0);
    assert_eq!(
        store.received(),
        vec![
            Received::List(req),
            Received::List(ListPetsRequest::default()),
            Received::List(empty)
        ]
    );
}

#[tokio::test]
async fn the_default_response_carries_its_status_and_typed_body() {
    let (client, _, _) = start().await;
    let response = client
        .list_pets(&ListPetsRequest {
            limit: Some(0),
            ..Default::default()
        })
        .await
        .expect("listPets");
    assert_eq!(
        response,
        ListPetsResponse::Default {
            status: 422,
            body: error(0, "limit must be positive")
        }
    );
    let response = client
        .show_pet_by_id(&ShowPetByIdRequest { pet_id: -1 })
        .await
        .expect("showPetById");
    assert_eq!(
        response,
        ShowPetByIdResponse::Default {
            status: 400,
            body: error(1, "negative")
        }
    );
}

#[tokio::test]
async fn create_pet_round_trips_the_body_and_answers_201() {
    let (client, store, _) = start().await;
    let req = CreatePetRequest {
        x_request_id: None,
        body: types::NewPet {
            name: "Fido \"the\" 🐕".to_string(),
            tag: Some("good\nboy".to_string()),
            status: Some(types::PetStatus::Sold),
        },
    };
    let response = client.create_pet(&req).await.expect("createPet");
    assert_eq!(
        response,
        CreatePetResponse::Created(types::Pet {
            id: 7,
            name: req.body.name.clone(),
            tag: req.body.tag.clone(),
            status: Some(types::PetStatus::Sold)
        })
    );
    assert_eq!(store.received(), vec![Received::Create(req)]);
}

#[tokio::test]
async fn values_on_the_bounds_of_the_rules_reach_the_handler() {
    let (client, store, _) = start().await;
    // maximum 1000 is inclusive, exclusiveMinimum -100 is not; 10 unique
    // tags of 20 characters (counted as characters, not bytes).
    let tags: Vec<String> = (0..10).map(|i| format!("{i}ü{}", "x".repeat(18))).collect();
    let requests = [
        ListPetsRequest {
            limit: Some(1000),
            tags: Some(tags),
            ..Default::default()
        },
        ListPetsRequest {
            limit: Some(-99),
            ..Default::default()
        },
    ];
    for req in &requests {
        client.list_pets(req).await.expect("listPets on the bounds");
    }
    let received: Vec<Received> = requests.into_iter().map(Received::List).collect();
    assert_eq!(store.received(), received);
}

#[tokio::test]
async fn null_reaches_the_handler_only_where_the_document_allows_it() {
    let (_, store, addr) = start().await;
    // `tag` is `x-nullable`: null is read as no tag.
    let head = "POST /v1/pets HTTP/1.1\r\nContent-Type: application/json";
    let response = raw_http(addr, head, br#"{"name": "Rex", "tag": null}"#).await;
    response.assert_status(201);
    // `status` is not: refused with the body path, before the handler.
    let response = raw_http(addr, head, br#"{"name": "Rex", "status": null}"#).await;
    assert_rejected(
        &response,
        "body",
        "body",
        "/status: null is not allowed here",
    );
    let expected = CreatePetRequest {
        x_request_id: None,
        body: types::NewPet {
            name: "Rex".to_string(),
            tag: None,
            status: None,
        },
    };
    assert_eq!(store.received(), vec![Received::Create(expected)]);
}

#[tokio::test]
async fn path_parameters_round_trip_with_reserved_and_non_ascii_characters() {
    let (client, store, _) = start().await;
    let mut sent = Vec::new();
    for (owner, name) in [
        ("a/b c?d#e", "名前+1"),
        ("%2F..%", "semi;colon,comma"),
        ("x", "ä ö ü"),
        ("...", ".a."),
    ] {
        let req = FindOwnedPetRequest {
            owner_name: owner.to_string(),
            pet_name: name.to_string(),
            since: "2024-01-01&x=y".to_string(),
        };
        let response = client
            .find_owned_pet(&req)
            .await
            .unwrap_or_else(|e| panic!("findOwnedPet {owner:?}/{name:?}: {e}"));
        let mut expected = pet(3, name);
        expected.tag = Some(format!("{owner}|2024-01-01&x=y"));
        assert_eq!(response, FindOwnedPetResponse::Ok(expected));
        sent.push(Received::Find(req));
    }
    assert_eq!(store.received(), sent);
}

#[tokio::test]
async fn path_values_a_url_cannot_carry_are_refused_by_the_client() {
    let (client, store, _) = start().await;
    for (owner, name) in [("..", "x"), ("x", "."), ("", "x")] {
        let req = FindOwnedPetRequest {
            owner_name: owner.to_string(),
            pet_name: name.to_string(),
            since: "s".to_string(),
        };
        match client.find_owned_pet(&req).await {
            Err(client::Error::InvalidRequest { parameter, message }) => {
                assert!(parameter == "ownerName" || parameter == "petName");
                assert!(message.contains("path segment"), "{message}");
            }
            other => panic!("expected InvalidRequest for {owner:?}/{name:?}, got {other:?}"),
        }
    }
    assert!(store.received().is_empty());
}

/// `client::Error` can be matched exhaustively, with no wildcard arm (which
/// in the crate that includes the generated code draws
/// `unreachable_patterns`): it is not `#[non_exhaustive]` (issue 16).
#[tokio::test]
async fn client_errors_match_exhaustively_without_a_wildcard() {
    let (client, _, _) = start().await;
    let req = FindOwnedPetRequest {
        owner_name: "..".to_string(),
        pet_name: "x".to_string(),
        since: "s".to_string(),
    };
    let error = client.find_owned_pet(&req).await.unwrap_err();
    let kind = match &error {
        client::Error::InvalidRequest { .. } => "invalid request",
        client::Error::Request(_) => "request",
        client::Error::UnexpectedStatus { .. } => "unexpected status",
        client::Error::Decode { .. } => "decode",
    };
    assert_eq!(kind, "invalid request");
}

/// csv items that hold a comma: the client encodes the comma inside an
/// item and writes the separators as themselves; the server splits where a
/// separator is written as itself, before decoding, and after decoding when
/// every separator came encoded (issue 16).
#[tokio::test]
async fn csv_items_may_hold_a_comma() {
    let (client, store, addr) = start().await;
    let req = ListPetsRequest {
        tags: Some(vec!["a,b".to_string(), "c".to_string()]),
        ..Default::default()
    };
    client.list_pets(&req).await.expect("listPets");
    let tags = |store: &Store| match store.received().pop() {
        Some(Received::List(req)) => req.tags,
        other => panic!("not a list: {other:?}"),
    };
    assert_eq!(tags(&store), req.tags);
    // A request our client did not build: `a%2Cb,c` is two items.
    raw_http(addr, "GET /v1/pets?tags=a%2Cb,c HTTP/1.1", b"")
        .await
        .assert_status(200);
    assert_eq!(tags(&store), req.tags);
    // Every separator encoded, as many clients send lists: three items.
    raw_http(addr, "GET /v1/pets?tags=a%2Cb%2Cc HTTP/1.1", b"")
        .await
        .assert_status(200);
    assert_eq!(
        tags(&store),
        Some(vec!["a".to_string(), "b".to_string(), "c".to_string()])
    );
}

#[tokio::test]
async fn show_and_delete_answer_each_documented_status() {
    let (client, store, _) = start().await;
    assert_eq!(
        client
            .show_pet_by_id(&ShowPetByIdRequest { pet_id: i64::MAX })
            .await
            .unwrap(),
        ShowPetByIdResponse::Ok(pet(i64::MAX, "Rex"))
    );
    assert_eq!(
        client
            .show_pet_by_id(&ShowPetByIdRequest { pet_id: 404 })
            .await
            .unwrap(),
        ShowPetByIdResponse::NotFound(error(404, "no such pet"))
    );
    assert_eq!(
        client
            .delete_pet(&DeletePetRequest { pet_id: 1 })
            .await
            .unwrap(),
        DeletePetResponse::NoContent
    );
    assert_eq!(
        client
            .delete_pet(&DeletePetRequest { pet_id: 2 })
            .await
            .unwrap(),
        DeletePetResponse::NotFound(error(404, "gone"))
    );
    assert_eq!(
        client
            .delete_pet(&DeletePetRequest { pet_id: 3 })
            .await
            .unwrap(),
        DeletePetResponse::BadRequest(error(400, "pet 3 cannot be deleted"))
    );
    // A status the document does not list for deletePet reaches the caller as an error value.
    match client
        .show_pet_by_id(&ShowPetByIdRequest { pet_id: 500 })
        .await
    {
        // showPetById has a `default` response, so 503 decodes as Default only if the body fits Error.
        Err(client::Error::Decode { status, body, .. }) => {
            assert_eq!(status, 503);
            assert_eq!(
                serde_json::from_slice::<serde_json::Value>(&body).unwrap()["error"],
                "down"
            );
        }
        other => panic!("expected a Decode error, got {other:?}"),
    }
    assert_eq!(store.received().len(), 6);
}

#[tokio::test]
async fn the_client_sends_method_path_query_headers_and_body_as_documented() {
    let (addr, log) = recording_server(201, "application/json", br#"{"id":1,"name":"n"}"#).await;
    let client = client::Client::new(format!("http://{addr}"));
    let req = CreatePetRequest {
        x_request_id: Some("abc".to_string()),
        body: types::NewPet {
            name: "n".to_string(),
            tag: None,
            status: None,
        },
    };
    let response = client.create_pet(&req).await.expect("createPet");
    assert_eq!(
        response,
        CreatePetResponse::Created(types::Pet {
            id: 1,
            name: "n".to_string(),
            tag: None,
            status: None
        })
    );
    let list = ListPetsRequest {
        tags: Some(vec!["a".into(), "b c".into()]),
        limit: Some(5),
        offset: 0,
        status: None,
        x_request_id: None,
    };
    let _ = client.list_pets(&list).await;
    let find = FindOwnedPetRequest {
        owner_name: "a/b".into(),
        pet_name: "é".into(),
        since: "now".into(),
    };
    let _ = client.find_owned_pet(&find).await;

    let log = log.lock().unwrap();
    assert_eq!(log[0].method, "POST");
    assert_eq!(log[0].target, "/v1/pets");
    assert_eq!(
        log[0].header("content-type"),
        Some(&b"application/json"[..])
    );
    assert_eq!(log[0].header("accept"), Some(&b"application/json"[..]));
    assert_eq!(log[0].header("x-request-id"), Some(&b"abc"[..]));
    // Optional fields that are absent are left out of the JSON body.
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&log[0].body).unwrap(),
        serde_json::json!({"name": "n"})
    );

    assert_eq!(log[1].method, "GET");
    assert_eq!(log[1].target, "/v1/pets?tags=a,b%20c&limit=5&offset=0");
    assert_eq!(log[1].header("x-request-id"), None);
    assert!(log[1].body.is_empty());

    assert_eq!(log[2].target, "/v1/owners/a%2Fb/pets/%C3%A9?since=now");
}

#[tokio::test]
async fn an_undecodable_body_is_an_error_value_with_status_and_body() {
    let (addr, _) = recording_server(200, "application/json", b"{not json").await;
    let client = client::Client::new(format!("http://{addr}"));
    match client
        .show_pet_by_id(&ShowPetByIdRequest { pet_id: 1 })
        .await
    {
        Err(client::Error::Decode {
            status,
            body,
            message,
        }) => {
            assert_eq!(status, 200);
            assert_eq!(&body[..], b"{not json");
            assert!(!message.is_empty());
        }
        other => panic!("expected Decode, got {other:?}"),
    }
}

#[tokio::test]
async fn a_header_value_that_cannot_be_sent_is_an_error_value() {
    let (client, store, _) = start().await;
    let req = ListPetsRequest {
        x_request_id: Some("line\r\nbreak".to_string()),
        ..Default::default()
    };
    match client.list_pets(&req).await {
        Err(client::Error::InvalidRequest { parameter, .. }) => {
            assert_eq!(parameter, "X-Request-Id")
        }
        other => panic!("expected InvalidRequest, got {other:?}"),
    }
    assert!(store.received().is_empty());
}

/// Asserts a 400 whose JSON body names `parameter` in `location`.
fn assert_rejected(
    response: &crate::common::RawResponse,
    parameter: &str,
    location: &str,
    why: &str,
) {
    response.assert_status(400);
    let body = response.json();
    assert_eq!(body["parameter"], parameter, "{body}");
    assert_eq!(body["in"], location, "{body}");
    let message = body["message"].as_str().unwrap_or_default();
    assert!(message.contains(why), "{message:?} should mention {why:?}");
}

#[tokio::test]
async fn bad_requests_get_a_400_naming_the_parameter_and_never_reach_the_handler() {
    let (_, store, addr) = start().await;
    let cases: [(&str, &[u8], &str, &str, &str); 20] = [
        (
            "GET /v1/pets?offset=-1 HTTP/1.1",
            b"",
            "offset",
            "query",
            "-1 is below the minimum 0",
        ),
        // The schema's validation keywords, on parameters and in bodies.
        (
            "GET /v1/pets?limit=1001 HTTP/1.1",
            b"",
            "limit",
            "query",
            "1001 is above the maximum 1000",
        ),
        (
            "GET /v1/pets?limit=-100 HTTP/1.1",
            b"",
            "limit",
            "query",
            "-100 is below the exclusive minimum -100",
        ),
        (
            "GET /v1/pets?tags=a,b,a HTTP/1.1",
            b"",
            "tags",
            "query",
            "\"a\" appears twice, but uniqueItems is set",
        ),
        (
            "GET /v1/pets?tags=a,b,c,d,e,f,g,h,i,j,k HTTP/1.1",
            b"",
            "tags",
            "query",
            "11 items, more than the maxItems 10",
        ),
        (
            "GET /v1/pets?tags=ok,%C3%BCberlangerhundename-lang HTTP/1.1",
            b"",
            "tags",
            "query",
            "/1: 24 characters, more than the maxLength 20",
        ),
        (
            "POST /v1/pets HTTP/1.1\r\nContent-Type: application/json",
            b"{\"name\": \"\"}",
            "body",
            "body",
            "/name: 0 characters, fewer than the minLength 1",
        ),
        // serde reads a struct from an array of its fields in order; the
        // server must not (Schemathesis found this).
        (
            "POST /v1/pets HTTP/1.1\r\nContent-Type: application/json",
            b"[\"Rex\", null]",
            "body",
            "body",
            "/: expected an object, found an array",
        ),
        // `null` where the schema is not `x-nullable`.
        (
            "POST /v1/pets HTTP/1.1\r\nContent-Type: application/json",
            b"{\"name\": \"Rex\", \"status\": null}",
            "body",
            "body",
            "/status: null is not allowed here",
        ),
        // An enum value in a body: the JSON pointer and the rule.
        (
            "POST /v1/pets HTTP/1.1\r\nContent-Type: application/json",
            b"{\"name\": \"Rex\", \"status\": \"AAA\"}",
            "body",
            "body",
            "/status: unknown value \"AAA\"; expected one of: available, pending, sold",
        ),
        // An enum parameter: the type keeps unknown values for the client,
        // the server refuses them (in any letter case but the document's).
        (
            "GET /v1/pets?status=bogus HTTP/1.1",
            b"",
            "status",
            "query",
            "unknown value \"bogus\"; expected one of: available, pending, sold",
        ),
        (
            "GET /v1/pets?status=Available HTTP/1.1",
            b"",
            "status",
            "query",
            "unknown value \"Available\"",
        ),
        (
            "GET /v1/pets/abc HTTP/1.1",
            b"",
            "petId",
            "path",
            "invalid value \"abc\"",
        ),
        (
            "GET /v1/pets/99999999999999999999 HTTP/1.1",
            b"",
            "petId",
            "path",
            "invalid value",
        ),
        (
            "GET /v1/pets?limit=ten HTTP/1.1",
            b"",
            "limit",
            "query",
            "invalid value \"ten\"",
        ),
        (
            "GET /v1/pets?limit=2147483648 HTTP/1.1",
            b"",
            "limit",
            "query",
            "invalid value",
        ),
        (
            "GET /v1/owners/a/pets/b HTTP/1.1",
            b"",
            "since",
            "query",
            "required parameter is missing",
        ),
        (
            "POST /v1/pets HTTP/1.1",
            b"",
            "body",
            "body",
            "required body is missing",
        ),
        (
            "POST /v1/pets HTTP/1.1\r\nContent-Type: application/json",
            b"{\"name\": 5}",
            "body",
            "body",
            "invalid type",
        ),
        (
            "POST /v1/pets HTTP/1.1\r\nContent-Type: application/json",
            b"{\"tag\": \"no name\"}",
            "body",
            "body",
            "missing field `name`",
        ),
    ];
    for (head, body, parameter, location, why) in cases {
        let response = raw_http(addr, head, body).await;
        assert_rejected(&response, parameter, location, why);
    }
    let response = raw_http(addr, "GET /v1/pets?status=bogus HTTP/1.1", b"").await;
    assert_eq!(
        response.json()["accepted"],
        serde_json::json!(["available", "pending", "sold"])
    );
    assert!(
        store.received().is_empty(),
        "a handler ran: {:?}",
        store.received()
    );
}

#[tokio::test]
async fn the_server_decodes_requests_our_client_did_not_build() {
    let (_, store, addr) = start().await;
    let response = raw_http(
        addr,
        "GET /v1/pets?status=sold&tags=&limit=%2B7 HTTP/1.1\r\nX-Request-Id: raw",
        b"",
    )
    .await;
    response.assert_status(200);
    assert_eq!(response.header("content-type"), Some("application/json"));
    assert_eq!(response.json(), serde_json::json!([]));
    let response = raw_http(addr, "DELETE /v1/pets/1 HTTP/1.1", b"").await;
    assert_eq!(response.status, 204);
    assert!(response.body.is_empty());
    let response = raw_http(addr, "GET /v1/pets/404 HTTP/1.1", b"").await;
    assert_eq!(response.status, 404);
    assert_eq!(
        response.json(),
        serde_json::json!({"code": 404, "message": "no such pet"})
    );
    assert_eq!(
        store.received(),
        vec![
            Received::List(ListPetsRequest {
                tags: Some(vec![]),
                limit: Some(7),
                offset: 0,
                status: Some(types::ListPetsStatus::Sold),
                x_request_id: Some("raw".to_string()),
            }),
            Received::Delete(DeletePetRequest { pet_id: 1 }),
            Received::Show(ShowPetByIdRequest { pet_id: 404 }),
        ]
    );
    // Without the base path, or with a method the path does not have.
    assert_eq!(raw_http(addr, "GET /pets HTTP/1.1", b"").await.status, 404);
    assert_eq!(
        raw_http(addr, "PUT /v1/pets/1 HTTP/1.1", b"").await.status,
        405
    );
}

#[test]
fn the_default_base_url_is_the_servers_root() {
    // The base path is part of every operation's path, so it is not repeated here.
    assert_eq!(client::DEFAULT_BASE_URL, "https://petstore.example.com");
}

/// An implementation that answers refused requests in the document's own
/// `Error` schema, through `Api::rejected`; its operations all answer 501.
struct DocumentedErrors;

impl server::Api for DocumentedErrors {
    fn rejected(&self, rejection: server::Rejection) -> axum::response::Response {
        let body = types::Error {
            code: 400,
            message: rejection.to_string(),
        };
        axum::response::IntoResponse::into_response((
            axum::http::StatusCode::BAD_REQUEST,
            [(axum::http::header::CONTENT_TYPE, "application/json")],
            serde_json::to_vec(&body).unwrap(),
        ))
    }
}

#[tokio::test]
async fn rejections_go_through_the_rejected_hook() {
    let addr = serve(server::router(DocumentedErrors)).await;
    let cases = [
        (
            "GET /v1/pets?limit=ten HTTP/1.1",
            "query `limit`: invalid value \"ten\"",
        ),
        (
            "GET /v1/pets?status=bogus HTTP/1.1",
            "query `status`: unknown value \"bogus\"",
        ),
        (
            "GET /v1/pets/abc HTTP/1.1",
            "path `petId`: invalid value \"abc\"",
        ),
        ("GET /v1/pets?%FF=1 HTTP/1.1", "the name is not valid UTF-8"),
        (
            "POST /v1/pets HTTP/1.1",
            "body `body`: required body is missing",
        ),
        (
            "DELETE /v1/pets/99999999999999999999 HTTP/1.1",
            "path `petId`: invalid value",
        ),
    ];
    for (head, message) in cases {
        let response = raw_http(addr, head, b"").await;
        assert_eq!(response.status, 400, "{head}");
        let body: types::Error = serde_json::from_slice(&response.body)
            .unwrap_or_else(|e| panic!("{head}: not the document's Error: {e}"));
        assert_eq!(body.code, 400);
        assert!(body.message.contains(message), "{head}: {:?}", body.message);
    }
    // A valid request reaches the (unimplemented) operation.
    assert_eq!(
        raw_http(addr, "GET /v1/pets HTTP/1.1", b"").await.status,
        501
    );
}

#[tokio::test]
async fn a_body_announced_as_another_media_type_gets_415() {
    let store = Store::default();
    let addr = serve(server::router(store.clone())).await;
    let response = raw_http(
        addr,
        "POST /v1/pets HTTP/1.1\r\nContent-Type: application/xml\r\nX-Api-Key: k",
        b"<Pet><name>Rex</name></Pet>",
    )
    .await;
    response.assert_status(415);
    assert_eq!(response.json()["parameter"], "Content-Type");
    assert_eq!(response.json()["in"], "header");
    // JSON media types with parameters or a +json suffix are JSON.
    for content_type in [
        "application/json; charset=utf-8",
        "application/merge-patch+json",
    ] {
        let response = raw_http(
            addr,
            &format!("POST /v1/pets HTTP/1.1\r\nContent-Type: {content_type}\r\nX-Api-Key: k"),
            br#"{"name": "Rex"}"#,
        )
        .await;
        response.assert_status(201);
    }
    assert_eq!(store.received().len(), 2);
}

/// `generated::petstore_owners`: the operations tagged `owners` only
/// (generated/build.rs selects them), which compile, serve and round-trip
/// on their own.
#[tokio::test]
async fn a_selection_of_the_document_round_trips_on_its_own() {
    use generated::petstore_owners as owners;

    struct Owners;

    impl owners::server::Api for Owners {
        async fn find_owned_pet(
            &self,
            req: owners::FindOwnedPetRequest,
            _: owners::server::Context,
        ) -> Result<owners::FindOwnedPetResponse, owners::server::Error> {
            Ok(owners::FindOwnedPetResponse::Ok(owners::types::Pet {
                id: 9,
                name: req.pet_name,
                tag: Some(req.owner_name),
                status: None,
            }))
        }
    }

    let addr = serve(owners::server::router(Owners)).await;
    let client = owners::client::Client::new(format!("http://{addr}"));
    let found = client
        .find_owned_pet(&owners::FindOwnedPetRequest {
            owner_name: "ann".to_string(),
            pet_name: "Rex".to_string(),
            since: "2024-01-01".to_string(),
        })
        .await
        .unwrap();
    let owners::FindOwnedPetResponse::Ok(pet) = found else {
        panic!("{found:?}")
    };
    assert_eq!(
        (pet.name.as_str(), pet.tag.as_deref()),
        ("Rex", Some("ann"))
    );
    // What the selection left out is not served.
    raw_http(addr, "GET /v1/pets HTTP/1.1", b"")
        .await
        .assert_status(404);
}

/// A client method's `Call` owns its request: it outlives the client and the
/// request value, can be spawned, and sends nothing until it is awaited; a
/// request that cannot be built is its error when awaited.
#[tokio::test]
async fn a_call_owns_its_request_and_is_sent_when_awaited() {
    let (client, store, _) = start().await;
    let call = {
        let req = ListPetsRequest {
            limit: Some(1),
            ..Default::default()
        };
        client.list_pets(&req)
    };
    let refused = client.list_pets(&ListPetsRequest {
        x_request_id: Some("a\nb".to_string()),
        ..Default::default()
    });
    drop(client);
    assert!(format!("{call:?}").contains("sending"), "{call:?}");
    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    assert!(store.received().is_empty(), "sent before it was awaited");
    let response = tokio::spawn(call).await.unwrap().expect("listPets");
    assert!(matches!(response, ListPetsResponse::Ok(_)), "{response:?}");
    assert_eq!(store.received().len(), 1);
    assert!(
        matches!(refused.await, Err(client::Error::InvalidRequest { .. })),
        "a header value with a line break cannot be sent"
    );
    assert_eq!(store.received().len(), 1);
}
