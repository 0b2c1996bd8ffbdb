#!/bin/sh
# Times what reads the case index (SPEC section 10, issue 12) over N generated cases, against the
# floors measured in the same run (bench/floors.cpp):
#   stat floor   list the case folders and stat every record (what any up-to-date check costs)
#   parse floor  that, and parse every record once on every core (what a cold index costs at least)
#   cold list    no .casectl/: every record read, summarized and stored
#   warm         list, due and each report with nothing changed (stat of every record only)
#   one changed  list after one record's mtime moved (one record read again)
#   as-of        report risk --as-of a past day: warm (what it read kept), and with nothing kept
# and prints each warm time as a ratio of the stat floor timed just before it (10 runs each, the
# same minute), the cold one of the parse floor, and the peak memory (max RSS) of the cold build
# and of the reports.
# Usage: bench/index_bench.sh [N] [CASECTL]   (N defaults to 100000, CASECTL to build/casectl;
# the floors binary is built next to it: cmake --build build --target casectl_floors)
# Needs python3, hyperfine and GNU time (/usr/bin/time). KEEP=DIR reuses/keeps the directory.
set -eu
n=${1:-100000}
here=$(cd "$(dirname "$0")" && pwd)
bin=${2:-$here/../build/casectl}
floors=$(dirname "$bin")/casectl_floors
[ -x "$bin" ] || { echo "index_bench: no casectl binary at $bin" >&2; exit 2; }
[ -x "$floors" ] || cmake --build "$(dirname "$bin")" --target casectl_floors >/dev/null
[ -x "$floors" ] || { echo "index_bench: no $floors (cmake --build build --target casectl_floors)" >&2; exit 2; }
command -v hyperfine >/dev/null || { echo "index_bench: hyperfine is needed" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "index_bench: GNU time (/usr/bin/time) is needed" >&2; exit 2; }

if [ -n "${KEEP:-}" ]; then
  dir=$KEEP
else
  dir=$(mktemp -d "${TMPDIR:-/tmp}/casectl-bench-XXXXXX")
  trap 'rm -rf "$dir" "$out"' EXIT
fi
out=$(mktemp "${TMPDIR:-/tmp}/casectl-bench-json-XXXXXX")
if [ ! -f "$dir/casectl.yaml" ]; then
  echo "generating $n cases in $dir ..."
  python3 "$here/gen_cases.py" "$dir" "$n"
  # Files just written are within the 2 s racy window of a refresh started now.
  sleep 3
fi
echo "$(find "$dir/cases" -name case.yaml | wc -l) records, $(du -sh "$dir/cases" | cut -f1) on disk, $(nproc) cores"
export CASECTL_TODAY=${CASECTL_TODAY:-2026-12-01}
cs="$bin -C $dir"
one=$(find "$dir/cases" -name case.yaml | head -1)

# Peak memory (KiB) of a command.
peak() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }

hyperfine -N --runs 1 --export-json "$out.parse" "$floors parse $dir" >/dev/null
hyperfine -N --runs 1 --prepare "rm -rf $dir/.casectl" --export-json "$out.cold" "$cs list --format csv" >/dev/null
cold_kib=$(rm -rf "$dir/.casectl"; peak $cs list --format csv)
hyperfine -N --warmup 2 --runs 10 --export-json "$out.stat" "$floors stat $dir" >/dev/null
set -- "list --format csv" "list" "due --format csv" "due" \
  "report caseload" "report overdue" "report risk" "report outcomes" "report services" \
  "report caseload --format json" "report risk --as-of 2026-10-31"
# Each command is timed right after the stat floor is timed again (results[0] of its file), and
# its ratio is to that floor: a machine whose speed drifts from minute to minute (a shared VM)
# moves both alike, where one floor for the whole run made ratios of up to 0.3x noise.
i=0
for c in "$@"; do
  i=$((i + 1))
  hyperfine -N --warmup 1 --runs 10 --export-json "$out.warm$i" "$floors stat $dir" "$cs $c" >/dev/null
done
hyperfine -N --warmup 1 --runs 10 --prepare "touch -d '-1 hour' $one" --export-json "$out.one" \
  "$floors stat $dir" "$cs list --format csv" >/dev/null
# --as-of without the records read before kept (the warm run above had them kept).
hyperfine -N --warmup 1 --runs 10 --prepare "rm -f $dir/.casectl/asof.sqlite $dir/.casectl/asof.sqlite-wal $dir/.casectl/asof.sqlite-shm" --export-json "$out.asof" \
  "$floors stat $dir" "$cs report risk --as-of 2026-10-31" >/dev/null
report_kib=$(peak $cs report caseload)
asof_kib=$(peak $cs report risk --as-of 2026-10-31)

python3 - "$out" "$n" "$cold_kib" "$report_kib" "$asof_kib" "$@" <<'PY'
import json, sys
out, n, cold_kib, report_kib, asof_kib, *cmds = sys.argv[1:]
def t(name, k=0):
    r = json.load(open(f"{out}.{name}"))["results"][k]
    return r["mean"], r["stddev"] or 0.0
def warm(label, name):
    f, _ = t(name, 0)
    m, sd = t(name, 1)
    print(f"| {label} | {m*1000:.0f} ± {sd*1000:.0f} ms | {f*1000:.0f} ms | {m/f:.2f}x stat |")
stat, _ = t("stat")
parse, _ = t("parse")
print(f"\n{int(n):,} cases")
print("| command | mean | stat floor then | ratio |")
print("|---|---|---|---|")
print(f"| stat floor (`casectl_floors stat`) | {stat*1000:.0f} ms | | 1.00x stat |")
print(f"| parse floor (`casectl_floors parse`, every record on every core) | {parse:.2f} s | | 1.00x parse |")
cold, _ = t("cold")
print(f"| cold `list --format csv` (no .casectl/) | {cold:.2f} s | | {cold/parse:.2f}x parse |")
for i, c in enumerate(cmds, 1):
    warm(f"warm `{c}`", f"warm{i}")
warm("`list --format csv`, one record changed", "one")
warm("`report risk --as-of 2026-10-31`, nothing kept (no asof.sqlite)", "asof")
print(f"\npeak memory: cold list {int(cold_kib)/1024:.0f} MB, report caseload {int(report_kib)/1024:.0f} MB, "
      f"report risk --as-of {int(asof_kib)/1024:.0f} MB")
PY
rm -f "$out".*
