# casectl close and casectl reopen: the status table for both, the closure rules of SPEC section 4
# (reason, evaluation, goals-achieved, no-further-action, a supervisor's approval at high risk:
# the supervisor closes, or approves first with `casectl approve`), dates, the commit with
# closure-N.md, and reopenings. Closures are a list (`closures`, issue 8).

bats_require_minimum_version 1.5.0
load helpers

EVAL="Shelter and paediatric follow-up worked"

# ---- accepted ----

@test "close goals-achieved after a review finding every goal achieved: one commit with closure-1.md" {
  case_at achieved
  day 2026-12-11
  snapshot
  run --separate-stderr cs close "$ID" --reason goals-achieved --evaluation "$EVAL" \
    --follow-up "School watches attendance"
  assert_committed "close $ID: closure 1, goals-achieved" closed
  assert_commit_files "$(case_file)" "$(doc_file closure-1.md)"
  assert_private "$(case_file)"
  assert_private "$(doc_file closure-1.md)"
  assert_status closed
  [ "$(json_of 'len(r["closures"])')" = 1 ]
  [ "$(json_of 'r["closures"][0]["n"]')" = 1 ]
  [ "$(json_of 'r["closures"][0]["reason"]')" = goals-achieved ]
  [ "$(json_of 'r["closures"][0]["by"]')" = sato ]
  [ "$(json_of 'r["closures"][0]["date"]')" = 2026-12-11 ]
  [ "$(json_of 'r["closures"][0]["plan"]')" = 1 ]
  # Outcomes default to the latest review's progress.
  [ "$(json_of '" ".join(o["goal"] + ":" + o["status"] for o in r["closures"][0]["outcomes"])')" = \
    "G1:achieved G2:achieved" ]
  grep -qF "$EVAL" "$DIR/$(doc_file closure-1.md)"
  grep -qF "G2: The bruising is examined by a paediatrician" "$DIR/$(doc_file closure-1.md)"
  assert_clean
}

@test "close at risk high after a supervisor's approve: accepted, approval recorded in case.yaml" {
  case_at assessed
  day 2026-11-20
  snapshot
  run --separate-stderr cs --worker tanaka approve "$ID" closure
  assert_committed "approve $ID: approval 1 (closure)" assessed tanaka
  snapshot
  run --separate-stderr cs close "$ID" --reason transferred --evaluation "Family moved; file sent on"
  assert_committed "close $ID: closure 1, transferred, approval 1" closed
  [ "$(json_of 'r["closures"][0]["approval"]')" = 1 ]
  [ "$(json_of '[(a["n"], a["kind"], a["by"]) for a in r["approvals"]]')" = "[(1, 'closure', 'tanaka')]" ]
  sed -n '/^closures:/,/^[a-z]/p' "$DIR/$(case_file)" | grep -q '^    approval: 1$' ||
    fail "closures in case.yaml has no approval: 1"
  grep -qF "Approved by: Tanaka Ken" "$DIR/$(doc_file closure-1.md)"
}

@test "close from a form on stdin" {
  case_at achieved
  day 2026-12-11
  snapshot
  run --separate-stderr cs close "$ID" --file - <<'EOF'
reason: goals-achieved
evaluation: Weekly contact kept the family engaged
follow_up: none
EOF
  assert_committed "close $ID: closure 1, goals-achieved" closed
  [ "$(json_of 'r["closures"][0]["evaluation"]')" = "Weekly contact kept the family engaged" ]
}

# ---- status table ----

@test "close on a closed case is refused naming the status: nothing to close" {
  case_at closed
  day 2026-12-12
  snapshot
  run --separate-stderr cs close "$ID" --reason other --evaluation "again"
  assert_refused status.transition "closed" "nothing to close" "reopen"
}

@test "reopen on an active case is refused: only a closed case can be reopened" {
  case_at active
  day 2026-11-11
  snapshot
  run --separate-stderr cs reopen "$ID" --reason "New report from the school"
  assert_refused status.transition "active" "only a closed case can be reopened" "casectl assess"
}

@test "reopen on an intake case is refused" {
  case_at intake
  snapshot
  run --separate-stderr cs reopen "$ID" --reason "New report from the school"
  assert_refused status.transition "intake" "only a closed case can be reopened"
}

# ---- closure rules ----

@test "a reason is required (close.reason-required lists the reasons)" {
  case_at achieved
  day 2026-12-11
  snapshot
  run --separate-stderr cs close "$ID" --evaluation "$EVAL"
  assert_refused close.reason-required "set reason:" "goals-achieved | no-further-action"
}

@test "an evaluation is required (close.evaluation-required)" {
  case_at achieved
  day 2026-12-11
  snapshot
  run --separate-stderr cs close "$ID" --reason goals-achieved
  assert_refused close.evaluation-required "no evaluation" "what worked"
}

@test "goals-achieved needs every goal achieved in the latest review (close.goals-not-achieved)" {
  case_at reviewed
  day 2026-12-11
  snapshot
  run --separate-stderr cs close "$ID" --reason goals-achieved --evaluation "$EVAL"
  assert_refused close.goals-not-achieved "review 1" "'G1'" "plan 1" "casectl review"
  run --separate-stderr cs close "$ID" --reason client-declined --evaluation "$EVAL"
  assert_committed "close $ID: closure 1, client-declined" closed
}

@test "goals-achieved needs a review of the plan in force (close.no-review)" {
  case_at active
  day 2026-11-20
  snapshot
  # At risk high: the supervisor closes, so no approval is missing.
  run --separate-stderr cs --worker tanaka close "$ID" --reason goals-achieved --evaluation "$EVAL"
  assert_refused close.no-review "plan 1" "casectl review"
}

@test "goals-achieved needs a plan (close.no-plan)" {
  case_at assessed
  day 2026-11-20
  snapshot
  run --separate-stderr cs --worker tanaka close "$ID" --reason goals-achieved --evaluation "$EVAL"
  assert_refused close.no-plan "no plan"
}

@test "no-further-action after an assessment finding safe and low: accepted" {
  case_at intake
  day 2026-11-03
  cs assess "$ID" --file "$STAGE_FORMS/assess-safe-low.yaml" >/dev/null
  day 2026-11-04
  snapshot
  run --separate-stderr cs close "$ID" --reason no-further-action --evaluation "Income restored"
  assert_committed "close $ID: closure 1, no-further-action" closed
  assert_commit_files "$(case_file)" "$(doc_file closure-1.md)"
}

@test "no-further-action is refused when the assessment found more than safe and low" {
  case_at assessed
  day 2026-11-04
  snapshot
  run --separate-stderr cs --worker tanaka close "$ID" --reason no-further-action --evaluation "x"
  assert_refused close.no-further-action "assessment 1" "safety unsafe and risk high"
}

@test "no-further-action is refused at intake: no assessment shows safe and low" {
  case_at intake
  snapshot
  run --separate-stderr cs close "$ID" --reason no-further-action --evaluation "x"
  assert_refused close.no-further-action "the case has none" "casectl assess"
}

@test "no-further-action is refused for an active case (a plan answers the assessment)" {
  case_at reviewed
  day 2026-12-11
  snapshot
  run --separate-stderr cs close "$ID" --reason no-further-action --evaluation "x"
  assert_refused close.no-further-action "plan 1 answers assessment 1"
}

@test "at risk high closing by a worker needs a supervisor's approval (close.approval-required)" {
  case_at assessed
  day 2026-11-20
  snapshot
  run --separate-stderr cs close "$ID" --reason transferred --evaluation "Family moved"
  assert_refused close.approval-required "closures[0].approval" "risk high" "supervisor" \
    "casectl approve ID closure" "closes it themselves"
}

@test "at risk very-high closing needs a supervisor's approval too" {
  case_at intake
  day 2026-11-03
  cs assess "$ID" --file "$STAGE_FORMS/assess-unsafe.yaml" --risk very-high >/dev/null
  day 2026-11-04
  snapshot
  run --separate-stderr cs close "$ID" --reason moved-away --evaluation "Family moved"
  assert_refused close.approval-required "risk very-high"
  cs --worker tanaka approve "$ID" closure >/dev/null
  snapshot
  run --separate-stderr cs close "$ID" --reason moved-away --evaluation "Family moved"
  assert_committed "close $ID: closure 1, moved-away, approval 1" closed
}

@test "an approval by a worker who is not a supervisor is refused (approve.not-supervisor)" {
  case_at assessed
  day 2026-11-20
  snapshot
  run --separate-stderr cs --worker sato approve "$ID" closure
  assert_refused approve.not-supervisor "'sato'" "'worker'" "not supervisor" "only a supervisor approves"
  # Without an approval the worker still cannot close.
  run --separate-stderr cs close "$ID" --reason transferred --evaluation "Family moved"
  assert_refused close.approval-required "risk high"
}

@test "an approval by an unknown worker is a usage error (exit 2) naming the known workers" {
  case_at assessed
  day 2026-11-20
  snapshot
  run --separate-stderr cs --worker suzuki approve "$ID" closure
  [ "$status" -eq 2 ] || fail "expected exit 2 (usage), got $status: $stderr"
  grep -qF "not a worker in casectl.yaml" <<<"$stderr" || fail "stderr: $stderr"
  grep -qF "known workers: sato, tanaka" <<<"$stderr" || fail "stderr: $stderr"
  assert_unchanged
  # No approval was recorded: the worker still cannot close.
  run --separate-stderr cs close "$ID" --reason transferred --evaluation "Family moved"
  assert_refused close.approval-required "risk high"
}

@test "the current risk is the latest review's: lowered to medium, no approval is needed" {
  case_at reviewed
  day 2026-12-11
  snapshot
  run --separate-stderr cs close "$ID" --reason moved-away --evaluation "Family moved away"
  assert_committed "close $ID: closure 1, moved-away" closed
  [ "$(json_of 'r["closures"][0].get("approval")')" = None ]
}

@test "an outcome for a goal the plan does not have is refused (close.outcome-goal-unknown)" {
  case_at achieved
  day 2026-12-11
  snapshot
  run --separate-stderr cs close "$ID" --reason goals-achieved --evaluation "$EVAL" --outcome G9:achieved
  assert_refused close.outcome-goal-unknown "'G9'" "plan 1"
}

@test "two outcomes for the same goal are refused (close.outcome-goal-duplicate)" {
  case_at achieved
  day 2026-12-11
  snapshot
  run --separate-stderr cs close "$ID" --reason goals-achieved --evaluation "$EVAL" \
    --outcome G1:achieved --outcome G1:achieved
  assert_refused close.outcome-goal-duplicate "closures[0].outcomes[1].goal" "two outcomes for goal 'G1'" \
    "one outcome per goal"
  run --separate-stderr cs close "$ID" --reason goals-achieved --evaluation "$EVAL" \
    --outcome G1:achieved --outcome G2:achieved
  assert_committed "close $ID: closure 1, goals-achieved" closed
}

# ---- dates ----

@test "a closure dated after today is refused (dates.future)" {
  case_at achieved
  day 2026-12-11
  snapshot
  run --separate-stderr cs close "$ID" --reason goals-achieved --evaluation "$EVAL" --date 2026-12-12
  assert_refused dates.future "closures[0].date" "closure 1" "2026-12-12"
}

@test "a closure dated before the last review is refused (dates.order)" {
  case_at achieved
  day 2026-12-11
  snapshot
  run --separate-stderr cs close "$ID" --reason goals-achieved --evaluation "$EVAL" --date 2026-12-09
  assert_refused dates.order "closures[0].date" "closure 1" "review 1" "on or after 2026-12-10"
  run --separate-stderr cs close "$ID" --reason goals-achieved --evaluation "$EVAL" --date 2026-12-10
  EVENT_DATE=2026-12-10 assert_committed "close $ID: closure 1, goals-achieved" closed
}

# ---- reopen ----

@test "reopen appends to reopenings, keeps the closure, status intake; the next assess is assessment 2" {
  case_at closed
  day 2027-03-01
  snapshot
  run --separate-stderr cs reopen "$ID" --reason "New bruises reported by the school"
  assert_committed "reopen $ID: reopening 1 of closure 1" intake
  assert_commit_files "$(case_file)"
  assert_status intake
  [ "$(json_of 'len(r["reopenings"])')" = 1 ]
  [ "$(json_of 'r["reopenings"][0]["n"]')" = 1 ]
  [ "$(json_of 'r["reopenings"][0]["date"]')" = 2027-03-01 ]
  [ "$(json_of 'r["reopenings"][0]["by"]')" = sato ]
  [ "$(json_of 'r["reopenings"][0]["closure"]')" = 1 ]
  [ "$(json_of 'r["reopenings"][0]["reason"]')" = "New bruises reported by the school" ]
  [ "$(json_of 'len(r["closures"])')" = 1 ]
  [ "$(json_of 'r["closures"][0]["reason"]')" = goals-achieved ]
  [ "$(json_of 'len(r["assessments"]) + len(r["plans"]) + len(r["reviews"])')" = 3 ]
  day 2027-03-02
  snapshot
  run --separate-stderr cs assess "$ID" --file "$STAGE_FORMS/assess-medium.yaml"
  assert_committed "assess $ID: re-assessment 2, risk medium, safety safe-with-plan" assessed
  [ "$(json_of 'r["assessments"][1]["n"]')" = 2 ]
  git -C "$DIR" log --format=%s | grep -qxF "reopen $ID: reopening 1 of closure 1"
  run git -C "$DIR" log --format=%B
  refute_output --partial "bruises"
}

@test "a second reopening is reopening 2" {
  case_at closed
  day 2027-03-01
  cs reopen "$ID" --reason "First recurrence" >/dev/null
  day 2027-03-02
  cs assess "$ID" --file "$STAGE_FORMS/assess-safe-low.yaml" >/dev/null
  cs close "$ID" --reason no-further-action --evaluation "Checked, all well" >/dev/null
  day 2027-04-01
  snapshot
  run --separate-stderr cs reopen "$ID" --reason "Second recurrence"
  assert_committed "reopen $ID: reopening 2 of closure 2" intake
  [ "$(json_of 'len(r["reopenings"])')" = 2 ]
  [ "$(json_of '[o["closure"] for o in r["reopenings"]]')" = "[1, 2]" ]
}

@test "reopen needs a reason: none is a usage error, an empty one is refused (reopen.reason-required)" {
  case_at closed
  day 2027-03-01
  snapshot
  run --separate-stderr cs reopen "$ID"
  [ "$status" -eq 2 ] || fail "expected exit 2 (usage), got $status: $stderr"
  assert_unchanged
  run --separate-stderr cs reopen "$ID" --reason ""
  assert_refused reopen.reason-required "reopening 1" "--reason"
}

@test "reopen of a closed case whose closure was removed by hand is refused (reopen.no-closure)" {
  case_at closed
  # A committed hand edit drops the closures but leaves status: closed.
  sed -i '/^closures:$/,/^[a-z]/{/^closures:$/d; /^  /d}' "$DIR/$(case_file)"
  grep -q '^closures:' "$DIR/$(case_file)" && fail "the closure is still there"
  git -C "$DIR" commit -qam "hand edit: closure removed"
  day 2027-03-01
  snapshot
  run --separate-stderr cs reopen "$ID" --reason "New report from the school"
  assert_refused reopen.no-closure "reopenings[0]" "reopening 1 follows no closure" \
    "record the closure the reopening follows"
}

@test "a reopening dated after today is refused (dates.future)" {
  case_at closed
  day 2027-03-01
  snapshot
  run --separate-stderr cs reopen "$ID" --reason "New report" --date 2027-03-02
  assert_refused dates.future "reopening 1" "2027-03-02"
}

@test "a reopening dated before the closure is refused, nothing written" {
  case_at closed
  day 2027-03-01
  snapshot
  run --separate-stderr cs reopen "$ID" --reason "New report" --date 2026-12-10
  [ "$status" -eq 3 ] || fail "expected exit 3, got $status: $stderr"
  grep -qF "casectl: $ID: " <<<"$stderr" || fail "stderr names no rule of $ID: $stderr"
  grep -qF "dates.order: reopenings[0].date" <<<"$stderr" || fail "the date typed is not named: $stderr"
  assert_unchanged
}

# ---- the record on disk ----

@test "a hand edit of case.yaml not committed stops close with exit 5, nothing written" {
  case_at achieved
  day 2026-12-11
  hand_edit
  run --separate-stderr cs close "$ID" --reason goals-achieved --evaluation "$EVAL"
  assert_hand_edit_kept
}

@test "a hand edit of case.yaml not committed stops reopen with exit 5, nothing written" {
  case_at closed
  day 2027-03-01
  hand_edit
  run --separate-stderr cs reopen "$ID" --reason "New report"
  assert_hand_edit_kept
}

@test "a closure-2.md made by hand, not committed, stops the second closing: exit 5" {
  # The second closure writes closure-2.md; closure-1.md is never written again (issue 8).
  case_at closed
  day 2027-03-01
  cs reopen "$ID" --reason "First recurrence" >/dev/null
  cs assess "$ID" --file "$STAGE_FORMS/assess-safe-low.yaml" >/dev/null
  echo "Signed: supervisor" >"$DIR/$(doc_file closure-2.md)"
  snapshot
  run --separate-stderr cs close "$ID" --reason no-further-action --evaluation "Checked, all well"
  [ "$status" -eq 5 ] || fail "expected exit 5, got $status: $stderr"
  grep -qF "$(doc_file closure-2.md)" <<<"$stderr" || fail "stderr does not name closure-2.md: $stderr"
  assert_unchanged
}

@test "no personal data in git log: evaluation and follow-up stay in the files" {
  case_at closed
  run git -C "$DIR" log --format='%an%n%ae%n%B'
  assert_success
  refute_output --partial "山田"
  refute_output --partial "Shelter"
  refute_output --partial "paediatric"
  assert_output --partial "close $ID: closure 1, goals-achieved"
}
