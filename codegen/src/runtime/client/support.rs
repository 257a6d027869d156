// The client's helpers: percent-encoding, the path, query and form writers,
// the multipart writer, header values and response decoding. Embedded as
// `client::support`; the items a document does not use are left out.

use super::Error;

/// Characters sent as they are: RFC 3986's unreserved set.
fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')
}

/// Percent-encodes everything but the unreserved characters.
pub(super) fn encode(value: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &b in value.as_bytes() {
        if is_unreserved(b) {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX[usize::from(b >> 4)] as char);
            out.push(HEX[usize::from(b & 15)] as char);
        }
    }
}

/// An object parameter in the query: a pair per member that is not null,
/// `name[key]=value` (`deep`, OpenAPI's `deepObject`) or `key=value` (the
/// exploded `form` style); a string member is its text, any other its JSON.
#[cfg(any(test, runtime = "query_objects"))]
pub(super) fn push_object(query: &mut Query, name: &'static str, deep: bool, value: &impl serde::Serialize) -> Result<(), Error> {
    let refused = |message: String| Error::InvalidRequest { parameter: name, message };
    let value = serde_json::to_value(value).map_err(|error| refused(error.to_string()))?;
    let serde_json::Value::Object(members) = value else {
        return Err(refused("not an object".to_string()));
    };
    for (key, member) in &members {
        let text = match member {
            serde_json::Value::Null => continue,
            serde_json::Value::String(text) => text.clone(),
            other => other.to_string(),
        };
        match deep {
            true => query.push(&format!("{name}[{key}]"), &text),
            false => query.push(key, &text),
        }
    }
    Ok(())
}

/// A parameter's value as JSON text (a parameter with `content:
/// application/json`).
#[cfg(any(test, runtime = "json_params"))]
pub(super) fn json_text(name: &'static str, value: &impl serde::Serialize) -> Result<String, Error> {
    serde_json::to_string(value).map_err(|error| Error::InvalidRequest { parameter: name, message: error.to_string() })
}

/// Adds `name=value` to a `Cookie` header's text. What RFC 6265 lets a
/// cookie value hold is sent as it is (a base64 key keeps its `+`, `/` and
/// `=`); anything else (space, comma, semicolon, quote, backslash, controls,
/// non-ASCII) is percent-encoded, and so is `%` itself, which the server
/// decodes.
#[cfg(any(test, runtime = "cookies"))]
pub(super) fn push_cookie(cookies: &mut String, name: &str, value: &(impl std::fmt::Display + ?Sized)) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    if !cookies.is_empty() {
        cookies.push_str("; ");
    }
    cookies.push_str(name);
    cookies.push('=');
    for &b in value.to_string().as_bytes() {
        let octet = matches!(b, 0x21 | 0x23..=0x24 | 0x26..=0x2B | 0x2D..=0x3A | 0x3C..=0x5B | 0x5D..=0x7E);
        if octet {
            cookies.push(b as char);
        } else {
            cookies.push('%');
            cookies.push(HEX[usize::from(b >> 4)] as char);
            cookies.push(HEX[usize::from(b & 15)] as char);
        }
    }
}

/// Appends one path segment, percent-encoded. The empty string, `.` and `..`
/// cannot travel as a segment (URLs normalise them away), so they are
/// refused rather than sent somewhere else.
pub(super) fn push_path(
    url: &mut String,
    name: &'static str,
    value: &(impl std::fmt::Display + ?Sized),
) -> Result<(), Error> {
    let value = value.to_string();
    if matches!(value.as_str(), "" | "." | "..") {
        return Err(Error::InvalidRequest {
            parameter: name,
            message: format!("{value:?} cannot be sent as a path segment"),
        });
    }
    encode(&value, url);
    Ok(())
}

/// A query string (or urlencoded form) under construction.
#[derive(Default)]
pub(super) struct Query {
    text: String,
}

impl Query {
    pub(super) fn push(&mut self, name: &str, value: &(impl std::fmt::Display + ?Sized)) {
        self.text.push(if self.text.is_empty() { '?' } else { '&' });
        encode(name, &mut self.text);
        self.text.push('=');
        encode(&value.to_string(), &mut self.text);
    }

    /// Adds `name=value` when there is a value (an optional parameter).
    pub(super) fn push_some(&mut self, name: &str, value: Option<impl std::fmt::Display>) {
        if let Some(value) = value {
            self.push(name, &value);
        }
    }

    /// A list in one value: each item percent-encoded, a comma or pipe
    /// between them as itself (so an item may hold one, encoded), a space
    /// or tab encoded.
    pub(super) fn push_list<T: std::fmt::Display>(
        &mut self,
        name: &str,
        items: impl IntoIterator<Item = T>,
        separator: char,
    ) {
        self.text.push(if self.text.is_empty() { '?' } else { '&' });
        encode(name, &mut self.text);
        self.text.push('=');
        for (i, item) in items.into_iter().enumerate() {
            if i > 0 {
                match separator {
                    ',' | '|' => self.text.push(separator),
                    other => encode(other.encode_utf8(&mut [0; 4]), &mut self.text),
                }
            }
            encode(&item.to_string(), &mut self.text);
        }
    }

    pub(super) fn append_to(self, url: &mut String) {
        url.push_str(&self.text);
    }

    /// The pairs as an `application/x-www-form-urlencoded` body.
    #[cfg(any(test, runtime = "urlencoded"))]
    pub(super) fn into_form(self) -> String {
        match self.text.strip_prefix('?') {
            Some(text) => text.to_string(),
            None => self.text,
        }
    }
}

/// A `multipart/form-data` body under construction.
#[cfg(any(test, runtime = "multipart"))]
#[derive(Default)]
pub(super) struct Multipart {
    parts: Vec<(String, bytes::Bytes)>,
}

/// A name or file name as a quoted string of a part's header (the WHATWG
/// form encoding: `"`, CR and LF percent-encoded).
#[cfg(any(test, runtime = "multipart"))]
fn quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("%22"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(any(test, runtime = "multipart"))]
impl Multipart {
    pub(super) fn text(&mut self, name: &str, value: &(impl std::fmt::Display + ?Sized)) {
        let head = format!("Content-Disposition: form-data; name={}\r\n", quoted(name));
        self.parts.push((head, bytes::Bytes::from(value.to_string())));
    }

    #[cfg(any(test, runtime = "files"))]
    pub(super) fn file(&mut self, name: &str, file: &super::super::FilePart) {
        let mut head = format!("Content-Disposition: form-data; name={}", quoted(name));
        if let Some(file_name) = &file.file_name {
            head.push_str("; filename=");
            head.push_str(&quoted(file_name));
        }
        head.push_str("\r\nContent-Type: ");
        let content_type = file.content_type.as_deref().unwrap_or("application/octet-stream");
        // A content type cannot be allowed to add header lines.
        head.extend(content_type.chars().filter(|c| !c.is_control()));
        head.push_str("\r\n");
        self.parts.push((head, file.bytes.clone()));
    }

    /// The content type (with a boundary that no part contains) and the body.
    pub(super) fn finish(self) -> (String, Vec<u8>) {
        let mut n = 0u32;
        let boundary = loop {
            let boundary = format!("stubgen-boundary-{n:08x}");
            let needle = boundary.as_bytes();
            let holds = |bytes: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
            if !self.parts.iter().any(|(head, bytes)| holds(head.as_bytes()) || holds(bytes)) {
                break boundary;
            }
            n += 1;
        };
        let mut body = Vec::new();
        for (head, bytes) in &self.parts {
            body.extend_from_slice(b"--");
            body.extend_from_slice(boundary.as_bytes());
            body.extend_from_slice(b"\r\n");
            body.extend_from_slice(head.as_bytes());
            body.extend_from_slice(b"\r\n");
            body.extend_from_slice(bytes);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(b"--");
        body.extend_from_slice(boundary.as_bytes());
        body.extend_from_slice(b"--\r\n");
        (format!("multipart/form-data; boundary={boundary}"), body)
    }
}

/// A header value; one that cannot be sent (a line break, say) is refused.
pub(super) fn header_value(
    name: &'static str,
    value: &(impl std::fmt::Display + ?Sized),
) -> Result<reqwest::header::HeaderValue, Error> {
    reqwest::header::HeaderValue::from_bytes(value.to_string().as_bytes())
        .map_err(|error| Error::InvalidRequest { parameter: name, message: error.to_string() })
}

pub(super) fn json_body(name: &'static str, value: &impl serde::Serialize) -> Result<Vec<u8>, Error> {
    serde_json::to_vec(value).map_err(|error| Error::InvalidRequest { parameter: name, message: error.to_string() })
}

/// A body as XML, in the shape `root` gives it.
#[cfg(any(test, runtime = "xml"))]
pub(super) fn xml_body(
    name: &'static str,
    value: &impl serde::Serialize,
    root: &super::super::runtime::XmlProp,
) -> Result<Vec<u8>, Error> {
    let value =
        serde_json::to_value(value).map_err(|error| Error::InvalidRequest { parameter: name, message: error.to_string() })?;
    Ok(super::super::runtime::write_xml(&value, root).into_bytes())
}

/// An XML response body, read in the shape `root` gives it.
#[cfg(any(test, runtime = "xml"))]
pub(super) fn decode_xml<T: serde::de::DeserializeOwned>(
    status: u16,
    body: bytes::Bytes,
    root: &super::super::runtime::XmlProp,
) -> Result<T, Error> {
    let value = super::super::runtime::read_xml(&body, root);
    match value.and_then(|value| serde_json::from_value(value).map_err(|error| error.to_string())) {
        Ok(value) => Ok(value),
        Err(message) => Err(Error::Decode { status, message, body }),
    }
}

/// A documented response header: absent is `None`, a value that does not
/// parse as the documented type is a decode error.
#[cfg(any(test, runtime = "response_headers"))]
pub(super) fn response_header<T: std::str::FromStr>(
    headers: &reqwest::header::HeaderMap,
    name: &str,
    status: u16,
    body: &bytes::Bytes,
) -> Result<Option<T>, Error>
where
    T::Err: std::fmt::Display,
{
    let Some(value) = headers.get(name) else {
        return Ok(None);
    };
    let bad = |message: String| Error::Decode {
        status,
        body: body.clone(),
        message: format!("header `{name}`: {message}"),
    };
    let text = value.to_str().map_err(|error| bad(error.to_string()))?;
    text.parse().map(Some).map_err(|error: T::Err| bad(format!("{text:?}: {error}")))
}

/// A documented response header holding a list.
#[cfg(any(test, runtime = "response_headers"))]
pub(super) fn response_header_list<T: std::str::FromStr>(
    headers: &reqwest::header::HeaderMap,
    name: &str,
    separator: char,
    status: u16,
    body: &bytes::Bytes,
) -> Result<Option<Vec<T>>, Error>
where
    T::Err: std::fmt::Display,
{
    let Some(text) = response_header::<String>(headers, name, status, body)? else {
        return Ok(None);
    };
    text.split(separator)
        .filter(|_| !text.is_empty())
        .map(|item| {
            item.parse().map_err(|error: T::Err| Error::Decode {
                status,
                body: body.clone(),
                message: format!("header `{name}`: {item:?}: {error}"),
            })
        })
        .collect::<Result<_, _>>()
        .map(Some)
}

/// A JSON body as the documented type; one that does not decode is an error
/// carrying the status and the body.
pub(super) fn decode<T: serde::de::DeserializeOwned>(status: u16, body: bytes::Bytes) -> Result<T, Error> {
    serde_json::from_slice(&body).map_err(|error| Error::Decode { status, message: error.to_string(), body })
}

/// A response's whole body, for an operation that streams some other one.
#[cfg(any(test, runtime = "byte_stream"))]
pub(super) async fn read(response: reqwest::Response) -> Result<bytes::Bytes, Error> {
    response.bytes().await.map_err(Error::Request)
}

/// A response's body as it arrives, piece by piece.
#[cfg(any(test, runtime = "byte_stream"))]
pub(super) fn byte_stream(response: reqwest::Response) -> super::super::ByteStream {
    super::super::ByteStream::new(Chunks { response: Some(response), pending: None })
}

/// A response's body as JSON values, one per line, each decoded as it
/// arrives.
#[cfg(any(test, runtime = "json_stream"))]
pub(super) fn json_stream<T: serde::de::DeserializeOwned>(
    response: reqwest::Response,
) -> super::super::JsonStream<T> {
    super::super::JsonStream::from_lines(byte_stream(response))
}

/// The pieces of a response body, read with `reqwest::Response::chunk` (so
/// that no reqwest feature is needed).
#[cfg(any(test, runtime = "byte_stream"))]
struct Chunks {
    /// The response between two reads; `None` once it ended or failed.
    response: Option<reqwest::Response>,
    /// The read under way, which holds the response meanwhile.
    pending: Option<std::pin::Pin<Box<dyn std::future::Future<Output = NextChunk> + Send>>>,
}

#[cfg(any(test, runtime = "byte_stream"))]
type NextChunk = (reqwest::Response, Result<Option<bytes::Bytes>, reqwest::Error>);

#[cfg(any(test, runtime = "byte_stream"))]
impl futures_core::Stream for Chunks {
    type Item = Result<bytes::Bytes, reqwest::Error>;

    fn poll_next(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        let this = &mut *self;
        let pending = match (&mut this.pending, this.response.take()) {
            (Some(pending), _) => pending,
            (None, Some(mut response)) => this.pending.insert(Box::pin(async move {
                let chunk = response.chunk().await;
                (response, chunk)
            })),
            (None, None) => return std::task::Poll::Ready(None),
        };
        let std::task::Poll::Ready((response, chunk)) = std::future::Future::poll(pending.as_mut(), cx) else {
            return std::task::Poll::Pending;
        };
        this.pending = None;
        std::task::Poll::Ready(match chunk {
            Ok(Some(piece)) => {
                this.response = Some(response);
                Some(Ok(piece))
            }
            Ok(None) => None,
            Err(error) => Some(Err(error)),
        })
    }
}

#[cfg(test)]
mod client_support_tests {
    use super::*;

    #[test]
    fn cookies_are_joined_and_their_values_encoded() {
        let mut cookies = String::new();
        push_cookie(&mut cookies, "session", "a b;c,\"d\"\\%");
        push_cookie(&mut cookies, "n", &7);
        push_cookie(&mut cookies, "key", "a+b/c==");
        assert_eq!(cookies, "session=a%20b%3Bc%2C%22d%22%5C%25; n=7; key=a+b/c==");
    }

    #[test]
    fn lists_keep_commas_and_pipes_between_items_and_encode_them_inside() {
        let mut query = Query::default();
        query.push_list("t", ["a,b", "c"], ',');
        query.push_list("p", ["x|y", "z"], '|');
        query.push_list("s", ["a b", "c"], ' ');
        query.push_list("e", Vec::<String>::new(), ',');
        let mut url = String::new();
        query.append_to(&mut url);
        assert_eq!(url, "?t=a%2Cb,c&p=x%7Cy|z&s=a%20b%20c&e=");
    }

    #[test]
    fn only_unreserved_characters_go_unencoded() {
        let mut out = String::new();
        encode("a-b.c_d~e f/g?h&i=j%ü", &mut out);
        assert_eq!(out, "a-b.c_d~e%20f%2Fg%3Fh%26i%3Dj%25%C3%BC");
    }

    #[test]
    fn path_segments_that_urls_normalise_away_are_refused() {
        for bad in ["", ".", ".."] {
            let mut url = String::from("http://h");
            let error = push_path(&mut url, "id", bad).unwrap_err();
            assert!(matches!(error, Error::InvalidRequest { parameter: "id", .. }), "{bad:?}");
        }
        let mut url = String::from("http://h/");
        push_path(&mut url, "id", "a/b").unwrap();
        assert_eq!(url, "http://h/a%2Fb");
    }

    #[test]
    fn a_query_starts_with_a_question_mark_and_a_form_does_not() {
        let mut query = Query::default();
        query.push("a b", "1");
        query.push("c", &2);
        let mut url = String::from("/x");
        let form = {
            let mut form = Query::default();
            form.push("a", "x&y");
            form.into_form()
        };
        query.append_to(&mut url);
        assert_eq!(url, "/x?a%20b=1&c=2");
        assert_eq!(form, "a=x%26y");
    }

    #[test]
    fn multipart_names_cannot_break_the_part_header_and_the_boundary_is_not_in_the_data() {
        let mut form = Multipart::default();
        form.text("na\"me\r\n", "stubgen-boundary-00000000");
        form.file(
            "f",
            &super::super::super::FilePart {
                file_name: Some("a.txt".into()),
                content_type: Some("text/plain\r\nX-Evil: 1".into()),
                bytes: bytes::Bytes::from_static(b"hello"),
            },
        );
        let (content_type, body) = form.finish();
        assert_eq!(content_type, "multipart/form-data; boundary=stubgen-boundary-00000001");
        let body = String::from_utf8(body).unwrap();
        assert!(body.contains("name=\"na%22me%0D%0A\"\r\n"), "{body}");
        assert!(body.contains("Content-Type: text/plainX-Evil: 1\r\n"), "{body}");
        assert!(body.ends_with("--stubgen-boundary-00000001--\r\n"), "{body}");
    }

    #[test]
    fn response_headers_parse_as_their_type_or_fail_with_the_status_and_body() {
        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert("x-n", "12".parse().unwrap());
        headers.insert("x-list", "1,2,3".parse().unwrap());
        let body = bytes::Bytes::from_static(b"b");
        assert_eq!(response_header::<i32>(&headers, "x-n", 200, &body).unwrap(), Some(12));
        assert_eq!(response_header::<i32>(&headers, "x-absent", 200, &body).unwrap(), None);
        assert_eq!(
            response_header_list::<i32>(&headers, "x-list", ',', 200, &body).unwrap(),
            Some(vec![1, 2, 3])
        );
        let error = response_header::<bool>(&headers, "x-n", 201, &body).unwrap_err();
        assert!(matches!(error, Error::Decode { status: 201, ref message, .. } if message.contains("x-n")));
    }

    #[test]
    fn an_undecodable_body_is_an_error_that_keeps_it() {
        let error = decode::<i32>(500, bytes::Bytes::from_static(b"oops")).unwrap_err();
        assert!(matches!(error, Error::Decode { status: 500, ref body, .. } if body == "oops"));
    }
}
