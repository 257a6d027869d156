//! The OpenAPI 3.0 edition of openapi-generator's test document, served for
//! Schemathesis by `serve.rs` (`serve fake_oas3 PORT`): pets, orders and
//! users in memory; the fake endpoints echo what they were sent where the
//! document returns it. Every method is implemented, so none answers 501.
//! Where the document lists only error statuses for an operation, the answer
//! is the one a caller can act on (404 for a missing thing), since the
//! document leaves no other.

use bytes::Bytes;
use generated::fake_oas3::{server, types, *};
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

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
/// Schemathesis): the tokens of both bearer schemes (`petstore_auth`,
/// `bearer_test`) are `special-token`, both API keys `special-key`. Checking
/// their values is the implementation's part: the generated server only
/// makes sure that they are there. (`http_signature_test` is a scheme the
/// generator does not model: nothing reaches a method for it.)
fn check(c: &Credentials) -> Result<()> {
    let valid = c
        .petstore_auth
        .as_deref()
        .is_none_or(|t| t == "special-token")
        && c.bearer_test
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

/// A `default` response without a body.
fn done<T>(make: impl FnOnce(u16, Bytes) -> T) -> Result<T> {
    Ok(make(200, Bytes::new()))
}

impl server::Api for Store {
    async fn get_foo(&self, _: GetFooRequest, _: server::Context) -> Result<GetFooResponse> {
        // `Foo.bar` is `Bar`, a string whose default is `bar`.
        Ok(GetFooResponse::Default {
            status: 200,
            body: types::GetFooDefaultBody {
                string: Some(types::Foo {
                    bar: Some("bar".to_string()),
                }),
            },
        })
    }

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
        // 200 and 405 are all the document lists: a missing pet is no
        // invalid input.
        Ok(UpdatePetWithFormResponse::Ok)
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
        cx: server::Context,
    ) -> Result<TestGroupParametersResponse> {
        check(&cx.credentials)?;
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

    async fn fake_property_enum_integer_serialize(
        &self,
        req: FakePropertyEnumIntegerSerializeRequest,
        _: server::Context,
    ) -> Result<FakePropertyEnumIntegerSerializeResponse> {
        Ok(FakePropertyEnumIntegerSerializeResponse::Ok(req.body))
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
        Ok(FakeOuterCompositeSerializeResponse::Ok(
            req.body.unwrap_or_default(),
        ))
    }

    async fn fake_big_decimal_map(
        &self,
        _: FakeBigDecimalMapRequest,
        _: server::Context,
    ) -> Result<FakeBigDecimalMapResponse> {
        // Prices of the orders by id: a map whose keys are decimal numbers.
        let orders = self.orders.lock().unwrap();
        let some_map = orders
            .iter()
            .map(|(id, order)| (format!("{id}.0"), f64::from(order.quantity.unwrap_or(0))))
            .collect();
        Ok(FakeBigDecimalMapResponse::Ok(
            types::FakeBigDecimalMapOkBody {
                some_id: Some(1.0),
                some_map: Some(some_map),
            },
        ))
    }

    async fn test_json_form_data(
        &self,
        _: TestJsonFormDataRequest,
        _: server::Context,
    ) -> Result<TestJsonFormDataResponse> {
        Ok(TestJsonFormDataResponse::Ok)
    }

    async fn test_additional_properties_reference(
        &self,
        _: TestAdditionalPropertiesReferenceRequest,
        _: server::Context,
    ) -> Result<TestAdditionalPropertiesReferenceResponse> {
        Ok(TestAdditionalPropertiesReferenceResponse::Ok)
    }

    async fn test_string_map_reference(
        &self,
        _: TestStringMapReferenceRequest,
        _: server::Context,
    ) -> Result<TestStringMapReferenceResponse> {
        Ok(TestStringMapReferenceResponse::Ok)
    }

    async fn test_inline_additional_properties(
        &self,
        _: TestInlineAdditionalPropertiesRequest,
        _: server::Context,
    ) -> Result<TestInlineAdditionalPropertiesResponse> {
        Ok(TestInlineAdditionalPropertiesResponse::Ok)
    }

    async fn test_inline_freeform_additional_properties(
        &self,
        _: TestInlineFreeformAdditionalPropertiesRequest,
        _: server::Context,
    ) -> Result<TestInlineFreeformAdditionalPropertiesResponse> {
        Ok(TestInlineFreeformAdditionalPropertiesResponse::Ok)
    }

    async fn test_nullable(
        &self,
        _: TestNullableRequest,
        _: server::Context,
    ) -> Result<TestNullableResponse> {
        Ok(TestNullableResponse::Ok)
    }

    async fn test_body_with_query_params(
        &self,
        _: TestBodyWithQueryParamsRequest,
        _: server::Context,
    ) -> Result<TestBodyWithQueryParamsResponse> {
        Ok(TestBodyWithQueryParamsResponse::Ok)
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

    async fn test_body_with_binary(
        &self,
        _: TestBodyWithBinaryRequest,
        _: server::Context,
    ) -> Result<TestBodyWithBinaryResponse> {
        Ok(TestBodyWithBinaryResponse::Ok)
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
        Ok(UploadFileWithRequiredFileResponse::Ok(uploaded(
            req.required_file.as_ref(),
        )))
    }

    async fn get_fake_health(
        &self,
        _: GetFakeHealthRequest,
        _: server::Context,
    ) -> Result<GetFakeHealthResponse> {
        Ok(GetFakeHealthResponse::Ok(types::HealthCheckResult {
            nullable_message: Some("up".to_string()),
        }))
    }

    async fn fake_http_signature_test(
        &self,
        _: FakeHttpSignatureTestRequest,
        _: server::Context,
    ) -> Result<FakeHttpSignatureTestResponse> {
        Ok(FakeHttpSignatureTestResponse::Ok)
    }
}
