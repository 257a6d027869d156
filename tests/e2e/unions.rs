//! spec/unions.yaml end to end (OpenAPI 3.1): `oneOf` told apart by a
//! `discriminator` with and without `mapping`, untagged `oneOf` over
//! primitives, an array and an inline object, `anyOf` of references, and a
//! `null` member that makes a property nullable. The server checks the
//! member the value reads as.

use crate::common::{Log, raw_http, serve};
use generated::unions::{client, server, types, *};

#[derive(Clone, Default)]
struct Store {
    shapes: Log<types::Shape>,
    settings: Log<(String, types::Setting)>,
}

impl server::Api for Store {
    async fn add_shape(
        &self,
        req: AddShapeRequest,
        _: server::Context,
    ) -> Result<AddShapeResponse, server::Error> {
        self.shapes.push(req.body.clone());
        Ok(AddShapeResponse::Ok(req.body))
    }

    async fn add_pet(
        &self,
        req: AddPetRequest,
        _: server::Context,
    ) -> Result<AddPetResponse, server::Error> {
        Ok(AddPetResponse::Created(req.body))
    }

    async fn put_setting(
        &self,
        req: PutSettingRequest,
        _: server::Context,
    ) -> Result<PutSettingResponse, server::Error> {
        self.settings.push((req.name, req.body.clone()));
        Ok(PutSettingResponse::Ok(req.body))
    }

    async fn add_note(
        &self,
        req: AddNoteRequest,
        _: server::Context,
    ) -> Result<AddNoteResponse, server::Error> {
        Ok(AddNoteResponse::Ok(req.body))
    }
}

fn circle(radius: f64) -> types::Shape {
    types::Shape::Circle(types::Circle {
        kind: "circle".into(),
        radius,
    })
}

#[tokio::test]
async fn every_member_round_trips_as_itself() {
    let store = Store::default();
    let addr = serve(server::router(store.clone())).await;
    let client = client::Client::new(format!("http://{addr}"));

    for shape in [
        circle(1.5),
        types::Shape::Square(types::Square {
            kind: "square".into(),
            side: 2,
        }),
        // `box` is mapped to Square as well.
        types::Shape::Square(types::Square {
            kind: "box".into(),
            side: 3,
        }),
    ] {
        let AddShapeResponse::Ok(back) = client.add_shape(&shape.clone().into()).await.unwrap();
        assert_eq!(back, shape);
        assert_eq!(store.shapes.last(), shape);
    }

    // Without a mapping, the tag is the schema's name.
    for pet in [
        types::Pet::Cat(types::Cat {
            pet_type: "Cat".into(),
            purrs: true,
        }),
        types::Pet::Dog(types::Dog {
            pet_type: "Dog".into(),
            barks: 3,
        }),
    ] {
        let AddPetResponse::Created(back) = client.add_pet(&pet.clone().into()).await.unwrap();
        assert_eq!(back, pet);
    }

    for setting in [
        types::Setting::String("dark".into()),
        types::Setting::Integer(42),
        types::Setting::Array(vec!["a".into(), "b".into()]),
        types::Setting::Limits(types::SettingLimits { low: 1, high: 9 }),
    ] {
        let req = PutSettingRequest {
            name: "theme".into(),
            body: setting.clone(),
        };
        let PutSettingResponse::Ok(back) = client.put_setting(&req).await.unwrap();
        assert_eq!(back, setting);
        assert_eq!(store.settings.last(), ("theme".to_string(), setting));
    }

    // A `null` member: the property is nullable, so null and a string both
    // travel; the anyOf of references reads each as itself.
    for note in [
        types::Note {
            id: 1,
            secret: Some("friends".into()),
            text: None,
            owner: Some(types::NoteOwner::Dog(types::Dog {
                pet_type: "Dog".into(),
                barks: 1,
            })),
        },
        types::Note {
            id: 2,
            secret: None,
            text: Some("hello".into()),
            owner: Some(types::NoteOwner::Cat(types::Cat {
                pet_type: "Cat".into(),
                purrs: false,
            })),
        },
    ] {
        let AddNoteResponse::Ok(back) = client.add_note(&note.clone().into()).await.unwrap();
        assert_eq!(back, note);
    }
}

#[test]
fn values_are_written_as_their_member_and_read_by_tag_then_by_shape() {
    // Written as the member's own JSON, no wrapper.
    assert_eq!(
        serde_json::to_value(circle(2.0)).unwrap(),
        serde_json::json!({"kind": "circle", "radius": 2.0})
    );
    assert_eq!(
        serde_json::to_value(types::Setting::Integer(7)).unwrap(),
        serde_json::json!(7)
    );
    // The tag decides, even where the other member would read the value
    // too: `box` is Square's, so a box without `side` does not read.
    assert!(serde_json::from_str::<types::Shape>(r#"{"kind":"box","radius":1}"#).is_err());
    // An unmapped tag falls back to the first member the value fits.
    assert_eq!(
        serde_json::from_str::<types::Shape>(r#"{"kind":"disc","radius":1.0}"#).unwrap(),
        types::Shape::Circle(types::Circle {
            kind: "disc".into(),
            radius: 1.0
        })
    );
    // Untagged: in the document's order, each by its shape.
    let read = |json: &str| serde_json::from_str::<types::Setting>(json);
    assert_eq!(read(r#""x""#).unwrap(), types::Setting::String("x".into()));
    assert_eq!(read("3").unwrap(), types::Setting::Integer(3));
    assert_eq!(
        read(r#"{"low":1,"high":2}"#).unwrap(),
        types::Setting::Limits(types::SettingLimits { low: 1, high: 2 })
    );
    let error = read("true").unwrap_err().to_string();
    assert!(
        error.contains("none of the variants of `Setting`"),
        "{error}"
    );
}

#[tokio::test]
async fn the_server_checks_the_member_the_value_reads_as() {
    let store = Store::default();
    let addr = serve(server::router(store.clone())).await;
    for (head, body, pointer) in [
        // Square's own rule, chosen by the mapped tag.
        (
            "POST /v1/shapes HTTP/1.1",
            r#"{"kind":"box","side":0}"#,
            "/side",
        ),
        // Circle's multipleOf 0.5.
        (
            "POST /v1/shapes HTTP/1.1",
            r#"{"kind":"circle","radius":0.75}"#,
            "/radius",
        ),
        // Circle's rule, reached by shape under an unmapped tag.
        (
            "POST /v1/shapes HTTP/1.1",
            r#"{"kind":"disc","radius":-1}"#,
            "/radius",
        ),
        // Dog's maximum.
        (
            "POST /v1/pets HTTP/1.1",
            r#"{"petType":"Dog","barks":11}"#,
            "/barks",
        ),
        // The inline string member's maxLength.
        (
            "PUT /v1/settings/theme HTTP/1.1",
            r#""seventeen letters""#,
            "/",
        ),
        // Fits no member.
        ("PUT /v1/settings/theme HTTP/1.1", "true", "/"),
        // Inside an object: the anyOf property.
        (
            "POST /v1/notes HTTP/1.1",
            r#"{"id":1,"text":null,"owner":{"petType":"Dog","barks":99}}"#,
            "/owner/barks",
        ),
    ] {
        let head = format!("{head}\r\nContent-Type: application/json");
        let response = raw_http(addr, &head, body.as_bytes()).await;
        assert_eq!(response.status, 400, "{body}");
        let message = response.json()["message"].as_str().unwrap().to_string();
        assert!(
            message.starts_with(&format!("{pointer}: "))
                || (pointer == "/" && !message.starts_with("/")),
            "{body}: {message}"
        );
    }
    assert!(store.shapes.is_empty());
    assert!(store.settings.is_empty());
    // A multiple of 0.5 passes.
    let head = "POST /v1/shapes HTTP/1.1\r\nContent-Type: application/json";
    raw_http(addr, head, br#"{"kind":"circle","radius":1.5}"#)
        .await
        .assert_status(200);
    // `text` may be null (its `null` member), `id` may not; the required
    // `secret` is write-only, so a value without it reads (as from a
    // response).
    let head = "POST /v1/notes HTTP/1.1\r\nContent-Type: application/json";
    raw_http(addr, head, br#"{"id":1,"text":null}"#)
        .await
        .assert_status(200);
    let response = raw_http(addr, head, br#"{"id":null,"text":"x"}"#).await;
    response.assert_status(400);
}
