//! What the committee decides on an objection to a stage's results.

crate::keyed_enum! {
    /// The committee's answer to an objection.
    pub enum ObjectionOutcome in "objection outcome" {
        /// The objection stands: the committee acts on it (a decision is
        /// revisited, an entry disqualified).
        Upheld = "upheld",
        /// The objection does not stand; the results do.
        Rejected = "rejected",
    }
}
