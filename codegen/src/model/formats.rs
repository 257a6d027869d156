//! What a schema's `format` and validation keywords say about a value: the
//! Rust type of a string format, the texts each format accepts, `pattern`
//! in regex-lite's syntax, and the `Rules` the generated server checks.

use super::types::annotated_ref;
use super::{Lowering, Ty};
use openapiv3 as v3;

/// The type of a `string` schema: its format's, where Rust has one.
/// `binary` inside JSON can only be text, so it stays a `String`; a binary
/// body or file part is raw bytes, decided where bodies and forms are read.
pub(super) fn string_ty(s: &v3::StringType) -> Ty {
    match &s.format {
        v3::VariantOrUnknownOrEmpty::Item(v3::StringFormat::DateTime) => Ty::DateTime,
        v3::VariantOrUnknownOrEmpty::Item(v3::StringFormat::Date) => Ty::Date,
        v3::VariantOrUnknownOrEmpty::Item(v3::StringFormat::Byte) => Ty::Base64,
        v3::VariantOrUnknownOrEmpty::Unknown(f) if f.eq_ignore_ascii_case("uuid") => Ty::Uuid,
        _ => Ty::String,
    }
}

/// `2024-02-29`: RFC 3339's `full-date` (the calendar is the parser's).
pub(super) fn is_date(t: &str) -> bool {
    let b = t.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        })
}

/// `2024-02-29T12:00:00Z`, with optional fractional seconds and an offset:
/// RFC 3339's `date-time`.
pub(super) fn is_date_time(t: &str) -> bool {
    let Some((date, time)) = t.split_once(['T', 't']) else {
        return false;
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit());
    let (clock, offset) = match time.find(['Z', 'z', '+', '-']) {
        Some(i) => time.split_at(i),
        None => return false,
    };
    let clock = match clock.split_once('.') {
        Some((clock, fraction)) if digits(fraction) => clock,
        Some(_) => return false,
        None => clock,
    };
    let hms: Vec<&str> = clock.split(':').collect();
    let offset_ok = matches!(offset, "Z" | "z")
        || offset[1..]
            .split_once(':')
            .is_some_and(|(h, m)| h.len() == 2 && m.len() == 2 && digits(h) && digits(m));
    is_date(date) && hms.len() == 3 && hms.iter().all(|p| p.len() == 2 && digits(p)) && offset_ok
}

/// `123e4567-e89b-12d3-a456-426614174000`.
pub(super) fn is_uuid(t: &str) -> bool {
    let b = t.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}

/// Standard or URL-safe base64, padded or not.
pub(super) fn is_base64(t: &str) -> bool {
    let data = t.trim_end_matches('=');
    t.len() - data.len() <= 2
        && data.len() % 4 != 1
        && data
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || b"+/-_".contains(&c))
}

/// A `pattern` (ECMA-262, unanchored) in the syntax of regex-lite, which the
/// generated server matches with. Most patterns are the same in both; a
/// JavaScript literal `/body/flags`, which some documents write, becomes its
/// body with the flags `i`, `m` and `s` inline. The error says why regex-lite
/// cannot compile it (lookaround and backreferences, mostly).
pub(super) fn pattern(text: &str) -> Result<String, String> {
    let literal = text.strip_prefix('/').and_then(|rest| {
        let (body, flags) = rest.rsplit_once('/')?;
        let flagged =
            !body.is_empty() && !flags.is_empty() && flags.chars().all(|c| "gimsuy".contains(c));
        flagged.then_some((body, flags))
    });
    let translated = match literal {
        Some((body, flags)) => {
            let inline: String = flags.chars().filter(|c| "ims".contains(*c)).collect();
            if inline.is_empty() {
                body.to_string()
            } else {
                format!("(?{inline}){body}")
            }
        }
        None => text.to_string(),
    };
    match regex_lite::Regex::new(&translated) {
        Ok(_) => Ok(translated),
        Err(e) => Err(e
            .to_string()
            .lines()
            .map(str::trim)
            .rfind(|l| !l.is_empty())
            .unwrap_or("not a regular expression")
            .to_string()),
    }
}

/// What the document asks of a value beyond its type (Swagger 2.0's
/// validation keywords); the server checks them, the client does not.
/// A string `enum` is not here: string enums are types of their own.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rules {
    /// The bound, and whether it is exclusive.
    pub minimum: Option<(f64, bool)>,
    pub maximum: Option<(f64, bool)>,
    pub min_length: Option<usize>,
    pub max_length: Option<usize>,
    pub min_items: Option<usize>,
    pub max_items: Option<usize>,
    pub unique_items: bool,
    pub min_properties: Option<usize>,
    pub max_properties: Option<usize>,
    /// A number's `multipleOf` (positive).
    pub multiple_of: Option<f64>,
    /// A string's `pattern`, in regex-lite's syntax; absent when regex-lite
    /// cannot compile it (see `pattern`).
    pub pattern: Option<String>,
    /// The values a numeric `enum` lists (string enums are types of their
    /// own; a number's enum is a rule on a plain number).
    pub numeric_enum: Vec<f64>,
    /// The rules of an array's items.
    pub items: Option<Box<Rules>>,
}

impl Rules {
    pub fn is_empty(&self) -> bool {
        *self == Rules::default()
    }

    /// The rules of an inline schema (for a `$ref`, see `Lowering::rules`).
    pub fn of(schema: &v3::ReferenceOr<v3::Schema>) -> Rules {
        match schema {
            v3::ReferenceOr::Item(schema) => Rules::of_schema(schema),
            v3::ReferenceOr::Reference { .. } => Rules::default(),
        }
    }

    /// The rules of a schema's own keywords.
    pub fn of_schema(schema: &v3::Schema) -> Rules {
        let mut rules = Rules::default();
        match &schema.schema_kind {
            // The lengths of a date or a UUID are fixed by its format, and a
            // base64 text's length is not its value's.
            v3::SchemaKind::Type(v3::Type::String(t)) if string_ty(t) == Ty::String => {
                rules.min_length = t.min_length.filter(|&n| n > 0);
                rules.max_length = t.max_length;
                rules.pattern = t.pattern.as_deref().and_then(|p| pattern(p).ok());
            }
            v3::SchemaKind::Type(v3::Type::Integer(t)) => {
                rules.minimum = t.minimum.map(|m| (m as f64, t.exclusive_minimum));
                rules.maximum = t.maximum.map(|m| (m as f64, t.exclusive_maximum));
                rules.numeric_enum = t.enumeration.iter().flatten().map(|&v| v as f64).collect();
                rules.multiple_of = t.multiple_of.filter(|&m| m > 0).map(|m| m as f64);
            }
            v3::SchemaKind::Type(v3::Type::Number(t)) => {
                rules.numeric_enum = t
                    .enumeration
                    .iter()
                    .flatten()
                    .copied()
                    .filter(|v| v.is_finite())
                    .collect();
                rules.minimum = t
                    .minimum
                    .filter(|m| m.is_finite())
                    .map(|m| (m, t.exclusive_minimum));
                rules.maximum = t
                    .maximum
                    .filter(|m| m.is_finite())
                    .map(|m| (m, t.exclusive_maximum));
                rules.multiple_of = t.multiple_of.filter(|m| m.is_finite() && *m > 0.0);
            }
            v3::SchemaKind::Type(v3::Type::Array(t)) => {
                rules.min_items = t.min_items.filter(|&n| n > 0);
                rules.max_items = t.max_items;
                rules.unique_items = t.unique_items;
                if let Some(items) = &t.items {
                    let items = Rules::of(&items.clone().unbox());
                    if !items.is_empty() {
                        rules.items = Some(Box::new(items));
                    }
                }
            }
            v3::SchemaKind::Type(v3::Type::Object(t)) => {
                rules.min_properties = t.min_properties.filter(|&n| n > 0);
                rules.max_properties = t.max_properties;
            }
            _ => {}
        }
        rules
    }
}

impl Lowering<'_> {
    /// The rules of a schema where it is used: an inline schema's own, and
    /// a `$ref`'s those of the definition it names (an alias such as
    /// `{type: array, minItems: 1}` has no type of its own to check them).
    pub(super) fn rules(&self, schema: &v3::ReferenceOr<v3::Schema>) -> Rules {
        let reference = match schema {
            v3::ReferenceOr::Reference { reference } => reference.as_str(),
            v3::ReferenceOr::Item(item) => match annotated_ref(item) {
                Some(reference) => reference,
                None => return Rules::of(schema),
            },
        };
        // Rules::of reads only the schema's own keywords: no copy.
        match self.lookup(reference) {
            Some((target, _)) => Rules::of_schema(target),
            None => Rules::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_are_read_as_regex_lite_syntax() {
        assert_eq!(pattern("^[A-Z]{3}$").as_deref(), Ok("^[A-Z]{3}$"));
        // JavaScript literals with flags: the body, with `i`, `m`, `s` inline.
        assert_eq!(pattern("/[a-z]/i").as_deref(), Ok("(?i)[a-z]"));
        assert_eq!(pattern("/^a.b$/ms").as_deref(), Ok("(?ms)^a.b$"));
        assert_eq!(pattern("/a/g").as_deref(), Ok("a"));
        // Without flags, slashes are text to match.
        assert_eq!(pattern("/api/").as_deref(), Ok("/api/"));
        assert_eq!(pattern("//x").as_deref(), Ok("//x"));
        assert!(pattern("^(?!x)").unwrap_err().contains("look-around"));
        assert!(pattern("(a)\\1").unwrap_err().contains("backreferences"));
        assert!(pattern("[").is_err());
    }
}
