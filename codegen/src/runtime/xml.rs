// XML bodies. A value of the document's types is written as XML, and XML is
// read into a value, through `serde_json::Value`: the types keep the serde
// derives their JSON uses, and an `XmlShape` per type, generated from the
// document's `xml` objects, says which properties are attributes, what the
// elements are named, and which lists are wrapped. Embedded in the generated
// file's private `runtime` module with the shapes (`runtime::xml_shapes`).
//
// Reading is lenient where the document leaves room: element names are
// compared without their prefix (namespaces are written, not checked), the
// root element and the items of a wrapped list may have any name, unknown
// elements and attributes are skipped. A DOCTYPE is refused: no entity is
// expanded beyond XML's own five and character references.

/// An element or attribute name, with the namespace it is declared in.
#[cfg(any(test, runtime = "xml"))]
#[derive(Debug, Clone, Copy)]
pub(crate) struct XmlName {
    pub(crate) local: &'static str,
    pub(crate) prefix: Option<&'static str>,
    pub(crate) namespace: Option<&'static str>,
}

/// What a value is in XML.
#[cfg(any(test, runtime = "xml"))]
#[derive(Debug)]
pub(crate) enum XmlShape {
    /// Text, read as a JSON string.
    Text,
    /// Text read as a JSON integer.
    Integer,
    /// Text read as a JSON number.
    Number,
    /// `true`/`false` (or `1`/`0`), read as a JSON boolean.
    Boolean,
    /// Free-form: child elements become an object's members (repeated names
    /// an array), an element without children its text.
    Any,
    /// An object: its properties, attributes first.
    Object(&'static [XmlProp]),
    /// A map: one element per entry, named by its key (an `entry` element
    /// with a `key` attribute where the key is not an XML name).
    Map(&'static XmlShape),
    /// A list: one element per item (see `XmlProp::item`).
    List(&'static XmlShape),
}

/// Where one value goes: a property of an object, or a whole body.
#[cfg(any(test, runtime = "xml"))]
#[derive(Debug)]
pub(crate) struct XmlProp {
    /// The property's name in the JSON value (unused for a body).
    pub(crate) key: &'static str,
    /// Its element or attribute; for a wrapped list, the wrapper element.
    pub(crate) name: XmlName,
    /// For a list, each item's element.
    pub(crate) item: XmlName,
    pub(crate) is_attribute: bool,
    /// For a list: its items are inside an element of their own (`name`).
    pub(crate) is_wrapped: bool,
    pub(crate) shape: &'static XmlShape,
}

#[cfg(any(test, runtime = "xml"))]
impl XmlName {
    pub(crate) const fn new(local: &'static str) -> Self {
        XmlName { local, prefix: None, namespace: None }
    }

    pub(crate) const fn prefix(mut self, prefix: &'static str) -> Self {
        self.prefix = Some(prefix);
        self
    }

    pub(crate) const fn namespace(mut self, namespace: &'static str) -> Self {
        self.namespace = Some(namespace);
        self
    }
}

#[cfg(any(test, runtime = "xml"))]
impl XmlProp {
    /// The element `name` for the member `key` (`""` for a body).
    pub(crate) const fn new(key: &'static str, name: XmlName, shape: &'static XmlShape) -> Self {
        XmlProp { key, name, item: XmlName::new("item"), is_attribute: false, is_wrapped: false, shape }
    }

    /// A list whose items are the elements `item`.
    pub(crate) const fn items(mut self, item: XmlName) -> Self {
        self.item = item;
        self
    }

    /// An attribute rather than an element.
    pub(crate) const fn attribute(mut self) -> Self {
        self.is_attribute = true;
        self
    }

    /// A list inside its own element.
    pub(crate) const fn wrapped(mut self) -> Self {
        self.is_wrapped = true;
        self
    }
}

/// Elements nested deeper than this are refused when reading.
#[cfg(any(test, runtime = "xml"))]
const XML_MAX_DEPTH: usize = 128;

/// `value` as an XML document whose root is `root` (a list is always
/// wrapped there, XML having one root element).
#[cfg(any(test, runtime = "xml"))]
pub(crate) fn write_xml(value: &serde_json::Value, root: &XmlProp) -> String {
    let mut writer = XmlWriter::default();
    writer.out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    writer.element(value, &root.name, Some(root.item), root.shape);
    writer.out
}

#[cfg(any(test, runtime = "xml"))]
#[derive(Default)]
struct XmlWriter {
    out: String,
    /// The prefixes declared by the open elements, innermost last.
    bound: Vec<&'static str>,
}

#[cfg(any(test, runtime = "xml"))]
impl XmlWriter {
    /// One value as the element `name` (a list's items inside it).
    fn element(&mut self, value: &serde_json::Value, name: &XmlName, item: Option<XmlName>, shape: &XmlShape) {
        use serde_json::Value;
        let bound = self.bound.len();
        let attributes: Vec<&XmlProp> = match (shape, value) {
            (XmlShape::Object(props), Value::Object(map)) => props
                .iter()
                .filter(|p| p.is_attribute && map.get(p.key).is_some_and(|v| !v.is_null()))
                .collect(),
            _ => Vec::new(),
        };
        let qualified = self.open(name, &attributes);
        if let (XmlShape::Object(_), Value::Object(map)) = (shape, value) {
            for prop in &attributes {
                let text = xml_scalar_text(&map[prop.key]);
                let attribute = self.qualified(&prop.name);
                self.out.push_str(&format!(" {attribute}=\"{}\"", xml_escape(&text, true)));
            }
        }
        self.close_start(&qualified, value, item, shape);
        self.bound.truncate(bound);
    }

    /// What is between an element's tags.
    fn content(&mut self, value: &serde_json::Value, item: Option<XmlName>, shape: &XmlShape) {
        use serde_json::Value;
        match (shape, value) {
            (XmlShape::Object(props), Value::Object(map)) => {
                for prop in props.iter().filter(|p| !p.is_attribute) {
                    match map.get(prop.key) {
                        Some(v) if !v.is_null() => self.property(v, prop),
                        _ => {}
                    }
                }
            }
            (XmlShape::List(items), Value::Array(values)) => {
                let item = item.unwrap_or(XmlName { local: "item", prefix: None, namespace: None });
                for v in values {
                    self.element(v, &item, None, items);
                }
            }
            (XmlShape::Map(entries), Value::Object(map)) => {
                for (key, v) in map {
                    self.entry(key, v, entries);
                }
            }
            (XmlShape::Any, Value::Object(map)) => {
                for (key, v) in map {
                    self.entry(key, v, &XmlShape::Any);
                }
            }
            (XmlShape::Any, Value::Array(values)) => {
                let item = XmlName { local: "item", prefix: None, namespace: None };
                for v in values {
                    self.element(v, &item, None, &XmlShape::Any);
                }
            }
            (_, v) => self.out.push_str(&xml_escape(&xml_scalar_text(v), false)),
        }
    }

    /// A property's element, or a list's items with or without a wrapper.
    fn property(&mut self, value: &serde_json::Value, prop: &XmlProp) {
        match (prop.shape, value) {
            (XmlShape::List(items), serde_json::Value::Array(values)) if !prop.is_wrapped => {
                for v in values {
                    self.element(v, &prop.item, None, items);
                }
            }
            _ => self.element(value, &prop.name, Some(prop.item), prop.shape),
        }
    }

    /// A map entry: an element named by its key where the key is an XML name.
    fn entry(&mut self, key: &str, value: &serde_json::Value, shape: &XmlShape) {
        if xml_is_name(key) {
            // Keys are the value's, not 'static: write the element by hand.
            self.out.push_str(&format!("<{key}"));
            self.close_start(key, value, None, shape);
        } else {
            self.out.push_str(&format!("<entry key=\"{}\"", xml_escape(key, true)));
            self.close_start("entry", value, None, shape);
        }
    }

    /// Ends a start tag, then writes the content and the end tag `tag`
    /// (or makes the element empty).
    fn close_start(&mut self, tag: &str, value: &serde_json::Value, item: Option<XmlName>, shape: &XmlShape) {
        if xml_is_empty(value) {
            self.out.push_str("/>");
        } else {
            self.out.push('>');
            self.content(value, item, shape);
            self.out.push_str(&format!("</{tag}>"));
        }
    }

    /// Writes `<name` with the namespace declarations it and its attributes
    /// need; the qualified name, for the end tag.
    fn open(&mut self, name: &XmlName, attributes: &[&XmlProp]) -> String {
        let mut declarations = String::new();
        for n in std::iter::once(name).chain(attributes.iter().map(|p| &p.name)) {
            match (n.prefix, n.namespace) {
                (Some(prefix), Some(namespace)) if !self.bound.contains(&prefix) => {
                    self.bound.push(prefix);
                    declarations.push_str(&format!(" xmlns:{prefix}=\"{}\"", xml_escape(namespace, true)));
                }
                (None, Some(namespace)) if std::ptr::eq(n, name) => {
                    declarations.push_str(&format!(" xmlns=\"{}\"", xml_escape(namespace, true)));
                }
                _ => {}
            }
        }
        let qualified = self.qualified(name);
        self.out.push_str(&format!("<{qualified}{declarations}"));
        qualified
    }

    /// `prefix:local` where the prefix is declared here or above; a prefix
    /// the document gives no namespace for is left out, as an unbound prefix
    /// is not well-formed XML.
    fn qualified(&self, name: &XmlName) -> String {
        match name.prefix {
            Some(prefix) if self.bound.contains(&prefix) => format!("{prefix}:{}", name.local),
            _ => name.local.to_string(),
        }
    }
}

/// Whether a value is written as an empty element.
#[cfg(any(test, runtime = "xml"))]
fn xml_is_empty(value: &serde_json::Value) -> bool {
    match value {
        serde_json::Value::Null => true,
        serde_json::Value::String(s) => s.is_empty(),
        serde_json::Value::Array(a) => a.is_empty(),
        serde_json::Value::Object(o) => o.values().all(serde_json::Value::is_null),
        _ => false,
    }
}

/// A scalar's text; an array or object (where the shape expects a scalar)
/// as its JSON.
#[cfg(any(test, runtime = "xml"))]
fn xml_scalar_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    }
}

#[cfg(any(test, runtime = "xml"))]
fn xml_escape(text: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\r' => out.push_str("&#13;"),
            '\n' | '\t' if attribute => out.push_str(&format!("&#{};", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// Whether `text` can be an element name as it is (ASCII names only, no
/// prefix, not starting with `xml`).
#[cfg(any(test, runtime = "xml"))]
fn xml_is_name(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
        && !text.get(..3).is_some_and(|p| p.eq_ignore_ascii_case("xml"))
}

/// An XML document read as the value `root` describes; the error names the
/// element path and what is wrong.
#[cfg(any(test, runtime = "xml"))]
pub(crate) fn read_xml(body: &[u8], root: &XmlProp) -> Result<serde_json::Value, String> {
    let text = std::str::from_utf8(body).map_err(|_| "the XML body is not UTF-8".to_string())?;
    let element = xml_parse(text)?;
    let mut path = format!("/{}", element.name);
    match root.shape {
        XmlShape::List(items) => xml_items(&element.children, None, items, &mut path),
        shape => xml_value(&element, shape, &mut path),
    }
}

/// An element as the parser keeps it: names without their prefix.
#[cfg(any(test, runtime = "xml"))]
#[derive(Debug, Default)]
struct XmlElement {
    /// The name as written, prefix and all (for the end tag).
    qualified: String,
    name: String,
    attributes: Vec<(String, String)>,
    children: Vec<XmlElement>,
    text: String,
}

#[cfg(any(test, runtime = "xml"))]
impl XmlElement {
    fn attribute(&self, local: &str) -> Option<&str> {
        self.attributes.iter().find(|(n, _)| n == local).map(|(_, v)| v.as_str())
    }

    fn child(&self, local: &str) -> Option<&XmlElement> {
        self.children.iter().find(|c| c.name == local)
    }

    fn is_nil(&self) -> bool {
        self.attribute("nil").is_some_and(|v| v.trim() == "true")
    }
}

/// The value of one element.
#[cfg(any(test, runtime = "xml"))]
fn xml_value(element: &XmlElement, shape: &XmlShape, path: &mut String) -> Result<serde_json::Value, String> {
    use serde_json::Value;
    if element.is_nil() {
        return Ok(Value::Null);
    }
    Ok(match shape {
        XmlShape::Object(props) => {
            let mut map = serde_json::Map::new();
            for prop in *props {
                let len = path.len();
                let value = if prop.is_attribute {
                    path.push_str(&format!("/@{}", prop.name.local));
                    match element.attribute(prop.name.local) {
                        Some(text) => Some(xml_text_value(text, prop.shape, path)?),
                        None => None,
                    }
                } else {
                    xml_property(element, prop, path)?
                };
                path.truncate(len);
                if let Some(value) = value {
                    map.insert(prop.key.to_string(), value);
                }
            }
            Value::Object(map)
        }
        XmlShape::List(items) => xml_items(&element.children, None, items, path)?,
        XmlShape::Map(entries) => {
            let mut map = serde_json::Map::new();
            for child in &element.children {
                let key = match child.attribute("key") {
                    Some(key) if child.name == "entry" => key.to_string(),
                    _ => child.name.clone(),
                };
                let len = path.len();
                path.push_str(&format!("/{key}"));
                map.insert(key, xml_value(child, entries, path)?);
                path.truncate(len);
            }
            Value::Object(map)
        }
        XmlShape::Any if !element.children.is_empty() => {
            let mut map = serde_json::Map::new();
            for child in &element.children {
                let value = xml_value(child, &XmlShape::Any, path)?;
                match map.get_mut(&child.name) {
                    Some(Value::Array(values)) => values.push(value),
                    Some(first) => *first = Value::Array(vec![first.take(), value]),
                    None => {
                        map.insert(child.name.clone(), value);
                    }
                }
            }
            Value::Object(map)
        }
        scalar => xml_text_value(&element.text, scalar, path)?,
    })
}

/// A property's value from its element (or its list's items); `None` when
/// absent.
#[cfg(any(test, runtime = "xml"))]
fn xml_property(element: &XmlElement, prop: &XmlProp, path: &mut String) -> Result<Option<serde_json::Value>, String> {
    match prop.shape {
        XmlShape::List(items) if !prop.is_wrapped => {
            path.push_str(&format!("/{}", prop.item.local));
            let found = element.children.iter().any(|c| c.name == prop.item.local);
            found
                .then(|| xml_items(&element.children, Some(prop.item.local), items, path))
                .transpose()
        }
        shape => match element.child(prop.name.local) {
            Some(child) => {
                path.push_str(&format!("/{}", prop.name.local));
                xml_value(child, shape, path).map(Some)
            }
            None => Ok(None),
        },
    }
}

/// The items among `children` (those named `name`, or all of them).
#[cfg(any(test, runtime = "xml"))]
fn xml_items(
    children: &[XmlElement],
    name: Option<&str>,
    items: &XmlShape,
    path: &mut String,
) -> Result<serde_json::Value, String> {
    let mut values = Vec::new();
    for (i, child) in children.iter().filter(|c| name.is_none_or(|n| c.name == n)).enumerate() {
        let len = path.len();
        path.push_str(&format!("[{}]", i + 1));
        values.push(xml_value(child, items, path)?);
        path.truncate(len);
    }
    Ok(serde_json::Value::Array(values))
}

/// Text (of an element or attribute) as the scalar `shape` says.
#[cfg(any(test, runtime = "xml"))]
fn xml_text_value(text: &str, shape: &XmlShape, path: &str) -> Result<serde_json::Value, String> {
    use serde_json::Value;
    let trimmed = text.trim();
    let refused = |what: &str| format!("{path}: `{trimmed}` is not {what}");
    Ok(match shape {
        XmlShape::Integer => {
            if let Ok(i) = trimmed.parse::<i64>() {
                Value::from(i)
            } else {
                Value::from(trimmed.parse::<u64>().map_err(|_| refused("an integer"))?)
            }
        }
        XmlShape::Number => {
            let n = trimmed.parse::<f64>().ok().and_then(serde_json::Number::from_f64);
            Value::Number(n.ok_or_else(|| refused("a number"))?)
        }
        XmlShape::Boolean => match trimmed {
            "true" | "1" => Value::Bool(true),
            "false" | "0" => Value::Bool(false),
            _ => return Err(refused("a boolean (true or false)")),
        },
        _ => Value::String(text.to_string()),
    })
}

/// Parses a document into its root element, with an explicit stack (depth
/// bounded by `XML_MAX_DEPTH`).
#[cfg(any(test, runtime = "xml"))]
fn xml_parse(text: &str) -> Result<XmlElement, String> {
    let mut rest = text.strip_prefix('\u{feff}').unwrap_or(text);
    let at = |rest: &str| text.len() - rest.len();
    let mut open: Vec<XmlElement> = Vec::new();
    let mut root = None;
    loop {
        if rest.is_empty() {
            break;
        }
        if let Some(after) = rest.strip_prefix("<!--") {
            let end = after.find("-->").ok_or_else(|| format!("unclosed comment at byte {}", at(rest)))?;
            rest = &after[end + 3..];
        } else if let Some(after) = rest.strip_prefix("<?") {
            let end = after.find("?>").ok_or_else(|| format!("unclosed processing instruction at byte {}", at(rest)))?;
            rest = &after[end + 2..];
        } else if rest.starts_with("<!DOCTYPE") || rest.starts_with("<!doctype") {
            return Err("a DOCTYPE is not read in an XML body".to_string());
        } else if let Some(after) = rest.strip_prefix("<![CDATA[") {
            let end = after.find("]]>").ok_or_else(|| format!("unclosed CDATA section at byte {}", at(rest)))?;
            let current = open.last_mut().ok_or_else(|| format!("text outside the root element at byte {}", at(rest)))?;
            current.text.push_str(&after[..end]);
            rest = &after[end + 3..];
        } else if let Some(after) = rest.strip_prefix("</") {
            let end = after.find('>').ok_or_else(|| format!("unclosed end tag at byte {}", at(rest)))?;
            let name = after[..end].trim();
            let element = open.pop().ok_or_else(|| format!("end tag `{name}` without a start tag at byte {}", at(rest)))?;
            if element.qualified != name {
                return Err(format!("end tag `{name}` at byte {} closes `{}`", at(rest), element.qualified));
            }
            rest = &after[end + 1..];
            xml_close(element, &mut open, &mut root);
        } else if let Some(after) = rest.strip_prefix('<') {
            if root.is_some() {
                return Err(format!("a second root element at byte {}", at(rest)));
            }
            if open.len() >= XML_MAX_DEPTH {
                return Err(format!("elements nested deeper than {XML_MAX_DEPTH}"));
            }
            let (element, empty, after) = xml_start_tag(after).map_err(|e| format!("{e} at byte {}", at(rest)))?;
            rest = after;
            if empty {
                xml_close(element, &mut open, &mut root);
            } else {
                open.push(element);
            }
        } else {
            let end = rest.find('<').unwrap_or(rest.len());
            let chunk = &rest[..end];
            match open.last_mut() {
                Some(current) => current.text.push_str(&xml_unescape(chunk).map_err(|e| format!("{e} at byte {}", at(rest)))?),
                None if chunk.trim().is_empty() => {}
                None => return Err(format!("text outside the root element at byte {}", at(rest))),
            }
            rest = &rest[end..];
        }
    }
    if let Some(element) = open.last() {
        return Err(format!("element `{}` is not closed", element.qualified));
    }
    root.ok_or_else(|| "the body holds no XML element".to_string())
}

/// Hands a finished element to its parent, or makes it the root.
#[cfg(any(test, runtime = "xml"))]
fn xml_close(element: XmlElement, open: &mut [XmlElement], root: &mut Option<XmlElement>) {
    match open.last_mut() {
        Some(parent) => parent.children.push(element),
        None => *root = Some(element),
    }
}

/// A start tag after its `<`: the element, whether it is empty (`/>`), and
/// the rest of the text.
#[cfg(any(test, runtime = "xml"))]
fn xml_start_tag(text: &str) -> Result<(XmlElement, bool, &str), String> {
    let name_end = text
        .find(|c: char| c.is_whitespace() || c == '/' || c == '>')
        .ok_or("unclosed start tag")?;
    let qualified = &text[..name_end];
    if qualified.is_empty() {
        return Err("a start tag without a name".to_string());
    }
    let mut element = XmlElement {
        qualified: qualified.to_string(),
        name: xml_local(qualified).to_string(),
        ..XmlElement::default()
    };
    let mut rest = &text[name_end..];
    loop {
        rest = rest.trim_start();
        if let Some(after) = rest.strip_prefix("/>") {
            return Ok((element, true, after));
        }
        if let Some(after) = rest.strip_prefix('>') {
            return Ok((element, false, after));
        }
        let eq = rest.find('=').ok_or("an attribute without a value")?;
        let name = rest[..eq].trim();
        let after = rest[eq + 1..].trim_start();
        let quote = after.chars().next().filter(|c| *c == '"' || *c == '\'').ok_or("an attribute value without quotes")?;
        let value_end = after[1..].find(quote).ok_or("an unclosed attribute value")?;
        let value = xml_unescape(&after[1..1 + value_end])?;
        if name.is_empty() || name.contains(['<', '>', '"', '\'']) {
            return Err(format!("a malformed attribute name `{name}`"));
        }
        if name != "xmlns" && !name.starts_with("xmlns:") {
            element.attributes.push((xml_local(name).to_string(), value));
        }
        rest = &after[1 + value_end + 1..];
    }
}

#[cfg(any(test, runtime = "xml"))]
fn xml_local(qualified: &str) -> &str {
    qualified.rsplit(':').next().unwrap_or(qualified)
}

/// Text with XML's five entities and character references replaced.
#[cfg(any(test, runtime = "xml"))]
fn xml_unescape(text: &str) -> Result<String, String> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let end = rest[i..].find(';').ok_or("an `&` that starts no reference")? + i;
        let entity = &rest[i + 1..end];
        let c = match entity {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            _ => entity
                .strip_prefix("#x")
                .map(|hex| u32::from_str_radix(hex, 16))
                .or_else(|| entity.strip_prefix('#').map(str::parse::<u32>))
                .and_then(Result::ok)
                .and_then(char::from_u32)
                .ok_or_else(|| format!("an unknown reference `&{entity};`"))?,
        };
        out.push(c);
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod xml_tests {
    use super::*;
    use serde_json::json;

    const fn name(local: &'static str) -> XmlName {
        XmlName::new(local)
    }

    const fn prop(key: &'static str, shape: &'static XmlShape) -> XmlProp {
        XmlProp::new(key, XmlName::new(key), shape)
    }

    static TAG: XmlShape = XmlShape::Object(&[prop("id", &XmlShape::Integer), prop("name", &XmlShape::Text)]);

    static PET: XmlShape = XmlShape::Object(&[
        prop("id", &XmlShape::Integer).attribute(),
        XmlProp::new("name", XmlName::new("name").prefix("p").namespace("urn:pets"), &XmlShape::Text),
        XmlProp::new("photoUrls", name("photoUrl"), &XmlShape::List(&XmlShape::Text)).items(name("photoUrl")).wrapped(),
        prop("tags", &XmlShape::List(&TAG)).items(name("tag")),
        prop("ok", &XmlShape::Boolean),
        prop("weight", &XmlShape::Number),
        prop("friend", &PET),
        prop("extra", &XmlShape::Map(&XmlShape::Integer)),
    ]);

    static ROOT: XmlProp = XmlProp::new("", XmlName::new("Pet").prefix("p").namespace("urn:pets"), &PET);

    #[test]
    fn a_value_is_written_as_the_shape_says_and_read_back() {
        let value = json!({
            "id": 7,
            "name": "Rex <&> \"good\"",
            "photoUrls": ["a", "b"],
            "tags": [{"id": 1, "name": "x"}, {"id": 2}],
            "ok": true,
            "weight": 2.5,
            "friend": {"id": 8, "photoUrls": []},
            "extra": {"legs": 4, "not a name": 1},
        });
        let xml = write_xml(&value, &ROOT);
        assert_eq!(
            xml,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
             <p:Pet xmlns:p=\"urn:pets\" id=\"7\"><p:name>Rex &lt;&amp;&gt; \"good\"</p:name>\
             <photoUrl><photoUrl>a</photoUrl><photoUrl>b</photoUrl></photoUrl>\
             <tag><id>1</id><name>x</name></tag><tag><id>2</id></tag>\
             <ok>true</ok><weight>2.5</weight><friend id=\"8\"><photoUrl/></friend>\
             <extra><legs>4</legs><entry key=\"not a name\">1</entry></extra></p:Pet>"
        );
        // The empty list is an empty wrapper, read back as an empty list.
        assert_eq!(read_xml(xml.as_bytes(), &ROOT).unwrap(), value);
    }

    #[test]
    fn reading_skips_what_it_does_not_know_and_ignores_prefixes() {
        let xml = br#"<?xml version="1.0"?>
            <!-- a comment -->
            <a:Animal xmlns:a="urn:other" id=" 3 " unknown="x">
              <a:name><![CDATA[<raw>]]> &amp; &#65;&#x42;</a:name>
              <tag><id>1</id></tag><other/><tag><id>2</id></tag>
              <ok>1</ok>
              <friend xsi:nil="true" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>
            </a:Animal>"#;
        assert_eq!(
            read_xml(xml, &ROOT).unwrap(),
            json!({"id": 3, "name": "<raw> & AB", "tags": [{"id": 1}, {"id": 2}], "ok": true, "friend": null})
        );
    }

    #[test]
    fn a_root_list_is_wrapped_and_its_items_may_have_any_name() {
        static LIST: XmlProp = XmlProp::new("", name("tags"), &XmlShape::List(&TAG)).items(name("Tag"));
        let value = json!([{"id": 1}, {"id": 2, "name": "b"}]);
        let xml = write_xml(&value, &LIST);
        assert!(xml.ends_with("<tags><Tag><id>1</id></Tag><Tag><id>2</id><name>b</name></Tag></tags>"), "{xml}");
        assert_eq!(read_xml(xml.as_bytes(), &LIST).unwrap(), value);
        let renamed = b"<list><x><id>1</id></x><y><id>2</id><name>b</name></y></list>";
        assert_eq!(read_xml(renamed, &LIST).unwrap(), value);
    }

    #[test]
    fn an_unbound_prefix_is_left_out() {
        static LOOSE: XmlProp = XmlProp::new("", XmlName::new("Item").prefix("ab"), &XmlShape::Text);
        assert!(write_xml(&json!("x"), &LOOSE).ends_with("<Item>x</Item>"));
    }

    #[test]
    fn malformed_documents_and_wrong_values_are_refused_with_the_place() {
        let refused = |xml: &str| read_xml(xml.as_bytes(), &ROOT).unwrap_err();
        assert_eq!(refused("<Pet id=\"x\"/>"), "/Pet/@id: `x` is not an integer");
        assert_eq!(refused("<Pet><tag><id>1.5</id></tag></Pet>"), "/Pet/tag[1]/id: `1.5` is not an integer");
        assert_eq!(refused("<Pet><ok>yes</ok></Pet>"), "/Pet/ok: `yes` is not a boolean (true or false)");
        assert!(refused("<Pet><name>x</Pet>").contains("closes `name`"));
        assert!(refused("<Pet>").contains("not closed"));
        assert!(refused("<Pet/><Pet/>").contains("second root"));
        assert!(refused("<!DOCTYPE x [<!ENTITY a \"b\">]><Pet/>").contains("DOCTYPE"));
        assert!(refused("<Pet>&bogus;</Pet>").contains("&bogus;"));
        assert!(refused("").contains("no XML element"));
        assert!(refused("<Pet a=b/>").contains("without quotes"));
        let deep = "<a>".repeat(200);
        assert!(refused(&deep).contains("deeper than"));
        assert!(read_xml(&[0xff, 0xfe], &ROOT).unwrap_err().contains("UTF-8"));
    }

    #[test]
    fn free_form_values_keep_their_structure() {
        static FREE: XmlProp = XmlProp::new("", name("r"), &XmlShape::Any);
        let read = read_xml(b"<r><a>1</a><a>2</a><b><c>x</c></b></r>", &FREE).unwrap();
        assert_eq!(read, json!({"a": ["1", "2"], "b": {"c": "x"}}));
        let written = write_xml(&json!({"a": [1, 2], "b": {"c": "x"}}), &FREE);
        assert!(written.ends_with("<r><a><item>1</item><item>2</item></a><b><c>x</c></b></r>"), "{written}");
    }
}
