#!/usr/bin/env bats
# casectl log ID without a usable history index (a fresh clone, a deleted index): answered by
# asking git for the commits of the case's folder (or by a libgit2 walk when git cannot be run),
# exactly as the index answers, and the index is then made in the background
# (`log --update-index`). CASECTL_HISTORY_WALK_MIN=1 makes any history "long".

bats_require_minimum_version 1.5.0
load helpers

# A branchy history of $ID: a side branch that edits the case by hand (merged with a merge
# commit that changes the case against its first parent), another side branch that edits it
# but is merged with `-s ours` (the merge differs from its second parent only: git's
# --full-history lists it, the index does not), and casectl changes on the main line between.
branchy() {
  case_at active
  local main
  main=$(git -C "$DIR" branch --show-current)
  git -C "$DIR" checkout -q -b side
  sed -i '1i # side 1' "$DIR/$(case_file)"
  git -C "$DIR" commit -qam "side edit 1"
  git -C "$DIR" checkout -q "$main"
  day 2026-11-11
  cs note "$ID" "Home visit" --kind home-visit >/dev/null
  git -C "$DIR" merge -q --no-ff -m "merge side" side
  git -C "$DIR" checkout -q -b other
  printf '# side 2\n' >>"$DIR/$(case_file)"
  git -C "$DIR" commit -qam "side edit 2"
  git -C "$DIR" checkout -q "$main"
  day 2026-11-12
  cs note "$ID" "Phoned the school" --kind phone >/dev/null
  git -C "$DIR" merge -q -s ours -m "merge other, keeping ours" other
  ID2=$(new_case --name "川村 一郎")
}

# A program named git first on PATH (in $T/fake) running shell code $1, with $REAL_GIT the real one.
fake_git() {
  mkdir -p "$T/fake"
  REAL_GIT=$(command -v git)
  export REAL_GIT
  printf '#!/bin/bash\n%s\n' "$1" >"$T/fake/git"
  chmod +x "$T/fake/git"
}

# Waits (up to 20 s) until no background `log --update-index` of $DIR runs.
wait_update() {
  local i
  for i in $(seq 200); do
    pgrep -f -- "-C $DIR log --update-index" >/dev/null || return 0
    sleep 0.1
  done
  fail "the background update of the history index did not end"
}

# The log of $1 as the index gives it (index brought up to date first), csv.
indexed_log() {
  cs log --update-index >/dev/null
  cs log "$1" --format csv
}

@test "log ID without an index: git's answer gives the same rows as the index, merges as the index counts them" {
  branchy
  indexed_log "$ID" >"$T/indexed.csv"
  grep -q 'merge side' <(git -C "$DIR" log --format=%s) || fail "no merge in the history"
  # git --full-history lists the '-s ours' merge; the index does not (no change against its first parent)
  git -C "$DIR" log --full-history --format=%s -- "$(dirname "$(case_file)")" | grep -q 'keeping ours' ||
    fail "git does not list the ours-merge: the test no longer covers the filter"
  run ! grep -q "$(git -C "$DIR" log -1 --format=%h --grep 'keeping ours' | cut -c1-7)" "$T/indexed.csv"
  rm -f "$DIR"/.casectl/history.sqlite*
  fake_git 'echo "$*" >>"$CALLS"; exec "$REAL_GIT" "$@"'
  PATH="$T/fake:$PATH" CALLS="$T/calls" CASECTL_HISTORY_WALK_MIN=1 cs log "$ID" --format csv >"$T/cold.csv"
  wait_update
  run diff "$T/indexed.csv" "$T/cold.csv"
  assert_success
  run cat "$T/calls"
  assert_output --partial "log --full-history"
  assert_output --partial -- "-- $(dirname "$(case_file)")"
  # the same for the other case, and the table form
  rm -f "$DIR"/.casectl/history.sqlite*
  CASECTL_HISTORY_WALK_MIN=1 cs log "$ID2" >"$T/cold2.txt"
  wait_update
  cs log "$ID2" >"$T/indexed2.txt"
  run diff "$T/indexed2.txt" "$T/cold2.txt"
  assert_success
}

@test "log ID without an index and without git: a libgit2 walk of the case's folder gives the same rows" {
  branchy
  indexed_log "$ID" >"$T/indexed.csv"
  rm -f "$DIR"/.casectl/history.sqlite*
  mkdir "$T/bin"  # a PATH with no git on it
  PATH="$T/bin" CASECTL_HISTORY_WALK_MIN=1 "$CASECTL_BIN" -C "$DIR" log "$ID" --format csv >"$T/cold.csv"
  wait_update
  run diff "$T/indexed.csv" "$T/cold.csv"
  assert_success
}

@test "log ID without an index: a git that fails or answers garbage is not trusted (libgit2 walk instead)" {
  branchy
  indexed_log "$ID" >"$T/indexed.csv"
  local code
  for code in 'exit 1' 'echo not-a-commit-id' 'printf "%040d" 1' 'kill -9 $$'; do
    rm -f "$DIR"/.casectl/history.sqlite*
    fake_git "$code"
    PATH="$T/fake:$PATH" CASECTL_HISTORY_WALK_MIN=1 cs log "$ID" --format csv >"$T/cold.csv"
    wait_update
    run diff "$T/indexed.csv" "$T/cold.csv"
    assert_success
  done
}

@test "log ID without an index makes the index in the background; the next log answers from it" {
  branchy
  rm -f "$DIR"/.casectl/history.sqlite*
  CASECTL_HISTORY_WALK_MIN=1 cs log "$ID" >/dev/null
  wait_update
  [ -f "$DIR/.casectl/history.sqlite" ] || fail "no history index was made"
  run cs log --update-index
  assert_success
  assert_output "history index: up to date (0 commits added, 0 dropped)"
}

@test "log ID with a usable index adds the missing commits itself, starting nothing in the background" {
  branchy
  cs log "$ID" >/dev/null
  day 2026-11-13
  cs note "$ID" "Another visit" --kind home-visit >/dev/null
  CASECTL_HISTORY_WALK_MIN=1 cs log "$ID" --format csv >"$T/log.csv"
  run pgrep -f -- "-C $DIR log --update-index"
  assert_failure
  # new, assess, plan, side edit 1, note, merge side, side edit 2, note, note (not the ours-merge)
  run grep -c '^[0-9a-f]\{40\},' "$T/log.csv"
  assert_output 9
}

@test "log ID on a short history without an index builds the index at once (no background work)" {
  branchy
  rm -f "$DIR"/.casectl/history.sqlite*
  cs log "$ID" >/dev/null
  run pgrep -f -- "-C $DIR log --update-index"
  assert_failure
  run cs log --update-index
  assert_output "history index: up to date (0 commits added, 0 dropped)"
}

@test "log --update-index: reports what it added; does nothing while another process updates; takes no ID" {
  branchy
  rm -f "$DIR"/.casectl/history.sqlite*
  run cs log --update-index
  assert_success
  assert_output --regexp '^history index: up to date \([0-9]+ commits added, 0 dropped\)$'
  [ "$(echo "$output" | grep -o '[0-9]* commits' | cut -d' ' -f1)" = "$(commit_count)" ] || fail "not every commit added"
  exec 9>>"$DIR/.casectl/history.update"
  flock 9
  run cs log --update-index
  flock -u 9
  assert_success
  assert_output "history index: another process is bringing it up to date"
  run cs log "$ID" --update-index
  assert_failure 2
  assert_output --partial "--update-index takes no ID"
  run env CASECTL_HISTORY_WALK_MIN=many "$CASECTL_BIN" -C "$DIR" log "$ID"
  assert_failure 2
  assert_output --partial "CASECTL_HISTORY_WALK_MIN=many"
}
