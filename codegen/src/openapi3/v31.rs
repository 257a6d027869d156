//! OpenAPI 3.1 in 3.0's terms, rewritten in the tree before it is read:
//!
//! - `type: [T, "null"]` is `type: T` with `nullable: true`; several types
//!   besides `null` are free-form (with a warning);
//! - `const: v` is `enum: [v]`;
//! - a numeric `exclusiveMinimum`/`exclusiveMaximum` is the bound with the
//!   3.0 flag;
//! - a schema `$ref` with sibling keywords is `allOf: [{$ref}]` with them
//!   (a reference's `description` or `summary` alone is just dropped);
//! - a document without `paths` (webhooks only) gets an empty one;
//! - a schema without `type` whose `properties` or `additionalProperties`
//!   describe an object is `type: object`, and one whose `items` describe
//!   an array is `type: array` (in 3.0 documents too; a `type` list the
//!   rewrite removed stays free-form).
//!
//! A 3.0 document gets the same rewrites but the `$ref` one (3.0 ignores a
//! `$ref`'s siblings): its own keywords cannot mean anything else.
//!
//! Schemas are found where the specification puts them (components,
//! parameters, headers, media types, and the subschemas of each), so that
//! a property named `const` or `type` is never mistaken for a keyword.

use crate::diagnostic::Reporter;
use crate::pointer::join;
use serde_json::{Map, Value};

/// `v31`: whether the document says it is 3.1.
pub(super) fn downgrade(tree: &mut Value, reporter: &mut Reporter, v31: bool) {
    let Some(root) = tree.as_object_mut() else {
        return;
    };
    root.entry("paths")
        .or_insert_with(|| Value::Object(Map::new()));
    let mut walk = Walk { reporter, v31 };
    if let Some(components) = root.get_mut("components").and_then(Value::as_object_mut) {
        let at = "#/components";
        walk.each(components, at, "schemas", Walk::schema);
        walk.each(components, at, "parameters", Walk::parameter);
        walk.each(components, at, "headers", Walk::parameter);
        walk.each(components, at, "requestBodies", Walk::content_holder);
        walk.each(components, at, "responses", Walk::response);
    }
    let Some(paths) = root.get_mut("paths").and_then(Value::as_object_mut) else {
        return;
    };
    for (path, item) in paths.iter_mut() {
        let at = join("#/paths", path);
        let Some(item) = item.as_object_mut() else {
            continue;
        };
        walk.list(item, &at, "parameters", Walk::parameter);
        for (method, operation) in item.iter_mut() {
            let Some(operation) = operation.as_object_mut() else {
                continue;
            };
            let at = join(&at, method);
            walk.list(operation, &at, "parameters", Walk::parameter);
            if let Some(body) = operation.get_mut("requestBody") {
                walk.content_holder(body, &join(&at, "requestBody"));
            }
            walk.each(operation, &at, "responses", Walk::response);
        }
    }
}

struct Walk<'r> {
    reporter: &'r mut Reporter,
    /// 3.1: a `$ref`'s siblings apply (in 3.0 they are ignored).
    v31: bool,
}

type Visit<'r> = fn(&mut Walk<'r>, &mut Value, &str);

impl<'r> Walk<'r> {
    /// Visits every value of the map `object[key]`.
    fn each(&mut self, object: &mut Map<String, Value>, at: &str, key: &str, visit: Visit<'r>) {
        let at = join(at, key);
        if let Some(map) = object.get_mut(key).and_then(Value::as_object_mut) {
            for (name, value) in map.iter_mut() {
                visit(self, value, &join(&at, name));
            }
        }
    }

    /// Visits every item of the list `object[key]`.
    fn list(&mut self, object: &mut Map<String, Value>, at: &str, key: &str, visit: Visit<'r>) {
        let at = join(at, key);
        if let Some(list) = object.get_mut(key).and_then(Value::as_array_mut) {
            for (i, value) in list.iter_mut().enumerate() {
                visit(self, value, &join(&at, i));
            }
        }
    }

    /// A parameter or header: its `schema`, or its `content`.
    fn parameter(&mut self, value: &mut Value, at: &str) {
        if let Some(schema) = value.get_mut("schema") {
            self.schema(schema, &join(at, "schema"));
        }
        self.content_holder(value, at);
    }

    /// A request body (or anything with `content`): each media type's schema.
    fn content_holder(&mut self, value: &mut Value, at: &str) {
        let Some(object) = value.as_object_mut() else {
            return;
        };
        let at = join(at, "content");
        let Some(content) = object.get_mut("content").and_then(Value::as_object_mut) else {
            return;
        };
        for (media_type, media) in content.iter_mut() {
            if let Some(schema) = media.get_mut("schema") {
                self.schema(schema, &join(&join(&at, media_type), "schema"));
            }
        }
    }

    fn response(&mut self, value: &mut Value, at: &str) {
        self.content_holder(value, at);
        if let Some(response) = value.as_object_mut() {
            self.each(response, at, "headers", Walk::parameter);
        }
    }

    /// One schema, then its subschemas.
    fn schema(&mut self, value: &mut Value, at: &str) {
        let Some(object) = value.as_object_mut() else {
            return;
        };
        self.keywords(object, at);
        for key in ["properties", "patternProperties", "dependentSchemas"] {
            self.each(object, at, key, Walk::schema);
        }
        for key in ["allOf", "oneOf", "anyOf", "prefixItems"] {
            self.list(object, at, key, Walk::schema);
        }
        for key in [
            "not",
            "additionalProperties",
            "contains",
            "if",
            "then",
            "else",
        ] {
            if let Some(sub) = object.get_mut(key) {
                self.schema(sub, &join(at, key));
            }
        }
        match object.get_mut("items") {
            Some(Value::Array(items)) => {
                for (i, item) in items.iter_mut().enumerate() {
                    self.schema(item, &join(&join(at, "items"), i));
                }
            }
            Some(items) => self.schema(items, &join(at, "items")),
            None => {}
        }
    }

    /// The 3.1 keywords of one schema object, in 3.0's terms.
    fn keywords(&mut self, object: &mut Map<String, Value>, at: &str) {
        let typed = object.contains_key("type");
        if let Some(xml) = object.remove("xml") {
            object.insert(crate::media::XML_KEY.into(), xml);
        }
        if let Some(Value::Array(types)) = object.get("type") {
            let null = types.iter().any(|t| t.as_str() == Some("null"));
            let others: Vec<Value> = types
                .iter()
                .filter(|t| t.as_str() != Some("null"))
                .cloned()
                .collect();
            match others.as_slice() {
                [one] => {
                    object.insert("type".into(), one.clone());
                }
                [] => {
                    object.remove("type");
                }
                _ => {
                    self.reporter.warn(
                        join(at, "type"),
                        "a schema of several types; read as free-form JSON",
                    );
                    object.remove("type");
                }
            }
            if null {
                object.insert("nullable".into(), Value::Bool(true));
            }
        }
        if let Some(Value::String(t)) = object.get("type")
            && t == "null"
        {
            object.remove("type");
            object.insert("nullable".into(), Value::Bool(true));
        }
        // `properties` or `additionalProperties` without a `type` describe
        // an object (JSON Schema would take any other value too; nothing
        // generated can hold both), `items` an array.
        if !typed
            && !["$ref", "allOf", "oneOf", "anyOf", "not", "enum"]
                .iter()
                .any(|k| object.contains_key(*k))
        {
            if object.contains_key("properties") || object.contains_key("additionalProperties") {
                object.insert("type".into(), Value::String("object".into()));
            } else if object.contains_key("items") {
                object.insert("type".into(), Value::String("array".into()));
            }
        }
        if let Some(value) = object.remove("const") {
            object.insert("enum".into(), Value::Array(vec![value]));
        }
        for (exclusive, bound) in [
            ("exclusiveMinimum", "minimum"),
            ("exclusiveMaximum", "maximum"),
        ] {
            if let Some(n) = object.get(exclusive).filter(|v| v.is_number()).cloned() {
                object.insert(bound.into(), n);
                object.insert(exclusive.into(), Value::Bool(true));
            }
        }
        if let Some(reference) = object.get("$ref").cloned().filter(|_| self.v31) {
            let siblings: Vec<String> = object
                .keys()
                .filter(|k| !matches!(k.as_str(), "$ref" | "description" | "summary" | "title"))
                .filter(|k| !k.starts_with("x-"))
                .cloned()
                .collect();
            if !siblings.is_empty() {
                object.remove("$ref");
                let mut reference_only = Map::new();
                reference_only.insert("$ref".into(), reference);
                let mut all_of = vec![Value::Object(reference_only)];
                if let Some(Value::Array(more)) = object.remove("allOf") {
                    all_of.extend(more);
                }
                object.insert("allOf".into(), Value::Array(all_of));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn downgraded(tree: Value) -> Value {
        let mut tree = tree;
        let mut reporter = Reporter::new("t.yaml");
        downgrade(&mut tree, &mut reporter, true);
        tree
    }

    #[test]
    fn keywords_3_1_has_and_3_0_lacks_are_rewritten_where_schemas_are() {
        let tree = downgraded(json!({
            "openapi": "3.1.0",
            "components": {"schemas": {
                "A": {"type": ["string", "null"], "const": "x"},
                "B": {"type": "object", "properties": {
                    "const": {"type": "integer", "exclusiveMinimum": 0},
                    "type": {"type": ["null"]}
                }},
                "C": {"$ref": "#/components/schemas/A", "description": "a", "maxLength": 3}
            }}
        }));
        let schemas = &tree["components"]["schemas"];
        assert_eq!(
            schemas["A"],
            json!({"type": "string", "nullable": true, "enum": ["x"]})
        );
        // Properties named `const` and `type` stay properties.
        let properties = &schemas["B"]["properties"];
        assert_eq!(
            properties["const"],
            json!({"type": "integer", "minimum": 0, "exclusiveMinimum": true})
        );
        assert_eq!(properties["type"], json!({"nullable": true}));
        assert_eq!(
            schemas["C"],
            json!({"description": "a", "maxLength": 3, "allOf": [{"$ref": "#/components/schemas/A"}]})
        );
        assert_eq!(tree["paths"], json!({}));
    }

    #[test]
    fn schemas_without_a_type_are_objects_or_arrays_by_their_keywords() {
        let tree = downgraded(json!({
            "openapi": "3.0.3",
            "components": {"schemas": {
                "D": {"properties": {"a": {"type": "string"}}},
                "E": {"additionalProperties": {"type": "integer"}},
                "F": {"items": {"type": "string"}},
                "G": {"properties": {"a": {}}, "oneOf": [{"type": "string"}]},
                "H": {"description": "anything"}
            }}
        }));
        let schemas = &tree["components"]["schemas"];
        assert_eq!(schemas["D"]["type"], "object");
        assert_eq!(schemas["E"]["type"], "object");
        assert_eq!(schemas["F"]["type"], "array");
        assert_eq!(schemas["G"].get("type"), None);
        assert_eq!(schemas["H"].get("type"), None);
    }

    #[test]
    fn schemas_in_parameters_bodies_and_responses_are_found() {
        let tree = downgraded(json!({
            "paths": {"/a": {
                "parameters": [{"name": "p", "in": "query", "schema": {"type": ["integer", "null"]}}],
                "get": {
                    "requestBody": {"content": {"application/json": {"schema": {"const": 1}}}},
                    "responses": {"200": {
                        "description": "ok",
                        "headers": {"X-N": {"schema": {"type": ["number", "string"]}}},
                        "content": {"application/json": {"schema": {"items": {"type": ["boolean", "null"]}}}}
                    }}
                }
            }}
        }));
        let item = &tree["paths"]["/a"];
        assert_eq!(
            item["parameters"][0]["schema"],
            json!({"type": "integer", "nullable": true})
        );
        assert_eq!(
            item["get"]["requestBody"]["content"]["application/json"]["schema"],
            json!({"enum": [1]})
        );
        let ok = &item["get"]["responses"]["200"];
        assert_eq!(ok["headers"]["X-N"]["schema"], json!({}));
        assert_eq!(
            ok["content"]["application/json"]["schema"]["items"],
            json!({"type": "boolean", "nullable": true})
        );
    }
}
