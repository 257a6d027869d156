//! openapi-generator's own test document,
//! `petstore-with-fake-endpoints-models-for-testing.yaml` (read from
//! `../shared/corpus`), end to end: every one of its 37 operations is called
//! through the generated client against the generated server; the handler
//! must receive exactly the request sent (and the credentials the
//! operation's security names), and the client must get back exactly the
//! response the handler gave.

#[cfg(not(fake_endpoints))]
#[test]
fn every_operation_round_trips() {
    eprintln!(
        "skipped: ../shared/corpus/openapi-generator/petstore-with-fake-endpoints-models-for-testing.yaml is absent"
    );
}

/// The document's values, shared with `generated/examples/call.rs`.
#[cfg(fake_endpoints)]
#[path = "../../generated/examples/fake/fixtures.rs"]
mod fixtures;

#[cfg(fake_endpoints)]
mod round_trips {
    use super::fixtures::{api_response, file, model_client, order, pet, user, value};
    use crate::common::serve;
    use bytes::Bytes;
    use generated::petstore_with_fake_endpoints_models_for_testing::{client, server, types, *};
    use serde_json::json;
    use std::collections::BTreeMap;

    /// What a handler received: the request's `Debug` text and the
    /// credentials, if the operation takes any.
    type Received = (String, Option<Credentials>);

    #[derive(Clone, Default)]
    struct Recorder {
        received: crate::common::Log<Received>,
    }

    impl Recorder {
        fn log(&self, req: &impl std::fmt::Debug, credentials: Option<Credentials>) {
            self.received.push((format!("{req:?}"), credentials));
        }

        fn take(&self) -> Vec<Received> {
            self.received.take()
        }
    }

    fn all_credentials() -> Credentials {
        Credentials {
            petstore_auth: Some("oauth-token".to_string()),
            api_key: Some("header-key".to_string()),
            api_key_query: Some("query-key".to_string()),
            http_basic_test: Some(BasicAuth {
                username: "user".to_string(),
                password: "secret".to_string(),
            }),
        }
    }

    fn oauth() -> Option<Credentials> {
        Some(Credentials {
            petstore_auth: Some("oauth-token".to_string()),
            ..Default::default()
        })
    }

    fn header_key() -> Option<Credentials> {
        Some(Credentials {
            api_key: Some("header-key".to_string()),
            ..Default::default()
        })
    }

    type Result<T> = std::result::Result<T, server::Error>;

    impl server::Api for Recorder {
        async fn update_pet(
            &self,
            req: UpdatePetRequest,
            cx: server::Context,
        ) -> Result<UpdatePetResponse> {
            self.log(&req, Some(cx.credentials));
            Ok(UpdatePetResponse::NotFound)
        }

        async fn add_pet(&self, req: AddPetRequest, cx: server::Context) -> Result<AddPetResponse> {
            self.log(&req, Some(cx.credentials));
            Ok(AddPetResponse::Ok)
        }

        async fn find_pets_by_status(
            &self,
            req: FindPetsByStatusRequest,
            cx: server::Context,
        ) -> Result<FindPetsByStatusResponse> {
            self.log(&req, Some(cx.credentials));
            Ok(FindPetsByStatusResponse::Ok(vec![pet(), pet()]))
        }

        async fn find_pets_by_tags(
            &self,
            req: FindPetsByTagsRequest,
            cx: server::Context,
        ) -> Result<FindPetsByTagsResponse> {
            self.log(&req, Some(cx.credentials));
            Ok(FindPetsByTagsResponse::Ok(vec![]))
        }

        async fn get_pet_by_id(
            &self,
            req: GetPetByIdRequest,
            cx: server::Context,
        ) -> Result<GetPetByIdResponse> {
            self.log(&req, Some(cx.credentials));
            Ok(GetPetByIdResponse::Ok(pet()))
        }

        async fn update_pet_with_form(
            &self,
            req: UpdatePetWithFormRequest,
            cx: server::Context,
        ) -> Result<UpdatePetWithFormResponse> {
            self.log(&req, Some(cx.credentials));
            Ok(UpdatePetWithFormResponse::MethodNotAllowed)
        }

        async fn delete_pet(
            &self,
            req: DeletePetRequest,
            cx: server::Context,
        ) -> Result<DeletePetResponse> {
            self.log(&req, Some(cx.credentials));
            Ok(DeletePetResponse::BadRequest)
        }

        async fn upload_file(
            &self,
            req: UploadFileRequest,
            cx: server::Context,
        ) -> Result<UploadFileResponse> {
            self.log(&req, Some(cx.credentials));
            Ok(UploadFileResponse::Ok(api_response()))
        }

        async fn get_inventory(
            &self,
            req: GetInventoryRequest,
            cx: server::Context,
        ) -> Result<GetInventoryResponse> {
            self.log(&req, Some(cx.credentials));
            Ok(GetInventoryResponse::Ok(BTreeMap::from([
                ("available".to_string(), 3),
                ("sold".to_string(), -1),
            ])))
        }

        async fn place_order(
            &self,
            req: PlaceOrderRequest,
            _: server::Context,
        ) -> Result<PlaceOrderResponse> {
            self.log(&req, None);
            Ok(PlaceOrderResponse::Ok(order()))
        }

        async fn get_order_by_id(
            &self,
            req: GetOrderByIdRequest,
            _: server::Context,
        ) -> Result<GetOrderByIdResponse> {
            self.log(&req, None);
            Ok(GetOrderByIdResponse::Ok(order()))
        }

        async fn delete_order(
            &self,
            req: DeleteOrderRequest,
            _: server::Context,
        ) -> Result<DeleteOrderResponse> {
            self.log(&req, None);
            Ok(DeleteOrderResponse::NotFound)
        }

        async fn create_user(
            &self,
            req: CreateUserRequest,
            _: server::Context,
        ) -> Result<CreateUserResponse> {
            self.log(&req, None);
            Ok(CreateUserResponse::Default {
                status: 201,
                body: Bytes::from_static(b"created"),
            })
        }

        async fn create_users_with_array_input(
            &self,
            req: CreateUsersWithArrayInputRequest,
            _: server::Context,
        ) -> Result<CreateUsersWithArrayInputResponse> {
            self.log(&req, None);
            Ok(CreateUsersWithArrayInputResponse::Default {
                status: 200,
                body: Bytes::new(),
            })
        }

        async fn create_users_with_list_input(
            &self,
            req: CreateUsersWithListInputRequest,
            _: server::Context,
        ) -> Result<CreateUsersWithListInputResponse> {
            self.log(&req, None);
            Ok(CreateUsersWithListInputResponse::Default {
                status: 202,
                body: Bytes::from_static(&[0, 1, 2]),
            })
        }

        async fn login_user(
            &self,
            req: LoginUserRequest,
            _: server::Context,
        ) -> Result<LoginUserResponse> {
            self.log(&req, None);
            Ok(LoginUserResponse::Ok {
                body: "session".to_string(),
                x_rate_limit: Some(99),
                x_expires_after: Some("2026-11-30T00:00:00Z".parse().unwrap()),
            })
        }

        async fn logout_user(
            &self,
            req: LogoutUserRequest,
            _: server::Context,
        ) -> Result<LogoutUserResponse> {
            self.log(&req, None);
            Ok(LogoutUserResponse::Default {
                status: 200,
                body: Bytes::from_static(b"bye"),
            })
        }

        async fn get_user_by_name(
            &self,
            req: GetUserByNameRequest,
            _: server::Context,
        ) -> Result<GetUserByNameResponse> {
            self.log(&req, None);
            Ok(GetUserByNameResponse::Ok(user("zoë")))
        }

        async fn update_user(
            &self,
            req: UpdateUserRequest,
            _: server::Context,
        ) -> Result<UpdateUserResponse> {
            self.log(&req, None);
            Ok(UpdateUserResponse::BadRequest)
        }

        async fn delete_user(
            &self,
            req: DeleteUserRequest,
            _: server::Context,
        ) -> Result<DeleteUserResponse> {
            self.log(&req, None);
            Ok(DeleteUserResponse::NotFound)
        }

        async fn test_classname(
            &self,
            req: TestClassnameRequest,
            cx: server::Context,
        ) -> Result<TestClassnameResponse> {
            self.log(&req, Some(cx.credentials));
            Ok(TestClassnameResponse::Ok(model_client()))
        }

        async fn test_enum_parameters(
            &self,
            req: TestEnumParametersRequest,
            _: server::Context,
        ) -> Result<TestEnumParametersResponse> {
            self.log(&req, None);
            Ok(TestEnumParametersResponse::NotFound)
        }

        async fn test_endpoint_parameters(
            &self,
            req: TestEndpointParametersRequest,
            cx: server::Context,
        ) -> Result<TestEndpointParametersResponse> {
            self.log(&req, Some(cx.credentials));
            Ok(TestEndpointParametersResponse::BadRequest)
        }

        async fn test_group_parameters(
            &self,
            req: TestGroupParametersRequest,
            _: server::Context,
        ) -> Result<TestGroupParametersResponse> {
            self.log(&req, None);
            Ok(TestGroupParametersResponse::BadRequest)
        }

        async fn test_client_model(
            &self,
            req: TestClientModelRequest,
            _: server::Context,
        ) -> Result<TestClientModelResponse> {
            let body = req.body.clone();
            self.log(&req, None);
            Ok(TestClientModelResponse::Ok(body))
        }

        async fn fake_outer_number_serialize(
            &self,
            req: FakeOuterNumberSerializeRequest,
            _: server::Context,
        ) -> Result<FakeOuterNumberSerializeResponse> {
            self.log(&req, None);
            Ok(FakeOuterNumberSerializeResponse::Ok(
                req.body.unwrap_or(0.0) * 2.0,
            ))
        }

        async fn fake_outer_string_serialize(
            &self,
            req: FakeOuterStringSerializeRequest,
            _: server::Context,
        ) -> Result<FakeOuterStringSerializeResponse> {
            self.log(&req, None);
            Ok(FakeOuterStringSerializeResponse::Ok(format!(
                "{:?}",
                req.body
            )))
        }

        async fn fake_outer_boolean_serialize(
            &self,
            req: FakeOuterBooleanSerializeRequest,
            _: server::Context,
        ) -> Result<FakeOuterBooleanSerializeResponse> {
            self.log(&req, None);
            Ok(FakeOuterBooleanSerializeResponse::Ok(
                !req.body.unwrap_or(false),
            ))
        }

        async fn fake_outer_composite_serialize(
            &self,
            req: FakeOuterCompositeSerializeRequest,
            _: server::Context,
        ) -> Result<FakeOuterCompositeSerializeResponse> {
            self.log(&req, None);
            Ok(FakeOuterCompositeSerializeResponse::Ok(req.body.unwrap_or(
                types::OuterComposite {
                    my_number: None,
                    my_string: None,
                    my_boolean: None,
                },
            )))
        }

        async fn test_json_form_data(
            &self,
            req: TestJsonFormDataRequest,
            _: server::Context,
        ) -> Result<TestJsonFormDataResponse> {
            self.log(&req, None);
            Ok(TestJsonFormDataResponse::Ok)
        }

        async fn test_inline_additional_properties(
            &self,
            req: TestInlineAdditionalPropertiesRequest,
            _: server::Context,
        ) -> Result<TestInlineAdditionalPropertiesResponse> {
            self.log(&req, None);
            Ok(TestInlineAdditionalPropertiesResponse::Ok)
        }

        async fn test_body_with_query_params(
            &self,
            req: TestBodyWithQueryParamsRequest,
            _: server::Context,
        ) -> Result<TestBodyWithQueryParamsResponse> {
            self.log(&req, None);
            Ok(TestBodyWithQueryParamsResponse::Ok)
        }

        async fn create_xml_item(
            &self,
            req: CreateXmlItemRequest,
            _: server::Context,
        ) -> Result<CreateXmlItemResponse> {
            self.log(&req, None);
            Ok(CreateXmlItemResponse::Ok)
        }

        async fn n123_test_special_tags(
            &self,
            req: N123TestSpecialTagsRequest,
            _: server::Context,
        ) -> Result<N123TestSpecialTagsResponse> {
            let body = req.body.clone();
            self.log(&req, None);
            Ok(N123TestSpecialTagsResponse::Ok(body))
        }

        async fn test_body_with_file_schema(
            &self,
            req: TestBodyWithFileSchemaRequest,
            _: server::Context,
        ) -> Result<TestBodyWithFileSchemaResponse> {
            self.log(&req, None);
            Ok(TestBodyWithFileSchemaResponse::Ok)
        }

        async fn test_query_parameter_collection_format(
            &self,
            req: TestQueryParameterCollectionFormatRequest,
            _: server::Context,
        ) -> Result<TestQueryParameterCollectionFormatResponse> {
            self.log(&req, None);
            Ok(TestQueryParameterCollectionFormatResponse::Ok)
        }

        async fn upload_file_with_required_file(
            &self,
            req: UploadFileWithRequiredFileRequest,
            cx: server::Context,
        ) -> Result<UploadFileWithRequiredFileResponse> {
            self.log(&req, Some(cx.credentials));
            Ok(UploadFileWithRequiredFileResponse::Ok(api_response()))
        }
    }

    /// Calls one operation and checks both directions: the handler got
    /// `$req` (and `$credentials`), the client got `$expected`.
    macro_rules! round_trip {
        ($recorder:expr, $call:expr, $req:expr, $credentials:expr, $expected:expr) => {{
            let got = $call
                .await
                .unwrap_or_else(|e| panic!("{}: {e}", stringify!($call)));
            assert_eq!(got, $expected, "{}", stringify!($call));
            assert_eq!(
                $recorder.take(),
                vec![(format!("{:?}", $req), $credentials)],
                "{}",
                stringify!($call)
            );
        }};
    }

    #[tokio::test]
    async fn every_operation_round_trips() {
        let recorder = Recorder::default();
        let addr = serve(server::router(recorder.clone())).await;
        let c = client::Client::new(format!("http://{addr}")).with_credentials(all_credentials());
        let r = &recorder;

        // pet
        let req = UpdatePetRequest { body: pet() };
        round_trip!(
            r,
            c.update_pet(&req),
            req,
            oauth(),
            UpdatePetResponse::NotFound
        );
        let req = AddPetRequest { body: pet() };
        round_trip!(r, c.add_pet(&req), req, oauth(), AddPetResponse::Ok);
        let req = FindPetsByStatusRequest {
            status: vec![
                types::FindPetsByStatusStatusItem::Available,
                types::FindPetsByStatusStatusItem::Sold,
            ],
        };
        round_trip!(
            r,
            c.find_pets_by_status(&req),
            req,
            oauth(),
            FindPetsByStatusResponse::Ok(vec![pet(), pet()])
        );
        let req = FindPetsByTagsRequest {
            tags: vec!["a b".to_string(), "ü".to_string()],
        };
        round_trip!(
            r,
            c.find_pets_by_tags(&req),
            req,
            oauth(),
            FindPetsByTagsResponse::Ok(vec![])
        );
        let req = GetPetByIdRequest { pet_id: -7 };
        round_trip!(
            r,
            c.get_pet_by_id(&req),
            req,
            header_key(),
            GetPetByIdResponse::Ok(pet())
        );
        let req = UpdatePetWithFormRequest {
            pet_id: 10,
            name: Some("new name".to_string()),
            status: Some("sold & gone".to_string()),
        };
        round_trip!(
            r,
            c.update_pet_with_form(&req),
            req,
            oauth(),
            UpdatePetWithFormResponse::MethodNotAllowed
        );
        // A header parameter named like the `api_key` scheme's header.
        let req = DeletePetRequest {
            api_key: Some("param-key".to_string()),
            pet_id: 10,
        };
        round_trip!(
            r,
            c.delete_pet(&req),
            req,
            oauth(),
            DeletePetResponse::BadRequest
        );
        let req = UploadFileRequest {
            pet_id: 10,
            additional_metadata: Some("meta".to_string()),
            file: Some(file("a.png", b"\x89PNG\r\n\x1a\n")),
        };
        round_trip!(
            r,
            c.upload_file(&req),
            req,
            oauth(),
            UploadFileResponse::Ok(api_response())
        );

        // store
        let req = GetInventoryRequest {};
        round_trip!(
            r,
            c.get_inventory(),
            req,
            header_key(),
            GetInventoryResponse::Ok(BTreeMap::from([
                ("available".to_string(), 3),
                ("sold".to_string(), -1),
            ]))
        );
        let req = PlaceOrderRequest { body: order() };
        round_trip!(
            r,
            c.place_order(&req),
            req,
            None,
            PlaceOrderResponse::Ok(order())
        );
        let req = GetOrderByIdRequest { order_id: 5 };
        round_trip!(
            r,
            c.get_order_by_id(&req),
            req,
            None,
            GetOrderByIdResponse::Ok(order())
        );
        let req = DeleteOrderRequest {
            order_id: "o/1".to_string(),
        };
        round_trip!(
            r,
            c.delete_order(&req),
            req,
            None,
            DeleteOrderResponse::NotFound
        );

        // user
        let req = CreateUserRequest { body: user("zoë") };
        round_trip!(
            r,
            c.create_user(&req),
            req,
            None,
            CreateUserResponse::Default {
                status: 201,
                body: Bytes::from_static(b"created")
            }
        );
        let req = CreateUsersWithArrayInputRequest {
            body: vec![user("zoë"), user("zoë")],
        };
        round_trip!(
            r,
            c.create_users_with_array_input(&req),
            req,
            None,
            CreateUsersWithArrayInputResponse::Default {
                status: 200,
                body: Bytes::new()
            }
        );
        let req = CreateUsersWithListInputRequest { body: vec![] };
        round_trip!(
            r,
            c.create_users_with_list_input(&req),
            req,
            None,
            CreateUsersWithListInputResponse::Default {
                status: 202,
                body: Bytes::from_static(&[0, 1, 2])
            }
        );
        let req = LoginUserRequest {
            username: "zoë".to_string(),
            password: "a&b=c".to_string(),
        };
        round_trip!(
            r,
            c.login_user(&req),
            req,
            None,
            LoginUserResponse::Ok {
                body: "session".to_string(),
                x_rate_limit: Some(99),
                x_expires_after: Some("2026-11-30T00:00:00Z".parse().unwrap()),
            }
        );
        let req = LogoutUserRequest {};
        round_trip!(
            r,
            c.logout_user(),
            req,
            None,
            LogoutUserResponse::Default {
                status: 200,
                body: Bytes::from_static(b"bye")
            }
        );
        let req = GetUserByNameRequest {
            username: "user 1".to_string(),
        };
        round_trip!(
            r,
            c.get_user_by_name(&req),
            req,
            None,
            GetUserByNameResponse::Ok(user("zoë"))
        );
        let req = UpdateUserRequest {
            username: "user1".to_string(),
            body: user("zoë"),
        };
        round_trip!(
            r,
            c.update_user(&req),
            req,
            None,
            UpdateUserResponse::BadRequest
        );
        let req = DeleteUserRequest {
            username: "user1".to_string(),
        };
        round_trip!(
            r,
            c.delete_user(&req),
            req,
            None,
            DeleteUserResponse::NotFound
        );

        // fake
        let req = TestClassnameRequest {
            body: model_client(),
        };
        round_trip!(
            r,
            c.test_classname(&req),
            req,
            Some(Credentials {
                api_key_query: Some("query-key".to_string()),
                ..Default::default()
            }),
            TestClassnameResponse::Ok(model_client())
        );
        let req = TestEnumParametersRequest {
            enum_header_string_array: Some(vec![
                types::TestEnumParametersEnumHeaderStringArrayItem::Gt,
                types::TestEnumParametersEnumHeaderStringArrayItem::Dollar,
            ]),
            enum_header_string: types::TestEnumParametersEnumHeaderString::Xyz,
            enum_query_string_array: Some(vec![
                types::TestEnumParametersEnumQueryStringArrayItem::Dollar,
            ]),
            enum_query_string: types::TestEnumParametersEnumQueryString::Abc,
            enum_query_integer: Some(-2),
            enum_query_double: Some(1.1),
            enum_form_string_array: Some(vec![
                types::TestEnumParametersEnumFormStringArrayItem::Gt,
            ]),
            enum_form_string: types::TestEnumParametersEnumFormString::Efg,
        };
        round_trip!(
            r,
            c.test_enum_parameters(&req),
            req,
            None,
            TestEnumParametersResponse::NotFound
        );
        let req = TestEndpointParametersRequest {
            integer: Some(50),
            int32: Some(100),
            int64: Some(i64::MIN),
            number: 123.5,
            float: Some(3.25),
            double: 67.8,
            string: Some("a".to_string()),
            pattern_without_delimiter: "AUpper".to_string(),
            byte: "AAECAw==".parse().unwrap(),
            binary: Some("raw text".to_string()),
            date: Some("2026-11-29".parse().unwrap()),
            date_time: Some("2026-11-29T10:00:00Z".parse().unwrap()),
            password: Some("0123456789".to_string()),
            callback: Some("https://example.com/cb?x=1".to_string()),
        };
        round_trip!(
            r,
            c.test_endpoint_parameters(&req),
            req,
            Some(Credentials {
                http_basic_test: Some(BasicAuth {
                    username: "user".to_string(),
                    password: "secret".to_string(),
                }),
                ..Default::default()
            }),
            TestEndpointParametersResponse::BadRequest
        );
        let req = TestGroupParametersRequest {
            required_string_group: 1,
            required_boolean_group: true,
            required_int64_group: 3,
            string_group: Some(4),
            boolean_group: Some(false),
            int64_group: None,
        };
        round_trip!(
            r,
            c.test_group_parameters(&req),
            req,
            None,
            TestGroupParametersResponse::BadRequest
        );
        let req = TestClientModelRequest {
            body: model_client(),
        };
        round_trip!(
            r,
            c.test_client_model(&req),
            req,
            None,
            TestClientModelResponse::Ok(model_client())
        );
        let req = FakeOuterNumberSerializeRequest { body: Some(2.5) };
        round_trip!(
            r,
            c.fake_outer_number_serialize(&req),
            req,
            None,
            FakeOuterNumberSerializeResponse::Ok(5.0)
        );
        let req = FakeOuterStringSerializeRequest {
            body: Some("s\"q".to_string()),
        };
        round_trip!(
            r,
            c.fake_outer_string_serialize(&req),
            req,
            None,
            FakeOuterStringSerializeResponse::Ok(format!("{:?}", Some("s\"q")))
        );
        let req = FakeOuterBooleanSerializeRequest { body: None };
        round_trip!(
            r,
            c.fake_outer_boolean_serialize(&req),
            req,
            None,
            FakeOuterBooleanSerializeResponse::Ok(true)
        );
        let composite: types::OuterComposite =
            value(json!({"my_number": 1.5, "my_string": "s", "my_boolean": true}));
        let req = FakeOuterCompositeSerializeRequest {
            body: Some(composite.clone()),
        };
        round_trip!(
            r,
            c.fake_outer_composite_serialize(&req),
            req,
            None,
            FakeOuterCompositeSerializeResponse::Ok(composite)
        );
        let req = TestJsonFormDataRequest {
            param: "p 1".to_string(),
            param2: "p=2".to_string(),
        };
        round_trip!(
            r,
            c.test_json_form_data(&req),
            req,
            None,
            TestJsonFormDataResponse::Ok
        );
        let req = TestInlineAdditionalPropertiesRequest {
            body: BTreeMap::from([("k".to_string(), "v".to_string())]),
        };
        round_trip!(
            r,
            c.test_inline_additional_properties(&req),
            req,
            None,
            TestInlineAdditionalPropertiesResponse::Ok
        );
        let req = TestBodyWithQueryParamsRequest {
            query: "q?&".to_string(),
            body: user("zoë"),
        };
        round_trip!(
            r,
            c.test_body_with_query_params(&req),
            req,
            None,
            TestBodyWithQueryParamsResponse::Ok
        );
        // Every kind of `xml` object the document has (attributes, names,
        // prefixes, namespaces, wrapped and unwrapped lists), as XML.
        let req = CreateXmlItemRequest {
            body: super::xml_item(),
        };
        round_trip!(
            r,
            c.create_xml_item(&req),
            req,
            None,
            CreateXmlItemResponse::Ok
        );
        let req = N123TestSpecialTagsRequest {
            uuid_test: "123e4567-e89b-12d3-a456-426614174000".parse().unwrap(),
            body: model_client(),
        };
        round_trip!(
            r,
            c.n123_test_special_tags(&req),
            req,
            None,
            N123TestSpecialTagsResponse::Ok(model_client())
        );
        let req = TestBodyWithFileSchemaRequest {
            body: value(
                json!({"file": {"sourceURI": "s3://a"}, "files": [{"sourceURI": "s3://b"}]}),
            ),
        };
        round_trip!(
            r,
            c.test_body_with_file_schema(&req),
            req,
            None,
            TestBodyWithFileSchemaResponse::Ok
        );
        let req = TestQueryParameterCollectionFormatRequest {
            pipe: vec!["a".to_string(), "b".to_string()],
            ioutil: vec!["c".to_string(), "d".to_string()],
            http: vec!["e".to_string(), "f".to_string()],
            url: vec!["g".to_string(), "h".to_string()],
            context: vec!["i,j".to_string(), "k".to_string()],
        };
        round_trip!(
            r,
            c.test_query_parameter_collection_format(&req),
            req,
            None,
            TestQueryParameterCollectionFormatResponse::Ok
        );
        let req = UploadFileWithRequiredFileRequest {
            pet_id: 1,
            additional_metadata: None,
            required_file: file("b.png", b""),
        };
        round_trip!(
            r,
            c.upload_file_with_required_file(&req),
            req,
            oauth(),
            UploadFileWithRequiredFileResponse::Ok(api_response())
        );
    }
}

/// An `XmlItem` with every property set.
#[cfg(fake_endpoints)]
fn xml_item() -> generated::petstore_with_fake_endpoints_models_for_testing::types::XmlItem {
    generated::petstore_with_fake_endpoints_models_for_testing::types::XmlItem {
        attribute_string: Some("s & <t>".to_string()),
        attribute_number: Some(1.25),
        attribute_integer: Some(-2),
        attribute_boolean: Some(true),
        wrapped_array: Some(vec![3, -4]),
        name_string: Some("s & <t>".to_string()),
        name_number: Some(1.25),
        name_integer: Some(-2),
        name_boolean: Some(true),
        name_array: Some(vec![1, 2]),
        name_wrapped_array: Some(vec![3, -4]),
        prefix_string: Some("s & <t>".to_string()),
        prefix_number: Some(1.25),
        prefix_integer: Some(-2),
        prefix_boolean: Some(true),
        prefix_array: Some(vec![1, 2]),
        prefix_wrapped_array: Some(vec![3, -4]),
        namespace_string: Some("s & <t>".to_string()),
        namespace_number: Some(1.25),
        namespace_integer: Some(-2),
        namespace_boolean: Some(true),
        namespace_array: Some(vec![1, 2]),
        namespace_wrapped_array: Some(vec![3, -4]),
        prefix_ns_string: Some("s & <t>".to_string()),
        prefix_ns_number: Some(1.25),
        prefix_ns_integer: Some(-2),
        prefix_ns_boolean: Some(true),
        prefix_ns_array: Some(vec![1, 2]),
        prefix_ns_wrapped_array: Some(vec![3, -4]),
    }
}
