//! The `server` module: a trait with one method per operation (each answering
//! 501 until implemented) and an axum router that validates every request
//! before the trait sees it.

use super::{Scope, doc, join_fn, rfc3339_fn, ty};
use crate::model::{
    Api, Case, FormKind, ListFormat, Location, Media, Method, Operation, Route, RouteKey, Rules,
    SchemeKind, Status, Ty, TypeDef, TypeKind,
};
use crate::names::ident;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

pub(super) fn emit(api: &Api) -> TokenStream {
    let methods = api.operations.iter().map(trait_method);
    // axum takes one `.route` per path, with every method of that path.
    let mut by_path: Vec<(&str, Vec<TokenStream>)> = Vec::new();
    for route in &api.routes {
        let handler = route_name(api, route);
        let method = format_ident!("{}", method_name(route.method));
        let call = quote!(#method(#handler::<A>));
        match by_path.iter_mut().find(|(p, _)| *p == route.path) {
            Some((_, calls)) => calls.push(call),
            None => by_path.push((&route.path, vec![call])),
        }
    }
    let route_calls = by_path.iter().map(|(path, calls)| {
        let first = &calls[0];
        let rest = &calls[1..];
        quote!(.route(#path, ::axum::routing::#first #(.#rest)*))
    });
    let route_handlers = api.routes.iter().map(|r| route_handler(api, r));
    // axum refuses literal segments starting with `:` or `*` (its 0.7 syntax)
    // unless told they are meant literally.
    let v07 = api
        .routes
        .iter()
        .any(|r| r.path.split('/').any(|s| s.starts_with([':', '*'])))
        .then(|| quote!(.without_v07_checks()));
    // Operations no route reaches (another takes their requests) get no handler.
    let reached: Vec<usize> = api
        .routes
        .iter()
        .flat_map(|r| r.operations.iter().copied())
        .collect();
    // One credentials reader per distinct `security` (Kubernetes: one for
    // 1,123 operations), not one per operation.
    let mut securities: Vec<&[Vec<usize>]> = Vec::new();
    for &i in &reached {
        let security = api.operations[i].security.as_slice();
        if !security.is_empty() && !securities.contains(&security) {
            securities.push(security);
        }
    }
    let credential_fns = securities.iter().enumerate().map(|(k, security)| {
        let name = format_ident!("credentials_{k}");
        let body = credentials_check(api, security);
        let wanted: Vec<String> = security
            .iter()
            .map(|alternative| {
                let keys: Vec<String> = alternative
                    .iter()
                    .map(|&i| format!("`{}`", api.schemes[i].key))
                    .collect();
                if keys.is_empty() {
                    "nothing".to_string()
                } else {
                    keys.join(" and ")
                }
            })
            .collect();
        let fn_doc = doc(Some(&format!(
            "The credentials of operations whose security is {}.",
            wanted.join(", or ")
        )));
        quote! {
            #fn_doc
            fn #name(input: &support::Input) -> ::std::result::Result<super::Credentials, Rejection> {
                #body
            }
        }
    });
    let calls = reached.iter().map(|&i| {
        let op = &api.operations[i];
        let reader = securities
            .iter()
            .position(|s| *s == op.security.as_slice())
            .map(|k| format_ident!("credentials_{k}"));
        call(api, op, reader)
    });
    let responses = reached.iter().map(|&i| into_response(&api.operations[i]));
    let checks = api.types.iter().map(check_impl);
    let use_types = api
        .types
        .iter()
        .any(|t| !matches!(t.kind, TypeKind::Alias(_)))
        .then(|| {
            quote!(
                use super::types;
            )
        });
    let title = if api.title.trim().is_empty() {
        "the API".to_string()
    } else {
        format!("`{}`", api.title.trim())
    };
    let version = if api.version.trim().is_empty() {
        String::new()
    } else {
        format!(" (version {})", api.version.trim())
    };
    let mut text = format!(
        "The operations of {title}{version}. Every method answers 501 Not Implemented until it is \
         implemented, so a partial implementation compiles and serves."
    );
    if let Some(description) = api.description.as_deref().filter(|d| !d.trim().is_empty()) {
        text = format!("{text}\n\n{}", description.trim());
    }
    let trait_doc = doc(Some(&text));
    let support = support(api);
    let needs = api.has_form(Some(FormKind::Multipart)).then(|| {
        quote! {
            ///
            /// `multipart/form-data` bodies are read with axum's `multipart`
            /// feature, which the crate using this module must enable.
        }
    });
    // Handlers call `.into_response()`; a document without operations has none.
    let use_into_response = (!api.operations.is_empty()).then(|| {
        quote!(
            use ::axum::response::IntoResponse as _;
        )
    });
    quote! {
        /// An axum server: implement [`server::Api`](Api) and serve [`server::router`](router).
        #needs
        pub mod server {
            #use_types
            #use_into_response

            #trait_doc
            pub trait Api: ::std::marker::Send + ::std::marker::Sync + 'static {
                #(#methods)*

                /// The answer to a request the document does not allow, which no
                /// other method sees. The default is the rejection's own 400;
                /// override it to answer in the document's error schema.
                fn rejected(&self, rejection: Rejection) -> ::axum::response::Response {
                    ::axum::response::IntoResponse::into_response(rejection)
                }
            }

            /// The router serving every operation of the document through `api`.
            ///
            /// Requests whose parameters or body do not match the document get
            /// a 400 with a JSON body naming the parameter; they never reach `api`.
            pub fn router<A: Api>(api: A) -> ::axum::Router {
                ::axum::Router::new()
                    #v07
                    #(#route_calls)*
                    .with_state(::std::sync::Arc::new(api))
            }

            /// An error a handler answers with: a status and a message, sent as
            /// a JSON body `{"error": message}`.
            #[derive(Debug, Clone, PartialEq, Eq)]
            pub struct Error {
                pub status: ::axum::http::StatusCode,
                pub message: ::std::string::String,
            }

            impl Error {
                pub fn new(status: ::axum::http::StatusCode, message: impl ::std::convert::Into<::std::string::String>) -> Self {
                    Self { status, message: message.into() }
                }

                /// 501 Not Implemented, the answer of every method not implemented.
                pub fn not_implemented(operation: &str) -> Self {
                    Self::new(
                        ::axum::http::StatusCode::NOT_IMPLEMENTED,
                        ::std::format!("operation `{operation}` is not implemented"),
                    )
                }
            }

            impl ::std::fmt::Display for Error {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    write!(f, "{}: {}", self.status, self.message)
                }
            }

            impl ::std::error::Error for Error {}

            /// Why a request was refused before any method of [`Api`] saw it:
            /// the parameter (or `body`), where it was expected, and what is wrong.
            /// [`Api::rejected`] turns it into the answer; by default its `status`
            /// (400; 401 for missing credentials; 415 for a body that is not JSON) with a JSON body
            /// `{"error", "parameter", "in", "message"}` (and `accepted`, the
            /// values an enum lists or the schemes that would do).
            #[derive(Debug, Clone, PartialEq, Eq)]
            #[non_exhaustive]
            pub struct Rejection {
                /// The parameter's name in the document, or `body`.
                pub parameter: ::std::string::String,
                /// `path`, `query`, `header`, `form`, `body`, or `security` for
                /// missing credentials.
                pub location: &'static str,
                /// What is wrong, in words.
                pub message: ::std::string::String,
                /// The values the parameter's `enum` lists, when that is what was broken;
                /// for missing credentials, the security schemes that would do.
                pub accepted: ::std::vec::Vec<::std::string::String>,
                /// 400 Bad Request; 401 Unauthorized when credentials are missing;
                /// 415 Unsupported Media Type for a body that is not JSON where
                /// the server reads JSON.
                pub status: ::axum::http::StatusCode,
                /// The `WWW-Authenticate` challenge of a 401, when the schemes have one.
                challenge: ::std::option::Option<&'static str>,
            }

            impl Rejection {
                fn new(parameter: &str, location: &'static str, message: impl ::std::convert::Into<::std::string::String>) -> Self {
                    Self {
                        parameter: parameter.to_string(),
                        location,
                        message: message.into(),
                        accepted: ::std::vec::Vec::new(),
                        status: ::axum::http::StatusCode::BAD_REQUEST,
                        challenge: ::std::option::Option::None,
                    }
                }
            }

            impl ::std::fmt::Display for Rejection {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    write!(f, "{} `{}`: {}", self.location, self.parameter, self.message)
                }
            }

            impl ::axum::response::IntoResponse for Rejection {
                fn into_response(self) -> ::axum::response::Response {
                    let mut body = ::serde_json::json!({
                        "error": if self.status == ::axum::http::StatusCode::UNAUTHORIZED { "unauthorized" } else { "bad request" },
                        "parameter": self.parameter,
                        "in": self.location,
                        "message": self.message,
                    });
                    if !self.accepted.is_empty() {
                        body["accepted"] = ::serde_json::json!(self.accepted);
                    }
                    let mut response = support::json(self.status.as_u16(), &body);
                    if let ::std::option::Option::Some(challenge) = self.challenge {
                        response.headers_mut().insert(
                            ::axum::http::header::WWW_AUTHENTICATE,
                            ::axum::http::HeaderValue::from_static(challenge),
                        );
                    }
                    response
                }
            }

            impl ::axum::response::IntoResponse for Error {
                fn into_response(self) -> ::axum::response::Response {
                    support::json(self.status.as_u16(), &::serde_json::json!({ "error": self.message }))
                }
            }

            #(#route_handlers)*
            #(#credential_fns)*
            #(#calls)*
            #(#responses)*
            #(#checks)*
            #support
        }
    }
}

fn trait_method(op: &Operation) -> TokenStream {
    let name = ident(&op.fn_name);
    let request = ident(&op.request);
    let response = ident(&op.response);
    let doc = doc(op.doc.as_deref());
    let id = &op.id;
    let (credentials, unused) = if op.security.is_empty() {
        (quote!(), quote!(req))
    } else {
        (
            quote!(credentials: super::Credentials,),
            quote!((req, credentials)),
        )
    };
    quote! {
        #doc
        fn #name(
            &self,
            req: super::#request,
            #credentials
        ) -> impl ::std::future::Future<Output = ::std::result::Result<super::#response, Error>> + ::std::marker::Send {
            let _ = #unused;
            async { ::std::result::Result::Err(Error::not_implemented(#id)) }
        }
    }
}

/// The handler axum calls for a route: the operation's own handler when
/// the route serves one operation unconditionally, else a dispatcher.
fn route_name(api: &Api, route: &Route) -> proc_macro2::Ident {
    match route.operations.as_slice() {
        [only] if api.operations[*only].fixed_query.is_empty() => call_name(&api.operations[*only]),
        _ => {
            let index = api
                .routes
                .iter()
                .position(|r| std::ptr::eq(r, route))
                .unwrap_or(0);
            // A digit first: a snake-case operation name never starts with one.
            format_ident!("route_{}_{}", index, method_name(route.method))
        }
    }
}

fn method_name(method: Method) -> String {
    method.as_str().to_ascii_lowercase()
}

/// The handler of one operation: `route_<fn>`.
fn call_name(op: &Operation) -> proc_macro2::Ident {
    format_ident!("route_{}", op.fn_name.trim_start_matches("r#"))
}

/// A dispatcher, for a route several operations share (told apart by a
/// fixed query value or by text around a path parameter).
fn route_handler(api: &Api, route: &Route) -> TokenStream {
    if let [only] = route.operations.as_slice()
        && api.operations[*only].fixed_query.is_empty()
    {
        return TokenStream::new();
    }
    let name = route_name(api, route);
    let route_doc = doc(Some(&format!("{} `{}`", route.method.as_str(), route.path)));
    let mut dispatch = Vec::new();
    let mut fallback = None;
    for &i in &route.operations {
        let op = &api.operations[i];
        let call = call_name(op);
        let keys = op.route_keys();
        if keys.is_empty() {
            fallback.get_or_insert(quote!(#call(state, input).await));
            continue;
        }
        let conditions = keys.iter().map(|key| match key {
            RouteKey::Query(k, v) => quote!(input.query(#k) == ::std::option::Option::Some(#v)),
            RouteKey::Affix {
                position,
                prefix,
                suffix,
            } => {
                quote!(input.path_between(#position, #prefix, #suffix).is_some())
            }
        });
        dispatch.push(quote! {
            if #(#conditions)&&* {
                return #call(state, input).await;
            }
        });
    }
    let fallback = fallback.unwrap_or_else(|| {
        // List the accepted values of every fixed query key, in document order.
        let mut keys: Vec<(String, Vec<String>)> = Vec::new();
        for &i in &route.operations {
            for (k, v) in &api.operations[i].fixed_query {
                match keys.iter_mut().find(|(key, _)| key == k) {
                    Some((_, values)) => values.push(v.clone()),
                    None => keys.push((k.clone(), vec![v.clone()])),
                }
            }
        }
        if keys.is_empty() {
            // Only path text tells the operations apart, and none matched.
            return quote!(::axum::response::IntoResponse::into_response(
                ::axum::http::StatusCode::NOT_FOUND
            ));
        }
        let entries = keys.iter().map(|(k, values)| quote!((#k, &[#(#values),*])));
        quote!(<A as Api>::rejected(&state.0, support::unmatched_query(&input, &[#(#entries),*])))
    });
    quote! {
        #route_doc
        async fn #name<A: Api>(
            state: ::axum::extract::State<::std::sync::Arc<A>>,
            input: support::Input,
        ) -> ::axum::response::Response {
            #(#dispatch)*
            #fallback
        }
    }
}

/// The values a parameter's `enum` lists (of its items, for an array), when
/// its type is a string enum: the server refuses any other value, although
/// the enum type itself keeps unknown values for the client's sake.
fn enum_values<'a>(api: &'a Api, ty: &Ty) -> Option<Vec<&'a str>> {
    let mut ty = ty.clone();
    // Aliases can chain; the cap guards against a cycle the model missed.
    for _ in 0..16 {
        let Ty::Named(name) = &ty else { return None };
        let def = api.types.iter().find(|t| &t.name == name)?;
        match &def.kind {
            TypeKind::Enum(variants) => {
                return Some(variants.iter().map(|v| v.wire.as_str()).collect());
            }
            TypeKind::Alias(next) => ty = next.clone(),
            _ => return None,
        }
    }
    None
}

fn call(api: &Api, op: &Operation, credentials_reader: Option<proc_macro2::Ident>) -> TokenStream {
    let name = call_name(op);
    let method = ident(&op.fn_name);
    let request = ident(&op.request);
    let path_order: Vec<(usize, &str, &str)> = op.path_params().collect();
    let fields = op.params.iter().enumerate().map(|(i, p)| {
        let field = ident(&p.name);
        let wire = &p.wire;
        let location = p.location.as_str();
        let raw = match p.location {
            Location::Path => {
                let position = path_order.iter().position(|&(j, _, _)| j == i).unwrap_or(0);
                let (_, prefix, suffix) = path_order.get(position).copied().unwrap_or((0, "", ""));
                if prefix.is_empty() && suffix.is_empty() {
                    quote!(input.path(#position))
                } else {
                    quote!(input.path_between(#position, #prefix, #suffix))
                }
            }
            Location::Query if p.allow_empty && p.ty != Ty::String && p.list.is_none() => {
                quote!(input.query(#wire).filter(|value| !value.is_empty()))
            }
            Location::Query => quote!(input.query(#wire)),
            Location::Header => quote!(input.header(#wire)?),
            Location::Form(_) => quote!(input.form(#wire)),
        };
        if p.ty == Ty::File {
            let value = match (p.list, p.required) {
                (Some(_), true) => quote!(support::required_files(input.files(#wire), #wire)?),
                (Some(_), false) => quote!(support::optional_files(input.files(#wire))),
                (None, true) => quote!(support::required_file(input.file(#wire), #wire)?),
                (None, false) => quote!(input.file(#wire)),
            };
            return quote!(#field: #value,);
        }
        let accepted = enum_values(api, &p.ty);
        let mut all = match p.location {
            Location::Form(_) => quote!(input.form_all(#wire)),
            _ => quote!(input.query_all(#wire)),
        };
        let mut raw = raw;
        // A default the parameter's own enum refuses would turn every request
        // without the parameter into a 400: such a default is not applied.
        let default = p.default.as_ref().filter(|d| {
            accepted
                .as_ref()
                .is_none_or(|values| d.iter().all(|v| values.contains(&v.as_str())))
        });
        if let Some(default) = default {
            // An absent optional parameter arrives as its default.
            match p.list {
                Some(ListFormat::Multi) => {
                    all = quote!(support::or_defaults(#all, &[#(#default),*]));
                }
                Some(format) => {
                    let text = default.join(&format.separator().to_string());
                    raw = quote!(#raw.or(::std::option::Option::Some(#text)));
                }
                None => {
                    let text = default.first().cloned().unwrap_or_default();
                    raw = quote!(#raw.or(::std::option::Option::Some(#text)));
                }
            }
        }
        if let Some(values) = &accepted {
            let check = quote!(&[#(#values),*], #wire, #location);
            all = quote!(support::all_one_of(#all, #check)?);
            raw = match p.list {
                None => quote!(support::one_of(#raw, #check)?),
                Some(ListFormat::Multi) => raw,
                Some(format) => {
                    let sep = format.separator();
                    quote!(support::items_one_of(#raw, #sep, #check)?)
                }
            };
        }
        let value = match (p.list, p.required) {
            (Some(ListFormat::Multi), true) => {
                quote!(support::required_multi(#all, #wire, #location)?)
            }
            (Some(ListFormat::Multi), false) => {
                quote!(support::optional_multi(#all, #wire, #location)?)
            }
            (Some(format), true) => {
                let sep = format.separator();
                quote!(support::required_list(#raw, #sep, #wire, #location)?)
            }
            (Some(format), false) => {
                let sep = format.separator();
                quote!(support::optional_list(#raw, #sep, #wire, #location)?)
            }
            (None, true) => quote!(support::required(#raw, #wire, #location)?),
            (None, false) => quote!(support::optional(#raw, #wire, #location)?),
        };
        if p.rules.is_empty() {
            return quote!(#field: #value,);
        }
        let rules = rules(&p.rules);
        quote!(#field: support::ruled(#value, &#rules, #wire, #location)?,)
    });
    let body = op.body.as_ref().map(|b| {
        let field = ident(&b.name);
        let value = match (&b.media, b.required) {
            (Media::Json, true) => quote!(support::required_json(input.json_body()?)?),
            (Media::Json, false) => quote!(support::optional_json(input.json_body()?)?),
            (Media::Raw(_), true) => quote!(::std::clone::Clone::clone(&input.body)),
            (Media::Raw(_), false) => quote! {
                if input.body.is_empty() {
                    ::std::option::Option::None
                } else {
                    ::std::option::Option::Some(::std::clone::Clone::clone(&input.body))
                }
            },
        };
        quote!(#field: #value,)
    });
    let parse_name = format_ident!("parse_{}", op.fn_name.trim_start_matches("r#"));
    let mut key = op.path.clone();
    for (i, (k, v)) in op.fixed_query.iter().enumerate() {
        key.push(if i == 0 { '?' } else { '&' });
        key.push_str(&format!("{k}={v}"));
    }
    let handler_doc = doc(Some(&format!(
        "`{}`: {} `{key}`",
        op.id,
        op.method.as_str()
    )));
    let input_used = !op.params.is_empty() || op.body.is_some();
    let secured = credentials_reader.is_some();
    if !input_used && !secured {
        return quote! {
            #handler_doc
            async fn #name<A: Api>(
                ::axum::extract::State(api): ::axum::extract::State<::std::sync::Arc<A>>,
                _input: support::Input,
            ) -> ::axum::response::Response {
                <A as Api>::#method(&api, super::#request {}).await.into_response()
            }
        };
    }
    let (parse_fn, parse) = if input_used {
        (
            quote! {
                fn #parse_name(input: &support::Input) -> ::std::result::Result<super::#request, Rejection> {
                    ::std::result::Result::Ok(super::#request {
                        #(#fields)*
                        #body
                    })
                }
            },
            quote! {
                let req = match #parse_name(&input) {
                    ::std::result::Result::Ok(req) => req,
                    ::std::result::Result::Err(rejection) => return <A as Api>::rejected(&api, rejection),
                };
            },
        )
    } else {
        (quote!(), quote!(let req = super::#request {};))
    };
    let (credentials, args) = match credentials_reader {
        Some(reader) => (
            quote! {
                let credentials = match #reader(&input) {
                    ::std::result::Result::Ok(credentials) => credentials,
                    ::std::result::Result::Err(rejection) => return <A as Api>::rejected(&api, rejection),
                };
            },
            quote!(req, credentials),
        ),
        None => (quote!(), quote!(req)),
    };
    quote! {
        #parse_fn

        #handler_doc
        async fn #name<A: Api>(
            ::axum::extract::State(api): ::axum::extract::State<::std::sync::Arc<A>>,
            input: support::Input,
        ) -> ::axum::response::Response {
            #credentials
            #parse
            <A as Api>::#method(&api, #args).await.into_response()
        }
    }
}

/// The body of a `credentials_<k>` reader: reads every credential a
/// `security` names, and refuses the request with a 401 when no alternative
/// is complete (unless one alternative needs nothing).
fn credentials_check(api: &Api, security: &[Vec<usize>]) -> TokenStream {
    let schemes: std::collections::BTreeSet<usize> = security.iter().flatten().copied().collect();
    let reads = schemes.iter().map(|&i| {
        let scheme = &api.schemes[i];
        let field = ident(&scheme.field);
        let read = match &scheme.kind {
            SchemeKind::HeaderKey(name) => quote!(input.header(#name)?.map(str::to_string)),
            SchemeKind::QueryKey(name) => quote!(input.query(#name).map(str::to_string)),
            SchemeKind::Basic => quote!(input.basic()),
            SchemeKind::Bearer => quote!(input.bearer()),
        };
        quote!(#field: #read,)
    });
    let rest = (schemes.len() < super::used_schemes(api).len())
        .then(|| quote!(..::std::default::Default::default()));
    let open = security.iter().any(Vec::is_empty);
    let check = (!open).then(|| {
        let several = security.len() > 1;
        let alternatives = security.iter().map(|alternative| {
            let present = alternative.iter().map(|&i| {
                let field = ident(&api.schemes[i].field);
                quote!(credentials.#field.is_some())
            });
            if several && alternative.len() > 1 {
                quote!((#(#present)&&*))
            } else {
                quote!(#(#present)&&*)
            }
        });
        let describe = |i: usize| {
            let scheme = &api.schemes[i];
            match &scheme.kind {
                SchemeKind::HeaderKey(name) => format!("`{}` (header `{name}`)", scheme.key),
                SchemeKind::QueryKey(name) => format!("`{}` (query parameter `{name}`)", scheme.key),
                SchemeKind::Basic => format!("`{}` (Authorization: Basic)", scheme.key),
                SchemeKind::Bearer => format!("`{}` (Authorization: Bearer)", scheme.key),
            }
        };
        let wanted: Vec<String> = security
            .iter()
            .map(|alternative| {
                alternative
                    .iter()
                    .map(|&i| describe(i))
                    .collect::<Vec<_>>()
                    .join(" and ")
            })
            .collect();
        let message = format!("missing credentials: {}", wanted.join(", or "));
        let accepted: Vec<String> = security
            .iter()
            .map(|alternative| {
                alternative
                    .iter()
                    .map(|&i| api.schemes[i].key.as_str())
                    .collect::<Vec<_>>()
                    .join(" + ")
            })
            .collect();
        let parameter = accepted.first().cloned().unwrap_or_default();
        let challenge = security.iter().flatten().find_map(|&i| match api.schemes[i].kind {
            SchemeKind::Basic => Some("Basic realm=\"api\""),
            SchemeKind::Bearer => Some("Bearer"),
            _ => None,
        });
        let challenge = match challenge {
            Some(c) => quote!(::std::option::Option::Some(#c)),
            None => quote!(::std::option::Option::None),
        };
        quote! {
            let complete = #(#alternatives)||*;
            if !complete {
                return ::std::result::Result::Err(support::unauthorized(#parameter, #message, &[#(#accepted),*], #challenge));
            }
        }
    });
    quote! {
        let credentials = super::Credentials {
            #(#reads)*
            #rest
        };
        #check
        ::std::result::Result::Ok(credentials)
    }
}

/// `support::Check` for one type of `types`: what the server verifies in a
/// JSON body before serde reads it into the type.
fn check_impl(def: &TypeDef) -> TokenStream {
    let name = ident(&def.name);
    let body = match &def.kind {
        // An alias is its target, which has its own impl.
        TypeKind::Alias(_) => return TokenStream::new(),
        TypeKind::Newtype(inner) => {
            let inner = ty(inner, Scope::Side);
            quote!(<#inner as support::Check>::check(value, at))
        }
        // serde would read a struct from an array too (its fields in
        // order): only an object is an object.
        TypeKind::Struct(fields) if fields.is_empty() => quote! {
            support::object(value, at).map(|_| ())
        },
        TypeKind::Struct(fields) => {
            let members = fields.iter().map(|f| {
                let wire = &f.wire;
                let t = ty(&f.ty, Scope::Side);
                let nullable = f.nullable;
                let rules = rules(&f.rules);
                quote! {
                    if let ::std::option::Option::Some(member) = object.get(#wire) {
                        support::member::<#t>(member, #wire, #nullable, &#rules, at)?;
                    }
                }
            });
            quote! {
                let object = support::object(value, at)?;
                #(#members)*
                ::std::result::Result::Ok(())
            }
        }
        TypeKind::Enum(variants) => {
            let wires = variants.iter().map(|v| v.wire.as_str());
            quote!(support::listed(value, &[#(#wires),*], at))
        }
        // The variant the tag selects checks the value, as serde reads it.
        TypeKind::Tagged {
            tag,
            variants,
            other,
        } => {
            let wires = variants.iter().map(|v| v.wire.as_str());
            let types = variants.iter().map(|v| ty(&v.ty, Scope::Side));
            let other = ident(other);
            quote! {
                match value.get(#tag).and_then(::serde_json::Value::as_str) {
                    #(::std::option::Option::Some(#wires) => <#types as support::Check>::check(value, at),)*
                    _ => <types::#other as support::Check>::check(value, at),
                }
            }
        }
    };
    quote! {
        impl support::Check for types::#name {
            fn check(value: &::serde_json::Value, at: &mut ::std::string::String) -> ::std::result::Result<(), ::std::string::String> {
                #body
            }
        }
    }
}

/// A `support::Rules` value for the model's rules.
fn rules(r: &Rules) -> TokenStream {
    if r.is_empty() {
        return quote!(support::Rules::NONE);
    }
    let mut fields = Vec::new();
    if let Some((min, exclusive)) = r.minimum {
        let min = proc_macro2::Literal::f64_suffixed(min);
        fields.push(quote!(minimum: ::std::option::Option::Some(#min),));
        if exclusive {
            fields.push(quote!(exclusive_minimum: true,));
        }
    }
    if let Some((max, exclusive)) = r.maximum {
        let max = proc_macro2::Literal::f64_suffixed(max);
        fields.push(quote!(maximum: ::std::option::Option::Some(#max),));
        if exclusive {
            fields.push(quote!(exclusive_maximum: true,));
        }
    }
    let counts = [
        ("min_length", r.min_length),
        ("max_length", r.max_length),
        ("min_items", r.min_items),
        ("max_items", r.max_items),
    ];
    for (name, count) in counts {
        if let Some(count) = count {
            let name = format_ident!("{name}");
            let count = proc_macro2::Literal::usize_unsuffixed(count);
            fields.push(quote!(#name: ::std::option::Option::Some(#count),));
        }
    }
    if r.unique_items {
        fields.push(quote!(unique_items: true,));
    }
    if let Some(pattern) = &r.pattern {
        fields.push(quote!(pattern: ::std::option::Option::Some(#pattern),));
    }
    if !r.numeric_enum.is_empty() {
        let values = r
            .numeric_enum
            .iter()
            .map(|&v| proc_macro2::Literal::f64_suffixed(v));
        fields.push(quote!(one_of: &[#(#values),*],));
    }
    if let Some(items) = &r.items {
        let items = rules(items);
        fields.push(quote!(items: ::std::option::Option::Some(&#items),));
    }
    quote!(support::Rules { #(#fields)* ..support::Rules::NONE })
}

/// How the server sends each documented response of an operation.
fn into_response(op: &Operation) -> TokenStream {
    let response = ident(&op.response);
    let arms = op.responses.iter().map(encode_arm);
    quote! {
        impl ::axum::response::IntoResponse for super::#response {
            fn into_response(self) -> ::axum::response::Response {
                match self {
                    #(#arms)*
                }
            }
        }
    }
}

fn encode_arm(case: &Case) -> TokenStream {
    let variant = ident(&case.variant);
    let encode = |status: TokenStream| match &case.body {
        Some((_, Media::Json)) => quote!(support::json(#status, &body)),
        Some((_, Media::Raw(content_type))) => quote!(support::raw(#status, #content_type, body)),
        None => quote!(support::untyped(#status, body)),
    };
    if !case.headers.is_empty() {
        let fields: Vec<_> = case.headers.iter().map(|h| ident(&h.name)).collect();
        let sets = case.headers.iter().map(|h| {
            let field = ident(&h.name);
            let wire = &h.wire;
            // A date-time's `Display` is not RFC 3339: it goes through
            // `support::Rfc3339`.
            let date_time = h.ty == Ty::DateTime;
            let text = match h.list {
                Some(format) => {
                    let sep = format.separator();
                    let items = match date_time {
                        true => quote!(items.iter().map(support::Rfc3339)),
                        false => quote!(&items),
                    };
                    quote!(#field.map(|items| support::join(#items, #sep)))
                }
                None if date_time => {
                    quote!(#field.map(|value| support::Rfc3339(&value).to_string()))
                }
                None => quote!(#field.map(|value| value.to_string())),
            };
            quote!(support::set_header(&mut response, #wire, #text);)
        });
        let (pattern, encode) = match case.status {
            Status::Code(code) => {
                let code = proc_macro2::Literal::u16_unsuffixed(code);
                match &case.body {
                    Some(_) => (quote!(body,), encode(quote!(#code))),
                    None => (quote!(), quote!(support::empty(#code))),
                }
            }
            Status::Range(_) | Status::Default => (quote!(status, body,), encode(quote!(status))),
        };
        return quote! {
            Self::#variant { #pattern #(#fields),* } => {
                let mut response = #encode;
                #(#sets)*
                response
            }
        };
    }
    match case.status {
        Status::Code(code) => match &case.body {
            Some(_) => {
                let code = proc_macro2::Literal::u16_unsuffixed(code);
                let encode = encode(quote!(#code));
                quote!(Self::#variant(body) => #encode,)
            }
            None => {
                let code = proc_macro2::Literal::u16_unsuffixed(code);
                quote!(Self::#variant => support::empty(#code),)
            }
        },
        Status::Range(_) | Status::Default => {
            let encode = encode(quote!(status));
            quote!(Self::#variant { status, body } => #encode,)
        }
    }
}

/// `Check` for the format types the document uses: a string in the body
/// that is not a value of its format is refused at its JSON pointer (serde
/// would refuse it too, without saying where).
fn format_checks(api: &Api) -> TokenStream {
    let formats = [
        (Ty::DateTime, "an RFC 3339 date-time"),
        (Ty::Date, "a date (YYYY-MM-DD)"),
        (Ty::Uuid, "a UUID"),
        (Ty::Base64, "base64"),
    ];
    let impls: Vec<TokenStream> = formats
        .iter()
        .filter(|(format, _)| api.mentions(|t| t == format))
        .map(|(format, what)| {
            // `support` is a module inside `server`.
            let t = match format {
                Ty::Base64 => quote!(super::super::Base64),
                _ => ty(format, Scope::Side),
            };
            quote!(#t => #what)
        })
        .collect();
    if impls.is_empty() {
        return TokenStream::new();
    }
    quote! {
        macro_rules! format_to_check {
            ($($t:ty => $what:literal),*) => {$(
                impl Check for $t {
                    fn check(value: &::serde_json::Value, at: &mut ::std::string::String) -> ::std::result::Result<(), ::std::string::String> {
                        match value.as_str() {
                            ::std::option::Option::Some(text) if text.parse::<$t>().is_err() => {
                                let at = if at.is_empty() { "/" } else { at.as_str() };
                                ::std::result::Result::Err(::std::format!("{at}: {text:?} is not {}", $what))
                            }
                            _ => ::std::result::Result::Ok(()),
                        }
                    }
                }
            )*};
        }
        format_to_check!(#(#impls),*);
    }
}

/// Private helpers of the server, emitted once per file.
fn support(api: &Api) -> TokenStream {
    let formats = format_checks(api);
    // `pattern` needs regex-lite: only a document with patterns gets it.
    let patterns = api.has_patterns();
    let pattern_field = patterns.then(|| {
        quote! {
            /// A string's `pattern` (regex-lite syntax, unanchored).
            pub(super) pattern: ::std::option::Option<&'static str>,
        }
    });
    let pattern_none = patterns.then(|| quote!(pattern: ::std::option::Option::None,));
    let pattern_check = patterns.then(|| {
        quote! {
            if let ::std::option::Option::Some(pattern) = rules.pattern.filter(|pattern| !matches(pattern, text)) {
                return fail(at.as_str(), ::std::format!("{text:?} does not match the pattern {pattern}"));
            }
        }
    });
    let matches_fn = patterns.then(|| {
        quote! {
            /// Whether `text` matches `pattern` anywhere (JSON Schema's
            /// `pattern` is not anchored). Each pattern is compiled once; one
            /// that does not compile (the generator warned) checks nothing.
            fn matches(pattern: &'static str, text: &str) -> bool {
                type Compiled = ::std::collections::BTreeMap<&'static str, ::std::option::Option<::regex_lite::Regex>>;
                static CACHE: ::std::sync::OnceLock<::std::sync::RwLock<Compiled>> = ::std::sync::OnceLock::new();
                let cache = CACHE.get_or_init(::std::default::Default::default);
                let known = cache.read().ok().and_then(|compiled| {
                    compiled
                        .get(pattern)
                        .map(|regex| regex.as_ref().is_none_or(|regex| regex.is_match(text)))
                });
                if let ::std::option::Option::Some(found) = known {
                    return found;
                }
                let regex = ::regex_lite::Regex::new(pattern).ok();
                let found = regex.as_ref().is_none_or(|regex| regex.is_match(text));
                if let ::std::result::Result::Ok(mut compiled) = cache.write() {
                    compiled.insert(pattern, regex);
                }
                found
            }
        }
    });
    let join = join_fn();
    let rfc3339 = api
        .operations
        .iter()
        .any(|op| {
            op.responses
                .iter()
                .any(|c| c.headers.iter().any(|h| h.ty == Ty::DateTime))
        })
        .then(rfc3339_fn);
    let multipart = api.has_form(Some(FormKind::Multipart));
    let files = api.has_files();
    let (parts_field, parts_init, parts_name, file_methods) = if files {
        (
            quote! {
                /// Every part of a multipart body, as a file.
                parts: ::std::vec::Vec<(::std::string::String, super::super::FilePart)>,
            },
            quote!(let mut parts = ::std::vec::Vec::new();),
            quote!(parts),
            quote! {
                /// The first part of a multipart body with this name.
                pub(super) fn file(&self, name: &str) -> ::std::option::Option<super::super::FilePart> {
                    self.parts.iter().find(|(n, _)| n == name).map(|(_, part)| ::std::clone::Clone::clone(part))
                }

                /// Every part of a multipart body with this name.
                pub(super) fn files(&self, name: &str) -> ::std::vec::Vec<super::super::FilePart> {
                    self.parts.iter().filter(|(n, _)| n == name).map(|(_, part)| ::std::clone::Clone::clone(part)).collect()
                }
            },
        )
    } else {
        (quote!(), quote!(), quote!(), quote!())
    };
    let parts_field_init = files.then(|| quote!(parts));
    let (parts_type, parts_name) = if files {
        (
            quote!(::std::vec::Vec<(::std::string::String, super::super::FilePart)>),
            parts_name,
        )
    } else {
        (quote!(()), quote!(()))
    };
    let keep_part = if files {
        quote!(parts.push((name, super::super::FilePart { file_name, content_type, bytes }));)
    } else {
        quote!(let _ = (file_name, content_type);)
    };
    let multipart_arm = multipart.then(|| {
        quote! {
            if let ::std::option::Option::Some(Form::Multipart) = kind {
                use ::axum::extract::FromRequest;
                let bad = |error: &dyn ::std::fmt::Display| {
                    Rejection::new("body", "body", ::std::format!("not a multipart/form-data body: {error}"))
                };
                let mut request = ::axum::extract::Request::new(::axum::body::Body::from(::std::clone::Clone::clone(body)));
                *request.headers_mut() = ::std::clone::Clone::clone(headers);
                let mut multipart = ::axum::extract::Multipart::from_request(request, &()).await.map_err(|error| bad(&error))?;
                while let ::std::option::Option::Some(field) = multipart.next_field().await.map_err(|error| bad(&error))? {
                    let name = field.name().unwrap_or("").to_string();
                    let file_name = field.file_name().map(str::to_string);
                    let content_type = field.content_type().map(str::to_string);
                    let bytes = field.bytes().await.map_err(|error| bad(&error))?;
                    if let ::std::result::Result::Ok(text) = ::std::str::from_utf8(&bytes) {
                        form.push((::std::clone::Clone::clone(&name), text.to_string()));
                    }
                    #keep_part
                }
            }
        }
    });
    let file_support = files.then(|| {
        quote! {
            pub(super) fn required_file(
                file: ::std::option::Option<super::super::FilePart>,
                name: &str,
            ) -> ::std::result::Result<super::super::FilePart, Rejection> {
                file.ok_or_else(|| missing(name, "form"))
            }

            pub(super) fn optional_files(
                files: ::std::vec::Vec<super::super::FilePart>,
            ) -> ::std::option::Option<::std::vec::Vec<super::super::FilePart>> {
                ::std::option::Option::Some(files).filter(|files| !files.is_empty())
            }

            pub(super) fn required_files(
                files: ::std::vec::Vec<super::super::FilePart>,
                name: &str,
            ) -> ::std::result::Result<::std::vec::Vec<super::super::FilePart>, Rejection> {
                optional_files(files).ok_or_else(|| missing(name, "form"))
            }
        }
    });
    let header_support = api.has_response_headers().then(|| {
            quote! {
            /// Adds a documented response header; a value that cannot be a
            /// header (a line break, say) turns the response into a 500.
            pub(super) fn set_header(
                response: &mut ::axum::response::Response,
                name: &'static str,
                value: ::std::option::Option<::std::string::String>,
            ) {
                let ::std::option::Option::Some(value) = value else {
                    return;
                };
                match (::axum::http::HeaderName::try_from(name), ::axum::http::HeaderValue::try_from(value)) {
                    (::std::result::Result::Ok(name), ::std::result::Result::Ok(value)) => {
                        response.headers_mut().insert(name, value);
                    }
                    _ => {
                        *response = (
                            ::axum::http::StatusCode::INTERNAL_SERVER_ERROR,
                            ::std::format!("the handler answered a `{name}` header that cannot be sent"),
                        )
                            .into_response();
                    }
                }
            }

            #join
            #rfc3339

            }
        });
    let schemes = super::used_schemes(api);
    let bearer = schemes.iter().any(|s| s.kind == SchemeKind::Bearer);
    let basic = schemes.iter().any(|s| s.kind == SchemeKind::Basic);
    let bearer_method = bearer.then(|| {
        quote! {
            /// The token of an `Authorization: Bearer` header.
            pub(super) fn bearer(&self) -> ::std::option::Option<::std::string::String> {
                let value = self.headers.get(::axum::http::header::AUTHORIZATION)?.to_str().ok()?;
                let (scheme, token) = value.trim().split_once(' ')?;
                let token = token.trim();
                (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then(|| token.to_string())
            }
        }
    });
    let basic_method = basic.then(|| {
        quote! {
            /// The user name and password of an `Authorization: Basic` header;
            /// `None` when absent or malformed.
            pub(super) fn basic(&self) -> ::std::option::Option<super::super::BasicAuth> {
                let value = self.headers.get(::axum::http::header::AUTHORIZATION)?.to_str().ok()?;
                let (scheme, encoded) = value.trim().split_once(' ')?;
                if !scheme.eq_ignore_ascii_case("basic") {
                    return ::std::option::Option::None;
                }
                let decoded = ::std::string::String::from_utf8(base64(encoded.trim())?).ok()?;
                let (username, password) = decoded.split_once(':')?;
                ::std::option::Option::Some(super::super::BasicAuth {
                    username: username.to_string(),
                    password: password.to_string(),
                })
            }
        }
    });
    let auth_methods = quote!(#bearer_method #basic_method);
    let base64 = basic.then(|| {
        quote! {
            /// Decodes standard base64 (RFC 4648, padding optional).
            fn base64(text: &str) -> ::std::option::Option<::std::vec::Vec<u8>> {
                let mut out = ::std::vec::Vec::with_capacity(text.len() / 4 * 3);
                let (mut buffer, mut bits) = (0u32, 0u32);
                for c in text.trim_end_matches('=').bytes() {
                    let value = match c {
                        b'A'..=b'Z' => c - b'A',
                        b'a'..=b'z' => c - b'a' + 26,
                        b'0'..=b'9' => c - b'0' + 52,
                        b'+' => 62,
                        b'/' => 63,
                        _ => return ::std::option::Option::None,
                    };
                    buffer = (buffer << 6) | u32::from(value);
                    bits += 6;
                    if bits >= 8 {
                        bits -= 8;
                        out.push((buffer >> bits) as u8);
                        buffer &= (1 << bits) - 1;
                    }
                }
                ::std::option::Option::Some(out)
            }
        }
    });
    let auth_support = (!schemes.is_empty()).then(|| {
        quote! {
            /// A 401: the credentials the operation needs are missing.
            pub(super) fn unauthorized(
                parameter: &str,
                message: &str,
                accepted: &[&str],
                challenge: ::std::option::Option<&'static str>,
            ) -> Rejection {
                let mut rejection = Rejection::new(parameter, "security", message);
                rejection.accepted = accepted.iter().map(|a| a.to_string()).collect();
                rejection.status = ::axum::http::StatusCode::UNAUTHORIZED;
                rejection.challenge = challenge;
                rejection
            }

            #base64
        }
    });
    let forms = api.has_form(None);
    let form_init = forms.then(|| quote!(form, #parts_field_init));
    let (form_fields, form_read, form_methods, form_support) = if forms {
        (
            quote! {
                /// The text values of a form body (urlencoded pairs, or the
                /// parts of a multipart body that are UTF-8).
                form: ::std::vec::Vec<(::std::string::String, ::std::string::String)>,
                #parts_field
            },
            quote! {
                    let (form, #parts_name) = match read_form(&headers, &body).await {
                        ::std::result::Result::Ok(form) => form,
                        ::std::result::Result::Err(rejection) => return ::std::result::Result::Err(::std::result::Result::Ok(rejection)),
                    };
            },
            quote! {
                /// The first value of a form field.
                pub(super) fn form(&self, name: &str) -> ::std::option::Option<&str> {
                    self.form.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
                }

                /// Every value of a repeated form field.
                pub(super) fn form_all(&self, name: &str) -> ::std::vec::Vec<&str> {
                    self.form.iter().filter(|(n, _)| n == name).map(|(_, v)| v.as_str()).collect()
                }

                #file_methods

            },
            quote! {
            /// The fields of a form body, when the `Content-Type` announces one.
            #[allow(clippy::type_complexity)]
            async fn read_form(
                headers: &::axum::http::HeaderMap,
                body: &::bytes::Bytes,
            ) -> ::std::result::Result<(::std::vec::Vec<(::std::string::String, ::std::string::String)>, #parts_type), Rejection> {
                let mut form = ::std::vec::Vec::new();
                #parts_init
                let kind = form_kind(headers);
                if let ::std::option::Option::Some(Form::UrlEncoded) = kind {
                    let text = ::std::str::from_utf8(body).map_err(|_| Rejection::new("body", "body", "a form body that is not UTF-8"))?;
                    form = parse_pairs(text, "form")?;
                }
                #multipart_arm
                ::std::result::Result::Ok((form, #parts_name))
            }

            enum Form {
                UrlEncoded,
                Multipart,
            }

            /// The kind of form a request's `Content-Type` announces.
            fn form_kind(headers: &::axum::http::HeaderMap) -> ::std::option::Option<Form> {
                let value = headers.get(::axum::http::header::CONTENT_TYPE)?.to_str().ok()?;
                let essence = value.split(';').next().unwrap_or("").trim();
                if essence.eq_ignore_ascii_case("application/x-www-form-urlencoded") {
                    ::std::option::Option::Some(Form::UrlEncoded)
                } else if essence.eq_ignore_ascii_case("multipart/form-data") {
                    ::std::option::Option::Some(Form::Multipart)
                } else {
                    ::std::option::Option::None
                }
            }

            },
        )
    } else {
        (quote!(), quote!(), quote!(), quote!())
    };
    quote! {
        #[allow(dead_code)]
        mod support {
            use super::Rejection;
            use ::axum::response::IntoResponse;

            /// A request's parameters and body, read once.
            pub(super) struct Input {
                path: ::std::vec::Vec<(::std::string::String, ::std::string::String)>,
                query: ::std::vec::Vec<(::std::string::String, ::std::string::String)>,
                headers: ::axum::http::HeaderMap,
                pub(super) body: ::bytes::Bytes,
                #form_fields
            }

            /// Handlers take the whole request as one `Input`: a request that
            /// cannot be read (a path or query that is not UTF-8 once decoded,
            /// a body that fails to arrive) is answered before any handler runs.
            impl<A: super::Api> ::axum::extract::FromRequest<::std::sync::Arc<A>> for Input {
                type Rejection = ::axum::response::Response;

                async fn from_request(
                    request: ::axum::extract::Request,
                    api: &::std::sync::Arc<A>,
                ) -> ::std::result::Result<Self, Self::Rejection> {
                    Self::read(request).await.map_err(|error| match error {
                        ::std::result::Result::Ok(rejection) => <A as super::Api>::rejected(api, rejection),
                        ::std::result::Result::Err(response) => response,
                    })
                }
            }

            impl Input {
                /// Fails with a rejection, or with axum's own answer when the body
                /// cannot be read (too large, say).
                async fn read(
                    request: ::axum::extract::Request,
                ) -> ::std::result::Result<Self, ::std::result::Result<Rejection, ::axum::response::Response>> {
                    use ::axum::extract::{FromRequest, FromRequestParts};
                    let (mut parts, body) = request.into_parts();
                    let path = match ::axum::extract::RawPathParams::from_request_parts(&mut parts, &()).await {
                        ::std::result::Result::Ok(params) => params
                            .iter()
                            .map(|(name, value)| (name.to_string(), value.to_string()))
                            .collect(),
                        ::std::result::Result::Err(::axum::extract::rejection::RawPathParamsRejection::InvalidUtf8InPathParam(_)) => {
                            return ::std::result::Result::Err(::std::result::Result::Ok(
                                Rejection::new("path", "path", "a path segment is not valid UTF-8 once decoded"),
                            ));
                        }
                        ::std::result::Result::Err(_) => ::std::vec::Vec::new(),
                    };
                    let query = match parse_pairs(parts.uri.query().unwrap_or(""), "query") {
                        ::std::result::Result::Ok(query) => query,
                        ::std::result::Result::Err(rejection) => return ::std::result::Result::Err(::std::result::Result::Ok(rejection)),
                    };
                    let headers = parts.headers.clone();
                    let request = ::axum::extract::Request::from_parts(parts, body);
                    let body = match ::bytes::Bytes::from_request(request, &()).await {
                        ::std::result::Result::Ok(body) => body,
                        ::std::result::Result::Err(rejection) => return ::std::result::Result::Err(::std::result::Result::Err(rejection.into_response())),
                    };
                    #form_read
                    ::std::result::Result::Ok(Self { path, query, headers, body, #form_init })
                }

                /// The `index`th path parameter of the route (`p0`, `p1`, ...).
                pub(super) fn path(&self, index: usize) -> ::std::option::Option<&str> {
                    let name = ::std::format!("p{index}");
                    self.path.iter().find(|(n, _)| *n == name).map(|(_, v)| v.as_str())
                }

                /// The `index`th path parameter with `prefix` and `suffix` removed,
                /// when it has them (`{id}.json`).
                pub(super) fn path_between(&self, index: usize, prefix: &str, suffix: &str) -> ::std::option::Option<&str> {
                    let value = self.path(index)?;
                    value.strip_prefix(prefix)?.strip_suffix(suffix)
                }

                /// The first value of a query parameter.
                pub(super) fn query(&self, name: &str) -> ::std::option::Option<&str> {
                    self.query.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
                }

                /// Every value of a repeated query parameter.
                pub(super) fn query_all(&self, name: &str) -> ::std::vec::Vec<&str> {
                    self.query.iter().filter(|(n, _)| n == name).map(|(_, v)| v.as_str()).collect()
                }

                #form_methods

                #auth_methods

                /// The body of an operation that reads JSON: a body announced as
                /// another media type (XML, say) gets 415 Unsupported Media
                /// Type; a body without a `Content-Type` is read as JSON.
                pub(super) fn json_body(&self) -> ::std::result::Result<&[u8], Rejection> {
                    let content_type = match self.headers.get(::axum::http::header::CONTENT_TYPE) {
                        ::std::option::Option::Some(value) if !self.body.is_empty() => value.to_str().unwrap_or("?"),
                        _ => return ::std::result::Result::Ok(&self.body),
                    };
                    let essence = content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
                    if essence == "application/json" || essence.ends_with("+json") {
                        return ::std::result::Result::Ok(&self.body);
                    }
                    let mut rejection = Rejection::new(
                        "Content-Type",
                        "header",
                        ::std::format!("the body must be JSON (application/json), not {content_type:?}"),
                    );
                    rejection.status = ::axum::http::StatusCode::UNSUPPORTED_MEDIA_TYPE;
                    ::std::result::Result::Err(rejection)
                }

                pub(super) fn header(&self, name: &'static str) -> ::std::result::Result<::std::option::Option<&str>, Rejection> {
                    match self.headers.get(name) {
                        ::std::option::Option::None => ::std::result::Result::Ok(::std::option::Option::None),
                        ::std::option::Option::Some(value) => ::std::str::from_utf8(value.as_bytes())
                            .map(::std::option::Option::Some)
                            .map_err(|_| Rejection::new(name, "header", "not valid UTF-8")),
                    }
                }
            }

            fn hex(b: u8) -> ::std::option::Option<u8> {
                match b {
                    b'0'..=b'9' => ::std::option::Option::Some(b - b'0'),
                    b'a'..=b'f' => ::std::option::Option::Some(b - b'a' + 10),
                    b'A'..=b'F' => ::std::option::Option::Some(b - b'A' + 10),
                    _ => ::std::option::Option::None,
                }
            }

            /// Decodes `application/x-www-form-urlencoded` text (`+` is a space).
            fn decode(text: &str) -> ::std::option::Option<::std::string::String> {
                let bytes = text.as_bytes();
                let mut out = ::std::vec::Vec::with_capacity(bytes.len());
                let mut i = 0;
                while i < bytes.len() {
                    match bytes[i] {
                        b'+' => out.push(b' '),
                        b'%' => {
                            match (bytes.get(i + 1).copied().and_then(hex), bytes.get(i + 2).copied().and_then(hex)) {
                                (::std::option::Option::Some(high), ::std::option::Option::Some(low)) => {
                                    out.push(high * 16 + low);
                                    i += 2;
                                }
                                _ => out.push(b'%'),
                            }
                        }
                        b => out.push(b),
                    }
                    i += 1;
                }
                ::std::string::String::from_utf8(out).ok()
            }

            /// `name=value` pairs of a query string or urlencoded form.
            fn parse_pairs(
                text: &str,
                location: &'static str,
            ) -> ::std::result::Result<::std::vec::Vec<(::std::string::String, ::std::string::String)>, Rejection> {
                let mut pairs = ::std::vec::Vec::new();
                for pair in text.split('&').filter(|p| !p.is_empty()) {
                    let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
                    let name = decode(name).ok_or_else(|| Rejection::new(name, location, "the name is not valid UTF-8 once decoded"))?;
                    let value = decode(value).ok_or_else(|| Rejection::new(&name, location, "not valid UTF-8 once decoded"))?;
                    pairs.push((name, value));
                }
                ::std::result::Result::Ok(pairs)
            }

            #form_support

            #auth_support

            fn parse<T: ::std::str::FromStr>(raw: &str, name: &str, location: &'static str) -> ::std::result::Result<T, Rejection>
            where
                T::Err: ::std::fmt::Display,
            {
                raw.parse().map_err(|error: T::Err| Rejection::new(name, location, ::std::format!("invalid value {raw:?}: {error}")))
            }

            fn missing(name: &str, location: &'static str) -> Rejection {
                Rejection::new(name, location, "required parameter is missing")
            }

            #file_support

            pub(super) fn optional<T: ::std::str::FromStr>(
                raw: ::std::option::Option<&str>,
                name: &str,
                location: &'static str,
            ) -> ::std::result::Result<::std::option::Option<T>, Rejection>
            where
                T::Err: ::std::fmt::Display,
            {
                raw.map(|raw| parse(raw, name, location)).transpose()
            }

            pub(super) fn required<T: ::std::str::FromStr>(
                raw: ::std::option::Option<&str>,
                name: &str,
                location: &'static str,
            ) -> ::std::result::Result<T, Rejection>
            where
                T::Err: ::std::fmt::Display,
            {
                optional(raw, name, location)?.ok_or_else(|| missing(name, location))
            }

            /// An array parameter in one value, split at its separator; the
            /// empty string is the empty list.
            pub(super) fn optional_list<T: ::std::str::FromStr>(
                raw: ::std::option::Option<&str>,
                separator: char,
                name: &str,
                location: &'static str,
            ) -> ::std::result::Result<::std::option::Option<::std::vec::Vec<T>>, Rejection>
            where
                T::Err: ::std::fmt::Display,
            {
                raw.map(|raw| raw.split(separator).filter(|_| !raw.is_empty()).map(|item| parse(item, name, location)).collect())
                    .transpose()
            }

            pub(super) fn required_list<T: ::std::str::FromStr>(
                raw: ::std::option::Option<&str>,
                separator: char,
                name: &str,
                location: &'static str,
            ) -> ::std::result::Result<::std::vec::Vec<T>, Rejection>
            where
                T::Err: ::std::fmt::Display,
            {
                optional_list(raw, separator, name, location)?.ok_or_else(|| missing(name, location))
            }

            /// An array parameter sent as one `name=value` pair per item.
            pub(super) fn optional_multi<T: ::std::str::FromStr>(
                raw: ::std::vec::Vec<&str>,
                name: &str,
                location: &'static str,
            ) -> ::std::result::Result<::std::option::Option<::std::vec::Vec<T>>, Rejection>
            where
                T::Err: ::std::fmt::Display,
            {
                if raw.is_empty() {
                    return ::std::result::Result::Ok(::std::option::Option::None);
                }
                raw.into_iter().map(|item| parse(item, name, location)).collect::<::std::result::Result<_, _>>().map(::std::option::Option::Some)
            }

            pub(super) fn required_multi<T: ::std::str::FromStr>(
                raw: ::std::vec::Vec<&str>,
                name: &str,
                location: &'static str,
            ) -> ::std::result::Result<::std::vec::Vec<T>, Rejection>
            where
                T::Err: ::std::fmt::Display,
            {
                optional_multi(raw, name, location)?.ok_or_else(|| missing(name, location))
            }

            pub(super) fn required_json<T: ::serde::de::DeserializeOwned + Check>(body: &[u8]) -> ::std::result::Result<T, Rejection> {
                if body.is_empty() {
                    return ::std::result::Result::Err(Rejection::new("body", "body", "required body is missing"));
                }
                let value: ::serde_json::Value =
                    ::serde_json::from_slice(body).map_err(|error| Rejection::new("body", "body", error.to_string()))?;
                T::check(&value, &mut ::std::string::String::new()).map_err(|message| Rejection::new("body", "body", message))?;
                ::serde_json::from_value(value).map_err(|error| Rejection::new("body", "body", error.to_string()))
            }

            pub(super) fn optional_json<T: ::serde::de::DeserializeOwned + Check>(
                body: &[u8],
            ) -> ::std::result::Result<::std::option::Option<T>, Rejection> {
                if body.is_empty() {
                    return ::std::result::Result::Ok(::std::option::Option::None);
                }
                required_json(body).map(::std::option::Option::Some)
            }

            /// What the document asks of a JSON body beyond what serde checks
            /// when it reads the body into its type: no `null` where the schema
            /// is not `x-nullable`, and only the values an enum lists (the types
            /// themselves accept both, so that clients stay lenient). `at` is the
            /// JSON pointer of `value` in the body; the error names it and the rule.
            pub(super) trait Check {
                fn check(value: &::serde_json::Value, at: &mut ::std::string::String) -> ::std::result::Result<(), ::std::string::String>;
            }

            macro_rules! nothing_to_check {
                ($($t:ty),*) => {$(
                    impl Check for $t {
                        fn check(_: &::serde_json::Value, _: &mut ::std::string::String) -> ::std::result::Result<(), ::std::string::String> {
                            ::std::result::Result::Ok(())
                        }
                    }
                )*};
            }
            nothing_to_check!(::std::string::String, i32, i64, f32, f64, bool, ::serde_json::Value, ::bytes::Bytes);
            #formats

            impl<T: Check> Check for ::std::option::Option<T> {
                fn check(value: &::serde_json::Value, at: &mut ::std::string::String) -> ::std::result::Result<(), ::std::string::String> {
                    T::check(value, at)
                }
            }

            impl<T: Check> Check for ::std::boxed::Box<T> {
                fn check(value: &::serde_json::Value, at: &mut ::std::string::String) -> ::std::result::Result<(), ::std::string::String> {
                    T::check(value, at)
                }
            }

            impl<T: Check> Check for ::std::vec::Vec<T> {
                fn check(value: &::serde_json::Value, at: &mut ::std::string::String) -> ::std::result::Result<(), ::std::string::String> {
                    if let ::serde_json::Value::Array(items) = value {
                        for (index, item) in items.iter().enumerate() {
                            member::<T>(item, &index.to_string(), false, &Rules::NONE, at)?;
                        }
                    }
                    ::std::result::Result::Ok(())
                }
            }

            impl<T: Check> Check for ::std::collections::BTreeMap<::std::string::String, T> {
                fn check(value: &::serde_json::Value, at: &mut ::std::string::String) -> ::std::result::Result<(), ::std::string::String> {
                    if let ::serde_json::Value::Object(entries) = value {
                        for (key, entry) in entries {
                            member::<T>(entry, key, false, &Rules::NONE, at)?;
                        }
                    }
                    ::std::result::Result::Ok(())
                }
            }

            /// The members of a JSON object; anything else is refused at `at`.
            pub(super) fn object<'v>(
                value: &'v ::serde_json::Value,
                at: &str,
            ) -> ::std::result::Result<&'v ::serde_json::Map<::std::string::String, ::serde_json::Value>, ::std::string::String> {
                match value {
                    ::serde_json::Value::Object(object) => ::std::result::Result::Ok(object),
                    other => {
                        let found = match other {
                            ::serde_json::Value::Array(_) => "an array",
                            ::serde_json::Value::String(_) => "a string",
                            ::serde_json::Value::Number(_) => "a number",
                            ::serde_json::Value::Bool(_) => "a boolean",
                            _ => "null",
                        };
                        let at = if at.is_empty() { "/" } else { at };
                        ::std::result::Result::Err(::std::format!("{at}: expected an object, found {found}"))
                    }
                }
            }

            /// Refuses a string an enum does not list.
            pub(super) fn listed(
                value: &::serde_json::Value,
                accepted: &[&str],
                at: &str,
            ) -> ::std::result::Result<(), ::std::string::String> {
                match value.as_str() {
                    ::std::option::Option::Some(text) if !accepted.contains(&text) => {
                        let at = if at.is_empty() { "/" } else { at };
                        ::std::result::Result::Err(::std::format!(
                            "{at}: unknown value {text:?}; expected one of: {}",
                            accepted.join(", "),
                        ))
                    }
                    _ => ::std::result::Result::Ok(()),
                }
            }

            /// Checks `value`, the member `name` of the value at `at`.
            pub(super) fn member<T: Check>(
                value: &::serde_json::Value,
                name: &str,
                nullable: bool,
                rules: &Rules,
                at: &mut ::std::string::String,
            ) -> ::std::result::Result<(), ::std::string::String> {
                let len = at.len();
                at.push('/');
                at.push_str(&name.replace('~', "~0").replace('/', "~1"));
                if value.is_null() {
                    if nullable {
                        at.truncate(len);
                        return ::std::result::Result::Ok(());
                    }
                    return ::std::result::Result::Err(::std::format!("{at}: null is not allowed here"));
                }
                apply(value, rules, at)?;
                T::check(value, at)?;
                at.truncate(len);
                ::std::result::Result::Ok(())
            }

            /// The validation keywords of one schema (see `apply`).
            #[derive(Debug, Clone, Copy)]
            pub(super) struct Rules {
                pub(super) minimum: ::std::option::Option<f64>,
                pub(super) exclusive_minimum: bool,
                pub(super) maximum: ::std::option::Option<f64>,
                pub(super) exclusive_maximum: bool,
                pub(super) min_length: ::std::option::Option<usize>,
                pub(super) max_length: ::std::option::Option<usize>,
                pub(super) min_items: ::std::option::Option<usize>,
                pub(super) max_items: ::std::option::Option<usize>,
                pub(super) unique_items: bool,
                pub(super) items: ::std::option::Option<&'static Rules>,
                /// A numeric `enum`: the values it lists (empty: any).
                pub(super) one_of: &'static [f64],
                #pattern_field
            }

            impl Rules {
                pub(super) const NONE: Self = Self {
                    minimum: ::std::option::Option::None,
                    exclusive_minimum: false,
                    maximum: ::std::option::Option::None,
                    exclusive_maximum: false,
                    min_length: ::std::option::Option::None,
                    max_length: ::std::option::Option::None,
                    min_items: ::std::option::Option::None,
                    max_items: ::std::option::Option::None,
                    unique_items: false,
                    items: ::std::option::Option::None,
                    one_of: &[],
                    #pattern_none
                };
            }

            /// Checks `value` (at `at`) against `rules`: minimum and maximum
            /// (exclusive or not), minLength and maxLength (in characters),
            /// minItems, maxItems and uniqueItems, and the items' own rules.
            pub(super) fn apply(
                value: &::serde_json::Value,
                rules: &Rules,
                at: &mut ::std::string::String,
            ) -> ::std::result::Result<(), ::std::string::String> {
                let fail = |at: &str, why: ::std::string::String| {
                    ::std::result::Result::Err(if at.is_empty() { why } else { ::std::format!("{at}: {why}") })
                };
                if let ::std::option::Option::Some(n) = value.as_f64() {
                    if !rules.one_of.is_empty() && !rules.one_of.contains(&n) {
                        let listed: ::std::vec::Vec<::std::string::String> = rules.one_of.iter().map(|v| v.to_string()).collect();
                        return fail(at.as_str(), ::std::format!("{value} is not one of the values the enum lists ({})", listed.join(", ")));
                    }
                    if let ::std::option::Option::Some(min) =
                        rules.minimum.filter(|&min| n < min || (rules.exclusive_minimum && n == min))
                    {
                        let kind = if rules.exclusive_minimum { "exclusive minimum" } else { "minimum" };
                        return fail(at.as_str(), ::std::format!("{value} is below the {kind} {min}"));
                    }
                    if let ::std::option::Option::Some(max) =
                        rules.maximum.filter(|&max| n > max || (rules.exclusive_maximum && n == max))
                    {
                        let kind = if rules.exclusive_maximum { "exclusive maximum" } else { "maximum" };
                        return fail(at.as_str(), ::std::format!("{value} is above the {kind} {max}"));
                    }
                }
                if let ::std::option::Option::Some(text) = value.as_str() {
                    let length = text.chars().count();
                    if let ::std::option::Option::Some(min) = rules.min_length.filter(|&min| length < min) {
                        return fail(at.as_str(), ::std::format!("{length} characters, fewer than the minLength {min}"));
                    }
                    if let ::std::option::Option::Some(max) = rules.max_length.filter(|&max| length > max) {
                        return fail(at.as_str(), ::std::format!("{length} characters, more than the maxLength {max}"));
                    }
                    #pattern_check
                }
                if let ::std::option::Option::Some(items) = value.as_array() {
                    if let ::std::option::Option::Some(min) = rules.min_items.filter(|&min| items.len() < min) {
                        return fail(at.as_str(), ::std::format!("{} items, fewer than the minItems {min}", items.len()));
                    }
                    if let ::std::option::Option::Some(max) = rules.max_items.filter(|&max| items.len() > max) {
                        return fail(at.as_str(), ::std::format!("{} items, more than the maxItems {max}", items.len()));
                    }
                    if rules.unique_items {
                        let mut seen = ::std::collections::BTreeSet::new();
                        if let ::std::option::Option::Some(item) = items.iter().find(|item| !seen.insert(item.to_string())) {
                            return fail(at.as_str(), ::std::format!("{item} appears twice, but uniqueItems is set"));
                        }
                    }
                    if let ::std::option::Option::Some(item_rules) = rules.items {
                        for (index, item) in items.iter().enumerate() {
                            let len = at.len();
                            at.push('/');
                            at.push_str(&index.to_string());
                            apply(item, item_rules, at)?;
                            at.truncate(len);
                        }
                    }
                }
                ::std::result::Result::Ok(())
            }

            #matches_fn

            /// The values of a repeated query parameter, or its defaults when
            /// it is absent.
            pub(super) fn or_defaults<'a>(
                values: ::std::vec::Vec<&'a str>,
                defaults: &[&'a str],
            ) -> ::std::vec::Vec<&'a str> {
                if values.is_empty() { defaults.to_vec() } else { values }
            }

            /// Checks a parameter's value, once parsed, against its rules.
            pub(super) fn ruled<T: ::serde::Serialize>(
                value: T,
                rules: &Rules,
                name: &str,
                location: &'static str,
            ) -> ::std::result::Result<T, Rejection> {
                let json = ::serde_json::to_value(&value).unwrap_or(::serde_json::Value::Null);
                apply(&json, rules, &mut ::std::string::String::new())
                    .map_err(|message| Rejection::new(name, location, message))?;
                ::std::result::Result::Ok(value)
            }

            /// Refuses a value its parameter's `enum` does not list.
            pub(super) fn one_of<'a>(
                raw: ::std::option::Option<&'a str>,
                accepted: &[&str],
                name: &str,
                location: &'static str,
            ) -> ::std::result::Result<::std::option::Option<&'a str>, Rejection> {
                match raw {
                    ::std::option::Option::Some(value) if !accepted.contains(&value) => {
                        let mut rejection = Rejection::new(
                            name,
                            location,
                            ::std::format!("unknown value {value:?}; expected one of: {}", accepted.join(", ")),
                        );
                        rejection.accepted = accepted.iter().map(|v| v.to_string()).collect();
                        ::std::result::Result::Err(rejection)
                    }
                    _ => ::std::result::Result::Ok(raw),
                }
            }

            /// `one_of` for every item of an array parameter in one value.
            pub(super) fn items_one_of<'a>(
                raw: ::std::option::Option<&'a str>,
                separator: char,
                accepted: &[&str],
                name: &str,
                location: &'static str,
            ) -> ::std::result::Result<::std::option::Option<&'a str>, Rejection> {
                if let ::std::option::Option::Some(text) = raw.filter(|text| !text.is_empty()) {
                    for item in text.split(separator) {
                        one_of(::std::option::Option::Some(item), accepted, name, location)?;
                    }
                }
                ::std::result::Result::Ok(raw)
            }

            /// `one_of` for every value of a repeated query parameter.
            pub(super) fn all_one_of<'a>(
                values: ::std::vec::Vec<&'a str>,
                accepted: &[&str],
                name: &str,
                location: &'static str,
            ) -> ::std::result::Result<::std::vec::Vec<&'a str>, Rejection> {
                for &value in &values {
                    one_of(::std::option::Option::Some(value), accepted, name, location)?;
                }
                ::std::result::Result::Ok(values)
            }

            /// The 400 for a request whose fixed query pairs match no operation.
            pub(super) fn unmatched_query(input: &Input, keys: &[(&str, &[&str])]) -> Rejection {
                let (name, accepted) = keys
                    .iter()
                    .find(|(name, accepted)| !input.query(name).is_some_and(|v| accepted.contains(&v)))
                    .or(keys.first())
                    .copied()
                    .unwrap_or(("", &[]));
                let message = match input.query(name) {
                    ::std::option::Option::None => ::std::format!("required parameter is missing; expected one of: {}", accepted.join(", ")),
                    ::std::option::Option::Some(value) => ::std::format!("unknown value {value:?}; expected one of: {}", accepted.join(", ")),
                };
                let mut rejection = Rejection::new(name, "query", message);
                rejection.accepted = accepted.iter().map(|v| v.to_string()).collect();
                rejection
            }

            fn status(code: u16) -> ::axum::http::StatusCode {
                ::axum::http::StatusCode::from_u16(code).unwrap_or(::axum::http::StatusCode::INTERNAL_SERVER_ERROR)
            }

            pub(super) fn empty(code: u16) -> ::axum::response::Response {
                status(code).into_response()
            }

            pub(super) fn json(code: u16, body: &impl ::serde::Serialize) -> ::axum::response::Response {
                match ::serde_json::to_vec(body) {
                    ::std::result::Result::Ok(bytes) => {
                        (status(code), [(::axum::http::header::CONTENT_TYPE, "application/json")], bytes).into_response()
                    }
                    ::std::result::Result::Err(_) => ::axum::http::StatusCode::INTERNAL_SERVER_ERROR.into_response(),
                }
            }

            #header_support

            pub(super) fn raw(code: u16, content_type: &'static str, body: ::bytes::Bytes) -> ::axum::response::Response {
                (status(code), [(::axum::http::header::CONTENT_TYPE, content_type)], body).into_response()
            }

            /// A body the document gives no schema: bytes of no known type, so
            /// no `Content-Type` unless there are bytes to describe.
            pub(super) fn untyped(code: u16, body: ::bytes::Bytes) -> ::axum::response::Response {
                if body.is_empty() {
                    return empty(code);
                }
                raw(code, "application/octet-stream", body)
            }
        }
    }
}
