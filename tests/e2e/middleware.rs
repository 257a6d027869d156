//! The `client_middleware` option: the petstore client generated on
//! `reqwest_middleware::ClientWithMiddleware` (`generated::petstore_middleware`),
//! against the generated petstore server. Middleware sees every request and
//! response on the wire: a recorder, reqwest-retry's transient-error retries,
//! and a layer that refuses to send.

use crate::common::{Log, serve};
use generated::petstore::{server, types};
use generated::petstore_middleware::{ShowPetByIdRequest, ShowPetByIdResponse, client};
use reqwest_middleware::{ClientBuilder, Middleware, Next};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A pet store whose `showPetById` knows pet 7.
#[derive(Clone)]
struct Pets;

impl server::Api for Pets {
    async fn show_pet_by_id(
        &self,
        req: generated::petstore::ShowPetByIdRequest,
        _: server::Context,
    ) -> Result<generated::petstore::ShowPetByIdResponse, server::Error> {
        Ok(match req.pet_id {
            7 => generated::petstore::ShowPetByIdResponse::Ok(types::Pet {
                id: 7,
                name: "Rex".into(),
                tag: None,
                status: None,
            }),
            _ => generated::petstore::ShowPetByIdResponse::NotFound(types::Error {
                code: 404,
                message: "no such pet".into(),
            }),
        })
    }
}

/// Serves `Pets`, answering 503 to the first `failures` requests.
async fn flaky_server(failures: usize) -> std::net::SocketAddr {
    let seen = Arc::new(AtomicUsize::new(0));
    let router = server::router(Pets).layer(axum::middleware::from_fn(
        move |request: axum::extract::Request, next: axum::middleware::Next| {
            let seen = seen.clone();
            async move {
                if seen.fetch_add(1, Ordering::SeqCst) < failures {
                    axum::http::StatusCode::SERVICE_UNAVAILABLE.into_response()
                } else {
                    next.run(request).await
                }
            }
        },
    ));
    serve(router).await
}

use axum::response::IntoResponse as _;

/// What the recorder saw of one exchange.
#[derive(Debug, Clone, PartialEq)]
struct Exchange {
    method: String,
    url: String,
    accept: Option<String>,
    status: u16,
}

/// Records every request and the status answered to it.
struct Recorder(Log<Exchange>);

#[async_trait::async_trait]
impl Middleware for Recorder {
    async fn handle(
        &self,
        req: reqwest::Request,
        extensions: &mut axum::http::Extensions,
        next: Next<'_>,
    ) -> reqwest_middleware::Result<reqwest::Response> {
        let method = req.method().to_string();
        let url = req.url().to_string();
        let accept = (req.headers().get("accept")).map(|v| v.to_str().unwrap().to_string());
        let response = next.run(req, extensions).await?;
        self.0.push(Exchange {
            method,
            url,
            accept,
            status: response.status().as_u16(),
        });
        Ok(response)
    }
}

/// Refuses to send anything.
struct Refuse;

#[async_trait::async_trait]
impl Middleware for Refuse {
    async fn handle(
        &self,
        _: reqwest::Request,
        _: &mut axum::http::Extensions,
        _: Next<'_>,
    ) -> reqwest_middleware::Result<reqwest::Response> {
        Err(reqwest_middleware::Error::middleware(
            std::io::Error::other("not today"),
        ))
    }
}

fn retries(
    max: u32,
) -> reqwest_retry::RetryTransientMiddleware<reqwest_retry::policies::ExponentialBackoff> {
    let policy = reqwest_retry::policies::ExponentialBackoff::builder()
        .retry_bounds(
            std::time::Duration::from_millis(1),
            std::time::Duration::from_millis(5),
        )
        .build_with_max_retries(max);
    reqwest_retry::RetryTransientMiddleware::new_with_policy(policy)
}

#[tokio::test]
async fn middleware_sees_every_attempt_and_retries_transient_failures() {
    let addr = flaky_server(2).await;
    let log = Log::default();
    // Retries outside, the recorder inside: it sees every attempt.
    let http = ClientBuilder::new(reqwest::Client::new())
        .with(retries(3))
        .with(Recorder(log.clone()))
        .build();
    let client = client::Client::with_http_client(format!("http://{addr}"), http);

    let response = client
        .show_pet_by_id(&ShowPetByIdRequest { pet_id: 7 })
        .await
        .expect("showPetById after two 503s");
    let ShowPetByIdResponse::Ok(pet) = response else {
        panic!("{response:?}");
    };
    assert_eq!(pet.name, "Rex");
    let url = format!("http://{addr}/v1/pets/7");
    let attempt = |status| Exchange {
        method: "GET".into(),
        url: url.clone(),
        accept: Some("application/json".into()),
        status,
    };
    assert_eq!(log.all(), vec![attempt(503), attempt(503), attempt(200)]);

    // A documented 404 is an answer, not a failure: no retry.
    let response = client
        .show_pet_by_id(&ShowPetByIdRequest { pet_id: 8 })
        .await
        .expect("showPetById 8");
    assert!(
        matches!(response, ShowPetByIdResponse::NotFound(_)),
        "{response:?}"
    );
    assert_eq!(log.all().len(), 4);
}

#[tokio::test]
async fn when_retries_run_out_the_last_status_is_decoded() {
    let addr = flaky_server(usize::MAX).await;
    let log = Log::default();
    let http = ClientBuilder::new(reqwest::Client::new())
        .with(retries(1))
        .with(Recorder(log.clone()))
        .build();
    let client = client::Client::with_http_client(format!("http://{addr}"), http);
    let error = client
        .show_pet_by_id(&ShowPetByIdRequest { pet_id: 7 })
        .await
        .expect_err("the 503 falls to `default`, whose body is not the documented JSON");
    assert!(
        matches!(error, client::Error::Decode { status: 503, .. }),
        "{error:?}"
    );
    assert_eq!(log.all().len(), 2);
}

#[tokio::test]
async fn a_failing_middleware_is_the_client_s_middleware_error() {
    let addr = flaky_server(0).await;
    let http = ClientBuilder::new(reqwest::Client::new())
        .with(Refuse)
        .build();
    let client = client::Client::with_http_client(format!("http://{addr}"), http);
    let error = client
        .show_pet_by_id(&ShowPetByIdRequest { pet_id: 7 })
        .await
        .expect_err("the middleware refuses");
    assert!(matches!(error, client::Error::Middleware(_)), "{error:?}");
    assert_eq!(error.to_string(), "middleware failed: not today");

    // A plain reqwest::Client is accepted too, and a refused connection is
    // reqwest's own error, as without middleware.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let client = client::Client::with_http_client(
        format!("http://127.0.0.1:{port}"),
        reqwest::Client::new(),
    );
    let error = client
        .show_pet_by_id(&ShowPetByIdRequest { pet_id: 7 })
        .await
        .expect_err("nothing listens");
    assert!(matches!(error, client::Error::Request(_)), "{error:?}");
}
