//! The `server` module: a trait with one method per operation (each answering
//! 501 until implemented) and an axum router that validates every request
//! before the trait sees it.

use super::{Site, doc, ty};
use crate::model::{
    Api, Case, FormKind, ListFormat, Location, Media, Method, Operation, Param, ParamShape,
    PathValue, Route, RouteKey, Rules, SchemeKind, Status, Ty, TypeDef, TypeKind, UnionVariant,
    Via,
};
use crate::names::ident;
use crate::runtime::{self, Parts};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// The `server` module. Long because most of it is the module's template:
/// the parts that vary are computed above it.
pub(super) fn emit(api: &Api, parts: &Parts, document: &str) -> TokenStream {
    let methods = api.operations.iter().map(trait_method);
    let route_calls = route_calls(api);
    let route_handlers = api.routes.iter().map(|r| route_handler(api, r));
    // Operations no route reaches (another takes their requests) get no handler.
    let reached: Vec<usize> = api
        .routes
        .iter()
        .flat_map(|r| r.operations.iter().copied())
        .collect();
    let (securities, credential_fns) = credential_readers(api, &reached);
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
    let trait_doc = trait_doc(api);
    let support = super::support_module(parts, runtime::SERVER_SUPPORT);
    let public = runtime::embed(runtime::SERVER, parts);
    let needs = api.has_form(Some(FormKind::Multipart)).then(|| {
        quote! {
            ///
            /// `multipart/form-data` bodies are read with axum's `multipart`
            /// feature, which the crate using this module must enable.
        }
    });
    quote! {
        /// An axum server: implement [`server::Api`](Api) and serve [`server::router`](router).
        #needs
        pub mod server {
            #use_types

            #trait_doc
            pub trait Api: ::std::marker::Send + ::std::marker::Sync + 'static {
                #(#methods)*

                /// How long a request's body may take to arrive before the
                /// request is refused (408, through [`Api::rejected`]).
                const BODY_TIMEOUT: ::std::time::Duration = ::std::time::Duration::from_secs(30);

                /// The answer to a request the document does not allow, which no
                /// other method sees. The default is the rejection's own 400;
                /// override it to answer in the document's error schema.
                fn rejected(&self, rejection: Rejection) -> ::axum::response::Response {
                    ::axum::response::IntoResponse::into_response(rejection)
                }

                /// The answer to every method's `Err`, and to a method that
                /// panicked ([`Error::panicked`], a 500): the one place that
                /// decides how the API's errors look. The default sends the
                /// response the error carries, else `{"error": message}`.
                fn failed(&self, error: Error) -> ::axum::response::Response {
                    ::axum::response::IntoResponse::into_response(error)
                }
            }

            /// The router serving every operation of the document through `api`.
            ///
            /// Requests whose parameters or body do not match the document get
            /// a 400 with a JSON body naming the parameter; they never reach `api`.
            pub fn router<A: Api>(api: A) -> ::axum::Router {
                ::axum::Router::new()
                    #(#route_calls)*
                    .with_state(::std::sync::Arc::new(api))
            }

            /// The document this module was generated from, as JSON text, to
            /// serve at a path of your choosing (for Swagger UI or another
            /// generator): `router(api).route("/openapi.json",
            /// axum::routing::get(|| async { ([("content-type", "application/json")], DOCUMENT) }))`.
            pub const DOCUMENT: &str = #document;

            #public

            #(#route_handlers)*
            #(#credential_fns)*
            #(#calls)*
            #(#responses)*
            #(#checks)*
            #support
        }
    }
}

/// The router's `.route` calls: one per path, with every method of that
/// path, and `without_v07_checks` when a literal segment starts with `:`
/// or `*` (which axum refuses otherwise, as its 0.7 syntax).
fn route_calls(api: &Api) -> Vec<TokenStream> {
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
    let calls = by_path.iter().map(|(path, calls)| {
        let first = &calls[0];
        let rest = &calls[1..];
        quote!(.route(#path, ::axum::routing::#first #(.#rest)*))
    });
    let v07 = api
        .routes
        .iter()
        .any(|r| r.path.split('/').any(|s| s.starts_with([':', '*'])))
        .then(|| quote!(.without_v07_checks()));
    v07.into_iter().chain(calls).collect()
}

/// One credentials reader per distinct `security` of the operations served
/// (Kubernetes: one for 1,123 operations), not one per operation: the
/// securities, in order, and their readers `credentials_<k>`.
fn credential_readers<'a>(
    api: &'a Api,
    reached: &[usize],
) -> (Vec<&'a [Vec<usize>]>, Vec<TokenStream>) {
    let mut securities: Vec<&[Vec<usize>]> = Vec::new();
    for &i in reached {
        let security = api.operations[i].security.as_slice();
        if !security.is_empty() && !securities.contains(&security) {
            securities.push(security);
        }
    }
    let readers = securities.iter().enumerate().map(|(k, security)| {
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
    }).collect();
    (securities, readers)
}

/// The `Api` trait's doc: the document's title, version and description.
fn trait_doc(api: &Api) -> TokenStream {
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
    doc(Some(&text))
}

fn trait_method(op: &Operation) -> TokenStream {
    let name = ident(&op.fn_name);
    let request = ident(&op.request);
    let response = ident(&op.response);
    let doc = doc(op.doc.as_deref());
    let id = &op.id;
    quote! {
        #doc
        fn #name(
            &self,
            req: super::#request,
            cx: Context,
        ) -> impl ::std::future::Future<Output = ::std::result::Result<super::#response, Error>> + ::std::marker::Send {
            let _ = (req, cx);
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
    if let Some(via) = &route.via {
        return via_handler(api, route, via);
    }
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

/// The handler of a method a literal path lacks: it hands the request to
/// the templated route that would take it if the literal path were not
/// there, with the literal text as that route's parameter.
fn via_handler(api: &Api, route: &Route, via: &Via) -> TokenStream {
    let name = route_name(api, route);
    let target = &api.routes[via.route];
    let target_name = route_name(api, target);
    let route_doc = doc(Some(&format!(
        "{method} `{}`: this path has no {method} of its own; `{}` serves it, as it would without this path.",
        route.path,
        target.path,
        method = route.method.as_str(),
    )));
    let values = via.params.iter().map(|value| match value {
        PathValue::Param(j) => quote!(support::PathValue::Param(#j)),
        PathValue::Text(text) => quote!(support::PathValue::Text(#text)),
    });
    quote! {
        #route_doc
        async fn #name<A: Api>(
            state: ::axum::extract::State<::std::sync::Arc<A>>,
            input: support::Input,
        ) -> ::axum::response::Response {
            let input = input.repath(&[#(#values),*]);
            #target_name::<A>(state, input).await
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

/// The raw text of parameter `i`, where its location says (`None` when
/// absent; an empty value is absent under `allowEmptyValue`).
fn read(op: &Operation, i: usize, p: &Param) -> TokenStream {
    let wire = &p.wire;
    let path_order: Vec<(usize, &str, &str)> = op.path_params().collect();
    match p.location {
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
        Location::Cookie => quote!(input.cookie(#wire)),
        Location::Form(_) if p.allow_empty && p.ty != Ty::String && p.list.is_none() => {
            quote!(input.form(#wire).filter(|value| !value.is_empty()))
        }
        Location::Form(_) => quote!(input.form(#wire)),
    }
}

/// The field of the request struct for parameter `i`: its raw text (with
/// the default when absent), enum values checked, parsed as its type, and
/// its rules checked.
fn field(api: &Api, op: &Operation, i: usize, p: &Param) -> TokenStream {
    let field = ident(&p.name);
    let wire = &p.wire;
    let location = p.location.as_str();
    let raw = read(op, i, p);
    if p.ty == Ty::File {
        let value = match (p.list, p.required) {
            (Some(_), true) => quote!(support::required_files(input.files(#wire), #wire)?),
            (Some(_), false) => quote!(support::optional_files(input.files(#wire))),
            (None, true) => quote!(support::required_file(input.file(#wire), #wire)?),
            (None, false) => quote!(input.file(#wire)),
        };
        return quote!(#field: #value,);
    }
    if p.shape != ParamShape::Text {
        return whole(api, op, raw, p);
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
    // A list in one query or form value is split where it was sent, before
    // decoding (`support::items`), so an item may hold its separator.
    if let (Some(format), Location::Query | Location::Form(_)) = (p.list, p.location)
        && format != ListFormat::Multi
    {
        let sep = format.separator();
        let mut items = match p.location {
            Location::Query => quote!(input.query_items(#wire, #sep)),
            _ => quote!(input.form_items(#wire, #sep)),
        };
        if let Some(default) = default {
            items = quote! {
                #items.or_else(|| ::std::option::Option::Some(::std::vec![#(::std::string::String::from(#default)),*]))
            };
        }
        if let Some(values) = &accepted {
            items = quote!(support::listed_items(#items, &[#(#values),*], #wire, #location)?);
        }
        let value = if p.required || default.is_some() {
            quote!(support::required_items(#items, #wire, #location)?)
        } else {
            quote!(support::optional_items(#items, #wire, #location)?)
        };
        return ruled(field, value, p);
    }
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
    // With its default, an absent parameter has a value too.
    let value = match (p.list, p.required || default.is_some()) {
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
    ruled(field, value, p)
}

/// The field of a parameter read as one value, not from its text: an
/// object in the query, or JSON text. The value is checked as a JSON body
/// is (its rules, and its type's).
fn whole(api: &Api, op: &Operation, raw: TokenStream, p: &Param) -> TokenStream {
    let field = ident(&p.name);
    let (wire, location) = (&p.wire, p.location.as_str());
    let t = ty(&p.ty, Site::Side);
    let rules = rules(&p.rules);
    let read = match p.shape {
        ParamShape::Object { deep } => {
            let (members, other) = object_members(api, &p.ty);
            let names = members.iter().map(|(name, _)| name);
            let kinds = members.iter().map(|(_, kind)| kind);
            let other = match other {
                Some(kind) => quote!(::std::option::Option::Some(#kind)),
                None => quote!(::std::option::Option::None),
            };
            // Exploded, the members' names are query names: those of the
            // operation's other query parameters (`name[...]` too, for a
            // deep object) and query API keys are theirs.
            let keys = op
                .schemes()
                .into_iter()
                .filter_map(|i| match &api.schemes[i].kind {
                    SchemeKind::QueryKey(name) => Some(name.as_str()),
                    _ => None,
                });
            let taken: Vec<&str> = match deep {
                true => Vec::new(),
                false => op
                    .params
                    .iter()
                    .filter(|q| q.location == Location::Query && q.wire != p.wire)
                    .map(|q| q.wire.as_str())
                    .chain(keys)
                    .collect(),
            };
            quote!(support::query_object::<#t>(input, #wire, #deep, &[#((#names, #kinds)),*], #other, &[#(#taken),*], &#rules)?)
        }
        _ => quote!(support::json_param::<#t>(#raw, #wire, #location, &#rules)?),
    };
    let value = match p.required {
        true => quote!(support::present(#read, #wire, #location)?),
        false => read,
    };
    quote!(#field: #value,)
}

/// The members of an object parameter's type, each with how its text is
/// read, and how any other member's is (a map's values).
fn object_members<'a>(api: &'a Api, t: &Ty) -> (Vec<(&'a str, TokenStream)>, Option<TokenStream>) {
    let kind = |t: &Ty| match t {
        Ty::I32 | Ty::I64 => quote!(support::Scalar::Integer),
        Ty::F32 | Ty::F64 => quote!(support::Scalar::Number),
        Ty::Bool => quote!(support::Scalar::Boolean),
        _ => quote!(support::Scalar::Text),
    };
    match t {
        Ty::Map(value) => (Vec::new(), Some(kind(value))),
        Ty::Named(name) => match api.types.iter().find(|d| &d.name == name).map(|d| &d.kind) {
            Some(TypeKind::Struct(fields)) => (
                fields
                    .iter()
                    .map(|f| (f.wire.as_str(), kind(&f.ty)))
                    .collect(),
                None,
            ),
            _ => (Vec::new(), None),
        },
        _ => (Vec::new(), None),
    }
}

/// The field's value with the parameter's rules checked.
fn ruled(field: proc_macro2::Ident, value: TokenStream, p: &Param) -> TokenStream {
    if p.rules.is_empty() {
        return quote!(#field: #value,);
    }
    let (wire, location) = (&p.wire, p.location.as_str());
    let rules = rules(&p.rules);
    quote!(#field: support::ruled(#value, &#rules, #wire, #location)?,)
}

/// An operation's handler (`route_<fn>`) and its request parser
/// (`parse_<fn>`). The handler reads the credentials, then the request,
/// then hands the rest of the request to the method as its `Context`. Over
/// 80 lines because the two share their names and differ by whether the
/// operation has input and security, templates side by side.
fn call(api: &Api, op: &Operation, credentials_reader: Option<proc_macro2::Ident>) -> TokenStream {
    let name = call_name(op);
    let method = ident(&op.fn_name);
    let request = ident(&op.request);
    let fields = op
        .params
        .iter()
        .enumerate()
        .map(|(i, p)| field(api, op, i, p));
    let body = op.body.as_ref().map(|b| {
        let field = ident(&b.name);
        let value = match (&b.media, b.required) {
            (Media::Json, true) => {
                let rules = rules(&b.rules);
                quote!(support::required_json(input.json_body()?, &#rules)?)
            }
            (Media::Json, false) => {
                let rules = rules(&b.rules);
                quote!(support::optional_json(input.json_body()?, &#rules)?)
            }
            (Media::Xml(_), required) => {
                let rules = rules(&b.rules);
                let root = super::xml::request_root(op);
                let read = if required {
                    quote!(required_xml)
                } else {
                    quote!(optional_xml)
                };
                quote!(support::#read(input.xml_body()?, &super::runtime::xml_shapes::#root, &#rules)?)
            }
            (Media::Raw(_), required) => {
                let accepts = &b.accepts;
                let read = quote!(input.raw_body(&[#(#accepts),*])?);
                match required {
                    true => quote!(support::present(#read, "body", "body")?),
                    false => read,
                }
            }
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
    let form_required = (!op.form_required.is_empty()).then(|| {
        let names = &op.form_required;
        quote!(input.sent_form_has(&[#(#names),*])?;)
    });
    let id = &op.id;
    let (parse_fn, parse) = if input_used {
        (
            quote! {
                fn #parse_name(input: &support::Input) -> ::std::result::Result<super::#request, Rejection> {
                    #form_required
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
    let (credentials, context) = match credentials_reader {
        Some(reader) => (
            quote! {
                let credentials = match #reader(&input) {
                    ::std::result::Result::Ok(credentials) => credentials,
                    ::std::result::Result::Err(rejection) => return <A as Api>::rejected(&api, rejection),
                };
            },
            quote!(Context {
                credentials,
                ..input.into_context()
            }),
        ),
        None => (quote!(), quote!(input.into_context())),
    };
    quote! {
        #parse_fn

        #handler_doc
        fn #name<A: Api>(
            ::axum::extract::State(api): ::axum::extract::State<::std::sync::Arc<A>>,
            input: support::Input,
        ) -> support::Handling {
            ::std::boxed::Box::pin(async move {
                #credentials
                #parse
                let cx = #context;
                support::answer(&*api, #id, <A as Api>::#method(&api, req, cx)).await
            })
        }
    }
}

/// The body of a `credentials_<k>` reader: reads every credential a
/// `security` names, and refuses the request with a 401 when no alternative
/// is complete (unless one alternative needs nothing). Its length is the
/// message and the challenge, which name every alternative.
fn credentials_check(api: &Api, security: &[Vec<usize>]) -> TokenStream {
    let schemes: std::collections::BTreeSet<usize> = security.iter().flatten().copied().collect();
    let reads = schemes.iter().map(|&i| {
        let scheme = &api.schemes[i];
        let field = ident(&scheme.field);
        let read = match &scheme.kind {
            SchemeKind::HeaderKey(name) => quote!(input.header(#name)?.map(str::to_string)),
            SchemeKind::QueryKey(name) => quote!(input.query(#name).map(str::to_string)),
            SchemeKind::CookieKey(name) => quote!(input.cookie(#name).map(str::to_string)),
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
                SchemeKind::CookieKey(name) => format!("`{}` (cookie `{name}`)", scheme.key),
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
            let inner = ty(inner, Site::Side);
            quote!(<#inner as support::Check>::check(value, at))
        }
        // Only an object is an object (serde's derive read a struct from an
        // array too; the generated impls refuse one, as this check does).
        TypeKind::Struct(fields) if fields.is_empty() => quote! {
            support::object(value, at).map(|_| ())
        },
        TypeKind::Struct(fields) => {
            let members = fields.iter().map(|f| {
                let wire = &f.wire;
                let t = ty(&f.ty, Site::Side);
                let nullable = f.nullable;
                let rules = rules(&f.rules);
                quote!(support::member_of::<#t>(object, #wire, #nullable, &#rules, at)?;)
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
            let types = variants.iter().map(|v| ty(&v.ty, Site::Side));
            let other = ident(other);
            quote! {
                match value.get(#tag).and_then(::serde_json::Value::as_str) {
                    #(::std::option::Option::Some(#wires) => <#types as support::Check>::check(value, at),)*
                    _ => <types::#other as support::Check>::check(value, at),
                }
            }
        }
        // The variant serde reads the value as checks it: the one its tag
        // names, else the first it reads as.
        TypeKind::Union { tag, variants } => {
            let tagged = variants.iter().any(|v| !v.wires.is_empty());
            let by_tag = tag.as_ref().filter(|_| tagged).map(|tag| {
                let arms: Vec<_> = variants
                    .iter()
                    .filter(|v| !v.wires.is_empty())
                    .map(|v| {
                        let wires = &v.wires;
                        (
                            quote!(::std::option::Option::Some(#(#wires)|*)),
                            check_variant(v),
                        )
                    })
                    .collect();
                let found = quote!(value.get(#tag).and_then(::serde_json::Value::as_str));
                match arms.as_slice() {
                    // One arm: `if let` (clippy's `single_match`).
                    [(pattern, check)] => quote! {
                        if let #pattern = #found {
                            return #check;
                        }
                    },
                    _ => {
                        let (patterns, checks): (Vec<_>, Vec<_>) = arms.into_iter().unzip();
                        quote! {
                            match #found {
                                #(#patterns => return #checks,)*
                                _ => {}
                            }
                        }
                    }
                }
            });
            let types = variants.iter().map(|v| ty(&v.ty, Site::Side));
            let checks = variants.iter().map(check_variant);
            let none = format!(
                "{{at}}: the value is none of the variants of `{}`",
                def.name
            );
            quote! {
                #by_tag
                #(
                    if <#types as ::serde::Deserialize>::deserialize(value).is_ok() {
                        return #checks;
                    }
                )*
                let at = if at.is_empty() { "/" } else { at.as_str() };
                ::std::result::Result::Err(::std::format!(#none))
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

/// Checks a value read as one member of a union: the member's own rules,
/// then its type's.
fn check_variant(v: &UnionVariant) -> TokenStream {
    let t = ty(&v.ty, Site::Side);
    if v.rules.is_empty() {
        return quote!(<#t as support::Check>::check(value, at));
    }
    let rules = rules(&v.rules);
    quote!(support::apply(value, &#rules, at).and_then(|()| <#t as support::Check>::check(value, at)))
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
        ("min_properties", r.min_properties),
        ("max_properties", r.max_properties),
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
    if let Some(m) = r.multiple_of {
        let m = proc_macro2::Literal::f64_suffixed(m);
        fields.push(quote!(multiple_of: ::std::option::Option::Some(#m),));
    }
    if let Some(pattern) = &r.pattern {
        fields.push(quote!(pattern: ::std::option::Option::Some(#pattern),));
    }
    if !r.numeric_enum.is_empty() {
        let values = r
            .numeric_enum
            .iter()
            .map(|&v| proc_macro2::Literal::f64_suffixed(v));
        fields.push(quote!(numeric_enum: &[#(#values),*],));
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
    let arms = (op.responses.iter().enumerate()).map(|(i, case)| encode_arm(op, i, case));
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

fn encode_arm(op: &Operation, index: usize, case: &Case) -> TokenStream {
    let variant = ident(&case.variant);
    let encode = |status: TokenStream| match &case.body {
        Some((_, Media::Json)) => quote!(support::json(#status, &body)),
        Some((_, Media::Xml(xml))) => {
            let root = super::xml::response_root(op, index);
            let content_type = &xml.content_type;
            quote!(support::xml(#status, #content_type, &body, &super::runtime::xml_shapes::#root))
        }
        Some((Ty::Stream, Media::Raw(content_type))) => {
            quote!(support::stream(#status, #content_type, body))
        }
        Some((Ty::JsonStream(_), Media::Raw(content_type))) => {
            quote!(support::json_lines(#status, #content_type, body))
        }
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
