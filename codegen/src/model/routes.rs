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
