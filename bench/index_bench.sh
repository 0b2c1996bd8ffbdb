#!/bin/sh
# Times `casectl list` over N generated cases (SPEC section 10): a cold run (no .casectl/, every
# record parsed on both cores) and warm runs (nothing changed: stat of every record only).
# Usage: bench/index_bench.sh [N] [CASECTL]   (N defaults to 100000, CASECTL to build/casectl)
# Needs python3 and hyperfine. Set KEEP=DIR to reuse/keep the generated directory.
set -eu
n=${1:-100000}
here=$(cd "$(dirname "$0")" && pwd)
bin=${2:-$here/../build/casectl}
[ -x "$bin" ] || { echo "index_bench: no casectl binary at $bin" >&2; exit 2; }
command -v hyperfine >/dev/null || { echo "index_bench: hyperfine is needed" >&2; exit 2; }

if [ -n "${KEEP:-}" ]; then
  dir=$KEEP
else
  dir=$(mktemp -d "${TMPDIR:-/tmp}/casectl-bench-XXXXXX")
  trap 'rm -rf "$dir"' EXIT
fi
if [ ! -f "$dir/casectl.yaml" ]; then
  echo "generating $n cases in $dir ..."
  python3 "$here/gen_cases.py" "$dir" "$n"
  # Files just written are within the 2 s racy window of a refresh started now.
  sleep 3
fi
echo "$(find "$dir/cases" -name case.yaml | wc -l) records, $(du -sh "$dir/cases" | cut -f1) on disk"

list="$bin list --format csv -C $dir"
hyperfine --runs 1 --prepare "rm -rf $dir/.casectl" --command-name "cold list ($n cases)" \
  "$list >/dev/null"
hyperfine --warmup 2 --runs 10 --command-name "warm list ($n cases)" "$list >/dev/null"
# One record changed since the last run.
one=$(find "$dir/cases" -name case.yaml | head -1)
hyperfine --warmup 1 --runs 10 --prepare "touch -d '-1 hour' $one" \
  --command-name "list, one record changed ($n cases)" "$list >/dev/null"
