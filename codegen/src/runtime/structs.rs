// Reading and writing the document's structs: what every generated
// `Deserialize` and `Serialize` impl of a struct shares, so that each impl is
// a line per field. serde's derives write a field enum with its own visitor
// and a reader for structs written as sequences into every struct, and a
// branch per optional field; for a large document that was most of the time
// `cargo check` spent on `types`.

/// Reads a map key as the index of the field it names among a struct's wire
/// names, or as their count for a key the struct does not have.
#[cfg(any(test, runtime = "structs"))]
pub(crate) struct FieldIndex(pub(crate) &'static [&'static str]);

#[cfg(any(test, runtime = "structs"))]
impl<'de> serde::de::DeserializeSeed<'de> for FieldIndex {
    type Value = usize;

    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<usize, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

#[cfg(any(test, runtime = "structs"))]
impl<'de> serde::de::Visitor<'de> for FieldIndex {
    type Value = usize;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: serde::de::Error>(self, key: &str) -> Result<usize, E> {
        Ok(self.0.iter().position(|f| *f == key).unwrap_or(self.0.len()))
    }

    fn visit_bytes<E: serde::de::Error>(self, key: &[u8]) -> Result<usize, E> {
        Ok(self
            .0
            .iter()
            .position(|f| f.as_bytes() == key)
            .unwrap_or(self.0.len()))
    }
}

/// Reads the value of the field `wire` into `slot`; a field named twice is
/// refused, as serde's derive refuses it.
#[cfg(any(test, runtime = "structs"))]
pub(crate) fn read_field<'de, A, T>(
    map: &mut A,
    slot: &mut Option<T>,
    wire: &'static str,
) -> Result<(), A::Error>
where
    A: serde::de::MapAccess<'de>,
    T: serde::Deserialize<'de>,
{
    if slot.is_some() {
        return Err(<A::Error as serde::de::Error>::duplicate_field(wire));
    }
    *slot = Some(map.next_value()?);
    Ok(())
}

/// Skips the value of a key the struct does not have.
#[cfg(any(test, runtime = "structs"))]
pub(crate) fn skip_field<'de, A: serde::de::MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    map.next_value::<serde::de::IgnoredAny>().map(drop)
}

/// A required field's value, or serde's `missing field` error.
#[cfg(any(test, runtime = "structs"))]
pub(crate) fn required<T, E: serde::de::Error>(slot: Option<T>, wire: &'static str) -> Result<T, E> {
    slot.ok_or_else(|| E::missing_field(wire))
}

/// Writes the field `wire` when it has a value and leaves it out when not
/// (serde's `skip_serializing_if = "Option::is_none"`).
#[cfg(any(test, runtime = "structs"))]
pub(crate) fn write_some<S, T>(state: &mut S, wire: &'static str, value: &Option<T>) -> Result<(), S::Error>
where
    S: serde::ser::SerializeStruct,
    T: serde::Serialize,
{
    match value {
        Some(value) => state.serialize_field(wire, value),
        None => state.skip_field(wire),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A struct read the way the generator writes the impl.
    #[derive(Debug, PartialEq)]
    struct Pet {
        id: i64,
        name: Option<String>,
        tag: Option<String>,
    }

    impl<'de> serde::Deserialize<'de> for Pet {
        fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            struct Visitor;
            impl<'de> serde::de::Visitor<'de> for Visitor {
                type Value = Pet;
                fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.write_str("struct Pet")
                }
                fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Pet, A::Error> {
                    let (mut id, mut name, mut tag) = (None, None, None);
                    while let Some(key) = map.next_key_seed(FieldIndex(FIELDS))? {
                        match key {
                            0 => read_field(&mut map, &mut id, "id")?,
                            1 => read_field(&mut map, &mut name, "name")?,
                            2 => read_field(&mut map, &mut tag, "tag")?,
                            _ => skip_field(&mut map)?,
                        }
                    }
                    Ok(Pet {
                        id: required(id, "id")?,
                        name: name.unwrap_or_default(),
                        tag: tag.unwrap_or_else(|| Some("dog".to_string())),
                    })
                }
            }
            const FIELDS: &[&str] = &["id", "name", "tag"];
            deserializer.deserialize_struct("Pet", FIELDS, Visitor)
        }
    }

    impl serde::Serialize for Pet {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let len = 1 + usize::from(self.name.is_some()) + usize::from(self.tag.is_some());
            let mut state = serializer.serialize_struct("Pet", len)?;
            serde::ser::SerializeStruct::serialize_field(&mut state, "id", &self.id)?;
            write_some(&mut state, "name", &self.name)?;
            write_some(&mut state, "tag", &self.tag)?;
            serde::ser::SerializeStruct::end(state)
        }
    }

    #[test]
    fn fields_without_a_value_are_left_out() {
        let pet = Pet {
            id: 7,
            name: None,
            tag: Some("cat".to_string()),
        };
        assert_eq!(serde_json::to_string(&pet).unwrap(), r#"{"id":7,"tag":"cat"}"#);
        assert_eq!(read(&serde_json::to_string(&pet).unwrap()).unwrap(), pet);
    }

    fn read(json: &str) -> Result<Pet, String> {
        serde_json::from_str(json).map_err(|e| e.to_string())
    }

    #[test]
    fn fields_are_read_by_name_with_serde_s_messages() {
        let pet = read(r#"{"name":"Rex","id":7,"other":[1,{"a":2}],"tag":null}"#).unwrap();
        assert_eq!(
            pet,
            Pet {
                id: 7,
                name: Some("Rex".to_string()),
                tag: None
            }
        );
        // Left out: its default; an optional one without: None.
        let pet = read(r#"{"id":1}"#).unwrap();
        assert_eq!((pet.name, pet.tag.as_deref()), (None, Some("dog")));
        assert_eq!(
            read(r#"{"name":"Rex"}"#).unwrap_err(),
            "missing field `id` at line 1 column 14"
        );
        assert_eq!(
            read(r#"{"id":1,"id":2}"#).unwrap_err(),
            "duplicate field `id` at line 1 column 12"
        );
        assert_eq!(
            read(r#"{"id":"x"}"#).unwrap_err(),
            "invalid type: string \"x\", expected i64 at line 1 column 9"
        );
        // Not a map: refused with the struct named (serde's derive would
        // read an array positionally).
        assert_eq!(
            read("[7]").unwrap_err(),
            "invalid type: sequence, expected struct Pet at line 1 column 1"
        );
        // From a `serde_json::Value` (borrowed keys) too.
        let value = serde_json::json!({"id": 3, "name": "Tom"});
        let pet: Pet = serde::Deserialize::deserialize(&value).unwrap();
        assert_eq!(pet.id, 3);
        let pet: Pet = serde_json::from_value(value).unwrap();
        assert_eq!(pet.name.as_deref(), Some("Tom"));
    }
}
