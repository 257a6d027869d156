//! Media types, as the front stages and the model compare them.

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
    let essence = media_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    essence == "application/json"
        || essence.ends_with("+json")
        || essence == "*/*"
        || essence == "application/*"
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
    }
}
