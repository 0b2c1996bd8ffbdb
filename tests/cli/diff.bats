#!/usr/bin/env bats
# Issue 10: casectl diff ID [REV [REV]] [--patch] says what changed in the case's own terms, one
# line per change (free text named, never printed, unless --patch), and show --at REV|DATE gives
# the exact bytes of a past version, a date meaning the version entered by the end of that day.

bats_require_minimum_version 1.5.0
load helpers
load helpers_integrity

# After `run --separate-stderr`: fails unless the command succeeded and printed each argument as
# a whole line, and nothing else.
assert_lines_exactly() {
  [ "$status" -eq 0 ] || fail "expected exit 0, got $status; stderr: $stderr"
  local want got
  want="$(printf '%s\n' "$@")"
  got="$output"
  [ "$got" = "$want" ] || fail "diff printed
$got
expected
$want"
}

# Fails unless the output holds none of the client's free text (name, address, referral reason).
refute_personal() {
  local s
  for s in 山田 花子 桜町 Bruises "$@"; do
    [[ "$output" != *"$s"* ]] || fail "the output shows '$s': $output"
  done
}

# casectl at a fixed wall-clock time (the commit's entry time), today being that date too.
at() {
  local when="$1"
  shift
  CASECTL_TODAY="${when%% *}" faketime "$when" "$CASECTL_BIN" -C "$DIR" "$@"
}

# Edits the record of $ID with a sed expression and commits it with plain git.
commit_by_hand() {
  sed -i "$1" "$DIR/$(case_file)"
  git -C "$DIR" commit -qam "hand change"
}

# Makes $DIR and case $ID entered at fixed times: new 2026-11-02 10:00, assess 2026-11-03 23:30
# (late in the day), plan 2026-11-10 00:10 (early in the day).
entered_case() {
  make_dir
  at '2026-11-02 10:00:00' --worker sato new --name "山田 花子" --birth-date 2018-04-12 --sex female \
    --source school --urgency urgent --concern physical-abuse --reason "Bruises" >/dev/null
  at '2026-11-03 23:30:00' --worker sato assess "$ID" --file "$STAGE_FORMS/assess-unsafe.yaml" >/dev/null
  at '2026-11-10 00:10:00' --worker sato plan "$ID" --file "$STAGE_FORMS/plan-1.yaml" >/dev/null
}

# ---- one line per kind of change (diff ID: the last change) ----

@test "diff ID after new: the case added with its status" {
  case_at intake
  run --separate-stderr cs diff "$ID"
  assert_lines_exactly "case $ID added (status intake)"
}

@test "diff ID after assess: risk, safety, status and the assessment" {
  case_at assessed
  run --separate-stderr cs diff "$ID"
  assert_lines_exactly "risk: (none) -> high" "safety: (none) -> unsafe" "status: intake -> assessed" \
    "assessment 1 added (risk high)"
  refute_personal
}

@test "diff ID after plan: status, the plan and its document" {
  case_at active
  run --separate-stderr cs diff "$ID"
  assert_lines_exactly "status: assessed -> active" "plan 1 added" "plan-1.md added"
}

@test "diff ID after review: the current risk and the review with its decision" {
  case_at reviewed
  run --separate-stderr cs diff "$ID"
  assert_lines_exactly "risk: high -> medium" "safety: unsafe -> safe-with-plan" \
    "review 1 added (decision continue)" "review-1.md added"
}

@test "diff ID after close and reopen: the closure with its reason, the reopening; no free text" {
  case_at closed
  run --separate-stderr cs diff "$ID"
  assert_lines_exactly "status: active -> closed" "closure 1 added (reason goals-achieved)" "closure-1.md added"
  refute_personal Shelter
  day 2026-12-20
  cs reopen "$ID" --reason "Teacher saw new bruises" >/dev/null
  run --separate-stderr cs diff "$ID"
  assert_lines_exactly "status: closed -> intake" "reopening 1 added"
  refute_personal Teacher
}

@test "diff ID after note: the note by its number and kind, never its text" {
  case_at active
  day 2026-11-20
  n="$(json_of 'len(r.get("notes", []))')"
  cs note "$ID" "Grandmother says she sleeps well" --kind home-visit >/dev/null
  run --separate-stderr cs diff "$ID"
  assert_lines_exactly "note $((n + 1)) added (home-visit)"
  refute_personal Grandmother
}

@test "diff ID after consent and after its withdrawal" {
  case_at active
  day 2026-11-12
  cs consent "$ID" --party school --scope share-plan --given-by mother >/dev/null
  run --separate-stderr cs diff "$ID"
  assert_lines_exactly "consent 1 added"
  day 2026-12-01
  cs consent "$ID" --withdraw 1 >/dev/null
  run --separate-stderr cs diff "$ID"
  assert_lines_exactly "consent 1 withdrawn: (none) -> 2026-12-01"
}

@test "diff ID after approve: the supervisor's approval with its kind" {
  case_at assessed
  day 2026-11-20
  cs --worker tanaka approve "$ID" closure --note "Agreed at conference" >/dev/null
  run --separate-stderr cs diff "$ID"
  assert_lines_exactly "approval 1 added (closure)"
  refute_personal conference
}

@test "diff ID after edit: a code printed old -> new, a free-text field named only" {
  case_at active
  day 2026-11-20
  use_editor 'sed -i -e "s/^  sex: female$/  sex: other/" -e "s/^  address: .*/  address: 梅田1丁目9-9/" "$1"'
  cs edit "$ID" --reason typo --note "Typed wrongly" >/dev/null
  run --separate-stderr cs diff "$ID"
  assert_lines_exactly "client.sex: female -> other" "client.address changed" "amendment 1 added (reason typo)"
  refute_personal 梅田 Typed
  run --separate-stderr cs --format json diff "$ID"
  assert_success
  refute_personal 梅田 Typed
  # --patch shows the free text, as git diff does.
  run --separate-stderr cs diff "$ID" --patch
  assert_success
  assert_output --partial "+  address: 梅田1丁目9-9"
}

@test "diff ID after a change committed with plain git" {
  case_at assessed
  commit_by_hand 's/^    risk: high$/    risk: very-high/'
  run --separate-stderr cs diff "$ID"
  assert_lines_exactly "risk: high -> very-high" "assessment 1 risk: high -> very-high"
}

@test "diff escapes what could act on a terminal; one change stays one line" {
  case_at active
  commit_by_hand 's/^      - id: G2$/      - id: "G2\\e[2J\\u202e\\nforged: line"/'
  run --separate-stderr cs diff "$ID"
  assert_lines_exactly 'plan 1 goal G2\x1b[2J\u202e\nforged: line added' "plan 1 goal G2 removed"
  [[ "$output" != *$'\e'* ]] || fail "a raw escape reached the output"
}

@test "diff says on stderr when the record has a hand edit not committed" {
  case_at assessed
  run --separate-stderr cs diff "$ID"
  [ -z "$stderr" ] || fail "unexpected stderr: $stderr"
  sed -i 's/^worker: sato$/worker: tanaka/' "$DIR/$(case_file)"
  run --separate-stderr cs diff "$ID"
  assert_success
  [[ "$stderr" == *"$(case_file)"*"not committed"* ]] || fail "no note of the hand edit: $stderr"
  [[ "$output" != *tanaka* ]] || fail "the uncommitted edit was shown as a version: $output"
}

# ---- revisions ----

@test "diff ID REV compares REV with HEAD; diff ID REV1 REV2 compares the two" {
  case_at reviewed
  run --separate-stderr cs diff "$ID" HEAD~2 HEAD~1
  assert_lines_exactly "status: assessed -> active" "plan 1 added" "plan-1.md added"
  run --separate-stderr cs diff "$ID" HEAD~1
  assert_lines_exactly "risk: high -> medium" "safety: unsafe -> safe-with-plan" \
    "review 1 added (decision continue)" "review-1.md added"
  run --separate-stderr cs diff "$ID" HEAD~1 HEAD~2
  assert_lines_exactly "status: active -> assessed" "plan 1 removed" "plan-1.md removed"
  run --separate-stderr cs diff "$ID" HEAD HEAD
  assert_lines_exactly
}

@test "diff in Japanese: the fields by their Japanese labels, lists by their items; json paths the same" {
  case_at active
  day 2026-11-20
  use_editor 'sed -i -e "s/^  sex: female$/  sex: other/" -e "s/^  address: .*/  address: 梅田1丁目9-9/" -e "s/due: 2027-02-10$/due: 2027-02-01/" "$1"'
  cs edit "$ID" --reason typo >/dev/null
  run --separate-stderr cs diff "$ID"
  assert_success
  assert_line "client.sex: female -> other"
  assert_line "client.address changed"
  assert_line --regexp "^plan 1 goal G1 due: 2027-02-10 -> 2027-02-01$"
  assert_line "amendment 1 added (reason typo)"
  local en_json ja_json
  run --separate-stderr env LANGUAGE=ja "$CASECTL_BIN" -C "$DIR" diff "$ID"
  assert_success
  assert_line "本人・性別: female -> other"
  assert_line "本人・住所 変更"
  assert_line --regexp "^支援計画 1 目標 G1 期限: 2027-02-10 -> 2027-02-01$"
  assert_line "訂正 1 追加 (reason typo)"
  refute_personal 梅田
  run -0 --separate-stderr cs --format json diff "$ID"
  en_json="$output"
  run -0 --separate-stderr env LANGUAGE=ja "$CASECTL_BIN" -C "$DIR" --format json diff "$ID"
  assert_equal "$output" "$en_json"
  assert_output --partial '"path": "plans[n=1].goals[id=G1].due"'
  run -0 --separate-stderr env LANGUAGE=ja "$CASECTL_BIN" -C "$DIR" diff "$ID" HEAD~3
  assert_line "リスク: （なし） -> high"
  assert_line "状況: intake -> active"
}

@test "diff --format json: a stable array of {path, change, old, new}, no free text" {
  case_at active
  day 2026-11-20
  use_editor 'sed -i -e "s/^  address: .*/  address: 梅田1丁目9-9/" "$1"'
  cs edit "$ID" --reason typo >/dev/null
  run --separate-stderr cs --format json diff "$ID" HEAD~2
  assert_success
  python3 -c '
import json, sys
got = json.loads(sys.argv[1])
want = [
  {"path": "status", "change": "changed", "old": "assessed", "new": "active"},
  {"path": "client.address", "change": "changed"},
  {"path": "plans[n=1]", "change": "added"},
  {"path": "amendments[#1]", "change": "added"},
  {"path": "plan-1.md", "change": "added"},
]
assert got == want, got
' "$output"
}

@test "diff --patch prints exactly what git diff prints for case.yaml" {
  case_at reviewed
  day 2026-11-20
  use_editor 'sed -i -e "s/^  address: .*/  address: 梅田1丁目9-9/" "$1"'
  cs edit "$ID" --reason typo >/dev/null
  cs diff "$ID" --patch >"$T/last.patch"
  git -C "$DIR" diff HEAD~1 HEAD -- "$(case_file)" >"$T/git-last.patch"
  [ -s "$T/git-last.patch" ]
  cmp "$T/last.patch" "$T/git-last.patch"
  cs diff "$ID" HEAD~3 HEAD~1 --patch >"$T/range.patch"
  git -C "$DIR" diff HEAD~3 HEAD~1 -- "$(case_file)" >"$T/git-range.patch"
  cmp "$T/range.patch" "$T/git-range.patch"
  cs diff "$ID" HEAD~2 --patch >"$T/to-head.patch"
  git -C "$DIR" diff HEAD~2 HEAD -- "$(case_file)" >"$T/git-to-head.patch"
  cmp "$T/to-head.patch" "$T/git-to-head.patch"
}

@test "diff by dates: the versions entered by the end of each day (committer time)" {
  entered_case
  run --separate-stderr cs diff "$ID" 2026-11-02 2026-11-03
  assert_lines_exactly "risk: (none) -> high" "safety: (none) -> unsafe" "status: intake -> assessed" \
    "assessment 1 added (risk high)"
  run --separate-stderr cs diff "$ID" 2026-11-09
  assert_lines_exactly "status: assessed -> active" "plan 1 added" "plan-1.md added"
  run --separate-stderr cs diff "$ID" 2026-11-01
  assert_failure 4
  [[ "$stderr" == *"$ID"*"2026-11-01"* ]] || fail "stderr does not name the case and the date: $stderr"
}

# ---- show --at ----

@test "show --at a commit id, a short id or HEAD~N: the exact bytes of that version" {
  case_at reviewed
  for rev in HEAD~1 "$(git -C "$DIR" rev-parse HEAD~2)" "$(git -C "$DIR" rev-parse --short HEAD~3)"; do
    cs --format yaml show "$ID" --at "$rev" >"$T/at.yaml"
    git -C "$DIR" show "$rev:$(case_file)" >"$T/git.yaml"
    cmp "$T/at.yaml" "$T/git.yaml"
  done
}

@test "show --at DATE: the version entered by the end of that local day, byte for byte" {
  entered_case
  f="$(case_file)"
  for pair in 2026-11-02:HEAD~2 2026-11-03:HEAD~1 2026-11-09:HEAD~1 2026-11-10:HEAD 2027-01-01:HEAD; do
    cs --format yaml show "$ID" --at "${pair%%:*}" >"$T/at.yaml"
    git -C "$DIR" show "${pair#*:}:$f" >"$T/git.yaml"
    cmp "$T/at.yaml" "$T/git.yaml" || fail "show --at ${pair%%:*} is not ${pair#*:}"
  done
  run --separate-stderr cs show "$ID" --at 2026-11-03
  assert_success
  [[ "$output" == *assessed* ]] || fail "the summary at 2026-11-03 is not the assessed case: $output"
  run --separate-stderr cs --format json show "$ID" --at 2026-11-02
  assert_success
  python3 -c 'import json,sys; r=json.loads(sys.argv[1]); assert r["status"] == "intake", r' "$output"
}

@test "show --at a date before the case existed: exit 4 naming the case and the date" {
  case_at assessed
  snapshot
  run --separate-stderr cs show "$ID" --at 2020-01-01
  assert_failure 4
  [[ "$stderr" == *"$ID"*"2020-01-01"* ]] || fail "stderr does not name the case and the date: $stderr"
  assert_unchanged
}

# ---- refusals ----

@test "diff of an unknown case or revision: exit 4; bad usage: exit 2" {
  case_at assessed
  snapshot
  run --separate-stderr cs diff C-2026-0009
  assert_failure 4
  [[ "$stderr" == *C-2026-0009* ]] || fail "stderr does not name the case: $stderr"
  run --separate-stderr cs diff "$ID" no-such-branch
  assert_failure 4
  [[ "$stderr" == *no-such-branch* ]] || fail "stderr does not name the revision: $stderr"
  run --separate-stderr cs diff "$ID" HEAD~2
  assert_failure 4
  run --separate-stderr cs diff "$ID" HEAD~1 HEAD HEAD
  assert_failure 2
  run --separate-stderr cs --format json diff "$ID" --patch
  assert_failure 2
  run --separate-stderr cs --format csv diff "$ID"
  assert_failure 2
  run --separate-stderr cs diff ../../etc
  assert_failure 2
  assert_unchanged
  assert_clean
}
