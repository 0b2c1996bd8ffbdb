#!/usr/bin/env bats
# casectl log [ID]: the audit trail (SPEC section 6, issue 10). Every command here runs under
# faketime, so that each change is entered (committer time) at 09:30 on a known day: the day of
# CASECTL_TODAY unless ENTERED names another.

bats_require_minimum_version 1.5.0
load helpers

# casectl entered at 09:30 on $ENTERED (default: today's CASECTL_TODAY).
casectl() {
  FAKETIME_DONT_FAKE_MONOTONIC=1 faketime "${ENTERED:-$CASECTL_TODAY} 09:30:00" "$CASECTL_BIN" "$@"
}

# A plain git commit of everything changed in $DIR, made by a person with git on day $1.
git_commit_by_hand() {
  local when="$1T11:00:00"
  shift
  git -C "$DIR" add -A
  GIT_AUTHOR_DATE="$when" GIT_COMMITTER_DATE="$when" git -C "$DIR" commit -qm "$@"
}

# The JSON log (of case $1, or the whole directory without it) as "action worker late" lines.
log_lines() {
  cs log "$@" --format json | python3 -c '
import json, sys
for c in json.load(sys.stdin):
    print(c["action"], c["worker"], "late" if c["late"] else "-")'
}

# The scenario: case $ID made active (new 11-02, assess 11-03, plan 11-10), a hand edit
# committed with git (11-12), a template override committed with git and the plan rendered
# again (11-13), a supervisor's approval (11-14), a worker added (11-15), and a note dated
# 2026-11-13 but entered on 2026-11-20 (late).
scenario() {
  case_at active
  day 2026-11-12
  printf '# checked by hand\n' >>"$DIR/$(case_file)"
  git_commit_by_hand 2026-11-12 "hand fix"
  day 2026-11-13
  mkdir -p "$DIR/templates/en"
  printf '# Plan {{plan_n}} of {{case_id}}\n' >"$DIR/templates/en/plan.md.mustache"
  git_commit_by_hand 2026-11-13 "plan template"
  cs doc "$ID" plan >/dev/null
  day 2026-11-14
  cs --worker tanaka approve "$ID" closure >/dev/null
  day 2026-11-15
  cs worker add suzuki --name "Suzuki Aoi" --email suzuki@example.org >/dev/null
  day 2026-11-13
  ENTERED=2026-11-20 cs note "$ID" "Phoned the school" --kind phone >/dev/null
}

@test "log ID: each change with its worker and action, newest first; git's own commits as git" {
  scenario
  run log_lines "$ID"
  assert_success
  assert_output "note sato late
approve tanaka -
doc sato -
git nobody@example.net -
plan sato -
assess sato -
new sato -"
}

@test "log ID as a table: entry time, the event date only where it differs, the late mark" {
  scenario
  run cs log "$ID"
  assert_success
  assert_line --index 0 --regexp '^ENTERED +EVENT +WORKER +NAME +ACTION +SUMMARY +LATE +COMMIT$'
  assert_line --index 1 --regexp '^2026-11-20 09:30  2026-11-13  sato +Sato Yuki +note +phone on 2026-11-13 +late  [0-9a-f]{10}$'
  assert_line --index 2 --regexp '^2026-11-14 09:30  +tanaka +Tanaka Ken +approve +approval 1 \(closure\) +[0-9a-f]{10}$'
  assert_line --index 4 --regexp '^2026-11-12 11:00  +nobody@example.net +Plain Git User +git +\(subject not shown: git show [0-9a-f]{10}\)'
  # git tells the same story: the event is the author date, the entry the committer date.
  run git -C "$DIR" log -1 --format='%an %ad %cd' --date=format:'%F %R' -- "$(case_file)"
  assert_output "Sato Yuki 2026-11-13 09:30 2026-11-20 09:30"
}

@test "a plain git commit's subject shows in a table on a terminal only, never in csv or json" {
  scenario
  script -qec true /dev/null </dev/null >/dev/null 2>&1 || skip "no pseudo-terminal here"
  run script -qec "FAKETIME_DONT_FAKE_MONOTONIC=1 faketime '2026-11-21 09:00:00' '$CASECTL_BIN' -C '$DIR' log $ID" /dev/null
  assert_success
  assert_output --partial "hand fix"
  run cs log "$ID" --format csv
  refute_output --partial "hand fix"
  run cs log "$ID" --format json
  refute_output --partial "hand fix"
}

@test "log without ID: every change of the directory, worker changes and git's commits included" {
  scenario
  run cs log --format json
  assert_success
  python3 -c '
import json, sys
log = json.loads(sys.argv[1])
worker = [c for c in log if c["action"] == "worker"]
assert worker[0]["summary"] == "add suzuki: worker", worker
assert worker[0]["worker"] == "sato" and worker[0]["cases"] == [], worker
template = [c for c in log if c["kind"] == "git" and c["cases"] == []]
assert len(template) == 1 and template[0]["summary"] == "", template
assert log[-1]["action"] == "init", log[-1]
assert all(c["case"] == "" and c["renumbered_from"] == "" for c in log), log
assert len(log) == int(sys.argv[2]), (len(log), sys.argv[2])
' "$output" "$(commit_count)"
  run cs log
  assert_line --index 0 --regexp '^ENTERED +EVENT +WORKER +NAME +ACTION +CASE +SUMMARY +LATE +COMMIT$'
  assert_output --regexp "worker +add suzuki: worker"
}

@test "log --worker, --from and --to filter by the worker and by the entry date" {
  scenario
  run log_lines "$ID" --worker tanaka
  assert_output "approve tanaka -"
  run log_lines "$ID" --from 2026-11-13 --to 2026-11-14
  assert_output "approve tanaka -
doc sato -"
  run log_lines "$ID" --from 2026-11-20
  assert_output "note sato late"
  run log_lines --worker sato --from 2026-11-15 --to 2026-11-15
  assert_output "worker sato -"
  run --separate-stderr cs log "$ID" --from 2026-13-01
  assert_failure 2
  run --separate-stderr cs log "$ID" --worker nobody
  assert_failure 4
  run --separate-stderr cs log C-2026-0099
  assert_failure 4
  run --separate-stderr cs log not-an-id
  assert_failure 2
}

@test "log --format json: the documented keys, in order, for every change; entry and event times" {
  scenario
  run cs log "$ID" --format json
  assert_success
  python3 -c '
import json, sys
log = json.loads(sys.argv[1])
keys = ["commit", "entered", "event", "worker", "worker_name", "action", "cases", "summary", "late", "kind", "signature",
        "case", "renumbered_from"]
for c in log:
    assert list(c) == keys, list(c)
    assert len(c["commit"]) == 40 and c["signature"] == "none" and c["cases"] == [sys.argv[2]]
    assert c["case"] == sys.argv[2] and c["renumbered_from"] == "", c
note = log[0]
assert note["entered"].startswith("2026-11-20T09:30:"), note
assert note["event"].startswith("2026-11-13T"), note
assert note["late"] is True and note["kind"] == "casectl" and note["worker_name"] == "Sato Yuki", note
assert log[1]["late"] is False and log[1]["worker_name"] == "Tanaka Ken", log[1]
git = log[3]
assert git["kind"] == "git" and git["worker"] == "nobody@example.net" and git["worker_name"] == "Plain Git User", git
' "$output" "$ID"
  run cs log "$ID" --format csv
  assert_line --index 0 "commit,entered,event,worker,worker_name,action,cases,summary,late,kind,signature,case,renumbered_from"
}

@test "no client name, birth date or free text in any field of log, in any format" {
  scenario
  for args in "$ID" "$ID --format csv" "$ID --format json" "" "--format json" "--format csv"; do
    run cs log $args
    assert_success
    for secret in "山田" "花子" 2018-04-12 Bruises 桜町 "Phoned the school" "Class teacher" "physical harm"; do
      refute_output --partial "$secret"
    done
  done
}

@test "the history index is incremental, survives its deletion and a rewritten history" {
  scenario
  cs log "$ID" >/dev/null
  indexed() {
    python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from commits").fetchone()[0])' \
      "$DIR/.casectl/history.sqlite"
  }
  [ "$(indexed)" = "$(commit_count)" ] || fail "indexed $(indexed) of $(commit_count) commits"
  assert_private .casectl/history.sqlite
  day 2026-11-21
  cs note "$ID" "Second call" --kind phone >/dev/null
  run log_lines "$ID"
  assert_line --index 0 "note sato -"
  [ "$(indexed)" = "$(commit_count)" ] || fail "indexed $(indexed) of $(commit_count) commits after one more"
  before="$(cs log --format json)"
  rm -f "$DIR"/.casectl/history.sqlite*
  [ "$(cs log --format json)" = "$before" ] || fail "the log changed when the index was made anew"
  # Rewritten: the last commit amended by hand (git keeps its author), then dropped and replaced.
  replaced="$(git -C "$DIR" rev-parse HEAD)"
  GIT_COMMITTER_DATE=2026-11-21T12:00:00 git -C "$DIR" commit -q --amend -m "amended by hand"
  amended="$(git -C "$DIR" rev-parse HEAD)"
  run log_lines "$ID"
  assert_line --index 0 "git sato@example.org -"
  assert_line --index 1 "note sato late"
  [ "$(indexed)" = "$(commit_count)" ] || fail "indexed $(indexed) of $(commit_count) commits after the amend"
  git -C "$DIR" reset -q --hard HEAD~1
  day 2026-11-22
  cs note "$ID" "Third call" --kind phone >/dev/null
  run log_lines "$ID"
  assert_line --index 0 "note sato -"
  assert_line --index 1 "note sato late"
  [ "$(indexed)" = "$(commit_count)" ] || fail "indexed $(indexed) of $(commit_count) commits after the reset"
  run cs log --format json
  refute_output --partial "$replaced"
  refute_output --partial "$amended"
}

@test "a symbolic link in place of the history index is refused (exit 5), never followed" {
  make_dir
  mkdir -p "$DIR/.casectl" && chmod 700 "$DIR/.casectl"
  rm -f "$DIR"/.casectl/history.sqlite*
  ln -s "$T/elsewhere.sqlite" "$DIR/.casectl/history.sqlite"
  run --separate-stderr cs log
  assert_failure 5
  [[ "$stderr" == *history.sqlite* ]] || fail "stderr does not name the file: $stderr"
  [ ! -e "$T/elsewhere.sqlite" ] || fail "the link was followed"
}

@test "log works on a read-only case directory, computing the history in memory" {
  case_at assessed
  rm -rf "$DIR/.casectl"
  mkdir "$T/ro"
  mount --bind "$DIR" "$T/ro" 2>/dev/null && mount -o remount,bind,ro "$T/ro" 2>/dev/null || {
    umount "$T/ro" 2>/dev/null
    skip "cannot make a read-only bind mount here"
  }
  run casectl -C "$T/ro" log "$ID" --format json
  umount "$T/ro"
  assert_success
  assert_output --partial '"action": "assess"'
  [ ! -e "$DIR/.casectl" ] || fail ".casectl was made in a read-only directory"
}

@test "a stage dated days before it is entered (--date, CASECTL_TODAY as the real day) is dated by its event and flagged late" {
  case_at active
  day 2026-11-20
  cs note "$ID" "Home visit last week" --kind home-visit --date 2026-11-13 >/dev/null
  cs note "$ID" "Phoned today" --kind phone >/dev/null
  run log_lines "$ID"
  assert_success
  assert_line --index 0 "note sato -"
  assert_line --index 1 "note sato late"
  # The author date is the event's day, the committer date the entry's.
  [ "$(git -C "$DIR" log -1 --skip=1 --format='%ad %cd' --date=short)" = "2026-11-13 2026-11-20" ] ||
    fail "dates: $(git -C "$DIR" log -1 --skip=1 --format='%ad %cd' --date=short)"
}
