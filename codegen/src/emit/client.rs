//! The `client` module: an async client on reqwest, one method per operation.

use super::{doc, wire_list, wire_text};
use crate::model::{
    Api, Case, FormKind, ListFormat, Location, Media, Operation, Param, ParamShape, SchemeKind,
    Segment, Status, Ty,
};
use crate::names::ident;
use crate::runtime::{self, Parts};
use proc_macro2::TokenStream;
use quote::quote;

/// The `client` module. Long because most of it is the module's template:
/// the parts that vary are computed above it.
pub(super) fn emit(api: &Api, parts: &Parts) -> TokenStream {
    let default_base_url = api.default_base_url.as_ref().map(|url| {
        let doc = doc(Some(&format!(
            "The server the document names (`{url}`), for [`Client::new`]."
        )));
        quote! {
            #doc
            pub const DEFAULT_BASE_URL: &str = #url;
        }
    });
    let support = super::support_module(parts, runtime::CLIENT_SUPPORT);
    let http = Http::new(parts.has("middleware"));
    let Http {
        client: http_type,
        builder: builder_type,
        send_error,
        arg: http_arg,
        into: http_into,
        with_doc: with_http_client_doc,
        doc: http_client_doc,
    } = &http;
    let methods = api
        .operations
        .iter()
        .map(|op| operation(api, op, builder_type));
    let error = runtime::embed(runtime::CLIENT, parts);
    // A document without operations has nothing to send; one whose every
    // operation streams a response sends only by streaming.
    let send = api.operations.iter().any(|op| !op.streams()).then(|| {
        quote! {
            /// Sends a request and reads the whole response (a [`Call`]'s work).
            async fn send(
                request: #builder_type,
            ) -> ::std::result::Result<(u16, ::reqwest::header::HeaderMap, ::bytes::Bytes), Error> {
                let mut response = request.send().await.map_err(#send_error)?;
                let status = response.status().as_u16();
                let headers = ::std::mem::take(response.headers_mut());
                let body = response.bytes().await.map_err(Error::Request)?;
                ::std::result::Result::Ok((status, headers, body))
            }
        }
    });
    // Operations with a binary response decode the status first and read
    // the body only where it is not streamed.
    let execute_streaming = api.operations.iter().any(Operation::streams).then(|| {
        quote! {
            async fn execute_streaming(
                &self,
                request: #builder_type,
            ) -> ::std::result::Result<(u16, ::reqwest::header::HeaderMap, ::reqwest::Response), Error> {
                let mut response = request.send().await.map_err(#send_error)?;
                let status = response.status().as_u16();
                let headers = ::std::mem::take(response.headers_mut());
                ::std::result::Result::Ok((status, headers, response))
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
                http: #http_type,
                #credentials_field
            }

            impl Client {
                /// A client for the server at `base_url` (scheme, host and port,
                /// such as `http://127.0.0.1:8080`), with a default `reqwest::Client`.
                pub fn new(base_url: impl ::std::convert::Into<::std::string::String>) -> Self {
                    Self::with_http_client(base_url, ::reqwest::Client::new())
                }

                #with_http_client_doc
                pub fn with_http_client(
                    base_url: impl ::std::convert::Into<::std::string::String>,
                    http: #http_arg,
                ) -> Self {
                    #http_into
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

                #http_client_doc
                pub fn http_client(&self) -> &#http_type {
                    &self.http
                }

                #execute_streaming
                #(#methods)*
            }

            #send

            #error

            #support
        }
    }
}

/// What requests are sent through: reqwest's client, or
/// reqwest-middleware's wrapper of it, and what the client's methods say of it.
struct Http {
    client: TokenStream,
    builder: TokenStream,
    /// What maps the error of `send()` into the client's `Error`.
    send_error: TokenStream,
    /// `with_http_client`'s argument, the statement that converts it, and
    /// the method's doc.
    arg: TokenStream,
    into: TokenStream,
    with_doc: TokenStream,
    /// `http_client`'s doc.
    doc: TokenStream,
}

impl Http {
    fn new(middleware: bool) -> Self {
        if middleware {
            let client = quote!(::reqwest_middleware::ClientWithMiddleware);
            Self {
                arg: quote!(impl ::std::convert::Into<#client>),
                client,
                builder: quote!(::reqwest_middleware::RequestBuilder),
                send_error: quote!(Error::from),
                into: quote!(let http = http.into();),
                with_doc: quote! {
                    /// A client that sends through the caller's own
                    /// `reqwest_middleware::ClientWithMiddleware` (or a plain
                    /// `reqwest::Client`): its middleware sees every request and
                    /// response; timeouts, TLS and proxies are the caller's.
                },
                doc: quote!(#[doc = " The `ClientWithMiddleware` requests go through."]),
            }
        } else {
            Self {
                client: quote!(::reqwest::Client),
                builder: quote!(::reqwest::RequestBuilder),
                send_error: quote!(Error::Request),
                arg: quote!(::reqwest::Client),
                into: quote!(),
                with_doc: quote! {
                    /// A client that sends through the caller's own `reqwest::Client`
                    /// (timeouts, TLS and proxies are the caller's).
                },
                doc: quote!(#[doc = " The `reqwest::Client` requests go through."]),
            }
        }
    }
}

/// One client method: the request built from `req`, sent, and the response
/// decoded into the operation's response enum.
fn operation(api: &Api, op: &Operation, builder_type: &TokenStream) -> TokenStream {
    let name = ident(&op.fn_name);
    let request = ident(&op.request);
    let response = ident(&op.response);
    let doc = doc(op.doc.as_deref());
    let has_input = !op.params.is_empty() || op.body.is_some();
    let (arg, req) = if has_input {
        (quote!(req: &super::#request), quote!(req))
    } else {
        (quote!(), quote!())
    };
    let path = path(op);
    let mut writes = parameters(op);
    credentials(api, op, &mut writes);
    let Writes {
        query,
        mut headers,
        cookies,
        form,
    } = writes;
    if !cookies.is_empty() {
        headers.push(quote! {
            let mut cookies = ::std::string::String::new();
            #(#cookies)*
            if !cookies.is_empty() {
                request = request.header(::reqwest::header::COOKIE, support::header_value("Cookie", &cookies)?);
            }
        });
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
    let body = body(op);
    // Every media type the documented responses come in, so that a server
    // that negotiates answers with one of them (a download's type beside
    // its errors' JSON).
    let mut accepted: Vec<&str> = Vec::new();
    for case in &op.responses {
        let media = match &case.body {
            Some((_, Media::Json)) => "application/json",
            Some((_, Media::Xml(xml))) => xml.content_type.as_str(),
            Some((_, Media::Raw(t))) => t.as_str(),
            None => continue,
        };
        if !accepted.iter().any(|a| a.eq_ignore_ascii_case(media)) {
            accepted.push(media);
        }
    }
    let accept = (!accepted.is_empty()).then(|| {
        let accepted = accepted.join(", ");
        quote! {
            request = request.header(::reqwest::header::ACCEPT, #accepted);
        }
    });
    let method = ident(op.method.as_str());
    let mutable = if headers.is_empty() && body.is_none() && form.is_none() && accept.is_none() {
        quote!()
    } else {
        quote!(mut)
    };
    let decode = decode(op);
    let headers_binding = if op.responses.iter().any(|c| !c.headers.is_empty()) {
        quote!(headers)
    } else {
        quote!(_)
    };
    // A documented `2XX` beside a documented `200`: the code's arm comes
    // first, as the document means, and clippy would call the ranges
    // overlapping.
    let overlap = op.responses.iter().any(|range| match range.status {
        Status::Range(digit) => op
            .responses
            .iter()
            .any(|c| matches!(c.status, Status::Code(code) if code / 100 == digit)),
        _ => false,
    });
    let allow = overlap.then(|| quote!(#[allow(clippy::match_overlapping_arm)]));
    // The request is built by a function of its own, so that a client
    // method whose response is read whole is a plain function returning a
    // `Call` (an `async fn` per operation was most of the client's compile
    // time: one future type each).
    let to_request = quote! {
        fn to_request(client: &Client, #arg) -> ::std::result::Result<#builder_type, Error> {
            let mut url = client.base_url.clone();
            #(#path)*
            #query
            let #mutable request = client.http.request(::reqwest::Method::#method, url);
            #(#headers)*
            #body
            #form
            #accept
            ::std::result::Result::Ok(request)
        }
    };
    if op.streams() {
        return quote! {
            #doc
            #allow
            pub async fn #name(&self, #arg) -> ::std::result::Result<super::#response, Error> {
                #to_request
                let request = to_request(self, #req)?;
                let (status, #headers_binding, response) = self.execute_streaming(request).await?;
                #decode
            }
        };
    }
    quote! {
        #doc
        #allow
        pub fn #name(&self, #arg) -> Call<super::#response> {
            #to_request
            fn from_response(
                status: u16,
                #headers_binding: ::reqwest::header::HeaderMap,
                body: ::bytes::Bytes,
            ) -> ::std::result::Result<super::#response, Error> {
                #decode
            }
            Call::new(to_request(self, #req).map(send), from_response)
        }
    }
}

/// The statements that append the path to `url`, segment by segment.
fn path(op: &Operation) -> Vec<TokenStream> {
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
                let text = param_text(p, quote!(&req.#field));
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
    path
}

/// What a request carries besides its path and body: statements that push
/// query pairs, set headers, and build the form body.
struct Writes {
    query: Vec<TokenStream>,
    headers: Vec<TokenStream>,
    /// Statements that add `name=value` pairs to `cookies`, sent as one
    /// `Cookie` header.
    cookies: Vec<TokenStream>,
    /// The form body, built and set, when the operation takes one.
    form: Option<TokenStream>,
}

/// The fixed query pairs, then every query, header and form parameter
/// (optional ones only when set; one with a default always).
fn parameters(op: &Operation) -> Writes {
    let mut query: Vec<TokenStream> = op
        .fixed_query
        .iter()
        .map(|(key, value)| quote!(query.push(#key, #value);))
        .collect();
    let mut headers = Vec::new();
    let mut cookies = Vec::new();
    let mut form = Vec::new();
    let mut form_kind = None;
    for p in &op.params {
        let field = ident(&p.name);
        let value = if p.present() {
            quote!(&req.#field)
        } else {
            quote!(value)
        };
        let push = match p.location {
            Location::Path => continue,
            Location::Form(kind) => {
                form_kind = Some(kind);
                form_write(p, kind, value)
            }
            Location::Query | Location::Header | Location::Cookie => write(p, value),
        };
        // An optional scalar in the query: one line (a statement per
        // parameter is much of a large client's compile time).
        let one_line = !p.present()
            && p.location == Location::Query
            && p.list.is_none()
            && p.shape == ParamShape::Text
            && p.ty != Ty::DateTime;
        let push = if p.present() {
            push
        } else if one_line {
            let wire = &p.wire;
            quote!(query.push_some(#wire, req.#field.as_ref());)
        } else {
            quote! {
                if let ::std::option::Option::Some(value) = &req.#field {
                    #push
                }
            }
        };
        match p.location {
            Location::Header => headers.push(push),
            Location::Cookie => cookies.push(push),
            Location::Form(_) => form.push(push),
            _ => query.push(push),
        }
    }
    Writes {
        query,
        headers,
        cookies,
        form: form_kind.map(|kind| form_body(kind, &form)),
    }
}

/// The text of a parameter's `value` (a reference) that is not written
/// pair by pair: its wire text, its items joined, or its JSON.
fn param_text(p: &Param, value: TokenStream) -> TokenStream {
    let wire = &p.wire;
    match (p.shape, p.list) {
        (ParamShape::Json, _) => quote!(&support::json_text(#wire, #value)?),
        (_, Some(format)) => wire_list(&p.ty, value, format.separator()),
        (_, None) => wire_text(&p.ty, value),
    }
}

/// The statement that writes a query, header or cookie parameter's `value`.
fn write(p: &Param, value: TokenStream) -> TokenStream {
    let wire = &p.wire;
    if let ParamShape::Object { deep } = p.shape {
        return quote!(support::push_object(&mut query, #wire, #deep, #value)?;);
    }
    match (p.location, p.list) {
        (Location::Query, _) if p.shape == ParamShape::Json => {
            let text = param_text(p, value);
            quote!(query.push(#wire, #text);)
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
            let items = wire_items(&p.ty, value);
            let sep = format.separator();
            quote!(query.push_list(#wire, #items, #sep);)
        }
        (location, _) => {
            let text = param_text(p, value);
            if location == Location::Cookie {
                quote!(support::push_cookie(&mut cookies, #wire, #text);)
            } else {
                quote! {
                    request = request.header(#wire, support::header_value(#wire, #text)?);
                }
            }
        }
    }
}

/// The statement that adds a form field's `value` to `form`.
fn form_write(p: &Param, kind: FormKind, value: TokenStream) -> TokenStream {
    let wire = &p.wire;
    let one = |value: TokenStream| match (kind, &p.ty) {
        (FormKind::Multipart, Ty::File) => quote!(form.file(#wire, #value);),
        (FormKind::Multipart, _) => quote!(form.text(#wire, #value);),
        (FormKind::UrlEncoded, _) => quote!(form.push(#wire, #value);),
    };
    let text = |value: TokenStream| wire_text(&p.ty, value);
    match p.list {
        None => one(text(value)),
        Some(ListFormat::Multi) => {
            let push = one(text(quote!(item)));
            quote! {
                for item in #value {
                    #push
                }
            }
        }
        Some(format) if kind == FormKind::UrlEncoded => {
            let items = wire_items(&p.ty, value);
            let sep = format.separator();
            quote!(form.push_list(#wire, #items, #sep);)
        }
        Some(format) => one(wire_list(&p.ty, value, format.separator())),
    }
}

/// The items of a list `value` as their wire texts.
fn wire_items(t: &Ty, value: TokenStream) -> TokenStream {
    match t {
        Ty::DateTime => quote!((#value).iter().map(support::Rfc3339)),
        _ => value,
    }
}

/// The form built from `fields` and set as the body, with its content type.
fn form_body(kind: FormKind, fields: &[TokenStream]) -> TokenStream {
    match kind {
        FormKind::UrlEncoded => quote! {
            let mut form = support::Query::default();
            #(#fields)*
            request = request
                .header(::reqwest::header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(form.into_form());
        },
        FormKind::Multipart => quote! {
            let mut form = support::Multipart::default();
            #(#fields)*
            let (content_type, body) = form.finish();
            request = request
                .header(::reqwest::header::CONTENT_TYPE, content_type)
                .body(body);
        },
    }
}

/// The credentials the operation's security names, each where its scheme
/// says, when the client holds them.
fn credentials(api: &Api, op: &Operation, writes: &mut Writes) {
    for index in op.schemes() {
        let scheme = &api.schemes[index];
        let field = ident(&scheme.field);
        match &scheme.kind {
            SchemeKind::QueryKey(name) => writes.query.push(quote! {
                if let ::std::option::Option::Some(key) = &client.credentials.#field {
                    query.push(#name, key);
                }
            }),
            SchemeKind::CookieKey(name) => writes.cookies.push(quote! {
                if let ::std::option::Option::Some(key) = &client.credentials.#field {
                    support::push_cookie(&mut cookies, #name, key);
                }
            }),
            SchemeKind::HeaderKey(name) => writes.headers.push(quote! {
                if let ::std::option::Option::Some(key) = &client.credentials.#field {
                    request = request.header(#name, support::header_value(#name, key)?);
                }
            }),
            SchemeKind::Basic => writes.headers.push(quote! {
                if let ::std::option::Option::Some(basic) = &client.credentials.#field {
                    request = request.basic_auth(&basic.username, ::std::option::Option::Some(&basic.password));
                }
            }),
            SchemeKind::Bearer => writes.headers.push(quote! {
                if let ::std::option::Option::Some(token) = &client.credentials.#field {
                    request = request.bearer_auth(token);
                }
            }),
        }
    }
}

/// The body (JSON, or bytes as they are) with its content type.
fn body(op: &Operation) -> Option<TokenStream> {
    let b = op.body.as_ref()?;
    let field = ident(&b.name);
    let wire = "body";
    let (content_type, encode) = match &b.media {
        Media::Json => (
            "application/json".to_string(),
            quote!(support::json_body(#wire, value)?),
        ),
        Media::Xml(xml) => {
            let root = super::xml::request_root(op);
            (
                xml.content_type.clone(),
                quote!(support::xml_body(#wire, value, &super::runtime::xml_shapes::#root)?),
            )
        }
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
    Some(if b.required {
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
    })
}

/// The expression that turns `status`, `headers` and `body` into the
/// response enum: documented codes, then ranges, then `default` or an
/// `UnexpectedStatus` error.
fn decode(op: &Operation) -> TokenStream {
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
            let build = with_body(op, Some(c), build);
            quote!(#pattern => #build,)
        });
    let default = op.responses.iter().find(|c| c.status == Status::Default);
    let fallback = match default {
        Some(case) => with_body(op, Some(case), arm(op, case).1),
        None => with_body(
            op,
            None,
            quote!(::std::result::Result::Err(Error::UnexpectedStatus {
                status,
                body
            })),
        ),
    };
    // Without a documented status there is nothing to match.
    if op.responses.iter().all(|c| c.status == Status::Default) {
        fallback
    } else {
        quote! {
            match status {
                #(#arms)*
                _ => #fallback,
            }
        }
    }
}

/// In an operation that streams some response (`response` in scope, not
/// `body`), `build` preceded by the binding of `body`: the stream itself
/// for a streamed case, else the body read whole.
fn with_body(op: &Operation, case: Option<&Case>, build: TokenStream) -> TokenStream {
    let unused = case.is_some_and(|c| {
        matches!(c.status, Status::Code(_)) && c.body.is_none() && c.headers.is_empty()
    });
    if !op.streams() || unused {
        return build;
    }
    let body = match case.and_then(|c| c.body.as_ref()) {
        Some((Ty::Stream, _)) => quote!(support::byte_stream(response)),
        Some((Ty::JsonStream(_), _)) => quote!(support::json_stream(response)),
        _ => quote!(support::read(response).await?),
    };
    quote! {
        {
            let body = #body;
            #build
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
    let decode_xml = || {
        let index = (op.responses.iter())
            .position(|c| std::ptr::eq(c, case))
            .unwrap_or_default();
        let root = super::xml::response_root(op, index);
        quote!(support::decode_xml(status, body, &super::runtime::xml_shapes::#root)?)
    };
    // `body` alone when the body is passed on as it is.
    let body_field = match &case.body {
        Some((_, Media::Json)) => quote!(body: support::decode(status, body)?,),
        Some((_, Media::Xml(_))) => {
            let decode = decode_xml();
            quote!(body: #decode,)
        }
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
        // A header that does not parse is reported with the body read so
        // far: none, for a stream.
        let shown = match case.body {
            Some((Ty::Stream | Ty::JsonStream(_), _)) => quote!(&::bytes::Bytes::new()),
            _ => quote!(&body),
        };
        let reads = case.headers.iter().map(|h| {
            let field = ident(&h.name);
            let wire = &h.wire;
            match h.list {
                Some(format) => {
                    let sep = format.separator();
                    quote!(let #field = support::response_header_list(&headers, #wire, #sep, status, #shown)?;)
                }
                None => quote!(let #field = support::response_header(&headers, #wire, status, #shown)?;),
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
        (Status::Code(_), Some((_, Media::Xml(_)))) => {
            let decode = decode_xml();
            quote!(::std::result::Result::Ok(super::#response::#variant(#decode)))
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
