//! spec/security.yaml end to end: an API key in a header and in the query,
//! basic authentication and an OAuth 2 bearer token; the document's own
//! security, per-operation overrides (one empty), alternatives, schemes
//! needed together, and an alternative that needs nothing. The client sends
//! what an operation names; the handler receives exactly that; a request
//! without what the operation needs gets a 401 before any handler runs.

use crate::common::{raw_http, recording_server, serve};
use generated::security::{client, server, *};

/// Records the credentials each handler received.
#[derive(Clone, Default)]
struct Recorder {
    received: crate::common::Log<(&'static str, Credentials)>,
}

impl Recorder {
    fn log(&self, operation: &'static str, credentials: Credentials) {
        self.received.push((operation, credentials));
    }

    fn take(&self) -> Vec<(&'static str, Credentials)> {
        self.received.take()
    }
}

impl server::Api for Recorder {
    async fn list_items(
        &self,
        _: ListItemsRequest,
        cx: server::Context,
    ) -> Result<ListItemsResponse, server::Error> {
        self.log("listItems", cx.credentials);
        Ok(ListItemsResponse::Ok)
    }

    async fn create_item(
        &self,
        _: CreateItemRequest,
        cx: server::Context,
    ) -> Result<CreateItemResponse, server::Error> {
        self.log("createItem", cx.credentials);
        Ok(CreateItemResponse::Created)
    }

    async fn get_item(
        &self,
        _: GetItemRequest,
        cx: server::Context,
    ) -> Result<GetItemResponse, server::Error> {
        self.log("getItem", cx.credentials);
        Ok(GetItemResponse::Ok)
    }

    async fn delete_item(
        &self,
        _: DeleteItemRequest,
        cx: server::Context,
    ) -> Result<DeleteItemResponse, server::Error> {
        self.log("deleteItem", cx.credentials);
        Ok(DeleteItemResponse::NoContent)
    }

    async fn ping(
        &self,
        _: PingRequest,
        _: server::Context,
    ) -> Result<PingResponse, server::Error> {
        self.log("ping", Credentials::default());
        Ok(PingResponse::Ok)
    }

    async fn maybe(
        &self,
        _: MaybeRequest,
        cx: server::Context,
    ) -> Result<MaybeResponse, server::Error> {
        self.log("maybe", cx.credentials);
        Ok(MaybeResponse::Ok)
    }
}

fn all() -> Credentials {
    Credentials {
        key_header: Some("header-key".to_string()),
        key_query: Some("query key&=".to_string()),
        basic: Some(BasicAuth {
            username: "zoë".to_string(),
            password: "pa:ss word".to_string(),
        }),
        oauth: Some("token-123".to_string()),
    }
}

async fn start() -> (Recorder, std::net::SocketAddr) {
    let recorder = Recorder::default();
    let addr = serve(server::router(recorder.clone())).await;
    (recorder, addr)
}

#[tokio::test]
async fn each_operation_receives_exactly_the_credentials_its_security_names() {
    let (recorder, addr) = start().await;
    let client = client::Client::new(format!("http://{addr}")).with_credentials(all());
    let id = GetItemRequest {
        id: "1".to_string(),
    };
    assert_eq!(
        client
            .list_items(&ListItemsRequest { limit: Some(1) })
            .await
            .unwrap(),
        ListItemsResponse::Ok
    );
    client.create_item().await.unwrap();
    client.get_item(&id).await.unwrap();
    client
        .delete_item(&DeleteItemRequest {
            id: "1".to_string(),
        })
        .await
        .unwrap();
    client.ping().await.unwrap();
    client.maybe().await.unwrap();
    let full = all();
    let only = |f: fn(&mut Credentials, &Credentials)| {
        let mut c = Credentials::default();
        f(&mut c, &full);
        c
    };
    assert_eq!(
        recorder.take(),
        vec![
            // The document's `security`.
            (
                "listItems",
                only(|c, a| c.key_header.clone_from(&a.key_header))
            ),
            ("createItem", only(|c, a| c.oauth.clone_from(&a.oauth))),
            // Both alternatives' credentials are sent and received.
            (
                "getItem",
                only(|c, a| {
                    c.basic.clone_from(&a.basic);
                    c.key_query.clone_from(&a.key_query);
                })
            ),
            (
                "deleteItem",
                only(|c, a| {
                    c.key_header.clone_from(&a.key_header);
                    c.key_query.clone_from(&a.key_query);
                })
            ),
            ("ping", Credentials::default()),
            ("maybe", only(|c, a| c.oauth.clone_from(&a.oauth))),
        ]
    );
}

#[tokio::test]
async fn credentials_travel_where_their_schemes_say() {
    let (addr, log) = recording_server(200, "application/json", b"").await;
    let client = client::Client::new(format!("http://{addr}")).with_credentials(all());
    client
        .list_items(&ListItemsRequest { limit: None })
        .await
        .unwrap();
    client
        .get_item(&GetItemRequest {
            id: "7".to_string(),
        })
        .await
        .unwrap();
    client.ping().await.unwrap();
    let sent = log.lock().unwrap().clone();
    assert_eq!(sent[0].header("X-API-Key"), Some(&b"header-key"[..]));
    assert_eq!(sent[0].header("Authorization"), None);
    assert_eq!(sent[0].query(), "");
    assert_eq!(sent[1].query(), "api_key=query%20key%26%3D");
    assert_eq!(
        sent[1].header("Authorization"),
        Some(&b"Basic em/DqzpwYTpzcyB3b3Jk"[..]),
        "base64 of `zoë:pa:ss word`"
    );
    assert_eq!(sent[1].header("X-API-Key"), None);
    // `security: []` overrides the document's: nothing is sent.
    assert_eq!(sent[2].header("X-API-Key"), None);
    assert_eq!(sent[2].header("Authorization"), None);
}

#[tokio::test]
async fn missing_credentials_get_a_401_before_any_handler() {
    let (recorder, addr) = start().await;
    let cases = [
        ("GET /api/items HTTP/1.1", None),
        ("POST /api/items HTTP/1.1", Some("Bearer")),
        // A wrong scheme is no token.
        (
            "POST /api/items HTTP/1.1\r\nAuthorization: Basic dTpw",
            Some("Bearer"),
        ),
        ("GET /api/items/1 HTTP/1.1", Some("Basic realm=\"api\"")),
        // Not base64: no basic credentials.
        (
            "GET /api/items/1 HTTP/1.1\r\nAuthorization: Basic !!!",
            Some("Basic realm=\"api\""),
        ),
        // One of two keys needed together.
        ("DELETE /api/items/1 HTTP/1.1\r\nX-API-Key: k", None),
        ("DELETE /api/items/1?api_key=k HTTP/1.1", None),
    ];
    for (head, challenge) in cases {
        let response = raw_http(addr, head, b"").await;
        assert_eq!(response.status, 401, "{head}");
        assert_eq!(response.json()["in"], "security", "{head}");
        assert_eq!(response.header("www-authenticate"), challenge, "{head}");
    }
    let response = raw_http(addr, "GET /api/items/1 HTTP/1.1", b"").await;
    assert_eq!(
        response.json()["accepted"],
        serde_json::json!(["basic", "key_query"])
    );
    assert!(recorder.take().is_empty());
}

#[tokio::test]
async fn one_complete_alternative_is_enough() {
    let (recorder, addr) = start().await;
    let client = client::Client::new(format!("http://{addr}"));
    let id = GetItemRequest {
        id: "1".to_string(),
    };
    let key_only = Credentials {
        key_query: Some("q".to_string()),
        ..Default::default()
    };
    let basic_only = Credentials {
        basic: Some(BasicAuth {
            username: "u".to_string(),
            password: String::new(),
        }),
        ..Default::default()
    };
    for credentials in [key_only, basic_only] {
        client
            .clone()
            .with_credentials(credentials.clone())
            .get_item(&id)
            .await
            .unwrap();
        assert_eq!(recorder.take(), vec![("getItem", credentials)]);
    }
    // Without credentials the client still sends the request; the server
    // answers 401, which this operation does not document.
    let error = client.get_item(&id).await.unwrap_err();
    assert!(matches!(
        error,
        client::Error::UnexpectedStatus { status: 401, .. }
    ));
}

#[tokio::test]
async fn an_alternative_that_needs_nothing_admits_anyone() {
    let (recorder, addr) = start().await;
    let client = client::Client::new(format!("http://{addr}"));
    client.maybe().await.unwrap();
    assert_eq!(recorder.take(), vec![("maybe", Credentials::default())]);
}

#[test]
fn debug_output_hides_the_secrets() {
    let text = format!("{:?}", all());
    for secret in ["header-key", "query key", "pa:ss", "token-123"] {
        assert!(!text.contains(secret), "{text}");
    }
    assert!(text.contains("key_header"), "{text}");
    assert!(format!("{:?}", all().basic.unwrap()).contains("zoë"));
}
