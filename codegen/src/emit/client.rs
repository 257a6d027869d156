//! The `client` module: an async client on reqwest, one method per operation.

use super::{doc, join_fn, rfc3339_fn, wire_list, wire_text};
use crate::model::{
    Api, Case, FormKind, ListFormat, Location, Media, Operation, SchemeKind, Segment, Status, Ty,
};
use crate::names::ident;
use proc_macro2::TokenStream;
use quote::quote;

pub(super) fn emit(api: &Api) -> TokenStream {
    let methods = api.operations.iter().map(|op| operation(api, op));
    let default_base_url = api.default_base_url.as_ref().map(|url| {
        let doc = doc(Some(&format!(
            "The server the document names (`{url}`), for [`Client::new`]."
        )));
        quote! {
            #doc
            pub const DEFAULT_BASE_URL: &str = #url;
        }
    });
    let support = support(api);
    // A document without operations has nothing to execute.
    let execute = (!api.operations.is_empty()).then(|| {
        quote! {
                async fn execute(
                    &self,
                    request: ::reqwest::RequestBuilder,
                ) -> ::std::result::Result<(u16, ::reqwest::header::HeaderMap, ::bytes::Bytes), Error> {
                    let mut response = request.send().await.map_err(Error::Request)?;
                    let status = response.status().as_u16();
                    let headers = ::std::mem::take(response.headers_mut());
                    let body = response.bytes().await.map_err(Error::Request)?;
                    ::std::result::Result::Ok((status, headers, body))
                }

        }
    });
    let secured = !super::used_schemes(api).is_empty();
    let credentials_field = secured.then(|| quote!(credentials: super::Credentials,));
    let credentials_init =
        secured.then(|| quote!(credentials: ::std::default::Default::default(),));
    let with_credentials = secured.then(|| {
        quote! {
            /// The client with these credentials: each operation sends those
            /// its `security` names (none are sent until this is called).
            pub fn with_credentials(mut self, credentials: super::Credentials) -> Self {
                self.credentials = credentials;
                self
            }
        }
    });
    quote! {
        /// An async HTTP client for every operation, on reqwest.
        pub mod client {
            #default_base_url

            /// The client. Cloning it is cheap; clones share one connection pool.
            #[derive(Debug, Clone)]
            pub struct Client {
                base_url: ::std::string::String,
                http: ::reqwest::Client,
                #credentials_field
            }

            impl Client {
                /// A client for the server at `base_url` (scheme, host and port,
                /// such as `http://127.0.0.1:8080`), with a default `reqwest::Client`.
                pub fn new(base_url: impl ::std::convert::Into<::std::string::String>) -> Self {
                    Self::with_http_client(base_url, ::reqwest::Client::new())
                }

                /// A client that sends through the caller's own `reqwest::Client`
                /// (timeouts, TLS, proxies and middleware are the caller's).
                pub fn with_http_client(
                    base_url: impl ::std::convert::Into<::std::string::String>,
                    http: ::reqwest::Client,
                ) -> Self {
                    let mut base_url = base_url.into();
                    while base_url.ends_with('/') {
                        base_url.pop();
                    }
                    Self { base_url, http, #credentials_init }
                }

                #with_credentials

                /// The base URL requests are sent to.
                pub fn base_url(&self) -> &str {
                    &self.base_url
                }

                /// The `reqwest::Client` requests go through.
                pub fn http_client(&self) -> &::reqwest::Client {
                    &self.http
                }

                #execute
                #(#methods)*
            }

            /// Why a call did not produce a documented response.
            #[derive(Debug)]
            #[non_exhaustive]
            pub enum Error {
                /// A parameter could not be put into the request (a header value
                /// with a line break, say).
                InvalidRequest {
                    parameter: &'static str,
                    message: ::std::string::String,
                },
                /// The request could not be sent or the response not read.
                Request(::reqwest::Error),
                /// The server answered with a status the document does not list.
                UnexpectedStatus { status: u16, body: ::bytes::Bytes },
                /// The response body did not decode as the documented type.
                Decode {
                    status: u16,
                    body: ::bytes::Bytes,
                    message: ::std::string::String,
                },
            }

            impl ::std::fmt::Display for Error {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    match self {
                        Self::InvalidRequest { parameter, message } => {
                            write!(f, "parameter `{parameter}` cannot be sent: {message}")
                        }
                        Self::Request(error) => write!(f, "request failed: {error}"),
                        Self::UnexpectedStatus { status, body } => {
                            write!(f, "undocumented status {status} ({} bytes of body)", body.len())
                        }
                        Self::Decode { status, message, .. } => {
                            write!(f, "the body of a {status} response did not decode: {message}")
                        }
                    }
                }
            }

            impl ::std::error::Error for Error {
                fn source(&self) -> ::std::option::Option<&(dyn ::std::error::Error + 'static)> {
                    match self {
                        Self::Request(error) => ::std::option::Option::Some(error),
                        _ => ::std::option::Option::None,
                    }
                }
            }

            #support
        }
    }
}

fn operation(api: &Api, op: &Operation) -> TokenStream {
    let name = ident(&op.fn_name);
    let request = ident(&op.request);
    let response = ident(&op.response);
    let doc = doc(op.doc.as_deref());
    let has_input = !op.params.is_empty() || op.body.is_some();
    let arg = if has_input {
        quote!(req: &super::#request)
    } else {
        quote!()
    };

    // The path, segment by segment.
    let mut path = Vec::new();
    let mut literal = String::new();
    for segment in &op.segments {
        literal.push('/');
        match segment {
            Segment::Literal(text) => literal.push_str(&crate::model::encode_literal(text)),
            Segment::Param {
                index,
                prefix,
                suffix,
            } => {
                literal.push_str(&crate::model::encode_literal(prefix));
                if !literal.is_empty() {
                    path.push(push_literal(&literal));
                    literal.clear();
                }
                literal.push_str(&crate::model::encode_literal(suffix));
                let p = &op.params[*index];
                let field = ident(&p.name);
                let wire = &p.wire;
                let text = match p.list {
                    Some(format) => wire_list(&p.ty, quote!(&req.#field), format.separator()),
                    None => wire_text(&p.ty, quote!(&req.#field)),
                };
                path.push(quote!(support::push_path(&mut url, #wire, #text)?;));
            }
        }
    }
    if op.segments.is_empty() {
        literal.push('/');
    }
    if !literal.is_empty() {
        path.push(push_literal(&literal));
    }

    // The query string.
    let mut query = Vec::new();
    for (key, value) in &op.fixed_query {
        query.push(quote!(query.push(#key, #value);));
    }
    let mut headers = Vec::new();
    let mut form = Vec::new();
    let mut form_kind = None;
    for p in &op.params {
        let field = ident(&p.name);
        let wire = &p.wire;
        let value = if p.required {
            quote!(&req.#field)
        } else {
            quote!(value)
        };
        let push = match (p.location, p.list) {
            (Location::Path, _) => continue,
            (Location::Form(kind), list) => {
                form_kind = Some(kind);
                let one = |value: TokenStream| match (kind, &p.ty) {
                    (FormKind::Multipart, Ty::File) => quote!(form.file(#wire, #value);),
                    (FormKind::Multipart, _) => quote!(form.text(#wire, #value);),
                    (FormKind::UrlEncoded, _) => quote!(form.push(#wire, #value);),
                };
                let text = |value: TokenStream| wire_text(&p.ty, value);
                match list {
                    None => one(text(value)),
                    Some(ListFormat::Multi) => {
                        let push = one(text(quote!(item)));
                        quote! {
                            for item in #value {
                                #push
                            }
                        }
                    }
                    Some(format) => one(wire_list(&p.ty, value, format.separator())),
                }
            }
            (Location::Query, None) => {
                let text = wire_text(&p.ty, value);
                quote!(query.push(#wire, #text);)
            }
            (Location::Query, Some(ListFormat::Multi)) => {
                let text = wire_text(&p.ty, quote!(item));
                quote! {
                    for item in #value {
                        query.push(#wire, #text);
                    }
                }
            }
            (Location::Query, Some(format)) => {
                let text = wire_list(&p.ty, value, format.separator());
                quote!(query.push(#wire, #text);)
            }
            (Location::Header, list) => {
                let text = match list {
                    Some(format) => wire_list(&p.ty, value, format.separator()),
                    None => wire_text(&p.ty, value),
                };
                quote! {
                    request = request.header(#wire, support::header_value(#wire, #text)?);
                }
            }
        };
        let push = if p.required {
            push
        } else {
            quote! {
                if let ::std::option::Option::Some(value) = &req.#field {
                    #push
                }
            }
        };
        match p.location {
            Location::Header => headers.push(push),
            Location::Form(_) => form.push(push),
            _ => query.push(push),
        }
    }
    let form = form_kind.map(|kind| match kind {
        FormKind::UrlEncoded => quote! {
            let mut form = support::Query::default();
            #(#form)*
            request = request
                .header(::reqwest::header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(form.into_form());
        },
        FormKind::Multipart => quote! {
            let mut form = support::Multipart::default();
            #(#form)*
            let (content_type, body) = form.finish();
            request = request
                .header(::reqwest::header::CONTENT_TYPE, content_type)
                .body(body);
        },
    });
    for index in op.schemes() {
        let scheme = &api.schemes[index];
        let field = ident(&scheme.field);
        match &scheme.kind {
            SchemeKind::QueryKey(name) => query.push(quote! {
                if let ::std::option::Option::Some(key) = &self.credentials.#field {
                    query.push(#name, key);
                }
            }),
            SchemeKind::HeaderKey(name) => headers.push(quote! {
                if let ::std::option::Option::Some(key) = &self.credentials.#field {
                    request = request.header(#name, support::header_value(#name, key)?);
                }
            }),
            SchemeKind::Basic => headers.push(quote! {
                if let ::std::option::Option::Some(basic) = &self.credentials.#field {
                    request = request.basic_auth(&basic.username, ::std::option::Option::Some(&basic.password));
                }
            }),
            SchemeKind::Bearer => headers.push(quote! {
                if let ::std::option::Option::Some(token) = &self.credentials.#field {
                    request = request.bearer_auth(token);
                }
            }),
        }
    }
    let query = if query.is_empty() {
        quote!()
    } else {
        quote! {
            let mut query = support::Query::default();
            #(#query)*
            query.append_to(&mut url);
        }
    };

    let body = op.body.as_ref().map(|b| {
        let field = ident(&b.name);
        let wire = "body";
        let (content_type, encode) = match &b.media {
            Media::Json => (
                "application/json".to_string(),
                quote!(support::json_body(#wire, value)?),
            ),
            Media::Raw(content_type) => (
                content_type.clone(),
                quote!(::std::clone::Clone::clone(value)),
            ),
        };
        let set = quote! {
            request = request
                .header(::reqwest::header::CONTENT_TYPE, #content_type)
                .body(#encode);
        };
        if b.required {
            quote! {
                let value = &req.#field;
                #set
            }
        } else {
            quote! {
                if let ::std::option::Option::Some(value) = &req.#field {
                    #set
                }
            }
        }
    });
    let accept = op.produces_json.then(|| {
        quote! {
            request = request.header(::reqwest::header::ACCEPT, "application/json");
        }
    });
    let method = ident(op.method.as_str());
    let mutable = if headers.is_empty() && body.is_none() && form.is_none() && accept.is_none() {
        quote!()
    } else {
        quote!(mut)
    };

    let arms = op
        .responses
        .iter()
        .filter(|c| matches!(c.status, Status::Code(_)))
        .chain(
            op.responses
                .iter()
                .filter(|c| matches!(c.status, Status::Range(_))),
        )
        .map(|c| {
            let (pattern, build) = arm(op, c);
            quote!(#pattern => #build,)
        });
    let default = op.responses.iter().find(|c| c.status == Status::Default);
    let fallback = match default {
        Some(case) => arm(op, case).1,
        None => quote!(::std::result::Result::Err(Error::UnexpectedStatus {
            status,
            body
        })),
    };

    // Without a documented status there is nothing to match.
    let decode = if op.responses.iter().all(|c| c.status == Status::Default) {
        fallback
    } else {
        quote! {
            match status {
                #(#arms)*
                _ => #fallback,
            }
        }
    };
    let headers_binding = if op.responses.iter().any(|c| !c.headers.is_empty()) {
        quote!(headers)
    } else {
        quote!(_)
    };
    quote! {
        #doc
        pub async fn #name(&self, #arg) -> ::std::result::Result<super::#response, Error> {
            let mut url = self.base_url.clone();
            #(#path)*
            #query
            let #mutable request = self.http.request(::reqwest::Method::#method, url);
            #(#headers)*
            #body
            #form
            #accept
            let (status, #headers_binding, body) = self.execute(request).await?;
            #decode
        }
    }
}

fn push_literal(literal: &str) -> TokenStream {
    let mut chars = literal.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => quote!(url.push(#c);),
        _ => quote!(url.push_str(#literal);),
    }
}

/// The match arm of one documented response: the status pattern and the
/// expression that builds the variant.
fn arm(op: &Operation, case: &Case) -> (TokenStream, TokenStream) {
    let response = ident(&op.response);
    let variant = ident(&case.variant);
    // `body` alone when the body is passed on as it is.
    let body_field = match &case.body {
        Some((_, Media::Json)) => quote!(body: support::decode(status, body)?,),
        Some((_, Media::Raw(_))) => quote!(body,),
        None => match case.status {
            Status::Code(_) => quote!(),
            Status::Range(_) | Status::Default => quote!(body,),
        },
    };
    let pattern = match case.status {
        Status::Code(code) => {
            let code = proc_macro2::Literal::u16_unsuffixed(code);
            quote!(#code)
        }
        Status::Range(digit) => {
            let low = proc_macro2::Literal::u16_unsuffixed(digit * 100);
            let high = proc_macro2::Literal::u16_unsuffixed(digit * 100 + 99);
            quote!(#low..=#high)
        }
        Status::Default => quote!(_),
    };
    let status_field = match case.status {
        Status::Code(_) => quote!(),
        Status::Range(_) | Status::Default => quote!(status,),
    };
    if !case.headers.is_empty() {
        let reads = case.headers.iter().map(|h| {
            let field = ident(&h.name);
            let wire = &h.wire;
            match h.list {
                Some(format) => {
                    let sep = format.separator();
                    quote!(let #field = support::response_header_list(&headers, #wire, #sep, status, &body)?;)
                }
                None => quote!(let #field = support::response_header(&headers, #wire, status, &body)?;),
            }
        });
        let fields = case.headers.iter().map(|h| ident(&h.name));
        let drop_body = body_field.is_empty().then(|| quote!(let _ = body;));
        let build = quote! {
            {
                #(#reads)*
                #drop_body
                ::std::result::Result::Ok(super::#response::#variant { #status_field #body_field #(#fields),* })
            }
        };
        return (pattern, build);
    }
    let build = match (case.status, &case.body) {
        (Status::Code(_), Some((_, Media::Json))) => {
            quote!(::std::result::Result::Ok(super::#response::#variant(support::decode(status, body)?)))
        }
        (Status::Code(_), Some((_, Media::Raw(_)))) => {
            quote!(::std::result::Result::Ok(super::#response::#variant(body)))
        }
        (Status::Code(_), None) => quote!(::std::result::Result::Ok(super::#response::#variant)),
        _ => {
            quote!(::std::result::Result::Ok(super::#response::#variant { #status_field #body_field }))
        }
    };
    (pattern, build)
}

/// Private helpers of the client, emitted once per file.
fn support(api: &Api) -> TokenStream {
    let join = join_fn();
    let rfc3339 = api
        .operations
        .iter()
        .any(|op| op.params.iter().any(|p| p.ty == Ty::DateTime))
        .then(rfc3339_fn);
    let multipart = api.has_form(Some(FormKind::Multipart));
    let files = api.has_files();
    let file_method = files.then(|| {
        quote! {
                pub(super) fn file(&mut self, name: &str, file: &super::super::FilePart) {
                    let mut head = ::std::format!("Content-Disposition: form-data; name={}", quoted(name));
                    if let ::std::option::Option::Some(file_name) = &file.file_name {
                        head.push_str("; filename=");
                        head.push_str(&quoted(file_name));
                    }
                    head.push_str("\r\nContent-Type: ");
                    let content_type = file.content_type.as_deref().unwrap_or("application/octet-stream");
                    // A content type cannot be allowed to add header lines.
                    head.extend(content_type.chars().filter(|c| !c.is_control()));
                    head.push_str("\r\n");
                    self.parts.push((head, ::std::clone::Clone::clone(&file.bytes)));
                }

        }
    });
    let urlencoded = api.has_form(Some(FormKind::UrlEncoded));
    let into_form = urlencoded.then(|| {
        quote! {
                /// The pairs as an `application/x-www-form-urlencoded` body.
                pub(super) fn into_form(self) -> ::std::string::String {
                    match self.text.strip_prefix('?') {
                        ::std::option::Option::Some(text) => text.to_string(),
                        ::std::option::Option::None => self.text,
                    }
                }
        }
    });
    let response_headers = api.has_response_headers().then(|| {
            quote! {
            /// A documented response header: absent is `None`, a value that
            /// does not parse as the documented type is a decode error.
            pub(super) fn response_header<T: ::std::str::FromStr>(
                headers: &::reqwest::header::HeaderMap,
                name: &str,
                status: u16,
                body: &::bytes::Bytes,
            ) -> ::std::result::Result<::std::option::Option<T>, Error>
            where
                T::Err: ::std::fmt::Display,
            {
                let ::std::option::Option::Some(value) = headers.get(name) else {
                    return ::std::result::Result::Ok(::std::option::Option::None);
                };
                let bad = |message: ::std::string::String| Error::Decode {
                    status,
                    body: ::std::clone::Clone::clone(body),
                    message: ::std::format!("header `{name}`: {message}"),
                };
                let text = value.to_str().map_err(|error| bad(error.to_string()))?;
                text.parse().map(::std::option::Option::Some).map_err(|error: T::Err| bad(::std::format!("{text:?}: {error}")))
            }

            /// A documented response header holding a list.
            pub(super) fn response_header_list<T: ::std::str::FromStr>(
                headers: &::reqwest::header::HeaderMap,
                name: &str,
                separator: char,
                status: u16,
                body: &::bytes::Bytes,
            ) -> ::std::result::Result<::std::option::Option<::std::vec::Vec<T>>, Error>
            where
                T::Err: ::std::fmt::Display,
            {
                let ::std::option::Option::Some(text) = response_header::<::std::string::String>(headers, name, status, body)? else {
                    return ::std::result::Result::Ok(::std::option::Option::None);
                };
                text.split(separator)
                    .filter(|_| !text.is_empty())
                    .map(|item| {
                        item.parse().map_err(|error: T::Err| Error::Decode {
                            status,
                            body: ::std::clone::Clone::clone(body),
                            message: ::std::format!("header `{name}`: {item:?}: {error}"),
                        })
                    })
                    .collect::<::std::result::Result<_, _>>()
                    .map(::std::option::Option::Some)
            }

            }
        });
    let multipart = multipart.then(|| {
        quote! {
            /// A `multipart/form-data` body under construction.
            #[derive(Default)]
            pub(super) struct Multipart {
                parts: ::std::vec::Vec<(::std::string::String, ::bytes::Bytes)>,
            }

            /// A name or file name as a quoted string of a part's header
            /// (the WHATWG form encoding: `"`, CR and LF percent-encoded).
            fn quoted(text: &str) -> ::std::string::String {
                let mut out = ::std::string::String::from("\"");
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

            impl Multipart {
                pub(super) fn text(&mut self, name: &str, value: &(impl ::std::fmt::Display + ?::std::marker::Sized)) {
                    let head = ::std::format!("Content-Disposition: form-data; name={}\r\n", quoted(name));
                    self.parts.push((head, ::bytes::Bytes::from(value.to_string())));
                }

                #file_method
                /// The content type (with a boundary that no part contains)
                /// and the body.
                pub(super) fn finish(self) -> (::std::string::String, ::std::vec::Vec<u8>) {
                    let mut n = 0u32;
                    let boundary = loop {
                        let boundary = ::std::format!("stubgen-boundary-{n:08x}");
                        let needle = boundary.as_bytes();
                        let holds = |bytes: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
                        if !self.parts.iter().any(|(head, bytes)| holds(head.as_bytes()) || holds(bytes)) {
                            break boundary;
                        }
                        n += 1;
                    };
                    let mut body = ::std::vec::Vec::new();
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
                    (::std::format!("multipart/form-data; boundary={boundary}"), body)
                }
            }

        }
    });
    quote! {
        #[allow(dead_code)]
        mod support {
            use super::Error;

            /// Characters sent as they are: RFC 3986's unreserved set.
            fn is_unreserved(b: u8) -> bool {
                b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')
            }

            pub(super) fn encode(value: &str, out: &mut ::std::string::String) {
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

            /// Appends one path segment, percent-encoded. The empty string,
            /// `.` and `..` cannot travel as a segment (URLs normalise them
            /// away), so they are refused rather than sent somewhere else.
            pub(super) fn push_path(
                url: &mut ::std::string::String,
                name: &'static str,
                value: &(impl ::std::fmt::Display + ?::std::marker::Sized),
            ) -> ::std::result::Result<(), Error> {
                let value = value.to_string();
                if matches!(value.as_str(), "" | "." | "..") {
                    return ::std::result::Result::Err(Error::InvalidRequest {
                        parameter: name,
                        message: ::std::format!("{value:?} cannot be sent as a path segment"),
                    });
                }
                encode(&value, url);
                ::std::result::Result::Ok(())
            }

            #join
            #rfc3339

            /// A query string under construction.
            #[derive(Default)]
            pub(super) struct Query {
                text: ::std::string::String,
            }

            impl Query {
                pub(super) fn push(&mut self, name: &str, value: &(impl ::std::fmt::Display + ?::std::marker::Sized)) {
                    self.text.push(if self.text.is_empty() { '?' } else { '&' });
                    encode(name, &mut self.text);
                    self.text.push('=');
                    encode(&value.to_string(), &mut self.text);
                }

                pub(super) fn append_to(self, url: &mut ::std::string::String) {
                    url.push_str(&self.text);
                }

                #into_form
            }

            #multipart
            pub(super) fn header_value(
                name: &'static str,
                value: &(impl ::std::fmt::Display + ?::std::marker::Sized),
            ) -> ::std::result::Result<::reqwest::header::HeaderValue, Error> {
                ::reqwest::header::HeaderValue::from_bytes(value.to_string().as_bytes()).map_err(|error| {
                    Error::InvalidRequest { parameter: name, message: error.to_string() }
                })
            }

            pub(super) fn json_body(
                name: &'static str,
                value: &impl ::serde::Serialize,
            ) -> ::std::result::Result<::std::vec::Vec<u8>, Error> {
                ::serde_json::to_vec(value).map_err(|error| Error::InvalidRequest { parameter: name, message: error.to_string() })
            }

            #response_headers

            pub(super) fn decode<T: ::serde::de::DeserializeOwned>(
                status: u16,
                body: ::bytes::Bytes,
            ) -> ::std::result::Result<T, Error> {
                ::serde_json::from_slice(&body).map_err(|error| Error::Decode { status, message: error.to_string(), body })
            }
        }
    }
}
