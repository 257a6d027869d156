//! The OpenAPI 3.0 edition of openapi-generator's test document, for
//! `call.rs` (`call fake_oas3 BASE_URL`): all 46 operations with valid data,
//! with every credential its security schemes name, against Prism's mock.
//! Each operation is called (`call <opId>: ...`);
//! Prism cannot check it (`skip <opId>: ...`);
//! tests/e2e/fake_endpoints_oas3.rs round-trips every one of them.

use super::report;
use generated::fake_oas3::{client::Client, types, *};
use serde_json::json;
use std::collections::BTreeMap;

/// The document's values, shared with its end-to-end test.
#[path = "fixtures.rs"]
#[allow(dead_code)] // the server's answers (`api_response`) are the test's
mod fixtures;

use fixtures::{
    PNG, child_with_nullable, file, file_schema, free_form, model_client, order, pet, value,
};

pub async fn fake_oas3(base_url: &str, failed: &mut bool) {
    let user = || fixtures::user("zoe");
    let c = Client::new(base_url).with_credentials(Credentials {
        petstore_auth: Some("special-token".to_string()),
        api_key: Some("special-key".to_string()),
        api_key_query: Some("special-key".to_string()),
        http_basic_test: Some(BasicAuth {
            username: "user".to_string(),
            password: "secret".to_string(),
        }),
        bearer_test: Some("special-token".to_string()),
    });

    report("get /foo", c.get_foo().await, failed);

    // pet
    let r = c.add_pet(&AddPetRequest { body: pet() }).await;
    report("addPet", r, failed);
    let r = c.update_pet(&UpdatePetRequest { body: pet() }).await;
    report("updatePet", r, failed);
    let req = FindPetsByStatusRequest {
        status: vec![
            types::FindPetsByStatusStatusItem::Available,
            types::FindPetsByStatusStatusItem::Sold,
        ],
    };
    let r = c.find_pets_by_status(&req).await;
    report("findPetsByStatus", r, failed);
    let req = FindPetsByTagsRequest {
        tags: vec!["a b".to_string(), "ü".to_string()],
    };
    report("findPetsByTags", c.find_pets_by_tags(&req).await, failed);
    let req = GetPetByIdRequest { pet_id: 10 };
    report("getPetById", c.get_pet_by_id(&req).await, failed);
    let req = UpdatePetWithFormRequest {
        pet_id: 10,
        name: Some("new name".to_string()),
        status: Some("sold".to_string()),
    };
    let r = c.update_pet_with_form(&req).await;
    report("updatePetWithForm", r, failed);
    let req = DeletePetRequest {
        api_key: Some("param-key".to_string()),
        pet_id: 10,
    };
    report("deletePet", c.delete_pet(&req).await, failed);
    let req = UploadFileRequest {
        pet_id: 10,
        additional_metadata: Some("meta".to_string()),
        file: Some(file("a.png", PNG)),
    };
    report("uploadFile", c.upload_file(&req).await, failed);
    let req = UploadFileWithRequiredFileRequest {
        pet_id: 1,
        additional_metadata: None,
        required_file: Some(file("b.png", PNG)),
    };
    let r = c.upload_file_with_required_file(&req).await;
    report("uploadFileWithRequiredFile", r, failed);

    // store
    report("getInventory", c.get_inventory().await, failed);
    let r = c.place_order(&PlaceOrderRequest { body: order() }).await;
    report("placeOrder", r, failed);
    let r = c
        .get_order_by_id(&GetOrderByIdRequest { order_id: 5 })
        .await;
    report("getOrderById", r, failed);
    let req = DeleteOrderRequest {
        order_id: "3".to_string(),
    };
    report("deleteOrder", c.delete_order(&req).await, failed);

    // user
    let r = c.create_user(&CreateUserRequest { body: user() }).await;
    report("createUser", r, failed);
    let req = CreateUsersWithArrayInputRequest {
        body: vec![user(), user()],
    };
    let r = c.create_users_with_array_input(&req).await;
    report("createUsersWithArrayInput", r, failed);
    let req = CreateUsersWithListInputRequest { body: vec![user()] };
    let r = c.create_users_with_list_input(&req).await;
    report("createUsersWithListInput", r, failed);
    let req = LoginUserRequest {
        username: "zoe".to_string(),
        password: "a&b=c".to_string(),
    };
    report("loginUser", c.login_user(&req).await, failed);
    report("logoutUser", c.logout_user().await, failed);
    let req = GetUserByNameRequest {
        username: "zoe".to_string(),
    };
    report("getUserByName", c.get_user_by_name(&req).await, failed);
    let req = UpdateUserRequest {
        username: "zoe".to_string(),
        body: user(),
    };
    report("updateUser", c.update_user(&req).await, failed);
    let req = DeleteUserRequest {
        username: "zoe".to_string(),
    };
    report("deleteUser", c.delete_user(&req).await, failed);

    // fake
    let req = TestClassnameRequest {
        body: model_client(),
    };
    report("testClassname", c.test_classname(&req).await, failed);
    let req = TestClientModelRequest {
        body: model_client(),
    };
    report("testClientModel", c.test_client_model(&req).await, failed);
    let req = N123TestSpecialTagsRequest {
        body: model_client(),
    };
    let r = c.n123_test_special_tags(&req).await;
    report("123_test_@#$%_special_tags", r, failed);
    let req = TestEnumParametersRequest {
        enum_header_string_array: Some(vec![
            types::TestEnumParametersEnumHeaderStringArrayItem::Gt,
            types::TestEnumParametersEnumHeaderStringArrayItem::Dollar,
        ]),
        enum_header_string: types::TestEnumParametersEnumHeaderString::Xyz,
        enum_query_string_array: Some(vec![
            types::TestEnumParametersEnumQueryStringArrayItem::Dollar,
            types::TestEnumParametersEnumQueryStringArrayItem::Gt,
        ]),
        enum_query_string: types::TestEnumParametersEnumQueryString::Abc,
        enum_query_integer: Some(-2),
        enum_query_double: Some(1.1),
        enum_query_model_array: Some(vec![types::EnumClass::Xyz, types::EnumClass::Abc]),
        // An exploded form list is a field per item; Prism keeps one of them
        // and calls it "not an array". tests/e2e/fake_endpoints_oas3.rs
        // round-trips this field.
        enum_form_string_array: None,
        enum_form_string: types::TestEnumParametersEnumFormString::Efg,
    };
    let r = c.test_enum_parameters(&req).await;
    report("testEnumParameters", r, failed);
    let req = TestEndpointParametersRequest {
        integer: Some(50),
        int32: Some(100),
        // Prism (JavaScript) bounds int64 at ±(2^53 - 1).
        int64: Some(-9_007_199_254_740_991),
        number: Some(123.5),
        float: Some(3.25),
        double: Some(67.8),
        // The document's pattern `/[a-z]/i` is a JavaScript regex literal,
        // which Prism reads as a pattern with slashes in it.
        string: None,
        pattern_without_delimiter: Some("AUpper".to_string()),
        byte: Some("AAECAw==".parse().expect("base64")),
        binary: Some("raw text".to_string()),
        date: Some("2026-11-29".parse().expect("a date")),
        date_time: Some("2026-11-29T10:00:00Z".parse().expect("a date-time")),
        password: Some("0123456789".to_string()),
        callback: Some("https://example.com/cb?x=1".to_string()),
    };
    let r = c.test_endpoint_parameters(&req).await;
    report("testEndpointParameters", r, failed);
    let req = TestGroupParametersRequest {
        required_string_group: 1,
        required_boolean_group: true,
        required_int64_group: 3,
        string_group: Some(4),
        boolean_group: Some(false),
        int64_group: None,
    };
    let r = c.test_group_parameters(&req).await;
    report("testGroupParameters", r, failed);
    // These six answer `*/*` with a JSON schema, which Prism cannot mock
    // (it refuses `Accept: application/json` with 406 and fails `*/*`):
    // for_prism.py gives it `application/json` for them, the generated code's
    // reading of `*/*` with a schema.
    let req = FakeOuterNumberSerializeRequest { body: Some(2.5) };
    let r = c.fake_outer_number_serialize(&req).await;
    report("fakeOuterNumberSerialize", r, failed);
    let req = FakePropertyEnumIntegerSerializeRequest {
        body: types::OuterObjectWithEnumProperty { value: 2 },
    };
    let r = c.fake_property_enum_integer_serialize(&req).await;
    report("fakePropertyEnumIntegerSerialize", r, failed);
    let req = FakeOuterStringSerializeRequest {
        body: Some("text".to_string()),
    };
    let r = c.fake_outer_string_serialize(&req).await;
    report("fakeOuterStringSerialize", r, failed);
    let req = FakeOuterBooleanSerializeRequest { body: Some(true) };
    let r = c.fake_outer_boolean_serialize(&req).await;
    report("fakeOuterBooleanSerialize", r, failed);
    let req = FakeOuterCompositeSerializeRequest {
        body: Some(fixtures::composite()),
    };
    let r = c.fake_outer_composite_serialize(&req).await;
    report("fakeOuterCompositeSerialize", r, failed);
    let r = c.fake_big_decimal_map().await;
    report("fakeBigDecimalMap", r, failed);
    let req = TestJsonFormDataRequest {
        param: Some("p 1".to_string()),
        param2: Some("p=2".to_string()),
    };
    report(
        "testJsonFormData",
        c.test_json_form_data(&req).await,
        failed,
    );
    let req = TestAdditionalPropertiesReferenceRequest { body: free_form() };
    let r = c.test_additional_properties_reference(&req).await;
    report("testAdditionalPropertiesReference", r, failed);
    let req = TestStringMapReferenceRequest {
        body: BTreeMap::from([("k".to_string(), "v".to_string())]),
    };
    let r = c.test_string_map_reference(&req).await;
    report("testStringMapReference", r, failed);
    let req = TestInlineAdditionalPropertiesRequest {
        body: BTreeMap::from([("k".to_string(), "v".to_string())]),
    };
    let r = c.test_inline_additional_properties(&req).await;
    report("testInlineAdditionalProperties", r, failed);
    let req = TestInlineFreeformAdditionalPropertiesRequest {
        body: value(json!({"someProperty": "some"})),
    };
    let r = c.test_inline_freeform_additional_properties(&req).await;
    report("testInlineFreeformAdditionalProperties", r, failed);
    let req = TestNullableRequest {
        body: child_with_nullable(),
    };
    report("testNullable", c.test_nullable(&req).await, failed);
    let req = TestBodyWithQueryParamsRequest {
        query: "q?&".to_string(),
        body: user(),
    };
    let r = c.test_body_with_query_params(&req).await;
    report("testBodyWithQueryParams", r, failed);
    let req = TestBodyWithFileSchemaRequest {
        body: file_schema(),
    };
    let r = c.test_body_with_file_schema(&req).await;
    report("testBodyWithFileSchema", r, failed);
    let req = TestBodyWithBinaryRequest { body: PNG.into() };
    let r = c.test_body_with_binary(&req).await;
    report("testBodyWithBinary", r, failed);
    let req = TestQueryParameterCollectionFormatRequest {
        pipe: vec!["a".to_string(), "b".to_string()],
        ioutil: vec!["c".to_string(), "d".to_string()],
        http: vec!["e".to_string(), "f".to_string()],
        url: vec!["g".to_string(), "h".to_string()],
        context: vec!["i".to_string(), "j".to_string()],
        language: Some(BTreeMap::from([("en".to_string(), "hello".to_string())])),
        // `allowEmptyValue: true`, but Prism refuses `allowEmpty=` as missing;
        // tests/e2e/fake_endpoints_oas3.rs round-trips the empty value.
        allow_empty: "x".to_string(),
    };
    let r = c.test_query_parameter_collection_format(&req).await;
    report("testQueryParameterCollectionFormat", r, failed);
    report("get /fake/health", c.get_fake_health().await, failed);
    // Prism does not check an HTTP signature scheme (it warns), nor does the
    // generated code model one: the request goes without credentials.
    let req = FakeHttpSignatureTestRequest {
        query_1: Some("q 1".to_string()),
        header_1: Some("h1".to_string()),
        body: pet(),
    };
    let r = c.fake_http_signature_test(&req).await;
    report("fake-http-signature-test", r, failed);
}
