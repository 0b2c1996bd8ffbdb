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

# Makes $DIR and case $ID entered at fixed times: new 2026-11-02 10:00, assess 2026-11-03 23:30
# (late in the day), plan 2026-11-10 00:10 (early in the day).
entered_case() {
  make_dir
  at '2026-11-02 10:00:00' --worker sato new --name "山田 花子" --birth-date 2018-04-12 --sex female \
    --source school --urgency urgent --concern physical-abuse --reason "Bruises" >/dev/null
  at '2026-11-03 23:30:00' --worker sato assess "$ID" --file "$STAGE_FORMS/assess-unsafe.yaml" >/dev/null
  at '2026-11-10 00:10:00' --worker sato plan "$ID" --file "$STAGE_FORMS/plan-1.yaml" >/dev/null
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
