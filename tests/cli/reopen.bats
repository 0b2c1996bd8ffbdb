# casectl reopen and the deadlines of the episode it starts: the new report's own urgency
# (--urgency, stored as reopenings[].urgency) for the first assessment after it, and a new report
# received the evening before the reopening day. The case: case_at closed (an urgent referral,
# closed on 2026-12-11).

bats_require_minimum_version 1.5.0
load helpers

@test "reopen --urgency is stored as reopenings[].urgency, named in the commit and by show" {
  case_at closed
  day 2027-03-01
  snapshot
  run --separate-stderr cs reopen "$ID" --reason "New report from the school" --urgency immediate
  assert_committed "reopen $ID: reopening 1 of closure 1, urgency immediate" intake
  [ "$(json_of 'r["reopenings"][0]["urgency"]')" = immediate ]
  [ "$(json_of 'r["referral"]["urgency"]')" = urgent ]
  run --separate-stderr cs show "$ID"
  assert_line "Reopened        no. 1 (2027-03-01), immediate"
  # list's URGENCY is the one in force: the reopening's.
  run --separate-stderr cs list --format csv
  [[ "$output" == *"$ID"*",immediate,"* ]] || fail "list: $output"
}

@test "reopen without --urgency stores none: the referral's counts" {
  case_at closed
  day 2027-03-01
  cs reopen "$ID" --reason "New report from the school" >/dev/null || fail "reopen failed"
  [ "$(json_of '"urgency" in r["reopenings"][0]')" = False ]
  run --separate-stderr cs show "$ID"
  assert_line "Reopened        no. 1 (2027-03-01)"
  assert_line "Deadline        assessment, due 2027-03-03"
  run --separate-stderr cs list --format csv
  [[ "$output" == *"$ID"*",urgent,"* ]] || fail "list: $output"
}

@test "reopen --urgency typed by its Japanese label is stored as its code" {
  case_at closed
  day 2027-03-01
  cs reopen "$ID" --reason "New report from the school" --urgency 通常 >/dev/null || fail "reopen failed"
  [ "$(json_of 'r["reopenings"][0]["urgency"]')" = routine ]
}

@test "an urgency outside the list is a usage error (exit 2) naming the allowed values, nothing written" {
  case_at closed
  day 2027-03-01
  snapshot
  run --separate-stderr cs reopen "$ID" --reason "New report from the school" --urgency soon
  [ "$status" -eq 2 ] || fail "expected exit 2, got $status: $stderr"
  [[ "$stderr" == *"immediate (immediate / 緊急), urgent (urgent / 至急), routine (routine / 通常)"* ]] || fail "the allowed values are not named: $stderr"
  assert_unchanged
}

@test "show: the first assessment after the reopening is due by its urgency (routine: 14 days)" {
  case_at closed
  day 2027-03-01
  cs reopen "$ID" --reason "New report from the school" --urgency routine >/dev/null || fail "reopen failed"
  run --separate-stderr cs show "$ID"
  assert_success
  assert_line "Deadline        assessment, due 2027-03-15"
  refute_line "Deadline        assessment, due 2027-03-03"
}

@test "a new report received the evening before the reopening day: a check that evening answers it, in time" {
  case_at closed
  clock "2027-03-02 09:00"
  cs reopen "$ID" --reason "New report from the school" --received "2027-03-01 20:00" >/dev/null 2>&1 ||
    fail "reopen failed"
  run --separate-stderr cs confirm "$ID" --at "2027-03-01 22:00" --method seen-at-home --outcome safe
  assert_success
  [[ "$stderr" == *"2 h after"*"in time"* ]] || fail "confirm's timing: $stderr"
  run --separate-stderr cs show "$ID"
  assert_line --partial "2 h after the report of reopening 1 (limit 48 h): in time"
  refute_line --partial "Deadline        safety check"
  assert_line "Deadline        assessment, due 2027-03-03"
}
