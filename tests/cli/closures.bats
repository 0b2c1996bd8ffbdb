# Issue 8, items 1 and 2: every closure is kept (`closures:` a list, closure-N.md per closure), and
# a closure document is bound to its closure and the plan it closed (SPEC sections 3, 4 and 7).
# The case: closed on 2026-12-11 (plan 1 achieved), reopened 2027-03-01, re-assessed 2027-03-02,
# plan 2 on 2027-03-05, reviewed 2027-04-30, closed again 2027-05-07.

bats_require_minimum_version 1.5.0
load helpers
load helpers_integrity

# ---- the first closure ----

@test "close writes closure-1.md and closures[0] with n, date, by, the plan it closed, no approval" {
  # issue 8, item 2 (closures as a list)
  case_at achieved
  day 2026-12-11
  snapshot
  run --separate-stderr cs close "$ID" --reason goals-achieved --evaluation "Shelter worked" \
    --follow-up "School watches attendance"
  assert_committed "close $ID: closure 1, goals-achieved" closed
  assert_commit_files "$(case_file)" "$(doc_file closure-1.md)"
  assert_private "$(doc_file closure-1.md)"
  [ ! -e "$DIR/$(doc_file closure.md)" ] || fail "closure.md written besides closure-1.md"
  [ "$(json_get 'len(r["closures"])')" = 1 ]
  [ "$(json_get 'r["closures"][0]["n"]')" = 1 ]
  [ "$(json_get 'r["closures"][0]["date"]')" = 2026-12-11 ]
  [ "$(json_get 'r["closures"][0]["by"]')" = sato ]
  [ "$(json_get 'r["closures"][0]["plan"]')" = 1 ]
  [ "$(json_get 'r["closures"][0]["reason"]')" = goals-achieved ]
  [ "$(json_get 'r["closures"][0].get("approval")')" = None ]
  [ "$(json_get 'r["closures"][0]["evaluation"]')" = "Shelter worked" ]
  [ "$(json_get 'r["closures"][0]["follow_up"]')" = "School watches attendance" ]
  [ "$(json_get '" ".join(o["goal"] + ":" + o["status"] for o in r["closures"][0]["outcomes"])')" = \
    "G1:achieved G2:achieved" ]
  [ "$(json_get '"closure" in r')" = False ] || fail "the record still has a single closure: section"
  grep -q '^closures:$' "$DIR/$(case_file)" || fail "case.yaml has no closures: list"
}

@test "closing an intake case with no plan: the closure's plan is null" {
  # issue 8, item 2 (closure.plan null if none)
  case_at intake
  day 2026-11-03
  cs assess "$ID" --file "$STAGE_FORMS/assess-safe-low.yaml" >/dev/null
  day 2026-11-04
  snapshot
  run --separate-stderr cs close "$ID" --reason no-further-action --evaluation "Income restored"
  assert_committed "close $ID: closure 1, no-further-action" closed
  assert_commit_files "$(case_file)" "$(doc_file closure-1.md)"
  [ "$(json_get 'r["closures"][0].get("plan")')" = None ]
}

# ---- item 1: a re-rendered closure document does not lie ----

@test "doc closure 1 after reopen, re-assessment and plan 2: closure-1.md byte-identical, no commit" {
  # issue 8, item 1
  case_at closed
  keep_copy closure-1.md
  reopen_and_replan
  day 2027-03-06
  snapshot
  run --separate-stderr cs doc "$ID" closure 1
  [ "$status" -eq 0 ] || fail "doc closure 1: exit $status; $output $stderr"
  assert_output --partial "up to date"
  assert_unchanged
  assert_same_as_kept closure-1.md
  # Still the plan it closed: plan 1's goals, none of plan 2's.
  grep -qF "The bruising is examined by a paediatrician" "$DIR/$(doc_file closure-1.md)"
  run ! grep -qF "The parents manage the return home with support" "$DIR/$(doc_file closure-1.md)"
  assert_clean
}

@test "doc closure 1 --stdout after plan 2 prints the closure of plan 1, exactly the file" {
  # issue 8, item 1
  case_at closed
  reopen_and_replan
  day 2027-03-06
  snapshot
  cs doc "$ID" closure 1 --stdout >"$T/stdout.md"
  cmp "$T/stdout.md" "$DIR/$(doc_file closure-1.md)"
  assert_unchanged
}

@test "doc closure 1 after a template change re-renders it from closure 1 and plan 1" {
  # issue 8, item 1: rendering again changes only by a template change, never by later events
  case_at closed
  reopen_and_replan
  mkdir -p "$DIR/templates/en"
  printf 'Closure of {{case_id}}\n' >"$DIR/templates/en/closure.md.mustache"
  git -C "$DIR" add templates && git -C "$DIR" -c user.name=Admin -c user.email=admin@example.org \
    commit -qm "template"
  day 2027-03-06
  snapshot
  run --separate-stderr cs doc "$ID" closure 1
  [ "$status" -eq 0 ] || fail "doc closure 1: exit $status; $output $stderr"
  [ "$(git -C "$DIR" rev-parse HEAD^)" = "$SNAP_HEAD" ] || fail "not exactly one new commit"
  [ "$(git -C "$DIR" log -1 --format=%s)" = "doc $ID: closure-1.md rendered again" ] ||
    fail "subject: $(git -C "$DIR" log -1 --format=%s)"
  assert_commit_files "$(doc_file closure-1.md)"
  [ "$(cat "$DIR/$(doc_file closure-1.md)")" = "Closure of $ID" ]
  assert_clean
}

@test "doc closure with no N on a case closed twice renders the latest; closure 3 is not found (exit 4)" {
  # issue 8, items 1 and 2
  case_at closed
  reopen_and_replan
  second_closure
  snapshot
  run --separate-stderr cs doc "$ID" closure
  [ "$status" -eq 0 ] || fail "doc closure: exit $status; $output $stderr"
  assert_output --partial "closure-2.md"
  assert_output --partial "up to date"
  run --separate-stderr cs doc "$ID" closure 3
  [ "$status" -eq 4 ] || fail "doc closure 3: expected exit 4, got $status; $stderr"
  assert_unchanged
}

# ---- item 2: a second closure keeps the first ----

@test "close, reopen, close again: both closures kept, closure-1.md untouched, closure-2.md added" {
  # issue 8, item 2
  case_at closed
  keep_copy closure-1.md
  reopen_and_replan
  day 2027-04-30
  cs review "$ID" --progress G1:achieved --delivered S1:yes --safety safe --risk low \
    --decision close >/dev/null
  day 2027-05-07
  snapshot
  run --separate-stderr cs close "$ID" --reason goals-achieved --evaluation "Weekly visits kept the family steady"
  assert_committed "close $ID: closure 2, goals-achieved" closed
  # Only the record and the new document in the commit; closure-1.md byte for byte as before.
  assert_commit_files "$(case_file)" "$(doc_file closure-2.md)"
  assert_same_as_kept closure-1.md
  assert_private "$(doc_file closure-2.md)"
  [ "$(json_get 'len(r["closures"])')" = 2 ]
  [ "$(json_get '[(c["n"], c["date"], c["plan"], c["reason"]) for c in r["closures"]]')" = \
    "[(1, '2026-12-11', 1, 'goals-achieved'), (2, '2027-05-07', 2, 'goals-achieved')]" ]
  [ "$(json_get 'r["closures"][0]["evaluation"]')" = "Shelter and paediatric follow-up worked" ]
  [ "$(json_get 'r["closures"][1]["evaluation"]')" = "Weekly visits kept the family steady" ]
  [ "$(json_get '[o["goal"] for o in r["closures"][1]["outcomes"]]')" = "['G1']" ]
  [ "$(json_get '[(x["n"], x["closure"]) for x in r["reopenings"]]')" = "[(1, 1)]" ]
  # closure-2.md is the closure of plan 2.
  grep -qF "Weekly visits kept the family steady" "$DIR/$(doc_file closure-2.md)"
  grep -qF "The parents manage the return home with support" "$DIR/$(doc_file closure-2.md)"
  run ! grep -qF "The bruising is examined" "$DIR/$(doc_file closure-2.md)"
  assert_clean
}

@test "after two closures both documents are up to date and validate finds no problem" {
  # issue 8, item 2
  case_at closed
  reopen_and_replan
  second_closure
  snapshot
  run --separate-stderr cs doc "$ID" closure 1
  [ "$status" -eq 0 ] && [[ "$output" == *"up to date"* ]] || fail "closure 1: $status $output $stderr"
  run --separate-stderr cs doc "$ID" closure 2
  [ "$status" -eq 0 ] && [[ "$output" == *"up to date"* ]] || fail "closure 2: $status $output $stderr"
  assert_unchanged
  run --separate-stderr cs validate
  [ "$status" -eq 0 ] || fail "validate: exit $status: $output $stderr"
}

@test "a reopening names the closure it reopened (reopenings[].closure)" {
  # issue 8, item 2
  case_at closed
  reopen_and_replan
  second_closure
  day 2027-06-01
  snapshot
  run --separate-stderr cs reopen "$ID" --reason "Third report from the school"
  assert_committed "reopen $ID: reopening 2 of closure 2" intake
  [ "$(json_get '[(x["n"], x["closure"], x["date"]) for x in r["reopenings"]]')" = \
    "[(1, 1, '2027-03-01'), (2, 2, '2027-06-01')]" ]
  [ "$(json_get 'len(r["closures"])')" = 2 ]
}

@test "show lists every closure with its reason and every reopening with its reason" {
  # issue 8, item 2 (show: reopenings with reasons, every closure)
  case_at closed
  reopen_and_replan
  second_closure
  run --separate-stderr cs show "$ID"
  assert_success
  assert_output --partial "2026-12-11"
  assert_output --partial "2027-05-07"
  assert_output --partial "Shelter and paediatric follow-up worked"
  assert_output --partial "Weekly visits kept the family steady"
  assert_output --partial "2027-03-01"
  assert_output --partial "The school reports new absences"
}

@test "validate: a reopening naming a closure that does not exist is reported at FILE:LINE:COL" {
  # issue 8 (validate checks the new rules on hand-edited files)
  case_at closed
  reopen_and_replan
  edit_section reopenings '^(\s*)closure: 1$' '\1closure: 7'
  local line
  line="$(line_in_section reopenings 'closure: 7$')"
  run --separate-stderr cs validate
  assert_problem_at "$line:$(col_of_line "$line")"
}
