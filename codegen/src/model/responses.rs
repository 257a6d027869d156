//! An operation's responses: one variant of its response enum per
//! documented status, with the body's type and the documented headers.

use super::http::{is_token_byte, reason};
use super::params::ParamSource;
use super::{Case, ListFormat, Location, Lowering, Media, Param, Status, Ty};
use crate::names::Scope;
use crate::pointer::join;
use openapiv3 as v3;

impl Lowering<'_> {
    /// The operation's responses (the `default` one last), and whether any
    /// answers with JSON.
    pub(super) fn responses(&mut self, op: &v3::Operation, pointer: &str, base: &str) -> Vec<Case> {
        let mut responses = Vec::new();
        let mut variant_scope = Scope::new();
        let mut cases: Vec<(Status, &v3::ReferenceOr<v3::Response>, String)> = op
            .responses
            .responses
            .iter()
            .map(|(code, r)| match code {
                v3::StatusCode::Code(c) => (Status::Code(*c), r, c.to_string()),
                v3::StatusCode::Range(d) => (Status::Range(*d), r, format!("{d}XX")),
            })
            .collect();
        if let Some(default) = &op.responses.default {
            cases.push((Status::Default, default, "default".to_string()));
        }
        for (status, response, key) in cases {
            let Some(response) = response.as_item() else {
                continue;
            };
            let r_pointer = join(&join(pointer, "responses"), &key);
            let wanted = match status {
                Status::Code(c) => reason(c).map_or_else(|| format!("Status{c}"), str::to_string),
                Status::Range(d) => format!("Status{d}xx"),
                Status::Default => "Default".to_string(),
            };
            let (variant, _) = variant_scope.claim(&wanted);
            let hint = format!("{base}{variant}Body");
            let (ty, media) = match json_lines(&response.content) {
                Some((t, schema)) => {
                    let at = join(&join(&join(&r_pointer, "content"), t), "schema");
                    let item = self.ty(schema, &format!("{base}{variant}Item"), &at);
                    (Some(Ty::JsonStream(Box::new(item))), Media::Raw(t.clone()))
                }
                None => self.content(&response.content, &hint, &r_pointer),
            };
            // Binary bytes travel in pieces; text (`text/plain`, `text/csv`)
            // stays whole, as it is read as text.
            let ty = match (ty, &media) {
                (Some(Ty::Bytes), Media::Raw(t)) if !crate::media::is_text(t) => Some(Ty::Stream),
                (ty, _) => ty,
            };
            let doc = Some(response.description.clone()).filter(|d| !d.trim().is_empty());
            let headers = self.response_headers(response, &r_pointer, &format!("{base}{variant}"));
            responses.push(Case {
                status,
                variant,
                body: ty.map(|t| (t, media)),
                headers,
                doc,
            });
        }
        responses
    }

    /// A response's documented headers, which become fields of its variant
    /// beside `status` and `body`. A header's `default` is not applied.
    fn response_headers(
        &mut self,
        response: &v3::Response,
        pointer: &str,
        hint: &str,
    ) -> Vec<Param> {
        let mut header_scope = Scope::new();
        header_scope.reserve("status");
        header_scope.reserve("body");
        let mut headers = Vec::new();
        for (wire, header) in &response.headers {
            let Some(header) = header.as_item() else {
                continue;
            };
            let v3::ParameterSchemaOrContent::Schema(schema) = &header.format else {
                continue;
            };
            let h_pointer = join(&join(pointer, "headers"), wire);
            if wire.is_empty() || !wire.bytes().all(is_token_byte) {
                self.warn(
                    &h_pointer,
                    format!("`{wire}` is not a valid header name; the header is ignored"),
                );
                continue;
            }
            let param = self.param(
                &mut header_scope,
                hint,
                ParamSource {
                    wire,
                    location: Location::Header,
                    required: false,
                    schema,
                    list: Ok(ListFormat::Csv),
                    shape: super::ParamShape::Text,
                    doc: header.description.as_deref(),
                    pointer: &h_pointer,
                },
            );
            headers.push(Param {
                default: None,
                ..param
            });
        }
        headers
    }
}

/// The media type and item schema of JSON values one per line: a media
/// type marked so by the front (grpc-gateway's streams, sent as JSON), or
/// newline-delimited JSON where no plain JSON is offered.
fn json_lines(
    content: &indexmap::IndexMap<String, v3::MediaType>,
) -> Option<(&String, &v3::ReferenceOr<v3::Schema>)> {
    use crate::media::{JSON_LINES_KEY, is_json, is_json_lines};
    let marked = |m: &v3::MediaType| m.extensions.get(JSON_LINES_KEY) == Some(&true.into());
    let (t, media) = match content.iter().find(|(t, m)| is_json(t) && marked(m)) {
        Some(found) => found,
        None if content.keys().any(|t| is_json(t)) => return None,
        None => content.iter().find(|(t, _)| is_json_lines(t))?,
    };
    Some((t, media.schema.as_ref()?))
}
