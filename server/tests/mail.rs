//! Invitation → mail → link → password set → sign-in, over HTTP on the real
//! router, the message carried by a real SMTP server (aiosmtpd on loopback).
#![expect(clippy::unwrap_used, reason = "tests fail loudly")]

use crate::common::{self, HOST, get, send, sign_in_as};
use app::backend::mail::transport::MailTransport;
use app::backend::mail::worker::deliver_due;
use axum::body::Body;
use http::{Request, StatusCode, header};

#[path = "../../app/tests/common/smtp.rs"]
#[allow(dead_code, reason = "shared with the app's tests")]
mod smtp;

fn form_post(path: &str, cookie: Option<&str>, body: String) -> Request<Body> {
    let mut request = Request::post(path)
        .header(header::HOST, HOST)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin");
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    request.body(Body::from(body)).unwrap()
}

#[tokio::test]
async fn an_invited_person_gets_the_link_by_mail_and_signs_in_with_their_own_password() {
    let (app, state) = common::demo_app().await;
    let sink = smtp::SmtpSink::start();
    let admin = sign_in_as(&app, "panitia@juara.test").await;

    let (status, headers, _) = send(
        &app,
        form_post(
            "/api/create_account",
            Some(&admin),
            "email=juri.surat%40juara.test&name=Juri%20Surat&roles%5Bjudge%5D=on".into(),
        ),
    )
    .await;
    assert!(status.is_success() || status.is_redirection(), "{status}");
    let location = headers
        .get(header::LOCATION)
        .map(|value| value.to_str().unwrap().to_owned())
        .unwrap_or_default();
    assert!(
        !location.contains("invite/"),
        "the committee is not shown the link: {location}"
    );

    // The worker's round, as the server runs it every few seconds.
    let transport = MailTransport::smtp(&sink.url(), "Panitia <panitia@juara.test>").unwrap();
    let round = deliver_due(&state.db, &transport, jiff::Timestamp::now())
        .await
        .unwrap();
    assert_eq!(round.sent, 1);
    let received = sink.received();
    assert_eq!(received.len(), 1);
    assert_eq!(
        received[0].header("To").as_deref(),
        Some("juri.surat@juara.test")
    );
    let link_start = received[0]
        .raw
        .find(&format!("http://{HOST}/invite/"))
        .unwrap();
    let link: String = received[0].raw[link_start..]
        .chars()
        .take_while(|character| {
            !character.is_whitespace() && *character != '"' && *character != '<'
        })
        .collect();
    let path = link
        .trim_start_matches(&format!("http://{HOST}"))
        .to_owned();
    let token = path.trim_start_matches("/invite/").to_owned();

    // The link opens the invitation page; the password is set through it.
    let (status, _, page) = send(&app, get(&path)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("juri.surat@juara.test"));
    let (status, _, body) = send(
        &app,
        form_post(
            "/api/accept_invitation",
            None,
            format!(
                "token={token}&password=juri+surat+yang+teliti&repeated=juri+surat+yang+teliti"
            ),
        ),
    )
    .await;
    assert!(
        status.is_success() || status.is_redirection(),
        "{status}: {body}"
    );

    // And the person signs in with the password they chose.
    let (status, headers, _) = send(
        &app,
        form_post(
            "/api/login",
            None,
            "email=juri.surat%40juara.test&password=juri+surat+yang+teliti".into(),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(headers.get(header::SET_COOKIE).is_some());

    // The link worked once.
    let (status, _, _) = send(&app, get(&path)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_person_sets_the_language_and_news_of_their_own_messages() {
    use app::backend::repo::users;
    use app::backend::service::mail_settings;
    use domain::mail::{Language, MailKind};
    let (app, state) = common::demo_app().await;
    let coordinator = sign_in_as(&app, "koordinator.dinkes@juara.test").await;
    let id = users::find_by_email(&state.db, "koordinator.dinkes@juara.test")
        .await
        .unwrap()
        .unwrap()
        .id;

    let (status, _, page) = send(
        &app,
        Request::get("/account")
            .header(header::HOST, HOST)
            .header(header::COOKIE, &coordinator)
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("koordinator.dinkes@juara.test"));
    // A coordinator's switches: their entries' news, not a judge's reminders.
    assert!(
        page.contains("receive[entry_endorsed]") && !page.contains("receive[closing_reminder]")
    );

    // English, and only news of endorsements among the kinds that can be off.
    let (status, headers, _) = send(
        &app,
        form_post(
            "/api/save_mail_settings",
            Some(&coordinator),
            "language=en&receive%5Bentry_endorsed%5D=on".into(),
        ),
    )
    .await;
    assert!(status.is_success() || status.is_redirection(), "{status}");
    assert_eq!(headers.get(header::LOCATION).unwrap(), "/account?saved=1");
    let stored = mail_settings::view(&state.db, &id)
        .await
        .unwrap()
        .preferences;
    assert_eq!(stored.language, Language::English);
    assert_eq!(
        stored.muted,
        [
            MailKind::EntrySubmitted,
            MailKind::ScreeningOutcome,
            MailKind::StageResult
        ]
        .into(),
        "every switch offered and not ticked; a judge's reminders are not offered, so stay on"
    );

    // A forged language is refused and changes nothing.
    let (status, _, _) = send(
        &app,
        form_post(
            "/api/save_mail_settings",
            Some(&coordinator),
            "language=fr".into(),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        mail_settings::view(&state.db, &id)
            .await
            .unwrap()
            .preferences,
        stored
    );
}
