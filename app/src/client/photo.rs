//! Photos of a field visit on the device: shrunk before they are kept (a
//! 12 MP camera photo is 3–5 MB; on a weak 4G link that is a minute per
//! photo), placed when the device allows, and sent as the raw JPEG.

use crate::client::visit_queue::{VisitKey, WaitingPhoto};
use crate::error::AppError;
use domain::field::{PHOTO_MAX_EDGE, shrunk_size};
use leptos::prelude::{document, window};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// JPEG quality of a shrunk photo: text on a signboard stays readable.
const JPEG_QUALITY: f64 = 0.8;

/// How long to wait for the device's position before keeping the photo
/// without one.
const LOCATE_TIMEOUT_MS: u32 = 6_000;

/// `file` shrunk to at most [`PHOTO_MAX_EDGE`] pixels on its longer side, as
/// a JPEG in base64, with its size before and after.
///
/// # Errors
/// The browser could not read the file as an image.
pub async fn shrink(file: &web_sys::File) -> Result<(String, u64, u64), JsValue> {
    // `createImageBitmap` turns the photo upright by its EXIF orientation.
    let bitmap: web_sys::ImageBitmap =
        JsFuture::from(window().create_image_bitmap_with_blob(file)?)
            .await?
            .dyn_into()?;
    let (width, height) = shrunk_size(bitmap.width(), bitmap.height(), PHOTO_MAX_EDGE);
    let canvas: web_sys::HtmlCanvasElement = document().create_element("canvas")?.dyn_into()?;
    canvas.set_width(width);
    canvas.set_height(height);
    let context: web_sys::CanvasRenderingContext2d = canvas
        .get_context("2d")?
        .ok_or_else(|| JsValue::from_str("no 2d context"))?
        .dyn_into()?;
    context.draw_image_with_image_bitmap_and_dw_and_dh(
        &bitmap,
        0.0,
        0.0,
        f64::from(width),
        f64::from(height),
    )?;
    bitmap.close();
    let url = canvas.to_data_url_with_type_and_encoder_options(
        "image/jpeg",
        &JsValue::from_f64(JPEG_QUALITY),
    )?;
    let base64 = url
        .split_once(',')
        .map(|(_, data)| data.to_owned())
        .unwrap_or_default();
    let bytes = (base64.len() as u64 * 3) / 4
        - base64.bytes().rev().take_while(|b| *b == b'=').count() as u64;
    Ok((base64, file.size() as u64, bytes))
}

/// Where the device is, when it says within a few seconds (no permission,
/// no fix, or no such service: `None`).
pub async fn locate() -> Option<(f64, f64)> {
    let geolocation = window().navigator().geolocation().ok()?;
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let options = web_sys::PositionOptions::new();
        options.set_timeout(LOCATE_TIMEOUT_MS);
        options.set_maximum_age(60_000);
        if geolocation
            .get_current_position_with_error_callback_and_options(&resolve, Some(&reject), &options)
            .is_err()
        {
            let _ = reject.call0(&JsValue::NULL);
        }
    });
    // `GeolocationPosition` is among web-sys's unstable APIs; its two numbers
    // are read as plain properties instead.
    let position = JsFuture::from(promise).await.ok()?;
    let coords = js_sys::Reflect::get(&position, &JsValue::from_str("coords")).ok()?;
    let number = |name: &str| {
        js_sys::Reflect::get(&coords, &JsValue::from_str(name))
            .ok()?
            .as_f64()
    };
    Some((number("latitude")?, number("longitude")?))
}

/// A JPEG in base64 as bytes.
fn jpeg_bytes(base64: &str) -> Option<Vec<u8>> {
    let binary = window().atob(base64).ok()?;
    binary
        .chars()
        .map(|c| u8::try_from(u32::from(c)).ok())
        .collect()
}

/// Sends `photo` (its JPEG in base64: `jpeg`) of the visit `key` names, for
/// the account it was kept for: `Err(None)` when there was no answer or the
/// server failed (try again later), `Err(Some(..))` when the server refused.
pub async fn send(
    key: &VisitKey,
    photo: &WaitingPhoto,
    jpeg: &str,
) -> Result<(), Option<AppError>> {
    let Some(bytes) = jpeg_bytes(jpeg) else {
        return Err(Some(AppError::field(
            "photo",
            crate::error::Problem::UnsupportedFile,
        )));
    };
    let body = js_sys::Uint8Array::from(bytes.as_slice());
    let mut request =
        gloo_net::http::Request::post(&format!("/visits/{}/photos/{}", key.visit, photo.key))
            .header("content-type", "image/jpeg")
            .header("x-owner", key.owner.as_str())
            .header("x-taken-at", &photo.taken_at);
    if let Some((latitude, longitude)) = photo.location {
        request = request
            .header("x-latitude", &latitude.to_string())
            .header("x-longitude", &longitude.to_string());
    }
    let Ok(request) = request.body(body) else {
        return Err(None);
    };
    match request.send().await {
        Ok(response) if response.ok() => Ok(()),
        // The server is restarting or overloaded: try again later.
        Ok(response) if response.status() >= 500 => Err(None),
        Ok(response) => Err(Some(
            response
                .json::<AppError>()
                .await
                .unwrap_or(AppError::Forbidden),
        )),
        Err(_) => Err(None),
    }
}
