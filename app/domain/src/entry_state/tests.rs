use super::*;

fn stage(key: &str) -> StageKey {
    StageKey::from(key)
}

fn all_states() -> Vec<EntryState> {
    use EntryState as S;
    vec![
        S::Draft,
        S::Returned {
            comment: "Tambah data".into(),
        },
        S::Endorsed,
        S::Submitted,
        S::ScreenedIn,
        S::ScreenedOut {
            reason: "Umur < 1 tahun".into(),
        },
        S::Advanced {
            stage: stage("desk"),
        },
        S::Eliminated {
            stage: stage("desk"),
        },
        S::Winner {
            tier: "Juara 1".into(),
        },
        S::NotSelected,
        S::Withdrawn,
        S::Disqualified {
            reason: "Plagiat".into(),
        },
    ]
}

fn all_events() -> Vec<EntryEvent> {
    use EntryEvent as E;
    vec![
        E::Endorse,
        E::Return {
            comment: "Perbaiki ringkasan".into(),
        },
        E::Revise,
        E::Submit,
        E::ScreenIn,
        E::ScreenOut {
            reason: "Tidak lengkap".into(),
        },
        E::Advance {
            stage: stage("desk"),
            previous: None,
        },
        E::Eliminate {
            stage: stage("desk"),
            previous: None,
        },
        E::Advance {
            stage: stage("presentasi"),
            previous: Some(stage("desk")),
        },
        E::Eliminate {
            stage: stage("presentasi"),
            previous: Some(stage("desk")),
        },
        E::Award {
            tier: "Juara 2".into(),
        },
        E::NotSelect,
        E::Withdraw,
        E::Disqualify {
            reason: "Data palsu".into(),
        },
    ]
}

/// Every allowed (state, event) pair and its result; every other pair is refused.
fn allowed() -> Vec<(&'static str, &'static str, EntryState)> {
    use EntryState as S;
    let returned = S::Returned {
        comment: "Perbaiki ringkasan".into(),
    };
    let out = S::ScreenedOut {
        reason: "Tidak lengkap".into(),
    };
    let adv = |s: &str| S::Advanced { stage: stage(s) };
    let elim = |s: &str| S::Eliminated { stage: stage(s) };
    let won = S::Winner {
        tier: "Juara 2".into(),
    };
    let dq = S::Disqualified {
        reason: "Data palsu".into(),
    };
    vec![
        ("draft", "endorse", S::Endorsed),
        ("draft", "return for revision", returned.clone()),
        ("draft", "withdraw", S::Withdrawn),
        ("returned", "reopen as a draft", S::Draft),
        ("returned", "withdraw", S::Withdrawn),
        ("endorsed", "return for revision", returned.clone()),
        ("endorsed", "submit", S::Submitted),
        ("endorsed", "withdraw", S::Withdrawn),
        ("submitted", "return for revision", returned),
        ("submitted", "screen in", S::ScreenedIn),
        ("submitted", "screen out", out.clone()),
        ("submitted", "withdraw", S::Withdrawn),
        ("submitted", "disqualify", dq.clone()),
        ("screened_in", "screen out", out),           // correction
        ("screened_out", "screen in", S::ScreenedIn), // correction
        ("screened_in", "advance desk", adv("desk")),
        ("screened_in", "eliminate desk", elim("desk")),
        ("screened_in", "withdraw", S::Withdrawn),
        ("screened_in", "disqualify", dq.clone()),
        ("advanced", "eliminate desk", elim("desk")), // correction
        ("advanced", "advance presentasi", adv("presentasi")),
        ("advanced", "eliminate presentasi", elim("presentasi")),
        ("advanced", "award", won),
        ("advanced", "close without an award", S::NotSelected),
        ("advanced", "withdraw", S::Withdrawn),
        ("advanced", "disqualify", dq.clone()),
        ("eliminated", "advance desk", adv("desk")), // correction
        ("eliminated", "disqualify", dq.clone()),
        ("winner", "disqualify", dq.clone()),
        ("not_selected", "disqualify", dq),
    ]
}

fn label(event: &EntryEvent) -> String {
    match event {
        EntryEvent::Advance { stage, .. } | EntryEvent::Eliminate { stage, .. } => {
            format!("{} {stage}", event.describe())
        }
        _ => event.describe().to_owned(),
    }
}

#[test]
fn transition_table_is_exactly_the_design() {
    let allowed = allowed();
    let mut seen = 0;
    for state in all_states() {
        for event in all_events() {
            let expected = allowed
                .iter()
                .find(|(s, e, _)| *s == state.name() && *e == label(&event));
            let result = apply(&state, &event);
            match expected {
                Some((_, _, next)) => {
                    seen += 1;
                    assert_eq!(
                        result.as_ref(),
                        Ok(next),
                        "{} + {}",
                        state.name(),
                        label(&event)
                    );
                }
                None => assert!(
                    result.is_err(),
                    "{} + {} should be refused, gave {result:?}",
                    state.name(),
                    label(&event)
                ),
            }
        }
    }
    assert_eq!(seen, allowed.len(), "every allowed pair was exercised");
}

#[test]
fn stage_order_is_checked() {
    let advanced_desk = EntryState::Advanced {
        stage: stage("desk"),
    };
    // Deciding the field visit straight after desk, skipping presentasi.
    assert_eq!(
        advance(&advanced_desk, &stage("visit"), Some(&stage("presentasi"))),
        Err(TransitionError::StageOutOfOrder {
            stage: stage("visit"),
            state: "advanced".into(),
            needed: "advance from stage \"presentasi\"".into(),
        })
    );
    assert_eq!(
        advance(&EntryState::Submitted, &stage("desk"), None)
            .map_err(|e| e.to_string()),
        Err("cannot decide stage \"desk\" for an entry in state \"submitted\": it must first be screened in".into())
    );
    // Advancing twice from the same stage is not a correction.
    assert!(advance(&advanced_desk, &stage("desk"), None).is_err());
}

#[test]
fn texts_are_required_and_trimmed() {
    assert_eq!(
        screen_out(&EntryState::Submitted, " \n"),
        Err(TransitionError::MissingText {
            action: "screen out".into(),
            field: "reason".into()
        })
    );
    assert_eq!(
        award(&EntryState::Advanced { stage: stage("p") }, "").map_err(|e| e.to_string()),
        Err("to award an entry, a tier is required".into())
    );
    assert_eq!(
        return_for_revision(&EntryState::Draft, "  Lengkapi foto  "),
        Ok(EntryState::Returned {
            comment: "Lengkapi foto".into()
        })
    );
}

#[test]
fn refusal_message() {
    assert_eq!(
        submit(&EntryState::Draft).map_err(|e| e.to_string()),
        Err("cannot submit an entry in state \"draft\"".into())
    );
}

#[test]
fn states_and_events_serialise_with_snake_case_tags() -> Result<(), serde_json::Error> {
    let cases = [
        (EntryState::Draft, r#"{"state":"draft"}"#),
        (EntryState::ScreenedIn, r#"{"state":"screened_in"}"#),
        (
            EntryState::ScreenedOut { reason: "x".into() },
            r#"{"state":"screened_out","reason":"x"}"#,
        ),
        (
            EntryState::Advanced {
                stage: stage("desk"),
            },
            r#"{"state":"advanced","stage":"desk"}"#,
        ),
        (
            EntryState::Winner { tier: "1".into() },
            r#"{"state":"winner","tier":"1"}"#,
        ),
        (EntryState::NotSelected, r#"{"state":"not_selected"}"#),
    ];
    for (state, json) in cases {
        assert_eq!(serde_json::to_string(&state)?, json);
        assert_eq!(serde_json::from_str::<EntryState>(json)?, state);
        assert!(json.contains(state.name()));
    }
    assert_eq!(
        serde_json::to_string(&EntryEvent::ScreenOut { reason: "x".into() })?,
        r#"{"action":"screen_out","reason":"x"}"#
    );
    Ok(())
}
