//! Parameters: `$ref`s into the top-level `parameters`, `query`, `header`
//! and `path` parameters with their `collectionFormat` as `style` and
//! `explode`, and `formData` as a form body with its `encoding`.

use super::schema::boxed;
use super::{Upgrader, media_types};
use crate::media::is_media;
use crate::pointer::{join, unescape};
use crate::swagger as v2;
use indexmap::IndexMap;
use openapiv3 as v3;
use serde_json::Value;

impl<'a> Upgrader<'a> {
    /// Follows a parameter `$ref` into the top-level `parameters`.
    pub(super) fn resolve_parameter<'p>(
        &mut self,
        p: &'p v2::Parameter,
        pointer: String,
    ) -> (String, &'p v2::Parameter)
    where
        'a: 'p,
    {
        let (target, resolved) = self.resolve_parameter_ref(p, pointer.clone());
        if p.reference.is_some() && std::ptr::eq(resolved, p) {
            self.reporter.warn(
                join(&pointer, "$ref"),
                "dangling parameter `$ref`; the parameter is ignored",
            );
        }
        (target, resolved)
    }

    pub(super) fn resolve_parameter_ref<'p>(
        &self,
        p: &'p v2::Parameter,
        pointer: String,
    ) -> (String, &'p v2::Parameter)
    where
        'a: 'p,
    {
        let Some(reference) = &p.reference else {
            return (pointer, p);
        };
        match reference
            .strip_prefix("#/parameters/")
            .and_then(|name| self.doc.parameters.get_key_value(&unescape(name)))
        {
            Some((name, target)) => (join("#/parameters", name), target),
            None => (pointer, p),
        }
    }

    /// A `query`, `header` or `path` parameter; `at` is where it goes in
    /// the upgraded document.
    pub(super) fn parameter(
        &mut self,
        location: &str,
        name: String,
        p: &v2::Parameter,
        pointer: &str,
        at: String,
    ) -> v3::Parameter {
        let mut required = p.required;
        if location == "path" && !required {
            self.reporter.warn(
                join(pointer, "required"),
                "path parameters must be `required: true`; read as required",
            );
            required = true;
        }
        let schema = self.simple_schema(p, pointer);
        let list = if is_array(&schema) {
            self.list_style(p, location == "query", pointer, &at)
        } else {
            ListStyle::CSV
        };
        let parameter_data = v3::ParameterData {
            name,
            description: p.description.clone(),
            required,
            deprecated: None,
            format: v3::ParameterSchemaOrContent::Schema(schema),
            example: None,
            examples: IndexMap::new(),
            explode: Some(list.explode),
            extensions: IndexMap::new(),
        };
        match location {
            "query" => v3::Parameter::Query {
                parameter_data,
                allow_reserved: false,
                style: list.style,
                allow_empty_value: p.allow_empty_value,
            },
            "header" => v3::Parameter::Header {
                parameter_data,
                style: v3::HeaderStyle::Simple,
            },
            _ => v3::Parameter::Path {
                parameter_data,
                style: v3::PathStyle::Simple,
            },
        }
    }

    /// An array's `collectionFormat` as OpenAPI 3 says it (`repeatable`: the
    /// name can be repeated, as in a query or a form). `tsv` goes to the
    /// extras, under `at`; an unknown format, and `multi` where a name cannot
    /// repeat, are read as csv with a warning.
    pub(super) fn list_style(
        &mut self,
        p: &v2::Parameter,
        repeatable: bool,
        pointer: &str,
        at: &str,
    ) -> ListStyle {
        match p.collection_format.as_deref().unwrap_or("csv") {
            "csv" => ListStyle::CSV,
            "ssv" => ListStyle {
                style: v3::QueryStyle::SpaceDelimited,
                explode: false,
            },
            "pipes" => ListStyle {
                style: v3::QueryStyle::PipeDelimited,
                explode: false,
            },
            "tsv" => {
                self.extras.tab_separated.insert(at.to_string());
                ListStyle::CSV
            }
            "multi" if repeatable => ListStyle {
                style: v3::QueryStyle::Form,
                explode: true,
            },
            other => {
                self.reporter.warn(
                    join(pointer, "collectionFormat"),
                    format!("collectionFormat `{other}` is not usable here; read as csv"),
                );
                ListStyle::CSV
            }
        }
    }

    /// The schema of a non-body parameter.
    pub(super) fn simple_schema(
        &mut self,
        p: &v2::Parameter,
        pointer: &str,
    ) -> v3::ReferenceOr<v3::Schema> {
        if p.simple.type_.is_none() && p.simple.reference.is_none() {
            self.reporter.warn(
                pointer.to_string(),
                "parameter without `type`; read as a string",
            );
            let mut simple = v2::Schema {
                type_: Some(Value::String("string".into())),
                ..Default::default()
            };
            simple.enumeration = p.simple.enumeration.clone();
            return self.schema(&simple, pointer);
        }
        self.schema(&p.simple, pointer)
    }

    /// The `formData` parameters as one form body: multipart when the
    /// document lists it or a part is a file, else urlencoded (other
    /// `consumes` entries, JSON say, cannot carry `formData`). Array fields
    /// say how they are written in the form's `encoding`.
    pub(super) fn form_body(
        &mut self,
        form: &[(String, &v2::Parameter)],
        consumes: &[String],
        at: &str,
    ) -> v3::RequestBody {
        let multipart = form
            .iter()
            .any(|(_, p)| p.simple.type_ == Some(Value::String("file".into())))
            || consumes.iter().any(|c| is_media(c, "multipart/form-data"));
        let media = if multipart {
            "multipart/form-data"
        } else {
            "application/x-www-form-urlencoded"
        };
        let media_pointer = join(&join(&join(at, "requestBody"), "content"), media);
        let mut object = v3::ObjectType::default();
        let mut encoding = IndexMap::new();
        for (p_pointer, p) in form {
            let name = p.name.clone().unwrap_or_default();
            let p_at = join(&join(&join(&media_pointer, "schema"), "properties"), &name);
            self.origins.record(p_at.clone(), p_pointer.clone());
            let mut schema = self.simple_schema(p, p_pointer);
            if let v3::ReferenceOr::Item(s) = &mut schema {
                s.schema_data.description = p.description.clone();
            }
            if is_array(&schema) {
                let list = self.list_style(p, true, p_pointer, &p_at);
                let written = v3::Encoding {
                    style: Some(list.style),
                    explode: list.explode,
                    ..Default::default()
                };
                encoding.insert(name.clone(), written);
            }
            if p.allow_empty_value == Some(true) {
                self.extras.allow_empty.insert(p_at);
            }
            if p.required {
                object.required.push(name.clone());
            }
            object.properties.insert(name, boxed(schema));
        }
        let schema = v3::Schema {
            schema_data: Default::default(),
            schema_kind: v3::SchemaKind::Type(v3::Type::Object(object)),
        };
        let mut content = media_types(&[], media, Some(v3::ReferenceOr::Item(schema)));
        if let Some(form_media) = content.get_mut(media) {
            form_media.encoding = encoding;
        }
        v3::RequestBody {
            content,
            required: form.iter().any(|(_, p)| p.required),
            ..Default::default()
        }
    }
}

/// How an array is written, in OpenAPI 3's words (a query style also serves
/// a form field's `encoding`; headers and paths are always `simple`).
#[derive(Debug, Clone)]
pub(super) struct ListStyle {
    pub(super) style: v3::QueryStyle,
    pub(super) explode: bool,
}

impl ListStyle {
    /// Items joined with commas: Swagger 2.0's default.
    pub(super) const CSV: Self = Self {
        style: v3::QueryStyle::Form,
        explode: false,
    };
}

/// Whether an upgraded parameter schema is an array (its `collectionFormat`
/// matters only then).
fn is_array(schema: &v3::ReferenceOr<v3::Schema>) -> bool {
    matches!(
        schema,
        v3::ReferenceOr::Item(v3::Schema {
            schema_kind: v3::SchemaKind::Type(v3::Type::Array(_)),
            ..
        })
    )
}
