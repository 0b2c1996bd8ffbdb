#!/usr/bin/env bats
# casectl due: every outstanding deadline of the deadline model (SPEC section 4) that is overdue or
# falls due within --within days, most urgent first, with how late or how soon; from the index;
# --worker; --check exits 1 when anything is overdue; csv and json keep codes; Japanese labels with
# locale: ja; no client name or free text in any format.

bats_require_minimum_version 1.5.0
load helpers

# $ID: an urgent report received Friday 2026-11-06 17:00, the child seen at home Saturday 10:00
# and found unsafe (the assessment is urgent, due at once). C-2026-0002: a routine report
# received Thursday 2026-11-05 09:00 (its safety check due Saturday 09:00, before $ID's urgent
# assessment), the child not seen yet. The clock then stands at "$1".
unsafe_and_unseen() {
  export CASECTL_WORKER=sato
  make_dir
  clock "2026-11-06 18:00"
  [ "$(new_case --date 2026-11-06 --received "2026-11-06 17:00")" = "$ID" ] || fail "new did not make $ID"
  new_case --name Ana --birth-date 2020-02-02 --urgency routine --date 2026-11-05 \
    --received "2026-11-05 09:00" >/dev/null || fail "new failed"
  clock "2026-11-07 11:00"
  cs confirm "$ID" --at "2026-11-07 10:00" --method seen-at-home --outcome unsafe >/dev/null 2>&1 ||
    fail "confirm failed"
  clock "$1"
}

# Switches the case directory to Japanese (casectl.yaml's locale), as show_practice.bats does.
japanese() {
  sed -i 's/^locale: en\b/locale: ja/' "$DIR/casectl.yaml"
  grep -q '^locale: ja ' "$DIR/casectl.yaml" || fail "casectl.yaml has no locale line to change"
  git -C "$DIR" commit -qam "Japanese"
}

# Fails unless the output holds none of the fixture's names and free text.
refute_personal() {
  local text
  for text in 山田 花子 Ana 桜町 Bruises "2018-04-12" "2020-02-02" grandmother; do
    refute_output --partial "$text"
  done
}

@test "an unsafe check with no assessment since is listed first, then by due; how late each is" {
  unsafe_and_unseen "2026-11-09 12:00"
  run --separate-stderr cs due
  assert_success
  assert_line --index 0 --regexp '^CASE +WORKER +DEADLINE +ABOUT +DUE +WHEN$'
  assert_line --index 1 --regexp "^$ID +sato +assessment, urgent +2026-11-07 10:00 +2 days late\$"
  assert_line --index 2 --regexp '^C-2026-0002 +sato +safety check +2026-11-07 09:00 +2 days late$'
  assert_equal "${#lines[@]}" 3
  refute_personal
}

@test "an overdue first assessment reads N days late; within the hour in minutes, within the day in hours" {
  case_at intake  # urgent, opened 2026-11-02: assessment due 2026-11-04 23:59
  clock "2026-11-10 09:00"
  run --separate-stderr cs due
  assert_success
  assert_line --index 1 --regexp "^$ID +sato +assessment +2026-11-04 23:59 +5 days late\$"
  clock "2026-11-05 00:30"
  run --separate-stderr cs due
  assert_line --index 1 --regexp "^$ID .* 2026-11-04 23:59 +31 min late\$"
  clock "2026-11-04 18:00"
  run --separate-stderr cs due
  assert_line --index 1 --regexp "^$ID .* 2026-11-04 23:59 +in 5 h\$"
  refute_personal
}

@test "a review due within 7 days is listed, one due in 10 days only with --within 14" {
  case_at active  # plan 2026-11-10: next review 2026-12-10, S2 ends 2026-11-30, S1 2026-12-10
  clock "2026-11-30 09:00"
  run --separate-stderr cs due
  assert_success
  assert_line --index 1 --regexp "^$ID +sato +service end +service S2 +2026-11-30 23:59 +in 14 h\$"
  assert_equal "${#lines[@]}" 2
  refute_output --partial review
  run --separate-stderr cs due --within 14
  assert_success
  assert_line --index 2 --regexp "^$ID +sato +review +plan 1 +2026-12-10 23:59 +in 10 days\$"
  assert_line --index 3 --regexp "^$ID +sato +service end +service S1 +2026-12-10 23:59 +in 10 days\$"
  assert_equal "${#lines[@]}" 4
  clock "2026-12-03 09:00"
  run --separate-stderr cs due
  assert_line --index 1 --regexp "^$ID .* service S2 +2026-11-30 23:59 +2 days late\$"
  assert_line --index 2 --regexp "^$ID +sato +review +plan 1 +2026-12-10 23:59 +in 7 days\$"
  run --separate-stderr cs due --within 0
  assert_equal "${#lines[@]}" 2  # the overdue one only
}

@test "nothing due: a sentence for people, an empty list for scripts; a closed case has no deadlines" {
  case_at closed
  clock "2027-06-01 09:00"
  run --separate-stderr cs due
  assert_success
  assert_output "Nothing overdue or due within 7 days."
  run --separate-stderr cs due --format json
  assert_output "[]"
  run --separate-stderr cs due --format csv
  assert_output "case,worker,kind,ref,due,urgent,overdue,minutes_late"
}

@test "--worker keeps the cases of the worker in charge (repeatable)" {
  unsafe_and_unseen "2026-11-09 12:00"
  cs assign C-2026-0002 tanaka --reason workload >/dev/null 2>&1 || fail "assign failed"
  run --separate-stderr cs due --worker tanaka
  assert_success
  assert_line --index 1 --regexp '^C-2026-0002 +tanaka +safety check '
  assert_equal "${#lines[@]}" 2
  run --separate-stderr cs due --worker sato
  assert_line --index 1 --regexp "^$ID +sato "
  assert_equal "${#lines[@]}" 2
  run --separate-stderr cs due --worker sato --worker tanaka
  assert_equal "${#lines[@]}" 3
  run --separate-stderr cs due --worker suzuki
  assert_output "Nothing overdue or due within 7 days."
}

@test "--check: exit 1 with the list when anything is overdue, else 0; deadlines block no command" {
  case_at active
  clock "2026-11-25 09:00"  # S2 ends in 5 days: listed, not overdue
  run --separate-stderr cs due --check
  assert_success
  assert_line --index 1 --regexp "service S2 +2026-11-30 23:59 +in 5 days\$"
  clock "2026-12-01 09:00"
  run --separate-stderr cs due --check
  assert_failure 1
  assert_line --index 1 --regexp "service S2 +2026-11-30 23:59 +9 h late\$"
  run --separate-stderr cs due --check --format json
  assert_failure 1
  python3 -c 'import json, sys; assert json.load(sys.stdin)[0]["overdue"] is True' <<<"$output"
  run --separate-stderr cs note "$ID" "Phoned the school" --kind phone
  assert_success
  run --separate-stderr cs due
  assert_success
}

@test "csv: a header of keys, codes and not labels, minutes late (negative before the due time)" {
  unsafe_and_unseen "2026-11-09 12:00"
  clock "2026-11-07 12:00"
  run --separate-stderr cs due --format csv
  assert_success
  assert_line --index 0 "case,worker,kind,ref,due,urgent,overdue,minutes_late"
  assert_line --index 1 "$ID,sato,assessment,,2026-11-07 10:00,true,true,120"
  assert_line --index 2 "C-2026-0002,sato,safety-check,,2026-11-07 09:00,false,true,180"
  assert_equal "${#lines[@]}" 3
  rm -rf "$DIR"
  case_at active
  clock "2026-11-30 09:00"
  run --separate-stderr cs due --format csv
  assert_line --index 1 "$ID,sato,service-end,service S2,2026-11-30 23:59,false,false,-899"
}

@test "json: an array of objects with stable keys and types; no personal data in any format" {
  unsafe_and_unseen "2026-11-09 12:00"
  run --separate-stderr cs due --format json
  assert_success
  OUT="$output" python3 - "$ID" <<'PY' || fail "json shape: $output"
import json, os, sys
rows = json.loads(os.environ["OUT"])
assert isinstance(rows, list) and len(rows) == 2, rows
keys = ["case", "worker", "kind", "ref", "due", "urgent", "overdue", "minutes_late"]
for r in rows:
    assert list(r) == keys, list(r)
    assert isinstance(r["urgent"], bool) and isinstance(r["overdue"], bool)
    assert isinstance(r["minutes_late"], int)
first, second = rows
assert first == {"case": sys.argv[1], "worker": "sato", "kind": "assessment", "ref": "",
                 "due": "2026-11-07 10:00", "urgent": True, "overdue": True,
                 "minutes_late": 2 * 1440 + 120}, first
assert second["case"] == "C-2026-0002" and second["kind"] == "safety-check" and not second["urgent"]
PY
  refute_personal
  run --separate-stderr cs due --format csv
  refute_personal
  run --separate-stderr cs due --format yaml
  assert_failure 2
}

@test "Japanese (locale: ja): headings, the labels show prints, how late; csv and json keep codes" {
  unsafe_and_unseen "2026-11-09 12:00"
  japanese
  run --separate-stderr cs due
  assert_success
  assert_line --index 0 --regexp '^ケース +担当 +期限 +対象 +期日 +状況$'
  assert_line --index 1 --regexp "^$ID +sato +アセスメント、最優先 +2026-11-07 10:00 +2日超過\$"
  assert_line --index 2 --regexp '^C-2026-0002 +sato +安全確認 +2026-11-07 09:00 +2日超過$'
  run --separate-stderr cs show "$ID"
  assert_output --partial "アセスメント、最優先"
  run --separate-stderr cs due --format csv
  assert_line --index 1 --regexp "^$ID,sato,assessment,,2026-11-07 10:00,true,true,"
  rm -rf "$DIR"
  case_at active
  japanese
  clock "2026-11-30 09:00"
  run --separate-stderr cs due --within 14
  assert_line --index 1 --regexp "^$ID +sato +サービス終了後の確認 +サービス S2 +2026-11-30 23:59 +あと14時間\$"
  assert_line --index 2 --regexp "^$ID +sato +モニタリング +支援計画 1 +2026-12-10 23:59 +あと10日\$"
  run --separate-stderr cs due --worker nobody
  assert_output "期限超過も7日以内の期限もありません。"
}

@test "from the index: a change to a record is seen by the next due" {
  unsafe_and_unseen "2026-11-09 12:00"
  cs due >/dev/null 2>&1 || fail "due failed"
  cs confirm C-2026-0002 --at "2026-11-09 11:00" --method seen-at-school --outcome safe >/dev/null 2>&1 ||
    fail "confirm failed"
  run --separate-stderr cs due --format csv --within 14
  assert_success
  refute_output --partial "C-2026-0002,sato,safety-check"
  assert_line --index 2 --regexp '^C-2026-0002,sato,assessment,,2026-11-19 23:59,false,false,'
}

@test "an unreadable record is named on stderr as skipped; the others are listed; --check fails" {
  unsafe_and_unseen "2026-11-09 12:00"
  printf 'status: [unclosed\n' >"$(rec C-2026-0002)"
  run --separate-stderr cs due
  assert_success
  assert_line --index 1 --regexp "^$ID +sato +assessment, urgent "
  assert_equal "${#lines[@]}" 2
  [[ "$stderr" == *"cannot be read, its deadlines are not listed: run \`casectl validate C-2026-0002\`"* ]] ||
    fail "stderr does not name the unreadable record: $stderr"
  clock "2026-11-07 08:00"
  run --separate-stderr cs due --check --worker sato
  assert_failure 1
}

@test "due --help: the columns, the keys and an example; --within refuses a negative number" {
  run cs due --help
  assert_success
  assert_output --partial "--within"
  assert_output --partial "--check"
  assert_output --partial "minutes_late"
  assert_output --partial "casectl due --check"
  run --separate-stderr cs due --within -1
  assert_failure 2
}
