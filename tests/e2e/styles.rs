//! spec/styles.yaml end to end (OpenAPI 3.0): `label` and `matrix` path
//! parameters, objects in the query (`deepObject`, exploded `form`), JSON
//! values in a query parameter and a header (`content`), space-delimited
//! and unexploded lists, and cookies, an API key among them: round trips,
//! the bytes the client writes, and what the server refuses.

use crate::common::{Log, raw_http, recording_server, serve};
use generated::styles::{client, server, types, *};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq)]
enum Received {
    Label(GetLabelRequest),
    Matrix(GetMatrixRequest),
    Search(SearchRequest),
    Session(GetSessionRequest, Credentials),
}

#[derive(Clone, Default)]
struct Recorder {
    received: Log<Received>,
}

impl server::Api for Recorder {
    async fn get_label(
        &self,
        req: GetLabelRequest,
        _: server::Context,
    ) -> Result<GetLabelResponse, server::Error> {
        self.received.push(Received::Label(req));
        Ok(GetLabelResponse::NoContent)
    }

    async fn get_matrix(
        &self,
        req: GetMatrixRequest,
        cx: server::Context,
    ) -> Result<GetMatrixResponse, server::Error> {
        // OpenID Connect: the token arrives as a bearer token.
        assert!(cx.credentials.oidc.is_some());
        self.received.push(Received::Matrix(req));
        Ok(GetMatrixResponse::NoContent)
    }

    async fn search(
        &self,
        req: SearchRequest,
        _: server::Context,
    ) -> Result<SearchResponse, server::Error> {
        self.received.push(Received::Search(req));
        Ok(SearchResponse::NoContent)
    }

    async fn get_session(
        &self,
        req: GetSessionRequest,
        cx: server::Context,
    ) -> Result<GetSessionResponse, server::Error> {
        self.received.push(Received::Session(req, cx.credentials));
        Ok(GetSessionResponse::NoContent)
    }
}

fn search() -> SearchRequest {
    SearchRequest {
        filter: types::Filter {
            status: types::FilterStatus::Open,
            limit: Some(20),
            exact: Some(true),
            ratio: Some(0.5),
        },
        labels: Some(BTreeMap::from([
            ("team".to_string(), "core & tools".to_string()),
            ("tier".to_string(), "1".to_string()),
        ])),
        page: Some(types::Page {
            offset: Some(40),
            size: Some(20),
        }),
        r#where: Some(types::Where {
            field: "id".to_string(),
            values: Some(vec![1, 2]),
        }),
        colors: Some(vec!["red".to_string(), "green".to_string()]),
        sizes: Some(vec![1, 2, 3]),
        x_where: Some(types::Where {
            field: "name".to_string(),
            values: None,
        }),
    }
}

fn session() -> GetSessionRequest {
    GetSessionRequest {
        theme: types::GetSessionTheme::Dark,
        visits: Some(3),
        recent: Some(vec![7, 8]),
        note: Some("a; b, \"c\" + d".to_string()),
    }
}

fn key() -> Credentials {
    Credentials {
        session_key: Some("s3cr=t".to_string()),
        oidc: Some("id-token".to_string()),
    }
}

#[tokio::test]
async fn every_style_round_trips() {
    let recorder = Recorder::default();
    let addr = serve(server::router(recorder.clone())).await;
    let client = client::Client::new(format!("http://{addr}")).with_credentials(key());

    let label = GetLabelRequest {
        id: 5,
        tags: vec!["a".to_string(), "b c".to_string()],
    };
    client.get_label(&label).await.unwrap();
    let matrix = GetMatrixRequest {
        id: 5,
        tags: vec!["a".to_string(), "b".to_string()],
    };
    client.get_matrix(&matrix).await.unwrap();
    client.search(&search()).await.unwrap();
    // Optional objects left out stay absent; a required one alone.
    let bare = SearchRequest {
        filter: types::Filter {
            status: types::FilterStatus::Closed,
            limit: None,
            exact: None,
            ratio: None,
        },
        labels: None,
        page: None,
        r#where: None,
        colors: None,
        sizes: None,
        x_where: None,
    };
    client.search(&bare).await.unwrap();
    client.get_session(&session()).await.unwrap();
    assert_eq!(
        recorder.received.take(),
        vec![
            Received::Label(label),
            Received::Matrix(matrix),
            Received::Search(search()),
            Received::Search(bare),
            Received::Session(
                session(),
                Credentials {
                    oidc: None,
                    ..key()
                }
            ),
        ]
    );
}

#[tokio::test]
async fn values_are_on_the_wire_as_their_styles_say() {
    let (addr, log) = recording_server(204, "application/json", b"").await;
    let client = client::Client::new(format!("http://{addr}")).with_credentials(key());
    client
        .get_label(&GetLabelRequest {
            id: 5,
            tags: vec!["a".to_string(), "b".to_string()],
        })
        .await
        .unwrap();
    client
        .get_matrix(&GetMatrixRequest {
            id: 5,
            tags: vec!["a".to_string(), "b".to_string()],
        })
        .await
        .unwrap();
    client.search(&search()).await.unwrap();
    client.get_session(&session()).await.unwrap();
    let recorded = log.lock().unwrap().clone();
    assert_eq!(recorded[0].path(), "/api/label/.5/.a.b");
    // The comma between items is encoded with the rest of the segment, as
    // in a `simple` list (servers decode the path before splitting it).
    assert_eq!(recorded[1].path(), "/api/matrix/;id=5/;tags=a%2Cb");
    assert_eq!(
        recorded[1].header("authorization"),
        Some(&b"Bearer id-token"[..])
    );
    let query: Vec<&str> = recorded[2].query().split('&').collect();
    assert_eq!(
        query,
        [
            "filter%5Bstatus%5D=open",
            "filter%5Blimit%5D=20",
            "filter%5Bexact%5D=true",
            "filter%5Bratio%5D=0.5",
            "labels%5Bteam%5D=core%20%26%20tools",
            "labels%5Btier%5D=1",
            "offset=40",
            "size=20",
            "where=%7B%22field%22%3A%22id%22%2C%22values%22%3A%5B1%2C2%5D%7D",
            "colors=red,green",
            "sizes=1%202%203",
        ]
    );
    assert_eq!(
        recorded[2].header("x-where"),
        Some(&br#"{"field":"name"}"#[..])
    );
    assert_eq!(
        recorded[3].header("cookie"),
        Some(&b"theme=dark; visits=3; recent=7%2C8; note=a%3B%20b%2C%20%22c%22%20+%20d; SESSION=s3cr=t"[..])
    );
}

#[tokio::test]
async fn the_server_reads_what_other_clients_send_and_refuses_what_the_document_does_not_allow() {
    let recorder = Recorder::default();
    let addr = serve(server::router(recorder.clone())).await;
    let get = |target: &str, headers: &str| match headers {
        "" => format!("GET {target} HTTP/1.1"),
        headers => format!("GET {target} HTTP/1.1\r\n{headers}"),
    };
    // Brackets as they are, the members in any order, a boolean as `1`.
    raw_http(
        addr,
        &get(
            "/api/search?filter[limit]=7&filter[exact]=1&filter[status]=closed&size=5",
            "",
        ),
        b"",
    )
    .await
    .assert_status(204);
    let Received::Search(read) = recorder.received.last() else {
        panic!("not a search");
    };
    assert_eq!(
        (read.filter.status, read.filter.limit, read.filter.exact),
        (types::FilterStatus::Closed, Some(7), Some(true))
    );
    assert_eq!(
        read.page,
        Some(types::Page {
            offset: None,
            size: Some(5)
        })
    );
    // Cookies from two headers, one value quoted.
    raw_http(
        addr,
        &get(
            "/api/session",
            "Cookie: SESSION=k\r\nCookie: theme=\"light\"; recent=1,2",
        ),
        b"",
    )
    .await
    .assert_status(204);
    let Received::Session(read, credentials) = recorder.received.last() else {
        panic!("not a session");
    };
    assert_eq!(read.theme, types::GetSessionTheme::Light);
    assert_eq!(read.recent, Some(vec![1, 2]));
    assert_eq!(credentials.session_key.as_deref(), Some("k"));
    let before = recorder.received.len();
    for (request, parameter) in [
        // The required object is missing.
        (get("/api/search?size=5", ""), "filter"),
        // A member that is not an integer; one beyond its maximum; a value
        // its enum does not list.
        (
            get("/api/search?filter[status]=open&filter[limit]=x", ""),
            "filter[limit]",
        ),
        (
            get("/api/search?filter[status]=open&filter[limit]=101", ""),
            "filter",
        ),
        (get("/api/search?filter[status]=lost", ""), "filter"),
        // JSON that is not JSON, or lacks a required member.
        (
            get("/api/search?filter[status]=open&where=%7B", ""),
            "where",
        ),
        (
            get("/api/search?filter[status]=open&where=%7B%7D", ""),
            "where",
        ),
        // The matrix prefix missing; below the minimum.
        (
            get("/api/matrix/5/;tags=a", "Authorization: Bearer t"),
            "id",
        ),
        (
            get("/api/matrix/;id=0/;tags=a", "Authorization: Bearer t"),
            "id",
        ),
        // A cookie beyond its maximum; the required cookie missing.
        (
            get("/api/session", "Cookie: SESSION=k; theme=dark; visits=1001"),
            "visits",
        ),
        (get("/api/session", "Cookie: SESSION=k"), "theme"),
    ] {
        let response = raw_http(addr, &request, b"").await;
        assert_eq!(response.status, 400, "{request}");
        assert_eq!(
            response.json()["parameter"],
            parameter,
            "{request}: {}",
            response.json()
        );
    }
    // The API key cookie missing, the OpenID Connect token missing: 401,
    // before the handler.
    let response = raw_http(addr, &get("/api/session", "Cookie: theme=dark"), b"").await;
    assert_eq!(response.status, 401);
    let response = raw_http(addr, &get("/api/matrix/;id=1/;tags=a", ""), b"").await;
    assert_eq!(response.status, 401);
    assert_eq!(recorder.received.len(), before);
}
