//! The `types` module: one Rust type per definition and per inline schema.
//!
//! A definition may be named `Clone`, `String` or `Result`, and it lives in
//! this module, so everything here is spelled with full paths, derives included.

use super::{Site, doc, ty};
use crate::model::{
    Api, Field, Literal, TaggedVariant, Ty, TypeDef, TypeKind, UnionVariant, Variant,
};
use crate::names::ident;
use proc_macro2::TokenStream;
use quote::{ToTokens, quote};

pub(super) fn emit(api: &Api) -> TokenStream {
    let items = api.types.iter().map(type_def);
    quote! {
        /// The definitions of the document.
        pub mod types {
            #(#items)*
        }
    }
}

fn type_def(def: &TypeDef) -> TokenStream {
    let name = ident(&def.name);
    let doc = doc(def.doc.as_deref());
    match &def.kind {
        TypeKind::Alias(t) => {
            let t = ty(t, Site::Types);
            quote!(#doc pub type #name = #t;)
        }
        TypeKind::Struct(fields) => {
            // With every field optional, `Default` is the empty value; a
            // struct with required fields has no honest default.
            let default = fields
                .iter()
                .all(|f| !f.required)
                .then(|| quote!(::std::default::Default,));
            let defaults = default_fns(&name, fields);
            let read = read_struct(&name, fields);
            let write = write_struct(&name, fields);
            let fields = fields.iter().map(field);
            quote! {
                #doc
                #[derive(::std::fmt::Debug, ::std::clone::Clone, ::std::cmp::PartialEq, #default)]
                pub struct #name {
                    #(#fields)*
                }
                #write
                #read
                #defaults
            }
        }
        TypeKind::Newtype(t) => {
            let t = ty(t, Site::Types);
            quote! {
                #doc
                #[derive(::std::fmt::Debug, ::std::clone::Clone, ::std::cmp::PartialEq, ::serde::Serialize, ::serde::Deserialize)]
                #[serde(transparent)]
                pub struct #name(pub #t);
            }
        }
        TypeKind::Enum(variants) => string_enum(&name, doc, variants),
        TypeKind::Tagged {
            tag,
            variants,
            other,
        } => tagged_enum(&name, doc, tag, variants, other),
        TypeKind::Union { tag, variants } => union_enum(&name, doc, tag.as_deref(), variants),
    }
}

/// `oneOf`/`anyOf`: an enum over the members. A value is written as its
/// member's; it is read as the member its tag names, else as the first
/// member it reads as (serde's `untagged`, with a message naming the type).
fn union_enum(
    name: &proc_macro2::Ident,
    doc: TokenStream,
    tag: Option<&str>,
    variants: &[UnionVariant],
) -> TokenStream {
    let idents: Vec<_> = variants.iter().map(|v| ident(&v.name)).collect();
    let types: Vec<_> = variants.iter().map(|v| ty(&v.ty, Site::Types)).collect();
    let variant_docs = variants.iter().map(|v| {
        let chosen = match (tag, v.wires.as_slice()) {
            (Some(tag), [_, ..]) => {
                let mut values: Vec<String> = v.wires.iter().map(|w| format!("`{w}`")).collect();
                let last = values.pop().unwrap_or_default();
                let values = match values.is_empty() {
                    true => last,
                    false => format!("{} or {last}", values.join(", ")),
                };
                Some(format!("Chosen when `{tag}` is {values}."))
            }
            _ => None,
        };
        match (v.doc.as_deref(), chosen) {
            (Some(d), Some(c)) => super::doc(Some(&format!("{}\n\n{c}", d.trim()))),
            (d, c) => super::doc(d.or(c.as_deref())),
        }
    });
    let doc = with_paragraph(
        doc,
        &match tag {
            Some(tag) => format!(
                "One of several schemas, chosen by the value of `{tag}`; a value whose \
                 `{tag}` names none of them reads as the first variant it fits."
            ),
            None => "One of several schemas: a value reads as the first variant it fits, \
                     in the document's order."
                .to_string(),
        },
    );
    let tagged = variants.iter().any(|v| !v.wires.is_empty());
    let by_tag = tag.filter(|_| tagged).map(|tag| {
        let arms: Vec<_> = variants
            .iter()
            .zip(&idents)
            .zip(&types)
            .filter(|((v, _), _)| !v.wires.is_empty())
            .map(|((v, ident), t)| {
                let wires = &v.wires;
                let read = quote! {
                    return <#t as ::serde::Deserialize>::deserialize(&value)
                        .map(Self::#ident)
                        .map_err(<D::Error as ::serde::de::Error>::custom);
                };
                (quote!(::std::option::Option::Some(#(#wires)|*)), read)
            })
            .collect();
        let found = quote!(value.get(#tag).and_then(::serde_json::Value::as_str));
        match arms.as_slice() {
            // One arm: `if let` (clippy's `single_match`).
            [(pattern, read)] => quote! {
                if let #pattern = #found {
                    #read
                }
            },
            _ => {
                let (patterns, reads): (Vec<_>, Vec<_>) = arms.into_iter().unzip();
                quote! {
                    match #found {
                        #(#patterns => { #reads })*
                        _ => {}
                    }
                }
            }
        }
    });
    let none = format!("the value is none of the variants of `{name}`");
    quote! {
        #doc
        #[derive(::std::fmt::Debug, ::std::clone::Clone, ::std::cmp::PartialEq)]
        #[allow(clippy::large_enum_variant)]
        pub enum #name {
            #(#variant_docs #idents(#types),)*
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                match self {
                    #(Self::#idents(value) => ::serde::Serialize::serialize(value, serializer),)*
                }
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                #by_tag
                #(
                    if let ::std::result::Result::Ok(read) = <#types as ::serde::Deserialize>::deserialize(&value) {
                        return ::std::result::Result::Ok(Self::#idents(read));
                    }
                )*
                ::std::result::Result::Err(<D::Error as ::serde::de::Error>::custom(#none))
            }
        }
    }
}

/// A `discriminator` base: an enum over its subtypes. Each subtype's struct
/// keeps every field, the tag included, so a value reads and writes as the
/// document describes it; reading looks at the tag first.
fn tagged_enum(
    name: &proc_macro2::Ident,
    doc: TokenStream,
    tag: &str,
    variants: &[TaggedVariant],
    other: &str,
) -> TokenStream {
    let idents: Vec<_> = variants.iter().map(|v| ident(&v.name)).collect();
    let wires: Vec<_> = variants.iter().map(|v| v.wire.as_str()).collect();
    let types: Vec<_> = variants.iter().map(|v| ty(&v.ty, Site::Types)).collect();
    let other_ty = ident(other);
    let variant_docs = wires
        .iter()
        .map(|w| super::doc(Some(&format!("`{tag}` is `{w}`."))));
    let doc = with_paragraph(
        doc,
        &format!(
            "One of the definitions that extend it, chosen by the value of `{tag}`; \
             any other value reads as `Other`, with the base's own fields."
        ),
    );
    let other_doc = super::doc(Some(&format!(
        "Any other `{tag}` (the base itself, or a subtype this code does not know)."
    )));
    quote! {
        #doc
        #[derive(::std::fmt::Debug, ::std::clone::Clone, ::std::cmp::PartialEq)]
        #[allow(clippy::large_enum_variant)]
        pub enum #name {
            #(#variant_docs #idents(#types),)*
            #other_doc
            Other(#other_ty),
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                match self {
                    #(Self::#idents(value) => ::serde::Serialize::serialize(value, serializer),)*
                    Self::Other(value) => ::serde::Serialize::serialize(value, serializer),
                }
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                let read = match value.get(#tag).and_then(::serde_json::Value::as_str) {
                    #(::std::option::Option::Some(#wires) => {
                        <#types as ::serde::Deserialize>::deserialize(&value).map(Self::#idents)
                    })*
                    _ => <#other_ty as ::serde::Deserialize>::deserialize(&value).map(Self::Other),
                };
                read.map_err(<D::Error as ::serde::de::Error>::custom)
            }
        }
    }
}

/// A type's doc attributes followed by a paragraph of ours (alone when the
/// document has no description).
fn with_paragraph(doc: TokenStream, paragraph: &str) -> TokenStream {
    let paragraph = super::doc(Some(paragraph));
    if doc.is_empty() {
        paragraph
    } else {
        quote!(#doc #[doc = ""] #paragraph)
    }
}

/// A struct field. Its wire name, where it is not the field's own, and its
/// default are in its doc; the struct's `Serialize` and `Deserialize` impls
/// use them.
fn field(f: &Field) -> TokenStream {
    let name = ident(&f.name);
    let wire = &f.wire;
    let mut notes = Vec::new();
    if f.name.trim_start_matches("r#") != wire {
        notes.push(format!("`{wire}` in JSON."));
    }
    if let Some(value) = &f.default {
        notes.push(format!(
            "When a value without it is read, `{}`.",
            shown(value)
        ));
    }
    let mut doc = f.doc.as_deref().map(str::trim).map(str::to_string);
    for note in notes {
        doc = Some(match doc {
            Some(d) => format!("{d}\n\n{note}"),
            None => note,
        });
    }
    let doc = super::doc(doc.as_deref());
    let t = ty(&f.ty, Site::Types);
    let allow = super::allow_nesting(&f.ty, !f.required);
    let t = if f.required {
        t
    } else {
        quote!(::std::option::Option<#t>)
    };
    quote! {
        #doc
        #allow
        pub #name: #t,
    }
}

/// A struct's `Serialize`: what serde's derive writes (every field by its
/// wire name, an optional one only when it has a value), a line per field
/// through the runtime's `structs.rs`.
fn write_struct(name: &proc_macro2::Ident, fields: &[Field]) -> TokenStream {
    let name_text = name.to_string();
    let required = fields.iter().filter(|f| f.required).count();
    let mut len: Vec<TokenStream> = Vec::new();
    if required > 0 || fields.len() == required {
        len.push(proc_macro2::Literal::usize_unsuffixed(required).into_token_stream());
    }
    for f in fields.iter().filter(|f| !f.required) {
        let field = ident(&f.name);
        len.push(quote!(usize::from(self.#field.is_some())));
    }
    let writes = fields.iter().map(|f| {
        let field = ident(&f.name);
        let wire = &f.wire;
        if f.required {
            quote!(::serde::ser::SerializeStruct::serialize_field(&mut state, #wire, &self.#field)?;)
        } else {
            quote!(super::runtime::write_some(&mut state, #wire, &self.#field)?;)
        }
    });
    let mutable = (!fields.is_empty()).then(|| quote!(mut));
    quote! {
        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                let len = #(#len)+*;
                let #mutable state = serializer.serialize_struct(#name_text, len)?;
                #(#writes)*
                ::serde::ser::SerializeStruct::end(state)
            }
        }
    }
}

/// A struct's `Deserialize`: what serde's derive reads (fields by wire name,
/// unknown ones skipped, required ones missing and fields named twice refused
/// with serde's messages, defaults filled in), as a loop over the map's keys
/// with a line per field, through the runtime's `structs.rs`. Unlike the derive,
/// no field enum with its own visitor per struct, and no reading of a struct
/// written as a JSON array (refused instead).
fn read_struct(name: &proc_macro2::Ident, fields: &[Field]) -> TokenStream {
    let wire_name = format!("struct {name}");
    let name_text = name.to_string();
    let wires: Vec<&str> = fields.iter().map(|f| f.wire.as_str()).collect();
    // Locals named after the fields; `map` and `key` are the loop's own.
    let slots: Vec<proc_macro2::Ident> = fields
        .iter()
        .map(|f| match f.name.as_str() {
            "map" | "key" => quote::format_ident!("{}_", f.name),
            _ => ident(&f.name),
        })
        .collect();
    // Fields named like placeholders make locals clippy's default
    // `disallowed_names` refuses.
    let placeholder = fields
        .iter()
        .any(|f| matches!(f.name.as_str(), "foo" | "baz" | "quux"))
        .then(|| quote!(#[allow(clippy::disallowed_names)]));
    let arms = slots
        .iter()
        .zip(&wires)
        .enumerate()
        .map(|(i, (slot, wire))| {
            let i = proc_macro2::Literal::usize_unsuffixed(i);
            quote!(#i => super::runtime::read_field(&mut map, &mut #slot, #wire)?,)
        });
    let values = fields.iter().zip(&slots).map(|(f, slot)| {
        let field = ident(&f.name);
        let wire = &f.wire;
        if f.required {
            quote!(#field: super::runtime::required(#slot, #wire)?)
        } else if f.default.is_some() {
            let function = default_fn(f);
            quote!(#field: #slot.unwrap_or_else(self::#name::#function))
        } else {
            quote!(#field: #slot.unwrap_or_default())
        }
    });
    let read_keys = if fields.is_empty() {
        quote! {
            while map.next_key_seed(super::runtime::FieldIndex(FIELDS))?.is_some() {
                super::runtime::skip_field(&mut map)?;
            }
        }
    } else {
        quote! {
            #(let mut #slots = ::std::option::Option::None;)*
            while let ::std::option::Option::Some(key) = map.next_key_seed(super::runtime::FieldIndex(FIELDS))? {
                match key {
                    #(#arms)*
                    _ => super::runtime::skip_field(&mut map)?,
                }
            }
        }
    };
    // The struct as `self::`: inside `deserialize<D>` and `visit_map<A>`,
    // a type of the document named `D` or `A` would be the generic
    // parameter. The visitor's name without the suffix names like `Self_`
    // carry (`Self_Visitor` would not be camel case).
    let visitor = quote::format_ident!("{}Visitor", name.to_string().trim_end_matches('_'));
    quote! {
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                struct #visitor;
                impl<'de> ::serde::de::Visitor<'de> for #visitor {
                    type Value = self::#name;
                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str(#wire_name)
                    }
                    #placeholder
                    fn visit_map<A: ::serde::de::MapAccess<'de>>(self, mut map: A) -> ::std::result::Result<Self::Value, A::Error> {
                        #read_keys
                        ::std::result::Result::Ok(self::#name {
                            #(#values,)*
                        })
                    }
                }
                const FIELDS: &[&str] = &[#(#wires),*];
                deserializer.deserialize_struct(#name_text, FIELDS, #visitor)
            }
        }
    }
}

/// The name of the function that gives a field its default.
fn default_fn(f: &Field) -> proc_macro2::Ident {
    quote::format_ident!("default_{}", f.name.trim_start_matches("r#"))
}

/// A default as the field's doc shows it.
fn shown(value: &Literal) -> String {
    match value {
        Literal::Bool(b) => b.to_string(),
        Literal::Int(i) => i.to_string(),
        Literal::Float(f) => format!("{f:?}"),
        Literal::Str(s) => format!("{s:?}"),
        Literal::Variant(ty, variant) => format!("{ty}::{variant}"),
        Literal::Empty => "empty".to_string(),
    }
}

/// The functions serde calls for the defaults of a struct's fields, when a
/// value without them is read: `Some(default)`.
fn default_fns(name: &proc_macro2::Ident, fields: &[Field]) -> TokenStream {
    let fns = fields.iter().filter_map(|f| {
        let value = match f.default.as_ref()? {
            Literal::Bool(b) => quote!(#b),
            Literal::Int(i) => super::int_literal(*i),
            Literal::Float(x) => super::float_literal(*x, f.ty == Ty::F32),
            Literal::Str(s) => quote!(::std::string::String::from(#s)),
            Literal::Variant(ty, variant) => {
                let (ty, variant) = (ident(ty), ident(variant));
                quote!(#ty::#variant)
            }
            Literal::Empty => quote!(::std::default::Default::default()),
        };
        let function = default_fn(f);
        let t = ty(&f.ty, Site::Types);
        Some(quote! {
            fn #function() -> ::std::option::Option<#t> {
                ::std::option::Option::Some(#value)
            }
        })
    });
    let fns: Vec<_> = fns.collect();
    if fns.is_empty() {
        return TokenStream::new();
    }
    // A document's 3.14159 is its own value, not a guess at PI.
    let floats = fields
        .iter()
        .any(|f| matches!(f.default, Some(Literal::Float(_))));
    let allow = floats.then(|| quote!(#[allow(clippy::approx_constant)]));
    quote! {
        #allow
        impl #name {
            #(#fns)*
        }
    }
}

fn string_enum(name: &proc_macro2::Ident, doc: TokenStream, variants: &[Variant]) -> TokenStream {
    let idents: Vec<_> = variants.iter().map(|v| ident(&v.name)).collect();
    let wires: Vec<_> = variants.iter().map(|v| v.wire.as_str()).collect();
    let doc = with_paragraph(
        doc,
        "Values this version of the document does not list are kept in `Unknown`.",
    );
    let variant_docs = wires.iter().map(|w| {
        let text = if w.is_empty() {
            "The empty string.".to_string()
        } else {
            format!("`{w}`")
        };
        super::doc(Some(&text))
    });
    quote! {
        #doc
        #[derive(
            ::std::fmt::Debug,
            ::std::clone::Clone,
            ::std::cmp::PartialEq,
            ::std::cmp::Eq,
            ::std::hash::Hash,
            ::std::cmp::PartialOrd,
            ::std::cmp::Ord,
        )]
        #[allow(clippy::enum_variant_names)]
        pub enum #name {
            #(#variant_docs #idents,)*
            /// A value the document does not list, kept as sent.
            Unknown(::std::string::String),
        }

        impl #name {
            /// The value as written on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(Self::#idents => #wires,)*
                    Self::Unknown(value) => value,
                }
            }
        }

        impl ::std::convert::From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #(#wires => Self::#idents,)*
                    other => Self::Unknown(::std::string::ToString::to_string(other)),
                }
            }
        }

        impl ::std::str::FromStr for #name {
            type Err = ::std::convert::Infallible;

            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                ::std::result::Result::Ok(Self::from(value))
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let value = <::std::string::String as ::serde::Deserialize>::deserialize(deserializer)?;
                ::std::result::Result::Ok(Self::from(value.as_str()))
            }
        }
    }
}
