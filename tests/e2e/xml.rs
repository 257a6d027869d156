//! spec/xml.yaml end to end: XML bodies written and read as the document's
//! `xml` objects say (attributes, element names, wrapped and unwrapped
//! lists, namespaces and prefixes), on both sides, and XML the generated
//! client did not write.

use crate::common::{raw_http, recording_server, serve};
use generated::xml::types::{Category, Counts, Pet, PetStatus, PutNoteBody, Tag};
use generated::xml::{client, server, *};

type Recorder = crate::common::Log<Pet>;

impl server::Api for Recorder {
    async fn add_pet(
        &self,
        req: AddPetRequest,
        _: server::Context,
    ) -> Result<AddPetResponse, server::Error> {
        self.push(req.body.clone());
        Ok(AddPetResponse::Created(req.body))
    }

    async fn list_pets(
        &self,
        _: ListPetsRequest,
        _: server::Context,
    ) -> Result<ListPetsResponse, server::Error> {
        Ok(ListPetsResponse::Ok(self.all()))
    }

    async fn put_note(
        &self,
        req: PutNoteRequest,
        _: server::Context,
    ) -> Result<PutNoteResponse, server::Error> {
        let note = req.body.unwrap_or_default();
        Ok(PutNoteResponse::Ok(Counts {
            lang: note.lang,
            words: note.text.map(|t| t.split_whitespace().count() as i32),
        }))
    }

    async fn both(
        &self,
        req: BothRequest,
        _: server::Context,
    ) -> Result<BothResponse, server::Error> {
        Ok(BothResponse::Ok(req.body))
    }
}

async fn start() -> (Recorder, client::Client, std::net::SocketAddr) {
    let recorder = Recorder::default();
    let addr = serve(server::router(recorder.clone())).await;
    (
        recorder,
        client::Client::new(format!("http://{addr}")),
        addr,
    )
}

/// A pet with only its required name.
fn named(name: &str) -> Pet {
    Pet {
        id: None,
        name: name.to_string(),
        nickname: None,
        status: None,
        weight: None,
        vaccinated: None,
        photo_urls: None,
        tags: None,
        aliases: None,
        category: None,
        born: None,
    }
}

fn rex() -> Pet {
    Pet {
        id: Some(7),
        name: "Rex <the \"good\" & brave>".to_string(),
        nickname: Some("R".to_string()),
        status: Some(PetStatus::Available),
        weight: Some(12.5),
        vaccinated: Some(true),
        photo_urls: Some(vec!["http://a/1?x=1&y=2".to_string(), "b".to_string()]),
        tags: Some(vec![
            Tag {
                id: Some(1),
                label: Some("calm".to_string()),
            },
            Tag {
                id: Some(2),
                label: None,
            },
        ]),
        aliases: Some(vec!["Rexy".to_string(), "R2".to_string()]),
        category: Some(Category {
            id: Some(3),
            name: Some("dogs".to_string()),
            parent: Some(Box::new(Category {
                id: Some(1),
                name: Some("animals".to_string()),
                parent: None,
            })),
        }),
        born: Some("2020-02-29T12:00:00Z".parse().unwrap()),
    }
}

#[tokio::test]
async fn an_xml_body_round_trips_through_client_and_server() {
    let (recorder, client, _) = start().await;
    let got = client
        .add_pet(&AddPetRequest { body: rex() })
        .await
        .expect("add");
    assert_eq!(got, AddPetResponse::Created(rex()));
    assert_eq!(recorder.all(), [rex()]);
    let minimal = named("Tiny");
    client
        .add_pet(&AddPetRequest {
            body: minimal.clone(),
        })
        .await
        .expect("add");
    let listed = client
        .list_pets(&ListPetsRequest::default())
        .await
        .expect("list");
    assert_eq!(listed, ListPetsResponse::Ok(vec![rex(), minimal]));
}

#[tokio::test]
async fn the_client_writes_the_elements_and_attributes_the_document_names() {
    let (addr, log) = recording_server(201, "application/xml", b"<pet><name>x</name></pet>").await;
    let client = client::Client::new(format!("http://{addr}"));
    let got = client
        .add_pet(&AddPetRequest { body: rex() })
        .await
        .expect("add");
    assert_eq!(got, AddPetResponse::Created(named("x")));
    let sent = log.lock().unwrap()[0].clone();
    assert_eq!(sent.header("content-type"), Some(&b"application/xml"[..]));
    let body = String::from_utf8(sent.body).unwrap();
    assert_eq!(
        body,
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8"?>"#,
            r#"<p:pet xmlns:p="urn:example:pets" id="7" vaccinated="true">"#,
            r#"<p:name>Rex &lt;the "good" &amp; brave&gt;</p:name>"#,
            r#"<nick xmlns="urn:example:names">R</nick>"#,
            r#"<status>available</status><weight>12.5</weight>"#,
            r#"<photos><url>http://a/1?x=1&amp;y=2</url><url>b</url></photos>"#,
            r#"<tag><id>1</id><label>calm</label></tag><tag><id>2</id></tag>"#,
            r#"<aliases>Rexy</aliases><aliases>R2</aliases>"#,
            r#"<category id="3"><name>dogs</name><parent id="1"><name>animals</name></parent></category>"#,
            r#"<born>2020-02-29T12:00:00Z</born>"#,
            r#"</p:pet>"#,
        )
    );
}

#[tokio::test]
async fn the_server_reads_xml_written_by_others() {
    let (recorder, _, addr) = start().await;
    // Another prefix for the same namespace, attributes in single quotes, a
    // comment, CDATA, character references and an element it does not know.
    let body = br#"<?xml version="1.0"?>
        <pets:pet xmlns:pets="urn:example:pets" vaccinated='false' id='9'>
          <!-- written by hand -->
          <pets:name><![CDATA[Fido & <co>]]>&#33;</pets:name>
          <unknown>skipped</unknown>
          <aliases>F</aliases>
          <photos/>
          <tag><label>x</label></tag>
          <weight> 3 </weight>
        </pets:pet>"#;
    let response = raw_http(
        addr,
        "POST /v1/pets HTTP/1.1\r\nContent-Type: text/xml; charset=utf-8",
        body,
    )
    .await;
    response.assert_status(201);
    assert_eq!(response.header("content-type"), Some("application/xml"));
    let expected = Pet {
        id: Some(9),
        vaccinated: Some(false),
        aliases: Some(vec!["F".to_string()]),
        photo_urls: Some(vec![]),
        tags: Some(vec![Tag {
            id: None,
            label: Some("x".to_string()),
        }]),
        weight: Some(3.0),
        ..named("Fido & <co>!")
    };
    assert_eq!(recorder.all(), [expected]);
}

#[tokio::test]
async fn xml_the_document_refuses_gets_a_400_naming_the_place() {
    let (recorder, _, addr) = start().await;
    let post = "POST /v1/pets HTTP/1.1\r\nContent-Type: application/xml";
    for (body, place) in [
        (&b"<pet id='x'><name>a</name></pet>"[..], "/pet/@id"),
        (b"<pet><name>a</name><weight>-1</weight></pet>", "weight"),
        (b"<pet><name></name></pet>", "name"),
        (b"<pet><name>a</name><status>lost</status></pet>", "status"),
        (b"<pet><name>a</pet>", "closes"),
        (b"<pet/>", "name"),
    ] {
        let response = raw_http(addr, post, body).await;
        response.assert_status(400);
        let message = response.json()["message"].as_str().unwrap().to_string();
        assert!(
            message.contains(place),
            "{}: {message}",
            String::from_utf8_lossy(body)
        );
    }
    let json = raw_http(
        addr,
        "POST /v1/pets HTTP/1.1\r\nContent-Type: application/json",
        br#"{"name": "a"}"#,
    )
    .await;
    json.assert_status(415);
    assert!(recorder.is_empty());
}

#[tokio::test]
async fn optional_inline_and_list_bodies_and_json_where_both_are_offered() {
    let (_, client, addr) = start().await;
    let got = client
        .put_note(&PutNoteRequest {
            body: Some(PutNoteBody {
                lang: Some("en".to_string()),
                text: Some("three small words".to_string()),
            }),
        })
        .await
        .expect("note");
    assert_eq!(
        got,
        PutNoteResponse::Ok(Counts {
            lang: Some("en".to_string()),
            words: Some(3),
        })
    );
    let empty = client
        .put_note(&PutNoteRequest::default())
        .await
        .expect("no note");
    assert_eq!(empty, PutNoteResponse::Ok(Counts::default()));
    let note = raw_http(
        addr,
        "PUT /v1/notes HTTP/1.1\r\nContent-Type: application/xml",
        b"<note lang='fr'><text>un deux</text></note>",
    )
    .await;
    note.assert_status(200);
    let text = String::from_utf8(note.body.clone()).unwrap();
    assert!(
        text.ends_with("<counts><lang>fr</lang><words>2</words></counts>"),
        "{text}"
    );
    let listed = raw_http(addr, "GET /v1/pets HTTP/1.1", b"").await;
    assert_eq!(listed.header("content-type"), Some("text/xml"));
    assert!(String::from_utf8(listed.body).unwrap().ends_with("<pets/>"));
    // JSON and XML offered: the client sends JSON, the server answers JSON.
    let tag = Tag {
        id: Some(4),
        label: Some("j".to_string()),
    };
    let got = client
        .both(&BothRequest { body: tag.clone() })
        .await
        .expect("both");
    assert_eq!(got, BothResponse::Ok(tag));
}
