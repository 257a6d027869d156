//! What every front stage hands the model.
//!
//! A front stage reads one input format (today Swagger 2.0: `swagger` then
//! `upgrade`) and produces a [`Front`]: the document as the OpenAPI 3.0 model
//! of `openapiv3`, which is what the model reads, with
//!
//! - [`Origins`], so that every message points into the user's own document
//!   (`#/definitions/Pet`, not `#/components/schemas/Pet`), and
//! - [`Extras`], the few things the input format can say and the OpenAPI 3.0
//!   model cannot, typed and in one place (never as private `x-` keys).
//!
//! Everything OpenAPI 3 can say travels as OpenAPI 3: parameters by `style`
//! and `explode`, bodies by `requestBody.content`, forms by their media type
//! and `encoding`.

use openapiv3 as v3;
use std::collections::{BTreeMap, BTreeSet};

/// A document ready for the model.
#[derive(Debug)]
pub(crate) struct Front {
    pub(crate) api: v3::OpenAPI,
    pub(crate) origins: Origins,
    pub(crate) extras: Extras,
}

/// What the input says beyond the OpenAPI 3.0 model, each keyed by the
/// pointer (into [`Front::api`]) of the parameter or form property it is
/// about: `#/paths/~1pets/get/parameters/0`, or
/// `#/paths/~1pets/post/requestBody/content/<media type>/schema/properties/<name>`.
///
/// openapiv3 also reads an `encoding`'s absent `explode` as `false`, where
/// OpenAPI 3 means `true` for the form style; a front stage that reads
/// OpenAPI 3 itself will need to say which `explode`s were written.
#[derive(Debug, Default)]
pub(crate) struct Extras {
    /// Arrays whose items are separated by tabs (Swagger 2.0's
    /// `collectionFormat: tsv`, which OpenAPI 3 dropped).
    pub(crate) tab_separated: BTreeSet<String>,
    /// Form fields whose empty value means no value (Swagger 2.0's
    /// `allowEmptyValue` on `formData`; OpenAPI 3 has it for query parameters
    /// only).
    pub(crate) allow_empty: BTreeSet<String>,
}

/// Maps pointers into [`Front::api`] back to the user's document.
#[derive(Debug, Default)]
pub(crate) struct Origins {
    exact: BTreeMap<String, String>,
    /// Where the input keeps what OpenAPI 3 keeps in `#/components/schemas/`
    /// (Swagger 2.0: `#/definitions/`); `None` when it is the same place.
    schemas: Option<&'static str>,
}

impl Origins {
    /// Origins for an input whose schemas live at `home` (with its final `/`).
    pub(crate) fn with_schemas_at(home: &'static str) -> Self {
        Self {
            exact: BTreeMap::new(),
            schemas: Some(home),
        }
    }

    /// Records that what is at `upgraded` came from `original`.
    pub(crate) fn record(&mut self, upgraded: String, original: String) {
        self.exact.insert(upgraded, original);
    }

    /// The user's pointer for a pointer into the upgraded document: the
    /// longest recorded prefix is replaced; schemas map back to their home.
    pub(crate) fn original(&self, pointer: &str) -> String {
        let mut prefix = pointer;
        loop {
            if let Some(original) = self.exact.get(prefix) {
                return format!("{original}{}", &pointer[prefix.len()..]);
            }
            match prefix.rfind('/') {
                Some(i) => prefix = &prefix[..i],
                None => break,
            }
        }
        match self.schemas {
            Some(home) => pointer.replacen("#/components/schemas/", home, 1),
            None => pointer.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_longest_recorded_prefix_maps_back() {
        let mut origins = Origins::with_schemas_at("#/definitions/");
        origins.record("#/paths/~1a/get".into(), "#/paths/~1a/get".into());
        origins.record(
            "#/paths/~1a/get/parameters/0".into(),
            "#/parameters/limit".into(),
        );
        assert_eq!(
            origins.original("#/paths/~1a/get/parameters/0/schema"),
            "#/parameters/limit/schema"
        );
        assert_eq!(
            origins.original("#/paths/~1a/get/parameters/1"),
            "#/paths/~1a/get/parameters/1"
        );
        assert_eq!(
            origins.original("#/components/schemas/Pet/properties/x"),
            "#/definitions/Pet/properties/x"
        );
        assert_eq!(
            Origins::default().original("#/components/schemas/Pet"),
            "#/components/schemas/Pet"
        );
    }
}
