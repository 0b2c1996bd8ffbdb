# casectl validate: every rule of SPEC section 4 on the files as they stand. Each rule is broken
# by hand (sed/python on case.yaml, not committed unless said) after building a valid case, and
# must be reported as FILE:LINE:COL: ID: RULE: ... at the line of the field at fault.

bats_require_minimum_version 1.5.0
load helpers

# The line number of the first line of case.yaml matching regex $1 that comes after the first
# line matching regex $2 (after the start when $2 is not given).
line_of() {
  awk -v re="$1" -v after="${2:-}" '
    !on && (after == "" || $0 ~ after) { on = 1; if (after != "") next }
    on && $0 ~ re { print NR; found = 1; exit }
    END { if (!found) exit 1 }' "$DIR/$(case_file)" || fail "no line /$1/ after /${2:-}/"
}

# After `run --separate-stderr cs validate`: exit 1 and a stdout line starting with
# "case.yaml:LINE:COL: $ID: RULE: ".
assert_problem() {
  local rule="$1" line="$2" col="$3" want
  [ "$status" -eq 1 ] || fail "expected exit 1, got $status; stdout: $output; stderr: $stderr"
  want="$(case_file):$line:$col: $ID: $rule: "
  grep -qF -- "$want" <<<"$output" || fail "no line starting '$want' in:
$output"
  [ "$(grep -F -- "$want" <<<"$output" | cut -c1-${#want})" = "$want" ] || fail "not at line start: $output"
}

# ---- clean ----

@test "validate: a case at every stage -> exit 0, nothing on stdout" {
  case_at closed
  run --separate-stderr cs validate
  assert_success
  assert_output ""
  [ "$stderr" = "1 case, no problems" ] || fail "stderr: $stderr"
  run --separate-stderr cs validate "$ID"
  assert_success
}

@test "validate: an empty case directory -> exit 0" {
  make_dir
  run --separate-stderr cs validate
  assert_success
  assert_output ""
}

# ---- each rule broken by hand ----

@test "validate: assessment safety removed -> assessment.safety-required at the assessment" {
  case_at assessed
  sed -i '/^    safety: unsafe$/d' "$DIR/$(case_file)"
  run --separate-stderr cs validate
  assert_problem assessment.safety-required "$(line_of '^  - n: 1$' '^assessments:$')" 5
  assert_output --partial "set safety: safe | safe-with-plan | unsafe"
  [ "$(wc -l <<<"$output")" -eq 1 ] || fail "expected one problem: $output"
}

@test "validate: unsafe without immediate_actions -> assessment.immediate-actions-required at the field" {
  case_at assessed
  py_edit 's.replace("    immediate_actions:\n      - Temporary protective custody\n", "    immediate_actions: []\n")'
  run --separate-stderr cs validate
  assert_problem assessment.immediate-actions-required "$(line_of '^    immediate_actions: \[\]$')" 5
}

@test "validate: a need id twice -> assessment.need-id-duplicate at the second need's id" {
  case_at assessed
  sed -i 's/^      - id: N2$/      - id: N1/' "$DIR/$(case_file)"
  local line
  line="$(grep -n '^      - id: N1$' "$DIR/$(case_file)" | sed -n 2p | cut -d: -f1)"
  run --separate-stderr cs validate
  assert_problem assessment.need-id-duplicate "$line" 9
}

@test "validate: a plan goal without a service -> plan.goal-without-service at the plan's services" {
  case_at active
  # Service S2 now serves G1: G2 has none.
  py_edit 's.replace("      - id: S2\n        goals:\n          - G2\n", "      - id: S2\n        goals:\n          - G1\n")'
  run --separate-stderr cs validate
  assert_problem plan.goal-without-service "$(line_of '^    services:$' '^plans:$')" 5
  assert_output --partial "G2"
}

@test "validate: a need named by no goal -> plan.need-without-goal at the plan's goals" {
  case_at active
  py_edit 's.replace("        needs:\n          - N2\n", "        needs:\n          - N1\n")'
  run --separate-stderr cs validate
  assert_problem plan.need-without-goal "$(line_of '^    goals:$' '^plans:$')" 5
  assert_output --partial "N2"
}

@test "validate: plan next_review too late for the risk -> plan.next-review-too-late at next_review" {
  case_at active
  sed -i 's/^    next_review: 2026-12-10$/    next_review: 2027-01-20/' "$DIR/$(case_file)"
  run --separate-stderr cs validate
  assert_problem plan.next-review-too-late "$(line_of '^    next_review: 2027-01-20$')" 5
}

@test "validate: a service ending before it starts -> dates at the service's end" {
  case_at active
  sed -i 's/^        end: 2026-11-30$/        end: 2026-11-01/' "$DIR/$(case_file)"
  run --separate-stderr cs validate
  [ "$status" -eq 1 ] || fail "exit $status"
  grep -qF "$(case_file):$(line_of '^        end: 2026-11-01$'):9: $ID: " <<<"$output" || fail "$output"
}

@test "validate: a review missing a goal's progress -> review.goal-progress-missing at its progress" {
  case_at reviewed
  py_edit 's.replace("      - goal: G2\n        status: achieved\n", "")'
  run --separate-stderr cs validate
  assert_problem review.goal-progress-missing "$(line_of '^    progress:$' '^reviews:$')" 5
  assert_output --partial "G2"
}

@test "validate: closed goals-achieved with a goal not achieved -> close.goals-not-achieved" {
  case_at closed
  # The latest review now says G1 is still in progress.
  py_edit 's.replace("      - goal: G1\n        status: achieved\n", "      - goal: G1\n        status: in-progress\n", 1)'
  run --separate-stderr cs validate
  assert_problem close.goals-not-achieved "$(line_of '^    reason: goals-achieved$' '^closures:$')" 5
  assert_output --partial "G1"
}

@test "validate: an event after today -> dates.future at its date" {
  case_at active
  # Today is 2026-11-10; the plan claims tomorrow.
  sed -i '/^plans:$/,$ s/^    date: 2026-11-10$/    date: 2026-11-11/' "$DIR/$(case_file)"
  run --separate-stderr cs validate
  assert_problem dates.future "$(line_of '^    date: 2026-11-11$' '^plans:$')" 5
}

@test "validate: dates out of order -> dates.order at the later event's date" {
  case_at assessed
  # The assessment now comes before the case was opened (2026-11-02).
  sed -i '/^assessments:$/,$ s/^    date: 2026-11-03$/    date: 2026-11-01/' "$DIR/$(case_file)"
  run --separate-stderr cs validate
  assert_problem dates.order "$(line_of '^    date: 2026-11-01$' '^assessments:$')" 5
}

@test "validate: a worker not in casectl.yaml -> worker.unknown at worker" {
  case_at intake
  sed -i 's/^worker: sato$/worker: nobody/' "$DIR/$(case_file)"
  run --separate-stderr cs validate
  assert_problem worker.unknown "$(line_of '^worker: nobody$')" 1
  assert_output --partial nobody
}

@test "validate: an empty case worker -> worker.required at worker" {
  case_at intake
  sed -i 's/^worker: sato$/worker: ""/' "$DIR/$(case_file)"
  run --separate-stderr cs validate
  assert_problem worker.required "$(line_of '^worker: ""$')" 1
  assert_output --partial "names no worker"
  [ "$(wc -l <<<"$output")" -eq 1 ] || fail "expected one problem: $output"
}

@test "validate: an assessment without by -> worker.required at the assessment" {
  case_at assessed
  sed -i '/^assessments:$/,$ {/^    by: sato$/d}' "$DIR/$(case_file)"
  run --separate-stderr cs validate
  assert_problem worker.required "$(line_of '^  - n: 1$' '^assessments:$')" 5
  assert_output --partial "assessment 1 by names no worker"
}

@test "validate: an assessment without a date -> dates.required at the assessment" {
  case_at assessed
  sed -i '/^assessments:$/,$ {/^    date: 2026-11-03$/d}' "$DIR/$(case_file)"
  run --separate-stderr cs validate
  assert_problem dates.required "$(line_of '^  - n: 1$' '^assessments:$')" 5
  assert_output --partial "assessment 1 has no date"
  [ "$(wc -l <<<"$output")" -eq 1 ] || fail "expected one problem: $output"
}

@test "validate: a reopened case whose closure was removed -> reopen.no-closure at the reopening" {
  case_at closed
  day 2027-03-01
  cs reopen "$ID" --reason "New report from the school" >/dev/null || fail "reopen failed"
  sed -i '/^closures:$/,/^[a-z]/{/^closures:$/d; /^  /d}' "$DIR/$(case_file)"
  grep -q '^closures:' "$DIR/$(case_file)" && fail "the closure is still there"
  run --separate-stderr cs validate
  assert_problem reopen.no-closure "$(line_of '^  - n: 1$' '^reopenings:$')" 5
  assert_output --partial "record the closure the reopening follows"
  [ "$(wc -l <<<"$output")" -eq 1 ] || fail "expected one problem: $output"
}

@test "validate: a status that does not match the record -> status.inconsistent at status" {
  case_at active
  sed -i 's/^status: active$/status: closed/' "$DIR/$(case_file)"
  run --separate-stderr cs validate
  assert_problem status.inconsistent "$(line_of '^status: closed$')" 1
}

@test "validate: a record whose id is not its folder's -> record.id at id" {
  case_at intake
  local other="$DIR/cases/2026/00/C-2026-0002"
  cp -a "$DIR/cases/2026/00/$ID" "$other"
  run --separate-stderr cs validate
  [ "$status" -eq 1 ] || fail "exit $status"
  assert_output "cases/2026/00/C-2026-0002/case.yaml:3:1: C-2026-0002: record.id: the record's id is $ID but its folder is C-2026-0002; set id: C-2026-0002 (or move the record to the folder of its ID)"
}

@test "validate: every problem of a record is listed, each on its own line" {
  case_at assessed
  sed -i -e 's/^worker: sato$/worker: nobody/' -e '/^    safety: unsafe$/d' "$DIR/$(case_file)"
  run --separate-stderr cs validate
  assert_problem worker.unknown "$(line_of '^worker: nobody$')" 1
  assert_problem assessment.safety-required "$(line_of '^  - n: 1$' '^assessments:$')" 5
  [ "$(wc -l <<<"$output")" -ge 2 ]
}

@test "validate: a hand edit committed with git is checked the same" {
  case_at intake
  sed -i 's/^worker: sato$/worker: nobody/' "$DIR/$(case_file)"
  git -C "$DIR" commit -qam "hand edit"
  run --separate-stderr cs validate
  assert_problem worker.unknown "$(line_of '^worker: nobody$')" 1
}

# ---- files that do not load ----

@test "validate: a malformed record -> one 'malformed' line at the loader's place; others still checked" {
  case_at intake
  new_case >/dev/null  # C-2026-0002
  new_case >/dev/null  # C-2026-0003
  local f2="$DIR/cases/2026/00/C-2026-0002/case.yaml" f3="$DIR/cases/2026/00/C-2026-0003/case.yaml"
  sed -i 's/^status: intake$/status: [intake/' "$f2"
  sed -i 's/^worker: sato$/worker: nobody/' "$f3"
  run --separate-stderr cs validate
  [ "$status" -eq 1 ] || fail "exit $status"
  [ "$(wc -l <<<"$output")" -eq 2 ] || fail "expected 2 lines: $output"
  [[ "$(sed -n 1p <<<"$output")" == "cases/2026/00/C-2026-0002/case.yaml:"[0-9]*:[0-9]*": C-2026-0002: malformed: "* ]] ||
    fail "line 1: $output"
  [[ "$(sed -n 2p <<<"$output")" == "cases/2026/00/C-2026-0003/case.yaml:6:1: C-2026-0003: worker.unknown: "* ]] ||
    fail "line 2: $output"
}

@test "validate: a value outside its enumeration -> malformed at the value" {
  case_at intake
  sed -i 's/^  sex: female$/  sex: femal/' "$DIR/$(case_file)"
  run --separate-stderr cs validate
  [ "$status" -eq 1 ] || fail "exit $status"
  assert_output "$(case_file):$(line_of '^  sex: femal$'):8: $ID: malformed: client.sex \"femal\" is not one of: female | male | other | unknown"
}

@test "validate: casectl.yaml that does not load -> a malformed line for it, exit 1" {
  case_at intake
  printf 'bogus_key: 1\n' >>"$DIR/casectl.yaml"
  local line
  line="$(grep -n '^bogus_key: 1$' "$DIR/casectl.yaml" | cut -d: -f1)"
  run --separate-stderr cs validate
  [ "$status" -eq 1 ] || fail "exit $status: $stderr"
  [[ "$output" == "casectl.yaml:$line:1: malformed: "*bogus_key* ]] || fail "$output"
}

# ---- which cases, order, formats ----

@test "validate ID...: only the cases named; sorted by ID; duplicates once" {
  case_at intake
  for _ in 1 2; do new_case >/dev/null; done
  for n in 1 2 3; do
    sed -i 's/^worker: sato$/worker: nobody/' "$DIR/cases/2026/00/C-2026-000$n/case.yaml"
  done
  run --separate-stderr cs validate C-2026-0003 C-2026-0001 C-2026-0003
  [ "$status" -eq 1 ]
  [ "$(cut -d' ' -f2 <<<"$output" | tr '\n' ' ')" = "C-2026-0001: C-2026-0003: " ] || fail "$output"
}

@test "validate: many cases are checked on every core and listed in ID order" {
  case_at intake
  local src="$DIR/cases/2026/00/$ID" n id want=""
  for n in $(seq 2 130); do
    id="$(printf 'C-2026-%04d' "$n")"
    mkdir -p "$DIR/cases/2026/$(printf '%02d' $((n / 100)))"
    cp -a "$src" "$DIR/cases/2026/$(printf '%02d' $((n / 100)))/$id"
    sed -i -e "s/^id: $ID$/id: $id/" "$DIR/cases/2026/$(printf '%02d' $((n / 100)))/$id/case.yaml"
    if [ $((n % 7)) -eq 0 ]; then
      sed -i 's/^worker: sato$/worker: nobody/' "$DIR/cases/2026/$(printf '%02d' $((n / 100)))/$id/case.yaml"
      want+="$id "
    fi
  done
  run --separate-stderr cs validate
  [ "$status" -eq 1 ]
  [ "$(cut -d: -f4 <<<"$output" | tr -d ' ' | tr '\n' ' ')" = "$want" ] || fail "order: $output"
  sed -i 's/^worker: nobody$/worker: sato/' "$DIR"/cases/2026/0*/*/case.yaml
  run --separate-stderr cs validate
  assert_success
  [ "$stderr" = "130 cases, no problems" ] || fail "$stderr"
}

@test "validate --format json: an array of {file,line,col,case,rule,field,message,fix}" {
  case_at assessed
  sed -i '/^    safety: unsafe$/d' "$DIR/$(case_file)"
  run --separate-stderr cs validate --format json
  [ "$status" -eq 1 ]
  local line
  line="$(line_of '^  - n: 1$' '^assessments:$')"
  python3 - "$output" "$(case_file)" "$line" "$ID" <<'EOF'
import json, sys
out, file, line, case = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
problems = json.loads(out)
assert len(problems) == 1, problems
p = problems[0]
assert list(p) == ["file", "line", "col", "case", "rule", "field", "message", "fix"], list(p)
assert (p["file"], p["line"], p["col"], p["case"]) == (file, line, 5, case), p
assert p["rule"] == "assessment.safety-required" and p["field"] == "assessments[0].safety", p
assert p["message"] and p["fix"], p
EOF
  run --separate-stderr cs validate "$ID" --format json
  [ "$status" -eq 1 ]
  git -C "$DIR" checkout -q -- .
  run --separate-stderr cs validate --format json
  assert_success
  assert_output "[]"
}

@test "validate: unknown case -> exit 4; bad ID -> exit 2; bad format -> exit 2" {
  case_at intake
  run --separate-stderr cs validate C-2026-0009
  [ "$status" -eq 4 ] || fail "exit $status"
  run --separate-stderr cs validate ../C-2026-0001
  [ "$status" -eq 2 ] || fail "exit $status"
  run --separate-stderr cs validate --format xml
  [ "$status" -eq 2 ] || fail "exit $status"
}

@test "validate writes nothing and makes no commit" {
  case_at active
  sed -i 's/^worker: sato$/worker: nobody/' "$DIR/$(case_file)"
  snapshot
  run --separate-stderr cs validate
  [ "$status" -eq 1 ]
  assert_unchanged
}

@test "validate: renumbered_from that is not another case ID -> record.renumbered-from; a former ID passes" {
  case_at intake
  sed -i "s/^id: $ID\$/id: $ID\nrenumbered_from: C-2026-0009/" "$DIR/$(case_file)"
  run --separate-stderr cs validate
  assert_success
  sed -i "s/^renumbered_from: .*/renumbered_from: $ID/" "$DIR/$(case_file)"
  run --separate-stderr cs validate
  assert_problem record.renumbered-from "$(line_of '^renumbered_from:')" 1
  sed -i "s/^renumbered_from: .*/renumbered_from: yesterday/" "$DIR/$(case_file)"
  run --separate-stderr cs validate
  assert_problem record.renumbered-from "$(line_of '^renumbered_from:')" 1
}
