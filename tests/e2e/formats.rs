//! spec/formats.yaml end to end: `date-time` (chrono `DateTime<Utc>`, RFC
//! 3339 on the wire), `date` (`NaiveDate`), `uuid` (`Uuid`) and `byte`
//! (`Base64`) in path, query, header, form, JSON bodies and response headers;
//! files (`type: file`, `format: binary`) as raw bodies; the server's
//! located 400 for a value its format refuses.

use crate::common::{raw_http, recording_server, serve};
use bytes::Bytes;
use chrono::{DateTime, NaiveDate, Utc};
use generated::formats::{client, server, types, *};
use std::collections::BTreeMap;
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq)]
enum Received {
    Get(GetEventRequest),
    Put(PutEventRequest),
    Download(DownloadAttachmentRequest),
    Upload(UploadAttachmentRequest),
    Slot(BookSlotRequest),
}

type Recorder = crate::common::Log<Received>;

fn time(text: &str) -> DateTime<Utc> {
    text.parse().expect("an RFC 3339 date-time")
}

fn date(text: &str) -> NaiveDate {
    text.parse().expect("a date")
}

const ID: &str = "123e4567-e89b-12d3-a456-426614174000";

fn id() -> Uuid {
    ID.parse().unwrap()
}

/// Bytes whose base64 uses `+`, `/` and padding, which a query string and
/// a form must escape.
fn awkward_bytes() -> Base64 {
    Base64(vec![0xfb, 0xff, 0xfe, 0x00, 0x3f])
}

fn event() -> types::Event {
    types::Event {
        id: id(),
        at: time("2024-02-29T23:59:58.123456789Z"),
        day: date("2024-02-29"),
        payload: awkward_bytes(),
        checksum: Some(Base64(Vec::new())),
        history: Some(vec![
            time("1999-12-31T23:00:00-01:00"),
            time("2000-01-01T00:00:00Z"),
        ]),
        by_slot: Some(BTreeMap::from([("a".to_string(), Uuid::nil())])),
        note: Some("text".to_string()),
        password: None,
    }
}

impl server::Api for crate::common::Log<Received> {
    async fn get_event(
        &self,
        req: GetEventRequest,
        _: server::Context,
    ) -> Result<GetEventResponse, server::Error> {
        let since = req.since;
        let at = req.at.clone();
        self.push(Received::Get(req));
        Ok(GetEventResponse::Ok {
            body: event(),
            last_modified_at: since,
            x_trace: Some(id()),
            x_days: at,
        })
    }

    async fn put_event(
        &self,
        req: PutEventRequest,
        _: server::Context,
    ) -> Result<PutEventResponse, server::Error> {
        let body = req.body.clone();
        self.push(Received::Put(req));
        Ok(PutEventResponse::Ok(body))
    }

    async fn download_attachment(
        &self,
        req: DownloadAttachmentRequest,
        _: server::Context,
    ) -> Result<DownloadAttachmentResponse, server::Error> {
        self.push(Received::Download(req));
        Ok(DownloadAttachmentResponse::Ok(
            Bytes::from_static(b"\x00\xffnot JSON").into(),
        ))
    }

    async fn upload_attachment(
        &self,
        req: UploadAttachmentRequest,
        _: server::Context,
    ) -> Result<UploadAttachmentResponse, server::Error> {
        self.push(Received::Upload(req));
        Ok(UploadAttachmentResponse::NoContent)
    }

    async fn book_slot(
        &self,
        req: BookSlotRequest,
        _: server::Context,
    ) -> Result<BookSlotResponse, server::Error> {
        let slot = types::Slot {
            day: req.day,
            at: req.at,
            ids: req.ids.clone(),
            seal: req.seal.clone(),
        };
        self.push(Received::Slot(req));
        Ok(BookSlotResponse::Ok(slot))
    }
}

async fn start() -> (Recorder, client::Client, std::net::SocketAddr) {
    let recorder = Recorder::default();
    let addr = serve(server::router(recorder.clone())).await;
    let client = client::Client::new(format!("http://{addr}"));
    (recorder, client, addr)
}

#[tokio::test]
async fn formatted_parameters_and_response_headers_round_trip() {
    let (recorder, client, _) = start().await;
    let req = GetEventRequest {
        id: id(),
        since: Some(time("2024-02-29T12:30:00.5+02:00")),
        days: Some(vec![date("2024-01-01"), date("2024-12-31")]),
        at: Some(vec![
            time("2024-03-01T00:00:00Z"),
            time("1970-01-01T00:00:01Z"),
        ]),
        x_request_time: Some(time("2038-01-19T03:14:08Z")),
        token: Some(awkward_bytes()),
        day: date("2023-06-15"),
    };
    let response = client.get_event(&req).await.expect("get_event");
    assert_eq!(recorder.last(), Received::Get(req.clone()));
    assert_eq!(
        response,
        GetEventResponse::Ok {
            body: event(),
            last_modified_at: req.since,
            x_trace: Some(id()),
            x_days: req.at,
        }
    );
}

#[tokio::test]
async fn an_absent_date_gets_its_default() {
    let (recorder, _, addr) = start().await;
    let response = raw_http(addr, &format!("GET /v1/events/{ID} HTTP/1.1"), b"").await;
    assert_eq!(response.status, 200);
    let Received::Get(received) = recorder.last() else {
        panic!("get_event was not called");
    };
    assert_eq!(received.day, date("2024-02-29"));
}

#[tokio::test]
async fn values_go_on_the_wire_as_their_formats_say() {
    let (addr, log) = recording_server(200, "application/json", b"{}").await;
    let client = client::Client::new(format!("http://{addr}"));
    let req = GetEventRequest {
        id: id(),
        since: Some(time("2024-02-29T12:30:00.5+02:00")),
        days: Some(vec![date("2024-01-01"), date("2024-12-31")]),
        at: Some(vec![time("2024-03-01T00:00:00Z")]),
        x_request_time: Some(time("2038-01-19T03:14:08Z")),
        token: Some(awkward_bytes()),
        day: date("2024-02-29"),
    };
    // The reply is not an Event: only the request matters here.
    let _ = client.get_event(&req).await;
    let sent = log.lock().unwrap()[0].clone();
    assert_eq!(sent.path(), format!("/v1/events/{ID}"));
    assert_eq!(
        sent.query(),
        "since=2024-02-29T10%3A30%3A00.500Z&days=2024-01-01,2024-12-31\
         &at=2024-03-01T00%3A00%3A00Z&token=%2B%2F%2F%2BAD8%3D&day=2024-02-29"
    );
    assert_eq!(
        sent.header("X-Request-Time"),
        Some(&b"2038-01-19T03:14:08Z"[..])
    );

    let (addr, log) = recording_server(200, "application/json", b"{}").await;
    let client = client::Client::new(format!("http://{addr}"));
    let _ = client
        .put_event(&PutEventRequest {
            id: id(),
            body: event(),
        })
        .await;
    let sent = log.lock().unwrap()[0].clone();
    let json: serde_json::Value = serde_json::from_slice(&sent.body).unwrap();
    assert_eq!(json["id"], ID);
    assert_eq!(json["at"], "2024-02-29T23:59:58.123456789Z");
    assert_eq!(json["day"], "2024-02-29");
    assert_eq!(json["payload"], "+//+AD8=");
    assert_eq!(json["checksum"], "");
    assert_eq!(json["history"][0], "2000-01-01T00:00:00Z");
}

#[tokio::test]
async fn formatted_bodies_round_trip() {
    let (recorder, client, _) = start().await;
    let req = PutEventRequest {
        id: id(),
        body: event(),
    };
    let response = client.put_event(&req).await.expect("put_event");
    assert_eq!(recorder.last(), Received::Put(req));
    assert_eq!(response, PutEventResponse::Ok(event()));
}

#[tokio::test]
async fn files_are_raw_bytes_both_ways() {
    let (recorder, client, _) = start().await;
    let download = DownloadAttachmentRequest { id: id() };
    let response = client
        .download_attachment(&download)
        .await
        .expect("download_attachment");
    assert_eq!(recorder.last(), Received::Download(download));
    let DownloadAttachmentResponse::Ok(body) = response;
    assert_eq!(body.bytes().await.unwrap(), &b"\x00\xffnot JSON"[..]);

    let upload = UploadAttachmentRequest {
        id: id(),
        body: Bytes::from_static(b"\x00\x01\x02 bytes"),
    };
    let response = client
        .upload_attachment(&upload)
        .await
        .expect("upload_attachment");
    assert_eq!(recorder.last(), Received::Upload(upload));
    assert_eq!(response, UploadAttachmentResponse::NoContent);
}

#[tokio::test]
async fn formatted_form_fields_round_trip() {
    let (recorder, client, _) = start().await;
    let req = BookSlotRequest {
        day: date("2024-02-29"),
        at: Some(time("2024-02-29T08:00:00Z")),
        ids: Some(vec![id(), Uuid::nil()]),
        seal: Some(awkward_bytes()),
    };
    let response = client.book_slot(&req).await.expect("book_slot");
    assert_eq!(recorder.last(), Received::Slot(req.clone()));
    assert_eq!(
        response,
        BookSlotResponse::Ok(types::Slot {
            day: req.day,
            at: req.at,
            ids: req.ids,
            seal: req.seal,
        })
    );
}

#[tokio::test]
async fn values_their_format_refuses_get_a_located_400() {
    let (recorder, _, addr) = start().await;
    for (target, parameter) in [
        ("/v1/events/not-a-uuid", "id"),
        (&format!("/v1/events/{ID}?since=yesterday"), "since"),
        (
            &format!("/v1/events/{ID}?days=2024-01-01,2024-13-01"),
            "days",
        ),
        (&format!("/v1/events/{ID}?token=a*b"), "token"),
    ] {
        let response = raw_http(addr, &format!("GET {target} HTTP/1.1"), b"").await;
        assert_eq!(response.status, 400, "{target}");
        assert_eq!(response.json()["parameter"], parameter, "{target}");
    }
    let mut body = serde_json::to_value(event()).unwrap();
    for (field, bad, pointer) in [
        ("at", "2024-02-29 noon", "/at"),
        ("day", "29.02.2024", "/day"),
        ("id", "123", "/id"),
        ("payload", "not base64!", "/payload"),
    ] {
        let good = body[field].clone();
        body[field] = serde_json::Value::from(bad);
        let response = raw_http(
            addr,
            &format!("PUT /v1/events/{ID} HTTP/1.1\r\nContent-Type: application/json"),
            &serde_json::to_vec(&body).unwrap(),
        )
        .await;
        body[field] = good;
        assert_eq!(response.status, 400, "{field}");
        let message = response.json()["message"].as_str().unwrap().to_string();
        assert!(message.starts_with(&format!("{pointer}: ")), "{message}");
    }
    assert!(
        recorder.is_empty(),
        "no refused request reaches the handler"
    );
}

#[test]
fn base64_reads_what_it_writes_and_both_alphabets() {
    for len in 0..=7 {
        let bytes = Base64((0..len).map(|i| 0xf0u8.wrapping_add(i * 37)).collect());
        let text = bytes.to_string();
        assert_eq!(text.len(), len.div_ceil(3) as usize * 4, "{text}");
        assert_eq!(text.parse::<Base64>().unwrap(), bytes, "{text}");
        // Unpadded and URL-safe spellings read the same bytes.
        let url_safe = text
            .trim_end_matches('=')
            .replace('+', "-")
            .replace('/', "_");
        assert_eq!(url_safe.parse::<Base64>().unwrap(), bytes, "{url_safe}");
    }
    assert_eq!(Base64(b"Man".to_vec()).to_string(), "TWFu");
    assert_eq!(Base64(b"Ma".to_vec()).to_string(), "TWE=");
    assert!("TWF".parse::<Base64>().is_ok());
    assert!("T".parse::<Base64>().is_err());
    assert!("TW===".parse::<Base64>().is_err());
    assert!("TW E".parse::<Base64>().is_err());
}
