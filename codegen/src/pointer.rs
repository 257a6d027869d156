//! JSON pointers (RFC 6901), the one way this crate names a place in a
//! document: in diagnostics (`#/definitions/Pet/properties/id`) and in the
//! `$ref`s it follows (`#/components/schemas/Pet`).
//!
//! A pointer is a sequence of reference tokens, each written with `~` as `~0`
//! and `/` as `~1`.

use std::fmt;

/// Where the upgraded document keeps its definitions.
const SCHEMAS: &str = "#/components/schemas/";

/// Escapes one reference token.
pub(crate) fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// Reads one escaped reference token back (`~1` before `~0`, so that `~01`
/// is `~1`, not `/`).
pub(crate) fn unescape(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

/// Appends a reference token to a pointer.
pub(crate) fn join(pointer: &str, token: impl fmt::Display) -> String {
    format!("{pointer}/{}", escape(&token.to_string()))
}

/// The definition a local `$ref` of the upgraded document names:
/// `#/components/schemas/a~1b` is `a/b`. `None` for any other reference.
pub(crate) fn schema_name(reference: &str) -> Option<String> {
    reference.strip_prefix(SCHEMAS).map(unescape)
}

/// A JSON pointer for a serde_path_to_error path below `base`.
pub(crate) fn from_path(base: &str, path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut pointer = base.to_string();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => pointer = join(&pointer, index),
            Segment::Map { key } => pointer = join(&pointer, key),
            Segment::Enum { .. } | Segment::Unknown => {}
        }
    }
    pointer
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_with_tilde_and_slash_round_trip() {
        for token in ["a/b", "~", "~1", "~0/~1", "/", "plain", ""] {
            assert_eq!(unescape(&escape(token)), token);
        }
        assert_eq!(escape("a/b~c"), "a~1b~0c");
        // `~01` is an escaped `~` followed by `1`, not an escaped `/`.
        assert_eq!(unescape("~01"), "~1");
        assert_eq!(join("#/definitions", "a/b~c"), "#/definitions/a~1b~0c");
        assert_eq!(
            join(&join("#/paths", "/pets/{id}"), 200),
            "#/paths/~1pets~1{id}/200"
        );
    }

    #[test]
    fn schema_names_are_read_from_local_references() {
        let name = "a/b~c";
        let reference = join("#/components/schemas", name);
        assert_eq!(schema_name(&reference).as_deref(), Some(name));
        assert_eq!(
            schema_name("#/components/schemas/Pet").as_deref(),
            Some("Pet")
        );
        assert_eq!(schema_name("#/definitions/Pet"), None);
        assert_eq!(schema_name("other.yaml#/components/schemas/Pet"), None);
    }
}
