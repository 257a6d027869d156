//! The runtime: the helpers generated code calls, kept as ordinary Rust.
//!
//! Every file here is real code: formatted and linted with the generator,
//! and unit-tested where it stands (the [`harness`] below compiles each one
//! in the module layout of a generated file). At generation time a file is
//! parsed and its items are embedded into the output, in a private
//! `support` module or beside the document's own types, as [`embed`] says.
//!
//! # Parts
//!
//! An item, field, match arm or statement that only some documents need
//! carries `#[cfg(any(test, runtime = "<part>"))]`. The generator evaluates
//! each `cfg` for the document at hand, with `test` false and `runtime =
//! "<part>"` true for the [`Parts`] the document uses, then drops the
//! attribute: a document without forms carries no form reader, and one
//! without patterns needs no regex-lite. Tests (`#[cfg(test)]`) never reach
//! the output.
//!
//! # Where a new helper goes
//!
//! A helper every generated file of a side needs goes in that side's files
//! (`client/`, `server/`); one both sides need in `text.rs`; a public type
//! beside the document's own types in `shared.rs` (or a file of its own, such
//! as `base64.rs`). A new part is a name in [`PARTS`] (and in the crate's
//! `check-cfg` list in `Cargo.toml`), decided in `emit::parts`.
//!
//! Items in `support` live where no name from the document is in scope, so
//! they use the prelude's names; what they share with the module around
//! them is named through `super::`.

use proc_macro2::TokenStream;
use quote::ToTokens;
use std::collections::BTreeSet;
use syn::punctuated::Punctuated;

/// One runtime file: where it is (for messages) and its text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Source {
    pub(crate) path: &'static str,
    text: &'static str,
}

impl Source {
    /// The file's text.
    #[cfg(test)]
    pub(crate) fn text(&self) -> &'static str {
        self.text
    }
}

macro_rules! source {
    ($path:literal) => {
        Source {
            path: $path,
            text: include_str!($path),
        }
    };
}

/// Public types at the top of the generated file.
pub(crate) const TOP: &[Source] = &[
    source!("shared.rs"),
    source!("base64.rs"),
    source!("xml.rs"),
    source!("stream.rs"),
    source!("structs.rs"),
];
/// The client's public items, in `client`.
pub(crate) const CLIENT: &[Source] = &[source!("client/error.rs"), source!("client/call.rs")];
/// The client's helpers, in `client::support`.
pub(crate) const CLIENT_SUPPORT: &[Source] = &[source!("client/support.rs"), source!("text.rs")];
/// The server's public items, in `server`.
pub(crate) const SERVER: &[Source] = &[source!("server/api.rs")];
/// The server's helpers, in `server::support`.
pub(crate) const SERVER_SUPPORT: &[Source] = &[
    source!("server/input.rs"),
    source!("server/params.rs"),
    source!("server/check.rs"),
    source!("server/respond.rs"),
    source!("server/call.rs"),
    source!("text.rs"),
];

/// Every part a runtime `cfg` may name.
pub(crate) const PARTS: &[&str] = &[
    // Some operation takes a form (`formData`, a form media type).
    "forms",
    "urlencoded",
    "multipart",
    // Some form has a file part (`FilePart`).
    "files",
    // Some response documents headers.
    "response_headers",
    // The document uses these formats.
    "date_time",
    "date",
    "uuid",
    "base64",
    // The server checks some `pattern` (regex-lite).
    "patterns",
    // Some body is XML (the `xml` object's names, attributes and wrappers).
    "xml",
    // A literal path hands the methods it lacks to a templated one.
    "fall_through",
    // Some operation needs credentials; of these kinds.
    "security",
    "bearer",
    "basic",
    // Some parameter or API key is a cookie.
    "cookies",
    // Some query parameter is an object (`deepObject`, exploded `form`).
    "query_objects",
    // Some parameter is JSON text (`content`).
    "json_params",
    // Some response is binary (`ByteStream`), or JSON lines (`JsonStream`,
    // which reads and writes through a `ByteStream`).
    "byte_stream",
    "json_stream",
    // Some client method returns a `Call` (its response is read whole).
    "calls",
    // Some definition is a struct (read and written by `structs.rs`'s helpers).
    "structs",
    // The client sends through `reqwest_middleware::ClientWithMiddleware`
    // (a generation option, not the document).
    "middleware",
];

/// The parts of the runtime a document uses.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Parts(BTreeSet<&'static str>);

impl Parts {
    /// Adds `part` (one of [`PARTS`]) when `used`.
    pub(crate) fn with(mut self, part: &'static str, used: bool) -> Self {
        debug_assert!(PARTS.contains(&part), "unknown runtime part {part}");
        if used {
            self.0.insert(part);
        }
        self
    }

    pub(crate) fn has(&self, part: &str) -> bool {
        self.0.contains(part)
    }

    /// The parts, in alphabetical order.
    pub(crate) fn names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.0.iter().copied()
    }
}

/// The items of `sources` a document with `parts` needs, in order.
pub(crate) fn embed(sources: &[Source], parts: &Parts) -> TokenStream {
    let mut out = TokenStream::new();
    for item in embed_items(sources, parts) {
        item.to_tokens(&mut out);
    }
    out
}

/// The items of `sources` a document with `parts` needs, as syntax.
pub(crate) fn embed_items(sources: &[Source], parts: &Parts) -> Vec<syn::Item> {
    let mut out = Vec::new();
    for source in sources {
        // The sources are the generator's own, parsed by its tests; a file
        // that did not parse could not have been built.
        let mut file = syn::parse_file(source.text)
            .unwrap_or_else(|e| panic!("runtime file {} does not parse: {e}", source.path));
        items(&mut file.items, parts);
        out.extend(file.items);
    }
    out
}

/// The names of the public structs and enums among `items`.
pub(crate) fn public_types(items: &[syn::Item]) -> Vec<syn::Ident> {
    items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Struct(s) if matches!(s.vis, syn::Visibility::Public(_)) => {
                Some(s.ident.clone())
            }
            syn::Item::Enum(e) if matches!(e.vis, syn::Visibility::Public(_)) => {
                Some(e.ident.clone())
            }
            _ => None,
        })
        .collect()
}

/// Whether the `cfg`s among `attrs` hold for `parts`; they are removed.
fn keep(attrs: &mut Vec<syn::Attribute>, parts: &Parts) -> bool {
    let mut keep = true;
    attrs.retain(|attr| {
        if !attr.path().is_ident("cfg") {
            return true;
        }
        keep &= attr
            .parse_args::<syn::Meta>()
            .ok()
            .and_then(|p| holds(&p, parts))
            .unwrap_or(false);
        false
    });
    keep
}

/// A `cfg` predicate: `test` is false, `runtime = "x"` is whether the
/// document uses part `x`, with `any`, `all` and `not`. Anything else is
/// `None` (and dropped with its item); a test keeps the runtime files to
/// this language.
fn holds(predicate: &syn::Meta, parts: &Parts) -> Option<bool> {
    match predicate {
        syn::Meta::Path(path) if path.is_ident("test") => Some(false),
        syn::Meta::NameValue(pair) if pair.path.is_ident("runtime") => match &pair.value {
            syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(part),
                ..
            }) => Some(parts.has(&part.value())),
            _ => None,
        },
        syn::Meta::List(list) => {
            let inner = list
                .parse_args_with(Punctuated::<syn::Meta, syn::Token![,]>::parse_terminated)
                .ok()?;
            let inner: Vec<bool> = inner
                .iter()
                .map(|p| holds(p, parts))
                .collect::<Option<_>>()?;
            if list.path.is_ident("any") {
                Some(inner.contains(&true))
            } else if list.path.is_ident("all") {
                Some(!inner.contains(&false))
            } else if list.path.is_ident("not") && inner.len() == 1 {
                Some(!inner[0])
            } else {
                None
            }
        }
        _ => None,
    }
}

fn items(items: &mut Vec<syn::Item>, parts: &Parts) {
    items.retain_mut(|item| {
        let kept = item_attrs(item).is_none_or(|attrs| keep(attrs, parts));
        if kept {
            self::item(item, parts);
        }
        kept
    });
}

fn item_attrs(item: &mut syn::Item) -> Option<&mut Vec<syn::Attribute>> {
    Some(match item {
        syn::Item::Const(i) => &mut i.attrs,
        syn::Item::Enum(i) => &mut i.attrs,
        syn::Item::Fn(i) => &mut i.attrs,
        syn::Item::Impl(i) => &mut i.attrs,
        syn::Item::Macro(i) => &mut i.attrs,
        syn::Item::Mod(i) => &mut i.attrs,
        syn::Item::Static(i) => &mut i.attrs,
        syn::Item::Struct(i) => &mut i.attrs,
        syn::Item::Trait(i) => &mut i.attrs,
        syn::Item::Type(i) => &mut i.attrs,
        syn::Item::Use(i) => &mut i.attrs,
        _ => return None,
    })
}

fn item(item: &mut syn::Item, parts: &Parts) {
    match item {
        syn::Item::Fn(f) => block(&mut f.block, parts),
        syn::Item::Mod(m) => {
            if let Some((_, content)) = &mut m.content {
                items(content, parts);
            }
        }
        syn::Item::Struct(s) => fields(&mut s.fields, parts),
        syn::Item::Enum(e) => {
            e.variants = std::mem::take(&mut e.variants)
                .into_iter()
                .filter_map(|mut v| {
                    keep(&mut v.attrs, parts).then(|| {
                        fields(&mut v.fields, parts);
                        v
                    })
                })
                .collect();
        }
        syn::Item::Impl(i) => i.items.retain_mut(|member| match member {
            syn::ImplItem::Fn(f) => {
                keep(&mut f.attrs, parts) && {
                    block(&mut f.block, parts);
                    true
                }
            }
            syn::ImplItem::Const(c) => {
                keep(&mut c.attrs, parts) && {
                    expr(&mut c.expr, parts);
                    true
                }
            }
            syn::ImplItem::Type(t) => keep(&mut t.attrs, parts),
            _ => true,
        }),
        syn::Item::Const(c) => expr(&mut c.expr, parts),
        syn::Item::Static(s) => expr(&mut s.expr, parts),
        _ => {}
    }
}

fn fields(fields: &mut syn::Fields, parts: &Parts) {
    let list = match fields {
        syn::Fields::Named(named) => &mut named.named,
        syn::Fields::Unnamed(unnamed) => &mut unnamed.unnamed,
        syn::Fields::Unit => return,
    };
    *list = std::mem::take(list)
        .into_iter()
        .filter_map(|mut f| keep(&mut f.attrs, parts).then_some(f))
        .collect();
}

fn block(block: &mut syn::Block, parts: &Parts) {
    block.stmts.retain_mut(|stmt| match stmt {
        syn::Stmt::Local(local) => {
            keep(&mut local.attrs, parts) && {
                if let Some(init) = &mut local.init {
                    expr(&mut init.expr, parts);
                }
                true
            }
        }
        syn::Stmt::Item(i) => {
            let kept = item_attrs(i).is_none_or(|attrs| keep(attrs, parts));
            if kept {
                item(i, parts);
            }
            kept
        }
        syn::Stmt::Expr(e, _) => {
            expr_attrs(e).is_none_or(|attrs| keep(attrs, parts)) && {
                expr(e, parts);
                true
            }
        }
        syn::Stmt::Macro(m) => keep(&mut m.attrs, parts),
    });
}

fn expr_attrs(e: &mut syn::Expr) -> Option<&mut Vec<syn::Attribute>> {
    Some(match e {
        syn::Expr::If(x) => &mut x.attrs,
        syn::Expr::Match(x) => &mut x.attrs,
        syn::Expr::ForLoop(x) => &mut x.attrs,
        syn::Expr::While(x) => &mut x.attrs,
        syn::Expr::Loop(x) => &mut x.attrs,
        syn::Expr::Block(x) => &mut x.attrs,
        syn::Expr::Call(x) => &mut x.attrs,
        syn::Expr::MethodCall(x) => &mut x.attrs,
        syn::Expr::Macro(x) => &mut x.attrs,
        syn::Expr::Assign(x) => &mut x.attrs,
        syn::Expr::Return(x) => &mut x.attrs,
        _ => return None,
    })
}

/// Walks the places inside an expression where a `cfg` may stand: match
/// arms, struct-literal fields and the statements of nested blocks.
fn expr(e: &mut syn::Expr, parts: &Parts) {
    match e {
        syn::Expr::Match(m) => {
            expr(&mut m.expr, parts);
            m.arms.retain_mut(|arm| {
                keep(&mut arm.attrs, parts) && {
                    expr(&mut arm.body, parts);
                    true
                }
            });
        }
        syn::Expr::Struct(s) => {
            s.fields = std::mem::take(&mut s.fields)
                .into_iter()
                .filter_map(|mut f| {
                    keep(&mut f.attrs, parts).then(|| {
                        expr(&mut f.expr, parts);
                        f
                    })
                })
                .collect();
            // Collecting drops the trailing comma, which `..rest` needs.
            if s.dot2_token.is_some() && !s.fields.empty_or_trailing() {
                s.fields
                    .push_punct(syn::Token![,](proc_macro2::Span::call_site()));
            }
        }
        syn::Expr::Block(b) => block(&mut b.block, parts),
        syn::Expr::Async(b) => block(&mut b.block, parts),
        syn::Expr::Unsafe(b) => block(&mut b.block, parts),
        syn::Expr::Loop(l) => block(&mut l.body, parts),
        syn::Expr::While(w) => block(&mut w.body, parts),
        syn::Expr::ForLoop(f) => block(&mut f.body, parts),
        syn::Expr::If(i) => {
            block(&mut i.then_branch, parts);
            if let Some((_, other)) = &mut i.else_branch {
                expr(other, parts);
            }
        }
        syn::Expr::Closure(c) => expr(&mut c.body, parts),
        syn::Expr::Call(c) => c.args.iter_mut().for_each(|a| expr(a, parts)),
        syn::Expr::MethodCall(c) => {
            expr(&mut c.receiver, parts);
            c.args.iter_mut().for_each(|a| expr(a, parts));
        }
        syn::Expr::Paren(p) => expr(&mut p.expr, parts),
        syn::Expr::Try(t) => expr(&mut t.expr, parts),
        syn::Expr::Await(a) => expr(&mut a.base, parts),
        syn::Expr::Return(r) => {
            if let Some(value) = &mut r.expr {
                expr(value, parts);
            }
        }
        _ => {}
    }
}

/// The runtime files compiled in the layout of a generated file, every part
/// included, so that they are type-checked, linted and unit-tested here.
#[cfg(test)]
#[allow(dead_code, unused_macros)]
mod harness {
    mod runtime {
        include!("shared.rs");
        include!("base64.rs");
        include!("xml.rs");
        include!("stream.rs");
        include!("structs.rs");
    }
    pub use self::runtime::{Base64, BasicAuth, ByteStream, FilePart, JsonStream};

    /// What the runtime needs of a generated `Credentials`.
    #[derive(Debug, Default)]
    pub struct Credentials;

    pub mod client {
        include!("client/error.rs");
        include!("client/call.rs");

        mod support {
            include!("client/support.rs");
            include!("text.rs");
        }
    }

    pub mod server {
        include!("server/api.rs");

        /// What the runtime needs of a generated `Api` trait.
        pub trait Api: Send + Sync + 'static {
            const BODY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

            fn rejected(&self, rejection: Rejection) -> axum::response::Response {
                axum::response::IntoResponse::into_response(rejection)
            }

            fn failed(&self, error: Error) -> axum::response::Response {
                axum::response::IntoResponse::into_response(error)
            }
        }

        mod support {
            include!("server/input.rs");
            include!("server/params.rs");
            include!("server/check.rs");
            include!("server/respond.rs");
            include!("server/call.rs");
            include!("text.rs");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: &[&[Source]] = &[TOP, CLIENT, CLIENT_SUPPORT, SERVER, SERVER_SUPPORT];

    fn every_part() -> Parts {
        PARTS
            .iter()
            .fold(Parts::default(), |p, part| p.with(part, true))
    }

    fn text(sources: &[Source], parts: &Parts) -> String {
        embed(sources, parts).to_string()
    }

    #[test]
    fn every_cfg_is_decided_and_no_test_reaches_the_output() {
        for sources in ALL {
            for parts in [Parts::default(), every_part()] {
                let text = text(sources, &parts);
                assert!(!text.contains("cfg"), "{:?}: {text}", sources[0].path);
                assert!(!text.contains("_tests"), "{:?}", sources[0].path);
                assert!(!text.contains("# [test]"), "{:?}", sources[0].path);
            }
        }
    }

    #[test]
    fn every_part_named_in_a_runtime_file_is_known() {
        for source in ALL.iter().flat_map(|s| s.iter()) {
            for (i, _) in source.text.match_indices("runtime = \"") {
                let rest = &source.text[i + "runtime = \"".len()..];
                let part = &rest[..rest.find('"').unwrap()];
                assert!(
                    PARTS.contains(&part),
                    "{}: unknown part {part}",
                    source.path
                );
            }
        }
    }

    #[test]
    fn a_part_brings_exactly_its_items() {
        let none = text(SERVER_SUPPORT, &Parts::default());
        let forms = text(SERVER_SUPPORT, &Parts::default().with("forms", true));
        let multipart = text(
            SERVER_SUPPORT,
            &Parts::default().with("forms", true).with("multipart", true),
        );
        assert!(!none.contains("FormBody") && !none.contains("Multipart"));
        assert!(forms.contains("FormBody") && forms.contains("fn form_all"));
        assert!(!forms.contains("read_multipart") && !forms.contains("FilePart"));
        assert!(
            multipart.contains("read_multipart")
                && multipart.contains("Some (\"multipart/form-data\")")
        );
        assert!(!none.contains("regex_lite") && !none.contains("pattern :"));
        let patterns = text(SERVER_SUPPORT, &Parts::default().with("patterns", true));
        assert!(patterns.contains("regex_lite") && patterns.contains("pattern : None"));
        let top = text(TOP, &Parts::default().with("basic", true));
        let names = |parts: &Parts| -> Vec<String> {
            public_types(&embed_items(TOP, parts))
                .iter()
                .map(ToString::to_string)
                .collect()
        };
        assert_eq!(names(&Parts::default()), Vec::<String>::new());
        assert_eq!(
            names(&every_part()),
            [
                "FilePart",
                "BasicAuth",
                "Base64",
                "ByteStream",
                "JsonStream"
            ]
        );
        assert!(top.contains("fn base64_decode") && top.contains("struct BasicAuth"));
        assert!(!top.contains("struct Base64") && !top.contains("base64_encode"));
    }

    #[test]
    fn predicates_combine_as_cfg_does() {
        let parts = Parts::default().with("forms", true);
        let holds = |p: &str| holds(&syn::parse_str(p).unwrap(), &parts);
        assert_eq!(holds("runtime = \"forms\""), Some(true));
        assert_eq!(holds("runtime = \"files\""), Some(false));
        assert_eq!(holds("test"), Some(false));
        assert_eq!(holds("any(test, runtime = \"forms\")"), Some(true));
        assert_eq!(
            holds("all(runtime = \"forms\", runtime = \"files\")"),
            Some(false)
        );
        assert_eq!(holds("not(runtime = \"files\")"), Some(true));
        assert_eq!(holds("unknown(runtime = \"forms\")"), None);
        assert_eq!(holds("not(debug_assertions)"), None);
        assert_eq!(holds("feature = \"x\""), None);
    }

    #[test]
    fn every_cfg_in_the_runtime_files_speaks_the_language_embed_decides() {
        for source in ALL.iter().flat_map(|s| s.iter()) {
            for (i, _) in source.text.match_indices("#[cfg(") {
                let rest = &source.text[i + 2..];
                let attr = &rest[..rest.find(")]\n").expect("one cfg per line") + 1];
                let meta: syn::Meta = syn::parse_str(attr).unwrap();
                let syn::Meta::List(list) = meta else {
                    panic!("{attr}")
                };
                let predicate: syn::Meta = list.parse_args().unwrap();
                assert!(
                    holds(&predicate, &Parts::default()).is_some(),
                    "{}: `{attr}` is not decided by the generator",
                    source.path
                );
            }
        }
    }
}
