//! Values of openapi-generator's fake-endpoints document, written once for
//! the example client (`call.rs`) and the end-to-end test
//! (`tests/e2e/fake_endpoints.rs`), which include this file by path.
//! Credentials are not here: the test gives each scheme its own value, to
//! see which travelled where, while `serve.rs` accepts only its own.

use bytes::Bytes;
use generated::petstore_with_fake_endpoints_models_for_testing::{FilePart, types};
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

/// A PNG file part with these bytes.
pub fn file(name: &str, bytes: &'static [u8]) -> FilePart {
    FilePart {
        file_name: Some(name.to_string()),
        content_type: Some("image/png".to_string()),
        bytes: Bytes::from_static(bytes),
    }
}
