//! The one file that knows SurrealDB's Rust types. Its SDK has changed these types
//! between versions; keeping them here makes the next change a one-file change.
//!
//! Rows travel as serde types: queries select record keys as plain strings
//! (`record::id(id) AS id`) and results are converted to JSON and deserialised, so
//! repositories and services deal in `String` ids and ordinary structs.

use super::db::{Db, DbError};
use serde::de::DeserializeOwned;
use surrealdb::types::{Array, Object, RecordId, SurrealValue, Value};

/// A reference to the record `table:key`, for binding into a query.
#[must_use]
pub fn record(table: &'static str, key: &str) -> RecordId {
    RecordId::new(table, key.to_owned())
}

/// An optional reference, bound as `NONE` when absent.
#[must_use]
pub fn optional_record(table: &'static str, key: Option<&str>) -> Option<RecordId> {
    key.map(|key| record(table, key))
}

/// A serde value as JSON, e.g. for an audit event's before/after.
pub fn json<T: serde::Serialize>(value: &T) -> Result<serde_json::Value, DbError> {
    serde_json::to_value(value).map_err(|error| DbError::Decode(error.to_string()))
}

/// A fresh random record key: 20 lowercase letters and digits, like SurrealDB's own.
#[must_use]
pub fn new_key() -> String {
    use rand::Rng;
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    let mut rng = rand::thread_rng();
    (0..20)
        .map(|_| char::from(ALPHABET[rng.gen_range(0..ALPHABET.len())]))
        .collect()
}

/// Runs `sql` with `bindings`, checks every statement, and returns the rows of the
/// statement at `index` as `T`s.
pub async fn query_rows<T: DeserializeOwned>(
    db: &Db,
    sql: &str,
    bindings: Vec<(&'static str, Binding)>,
    index: usize,
) -> Result<Vec<T>, DbError> {
    let mut query = db.query(sql);
    for (name, Binding(value)) in bindings {
        query = query.bind((name, value));
    }
    let mut response = query.await.map_err(DbError::from_surreal)?;
    // In a failed transaction every other statement reports only "not executed
    // due to a failed transaction"; the statement that really failed says why.
    if let Some(error) = first_cause(response.take_errors()) {
        return Err(DbError::from_surreal(error));
    }
    let value: Value = response.take(index).map_err(DbError::from_surreal)?;
    decode(value)
}

/// The first row `sql` (one statement) returns, if any.
pub async fn query_one<T: DeserializeOwned>(
    db: &Db,
    sql: &str,
    bindings: Vec<(&'static str, Binding)>,
) -> Result<Option<T>, DbError> {
    Ok(query_rows(db, sql, bindings, 0).await?.into_iter().next())
}

/// The record keys statement `index` of `sql` returns, written
/// `SELECT VALUE <a record link> FROM …`, as the domain's id type.
pub async fn query_keys<K: From<String>>(
    db: &Db,
    sql: &str,
    bindings: Vec<(&'static str, Binding)>,
    index: usize,
) -> Result<Vec<K>, DbError> {
    let raw: Vec<String> = query_rows(db, sql, bindings, index).await?;
    Ok(raw.iter().map(|raw| K::from(key_of(raw))).collect())
}

/// Runs `sql` for its effect only.
pub async fn execute(
    db: &Db,
    sql: &str,
    bindings: Vec<(&'static str, Binding)>,
) -> Result<(), DbError> {
    query_rows::<serde_json::Value>(db, sql, bindings, 0)
        .await
        .map(|_| ())
}

/// One SurrealQL statement with its bindings, to run alone or with others in one
/// transaction (see [`execute_atomically`]). Statements run together must not
/// share binding names; the audit log's use an `audit_` prefix for that reason.
pub struct Statement {
    /// The SurrealQL.
    pub sql: String,
    pub bindings: Vec<(&'static str, Binding)>,
}

impl Statement {
    /// A statement from SurrealQL and bindings.
    #[must_use]
    pub fn new(sql: impl Into<String>, bindings: Vec<(&'static str, Binding)>) -> Statement {
        Statement {
            sql: sql.into(),
            bindings,
        }
    }
}

/// Runs `statements` in one transaction: a change and its audit event are
/// written together or not at all. The first failing statement's error is
/// returned (a unique index, a `THROW`), and nothing is written.
pub async fn execute_atomically(db: &Db, statements: Vec<Statement>) -> Result<(), DbError> {
    let mut sql = String::from("BEGIN TRANSACTION;\n");
    let mut bindings = Vec::new();
    for statement in statements {
        sql.push_str(statement.sql.trim().trim_end_matches(';'));
        sql.push_str(";\n");
        bindings.extend(statement.bindings);
    }
    sql.push_str("COMMIT TRANSACTION;");
    execute(db, &sql, bindings).await
}

/// The error that made a query fail. In a failed transaction every other statement
/// reports only "not executed due to a failed transaction"; the statement that
/// really failed says why.
pub fn first_cause(
    errors: std::collections::HashMap<usize, surrealdb::Error>,
) -> Option<surrealdb::Error> {
    let mut errors: Vec<(usize, surrealdb::Error)> = errors.into_iter().collect();
    errors.sort_by_key(|(index, _)| *index);
    let is_placeholder = |error: &surrealdb::Error| {
        error
            .message()
            .contains("not executed due to a failed transaction")
    };
    let cause = errors.iter().position(|(_, error)| !is_placeholder(error));
    match cause {
        Some(position) => Some(errors.swap_remove(position).1),
        None => errors.into_iter().next().map(|(_, error)| error),
    }
}

/// Converts a query result (one row, many rows, or none) into rows of `T`.
fn decode<T: DeserializeOwned>(value: Value) -> Result<Vec<T>, DbError> {
    let json = value.into_json_value();
    let rows = match json {
        serde_json::Value::Array(rows) => rows,
        serde_json::Value::Null => Vec::new(),
        one => vec![one],
    };
    rows.into_iter()
        .map(|row| serde_json::from_value(row).map_err(|error| DbError::Decode(error.to_string())))
        .collect()
}

/// A value bound into a query.
pub struct Binding(Value);

impl Binding {
    /// Any serde value. JSON `null` (a Rust `None`) becomes SurrealDB's `NONE`, which
    /// is what `option<…>` fields accept.
    pub fn of<T: serde::Serialize>(value: &T) -> Binding {
        Binding(from_json(
            serde_json::to_value(value).unwrap_or(serde_json::Value::Null),
        ))
    }

    /// A reference to the record `table:key`.
    #[must_use]
    pub fn record(table: &'static str, key: &str) -> Binding {
        Binding(record(table, key).into_value())
    }

    /// A reference to the record `table:[parts…]`, whose key is an array: no
    /// separator inside the parts can make two keys collide.
    #[must_use]
    pub fn record_of_parts(table: &'static str, parts: &[&str]) -> Binding {
        let key: Vec<Value> = parts
            .iter()
            .map(|part| Value::String((*part).to_owned()))
            .collect();
        Binding(
            RecordId::new(
                table,
                surrealdb::types::RecordIdKey::Array(Array::from(key)),
            )
            .into_value(),
        )
    }

    /// A reference to the record `id` names, in its own table.
    #[must_use]
    pub fn id<T: Table>(id: &T) -> Binding {
        Binding::record(T::NAME, id.key())
    }

    /// References to the records `ids` name, in order.
    #[must_use]
    pub fn ids<T: Table>(ids: &[T]) -> Binding {
        Binding(Value::Array(Array::from(
            ids.iter()
                .map(|id| record(T::NAME, id.key()).into_value())
                .collect::<Vec<_>>(),
        )))
    }

    /// A reference to the record `id` names, or `NONE`.
    #[must_use]
    pub fn optional_id<T: Table>(id: Option<&T>) -> Binding {
        Binding(optional_record(T::NAME, id.map(Table::key)).into_value())
    }

    /// A reference to `table:key`, or `NONE`.
    #[must_use]
    pub fn optional_record(table: &'static str, key: Option<&str>) -> Binding {
        Binding(optional_record(table, key).into_value())
    }

    /// References to the records `table:key` for each key, in order.
    #[must_use]
    pub fn records(table: &'static str, keys: &[String]) -> Binding {
        Binding(Value::Array(Array::from(
            keys.iter()
                .map(|key| record(table, key).into_value())
                .collect::<Vec<_>>(),
        )))
    }

    /// A stage's rubric as stored: its criteria, or an empty list for a stage
    /// that is not scored.
    #[must_use]
    pub fn rubric(rubric: Option<&domain::scoring::Rubric>) -> Binding {
        match rubric {
            Some(rubric) => Binding::of(rubric),
            None => Binding::of(&Vec::<domain::scoring::Criterion>::new()),
        }
    }

    /// A point in time, or `NONE`.
    #[must_use]
    pub fn optional_datetime(at: Option<jiff::Timestamp>) -> Binding {
        at.map_or(Binding(Value::None), Binding::datetime)
    }

    /// A point in time, stored as a SurrealDB datetime.
    #[must_use]
    pub fn datetime(at: jiff::Timestamp) -> Binding {
        let nanos = at.subsec_nanosecond().unsigned_abs();
        Binding(
            surrealdb::types::Datetime::from_timestamp(at.as_second(), nanos)
                .map_or(Value::None, SurrealValue::into_value),
        )
    }
}

fn from_json(json: serde_json::Value) -> Value {
    match json {
        serde_json::Value::Null => Value::None,
        serde_json::Value::Bool(flag) => Value::Bool(flag),
        serde_json::Value::Number(number) => match number.as_i64() {
            Some(int) => int.into_value(),
            None => number.as_f64().unwrap_or(0.0).into_value(),
        },
        serde_json::Value::String(text) => Value::String(text),
        serde_json::Value::Array(items) => Value::Array(Array::from(
            items.into_iter().map(from_json).collect::<Vec<_>>(),
        )),
        serde_json::Value::Object(map) => Value::Object(Object::from(
            map.into_iter()
                .map(|(key, value)| (key, from_json(value)))
                .collect::<std::collections::BTreeMap<_, _>>(),
        )),
    }
}

/// Shorthand for building a binding list: `binds![("name", Binding::of(&name))]`.
#[macro_export]
macro_rules! binds {
    ($(($name:literal, $value:expr)),* $(,)?) => {
        vec![$(($name, $value)),*]
    };
}

/// Whether a database error is a unique-index violation, and on which index.
pub fn unique_violation(error: &surrealdb::Error) -> Option<String> {
    let message = error.message();
    if error.is_already_exists() || message.contains("already contains") {
        let index = message
            .split('`')
            .nth(1)
            .map(str::to_owned)
            .unwrap_or_default();
        Some(index)
    } else {
        None
    }
}

/// Serde helper: a list of record references as their keys (or typed ids).
pub fn de_keys<'de, D: serde::Deserializer<'de>, K: From<String>>(
    deserializer: D,
) -> Result<Vec<K>, D::Error> {
    let raw = <Option<Vec<String>> as serde::Deserialize>::deserialize(deserializer)?;
    Ok(raw
        .unwrap_or_default()
        .iter()
        .map(|raw| K::from(key_of(raw)))
        .collect())
}

/// The key part of a record id as SurrealDB prints it: `user:abc` → `abc`,
/// `organisation:⟨pkm-janti⟩` → `pkm-janti`. Plain strings pass unchanged.
#[must_use]
pub fn key_of(raw: &str) -> String {
    let key = raw.split_once(':').map_or(raw, |(_, key)| key);
    let key = key
        .strip_prefix('⟨')
        .and_then(|key| key.strip_suffix('⟩'))
        .or_else(|| key.strip_prefix('`').and_then(|key| key.strip_suffix('`')))
        .unwrap_or(key);
    key.replace("\\⟩", "⟩").replace("\\`", "`")
}

/// `#[serde(deserialize_with = "records::de_key")]` for a record id field: its
/// key, as a `String` or as the domain's id type.
pub fn de_key<'de, D: serde::Deserializer<'de>, K: From<String>>(
    deserializer: D,
) -> Result<K, D::Error> {
    let raw = <String as serde::Deserialize>::deserialize(deserializer)?;
    Ok(K::from(key_of(&raw)))
}

/// `#[serde(default, deserialize_with = "records::de_opt_key")]` for an optional record link.
pub fn de_opt_key<'de, D: serde::Deserializer<'de>, K: From<String>>(
    deserializer: D,
) -> Result<Option<K>, D::Error> {
    let raw = <Option<String> as serde::Deserialize>::deserialize(deserializer)?;
    Ok(raw.as_deref().map(|raw| K::from(key_of(raw))))
}

/// A domain id type and the table its records live in: `Binding::id(&entry)`
/// binds `entry:⟨key⟩` without the table's name being written at the call.
pub trait Table {
    /// The table's name.
    const NAME: &'static str;

    /// The record's key.
    fn key(&self) -> &str;
}

/// Names the table of each record id type.
macro_rules! tables {
    ($($id:ident => $table:literal),* $(,)?) => {$(
        impl Table for domain::ids::$id {
            const NAME: &'static str = $table;

            fn key(&self) -> &str {
                self.as_str()
            }
        }
    )*};
}

tables! {
    EntryId => "entry",
    EditionId => "edition",
    EvidenceId => "evidence",
    MailId => "mail",
    ObjectionId => "objection",
    PublicationId => "publication",
    InnovationId => "innovation",
    OrgId => "organisation",
    StageId => "stage",
    UserId => "user",
    VoteId => "vote",
    VisitId => "field_visit",
    FieldPhotoId => "field_photo",
}

/// `#[serde(with = "records::stored_rubric")]` for a stage's rubric: stored as a
/// list of criteria, empty for a stage that is not scored. A stored rubric was
/// checked when it was written, so one that no longer passes `Rubric`'s checks
/// is a decode error, not a page that scores on it.
pub mod stored_rubric {
    use domain::scoring::{Criterion, Rubric};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    /// Writes the criteria, or an empty list for no rubric.
    pub fn serialize<S: Serializer>(
        rubric: &Option<Rubric>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match rubric {
            Some(rubric) => rubric.serialize(serializer),
            None => Vec::<Criterion>::new().serialize(serializer),
        }
    }

    /// Reads the criteria; an empty (or missing) list is no rubric.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Rubric>, D::Error> {
        let criteria = Option::<Vec<Criterion>>::deserialize(deserializer)?.unwrap_or_default();
        if criteria.is_empty() {
            return Ok(None);
        }
        Rubric::new(criteria)
            .map(Some)
            .map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::key_of;

    #[test]
    fn keys_are_read_from_printed_record_ids() {
        assert_eq!(key_of("user:abc123"), "abc123");
        assert_eq!(key_of("organisation:⟨pkm-janti⟩"), "pkm-janti");
        assert_eq!(key_of("organisation:`pkm-janti`"), "pkm-janti");
        assert_eq!(key_of("plain"), "plain");
    }
}
