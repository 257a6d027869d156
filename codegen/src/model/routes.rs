//! The routing pass: operations grouped into server routes (one per path
//! and method), and within a route told apart by their `RouteKey`s.

use super::{Lowering, Method, Operation, PathValue, Route, Segment, Ty, TypeDef, TypeKind, Via};
use std::collections::BTreeMap;

/// What tells an operation's requests apart from the other operations on the
/// same route.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RouteKey {
    /// A fixed query pair from the path key.
    Query(String, String),
    /// A path segment (by route parameter position) with literal text around the value.
    Affix {
        position: usize,
        prefix: String,
        suffix: String,
    },
}

impl Operation {
    /// What tells this operation's requests apart on its route: its fixed
    /// query pairs, then the literal text around each path parameter.
    pub fn route_keys(&self) -> Vec<RouteKey> {
        let mut out: Vec<RouteKey> = self
            .fixed_query
            .iter()
            .map(|(k, v)| RouteKey::Query(k.clone(), v.clone()))
            .collect();
        for (position, (_, prefix, suffix)) in self.path_params().enumerate() {
            if !prefix.is_empty() || !suffix.is_empty() {
                out.push(RouteKey::Affix {
                    position,
                    prefix: prefix.to_string(),
                    suffix: suffix.to_string(),
                });
            }
        }
        out
    }
}

impl Lowering<'_> {
    /// One route per path (parameters numbered, literals encoded) and method,
    /// in the operations' order; within a route, the operations with route
    /// keys first and any operation that another one shadows left out.
    pub(super) fn routes(&mut self, operations: &[Operation]) -> Vec<Route> {
        let mut routes: Vec<Route> = Vec::new();
        let mut index: BTreeMap<(String, Method), usize> = BTreeMap::new();
        for (i, op) in operations.iter().enumerate() {
            let mut path = String::new();
            let mut next_param = 0;
            for segment in &op.segments {
                path.push('/');
                match segment {
                    Segment::Literal(text) => {
                        path.push_str(&encode_literal(text).replace('{', "{{").replace('}', "}}"))
                    }
                    Segment::Param { .. } => {
                        path.push_str(&format!("{{p{next_param}}}"));
                        next_param += 1;
                    }
                }
            }
            if path.is_empty() {
                path.push('/');
            }
            let route = *index.entry((path.clone(), op.method)).or_insert_with(|| {
                routes.push(Route {
                    path,
                    method: op.method,
                    operations: Vec::new(),
                    via: None,
                });
                routes.len() - 1
            });
            routes[route].operations.push(i);
        }
        for route in &mut routes {
            // Operations told apart by fixed query pairs or path affixes
            // first; the plain one last. An operation whose requests another
            // one already takes is left out of the route (its trait method
            // stays, unreachable).
            route
                .operations
                .sort_by_key(|&i| operations[i].route_keys().is_empty());
            let mut served: Vec<usize> = Vec::new();
            for &i in &route.operations {
                let op = &operations[i];
                let mine = op.route_keys();
                match served.iter().find(|&&j| operations[j].route_keys() == mine) {
                    Some(&first) => self.reporter.warn(
                        op.pointer.clone(),
                        format!(
                            "operation `{}` takes the same requests (method, path and fixed query or path text) as `{}`; the server routes them to `{}`",
                            op.id, operations[first].id, operations[first].id
                        ),
                    ),
                    None => served.push(i),
                }
            }
            route.operations = served;
        }
        let fall_throughs = fall_throughs(&routes, operations, &self.types);
        routes.extend(fall_throughs);
        routes
    }
}

/// The router prefers a literal segment to a parameter, so a path with a
/// literal (`/services/asana`, only `PUT`) hides the same requests from a
/// templated path (`/services/{slug}`, `GET`): each method the literal path
/// lacks and a templated path that matches it has gets a route there that
/// hands the request on, with the literal text as the parameter. Of several
/// templated paths, the one with the most literal segments.
fn fall_throughs(routes: &[Route], operations: &[Operation], types: &[TypeDef]) -> Vec<Route> {
    let segments = |route: &Route| -> Option<&[Segment]> {
        Some(&operations[*route.operations.first()?].segments)
    };
    // Candidates by method and number of segments: Kubernetes has 800 routes.
    let mut by_shape: BTreeMap<(Method, usize), Vec<usize>> = BTreeMap::new();
    for (i, route) in routes.iter().enumerate() {
        if let Some(theirs) = segments(route) {
            by_shape
                .entry((route.method, theirs.len()))
                .or_default()
                .push(i);
        }
    }
    let mut out: Vec<Route> = Vec::new();
    for literal in routes {
        let Some(mine) = segments(literal) else {
            continue;
        };
        if !mine.iter().any(|s| matches!(s, Segment::Literal(_))) {
            continue;
        }
        for method in Method::ALL {
            let taken = |r: &Route| r.path == literal.path && r.method == method;
            if routes.iter().any(taken) || out.iter().any(taken) {
                continue;
            }
            // The most specific templated path: the fewest parameters taken
            // from literal text.
            let Some(candidates) = by_shape.get(&(method, mine.len())) else {
                continue;
            };
            let best = candidates
                .iter()
                .filter_map(|&i| {
                    let theirs = &operations[*routes[i].operations.first()?];
                    Some((i, covered(mine, theirs, types)?))
                })
                .min_by_key(|(i, params)| {
                    let texts = params.iter().filter(|p| matches!(p, PathValue::Text(_)));
                    (texts.count(), *i)
                });
            if let Some((route, params)) = best {
                out.push(Route {
                    path: literal.path.clone(),
                    method,
                    operations: Vec::new(),
                    via: Some(Via { route, params }),
                });
            }
        }
    }
    out
}

/// When every request to `mine` also matches `theirs`'s path (the same
/// literals, or a parameter there that can take the literal text):
/// `theirs`'s parameters as `mine` has them.
fn covered(mine: &[Segment], theirs: &Operation, types: &[TypeDef]) -> Option<Vec<PathValue>> {
    if mine.len() != theirs.segments.len() {
        return None;
    }
    let mut params = Vec::new();
    let mut own = 0;
    let mut literal = false;
    for (m, t) in mine.iter().zip(&theirs.segments) {
        match (m, t) {
            (Segment::Literal(a), Segment::Literal(b)) if a == b => {}
            (
                Segment::Literal(text),
                Segment::Param {
                    index,
                    prefix,
                    suffix,
                },
            ) => {
                let value = text
                    .strip_prefix(prefix.as_str())?
                    .strip_suffix(suffix.as_str())?;
                if !takes(&theirs.params.get(*index)?.ty, value, types) {
                    return None;
                }
                params.push(PathValue::Text(text.clone()));
                literal = true;
            }
            (Segment::Param { .. }, Segment::Param { .. }) => {
                params.push(PathValue::Param(own));
                own += 1;
            }
            _ => return None,
        }
    }
    literal.then_some(params)
}

/// Whether a path parameter of type `ty` can be `text`: `findByStatus` is
/// no pet id, so `POST /pet/findByStatus` stays a 405 rather than a 400
/// from `POST /pet/{petId}`.
fn takes(ty: &Ty, text: &str, types: &[TypeDef]) -> bool {
    let mut ty = ty;
    // Aliases can chain; the cap guards against a loop.
    for _ in 0..16 {
        return match ty {
            Ty::I32 => text.parse::<i32>().is_ok(),
            Ty::I64 => text.parse::<i64>().is_ok(),
            Ty::F32 | Ty::F64 => text.parse::<f64>().is_ok(),
            Ty::Bool => text == "true" || text == "false",
            Ty::Named(name) => match types.iter().find(|t| &t.name == name).map(|t| &t.kind) {
                Some(TypeKind::Enum(variants)) => variants.iter().any(|v| v.wire == text),
                Some(TypeKind::Alias(inner)) => {
                    ty = inner;
                    continue;
                }
                _ => true,
            },
            _ => true,
        };
    }
    true
}

/// Percent-encodes a literal path segment except for the characters that are
/// safe in a path, so that client and router agree on what goes on the wire.
pub fn encode_literal(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@%".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::tests::{located, model_of_paths};
    use super::{PathValue, RouteKey};

    #[test]
    fn a_literal_path_hands_the_methods_it_lacks_to_the_templated_path() {
        let (api, diagnostics) = model_of_paths(
            r#"
  /projects/{id}/services/asana:
    put: {operationId: putAsana, parameters: [{name: id, in: path, required: true, type: string}], responses: {200: {description: ok}}}
  /projects/{id}/services/{slug}:
    get: {operationId: getService, parameters: [{name: id, in: path, required: true, type: string}, {name: slug, in: path, required: true, type: string}], responses: {200: {description: ok}}}
    delete: {operationId: deleteService, parameters: [{name: id, in: path, required: true, type: string}, {name: slug, in: path, required: true, type: string}], responses: {200: {description: ok}}}
    put: {operationId: putService, parameters: [{name: id, in: path, required: true, type: string}, {name: slug, in: path, required: true, type: string}], responses: {200: {description: ok}}}
  /projects/{id}/services/{slug}/x:
    get: {operationId: other, parameters: [{name: id, in: path, required: true, type: string}, {name: slug, in: path, required: true, type: string}], responses: {200: {description: ok}}}
"#,
        );
        assert_eq!(diagnostics, []);
        let via: Vec<_> = api
            .routes
            .iter()
            .filter_map(|r| Some((r.path.as_str(), r.method, r.via.as_ref()?)))
            .collect();
        // GET and DELETE (not PUT, which the literal path has; not the
        // longer path's GET).
        assert_eq!(via.len(), 2, "{via:?}");
        for (path, method, via) in via {
            assert_eq!(path, "/projects/{p0}/services/asana");
            let target = &api.routes[via.route];
            assert_eq!(
                (target.path.as_str(), target.method),
                ("/projects/{p0}/services/{p1}", method)
            );
            assert_eq!(
                via.params,
                [PathValue::Param(0), PathValue::Text("asana".to_string())]
            );
        }
    }

    #[test]
    fn operations_told_apart_by_fixed_query_pairs_share_a_route() {
        let (api, diagnostics) = model_of_paths(
            r#"
  /?Action=A:
    get: {operationId: a, responses: {200: {description: ok}}}
  /?Action=B:
    get: {operationId: b, responses: {200: {description: ok}}}
"#,
        );
        assert_eq!(diagnostics, []);
        assert_eq!(api.routes.len(), 1);
        assert_eq!(api.routes[0].path, "/");
        assert_eq!(api.routes[0].operations, [0, 1]);
        let action = |value: &str| RouteKey::Query("Action".to_string(), value.to_string());
        assert_eq!(api.operations[0].route_keys(), [action("A")]);
        assert_eq!(api.operations[1].route_keys(), [action("B")]);
    }

    #[test]
    fn operations_told_apart_by_the_text_around_a_parameter_share_a_route() {
        let (api, diagnostics) = model_of_paths(
            r#"
  /things/{id}.json:
    get:
      operationId: json
      parameters: [{name: id, in: path, required: true, type: string}]
      responses: {200: {description: ok}}
  /things/{id}.xml:
    get:
      operationId: xml
      parameters: [{name: id, in: path, required: true, type: string}]
      responses: {200: {description: ok}}
"#,
        );
        assert_eq!(diagnostics, []);
        assert_eq!(api.routes.len(), 1);
        assert_eq!(api.routes[0].path, "/things/{p0}");
        assert_eq!(api.routes[0].operations, [0, 1]);
        let affix = |suffix: &str| RouteKey::Affix {
            position: 0,
            prefix: String::new(),
            suffix: suffix.to_string(),
        };
        assert_eq!(api.operations[0].route_keys(), [affix(".json")]);
        assert_eq!(api.operations[1].route_keys(), [affix(".xml")]);
    }

    #[test]
    fn of_two_operations_taking_the_same_requests_only_the_first_is_routed() {
        let (api, diagnostics) = model_of_paths(
            r#"
  /things/{id}:
    get:
      operationId: byId
      parameters: [{name: id, in: path, required: true, type: string}]
      responses: {200: {description: ok}}
  /things/{name}:
    get:
      operationId: byName
      parameters: [{name: name, in: path, required: true, type: string}]
      responses: {200: {description: ok}}
    post:
      operationId: create
      parameters: [{name: name, in: path, required: true, type: string}]
      responses: {200: {description: ok}}
"#,
        );
        // Every operation keeps its method; the server routes to the first.
        assert_eq!(api.operations.len(), 3);
        let routes: Vec<_> = api
            .routes
            .iter()
            .map(|r| (r.path.as_str(), r.method.as_str(), r.operations.clone()))
            .collect();
        assert_eq!(
            routes,
            [
                ("/things/{p0}", "GET", vec![0]),
                ("/things/{p0}", "POST", vec![2])
            ]
        );
        assert_eq!(
            located(&diagnostics),
            [(
                "#/paths/~1things~1{name}/get",
                "operation `byName` takes the same requests (method, path and fixed query or path text) as `byId`; the server routes them to `byId`"
            )]
        );
    }
}
