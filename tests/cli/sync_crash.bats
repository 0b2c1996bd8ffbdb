# kill -9 during `casectl sync` (issue 14): a sync that merges (a note on each side of the same
# case) is killed at sampled file-changing system calls, and after every kill nothing is lost and
# nothing blocks: the next `casectl sync` succeeds (no stranded lock, no half-done merge it cannot
# get out of), then both clones and the server hold both notes, both HEADs are the server's main,
# `casectl validate` passes and git status is clean with no git lock file left.
#
# The server is `git daemon` on the loopback, so that the kills hit this machine's processes only
# (with a path as the remote, the server's receive-pack would be a child of the killed git).
# Where the kill lands (strace fault injection, as in tests/crash/crash.bats):
#   - casectl itself at its K-th call of a syscall (strace without -f: its git children are not
#     counted; none runs while casectl makes its own calls);
#   - the n-th git program casectl runs: `git` on PATH is a wrapper that runs that one under
#     `strace -f -e inject=SYSCALL:signal=KILL:when=K` (every process of it killed at its own K-th
#     call: git, its helpers, casectl's merge driver) and, once something of it was killed, kills
#     casectl too (SIGKILL): the whole sync dies there, as on kill -9 of the terminal's process
#     group or a power cut.
# One clean traced sync counts the calls (COUNT below); every rename and fsync point is killed
# (where git commits a lock file or casectl its own files), the others are sampled evenly so that
# at most SYNC_KILL_POINTS (default 45) points run, about 2-3 minutes on 2 cores; set
# SYNC_KILL_POINTS=0 for all of them (154 here: 153 kills, 0 failures). Skipped where strace cannot trace.

bats_require_minimum_version 1.5.0
load helpers

SYSCALLS=(rename renameat renameat2 link unlink unlinkat mkdir fsync write)

setup() {
  test_setup
  unset CASECTL_WORKER
  command -v strace >/dev/null || skip "strace is not installed"
  strace -f -o /dev/null true 2>/dev/null || skip "strace cannot trace here (no ptrace)"
  DAEMON_PID=""
}

teardown() {
  if [ -n "$DAEMON_PID" ]; then
    kill "$DAEMON_PID" 2>/dev/null || true
    wait "$DAEMON_PID" 2>/dev/null || true
  fi
  return 0
}

REC() { echo "$1/$(case_file)"; }

# The base in $T/keep: the server ($T/keep/srv/server.git) with A's note, clone a (synced) and
# clone b (its note committed, not synced); git daemon serving $T/srv on a free port.
make_base() {
  case_at active
  unset CASECTL_WORKER
  mkdir -p "$T/srv"
  git init -q --bare -b main "$T/srv/server.git"
  git -C "$DIR" push -q "$T/srv/server.git" main
  local port
  port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  git daemon --reuseaddr --listen=127.0.0.1 --port="$port" --base-path="$T/srv" --export-all \
    --enable=receive-pack "$T/srv" >"$T/daemon.log" 2>&1 3>&- &
  DAEMON_PID=$!
  URL="git://127.0.0.1:$port/server.git"
  local i
  for ((i = 0; i < 100; i++)); do git ls-remote "$URL" >/dev/null 2>&1 && break; sleep 0.1; done
  git ls-remote "$URL" >/dev/null 2>&1 || fail "git daemon did not come up: $(cat "$T/daemon.log")"
  casectl clone "$URL" "$T/a" --worker sato >/dev/null
  casectl clone "$URL" "$T/b" --worker tanaka >/dev/null
  casectl -C "$T/a" note "$ID" "Phone call with the school" --kind phone --date 2026-11-09 >/dev/null
  casectl -C "$T/a" sync >/dev/null
  casectl -C "$T/b" note "$ID" "Home visit, all calm" --kind home-visit --date 2026-11-08 >/dev/null
  mkdir -p "$T/keep"
  cp -a "$T/srv" "$T/a" "$T/b" "$T/keep/"
}

# Puts the server and both clones back as in the base (same paths: the remote URL stays).
restore() {
  rm -rf "$T/srv/server.git" "$T/a" "$T/b"
  cp -a "$T/keep/srv/server.git" "$T/srv/"
  cp -a "$T/keep/a" "$T/keep/b" "$T/"
  rm -f "$KG_DIR"/*
}

# The git wrapper (see the header): KG_MODE=count traces every git run into $KG_DIR/trace.N;
# KG_MODE=kill kills run KG_N at call KG_K of KG_SC, then casectl.
make_wrapper() {
  local real
  real="$(command -v git)"
  mkdir -p "$T/bin" "$T/kg"
  export KG_DIR="$T/kg"
  cat >"$T/bin/git" <<EOF
#!/bin/bash
n=\$(( \$(cat "\$KG_DIR/n" 2>/dev/null || echo 0) + 1 ))
echo "\$n" >"\$KG_DIR/n"
case "\${KG_MODE:-}" in
  count) exec strace -f -qq -o "\$KG_DIR/trace.\$n" -e trace="\$KG_LIST" "$real" "\$@" ;;
  kill)
    if [ "\$n" = "\$KG_N" ]; then
      strace -f -q -o "\$KG_DIR/killed" -e trace="\$KG_SC" -e inject="\$KG_SC:signal=KILL:when=\$KG_K" "$real" "\$@"
      rc=\$?
      if grep -q "killed by SIGKILL" "\$KG_DIR/killed"; then kill -KILL "\$PPID"; exit 137; fi
      exit \$rc
    fi ;;
esac
exec "$real" "\$@"
EOF
  chmod +x "$T/bin/git"
}

# One clean traced sync of b: POINTS, the kill points "N SYSCALL K" (N 0: casectl itself).
count_points() {
  local list sc f n k m
  list="$(IFS=,; echo "${SYSCALLS[*]}")"
  restore
  PATH="$T/bin:$PATH" KG_MODE=count KG_LIST="$list" \
    strace -qq -o "$KG_DIR/self" -e trace="$list" "$CASECTL_BIN" -C "$T/b" sync >"$T/clean.out" 2>&1 ||
    fail "the clean traced sync failed: $(cat "$T/clean.out")"
  grep -q "(merged)" "$T/clean.out" || fail "the clean sync did not merge: $(cat "$T/clean.out")"
  POINTS=()
  for sc in "${SYSCALLS[@]}"; do
    m="$(grep -cE "^$sc\(" "$KG_DIR/self" || true)"
    for ((k = 1; k <= m; k++)); do POINTS+=("0 $sc $k"); done
  done
  for ((n = 1; n <= $(cat "$KG_DIR/n"); n++)); do
    f="$KG_DIR/trace.$n"
    for sc in "${SYSCALLS[@]}"; do
      m="$(awk -v s="$sc" '$2 ~ "^" s "\\(" { c[$1]++ } END { m = 0; for (p in c) if (c[p] > m) m = c[p]; print m }' "$f")"
      for ((k = 1; k <= m; k++)); do POINTS+=("$n $sc $k"); done
    done
  done
}

# POINTS cut to at most $1 (0: all): every rename and fsync point, the others evenly.
sample_points() {
  local max="$1" p keep=() rest=() i
  [ "$max" -gt 0 ] && [ "${#POINTS[@]}" -gt "$max" ] || return 0
  for p in "${POINTS[@]}"; do
    case "$p" in *" rename"* | *" renameat"* | *" fsync "*) keep+=("$p") ;; *) rest+=("$p") ;; esac
  done
  local room=$((max - ${#keep[@]}))
  [ "$room" -gt 0 ] || room=1
  for ((i = 0; i < room; i++)); do keep+=("${rest[i * ${#rest[@]} / room]}"); done
  POINTS=("${keep[@]}")
}

# After a kill at point $1: the next sync of b succeeds (after doctor --repair if it must), then A
# syncs, and everything of the header holds.
check_after_kill() {
  local what="$1" c f st
  if ! casectl -C "$T/b" sync >"$T/next.out" 2>&1; then
    echo "# $what: the next sync failed: $(tr '\n' ' ' <"$T/next.out"); doctor --repair" >&3
    REPAIRS=$((REPAIRS + 1))
    casectl -C "$T/b" doctor --repair >>"$T/next.out" 2>&1 || true
    casectl -C "$T/b" sync >>"$T/next.out" 2>&1 ||
      fail "$what: sync fails after the kill, even after doctor --repair: $(cat "$T/next.out")"
  fi
  grep -q "recovered an interrupted sync" "$T/next.out" && TAKEN_OVER=$((TAKEN_OVER + 1))
  casectl -C "$T/a" sync >"$T/a.out" 2>&1 || fail "$what: A's sync failed: $(cat "$T/a.out")"
  for c in "$T/a" "$T/b"; do
    grep -q "Phone call with the school" "$(REC "$c")" || fail "$what: A's note is lost in $c"
    grep -q "Home visit, all calm" "$(REC "$c")" || fail "$what: B's note is lost in $c"
    st="$(git -C "$c" status --porcelain --untracked-files=all)"
    [ -z "$st" ] || fail "$what: git status in $c: $st"
  done
  git --git-dir="$T/srv/server.git" show main:"$(case_file)" | grep -q "Phone call with the school" ||
    fail "$what: A's note is not on the server"
  git --git-dir="$T/srv/server.git" show main:"$(case_file)" | grep -q "Home visit, all calm" ||
    fail "$what: B's note is not on the server"
  [ "$(git -C "$T/b" rev-parse HEAD)" = "$(git --git-dir="$T/srv/server.git" rev-parse main)" ] ||
    fail "$what: B's HEAD is not the server's main"
  [ "$(git -C "$T/a" rev-parse HEAD)" = "$(git -C "$T/b" rev-parse HEAD)" ] || fail "$what: A's HEAD is not B's"
  for f in "$T"/b/.git/*.lock "$T"/b/.git/refs/heads/*.lock "$T"/b/.git/refs/remotes/origin/*.lock \
    "$T"/b/.casectl/sync-running; do
    [ ! -e "$f" ] || fail "$what: left behind: ${f#"$T"/}"
  done
  casectl -C "$T/b" validate >"$T/validate.out" 2>&1 || fail "$what: validate: $(cat "$T/validate.out")"
}

@test "sync killed at sampled file-changing calls (casectl's and its git runs'): nothing lost, nothing left blocking" {
  make_base
  make_wrapper
  count_points
  local total="${#POINTS[@]}" p n sc k rc kills=0 finished=0
  [ "$total" -gt 20 ] || fail "only $total kill points: the trace found too few calls"
  sample_points "${SYNC_KILL_POINTS:-45}"
  REPAIRS=0 TAKEN_OVER=0
  for p in "${POINTS[@]}"; do
    read -r n sc k <<<"$p"
    restore
    rc=0
    if [ "$n" = 0 ]; then
      strace -qq -o /dev/null -e trace="$sc" -e inject="$sc:signal=KILL:when=$k" \
        "$CASECTL_BIN" -C "$T/b" sync >/dev/null 2>&1 || rc=$?
    else
      PATH="$T/bin:$PATH" KG_MODE=kill KG_N="$n" KG_SC="$sc" KG_K="$k" \
        "$CASECTL_BIN" -C "$T/b" sync >/dev/null 2>&1 || rc=$?
    fi
    case "$rc" in
      137) kills=$((kills + 1)) ;;
      0) finished=$((finished + 1)) ;;  # the call did not come this time (a pack's size, a clock)
      *) fail "kill at ${p}: exit $rc, neither killed nor done" ;;
    esac
    check_after_kill "git run $n, $sc call $k"
  done
  echo "# $kills kills, $finished ran to the end, of ${#POINTS[@]} points ($total counted);" \
    "$TAKEN_OVER next syncs took over a killed one, $REPAIRS needed doctor --repair" >&3
  [ "$kills" -ge $((${#POINTS[@]} * 3 / 4)) ] || fail "only $kills of ${#POINTS[@]} points killed the sync"
  [ "$REPAIRS" -eq 0 ] || fail "$REPAIRS kills left a state that sync could not get out of by itself"
}
