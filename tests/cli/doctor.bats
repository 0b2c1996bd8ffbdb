#!/usr/bin/env bats
# casectl doctor [--repair] (SPEC section 8, issue 9): each problem is planted in a case directory
# by hand, as an interrupted run, git or a careless hand would leave it. doctor reports it on one
# line (exit 1) and changes nothing at all, not even under .git or .casectl; --repair fixes what is
# safe and says so, after which doctor exits 0; what holds data or needs a person is reported,
# never removed.

bats_require_minimum_version 1.5.0
load helpers
load helpers_integrity

# casectl doctor on $DIR, with editor copies looked for in a temp folder of this test only.
doctor() {
  mkdir -p "$T/tmpdir"
  TMPDIR="$T/tmpdir" casectl -C "$DIR" doctor "$@"
}

# Every file, folder and link of $DIR, .git and .casectl included: mode, type, path, link target,
# then the hash of every file.
state_of() {
  (cd "$DIR" && {
    find . -printf '%m %y %p -> %l\n' | LC_ALL=C sort
    find . -type f -print0 | LC_ALL=C sort -z | xargs -0 -r sha256sum
  })
}

# Remembers the whole state of $DIR.
keep_state() { STATE="$(state_of)"; }

# Fails unless $DIR is exactly as keep_state saw it.
assert_state_kept() {
  local now
  now="$(state_of)"
  if [ "$now" != "$STATE" ]; then
    diff <(echo "$STATE") <(echo "$now") >&2 || true
    fail "doctor changed $DIR"
  fi
}

# After `run --separate-stderr doctor`: exit 1 and every argument a whole line of stdout.
assert_found() {
  local line
  [ "$status" -eq 1 ] || fail "expected exit 1, got $status; stdout: $output; stderr: $stderr"
  for line in "$@"; do
    grep -qxF -- "$line" <<<"$output" || fail "no line '$line' in:
$output"
  done
}

# Runs doctor (changing nothing: checked), expecting exit 1 with the lines given.
doctor_finds() {
  keep_state
  run --separate-stderr doctor
  assert_found "$@"
  assert_state_kept
}

# Runs doctor --repair, expecting exit $1 and the further arguments as whole lines of stdout.
doctor_repairs() {
  local want="$1" line
  shift
  run --separate-stderr doctor --repair
  [ "$status" -eq "$want" ] || fail "--repair: expected exit $want, got $status; stdout: $output; stderr: $stderr"
  for line in "$@"; do
    grep -qxF -- "$line" <<<"$output" || fail "--repair: no line '$line' in:
$output"
  done
}

# Fails unless doctor now finds nothing (exit 0, nothing on stdout).
assert_doctor_clean() {
  run --separate-stderr doctor
  [ "$status" -eq 0 ] || fail "doctor after the repair: exit $status; stdout: $output; stderr: $stderr"
  assert_output ""
}

# ---- a healthy directory ----

@test "doctor: a healthy case directory -> exit 0, says so, changes nothing (no lock file made)" {
  case_at active
  rm -rf "$DIR/.casectl"
  keep_state
  run --separate-stderr doctor
  assert_success
  assert_output ""
  [ "$stderr" = "no problems found" ] || fail "stderr: $stderr"
  run --separate-stderr doctor --format json
  assert_success
  assert_output "[]"
  assert_state_kept
  [ ! -e "$DIR/.casectl" ] || fail "doctor made .casectl/"
}

@test "doctor: an index written by list is healthy and is left as it is (no WAL or shared memory made)" {
  case_at intake
  cs list >/dev/null
  [ -f "$DIR/.casectl/index.sqlite" ]
  keep_state
  run --separate-stderr doctor
  assert_success
  assert_state_kept
}

# ---- modes ----

@test "doctor: git checkout -- FILE leaves the record 0644 -> found; --repair makes it 0600" {
  case_at intake
  echo "# scribble" >>"$DIR/$(case_file)"
  (umask 022 && git -C "$DIR" checkout -q -- "$(case_file)")
  [ "$(stat -c %a "$DIR/$(case_file)")" = 644 ] || fail "git checkout did not leave 0644"
  doctor_finds "$(case_file): mode: 0644, should be 0600"
  [ "$stderr" = "1 problem found; \`casectl doctor --repair\` repairs 1 of them" ] || fail "stderr: $stderr"
  doctor_repairs 0 "$(case_file): mode: 0644 -> 0600 (repaired)"
  [ "$stderr" = "1 problem found: 1 repaired, 0 left" ] || fail "stderr: $stderr"
  assert_private "$(case_file)"
  assert_doctor_clean
}

@test "doctor: the root, a year folder, .git and .casectl open to others -> found; --repair makes them 0700" {
  case_at intake
  chmod 0755 "$DIR" "$DIR/cases/2026" "$DIR/.git" "$DIR/.casectl"
  doctor_finds ".: mode: 0755, should be 0700" "cases/2026: mode: 0755, should be 0700" \
    ".git: mode: 0755, should be 0700" ".casectl: mode: 0755, should be 0700"
  # .casectl/ open to others keeps every command from taking the lock: doctor repairs it first.
  doctor_repairs 0 ".: mode: 0755 -> 0700 (repaired)" "cases/2026: mode: 0755 -> 0700 (repaired)" \
    ".git: mode: 0755 -> 0700 (repaired)" ".casectl: mode: 0755 -> 0700 (repaired)"
  for d in "$DIR" "$DIR/cases/2026" "$DIR/.git" "$DIR/.casectl"; do
    [ "$(stat -c %a "$d")" = 700 ] || fail "$d is $(stat -c %a "$d")"
  done
  assert_doctor_clean
}

# ---- locks ----

@test "doctor: stale git lock files (index.lock, refs/heads/main.lock) -> found; --repair removes them" {
  case_at intake
  touch -d '-3 hours' "$DIR/.git/index.lock" "$DIR/.git/refs/heads/main.lock"
  doctor_finds ".git/index.lock: lock: a lock file git left 3 h ago; no casectl is running" \
    ".git/refs/heads/main.lock: lock: a lock file git left 3 h ago; no casectl is running"
  doctor_repairs 0 ".git/index.lock: lock: removed (repaired)" ".git/refs/heads/main.lock: lock: removed (repaired)"
  [ ! -e "$DIR/.git/index.lock" ] && [ ! -e "$DIR/.git/refs/heads/main.lock" ]
  assert_doctor_clean
  cs note "$ID" "Phone call with the school" --kind phone >/dev/null
  assert_clean
}

@test "doctor: a fresh git lock file (a git command may be running) is neither reported nor removed" {
  case_at intake
  touch "$DIR/.git/index.lock"
  run --separate-stderr doctor --repair
  assert_success
  assert_output ""
  [ -e "$DIR/.git/index.lock" ] || fail "a fresh lock file was removed"
}

@test "doctor: another casectl holds the lock -> doctor and --repair exit 5, nothing changed" {
  case_at intake
  chmod 0644 "$DIR/$(case_file)"
  flock "$DIR/.casectl/lock" sleep 20 3>&- &
  local holder=$!
  for _ in $(seq 50); do flock -n "$DIR/.casectl/lock" true || break; sleep 0.1; done
  keep_state
  run --separate-stderr doctor
  local plain=$status plain_err=$stderr
  run --separate-stderr doctor --repair
  kill "$holder"
  [ "$plain" -eq 5 ] || fail "doctor: expected exit 5, got $plain"
  [[ "$plain_err" == *"busy"* ]] || fail "stderr: $plain_err"
  assert_failure 5
  [[ "$stderr" == *"busy"* ]] || fail "stderr: $stderr"
  assert_state_kept
}

# ---- an interrupted change ----

@test "doctor: a note killed after its journal -> found, nothing changed; --repair recovers it" {
  command -v strace >/dev/null || skip "strace is not installed"
  strace -f -o /dev/null true 2>/dev/null || skip "strace cannot trace here (no ptrace)"
  case_at intake
  cp -a "$DIR" "$T/base"
  local k
  for k in $(seq 1 40); do
    rm -rf "$DIR" && cp -a "$T/base" "$DIR"
    strace -f -qq -o /dev/null -e trace=rename -e inject=rename:signal=KILL:when="$k" \
      "$CASECTL_BIN" -C "$DIR" --worker sato note "$ID" "Phone call" --kind phone >/dev/null 2>&1 || true
    [ -e "$DIR/.casectl/journal" ] && break
  done
  [ -e "$DIR/.casectl/journal" ] || fail "no kill left a journal"
  doctor_finds ".casectl/journal: journal: an interrupted change waits to be finished or rolled back"
  [ -e "$DIR/.casectl/journal" ]
  run --separate-stderr doctor --repair
  assert_success
  assert_line --regexp '^\.casectl/journal: journal: recovered an interrupted change: (finished|rolled back) .*\(repaired\)$'
  [ ! -e "$DIR/.casectl/journal" ] || fail "the journal is still there"
  assert_clean
  assert_doctor_clean
}

@test "doctor: a journal HEAD has moved past -> --repair keeps it, says what to do, exit 1" {
  case_at intake
  printf 'casectl-journal 1\nhead %s\ncommit %s\nbranch refs/heads/main\npath %s\n' \
    "$(printf '1%.0s' $(seq 40))" "$(printf '2%.0s' $(seq 40))" "$(case_file)" >"$DIR/.casectl/journal"
  chmod 0600 "$DIR/.casectl/journal"
  doctor_finds ".casectl/journal: journal: an interrupted change waits to be finished or rolled back"
  doctor_repairs 1
  assert_line --partial ".casectl/journal: journal: an interrupted change waits to be finished or rolled back; could not repair it: "
  assert_line --partial "HEAD moved since"
  [ -e "$DIR/.casectl/journal" ] || fail "the journal was removed"
}

# ---- leftovers ----

@test "doctor: leftovers (.casectl/tmp, a temp file beside the record, a git temp object) -> removed by --repair" {
  case_at intake
  local folder
  folder="$(dirname "$(case_file)")"
  echo tmp >"$DIR/.casectl/tmp/case.yaml.tmp-4242-0badf00d"
  echo old >"$DIR/$folder/.case.yaml.tmp-4242-deadbeef"
  echo obj >"$DIR/.git/objects/tmp_object_git2_a1B2c3"
  touch -d '-1 hour' "$DIR/.git/objects/tmp_object_git2_a1B2c3"
  # Names like them but not casectl's: a person's files, kept.
  echo mine >"$DIR/$folder/notes.tmp-4242-deadbeef"
  doctor_finds ".casectl/tmp/case.yaml.tmp-4242-0badf00d: leftover: a temporary file of an interrupted change" \
    "$folder/.case.yaml.tmp-4242-deadbeef: leftover: a temporary file of an interrupted write" \
    ".git/objects/tmp_object_git2_a1B2c3: leftover: a temporary file git left 60 min ago"
  doctor_repairs 1 ".casectl/tmp/case.yaml.tmp-4242-0badf00d: leftover: removed (repaired)" \
    "$folder/.case.yaml.tmp-4242-deadbeef: leftover: removed (repaired)" \
    ".git/objects/tmp_object_git2_a1B2c3: leftover: removed (repaired)"
  assert_line --partial "$folder/notes.tmp-4242-deadbeef: untracked: "
  [ ! -e "$DIR/.casectl/tmp/case.yaml.tmp-4242-0badf00d" ] && [ ! -e "$DIR/$folder/.case.yaml.tmp-4242-deadbeef" ]
  [ ! -e "$DIR/.git/objects/tmp_object_git2_a1B2c3" ]
  [ "$(cat "$DIR/$folder/notes.tmp-4242-deadbeef")" = mine ] || fail "a person's file was removed"
}

@test "doctor: an editor copy in .casectl/tmp/edit of a live casectl is kept; one whose casectl is gone is removed" {
  case_at intake
  mkdir -p -m 0700 "$DIR/.casectl/tmp/edit"
  sleep 300 </dev/null >/dev/null 2>&1 3>&- &
  local live=$!
  # A PID that is surely gone: a finished child's.
  sh -c 'exit 0' &
  local dead=$!
  wait "$dead" || true
  echo open >"$DIR/.casectl/tmp/edit/$live-AbC123-$ID.yaml"
  echo left >"$DIR/.casectl/tmp/edit/$dead-XyZ789-$ID.yaml"
  chmod 600 "$DIR/.casectl/tmp/edit/"*
  doctor_finds ".casectl/tmp/edit/$dead-XyZ789-$ID.yaml: leftover: a temporary file of an interrupted change"
  refute_output --partial "$live-AbC123"
  doctor_repairs 0 ".casectl/tmp/edit/$dead-XyZ789-$ID.yaml: leftover: removed (repaired)"
  [ -e "$DIR/.casectl/tmp/edit/$live-AbC123-$ID.yaml" ] || fail "the open editor's copy was removed"
  [ ! -e "$DIR/.casectl/tmp/edit/$dead-XyZ789-$ID.yaml" ]
  # A change (which recovers leftovers first) keeps it too.
  cs note "$ID" "phoned" --kind phone >/dev/null
  [ -e "$DIR/.casectl/tmp/edit/$live-AbC123-$ID.yaml" ] || fail "a change removed the open editor's copy"
  kill "$live"
}

@test "doctor: an old editor copy in TMPDIR is reported (it may hold a record), never removed" {
  case_at intake
  mkdir -p "$T/tmpdir"
  echo record >"$T/tmpdir/casectl-AbC123-$ID.yaml"
  touch -d '-3 hours' "$T/tmpdir/casectl-AbC123-$ID.yaml"
  echo form >"$T/tmpdir/casectl-XyZ789-assess.yaml"  # fresh: an edit may be going on
  doctor_finds "$T/tmpdir/casectl-AbC123-$ID.yaml: leftover: an editor copy an interrupted edit or form left 3 h ago (it may hold a record); keep what you need from it, then delete it (doctor never deletes it)"
  refute_output --partial "XyZ789"
  doctor_repairs 1
  [ -e "$T/tmpdir/casectl-AbC123-$ID.yaml" ] || fail "the editor copy was removed"
}

# ---- what git does not track ----

@test "doctor: an untracked case folder and file holding data -> reported, never removed, exit 1 after --repair" {
  case_at intake
  local other="cases/2026/00/C-2026-0002"
  mkdir -p "$DIR/$other"
  cp -p "$DIR/$(case_file)" "$DIR/$other/case.yaml"
  sed -i "s/^id: $ID\$/id: C-2026-0002/" "$DIR/$other/case.yaml"
  echo "visit notes" >"$DIR/$(dirname "$(case_file)")/notes.txt"
  chmod 0600 "$DIR/$(dirname "$(case_file)")/notes.txt"
  local advice="commit it with git (git add, git commit) or move it out of the case directory (doctor never deletes it)"
  doctor_finds "$other: untracked: a case folder git does not track, holding 1 file; $advice" \
    "$(dirname "$(case_file)")/notes.txt: untracked: a file git does not track (not committed); $advice"
  doctor_repairs 1 "$other: untracked: a case folder git does not track, holding 1 file; $advice"
  [ -f "$DIR/$other/case.yaml" ] && [ -f "$DIR/$(dirname "$(case_file)")/notes.txt" ] || fail "data was removed"
}

@test "doctor: empty case folders left by an interrupted new -> removed by --repair (a whole empty year at once)" {
  case_at intake
  mkdir -p "$DIR/cases/2026/00/C-2026-0002" "$DIR/cases/2027/00/C-2027-0001"
  chmod 0755 "$DIR/cases/2027/00"  # goes with the folder: not a finding of its own
  echo half >"$DIR/cases/2027/00/C-2027-0001/.case.yaml.tmp-99-00c0ffee"  # removed first
  doctor_finds "cases/2026/00/C-2026-0002: empty: a folder holding no file (left by an interrupted change)" \
    "cases/2027: empty: a folder holding no file (left by an interrupted change)" \
    "cases/2027/00/C-2027-0001/.case.yaml.tmp-99-00c0ffee: leftover: a temporary file of an interrupted write"
  refute_line --regexp "^cases/2027/00(/C-2027-0001)?: "
  doctor_repairs 0 "cases/2026/00/C-2026-0002: empty: removed (repaired)" "cases/2027: empty: removed (repaired)"
  [ ! -e "$DIR/cases/2026/00/C-2026-0002" ] && [ ! -e "$DIR/cases/2027" ]
  [ -f "$DIR/$(case_file)" ]
  assert_doctor_clean
  [ "$(new_case --date 2026-11-02)" = C-2026-0002 ] || fail "the next new did not take C-2026-0002"
}

# ---- links and other kinds of files ----

@test "doctor: a link in the cases tree is reported and kept; a link in .casectl is removed, its target untouched" {
  case_at intake
  echo precious >"$T/outside.txt"
  ln -s "$T/outside.txt" "$DIR/cases/2026/linked"
  ln -s "$T/outside.txt" "$DIR/.casectl/stray"
  doctor_finds "cases/2026/linked: symlink: a symbolic link (casectl never follows it); replace it with the file or folder itself, or remove it" \
    ".casectl/stray: symlink: a symbolic link (casectl never follows it)"
  doctor_repairs 1 ".casectl/stray: symlink: removed the link; what it points at is untouched (repaired)" \
    "cases/2026/linked: symlink: a symbolic link (casectl never follows it); replace it with the file or folder itself, or remove it"
  [ -L "$DIR/cases/2026/linked" ] && [ ! -e "$DIR/.casectl/stray" ]
  [ "$(cat "$T/outside.txt")" = precious ] || fail "the target was changed"
}

@test "doctor: .casectl itself a link -> --repair removes the link (not the folder it names) and takes the lock" {
  case_at intake
  mkdir "$T/elsewhere" && echo keep >"$T/elsewhere/file"
  rm -rf "$DIR/.casectl" && ln -s "$T/elsewhere" "$DIR/.casectl"
  doctor_finds ".casectl: symlink: a symbolic link (casectl never follows it)"
  doctor_repairs 0 ".casectl: symlink: removed the link; what it points at is untouched (repaired)"
  [ -d "$DIR/.casectl" ] && [ ! -L "$DIR/.casectl" ] || fail ".casectl was not made anew"
  [ "$(cat "$T/elsewhere/file")" = keep ] || fail "the folder the link named was changed"
}

@test "doctor: .casectl/lock a link -> --repair removes the link before taking the lock, its target untouched" {
  case_at intake
  echo precious >"$T/outside.txt"
  rm -f "$DIR/.casectl/lock" && ln -s "$T/outside.txt" "$DIR/.casectl/lock"
  doctor_finds ".casectl/lock: symlink: a symbolic link (casectl never follows it)"
  doctor_repairs 0 ".casectl/lock: symlink: removed the link; what it points at is untouched (repaired)"
  [ -f "$DIR/.casectl/lock" ] && [ ! -L "$DIR/.casectl/lock" ] || fail "the lock was not made anew"
  [ "$(cat "$T/outside.txt")" = precious ] || fail "the target was changed"
  assert_doctor_clean
}

@test "doctor: .casectl a plain file -> reported; --repair cannot take the lock (exit 5) and removes nothing" {
  case_at intake
  rm -rf "$DIR/.casectl" && echo "a person's note" >"$DIR/.casectl"
  doctor_finds ".casectl: private: not a folder; move it away (casectl makes .casectl/ anew)"
  keep_state
  run --separate-stderr doctor --repair
  assert_failure 5
  [[ "$stderr" == *".casectl is not a folder"* ]] || fail "stderr: $stderr"
  assert_state_kept
}

@test "doctor: a FIFO in a case folder is reported (never opened), not removed" {
  case_at intake
  mkfifo -m 0600 "$DIR/$(dirname "$(case_file)")/pipe"
  mkdir -p "$T/tmpdir"
  run --separate-stderr timeout 10 env TMPDIR="$T/tmpdir" "$CASECTL_BIN" -C "$DIR" doctor
  assert_found "$(dirname "$(case_file)")/pipe: filetype: not a file or folder (a FIFO, socket or device); remove it"
}

# ---- the index ----

@test "doctor: a corrupt index.sqlite -> found, left as it is; --repair removes it; list rebuilds it" {
  case_at intake
  cs list >/dev/null
  head -c 4096 /dev/urandom >"$DIR/.casectl/index.sqlite"
  doctor_finds ".casectl/index.sqlite: index: damaged (case index: statement: file is not a database); it is a cache, removing it loses nothing"
  doctor_repairs 0 ".casectl/index.sqlite: index: removed (the next \`casectl list\` rebuilds it) (repaired)"
  [ ! -e "$DIR/.casectl/index.sqlite" ]
  run cs list --format csv
  assert_success
  assert_line --partial "$ID"
  assert_doctor_clean
}

@test "doctor: an index of another schema version -> found; --repair removes it" {
  case_at intake
  cs list >/dev/null
  local current
  current="$(python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("PRAGMA user_version").fetchone()[0])' \
    "$DIR/.casectl/index.sqlite")"
  python3 -c 'import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute("PRAGMA user_version=1"); c.commit(); c.close()' \
    "$DIR/.casectl/index.sqlite"
  doctor_finds ".casectl/index.sqlite: index: of schema version 1, not $current (made by another casectl); it is a cache, removing it loses nothing"
  doctor_repairs 0
  assert_doctor_clean
}

@test "doctor: a case summary in the index that does not decode -> found; list still right (record read again)" {
  case_at intake
  touch -d '-1 hour' "$DIR/$(case_file)"  # not within the 2 s of a refresh: list does not read it again
  cs list >/dev/null
  python3 -c 'import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute("UPDATE cases SET summary=x'"'"'ff'"'"'"); c.commit(); c.close()' \
    "$DIR/.casectl/index.sqlite"
  run cs list --format csv
  assert_success
  assert_line --index 1 --partial "$ID,intake,sato"
  doctor_finds ".casectl/index.sqlite: index: damaged (the summary of $(case_file) does not decode); it is a cache, removing it loses nothing"
  doctor_repairs 0
  assert_doctor_clean
}

# ---- the repository and the records ----

@test "doctor: a detached HEAD and a merge in progress -> reported with what to do, not repaired" {
  case_at intake
  git -C "$DIR" checkout -q --detach
  git -C "$DIR" rev-parse HEAD >"$DIR/.git/MERGE_HEAD"
  doctor_finds ".git/HEAD: git: HEAD is detached (not on a branch); casectl changes nothing until it is on one; check out the branch (git checkout main)" \
    ".git: git: a merge is in progress; resolve and finish it with 'git commit', or abort it with 'git merge --abort'"
  doctor_repairs 1
  [ -f "$DIR/.git/MERGE_HEAD" ] || fail "MERGE_HEAD was removed"
}

@test "doctor: a record breaking a rule -> the line validate prints, no personal data, not repaired" {
  case_at intake
  sed -i 's/^worker: sato$/worker: nobody/' "$DIR/$(case_file)"
  git -C "$DIR" -c user.name=x -c user.email=x@example.net commit -qam "hand edit"
  local line
  line="$(grep -n '^worker: nobody$' "$DIR/$(case_file)" | cut -d: -f1)"
  run --separate-stderr cs validate
  local want="${output%%$'\n'*}"
  [[ "$want" == "$(case_file):$line:1: $ID: worker.unknown: "* ]] || fail "validate printed: $output"
  doctor_finds "$(case_file):$line:1: validate: ${want#"$(case_file):$line:1: "}"
  MARKERS="山田 花子 桜町"
  assert_no_marker doctor
  doctor_repairs 1
}

# ---- output ----

@test "doctor --format json: one object per finding (path, check, problem, repairable, repaired)" {
  case_at intake
  chmod 0644 "$DIR/$(case_file)"
  ln -s /nonexistent "$DIR/cases/dangling"
  run --separate-stderr doctor --format json
  [ "$status" -eq 1 ] || fail "exit $status"
  echo "$output" >"$T/found.json"
  python3 - "$(case_file)" "$T/found.json" <<'EOF' || fail "json: $output"
import json, sys
found = {(f["path"], f["check"]): f for f in json.load(open(sys.argv[2]))}
m = found[(sys.argv[1], "mode")]
assert m["problem"] == "0644, should be 0600" and m["repairable"] and not m["repaired"], m
s = found[("cases/dangling", "symlink")]
assert not s["repairable"] and not s["repaired"] and s["advice"], s
EOF
  run --separate-stderr doctor --repair --format json
  [ "$status" -eq 1 ] || fail "exit $status"
  echo "$output" >"$T/found.json"
  python3 - "$(case_file)" "$T/found.json" <<'EOF' || fail "json: $output"
import json, sys
found = {(f["path"], f["check"]): f for f in json.load(open(sys.argv[2]))}
m = found[(sys.argv[1], "mode")]
assert m["repaired"] and m["done"] == "0644 -> 0600", m
assert not found[("cases/dangling", "symlink")]["repaired"]
EOF
}

@test "doctor in Japanese: findings, advice and repairs in the language chosen; --format json the same in every language" {
  case_at intake
  chmod 0644 "$DIR/$(case_file)"
  local other="cases/2026/00/C-2026-0002"
  mkdir -m 0700 "$DIR/$other"
  echo "visit notes" >"$DIR/$other/notes.txt"
  chmod 0600 "$DIR/$other/notes.txt"
  keep_state
  run --separate-stderr env LANGUAGE=ja TMPDIR="$T/tmpdir" "$CASECTL_BIN" -C "$DIR" doctor
  assert_found "$(case_file): mode: 0644、正しくは 0600" \
    "$other: untracked: git が追跡していないケースフォルダです（ファイル 1 個）。git でコミットする（git add、git commit）か、ケースディレクトリの外に移してください（doctor は削除しません）"
  [ "$stderr" = "問題が 2 件見つかりました。\`casectl doctor --repair\` でそのうち 1 件を修復できます" ] || fail "stderr: $stderr"
  assert_state_kept
  run --separate-stderr doctor
  assert_found "$(case_file): mode: 0644, should be 0600" \
    "$other: untracked: a case folder git does not track, holding 1 file; commit it with git (git add, git commit) or move it out of the case directory (doctor never deletes it)"

  run -1 --separate-stderr doctor --format json
  local en="$output"
  run -1 --separate-stderr env LANGUAGE=ja TMPDIR="$T/tmpdir" "$CASECTL_BIN" -C "$DIR" doctor --format json
  assert_equal "$output" "$en"
  grep -qF '"problem": "0644, should be 0600"' <<<"$en" || fail "$en"
  assert_state_kept

  run -1 --separate-stderr env LANGUAGE=ja TMPDIR="$T/tmpdir" "$CASECTL_BIN" -C "$DIR" doctor --repair
  assert_line "$(case_file): mode: 0644 -> 0600（修復済み）"
  chmod 0644 "$DIR/$(case_file)"
  run -1 --separate-stderr doctor --repair --format json
  grep -qF '"done": "0644 -> 0600"' <<<"$output" || fail "$output"
}

@test "doctor: a file name holding a line feed and an escape sequence stays on one escaped line" {
  case_at intake
  touch "$DIR/cases/"$'evil\nforged: line\e[31m'
  run --separate-stderr doctor
  [ "$status" -eq 1 ] || fail "exit $status"
  refute_line --regexp '^forged'
  [[ "$output" != *$'\e'* ]] || fail "a raw escape reached the output"
  assert_line --partial 'cases/evil\nforged: line\x1b[31m: untracked: '
}
