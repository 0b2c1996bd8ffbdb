# casectl assign: hand a case to another worker (担当変更). `worker` changes and `assignments`
# keeps the history {date, by, from, to, reason}; one commit, status unchanged. Refused: an
# unknown or retired worker, the worker already in charge. validate: the last handover names the
# worker in charge, each handover starts where the previous one ended.

bats_require_minimum_version 1.5.0
load helpers

# Registers worker ito (a case worker) in $DIR.
@test "assign hands the case over: worker changes, the handover is kept, one commit, exact content" {
  case_at active
  add_ito
  day 2026-11-15
  snapshot
  run --separate-stderr cs --worker tanaka assign "$ID" ito --reason leave --date 2026-11-14
  EVENT_DATE=2026-11-14 assert_committed "assign $ID: handed from sato to ito (leave)" active tanaka
  assert_commit_files "$(case_file)"
  assert_output "assign $ID: handed from sato to ito (leave) (status active)"
  run grep '^worker: ' "$DIR/$(case_file)"
  assert_output "worker: ito"
  run grep -A6 '^assignments:$' "$DIR/$(case_file)"
  assert_output "assignments:
  - date: 2026-11-14
    by: tanaka
    from: sato
    to: ito
    reason: leave"
  run --separate-stderr cs validate "$ID"
  assert_success
}

@test "a second handover starts where the first ended; the reason by its Japanese label (休暇)" {
  case_at active
  add_ito
  day 2026-11-15
  cs assign "$ID" ito --reason transfer >/dev/null
  snapshot
  run --separate-stderr cs assign "$ID" sato --reason 休暇
  assert_committed "assign $ID: handed from ito to sato (leave)" active
  [ "$(json_of 'r["worker"]')" = sato ]
  [ "$(json_of '" ".join(a["from"] + ">" + a["to"] + ":" + a["reason"] for a in r["assignments"])')" = \
    "sato>ito:transfer ito>sato:leave" ]
  [ "$(json_of 'r["assignments"][1]["date"]')" = 2026-11-15 ]
}

@test "assign to an unknown worker is refused (assignment.worker-unknown), nothing written" {
  case_at active
  snapshot
  run --separate-stderr cs assign "$ID" nobody --reason transfer
  assert_refused assignment.worker-unknown "assignments[0].to"
}

@test "assign to a retired worker is refused (assignment.worker-retired), nothing written" {
  case_at active
  add_ito
  cs --worker tanaka worker retire ito >/dev/null
  snapshot
  run --separate-stderr cs assign "$ID" ito --reason transfer
  assert_refused assignment.worker-retired "assignments[0].to" "'ito'"
}

@test "assign to the worker already in charge is refused (assignment.already-in-charge), nothing written" {
  case_at active
  snapshot
  run --separate-stderr cs assign "$ID" sato --reason workload
  assert_refused assignment.already-in-charge "assignments[0].to"
}

@test "assign without a reason, or with one outside the list, is a usage error (exit 2)" {
  case_at active
  add_ito
  snapshot
  run --separate-stderr cs assign "$ID" ito
  [ "$status" -eq 2 ] || fail "expected exit 2, got $status"
  run --separate-stderr cs assign "$ID" ito --reason boredom
  [ "$status" -eq 2 ] || fail "expected exit 2, got $status"
  assert_unchanged
}

@test "assign on a closed case is refused (status.transition)" {
  case_at closed
  add_ito
  snapshot
  run --separate-stderr cs assign "$ID" ito --reason transfer
  assert_refused status.transition status
}

# ---- validate on hand-broken files ----

handed_over() {
  case_at active
  add_ito
  day 2026-11-15
  cs assign "$ID" ito --reason transfer --date 2026-11-14 >/dev/null
}

@test "validate: worker changed by hand after a handover -> assignment.worker-mismatch" {
  handed_over
  sed -i 's/^worker: ito$/worker: sato/' "$DIR/$(case_file)"
  run --separate-stderr cs validate
  [ "$status" -eq 1 ] || fail "expected exit 1, got $status"
  assert_output --partial "$ID: assignment.worker-mismatch: "
}

@test "validate: a handover whose from is not the previous one's to -> assignment.chain-broken" {
  handed_over
  cs assign "$ID" sato --reason leave >/dev/null
  python3 - "$DIR/$(case_file)" <<'PY'
import sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
t = s.replace("    from: ito\n", "    from: tanaka\n")
assert t != s
open(p, "w", encoding="utf-8").write(t)
PY
  run --separate-stderr cs validate
  [ "$status" -eq 1 ] || fail "expected exit 1, got $status"
  assert_output --partial "$ID: assignment.chain-broken: "
}

@test "validate: a handover to an unregistered worker -> assignment.worker-unknown; reason removed -> reason-required" {
  handed_over
  sed -i -e 's/^    to: ito$/    to: nobody/' -e 's/^worker: ito$/worker: nobody/' -e '/^    reason: transfer$/d' \
    "$DIR/$(case_file)"
  run --separate-stderr cs validate
  [ "$status" -eq 1 ] || fail "expected exit 1, got $status"
  assert_output --partial "$ID: assignment.worker-unknown: "
  assert_output --partial "$ID: assignment.reason-required: "
}

@test "validate: a handover to the same worker -> assignment.already-in-charge" {
  handed_over
  sed -i 's/^    from: sato$/    from: ito/' "$DIR/$(case_file)"
  run --separate-stderr cs validate
  [ "$status" -eq 1 ] || fail "expected exit 1, got $status"
  assert_output --partial "$ID: assignment.already-in-charge: "
}
