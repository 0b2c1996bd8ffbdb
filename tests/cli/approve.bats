# Issue 8, item 3: an approval is a supervisor's own act (`casectl approve ID closure|plan`), not a
# typed name. Closing while the current risk is in policy.approvals.closure (default high,
# very-high) needs an unused approval given after the latest assessment or review, or a supervisor
# closing it themselves; the closure names the approval it used (SPEC sections 3, 4 and 6).
# sato is a worker, tanaka a supervisor. assess-unsafe.yaml gives risk high on 2026-11-03.

bats_require_minimum_version 1.5.0
load helpers
load helpers_integrity

# ---- approve ----

@test "approve by a worker who is not a supervisor is refused (exit 3), nothing written" {
  # issue 8, item 3
  case_at assessed
  day 2026-11-20
  snapshot
  run --separate-stderr cs --worker sato approve "$ID" closure
  assert_refused_any supervisor
}

@test "approve closure by the supervisor: one commit authored by the supervisor, approvals[0] recorded" {
  # issue 8, item 3
  case_at assessed
  day 2026-11-20
  snapshot
  run --separate-stderr cs --worker tanaka approve "$ID" closure --note "Agreed at the case conference"
  assert_one_commit_by tanaka
  assert_commit_files "$(case_file)"
  [ "$(git -C "$DIR" log -1 --format=%ad --date=short)" = 2026-11-20 ]
  run git -C "$DIR" log -1 --format=%B
  assert_line "Case: $ID"
  assert_line "Worker: tanaka"
  refute_output --partial "case conference"
  [ "$(json_get '[(a["n"], a["kind"], a["date"], a["by"], a["note"]) for a in r["approvals"]]')" = \
    "[(1, 'closure', '2026-11-20', 'tanaka', 'Agreed at the case conference')]" ]
  assert_status assessed
  assert_private "$(case_file)"
  assert_clean
}

@test "approve as the supervisor through CASECTL_WORKER: the author is the supervisor, never git's user" {
  # issue 8, item 3 (commit author = supervisor)
  case_at assessed
  day 2026-11-20
  git config --global user.email sato@example.org
  snapshot
  CASECTL_WORKER=tanaka run --separate-stderr cs approve "$ID" closure
  assert_one_commit_by tanaka
  [ "$(git -C "$DIR" log -1 --format='%cn <%ce>')" = "Tanaka Ken <tanaka@example.org>" ]
}

@test "approve on a closed case is refused (exit 3)" {
  # issue 8, item 3 (approve: any status but closed)
  case_at closed
  day 2026-12-12
  snapshot
  run --separate-stderr cs --worker tanaka approve "$ID" closure
  assert_refused_any closed
}

@test "approve needs closure or plan: anything else is a usage error (exit 2)" {
  # issue 8, item 3
  case_at assessed
  day 2026-11-20
  snapshot
  run --separate-stderr cs --worker tanaka approve "$ID" assessment
  assert_exit_unchanged 2
  run --separate-stderr cs --worker tanaka approve "$ID"
  assert_exit_unchanged 2
}

# ---- close at high risk ----

@test "close at risk high by a worker without an approval is refused, naming casectl approve" {
  # issue 8, item 3
  case_at assessed
  day 2026-11-20
  snapshot
  run --separate-stderr cs --worker sato close "$ID" --reason transferred --evaluation "Family moved"
  assert_refused_any "risk high" supervisor "casectl approve"
}

@test "close at risk high after the supervisor's approve: accepted, the closure names approval 1" {
  # issue 8, item 3
  case_at assessed
  day 2026-11-20
  cs --worker tanaka approve "$ID" closure >/dev/null
  day 2026-11-21
  snapshot
  run --separate-stderr cs --worker sato close "$ID" --reason transferred --evaluation "Family moved"
  assert_one_commit_by sato
  assert_status closed
  assert_commit_files "$(case_file)" "$(doc_file closure-1.md)"
  [ "$(json_get 'r["closures"][0]["approval"]')" = 1 ]
  [ "$(json_get 'r["closures"][0]["by"]')" = sato ]
  grep -qE '^ +approval: 1$' "$DIR/$(case_file)" || fail "case.yaml has no 'approval: 1' in the closure"
  # The approve commit is the supervisor's, the close commit the worker's.
  [ "$(git -C "$DIR" log -2 --format='%an' | paste -sd,)" = "Sato Yuki,Tanaka Ken" ]
}

@test "a supervisor closing at risk high themselves needs no approve; the closure names none" {
  # issue 8, item 3
  case_at assessed
  day 2026-11-20
  snapshot
  run --separate-stderr cs --worker tanaka close "$ID" --reason transferred --evaluation "Family moved"
  assert_one_commit_by tanaka
  [ "$(json_get 'r["closures"][0]["by"]')" = tanaka ]
  [ "$(json_get 'r["closures"][0].get("approval")')" = None ]
}

@test "--approved-by no longer exists: a usage error (exit 2), nothing written" {
  # issue 8, item 3 (approval is no longer a typed name)
  case_at assessed
  day 2026-11-20
  snapshot
  run --separate-stderr cs --worker sato close "$ID" --reason transferred --evaluation "Family moved" \
    --approved-by tanaka
  assert_exit_unchanged 2
}

@test "an approval given before the latest review does not count" {
  # issue 8, item 3 (the approval must follow the latest assessment or review)
  case_at active
  day 2026-11-20
  cs --worker tanaka approve "$ID" closure >/dev/null
  day 2026-12-10
  cs review "$ID" --file "$STAGE_FORMS/review-continue.yaml" --risk high \
    --next-review 2027-01-05 >/dev/null || fail "review failed"
  day 2026-12-11
  snapshot
  run --separate-stderr cs close "$ID" --reason client-declined --evaluation "Family withdrew"
  assert_refused_any supervisor "casectl approve"
  day 2026-12-12
  cs --worker tanaka approve "$ID" closure >/dev/null
  snapshot
  run --separate-stderr cs close "$ID" --reason client-declined --evaluation "Family withdrew"
  assert_one_commit_by sato
  [ "$(json_get 'r["closures"][0]["approval"]')" = 2 ]
}

@test "an approval already used by an earlier closure cannot be used again" {
  # issue 8, item 3
  case_at assessed
  day 2026-11-20
  cs --worker tanaka approve "$ID" closure >/dev/null
  day 2026-11-21
  cs close "$ID" --reason transferred --evaluation "Family moved" >/dev/null
  # The family comes back before anyone re-assesses: assessment 1 (risk high) is still the latest.
  day 2026-12-01
  cs reopen "$ID" --reason "The family moved back" >/dev/null
  day 2026-12-02
  snapshot
  run --separate-stderr cs close "$ID" --reason moved-away --evaluation "Moved again"
  assert_refused_any supervisor
  # A new approval is approval 2, and the second closure names it.
  day 2026-12-03
  cs --worker tanaka approve "$ID" closure >/dev/null
  snapshot
  run --separate-stderr cs close "$ID" --reason moved-away --evaluation "Moved again"
  assert_one_commit_by sato
  [ "$(json_get '[c.get("approval") for c in r["closures"]]')" = "[1, 2]" ]
}

@test "an approval of a plan does not approve a closure" {
  # issue 8, item 3 (approvals have a kind)
  case_at assessed
  day 2026-11-20
  cs --worker tanaka approve "$ID" plan >/dev/null
  snapshot
  run --separate-stderr cs close "$ID" --reason transferred --evaluation "Family moved"
  assert_refused_any supervisor
}

@test "at risk medium no approval is needed and the closure names none" {
  # issue 8, item 3 (only risks in policy.approvals.closure)
  case_at reviewed
  day 2026-12-11
  snapshot
  run --separate-stderr cs close "$ID" --reason moved-away --evaluation "Family moved away"
  assert_committed "close $ID: closure 1, moved-away" closed
  [ "$(json_get 'r["closures"][0].get("approval")')" = None ]
}

@test "policy.approvals.closure is read from casectl.yaml: [medium] makes a medium-risk closure need one" {
  # issue 8, item 3
  case_at reviewed
  set_approvals_policy '{closure: [medium], plan: []}'
  day 2026-12-11
  snapshot
  run --separate-stderr cs close "$ID" --reason moved-away --evaluation "Family moved away"
  assert_refused_any supervisor "casectl approve"
}

# ---- plans (policy.approvals.plan, empty by default) ----

@test "with policy.approvals.plan [high] a plan at risk high needs the supervisor's approve" {
  # issue 8, item 3 (policy.approvals.plan works as for closures)
  case_at assessed
  set_approvals_policy '{closure: [high, very-high], plan: [high, very-high]}'
  day 2026-11-10
  snapshot
  run --separate-stderr cs --worker sato plan "$ID" --file "$STAGE_FORMS/plan-1.yaml"
  assert_refused_any supervisor "casectl approve"
  cs --worker tanaka approve "$ID" plan >/dev/null
  snapshot
  run --separate-stderr cs --worker sato plan "$ID" --file "$STAGE_FORMS/plan-1.yaml"
  assert_one_commit_by sato
  assert_status active
}

@test "by default (policy.approvals.plan empty) a plan at risk high needs no approval" {
  # issue 8, item 3
  case_at assessed
  day 2026-11-10
  snapshot
  run --separate-stderr cs --worker sato plan "$ID" --file "$STAGE_FORMS/plan-1.yaml"
  assert_one_commit_by sato
}

# ---- validate on hand-edited records ----

@test "validate: a closure naming an approval that does not exist is reported at FILE:LINE:COL" {
  # issue 8 (validate checks the new rules on hand-edited files)
  case_at assessed
  day 2026-11-20
  cs --worker tanaka approve "$ID" closure >/dev/null
  cs close "$ID" --reason transferred --evaluation "Family moved" >/dev/null
  edit_section closures '^(\s*)approval: 1$' '\1approval: 9'
  local line
  line="$(line_in_section closures 'approval: 9$')"
  run --separate-stderr cs validate
  assert_problem_at "$line:$(col_of_line "$line")"
}

@test "validate: an approval recorded by a worker who is not a supervisor is reported at its by" {
  # issue 8 (validate: an approval by a non-supervisor in the record)
  case_at assessed
  day 2026-11-20
  cs --worker tanaka approve "$ID" closure >/dev/null
  edit_section approvals '^(\s*)by: tanaka$' '\1by: sato'
  local line first
  line="$(line_in_section approvals 'by: sato$')"
  first="$(line_in_section approvals '^  - ')"
  run --separate-stderr cs validate
  assert_problem_at "$line:$(col_of_line "$line")" "$first:3" "$first:5"
}

@test "validate: a closure at risk high by a worker with its approval removed is reported" {
  # issue 8 (validate: the closure rule on a hand-edited record)
  case_at assessed
  day 2026-11-20
  cs --worker tanaka approve "$ID" closure >/dev/null
  cs close "$ID" --reason transferred --evaluation "Family moved" >/dev/null
  edit_section closures '^(\s*)approval: 1$' '\1approval: null'
  run --separate-stderr cs validate
  [ "$status" -eq 1 ] || fail "expected exit 1, got $status: $output $stderr"
  grep -qE "^$(case_file):[0-9]+:[0-9]+: $ID: [a-z.-]+: .*supervisor" <<<"$output" || fail "$output"
}

@test "validate: two closures naming the same approval are reported" {
  # issue 8 (an approval cannot be used twice), on a hand-edited record
  case_at assessed
  day 2026-11-20
  cs --worker tanaka approve "$ID" closure >/dev/null
  cs close "$ID" --reason transferred --evaluation "Family moved" >/dev/null
  day 2026-12-01
  cs reopen "$ID" --reason "The family moved back" >/dev/null
  day 2026-12-03
  cs --worker tanaka approve "$ID" closure >/dev/null
  cs close "$ID" --reason moved-away --evaluation "Moved again" >/dev/null
  run --separate-stderr cs validate
  [ "$status" -eq 0 ] || fail "valid as written: $status $output $stderr"
  edit_section closures '^(\s*)approval: 2$' '\1approval: 1'
  local line
  line="$(line_in_section closures 'approval: 1$')"
  line="$(awk -v re='approval: 1$' 'NR > '"$line"' && $0 ~ re { print NR; exit }' "$DIR/$(case_file)")"
  [ -n "$line" ] || fail "no second 'approval: 1'"
  run --separate-stderr cs validate
  assert_problem_at "$line:$(col_of_line "$line")"
}

@test "show lists the approvals: number, kind, date and the supervisor" {
  # issue 8, item 3 (show gives approvals)
  case_at assessed
  day 2026-11-20
  cs --worker tanaka approve "$ID" closure >/dev/null
  run --separate-stderr cs show "$ID"
  assert_success
  assert_output --regexp "[Aa]pprov"
  assert_output --regexp "closure.*2026-11-20|2026-11-20.*closure"
  assert_output --regexp "tanaka|Tanaka Ken"
}
