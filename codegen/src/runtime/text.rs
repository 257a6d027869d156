// Text on the wire, for both sides: lists joined at their separator, and
// date-times as RFC 3339. Embedded in the client's and the server's `support`.

/// Joins the items of a list with its separator.
pub(super) fn join<T: std::fmt::Display>(items: impl IntoIterator<Item = T>, separator: char) -> String {
    let mut out = String::new();
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push(separator);
        }
        out.push_str(&item.to_string());
    }
    out
}

/// A date-time as RFC 3339 text, with `Z` (chrono's `Display` is not RFC 3339).
#[cfg(any(test, runtime = "date_time"))]
pub(super) struct Rfc3339<'a>(pub(super) &'a chrono::DateTime<chrono::Utc>);

#[cfg(any(test, runtime = "date_time"))]
impl std::fmt::Display for Rfc3339<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true))
    }
}

#[cfg(test)]
mod text_tests {
    use super::*;

    #[test]
    fn join_puts_the_separator_between_items_only() {
        assert_eq!(join(Vec::<i32>::new(), ','), "");
        assert_eq!(join([1], ','), "1");
        assert_eq!(join(["a", "b", "c"], '|'), "a|b|c");
    }

    #[test]
    fn date_times_are_rfc3339_in_utc_with_z() {
        let t = chrono::DateTime::parse_from_rfc3339("2024-02-29T14:00:00+02:00").unwrap().to_utc();
        assert_eq!(Rfc3339(&t).to_string(), "2024-02-29T12:00:00Z");
        let t = chrono::DateTime::parse_from_rfc3339("2024-02-29T12:00:00.250Z").unwrap().to_utc();
        assert_eq!(Rfc3339(&t).to_string(), "2024-02-29T12:00:00.250Z");
    }
}
