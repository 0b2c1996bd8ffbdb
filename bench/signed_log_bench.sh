#!/usr/bin/env bash
# Times `casectl log` on a signed history (issue 10) against `git log --show-signature`: a case
# directory where sato signs COMMITS changes through casectl (new, then notes; halfway sato's key
# is replaced by `worker set --signing-key`, itself signed with the old key, so that two versions
# of casectl.yaml are in force), then with hyperfine:
#   warm        the verdicts kept in the history index;
#   cold index  .casectl/history.sqlite deleted before each run: every signature verified again;
#   git         git log --show-signature with an allowed-signers file naming both keys.
# Checks first that casectl calls every signed change `signed` and git says Good as often.
# Prints a markdown table; hyperfine's JSON and the table stay in $BENCH_WORK.
#
# Usage: bench/signed_log_bench.sh [COMMITS]     (default 2000; building takes about 1 min a 1,000)
# Environment: CASECTL_BIN (default build/casectl), RUNS (10), COLD_RUNS (5), BENCH_WORK (default
#              a new folder under /tmp; a directory built there before is used again).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
checkout=$(dirname "$here")
bin=${CASECTL_BIN:-build/casectl}
[[ $bin = /* ]] || bin="$checkout/$bin"
commits=${1:-2000}
runs=${RUNS:-10}
cold_runs=${COLD_RUNS:-5}
work=${BENCH_WORK:-$(mktemp -d /tmp/casectl-signbench.XXXXXX)}
mkdir -p "$work"
work=$(cd "$work" && pwd)
for tool in hyperfine python3 git ssh-keygen; do
  command -v "$tool" >/dev/null || { echo "signed_log_bench: $tool is needed" >&2; exit 2; }
done
[[ -x $bin ]] || { echo "signed_log_bench: no casectl binary at $bin (set CASECTL_BIN)" >&2; exit 2; }
(( commits >= 4 )) || { echo "signed_log_bench: COMMITS must be 4 or more" >&2; exit 2; }

export CASECTL_WORKER=sato CASECTL_TODAY=2026-11-23 NO_COLOR=1
dir="$work/signed-$commits"
keys="$work/keys-$commits"
allowed="$work/allowed-signers-$commits"

# sato's two keys, the directory and its signed history (marked done only when whole).
build() {
  rm -rf "$dir" "$keys" "$dir.done"
  mkdir -p "$keys"
  ssh-keygen -q -t ed25519 -N '' -C '' -f "$keys/a"
  ssh-keygen -q -t ed25519 -N '' -C '' -f "$keys/b"
  "$bin" init "$dir" --worker sato --name "Sato Yuki" --email sato@example.org >/dev/null
  "$bin" -C "$dir" worker set sato --signing-key "@$keys/a.pub" >/dev/null  # before signing: unsigned
  git -C "$dir" config commit.gpgsign true
  git -C "$dir" config gpg.format ssh
  git -C "$dir" config user.signingkey "$keys/a"
  local i id=""
  for ((i = 1; i <= commits; i++)); do
    if ((i == commits / 2)); then
      "$bin" -C "$dir" worker set sato --signing-key "@$keys/b.pub" >/dev/null  # signed with a
      git -C "$dir" config user.signingkey "$keys/b"
    elif ((i % 10 == 1)); then
      id=$("$bin" -C "$dir" new --name X --sex female --source school --urgency routine --concern neglect --reason bench)
    else
      "$bin" -C "$dir" note "$id" "bench note $i" --kind phone >/dev/null
    fi
    ((i % 250 == 0)) && echo "   $i of $commits" >&2
  done
  touch "$dir.done"
}
if [[ ! -f $dir.done ]]; then
  echo "== making $dir ($commits signed changes)" >&2
  start=$SECONDS
  build
  echo "== made in $((SECONDS - start)) s" >&2
fi
printf 'sato@example.org namespaces="git" %s\n' "$(cat "$keys/a.pub")" "$(cat "$keys/b.pub")" >"$allowed"

# Both see every signed change as good.
n_signed=$("$bin" -C "$dir" log --format csv | tail -n +2 | grep -c ',signed$' || true)
n_good=$(git -C "$dir" -c gpg.ssh.allowedSignersFile="$allowed" log --show-signature 2>&1 | grep -c '^Good "git" signature' || true)
total=$(git -C "$dir" rev-list --count HEAD)
[[ $n_signed == "$commits" && $n_good == "$commits" ]] ||
  { echo "signed_log_bench: casectl says $n_signed signed, git $n_good good, of $commits signed changes" >&2; exit 1; }
echo "== $commits signed changes of $total" >&2

log="'$bin' -C '$dir' log"
gitlog="git -C '$dir' -c gpg.ssh.allowedSignersFile='$allowed' log --show-signature"
drop="rm -f '$dir'/.casectl/history.sqlite*"
bench() {  # NAME RUNS PREPARE COMMAND
  local prep=()
  [[ -n $3 ]] && prep=(--prepare "$3")
  hyperfine --warmup "$([[ -n $3 ]] && echo 0 || echo 2)" --runs "$2" "${prep[@]}" \
    --export-json "$work/$1.json" --command-name "$1" "$4 >/dev/null 2>&1" >&2
}
bench casectl-warm "$runs" "" "$log"
bench casectl-cold-index "$cold_runs" "$drop" "$log"
bench git-show-signature "$cold_runs" "" "$gitlog"
"$bin" -C "$dir" log >/dev/null  # leave the index built

python3 - "$work" "$commits" "$total" <<'PY'
import json, sys
work, commits, total = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
r = {k: json.load(open(f"{work}/{k}.json"))["results"][0] for k in
     ("casectl-warm", "casectl-cold-index", "git-show-signature")}
def s(k):
    x = r[k]
    return f"{x['mean'] * 1000:.0f} ± {x['stddev'] * 1000:.0f} ms (min {x['min'] * 1000:.0f})"
def cpu(k):
    return f"{r[k]['user'] * 1000:.0f} + {r[k]['system'] * 1000:.0f} ms"
g = r["git-show-signature"]["mean"]
def against(k):
    x = g / r[k]["mean"]
    if x < 1:
        return f"{1 / x:.1f}x slower"
    return f"{x:.0f}x faster" if x >= 10 else f"{x:.1f}x faster"
print(f"| {commits:,} signed changes ({total:,} commits) | wall | CPU (user + system) | against git |")
print("|---|---|---|---|")
print(f"| `casectl log`, warm (verdicts in the index) | {s('casectl-warm')} | {cpu('casectl-warm')} | {against('casectl-warm')} |")
print(f"| `casectl log`, cold index (every signature verified) | {s('casectl-cold-index')} | {cpu('casectl-cold-index')} | {against('casectl-cold-index')} |")
print(f"| `git log --show-signature` | {s('git-show-signature')} | {cpu('git-show-signature')} | |")
PY
echo "(hyperfine JSON: $work)" >&2
