//! End-to-end tests, in one test binary: for each document, the generated
//! client against the generated server on 127.0.0.1, raw HTTP the client did
//! not build, and a recording server that shows what the client puts on the
//! wire. `common` holds what they share (serving, raw requests, the recorder).

mod common;

mod definitions;
mod fake_endpoints;
mod fake_endpoints_oas3;
mod formats;
mod middleware;
mod params;
mod patterns;
mod petstore;
mod polymorphism;
mod ranges;
mod refs;
mod routing;
mod security;
mod seed;
mod server;
mod streams;
mod styles;
mod unions;
mod xml;
