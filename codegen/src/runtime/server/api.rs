// The server's `Error` and `Rejection`, embedded in the generated `server`
// module beside the document's `Api` trait and `router`.

/// An error a handler answers with: a status and a message, sent as a JSON
/// body `{"error": message}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub status: axum::http::StatusCode,
    pub message: String,
}

impl Error {
    pub fn new(status: axum::http::StatusCode, message: impl Into<String>) -> Self {
        Self { status, message: message.into() }
    }

    /// 501 Not Implemented, the answer of every method not implemented.
    pub fn not_implemented(operation: &str) -> Self {
        Self::new(
            axum::http::StatusCode::NOT_IMPLEMENTED,
            format!("operation `{operation}` is not implemented"),
        )
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
        support::json(self.status.as_u16(), &serde_json::json!({ "error": self.message }))
    }
}

/// Why a request was refused before any method of [`Api`] saw it: the
/// parameter (or `body`), where it was expected, and what is wrong.
/// [`Api::rejected`] turns it into the answer; by default its `status` (400;
/// 401 for missing credentials; 415 for a body that is not JSON) with a JSON
/// body `{"error", "parameter", "in", "message"}` (and `accepted`, the values
/// an enum lists or the schemes that would do).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Rejection {
    /// The parameter's name in the document, or `body`.
    pub parameter: String,
    /// `path`, `query`, `header`, `form`, `body`, or `security` for missing
    /// credentials.
    pub location: &'static str,
    /// What is wrong, in words.
    pub message: String,
    /// The values the parameter's `enum` lists, when that is what was broken;
    /// for missing credentials, the security schemes that would do.
    pub accepted: Vec<String>,
    /// 400 Bad Request; 401 Unauthorized when credentials are missing; 415
    /// Unsupported Media Type for a body that is not JSON where the server
    /// reads JSON.
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
        let error = if self.status == axum::http::StatusCode::UNAUTHORIZED { "unauthorized" } else { "bad request" };
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
    async fn an_error_is_its_status_with_the_message() {
        let response = Error::not_implemented("listPets").into_response();
        assert_eq!(response.status(), 501);
        assert_eq!(json_of(response).await, serde_json::json!({"error": "operation `listPets` is not implemented"}));
    }
}
