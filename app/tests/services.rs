//! Service and repository tests: a fresh in-memory SurrealDB per test, with the
//! real schema and migrations.
#![cfg(feature = "ssr")]
#![expect(clippy::unwrap_used, reason = "tests fail loudly")]

use crate::common;
use app::backend::db::{self, Db};
use app::backend::demo;
use app::backend::repo::{editions as edition_repo, organisations as org_repo};
use app::backend::service::accounts::{self, AccountRequest};
use app::backend::service::editions::{self, EditionInput};
use app::backend::service::organisations::{self, OrgInput};
use app::backend::state::Settings;
use app::error::{AppError, Problem};
use domain::ids::UserId;
use domain::role::{Role, Roles};
use domain::stage::PublicationScope;
use jiff::{SignedDuration, Timestamp};
use std::time::Duration;

async fn fresh() -> Db {
    db::open_for_tests().await.unwrap()
}

fn t0() -> Timestamp {
    "2026-03-01T02:00:00Z".parse().unwrap()
}

async fn admin(db: &Db) -> UserId {
    accounts::add_account(
        db,
        None,
        AccountRequest {
            email: "Panitia@Juara.test".into(),
            name: "Rina".into(),
            password: "correct horse battery".into(),
            roles: Roles::new([Role::Admin]),
            org: None,
        },
    )
    .await
    .unwrap()
}

fn problem(error: &AppError, field: &str) -> Option<Problem> {
    error.problem_for(field).cloned()
}

#[tokio::test]
async fn migrations_are_recorded_and_running_them_again_is_harmless() {
    let db = fresh().await;
    admin(&db).await;
    assert_eq!(
        db::current_version(&db).await.unwrap(),
        db::schema_version()
    );
    db::migrate(&db).await.unwrap();
    assert_eq!(
        db::current_version(&db).await.unwrap(),
        db::schema_version()
    );
    let user = app::backend::repo::users::find_by_email(&db, "panitia@juara.test")
        .await
        .unwrap();
    assert!(user.is_some(), "data survives a second migration run");
}

#[tokio::test]
async fn sign_in_accepts_the_right_password_in_any_email_case() {
    let db = fresh().await;
    admin(&db).await;
    let settings = Settings::default();
    let signed_in = accounts::sign_in(
        &db,
        &settings,
        " PANITIA@juara.test",
        "correct horse battery",
        t0(),
    )
    .await
    .unwrap();
    assert_eq!(signed_in.user.email, "panitia@juara.test");
    assert!(signed_in.user.roles.has(Role::Admin));
    let again = accounts::user_for_token(&db, &settings, &signed_in.token, t0())
        .await
        .unwrap();
    assert_eq!(
        again.map(|user| user.email),
        Some("panitia@juara.test".into())
    );
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_account_get_the_same_answer() {
    let db = fresh().await;
    admin(&db).await;
    let settings = Settings::default();
    let wrong = accounts::sign_in(
        &db,
        &settings,
        "panitia@juara.test",
        "wrong password!",
        t0(),
    )
    .await;
    let unknown =
        accounts::sign_in(&db, &settings, "nobody@juara.test", "wrong password!", t0()).await;
    assert_eq!(
        wrong.unwrap_err(),
        AppError::BadCredentials {
            email: "panitia@juara.test".into()
        }
    );
    assert_eq!(
        unknown.unwrap_err(),
        AppError::BadCredentials {
            email: "nobody@juara.test".into()
        }
    );
}

#[tokio::test]
async fn sessions_end_when_idle_too_long_at_their_absolute_limit_and_on_sign_out() {
    let db = fresh().await;
    admin(&db).await;
    let settings = Settings {
        session_idle: Duration::from_secs(30 * 60),
        session_absolute: Duration::from_secs(2 * 3600),
        ..Settings::default()
    };
    let sign_in = || {
        accounts::sign_in(
            &db,
            &settings,
            "panitia@juara.test",
            "correct horse battery",
            t0(),
        )
    };
    let minutes = |m: i64| t0() + SignedDuration::from_mins(m);

    // Idle: 29 minutes is fine (and restarts the idle clock), 31 more is not.
    let token = sign_in().await.unwrap().token;
    assert!(
        accounts::user_for_token(&db, &settings, &token, minutes(29))
            .await
            .unwrap()
            .is_some()
    );
    assert!(
        accounts::user_for_token(&db, &settings, &token, minutes(58))
            .await
            .unwrap()
            .is_some()
    );
    assert!(
        accounts::user_for_token(&db, &settings, &token, minutes(89))
            .await
            .unwrap()
            .is_none()
    );
    // Once expired, the session is gone for good.
    assert!(
        accounts::user_for_token(&db, &settings, &token, minutes(59))
            .await
            .unwrap()
            .is_none()
    );

    // Absolute: busy all the time, still ends after two hours.
    let token = sign_in().await.unwrap().token;
    for m in (0..120).step_by(20) {
        assert!(
            accounts::user_for_token(&db, &settings, &token, minutes(m))
                .await
                .unwrap()
                .is_some()
        );
    }
    assert!(
        accounts::user_for_token(&db, &settings, &token, minutes(120))
            .await
            .unwrap()
            .is_none()
    );

    // Sign-out ends it on the server: the old cookie is worthless.
    let token = sign_in().await.unwrap().token;
    accounts::sign_out(&db, &token).await.unwrap();
    assert!(
        accounts::user_for_token(&db, &settings, &token, t0())
            .await
            .unwrap()
            .is_none()
    );

    // Each sign-in makes a new token.
    assert_ne!(
        sign_in().await.unwrap().token,
        sign_in().await.unwrap().token
    );
}

#[tokio::test]
async fn accounts_refuse_a_taken_email_a_short_password_and_an_unknown_organisation() {
    let db = fresh().await;
    admin(&db).await;
    let request = |email: &str, password: &str, org: Option<&str>| AccountRequest {
        email: email.into(),
        name: String::new(),
        password: password.into(),
        roles: Roles::new([Role::Judge]),
        org: org.map(str::to_owned),
    };
    let taken = accounts::add_account(
        &db,
        None,
        request("panitia@juara.test", "long enough pw", None),
    )
    .await
    .unwrap_err();
    assert_eq!(problem(&taken, "email"), Some(Problem::Taken));
    let short = accounts::add_account(&db, None, request("juri@juara.test", "short", None))
        .await
        .unwrap_err();
    assert_eq!(
        problem(&short, "password"),
        Some(Problem::PasswordTooShort { min: 10 })
    );
    let org = accounts::add_account(
        &db,
        None,
        request("juri@juara.test", "long enough pw", Some("Dinas Tidak Ada")),
    )
    .await
    .unwrap_err();
    assert!(matches!(
        problem(&org, "org"),
        Some(Problem::UnknownReference { .. })
    ));
}

fn org(name: &str, kind: &str, parent: &str) -> OrgInput {
    OrgInput {
        name: name.into(),
        kind: kind.into(),
        parent: parent.into(),
    }
}

#[tokio::test]
async fn organisations_are_created_updated_and_audited() {
    let db = fresh().await;
    let actor = admin(&db).await;
    let dinkes = organisations::create(&db, &actor, org("Dinas Kesehatan", "pd", ""))
        .await
        .unwrap();
    let janti = organisations::create(
        &db,
        &actor,
        org("Puskesmas Janti", "puskesmas", dinkes.as_str()),
    )
    .await
    .unwrap();
    let list = organisations::list(&db).await.unwrap();
    let janti_row = list.iter().find(|row| row.id == janti).unwrap();
    assert_eq!(janti_row.parent_name.as_deref(), Some("Dinas Kesehatan"));

    let duplicate = organisations::create(&db, &actor, org("dinas KESEHATAN", "pd", ""))
        .await
        .unwrap_err();
    assert_eq!(problem(&duplicate, "name"), Some(Problem::Taken));
    let bad_kind = organisations::create(&db, &actor, org("", "planet", ""))
        .await
        .unwrap_err();
    assert_eq!(problem(&bad_kind, "name"), Some(Problem::Required));
    assert!(matches!(
        problem(&bad_kind, "kind"),
        Some(Problem::UnknownChoice { .. })
    ));

    // Dinkes under Janti would make Janti its own grandparent.
    let cycle = organisations::update(
        &db,
        &actor,
        &dinkes,
        org("Dinas Kesehatan", "pd", janti.as_str()),
    )
    .await
    .unwrap_err();
    assert_eq!(problem(&cycle, "parent"), Some(Problem::ParentCycle));
    organisations::update(
        &db,
        &actor,
        &janti,
        org("UPT Puskesmas Janti", "puskesmas", dinkes.as_str()),
    )
    .await
    .unwrap();
    assert_eq!(
        org_repo::find(&db, &janti).await.unwrap().unwrap().name,
        "UPT Puskesmas Janti"
    );

    let actions = common::audited(&db, 10).await;
    assert!(actions.contains(&"organisation.update".to_owned()));
    assert_eq!(
        actions
            .iter()
            .filter(|action| *action == "organisation.create")
            .count(),
        2
    );
}

#[tokio::test]
async fn a_csv_import_with_a_bad_row_imports_nothing_and_names_every_bad_line() {
    let db = fresh().await;
    let actor = admin(&db).await;
    organisations::create(&db, &actor, org("Dinas Pendidikan", "pd", ""))
        .await
        .unwrap();
    let csv = "name,kind,parent\nSMPN 5,sekolah,Dinas Pendidikan\nSMPN 18,planet,\nSDN 1,sekolah,Dinas Tidak Ada\n";
    let error = organisations::import_csv(&db, &actor, csv)
        .await
        .unwrap_err();
    let AppError::Invalid { fields, .. } = error else {
        panic!("expected field errors")
    };
    let lines: Vec<usize> = fields
        .iter()
        .filter_map(|field| match &field.problem {
            Problem::CsvRow { line, .. } => Some(*line),
            _ => None,
        })
        .collect();
    assert_eq!(lines, vec![3, 4]);
    assert_eq!(
        org_repo::count(&db).await.unwrap(),
        1,
        "nothing was half-imported"
    );

    let csv = "Name,Kind,Parent\nSMPN 5,sekolah,Dinas Pendidikan\nKelas Inklusi,upt,SMPN 5\n";
    let report = organisations::import_csv(&db, &actor, csv).await.unwrap();
    assert_eq!(report.created, 2);
    let list = organisations::list(&db).await.unwrap();
    let inklusi = list.iter().find(|row| row.name == "Kelas Inklusi").unwrap();
    assert_eq!(inklusi.parent_name.as_deref(), Some("SMPN 5"));
    assert!(matches!(
        organisations::import_csv(&db, &actor, "nama;jenis\n")
            .await
            .unwrap_err()
            .problem_for("csv"),
        Some(Problem::BadCsv)
    ));
    // Line numbers are the file's own, blank lines included; names are unique in any case.
    let csv = "name,kind,parent\n\nsmpn 5,sekolah,\n";
    let error = organisations::import_csv(&db, &actor, csv)
        .await
        .unwrap_err();
    assert_eq!(
        error.problem_for("csv"),
        Some(&Problem::CsvRow {
            line: 3,
            detail: Box::new(Problem::Taken)
        })
    );
}

fn edition_input(slug: &str) -> EditionInput {
    EditionInput {
        slug: slug.into(),
        year: "2026".into(),
        title: "KIPP Kota Malang 2026".into(),
        time_zone: "Asia/Jakarta".into(),
        groups: vec!["umum".into(), "khusus".into()],
        categories: "kesehatan: Kesehatan\nEkonomi dan UMKM".into(),
    }
}

#[tokio::test]
async fn editions_are_checked_field_by_field_and_slugs_are_unique() {
    let db = fresh().await;
    let actor = admin(&db).await;
    let slug = editions::create(&db, &actor, edition_input("kipp-malang-2026"))
        .await
        .unwrap();
    assert_eq!(slug, "kipp-malang-2026");
    let stored = edition_repo::find_by_slug(&db, &slug)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.categories[1].key, "ekonomi-dan-umkm");
    assert_eq!(
        stored.groups,
        vec![domain::edition::Group::Umum, domain::edition::Group::Khusus]
    );

    let taken = editions::create(&db, &actor, edition_input("kipp-malang-2026"))
        .await
        .unwrap_err();
    assert_eq!(problem(&taken, "slug"), Some(Problem::Taken));

    let everything_wrong = EditionInput {
        slug: "KIPP 2026".into(),
        year: "1999".into(),
        title: " ".into(),
        time_zone: "Asia/Malang".into(),
        groups: vec![],
        categories: "a: One\na: Two".into(),
    };
    let error = editions::create(&db, &actor, everything_wrong)
        .await
        .unwrap_err();
    assert_eq!(problem(&error, "slug"), Some(Problem::BadSlug));
    assert_eq!(
        problem(&error, "year"),
        Some(Problem::BadYear {
            min: 2000,
            max: 2100
        })
    );
    assert_eq!(problem(&error, "title"), Some(Problem::Required));
    assert_eq!(problem(&error, "time_zone"), Some(Problem::BadTimeZone));
    assert_eq!(problem(&error, "groups"), Some(Problem::Required));
    assert_eq!(
        problem(&error, "categories"),
        Some(Problem::DuplicateCategory { key: "a".into() })
    );
}

#[tokio::test]
async fn the_demo_loads_once_with_three_editions_and_sheets() {
    let db = fresh().await;
    let now = t0();
    let summary = demo::load_if_empty(&db, now).await.unwrap().unwrap();
    assert_eq!(summary.password, "juara-demo-2026");
    assert_eq!(summary.accounts.len(), 5);
    assert!(
        demo::load_if_empty(&db, now).await.unwrap().is_none(),
        "a second start loads nothing"
    );

    assert!(org_repo::count(&db).await.unwrap() >= 20);
    let all = editions::list(&db, now).await.unwrap();
    assert_eq!(
        all.len(),
        3,
        "last year's, this year's, and one open for entries"
    );
    let current = editions::current(&db, now).await.unwrap().unwrap();
    assert_eq!(current.year, 2026);
    assert_eq!(
        current.slug, "kipp-malang-2026",
        "the home page features the main edition"
    );
    assert!(!current.results_published);
    let past = all.iter().find(|edition| edition.year == 2025).unwrap();
    assert!(past.results_published);
    // Last year's results are a publication the public reads; it agrees with
    // what the sheets give now, and it has winners in every category.
    let published = app::backend::service::publication::published(&db, &past.slug)
        .await
        .unwrap()
        .unwrap();
    let mut computed =
        app::backend::service::results::document(&db, &past.slug, &PublicationScope::Final)
            .await
            .unwrap();
    computed.published_at = published.published_at.clone();
    assert_eq!(published, computed);
    assert_eq!(published.stages.len(), 2);
    assert!(published.final_ranking.iter().any(|entry| entry.rank == 1));
    assert!(
        app::backend::service::publication::published(&db, &current.slug)
            .await
            .unwrap()
            .is_none(),
        "nothing of this year's edition is public"
    );
    assert!(past.entry_count + current.entry_count >= 30);

    // The signed-in demo judge has assignments, some with sheets.
    let judge = accounts::sign_in(
        &db,
        &Settings::default(),
        "juri1@juara.test",
        "juara-demo-2026",
        now,
    )
    .await
    .unwrap()
    .user;
    let assignments = app::backend::service::overview::judge(&db, &judge)
        .await
        .unwrap();
    assert!(assignments.len() >= 5);
    assert!(
        assignments
            .iter()
            .any(|row| row.sheet_state == Some(domain::scoring::SheetState::Submitted))
    );
    // The coordinator of Dinas Kesehatan sees the entries of its Puskesmas too.
    let coordinator = accounts::sign_in(
        &db,
        &Settings::default(),
        "koordinator.dinkes@juara.test",
        "juara-demo-2026",
        now,
    )
    .await
    .unwrap()
    .user;
    let entries = app::backend::service::overview::entrant(&db, &coordinator)
        .await
        .unwrap();
    assert!(
        entries
            .iter()
            .any(|entry| entry.org_name == "Puskesmas Janti")
    );
}
