//! Serves the generated server of one document on 127.0.0.1, backed by an
//! in-memory implementation that answers with valid data: the target of the
//! conformance scripts (Schemathesis) and of the load test.
//!
//! ```text
//! cargo run -p generated --example serve -- petstore 8080
//! cargo run -p generated --example serve -- seed 8081
//! cargo run -p generated --example serve -- fake 8082
//! cargo run -p generated --example serve -- fake_oas3 8083
//! ```
//!
//! `fake` is openapi-generator's `petstore-with-fake-endpoints-models-for-testing.yaml`,
//! generated only when `../shared/corpus` is beside the project; `fake_oas3`
//! is its OpenAPI 3.0 edition, generated only when `../shared/corpus-oas3` is
//! (its implementation is in `fake_oas3/store.rs`). That edition serves every
//! path under its first server's path, `/v2`.

use std::collections::BTreeMap;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex};

fn usage() -> ! {
    eprintln!("usage: serve (petstore|seed|fake|fake_oas3) PORT");
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
        // The document itself at /openapi.json, for Swagger UI and other tools.
        "petstore" => generated::petstore::server::router(petstore::Store::default()).route(
            "/openapi.json",
            axum::routing::get(|| async {
                let content_type = [(axum::http::header::CONTENT_TYPE, "application/json")];
                (content_type, generated::petstore::server::DOCUMENT)
            }),
        ),
        "seed" => generated::aws_codepipeline::server::router(seed::Jobs),
        #[cfg(fake_endpoints)]
        "fake" => generated::petstore_with_fake_endpoints_models_for_testing::server::router(
            fake::Store::default(),
        ),
        #[cfg(not(fake_endpoints))]
        "fake" => {
            eprintln!("serve: `fake` needs ../shared/corpus beside the project");
            std::process::exit(2);
        }
        #[cfg(fake_endpoints_oas3)]
        "fake_oas3" => generated::fake_oas3::server::router(fake_oas3::Store::default()),
        #[cfg(not(fake_endpoints_oas3))]
        "fake_oas3" => {
            eprintln!("serve: `fake_oas3` needs ../shared/corpus-oas3 beside the project");
            std::process::exit(2);
        }
        _ => usage(),
    };
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .unwrap_or_else(|e| panic!("cannot listen on {addr}: {e}"));
    eprintln!("serving {spec} on http://{addr}");
    // Peer addresses reach the methods (`Context::peer_addr`) with connect info.
    let app = with_middleware(router).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown())
        .await
        .expect("server failed");
    eprintln!("served {spec}; stopped");
}

/// The layers a production server puts around a generated router: request
/// traces (printed by whatever `tracing` subscriber the program installs),
/// a time limit per request, CORS, and a body limit of 1 MiB. Requests over
/// the limit get 413 (through `Api::rejected` when the body is read; from
/// tower-http itself when its `Content-Length` says so up front).
fn with_middleware(router: axum::Router) -> axum::Router {
    use std::time::Duration;
    use tower_http::{
        cors::CorsLayer, limit::RequestBodyLimitLayer, timeout::TimeoutLayer, trace::TraceLayer,
    };
    router
        .layer(RequestBodyLimitLayer::new(1 << 20))
        .layer(TimeoutLayer::with_status_code(
            axum::http::StatusCode::SERVICE_UNAVAILABLE,
            Duration::from_secs(30),
        ))
        .layer(CorsLayer::permissive())
        .layer(TraceLayer::new_for_http())
}

/// Resolves on Ctrl-C or SIGTERM: the server stops accepting connections and
/// finishes the requests in flight before `main` returns.
async fn shutdown() {
    let ctrl_c = async {
        tokio::signal::ctrl_c().await.expect("a Ctrl-C handler");
    };
    #[cfg(unix)]
    let terminate = async {
        tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
            .expect("a SIGTERM handler")
            .recv()
            .await;
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = terminate => {}
    }
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

        async fn list_pets(
            &self,
            req: ListPetsRequest,
            _: server::Context,
        ) -> Result<ListPetsResponse, server::Error> {
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
            _: server::Context,
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
            _: server::Context,
        ) -> Result<ShowPetByIdResponse, server::Error> {
            Ok(match self.pets.lock().unwrap().get(&req.pet_id) {
                Some(pet) => ShowPetByIdResponse::Ok(pet.clone()),
                None => ShowPetByIdResponse::NotFound(not_found(req.pet_id)),
            })
        }

        async fn delete_pet(
            &self,
            req: DeletePetRequest,
            _: server::Context,
        ) -> Result<DeletePetResponse, server::Error> {
            Ok(match self.pets.lock().unwrap().remove(&req.pet_id) {
                Some(_) => DeletePetResponse::NoContent,
                None => DeletePetResponse::NotFound(not_found(req.pet_id)),
            })
        }

        async fn find_owned_pet(
            &self,
            req: FindOwnedPetRequest,
            _: server::Context,
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
            _: server::Context,
        ) -> Result<AcknowledgeJobResponse, server::Error> {
            Ok(AcknowledgeJobResponse::Ok)
        }

        async fn acknowledge_third_party_job(
            &self,
            _req: AcknowledgeThirdPartyJobRequest,
            _: server::Context,
        ) -> Result<AcknowledgeThirdPartyJobResponse, server::Error> {
            Ok(AcknowledgeThirdPartyJobResponse::Ok)
        }
    }
}

/// The OpenAPI 3.0 edition of openapi-generator's test document, in the
/// manner of `fake` below.
#[cfg(fake_endpoints_oas3)]
#[path = "fake_oas3/store.rs"]
mod fake_oas3;

/// openapi-generator's test document: pets, orders and users in memory; the
/// fake endpoints echo what they were sent. Where the document lists only
/// error statuses for an operation, the answer is the one a caller can act
/// on (404 for a missing thing), since the document leaves no other.
#[cfg(fake_endpoints)]
mod fake {
    use super::*;
    use bytes::Bytes;
    use generated::petstore_with_fake_endpoints_models_for_testing::{server, types, *};

    type Result<T> = std::result::Result<T, server::Error>;

    #[derive(Clone, Default)]
    pub struct Store {
        pets: Arc<Mutex<BTreeMap<i64, types::Pet>>>,
        orders: Arc<Mutex<BTreeMap<i64, types::Order>>>,
        users: Arc<Mutex<BTreeMap<String, types::User>>>,
    }

    fn next_id<T>(map: &BTreeMap<i64, T>) -> i64 {
        map.keys()
            .next_back()
            .map_or(1, |last| last.saturating_add(1))
    }

    fn uploaded(file: Option<&FilePart>) -> types::ApiResponse {
        types::ApiResponse {
            code: Some(200),
            r#type: Some("upload".to_string()),
            message: Some(format!("{} bytes", file.map_or(0, |f| f.bytes.len()))),
        }
    }

    /// The credentials this server accepts (scripts/conformance gives them to
    /// Schemathesis). Checking their values is the implementation's part: the
    /// generated server only makes sure that they are there.
    fn check(c: &Credentials) -> Result<()> {
        let valid = c
            .petstore_auth
            .as_deref()
            .is_none_or(|t| t == "special-token")
            && c.api_key.as_deref().is_none_or(|k| k == "special-key")
            && c.api_key_query
                .as_deref()
                .is_none_or(|k| k == "special-key")
            && c.http_basic_test
                .as_ref()
                .is_none_or(|b| b.username == "user" && b.password == "secret");
        if valid {
            Ok(())
        } else {
            Err(server::Error::new(
                axum::http::StatusCode::UNAUTHORIZED,
                "invalid credentials",
            ))
        }
    }

    fn done<T>(make: impl FnOnce(u16, Bytes) -> T) -> Result<T> {
        Ok(make(200, Bytes::new()))
    }

    impl server::Api for Store {
        async fn update_pet(
            &self,
            req: UpdatePetRequest,
            cx: server::Context,
        ) -> Result<UpdatePetResponse> {
            check(&cx.credentials)?;
            let mut pets = self.pets.lock().unwrap();
            Ok(match req.body.id.filter(|id| pets.contains_key(id)) {
                Some(id) => {
                    pets.insert(id, req.body);
                    UpdatePetResponse::Ok
                }
                None => UpdatePetResponse::NotFound,
            })
        }

        async fn add_pet(&self, req: AddPetRequest, cx: server::Context) -> Result<AddPetResponse> {
            check(&cx.credentials)?;
            let mut pets = self.pets.lock().unwrap();
            let id = req.body.id.unwrap_or_else(|| next_id(&pets));
            pets.insert(
                id,
                types::Pet {
                    id: Some(id),
                    ..req.body
                },
            );
            Ok(AddPetResponse::Ok)
        }

        async fn find_pets_by_status(
            &self,
            req: FindPetsByStatusRequest,
            cx: server::Context,
        ) -> Result<FindPetsByStatusResponse> {
            check(&cx.credentials)?;
            let wanted: Vec<String> = req.status.iter().map(ToString::to_string).collect();
            let pets = self.pets.lock().unwrap();
            let found = pets
                .values()
                .filter(|p| {
                    p.status
                        .as_ref()
                        .is_some_and(|s| wanted.contains(&s.to_string()))
                })
                .cloned()
                .collect();
            Ok(FindPetsByStatusResponse::Ok(found))
        }

        async fn find_pets_by_tags(
            &self,
            req: FindPetsByTagsRequest,
            cx: server::Context,
        ) -> Result<FindPetsByTagsResponse> {
            check(&cx.credentials)?;
            let pets = self.pets.lock().unwrap();
            let found = pets
                .values()
                .filter(|p| {
                    p.tags
                        .iter()
                        .flatten()
                        .any(|t| t.name.as_ref().is_some_and(|n| req.tags.contains(n)))
                })
                .cloned()
                .collect();
            Ok(FindPetsByTagsResponse::Ok(found))
        }

        async fn get_pet_by_id(
            &self,
            req: GetPetByIdRequest,
            cx: server::Context,
        ) -> Result<GetPetByIdResponse> {
            check(&cx.credentials)?;
            Ok(match self.pets.lock().unwrap().get(&req.pet_id) {
                Some(pet) => GetPetByIdResponse::Ok(pet.clone()),
                None => GetPetByIdResponse::NotFound,
            })
        }

        async fn update_pet_with_form(
            &self,
            req: UpdatePetWithFormRequest,
            cx: server::Context,
        ) -> Result<UpdatePetWithFormResponse> {
            check(&cx.credentials)?;
            if let Some(pet) = self.pets.lock().unwrap().get_mut(&req.pet_id) {
                if let Some(name) = req.name {
                    pet.name = name;
                }
                // The form's status is any string; a pet's is one of its enum.
                match types::PetStatus::from(req.status.as_deref().unwrap_or("")) {
                    types::PetStatus::Unknown(_) => {}
                    status => pet.status = Some(status),
                }
            }
            // 405 is the only response the document lists.
            Ok(UpdatePetWithFormResponse::MethodNotAllowed)
        }

        async fn delete_pet(
            &self,
            req: DeletePetRequest,
            cx: server::Context,
        ) -> Result<DeletePetResponse> {
            check(&cx.credentials)?;
            // Deleting is idempotent: a missing pet is deleted already.
            self.pets.lock().unwrap().remove(&req.pet_id);
            Ok(DeletePetResponse::Ok)
        }

        async fn upload_file(
            &self,
            req: UploadFileRequest,
            cx: server::Context,
        ) -> Result<UploadFileResponse> {
            check(&cx.credentials)?;
            Ok(UploadFileResponse::Ok(uploaded(req.file.as_ref())))
        }

        async fn get_inventory(
            &self,
            _: GetInventoryRequest,
            cx: server::Context,
        ) -> Result<GetInventoryResponse> {
            check(&cx.credentials)?;
            let mut counts = BTreeMap::new();
            for pet in self.pets.lock().unwrap().values() {
                if let Some(status) = &pet.status {
                    *counts.entry(status.to_string()).or_insert(0) += 1;
                }
            }
            Ok(GetInventoryResponse::Ok(counts))
        }

        async fn place_order(
            &self,
            req: PlaceOrderRequest,
            _: server::Context,
        ) -> Result<PlaceOrderResponse> {
            let mut orders = self.orders.lock().unwrap();
            let id = req.body.id.unwrap_or_else(|| next_id(&orders));
            let order = types::Order {
                id: Some(id),
                ..req.body
            };
            orders.insert(id, order.clone());
            Ok(PlaceOrderResponse::Ok(order))
        }

        async fn get_order_by_id(
            &self,
            req: GetOrderByIdRequest,
            _: server::Context,
        ) -> Result<GetOrderByIdResponse> {
            Ok(match self.orders.lock().unwrap().get(&req.order_id) {
                Some(order) => GetOrderByIdResponse::Ok(order.clone()),
                None => GetOrderByIdResponse::NotFound,
            })
        }

        async fn delete_order(
            &self,
            req: DeleteOrderRequest,
            _: server::Context,
        ) -> Result<DeleteOrderResponse> {
            if let Ok(id) = req.order_id.parse::<i64>() {
                self.orders.lock().unwrap().remove(&id);
            }
            // The document lists only 400 and 404: once deleted, it is not found.
            Ok(DeleteOrderResponse::NotFound)
        }

        async fn create_user(
            &self,
            req: CreateUserRequest,
            _: server::Context,
        ) -> Result<CreateUserResponse> {
            let name = req.body.username.clone().unwrap_or_default();
            self.users.lock().unwrap().insert(name, req.body);
            done(|status, body| CreateUserResponse::Default { status, body })
        }

        async fn create_users_with_array_input(
            &self,
            req: CreateUsersWithArrayInputRequest,
            _: server::Context,
        ) -> Result<CreateUsersWithArrayInputResponse> {
            let mut users = self.users.lock().unwrap();
            for user in req.body {
                users.insert(user.username.clone().unwrap_or_default(), user);
            }
            done(|status, body| CreateUsersWithArrayInputResponse::Default { status, body })
        }

        async fn create_users_with_list_input(
            &self,
            req: CreateUsersWithListInputRequest,
            _: server::Context,
        ) -> Result<CreateUsersWithListInputResponse> {
            let mut users = self.users.lock().unwrap();
            for user in req.body {
                users.insert(user.username.clone().unwrap_or_default(), user);
            }
            done(|status, body| CreateUsersWithListInputResponse::Default { status, body })
        }

        async fn login_user(
            &self,
            req: LoginUserRequest,
            _: server::Context,
        ) -> Result<LoginUserResponse> {
            let expires = std::time::SystemTime::now() + std::time::Duration::from_secs(3600);
            Ok(LoginUserResponse::Ok {
                body: format!("session for {}", req.username),
                x_rate_limit: Some(5000),
                x_expires_after: Some(expires.into()),
            })
        }

        async fn logout_user(
            &self,
            _: LogoutUserRequest,
            _: server::Context,
        ) -> Result<LogoutUserResponse> {
            done(|status, body| LogoutUserResponse::Default { status, body })
        }

        async fn get_user_by_name(
            &self,
            req: GetUserByNameRequest,
            _: server::Context,
        ) -> Result<GetUserByNameResponse> {
            Ok(match self.users.lock().unwrap().get(&req.username) {
                Some(user) => GetUserByNameResponse::Ok(user.clone()),
                None => GetUserByNameResponse::NotFound,
            })
        }

        async fn update_user(
            &self,
            req: UpdateUserRequest,
            _: server::Context,
        ) -> Result<UpdateUserResponse> {
            let mut users = self.users.lock().unwrap();
            if let Some(user) = users.get_mut(&req.username) {
                *user = req.body;
            }
            // The document lists only 400 and 404.
            Ok(UpdateUserResponse::NotFound)
        }

        async fn delete_user(
            &self,
            req: DeleteUserRequest,
            _: server::Context,
        ) -> Result<DeleteUserResponse> {
            self.users.lock().unwrap().remove(&req.username);
            // The document lists only 400 and 404: once deleted, it is not found.
            Ok(DeleteUserResponse::NotFound)
        }

        async fn test_classname(
            &self,
            req: TestClassnameRequest,
            cx: server::Context,
        ) -> Result<TestClassnameResponse> {
            check(&cx.credentials)?;
            Ok(TestClassnameResponse::Ok(req.body))
        }

        async fn test_enum_parameters(
            &self,
            _: TestEnumParametersRequest,
            _: server::Context,
        ) -> Result<TestEnumParametersResponse> {
            // The document lists only 400 and 404.
            Ok(TestEnumParametersResponse::NotFound)
        }

        async fn test_endpoint_parameters(
            &self,
            _: TestEndpointParametersRequest,
            cx: server::Context,
        ) -> Result<TestEndpointParametersResponse> {
            check(&cx.credentials)?;
            // The document lists only 400 and 404.
            Ok(TestEndpointParametersResponse::NotFound)
        }

        async fn test_group_parameters(
            &self,
            _: TestGroupParametersRequest,
            _: server::Context,
        ) -> Result<TestGroupParametersResponse> {
            // 400 is the only response the document lists.
            Ok(TestGroupParametersResponse::BadRequest)
        }

        async fn test_client_model(
            &self,
            req: TestClientModelRequest,
            _: server::Context,
        ) -> Result<TestClientModelResponse> {
            Ok(TestClientModelResponse::Ok(req.body))
        }

        async fn fake_outer_number_serialize(
            &self,
            req: FakeOuterNumberSerializeRequest,
            _: server::Context,
        ) -> Result<FakeOuterNumberSerializeResponse> {
            Ok(FakeOuterNumberSerializeResponse::Ok(
                req.body.unwrap_or_default(),
            ))
        }

        async fn fake_outer_string_serialize(
            &self,
            req: FakeOuterStringSerializeRequest,
            _: server::Context,
        ) -> Result<FakeOuterStringSerializeResponse> {
            Ok(FakeOuterStringSerializeResponse::Ok(
                req.body.unwrap_or_default(),
            ))
        }

        async fn fake_outer_boolean_serialize(
            &self,
            req: FakeOuterBooleanSerializeRequest,
            _: server::Context,
        ) -> Result<FakeOuterBooleanSerializeResponse> {
            Ok(FakeOuterBooleanSerializeResponse::Ok(
                req.body.unwrap_or_default(),
            ))
        }

        async fn fake_outer_composite_serialize(
            &self,
            req: FakeOuterCompositeSerializeRequest,
            _: server::Context,
        ) -> Result<FakeOuterCompositeSerializeResponse> {
            let composite = req.body.unwrap_or(types::OuterComposite {
                my_number: None,
                my_string: None,
                my_boolean: None,
            });
            Ok(FakeOuterCompositeSerializeResponse::Ok(composite))
        }

        async fn test_json_form_data(
            &self,
            _: TestJsonFormDataRequest,
            _: server::Context,
        ) -> Result<TestJsonFormDataResponse> {
            Ok(TestJsonFormDataResponse::Ok)
        }

        async fn test_inline_additional_properties(
            &self,
            _: TestInlineAdditionalPropertiesRequest,
            _: server::Context,
        ) -> Result<TestInlineAdditionalPropertiesResponse> {
            Ok(TestInlineAdditionalPropertiesResponse::Ok)
        }

        async fn test_body_with_query_params(
            &self,
            _: TestBodyWithQueryParamsRequest,
            _: server::Context,
        ) -> Result<TestBodyWithQueryParamsResponse> {
            Ok(TestBodyWithQueryParamsResponse::Ok)
        }

        async fn create_xml_item(
            &self,
            _: CreateXmlItemRequest,
            _: server::Context,
        ) -> Result<CreateXmlItemResponse> {
            Ok(CreateXmlItemResponse::Ok)
        }

        async fn n123_test_special_tags(
            &self,
            req: N123TestSpecialTagsRequest,
            _: server::Context,
        ) -> Result<N123TestSpecialTagsResponse> {
            Ok(N123TestSpecialTagsResponse::Ok(req.body))
        }

        async fn test_body_with_file_schema(
            &self,
            _: TestBodyWithFileSchemaRequest,
            _: server::Context,
        ) -> Result<TestBodyWithFileSchemaResponse> {
            Ok(TestBodyWithFileSchemaResponse::Ok)
        }

        async fn test_query_parameter_collection_format(
            &self,
            _: TestQueryParameterCollectionFormatRequest,
            _: server::Context,
        ) -> Result<TestQueryParameterCollectionFormatResponse> {
            Ok(TestQueryParameterCollectionFormatResponse::Ok)
        }

        async fn upload_file_with_required_file(
            &self,
            req: UploadFileWithRequiredFileRequest,
            cx: server::Context,
        ) -> Result<UploadFileWithRequiredFileResponse> {
            check(&cx.credentials)?;
            Ok(UploadFileWithRequiredFileResponse::Ok(uploaded(Some(
                &req.required_file,
            ))))
        }
    }
}
