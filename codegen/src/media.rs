//! Media types, as the front stages and the model compare them.

/// The extension under which the front stages keep a schema's `xml` object
/// (the model, openapiv3, keeps only `x-` keys beside its own).
pub(crate) const XML_KEY: &str = "x-stubgen-xml";

/// The extension that marks a JSON media type whose body is JSON values, one
/// per line: the Swagger 2.0 front sets it on grpc-gateway's streamed
/// results (a response schema `$ref: '#/x-stream-definitions/...'`).
pub(crate) const JSON_LINES_KEY: &str = "x-stubgen-json-lines";

/// Whether a media type is newline-delimited JSON or JSON text sequences.
pub(crate) fn is_json_lines(media_type: &str) -> bool {
    [
        "application/x-ndjson",
        "application/ndjson",
        "application/jsonl",
        "application/x-jsonlines",
        "application/json-seq",
    ]
    .iter()
    .any(|lines| is_media(media_type, lines))
}

/// Whether a media type is text (`text/*`): a response body read whole.
pub(crate) fn is_text(media_type: &str) -> bool {
    essence(media_type).starts_with("text/")
}

/// Whether a media type is XML: `application/xml`, `text/xml` or `+xml`.
pub(crate) fn is_xml(media_type: &str) -> bool {
    let essence = essence(media_type);
    essence == "application/xml" || essence == "text/xml" || essence.ends_with("+xml")
}

/// Whether a media type names `media` (parameters such as `; charset=utf-8`
/// and case aside).
pub(crate) fn is_media(entry: &str, media: &str) -> bool {
    entry
        .split(';')
        .next()
        .is_some_and(|e| e.trim().eq_ignore_ascii_case(media))
}

/// Whether a media type is JSON: `application/json`, `+json`, or a range
/// (`*/*`, `application/*`) that admits it.
pub(crate) fn is_json(media_type: &str) -> bool {
    let essence = essence(media_type);
    essence == "application/json"
        || essence.ends_with("+json")
        || essence == "*/*"
        || essence == "application/*"
}

/// A media type without its parameters, in lower case.
fn essence(media_type: &str) -> String {
    media_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_and_case_do_not_change_a_media_type() {
        assert!(is_media(
            "Multipart/Form-Data; boundary=x",
            "multipart/form-data"
        ));
        assert!(!is_media("multipart/mixed", "multipart/form-data"));
        assert!(is_json("application/json; charset=utf-8"));
        assert!(is_json("application/merge-patch+json"));
        assert!(is_json("*/*"));
        assert!(!is_json("text/plain"));
        assert!(is_xml("Application/XML; charset=utf-8"));
        assert!(is_xml("text/xml") && is_xml("application/atom+xml"));
        assert!(!is_xml("application/json") && !is_xml("application/xml-dtd"));
    }
}
