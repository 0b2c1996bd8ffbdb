#!/usr/bin/env bats
# Every change is all or nothing, even when killed at any instant (SPEC section 8, issue 9): for a
# command, one clean run under strace counts its calls of each file-changing system call; then,
# for each call K of each, the command is killed (SIGKILL) at exactly that call. After each kill
# the next casectl command succeeds (recovering the interrupted change by itself), and then git
# status is clean, git fsck finds nothing, validate finds nothing, and the record is either as
# before or as after the change. Skipped where strace cannot trace (no ptrace in a container).

load ../cli/helpers

# The system calls that change files; each is killed at every one of its calls.
SYSCALLS=(write fsync rename link unlink mkdir)

setup_file() {
  check_env
  isolate_env "$BATS_FILE_TMPDIR"
  command -v strace >/dev/null || skip "strace is not installed"
  strace -f -o /dev/null true 2>/dev/null || skip "strace cannot trace here (no ptrace)"
  TEMPLATE="$BATS_FILE_TMPDIR/template"
  "$CASECTL_BIN" init "$TEMPLATE" --worker sato --name "Sato Yuki" --email sato@example.org >/dev/null
  "$CASECTL_BIN" -C "$TEMPLATE" --worker sato worker add tanaka --name "Tanaka Ken" \
    --email tanaka@example.org --role supervisor >/dev/null
  export TEMPLATE
}

# How many times `casectl ARGS` calls syscall $1 in a clean run on a fresh copy of $BASE.
count_calls() {
  local sc="$1"; shift
  rm -rf "$T/count" && cp -a "$BASE" "$T/count"
  strace -f -qq -e trace="$sc" -o "$T/trace" "$CASECTL_BIN" -C "$T/count" "$@" >/dev/null 2>&1 || true
  grep -c "$sc(" "$T/trace" || true
}

# The record text of case $ID in folder $1 ("" if none).
record_in() { cat "$1/$(rec "$ID" | sed "s|^$DIR/||")" 2>/dev/null || true; }

# Kills `casectl ARGS` at every call of every syscall, checking each outcome.
sweep() {
  local before after sc k n kills=0
  rm -rf "$T/after" && cp -a "$BASE" "$T/after"
  "$CASECTL_BIN" -C "$T/after" "$@" >/dev/null || fail "the clean run failed"
  after="$(record_in "$T/after")"
  before="$(record_in "$BASE")"
  for sc in "${SYSCALLS[@]}"; do
    n="$(count_calls "$sc" "$@")"
    for ((k = 1; k <= n; k++)); do
      local w="$T/w"
      rm -rf "$w" && cp -a "$BASE" "$w"
      strace -f -qq -o /dev/null -e trace="$sc" -e inject="$sc":signal=KILL:when="$k" \
        "$CASECTL_BIN" -C "$w" "$@" >/dev/null 2>&1 || true
      kills=$((kills + 1))
      # The next command recovers by itself and succeeds.
      "$CASECTL_BIN" -C "$w" --worker sato note "${NOTE_ID:-$ID}" "after the kill" --kind other >/dev/null 2>"$T/err" ||
        fail "$sc call $k: the next command failed: $(cat "$T/err")"
      [ -z "$(git -C "$w" status --porcelain)" ] || fail "$sc call $k: git status: $(git -C "$w" status --porcelain)"
      git -C "$w" fsck --no-progress >/dev/null 2>&1 || fail "$sc call $k: git fsck failed"
      "$CASECTL_BIN" -C "$w" validate >/dev/null || fail "$sc call $k: validate found problems"
      # The record before the note just added: the version before, or after, the killed change.
      local was
      was="$(git -C "$w" show "HEAD~1:$(rec "$ID" | sed "s|^$DIR/||")" 2>/dev/null || true)"
      [ "$was" = "$before" ] || [ "$was" = "$after" ] || fail "$sc call $k: the record is neither before nor after"
    done
  done
  echo "# $kills kills of casectl $*" >&3
  [ "$kills" -gt 5 ] || fail "only $kills kill points: the trace found too few calls"
}

# A base case directory with case $ID at the given stage (see case_at in helpers).
base_at() {
  case_at "$1"
  BASE="$DIR"
}

@test "note killed at every file-changing call: recovered, nothing half-written" {
  base_at assessed
  sweep --worker sato note "$ID" "Home visit: mother and child at home" --kind home-visit
}

@test "plan killed at every file-changing call (record and plan-1.md together)" {
  base_at assessed
  day 2026-11-10
  sweep --worker sato plan "$ID" --file "$STAGE_FORMS/plan-1.yaml"
}

@test "close killed at every file-changing call (record and closure-1.md together)" {
  base_at achieved
  sweep --worker sato close "$ID" --reason goals-achieved --evaluation "Shelter and follow-up worked"
}

@test "worker add killed at every file-changing call: the settings are before or after, never half" {
  base_at intake
  sweep --worker sato worker add ito --name "Ito Mei" --email ito@example.org
}

@test "new killed at every file-changing call: the case exists whole or not at all" {
  base_at intake
  NOTE_ID=$ID     # the next command notes the case that exists
  ID=C-2026-0002  # the case the killed command opens
  sweep --worker sato new --name "Kato Ren" --birth-date 2016-05-01 --sex male --source police \
    --urgency routine --concern neglect --reason "Left alone at night" --date 2026-11-02
}

@test "edit killed at every file-changing call: the correction and its documents together" {
  base_at active
  # The editor changes goal G1's text (shown in plan-1.md, which is rendered again).
  export EDITOR="sed -i 's/free from physical harm/free from any harm/'"
  grep -q "free from physical harm" "$(rec "$ID")" || fail "the plan form's goal text changed"
  sweep --worker sato edit "$ID" --reason late-information
}

@test "a change interrupted after its files were placed, then committed with plain git: recovery steps aside" {
  # review finding: a journal whose change the history has moved past must not block every command
  base_at assessed
  local w="$T/w"
  rm -rf "$w" && cp -a "$BASE" "$w"
  # Killed right after the record was put in place (at the fsync of its folder): the record is
  # the new version, the branch not moved, the journal kept. Find that call.
  local n k before
  before="$(git -C "$BASE" rev-parse HEAD)"
  n="$(count_calls fsync --worker sato note "$ID" "Home visit" --kind home-visit)"
  for ((k = 1; k <= n; k++)); do
    rm -rf "$w" && cp -a "$BASE" "$w"
    strace -f -qq -o /dev/null -e trace=fsync -e inject=fsync:signal=KILL:when="$k" \
      "$CASECTL_BIN" -C "$w" --worker sato note "$ID" "Home visit" --kind home-visit >/dev/null 2>&1 || true
    if [ -f "$w/.casectl/journal" ] && [ "$(git -C "$w" rev-parse HEAD)" = "$before" ] &&
      [ -n "$(git -C "$w" status --porcelain)" ] && ! ls "$w"/.git/refs/heads/*.lock >/dev/null 2>&1; then break; fi
  done
  [ "$k" -le "$n" ] || fail "no kill left the record placed and the branch unmoved"
  git -C "$w" -c user.name=X -c user.email=x@example.org commit -qam "by hand" || fail "plain git commit failed"
  run --separate-stderr "$CASECTL_BIN" -C "$w" show "$ID"
  [ "$status" -eq 0 ] || fail "show after a superseded journal: exit $status: $stderr"
  [[ "$stderr" == *"superseded"* ]] || fail "stderr does not say what recovery did: $stderr"
  [ ! -f "$w/.casectl/journal" ] || fail "the journal is still there"
  [ -z "$(git -C "$w" status --porcelain)" ] || fail "git status: $(git -C "$w" status --porcelain)"
}
