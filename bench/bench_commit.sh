#!/usr/bin/env bash
# Times one changing casectl command (new, note) against `git add FILE && git commit` of one file
# in the same case directory, at each size (default 100 10000 100000 cases), with hyperfine.
# Prints a markdown table; hyperfine's JSON and the table stay in $BENCH_WORK.
#
# Usage: bench/bench_commit.sh [SIZES...]
# Environment: CASECTL_BIN (default build/casectl), RUNS (10), WARMUP (1),
#              BENCH_WORK (default a new folder under /tmp; case directories are made there),
#              CASECTL_TODAY (default 2026-11-23: the generated records end before it),
#              WAIT_LOAD (e.g. 2: before each size, wait up to 30 min for the 1-minute load
#              average to drop below it; the table shows the load either way).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
checkout=$(dirname "$here")
bin=${CASECTL_BIN:-build/casectl}
[[ $bin = /* ]] || bin="$checkout/$bin"
runs=${RUNS:-10}
warmup=${WARMUP:-1}
work=${BENCH_WORK:-$(mktemp -d /tmp/casectl-bench.XXXXXX)}
mkdir -p "$work"
work=$(cd "$work" && pwd)
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(100 10000 100000)

for tool in hyperfine python3 git /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench_commit: $tool is needed" >&2; exit 2; }
done
[[ -x $bin ]] || { echo "bench_commit: no casectl binary at $bin (set CASECTL_BIN)" >&2; exit 2; }

export CASECTL_WORKER=sato
export CASECTL_TODAY=${CASECTL_TODAY:-2026-11-23}
export GIT_AUTHOR_NAME="Sato Yuki" GIT_AUTHOR_EMAIL=sato@example.org
export GIT_COMMITTER_NAME="Sato Yuki" GIT_COMMITTER_EMAIL=sato@example.org

new_cmd="'$bin' new --name X --birth-date 2018-04-12 --sex female --source school --urgency routine --concern neglect --reason bench"
note_cmd="'$bin' note C-2026-0001 'bench note' --kind phone"

# Stops when casectl left the repository with anything to commit or stage.
require_clean() {
  local left
  left=$(git -C "$1" status --porcelain)
  if [[ -n $left ]]; then
    echo "bench_commit: after $2, git status --porcelain in $1 is not empty:" >&2
    echo "$left" | head -20 >&2
    exit 1
  fi
}

# "mean ± sd ms (min)" of a hyperfine JSON export.
summary() {
  python3 - "$1" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print(f"{r['mean'] * 1000:.0f} ± {r['stddev'] * 1000:.0f} ms (min {r['min'] * 1000:.0f})")
EOF
}

# The mean of a hyperfine JSON export, in seconds.
mean() {
  python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["results"][0]["mean"])' "$1"
}

# Waits (at most 30 minutes) for the 1-minute load average to drop below $WAIT_LOAD, if set.
wait_for_quiet() {
  [[ -n ${WAIT_LOAD:-} ]] || return 0
  local waited=0
  while python3 -c 'import os, sys; sys.exit(os.getloadavg()[0] < float(sys.argv[1]))' "$WAIT_LOAD"; do
    if (( waited >= 1800 )); then
      echo "bench_commit: load still $(cut -d' ' -f1 /proc/loadavg) after 30 min; measuring anyway" >&2
      return 0
    fi
    sleep 30
    waited=$((waited + 30))
  done
}

# Integer MB of a number of kB.
mb() { echo $(( ($1 + 512) / 1024 )); }

table="$work/table.md"
{
  echo "| cases | casectl new | casectl note | git add+commit | ratio new/git, note/git | max RSS new | load |"
  echo "|---:|---|---|---|---|---:|---|"
} >"$table"
verdicts=()

for n in "${sizes[@]}"; do
  dir="$work/cases-$n"
  rm -rf "$dir"
  echo "== $n cases: making $dir" >&2
  python3 "$here/make_casedir.py" "$n" "$dir" >&2
  export CASECTL_DIR="$dir"
  wait_for_quiet
  load_before=$(cut -d' ' -f1 /proc/loadavg)

  echo "== $n cases: casectl new" >&2
  hyperfine --warmup "$warmup" --runs "$runs" --export-json "$work/new-$n.json" "$new_cmd" >&2
  require_clean "$dir" "casectl new"

  echo "== $n cases: casectl note" >&2
  hyperfine --warmup "$warmup" --runs "$runs" --export-json "$work/note-$n.json" "$note_cmd" >&2
  require_clean "$dir" "casectl note"

  # A file to change with git: the second case, one line appended before each run.
  file=cases/2026/00/C-2026-0002/case.yaml
  echo "== $n cases: git add $file && git commit" >&2
  hyperfine --warmup "$warmup" --runs "$runs" --export-json "$work/git-$n.json" \
    --prepare "echo '# bench' >> '$dir/$file'" \
    "git -C '$dir' add '$file' && git -C '$dir' commit -q -m x" >&2
  require_clean "$dir" "git add && git commit"

  /usr/bin/time -v -o "$work/rss-$n.txt" sh -c "$new_cmd" >/dev/null
  require_clean "$dir" "casectl new (memory)"
  rss=$(awk -F': ' '/Maximum resident/ {print $2}' "$work/rss-$n.txt")
  load_after=$(cut -d' ' -f1 /proc/loadavg)

  m_new=$(mean "$work/new-$n.json")
  m_note=$(mean "$work/note-$n.json")
  m_git=$(mean "$work/git-$n.json")
  ratios=$(python3 -c "import sys; a, b, g = map(float, sys.argv[1:]); print(f'{a / g:.2f}, {b / g:.2f}')" \
    "$m_new" "$m_note" "$m_git")
  echo "| $n | $(summary "$work/new-$n.json") | $(summary "$work/note-$n.json") | $(summary "$work/git-$n.json") | $ratios | $(mb "$rss") MB | $load_before → $load_after |" >>"$table"
  verdicts+=("$(python3 - "$n" "$m_new" "$m_note" "$m_git" <<'EOF'
import sys
n = int(sys.argv[1]); new, note, git = map(float, sys.argv[2:])
worst = max(new, note)
ok = worst < 0.3 and worst <= git / 2
goal = "" if n >= 100000 else " (the goal is stated for 100,000 cases)"
print(f"{n} cases: slower command {worst * 1000:.0f} ms, git {git * 1000:.0f} ms: "
      f"{'meets' if ok else 'MISSES'} < 300 ms and <= half of git{goal}")
EOF
)")
done

echo
cat "$table"
echo
printf '%s\n' "${verdicts[@]}"
echo "(hyperfine JSON and this table: $work)"
