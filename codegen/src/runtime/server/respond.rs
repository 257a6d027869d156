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

/// A body written as XML in the shape `root` gives it.
#[cfg(any(test, runtime = "xml"))]
pub(super) fn xml(
    code: u16,
    content_type: &'static str,
    body: &impl serde::Serialize,
    root: &super::super::runtime::XmlProp,
) -> axum::response::Response {
    match serde_json::to_value(body) {
        Ok(value) => {
            let text = super::super::runtime::write_xml(&value, root);
            (status(code), [(axum::http::header::CONTENT_TYPE, content_type)], text).into_response()
        }
        Err(_) => axum::http::StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

pub(super) fn raw(code: u16, content_type: &'static str, body: bytes::Bytes) -> axum::response::Response {
    (status(code), [(axum::http::header::CONTENT_TYPE, content_type)], body).into_response()
}

/// A binary body sent as its pieces are produced (chunked); a piece that
/// fails breaks off the response.
#[cfg(any(test, runtime = "byte_stream"))]
pub(super) fn stream(
    code: u16,
    content_type: &'static str,
    body: super::super::ByteStream,
) -> axum::response::Response {
    let body = axum::body::Body::from_stream(body);
    (status(code), [(axum::http::header::CONTENT_TYPE, content_type)], body).into_response()
}

/// JSON values sent one per line as they are produced (after a record
/// separator for `application/json-seq`).
#[cfg(any(test, runtime = "json_stream"))]
pub(super) fn json_lines<T: serde::Serialize + Send + 'static>(
    code: u16,
    content_type: &'static str,
    body: super::super::JsonStream<T>,
) -> axum::response::Response {
    let essence = content_type.split(';').next().unwrap_or_default().trim();
    stream(code, content_type, body.encode(essence.eq_ignore_ascii_case("application/json-seq")))
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

#[cfg(test)]
mod respond_tests {
    use super::*;

    #[test]
    fn bodies_carry_their_content_type_and_an_empty_untyped_body_none() {
        let response = json(201, &serde_json::json!({"a": 1}));
        assert_eq!(response.status(), 201);
        assert_eq!(response.headers()["content-type"], "application/json");
        let response = raw(200, "text/plain", bytes::Bytes::from_static(b"hi"));
        assert_eq!(response.headers()["content-type"], "text/plain");
        let response = untyped(204, bytes::Bytes::new());
        assert!(response.headers().get("content-type").is_none());
        let response = untyped(200, bytes::Bytes::from_static(b"x"));
        assert_eq!(response.headers()["content-type"], "application/octet-stream");
        // A status that is not one is an internal error, not a panic.
        assert_eq!(empty(1000).status(), 500);
    }

    #[test]
    fn a_header_that_cannot_be_sent_turns_the_response_into_a_500() {
        let mut response = empty(200);
        set_header(&mut response, "x-rate", Some("10".into()));
        set_header(&mut response, "x-absent", None);
        assert_eq!(response.headers()["x-rate"], "10");
        assert!(response.headers().get("x-absent").is_none());
        set_header(&mut response, "x-bad", Some("a\r\nb".into()));
        assert_eq!(response.status(), 500);
    }
}
