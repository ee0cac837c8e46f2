//! Reading a bundle into a database: every reference is checked first (to a
//! record in the bundle, or one the database already has), then everything is
//! written in one transaction. Organisations, users and innovations the
//! database already has are kept as they are; the edition must be new.
//! Imported users have no password: the committee invites them.

use super::FORMAT;
use super::rows::*;
use crate::backend::db::Db;
use crate::backend::records::{Binding, Statement, execute_atomically, query_rows};
use crate::backend::repo::audit::{self, NewAuditEvent};
use crate::binds;
use crate::error::{AppError, FieldError, Problem};
use domain::ids::EditionId;
use domain::ids::UserId;
use std::collections::BTreeSet;

/// Keys of `table` among `keys` that the database already has.
async fn existing(
    db: &Db,
    table: &'static str,
    keys: &BTreeSet<String>,
) -> Result<BTreeSet<String>, AppError> {
    let rows: Vec<String> = query_rows(
        db,
        "SELECT VALUE record::id(id) FROM $records WHERE id != NONE;",
        binds![(
            "records",
            Binding::records(table, &keys.iter().cloned().collect::<Vec<_>>())
        )],
        0,
    )
    .await?;
    Ok(rows.into_iter().collect())
}

/// Checks that every link of the bundle resolves; lists those that do not.
async fn unknown_references(db: &Db, bundle: &Bundle) -> Result<Vec<String>, AppError> {
    let mut orgs: BTreeSet<String> = bundle
        .organisations
        .iter()
        .map(|org| org.id.clone())
        .collect();
    let mut users: BTreeSet<UserId> = bundle.users.iter().map(|user| user.id.clone()).collect();
    let mut innovations: BTreeSet<String> = bundle
        .innovations
        .iter()
        .map(|row| row.id.clone())
        .collect();
    let stages: BTreeSet<&str> = bundle
        .stages
        .iter()
        .map(|stage| stage.id.as_str())
        .collect();
    let entries: BTreeSet<&str> = bundle
        .entries
        .iter()
        .map(|entry| entry.id.as_str())
        .collect();

    let wanted_orgs: BTreeSet<String> = bundle
        .organisations
        .iter()
        .filter_map(|org| org.parent.clone())
        .chain(bundle.users.iter().filter_map(|user| user.org.clone()))
        .chain(bundle.innovations.iter().map(|row| row.org.clone()))
        .chain(bundle.entries.iter().map(|entry| entry.org.clone()))
        .collect();
    let wanted_users: BTreeSet<UserId> = bundle
        .assignments
        .iter()
        .map(|row| row.judge.clone())
        .chain(bundle.sheets.iter().map(|row| row.judge.clone()))
        .chain(bundle.stages.iter().filter_map(|stage| stage.chair.clone()))
        .chain(
            bundle
                .entries
                .iter()
                .filter_map(|entry| entry.updated_by.clone()),
        )
        .collect();
    let wanted_innovations: BTreeSet<String> = bundle
        .entries
        .iter()
        .map(|entry| entry.innovation.clone())
        .chain(
            bundle
                .innovations
                .iter()
                .filter_map(|row| row.replicated_from.clone()),
        )
        .collect();
    orgs.extend(
        existing(
            db,
            "organisation",
            &wanted_orgs.difference(&orgs).cloned().collect(),
        )
        .await?,
    );
    let missing_users = wanted_users.difference(&users).map(ToString::to_string);
    users.extend(
        existing(db, "user", &missing_users.collect())
            .await?
            .into_iter()
            .map(UserId::from),
    );
    innovations.extend(
        existing(
            db,
            "innovation",
            &wanted_innovations
                .difference(&innovations)
                .cloned()
                .collect(),
        )
        .await?,
    );
    let mut unknown: BTreeSet<String> = BTreeSet::new();
    unknown.extend(
        wanted_orgs
            .difference(&orgs)
            .map(|key| format!("organisation:{key}")),
    );
    unknown.extend(
        wanted_users
            .difference(&users)
            .map(|key| format!("user:{key}")),
    );
    unknown.extend(
        wanted_innovations
            .difference(&innovations)
            .map(|key| format!("innovation:{key}")),
    );
    let stage_links = bundle
        .assignments
        .iter()
        .map(|row| (&row.stage, &row.entry))
        .chain(bundle.sheets.iter().map(|row| (&row.stage, &row.entry)))
        .chain(bundle.decisions.iter().map(|row| (&row.stage, &row.entry)));
    for (stage, entry) in stage_links {
        if !stages.contains(stage.as_str()) {
            unknown.insert(format!("stage:{stage}"));
        }
        if !entries.contains(entry.as_str()) {
            unknown.insert(format!("entry:{entry}"));
        }
    }
    for stage in &bundle.stages {
        for entry in &stage.running_order {
            if !entries.contains(entry.as_str()) {
                unknown.insert(format!("entry:{entry}"));
            }
        }
    }
    Ok(unknown.into_iter().collect())
}

/// Imports the bundle in `text`; returns the edition's slug.
#[tracing::instrument(skip_all, err(level = "info"))]
pub async fn import(db: &Db, actor: Option<&UserId>, text: &str) -> Result<String, AppError> {
    let bundle: Bundle = serde_json::from_str(text).map_err(|error| {
        tracing::info!(%error, "not an edition bundle");
        AppError::field("bundle", Problem::BadCsv)
    })?;
    if bundle.format != FORMAT {
        return Err(AppError::field(
            "bundle",
            Problem::UnknownChoice {
                given: bundle.format,
            },
        ));
    }
    let taken: Vec<String> = query_rows(
        db,
        "SELECT VALUE slug FROM edition WHERE slug = $slug OR id = $key;",
        binds![
            ("slug", Binding::of(&bundle.edition.slug)),
            ("key", Binding::record("edition", &bundle.edition.key)),
        ],
        0,
    )
    .await?;
    if !taken.is_empty() {
        return Err(AppError::field("bundle", Problem::Taken));
    }
    let unknown = unknown_references(db, &bundle).await?;
    if !unknown.is_empty() {
        return Err(AppError::invalid(
            unknown
                .into_iter()
                .map(|given| FieldError {
                    field: "bundle".into(),
                    problem: Problem::UnknownReference { given },
                })
                .collect(),
        ));
    }
    execute_atomically(db, statements(&bundle, actor)).await?;
    Ok(bundle.edition.slug)
}

/// `<datetime>` of an optional RFC 3339 string, or NONE.
const OPTIONAL_TIME: &str = "IF $t { <datetime> $t } ELSE { NONE }";

fn optional_time(field: &str) -> String {
    OPTIONAL_TIME.replace("$t", field)
}

fn statements(bundle: &Bundle, actor: Option<&UserId>) -> Vec<Statement> {
    let e = &bundle.edition;
    vec![
        Statement::new(
            "FOR $row IN $b_orgs { \
                IF !record::exists(type::record('organisation', $row.id)) { \
                    CREATE type::record('organisation', $row.id) SET name = $row.name, kind = $row.kind, \
                        name_key = string::lowercase($row.name), \
                        parent = IF $row.parent { type::record('organisation', $row.parent) } ELSE { NONE }; \
                }; \
             };",
            binds![("b_orgs", Binding::of(&bundle.organisations))],
        ),
        Statement::new(
            "FOR $row IN $b_users { \
                IF !record::exists(type::record('user', $row.id)) { \
                    CREATE type::record('user', $row.id) SET email = $row.email, name = $row.name, \
                        password_hash = NONE, roles = $row.roles, active = $row.active, \
                        org = IF $row.org { type::record('organisation', $row.org) } ELSE { NONE }; \
                }; \
             };",
            binds![("b_users", Binding::of(&bundle.users))],
        ),
        Statement::new(
            "FOR $row IN $b_innovations { \
                IF !record::exists(type::record('innovation', $row.id)) { \
                    CREATE type::record('innovation', $row.id) SET title = $row.title, \
                        org = type::record('organisation', $row.org), started_on = $row.started_on, \
                        digital = $row.digital, sdgs = $row.sdgs, awards = $row.awards, replicates = $row.replicates, \
                        replicated_from = IF $row.replicated_from { type::record('innovation', $row.replicated_from) } ELSE { NONE }; \
                }; \
             };",
            binds![("b_innovations", Binding::of(&bundle.innovations))],
        ),
        Statement::new(
            format!(
                "CREATE type::record('edition', $b_edition.key) SET slug = $b_edition.slug, year = $b_edition.year, \
                    title = $b_edition.title, time_zone = $b_edition.time_zone, groups = $b_edition.groups, \
                    categories = $b_edition.categories, submission_opens_at = {opens}, submission_closes_at = {closes}, \
                    results_published = $b_edition.results_published, minimum_years = $b_edition.minimum_years, \
                    quotas = $b_edition.quotas, shares_feedback = $b_edition.shares_feedback, \
                    upload_limit_mb = $b_edition.upload_limit_mb, template = $b_edition.template ?? NONE, \
                    final_rule = $b_edition.final_rule, shows_scores = $b_edition.shows_scores, \
                    publishes_sheets = $b_edition.publishes_sheets, \
                    peoples_choice = $b_edition.peoples_choice, screening_checklist = $b_edition.screening_checklist;",
                opens = optional_time("$b_edition.submission_opens_at"),
                closes = optional_time("$b_edition.submission_closes_at"),
            ),
            binds![("b_edition", Binding::of(e))],
        ),
        Statement::new(
            "FOR $row IN $b_stages { \
                CREATE type::record('stage', $row.id) SET edition = type::record('edition', $b_edition_key), \
                    key = $row.key, title = $row.title, kind = $row.kind, format = $row.format, position = $row.position, \
                    opens_at = <datetime> $row.opens_at, closes_at = <datetime> $row.closes_at, blind = $row.blind, \
                    aggregation = $row.aggregation, rubric = $row.rubric, advancement = $row.advancement, \
                    chair = IF $row.chair { type::record('user', $row.chair) } ELSE { NONE }, \
                    running_order = $row.running_order.map(|$entry| type::record('entry', $entry)), \
                    slot_minutes = $row.slot_minutes, video_minutes = $row.video_minutes; \
             };",
            binds![
                ("b_stages", Binding::of(&bundle.stages)),
                ("b_edition_key", Binding::of(&e.key)),
            ],
        ),
        Statement::new(
            format!(
                "FOR $row IN $b_entries {{ \
                    CREATE type::record('entry', $row.id) SET edition = type::record('edition', $b_entries_edition), \
                        innovation = type::record('innovation', $row.innovation), org = type::record('organisation', $row.org), \
                        title = $row.title, group = $row.group, category = $row.category, state = $row.state, \
                        sections = $row.sections, video_url = $row.video_url ?? NONE, version = $row.version, \
                        updated_at = <datetime> $row.updated_at, return_comment = $row.return_comment ?? NONE, \
                        declarations = $row.declarations, closes_at = {closes}, screening = $row.screening ?? NONE, \
                        updated_by = IF $row.updated_by {{ type::record('user', $row.updated_by) }} ELSE {{ NONE }}; \
                 }};",
                closes = optional_time("$row.closes_at"),
            ),
            binds![
                ("b_entries", Binding::of(&bundle.entries)),
                ("b_entries_edition", Binding::of(&e.key)),
            ],
        ),
        Statement::new(
            format!(
                "FOR $row IN $b_assignments {{ \
                    CREATE assignment SET stage = type::record('stage', $row.stage), entry = type::record('entry', $row.entry), \
                        judge = type::record('user', $row.judge), recused = $row.recused, \
                        recuse_reason = $row.recuse_reason ?? NONE, recused_at = {recused}, \
                        created_at = <datetime> $row.created_at; \
                 }};",
                recused = optional_time("$row.recused_at"),
            ),
            binds![("b_assignments", Binding::of(&bundle.assignments))],
        ),
        Statement::new(
            "FOR $row IN $b_sheets { \
                CREATE type::record('sheet', [$row.stage, $row.entry, $row.judge]) SET \
                    stage = type::record('stage', $row.stage), entry = type::record('entry', $row.entry), \
                    judge = type::record('user', $row.judge), sheet_values = $row.sheet_values, \
                    comments = $row.comments, comment = $row.comment, state = $row.state, \
                    revision = $row.revision, updated_at = <datetime> $row.updated_at; \
             };",
            binds![("b_sheets", Binding::of(&bundle.sheets))],
        ),
        Statement::new(
            "FOR $row IN $b_decisions { \
                CREATE stage_decision SET stage = type::record('stage', $row.stage), entry = type::record('entry', $row.entry), \
                    advanced = $row.advanced, tied_at_cut = $row.tied_at_cut, \
                    override_reason = $row.override_reason ?? NONE, at = <datetime> $row.at; \
             };",
            binds![("b_decisions", Binding::of(&bundle.decisions))],
        ),
        Statement::new(
            format!(
                "FOR $row IN $b_publications {{ \
                    CREATE type::record('publication', $row.id) SET edition = type::record('edition', $b_publications_edition), \
                        scope = $row.scope, stages = $row.document.stages[*].key, document = $row.document, \
                        published_at = <datetime> $row.published_at, withdrawn_at = {withdrawn}; \
                 }};",
                withdrawn = optional_time("$row.withdrawn_at"),
            ),
            binds![
                ("b_publications", Binding::of(&bundle.publications)),
                ("b_publications_edition", Binding::of(&e.key)),
            ],
        ),
        crate::backend::repo::publications::coverage_statement(&EditionId::from(e.key.as_str())),
        audit::statement(NewAuditEvent {
            actor,
            action: "edition.import",
            target: format!("edition:{}", e.key),
            before: None,
            after: Some(serde_json::json!({
                "slug": e.slug,
                "entries": bundle.entries.len(),
                "sheets": bundle.sheets.len(),
            })),
        }),
    ]
}
