//! Reads any serde format (YAML, JSON) into a JSON tree as lenient readers
//! do, noting what was bent so it can be reported at its place: a key given
//! twice in one mapping (the later value wins, as in most YAML and JSON
//! readers; serde_yaml's own tree refuses the document) and an integer
//! beyond 64 bits (read as the nearest float; serde_json's tree refuses it).

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};
use std::cell::RefCell;
use std::fmt;

/// Something the reader bent, at a JSON pointer into the document.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Note {
    /// The key at this pointer appeared again in the same mapping.
    Duplicate(String),
    /// An integer (its text) that does not fit in 64 bits.
    Wide(String, String),
}

/// The path to the value being read and the notes so far.
#[derive(Default)]
pub(crate) struct Reading {
    path: Vec<String>,
    pub(crate) notes: Vec<Note>,
}

impl Reading {
    fn pointer(&self) -> String {
        self.path.iter().fold(String::from("#"), |p, token| {
            crate::pointer::join(&p, token)
        })
    }
}

/// Reads one value of `deserializer` into a tree, recording notes in `reading`.
pub(crate) fn read<'de, D: Deserializer<'de>>(
    deserializer: D,
    reading: &RefCell<Reading>,
) -> Result<Value, D::Error> {
    Node(reading).deserialize(deserializer)
}

struct Node<'r>(&'r RefCell<Reading>);

impl<'de> DeserializeSeed<'de> for Node<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

fn float(f: f64) -> Value {
    match Number::from_f64(f) {
        Some(n) => Value::Number(n),
        // `.nan` and `.inf` have no JSON number; they stay readable as text.
        None if f.is_nan() => Value::String(".nan".into()),
        None if f > 0.0 => Value::String(".inf".into()),
        None => Value::String("-.inf".into()),
    }
}

impl<'de> Visitor<'de> for Node<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_i128<E>(self, v: i128) -> Result<Value, E> {
        if let Ok(v) = i64::try_from(v) {
            return Ok(Value::from(v));
        }
        if let Ok(v) = u64::try_from(v) {
            return Ok(Value::from(v));
        }
        let mut reading = self.0.borrow_mut();
        let pointer = reading.pointer();
        reading.notes.push(Note::Wide(pointer, v.to_string()));
        Ok(float(v as f64))
    }

    fn visit_u128<E>(self, v: u128) -> Result<Value, E> {
        match u64::try_from(v) {
            Ok(v) => Ok(Value::from(v)),
            Err(_) => {
                let mut reading = self.0.borrow_mut();
                let pointer = reading.pointer();
                reading.notes.push(Note::Wide(pointer, v.to_string()));
                Ok(float(v as f64))
            }
        }
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(float(v))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
        loop {
            self.0.borrow_mut().path.push(items.len().to_string());
            let item = seq.next_element_seed(Node(self.0));
            self.0.borrow_mut().path.pop();
            match item? {
                Some(item) => items.push(item),
                None => return Ok(Value::Array(items)),
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some(key) = map.next_key_seed(Key)? {
            self.0.borrow_mut().path.push(key);
            let value = map.next_value_seed(Node(self.0));
            let mut reading = self.0.borrow_mut();
            if value.is_ok() && out.contains_key(reading.path.last().map_or("", String::as_str)) {
                let pointer = reading.pointer();
                reading.notes.push(Note::Duplicate(pointer));
            }
            let key = reading.path.pop().unwrap_or_default();
            drop(reading);
            out.insert(key, value?);
        }
        Ok(Value::Object(out))
    }

    /// A tagged YAML value (`!!str 200`, `!Ref x`): the tag is dropped.
    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<Value, A::Error> {
        let (_tag, variant) = data.variant::<String>()?;
        de::VariantAccess::newtype_variant_seed(variant, self)
    }
}

/// A mapping key: strings as they are; numbers, booleans and null as their
/// text (`200:` is the key `"200"`).
struct Key;

impl<'de> DeserializeSeed<'de> for Key {
    type Value = String;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<String, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Key {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string, number or boolean as a mapping key (JSON has no other keys)")
    }

    fn visit_bool<E>(self, v: bool) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_i64<E>(self, v: i64) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_u64<E>(self, v: u64) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_i128<E>(self, v: i128) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_u128<E>(self, v: u128) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_f64<E>(self, v: f64) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_str<E>(self, v: &str) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_string<E>(self, v: String) -> Result<String, E> {
        Ok(v)
    }

    fn visit_unit<E>(self) -> Result<String, E> {
        Ok("null".to_string())
    }

    fn visit_none<E>(self) -> Result<String, E> {
        Ok("null".to_string())
    }

    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<String, A::Error> {
        let (_tag, variant) = data.variant::<String>()?;
        de::VariantAccess::newtype_variant_seed(variant, self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yaml(text: &str) -> (Value, Vec<Note>) {
        let reading = RefCell::new(Reading::default());
        let tree = read(serde_yaml::Deserializer::from_str(text), &reading).unwrap();
        (tree, reading.into_inner().notes)
    }

    #[test]
    fn a_later_duplicate_key_wins_and_is_noted_at_its_pointer() {
        let (tree, notes) = yaml("a:\n  b: 1\n  b: 2\na: {b: 3, c: 4}\n");
        assert_eq!(tree, serde_json::json!({"a": {"b": 3, "c": 4}}));
        assert_eq!(
            notes,
            [
                Note::Duplicate("#/a/b".into()),
                Note::Duplicate("#/a".into())
            ]
        );
    }

    #[test]
    fn integers_beyond_64_bits_are_read_as_floats_and_noted() {
        let (tree, notes) =
            yaml("x:\n- minimum: -9223372036854776000\n- 18446744073709551616\n- 7\n");
        assert_eq!(
            tree["x"][0]["minimum"],
            serde_json::json!(-9.223372036854776e18)
        );
        assert_eq!(tree["x"][1], serde_json::json!(1.8446744073709552e19));
        assert_eq!(tree["x"][2], serde_json::json!(7));
        assert_eq!(
            notes,
            [
                Note::Wide("#/x/0/minimum".into(), "-9223372036854776000".into()),
                Note::Wide("#/x/1".into(), "18446744073709551616".into()),
            ]
        );
    }

    #[test]
    fn keys_of_other_scalars_are_their_text_and_tags_are_dropped() {
        let (tree, notes) = yaml("200: a\ntrue: b\n~: c\n!!str 404: d\nv: !Custom [1, .nan]\n");
        assert_eq!(
            tree,
            serde_json::json!({"200": "a", "true": "b", "null": "c", "404": "d", "v": [1, ".nan"]})
        );
        assert!(notes.is_empty());
    }

    #[test]
    fn a_mapping_as_a_key_is_refused() {
        let reading = RefCell::new(Reading::default());
        let error = read(serde_yaml::Deserializer::from_str("? [a]\n: 1\n"), &reading).unwrap_err();
        assert!(error.to_string().contains("mapping key"), "{error}");
    }

    #[test]
    fn json_duplicates_are_noted_too() {
        let reading = RefCell::new(Reading::default());
        let mut de = serde_json::Deserializer::from_str(r#"{"a": [{"k": 1, "k": 2}]}"#);
        let tree = read(&mut de, &reading).unwrap();
        assert_eq!(tree, serde_json::json!({"a": [{"k": 2}]}));
        assert_eq!(
            reading.into_inner().notes,
            [Note::Duplicate("#/a/0/k".into())]
        );
    }
}
