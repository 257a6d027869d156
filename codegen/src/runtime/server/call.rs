// Running a method: its `Err` answered through `Api::failed`, and a panic
// inside it answered the same way as a 500, the server going on. Embedded in
// `server::support`.

/// What an operation's handler returns: its answer on its way, boxed. A
/// handler that is an `async fn` is a future type of its own for rustc to
/// check per operation, which was much of a large server's compile time;
/// axum boxes every handler's future anyway.
pub(super) type Handling = std::pin::Pin<Box<dyn Future<Output = axum::response::Response> + Send>>;

/// The answer of one call of a method: its response; its error through
/// `Api::failed`; a 500 through `Api::failed` when it panicked (the panic is
/// reported by the process's panic hook, as any other).
pub(super) async fn answer<A: super::Api, R: axum::response::IntoResponse>(
    api: &A,
    operation: &str,
    call: impl Future<Output = Result<R, super::Error>>,
) -> axum::response::Response {
    let mut call = std::pin::pin!(call);
    // The future is dropped, never polled again, once it has panicked.
    let caught = std::future::poll_fn(|cx| {
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| call.as_mut().poll(cx))) {
            Ok(std::task::Poll::Pending) => std::task::Poll::Pending,
            Ok(std::task::Poll::Ready(result)) => std::task::Poll::Ready(Some(result)),
            Err(_) => std::task::Poll::Ready(None),
        }
    })
    .await;
    match caught {
        Some(Ok(response)) => response.into_response(),
        Some(Err(error)) => api.failed(error),
        None => api.failed(super::Error::panicked(operation)),
    }
}

#[cfg(test)]
mod call_tests {
    use super::*;

    struct Api;

    impl super::super::Api for Api {
        fn failed(&self, error: super::super::Error) -> axum::response::Response {
            (error.status, format!("failed: {}", error.message)).into_response()
        }
    }

    async fn text(response: axum::response::Response) -> (u16, String) {
        let status = response.status().as_u16();
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
        (status, String::from_utf8(bytes.to_vec()).unwrap())
    }

    #[tokio::test]
    async fn results_errors_and_panics_each_get_their_answer() {
        let ok = answer(&Api, "op", async { Ok::<_, super::super::Error>("fine") }).await;
        assert_eq!(text(ok).await, (200, "fine".to_string()));
        let err = answer(&Api, "op", async {
            Err::<&str, _>(super::super::Error::new(axum::http::StatusCode::CONFLICT, "taken"))
        })
        .await;
        assert_eq!(text(err).await, (409, "failed: taken".to_string()));
        let panicked = answer(&Api, "op", async {
            tokio::task::yield_now().await;
            if std::hint::black_box(true) {
                panic!("boom");
            }
            Ok::<&str, super::super::Error>("never")
        })
        .await;
        assert_eq!(text(panicked).await, (500, "failed: operation `op` failed".to_string()));
    }
}
