# Sourced by scripts/bench: the scoring engine benchmark.
#
# app/domain/benches/scoring.rs times `evaluate_stage` (sheet totals, z-score
# aggregation and ranking) on one stage of 2,000 entries in 10 categories, 60
# judges, 10 criteria and 10,000 sheets, with criterion. When JUARA_BENCH_OUT and
# CRITERION_HOME are set, the bench binary itself reads criterion's median estimate
# and writes the report, so no JSON tool is needed here.

# bench_scoring OUT_FILE — runs the benchmark and writes OUT_FILE.
bench_scoring() {
  local out="$1"
  rm -f "$out"
  (
    cd "$root"
    JUARA_BENCH_OUT="$out" CRITERION_HOME="$CARGO_TARGET_DIR/criterion" \
      cargo bench -p domain --bench scoring
  )
  if [ ! -s "$out" ]; then
    echo "scripts/bench: the scoring benchmark ran but wrote no $out" >&2
    return 1
  fi
  echo "==> $out"
  cat "$out"
}
