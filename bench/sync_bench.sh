#!/usr/bin/env bash
# Times `casectl sync` of changed cases between two clones of a big case directory (issue 14)
# against plain git doing the same: `git pull --no-rebase && git push`.
#
# A case directory of N generated cases (make_casedir.py) is pushed to a bare repository on this
# machine (the server); workers sato and tanaka clone it with `casectl clone` (A and B). In A,
# `casectl note` adds a note to each of CHANGED cases, then A syncs (the server has them); in B,
# `casectl note` notes CHANGED other cases (committed, not pushed). That state (the server and B)
# is kept; before every timed run hyperfine's --prepare puts it back (cp -a, then one
# `git update-index --refresh` so that the copy's new inodes do not make the timed command hash
# every file again), for both tools, so each starts from the same state:
#   casectl sync                          fetch, merge (a merge commit), push
#   git pull --no-rebase && git push      the same with git alone, in an identical copy of B
# After the runs each result is checked: both sides' notes in HEAD, HEAD the server's main, a
# clean work tree. Prints a markdown table; hyperfine's JSON stays in $BENCH_WORK.
#
# Usage: bench/sync_bench.sh [N]      (N cases, default 10000)
# Environment: CASECTL_BIN (default build/casectl), CHANGED (cases changed on each side, 100),
#              RUNS (10), WARMUP (1), BENCH_WORK (default a new folder under /tmp),
#              CASECTL_TODAY (2026-11-23: the generated records end before it).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
checkout=$(dirname "$here")
bin=${CASECTL_BIN:-build/casectl}
[[ $bin = /* ]] || bin="$checkout/$bin"
n=${1:-10000}
changed=${CHANGED:-100}
runs=${RUNS:-10}
warmup=${WARMUP:-1}
work=${BENCH_WORK:-$(mktemp -d /tmp/casectl-sync-bench.XXXXXX)}
mkdir -p "$work"
work=$(cd "$work" && pwd)

for tool in hyperfine python3 git; do
  command -v "$tool" >/dev/null || { echo "sync_bench: $tool is needed" >&2; exit 2; }
done
[[ -x $bin ]] || { echo "sync_bench: no casectl binary at $bin (set CASECTL_BIN)" >&2; exit 2; }
export CASECTL_TODAY=${CASECTL_TODAY:-2026-11-23}
export GIT_MERGE_AUTOEDIT=no
unset CASECTL_WORKER CASECTL_DIR  # each clone acts as its own git identity

# Notes `changed` cases of clone $1, the first at number $2 and on, skipping those that refuse a
# note (a closed case); prints the IDs noted.
note_cases() {
  local dir=$1 i=$2 done=0 id
  while (( done < changed )); do
    (( i <= n )) || { echo "sync_bench: fewer than $changed cases take a note" >&2; exit 1; }
    id=$(printf 'C-2026-%04d' "$i")
    if "$bin" -C "$dir" note "$id" "bench note from $(basename "$dir")" --kind phone --date 2026-11-21 \
      >/dev/null 2>&1; then
      echo "$id"
      done=$((done + 1))
    fi
    i=$((i + 1))
  done
}

echo "== making $n cases" >&2
rm -rf "$work/seed" "$work/server.git" "$work/a" "$work/b"
python3 "$here/make_casedir.py" "$n" "$work/seed" >&2
git init -q --bare -b main "$work/server.git"
git -C "$work/seed" push -q "$work/server.git" HEAD:main
git -C "$work/server.git" gc -q
"$bin" clone "$work/server.git" "$work/a" --worker sato >&2
"$bin" clone "$work/server.git" "$work/b" --worker tanaka >&2
echo "== $changed notes in A (synced), $changed in B" >&2
note_cases "$work/a" 1 >"$work/ids-a"
"$bin" -C "$work/a" sync >&2
note_cases "$work/b" $(( $(tail -1 "$work/ids-a" | sed 's/.*-0*//') + 1 )) >"$work/ids-b"
# The state every run starts from.
rm -rf "$work/keep" && mkdir "$work/keep"
cp -a "$work/server.git" "$work/b" "$work/keep/"
restore="rm -rf '$work/server.git' '$work/b' && cp -a '$work/keep/server.git' '$work/keep/b' '$work/' && git -C '$work/b' update-index -q --refresh"

# Fails unless clone b holds both sides' notes in HEAD, as the server's main, with a clean tree.
check() {
  local what=$1 id
  [[ $(git -C "$work/b" rev-parse HEAD) = $(git -C "$work/server.git" rev-parse main) ]] ||
    { echo "sync_bench: after $what, HEAD is not the server's main" >&2; exit 1; }
  [[ -z $(git -C "$work/b" status --porcelain) ]] || { echo "sync_bench: after $what, the work tree is not clean" >&2; exit 1; }
  for id in $(head -1 "$work/ids-a") $(tail -1 "$work/ids-a") $(head -1 "$work/ids-b") $(tail -1 "$work/ids-b"); do
    git -C "$work/b" grep -q "bench note from" HEAD -- "cases/2026/*/$id/case.yaml" ||
      { echo "sync_bench: after $what, $id lacks its note" >&2; exit 1; }
  done
  [[ $(git -C "$work/b" log -1 --format=%P | wc -w) = 2 ]] || { echo "sync_bench: after $what, HEAD is no merge" >&2; exit 1; }
}

load_before=$(cut -d' ' -f1 /proc/loadavg)
echo "== casectl sync" >&2
hyperfine --warmup "$warmup" --runs "$runs" --prepare "$restore" --export-json "$work/sync.json" \
  "'$bin' -C '$work/b' sync" >&2
check "casectl sync"
echo "== git pull --no-rebase && git push" >&2
hyperfine --warmup "$warmup" --runs "$runs" --prepare "$restore" --export-json "$work/git.json" \
  "git -C '$work/b' pull -q --no-rebase --no-edit && git -C '$work/b' push -q origin main" >&2
check "git pull && git push"
load_after=$(cut -d' ' -f1 /proc/loadavg)

python3 - "$work" "$n" "$changed" "$runs" "$load_before" "$load_after" <<'EOF'
import json, statistics, sys
work, n, changed, runs, lb, la = sys.argv[1:]
rows = [("`casectl sync`", "sync"), ("`git pull --no-rebase && git push`", "git")]
res = {k: json.load(open(f"{work}/{k}.json"))["results"][0] for _, k in rows}
print(f"\n{int(n):,} cases, {changed} cases changed on each side, {runs} runs each (load {lb} -> {la})\n")
print("| command | mean ± sd | median | min | user + system |")
print("|---|---|---|---|---|")
for name, k in rows:
    r = res[k]
    print(f"| {name} | {r['mean']*1000:.0f} ± {r['stddev']*1000:.0f} ms | {statistics.median(r['times'])*1000:.0f} ms "
          f"| {r['min']*1000:.0f} ms | {r['user']*1000:.0f} + {r['system']*1000:.0f} ms |")
ratio = statistics.median(res["sync"]["times"]) / statistics.median(res["git"]["times"])
print(f"\nratio of the medians, casectl sync / git pull && git push: {ratio:.2f}")
EOF
echo "(hyperfine JSON: $work)"
