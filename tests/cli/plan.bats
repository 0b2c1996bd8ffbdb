# casectl plan: the status table for plan, the plan rules of SPEC section 4, dates, the commit
# with its plan-N.md document. Refusals break one field of tests/data/forms/stage/plan-1.yaml
# (a case assessed on 2026-11-03: unsafe, risk high, needs N1 N2; plan dated 2026-11-10).

bats_require_minimum_version 1.5.0
load helpers

# An assessed case, today 2026-11-10 (the plan date), snapshot taken.
assessed_case() {
  case_at assessed
  day 2026-11-10
  snapshot
}

# plan-1.yaml passed through a sed script, into $T/form.yaml.
broken_plan() { sed "$1" "$STAGE_FORMS/plan-1.yaml" >"$T/form.yaml"; }

# ---- accepted ----

@test "plan on an assessed case: one commit with plan-1.md, status active" {
  assessed_case
  run --separate-stderr cs plan "$ID" --file "$STAGE_FORMS/plan-1.yaml"
  assert_committed "plan $ID: plan 1, 2 goals, 2 services, next review 2026-12-10" active
  assert_commit_files "$(case_file)" "$(doc_file plan-1.md)"
  assert_private "$(case_file)"
  assert_private "$(doc_file plan-1.md)"
  assert_status active
  [ "$(json_of 'r["plans"][0]["n"]')" = 1 ]
  [ "$(json_of 'r["plans"][0]["assessment"]')" = 1 ]
  [ "$(json_of 'r["plans"][0]["by"]')" = sato ]
  [ "$(json_of 'r["plans"][0]["date"]')" = 2026-11-10 ]
  [ "$(json_of '" ".join(s["id"] for s in r["plans"][0]["services"])')" = "S1 S2" ]
  grep -qF "The child lives safely, free from physical harm" "$DIR/$(doc_file plan-1.md)"
  grep -qF "She wants to stay with her grandmother for now." "$DIR/$(doc_file plan-1.md)"
  grep -qF "City Hospital paediatrics" "$DIR/$(doc_file plan-1.md)"
  assert_clean
}

@test "plan on an active case is a revision: plan 2 with plan-2.md, plan-1.md untouched" {
  case_at reviewed
  day 2027-01-15
  local before
  before="$(sha256sum <"$DIR/$(doc_file plan-1.md)")"
  snapshot
  run --separate-stderr cs plan "$ID" --file "$STAGE_FORMS/plan-2.yaml"
  assert_committed "plan $ID: plan 2, 3 goals, 3 services, next review 2027-02-10" active
  assert_commit_files "$(case_file)" "$(doc_file plan-2.md)"
  assert_private "$(doc_file plan-2.md)"
  [ "$(sha256sum <"$DIR/$(doc_file plan-1.md)")" = "$before" ]
  [ "$(json_of 'len(r["plans"])')" = 2 ]
  [ "$(json_of 'r["plans"][1]["assessment"]')" = 1 ]
  assert_status active
}

@test "flags fill the form: --next-review, --client-views, --agreed-by" {
  assessed_case
  broken_plan '/^next_review:/d; /client_views:/d'
  run --separate-stderr cs plan "$ID" --file "$T/form.yaml" --next-review 2026-12-01 \
    --client-views "Wants to see her brother" --agreed-by grandmother
  assert_committed "plan $ID: plan 1, 2 goals, 2 services, next review 2026-12-01" active
  [ "$(json_of 'r["plans"][0]["participation"]["client_views"]')" = "Wants to see her brother" ]
  [ "$(json_of '" ".join(r["plans"][0]["participation"]["agreed_by"])')" = "mother grandmother" ]
}

# ---- status table ----

@test "plan on an intake case is refused naming the status and 'record an assessment first'" {
  case_at intake
  day 2026-11-10
  snapshot
  run --separate-stderr cs plan "$ID" --file "$STAGE_FORMS/plan-1.yaml"
  assert_refused status.transition "intake" "record an assessment first"
}

@test "plan on a closed case is refused naming the status and 'reopen it first'" {
  case_at closed
  day 2026-12-12
  snapshot
  run --separate-stderr cs plan "$ID" --file "$STAGE_FORMS/plan-1.yaml"
  assert_refused status.transition "closed" "reopen it first"
}

# ---- plan rules ----

@test "a plan must answer the latest assessment (plan.assessment-not-latest, plan.assessment-unknown)" {
  case_at reviewed
  day 2026-12-20
  cs assess "$ID" --file "$STAGE_FORMS/assess-medium.yaml" >/dev/null
  day 2026-12-21
  snapshot
  { echo "assessment: 1"; cat "$STAGE_FORMS/plan-medium.yaml"; } >"$T/form.yaml"
  run --separate-stderr cs plan "$ID" --file "$T/form.yaml" --next-review 2027-02-01
  assert_refused plan.assessment-not-latest "assessment 1" "set assessment: 2"
  { echo "assessment: 7"; cat "$STAGE_FORMS/plan-medium.yaml"; } >"$T/form.yaml"
  run --separate-stderr cs plan "$ID" --file "$T/form.yaml" --next-review 2027-02-01
  assert_refused plan.assessment-unknown "assessment 7" "set assessment: 2"
  run --separate-stderr cs plan "$ID" --file "$STAGE_FORMS/plan-medium.yaml" --next-review 2027-02-01
  assert_committed "plan $ID: plan 2, 1 goal, 1 service, next review 2027-02-01" active
  [ "$(json_of 'r["plans"][1]["assessment"]')" = 2 ]
}

@test "a plan needs goals (plan.goals-required names the needs to answer)" {
  assessed_case
  run --separate-stderr cs plan "$ID" --client-views "Wants to go home" --next-review 2026-12-01
  assert_refused plan.goals-required "plan 1" "needs 'N1', 'N2'"
}

@test "every need is named by a goal (plan.need-without-goal names the need)" {
  assessed_case
  broken_plan 's/needs: \[N2\]/needs: [N1]/'
  run --separate-stderr cs plan "$ID" --file "$T/form.yaml"
  assert_refused plan.need-without-goal "need 'N2'" "add a goal whose needs include 'N2'"
  broken_plan 's/needs: \[N2\]/needs: [N1, N2]/'
  run --separate-stderr cs plan "$ID" --file "$T/form.yaml"
  assert_committed "plan $ID: plan 1, 2 goals, 2 services, next review 2026-12-10" active
}

@test "every goal has text (plan.goal-text-required)" {
  assessed_case
  broken_plan '/text: The bruising is examined/d'
  run --separate-stderr cs plan "$ID" --file "$T/form.yaml"
  assert_refused plan.goal-text-required "goal 'G2'" "say what the goal is"
}

@test "every goal has a measure (plan.goal-measure-required)" {
  assessed_case
  broken_plan '/measure: Examination done/d'
  run --separate-stderr cs plan "$ID" --file "$T/form.yaml"
  assert_refused plan.goal-measure-required "goal 'G2'" "how achievement will be recognised"
}

@test "every goal has a due date (plan.goal-due-required)" {
  assessed_case
  broken_plan '/due: 2027-02-10/d'
  run --separate-stderr cs plan "$ID" --file "$T/form.yaml"
  assert_refused plan.goal-due-required "goal 'G1'" "set due:"
}

@test "every goal has a service naming it (plan.goal-without-service)" {
  assessed_case
  broken_plan 's/goals: \[G2\]/goals: [G1]/'
  run --separate-stderr cs plan "$ID" --file "$T/form.yaml"
  assert_refused plan.goal-without-service "goal 'G2'" "add a service whose goals include 'G2'"
  broken_plan 's/goals: \[G2\]/goals: [G1, G2]/'
  run --separate-stderr cs plan "$ID" --file "$T/form.yaml"
  assert_committed "plan $ID: plan 1, 2 goals, 2 services, next review 2026-12-10" active
}

@test "every goal has an id (plan.goal-id-required names the goal by its place)" {
  assessed_case
  broken_plan 's/^  - id: G2$/  -/'
  run --separate-stderr cs plan "$ID" --file "$T/form.yaml"
  assert_refused plan.goal-id-required "plans[0].goals[1].id" "goal 2 of plan 1" "give each goal an id"
}

@test "every goal names the needs it answers (plan.goal-needs-required)" {
  assessed_case
  broken_plan 's/needs: \[N2\]/needs: []/'
  run --separate-stderr cs plan "$ID" --file "$T/form.yaml"
  assert_refused plan.goal-needs-required "plans[0].goals[1].needs" "goal 'G2' of plan 1 names no need" \
    "name the needs of assessment 1"
}

@test "goal ids are unique (plan.goal-id-duplicate)" {
  assessed_case
  broken_plan 's/id: G2/id: G1/'
  run --separate-stderr cs plan "$ID" --file "$T/form.yaml"
  assert_refused plan.goal-id-duplicate "goal id 'G1'" "its own id"
}

@test "service ids are unique (plan.service-id-duplicate)" {
  assessed_case
  broken_plan 's/id: S2/id: S1/'
  run --separate-stderr cs plan "$ID" --file "$T/form.yaml"
  assert_refused plan.service-id-duplicate "service id 'S1'" "its own id"
}

@test "every service has an id (plan.service-id-required names the service by its place)" {
  assessed_case
  broken_plan 's/^  - id: S2$/  -/'
  run --separate-stderr cs plan "$ID" --file "$T/form.yaml"
  assert_refused plan.service-id-required "plans[0].services[1].id" "service 2 of plan 1" \
    "give each service an id"
}

@test "every service has a type (plan.service-type-required lists the types)" {
  assessed_case
  broken_plan '/^    type: medical$/d'
  run --separate-stderr cs plan "$ID" --file "$T/form.yaml"
  assert_refused plan.service-type-required "plans[0].services[1].type" "service 'S2' of plan 1" \
    "set type:" "medical | educational"
}

@test "every service names the goals it serves (plan.service-goals-required)" {
  assessed_case
  broken_plan 's/goals: \[G2\]/goals: []/'
  run --separate-stderr cs plan "$ID" --file "$T/form.yaml"
  assert_refused plan.service-goals-required "plans[0].services[1].goals" \
    "service 'S2' of plan 1 names no goal" "name the goals of this plan"
}

@test "a goal naming an unknown need is refused (plan.goal-need-unknown)" {
  assessed_case
  broken_plan 's/needs: \[N2\]/needs: [N2, N9]/'
  run --separate-stderr cs plan "$ID" --file "$T/form.yaml"
  assert_refused plan.goal-need-unknown "need 'N9'" "name a need of assessment 1"
}

@test "a service naming an unknown goal is refused (plan.service-goal-unknown)" {
  assessed_case
  broken_plan 's/goals: \[G2\]/goals: [G2, G9]/'
  run --separate-stderr cs plan "$ID" --file "$T/form.yaml"
  assert_refused plan.service-goal-unknown "goal 'G9'" "name a goal of this plan"
}

@test "a service ending before it starts is refused (dates.order); start = end is accepted" {
  assessed_case
  broken_plan 's/end: 2026-11-30/end: 2026-11-11/'
  run --separate-stderr cs plan "$ID" --file "$T/form.yaml"
  assert_refused dates.order "service 'S2'" "2026-11-11" "on or after 2026-11-12"
  broken_plan 's/end: 2026-11-30/end: 2026-11-12/'
  run --separate-stderr cs plan "$ID" --file "$T/form.yaml"
  assert_committed "plan $ID: plan 1, 2 goals, 2 services, next review 2026-12-10" active
}

@test "the child's views are required, or why they are absent (plan.client-views-required)" {
  assessed_case
  broken_plan '/client_views:/d'
  run --separate-stderr cs plan "$ID" --file "$T/form.yaml"
  assert_refused plan.client-views-required "the child's views" "participation.client_views"
  run --separate-stderr cs plan "$ID" --file "$T/form.yaml" \
    --client-views-absent-reason "Not yet ready to talk about home"
  assert_committed "plan $ID: plan 1, 2 goals, 2 services, next review 2026-12-10" active
  [ "$(json_of 'r["plans"][0]["participation"]["client_views_absent_reason"]')" = \
    "Not yet ready to talk about home" ]
}

@test "for an adult client the refusal speaks of the client's wishes" {
  export CASECTL_WORKER=sato
  make_dir
  day 2026-11-02
  [ "$(new_case --birth-date 1990-05-01)" = "$ID" ]
  day 2026-11-03
  cs assess "$ID" --file "$STAGE_FORMS/assess-unsafe.yaml" >/dev/null
  day 2026-11-10
  snapshot
  broken_plan '/client_views:/d'
  run --separate-stderr cs plan "$ID" --file "$T/form.yaml"
  assert_refused plan.client-views-required "the client's wishes"
}

@test "next_review is required (plan.next-review-required)" {
  assessed_case
  broken_plan '/^next_review:/d'
  run --separate-stderr cs plan "$ID" --file "$T/form.yaml"
  assert_refused plan.next-review-required "plan 1" "set next_review"
}

@test "next_review within policy.review_every[risk]: high risk allows 30 days, not 31" {
  assessed_case
  run --separate-stderr cs plan "$ID" --file "$STAGE_FORMS/plan-1.yaml" --next-review 2026-12-11
  assert_refused plan.next-review-too-late "30 days" "risk high" "on or before 2026-12-10"
  run --separate-stderr cs plan "$ID" --file "$STAGE_FORMS/plan-1.yaml" --next-review 2026-12-10
  assert_committed "plan $ID: plan 1, 2 goals, 2 services, next review 2026-12-10" active
}

@test "next_review follows the policy of casectl.yaml (review_every high: 20)" {
  assessed_case
  sed -i 's/^    high: 30$/    high: 20/' "$DIR/casectl.yaml"
  grep -q '^    high: 20$' "$DIR/casectl.yaml" || fail "policy not changed"
  git -C "$DIR" commit -qam "policy: review high-risk cases every 20 days"
  snapshot
  run --separate-stderr cs plan "$ID" --file "$STAGE_FORMS/plan-1.yaml"
  assert_refused plan.next-review-too-late "20 days" "on or before 2026-11-30"
  run --separate-stderr cs plan "$ID" --file "$STAGE_FORMS/plan-1.yaml" --next-review 2026-11-30
  assert_committed "plan $ID: plan 1, 2 goals, 2 services, next review 2026-11-30" active
}

# ---- dates ----

@test "a plan dated after today is refused (dates.future)" {
  assessed_case
  run --separate-stderr cs plan "$ID" --file "$STAGE_FORMS/plan-1.yaml" --date 2026-11-11
  assert_refused dates.future "2026-11-11" "after today (2026-11-10)"
}

@test "a plan dated before the assessment it answers is refused (dates.order)" {
  assessed_case
  run --separate-stderr cs plan "$ID" --file "$STAGE_FORMS/plan-1.yaml" --date 2026-11-02
  assert_refused dates.order "plan 1" "assessment 1" "on or after 2026-11-03"
  run --separate-stderr cs plan "$ID" --file "$STAGE_FORMS/plan-1.yaml" --date 2026-11-03 \
    --next-review 2026-12-03
  EVENT_DATE=2026-11-03 assert_committed "plan $ID: plan 1, 2 goals, 2 services, next review 2026-12-03" active
}

# ---- the record on disk ----

@test "a hand edit of case.yaml not committed stops plan with exit 5, nothing written" {
  case_at assessed
  day 2026-11-10
  hand_edit
  run --separate-stderr cs plan "$ID" --file "$STAGE_FORMS/plan-1.yaml"
  assert_hand_edit_kept
}

@test "a plan-1.md added by hand and not committed is not overwritten: exit 5 naming it" {
  case_at assessed
  day 2026-11-10
  echo "my own draft" >"$DIR/$(doc_file plan-1.md)"
  snapshot
  run --separate-stderr cs plan "$ID" --file "$STAGE_FORMS/plan-1.yaml"
  [ "$status" -eq 5 ] || fail "expected exit 5, got $status: $stderr"
  grep -qF "$(doc_file plan-1.md)" <<<"$stderr" || fail "stderr does not name plan-1.md: $stderr"
  assert_unchanged
}

@test "malformed plan form: exit 6 naming the form, nothing written" {
  assessed_case
  printf 'goals: [unclosed\n' >"$T/form.yaml"
  run --separate-stderr cs plan "$ID" --file "$T/form.yaml"
  [ "$status" -eq 6 ] || fail "expected exit 6, got $status: $stderr"
  grep -qF "form.yaml" <<<"$stderr" || fail "stderr does not name the form: $stderr"
  assert_unchanged
}

@test "no personal data in git log: goal texts and the child's views stay in the files" {
  case_at active
  run git -C "$DIR" log --format='%an%n%ae%n%B'
  assert_success
  refute_output --partial "山田"
  refute_output --partial "Bruises"
  refute_output --partial "grandmother"
  refute_output --partial "physical harm"
  refute_output --partial "paediatric"
  assert_output --partial "plan $ID: plan 1, 2 goals, 2 services, next review 2026-12-10"
}
