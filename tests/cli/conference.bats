# casectl conference: a case conference (援助方針会議) with its kind, attendees (registered
# workers) and decision; numbered, one commit, status unchanged; every rule refused before
# writing and reported by validate on a hand-broken file.

bats_require_minimum_version 1.5.0
load helpers

@test "conference is recorded: numbered, exact content, one commit, status unchanged, decision not in the message" {
  case_at active
  day 2026-11-12
  snapshot
  run --separate-stderr cs conference "$ID" --date 2026-11-11 --kind plan --attendee sato --attendee tanaka \
    --decision "Custody continues; family meeting next week"
  EVENT_DATE=2026-11-11 assert_committed "conference $ID: conference 1 (plan), 2 attendees" active
  assert_commit_files "$(case_file)"
  assert_output "conference $ID: conference 1 (plan), 2 attendees (status active)"
  run grep -A7 '^conferences:$' "$DIR/$(case_file)"
  assert_output "conferences:
  - n: 1
    date: 2026-11-11
    kind: plan
    attendees:
      - sato
      - tanaka
    decision: Custody continues; family meeting next week"
  run git -C "$DIR" log -1 --format=%B
  refute_output --partial "family meeting"
  run --separate-stderr cs validate "$ID"
  assert_success
}

@test "a second conference is number 2, dated today by default; the kind by its Japanese label" {
  case_at active
  day 2026-11-12
  cs conference "$ID" --kind plan --attendee sato --decision "First" >/dev/null
  snapshot
  run --separate-stderr cs conference "$ID" --kind 評価 --attendee tanaka --decision "Second"
  assert_committed "conference $ID: conference 2 (review), 1 attendee" active
  [ "$(json_of 'r["conferences"][1]["n"]')" = 2 ]
  [ "$(json_of 'r["conferences"][1]["kind"]')" = review ]
  [ "$(json_of 'r["conferences"][1]["date"]')" = 2026-11-12 ]
}

@test "conference with no attendee is refused (conference.attendee-required), nothing written" {
  case_at active
  snapshot
  run --separate-stderr cs conference "$ID" --kind plan --decision "Decided"
  assert_refused conference.attendee-required conferences[0].attendees
}

@test "conference with an unknown attendee is refused (conference.attendee-unknown), nothing written" {
  case_at active
  snapshot
  run --separate-stderr cs conference "$ID" --kind plan --attendee sato --attendee nobody --decision "Decided"
  assert_refused conference.attendee-unknown "conferences[0].attendees[1]" "'nobody'"
}

@test "conference without a decision is refused (conference.decision-required), nothing written" {
  case_at active
  snapshot
  run --separate-stderr cs conference "$ID" --kind plan --attendee sato
  assert_refused conference.decision-required conferences[0].decision
}

@test "conference with a kind outside the list is a usage error (exit 2), nothing written" {
  case_at active
  snapshot
  run --separate-stderr cs conference "$ID" --kind party --attendee sato --decision "Decided"
  [ "$status" -eq 2 ] || fail "expected exit 2, got $status"
  assert_unchanged
}

@test "conference on a closed case is refused (status.transition)" {
  case_at closed
  snapshot
  run --separate-stderr cs conference "$ID" --kind closure --attendee sato --decision "Decided"
  assert_refused status.transition status
}

@test "conference on a case that does not exist exits 4" {
  make_dir
  export CASECTL_WORKER=sato
  run --separate-stderr cs conference C-2026-0042 --kind plan --attendee sato --decision "Decided"
  [ "$status" -eq 4 ] || fail "expected exit 4, got $status"
}

# ---- validate on hand-broken files ----

hand_conference() {
  case_at active
  day 2026-11-12
  cs conference "$ID" --date 2026-11-11 --kind plan --attendee sato --attendee tanaka --decision "Decided" >/dev/null
}

@test "validate: an attendee changed by hand to an unregistered worker -> conference.attendee-unknown" {
  hand_conference
  sed -i 's/^      - tanaka$/      - nobody/' "$DIR/$(case_file)"
  run --separate-stderr cs validate
  [ "$status" -eq 1 ] || fail "expected exit 1, got $status"
  assert_output --partial "$ID: conference.attendee-unknown: "
}

@test "validate: attendees removed by hand -> conference.attendee-required" {
  hand_conference
  sed -i '/^    attendees:$/,/^      - tanaka$/d' "$DIR/$(case_file)"
  run --separate-stderr cs validate
  [ "$status" -eq 1 ] || fail "expected exit 1, got $status; $output"
  assert_output --partial "$ID: conference.attendee-required: "
}

@test "validate: decision removed by hand -> conference.decision-required; n changed -> record.n-sequence" {
  hand_conference
  sed -i -e '/^    decision: Decided$/d' -e '/^conferences:$/,/^[a-z]/ s/^  - n: 1$/  - n: 3/' "$DIR/$(case_file)"
  run --separate-stderr cs validate
  [ "$status" -eq 1 ] || fail "expected exit 1, got $status"
  assert_output --partial "$ID: conference.decision-required: "
  assert_output --partial "$ID: record.n-sequence: "
}

@test "validate: kind removed by hand -> conference.kind-required" {
  hand_conference
  sed -i '/^    kind: plan$/d' "$DIR/$(case_file)"
  run --separate-stderr cs validate
  [ "$status" -eq 1 ] || fail "expected exit 1, got $status"
  assert_output --partial "$ID: conference.kind-required: "
}
