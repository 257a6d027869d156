//! The security pass: the document's schemes become the fields of the
//! generated `Credentials`, and each operation's requirements indices into
//! them.

use super::{Lowering, Scheme, SchemeKind};
use crate::names::{self, Scope};
use crate::pointer::join;
use openapiv3 as v3;

impl Lowering<'_> {
    /// The document's security schemes, in its order, each a field of
    /// `Credentials`; a scheme the generator cannot send is warned about and
    /// left out.
    pub(super) fn schemes(&mut self) {
        let Some(components) = &self.api.components else {
            return;
        };
        let mut scope = Scope::new();
        for (key, scheme) in &components.security_schemes {
            let Some(scheme) = scheme.as_item() else {
                continue;
            };
            let (kind, doc) = match scheme {
                v3::SecurityScheme::APIKey {
                    location: v3::APIKeyLocation::Header,
                    name,
                    description,
                    ..
                } => (SchemeKind::HeaderKey(name.clone()), description),
                v3::SecurityScheme::APIKey {
                    location: v3::APIKeyLocation::Query,
                    name,
                    description,
                    ..
                } => (SchemeKind::QueryKey(name.clone()), description),
                v3::SecurityScheme::APIKey {
                    location: v3::APIKeyLocation::Cookie,
                    name,
                    description,
                    ..
                } => (SchemeKind::CookieKey(name.clone()), description),
                v3::SecurityScheme::HTTP {
                    scheme,
                    description,
                    ..
                } if scheme.eq_ignore_ascii_case("basic") => (SchemeKind::Basic, description),
                v3::SecurityScheme::HTTP {
                    scheme,
                    description,
                    ..
                } if scheme.eq_ignore_ascii_case("bearer") => (SchemeKind::Bearer, description),
                // Both end in a token the client sends as a bearer token.
                v3::SecurityScheme::OAuth2 { description, .. }
                | v3::SecurityScheme::OpenIDConnect { description, .. } => {
                    (SchemeKind::Bearer, description)
                }
                _ => {
                    self.warn(
                        &join("#/components/securitySchemes", key),
                        "a security scheme that is not supported; ignored",
                    );
                    continue;
                }
            };
            let (field, _) = scope.claim(&names::snake(key, "scheme"));
            self.schemes.push(Scheme {
                key: key.clone(),
                field,
                kind,
                doc: doc.clone(),
            });
        }
    }

    /// An operation's security: alternatives, each the schemes (indices into
    /// `schemes`) it needs together. Empty when the operation needs none.
    pub(super) fn security(
        &mut self,
        requirements: Option<&Vec<v3::SecurityRequirement>>,
        pointer: &str,
    ) -> Vec<Vec<usize>> {
        let Some(requirements) = requirements else {
            return Vec::new();
        };
        let mut alternatives = Vec::new();
        for (i, requirement) in requirements.iter().enumerate() {
            let mut alternative = Vec::new();
            let mut known = true;
            for name in requirement.keys() {
                match self.schemes.iter().position(|s| s.key == *name) {
                    Some(index) => alternative.push(index),
                    None => {
                        self.warn(
                            &join(&join(pointer, i), name),
                            format!("security scheme `{name}` is not defined (or not supported); this requirement is ignored"),
                        );
                        known = false;
                    }
                }
            }
            if known {
                alternatives.push(alternative);
            }
        }
        alternatives
    }
}
