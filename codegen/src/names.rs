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

/// Mixed-case words written as one: `OAuth2Token` is `oauth2_token`.
/// A whole word may take a plural `s` (`ETags` is `etags`).
const WHOLE_WORDS: &[&str] = &[
    "OAuth", "GraphQL", "GitHub", "iOS", "macOS", "ETag", "KiB", "MiB", "GiB", "TiB",
];

/// A name's words, lowercase and joined by `_`, for heck to case: split at
/// separators (see `ascii_words`), where an uppercase letter follows a
/// lowercase letter or a digit (`petId`, `S3Bucket`), and between an acronym
/// and a capitalised word (`HTTPServer`). An acronym keeps a plural `s`
/// (`clientURLs` is `client_urls`, not heck's `client_ur_ls`) and a
/// one-letter infix before digits (`IPv4Address` is `ipv4_address`); digits
/// stay with the letters before them (`OAuth2`), and so does one capital
/// after them that starts no word (`B2B` is `b2b`, `In3DSecure` is
/// `in3d_secure`).
fn words(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    for chunk in ascii_words(name).split(' ').filter(|c| !c.is_empty()) {
        let c: Vec<char> = chunk.chars().collect();
        let mut whole = vec![false; c.len()];
        for word in WHOLE_WORDS {
            let w: Vec<char> = word.chars().collect();
            for start in 0..c.len().saturating_sub(w.len() - 1) {
                let end = start + w.len();
                let plural = c.get(end) == Some(&'s')
                    && c.get(end + 1).is_none_or(|n| !n.is_ascii_lowercase());
                let ends = c.get(end).is_none_or(|n| !n.is_ascii_lowercase());
                if c[start..end] == w[..] && (ends || plural) {
                    whole[start + 1..end]
                        .iter_mut()
                        .for_each(|inside| *inside = true);
                }
            }
        }
        if !out.is_empty() {
            out.push('_');
        }
        for (i, &ch) in c.iter().enumerate() {
            if i > 0 && !whole[i] && boundary(&c, i) {
                out.push('_');
            }
            out.push(ch.to_ascii_lowercase());
        }
    }
    out
}

/// Whether a new word starts at `c[i]` (`i > 0`).
fn boundary(c: &[char], i: usize) -> bool {
    let (prev, cur) = (c[i - 1], c[i]);
    if !cur.is_ascii_uppercase() {
        return false;
    }
    let lower = |j: usize| c.get(j).is_some_and(char::is_ascii_lowercase);
    if prev.is_ascii_digit() {
        // `B2B`, `S1E2`, `In3DSecure`: one capital after digits, not
        // starting a word of its own, stays with them.
        let single = match c.get(i + 1) {
            None => true,
            Some(next) if next.is_ascii_digit() => true,
            Some(next) if next.is_ascii_uppercase() => lower(i + 2),
            Some(_) => false,
        };
        return !single;
    }
    if !prev.is_ascii_uppercase() {
        return true;
    }
    if !lower(i + 1) {
        return false;
    }
    // `URLs`, `IDs`: the acronym's plural.
    let plural = c[i + 1] == 's' && !lower(i + 2);
    // `IPv4`: a one-letter infix before digits.
    let infix = c.get(i + 2).is_some_and(char::is_ascii_digit);
    !(plural || infix)
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
    finish(words(name).to_pascal_case(), fallback, "N")
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
    finish(words(name).to_snake_case(), fallback, "n")
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

    /// Names real documents use that split badly at case changes alone
    /// (issue 13), with what a Rust programmer would write.
    #[test]
    fn acronyms_plurals_and_digits_table() {
        let cases = [
            ("clientURLs", "client_urls", "ClientUrls"),
            ("peerURLs", "peer_urls", "PeerUrls"),
            ("IDs", "ids", "Ids"),
            ("userIDs", "user_ids", "UserIds"),
            ("APIs", "apis", "Apis"),
            ("APIsList", "apis_list", "ApisList"),
            ("IPv4Address", "ipv4_address", "Ipv4Address"),
            ("ipv6", "ipv6", "Ipv6"),
            ("S3Bucket", "s3_bucket", "S3Bucket"),
            ("OAuth2Token", "oauth2_token", "Oauth2Token"),
            ("useOAuth", "use_oauth", "UseOauth"),
            ("GraphQLQuery", "graphql_query", "GraphqlQuery"),
            ("gitHubRepo", "git_hub_repo", "GitHubRepo"),
            ("GitHubRepo", "github_repo", "GithubRepo"),
            ("HTTPServer", "http_server", "HttpServer"),
            ("XMLHttpRequest", "xml_http_request", "XmlHttpRequest"),
            ("IOError", "io_error", "IoError"),
            ("ETag", "etag", "Etag"),
            ("ETags", "etags", "Etags"),
            ("ifETagMatches", "if_etag_matches", "IfEtagMatches"),
            ("SizeInMiB", "size_in_mib", "SizeInMib"),
            ("AfterPay B2B", "after_pay_b2b", "AfterPayB2b"),
            (
                "includeMetadataIn3DSecurePaymentNotification",
                "include_metadata_in3d_secure_payment_notification",
                "IncludeMetadataIn3dSecurePaymentNotification",
            ),
            ("Verifone VX6753G", "verifone_vx6753g", "VerifoneVx6753g"),
            ("Castles S1E2L", "castles_s1e2l", "CastlesS1e2l"),
            ("HTTP2XX", "http2_xx", "Http2Xx"),
            ("Route53Domains", "route53_domains", "Route53Domains"),
            ("XPosition", "x_position", "XPosition"),
            ("v1beta1", "v1beta1", "V1beta1"),
            ("K8sCluster", "k8s_cluster", "K8sCluster"),
            ("ABC", "abc", "Abc"),
            ("HTTP_STATUS", "http_status", "HttpStatus"),
            ("ipV4", "ip_v4", "IpV4"),
            ("Is", "is", "Is"),
        ];
        for (input, snake_case, pascal_case) in cases {
            assert_eq!(snake(input, "value"), snake_case, "snake({input:?})");
            assert_eq!(pascal(input, "Value"), pascal_case, "pascal({input:?})");
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

/// The identifiers of both shared corpora, as this module names them, and
/// the ones a Rust programmer would not write (issue 13). Run by
/// `scripts/names.sh`; prints a report rather than asserting, as the
/// corpora are others' and the judgement is a reader's: the worst cases go
/// into the tables above.
#[cfg(test)]
mod corpus_listing {
    use super::snake;
    use std::collections::BTreeMap;
    use std::path::Path;

    /// Collects object keys under `properties`, parameter `name`s and
    /// `operationId`s of one document.
    fn collect(value: &serde_json::Value, parent: Option<&str>, out: &mut Vec<String>) {
        match value {
            serde_json::Value::Object(map) => {
                for (key, child) in map {
                    if parent == Some("properties") {
                        out.push(key.clone());
                    }
                    if matches!(key.as_str(), "operationId" | "name")
                        && let Some(text) = child.as_str()
                    {
                        out.push(text.to_string());
                    }
                    collect(child, Some(key), out);
                }
            }
            serde_json::Value::Array(items) => {
                for item in items {
                    collect(item, None, out);
                }
            }
            _ => {}
        }
    }

    /// Whether `name`'s snake form splits a word where a reader would not:
    /// a one-letter part cut off a capital run (`e_tag`), or a plural `s`
    /// with one consonant before it (`ur_ls`).
    fn ugly(name: &str) -> Option<String> {
        let words = name.split(|c: char| !c.is_ascii_alphanumeric());
        for word in words.filter(|w| w.chars().any(|c| c.is_ascii_uppercase())) {
            let snaked = snake(word, "x");
            let parts: Vec<&str> = snaked.split('_').collect();
            let bad = parts.len() > 1
                && parts.iter().any(|p| {
                    let b = p.as_bytes();
                    (b.len() == 1 && b[0].is_ascii_alphabetic())
                        || (b.len() == 2
                            && b[1] == b's'
                            && !matches!(b[0], b'a' | b'e' | b'i' | b'o' | b'u'))
                });
            if bad {
                return Some(snake(name, "x"));
            }
        }
        None
    }

    fn files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                files(&path, out);
            } else if !matches!(
                path.file_name().and_then(|n| n.to_str()),
                Some("MANIFEST.tsv" | "QUIRKS.md" | "README.md")
            ) {
                out.push(path);
            }
        }
    }

    #[test]
    #[ignore = "reads ../shared; run by scripts/names.sh"]
    fn list_the_corpora_s_ugly_identifiers() {
        let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared");
        let mut paths = Vec::new();
        for corpus in ["corpus", "corpus-oas3"] {
            files(&shared.join(corpus), &mut paths);
        }
        if paths.is_empty() {
            println!("skipped: no corpus under {}", shared.display());
            return;
        }
        let mut names = Vec::new();
        for path in &paths {
            let file = path.to_string_lossy();
            let Ok(bytes) = std::fs::read(path) else {
                continue;
            };
            let mut reporter = crate::diagnostic::Reporter::new(&file);
            if let Some((tree, _)) = crate::load::load(&file, &bytes, &mut reporter) {
                collect(&tree, None, &mut names);
            }
        }
        let distinct: BTreeMap<&str, usize> = names.iter().fold(BTreeMap::new(), |mut m, n| {
            *m.entry(n.as_str()).or_default() += 1;
            m
        });
        let mut bad: Vec<(usize, &str, String)> = distinct
            .iter()
            .filter_map(|(name, count)| ugly(name).map(|s| (*count, *name, s)))
            .collect();
        bad.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
        println!(
            "{} documents, {} identifiers ({} distinct); {} distinct split where a reader would not:",
            paths.len(),
            names.len(),
            distinct.len(),
            bad.len()
        );
        for (count, name, snaked) in bad.iter().take(80) {
            println!("{count:>6}  {name:<40} {snaked}");
        }
    }
}
