//! Parameters: one request field (path, query, header or form part) or
//! response header, with its type, list format, rules and default.

use super::formats::{is_base64, is_date, is_date_time, is_uuid};
use super::{FormKind, ListFormat, Location, Lowering, Param, ParamShape, Ty, TypeDef, TypeKind};
use crate::names::{self, Scope};
use crate::pointer::join;
use openapiv3 as v3;

/// A parameter as the model reads it, from an OpenAPI 3 parameter or from a
/// property of a form body.
pub(super) struct ParamSource<'s> {
    pub(super) wire: &'s str,
    pub(super) location: Location,
    pub(super) required: bool,
    pub(super) schema: &'s v3::ReferenceOr<v3::Schema>,
    /// How the value is written when it is an array, as its `style` and
    /// `explode` say (or the name of a style not supported).
    pub(super) list: Result<ListFormat, &'static str>,
    /// How a value that is not text is written, where the style allows
    /// one: an object in the query, or JSON (`content`).
    pub(super) shape: ParamShape,
    pub(super) doc: Option<&'s str>,
    pub(super) pointer: &'s str,
}

impl Lowering<'_> {
    /// One parameter: its Rust name, type, list format, rules and default.
    pub(super) fn param(
        &mut self,
        field_scope: &mut Scope,
        base: &str,
        p: ParamSource<'_>,
    ) -> Param {
        let (name, _) = field_scope.claim(&names::snake(p.wire, "param"));
        let hint = format!(
            "{base}{}",
            names::pascal(p.wire, "Param")
                .trim_start_matches("r#")
                .trim_end_matches('_')
        );
        let mut ty = self.ty(p.schema, &hint, p.pointer);
        let rules = self.rules(p.schema);
        self.warn_patterns(p.schema, p.pointer);
        let mut default = match p.schema {
            v3::ReferenceOr::Item(s) if !p.required => {
                s.schema_data.default.as_ref().and_then(default_texts)
            }
            _ => None,
        };
        let mut shape = ParamShape::Text;
        let mut list = None;
        match p.shape {
            // Any value travels as JSON text.
            ParamShape::Json => {
                return Param {
                    name,
                    wire: p.wire.to_string(),
                    location: p.location,
                    shape: ParamShape::Json,
                    required: p.required,
                    ty,
                    list: None,
                    rules,
                    default: None,
                    allow_empty: false,
                    doc: p.doc.map(str::to_string),
                };
            }
            ParamShape::Object { .. } if is_flat_object(&ty, &self.types) => shape = p.shape,
            _ => {}
        }
        if shape != ParamShape::Text {
            // Its members are checked as a body's are.
            default = None;
        } else if let Ty::Vec(item) = ty {
            list = Some(self.list_format(&p));
            ty = *item;
        }
        if p.location == Location::Form(FormKind::Multipart) && is_binary(p.schema) {
            ty = Ty::File;
        } else if p.location == Location::Form(FormKind::Multipart)
            && let v3::ReferenceOr::Item(v3::Schema {
                schema_kind: v3::SchemaKind::Type(v3::Type::Array(array)),
                ..
            }) = p.schema
            && array
                .items
                .as_ref()
                .is_some_and(|i| is_binary(&i.clone().unbox()))
        {
            // Several files under one name: one part each.
            ty = Ty::File;
            list = Some(ListFormat::Multi);
        }
        if shape == ParamShape::Text && ty != Ty::File && !is_scalar(&ty, &self.types) {
            let why = match (p.location, p.shape) {
                (Location::Query, ParamShape::Object { .. }) => {
                    "an object parameter whose properties are not all scalars"
                }
                (Location::Query, _) => {
                    "an object parameter of a style other than `form` (exploded) or `deepObject`"
                }
                _ => "a parameter that is not a scalar or an array of scalars",
            };
            self.warn(p.pointer, format!("{why}; read as a string"));
            ty = Ty::String;
        }
        // A default the server could not parse would refuse every request
        // that leaves the parameter out.
        if let Some(texts) = &default
            && !(ty != Ty::File && default_fits(texts, &ty) && (list.is_some() || texts.len() == 1))
        {
            self.warn(
                &join(p.pointer, "default"),
                format!(
                    "the default `{}` is not a value of this parameter's type; not applied",
                    texts.join(",")
                ),
            );
            default = None;
        }
        // Nor is a default the parameter's own enum refuses.
        if let (Some(texts), Ty::Named(name)) = (&default, &ty)
            && let Some(TypeKind::Enum(variants)) =
                self.types.iter().find(|t| &t.name == name).map(|t| &t.kind)
            && !texts.iter().all(|t| variants.iter().any(|v| &v.wire == t))
        {
            self.warn(
                &join(p.pointer, "default"),
                format!(
                    "the default `{}` is not a value the parameter's enum lists; not applied",
                    texts.join(",")
                ),
            );
            default = None;
        }
        Param {
            name,
            wire: p.wire.to_string(),
            location: p.location,
            shape,
            required: p.required,
            ty,
            list,
            rules,
            default,
            allow_empty: false,
            doc: p.doc.map(str::to_string),
        }
    }

    /// How an array parameter is written; a style not supported is read as
    /// csv, with a warning.
    fn list_format(&mut self, p: &ParamSource<'_>) -> ListFormat {
        p.list.unwrap_or_else(|style| {
            self.warn(
                &join(p.pointer, "style"),
                format!("style `{style}` is not supported for arrays; read as comma-separated"),
            );
            ListFormat::Csv
        })
    }
}

/// A parameter's `default` as the text it would arrive as: a scalar is one
/// text, an array one per item; anything else is not a usable default.
fn default_texts(value: &serde_json::Value) -> Option<Vec<String>> {
    fn text(value: &serde_json::Value) -> Option<String> {
        match value {
            serde_json::Value::String(s) => Some(s.clone()),
            serde_json::Value::Number(n) => Some(n.to_string()),
            serde_json::Value::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }
    match value {
        serde_json::Value::Array(items) => items.iter().map(text).collect(),
        scalar => text(scalar).map(|t| vec![t]),
    }
}

/// Whether every text of a default parses as the (item) type.
fn default_fits(texts: &[String], ty: &Ty) -> bool {
    texts.iter().all(|t| match ty {
        Ty::I32 => t.parse::<i32>().is_ok(),
        Ty::I64 => t.parse::<i64>().is_ok(),
        Ty::F32 | Ty::F64 => t.parse::<f64>().is_ok(),
        Ty::Bool => t == "true" || t == "false",
        Ty::DateTime => is_date_time(t),
        Ty::Date => is_date(t),
        Ty::Uuid => is_uuid(t),
        Ty::Base64 => is_base64(t),
        _ => true,
    })
}

/// Whether a schema is an inline `string` of format `binary` (Swagger's
/// `type: file`).
pub(super) fn is_binary(schema: &v3::ReferenceOr<v3::Schema>) -> bool {
    matches!(
        schema,
        v3::ReferenceOr::Item(v3::Schema {
            schema_kind: v3::SchemaKind::Type(v3::Type::String(v3::StringType {
                format: v3::VariantOrUnknownOrEmpty::Item(v3::StringFormat::Binary),
                ..
            })),
            ..
        })
    )
}

/// Whether a type is an object of scalar members: a struct of scalar
/// fields, or a map of scalars (free-form values are read as text).
fn is_flat_object(ty: &Ty, types: &[TypeDef]) -> bool {
    match ty {
        Ty::Map(value) => **value == Ty::Json || is_scalar(value, types),
        Ty::Named(name) => types.iter().any(|t| {
            t.name == *name
                && matches!(&t.kind, TypeKind::Struct(fields)
                    if !fields.is_empty() && fields.iter().all(|f| is_scalar(&f.ty, types)))
        }),
        _ => false,
    }
}

pub(super) fn is_scalar(ty: &Ty, types: &[TypeDef]) -> bool {
    match ty {
        Ty::String
        | Ty::I32
        | Ty::I64
        | Ty::F32
        | Ty::F64
        | Ty::Bool
        | Ty::DateTime
        | Ty::Date
        | Ty::Uuid
        | Ty::Base64 => true,
        Ty::Named(name) => types
            .iter()
            .any(|t| t.name == *name && matches!(t.kind, TypeKind::Enum(_))),
        _ => false,
    }
}

/// How an array in the query (or a form field, by its `encoding`) is
/// written, by OpenAPI 3's `style` and `explode` (which defaults to `true`
/// for the form style only).
pub(super) fn query_list(
    style: &v3::QueryStyle,
    explode: Option<bool>,
) -> Result<ListFormat, &'static str> {
    match style {
        v3::QueryStyle::Form if explode.unwrap_or(true) => Ok(ListFormat::Multi),
        v3::QueryStyle::Form => Ok(ListFormat::Csv),
        v3::QueryStyle::SpaceDelimited => Ok(ListFormat::Ssv),
        v3::QueryStyle::PipeDelimited => Ok(ListFormat::Pipes),
        v3::QueryStyle::DeepObject => Err("deepObject"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_must_be_values_of_their_format() {
        let fits = |t: &str, ty: Ty| default_fits(&[t.to_string()], &ty);
        assert!(fits("2024-02-29T12:00:00Z", Ty::DateTime));
        assert!(fits("2024-02-29T12:00:00.123+02:00", Ty::DateTime));
        assert!(!fits("2024-02-29 12:00:00", Ty::DateTime));
        assert!(!fits("2024-02-29T12:00Z", Ty::DateTime));
        assert!(!fits("2024-02-29T12:00:00+0200", Ty::DateTime));
        assert!(fits("2024-02-29", Ty::Date));
        assert!(!fits("29.02.2024", Ty::Date));
        assert!(fits("123e4567-e89b-12d3-a456-426614174000", Ty::Uuid));
        assert!(!fits("123e4567e89b12d3a456426614174000", Ty::Uuid));
        assert!(fits("TWFu", Ty::Base64));
        assert!(fits("TWE", Ty::Base64));
        assert!(!fits("T", Ty::Base64));
        assert!(!fits("TW===", Ty::Base64));
    }

    #[test]
    fn query_styles_are_list_formats() {
        use v3::QueryStyle::*;
        assert_eq!(query_list(&Form, None), Ok(ListFormat::Multi));
        assert_eq!(query_list(&Form, Some(true)), Ok(ListFormat::Multi));
        assert_eq!(query_list(&Form, Some(false)), Ok(ListFormat::Csv));
        assert_eq!(
            query_list(&SpaceDelimited, Some(false)),
            Ok(ListFormat::Ssv)
        );
        assert_eq!(query_list(&PipeDelimited, None), Ok(ListFormat::Pipes));
        assert_eq!(query_list(&DeepObject, None), Err("deepObject"));
    }
}
