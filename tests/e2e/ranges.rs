//! spec/ranges.yaml end to end (OpenAPI 3.0): a status, a range (`2XX`,
//! `4XX`, with a typed header) and `default`, each answered by the server
//! and decoded by the client as the variant the status selects.

use crate::common::{raw_http, serve};
use generated::ranges::{client, server, types, *};

struct Jobs;

impl server::Api for Jobs {
    async fn get_job(
        &self,
        req: GetJobRequest,
        _: server::Context,
    ) -> Result<GetJobResponse, server::Error> {
        Ok(answer(req.id))
    }
}

fn answer(id: i64) -> GetJobResponse {
    match id {
        1 => GetJobResponse::Ok(types::Job {
            id,
            result: "done".to_string(),
        }),
        2 => GetJobResponse::Status2xx {
            status: 202,
            body: types::Progress { percent: 40 },
            retry_after: Some(5),
        },
        3 => GetJobResponse::Status4xx {
            status: 404,
            body: types::Problem {
                title: "no such job".to_string(),
                status: Some(404),
            },
        },
        _ => GetJobResponse::Default {
            status: 503,
            body: types::Problem {
                title: "busy".to_string(),
                status: None,
            },
        },
    }
}

#[tokio::test]
async fn each_status_arrives_as_the_variant_it_selects() {
    let addr = serve(server::router(Jobs)).await;
    let client = client::Client::new(format!("http://{addr}"));
    for id in 1..=4 {
        let got = client.get_job(&GetJobRequest { id }).await.unwrap();
        assert_eq!(got, answer(id), "job {id}");
    }
    // On the wire: the range's own status and its header.
    let response = raw_http(addr, "GET /jobs/2 HTTP/1.1", b"").await;
    response.assert_status(202);
    assert_eq!(response.header("retry-after"), Some("5"));
    assert_eq!(response.json()["percent"], 40);
    let response = raw_http(addr, "GET /jobs/3 HTTP/1.1", b"").await;
    response.assert_status(404);
    assert_eq!(response.json()["title"], "no such job");
}
