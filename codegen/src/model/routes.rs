//! The routing pass: operations grouped into server routes (one per path
//! and method), and within a route told apart by their `RouteKey`s.

use super::{Lowering, Method, Operation, Route, Segment};
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
        routes
    }
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
    use super::RouteKey;

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
