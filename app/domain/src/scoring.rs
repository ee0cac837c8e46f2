//! The scoring engine: DESIGN.md "Scoring — the exact rules", rules 1 to 6.
//!
//! Everything here is pure arithmetic on plain data, so the server and a judge's
//! tablet (compiled to wasm) compute the very same numbers. The pieces, in the order
//! a stage is evaluated:
//!
//! | rule | module | main function |
//! |---|---|---|
//! | rubric (criteria, weights, scales) | [`rubric`] | [`Rubric::new`] |
//! | 1. sheet total | [`sheet`] | [`sheet_total`], [`score_sheet`] |
//! | 2. stage score (`mean`, `trimmed_mean`, `zscore`) | [`aggregation`] | [`aggregate`] |
//! | 3. ranking with tie-breaks | [`ranking`] | [`rank`] |
//! | 1–3 in one call | [`stage`] | [`evaluate_stage`] |
//! | 4. advancement | [`advancement`] | [`decide_advancement`] |
//! | 5. final ranking | [`mod@final_ranking`] | [`final_ranking()`] |
//! | 6. display rounding | [`rounding`] | [`round2`] |
//! | judge calibration, agreement | [`calibration`] | [`calibrate`] |
//!
//! Entries, judges and categories are identified by the string newtypes below; the
//! server maps its record ids into them and back. Only *submitted* sheets are ever
//! passed in: drafts never count.

pub mod advancement;
pub mod aggregation;
pub mod calibration;
mod dense;
pub mod final_ranking;
pub mod ranking;
pub mod rounding;
pub mod rubric;
pub mod sheet;
pub mod stage;

pub use advancement::{
    AdvancementDecision, AdvancementError, AdvancementRule, ManualSelection, decide_advancement,
};
pub use aggregation::{Aggregation, AggregationError, EntryScore, SheetTotal, aggregate};
pub use calibration::{
    Agreement, AgreementStatistic, CalibrationConfig, EntrySpread, JudgeCalibration,
    StageCalibration, calibrate,
};
pub use final_ranking::{
    FinalRankingError, FinalRule, StageScores, StageWeight, final_ranking,
    final_ranking_after_field,
};
pub use ranking::{RankInput, RankedEntry, rank, tie_break_values};
pub use rounding::round2;
pub use rubric::{Criterion, CriterionKey, Level, Rubric, RubricError, Scale};
pub use sheet::{
    LiveTotal, SheetError, SheetScore, SheetState, SheetValues, check_value, live_total,
    score_sheet, sheet_total, submit_sheet,
};
pub use stage::{StageEntry, StageError, StageResult, StageSheet, evaluate_stage};

use crate::string_id;

pub use crate::ids::EntryId;

/// Two scores (or tie-break values) closer than this are equal (DESIGN rule 3).
pub const EQUALITY_TOLERANCE: f64 = 1e-9;

string_id!(
    /// A judge, as the scoring engine sees it (the server's user id, or `J1`, `J2`, …).
    JudgeId
);
string_id!(
    /// A category of an edition (`kesehatan`, `pendidikan`, …): ranking is per category.
    CategoryId
);
string_id!(
    /// A stage of an edition (`desk`, `presentation`, …).
    StageKey
);
