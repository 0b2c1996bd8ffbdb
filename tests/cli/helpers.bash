# Shared set-up for every tests/cli/*.bats file: a private HOME and temp folder per test, the
# casectl binary under test, and helpers that make a case directory and check that a refused
# command changed nothing.
#
# Needs CASECTL_BIN (the binary) and CASECTL_SRC (the source root); ctest sets both.

load '/usr/lib/bats/bats-support/load'
load '/usr/lib/bats/bats-assert/load'

bats_require_minimum_version 1.5.0

# The forms the tests use.
FORMS="${CASECTL_SRC:-}/tests/data/forms"

# A private environment under folder $1: HOME with a git identity that is no worker, today
# fixed, no inherited casectl, git or language settings.
isolate_env() {
  export HOME="$1/home"
  mkdir -p "$HOME"
  export GIT_CONFIG_NOSYSTEM=1
  unset GIT_CONFIG_GLOBAL GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE XDG_CONFIG_HOME
  unset GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL
  unset GIT_AUTHOR_DATE GIT_COMMITTER_DATE
  printf '[user]\n\tname = Plain Git User\n\temail = nobody@example.net\n[init]\n\tdefaultBranch = master\n' \
    >"$HOME/.gitconfig"
  export CASECTL_TODAY=2026-11-10
  unset CASECTL_DIR CASECTL_WORKER EDITOR VISUAL
  export NO_COLOR=1
  # No language named by the environment: the case directory's locale decides (SPEC section 5).
  unset LANGUAGE LC_ALL LC_MESSAGES
  export LANG=C.UTF-8
}

# Checks that the binary and the sources are named.
check_env() {
  [ -n "${CASECTL_BIN:-}" ] && [ -x "$CASECTL_BIN" ] || {
    echo "CASECTL_BIN must name the casectl binary" >&2
    return 1
  }
  [ -n "${CASECTL_SRC:-}" ] && [ -d "$CASECTL_SRC/tests" ] || {
    echo "CASECTL_SRC must name the source root" >&2
    return 1
  }
}

# Once per file: a template case directory (workers sato and tanaka) that make_dir copies, so
# that each test does not pay for init and worker add. A .bats file defining its own setup_file
# must call this one first.
setup_file() {
  check_env
  isolate_env "$BATS_FILE_TMPDIR"
  TEMPLATE="$BATS_FILE_TMPDIR/template"
  "$CASECTL_BIN" init "$TEMPLATE" --worker sato --name "Sato Yuki" --email sato@example.org >/dev/null
  "$CASECTL_BIN" -C "$TEMPLATE" --worker sato worker add tanaka --name "Tanaka Ken" \
    --email tanaka@example.org --role supervisor >/dev/null
  export TEMPLATE
}

# Every test: its own temp folder ($T), HOME, and case directory path ($DIR, not yet made). A
# file with a setup() of its own calls test_setup first.
test_setup() {
  check_env
  T="$BATS_TEST_TMPDIR"
  isolate_env "$T"
  DIR="$T/cases"
  cd "$T" || return 1
}
setup() { test_setup; }

# The binary under test.
# With CLOCK="YYYY-MM-DD HH:MM" (see clock), under faketime at that minute: tests whose rules
# compare times of day (a report received at 17:00 is not in the future) must not depend on
# the hour they run at.
casectl() {
  if [ -n "${CLOCK:-}" ]; then
    FAKETIME_DONT_FAKE_MONOTONIC=1 faketime "$CLOCK:00" "$CASECTL_BIN" "$@"
  else
    "$CASECTL_BIN" "$@"
  fi
}

# The address-space limit (for `ulimit -v`, KiB) of a run whose memory is bounded: $1, or
# unlimited when the binary is built with AddressSanitizer (ctest sets CASECTL_SANITIZE=1), which
# reserves terabytes of address space for its shadow memory at start. The plain build checks the
# bound; the sanitized one checks every access.
vm_limit() { if [ "${CASECTL_SANITIZE:-0}" = 1 ]; then echo unlimited; else echo "$1"; fi; }

# A case directory at $DIR with workers sato (worker) and tanaka (supervisor), as made by
# `casectl init` and `casectl worker add` (made once per file and copied; see setup_file).
make_dir() {
  cp -a "$TEMPLATE" "$DIR"
}

# The defaults of new_case, one flag and its value a line.
NEW_CASE_DEFAULTS='--name 山田 花子
--birth-date 2018-04-12
--sex female
--source school
--urgency urgent
--concern physical-abuse
--reason Bruises on both arms
--address 桜町2丁目5-3'

# Opens a typical case (urgent school referral) as sato, printing its ID. A flag given replaces
# the default of the same name (except --concern, which adds to physical-abuse).
new_case() {
  local -a args=()
  local -A given=()
  local flag value
  for flag in "$@"; do given["x$flag"]=1; done
  while read -r flag value; do
    if [ -z "${given["x$flag"]:-}" ] || [ "$flag" = --concern ]; then args+=("$flag" "$value"); fi
  done <<<"$NEW_CASE_DEFAULTS"
  casectl -C "$DIR" --worker sato new "${args[@]}" "$@"
}

# The record file of a case ID (PREFIX-YYYY-NNNN), by the sharding of SPEC section 2.
rec() {
  [[ "$1" =~ ^([A-Z]+)-([0-9]{4})-([0-9]+)$ ]] || return 1
  printf '%s/cases/%s/%02d/%s/case.yaml\n' "$DIR" "${BASH_REMATCH[2]}" \
    $((10#${BASH_REMATCH[3]} / 100)) "$1"
}

# Records HEAD and a hash of every file (git's and casectl's own folders excepted) of $DIR.
snapshot() {
  SNAP_HEAD="$(git -C "$DIR" rev-parse HEAD)"
  SNAP_FILES="$(tree_hash "$DIR")"
}

# The mode, type and path of every file and folder under a folder, then the hash of every file;
# .git and .casectl excepted.
tree_hash() {
  (cd "$1" && {
    find . \( -path ./.git -o -path ./.casectl \) -prune -o -printf '%m %y %p\n' | LC_ALL=C sort
    find . \( -path ./.git -o -path ./.casectl \) -prune -o -type f -print0 | LC_ALL=C sort -z |
      xargs -0 -r sha256sum
  })
}

# Fails unless HEAD and every file of $DIR are as at the last snapshot.
assert_unchanged() {
  local head files
  head="$(git -C "$DIR" rev-parse HEAD)"
  [ "$head" = "$SNAP_HEAD" ] || fail "HEAD moved: $SNAP_HEAD -> $head"
  files="$(tree_hash "$DIR")"
  if [ "$files" != "$SNAP_FILES" ]; then
    diff <(echo "$SNAP_FILES") <(echo "$files") >&2 || true
    fail "files of $DIR changed"
  fi
}

# Fails unless git sees no change in $DIR (index and work tree match HEAD, nothing untracked).
assert_clean() {
  local st
  st="$(git -C "$DIR" status --porcelain --untracked-files=all)"
  [ -z "$st" ] || fail "git status not clean: $st"
}

# The number of commits on HEAD of $DIR.
commit_count() { git -C "$DIR" rev-list --count HEAD; }

# ---- Stage commands (added by bats4 for assess/plan/review/close/note_consent/scenarios.bats) ----
# A case is built step by step on fixed days; each step exports CASECTL_TODAY (`day DATE`) and
# acts as $CASECTL_WORKER (sato unless a test says otherwise).

STAGE_FORMS="$FORMS/stage"
ID=C-2026-0001

# Sets today for the commands that follow.
day() { export CASECTL_TODAY="$1"; unset CLOCK; }
# Today and the time of day fixed: casectl runs under faketime at "$1" (YYYY-MM-DD HH:MM).
clock() { export CASECTL_TODAY="${1%% *}" CLOCK="$1"; }

# casectl on $DIR as the acting worker.
cs() { casectl -C "$DIR" "$@"; }

# The case file of $ID (relative to $DIR) and a document of it.
case_file() { echo "cases/2026/00/$ID/case.yaml"; }
doc_file() { echo "cases/2026/00/$ID/$1"; }

# Makes $DIR and brings case $ID to a stage, acting as sato on fixed days:
#   intake    new on 2026-11-02 (urgent school referral, physical abuse)
#   assessed  + assess-unsafe.yaml on 2026-11-03 (unsafe, risk high, needs N1 N2)
#   active    + plan-1.yaml on 2026-11-10 (G1 G2, S1 S2, next review 2026-12-10)
#   reviewed  + review-continue.yaml on 2026-12-10 (risk medium, next review 2027-01-10)
#   achieved  + review-achieved.yaml on 2026-12-10 (every goal achieved, decision close)
#   closed    achieved + close goals-achieved on 2026-12-11
# Leaves today at the day of the last step. Fails the test if a step fails.
case_at() {
  local stage="$1"
  export CASECTL_WORKER=sato
  make_dir
  day 2026-11-02
  [ "$(new_case --date 2026-11-02)" = "$ID" ] || fail "case_at: new did not make $ID"
  [ "$stage" = intake ] && return 0
  day 2026-11-03
  cs assess "$ID" --file "$STAGE_FORMS/assess-unsafe.yaml" >/dev/null || fail "case_at: assess failed"
  [ "$stage" = assessed ] && return 0
  day 2026-11-10
  cs plan "$ID" --file "$STAGE_FORMS/plan-1.yaml" >/dev/null || fail "case_at: plan failed"
  [ "$stage" = active ] && return 0
  day 2026-12-10
  if [ "$stage" = reviewed ]; then
    cs review "$ID" --file "$STAGE_FORMS/review-continue.yaml" >/dev/null || fail "case_at: review failed"
    return 0
  fi
  cs review "$ID" --file "$STAGE_FORMS/review-achieved.yaml" >/dev/null || fail "case_at: review failed"
  [ "$stage" = achieved ] && return 0
  day 2026-12-11
  cs close "$ID" --reason goals-achieved --evaluation "Shelter and paediatric follow-up worked" \
    >/dev/null || fail "case_at: close failed"
  [ "$stage" = closed ] || fail "case_at: unknown stage $stage"
}

# A field of case $ID as `casectl show --format json` gives it: json_of 'r["status"]'.
json_of() {
  cs show "$ID" --format json | python3 -c 'import json, sys; r = json.load(sys.stdin); print('"$1"')'
}

# Fails unless `casectl show` gives case $ID the status $1.
assert_status() {
  local s
  s="$(json_of 'r["status"]')" || fail "show $ID failed"
  [ "$s" = "$1" ] || fail "status of $ID is '$s', expected '$1'"
}

# After `run --separate-stderr`: fails unless the command was refused by a rule (exit 3) with a
# stderr line "casectl: ...$ID: RULE: ..." that contains every further argument (field, fix,
# status...), and unless HEAD and every file are as at the last snapshot.
assert_refused() {
  local rule="$1" line frag
  shift
  [ "$status" -eq 3 ] || fail "expected exit 3 (refused), got $status; stderr: $stderr"
  line="$(grep -F -- "$ID: $rule: " <<<"$stderr")" ||
    fail "stderr has no line naming '$ID: $rule:'; stderr: $stderr"
  for frag in "$@"; do
    grep -qF -- "$frag" <<<"$line" || fail "the $rule line does not say '$frag': $line"
  done
  grep -qF "nothing was written" <<<"$stderr" || fail "stderr does not say nothing was written"
  assert_unchanged
}

# After `run`: fails unless the command succeeded with exactly one commit on top of the last
# snapshot whose message is SUBJECT and the trailers Case/Stage/Worker, then any further trailer
# lines given ($4..., e.g. "Amendment: typo" for edit), authored by the acting worker ($3,
# default sato) on the event's day ($EVENT_DATE, e.g. a note's --date; default today) and
# committed on the real clock's day (the entry, which CASECTL_TODAY never moves).
assert_committed() {
  local subject="$1" stage="$2" worker="${3:-sato}" want got author extra
  shift $(($# < 3 ? $# : 3))
  [ "$status" -eq 0 ] || fail "expected exit 0, got $status; output: $output ${stderr:-}"
  [ "$(git -C "$DIR" rev-parse HEAD^)" = "$SNAP_HEAD" ] || fail "not exactly one new commit"
  want="$(printf '%s\n\nCase: %s\nStage: %s\nWorker: %s' "$subject" "$ID" "$stage" "$worker")"
  for extra in "$@"; do want+=$'\n'"$extra"; done
  got="$(git -C "$DIR" log -1 --format=%B | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}')"
  [ "$got" = "$want" ] || fail "commit message is
$got
expected
$want"
  case "$worker" in
    sato) author="Sato Yuki <sato@example.org>" ;;
    tanaka) author="Tanaka Ken <tanaka@example.org>" ;;
    *) author="$worker" ;;
  esac
  got="$(git -C "$DIR" log -1 --format='%an <%ae>')"
  [ "$got" = "$author" ] || fail "author is '$got', expected '$author'"
  got="$(git -C "$DIR" log -1 --format=%ad --date=short)"
  [ "$got" = "${EVENT_DATE:-$CASECTL_TODAY}" ] ||
    fail "commit dated $got, expected the event's day ${EVENT_DATE:-$CASECTL_TODAY}"
  got="$(git -C "$DIR" log -1 --format=%cd --date=short)"
  local entered="${CLOCK:+${CLOCK%% *}}"  # under clock, faketime's day is the real clock's
  entered="${entered:-$(date +%F)}"
  [ "$got" = "$entered" ] || fail "committed on $got, expected the real day $entered"
}

# Fails unless HEAD's commit changed exactly the files given (paths relative to $DIR).
assert_commit_files() {
  local want got
  want="$(printf '%s\n' "$@" | sort)"
  got="$(git -C "$DIR" show --format= --name-only HEAD | sort)"
  [ "$got" = "$want" ] || fail "HEAD changed
$got
expected
$want"
}

# Fails unless the file (relative to $DIR) has mode 600.
assert_private() {
  local m
  m="$(stat -c %a "$DIR/$1")" || fail "no file $1"
  [ "$m" = 600 ] || fail "$1 has mode $m, expected 600"
}

# Edits case.yaml by hand without committing, then snapshots: the next stage command must stop
# with exit 5 naming the file and write nothing.
hand_edit() {
  sed -i 's/^worker: sato$/worker: tanaka/' "$DIR/$(case_file)"
  git -C "$DIR" diff --quiet && fail "hand_edit changed nothing"
  snapshot
}

# After `run --separate-stderr` following hand_edit: exit 5, the file named, nothing written.
assert_hand_edit_kept() {
  [ "$status" -eq 5 ] || fail "expected exit 5 (conflict), got $status; stderr: $stderr"
  grep -qF "$(case_file)" <<<"$stderr" || fail "stderr does not name $(case_file): $stderr"
  assert_unchanged
}
# ---- end of stage-command helpers ----

# Edits case.yaml of $ID with a python expression on s (the text); fails if nothing changed.
py_edit() {
  python3 - "$DIR/$(case_file)" "$1" <<'PY' || fail "py_edit did not change the file"
import sys
p, expr = sys.argv[1], sys.argv[2]
s = open(p, encoding="utf-8").read()
t = eval(expr, {"s": s})
open(p, "w", encoding="utf-8").write(t)
sys.exit(0 if t != s else 1)
PY
}

# After `run --separate-stderr cs validate`: exit 1 and a line naming "$ID: RULE: ".
assert_validate_names() {
  [ "$status" -eq 1 ] || fail "expected exit 1, got $status; stdout: $output; stderr: $stderr"
  grep -qF -- "$ID: $1: " <<<"$output" || fail "validate does not name $1: $output"
}

# Registers worker ito (Ito Mei), as the supervisor tanaka.
add_ito() { cs --worker tanaka worker add ito --name "Ito Mei" --email ito@example.org >/dev/null; }
