// The future a client method returns. Embedded into `client` beside
// `Error`, for documents with an operation whose response is read whole.

/// A request on its way: what a client method returns. Await it for the
/// operation's response. It owns everything it needs (it borrows neither
/// the client nor the request value), so it can be spawned or stored; the
/// request is sent when it is first polled.
#[cfg(any(test, runtime = "calls"))]
#[must_use = "a request is sent only when its `Call` is awaited"]
pub struct Call<T> {
    state: CallState<T>,
}

/// The response on its way, with what reads it.
#[cfg(any(test, runtime = "calls"))]
type Sending = std::pin::Pin<
    Box<dyn std::future::Future<Output = Result<(u16, reqwest::header::HeaderMap, bytes::Bytes), Error>> + Send>,
>;

#[cfg(any(test, runtime = "calls"))]
enum CallState<T> {
    /// The request could not be built (a value that cannot be sent); the
    /// error is given at the first poll.
    Refused(Option<Error>),
    Sending {
        response: Sending,
        read: fn(u16, reqwest::header::HeaderMap, bytes::Bytes) -> Result<T, Error>,
    },
}

#[cfg(any(test, runtime = "calls"))]
impl<T> Call<T> {
    /// The call that sends `request` (sending is `send(request)`'s work,
    /// started when the call is first polled) and reads the status, headers
    /// and body it gets back with `read`.
    fn new<F>(
        request: Result<F, Error>,
        read: fn(u16, reqwest::header::HeaderMap, bytes::Bytes) -> Result<T, Error>,
    ) -> Self
    where
        F: std::future::Future<Output = Result<(u16, reqwest::header::HeaderMap, bytes::Bytes), Error>> + Send + 'static,
    {
        let state = match request {
            Ok(response) => CallState::Sending { response: Box::pin(response), read },
            Err(error) => CallState::Refused(Some(error)),
        };
        Self { state }
    }
}

#[cfg(any(test, runtime = "calls"))]
impl<T> std::future::Future for Call<T> {
    type Output = Result<T, Error>;

    fn poll(self: std::pin::Pin<&mut Self>, cx: &mut std::task::Context<'_>) -> std::task::Poll<Self::Output> {
        match &mut self.get_mut().state {
            CallState::Refused(error) => match error.take() {
                Some(error) => std::task::Poll::Ready(Err(error)),
                None => panic!("`Call` polled after completion"),
            },
            CallState::Sending { response, read } => match response.as_mut().poll(cx) {
                std::task::Poll::Ready(Ok((status, headers, body))) => std::task::Poll::Ready(read(status, headers, body)),
                std::task::Poll::Ready(Err(error)) => std::task::Poll::Ready(Err(error)),
                std::task::Poll::Pending => std::task::Poll::Pending,
            },
        }
    }
}

#[cfg(any(test, runtime = "calls"))]
impl<T> std::fmt::Debug for Call<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let state = match self.state {
            CallState::Refused(_) => "refused",
            CallState::Sending { .. } => "sending",
        };
        f.debug_struct("Call").field("state", &state).finish()
    }
}
