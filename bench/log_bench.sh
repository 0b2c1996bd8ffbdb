#!/usr/bin/env bash
# Times `casectl log ID` against `git log --oneline -- PATH` of the same case, in a case directory
# with a long history (default 10,000 cases changed in 100,000 commits; bench/make_history.py):
#   warm        the history index built, files in the page cache;
#   cold index  .casectl/history.sqlite deleted (and the background update the previous run started
#               stopped) before each run: `log ID` asks git for the case's commits;
#   cold, no git  the same with no git program on PATH: `log ID` walks the history with libgit2;
#   cold cache  the index deleted and the page cache of .git/ and .casectl/ evicted before each run
#               (posix_fadvise DONTNEED, no root needed), for git too;
#   update      `log --update-index` from nothing: what the background update costs.
# Prints a markdown table; hyperfine's JSON and the table stay in $BENCH_WORK.
#
# Usage: bench/log_bench.sh [CASES COMMITS]
# Environment: CASECTL_BIN (default build/casectl), RUNS (10), COLD_RUNS (5), BENCH_WORK (default
#              a new folder under /tmp), CASE (default the middle case, C-2026-5000 at 10,000).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
checkout=$(dirname "$here")
bin=${CASECTL_BIN:-build/casectl}
[[ $bin = /* ]] || bin="$checkout/$bin"
cases=${1:-10000}
commits=${2:-100000}
runs=${RUNS:-10}
cold_runs=${COLD_RUNS:-5}
work=${BENCH_WORK:-$(mktemp -d /tmp/casectl-logbench.XXXXXX)}
mkdir -p "$work"
work=$(cd "$work" && pwd)
for tool in hyperfine python3 git; do
  command -v "$tool" >/dev/null || { echo "log_bench: $tool is needed" >&2; exit 2; }
done
[[ -x $bin ]] || { echo "log_bench: no casectl binary at $bin (set CASECTL_BIN)" >&2; exit 2; }

dir="$work/history-$cases-$commits"
if [[ ! -f $dir/casectl.yaml ]]; then
  rm -rf "$dir"
  echo "== making $dir" >&2
  CASECTL_BIN=$bin python3 "$here/make_history.py" --cases "$cases" --commits "$commits" "$dir" >&2
fi
id=${CASE:-$(printf 'C-2026-%04d' $((cases / 2)))}
seq=$((10#${id##*-}))
path=$(printf 'cases/2026/%02d/%s' $((seq / 100)) "$id")
export CASECTL_DIR="$dir" NO_COLOR=1
log="'$bin' log $id"
gitlog="git -C '$dir' log --oneline -- $path"
evict="python3 '$here/evict_cache.py' '$dir/.git' '$dir/.casectl'"
drop="pkill -f -- '-C $dir log --update-inde[x]' || true; sleep 0.2; rm -f '$dir'/.casectl/history.sqlite*"
nogit="$work/nogit"  # a PATH with no git program on it
mkdir -p "$nogit"

# Both list the same commits.
n_casectl=$("$bin" log "$id" --format csv | tail -n +2 | wc -l)
n_git=$(git -C "$dir" log --oneline -- "$path" | wc -l)
[[ $n_casectl == "$n_git" ]] || { echo "log_bench: casectl lists $n_casectl commits of $id, git $n_git" >&2; exit 1; }
total=$(git -C "$dir" rev-list --count HEAD)
n_all=$("$bin" log --format csv | tail -n +2 | wc -l)
[[ $n_all == "$total" ]] || { echo "log_bench: casectl log lists $n_all commits, git $total" >&2; exit 1; }
echo "== $id ($path): $n_git commits of $total" >&2

bench() {  # NAME RUNS PREPARE COMMAND
  local prep=()
  [[ -n $3 ]] && prep=(--prepare "$3")
  hyperfine --warmup "$([[ -n $3 ]] && echo 0 || echo 2)" --runs "$2" "${prep[@]}" \
    --export-json "$work/$1.json" --command-name "$1" "$4 >/dev/null" >&2
}
bench casectl-warm "$runs" "" "$log"
bench git-warm "$runs" "" "$gitlog"
bench casectl-cold-index "$cold_runs" "$drop" "$log"
bench casectl-cold-nogit "$cold_runs" "$drop" "env PATH='$nogit' $log"
bench casectl-cold-cache "$cold_runs" "$drop; $evict" "$log"
bench git-cold-cache "$cold_runs" "$evict" "$gitlog"
bench casectl-update "$cold_runs" "$drop" "'$bin' log --update-index"
eval "$drop"
"$bin" log --update-index >/dev/null  # leave the index built

python3 - "$work" "$cases" "$commits" "$n_git" <<'PY'
import json, sys
work, cases, commits, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
r = {k: json.load(open(f"{work}/{k}.json"))["results"][0] for k in
     ("casectl-warm", "git-warm", "casectl-cold-index", "casectl-cold-nogit", "casectl-cold-cache",
      "git-cold-cache", "casectl-update")}
def s(k):
    x = r[k]
    return f"{x['mean'] * 1000:.0f} ± {x['stddev'] * 1000:.0f} ms (min {x['min'] * 1000:.0f})"
m = {k: v["mean"] for k, v in r.items()}
print(f"| {cases:,} cases, {commits:,} commits ({n} of the case) | casectl log ID | git log --oneline -- PATH | ratio |")
print("|---|---|---|---|")
print(f"| warm | {s('casectl-warm')} | {s('git-warm')} | casectl {m['git-warm'] / m['casectl-warm']:.1f}x faster |")
print(f"| cold index (no index: git asked) | {s('casectl-cold-index')} | {s('git-warm')} | casectl {m['casectl-cold-index'] / m['git-warm']:.2f}x git's time |")
print(f"| cold index, no git program (libgit2 walk) | {s('casectl-cold-nogit')} | {s('git-warm')} | casectl {m['casectl-cold-nogit'] / m['git-warm']:.2f}x git's time |")
print(f"| cold cache (index deleted, page cache evicted) | {s('casectl-cold-cache')} | {s('git-cold-cache')} | casectl {m['casectl-cold-cache'] / m['git-cold-cache']:.2f}x git's time |")
print(f"| `log --update-index` from nothing (the background update) | {s('casectl-update')} | | |")
warm_ok = m["git-warm"] / m["casectl-warm"] >= 5
cold_ok = m["casectl-cold-index"] / m["git-warm"] <= 1.5
print()
print(f"warm: {'meets' if warm_ok else 'MISSES'} >= 5x faster; cold: {'meets' if cold_ok else 'MISSES'} <= 1.5x git's time")
PY
echo "(hyperfine JSON: $work)" >&2
