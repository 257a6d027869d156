// Parameters as the server reads them: parsed from their text, lists split
// at their separator, defaults, enum values and rules checked. Embedded in
// `server::support`.

fn parse<T: std::str::FromStr + 'static>(raw: &str, name: &str, location: &'static str) -> Result<T, Rejection>
where
    T::Err: std::fmt::Display,
{
    // A boolean is read as real clients spell it; the client sends `true`/`false`.
    let raw = match std::any::TypeId::of::<T>() == std::any::TypeId::of::<bool>() {
        true => boolean(raw).unwrap_or(raw),
        false => raw,
    };
    raw.parse()
        .map_err(|error: T::Err| Rejection::new(name, location, format!("invalid value {raw:?}: {error}")))
}

/// Swagger 2.0 fixes no spelling for booleans on the wire: `1`/`0`,
/// `t`/`f`, `yes`/`no`, `y`/`n` and `on`/`off` in any case are read too
/// (as other servers read them), as `true`/`false`.
fn boolean(raw: &str) -> Option<&'static str> {
    const TRUE: [&str; 6] = ["true", "1", "t", "yes", "y", "on"];
    const FALSE: [&str; 6] = ["false", "0", "f", "no", "n", "off"];
    if TRUE.iter().any(|t| raw.eq_ignore_ascii_case(t)) {
        Some("true")
    } else if FALSE.iter().any(|f| raw.eq_ignore_ascii_case(f)) {
        Some("false")
    } else {
        None
    }
}

fn missing(name: &str, location: &'static str) -> Rejection {
    Rejection::new(name, location, "required parameter is missing")
}

/// A required parameter read as a whole value (an object, JSON), or a
/// required body that is not JSON.
pub(super) fn present<T>(value: Option<T>, name: &str, location: &'static str) -> Result<T, Rejection> {
    value.ok_or_else(|| missing(name, location))
}

/// How the text of an object parameter's member is read.
#[cfg(any(test, runtime = "query_objects"))]
#[derive(Debug, Clone, Copy)]
pub(super) enum Scalar {
    Text,
    Integer,
    Number,
    Boolean,
}

/// An object parameter in the query, `None` when no member of it was sent:
/// the pairs `name[key]=value` (`deep`) or `key=value` (the exploded form
/// style, whose keys are any query names other parameters and API keys do
/// not take: `taken`, and `taken[...]`). A key among `members` is read as its kind; any other as
/// `other`'s (a map's values), or not at all. Then checked and read as a
/// JSON body is, errors naming the parameter.
#[cfg(any(test, runtime = "query_objects"))]
pub(super) fn query_object<T: serde::de::DeserializeOwned + Check>(
    input: &Input,
    name: &str,
    deep: bool,
    members: &[(&str, Scalar)],
    other: Option<Scalar>,
    taken: &[&str],
    rules: &Rules,
) -> Result<Option<T>, Rejection> {
    let mut object = serde_json::Map::new();
    for (key, text) in &input.query {
        let member = match deep {
            true => match key.strip_prefix(name).and_then(|k| k.strip_prefix('[')).and_then(|k| k.strip_suffix(']')) {
                Some(member) => member,
                None => continue,
            },
            false if taken.iter().any(|t| key == t || key.strip_prefix(t).is_some_and(|k| k.starts_with('['))) => continue,
            false => key.as_str(),
        };
        let kind = members.iter().find(|(m, _)| *m == member).map(|(_, kind)| *kind).or(other);
        let Some(kind) = kind else { continue };
        if object.contains_key(member) {
            continue;
        }
        let invalid = |why: &str| {
            let at = if deep { format!("{name}[{member}]") } else { member.to_string() };
            Rejection::new(&at, "query", format!("invalid value {text:?}: {why}"))
        };
        let value = match kind {
            Scalar::Text => serde_json::Value::String(text.clone()),
            Scalar::Integer => text.parse::<i64>().map(Into::into).map_err(|_| invalid("not an integer"))?,
            Scalar::Number => text
                .parse::<f64>()
                .ok()
                .and_then(serde_json::Number::from_f64)
                .map(serde_json::Value::Number)
                .ok_or_else(|| invalid("not a number"))?,
            Scalar::Boolean => boolean(text).map(|b| serde_json::Value::Bool(b == "true")).ok_or_else(|| invalid("not a boolean"))?,
        };
        object.insert(member.to_string(), value);
    }
    if object.is_empty() {
        return Ok(None);
    }
    whole_value(serde_json::Value::Object(object), name, "query", rules).map(Some)
}

/// A parameter sent as JSON text (`content: application/json`), checked and
/// read as a JSON body is.
#[cfg(any(test, runtime = "json_params"))]
pub(super) fn json_param<T: serde::de::DeserializeOwned + Check>(
    raw: Option<&str>,
    name: &str,
    location: &'static str,
    rules: &Rules,
) -> Result<Option<T>, Rejection> {
    let Some(raw) = raw else { return Ok(None) };
    let value = serde_json::from_str(raw).map_err(|error| Rejection::new(name, location, format!("not JSON: {error}")))?;
    whole_value(value, name, location, rules).map(Some)
}

#[cfg(any(test, runtime = "query_objects", runtime = "json_params"))]
fn whole_value<T: serde::de::DeserializeOwned + Check>(
    value: serde_json::Value,
    name: &str,
    location: &'static str,
    rules: &Rules,
) -> Result<T, Rejection> {
    let refused = |message: String| Rejection::new(name, location, message);
    apply(&value, rules, &mut String::new()).map_err(refused)?;
    T::check(&value, &mut String::new()).map_err(refused)?;
    serde_json::from_value(value).map_err(|error| refused(error.to_string()))
}

pub(super) fn optional<T: std::str::FromStr + 'static>(
    raw: Option<&str>,
    name: &str,
    location: &'static str,
) -> Result<Option<T>, Rejection>
where
    T::Err: std::fmt::Display,
{
    raw.map(|raw| parse(raw, name, location)).transpose()
}

pub(super) fn required<T: std::str::FromStr + 'static>(raw: Option<&str>, name: &str, location: &'static str) -> Result<T, Rejection>
where
    T::Err: std::fmt::Display,
{
    optional(raw, name, location)?.ok_or_else(|| missing(name, location))
}

/// An array parameter in one value, split at its separator; the empty string
/// is the empty list.
pub(super) fn optional_list<T: std::str::FromStr + 'static>(
    raw: Option<&str>,
    separator: char,
    name: &str,
    location: &'static str,
) -> Result<Option<Vec<T>>, Rejection>
where
    T::Err: std::fmt::Display,
{
    raw.map(|raw| {
        raw.split(separator)
            .filter(|_| !raw.is_empty())
            .map(|item| parse(item, name, location))
            .collect()
    })
    .transpose()
}

pub(super) fn required_list<T: std::str::FromStr + 'static>(
    raw: Option<&str>,
    separator: char,
    name: &str,
    location: &'static str,
) -> Result<Vec<T>, Rejection>
where
    T::Err: std::fmt::Display,
{
    optional_list(raw, separator, name, location)?.ok_or_else(|| missing(name, location))
}

/// An array parameter's items, split from one query or form value.
pub(super) fn optional_items<T: std::str::FromStr + 'static>(
    items: Option<Vec<String>>,
    name: &str,
    location: &'static str,
) -> Result<Option<Vec<T>>, Rejection>
where
    T::Err: std::fmt::Display,
{
    items.map(|items| items.iter().map(|item| parse(item, name, location)).collect()).transpose()
}

pub(super) fn required_items<T: std::str::FromStr + 'static>(
    items: Option<Vec<String>>,
    name: &str,
    location: &'static str,
) -> Result<Vec<T>, Rejection>
where
    T::Err: std::fmt::Display,
{
    optional_items(items, name, location)?.ok_or_else(|| missing(name, location))
}

/// An array parameter sent as one `name=value` pair per item.
pub(super) fn optional_multi<T: std::str::FromStr + 'static>(
    raw: Vec<&str>,
    name: &str,
    location: &'static str,
) -> Result<Option<Vec<T>>, Rejection>
where
    T::Err: std::fmt::Display,
{
    if raw.is_empty() {
        return Ok(None);
    }
    raw.into_iter().map(|item| parse(item, name, location)).collect::<Result<_, _>>().map(Some)
}

pub(super) fn required_multi<T: std::str::FromStr + 'static>(
    raw: Vec<&str>,
    name: &str,
    location: &'static str,
) -> Result<Vec<T>, Rejection>
where
    T::Err: std::fmt::Display,
{
    optional_multi(raw, name, location)?.ok_or_else(|| missing(name, location))
}

#[cfg(any(test, runtime = "files"))]
pub(super) fn required_file(
    file: Option<super::super::FilePart>,
    name: &str,
) -> Result<super::super::FilePart, Rejection> {
    file.ok_or_else(|| missing(name, "form"))
}

#[cfg(any(test, runtime = "files"))]
pub(super) fn optional_files(files: Vec<super::super::FilePart>) -> Option<Vec<super::super::FilePart>> {
    Some(files).filter(|files| !files.is_empty())
}

#[cfg(any(test, runtime = "files"))]
pub(super) fn required_files(
    files: Vec<super::super::FilePart>,
    name: &str,
) -> Result<Vec<super::super::FilePart>, Rejection> {
    optional_files(files).ok_or_else(|| missing(name, "form"))
}

/// The values of a repeated query parameter, or its defaults when it is
/// absent.
pub(super) fn or_defaults<'a>(values: Vec<&'a str>, defaults: &[&'a str]) -> Vec<&'a str> {
    if values.is_empty() { defaults.to_vec() } else { values }
}

/// Checks a parameter's value, once parsed, against its rules.
pub(super) fn ruled<T: serde::Serialize>(
    value: T,
    rules: &Rules,
    name: &str,
    location: &'static str,
) -> Result<T, Rejection> {
    let json = serde_json::to_value(&value).unwrap_or(serde_json::Value::Null);
    apply(&json, rules, &mut String::new()).map_err(|message| Rejection::new(name, location, message))?;
    Ok(value)
}

/// Refuses a value its parameter's `enum` does not list.
pub(super) fn one_of<'a>(
    raw: Option<&'a str>,
    accepted: &[&str],
    name: &str,
    location: &'static str,
) -> Result<Option<&'a str>, Rejection> {
    match raw {
        Some(value) if !accepted.contains(&value) => {
            let message = format!("unknown value {value:?}; expected one of: {}", accepted.join(", "));
            let mut rejection = Rejection::new(name, location, message);
            rejection.accepted = accepted.iter().map(|v| v.to_string()).collect();
            Err(rejection)
        }
        _ => Ok(raw),
    }
}

/// `one_of` for every item of an array parameter in one value.
pub(super) fn items_one_of<'a>(
    raw: Option<&'a str>,
    separator: char,
    accepted: &[&str],
    name: &str,
    location: &'static str,
) -> Result<Option<&'a str>, Rejection> {
    if let Some(text) = raw.filter(|text| !text.is_empty()) {
        for item in text.split(separator) {
            one_of(Some(item), accepted, name, location)?;
        }
    }
    Ok(raw)
}

/// `one_of` for every item of a list split from one value.
pub(super) fn listed_items(
    items: Option<Vec<String>>,
    accepted: &[&str],
    name: &str,
    location: &'static str,
) -> Result<Option<Vec<String>>, Rejection> {
    for item in items.iter().flatten() {
        one_of(Some(item.as_str()), accepted, name, location)?;
    }
    Ok(items)
}

/// `one_of` for every value of a repeated query parameter.
pub(super) fn all_one_of<'a>(
    values: Vec<&'a str>,
    accepted: &[&str],
    name: &str,
    location: &'static str,
) -> Result<Vec<&'a str>, Rejection> {
    for &value in &values {
        one_of(Some(value), accepted, name, location)?;
    }
    Ok(values)
}

/// The 400 for a request whose fixed query pairs match no operation.
pub(super) fn unmatched_query(input: &Input, keys: &[(&str, &[&str])]) -> Rejection {
    let (name, accepted) = keys
        .iter()
        .find(|(name, accepted)| !input.query(name).is_some_and(|v| accepted.contains(&v)))
        .or(keys.first())
        .copied()
        .unwrap_or(("", &[]));
    let message = match input.query(name) {
        None => format!("required parameter is missing; expected one of: {}", accepted.join(", ")),
        Some(value) => format!("unknown value {value:?}; expected one of: {}", accepted.join(", ")),
    };
    let mut rejection = Rejection::new(name, "query", message);
    rejection.accepted = accepted.iter().map(|v| v.to_string()).collect();
    rejection
}

#[cfg(test)]
mod params_tests {
    use super::*;

    #[test]
    fn required_and_optional_values_parse_or_name_the_parameter() {
        assert_eq!(optional::<i32>(None, "n", "query").unwrap(), None);
        assert_eq!(required::<i32>(Some("7"), "n", "query").unwrap(), 7);
        let missing = required::<i32>(None, "n", "query").unwrap_err();
        assert_eq!((missing.parameter.as_str(), missing.location), ("n", "query"));
        assert_eq!(missing.message, "required parameter is missing");
        let bad = required::<i32>(Some("x"), "n", "header").unwrap_err();
        assert!(bad.message.starts_with("invalid value \"x\""), "{}", bad.message);
    }

    #[test]
    fn booleans_are_read_as_real_clients_spell_them() {
        for (raw, want) in [("true", true), ("False", false), ("1", true), ("0", false), ("YES", true), ("off", false), ("t", true), ("n", false)] {
            assert_eq!(required::<bool>(Some(raw), "b", "query").unwrap(), want, "{raw}");
        }
        assert!(required::<bool>(Some("2"), "b", "query").is_err());
        assert!(required::<bool>(Some("truthy"), "b", "query").is_err());
        assert_eq!(required_list::<bool>(Some("1,false"), ',', "b", "query").unwrap(), [true, false]);
        // Other types are not bent: "1" stays a string, "yes" no number.
        assert_eq!(required::<String>(Some("yes"), "s", "query").unwrap(), "yes");
        assert!(required::<i32>(Some("yes"), "n", "query").is_err());
    }

    #[test]
    fn lists_split_at_their_separator_and_the_empty_string_is_the_empty_list() {
        assert_eq!(required_list::<i32>(Some("1|2"), '|', "l", "query").unwrap(), [1, 2]);
        assert_eq!(required_list::<i32>(Some(""), ',', "l", "query").unwrap(), Vec::<i32>::new());
        assert_eq!(optional_multi::<i32>(vec![], "l", "query").unwrap(), None);
        assert_eq!(required_multi::<i32>(vec!["3", "4"], "l", "query").unwrap(), [3, 4]);
        assert_eq!(or_defaults(vec![], &["a"]), ["a"]);
        assert_eq!(or_defaults(vec!["b"], &["a"]), ["b"]);
    }

    #[test]
    fn items_parse_each_and_are_checked_against_the_enum() {
        let items = |list: &[&str]| Some(list.iter().map(|i| i.to_string()).collect::<Vec<_>>());
        assert_eq!(required_items::<i32>(items(&["1", "2"]), "l", "query").unwrap(), [1, 2]);
        assert_eq!(optional_items::<i32>(None, "l", "query").unwrap(), None);
        assert!(required_items::<i32>(None, "l", "query").is_err());
        assert!(required_items::<i32>(items(&["1", "x"]), "l", "query").is_err());
        assert!(listed_items(items(&["a", "b,c"]), &["a", "b,c"], "e", "query").is_ok());
        assert!(listed_items(items(&["a", "z"]), &["a"], "e", "query").is_err());
    }

    #[test]
    fn enum_values_are_refused_with_the_accepted_ones() {
        assert_eq!(one_of(Some("a"), &["a", "b"], "e", "query").unwrap(), Some("a"));
        let refused = one_of(Some("c"), &["a", "b"], "e", "query").unwrap_err();
        assert_eq!(refused.accepted, ["a", "b"]);
        assert!(items_one_of(Some("a,c"), ',', &["a", "b"], "e", "query").is_err());
        assert!(items_one_of(Some(""), ',', &["a"], "e", "query").is_ok());
        assert!(all_one_of(vec!["a", "z"], &["a"], "e", "query").is_err());
    }

    #[test]
    fn rules_apply_to_parsed_parameters() {
        let rules = Rules { maximum: Some(10.0), ..Rules::NONE };
        assert_eq!(ruled(5, &rules, "n", "query").unwrap(), 5);
        let refused = ruled(11, &rules, "n", "query").unwrap_err();
        assert_eq!(refused.message, "11 is above the maximum 10");
    }
}
