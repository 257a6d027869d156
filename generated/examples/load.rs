//! A bounded load test on 127.0.0.1: the generated petstore server against a
//! hand-written axum handler doing the same work (parse the path id, look
//! the pet up in memory, answer it as JSON), measured side by side in one
//! run with the same small HTTP/1.1 keep-alive load generator.
//!
//! ```text
//! cargo run --release -p generated --example load -- [CONNECTIONS] [REQUESTS]
//! ```
//! Defaults: 16 connections, 40,000 requests per round; two rounds per
//! server, alternating; the best round of each counts. Exit status 1 on any
//! error or non-200 answer.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use generated::petstore::{ShowPetByIdRequest, ShowPetByIdResponse, server, types};

type Pets = Arc<Mutex<BTreeMap<i64, types::Pet>>>;

fn pets() -> Pets {
    let pet = types::Pet {
        id: 1,
        name: "Rex".to_string(),
        tag: Some("dog".to_string()),
        status: Some(types::PetStatus::Available),
    };
    Arc::new(Mutex::new(BTreeMap::from([(1, pet)])))
}

/// The generated server, with the one operation the load uses.
struct Generated(Pets);

impl server::Api for Generated {
    async fn show_pet_by_id(
        &self,
        req: ShowPetByIdRequest,
        _: server::Context,
    ) -> Result<ShowPetByIdResponse, server::Error> {
        Ok(match self.0.lock().unwrap().get(&req.pet_id) {
            Some(pet) => ShowPetByIdResponse::Ok(pet.clone()),
            None => ShowPetByIdResponse::NotFound(types::Error {
                code: 404,
                message: "no such pet".to_string(),
            }),
        })
    }
}

/// The same work, written by hand against axum.
fn hand_written(pets: Pets) -> axum::Router {
    use axum::extract::{Path, State};
    use axum::http::{StatusCode, header};
    use axum::response::{IntoResponse, Response};

    async fn show(State(pets): State<Pets>, Path(id): Path<String>) -> Response {
        let Ok(id) = id.parse::<i64>() else {
            return StatusCode::BAD_REQUEST.into_response();
        };
        let found = pets.lock().unwrap().get(&id).cloned();
        let (status, body) = match found {
            Some(pet) => (StatusCode::OK, serde_json::to_vec(&pet)),
            None => (
                StatusCode::NOT_FOUND,
                serde_json::to_vec(&types::Error {
                    code: 404,
                    message: "no such pet".to_string(),
                }),
            ),
        };
        let json = [(header::CONTENT_TYPE, "application/json")];
        (status, json, body.unwrap_or_default()).into_response()
    }

    axum::Router::new()
        .route("/v1/pets/{id}", axum::routing::get(show))
        .with_state(pets)
}

async fn serve(router: axum::Router) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind 127.0.0.1:0");
    let addr = listener.local_addr().expect("local address");
    tokio::spawn(async move { axum::serve(listener, router).await.expect("serve") });
    addr
}

/// One keep-alive connection sending `count` requests; the number of
/// answers that were not 200.
async fn connection(addr: SocketAddr, count: usize) -> std::io::Result<usize> {
    let mut stream = TcpStream::connect(addr).await?;
    stream.set_nodelay(true)?;
    let request = b"GET /v1/pets/1 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    let mut buffer = Vec::with_capacity(4096);
    let mut errors = 0;
    for _ in 0..count {
        stream.write_all(request).await?;
        // Read the head, then as many body bytes as Content-Length says.
        buffer.clear();
        let head_end = loop {
            if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
                break end + 4;
            }
            let mut chunk = [0u8; 4096];
            let n = stream.read(&mut chunk).await?;
            if n == 0 {
                return Err(std::io::ErrorKind::UnexpectedEof.into());
            }
            buffer.extend_from_slice(&chunk[..n]);
        };
        let head = String::from_utf8_lossy(&buffer[..head_end]).to_ascii_lowercase();
        if !head.starts_with("http/1.1 200") {
            errors += 1;
        }
        let length: usize = head
            .lines()
            .find_map(|l| l.strip_prefix("content-length:"))
            .and_then(|v| v.trim().parse().ok())
            .ok_or_else(|| std::io::Error::other("no content-length"))?;
        while buffer.len() < head_end + length {
            let mut chunk = [0u8; 4096];
            let n = stream.read(&mut chunk).await?;
            if n == 0 {
                return Err(std::io::ErrorKind::UnexpectedEof.into());
            }
            buffer.extend_from_slice(&chunk[..n]);
        }
    }
    Ok(errors)
}

/// Requests per second over `connections` connections, or the first error.
async fn round(addr: SocketAddr, connections: usize, requests: usize) -> Result<f64, String> {
    let start = Instant::now();
    let tasks: Vec<_> = (0..connections)
        .map(|i| {
            let share = requests / connections + usize::from(i < requests % connections);
            tokio::spawn(connection(addr, share))
        })
        .collect();
    let mut errors = 0;
    for task in tasks {
        let result = tokio::time::timeout(Duration::from_secs(120), task)
            .await
            .map_err(|_| "a connection took over 120 s".to_string())?;
        errors += result
            .map_err(|e| e.to_string())?
            .map_err(|e| e.to_string())?;
    }
    if errors > 0 {
        return Err(format!("{errors} answers were not 200"));
    }
    Ok(requests as f64 / start.elapsed().as_secs_f64())
}

#[tokio::main]
async fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let connections = args.first().copied().unwrap_or(16).max(1);
    let requests = args.get(1).copied().unwrap_or(40_000).max(connections);
    let generated = serve(server::router(Generated(pets()))).await;
    let hand = serve(hand_written(pets())).await;

    let (mut best_generated, mut best_hand) = (0f64, 0f64);
    for _ in 0..2 {
        for (addr, best) in [(generated, &mut best_generated), (hand, &mut best_hand)] {
            match round(addr, connections, requests).await {
                Ok(rps) => *best = best.max(rps),
                Err(error) => {
                    eprintln!("load: FAILED against {addr}: {error}");
                    std::process::exit(1);
                }
            }
        }
    }
    println!(
        "load: GET /v1/pets/1, {connections} connections, {requests} requests per round, 2 rounds each, 0 errors"
    );
    println!("load: generated server   {best_generated:>10.0} requests/s");
    println!("load: hand-written axum  {best_hand:>10.0} requests/s");
    println!(
        "load: ratio generated / hand-written = {:.2}",
        best_generated / best_hand
    );
}
