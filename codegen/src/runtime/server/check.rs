// JSON bodies as the server reads them: parsed, checked against what the
// document asks beyond what serde checks (`Check`: no `null` where it is not
// allowed, enum values, objects that are objects, validation keywords), then
// read into their type. Embedded in `server::support`.

pub(super) fn required_json<T: serde::de::DeserializeOwned + Check>(body: &[u8], rules: &Rules) -> Result<T, Rejection> {
    if body.is_empty() {
        return Err(Rejection::new("body", "body", "required body is missing"));
    }
    let value: serde_json::Value =
        serde_json::from_slice(body).map_err(|error| Rejection::new("body", "body", error.to_string()))?;
    checked(value, rules)
}

/// A body's value, checked against the document's rules, as its type.
fn checked<T: serde::de::DeserializeOwned + Check>(value: serde_json::Value, rules: &Rules) -> Result<T, Rejection> {
    let refused = |message| Rejection::new("body", "body", message);
    apply(&value, rules, &mut String::new()).map_err(refused)?;
    T::check(&value, &mut String::new()).map_err(refused)?;
    serde_json::from_value(value).map_err(|error| Rejection::new("body", "body", error.to_string()))
}

/// An XML body read in the shape `root` gives it, then checked as a JSON
/// body is.
#[cfg(any(test, runtime = "xml"))]
pub(super) fn required_xml<T: serde::de::DeserializeOwned + Check>(
    body: &[u8],
    root: &super::super::runtime::XmlProp,
    rules: &Rules,
) -> Result<T, Rejection> {
    if body.is_empty() {
        return Err(Rejection::new("body", "body", "required body is missing"));
    }
    let value = super::super::runtime::read_xml(body, root).map_err(|message| Rejection::new("body", "body", message))?;
    checked(value, rules)
}

#[cfg(any(test, runtime = "xml"))]
pub(super) fn optional_xml<T: serde::de::DeserializeOwned + Check>(
    body: &[u8],
    root: &super::super::runtime::XmlProp,
    rules: &Rules,
) -> Result<Option<T>, Rejection> {
    if body.is_empty() {
        return Ok(None);
    }
    required_xml(body, root, rules).map(Some)
}

pub(super) fn optional_json<T: serde::de::DeserializeOwned + Check>(body: &[u8], rules: &Rules) -> Result<Option<T>, Rejection> {
    if body.is_empty() {
        return Ok(None);
    }
    required_json(body, rules).map(Some)
}

/// What the document asks of a JSON body beyond what serde checks when it
/// reads the body into its type: no `null` where the schema is not nullable,
/// and only the values an enum lists (the types themselves accept both, so
/// that clients stay lenient). `at` is the JSON pointer of `value` in the
/// body; the error names it and the rule.
pub(super) trait Check {
    /// Whether `null` is a value of the type itself (free-form JSON), so
    /// that a list or map of it may hold one.
    const TAKES_NULL: bool = false;

    fn check(value: &serde_json::Value, at: &mut String) -> Result<(), String>;
}

macro_rules! nothing_to_check {
    ($($t:ty),*) => {$(
        impl Check for $t {
            fn check(_: &serde_json::Value, _: &mut String) -> Result<(), String> {
                Ok(())
            }
        }
    )*};
}

nothing_to_check!(String, i32, i64, f32, f64, bool, bytes::Bytes);

impl Check for serde_json::Value {
    const TAKES_NULL: bool = true;

    fn check(_: &serde_json::Value, _: &mut String) -> Result<(), String> {
        Ok(())
    }
}

/// A string that is not a value of its format is refused at its JSON pointer
/// (serde would refuse it too, without saying where).
macro_rules! format_to_check {
    ($t:ty, $what:literal) => {
        impl Check for $t {
            fn check(value: &serde_json::Value, at: &mut String) -> Result<(), String> {
                match value.as_str() {
                    Some(text) if text.parse::<$t>().is_err() => {
                        let at = if at.is_empty() { "/" } else { at.as_str() };
                        Err(format!("{at}: {text:?} is not {}", $what))
                    }
                    _ => Ok(()),
                }
            }
        }
    };
}

#[cfg(any(test, runtime = "date_time"))]
format_to_check!(chrono::DateTime<chrono::Utc>, "an RFC 3339 date-time");
#[cfg(any(test, runtime = "date"))]
format_to_check!(chrono::NaiveDate, "a date (YYYY-MM-DD)");
#[cfg(any(test, runtime = "uuid"))]
format_to_check!(uuid::Uuid, "a UUID");
#[cfg(any(test, runtime = "base64"))]
format_to_check!(super::super::Base64, "base64");

impl<T: Check> Check for Option<T> {
    fn check(value: &serde_json::Value, at: &mut String) -> Result<(), String> {
        T::check(value, at)
    }
}

impl<T: Check> Check for Box<T> {
    fn check(value: &serde_json::Value, at: &mut String) -> Result<(), String> {
        T::check(value, at)
    }
}

impl<T: Check> Check for Vec<T> {
    fn check(value: &serde_json::Value, at: &mut String) -> Result<(), String> {
        if let serde_json::Value::Array(items) = value {
            for (index, item) in items.iter().enumerate() {
                member::<T>(item, &index.to_string(), false, &Rules::NONE, at)?;
            }
        }
        Ok(())
    }
}

impl<T: Check> Check for std::collections::BTreeMap<String, T> {
    fn check(value: &serde_json::Value, at: &mut String) -> Result<(), String> {
        for (key, entry) in object(value, at)? {
            member::<T>(entry, key, false, &Rules::NONE, at)?;
        }
        Ok(())
    }
}

/// The members of a JSON object; anything else is refused at `at`.
pub(super) fn object<'v>(value: &'v serde_json::Value, at: &str) -> Result<&'v serde_json::Map<String, serde_json::Value>, String> {
    match value {
        serde_json::Value::Object(object) => Ok(object),
        other => {
            let found = match other {
                serde_json::Value::Array(_) => "an array",
                serde_json::Value::String(_) => "a string",
                serde_json::Value::Number(_) => "a number",
                serde_json::Value::Bool(_) => "a boolean",
                _ => "null",
            };
            let at = if at.is_empty() { "/" } else { at };
            Err(format!("{at}: expected an object, found {found}"))
        }
    }
}

/// Refuses a string an enum does not list.
pub(super) fn listed(value: &serde_json::Value, accepted: &[&str], at: &str) -> Result<(), String> {
    match value.as_str() {
        Some(text) if !accepted.contains(&text) => {
            let at = if at.is_empty() { "/" } else { at };
            Err(format!("{at}: unknown value {text:?}; expected one of: {}", accepted.join(", ")))
        }
        _ => Ok(()),
    }
}

/// Checks `value`, the member `name` of the value at `at`.
pub(super) fn member<T: Check>(
    value: &serde_json::Value,
    name: &str,
    nullable: bool,
    rules: &Rules,
    at: &mut String,
) -> Result<(), String> {
    let len = at.len();
    at.push('/');
    at.push_str(&name.replace('~', "~0").replace('/', "~1"));
    if value.is_null() {
        if nullable || T::TAKES_NULL {
            at.truncate(len);
            return Ok(());
        }
        return Err(format!("{at}: null is not allowed here"));
    }
    apply(value, rules, at)?;
    T::check(value, at)?;
    at.truncate(len);
    Ok(())
}

/// The member `name` of `object`, checked as [`member`] checks it, when the
/// object has it (whether it must is serde's to say).
pub(super) fn member_of<T: Check>(
    object: &serde_json::Map<String, serde_json::Value>,
    name: &str,
    nullable: bool,
    rules: &Rules,
    at: &mut String,
) -> Result<(), String> {
    match object.get(name) {
        Some(value) => member::<T>(value, name, nullable, rules, at),
        None => Ok(()),
    }
}

/// The validation keywords of one schema (see `apply`).
#[derive(Debug, Clone, Copy)]
pub(super) struct Rules {
    pub(super) minimum: Option<f64>,
    pub(super) exclusive_minimum: bool,
    pub(super) maximum: Option<f64>,
    pub(super) exclusive_maximum: bool,
    pub(super) min_length: Option<usize>,
    pub(super) max_length: Option<usize>,
    pub(super) min_items: Option<usize>,
    pub(super) max_items: Option<usize>,
    pub(super) unique_items: bool,
    pub(super) min_properties: Option<usize>,
    pub(super) max_properties: Option<usize>,
    /// `multipleOf`: the value divided by it is a whole number.
    pub(super) multiple_of: Option<f64>,
    pub(super) items: Option<&'static Rules>,
    /// A numeric `enum`: the values it lists (empty: any).
    pub(super) numeric_enum: &'static [f64],
    /// A string's `pattern` (regex-lite syntax, unanchored).
    #[cfg(any(test, runtime = "patterns"))]
    pub(super) pattern: Option<&'static str>,
}

impl Rules {
    pub(super) const NONE: Self = Self {
        minimum: None,
        exclusive_minimum: false,
        maximum: None,
        exclusive_maximum: false,
        min_length: None,
        max_length: None,
        min_items: None,
        max_items: None,
        unique_items: false,
        min_properties: None,
        max_properties: None,
        multiple_of: None,
        items: None,
        numeric_enum: &[],
        #[cfg(any(test, runtime = "patterns"))]
        pattern: None,
    };
}

/// Checks `value` (at `at`) against `rules`: a numeric enum, minimum and
/// maximum (exclusive or not), minLength and maxLength (in characters), the
/// pattern, minItems, maxItems and uniqueItems, the items' own rules, and
/// minProperties and maxProperties.
pub(super) fn apply(value: &serde_json::Value, rules: &Rules, at: &mut String) -> Result<(), String> {
    let fail = |at: &str, why: String| Err(if at.is_empty() { why } else { format!("{at}: {why}") });
    if let Some(n) = value.as_f64() {
        if !rules.numeric_enum.is_empty() && !rules.numeric_enum.contains(&n) {
            let listed: Vec<String> = rules.numeric_enum.iter().map(|v| v.to_string()).collect();
            return fail(at, format!("{value} is not one of the values the enum lists ({})", listed.join(", ")));
        }
        if let Some(min) = rules.minimum.filter(|&min| n < min || (rules.exclusive_minimum && n == min)) {
            let kind = if rules.exclusive_minimum { "exclusive minimum" } else { "minimum" };
            return fail(at, format!("{value} is below the {kind} {min}"));
        }
        if let Some(max) = rules.maximum.filter(|&max| n > max || (rules.exclusive_maximum && n == max)) {
            let kind = if rules.exclusive_maximum { "exclusive maximum" } else { "maximum" };
            return fail(at, format!("{value} is above the {kind} {max}"));
        }
        // A quotient within rounding of a whole number counts (0.3 is a
        // multiple of 0.1, though 0.3 / 0.1 is 2.9999999999999996); the
        // tolerance does not grow with the quotient, so 5000000003 is no
        // multiple of 10.
        if let Some(m) = rules.multiple_of {
            let quotient = n / m;
            if (quotient - quotient.round()).abs() > 1e-9 {
                return fail(at, format!("{value} is not a multiple of {m}"));
            }
        }
    }
    if let Some(text) = value.as_str() {
        let length = text.chars().count();
        if let Some(min) = rules.min_length.filter(|&min| length < min) {
            return fail(at, format!("{length} characters, fewer than the minLength {min}"));
        }
        if let Some(max) = rules.max_length.filter(|&max| length > max) {
            return fail(at, format!("{length} characters, more than the maxLength {max}"));
        }
        #[cfg(any(test, runtime = "patterns"))]
        if let Some(pattern) = rules.pattern.filter(|pattern| !matches(pattern, text)) {
            return fail(at, format!("{text:?} does not match the pattern {pattern}"));
        }
    }
    if let Some(object) = value.as_object() {
        if let Some(min) = rules.min_properties.filter(|&min| object.len() < min) {
            return fail(at, format!("{} properties, fewer than the minProperties {min}", object.len()));
        }
        if let Some(max) = rules.max_properties.filter(|&max| object.len() > max) {
            return fail(at, format!("{} properties, more than the maxProperties {max}", object.len()));
        }
    }
    if let Some(items) = value.as_array() {
        if let Some(min) = rules.min_items.filter(|&min| items.len() < min) {
            return fail(at, format!("{} items, fewer than the minItems {min}", items.len()));
        }
        if let Some(max) = rules.max_items.filter(|&max| items.len() > max) {
            return fail(at, format!("{} items, more than the maxItems {max}", items.len()));
        }
        if rules.unique_items {
            let mut seen = std::collections::BTreeSet::new();
            if let Some(item) = items.iter().find(|item| !seen.insert(item.to_string())) {
                return fail(at, format!("{item} appears twice, but uniqueItems is set"));
            }
        }
        if let Some(item_rules) = rules.items {
            for (index, item) in items.iter().enumerate() {
                let len = at.len();
                at.push('/');
                at.push_str(&index.to_string());
                apply(item, item_rules, at)?;
                at.truncate(len);
            }
        }
    }
    Ok(())
}

/// Whether `text` matches `pattern` anywhere (JSON Schema's `pattern` is not
/// anchored). Each pattern is compiled once; one that does not compile (the
/// generator warned) checks nothing.
#[cfg(any(test, runtime = "patterns"))]
fn matches(pattern: &'static str, text: &str) -> bool {
    type Compiled = std::collections::BTreeMap<&'static str, Option<regex_lite::Regex>>;
    static CACHE: std::sync::OnceLock<std::sync::RwLock<Compiled>> = std::sync::OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let known = cache
        .read()
        .ok()
        .and_then(|compiled| compiled.get(pattern).map(|regex| regex.as_ref().is_none_or(|regex| regex.is_match(text))));
    if let Some(found) = known {
        return found;
    }
    let regex = regex_lite::Regex::new(pattern).ok();
    let found = regex.as_ref().is_none_or(|regex| regex.is_match(text));
    if let Ok(mut compiled) = cache.write() {
        compiled.insert(pattern, regex);
    }
    found
}

#[cfg(test)]
mod check_tests {
    use super::*;

    fn apply_to(value: serde_json::Value, rules: &Rules) -> Result<(), String> {
        apply(&value, rules, &mut String::from("/x"))
    }

    #[test]
    fn bounds_are_inclusive_unless_exclusive() {
        let rules = Rules { minimum: Some(1.0), maximum: Some(3.0), ..Rules::NONE };
        assert!(apply_to(1.into(), &rules).is_ok());
        assert!(apply_to(3.into(), &rules).is_ok());
        assert_eq!(apply_to(0.into(), &rules).unwrap_err(), "/x: 0 is below the minimum 1");
        let rules = Rules { minimum: Some(1.0), exclusive_minimum: true, ..Rules::NONE };
        assert_eq!(apply_to(1.into(), &rules).unwrap_err(), "/x: 1 is below the exclusive minimum 1");
        let rules = Rules { maximum: Some(3.0), exclusive_maximum: true, ..Rules::NONE };
        assert!(apply_to(3.into(), &rules).unwrap_err().contains("exclusive maximum"));
    }

    #[test]
    fn lengths_count_characters_and_patterns_are_unanchored() {
        let rules = Rules { min_length: Some(2), max_length: Some(3), pattern: Some("[0-9]"), ..Rules::NONE };
        assert!(apply_to("ü1".into(), &rules).is_ok());
        assert!(apply_to("a".into(), &rules).unwrap_err().contains("fewer than the minLength 2"));
        assert!(apply_to("abcd".into(), &rules).unwrap_err().contains("more than the maxLength 3"));
        assert!(apply_to("ab".into(), &rules).unwrap_err().contains("does not match the pattern [0-9]"));
        // A pattern regex-lite cannot compile checks nothing.
        let rules = Rules { pattern: Some("(?<!x)y"), ..Rules::NONE };
        assert!(apply_to("xy".into(), &rules).is_ok());
    }

    #[test]
    fn arrays_check_their_counts_uniqueness_and_items_at_their_pointers() {
        static ITEMS: Rules = Rules { maximum: Some(9.0), ..Rules::NONE };
        let rules = Rules { min_items: Some(1), max_items: Some(3), unique_items: true, items: Some(&ITEMS), ..Rules::NONE };
        assert!(apply_to(serde_json::json!([1, 2]), &rules).is_ok());
        assert!(apply_to(serde_json::json!([]), &rules).unwrap_err().contains("fewer than the minItems 1"));
        assert!(apply_to(serde_json::json!([1, 2, 3, 4]), &rules).unwrap_err().contains("maxItems 3"));
        assert!(apply_to(serde_json::json!([1, 1]), &rules).unwrap_err().contains("1 appears twice"));
        assert_eq!(apply_to(serde_json::json!([1, 10]), &rules).unwrap_err(), "/x/1: 10 is above the maximum 9");
    }

    #[test]
    fn objects_check_their_property_counts() {
        let rules = Rules { min_properties: Some(1), max_properties: Some(2), ..Rules::NONE };
        assert!(apply_to(serde_json::json!({"a": 1}), &rules).is_ok());
        assert_eq!(apply_to(serde_json::json!({}), &rules).unwrap_err(), "/x: 0 properties, fewer than the minProperties 1");
        assert!(apply_to(serde_json::json!({"a": 1, "b": 2, "c": 3}), &rules).unwrap_err().contains("maxProperties 2"));
    }

    #[test]
    fn free_form_values_may_be_null_in_lists_and_maps() {
        type Map = std::collections::BTreeMap<String, serde_json::Value>;
        assert!(<Map as Check>::check(&serde_json::json!({"a": null, "b": [null]}), &mut String::new()).is_ok());
        assert!(<Vec<serde_json::Value> as Check>::check(&serde_json::json!([1, null]), &mut String::new()).is_ok());
        let error = <Vec<i64> as Check>::check(&serde_json::json!([1, null]), &mut String::new()).unwrap_err();
        assert_eq!(error, "/1: null is not allowed here");
    }

    #[test]
    fn numbers_are_multiples_of_their_multiple_of_within_rounding() {
        let tenth = Rules { multiple_of: Some(0.1), ..Rules::NONE };
        for ok in [serde_json::json!(0.3), serde_json::json!(7), serde_json::json!(-1.2), serde_json::json!(0)] {
            assert!(apply_to(ok.clone(), &tenth).is_ok(), "{ok}");
        }
        assert_eq!(apply_to(serde_json::json!(0.35), &tenth).unwrap_err(), "/x: 0.35 is not a multiple of 0.1");
        let five = Rules { multiple_of: Some(5.0), ..Rules::NONE };
        assert!(apply_to(serde_json::json!(15), &five).is_ok());
        assert!(apply_to(serde_json::json!(16), &five).is_err());
        let ten = Rules { multiple_of: Some(10.0), ..Rules::NONE };
        assert!(apply_to(serde_json::json!(5_000_000_003_i64), &ten).is_err());
        assert!(apply_to(serde_json::json!(5_000_000_000_i64), &ten).is_ok());
    }

    #[test]
    fn a_map_is_an_object_and_a_body_meets_its_own_rules() {
        type Map = std::collections::BTreeMap<String, serde_json::Value>;
        assert!(required_json::<Map>(br#"{"a": [1]}"#, &Rules::NONE).is_ok());
        let refused = required_json::<Map>(b"[1, 2]", &Rules::NONE).unwrap_err();
        assert_eq!(refused.message, "/: expected an object, found an array");
        let rules = Rules { min_items: Some(1), ..Rules::NONE };
        let refused = required_json::<Vec<i32>>(b"[]", &rules).unwrap_err();
        assert_eq!(refused.message, "0 items, fewer than the minItems 1");
        assert_eq!(optional_json::<Vec<i32>>(b"", &rules).unwrap(), None);
    }

    #[test]
    fn a_numeric_enum_admits_only_its_values() {
        let rules = Rules { numeric_enum: &[1.0, 2.5], ..Rules::NONE };
        assert!(apply_to(2.5.into(), &rules).is_ok());
        assert!(apply_to(2.into(), &rules).unwrap_err().contains("(1, 2.5)"));
    }

    #[test]
    fn members_refuse_null_unless_nullable_and_escape_their_names() {
        let mut at = String::new();
        assert!(member::<i32>(&serde_json::Value::Null, "a", true, &Rules::NONE, &mut at).is_ok());
        assert_eq!(at, "");
        let error = member::<i32>(&serde_json::Value::Null, "a/b~c", false, &Rules::NONE, &mut at).unwrap_err();
        assert_eq!(error, "/a~1b~0c: null is not allowed here");
        let object = serde_json::json!({"a": null, "b": 5});
        let object = object.as_object().unwrap();
        let mut at = String::new();
        assert!(member_of::<i32>(object, "absent", false, &Rules::NONE, &mut at).is_ok());
        assert!(member_of::<i32>(object, "b", false, &Rules::NONE, &mut at).is_ok());
        assert_eq!(at, "");
        assert_eq!(member_of::<i32>(object, "a", false, &Rules::NONE, &mut at).unwrap_err(), "/a: null is not allowed here");
    }

    #[test]
    fn objects_must_be_objects_and_enums_list_their_values() {
        assert_eq!(object(&serde_json::json!([1]), "").unwrap_err(), "/: expected an object, found an array");
        assert!(object(&serde_json::json!({}), "/a").is_ok());
        assert_eq!(
            listed(&serde_json::json!("c"), &["a", "b"], "/s").unwrap_err(),
            "/s: unknown value \"c\"; expected one of: a, b"
        );
    }

    #[test]
    fn json_bodies_are_checked_before_serde_reads_them() {
        assert_eq!(required_json::<i32>(b"", &Rules::NONE).unwrap_err().message, "required body is missing");
        assert_eq!(optional_json::<i32>(b"", &Rules::NONE).unwrap(), None);
        assert_eq!(required_json::<Vec<i32>>(b"[1, 2]", &Rules::NONE).unwrap(), [1, 2]);
        let error = required_json::<Vec<i32>>(b"[1, null]", &Rules::NONE).unwrap_err();
        assert_eq!((error.parameter.as_str(), error.message.as_str()), ("body", "/1: null is not allowed here"));
        let error = required_json::<Vec<chrono::NaiveDate>>(b"[\"2024-02-30\"]", &Rules::NONE).unwrap_err();
        assert_eq!(error.message, "/0: \"2024-02-30\" is not a date (YYYY-MM-DD)");
        assert!(required_json::<i32>(b"{", &Rules::NONE).unwrap_err().message.contains("EOF"));
    }
}
