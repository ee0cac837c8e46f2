//! The domain's integration tests: the scoring rules' worked example and
//! properties, the proposal rules, automatic assignment. One binary, one module
//! per area.

mod assignment_properties;
mod proposal_examples;
mod proposal_properties;
mod scoring_properties;
mod worked_example;
