// `Base64` (`format: byte`) and the one base64 codec of a generated file,
// which the server's `Authorization: Basic` reader uses too, so that
// generated code needs no base64 crate. Embedded in the generated file's
// private `runtime` module; its public types are re-exported beside the
// document's request and response types.

/// Bytes that travel as base64 text (`format: byte`). Written in the
/// standard alphabet with padding; read in the standard or URL-safe
/// alphabet, padded or not.
#[cfg(any(test, runtime = "base64"))]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Base64(pub Vec<u8>);

#[cfg(any(test, runtime = "base64"))]
impl From<Vec<u8>> for Base64 {
    fn from(bytes: Vec<u8>) -> Self {
        Base64(bytes)
    }
}

/// The bytes of a slice, an array (`Base64::from(b"raw")`), a string's UTF-8
/// (not base64 text: `"eA==".parse()` decodes that) or `Bytes`.
#[cfg(any(test, runtime = "base64"))]
impl From<&[u8]> for Base64 {
    fn from(bytes: &[u8]) -> Self {
        Base64(bytes.to_vec())
    }
}

#[cfg(any(test, runtime = "base64"))]
impl<const N: usize> From<&[u8; N]> for Base64 {
    fn from(bytes: &[u8; N]) -> Self {
        Base64(bytes.to_vec())
    }
}

#[cfg(any(test, runtime = "base64"))]
impl From<&str> for Base64 {
    fn from(text: &str) -> Self {
        Base64(text.as_bytes().to_vec())
    }
}

#[cfg(any(test, runtime = "base64"))]
impl From<bytes::Bytes> for Base64 {
    fn from(bytes: bytes::Bytes) -> Self {
        Base64(bytes.into())
    }
}

#[cfg(any(test, runtime = "base64"))]
impl From<Base64> for Vec<u8> {
    fn from(value: Base64) -> Self {
        value.0
    }
}

#[cfg(any(test, runtime = "base64"))]
impl AsRef<[u8]> for Base64 {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

#[cfg(any(test, runtime = "base64"))]
impl std::ops::Deref for Base64 {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        &self.0
    }
}

#[cfg(any(test, runtime = "base64"))]
impl std::fmt::Display for Base64 {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&base64_encode(&self.0))
    }
}

#[cfg(any(test, runtime = "base64"))]
impl std::str::FromStr for Base64 {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        base64_decode(text).map(Base64)
    }
}

#[cfg(any(test, runtime = "base64"))]
impl serde::Serialize for Base64 {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(any(test, runtime = "base64"))]
impl<'de> serde::Deserialize<'de> for Base64 {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <String as serde::Deserialize>::deserialize(deserializer)?;
        text.parse().map_err(<D::Error as serde::de::Error>::custom)
    }
}

/// Standard base64 with padding (RFC 4648, section 4).
#[cfg(any(test, runtime = "base64"))]
pub(super) fn base64_encode(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let byte = |i: usize| u32::from(chunk.get(i).copied().unwrap_or(0));
        let n = (byte(0) << 16) | (byte(1) << 8) | byte(2);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i)) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Standard or URL-safe base64 (RFC 4648, sections 4 and 5), padded or not.
#[cfg(any(test, runtime = "base64", runtime = "basic"))]
pub(super) fn base64_decode(text: &str) -> Result<Vec<u8>, String> {
    let data = text.trim_end_matches('=');
    if text.len() - data.len() > 2 || data.len() % 4 == 1 {
        return Err("not base64: wrong length or padding".into());
    }
    let mut bytes = Vec::with_capacity(data.len() / 4 * 3 + 2);
    let (mut bits, mut count) = (0u32, 0u32);
    for (i, c) in data.bytes().enumerate() {
        let value = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            _ => return Err(format!("not base64: unexpected character at byte {i}")),
        };
        bits = (bits << 6) | u32::from(value);
        count += 6;
        if count >= 8 {
            count -= 8;
            bytes.push((bits >> count) as u8);
            bits &= (1 << count) - 1;
        }
    }
    Ok(bytes)
}

#[cfg(test)]
mod base64_tests {
    use super::*;

    #[test]
    fn values_convert_from_the_usual_byte_holders() {
        let expected = Base64(b"hi".to_vec());
        assert_eq!(Base64::from(&b"hi"[..]), expected);
        assert_eq!(Base64::from(b"hi"), expected);
        assert_eq!(Base64::from("hi"), expected);
        assert_eq!(Base64::from(bytes::Bytes::from_static(b"hi")), expected);
        assert_eq!(Vec::<u8>::from(expected.clone()), b"hi");
        assert_eq!(expected.as_ref(), b"hi");
        assert_eq!(expected.len(), 2);
        // A string converts as its bytes; base64 text is parsed.
        assert_eq!("aGk=".parse::<Base64>().unwrap(), expected);
        assert_eq!(expected.to_string(), "aGk=");
    }

    #[test]
    fn encodes_with_padding_in_the_standard_alphabet() {
        assert_eq!(base64_encode(b""), "");
        assert_eq!(base64_encode(b"M"), "TQ==");
        assert_eq!(base64_encode(b"Ma"), "TWE=");
        assert_eq!(base64_encode(b"Man"), "TWFu");
        assert_eq!(base64_encode(&[0xfb, 0xff]), "+/8=");
    }

    #[test]
    fn decodes_both_alphabets_padded_or_not() {
        assert_eq!(base64_decode("TWFu").unwrap(), b"Man");
        assert_eq!(base64_decode("TWE=").unwrap(), b"Ma");
        assert_eq!(base64_decode("TWE").unwrap(), b"Ma");
        assert_eq!(base64_decode("+/8=").unwrap(), [0xfb, 0xff]);
        assert_eq!(base64_decode("-_8").unwrap(), [0xfb, 0xff]);
    }

    #[test]
    fn refuses_what_is_not_base64() {
        assert!(base64_decode("T").is_err());
        assert!(base64_decode("TW===").is_err());
        assert!(base64_decode("TW!=").unwrap_err().contains("byte 2"));
    }

    #[test]
    fn every_byte_string_round_trips() {
        for len in 0..8 {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 37 + 200) as u8).collect();
            let text = Base64(bytes.clone()).to_string();
            assert_eq!(text.parse::<Base64>().unwrap().0, bytes);
        }
    }
}
