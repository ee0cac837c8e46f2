//! The audit log, for the committee (admins and observers read it; nobody
//! changes it).

use crate::error::AppError;
use leptos::prelude::*;

/// One page of the audit log, filtered; admins and observers (who may read
/// everything and change nothing).
#[server(prefix = "/api", endpoint = "load_audit_log")]
pub async fn load_audit_log(
    #[server(default)] action: String,
    #[server(default)] target: String,
    #[server(default)] actor: String,
    #[server(default)] before: String,
) -> Result<Vec<crate::model::AuditRow>, AppError> {
    use crate::api::guard::{require, respond, state};
    use crate::backend::service::audit_log::{self, Filter};
    use domain::role::Role;
    require(&[Role::Admin, Role::Observer]).await?;
    let filter = Filter {
        action,
        target,
        actor,
        before,
    };
    respond(audit_log::page(&state()?.db, &filter).await)
}
