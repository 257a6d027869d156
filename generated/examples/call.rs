//! Calls every operation of one document through the generated client with
//! valid data, against a server at BASE_URL (the conformance scripts point
//! it at Prism's mock, which validates each request against the document).
//! Prints one line per call; exit status 1 when a call fails or a response
//! does not decode as documented.
//!
//! ```text
//! cargo run -p generated --example call -- petstore http://127.0.0.1:4010
//! ```
//!
//! `fake` (openapi-generator's `petstore-with-fake-endpoints-models-for-testing.yaml`)
//! exists when `../shared/corpus` is beside the project; `fake_oas3`, its
//! OpenAPI 3.0 edition (called by `fake_oas3/calls.rs`), when
//! `../shared/corpus-oas3` is.

use std::fmt::Debug;
use std::process::ExitCode;

fn report<T: Debug, E: std::fmt::Display>(name: &str, result: Result<T, E>, failed: &mut bool) {
    match result {
        Ok(response) => {
            let text = format!("{response:?}");
            let short: String = text.chars().take(100).collect();
            println!("call {name}: ok: {short}");
        }
        Err(error) => {
            println!("call {name}: FAILED: {error}");
            *failed = true;
        }
    }
}

/// An operation not called, and why (a limit of the checking tool; the
/// round-trip tests cover it).
#[cfg(fake_endpoints)]
fn skip(name: &str, why: &str) {
    println!("skip {name}: {why}");
}

async fn petstore(base_url: &str, failed: &mut bool) {
    use generated::petstore::{client::Client, types, *};
    let client = Client::new(base_url);
    let list = ListPetsRequest {
        tags: Some(vec!["dog".to_string(), "small".to_string()]),
        limit: Some(5),
        offset: 0,
        status: Some(types::ListPetsStatus::Available),
        x_request_id: Some("call-1".to_string()),
    };
    report("listPets", client.list_pets(&list).await, failed);
    let create = CreatePetRequest {
        x_request_id: Some("call-2".to_string()),
        body: types::NewPet {
            name: "Rex".to_string(),
            tag: Some("dog".to_string()),
            status: Some(types::PetStatus::Available),
        },
    };
    report("createPet", client.create_pet(&create).await, failed);
    let show = ShowPetByIdRequest { pet_id: 1 };
    report("showPetById", client.show_pet_by_id(&show).await, failed);
    let delete = DeletePetRequest { pet_id: 1 };
    report("deletePet", client.delete_pet(&delete).await, failed);
    let find = FindOwnedPetRequest {
        owner_name: "Ann Lee".to_string(),
        pet_name: "Rex".to_string(),
        since: "2024-01-01".to_string(),
    };
    report("findOwnedPet", client.find_owned_pet(&find).await, failed);
}

async fn seed(base_url: &str, failed: &mut bool) {
    use generated::aws_codepipeline::{client::Client, *};
    let client = Client::new(base_url);
    let job = AcknowledgeJobRequest {
        job_id: Some("f4f4ff82-2d11-EXAMPLE".to_string()),
        nonce: Some("3".to_string()),
        ..Default::default()
    };
    report("acknowledgeJob", client.acknowledge_job(&job).await, failed);
    let third = AcknowledgeThirdPartyJobRequest {
        client_token: Some("token".to_string()),
        job_id: Some("f4f4ff82-2d11-EXAMPLE".to_string()),
        ..Default::default()
    };
    report(
        "acknowledgeThirdPartyJob",
        client.acknowledge_third_party_job(&third).await,
        failed,
    );
}

/// openapi-generator's test document: all 37 operations, with every
/// credential its security schemes name.
/// The fake-endpoints document's values, shared with its end-to-end test.
#[cfg(fake_endpoints)]
#[path = "fake/fixtures.rs"]
#[allow(dead_code)] // the server's answers (`api_response`) are the test's
mod fixtures;

#[cfg(fake_endpoints)]
async fn fake(base_url: &str, failed: &mut bool) {
    use fixtures::{file, model_client, pet, value};
    let user = || fixtures::user("zoe");
    let file = |name: &str| file(name, b"\x89PNG\r\n\x1a\n");
    use generated::petstore_with_fake_endpoints_models_for_testing::{client::Client, types, *};
    use serde_json::json;
    use std::collections::BTreeMap;

    let c = Client::new(base_url).with_credentials(Credentials {
        petstore_auth: Some("special-token".to_string()),
        api_key: Some("special-key".to_string()),
        api_key_query: Some("special-key".to_string()),
        http_basic_test: Some(BasicAuth {
            username: "user".to_string(),
            password: "secret".to_string(),
        }),
    });

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
    report(
        "findPetsByStatus",
        c.find_pets_by_status(&req).await,
        failed,
    );
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
    report(
        "updatePetWithForm",
        c.update_pet_with_form(&req).await,
        failed,
    );
    let req = DeletePetRequest {
        api_key: Some("param-key".to_string()),
        pet_id: 10,
    };
    report("deletePet", c.delete_pet(&req).await, failed);
    let req = UploadFileRequest {
        pet_id: 10,
        additional_metadata: Some("meta".to_string()),
        file: Some(file("a.png")),
    };
    report("uploadFile", c.upload_file(&req).await, failed);
    let req = UploadFileWithRequiredFileRequest {
        pet_id: 1,
        additional_metadata: None,
        required_file: file("b.png"),
    };
    let r = c.upload_file_with_required_file(&req).await;
    report("uploadFileWithRequiredFile", r, failed);

    // store
    report("getInventory", c.get_inventory().await, failed);
    let order = fixtures::order();
    let r = c.place_order(&PlaceOrderRequest { body: order }).await;
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
        uuid_test: "123e4567-e89b-12d3-a456-426614174000"
            .parse()
            .expect("a UUID"),
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
        ]),
        enum_query_string: types::TestEnumParametersEnumQueryString::Abc,
        enum_query_integer: Some(-2),
        enum_query_double: Some(1.1),
        // Prism reads a csv form array as one string (it expects a field per
        // item); tests/e2e/fake_endpoints.rs round-trips this field.
        enum_form_string_array: None,
        enum_form_string: types::TestEnumParametersEnumFormString::Efg,
    };
    report(
        "testEnumParameters",
        c.test_enum_parameters(&req).await,
        failed,
    );
    let req = TestEndpointParametersRequest {
        integer: Some(50),
        int32: Some(100),
        // Prism (JavaScript) bounds int64 at ±(2^53 - 1).
        int64: Some(-9_007_199_254_740_991),
        number: 123.5,
        float: Some(3.25),
        double: 67.8,
        string: None,
        pattern_without_delimiter: "AUpper".to_string(),
        byte: "AAECAw==".parse().expect("base64"),
        binary: None,
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
    report(
        "testGroupParameters",
        c.test_group_parameters(&req).await,
        failed,
    );
    let req = FakeOuterNumberSerializeRequest { body: Some(2.5) };
    let r = c.fake_outer_number_serialize(&req).await;
    report("fakeOuterNumberSerialize", r, failed);
    let req = FakeOuterStringSerializeRequest {
        body: Some("s\"q".to_string()),
    };
    let r = c.fake_outer_string_serialize(&req).await;
    report("fakeOuterStringSerialize", r, failed);
    let req = FakeOuterBooleanSerializeRequest { body: Some(true) };
    let r = c.fake_outer_boolean_serialize(&req).await;
    report("fakeOuterBooleanSerialize", r, failed);
    let req = FakeOuterCompositeSerializeRequest {
        body: Some(value(
            json!({"my_number": 1.5, "my_string": "s", "my_boolean": true}),
        )),
    };
    let r = c.fake_outer_composite_serialize(&req).await;
    report("fakeOuterCompositeSerialize", r, failed);
    let req = TestJsonFormDataRequest {
        param: "p 1".to_string(),
        param2: "p=2".to_string(),
    };
    report(
        "testJsonFormData",
        c.test_json_form_data(&req).await,
        failed,
    );
    let req = TestInlineAdditionalPropertiesRequest {
        body: BTreeMap::from([("k".to_string(), "v".to_string())]),
    };
    let r = c.test_inline_additional_properties(&req).await;
    report("testInlineAdditionalProperties", r, failed);
    let req = TestBodyWithQueryParamsRequest {
        query: "q?&".to_string(),
        body: user(),
    };
    let r = c.test_body_with_query_params(&req).await;
    report("testBodyWithQueryParams", r, failed);
    // Prism reads no XML: it calls any XML body "not an object".
    skip("createXmlItem", "Prism cannot validate an XML body");
    let req = TestBodyWithFileSchemaRequest {
        body: value(json!({"file": {"sourceURI": "s3://a"}, "files": [{"sourceURI": "s3://b"}]})),
    };
    let r = c.test_body_with_file_schema(&req).await;
    report("testBodyWithFileSchema", r, failed);
    // `collectionFormat: tsv` has no OpenAPI 3 equivalent, and Prism drops
    // such a parameter ("must have required property 'ioutil'").
    skip(
        "testQueryParameterCollectionFormat",
        "Prism cannot read a tsv parameter",
    );
}

/// The OpenAPI 3.0 edition of the fake-endpoints document.
#[cfg(fake_endpoints_oas3)]
#[path = "fake_oas3/calls.rs"]
mod fake_oas3;

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [spec, base_url] = args.as_slice() else {
        eprintln!("usage: call (petstore|seed|fake|fake_oas3) BASE_URL");
        return ExitCode::from(2);
    };
    let mut failed = false;
    match spec.as_str() {
        "petstore" => petstore(base_url, &mut failed).await,
        "seed" => seed(base_url, &mut failed).await,
        #[cfg(fake_endpoints)]
        "fake" => fake(base_url, &mut failed).await,
        #[cfg(not(fake_endpoints))]
        "fake" => {
            eprintln!("call: `fake` needs ../shared/corpus beside the project");
            return ExitCode::from(2);
        }
        #[cfg(fake_endpoints_oas3)]
        "fake_oas3" => fake_oas3::fake_oas3(base_url, &mut failed).await,
        #[cfg(not(fake_endpoints_oas3))]
        "fake_oas3" => {
            eprintln!("call: `fake_oas3` needs ../shared/corpus-oas3 beside the project");
            return ExitCode::from(2);
        }
        _ => {
            eprintln!("usage: call (petstore|seed|fake|fake_oas3) BASE_URL");
            return ExitCode::from(2);
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
