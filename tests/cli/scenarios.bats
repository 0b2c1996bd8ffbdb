# Whole cases through the stages, as a worker would record them day by day. After every step:
# the command's one commit (subject, trailers, author, date), the status `casectl show --format
# json` gives, and a clean `git status`. At the end: the whole history of the case, no personal
# data in it, the documents, and `casectl validate` clean.

bats_require_minimum_version 1.5.0
load helpers

# Subjects of the commits made so far by `step`, oldest first.
SUBJECTS=()

# step DAY STATUS SUBJECT COMMAND ARGS...: on DAY, runs casectl COMMAND ARGS on $DIR and checks
# that it made exactly one commit with SUBJECT whose Stage: is STATUS, that the case now shows
# STATUS, and that git sees nothing left uncommitted.
step() {
  local when="$1" st="$2" subject="$3"
  shift 3
  day "$when"
  snapshot
  run --separate-stderr cs "$@"
  assert_committed "$subject" "$st" "${CASECTL_WORKER:-sato}"
  assert_status "$st"
  assert_clean
  SUBJECTS+=("$subject")
}

# Fails unless the commits after the case directory's own (init, worker add) are exactly
# SUBJECTS, in order.
assert_history() {
  local got want
  got="$(git -C "$DIR" log --reverse --format=%s "$BASE"..HEAD)"
  want="$(printf '%s\n' "${SUBJECTS[@]}")"
  [ "$got" = "$want" ] || fail "history is
$got
expected
$want"
  [ "$(commit_count)" -eq $((BASE_COUNT + ${#SUBJECTS[@]})) ] || fail "commit count $(commit_count)"
}

# Fails unless `casectl validate` (all cases, and this case by ID) finds no problem.
assert_valid() {
  run --separate-stderr cs validate
  [ "$status" -eq 0 ] || fail "validate: exit $status: $output $stderr"
  run --separate-stderr cs validate "$ID"
  [ "$status" -eq 0 ] || fail "validate $ID: exit $status: $output $stderr"
}

# The case directory, with its first commits noted.
start() {
  export CASECTL_WORKER=sato
  make_dir
  BASE="$(git -C "$DIR" rev-parse HEAD)"
  BASE_COUNT="$(commit_count)"
}

@test "(a) urgent physical abuse: assessment unsafe, plan, reviews, revised plan, closure approved" {
  start
  # Referral from the school (examples/new-case.yaml: referral dated 2026-11-02).
  step 2026-11-02 intake "new $ID: urgent referral from school" new --file "$CASECTL_SRC/examples/new-case.yaml"
  [ "$output" = "$ID" ] || fail "new printed '$output'"
  # Home visit and interviews the next day: unsafe, protective custody at once.
  step 2026-11-03 assessed "assess $ID: risk high, safety unsafe" \
    assess "$ID" --file "$STAGE_FORMS/assess-unsafe.yaml"
  [ "$(json_of 'r["assessments"][0]["immediate_actions"]')" = "['Temporary protective custody']" ]
  step 2026-11-05 assessed "note $ID: meeting on 2026-11-05" \
    note "$ID" "Case conference with the school and the hospital" --kind meeting
  step 2026-11-10 active "plan $ID: plan 1, 2 goals, 2 services, next review 2026-12-10" \
    plan "$ID" --file "$STAGE_FORMS/plan-1.yaml"
  step 2026-11-10 active "consent $ID: consent 1 recorded" \
    consent "$ID" --party school --scope share-plan --given-by mother --expires 2027-11-10
  # First review: going to plan, risk still high.
  step 2026-12-10 active "review $ID: review 1, decision continue, risk high" \
    review "$ID" --progress G1:in-progress --progress G2:achieved --delivered S1:yes --delivered S2:yes \
    --safety safe-with-plan --risk high --decision continue --next-review 2027-01-08
  # Second review: the shelter placement ends; the plan must change.
  step 2027-01-08 active "review $ID: review 2, decision revise-plan, risk high" \
    review "$ID" --progress G1:not-achieved --progress G2:achieved --delivered S1:partly \
    --delivered S2:yes --safety safe-with-plan --risk high --decision revise-plan --next-review 2027-02-05
  [ "$(json_of 'r["reviews"][1]["decision"]')" = revise-plan ]
  step 2027-01-15 active "plan $ID: plan 2, 3 goals, 3 services, next review 2027-02-10" \
    plan "$ID" --file "$STAGE_FORMS/plan-2.yaml"
  [ "$(json_of 'r["plans"][1]["assessment"]')" = 1 ]
  # Review of plan 2: the family moves to another city; the case is to be transferred.
  step 2027-02-10 active "review $ID: review 3, decision close, risk high" \
    review "$ID" --progress G1:in-progress --progress G2:achieved --progress G3:in-progress \
    --delivered S1:yes --delivered S2:yes --delivered S3:partly --safety safe-with-plan --risk high \
    --decision close
  [ "$(json_of 'r["reviews"][2]["plan"]')" = 2 ]
  # Closing at high risk: the supervisor approves (as themselves), then the worker closes.
  day 2027-02-20
  snapshot
  run --separate-stderr cs close "$ID" --reason transferred --evaluation "Handed over to the new city"
  assert_refused close.approval-required "risk high"
  CASECTL_WORKER=tanaka step 2027-02-20 active "approve $ID: approval 1 (closure)" \
    approve "$ID" closure --note "Agreed with the new city's centre"
  step 2027-02-20 closed "close $ID: closure 1, transferred, approval 1" \
    close "$ID" --reason transferred --evaluation "Handed over to the new city's centre"
  [ "$(json_of '[(a["n"], a["kind"], a["by"]) for a in r["approvals"]]')" = "[(1, 'closure', 'tanaka')]" ]
  [ "$(json_of '(r["closures"][0]["by"], r["closures"][0]["approval"], r["closures"][0]["plan"])')" = \
    "('sato', 1, 2)" ]
  [ "$(json_of '[len(r[k]) for k in ("assessments", "plans", "reviews", "notes", "consents", "closures")]')" = \
    "[1, 2, 3, 1, 1, 1]" ]

  assert_history
  local f
  for f in case.yaml plan-1.md plan-2.md review-1.md review-2.md review-3.md closure-1.md; do
    assert_private "$(doc_file "$f")"
  done
  run git -C "$DIR" log --format='%an%n%ae%n%B'
  refute_output --partial "山田"
  refute_output --partial "あざ"
  refute_output --partial "Bruises"
  refute_output --partial "桜町"
  refute_output --partial "Case conference"
  refute_output --partial "new city"
  assert_valid
}

@test "(b) routine welfare case (poverty): assessed safe and low with no needs, closed with no further action" {
  start
  step 2026-11-02 intake "new $ID: routine referral from agency" \
    new --name "鈴木 一郎" --birth-date 2015-06-01 --sex male --source agency --urgency routine \
    --concern poverty --reason "Rent arrears reported by the housing office"
  step 2026-11-12 assessed "assess $ID: risk low, safety safe" \
    assess "$ID" --file "$STAGE_FORMS/assess-safe-low.yaml"
  [ "$(json_of 'len(r["assessments"][0].get("needs", []))')" = 0 ]
  step 2026-11-13 closed "close $ID: closure 1, no-further-action" \
    close "$ID" --reason no-further-action --evaluation "Income restored; no support needed"
  [ "$(json_of 'r["closures"][0]["reason"]')" = no-further-action ]
  [ "$(json_of 'r["closures"][0].get("plan")')" = None ]

  assert_history
  [ -f "$DIR/$(doc_file closure-1.md)" ] || fail "no closure-1.md"
  ! ls "$DIR"/cases/2026/00/"$ID"/plan-*.md 2>/dev/null || fail "a plan document without a plan"
  run git -C "$DIR" log --format=%B
  refute_output --partial "鈴木"
  refute_output --partial "Rent arrears"
  refute_output --partial "Income restored"
  assert_valid
}

@test "(c) a closed case reopened, reassessed (assessment 2) and planned again (plan 2)" {
  start
  step 2026-11-02 intake "new $ID: urgent referral from school" new --file "$CASECTL_SRC/examples/new-case.yaml"
  step 2026-11-03 assessed "assess $ID: risk high, safety unsafe" \
    assess "$ID" --file "$STAGE_FORMS/assess-unsafe.yaml"
  step 2026-11-10 active "plan $ID: plan 1, 2 goals, 2 services, next review 2026-12-10" \
    plan "$ID" --file "$STAGE_FORMS/plan-1.yaml"
  step 2026-12-10 active "review $ID: review 1, decision close, risk low" \
    review "$ID" --file "$STAGE_FORMS/review-achieved.yaml"
  step 2026-12-11 closed "close $ID: closure 1, goals-achieved" \
    close "$ID" --reason goals-achieved --evaluation "Shelter and paediatric follow-up worked"
  # Problems recur: the school reports again.
  step 2027-03-01 intake "reopen $ID: reopening 1 of closure 1" reopen "$ID" --reason "The school reports new absences"
  [ "$(json_of 'r["reopenings"][0]["date"]')" = 2027-03-01 ]
  [ "$(json_of 'r["reopenings"][0]["closure"]')" = 1 ]
  [ "$(json_of 'r["closures"][0]["reason"]')" = goals-achieved ]
  step 2027-03-02 assessed "assess $ID: re-assessment 2, risk medium, safety safe-with-plan" \
    assess "$ID" --file "$STAGE_FORMS/assess-medium.yaml"
  [ "$(json_of 'r["assessments"][1]["n"]')" = 2 ]
  step 2027-03-05 active "plan $ID: plan 2, 1 goal, 1 service, next review 2027-04-30" \
    plan "$ID" --file "$STAGE_FORMS/plan-medium.yaml"
  [ "$(json_of 'r["plans"][1]["assessment"]')" = 2 ]
  [ "$(json_of 'r["plans"][1]["n"]')" = 2 ]
  step 2027-04-30 active "review $ID: review 2, decision continue, risk low" \
    review "$ID" --progress G1:in-progress --delivered S1:yes --safety safe --risk low \
    --decision continue --next-review 2027-07-29
  [ "$(json_of 'r["reviews"][1]["plan"]')" = 2 ]

  assert_history
  assert_commit_files "$(case_file)" "$(doc_file review-2.md)"
  local f
  for f in plan-1.md plan-2.md review-1.md review-2.md closure-1.md; do
    assert_private "$(doc_file "$f")"
  done
  run git -C "$DIR" log --format=%B
  refute_output --partial "absences"
  refute_output --partial "山田"
  assert_valid
}
