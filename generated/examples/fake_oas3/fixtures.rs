//! Values of the OpenAPI 3.0 edition of openapi-generator's fake-endpoints
//! document, written once for the example client (`fake_oas3/calls.rs`) and
//! the end-to-end test (`tests/e2e/fake_endpoints_oas3.rs`), which include
//! this file by path. Every value is valid for the document, since Prism
//! checks what the example client sends. Credentials are not here: the test
//! gives each scheme its own value, to see which travelled where, while
//! `fake_oas3/store.rs` accepts only its own.

use bytes::Bytes;
use generated::fake_oas3::{FilePart, types};
use serde_json::json;

/// A value of a type of the document, from its JSON.
pub fn value<T: serde::de::DeserializeOwned>(json: serde_json::Value) -> T {
    serde_json::from_value(json).expect("the JSON fits the type")
}

pub fn pet() -> types::Pet {
    value(json!({
        "id": 10, "category": {"id": 1, "name": "dogs"}, "name": "doggie",
        "photoUrls": ["https://example.com/a.png"],
        "tags": [{"id": 2, "name": "good"}], "status": "available"
    }))
}

pub fn order() -> types::Order {
    value(json!({
        "id": 3, "petId": 10, "quantity": 2, "shipDate": "2026-11-29T10:00:00Z",
        "status": "approved", "complete": false
    }))
}

pub fn user(username: &str) -> types::User {
    value(json!({
        "id": 5, "username": username, "firstName": "Zoë", "lastName": "Ng",
        "email": "z@example.com", "password": "p&ss", "phone": "+1 555", "userStatus": 1
    }))
}

pub fn model_client() -> types::Client {
    value(json!({"client": "a client"}))
}

pub fn api_response() -> types::ApiResponse {
    value(json!({"code": 200, "type": "ok", "message": "uploaded"}))
}

/// `OuterComposite` with every property set.
pub fn composite() -> types::OuterComposite {
    value(json!({"my_number": 1.5, "my_string": "s\"q", "my_boolean": true}))
}

/// `FileSchemaTestClass`: the one file and a list of them.
pub fn file_schema() -> types::FileSchemaTestClass {
    value(json!({"file": {"sourceURI": "s3://a"}, "files": [{"sourceURI": "s3://b"}, {}]}))
}

/// `ChildWithNullable`: an `allOf` of `ParentWithNullable` (discriminated
/// by `type`) and its own property.
pub fn child_with_nullable() -> types::ChildWithNullable {
    value(json!({
        "type": "ChildWithNullable", "nullableProperty": "set", "otherProperty": "other"
    }))
}

/// `FreeFormObject`: any JSON under any key.
pub fn free_form() -> types::FreeFormObject {
    value(json!({
        "n": 1, "s": "two", "list": [true, null, 3.5], "nested": {"k": {"deeper": []}}
    }))
}

/// A PNG file part with these bytes.
pub fn file(name: &str, bytes: &'static [u8]) -> FilePart {
    FilePart {
        file_name: Some(name.to_string()),
        content_type: Some("image/png".to_string()),
        bytes: Bytes::from_static(bytes),
    }
}

/// The eight bytes every PNG starts with.
pub const PNG: &[u8] = b"\x89PNG\r\n\x1a\n";
