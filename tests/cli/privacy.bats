# Issue 8, item 8: errors never echo personal data. A refusal names the case, the rule, the field
# and what would satisfy it; it quotes a value only when it is a code from a closed list or a
# number, never free text, names or dates of birth (SPEC sections 4, 6 and 8). Every free-text
# field below holds a marker string and every birth date an impossible or future date that is a
# marker too (event dates, which messages may quote, use other dates); many commands are refused;
# no marker may reach stdout or stderr.

bats_require_minimum_version 1.5.0
load helpers
load helpers_integrity

MARKERS="MARKER_NAME_x91 MARKER_TEXT_x92 MARKER_ADDR_x93 MARKER_NOTE_x94 MARKER_REASON_x95 MARKER_EVAL_x96 MARKER_WORKER_x97 2030-02-31 2031-07-15"

# Runs casectl on $DIR with the arguments (stdin from $FORM_INPUT when set), expects a failure and
# no marker in what it prints.
refused_quietly() {
  if [ -n "${FORM_INPUT:-}" ]; then
    run --separate-stderr cs "$@" <<<"$FORM_INPUT"
  else
    run --separate-stderr cs "$@"
  fi
  [ "$status" -ne 0 ] || fail "expected a refusal of: $*; got exit 0: $output"
  assert_no_marker "casectl $*"
}

@test "new refused in many ways: no name, address, reason or birth date in any message" {
  # issue 8, item 8
  make_dir
  export CASECTL_WORKER=sato
  snapshot
  local base=(--name MARKER_NAME_x91 --address MARKER_ADDR_x93 --reason MARKER_REASON_x95
    --sex female --source school --urgency urgent --concern physical-abuse)
  # An impossible birth date (no 31 February), a birth date after today, a malformed one.
  refused_quietly new "${base[@]}" --birth-date 2030-02-31
  refused_quietly new "${base[@]}" --birth-date 2031-07-15
  refused_quietly new "${base[@]}" --birth-date "MARKER_TEXT_x92"
  # A received time after now, a bad urgency, a bad sex (codes may be quoted, text may not).
  refused_quietly new "${base[@]}" --birth-date 2018-04-12 --received "2029-01-01 10:00"
  refused_quietly new "${base[@]}" --birth-date 2018-04-12 --urgency whenever
  refused_quietly new "${base[@]}" --birth-date 2018-04-12 --date 2029-01-01
  # The same from a form.
  FORM_INPUT='client:
  name: MARKER_NAME_x91
  birth_date: 2031-07-15
  sex: female
  address: MARKER_ADDR_x93
household:
  - {name: MARKER_NAME_x91, relation: MARKER_TEXT_x92, notes: MARKER_NOTE_x94}
referral:
  source: school
  urgency: urgent
  concerns: [physical-abuse]
  reason: MARKER_REASON_x95
  reporter: MARKER_NAME_x91' refused_quietly new --file -
  FORM_INPUT='client: {name: MARKER_NAME_x91, birth_date: 2030-02-31, sex: female}
referral: {source: school, urgency: urgent, concerns: [physical-abuse], reason: MARKER_REASON_x95}' \
    refused_quietly new --file -
  FORM_INPUT='client: {name: MARKER_NAME_x91, birth_date: 2018-04-12, sex: female, hobby: MARKER_TEXT_x92}
referral: {source: school, urgency: urgent, concerns: [physical-abuse]}' refused_quietly new --file -
  assert_unchanged
}

@test "stage commands refused: no note, reason, evaluation or progress text in any message" {
  # issue 8, item 8
  case_at active
  day 2026-12-10
  snapshot
  # A misspelt progress status with a note: the note must not be echoed.
  refused_quietly review "$ID" --progress "G1:inprogres:MARKER_NOTE_x94" --progress G2:achieved \
    --delivered S1:yes --delivered S2:yes --safety safe --risk low --decision continue --next-review 2027-01-10
  refused_quietly review "$ID" --progress "G9:achieved:MARKER_NOTE_x94" --progress G1:achieved \
    --progress G2:achieved --delivered S1:yes --delivered S2:yes --safety safe --risk low --decision continue \
    --next-review 2027-01-10
  refused_quietly review "$ID" --progress G1:achieved --progress G2:achieved \
    --delivered "S1:sometimes:MARKER_NOTE_x94" --delivered S2:yes --safety safe --risk low --decision continue \
    --next-review 2027-01-10
  # A review without a decision, its summary a marker.
  FORM_INPUT='progress: [{goal: G1, status: achieved, note: MARKER_NOTE_x94}]
summary: MARKER_TEXT_x92' refused_quietly review "$ID" --file -
  # A closure whose goals are not achieved, and one without a reason.
  refused_quietly close "$ID" --reason goals-achieved --evaluation MARKER_EVAL_x96 \
    --follow-up MARKER_TEXT_x92
  refused_quietly close "$ID" --evaluation MARKER_EVAL_x96
  refused_quietly close "$ID" --reason goals-achieved --evaluation MARKER_EVAL_x96 \
    --outcome "G1:achievd:MARKER_NOTE_x94"
  # Reopening an open case; a note of an unknown kind; a note dated in the future.
  refused_quietly reopen "$ID" --reason MARKER_REASON_x95
  refused_quietly note "$ID" MARKER_NOTE_x94 --kind visit
  refused_quietly note "$ID" MARKER_NOTE_x94 --kind phone --date 2029-01-01
  # A consent given by a marker that expires before it is given.
  refused_quietly consent "$ID" --party MARKER_TEXT_x92 --scope share-plan --given-by MARKER_NAME_x91 \
    --expires 2026-01-01
  # An assessment form breaking rules with markers in every text.
  FORM_INPUT='methods: [home-visit]
safety: unsafe
risk: high
needs: [{id: N1, domain: safety, text: MARKER_TEXT_x92}, {id: N1, domain: health, text: MARKER_NOTE_x94}]
strengths: [MARKER_NAME_x91]
summary: MARKER_TEXT_x92' refused_quietly assess "$ID" --file -
  # A plan form whose goal has no service, with markers in its texts.
  FORM_INPUT='goals:
  - {id: G1, needs: [N1, N2], text: MARKER_TEXT_x92, measure: MARKER_NOTE_x94, due: 2027-01-31}
participation: {client_views: MARKER_NAME_x91, family_views: MARKER_TEXT_x92}
next_review: 2026-12-20' refused_quietly plan "$ID" --file -
  assert_unchanged
}

@test "approvals and closures refused: no text in any message" {
  # issue 8, item 8
  case_at assessed
  day 2026-11-20
  snapshot
  refused_quietly --worker sato approve "$ID" closure --note MARKER_NOTE_x94
  refused_quietly close "$ID" --reason transferred --evaluation MARKER_EVAL_x96 --follow-up MARKER_TEXT_x92
  refused_quietly close "$ID" --reason no-further-action --evaluation MARKER_EVAL_x96
  assert_unchanged
}

@test "edit refused: no marker from the edited record in any message" {
  # issue 8, item 8
  case_at active
  day 2026-11-20
  snapshot
  # The editor puts markers in the name and the summary and breaks rules (a future birth date,
  # an unsafe assessment with no immediate action).
  use_editor 'sed -i -e "s/^  name: .*/  name: MARKER_NAME_x91/" -e "s/^  birth_date: .*/  birth_date: 2031-07-15/" -e "s/^    summary: .*/    summary: MARKER_TEXT_x92/" -e "/^    immediate_actions:\$/,+1d" "$1"'
  refused_quietly edit "$ID" --reason correction --note MARKER_NOTE_x94
  assert_unchanged
}

@test "edit of a closed case by a worker refused: no marker in the message" {
  # issue 8, item 8
  case_at closed
  day 2027-01-10
  snapshot
  use_editor 'sed -i -e "s/^  name: .*/  name: MARKER_NAME_x91/" "$1"'
  refused_quietly --worker sato edit "$ID" --reason typo --note MARKER_NOTE_x94
  assert_unchanged
}

@test "validate on a hand-edited record: places and rules, no personal data" {
  # issue 8, item 8
  case_at active
  sed -i -e 's/^  name: .*/  name: MARKER_NAME_x91/' -e 's/^  birth_date: .*/  birth_date: 2031-07-15/' \
    -e 's/^  reason: .*/  reason: MARKER_REASON_x95/' -e 's/^    summary: .*/    summary: MARKER_TEXT_x92/' "$DIR/$(case_file)"
  run --separate-stderr cs validate
  [ "$status" -ne 0 ] || fail "validate found nothing"
  assert_no_marker "casectl validate"
  run --separate-stderr cs validate "$ID"
  [ "$status" -ne 0 ] || fail "validate $ID found nothing"
  assert_no_marker "casectl validate $ID"
}

@test "worker commands refused: no worker name or email in any message" {
  # issue 8, item 8 (a worker's name and email are personal data too)
  make_dir
  export CASECTL_WORKER=sato
  snapshot
  refused_quietly worker add suzuki --name $'MARKER_WORKER_x97\nX' --email suzuki@example.org
  refused_quietly worker add suzuki --name "MARKER_WORKER_x97 <x>" --email suzuki@example.org
  refused_quietly worker add suzuki --name "Suzuki Aoi" --email "MARKER_WORKER_x97.example.org"
  refused_quietly worker add suzuki --name "Suzuki Aoi" --email "MARKER_WORKER_x97@example.org>"
  refused_quietly worker set sato --name "MARKER_WORKER_x97 <x>"
  refused_quietly worker set sato --email "MARKER_WORKER_x97"
  assert_unchanged
}

@test "nothing of the markers reaches the commit history of refused commands either" {
  # issue 8, item 8 (SPEC section 6: no personal data outside the case's files)
  case_at active
  day 2026-12-10
  cs review "$ID" --progress "G1:inprogres:MARKER_NOTE_x94" --progress G2:achieved --delivered S1:yes \
    --delivered S2:yes --safety safe --risk low --decision continue --next-review 2027-01-10 2>/dev/null || true
  cs review "$ID" --progress "G1:in-progress:MARKER_NOTE_x94" --progress G2:achieved --delivered S1:yes \
    --delivered S2:yes --safety safe --risk low --decision continue --next-review 2027-01-10 >/dev/null
  run git -C "$DIR" log --all --format='%an%n%ae%n%B'
  assert_no_marker "git log"
  run git -C "$DIR" branch -a
  assert_no_marker "git branch"
}
