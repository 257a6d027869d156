//! Repairs of shapes real OpenAPI 3 documents get wrong, in the tree and
//! before openapiv3 reads it, each with a located warning: numbers where
//! texts belong (server variables, `info.version`), `required` written as
//! text, a Swagger-style `discriminator`, a `style` a location cannot have,
//! and missing or `null` members the model can do without (`info`, `paths`,
//! `responses`, a response's `description`, components).

use crate::diagnostic::Reporter;
use crate::pointer::join;
use serde_json::{Map, Value};

const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

pub(super) fn repair(tree: &mut Value, reporter: &mut Reporter) {
    let Some(root) = tree.as_object_mut() else {
        return;
    };
    info(root, reporter);
    if !root.get("paths").is_some_and(Value::is_object) {
        if root.get("webhooks").is_none() {
            reporter.warn(
                "#/paths",
                "no `paths`: read as a document without operations",
            );
        }
        root.insert("paths".into(), Value::Object(Map::new()));
    }
    servers(root, "#", reporter);
    if let Some(components) = root.get_mut("components").and_then(Value::as_object_mut) {
        components.retain(|_, value| !value.is_null());
        for kind in ["parameters", "headers"] {
            let at = join("#/components", kind);
            for (name, value) in members(components, kind) {
                parameter(value, &join(&at, name), kind == "headers", reporter);
            }
        }
        for (name, value) in members(components, "responses") {
            response(value, &join("#/components/responses", name), reporter);
        }
        for (name, schema) in members(components, "schemas") {
            discriminator(schema, &join("#/components/schemas", name), reporter);
        }
    }
    let Some(paths) = root.get_mut("paths").and_then(Value::as_object_mut) else {
        return;
    };
    for (path, item) in paths.iter_mut() {
        let at = join("#/paths", path);
        let Some(item) = item.as_object_mut() else {
            continue;
        };
        servers(item, &at, reporter);
        parameters(item, &at, reporter);
        for method in METHODS {
            let Some(operation) = item.get_mut(*method).and_then(Value::as_object_mut) else {
                continue;
            };
            let at = join(&at, method);
            servers(operation, &at, reporter);
            parameters(operation, &at, reporter);
            operation_responses(operation, &at, reporter);
        }
    }
}

/// The members of the map `object[key]`.
fn members<'o>(
    object: &'o mut Map<String, Value>,
    key: &str,
) -> impl Iterator<Item = (&'o String, &'o mut Value)> {
    object
        .get_mut(key)
        .and_then(Value::as_object_mut)
        .into_iter()
        .flat_map(|m| m.iter_mut())
}

fn info(root: &mut Map<String, Value>, reporter: &mut Reporter) {
    if !root.get("info").is_some_and(Value::is_object) {
        reporter.warn("#", "no `info`: the title and version are read as empty");
        root.insert("info".into(), Value::Object(Map::new()));
    }
    let Some(info) = root.get_mut("info").and_then(Value::as_object_mut) else {
        return;
    };
    for field in ["title", "version"] {
        match info.get(field) {
            Some(Value::String(_)) => {}
            Some(value @ (Value::Number(_) | Value::Bool(_))) => {
                let text = value.to_string();
                reporter.warn(
                    join("#/info", field),
                    format!("`{field}` should be a string; read as \"{text}\""),
                );
                info.insert(field.into(), Value::String(text));
            }
            _ => {
                reporter.warn("#/info", format!("no `{field}`: read as empty"));
                info.insert(field.into(), Value::String(String::new()));
            }
        }
    }
}

/// Server variables' `default` and `enum` as texts.
fn servers(object: &mut Map<String, Value>, at: &str, reporter: &mut Reporter) {
    let at = join(at, "servers");
    let Some(servers) = object.get_mut("servers").and_then(Value::as_array_mut) else {
        return;
    };
    for (i, server) in servers.iter_mut().enumerate() {
        let at = join(&join(&at, i), "variables");
        let Some(variables) = server.get_mut("variables").and_then(Value::as_object_mut) else {
            continue;
        };
        for (name, variable) in variables.iter_mut() {
            let at = join(&at, name);
            let Some(variable) = variable.as_object_mut() else {
                continue;
            };
            if let Some(value) = variable.get_mut("default") {
                texts(std::slice::from_mut(value), &join(&at, "default"), reporter);
            }
            if let Some(Value::Array(values)) = variable.get_mut("enum") {
                texts(values, &join(&at, "enum"), reporter);
            }
        }
    }
}

/// Numbers and booleans among `values` as texts (one warning for all).
fn texts(values: &mut [Value], at: &str, reporter: &mut Reporter) {
    let mut changed = false;
    for value in values.iter_mut() {
        if matches!(value, Value::Number(_) | Value::Bool(_)) {
            *value = Value::String(value.to_string());
            changed = true;
        }
    }
    if changed {
        reporter.warn(
            at.to_string(),
            "server variable values should be strings; read as text",
        );
    }
}

fn parameters(object: &mut Map<String, Value>, at: &str, reporter: &mut Reporter) {
    let at = join(at, "parameters");
    if let Some(list) = object.get_mut("parameters").and_then(Value::as_array_mut) {
        for (i, p) in list.iter_mut().enumerate() {
            parameter(p, &join(&at, i), false, reporter);
        }
    }
}

/// A parameter (or header): `required` as a boolean, and a `style` its
/// location can have.
fn parameter(value: &mut Value, at: &str, header: bool, reporter: &mut Reporter) {
    let Some(p) = value.as_object_mut() else {
        return;
    };
    if let Some(required) = p.get("required").filter(|r| !r.is_boolean()).cloned() {
        let read = matches!(&required, Value::String(s) if s.eq_ignore_ascii_case("true"));
        reporter.warn(
            join(at, "required"),
            format!("`required` should be true or false, not {required}; read as {read}"),
        );
        p.insert("required".into(), Value::Bool(read));
    }
    let location = if header {
        Some("header".to_string())
    } else {
        p.get("in").and_then(Value::as_str).map(str::to_string)
    };
    let location = location.as_deref();
    if location == Some("path") && p.get("required") != Some(&Value::Bool(true)) {
        reporter.warn(
            join(at, "required"),
            "path parameters must be `required: true`; read as required",
        );
        p.insert("required".into(), Value::Bool(true));
    }
    let allowed: &[&str] = match location {
        Some("header") => &["simple"],
        Some("path") => &["simple", "label", "matrix"],
        Some("query") => &["form", "spaceDelimited", "pipeDelimited", "deepObject"],
        Some("cookie") => &["form"],
        _ => return,
    };
    if let Some(style) = p.get("style").and_then(Value::as_str)
        && !allowed.contains(&style)
    {
        reporter.warn(
            join(at, "style"),
            format!(
                "style `{style}` is not one a {} parameter can have; read as `{}`",
                location.unwrap_or(""),
                allowed[0]
            ),
        );
        p.remove("style");
    }
}

/// An operation's responses: present (empty when absent), without `null`
/// entries, each with a description.
fn operation_responses(operation: &mut Map<String, Value>, at: &str, reporter: &mut Reporter) {
    let at = join(at, "responses");
    if !operation.get("responses").is_some_and(Value::is_object) {
        reporter.warn(
            at.clone(),
            "an operation without `responses`: read as documenting none",
        );
        operation.insert("responses".into(), Value::Object(Map::new()));
    }
    let Some(responses) = operation
        .get_mut("responses")
        .and_then(Value::as_object_mut)
    else {
        return;
    };
    responses.retain(|status, value| {
        if value.is_null() {
            reporter.warn(join(&at, status), "an empty response; ignored");
        }
        !value.is_null()
    });
    for (status, value) in responses.iter_mut() {
        response(value, &join(&at, status), reporter);
    }
}

fn response(value: &mut Value, at: &str, reporter: &mut Reporter) {
    let Some(response) = value.as_object_mut() else {
        return;
    };
    if response.contains_key("$ref") {
        return;
    }
    if !response.get("description").is_some_and(Value::is_string) {
        reporter.warn(
            at.to_string(),
            "a response without `description`; read as empty",
        );
        response.insert("description".into(), Value::String(String::new()));
    }
    if let Some(headers) = response.get_mut("headers").and_then(Value::as_object_mut) {
        for (name, header) in headers.iter_mut() {
            parameter(header, &join(&join(at, "headers"), name), true, reporter);
        }
    }
}

/// A Swagger 2.0 style `discriminator: name` as `{propertyName: name}`.
fn discriminator(value: &mut Value, at: &str, reporter: &mut Reporter) {
    let Some(schema) = value.as_object_mut() else {
        return;
    };
    if let Some(Value::String(name)) = schema.get("discriminator").cloned() {
        reporter.warn(
            join(at, "discriminator"),
            format!("`discriminator` should be an object; read as `{{propertyName: {name}}}`"),
        );
        let mut object = Map::new();
        object.insert("propertyName".into(), Value::String(name));
        schema.insert("discriminator".into(), Value::Object(object));
    }
}
