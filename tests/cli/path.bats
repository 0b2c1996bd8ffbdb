#!/usr/bin/env bats
# casectl path ID: the case's folder as an absolute path.

load helpers

@test "path prints the case's absolute folder" {
  make_dir
  new_case >/dev/null
  run --separate-stderr casectl -C "$DIR" path C-2026-0001
  assert_success
  assert_output "$DIR/cases/2026/00/C-2026-0001"
  [ -z "$stderr" ]
  [ -f "$output/case.yaml" ]
}

@test "path is absolute even when -C or CASECTL_DIR is relative" {
  make_dir
  new_case >/dev/null
  cd "$T"
  run casectl -C cases path C-2026-0001
  assert_output "$DIR/cases/2026/00/C-2026-0001"
  run casectl -C ./cases/ path C-2026-0001
  assert_output "$DIR/cases/2026/00/C-2026-0001"
  CASECTL_DIR=cases run casectl path C-2026-0001
  assert_output "$DIR/cases/2026/00/C-2026-0001"
  mkdir "$T/sub"
  cd "$T/sub"
  run casectl -C ../cases path C-2026-0001
  assert_output "$DIR/cases/2026/00/C-2026-0001"
}

@test "path works from inside the case's own folder" {
  make_dir
  new_case >/dev/null
  cd "$DIR/cases/2026/00/C-2026-0001"
  run casectl path C-2026-0001
  assert_success
  assert_output "$DIR/cases/2026/00/C-2026-0001"
}

@test "path of an unknown case: exit 4" {
  make_dir
  new_case >/dev/null
  run casectl -C "$DIR" path C-2026-0002
  assert_failure 4
  assert_output --partial C-2026-0002
  # A folder without a record is no case.
  mkdir -p "$DIR/cases/2026/00/C-2026-0005"
  run casectl -C "$DIR" path C-2026-0005
  assert_failure 4
}

@test "path refuses anything not of the ID form (exit 2)" {
  make_dir
  new_case >/dev/null
  snapshot
  for bad in ../etc/passwd C-2026-1 c-2026-0001 "cases/2026/00/C-2026-0001" "C-2026-0001/.."; do
    run --separate-stderr casectl -C "$DIR" path "$bad"
    assert_failure 2
    assert_output ""
    [[ "$stderr" == *"not a case ID"* ]]
  done
  assert_unchanged
}

@test "path needs an ID (exit 2)" {
  make_dir
  run casectl -C "$DIR" path
  assert_failure 2
}
