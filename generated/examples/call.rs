//! Calls every operation of one document through the generated client with
//! valid data, against a server at BASE_URL (the conformance scripts point
//! it at Prism's mock, which validates each request against the document).
//! Prints one line per call; exit status 1 when a call fails or a response
//! does not decode as documented.
//!
//! ```text
//! cargo run -p generated --example call -- petstore http://127.0.0.1:4010
//! ```

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

async fn petstore(base_url: &str, failed: &mut bool) {
    use generated::petstore::{client::Client, types, *};
    let client = Client::new(base_url);
    let list = ListPetsRequest {
        tags: Some(vec!["dog".to_string(), "small".to_string()]),
        limit: Some(5),
        offset: Some(0),
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

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [spec, base_url] = args.as_slice() else {
        eprintln!("usage: call (petstore|seed) BASE_URL");
        return ExitCode::from(2);
    };
    let mut failed = false;
    match spec.as_str() {
        "petstore" => petstore(base_url, &mut failed).await,
        "seed" => seed(base_url, &mut failed).await,
        _ => {
            eprintln!("usage: call (petstore|seed) BASE_URL");
            return ExitCode::from(2);
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
