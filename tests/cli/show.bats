#!/usr/bin/env bats
# casectl show ID [--at REV]: readable summary, the exact YAML, JSON; past versions; refusals.

load helpers

# A case directory holding C-2026-0001 (from flags) and C-2026-0002 (from the full form).
two_cases() {
  make_dir
  new_case >/dev/null
  casectl -C "$DIR" --worker sato new --file "$FORMS/full.yaml" >/dev/null
}

@test "show prints a readable summary with the ID, status, name and concerns" {
  two_cases
  run --separate-stderr casectl -C "$DIR" show C-2026-0001
  assert_success
  assert_line --index 0 --partial C-2026-0001
  assert_output --partial intake
  assert_output --partial "山田 花子"
  assert_output --partial "2018-04-12"
  assert_output --partial "school"
  assert_output --partial "Bruises on both arms"
  # What is outstanding: an intake case waits for its assessment (issue 8).
  assert_line --regexp '^Outstanding +an assessment \(casectl assess\)$'
  run casectl -C "$DIR" show C-2026-0002
  assert_success
  assert_output --partial "鈴木 一郎"
  assert_output --partial "鈴木 美穂"
  assert_output --partial neglect
  refute_output --partial "山田"
}

@test "show needs no acting worker and writes nothing" {
  two_cases
  snapshot
  run casectl -C "$DIR" show C-2026-0002
  assert_success
  assert_unchanged
  assert_clean
}

@test "show --format yaml prints the file byte for byte" {
  two_cases
  for id in C-2026-0001 C-2026-0002; do
    casectl -C "$DIR" --format yaml show "$id" >"$T/out.yaml"
    cmp "$T/out.yaml" "$(rec "$id")"
  done
}

@test "show --format json is one JSON object with the record's fields" {
  two_cases
  run --separate-stderr casectl -C "$DIR" --format json show C-2026-0002
  assert_success
  python3 -c '
import json, sys
r = json.loads(sys.argv[1])
assert r["id"] == "C-2026-0002", r
assert r["status"] == "intake", r
assert r["schema"] == 1, r
assert r["client"]["name"] == "鈴木 一郎", r
assert r["client"]["birth_date"] == "2015-06-30", r
assert r["referral"]["concerns"] == ["neglect", "housing"], r
assert r["household"][0]["relation"] == "mother", r
assert r["referral"]["reason"].endswith("no food in the flat."), r
' "$output"
}

@test "show --at shows a past version of a case" {
  two_cases
  f="$(rec C-2026-0001)"
  cp "$f" "$T/before.yaml"
  # A later change, committed by hand.
  sed -i 's/^  reason: .*/  reason: Later information from the school nurse/' "$f"
  git -C "$DIR" commit -qam "hand change"
  run casectl -C "$DIR" show C-2026-0001
  assert_output --partial "school nurse"
  casectl -C "$DIR" --format yaml show C-2026-0001 --at HEAD~1 >"$T/at.yaml"
  cmp "$T/at.yaml" "$T/before.yaml"
  run casectl -C "$DIR" show C-2026-0001 --at HEAD~1
  assert_success
  assert_output --partial "Bruises on both arms"
  refute_output --partial "school nurse"
  # Also by commit id and as JSON.
  rev="$(git -C "$DIR" rev-parse HEAD~1)"
  run casectl -C "$DIR" --format json show C-2026-0001 --at "$rev"
  assert_success
  python3 -c 'import json,sys; r=json.loads(sys.argv[1]); assert r["referral"]["reason"] == "Bruises on both arms", r' "$output"
  run casectl -C "$DIR" show C-2026-0001 --at "${rev:0:10}"
  assert_success
}

@test "show --at a commit before the case existed, or an unknown revision: exit 4" {
  two_cases
  snapshot
  run casectl -C "$DIR" show C-2026-0002 --at HEAD~1
  assert_failure 4
  assert_output --partial C-2026-0002
  run casectl -C "$DIR" show C-2026-0001 --at HEAD~2
  assert_failure 4
  run casectl -C "$DIR" show C-2026-0001 --at no-such-branch
  assert_failure 4
  assert_output --partial no-such-branch
  run casectl -C "$DIR" show C-2026-0001 --at HEAD~99
  assert_failure 4
  assert_unchanged
}

@test "show of an unknown case: exit 4" {
  two_cases
  run casectl -C "$DIR" show C-2026-0003
  assert_failure 4
  assert_output --partial C-2026-0003
  run casectl -C "$DIR" show C-2025-0001
  assert_failure 4
}

@test "show refuses anything not of the ID form (exit 2) and reads no other file" {
  two_cases
  snapshot
  mkdir -p "$T/etc" && echo "root:x:0:0" >"$T/etc/passwd"
  for bad in ../etc/passwd "$T/etc/passwd" C-2026-1 c-2026-0001 C-2026-00001 C-2026-0000 \
    "C-2026-0001/../../../etc/passwd" "C-2026-0001 " "" C-26-0001 "C-2026-000a"; do
    run casectl -C "$DIR" show "$bad"
    assert_failure 2
    assert_output --partial "not a case ID"
    refute_output --partial "root:x"
  done
  assert_unchanged
}

@test "show of a hand-broken record: exit 6 at FILE:LINE:COL" {
  two_cases
  printf 'schema: 1\nid: C-2026-0001\nstatus: [\n' >"$(rec C-2026-0001)"
  run casectl -C "$DIR" show C-2026-0001
  assert_failure 6
  assert_output --regexp "^casectl: .*cases/2026/00/C-2026-0001/case.yaml:[0-9]+:[0-9]+: "
  # --format yaml goes through the safe loader too (issue 9): refused alike, nothing printed.
  run --separate-stderr casectl -C "$DIR" --format yaml show C-2026-0001
  assert_failure 6
  [ -z "$output" ] || fail "printed: $output"
  [[ "$stderr" =~ cases/2026/00/C-2026-0001/case.yaml:[0-9]+:[0-9]+: ]] || fail "$stderr"
}

@test "show refuses a format it does not have (exit 2)" {
  two_cases
  run casectl -C "$DIR" --format csv show C-2026-0001
  assert_failure 2
  assert_output --partial "summary"
}

@test "a case that does not exist is named the same way by every command: exit 4" {
  make_dir
  new_case >/dev/null
  snapshot
  want="casectl: no case C-2026-0009 (cases/2026/00/C-2026-0009/case.yaml does not exist)"
  for cmd in "show C-2026-0009" "path C-2026-0009" "edit C-2026-0009 --reason typo" "validate C-2026-0009" \
             "note C-2026-0009 text" "reopen C-2026-0009 --reason again" "consent C-2026-0009 --withdraw 1" \
             "doc C-2026-0009 closure 1" "approve C-2026-0009 closure"; do
    # shellcheck disable=SC2086
    run --separate-stderr casectl -C "$DIR" --worker sato $cmd
    [ "$status" -eq 4 ] || fail "$cmd: exit $status: $stderr"
    assert_equal "$stderr" "$want"
  done
  assert_unchanged
}
