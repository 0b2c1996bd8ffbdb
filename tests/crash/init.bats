#!/usr/bin/env bats
# init is all or nothing (SPEC section 8, issue 9): killed (SIGKILL) at every call of each
# file-changing system call, `casectl init DIR` leaves either a whole case directory or a folder
# that the next init makes afresh. After each kill (and that next init, when needed) the case
# directory is valid, git status is clean, git fsck finds nothing, there is exactly the one first
# commit, and nothing else is left beside it. Skipped where strace cannot trace.

load ../cli/helpers

SYSCALLS=(write fsync rename link unlink mkdir)
INIT_ARGS=(--worker sato --name "Sato Yuki" --email sato@example.org)

setup_file() {
  check_env
  command -v strace >/dev/null || skip "strace is not installed"
  strace -f -o /dev/null true 2>/dev/null || skip "strace cannot trace here (no ptrace)"
}

# How many times `casectl init` of a new folder calls syscall $1 in a clean run.
count_calls() {
  rm -rf "$T/count" && mkdir "$T/count"
  strace -f -qq -e trace="$1" -o "$T/trace" "$CASECTL_BIN" init "$T/count/cases" "${INIT_ARGS[@]}" \
    >/dev/null 2>&1 || true
  grep -c "$1(" "$T/trace" || true
}

# Kills `casectl init` at every call of every syscall; with $1 = existing, of an empty folder made
# beforehand, else of a new one. Checks each outcome.
sweep() {
  local sc k n kills=0 p="$T/p" dir="$T/p/cases" want
  rm -rf "$T/clean" && mkdir "$T/clean"
  "$CASECTL_BIN" init "$T/clean/cases" "${INIT_ARGS[@]}" >/dev/null || fail "the clean run failed"
  want="$(cat "$T/clean/cases/casectl.yaml")"
  for sc in "${SYSCALLS[@]}"; do
    n="$(count_calls "$sc")"
    for ((k = 1; k <= n; k++)); do
      rm -rf "$p" && mkdir "$p"
      [ "${1:-}" = existing ] && mkdir "$dir"
      strace -f -qq -o /dev/null -e trace="$sc" -e inject="$sc":signal=KILL:when="$k" \
        "$CASECTL_BIN" init "$dir" "${INIT_ARGS[@]}" >/dev/null 2>&1 || true
      kills=$((kills + 1))
      # Either the first commit was made (a whole case directory), or the next init succeeds.
      if ! git -C "$dir" rev-parse -q --verify HEAD >/dev/null 2>&1; then
        "$CASECTL_BIN" init "$dir" "${INIT_ARGS[@]}" >/dev/null 2>"$T/err" ||
          fail "$sc call $k: the next init failed: $(cat "$T/err")"
      fi
      "$CASECTL_BIN" -C "$dir" worker list >/dev/null 2>"$T/err" ||
        fail "$sc call $k: the case directory does not open: $(cat "$T/err")"
      [ -z "$(git -C "$dir" status --porcelain --untracked-files=all)" ] ||
        fail "$sc call $k: git status: $(git -C "$dir" status --porcelain --untracked-files=all)"
      git -C "$dir" fsck --no-progress >/dev/null 2>&1 || fail "$sc call $k: git fsck failed"
      "$CASECTL_BIN" -C "$dir" validate >/dev/null 2>&1 || fail "$sc call $k: validate found problems"
      [ "$(git -C "$dir" rev-list --count HEAD)" = 1 ] || fail "$sc call $k: not exactly one commit"
      [ "$(cat "$dir/casectl.yaml")" = "$want" ] || fail "$sc call $k: casectl.yaml differs"
      [ "$(ls -A "$p")" = cases ] || fail "$sc call $k: left beside the case directory: $(ls -A "$p")"
      [ "$(stat -c %a "$dir/casectl.yaml") $(stat -c %a "$dir/.git")" = "600 700" ] ||
        fail "$sc call $k: modes $(stat -c %a "$dir/casectl.yaml") $(stat -c %a "$dir/.git")"
    done
  done
  echo "# $kills kills of casectl init" >&3
  [ "$kills" -gt 20 ] || fail "only $kills kill points: the trace found too few calls"
}

@test "init of a new folder killed at every file-changing call: whole, or made afresh by the next init" {
  sweep
}

@test "init of an empty folder killed at every file-changing call: whole, or made afresh by the next init" {
  sweep existing
}
