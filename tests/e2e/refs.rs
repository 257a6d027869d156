//! spec/refs.yaml end to end: `$ref`s to grpc-gateway's
//! `#/x-stream-definitions/...`, to a response schema under `#/paths`, and
//! to a property of a definition are the schemas they point to, named after
//! where they are, on both sides.

use crate::common::serve;
use generated::refs::{client, server, types, *};

struct Api;

fn item(id: i64) -> types::Item {
    types::Item {
        id,
        label: Some(types::ItemLabel {
            text: "red".to_string(),
        }),
    }
}

impl server::Api for Api {
    async fn watch_items(
        &self,
        _: WatchItemsRequest,
        _: server::Context,
    ) -> Result<WatchItemsResponse, server::Error> {
        // grpc-gateway's stream: one result per line.
        Ok(WatchItemsResponse::Ok(
            vec![
                types::StreamResultOfItem {
                    result: Some(item(1)),
                    error: None,
                },
                types::StreamResultOfItem {
                    result: None,
                    error: Some("stream ended".to_string()),
                },
            ]
            .into(),
        ))
    }

    async fn latest_item(
        &self,
        _: LatestItemRequest,
        _: server::Context,
    ) -> Result<LatestItemResponse, server::Error> {
        Ok(LatestItemResponse::Ok(types::StreamResultOfItem {
            result: None,
            error: Some("no items yet".to_string()),
        }))
    }

    async fn put_label(
        &self,
        req: PutLabelRequest,
        _: server::Context,
    ) -> Result<PutLabelResponse, server::Error> {
        Ok(PutLabelResponse::Ok(types::Label {
            id: Some(7),
            text: Some(req.body.text),
        }))
    }
}

#[tokio::test]
async fn schemas_reached_by_any_local_pointer_round_trip_as_their_types() {
    let addr = serve(server::router(Api)).await;
    let client = client::Client::new(format!("http://{addr}"));
    // A `#/x-stream-definitions/` result is grpc-gateway's stream: JSON
    // values, one per line, sent as `application/json`.
    let WatchItemsResponse::Ok(results) = client.watch_items().await.unwrap();
    let results = results.items().await.unwrap();
    assert_eq!(results.len(), 2);
    assert_eq!(results[0].result, Some(item(1)));
    assert_eq!(results[1].error.as_deref(), Some("stream ended"));
    let raw = reqwest::get(format!("http://{addr}/v1/items"))
        .await
        .unwrap();
    assert_eq!(raw.headers()["content-type"], "application/json");
    assert_eq!(raw.text().await.unwrap().lines().count(), 2);
    // One schema, one type, however it is reached.
    let LatestItemResponse::Ok(latest) = client.latest_item().await.unwrap();
    let latest: types::StreamResultOfItem = latest;
    assert_eq!(latest.error.as_deref(), Some("no items yet"));
    let label = types::ItemLabel {
        text: "blue".to_string(),
    };
    let PutLabelResponse::Ok(stored) = client
        .put_label(&PutLabelRequest { body: label })
        .await
        .unwrap();
    // `Label.id` is `Item.id`'s schema: an i64.
    let id: Option<i64> = stored.id;
    assert_eq!((id, stored.text.as_deref()), (Some(7), Some("blue")));
    // The property's rules travel with it: minLength 1 on the label's text.
    let refused = crate::common::raw_http(
        addr,
        "POST /v1/labels HTTP/1.1\r\nContent-Type: application/json",
        br#"{"text": ""}"#,
    )
    .await;
    refused.assert_status(400);
}
