//! The seed's generated client against its generated server on 127.0.0.1,
//! the server driven by raw HTTP, and the client observed on the wire.

use crate::common::{raw_http, recording_server, serve};
use generated::aws_codepipeline::{
    AcknowledgeJobRequest, AcknowledgeJobResponse, AcknowledgeThirdPartyJobRequest,
    AcknowledgeThirdPartyJobResponse, client, server,
};

/// What the handlers received, in order.
#[derive(Debug, Clone, PartialEq)]
enum Received {
    Job(AcknowledgeJobRequest),
    ThirdParty(AcknowledgeThirdPartyJobRequest),
}

#[derive(Clone, Default)]
struct Recorder {
    received: crate::common::Log<Received>,
}

impl server::Api for Recorder {
    async fn acknowledge_job(
        &self,
        req: AcknowledgeJobRequest,
        _: server::Context,
    ) -> Result<AcknowledgeJobResponse, server::Error> {
        self.received.push(Received::Job(req));
        Ok(AcknowledgeJobResponse::Ok)
    }

    async fn acknowledge_third_party_job(
        &self,
        req: AcknowledgeThirdPartyJobRequest,
        _: server::Context,
    ) -> Result<AcknowledgeThirdPartyJobResponse, server::Error> {
        self.received.push(Received::ThirdParty(req));
        Ok(AcknowledgeThirdPartyJobResponse::Ok)
    }
}

async fn start() -> (client::Client, Recorder, std::net::SocketAddr) {
    let recorder = Recorder::default();
    let addr = serve(server::router(recorder.clone())).await;
    (
        client::Client::new(format!("http://{addr}")),
        recorder,
        addr,
    )
}

/// Values that break naive encoders: reserved characters, `+`, `%`, spaces,
/// non-ASCII, and the empty string.
const AWKWARD: [&str; 6] = [
    "a&b=c d",
    "x+y%20z",
    "/?#[]@!$'()*,;",
    "日本語 é",
    "",
    "Action=AcknowledgeThirdPartyJob",
];

#[tokio::test]
async fn every_operation_round_trips_every_parameter() {
    let (client, recorder, _) = start().await;
    let mut sent = Vec::new();
    for (i, value) in AWKWARD.iter().enumerate() {
        let job = AcknowledgeJobRequest {
            dry_run: Some(value.to_string()),
            job_id: Some(format!("job-{i}-{value}")),
            nonce: Some(i.to_string()),
            snapshot_id: Some(value.repeat(2)),
        };
        let response = client.acknowledge_job(&job).await.expect("acknowledgeJob");
        assert_eq!(response, AcknowledgeJobResponse::Ok);
        sent.push(Received::Job(job));

        let third = AcknowledgeThirdPartyJobRequest {
            client_token: Some(value.to_string()),
            dry_run: Some("true".to_string()),
            job_id: Some(value.to_uppercase()),
            nonce: Some(format!("{value}{i}")),
            volume_id: Some(format!("vol-{value}")),
        };
        let response = client
            .acknowledge_third_party_job(&third)
            .await
            .expect("acknowledgeThirdPartyJob");
        assert_eq!(response, AcknowledgeThirdPartyJobResponse::Ok);
        sent.push(Received::ThirdParty(third));
    }
    // Absent optional parameters arrive absent.
    client
        .acknowledge_job(&AcknowledgeJobRequest::default())
        .await
        .expect("empty acknowledgeJob");
    sent.push(Received::Job(AcknowledgeJobRequest::default()));
    client
        .acknowledge_third_party_job(&AcknowledgeThirdPartyJobRequest::default())
        .await
        .expect("empty third party");
    sent.push(Received::ThirdParty(
        AcknowledgeThirdPartyJobRequest::default(),
    ));

    assert_eq!(recorder.received.all(), sent);
}

#[tokio::test]
async fn the_client_puts_the_fixed_pair_and_the_parameters_on_the_wire() {
    let (addr, log) = recording_server(200, "application/json", b"").await;
    let client = client::Client::new(format!("http://{addr}/"));
    let req = AcknowledgeJobRequest {
        dry_run: None,
        job_id: Some("a b&c".to_string()),
        nonce: Some("é".to_string()),
        snapshot_id: None,
    };
    assert_eq!(
        client.acknowledge_job(&req).await.expect("call"),
        AcknowledgeJobResponse::Ok
    );
    client
        .acknowledge_third_party_job(&AcknowledgeThirdPartyJobRequest {
            client_token: Some("t".to_string()),
            ..Default::default()
        })
        .await
        .expect("call");

    let log = log.lock().unwrap();
    assert_eq!(log.len(), 2);
    assert_eq!(log[0].method, "GET");
    assert_eq!(log[0].path(), "/");
    // The fixed pair first, then the parameters present, percent-encoded; absent ones not sent.
    assert_eq!(
        log[0].query(),
        "Action=AcknowledgeJob&jobId=a%20b%26c&nonce=%C3%A9"
    );
    assert!(log[0].body.is_empty());
    assert_eq!(
        log[1].target,
        "/?Action=AcknowledgeThirdPartyJob&clientToken=t"
    );
}

#[tokio::test]
async fn the_server_decodes_requests_our_client_did_not_build() {
    let (_, recorder, addr) = start().await;
    // `+` is a space in a query string, `%2B` a plus; parameter order is free;
    // an unknown parameter is ignored.
    let response = raw_http(
        addr,
        "GET /?jobId=a+b%2Bc&Action=AcknowledgeJob&SnapshotId=%E6%97%A5&other=1&nonce= HTTP/1.1",
        b"",
    )
    .await;
    response.assert_status(200);
    let response = raw_http(
        addr,
        "GET /?Action=AcknowledgeThirdPartyJob&VolumeId=v-1 HTTP/1.1",
        b"",
    )
    .await;
    assert_eq!(response.status, 200);

    assert_eq!(
        recorder.received.all(),
        vec![
            Received::Job(AcknowledgeJobRequest {
                dry_run: None,
                job_id: Some("a b+c".to_string()),
                nonce: Some(String::new()),
                snapshot_id: Some("日".to_string()),
            }),
            Received::ThirdParty(AcknowledgeThirdPartyJobRequest {
                volume_id: Some("v-1".to_string()),
                ..Default::default()
            }),
        ]
    );
}

#[tokio::test]
async fn a_missing_or_unknown_action_gets_a_400_listing_the_accepted_values() {
    let (_, recorder, addr) = start().await;
    for (target, problem) in [
        ("/", "missing"),
        ("/?jobId=1", "missing"),
        ("/?Action=DeleteJob", "unknown value \"DeleteJob\""),
        ("/?Action=acknowledgejob", "unknown value"),
    ] {
        let response = raw_http(addr, &format!("GET {target} HTTP/1.1"), b"").await;
        assert_eq!(response.status, 400, "{target}");
        assert_eq!(response.header("content-type"), Some("application/json"));
        let body = response.json();
        assert_eq!(body["parameter"], "Action", "{target}: {body}");
        assert_eq!(body["in"], "query");
        assert_eq!(
            body["accepted"],
            serde_json::json!(["AcknowledgeJob", "AcknowledgeThirdPartyJob"])
        );
        let message = body["message"].as_str().unwrap();
        assert!(message.contains(problem), "{target}: {message}");
    }
    assert!(
        recorder.received.is_empty(),
        "a handler ran for a bad request"
    );
}

#[tokio::test]
async fn unknown_paths_get_404_and_wrong_methods_405() {
    let (_, recorder, addr) = start().await;
    assert_eq!(
        raw_http(addr, "GET /nope?Action=AcknowledgeJob HTTP/1.1", b"")
            .await
            .status,
        404
    );
    assert_eq!(
        raw_http(addr, "POST /?Action=AcknowledgeJob HTTP/1.1", b"{}")
            .await
            .status,
        405
    );
    assert_eq!(raw_http(addr, "DELETE / HTTP/1.1", b"").await.status, 405);
    assert!(recorder.received.is_empty());
}

struct Nothing;

impl server::Api for Nothing {}

#[tokio::test]
async fn a_server_that_implements_nothing_answers_501() {
    let addr = serve(server::router(Nothing)).await;
    let response = raw_http(addr, "GET /?Action=AcknowledgeThirdPartyJob HTTP/1.1", b"").await;
    assert_eq!(response.status, 501);
    assert!(
        response.json()["error"]
            .as_str()
            .unwrap()
            .contains("acknowledgeThirdPartyJob")
    );

    // To the client, 501 is a status the document does not list.
    let client = client::Client::new(format!("http://{addr}"));
    match client
        .acknowledge_job(&AcknowledgeJobRequest::default())
        .await
    {
        Err(client::Error::UnexpectedStatus { status, body }) => {
            assert_eq!(status, 501);
            let body: serde_json::Value = serde_json::from_slice(&body).unwrap();
            assert!(body["error"].as_str().unwrap().contains("acknowledgeJob"));
        }
        other => panic!("expected UnexpectedStatus, got {other:?}"),
    }
}

#[tokio::test]
async fn an_undocumented_status_is_an_error_value_with_status_and_body() {
    let (addr, _) = recording_server(503, "text/plain", b"try later").await;
    let client = client::Client::new(format!("http://{addr}"));
    let error = client
        .acknowledge_job(&AcknowledgeJobRequest::default())
        .await
        .unwrap_err();
    match &error {
        client::Error::UnexpectedStatus { status, body } => {
            assert_eq!(*status, 503);
            assert_eq!(&body[..], b"try later");
        }
        other => panic!("expected UnexpectedStatus, got {other:?}"),
    }
    // It is a std error with a useful message.
    let error: &dyn std::error::Error = &error;
    assert!(error.to_string().contains("503"));
}

#[tokio::test]
async fn a_refused_connection_is_an_error_value() {
    // Bind and drop a listener to find a port nothing listens on.
    let addr = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let client = client::Client::new(format!("http://{addr}"));
    assert!(matches!(
        client
            .acknowledge_job(&AcknowledgeJobRequest::default())
            .await,
        Err(client::Error::Request(_))
    ));
}
