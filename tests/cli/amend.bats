# Issue 8, item 4: edits no longer rewrite the past silently. `casectl edit ID --reason
# typo|late-information|correction|wrong-case|other [--note TEXT]` records an `amendments` entry
# {date, by, reason, sections, note}, its commit carries `Amendment: REASON`, documents whose facts
# changed are rendered again in the same commit with a line saying they were amended, and a closed
# case may be edited only by a supervisor (SPEC sections 3, 4 and 6). The editor is a script.

bats_require_minimum_version 1.5.0
load helpers
load helpers_integrity

# An editor that corrects the client's sex: a one-line fact of the `client` section.
fix_sex() { use_editor 'sed -i "s/^  sex: female$/  sex: other/" "$1"'; }

# ---- a reason is required ----

@test "edit without --reason is a usage error (exit 2): the editor never runs, nothing written" {
  # issue 8, item 4
  case_at active
  day 2026-11-20
  snapshot
  use_editor 'touch "'"$T"'/editor-ran"' 'sed -i "s/^  sex: female$/  sex: other/" "$1"'
  run --separate-stderr cs edit "$ID"
  assert_exit_unchanged 2
  [[ "$stderr" == *"--reason"* ]] || fail "stderr does not name --reason: $stderr"
  [ ! -e "$T/editor-ran" ] || fail "the editor ran although no reason was given"
}

@test "edit --reason outside the list is refused naming the reasons, nothing written" {
  # issue 8, item 4
  case_at active
  day 2026-11-20
  snapshot
  fix_sex
  run --separate-stderr cs edit "$ID" --reason whim
  [ "$status" -eq 2 ] || [ "$status" -eq 3 ] || fail "expected exit 2 or 3, got $status: $stderr"
  [[ "$stderr" == *"typo"*"late-information"*"correction"*"wrong-case"*"other"* ]] ||
    fail "the reasons are not named: $stderr"
  assert_unchanged
}

# ---- the amendment recorded ----

@test "edit --reason typo --note: amendments entry {date, by, reason, sections, note}, one commit" {
  # issue 8, item 4
  case_at active
  day 2026-11-20
  snapshot
  fix_sex
  run --separate-stderr cs edit "$ID" --reason typo --note "Sex typed wrongly at intake"
  assert_one_commit_by sato
  [ "$(git -C "$DIR" log -1 --format=%ad --date=short)" = 2026-11-20 ]
  [ "$(json_get 'r["client"]["sex"]')" = other ]
  [ "$(json_get '[(a["date"], a["by"], a["reason"], a["sections"], a["note"]) for a in r["amendments"]]')" = \
    "[('2026-11-20', 'sato', 'typo', ['client'], 'Sex typed wrongly at intake')]" ]
  assert_private "$(case_file)"
  assert_clean
}

@test "the edit commit carries the trailer Amendment: REASON and none of the note" {
  # issue 8, item 4 (SPEC section 6)
  case_at active
  day 2026-11-20
  snapshot
  fix_sex
  run --separate-stderr cs edit "$ID" --reason late-information --note "Mother phoned with the correct details"
  assert_one_commit_by sato
  run git -C "$DIR" log -1 --format=%B
  assert_line "Amendment: late-information"
  assert_line "Case: $ID"
  assert_line "Worker: sato"
  refute_output --partial "Mother phoned"
}

@test "two edits give two amendments, in order" {
  # issue 8, item 4
  case_at active
  day 2026-11-20
  fix_sex
  cs edit "$ID" --reason typo >/dev/null
  day 2026-11-25
  use_editor 'sed -i "s/^  sex: other$/  sex: female/" "$1"'
  cs edit "$ID" --reason correction --note "It was right the first time" >/dev/null
  [ "$(json_get '[(a["date"], a["reason"]) for a in r["amendments"]]')" = \
    "[('2026-11-20', 'typo'), ('2026-11-25', 'correction')]" ]
}

@test "an edit that changes nothing records no amendment and commits nothing" {
  # issue 8, item 4
  case_at active
  day 2026-11-20
  snapshot
  export EDITOR=true
  run --separate-stderr cs edit "$ID" --reason typo
  assert_success
  assert_output "no change"
  assert_unchanged
}

@test "an edit may not rewrite an earlier amendment (the record of amendments only grows)" {
  # issue 8, item 4 ("edits rewrite the past silently"): an edit cannot hide an earlier one.
  # Inferred from the issue; SPEC section 4 does not spell this rule out.
  case_at active
  day 2026-11-20
  fix_sex
  cs edit "$ID" --reason typo >/dev/null
  day 2026-11-25
  snapshot
  use_editor 'sed -i "s/^    reason: typo$/    reason: other/" "$1"'
  run --separate-stderr cs edit "$ID" --reason other
  assert_refused_any amendment
}

# ---- documents re-rendered, marked as amended ----

@test "a plan fact corrected: plan-1.md re-rendered in the same commit, with a line saying it was amended" {
  # issue 8, item 4
  case_at active
  day 2026-11-20
  snapshot
  use_editor 'sed -i "s/provider: City Hospital paediatrics/provider: Riverside Clinic/" "$1"'
  run --separate-stderr cs edit "$ID" --reason correction --note "The hospital referred on"
  assert_one_commit_by sato
  assert_commit_files "$(case_file)" "$(doc_file plan-1.md)"
  grep -qF "Riverside Clinic" "$DIR/$(doc_file plan-1.md)"
  # The amended line: the date of the amendment and its reason.
  local line
  line="$(grep -iE "amended" "$DIR/$(doc_file plan-1.md)")" || fail "plan-1.md does not say it was amended"
  grep -qE "2026-11-20|20 November 2026" <<<"$line" || fail "the amended line has no date: $line"
  grep -qiF "correction" <<<"$line" || fail "the amended line has no reason: $line"
  run ! grep -qF "The hospital referred on" "$DIR/$(doc_file plan-1.md)"
  # And `doc` renders the same: up to date.
  run --separate-stderr cs doc "$ID" plan 1
  assert_success
  assert_output --partial "up to date"
  assert_clean
}

@test "a fact no document shows: no document is re-rendered, only case.yaml committed" {
  # issue 8, item 4 (only documents whose facts changed)
  case_at active
  day 2026-11-20
  snapshot
  use_editor 'sed -i "s/^  address: .*$/  address: 桜町3丁目1-1/" "$1"'
  run --separate-stderr cs edit "$ID" --reason late-information
  assert_one_commit_by sato
  assert_commit_files "$(case_file)"
}

@test "an amended plan does not make an untouched review document say it was amended" {
  # issue 8, item 4
  case_at reviewed
  day 2026-12-20
  snapshot
  use_editor 'sed -i "s/frequency: once/frequency: twice/" "$1"'
  run --separate-stderr cs edit "$ID" --reason typo
  assert_one_commit_by sato
  run ! grep -qi "amended" "$DIR/$(doc_file review-1.md)"
}

# ---- closed cases: supervisors only ----

@test "a closed case edited by a worker who is not a supervisor is refused (exit 3), nothing written" {
  # issue 8, item 4
  case_at closed
  day 2027-01-10
  snapshot
  fix_sex
  run --separate-stderr cs --worker sato edit "$ID" --reason typo
  assert_refused_any closed supervisor
}

@test "a closed case edited by a supervisor: accepted, amendment by the supervisor, closure-1.md amended" {
  # issue 8, item 4
  case_at closed
  day 2027-01-10
  snapshot
  use_editor 'sed -i "s/^    evaluation: Shelter and paediatric follow-up worked$/    evaluation: Shelter, paediatric follow-up and the school worked/" "$1"'
  run --separate-stderr cs --worker tanaka edit "$ID" --reason late-information --note "School report arrived"
  assert_one_commit_by tanaka
  assert_status closed
  assert_commit_files "$(case_file)" "$(doc_file closure-1.md)"
  [ "$(json_get '[(a["by"], a["reason"], a["sections"]) for a in r["amendments"]]')" = \
    "[('tanaka', 'late-information', ['closures'])]" ]
  grep -qF "Shelter, paediatric follow-up and the school worked" "$DIR/$(doc_file closure-1.md)"
  grep -iE "amended" "$DIR/$(doc_file closure-1.md)" | grep -qiE "late.information" ||
    fail "closure-1.md does not say it was amended for late information"
  run git -C "$DIR" log -1 --format=%B
  assert_line "Amendment: late-information"
}

# ---- shown ----

@test "show lists the amendments: date, worker, reason, sections" {
  # issue 8, item 4 (show gives amendments)
  case_at active
  day 2026-11-20
  fix_sex
  cs edit "$ID" --reason typo >/dev/null
  run --separate-stderr cs show "$ID"
  assert_success
  assert_output --regexp "[Aa]mend"
  assert_output --regexp "2026-11-20.*typo|typo.*2026-11-20"
}

@test "an edit cannot record a supervisor's approval in their name (edit.acts-of-others), nothing written" {
  # review finding: otherwise a worker could type an approval by tanaka and then close at high risk
  case_at active
  day 2026-11-20
  use_editor 'cat >>"$1" <<EOT
approvals:
  - n: 1
    kind: closure
    date: 2026-11-20
    by: tanaka
EOT'
  snapshot
  run --separate-stderr cs --worker sato edit "$ID" --reason other
  [ "$status" -eq 3 ] || fail "expected exit 3, got $status: $stderr"
  [[ "$stderr" == *"edit.acts-of-others"* ]] || fail "stderr: $stderr"
  assert_unchanged
  # Nor a note in another worker's name.
  use_editor 'cat >>"$1" <<EOT
notes:
  - date: 2026-11-20
    by: tanaka
    kind: phone
    text: Called the school
EOT'
  grep -q '^notes:' "$DIR/$(case_file)" && skip "the fixture already has notes"
  run --separate-stderr cs --worker sato edit "$ID" --reason other
  [ "$status" -eq 3 ] || fail "expected exit 3 for a note by tanaka, got $status: $stderr"
  assert_unchanged
}
