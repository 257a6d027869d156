//! Stage 5: the model to Rust tokens.
//!
//! One emitter per concern (types, client, server), each reading the same
//! model; the request and response types they share are emitted here. No
//! emitter sees YAML, openapiv3 or the filesystem, and none can fail.

mod client;
mod server;
mod types;
mod xml;

use crate::model::{Api, Case, FormKind, Location, ParamShape, Scheme, SchemeKind, Status, Ty};
use crate::names::ident;
use crate::runtime::{self, Parts};
use proc_macro2::TokenStream;
use quote::quote;

/// What to emit.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Emit<'a> {
    pub(crate) client: bool,
    /// The client sends through `reqwest_middleware::ClientWithMiddleware`.
    pub(crate) middleware: bool,
    /// The server, with the source document as JSON text (its `DOCUMENT`).
    pub(crate) server: Option<&'a str>,
}

/// A part of the generated file. Each is emitted and printed on its own, so
/// that parts can be made side by side and no part's tokens outlive its
/// printing (see `write::render`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Piece {
    /// The runtime's public types and the request and response types.
    Shared,
    /// `pub mod types`: the document's definitions.
    Types,
    /// `pub mod client`.
    Client,
    /// `pub mod server`.
    Server,
}

impl Piece {
    /// In the order they appear in the file.
    pub(crate) const ALL: [Piece; 4] = [Piece::Shared, Piece::Types, Piece::Client, Piece::Server];
}

/// The model with what to emit from it, and what is decided once for all
/// pieces.
pub(crate) struct Emitter<'a> {
    api: &'a Api,
    what: Emit<'a>,
    /// Decided once: each part is a walk over every type and operation.
    parts: Parts,
}

impl<'a> Emitter<'a> {
    pub(crate) fn new(api: &'a Api, what: Emit<'a>) -> Self {
        let parts = parts(api)
            .with("middleware", what.client && what.middleware)
            .with(
                "calls",
                what.client && api.operations.iter().any(|op| !op.streams()),
            );
        Emitter { api, what, parts }
    }

    /// One piece's tokens; empty for a side not asked for.
    pub(crate) fn piece(&self, piece: Piece) -> TokenStream {
        let (api, parts) = (self.api, &self.parts);
        match piece {
            Piece::Shared => shared(api, parts),
            Piece::Types => types::emit(api),
            Piece::Client if self.what.client => client::emit(api, parts),
            Piece::Server => match self.what.server {
                Some(document) => server::emit(api, parts, document),
                None => TokenStream::new(),
            },
            Piece::Client => TokenStream::new(),
        }
    }

    /// The whole file's tokens, the pieces in order.
    #[cfg(test)]
    pub(crate) fn all(&self) -> TokenStream {
        Piece::ALL.iter().map(|&piece| self.piece(piece)).collect()
    }
}

/// Where an emitted type reference is written from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Site {
    /// Inside `types`.
    Types,
    /// At the top of the generated module (request and response types).
    Top,
    /// Inside `client` or `server`, which `use super::types`.
    Side,
}

/// Spells a type with fully qualified paths, so that a document type named
/// `String` or `Option` cannot change what the generated code means.
pub(crate) fn ty(t: &Ty, site: Site) -> TokenStream {
    match t {
        Ty::String => quote!(::std::string::String),
        Ty::I32 => quote!(i32),
        Ty::I64 => quote!(i64),
        Ty::F32 => quote!(f32),
        Ty::F64 => quote!(f64),
        Ty::Bool => quote!(bool),
        Ty::DateTime => quote!(::chrono::DateTime<::chrono::Utc>),
        Ty::Date => quote!(::chrono::NaiveDate),
        Ty::Uuid => quote!(::uuid::Uuid),
        Ty::Base64 => match site {
            Site::Types | Site::Side => quote!(super::Base64),
            Site::Top => quote!(Base64),
        },
        Ty::Json => quote!(::serde_json::Value),
        Ty::Bytes => quote!(::bytes::Bytes),
        Ty::Stream => match site {
            Site::Types | Site::Side => quote!(super::ByteStream),
            Site::Top => quote!(ByteStream),
        },
        Ty::JsonStream(item) => {
            let item = ty(item, site);
            match site {
                Site::Types | Site::Side => quote!(super::JsonStream<#item>),
                Site::Top => quote!(JsonStream<#item>),
            }
        }
        Ty::File => match site {
            Site::Types | Site::Side => quote!(super::FilePart),
            Site::Top => quote!(FilePart),
        },
        Ty::Named(name) => {
            let name = ident(name);
            match site {
                Site::Types => quote!(#name),
                Site::Top | Site::Side => quote!(types::#name),
            }
        }
        Ty::Vec(item) => {
            let item = ty(item, site);
            quote!(::std::vec::Vec<#item>)
        }
        Ty::Map(value) => {
            let value = ty(value, site);
            quote!(::std::collections::BTreeMap<::std::string::String, #value>)
        }
        Ty::Boxed(inner) => {
            let inner = ty(inner, site);
            quote!(::std::boxed::Box<#inner>)
        }
    }
}

/// Doc attributes for a description from the document.
///
/// The text goes into `#[doc = "..."]` string literals, so nothing in it can
/// end the comment. Leading indentation is removed (an indented block would be
/// a doctest) and fenced code blocks are marked `text` so that they are never
/// compiled or run as doctests.
pub(crate) fn doc(text: Option<&str>) -> TokenStream {
    let Some(text) = text.map(str::trim).filter(|t| !t.is_empty()) else {
        return TokenStream::new();
    };
    // A lone `\r` would end up raw in a `///` comment, which rustc refuses,
    // and bidirectional controls trip a deny-by-default lint: neither survives.
    // Tabs become spaces (clippy's `tabs_in_doc_comments`).
    let text: String = text
        .chars()
        .filter(|c| !matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
        .map(|c| if c == '\r' { '\n' } else { c })
        .collect::<String>()
        .replace('\t', "    ");
    let mut lines = Vec::new();
    let mut in_fence = false;
    // Inside a list item, the indentation its continuation lines get, so that
    // a wrapped item stays one item (clippy's `doc_lazy_continuation`).
    let mut item_indent = 0;
    // Whether the line before was part of a block quote.
    let mut in_quote = false;
    for line in text.lines() {
        let trimmed = line.trim();
        let line = if let Some(rest) = trimmed
            .strip_prefix("```")
            .or_else(|| trimmed.strip_prefix("~~~"))
        {
            let fence = &trimmed[..3];
            if in_fence {
                in_fence = false;
                fence.to_string()
            } else {
                in_fence = true;
                let _ = rest;
                format!("{fence}text")
            }
        } else if in_fence {
            line.trim_end().to_string()
        } else if trimmed.is_empty() {
            item_indent = 0;
            String::new()
        } else if let Some(width) = list_marker(trimmed) {
            item_indent = width;
            // An item that starts with `>` (`- > greater than`) is text: as
            // a quote inside the item, its next line would continue it lazily.
            match trimmed.split_at(width) {
                (marker, rest) if rest.starts_with('>') => format!("{marker}\\{rest}"),
                _ => trimmed.to_string(),
            }
        } else if item_indent > 0 && !trimmed.starts_with(['#', '>', '|']) {
            format!("{:item_indent$}{trimmed}", "")
        } else if in_quote && !trimmed.starts_with('>') {
            // A line after a quote belongs to it (clippy's
            // `doc_lazy_continuation` asks for the marker).
            format!("> {trimmed}")
        } else {
            item_indent = 0;
            trimmed.to_string()
        };
        in_quote = !in_fence && line.starts_with('>');
        lines.push(line);
    }
    if in_fence {
        lines.push("```".to_string());
    }
    let attrs = lines.iter().map(|line| {
        let line = if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        };
        quote!(#[doc = #line])
    });
    quote!(#(#attrs)*)
}

/// The width of a Markdown list item's marker with its space (`- `, `12. `),
/// when the line starts one.
fn list_marker(line: &str) -> Option<usize> {
    // The item's text starts after the marker and the one to four spaces
    // that follow it (CommonMark); more spaces start indented code.
    let after = |marker: usize| {
        let spaces = line[marker..].bytes().take_while(|&b| b == b' ').count();
        (spaces >= 1).then_some(marker + if spaces > 4 { 1 } else { spaces })
    };
    if line.starts_with(['-', '*', '+']) {
        return after(1);
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let rest = &line[digits..];
    if (1..=9).contains(&digits) && rest.starts_with(['.', ')']) {
        return after(digits + 1);
    }
    None
}

/// The request and response types of every operation, shared by client and server.
fn shared(api: &Api, parts: &Parts) -> TokenStream {
    let items = api.operations.iter().map(|op| {
        let request = ident(&op.request);
        let response = ident(&op.response);
        // Without required values, `Default` is the request that leaves
        // everything out; a parameter with a default starts at it (written
        // by hand), and one whose default has no literal leaves no Default.
        let can_default =
            op.params.iter().all(|p| !p.required) && op.body.as_ref().is_none_or(|b| !b.required);
        let defaults: Option<Vec<TokenStream>> = op
            .params
            .iter()
            .map(|p| {
                let name = ident(&p.name);
                if p.default.is_none() {
                    return Some(quote!(#name: ::std::option::Option::None));
                }
                let value = param_default(api, p)?;
                Some(quote!(#name: #value))
            })
            .collect();
        // A default that is the type's own (`0`, `false`) is what derive writes.
        let by_hand = op
            .params
            .iter()
            .any(|p| p.default.is_some() && !is_type_default(p));
        // A request whose only required value is its body is built from
        // the body: `client.create_pet(&pet.into())`.
        let from_body = match (&op.body, &defaults) {
            (Some(b), Some(fields)) if b.required && op.params.iter().all(|p| !p.required) => {
                let name = ident(&b.name);
                let t = ty(&b.ty, Site::Top);
                let floats = op
                    .params
                    .iter()
                    .any(|p| p.default.is_some() && matches!(p.ty, Ty::F32 | Ty::F64));
                let allow = floats.then(|| quote!(#[allow(clippy::approx_constant)]));
                Some(quote! {
                    #allow
                    impl ::std::convert::From<#t> for #request {
                        fn from(#name: #t) -> Self {
                            Self {
                                #(#fields,)*
                                #name,
                            }
                        }
                    }
                })
            }
            _ => None,
        };
        let (derive_default, default_impl) = match (can_default, by_hand, defaults) {
            (true, false, _) => (quote!(, Default), None),
            (true, true, Some(fields)) => {
                let body = op.body.as_ref().map(|b| {
                    let name = ident(&b.name);
                    quote!(#name: ::std::option::Option::None,)
                });
                // A document's 3.14159 is its own value, not a guess at PI.
                let floats = op
                    .params
                    .iter()
                    .any(|p| p.default.is_some() && matches!(p.ty, Ty::F32 | Ty::F64));
                let allow = floats.then(|| quote!(#[allow(clippy::approx_constant)]));
                let default_impl = quote! {
                    #allow
                    impl Default for #request {
                        fn default() -> Self {
                            Self {
                                #(#fields,)*
                                #body
                            }
                        }
                    }
                };
                (quote!(), Some(default_impl))
            }
            _ => (quote!(), None),
        };
        let fields = op.params.iter().map(|p| {
            let name = ident(&p.name);
            let t = param_ty(p);
            let mut text = format!("`{}` in {}", p.wire, p.location.as_str());
            if let Some(default) = &p.default {
                let shown = default.join(", ");
                text = format!(
                    "{text}; default `{shown}` (the server reads it when the parameter is absent)"
                );
            }
            if let Some(d) = &p.doc {
                text = format!("{}\n\n{text}", d.trim());
            }
            let doc = doc(Some(&text));
            quote!(#doc pub #name: #t,)
        });
        let body = op.body.as_ref().map(|b| {
            let name = ident(&b.name);
            let mut t = ty(&b.ty, Site::Top);
            if !b.required {
                t = quote!(::std::option::Option<#t>);
            }
            let doc = doc(Some(b.doc.as_deref().unwrap_or("The request body.")));
            let allow = allow_nesting(&b.ty, !b.required);
            quote!(#doc #allow pub #name: #t,)
        });
        let request_doc = doc(Some(&format!(
            "The parameters of `{}` ({} `{}`).",
            op.id,
            op.method.as_str(),
            op.path
        )));
        let response_doc = doc(Some(&format!("The documented responses of `{}`.", op.id)));
        let variants = op.responses.iter().map(variant);
        // A stream is read once: it can be neither cloned nor compared.
        let response_derive = if op.streams() {
            quote!(#[derive(Debug)])
        } else {
            quote!(#[derive(Debug, Clone, PartialEq)])
        };
        let large = if op.responses.len() > 1 {
            quote!(#[allow(clippy::large_enum_variant)])
        } else {
            quote!()
        };
        quote! {
            #request_doc
            #[derive(Debug, Clone, PartialEq #derive_default)]
            pub struct #request {
                #(#fields)*
                #body
            }
            #default_impl
            #from_body

            #response_doc
            #response_derive
            #large
            pub enum #response {
                #(#variants)*
            }
        }
    });
    let runtime = top_runtime(parts, xml::shapes(api));
    let credentials = credentials(api);
    quote! {
        #runtime
        #credentials
        #(#items)*
    }
}

/// The schemes some operation's security names, in document order.
pub(crate) fn used_schemes(api: &Api) -> Vec<&Scheme> {
    let used: std::collections::BTreeSet<usize> =
        api.operations.iter().flat_map(|op| op.schemes()).collect();
    used.into_iter().map(|i| &api.schemes[i]).collect()
}

/// `Credentials`, a field per security scheme in use, and `BasicAuth`.
fn credentials(api: &Api) -> TokenStream {
    let schemes = used_schemes(api);
    if schemes.is_empty() {
        return TokenStream::new();
    }
    let fields = schemes.iter().map(|scheme| {
        let field = ident(&scheme.field);
        let (how, t) = match &scheme.kind {
            SchemeKind::HeaderKey(name) => (
                format!("an API key, sent in the `{name}` header"),
                quote!(::std::string::String),
            ),
            SchemeKind::QueryKey(name) => (
                format!("an API key, sent as the `{name}` query parameter"),
                quote!(::std::string::String),
            ),
            SchemeKind::CookieKey(name) => (
                format!("an API key, sent as the `{name}` cookie"),
                quote!(::std::string::String),
            ),
            SchemeKind::Basic => ("HTTP basic authentication".to_string(), quote!(BasicAuth)),
            SchemeKind::Bearer => (
                "a token, sent as `Authorization: Bearer`".to_string(),
                quote!(::std::string::String),
            ),
        };
        let mut text = format!("`{}`: {how}.", scheme.key);
        if let Some(d) = scheme
            .doc
            .as_deref()
            .map(str::trim)
            .filter(|d| !d.is_empty())
        {
            text = format!("{text}\n\n{d}");
        }
        let field_doc = self::doc(Some(&text));
        quote!(#field_doc pub #field: ::std::option::Option<#t>,)
    });
    let debug_fields = schemes.iter().map(|scheme| {
        let field = ident(&scheme.field);
        let name = scheme.field.trim_start_matches("r#");
        quote!(.field(#name, &self.#field.as_ref().map(|_| "<redacted>")))
    });
    quote! {
        /// Credentials for the document's security schemes. The client sends,
        /// on each operation, those it holds that the operation's `security`
        /// names; the server hands an operation's handler those the request
        /// carried. `Debug` does not print the secrets.
        #[derive(Clone, PartialEq, Eq, Default)]
        pub struct Credentials {
            #(#fields)*
        }

        impl ::std::fmt::Debug for Credentials {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct("Credentials")
                    #(#debug_fields)*
                    .finish()
            }
        }
    }
}

fn variant(case: &Case) -> TokenStream {
    let name = ident(&case.variant);
    let status_doc = match case.status {
        Status::Code(code) => format!("{code}"),
        Status::Range(digit) => format!("{digit}XX"),
        Status::Default => "Any other status".to_string(),
    };
    let text = match &case.doc {
        Some(d) => format!("{status_doc}: {}", d.trim()),
        None => status_doc,
    };
    let doc = doc(Some(&text));
    let body = case.body.as_ref().map(|(t, _)| ty(t, Site::Top));
    if !case.headers.is_empty() {
        let headers = case.headers.iter().map(|h| {
            let field = ident(&h.name);
            let t = param_ty(h);
            let text = match &h.doc {
                Some(d) => format!("{}\n\nThe `{}` header.", d.trim(), h.wire),
                None => format!("The `{}` header.", h.wire),
            };
            let field_doc = self::doc(Some(&text));
            quote!(#field_doc #field: #t,)
        });
        let status = match case.status {
            Status::Code(_) => None,
            Status::Range(_) | Status::Default => Some(quote!(status: u16,)),
        };
        let body = match (case.status, body) {
            (Status::Code(_), None) => None,
            (Status::Code(_), Some(body)) => Some(quote!(body: #body,)),
            (_, body) => {
                let body = body.unwrap_or_else(|| quote!(::bytes::Bytes));
                Some(quote!(body: #body,))
            }
        };
        return quote!(#doc #name { #status #body #(#headers)* },);
    }
    match (case.status, body) {
        (Status::Code(_), None) => quote!(#doc #name,),
        (Status::Code(_), Some(body)) => quote!(#doc #name(#body),),
        (_, body) => {
            let body = body.unwrap_or_else(|| quote!(::bytes::Bytes));
            quote!(#doc #name { status: u16, body: #body },)
        }
    }
}

/// An expression displaying a parameter or header value (`value`, a
/// reference) as its text on the wire: a date-time's `Display` is not RFC
/// 3339, so it goes through `support::Rfc3339`.
pub(crate) fn wire_text(t: &Ty, value: TokenStream) -> TokenStream {
    match t {
        Ty::DateTime => quote!(&support::Rfc3339(#value)),
        _ => value,
    }
}

/// An expression joining a list's items (`value`, a reference to the list)
/// with `separator`, each as its wire text.
pub(crate) fn wire_list(t: &Ty, value: TokenStream, separator: char) -> TokenStream {
    match t {
        Ty::DateTime => quote!(&support::join((#value).iter().map(support::Rfc3339), #separator)),
        _ => quote!(&support::join(#value, #separator)),
    }
}

/// The parts of the runtime the document uses (see `runtime`).
pub(crate) fn parts(api: &Api) -> Parts {
    let schemes = used_schemes(api);
    let uses = |ty: Ty| api.mentions(|t| *t == ty);
    // A `JsonStream` reads and writes through a `ByteStream`.
    let json_stream = api.mentions(|t| matches!(t, Ty::JsonStream(_)));
    Parts::default()
        .with("forms", api.has_form(None))
        .with("urlencoded", api.has_form(Some(FormKind::UrlEncoded)))
        .with("multipart", api.has_form(Some(FormKind::Multipart)))
        .with("files", api.has_files())
        .with("response_headers", api.has_response_headers())
        .with("date_time", uses(Ty::DateTime))
        .with("date", uses(Ty::Date))
        .with("uuid", uses(Ty::Uuid))
        .with("base64", uses(Ty::Base64))
        .with("byte_stream", uses(Ty::Stream) || json_stream)
        .with("json_stream", json_stream)
        .with("patterns", api.has_patterns())
        .with(
            "structs",
            api.types
                .iter()
                .any(|t| matches!(t.kind, crate::model::TypeKind::Struct(_))),
        )
        .with("xml", xml::used(api))
        .with("fall_through", api.routes.iter().any(|r| r.via.is_some()))
        .with("security", !schemes.is_empty())
        .with(
            "bearer",
            schemes.iter().any(|s| s.kind == SchemeKind::Bearer),
        )
        .with("basic", schemes.iter().any(|s| s.kind == SchemeKind::Basic))
        .with(
            "query_objects",
            api.has_param_shape(|s| matches!(s, ParamShape::Object { .. })),
        )
        .with(
            "json_params",
            api.has_param_shape(|s| s == ParamShape::Json),
        )
        .with(
            "cookies",
            api.operations
                .iter()
                .any(|op| op.params.iter().any(|p| p.location == Location::Cookie))
                || schemes
                    .iter()
                    .any(|s| matches!(s.kind, SchemeKind::CookieKey(_))),
        )
}

/// `#[allow(clippy::type_complexity)]` for a field whose type nests as
/// deeply as the document's schema does (a map of maps of maps): the
/// nesting is the document's, and an alias per level would only hide it.
pub(super) fn allow_nesting(ty: &Ty, optional: bool) -> Option<TokenStream> {
    fn depth(ty: &Ty) -> usize {
        match ty {
            Ty::Vec(inner) | Ty::Map(inner) => 1 + depth(inner),
            _ => 0,
        }
    }
    (depth(ty) + usize::from(optional) >= 4).then(|| quote!(#[allow(clippy::type_complexity)]))
}

/// The runtime's public types (`FilePart`, `Base64`, `BasicAuth`) and the
/// base64 codec, in a private module `runtime` whose public types are
/// re-exported: nothing else in the user's module can change what they mean.
fn top_runtime(parts: &Parts, xml_shapes: TokenStream) -> TokenStream {
    let items = runtime::embed_items(runtime::TOP, parts);
    if items.is_empty() && xml_shapes.is_empty() {
        return TokenStream::new();
    }
    let public = runtime::public_types(&items);
    let doc = runtime_doc(runtime::TOP, parts);
    quote! {
        #doc
        #[allow(dead_code)]
        mod runtime {
            #(#items)*
            #xml_shapes
        }
        #(pub use self::runtime::#public;)*
    }
}

/// A side's private `support` module: the runtime files `sources` with the
/// parts the document uses, named in its doc.
pub(crate) fn support_module(parts: &Parts, sources: &[runtime::Source]) -> TokenStream {
    let doc = runtime_doc(sources, parts);
    let items = runtime::embed(sources, parts);
    quote! {
        #doc
        #[allow(dead_code, unused_macros)]
        mod support {
            #items
        }
    }
}

/// The doc of a module of runtime: which files, with which parts.
fn runtime_doc(sources: &[runtime::Source], parts: &Parts) -> TokenStream {
    let files: Vec<String> = sources.iter().map(|s| format!("`{}`", s.path)).collect();
    let used: Vec<&str> = parts.names().collect();
    let text = format!(
        "swagger-stubgen's runtime ({}), with the parts this document uses: {}.",
        files.join(", "),
        if used.is_empty() {
            "none".to_string()
        } else {
            used.join(", ")
        }
    );
    doc(Some(&text))
}

/// The field type of a parameter or response header: `Vec` for a list,
/// `Option` unless required.
pub(crate) fn param_ty(p: &crate::model::Param) -> TokenStream {
    let mut t = ty(&p.ty, Site::Top);
    if p.list.is_some() {
        t = quote!(::std::vec::Vec<#t>);
    }
    if !p.present() {
        t = quote!(::std::option::Option<#t>);
    }
    t
}

/// An integer as a literal (a negative one as `-` and its magnitude, which
/// holds `i64::MIN` too).
pub(super) fn int_literal(n: i64) -> TokenStream {
    let magnitude = proc_macro2::Literal::u64_unsuffixed(n.unsigned_abs());
    if n < 0 {
        quote!(-#magnitude)
    } else {
        quote!(#magnitude)
    }
}

/// A float as a literal, written as short as its type (`f32` when
/// `single`) reads it back, so clippy finds no excessive precision.
pub(super) fn float_literal(x: f64, single: bool) -> TokenStream {
    let magnitude = if single {
        proc_macro2::Literal::f32_unsuffixed(x.abs() as f32)
    } else {
        proc_macro2::Literal::f64_unsuffixed(x.abs())
    };
    if x < 0.0 {
        quote!(-#magnitude)
    } else {
        quote!(#magnitude)
    }
}

/// Whether a parameter's default is its type's `Default` (`0`, `false`, the
/// empty string or list).
fn is_type_default(p: &crate::model::Param) -> bool {
    let Some(texts) = &p.default else {
        return false;
    };
    if p.list.is_some() {
        return texts.is_empty();
    }
    let [text] = texts.as_slice() else {
        return false;
    };
    match &p.ty {
        Ty::I32 | Ty::I64 => text.parse::<i64>() == Ok(0),
        Ty::F32 | Ty::F64 => text.parse::<f64>() == Ok(0.0),
        Ty::Bool => text == "false",
        Ty::String => text.is_empty(),
        _ => false,
    }
}

/// A parameter's default as a Rust value of its type, when one is written
/// as a literal (numbers, booleans, strings, enum values, lists of them).
fn param_default(api: &Api, p: &crate::model::Param) -> Option<TokenStream> {
    let texts = p.default.as_ref()?;
    let value = |text: &str| -> Option<TokenStream> {
        Some(match &p.ty {
            Ty::I32 | Ty::I64 => int_literal(text.parse().ok()?),
            Ty::F32 | Ty::F64 => {
                let x: f64 = text.parse().ok().filter(|x: &f64| x.is_finite())?;
                float_literal(x, p.ty == Ty::F32)
            }
            Ty::Bool => {
                let b: bool = text.parse().ok()?;
                quote!(#b)
            }
            Ty::String => quote!(::std::string::String::from(#text)),
            Ty::Named(name) => {
                let def = api.types.iter().find(|t| &t.name == name)?;
                let crate::model::TypeKind::Enum(variants) = &def.kind else {
                    return None;
                };
                let variant = ident(&variants.iter().find(|v| v.wire == text)?.name);
                let t = ty(&p.ty, Site::Top);
                quote!(#t::#variant)
            }
            _ => return None,
        })
    };
    match p.list {
        Some(_) => {
            let items: Option<Vec<_>> = texts.iter().map(|t| value(t)).collect();
            let items = items?;
            Some(quote!(::std::vec![#(#items),*]))
        }
        None => value(texts.first()?),
    }
}

#[cfg(test)]
mod tests {
    use super::doc;

    fn lines(text: &str) -> Vec<String> {
        let tokens = doc(Some(text)).to_string();
        tokens
            .split("# [doc = ")
            .skip(1)
            .map(|attr| {
                let literal = attr.trim().trim_end_matches(']').trim();
                syn::parse_str::<syn::LitStr>(literal)
                    .expect("a doc string literal")
                    .value()
            })
            .collect()
    }

    #[test]
    fn a_wrapped_list_item_stays_one_item() {
        assert_eq!(
            lines("Modes:\n- fast: skips\nthe checks\n12. twelve\nmore\n\nafter"),
            [
                " Modes:",
                " - fast: skips",
                "   the checks",
                " 12. twelve",
                "     more",
                "",
                " after"
            ]
        );
    }

    #[test]
    fn list_items_keep_their_text_column_and_quotes_their_marker() {
        assert_eq!(
            lines(
                "*   wide item\nmore\n\n1.  two\nthree\n\n> quoted\nlazy\n\nafter\n\n- > greater\nnext"
            ),
            [
                " *   wide item",
                "     more",
                "",
                " 1.  two",
                "     three",
                "",
                " > quoted",
                " > lazy",
                "",
                " after",
                "",
                " - \\> greater",
                "   next"
            ]
        );
    }

    #[test]
    fn tabs_become_spaces_and_indentation_never_makes_a_doctest() {
        assert_eq!(lines("a\tb\n        indented"), [" a    b", " indented"]);
    }
}
