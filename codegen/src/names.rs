//! Every Rust identifier the generator emits is decided here.
//!
//! Names arrive from the document in any shape (`x-request-id`, `1st`, `No Name`,
//! `type`, `名前`, the empty string). This module turns them into valid Rust
//! identifiers in the requested case. The wire name is never re-derived from the
//! result: callers keep both.

use heck::{ToPascalCase, ToSnakeCase};
use proc_macro2::{Ident, Span};
use std::collections::BTreeSet;

/// Keywords of every edition that may be used as raw identifiers (`r#type`).
const RAW_KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "union", "unsafe", "unsized",
    "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers; they get a trailing underscore.
const NON_RAW_KEYWORDS: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Splits a name into ASCII words: ASCII letters and digits are kept, every
/// other ASCII character separates words, and a non-ASCII character becomes a
/// word of its own spelled as its code point (`é` → `U00e9`), so two different
/// non-ASCII names never collapse into the same identifier.
fn ascii_words(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if c.is_ascii() {
            out.push(' ');
        } else {
            out.push_str(&format!(" U{:04x} ", c as u32));
        }
    }
    out
}

fn finish(mut candidate: String, fallback: &str, digit_prefix: &str) -> String {
    if candidate.is_empty() {
        candidate = fallback.to_string();
    }
    if candidate.starts_with(|c: char| c.is_ascii_digit()) {
        candidate.insert_str(0, digit_prefix);
    }
    if NON_RAW_KEYWORDS.contains(&candidate.as_str()) {
        candidate.push('_');
    } else if RAW_KEYWORDS.contains(&candidate.as_str()) {
        candidate.insert_str(0, "r#");
    }
    candidate
}

/// A type or variant name: `pet_status` → `PetStatus`, `1st` → `N1st`, `` → `fallback`.
pub fn pascal(name: &str, fallback: &str) -> String {
    finish(ascii_words(name).to_pascal_case(), fallback, "N")
}

/// An enum variant name: like [`pascal`], except that a value made only of
/// ASCII symbols is spelled by their names (`>` → `Gt`, `$` → `Dollar`,
/// `>=` → `GtEq`) rather than falling back, so `enum: [">", "$"]` reads
/// as `Gt` and `Dollar`, not `Empty` and `Empty2`. The empty value is `Empty`.
pub fn variant(wire: &str) -> String {
    let name = pascal(wire, "");
    if !name.is_empty() || wire.is_empty() || !wire.is_ascii() {
        return finish(name, "Empty", "N");
    }
    let spelled: String = wire.chars().map(symbol_name).collect();
    finish(spelled, "Empty", "N")
}

fn symbol_name(c: char) -> &'static str {
    match c {
        '>' => "Gt",
        '<' => "Lt",
        '=' => "Eq",
        '!' => "Bang",
        '$' => "Dollar",
        '-' => "Minus",
        '+' => "Plus",
        '*' => "Star",
        '/' => "Slash",
        '\\' => "Backslash",
        '.' => "Dot",
        ',' => "Comma",
        ':' => "Colon",
        ';' => "Semicolon",
        '_' => "Underscore",
        '@' => "At",
        '#' => "Hash",
        '%' => "Percent",
        '&' => "Amp",
        '|' => "Pipe",
        '~' => "Tilde",
        '^' => "Caret",
        '?' => "Question",
        '(' => "LParen",
        ')' => "RParen",
        '[' => "LBracket",
        ']' => "RBracket",
        '{' => "LBrace",
        '}' => "RBrace",
        '"' => "Quote",
        '\'' => "Apostrophe",
        '`' => "Backtick",
        _ => "Space",
    }
}

/// A field, function or module name: `X-Request-Id` → `x_request_id`, `type` → `r#type`.
pub fn snake(name: &str, fallback: &str) -> String {
    finish(ascii_words(name).to_snake_case(), fallback, "n")
}

/// Builds a `proc_macro2::Ident` from a name produced by [`pascal`] or [`snake`].
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// Hands out names unique within one scope, deterministically: the first
/// claimant of a name keeps it, later ones get `2`, `3`, ... appended.
#[derive(Debug, Default)]
pub struct Scope {
    taken: BTreeSet<String>,
}

impl Scope {
    pub fn new() -> Self {
        Self::default()
    }

    /// Marks a name as used without claiming it through [`Scope::claim`].
    pub fn reserve(&mut self, name: &str) {
        self.taken.insert(name.trim_start_matches("r#").to_string());
    }

    /// Returns `name` if free, otherwise the first free `name2`, `name3`, ...;
    /// the boolean says whether the name had to change.
    pub fn claim(&mut self, name: &str) -> (String, bool) {
        let bare = name.trim_start_matches("r#");
        if self.taken.insert(bare.to_string()) {
            return (name.to_string(), false);
        }
        // `Self_` + 2 would be `Self_2`, which is not UpperCamelCase.
        let bare = if bare.starts_with(|c: char| c.is_ascii_uppercase()) {
            bare.trim_end_matches('_')
        } else {
            bare
        };
        let sep = if bare.ends_with(|c: char| c.is_ascii_digit()) {
            "_"
        } else {
            ""
        };
        let mut n = 2u32;
        loop {
            let candidate = format!("{bare}{sep}{n}");
            if self.taken.insert(candidate.clone()) {
                return (candidate, true);
            }
            n += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_table() {
        let cases = [
            ("", "value"),
            ("1st", "n1st"),
            ("x-request-id", "x_request_id"),
            ("X-Request-Id", "x_request_id"),
            ("No Name", "no_name"),
            ("type", "r#type"),
            ("gen", "r#gen"),
            ("async", "r#async"),
            ("self", "self_"),
            ("Self", "self_"),
            ("super", "super_"),
            ("crate", "crate_"),
            ("_", "value"),
            ("名前", "u540d_u524d"),
            ("petId", "pet_id"),
            ("DryRun", "dry_run"),
            ("a.b[c]", "a_b_c"),
        ];
        for (input, expected) in cases {
            assert_eq!(snake(input, "value"), expected, "snake({input:?})");
        }
    }

    #[test]
    fn pascal_table() {
        let cases = [
            ("", "Unnamed"),
            ("1st", "N1st"),
            ("pet_status", "PetStatus"),
            ("No Name", "NoName"),
            ("self", "Self_"),
            ("Self", "Self_"),
            ("type", "Type"),
            ("acknowledgeJob", "AcknowledgeJob"),
            ("é", "U00e9"),
        ];
        for (input, expected) in cases {
            assert_eq!(pascal(input, "Unnamed"), expected, "pascal({input:?})");
        }
    }

    #[test]
    fn variant_table() {
        let cases = [
            ("", "Empty"),
            (">", "Gt"),
            ("$", "Dollar"),
            (">=", "GtEq"),
            ("_abc", "Abc"),
            ("-efg", "Efg"),
            ("(xyz)", "Xyz"),
            ("1", "N1"),
            (" ", "Space"),
            ("é", "U00e9"),
            ("self", "Self_"),
        ];
        for (input, expected) in cases {
            assert_eq!(variant(input), expected, "variant({input:?})");
            let _ = ident(&variant(input));
        }
    }

    #[test]
    fn every_name_is_a_valid_ident() {
        for input in [
            "", "1", "type", "gen", "self", "Self", "super", "crate", "_", "é", "a b",
        ] {
            let _ = ident(&snake(input, "value"));
            let _ = ident(&pascal(input, "Value"));
        }
    }

    #[test]
    fn scope_suffixes_deterministically() {
        let mut scope = Scope::new();
        assert_eq!(scope.claim("Pet"), ("Pet".to_string(), false));
        assert_eq!(scope.claim("Pet"), ("Pet2".to_string(), true));
        assert_eq!(scope.claim("Pet"), ("Pet3".to_string(), true));
        assert_eq!(scope.claim("V1"), ("V1".to_string(), false));
        assert_eq!(scope.claim("V1"), ("V1_2".to_string(), true));
        assert_eq!(scope.claim("Self_"), ("Self_".to_string(), false));
        assert_eq!(scope.claim("Self_"), ("Self2".to_string(), true));
        scope.reserve("r#type");
        assert_eq!(scope.claim("r#type"), ("type2".to_string(), true));
    }
}
