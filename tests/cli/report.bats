#!/usr/bin/env bats
# casectl report caseload|overdue|risk|outcomes|services|activity (SPEC section 7) on a hand-built
# case directory with known answers: counts, dates, overdue items, late entries; in every format;
# --as-of gives that day's numbers before and after later changes; --redact leaves no name,
# address, birth date or free text; Japanese headings align by display width; usage errors exit 2.

bats_require_minimum_version 1.5.0
load helpers

# The fixture, made once per file under fixed clocks (entry times are real commits' times):
#   C-2026-0001 山田 花子 (sato)  urgent; assess unsafe/high 11-03; plan-1 11-10 (S1 custody
#               11-10..12-10, S2 medical 11-12..11-30); review achieved 12-10; closed
#               goals-achieved 12-11 (39 days, 2 of 2 goals); reopened 12-18 (urgent).
#   C-2026-0002 Ben (sato)  routine; assessed 11-04 medium, safe with a plan; no plan.
#   C-2026-0003 Cara (tanaka from 11-02)  urgent; assess unsafe/high 11-03; plan 11-06 with two
#               medical services (S1 Clinic North, S2 Clinic South, 11-06..12-31), next review
#               12-06; a home visit on 11-15 entered on 11-20 (late).
#   C-2026-0004 Ana (sato, tanaka from 11-20)  routine neglect, received 11-05 09:00; never seen.
# Today is 2026-12-20.
setup_file() {
  check_env
  isolate_env "$BATS_FILE_TMPDIR"
  DIR="$BATS_FILE_TMPDIR/fixture"
  clock "2026-11-01 09:00"
  casectl init "$DIR" --worker sato --name "Sato Yuki" --email sato@example.org >/dev/null
  casectl -C "$DIR" --worker sato worker add tanaka --name "Tanaka Ken" \
    --email tanaka@example.org --role supervisor >/dev/null
  local f="$BATS_FILE_TMPDIR/plan-two-medical.yaml"
  cat >"$f" <<'YAML'
goals:
  - id: G1
    needs: [N1, N2]
    text: Safe at home
    measure: No new injuries
    due: 2027-02-06
services:
  - id: S1
    goals: [G1]
    type: medical
    provider: Clinic North
    start: 2026-11-06
    end: 2026-12-31
  - id: S2
    goals: [G1]
    type: medical
    provider: Clinic South
    start: 2026-11-06
    end: 2026-12-31
participation:
  client_views: Wants to stay at school.
next_review: 2026-12-06
YAML
  set -e
  export CASECTL_WORKER=sato
  clock "2026-11-02 10:00"
  new_case --date 2026-11-02 >/dev/null
  new_case --name Ben --birth-date 2015-06-01 --urgency routine --concern neglect --date 2026-11-02 >/dev/null
  new_case --name Cara --birth-date 2012-03-03 --date 2026-11-02 --address "Elm Street 9" >/dev/null
  casectl -C "$DIR" --worker sato assign C-2026-0003 tanaka --reason workload --date 2026-11-02 >/dev/null
  clock "2026-11-03 10:00"
  cs assess C-2026-0001 --file "$STAGE_FORMS/assess-unsafe.yaml" >/dev/null
  casectl -C "$DIR" --worker tanaka assess C-2026-0003 --file "$STAGE_FORMS/assess-unsafe.yaml" >/dev/null
  clock "2026-11-04 10:00"
  cs assess C-2026-0002 --file "$STAGE_FORMS/assess-medium.yaml" >/dev/null
  clock "2026-11-05 10:00"
  new_case --name Ana --birth-date 2020-02-02 --urgency routine --concern neglect --date 2026-11-05 \
    --received "2026-11-05 09:00" >/dev/null
  clock "2026-11-06 10:00"
  casectl -C "$DIR" --worker tanaka plan C-2026-0003 --file "$f" >/dev/null
  clock "2026-11-10 10:00"
  cs plan C-2026-0001 --file "$STAGE_FORMS/plan-1.yaml" >/dev/null
  clock "2026-11-20 10:00"
  casectl -C "$DIR" --worker tanaka note C-2026-0003 "Visited; grandmother at home" --kind home-visit \
    --date 2026-11-15 >/dev/null
  cs assign C-2026-0004 tanaka --reason workload --date 2026-11-20 >/dev/null
  clock "2026-12-10 10:00"
  cs review C-2026-0001 --file "$STAGE_FORMS/review-achieved.yaml" >/dev/null
  clock "2026-12-11 10:00"
  cs close C-2026-0001 --reason goals-achieved --evaluation "Shelter and paediatric follow-up worked" >/dev/null
  clock "2026-12-18 10:00"
  cs reopen C-2026-0001 --reason "New bruises reported" --urgency urgent >/dev/null
  set +e
  export FIXTURE="$DIR"
}

setup() {
  check_env
  T="$BATS_TEST_TMPDIR"
  isolate_env "$T"
  DIR="$T/cases"
  cp -a "$FIXTURE" "$DIR"
  export CASECTL_WORKER=sato
  clock "2026-12-20 09:00"
  cd "$T" || return 1
}

# Fails unless the output holds none of the fixture's names, birth dates, addresses or free text.
refute_personal() {
  local text
  for text in 山田 花子 Ana Ben Cara 2018-04-12 2020-02-02 2015-06-01 2012-03-03 桜町 "Elm Street" \
    Bruises grandmother "Clinic North" "City Hospital" Shelter "New bruises" "stay at school"; do
    refute_output --partial "$text"
  done
}

@test "caseload: open cases per worker by status, overdue cases and risk, with a total line" {
  run --separate-stderr cs report caseload
  assert_success
  assert_line --index 0 "Caseload — as of 2026-12-20"
  assert_line --index 1 "Open cases per worker"
  assert_line --index 2 --regexp '^WORKER +INTAKE +ASSESSED +ACTIVE +OPEN +OVERDUE +LOW +MEDIUM +HIGH +VERY HIGH +NOT ASSESSED$'
  assert_line --index 3 --regexp '^sato +1 +1 +0 +2 +2 +1 +1 +0 +0 +0$'
  assert_line --index 4 --regexp '^tanaka +1 +0 +1 +2 +2 +0 +0 +1 +0 +1$'
  assert_line --index 5 --regexp '^TOTAL +2 +1 +1 +4 +4 +1 +1 +1 +0 +1$'
  assert_equal "${#lines[@]}" 6
  [ -z "$stderr" ] || fail "stderr: $stderr"
}

@test "caseload --format csv and json: keys and counts, no total row; --worker selects" {
  run --separate-stderr cs report caseload --format csv
  assert_success
  assert_output "worker,intake,assessed,active,open,overdue,risk_low,risk_medium,risk_high,risk_very_high,not_assessed
sato,1,1,0,2,2,1,1,0,0,0
tanaka,1,0,1,2,2,0,0,1,0,1"
  run --separate-stderr cs report caseload --format json --worker tanaka
  assert_success
  python3 - "$output" <<'PY' || fail "json: $output"
import json, sys
j = json.loads(sys.argv[1])
assert j["report"] == "caseload" and j["as_of"] == "2026-12-20" and j["workers"] == ["tanaka"], j
assert j["redacted"] is False
rows = j["sections"]["workers"]
assert rows == [{"worker": "tanaka", "intake": 1, "assessed": 0, "active": 1, "open": 2, "overdue": 2,
                 "risk_low": 0, "risk_medium": 0, "risk_high": 1, "risk_very_high": 0, "not_assessed": 1}], rows
PY
}

@test "overdue: every missed deadline, most urgent first, how late; csv keeps codes and minutes" {
  run --separate-stderr cs report overdue
  assert_success
  assert_line --index 2 --regexp '^CASE +WORKER +DEADLINE +ABOUT +DUE +WHEN$'
  assert_line --index 3 --regexp '^C-2026-0004 +tanaka +safety check +2026-11-07 09:00 +43 days late$'
  assert_line --index 4 --regexp '^C-2026-0004 +tanaka +assessment +2026-11-19 23:59 +30 days late$'
  assert_line --index 5 --regexp '^C-2026-0002 +sato +plan +assessment 1 +2026-12-04 23:59 +15 days late$'
  assert_line --index 6 --regexp '^C-2026-0003 +tanaka +review +plan 1 +2026-12-06 23:59 +13 days late$'
  assert_line --index 7 --regexp '^C-2026-0001 +sato +safety check +referral 2 +2026-12-20 00:00 +9 h late$'
  assert_equal "${#lines[@]}" 8
  refute_output --partial "2026-12-20 23:59"  # the reopening's assessment is not yet due
  run --separate-stderr cs report overdue --format csv --worker sato
  assert_success
  assert_output "case,worker,kind,ref,due,urgent,overdue,minutes_late
C-2026-0002,sato,plan,assessment 1,2026-12-04 23:59,false,true,22141
C-2026-0001,sato,safety-check,referral 2,2026-12-20 00:00,false,true,540"
}

@test "risk: open cases by risk and safety; high risk with the last contact and the days since" {
  run --separate-stderr cs report risk
  assert_success
  assert_line --index 2 --regexp '^RISK +SAFE +SAFE WITH A SAFETY PLAN +UNSAFE +UNKNOWN +TOTAL$'
  assert_line --index 3 --regexp '^low +1 +0 +0 +0 +1$'
  assert_line --index 4 --regexp '^medium +0 +1 +0 +0 +1$'
  assert_line --index 5 --regexp '^high +0 +0 +1 +0 +1$'
  assert_line --index 6 --regexp '^very high +0 +0 +0 +0 +0$'
  assert_line --index 7 --regexp '^not assessed +0 +0 +0 +1 +1$'
  assert_line --index 8 "High and very high risk: last contact"
  assert_line --index 9 --regexp '^CASE +WORKER +NAME +BORN +RISK +SAFETY +LAST CONTACT +DAYS SINCE$'
  assert_line --index 10 --regexp '^C-2026-0003 +tanaka +Cara +2012-03-03 +high +unsafe +2026-11-15 +35$'
  assert_equal "${#lines[@]}" 11
  run --separate-stderr cs report risk --section high --format json
  assert_success
  python3 - "$output" <<'PY' || fail "json: $output"
import json, sys
j = json.loads(sys.argv[1])
assert list(j["sections"]) == ["high"], j
assert j["sections"]["high"] == [{"case": "C-2026-0003", "worker": "tanaka", "name": "Cara",
    "birth_date": "2012-03-03", "risk": "high", "safety": "unsafe", "last_contact": "2026-11-15",
    "days_since_contact": 35}], j
PY
}

@test "outcomes: closures in the period with reason, goals achieved, days open and reopenings" {
  run --separate-stderr cs report outcomes --month 2026-12
  assert_success
  assert_line --index 0 "Outcomes — 2026-12-01 – 2026-12-20"
  assert_line --index 3 --regexp '^2026-12-01 +2026-12-20 +1 +2 +2 +39 +1$'
  assert_line --index 6 --regexp '^goals achieved +1 +2 +2 +39$'
  assert_line --index 9 --regexp '^C-2026-0001 +sato +1 +山田 花子 +2018-04-12 +2026-11-02 +2026-12-11 +39 +goals achieved +2 +2 +2026-12-18$'
  run --separate-stderr cs report outcomes --from 2026-11-01 --to 2026-11-30 --format csv --section summary
  assert_success
  assert_output "from,to,closures,goals,achieved,median_days_open,reopened
2026-11-01,2026-11-30,0,0,0,,0"
}

@test "services: in force by type and provider on the day; the same type twice in one case" {
  run --separate-stderr cs report services --as-of 2026-11-20
  assert_success
  assert_line --index 0 "Services — as of 2026-11-20"
  assert_line --index 3 --regexp '^medical +City Hospital paediatrics +1 +1$'
  assert_line --index 4 --regexp '^medical +Clinic North +1 +1$'
  assert_line --index 5 --regexp '^medical +Clinic South +1 +1$'
  assert_line --index 6 --regexp '^protective custody +City Child Guidance Centre temporary shelter +1 +1$'
  assert_line --index 9 --regexp '^C-2026-0003 +tanaka +medical +S1 S2$'
  run --separate-stderr cs report services --format json --section duplicates
  python3 - "$output" <<'PY' || fail "json: $output"
import json, sys
j = json.loads(sys.argv[1])
assert j["sections"]["duplicates"] == [{"case": "C-2026-0003", "worker": "tanaka", "type": "medical",
                                        "services": ["S1", "S2"]}], j
PY
}

@test "activity: changes entered in the period per worker and action, late entries counted" {
  run --separate-stderr cs report activity --month 2026-11
  assert_success
  assert_line --index 3 --regexp '^2026-11-01 +2026-11-30 +14$'
  assert_line --index 6 --regexp '^sato +assess +2 +2 +0$'
  assert_line --index 7 --regexp '^sato +assign +2 +2 +0$'
  assert_line --index 8 --regexp '^sato +init +1 +0 +0$'
  assert_line --index 9 --regexp '^sato +new +4 +4 +0$'
  assert_line --index 10 --regexp '^sato +plan +1 +1 +0$'
  assert_line --index 11 --regexp '^sato +worker +1 +0 +0$'
  assert_line --index 12 --regexp '^tanaka +assess +1 +1 +0$'
  assert_line --index 13 --regexp '^tanaka +note +1 +1 +1$'
  assert_line --index 14 --regexp '^tanaka +plan +1 +1 +0$'
  assert_equal "${#lines[@]}" 15
  run --separate-stderr cs report activity --from 2026-12-01 --format csv --section workers --worker sato
  assert_success
  assert_output "worker,action,changes,cases,late
sato,close,1,1,0
sato,reopen,1,1,0
sato,review,1,1,0"
}

@test "--as-of gives that day's numbers: the worker, status and overdue then, the same after later changes" {
  run --separate-stderr cs report caseload --as-of 2026-11-10
  assert_success
  assert_line --index 3 --regexp '^sato +1 +1 +1 +3 +1 +0 +1 +1 +0 +1$'
  assert_line --index 4 --regexp '^tanaka +0 +0 +1 +1 +0 +0 +0 +1 +0 +0$'
  local before="$output"
  run --separate-stderr cs due --as-of 2026-11-10 --within 0 --format csv
  assert_output "case,worker,kind,ref,due,urgent,overdue,minutes_late
C-2026-0004,sato,safety-check,,2026-11-07 09:00,false,true,5219"
  # Later events do not change that day's picture.
  cs assess C-2026-0004 --file "$STAGE_FORMS/assess-medium.yaml" >/dev/null
  cs assign C-2026-0002 tanaka --reason leave >/dev/null
  new_case --name Dan --birth-date 2019-01-01 --date 2026-12-20 >/dev/null
  run --separate-stderr cs report caseload --as-of 2026-11-10
  assert_output "$before"
  run --separate-stderr cs report caseload
  assert_line --index 3 --regexp '^sato +2 +0 +0 +2 +1 +1 +0 +0 +0 +1$'
  assert_line --index 4 --regexp '^tanaka +0 +2 +1 +3 +3 +0 +2 +1 +0 +0$'
}

@test "--redact: no names, birth dates, addresses or free text in any report or format; ages instead" {
  local r f
  for r in caseload overdue risk outcomes services activity; do
    for f in table csv json md; do
      run --separate-stderr cs report "$r" --redact --format "$f" --as-of 2026-12-11 --from 2026-11-01
      assert_success
      refute_personal
    done
  done
  run --separate-stderr cs report risk --redact --section high --format csv
  assert_output "case,worker,age,risk,safety,last_contact,days_since_contact
C-2026-0003,tanaka,14,high,unsafe,2026-11-15,35"
  run --separate-stderr cs report services --redact --as-of 2026-11-20 --section types --format csv
  assert_output "type,services,cases
medical,3,2
protective-custody,1,1"
}

@test "md for documents; csv with --bom for spreadsheets; sections in csv are blocks" {
  run --separate-stderr cs report risk --format md
  assert_success
  assert_line --index 0 "# Risk — as of 2026-12-20"
  assert_line --index 1 "## Open cases by risk and safety"
  assert_output --partial "| C-2026-0003 | tanaka | Cara | 2012-03-03 | high | unsafe | 2026-11-15 | 35 |"
  cs report caseload --format csv --bom >"$T/out.csv"
  [ "$(head -c 3 "$T/out.csv" | od -An -tx1 | tr -d ' ')" = efbbbf ] || fail "no byte order mark"
  [ "$(grep -c $'\r$' "$T/out.csv")" -eq "$(wc -l <"$T/out.csv")" ] || fail "not every line ends in CRLF"
  run --separate-stderr cs report risk --format csv
  assert_line --index 0 "risk,safe,safe_with_plan,unsafe,safety_unknown,total"
  assert_line --index 6 "case,worker,name,birth_date,risk,safety,last_contact,days_since_contact"
}

@test "Japanese headings and labels with locale: ja, aligned by display width; csv keeps codes" {
  sed -i 's/^locale: en\b/locale: ja/' "$DIR/casectl.yaml"
  git -C "$DIR" commit -qam "Japanese"
  run --separate-stderr cs report outcomes
  assert_success
  assert_line --index 0 "終結の成果 — 2026-12-01〜2026-12-20"
  assert_line --index 7 "終結ケース"
  # Columns line up by display width: 氏名's column is as wide as "山田 花子" (9 columns).
  assert_line --index 8 --regexp '^ケース +担当 +終結 +氏名 +生年月日 +開始 +終結日 +日数 +終結理由 +目標 +達成 +再開$'
  assert_line --index 9 --regexp '^C-2026-0001 +sato +1 +山田 花子 +2018-04-12 +2026-11-02 +2026-12-11 +39 +目標達成 +2 +2 +2026-12-18$'
  local head="${lines[8]}" row="${lines[9]}"
  python3 - "$head" "$row" <<'PY' || fail "not aligned: $head / $row"
import sys, unicodedata
w = lambda s: sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
head, row = sys.argv[1], sys.argv[2]
assert w(head[:head.index("生年月日")]) == w(row[:row.index("2018-04-12")]), (head, row)
PY
  run --separate-stderr cs report outcomes --format csv --section reasons
  assert_output "reason,closures,goals,achieved,median_days_open
goals-achieved,1,2,2,39"
}

@test "usage errors exit 2 and name the option" {
  run --separate-stderr cs report nosuch
  assert_failure 2
  run --separate-stderr cs report caseload --as-of 2026-12-21
  assert_failure 2
  [[ "$stderr" == *"after today"* ]] || fail "stderr: $stderr"
  run --separate-stderr cs report caseload --as-of 2026-13-01
  assert_failure 2
  [[ "$stderr" == *"--as-of 2026-13-01 is not a date"* ]] || fail "stderr: $stderr"
  run --separate-stderr cs report outcomes --from 2026-12-10 --to 2026-12-01
  assert_failure 2
  run --separate-stderr cs report outcomes --month 2026-11 --from 2026-11-02
  assert_failure 2
  run --separate-stderr cs report caseload --format json --bom
  assert_failure 2
  run --separate-stderr cs report risk --section nosuch
  assert_failure 2
  [[ "$stderr" == *"its sections: counts, high"* ]] || fail "stderr: $stderr"
  run --separate-stderr cs report caseload --format yaml
  assert_failure 2
}

@test "a record that cannot be read is named on stderr, the others counted (exit 0); nothing written" {
  echo "status: [" >>"$(rec C-2026-0002)"
  run --separate-stderr cs report caseload --format csv
  assert_success
  [[ "$stderr" == *"C-2026-0002"* ]] || fail "stderr: $stderr"
  assert_line --index 1 "sato,1,0,0,1,1,1,0,0,0,0"
  [ "$(git -C "$DIR" status --porcelain | grep -v '^ M cases/2026/00/C-2026-0002/case.yaml$')" = "" ] ||
    fail "report wrote something"
}

@test "examples/monthly-report.sh writes last month's redacted CSV files and a summary" {
  mkdir -p "$T/bin"
  ln -s "$CASECTL_BIN" "$T/bin/casectl"
  PATH="$T/bin:$PATH" CASECTL_TODAY=2027-01-01 FAKETIME_DONT_FAKE_MONOTONIC=1 \
    faketime "2027-01-01 06:00:00" sh "$CASECTL_SRC/examples/monthly-report.sh" "$DIR" "$T/stats" >/dev/null ||
    fail "monthly-report.sh failed"
  local f
  for f in caseload-workers overdue-deadlines risk-counts risk-high services-types services-duplicates \
    outcomes-summary outcomes-reasons outcomes-cases activity-workers; do
    [ -s "$T/stats/2026-12/$f.csv" ] || fail "no $f.csv"
    # One table a file: a single header row, every row as wide as it.
    python3 -c 'import csv, sys; rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig"))); assert len({len(r) for r in rows}) == 1, rows' \
      "$T/stats/2026-12/$f.csv" || fail "$f.csv is not one table"
  done
  # For spreadsheets (--bom): CRLF line ends.
  run cat "$T/stats/2026-12/outcomes-summary.csv"
  assert_line --index 1 $'2026-12-01,2026-12-31,1,2,2,39,1\r'
  run cat "$T/stats/2026-12/risk-high.csv"
  assert_line --index 1 $'C-2026-0003,tanaka,14,high,unsafe,2026-11-15,46\r'
  run cat "$T/stats/2026-12/"*.csv
  refute_personal
  run cat "$T/stats/2026-12/summary.md"
  assert_line --index 0 "# Caseload — as of 2026-12-31"
}

@test "without --redact the same reports name the children: the redaction test above can fail" {
  run --separate-stderr cs report risk --format csv --section high
  assert_output --partial "Cara,2012-03-03"
  run --separate-stderr cs report outcomes --format json
  assert_output --partial "山田 花子"
  run --separate-stderr cs report services --as-of 2026-11-20 --format csv
  assert_output --partial "Clinic North"
}

@test "a plain git commit is its author's worker, an unknown author (git) when redacted" {
  echo "# note" >>"$DIR/casectl.yaml"
  git -C "$DIR" -c user.email=sato@example.org -c user.name="Sato Yuki" commit -qam "settings by hand"
  echo "# other" >>"$DIR/casectl.yaml"
  git -C "$DIR" commit -qam "by an outsider"  # Plain Git User <nobody@example.net>
  run --separate-stderr cs report activity --section workers --format csv --redact
  assert_success
  assert_line "sato,git,1,0,0"
  assert_line "(git),git,1,0,0"
  refute_output --partial "nobody@example.net"
  run --separate-stderr cs report activity --section workers --format csv --worker sato
  assert_line "sato,git,1,0,0"
}

@test "--as-of before the end of an outcomes or activity period is refused (exit 2)" {
  run --separate-stderr cs report outcomes --from 2026-12-01 --to 2026-12-20 --as-of 2026-12-10
  assert_failure 2
  [[ "$stderr" == *"before the end of the period"* ]] || fail "stderr: $stderr"
  run --separate-stderr cs report caseload --as-of 2026-12-10
  assert_success
}

@test "due --as-of --check --worker: a record that cannot be read still makes it exit 1" {
  run --separate-stderr cs due --as-of 2026-11-03 --within 0 --check --worker tanaka
  assert_success
  echo "status: [" >>"$(rec C-2026-0001)"
  run --separate-stderr cs due --as-of 2026-11-03 --within 0 --check --worker tanaka
  assert_failure 1
  [[ "$stderr" == *"C-2026-0001"* ]] || fail "stderr: $stderr"
}

@test "json and md never carry a bidirectional override from a name raw" {
  sed -i 's/^  name: Cara$/  name: "Ca\\u202Era"/' "$(rec C-2026-0003)"
  grep -q 'Ca\\u202Era' "$(rec C-2026-0003)" || fail "the fixture has no name line to change"
  git -C "$DIR" commit -qam "hand edit"
  run --separate-stderr cs report risk --section high --format json
  assert_success
  assert_output --partial 'Ca\u202era'
  run --separate-stderr cs report risk --format md
  assert_success
  [[ "$output" != *$'\u202e'* ]] || fail "md holds U+202E"
}

# How many times `casectl $@` (at the test's clock) opened a case record.
records_opened() {
  strace -f -e trace=open,openat -o "$T/strace.log" env FAKETIME_DONT_FAKE_MONOTONIC=1 faketime "$CLOCK:00" \
    "$CASECTL_BIN" -C "$DIR" "$@" >"$T/out" 2>"$T/err" || fail "casectl $* failed: $(cat "$T/err")"
  grep -c 'case\.yaml"' "$T/strace.log" || true
}

@test "--as-of keeps what it read of records changed since (.casectl/asof.sqlite): asked again it reads none; a record changed or a damaged cache gives a fresh run's answer" {
  command -v strace >/dev/null || skip "no strace"
  # The records last changed the day before the test's clock (the kernel dates them by the real
  # clock): none is within the 2 s the cache does not trust, whatever day the test runs.
  find "$DIR/cases" -name case.yaml -exec touch -d "2026-12-19 09:00" {} +
  cs list >/dev/null || fail "list"  # the index up to date: what is read below is --as-of's
  local first second want
  first=$(records_opened report risk --as-of 2026-11-10 --format json)
  cp "$T/out" "$T/first.json"
  # 0001, 0003 and 0004 changed after 2026-11-10: read and cut at that day.
  [ "$first" -ge 3 ] || fail "the first run read $first records"
  [ -s "$DIR/.casectl/asof.sqlite" ] || fail "no as-of cache"
  second=$(records_opened report risk --as-of 2026-11-10 --format json)
  [ "$second" -eq 0 ] || fail "asked again, it read $second records"
  cmp -s "$T/out" "$T/first.json" || fail "the kept answer differs: $(diff "$T/first.json" "$T/out")"
  # due --as-of keeps the same day's records: it reads none either.
  [ "$(records_opened due --as-of 2026-11-10 --within 0)" -eq 0 ] || fail "due --as-of read records again"
  # A hand edit of a record changed since the day (its assessment's risk, before that day).
  sed -i 's/^\( *\)risk: high$/\1risk: medium/' "$DIR/cases/2026/00/C-2026-0003/case.yaml"
  touch -d "2026-12-19 10:00" "$DIR/cases/2026/00/C-2026-0003/case.yaml"
  git -C "$DIR" diff --quiet && fail "the edit changed nothing"
  [ "$(records_opened report risk --as-of 2026-11-10 --format json)" -ge 1 ] || fail "the changed record was not read"
  cmp -s "$T/out" "$T/first.json" && fail "the answer did not change with the record"
  cp -a "$DIR" "$T/fresh"
  rm -rf "$T/fresh/.casectl"
  want="$(casectl -C "$T/fresh" report risk --as-of 2026-11-10 --format json)"
  [ "$(cat "$T/out")" = "$want" ] || fail "not a fresh run's answer: $(diff <(echo "$want") "$T/out")"
  # A damaged cache is replaced: the same answer, exit 0.
  head -c 8192 /dev/urandom >"$DIR/.casectl/asof.sqlite"
  run --separate-stderr cs report risk --as-of 2026-11-10 --format json
  assert_success
  assert_output "$want"
}
