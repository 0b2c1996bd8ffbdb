# casectl custody ID start|extend|end: temporary protective custody (一時保護). Each is one commit
# dated by its event, the status unchanged; start refused while a custody is open, extend and end
# only on the custody in progress; an extension names who approved it and moves the limit
# (start + policy.custody_days = 60 days, or the last extension's until); the end comes on or
# after the start and each extension, with an outcome; a case does not close while a custody is
# open. Every refusal exits 3 and writes nothing; `validate` names each rule on a hand-broken file.

bats_require_minimum_version 1.5.0
load helpers

# The assessed case with custody 1 started on 2026-11-03 (ex officio); today 2026-11-04.
in_custody() {
  case_at assessed
  day 2026-11-04
  cs custody "$ID" start --date 2026-11-03 --basis ex-officio --place "Central shelter" >/dev/null ||
    fail "custody start failed"
}

# ... extended on 2026-12-28 until 2027-03-03 by the council; today 2026-12-28.
extended() {
  in_custody
  day 2026-12-28
  cs custody "$ID" extend --date 2026-12-28 --until 2027-03-03 --approved-by council >/dev/null ||
    fail "custody extend failed"
}

# A field of custody 1.
custody1() { json_of "r[\"custody\"][0]$1"; }

# ---- start ----

@test "custody start: one commit dated by --date, the record holds what was given, place not in git" {
  case_at assessed
  day 2026-11-04
  snapshot
  run --separate-stderr cs custody "$ID" start --date 2026-11-03 --basis ex-officio --place "Central shelter"
  EVENT_DATE=2026-11-03 assert_committed "custody $ID: custody 1 started (ex-officio)" assessed
  assert_commit_files "$(case_file)"
  [ "$(json_of 'r["custody"]')" = "[{'n': 1, 'start': '2026-11-03', 'basis': 'ex-officio', 'place': 'Central shelter'}]" ]
  assert_status assessed
  run git -C "$DIR" log --format=%B
  refute_output --partial "Central shelter"
}

@test "custody start accepts the Japanese label (--basis 職権) and stores the code" {
  case_at assessed
  snapshot
  run --separate-stderr cs custody "$ID" start --basis 同意 --place 一時保護所
  assert_committed "custody $ID: custody 1 started (consent)" assessed
  [ "$(custody1 '["basis"]')" = consent ]
  [ "$(custody1 '["start"]')" = 2026-11-03 ]
  snapshot
  run --separate-stderr cs custody "$ID" start --basis 職権
  assert_refused custody.start-while-open
}

@test "custody start while one is open is refused (custody.start-while-open)" {
  in_custody
  snapshot
  run --separate-stderr cs custody "$ID" start --date 2026-11-04 --basis consent
  assert_refused custody.start-while-open "custody[1].start" "custody 1"
}

@test "custody start without a basis is refused (custody.basis-required)" {
  case_at assessed
  snapshot
  run --separate-stderr cs custody "$ID" start --date 2026-11-03
  assert_refused custody.basis-required "custody[0].basis" "ex-officio | consent"
}

@test "custody start in the future is refused (dates.future)" {
  case_at assessed
  snapshot
  run --separate-stderr cs custody "$ID" start --date 2026-11-04 --basis consent
  assert_refused dates.future "custody[0].start"
}

@test "custody start before the referral is refused (dates.order)" {
  case_at assessed
  snapshot
  run --separate-stderr cs custody "$ID" start --date 2026-11-01 --basis consent
  assert_refused dates.order "custody[0].start" "before the referral (2026-11-02)"
}

@test "custody on a closed case is refused by the status table; a wrong basis is a usage error" {
  case_at closed
  snapshot
  run --separate-stderr cs custody "$ID" start --basis consent
  assert_refused status.transition
  run --separate-stderr cs custody "$ID" start --basis police
  [ "$status" -eq 2 ] || fail "exit $status"
  assert_unchanged
}

# ---- extend ----

@test "custody extend: approved by the council (児童福祉審議会), until after the 60-day limit" {
  in_custody
  day 2026-12-28
  snapshot
  run --separate-stderr cs custody "$ID" extend --date 2026-12-28 --until 2027-03-03 --approved-by 児童福祉審議会 \
    --note "Mother disputes the custody"
  assert_committed "custody $ID: custody 1 extended until 2027-03-03 (council)" assessed
  [ "$(custody1 '["extensions"]')" = "[{'date': '2026-12-28', 'until': '2027-03-03', 'approved_by': 'council', 'note': 'Mother disputes the custody'}]" ]
  run git -C "$DIR" log --format=%B
  refute_output --partial "disputes"
}

@test "custody extend with no custody open is refused (custody.none-open)" {
  case_at assessed
  snapshot
  run --separate-stderr cs custody "$ID" extend --until 2027-03-03 --approved-by court
  assert_refused custody.none-open custody
}

@test "custody extend without approval is refused (custody.approved-by-required)" {
  in_custody
  day 2026-12-28
  snapshot
  run --separate-stderr cs custody "$ID" extend --until 2027-03-03
  assert_refused custody.approved-by-required "custody[0].extensions[0].approved_by"
}

@test "custody extend must move the limit: until after start + 60 days, then after the last until" {
  in_custody
  day 2026-12-28
  snapshot
  run --separate-stderr cs custody "$ID" extend --until 2027-01-02 --approved-by director
  assert_refused custody.extension-until "custody[0].extensions[0].until" "2027-01-02"
  run --separate-stderr cs custody "$ID" extend --approved-by director
  assert_refused custody.extension-until "custody[0].extensions[0].until"
  cs custody "$ID" extend --until 2027-01-03 --approved-by 所長 >/dev/null
  snapshot
  run --separate-stderr cs custody "$ID" extend --until 2027-01-03 --approved-by 家庭裁判所
  assert_refused custody.extension-until "custody[0].extensions[1].until" "2027-01-03"
}

@test "custody extend dated before the start is refused (custody.extension-date)" {
  in_custody
  snapshot
  run --separate-stderr cs custody "$ID" extend --date 2026-11-02 --until 2027-03-03 --approved-by court
  assert_refused custody.extension-date "custody[0].extensions[0].date"
}

# ---- end ----

@test "custody end: dated by --date, with the outcome; a second custody may start after it" {
  extended
  day 2027-01-21
  snapshot
  run --separate-stderr cs custody "$ID" end --date 2027-01-20 --outcome 家庭復帰
  EVENT_DATE=2027-01-20 assert_committed "custody $ID: custody 1 ended (returned-home)" assessed
  [ "$(custody1 '["ended"] + " " + r["custody"][0]["outcome"]')" = "2027-01-20 returned-home" ]
  snapshot
  run --separate-stderr cs custody "$ID" end --outcome other
  assert_refused custody.none-open custody
  run --separate-stderr cs custody "$ID" extend --until 2027-05-01 --approved-by court
  assert_refused custody.none-open custody
  run --separate-stderr cs custody "$ID" start --date 2027-01-19 --basis consent
  assert_refused custody.start-while-open "custody[1].start"
  run --separate-stderr cs custody "$ID" start --date 2027-01-21 --basis consent
  assert_committed "custody $ID: custody 2 started (consent)" assessed
}

@test "custody end before the start or before an extension is refused (custody.end-order)" {
  extended
  snapshot
  run --separate-stderr cs custody "$ID" end --date 2026-11-02 --outcome returned-home
  assert_refused custody.end-order "custody[0].ended"
  run --separate-stderr cs custody "$ID" end --date 2026-12-27 --outcome returned-home
  assert_refused custody.end-order "custody[0].ended" "extension 1"
}

@test "custody end without an outcome, or in the future, is refused" {
  in_custody
  snapshot
  run --separate-stderr cs custody "$ID" end --date 2026-11-04
  assert_refused custody.outcome-required "custody[0].outcome" "returned-home | placement | other"
  run --separate-stderr cs custody "$ID" end --date 2026-11-05 --outcome placement
  assert_refused dates.future "custody[0].ended"
}

@test "custody end with no custody at all is refused (custody.none-open)" {
  case_at assessed
  snapshot
  run --separate-stderr cs custody "$ID" end --outcome other
  assert_refused custody.none-open custody
}

# ---- closing ----

@test "closing while a custody is open is refused (close.custody-open); allowed once it ended" {
  case_at achieved
  day 2026-12-11
  cs custody "$ID" start --date 2026-12-10 --basis consent >/dev/null
  snapshot
  run --separate-stderr cs close "$ID" --reason goals-achieved --evaluation "Shelter worked"
  assert_refused close.custody-open "closures[0]" "custody 1"
  cs custody "$ID" end --date 2026-12-11 --outcome returned-home >/dev/null
  snapshot
  run --separate-stderr cs close "$ID" --reason goals-achieved --evaluation "Shelter worked"
  [ "$status" -eq 0 ] || fail "close failed: $stderr"
  assert_status closed
}

# ---- validate ----

@test "validate names each custody rule on a hand-broken file" {
  extended
  day 2027-01-21
  cs custody "$ID" end --date 2027-01-20 --outcome returned-home >/dev/null
  run --separate-stderr cs validate
  assert_success
  local f="$DIR/$(case_file)"
  cp "$f" "$T/good.yaml"

  py_edit 's.replace("    basis: ex-officio\n", "")'
  run --separate-stderr cs validate
  assert_validate_names custody.basis-required
  cp "$T/good.yaml" "$f"

  py_edit 's.replace("    start: 2026-11-03\n", "")'
  run --separate-stderr cs validate
  assert_validate_names custody.start-required
  cp "$T/good.yaml" "$f"

  py_edit 's.replace("        approved_by: council\n", "")'
  run --separate-stderr cs validate
  assert_validate_names custody.approved-by-required
  cp "$T/good.yaml" "$f"

  py_edit 's.replace("until: 2027-03-03", "until: 2026-12-30")'
  run --separate-stderr cs validate
  assert_validate_names custody.extension-until
  cp "$T/good.yaml" "$f"

  py_edit 's.replace("date: 2026-12-28", "date: 2026-11-01")'
  run --separate-stderr cs validate
  assert_validate_names custody.extension-date
  cp "$T/good.yaml" "$f"

  py_edit 's.replace("ended: 2027-01-20", "ended: 2026-12-01")'
  run --separate-stderr cs validate
  assert_validate_names custody.end-order
  cp "$T/good.yaml" "$f"

  py_edit 's.replace("    outcome: returned-home\n", "")'
  run --separate-stderr cs validate
  assert_validate_names custody.outcome-required
  cp "$T/good.yaml" "$f"

  py_edit 's.replace("ended: 2027-01-20", "ended: 2027-02-20")'
  run --separate-stderr cs validate
  assert_validate_names dates.future
  cp "$T/good.yaml" "$f"

  # a second custody starting while the first is open
  py_edit 's.replace("    ended: 2027-01-20\n    outcome: returned-home\n", "  - n: 2\n    start: 2027-01-10\n    basis: consent\n")'
  run --separate-stderr cs validate
  assert_validate_names custody.start-while-open
  cp "$T/good.yaml" "$f"

  py_edit 's.replace("custody:\n  - n: 1", "custody:\n  - n: 4")'
  run --separate-stderr cs validate
  assert_validate_names record.n-sequence
}

@test "validate names close.custody-open on a closed case whose custody was reopened by hand" {
  case_at achieved
  day 2026-12-11
  cs custody "$ID" start --date 2026-12-10 --basis consent >/dev/null
  cs custody "$ID" end --date 2026-12-11 --outcome returned-home >/dev/null
  cs close "$ID" --reason goals-achieved --evaluation "Shelter worked" >/dev/null
  run --separate-stderr cs validate
  assert_success
  py_edit 's.replace("    ended: 2026-12-11\n    outcome: returned-home\n", "")'
  run --separate-stderr cs validate
  assert_validate_names close.custody-open
}

@test "custody --help and each subcommand's --help exit 0 with an example" {
  for cmd in custody "custody start" "custody extend" "custody end"; do
    # shellcheck disable=SC2086
    run casectl $cmd --help
    assert_success
    assert_output --partial "Example"
  done
  run casectl custody extend --help
  assert_output --partial "--approved-by"
  assert_output --partial "council (child welfare council) | court (family court) | director"
}
