// The server's `Error` and `Rejection`, embedded in the generated `server`
// module beside the document's `Api` trait and `router`.

/// What a method sees of its request beyond the document's parameters: the
/// method, the URI, every header (those the document does not list too), the
/// extensions that middleware inserted, and the peer address when the router
/// is served with `into_make_service_with_connect_info::<SocketAddr>()`.
/// `Context::default()` builds one for a test that calls a method directly.
#[derive(Debug, Default)]
pub struct Context {
    pub method: axum::http::Method,
    pub uri: axum::http::Uri,
    pub headers: axum::http::HeaderMap,
    /// What layers put into the request (`axum::Extension`, a
    /// `request.extensions_mut().insert(..)` in a middleware).
    pub extensions: axum::http::Extensions,
    /// The credentials the request carried, of the schemes the operation's
    /// `security` names (none for an operation without security). An
    /// operation whose security is not satisfied never reaches its method.
    #[cfg(any(test, runtime = "security"))]
    pub credentials: super::Credentials,
}

impl Context {
    /// The address of the peer, when the server was started with
    /// `into_make_service_with_connect_info::<SocketAddr>()`.
    pub fn peer_addr(&self) -> Option<std::net::SocketAddr> {
        self.extensions.get::<axum::extract::ConnectInfo<std::net::SocketAddr>>().map(|info| info.0)
    }

    /// An extension a layer inserted, by type.
    pub fn extension<T: Send + Sync + 'static>(&self) -> Option<&T> {
        self.extensions.get::<T>()
    }
}

/// An error a method answers with. By default it is sent as its `status`
/// with a JSON body `{"error": message}`, or as the response it carries
/// ([`Error::from_response`]); [`Api::failed`] decides how every error of
/// the API is answered.
#[derive(Debug)]
pub struct Error {
    pub status: axum::http::StatusCode,
    pub message: String,
    response: Option<Box<axum::response::Response>>,
}

impl Error {
    pub fn new(status: axum::http::StatusCode, message: impl Into<String>) -> Self {
        Self { status, message: message.into(), response: None }
    }

    /// An error answered with a response the document defines (any
    /// `<Operation>Response` value) or anything else axum can send: a
    /// helper shared by several methods can fail with the document's own
    /// error body through `?`.
    pub fn from_response(response: impl axum::response::IntoResponse) -> Self {
        let response = response.into_response();
        let status = response.status();
        Self {
            status,
            message: status.canonical_reason().unwrap_or("error").to_string(),
            response: Some(Box::new(response)),
        }
    }

    /// 501 Not Implemented, the answer of every method not implemented.
    pub fn not_implemented(operation: &str) -> Self {
        Self::new(
            axum::http::StatusCode::NOT_IMPLEMENTED,
            format!("operation `{operation}` is not implemented"),
        )
    }

    /// 500 Internal Server Error, the answer of a method that panicked. The
    /// message does not repeat the panic's, which may hold anything.
    pub fn panicked(operation: &str) -> Self {
        Self::new(axum::http::StatusCode::INTERNAL_SERVER_ERROR, format!("operation `{operation}` failed"))
    }

    /// The response this error carries, if it was built from one.
    pub fn response(&self) -> Option<&axum::response::Response> {
        self.response.as_deref()
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.status, self.message)
    }
}

impl std::error::Error for Error {}

impl axum::response::IntoResponse for Error {
    fn into_response(self) -> axum::response::Response {
        match self.response {
            Some(response) => *response,
            None => support::json(self.status.as_u16(), &serde_json::json!({ "error": self.message })),
        }
    }
}

/// Why a request was refused before any method of [`Api`] saw it: the
/// parameter (or `body`), where it was expected, and what is wrong.
/// [`Api::rejected`] turns it into the answer; by default its `status` (400;
/// 401 for missing credentials; 408, 413 and 415 for a body that arrives too
/// slowly, is too large, or is not of the media type read) with a JSON
/// body `{"error", "parameter", "in", "message"}` (and `accepted`, the values
/// an enum lists or the schemes that would do).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Rejection {
    /// The parameter's name in the document, or `body`.
    pub parameter: String,
    /// `path`, `query`, `header`, `cookie`, `form`, `body`, or `security`
    /// for missing credentials.
    pub location: &'static str,
    /// What is wrong, in words.
    pub message: String,
    /// The values the parameter's `enum` lists, when that is what was broken;
    /// for missing credentials, the security schemes that would do.
    pub accepted: Vec<String>,
    /// 400 Bad Request; 401 Unauthorized when credentials are missing; 408
    /// Request Timeout for a body slower than [`Api::BODY_TIMEOUT`]; 413
    /// Payload Too Large for a body over the router's limit (axum's
    /// `DefaultBodyLimit`, 2 MB unless changed); 415 Unsupported Media Type
    /// for a body that is not JSON where the server reads JSON.
    pub status: axum::http::StatusCode,
    /// The `WWW-Authenticate` challenge of a 401, when the schemes have one.
    challenge: Option<&'static str>,
}

impl Rejection {
    fn new(parameter: &str, location: &'static str, message: impl Into<String>) -> Self {
        Self {
            parameter: parameter.to_string(),
            location,
            message: message.into(),
            accepted: Vec::new(),
            status: axum::http::StatusCode::BAD_REQUEST,
            challenge: None,
        }
    }
}

impl std::fmt::Display for Rejection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} `{}`: {}", self.location, self.parameter, self.message)
    }
}

impl axum::response::IntoResponse for Rejection {
    fn into_response(self) -> axum::response::Response {
        let error = self.status.canonical_reason().unwrap_or("bad request").to_ascii_lowercase();
        let mut body = serde_json::json!({
            "error": error,
            "parameter": self.parameter,
            "in": self.location,
            "message": self.message,
        });
        if !self.accepted.is_empty() {
            body["accepted"] = serde_json::json!(self.accepted);
        }
        let mut response = support::json(self.status.as_u16(), &body);
        if let Some(challenge) = self.challenge {
            response
                .headers_mut()
                .insert(axum::http::header::WWW_AUTHENTICATE, axum::http::HeaderValue::from_static(challenge));
        }
        response
    }
}

#[cfg(test)]
mod api_tests {
    use super::*;
    use axum::response::IntoResponse;

    async fn json_of(response: axum::response::Response) -> serde_json::Value {
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
        serde_json::from_slice(&bytes).unwrap()
    }

    #[tokio::test]
    async fn a_rejection_is_json_naming_the_parameter_and_what_is_accepted() {
        let mut rejection = Rejection::new("status", "query", "unknown value");
        rejection.accepted = vec!["a".into(), "b".into()];
        assert_eq!(rejection.to_string(), "query `status`: unknown value");
        let response = rejection.into_response();
        assert_eq!(response.status(), 400);
        assert_eq!(response.headers()["content-type"], "application/json");
        let body = json_of(response).await;
        assert_eq!(
            body,
            serde_json::json!({"error": "bad request", "parameter": "status", "in": "query",
                "message": "unknown value", "accepted": ["a", "b"]})
        );
    }

    #[tokio::test]
    async fn a_401_carries_its_challenge() {
        let mut rejection = Rejection::new("basic", "security", "missing credentials");
        rejection.status = axum::http::StatusCode::UNAUTHORIZED;
        rejection.challenge = Some("Basic realm=\"api\"");
        let response = rejection.into_response();
        assert_eq!(response.status(), 401);
        assert_eq!(response.headers()["www-authenticate"], "Basic realm=\"api\"");
        assert_eq!(json_of(response).await["error"], "unauthorized");
    }

    #[tokio::test]
    async fn an_error_built_from_a_response_answers_with_it() {
        let error = Error::from_response((axum::http::StatusCode::CONFLICT, "taken"));
        assert_eq!((error.status, error.message.as_str()), (axum::http::StatusCode::CONFLICT, "Conflict"));
        assert_eq!(error.response().map(|r| r.status()), Some(axum::http::StatusCode::CONFLICT));
        let response = error.into_response();
        assert_eq!(response.status(), 409);
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
        assert_eq!(&bytes[..], b"taken");
        assert_eq!(Error::panicked("getPet").to_string(), "500 Internal Server Error: operation `getPet` failed");
    }

    #[test]
    fn the_context_finds_the_peer_and_extensions() {
        let mut context = Context::default();
        assert_eq!(context.peer_addr(), None);
        let peer = std::net::SocketAddr::from(([127, 0, 0, 1], 4000));
        context.extensions.insert(axum::extract::ConnectInfo(peer));
        context.extensions.insert(7u8);
        assert_eq!(context.peer_addr(), Some(peer));
        assert_eq!(context.extension::<u8>(), Some(&7));
        assert_eq!(context.extension::<u16>(), None);
    }

    #[tokio::test]
    async fn an_error_is_its_status_with_the_message() {
        let response = Error::not_implemented("listPets").into_response();
        assert_eq!(response.status(), 501);
        assert_eq!(json_of(response).await, serde_json::json!({"error": "operation `listPets` is not implemented"}));
    }
}
