//! The SurrealQL of the edition bundle: reading an edition's records for an
//! export, and writing a checked bundle back (see `backend::bundle`, which
//! owns the format and the checks).

use crate::backend::bundle::*;
use crate::backend::db::{Db, DbError};
use crate::backend::records::{Binding, Statement, query_rows};
use crate::backend::repo::audit::{self, NewAuditEvent};
use crate::binds;
use domain::ids::EditionId;
use domain::ids::UserId;
use std::collections::BTreeSet;

async fn rows<T: serde::de::DeserializeOwned>(
    db: &Db,
    sql: &str,
    bindings: Vec<(&'static str, Binding)>,
) -> Result<Vec<T>, DbError> {
    query_rows(db, sql, bindings, 0).await
}

/// The edition with `slug`, as the bundle holds it.
pub async fn edition(db: &Db, slug: &str) -> Result<Option<EditionRow>, DbError> {
    Ok(rows::<EditionRow>(
        db,
        "SELECT id, slug, year, title, time_zone, groups, categories, submission_opens_at, submission_closes_at, \
                results_published, minimum_years, quotas, shares_feedback, upload_limit_mb, template, final_rule, \
                shows_scores, publishes_sheets, peoples_choice, peoples_choice_verified, \
                max_winners_per_organisation, winner_in_every_category, replication_below_original, \
                screening_checklist, field_rule FROM edition WHERE slug = $slug;",
        binds![("slug", Binding::of(&slug))],
    )
    .await?
    .into_iter()
    .next())
}

fn of_edition(edition: &EditionRow) -> Vec<(&'static str, Binding)> {
    binds![("edition", Binding::record("edition", &edition.key))]
}

/// The edition's stages, in order.
pub async fn stages(db: &Db, edition: &EditionRow) -> Result<Vec<StageRow>, DbError> {
    rows(
        db,
        "SELECT id, key, title, kind, format, position, opens_at, closes_at, blind, aggregation, rubric, advancement, \
                chair, running_order, slot_minutes, video_minutes, field_claims FROM stage WHERE edition = $edition ORDER BY position, id;",
        of_edition(edition),
    )
    .await
}

/// The edition's entries, by key.
pub async fn entries(db: &Db, edition: &EditionRow) -> Result<Vec<EntryRow>, DbError> {
    rows(
        db,
        "SELECT id, innovation, org, title, group, category, state, sections, video_url, version, updated_at, \
                return_comment, declarations, closes_at, updated_by, screening FROM entry WHERE edition = $edition ORDER BY id;",
        of_edition(edition),
    )
    .await
}

/// The assignments of the edition's stages, by (stage, entry, judge).
pub async fn assignments(db: &Db, edition: &EditionRow) -> Result<Vec<AssignmentRow>, DbError> {
    let mut assignments: Vec<AssignmentRow> = rows(
        db,
        "SELECT stage, entry, judge, recused, recuse_reason, recused_at, created_at FROM assignment WHERE stage.edition = $edition;",
        of_edition(edition),
    )
    .await?;
    assignments.sort_by(|a, b| (&a.stage, &a.entry, &a.judge).cmp(&(&b.stage, &b.entry, &b.judge)));
    Ok(assignments)
}

/// The score sheets of the edition's stages, by (stage, entry, judge).
pub async fn sheets(db: &Db, edition: &EditionRow) -> Result<Vec<SheetRow>, DbError> {
    let mut sheets: Vec<SheetRow> = rows(
        db,
        "SELECT stage, entry, judge, sheet_values, comments, comment, state, revision, updated_at FROM sheet WHERE stage.edition = $edition;",
        of_edition(edition),
    )
    .await?;
    sheets.sort_by(|a, b| (&a.stage, &a.entry, &a.judge).cmp(&(&b.stage, &b.entry, &b.judge)));
    Ok(sheets)
}

/// The advancement decisions of the edition's stages, by (stage, entry).
pub async fn decisions(db: &Db, edition: &EditionRow) -> Result<Vec<DecisionRow>, DbError> {
    let mut decisions: Vec<DecisionRow> = rows(
        db,
        "SELECT stage, entry, advanced, tied_at_cut, override_reason, at FROM stage_decision WHERE stage.edition = $edition;",
        of_edition(edition),
    )
    .await?;
    decisions.sort_by(|a, b| (&a.stage, &a.entry).cmp(&(&b.stage, &b.entry)));
    Ok(decisions)
}

/// The onward outcomes of the edition's entries, by (entry, level).
pub async fn onward(db: &Db, edition: &EditionRow) -> Result<Vec<OnwardRow>, DbError> {
    rows(
        db,
        "SELECT entry, innovation, level, award, year, recorded_at, recorded_by FROM onward_outcome \
            WHERE entry.edition = $edition ORDER BY entry, level;",
        of_edition(edition),
    )
    .await
}

/// The field visits of the edition's stages, by key.
pub async fn visits(db: &Db, edition: &EditionRow) -> Result<Vec<VisitRow>, DbError> {
    rows(
        db,
        "SELECT id, stage, entry, starts_at, address, team, scheduled_at, scheduled_by FROM field_visit \
            WHERE stage.edition = $edition ORDER BY id;",
        of_edition(edition),
    )
    .await
}

/// The findings of the edition's visits, by (visit, section).
pub async fn findings(db: &Db, edition: &EditionRow) -> Result<Vec<FindingRow>, DbError> {
    rows(
        db,
        "SELECT visit, section, finding, note, recorded_by, recorded_at FROM field_finding \
            WHERE visit.stage.edition = $edition ORDER BY visit, section;",
        of_edition(edition),
    )
    .await
}

/// The committee's decisions on the edition's referred entries, by entry.
pub async fn field_decisions(
    db: &Db,
    edition: &EditionRow,
) -> Result<Vec<FieldDecisionRow>, DbError> {
    rows(
        db,
        "SELECT entry, disqualify, reason, decided_by, decided_at FROM field_decision \
            WHERE entry.edition = $edition ORDER BY entry;",
        of_edition(edition),
    )
    .await
}

/// The edition's publications, withdrawn ones included, by key.
pub async fn publications(db: &Db, edition: &EditionRow) -> Result<Vec<PublicationRow>, DbError> {
    rows(
        db,
        "SELECT id, scope, document, published_at, withdrawn_at, composition, composition_reason \
            FROM publication WHERE edition = $edition ORDER BY id;",
        of_edition(edition),
    )
    .await
}

/// The innovations with these keys, by key.
pub async fn innovations(db: &Db, keys: &BTreeSet<String>) -> Result<Vec<InnovationRow>, DbError> {
    rows(
        db,
        "SELECT id, title, org, started_on, digital, sdgs, awards, replicated_from, replicates FROM innovation WHERE id IN $keys ORDER BY id;",
        binds![("keys", Binding::records("innovation", &keys.iter().cloned().collect::<Vec<_>>()))],
    )
    .await
}

/// The users with these keys, by key (no password hashes).
pub async fn users(db: &Db, keys: &BTreeSet<UserId>) -> Result<Vec<UserRow>, DbError> {
    rows(
        db,
        "SELECT id, email, name, roles, org, active FROM user WHERE id IN $keys ORDER BY id;",
        binds![(
            "keys",
            Binding::ids(&keys.iter().cloned().collect::<Vec<_>>())
        )],
    )
    .await
}

/// The organisations with these keys, by key.
pub async fn organisations(
    db: &Db,
    keys: &BTreeSet<String>,
) -> Result<Vec<OrganisationRow>, DbError> {
    rows(
        db,
        "SELECT id, name, kind, parent FROM organisation WHERE id IN $keys ORDER BY id;",
        binds![(
            "keys",
            Binding::records("organisation", &keys.iter().cloned().collect::<Vec<_>>())
        )],
    )
    .await
}

/// Whether an edition already has this slug or this record key.
pub async fn edition_taken(db: &Db, slug: &str, key: &str) -> Result<bool, DbError> {
    let taken: Vec<String> = query_rows(
        db,
        "SELECT VALUE slug FROM edition WHERE slug = $slug OR id = $key;",
        binds![
            ("slug", Binding::of(&slug)),
            ("key", Binding::record("edition", key)),
        ],
        0,
    )
    .await?;
    Ok(!taken.is_empty())
}

/// Keys of `table` among `keys` that the database already has.
pub async fn existing(
    db: &Db,
    table: &'static str,
    keys: &BTreeSet<String>,
) -> Result<BTreeSet<String>, DbError> {
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

/// `<datetime>` of an optional RFC 3339 string, or NONE.
const OPTIONAL_TIME: &str = "IF $t { <datetime> $t } ELSE { NONE }";

fn optional_time(field: &str) -> String {
    OPTIONAL_TIME.replace("$t", field)
}

/// The statements that write `bundle` (checked) into the database, with the
/// import's audit event: run them in one transaction.
#[must_use]
pub fn import_statements(bundle: &Bundle, actor: Option<&UserId>) -> Vec<Statement> {
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
                    peoples_choice = $b_edition.peoples_choice, \
                    peoples_choice_verified = $b_edition.peoples_choice_verified, \
                    max_winners_per_organisation = $b_edition.max_winners_per_organisation, \
                    winner_in_every_category = $b_edition.winner_in_every_category, \
                    replication_below_original = $b_edition.replication_below_original, screening_checklist = $b_edition.screening_checklist, \
                    field_rule = $b_edition.field_rule ?? {{ partial_penalty: 2, unproven_penalty: 5, max_penalty: 20, refer_at_unproven: 2 }};",
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
                    slot_minutes = $row.slot_minutes, video_minutes = $row.video_minutes, \
                    field_claims = $row.field_claims ?? []; \
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
                        published_at = <datetime> $row.published_at, withdrawn_at = {withdrawn}, \
                        composition = $row.composition ?? NONE, composition_reason = $row.composition_reason ?? NONE; \
                 }};",
                withdrawn = optional_time("$row.withdrawn_at"),
            ),
            binds![
                ("b_publications", Binding::of(&bundle.publications)),
                ("b_publications_edition", Binding::of(&e.key)),
            ],
        ),
        Statement::new(
            "FOR $row IN $b_onward { \
                UPSERT type::record('onward_outcome', [$row.entry, $row.level]) SET \
                    entry = type::record('entry', $row.entry), \
                    innovation = type::record('innovation', $row.innovation), \
                    level = $row.level, award = $row.award, year = $row.year, \
                    recorded_at = <datetime> $row.recorded_at, \
                    recorded_by = IF $row.recorded_by { type::record('user', $row.recorded_by) } ELSE { NONE }; \
             };",
            binds![("b_onward", Binding::of(&bundle.onward))],
        ),
        Statement::new(
            "FOR $row IN $b_visits { \
                CREATE type::record('field_visit', $row.id) SET stage = type::record('stage', $row.stage), \
                    entry = type::record('entry', $row.entry), starts_at = <datetime> $row.starts_at, \
                    address = $row.address, team = $row.team.map(|$member| type::record('user', $member)), \
                    scheduled_at = <datetime> $row.scheduled_at, \
                    scheduled_by = IF $row.scheduled_by { type::record('user', $row.scheduled_by) } ELSE { NONE }; \
             }; \
             FOR $row IN $b_findings { \
                UPSERT type::record('field_finding', [$row.visit, $row.section]) SET \
                    visit = type::record('field_visit', $row.visit), section = $row.section, \
                    finding = $row.finding, note = $row.note, \
                    recorded_by = type::record('user', $row.recorded_by), recorded_at = <datetime> $row.recorded_at; \
             }; \
             FOR $row IN $b_field_decisions { \
                UPSERT type::record('field_decision', [$row.entry]) SET entry = type::record('entry', $row.entry), \
                    disqualify = $row.disqualify, reason = $row.reason, decided_at = <datetime> $row.decided_at, \
                    decided_by = IF $row.decided_by { type::record('user', $row.decided_by) } ELSE { NONE }; \
             };",
            binds![
                ("b_visits", Binding::of(&bundle.visits)),
                ("b_findings", Binding::of(&bundle.findings)),
                ("b_field_decisions", Binding::of(&bundle.field_decisions)),
            ],
        ),
        super::publications::coverage_statement(&EditionId::from(e.key.as_str())),
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
