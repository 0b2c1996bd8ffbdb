#!/usr/bin/env bats
# casectl list: NEXT DEADLINE, each case's next outstanding deadline from the deadline model
# (SPEC section 4), read from the index and never from the records; OVERDUE at now, URGENT after
# an unsafe check; separate keys in csv/json; --overdue; a policy change in casectl.yaml is seen
# on the next list.

bats_require_minimum_version 1.5.0
load helpers

# Case $ID: an urgent report received on Friday 2026-11-06 at 17:00 (safety check due Sunday
# 17:00, first assessment by Sunday 23:59); C-2026-0002: a routine case opened on Monday
# 2026-11-09 (first assessment by 2026-11-23 23:59). The clock stands at "$1".
friday_report() {
  export CASECTL_WORKER=sato
  make_dir
  clock "2026-11-06 18:00"
  [ "$(new_case --date 2026-11-06 --received "2026-11-06 17:00")" = "$ID" ] || fail "new did not make $ID"
  clock "2026-11-09 09:00"
  new_case --name Ana --birth-date 2020-02-02 --urgency routine >/dev/null || fail "new failed"
  clock "$1"
}

# The list's line for case $1 (table), or a field of it in json: list_json ID KEY.
list_line() { cs list | grep "^$1 "; }
list_json() {
  cs --format json list | python3 -c 'import json, sys
rows = {r["id"]: r for r in json.load(sys.stdin)}
print(json.dumps(rows[sys.argv[1]][sys.argv[2]]))' "$1" "$2"
}

@test "a new report's next deadline is the safety check, 48 hours after it was received" {
  friday_report "2026-11-07 09:00"
  run --separate-stderr cs list
  assert_success
  assert_line --index 0 --regexp ' OUTSTANDING +NEXT DEADLINE +CONCERNS$'
  assert_line --index 1 --regexp "^$ID +intake +sato .* assessment +safety-check 2026-11-08 17:00 +physical-abuse\$"
  refute_output --partial OVERDUE
  [ "$(list_json "$ID" next_deadline)" = '"safety-check"' ]
  [ "$(list_json "$ID" next_deadline_due)" = '"2026-11-08 17:00"' ]
  [ "$(list_json "$ID" next_deadline_ref)" = '""' ]
  [ "$(list_json "$ID" next_deadline_urgent)" = false ]
  [ "$(list_json "$ID" next_deadline_overdue)" = false ]
  [ "$(list_json C-2026-0002 next_deadline_due)" = '"2026-11-23 23:59"' ]
}

@test "once the child is seen and safe, the first assessment is next" {
  friday_report "2026-11-07 11:00"
  cs confirm "$ID" --at "2026-11-07 10:00" --method seen-at-school --outcome safe >/dev/null 2>&1 ||
    fail "confirm failed"
  run --separate-stderr cs list
  assert_success
  assert_line --index 1 --regexp "^$ID .* assessment +assessment 2026-11-08 23:59 +physical-abuse\$"
  [ "$(list_json "$ID" next_deadline)" = '"assessment"' ]
}

@test "an unsafe check makes the assessment URGENT, due at once, and OVERDUE after" {
  friday_report "2026-11-07 11:00"
  cs confirm "$ID" --at "2026-11-07 10:00" --method seen-at-home --outcome unsafe >/dev/null 2>&1 ||
    fail "confirm failed"
  run --separate-stderr cs list
  assert_line --index 1 --regexp "^$ID .* OVERDUE URGENT assessment 2026-11-07 10:00 +physical-abuse\$"
  [ "$(list_json "$ID" next_deadline_urgent)" = true ]
  [ "$(list_json "$ID" next_deadline_overdue)" = true ]
}

@test "the safety check is OVERDUE from the minute after it fell due; --overdue lists only those" {
  friday_report "2026-11-08 17:00"
  run --separate-stderr cs list
  assert_line --index 1 --regexp "^$ID .* assessment +safety-check 2026-11-08 17:00 +physical-abuse\$"
  run --separate-stderr cs list --overdue
  assert_success
  assert_equal "${#lines[@]}" 1  # the header only
  clock "2026-11-08 17:01"
  run --separate-stderr cs list
  assert_line --index 1 --regexp "^$ID .* OVERDUE safety-check 2026-11-08 17:00 +physical-abuse\$"
  refute_line --index 2 --partial OVERDUE
  run --separate-stderr cs --format csv list --overdue
  assert_success
  assert_equal "${#lines[@]}" 2
  assert_line --index 1 --regexp "^$ID,.*,safety-check,2026-11-08 17:00,,false,true\$"
  run --separate-stderr cs --format csv list --overdue --status closed
  assert_equal "${#lines[@]}" 1
}

@test "a change of policy.safety_check_hours in casectl.yaml changes the column on the next list" {
  friday_report "2026-11-07 09:00"
  day 2026-11-10  # the real clock: the index trusts a record older than its last refresh
  touch -d "1 hour ago" "$(rec "$ID")" "$(rec C-2026-0002)"
  cs list >/dev/null
  run --separate-stderr cs list
  assert_line --index 1 --regexp "^$ID .* OVERDUE safety-check 2026-11-08 17:00 "
  sed -i 's/^\(  safety_check_hours:\) 48/\1 24/' "$DIR/casectl.yaml"
  git -C "$DIR" commit -qam "policy: safety check within 24 hours"
  run --separate-stderr cs list
  assert_success
  assert_line --index 1 --regexp "^$ID .* OVERDUE safety-check 2026-11-07 17:00 "
  run --separate-stderr cs list
  assert_line --index 1 --regexp "^$ID .* OVERDUE safety-check 2026-11-07 17:00 "
  # The assessment deadlines follow policy.assessment_due too.
  sed -i 's/^\(    routine:\) 14/\1 21/' "$DIR/casectl.yaml"
  git -C "$DIR" commit -qam "policy: routine assessments within 21 days"
  [ "$(list_json C-2026-0002 next_deadline_due)" = '"2026-11-30 23:59"' ]
}

@test "list --redact keeps the next deadline and drops the names" {
  friday_report "2026-11-07 09:00"
  run --separate-stderr cs --format csv list --redact
  assert_success
  assert_line --index 0 --regexp ',next_deadline,next_deadline_due,next_deadline_ref,next_deadline_urgent,next_deadline_overdue$'
  assert_line --index 1 --regexp "^$ID,intake,sato,8,.*,safety-check,2026-11-08 17:00,,false,false\$"
  refute_output --partial 山田
}

@test "list --help explains NEXT DEADLINE and --overdue" {
  run cs list --help
  assert_success
  assert_output --partial "--overdue"
  assert_output --partial "NEXT DEADLINE"
  assert_output --partial "next_deadline_overdue"
}
