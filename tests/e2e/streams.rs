//! spec/streams.yaml end to end: a binary download travels in pieces on both
//! sides. The server's body is produced as it is sent (a counting stream),
//! the client hands it over once the status and headers are decoded, so
//! neither side ever holds more than a bounded window of it, whatever its
//! size. A text body stays whole.

use crate::common::serve;
use generated::streams::{client, server, types, *};
use std::future::Future as _;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

const PIECE: usize = 64 * 1024;

/// Bytes produced by the server and not yet read by the client, at most:
/// what the kernel's socket buffers may hold on loopback (Linux grows a
/// receive buffer up to `tcp_rmem`'s maximum, 32 MiB on some machines, when
/// the reader keeps up) and hyper's own, with room to spare. A side that
/// buffered the body would be the whole 256 MiB ahead.
const WINDOW: u64 = 64 * 1024 * 1024;

/// A blob of `size` bytes (each byte its offset modulo 251), made a piece
/// at a time as the server asks for it, counting what it produced; it fails
/// instead of producing the byte at `fail_at`, once `gate` opens.
struct Blob {
    offset: u64,
    size: u64,
    fail_at: Option<u64>,
    gate: Option<tokio::sync::oneshot::Receiver<()>>,
    produced: Arc<AtomicU64>,
}

impl futures_core::Stream for Blob {
    type Item = Result<bytes::Bytes, std::io::Error>;

    fn poll_next(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        if self.fail_at.is_some_and(|at| self.offset >= at) {
            if let Some(gate) = &mut self.gate
                && std::pin::Pin::new(gate).poll(cx).is_pending()
            {
                return std::task::Poll::Pending;
            }
            return std::task::Poll::Ready(Some(Err(std::io::Error::other("disk gone"))));
        }
        let n = (self.size - self.offset).min(PIECE as u64) as usize;
        if n == 0 {
            return std::task::Poll::Ready(None);
        }
        let piece: Vec<u8> = (0..n as u64)
            .map(|i| ((self.offset + i) % 251) as u8)
            .collect();
        self.offset += n as u64;
        self.produced.fetch_add(n as u64, Ordering::SeqCst);
        std::task::Poll::Ready(Some(Ok(piece.into())))
    }
}

/// `count` events, made as they are asked for; after the first, they wait
/// for `gate` (a watch that goes on until something happens).
struct Events {
    next: i64,
    count: i64,
    gate: Option<tokio::sync::oneshot::Receiver<()>>,
}

impl futures_core::Stream for Events {
    type Item = Result<types::Event, std::convert::Infallible>;

    fn poll_next(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        if self.next == self.count {
            return std::task::Poll::Ready(None);
        }
        if self.next > 0
            && let Some(gate) = &mut self.gate
        {
            if std::pin::Pin::new(gate).poll(cx).is_pending() {
                return std::task::Poll::Pending;
            }
            self.gate = None;
        }
        let id = self.next;
        self.next += 1;
        std::task::Poll::Ready(Some(Ok(types::Event {
            id,
            kind: if id % 2 == 0 {
                types::EventKind::Created
            } else {
                types::EventKind::Deleted
            },
            detail: (id == 1).then(|| "the second".to_string()),
        })))
    }
}

#[derive(Clone, Default)]
struct Blobs {
    produced: Arc<AtomicU64>,
    /// The `Accept` header of the last download.
    accept: Arc<std::sync::Mutex<Option<String>>>,
    /// What the failing blob waits for before it fails.
    gate: Arc<std::sync::Mutex<Option<tokio::sync::oneshot::Receiver<()>>>>,
}

impl server::Api for Blobs {
    async fn download_blob(
        &self,
        req: DownloadBlobRequest,
        cx: server::Context,
    ) -> Result<DownloadBlobResponse, server::Error> {
        *self.accept.lock().unwrap() =
            (cx.headers.get("accept")).map(|v| v.to_str().unwrap().to_string());
        let blob = |fail_at| Blob {
            offset: 0,
            size: req.size as u64,
            fail_at,
            gate: None,
            produced: self.produced.clone(),
        };
        Ok(match req.size {
            13 => DownloadBlobResponse::NotFound(types::Problem {
                message: "unlucky".into(),
            }),
            // Breaks off after two pieces.
            666 => DownloadBlobResponse::Ok {
                body: ByteStream::new(Blob {
                    size: 10 * PIECE as u64,
                    gate: self.gate.lock().unwrap().take(),
                    ..blob(Some(2 * PIECE as u64))
                }),
                x_blob_size: None,
            },
            418 => DownloadBlobResponse::Default {
                status: 418,
                body: "short and stout".to_string().into(),
            },
            _ => DownloadBlobResponse::Ok {
                body: ByteStream::new(blob(None)),
                x_blob_size: Some(req.size),
            },
        })
    }

    async fn watch_events(
        &self,
        req: WatchEventsRequest,
        _: server::Context,
    ) -> Result<WatchEventsResponse, server::Error> {
        Ok(WatchEventsResponse::Ok(JsonStream::new(Events {
            next: 0,
            count: req.count,
            gate: self.gate.lock().unwrap().take(),
        })))
    }

    async fn event_records(
        &self,
        _: EventRecordsRequest,
        _: server::Context,
    ) -> Result<EventRecordsResponse, server::Error> {
        let record = |seq, note: Option<&str>| types::EventRecordsOkItem {
            seq,
            note: note.map(str::to_string),
        };
        Ok(EventRecordsResponse::Ok(
            vec![record(1, None), record(2, Some("two\nlines"))].into(),
        ))
    }

    async fn blob_digest(
        &self,
        req: BlobDigestRequest,
        _: server::Context,
    ) -> Result<BlobDigestResponse, server::Error> {
        Ok(BlobDigestResponse::Ok(format!("size {}", req.size).into()))
    }
}

async fn start() -> (client::Client, Blobs) {
    let blobs = Blobs::default();
    let addr = serve(server::router(blobs.clone())).await;
    (client::Client::new(format!("http://{addr}")), blobs)
}

#[tokio::test]
async fn a_large_download_is_produced_and_read_in_pieces() {
    let (client, blobs) = start().await;
    let size: u64 = 256 * 1024 * 1024;
    let response = client
        .download_blob(&DownloadBlobRequest { size: size as i64 })
        .await
        .expect("downloadBlob");
    let DownloadBlobResponse::Ok {
        mut body,
        x_blob_size,
    } = response
    else {
        panic!("{response:?}");
    };
    assert_eq!(x_blob_size, Some(size as i64));
    // The client asks for every type the document answers in.
    assert_eq!(
        blobs.accept.lock().unwrap().as_deref(),
        Some("application/octet-stream, application/json")
    );
    // The call returned before the server produced the blob: the client
    // does not wait for the body.
    assert!(blobs.produced.load(Ordering::SeqCst) < WINDOW);

    let mut read = 0u64;
    let mut widest = 0u64;
    while let Some(piece) = body.chunk().await.expect("a piece") {
        // The pieces arrive in order, none lost or repeated.
        let last = piece.len() as u64 - 1;
        assert_eq!(u64::from(piece[0]), read % 251);
        assert_eq!(u64::from(piece[last as usize]), (read + last) % 251);
        read += piece.len() as u64;
        widest = widest.max(blobs.produced.load(Ordering::SeqCst) - read);
    }
    assert_eq!(read, size);
    // Neither side buffered the blob: the server produced at most a window
    // ahead of what the client had read.
    assert!(widest < WINDOW, "{widest} bytes were in flight at once");
}

#[tokio::test]
async fn a_producer_failure_breaks_off_the_body_and_other_statuses_decode() {
    let (client, blobs) = start().await;
    let (open, gate) = tokio::sync::oneshot::channel();
    *blobs.gate.lock().unwrap() = Some(gate);
    let response = client
        .download_blob(&DownloadBlobRequest { size: 666 })
        .await
        .expect("the status arrives before the failure");
    let DownloadBlobResponse::Ok { mut body, .. } = response else {
        panic!("{response:?}");
    };
    let mut read = body
        .chunk()
        .await
        .expect("the first piece")
        .map_or(0, |p| p.len());
    open.send(()).unwrap();
    let error = loop {
        match body.chunk().await {
            Ok(Some(piece)) => read += piece.len(),
            Ok(None) => panic!("the body ended cleanly after {read} bytes"),
            Err(error) => break error,
        }
    };
    assert!(read <= 2 * PIECE, "{read}");
    assert!(!error.to_string().is_empty());

    let response = client
        .download_blob(&DownloadBlobRequest { size: 13 })
        .await
        .expect("downloadBlob 13");
    assert!(
        matches!(&response, DownloadBlobResponse::NotFound(p) if p.message == "unlucky"),
        "{response:?}"
    );

    let response = client
        .download_blob(&DownloadBlobRequest { size: 418 })
        .await
        .expect("downloadBlob 418");
    let DownloadBlobResponse::Default { status, body } = response else {
        panic!("{response:?}");
    };
    assert_eq!(status, 418);
    assert_eq!(body.bytes().await.unwrap(), "short and stout");

    // Text stays whole: plain bytes, no stream.
    let BlobDigestResponse::Ok(text) = client
        .blob_digest(&BlobDigestRequest { size: 5 })
        .await
        .expect("blobDigest");
    assert_eq!(text, "size 5");
}

#[tokio::test]
async fn an_empty_blob_is_an_empty_body() {
    let (client, _) = start().await;
    let response = client
        .download_blob(&DownloadBlobRequest { size: 0 })
        .await
        .expect("downloadBlob 0");
    let DownloadBlobResponse::Ok { body, .. } = response else {
        panic!("{response:?}");
    };
    assert!(body.bytes().await.unwrap().is_empty());
}

#[tokio::test]
async fn json_lines_arrive_one_value_at_a_time() {
    let (client, blobs) = start().await;
    let (open, gate) = tokio::sync::oneshot::channel();
    *blobs.gate.lock().unwrap() = Some(gate);
    let WatchEventsResponse::Ok(mut events) = client
        .watch_events(&WatchEventsRequest { count: 3 })
        .await
        .expect("watchEvents");
    // The first event arrives while the server waits to produce the second:
    // the call and the first read return without the whole body.
    let first = events
        .next_item()
        .await
        .expect("an event")
        .expect("decodes");
    assert_eq!((first.id, first.kind), (0, types::EventKind::Created));
    open.send(()).unwrap();
    let rest = events.items().await.expect("the rest");
    assert_eq!(rest.len(), 2);
    assert_eq!(rest[0].detail.as_deref(), Some("the second"));
    assert_eq!(rest[1].kind, types::EventKind::Created);

    let EventRecordsResponse::Ok(records) = client.event_records().await.expect("eventRecords");
    let records = records.items().await.expect("records");
    assert_eq!(
        records.iter().map(|r| r.seq).collect::<Vec<_>>(),
        [1, 2],
        "{records:?}"
    );
    assert_eq!(records[1].note.as_deref(), Some("two\nlines"));
}

#[tokio::test]
async fn json_lines_are_on_the_wire_as_the_document_says() {
    let addr = serve(server::router(Blobs::default())).await;
    let get = |path: &str| reqwest::get(format!("http://{addr}/v1{path}"));
    let response = get("/events?count=2").await.unwrap();
    assert_eq!(response.headers()["content-type"], "application/x-ndjson");
    assert_eq!(
        response.text().await.unwrap(),
        "{\"id\":0,\"kind\":\"created\"}\n{\"id\":1,\"kind\":\"deleted\",\"detail\":\"the second\"}\n"
    );
    let response = get("/events/records").await.unwrap();
    assert_eq!(response.headers()["content-type"], "application/json-seq");
    assert_eq!(
        response.text().await.unwrap(),
        "\u{1e}{\"seq\":1}\n\u{1e}{\"seq\":2,\"note\":\"two\\nlines\"}\n"
    );
}
