#!/usr/bin/env bats
# Safety of the data (SPEC sections 5, 6, 8): the lock, hand edits never overwritten, merge and
# rebase states, file modes, hostile and huge input, and internal errors leaving nothing behind.

load helpers

# Milliseconds since the epoch.
now_ms() { echo $(($(date +%s%N) / 1000000)); }

# Holds .casectl/lock of $DIR in a background process (python3, flock(2)) for $1 seconds, writing
# $2 (if given) into the lock file as its holder; waits until it holds. Sets HOLDER_PID.
hold_lock() {
  local ready="$T/lock-held"
  rm -f "$ready"
  python3 -c '
import fcntl, sys, time
f = open(sys.argv[1], "r+")
fcntl.flock(f, fcntl.LOCK_EX)
if sys.argv[3]:
    f.truncate(0); f.write(sys.argv[3] + "\n"); f.flush()
open(sys.argv[2], "w").close()
time.sleep(float(sys.argv[4]))
' "$DIR/.casectl/lock" "$ready" "${2:-}" "$1" </dev/null >/dev/null 2>&1 3>&- &
  HOLDER_PID=$!
  local i
  for i in $(seq 100); do
    [ -e "$ready" ] && return 0
    sleep 0.05
  done
  fail "the lock holder did not start"
}

# Ends the lock holder started by hold_lock (by its pid) and waits for it.
release_lock() {
  if [ -n "${HOLDER_PID:-}" ]; then
    kill "$HOLDER_PID" 2>/dev/null || true
    wait "$HOLDER_PID" 2>/dev/null || true
    HOLDER_PID=
  fi
}

teardown() {
  release_lock
  # Give back write permission to anything a test made read-only, so that bats can clean up.
  chmod -R u+w "$BATS_TEST_TMPDIR" 2>/dev/null || true
}

# --- the lock -----------------------------------------------------------------------------------

@test "a held lock: new waits about 2 s, then exits 5 saying the directory is busy; nothing written" {
  make_dir
  snapshot
  hold_lock 20
  start="$(now_ms)"
  run timeout 10 "$CASECTL_BIN" -C "$DIR" --worker sato new --source school --urgency urgent --concern neglect
  took=$(($(now_ms) - start))
  assert_failure 5
  assert_output --partial busy
  [ "$took" -ge 1000 ] || fail "gave up after $took ms without waiting"
  [ "$took" -lt 4000 ] || fail "waited $took ms"
  assert_unchanged
  release_lock
  run new_case
  assert_success
  assert_output C-2026-0001
}

@test "a held lock: the refusal names the holder written in the lock file" {
  make_dir
  hold_lock 20 "tanaka: casectl assess (pid 4242, since 2026-11-10T09:00:00+09:00)"
  run "$CASECTL_BIN" -C "$DIR" --worker sato worker add suzuki --name S --email s@example.org
  assert_failure 5
  assert_output --partial "tanaka: casectl assess"
  assert_output --partial "pid 4242"
}

@test "a lock released within the wait: the command waits and succeeds" {
  make_dir
  hold_lock 0.7
  run new_case
  assert_success
  assert_output C-2026-0001
  assert_clean
}

@test "concurrent news never lose an update: distinct IDs, one commit each" {
  make_dir
  before="$(commit_count)"
  for i in 1 2 3 4; do
    casectl -C "$DIR" --worker sato new --source school --urgency urgent --concern neglect \
      >"$T/out.$i" 2>"$T/err.$i" 3>&- &
  done
  wait
  for i in 1 2 3 4; do
    [ -s "$T/out.$i" ] || fail "process $i: $(cat "$T/err.$i")"
  done
  assert_equal "$(cat "$T"/out.* | sort | tr '\n' ' ')" "C-2026-0001 C-2026-0002 C-2026-0003 C-2026-0004 "
  assert_equal "$(commit_count)" $((before + 4))
  for id in C-2026-0001 C-2026-0002 C-2026-0003 C-2026-0004; do
    [ -f "$(rec "$id")" ]
  done
  assert_clean
}

# --- hand edits ---------------------------------------------------------------------------------

@test "a hand edit of casectl.yaml not committed: worker add exits 5 naming the file, nothing written" {
  make_dir
  sed -i 's/^agency: .*/agency: Edited By Hand/' "$DIR/casectl.yaml"
  snapshot
  run casectl -C "$DIR" --worker sato worker add suzuki --name S --email s@example.org
  assert_failure 5
  assert_output --partial casectl.yaml
  assert_output --partial "git checkout"
  assert_unchanged
  grep -q "Edited By Hand" "$DIR/casectl.yaml"
  # Once committed, the change goes ahead.
  git -C "$DIR" commit -qam "agency renamed"
  run casectl -C "$DIR" --worker sato worker add suzuki --name S --email s@example.org
  assert_success
  grep -q "Edited By Hand" "$DIR/casectl.yaml"
  assert_clean
}

@test "a hand edit of one case does not stop a new case, and is neither committed nor lost" {
  make_dir
  new_case >/dev/null
  f="$(rec C-2026-0001)"
  sed -i 's/^  urgency: urgent$/  urgency: routine/' "$f"
  cp "$f" "$T/edited.yaml"
  echo "my notes" >"$DIR/notes.txt"
  run --separate-stderr new_case
  assert_success
  assert_output C-2026-0002
  cmp "$f" "$T/edited.yaml"
  run git -C "$DIR" show --name-only --format= HEAD
  assert_output cases/2026/00/C-2026-0002/case.yaml
  run git -C "$DIR" status --porcelain
  assert_output " M cases/2026/00/C-2026-0001/case.yaml
?? notes.txt"
}

@test "a change staged by hand is not swept into casectl's commit" {
  make_dir
  new_case >/dev/null
  sed -i 's/^  urgency: urgent$/  urgency: routine/' "$(rec C-2026-0001)"
  git -C "$DIR" add -A
  run new_case
  assert_success
  run git -C "$DIR" show --name-only --format= HEAD
  assert_output cases/2026/00/C-2026-0002/case.yaml
  run git -C "$DIR" show HEAD:cases/2026/00/C-2026-0001/case.yaml
  assert_line "  urgency: urgent"
  run git -C "$DIR" status --porcelain
  assert_output "M  cases/2026/00/C-2026-0001/case.yaml"
}

# --- repository states --------------------------------------------------------------------------

@test "a merge in progress: changing commands exit 5, nothing written" {
  make_dir
  new_case >/dev/null
  git -C "$DIR" rev-parse HEAD~1 >"$DIR/.git/MERGE_HEAD"
  snapshot
  run new_case
  assert_failure 5
  assert_output --partial merge
  run casectl -C "$DIR" --worker sato worker add suzuki --name S --email s@example.org
  assert_failure 5
  assert_unchanged
  # Reading still works.
  run casectl -C "$DIR" show C-2026-0001
  assert_success
  rm "$DIR/.git/MERGE_HEAD"
  run new_case
  assert_success
}

@test "a rebase in progress: exit 5, nothing written" {
  make_dir
  mkdir "$DIR/.git/rebase-merge"
  snapshot
  run new_case
  assert_failure 5
  assert_output --partial rebase
  assert_unchanged
}

# --- every change one commit, nothing left behind -----------------------------------------------

@test "git status is clean after every successful command" {
  casectl init "$DIR" --worker sato --name "Sato Yuki" --email sato@example.org >/dev/null
  assert_clean
  casectl -C "$DIR" --worker sato worker add tanaka --name "Tanaka Ken" --email tanaka@example.org >/dev/null
  assert_clean
  new_case >/dev/null
  assert_clean
  casectl -C "$DIR" --worker tanaka new --file "$FORMS/full.yaml" >/dev/null
  assert_clean
  casectl -C "$DIR" --worker sato new --file - <"$FORMS/minimal.yaml" >/dev/null
  assert_clean
  for cmd in "show C-2026-0002" "list" "path C-2026-0003" "worker list"; do
    # shellcheck disable=SC2086
    casectl -C "$DIR" $cmd >/dev/null
    assert_clean
  done
  assert_equal "$(commit_count)" 5
  run git -C "$DIR" fsck --no-progress
  assert_success
}

@test "files are 0600 and folders 0700 whatever the umask" {
  umask 000
  casectl init "$DIR" --worker sato --name "Sato Yuki" --email sato@example.org >/dev/null
  casectl -C "$DIR" --worker sato worker add tanaka --name "Tanaka Ken" --email tanaka@example.org >/dev/null
  new_case --opened 2025-05-05 >/dev/null
  new_case >/dev/null
  run find "$DIR" -path "$DIR/.git" -prune -o -type f ! -perm 600 -print
  assert_output ""
  run find "$DIR" -path "$DIR/.git" -prune -o -type d ! -perm 700 -print
  assert_output ""
  [ -f "$DIR/cases/2025/00/C-2025-0001/case.yaml" ]
  [ -f "$DIR/.casectl/lock" ]
  # git's index lists every case's path: private too, and .git itself closed.
  [ "$(stat -c %a "$DIR/.git/index")" = 600 ] || fail "index is $(stat -c %a "$DIR/.git/index")"
  [ "$(stat -c %a "$DIR/.git")" = 700 ]
}

# --- hostile input ------------------------------------------------------------------------------

@test "every file of the hostile corpus: new --file exits 6 with FILE:LINE:COL within 2 s, nothing written" {
  make_dir
  snapshot
  n=0
  for f in "$CASECTL_SRC"/tests/data/hostile/*; do
    n=$((n + 1))
    start="$(now_ms)"
    run --separate-stderr timeout 5 "$CASECTL_BIN" -C "$DIR" --worker sato new --file "$f"
    took=$(($(now_ms) - start))
    [ "$status" -eq 6 ] || fail "$f: exit $status, not 6: $stderr"
    [ -z "$output" ] || fail "$f: printed on stdout: $output"
    [[ "$stderr" =~ ^casectl:\ ${f}:[0-9]+:[0-9]+:\ . ]] || fail "$f: no FILE:LINE:COL: $stderr"
    [ "$took" -lt 2000 ] || fail "$f: took $took ms"
  done
  [ "$n" -ge 10 ] || fail "only $n files in tests/data/hostile"
  assert_unchanged
}

@test "the hostile corpus on stdin: exit 6 at <stdin>:LINE:COL" {
  make_dir
  snapshot
  for f in "$CASECTL_SRC"/tests/data/hostile/*; do
    run --separate-stderr timeout 5 "$CASECTL_BIN" -C "$DIR" --worker sato new --file - <"$f"
    [ "$status" -eq 6 ] || fail "$f: exit $status, not 6: $stderr"
    [[ "$stderr" =~ ^casectl:\ \<stdin\>:[0-9]+:[0-9]+:\ . ]] || fail "$f: no place: $stderr"
  done
  assert_unchanged
}

@test "a hostile file in place of a record: show exits 6, list reports it and goes on" {
  make_dir
  new_case >/dev/null
  new_case >/dev/null
  f="$(rec C-2026-0002)"
  for h in "$CASECTL_SRC"/tests/data/hostile/*; do
    cp "$h" "$f"
    run --separate-stderr timeout 5 "$CASECTL_BIN" -C "$DIR" show C-2026-0002
    [ "$status" -eq 6 ] || fail "$h: show exit $status: $stderr"
    [[ "$stderr" == *"cases/2026/00/C-2026-0002/case.yaml:"[0-9]* ]] || fail "$h: show: $stderr"
    run --separate-stderr timeout 5 "$CASECTL_BIN" -C "$DIR" --format csv list
    [ "$status" -eq 0 ] || fail "$h: list exit $status: $stderr"
    [[ "$output" == *"C-2026-0001,intake"* ]] || fail "$h: list lost the good case: $output"
    [[ "$stderr" == *C-2026-0002* ]] || fail "$h: list did not report the bad one: $stderr"
  done
}

@test "a 2 MiB form: exit 6, nothing written, from a file and from stdin" {
  make_dir
  snapshot
  {
    printf 'referral:\n  source: school\n  urgency: urgent\n  concerns: [neglect]\n  reason: '
    head -c $((2 * 1024 * 1024)) /dev/zero | tr '\0' x
    printf '\n'
  } >"$T/huge.yaml"
  start="$(now_ms)"
  run --separate-stderr timeout 5 "$CASECTL_BIN" -C "$DIR" --worker sato new --file "$T/huge.yaml"
  [ "$status" -eq 6 ] || fail "exit $status: $stderr"
  [[ "$stderr" == "casectl: $T/huge.yaml:"* ]] || fail "$stderr"
  [[ "$stderr" == *"1 MiB"* ]] || fail "$stderr"
  [ $(($(now_ms) - start)) -lt 2000 ]
  run --separate-stderr timeout 5 "$CASECTL_BIN" -C "$DIR" --worker sato new --file - <"$T/huge.yaml"
  [ "$status" -eq 6 ] || fail "stdin: exit $status: $stderr"
  assert_unchanged
}

@test "an endless form (/dev/zero, from a file and from stdin): exit 6 at once, in bounded memory" {
  make_dir
  snapshot
  # Under 500 MB of address space: reading the whole input before checking its size would fail
  # (or take the full timeout) instead of refusing after the first MiB.
  run --separate-stderr timeout 10 bash -c 'ulimit -v "$2"; exec "$0" -C "$1" --worker sato new --file /dev/zero' \
    "$CASECTL_BIN" "$DIR" "$(vm_limit 500000)"
  [ "$status" -eq 6 ] || fail "file: exit $status: $stderr"
  [[ "$stderr" == "casectl: /dev/zero:1:1: file larger than 1 MiB"* ]] || fail "$stderr"
  run --separate-stderr timeout 10 bash -c 'ulimit -v "$2"; head -c 3M /dev/zero | "$0" -C "$1" --worker sato new --file -' \
    "$CASECTL_BIN" "$DIR" "$(vm_limit 500000)"
  [ "$status" -eq 6 ] || fail "stdin: exit $status: $stderr"
  [[ "$stderr" == "casectl: <stdin>:1:1: file larger than 1 MiB"* ]] || fail "$stderr"
  assert_unchanged
}

@test "text that looks like YAML, with new lines and quotes, goes in and comes back exactly" {
  make_dir
  reason=$'null\n--- \n- item: x # not a comment\n  "quoted" \'single\' \\ back\ttab'
  run new_case --name "yes" --address "#1 & *star &anchor" --school "2026-01-01" --reason "$reason" \
    --reporter "   spaces   "
  assert_success
  run casectl -C "$DIR" --format json show C-2026-0001
  assert_success
  python3 - "$output" "$reason" <<'PY'
import json, sys
r = json.loads(sys.argv[1])
c, ref = r["client"], r["referral"]
assert c["name"] == "yes", c
assert c["address"] == "#1 & *star &anchor", c
assert c["school"] == "2026-01-01", c
assert ref["reason"] == sys.argv[2], ref["reason"]
assert ref["reporter"] == "   spaces   ", ref
PY
  assert_clean
}

@test "escape sequences in a record never reach the terminal from show or list" {
  make_dir
  run casectl -C "$DIR" --worker sato new --file "$FORMS/control-chars.yaml"
  assert_success
  for cmd in "show C-2026-0001" "list" "worker list"; do
    # shellcheck disable=SC2086
    casectl -C "$DIR" $cmd >"$T/out"
    if LC_ALL=C grep -q "$(printf '[\x01-\x08\x0b-\x1f\x7f]')" "$T/out"; then
      fail "$cmd printed a control character: $(cat -v "$T/out")"
    fi
    if grep -qP '\x{9b}' "$T/out"; then fail "$cmd printed a C1 control: $(cat -v "$T/out")"; fi
  done
  casectl -C "$DIR" show C-2026-0001 >"$T/out"
  grep -q "title" "$T/out"
  # The record and JSON keep the text exactly.
  run casectl -C "$DIR" --format json show C-2026-0001
  python3 -c 'import json,sys; r=json.loads(sys.argv[1]); assert r["client"]["name"] == "X\x1b]0;title\x07", r' "$output"
}

@test "a symlink in place of cases/ is not followed out of the case directory" {
  make_dir
  mkdir "$T/outside"
  ln -s "$T/outside" "$DIR/cases"
  snapshot
  run --separate-stderr new_case
  assert_failure 5
  [[ "$stderr" == *"cases is a symbolic link"* ]] || fail "$stderr"
  [ -z "$(find "$T/outside" -type f)" ] || fail "wrote outside the case directory"
  assert_unchanged
}

@test "a case record that is a symlink is neither read nor written through" {
  make_dir
  new_case >/dev/null
  echo "secret: outside" >"$T/secret.yaml"
  f="$DIR/cases/2026/00/C-2026-0001/case.yaml"
  rm "$f" && ln -s "$T/secret.yaml" "$f"
  run --separate-stderr casectl -C "$DIR" show C-2026-0001 --format yaml
  assert_failure 5
  [[ "$output" != *secret* ]] || fail "printed the link's target"
  run --separate-stderr casectl -C "$DIR" --worker sato note C-2026-0001 "x" --kind phone
  assert_failure 5
  [ "$(cat "$T/secret.yaml")" = "secret: outside" ] || fail "wrote through the link"
}

# --- internal errors ----------------------------------------------------------------------------

@test "an I/O failure while writing (a file where the year folder belongs): exit 70, nothing written" {
  make_dir
  mkdir -p "$DIR/cases"
  echo "not a folder" >"$DIR/cases/2026"
  snapshot
  run --separate-stderr new_case
  assert_failure 70
  [[ "$stderr" == casectl:* ]] || fail "$stderr"
  [[ "$stderr" == *cases/2026* ]] || fail "the error does not name the path: $stderr"
  [[ "$stderr" != *山田* ]] || fail "personal data in the error: $stderr"
  assert_output ""
  assert_unchanged
  # Out of the way, the same command works.
  rm "$DIR/cases/2026"
  run new_case
  assert_success
  assert_output C-2026-0001
}

@test "a detached HEAD is refused (exit 5), nothing written: a commit there would be lost" {
  case_at intake
  git -C "$DIR" checkout -q --detach
  snapshot
  run --separate-stderr cs note "$ID" "Phone call" --kind phone
  [ "$status" -eq 5 ] || fail "expected exit 5, got $status: $stderr"
  [[ "$stderr" == *"detached"* ]] || fail "stderr does not say detached: $stderr"
  assert_unchanged
  git -C "$DIR" checkout -q main
  cs note "$ID" "Phone call" --kind phone >/dev/null
}
