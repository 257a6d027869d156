// The server's view of a request: path, query, headers and body read once
// (`Input`), forms and multipart bodies, and credentials. Embedded as
// `server::support`; the items a document does not use are left out.

use super::Rejection;
use axum::response::IntoResponse;

/// A request's parameters and body, read once, and what the method's
/// `Context` gets of it.
pub(super) struct Input {
    path: Vec<(String, String)>,
    query: Vec<(String, String)>,
    /// The query as sent, for lists split before decoding.
    raw_query: String,
    method: axum::http::Method,
    uri: axum::http::Uri,
    headers: axum::http::HeaderMap,
    extensions: axum::http::Extensions,
    pub(super) body: bytes::Bytes,
    #[cfg(any(test, runtime = "forms"))]
    form: FormBody,
    /// The `Cookie` headers' pairs, values decoded.
    #[cfg(any(test, runtime = "cookies"))]
    cookies: Vec<(String, String)>,
}

/// A path parameter of another route, as a request to this one has it.
#[cfg(any(test, runtime = "fall_through"))]
pub(super) enum PathValue {
    /// This route's parameter `p<n>`.
    Param(usize),
    /// A literal segment of this route's path.
    Text(&'static str),
}

/// Handlers take the whole request as one `Input`: a request that cannot be
/// read (a path or query that is not UTF-8 once decoded, a body too large,
/// too slow or broken) is answered through `Api::rejected` before any
/// handler runs.
impl<A: super::Api> axum::extract::FromRequest<std::sync::Arc<A>> for Input {
    type Rejection = axum::response::Response;

    async fn from_request(request: axum::extract::Request, api: &std::sync::Arc<A>) -> Result<Self, Self::Rejection> {
        Self::read(request, A::BODY_TIMEOUT).await.map_err(|rejection| <A as super::Api>::rejected(api, rejection))
    }
}

impl Input {
    /// Reads the request; the body within the router's size limit (axum's
    /// `DefaultBodyLimit`, 2 MB unless a layer changes it) and `timeout`.
    async fn read(request: axum::extract::Request, timeout: std::time::Duration) -> Result<Self, Rejection> {
        use axum::extract::{FromRequest, FromRequestParts};
        let (mut parts, body) = request.into_parts();
        let path = match axum::extract::RawPathParams::from_request_parts(&mut parts, &()).await {
            Ok(params) => params.iter().map(|(name, value)| (name.to_string(), value.to_string())).collect(),
            Err(axum::extract::rejection::RawPathParamsRejection::InvalidUtf8InPathParam(_)) => {
                return Err(Rejection::new("path", "path", "a path segment is not valid UTF-8 once decoded"));
            }
            Err(_) => Vec::new(),
        };
        let raw_query = parts.uri.query().unwrap_or("").to_string();
        let query = parse_pairs(&raw_query, "query")?;
        let (method, uri, headers) =
            (parts.method.clone(), parts.uri.clone(), std::mem::take(&mut parts.headers));
        // The body's reader needs the extensions for its limit; the method's
        // context keeps them too.
        let extensions = parts.extensions.clone();
        let request = axum::extract::Request::from_parts(parts, body);
        let body = match tokio::time::timeout(timeout, bytes::Bytes::from_request(request, &())).await {
            Ok(Ok(body)) => body,
            Ok(Err(rejection)) => return Err(body_unread(&rejection)),
            Err(_) => {
                let mut rejection =
                    Rejection::new("body", "body", format!("the body did not arrive within {timeout:?}"));
                rejection.status = axum::http::StatusCode::REQUEST_TIMEOUT;
                return Err(rejection);
            }
        };
        #[cfg(any(test, runtime = "forms"))]
        let form = FormBody::read(&headers, &body).await?;
        #[cfg(any(test, runtime = "cookies"))]
        let cookies = cookies(&headers);
        Ok(Self {
            path,
            query,
            raw_query,
            method,
            uri,
            headers,
            extensions,
            body,
            #[cfg(any(test, runtime = "forms"))]
            form,
            #[cfg(any(test, runtime = "cookies"))]
            cookies,
        })
    }

    /// What the method sees of the request, once its parameters are read.
    pub(super) fn into_context(self) -> super::Context {
        super::Context {
            method: self.method,
            uri: self.uri,
            headers: self.headers,
            extensions: self.extensions,
            #[cfg(any(test, runtime = "security"))]
            credentials: Default::default(),
        }
    }

    /// The `index`th path parameter of the route (`p0`, `p1`, ...).
    pub(super) fn path(&self, index: usize) -> Option<&str> {
        let name = format!("p{index}");
        self.path.iter().find(|(n, _)| *n == name).map(|(_, v)| v.as_str())
    }

    /// This request as another route's handler reads it: that route's path
    /// parameters, in order, from this one's or from literal text.
    #[cfg(any(test, runtime = "fall_through"))]
    pub(super) fn repath(mut self, values: &[PathValue]) -> Self {
        self.path = values
            .iter()
            .enumerate()
            .map(|(k, value)| {
                let value = match value {
                    PathValue::Param(j) => self.path(*j).unwrap_or_default().to_string(),
                    PathValue::Text(text) => text.to_string(),
                };
                (format!("p{k}"), value)
            })
            .collect();
        self
    }

    /// The `index`th path parameter with `prefix` and `suffix` removed, when
    /// it has them (`{id}.json`).
    pub(super) fn path_between(&self, index: usize, prefix: &str, suffix: &str) -> Option<&str> {
        let value = self.path(index)?;
        value.strip_prefix(prefix)?.strip_suffix(suffix)
    }

    /// The first value of a query parameter.
    pub(super) fn query(&self, name: &str) -> Option<&str> {
        self.query.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// The items of a list sent in one query value (csv, ssv, tsv, pipes);
    /// see `items`.
    pub(super) fn query_items(&self, name: &str, separator: char) -> Option<Vec<String>> {
        items(&self.raw_query, name, separator)
    }

    /// Every value of a repeated query parameter.
    pub(super) fn query_all(&self, name: &str) -> Vec<&str> {
        self.query.iter().filter(|(n, _)| n == name).map(|(_, v)| v.as_str()).collect()
    }

    /// A header's value; one that is not UTF-8 is refused.
    pub(super) fn header(&self, name: &'static str) -> Result<Option<&str>, Rejection> {
        match self.headers.get(name) {
            None => Ok(None),
            Some(value) => std::str::from_utf8(value.as_bytes())
                .map(Some)
                .map_err(|_| Rejection::new(name, "header", "not valid UTF-8")),
        }
    }

    /// The cookie `name`, percent-decoded (the first, when sent twice).
    #[cfg(any(test, runtime = "cookies"))]
    pub(super) fn cookie(&self, name: &str) -> Option<&str> {
        self.cookies.iter().find(|(n, _)| n == name).map(|(_, value)| value.as_str())
    }

    /// The body of an operation that reads JSON: a body announced as another
    /// media type (XML, say) gets 415 Unsupported Media Type; a body without a
    /// `Content-Type` is read as JSON.
    pub(super) fn json_body(&self) -> Result<&[u8], Rejection> {
        self.body_as("JSON (application/json)", |essence| essence == "application/json" || essence.ends_with("+json"))
    }

    /// The body of an operation that reads XML, as `json_body` is for JSON.
    #[cfg(any(test, runtime = "xml"))]
    pub(super) fn xml_body(&self) -> Result<&[u8], Rejection> {
        self.body_as("XML (application/xml)", |essence| {
            essence == "application/xml" || essence == "text/xml" || essence.ends_with("+xml")
        })
    }

    /// The body of an operation that reads bytes as they are, `None` when
    /// none was sent (empty, without a `Content-Type`). A body of a media
    /// type other than those the document lists (`image/*` and `*/*` match
    /// by range) gets 415 Unsupported Media Type.
    pub(super) fn raw_body(&self, listed: &[&str]) -> Result<Option<bytes::Bytes>, Rejection> {
        let essence = |t: &str| t.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
        let listed: Vec<String> = listed.iter().map(|t| essence(t)).collect();
        let accepts = |sent: &str| {
            listed.iter().any(|t| match t.strip_suffix('*') {
                Some("*/") => true,
                Some(range) => sent.starts_with(range),
                None => t == sent,
            })
        };
        self.body_as(&listed.join(" or "), accepts)?;
        let sent = !self.body.is_empty() || self.headers.contains_key(axum::http::header::CONTENT_TYPE);
        Ok(sent.then(|| self.body.clone()))
    }

    /// The body, unless its `Content-Type` is one `accepts` refuses.
    fn body_as(&self, what: &str, accepts: impl Fn(&str) -> bool) -> Result<&[u8], Rejection> {
        let content_type = match self.headers.get(axum::http::header::CONTENT_TYPE) {
            Some(value) if !self.body.is_empty() => value.to_str().unwrap_or("?"),
            _ => return Ok(&self.body),
        };
        let essence = content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
        if accepts(&essence) {
            return Ok(&self.body);
        }
        let mut rejection =
            Rejection::new("Content-Type", "header", format!("the body must be {what}, not {content_type:?}"));
        rejection.status = axum::http::StatusCode::UNSUPPORTED_MEDIA_TYPE;
        Err(rejection)
    }

    /// An optional form that was sent must have the fields its schema
    /// requires; one that was not (an empty body) has none.
    #[cfg(any(test, runtime = "forms"))]
    pub(super) fn sent_form_has(&self, required: &[&str]) -> Result<(), Rejection> {
        // A multipart body of no parts (the closing boundary alone, as a
        // client writes an empty form) is no form either.
        let parts = !self.form.fields.is_empty();
        #[cfg(any(test, runtime = "files"))]
        let parts = parts || !self.form.files.is_empty();
        if self.body.is_empty() || !parts {
            return Ok(());
        }
        for name in required {
            let text = self.form.fields.iter().any(|(n, _)| n == name);
            #[cfg(any(test, runtime = "files"))]
            let text = text || self.form.files.iter().any(|(n, _)| n == name);
            if !text {
                return Err(Rejection::new(name, "form", "required in the form, which was sent"));
            }
        }
        Ok(())
    }

    /// The first value of a form field.
    #[cfg(any(test, runtime = "forms"))]
    pub(super) fn form(&self, name: &str) -> Option<&str> {
        self.form.fields.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// The items of a list sent in one form value: as `query_items` for an
    /// urlencoded form; a multipart text part is split as it is.
    #[cfg(any(test, runtime = "forms"))]
    pub(super) fn form_items(&self, name: &str, separator: char) -> Option<Vec<String>> {
        match &self.form.urlencoded {
            Some(text) => items(text, name, separator),
            None => self.form(name).map(|value| {
                value.split(separator).filter(|_| !value.is_empty()).map(str::to_string).collect()
            }),
        }
    }

    /// Every value of a repeated form field.
    #[cfg(any(test, runtime = "forms"))]
    pub(super) fn form_all(&self, name: &str) -> Vec<&str> {
        self.form.fields.iter().filter(|(n, _)| n == name).map(|(_, v)| v.as_str()).collect()
    }

    /// The first part of a multipart body with this name.
    #[cfg(any(test, runtime = "files"))]
    pub(super) fn file(&self, name: &str) -> Option<super::super::FilePart> {
        self.form.files.iter().find(|(n, _)| n == name).map(|(_, part)| part.clone())
    }

    /// Every part of a multipart body with this name.
    #[cfg(any(test, runtime = "files"))]
    pub(super) fn files(&self, name: &str) -> Vec<super::super::FilePart> {
        self.form.files.iter().filter(|(n, _)| n == name).map(|(_, part)| part.clone()).collect()
    }

    /// The token of an `Authorization: Bearer` header.
    #[cfg(any(test, runtime = "bearer"))]
    pub(super) fn bearer(&self) -> Option<String> {
        let value = self.headers.get(axum::http::header::AUTHORIZATION)?.to_str().ok()?;
        let (scheme, token) = value.trim().split_once(' ')?;
        let token = token.trim();
        (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then(|| token.to_string())
    }

    /// The user name and password of an `Authorization: Basic` header; `None`
    /// when absent or malformed.
    #[cfg(any(test, runtime = "basic"))]
    pub(super) fn basic(&self) -> Option<super::super::BasicAuth> {
        let value = self.headers.get(axum::http::header::AUTHORIZATION)?.to_str().ok()?;
        let (scheme, encoded) = value.trim().split_once(' ')?;
        if !scheme.eq_ignore_ascii_case("basic") {
            return None;
        }
        let decoded = String::from_utf8(super::super::runtime::base64_decode(encoded.trim()).ok()?).ok()?;
        let (username, password) = decoded.split_once(':')?;
        Some(super::super::BasicAuth { username: username.to_string(), password: password.to_string() })
    }
}

/// Why a body could not be read: 413 when it is over the limit, else 400.
fn body_unread(rejection: &axum::extract::rejection::BytesRejection) -> Rejection {
    let mut unread = if rejection.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
        Rejection::new("body", "body", "the body is larger than this server accepts")
    } else {
        Rejection::new("body", "body", format!("the body could not be read: {}", rejection.body_text()))
    };
    unread.status = rejection.status();
    unread
}

/// A 401: the credentials the operation needs are missing.
#[cfg(any(test, runtime = "security"))]
pub(super) fn unauthorized(
    parameter: &str,
    message: &str,
    accepted: &[&str],
    challenge: Option<&'static str>,
) -> Rejection {
    let mut rejection = Rejection::new(parameter, "security", message);
    rejection.accepted = accepted.iter().map(|a| a.to_string()).collect();
    rejection.status = axum::http::StatusCode::UNAUTHORIZED;
    rejection.challenge = challenge;
    rejection
}

/// A form body: urlencoded, or multipart with its files.
#[cfg(any(test, runtime = "forms"))]
#[derive(Default)]
struct FormBody {
    /// The text values: urlencoded pairs, or the parts of a multipart body
    /// that are UTF-8.
    fields: Vec<(String, String)>,
    /// An urlencoded body as sent, for lists split before decoding.
    urlencoded: Option<String>,
    /// Every part of a multipart body, as a file.
    #[cfg(any(test, runtime = "files"))]
    files: Vec<(String, super::super::FilePart)>,
}

#[cfg(any(test, runtime = "forms"))]
impl FormBody {
    /// The fields of a form body, when the `Content-Type` announces one.
    async fn read(headers: &axum::http::HeaderMap, body: &bytes::Bytes) -> Result<Self, Rejection> {
        let mut form = Self::default();
        let essence = headers
            .get(axum::http::header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .map(|value| value.split(';').next().unwrap_or("").trim().to_ascii_lowercase());
        if essence.as_deref() == Some("application/x-www-form-urlencoded") {
            let text =
                std::str::from_utf8(body).map_err(|_| Rejection::new("body", "body", "a form body that is not UTF-8"))?;
            form.fields = parse_pairs(text, "form")?;
            form.urlencoded = Some(text.to_string());
        }
        #[cfg(any(test, runtime = "multipart"))]
        if essence.as_deref() == Some("multipart/form-data") {
            form.read_multipart(headers, body).await?;
        }
        Ok(form)
    }

    /// Reads the parts of a `multipart/form-data` body.
    #[cfg(any(test, runtime = "multipart"))]
    async fn read_multipart(&mut self, headers: &axum::http::HeaderMap, body: &bytes::Bytes) -> Result<(), Rejection> {
        use axum::extract::FromRequest;
        let bad = |error: &dyn std::fmt::Display| {
            Rejection::new("body", "body", format!("not a multipart/form-data body: {error}"))
        };
        let mut request = axum::extract::Request::new(axum::body::Body::from(body.clone()));
        *request.headers_mut() = headers.clone();
        let mut multipart = axum::extract::Multipart::from_request(request, &()).await.map_err(|error| bad(&error))?;
        while let Some(field) = multipart.next_field().await.map_err(|error| bad(&error))? {
            let name = field.name().unwrap_or("").to_string();
            #[cfg(any(test, runtime = "files"))]
            let (file_name, content_type) =
                (field.file_name().map(str::to_string), field.content_type().map(str::to_string));
            let bytes = field.bytes().await.map_err(|error| bad(&error))?;
            if let Ok(text) = std::str::from_utf8(&bytes) {
                self.fields.push((name.clone(), text.to_string()));
            }
            #[cfg(any(test, runtime = "files"))]
            self.files.push((name, super::super::FilePart { file_name, content_type, bytes }));
        }
        Ok(())
    }
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Decodes `application/x-www-form-urlencoded` text (`+` is a space).
fn decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => match (bytes.get(i + 1).copied().and_then(hex), bytes.get(i + 2).copied().and_then(hex)) {
                (Some(high), Some(low)) => {
                    out.push(high * 16 + low);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).ok()
}

/// The items of the list `name` in a query string or urlencoded form.
/// Where the value holds its separator as itself, it is split before
/// decoding, so an item may hold an encoded separator (`a%2Cb,c` is two
/// items); a value without one (every separator encoded, as many clients
/// send it, and always for spaces and tabs) is split after decoding. The
/// empty value is the empty list.
fn items(text: &str, name: &str, separator: char) -> Option<Vec<String>> {
    let value = text.split('&').filter(|pair| !pair.is_empty()).find_map(|pair| {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        (decode(key).as_deref() == Some(name)).then_some(value)
    })?;
    if value.is_empty() {
        return Some(Vec::new());
    }
    // Each item decodes: the whole value did when the request was read.
    let decoded = |item: &str| decode(item).unwrap_or_else(|| item.to_string());
    if value.contains(separator) {
        Some(value.split(separator).map(decoded).collect())
    } else {
        Some(decoded(value).split(separator).map(str::to_string).collect())
    }
}

/// The `name=value` pairs of every `Cookie` header (RFC 6265: pairs apart
/// by `;`, a value perhaps in double quotes). A value is percent-decoded
/// (`+` stays itself) when it decodes to UTF-8, else kept as sent; a pair
/// without `=` or a header that is not text is skipped.
#[cfg(any(test, runtime = "cookies"))]
fn cookies(headers: &axum::http::HeaderMap) -> Vec<(String, String)> {
    let pairs = headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'));
    let mut cookies = Vec::new();
    for pair in pairs {
        let Some((name, value)) = pair.split_once('=') else { continue };
        let value = value.trim();
        let value = value.strip_prefix('"').and_then(|v| v.strip_suffix('"')).unwrap_or(value);
        let decoded = decode(&value.replace('+', "%2B")).unwrap_or_else(|| value.to_string());
        cookies.push((name.trim().to_string(), decoded));
    }
    cookies
}

/// `name=value` pairs of a query string or urlencoded form.
fn parse_pairs(text: &str, location: &'static str) -> Result<Vec<(String, String)>, Rejection> {
    let mut pairs = Vec::new();
    for pair in text.split('&').filter(|p| !p.is_empty()) {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        let name = decode(name).ok_or_else(|| Rejection::new(name, location, "the name is not valid UTF-8 once decoded"))?;
        let value = decode(value).ok_or_else(|| Rejection::new(&name, location, "not valid UTF-8 once decoded"))?;
        pairs.push((name, value));
    }
    Ok(pairs)
}

#[cfg(test)]
mod input_tests {
    use super::*;

    async fn read(method: &str, uri: &str, headers: &[(&str, &str)], body: &'static [u8]) -> Input {
        let mut request = axum::extract::Request::builder().method(method).uri(uri);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let request = request.body(axum::body::Body::from(body)).unwrap();
        match Input::read(request, std::time::Duration::from_secs(5)).await {
            Ok(input) => input,
            Err(rejection) => panic!("refused: {rejection}"),
        }
    }

    fn refused(result: Result<Input, Rejection>) -> Rejection {
        match result {
            Ok(_) => panic!("read"),
            Err(rejection) => rejection,
        }
    }

    #[tokio::test]
    async fn the_context_keeps_method_uri_headers_and_extensions() {
        let mut request =
            axum::extract::Request::builder().method("PUT").uri("/a?b=1").header("x-id", "7").body(axum::body::Body::empty()).unwrap();
        request.extensions_mut().insert(42u32);
        let context = Input::read(request, std::time::Duration::from_secs(5)).await.ok().unwrap().into_context();
        assert_eq!((context.method.as_str(), context.uri.to_string().as_str()), ("PUT", "/a?b=1"));
        assert_eq!(context.headers["x-id"], "7");
        assert_eq!(context.extension::<u32>(), Some(&42));
    }

    #[tokio::test]
    async fn a_body_over_the_limit_is_413_a_slow_one_408_a_broken_one_400() {
        let timeout = std::time::Duration::from_millis(50);
        let large = axum::extract::Request::new(axum::body::Body::from(vec![b'x'; (2 << 20) + 1]));
        let too_large = refused(Input::read(large, timeout).await);
        assert_eq!((too_large.status.as_u16(), too_large.location), (413, "body"));
        let slow = refused(Input::read(axum::extract::Request::new(Stalled::body(false)), timeout).await);
        assert_eq!(slow.status.as_u16(), 408);
        assert!(slow.message.contains("50ms"), "{}", slow.message);
        let broken = refused(Input::read(axum::extract::Request::new(Stalled::body(true)), timeout).await);
        assert_eq!(broken.status.as_u16(), 400);
        assert!(broken.message.starts_with("the body could not be read"), "{}", broken.message);
    }

    /// A body that never sends a byte: it waits forever, or fails.
    struct Stalled {
        fails: bool,
    }

    impl Stalled {
        fn body(fails: bool) -> axum::body::Body {
            axum::body::Body::new(Self { fails })
        }
    }

    impl http_body::Body for Stalled {
        type Data = bytes::Bytes;
        type Error = std::io::Error;

        fn poll_frame(
            self: std::pin::Pin<&mut Self>,
            _: &mut std::task::Context<'_>,
        ) -> std::task::Poll<Option<Result<http_body::Frame<bytes::Bytes>, std::io::Error>>> {
            match self.fails {
                true => std::task::Poll::Ready(Some(Err(std::io::Error::other("connection reset")))),
                false => std::task::Poll::Pending,
            }
        }
    }

    #[test]
    fn pairs_are_percent_and_plus_decoded_and_must_be_utf8() {
        let pairs = parse_pairs("a=1+2&b%20c=%C3%BC&flag&=x&&bad=%zz", "query").unwrap();
        let expected = [("a", "1 2"), ("b c", "ü"), ("flag", ""), ("", "x"), ("bad", "%zz")];
        assert_eq!(pairs, expected.map(|(n, v)| (n.to_string(), v.to_string())));
        let refused = parse_pairs("n=%FF", "query").unwrap_err();
        assert_eq!((refused.parameter.as_str(), refused.location), ("n", "query"));
    }

    #[tokio::test]
    async fn a_raw_body_is_absent_or_of_a_listed_media_type() {
        let none = read("PUT", "/", &[], b"").await;
        assert_eq!(none.raw_body(&["image/png"]).unwrap(), None);
        let png = read("PUT", "/", &[("content-type", "image/png")], b"\x89PNG").await;
        assert_eq!(png.raw_body(&["image/png"]).unwrap().as_deref(), Some(&b"\x89PNG"[..]));
        assert!(png.raw_body(&["image/*"]).is_ok());
        assert!(png.raw_body(&["*/*"]).is_ok());
        // Present though empty: a Content-Type says so.
        let empty = read("PUT", "/", &[("content-type", "text/plain; charset=utf-8")], b"").await;
        assert_eq!(empty.raw_body(&["text/plain"]).unwrap().as_deref(), Some(&b""[..]));
        let json = read("PUT", "/", &[("content-type", "application/json")], b"{}").await;
        let refused = json.raw_body(&["image/png", "image/jpeg"]).unwrap_err();
        assert_eq!(refused.status, axum::http::StatusCode::UNSUPPORTED_MEDIA_TYPE);
        assert!(refused.message.contains("image/png or image/jpeg"), "{}", refused.message);
    }

    #[tokio::test]
    async fn cookies_are_read_from_every_cookie_header_and_decoded() {
        let headers = [("cookie", "session=a%20b%3Bc; plus=1+2"), ("cookie", "quoted=\"x y\";bare;raw=%FF;session=later")];
        let input = read("GET", "/", &headers, b"").await;
        assert_eq!(input.cookie("session"), Some("a b;c"));
        assert_eq!(input.cookie("plus"), Some("1+2"));
        assert_eq!(input.cookie("quoted"), Some("x y"));
        // Not UTF-8 once decoded: kept as sent.
        assert_eq!(input.cookie("raw"), Some("%FF"));
        assert_eq!((input.cookie("bare"), input.cookie("missing")), (None, None));
    }

    #[tokio::test]
    async fn repath_gives_another_routes_parameters_from_this_ones_and_literal_text() {
        let mut input = read("GET", "/projects/7/services/asana", &[], b"").await;
        input.path = vec![("p0".to_string(), "7".to_string())];
        let input = input.repath(&[PathValue::Param(0), PathValue::Text("asana")]);
        assert_eq!((input.path(0), input.path(1), input.path(2)), (Some("7"), Some("asana"), None));
    }

    #[test]
    fn list_items_split_at_a_raw_separator_else_after_decoding() {
        let items = |text: &str, separator: char| super::items(text, "t", separator);
        let owned = |items: &[&str]| Some(items.iter().map(|i| i.to_string()).collect::<Vec<_>>());
        // An encoded separator inside an item, raw ones between items.
        assert_eq!(items("t=a%2Cb,c", ','), owned(&["a,b", "c"]));
        // Every separator encoded (as Python's urlencode sends it).
        assert_eq!(items("t=a%2Cb", ','), owned(&["a", "b"]));
        assert_eq!(items("t=x%7Cy|z&u=1", '|'), owned(&["x|y", "z"]));
        // Spaces travel encoded (or as `+`): split after decoding.
        assert_eq!(items("t=a+b%20c", ' '), owned(&["a", "b", "c"]));
        assert_eq!(items("u=1&t=", ','), owned(&[]));
        assert_eq!(items("u=1", ','), None);
        assert_eq!(items("t=%C3%BC,%26", ','), owned(&["ü", "&"]));
    }

    #[tokio::test]
    async fn query_headers_and_urlencoded_forms_are_read_once() {
        let input = read(
            "POST",
            "/x?a=1&a=2&b=%20",
            &[("content-type", "application/x-www-form-urlencoded; charset=utf-8"), ("x-h", "v")],
            b"f=1&f=2&g=%C3%BC",
        )
        .await;
        assert_eq!(input.query("a"), Some("1"));
        assert_eq!(input.query_all("a"), ["1", "2"]);
        assert_eq!(input.query("b"), Some(" "));
        assert_eq!(input.header("x-h").unwrap(), Some("v"));
        assert_eq!(input.form_all("f"), ["1", "2"]);
        assert_eq!(input.form("g"), Some("ü"));
    }

    #[tokio::test]
    async fn multipart_parts_are_fields_and_files() {
        let body = b"--B\r\nContent-Disposition: form-data; name=\"t\"\r\n\r\nhi\r\n\
--B\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.bin\"\r\nContent-Type: application/x-a\r\n\r\n\xff\x00\r\n--B--\r\n";
        let input = read("POST", "/", &[("content-type", "multipart/form-data; boundary=B")], body).await;
        assert_eq!(input.form("t"), Some("hi"));
        let file = input.file("f").unwrap();
        assert_eq!(file.file_name.as_deref(), Some("a.bin"));
        assert_eq!(file.content_type.as_deref(), Some("application/x-a"));
        assert_eq!(&file.bytes[..], b"\xff\x00");
        assert_eq!(input.files("t").len(), 1);
        assert!(input.file("absent").is_none());
    }

    #[tokio::test]
    async fn credentials_come_from_the_authorization_header() {
        let basic = read("GET", "/", &[("authorization", "Basic dTpwOnE=")], b"").await;
        let auth = basic.basic().unwrap();
        assert_eq!((auth.username.as_str(), auth.password.as_str()), ("u", "p:q"));
        assert_eq!(basic.bearer(), None);
        let bearer = read("GET", "/", &[("authorization", "bearer  tok ")], b"").await;
        assert_eq!(bearer.bearer().as_deref(), Some("tok"));
        assert!(bearer.basic().is_none());
        let broken = read("GET", "/", &[("authorization", "Basic !!")], b"").await;
        assert!(broken.basic().is_none());
    }

    #[tokio::test]
    async fn a_body_announced_as_another_media_type_gets_415() {
        let json = read("POST", "/", &[("content-type", "application/merge-patch+json")], b"{}").await;
        assert_eq!(json.json_body().unwrap(), b"{}");
        let untyped = read("POST", "/", &[], b"{}").await;
        assert!(untyped.json_body().is_ok());
        let xml = read("POST", "/", &[("content-type", "application/xml")], b"<a/>").await;
        let refused = xml.json_body().unwrap_err();
        assert_eq!(refused.status, axum::http::StatusCode::UNSUPPORTED_MEDIA_TYPE);
        assert_eq!(refused.parameter, "Content-Type");
    }
}
