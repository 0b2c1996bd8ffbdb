#!/bin/sh
# ab.sh RUNS ARGS...: the same casectl command run by two binaries in turn, RUNS times each, and
# the median and least wall time and the median CPU of each (GNU time, 10 ms steps). What the
# index notes in README.md call "same-minute A/B": a machine whose speed drifts by the hour
# slows both alike.
#   A_BIN, A_DIR   the binary before and its case directory (default: $A_BIN on $B_DIR)
#   B_BIN, B_DIR   the binary after (default build/casectl) and its case directory
# Two index schemas cannot share a case directory (each would rebuild the other's index): give
# each binary its own copy then (cp -a DIR DIR-a).
#   A_BIN=/tmp/casectl.before A_DIR=/tmp/c100k-a B_DIR=/tmp/c100k sh bench/ab.sh 11 due
set -eu
[ $# -ge 2 ] || { echo "usage: A_BIN=... B_DIR=... ab.sh RUNS ARGS..." >&2; exit 2; }
runs=$1
shift
here=$(cd "$(dirname "$0")" && pwd)
b_bin=${B_BIN:-$here/../build/casectl}
: "${A_BIN:?A_BIN: the binary to compare with}"
: "${B_DIR:?B_DIR: the case directory}"
a_dir=${A_DIR:-$B_DIR}
[ -x /usr/bin/time ] || { echo "ab.sh: GNU time (/usr/bin/time) is needed" >&2; exit 2; }
export CASECTL_TODAY=${CASECTL_TODAY:-2026-12-01}
times=$(mktemp "${TMPDIR:-/tmp}/casectl-ab-XXXXXX")
trap 'rm -f "$times"' EXIT
i=0
while [ "$i" -lt "$runs" ]; do
  /usr/bin/time -a -o "$times" -f "a %e %U %S" "$A_BIN" -C "$a_dir" "$@" >/dev/null 2>&1 || true
  /usr/bin/time -a -o "$times" -f "b %e %U %S" "$b_bin" -C "$B_DIR" "$@" >/dev/null 2>&1 || true
  i=$((i + 1))
done
python3 - "$times" "$*" <<'PY'
import statistics as st, sys
rows = [l.split() for l in open(sys.argv[1]) if l[:2] in ('a ', 'b ')]
for who in ('a', 'b'):
    wall = [float(r[1]) * 1000 for r in rows if r[0] == who]
    cpu = [(float(r[2]) + float(r[3])) * 1000 for r in rows if r[0] == who]
    print(f"{sys.argv[2]:<28} {'before' if who == 'a' else 'after ':<6}  wall median {st.median(wall):4.0f} ms"
          f"  least {min(wall):4.0f} ms  CPU median {st.median(cpu):4.0f} ms")
PY
