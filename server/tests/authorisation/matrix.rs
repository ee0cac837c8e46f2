//! The table's terms: who each caller is, the sets of callers rows allow, and
//! how a row is written and read. The rows themselves are in
//! `server_function_rows.rs` and `route_and_page_rows.rs`.

use Who::*;
use http::Method;

pub(super) const PASSWORD: &str = "juara-demo-2026";

/// A caller, by relation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Who {
    Anonymous,
    Admin,
    Observer,
    CoordinatorOwn,
    InnovatorOwn,
    CoordinatorParent,
    InnovatorParent,
    CoordinatorOther,
    InnovatorOther,
    JudgeAssigned,
    JudgeRecused,
    JudgeOther,
}

pub(super) const EVERYONE: &[Who] = &[
    Anonymous,
    Admin,
    Observer,
    CoordinatorOwn,
    InnovatorOwn,
    CoordinatorParent,
    InnovatorParent,
    CoordinatorOther,
    InnovatorOther,
    JudgeAssigned,
    JudgeRecused,
    JudgeOther,
];
pub(super) const SIGNED_IN: &[Who] = &[
    Admin,
    Observer,
    CoordinatorOwn,
    InnovatorOwn,
    CoordinatorParent,
    InnovatorParent,
    CoordinatorOther,
    InnovatorOther,
    JudgeAssigned,
    JudgeRecused,
    JudgeOther,
];
pub(super) const COMMITTEE: &[Who] = &[Admin, Observer];
pub(super) const ADMIN: &[Who] = &[Admin];
pub(super) const ENTRANTS: &[Who] = &[
    CoordinatorOwn,
    InnovatorOwn,
    CoordinatorParent,
    InnovatorParent,
    CoordinatorOther,
    InnovatorOther,
];
pub(super) const JUDGES: &[Who] = &[JudgeAssigned, JudgeRecused, JudgeOther];
/// The team of the demo's first field visit (juri1 and juri2).
pub(super) const VISIT_TEAM: &[Who] = &[JudgeAssigned, JudgeRecused];
/// Who may read that visit: its team and the committee.
pub(super) const VISIT_READERS: &[Who] = &[Admin, Observer, JudgeAssigned, JudgeRecused];
/// Who may write E: its own organisation, and the coordinator above it.
pub(super) const WRITERS_OF_E: &[Who] = &[CoordinatorOwn, InnovatorOwn, CoordinatorParent];
/// Who may read E: its writers and the committee.
pub(super) const READERS_OF_E: &[Who] = &[
    Admin,
    Observer,
    CoordinatorOwn,
    InnovatorOwn,
    CoordinatorParent,
];
/// Who may review E: its coordinator and the one above.
pub(super) const REVIEWERS_OF_E: &[Who] = &[CoordinatorOwn, CoordinatorParent];
/// Who may read E's evidence: its readers and the judge assigned to it.
pub(super) const EVIDENCE_OF_E: &[Who] = &[
    Admin,
    Observer,
    CoordinatorOwn,
    InnovatorOwn,
    CoordinatorParent,
    JudgeAssigned,
];
/// Who may score K.
pub(super) const SCORERS_OF_K: &[Who] = &[JudgeAssigned];

impl Who {
    pub(super) fn email(self) -> Option<&'static str> {
        Some(match self {
            Anonymous => return None,
            Admin => "panitia@juara.test",
            Observer => "inspektorat@juara.test",
            CoordinatorOwn => "koordinator.pkm-janti@juara.test",
            InnovatorOwn => "inovator.janti@juara.test",
            CoordinatorParent => "koordinator.dinkes@juara.test",
            InnovatorParent => "inovator.dinkes@juara.test",
            CoordinatorOther => "koordinator.dishub@juara.test",
            InnovatorOther => "inovator.dishub@juara.test",
            JudgeAssigned => "juri1@juara.test",
            JudgeRecused => "juri2@juara.test",
            JudgeOther => "juri4@juara.test",
        })
    }
}

/// How an answer is read.
#[derive(Debug, Clone, Copy)]
pub(super) enum Reading {
    /// Refused: 401 or 403.
    Status,
    /// A page: refused is a redirect to the sign-in page, or 403.
    Page,
    /// The evidence forms redirect back with `upload_error=forbidden`, or to
    /// the sign-in page, when refused.
    UploadRedirect,
    /// An endless event stream: read the status only.
    Stream,
    /// Sign-in with a wrong password: everyone may try, everyone is told 401.
    BadCredentials,
}

/// One row: what is called and who may call it.
pub(super) struct Row {
    /// `/api/x`, a route as the router names it, or a page path.
    pub(super) name: &'static str,
    pub(super) method: Method,
    /// The request path, with `{placeholders}` (see `Context::fill`).
    pub(super) path: &'static str,
    pub(super) body: Payload,
    pub(super) allowed: &'static [Who],
    pub(super) reading: Reading,
}

pub(super) enum Payload {
    None,
    Form(&'static str),
    Json(&'static str),
    NotAPdf,
}

pub(super) fn api(endpoint: &'static str, form: &'static str, allowed: &'static [Who]) -> Row {
    Row {
        name: endpoint,
        method: Method::POST,
        path: endpoint,
        body: Payload::Form(form),
        allowed,
        reading: Reading::Status,
    }
}

pub(super) fn json(endpoint: &'static str, body: &'static str, allowed: &'static [Who]) -> Row {
    Row {
        body: Payload::Json(body),
        ..api(endpoint, "", allowed)
    }
}

pub(super) fn route(name: &'static str, path: &'static str, allowed: &'static [Who]) -> Row {
    Row {
        name,
        method: Method::GET,
        path,
        body: Payload::None,
        allowed,
        reading: Reading::Status,
    }
}

pub(super) fn page(name: &'static str, path: &'static str, allowed: &'static [Who]) -> Row {
    Row {
        reading: Reading::Page,
        ..route(name, path, allowed)
    }
}
