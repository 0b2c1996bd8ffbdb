# casectl confirm: the child seen and safety confirmed (安全確認). One commit appending a numbered
# safety_checks item (at, by, method, outcome, note) dated by the day of --at, the status
# unchanged; stderr says how the check stands against the 48-hour rule. Every refusal exits 3 and
# writes nothing; `validate` names each rule on a hand-broken file.

bats_require_minimum_version 1.5.0
load helpers

# A case whose report was received on Friday 2026-11-06 at 17:00; today Tuesday 2026-11-10.
received_friday() {
  export CASECTL_WORKER=sato
  make_dir
  clock "2026-11-06 18:00"
  [ "$(new_case --date 2026-11-06 --received "2026-11-06 17:00")" = "$ID" ] || fail "new did not make $ID"
  clock "2026-11-10 12:00"
}

# A valid first check on Monday 10:00 (65 h after the report).
seen_monday() {
  cs confirm "$ID" --at "2026-11-09 10:00" --method seen-at-school --outcome safe --note "Seen in class" \
    >/dev/null 2>&1 || fail "confirm failed"
}

@test "confirm appends safety check 1: one commit dated by --at, status unchanged, no free text in git" {
  received_friday
  snapshot
  run --separate-stderr cs confirm "$ID" --at "2026-11-09 10:00" --method seen-at-school --outcome safe \
    --note "Seen in class, bruise on the left arm"
  EVENT_DATE=2026-11-09 assert_committed "confirm $ID: safety check 1 (seen-at-school, safe)" intake
  assert_commit_files "$(case_file)"
  assert_output "confirm $ID: safety check 1 (seen-at-school, safe) (status intake)"
  [ "$(json_of 'len(r["safety_checks"])')" = 1 ]
  [ "$(json_of 'r["safety_checks"][0]')" = \
    "{'n': 1, 'at': '2026-11-09 10:00', 'by': 'sato', 'method': 'seen-at-school', 'outcome': 'safe', 'note': 'Seen in class, bruise on the left arm'}" ]
  assert_status intake
  run git -C "$DIR" log --format=%B
  refute_output --partial "bruise"
  refute_output --partial "Seen in class"
}

@test "confirm says on stderr that 65 h after a Friday 17:00 report is late for the 48-hour rule" {
  received_friday
  run --separate-stderr cs confirm "$ID" --at "2026-11-09 10:00" --method seen-at-school --outcome safe
  assert_success
  [ "$stderr" = "casectl: safety check 1: 65 h after the report was received (the limit is 48 h): late" ] ||
    fail "stderr: $stderr"
}

@test "confirm within 48 hours says in time; a second check is numbered 2" {
  received_friday
  cs confirm "$ID" --at "2026-11-07 11:15" --method seen-at-home --outcome unsafe >/dev/null 2>&1
  [ "$(json_of 'r["safety_checks"][0]["outcome"]')" = unsafe ]
  snapshot
  run --separate-stderr cs confirm "$ID" --at "2026-11-08 16:30" --method seen-at-office --outcome safe
  EVENT_DATE=2026-11-08 assert_committed "confirm $ID: safety check 2 (seen-at-office, safe)" intake
  [ "$stderr" = "casectl: safety check 2: 47 h 30 min after the report was received (the limit is 48 h): in time" ] ||
    fail "stderr: $stderr"
}

@test "confirm accepts the Japanese labels of method and outcome and stores the codes" {
  received_friday
  snapshot
  run --separate-stderr cs confirm "$ID" --at "2026-11-07 09:00" --method 目視できず --outcome 確認できず
  EVENT_DATE=2026-11-07 assert_committed "confirm $ID: safety check 1 (not-seen, not-seen)" intake
  [ "$(json_of 'r["safety_checks"][0]["method"] + " " + r["safety_checks"][0]["outcome"]')" = "not-seen not-seen" ]
  grep -q "the child was not seen" <<<"$stderr" || fail "stderr: $stderr"
}

@test "confirm without --at is dated now" {
  received_friday
  snapshot
  run --separate-stderr cs confirm "$ID" --method seen-at-home --outcome safe
  assert_committed "confirm $ID: safety check 1 (seen-at-home, safe)" intake
  [[ "$(json_of 'r["safety_checks"][0]["at"]')" == "2026-11-10 "* ]] || fail "not dated today"
}

@test "a child not seen cannot be confirmed safe (confirm.not-seen-mismatch), nor seen with outcome not-seen" {
  received_friday
  snapshot
  run --separate-stderr cs confirm "$ID" --at "2026-11-09 10:00" --method not-seen --outcome safe
  assert_refused confirm.not-seen-mismatch "safety_checks[0].outcome"
  run --separate-stderr cs confirm "$ID" --at "2026-11-09 10:00" --method seen-at-home --outcome not-seen
  assert_refused confirm.not-seen-mismatch "safety_checks[0].outcome"
}

@test "confirm without a method or an outcome is refused (confirm.method-required, confirm.outcome-required)" {
  received_friday
  snapshot
  run --separate-stderr cs confirm "$ID" --at "2026-11-09 10:00" --outcome safe
  assert_refused confirm.method-required "safety_checks[0].method" "seen-at-home | seen-at-school"
  run --separate-stderr cs confirm "$ID" --at "2026-11-09 10:00" --method seen-at-home
  assert_refused confirm.outcome-required "safety_checks[0].outcome"
}

@test "confirm before the report was received or after now is refused" {
  received_friday
  snapshot
  run --separate-stderr cs confirm "$ID" --at "2026-11-06 16:59" --method seen-at-home --outcome safe
  assert_refused confirm.before-report "safety_checks[0].at"
  run --separate-stderr cs confirm "$ID" --at "2026-11-11 08:00" --method seen-at-home --outcome safe
  assert_refused confirm.at-future "safety_checks[0].at"
}

@test "confirm: a value outside the list or a malformed --at is a usage error, nothing written" {
  received_friday
  snapshot
  run --separate-stderr cs confirm "$ID" --at "2026-11-09 10:00" --method seen-by-phone --outcome safe
  [ "$status" -eq 2 ] || fail "exit $status"
  run --separate-stderr cs confirm "$ID" --at "2026-11-09" --method seen-at-home --outcome safe
  [ "$status" -eq 2 ] || fail "exit $status"
  assert_unchanged
}

@test "confirm on a closed case is refused by the status table" {
  case_at closed
  snapshot
  run --separate-stderr cs confirm "$ID" --at "2026-12-11 10:00" --method seen-at-home --outcome safe
  assert_refused status.transition
}

@test "validate names each safety-check rule on a hand-broken file" {
  received_friday
  seen_monday
  run --separate-stderr cs validate
  assert_success
  local f="$DIR/$(case_file)"
  cp "$f" "$T/good.yaml"

  py_edit 's.replace("method: seen-at-school", "method: not-seen")'
  run --separate-stderr cs validate
  assert_validate_names confirm.not-seen-mismatch
  cp "$T/good.yaml" "$f"

  py_edit 's.replace("    method: seen-at-school\n", "")'
  run --separate-stderr cs validate
  assert_validate_names confirm.method-required
  cp "$T/good.yaml" "$f"

  py_edit 's.replace("    outcome: safe\n", "")'
  run --separate-stderr cs validate
  assert_validate_names confirm.outcome-required
  cp "$T/good.yaml" "$f"

  py_edit 's.replace("at: 2026-11-09 10:00", "at: 2026-11-06 09:00")'
  run --separate-stderr cs validate
  assert_validate_names confirm.before-report
  cp "$T/good.yaml" "$f"

  py_edit 's.replace("at: 2026-11-09 10:00", "at: 2026-11-12 09:00")'
  run --separate-stderr cs validate
  assert_validate_names confirm.at-future
  cp "$T/good.yaml" "$f"

  py_edit 's.replace("    at: 2026-11-09 10:00\n", "")'
  run --separate-stderr cs validate
  assert_validate_names confirm.at-required
  cp "$T/good.yaml" "$f"

  py_edit 's.replace("safety_checks:\n  - n: 1\n    at: 2026-11-09 10:00\n    by: sato", "safety_checks:\n  - n: 1\n    at: 2026-11-09 10:00\n    by: nobody")'
  run --separate-stderr cs validate
  assert_validate_names worker.unknown
  cp "$T/good.yaml" "$f"

  py_edit 's.replace("safety_checks:\n  - n: 1", "safety_checks:\n  - n: 2")'
  run --separate-stderr cs validate
  assert_validate_names record.n-sequence
}

@test "confirm --help exits 0 with an example and every option" {
  run casectl confirm --help
  assert_success
  assert_output --partial "Example"
  for opt in --at --method --outcome --note; do assert_output --partial -- "$opt"; done
}
