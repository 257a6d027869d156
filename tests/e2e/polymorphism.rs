//! spec/polymorphism.yaml end to end: a `discriminator` base is an enum over
//! the definitions that extend it, chosen by the tag; a subtype named by
//! `x-discriminator-value`, a subtype of a subtype, an unknown tag kept with
//! the base's fields; the server checks the variant the tag selects.

use crate::common::{raw_http, serve};
use generated::polymorphism::{client, server, types, *};

#[derive(Clone, Default)]
struct Recorder {
    pets: crate::common::Log<types::Pet>,
}

impl server::Api for Recorder {
    async fn add_pet(
        &self,
        req: AddPetRequest,
        _: server::Context,
    ) -> Result<AddPetResponse, server::Error> {
        self.pets.push(req.body.clone());
        Ok(AddPetResponse::Ok(req.body))
    }

    async fn add_cat(
        &self,
        req: AddCatRequest,
        _: server::Context,
    ) -> Result<AddCatResponse, server::Error> {
        Ok(AddCatResponse::Ok(req.body))
    }

    async fn put_shelter(
        &self,
        req: PutShelterRequest,
        _: server::Context,
    ) -> Result<PutShelterResponse, server::Error> {
        Ok(PutShelterResponse::Ok(req.body))
    }
}

fn cat(name: &str) -> types::Cat {
    types::Cat {
        name: name.to_string(),
        pet_type: "Cat".to_string(),
        friend: None,
        hunting_skill: types::CatHuntingSkill::Lazy,
    }
}

fn dog() -> types::Dog {
    types::Dog {
        name: "Rex".to_string(),
        pet_type: "dog".to_string(),
        // Recursion through the enum is boxed.
        friend: Some(Box::new(types::Pet::Cat(cat("Tom")))),
        pack_size: 3,
    }
}

fn puppy() -> types::Puppy {
    types::Puppy {
        name: "Bit".to_string(),
        pet_type: "Puppy".to_string(),
        friend: None,
        pack_size: 1,
        age_weeks: Some(9),
    }
}

fn other(tag: &str) -> types::PetBase {
    types::PetBase {
        name: "Liz".to_string(),
        pet_type: tag.to_string(),
        friend: None,
    }
}

#[tokio::test]
async fn every_variant_round_trips() {
    let recorder = Recorder::default();
    let addr = serve(server::router(recorder.clone())).await;
    let client = client::Client::new(format!("http://{addr}"));
    let pets = [
        types::Pet::Cat(cat("Tom")),
        types::Pet::Dog(dog()),
        types::Pet::Puppy(puppy()),
        types::Pet::Other(other("Pet")),
        types::Pet::Other(other("Lizard")),
    ];
    for pet in pets {
        let response = client
            .add_pet(&AddPetRequest { body: pet.clone() })
            .await
            .expect("add_pet");
        assert_eq!(response, AddPetResponse::Ok(pet.clone()));
        assert_eq!(recorder.pets.last(), pet);
    }
    // A subtype on its own, and the base inside arrays and fields.
    let response = client
        .add_cat(&AddCatRequest { body: cat("Kit") })
        .await
        .expect("add_cat");
    assert_eq!(response, AddCatResponse::Ok(cat("Kit")));
    let shelter = types::Shelter {
        pets: vec![types::Pet::Dog(dog()), types::Pet::Other(other("Pet"))],
        favourite: Some(types::Pet::Puppy(puppy())),
    };
    let response = client
        .put_shelter(&PutShelterRequest {
            body: shelter.clone(),
        })
        .await
        .expect("put_shelter");
    assert_eq!(response, PutShelterResponse::Ok(shelter));
}

#[test]
fn the_tag_chooses_the_variant() {
    let read = |json: &str| serde_json::from_str::<types::Pet>(json).expect(json);
    assert_eq!(
        read(r#"{"name":"Tom","petType":"Cat","huntingSkill":"lazy"}"#),
        types::Pet::Cat(cat("Tom"))
    );
    // `x-discriminator-value: dog`, not the definition name.
    assert!(matches!(
        read(r#"{"name":"Rex","petType":"dog","packSize":3}"#),
        types::Pet::Dog(_)
    ));
    assert!(matches!(
        read(r#"{"name":"Rex","petType":"Dog","packSize":3}"#),
        types::Pet::Other(_)
    ));
    assert!(matches!(
        read(r#"{"name":"Bit","petType":"Puppy","packSize":1}"#),
        types::Pet::Puppy(_)
    ));
    assert_eq!(
        read(r#"{"name":"Liz","petType":"Lizard","scales":true}"#),
        types::Pet::Other(other("Lizard"))
    );
    // A selected variant that lacks its own required field does not read.
    assert!(serde_json::from_str::<types::Pet>(r#"{"name":"Tom","petType":"Cat"}"#).is_err());
    // Writing a variant writes the subtype's fields, the tag among them.
    let json = serde_json::to_value(types::Pet::Dog(dog())).unwrap();
    assert_eq!(json["petType"], "dog");
    assert_eq!(json["packSize"], 3);
    assert_eq!(json["friend"]["petType"], "Cat");
}

#[tokio::test]
async fn the_server_checks_the_variant_the_tag_selects() {
    let recorder = Recorder::default();
    let addr = serve(server::router(recorder.clone())).await;
    let head = "POST /v1/pets HTTP/1.1\r\nContent-Type: application/json";
    for (body, pointer) in [
        // Dog's own rule: packSize >= 0.
        (
            r#"{"name":"Rex","petType":"dog","packSize":-1}"#,
            "/packSize",
        ),
        // The base's rule, through a subtype.
        (
            r#"{"name":"","petType":"Cat","huntingSkill":"lazy"}"#,
            "/name",
        ),
        // Cat's enum, inside the friend of a Dog.
        (
            r#"{"name":"Rex","petType":"dog","packSize":1,"friend":{"name":"Tom","petType":"Cat","huntingSkill":"sleepy"}}"#,
            "/friend/huntingSkill",
        ),
    ] {
        let response = raw_http(addr, head, body.as_bytes()).await;
        assert_eq!(response.status, 400, "{body}");
        let message = response.json()["message"].as_str().unwrap().to_string();
        assert!(
            message.starts_with(&format!("{pointer}: ")),
            "{body}: {message}"
        );
    }
    // The same packSize under another tag is not Dog's to check.
    let response = raw_http(
        addr,
        head,
        br#"{"name":"Rex","petType":"Lizard","packSize":-1}"#,
    )
    .await;
    assert_eq!(response.status, 200);
    assert_eq!(recorder.pets.len(), 1);
}
