//! The data a page loads: one kind of resource for every page.
//!
//! A resource's value travels from the server's render to the browser as JSON,
//! and so does every server function's answer. Leptos' default resource codec
//! decodes with `serde_json::from_str`, server functions with
//! `serde_json::from_slice`: two readers, so the wasm held two copies of the
//! decoding code of every type a page loads. [`JsonCodec`] reads resources the
//! way server functions do, and that code is there once.

use crate::error::AppError;
use leptos::prelude::*;
use leptos::server::codee::{Decoder, Encoder};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// JSON, decoded from bytes as server functions decode their answers.
pub struct JsonCodec;

impl<T: Serialize> Encoder<T> for JsonCodec {
    type Error = serde_json::Error;
    type Encoded = String;

    fn encode(value: &T) -> Result<String, serde_json::Error> {
        serde_json::to_string(value)
    }
}

impl<T: DeserializeOwned> Decoder<T> for JsonCodec {
    type Error = serde_json::Error;
    type Encoded = str;

    fn decode(encoded: &str) -> Result<T, serde_json::Error> {
        serde_json::from_slice(encoded.as_bytes())
    }
}

/// What a page loads: its data or why not.
pub type PageResource<T> = Resource<Result<T, AppError>, JsonCodec>;

/// A resource loading a page's data: `fetcher` runs on the server during the
/// render, and again in the browser whenever `source` changes.
#[track_caller]
pub fn page_resource<S, T, Fut>(
    source: impl Fn() -> S + Send + Sync + 'static,
    fetcher: impl Fn(S) -> Fut + Send + Sync + 'static,
) -> Resource<T, JsonCodec>
where
    S: PartialEq + Clone + Send + Sync + 'static,
    T: Serialize + DeserializeOwned + Send + Sync + 'static,
    Fut: Future<Output = T> + Send + 'static,
{
    Resource::new_with_options(source, fetcher, false)
}
