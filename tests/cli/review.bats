# casectl review: the status table for review, the review rules of SPEC section 4, dates, the
# commit with its review-N.md document. Refusals break one field of
# tests/data/forms/stage/review-continue.yaml (plan 1 of 2026-11-10: goals G1 G2, services S1 S2;
# review dated 2026-12-10, risk medium, next review 2027-01-10).

bats_require_minimum_version 1.5.0
load helpers

# An active case with plan 1, today 2026-12-10 (the review date), snapshot taken.
active_case() {
  case_at active
  day 2026-12-10
  snapshot
}

# review-continue.yaml passed through a sed script, into $T/form.yaml.
broken_review() { sed "$1" "$STAGE_FORMS/review-continue.yaml" >"$T/form.yaml"; }

# ---- accepted ----

@test "review of the plan in force: one commit with review-1.md, status stays active" {
  active_case
  run --separate-stderr cs review "$ID" --file "$STAGE_FORMS/review-continue.yaml"
  assert_committed "review $ID: review 1, decision continue, risk medium" active
  assert_commit_files "$(case_file)" "$(doc_file review-1.md)"
  assert_private "$(case_file)"
  assert_private "$(doc_file review-1.md)"
  assert_status active
  [ "$(json_of 'r["reviews"][0]["n"]')" = 1 ]
  [ "$(json_of 'r["reviews"][0]["plan"]')" = 1 ]
  [ "$(json_of 'r["reviews"][0]["by"]')" = sato ]
  [ "$(json_of 'r["reviews"][0]["date"]')" = 2026-12-10 ]
  [ "$(json_of 'r["reviews"][0]["next_review"]')" = 2027-01-10 ]
  grep -qF "The child lives safely, free from physical harm" "$DIR/$(doc_file review-1.md)"
  grep -qF "One appointment moved" "$DIR/$(doc_file review-1.md)"
  assert_clean
}

@test "review from flags: GOAL:STATUS[:NOTE] and SERVICE:DELIVERED[:NOTE]" {
  active_case
  run --separate-stderr cs review "$ID" --progress "G1:in-progress:Visits going well" \
    --progress G2:achieved --delivered S1:yes --delivered "S2:no:Hospital cancelled" \
    --safety safe-with-plan --risk high --decision continue --next-review 2027-01-05
  assert_committed "review $ID: review 1, decision continue, risk high" active
  [ "$(json_of 'r["reviews"][0]["progress"][0]["note"]')" = "Visits going well" ]
  [ "$(json_of 'r["reviews"][0]["services"][1]["delivered"]')" = no ]
}

@test "decision revise-plan leaves the case active and a revised plan is accepted after it" {
  active_case
  run --separate-stderr cs review "$ID" --file "$STAGE_FORMS/review-continue.yaml" --decision revise-plan
  assert_committed "review $ID: review 1, decision revise-plan, risk medium" active
  assert_status active
  day 2027-01-15
  snapshot
  run --separate-stderr cs plan "$ID" --file "$STAGE_FORMS/plan-2.yaml"
  assert_committed "plan $ID: plan 2, 3 goals, 3 services, next review 2027-02-10" active
}

@test "decision reassess leaves the case active and a re-assessment is accepted after it" {
  active_case
  run --separate-stderr cs review "$ID" --file "$STAGE_FORMS/review-continue.yaml" --decision reassess
  assert_committed "review $ID: review 1, decision reassess, risk medium" active
  assert_status active
  day 2026-12-12
  snapshot
  run --separate-stderr cs assess "$ID" --file "$STAGE_FORMS/assess-medium.yaml"
  assert_committed "assess $ID: re-assessment 2, risk medium, safety safe-with-plan" assessed
}

@test "a second review reviews the plan in force: review 2 of plan 2" {
  case_at reviewed
  day 2027-01-15
  cs plan "$ID" --file "$STAGE_FORMS/plan-2.yaml" >/dev/null
  day 2027-02-10
  snapshot
  run --separate-stderr cs review "$ID" --progress G1:in-progress --progress G2:achieved \
    --progress G3:in-progress --delivered S1:yes --delivered S2:yes --delivered S3:partly \
    --safety safe-with-plan --risk medium --decision continue --next-review 2027-03-15
  assert_committed "review $ID: review 2, decision continue, risk medium" active
  assert_commit_files "$(case_file)" "$(doc_file review-2.md)"
  [ "$(json_of 'r["reviews"][1]["plan"]')" = 2 ]
}

# ---- status table ----

@test "review on an assessed case is refused: a plan comes first" {
  case_at assessed
  day 2026-11-10
  snapshot
  run --separate-stderr cs review "$ID" --file "$STAGE_FORMS/review-continue.yaml"
  assert_refused status.transition "assessed" "record a plan" "casectl plan"
}

@test "review on an intake case is refused: an assessment comes first" {
  case_at intake
  snapshot
  run --separate-stderr cs review "$ID" --file "$STAGE_FORMS/review-continue.yaml"
  assert_refused status.transition "intake" "record an assessment first"
}

@test "review on a closed case is refused naming the status and 'reopen it first'" {
  case_at closed
  day 2026-12-12
  snapshot
  run --separate-stderr cs review "$ID" --file "$STAGE_FORMS/review-continue.yaml"
  assert_refused status.transition "closed" "reopen it first"
}

# ---- review rules ----

@test "a review of a plan the record does not have is refused (review.plan-unknown)" {
  active_case
  { echo "plan: 9"; cat "$STAGE_FORMS/review-continue.yaml"; } >"$T/form.yaml"
  run --separate-stderr cs review "$ID" --file "$T/form.yaml"
  assert_refused review.plan-unknown "reviews[0].plan" "review 1 reviews plan 9" "set plan: 1"
  { echo "plan: 1"; cat "$STAGE_FORMS/review-continue.yaml"; } >"$T/form.yaml"
  run --separate-stderr cs review "$ID" --file "$T/form.yaml"
  assert_committed "review $ID: review 1, decision continue, risk medium" active
}

@test "a review of a plan no longer in force is refused (review.plan-not-in-force)" {
  case_at reviewed
  day 2027-01-15
  cs plan "$ID" --file "$STAGE_FORMS/plan-2.yaml" >/dev/null || fail "plan 2 failed"
  day 2027-02-10
  snapshot
  # Plan 1's goals and services, but plan 2 (of 2027-01-15) is in force.
  { echo "plan: 1"; sed 's/^next_review: .*/next_review: 2027-03-10/' \
    "$STAGE_FORMS/review-continue.yaml"; } >"$T/form.yaml"
  run --separate-stderr cs review "$ID" --file "$T/form.yaml"
  assert_refused review.plan-not-in-force "reviews[1].plan" "review 2 reviews plan 1" \
    "the plan in force is 2" "set plan: 2"
}

@test "a progress status for every goal (review.goal-progress-missing)" {
  active_case
  broken_review '/goal: G2/,+1d'
  run --separate-stderr cs review "$ID" --file "$T/form.yaml"
  assert_refused review.goal-progress-missing "goal 'G2'" "add {goal: 'G2', status:"
  run --separate-stderr cs review "$ID" --file "$T/form.yaml" --progress G2:not-started
  assert_committed "review $ID: review 1, decision continue, risk medium" active
}

@test "a delivery status for every service (review.service-delivery-missing)" {
  active_case
  broken_review '/service: S2/,+2d'
  run --separate-stderr cs review "$ID" --file "$T/form.yaml"
  assert_refused review.service-delivery-missing "service 'S2'" "add {service: 'S2', delivered:"
  run --separate-stderr cs review "$ID" --file "$T/form.yaml" --delivered S2:no
  assert_committed "review $ID: review 1, decision continue, risk medium" active
}

@test "progress for a goal the plan does not have is refused (review.goal-unknown)" {
  active_case
  broken_review 's/goal: G2/goal: G9/'
  run --separate-stderr cs review "$ID" --file "$T/form.yaml"
  assert_refused review.goal-unknown "goal 'G9'" "name a goal of plan 1"
  assert_refused review.goal-progress-missing "goal 'G2'"
}

@test "delivery of a service the plan does not have is refused (review.service-unknown)" {
  active_case
  broken_review 's/service: S2/service: S7/'
  run --separate-stderr cs review "$ID" --file "$T/form.yaml"
  assert_refused review.service-unknown "service 'S7'" "name a service of plan 1"
}

@test "progress for the same goal twice is refused (review.goal-duplicate)" {
  active_case
  broken_review 's/- goal: G2/- goal: G1/'
  run --separate-stderr cs review "$ID" --file "$T/form.yaml"
  assert_refused review.goal-duplicate "reviews[0].progress[1].goal" "goal 'G1' twice" \
    "one progress entry per goal"
}

@test "delivery of the same service twice is refused (review.service-duplicate)" {
  active_case
  broken_review 's/- service: S2/- service: S1/'
  run --separate-stderr cs review "$ID" --file "$T/form.yaml"
  assert_refused review.service-duplicate "reviews[0].services[1].service" "service 'S1' twice" \
    "one delivery entry per service"
}

@test "every progress entry has a status (review.progress-status-required lists the statuses)" {
  active_case
  broken_review '/^    status: achieved$/d'
  run --separate-stderr cs review "$ID" --file "$T/form.yaml"
  assert_refused review.progress-status-required "reviews[0].progress[1].status" \
    "progress entry 2 of review 1" "set status: not-started | in-progress | achieved | not-achieved"
}

@test "every delivery entry says whether it was delivered (review.delivered-required)" {
  active_case
  broken_review '/^    delivered: partly$/d'
  run --separate-stderr cs review "$ID" --file "$T/form.yaml"
  assert_refused review.delivered-required "reviews[0].services[1].delivered" \
    "delivery entry 2 of review 1" "set delivered: yes | partly | no"
}

@test "a decision is required (review.decision-required lists the decisions)" {
  active_case
  broken_review '/^decision:/d'
  run --separate-stderr cs review "$ID" --file "$T/form.yaml"
  assert_refused review.decision-required "set decision:" "continue | revise-plan | reassess | close"
}

@test "safety and risk are required (review.safety-required, review.risk-required)" {
  active_case
  broken_review '/^safety:/d; /^risk:/d'
  run --separate-stderr cs review "$ID" --file "$T/form.yaml"
  assert_refused review.safety-required "set safety:"
  assert_refused review.risk-required "set risk:"
}

@test "next_review is required unless the decision is close" {
  active_case
  broken_review '/^next_review:/d'
  run --separate-stderr cs review "$ID" --file "$T/form.yaml"
  assert_refused review.next-review-required "review 1" "set next_review"
  run --separate-stderr cs review "$ID" --file "$T/form.yaml" --decision revise-plan
  assert_refused review.next-review-required "set next_review"
  run --separate-stderr cs review "$ID" --file "$T/form.yaml" --decision close
  assert_committed "review $ID: review 1, decision close, risk medium" active
}

@test "next_review within policy.review_every[risk]: medium allows 60 days, not 61" {
  active_case
  run --separate-stderr cs review "$ID" --file "$STAGE_FORMS/review-continue.yaml" \
    --next-review 2027-02-09
  assert_refused review.next-review-too-late "60 days" "risk medium" "on or before 2027-02-08"
  run --separate-stderr cs review "$ID" --file "$STAGE_FORMS/review-continue.yaml" \
    --next-review 2027-02-08
  assert_committed "review $ID: review 1, decision continue, risk medium" active
}

@test "next_review follows the risk the review finds: very-high allows 14 days" {
  active_case
  run --separate-stderr cs review "$ID" --file "$STAGE_FORMS/review-continue.yaml" --risk very-high \
    --safety unsafe
  assert_refused review.next-review-too-late "14 days" "risk very-high" "on or before 2026-12-24"
}

# ---- dates ----

@test "a review dated after today is refused (dates.future)" {
  active_case
  run --separate-stderr cs review "$ID" --file "$STAGE_FORMS/review-continue.yaml" --date 2026-12-11
  assert_refused dates.future "review 1" "2026-12-11" "after today (2026-12-10)"
}

@test "a review dated before the plan it reviews is refused (dates.order)" {
  active_case
  run --separate-stderr cs review "$ID" --file "$STAGE_FORMS/review-continue.yaml" --date 2026-11-09
  assert_refused dates.order "review 1" "plan 1" "on or after 2026-11-10"
  run --separate-stderr cs review "$ID" --file "$STAGE_FORMS/review-continue.yaml" --date 2026-11-10 \
    --next-review 2027-01-09
  EVENT_DATE=2026-11-10 assert_committed "review $ID: review 1, decision continue, risk medium" active
}

@test "a review dated before the previous review is refused (dates.order)" {
  case_at reviewed
  day 2027-01-10
  snapshot
  run --separate-stderr cs review "$ID" --file "$STAGE_FORMS/review-continue.yaml" --date 2026-12-09
  assert_refused dates.order "review 2" "review 1" "on or after 2026-12-10"
}

# ---- the record on disk ----

@test "a hand edit of case.yaml not committed stops review with exit 5, nothing written" {
  case_at active
  day 2026-12-10
  hand_edit
  run --separate-stderr cs review "$ID" --file "$STAGE_FORMS/review-continue.yaml"
  assert_hand_edit_kept
}

@test "no personal data in git log: review notes and summaries stay in the files" {
  case_at reviewed
  run git -C "$DIR" log --format='%an%n%ae%n%B'
  assert_success
  refute_output --partial "山田"
  refute_output --partial "No new injuries"
  refute_output --partial "appointment"
  refute_output --partial "Settled at the shelter"
  assert_output --partial "review $ID: review 1, decision continue, risk medium"
}

@test "a review form naming another worker as by is refused (worker.not-acting), nothing written" {
  # issue 8, item 3: what a worker records is theirs; a form cannot type someone else's name
  case_at active
  day 2026-12-10
  { echo "by: tanaka"; cat "$STAGE_FORMS/review-continue.yaml"; } >"$T/review-by-tanaka.yaml"
  grep -q '^by: tanaka$' "$T/review-by-tanaka.yaml" || fail "the form has no by line"
  snapshot
  run --separate-stderr cs --worker sato review "$ID" --file "$T/review-by-tanaka.yaml"
  [ "$status" -eq 3 ] || fail "expected exit 3, got $status: $stderr"
  [[ "$stderr" == *"worker.not-acting"* ]] || fail "stderr: $stderr"
  assert_unchanged
  # The same form by the worker it names is accepted.
  cs --worker tanaka review "$ID" --file "$T/review-by-tanaka.yaml" >/dev/null
}
