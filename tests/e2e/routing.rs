//! spec/routing.yaml end to end: a literal path hands the methods it lacks
//! to the templated path that also matches it, when the parameter can take
//! the literal text; otherwise they stay a 405.

use crate::common::{raw_http, serve};
use generated::routing::{client, server, *};

#[derive(Debug, Clone, PartialEq)]
enum Received {
    PutAsana(PutAsanaRequest),
    GetService(GetServiceRequest),
    DeleteService(DeleteServiceRequest),
    FindByStatus,
    UpdatePet(UpdatePetRequest),
}

type Recorder = crate::common::Log<Received>;

impl server::Api for Recorder {
    async fn put_asana(
        &self,
        req: PutAsanaRequest,
        _: server::Context,
    ) -> Result<PutAsanaResponse, server::Error> {
        self.push(Received::PutAsana(req));
        Ok(PutAsanaResponse::NoContent)
    }

    async fn get_service(
        &self,
        req: GetServiceRequest,
        _: server::Context,
    ) -> Result<GetServiceResponse, server::Error> {
        let slug = req.slug.clone();
        self.push(Received::GetService(req));
        Ok(GetServiceResponse::Ok(slug))
    }

    async fn delete_service(
        &self,
        req: DeleteServiceRequest,
        _: server::Context,
    ) -> Result<DeleteServiceResponse, server::Error> {
        self.push(Received::DeleteService(req));
        Ok(DeleteServiceResponse::NoContent)
    }

    async fn find_by_status(
        &self,
        _: FindByStatusRequest,
        _: server::Context,
    ) -> Result<FindByStatusResponse, server::Error> {
        self.push(Received::FindByStatus);
        Ok(FindByStatusResponse::Ok)
    }

    async fn update_pet(
        &self,
        req: UpdatePetRequest,
        _: server::Context,
    ) -> Result<UpdatePetResponse, server::Error> {
        self.push(Received::UpdatePet(req));
        Ok(UpdatePetResponse::NoContent)
    }
}

async fn start() -> (Recorder, client::Client, std::net::SocketAddr) {
    let recorder = Recorder::default();
    let addr = serve(server::router(recorder.clone())).await;
    let client = client::Client::new(format!("http://{addr}"));
    (recorder, client, addr)
}

#[tokio::test]
async fn the_methods_a_literal_path_lacks_reach_the_templated_operations() {
    let (recorder, client, _) = start().await;
    let got = client
        .get_service(&GetServiceRequest {
            id: 7,
            slug: "asana".to_string(),
        })
        .await
        .expect("get asana");
    assert_eq!(got, GetServiceResponse::Ok("asana".to_string()));
    client
        .delete_service(&DeleteServiceRequest {
            id: 7,
            slug: "asana".to_string(),
        })
        .await
        .expect("delete asana");
    client
        .put_asana(&PutAsanaRequest { id: 7 })
        .await
        .expect("put asana");
    client
        .get_service(&GetServiceRequest {
            id: 8,
            slug: "jira".to_string(),
        })
        .await
        .expect("get jira");
    assert_eq!(
        recorder.take(),
        [
            Received::GetService(GetServiceRequest {
                id: 7,
                slug: "asana".to_string()
            }),
            Received::DeleteService(DeleteServiceRequest {
                id: 7,
                slug: "asana".to_string()
            }),
            Received::PutAsana(PutAsanaRequest { id: 7 }),
            Received::GetService(GetServiceRequest {
                id: 8,
                slug: "jira".to_string()
            }),
        ]
    );
}

#[tokio::test]
async fn the_templated_operations_check_what_they_are_handed() {
    let (recorder, _, addr) = start().await;
    // The literal route's own parameter is still checked by the templated
    // operation's rules.
    let response = raw_http(addr, "GET /v1/projects/x/services/asana HTTP/1.1", b"").await;
    assert_eq!(response.status, 400);
    assert_eq!(response.json()["parameter"], "id");
    assert!(recorder.is_empty());
}

#[tokio::test]
async fn a_literal_the_parameter_cannot_take_stays_a_405() {
    let (recorder, _, addr) = start().await;
    let response = raw_http(addr, "POST /v1/pets/findByStatus HTTP/1.1", b"").await;
    assert_eq!(response.status, 405);
    let response = raw_http(addr, "POST /v1/pets/12 HTTP/1.1", b"").await;
    assert_eq!(response.status, 204);
    assert_eq!(
        recorder.take(),
        [Received::UpdatePet(UpdatePetRequest { pet_id: 12 })]
    );
}
