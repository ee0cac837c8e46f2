//! `GET /admin/editions/{slug}/stages/{stage}/events`: the server-sent event
//! stream behind a stage's live dashboard. It says `ready` when (re)connected
//! and `changed` whenever a sheet, recusal or decision of the stage changes; the
//! browser then refetches the dashboard (the events carry no scores, so the
//! stream needs no more care than the dashboard itself). The browser's
//! `EventSource` reconnects by itself after a dropped connection, and the
//! `ready` on reconnecting makes it catch up on whatever it missed.

use app::backend::auth::Committee;
use app::backend::service::dashboard;
use app::backend::state::AppState;
use axum::extract::{Path, State};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use domain::ids::StageId;
use futures_util::stream::{self, Stream};
use http::StatusCode;
use std::convert::Infallible;
use std::time::Duration;
use tokio::sync::broadcast::{Receiver, error::RecvError};

/// Proxies drop idle connections; a comment every 15 s keeps the stream open.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// The event stream of one stage, for the committee (admins and observers).
pub async fn stage_events(
    _: Committee,
    State(state): State<AppState>,
    Path((slug, stage)): Path<(String, domain::scoring::StageKey)>,
) -> Response {
    let stage_id = match dashboard::stage_id(&state.db, &slug, &stage).await {
        Ok(id) => id,
        Err(app::error::AppError::NotFound) => return StatusCode::NOT_FOUND.into_response(),
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    let notices = state.live.subscribe();
    Sse::new(changes(stage_id, notices))
        .keep_alive(KeepAlive::new().interval(KEEP_ALIVE))
        .into_response()
}

/// `ready` first, then one `changed` per notice about `stage`.
fn changes(
    stage: StageId,
    notices: Receiver<StageId>,
) -> impl Stream<Item = Result<Event, Infallible>> {
    let ready = stream::once(async { Ok(Event::default().event("ready").data("ready")) });
    let changed = stream::unfold((stage, notices), |(stage, mut notices)| async move {
        loop {
            match notices.recv().await {
                Ok(changed) if changed == stage => break,
                Ok(_) => {}
                // Fell behind: something may have changed; one refetch covers it.
                Err(RecvError::Lagged(_)) => break,
                Err(RecvError::Closed) => return None,
            }
        }
        Some((
            Ok(Event::default().event("changed").data("changed")),
            (stage, notices),
        ))
    });
    futures_util::StreamExt::chain(ready, changed)
}
