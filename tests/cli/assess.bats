# casectl assess: the status table for assess, the assessment rules of SPEC section 4, dates,
# the commit it makes, and what it refuses to overwrite. Each refusal sits next to the accepted
# case it differs from.

bats_require_minimum_version 1.5.0
load helpers

# ---- accepted ----

@test "assess on intake: one commit 'assess ID: risk high, safety unsafe', status assessed" {
  case_at intake
  day 2026-11-03
  snapshot
  run --separate-stderr cs assess "$ID" --file "$STAGE_FORMS/assess-unsafe.yaml"
  assert_committed "assess $ID: risk high, safety unsafe" assessed
  assert_output --partial "$ID"
  assert_commit_files "$(case_file)"
  assert_status assessed
  [ "$(json_of 'r["assessments"][0]["n"]')" = 1 ]
  [ "$(json_of 'r["assessments"][0]["by"]')" = sato ]
  [ "$(json_of 'r["assessments"][0]["date"]')" = 2026-11-03 ]
  [ "$(json_of 'r["assessments"][0]["immediate_actions"][0]')" = "Temporary protective custody" ]
  [ "$(json_of '",".join(n["id"] for n in r["assessments"][0]["needs"])')" = N1,N2 ]
  assert_private "$(case_file)"
  assert_clean
}

@test "assess from flags, acting as tanaka: the author and Worker: trailer are tanaka" {
  case_at intake
  day 2026-11-03
  snapshot
  run --separate-stderr env CASECTL_WORKER=tanaka "$CASECTL_BIN" -C "$DIR" assess "$ID" \
    --safety safe-with-plan --risk medium --method home-visit --method interview-child \
    --need "family:Parenting support" --need "education:Attendance: back to daily"
  assert_committed "assess $ID: risk medium, safety safe-with-plan" assessed tanaka
  [ "$(json_of 'r["assessments"][0]["by"]')" = tanaka ]
  [ "$(json_of 'r["assessments"][0]["needs"][1]["id"]')" = N2 ]
  [ "$(json_of 'r["assessments"][0]["needs"][1]["text"]')" = "Attendance: back to daily" ]
  [ "$(json_of '" ".join(r["assessments"][0]["methods"])')" = "home-visit interview-child" ]
}

@test "assess --file - reads the form from stdin" {
  case_at intake
  day 2026-11-03
  snapshot
  run --separate-stderr cs assess "$ID" --file - <"$STAGE_FORMS/assess-unsafe.yaml"
  assert_committed "assess $ID: risk high, safety unsafe" assessed
  [ "$(json_of 'r["assessments"][0]["summary"]')" = \
    "Child unsafe at home; protective custody arranged the same day." ]
}

@test "re-assessment of an active case: assessment 2, status assessed until a plan answers it" {
  case_at reviewed
  day 2026-12-20
  snapshot
  run --separate-stderr cs assess "$ID" --file "$STAGE_FORMS/assess-medium.yaml"
  assert_committed "assess $ID: re-assessment 2, risk medium, safety safe-with-plan" assessed
  assert_status assessed
  [ "$(json_of 'r["assessments"][1]["n"]')" = 2 ]
  [ "$(json_of 'len(r["assessments"])')" = 2 ]
}

# ---- status table ----

@test "assess on a closed case is refused naming the status and 'reopen it first'" {
  case_at closed
  day 2026-12-12
  snapshot
  run --separate-stderr cs assess "$ID" --file "$STAGE_FORMS/assess-unsafe.yaml"
  assert_refused status.transition "closed" "reopen it first"
}

@test "assess on an assessed case is refused: a plan must answer the assessment first" {
  case_at assessed
  day 2026-11-04
  snapshot
  run --separate-stderr cs assess "$ID" --file "$STAGE_FORMS/assess-unsafe.yaml"
  assert_refused status.transition "assessed" "casectl plan"
}

@test "assess on an unknown case: exit 4, nothing written" {
  case_at intake
  snapshot
  run --separate-stderr cs assess C-2026-0099 --file "$STAGE_FORMS/assess-unsafe.yaml"
  [ "$status" -eq 4 ] || fail "expected exit 4, got $status: $stderr"
  assert_unchanged
}

# ---- assessment rules ----

@test "safety is required (assessment.safety-required names the field and its values)" {
  case_at intake
  day 2026-11-03
  snapshot
  run --separate-stderr cs assess "$ID" --risk low --method home-visit --need "family:Support"
  assert_refused assessment.safety-required "set safety:" "safe | safe-with-plan | unsafe"
  run --separate-stderr cs assess "$ID" --risk low --method home-visit --need "family:Support" \
    --safety safe-with-plan
  assert_committed "assess $ID: risk low, safety safe-with-plan" assessed
}

@test "risk is required (assessment.risk-required names the field and its values)" {
  case_at intake
  day 2026-11-03
  snapshot
  run --separate-stderr cs assess "$ID" --safety safe --method home-visit --need "family:Support"
  assert_refused assessment.risk-required "set risk:" "low | medium | high | very-high"
  run --separate-stderr cs assess "$ID" --safety safe --method home-visit --need "family:Support" \
    --risk medium
  assert_committed "assess $ID: risk medium, safety safe" assessed
}

@test "at least one method is required (assessment.method-required lists the methods)" {
  case_at intake
  day 2026-11-03
  snapshot
  sed '/^methods:/d' "$STAGE_FORMS/assess-unsafe.yaml" >"$T/form.yaml"
  run --separate-stderr cs assess "$ID" --file "$T/form.yaml"
  assert_refused assessment.method-required "assessment 1" "home-visit | interview-child"
  run --separate-stderr cs assess "$ID" --file "$T/form.yaml" --method records
  assert_committed "assess $ID: risk high, safety unsafe" assessed
}

@test "unsafe needs immediate actions (assessment.immediate-actions-required)" {
  case_at intake
  day 2026-11-03
  snapshot
  sed '/^immediate_actions:/d' "$STAGE_FORMS/assess-unsafe.yaml" >"$T/form.yaml"
  run --separate-stderr cs assess "$ID" --file "$T/form.yaml"
  assert_refused assessment.immediate-actions-required "unsafe" "immediate actions"
  run --separate-stderr cs assess "$ID" --file "$T/form.yaml" --immediate-action "Safety plan with grandmother"
  assert_committed "assess $ID: risk high, safety unsafe" assessed
}

@test "no needs is refused unless safe and low (assessment.needs-required)" {
  case_at intake
  day 2026-11-03
  snapshot
  run --separate-stderr cs assess "$ID" --safety safe --risk medium --method home-visit
  assert_refused assessment.needs-required "safety is safe and risk is medium" "only when safe and low"
  run --separate-stderr cs assess "$ID" --safety safe-with-plan --risk low --method home-visit
  assert_refused assessment.needs-required "safety is safe-with-plan and risk is low"
  run --separate-stderr cs assess "$ID" --safety safe --risk low --method home-visit
  assert_committed "assess $ID: risk low, safety safe" assessed
  [ "$(json_of 'len(r["assessments"][0].get("needs", []))')" = 0 ]
}

@test "need ids are unique (assessment.need-id-duplicate names the id)" {
  case_at intake
  day 2026-11-03
  snapshot
  sed 's/id: N2/id: N1/' "$STAGE_FORMS/assess-unsafe.yaml" >"$T/form.yaml"
  run --separate-stderr cs assess "$ID" --file "$T/form.yaml"
  assert_refused assessment.need-id-duplicate "N1" "its own id"
}

@test "every need has an id (assessment.need-id-required names the need by its place)" {
  case_at intake
  day 2026-11-03
  snapshot
  sed 's/^  - id: N2$/  -/' "$STAGE_FORMS/assess-unsafe.yaml" >"$T/form.yaml"
  run --separate-stderr cs assess "$ID" --file "$T/form.yaml"
  assert_refused assessment.need-id-required "assessments[0].needs[1].id" "need 2 of assessment 1" \
    "give each need an id"
  sed 's/^  - id: N2$/  - id: N3/' "$STAGE_FORMS/assess-unsafe.yaml" >"$T/form.yaml"
  run --separate-stderr cs assess "$ID" --file "$T/form.yaml"
  assert_committed "assess $ID: risk high, safety unsafe" assessed
}

@test "every need has a text (assessment.need-text-required)" {
  case_at intake
  day 2026-11-03
  snapshot
  sed '/^    text: Medical examination of the bruising$/d' "$STAGE_FORMS/assess-unsafe.yaml" >"$T/form.yaml"
  run --separate-stderr cs assess "$ID" --file "$T/form.yaml"
  assert_refused assessment.need-text-required "assessments[0].needs[1].text" "need 2 of assessment 1" \
    "say what is needed"
}

@test "every risk item has a domain (assessment.risk-domain-required lists the domains)" {
  case_at intake
  day 2026-11-03
  snapshot
  sed 's/^  - domain: physical-abuse$/  -/' "$STAGE_FORMS/assess-unsafe.yaml" >"$T/form.yaml"
  run --separate-stderr cs assess "$ID" --file "$T/form.yaml"
  assert_refused assessment.risk-domain-required "assessments[0].risks[0].domain" \
    "risk item 1 of assessment 1" "set domain:" "physical-abuse | sexual-abuse"
}

@test "every risk item has a level (assessment.risk-level-required lists the levels)" {
  case_at intake
  day 2026-11-03
  snapshot
  sed '/^    level: high$/d' "$STAGE_FORMS/assess-unsafe.yaml" >"$T/form.yaml"
  run --separate-stderr cs assess "$ID" --file "$T/form.yaml"
  assert_refused assessment.risk-level-required "assessments[0].risks[0].level" \
    "risk item 1 of assessment 1" "set level: low | medium | high | very-high"
}

@test "a form numbering the assessment out of sequence is refused (record.n-sequence)" {
  case_at intake
  day 2026-11-03
  snapshot
  { echo "n: 2"; cat "$STAGE_FORMS/assess-unsafe.yaml"; } >"$T/form.yaml"
  run --separate-stderr cs assess "$ID" --file "$T/form.yaml"
  assert_refused record.n-sequence "assessments[0].n" "assessment number 2 where 1 was expected" \
    "set n: 1"
  { echo "n: 1"; cat "$STAGE_FORMS/assess-unsafe.yaml"; } >"$T/form.yaml"
  run --separate-stderr cs assess "$ID" --file "$T/form.yaml"
  assert_committed "assess $ID: risk high, safety unsafe" assessed
}

@test "every problem is listed, not just the first" {
  case_at intake
  day 2026-11-03
  snapshot
  run --separate-stderr cs assess "$ID" --safety unsafe
  assert_refused assessment.risk-required
  assert_refused assessment.method-required
  assert_refused assessment.immediate-actions-required
  assert_refused assessment.needs-required
}

# ---- dates ----

@test "an assessment dated after today is refused (dates.future)" {
  case_at intake
  day 2026-11-03
  snapshot
  run --separate-stderr cs assess "$ID" --file "$STAGE_FORMS/assess-unsafe.yaml" --date 2026-11-04
  assert_refused dates.future "2026-11-04" "2026-11-03"
  run --separate-stderr cs assess "$ID" --file "$STAGE_FORMS/assess-unsafe.yaml" --date 2026-11-03
  assert_committed "assess $ID: risk high, safety unsafe" assessed
}

@test "an assessment dated before the opening of the case is refused (dates.order)" {
  case_at intake
  day 2026-11-03
  snapshot
  run --separate-stderr cs assess "$ID" --file "$STAGE_FORMS/assess-unsafe.yaml" --date 2026-11-01
  assert_refused dates.order "2026-11-01" "on or after 2026-11-02"
  run --separate-stderr cs assess "$ID" --file "$STAGE_FORMS/assess-unsafe.yaml" --date 2026-11-02
  EVENT_DATE=2026-11-02 assert_committed "assess $ID: risk high, safety unsafe" assessed
  [ "$(json_of 'r["assessments"][0]["date"]')" = 2026-11-02 ]
}

# ---- the record on disk ----

@test "a hand edit of case.yaml not committed stops assess with exit 5, nothing written" {
  case_at intake
  day 2026-11-03
  hand_edit
  run --separate-stderr cs assess "$ID" --file "$STAGE_FORMS/assess-unsafe.yaml"
  assert_hand_edit_kept
}

@test "no personal data in the commit: the child's name, address and referral reason stay out of git log" {
  case_at assessed
  run git -C "$DIR" log --format='%an%n%ae%n%B'
  assert_success
  refute_output --partial "山田"
  refute_output --partial "Bruises"
  refute_output --partial "桜町"
  refute_output --partial "Protection from physical harm"
  refute_output --partial "protective custody"
  assert_output --partial "assess $ID: risk high, safety unsafe"
}
