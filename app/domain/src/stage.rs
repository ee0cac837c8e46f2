//! What a stage of an edition is: its kind decides what happens in it (entries
//! screened, sheets scored, objections heard), its format how a scoring stage
//! meets the entries (papers at a desk, a presentation, a visit on site).

crate::keyed_enum! {
    /// What a stage does.
    pub enum StageKind in "stage kind" {
        /// Administrative screening of submitted entries.
        Screening = "screening",
        /// Judges fill in score sheets on a rubric.
        Scoring = "scoring",
        /// The public may object to the entries still in play.
        Objection = "objection",
    }
}

crate::keyed_enum! {
    /// How a scoring stage meets the entries.
    pub enum StageFormat in "stage format" {
        /// The proposal and its evidence, read at a desk.
        Desk = "desk",
        /// The innovators present to the panel on a clock.
        Presentation = "presentation",
        /// The panel visits the innovation where it runs.
        FieldVisit = "field_visit",
    }
}
