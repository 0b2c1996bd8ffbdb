#!/usr/bin/env bats
# The case index (.casectl/index.sqlite) after the changes people make outside casectl: a hand
# edit (committed or not, same size and mtime), a `git pull` that changes many cases, a
# `git checkout` of an older commit and back, a deleted, truncated or garbage index, a new
# deadline policy. Each time `list` and `due` must print exactly what a fresh rebuild prints
# (issue 12; SPEC section 10: "never trusted blindly").
#
# How the index sees a change (core/index.cpp find_changes): it reads a record again when its
# lstat (mtime, ctime, size, inode, all to the nanosecond) differs from the one stored, or when
# the stored mtime is not 2 s older than the start of the refresh that stored it (a change in
# the same clock tick would not show). The queries here run on a fake clock years ahead
# (CLOCK), so that this window never covers a file and only the stat comparison can see a
# change; the fixed minute also keeps due's minutes_late the same in the two runs compared. Each
# test also checks that the answer differs from the one before the change, which is what an
# index trusted blindly would go on giving.

bats_require_minimum_version 1.5.0
load helpers

# helpers.bash's setup_file (the template case directory), which this file's own calls first.
eval "helpers_$(declare -f setup_file)"

QUERY_DAY=2026-12-12
QUERY_CLOCK="2036-01-01 09:00"

# The fixture's 30 cases (sato's; received 2026-11-01, urgency immediate, urgent, routine in
# turn), C-2026-0001..0012 at varied stages so that `due` has deadlines of every kind:
#   0001 intake, not seen               0007 plan 1 (reviews, services)
#   0002 intake, seen safe              0008 plan 1, in custody
#   0003 intake, seen unsafe (urgent)   0009 reviewed, continue
#   0004 assessed safe, risk low        0010 reviewed, goals achieved (closure next)
#   0005 assessed, risk medium          0011 closed
#   0006 assessed unsafe, in custody    0012 closed and reopened (a new report)
# and 0013..0030 at intake, not seen. 0003..0012 were seen (unsafe from 0006 on) the day after.
# The record of case $1 relative to $DIR.
case_path() { rec "$1" | sed "s|^$DIR/||"; }

# The birth date of the fixture's case number $1.
birth_of() { printf '2015-%02d-%02d\n' $(($1 % 12 + 1)) $(($1 % 28 + 1)); }

build_fixture() {
  export CASECTL_WORKER=sato
  make_dir
  local i urgency=(routine immediate urgent)
  day 2026-11-02
  for i in $(seq 1 30); do
    new_case --name "Child $i" --birth-date "$(birth_of "$i")" \
      --urgency "${urgency[i % 3]}" --date 2026-11-01 --received "2026-11-01 $(printf '%02d:%02d' $((i % 24)) $((i * 7 % 60)))" \
      >/dev/null || fail "new $i failed"
  done
  day 2026-11-03
  cs confirm C-2026-0002 --at "2026-11-02 10:00" --method seen-at-school --outcome safe >/dev/null || fail "confirm 2"
  for i in 03 04 05 06 07 08 09 10 11 12; do
    cs confirm "C-2026-00$i" --at "2026-11-02 11:00" --method seen-at-home \
      --outcome "$([ "$i" = 04 ] || [ "$i" = 05 ] && echo safe || echo unsafe)" >/dev/null || fail "confirm $i"
  done
  cs assess C-2026-0004 --file "$STAGE_FORMS/assess-safe-low.yaml" >/dev/null || fail "assess 4"
  cs assess C-2026-0005 --file "$STAGE_FORMS/assess-medium.yaml" >/dev/null || fail "assess 5"
  for i in 06 07 08 09 10 11 12; do
    cs assess "C-2026-00$i" --file "$STAGE_FORMS/assess-unsafe.yaml" >/dev/null || fail "assess $i"
  done
  for i in 06 08; do
    cs custody "C-2026-00$i" start --date 2026-11-03 --basis ex-officio --place "Central shelter" >/dev/null ||
      fail "custody $i"
  done
  day 2026-11-10
  for i in 07 08 09 10 11 12; do
    cs plan "C-2026-00$i" --file "$STAGE_FORMS/plan-1.yaml" >/dev/null || fail "plan $i"
  done
  day 2026-12-10
  cs review C-2026-0009 --file "$STAGE_FORMS/review-continue.yaml" >/dev/null || fail "review 9"
  for i in 10 11 12; do
    cs review "C-2026-00$i" --file "$STAGE_FORMS/review-achieved.yaml" >/dev/null || fail "review $i"
  done
  day 2026-12-11
  for i in 11 12; do
    cs close "C-2026-00$i" --reason goals-achieved --evaluation "Worked" >/dev/null || fail "close $i"
  done
  cs reopen C-2026-0012 --reason "New report" --received "2026-12-11 00:00" --urgency urgent >/dev/null ||
    fail "reopen 12"
}

setup_file() {
  helpers_setup_file
  DIR="$BATS_FILE_TMPDIR/fixture"
  build_fixture
  FIXTURE="$DIR"
  export FIXTURE
}

# This test's copy of the fixture at $DIR; today the query day, changes made as sato.
the_cases() {
  cp -a "$FIXTURE" "$DIR"
  rm -rf "$DIR/.casectl"
  export CASECTL_WORKER=sato
  day "$QUERY_DAY"
}

# casectl on folder $1 at the query time (see the top of the file).
query() {
  local dir="$1"
  shift
  CASECTL_TODAY="$QUERY_DAY" CLOCK="$QUERY_CLOCK" casectl -C "$dir" "$@"
}

# The arguments of the two answers compared in every scenario: list, and due over ten years.
answer_args() {
  case "$1" in
    list) echo "--format json list" ;;
    due) echo "--format json due --within 3660" ;;
    report) echo "--format json report caseload" ;;
    report-risk) echo "--format json report risk --as-of 2026-11-20" ;;
    report-outcomes) echo "--format json report outcomes --from 2026-11-01" ;;
  esac
}

# Makes the index warm (list and due once) and keeps their answers in $T/before.*: what an index
# that trusted itself blindly would go on printing.
warm_up() {
  local a
  # shellcheck disable=SC2046 # answer_args gives words
  for a in list due; do query "$DIR" $(answer_args "$a") >"$T/before.$a" 2>&1 || fail "$a failed"; done
}

# Fails unless `casectl -C $DIR ARGS...` (at the query time, with the index as it stands) and the
# same on a copy of $DIR without .casectl (a fresh rebuild), copied before either runs, give the
# same stdout, stderr and exit status, byte for byte. The index's answer is left in $T/got.
assert_same_as_fresh() {
  local fresh st_got st_want
  # A new folder each time: removing the last one costs more than the copy.
  fresh="$(mktemp -d "$T/fresh.XXXX")"
  rmdir "$fresh"
  cp -a "$DIR" "$fresh"
  rm -rf "$fresh/.casectl"
  st_got=0
  query "$DIR" "$@" >"$T/got" 2>"$T/got.err" || st_got=$?
  st_want=0
  query "$fresh" "$@" >"$T/want" 2>"$T/want.err" || st_want=$?
  [ "$st_got" = "$st_want" ] || fail "$*: exit $st_got from the index, $st_want from a fresh rebuild"
  cmp -s "$T/got" "$T/want" || fail "$*: stdout differs from a fresh rebuild:
$(diff "$T/want" "$T/got" | head -40)"
  cmp -s "$T/got.err" "$T/want.err" || fail "$*: stderr differs from a fresh rebuild:
$(diff "$T/want.err" "$T/got.err" | head -20)"
}

# list and due give a fresh rebuild's answers, and those differ from the answers at warm_up,
# except the ones named as arguments (so a stale index would have been caught by the others).
assert_answers_fresh() {
  local a
  for a in list due; do
    # shellcheck disable=SC2046 # answer_args gives words
    assert_same_as_fresh $(answer_args "$a")
    if [[ " $* " == *" $a "* ]]; then
      cmp -s "$T/got" "$T/before.$a" || fail "$a changed, but the test said it would not"
    else
      cmp -s "$T/got" "$T/before.$a" && fail "$a is as before the change: this test would not see a stale index"
    fi
  done
  # The reports read the same index (today and as of a past day): the same as a fresh rebuild too.
  for a in report report-risk report-outcomes; do
    # shellcheck disable=SC2046 # answer_args gives words
    assert_same_as_fresh $(answer_args "$a")
  done
  return 0
}

# The stat of a file as the index compares it, without ctime (which no one can set): size,
# mtime to the nanosecond, inode.
size_mtime_inode() { stat -c '%s %.9Y %i' "$1"; }

# Replaces text $2 by text $3 (of the same length) in case $1's record, in place: the file keeps
# its size, inode and mtime (set back with touch -r); only its ctime moves.
same_size_edit() {
  local f before
  f="$(rec "$1")"
  [ "${#2}" = "${#3}" ] || fail "same_size_edit: '$2' and '$3' differ in length"
  before="$(size_mtime_inode "$f")"
  touch -r "$f" "$T/stamp"
  grep -qF -- "$2" "$f" || fail "same_size_edit: $1 has no '$2'"
  python3 - "$f" "$2" "$3" <<'PY'
import sys
p, old, new = sys.argv[1:]
with open(p, "r+", encoding="utf-8") as f:
    s = f.read().replace(old, new, 1)
    f.seek(0)
    f.write(s)
PY
  touch -r "$T/stamp" "$f"
  [ "$(size_mtime_inode "$f")" = "$before" ] || fail "same_size_edit: size, mtime or inode moved"
}

# Commits case $1's record as a person would with git. git is made to hash the file again: its
# own stat cache (mtime, and ctime to the second) would miss an edit that keeps size and mtime
# within the second of its last look.
commit_by_hand() {
  local f
  f="$(rec "$1")"
  git -C "$DIR" rm -q --cached "$f"
  git -C "$DIR" add "$f"
  git -C "$DIR" diff --cached --quiet && fail "commit_by_hand: nothing changed in $1"
  git -C "$DIR" commit -qm "hand edit of $1"
}

@test "the fixture: list has every case, due deadlines of many kinds; a warm index answers as a fresh one" {
  the_cases
  warm_up
  python3 - "$T/before.list" "$T/before.due" <<'PY'
import json, sys
cases = json.load(open(sys.argv[1]))
due = json.load(open(sys.argv[2]))
assert len(cases) == 30, len(cases)
assert {c["status"] for c in cases} == {"intake", "assessed", "active", "closed"}, {c["status"] for c in cases}
kinds = {d["kind"] for d in due}
want = {"safety-check", "assessment", "plan", "review", "custody", "service-end"}
assert want <= kinds, kinds
assert any(d["urgent"] for d in due) and any(d["overdue"] for d in due) and not all(d["overdue"] for d in due)
PY
  assert_answers_fresh list due
}

@test "a hand edit committed with git, same size and mtime (only ctime moves), is seen" {
  the_cases
  warm_up
  # 0009's current risk: medium (its review) -> low; the trailing space keeps the size and YAML
  # drops it. Its next review moves a day (2027-01-10 -> 2027-01-11): due changes too.
  same_size_edit C-2026-0009 "risk: medium" "risk: low   "
  same_size_edit C-2026-0009 "next_review: 2027-01-10" "next_review: 2027-01-11"
  commit_by_hand C-2026-0009
  assert_answers_fresh
}

@test "an uncommitted hand edit of the same size and mtime is seen, and so is undoing it" {
  the_cases
  warm_up
  # 0001: intake -> active without a plan (the record stays readable; validate would object),
  # and its referral received a day earlier: list (status) and due (safety check) change.
  same_size_edit C-2026-0001 "status: intake" "status: active"
  same_size_edit C-2026-0001 "received: 2026-11-01" "received: 2026-10-31"
  assert_answers_fresh
  # Undone the same way: the file is as at warm_up again, except its ctime.
  warm_up
  same_size_edit C-2026-0001 "received: 2026-10-31" "received: 2026-11-01"
  same_size_edit C-2026-0001 "status: active" "status: intake"
  git -C "$DIR" show "HEAD:$(case_path C-2026-0001)" | cmp -s - "$(rec C-2026-0001)" || fail "the edit was not undone"
  assert_answers_fresh
}

@test "a same-size hand edit that makes a record unreadable is named on stderr, as a fresh rebuild names it" {
  the_cases
  warm_up
  same_size_edit C-2026-0005 "risk: medium" "risk: [mediu"
  assert_answers_fresh
  grep -q "C-2026-0005" "$T/got.err" || fail "stderr does not name the unreadable record: $(cat "$T/got.err")"
}

@test "a git pull that changes 30 cases, adds three and removes one gives a fresh rebuild's answers" {
  the_cases
  local other="$T/other" i id
  git clone -q "$DIR" "$other"
  warm_up
  day "$QUERY_DAY"
  for i in $(seq 1 30); do
    id="$(printf 'C-2026-%04d' "$i")"
    case "$i" in
      1 | 13 | 14 | 15) casectl -C "$other" confirm "$id" --at "2026-11-02 09:30" --method seen-at-home \
        --outcome safe >/dev/null || fail "confirm $id" ;;
      11) ;;  # closed: removed below
      *) casectl -C "$other" assign "$id" tanaka --reason workload >/dev/null || fail "assign $id" ;;
    esac
  done
  git -C "$other" rm -rq "cases/2026/00/C-2026-0011"
  git -C "$other" commit -qm "C-2026-0011 removed by hand"
  for i in 1 2 3; do
    casectl -C "$other" new --name "Pulled $i" --birth-date 2016-03-0$i --sex male --source police \
      --urgency immediate --concern neglect --reason "Left alone" --received "2026-12-11 2$i:00" >/dev/null ||
      fail "new in the clone"
  done
  git -C "$DIR" pull -q --ff-only "$other" HEAD
  [ "$(git -C "$DIR" rev-parse HEAD)" = "$(git -C "$other" rev-parse HEAD)" ] || fail "pull did not fast-forward"
  assert_answers_fresh
  [ "$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$T/got")" -gt 0 ] || fail "due is empty"
}

@test "new's earlier-case check after a git pull warns of a case that came with it, as after a fresh rebuild" {
  the_cases
  local other="$T/other"
  git clone -q "$DIR" "$other"
  warm_up
  casectl -C "$other" new --name "Pulled Child" --birth-date 2016-03-01 --sex male --source police \
    --urgency routine --concern neglect --reason "Left alone" >/dev/null || fail "new in the clone"
  git -C "$DIR" pull -q --ff-only "$other" HEAD
  CASECTL_WORKER=sato assert_same_as_fresh new --name "Pulled Child" --birth-date 2016-03-01 --sex male \
    --source school --urgency routine --concern neglect --reason "Again"
  grep -q "earlier case C-2026-0031 (status intake)" "$T/got.err" || fail "no warning: $(cat "$T/got.err")"
}

@test "git checkout of an older commit, then back to the newer one, gives a fresh rebuild's answers" {
  the_cases
  local branch newer older
  branch="$(git -C "$DIR" symbolic-ref --short HEAD)"
  newer="$(git -C "$DIR" rev-parse HEAD)"
  # The commit that opened the last case: before every later stage.
  older="$(git -C "$DIR" log --format=%H -1 --grep='^new C-2026-0030:' HEAD)"
  [ -n "$older" ] || fail "no commit opened C-2026-0030"
  warm_up
  git -C "$DIR" checkout -q -B older "$older"
  assert_answers_fresh
  # new's earlier-case check compares the trees of the index's HEAD and this one: Child 12 is
  # at intake here (reopened in the newer commit).
  assert_same_as_fresh new --name "Child 12" --birth-date "$(birth_of 12)" --sex female --source school \
    --urgency routine --concern neglect --reason "Again"
  grep -q "earlier case C-2026-0012 (status intake)" "$T/got.err" || fail "no warning: $(cat "$T/got.err")"
  git -C "$DIR" reset -q --hard "$older"
  warm_up
  git -C "$DIR" checkout -q "$branch"
  [ "$(git -C "$DIR" rev-parse HEAD)" = "$newer" ] || fail "not back at the newer commit"
  assert_answers_fresh
  # The same by git reset --hard, a few commits back, then forward again.
  warm_up
  git -C "$DIR" reset -q --hard HEAD~3
  assert_answers_fresh
  warm_up
  git -C "$DIR" reset -q --hard "$newer"
  assert_answers_fresh
}

# Damages file $1 of the index ($2: delete, empty, half, huge, garbage, older from $3, or, for
# the snapshot, scrambled or swapped).
damage() {
  local file="$1" size
  size="$(stat -c %s "$file")"
  case "$2" in
    delete) rm "$file" ;;
    empty) : >"$file" ;;
    half) truncate -s $((size / 2)) "$file" ;;
    # Grown to 64 MiB of zeros at its end: refused as damaged, after list, due and report made
    # memory ready for the rows of so big a snapshot (core/heap.hpp, 4x its size).
    huge) truncate -s 64M "$file" ;;
    garbage) head -c "$size" /dev/urandom >"$file" ;;
    older) cp "$3" "$file" ;;  # a whole, valid file from before the change
    # The header kept, every row and summary after it swapped with the next one's bytes.
    scrambled) python3 - "$file" <<'PY'
import sys
p = sys.argv[1]
b = bytearray(open(p, "rb").read())
head, rest = b[:64], b[64:]
rest = rest[32:] + rest[:32]
open(p, "wb").write(head + rest)
PY
      ;;
    # Rows whole and valid, but the first two point at each other's summaries (core/index_snapshot.cpp
    # Row: the summary's offset and length at bytes 32-44 of each 64-byte row).
    swapped) python3 - "$file" <<'PY'
import sys
p = sys.argv[1]
b = bytearray(open(p, "rb").read())
r0, r1 = 64, 128
b[r0 + 32:r0 + 44], b[r1 + 32:r1 + 44] = b[r1 + 32:r1 + 44], b[r0 + 32:r0 + 44]
open(p, "wb").write(b)
PY
      ;;
    none) ;;  # left whole: what it says must be right too
    *) fail "damage: no kind $2" ;;
  esac
}

# For each kind of damage $2...: a change the index learns of (0007 to the other worker, in turn)
# with index file $1 kept from before it, the file damaged so, then answers as a fresh rebuild's.
each_damage_answers_fresh() {
  local file="$1" damage to=tanaka
  shift
  for damage in "$@"; do
    warm_up
    [ -s "$file" ] || fail "the warm index left no $file"
    cp "$file" "$T/older"
    cs assign C-2026-0007 "$to" --reason workload >/dev/null || fail "assign to $to"
    if [ "$to" = tanaka ]; then to=sato; else to=tanaka; fi
    query "$DIR" list >/dev/null || fail "list failed"
    damage "$file" "$damage" "$T/older"
    assert_answers_fresh
  done
}

@test "a deleted, emptied, half-truncated, garbage or older index gives a fresh rebuild's answers (exit 0)" {
  the_cases
  each_damage_answers_fresh "$DIR/.casectl/index.sqlite" delete empty half garbage older
}

@test "a new deadline policy in casectl.yaml changes due as a fresh rebuild does" {
  the_cases
  warm_up
  # safety_check_hours 48 -> 24 (same size): every safety check falls due a day earlier.
  sed -i 's/^  safety_check_hours: 48 /  safety_check_hours: 24 /' "$DIR/casectl.yaml"
  git -C "$DIR" diff --quiet && fail "casectl.yaml unchanged"
  git -C "$DIR" commit -qam "policy: safety checks within 24 hours"
  assert_answers_fresh
  # plan_due and custody_days move the plan and custody deadlines (not committed).
  warm_up
  sed -i -e 's/^  plan_due: 30 /  plan_due: 20 /' -e 's/^  custody_days: 60 /  custody_days: 50 /' "$DIR/casectl.yaml"
  assert_answers_fresh
  # review_every only bounds what a plan or review may ask (validate): no deadline moves.
  warm_up
  sed -i 's/^    high: 30$/    high: 20/' "$DIR/casectl.yaml"
  assert_answers_fresh list due
}

@test "a deleted, emptied, half-truncated, grown, garbage, older or scrambled snapshot (.casectl/index.snap) gives a fresh rebuild's answers" {
  the_cases
  each_damage_answers_fresh "$DIR/.casectl/index.snap" delete empty half huge garbage older scrambled swapped
}

@test "a change to a few records writes a delta beside the snapshot (index.snap.delta), right when whole, which a deleted, emptied, half-truncated, grown, garbage, older, scrambled or swapped delta cannot mislead" {
  the_cases
  local snap="$DIR/.casectl/index.snap" delta="$DIR/.casectl/index.snap.delta" damage to=tanaka
  for damage in none delete empty half huge garbage older scrambled swapped; do
    warm_up
    cp "$snap" "$T/snap.before"
    cs assign C-2026-0007 "$to" --reason workload >/dev/null || fail "assign 0007 to $to"
    query "$DIR" list >/dev/null || fail "list failed"
    [ -s "$delta" ] || fail "one change wrote no delta"
    cmp -s "$snap" "$T/snap.before" || fail "one change wrote the whole snapshot again"
    cp "$delta" "$T/older"
    cs assign C-2026-0008 "$to" --reason workload >/dev/null || fail "assign 0008 to $to"
    query "$DIR" list >/dev/null || fail "list failed"
    cmp -s "$delta" "$T/older" && fail "the second change left the delta as it was"
    if [ "$to" = tanaka ]; then to=sato; else to=tanaka; fi
    damage "$delta" "$damage" "$T/older"
    assert_answers_fresh
  done
}

@test "a snapshot's or delta's temporary file left by a killed process is removed by the next snapshot or delta written; a live one's is kept" {
  the_cases
  warm_up
  local dead live
  dead=$(sh -c 'echo $$')  # a process that has ended
  sleep 30 & live=$!
  head -c 4096 /dev/urandom >"$DIR/.casectl/index.snap.$dead.tmp"
  head -c 4096 /dev/urandom >"$DIR/.casectl/index.snap.$live.tmp"
  head -c 4096 /dev/urandom >"$DIR/.casectl/index.snap.delta.$dead.tmp"
  cs assign C-2026-0007 tanaka --reason workload >/dev/null || fail "assign"
  query "$DIR" list >/dev/null || fail "list failed"  # reads the change: writes a snapshot
  [ ! -e "$DIR/.casectl/index.snap.$dead.tmp" ] || fail "the dead process's temporary file is still there"
  [ ! -e "$DIR/.casectl/index.snap.delta.$dead.tmp" ] || fail "the dead process's temporary delta is still there"
  [ -e "$DIR/.casectl/index.snap.$live.tmp" ] || fail "a running process's temporary file was removed"
  kill "$live"
  assert_answers_fresh
}
