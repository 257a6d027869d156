//! The Swagger 2.0 front stage: `repair` mends the shapes real documents
//! get wrong in the JSON tree, the serde model here reads it, and `upgrade`
//! hands it to the model as OpenAPI 3 (a [`crate::front::Front`]).
//!
//! The serde model does not reject unknown fields and keeps every `x-`
//! extension. Fields that real documents fill with the wrong shape (`type`,
//! `enum`, `default`) are kept as raw JSON values so that the upgrade can
//! recover from them with a located warning instead of failing here.

mod repair;
mod upgrade;

pub(crate) use repair::normalize;
pub(crate) use upgrade::upgrade;

use crate::diagnostic::Reporter;
use crate::front::Front;

/// Reads a Swagger 2.0 document's tree; `None` when it is not one (the
/// error is reported).
pub(crate) fn read(mut tree: Value, reporter: &mut Reporter) -> Option<Front> {
    normalize(&mut tree, reporter);
    // `$ref`s to other places of the document are followed in the tree as
    // written; only documents that have them keep a copy of it.
    let targets = upgrade::has_pointer_refs(&tree).then(|| tree.clone());
    let document: Swagger = match serde_path_to_error::deserialize(tree) {
        Ok(document) => document,
        Err(e) => {
            let pointer = crate::pointer::from_path("#", e.path());
            reporter.error(
                pointer,
                format!("not a valid Swagger 2.0 document: {}", e.inner()),
            );
            return None;
        }
    };
    Some(upgrade(&document, targets.as_ref(), reporter))
}

use indexmap::IndexMap;
use serde::Deserialize;
use serde_json::Value;

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Swagger {
    #[serde(default)]
    pub info: Info,
    pub host: Option<String>,
    pub base_path: Option<String>,
    #[serde(default)]
    pub schemes: Vec<String>,
    #[serde(default)]
    pub consumes: Vec<String>,
    #[serde(default)]
    pub produces: Vec<String>,
    #[serde(default)]
    pub paths: IndexMap<String, PathItem>,
    #[serde(default)]
    pub definitions: IndexMap<String, Schema>,
    #[serde(default)]
    pub parameters: IndexMap<String, Parameter>,
    #[serde(default)]
    pub responses: IndexMap<String, Response>,
    #[serde(flatten)]
    pub rest: IndexMap<String, Value>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Info {
    #[serde(default)]
    pub title: String,
    pub description: Option<String>,
    #[serde(default)]
    pub version: String,
    #[serde(flatten)]
    pub rest: IndexMap<String, Value>,
}

#[derive(Debug, Default, Deserialize)]
pub struct PathItem {
    #[serde(rename = "$ref")]
    pub reference: Option<String>,
    #[serde(default)]
    pub parameters: Vec<Parameter>,
    /// Operations keyed by method as written (`get`, `post`, ...), and `x-` extensions.
    #[serde(flatten)]
    pub rest: IndexMap<String, Value>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Operation {
    pub operation_id: Option<String>,
    pub summary: Option<String>,
    pub description: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    pub consumes: Option<Vec<String>>,
    pub produces: Option<Vec<String>>,
    #[serde(default)]
    pub parameters: Vec<Parameter>,
    #[serde(default)]
    pub responses: IndexMap<String, Response>,
    #[serde(default)]
    pub deprecated: bool,
    #[serde(flatten)]
    pub rest: IndexMap<String, Value>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Parameter {
    #[serde(rename = "$ref")]
    pub reference: Option<String>,
    pub name: Option<String>,
    #[serde(rename = "in")]
    pub location: Option<String>,
    pub description: Option<String>,
    #[serde(default)]
    pub required: bool,
    /// For `in: body`.
    pub schema: Option<Schema>,
    pub collection_format: Option<String>,
    pub allow_empty_value: Option<bool>,
    /// For the other locations: `type`, `format`, `items`, `enum`, `default`
    /// and the validation keywords, which are those of a schema.
    #[serde(flatten)]
    pub simple: Schema,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Response {
    #[serde(rename = "$ref")]
    pub reference: Option<String>,
    #[serde(default)]
    pub description: String,
    pub schema: Option<Schema>,
    #[serde(default)]
    pub headers: IndexMap<String, Schema>,
    #[serde(flatten)]
    pub rest: IndexMap<String, Value>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Schema {
    #[serde(rename = "$ref")]
    pub reference: Option<String>,
    #[serde(rename = "type")]
    pub type_: Option<Value>,
    pub format: Option<String>,
    pub title: Option<String>,
    pub description: Option<String>,
    pub default: Option<Value>,
    pub multiple_of: Option<f64>,
    pub maximum: Option<f64>,
    #[serde(default)]
    pub exclusive_maximum: bool,
    pub minimum: Option<f64>,
    #[serde(default)]
    pub exclusive_minimum: bool,
    pub max_length: Option<usize>,
    pub min_length: Option<usize>,
    pub pattern: Option<String>,
    pub max_items: Option<usize>,
    pub min_items: Option<usize>,
    #[serde(default)]
    pub unique_items: bool,
    pub max_properties: Option<usize>,
    pub min_properties: Option<usize>,
    #[serde(default)]
    pub required: Vec<String>,
    #[serde(rename = "enum")]
    pub enumeration: Option<Vec<Value>>,
    pub items: Option<Box<Schema>>,
    pub all_of: Option<Vec<Schema>>,
    pub properties: Option<IndexMap<String, Schema>>,
    pub additional_properties: Option<AdditionalProperties>,
    pub discriminator: Option<String>,
    #[serde(default)]
    pub read_only: bool,
    pub example: Option<Value>,
    #[serde(flatten)]
    pub rest: IndexMap<String, Value>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum AdditionalProperties {
    Any(bool),
    Schema(Box<Schema>),
}

/// The `x-` extensions among a map of leftover fields.
pub fn extensions(rest: &IndexMap<String, Value>) -> IndexMap<String, Value> {
    rest.iter()
        .filter(|(k, _)| k.starts_with("x-"))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}
