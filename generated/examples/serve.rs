//! Serves the generated server of one document on 127.0.0.1, backed by an
//! in-memory implementation that answers with valid data: the target of the
//! conformance scripts (Schemathesis) and of the load test.
//!
//! ```text
//! cargo run -p generated --example serve -- petstore 8080
//! cargo run -p generated --example serve -- seed 8081
//! ```

use std::collections::BTreeMap;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex};

fn usage() -> ! {
    eprintln!("usage: serve (petstore|seed) PORT");
    std::process::exit(2);
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [spec, port] = args.as_slice() else {
        usage()
    };
    let Ok(port) = port.parse::<u16>() else {
        usage()
    };
    let router = match spec.as_str() {
        "petstore" => generated::petstore::server::router(petstore::Store::default()),
        "seed" => generated::aws_codepipeline::server::router(seed::Jobs),
        _ => usage(),
    };
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .unwrap_or_else(|e| panic!("cannot listen on {addr}: {e}"));
    eprintln!("serving {spec} on http://{addr}");
    axum::serve(listener, router).await.expect("server failed");
}

/// An in-memory pet store: pets by id, numbered from 1.
mod petstore {
    use super::*;
    use axum::response::IntoResponse;
    use generated::petstore::{server, types, *};

    #[derive(Clone, Default)]
    pub struct Store {
        pets: Arc<Mutex<BTreeMap<i64, types::Pet>>>,
    }

    fn not_found(id: impl std::fmt::Display) -> types::Error {
        types::Error {
            code: 404,
            message: format!("no pet {id}"),
        }
    }

    impl server::Api for Store {
        /// The document's `Error` schema for every refused request, as its
        /// 400 and `default` responses promise.
        fn rejected(&self, rejection: server::Rejection) -> axum::response::Response {
            let body = types::Error {
                code: 400,
                message: rejection.to_string(),
            };
            let json = [(axum::http::header::CONTENT_TYPE, "application/json")];
            let bytes = serde_json::to_vec(&body).unwrap_or_default();
            (axum::http::StatusCode::BAD_REQUEST, json, bytes).into_response()
        }

        async fn list_pets(&self, req: ListPetsRequest) -> Result<ListPetsResponse, server::Error> {
            let pets = self.pets.lock().unwrap();
            let limit = req
                .limit
                .map_or(usize::MAX, |l| usize::try_from(l).unwrap_or(0));
            let tags = req.tags.unwrap_or_default();
            let found = pets
                .values()
                .filter(|p| match (&req.status, &p.status) {
                    (None, _) => true,
                    (Some(wanted), Some(status)) => wanted.to_string() == status.to_string(),
                    (Some(_), None) => false,
                })
                .filter(|p| tags.is_empty() || p.tag.as_ref().is_some_and(|t| tags.contains(t)))
                .take(limit)
                .cloned()
                .collect();
            Ok(ListPetsResponse::Ok(found))
        }

        async fn create_pet(
            &self,
            req: CreatePetRequest,
        ) -> Result<CreatePetResponse, server::Error> {
            let mut pets = self.pets.lock().unwrap();
            let id = pets.keys().next_back().map_or(1, |last| last + 1);
            let pet = types::Pet {
                id,
                name: req.body.name,
                tag: req.body.tag,
                status: req.body.status,
            };
            pets.insert(id, pet.clone());
            Ok(CreatePetResponse::Created(pet))
        }

        async fn show_pet_by_id(
            &self,
            req: ShowPetByIdRequest,
        ) -> Result<ShowPetByIdResponse, server::Error> {
            Ok(match self.pets.lock().unwrap().get(&req.pet_id) {
                Some(pet) => ShowPetByIdResponse::Ok(pet.clone()),
                None => ShowPetByIdResponse::NotFound(not_found(req.pet_id)),
            })
        }

        async fn delete_pet(
            &self,
            req: DeletePetRequest,
        ) -> Result<DeletePetResponse, server::Error> {
            Ok(match self.pets.lock().unwrap().remove(&req.pet_id) {
                Some(_) => DeletePetResponse::NoContent,
                None => DeletePetResponse::NotFound(not_found(req.pet_id)),
            })
        }

        async fn find_owned_pet(
            &self,
            req: FindOwnedPetRequest,
        ) -> Result<FindOwnedPetResponse, server::Error> {
            // Owners are not modelled: a pet belongs to whoever asks for it by name.
            let pets = self.pets.lock().unwrap();
            Ok(match pets.values().find(|p| p.name == req.pet_name) {
                Some(pet) => FindOwnedPetResponse::Ok(pet.clone()),
                None => FindOwnedPetResponse::NotFound,
            })
        }
    }
}

/// The seed: every job can be acknowledged.
mod seed {
    use generated::aws_codepipeline::{server, *};

    pub struct Jobs;

    impl server::Api for Jobs {
        async fn acknowledge_job(
            &self,
            _req: AcknowledgeJobRequest,
        ) -> Result<AcknowledgeJobResponse, server::Error> {
            Ok(AcknowledgeJobResponse::Ok)
        }

        async fn acknowledge_third_party_job(
            &self,
            _req: AcknowledgeThirdPartyJobRequest,
        ) -> Result<AcknowledgeThirdPartyJobResponse, server::Error> {
            Ok(AcknowledgeThirdPartyJobResponse::Ok)
        }
    }
}
