// Responses as the server sends them: a status, a content type, a body and
// the documented headers. Embedded in `server::support`.

fn status(code: u16) -> axum::http::StatusCode {
    axum::http::StatusCode::from_u16(code).unwrap_or(axum::http::StatusCode::INTERNAL_SERVER_ERROR)
}

pub(super) fn empty(code: u16) -> axum::response::Response {
    status(code).into_response()
}

pub(super) fn json(code: u16, body: &impl serde::Serialize) -> axum::response::Response {
    match serde_json::to_vec(body) {
        Ok(bytes) => (status(code), [(axum::http::header::CONTENT_TYPE, "application/json")], bytes).into_response(),
        Err(_) => axum::http::StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

pub(super) fn raw(code: u16, content_type: &'static str, body: bytes::Bytes) -> axum::response::Response {
    (status(code), [(axum::http::header::CONTENT_TYPE, content_type)], body).into_response()
}

/// A body the document gives no schema: bytes of no known type, so no
/// `Content-Type` unless there are bytes to describe.
pub(super) fn untyped(code: u16, body: bytes::Bytes) -> axum::response::Response {
    if body.is_empty() {
        return empty(code);
    }
    raw(code, "application/octet-stream", body)
}

/// Adds a documented response header; a value that cannot be a header (a
/// line break, say) turns the response into a 500.
#[cfg(any(test, runtime = "response_headers"))]
pub(super) fn set_header(response: &mut axum::response::Response, name: &'static str, value: Option<String>) {
    let Some(value) = value else {
        return;
    };
    match (axum::http::HeaderName::try_from(name), axum::http::HeaderValue::try_from(value)) {
        (Ok(name), Ok(value)) => {
            response.headers_mut().insert(name, value);
        }
        _ => {
            *response = (
                axum::http::StatusCode::INTERNAL_SERVER_ERROR,
                format!("the handler answered a `{name}` header that cannot be sent"),
            )
                .into_response();
        }
    }
}
