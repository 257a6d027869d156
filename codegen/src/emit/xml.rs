//! The XML shapes of a document's XML bodies: a static `XmlShape` per type
//! an XML body reaches, and an `XmlProp` per body (its root element), in
//! `runtime::xml_shapes` beside the runtime's XML reader and writer
//! (`runtime/xml.rs`).
//!
//! Names follow the `xml` objects: a property's element is its `xml.name`
//! or its own name; a list's items are named by the items' `xml.name`, the
//! `xml.name` of the definition they refer to, or else the wrapper's name
//! (wrapped) or the property's (unwrapped); a body's root element is its
//! schema's `xml.name`, its definition's `xml.name` or name, or `items` for
//! an inline array. A name that is not an XML name (`$special[x]`) has its
//! other characters written as `_`.

use crate::model::{Api, Case, Field, Media, Operation, Ty, TypeDef, TypeKind, Xml, XmlBody};
use crate::names::ident;
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};
use std::collections::{BTreeSet, HashMap};

/// Aliases followed before giving up (they cannot loop: a self-referring
/// alias is a newtype; this bounds a model bug, not a document).
const MAX_ALIAS_DEPTH: usize = 32;

/// Whether some body of the document is XML.
pub(super) fn used(api: &Api) -> bool {
    api.operations.iter().any(|op| {
        op.body
            .as_ref()
            .is_some_and(|b| matches!(b.media, Media::Xml(_)))
            || op.responses.iter().any(|c| xml_case(c).is_some())
    })
}

fn xml_case(case: &Case) -> Option<(&Ty, &XmlBody)> {
    match &case.body {
        Some((ty, Media::Xml(xml))) => Some((ty, xml)),
        _ => None,
    }
}

/// The static for an operation's XML request body.
pub(super) fn request_root(op: &Operation) -> Ident {
    format_ident!("{}_request", op.fn_name.trim_start_matches("r#"))
}

/// The static for the XML body of an operation's `index`th response.
pub(super) fn response_root(op: &Operation, index: usize) -> Ident {
    format_ident!("{}_response_{index}", op.fn_name.trim_start_matches("r#"))
}

/// `runtime::xml_shapes`, or nothing for a document without XML bodies.
pub(super) fn shapes(api: &Api) -> TokenStream {
    if !used(api) {
        return TokenStream::new();
    }
    let mut shapes = Shapes {
        types: api.types.iter().map(|t| (t.name.as_str(), t)).collect(),
        wanted: Vec::new(),
        seen: BTreeSet::new(),
    };
    let mut roots = Vec::new();
    for op in &api.operations {
        if let Some(body) = &op.body
            && let Media::Xml(xml) = &body.media
        {
            roots.push(shapes.root(request_root(op), &body.ty, xml));
        }
        for (i, case) in op.responses.iter().enumerate() {
            if let Some((ty, xml)) = xml_case(case) {
                roots.push(shapes.root(response_root(op, i), ty, xml));
            }
        }
    }
    let mut statics = Vec::new();
    while let Some(name) = shapes.wanted.pop() {
        let def = shapes.types[name.as_str()];
        let shape = shapes.type_shape(def);
        let ident = ident(&name);
        statics.push(quote!(pub(crate) static #ident: super::XmlShape = #shape;));
    }
    quote! {
        /// The XML shapes of this document's XML bodies: one per type they
        /// reach, and one per body.
        #[allow(non_upper_case_globals)]
        pub(crate) mod xml_shapes {
            #(#roots)*
            #(#statics)*
        }
    }
}

struct Shapes<'a> {
    types: HashMap<&'a str, &'a TypeDef>,
    /// Types whose static is still to be written.
    wanted: Vec<String>,
    seen: BTreeSet<String>,
}

impl<'a> Shapes<'a> {
    /// A body's `XmlProp`.
    fn root(&mut self, ident: Ident, ty: &'a Ty, body: &XmlBody) -> TokenStream {
        let def = self.definition(ty);
        let own = body.xml.as_ref().or(def.and_then(|d| d.xml.as_ref()));
        let fallback = match def {
            Some(d) => definition_key(d),
            None => "items".to_string(),
        };
        let name = name(own, &fallback);
        let items = self.list_item(ty, 0).is_some().then(|| {
            let item = self.item_name(ty, body.items.as_ref(), "item");
            quote!(.items(#item))
        });
        let shape = self.shape(ty, 0);
        quote! {
            pub(crate) static #ident: super::XmlProp = super::XmlProp::new("", #name, #shape) #items;
        }
    }

    /// The definition a type names, through `Box`.
    fn definition(&self, ty: &Ty) -> Option<&'a TypeDef> {
        match ty {
            Ty::Named(n) => self.types.get(n.as_str()).copied(),
            Ty::Boxed(inner) => self.definition(inner),
            _ => None,
        }
    }

    /// The item type of a list, through aliases.
    fn list_item(&self, ty: &'a Ty, depth: usize) -> Option<&'a Ty> {
        match ty {
            Ty::Vec(item) => Some(item),
            Ty::Boxed(inner) => self.list_item(inner, depth),
            Ty::Named(_) if depth < MAX_ALIAS_DEPTH => match &self.definition(ty)?.kind {
                TypeKind::Alias(inner) | TypeKind::Newtype(inner) => {
                    self.list_item(inner, depth + 1)
                }
                _ => None,
            },
            _ => None,
        }
    }

    /// The element name of a list's items: their own `xml`, the `xml.name`
    /// of the definition they name, or `fallback`.
    fn item_name(&self, list: &'a Ty, items: Option<&Xml>, fallback: &str) -> TokenStream {
        let target = self
            .list_item(list, 0)
            .and_then(|item| self.definition(item))
            .and_then(|d| d.xml.as_ref());
        let named = items
            .filter(|x| x.name.is_some())
            .or(target.filter(|x| x.name.is_some()));
        let local = named.and_then(|x| x.name.clone());
        let space = items.or(target);
        let xml = Xml {
            name: local,
            namespace: space.and_then(|x| x.namespace.clone()),
            prefix: space.and_then(|x| x.prefix.clone()),
            ..Xml::default()
        };
        name(Some(&xml), fallback)
    }

    /// A shape expression (`&XmlShape`) for a type.
    fn shape(&mut self, ty: &'a Ty, depth: usize) -> TokenStream {
        match ty {
            Ty::String
            | Ty::DateTime
            | Ty::Date
            | Ty::Uuid
            | Ty::Base64
            | Ty::Bytes
            | Ty::File
            | Ty::Stream
            | Ty::JsonStream(_) => {
                quote!(&super::XmlShape::Text)
            }
            Ty::I32 | Ty::I64 => quote!(&super::XmlShape::Integer),
            Ty::F32 | Ty::F64 => quote!(&super::XmlShape::Number),
            Ty::Bool => quote!(&super::XmlShape::Boolean),
            Ty::Json => quote!(&super::XmlShape::Any),
            Ty::Vec(item) => {
                let item = self.shape(item, depth);
                quote!(&super::XmlShape::List(#item))
            }
            Ty::Map(value) => {
                let value = self.shape(value, depth);
                quote!(&super::XmlShape::Map(#value))
            }
            Ty::Boxed(inner) => self.shape(inner, depth),
            Ty::Named(name) => match self.types.get(name.as_str()).map(|d| &d.kind) {
                Some(TypeKind::Alias(inner)) if depth < MAX_ALIAS_DEPTH => {
                    self.shape(inner, depth + 1)
                }
                Some(TypeKind::Enum(_)) => quote!(&super::XmlShape::Text),
                Some(TypeKind::Struct(_) | TypeKind::Newtype(_) | TypeKind::Tagged { .. }) => {
                    if self.seen.insert(name.clone()) {
                        self.wanted.push(name.clone());
                    }
                    let ident = ident(name);
                    quote!(&#ident)
                }
                _ => quote!(&super::XmlShape::Any),
            },
        }
    }

    /// The value of a type's static.
    fn type_shape(&mut self, def: &'a TypeDef) -> TokenStream {
        match &def.kind {
            TypeKind::Struct(fields) => {
                let props: Vec<TokenStream> = fields.iter().map(|f| self.prop(f)).collect();
                quote!(super::XmlShape::Object(&[#(#props),*]))
            }
            TypeKind::Newtype(inner) => match inner {
                Ty::Vec(item) => {
                    let item = self.shape(item, 0);
                    quote!(super::XmlShape::List(#item))
                }
                Ty::Map(value) => {
                    let value = self.shape(value, 0);
                    quote!(super::XmlShape::Map(#value))
                }
                _ => quote!(super::XmlShape::Any),
            },
            // A tagged union is read and written as free-form XML: its
            // variants' fields are not told apart by element names.
            _ => quote!(super::XmlShape::Any),
        }
    }

    fn prop(&mut self, field: &'a Field) -> TokenStream {
        let key = &field.wire;
        let own = field.xml.as_ref();
        let name = name(own, &field.wire);
        let list = self.list_item(&field.ty, 0).is_some();
        let wrapped = list && own.is_some_and(|x| x.wrapped);
        let attribute = !list && own.is_some_and(|x| x.attribute);
        let items = list.then(|| {
            let wrapper = own.and_then(|x| x.name.as_deref()).unwrap_or(&field.wire);
            let fallback = if wrapped { wrapper } else { &field.wire };
            let item = self.item_name(&field.ty, field.item_xml.as_ref(), fallback);
            quote!(.items(#item))
        });
        let wrapped = wrapped.then(|| quote!(.wrapped()));
        let attribute = attribute.then(|| quote!(.attribute()));
        let shape = self.shape(&field.ty, 0);
        quote!(super::XmlProp::new(#key, #name, #shape) #items #wrapped #attribute)
    }
}

/// An `XmlName` from an `xml` object, or `fallback` for its local name.
fn name(xml: Option<&Xml>, fallback: &str) -> TokenStream {
    let local = xml_name(xml.and_then(|x| x.name.as_deref()).unwrap_or(fallback));
    // A prefix that is not a name (`a:b`) is left out.
    let prefix = xml
        .and_then(|x| x.prefix.as_ref())
        .filter(|p| xml_name(p) == **p)
        .map(|p| quote!(.prefix(#p)));
    let namespace = xml
        .and_then(|x| x.namespace.as_ref())
        .map(|n| quote!(.namespace(#n)));
    quote!(super::XmlName::new(#local) #prefix #namespace)
}

/// A definition's name as the document writes it (the last segment of its
/// pointer).
fn definition_key(def: &TypeDef) -> String {
    let last = def.pointer.rsplit('/').next().unwrap_or(&def.name);
    last.replace("~1", "/").replace("~0", "~")
}

/// `text` as an XML name: characters a name cannot hold become `_`, and a
/// name that cannot start so gets a leading `_`.
fn xml_name(text: &str) -> String {
    let mut out: String = text
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '_' | '-' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect();
    if !out
        .chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_')
    {
        out.insert(0, '_');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_xml_cannot_hold_are_made_into_names() {
        assert_eq!(xml_name("Pet"), "Pet");
        assert_eq!(xml_name("$special[model.name]"), "_special_model.name_");
        assert_eq!(xml_name("123Number"), "_123Number");
        assert_eq!(xml_name("a:b c"), "a_b_c");
        assert_eq!(xml_name(""), "_");
    }
}
