//! The `xml` objects of schemas, which the front stages keep under
//! [`XML_KEY`](crate::media::XML_KEY) (openapiv3 keeps no `xml`).

use super::Xml;
use crate::media::XML_KEY;
use openapiv3 as v3;
use serde_json::Value;

/// A schema's own `xml` object; `None` when it has none. Keys of the wrong
/// type are ignored, as the rest of an `xml` object still says something.
pub(super) fn xml_of(schema: &v3::Schema) -> Option<Xml> {
    let object = schema.schema_data.extensions.get(XML_KEY)?.as_object()?;
    let text = |key: &str| object.get(key).and_then(Value::as_str).map(str::to_string);
    let flag = |key: &str| object.get(key).and_then(Value::as_bool).unwrap_or(false);
    Some(Xml {
        name: text("name").filter(|n| !n.is_empty()),
        namespace: text("namespace").filter(|n| !n.is_empty()),
        prefix: text("prefix").filter(|p| !p.is_empty()),
        attribute: flag("attribute"),
        wrapped: flag("wrapped"),
    })
}

/// The `xml` object of an inline array schema's inline items.
pub(super) fn items_xml(schema: &v3::ReferenceOr<v3::Schema>) -> Option<Xml> {
    match &schema.as_item()?.schema_kind {
        v3::SchemaKind::Type(v3::Type::Array(array)) => xml_of(array.items.as_ref()?.as_item()?),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_xml_object_is_read_from_where_the_front_stages_keep_it() {
        let schema: v3::Schema = serde_json::from_value(serde_json::json!({
            "type": "array",
            "x-stubgen-xml": {"name": "tags", "wrapped": true, "prefix": "", "attribute": "yes"},
            "items": {"type": "string", "x-stubgen-xml": {"name": "tag", "namespace": "urn:t"}},
        }))
        .unwrap();
        let own = xml_of(&schema).unwrap();
        assert_eq!(own.name.as_deref(), Some("tags"));
        assert!(own.wrapped && !own.attribute && own.prefix.is_none());
        let items = items_xml(&v3::ReferenceOr::Item(schema)).unwrap();
        assert_eq!(
            (items.name.as_deref(), items.namespace.as_deref()),
            (Some("tag"), Some("urn:t"))
        );
        let plain: v3::Schema =
            serde_json::from_value(serde_json::json!({"type": "string"})).unwrap();
        assert_eq!(xml_of(&plain), None);
    }
}
